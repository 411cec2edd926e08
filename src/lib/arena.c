/*
 * Arena allocator: a list of chunks; the head chunk is filled front to back.
 */
#include <stdarg.h>
#include "lib/arena.h"

#define CHUNK 8192

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	_Alignas(16) unsigned char data[];
};

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->total = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c;

	n = (n + 15) & ~(size_t)15;
	if (!n)
		n = 16;
	a->total += n;
	if (a->head && a->used + n <= a->head->size) {
		void *p = a->head->data + a->used;

		a->used += n;
		return p;
	}
	if (n > CHUNK / 4) {
		/* Big: own chunk, linked behind the head so the head keeps filling. */
		c = xmalloc(sizeof(*c) + n);
		c->size = n;
		if (a->head) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = NULL;
			a->head = c;
			a->used = n;
		}
		return c->data;
	}
	c = xmalloc(sizeof(*c) + CHUNK);
	c->size = CHUNK;
	c->next = a->head;
	a->head = c;
	a->used = n;
	return c->data;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup(a, "");
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_release(struct arena *a)
{
	struct arena_chunk *c = a->head;

	while (c) {
		struct arena_chunk *next = c->next;

		free(c);
		c = next;
	}
	arena_init(a);
}
