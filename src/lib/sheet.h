/*
 * struct sheet_writer: writes a table, a header row and then rows of UTF-8
 * text, as CSV or as an Excel .xlsx file, for exports.
 *
 * Each column has a type saying what its text holds and how a spreadsheet
 * should show it:
 *
 *   type          the text                   in .xlsx                       in CSV
 *   SHEET_TEXT    any UTF-8 (no NUL)         a text cell                    as is
 *   SHEET_INT     a decimal integer, at      a number, format "0"           as is
 *                 most 15 digits
 *   SHEET_DATE    an ISO date, YYYY-MM-DD,   a date, format "d/m/yyyy"      as is
 *                 1900-01-01 to 9999-12-31
 *   SHEET_MONEY   an amount in satang, a     baht: a number with format     baht: "1234.50"
 *                 decimal integer, at most   "#,##0.00"
 *                 15 digits
 *
 * An empty text is an empty cell, whatever the type; a row may have fewer
 * cells than there are columns (the rest are empty), not more.
 *
 * CSV is RFC 4180 (csv_write_row: CRLF, quotes where needed), UTF-8 with a
 * byte order mark so that Excel opens Thai text correctly. .xlsx is written
 * by libxlsxwriter in constant-memory mode (one row in memory, strings
 * inline), with the header row bold and frozen.
 *
 * The file appears at its path only when sheet_writer_finish succeeds: rows
 * go to a temporary file next to it (mode 0600, as exports hold personal
 * data), renamed into place at the end; a failed or abandoned export leaves
 * nothing behind.
 *
 * Usage:
 *
 *     static const struct sheet_col cols[] = {
 *             { "ชื่อ", SHEET_TEXT, 30 }, { "วันเกิด", SHEET_DATE, 0 },
 *             { "เบี้ย (บาท)", SHEET_MONEY, 0 },
 *     };
 *     struct sheet_writer *w;
 *
 *     if (sheet_writer_open(path, SHEET_XLSX, cols, 3, NULL, &w, e))
 *             return e->code;
 *     for (...)
 *             if (sheet_writer_row(w, cells, 3, e))
 *                     goto fail;
 *     rc = sheet_writer_finish(w, e);
 * fail:
 *     sheet_writer_free(w);
 */
#ifndef SAWAT_SHEET_H
#define SAWAT_SHEET_H

#include "lib/buf.h"
#include "lib/err.h"

enum sheet_format { SHEET_CSV, SHEET_XLSX };

enum sheet_type { SHEET_TEXT = 0, SHEET_INT, SHEET_DATE, SHEET_MONEY };

struct sheet_col {
	const char *title;    /* the header cell, UTF-8 */
	enum sheet_type type;
	unsigned width;       /* .xlsx column width in characters; 0: Excel's default */
};

/* Options; NULL or { 0 } gives the defaults. */
struct sheet_opts {
	const char *sheet_name; /* .xlsx tab name, at most 31 characters; "Sheet1" when NULL */
	const char *tmpdir;     /* where libxlsxwriter keeps its row data; the system's when NULL */
	/*
	 * CSV only: a text cell starting with = + - @ (or tab or CR) gets a
	 * leading apostrophe, so that a spreadsheet opening the file does not
	 * run it as a formula (CSV injection). Off by default: the text then
	 * reads back changed.
	 */
	bool csv_guard_formulas;
};

/* The most rows after the header (Excel has 1,048,576 rows in all). */
#define SHEET_MAX_ROWS 1048575ul

struct sheet_writer;

/* SHEET_XLSX when path ends in ".xlsx" (any case), otherwise SHEET_CSV. */
enum sheet_format sheet_format_of(const char *path);

/*
 * Starts writing a table of ncols columns (1 to 16384) to path and writes
 * its header row; cols and opts are copied. On success *out is the writer,
 * to be freed with sheet_writer_free. On failure *out is NULL and the
 * result is ERR_INVALID (no columns or too many, a bad sheet name, a title
 * that is not UTF-8) or ERR_IO (the temporary file cannot be made).
 */
int sheet_writer_open(const char *path, enum sheet_format fmt, const struct sheet_col *cols,
		      size_t ncols, const struct sheet_opts *opts, struct sheet_writer **out,
		      struct err *e);

/*
 * Writes one row of n cells (n <= the number of columns). Returns 0, or:
 *   ERR_INVALID    more cells than columns, text that is not UTF-8 or holds
 *                  a NUL, or a cell that does not fit its column's type
 *                  (the message names the row as the spreadsheet numbers
 *                  it, the header being row 1, and the column by title;
 *                  e->field is the title);
 *   ERR_TOO_LARGE  more than SHEET_MAX_ROWS rows, or (.xlsx) a text over
 *                  Excel's 32,767 characters;
 *   ERR_IO         writing failed.
 * After an error the writer takes no more rows; free it.
 */
int sheet_writer_row(struct sheet_writer *w, const struct slice *cells, size_t n, struct err *e);

/*
 * Finishes the file and moves it to its path (replacing any file there).
 * Returns 0, or ERR_IO (or the error a row had) with no file left behind.
 * Either way the writer must still be freed.
 */
int sheet_writer_finish(struct sheet_writer *w, struct err *e);

/* Frees the writer; an unfinished file is removed. w may be NULL. */
void sheet_writer_free(struct sheet_writer *w);

/*
 * struct sheet_book: an .xlsx workbook of several worksheets, each holding
 * lines of text (titles, notes) and any number of tables one below the
 * other, made in memory: for documents such as a fund's statement, which
 * are served over HTTP or saved by the caller (lib/file.h).
 *
 * Cells follow the column types of the current table as in the table above
 * (SHEET_MONEY is satang in, baht shown with "#,##0.00"; SHEET_DATE an ISO
 * date shown as "d/m/yyyy"). Rows are written in order (libxlsxwriter's
 * constant-memory mode: one row in memory per sheet, the rest spooled to a
 * temporary file of mode 0600 in opts' tmpdir or the system's).
 *
 * Errors are sticky, as in lib/pdf: the first failing call is remembered,
 * later calls do nothing and return the same code, and sheet_book_finish
 * reports it with its message. A caller may check only sheet_book_finish.
 *
 * Usage:
 *
 *     sheet_book_open(&b, NULL, e);
 *     sheet_book_sheet(b, "งบรายรับรายจ่าย");
 *     sheet_book_text(b, "กองทุนสวัสดิการชุมชนตำบลศรีภูมิ", SHEET_TITLE);
 *     sheet_book_table(b, cols, 3);             // a bold header row
 *     sheet_book_row(b, cells, 3, 0);
 *     sheet_book_row(b, total, 3, SHEET_BOLD);
 *     rc = sheet_book_finish(b, &out, e);       // the .xlsx bytes appended to out
 *     sheet_book_free(b);
 */
#define SHEET_BOLD 1u  /* rows and text: bold */
#define SHEET_TITLE 2u /* text: bold and larger, for the title of a sheet */

struct sheet_book;

/* opts: only tmpdir is used (NULL: the system's). Returns 0, or ERR_IO when
 * libxlsxwriter cannot start; *out is NULL on failure. */
int sheet_book_open(struct sheet_book **out, const struct sheet_opts *opts, struct err *e);
/*
 * Adds a worksheet and makes it current. ERR_INVALID when the name is not
 * one Excel takes (1 to 31 characters, none of [ ] : * ? / \, not used
 * twice in the book).
 */
int sheet_book_sheet(struct sheet_book *b, const char *name);
/* A line of text in the first column of the next row. */
int sheet_book_text(struct sheet_book *b, const char *text, unsigned flags);
/* An empty row. */
int sheet_book_blank(struct sheet_book *b);
/*
 * Starts a table on the current sheet: the bold header row of the columns'
 * titles, whose types apply to the rows that follow (cols are copied;
 * 1 to 64 columns). A column gets the widest width any table gave it. The
 * first table of a sheet freezes the rows down to its header.
 */
int sheet_book_table(struct sheet_book *b, const struct sheet_col *cols, size_t ncols);
/* A row of the current table: n <= its columns; flags SHEET_BOLD. Errors
 * as sheet_writer_row, with the row and column named. */
int sheet_book_row(struct sheet_book *b, const struct slice *cells, size_t n, unsigned flags);
/*
 * Writes the workbook and appends its bytes to out. Returns 0, or the
 * sticky error, or ERR_IO, or ERR_TOO_LARGE when out's cap is reached (out
 * is then as it was). The book takes no more calls; it must still be freed.
 */
int sheet_book_finish(struct sheet_book *b, struct buf *out, struct err *e);
/* Frees the book and its temporary files; b may be NULL. */
void sheet_book_free(struct sheet_book *b);

#endif
