/*
 * Writes the seed corpus of fz_xlsx: small valid workbooks that reach every
 * part of the reader. Not a fuzz target (those are fz_*.c); run by hand
 * when the seeds should change:
 *
 *   cc -std=c17 -Wall -Wextra -o build/gen_xlsx_seeds fuzz/gen_xlsx_seeds.c \
 *      $(pkg-config --cflags --libs libzip xlsxwriter) && \
 *   build/gen_xlsx_seeds fuzz/corpus/fz_xlsx
 *
 * Seeds: shared strings with rich text and escapes, styles with built-in and
 * custom date formats; inline strings, sparse and unnumbered cells, every
 * cell type; two sheets and a chart sheet in a 1904 workbook with absolute
 * targets; namespace prefixes and stored (uncompressed) entries; and one
 * written by libxlsxwriter in constant-memory mode. The four hand-made ones
 * are also written as ".parts" files, the "name\0content\0..." form that
 * fz_xlsx zips itself, so that the fuzzer can mutate their XML directly.
 */
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>

#define XHDR "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"
#define ROOT_RELS                                                                     \
	XHDR "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_R \
	     "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
#define REL(id, type, target) \
	"<Relationship Id=\"" id "\" Type=\"" NS_R "/" type "\" Target=\"" target "\"/>"

struct entry {
	const char *name, *data;
};

static int write_parts(const char *dir, const char *file, const struct entry *e, size_t n)
{
	char path[512];
	FILE *fp;
	size_t i;

	snprintf(path, sizeof(path), "%s/%.*s.parts", dir, (int)(strlen(file) - 5), file);
	fp = fopen(path, "wb");
	if (!fp)
		return -1;
	for (i = 0; i < n; i++) {
		fwrite(e[i].name, 1, strlen(e[i].name) + 1, fp);
		fwrite(e[i].data, 1, strlen(e[i].data) + (i + 1 < n), fp);
	}
	return fclose(fp);
}

static int write_zip(const char *dir, const char *file, const struct entry *e, size_t n,
		     int stored)
{
	char path[512];
	zip_t *za;
	size_t i;
	int code;

	if (write_parts(dir, file, e, n))
		return -1;
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
	if (!za)
		return -1;
	for (i = 0; i < n; i++) {
		zip_source_t *src = zip_source_buffer(za, e[i].data, strlen(e[i].data), 0);
		zip_int64_t idx = src ? zip_file_add(za, e[i].name, src, ZIP_FL_ENC_UTF_8) : -1;

		if (idx < 0)
			return -1;
		if (stored)
			zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	return zip_close(za);
}

static int shared_rich(const char *dir)
{
	static const struct entry e[] = {
		{ "_rels/.rels", ROOT_RELS },
		{ "xl/workbook.xml",
		  XHDR "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\"><sheets>"
		       "<sheet name=\"รายชื่อ\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>" },
		{ "xl/_rels/workbook.xml.rels",
		  XHDR "<Relationships xmlns=\"" NS_PKG "\">" REL("rId1", "worksheet",
								     "worksheets/sheet1.xml")
		       REL("rId2", "sharedStrings", "sharedStrings.xml")
		       REL("rId3", "styles", "styles.xml") "</Relationships>" },
		{ "xl/sharedStrings.xml",
		  XHDR "<sst xmlns=\"" NS_MAIN "\" count=\"4\" uniqueCount=\"4\">"
		       "<si><t>ชื่อ</t></si><si><r><t>สม</t></r><r><rPr><b/></rPr><t>ชาย</t></r></si>"
		       "<si><t>ใจดี</t><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></si>"
		       "<si><t xml:space=\"preserve\"> a_x000D_b _x005F_x0041_ </t></si></sst>" },
		{ "xl/styles.xml",
		  XHDR "<styleSheet xmlns=\"" NS_MAIN "\"><numFmts count=\"2\">"
		       "<numFmt numFmtId=\"164\" formatCode=\"[$-1070000]d/m/bbbb;@\"/>"
		       "<numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd hh:mm\"/></numFmts>"
		       "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
		       "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs></styleSheet>" },
		{ "xl/worksheets/sheet1.xml",
		  XHDR "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>"
		       "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
		       "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"
		       "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>21016</v></c><c r=\"B2\" s=\"2\"><v>60</v>"
		       "</c><c r=\"C2\" s=\"3\"><v>45351.5</v></c><c r=\"D2\"><v>600.0599999999999</v>"
		       "</c></row></sheetData></worksheet>" },
	};

	return write_zip(dir, "shared_rich.xlsx", e, sizeof(e) / sizeof(e[0]), 0);
}

static int inline_sparse(const char *dir)
{
	static const struct entry e[] = {
		{ "_rels/.rels", ROOT_RELS },
		{ "xl/workbook.xml",
		  XHDR "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\"><sheets>"
		       "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>" },
		{ "xl/_rels/workbook.xml.rels",
		  XHDR "<Relationships xmlns=\"" NS_PKG "\">" REL("rId1", "worksheet",
								     "worksheets/sheet1.xml")
		       "</Relationships>" },
		{ "xl/worksheets/sheet1.xml",
		  XHDR "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>"
		       "<row r=\"2\"><c r=\"C2\" t=\"inlineStr\"><is><r><t>บ้าน</t></r><r><t> ใหม่</t>"
		       "</r></is></c><c r=\"E2\" t=\"b\"><v>1</v></c><c r=\"F2\" s=\"1\"/></row>"
		       "<row><c><v>1</v></c><c t=\"e\"><v>#N/A</v></c><c t=\"str\"><f>A1</f><v>x</v>"
		       "</c><c t=\"d\"><v>2024-01-05T00:00:00Z</v></c></row>"
		       "<row r=\"5\"/><row r=\"9\"><c r=\"AB9\"><v>-1.5E-3</v></c></row>"
		       "</sheetData></worksheet>" },
	};

	return write_zip(dir, "inline_sparse.xlsx", e, sizeof(e) / sizeof(e[0]), 0);
}

static int two_sheets_1904(const char *dir)
{
	static const struct entry e[] = {
		{ "_rels/.rels",
		  XHDR "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_R
		       "/officeDocument\" Target=\"/xl/workbook.xml\"/></Relationships>" },
		{ "xl/workbook.xml",
		  XHDR "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\"><workbookPr date1904=\"1\"/>"
		       "<sheets><sheet name=\"กราฟ\" sheetId=\"3\" r:id=\"rId3\"/>"
		       "<sheet name=\"หนึ่ง\" sheetId=\"1\" r:id=\"rId1\"/>"
		       "<sheet name=\"สอง\" sheetId=\"2\" r:id=\"rId2\" state=\"hidden\"/></sheets>"
		       "</workbook>" },
		{ "xl/_rels/workbook.xml.rels",
		  XHDR "<Relationships xmlns=\"" NS_PKG "\">"
		       REL("rId1", "worksheet", "/xl/worksheets/a.xml")
		       REL("rId2", "worksheet", "worksheets/../worksheets/b.xml")
		       REL("rId3", "chartsheet", "chartsheets/c.xml")
		       REL("rId4", "styles", "styles.xml") "</Relationships>" },
		{ "xl/styles.xml",
		  XHDR "<styleSheet xmlns=\"" NS_MAIN "\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/>"
		       "<xf numFmtId=\"22\"/></cellXfs></styleSheet>" },
		{ "xl/worksheets/a.xml",
		  XHDR "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\"><c s=\"1\"><v>0.5</v></c>"
		       "<c s=\"1\"><v>43791</v></c></row></sheetData></worksheet>" },
		{ "xl/worksheets/b.xml",
		  XHDR "<worksheet xmlns=\"" NS_MAIN "\"><sheetData/></worksheet>" },
		{ "xl/chartsheets/c.xml", XHDR "<chartsheet xmlns=\"" NS_MAIN "\"/>" },
	};

	return write_zip(dir, "two_sheets_1904.xlsx", e, sizeof(e) / sizeof(e[0]), 0);
}

static int prefixed_stored(const char *dir)
{
	static const struct entry e[] = {
		{ "xl/workbook.xml",
		  XHDR "<x:workbook xmlns:x=\"" NS_MAIN "\" xmlns:rel=\"" NS_R "\"><x:sheets>"
		       "<x:sheet name=\"P\" sheetId=\"1\" rel:id=\"R1\"/></x:sheets></x:workbook>" },
		{ "xl/_rels/workbook.xml.rels",
		  XHDR "<Relationships xmlns=\"" NS_PKG "\">" REL("R1", "worksheet", "worksheets/s.xml")
		       "</Relationships>" },
		{ "xl/worksheets/s.xml",
		  XHDR "<x:worksheet xmlns:x=\"" NS_MAIN "\"><x:sheetData><x:row r=\"1\">"
		       "<x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>ก</x:t></x:is></x:c></x:row>"
		       "</x:sheetData></x:worksheet>" },
	};

	return write_zip(dir, "prefixed_stored.xlsx", e, sizeof(e) / sizeof(e[0]), 1);
}

static int libxlsxwriter(const char *dir)
{
	lxw_workbook_options o = { .constant_memory = LXW_TRUE };
	lxw_datetime d = { 1957, 7, 15, 0, 0, 0 };
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *date, *money;
	char path[512];

	snprintf(path, sizeof(path), "%s/libxlsxwriter.xlsx", dir);
	wb = workbook_new_opt(path, &o);
	if (!wb)
		return -1;
	ws = workbook_add_worksheet(wb, "ผู้รับเบี้ย");
	date = workbook_add_format(wb);
	format_set_num_format(date, "d/m/yyyy");
	money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00");
	worksheet_write_string(ws, 0, 0, "ชื่อ", NULL);
	worksheet_write_string(ws, 0, 1, "วันเกิด", NULL);
	worksheet_write_string(ws, 0, 2, "เบี้ย", NULL);
	worksheet_write_string(ws, 1, 0, "สมศรี\x01", NULL);
	worksheet_write_datetime(ws, 1, 1, &d, date);
	worksheet_write_number(ws, 1, 2, 600.06, money);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";

	if (shared_rich(dir) || inline_sparse(dir) || two_sheets_1904(dir) || prefixed_stored(dir) ||
	    libxlsxwriter(dir)) {
		fprintf(stderr, "gen_xlsx_seeds: failed\n");
		return 1;
	}
	return 0;
}
