/* Unit tests for core/money: format, parse, bahttext. */
#include "test.h"
#include "core/money.h"

static const char *fmt(int64_t v, unsigned flags)
{
	static char s[256];
	struct buf b;

	buf_init(&b, 0);
	if (money_format(v, flags, &b, NULL))
		snprintf(s, sizeof(s), "ERR");
	else
		snprintf(s, sizeof(s), "%s", b.ptr);
	buf_release(&b);
	return s;
}

static const char *words(int64_t v)
{
	static char s[2048];
	struct buf b;

	buf_init(&b, 0);
	if (money_bahttext(v, &b, NULL))
		snprintf(s, sizeof(s), "ERR");
	else
		snprintf(s, sizeof(s), "%s", b.ptr);
	buf_release(&b);
	return s;
}

/* Parses s; returns the amount, or INT64_MIN + 1 and the message in msg on failure. */
static char msg[1024];
static int64_t parse(const char *s)
{
	struct err e;
	int64_t v = 12345;

	err_init(&e);
	msg[0] = '\0';
	if (money_parse(s, &v, "amount", &e)) {
		snprintf(msg, sizeof(msg), "%s", e.en);
		if (v != 0 || strcmp(e.field, "amount") || !e.th[0])
			snprintf(msg, sizeof(msg), "BAD FAILURE");
		return INT64_MIN + 1;
	}
	return v;
}

#define PARSE_FAILS(s, want)                        \
	do {                                        \
		CHECK_INT(parse(s), INT64_MIN + 1); \
		CHECK_STR(msg, want);               \
	} while (0)

static void test_format(void)
{
	CHECK_STR(fmt(0, 0), "0.00");
	CHECK_STR(fmt(1, 0), "0.01");
	CHECK_STR(fmt(50, 0), "0.50");
	CHECK_STR(fmt(100, 0), "1.00");
	CHECK_STR(fmt(99999, 0), "999.99");
	CHECK_STR(fmt(100000, 0), "1,000.00");
	CHECK_STR(fmt(123456789, 0), "1,234,567.89");
	CHECK_STR(fmt(12345678900, 0), "123,456,789.00");
	CHECK_STR(fmt(-1, 0), "-0.01");
	CHECK_STR(fmt(-50, 0), "-0.50");
	CHECK_STR(fmt(-123456789, 0), "-1,234,567.89");
	CHECK_STR(fmt(INT64_MAX, 0), "92,233,720,368,547,758.07");
	CHECK_STR(fmt(INT64_MIN, 0), "-92,233,720,368,547,758.08");
	CHECK_STR(fmt(INT64_MIN + 1, 0), "-92,233,720,368,547,758.07");
	CHECK_STR(fmt(123456789, MONEY_BAHT_SIGN), "฿1,234,567.89");
	CHECK_STR(fmt(-123450, MONEY_BAHT_SIGN), "-฿1,234.50");
	CHECK_STR(fmt(123456789, MONEY_NO_GROUPING), "1234567.89");
	CHECK_STR(fmt(123456789, MONEY_THAI_DIGITS), "๑,๒๓๔,๕๖๗.๘๙");
	CHECK_STR(fmt(-100, MONEY_THAI_DIGITS | MONEY_BAHT_SIGN), "-฿๑.๐๐");
	CHECK_STR(fmt(INT64_MIN, MONEY_THAI_DIGITS | MONEY_BAHT_SIGN | MONEY_NO_GROUPING),
		  "-฿๙๒๒๓๓๗๒๐๓๖๘๕๔๗๗๕๘.๐๘");
}

static void test_format_cap(void)
{
	struct buf b;
	struct err e;

	err_init(&e);
	buf_init(&b, 6);
	buf_puts(&b, "x");
	CHECK_INT(money_format(100000, 0, &b, &e), ERR_TOO_LARGE);
	CHECK_STR(b.ptr, "x");
	CHECK_INT(money_format(100, 0, &b, &e), 0);
	CHECK_STR(b.ptr, "x1.00");
	buf_reset(&b);
	CHECK_INT(money_bahttext(100, &b, &e), ERR_TOO_LARGE);
	CHECK_STR(b.ptr, "");
	buf_release(&b);
}

static void test_parse_good(void)
{
	CHECK_INT(parse("1,234.5"), 123450);
	CHECK_INT(parse("1234.50"), 123450);
	CHECK_INT(parse("฿1,234"), 123400);
	CHECK_INT(parse("฿ 1,234"), 123400);
	CHECK_INT(parse("๑,๒๓๔.๕๐"), 123450);
	CHECK_INT(parse("฿๑๒๓๔"), 123400);
	CHECK_INT(parse("0"), 0);
	CHECK_INT(parse("0.01"), 1);
	CHECK_INT(parse("0.5"), 50);
	CHECK_INT(parse("1.5"), 150);
	CHECK_INT(parse("1.05"), 105);
	CHECK_INT(parse("63147.89"), 6314789);
	CHECK_INT(parse("63,147.89"), 6314789);
	CHECK_INT(parse("1,234,567.89"), 123456789);
	CHECK_INT(parse("007"), 700);
	CHECK_INT(parse("  42  "), 4200);
	CHECK_INT(parse("\t42\n"), 4200);
	CHECK_INT(parse("600 บาท"), 60000);
	CHECK_INT(parse("600บาท"), 60000);
	CHECK_INT(parse("1,250.50 บาท "), 125050);
	CHECK_INT(parse("+5"), 500);
	CHECK_INT(parse("-5"), -500);
	CHECK_INT(parse("- 5"), -500);
	CHECK_INT(parse("\xE2\x88\x92" "5"), -500); /* U+2212 minus */
	CHECK_INT(parse("-฿1,234.50"), -123450);
	CHECK_INT(parse("฿-1,234.50"), -123450);
	CHECK_INT(parse("-0.01"), -1);
	/* Negative zero is zero. */
	CHECK_INT(parse("-0"), 0);
	CHECK_INT(parse("-0.00"), 0);
	CHECK_INT(parse("-฿0"), 0);
	CHECK_STR(fmt(parse("-0.00"), 0), "0.00");
	/* The int64_t extremes, exactly. */
	CHECK_INT(parse("92,233,720,368,547,758.07"), INT64_MAX);
	CHECK_INT(parse("92233720368547758.07"), INT64_MAX);
	CHECK_INT(parse("-92,233,720,368,547,758.08"), INT64_MIN);
	CHECK_INT(parse("-92233720368547758.07"), INT64_MIN + 1);
	CHECK_INT(parse("00000000000000000000000000000001"), 100);
}

static void test_parse_bad(void)
{
	PARSE_FAILS("", "enter an amount");
	PARSE_FAILS("   ", "enter an amount");
	PARSE_FAILS("฿", "the amount has no digits");
	PARSE_FAILS("-", "the amount has no digits");
	PARSE_FAILS("-฿ ", "the amount has no digits");
	PARSE_FAILS("1.005", "at most 2 decimal places (satang) are allowed");
	PARSE_FAILS("1.500", "at most 2 decimal places (satang) are allowed");
	PARSE_FAILS("2.995", "at most 2 decimal places (satang) are allowed");
	PARSE_FAILS("1.", "digits must follow the decimal point");
	PARSE_FAILS("1. บาท", "digits must follow the decimal point");
	PARSE_FAILS(".5", "a digit must come before the decimal point (e.g. 0.50)");
	PARSE_FAILS("-.5", "a digit must come before the decimal point (e.g. 0.50)");
	PARSE_FAILS("1,23", "commas must separate groups of three digits (e.g. 1,234,567.50)");
	PARSE_FAILS("1,2345", "commas must separate groups of three digits (e.g. 1,234,567.50)");
	PARSE_FAILS("1234,567", "commas must separate groups of three digits (e.g. 1,234,567.50)");
	PARSE_FAILS("12,34,567", "commas must separate groups of three digits (e.g. 1,234,567.50)");
	PARSE_FAILS("1,,234", "commas must separate groups of three digits (e.g. 1,234,567.50)");
	PARSE_FAILS("1,", "commas must separate groups of three digits (e.g. 1,234,567.50)");
	PARSE_FAILS("1,234.", "digits must follow the decimal point");
	PARSE_FAILS("1,23.45", "commas must separate groups of three digits (e.g. 1,234,567.50)");
	PARSE_FAILS("1.2,3", "commas must separate groups of three digits (e.g. 1,234,567.50)");
	PARSE_FAILS(",123", "the amount has the character ',' at position 1, which is not allowed");
	PARSE_FAILS("1.2.3",
		    "the amount has the character '.' at position 4, which is not allowed");
	PARSE_FAILS("1 2", "the amount has the character '2' at position 3, which is not allowed");
	PARSE_FAILS("1e5", "the amount has the character 'e' at position 2, which is not allowed");
	PARSE_FAILS("5-", "the amount has the character '-' at position 2, which is not allowed");
	PARSE_FAILS("--5", "the amount has the character '-' at position 2, which is not allowed");
	PARSE_FAILS("+-5", "the amount has the character '-' at position 2, which is not allowed");
	PARSE_FAILS("฿฿5",
		    "the amount has the character U+0E3F at position 2, which is not allowed");
	PARSE_FAILS("5฿", "the amount has the character U+0E3F at position 2, which is not allowed");
	PARSE_FAILS("5 บาท บาท",
		    "the amount has the character U+0E1A at position 7, which is not allowed");
	PARSE_FAILS("บาท", "the amount has the character U+0E1A at position 1, which is not allowed");
	PARSE_FAILS("5 บา", "the amount has the character U+0E1A at position 3, which is not allowed");
	PARSE_FAILS("$5", "the amount has the character '$' at position 1, which is not allowed");
	PARSE_FAILS("(5)", "the amount has the character '(' at position 1, which is not allowed");
	PARSE_FAILS("5\xC2\xA0", "the amount has the character U+00A0 at position 2, which is not allowed");
	PARSE_FAILS("1'000", "the amount has the character U+0027 at position 2, which is not allowed");
	PARSE_FAILS("5\xFF", "the amount has an unreadable character at byte 2");
	PARSE_FAILS("NaN", "the amount has the character 'N' at position 1, which is not allowed");
	/* Overflow, at the edge and far beyond. */
	PARSE_FAILS("92,233,720,368,547,758.08", "the amount is too large");
	PARSE_FAILS("-92,233,720,368,547,758.09", "the amount is too large");
	PARSE_FAILS("92233720368547759", "the amount is too large");
	PARSE_FAILS("18446744073709551616", "the amount is too large");
	PARSE_FAILS("99999999999999999999999999999999999999", "the amount is too large");
	PARSE_FAILS("1844674407370955161.6", "the amount is too large");
	{
		char big[400];

		memset(big, '9', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		PARSE_FAILS(big, "the amount is too long");
	}
}

static void test_parse_thai_message(void)
{
	struct err e;
	int64_t v;

	err_init(&e);
	CHECK_INT(money_parse("1.005", &v, "amount", &e), ERR_INVALID);
	CHECK_STR(e.th, "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)");
	CHECK_INT(money_parse("1,23", &v, "amount", &e), ERR_INVALID);
	CHECK_STR(e.th, "ใส่จุลภาคคั่นหลักไม่ถูกต้อง ต้องคั่นทุกสามหลัก (เช่น 1,234,567.50)");
	CHECK_INT(money_parse("x", &v, "amount", NULL), ERR_INVALID);
}

static void test_roundtrip(void)
{
	/* Every format flag combination reads back, across the range. */
	static const int64_t vals[] = { 0, 1, -1, 9, 10, 99, 100, 101, 999, 1000, 99999, 100000,
					123456789, -123456789, 100000000000, INT64_MAX, INT64_MIN,
					INT64_MAX - 1, INT64_MIN + 1, 999999999999999999 };
	size_t i;
	unsigned flags;
	uint64_t x = 1;
	int64_t v;
	int k;

	for (i = 0; i < ARRAY_SIZE(vals); i++)
		for (flags = 0; flags < 8; flags++)
			CHECK_INT(parse(fmt(vals[i], flags)), vals[i]);
	for (k = 0; k < 5000; k++) {
		x = x * 6364136223846793005u + 1442695040888963407u;
		v = (int64_t)x;
		for (flags = 0; flags < 8; flags++)
			CHECK_INT(parse(fmt(v, flags)), v);
		CHECK_INT(parse(fmt(v >> (k % 63), 0)), v >> (k % 63));
	}
}

static void test_bahttext_domain(void)
{
	/* DOMAIN.md rule 9, under the dictionary rule of money.h. */
	CHECK_STR(words(60000), "หกร้อยบาทถ้วน");
	CHECK_STR(words(125000), "หนึ่งพันสองร้อยห้าสิบบาทถ้วน");
	CHECK_STR(words(6314789), "หกหมื่นสามพันหนึ่งร้อยสี่สิบเจ็ดบาทแปดสิบเก้าสตางค์");
	CHECK_STR(words(50), "ห้าสิบสตางค์");
	CHECK_STR(words(2100), "ยี่สิบเอ็ดบาทถ้วน");
	CHECK_STR(words(1000000100), "สิบล้านเอ็ดบาทถ้วน");      /* npm bahttext: สิบล้านหนึ่ง */
	CHECK_STR(words(10100), "หนึ่งร้อยเอ็ดบาทถ้วน");          /* npm bahttext: หนึ่งร้อยหนึ่ง */
	CHECK_STR(words(20100), "สองร้อยเอ็ดบาทถ้วน");
	CHECK_STR(words(100), "หนึ่งบาทถ้วน");                    /* bahttext(1.005): truncated */
	CHECK_STR(words(299), "สองบาทเก้าสิบเก้าสตางค์");         /* bahttext(2.995) */
	CHECK_STR(words(150), "หนึ่งบาทห้าสิบสตางค์");            /* 1.5 */
}

static void test_bahttext_rule(void)
{
	CHECK_STR(words(0), "ศูนย์บาทถ้วน");
	CHECK_STR(words(1), "หนึ่งสตางค์");
	CHECK_STR(words(11), "สิบเอ็ดสตางค์");
	CHECK_STR(words(21), "ยี่สิบเอ็ดสตางค์");
	CHECK_STR(words(10), "สิบสตางค์");
	CHECK_STR(words(20), "ยี่สิบสตางค์");
	CHECK_STR(words(99), "เก้าสิบเก้าสตางค์");
	CHECK_STR(words(101), "หนึ่งบาทหนึ่งสตางค์");
	CHECK_STR(words(1101), "สิบเอ็ดบาทหนึ่งสตางค์");
	CHECK_STR(words(1000), "สิบบาทถ้วน");
	CHECK_STR(words(1100), "สิบเอ็ดบาทถ้วน");
	CHECK_STR(words(1200), "สิบสองบาทถ้วน");
	CHECK_STR(words(2000), "ยี่สิบบาทถ้วน");
	CHECK_STR(words(2200), "ยี่สิบสองบาทถ้วน");
	CHECK_STR(words(3100), "สามสิบเอ็ดบาทถ้วน");
	CHECK_STR(words(10000), "หนึ่งร้อยบาทถ้วน");
	CHECK_STR(words(11000), "หนึ่งร้อยสิบบาทถ้วน");
	CHECK_STR(words(11100), "หนึ่งร้อยสิบเอ็ดบาทถ้วน");
	CHECK_STR(words(100100), "หนึ่งพันเอ็ดบาทถ้วน");
	CHECK_STR(words(1000100), "หนึ่งหมื่นเอ็ดบาทถ้วน");
	CHECK_STR(words(2000000), "สองหมื่นบาทถ้วน");
	CHECK_STR(words(10000000), "หนึ่งแสนบาทถ้วน");
	CHECK_STR(words(99999900), "เก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทถ้วน");
	CHECK_STR(words(100000000), "หนึ่งล้านบาทถ้วน");
	CHECK_STR(words(100000100), "หนึ่งล้านเอ็ดบาทถ้วน");
	CHECK_STR(words(100001000), "หนึ่งล้านสิบบาทถ้วน");
	CHECK_STR(words(110000000), "หนึ่งล้านหนึ่งแสนบาทถ้วน");
	CHECK_STR(words(1100000000), "สิบเอ็ดล้านบาทถ้วน");
	CHECK_STR(words(2100000000), "ยี่สิบเอ็ดล้านบาทถ้วน");
	CHECK_STR(words(2000000000), "ยี่สิบล้านบาทถ้วน");
	CHECK_STR(words(10100000000), "หนึ่งร้อยเอ็ดล้านบาทถ้วน");
	CHECK_STR(words(100000000000000), "หนึ่งล้านล้านบาทถ้วน");
	CHECK_STR(words(100000000000100), "หนึ่งล้านล้านเอ็ดบาทถ้วน");
	CHECK_STR(words(100000100000000), "หนึ่งล้านเอ็ดล้านบาทถ้วน");
	CHECK_STR(words(100000000000000000), "หนึ่งพันล้านล้านบาทถ้วน");
	CHECK_STR(words(112345678900), "หนึ่งพันหนึ่งร้อยยี่สิบสามล้านสี่แสนห้าหมื่นหกพันเจ็ดร้อยแปดสิบเก้าบาทถ้วน");
	CHECK_STR(words(50000001), "ห้าแสนบาทหนึ่งสตางค์");
	/* Negatives. */
	CHECK_STR(words(-100), "ลบหนึ่งบาทถ้วน");
	CHECK_STR(words(-50), "ลบห้าสิบสตางค์");
	CHECK_STR(words(-10100), "ลบหนึ่งร้อยเอ็ดบาทถ้วน");
	CHECK_STR(words(-6314789), "ลบหกหมื่นสามพันหนึ่งร้อยสี่สิบเจ็ดบาทแปดสิบเก้าสตางค์");
	/* The int64_t extremes. */
	CHECK_STR(words(INT64_MAX),
		  "เก้าหมื่นสองพันสองร้อยสามสิบสามล้านเจ็ดแสนสองหมื่นสามร้อยหกสิบแปดล้าน"
		  "ห้าแสนสี่หมื่นเจ็ดพันเจ็ดร้อยห้าสิบแปดบาทเจ็ดสตางค์");
	CHECK_STR(words(INT64_MIN),
		  "ลบเก้าหมื่นสองพันสองร้อยสามสิบสามล้านเจ็ดแสนสองหมื่นสามร้อยหกสิบแปดล้าน"
		  "ห้าแสนสี่หมื่นเจ็ดพันเจ็ดร้อยห้าสิบแปดบาทแปดสตางค์");
}

static void test_bahttext_parsed(void)
{
	/* From typed amounts, as a receipt would do it. */
	CHECK_STR(words(parse("1.5")), "หนึ่งบาทห้าสิบสตางค์");
	CHECK_STR(words(parse("฿10,000,001")), "สิบล้านเอ็ดบาทถ้วน");
	CHECK_STR(words(parse("-0")), "ศูนย์บาทถ้วน");
	CHECK_STR(words(parse("๑๐๑")), "หนึ่งร้อยเอ็ดบาทถ้วน");
}

int main(void)
{
	RUN(test_format);
	RUN(test_format_cap);
	RUN(test_parse_good);
	RUN(test_parse_bad);
	RUN(test_parse_thai_message);
	RUN(test_roundtrip);
	RUN(test_bahttext_domain);
	RUN(test_bahttext_rule);
	RUN(test_bahttext_parsed);
	return test_summary("money");
}
