/*
 * Money amounts as int64_t satang: formatting with Thai-style grouping,
 * exact parsing of typed amounts, and Thai words (bahttext). The rule for
 * เอ็ด and the accepted input are documented in money.h.
 *
 * What it does not do: currencies other than baht, rounding (callers work in
 * whole satang; DOMAIN rule 9's 1.005 -> หนึ่งบาทถ้วน is the caller's
 * truncation), or arithmetic (ledger code owns sums and their overflow).
 *
 * Invariants: no floating point anywhere; every int64_t, including
 * INT64_MIN, formats and spells (its magnitude is taken as uint64_t); what
 * money_format writes, money_parse reads back to the same value; output
 * buffers are unchanged on failure.
 */
#include <inttypes.h>
#include "core/money.h"
#include "core/thtext.h"

#define PARSE_MAX_BYTES 256
#define BAHT_WORD "บาท"

static uint64_t magnitude(int64_t v)
{
	return v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
}

static int too_large(struct err *e)
{
	return err_set(e, ERR_TOO_LARGE, "", "ผลลัพธ์ยาวเกินที่กำหนด",
		       "the result is longer than allowed");
}

int money_format(int64_t satang, unsigned flags, struct buf *out, struct err *e)
{
	uint64_t mag = magnitude(satang);
	char digits[24];
	struct buf t;
	int nd, i, rc;

	buf_init(&t, 0);
	nd = snprintf(digits, sizeof(digits), "%" PRIu64, mag / 100);
	if (satang < 0)
		buf_putc(&t, '-');
	if (flags & MONEY_BAHT_SIGN)
		buf_puts(&t, "฿");
	for (i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0 && !(flags & MONEY_NO_GROUPING))
			buf_putc(&t, ',');
		buf_putc(&t, digits[i]);
	}
	buf_printf(&t, ".%02u", (unsigned)(mag % 100));
	rc = (flags & MONEY_THAI_DIGITS) ? thtext_put_thai_digits(out, t.ptr, t.len)
					 : buf_add(out, t.ptr, t.len);
	buf_release(&t);
	return rc ? too_large(e) : 0;
}

/* ---- parsing ---- */

static int bad_grouping(const char *field, struct err *e)
{
	return err_set(e, ERR_INVALID, field,
		       "ใส่จุลภาคคั่นหลักไม่ถูกต้อง ต้องคั่นทุกสามหลัก (เช่น 1,234,567.50)",
		       "commas must separate groups of three digits (e.g. 1,234,567.50)");
}

static int bad_char(uint32_t cp, size_t chars, const char *field, struct err *e)
{
	char what[16];

	if (cp > 0x20 && cp < 0x7F && cp != '\'')
		snprintf(what, sizeof(what), "'%c'", (char)cp);
	else
		snprintf(what, sizeof(what), "U+%04X", (unsigned)cp);
	return err_set(e, ERR_INVALID, field,
		       "จำนวนเงินมีอักขระ %s ที่ตำแหน่ง %zu ที่ใช้ไม่ได้",
		       "the amount has the character %s at position %zu, which is not allowed",
		       what, chars);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

enum parse_state { BEFORE, WHOLE, FRACTION, AFTER };

int money_parse(const char *s, int64_t *satang, const char *field, struct err *e)
{
	size_t n = strlen(s), pos = 0, at, chars = 0;
	enum parse_state st = BEFORE;
	bool have_sign = false, neg = false, have_baht_sign = false, have_word = false,
	     comma = false, overflow = false;
	int glen = 0, flen = 0, frac = 0, dig;
	uint64_t baht = 0, limit, mag;
	uint32_t cp;

	*satang = 0;
	while (n > 0 && is_space(s[n - 1]))
		n--;
	while (pos < n && is_space(s[pos]))
		pos++;
	if (pos == n)
		return err_set(e, ERR_INVALID, field, "กรุณากรอกจำนวนเงิน", "enter an amount");
	if (n - pos > PARSE_MAX_BYTES)
		return err_set(e, ERR_INVALID, field, "จำนวนเงินยาวเกินไป", "the amount is too long");
	while (pos < n) {
		at = pos;
		if (thtext_utf8_next(s, n, &pos, &cp))
			return err_set(e, ERR_INVALID, field,
				       "จำนวนเงินมีอักขระที่อ่านไม่ได้ที่ไบต์ที่ %zu",
				       "the amount has an unreadable character at byte %zu", at + 1);
		chars++;
		dig = thtext_digit_value(cp);
		/* One word บาท after the number counts as a space that ends it. */
		if (cp == 0x0E1A && st != BEFORE && !have_word && n - at >= strlen(BAHT_WORD) &&
		    !memcmp(s + at, BAHT_WORD, strlen(BAHT_WORD))) {
			have_word = true;
			pos = at + strlen(BAHT_WORD);
			chars += 2;
			cp = ' ';
		}
		switch (st) {
		case BEFORE:
			if (dig >= 0) {
				st = WHOLE;
				break;
			}
			if ((cp == '-' || cp == 0x2212 || cp == '+') && !have_sign) {
				have_sign = true;
				neg = cp != '+';
				continue;
			}
			if (cp == THTEXT_BAHT_SIGN && !have_baht_sign) {
				have_baht_sign = true;
				continue;
			}
			if (cp == ' ')
				continue;
			if (cp == '.')
				return err_set(e, ERR_INVALID, field,
					       "ต้องมีตัวเลขก่อนจุดทศนิยม (เช่น 0.50)",
					       "a digit must come before the decimal point (e.g. 0.50)");
			return bad_char(cp, chars, field, e);
		case WHOLE:
			if (dig >= 0)
				break;
			if (cp == ',') {
				if (glen == 0 || (comma && glen != 3) || (!comma && glen > 3))
					return bad_grouping(field, e);
				comma = true;
				glen = 0;
				continue;
			}
			if (comma && glen != 3)
				return bad_grouping(field, e);
			if (cp == '.') {
				st = FRACTION;
				continue;
			}
			if (cp == ' ') {
				st = AFTER;
				continue;
			}
			return bad_char(cp, chars, field, e);
		case FRACTION:
			if (dig >= 0)
				break;
			if (cp == ' ' && flen > 0) {
				st = AFTER;
				continue;
			}
			if (cp == ' ')
				return err_set(e, ERR_INVALID, field, "ต้องมีตัวเลขหลังจุดทศนิยม",
					       "digits must follow the decimal point");
			if (cp == ',')
				return bad_grouping(field, e);
			return bad_char(cp, chars, field, e);
		case AFTER:
			if (cp == ' ')
				continue;
			return bad_char(cp, chars, field, e);
		}
		/* A digit, in the whole or the fractional part. */
		if (st == WHOLE) {
			glen++;
			if (baht > (UINT64_MAX - 9) / 10)
				overflow = true;
			else
				baht = baht * 10 + (uint64_t)dig;
		} else if (st == FRACTION) {
			flen++;
			if (flen > 2)
				return err_set(e, ERR_INVALID, field,
					       "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)",
					       "at most 2 decimal places (satang) are allowed");
			frac = frac * 10 + dig;
		} else {
			return bad_char(cp, chars, field, e);
		}
	}
	if (st == BEFORE)
		return err_set(e, ERR_INVALID, field, "จำนวนเงินไม่มีตัวเลข",
			       "the amount has no digits");
	if (st == WHOLE && comma && glen != 3)
		return bad_grouping(field, e);
	if (st == FRACTION && flen == 0)
		return err_set(e, ERR_INVALID, field, "ต้องมีตัวเลขหลังจุดทศนิยม",
			       "digits must follow the decimal point");
	if (flen == 1)
		frac *= 10;
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	if (overflow || baht > (limit - (uint64_t)frac) / 100)
		return err_set(e, ERR_INVALID, field, "จำนวนเงินมากเกินกว่าที่ระบบรองรับ",
			       "the amount is too large");
	mag = baht * 100 + (uint64_t)frac;
	if (!neg)
		*satang = (int64_t)mag;
	else if (mag == (uint64_t)INT64_MAX + 1)
		*satang = INT64_MIN;
	else
		*satang = -(int64_t)mag;
	return 0;
}

/* ---- bahttext ---- */

static const char *const digit_word[10] = {
	"ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า",
};
static const char *const place_word[6] = { "", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน" };

/*
 * Spells 0 < n < 10^6. after_higher: a higher group of the same number is
 * non-zero, which makes a final 1 เอ็ด even when n itself is 1.
 */
static void spell_group(struct buf *b, unsigned n, bool after_higher)
{
	unsigned pow10 = 100000, v;
	int p;

	for (p = 5; p >= 0; p--, pow10 /= 10) {
		v = n / pow10 % 10;
		if (v == 0)
			continue;
		if (p == 1 && v == 1)
			buf_puts(b, "สิบ");
		else if (p == 1 && v == 2)
			buf_puts(b, "ยี่สิบ");
		else if (p == 0 && v == 1 && (after_higher || n > 1))
			buf_puts(b, "เอ็ด");
		else {
			buf_puts(b, digit_word[v]);
			buf_puts(b, place_word[p]);
		}
	}
}

/* Spells n > 0 in groups of six digits joined by ล้าน. */
static void spell(struct buf *b, uint64_t n)
{
	unsigned group[4]; /* UINT64_MAX has 20 digits: four groups */
	int k = 0, i;

	while (n > 0) {
		group[k++] = (unsigned)(n % 1000000);
		n /= 1000000;
	}
	for (i = k - 1; i >= 0; i--) {
		if (group[i])
			spell_group(b, group[i], i < k - 1);
		if (i > 0)
			buf_puts(b, "ล้าน");
	}
}

int money_bahttext(int64_t satang, struct buf *out, struct err *e)
{
	uint64_t mag = magnitude(satang), baht = mag / 100;
	unsigned sat = (unsigned)(mag % 100);
	struct buf t;
	int rc;

	buf_init(&t, 0);
	if (satang < 0)
		buf_puts(&t, "ลบ");
	if (mag == 0)
		buf_puts(&t, "ศูนย์บาท");
	if (baht > 0) {
		spell(&t, baht);
		buf_puts(&t, "บาท");
	}
	if (sat == 0) {
		buf_puts(&t, "ถ้วน");
	} else {
		spell_group(&t, sat, false);
		buf_puts(&t, "สตางค์");
	}
	rc = buf_add(out, t.ptr, t.len);
	buf_release(&t);
	return rc ? too_large(e) : 0;
}
