/*
 * The sheet writer (see sheet.h). Cells are checked here, the same way for
 * both formats, before a back end sees them, so a CSV export and an .xlsx
 * export of the same rows fail on the same cell with the same message.
 *
 * CSV rows are built with csv_write_row in a buffer that is written out
 * every 64 KiB; .xlsx rows go straight to libxlsxwriter, which in
 * constant-memory mode keeps only the current row and spools the rest to a
 * temporary file of its own until workbook_close zips everything up.
 *
 *   open --row--> open --finish--> finished (file renamed into place)
 *     \            |
 *      \           '--bad cell or I/O error--> failed (rows refused)
 *       '--free (any state): the temporary file is removed unless finished
 *
 * Invariant: w->tmp names a file that exists until finish renames it or
 * free removes it; nothing is ever written at w->path directly.
 *
 * The workbook (struct sheet_book) shares the cell checks and the .xlsx
 * cell writer; libxlsxwriter 1.1.4 can only write a named file, so the
 * book is written to a temporary file (mode 0600), read back into memory
 * and removed.
 */
#include <ctype.h>
#include <errno.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "lib/csv.h"
#include "lib/sheet.h"
#include "lib/textenc.h"

#define CSV_FLUSH (64 * 1024)
#define MAX_DIGITS 15

struct sheet_writer {
	enum sheet_format fmt;
	struct sheet_col *cols; /* titles point into titles */
	size_t ncols;
	struct buf titles;
	char *path, *tmp;
	bool guard, finished;
	unsigned long rows; /* written after the header */
	int failed;
	struct err error;
	struct buf scratch;

	/* CSV */
	FILE *fp;
	struct buf out;
	struct slice *fields;
	size_t *conv; /* where each field's converted text starts in scratch, or SIZE_MAX */

	/* .xlsx */
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *integer, *date, *money;
};

enum sheet_format sheet_format_of(const char *path)
{
	size_t n = strlen(path);

	return n >= 5 && !strcasecmp(path + n - 5, ".xlsx") ? SHEET_XLSX : SHEET_CSV;
}

/* A decimal integer of 1 to 15 digits, optionally negative. */
static int parse_int(struct slice s, int64_t *v)
{
	size_t i = 0, digits = 0;
	int64_t n = 0;
	bool neg = false;

	if (s.len && s.ptr[0] == '-') {
		neg = true;
		i++;
	}
	for (; i < s.len; i++, digits++) {
		if (s.ptr[i] < '0' || s.ptr[i] > '9' || digits == MAX_DIGITS)
			return -1;
		n = n * 10 + (s.ptr[i] - '0');
	}
	if (!digits)
		return -1;
	*v = neg ? -n : n;
	return 0;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* YYYY-MM-DD, a real day from 1900-01-01 to 9999-12-31. */
static int parse_date(struct slice s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	size_t i;

	if (s.len != 10 || s.ptr[4] != '-' || s.ptr[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s.ptr[i] < '0' || s.ptr[i] > '9'))
			return -1;
	*y = (s.ptr[0] - '0') * 1000 + (s.ptr[1] - '0') * 100 + (s.ptr[2] - '0') * 10 + (s.ptr[3] - '0');
	*m = (s.ptr[5] - '0') * 10 + (s.ptr[6] - '0');
	*d = (s.ptr[8] - '0') * 10 + (s.ptr[9] - '0');
	if (*y < 1900 || *m < 1 || *m > 12 || *d < 1)
		return -1;
	return *d > mdays[*m - 1] + (*m == 2 && leap(*y)) ? -1 : 0;
}

/* Satang as baht with two decimals: -123456 -> "-1234.56". */
static void put_baht(struct buf *b, int64_t satang)
{
	uint64_t a = satang < 0 ? (uint64_t)0 - (uint64_t)satang : (uint64_t)satang;

	buf_printf(b, "%s%llu.%02llu", satang < 0 ? "-" : "", (unsigned long long)(a / 100),
		   (unsigned long long)(a % 100));
}

/*
 * Copies s for Excel so that it reads back as it is: a '_' that starts what
 * looks like one of Excel's escapes (_xHHHH_) is itself escaped as _x005F_.
 * libxlsxwriter escapes control characters the same way.
 */
static void put_xlsx_text(struct buf *b, struct slice s)
{
	size_t i, k;

	for (i = 0; i < s.len; i++) {
		bool esc = s.ptr[i] == '_' && i + 7 <= s.len && s.ptr[i + 1] == 'x' &&
			   s.ptr[i + 6] == '_';

		for (k = 2; esc && k < 6; k++)
			esc = isxdigit((unsigned char)s.ptr[i + k]);
		if (esc)
			buf_puts(b, "_x005F");
		buf_putc(b, s.ptr[i]);
	}
}

/* Quotes at most 40 bytes of v in a message, never cutting a character. */
#define QUOTE(v) (int)textenc_utf8_clip((v).ptr, (v).len, 40), (v).ptr

/* Marks the writer failed at column col of the current row, with w->error set. */
static int cell_failed(struct sheet_writer *w, size_t col)
{
	char pre_th[256], pre_en[256];
	const char *title = w->cols[col].title;

	int n = (int)textenc_utf8_clip(title, strlen(title), 100);

	snprintf(pre_th, sizeof(pre_th), "แถวที่ %lu คอลัมน์ '%.*s'", w->rows + 2, n, title);
	snprintf(pre_en, sizeof(pre_en), "row %lu, column '%.*s'", w->rows + 2, n, title);
	err_prefix(&w->error, pre_th, pre_en);
	snprintf(w->error.field, sizeof(w->error.field), "%.*s",
		 (int)textenc_utf8_clip(title, strlen(title), sizeof(w->error.field) - 1), title);
	w->failed = w->error.code;
	return w->failed;
}

static int io_error(struct sheet_writer *w, const char *what)
{
	w->failed = err_set(&w->error, ERR_IO, NULL, "เขียนไฟล์ %s ไม่ได้: %s",
			    "cannot write %s: %s", w->path, what);
	return w->failed;
}

/*
 * Checks text v against a column type: UTF-8 without NUL, and a number or
 * a date where the type wants one (*num, *y, *m, *d get it). Returns 0 or
 * ERR_INVALID with a message that does not yet say where the cell is.
 */
static int cell_check(enum sheet_type type, struct slice v, int64_t *num, int *y, int *m, int *d,
		      struct err *e)
{
	size_t bad = 0;

	if (textenc_utf8_check(v.ptr, v.len, &bad))
		return err_set(e, ERR_INVALID, NULL, "ข้อความไม่ใช่ UTF-8 ที่ถูกต้อง (ไบต์ที่ %zu)",
			       "text is not valid UTF-8 (at byte %zu)", bad + 1);
	if (memchr(v.ptr, '\0', v.len))
		return err_set(e, ERR_INVALID, NULL, "ข้อความมีไบต์ NUL", "text holds a NUL byte");
	switch (type) {
	case SHEET_INT:
		if (parse_int(v, num))
			return err_set(e, ERR_INVALID, NULL, "ไม่ใช่จำนวนเต็มไม่เกิน 15 หลัก: '%.*s'",
				       "not an integer of at most 15 digits: '%.*s'", QUOTE(v));
		break;
	case SHEET_MONEY:
		if (parse_int(v, num))
			return err_set(e, ERR_INVALID, NULL,
				       "ไม่ใช่จำนวนเงินเป็นสตางค์ (จำนวนเต็มไม่เกิน 15 หลัก): '%.*s'",
				       "not an amount in satang (an integer of at most 15 digits): '%.*s'",
				       QUOTE(v));
		break;
	case SHEET_DATE:
		if (parse_date(v, y, m, d))
			return err_set(e, ERR_INVALID, NULL,
				       "ไม่ใช่วันที่ YYYY-MM-DD ระหว่างปี 1900 ถึง 9999: '%.*s'",
				       "not a date YYYY-MM-DD from 1900 to 9999: '%.*s'", QUOTE(v));
		break;
	default:
		break;
	}
	return 0;
}

/* Checks cell i against its column's type; *num gets the number it holds. */
static int check_cell(struct sheet_writer *w, size_t i, struct slice v, int64_t *num, int *y,
		      int *m, int *d)
{
	if (cell_check(w->cols[i].type, v, num, y, m, d, &w->error))
		return cell_failed(w, i);
	return 0;
}

static int flush_csv(struct sheet_writer *w)
{
	if (w->out.len && fwrite(w->out.ptr, 1, w->out.len, w->fp) != w->out.len)
		return io_error(w, strerror(errno));
	buf_reset(&w->out);
	return 0;
}

static int csv_row(struct sheet_writer *w, const struct slice *cells, size_t n)
{
	size_t i;

	buf_reset(&w->scratch);
	for (i = 0; i < w->ncols; i++) {
		struct slice v = i < n ? cells[i] : (struct slice){ "", 0 };
		int64_t num = 0;
		int y, m, d;

		w->conv[i] = SIZE_MAX;
		w->fields[i] = v;
		if (!v.len)
			continue;
		if (check_cell(w, i, v, &num, &y, &m, &d))
			return w->failed;
		if (w->cols[i].type == SHEET_MONEY) {
			w->conv[i] = w->scratch.len;
			put_baht(&w->scratch, num);
		} else if (w->cols[i].type == SHEET_TEXT && w->guard && strchr("=+-@\t\r", v.ptr[0])) {
			w->conv[i] = w->scratch.len;
			buf_putc(&w->scratch, '\'');
			buf_add(&w->scratch, v.ptr, v.len);
		}
		if (w->conv[i] != SIZE_MAX)
			buf_putc(&w->scratch, '\0');
	}
	/* The scratch buffer has stopped moving: point into it. */
	for (i = 0; i < w->ncols; i++)
		if (w->conv[i] != SIZE_MAX)
			w->fields[i] = slice_of(w->scratch.ptr + w->conv[i]);
	csv_write_row(&w->out, w->fields, w->ncols, ',');
	return w->out.len >= CSV_FLUSH ? flush_csv(w) : 0;
}

static int lxw_failed(struct sheet_writer *w, size_t col, lxw_error rc, struct slice v)
{
	if (rc == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
		err_set(&w->error, ERR_TOO_LARGE, NULL, "ข้อความยาวเกิน 32,767 ตัวอักษร: '%.*s…'",
			"text longer than 32,767 characters: '%.*s…'", QUOTE(v));
		return cell_failed(w, col);
	}
	return io_error(w, lxw_strerror(rc));
}

/* Writes a checked cell; fmt holds the format of each column type (text's may be NULL). */
static lxw_error xlsx_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, enum sheet_type type,
			   struct slice v, int64_t num, lxw_datetime *dt, lxw_format *const fmt[4],
			   struct buf *scratch)
{
	switch (type) {
	case SHEET_INT:
		return worksheet_write_number(ws, r, c, (double)num, fmt[SHEET_INT]);
	case SHEET_DATE:
		return worksheet_write_datetime(ws, r, c, dt, fmt[SHEET_DATE]);
	case SHEET_MONEY:
		/* Exact integers divided once: the nearest double to the baht amount. */
		return worksheet_write_number(ws, r, c, (double)num / 100.0, fmt[SHEET_MONEY]);
	default:
		buf_reset(scratch);
		put_xlsx_text(scratch, v);
		return worksheet_write_string(ws, r, c, scratch->ptr, fmt[SHEET_TEXT]);
	}
}

static int xlsx_row(struct sheet_writer *w, const struct slice *cells, size_t n)
{
	lxw_format *const fmt[4] = { NULL, w->integer, w->date, w->money };
	lxw_row_t r = (lxw_row_t)(w->rows + 1);
	size_t i;

	for (i = 0; i < n; i++) {
		lxw_datetime dt = { 0 };
		struct slice v = cells[i];
		lxw_error rc;
		int64_t num = 0;

		if (!v.len)
			continue;
		if (check_cell(w, i, v, &num, &dt.year, &dt.month, &dt.day))
			return w->failed;
		rc = xlsx_cell(w->ws, r, (lxw_col_t)i, w->cols[i].type, v, num, &dt, fmt,
			       &w->scratch);
		if (rc != LXW_NO_ERROR)
			return lxw_failed(w, i, rc, v);
	}
	return 0;
}

int sheet_writer_row(struct sheet_writer *w, const struct slice *cells, size_t n, struct err *e)
{
	int rc;

	if (w->failed || w->finished)
		goto fail;
	if (n > w->ncols) {
		w->failed = err_set(&w->error, ERR_INVALID, NULL,
				    "แถวที่ %lu มี %zu ช่อง แต่ตารางมี %zu คอลัมน์",
				    "row %lu has %zu cells but the table has %zu columns",
				    w->rows + 2, n, w->ncols);
		goto fail;
	}
	if (w->rows == SHEET_MAX_ROWS) {
		w->failed = err_set(&w->error, ERR_TOO_LARGE, NULL, "มีเกิน %lu แถว",
				    "more than %lu rows", SHEET_MAX_ROWS);
		goto fail;
	}
	rc = w->fmt == SHEET_CSV ? csv_row(w, cells, n) : xlsx_row(w, cells, n);
	if (rc)
		goto fail;
	w->rows++;
	return 0;
fail:
	if (!w->failed)
		w->failed = err_set(&w->error, ERR_INVALID, NULL, "ตารางนี้เขียนเสร็จแล้ว",
				    "the table is already finished");
	if (e)
		*e = w->error;
	return w->failed;
}

static int open_csv(struct sheet_writer *w, int fd)
{
	size_t i;

	w->fp = fdopen(fd, "wb");
	if (!w->fp) {
		close(fd);
		return io_error(w, strerror(errno));
	}
	w->fields = xcalloc(w->ncols, sizeof(*w->fields));
	w->conv = xcalloc(w->ncols, sizeof(*w->conv));
	buf_puts(&w->out, "\xEF\xBB\xBF");
	for (i = 0; i < w->ncols; i++)
		w->fields[i] = slice_of(w->cols[i].title);
	csv_write_row(&w->out, w->fields, w->ncols, ',');
	return 0;
}

static int open_xlsx(struct sheet_writer *w, const struct sheet_opts *o, int fd)
{
	lxw_workbook_options wo = { .constant_memory = LXW_TRUE };
	const char *name = o->sheet_name ? o->sheet_name : "Sheet1";
	lxw_error rc;
	size_t i;

	close(fd); /* libxlsxwriter writes the file by name when it closes the workbook */
	wo.tmpdir = (char *)o->tmpdir;
	w->wb = workbook_new_opt(w->tmp, &wo);
	if (!w->wb)
		return io_error(w, "libxlsxwriter");
	rc = workbook_validate_sheet_name(w->wb, name);
	if (rc != LXW_NO_ERROR) {
		w->failed = err_set(&w->error, ERR_INVALID, "sheet_name",
				    "ชื่อแผ่นงาน '%.*s' ใช้ไม่ได้: %s", "unusable sheet name '%.*s': %s",
				    (int)textenc_utf8_clip(name, strlen(name), 100), name,
				    lxw_strerror(rc));
		return w->failed;
	}
	w->ws = workbook_add_worksheet(w->wb, name);
	if (!w->ws)
		return io_error(w, "libxlsxwriter");
	w->bold = workbook_add_format(w->wb);
	format_set_bold(w->bold);
	w->integer = workbook_add_format(w->wb);
	format_set_num_format(w->integer, "0");
	w->date = workbook_add_format(w->wb);
	format_set_num_format(w->date, "d/m/yyyy");
	w->money = workbook_add_format(w->wb);
	format_set_num_format(w->money, "#,##0.00");
	worksheet_freeze_panes(w->ws, 1, 0);
	for (i = 0; i < w->ncols; i++) {
		lxw_col_t c = (lxw_col_t)i;

		if (w->cols[i].width)
			worksheet_set_column(w->ws, c, c, w->cols[i].width, NULL);
		buf_reset(&w->scratch);
		put_xlsx_text(&w->scratch, slice_of(w->cols[i].title));
		rc = worksheet_write_string(w->ws, 0, c, w->scratch.ptr, w->bold);
		if (rc != LXW_NO_ERROR)
			return lxw_failed(w, i, rc, slice_of(w->cols[i].title));
	}
	return 0;
}

int sheet_writer_open(const char *path, enum sheet_format fmt, const struct sheet_col *cols,
		      size_t ncols, const struct sheet_opts *opts, struct sheet_writer **out,
		      struct err *e)
{
	static const struct sheet_opts defaults = { 0 };
	const struct sheet_opts *o = opts ? opts : &defaults;
	struct sheet_writer *w;
	size_t i, *off;
	int fd, rc;

	*out = NULL;
	if (!ncols || ncols > LXW_COL_MAX)
		return err_set(e, ERR_INVALID, NULL, "จำนวนคอลัมน์ %zu ใช้ไม่ได้ (1 ถึง %d)",
			       "%zu columns cannot be written (1 to %d)", ncols, LXW_COL_MAX);
	for (i = 0; i < ncols; i++)
		if (!cols[i].title || textenc_utf8_check(cols[i].title, strlen(cols[i].title), NULL))
			return err_set(e, ERR_INVALID, NULL, "หัวคอลัมน์ที่ %zu ไม่ใช่ UTF-8",
				       "the title of column %zu is not UTF-8", i + 1);
	w = xcalloc(1, sizeof(*w));
	w->fmt = fmt;
	w->ncols = ncols;
	w->guard = o->csv_guard_formulas;
	buf_init(&w->titles, 0);
	buf_init(&w->scratch, 0);
	buf_init(&w->out, 0);
	err_init(&w->error);
	w->cols = xcalloc(ncols, sizeof(*w->cols));
	off = xcalloc(ncols, sizeof(*off));
	for (i = 0; i < ncols; i++) {
		w->cols[i] = cols[i];
		off[i] = w->titles.len;
		buf_add(&w->titles, cols[i].title, strlen(cols[i].title) + 1);
	}
	for (i = 0; i < ncols; i++)
		w->cols[i].title = w->titles.ptr + off[i];
	free(off);
	w->path = xstrdup(path);
	{
		struct buf t = BUF_INIT;

		buf_printf(&t, "%s.XXXXXX", path);
		w->tmp = buf_detach(&t, NULL);
	}
	fd = mkstemp(w->tmp);
	if (fd < 0) {
		free(w->tmp);
		w->tmp = NULL;
		rc = io_error(w, strerror(errno));
		goto fail;
	}
	rc = fmt == SHEET_CSV ? open_csv(w, fd) : open_xlsx(w, o, fd);
	if (rc)
		goto fail;
	*out = w;
	return 0;
fail:
	if (e)
		*e = w->error;
	sheet_writer_free(w);
	return rc;
}

int sheet_writer_finish(struct sheet_writer *w, struct err *e)
{
	lxw_error lrc;

	if (w->failed || w->finished)
		goto fail;
	if (w->fmt == SHEET_CSV) {
		if (flush_csv(w))
			goto fail;
		if (fflush(w->fp) || ferror(w->fp)) {
			io_error(w, strerror(errno));
			goto fail;
		}
		if (fclose(w->fp)) {
			w->fp = NULL;
			io_error(w, strerror(errno));
			goto fail;
		}
		w->fp = NULL;
	} else {
		lrc = workbook_close(w->wb); /* frees the workbook, whatever happens */
		w->wb = NULL;
		if (lrc != LXW_NO_ERROR) {
			io_error(w, lxw_strerror(lrc));
			goto fail;
		}
	}
	if (rename(w->tmp, w->path)) {
		io_error(w, strerror(errno));
		goto fail;
	}
	w->finished = true;
	return 0;
fail:
	if (!w->failed)
		w->failed = err_set(&w->error, ERR_INVALID, NULL, "ตารางนี้เขียนเสร็จแล้ว",
				    "the table is already finished");
	if (e)
		*e = w->error;
	return w->failed;
}

void sheet_writer_free(struct sheet_writer *w)
{
	if (!w)
		return;
	if (w->fp)
		fclose(w->fp);
	if (w->wb)
		lxw_workbook_free(w->wb);
	if (w->tmp && !w->finished)
		unlink(w->tmp);
	free(w->tmp);
	free(w->path);
	free(w->cols);
	free(w->fields);
	free(w->conv);
	buf_release(&w->titles);
	buf_release(&w->scratch);
	buf_release(&w->out);
	free(w);
}

/* ------------------------------------------------------------- workbooks */

#define BOOK_MAX_COLS 64

struct sheet_book {
	lxw_workbook *wb;
	lxw_worksheet *ws;      /* the current sheet, or NULL before the first */
	char *tmp;              /* where workbook_close writes the file */
	lxw_format *plain[4];   /* by column type: text, integer, date, money */
	lxw_format *bold[4];
	lxw_format *title;
	char sheet[128];        /* the current sheet's name, for messages */
	lxw_row_t row;          /* the next row of the current sheet */
	bool frozen;            /* the current sheet froze its first table's header */
	double width[BOOK_MAX_COLS]; /* of the current sheet's columns; 0: default */
	struct sheet_col cols[BOOK_MAX_COLS]; /* the current table; titles in titles */
	size_t ncols;
	struct buf titles, scratch;
	bool finished;
	int failed;
	struct err error;
};

static int book_io(struct sheet_book *b, const char *what)
{
	b->failed = err_set(&b->error, ERR_IO, NULL, "เขียนสมุดงาน .xlsx ไม่ได้: %s",
			    "cannot write the .xlsx workbook: %s", what);
	return b->failed;
}

/* 0 when the book takes calls; otherwise its error (set now if it had none). */
static int book_usable(struct sheet_book *b, bool need_sheet)
{
	if (b->failed)
		return b->failed;
	if (b->finished)
		b->failed = err_set(&b->error, ERR_INTERNAL, NULL, "สมุดงานนี้เขียนเสร็จแล้ว%s",
				    "the workbook is already finished%s", "");
	else if (need_sheet && !b->ws)
		b->failed = err_set(&b->error, ERR_INTERNAL, NULL, "ยังไม่ได้เริ่มแผ่นงาน%s",
				    "no worksheet has been started%s", "");
	return b->failed;
}

/* Marks the book failed at column col of the current row, with b->error set. */
static int book_cell_failed(struct sheet_book *b, size_t col)
{
	char pre_th[384], pre_en[384];
	const char *title = b->cols[col].title;
	int n = (int)textenc_utf8_clip(title, strlen(title), 100);

	snprintf(pre_th, sizeof(pre_th), "แผ่นงาน '%s' แถวที่ %lu คอลัมน์ '%.*s'", b->sheet,
		 (unsigned long)b->row + 1, n, title);
	snprintf(pre_en, sizeof(pre_en), "sheet '%s', row %lu, column '%.*s'", b->sheet,
		 (unsigned long)b->row + 1, n, title);
	err_prefix(&b->error, pre_th, pre_en);
	b->failed = b->error.code;
	return b->failed;
}

static lxw_format *book_format(lxw_workbook *wb, bool bold, const char *num)
{
	lxw_format *f = workbook_add_format(wb);

	if (bold)
		format_set_bold(f);
	if (num)
		format_set_num_format(f, num);
	return f;
}

int sheet_book_open(struct sheet_book **out, const struct sheet_opts *opts, struct err *e)
{
	static const char *const nums[4] = { NULL, "0", "d/m/yyyy", "#,##0.00" };
	lxw_workbook_options wo = { .constant_memory = LXW_TRUE };
	const char *dir = opts && opts->tmpdir ? opts->tmpdir : getenv("TMPDIR");
	struct sheet_book *b;
	struct buf t = BUF_INIT;
	int fd, i;

	*out = NULL;
	b = xcalloc(1, sizeof(*b));
	buf_init(&b->titles, 0);
	buf_init(&b->scratch, 0);
	err_init(&b->error);
	buf_printf(&t, "%s/sawat-book-XXXXXX", dir && *dir ? dir : "/tmp");
	b->tmp = buf_detach(&t, NULL);
	fd = mkstemp(b->tmp); /* mode 0600; libxlsxwriter writes it by name at the end */
	if (fd < 0) {
		free(b->tmp);
		b->tmp = NULL;
		book_io(b, strerror(errno));
		goto fail;
	}
	close(fd);
	wo.tmpdir = opts ? (char *)opts->tmpdir : NULL;
	b->wb = workbook_new_opt(b->tmp, &wo);
	if (!b->wb) {
		book_io(b, "libxlsxwriter");
		goto fail;
	}
	for (i = 0; i < 4; i++) {
		b->plain[i] = nums[i] ? book_format(b->wb, false, nums[i]) : NULL;
		b->bold[i] = book_format(b->wb, true, nums[i]);
	}
	b->title = book_format(b->wb, true, NULL);
	format_set_font_size(b->title, 14);
	*out = b;
	return 0;
fail:
	if (e)
		*e = b->error;
	i = b->failed;
	sheet_book_free(b);
	return i;
}

int sheet_book_sheet(struct sheet_book *b, const char *name)
{
	lxw_error rc;

	if (book_usable(b, false))
		return b->failed;
	if (!name || textenc_utf8_check(name, strlen(name), NULL)) {
		b->failed = err_set(&b->error, ERR_INVALID, "sheet_name",
				    "ชื่อแผ่นงานไม่ใช่ UTF-8%s", "the sheet name is not UTF-8%s", "");
		return b->failed;
	}
	rc = workbook_validate_sheet_name(b->wb, name);
	if (rc != LXW_NO_ERROR) {
		b->failed = err_set(&b->error, ERR_INVALID, "sheet_name",
				    "ชื่อแผ่นงาน '%.*s' ใช้ไม่ได้: %s", "unusable sheet name '%.*s': %s",
				    (int)textenc_utf8_clip(name, strlen(name), 100), name,
				    lxw_strerror(rc));
		return b->failed;
	}
	b->ws = workbook_add_worksheet(b->wb, name);
	if (!b->ws)
		return book_io(b, "libxlsxwriter");
	snprintf(b->sheet, sizeof(b->sheet), "%s", name);
	b->row = 0;
	b->frozen = false;
	b->ncols = 0;
	memset(b->width, 0, sizeof(b->width));
	return 0;
}

int sheet_book_text(struct sheet_book *b, const char *text, unsigned flags)
{
	lxw_format *f = flags & SHEET_TITLE ? b->title : flags & SHEET_BOLD ? b->bold[0] : NULL;
	struct slice v;
	int64_t num;
	int y, m, d;
	lxw_error rc;

	if (book_usable(b, true))
		return b->failed;
	if (b->row >= LXW_ROW_MAX) {
		b->failed = err_set(&b->error, ERR_TOO_LARGE, NULL, "แผ่นงาน '%s' มีเกิน %lu แถว",
				    "sheet '%s' has more than %lu rows", b->sheet,
				    (unsigned long)LXW_ROW_MAX);
		return b->failed;
	}
	v = slice_of(text ? text : "");
	if (cell_check(SHEET_TEXT, v, &num, &y, &m, &d, &b->error)) {
		b->failed = b->error.code;
		return b->failed;
	}
	if (v.len) {
		buf_reset(&b->scratch);
		put_xlsx_text(&b->scratch, v);
		rc = worksheet_write_string(b->ws, b->row, 0, b->scratch.ptr, f);
		if (rc == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
			b->failed = err_set(&b->error, ERR_TOO_LARGE, NULL,
					    "ข้อความยาวเกิน 32,767 ตัวอักษร: '%.*s…'",
					    "text longer than 32,767 characters: '%.*s…'", QUOTE(v));
			return b->failed;
		}
		if (rc != LXW_NO_ERROR)
			return book_io(b, lxw_strerror(rc));
	}
	b->row++;
	return 0;
}

int sheet_book_blank(struct sheet_book *b)
{
	return sheet_book_text(b, "", 0);
}

int sheet_book_table(struct sheet_book *b, const struct sheet_col *cols, size_t ncols)
{
	struct slice *head;
	size_t i, *off;
	int r;

	if (book_usable(b, true))
		return b->failed;
	if (!ncols || ncols > BOOK_MAX_COLS) {
		b->failed = err_set(&b->error, ERR_INVALID, NULL,
				    "จำนวนคอลัมน์ %zu ใช้ไม่ได้ (1 ถึง %d)",
				    "%zu columns cannot be written (1 to %d)", ncols, BOOK_MAX_COLS);
		return b->failed;
	}
	for (i = 0; i < ncols; i++)
		if (!cols[i].title || textenc_utf8_check(cols[i].title, strlen(cols[i].title), NULL)) {
			b->failed = err_set(&b->error, ERR_INVALID, NULL,
					    "หัวคอลัมน์ที่ %zu ไม่ใช่ UTF-8",
					    "the title of column %zu is not UTF-8", i + 1);
			return b->failed;
		}
	buf_reset(&b->titles);
	off = xcalloc(ncols, sizeof(*off));
	for (i = 0; i < ncols; i++) {
		b->cols[i] = cols[i];
		off[i] = b->titles.len;
		buf_add(&b->titles, cols[i].title, strlen(cols[i].title) + 1);
	}
	for (i = 0; i < ncols; i++) {
		b->cols[i].title = b->titles.ptr + off[i];
		if (cols[i].width > b->width[i]) {
			lxw_col_t c = (lxw_col_t)i;

			b->width[i] = cols[i].width;
			worksheet_set_column(b->ws, c, c, b->width[i], NULL);
		}
	}
	free(off);
	/* The header row: the titles, as a bold row of text. */
	b->ncols = ncols;
	head = xcalloc(ncols, sizeof(*head));
	for (i = 0; i < ncols; i++)
		head[i] = slice_of(b->cols[i].title);
	if (!b->frozen) {
		worksheet_freeze_panes(b->ws, b->row + 1, 0);
		b->frozen = true;
	}
	{
		/* Written as text whatever the column's type. */
		struct sheet_col saved[BOOK_MAX_COLS];

		memcpy(saved, b->cols, ncols * sizeof(*saved));
		for (i = 0; i < ncols; i++)
			b->cols[i].type = SHEET_TEXT;
		r = sheet_book_row(b, head, ncols, SHEET_BOLD);
		memcpy(b->cols, saved, ncols * sizeof(*saved));
	}
	free(head);
	return r;
}

int sheet_book_row(struct sheet_book *b, const struct slice *cells, size_t n, unsigned flags)
{
	lxw_format *const *fmt = flags & SHEET_BOLD ? b->bold : b->plain;
	size_t i;

	if (book_usable(b, true))
		return b->failed;
	if (!b->ncols || n > b->ncols) {
		b->failed = err_set(&b->error, ERR_INVALID, NULL,
				    "แผ่นงาน '%s' แถวที่ %lu มี %zu ช่อง แต่ตารางมี %zu คอลัมน์",
				    "sheet '%s', row %lu has %zu cells but the table has %zu columns",
				    b->sheet, (unsigned long)b->row + 1, n, b->ncols);
		return b->failed;
	}
	if (b->row >= LXW_ROW_MAX) {
		b->failed = err_set(&b->error, ERR_TOO_LARGE, NULL, "แผ่นงาน '%s' มีเกิน %lu แถว",
				    "sheet '%s' has more than %lu rows", b->sheet,
				    (unsigned long)LXW_ROW_MAX);
		return b->failed;
	}
	for (i = 0; i < n; i++) {
		lxw_datetime dt = { 0 };
		struct slice v = cells[i];
		int64_t num = 0;
		lxw_error rc;

		if (!v.len)
			continue;
		if (cell_check(b->cols[i].type, v, &num, &dt.year, &dt.month, &dt.day, &b->error))
			return book_cell_failed(b, i);
		rc = xlsx_cell(b->ws, b->row, (lxw_col_t)i, b->cols[i].type, v, num, &dt, fmt,
			       &b->scratch);
		if (rc == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
			err_set(&b->error, ERR_TOO_LARGE, NULL,
				"ข้อความยาวเกิน 32,767 ตัวอักษร: '%.*s…'",
				"text longer than 32,767 characters: '%.*s…'", QUOTE(v));
			return book_cell_failed(b, i);
		}
		if (rc != LXW_NO_ERROR)
			return book_io(b, lxw_strerror(rc));
	}
	b->row++;
	return 0;
}

int sheet_book_finish(struct sheet_book *b, struct buf *out, struct err *e)
{
	struct buf file = BUF_INIT;
	char chunk[65536];
	lxw_error lrc;
	FILE *f;
	size_t n;

	if (book_usable(b, false))
		goto fail;
	if (!b->ws && sheet_book_sheet(b, "Sheet1")) /* a workbook needs a sheet */
		goto fail;
	b->finished = true;
	lrc = workbook_close(b->wb); /* frees the workbook, whatever happens */
	b->wb = NULL;
	if (lrc != LXW_NO_ERROR) {
		book_io(b, lxw_strerror(lrc));
		goto fail;
	}
	f = fopen(b->tmp, "rb");
	if (!f) {
		book_io(b, strerror(errno));
		goto fail;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&file, chunk, n);
	if (ferror(f)) {
		fclose(f);
		book_io(b, strerror(errno));
		goto fail;
	}
	fclose(f);
	if (buf_add(out, file.ptr, file.len)) {
		b->failed = err_set(&b->error, ERR_TOO_LARGE, NULL,
				    "สมุดงาน .xlsx ใหญ่เกินที่รับได้ (%zu ไบต์)",
				    "the .xlsx workbook is larger than allowed (%zu bytes)", file.len);
		goto fail;
	}
	buf_release(&file);
	return 0;
fail:
	buf_release(&file);
	if (e)
		*e = b->error;
	return b->failed;
}

void sheet_book_free(struct sheet_book *b)
{
	if (!b)
		return;
	if (b->wb)
		lxw_workbook_free(b->wb);
	if (b->tmp)
		unlink(b->tmp);
	free(b->tmp);
	buf_release(&b->titles);
	buf_release(&b->scratch);
	free(b);
}
