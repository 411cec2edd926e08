/*
 * Unit tests for core/fund: the default statute, JSON parse/write and its
 * errors, versions, dues, standing, and claims on both sides of every
 * boundary (DOMAIN.md worked examples 6, 7 and 8).
 */
#include "test.h"
#include "core/fund.h"
#include "core/thtext.h"

static struct date D(int y, int m, int d)
{
	return (struct date){ y, m, d };
}

#define CHECK_DATE(got, y_, m_, d_)                                                    \
	do {                                                                           \
		struct date g_ = (got);                                                \
		if (g_.y != (y_) || g_.m != (m_) || g_.d != (d_)) {                    \
			fprintf(stderr, "  FAIL %s:%d: %s: got %04d-%02d-%02d, want %04d-%02d-%02d\n", \
				__FILE__, __LINE__, test_cur_name, g_.y, g_.m, g_.d,   \
				(y_), (m_), (d_));                                     \
			test_cur_failed = 1;                                           \
		}                                                                      \
	} while (0)

/* Statutes are large (tens of kilobytes): keep them out of the stack. */
static struct fund_statute st, st2;
static struct statute_version ver[4];

static struct benefit_rule *rule(struct fund_statute *s, const char *code)
{
	return (struct benefit_rule *)fund_benefit(s, code);
}

/* ---- the statute and its JSON ---- */

static void test_default(void)
{
	static const char *const codes[] = { "birth", "hospital", "death", "old_age",
					     "scholarship", "disaster", "disability",
					     "family_funeral" };
	const struct benefit_rule *b;
	struct err e;
	size_t i;

	fund_statute_default(&st);
	err_init(&e);
	CHECK_INT(fund_statute_check(&st, &e), 0);
	CHECK_INT(st.joining_fee, 2000);
	CHECK_INT(st.unit, CONTRIB_DAY);
	CHECK_INT(st.contribution, 100);
	CHECK_INT(st.waiting_days, 180);
	CHECK_INT(st.admin_limit_bp, 2000);
	CHECK_INT(st.suspend_after_months, 6);
	CHECK(st.nonmember_aid);
	CHECK_INT(st.nbenefits, (int)ARRAY_SIZE(codes));
	for (i = 0; i < ARRAY_SIZE(codes); i++) {
		b = fund_benefit(&st, codes[i]);
		REQUIRE(b);
		CHECK(b->name_th[0] && b->name_en[0]);
		CHECK(thtext_utf8_valid(b->name_th, strlen(b->name_th)));
	}
	CHECK(fund_benefit(&st, "lottery") == NULL);
	CHECK(fund_benefit(&st, NULL) == NULL);
	b = fund_benefit(&st, "hospital");
	CHECK_STR(b->name_th, "นอนโรงพยาบาล");
	CHECK_INT(b->basis, BASIS_PER_UNIT);
	CHECK_INT(b->amount, 20000);
	CHECK_INT(b->per_event_cap, 60000);
	CHECK_INT(b->per_year_cap, 100000);
	b = fund_benefit(&st, "death");
	CHECK_INT(b->recipient, RECIPIENT_BENEFICIARY);
	CHECK_INT(b->nsteps, 5);
	CHECK_INT(b->steps[4].min_years, 10);
	CHECK_INT(b->steps[4].amount, 3000000);
	CHECK_INT(b->max_lifetime, 1);
	CHECK_STR(fund_benefit(&st, "family_funeral")->name_th, "ฌาปนกิจครอบครัว");
	CHECK(fund_benefit(&st, "disaster")->nonmembers);
	CHECK(strstr(fund_benefit(&st, "scholarship")->conditions_th, "3.50") != NULL);
}

static void test_round_trip(void)
{
	struct buf a, b;
	struct err e;

	fund_statute_default(&st);
	buf_init(&a, 0);
	buf_init(&b, 0);
	fund_statute_json(&st, &a);
	CHECK(strstr(a.ptr, "\"name_th\":\"คลอดบุตร\"") != NULL);
	CHECK(strstr(a.ptr, "\"unit\":\"day\"") != NULL);
	err_init(&e);
	REQUIRE(fund_statute_parse(a.ptr, a.len, &st2, &e) == 0);
	CHECK(fund_statute_equal(&st, &st2));
	fund_statute_json(&st2, &b);
	CHECK_STR(a.ptr, b.ptr);
	/* A changed field is noticed. */
	st2.benefits[2].steps[1].amount++;
	CHECK(!fund_statute_equal(&st, &st2));
	st2.benefits[2].steps[1].amount--;
	st2.pay_week = false;
	CHECK(!fund_statute_equal(&st, &st2));
	buf_release(&a);
	buf_release(&b);
}

static void test_parse_defaults(void)
{
	static const char js[] =
		"{\"contribution\": {\"unit\": \"month\", \"amount\": 3000},"
		" \"benefits\": [ {\"code\": \"birth\", \"name_th\": \"คลอดบุตร\","
		"   \"name_en\": \"Birth\", \"basis\": \"fixed\", \"amount\": 50000},"
		"  {\"code\": \"death\", \"name_th\": \"เสียชีวิต\", \"name_en\": \"Death\","
		"   \"basis\": \"steps\", \"steps\": [ {\"min_years\": 5, \"amount\": 3},"
		"     {\"amount\": 1}, {\"min_years\": 1, \"min_age\": 60, \"amount\": 2},"
		"     {\"min_years\": 1, \"amount\": 4} ] } ] }";
	const struct benefit_rule *b;
	struct err e;

	err_init(&e);
	REQUIRE(fund_statute_parse(js, strlen(js), &st, &e) == 0);
	CHECK_INT(st.joining_fee, 0);
	CHECK_INT(st.unit, CONTRIB_MONTH);
	CHECK_INT(st.contribution, 3000);
	CHECK(!st.pay_week && st.pay_month && !st.pay_year);
	CHECK_INT(st.suspend_after_months, 0);
	CHECK_INT(st.waiting_days, 0);
	CHECK_INT(st.admin_limit_bp, 2000);
	CHECK(!st.nonmember_aid);
	CHECK_INT(st.nonmember_event_cap, 0);
	CHECK_INT(st.nbenefits, 2);
	b = fund_benefit(&st, "birth");
	REQUIRE(b);
	CHECK_INT(b->recipient, RECIPIENT_MEMBER);
	CHECK_INT(b->waiting_days, -1);
	CHECK_INT(b->nsteps, 0);
	CHECK(!b->nonmembers);
	CHECK_STR(b->conditions_en, "");
	/* Steps come back sorted by min_years, then min_age. */
	b = fund_benefit(&st, "death");
	REQUIRE(b && b->nsteps == 4);
	CHECK_INT(b->amount, 0);
	CHECK_INT(b->steps[0].amount, 1);
	CHECK_INT(b->steps[1].amount, 4);
	CHECK_INT(b->steps[2].amount, 2);
	CHECK_INT(b->steps[3].amount, 3);
	CHECK_INT(fund_statute_check(&st, &e), 0);
}

/* Parses js; on failure returns the field and fills en/th; "OK" on success. */
static char got_en[600], got_th[600];
static int got_code;
static const char *parse_field(const char *js)
{
	static char field[64];
	struct err e;
	size_t i;

	err_init(&e);
	memset(&st, 0x5a, sizeof(st));
	got_code = fund_statute_parse(js, strlen(js), &st, &e);
	if (got_code == 0)
		return "OK";
	/* *s is zeroed on failure. */
	for (i = 0; i < sizeof(st); i++)
		if (((unsigned char *)&st)[i]) {
			snprintf(field, sizeof(field), "NOT ZEROED");
			return field;
		}
	snprintf(got_en, sizeof(got_en), "%s", e.en);
	snprintf(got_th, sizeof(got_th), "%s", e.th);
	if (e.code != got_code || !e.th[0] || !thtext_utf8_valid(e.th, strlen(e.th)) ||
	    !thtext_utf8_valid(e.en, strlen(e.en)))
		return "BAD ERROR";
	snprintf(field, sizeof(field), "%s", e.field);
	return field;
}

/* A statute around one benefit (given as JSON text). */
static const char *with_benefit(const char *benefit)
{
	static char js[16384];

	snprintf(js, sizeof(js),
		 "{\"contribution\":{\"unit\":\"day\",\"amount\":100},\"benefits\":[%s]}",
		 benefit);
	return js;
}

#define FIXED "\"code\":\"b\",\"name_th\":\"ก\",\"name_en\":\"B\",\"basis\":\"fixed\",\"amount\":100"
#define STEPS "\"code\":\"s\",\"name_th\":\"ก\",\"name_en\":\"S\",\"basis\":\"steps\""

static void test_parse_errors(void)
{
	static const struct {
		const char *json, *field, *en;
	} cases[] = {
		{ "{", "statute", "line 1" },
		{ "[]", "statute", "object" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"waiting_days\":1,"
		  "\"waiting_days\":2}", "statute", "duplicate" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"joining_fees\":2000}",
		  "joining_fees", "unknown key" },
		{ "{\"\":{\"unit\":\"month\",\"amount\":2000}}", "\"\"", "unknown key" },
		{ "{}", "contribution", "required" },
		{ "{\"contribution\":[]}", "contribution", "object" },
		{ "{\"contribution\":{\"unit\":\"week\",\"amount\":1}}", "contribution.unit",
		  "\"day\", \"month\", \"year\"" },
		{ "{\"contribution\":{\"unit\":\"day\"}}", "contribution.amount", "required" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1,\"every\":2}}",
		  "contribution.every", "unknown key" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"joining_fee\":\"20\"}",
		  "joining_fee", "whole number" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"joining_fee\":20.5}",
		  "joining_fee", "whole number" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"joining_fee\":-1}",
		  "joining_fee", "satang" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1000000001}}",
		  "contribution.amount", "satang" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"joining_fee\":null}",
		  "joining_fee", "whole number" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"admin_limit_bp\":10001}",
		  "admin_limit_bp", "from 0 to 10000" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"waiting_days\":-1}",
		  "waiting_days", "from 0 to 3650" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"suspend_after_months\":"
		  "99999999999}", "suspend_after_months", "from 0 to 120" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"payment_frequencies\":[]}",
		  "payment_frequencies", "at least one" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"payment_frequencies\":"
		  "[\"week\",\"week\"]}", "payment_frequencies[1]", "repeats" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"payment_frequencies\":"
		  "[\"month\",\"daily\"]}", "payment_frequencies[1]", "must be" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"payment_frequencies\":"
		  "\"month\"}", "payment_frequencies", "array" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"nonmember_aid\":"
		  "{\"allowed\":1}}", "nonmember_aid.allowed", "true or false" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"nonmember_aid\":"
		  "{\"cap\":1}}", "nonmember_aid.cap", "unknown key" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"nonmember_aid\":"
		  "{\"per_year_cap\":-5}}", "nonmember_aid.per_year_cap", "satang" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"benefits\":{}}",
		  "benefits", "array" },
		{ "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"benefits\":[3]}",
		  "benefits[0]", "object" },
	};
	static const struct {
		const char *benefit, *field, *en;
	} bcases[] = {
		{ "{" FIXED ",\"amout\":5}", "benefits[0].amout", "unknown key" },
		{ "{\"name_th\":\"ก\",\"name_en\":\"B\",\"basis\":\"fixed\",\"amount\":1}",
		  "benefits[0].code", "required" },
		{ "{\"code\":\"Birth\",\"name_th\":\"ก\",\"name_en\":\"B\",\"basis\":\"fixed\","
		  "\"amount\":1}", "benefits[0].code", "a-z" },
		{ "{\"code\":\"\",\"name_th\":\"ก\",\"name_en\":\"B\",\"basis\":\"fixed\","
		  "\"amount\":1}", "benefits[0].code", "empty" },
		{ "{\"code\":\"abcdefghijabcdefghijabcdefghij12\",\"name_th\":\"ก\",\"name_en\":"
		  "\"B\",\"basis\":\"fixed\",\"amount\":1}", "benefits[0].code", "at most 31" },
		{ "{" FIXED "},{" FIXED "}", "benefits[1].code", "repeats benefits[0]" },
		{ "{\"code\":\"b\",\"name_th\":\"\",\"name_en\":\"B\",\"basis\":\"fixed\","
		  "\"amount\":1}", "benefits[0].name_th", "empty" },
		{ "{\"code\":\"b\",\"name_th\":\"  \",\"name_en\":\"B\",\"basis\":\"fixed\","
		  "\"amount\":1}", "benefits[0].name_th", "empty" },
		{ "{\"code\":\"b\",\"name_th\":\"ก\\u0007\",\"name_en\":\"B\",\"basis\":\"fixed\","
		  "\"amount\":1}", "benefits[0].name_th", "control character" },
		{ "{\"code\":\"b\",\"name_th\":\"ก\",\"name_en\":\"B\",\"basis\":\"fixed\","
		  "\"amount\":1,\"conditions_th\":\"ก\\nข\\tค\",\"conditions_en\":\"\\u0000\"}",
		  "statute", "NUL" },
		{ "{\"code\":\"b\",\"name_th\":\"ก\",\"name_en\":\"B\",\"basis\":\"fixed\","
		  "\"amount\":1,\"unit_th\":\"ก\\nข\"}", "benefits[0].unit_th",
		  "control character" },
		{ "{\"code\":\"b\",\"name_th\":\"ก\",\"name_en\":\"B\",\"basis\":\"fixed\"}",
		  "benefits[0].amount", "required" },
		{ "{\"code\":\"b\",\"name_th\":\"ก\",\"name_en\":\"B\",\"basis\":\"percent\","
		  "\"amount\":1}", "benefits[0].basis", "\"fixed\", \"per_unit\", \"steps\"" },
		{ "{" FIXED ",\"recipient\":\"child\"}", "benefits[0].recipient", "one of" },
		{ "{" FIXED ",\"waiting_days\":-2}", "benefits[0].waiting_days", "from -1" },
		{ "{" FIXED ",\"min_age\":60,\"max_age\":59}", "benefits[0].max_age", "min_age" },
		{ "{" FIXED ",\"nonmembers\":\"yes\"}", "benefits[0].nonmembers", "true or false" },
		{ "{" FIXED ",\"per_year_cap\":1000000001}", "benefits[0].per_year_cap",
		  "satang" },
		{ "{" FIXED ",\"max_per_year\":367}", "benefits[0].max_per_year", "0 to 366" },
		{ "{" FIXED ",\"steps\":[{\"amount\":1}]}", "benefits[0].steps",
		  "only for basis" },
		{ "{" STEPS "}", "benefits[0].steps", "at least one step" },
		{ "{" STEPS ",\"steps\":[]}", "benefits[0].steps", "at least one step" },
		{ "{" STEPS ",\"amount\":5,\"steps\":[{\"amount\":1}]}", "benefits[0].amount",
		  "from the steps" },
		{ "{" STEPS ",\"steps\":{}}", "benefits[0].steps", "array" },
		{ "{" STEPS ",\"steps\":[{\"amount\":1},7]}", "benefits[0].steps[1]", "object" },
		{ "{" STEPS ",\"steps\":[{\"amount\":1},{\"amt\":1}]}", "benefits[0].steps[1].amt",
		  "unknown key" },
		{ "{" STEPS ",\"steps\":[{\"min_years\":1}]}", "benefits[0].steps[0].amount",
		  "required" },
		{ "{" STEPS ",\"steps\":[{\"min_years\":1,\"amount\":1},{\"min_years\":1,"
		  "\"amount\":2}]}", "benefits[0].steps[1]", "repeat steps[0]" },
		{ "{" STEPS ",\"steps\":[{\"min_years\":101,\"amount\":1}]}",
		  "benefits[0].steps[0].min_years", "0 to 100" },
		{ "{" STEPS ",\"steps\":[{\"min_age\":1.5,\"amount\":1}]}",
		  "benefits[0].steps[0].min_age", "whole number" },
	};
	char big[8192], name[300];
	size_t i;
	int k;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		CHECK_STR(parse_field(cases[i].json), cases[i].field);
		if (!strstr(got_en, cases[i].en))
			fprintf(stderr, "    case %zu: \"%s\" not in \"%s\"\n", i, cases[i].en,
				got_en);
		CHECK(strstr(got_en, cases[i].en) != NULL);
		CHECK_INT(got_code, ERR_INVALID);
	}
	for (i = 0; i < ARRAY_SIZE(bcases); i++) {
		CHECK_STR(parse_field(with_benefit(bcases[i].benefit)), bcases[i].field);
		if (!strstr(got_en, bcases[i].en))
			fprintf(stderr, "    bcase %zu: \"%s\" not in \"%s\"\n", i, bcases[i].en,
				got_en);
		CHECK(strstr(got_en, bcases[i].en) != NULL);
	}
	/* The messages name the path in both languages. */
	CHECK_STR(parse_field(with_benefit("{" FIXED "},{\"code\":\"c\",\"name_th\":\"ก\","
					   "\"name_en\":\"C\",\"basis\":\"fixed\",\"amount\":1},"
					   "{" STEPS ",\"steps\":[{\"amount\":-1}]}")),
		  "benefits[2].steps[0].amount");
	CHECK(strstr(got_th, "benefits[2].steps[0].amount") != NULL);
	CHECK(strstr(got_th, "สตางค์") != NULL);
	CHECK(strstr(got_en, "benefits[2].steps[0].amount") != NULL);
	/* Invalid UTF-8 never gets past jansson. */
	CHECK_STR(parse_field(with_benefit("{\"code\":\"b\",\"name_th\":\"\xe0\xb8\",\"name_en\":"
					   "\"B\",\"basis\":\"fixed\",\"amount\":1}")),
		  "statute");
	/* Names have a byte bound: 127 bytes pass, 128 do not. */
	memset(name, 'x', 127);
	name[127] = '\0';
	snprintf(big, sizeof(big), "{\"code\":\"b\",\"name_th\":\"%s\",\"name_en\":\"B\","
		 "\"basis\":\"fixed\",\"amount\":1}", name);
	CHECK_STR(parse_field(with_benefit(big)), "OK");
	memset(name, 'x', 128);
	name[128] = '\0';
	snprintf(big, sizeof(big), "{\"code\":\"b\",\"name_th\":\"%s\",\"name_en\":\"B\","
		 "\"basis\":\"fixed\",\"amount\":1}", name);
	CHECK_STR(parse_field(with_benefit(big)), "benefits[0].name_th");
	CHECK(strstr(got_en, "at most 127 bytes") != NULL);
	/* Counts: 32 benefits pass, 33 do not; 16 steps pass, 17 do not. */
	for (k = 33; k >= 32; k--) {
		struct buf b;
		int n;

		buf_init(&b, 0);
		buf_puts(&b, "{\"contribution\":{\"unit\":\"day\",\"amount\":1},\"benefits\":[");
		for (n = 0; n < k; n++)
			buf_printf(&b, "%s{\"code\":\"b%d\",\"name_th\":\"ก\",\"name_en\":\"B\","
				   "\"basis\":\"fixed\",\"amount\":1}", n ? "," : "", n);
		buf_puts(&b, "]}");
		CHECK_STR(parse_field(b.ptr), k == 33 ? "benefits" : "OK");
		buf_release(&b);
	}
	for (k = 17; k >= 16; k--) {
		struct buf b;
		int n;

		buf_init(&b, 0);
		buf_puts(&b, "{" STEPS ",\"steps\":[");
		for (n = 0; n < k; n++)
			buf_printf(&b, "%s{\"min_years\":%d,\"amount\":1}", n ? "," : "", n);
		buf_puts(&b, "]}");
		CHECK_STR(parse_field(with_benefit(b.ptr)), k == 17 ? "benefits[0].steps" : "OK");
		buf_release(&b);
	}
	/* Far too large: refused before parsing. */
	{
		size_t n = (1u << 20) + 1;
		char *huge = xmalloc(n + 1);
		struct err e;

		memset(huge, ' ', n);
		huge[n] = '\0';
		err_init(&e);
		CHECK_INT(fund_statute_parse(huge, n, &st, &e), ERR_TOO_LARGE);
		free(huge);
	}
	CHECK_STR(parse_field(""), "statute");
}

static void test_check(void)
{
	struct benefit_rule *b;
	struct err e;

	fund_statute_default(&st);
	b = rule(&st, "death");
	b->steps[1] = b->steps[0];
	err_init(&e);
	CHECK_INT(fund_statute_check(&st, &e), ERR_INVALID);
	CHECK_STR(e.field, "benefits[2].steps[1]");
	CHECK(strstr(e.en, "sorted") != NULL);

	fund_statute_default(&st);
	st.benefits[3].code[0] = 'B';
	CHECK_INT(fund_statute_check(&st, &e), ERR_INVALID);
	CHECK_STR(e.field, "benefits[3].code");

	fund_statute_default(&st);
	memset(st.benefits[0].name_en, 'x', sizeof(st.benefits[0].name_en));
	CHECK_INT(fund_statute_check(&st, &e), ERR_INVALID);
	CHECK_STR(e.field, "benefits[0].name_en");

	fund_statute_default(&st);
	st.unit = 0;
	CHECK_INT(fund_statute_check(&st, &e), ERR_INVALID);
	CHECK_STR(e.field, "contribution.unit");

	fund_statute_default(&st);
	st.nbenefits = FUND_MAX_BENEFITS + 1;
	CHECK_INT(fund_statute_check(&st, &e), ERR_INVALID);
	CHECK_STR(e.field, "benefits");
}

/* ---- versions, dues and standing ---- */

static void set_version(int i, struct date eff, enum contrib_unit unit, int64_t amount)
{
	fund_statute_default(&ver[i].s);
	ver[i].effective = eff;
	ver[i].s.unit = unit;
	ver[i].s.contribution = amount;
}

static void test_statute_at(void)
{
	set_version(0, D(2020, 1, 1), CONTRIB_DAY, 100);
	set_version(1, D(2023, 7, 1), CONTRIB_DAY, 200);
	set_version(2, D(2025, 1, 1), CONTRIB_MONTH, 3000);
	CHECK(fund_statute_at(ver, 3, D(2019, 12, 31)) == NULL);
	CHECK(fund_statute_at(ver, 3, D(2020, 1, 1)) == &ver[0]);
	CHECK(fund_statute_at(ver, 3, D(2023, 6, 30)) == &ver[0]);
	CHECK(fund_statute_at(ver, 3, D(2023, 7, 1)) == &ver[1]);
	CHECK(fund_statute_at(ver, 3, D(2024, 12, 31)) == &ver[1]);
	CHECK(fund_statute_at(ver, 3, D(2025, 1, 1)) == &ver[2]);
	CHECK(fund_statute_at(ver, 3, D(2999, 1, 1)) == &ver[2]);
	CHECK(fund_statute_at(ver, 0, D(2025, 1, 1)) == NULL);
	CHECK(fund_statute_at(ver, 1, D(2025, 1, 1)) == &ver[0]);
}

static void test_dues_daily(void)
{
	set_version(0, D(2000, 1, 1), CONTRIB_DAY, 100);
	/* The month of joining counts in full, February of a leap year has 29 days. */
	CHECK_INT(fund_dues(ver, 1, D(2024, 2, 10), D(2024, 2, 10)), 2900);
	CHECK_INT(fund_dues(ver, 1, D(2024, 2, 29), D(2024, 3, 1)), 2900 + 3100);
	CHECK_INT(fund_dues(ver, 1, D(2023, 2, 1), D(2023, 2, 28)), 2800);
	CHECK_INT(fund_dues(ver, 1, D(2100, 2, 1), D(2100, 2, 1)), 2800);
	CHECK_INT(fund_dues(ver, 1, D(2000, 2, 1), D(2000, 2, 1)), 2900);
	/* DOMAIN rule 8: 1 baht a day is 365 baht a year, 366 in a leap year. */
	CHECK_INT(fund_dues(ver, 1, D(2025, 1, 1), D(2025, 12, 31)), 36500);
	CHECK_INT(fund_dues(ver, 1, D(2024, 1, 31), D(2024, 12, 1)), 36600);
	CHECK_INT(fund_dues(ver, 1, D(2025, 1, 1), D(2024, 12, 31)), 0);
	CHECK_INT(fund_dues(ver, 0, D(2025, 1, 1), D(2025, 12, 31)), 0);
	CHECK_INT(fund_dues(ver, 1, D(2025, 2, 30), D(2025, 12, 31)), 0);
}

static void test_dues_monthly_yearly(void)
{
	set_version(0, D(2000, 1, 1), CONTRIB_MONTH, 3000);
	CHECK_INT(fund_dues(ver, 1, D(2025, 1, 31), D(2025, 1, 31)), 3000);
	CHECK_INT(fund_dues(ver, 1, D(2025, 1, 31), D(2025, 3, 1)), 9000);
	CHECK_INT(fund_dues(ver, 1, D(2024, 11, 15), D(2025, 2, 14)), 12000);

	set_version(0, D(2000, 1, 1), CONTRIB_YEAR, 36500);
	CHECK_INT(fund_dues(ver, 1, D(2024, 5, 20), D(2024, 5, 20)), 36500);
	CHECK_INT(fund_dues(ver, 1, D(2024, 5, 20), D(2025, 4, 30)), 36500);
	CHECK_INT(fund_dues(ver, 1, D(2024, 5, 20), D(2025, 5, 1)), 73000);
	CHECK_INT(fund_dues(ver, 1, D(2024, 5, 20), D(2034, 5, 1)), 11 * 36500);
}

static void test_dues_rate_change(void)
{
	/* The rate of a month is that of the version in force on its first day. */
	set_version(0, D(2020, 1, 1), CONTRIB_DAY, 100);
	set_version(1, D(2025, 3, 15), CONTRIB_DAY, 200);
	CHECK_INT(fund_dues(ver, 2, D(2025, 1, 1), D(2025, 4, 10)), 3100 + 2800 + 3100 + 6000);
	ver[1].effective = D(2025, 3, 1);
	CHECK_INT(fund_dues(ver, 2, D(2025, 1, 1), D(2025, 4, 10)), 3100 + 2800 + 6200 + 6000);
	ver[1].effective = D(2025, 3, 2);
	CHECK_INT(fund_dues(ver, 2, D(2025, 1, 1), D(2025, 3, 31)), 3100 + 2800 + 3100);
	/* Months before the first version pay its rate. */
	CHECK_INT(fund_dues(ver, 2, D(2019, 12, 5), D(2020, 1, 1)), 3100 + 3100);
	/* The unit can change too: daily, then monthly, then yearly on the join month. */
	set_version(0, D(2020, 1, 1), CONTRIB_DAY, 100);
	set_version(1, D(2025, 2, 1), CONTRIB_MONTH, 3000);
	set_version(2, D(2025, 4, 1), CONTRIB_YEAR, 36000);
	CHECK_INT(fund_dues(ver, 3, D(2024, 6, 10), D(2025, 5, 31)),
		  /* Jun 2024 - Jan 2025 daily */ (3000 + 3100 + 3100 + 3000 + 3100 + 3000 + 3100 +
						    3100) +
			  /* Feb, Mar monthly */ 6000 + /* Apr, May: June is the anniversary */ 0);
	CHECK_INT(fund_dues(ver, 3, D(2024, 6, 10), D(2025, 6, 1)),
		  24500 + 6000 + 36000);
}

static void test_dues_long_span(void)
{
	struct date a = D(1925, 1, 1), b = D(2025, 12, 31);

	set_version(0, D(2000, 1, 1), CONTRIB_DAY, 100);
	CHECK_INT(fund_dues(ver, 1, a, b), (int64_t)(date_diff_days(a, b) + 1) * 100);
	/* The whole calendar at the largest rate: no overflow. */
	set_version(0, D(2000, 1, 1), CONTRIB_DAY, FUND_AMOUNT_MAX);
	a = D(1, 1, 1);
	b = D(9999, 12, 31);
	CHECK_INT(fund_dues(ver, 1, a, b), (int64_t)(date_diff_days(a, b) + 1) * FUND_AMOUNT_MAX);
	/* Out-of-range amounts are clamped, not overflowed. */
	ver[0].s.contribution = INT64_MAX;
	CHECK_INT(fund_dues(ver, 1, a, b), (int64_t)(date_diff_days(a, b) + 1) * FUND_AMOUNT_MAX);
	ver[0].s.contribution = -5;
	CHECK_INT(fund_dues(ver, 1, a, b), 0);
}

static void test_standing(void)
{
	struct member_standing m;

	set_version(0, D(2000, 1, 1), CONTRIB_MONTH, 3000);
	fund_standing(ver, 1, D(2025, 1, 1), 0, D(2025, 3, 15), &m);
	CHECK_INT(m.due, 9000);
	CHECK_INT(m.paid, 0);
	CHECK_INT(m.balance, -9000);
	CHECK_INT(m.months_unpaid, 3);
	CHECK(m.in_arrears && !m.suspended);
	CHECK_DATE(m.paid_through, 0, 0, 0);

	fund_standing(ver, 1, D(2025, 1, 1), 6000, D(2025, 3, 15), &m);
	CHECK_INT(m.months_unpaid, 1);
	CHECK_DATE(m.paid_through, 2025, 2, 28);
	fund_standing(ver, 1, D(2025, 1, 1), 8999, D(2025, 3, 15), &m);
	CHECK_INT(m.months_unpaid, 1);
	CHECK_DATE(m.paid_through, 2025, 2, 28);
	CHECK_INT(m.balance, -1);
	fund_standing(ver, 1, D(2025, 1, 1), 9000, D(2025, 3, 15), &m);
	CHECK_INT(m.months_unpaid, 0);
	CHECK(!m.in_arrears);
	CHECK_INT(m.balance, 0);
	CHECK_DATE(m.paid_through, 2025, 3, 31);
	/* Paid ahead: paid_through runs past asof. */
	fund_standing(ver, 1, D(2025, 1, 1), 15000, D(2025, 3, 15), &m);
	CHECK_INT(m.balance, 6000);
	CHECK_DATE(m.paid_through, 2025, 5, 31);
	fund_standing(ver, 1, D(2025, 1, 1), 17999, D(2025, 3, 15), &m);
	CHECK_DATE(m.paid_through, 2025, 5, 31);
	/* A month is due from its first day. */
	fund_standing(ver, 1, D(2025, 1, 1), 6000, D(2025, 2, 28), &m);
	CHECK_INT(m.months_unpaid, 0);
	fund_standing(ver, 1, D(2025, 1, 1), 6000, D(2025, 3, 1), &m);
	CHECK_INT(m.months_unpaid, 1);
	CHECK(m.in_arrears);
	/* Suspension after six unpaid months, not five. */
	fund_standing(ver, 1, D(2025, 1, 1), 0, D(2025, 5, 31), &m);
	CHECK_INT(m.months_unpaid, 5);
	CHECK(!m.suspended);
	fund_standing(ver, 1, D(2025, 1, 1), 0, D(2025, 6, 1), &m);
	CHECK_INT(m.months_unpaid, 6);
	CHECK(m.suspended);
	ver[0].s.suspend_after_months = 0;
	fund_standing(ver, 1, D(2025, 1, 1), 0, D(2030, 6, 1), &m);
	CHECK(m.in_arrears && !m.suspended);
	/* The version in force on asof sets the threshold. */
	set_version(0, D(2000, 1, 1), CONTRIB_MONTH, 3000);
	set_version(1, D(2025, 6, 1), CONTRIB_MONTH, 3000);
	ver[1].s.suspend_after_months = 12;
	fund_standing(ver, 2, D(2025, 1, 1), 0, D(2025, 6, 1), &m);
	CHECK(!m.suspended);
	/* Before joining, nothing is due. */
	fund_standing(ver, 1, D(2025, 1, 1), 500, D(2024, 12, 31), &m);
	CHECK_INT(m.due, 0);
	CHECK_INT(m.balance, 500);
	CHECK_INT(m.months_unpaid, 0);
	CHECK(!m.in_arrears && !m.suspended);
	CHECK_DATE(m.paid_through, 0, 0, 0);
}

static void test_standing_daily_yearly(void)
{
	struct member_standing m;

	set_version(0, D(2000, 1, 1), CONTRIB_DAY, 100);
	fund_standing(ver, 1, D(2024, 2, 1), 2900, D(2024, 2, 15), &m);
	CHECK_DATE(m.paid_through, 2024, 2, 29);
	CHECK_INT(m.months_unpaid, 0);
	fund_standing(ver, 1, D(2024, 2, 1), 2899, D(2024, 2, 15), &m);
	CHECK_DATE(m.paid_through, 0, 0, 0);
	CHECK_INT(m.months_unpaid, 1);
	CHECK_INT(m.balance, -1);

	/* Yearly: paid for the first year, due again on the anniversary month. */
	set_version(0, D(2000, 1, 1), CONTRIB_YEAR, 36500);
	fund_standing(ver, 1, D(2024, 3, 10), 36500, D(2025, 2, 28), &m);
	CHECK_INT(m.months_unpaid, 0);
	CHECK_DATE(m.paid_through, 2025, 2, 28);
	fund_standing(ver, 1, D(2024, 3, 10), 36500, D(2025, 3, 1), &m);
	CHECK_INT(m.months_unpaid, 1);
	CHECK_INT(m.due, 73000);
	CHECK(m.in_arrears && !m.suspended);
	fund_standing(ver, 1, D(2024, 3, 10), 36500, D(2025, 8, 1), &m);
	CHECK_INT(m.months_unpaid, 6);
	CHECK(m.suspended);
	fund_standing(ver, 1, D(2024, 3, 10), 73000, D(2024, 3, 10), &m);
	CHECK_DATE(m.paid_through, 2026, 2, 28);
	CHECK_INT(m.balance, 36500);
	/* A free fund is covered ahead, but only so far. */
	set_version(0, D(2000, 1, 1), CONTRIB_MONTH, 0);
	fund_standing(ver, 1, D(2024, 3, 10), 0, D(2025, 1, 1), &m);
	CHECK_INT(m.months_unpaid, 0);
	CHECK(m.paid_through.y >= 2025 && m.paid_through.y <= 2125);
	/* A huge payment stops at year 9999. */
	set_version(0, D(2000, 1, 1), CONTRIB_MONTH, 1);
	fund_standing(ver, 1, D(9990, 1, 1), INT64_MAX, D(9995, 1, 1), &m);
	CHECK_DATE(m.paid_through, 9999, 12, 31);
	fund_standing(ver, 1, D(1, 1, 1), INT64_MIN, D(9999, 12, 31), &m);
	CHECK_INT(m.balance, INT64_MIN);
	CHECK_INT(m.months_unpaid, 9999 * 12);
}

/* ---- claims ---- */

static struct claim_result res;

static struct claim_case member_case(const char *benefit, struct date join, struct date event)
{
	struct claim_case c;

	memset(&c, 0, sizeof(c));
	c.benefit = benefit;
	c.member = true;
	c.join = join;
	c.event = event;
	return c;
}

static int calc(const struct claim_case *c)
{
	struct err e;
	int rc, i;

	err_init(&e);
	rc = fund_claim_calc(&st, c, &res, &e);
	for (i = 0; i < res.nlines; i++) {
		CHECK(thtext_utf8_valid(res.lines[i].th, strlen(res.lines[i].th)));
		CHECK(res.lines[i].th[0] && res.lines[i].en[0]);
	}
	CHECK(res.nlines <= CALC_MAX_LINES);
	if (rc == 0) {
		CHECK(res.nlines >= 1);
		CHECK(res.eligible == (res.reason[0] == '\0'));
		CHECK(res.eligible || res.amount == 0);
	}
	return rc;
}

/* True when some line says s, in either language. */
static bool said(const char *s)
{
	int i;

	for (i = 0; i < res.nlines; i++)
		if (strstr(res.lines[i].th, s) || strstr(res.lines[i].en, s))
			return true;
	return false;
}

static void show(void)
{
	int i;

	for (i = 0; i < res.nlines; i++)
		fprintf(stderr, "    | %s\n    | %s\n", res.lines[i].th, res.lines[i].en);
}

static void test_claim_waiting(void)
{
	struct claim_case c;

	fund_statute_default(&st);
	/* DOMAIN example 6: 179 days rejected, 180 accepted. */
	c = member_case("birth", D(2025, 1, 1), D(2025, 6, 29));
	CHECK_INT(calc(&c), 0);
	CHECK(!res.eligible);
	CHECK_STR(res.reason, "waiting_period");
	CHECK_INT(res.amount, 0);
	CHECK(said("waiting period 180 days: member for 179 days, not complete "
		   "(eligible from 30 Jun 2025)"));
	CHECK(said("ระยะรอสิทธิ์ 180 วัน: เป็นสมาชิกมา 179 วัน ยังไม่ครบ (มีสิทธิ์ตั้งแต่ 30 มิ.ย. 2568)"));
	CHECK(said("not eligible"));
	c.event = D(2025, 6, 30);
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	CHECK_STR(res.reason, "");
	CHECK_INT(res.amount, 50000);
	CHECK(said("member for 180 days, complete"));
	CHECK(said("fixed amount 500 baht"));
	CHECK(said("pays 500 baht"));
	CHECK(said("จ่าย 500 บาท"));
	/* An event before joining fails the waiting period. */
	c.event = D(2024, 12, 31);
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "waiting_period");
	CHECK(said("before the member joined"));
	/* A benefit's own waiting period (disaster: none) overrides the statute's. */
	c = member_case("disaster", D(2025, 1, 1), D(2025, 1, 1));
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	CHECK_INT(res.amount, 100000);
	rule(&st, "disaster")->waiting_days = 30;
	c.event = D(2025, 1, 30);
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "waiting_period");
	c.event = D(2025, 1, 31);
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	/* A statute without a wait: the joining day itself counts. */
	st.waiting_days = 0;
	c = member_case("birth", D(2025, 1, 1), D(2025, 1, 1));
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
}

static void test_claim_hospital_caps(void)
{
	struct claim_history h[3];
	struct claim_case c;

	fund_statute_default(&st);
	/* DOMAIN example 7. */
	c = member_case("hospital", D(2020, 1, 1), D(2025, 3, 10));
	c.units = 4;
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	CHECK_INT(res.amount, 60000);
	CHECK(said("200 baht per night × 4 = 800 baht"));
	CHECK(said("คืนละ 200 บาท × 4 คืน = 800 บาท"));
	CHECK(said("cap per event 600 baht: 800 baht lowered to 600 baht"));
	CHECK(said("yearly cap 1,000 baht: 0 baht already paid, 1,000 baht left"));
	h[0] = (struct claim_history){ D(2025, 3, 10), 60000 };
	c.event = D(2025, 7, 2);
	c.units = 3;
	c.history = h;
	c.nhistory = 1;
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	CHECK_INT(res.amount, 40000);
	CHECK(said("cap per event 600 baht: within the cap"));
	CHECK(said("yearly cap 1,000 baht: 600 baht already paid, 400 baht left"));
	CHECK(said("เพดานต่อปี 1,000 บาท: จ่ายแล้ว 600 บาท เหลือ 400 บาท"));
	CHECK(said("pays 400 baht"));
	h[1] = (struct claim_history){ D(2025, 7, 2), 40000 };
	c.event = D(2025, 11, 20);
	c.units = 2;
	c.nhistory = 2;
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	CHECK_STR(res.reason, "");
	CHECK_INT(res.amount, 0);
	CHECK(said("yearly cap 1,000 baht: 1,000 baht already paid, the cap is reached"));
	CHECK(said("เพดานต่อปี 1,000 บาท: จ่ายแล้ว 1,000 บาท ครบเพดานแล้ว"));
	CHECK(said("pays 0 baht: the cap is reached"));
	/* A new calendar year starts afresh. */
	c.event = D(2026, 1, 1);
	c.units = 5;
	CHECK_INT(calc(&c), 0);
	CHECK_INT(res.amount, 60000);
	CHECK(said("yearly cap 1,000 baht: 0 baht already paid, 1,000 baht left"));
	/* A stay in the year before and one later in the same year both count by year. */
	h[2] = (struct claim_history){ D(2026, 12, 31), 90000 };
	c.nhistory = 3;
	c.units = 1;
	CHECK_INT(calc(&c), 0);
	CHECK_INT(res.amount, 10000);
	/* Zero nights: eligible, nothing to pay. */
	c.nhistory = 0;
	c.units = 0;
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	CHECK_INT(res.amount, 0);
	CHECK(said("pays 0 baht"));
	CHECK(!said("cap is reached"));
}

static void test_claim_death_steps(void)
{
	static const struct {
		struct date join, event;
		int64_t amount;
	} cases[] = {
		{ { 2020, 1, 1 }, { 2020, 12, 31 }, 300000 },
		{ { 2020, 1, 1 }, { 2021, 1, 1 }, 500000 },
		{ { 2020, 1, 1 }, { 2022, 12, 31 }, 500000 },
		{ { 2020, 1, 1 }, { 2023, 1, 1 }, 1000000 },
		{ { 2020, 1, 1 }, { 2024, 12, 31 }, 1000000 },
		{ { 2020, 1, 1 }, { 2025, 1, 1 }, 1500000 },
		{ { 2020, 1, 1 }, { 2029, 12, 31 }, 1500000 },
		{ { 2020, 1, 1 }, { 2030, 1, 1 }, 3000000 },
		{ { 2020, 1, 1 }, { 2080, 1, 1 }, 3000000 },
		/* Joined on 29 February: years complete on 1 March of common years. */
		{ { 2024, 2, 29 }, { 2025, 2, 28 }, 300000 },
		{ { 2024, 2, 29 }, { 2025, 3, 1 }, 500000 },
		{ { 2024, 2, 29 }, { 2027, 2, 28 }, 500000 },
		{ { 2024, 2, 29 }, { 2027, 3, 1 }, 1000000 },
		{ { 2024, 2, 29 }, { 2029, 2, 28 }, 1000000 },
		{ { 2024, 2, 29 }, { 2029, 3, 1 }, 1500000 },
		{ { 2024, 2, 29 }, { 2034, 2, 28 }, 1500000 },
		{ { 2024, 2, 29 }, { 2034, 3, 1 }, 3000000 },
		{ { 2020, 2, 29 }, { 2030, 2, 28 }, 1500000 },
		{ { 2020, 2, 29 }, { 2030, 3, 1 }, 3000000 },
	};
	struct claim_history h = { { 2022, 1, 1 }, 500000 };
	struct claim_case c;
	size_t i;

	fund_statute_default(&st);
	st.waiting_days = 0;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		c = member_case("death", cases[i].join, cases[i].event);
		CHECK_INT(calc(&c), 0);
		CHECK(res.eligible);
		if (res.amount != cases[i].amount) {
			fprintf(stderr, "    case %zu\n", i);
			show();
		}
		CHECK_INT(res.amount, cases[i].amount);
	}
	c = member_case("death", D(2020, 1, 1), D(2025, 1, 1));
	CHECK_INT(calc(&c), 0);
	CHECK(said("5 completed years of membership: the step for 5 years or more, 15,000 baht"));
	CHECK(said("เป็นสมาชิกครบ 5 ปี: ตามขั้นสมาชิก 5 ปีขึ้นไป 15,000 บาท"));
	c.event = D(2020, 6, 1);
	CHECK_INT(calc(&c), 0);
	CHECK(said("the base step, 3,000 baht"));
	/* Once in a lifetime. */
	c.history = &h;
	c.nhistory = 1;
	CHECK_INT(calc(&c), 0);
	CHECK(!res.eligible);
	CHECK_STR(res.reason, "max_lifetime");
	CHECK(said("received 1 so far: at most 1 in a lifetime, not met"));
}

static void test_claim_old_age(void)
{
	struct claim_history h = { { 2025, 1, 15 }, 20000 };
	struct claim_case c;

	fund_statute_default(&st);
	c = member_case("old_age", D(2020, 1, 1), D(2025, 3, 9));
	c.birth = D(1965, 3, 10);
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "age");
	CHECK(said("age 59: the rule is aged 60 or older, not met"));
	CHECK(said("อายุ 59 ปี: เงื่อนไขอายุ 60 ปีขึ้นไป ไม่ผ่าน"));
	c.event = D(2025, 3, 10);
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	CHECK_INT(res.amount, 20000);
	CHECK(said("age 60: the rule is aged 60 or older, met"));
	CHECK(said("the step for 3 years or more, aged 60 or older, 200 baht"));
	/* Membership years: exact anniversary. */
	c = member_case("old_age", D(2022, 6, 1), D(2025, 5, 31));
	c.birth = D(1950, 1, 1);
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "member_years");
	CHECK(said("2 completed years of membership: at least 3 required, not met "
		   "(3 years on 1 Jun 2025)"));
	c.event = D(2025, 6, 1);
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	CHECK_INT(res.amount, 20000);
	/* Once a year. */
	c.history = &h;
	c.nhistory = 1;
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "max_per_year");
	CHECK(said("in 2025: received 1 so far, at most 1 a year, not met"));
	CHECK(said("ปี 2568 ได้รับแล้ว 1 ครั้ง"));
	h.event = D(2024, 6, 1);
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	/* Unknown birth date: the age rule cannot be met. */
	c.birth = D(0, 0, 0);
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "age");
	CHECK(said("date of birth unknown"));
	/* Without the benefit's own bounds the steps decide. */
	rule(&st, "old_age")->min_age = 0;
	rule(&st, "old_age")->min_member_years = 0;
	c.birth = D(1966, 1, 1);
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "age");
	CHECK(said("no step applies"));
	c = member_case("old_age", D(2023, 6, 1), D(2025, 6, 1));
	c.birth = D(1950, 1, 1);
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "member_years");
}

static void test_claim_age_bounds(void)
{
	struct claim_case c;
	struct benefit_rule *b;

	fund_statute_default(&st);
	b = rule(&st, "scholarship");
	b->min_age = 6;
	b->max_age = 25;
	c = member_case("scholarship", D(2000, 1, 1), D(2025, 5, 9));
	c.birth = D(2000, 5, 10);
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	CHECK(said("age 24: the rule is aged 6 to 25, met"));
	c.birth = D(2000, 5, 9);
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible); /* 25 exactly: still in */
	c.birth = D(1999, 5, 9);
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "age"); /* 26 */
	c.birth = D(2019, 5, 10);
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "age"); /* 5 */
	c.birth = D(2019, 5, 9);
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible); /* 6 today */
	/* Born 29 February: 60 on 1 March in a common year. */
	b->min_age = 60;
	b->max_age = 0;
	c.birth = D(1964, 2, 29);
	c.event = D(2024, 2, 28);
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "age");
	c.event = D(2024, 2, 29);
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	c.birth = D(1964, 2, 29);
	b->min_age = 61;
	c.event = D(2025, 2, 28);
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "age");
	c.event = D(2025, 3, 1);
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
}

static void test_claim_lifetime_cap(void)
{
	struct claim_history h[2] = { { { 2021, 5, 1 }, 50000 }, { { 2023, 5, 1 }, 30000 } };
	struct claim_case c;
	struct benefit_rule *b;

	fund_statute_default(&st);
	b = rule(&st, "disability");
	b->lifetime_cap = 100000;
	b->max_lifetime = 3;
	c = member_case("disability", D(2020, 1, 1), D(2025, 5, 1));
	c.history = h;
	c.nhistory = 2;
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	CHECK_INT(res.amount, 20000);
	CHECK(said("lifetime cap 1,000 baht: 800 baht already paid, 200 baht left"));
	CHECK(said("received 2 so far: at most 3 in a lifetime, met"));
	b->max_lifetime = 2;
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "max_lifetime");
	b->max_lifetime = 0;
	h[1].amount = 50000;
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	CHECK_INT(res.amount, 0);
	CHECK(said("lifetime cap 1,000 baht: 1,000 baht already paid, the cap is reached"));
}

static void test_claim_suspended_unknown(void)
{
	struct claim_case c;

	fund_statute_default(&st);
	c = member_case("birth", D(2020, 1, 1), D(2025, 1, 1));
	c.suspended = true;
	CHECK_INT(calc(&c), 0);
	CHECK(!res.eligible);
	CHECK_STR(res.reason, "suspended");
	CHECK(said("member since 1 Jan 2020, but suspended"));
	CHECK(said("สมาชิกตั้งแต่ 1 ม.ค. 2563 แต่ถูกพักสิทธิ์"));
	/* Every rule is explained; the reason is the first that failed. */
	c.event = D(2020, 3, 1);
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "suspended");
	CHECK(said("not complete"));
	c.suspended = false;
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "waiting_period");
	CHECK(said("member since 1 Jan 2020, in good standing"));
	c.benefit = "lottery";
	CHECK_INT(calc(&c), 0);
	CHECK(!res.eligible);
	CHECK_STR(res.reason, "unknown_benefit");
	CHECK(said("no benefit with the code \"lottery\""));
	c.benefit = "ยาวมากยาวมากยาวมากยาวมากยาวมาก";
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "unknown_benefit");
}

static void test_claim_nonmember(void)
{
	struct claim_case c;

	fund_statute_default(&st);
	memset(&c, 0, sizeof(c));
	c.benefit = "hospital";
	c.event = D(2025, 4, 1);
	c.units = 2;
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "nonmember");
	CHECK(said("this benefit is for members only"));
	c.benefit = "disaster";
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	CHECK_INT(res.amount, 100000);
	CHECK(said("non-member aid cap per event 2,000 baht: within the cap"));
	CHECK(said("non-member aid cap per year 50,000 baht: 0 baht paid by the fund, "
		   "50,000 baht left"));
	/* Non-member caps. */
	rule(&st, "disaster")->amount = 300000;
	CHECK_INT(calc(&c), 0);
	CHECK_INT(res.amount, 200000);
	CHECK(said("3,000 baht lowered to 2,000 baht"));
	c.nonmember_year_paid = 4950000;
	CHECK_INT(calc(&c), 0);
	CHECK_INT(res.amount, 50000);
	CHECK(said("เพดานช่วยเหลือผู้ไม่เป็นสมาชิกต่อปี 50,000 บาท: กองทุนจ่ายแล้ว 49,500 บาท เหลือ 500 บาท"));
	c.nonmember_year_paid = 5000000;
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	CHECK_INT(res.amount, 0);
	/* Member caps do not apply to members' claims of the fund-wide aid cap. */
	c = member_case("disaster", D(2020, 1, 1), D(2025, 4, 1));
	c.nonmember_year_paid = 5000000;
	CHECK_INT(calc(&c), 0);
	CHECK_INT(res.amount, 300000);
	/* The statute can refuse all aid. */
	memset(&c, 0, sizeof(c));
	c.benefit = "disaster";
	c.event = D(2025, 4, 1);
	st.nonmember_aid = false;
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "nonmember");
	CHECK(said("the statute gives no aid to non-members"));
	/* Suspension and waiting do not apply to non-members; member years do. */
	st.nonmember_aid = true;
	c.suspended = true;
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	rule(&st, "disaster")->min_member_years = 1;
	CHECK_INT(calc(&c), 0);
	CHECK_STR(res.reason, "member_years");
}

static void test_claim_malformed(void)
{
	struct claim_history bad = { { 2025, 2, 30 }, 100 };
	struct claim_case c;
	struct err e;

	fund_statute_default(&st);
	err_init(&e);
	c = member_case("hospital", D(2020, 1, 1), D(2025, 1, 1));
	c.units = -1;
	CHECK_INT(fund_claim_calc(&st, &c, &res, &e), ERR_INVALID);
	CHECK_STR(e.field, "units");
	CHECK(!res.eligible && res.nlines == 0);
	c.units = 1;
	c.event = D(2025, 2, 29);
	CHECK_INT(fund_claim_calc(&st, &c, &res, &e), ERR_INVALID);
	CHECK_STR(e.field, "event");
	c.event = D(2025, 1, 1);
	c.join = D(0, 0, 0);
	CHECK_INT(fund_claim_calc(&st, &c, &res, &e), ERR_INVALID);
	CHECK_STR(e.field, "join");
	c.join = D(2020, 1, 1);
	c.birth = D(2025, 1, 2);
	CHECK_INT(fund_claim_calc(&st, &c, &res, &e), ERR_INVALID);
	CHECK_STR(e.field, "event");
	CHECK(strstr(e.th, "วันเกิด") != NULL);
	c.birth = D(0, 0, 0);
	c.history = &bad;
	c.nhistory = 1;
	CHECK_INT(fund_claim_calc(&st, &c, &res, &e), ERR_INVALID);
	CHECK_STR(e.field, "history");
	c.history = NULL;
	CHECK_INT(fund_claim_calc(&st, &c, &res, &e), ERR_INVALID);
	c.nhistory = 0;
	c.benefit = NULL;
	CHECK_INT(fund_claim_calc(&st, &c, &res, &e), ERR_INVALID);
	CHECK_STR(e.field, "benefit");
	/* A non-member needs no join date. */
	c.benefit = "disaster";
	c.member = false;
	c.join = D(0, 0, 0);
	CHECK_INT(fund_claim_calc(&st, &c, &res, &e), 0);
	CHECK(res.eligible);
}

static void test_claim_limits(void)
{
	struct claim_case c;
	struct benefit_rule *b;
	int64_t sum = 0;
	int i;

	fund_statute_default(&st);
	/* The largest per-unit claim is cut to the sanity bound. */
	b = rule(&st, "hospital");
	b->amount = FUND_AMOUNT_MAX;
	b->per_event_cap = b->per_year_cap = 0;
	c = member_case("hospital", D(2020, 1, 1), D(2025, 1, 1));
	c.units = 2147483647;
	CHECK_INT(calc(&c), 0);
	CHECK_INT(res.amount, FUND_AMOUNT_MAX);
	CHECK(said("at most 10,000,000 baht per claim"));
	/* Every rule at once stays within the line limit. */
	fund_statute_default(&st);
	b = rule(&st, "disaster");
	b->min_age = 1;
	b->max_age = 100;
	b->min_member_years = 0;
	b->max_per_year = 5;
	b->max_lifetime = 9;
	b->per_event_cap = 90000;
	b->per_year_cap = 500000;
	b->lifetime_cap = 900000;
	b->waiting_days = 10;
	memset(&c, 0, sizeof(c));
	c.benefit = "disaster";
	c.event = D(2025, 1, 1);
	c.birth = D(1980, 1, 1);
	CHECK_INT(calc(&c), 0);
	CHECK(res.eligible);
	CHECK_INT(res.amount, 90000);
	CHECK(res.nlines <= CALC_MAX_LINES);
	for (i = 0; i < res.nlines; i++)
		sum += (int64_t)strlen(res.lines[i].th);
	CHECK(sum > 0);
}

int main(void)
{
	RUN(test_default);
	RUN(test_round_trip);
	RUN(test_parse_defaults);
	RUN(test_parse_errors);
	RUN(test_check);
	RUN(test_statute_at);
	RUN(test_dues_daily);
	RUN(test_dues_monthly_yearly);
	RUN(test_dues_rate_change);
	RUN(test_dues_long_span);
	RUN(test_standing);
	RUN(test_standing_daily_yearly);
	RUN(test_claim_waiting);
	RUN(test_claim_hospital_caps);
	RUN(test_claim_death_steps);
	RUN(test_claim_old_age);
	RUN(test_claim_age_bounds);
	RUN(test_claim_lifetime_cap);
	RUN(test_claim_suspended_unknown);
	RUN(test_claim_nonmember);
	RUN(test_claim_malformed);
	RUN(test_claim_limits);
	return test_summary("fund");
}
