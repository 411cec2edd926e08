/*
 * Small helpers every module uses: allocation that aborts on out-of-memory
 * (bounds on input are what limit memory, not malloc failures), array sizes,
 * and the banned-function list.
 */
#ifndef SAWAT_UTIL_H
#define SAWAT_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>
#include <stdlib.h>
#include <stdio.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define UNUSED(x) ((void)(x))

/* Allocate or die: these never return NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *cap to at least need (doubling), reallocating *p of elements of size sz. */
#define ALLOC_GROW(p, need, cap)                                              \
	do {                                                                  \
		if ((need) > (cap)) {                                         \
			size_t nc_ = (cap) ? (cap) * 2 : 8;                   \
			while (nc_ < (need))                                  \
				nc_ *= 2;                                     \
			(p) = xrealloc((p), nc_ * sizeof(*(p)));              \
			(cap) = nc_;                                          \
		}                                                             \
	} while (0)

/* True when s starts with prefix. */
static inline bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Constant-time comparison of two equal-length byte strings. */
bool mem_equal_ct(const void *a, const void *b, size_t n);

#include "lib/banned.h"
#endif
