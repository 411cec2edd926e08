/*
 * core/grant: size tiers on their boundaries (a total on a ceiling belongs
 * to the lower tier), tier and target-group lists, the rubric, the step
 * table (no step skipped), status names and certificate numbers.
 */
#include "test.h"
#include "core/grant.h"
#include "core/ledger.h"

static void test_tiers(void)
{
	enum grant_tier t;
	struct err e;

	CHECK(grant_tier_of(1, &t, &e) == 0 && t == GRANT_TIER_SMALL);
	CHECK(grant_tier_of(GRANT_SMALL_MAX, &t, &e) == 0 && t == GRANT_TIER_SMALL);
	CHECK(grant_tier_of(GRANT_SMALL_MAX + 1, &t, &e) == 0 && t == GRANT_TIER_MEDIUM);
	CHECK(grant_tier_of(GRANT_MEDIUM_MAX, &t, &e) == 0 && t == GRANT_TIER_MEDIUM);
	CHECK(grant_tier_of(GRANT_MEDIUM_MAX + 1, &t, &e) == 0 && t == GRANT_TIER_LARGE);
	CHECK(grant_tier_of(GRANT_LARGE_MAX, &t, &e) == 0 && t == GRANT_TIER_LARGE);
	CHECK_INT(grant_tier_of(GRANT_LARGE_MAX + 1, &t, &e), ERR_INVALID);
	CHECK_INT(t, 0);
	CHECK_INT(grant_tier_of(0, &t, &e), ERR_INVALID);
	CHECK_INT(grant_tier_of(-5, &t, &e), ERR_INVALID);
	CHECK_STR(grant_tier_code(GRANT_TIER_MEDIUM), "medium");
	CHECK_STR(grant_tier_code(0), "");
	CHECK_INT(grant_tier_parse("large"), GRANT_TIER_LARGE);
	CHECK_INT(grant_tier_parse("Large"), -1);
	CHECK(strstr(grant_tier_name(GRANT_TIER_SMALL, true), "50,000") != NULL);
}

static void test_lists(void)
{
	unsigned m;
	struct err e;

	CHECK(grant_tiers_parse("small, large", &m, &e) == 0 &&
	      m == ((1u << GRANT_TIER_SMALL) | (1u << GRANT_TIER_LARGE)));
	CHECK(grant_tiers_parse("medium,", &m, &e) == 0 && m == (1u << GRANT_TIER_MEDIUM));
	CHECK_INT(grant_tiers_parse("huge", &m, &e), ERR_INVALID);
	CHECK_STR(e.field, "tiers");
	CHECK_INT(grant_tiers_parse("", &m, &e), ERR_INVALID);
	CHECK_INT(grant_tiers_parse(",,", &m, &e), ERR_INVALID);
	CHECK_INT(grant_tiers_parse(NULL, &m, &e), ERR_INVALID);
	CHECK_INT(grant_tiers_parse("smallsmallsmallsmallsmallsmallsmallsmall", &m, &e), ERR_INVALID);
	CHECK(grant_groups_parse("elderly,child_youth", &m, &e) == 0 && m == 5);
	CHECK(grant_groups_parse("disadvantaged", &m, &e) == 0 && m == 8);
	CHECK_INT(grant_groups_parse("cats", &m, &e), ERR_INVALID);
	CHECK_STR(e.field, "target_groups");
	CHECK_INT(grant_groups_parse("", &m, &e), ERR_INVALID);
	CHECK_INT(grant_groups_parse(",", &m, &e), ERR_INVALID);
}

static void test_rubric(void)
{
	size_t n;
	const struct grant_criterion *r = grant_rubric(&n);
	int sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += r[i].max;
	CHECK_INT(sum, 100);
	CHECK(grant_criterion_find("budget") && grant_criterion_find("budget")->max == 20);
	CHECK(grant_criterion_find("charm") == NULL);
	CHECK(grant_criterion_find(NULL) == NULL);
}

static void test_steps(void)
{
	static const char *const path[][2] = {
		{ "submit", "submitted" },  { "screen", "screened" },	    { "review", "under_review" },
		{ "approve", "approved" },  { "sign", "agreement_signed" }, { "disburse", "in_progress" },
		{ "final", "reported" },    { "close", "closed" },
	};
	const char *s = "draft";

	for (size_t i = 0; i < ARRAY_SIZE(path); i++) {
		CHECK_STR(grant_step_to(path[i][0], s), path[i][1]);
		s = path[i][1];
	}
	/* Nothing skips a step or goes back. */
	CHECK(grant_step_to("approve", "submitted") == NULL);
	CHECK(grant_step_to("disburse", "approved") == NULL);
	CHECK(grant_step_to("sign", "under_review") == NULL);
	CHECK(grant_step_to("close", "in_progress") == NULL);
	CHECK(grant_step_to("submit", "declined") == NULL);
	CHECK(grant_step_to("disburse", "closed") == NULL);
	CHECK_STR(grant_step_to("screen_out", "submitted"), "declined");
	CHECK_STR(grant_step_to("decline", "under_review"), "declined");
	CHECK_STR(grant_step_to("disburse", "reported"), "reported");
	CHECK(grant_step_to(NULL, "draft") == NULL);
	CHECK_STR(grant_status_name("under_review", true), "อยู่ระหว่างพิจารณา");
	CHECK_STR(grant_status_name("closed", false), "Closed");
	CHECK_STR(grant_status_name("odd", false), "odd");
}

static void test_chart_and_numbers(void)
{
	size_t n;
	const struct chart_account *c = grant_chart(&n);
	char no[32];

	CHECK_INT(n, 4);
	CHECK_STR(c[0].code, GRANT_ACC_BANK);
	CHECK(c[0].cash);
	CHECK_INT(c[3].type, ACCT_EXPENSE);
	grant_cert_no("56", 2569, 7, no);
	CHECK_STR(no, "56/2569/007");
	grant_cert_no("TH", 2570, 123, no);
	CHECK_STR(no, "TH/2570/123");
	grant_cert_no("", 2570, 1, no);
	CHECK_STR(no, "TH/2570/001");
}

int main(void)
{
	RUN(test_tiers);
	RUN(test_lists);
	RUN(test_rubric);
	RUN(test_steps);
	RUN(test_chart_and_numbers);
	return test_summary("grant");
}
