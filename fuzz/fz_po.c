/*
 * libFuzzer target for the .po parser in web/i18n: parses the input as a
 * catalog and, when it parses, looks a few messages up. Must never crash,
 * leak or hit undefined behaviour, whatever the input.
 */
#include <stdint.h>
#include "web/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog *cat = NULL;
	struct err e;

	if (!catalog_parse(&cat, "th", "fuzz.po", (const char *)data, size, &e)) {
		catalog_tr(cat, "Log in");
		catalog_tr(cat, "");
		catalog_tr_ctx(cat, "ctx", "a");
		catalog_free(cat);
	}
	return 0;
}
