/*
 * libFuzzer target for lib/xlsx. An input starting "PK" is an .xlsx file as
 * it is. Any other input is a list of parts, "name\0content\0name\0...",
 * which the target zips (stored, uncompressed) before reading: mutating a
 * deflated zip mostly breaks its checksums, so this is how the fuzzer gets
 * to change the XML itself. Every worksheet is read to the end or to its
 * error, three times:
 *
 *  A  with the default options;
 *  B  with the same bounds but a small chunk size taken from the input's
 *     length (1 to 61 bytes), which must give exactly the same rows and the
 *     same error as A (where chunks end must change nothing). Errors from
 *     the zip layer (a damaged entry, more data than declared) are the
 *     exception: they surface with the chunk that holds them, so how many
 *     rows come before them depends on the chunk size. And for malformed
 *     XML only the part is compared, not expat's reason and position: past
 *     the document element, expat may call the same junk "invalid token" or
 *     "junk after document element" depending on where a chunk ended;
 *  C  with tight bounds, for the error paths.
 *
 * Beyond not crashing, leaking or overrunning, it checks that rows come in
 * increasing order, end with a cell that has a value, that every cell's
 * text and every error message is valid UTF-8, and that errors are final.
 */
#include <zip.h>
#include "lib/textenc.h"
#include "lib/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_utf8(const char *s, size_t n)
{
	if (textenc_utf8_check(s, n, NULL))
		__builtin_trap();
}

static void check_err(int code, const struct err *e)
{
	if (code != ERR_INVALID && code != ERR_TOO_LARGE && code != ERR_NOT_FOUND)
		__builtin_trap();
	if (e->code != code || !e->en[0] || !e->th[0])
		__builtin_trap();
	check_utf8(e->en, strlen(e->en));
	check_utf8(e->th, strlen(e->th));
	check_utf8(e->field, strlen(e->field));
}

static void put_size(struct buf *b, size_t n)
{
	buf_add(b, &n, sizeof(n));
}

/* Errors found by inflating, whose place depends on the chunk size. */
static bool zip_layer(const struct err *e)
{
	return strstr(e->en, "is damaged") || strstr(e->en, "than its declared size") ||
	       strstr(e->en, "expands to more than");
}

/* The error as compared between chunk sizes. */
static void put_err(struct buf *out, const struct err *e)
{
	const char *xml = strstr(e->en, "malformed XML in part ");
	const char *at = xml ? strstr(xml, " at line ") : NULL;

	buf_printf(out, "%d:", e->code);
	if (at)
		buf_add(out, e->en, (size_t)(at - e->en));
	else
		buf_puts(out, e->en);
}

/*
 * Reads every sheet; the canonical form of all rows and errors goes to out.
 * Returns true when a zip-layer error happened.
 */
static bool read_all(const uint8_t *data, size_t size, const struct xlsx_opts *o, struct buf *out)
{
	bool zipped = false;
	struct xlsx *x = NULL;
	struct xlsx_row row;
	struct err e;
	size_t s, i;
	int r;

	err_init(&e);
	r = xlsx_open_mem(data, size, o, &x, &e);
	if (r) {
		if (x)
			__builtin_trap();
		check_err(r, &e);
		put_err(out, &e);
		return zip_layer(&e);
	}
	for (s = 0; s < xlsx_sheet_count(x); s++) {
		const struct xlsx_sheet *sh = xlsx_sheet_at(x, s);
		unsigned long last = 0;

		check_utf8(sh->name, strlen(sh->name));
		buf_puts(out, sh->name);
		err_init(&e);
		r = xlsx_select_sheet_at(x, s, &e);
		while (r == 0 && (r = xlsx_next_row(x, &row, &e)) == XLSX_ROW) {
			r = 0;
			if (row.row <= last || row.row > XLSX_MAX_ROWS || row.n == 0 ||
			    row.n > XLSX_MAX_COLS || row.cells[row.n - 1].type == XLSX_EMPTY)
				__builtin_trap();
			last = row.row;
			put_size(out, row.row);
			put_size(out, row.n);
			for (i = 0; i < row.n; i++) {
				const struct xlsx_cell *c = &row.cells[i];

				if (c->text.ptr[c->text.len] != '\0')
					__builtin_trap();
				if (c->type == XLSX_EMPTY && c->text.len)
					__builtin_trap();
				check_utf8(c->text.ptr, c->text.len);
				put_size(out, c->type);
				put_size(out, c->text.len);
				buf_add(out, c->text.ptr, c->text.len);
			}
		}
		if (r < 0) {
			struct err again;

			check_err(r, &e);
			put_err(out, &e);
			zipped |= zip_layer(&e);
			err_init(&again);
			if (xlsx_next_row(x, &row, &again) != r || strcmp(again.en, e.en))
				__builtin_trap();
		}
	}
	xlsx_free(x);
	return zipped;
}

/* Zips the parts of a "name\0content\0..." input into z; false if it has none. */
static bool zip_parts(const uint8_t *data, size_t size, struct buf *z)
{
	const char *p = (const char *)data, *end = p + size;
	zip_source_t *src;
	zip_t *za;
	zip_stat_t st;
	bool any = false;

	src = zip_source_buffer_create(NULL, 0, 0, NULL);
	if (!src)
		return false;
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	if (!za) {
		zip_source_free(src);
		return false;
	}
	while (p < end) {
		const char *name = p, *nul = memchr(p, 0, (size_t)(end - p)), *content, *cend;
		zip_source_t *part;
		zip_int64_t idx;

		if (!nul)
			break;
		content = nul + 1;
		cend = content < end ? memchr(content, 0, (size_t)(end - content)) : NULL;
		if (!cend)
			cend = end;
		p = cend + (cend < end);
		if (nul == name)
			continue;
		part = zip_source_buffer(za, content, (zip_uint64_t)(cend - content), 0);
		idx = part ? zip_file_add(za, name, part, ZIP_FL_OVERWRITE) : -1;
		if (idx < 0) {
			zip_source_free(part);
			continue;
		}
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
		any = true;
	}
	if (zip_close(za)) {
		zip_discard(za);
		zip_source_free(src);
		return false;
	}
	if (any && zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
		char tmp[4096];
		zip_int64_t n;

		while ((n = zip_source_read(src, tmp, sizeof(tmp))) > 0)
			buf_add(z, tmp, (size_t)n);
		zip_source_close(src);
	}
	zip_source_free(src);
	return any && z->len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xlsx_opts a = { 0 }, b = { 0 };
	struct xlsx_opts c = { .max_part = 64 * 1024, .max_cell = 64, .max_row = 256,
			       .max_cols = 20, .max_rows = 50, .read_size = 13,
			       .max_xml_mem = 48 * 1024 };
	struct buf ra, rb, rc, zipped_parts;
	bool zipped;

	buf_init(&ra, 0);
	buf_init(&rb, 0);
	buf_init(&rc, 0);
	buf_init(&zipped_parts, 0);
	if (!(size >= 2 && data[0] == 'P' && data[1] == 'K')) {
		if (!zip_parts(data, size, &zipped_parts))
			goto done;
		data = (const uint8_t *)zipped_parts.ptr;
		size = zipped_parts.len;
	}
	b.read_size = 1 + size % 61;
	zipped = read_all(data, size, &a, &ra);
	zipped |= read_all(data, size, &b, &rb);
	if (!zipped && (ra.len != rb.len || memcmp(ra.ptr, rb.ptr, ra.len)))
		__builtin_trap();
	read_all(data, size, &c, &rc);
done:
	buf_release(&zipped_parts);
	buf_release(&ra);
	buf_release(&rb);
	buf_release(&rc);
	return 0;
}
