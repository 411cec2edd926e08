/*
 * Text encodings of imported files: recognising UTF-8 and the Thai legacy
 * encodings TIS-620 and CP874 (Windows-874), and converting between them.
 *
 * TIS-620 assigns 0xA1..0xDA and 0xDF..0xFB to U+0E01..U+0E3A and
 * U+0E3F..U+0E5B (the byte minus 0xA0 plus U+0E00); 0xDB..0xDE and 0xFC..0xFF
 * are unassigned, and so is everything from 0x80 to 0xA0. CP874 is TIS-620
 * plus, at 0x80..0xA0: 0x80 €, 0x85 …, 0x91..0x94 single and double curly
 * quotes, 0x95 •, 0x96 – and 0x97 —, and 0xA0 no-break space; its other bytes
 * in that range are unassigned. Bytes below 0x80 are ASCII in all three.
 * Unassigned bytes are errors, never guessed or replaced.
 *
 * Usage, for a whole file in memory:
 *
 *     enum textenc enc = textenc_detect(data, len);
 *     struct buf utf8 = BUF_INIT;
 *
 *     if (enc == TEXTENC_UNKNOWN)
 *             return err_set(e, ERR_INVALID, ...);   // or ask the user
 *     if (textenc_to_utf8(enc, data, len, 0, &utf8, e))
 *             return e->code;   // "byte 0xFC at offset 1234 (line 5) ..."
 */
#ifndef SAWAT_TEXTENC_H
#define SAWAT_TEXTENC_H

#include "lib/buf.h"
#include "lib/err.h"

enum textenc {
	TEXTENC_UNKNOWN = 0, /* binary, or text in no encoding this module knows */
	TEXTENC_UTF8,        /* valid UTF-8 (plain ASCII too), with or without a BOM */
	TEXTENC_TIS620,      /* Thai in TIS-620: only bytes 0xA1..0xFB above ASCII */
	TEXTENC_CP874        /* Thai in CP874: TIS-620 plus some of 0x80..0xA0 */
};

/* The most bytes textenc_to_utf8 and textenc_from_utf8 append when max is 0. */
#define TEXTENC_DEFAULT_MAX (256u * 1024 * 1024)

/*
 * Guesses the encoding of the complete text p[0..n):
 *  - TEXTENC_UNKNOWN when it holds a NUL byte, starts with a UTF-16 byte order
 *    mark, or more than one byte in 100 is a control character other than
 *    tab, LF, VT, FF, CR and SUB (binary data, UTF-16, UTF-32);
 *  - TEXTENC_UTF8 when it is valid UTF-8 (strict: no overlong forms,
 *    surrogates or values above U+10FFFF), a leading BOM allowed; an empty or
 *    ASCII-only text is UTF-8;
 *  - TEXTENC_TIS620 or TEXTENC_CP874 when it is not UTF-8, every byte above
 *    ASCII is assigned in CP874, at least one is a Thai character, and the
 *    Thai bytes follow each other the way Thai text does (a vowel above or
 *    below or a tone mark after a consonant, a leading vowel before one, ...)
 *    with at most one byte in 20 out of place, which allows for typing slips
 *    but rejects Latin-1 and other 8-bit text. CP874 when a byte from 0x80 to
 *    0xA0 occurs, otherwise TIS-620;
 *  - TEXTENC_UNKNOWN otherwise.
 */
enum textenc textenc_detect(const char *p, size_t n);

/*
 * The same for the first n bytes of a longer text (a sample read from the
 * start of a file): a UTF-8 sequence cut off by the end of the sample is not
 * held against it.
 */
enum textenc textenc_detect_prefix(const char *p, size_t n);

/* "UTF-8", "TIS-620", "CP874" or "unknown": a static string. */
const char *textenc_name(enum textenc enc);

/*
 * Parses an encoding name as a user may give it: UTF-8 (or UTF8), TIS-620
 * (or TIS620), CP874 (or WINDOWS-874), in any case. Returns 0 with *enc set,
 * or ERR_INVALID (with *enc TEXTENC_UNKNOWN).
 */
int textenc_from_name(const char *name, enum textenc *enc, struct err *e);

/* 3 when p[0..n) starts with the UTF-8 byte order mark, otherwise 0. */
size_t textenc_bom_len(const char *p, size_t n);

/*
 * Checks that p[0..n) is valid UTF-8 (strict, as textenc_detect). Returns 0,
 * or -1 with *bad (when not NULL) set to the offset of the first byte of the
 * first invalid or truncated sequence.
 */
int textenc_utf8_check(const char *p, size_t n, size_t *bad);

/*
 * The length of the longest start of p[0..n) that is at most max bytes and
 * does not end inside a UTF-8 sequence: for quoting text in messages, which
 * must stay valid UTF-8 ("%.*s" with this length).
 */
size_t textenc_utf8_clip(const char *p, size_t n, size_t max);

/*
 * Appends p[0..n), in encoding enc, to out as UTF-8. A UTF-8 input is checked
 * and copied without its byte order mark. At most max bytes are appended
 * (TEXTENC_DEFAULT_MAX when max is 0), and no more than out's own cap allows.
 * Returns 0, or, with out left as it was:
 *   ERR_INVALID    enc is TEXTENC_UNKNOWN, a byte is unassigned in enc, or a
 *                  UTF-8 input is invalid; the message gives the byte, its
 *                  offset from 0 and its line from 1;
 *   ERR_TOO_LARGE  the output would pass max or out's cap.
 */
int textenc_to_utf8(enum textenc enc, const char *p, size_t n, size_t max, struct buf *out,
		    struct err *e);

/*
 * The reverse, for exports to systems that still want TIS-620 or CP874:
 * appends the UTF-8 text p[0..n) to out in encoding enc (for TEXTENC_UTF8 the
 * text is checked and copied; no BOM is written or removed). Returns 0, or,
 * with out left as it was: ERR_INVALID when p is not valid UTF-8, when a
 * character has no byte in enc (the message names it, U+XXXX, and its offset
 * and line) or enc is TEXTENC_UNKNOWN; ERR_TOO_LARGE past max or out's cap.
 */
int textenc_from_utf8(enum textenc enc, const char *p, size_t n, size_t max, struct buf *out,
		      struct err *e);

#endif
