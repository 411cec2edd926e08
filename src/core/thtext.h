/*
 * Thai text helpers: UTF-8 checks, Thai digits, the name-search key and Thai
 * dictionary collation.
 *
 * All text is UTF-8. Functions that take (s, n) read exactly n bytes and do
 * not need a NUL terminator; embedded NUL bytes count as characters (and are
 * rejected by thtext_check_field).
 */
#ifndef SAWAT_CORE_THTEXT_H
#define SAWAT_CORE_THTEXT_H

#include "lib/buf.h"
#include "lib/err.h"

/* The Thai digits ๐..๙ are U+0E50..U+0E59; the baht sign ฿ is U+0E3F. */
#define THTEXT_THAI_DIGIT_ZERO 0x0E50u
#define THTEXT_BAHT_SIGN 0x0E3Fu

/*
 * Decodes the code point at s[*pos] (n is the length of s) into *cp and
 * advances *pos past it. Strict UTF-8: overlong forms, surrogates and values
 * above U+10FFFF are invalid. Returns 0, or -1 on an invalid or truncated
 * sequence (then *pos and *cp are unchanged); *pos must be < n.
 */
int thtext_utf8_next(const char *s, size_t n, size_t *pos, uint32_t *cp);

/* Appends the UTF-8 encoding of cp (which must be a scalar value). 0 or -1 (buffer cap). */
int thtext_utf8_put(struct buf *out, uint32_t cp);

/* True when s[0..n) is valid UTF-8 (see thtext_utf8_next). */
bool thtext_utf8_valid(const char *s, size_t n);

/*
 * Counts the code points of s[0..n) into *count. Returns 0, or -1 when s is
 * not valid UTF-8 (then *count is 0).
 */
int thtext_utf8_count(const char *s, size_t n, size_t *count);

/*
 * Checks a text field against a limit counted in code points (a Thai
 * syllable such as "น้ำ" is three): valid UTF-8, no control character (C0,
 * DEL, C1; with THTEXT_MULTILINE tab, CR and LF are allowed), at most
 * max_chars code points. Returns 0, or ERR_INVALID with e->field set to
 * field and a message naming the limit or the position at fault.
 */
#define THTEXT_MULTILINE 1u
int thtext_check_field(const char *s, size_t n, size_t max_chars, unsigned flags,
		       const char *field, struct err *e);

/* The value 0..9 of an ASCII or Thai digit code point, or -1. */
int thtext_digit_value(uint32_t cp);

/*
 * Appends s[0..n) to out with each ASCII digit replaced by the Thai digit
 * of the same value ("2568" -> "๒๕๖๘"); other bytes are copied. Returns 0,
 * or -1 when the buffer cap would be passed (out is then unchanged).
 */
int thtext_put_thai_digits(struct buf *out, const char *s, size_t n);

/*
 * The key two spellings of a person's name share, for search and duplicate
 * detection. Steps, in order: check UTF-8; Unicode NFC (ICU); drop one
 * leading title (นาย, นาง, นางสาว, น.ส., ด.ช., ด.ญ., เด็กชาย, เด็กหญิง; and
 * Mr, Mrs, Ms, Miss in any letter case when a dot or white space follows)
 * unless nothing would be left; then remove
 * white space, zero-width characters and other format/control characters
 * and punctuation; fold Thai digits to ASCII; lowercase; and fold the
 * decomposed spelling of sara am (U+0E4D U+0E32, optionally with a tone mark
 * between) to U+0E33. "นาย สมชาย  ใจดี" -> "สมชายใจดี".
 *
 * A title is stripped even when written without a space, as Thai does
 * ("นายสมชาย"), so a given name that begins with the letters of a title
 * (นางนวล) loses them too. Stored names and queries go through the same
 * function, so they still match; the key is for finding, never for identity.
 *
 * Appends the key to out. Returns 0; ERR_INVALID for invalid UTF-8;
 * ERR_TOO_LARGE for input over 1 MiB or when out's cap is reached (out is
 * then unchanged); ERR_INTERNAL if ICU fails.
 */
int thtext_name_key(const char *s, size_t n, struct buf *out, struct err *e);

/*
 * Thai dictionary order, by ICU's "th_TH" collator: consonants ก < ข < ... <
 * ฮ, and a leading vowel (เ แ โ ใ ไ) sorts by the consonant after it, so
 * กา < เกา < ขา.
 *
 * The caller owns the collator: open it once (per thread: an ICU collator
 * must not be used by two threads at once), use it, close it.
 */
struct UCollator;
struct thtext_collator {
	struct UCollator *ucol;
};

/* Opens the th_TH collator into c. Returns 0, or ERR_INTERNAL (c->ucol NULL). */
int thtext_collator_open(struct thtext_collator *c, struct err *e);
/* Closes c; safe on a closed or zeroed collator. */
void thtext_collator_close(struct thtext_collator *c);

/*
 * Compares two UTF-8 strings of alen and blen bytes in Thai order: negative,
 * 0 or positive. Invalid UTF-8 sorts as if each bad byte were U+FFFD. Never
 * fails; strings longer than INT32_MAX bytes compare by their first
 * INT32_MAX bytes. Its shape suits sqlite3_create_collation.
 */
int thtext_collate(const struct thtext_collator *c, const char *a, size_t alen,
		   const char *b, size_t blen);

/*
 * Appends the ICU sort key of s[0..n) to out (bytes without NUL; compare two
 * keys with strcmp or memcmp-then-length: the order equals thtext_collate's
 * for text without NUL bytes; ICU's comparison and its sort keys can
 * disagree about an embedded U+0000, which thtext_check_field rejects).
 * Returns 0; ERR_TOO_LARGE for n of 1 GiB or more or when out's cap is reached
 * (out unchanged); ERR_INTERNAL if ICU fails.
 */
int thtext_sort_key(const struct thtext_collator *c, const char *s, size_t n, struct buf *out,
		    struct err *e);

/*
 * The collator's version as text ("153.112.40.0": ICU's collation version,
 * which changes exactly when sort keys may), for out of 32 bytes. Sort keys
 * stored or ordered by under another version must be made again.
 */
void thtext_collator_version(const struct thtext_collator *c, char out[32]);

/*
 * The sort key of a person's name: the sort key of the given name, one 0x00
 * byte, then the sort key of the family name. Sort keys hold no 0x00 byte
 * and a shorter key that is a prefix of a longer one sorts first, so memcmp
 * of two such keys orders people exactly as "given name in Thai order, then
 * family name in Thai order" does (the order of the registry's searches).
 * Appends to out; returns as thtext_sort_key.
 */
int thtext_name_sort_key(const struct thtext_collator *c, const char *given, size_t glen,
			 const char *family, size_t flen, struct buf *out, struct err *e);

#endif
