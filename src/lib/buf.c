/*
 * Growable byte buffer; see buf.h for the invariants. Growth doubles; a
 * capped buffer refuses appends that would pass its cap without changing.
 */
#include "lib/buf.h"

char buf_empty[1];

bool slice_eq(struct slice a, const char *s)
{
	size_t n = strlen(s);

	return a.len == n && memcmp(a.ptr, s, n) == 0;
}

void buf_init(struct buf *b, size_t max)
{
	b->ptr = buf_empty;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void buf_release(struct buf *b)
{
	if (b->cap)
		free(b->ptr);
	buf_init(b, b->max);
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p = b->cap ? b->ptr : xstrdup("");

	if (len)
		*len = b->len;
	buf_init(b, b->max);
	return p;
}

void buf_reset(struct buf *b)
{
	buf_truncate(b, 0);
}

void buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->ptr[len] = '\0';
	}
}

static int grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t nc;

	if (b->max && b->len + extra > b->max)
		return -1;
	if (need <= b->cap)
		return 0;
	nc = b->cap ? b->cap : 64;
	while (nc < need)
		nc *= 2;
	if (b->cap) {
		b->ptr = xrealloc(b->ptr, nc);
	} else {
		b->ptr = xmalloc(nc);
		b->ptr[0] = '\0';
	}
	b->cap = nc;
	return 0;
}

int buf_add(struct buf *b, const void *p, size_t n)
{
	if (grow(b, n))
		return -1;
	if (n)
		memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return 0;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_putc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(b->ptr + b->len, b->cap ? b->cap - b->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return -1;
	if (b->cap && (size_t)n < b->cap - b->len) {
		if (b->max && b->len + (size_t)n > b->max) {
			b->ptr[b->len] = '\0';
			return -1;
		}
		b->len += (size_t)n;
		return 0;
	}
	if (grow(b, (size_t)n))
		return -1;
	vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return r;
}

int buf_put_html(struct buf *b, const char *s, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++) {
		const char *rep;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		if (buf_add(b, s + start, i - start) || buf_puts(b, rep))
			return -1;
		start = i + 1;
	}
	return buf_add(b, s + start, n - start);
}

int buf_put_hex(struct buf *b, const unsigned char *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	if (grow(b, 2 * n))
		return -1;
	for (i = 0; i < n; i++) {
		b->ptr[b->len++] = hex[p[i] >> 4];
		b->ptr[b->len++] = hex[p[i] & 15];
	}
	b->ptr[b->len] = '\0';
	return 0;
}
