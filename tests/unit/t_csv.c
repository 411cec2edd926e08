/*
 * Unit tests for lib/csv. Most cases go through parse(), which reads the input
 * from memory and also from a FILE with several tiny read sizes (so every
 * byte lands on a refill boundary somewhere) and checks that all the readings
 * agree, rows, errors and messages alike. Rows are shown as fields joined by
 * '|' and rows by '/', with CR, LF and NUL written \r, \n and \0.
 */
#include <errno.h>
#include "test.h"
#include "lib/buf.h"
#include "lib/csv.h"

struct result {
	struct buf rows;
	struct buf lines; /* the line of each row, comma-separated */
	int code;         /* CSV_END or the error */
	struct err e;
	unsigned long err_row, err_line;
	size_t err_col;
};

static void show(struct buf *b, struct slice f)
{
	size_t i;

	for (i = 0; i < f.len; i++) {
		if (f.ptr[i] == '\r')
			buf_puts(b, "\\r");
		else if (f.ptr[i] == '\n')
			buf_puts(b, "\\n");
		else if (f.ptr[i] == '\0')
			buf_puts(b, "\\0");
		else
			buf_putc(b, f.ptr[i]);
	}
}

static void read_all(struct csv *c, struct result *r)
{
	struct csv_row row;
	size_t i;
	int n = 0;

	buf_init(&r->rows, 0);
	buf_init(&r->lines, 0);
	err_init(&r->e);
	while ((r->code = csv_next(c, &row, &r->e)) == CSV_ROW) {
		if (n)
			buf_putc(&r->rows, '/');
		buf_printf(&r->lines, "%s%lu", n ? "," : "", row.line);
		n++;
		CHECK_INT(row.row, n);
		CHECK(row.n >= 1);
		for (i = 0; i < row.n; i++) {
			if (i)
				buf_putc(&r->rows, '|');
			CHECK(row.fields[i].ptr[row.fields[i].len] == '\0');
			show(&r->rows, row.fields[i]);
		}
	}
	r->err_row = c->err_row;
	r->err_col = c->err_col;
	r->err_line = c->err_line;
	/* Errors are final, and so is the end. */
	{
		struct err again;

		err_init(&again);
		CHECK_INT(csv_next(c, &row, &again), r->code);
		CHECK_STR(again.en, r->e.en);
	}
}

static void result_release(struct result *r)
{
	buf_release(&r->rows);
	buf_release(&r->lines);
}

/* Parses len bytes with opts (may be NULL) from memory and from FILEs. */
static void parse_n(const char *in, size_t len, const struct csv_opts *opts, struct result *r)
{
	static const size_t sizes[] = { 1, 4, 5, 7, 64 };
	struct csv c;
	size_t i;

	CHECK_INT(csv_init_mem(&c, in, len, opts, NULL), 0);
	read_all(&c, r);
	csv_release(&c);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		struct csv_opts o = opts ? *opts : (struct csv_opts){ 0 };
		struct result rf;
		FILE *fp = tmpfile();

		REQUIRE(fp);
		REQUIRE(fwrite(in, 1, len, fp) == len);
		rewind(fp);
		o.read_size = sizes[i];
		CHECK_INT(csv_init_file(&c, fp, &o, NULL), 0);
		read_all(&c, &rf);
		csv_release(&c);
		fclose(fp);
		CHECK_STR(rf.rows.ptr, r->rows.ptr);
		CHECK_STR(rf.lines.ptr, r->lines.ptr);
		CHECK_INT(rf.code, r->code);
		CHECK_STR(rf.e.en, r->e.en);
		CHECK_STR(rf.e.th, r->e.th);
		result_release(&rf);
	}
}

static void parse(const char *in, const struct csv_opts *opts, struct result *r)
{
	parse_n(in, strlen(in), opts, r);
}

/* Parses in and checks it reads as want without error. */
static void expect_rows(const char *in, const struct csv_opts *opts, const char *want)
{
	struct result r;

	parse(in, opts, &r);
	CHECK_STR(r.rows.ptr, want);
	CHECK_INT(r.code, CSV_END);
	if (r.code != CSV_END)
		fprintf(stderr, "    input \"%s\": %s\n", in, r.e.en);
	result_release(&r);
}

/* Parses in and checks the error, its position, and the rows before it. */
static void expect_error(const char *in, const struct csv_opts *opts, int code, unsigned long row,
			 size_t col, unsigned long line, const char *rows_before)
{
	struct result r;

	parse(in, opts, &r);
	CHECK_INT(r.code, code);
	CHECK_INT(r.e.code, code);
	CHECK_INT(r.err_row, row);
	CHECK_INT(r.err_col, col);
	CHECK_INT(r.err_line, line);
	CHECK_STR(r.rows.ptr, rows_before);
	CHECK(strncmp(r.e.en, "CSV row ", 8) == 0);
	CHECK(strncmp(r.e.th, "CSV แถวที่ ", strlen("CSV แถวที่ ")) == 0);
	result_release(&r);
}

static void test_basic(void)
{
	expect_rows("a,b,c\n1,2,3\n", NULL, "a|b|c/1|2|3");
	expect_rows("a,b\n1,2", NULL, "a|b/1|2");
	expect_rows("x", NULL, "x");
	expect_rows(" a , b ", NULL, " a | b "); /* spaces are data */
	expect_rows("ชื่อ,นามสกุล,ตำบล\nสมชาย,ใจดี,ช้างเผือก\n", NULL,
		    "ชื่อ|นามสกุล|ตำบล/สมชาย|ใจดี|ช้างเผือก");
	expect_rows("a,b\n1\n1,2,3\n", NULL, "a|b/1/1|2|3"); /* ragged rows are the caller's call */
}

static void test_line_endings(void)
{
	expect_rows("a,b\r\n1,2\r\n", NULL, "a|b/1|2");
	expect_rows("a\rb\r", NULL, "a/b");
	expect_rows("a\r\nb\nc\rd", NULL, "a/b/c/d");
	expect_rows("\"q\"\r\n\"r\"\r", NULL, "q/r");
}

static void test_empty_fields(void)
{
	expect_rows(",,\n", NULL, "||");
	expect_rows("a,\n", NULL, "a|");
	expect_rows(",a", NULL, "|a");
	expect_rows(",", NULL, "|");
	expect_rows("\"\"", NULL, "");
	expect_rows("\"\",\"\"\n", NULL, "|");
	expect_rows("a,\"\",b", NULL, "a||b");
}

static void test_empty_input(void)
{
	struct csv_opts keep = { .keep_blank_lines = true };
	struct result r;
	struct csv c;
	struct csv_row row;

	expect_rows("", NULL, "");
	expect_rows("\n", NULL, "");
	expect_rows("\r\n\r\n\n\r", NULL, "");
	parse("", &keep, &r);
	CHECK_STR(r.lines.ptr, "");
	result_release(&r);
	CHECK_INT(csv_init_mem(&c, NULL, 0, NULL, NULL), 0);
	CHECK_INT(csv_next(&c, &row, NULL), CSV_END);
	CHECK_INT(csv_next(&c, &row, NULL), CSV_END);
	csv_release(&c);
}

static void test_blank_lines(void)
{
	struct csv_opts keep = { .keep_blank_lines = true };
	struct result r;

	expect_rows("a\n\n\nb\n", NULL, "a/b");
	expect_rows("\n\na\r\n\r\nb", NULL, "a/b");
	/* Kept, each blank line is a row with one empty field. */
	parse("a\n\n\nb\n", &keep, &r);
	CHECK_STR(r.rows.ptr, "a///b");
	CHECK_STR(r.lines.ptr, "1,2,3,4");
	result_release(&r);
	parse("a\r\n\r\nb\r\n", &keep, &r);
	CHECK_STR(r.rows.ptr, "a//b");
	CHECK_STR(r.lines.ptr, "1,2,3");
	result_release(&r);
	parse("\n", &keep, &r);
	CHECK_STR(r.lines.ptr, "1");
	result_release(&r);
	/* Skipped lines still count for line numbers. */
	parse("\n\na\n\nb", NULL, &r);
	CHECK_STR(r.lines.ptr, "3,5");
	result_release(&r);
}

static void test_quotes(void)
{
	expect_rows("\"a,b\",\"c\"\"d\",\"\"\n", NULL, "a,b|c\"d|");
	expect_rows("\"\"\"\"", NULL, "\"");
	expect_rows("\"\"\"quoted\"\"\"", NULL, "\"quoted\"");
	expect_rows("\"ก,ข\",ค", NULL, "ก,ข|ค");
	expect_rows("a,\"b\"", NULL, "a|b");
	expect_rows("\"a\";b", &(struct csv_opts){ .delim = ';' }, "a|b");
}

static void test_embedded_newlines(void)
{
	struct result r;

	parse("\"line1\nline2\",x\r\n\"a\r\nb\",y\n\"c\rd\"\nlast", NULL, &r);
	CHECK_STR(r.rows.ptr, "line1\\nline2|x/a\\r\\nb|y/c\\rd/last");
	CHECK_STR(r.lines.ptr, "1,3,5,7");
	CHECK_INT(r.code, CSV_END);
	result_release(&r);
	parse("a\n\"b\n\nc\"\nd", NULL, &r);
	CHECK_STR(r.rows.ptr, "a/b\\n\\nc/d");
	CHECK_STR(r.lines.ptr, "1,2,5");
	result_release(&r);
}

static void test_bom(void)
{
	struct result r;

	expect_rows("\xEF\xBB\xBF" "a,b\n", NULL, "a|b");
	expect_rows("\xEF\xBB\xBF", NULL, "");
	expect_rows("\xEF\xBB\xBF\"q\"", NULL, "q");
	/* Only at the very start, and only whole. */
	expect_rows("x\n\xEF\xBB\xBF" "a", NULL, "x/\xEF\xBB\xBF" "a");
	expect_rows("\xEF\xBB", NULL, "\xEF\xBB");
	expect_rows("\xEF\xBB\xBF\xEF\xBB\xBF" "a", NULL, "\xEF\xBB\xBF" "a");
	parse("\xEF\xBB\xBF\n\nz", NULL, &r);
	CHECK_STR(r.lines.ptr, "3");
	result_release(&r);
}

static void test_delimiters(void)
{
	struct csv_opts semi = { .delim = ';' }, tab = { .delim = '\t' }, pipe = { .delim = '|' };
	struct csv c;
	struct err e;

	expect_rows("a;b,c\n1;\"2;3\"\n", &semi, "a|b,c/1|2;3");
	expect_rows("a\tb c\t\n", &tab, "a|b c|");
	expect_rows("x|y", &pipe, "x|y");
	/* A quote, a line break or a control byte cannot be a delimiter. */
	err_init(&e);
	CHECK_INT(csv_init_mem(&c, "a", 1, &(struct csv_opts){ .delim = '"' }, &e), ERR_INVALID);
	CHECK(strstr(e.en, "delimiter") != NULL);
	csv_release(&c);
	CHECK_INT(csv_init_mem(&c, "a", 1, &(struct csv_opts){ .delim = '\n' }, NULL), ERR_INVALID);
	{
		struct csv_row row;

		/* and the reader refuses to read */
		CHECK_INT(csv_next(&c, &row, &e), ERR_INVALID);
	}
	csv_release(&c);
	CHECK_INT(csv_init_mem(&c, "a", 1, &(struct csv_opts){ .delim = (char)0xE0 }, NULL),
		  ERR_INVALID);
	csv_release(&c);
}

static void test_nul_bytes(void)
{
	struct result r;

	parse_n("a\0b,\"c\0\"\n", 9, NULL, &r);
	CHECK_STR(r.rows.ptr, "a\\0b|c\\0");
	CHECK_INT(r.code, CSV_END);
	result_release(&r);
}

static void test_unterminated(void)
{
	struct result r;

	expect_error("a,b\n1,\"abc\nxyz", NULL, ERR_INVALID, 2, 2, 2, "a|b");
	expect_error("\"", NULL, ERR_INVALID, 1, 1, 1, "");
	expect_error("\"abc\"\"", NULL, ERR_INVALID, 1, 1, 1, "");
	expect_error("x\n\n\"a\nb\nc", NULL, ERR_INVALID, 2, 1, 3, "x");
	/* Even lenient readers cannot guess where a quote was meant to end. */
	expect_error("a,\"b", &(struct csv_opts){ .lenient = true }, ERR_INVALID, 1, 2, 1, "");
	parse("a,b\n1,\"abc\nxyz", NULL, &r);
	CHECK_STR(r.e.en, "CSV row 2, column 2, line 2: the quote opened on line 2 is never closed");
	CHECK_STR(r.e.th, "CSV แถวที่ 2 คอลัมน์ที่ 2 บรรทัดที่ 2: "
			  "เครื่องหมายคำพูดที่เปิดในบรรทัดที่ 2 ไม่ได้ปิด");
	result_release(&r);
}

static void test_stray_quotes(void)
{
	struct csv_opts lenient = { .lenient = true };
	struct result r;

	expect_error("a,b\"c\n", NULL, ERR_INVALID, 1, 2, 1, "");
	expect_error("ok\nx,y,z\"\n", NULL, ERR_INVALID, 2, 3, 2, "ok");
	expect_error("\"ab\"c,d", NULL, ERR_INVALID, 1, 1, 1, "");
	expect_error("\"a\" ,b", NULL, ERR_INVALID, 1, 1, 1, "");
	expect_error("1\n\"multi\nline\"x", NULL, ERR_INVALID, 2, 1, 3, "1");
	parse("a,b\"c\n", NULL, &r);
	CHECK(strstr(r.e.en, "a quote (\") inside an unquoted field") != NULL);
	CHECK(strstr(r.e.th, "เครื่องหมายคำพูด") != NULL);
	result_release(&r);

	expect_rows("a,b\"c\n", &lenient, "a|b\"c");
	expect_rows("\"ab\"c,d", &lenient, "abc|d");
	expect_rows("\"a\" ,b", &lenient, "a |b");
	expect_rows("5\" disk,\"x\"y\"z\"", &lenient, "5\" disk|xy\"z\"");
}

static void test_limits(void)
{
	struct csv_opts small = { .max_field = 5, .max_fields = 3, .max_row = 8, .max_rows = 2 };

	expect_rows("12345,1,2\nab,cd,efgh", &small, "12345|1|2/ab|cd|efgh");
	expect_error("1,123456", &small, ERR_TOO_LARGE, 1, 2, 1, "");
	expect_error("12345,123456", &small, ERR_TOO_LARGE, 1, 2, 1, ""); /* the row bound comes first */
	expect_error("\"12\"\"345\"", &small, ERR_TOO_LARGE, 1, 1, 1, ""); /* 6 bytes of content */
	expect_rows("\"12\"\"34\"", &small, "12\"34");
	expect_error("a,b,c,d", &small, ERR_TOO_LARGE, 1, 4, 1, "");
	expect_error("abcd,efgh,i", &small, ERR_TOO_LARGE, 1, 3, 1, "");
	expect_error("a\nb\nc", &small, ERR_TOO_LARGE, 3, 0, 3, "a/b");
	expect_error("a\n\"b\nc\"\n\"d\ne\"", &small, ERR_TOO_LARGE, 3, 0, 4, "a/b\\nc");
	{
		struct result r;

		parse("1,123456", &small, &r);
		CHECK_STR(r.e.en, "CSV row 1, column 2, line 1: field longer than 5 bytes");
		CHECK_STR(r.e.th, "CSV แถวที่ 1 คอลัมน์ที่ 2 บรรทัดที่ 1: ช่องยาวเกิน 5 ไบต์");
		result_release(&r);
		parse("12345,123456", &small, &r);
		CHECK_STR(r.e.en, "CSV row 1, column 2, line 1: row longer than 8 bytes");
		result_release(&r);
		parse("a\nb\nc", &small, &r);
		CHECK_STR(r.e.en, "CSV row 3, line 3: more than 2 rows");
		result_release(&r);
	}
}

static void test_default_limits(void)
{
	struct buf in;
	struct result r;
	size_t i;

	/* One field just over the default bound fails, at it is fine. */
	buf_init(&in, 0);
	for (i = 0; i < CSV_DEFAULT_MAX_FIELD; i++)
		buf_putc(&in, 'x');
	parse(in.ptr, NULL, &r);
	CHECK_INT(r.code, CSV_END);
	result_release(&r);
	buf_putc(&in, 'x');
	parse(in.ptr, NULL, &r);
	CHECK_INT(r.code, ERR_TOO_LARGE);
	result_release(&r);
	buf_release(&in);
}

static void test_io_error(void)
{
	struct csv c;
	struct csv_row row;
	struct err e;
	FILE *fp = fopen("/dev/null", "w"); /* reading it fails */

	REQUIRE(fp);
	err_init(&e);
	CHECK_INT(csv_init_file(&c, fp, NULL, &e), 0);
	CHECK_INT(csv_next(&c, &row, &e), ERR_IO);
	CHECK(strstr(e.en, "cannot read the CSV file") != NULL);
	CHECK(strstr(e.th, "อ่านไฟล์ CSV ไม่ได้") != NULL);
	CHECK_INT(csv_next(&c, &row, NULL), ERR_IO);
	csv_release(&c);
	fclose(fp);
}

static void test_write(void)
{
	struct slice f[] = { SLICE("a"), SLICE("b,c"), SLICE("d\"e"), SLICE(""), SLICE("x\ny"),
			     SLICE("ไทย"), SLICE("r\r") };
	struct slice one_empty[] = { SLICE("") };
	struct slice bom_first[] = { SLICE("\xEF\xBB\xBFx"), SLICE("y") };
	struct buf b;

	buf_init(&b, 0);
	CHECK_INT(csv_write_row(&b, f, ARRAY_SIZE(f), 0), 0);
	CHECK_STR(b.ptr, "a,\"b,c\",\"d\"\"e\",,\"x\ny\",ไทย,\"r\r\"\r\n");
	buf_reset(&b);
	CHECK_INT(csv_write_row(&b, f, 2, ';'), 0);
	CHECK_STR(b.ptr, "a;b,c\r\n");
	buf_reset(&b);
	CHECK_INT(csv_write_row(&b, one_empty, 1, 0), 0);
	CHECK_STR(b.ptr, "\"\"\r\n");
	buf_reset(&b);
	CHECK_INT(csv_write_row(&b, bom_first, 2, 0), 0);
	CHECK_STR(b.ptr, "\"\xEF\xBB\xBFx\",y\r\n");
	buf_release(&b);

	buf_init(&b, 6);
	CHECK_INT(csv_write_row(&b, f, ARRAY_SIZE(f), 0), -1);
	CHECK(b.len <= 6);
	buf_release(&b);
}

/* Whatever is written reads back the same, with either delimiter. */
static void test_round_trip(void)
{
	static const char *const rows[][3] = {
		{ "plain", "ก,ข", "\"" },
		{ "", "", "" },
		{ "\r\n", "\n\n", "\r" },
		{ "\xEF\xBB\xBF", " ", "a\"\"b" },
	};
	static const char delims[] = { ',', ';', '\t' };
	size_t d, i, j;

	for (d = 0; d < ARRAY_SIZE(delims); d++) {
		struct csv_opts o = { .delim = delims[d] };
		struct buf out, want;
		struct result r;

		buf_init(&out, 0);
		buf_init(&want, 0);
		/* A lone empty field first, where a BOM or blank line would go. */
		{
			struct slice e1[] = { SLICE("") };

			csv_write_row(&out, e1, 1, delims[d]);
		}
		for (i = 0; i < ARRAY_SIZE(rows); i++) {
			struct slice f[3];

			buf_putc(&want, '/');
			for (j = 0; j < 3; j++) {
				f[j] = slice_of(rows[i][j]);
				if (j)
					buf_putc(&want, '|');
				show(&want, f[j]);
			}
			CHECK_INT(csv_write_row(&out, f, 3, delims[d]), 0);
		}
		parse_n(out.ptr, out.len, &o, &r);
		CHECK_STR(r.rows.ptr, want.ptr);
		CHECK_INT(r.code, CSV_END);
		result_release(&r);
		buf_release(&out);
		buf_release(&want);
	}
}

static void test_large_file(void)
{
	struct csv c;
	struct csv_row row;
	struct err e;
	FILE *fp = tmpfile();
	unsigned long n = 0;
	int i, r;

	REQUIRE(fp);
	fputs("\xEF\xBB\xBFid,name,amount\r\n", fp);
	for (i = 1; i <= 50000; i++)
		fprintf(fp, "%d,\"นาย ทดสอบ, คนที่ %d\",%d.00\r\n", i, i, i % 1000);
	rewind(fp);
	err_init(&e);
	REQUIRE(csv_init_file(&c, fp, NULL, &e) == 0);
	while ((r = csv_next(&c, &row, &e)) == CSV_ROW) {
		n++;
		CHECK_INT(row.n, 3);
		if (n == 1)
			CHECK_STR(row.fields[0].ptr, "id");
		if (n == 40001) {
			CHECK_STR(row.fields[1].ptr, "นาย ทดสอบ, คนที่ 40000");
			CHECK_INT(row.line, 40001);
		}
	}
	CHECK_INT(r, CSV_END);
	CHECK_INT(n, 50001);
	csv_release(&c);
	fclose(fp);
}

int main(void)
{
	RUN(test_basic);
	RUN(test_line_endings);
	RUN(test_empty_fields);
	RUN(test_empty_input);
	RUN(test_blank_lines);
	RUN(test_quotes);
	RUN(test_embedded_newlines);
	RUN(test_bom);
	RUN(test_delimiters);
	RUN(test_nul_bytes);
	RUN(test_unterminated);
	RUN(test_stray_quotes);
	RUN(test_limits);
	RUN(test_default_limits);
	RUN(test_io_error);
	RUN(test_write);
	RUN(test_round_trip);
	RUN(test_large_file);
	return test_summary("csv");
}
