/*
 * Files compiled into the binary by tools/embed.c (migrations, templates,
 * static assets, message catalogs, geography data). Names are the repository
 * paths, e.g. "migrations/0001_platform.sql".
 */
#ifndef SAWAT_EMBED_H
#define SAWAT_EMBED_H

#include <stddef.h>

struct embed_file {
	const char *name;
	const unsigned char *data; /* NUL-terminated after len bytes */
	size_t len;
};

extern const struct embed_file embed_files[]; /* ends with a NULL name */

/* The file with this exact name, or NULL. */
const struct embed_file *embed_find(const char *name);

#endif
