/*
 * libFuzzer target for lib/textenc. For any input, beyond not crashing or
 * leaking, it checks:
 *
 *  - detection is consistent: a text detected as UTF-8 converts as UTF-8, a
 *    text detected as TIS-620 or CP874 converts in that encoding, and a
 *    TIS-620 text also converts as CP874 to the same UTF-8;
 *  - conversion to UTF-8 either succeeds with valid UTF-8 or fails leaving
 *    the buffer as it was, and never writes past its limit;
 *  - a legacy text converted to UTF-8 and back gives the same bytes;
 *  - the prefix detector accepts whatever the whole-text detector calls UTF-8.
 */
#include "lib/textenc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_valid_utf8(const struct buf *b)
{
	if (textenc_utf8_check(b->ptr, b->len, NULL))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum textenc encs[] = { TEXTENC_UTF8, TEXTENC_TIS620, TEXTENC_CP874 };
	const char *p = (const char *)data;
	enum textenc det = textenc_detect(p, size), pre = textenc_detect_prefix(p, size);
	struct buf out, back, small;
	size_t i;
	int r;

	if (det == TEXTENC_UTF8 && pre != TEXTENC_UTF8)
		__builtin_trap();
	buf_init(&out, 0);
	buf_init(&back, 0);
	buf_init(&small, 0);
	for (i = 0; i < ARRAY_SIZE(encs); i++) {
		buf_reset(&out);
		buf_puts(&out, "pre");
		r = textenc_to_utf8(encs[i], p, size, 0, &out, NULL);
		if (r == 0) {
			check_valid_utf8(&out);
			if (encs[i] != TEXTENC_UTF8) {
				buf_reset(&back);
				if (textenc_from_utf8(encs[i], out.ptr + 3, out.len - 3, 0, &back, NULL))
					__builtin_trap();
				if (back.len != size || memcmp(back.ptr, data, size))
					__builtin_trap();
			}
			/*
			 * With a limit one short of what it needs, it must fail
			 * cleanly (a limit of 0 means the default, so not for 1 byte).
			 */
			if (out.len > 4) {
				buf_reset(&small);
				if (textenc_to_utf8(encs[i], p, size, out.len - 4, &small, NULL) !=
				    ERR_TOO_LARGE || small.len)
					__builtin_trap();
			}
		} else {
			if (r != ERR_INVALID || out.len != 3 || memcmp(out.ptr, "pre", 3))
				__builtin_trap();
			if (encs[i] == det)
				__builtin_trap();
		}
	}
	if (det == TEXTENC_TIS620) {
		buf_reset(&out);
		buf_reset(&back);
		if (textenc_to_utf8(TEXTENC_TIS620, p, size, 0, &out, NULL) ||
		    textenc_to_utf8(TEXTENC_CP874, p, size, 0, &back, NULL) || out.len != back.len ||
		    memcmp(out.ptr, back.ptr, out.len))
			__builtin_trap();
	}
	/* Anything valid as UTF-8 goes back to a legacy encoding or says why not. */
	if (!textenc_utf8_check(p, size, NULL)) {
		buf_reset(&out);
		r = textenc_from_utf8(TEXTENC_CP874, p, size, 0, &out, NULL);
		if (r && (r != ERR_INVALID || out.len))
			__builtin_trap();
	}
	buf_release(&out);
	buf_release(&back);
	buf_release(&small);
	return 0;
}
