/*
 * The pure rules of welfare assemblies (core/assembly): levels against
 * areas, the proposal's road one state at a time, the quota an area of
 * origin falls under (the most specific), times and text bounds.
 */
#include "test.h"
#include "core/assembly.h"

static void test_levels(void)
{
	struct err e;

	CHECK(asm_level_check("province", "56", NULL, &e) == 0);
	CHECK(asm_level_check("district", "5601", NULL, &e) == 0);
	CHECK(asm_level_check("tambon", "560101", NULL, &e) == 0);
	CHECK(asm_level_check("tambon", "5601", NULL, &e) == ERR_INVALID);
	CHECK_STR(e.field, "area");
	CHECK(asm_level_check("province", "TH", NULL, &e) == ERR_INVALID);
	CHECK(asm_level_check("national", "TH", NULL, &e) == 0);
	CHECK(asm_level_check("national", "56", NULL, &e) == ERR_INVALID);
	CHECK(asm_level_check("cluster", "TH", "C16", &e) == 0);
	CHECK(asm_level_check("cluster", "TH", "", &e) == ERR_INVALID);
	CHECK_STR(e.field, "group_code");
	CHECK(asm_level_check("region", "TH", "north", &e) == 0);
	CHECK(asm_level_check("village", "56010101", NULL, &e) == ERR_INVALID);
	CHECK(asm_level_check(NULL, "56", NULL, &e) == ERR_INVALID);
	CHECK_STR(e.field, "level");
}

static void test_road(void)
{
	struct err e;

	CHECK(asm_step_check("proposed", "submitted", &e) == 0);
	CHECK(asm_step_check("submitted", "adopted", &e) == 0);
	CHECK(asm_step_check("adopted", "funded", &e) == 0);
	CHECK(asm_step_check("funded", "implemented", &e) == 0);
	/* No skipping, no going back. */
	CHECK(asm_step_check("proposed", "adopted", &e) == ERR_CONFLICT);
	CHECK(strstr(e.en, "\"Submitted\"") != NULL);
	CHECK(strstr(e.th, "ยื่นต่อหน่วยงานแล้ว") != NULL);
	CHECK(asm_step_check("submitted", "implemented", &e) == ERR_CONFLICT);
	CHECK(asm_step_check("adopted", "submitted", &e) == ERR_CONFLICT);
	CHECK(asm_step_check("proposed", "proposed", &e) == ERR_CONFLICT);
	/* Declined ends any open state, and nothing follows an end. */
	CHECK(asm_step_check("proposed", "declined", &e) == 0);
	CHECK(asm_step_check("funded", "declined", &e) == 0);
	CHECK(asm_step_check("implemented", "declined", &e) == ERR_CONFLICT);
	CHECK(asm_step_check("declined", "submitted", &e) == ERR_CONFLICT);
	CHECK(asm_step_check("proposed", "teleported", &e) == ERR_INVALID);
	CHECK_STR(asm_next_status("proposed"), "submitted");
	CHECK_STR(asm_next_status("funded"), "implemented");
	CHECK_STR(asm_next_status("implemented"), "");
	CHECK_STR(asm_next_status("declined"), "");
	CHECK(asm_status_final("declined"));
	CHECK(!asm_status_final("adopted"));
	CHECK_INT(asm_status_rank("adopted"), 2);
	CHECK_INT(asm_status_rank("nope"), -1);
}

static void test_quota_of(void)
{
	const char *areas[] = { "5601", "560101", "56", "TH" };
	const char *tambons[] = { "560101", "560102" };

	CHECK_INT(asm_quota_of(areas, 4, "560101"), 1);   /* the tambon's own */
	CHECK_INT(asm_quota_of(areas, 4, "56010105"), 1); /* a village of it */
	CHECK_INT(asm_quota_of(areas, 4, "560102"), 0);   /* the district's */
	CHECK_INT(asm_quota_of(areas, 4, "560201"), 2);   /* the province's */
	CHECK_INT(asm_quota_of(areas, 4, "500101"), 3);   /* the nation's */
	CHECK_INT(asm_quota_of(tambons, 2, "560103"), -1);
	CHECK_INT(asm_quota_of(tambons, 2, "5601"), -1);  /* a district is not inside a tambon */
	CHECK_INT(asm_quota_of(tambons, 0, "560101"), -1);
}

static void test_text_and_time(void)
{
	struct err e;
	char big[600];

	CHECK(asm_check_time("09:30", "t", &e) == 0);
	CHECK(asm_check_time("", "t", &e) == 0);
	CHECK(asm_check_time("24:00", "t", &e) == ERR_INVALID);
	CHECK(asm_check_time("9:30", "t", &e) == ERR_INVALID);
	CHECK(asm_check_time("09:60", "t", &e) == ERR_INVALID);
	CHECK(asm_check_text("สมัชชา", 500, true, false, "title", &e) == 0);
	CHECK(asm_check_text("", 500, true, false, "title", &e) == ERR_INVALID);
	CHECK(asm_check_text(NULL, 500, false, false, "title", &e) == 0);
	CHECK(asm_check_text("a\nb", 500, true, false, "title", &e) == ERR_INVALID);
	CHECK(asm_check_text("a\nb", 500, true, true, "text", &e) == 0);
	CHECK(asm_check_text("\xff\xfe", 500, true, true, "text", &e) == ERR_INVALID);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK(asm_check_text(big, 500, true, false, "title", &e) == ERR_INVALID);
	CHECK(asm_code_check(asm_roles, "speaker", "role", "บทบาท", "role", &e) == 0);
	CHECK(asm_code_check(asm_roles, "king", "role", "บทบาท", "role", &e) == ERR_INVALID);
	CHECK(strstr(e.en, "invalid role") != NULL);
	CHECK_STR(asm_code_name(asm_target_groups, "elderly", true), "ผู้สูงอายุ");
	CHECK_STR(asm_code_name(asm_target_groups, "elderly", false), "Elderly");
}

int main(void)
{
	RUN(test_levels);
	RUN(test_road);
	RUN(test_quota_of);
	RUN(test_text_and_time);
	return test_summary("assembly");
}
