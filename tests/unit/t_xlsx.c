/*
 * Unit tests for lib/xlsx. There is no Excel here, so workbooks are made two
 * ways: with libxlsxwriter (shared strings, and inline strings in its
 * constant-memory mode), and by hand, part by part, zipped with libzip, to
 * reach what libxlsxwriter never writes (rich text, phonetic runs, sparse
 * and unnumbered cells, 1904 dates, namespace prefixes, broken files).
 *
 * Most cases go through read_book(), which reads a workbook from memory with
 * several chunk sizes (down to one byte, so every byte of the XML lands on a
 * chunk boundary somewhere) and also from a file, and checks that every
 * reading agrees. Rows are shown as "N:cell|cell" joined by '/', and their
 * types as one letter per cell (. empty, s string, n number, b boolean,
 * d date, e error).
 *
 * The test includes xlsx.c itself to reach its static helpers and to look at
 * the reader's state (how much of a part it has inflated).
 */
#include <unistd.h>
#include <xlsxwriter.h>
#include "test.h"
#include "lib/xlsx.c"

#define XHDR "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"
#define SHEET(rows)                                                                   \
	XHDR "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\"><dimension ref=\"A1\"/>" \
	     "<sheetData>" rows "</sheetData></worksheet>"
#define SST(items) XHDR "<sst xmlns=\"" NS_MAIN "\">" items "</sst>"

static char tmpdir[64];

/* ---- building workbooks ---- */

struct entry {
	const char *name;
	const char *data;
	size_t len; /* 0: strlen(data) */
};

static void read_file(const char *path, struct buf *out)
{
	char tmp[65536];
	FILE *fp = fopen(path, "rb");
	size_t n;

	buf_reset(out);
	if (!fp)
		return;
	while ((n = fread(tmp, 1, sizeof(tmp), fp)) > 0)
		buf_add(out, tmp, n);
	fclose(fp);
}

static void write_file(const char *path, const void *p, size_t n)
{
	FILE *fp = fopen(path, "wb");

	if (fp) {
		fwrite(p, 1, n, fp);
		fclose(fp);
	}
}

/* Zips the entries (deflated) into z. */
static void build_zip(struct buf *z, const struct entry *ents, size_t n)
{
	char path[128];
	zip_t *za;
	size_t i;
	int code = 0;

	snprintf(path, sizeof(path), "%s/build.zip", tmpdir);
	unlink(path);
	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
	REQUIRE(za != NULL);
	for (i = 0; i < n; i++) {
		size_t len = ents[i].len ? ents[i].len : strlen(ents[i].data);
		zip_source_t *src = zip_source_buffer(za, ents[i].data, len, 0);

		REQUIRE(src != NULL);
		REQUIRE(zip_file_add(za, ents[i].name, src, ZIP_FL_ENC_UTF_8) >= 0);
	}
	REQUIRE(zip_close(za) == 0);
	read_file(path, z);
	unlink(path);
}

/*
 * A workbook of n sheets (named in sheet_elems, the <sheet> elements of
 * workbook.xml, with r:id rId1.. for sheets/sheetN.xml), with shared
 * strings and styles when not NULL.
 */
static void make_book(struct buf *z, const char *sheet_elems, const char *const *sheets,
		      size_t n, const char *sst, const char *styles)
{
	struct entry ents[16];
	struct buf wb = BUF_INIT, rels = BUF_INIT;
	char names[8][64];
	size_t k = 0, i;

	buf_printf(&wb, XHDR "<workbook xmlns=\"%s\" xmlns:r=\"%s\"><sheets>%s</sheets></workbook>",
		   NS_MAIN, NS_R, sheet_elems);
	buf_printf(&rels, XHDR "<Relationships xmlns=\"%s\">", NS_PKG);
	for (i = 0; i < n; i++)
		buf_printf(&rels,
			   "<Relationship Id=\"rId%zu\" Type=\"%s/worksheet\" "
			   "Target=\"worksheets/sheet%zu.xml\"/>",
			   i + 1, NS_R, i + 1);
	if (sst)
		buf_printf(&rels, "<Relationship Id=\"rId100\" Type=\"%s/sharedStrings\" "
				  "Target=\"sharedStrings.xml\"/>", NS_R);
	if (styles)
		buf_printf(&rels, "<Relationship Id=\"rId101\" Type=\"%s/styles\" "
				  "Target=\"styles.xml\"/>", NS_R);
	buf_puts(&rels, "</Relationships>");
	ents[k++] = (struct entry){ "[Content_Types].xml",
				    XHDR "<Types xmlns=\"http://schemas.openxmlformats.org/package/"
					 "2006/content-types\"/>", 0 };
	ents[k++] = (struct entry){ "_rels/.rels",
				    XHDR "<Relationships xmlns=\"" NS_PKG "\"><Relationship "
					 "Id=\"rId1\" Type=\"" NS_R "/officeDocument\" "
					 "Target=\"xl/workbook.xml\"/></Relationships>", 0 };
	ents[k++] = (struct entry){ "xl/workbook.xml", wb.ptr, 0 };
	ents[k++] = (struct entry){ "xl/_rels/workbook.xml.rels", rels.ptr, 0 };
	for (i = 0; i < n && i < 8; i++) {
		snprintf(names[i], sizeof(names[i]), "xl/worksheets/sheet%zu.xml", i + 1);
		ents[k++] = (struct entry){ names[i], sheets[i], 0 };
	}
	if (sst)
		ents[k++] = (struct entry){ "xl/sharedStrings.xml", sst, 0 };
	if (styles)
		ents[k++] = (struct entry){ "xl/styles.xml", styles, 0 };
	build_zip(z, ents, k);
	buf_release(&wb);
	buf_release(&rels);
}

/* One sheet called "รายชื่อ". */
static void make_one(struct buf *z, const char *sheet, const char *sst, const char *styles)
{
	make_book(z, "<sheet name=\"รายชื่อ\" sheetId=\"1\" r:id=\"rId1\"/>", &sheet, 1, sst,
		  styles);
}

/* ---- reading them ---- */

struct got {
	struct buf rows, types;
	int code; /* XLSX_END or the error */
	struct err e;
};

static char type_letter(enum xlsx_type t)
{
	return ".snbde"[t];
}

static void got_init(struct got *g)
{
	buf_init(&g->rows, 0);
	buf_init(&g->types, 0);
	err_init(&g->e);
	g->code = 0;
}

static void got_release(struct got *g)
{
	buf_release(&g->rows);
	buf_release(&g->types);
}

static void dump(struct xlsx *x, struct got *g)
{
	struct xlsx_row row;
	size_t i;
	int n = 0;

	while ((g->code = xlsx_next_row(x, &row, &g->e)) == XLSX_ROW) {
		CHECK(row.n >= 1);
		CHECK(row.cells[row.n - 1].type != XLSX_EMPTY);
		buf_printf(&g->rows, "%s%lu:", n ? "/" : "", row.row);
		if (n++)
			buf_putc(&g->types, '/');
		for (i = 0; i < row.n; i++) {
			const struct xlsx_cell *c = &row.cells[i];

			CHECK(c->text.ptr[c->text.len] == '\0');
			if (c->type == XLSX_EMPTY)
				CHECK_INT(c->text.len, 0);
			if (i)
				buf_putc(&g->rows, '|');
			buf_add(&g->rows, c->text.ptr, c->text.len);
			buf_putc(&g->types, type_letter(c->type));
		}
	}
	/* The end and errors are final. */
	{
		struct err again;

		err_init(&again);
		CHECK_INT(xlsx_next_row(x, &row, &again), g->code);
		CHECK_STR(again.en, g->e.en);
	}
}

/* Opens (from memory) and reads sheet (NULL: the first) into g. */
static void read_once(const struct buf *z, const struct xlsx_opts *o, const char *sheet,
		      struct got *g)
{
	struct xlsx *x = NULL;

	got_init(g);
	g->code = xlsx_open_mem(z->ptr, z->len, o, &x, &g->e);
	if (g->code)
		return;
	g->code = xlsx_select_sheet(x, sheet, &g->e);
	if (!g->code)
		dump(x, g);
	xlsx_free(x);
}

/* Reads with several chunk sizes and from a file; all must agree. */
static void read_book(const struct buf *z, const struct xlsx_opts *opts, const char *sheet,
		      struct got *g)
{
	static const size_t sizes[] = { 1, 7, 4096 };
	struct xlsx_opts o = opts ? *opts : (struct xlsx_opts){ 0 };
	struct xlsx *x = NULL;
	struct got h;
	char path[128];
	size_t i;

	read_once(z, opts, sheet, g);
	for (i = 0; i <= ARRAY_SIZE(sizes); i++) {
		if (i < ARRAY_SIZE(sizes)) {
			o.read_size = sizes[i];
			read_once(z, &o, sheet, &h);
		} else {
			snprintf(path, sizeof(path), "%s/book.xlsx", tmpdir);
			write_file(path, z->ptr, z->len);
			got_init(&h);
			h.code = xlsx_open_file(path, opts, &x, &h.e);
			if (!h.code)
				h.code = xlsx_select_sheet(x, sheet, &h.e);
			if (!h.code)
				dump(x, &h);
			xlsx_free(x);
			unlink(path);
		}
		CHECK_STR(h.rows.ptr, g->rows.ptr);
		CHECK_STR(h.types.ptr, g->types.ptr);
		CHECK_INT(h.code, g->code);
		CHECK_STR(h.e.en, g->e.en);
		CHECK_STR(h.e.th, g->e.th);
		got_release(&h);
	}
}

static void expect_rows(const struct buf *z, const struct xlsx_opts *o, const char *sheet,
			const char *rows, const char *types)
{
	struct got g;

	read_book(z, o, sheet, &g);
	CHECK_INT(g.code, XLSX_END);
	if (g.code != XLSX_END)
		fprintf(stderr, "    error: %s\n", g.e.en);
	CHECK_STR(g.rows.ptr, rows);
	if (types)
		CHECK_STR(g.types.ptr, types);
	got_release(&g);
}

/* Checks the error code, its English message, and the rows read before it. */
static void expect_error(const struct buf *z, const struct xlsx_opts *o, int code,
			 const char *msg, const char *rows_before)
{
	struct got g;

	read_book(z, o, NULL, &g);
	CHECK_INT(g.code, code);
	CHECK_INT(g.e.code, code);
	CHECK_STR(g.e.en, msg);
	CHECK(g.e.th[0] != '\0' && strcmp(g.e.th, g.e.en));
	CHECK_STR(g.rows.ptr, rows_before);
	got_release(&g);
}

/* Expects a one-sheet workbook with these rows to fail so. */
static void expect_sheet_error(const char *sheet, const char *sst, const struct xlsx_opts *o,
			       int code, const char *msg, const char *rows_before)
{
	struct buf z = BUF_INIT;

	make_one(&z, sheet, sst, NULL);
	expect_error(&z, o, code, msg, rows_before);
	buf_release(&z);
}

/* ---- libxlsxwriter workbooks ---- */

/* The same content, written with shared strings or (constant memory) inline. */
static void lxw_book(const char *path, bool constant_memory)
{
	lxw_workbook_options wo = { .constant_memory = constant_memory };
	lxw_workbook *wb = workbook_new_opt(path, &wo);
	lxw_worksheet *ws, *ws2;
	lxw_format *bold, *date, *datetime, *money;
	lxw_datetime birth = { 1957, 7, 15, 0, 0, 0 }, paid = { 2024, 2, 29, 8, 30, 0 };

	REQUIRE(wb != NULL);
	ws = workbook_add_worksheet(wb, "รายชื่อ");
	ws2 = workbook_add_worksheet(wb, "ซ่อน");
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	date = workbook_add_format(wb);
	format_set_num_format(date, "d/m/yyyy");
	datetime = workbook_add_format(wb);
	format_set_num_format(datetime, "d/m/yyyy hh:mm");
	money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00");

	worksheet_write_string(ws, 0, 0, "ชื่อ", bold);
	worksheet_write_string(ws, 0, 1, "นามสกุล", bold);
	worksheet_write_string(ws, 0, 2, "วันเกิด", bold);
	worksheet_write_string(ws, 0, 3, "เบี้ย", bold);
	worksheet_write_string(ws, 0, 4, "ยืนยัน", bold);
	worksheet_write_string(ws, 0, 5, "จ่ายเมื่อ", bold);
	worksheet_write_string(ws, 1, 0, "สมชาย", NULL);
	worksheet_write_string(ws, 1, 1, "ใจดี", NULL);
	worksheet_write_datetime(ws, 1, 2, &birth, date);
	worksheet_write_number(ws, 1, 3, 1234.5, money);
	worksheet_write_boolean(ws, 1, 4, 1, NULL);
	worksheet_write_datetime(ws, 1, 5, &paid, datetime);
	/* Row 3 is left out; row 4 has a gap, text with a line break and a control. */
	worksheet_write_string(ws, 3, 2, "บ้านเลขที่ 12\nหมู่ 4\x01", NULL);
	worksheet_write_formula_num(ws, 3, 4, "=1+1", NULL, 2);
	worksheet_write_blank(ws, 3, 6, bold); /* formatting only: not a value */
	worksheet_write_string(ws2, 0, 0, "ลับ", NULL);
	worksheet_hide(ws2);
	REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
}

static void test_libxlsxwriter(void)
{
	static const char rows[] = "1:ชื่อ|นามสกุล|วันเกิด|เบี้ย|ยืนยัน|จ่ายเมื่อ"
				   "/2:สมชาย|ใจดี|1957-07-15|1234.5|TRUE|2024-02-29T08:30:00"
				   "/4:||บ้านเลขที่ 12\nหมู่ 4\x01||2";
	static const char types[] = "ssssss/ssdnbd/..s.n";
	struct buf z = BUF_INIT;
	char path[128];
	int cm;

	for (cm = 0; cm < 2; cm++) {
		struct xlsx *x = NULL;
		struct err e;

		snprintf(path, sizeof(path), "%s/lxw%d.xlsx", tmpdir, cm);
		lxw_book(path, cm);
		read_file(path, &z);
		REQUIRE(z.len > 0);
		expect_rows(&z, NULL, NULL, rows, types);
		expect_rows(&z, NULL, "ซ่อน", "1:ลับ", "s");
		err_init(&e);
		REQUIRE(xlsx_open_file(path, NULL, &x, &e) == 0);
		CHECK_INT(xlsx_sheet_count(x), 2);
		CHECK_STR(xlsx_sheet_at(x, 0)->name, "รายชื่อ");
		CHECK(!xlsx_sheet_at(x, 0)->hidden);
		CHECK_STR(xlsx_sheet_at(x, 0)->part, "xl/worksheets/sheet1.xml");
		CHECK_STR(xlsx_sheet_at(x, 1)->name, "ซ่อน");
		CHECK(xlsx_sheet_at(x, 1)->hidden);
		CHECK(xlsx_sheet_at(x, 2) == NULL);
		xlsx_free(x);
		unlink(path);
	}
	buf_release(&z);
}

/* ---- hand-made workbooks ---- */

static void test_shared_strings(void)
{
	const char *sst = SST(
		"<si><t>ชื่อ</t></si>"
		"<si><r><t>สม</t></r><r><rPr><b/></rPr><t>ชาย</t></r></si>"             /* rich text */
		"<si><t>ใจดี</t><rPh sb=\"0\" eb=\"1\"><t>phonetic</t></rPh></si>"      /* phonetic */
		"<si><t xml:space=\"preserve\">  two lines_x000D_\n  </t></si>"        /* escapes */
		"<si><t/></si>"                                                         /* empty */
		"<si><t>a_x005F_x0041_b &amp; &lt;c&gt; _x0041_ _xD83D__xDE00_ _xZZZZ_</t></si>");
	struct buf z = BUF_INIT;

	make_one(&z,
		 SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
		       "<c r=\"C1\" t=\"s\"><v>2</v></c></row>"
		       "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>3</v></c><c r=\"B2\" t=\"s\"><v>4</v></c>"
		       "<c r=\"C2\" t=\"s\"><v>5</v></c></row>"),
		 sst, NULL);
	expect_rows(&z, NULL, NULL,
		    "1:ชื่อ|สมชาย|ใจดี/2:  two lines\r\n  ||a_x0041_b & <c> A 😀 _xZZZZ_", "sss/sss");
	buf_release(&z);
}

static void test_inline_and_types(void)
{
	struct buf z = BUF_INIT;

	make_one(&z,
		 SHEET("<row r=\"1\">"
		       "<c r=\"A1\" t=\"inlineStr\"><is><t>ตำบล</t></is></c>"
		       "<c r=\"B1\" t=\"inlineStr\"><is><r><t>บ้าน</t></r><r><t xml:space=\"preserve\">"
		       " ใหม่</t></r><rPh><t>x</t></rPh></is></c>"
		       "<c r=\"C1\" t=\"inlineStr\"><is><t></t></is></c>"
		       "<c r=\"D1\" t=\"b\"><v>0</v></c>"
		       "<c r=\"E1\" t=\"e\"><v>#N/A</v></c>"
		       "<c r=\"F1\" t=\"str\"><f>A1&amp;B1</f><v>ตำบลบ้าน ใหม่</v></c>"
		       "<c r=\"G1\" t=\"n\"><v>-1.5E-3</v></c>"
		       "<c r=\"H1\" t=\"d\"><v>2024-01-05T00:00:00.000Z</v></c>"
		       "<c r=\"I1\" t=\"d\"><v>2024-01-05T10:00:00</v></c>"
		       "<c r=\"J1\"><v>1101700123456</v></c>"
		       "<c r=\"K1\"><v>0.30000000000000004</v></c>"
		       "</row>"),
		 NULL, NULL);
	expect_rows(&z, NULL, NULL,
		    "1:ตำบล|บ้าน ใหม่||FALSE|#N/A|ตำบลบ้าน ใหม่|-1.5E-3|2024-01-05|"
		    "2024-01-05T10:00:00|1101700123456|0.3",
		    "sssbesnddnn");
	buf_release(&z);
}

static void test_sparse(void)
{
	struct buf z = BUF_INIT;

	make_one(&z,
		 SHEET("<row r=\"2\" spans=\"1:5\"><c r=\"C2\"><v>3</v></c>"
		       "<c r=\"E2\" s=\"0\"><v>5</v></c><c r=\"F2\" s=\"1\"/></row>"
		       /* No r on the row or the cells: they follow on. */
		       "<row><c><v>1</v></c><c><v>2</v></c><c r=\"E3\"><v>5</v></c><c><v>6</v></c></row>"
		       /* Only formatting: not returned. */
		       "<row r=\"5\"><c r=\"A5\" s=\"1\"/><c r=\"B5\"><v></v></c></row>"
		       "<row r=\"6\"/>"
		       "<row r=\"9\"><c r=\"XFD9\"><v>9</v></c></row>"),
		 NULL, NULL);
	{
		struct got g;
		struct buf want = BUF_INIT;
		size_t i;

		read_book(&z, NULL, NULL, &g);
		buf_puts(&want, "2:||3||5/3:1|2|||5|6/9:");
		for (i = 0; i < XLSX_MAX_COLS - 1; i++)
			buf_putc(&want, '|');
		buf_puts(&want, "9");
		CHECK_INT(g.code, XLSX_END);
		CHECK_STR(g.rows.ptr, want.ptr);
		got_release(&g);
		buf_release(&want);
	}
	buf_release(&z);
}

static const char styles_xml[] =
	XHDR "<styleSheet xmlns=\"" NS_MAIN "\">"
	"<numFmts count=\"9\">"
	"<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"[$-1070000]d mmmm bbbb;@\"/>"
	"<numFmt numFmtId=\"166\" formatCode=\"h:mm\"/>"
	"<numFmt numFmtId=\"167\" formatCode=\"#,##0 &quot;d&quot;\"/>"
	"<numFmt numFmtId=\"168\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/>"
	"<numFmt numFmtId=\"169\" formatCode=\"[h]:mm:ss\"/>"
	"<numFmt numFmtId=\"170\" formatCode=\"mmm\"/>"
	"<numFmt numFmtId=\"171\" formatCode=\"0.00E+00\"/>"
	"<numFmt numFmtId=\"172\" formatCode=\"General\"/>"
	"</numFmts>"
	/* cellStyleXfs are not cell formats: their xf must not count. */
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	"<cellXfs count=\"14\">"
	"<xf numFmtId=\"0\"/>"   /* 0 general */
	"<xf numFmtId=\"14\"/>"  /* 1 built-in date */
	"<xf numFmtId=\"164\"/>" /* 2 */
	"<xf numFmtId=\"165\"/>" /* 3 Thai B.E. display */
	"<xf numFmtId=\"166\"/>" /* 4 time only */
	"<xf numFmtId=\"167\"/>" /* 5 number with a quoted d */
	"<xf numFmtId=\"22\"/>"  /* 6 built-in date and time */
	"<xf numFmtId=\"168\"/>" /* 7 */
	"<xf numFmtId=\"169\"/>" /* 8 elapsed time */
	"<xf numFmtId=\"170\"/>" /* 9 month only */
	"<xf numFmtId=\"171\"/>" /* 10 scientific */
	"<xf numFmtId=\"71\"/>"  /* 11 Thai built-in date */
	"<xf numFmtId=\"20\"/>"  /* 12 built-in time */
	"<xf/>"                  /* 13 no numFmtId */
	"</cellXfs><dxfs count=\"1\"><dxf><numFmt numFmtId=\"200\" formatCode=\"d\"/></dxf></dxfs>"
	"</styleSheet>";

static void test_dates(void)
{
	struct buf z = BUF_INIT;

	make_one(&z,
		 SHEET("<row r=\"1\"><c s=\"1\"><v>1</v></c><c s=\"1\"><v>59</v></c><c s=\"1\"><v>60</v></c>"
		       "<c s=\"1\"><v>61</v></c><c s=\"1\"><v>0</v></c><c s=\"1\"><v>2958465</v></c>"
		       "<c s=\"1\"><v>2958466</v></c><c s=\"1\"><v>-1</v></c><c s=\"1\"><v>x</v></c></row>"
		       "<row r=\"2\"><c s=\"2\"><v>45253</v></c><c s=\"3\"><v>45253</v></c>"
		       "<c s=\"4\"><v>0.5</v></c><c s=\"5\"><v>45253</v></c><c s=\"6\"><v>45253.5</v></c>"
		       "<c s=\"6\"><v>45253</v></c><c s=\"2\"><v>45253.75</v></c>"
		       "<c s=\"7\"><v>45253.999999999</v></c><c s=\"8\"><v>1.25</v></c>"
		       "<c s=\"9\"><v>45253</v></c><c s=\"10\"><v>45253</v></c><c s=\"11\"><v>45253</v></c>"
		       "<c s=\"12\"><v>0.25</v></c><c s=\"13\"><v>45253</v></c><c s=\"99\"><v>45253</v></c>"
		       "<c s=\"2\"><v>4.5253E4</v></c><c s=\"2\" t=\"s\"><v>0</v></c></row>"),
		 SST("<si><t>45253</t></si>"), styles_xml);
	expect_rows(&z, NULL, NULL,
		    "1:1900-01-01|1900-02-28|1900-02-29|1900-03-01|1900-01-00|9999-12-31|2958466|-1|x"
		    "/2:2023-11-23|2023-11-23|0.5|45253|2023-11-23T12:00:00|2023-11-23|2023-11-23|"
		    "2023-11-24|1.25|2023-11-23|45253|2023-11-23|0.25|45253|45253|2023-11-23|45253",
		    "ddddddnnn/ddnnddddndndnnnds");
	buf_release(&z);
}

static void test_date1904(void)
{
	const char *sheet = SHEET("<row r=\"1\"><c s=\"1\"><v>0</v></c><c s=\"1\"><v>1461</v></c>"
				  "<c s=\"1\"><v>43791</v></c><c s=\"1\"><v>2957004</v></c></row>");
	struct entry ents[] = {
		{ "_rels/.rels",
		  XHDR "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_R
		       "/officeDocument\" Target=\"/xl/workbook.xml\"/></Relationships>", 0 },
		{ "xl/workbook.xml",
		  XHDR "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\"><workbookPr date1904=\"1\"/>"
		       "<sheets><sheet name=\"Mac\" sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>", 0 },
		{ "xl/_rels/workbook.xml.rels",
		  XHDR "<Relationships xmlns=\"" NS_PKG "\">"
		       "<Relationship Id=\"rId7\" Type=\"" NS_R "/worksheet\" Target=\"/xl/ws/a.xml\"/>"
		       "<Relationship Id=\"rId8\" Type=\"" NS_R "/styles\" Target=\"./s/../styles.xml\"/>"
		       "<Relationship Id=\"rId9\" Type=\"" NS_R "/hyperlink\" Target=\"http://x/\" "
		       "TargetMode=\"External\"/></Relationships>", 0 },
		{ "xl/ws/a.xml", sheet, 0 },
		{ "xl/styles.xml", styles_xml, 0 },
	};
	struct buf z = BUF_INIT;

	build_zip(&z, ents, ARRAY_SIZE(ents));
	expect_rows(&z, NULL, "Mac", "1:1904-01-01|1908-01-01|2023-11-23|2957004", "dddn");
	buf_release(&z);
}

static void test_namespace_prefix(void)
{
	/* Files from the OpenXML SDK often use a prefix; no _rels/.rels here either. */
	const char *sheet = XHDR "<x:worksheet xmlns:x=\"" NS_MAIN "\"><x:sheetData><x:row r=\"1\">"
				 "<x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>ก</x:t></x:is></x:c>"
				 "</x:row></x:sheetData></x:worksheet>";
	struct entry ents[] = {
		{ "xl/workbook.xml",
		  XHDR "<x:workbook xmlns:x=\"" NS_MAIN "\" xmlns:rel=\"" NS_R "\"><x:sheets>"
		       "<x:sheet name=\"S\" sheetId=\"1\" rel:id=\"R1\"/></x:sheets></x:workbook>", 0 },
		{ "xl/_rels/workbook.xml.rels",
		  XHDR "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"R1\" Type=\"" NS_R
		       "/worksheet\" Target=\"worksheets/sheet.xml\"/></Relationships>", 0 },
		{ "xl/worksheets/sheet.xml", sheet, 0 },
	};
	struct buf z = BUF_INIT;

	build_zip(&z, ents, ARRAY_SIZE(ents));
	expect_rows(&z, NULL, NULL, "1:|ก", ".s");
	buf_release(&z);
}

static void test_empty_sheet(void)
{
	const char *sheets[] = {
		SHEET(""),
		XHDR "<worksheet xmlns=\"" NS_MAIN "\"><sheetData/></worksheet>",
		XHDR "<worksheet xmlns=\"" NS_MAIN "\"/>",
	};
	struct buf z = BUF_INIT;

	make_book(&z,
		  "<sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"b\" sheetId=\"2\" "
		  "r:id=\"rId2\"/><sheet name=\"c\" sheetId=\"3\" r:id=\"rId3\"/>",
		  sheets, 3, NULL, NULL);
	expect_rows(&z, NULL, "a", "", "");
	expect_rows(&z, NULL, "b", "", "");
	expect_rows(&z, NULL, "c", "", "");
	buf_release(&z);
}

static void test_two_sheets(void)
{
	const char *sheets[] = {
		SHEET("<row r=\"1\"><c t=\"inlineStr\"><is><t>หนึ่ง</t></is></c></row>"),
		SHEET("<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>สอง</t></is></c></row>"),
		"not even XML: a chart sheet is never read",
	};
	struct buf z = BUF_INIT;
	struct xlsx *x = NULL;
	struct xlsx_row row;
	struct err e;

	{
		struct entry ents[] = {
			{ "xl/workbook.xml",
			  XHDR "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\"><sheets>"
			       "<sheet name=\"กราฟ\" sheetId=\"3\" r:id=\"rId3\"/>"
			       "<sheet name=\"แผ่น1\" sheetId=\"1\" r:id=\"rId1\"/>"
			       "<sheet name=\"แผ่น2\" sheetId=\"2\" r:id=\"rId2\" state=\"veryHidden\"/>"
			       "</sheets></workbook>", 0 },
			{ "xl/_rels/workbook.xml.rels",
			  XHDR "<Relationships xmlns=\"" NS_PKG "\">"
			       "<Relationship Id=\"rId1\" Type=\"" NS_R "/worksheet\" "
			       "Target=\"worksheets/sheet1.xml\"/>"
			       "<Relationship Id=\"rId2\" Type=\"" NS_R "/worksheet\" "
			       "Target=\"worksheets/sheet2.xml\"/>"
			       "<Relationship Id=\"rId3\" Type=\"" NS_R "/chartsheet\" "
			       "Target=\"chartsheets/sheet1.xml\"/></Relationships>", 0 },
			{ "xl/worksheets/sheet1.xml", sheets[0], 0 },
			{ "xl/worksheets/sheet2.xml", sheets[1], 0 },
			{ "xl/chartsheets/sheet1.xml", sheets[2], 0 },
		};

		build_zip(&z, ents, ARRAY_SIZE(ents));
	}
	expect_rows(&z, NULL, NULL, "1:หนึ่ง", "s");
	expect_rows(&z, NULL, "แผ่น2", "3:|สอง", ".s");

	err_init(&e);
	REQUIRE(xlsx_open_mem(z.ptr, z.len, NULL, &x, &e) == 0);
	CHECK_INT(xlsx_sheet_count(x), 2);
	CHECK_STR(xlsx_sheet_at(x, 0)->name, "แผ่น1");
	CHECK_STR(xlsx_sheet_at(x, 1)->name, "แผ่น2");
	CHECK(xlsx_sheet_at(x, 1)->hidden);
	/* Without a selection, the first worksheet. */
	CHECK_INT(xlsx_next_row(x, &row, &e), XLSX_ROW);
	CHECK_STR(row.cells[0].text.ptr, "หนึ่ง");
	/* Switching sheets in the middle, and back again from the start. */
	CHECK_INT(xlsx_select_sheet_at(x, 1, &e), 0);
	CHECK_INT(xlsx_next_row(x, &row, &e), XLSX_ROW);
	CHECK_INT(row.row, 3);
	CHECK_INT(xlsx_select_sheet(x, "แผ่น1", &e), 0);
	CHECK_INT(xlsx_next_row(x, &row, &e), XLSX_ROW);
	CHECK_INT(row.row, 1);
	CHECK_INT(xlsx_next_row(x, &row, &e), XLSX_END);
	CHECK_INT(xlsx_select_sheet(x, "กราฟ", &e), ERR_NOT_FOUND);
	CHECK_STR(e.en, "no sheet named 'กราฟ'");
	CHECK_INT(xlsx_select_sheet_at(x, 2, &e), ERR_NOT_FOUND);
	CHECK_STR(e.en, "there is no sheet 3 (the workbook has 2)");
	/* A failed selection leaves the current sheet alone. */
	CHECK_INT(xlsx_next_row(x, &row, &e), XLSX_END);
	xlsx_free(x);
	buf_release(&z);
}

/* A sheet far bigger than a chunk: rows arrive while the part is still being inflated. */
static void test_many_rows(void)
{
	enum { NROWS = 20000 };
	struct buf sheet = BUF_INIT, z = BUF_INIT;
	struct xlsx_opts o = { .read_size = 1000 };
	struct xlsx *x = NULL;
	struct xlsx_row row;
	struct err e;
	unsigned long i;
	char want[64];
	int r, pass;

	buf_puts(&sheet, XHDR "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>");
	for (i = 1; i <= NROWS; i++)
		buf_printf(&sheet,
			   "<row r=\"%lu\"><c r=\"A%lu\" t=\"s\"><v>%lu</v></c><c r=\"C%lu\" "
			   "t=\"inlineStr\"><is><t>แถวที่ %lu</t></is></c><c r=\"D%lu\"><v>%lu.25</v>"
			   "</c></row>\n",
			   i, i, i % 3, i, i, i, i);
	buf_puts(&sheet, "</sheetData></worksheet>");
	make_one(&z, sheet.ptr, SST("<si><t>ศูนย์</t></si><si><t>หนึ่ง</t></si><si><t>สอง</t></si>"),
		 NULL);
	for (pass = 0; pass < 2; pass++) {
		static const char *const names[] = { "ศูนย์", "หนึ่ง", "สอง" };

		o.read_size = pass ? 65536 : 1000;
		err_init(&e);
		REQUIRE(xlsx_open_mem(z.ptr, z.len, &o, &x, &e) == 0);
		for (i = 1; (r = xlsx_next_row(x, &row, &e)) == XLSX_ROW; i++) {
			if (i == 1) {
				/* Streaming: most of the sheet is not inflated yet. */
				CHECK(x->p.seen <= o.read_size);
				CHECK(x->p.declared == sheet.len);
			}
			CHECK_INT(row.row, i);
			CHECK_INT(row.n, 4);
			CHECK_STR(row.cells[0].text.ptr, names[i % 3]);
			CHECK_INT(row.cells[1].type, XLSX_EMPTY);
			snprintf(want, sizeof(want), "แถวที่ %lu", i);
			CHECK_STR(row.cells[2].text.ptr, want);
			snprintf(want, sizeof(want), "%lu.25", i);
			CHECK_STR(row.cells[3].text.ptr, want);
			if (test_cur_failed)
				break;
		}
		CHECK_INT(r, XLSX_END);
		CHECK_INT(i, NROWS + 1);
		xlsx_free(x);
	}
	/* The row bound. */
	o.max_rows = 100;
	err_init(&e);
	REQUIRE(xlsx_open_mem(z.ptr, z.len, &o, &x, &e) == 0);
	for (i = 0; (r = xlsx_next_row(x, &row, &e)) == XLSX_ROW; i++)
		;
	CHECK_INT(i, 100);
	CHECK_INT(r, ERR_TOO_LARGE);
	CHECK_STR(e.en, "sheet 'รายชื่อ', row 101: more than 100 rows");
	xlsx_free(x);
	buf_release(&sheet);
	buf_release(&z);
}

/* ---- broken input ---- */

static void expect_open_error(const void *p, size_t n, const struct xlsx_opts *o, int code,
			      const char *msg)
{
	struct xlsx *x = (struct xlsx *)1;
	struct err e;

	err_init(&e);
	CHECK_INT(xlsx_open_mem(p, n, o, &x, &e), code);
	CHECK(x == NULL);
	CHECK_INT(e.code, code);
	CHECK_STR(e.en, msg);
	CHECK(e.th[0] != '\0');
}

static void test_not_xlsx(void)
{
	static const unsigned char xls[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0 };
	struct entry photos[] = { { "photo.jpg", "\xff\xd8\xff", 3 } };
	struct buf z = BUF_INIT;
	struct xlsx *x = NULL;
	struct err e;
	char path[128];

	expect_open_error("hello, world", 12, NULL, ERR_INVALID,
			  "not an Excel .xlsx file (not a zip archive)");
	expect_open_error(xls, sizeof(xls), NULL, ERR_INVALID,
			  "this is an old Excel .xls file or a password-protected workbook: open it "
			  "in Excel and save it as .xlsx without a password");
	build_zip(&z, photos, 1);
	expect_open_error(z.ptr, z.len, NULL, ERR_INVALID,
			  "part xl/workbook.xml is missing (not a complete Excel workbook)");
	/* From a path: no such file, and an .xls. */
	err_init(&e);
	snprintf(path, sizeof(path), "%s/nothing.xlsx", tmpdir);
	CHECK_INT(xlsx_open_file(path, NULL, &x, &e), ERR_NOT_FOUND);
	CHECK(x == NULL);
	snprintf(path, sizeof(path), "%s/old.xls", tmpdir);
	write_file(path, xls, sizeof(xls));
	CHECK_INT(xlsx_open_file(path, NULL, &x, &e), ERR_INVALID);
	CHECK(strstr(e.en, ".xls file") != NULL);
	unlink(path);
	buf_release(&z);
}

static void test_broken_parts(void)
{
	struct buf z = BUF_INIT;
	const char *sheet = SHEET("");
	struct entry no_rels[] = {
		{ "xl/workbook.xml", XHDR "<workbook xmlns=\"" NS_MAIN "\"/>", 0 },
	};
	struct entry bad_wb[] = {
		{ "xl/workbook.xml", XHDR "<workbook xmlns=\"" NS_MAIN "\"><sheets></workbook>", 0 },
	};
	struct entry wrong_root[] = {
		{ "xl/workbook.xml", XHDR "<html/>", 0 },
	};
	struct entry doctype[] = {
		{ "xl/workbook.xml",
		  XHDR "<!DOCTYPE workbook [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
		       "<workbook xmlns=\"" NS_MAIN "\">&b;</workbook>", 0 },
	};
	struct entry dangling[] = {
		{ "xl/workbook.xml",
		  XHDR "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\"><sheets>"
		       "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId9\"/></sheets></workbook>", 0 },
		{ "xl/_rels/workbook.xml.rels", XHDR "<Relationships xmlns=\"" NS_PKG "\"/>", 0 },
	};
	struct entry escape[] = {
		{ "xl/workbook.xml",
		  XHDR "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\"><sheets>"
		       "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", 0 },
		{ "xl/_rels/workbook.xml.rels",
		  XHDR "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_R
		       "/worksheet\" Target=\"../../../etc/passwd\"/></Relationships>", 0 },
	};
	struct entry missing_sheet[] = {
		{ "xl/workbook.xml", escape[0].data, 0 },
		{ "xl/_rels/workbook.xml.rels",
		  XHDR "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_R
		       "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>", 0 },
	};
	struct got g;

	build_zip(&z, no_rels, ARRAY_SIZE(no_rels));
	expect_open_error(z.ptr, z.len, NULL, ERR_INVALID,
			  "part xl/_rels/workbook.xml.rels is missing (not a complete Excel workbook)");
	build_zip(&z, bad_wb, ARRAY_SIZE(bad_wb));
	expect_open_error(z.ptr, z.len, NULL, ERR_INVALID,
			  "malformed XML in part xl/workbook.xml at line 2, column 87: mismatched tag");
	build_zip(&z, wrong_root, ARRAY_SIZE(wrong_root));
	expect_open_error(z.ptr, z.len, NULL, ERR_INVALID,
			  "part xl/workbook.xml is not a workbook (it holds <html>)");
	build_zip(&z, doctype, ARRAY_SIZE(doctype));
	expect_open_error(z.ptr, z.len, NULL, ERR_INVALID,
			  "part xl/workbook.xml has a DOCTYPE, which is not allowed");
	build_zip(&z, dangling, ARRAY_SIZE(dangling));
	expect_open_error(z.ptr, z.len, NULL, ERR_INVALID,
			  "sheet 'S' refers to rId9, which the workbook does not have");
	build_zip(&z, escape, ARRAY_SIZE(escape));
	expect_open_error(z.ptr, z.len, NULL, ERR_INVALID,
			  "relationship target '../../../etc/passwd' in the workbook is invalid");
	/* A sheet whose part is missing fails when selected, and keeps failing. */
	build_zip(&z, missing_sheet, ARRAY_SIZE(missing_sheet));
	read_book(&z, NULL, NULL, &g);
	CHECK_INT(g.code, ERR_INVALID);
	CHECK_STR(g.e.en, "sheet 'S': part xl/worksheets/sheet1.xml is missing (not a complete "
			  "Excel workbook)");
	got_release(&g);
	/* Broken shared strings fail at the first selection, for good. */
	make_one(&z, sheet, SST("<si><t>x</si>"), NULL);
	{
		struct xlsx *x = NULL;
		struct xlsx_row row;
		struct err e;

		err_init(&e);
		REQUIRE(xlsx_open_mem(z.ptr, z.len, NULL, &x, &e) == 0);
		CHECK_INT(xlsx_select_sheet(x, NULL, &e), ERR_INVALID);
		CHECK(strstr(e.en, "malformed XML in part xl/sharedStrings.xml") == e.en);
		err_init(&e);
		CHECK_INT(xlsx_next_row(x, &row, &e), ERR_INVALID);
		CHECK(strstr(e.en, "malformed XML in part xl/sharedStrings.xml") == e.en);
		xlsx_free(x);
	}
	buf_release(&z);
}

static void test_bad_sheets(void)
{
	const char *sst = SST("<si><t>a</t></si><si><t>0123456789</t></si>");
	struct xlsx_opts small = { .max_cell = 8, .max_row = 12, .max_cols = 3 };

	expect_sheet_error(SHEET("<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c><v>2</c></row>"),
			   NULL, NULL, ERR_INVALID,
			   "sheet 'รายชื่อ': malformed XML in part xl/worksheets/sheet1.xml at line 2, "
			   "column 240: mismatched tag",
			   "1:1");
	expect_sheet_error(SHEET("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>"), NULL, NULL,
			   ERR_INVALID,
			   "sheet 'รายชื่อ', row 1: invalid cell reference 'XFE1' (columns A to XFD, "
			   "rows 1 to 1048576)",
			   "");
	expect_sheet_error(SHEET("<row r=\"1\"><c r=\"A0\"><v>1</v></c></row>"), NULL, NULL,
			   ERR_INVALID,
			   "sheet 'รายชื่อ', row 1: invalid cell reference 'A0' (columns A to XFD, "
			   "rows 1 to 1048576)",
			   "");
	expect_sheet_error(SHEET("<row r=\"1048577\"><c><v>1</v></c></row>"), NULL, NULL,
			   ERR_INVALID, "sheet 'รายชื่อ': invalid row number '1048577'", "");
	expect_sheet_error(SHEET("<row r=\"7\"><c r=\"C8\"><v>1</v></c></row>"), NULL, NULL,
			   ERR_INVALID, "sheet 'รายชื่อ', row 7: cell C8 is not in row 7", "");
	expect_sheet_error(SHEET("<row r=\"7\"><c r=\"C7\"><v>1</v></c><c r=\"B7\"><v>1</v></c></row>"),
			   NULL, NULL, ERR_INVALID,
			   "sheet 'รายชื่อ', row 7: cell B7 comes after column C (cells must be in "
			   "order)",
			   "");
	expect_sheet_error(SHEET("<row r=\"7\"><c><v>1</v></c></row><row r=\"7\"><c><v>1</v></c></row>"),
			   NULL, NULL, ERR_INVALID,
			   "sheet 'รายชื่อ': row 7 comes after row 7 (rows must be in order)", "7:1");
	expect_sheet_error(SHEET("<row r=\"2\"><c r=\"B2\" t=\"x\"><v>1</v></c></row>"), NULL, NULL,
			   ERR_INVALID, "sheet 'รายชื่อ', row 2, column B: unknown cell type 'x'", "");
	expect_sheet_error(SHEET("<row r=\"2\"><c r=\"C2\" t=\"s\"><v>2</v></c></row>"), sst, NULL,
			   ERR_INVALID,
			   "sheet 'รายชื่อ', row 2, column C: shared string index 2 out of range (the "
			   "workbook has 2)",
			   "");
	expect_sheet_error(SHEET("<row r=\"2\"><c r=\"C2\" t=\"s\"><v>-1</v></c></row>"), sst, NULL,
			   ERR_INVALID,
			   "sheet 'รายชื่อ', row 2, column C: invalid shared string index '-1'", "");
	expect_sheet_error(SHEET("<row r=\"2\"><c t=\"s\"><v>0</v></c></row>"), NULL, NULL,
			   ERR_INVALID,
			   "sheet 'รายชื่อ', row 2, column A: shared string index 0 out of range (the "
			   "workbook has 0)",
			   "");
	/* Bounds. */
	expect_sheet_error(SHEET("<row r=\"1\"><c t=\"inlineStr\"><is><t>123456789</t></is></c></row>"),
			   NULL, &small, ERR_TOO_LARGE,
			   "sheet 'รายชื่อ', row 1, column A: cell text longer than 8 bytes", "");
	expect_sheet_error(SHEET("<row r=\"1\"><c t=\"s\"><v>1</v></c></row>"), sst, &small,
			   ERR_TOO_LARGE, "shared string 1 in xl/sharedStrings.xml is longer than 8 bytes",
			   "");
	expect_sheet_error(SHEET("<row r=\"1\"><c><v>1234567</v></c><c><v>1234567</v></c></row>"),
			   NULL, &small, ERR_TOO_LARGE,
			   "sheet 'รายชื่อ', row 1, column B: row text longer than 12 bytes", "");
	expect_sheet_error(SHEET("<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c r=\"D2\"><v>1</v>"
				 "</c></row>"),
			   NULL, &small, ERR_TOO_LARGE, "sheet 'รายชื่อ', row 2: more than 3 columns",
			   "1:1");
	/* A cell of escapes fits when decoded, however long it is raw. */
	{
		struct buf z = BUF_INIT;

		make_one(&z,
			 SHEET("<row r=\"1\"><c t=\"str\"><v>_x0041__x0042__x0043__x0044__x0045_"
			       "_x0046__x0047__x0048_</v></c></row>"),
			 NULL, NULL);
		expect_rows(&z, &small, NULL, "1:ABCDEFGH", "s");
		buf_release(&z);
	}
}

static void test_field_is_cell(void)
{
	struct buf z = BUF_INIT;
	struct got g;

	make_one(&z, SHEET("<row r=\"7\"><c r=\"C7\" t=\"s\"><v>5</v></c></row>"), NULL, NULL);
	read_book(&z, NULL, NULL, &g);
	CHECK_STR(g.e.field, "C7");
	CHECK(strstr(g.e.th, "แผ่นงาน 'รายชื่อ' แถวที่ 7 คอลัมน์ C: ") == g.e.th);
	got_release(&g);
	buf_release(&z);
}

/* Overwrites the uncompressed size of entry name in both zip headers. */
static void patch_size(struct buf *z, const char *name, uint32_t size)
{
	size_t nl = strlen(name), i;
	int patched = 0;

	for (i = 0; i + 46 + nl <= z->len; i++) {
		unsigned char *p = (unsigned char *)z->ptr + i;

		if (!memcmp(p, "PK\x03\x04", 4) && p[26] == nl && !memcmp(p + 30, name, nl)) {
			memcpy(p + 22, &size, 4); /* little-endian host */
			patched++;
		} else if (!memcmp(p, "PK\x01\x02", 4) && p[28] == nl && !memcmp(p + 46, name, nl)) {
			memcpy(p + 24, &size, 4);
			patched++;
		}
	}
	CHECK_INT(patched, 2);
}

static void test_bombs(void)
{
	struct buf z = BUF_INIT, big = BUF_INIT;
	struct xlsx_opts o = { .max_part = 1024 * 1024 };
	struct got g;
	char want[256];
	size_t i;
	int k;

	/* 2 MiB of white space deflates to almost nothing; its declared size gives it away. */
	buf_puts(&big, XHDR "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>");
	for (i = 0; i < 2 * 1024 * 1024; i++)
		buf_putc(&big, ' ');
	buf_puts(&big, "</sheetData></worksheet>");
	make_one(&z, big.ptr, NULL, NULL);
	CHECK(z.len < 20000);
	read_book(&z, &o, NULL, &g);
	snprintf(want, sizeof(want),
		 "sheet 'รายชื่อ': part xl/worksheets/sheet1.xml is %zu bytes uncompressed, more than "
		 "the limit of 1048576",
		 big.len);
	CHECK_INT(g.code, ERR_TOO_LARGE);
	CHECK_STR(g.e.en, want);
	got_release(&g);
	/* A size that lies is caught by counting. */
	patch_size(&z, "xl/worksheets/sheet1.xml", 1000);
	read_book(&z, &o, NULL, &g);
	CHECK_INT(g.code, ERR_TOO_LARGE);
	CHECK_STR(g.e.en, "sheet 'รายชื่อ': part xl/worksheets/sheet1.xml holds more data than "
			  "its declared size (1000 bytes)");
	got_release(&g);
	/*
	 * A 256 KiB attribute or comment: fine with the default expat budget,
	 * too much for 256 KiB (expat holds a tag about twice over). (Read in big chunks only: expat 2.5 rescans an
	 * unfinished token on every chunk, so one-byte chunks would take hours;
	 * the budget is also what bounds that rescanning.)
	 */
	for (k = 0; k < 2; k++) {
		buf_reset(&big);
		buf_puts(&big, XHDR "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\"");
		if (k == 0) {
			buf_puts(&big, " x=\"");
			for (i = 0; i < 256 * 1024; i++)
				buf_putc(&big, 'a');
			buf_puts(&big, "\"");
		}
		buf_puts(&big, "><c><v>1</v></c></row>");
		if (k == 1) {
			buf_puts(&big, "<!-- ");
			for (i = 0; i < 256 * 1024; i++)
				buf_putc(&big, 'b');
			buf_puts(&big, " -->");
		}
		buf_puts(&big, "</sheetData></worksheet>");
		make_one(&z, big.ptr, NULL, NULL);
		o = (struct xlsx_opts){ 0 };
		read_once(&z, &o, NULL, &g);
		CHECK_INT(g.code, XLSX_END);
		CHECK_STR(g.rows.ptr, "1:1");
		got_release(&g);
		o.max_xml_mem = 256 * 1024;
		read_once(&z, &o, NULL, &g);
		CHECK_INT(g.code, ERR_TOO_LARGE);
		CHECK_STR(g.e.en, "sheet 'รายชื่อ': part xl/worksheets/sheet1.xml needs more than "
				  "262144 bytes to parse (an XML tag, attribute or comment is too long)");
		/* The row before the comment comes first. */
		CHECK_STR(g.rows.ptr, k ? "1:1" : "");
		got_release(&g);
	}
	buf_release(&z);
	buf_release(&big);
}

/* ---- helpers ---- */

static void test_col_name(void)
{
	static const struct {
		unsigned col;
		const char *name;
	} cases[] = { { 0, "A" },     { 25, "Z" },    { 26, "AA" },   { 51, "AZ" },
		      { 52, "BA" },   { 701, "ZZ" },  { 702, "AAA" }, { 16383, "XFD" },
		      { 99999, "XFD" } };
	char out[XLSX_COL_NAME_SIZE];
	size_t i, col;
	unsigned long row;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		xlsx_col_name(cases[i].col, out);
		CHECK_STR(out, cases[i].name);
	}
	CHECK_INT(parse_ref("XFD1048576", &col, &row), 0);
	CHECK_INT(col, 16383);
	CHECK_INT(row, 1048576);
	CHECK_INT(parse_ref("AAAA1", &col, &row), -1);
	CHECK_INT(parse_ref("A01", &col, &row), -1);
	CHECK_INT(parse_ref("a1", &col, &row), -1);
	CHECK_INT(parse_ref("A", &col, &row), -1);
	CHECK_INT(parse_ref("1", &col, &row), -1);
	CHECK_INT(parse_ref("A1 ", &col, &row), -1);
}

static void test_classify(void)
{
	static const struct {
		const char *code;
		enum fmt_kind kind;
	} cases[] = {
		{ "General", FMT_NUMBER },
		{ "0.00", FMT_NUMBER },
		{ "#,##0.00 \"บาท\"", FMT_NUMBER },
		{ "0.00E+00", FMT_NUMBER },
		{ "[Red]#,##0;[Blue]-#,##0", FMT_NUMBER },
		{ "d/m/yyyy", FMT_DATE },
		{ "[$-1070000]d/m/bbbb;@", FMT_DATE },
		{ "[$-th-TH,107]d mmmm yyyy", FMT_DATE },
		{ "mmm-yy", FMT_DATE },
		{ "mmmm", FMT_DATE },
		{ "ว/ด/ปปปป", FMT_DATE },
		{ "d/m/yyyy h:mm", FMT_DATETIME },
		{ "yyyy-mm-dd\\Thh:mm:ss", FMT_DATETIME },
		{ "h:mm AM/PM", FMT_TIME },
		{ "mm:ss", FMT_TIME },
		{ "[h]:mm", FMT_TIME },
		{ "[mm]:ss", FMT_TIME },
		{ "ช:นน", FMT_TIME },
		{ "0 \"days\"", FMT_NUMBER },
		{ "0\\d", FMT_NUMBER },
		{ "0;d/m/yyyy", FMT_NUMBER }, /* only the first section counts */
		{ "_(* #,##0_)", FMT_NUMBER },
		{ "[", FMT_NUMBER },
		{ "\"", FMT_NUMBER },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		CHECK_INT(classify_format(cases[i].code), cases[i].kind);
		if (classify_format(cases[i].code) != cases[i].kind)
			fprintf(stderr, "    format %s\n", cases[i].code);
	}
	CHECK_INT(builtin_kind(14), FMT_DATE);
	CHECK_INT(builtin_kind(22), FMT_DATETIME);
	CHECK_INT(builtin_kind(21), FMT_TIME);
	CHECK_INT(builtin_kind(81), FMT_DATE);
	CHECK_INT(builtin_kind(4), FMT_NUMBER);
}

static void test_serials(void)
{
	static const struct {
		const char *v;
		bool d1904;
		enum fmt_kind kind;
		const char *iso; /* NULL: not a date */
	} cases[] = {
		{ "36526", false, FMT_DATE, "2000-01-01" },
		{ "25569", false, FMT_DATE, "1970-01-01" },
		{ "45351", false, FMT_DATE, "2024-02-29" },
		{ "45351.0000001", false, FMT_DATETIME, "2024-02-29" },
		{ "45351.5", false, FMT_DATETIME, "2024-02-29T12:00:00" },
		{ "45351.99999", false, FMT_DATETIME, "2024-02-29T23:59:59" },
		{ "45351.999999999", false, FMT_DATETIME, "2024-03-01" },
		{ "2958465.9999999999", false, FMT_DATE, NULL },
		{ "1E3", false, FMT_DATE, "1902-09-26" },
		{ "1e+3", false, FMT_DATE, "1902-09-26" },
		{ "100000E-2", false, FMT_DATE, "1902-09-26" },
		{ "0.5", true, FMT_DATETIME, "1904-01-01T12:00:00" },
		{ "", false, FMT_DATE, NULL },
		{ "-", false, FMT_DATE, NULL },
		{ "1.", false, FMT_DATE, "1900-01-01" },
		{ ".5", false, FMT_DATE, "1900-01-00" },
		{ "1e", false, FMT_DATE, NULL },
		{ "NaN", false, FMT_DATE, NULL },
		{ "1e999", false, FMT_DATE, NULL },
		{ "-0", false, FMT_DATE, "1900-01-00" },
	};
	char out[32];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int r = serial_to_iso(cases[i].v, strlen(cases[i].v), cases[i].kind, cases[i].d1904, out);

		if (cases[i].iso) {
			CHECK_INT(r, 0);
			if (!r)
				CHECK_STR(out, cases[i].iso);
		} else {
			CHECK_INT(r, -1);
		}
	}
}

static void test_excel_digits(void)
{
	static const struct {
		const char *in, *out; /* out NULL: kept as it is */
	} cases[] = {
		{ "600.0599999999999", "600.06" },
		{ "600.05999999999995", "600.06" },
		{ "0.30000000000000004", "0.3" },
		{ "1.1000000000000001", "1.1" },
		{ "12345678901234567", "12345678901234600" },
		{ "9999999999999999", "10000000000000000" },
		{ "99999999999999.99", "100000000000000" },
		{ "0.99999999999999999", "1" },
		{ "-0.0000123456789012345678", "-0.0000123456789012346" },
		{ "1.00000000000000005E+300", "1E+300" },
		{ ".12345678901234567", "0.123456789012346" },
		{ "123456789012345", NULL },
		{ "1101700123456", NULL },
		{ "0.000000000000000000001", NULL },
		{ "-1.5E-3", NULL },
		{ "", NULL },
		{ "abc", NULL },
		{ "1.2345678901234567x", NULL },
		{ "1234567890123456789012345678901234567890123456789", NULL },
	};
	char out[64];
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		n = excel_digits(cases[i].in, strlen(cases[i].in), out);
		if (!cases[i].out) {
			CHECK_INT(n, 0);
			continue;
		}
		out[n] = '\0';
		CHECK_STR(out, cases[i].out);
	}
}

static void test_decode_escapes(void)
{
	char s[64];
	size_t n;

	memcpy(s, "_x000D__x000A_x_x005f_y_x0e01_", 30);
	n = decode_escapes(s, 30);
	CHECK_INT(n, 8);
	CHECK(!memcmp(s, "\r\nx_yก", 8));
	memcpy(s, "_xD800_", 7); /* a lone surrogate stays */
	CHECK_INT(decode_escapes(s, 7), 7);
	memcpy(s, "_x00", 4); /* cut off */
	CHECK_INT(decode_escapes(s, 4), 4);
}

static void test_resolve(void)
{
	struct xlsx *x = xlsx_new(NULL);

	CHECK_STR(resolve(x, "xl/workbook.xml", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
	CHECK_STR(resolve(x, "xl/workbook.xml", "/xl/worksheets/sheet1.xml"),
		  "xl/worksheets/sheet1.xml");
	CHECK_STR(resolve(x, "xl/workbook.xml", "./a/../b//c.xml"), "xl/b/c.xml");
	CHECK_STR(resolve(x, "xl/workbook.xml", "../x.xml"), "x.xml");
	CHECK(resolve(x, "xl/workbook.xml", "../../x.xml") == NULL);
	CHECK(resolve(x, "", "") == NULL);
	CHECK_STR(rels_of(x, "xl/workbook.xml"), "xl/_rels/workbook.xml.rels");
	CHECK_STR(rels_of(x, "book.xml"), "_rels/book.xml.rels");
	xlsx_free(x);
}

int main(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/t_xlsx.XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_libxlsxwriter);
	RUN(test_shared_strings);
	RUN(test_inline_and_types);
	RUN(test_sparse);
	RUN(test_dates);
	RUN(test_date1904);
	RUN(test_namespace_prefix);
	RUN(test_empty_sheet);
	RUN(test_two_sheets);
	RUN(test_many_rows);
	RUN(test_not_xlsx);
	RUN(test_broken_parts);
	RUN(test_bad_sheets);
	RUN(test_field_is_cell);
	RUN(test_bombs);
	RUN(test_col_name);
	RUN(test_classify);
	RUN(test_serials);
	RUN(test_excel_digits);
	RUN(test_decode_escapes);
	RUN(test_resolve);
	rmdir(tmpdir);
	return test_summary("xlsx");
}
