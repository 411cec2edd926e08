/*
 * libFuzzer target for core/money.
 *
 * Invariants checked: a parsed amount formats under every flag combination
 * and parses back equal; its words are valid UTF-8, start with ลบ exactly
 * when it is negative and end in ถ้วน or สตางค์; a failure leaves 0 and valid
 * UTF-8 messages. The first eight bytes, read as an int64_t, also make the
 * format/parse round trip, so the extremes of the range get exercised.
 */
#include <assert.h>
#include "core/money.h"
#include "core/thtext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool ends_with(const struct buf *b, const char *s)
{
	size_t n = strlen(s);

	return b->len >= n && !memcmp(b->ptr + b->len - n, s, n);
}

static void check_amount(int64_t v)
{
	struct buf b;
	unsigned flags;
	int64_t back;

	buf_init(&b, 0);
	for (flags = 0; flags < 8; flags++) {
		buf_reset(&b);
		assert(money_format(v, flags, &b, NULL) == 0);
		assert(money_parse(b.ptr, &back, "amount", NULL) == 0 && back == v);
	}
	buf_reset(&b);
	assert(money_bahttext(v, &b, NULL) == 0);
	assert(thtext_utf8_valid(b.ptr, b.len));
	assert((v < 0) == !strncmp(b.ptr, "ลบ", strlen("ลบ")));
	assert(ends_with(&b, "ถ้วน") || ends_with(&b, "สตางค์"));
	assert(ends_with(&b, "บาทถ้วน") == (v % 100 == 0));
	buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);
	struct err e;
	int64_t v = 1;
	int rc;

	memcpy(s, data, size);
	s[size] = '\0';
	err_init(&e);
	rc = money_parse(s, &v, "amount", &e);
	if (rc == 0) {
		check_amount(v);
	} else {
		assert(rc == ERR_INVALID && v == 0);
		assert(e.th[0] && thtext_utf8_valid(e.th, strlen(e.th)));
		assert(e.en[0] && thtext_utf8_valid(e.en, strlen(e.en)));
	}
	if (size >= 8) {
		memcpy(&v, data, 8);
		check_amount(v);
	}
	free(s);
	return 0;
}
