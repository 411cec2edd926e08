/*
 * Thai text helpers: a strict UTF-8 decoder shared by the other core
 * parsers, field-length checks counted in code points, Thai digits, the key
 * used to find people by name, and Thai dictionary collation over ICU.
 *
 * What it does not do: word breaking (libthai, in the search layer),
 * transliteration, or any guess at which spelling of a name is right. ICU
 * objects are either opened per call (the NFC normaliser is ICU's own
 * immutable singleton, never closed) or owned by the caller (the collator);
 * this file keeps no state of its own.
 *
 * Invariants: every function here that produces text produces valid UTF-8
 * from valid UTF-8, and leaves the output buffer as it was when it fails.
 */
#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include "core/thtext.h"

/* Inputs to ICU are counted in int32_t; stay well inside it. */
#define ICU_MAX_INPUT ((size_t)1 << 30)
#define NAME_MAX_INPUT ((size_t)1 << 20)

#define NIKHAHIT 0x0E4Du
#define SARA_AA 0x0E32u
#define SARA_AM 0x0E33u

int thtext_utf8_next(const char *s, size_t n, size_t *pos, uint32_t *cp)
{
	const unsigned char *p;
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len, i;
	uint32_t c;

	if (*pos >= n)
		return -1;
	p = (const unsigned char *)s + *pos;
	if (p[0] < 0x80) {
		*cp = p[0];
		*pos += 1;
		return 0;
	}
	if (p[0] < 0xC2) {
		return -1; /* continuation byte or overlong 2-byte lead */
	} else if (p[0] < 0xE0) {
		len = 2;
		c = p[0] & 0x1Fu;
	} else if (p[0] < 0xF0) {
		len = 3;
		c = p[0] & 0x0Fu;
		if (p[0] == 0xE0)
			lo = 0xA0; /* overlong */
		else if (p[0] == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (p[0] < 0xF5) {
		len = 4;
		c = p[0] & 0x07u;
		if (p[0] == 0xF0)
			lo = 0x90; /* overlong */
		else if (p[0] == 0xF4)
			hi = 0x8F; /* above U+10FFFF */
	} else {
		return -1;
	}
	if (n - *pos < len || p[1] < lo || p[1] > hi)
		return -1;
	c = (c << 6) | (p[1] & 0x3Fu);
	for (i = 2; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (p[i] & 0x3Fu);
	}
	*cp = c;
	*pos += len;
	return 0;
}

int thtext_utf8_put(struct buf *out, uint32_t cp)
{
	unsigned char u[4];
	size_t len;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		len = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		len = 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		len = 3;
	} else {
		u[0] = (unsigned char)(0xF0 | (cp >> 18));
		u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (unsigned char)(0x80 | (cp & 0x3F));
		len = 4;
	}
	return buf_add(out, u, len);
}

int thtext_utf8_count(const char *s, size_t n, size_t *count)
{
	size_t pos = 0, k = 0;
	uint32_t cp;

	*count = 0;
	while (pos < n) {
		if (thtext_utf8_next(s, n, &pos, &cp))
			return -1;
		k++;
	}
	*count = k;
	return 0;
}

bool thtext_utf8_valid(const char *s, size_t n)
{
	size_t k;

	return thtext_utf8_count(s, n, &k) == 0;
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

int thtext_check_field(const char *s, size_t n, size_t max_chars, unsigned flags,
		       const char *field, struct err *e)
{
	size_t pos = 0, k = 0;
	uint32_t cp;

	while (pos < n) {
		if (thtext_utf8_next(s, n, &pos, &cp))
			return err_set(e, ERR_INVALID, field,
				       "ข้อความมีรหัสอักขระที่ไม่ถูกต้อง (ไม่ใช่ UTF-8) ที่ไบต์ที่ %zu",
				       "the text is not valid UTF-8 (at byte %zu)", pos + 1);
		k++;
		if (is_control(cp) &&
		    !((flags & THTEXT_MULTILINE) && (cp == '\n' || cp == '\r' || cp == '\t')))
			return err_set(e, ERR_INVALID, field,
				       "ข้อความมีอักขระควบคุม (U+%04X) ที่ตำแหน่งที่ %zu",
				       "the text contains a control character (U+%04X) at position %zu",
				       (unsigned)cp, k);
	}
	if (k > max_chars)
		return err_set(e, ERR_INVALID, field, "ยาวได้ไม่เกิน %zu ตัวอักษร (กรอกมา %zu ตัว)",
			       "at most %zu characters are allowed (got %zu)", max_chars, k);
	return 0;
}

int thtext_digit_value(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	if (cp >= THTEXT_THAI_DIGIT_ZERO && cp <= THTEXT_THAI_DIGIT_ZERO + 9)
		return (int)(cp - THTEXT_THAI_DIGIT_ZERO);
	return -1;
}

int thtext_put_thai_digits(struct buf *out, const char *s, size_t n)
{
	size_t old = out->len, i, run = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			continue;
		if (buf_add(out, s + run, i - run) ||
		    thtext_utf8_put(out, THTEXT_THAI_DIGIT_ZERO + (uint32_t)(s[i] - '0')))
			goto fail;
		run = i + 1;
	}
	if (buf_add(out, s + run, n - run))
		goto fail;
	return 0;
fail:
	buf_truncate(out, old);
	return -1;
}

/* ---- name key ---- */

static int too_large(struct err *e, const char *field)
{
	return err_set(e, ERR_TOO_LARGE, field, "ผลลัพธ์ยาวเกินที่กำหนด",
		       "the result is longer than allowed");
}

/*
 * NFC of valid UTF-8 s[0..n) as code points: *cps (malloc'd, owned by the
 * caller) and *m. NFC also puts Thai marks typed in either order (tone mark
 * then sara u, or the reverse) into one canonical order.
 */
static int nfc_code_points(const char *s, size_t n, uint32_t **cps, size_t *m, struct err *e)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	UChar *u16 = NULL, *norm = NULL;
	int32_t u16len = 0, normlen, cap, i = 0;
	uint32_t *cp = NULL;
	size_t k = 0;

	*cps = NULL;
	*m = 0;
	if (U_FAILURE(st))
		goto fail;
	u16 = xmalloc((n + 1) * sizeof(*u16));
	u_strFromUTF8(u16, (int32_t)n + 1, &u16len, s, (int32_t)n, &st);
	if (U_FAILURE(st))
		goto fail;
	cap = u16len + 16;
	norm = xmalloc((size_t)cap * sizeof(*norm));
	normlen = unorm2_normalize(nfc, u16, u16len, norm, cap, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		st = U_ZERO_ERROR;
		cap = normlen + 1;
		norm = xrealloc(norm, (size_t)cap * sizeof(*norm));
		normlen = unorm2_normalize(nfc, u16, u16len, norm, cap, &st);
	}
	if (U_FAILURE(st))
		goto fail;
	cp = xmalloc(((size_t)normlen + 1) * sizeof(*cp));
	while (i < normlen) {
		UChar32 c;

		U16_NEXT(norm, i, normlen, c);
		cp[k++] = (uint32_t)c;
	}
	free(u16);
	free(norm);
	*cps = cp;
	*m = k;
	return 0;
fail:
	free(u16);
	free(norm);
	free(cp);
	return err_set(e, ERR_INTERNAL, "", "ICU ทำ Unicode normalization ไม่สำเร็จ: %s",
		       "ICU normalisation failed: %s", u_errorName(st));
}

/* White space, punctuation, controls and format characters (ZWSP, ZWJ, ...). */
static bool name_drops(uint32_t c)
{
	if (u_isUWhiteSpace((UChar32)c))
		return true;
	switch (u_charType((UChar32)c)) {
	case U_CONTROL_CHAR:
	case U_FORMAT_CHAR:
	case U_SPACE_SEPARATOR:
	case U_LINE_SEPARATOR:
	case U_PARAGRAPH_SEPARATOR:
	case U_DASH_PUNCTUATION:
	case U_START_PUNCTUATION:
	case U_END_PUNCTUATION:
	case U_CONNECTOR_PUNCTUATION:
	case U_OTHER_PUNCTUATION:
	case U_INITIAL_PUNCTUATION:
	case U_FINAL_PUNCTUATION:
		return true;
	default:
		return false;
	}
}

/*
 * Thai titles, longest first where one is a prefix of another. The final dot
 * of น.ส. and the like is punctuation, dropped with the rest, so the forms
 * without it cover both.
 */
static const char *const thai_titles[] = {
	"นางสาว", "นาง", "นาย", "น.ส", "ด.ช", "ด.ญ", "เด็กชาย", "เด็กหญิง",
};
static const char *const latin_titles[] = { "mrs", "mr", "ms", "miss" };

/* Code points of cps[k..m) matched by the UTF-8 string t, or 0. */
static size_t match_thai(const uint32_t *cps, size_t m, size_t k, const char *t)
{
	size_t tn = strlen(t), pos = 0, j = 0;
	uint32_t c;

	while (pos < tn) {
		if (thtext_utf8_next(t, tn, &pos, &c) || k + j >= m || cps[k + j] != c)
			return 0;
		j++;
	}
	return j;
}

/* Like match_thai for an ASCII title, any case, followed by a dot or a space. */
static size_t match_latin(const uint32_t *cps, size_t m, size_t k, const char *t)
{
	size_t j, tn = strlen(t);

	for (j = 0; j < tn; j++)
		if (k + j >= m || (uint32_t)u_tolower((UChar32)cps[k + j]) != (uint32_t)t[j])
			return 0;
	if (k + j >= m || !(cps[k + j] == '.' || u_isUWhiteSpace((UChar32)cps[k + j])))
		return 0;
	return j;
}

/* Index in cps of the name after a leading title, or 0 when there is none. */
static size_t skip_title(const uint32_t *cps, size_t m)
{
	size_t k = 0, i, len;

	while (k < m && name_drops(cps[k]))
		k++;
	for (i = 0; i < ARRAY_SIZE(thai_titles); i++) {
		len = match_thai(cps, m, k, thai_titles[i]);
		if (len)
			return k + len;
	}
	for (i = 0; i < ARRAY_SIZE(latin_titles); i++) {
		len = match_latin(cps, m, k, latin_titles[i]);
		if (len)
			return k + len;
	}
	return 0;
}

static int put_key(const uint32_t *cps, size_t m, size_t start, struct buf *out)
{
	size_t i, j;
	uint32_t c, tone;
	int d;

	for (i = start; i < m; i++) {
		c = cps[i];
		if (name_drops(c))
			continue;
		d = thtext_digit_value(c);
		if (d >= 0)
			c = '0' + (uint32_t)d;
		if (c == NIKHAHIT) {
			/* ํ + า (or ํ + tone + า) is how sara am ำ is sometimes typed. */
			j = i + 1;
			tone = 0;
			if (j < m && cps[j] >= 0x0E48 && cps[j] <= 0x0E4B)
				tone = cps[j++];
			if (j < m && cps[j] == SARA_AA) {
				if ((tone && thtext_utf8_put(out, tone)) || thtext_utf8_put(out, SARA_AM))
					return -1;
				i = j;
				continue;
			}
		}
		if (thtext_utf8_put(out, (uint32_t)u_tolower((UChar32)c)))
			return -1;
	}
	return 0;
}

int thtext_name_key(const char *s, size_t n, struct buf *out, struct err *e)
{
	size_t old = out->len, m = 0, start;
	uint32_t *cps = NULL;
	int rc;

	if (n > NAME_MAX_INPUT) {
		rc = err_set(e, ERR_TOO_LARGE, "name", "ชื่อยาวเกินไป", "the name is too long");
		goto fail;
	}
	if (!thtext_utf8_valid(s, n)) {
		rc = err_set(e, ERR_INVALID, "name", "ชื่อมีรหัสอักขระที่ไม่ถูกต้อง (ไม่ใช่ UTF-8)",
			     "the name is not valid UTF-8");
		goto fail;
	}
	rc = nfc_code_points(s, n, &cps, &m, e);
	if (rc)
		goto fail;
	start = skip_title(cps, m);
	if (put_key(cps, m, start, out) ||
	    (out->len == old && start > 0 && put_key(cps, m, 0, out))) {
		rc = too_large(e, "name");
		goto fail;
	}
	free(cps);
	return 0;
fail:
	free(cps);
	buf_truncate(out, old);
	return rc;
}

/* ---- collation ---- */

int thtext_collator_open(struct thtext_collator *c, struct err *e)
{
	UErrorCode st = U_ZERO_ERROR;

	c->ucol = ucol_open("th_TH", &st);
	/*
	 * A missing Thai tailoring shows as U_USING_DEFAULT_WARNING; the root
	 * order would quietly put names in the wrong order, so it is an error.
	 */
	if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING) {
		if (c->ucol)
			ucol_close(c->ucol);
		c->ucol = NULL;
		return err_set(e, ERR_INTERNAL, "", "เปิดตัวเรียงลำดับภาษาไทยของ ICU ไม่ได้: %s",
			       "cannot open ICU's Thai collator: %s", u_errorName(st));
	}
	return 0;
}

void thtext_collator_close(struct thtext_collator *c)
{
	if (c->ucol)
		ucol_close(c->ucol);
	c->ucol = NULL;
}

static int32_t icu_len(size_t n)
{
	return n > INT32_MAX ? INT32_MAX : (int32_t)n;
}

int thtext_collate(const struct thtext_collator *c, const char *a, size_t alen,
		   const char *b, size_t blen)
{
	UErrorCode st = U_ZERO_ERROR;
	UCollationResult r;
	int cmp;

	r = ucol_strcollUTF8(c->ucol, a, icu_len(alen), b, icu_len(blen), &st);
	if (U_SUCCESS(st))
		return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
	/* ICU only fails here on allocation; a byte order is better than none. */
	cmp = memcmp(a, b, alen < blen ? alen : blen);
	if (cmp)
		return cmp < 0 ? -1 : 1;
	return alen < blen ? -1 : alen > blen ? 1 : 0;
}

int thtext_sort_key(const struct thtext_collator *c, const char *s, size_t n, struct buf *out,
		    struct err *e)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar small16[256], *u16 = small16;
	uint8_t smallkey[512], *key = smallkey;
	int32_t u16len = 0, klen;
	int rc;

	if (n >= ICU_MAX_INPUT) {
		rc = err_set(e, ERR_TOO_LARGE, "", "ข้อความยาวเกินไป", "the text is too long");
		goto fail;
	}
	/* Names are short: the stack buffers serve them without malloc. */
	if (n + 1 > ARRAY_SIZE(small16))
		u16 = xmalloc((n + 1) * sizeof(*u16));
	u_strFromUTF8WithSub(u16, (int32_t)n + 1, &u16len, s, (int32_t)n, 0xFFFD, NULL, &st);
	klen = U_SUCCESS(st) ? ucol_getSortKey(c->ucol, u16, u16len, key, sizeof(smallkey)) : 0;
	if (klen > (int32_t)sizeof(smallkey)) {
		key = xmalloc((size_t)klen);
		if (ucol_getSortKey(c->ucol, u16, u16len, key, klen) != klen)
			klen = 0;
	}
	if (klen <= 0) {
		rc = err_set(e, ERR_INTERNAL, "", "ICU สร้าง sort key ไม่สำเร็จ: %s",
			     "ICU could not make a sort key: %s", u_errorName(st));
		goto fail;
	}
	/* The key ends in its own NUL, which buf supplies. */
	if (buf_add(out, key, (size_t)klen - 1)) {
		rc = too_large(e, "");
		goto fail;
	}
	rc = 0;
fail:
	if (u16 != small16)
		free(u16);
	if (key != smallkey)
		free(key);
	return rc;
}

void thtext_collator_version(const struct thtext_collator *c, char out[32])
{
	UVersionInfo v;

	ucol_getVersion(c->ucol, v);
	snprintf(out, 32, "%u.%u.%u.%u", v[0], v[1], v[2], v[3]);
}

int thtext_name_sort_key(const struct thtext_collator *c, const char *given, size_t glen,
			 const char *family, size_t flen, struct buf *out, struct err *e)
{
	size_t old = out->len;
	int rc;

	if ((rc = thtext_sort_key(c, given, glen, out, e)))
		return rc;
	if (buf_add(out, "", 1)) {
		buf_truncate(out, old);
		return too_large(e, "");
	}
	if ((rc = thtext_sort_key(c, family, flen, out, e)))
		buf_truncate(out, old);
	return rc;
}
