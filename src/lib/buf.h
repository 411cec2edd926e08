/*
 * struct buf: the one owning, growable byte buffer.
 *
 * Invariants (after buf_init and until buf_release):
 *  - b->ptr is never NULL and b->ptr[b->len] == '\0', so it is always a C string;
 *  - b->len <= b->max when a cap is set (b->max > 0); appends past the cap fail
 *    with -1 and leave the buffer as it was, so network-fed buffers stay bounded
 *    (as curl's dynbuf does);
 *  - buf_detach is the only way to take the memory; the buffer is then empty.
 */
#ifndef SAWAT_BUF_H
#define SAWAT_BUF_H

#include <stdarg.h>
#include "lib/util.h"

struct buf {
	char *ptr;
	size_t len;
	size_t cap;
	size_t max; /* 0: unbounded */
};

/* A borrowed byte range; never owns its memory. */
struct slice {
	const char *ptr;
	size_t len;
};

#define SLICE(s) ((struct slice){ (s), sizeof(s) - 1 })
static inline struct slice slice_of(const char *s)
{
	return (struct slice){ s, strlen(s) };
}
bool slice_eq(struct slice a, const char *s);

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0, 0 }

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
/* Takes the memory (malloc'd, NUL-terminated); the buffer is left empty. */
char *buf_detach(struct buf *b, size_t *len);
void buf_reset(struct buf *b);
/* The append functions return 0, or -1 when the cap would be passed. */
int buf_add(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Appends s with HTML special characters escaped (& < > " '). */
int buf_put_html(struct buf *b, const char *s, size_t n);
/* Appends n bytes as lowercase hex. */
int buf_put_hex(struct buf *b, const unsigned char *p, size_t n);
void buf_truncate(struct buf *b, size_t len);

#endif
