/*
 * The CSV reader (see csv.h). Bytes come from a memory buffer or a FILE
 * through next_byte(), which refills the buffer, counts lines (CR, LF and CRLF
 * each count once) and remembers whether the last byte was a CR. A row is
 * parsed by a small state machine; runs of ordinary bytes are copied in one go
 * so the common case does not go byte by byte through the switch:
 *
 *            '"'                   '"'
 *   START ---------> QUOTED <-------------.
 *     |  \            |  ^                 |
 *     |   \ other     | '"'   '"' (a doubled quote: one '"')
 *     |    v          v  |                 |
 *     |  PLAIN       QUOTE ----------------'
 *     |    |          |
 *     '----+----------+---> delimiter: next field, START
 *                           CR, LF, end of input: the row is done
 *
 * A quote in PLAIN, or anything but a quote, delimiter or line break after
 * QUOTE, is an error unless the reader is lenient, which keeps it as text
 * (and carries on in PLAIN). The end of input in QUOTED is always an error.
 *
 * Field bytes of the current row are appended to one buffer, each field
 * followed by a NUL; the row's slices point into it, so they stay valid
 * until the next row. Bounds are checked before bytes are appended.
 */
#include <errno.h>
#include "lib/csv.h"

enum { BYTE_EOF = -1, BYTE_ERROR = -2 };
enum state { START, PLAIN, QUOTED, QUOTE };

static const unsigned char bom[3] = { 0xef, 0xbb, 0xbf };

static int init(struct csv *c, const struct csv_opts *opts, struct err *e)
{
	memset(c, 0, sizeof(*c));
	buf_init(&c->text, 0);
	err_init(&c->error);
	if (opts)
		c->o = *opts;
	if (!c->o.delim)
		c->o.delim = ',';
	if (!c->o.max_field)
		c->o.max_field = CSV_DEFAULT_MAX_FIELD;
	if (!c->o.max_fields)
		c->o.max_fields = CSV_DEFAULT_MAX_FIELDS;
	if (!c->o.max_row)
		c->o.max_row = CSV_DEFAULT_MAX_ROW;
	if (!c->o.max_rows)
		c->o.max_rows = CSV_DEFAULT_MAX_ROWS;
	if (!c->o.read_size)
		c->o.read_size = CSV_DEFAULT_READ_SIZE;
	/* The first read must see a whole byte order mark if there is one. */
	if (c->o.read_size < sizeof(bom))
		c->o.read_size = sizeof(bom);
	if (c->o.delim != '\t' && (c->o.delim < ' ' || c->o.delim > '~' || c->o.delim == '"')) {
		c->failed = err_set(&c->error, ERR_INVALID, NULL,
				    "ตัวคั่น CSV ใช้ไม่ได้ (รหัส %d)", "unusable CSV delimiter (code %d)",
				    (int)(unsigned char)c->o.delim);
		if (e)
			*e = c->error;
		return c->failed;
	}
	return 0;
}

static void skip_bom(struct csv *c)
{
	if ((size_t)(c->end - c->p) >= sizeof(bom) && !memcmp(c->p, bom, sizeof(bom)))
		c->p += sizeof(bom);
}

int csv_init_mem(struct csv *c, const void *data, size_t len, const struct csv_opts *opts,
		 struct err *e)
{
	int r = init(c, opts, e);

	c->p = data;
	c->end = c->p + (data ? len : 0);
	c->eof = true;
	if (!data)
		c->p = c->end = (const unsigned char *)"";
	skip_bom(c);
	return r;
}

int csv_init_file(struct csv *c, FILE *fp, const struct csv_opts *opts, struct err *e)
{
	int r = init(c, opts, e);

	c->fp = fp;
	c->chunk = xmalloc(c->o.read_size);
	c->p = c->end = c->chunk;
	return r;
}

void csv_release(struct csv *c)
{
	free(c->chunk);
	free(c->starts);
	free(c->fields);
	buf_release(&c->text);
	c->chunk = NULL;
	c->starts = NULL;
	c->fields = NULL;
	c->p = c->end = NULL;
}

/*
 * Records the error already set in c->error as final, prefixed with where it
 * happened. col 0 means the position is the row as a whole.
 */
static int fail_at(struct csv *c, struct err *e, size_t col, unsigned long line)
{
	char th[160], en[160];

	c->err_row = c->rows + 1;
	c->err_col = col;
	c->err_line = line;
	if (col) {
		snprintf(th, sizeof(th), "CSV แถวที่ %lu คอลัมน์ที่ %zu บรรทัดที่ %lu", c->err_row, col,
			 line);
		snprintf(en, sizeof(en), "CSV row %lu, column %zu, line %lu", c->err_row, col, line);
	} else {
		snprintf(th, sizeof(th), "CSV แถวที่ %lu บรรทัดที่ %lu", c->err_row, line);
		snprintf(en, sizeof(en), "CSV row %lu, line %lu", c->err_row, line);
	}
	err_prefix(&c->error, th, en);
	c->failed = c->error.code;
	if (e)
		*e = c->error;
	return c->failed;
}

/* Makes more bytes available; false at the end of input or on error. */
static bool refill(struct csv *c)
{
	size_t n;

	if (c->eof || c->failed)
		return false;
	n = fread(c->chunk, 1, c->o.read_size, c->fp);
	if (n == 0) {
		if (ferror(c->fp)) {
			err_set(&c->error, ERR_IO, NULL, "อ่านไฟล์ CSV ไม่ได้: %s",
				"cannot read the CSV file: %s", strerror(errno ? errno : EIO));
			c->failed = ERR_IO;
			return false;
		}
		c->eof = true;
		return false;
	}
	c->p = c->chunk;
	c->end = c->chunk + n;
	if (!c->bom_checked) {
		c->bom_checked = true;
		skip_bom(c);
	}
	return c->p < c->end || refill(c);
}

static int next_byte(struct csv *c)
{
	int ch;

	if (c->p == c->end && !refill(c))
		return c->failed ? BYTE_ERROR : BYTE_EOF;
	ch = *c->p++;
	if (ch == '\r' || (ch == '\n' && !c->last_cr))
		c->lines++;
	c->last_cr = ch == '\r';
	return ch;
}

/* The line the next byte is on. */
static unsigned long cur_line(const struct csv *c)
{
	return c->lines + 1;
}

/*
 * Appends n bytes to the current field, within the bounds. When the bytes
 * would pass both, the one passed at the earlier byte is reported, so the
 * error does not depend on how the input was cut into reads.
 */
static int add(struct csv *c, const void *p, size_t n, struct err *e)
{
	size_t field_room = c->o.max_field - (c->text.len - c->starts[c->nfields - 1]);
	size_t row_room = c->o.max_row - c->row_bytes;

	if (n > field_room && field_room <= row_room) {
		err_set(&c->error, ERR_TOO_LARGE, NULL, "ช่องยาวเกิน %zu ไบต์",
			"field longer than %zu bytes", c->o.max_field);
		return fail_at(c, e, c->nfields, cur_line(c));
	}
	if (n > row_room) {
		err_set(&c->error, ERR_TOO_LARGE, NULL, "แถวยาวเกิน %zu ไบต์",
			"row longer than %zu bytes", c->o.max_row);
		return fail_at(c, e, c->nfields, cur_line(c));
	}
	buf_add(&c->text, p, n);
	c->row_bytes += n;
	return 0;
}

/*
 * Appends the run of bytes at hand that need no decision (none of the stop
 * bytes), without going through next_byte. Runs never hold CR or LF, so the
 * line count is unaffected.
 */
static int add_run(struct csv *c, bool quoted, struct err *e)
{
	const unsigned char *q = c->p;
	int d = (unsigned char)c->o.delim;

	if (quoted)
		while (q < c->end && *q != '"' && *q != '\r' && *q != '\n')
			q++;
	else
		while (q < c->end && *q != d && *q != '"' && *q != '\r' && *q != '\n')
			q++;
	if (q == c->p)
		return 0;
	if (add(c, c->p, (size_t)(q - c->p), e))
		return c->failed;
	c->p = q;
	c->last_cr = false;
	return 0;
}

static int start_field(struct csv *c, struct err *e)
{
	if (c->nfields == c->o.max_fields) {
		err_set(&c->error, ERR_TOO_LARGE, NULL, "มีเกิน %zu ช่องในแถวเดียว",
			"more than %zu fields in one row", c->o.max_fields);
		return fail_at(c, e, c->nfields + 1, cur_line(c));
	}
	ALLOC_GROW(c->starts, c->nfields + 1, c->cap_starts);
	c->starts[c->nfields++] = c->text.len;
	return 0;
}

static void end_field(struct csv *c)
{
	buf_putc(&c->text, '\0');
}

static int finish_row(struct csv *c, struct csv_row *row, unsigned long line, struct err *e)
{
	size_t i;

	if (c->rows == c->o.max_rows) {
		err_set(&c->error, ERR_TOO_LARGE, NULL, "มีเกิน %lu แถว", "more than %lu rows",
			c->o.max_rows);
		return fail_at(c, e, 0, line);
	}
	ALLOC_GROW(c->fields, c->nfields, c->cap_fields);
	for (i = 0; i < c->nfields; i++) {
		size_t end = i + 1 < c->nfields ? c->starts[i + 1] : c->text.len;

		c->fields[i].ptr = c->text.ptr + c->starts[i];
		c->fields[i].len = end - c->starts[i] - 1;
	}
	c->rows++;
	row->n = c->nfields;
	row->fields = c->fields;
	row->row = c->rows;
	row->line = line;
	return CSV_ROW;
}

static bool is_break(int ch)
{
	return ch == '\r' || ch == '\n' || ch == BYTE_EOF;
}

int csv_next(struct csv *c, struct csv_row *row, struct err *e)
{
	enum state st = START;
	unsigned long line, quote_line = 0;
	int ch, d = (unsigned char)c->o.delim;

	memset(row, 0, sizeof(*row));
	if (c->failed)
		goto fail;
	buf_reset(&c->text);
	c->nfields = 0;
	c->row_bytes = 0;

	/* Skip the LF of a CRLF that ended the last row, and blank lines. */
	for (;;) {
		line = cur_line(c);
		ch = next_byte(c);
		if (ch == '\n' && c->lines == line - 1)
			continue; /* the LF after a CR: not a line of its own */
		if (ch == BYTE_ERROR)
			return fail_at(c, e, 0, cur_line(c));
		if (ch == BYTE_EOF)
			return CSV_END;
		if ((ch == '\r' || ch == '\n') && !c->o.keep_blank_lines)
			continue;
		break;
	}
	if (start_field(c, e))
		goto fail;
	for (;; ch = next_byte(c)) {
		if (ch == BYTE_ERROR)
			return fail_at(c, e, c->nfields, cur_line(c));
		switch (st) {
		case START:
			if (ch == '"') {
				st = QUOTED;
				quote_line = cur_line(c);
				continue;
			}
			/* An empty or plain field: */
			/* fall through */
		case PLAIN:
			if (ch == d) {
				end_field(c);
				if (start_field(c, e))
					goto fail;
				st = START;
			} else if (is_break(ch)) {
				end_field(c);
				return finish_row(c, row, line, e);
			} else if (ch == '"' && !c->o.lenient) {
				err_set(&c->error, ERR_INVALID, NULL,
					"มีเครื่องหมายคำพูด (\") กลางช่องที่ไม่ได้ครอบด้วยเครื่องหมายคำพูด",
					"a quote (\") inside an unquoted field");
				return fail_at(c, e, c->nfields, cur_line(c));
			} else {
				unsigned char b = (unsigned char)ch;

				st = PLAIN;
				if (add(c, &b, 1, e) || add_run(c, false, e))
					goto fail;
			}
			break;
		case QUOTED:
			if (ch == '"') {
				st = QUOTE;
			} else if (ch == BYTE_EOF) {
				err_set(&c->error, ERR_INVALID, NULL,
					"เครื่องหมายคำพูดที่เปิดในบรรทัดที่ %lu ไม่ได้ปิด",
					"the quote opened on line %lu is never closed", quote_line);
				return fail_at(c, e, c->nfields, quote_line);
			} else {
				unsigned char b = (unsigned char)ch;

				if (add(c, &b, 1, e) || add_run(c, true, e))
					goto fail;
			}
			break;
		case QUOTE:
			if (ch == '"') {
				if (add(c, "\"", 1, e))
					goto fail;
				st = QUOTED;
			} else if (ch == d) {
				end_field(c);
				if (start_field(c, e))
					goto fail;
				st = START;
			} else if (is_break(ch)) {
				end_field(c);
				return finish_row(c, row, line, e);
			} else if (!c->o.lenient) {
				err_set(&c->error, ERR_INVALID, NULL,
					"มีข้อความต่อท้ายเครื่องหมายคำพูดปิดของช่อง",
					"text after the closing quote of a quoted field");
				return fail_at(c, e, c->nfields, cur_line(c));
			} else {
				unsigned char b = (unsigned char)ch;

				st = PLAIN;
				if (add(c, &b, 1, e) || add_run(c, false, e))
					goto fail;
			}
			break;
		}
	}
fail:
	if (e)
		*e = c->error;
	return c->failed;
}

static bool needs_quotes(struct slice f, size_t n, char delim)
{
	size_t i;

	if (n == 1 && f.len == 0)
		return true;
	if (f.len >= sizeof(bom) && !memcmp(f.ptr, bom, sizeof(bom)))
		return true;
	for (i = 0; i < f.len; i++) {
		char ch = f.ptr[i];

		if (ch == delim || ch == '"' || ch == '\r' || ch == '\n')
			return true;
	}
	return false;
}

int csv_write_row(struct buf *b, const struct slice *fields, size_t n, char delim)
{
	size_t i, j;

	if (!delim)
		delim = ',';
	for (i = 0; i < n; i++) {
		struct slice f = fields[i];

		if (i && buf_putc(b, delim))
			return -1;
		if (!needs_quotes(f, n, delim)) {
			if (buf_add(b, f.ptr, f.len))
				return -1;
			continue;
		}
		if (buf_putc(b, '"'))
			return -1;
		for (j = 0; j < f.len; j++) {
			if (f.ptr[j] == '"' && buf_putc(b, '"'))
				return -1;
			if (buf_putc(b, f.ptr[j]))
				return -1;
		}
		if (buf_putc(b, '"'))
			return -1;
	}
	return buf_add(b, "\r\n", 2);
}
