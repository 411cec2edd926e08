/*
 * libFuzzer target for lib/csv. The first input byte chooses the options
 * (delimiter, lenient, blank lines kept, small bounds, FILE read size); the
 * rest is the CSV. Beyond not crashing, leaking or overrunning, it checks:
 *
 *  - reading from memory and from a FILE gives the same rows and the same
 *    error (so refill boundaries change nothing);
 *  - the rows read before the end or the error, written back with
 *    csv_write_row and read again by a strict reader, are the same rows, and
 *    that second reading ends without error.
 *
 * Rows are compared in a canonical form: per row the field count, per field
 * its length and bytes.
 */
#include "lib/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void put_size(struct buf *b, size_t n)
{
	buf_add(b, &n, sizeof(n));
}

/*
 * Reads everything c gives: canonical rows into canon, and (when out is not
 * NULL) the rows written back as CSV into out. Returns CSV_END or the error.
 */
static int read_all(struct csv *c, struct buf *canon, struct buf *out, char delim, struct err *e)
{
	struct csv_row row;
	size_t i;
	int r;

	while ((r = csv_next(c, &row, e)) == CSV_ROW) {
		if (row.n == 0)
			__builtin_trap();
		put_size(canon, row.n);
		for (i = 0; i < row.n; i++) {
			put_size(canon, row.fields[i].len);
			buf_add(canon, row.fields[i].ptr, row.fields[i].len);
		}
		if (out && csv_write_row(out, row.fields, row.n, delim))
			__builtin_trap();
	}
	return r;
}

static void check_same(const struct buf *a, const struct buf *b)
{
	if (a->len != b->len || memcmp(a->ptr, b->ptr, a->len))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[] = { ',', ';', '\t', '|' };
	struct csv_opts o = { 0 }, strict;
	struct buf canon, canon_file, canon_again, out;
	struct err e, e_file;
	struct csv c;
	int r, r_file, r_again;
	unsigned char *copy;
	FILE *fp;

	if (size < 1)
		return 0;
	o.delim = delims[data[0] & 3];
	o.lenient = data[0] & 4;
	o.keep_blank_lines = data[0] & 8;
	if (data[0] & 16) {
		o.max_field = 16;
		o.max_fields = 8;
		o.max_row = 64;
		o.max_rows = 32;
	}
	o.read_size = 1 + (size_t)(data[0] >> 5) * 3;
	data++;
	size--;

	buf_init(&canon, 0);
	buf_init(&canon_file, 0);
	buf_init(&canon_again, 0);
	buf_init(&out, 0);
	err_init(&e);
	err_init(&e_file);

	if (csv_init_mem(&c, data, size, &o, &e))
		__builtin_trap();
	r = read_all(&c, &canon, &out, o.delim, &e);
	csv_release(&c);
	if (r > 0 || (r < 0 && r != ERR_INVALID && r != ERR_TOO_LARGE))
		__builtin_trap();

	/* The same bytes from a FILE, read a few bytes at a time. */
	copy = xmalloc(size + 1);
	memcpy(copy, data, size);
	fp = size ? fmemopen(copy, size, "r") : NULL;
	if (fp) {
		if (csv_init_file(&c, fp, &o, &e_file))
			__builtin_trap();
		r_file = read_all(&c, &canon_file, NULL, o.delim, &e_file);
		csv_release(&c);
		fclose(fp);
		if (r_file != r || strcmp(e.en, e_file.en) || strcmp(e.th, e_file.th))
			__builtin_trap();
		check_same(&canon, &canon_file);
	}
	free(copy);

	/* What was read, written back, reads back the same, strictly. */
	strict = o;
	strict.lenient = false;
	if (csv_init_mem(&c, out.ptr, out.len, &strict, NULL))
		__builtin_trap();
	r_again = read_all(&c, &canon_again, NULL, o.delim, NULL);
	csv_release(&c);
	if (r_again != CSV_END)
		__builtin_trap();
	check_same(&canon, &canon_again);

	buf_release(&canon);
	buf_release(&canon_file);
	buf_release(&canon_again);
	buf_release(&out);
	return 0;
}
