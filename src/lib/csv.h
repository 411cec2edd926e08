/*
 * struct csv: a streaming reader of RFC 4180 CSV, one row at a time, from a
 * memory buffer or a FILE*. Imports read what Thai offices export from Excel:
 *
 *  - fields may be quoted with '"', a doubled quote inside stands for one, and
 *    quoted fields may hold delimiters and line breaks;
 *  - rows end with CRLF, LF or a lone CR (old Mac exports); the last row may
 *    end without one;
 *  - a UTF-8 byte order mark at the very start is skipped;
 *  - the delimiter is ',' unless set (';' and tab are common);
 *  - empty lines are skipped unless keep_blank_lines is set, in which case each
 *    is a row of one empty field (a row of one empty field written by
 *    csv_write_row is always quoted, so it survives either way).
 *
 * Bytes are passed through as they are: the reader does not check or convert
 * the encoding (legacy TIS-620 files go through iconv first). Every input
 * bound is enforced while reading, before memory is spent, so a hostile file
 * cannot make the reader grow without limit.
 *
 * Usage:
 *
 *     struct csv c;
 *     struct csv_row row;
 *     int r;
 *
 *     if (csv_init_file(&c, fp, NULL, e))
 *             return e->code;
 *     while ((r = csv_next(&c, &row, e)) == CSV_ROW)
 *             use(row.fields[0].ptr, row.fields[0].len, ...);
 *     csv_release(&c);
 *     if (r < 0)
 *             return r;      // e says where: "CSV row 3, column 2, line 4: ..."
 */
#ifndef SAWAT_CSV_H
#define SAWAT_CSV_H

#include "lib/buf.h"
#include "lib/err.h"

#define CSV_DEFAULT_MAX_FIELD (64 * 1024)
#define CSV_DEFAULT_MAX_FIELDS 1024
#define CSV_DEFAULT_MAX_ROW (1024 * 1024)
#define CSV_DEFAULT_MAX_ROWS 10000000UL
#define CSV_DEFAULT_READ_SIZE (64 * 1024)

/* Options; a zero field takes the default, so { 0 } (or NULL) is strict RFC
 * 4180 with commas and the default bounds. */
struct csv_opts {
	char delim;             /* ',' when 0; tab or printable ASCII other than '"' */
	bool lenient;           /* keep stray quotes as text instead of failing */
	bool keep_blank_lines;  /* an empty line is a row of one empty field */
	size_t max_field;       /* bytes in one field */
	size_t max_fields;      /* fields in one row */
	size_t max_row;         /* bytes in one row, all fields together */
	unsigned long max_rows; /* rows in the input (records, not lines) */
	size_t read_size;       /* bytes asked of fread at a time (FILE input) */
};

/* One row, borrowed from the reader: valid until the next csv_next or
 * csv_release. Each field is also NUL-terminated (a field may itself contain
 * NUL bytes; len is the truth). */
struct csv_row {
	size_t n;                   /* fields, at least 1 */
	const struct slice *fields; /* n fields */
	unsigned long row;          /* record number, from 1 */
	unsigned long line;         /* line the record starts on, from 1 */
};

enum csv_result { CSV_END = 0, CSV_ROW = 1 };

/* The reader. Fields after the first comment are private. */
struct csv {
	/* Where the last error happened (0 when it does not apply). */
	unsigned long err_row, err_line;
	size_t err_col;

	struct csv_opts o;          /* defaults filled in */
	FILE *fp;                   /* borrowed; NULL when reading memory */
	const unsigned char *p;     /* next unread byte */
	const unsigned char *end;   /* end of the bytes at hand */
	unsigned char *chunk;       /* owned read buffer for FILE input */
	bool eof;                   /* the source has nothing more */
	bool bom_checked;           /* the start of the input was looked at */
	bool last_cr;               /* the byte just consumed was CR */
	unsigned long lines;        /* line breaks consumed */
	unsigned long rows;         /* rows returned */
	struct buf text;            /* the row's field bytes, each field NUL-terminated */
	size_t *starts;             /* where each field starts in text */
	size_t nfields, cap_starts;
	struct slice *fields;       /* handed out in struct csv_row */
	size_t cap_fields;
	size_t row_bytes;           /* field bytes in the row so far */
	int failed;                 /* the sticky error code, 0 when none */
	struct err error;           /* and its message */
};

/*
 * Starts reading len bytes at data, which must stay valid and unchanged until
 * csv_release. opts may be NULL. Fails with ERR_INVALID for a bad delimiter;
 * the reader needs csv_release either way.
 */
int csv_init_mem(struct csv *c, const void *data, size_t len, const struct csv_opts *opts,
		 struct err *e);
/* The same from fp, read as needed; fp stays the caller's to close. */
int csv_init_file(struct csv *c, FILE *fp, const struct csv_opts *opts, struct err *e);

/*
 * Reads the next row into *row. Returns CSV_ROW, CSV_END at the end of the
 * input, or a negative error with e saying where ("CSV row R, column C, line
 * L: ...", in Thai and English), also kept in c->err_row/err_col/err_line:
 *   ERR_INVALID    an unterminated quoted field, or (unless lenient) a quote
 *                  inside an unquoted field or text after a closing quote;
 *   ERR_TOO_LARGE  a field, row or row count over its bound;
 *   ERR_IO         reading the FILE failed.
 * Errors are final: later calls return the same error.
 */
int csv_next(struct csv *c, struct csv_row *row, struct err *e);

/* Frees what the reader owns; it can then be initialised again. */
void csv_release(struct csv *c);

/*
 * Appends one row of n fields to b, in the form this reader reads back
 * exactly: fields joined by delim (',' when 0), quoted (with inner quotes
 * doubled) when they contain the delimiter, a quote, CR or LF, when they start
 * with a byte order mark, or when the row is one empty field; ended by CRLF.
 * Returns 0, or -1 when b's cap is reached (b is then left part-written).
 */
int csv_write_row(struct buf *b, const struct slice *fields, size_t n, char delim);

#endif
