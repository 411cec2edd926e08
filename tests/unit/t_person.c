/* Unit tests for core/person: validation, ages, target groups, age bands, needs. */
#include "test.h"
#include "core/person.h"

static const struct date today = { 2026, 11, 22 };

static struct person_in base(void)
{
	struct person_in in;

	memset(&in, 0, sizeof(in));
	in.national_id = "1-1017-00123-45-6";
	in.title = "นาย";
	in.given_name = "สมชาย";
	in.family_name = "ใจดี";
	in.sex = "M";
	in.birth_date = "5/1/2498";
	in.nationality = "TH";
	in.reg_status = "house";
	in.area = "500101";
	in.house_no = "12/3";
	in.phone = "+66 81 234 5678";
	return in;
}

static void test_valid_person(void)
{
	struct person_in in = base();
	struct person p;
	struct err e;

	person_init(&p);
	REQUIRE(person_validate(&in, today, &p, &e) == 0);
	CHECK_STR(p.national_id, "1101700123456");
	CHECK_INT(p.id_category, 1);
	CHECK_INT(p.birth.y, 1955);
	CHECK_INT(p.birth.m, 1);
	CHECK_INT(p.birth.d, 5);
	CHECK_STR(p.phone, "0812345678");
	CHECK_STR(p.name_key, "สมชายใจดี");
	CHECK_INT(person_age(&p, today), 71);
	CHECK_INT(p.sex, SEX_MALE);
	person_release(&p);
}

static void test_people_without_ids(void)
{
	struct person_in in = base();
	struct person p;
	struct err e;

	person_init(&p);
	in.national_id = NULL;
	in.nationality = "XX";
	in.reg_status = "none";
	in.family_name = "";
	REQUIRE(person_validate(&in, today, &p, &e) == 0);
	CHECK_STR(p.national_id, "");
	CHECK_INT(p.id_category, -1);
	CHECK_INT(p.reg_status, REG_NONE);
	CHECK_STR(p.nationality, "XX");
	person_release(&p);
	in.national_id = "0-0000-89123-45-1"; /* category 0: no status; valid checksum? */
	if (person_validate(&in, today, &p, &e) == 0) {
		CHECK_INT(p.id_category, 0);
		person_release(&p);
	} else {
		CHECK_STR(e.field, "national_id");
	}
}

static void expect_field(struct person_in in, const char *field)
{
	struct person p;
	struct err e;

	person_init(&p);
	err_init(&e);
	CHECK_INT(person_validate(&in, today, &p, &e), ERR_INVALID);
	if (strcmp(e.field, field))
		fprintf(stderr, "  field %s, wanted %s (%s)\n", e.field, field, e.en);
	CHECK_STR(e.field, field);
	CHECK(e.th[0] && e.en[0]);
	CHECK(p.given_name == NULL);
}

static void test_bad_input(void)
{
	struct person_in in;

	in = base(); in.national_id = "1101700123455"; expect_field(in, "national_id");
	in = base(); in.national_id = "11017001234"; expect_field(in, "national_id");
	in = base(); in.given_name = ""; expect_field(in, "given_name");
	in = base(); in.given_name = " สมชาย"; expect_field(in, "given_name");
	in = base(); in.given_name = "สม\nชาย"; expect_field(in, "given_name");
	in = base(); in.sex = "X"; expect_field(in, "sex");
	in = base(); in.birth_date = "31/4/2568"; expect_field(in, "birth_date");
	in = base(); in.birth_date = "29/2/2566"; expect_field(in, "birth_date"); /* 2023: no 29 Feb */
	in = base(); in.birth_date = "1/1/2570"; expect_field(in, "birth_date"); /* future */
	in = base(); in.birth_date = "1/1/2400"; expect_field(in, "birth_date");
	in = base(); in.death_date = "1/1/2490"; expect_field(in, "death_date"); /* before birth */
	in = base(); in.nationality = "thai"; expect_field(in, "nationality");
	in = base(); in.reg_status = "blue"; expect_field(in, "reg_status");
	in = base(); in.area = "50"; expect_field(in, "area");
	in = base(); in.area = ""; expect_field(in, "area");
	in = base(); in.cur_area = "5001"; expect_field(in, "cur_area");
	in = base(); in.phone = "12345"; expect_field(in, "phone");
}

static void test_leap_birth(void)
{
	struct person_in in = base();
	struct person p;
	struct err e;

	person_init(&p);
	in.birth_date = "29/2/2507"; /* 29 Feb 1964 */
	REQUIRE(person_validate(&in, today, &p, &e) == 0);
	CHECK_INT(person_age(&p, (struct date){ 2024, 2, 28 }), 59);
	CHECK_INT(person_age(&p, (struct date){ 2024, 2, 29 }), 60);
	CHECK_INT(person_age(&p, (struct date){ 2025, 2, 28 }), 60);
	CHECK_INT(person_age(&p, (struct date){ 2023, 2, 28 }), 58);
	CHECK_INT(person_age(&p, (struct date){ 2023, 3, 1 }), 59);
	person_release(&p);
}

static void test_groups(void)
{
	struct person p;

	person_init(&p);
	p.birth = (struct date){ 1966, 11, 22 };
	CHECK_INT(person_groups(&p, 0, (struct date){ 2026, 11, 21 }), GROUP_WORKING_AGE);
	CHECK_INT(person_groups(&p, 0, today), GROUP_ELDERLY);
	CHECK_INT(person_groups(&p, 1u << NEED_DISABILITY, today), GROUP_ELDERLY | GROUP_DISADVANTAGED);
	CHECK_INT(person_groups(&p, 1u << NEED_WELFARE_CARD, today), GROUP_ELDERLY);
	p.birth = (struct date){ 2001, 11, 23 };
	CHECK_INT(person_groups(&p, 0, today), GROUP_CHILD_YOUTH);
	p.birth = (struct date){ 2001, 11, 22 };
	CHECK_INT(person_groups(&p, 0, today), GROUP_WORKING_AGE);
	p.death = (struct date){ 2026, 1, 1 };
	CHECK_INT(person_groups(&p, 0, today), 0);
	CHECK(!person_alive(&p, today));
	CHECK(person_alive(&p, (struct date){ 2025, 12, 31 }));
	p.birth.y = 0;
	p.death.y = 0;
	CHECK_INT(person_groups(&p, 1u << NEED_ORPHAN, today), GROUP_DISADVANTAGED);
	CHECK_INT(person_age(&p, today), -1);
}

static void test_bands(void)
{
	CHECK_INT(age_band(0), 0);
	CHECK_INT(age_band(4), 0);
	CHECK_INT(age_band(5), 1);
	CHECK_INT(age_band(79), 15);
	CHECK_INT(age_band(80), 16);
	CHECK_INT(age_band(104), 16);
	CHECK_INT(age_band(-1), -1);
	CHECK_STR(age_band_label(16), "80+");
	CHECK_STR(age_band_label(12), "60-64");
}

static void test_needs(void)
{
	struct need_in in;
	struct need n;
	struct err e;

	memset(&n, 0, sizeof(n));
	memset(&in, 0, sizeof(in));
	in.kind = "disability";
	in.observed_on = "1/10/2569";
	in.disability_type = "physical";
	REQUIRE(need_validate(&in, today, &n, &e) == 0);
	CHECK(need_kind_sensitive(n.kind));
	CHECK(need_disability_without_card(&n, today));
	CHECK(need_active(&n, today));
	CHECK(!need_active(&n, (struct date){ 2026, 9, 30 }));
	in.card_no = "1234567890123";
	in.card_issued = "1/1/2565";
	in.card_expires = "1/1/2569";
	REQUIRE(need_validate(&in, today, &n, &e) == 0);
	CHECK(need_disability_without_card(&n, today)); /* expired */
	CHECK(!need_disability_without_card(&n, (struct date){ 2025, 6, 1 }));
	in.card_expires = "1/1/2564";
	CHECK_INT(need_validate(&in, today, &n, &e), ERR_INVALID);
	CHECK_STR(e.field, "card_expires");
	memset(&in, 0, sizeof(in));
	in.kind = "welfare_card";
	in.observed_on = "2026-01-01";
	in.ended_on = "2025-01-01";
	CHECK_INT(need_validate(&in, today, &n, &e), ERR_INVALID);
	CHECK_STR(e.field, "ended_on");
	in.ended_on = NULL;
	in.card_no = "123";
	CHECK_INT(need_validate(&in, today, &n, &e), ERR_INVALID);
	in.card_no = NULL;
	in.kind = "wizardry";
	CHECK_INT(need_validate(&in, today, &n, &e), ERR_INVALID);
	CHECK_STR(e.field, "kind");
	in.kind = "orphan";
	in.observed_on = NULL;
	CHECK_INT(need_validate(&in, today, &n, &e), ERR_INVALID);
	CHECK_STR(e.field, "observed_on");
	in.observed_on = "2026-01-01";
	in.source = "gossip";
	CHECK_INT(need_validate(&in, today, &n, &e), ERR_INVALID);
	CHECK_STR(e.field, "source");
	need_release(&n);
}

static void test_codes(void)
{
	int k;

	for (k = 1; k < NEED_COUNT; k++) {
		CHECK_INT(need_kind_parse(need_kind_code((enum need_kind)k)), k);
		CHECK(need_kind_name((enum need_kind)k, true)[0]);
		CHECK(need_kind_name((enum need_kind)k, false)[0]);
	}
	CHECK_INT(need_kind_parse("nope"), -1);
	CHECK_STR(target_group_name(GROUP_ELDERLY, true), "ผู้สูงอายุ");
	CHECK_INT(sex_parse("หญิง"), SEX_FEMALE);
	CHECK_INT(reg_status_parse("central"), REG_CENTRAL);
	CHECK_INT(relation_check("spouse", NULL), 0);
	CHECK_INT(relation_check("boss", NULL), ERR_INVALID);
}

int main(void)
{
	RUN(test_valid_person);
	RUN(test_people_without_ids);
	RUN(test_bad_input);
	RUN(test_leap_birth);
	RUN(test_groups);
	RUN(test_bands);
	RUN(test_needs);
	RUN(test_codes);
	return test_summary("person");
}
