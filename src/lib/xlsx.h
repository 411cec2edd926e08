/*
 * struct xlsx: a streaming reader of Excel .xlsx workbooks (Office Open XML
 * spreadsheets), for imports. It gives a worksheet's rows one at a time, each
 * cell as UTF-8 text:
 *
 *  - strings (shared, inline, rich text runs joined, formula results) as
 *    they are, with Excel's _xHHHH_ escapes decoded (_x000D_ is CR);
 *  - numbers as Excel shows them: the stored text ("1234", "0.1",
 *    "1.5E-3") rounded to Excel's 15 significant digits, so that binary
 *    noise such as "600.0599999999999" (what libxlsxwriter and older Excel
 *    versions write for 600.06) reads "600.06" (done on the digits: no
 *    floating point, no locale);
 *  - numbers in a date format as ISO dates, "2024-11-22"; when the format
 *    also shows the time and the time is not midnight, "2024-11-22T08:30:00".
 *    Date formats are the built-in ones (14-17, 22, the East Asian and Thai
 *    locale dates 27-31, 36, 50, 51, 54, 57, 58, 71-74, 77, 81) and custom
 *    formats with a day, month or year in their first section (a month with
 *    hours or seconds is minutes). Formats showing only a time (18-21, 45-47,
 *    "h:mm") are not dates: those cells are numbers. Serials follow the
 *    workbook's date system: 1900 (with Excel's 29 February 1900: serial 60
 *    is "1900-02-29", serial 0 is "1900-01-00", both kept as Excel shows
 *    them so that a date check rejects them) or 1904. Serials below 0 or past
 *    9999-12-31 stay numbers;
 *  - booleans as "TRUE" and "FALSE", error values as Excel shows them
 *    ("#N/A").
 *
 * The reader does not evaluate formulas (it gives the value Excel saved),
 * does not read .xls, .xlsb or .ods files, password-protected workbooks
 * (those are not zip archives; the error says so), merged cells, comments or
 * formatting other than date formats.
 *
 * The sheet XML is never held whole in memory: it is inflated in chunks
 * (read_size bytes) and parsed as it comes, and the reader stops the parser
 * at the end of each row, so memory is one row plus one chunk plus the
 * shared strings (about the size of sharedStrings.xml), whatever the
 * sheet's size. Every part's uncompressed size is bounded twice, by the size
 * its zip entry declares and by counting the bytes as they are inflated, so
 * a zip bomb fails early; and expat's own memory has a budget, so one huge
 * attribute or comment cannot inflate into hundreds of megabytes either (the
 * budget also bounds the time expat 2.5 spends rescanning a long unfinished
 * tag at each chunk: a 200 MiB part of such tags parses in about 2 s).
 *
 * Usage:
 *
 *     struct xlsx *x;
 *     struct xlsx_row row;
 *     int r;
 *
 *     if (xlsx_open_file(path, NULL, &x, e))
 *             return e->code;
 *     if (xlsx_select_sheet(x, NULL, e) == 0)      // the first worksheet
 *             while ((r = xlsx_next_row(x, &row, e)) == XLSX_ROW)
 *                     use(row.row, row.cells[0].text, ...);
 *     xlsx_free(x);
 *
 * Errors name the place in Thai and English ("sheet 'รายชื่อ', row 7,
 * column C: shared string index 99 out of range (the workbook has 12)"), and
 * for a cell set e->field to its reference ("C7").
 */
#ifndef SAWAT_XLSX_H
#define SAWAT_XLSX_H

#include "lib/buf.h"
#include "lib/err.h"

/* What the format allows. */
#define XLSX_MAX_COLS 16384u
#define XLSX_MAX_ROWS 1048576ul

#define XLSX_DEFAULT_MAX_PART (200ull * 1024 * 1024)
#define XLSX_DEFAULT_MAX_CELL (32u * 1024)
#define XLSX_DEFAULT_MAX_ROW (4u * 1024 * 1024)
#define XLSX_DEFAULT_READ_SIZE (64u * 1024)
#define XLSX_DEFAULT_MAX_XML_MEM (2u * 1024 * 1024)

/* Options; a zero field takes the default, so { 0 } (or NULL) gives the defaults. */
struct xlsx_opts {
	unsigned long long max_part; /* uncompressed bytes of any one part (zip entry) */
	size_t max_cell;             /* bytes of one cell's text, also of one shared string */
	size_t max_row;              /* bytes of one row's text, all cells together */
	unsigned max_cols;           /* columns; at most (and by default) XLSX_MAX_COLS */
	unsigned long max_rows;      /* rows returned from one sheet; default XLSX_MAX_ROWS */
	size_t read_size;            /* bytes inflated at a time; at most 16 MiB */
	size_t max_xml_mem;          /* bytes expat may hold while parsing one part, which
	                                bounds a tag with its attributes and a comment;
	                                default XLSX_DEFAULT_MAX_XML_MEM + 4 * read_size */
};

enum xlsx_type {
	XLSX_EMPTY = 0, /* no value: a gap, or a cell with formatting only */
	XLSX_STRING,
	XLSX_NUMBER,
	XLSX_BOOL,   /* "TRUE" or "FALSE" */
	XLSX_DATE,   /* "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" (see above) */
	XLSX_ERROR   /* a formula error such as "#DIV/0!" */
};

/* A cell's text is NUL-terminated too (it may hold NUL; len is the truth). */
struct xlsx_cell {
	struct slice text; /* "" for XLSX_EMPTY */
	enum xlsx_type type;
};

/*
 * One row, borrowed from the reader: valid until the next xlsx_next_row,
 * xlsx_select_sheet or xlsx_free. cells[i] is column i (0 is A); columns the
 * file skipped are XLSX_EMPTY, and the row ends at its last cell with a
 * value, so n >= 1. Rows without any value are not returned: row says where
 * a row is in the sheet.
 */
struct xlsx_row {
	unsigned long row;             /* the row's number in the sheet, from 1 */
	size_t n;                      /* cells */
	const struct xlsx_cell *cells; /* n cells */
};

/* A worksheet of the workbook (chart sheets and the like are left out). */
struct xlsx_sheet {
	const char *name; /* as on the sheet's tab */
	const char *part; /* its zip entry, such as "xl/worksheets/sheet1.xml" */
	bool hidden;      /* hidden or very hidden in Excel */
};

enum xlsx_result { XLSX_END = 0, XLSX_ROW = 1 };

struct xlsx;

/*
 * Opens the workbook at path and reads its list of worksheets (workbook.xml
 * and its relationships; shared strings and styles are read when a sheet is
 * first selected). opts may be NULL. On success *out is the reader, to be
 * freed with xlsx_free; on failure *out is NULL and the result is:
 *   ERR_NOT_FOUND  no such file;
 *   ERR_IO         it cannot be read;
 *   ERR_INVALID    not a zip archive (an .xls or password-protected file is
 *                  named as such), a part missing, malformed XML, a DOCTYPE;
 *   ERR_TOO_LARGE  a part over max_part.
 */
int xlsx_open_file(const char *path, const struct xlsx_opts *opts, struct xlsx **out,
		   struct err *e);

/*
 * The same for len bytes at data, which must stay valid and unchanged until
 * xlsx_free (the reader does not copy them).
 */
int xlsx_open_mem(const void *data, size_t len, const struct xlsx_opts *opts, struct xlsx **out,
		  struct err *e);

/* The worksheets, in the order of their tabs; valid until xlsx_free. */
size_t xlsx_sheet_count(const struct xlsx *x);
const struct xlsx_sheet *xlsx_sheet_at(const struct xlsx *x, size_t i);

/*
 * Starts reading the worksheet called name (compared exactly), or the first
 * worksheet when name is NULL, from its first row; a sheet may be selected
 * again to read it again. The first selection reads the shared strings and
 * the styles. Returns 0, or ERR_NOT_FOUND (no such sheet, or no worksheet at
 * all) or an error from reading those parts, which then sticks: later calls
 * return it too.
 */
int xlsx_select_sheet(struct xlsx *x, const char *name, struct err *e);
/* The same by position: 0 is the first worksheet. */
int xlsx_select_sheet_at(struct xlsx *x, size_t i, struct err *e);

/*
 * Reads the next row with a value into *row; selects the first worksheet if
 * none is. Returns XLSX_ROW, XLSX_END after the last row, or an error that
 * sticks until another sheet is selected:
 *   ERR_INVALID    malformed XML, a bad or out-of-order cell or row
 *                  reference, an unknown cell type, a shared string index
 *                  out of range, a damaged zip entry;
 *   ERR_TOO_LARGE  a cell, row, column count, row count or part over its
 *                  bound, or XML needing more than max_xml_mem to parse.
 */
int xlsx_next_row(struct xlsx *x, struct xlsx_row *row, struct err *e);

/* Frees the reader and everything it handed out; x may be NULL. */
void xlsx_free(struct xlsx *x);

/* Writes the letters of column col (0 is "A", 16383 is "XFD") to out. */
#define XLSX_COL_NAME_SIZE 4
void xlsx_col_name(unsigned col, char out[XLSX_COL_NAME_SIZE]);

#endif
