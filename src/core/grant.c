/*
 * Grant rules: tiers from the requested total, the rubric, the step table
 * of an application's workflow and the chart of a channel's books. The
 * tables are the policy; app/grant.c applies them inside its transactions.
 */
#include "core/grant.h"
#include "core/ledger.h"
#include "core/person.h"

static const struct {
	const char *code, *th, *en;
} tiers[GRANT_TIER_COUNT] = {
	[GRANT_TIER_SMALL] = { "small", "ขนาดเล็ก (ไม่เกิน 50,000 บาท)", "Small (up to 50,000 baht)" },
	[GRANT_TIER_MEDIUM] = { "medium", "ขนาดกลาง (50,000-300,000 บาท)",
				"Medium (50,000-300,000 baht)" },
	[GRANT_TIER_LARGE] = { "large", "ขนาดใหญ่ (300,000-3,000,000 บาท)",
			       "Large (300,000-3,000,000 baht)" },
};

const char *grant_tier_code(enum grant_tier t)
{
	return t >= GRANT_TIER_SMALL && t < GRANT_TIER_COUNT ? tiers[t].code : "";
}

int grant_tier_parse(const char *s)
{
	for (int i = GRANT_TIER_SMALL; s && i < GRANT_TIER_COUNT; i++)
		if (!strcmp(s, tiers[i].code))
			return i;
	return -1;
}

const char *grant_tier_name(enum grant_tier t, bool thai)
{
	if (t < GRANT_TIER_SMALL || t >= GRANT_TIER_COUNT)
		return "";
	return thai ? tiers[t].th : tiers[t].en;
}

int grant_tier_of(int64_t total, enum grant_tier *out, struct err *e)
{
	*out = 0;
	if (total <= 0)
		return err_set(e, ERR_INVALID, "lines", "ยอดเงินที่ขอต้องมากกว่าศูนย์%s",
			       "the amount requested must be more than zero%s", "");
	if (total > GRANT_LARGE_MAX)
		return err_set(e, ERR_INVALID, "lines",
			       "ขอได้ไม่เกิน 3,000,000 บาทต่อโครงการ%s",
			       "a project may ask for at most 3,000,000 baht%s", "");
	*out = total <= GRANT_SMALL_MAX	   ? GRANT_TIER_SMALL
	       : total <= GRANT_MEDIUM_MAX ? GRANT_TIER_MEDIUM
					   : GRANT_TIER_LARGE;
	return 0;
}

/* Splits a comma list into words of at most 31 bytes and calls f on each;
 * stops at the first failure. */
static int each_word(const char *list, int (*f)(const char *, unsigned *, struct err *),
		     unsigned *mask, struct err *e)
{
	const char *p = list;
	int r;

	while (*p) {
		char w[32];
		size_t n = strcspn(p, ",");
		size_t k = 0;

		for (size_t i = 0; i < n; i++)
			if (p[i] != ' ' && k < sizeof(w) - 1)
				w[k++] = p[i];
		w[k] = '\0';
		if (n >= sizeof(w) || (r = f(w, mask, e)))
			return n >= sizeof(w) ? f("?", mask, e) : r;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

static int tier_word(const char *w, unsigned *mask, struct err *e)
{
	int t = grant_tier_parse(w);

	if (t < 0)
		return err_set(e, ERR_INVALID, "tiers", "ไม่รู้จักขนาดโครงการ \"%.31s\"",
			       "unknown size tier \"%.31s\"", w);
	*mask |= 1u << t;
	return 0;
}

int grant_tiers_parse(const char *list, unsigned *mask, struct err *e)
{
	int r;

	*mask = 0;
	if (!list || (r = each_word(list, tier_word, mask, e)) || !*mask) {
		*mask = 0;
		return err_set(e, ERR_INVALID, "tiers",
			       "เลือกขนาดโครงการที่รับอย่างน้อยหนึ่งขนาด (small, medium, large)%s",
			       "choose at least one size tier (small, medium, large)%s", "");
	}
	return 0;
}

static int group_word(const char *w, unsigned *mask, struct err *e)
{
	for (int i = 0; i < GROUP_COUNT; i++)
		if (!strcmp(w, target_group_code(1u << i))) {
			*mask |= 1u << i;
			return 0;
		}
	return err_set(e, ERR_INVALID, "target_groups", "ไม่รู้จักกลุ่มเป้าหมาย \"%.31s\"",
		       "unknown target group \"%.31s\"", w);
}

int grant_groups_parse(const char *list, unsigned *mask, struct err *e)
{
	int r;

	*mask = 0;
	if (!list || !*list)
		return err_set(e, ERR_INVALID, "target_groups",
			       "เลือกกลุ่มเป้าหมายอย่างน้อยหนึ่งกลุ่ม%s",
			       "choose at least one target group%s", "");
	if ((r = each_word(list, group_word, mask, e)))
		*mask = 0;
	else if (!*mask)
		return grant_groups_parse("", mask, e);
	return r;
}

static const struct grant_criterion rubric[] = {
	{ "relevance", "ตรงกับปัญหาและความต้องการของกลุ่มเป้าหมาย",
	  "Relevance to the target group's needs", 25 },
	{ "feasibility", "ความเป็นไปได้ของแผนงานและความพร้อมขององค์กร",
	  "Feasibility of the plan and the organisation's capacity", 25 },
	{ "budget", "ความเหมาะสมของงบประมาณ", "Value of the budget", 20 },
	{ "participation", "การมีส่วนร่วมของชุมชนและภาคีเครือข่าย",
	  "Participation of the community and partners", 15 },
	{ "sustainability", "ความยั่งยืนและการขยายผล", "Sustainability and spread", 15 },
};

const struct grant_criterion *grant_rubric(size_t *n)
{
	*n = ARRAY_SIZE(rubric);
	return rubric;
}

const struct grant_criterion *grant_criterion_find(const char *code)
{
	for (size_t i = 0; code && i < ARRAY_SIZE(rubric); i++)
		if (!strcmp(code, rubric[i].code))
			return &rubric[i];
	return NULL;
}

const char *grant_step_to(const char *action, const char *from)
{
	static const struct {
		const char *action, *from, *to;
	} t[] = {
		{ "submit", "draft", "submitted" },
		{ "screen", "submitted", "screened" },
		{ "screen_out", "submitted", "declined" },
		{ "review", "screened", "under_review" },
		{ "approve", "under_review", "approved" },
		{ "decline", "under_review", "declined" },
		{ "sign", "approved", "agreement_signed" },
		{ "disburse", "agreement_signed", "in_progress" },
		{ "disburse", "in_progress", "in_progress" },
		{ "disburse", "reported", "reported" },
		{ "progress", "in_progress", "in_progress" },
		{ "final", "in_progress", "reported" },
		{ "close", "reported", "closed" },
	};

	for (size_t i = 0; action && from && i < ARRAY_SIZE(t); i++)
		if (!strcmp(action, t[i].action) && !strcmp(from, t[i].from))
			return t[i].to;
	return NULL;
}

const char *grant_status_name(const char *status, bool thai)
{
	static const struct {
		const char *code, *th, *en;
	} s[] = {
		{ "draft", "ร่าง", "Draft" },
		{ "submitted", "ยื่นแล้ว", "Submitted" },
		{ "screened", "ผ่านการกลั่นกรอง", "Screened" },
		{ "under_review", "อยู่ระหว่างพิจารณา", "Under review" },
		{ "approved", "อนุมัติ", "Approved" },
		{ "declined", "ไม่อนุมัติ", "Declined" },
		{ "agreement_signed", "ลงนามสัญญาแล้ว", "Agreement signed" },
		{ "in_progress", "ดำเนินโครงการ", "In progress" },
		{ "reported", "รายงานผลแล้ว", "Reported" },
		{ "closed", "ปิดโครงการ", "Closed" },
	};

	for (size_t i = 0; status && i < ARRAY_SIZE(s); i++)
		if (!strcmp(status, s[i].code))
			return thai ? s[i].th : s[i].en;
	return status ? status : "";
}

static const struct chart_account chart[] = {
	{ GRANT_ACC_BANK, "เงินฝากธนาคารของกองทุน", "Fund bank account", ACCT_ASSET, false, true },
	{ GRANT_ACC_PAYABLE, "เงินอุดหนุนโครงการค้างจ่าย", "Grants payable", ACCT_LIABILITY, false,
	  false },
	{ GRANT_ACC_ALLOCATION, "เงินจัดสรรเข้ากองทุน", "Budget allocated to the fund", ACCT_INCOME,
	  false, false },
	{ GRANT_ACC_GRANTS, "เงินอุดหนุนโครงการ", "Grants to projects", ACCT_EXPENSE, false, false },
};

const struct chart_account *grant_chart(size_t *n)
{
	*n = ARRAY_SIZE(chart);
	return chart;
}

void grant_cert_no(const char *area, int be_year, int64_t seq, char out[32])
{
	snprintf(out, 32, "%.8s/%04d/%03lld", area && *area ? area : "TH", be_year % 10000,
		 (long long)(seq % 100000));
}
