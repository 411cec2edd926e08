/*
 * Unit tests for lib/sheet. Each table is written as .xlsx and read back
 * with lib/xlsx, and as CSV and read back with lib/csv, and compared cell by
 * cell with what was written: text exactly, integers and dates as they
 * went in, money back in satang (parsed from the decimal text, no floating
 * point), so a rounding slip anywhere shows.
 */
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include "test.h"
#include "lib/csv.h"
#include "lib/sheet.h"
#include "lib/xlsx.h"

static char tmpdir[64];

static const struct sheet_col cols[] = {
	{ "ชื่อ-นามสกุล", SHEET_TEXT, 30 },
	{ "อายุ", SHEET_INT, 0 },
	{ "วันเกิด", SHEET_DATE, 12 },
	{ "เบี้ยยังชีพ (บาท)", SHEET_MONEY, 0 },
	{ "หมายเหตุ", SHEET_TEXT, 0 },
};
#define NCOLS ARRAY_SIZE(cols)

/* Rows as written; NULL ends a short row. */
static const char *const rows[][NCOLS] = {
	{ "นางสมศรี ใจดี", "67", "1957-07-15", "60000", "ผู้สูงอายุ" },
	{ "นายสมชาย แก้วประเสริฐ", "", "2024-02-29", "123456", "" },
	{ "ด.ญ. น้ำฝน", "0", "1900-01-01", "-50", "\"quoted\", with comma\r\nand two lines" },
	{ "", "-42", "1900-02-28", "1", "=1+1" },
	{ "ข้อความ _x0041_ ที่ดูเหมือน escape", "999999999999999", "1900-03-01", "999999999999999",
	  "ctrl \x01 tab\t😀" },
	{ "แถวสั้น", NULL },
	{ "", "", "9999-12-31", "0", NULL },
};

static void path_of(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", tmpdir, name);
}

/* Files in the temporary directory (leftovers show here). */
static int files_in_tmp(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static size_t row_len(const char *const *r)
{
	size_t n = 0;

	while (n < NCOLS && r[n])
		n++;
	return n;
}

static void write_table(const char *path, enum sheet_format fmt, const struct sheet_opts *o)
{
	struct sheet_writer *w = NULL;
	struct slice cells[NCOLS];
	struct err e;
	size_t i, j;

	err_init(&e);
	REQUIRE(sheet_writer_open(path, fmt, cols, NCOLS, o, &w, &e) == 0);
	/* Nothing at the path until the end. */
	CHECK(access(path, F_OK) != 0);
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		size_t n = row_len(rows[i]);

		for (j = 0; j < n; j++)
			cells[j] = slice_of(rows[i][j]);
		CHECK_INT(sheet_writer_row(w, cells, n, &e), 0);
	}
	CHECK_INT(sheet_writer_finish(w, &e), 0);
	if (e.code)
		fprintf(stderr, "    %s\n", e.en);
	sheet_writer_free(w);
	CHECK(access(path, F_OK) == 0);
}

/* "1234.56" -> 123456 satang; the text must be a plain decimal of at most two places. */
static int satang_of(const char *s, long long *v)
{
	long long n = 0;
	int frac = -1;
	bool neg = *s == '-';

	if (neg)
		s++;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || frac == 2)
			return -1;
		n = n * 10 + (*s - '0');
		if (frac >= 0)
			frac++;
	}
	for (frac = frac < 0 ? 0 : frac; frac < 2; frac++)
		n *= 10;
	*v = neg ? -n : n;
	return 0;
}

/* Compares what was read for row i, column j (text and type) with what was written. */
static void check_cell(size_t i, size_t j, const char *got, size_t got_len, int type, bool xlsx)
{
	const char *want = j < row_len(rows[i]) ? rows[i][j] : "";

	if (!*want) {
		CHECK_INT(got_len, 0);
		if (xlsx)
			CHECK_INT(type, XLSX_EMPTY);
		return;
	}
	switch (cols[j].type) {
	case SHEET_MONEY: {
		long long a = 0;

		CHECK_INT(satang_of(got, &a), 0);
		CHECK_INT(a, strtoll(want, NULL, 10));
		if (xlsx)
			CHECK_INT(type, XLSX_NUMBER);
		break;
	}
	case SHEET_DATE:
		CHECK_STR(got, want);
		if (xlsx)
			CHECK_INT(type, XLSX_DATE);
		break;
	case SHEET_INT:
		CHECK_STR(got, want);
		if (xlsx)
			CHECK_INT(type, XLSX_NUMBER);
		break;
	default:
		CHECK(got_len == strlen(want) && !memcmp(got, want, got_len));
		if (!(got_len == strlen(want) && !memcmp(got, want, got_len)))
			fprintf(stderr, "    got \"%.*s\", want \"%s\"\n", (int)got_len, got, want);
		if (xlsx)
			CHECK_INT(type, XLSX_STRING);
	}
}

static void test_xlsx_round_trip(void)
{
	struct sheet_opts o = { .sheet_name = "ผู้รับเบี้ย" };
	struct xlsx *x = NULL;
	struct xlsx_row row;
	struct err e;
	char path[128];
	size_t i = 0, j;
	int r;

	path_of(path, sizeof(path), "export.xlsx");
	write_table(path, SHEET_XLSX, &o);
	err_init(&e);
	REQUIRE(xlsx_open_file(path, NULL, &x, &e) == 0);
	CHECK_INT(xlsx_sheet_count(x), 1);
	CHECK_STR(xlsx_sheet_at(x, 0)->name, "ผู้รับเบี้ย");
	REQUIRE(xlsx_next_row(x, &row, &e) == XLSX_ROW);
	CHECK_INT(row.row, 1);
	CHECK_INT(row.n, NCOLS);
	for (j = 0; j < NCOLS && j < row.n; j++) {
		CHECK_STR(row.cells[j].text.ptr, cols[j].title);
		CHECK_INT(row.cells[j].type, XLSX_STRING);
	}
	/* Data rows: row 2 onwards, every row written has a value somewhere. */
	while ((r = xlsx_next_row(x, &row, &e)) == XLSX_ROW) {
		REQUIRE(i < ARRAY_SIZE(rows));
		CHECK_INT(row.row, i + 2);
		for (j = 0; j < NCOLS; j++) {
			if (j < row.n)
				check_cell(i, j, row.cells[j].text.ptr, row.cells[j].text.len,
					   row.cells[j].type, true);
			else
				check_cell(i, j, "", 0, XLSX_EMPTY, true);
		}
		i++;
	}
	CHECK_INT(r, XLSX_END);
	CHECK_INT(i, ARRAY_SIZE(rows));
	xlsx_free(x);
	unlink(path);
}

static void test_csv_round_trip(void)
{
	struct csv c;
	struct csv_row row;
	struct err e;
	struct buf file = BUF_INIT;
	char path[128];
	size_t i = 0, j;
	FILE *fp;
	int r;

	path_of(path, sizeof(path), "export.csv");
	write_table(path, SHEET_CSV, NULL);
	fp = fopen(path, "rb");
	REQUIRE(fp != NULL);
	{
		char head[3] = { 0 };

		CHECK_INT(fread(head, 1, 3, fp), 3);
		CHECK(!memcmp(head, "\xEF\xBB\xBF", 3));
		rewind(fp);
	}
	err_init(&e);
	REQUIRE(csv_init_file(&c, fp, NULL, &e) == 0);
	REQUIRE(csv_next(&c, &row, &e) == CSV_ROW);
	CHECK_INT(row.n, NCOLS);
	for (j = 0; j < NCOLS && j < row.n; j++)
		CHECK_STR(row.fields[j].ptr, cols[j].title);
	while ((r = csv_next(&c, &row, &e)) == CSV_ROW) {
		REQUIRE(i < ARRAY_SIZE(rows));
		CHECK_INT(row.n, NCOLS); /* short rows are padded */
		for (j = 0; j < NCOLS && j < row.n; j++)
			check_cell(i, j, row.fields[j].ptr, row.fields[j].len, 0, false);
		i++;
	}
	CHECK_INT(r, CSV_END);
	CHECK_INT(i, ARRAY_SIZE(rows));
	csv_release(&c);
	fclose(fp);
	/* Money is written with two decimals. */
	{
		FILE *f = fopen(path, "rb");
		char tmp[4096];
		size_t n = f ? fread(tmp, 1, sizeof(tmp), f) : 0;

		if (f)
			fclose(f);
		buf_add(&file, tmp, n);
		CHECK(strstr(file.ptr, ",1234.56,") != NULL);
		CHECK(strstr(file.ptr, ",-0.50,") != NULL);
		CHECK(strstr(file.ptr, ",9999999999999.99,") != NULL);
		CHECK(strstr(file.ptr, ",0.00,\r\n") != NULL);
	}
	buf_release(&file);
	unlink(path);
}

static void test_guard(void)
{
	static const struct sheet_col c1[] = { { "t", SHEET_TEXT, 0 }, { "n", SHEET_INT, 0 } };
	struct sheet_opts o = { .csv_guard_formulas = true };
	struct sheet_writer *w = NULL;
	struct slice cells[2] = { SLICE("=HYPERLINK(\"http://x\")"), SLICE("-5") };
	struct buf file = BUF_INIT;
	char path[128];

	path_of(path, sizeof(path), "guard.csv");
	REQUIRE(sheet_writer_open(path, SHEET_CSV, c1, 2, &o, &w, NULL) == 0);
	CHECK_INT(sheet_writer_row(w, cells, 2, NULL), 0);
	cells[0] = SLICE("+66 81 234 5678");
	CHECK_INT(sheet_writer_row(w, cells, 2, NULL), 0);
	cells[0] = SLICE("ปกติ");
	CHECK_INT(sheet_writer_row(w, cells, 2, NULL), 0);
	CHECK_INT(sheet_writer_finish(w, NULL), 0);
	sheet_writer_free(w);
	{
		FILE *f = fopen(path, "rb");
		char tmp[512];
		size_t n = f ? fread(tmp, 1, sizeof(tmp), f) : 0;

		if (f)
			fclose(f);
		buf_add(&file, tmp, n);
	}
	/* Numbers are not text: -5 keeps its sign. */
	CHECK_STR(file.ptr, "\xEF\xBB\xBFt,n\r\n\"'=HYPERLINK(\"\"http://x\"\")\",-5\r\n"
			    "'+66 81 234 5678,-5\r\nปกติ,-5\r\n");
	buf_release(&file);
	unlink(path);
}

/* A bad cell fails the same way in both formats, and leaves no file. */
static void expect_bad_row(const char *const *cells_in, size_t n, int code, const char *msg,
			   const char *field)
{
	enum sheet_format fmt;
	struct slice cells[NCOLS + 1], good = SLICE("ดี");
	size_t i;

	for (i = 0; i < n; i++)
		cells[i] = slice_of(cells_in[i]);
	for (fmt = SHEET_CSV; fmt <= SHEET_XLSX; fmt++) {
		struct sheet_writer *w = NULL;
		struct err e, again;
		char path[128];

		path_of(path, sizeof(path), fmt == SHEET_CSV ? "bad.csv" : "bad.xlsx");
		err_init(&e);
		err_init(&again);
		REQUIRE(sheet_writer_open(path, fmt, cols, NCOLS, NULL, &w, &e) == 0);
		CHECK_INT(sheet_writer_row(w, &good, 1, &e), 0);
		CHECK_INT(sheet_writer_row(w, cells, n, &e), code);
		CHECK_STR(e.en, msg);
		CHECK(e.th[0] && strcmp(e.th, e.en));
		CHECK_STR(e.field, field);
		/* The writer takes nothing more, and finishing reports the error. */
		CHECK_INT(sheet_writer_row(w, &good, 1, &again), code);
		CHECK_INT(sheet_writer_finish(w, &again), code);
		CHECK_STR(again.en, msg);
		sheet_writer_free(w);
		CHECK(access(path, F_OK) != 0);
		CHECK_INT(files_in_tmp(), 0);
	}
}

static void test_bad_cells(void)
{
	const char *bad_date[] = { "ก", "1", "2024-02-30" };
	const char *bad_date2[] = { "ก", "1", "1899-12-31" };
	const char *bad_int[] = { "ก", "1.5" };
	const char *big_int[] = { "ก", "1234567890123456" };
	const char *bad_money[] = { "ก", "1", "2024-01-01", "12.50" };
	const char *bad_utf8[] = { "ก\xE0\xB8" };
	const char *too_many[] = { "1", "2", "2024-01-01", "4", "5", "6" };
	struct slice with_nul[1] = { { "a\0b", 3 } };

	expect_bad_row(bad_date, 3, ERR_INVALID,
		       "row 3, column 'วันเกิด': not a date YYYY-MM-DD from 1900 to 9999: '2024-02-30'",
		       "วันเกิด");
	expect_bad_row(bad_date2, 3, ERR_INVALID,
		       "row 3, column 'วันเกิด': not a date YYYY-MM-DD from 1900 to 9999: '1899-12-31'",
		       "วันเกิด");
	expect_bad_row(bad_int, 2, ERR_INVALID,
		       "row 3, column 'อายุ': not an integer of at most 15 digits: '1.5'", "อายุ");
	expect_bad_row(big_int, 2, ERR_INVALID,
		       "row 3, column 'อายุ': not an integer of at most 15 digits: '1234567890123456'",
		       "อายุ");
	expect_bad_row(bad_money, 4, ERR_INVALID,
		       "row 3, column 'เบี้ยยังชีพ (บาท)': not an amount in satang (an integer of at "
		       "most 15 digits): '12.50'",
		       "เบี้ยยังชีพ (บาท)");
	expect_bad_row(bad_utf8, 1, ERR_INVALID,
		       "row 3, column 'ชื่อ-นามสกุล': text is not valid UTF-8 (at byte 4)",
		       "ชื่อ-นามสกุล");
	expect_bad_row(too_many, 6, ERR_INVALID, "row 3 has 6 cells but the table has 5 columns", "");
	/* A NUL inside a cell. */
	{
		struct sheet_writer *w = NULL;
		struct err e;
		char path[128];

		path_of(path, sizeof(path), "nul.xlsx");
		err_init(&e);
		REQUIRE(sheet_writer_open(path, SHEET_XLSX, cols, NCOLS, NULL, &w, &e) == 0);
		CHECK_INT(sheet_writer_row(w, with_nul, 1, &e), ERR_INVALID);
		CHECK_STR(e.en, "row 2, column 'ชื่อ-นามสกุล': text holds a NUL byte");
		sheet_writer_free(w);
	}
	CHECK_INT(files_in_tmp(), 0);
}

static void test_long_text(void)
{
	static const struct sheet_col c1[] = { { "t", SHEET_TEXT, 0 } };
	struct sheet_writer *w = NULL;
	struct buf s = BUF_INIT;
	struct slice cell;
	struct err e;
	char path[128];
	int i;

	for (i = 0; i < 32767; i++)
		buf_puts(&s, "ก");
	path_of(path, sizeof(path), "long.xlsx");
	err_init(&e);
	REQUIRE(sheet_writer_open(path, SHEET_XLSX, c1, 1, NULL, &w, &e) == 0);
	cell = (struct slice){ s.ptr, s.len };
	CHECK_INT(sheet_writer_row(w, &cell, 1, &e), 0); /* 32,767 characters fit */
	buf_puts(&s, "ข");
	cell = (struct slice){ s.ptr, s.len };
	CHECK_INT(sheet_writer_row(w, &cell, 1, &e), ERR_TOO_LARGE);
	CHECK(strstr(e.en, "row 3, column 't': text longer than 32,767 characters: 'กกกกกกกกกกกกก…'") ==
	      e.en);
	sheet_writer_free(w);
	CHECK_INT(files_in_tmp(), 0);
	buf_release(&s);
}

static void test_open_errors(void)
{
	struct sheet_opts bad_name = { .sheet_name = "a/b" };
	static const struct sheet_col bad_title[] = { { "\xff", SHEET_TEXT, 0 } };
	struct sheet_writer *w = (struct sheet_writer *)1;
	struct err e;
	char path[128];

	path_of(path, sizeof(path), "x.xlsx");
	err_init(&e);
	CHECK_INT(sheet_writer_open(path, SHEET_XLSX, cols, NCOLS, &bad_name, &w, &e), ERR_INVALID);
	CHECK(w == NULL);
	CHECK(strstr(e.en, "unusable sheet name 'a/b': ") == e.en);
	CHECK_INT(files_in_tmp(), 0);
	CHECK_INT(sheet_writer_open(path, SHEET_XLSX, cols, 0, NULL, &w, &e), ERR_INVALID);
	CHECK_INT(sheet_writer_open(path, SHEET_CSV, bad_title, 1, NULL, &w, &e), ERR_INVALID);
	CHECK_STR(e.en, "the title of column 1 is not UTF-8");
	CHECK_INT(sheet_writer_open("/nonexistent-dir/x.csv", SHEET_CSV, cols, NCOLS, NULL, &w, &e),
		  ERR_IO);
	CHECK(strstr(e.en, "cannot write /nonexistent-dir/x.csv: ") == e.en);
	CHECK_INT(files_in_tmp(), 0);
}

static void test_abandon_and_replace(void)
{
	struct slice cell = SLICE("ใหม่");
	struct sheet_writer *w = NULL;
	enum sheet_format fmt;
	char path[128];
	struct stat st;

	for (fmt = SHEET_CSV; fmt <= SHEET_XLSX; fmt++) {
		path_of(path, sizeof(path), fmt == SHEET_CSV ? "a.csv" : "a.xlsx");
		/* Abandoned: nothing is left. */
		REQUIRE(sheet_writer_open(path, fmt, cols, NCOLS, NULL, &w, NULL) == 0);
		CHECK_INT(sheet_writer_row(w, &cell, 1, NULL), 0);
		sheet_writer_free(w);
		CHECK_INT(files_in_tmp(), 0);
		/* Finished over an old file: replaced, private. */
		{
			FILE *f = fopen(path, "w");

			REQUIRE(f != NULL);
			fputs("old", f);
			fclose(f);
		}
		REQUIRE(sheet_writer_open(path, fmt, cols, NCOLS, NULL, &w, NULL) == 0);
		CHECK_INT(sheet_writer_row(w, &cell, 1, NULL), 0);
		CHECK_INT(sheet_writer_finish(w, NULL), 0);
		CHECK_INT(sheet_writer_finish(w, NULL), ERR_INVALID); /* only once */
		sheet_writer_free(w);
		REQUIRE(stat(path, &st) == 0);
		CHECK(st.st_size > 3);
		CHECK_INT(st.st_mode & 0777, 0600);
		CHECK_INT(files_in_tmp(), 1);
		unlink(path);
	}
	CHECK_INT(sheet_format_of("a.XLSX"), SHEET_XLSX);
	CHECK_INT(sheet_format_of("a.csv"), SHEET_CSV);
	CHECK_INT(sheet_format_of("xlsx"), SHEET_CSV);
}

/* Many rows through constant-memory mode, and back. */
static void test_many_rows(void)
{
	enum { N = 20000 };
	struct sheet_writer *w = NULL;
	struct xlsx *x = NULL;
	struct xlsx_row row;
	struct slice cells[NCOLS];
	char path[128], name[64], age[16], money[32];
	unsigned long i;
	int r;

	path_of(path, sizeof(path), "many.xlsx");
	REQUIRE(sheet_writer_open(path, SHEET_XLSX, cols, NCOLS, NULL, &w, NULL) == 0);
	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "ผู้รับรายที่ %lu", i);
		snprintf(age, sizeof(age), "%lu", 60 + i % 40);
		snprintf(money, sizeof(money), "%lu", 60000 + i);
		cells[0] = slice_of(name);
		cells[1] = slice_of(age);
		cells[2] = SLICE("2000-01-01");
		cells[3] = slice_of(money);
		REQUIRE(sheet_writer_row(w, cells, 4, NULL) == 0);
	}
	REQUIRE(sheet_writer_finish(w, NULL) == 0);
	sheet_writer_free(w);
	REQUIRE(xlsx_open_file(path, NULL, &x, NULL) == 0);
	REQUIRE(xlsx_next_row(x, &row, NULL) == XLSX_ROW);
	for (i = 0; (r = xlsx_next_row(x, &row, NULL)) == XLSX_ROW; i++) {
		long long satang = 0;

		snprintf(name, sizeof(name), "ผู้รับรายที่ %lu", i);
		CHECK_STR(row.cells[0].text.ptr, name);
		CHECK_STR(row.cells[2].text.ptr, "2000-01-01");
		CHECK_INT(satang_of(row.cells[3].text.ptr, &satang), 0);
		CHECK_INT(satang, 60000 + i);
		if (test_cur_failed)
			break;
	}
	CHECK_INT(r, XLSX_END);
	CHECK_INT(i, N);
	xlsx_free(x);
	unlink(path);
}

/* Reads row `want` of the selected sheet (skipping to it); NULL when absent. */
static const struct xlsx_row *row_at(struct xlsx *x, unsigned long want, struct xlsx_row *row)
{
	struct err e;

	while (xlsx_next_row(x, row, &e) == XLSX_ROW) {
		if (row->row == want)
			return row;
		if (row->row > want)
			break;
	}
	return NULL;
}

static const char *cell_text(const struct xlsx_row *r, size_t col)
{
	return r && col < r->n ? r->cells[col].text.ptr : "";
}

/* A workbook of two sheets, titles and two tables on one sheet, made in memory. */
static void test_book(void)
{
	static const struct sheet_col money[] = {
		{ "รายการ", SHEET_TEXT, 40 }, { "จำนวนเงิน (บาท)", SHEET_MONEY, 16 },
	};
	static const struct sheet_col book[] = {
		{ "วันที่", SHEET_DATE, 12 }, { "เลขที่", SHEET_INT, 0 },
		{ "รายการ", SHEET_TEXT, 10 }, { "รับ (บาท)", SHEET_MONEY, 0 },
	};
	struct sheet_book *b = NULL;
	struct buf out = BUF_INIT;
	struct xlsx *x = NULL;
	struct xlsx_row row;
	const struct xlsx_row *r;
	struct err e;
	int before = files_in_tmp();
	struct sheet_opts o = { .tmpdir = tmpdir };

	err_init(&e);
	REQUIRE(sheet_book_open(&b, &o, &e) == 0);
	CHECK_INT(files_in_tmp(), before + 1); /* the file to be */
	CHECK_INT(sheet_book_sheet(b, "งบรายรับรายจ่าย"), 0);
	CHECK_INT(sheet_book_text(b, "กองทุนสวัสดิการชุมชนตำบลศรีภูมิ", SHEET_TITLE), 0);
	CHECK_INT(sheet_book_text(b, "1 มกราคม – 31 ธันวาคม 2568", 0), 0);
	CHECK_INT(sheet_book_blank(b), 0);
	CHECK_INT(sheet_book_table(b, money, 2), 0);
	{
		struct slice c1[] = { SLICE("เงินสมทบจากสมาชิก"), SLICE("3650050") };
		struct slice c2[] = { SLICE("รวมรายรับ"), SLICE("3650050") };

		CHECK_INT(sheet_book_row(b, c1, 2, 0), 0);
		CHECK_INT(sheet_book_row(b, c2, 2, SHEET_BOLD), 0);
	}
	CHECK_INT(sheet_book_blank(b), 0);
	CHECK_INT(sheet_book_table(b, book, 4), 0); /* a second table, other types */
	{
		struct slice c[] = { SLICE("2025-01-05"), SLICE("17"), SLICE("รับเงิน"),
				     SLICE("-120") };

		CHECK_INT(sheet_book_row(b, c, 4, 0), 0);
	}
	CHECK_INT(sheet_book_sheet(b, "Cash book"), 0);
	CHECK_INT(sheet_book_table(b, book, 3), 0);
	{
		struct slice c[] = { SLICE("2024-02-29"), SLICE("1") };

		CHECK_INT(sheet_book_row(b, c, 2, 0), 0);
	}
	REQUIRE(sheet_book_finish(b, &out, &e) == 0);
	sheet_book_free(b);
	CHECK_INT(files_in_tmp(), before); /* nothing left behind */
	REQUIRE(out.len > 4);
	CHECK(!memcmp(out.ptr, "PK\x03\x04", 4));

	REQUIRE(xlsx_open_mem(out.ptr, out.len, NULL, &x, &e) == 0);
	REQUIRE(xlsx_sheet_count(x) == 2);
	CHECK_STR(xlsx_sheet_at(x, 0)->name, "งบรายรับรายจ่าย");
	CHECK_STR(xlsx_sheet_at(x, 1)->name, "Cash book");
	REQUIRE(xlsx_select_sheet_at(x, 0, &e) == 0);
	r = row_at(x, 1, &row);
	CHECK_STR(cell_text(r, 0), "กองทุนสวัสดิการชุมชนตำบลศรีภูมิ");
	r = row_at(x, 4, &row); /* row 3 is blank */
	CHECK_STR(cell_text(r, 0), "รายการ");
	CHECK_STR(cell_text(r, 1), "จำนวนเงิน (บาท)");
	r = row_at(x, 5, &row);
	CHECK_STR(cell_text(r, 1), "36500.5");
	CHECK(r && r->cells[1].type == XLSX_NUMBER);
	r = row_at(x, 6, &row);
	CHECK_STR(cell_text(r, 0), "รวมรายรับ");
	r = row_at(x, 8, &row);
	CHECK_STR(cell_text(r, 3), "รับ (บาท)");
	r = row_at(x, 9, &row);
	CHECK_STR(cell_text(r, 0), "2025-01-05");
	CHECK(r && r->cells[0].type == XLSX_DATE);
	CHECK_STR(cell_text(r, 1), "17");
	CHECK_STR(cell_text(r, 3), "-1.2");
	REQUIRE(xlsx_select_sheet(x, "Cash book", &e) == 0);
	r = row_at(x, 2, &row);
	CHECK_STR(cell_text(r, 0), "2024-02-29");
	xlsx_free(x);
	buf_release(&out);
}

/* Errors stick: the first is reported by finish, naming sheet, row and column. */
static void test_book_errors(void)
{
	static const struct sheet_col c1[] = { { "เงิน", SHEET_MONEY, 0 } };
	struct sheet_book *b = NULL;
	struct buf out = BUF_INIT, small;
	struct slice bad = SLICE("12.50"), two[2] = { SLICE("1"), SLICE("2") };
	struct err e;
	int before = files_in_tmp();
	struct sheet_opts o = { .tmpdir = tmpdir };

	err_init(&e);
	REQUIRE(sheet_book_open(&b, &o, &e) == 0);
	CHECK_INT(sheet_book_text(b, "no sheet yet", 0), ERR_INTERNAL);
	sheet_book_free(b);

	REQUIRE(sheet_book_open(&b, &o, &e) == 0);
	CHECK_INT(sheet_book_sheet(b, "a/b"), ERR_INVALID);
	CHECK_INT(sheet_book_sheet(b, "ok"), ERR_INVALID); /* sticky */
	CHECK_INT(sheet_book_finish(b, &out, &e), ERR_INVALID);
	CHECK_STR(e.field, "sheet_name");
	sheet_book_free(b);

	REQUIRE(sheet_book_open(&b, &o, &e) == 0);
	CHECK_INT(sheet_book_sheet(b, "รายการ"), 0);
	CHECK_INT(sheet_book_sheet(b, "รายการ"), ERR_INVALID); /* used twice */
	sheet_book_free(b);

	REQUIRE(sheet_book_open(&b, &o, &e) == 0);
	CHECK_INT(sheet_book_sheet(b, "เงิน"), 0);
	CHECK_INT(sheet_book_row(b, two, 1, 0), ERR_INVALID); /* no table yet */
	sheet_book_free(b);

	REQUIRE(sheet_book_open(&b, &o, &e) == 0);
	CHECK_INT(sheet_book_sheet(b, "เงิน"), 0);
	CHECK_INT(sheet_book_table(b, c1, 1), 0);
	CHECK_INT(sheet_book_row(b, two, 2, 0), ERR_INVALID);
	sheet_book_free(b);

	REQUIRE(sheet_book_open(&b, &o, &e) == 0);
	CHECK_INT(sheet_book_sheet(b, "เงิน"), 0);
	CHECK_INT(sheet_book_table(b, c1, 1), 0);
	CHECK_INT(sheet_book_row(b, &bad, 1, 0), ERR_INVALID);
	CHECK_INT(sheet_book_text(b, "later", 0), ERR_INVALID);
	CHECK_INT(sheet_book_finish(b, &out, &e), ERR_INVALID);
	CHECK(strstr(e.en, "sheet 'เงิน', row 2, column 'เงิน'") != NULL);
	CHECK(strstr(e.th, "12.50") != NULL);
	CHECK_INT(out.len, 0);
	CHECK_INT(sheet_book_finish(b, &out, &e), ERR_INVALID);
	sheet_book_free(b);

	/* An empty book still gets a sheet; a capped buffer refuses the bytes. */
	REQUIRE(sheet_book_open(&b, &o, &e) == 0);
	buf_init(&small, 100);
	CHECK_INT(sheet_book_finish(b, &small, &e), ERR_TOO_LARGE);
	CHECK_INT(small.len, 0);
	CHECK_INT(sheet_book_row(b, two, 1, 0), ERR_TOO_LARGE);
	sheet_book_free(b);
	buf_release(&small);
	REQUIRE(sheet_book_open(&b, &o, &e) == 0);
	CHECK_INT(sheet_book_finish(b, &out, &e), 0);
	CHECK(out.len > 100);
	CHECK_INT(sheet_book_sheet(b, "x"), ERR_INTERNAL); /* finished */
	sheet_book_free(b);
	buf_release(&out);
	CHECK_INT(files_in_tmp(), before);
}

int main(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/t_sheet.XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_xlsx_round_trip);
	RUN(test_csv_round_trip);
	RUN(test_guard);
	RUN(test_bad_cells);
	RUN(test_long_text);
	RUN(test_open_errors);
	RUN(test_abandon_and_replace);
	RUN(test_many_rows);
	RUN(test_book);
	RUN(test_book_errors);
	rmdir(tmpdir);
	return test_summary("sheet");
}
