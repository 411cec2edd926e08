/* Lookup in the table of embedded files. */
#include "lib/embed.h"
#include "lib/util.h"

const struct embed_file *embed_find(const char *name)
{
	const struct embed_file *f;

	for (f = embed_files; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}
