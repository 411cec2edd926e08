/*
 * Unit tests for core/rules (the eligibility and amount language) and
 * core/program (pillars, codes, versions and the state programs' texts):
 * every construct of the grammar, compile errors with their positions, the
 * three state programs at their boundaries (DOMAIN.md rule 5, 29 February
 * birthdays, the 2023 income test), explanations in both languages, and
 * batch evaluation equal to the scalar one on thousands of random people.
 */
#include "test.h"
#include "core/program.h"
#include "core/rules.h"
#include "core/thtext.h"

static struct date D(int y, int m, int d)
{
	return (struct date){ y, m, d };
}

/* A Thai person in a house register in village 50010106 (Chiang Mai), alive,
 * nothing else known. */
static struct rules_person person(struct date birth)
{
	struct rules_person p;

	memset(&p, 0, sizeof(p));
	p.birth = birth;
	p.income = RULES_INCOME_UNKNOWN;
	memcpy(p.area, "50010106", 9);
	p.sex = SEX_FEMALE;
	p.nationality = RULES_NAT_THAI;
	p.reg = REG_HOUSE;
	return p;
}

static const char *const programs[] = { "old_age", "disability", "child_support", "top_up" };

static struct rules_env env_on(struct date on)
{
	return (struct rules_env){ on, "5001", programs, ARRAY_SIZE(programs) };
}

static struct rules_prog *compile(const char *text)
{
	struct rules_prog *p = NULL;
	struct err e;

	err_init(&e);
	if (rules_compile(text, strlen(text), &p, &e))
		fprintf(stderr, "  compile failed: %s\n  %s\n", e.en, text);
	return p;
}

static struct rules_prog *seed(const char *code, const char *effective)
{
	const struct program_seed *s;
	size_t i;

	for (i = 0; (s = program_seed(i)); i++)
		if (!strcmp(s->code, code) && !strcmp(s->effective, effective))
			return compile(s->rules);
	return NULL;
}

/* Evaluates p for one person both ways; checks they agree; returns the scalar result. */
static struct rules_result eval2(const struct rules_prog *p, const struct rules_env *env,
				 const struct rules_person *per)
{
	struct rules_result r;
	int32_t birth, death, registered, income, area, amount = -1;
	uint32_t needs, cards;
	uint64_t enrolled;
	uint8_t sex, nat, reg, flags, fail = 255;
	struct rules_batch b = { &birth, &death, &registered, &income, &area, &needs, &cards,
				 &enrolled, &sex, &nat, &reg, &flags };
	struct err e;

	err_init(&e);
	CHECK_INT(rules_eval_one(p, env, per, &r, &e), 0);
	rules_batch_set(&b, 0, per);
	CHECK_INT(rules_eval_batch(p, env, &b, 1, &amount, &fail, &e), 0);
	CHECK_INT(amount, r.amount);
	CHECK_INT(fail, r.fail);
	CHECK(r.eligible == (r.fail == 0));
	return r;
}

/* The three-valued result of one condition for a person: 1 true, 0 false, 2 unknown. */
static int cond(const char *expr, const struct rules_person *per, struct date on)
{
	char text[1024];
	struct rules_prog *p;
	struct rules_env env = env_on(on);
	struct rules_result r;

	snprintf(text, sizeof(text), "require %s \"ทดสอบ\" \"test\"", expr);
	p = compile(text);
	if (!p)
		return -1;
	r = eval2(p, &env, per);
	rules_free(p);
	return r.eligible ? 1 : r.fail_unknown ? 2 : 0;
}

static const char *explain(const struct rules_prog *p, struct date on,
			   const struct rules_person *per, bool thai)
{
	static struct buf b;
	struct rules_env env = env_on(on);
	struct err e;

	buf_release(&b);
	buf_init(&b, 0);
	err_init(&e);
	CHECK_INT(rules_explain(p, &env, per, thai, &b, &e), 0);
	CHECK(thtext_utf8_valid(b.ptr, b.len));
	return b.ptr;
}

/* The first line of the explanation. */
static const char *summary(const struct rules_prog *p, struct date on,
			   const struct rules_person *per, bool thai)
{
	static char line[512];
	const char *s = explain(p, on, per, thai);
	size_t n = strcspn(s, "\n");

	snprintf(line, sizeof(line), "%.*s", (int)n, s);
	return line;
}

/* ---- the grammar, construct by construct ---- */

static void test_age(void)
{
	struct rules_person p = person(D(1965, 6, 15));
	struct date on = D(2025, 6, 15); /* exactly 60 */

	CHECK_INT(cond("age >= 60", &p, on), 1);
	CHECK_INT(cond("age > 60", &p, on), 0);
	CHECK_INT(cond("age = 60", &p, on), 1);
	CHECK_INT(cond("age == 60", &p, on), 1);
	CHECK_INT(cond("age != 60", &p, on), 0);
	CHECK_INT(cond("age < 61", &p, on), 1);
	CHECK_INT(cond("age <= 59", &p, on), 0);
	CHECK_INT(cond("age ≥ 60", &p, on), 1);
	CHECK_INT(cond("age ≤ 60", &p, on), 1);
	CHECK_INT(cond("age ≠ 60", &p, on), 0);
	CHECK_INT(cond("age between 60 and 69", &p, on), 1);
	CHECK_INT(cond("age between 61 and 69", &p, on), 0);
	CHECK_INT(cond("age not between 0 and 59", &p, on), 1);
	CHECK_INT(cond("age on 2025-06-14 >= 60", &p, on), 0);
	CHECK_INT(cond("age on 14/6/2568 = 59", &p, on), 1);
	CHECK_INT(cond("age is known", &p, on), 1);
	CHECK_INT(cond("age is unknown", &p, on), 0);
	CHECK_INT(cond("age is not known", &p, on), 0);
	/* The day before the birthday. */
	CHECK_INT(cond("age >= 60", &p, D(2025, 6, 14)), 0);
	/* Unknown: no birth date, or a date before birth. Unknown survives "not". */
	p.birth = D(0, 0, 0);
	CHECK_INT(cond("age >= 60", &p, on), 2);
	CHECK_INT(cond("age < 60", &p, on), 2);
	CHECK_INT(cond("not age < 60", &p, on), 2);
	CHECK_INT(cond("not (age < 60 or age >= 60)", &p, on), 2);
	CHECK_INT(cond("age is unknown", &p, on), 1);
	CHECK_INT(cond("not age is known", &p, on), 1);
	CHECK_INT(cond("age is unknown or age >= 60", &p, on), 1);
	p.birth = D(2026, 1, 1);
	CHECK_INT(cond("age >= 0", &p, on), 2);
	p.birth = D(2023, 2, 30); /* invalid: unknown */
	CHECK_INT(cond("age is known", &p, on), 0);
}

static void test_dates(void)
{
	struct rules_person p = person(D(1950, 1, 1));
	struct date on = D(2025, 1, 1);

	p.registered = D(2023, 8, 11);
	CHECK_INT(cond("registered < 2023-08-12", &p, on), 1);
	CHECK_INT(cond("registered < 12/8/2566", &p, on), 1);
	CHECK_INT(cond("registered >= 2023-8-12", &p, on), 0);
	CHECK_INT(cond("registered between 2023-01-01 and 2023-12-31", &p, on), 1);
	CHECK_INT(cond("registered = 2023-08-11", &p, on), 1);
	p.registered = D(2023, 8, 12);
	CHECK_INT(cond("registered < 2023-08-12", &p, on), 0);
	p.registered = D(0, 0, 0);
	CHECK_INT(cond("registered < 2023-08-12", &p, on), 2);
	CHECK_INT(cond("registered >= 2023-08-12", &p, on), 2);
	CHECK_INT(cond("registered is unknown", &p, on), 1);
	CHECK_INT(cond("born < 1950-01-02", &p, on), 1);
	CHECK_INT(cond("born > 1/1/2493", &p, on), 0); /* B.E. 2493 = 1950 */
	CHECK_INT(cond("born is known", &p, on), 1);
}

static void test_income(void)
{
	struct rules_person p = person(D(1950, 1, 1));
	struct date on = D(2025, 1, 1);

	p.income = 10000000; /* 100,000 baht */
	CHECK_INT(cond("income_per_person <= 100,000 baht", &p, on), 1);
	CHECK_INT(cond("income_per_person <= 100000 baht", &p, on), 1);
	CHECK_INT(cond("income_per_person < 100,000 baht", &p, on), 0);
	CHECK_INT(cond("income_per_person < 100,000.01 baht", &p, on), 1);
	CHECK_INT(cond("income_per_person <= 99,999.99 บาท", &p, on), 0);
	CHECK_INT(cond("income_per_person = 10000000 satang", &p, on), 1);
	CHECK_INT(cond("income_per_person > 9999999 สตางค์", &p, on), 1);
	CHECK_INT(cond("income_per_person between 50,000 baht and 100,000 baht", &p, on), 1);
	CHECK_INT(cond("income_per_person is known", &p, on), 1);
	/* Compared in whole baht: 100,000.01 is 100,000; 100,001 is not. */
	p.income = 10000001;
	CHECK_INT(cond("income_per_person <= 100,000 baht", &p, on), 1);
	CHECK_INT(cond("income_per_person < 100,000.01 baht", &p, on), 1);
	CHECK_INT(cond("income_per_person > 100,000 baht", &p, on), 0);
	p.income = 10000100;
	CHECK_INT(cond("income_per_person <= 100,000 baht", &p, on), 0);
	CHECK_INT(cond("income_per_person <= 100,000.99 baht", &p, on), 0);
	CHECK_INT(cond("income_per_person >= 100,000.01 baht", &p, on), 1);
	CHECK_INT(cond("income_per_person between 100,000.01 baht and 100,001 baht", &p, on), 1);
	CHECK_INT(rules_income_baht(10000199), 100001);
	CHECK_INT(rules_income_baht(-1), -1);
	CHECK_INT(rules_income_baht(-100), -1);
	CHECK_INT(rules_income_baht(-101), -2);
	CHECK_INT(rules_income_baht(RULES_INCOME_UNKNOWN), RULES_BAHT_UNKNOWN);
	CHECK_INT(rules_income_baht(INT64_MAX), INT32_MAX);
	CHECK_INT(rules_income_baht(INT64_MIN + 1), INT32_MIN + 1);
	/* Clamped values still compare right with every literal. */
	p.income = INT64_MAX;
	CHECK_INT(cond("income_per_person > 1,000,000,000 baht", &p, on), 1);
	p.income = INT64_MIN + 1;
	CHECK_INT(cond("income_per_person < 0 baht", &p, on), 1);
	p.income = RULES_INCOME_UNKNOWN;
	CHECK_INT(cond("income_per_person <= 100,000 baht", &p, on), 2);
	CHECK_INT(cond("income_per_person > 100,000 baht", &p, on), 2);
	CHECK_INT(cond("income_per_person is unknown", &p, on), 1);
	CHECK_INT(cond("income_per_person is unknown or income_per_person < 1 baht", &p, on), 1);
	p.income = -500; /* a loss is a known value */
	CHECK_INT(cond("income_per_person < 0 baht", &p, on), 1);
	p.income = -1; /* rounded down: -1 baht */
	CHECK_INT(cond("income_per_person < 0 baht", &p, on), 1);
	CHECK_INT(cond("income_per_person >= 0 baht", &p, on), 0);
}

static void test_enums(void)
{
	struct rules_person p = person(D(1950, 1, 1));
	struct date on = D(2025, 1, 1);

	CHECK_INT(cond("sex = female", &p, on), 1);
	CHECK_INT(cond("sex != female", &p, on), 0);
	CHECK_INT(cond("sex = male", &p, on), 0);
	CHECK_INT(cond("sex in [male, female]", &p, on), 1);
	CHECK_INT(cond("sex not in male", &p, on), 1);
	CHECK_INT(cond("thai", &p, on), 1);
	CHECK_INT(cond("nationality = thai", &p, on), 1);
	CHECK_INT(cond("nationality in [foreign, stateless]", &p, on), 0);
	CHECK_INT(cond("registration = house", &p, on), 1);
	CHECK_INT(cond("registration in [central, none]", &p, on), 0);
	CHECK_INT(cond("registration is known", &p, on), 1);
	p.sex = SEX_UNKNOWN;
	p.nationality = RULES_NAT_UNKNOWN;
	p.reg = REG_UNKNOWN;
	CHECK_INT(cond("sex = female", &p, on), 2);
	CHECK_INT(cond("sex != female", &p, on), 2);
	CHECK_INT(cond("thai", &p, on), 2);
	CHECK_INT(cond("not thai", &p, on), 2);
	CHECK_INT(cond("nationality is unknown", &p, on), 1);
	CHECK_INT(cond("registration = house", &p, on), 2);
	CHECK_INT(cond("sex is unknown and registration is unknown", &p, on), 1);
	p.nationality = RULES_NAT_STATELESS;
	p.reg = REG_CENTRAL;
	CHECK_INT(cond("not thai", &p, on), 1);
	CHECK_INT(cond("nationality = stateless", &p, on), 1);
	CHECK_INT(cond("registration in [central, none]", &p, on), 1);
	p.nationality = (enum rules_nationality)77; /* out of range: unknown */
	CHECK_INT(cond("thai or not thai", &p, on), 2);
	CHECK_INT(rules_nationality_of("TH"), RULES_NAT_THAI);
	CHECK_INT(rules_nationality_of("XX"), RULES_NAT_STATELESS);
	CHECK_INT(rules_nationality_of("MM"), RULES_NAT_FOREIGN);
	CHECK_INT(rules_nationality_of(""), RULES_NAT_UNKNOWN);
	CHECK_INT(rules_nationality_of(NULL), RULES_NAT_UNKNOWN);
}

static void test_area(void)
{
	struct rules_person p = person(D(1950, 1, 1));
	struct date on = D(2025, 1, 1);
	struct rules_env env = env_on(on);
	struct rules_prog *prog;
	struct rules_result r;

	CHECK_INT(cond("area in 50", &p, on), 1);
	CHECK_INT(cond("area in 5001", &p, on), 1);
	CHECK_INT(cond("area in 500101", &p, on), 1);
	CHECK_INT(cond("area in 50010106", &p, on), 1);
	CHECK_INT(cond("area in 50010107", &p, on), 0);
	CHECK_INT(cond("area in 5002", &p, on), 0);
	CHECK_INT(cond("area in [10, 5002, 5001]", &p, on), 1);
	CHECK_INT(cond("area not in [10, 5002]", &p, on), 1);
	CHECK_INT(cond("area in office", &p, on), 1); /* env office 5001 */
	CHECK_INT(cond("area is known", &p, on), 1);
	/* A tambon-level registration is not inside a village, and "00" pairs do not confuse prefixes. */
	memcpy(p.area, "500100", 7);
	CHECK_INT(cond("area in 50010006", &p, on), 0);
	CHECK_INT(cond("area in 500100", &p, on), 1);
	memcpy(p.area, "5001", 5);
	CHECK_INT(cond("area in 500100", &p, on), 0);
	CHECK_INT(cond("area in 5001", &p, on), 1);
	p.area[0] = '\0';
	CHECK_INT(cond("area in 50", &p, on), 2);
	CHECK_INT(cond("area not in 50", &p, on), 2);
	CHECK_INT(cond("area is unknown", &p, on), 1);
	memcpy(p.area, "99010101", 9); /* no such province: unknown */
	CHECK_INT(cond("area is known", &p, on), 0);
	/* The office comes from the environment; NULL and "TH" are the nation. */
	memcpy(p.area, "10010101", 9);
	prog = compile("require area in office \"ในเขต\" \"in the area\"");
	REQUIRE(prog);
	CHECK(rules_uses_office(prog));
	r = eval2(prog, &env, &p);
	CHECK(!r.eligible);
	env.office = "10";
	CHECK(eval2(prog, &env, &p).eligible);
	env.office = NULL;
	CHECK(eval2(prog, &env, &p).eligible);
	env.office = "TH";
	CHECK(eval2(prog, &env, &p).eligible);
	env.office = "10010101";
	CHECK(eval2(prog, &env, &p).eligible);
	env.office = "100101";
	CHECK(eval2(prog, &env, &p).eligible);
	p.area[0] = '\0';
	CHECK(!eval2(prog, &env, &p).eligible);
	rules_free(prog);
	/* Area numbers: padded code times four plus the level. */
	CHECK_INT(rules_area_number("50"), 50000000LL * 4);
	CHECK_INT(rules_area_number("5001"), 50010000LL * 4 + 1);
	CHECK_INT(rules_area_number("500101"), 50010100LL * 4 + 2);
	CHECK_INT(rules_area_number("50010106"), 50010106LL * 4 + 3);
	CHECK_INT(rules_area_number("TH"), RULES_AREA_UNKNOWN);
	CHECK_INT(rules_area_number(""), RULES_AREA_UNKNOWN);
	CHECK_INT(rules_area_number(NULL), RULES_AREA_UNKNOWN);
	CHECK_INT(rules_area_number("5"), RULES_AREA_UNKNOWN);
	CHECK_INT(rules_area_number("9901"), RULES_AREA_UNKNOWN);
}

static void test_alive_needs_flags(void)
{
	struct rules_person p = person(D(1950, 1, 1));
	struct date on = D(2025, 1, 1);

	CHECK_INT(cond("alive", &p, on), 1);
	p.death = D(2025, 1, 1); /* dead on the day: not alive */
	CHECK_INT(cond("alive", &p, on), 0);
	CHECK_INT(cond("not alive", &p, on), 1);
	p.death = D(2025, 1, 2);
	CHECK_INT(cond("alive", &p, on), 1);
	p.death = D(0, 0, 0);
	p.birth = D(2025, 1, 2); /* not yet born */
	CHECK_INT(cond("alive", &p, on), 0);
	p.birth = D(0, 0, 0); /* unknown birth counts as born */
	CHECK_INT(cond("alive", &p, on), 1);

	CHECK_INT(cond("need disability", &p, on), 0);
	CHECK_INT(cond("not need disability", &p, on), 1);
	p.needs = 1u << NEED_DISABILITY;
	CHECK_INT(cond("need disability", &p, on), 1);
	CHECK_INT(cond("need disability with card", &p, on), 0);
	CHECK_INT(cond("need disability without card", &p, on), 1);
	CHECK_INT(cond("not need disability without card", &p, on), 0);
	p.cards = 1u << NEED_DISABILITY;
	CHECK_INT(cond("need disability with card", &p, on), 1);
	CHECK_INT(cond("need disability without card", &p, on), 0);
	p.needs = 0; /* a card bit without the need does not count */
	CHECK_INT(cond("need disability with card", &p, on), 0);
	p.needs = 1u << NEED_WELFARE_CARD;
	CHECK_INT(cond("need welfare_card", &p, on), 1);
	CHECK_INT(cond("need bedridden or need welfare_card", &p, on), 1);

	CHECK_INT(cond("institution", &p, on), 0);
	p.flags = RULES_FLAG_INSTITUTION;
	CHECK_INT(cond("institution", &p, on), 1);
	CHECK_INT(cond("not institution", &p, on), 0);

	/* Enrolment: bit i is env.programs[i]. */
	p.enrolled = 1u << 1; /* disability */
	CHECK_INT(cond("enrolled disability", &p, on), 1);
	CHECK_INT(cond("enrolled old_age", &p, on), 0);
	CHECK_INT(cond("not enrolled old_age", &p, on), 1);
	CHECK_INT(cond("enrolled municipal_top_up", &p, on), 0); /* not in env: not enrolled */
}

static void test_groups_logic(void)
{
	struct rules_person p = person(D(2000, 7, 1));
	struct date on = D(2025, 6, 30); /* 24 */

	CHECK_INT(cond("group child_youth", &p, on), 1);
	CHECK_INT(cond("group working_age", &p, on), 0);
	CHECK_INT(cond("group working_age", &p, D(2025, 7, 1)), 1);
	CHECK_INT(cond("group elderly", &p, on), 0);
	CHECK_INT(cond("group disadvantaged", &p, on), 0);
	p.needs = 1u << NEED_ORPHAN;
	CHECK_INT(cond("group disadvantaged", &p, on), 1);
	p.needs = 1u << NEED_WELFARE_CARD; /* not a disadvantage kind */
	CHECK_INT(cond("group disadvantaged", &p, on), 0);

	/* and binds tighter than or; not tighter than and; parentheses; constants. */
	CHECK_INT(cond("true or false and false", &p, on), 1);
	CHECK_INT(cond("(true or false) and false", &p, on), 0);
	CHECK_INT(cond("not false and false", &p, on), 0);
	CHECK_INT(cond("not (false and false)", &p, on), 1);
	CHECK_INT(cond("not not true", &p, on), 1);
	CHECK_INT(cond("true", &p, on), 1);
	CHECK_INT(cond("false", &p, on), 0);
	/* Kleene: false and unknown is false; true or unknown is true. */
	p.income = RULES_INCOME_UNKNOWN;
	CHECK_INT(cond("false and income_per_person < 1 baht", &p, on), 0);
	CHECK_INT(cond("true or income_per_person < 1 baht", &p, on), 1);
	CHECK_INT(cond("true and income_per_person < 1 baht", &p, on), 2);
	CHECK_INT(cond("not (false or income_per_person < 1 baht)", &p, on), 2);
}

static void test_statements(void)
{
	static const char text[] =
		"# a comment\n"
		"require first: age >= 18 \"อายุ 18 ปีขึ้นไป\" \"aged 18 or over\"   # trailing\n"
		"require thai \"สัญชาติไทย\" \"Thai\" else \"ไม่ใช่คนไทย\" \"not Thai\"\n"
		"require true \"quoted \\\"x\\\" \\\\ ok\" \"en\"\n";
	struct rules_prog *p;
	const struct rules_item *it;

	/* Statements are free-form: one line may hold two. */
	p = compile("require age > 1 \"a\" \"b\" amount 5 baht");
	CHECK(p != NULL);
	rules_free(p);
	p = compile("require x: true \"ก\" \"a\"\nrequire false \"ข\" \"b\"\n"
		    "amount when age >= 70 then 700 baht \"อายุ {age} ปี: {amount}\" \"aged {age}: {amount}\"\n"
		    "       when age >= 60 then 600.50 baht\n"
		    "       else 0 baht \"อื่น ๆ\" \"other\"");
	REQUIRE(p);
	CHECK_INT(rules_require_count(p), 2);
	it = rules_require(p, 0);
	CHECK_STR(it->code, "x");
	CHECK_STR(it->th, "ก");
	CHECK_STR(it->en, "a");
	CHECK_STR(it->fail_th, "");
	CHECK_INT(it->line, 1);
	it = rules_require(p, 1);
	CHECK_STR(it->code, "r2");
	CHECK_INT(it->line, 2);
	CHECK(rules_require(p, 2) == NULL);
	CHECK(rules_require(p, -1) == NULL);
	CHECK_INT(rules_case_count(p), 3);
	CHECK_INT(rules_case(p, 0)->amount, 70000);
	CHECK_STR(rules_case(p, 0)->th, "อายุ {age} ปี: {amount}");
	CHECK_INT(rules_case(p, 1)->amount, 60050);
	CHECK_STR(rules_case(p, 1)->th, "");
	CHECK_INT(rules_case(p, 2)->amount, 0);
	CHECK_STR(rules_case(p, 2)->en, "other");
	CHECK_STR(rules_case(p, 2)->code, "");
	CHECK(rules_case(p, 3) == NULL);
	CHECK_INT(rules_columns(p), RULES_COL_BIRTH);
	CHECK_INT(rules_bytes_per_person(p), 4 + 5);
	CHECK(!rules_uses_office(p));
	rules_free(p);

	p = compile(text);
	REQUIRE(p);
	CHECK_INT(rules_require_count(p), 3);
	CHECK_STR(rules_require(p, 0)->code, "first");
	CHECK_STR(rules_require(p, 1)->fail_en, "not Thai");
	CHECK_STR(rules_require(p, 2)->th, "quoted \"x\" \\ ok");
	CHECK_INT(rules_require(p, 2)->line, 4);
	CHECK_INT(rules_case_count(p), 0);
	rules_free(p);

	/* A single amount, no requirements. */
	p = compile("amount 600 baht");
	REQUIRE(p);
	CHECK_INT(rules_require_count(p), 0);
	CHECK_INT(rules_case_count(p), 1);
	CHECK_INT(rules_columns(p), 0);
	CHECK_INT(rules_bytes_per_person(p), 5);
	rules_free(p);

	p = compile("require enrolled old_age or enrolled top_up or enrolled old_age \"ก\" \"a\"");
	REQUIRE(p);
	CHECK_STR(rules_enrolled_code(p, 0), "old_age");
	CHECK_STR(rules_enrolled_code(p, 1), "top_up");
	CHECK(rules_enrolled_code(p, 2) == NULL);
	CHECK_INT(rules_columns(p), RULES_COL_ENROLLED);
	CHECK_INT(rules_need_kinds(p), 0);
	rules_free(p);
	rules_free(NULL);

	/* The need kinds named, for a loader to read only those. */
	p = compile("require need disability with card or need bedridden \"ก\" \"a\"");
	REQUIRE(p);
	CHECK_INT(rules_need_kinds(p), (1u << NEED_DISABILITY) | (1u << NEED_BEDRIDDEN));
	rules_free(p);
	p = compile("require group disadvantaged \"ก\" \"a\"");
	REQUIRE(p);
	CHECK(rules_need_kinds(p) & (1u << NEED_ORPHAN));
	CHECK(!(rules_need_kinds(p) & (1u << NEED_WELFARE_CARD)));
	rules_free(p);
}

static void test_amount_cases(void)
{
	struct rules_prog *p = compile(
		"require age >= 60 \"อายุ 60 ปีขึ้นไป\" \"aged 60 or over\"\n"
		"amount when age >= 70 then 700 baht \"อายุ {age} ปี ได้ {amount}\" \"aged {age} gets {amount}\"\n"
		"       when income_per_person < 1 baht then 650.25 baht\n"
		"       else 600 baht \"อัตราปกติ\" \"standard rate\"");
	struct rules_person per = person(D(1950, 1, 1));
	struct rules_env env = env_on(D(2025, 1, 1));
	struct rules_result r;

	REQUIRE(p);
	r = eval2(p, &env, &per);
	CHECK(r.eligible);
	CHECK_INT(r.amount_case, 0);
	CHECK_INT(r.amount, 70000);
	CHECK_STR(summary(p, env.on, &per, true), "มีสิทธิ์: อายุ 75 ปี ได้ 700 บาท");
	CHECK_STR(summary(p, env.on, &per, false), "eligible: aged 75 gets 700 baht");
	per.birth = D(1960, 1, 1);
	per.income = 0;
	r = eval2(p, &env, &per);
	CHECK_INT(r.amount_case, 1);
	CHECK_INT(r.amount, 65025);
	CHECK_STR(summary(p, env.on, &per, true), "มีสิทธิ์: 650.25 บาท");
	per.income = RULES_INCOME_UNKNOWN; /* unknown does not pick a case */
	r = eval2(p, &env, &per);
	CHECK_INT(r.amount_case, 2);
	CHECK_INT(r.amount, 60000);
	CHECK_STR(summary(p, env.on, &per, false), "eligible: standard rate: 600 baht");
	per.birth = D(1970, 1, 1);
	r = eval2(p, &env, &per);
	CHECK(!r.eligible);
	CHECK_INT(r.amount, 0);
	CHECK_INT(r.amount_case, -1);
	rules_free(p);

	/* No amount statement: eligible for 0. */
	p = compile("require true \"ก\" \"a\"");
	REQUIRE(p);
	r = eval2(p, &env, &per);
	CHECK(r.eligible);
	CHECK_INT(r.amount, 0);
	CHECK_INT(r.amount_case, -1);
	CHECK_STR(summary(p, env.on, &per, true), "มีสิทธิ์");
	rules_free(p);
}

/* ---- compile errors ---- */

struct bad {
	const char *text;
	int line, col;
	const char *en, *th; /* substrings of the message after the position */
};

static const struct bad bads[] = {
	{ "require agee >= 60 \"ก\" \"a\"", 1, 9, "unknown variable 'agee' (did you mean 'age'?)",
	  "ไม่รู้จักตัวแปร 'agee' (หมายถึง 'age' หรือไม่)" },
	{ "require age >= 60 \"ก\" \"a\"\n\nrequire thai and\n   nationalty = thai \"ก\" \"a\"", 4, 4,
	  "unknown variable 'nationalty' (did you mean 'nationality'?)", "ไม่รู้จักตัวแปร" },
	{ "require age >= 60 \"ก\"", 1, 22, "expected the English label", "ป้ายภาษาอังกฤษ" },
	{ "require age >= 60", 1, 18, "expected the Thai label", "ป้ายภาษาไทย" },
	{ "require age >= 60 baht \"ก\" \"a\"", 1, 19, "years, not money", "ไม่ใช่จำนวนเงิน" },
	{ "require age >= 2023-01-01 \"ก\" \"a\"", 1, 16, "expected a number of years", "จำนวนปี" },
	{ "require age >= 6.5 \"ก\" \"a\"", 1, 16, "whole years", "ปีเต็ม" },
	{ "require age >= 201 \"ก\" \"a\"", 1, 16, "0 to 200", "0 ถึง 200" },
	{ "require age \"ก\" \"a\"", 1, 13, "a comparison after 'age'", "การเปรียบเทียบหลัง 'age'" },
	{ "require age between 10 and 5 \"ก\" \"a\"", 1, 21, "the range is empty", "ช่วงว่างเปล่า" },
	{ "require age in [1, 2] \"ก\" \"a\"", 1, 16, "use between", "between" },
	{ "require income_per_person < 100000 \"ก\" \"a\"", 1, 29, "with its unit", "พร้อมหน่วย" },
	{ "require income_per_person < 10.5 satang \"ก\" \"a\"", 1, 29, "satang are whole", "สตางค์" },
	{ "require income_per_person < 1.005 baht \"ก\" \"a\"", 1, 29, "two decimal places",
	  "สองตำแหน่ง" },
	{ "require registered < 2023-02-30 \"ก\" \"a\"", 1, 22, "", "" },
	{ "require registered < 60 \"ก\" \"a\"", 1, 22, "a date such as 2023-08-12", "วันที่" },
	{ "require sex = man \"ก\" \"a\"", 1, 15, "unknown sex 'man'", "เพศ" },
	{ "require sex < male \"ก\" \"a\"", 1, 9, "only with = and !=", "= และ !=" },
	{ "require nationality = thia \"ก\" \"a\"", 1, 23, "(did you mean 'thai'?)", "thai" },
	{ "require registration = unknown \"ก\" \"a\"", 1, 24, "registration is unknown",
	  "registration is unknown" },
	{ "require registration = hous \"ก\" \"a\"", 1, 24, "did you mean 'house'", "house" },
	{ "require area = 50 \"ก\" \"a\"", 1, 14, "area in CODE", "area in" },
	{ "require area in 5 \"ก\" \"a\"", 1, 17, "1 digits", "" },
	{ "require area in 9901 \"ก\" \"a\"", 1, 17, "no province has code 99", "99" },
	{ "require area in [50, ] \"ก\" \"a\"", 1, 22, "an area code such as 5001", "รหัสพื้นที่" },
	{ "require need disabilty \"ก\" \"a\"", 1, 14, "unknown kind of need 'disabilty' (did you mean 'disability'?)",
	  "ชนิดของความต้องการ" },
	{ "require need disability with \"ก\" \"a\"", 1, 30, "expected 'card'", "'card'" },
	{ "require group old \"ก\" \"a\"", 1, 15, "unknown target group 'old'", "กลุ่มเป้าหมาย" },
	{ "require enrolled Old \"ก\" \"a\"", 1, 18, "a program code is", "รหัสโครงการ" },
	{ "require (age >= 60 \"ก\" \"a\"", 1, 20, "expected ')'", "')'" },
	{ "require age >= 60 and \"ก\" \"a\"", 1, 23, "expected a condition", "เงื่อนไข" },
	{ "require ! thai \"ก\" \"a\"", 1, 9, "write != or not", "not" },
	{ "require thai @ \"ก\" \"a\"", 1, 14, "unexpected character '@'", "'@'" },
	{ "require thai \"ก\n\" \"a\"", 1, 14, "on the same line", "บรรทัดเดียว" },
	{ "require thai \"ก\" \"a", 1, 18, "no closing double quote", "เครื่องหมายคำพูดปิด" },
	{ "require thai \"\\n\" \"a\"", 1, 14, "may only escape", "\\\"" },
	{ "require thai \"  \" \"a\"", 1, 14, "the label is empty", "ว่างเปล่า" },
	{ "require thai \"อายุ {agee}\" \"a\"", 1, 14, "unknown placeholder {agee}", "{agee}" },
	{ "require thai \"{amount}\" \"a\"", 1, 14, "unknown placeholder {amount}", "" },
	{ "require thai \"{age\" \"a\"", 1, 14, "has no closing '}'", "'}'" },
	{ "require 1x: thai \"ก\" \"a\"", 1, 9, "expected a condition", "" },
	{ "require r3: thai \"ก\" \"a\"", 1, 9, "are kept for requirements", "สงวน" },
	{ "require a: thai \"ก\" \"a\"\nrequire a: thai \"ก\" \"a\"", 2, 9,
	  "requirement code 'a' is already used on line 1", "ซ้ำกับบรรทัด 1" },
	{ "requir thai \"ก\" \"a\"", 1, 1, "unknown statement (require or amount) 'requir' (did you mean 'require'?)",
	  "ไม่รู้จักคำสั่ง" },
	{ "\"ก\" \"a\"", 1, 1, "expected require or amount", "require" },
	{ "", 1, 1, "no rules", "ไม่มีกฎ" },
	{ "# only a comment\n", 2, 1, "no rules", "ไม่มีกฎ" },
	{ "amount 600", 1, 8, "with its unit", "หน่วย" },
	{ "amount 1,000,001 baht", 1, 8, "above the limit (1000000 baht)", "1000000" },
	{ "amount when thai then 1 baht", 1, 29, "expected when or else", "else" },
	{ "amount when thai 1 baht else 2 baht", 1, 18, "expected 'then'", "'then'" },
	{ "amount 1 baht\namount 2 baht", 2, 1, "only once", "ครั้งเดียว" },
	{ "amount 1 baht \"ก\"", 1, 18, "English label", "ภาษาอังกฤษ" },
	{ "require age >= 12345678901234 \"ก\" \"a\"", 1, 16, "too large", "ใหญ่" },
	{ "require thai \"ก\" \"a\"\n  é", 2, 3, "unexpected character U+00E9", "U+00E9" },
	{ "require thai \"ก\" \"a\"\n\x01", 2, 1, "control character 1", "" },
	{ "require age on 2025 >= 60 \"ก\" \"a\"", 1, 16, "a date such as 2025-10-01", "วันที่" },
	{ "require age is maybe \"ก\" \"a\"", 1, 16, "known or unknown", "known" },
	{ "require area not 50 \"ก\" \"a\"", 1, 18, "between or in", "in" },
};

static void check_bad(const struct bad *b)
{
	struct rules_prog *p = (struct rules_prog *)1;
	char want_th[64], want_en[64];
	struct err e;
	int rc;

	err_init(&e);
	rc = rules_compile(b->text, strlen(b->text), &p, &e);
	CHECK_INT(rc, ERR_INVALID);
	CHECK(p == NULL);
	CHECK_STR(e.field, "rules");
	snprintf(want_th, sizeof(want_th), "บรรทัด %d คอลัมน์ %d: ", b->line, b->col);
	snprintf(want_en, sizeof(want_en), "line %d, column %d: ", b->line, b->col);
	if (strncmp(e.th, want_th, strlen(want_th)) || strncmp(e.en, want_en, strlen(want_en)) ||
	    !strstr(e.en, b->en) || !strstr(e.th, b->th)) {
		fprintf(stderr, "  FAIL %s: for %s\n    got %s | %s\n    want %s%s | %s%s\n",
			test_cur_name, b->text, e.en, e.th, want_en, b->en, want_th, b->th);
		test_cur_failed = 1;
	}
	CHECK(thtext_utf8_valid(e.th, strlen(e.th)));
}

static void test_compile_errors(void)
{
	static char big[RULES_TEXT_MAX + 2];
	struct rules_prog *p;
	struct buf b;
	struct err e;
	size_t i;
	int k;

	for (i = 0; i < ARRAY_SIZE(bads); i++)
		check_bad(&bads[i]);

	/* Not UTF-8: the position of the bad byte. */
	err_init(&e);
	CHECK_INT(rules_compile("require thai \"\xff\" \"a\"", 20, &p, &e), ERR_INVALID);
	CHECK(strstr(e.en, "line 1, column 15: the text is not valid UTF-8") != NULL);
	/* Too long. */
	memset(big, ' ', sizeof(big));
	CHECK_INT(rules_compile(big, sizeof(big), &p, &e), ERR_TOO_LARGE);
	CHECK(p == NULL);
	/* NULL text is the empty text. */
	CHECK_INT(rules_compile(NULL, 0, &p, &e), ERR_INVALID);
	CHECK(strstr(e.en, "no rules") != NULL);

	/* Limits: requirements, nesting, leaves, cases, label length, stack. */
	buf_init(&b, 0);
	for (k = 0; k <= RULES_MAX_REQUIRE; k++)
		buf_puts(&b, "require thai \"ก\" \"a\"\n");
	CHECK_INT(rules_compile(b.ptr, b.len, &p, &e), ERR_INVALID);
	CHECK(strstr(e.en, "line 65, column 1: more than 64 requirements") != NULL);
	buf_reset(&b);
	buf_puts(&b, "require ");
	for (k = 0; k <= RULES_MAX_NEST; k++)
		buf_puts(&b, "(");
	CHECK_INT(rules_compile(b.ptr, b.len, &p, &e), ERR_INVALID);
	CHECK(strstr(e.en, "column 33: parentheses or 'not' nest deeper than 24") != NULL);
	buf_reset(&b);
	buf_puts(&b, "require ");
	for (k = 0; k <= RULES_MAX_NEST; k++)
		buf_puts(&b, "not ");
	buf_puts(&b, "thai \"ก\" \"a\"");
	CHECK_INT(rules_compile(b.ptr, b.len, &p, &e), ERR_INVALID);
	CHECK(strstr(e.en, "nest deeper") != NULL);
	buf_reset(&b);
	buf_puts(&b, "require thai");
	for (k = 0; k < RULES_MAX_LEAVES; k++)
		buf_puts(&b, " or thai");
	buf_puts(&b, " \"ก\" \"a\"");
	CHECK_INT(rules_compile(b.ptr, b.len, &p, &e), ERR_INVALID);
	CHECK(strstr(e.en, "too many tests (over 256)") != NULL);
	buf_reset(&b);
	buf_puts(&b, "amount");
	for (k = 0; k < RULES_MAX_CASES; k++)
		buf_puts(&b, " when thai then 1 baht");
	buf_puts(&b, " else 2 baht");
	CHECK_INT(rules_compile(b.ptr, b.len, &p, &e), ERR_INVALID);
	CHECK(strstr(e.en, "more than 31 when cases") != NULL);
	buf_reset(&b);
	buf_puts(&b, "require thai \"");
	for (k = 0; k <= RULES_LABEL_MAX; k++)
		buf_putc(&b, 'x');
	buf_puts(&b, "\" \"a\"");
	CHECK_INT(rules_compile(b.ptr, b.len, &p, &e), ERR_INVALID);
	CHECK(strstr(e.en, "longer than 300 bytes") != NULL);
	/* Deep right-nested and/or needs a deep stack. */
	buf_reset(&b);
	buf_puts(&b, "require ");
	for (k = 0; k < RULES_MAX_NEST; k++)
		buf_puts(&b, "thai or thai and (");
	buf_puts(&b, "thai");
	for (k = 0; k < RULES_MAX_NEST; k++)
		buf_puts(&b, ")");
	buf_puts(&b, " \"ก\" \"a\"");
	CHECK_INT(rules_compile(b.ptr, b.len, &p, &e), ERR_INVALID);
	CHECK(strstr(e.en, "line 1, column 1: the condition is too complex") != NULL);
	/* Up to the limits compiles. */
	buf_reset(&b);
	for (k = 0; k < RULES_MAX_REQUIRE; k++)
		buf_puts(&b, "require thai \"ก\" \"a\"\n");
	CHECK_INT(rules_compile(b.ptr, b.len, &p, &e), 0);
	rules_free(p);
	buf_reset(&b);
	buf_puts(&b, "require ");
	for (k = 0; k < RULES_MAX_NEST; k++)
		buf_puts(&b, "(");
	buf_puts(&b, "thai");
	for (k = 0; k < RULES_MAX_NEST; k++)
		buf_puts(&b, ")");
	buf_puts(&b, " \"ก\" \"a\"");
	CHECK_INT(rules_compile(b.ptr, b.len, &p, &e), 0);
	rules_free(p);
	buf_release(&b);
}

/* ---- the state programs ---- */

static void test_seeds(void)
{
	const struct program_seed *s;
	struct rules_prog *p;
	struct date eff[8];
	size_t i, n = program_seed_count();

	CHECK_INT(n, 4);
	for (i = 0; i < n; i++) {
		s = program_seed(i);
		REQUIRE(s);
		p = compile(s->rules);
		CHECK(p != NULL);
		CHECK(s->name_th[0] && s->name_en[0] && s->source[0]);
		CHECK_INT(s->pillar, PILLAR_ASSISTANCE);
		CHECK_INT(program_code_check(s->code, "code", NULL), 0);
		CHECK_INT(date_parse(s->effective, 0, &eff[i], "effective", NULL), 0);
		if (i > 0) { /* sorted by code, then date */
			int c = strcmp(program_seed(i - 1)->code, s->code);

			CHECK(c < 0 || (c == 0 && date_cmp(eff[i - 1], eff[i]) < 0));
		}
		/* Every shipped rule is explained and stays within 64 bytes a person. */
		if (p) {
			CHECK(rules_bytes_per_person(p) <= 64);
			CHECK(rules_bytes_per_person(p) <= 4 * 8 + 3 + 5);
			CHECK(rules_require_count(p) >= 3);
			CHECK_STR(rules_require(p, 0)->code, "alive");
		}
		rules_free(p);
	}
	CHECK(program_seed(n) == NULL);
}

static void test_old_age_tiers(void)
{
	struct rules_prog *p = seed("old_age", "2011-10-01");
	struct date on = D(2025, 6, 15);
	struct rules_env env = env_on(on);
	struct rules_person per;
	struct rules_result r;
	static const struct {
		struct date birth;
		int64_t amount; /* -1: not eligible */
	} cases[] = {
		{ { 1965, 6, 16 }, -1 },   /* 59 years 364 days */
		{ { 1965, 6, 15 }, 60000 }, /* exactly 60 */
		{ { 1955, 6, 16 }, 60000 }, /* 69 */
		{ { 1955, 6, 15 }, 70000 }, /* 70 on the date */
		{ { 1940, 1, 1 }, 80000 },  /* 85 */
		{ { 1935, 6, 16 }, 80000 }, /* 89 */
		{ { 1935, 6, 15 }, 100000 }, /* 90 */
		{ { 1924, 1, 1 }, 100000 }, /* 101 */
	};
	size_t i;

	REQUIRE(p);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		per = person(cases[i].birth);
		r = eval2(p, &env, &per);
		if (cases[i].amount < 0) {
			CHECK(!r.eligible);
			CHECK_STR(rules_require(p, r.fail - 1)->code, "age");
		} else {
			CHECK(r.eligible);
			CHECK_INT(r.amount, cases[i].amount);
		}
	}
	per = person(D(1965, 6, 16));
	CHECK_STR(summary(p, on, &per, true), "ไม่มีสิทธิ์: อายุ 59 ปี ยังไม่ถึง 60 ปี");
	CHECK_STR(summary(p, on, &per, false), "not eligible: aged 59, under 60");
	per = person(D(1953, 3, 1));
	CHECK_STR(summary(p, on, &per, true), "มีสิทธิ์: อายุ 72 ปี: 700 บาท");
	CHECK_STR(summary(p, on, &per, false), "eligible: aged 72: 700 baht");
	per = person(D(1924, 1, 1));
	CHECK_STR(summary(p, on, &per, true), "มีสิทธิ์: อายุ 101 ปี: 1,000 บาท");

	/* 29 February birthdays count the year on 1 March in common years. */
	per = person(D(1952, 2, 29));
	r = eval2(p, &env, &per);
	CHECK_INT(r.amount, 70000); /* 73 in 2025 */
	env.on = D(2022, 2, 28);
	CHECK_INT(eval2(p, &env, &per).amount, 60000); /* 69 */
	env.on = D(2022, 3, 1);
	CHECK_INT(eval2(p, &env, &per).amount, 70000); /* 70 */
	per = person(D(1964, 2, 29));
	env.on = D(2024, 2, 28);
	CHECK(!eval2(p, &env, &per).eligible); /* 59 */
	env.on = D(2024, 2, 29);
	CHECK_INT(eval2(p, &env, &per).amount, 60000); /* 60 on a leap day */
	per = person(D(1963, 2, 28));
	env.on = D(2023, 2, 28);
	CHECK_INT(eval2(p, &env, &per).amount, 60000);
	per = person(D(1960, 2, 29));
	env.on = D(2020, 2, 29);
	CHECK_INT(eval2(p, &env, &per).amount, 60000);
	env.on = D(2021, 2, 28);
	CHECK_INT(eval2(p, &env, &per).amount, 60000); /* still 60 */
	rules_free(p);
}

static void test_old_age_other_rules(void)
{
	struct rules_prog *p = seed("old_age", "2011-10-01");
	struct date on = D(2025, 6, 15);
	struct rules_env env = env_on(on);
	struct rules_person per = person(D(1950, 1, 1));
	struct rules_result r;

	REQUIRE(p);
	per.nationality = RULES_NAT_FOREIGN;
	r = eval2(p, &env, &per);
	CHECK_STR(rules_require(p, r.fail - 1)->code, "thai");
	CHECK_STR(summary(p, on, &per, true), "ไม่มีสิทธิ์: ไม่มีสัญชาติไทย");
	per.nationality = RULES_NAT_UNKNOWN;
	r = eval2(p, &env, &per);
	CHECK(r.fail_unknown);
	CHECK_STR(summary(p, on, &per, true), "ไม่มีสิทธิ์: ข้อมูลไม่พอตัดสิน: สัญชาติไทย");
	CHECK_STR(summary(p, on, &per, false), "not eligible: not enough data: Thai nationality");
	per.nationality = RULES_NAT_THAI;
	per.reg = REG_CENTRAL;
	CHECK_STR(summary(p, on, &per, false), "not eligible: not in a house register");
	per.reg = REG_HOUSE;
	memcpy(per.area, "50020101", 9);
	CHECK_STR(summary(p, on, &per, false),
		  "not eligible: house registered outside the paying office's area");
	memcpy(per.area, "50010106", 9);
	per.death = D(2025, 5, 1);
	CHECK_STR(summary(p, on, &per, true), "ไม่มีสิทธิ์: เสียชีวิตแล้ว");
	/* The death is after an earlier payroll date: alive then. */
	env.on = D(2025, 4, 30);
	CHECK(eval2(p, &env, &per).eligible);
	rules_free(p);
}

static void test_old_age_income_test(void)
{
	struct rules_prog *p = seed("old_age", "2023-08-12"), *old = seed("old_age", "2011-10-01");
	struct date on = D(2025, 6, 15), eff[2];
	struct rules_env env = env_on(on);
	struct rules_person per = person(D(1960, 1, 1));
	struct rules_result r;
	size_t i;
	int found = 0;

	REQUIRE(p && old);
	/* Registered before 12 Aug 2023: no test, whatever the income. */
	per.registered = D(2023, 8, 11);
	per.income = 50000000;
	CHECK(eval2(p, &env, &per).eligible);
	/* From that day the income test applies. */
	per.registered = D(2023, 8, 12);
	r = eval2(p, &env, &per);
	CHECK(!r.eligible);
	CHECK_STR(rules_require(p, r.fail - 1)->code, "income");
	CHECK_STR(summary(p, on, &per, true),
		  "ไม่มีสิทธิ์: ลงทะเบียนตั้งแต่ 12 ส.ค. 2566 และรายได้ 500,000 บาท ต่อคนต่อปี เกินเกณฑ์");
	CHECK_STR(summary(p, on, &per, false),
		  "not eligible: registered from 12 Aug 2023 with income of 500,000 baht a person a "
		  "year, above the limit");
	/* The old version has no such test. */
	CHECK(eval2(old, &env, &per).eligible);
	per.income = 10000000;
	CHECK_INT(eval2(p, &env, &per).amount, 60000);
	per.income = 10000099; /* 100,000.99: whole baht pass */
	CHECK(eval2(p, &env, &per).eligible);
	per.income = 10000100;
	CHECK(!eval2(p, &env, &per).eligible);
	/* Never applied (no registration date) and income unknown: not enough data. */
	per.registered = D(0, 0, 0);
	per.income = RULES_INCOME_UNKNOWN;
	r = eval2(p, &env, &per);
	CHECK(!r.eligible && r.fail_unknown);
	/* Never applied, low income: eligible (a coverage gap when not enrolled). */
	per.income = 3600000;
	CHECK(eval2(p, &env, &per).eligible);
	/* Registered before, income unknown: eligible. */
	per.registered = D(2015, 1, 1);
	per.income = RULES_INCOME_UNKNOWN;
	CHECK(eval2(p, &env, &per).eligible);

	/* The version in force on a date. */
	for (i = 0; i < program_seed_count(); i++)
		if (!strcmp(program_seed(i)->code, "old_age"))
			date_parse(program_seed(i)->effective, 0, &eff[found++], "e", NULL);
	REQUIRE(found == 2);
	CHECK_INT(program_version_at(eff, 2, D(2011, 9, 30)), -1);
	CHECK_INT(program_version_at(eff, 2, D(2011, 10, 1)), 0);
	CHECK_INT(program_version_at(eff, 2, D(2023, 8, 11)), 0);
	CHECK_INT(program_version_at(eff, 2, D(2023, 8, 12)), 1);
	CHECK_INT(program_version_at(eff, 2, D(2030, 1, 1)), 1);
	CHECK_INT(program_version_at(eff, 0, D(2030, 1, 1)), -1);
	rules_free(p);
	rules_free(old);
}

static void test_disability(void)
{
	struct rules_prog *p = seed("disability", "2020-10-01");
	struct date on = D(2025, 6, 15);
	struct rules_env env = env_on(on);
	struct rules_person per = person(D(2008, 6, 16)); /* 16 */
	struct rules_result r;

	REQUIRE(p);
	CHECK_STR(summary(p, on, &per, true), "ไม่มีสิทธิ์: ไม่มีข้อมูลความพิการ");
	per.needs = 1u << NEED_DISABILITY;
	r = eval2(p, &env, &per);
	CHECK(!r.eligible);
	CHECK_STR(rules_require(p, r.fail - 1)->code, "card");
	CHECK_STR(summary(p, on, &per, true), "ไม่มีสิทธิ์: ไม่มีบัตรประจำตัวคนพิการ");
	CHECK_STR(summary(p, on, &per, false), "not eligible: no disability card");
	per.cards = 1u << NEED_DISABILITY;
	r = eval2(p, &env, &per);
	CHECK(r.eligible);
	CHECK_INT(r.amount, 100000);
	CHECK_STR(summary(p, on, &per, true), "มีสิทธิ์: อายุ 16 ปี ต่ำกว่า 18 ปี: 1,000 บาท");
	per.birth = D(2007, 6, 15); /* 18 on the date */
	CHECK_INT(eval2(p, &env, &per).amount, 80000);
	per.birth = D(2007, 6, 16); /* 17 years 364 days */
	CHECK_INT(eval2(p, &env, &per).amount, 100000);
	per.birth = D(0, 0, 0);
	CHECK_INT(eval2(p, &env, &per).amount, 80000);
	per.birth = D(1950, 1, 1);
	CHECK_INT(eval2(p, &env, &per).amount, 80000);
	per.flags = RULES_FLAG_INSTITUTION;
	CHECK_STR(summary(p, on, &per, false), "not eligible: lives in a state institution");
	per.flags = 0;
	env.office = "5002";
	CHECK_STR(rules_require(p, eval2(p, &env, &per).fail - 1)->code, "area");
	rules_free(p);
}

static void test_child_support(void)
{
	struct rules_prog *p = seed("child_support", "2019-10-01");
	struct date on = D(2025, 6, 15);
	struct rules_env env = env_on(on);
	struct rules_person per = person(D(2018, 6, 16)); /* 6 years 364 days */
	struct rules_result r;

	REQUIRE(p);
	per.income = 9999999; /* 99,999.99 baht */
	r = eval2(p, &env, &per);
	CHECK(r.eligible);
	CHECK_INT(r.amount, 60000);
	CHECK_STR(summary(p, on, &per, true), "มีสิทธิ์: เงินอุดหนุนเด็กอายุ 6 ปี: 600 บาท");
	per.birth = D(2018, 6, 15); /* 7 */
	r = eval2(p, &env, &per);
	CHECK(!r.eligible);
	CHECK_STR(summary(p, on, &per, false), "not eligible: aged 7, over 6");
	per.birth = D(2025, 6, 15); /* born today: 0 */
	CHECK(eval2(p, &env, &per).eligible);
	per.birth = D(2025, 6, 16); /* not born yet */
	CHECK_STR(summary(p, on, &per, false), "not eligible: deceased");
	per.birth = D(2020, 1, 1);
	per.income = 10000000;
	CHECK_STR(summary(p, on, &per, false),
		  "not eligible: household income of 100,000 baht a person a year, not under "
		  "100,000 baht");
	per.income = RULES_INCOME_UNKNOWN;
	r = eval2(p, &env, &per);
	CHECK(r.fail_unknown);
	CHECK_STR(summary(p, on, &per, true),
		  "ไม่มีสิทธิ์: ข้อมูลไม่พอตัดสิน: รายได้ครัวเรือนเฉลี่ยต่ำกว่า 100,000 บาทต่อคนต่อปี");
	rules_free(p);
}

static void test_explain_full(void)
{
	struct rules_prog *p = seed("disability", "2020-10-01");
	struct rules_person per = person(D(1980, 1, 1));
	struct rules_env env = env_on(D(2025, 6, 15));
	struct buf b;
	struct err e;

	REQUIRE(p);
	per.needs = 1u << NEED_DISABILITY;
	per.nationality = RULES_NAT_UNKNOWN;
	CHECK_STR(explain(p, env.on, &per, true),
		  "ไม่มีสิทธิ์: ไม่มีบัตรประจำตัวคนพิการ\n"
		  "✓ ยังมีชีวิตอยู่\n"
		  "✓ เป็นคนพิการ\n"
		  "✗ ไม่มีบัตรประจำตัวคนพิการ\n"
		  "✗ ข้อมูลไม่พอตัดสิน: สัญชาติไทย\n"
		  "✓ มีชื่อในทะเบียนบ้าน\n"
		  "✓ มีทะเบียนบ้านในเขตหน่วยงานที่จ่าย\n"
		  "✓ ไม่ได้อยู่ในสถานสงเคราะห์ของรัฐ\n");
	per.cards = per.needs;
	per.nationality = RULES_NAT_THAI;
	CHECK_STR(explain(p, env.on, &per, false),
		  "eligible: aged 18 or over, or age not known: 800 baht\n"
		  "✓ alive\n"
		  "✓ has a disability\n"
		  "✓ holds a disability card\n"
		  "✓ Thai nationality\n"
		  "✓ in a house register\n"
		  "✓ house registered in the paying office's area\n"
		  "✓ not living in a state institution\n");
	/* A requirement without an else label; {income} unknown. */
	rules_free(p);
	p = compile("require income_per_person > 5 baht \"รายได้ {income}\" \"income {income}\"");
	REQUIRE(p);
	per.income = 0;
	CHECK_STR(explain(p, env.on, &per, false),
		  "not eligible: does not meet: income 0 baht\n✗ does not meet: income 0 baht\n");
	per.income = RULES_INCOME_UNKNOWN;
	CHECK_STR(explain(p, env.on, &per, true),
		  "ไม่มีสิทธิ์: ข้อมูลไม่พอตัดสิน: รายได้ ไม่ทราบ\n✗ ข้อมูลไม่พอตัดสิน: รายได้ ไม่ทราบ\n");
	/* A capped buffer: ERR_TOO_LARGE and nothing written. */
	buf_init(&b, 16);
	buf_puts(&b, "keep");
	err_init(&e);
	CHECK_INT(rules_explain(p, &env, &per, true, &b, &e), ERR_TOO_LARGE);
	CHECK_STR(b.ptr, "keep");
	buf_release(&b);
	rules_free(p);
}

static void test_env_and_columns(void)
{
	struct rules_prog *p = seed("old_age", "2023-08-12");
	struct rules_person per = person(D(1950, 1, 1));
	struct rules_env env = env_on(D(2025, 1, 1));
	struct rules_result r;
	int32_t birth = 0, amount = 7;
	uint8_t fail = 7;
	struct rules_batch b;
	struct buf out;
	struct err e;

	REQUIRE(p);
	err_init(&e);
	CHECK_INT(rules_columns(p), RULES_COL_BIRTH | RULES_COL_DEATH | RULES_COL_REGISTERED |
					     RULES_COL_INCOME | RULES_COL_AREA |
					     RULES_COL_NATIONALITY | RULES_COL_REG);
	CHECK_INT(rules_bytes_per_person(p), 4 + 4 + 4 + 4 + 4 + 1 + 1 + 5);
	env.on = D(2025, 2, 29);
	CHECK_INT(rules_eval_one(p, &env, &per, &r, &e), ERR_INVALID);
	CHECK_STR(e.field, "on");
	CHECK(!r.eligible && r.amount_case == -1);
	buf_init(&out, 0);
	CHECK_INT(rules_explain(p, &env, &per, true, &out, &e), ERR_INVALID);
	CHECK_INT(out.len, 0);
	buf_release(&out);
	env = env_on(D(2025, 1, 1));
	env.office = "5";
	CHECK_INT(rules_eval_one(p, &env, &per, &r, &e), ERR_INVALID);
	CHECK_STR(e.field, "office");
	env.office = "5001";
	env.nprograms = RULES_MAX_PROGRAMS + 1;
	CHECK_INT(rules_eval_one(p, &env, &per, &r, &e), ERR_INVALID);
	env.nprograms = 2;
	env.programs = NULL;
	CHECK_INT(rules_eval_one(p, &env, &per, &r, &e), ERR_INVALID);
	CHECK_INT(rules_eval_one(p, NULL, &per, &r, &e), ERR_INVALID);
	env = env_on(D(2025, 1, 1));
	/* A column the program reads is missing: refused, outputs untouched. */
	memset(&b, 0, sizeof(b));
	b.birth = &birth;
	CHECK_INT(rules_eval_batch(p, &env, &b, 1, &amount, &fail, &e), ERR_INVALID);
	CHECK_STR(e.field, "death");
	CHECK_INT(amount, 7);
	CHECK_INT(fail, 7);
	/* Missing columns are refused even for no people. */
	CHECK_INT(rules_eval_batch(p, &env, &b, 0, NULL, NULL, &e), ERR_INVALID);
	rules_free(p);
	p = compile("require age >= 60 \"ก\" \"a\"");
	REQUIRE(p);
	CHECK_INT(rules_eval_batch(p, &env, &b, 0, NULL, NULL, &e), 0);
	birth = date_to_days(D(1950, 1, 1));
	CHECK_INT(rules_eval_batch(p, &env, &b, 1, NULL, &fail, &e), 0);
	CHECK_INT(fail, 0);
	rules_free(p);
}

/* ---- batch equals scalar ---- */

static uint64_t rng_state = 0x5a17a5eedull;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static int pick(int n)
{
	return (int)(rnd() % (uint64_t)n);
}

static struct date random_date(int y0, int y1)
{
	struct date d;

	/* A third of the dates sit on 28 February - 1 March, to exercise leap days. */
	d.y = y0 + pick(y1 - y0 + 1);
	if (pick(3) == 0) {
		d.m = 2 + pick(2);
		d.d = d.m == 2 ? 28 + pick(2) : 1;
		if (d.m == 2 && d.d == 29 && !date_is_leap(d.y))
			d.d = 28;
	} else {
		d.m = 1 + pick(12);
		d.d = 1 + pick(date_days_in_month(d.y, d.m));
	}
	return d;
}

static struct rules_person random_person(struct date on)
{
	static const char *const areas[] = { "50010106", "500101", "5001", "50020101", "10",
					     "10010101", "", "500100", "50010006", "99010101" };
	struct rules_person p;
	int k;

	memset(&p, 0, sizeof(p));
	k = pick(10);
	p.birth = k == 0 ? D(0, 0, 0) : k == 1 ? D(2023, 2, 30) : random_date(on.y - 105, on.y + 1);
	if (pick(4) == 0) { /* ages on the boundaries */
		p.birth = on;
		p.birth.y -= (int)(rnd() % 2 ? 60 : rnd() % 2 ? 70 : rnd() % 2 ? 18 : 7);
		p.birth.d -= pick(2);
		if (p.birth.d < 1)
			p.birth.d = 1;
		if (!date_valid(p.birth))
			p.birth.d = 28;
	}
	p.death = pick(10) == 0 ? random_date(on.y - 1, on.y + 1) : D(0, 0, 0);
	p.registered = pick(3) == 0 ? D(0, 0, 0) : random_date(2020, 2026);
	k = pick(9);
	p.income = k == 0   ? RULES_INCOME_UNKNOWN
		   : k == 1 ? 10000000 + pick(201) - 100
		   : k == 2 ? -pick(1000)
		   : k == 3 ? (pick(2) ? INT64_MAX - pick(10) : INT64_MIN + 1 + pick(10))
			    : (int64_t)pick(30000000);
	k = pick(ARRAY_SIZE(areas));
	memcpy(p.area, areas[k], strlen(areas[k]) + 1);
	p.needs = (uint32_t)rnd() & (uint32_t)rnd() & 0x3ffe;
	p.cards = pick(2) ? p.needs & (1u << NEED_DISABILITY) : (uint32_t)(rnd() & 2);
	p.enrolled = rnd() & rnd() & 0x1f;
	p.sex = (enum sex)pick(4);
	p.nationality = (enum rules_nationality)pick(5);
	p.reg = (enum reg_status)pick(6);
	p.flags = (unsigned)pick(4);
	return p;
}

/* Exercises every kind of leaf, negated and not. */
static const char kitchen_sink[] =
	"require a1: alive or born < 1900-01-01 \"ก\" \"a\"\n"
	"require a2: not (age between 18 and 59) or need disability without card or "
	"not registration in [central, none] \"ข\" \"b\"\n"
	"require a3: not (sex = male and nationality != thai) or area not in [50, 10010101] "
	"\"ค\" \"c\"\n"
	"require a4: income_per_person is unknown or not income_per_person > 50,000.50 baht or "
	"enrolled old_age or not enrolled top_up \"ง\" \"d\"\n"
	"require a5: not institution or group elderly or not group disadvantaged or "
	"age on 2020-02-29 != 60 \"จ\" \"e\"\n"
	"require a6: registered is known or area is unknown or not (sex is known) or "
	"area in office \"ฉ\" \"f\"\n"
	"amount when group child_youth and not need orphan then 100 baht\n"
	"       when age is unknown or registered >= 2023-08-12 then 200 baht\n"
	"       when not (thai or area in 5002) then 300 baht\n"
	"       when income_per_person <= 100,000 baht or income_per_person < 5 satang then 400 baht\n"
	"       else 500 baht\n";

static void check_batch(const struct rules_prog *p, const struct rules_env *env,
			const struct rules_person *people, size_t n)
{
	static int32_t birth[5000], death[5000], registered[5000], income[5000], area[5000],
		amount[5000];
	static uint32_t needs[5000], cards[5000];
	static uint64_t enrolled[5000];
	static uint8_t sex[5000], nat[5000], reg[5000], flags[5000], fail[5000];
	struct rules_batch b = { birth, death, registered, income, area, needs, cards,
				 enrolled, sex, nat, reg, flags };
	struct rules_result r;
	struct err e;
	size_t i, bad = 0;

	err_init(&e);
	for (i = 0; i < n; i++)
		rules_batch_set(&b, i, &people[i]);
	REQUIRE(rules_eval_batch(p, env, &b, n, amount, fail, &e) == 0);
	for (i = 0; i < n; i++) {
		REQUIRE(rules_eval_one(p, env, &people[i], &r, &e) == 0);
		if (r.amount != amount[i] || r.fail != fail[i]) {
			if (bad++ < 5)
				fprintf(stderr, "  person %zu: scalar %d/%lld, batch %d/%d\n", i,
					r.fail, (long long)r.amount, fail[i], amount[i]);
		}
	}
	CHECK_INT(bad, 0);
}

static void test_batch_equals_scalar(void)
{
	static struct rules_person people[4999];
	static const struct date dates[] = { { 2025, 6, 15 }, { 2024, 2, 29 }, { 2025, 2, 28 },
					     { 2025, 3, 1 },  { 2100, 3, 1 },  { 2000, 2, 29 } };
	static const char *const offices[] = { "5001", NULL, "10", "50010106" };
	struct rules_prog *progs[8];
	struct rules_env env;
	size_t i, d, k, np = 0;

	for (i = 0; i < program_seed_count(); i++)
		progs[np++] = compile(program_seed(i)->rules);
	progs[np++] = compile(kitchen_sink);
	for (k = 0; k < np; k++)
		REQUIRE(progs[k]);
	for (d = 0; d < ARRAY_SIZE(dates); d++) {
		env = env_on(dates[d]);
		env.office = offices[d % ARRAY_SIZE(offices)];
		for (i = 0; i < ARRAY_SIZE(people); i++)
			people[i] = random_person(dates[d]);
		for (k = 0; k < np; k++) {
			/* The whole set (19 full chunks and a tail), and a short batch. */
			check_batch(progs[k], &env, people, ARRAY_SIZE(people));
			check_batch(progs[k], &env, people + 7, 13);
		}
	}
	for (k = 0; k < np; k++)
		rules_free(progs[k]);
}

/* Age tests on day numbers agree with date_age on every day around the anniversaries. */
static void test_age_thresholds(void)
{
	static const struct date ons[] = { { 2024, 2, 28 }, { 2024, 2, 29 }, { 2024, 3, 1 },
					   { 2025, 2, 28 }, { 2025, 3, 1 },  { 2100, 2, 28 },
					   { 2100, 3, 1 },  { 2000, 2, 29 }, { 2025, 12, 31 },
					   { 200, 1, 1 } };
	static const int ages[] = { 0, 1, 6, 7, 17, 18, 59, 60, 69, 70, 90, 150, 199, 200 };
	static struct rules_person people[700];
	struct rules_prog *p;
	struct rules_env env;
	char text[200];
	size_t o, a, i, n;
	int years, k;

	for (a = 0; a < ARRAY_SIZE(ages); a++) {
		snprintf(text, sizeof(text),
			 "require age >= %d \"ก\" \"a\"\namount when age between %d and %d then 1 "
			 "baht else 2 baht",
			 ages[a], ages[a] > 3 ? ages[a] - 3 : 0, ages[a]);
		p = compile(text);
		REQUIRE(p);
		for (o = 0; o < ARRAY_SIZE(ons); o++) {
			env = env_on(ons[o]);
			n = 0;
			/* Every day within 5 days of the anniversaries a year either side. */
			for (k = -1; k <= 1; k++) {
				struct date c = ons[o];
				struct date start;

				c.y -= ages[a] + k;
				if (c.y < 1)
					continue;
				if (!date_valid(c))
					c.d = 28;
				if (date_add_days(c, -5, &start, NULL))
					continue;
				for (i = 0; i < 11 && n < ARRAY_SIZE(people); i++) {
					struct date bd;

					if (date_add_days(start, (int64_t)i, &bd, NULL))
						continue;
					people[n] = person(bd);
					n++;
				}
			}
			check_batch(p, &env, people, n);
			/* And the scalar agrees with date_age itself. */
			for (i = 0; i < n; i++) {
				struct rules_result r;

				rules_eval_one(p, &env, &people[i], &r, NULL);
				if (date_age(people[i].birth, ons[o], &years, NULL))
					CHECK(!r.eligible);
				else
					CHECK(r.eligible == (years >= ages[a]));
			}
		}
		rules_free(p);
	}
}

/* ---- core/program ---- */

static void test_program(void)
{
	struct err e;

	CHECK_STR(program_pillar_code(PILLAR_ASSISTANCE), "assistance");
	CHECK_STR(program_pillar_code(PILLAR_PARTNERSHIP), "partnership");
	CHECK_STR(program_pillar_code((enum program_pillar)0), "");
	CHECK_STR(program_pillar_code(PILLAR_COUNT), "");
	CHECK_INT(program_pillar_parse("services"), PILLAR_SERVICES);
	CHECK_INT(program_pillar_parse("insurance"), PILLAR_INSURANCE);
	CHECK_INT(program_pillar_parse("welfare"), -1);
	CHECK_INT(program_pillar_parse(NULL), -1);
	CHECK_STR(program_pillar_name(PILLAR_ASSISTANCE, true), "การช่วยเหลือทางสังคม");
	CHECK_STR(program_pillar_name(PILLAR_PARTNERSHIP, false), "Promotion of social partnership");
	CHECK_STR(program_pillar_name((enum program_pillar)9, false), "");
	err_init(&e);
	CHECK_INT(program_code_check("old_age", "code", &e), 0);
	CHECK_INT(program_code_check("a1_b2", "code", &e), 0);
	CHECK_INT(program_code_check("", "code", &e), ERR_INVALID);
	CHECK_STR(e.field, "code");
	CHECK_INT(program_code_check(NULL, "code", &e), ERR_INVALID);
	CHECK_INT(program_code_check("Old_age", "code", &e), ERR_INVALID);
	CHECK_INT(program_code_check("old-age", "code", &e), ERR_INVALID);
	CHECK_INT(program_code_check("abcdefghijklmnopqrstuvwxyz01234", "code", &e), 0);
	CHECK_INT(program_code_check("abcdefghijklmnopqrstuvwxyz012345", "code", &e), ERR_INVALID);
}

int main(void)
{
	RUN(test_age);
	RUN(test_dates);
	RUN(test_income);
	RUN(test_enums);
	RUN(test_area);
	RUN(test_alive_needs_flags);
	RUN(test_groups_logic);
	RUN(test_statements);
	RUN(test_amount_cases);
	RUN(test_compile_errors);
	RUN(test_seeds);
	RUN(test_old_age_tiers);
	RUN(test_old_age_other_rules);
	RUN(test_old_age_income_test);
	RUN(test_disability);
	RUN(test_child_support);
	RUN(test_explain_full);
	RUN(test_env_and_columns);
	RUN(test_batch_equals_scalar);
	RUN(test_age_thresholds);
	RUN(test_program);
	return test_summary("rules");
}
