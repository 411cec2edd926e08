/* Unit tests for core/thid: normalising, check digit, plausibility, category, format. */
#include "test.h"
#include "core/thid.h"

/* 12 digits plus their check digit, in a static buffer. */
static const char *with_check(const char *d12)
{
	static char s[THID_LEN + 1];

	memcpy(s, d12, 12);
	s[12] = (char)('0' + thid_check_digit(d12));
	s[13] = '\0';
	return s;
}

static void test_domain_valid(void)
{
	static const char *const ok[] = { "1101700123456", "3509900123450", "3101000000081",
					  "5001020345676" };
	struct thid id;
	struct err e;
	size_t i;

	err_init(&e);
	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		CHECK_INT(thid_parse(ok[i], &id, "national_id", &e), 0);
		CHECK_STR(id.digits, ok[i]);
	}
	CHECK_INT(thid_check_digit("110170012345"), 6);
	CHECK_INT(thid_check_digit("350990012345"), 0);
	CHECK_INT(thid_check_digit("310100000008"), 1);

	CHECK_INT(thid_parse("1101700123456", &id, "national_id", &e), 0);
	CHECK_INT(id.category, THID_CAT_BIRTH);
	CHECK_INT(id.statuses, THID_MAY_BE_THAI);
	CHECK_INT(id.province, 10);
	CHECK_INT(id.flags, 0);
	CHECK_INT(thid_check_plausible(&id, "national_id", &e), 0);

	CHECK_INT(thid_parse("3509900123450", &id, "national_id", &e), 0);
	CHECK_INT(id.category, THID_CAT_REGISTER_1984);
	CHECK_INT(id.statuses, THID_MAY_BE_THAI | THID_MAY_BE_LEGACY_ALIEN);
	CHECK_INT(id.province, 50);
	CHECK_INT(id.flags, 0);

	/* Well-formed, but 00 is no province: flagged, not rejected by parse. */
	CHECK_INT(thid_parse("5001020345676", &id, "national_id", &e), 0);
	CHECK_INT(id.category, THID_CAT_ADDED_LATER);
	CHECK_INT(id.flags, THID_FLAG_UNKNOWN_PROVINCE);
	CHECK_INT(thid_check_plausible(&id, "national_id", &e), ERR_INVALID);
	CHECK_STR(e.en, "digits 2-3 of the national ID (00) are not a province code");
	CHECK_STR(e.th, "หลักที่ 2-3 ของเลขประจำตัวประชาชน (00) ไม่ใช่รหัสจังหวัด");
}

static void test_domain_invalid(void)
{
	struct thid id;
	struct err e;

	err_init(&e);
	CHECK_INT(thid_parse("1101700123455", &id, "national_id", &e), ERR_INVALID);
	CHECK_STR(e.field, "national_id");
	CHECK_STR(e.en, "the national ID is not valid: the last (check) digit should be 6, not 5");
	CHECK_STR(e.th, "เลขประจำตัวประชาชนไม่ถูกต้อง: หลักสุดท้าย (เลขตรวจสอบ) ควรเป็น 6 ไม่ใช่ 5");
	CHECK_STR(id.digits, "");
	CHECK_INT(id.category, 0);

	/*
	 * DOMAIN.md says this one "expects 5"; the formula gives 3
	 * (sum 261, 261 mod 11 = 8, 11 - 8 = 3). Invalid either way.
	 */
	CHECK_INT(thid_parse("3101234567894", &id, "national_id", &e), ERR_INVALID);
	CHECK_INT(thid_check_digit("310123456789"), 3);
	CHECK_STR(e.en, "the national ID is not valid: the last (check) digit should be 3, not 4");

	CHECK_INT(thid_parse("110170012345", &id, "national_id", &e), ERR_INVALID);
	CHECK_STR(e.en, "the national ID must have 13 digits (got 12)");
	CHECK_STR(e.th, "เลขประจำตัวประชาชนต้องมี 13 หลัก (กรอกมา 12 หลัก)");

	CHECK_INT(thid_parse("11017001234A5", &id, "national_id", &e), ERR_INVALID);
	CHECK_STR(e.en, "the national ID may contain only digits (character 12 is not a digit)");
	CHECK_STR(e.th, "เลขประจำตัวประชาชนมีได้แต่ตัวเลข (ตัวที่ 12 ไม่ใช่ตัวเลข)");
}

static void test_checksum_passing_but_implausible(void)
{
	struct thid id;
	struct err e;

	err_init(&e);
	CHECK_INT(thid_parse("0000000000001", &id, "id", &e), 0);
	CHECK_INT(id.category, THID_CAT_NO_STATUS);
	CHECK_INT(id.statuses, THID_MAY_BE_STATELESS);
	CHECK_INT(id.flags, THID_FLAG_UNKNOWN_PROVINCE);
	CHECK_INT(thid_check_plausible(&id, "id", &e), ERR_INVALID);
	CHECK_STR(e.field, "id");

	/* Digit 1 = 9 is reserved: flagged; both flags when the province is bad too. */
	CHECK_INT(thid_parse(with_check("910170012345"), &id, "id", &e), 0);
	CHECK_INT(id.category, THID_CAT_RESERVED);
	CHECK_INT(id.statuses, 0);
	CHECK_INT(id.flags, THID_FLAG_RESERVED);
	CHECK_INT(thid_check_plausible(&id, "id", &e), ERR_INVALID);
	CHECK_STR(e.en, "national IDs starting with 9 are reserved and not issued to the public");
	CHECK_INT(thid_parse(with_check("999999999999"), &id, "id", &e), 0);
	CHECK_INT(id.flags, THID_FLAG_RESERVED | THID_FLAG_UNKNOWN_PROVINCE);
}

static void test_normalize(void)
{
	char d[THID_LEN + 1];
	struct err e;

	err_init(&e);
	CHECK_INT(thid_normalize("1-1017-00123-45-6", d, "id", &e), 0);
	CHECK_STR(d, "1101700123456");
	CHECK_INT(thid_normalize(" 1 1017 00123 45 6 ", d, "id", &e), 0);
	CHECK_STR(d, "1101700123456");
	CHECK_INT(thid_normalize("--1101700123456--", d, "id", &e), 0);
	CHECK_STR(d, "1101700123456");

	CHECK_INT(thid_normalize("", d, "id", &e), ERR_INVALID);
	CHECK_STR(e.en, "enter the 13-digit national ID");
	CHECK_STR(d, "");
	CHECK_INT(thid_normalize(" - - ", d, "id", &e), ERR_INVALID);
	CHECK_STR(e.en, "enter the 13-digit national ID");
	CHECK_INT(thid_normalize("11017001234567", d, "id", &e), ERR_INVALID);
	CHECK_STR(e.en, "the national ID must have 13 digits (got 14)");
	CHECK_STR(d, "");
	CHECK_INT(thid_normalize("110170012345678901234567890", d, "id", &e), ERR_INVALID);
	CHECK_STR(e.en, "the national ID must have 13 digits (got 27)");

	/* Only space and hyphen are separators. */
	CHECK_INT(thid_normalize("1\t101700123456", d, "id", &e), ERR_INVALID);
	CHECK_STR(e.en, "the national ID may contain only digits (character 2 is not a digit)");
	CHECK_INT(thid_normalize("1.101700123456", d, "id", &e), ERR_INVALID);
	CHECK_INT(thid_normalize("1\xE2\x80\x93" "101700123456", d, "id", &e), ERR_INVALID); /* en dash */
	CHECK_INT(thid_normalize("1101700123456\n", d, "id", &e), ERR_INVALID);
	CHECK_INT(thid_normalize("+1101700123456", d, "id", &e), ERR_INVALID);

	/* Thai digits get their own message; bad UTF-8 is reported by byte. */
	CHECK_INT(thid_normalize("๑๑๐๑๗๐๐๑๒๓๔๕๖", d, "id", &e), ERR_INVALID);
	CHECK_STR(e.en, "write the national ID with the digits 0-9 (character 1 is a Thai digit)");
	CHECK_INT(thid_normalize("11\xFF", d, "id", &e), ERR_INVALID);
	CHECK_STR(e.en, "the national ID has an unreadable character at byte 3");
	CHECK_INT(thid_normalize("1101700123456\xE0\xB8", d, "id", &e), ERR_INVALID);
	CHECK_INT(thid_normalize("1101700123456", d, "id", NULL), 0);
}

static void test_categories(void)
{
	static const struct {
		const char *d12;
		enum thid_category cat;
		unsigned statuses;
	} cases[] = {
		{ "010170089123", THID_CAT_NO_STATUS, THID_MAY_BE_STATELESS },
		{ "110170012345", THID_CAT_BIRTH, THID_MAY_BE_THAI },
		{ "210170012345", THID_CAT_LATE_BIRTH, THID_MAY_BE_THAI },
		{ "310170012345", THID_CAT_REGISTER_1984, THID_MAY_BE_THAI | THID_MAY_BE_LEGACY_ALIEN },
		{ "410170012345", THID_CAT_MOVED_IN, THID_MAY_BE_THAI | THID_MAY_BE_LEGACY_ALIEN },
		{ "510170012345", THID_CAT_ADDED_LATER, THID_MAY_BE_THAI },
		{ "610170012345", THID_CAT_ENTRANT, THID_MAY_BE_NON_THAI },
		{ "710170012345", THID_CAT_CHILD_OF_6, THID_MAY_BE_NON_THAI },
		{ "810170012345", THID_CAT_ALIEN, THID_MAY_BE_ALIEN_RESIDENT | THID_MAY_BE_NATURALISED },
		{ "910170012345", THID_CAT_RESERVED, 0 },
	};
	struct thid id;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		REQUIRE(thid_parse(with_check(cases[i].d12), &id, "id", NULL) == 0);
		CHECK_INT(id.category, cases[i].cat);
		CHECK_INT(id.statuses, cases[i].statuses);
		CHECK(thid_category_name(id.category, true)[0] != '\0');
		CHECK(thid_category_name(id.category, false)[0] != '\0');
	}
	/* Several statuses means "cannot tell": 3 and 8 never say nationality alone. */
	REQUIRE(thid_parse("3101000000081", &id, "id", NULL) == 0);
	CHECK(id.statuses & THID_MAY_BE_THAI);
	CHECK(id.statuses & THID_MAY_BE_LEGACY_ALIEN);
	CHECK_STR(thid_category_name(THID_CAT_ALIEN, false), "alien resident, or naturalised Thai");
	CHECK_STR(thid_status_name(THID_MAY_BE_STATELESS, true), "ไม่มีสถานะทางทะเบียน");
	CHECK_STR(thid_status_name(THID_MAY_BE_NATURALISED, false), "naturalised Thai");
	CHECK_STR(thid_status_name((enum thid_status)(1u << 9), false), "");
	CHECK_STR(thid_category_name((enum thid_category)42, true), "");
}

static void test_hints(void)
{
	struct thid id;

	/* 0 with "89" at digits 6-7: the 2005 stateless survey. */
	REQUIRE(thid_parse(with_check("050018912345"), &id, "id", NULL) == 0);
	CHECK_INT(id.hints, THID_HINT_SURVEY_2005);
	REQUIRE(thid_parse(with_check("050018812345"), &id, "id", NULL) == 0);
	CHECK_INT(id.hints, 0);
	/* 5/6/8 with 50-72: a minority group; 6 with 00: a visa holder. */
	REQUIRE(thid_parse(with_check("557015012345"), &id, "id", NULL) == 0);
	CHECK_INT(id.hints, THID_HINT_MINORITY);
	REQUIRE(thid_parse(with_check("657017212345"), &id, "id", NULL) == 0);
	CHECK_INT(id.hints, THID_HINT_MINORITY);
	REQUIRE(thid_parse(with_check("857014912345"), &id, "id", NULL) == 0);
	CHECK_INT(id.hints, 0);
	REQUIRE(thid_parse(with_check("857017312345"), &id, "id", NULL) == 0);
	CHECK_INT(id.hints, 0);
	REQUIRE(thid_parse(with_check("657010012345"), &id, "id", NULL) == 0);
	CHECK_INT(id.hints, THID_HINT_VISA);
	/* The same digits under other categories mean nothing. */
	REQUIRE(thid_parse(with_check("157015012345"), &id, "id", NULL) == 0);
	CHECK_INT(id.hints, 0);
	REQUIRE(thid_parse(with_check("150018912345"), &id, "id", NULL) == 0);
	CHECK_INT(id.hints, 0);
	REQUIRE(thid_parse(with_check("757010012345"), &id, "id", NULL) == 0);
	CHECK_INT(id.hints, 0);
}

static void test_provinces(void)
{
	int code, known = 0;

	for (code = -5; code < 120; code++)
		known += thid_province_known(code);
	CHECK_INT(known, 77);
	CHECK(thid_province_known(10));
	CHECK(thid_province_known(38)); /* Bueng Kan */
	CHECK(thid_province_known(96));
	CHECK(!thid_province_known(0));
	CHECK(!thid_province_known(28));
	CHECK(!thid_province_known(59));
	CHECK(!thid_province_known(68));
	CHECK(!thid_province_known(78));
	CHECK(!thid_province_known(87));
	CHECK(!thid_province_known(97));
	CHECK(!thid_province_known(99));
}

static void test_one_check_digit(void)
{
	/* For any 12 digits exactly one of the ten last digits is valid. */
	char s[THID_LEN + 1];
	unsigned x = 12345;
	int i, k, valid;

	for (k = 0; k < 2000; k++) {
		for (i = 0; i < 12; i++) {
			x = x * 1103515245u + 12345u;
			s[i] = (char)('0' + (x >> 16) % 10);
		}
		s[13] = '\0';
		valid = 0;
		for (i = 0; i < 10; i++) {
			struct thid id;

			s[12] = (char)('0' + i);
			if (thid_parse(s, &id, "id", NULL) == 0) {
				valid++;
				CHECK_INT(i, thid_check_digit(s));
			}
		}
		CHECK_INT(valid, 1);
	}
}

static void test_format(void)
{
	struct thid id;
	struct buf b;
	struct err e;

	err_init(&e);
	buf_init(&b, 0);
	REQUIRE(thid_parse("1101700123456", &id, "id", &e) == 0);
	CHECK_INT(thid_format(&id, &b, &e), 0);
	CHECK_STR(b.ptr, "1-1017-00123-45-6");
	buf_reset(&b);
	REQUIRE(thid_parse("3 5099 00123 45 0", &id, "id", &e) == 0);
	CHECK_INT(thid_format(&id, &b, &e), 0);
	CHECK_STR(b.ptr, "3-5099-00123-45-0");
	/* The formatted form parses back to the same number. */
	{
		struct thid again;

		CHECK_INT(thid_parse(b.ptr, &again, "id", &e), 0);
		CHECK_STR(again.digits, id.digits);
	}
	buf_release(&b);

	buf_init(&b, 10);
	CHECK_INT(thid_format(&id, &b, &e), ERR_TOO_LARGE);
	CHECK_STR(b.ptr, "");
	buf_release(&b);
}

int main(void)
{
	RUN(test_domain_valid);
	RUN(test_domain_invalid);
	RUN(test_checksum_passing_but_implausible);
	RUN(test_normalize);
	RUN(test_categories);
	RUN(test_hints);
	RUN(test_provinces);
	RUN(test_one_check_digit);
	RUN(test_format);
	return test_summary("thid");
}
