/*
 * libFuzzer target for core/thid.
 *
 * Invariants checked: an accepted number is 13 digits with the right check
 * digit, its category is its first digit, its flags agree with the province
 * table, and its X-XXXX-XXXXX-XX-X form parses back to the same digits;
 * normalising succeeds exactly when parsing fails on nothing but the check
 * digit; a failure zeroes the result and gives valid UTF-8 messages.
 */
#include <assert.h>
#include "core/thid.h"
#include "core/thtext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1), norm[THID_LEN + 1];
	struct thid id, again;
	struct err e, ne;
	struct buf b;
	int rc, nrc, i;

	memcpy(s, data, size);
	s[size] = '\0';
	err_init(&e);
	err_init(&ne);
	rc = thid_parse(s, &id, "national_id", &e);
	nrc = thid_normalize(s, norm, "national_id", &ne);
	if (rc == 0) {
		assert(nrc == 0 && !strcmp(norm, id.digits));
		assert(strlen(id.digits) == THID_LEN);
		for (i = 0; i < THID_LEN; i++)
			assert(id.digits[i] >= '0' && id.digits[i] <= '9');
		assert(thid_check_digit(id.digits) == id.digits[12] - '0');
		assert((int)id.category == id.digits[0] - '0');
		assert(!!(id.flags & THID_FLAG_UNKNOWN_PROVINCE) ==
		       !thid_province_known(id.province));
		assert(!!(id.flags & THID_FLAG_RESERVED) == (id.category == THID_CAT_RESERVED));
		assert((id.statuses == 0) == (id.category == THID_CAT_RESERVED));
		assert((thid_check_plausible(&id, "x", NULL) == 0) == (id.flags == 0));
		assert(thid_category_name(id.category, true)[0]);
		buf_init(&b, 0);
		assert(thid_format(&id, &b, NULL) == 0 && b.len == 17);
		assert(thid_parse(b.ptr, &again, "x", NULL) == 0);
		assert(!strcmp(again.digits, id.digits));
		buf_release(&b);
	} else {
		assert(rc == ERR_INVALID && id.digits[0] == '\0' && id.category == 0);
		assert(e.th[0] && thtext_utf8_valid(e.th, strlen(e.th)));
		assert(e.en[0] && thtext_utf8_valid(e.en, strlen(e.en)));
		/* Well-formed digits fail only on the check digit. */
		if (nrc == 0)
			assert(thid_check_digit(norm) != norm[12] - '0');
	}
	if (nrc != 0)
		assert(norm[0] == '\0' && rc != 0);
	free(s);
	return 0;
}
