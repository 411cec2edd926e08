/* Unit tests for core/thtext: UTF-8, field limits, Thai digits, name keys, collation. */
#include "test.h"
#include "core/thtext.h"

static void test_utf8_next(void)
{
	const char *s = "aก€😀";
	size_t pos = 0, n = strlen(s);
	uint32_t cp = 0;

	CHECK_INT(thtext_utf8_next(s, n, &pos, &cp), 0);
	CHECK_INT(cp, 'a');
	CHECK_INT(thtext_utf8_next(s, n, &pos, &cp), 0);
	CHECK_INT(cp, 0x0E01);
	CHECK_INT(thtext_utf8_next(s, n, &pos, &cp), 0);
	CHECK_INT(cp, 0x20AC);
	CHECK_INT(thtext_utf8_next(s, n, &pos, &cp), 0);
	CHECK_INT(cp, 0x1F600);
	CHECK_INT(pos, n);
	CHECK_INT(thtext_utf8_next(s, n, &pos, &cp), -1);
}

static void test_utf8_invalid(void)
{
	static const char *const bad[] = {
		"\x80",             /* lone continuation */
		"\xC0\xAF",         /* overlong '/' */
		"\xC1\xBF",         /* overlong */
		"\xE0\x80\xAF",     /* overlong 3-byte */
		"\xED\xA0\x80",     /* surrogate U+D800 */
		"\xF0\x80\x80\xAF", /* overlong 4-byte */
		"\xF4\x90\x80\x80", /* above U+10FFFF */
		"\xF5\x80\x80\x80", /* invalid lead */
		"\xFF",
		"\xE0\xB8",         /* truncated ก */
		"\xE0\xB8\x41",     /* bad continuation */
		"abc\xE0",
	};
	size_t i, k = 99;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		CHECK(!thtext_utf8_valid(bad[i], strlen(bad[i])));
		CHECK_INT(thtext_utf8_count(bad[i], strlen(bad[i]), &k), -1);
		CHECK_INT(k, 0);
	}
	CHECK(thtext_utf8_valid("", 0));
	CHECK(thtext_utf8_valid("\xEF\xBF\xBF", 3));     /* U+FFFF */
	CHECK(thtext_utf8_valid("\xF4\x8F\xBF\xBF", 4)); /* U+10FFFF */
	CHECK(thtext_utf8_valid("\xED\x9F\xBF", 3));     /* U+D7FF */
	/* Embedded NUL is a character when the length says so. */
	CHECK(thtext_utf8_valid("a\0b", 3));
}

static void test_utf8_put_roundtrip(void)
{
	static const uint32_t cps[] = { 0, 0x7F, 0x80, 0x7FF, 0x800, 0x0E3F, 0xFFFD, 0xFFFF,
					0x10000, 0x10FFFF };
	struct buf b;
	size_t i, pos = 0;
	uint32_t cp;

	buf_init(&b, 0);
	for (i = 0; i < ARRAY_SIZE(cps); i++)
		CHECK_INT(thtext_utf8_put(&b, cps[i]), 0);
	for (i = 0; i < ARRAY_SIZE(cps); i++) {
		REQUIRE(thtext_utf8_next(b.ptr, b.len, &pos, &cp) == 0);
		CHECK_INT(cp, cps[i]);
	}
	CHECK_INT(pos, b.len);
	buf_release(&b);
}

static void test_count(void)
{
	size_t k = 0;

	CHECK_INT(thtext_utf8_count("น้ำ", strlen("น้ำ"), &k), 0);
	CHECK_INT(k, 3);
	CHECK_INT(thtext_utf8_count("สมชาย ใจดี", strlen("สมชาย ใจดี"), &k), 0);
	CHECK_INT(k, 10);
	CHECK_INT(thtext_utf8_count("", 0, &k), 0);
	CHECK_INT(k, 0);
}

static void test_check_field(void)
{
	struct err e;
	const char *s = "สมชาย";

	err_init(&e);
	CHECK_INT(thtext_check_field(s, strlen(s), 5, 0, "first_name", &e), 0);
	CHECK_INT(thtext_check_field(s, strlen(s), 4, 0, "first_name", &e), ERR_INVALID);
	CHECK_STR(e.field, "first_name");
	CHECK_STR(e.en, "at most 4 characters are allowed (got 5)");
	CHECK_STR(e.th, "ยาวได้ไม่เกิน 4 ตัวอักษร (กรอกมา 5 ตัว)");
	CHECK_INT(thtext_check_field("", 0, 0, 0, "x", &e), 0);
	CHECK_INT(thtext_check_field("ab\xC0\xAF", 4, 10, 0, "x", &e), ERR_INVALID);
	CHECK_STR(e.en, "the text is not valid UTF-8 (at byte 3)");
	CHECK_INT(thtext_check_field("a\0b", 3, 10, 0, "x", &e), ERR_INVALID);
	CHECK_STR(e.en, "the text contains a control character (U+0000) at position 2");
	CHECK_INT(thtext_check_field("a\nb", 3, 10, 0, "x", &e), ERR_INVALID);
	CHECK_INT(thtext_check_field("a\r\nb\tc", 6, 10, THTEXT_MULTILINE, "x", &e), 0);
	CHECK_INT(thtext_check_field("a\x7f", 2, 10, THTEXT_MULTILINE, "x", &e), ERR_INVALID);
	CHECK_INT(thtext_check_field("a\xC2\x85", 3, 10, THTEXT_MULTILINE, "x", &e), ERR_INVALID);
	CHECK_INT(thtext_check_field(s, strlen(s), 5, 0, "x", NULL), 0);
	CHECK_INT(thtext_check_field(s, strlen(s), 1, 0, "x", NULL), ERR_INVALID);
}

static void test_digits(void)
{
	struct buf b;

	CHECK_INT(thtext_digit_value('0'), 0);
	CHECK_INT(thtext_digit_value('9'), 9);
	CHECK_INT(thtext_digit_value(0x0E50), 0);
	CHECK_INT(thtext_digit_value(0x0E59), 9);
	CHECK_INT(thtext_digit_value(0x0E5A), -1);
	CHECK_INT(thtext_digit_value(0x0E4F), -1);
	CHECK_INT(thtext_digit_value('a'), -1);
	CHECK_INT(thtext_digit_value(0x0660), -1); /* Arabic-Indic zero: not accepted */

	buf_init(&b, 0);
	CHECK_INT(thtext_put_thai_digits(&b, "5 มกราคม 2568", strlen("5 มกราคม 2568")), 0);
	CHECK_STR(b.ptr, "๕ มกราคม ๒๕๖๘");
	buf_reset(&b);
	CHECK_INT(thtext_put_thai_digits(&b, "0123456789", 10), 0);
	CHECK_STR(b.ptr, "๐๑๒๓๔๕๖๗๘๙");
	buf_reset(&b);
	CHECK_INT(thtext_put_thai_digits(&b, "", 0), 0);
	CHECK_STR(b.ptr, "");
	buf_release(&b);

	/* A capped buffer is left as it was. */
	buf_init(&b, 8);
	buf_puts(&b, "ab");
	CHECK_INT(thtext_put_thai_digits(&b, "x12", 3), -1);
	CHECK_STR(b.ptr, "ab");
	buf_release(&b);
}

/* The name key of s, in a static buffer for CHECK_STR. */
static const char *key(const char *s)
{
	static char out[1024];
	struct buf b;
	struct err e;

	buf_init(&b, 0);
	err_init(&e);
	if (thtext_name_key(s, strlen(s), &b, &e)) {
		snprintf(out, sizeof(out), "ERROR %s", e.en);
	} else {
		snprintf(out, sizeof(out), "%s", b.ptr);
	}
	buf_release(&b);
	return out;
}

static void test_name_key_titles(void)
{
	CHECK_STR(key("นาย สมชาย  ใจดี"), "สมชายใจดี");
	CHECK_STR(key("นายสมชาย ใจดี"), "สมชายใจดี");
	CHECK_STR(key("  นาง สมศรี ใจดี "), "สมศรีใจดี");
	CHECK_STR(key("นางสาวสมหญิง รักไทย"), "สมหญิงรักไทย");
	CHECK_STR(key("น.ส. สมหญิง รักไทย"), "สมหญิงรักไทย");
	CHECK_STR(key("น.ส.สมหญิง รักไทย"), "สมหญิงรักไทย");
	CHECK_STR(key("ด.ช. ก้อง ภพ"), "ก้องภพ");
	CHECK_STR(key("ด.ญ.มะลิ"), "มะลิ");
	CHECK_STR(key("เด็กชายก้องภพ"), "ก้องภพ");
	CHECK_STR(key("เด็กหญิง มะลิ"), "มะลิ");
	CHECK_STR(key("Mr John Smith"), "johnsmith");
	CHECK_STR(key("MR. John Smith"), "johnsmith");
	CHECK_STR(key("Mrs. Jane Doe"), "janedoe");
	CHECK_STR(key("Ms Jane"), "jane");
	CHECK_STR(key("miss jane"), "jane");
	/* Latin titles need a boundary: these are names. */
	CHECK_STR(key("Mrsmith"), "mrsmith");
	CHECK_STR(key("Missy Elliott"), "missyelliott");
	CHECK_STR(key("Msomi"), "msomi");
	/* Only one title, and only at the start. */
	CHECK_STR(key("นาย นาย ดี"), "นายดี");
	CHECK_STR(key("สมชาย นายดี"), "สมชายนายดี");
	/* Nothing after the title: keep it rather than return an empty key. */
	CHECK_STR(key("นาย"), "นาย");
	CHECK_STR(key("นาย ."), "นาย");
	CHECK_STR(key("Mr."), "mr");
	/* Documented over-stripping: นางนวล loses its first syllable, consistently. */
	CHECK_STR(key("นางนวล ใจดี"), "นวลใจดี");
	CHECK_STR(key("นาง นางนวล ใจดี"), "นางนวลใจดี");
}

static void test_name_key_cleaning(void)
{
	/* Zero-width space, joiners, BOM, word joiner, soft hyphen. */
	CHECK_STR(key("สม\u200bชาย\u200c ใจ\u200dดี\uFEFF\u2060\u00AD"), "สมชายใจดี");
	/* Punctuation, tabs, newlines, no-break and ideographic spaces. */
	CHECK_STR(key("สม-ชาย,\t(ใจดี)\n\u00A0\u3000"), "สมชายใจดี");
	CHECK_STR(key("O'Brien-Smith"), "obriensmith");
	/* Thai digits fold to ASCII; Thai punctuation goes, ฯ and ๆ stay. */
	CHECK_STR(key("บ้านเลขที่ ๑๒๓"), "บ้านเลขที่123");
	CHECK_STR(key("๏ สมชาย ๚"), "สมชาย");
	CHECK_STR(key("กรุงเทพฯ ดีๆ"), "กรุงเทพฯดีๆ");
	/* Latin lowercase, including accented letters (NFC first). */
	CHECK_STR(key("ÉLODIE"), "élodie");
	CHECK_STR(key("E\u0301lodie"), "élodie");
	CHECK_STR(key(""), "");
	CHECK_STR(key("   "), "");
}

static void test_name_key_thai_marks(void)
{
	/* Tone mark and sara u typed in either order give one key (NFC reorders). */
	CHECK_STR(key("กุ่ม"), key("ก\u0e48\u0e38ม"));
	CHECK_STR(key("ก\u0e48\u0e38ม"), "ก\u0e38\u0e48ม");
	/* Sara am typed as nikhahit + sara aa, with the tone mark before or inside. */
	CHECK_STR(key("น\u0e49\u0e4d\u0e32"), "น้ำ");
	CHECK_STR(key("น\u0e4d\u0e49\u0e32"), "น้ำ");
	CHECK_STR(key("ท\u0e4d\u0e32"), "ทำ");
	/* A lone nikhahit stays. */
	CHECK_STR(key("ก\u0e4d"), "ก\u0e4d");
	CHECK_STR(key("ก\u0e4d\u0e49"), "ก\u0e4d\u0e49");
}

static void test_name_key_errors(void)
{
	struct buf b;
	struct err e;

	buf_init(&b, 0);
	err_init(&e);
	buf_puts(&b, "keep");
	CHECK_INT(thtext_name_key("สม\xC0\xAF", 8, &b, &e), ERR_INVALID);
	CHECK_STR(b.ptr, "keep");
	CHECK_STR(e.en, "the name is not valid UTF-8");
	buf_release(&b);

	buf_init(&b, 6);
	CHECK_INT(thtext_name_key("สมชาย", strlen("สมชาย"), &b, &e), ERR_TOO_LARGE);
	CHECK_STR(b.ptr, "");
	CHECK_INT(thtext_name_key("ab", 2, &b, &e), 0);
	CHECK_STR(b.ptr, "ab");
	buf_release(&b);

	/* Embedded NUL is a control character and is dropped. */
	buf_init(&b, 0);
	CHECK_INT(thtext_name_key("a\0b", 3, &b, &e), 0);
	CHECK_STR(b.ptr, "ab");
	buf_release(&b);
}

static int coll(const struct thtext_collator *c, const char *a, const char *b)
{
	return thtext_collate(c, a, strlen(a), b, strlen(b));
}

static void test_collation_order(void)
{
	/* The 44 consonants in dictionary order. */
	static const char *const cons[] = {
		"ก", "ข", "ฃ", "ค", "ฅ", "ฆ", "ง", "จ", "ฉ", "ช", "ซ", "ฌ", "ญ", "ฎ", "ฏ",
		"ฐ", "ฑ", "ฒ", "ณ", "ด", "ต", "ถ", "ท", "ธ", "น", "บ", "ป", "ผ", "ฝ", "พ",
		"ฟ", "ภ", "ม", "ย", "ร", "ล", "ว", "ศ", "ษ", "ส", "ห", "ฬ", "อ", "ฮ",
	};
	/* Words in Thai dictionary order. */
	static const char *const words[] = {
		"กา", "เกา", "ขา", "เขา", "แข", "โขง", "ใคร", "ไคร", "งาม", "จันทร์", "ชา",
		"ไช", "ดี", "ตา", "ทอง", "นก", "บ้าน", "ปลา", "ผา", "เผือก", "ฟ้า", "มา",
		"ไม้", "ยาย", "รัก", "ลม", "วัด", "สมชาย", "สมศรี", "สมหญิง", "หมู", "อา",
		"ฮา",
	};
	struct thtext_collator c = { 0 };
	struct err e;
	size_t i;

	err_init(&e);
	REQUIRE(thtext_collator_open(&c, &e) == 0);
	for (i = 0; i + 1 < ARRAY_SIZE(cons); i++) {
		if (coll(&c, cons[i], cons[i + 1]) >= 0)
			fprintf(stderr, "  consonants out of order: %s %s\n", cons[i], cons[i + 1]);
		CHECK(coll(&c, cons[i], cons[i + 1]) < 0);
		CHECK(coll(&c, cons[i + 1], cons[i]) > 0);
	}
	for (i = 0; i + 1 < ARRAY_SIZE(words); i++) {
		if (coll(&c, words[i], words[i + 1]) >= 0)
			fprintf(stderr, "  words out of order: %s %s\n", words[i], words[i + 1]);
		CHECK(coll(&c, words[i], words[i + 1]) < 0);
	}
	CHECK(coll(&c, "กา", "เกา") < 0);
	CHECK(coll(&c, "เกา", "ขา") < 0);
	CHECK(coll(&c, "สมชาย", "สมชาย") == 0);
	CHECK(coll(&c, "", "ก") < 0);
	/* CLDR's th tailoring ([reorder Thai]) puts Thai before Latin; digits first. */
	CHECK(coll(&c, "ฮา", "Abe") < 0);
	CHECK(coll(&c, "9", "ก") < 0);
	CHECK(coll(&c, "9", "a") < 0);
	/* Invalid UTF-8 compares without crashing. */
	CHECK(thtext_collate(&c, "\xFF", 1, "ก", 3) != 0);
	thtext_collator_close(&c);
	CHECK(c.ucol == NULL);
	thtext_collator_close(&c);
}

static void test_sort_key(void)
{
	static const char *const words[] = { "กา", "เกา", "ขา", "ไข่", "อา", "ฮา" };
	struct thtext_collator c = { 0 };
	struct buf k[ARRAY_SIZE(words)];
	struct err e;
	size_t i, j;

	err_init(&e);
	REQUIRE(thtext_collator_open(&c, &e) == 0);
	for (i = 0; i < ARRAY_SIZE(words); i++) {
		buf_init(&k[i], 0);
		CHECK_INT(thtext_sort_key(&c, words[i], strlen(words[i]), &k[i], &e), 0);
		CHECK(k[i].len > 0);
		CHECK_INT(strlen(k[i].ptr), k[i].len);
	}
	for (i = 0; i < ARRAY_SIZE(words); i++)
		for (j = 0; j < ARRAY_SIZE(words); j++) {
			int a = strcmp(k[i].ptr, k[j].ptr);
			int b = coll(&c, words[i], words[j]);

			CHECK((a < 0) == (b < 0) && (a == 0) == (b == 0));
		}
	for (i = 0; i < ARRAY_SIZE(words); i++)
		buf_release(&k[i]);

	/* A capped buffer fails cleanly. */
	buf_init(&k[0], 2);
	CHECK_INT(thtext_sort_key(&c, "กขค", strlen("กขค"), &k[0], &e), ERR_TOO_LARGE);
	CHECK_INT(k[0].len, 0);
	buf_release(&k[0]);
	thtext_collator_close(&c);
}

int main(void)
{
	RUN(test_utf8_next);
	RUN(test_utf8_invalid);
	RUN(test_utf8_put_roundtrip);
	RUN(test_count);
	RUN(test_check_field);
	RUN(test_digits);
	RUN(test_name_key_titles);
	RUN(test_name_key_cleaning);
	RUN(test_name_key_thai_marks);
	RUN(test_name_key_errors);
	RUN(test_collation_order);
	RUN(test_sort_key);
	return test_summary("thtext");
}
