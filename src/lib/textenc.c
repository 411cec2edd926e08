/*
 * Encoding detection and conversion for imported text (see textenc.h). The
 * mapping is ours, not iconv's: TIS-620 is an offset from U+0E00, and the
 * CP874 additions are one small table. Nothing here allocates except through
 * the caller's buffer; conversions stage their output in a small local array
 * and append it in pieces, and undo their appends when they fail, so a failed
 * call leaves the buffer as it found it.
 *
 * Detection reads every byte once. A text is UTF-8 if it decodes strictly;
 * Thai legacy text almost never does, because Thai bytes come in runs of 0xA1
 * and up, which UTF-8 allows only after a lead byte and never three in a row
 * in real sentences. Telling TIS-620 from other 8-bit text (Latin-1, say,
 * where é is 0xE9, a Thai tone mark) is done by checking that each Thai byte
 * sits where Thai spelling puts it.
 */
#include <strings.h>
#include "lib/textenc.h"

/* The Windows additions at 0x80..0xA0; 0 marks an unassigned byte. */
static const uint16_t cp874_low[0xA1 - 0x80] = {
	[0x80 - 0x80] = 0x20AC, [0x85 - 0x80] = 0x2026, [0x91 - 0x80] = 0x2018,
	[0x92 - 0x80] = 0x2019, [0x93 - 0x80] = 0x201C, [0x94 - 0x80] = 0x201D,
	[0x95 - 0x80] = 0x2022, [0x96 - 0x80] = 0x2013, [0x97 - 0x80] = 0x2014,
	[0xA0 - 0x80] = 0x00A0,
};

/* The code point of byte b (>= 0x80) in enc, or 0 when b is unassigned. */
static uint32_t legacy_to_ucs(enum textenc enc, unsigned char b)
{
	if (b >= 0xA1 && b <= 0xFB && !(b >= 0xDB && b <= 0xDE))
		return 0x0E00u + (b - 0xA0u);
	if (enc == TEXTENC_CP874 && b >= 0x80 && b <= 0xA0)
		return cp874_low[b - 0x80];
	return 0;
}

/* The byte for code point cp (>= 0x80) in enc, or 0 when there is none. */
static unsigned char ucs_to_legacy(enum textenc enc, uint32_t cp)
{
	size_t i;

	if ((cp >= 0x0E01 && cp <= 0x0E3A) || (cp >= 0x0E3F && cp <= 0x0E5B))
		return (unsigned char)(cp - 0x0E00u + 0xA0u);
	if (enc != TEXTENC_CP874)
		return 0;
	for (i = 0; i < ARRAY_SIZE(cp874_low); i++)
		if (cp874_low[i] && cp874_low[i] == cp)
			return (unsigned char)(0x80 + i);
	return 0;
}

/*
 * Decodes one UTF-8 sequence at s[0..n) (n >= 1). Returns its length and sets
 * *cp, or returns 0 when it is invalid, or -1 when it is a valid start cut
 * off by the end of s.
 */
static int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xBF;
	int len, i;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0; /* no overlong forms */
		else if (c == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F; /* nothing above U+10FFFF */
	} else {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return -1;
		if (s[i] < lo || s[i] > hi)
			return 0;
		v = (v << 6) | (s[i] & 0x3Fu);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = v;
	return len;
}

/*
 * Checks s[0..n) as UTF-8. Returns 0, or -1 with *bad at the first invalid
 * sequence; with allow_cut, a valid start cut off at the very end is fine.
 */
static int utf8_scan(const unsigned char *s, size_t n, bool allow_cut, size_t *bad)
{
	size_t i = 0;
	uint32_t cp;
	int len;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		len = utf8_decode(s + i, n - i, &cp);
		if (len < 0 && allow_cut)
			return 0;
		if (len <= 0) {
			if (bad)
				*bad = i;
			return -1;
		}
		i += (size_t)len;
	}
	return 0;
}

int textenc_utf8_check(const char *p, size_t n, size_t *bad)
{
	return utf8_scan((const unsigned char *)p, n, false, bad);
}

size_t textenc_utf8_clip(const char *p, size_t n, size_t max)
{
	size_t k;

	if (n <= max)
		return n;
	/* Back up over continuation bytes to the start of the cut sequence. */
	for (k = max; k && ((unsigned char)p[k] & 0xC0) == 0x80; k--)
		;
	return k;
}

size_t textenc_bom_len(const char *p, size_t n)
{
	return n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3) ? 3 : 0;
}

static bool is_consonant(unsigned char b)
{
	return b >= 0xA1 && b <= 0xCE; /* ก..ฮ, with ฤ and ฦ */
}

/* Sara i, ii, ue, uee, u, uu and mai han-akat: written above or below. */
static bool is_upper_lower_vowel(unsigned char b)
{
	return b == 0xD1 || (b >= 0xD4 && b <= 0xD9);
}

static bool is_tone_or_mark(unsigned char b)
{
	return b >= 0xE7 && b <= 0xEE; /* maitaikhu, tone marks, thanthakhat, ... */
}

/*
 * Whether the Thai byte s[i] (0xA1..0xFB) stands where Thai spelling allows;
 * cut says the text may go on after s[0..n) (a sample), so a leading vowel at
 * the very end is given the benefit of the doubt.
 */
static bool thai_byte_fits(const unsigned char *s, size_t n, size_t i, bool cut)
{
	unsigned char b = s[i], prev = i ? s[i - 1] : 0, next;

	if (is_upper_lower_vowel(b) || b == 0xDA)
		return is_consonant(prev);
	if (is_tone_or_mark(b))
		return is_consonant(prev) || is_upper_lower_vowel(prev) || is_tone_or_mark(prev);
	if (b == 0xCF || b == 0xD0 || b == 0xD2 || b == 0xD3 || b == 0xE5)
		return prev >= 0xA1 && prev <= 0xEE; /* ฯ ะ า ำ ๅ end a Thai syllable */
	if (b >= 0xE0 && b <= 0xE4) {
		if (i + 1 == n)
			return cut;
		next = s[i + 1];
		/* เ before เ is the common slip for แ. */
		return is_consonant(next) || next == 0xE0;
	}
	return true; /* consonants, ฿, ๆ, ๏, Thai digits, ๚, ๛ */
}

static enum textenc detect(const unsigned char *s, size_t n, bool cut)
{
	size_t i, controls = 0, thai = 0, misplaced = 0;
	bool windows = false;

	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return TEXTENC_UNKNOWN;
	for (i = 0; i < n; i++) {
		if (s[i] == 0)
			return TEXTENC_UNKNOWN;
		if ((s[i] < 0x09 || (s[i] > 0x0D && s[i] < 0x20)) && s[i] != 0x1A)
			controls++;
	}
	if (controls * 100 > n)
		return TEXTENC_UNKNOWN;
	if (!utf8_scan(s, n, cut, NULL))
		return TEXTENC_UTF8;
	for (i = 0; i < n; i++) {
		if (s[i] < 0x80)
			continue;
		if (!legacy_to_ucs(TEXTENC_CP874, s[i]))
			return TEXTENC_UNKNOWN;
		if (s[i] <= 0xA0) {
			windows = true;
			continue;
		}
		thai++;
		if (!thai_byte_fits(s, n, i, cut))
			misplaced++;
	}
	if (!thai || misplaced * 20 > thai)
		return TEXTENC_UNKNOWN;
	return windows ? TEXTENC_CP874 : TEXTENC_TIS620;
}

enum textenc textenc_detect(const char *p, size_t n)
{
	return detect((const unsigned char *)p, n, false);
}

enum textenc textenc_detect_prefix(const char *p, size_t n)
{
	return detect((const unsigned char *)p, n, true);
}

const char *textenc_name(enum textenc enc)
{
	switch (enc) {
	case TEXTENC_UTF8: return "UTF-8";
	case TEXTENC_TIS620: return "TIS-620";
	case TEXTENC_CP874: return "CP874";
	default: return "unknown";
	}
}

int textenc_from_name(const char *name, enum textenc *enc, struct err *e)
{
	static const struct {
		const char *name;
		enum textenc enc;
	} names[] = {
		{ "UTF-8", TEXTENC_UTF8 },     { "UTF8", TEXTENC_UTF8 },
		{ "TIS-620", TEXTENC_TIS620 }, { "TIS620", TEXTENC_TIS620 },
		{ "CP874", TEXTENC_CP874 },    { "WINDOWS-874", TEXTENC_CP874 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (!strcasecmp(name, names[i].name)) {
			*enc = names[i].enc;
			return 0;
		}
	}
	*enc = TEXTENC_UNKNOWN;
	return err_set(e, ERR_INVALID, "encoding",
		       "ไม่รู้จักการเข้ารหัส '%s' (ใช้ UTF-8, TIS-620 หรือ CP874)",
		       "unknown encoding '%s' (use UTF-8, TIS-620 or CP874)", name);
}

/* The line (from 1) that offset off of p is on. */
static unsigned long line_of(const char *p, size_t off)
{
	unsigned long line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (p[i] == '\n')
			line++;
	return line;
}

static int put_utf8(unsigned char *d, uint32_t cp)
{
	if (cp < 0x80) {
		d[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		d[0] = (unsigned char)(0xC0 | (cp >> 6));
		d[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	d[0] = (unsigned char)(0xE0 | (cp >> 12));
	d[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	d[2] = (unsigned char)(0x80 | (cp & 0x3F));
	return 3;
}

/* Output staged on the stack and appended to the buffer within a limit. */
struct sink {
	struct buf *out;
	size_t start;  /* out->len when the conversion began */
	size_t max;    /* bytes the conversion may append */
	unsigned char tmp[4096];
	size_t n;
};

static int sink_flush(struct sink *k)
{
	if (k->out->len - k->start + k->n > k->max || buf_add(k->out, k->tmp, k->n))
		return -1;
	k->n = 0;
	return 0;
}

static int sink_put(struct sink *k, const void *p, size_t n)
{
	if (k->n + n > sizeof(k->tmp) && sink_flush(k))
		return -1;
	if (n > sizeof(k->tmp)) {
		if (k->out->len - k->start + n > k->max || buf_add(k->out, p, n))
			return -1;
		return 0;
	}
	memcpy(k->tmp + k->n, p, n);
	k->n += n;
	return 0;
}

static int too_large(struct sink *k, struct err *e)
{
	size_t limit = k->max;

	if (k->out->max && k->out->max - k->start < limit)
		limit = k->out->max - k->start;
	buf_truncate(k->out, k->start);
	return err_set(e, ERR_TOO_LARGE, NULL, "ข้อความที่แปลงแล้วยาวเกิน %zu ไบต์",
		       "converted text longer than %zu bytes", limit);
}

static int bad_utf8(struct sink *k, const char *p, size_t off, struct err *e)
{
	buf_truncate(k->out, k->start);
	return err_set(e, ERR_INVALID, NULL,
		       "ไม่ใช่ UTF-8 ที่ถูกต้อง: ไบต์ 0x%02X ที่ตำแหน่ง %zu (บรรทัดที่ %lu)",
		       "not valid UTF-8: byte 0x%02X at offset %zu (line %lu)",
		       (unsigned char)p[off], off, line_of(p, off));
}

static int unknown_enc(struct err *e)
{
	return err_set(e, ERR_INVALID, "encoding", "ไม่ทราบการเข้ารหัสของข้อความ",
		       "the text's encoding is unknown");
}

static void sink_init(struct sink *k, struct buf *out, size_t max)
{
	k->out = out;
	k->start = out->len;
	k->max = max ? max : TEXTENC_DEFAULT_MAX;
	k->n = 0;
}

int textenc_to_utf8(enum textenc enc, const char *p, size_t n, size_t max, struct buf *out,
		    struct err *e)
{
	const unsigned char *s = (const unsigned char *)p;
	struct sink k;
	size_t i, run, bad = 0;

	sink_init(&k, out, max);
	if (enc == TEXTENC_UTF8) {
		i = textenc_bom_len(p, n);
		if (textenc_utf8_check(p + i, n - i, &bad))
			return bad_utf8(&k, p, i + bad, e);
		if (sink_put(&k, p + i, n - i) || sink_flush(&k))
			return too_large(&k, e);
		return 0;
	}
	if (enc != TEXTENC_TIS620 && enc != TEXTENC_CP874)
		return unknown_enc(e);
	i = 0;
	while (i < n) {
		uint32_t cp;
		unsigned char d[3];

		for (run = i; run < n && s[run] < 0x80; run++)
			;
		if (run > i && sink_put(&k, s + i, run - i))
			return too_large(&k, e);
		i = run;
		if (i == n)
			break;
		cp = legacy_to_ucs(enc, s[i]);
		if (!cp) {
			buf_truncate(out, k.start);
			return err_set(e, ERR_INVALID, NULL,
				       "ไบต์ 0x%02X ที่ตำแหน่ง %zu (บรรทัดที่ %lu) ไม่ใช่อักขระใน %s",
				       "byte 0x%02X at offset %zu (line %lu) is not a character in %s",
				       s[i], i, line_of(p, i), textenc_name(enc));
		}
		if (sink_put(&k, d, (size_t)put_utf8(d, cp)))
			return too_large(&k, e);
		i++;
	}
	if (sink_flush(&k))
		return too_large(&k, e);
	return 0;
}

int textenc_from_utf8(enum textenc enc, const char *p, size_t n, size_t max, struct buf *out,
		      struct err *e)
{
	const unsigned char *s = (const unsigned char *)p;
	struct sink k;
	size_t i = 0, bad = 0;

	sink_init(&k, out, max);
	if (enc == TEXTENC_UTF8) {
		if (textenc_utf8_check(p, n, &bad))
			return bad_utf8(&k, p, bad, e);
		if (sink_put(&k, p, n) || sink_flush(&k))
			return too_large(&k, e);
		return 0;
	}
	if (enc != TEXTENC_TIS620 && enc != TEXTENC_CP874)
		return unknown_enc(e);
	while (i < n) {
		uint32_t cp = 0;
		int len = utf8_decode(s + i, n - i, &cp);
		unsigned char b;

		if (len <= 0)
			return bad_utf8(&k, p, i, e);
		if (cp < 0x80) {
			b = (unsigned char)cp;
		} else {
			b = ucs_to_legacy(enc, cp);
			if (!b) {
				buf_truncate(out, k.start);
				return err_set(e, ERR_INVALID, NULL,
					       "อักขระ U+%04X ที่ตำแหน่ง %zu (บรรทัดที่ %lu) ไม่มีใน %s",
					       "character U+%04X at offset %zu (line %lu) has no byte in %s",
					       (unsigned)cp, i, line_of(p, i), textenc_name(enc));
			}
		}
		if (sink_put(&k, &b, 1))
			return too_large(&k, e);
		i += (size_t)len;
	}
	if (sink_flush(&k))
		return too_large(&k, e);
	return 0;
}
