/*
 * libFuzzer target for core/thtext.
 *
 * The input is split at its first NUL byte (or in half) into two strings.
 * Invariants checked: the UTF-8 decoder agrees with the validator and the
 * counter; the name key succeeds exactly on valid UTF-8 and yields valid
 * UTF-8 without white space; the collator is antisymmetric and its sort keys
 * order the two strings as the comparison does (for strings without NUL
 * bytes: ICU's comparison and sort key disagree on embedded U+0000), and so
 * do the name sort keys of (a, b) and (b, a) (given name first).
 */
#include <assert.h>
#include "core/thtext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One collator for the whole run: opening one per input would be slow. */
static struct thtext_collator coll;

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *a = (const char *)data, *nul = memchr(data, 0, size), *b;
	size_t alen, blen, count, pos = 0, i;
	struct buf ka, kb, key;
	bool valid;
	uint32_t cp;
	int rc, c1, c2, ks;

	if (!coll.ucol && thtext_collator_open(&coll, NULL))
		abort();
	alen = nul ? (size_t)(nul - a) : size / 2;
	b = a + alen + (nul ? 1 : 0);
	blen = size - (size_t)(b - a);

	valid = thtext_utf8_valid(a, alen);
	assert((thtext_utf8_count(a, alen, &count) == 0) == valid);
	for (i = 0; pos < alen; i++)
		if (thtext_utf8_next(a, alen, &pos, &cp))
			break;
	assert((pos == alen) == valid);
	if (valid)
		assert(i == count);

	buf_init(&key, 0);
	rc = thtext_name_key(a, alen, &key, NULL);
	assert((rc == 0) == valid);
	assert(thtext_utf8_valid(key.ptr, key.len));
	assert(!memchr(key.ptr, ' ', key.len) && !memchr(key.ptr, '\t', key.len));
	buf_release(&key);

	c1 = thtext_collate(&coll, a, alen, b, blen);
	c2 = thtext_collate(&coll, b, blen, a, alen);
	assert(sign(c1) == -sign(c2));
	buf_init(&ka, 0);
	buf_init(&kb, 0);
	/* Keys and comparison agree for text Sawat accepts in a field. ICU may
	 * order control characters (tabs, SO) with a combining mark after them
	 * differently in the two paths; fields never hold them. */
	if (thtext_check_field(a, alen, alen + 1, 0, "a", NULL) == 0 &&
	    thtext_check_field(b, blen, blen + 1, 0, "b", NULL) == 0 &&
	    thtext_sort_key(&coll, a, alen, &ka, NULL) == 0 &&
	    thtext_sort_key(&coll, b, blen, &kb, NULL) == 0) {
		ks = strcmp(ka.ptr, kb.ptr);
		assert(sign(ks) == sign(c1));
		buf_reset(&ka);
		buf_reset(&kb);
		if (thtext_name_sort_key(&coll, a, alen, b, blen, &ka, NULL) == 0 &&
		    thtext_name_sort_key(&coll, b, blen, a, alen, &kb, NULL) == 0) {
			ks = memcmp(ka.ptr, kb.ptr, ka.len < kb.len ? ka.len : kb.len);
			if (!ks)
				ks = (ka.len > kb.len) - (ka.len < kb.len);
			assert(sign(ks) == sign(c1));
		}
	}
	buf_release(&ka);
	buf_release(&kb);
	return 0;
}
