/*
 * struct arena: bump allocation freed in one call, for everything that lives
 * exactly as long as one request, report run or evaluation batch (as h2o's
 * h2o_mem_pool_t). Allocations are 16-byte aligned; large ones get their own
 * chunk. The arena owns every pointer it returns.
 */
#ifndef SAWAT_ARENA_H
#define SAWAT_ARENA_H

#include "lib/util.h"

struct arena_chunk;
struct arena {
	struct arena_chunk *head;
	size_t used;   /* bytes used in head */
	size_t total;  /* bytes handed out, for accounting */
};

void arena_init(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Frees every chunk; the arena is empty and reusable. */
void arena_release(struct arena *a);

#endif
