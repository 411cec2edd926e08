/*
 * libFuzzer target for core/fund's statute parser, fund_statute_parse.
 *
 * Invariants checked: a parsed statute passes fund_statute_check, and its
 * canonical JSON parses back to an equal statute whose JSON is the same
 * text (the round trip); a failure leaves the statute zeroed and gives a
 * code, a field and a valid UTF-8 message in both languages. A parsed
 * statute then judges one member's and one non-member's claim on every
 * benefit and computes dues and standing, which must keep their own
 * contracts (eligible exactly when there is no reason, amounts within
 * 0..FUND_AMOUNT_MAX, valid UTF-8 lines, balance = paid - due).
 */
#include <assert.h>
#include "core/fund.h"
#include "core/thtext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct fund_statute s, back;
static struct statute_version ver[2];

static bool zeroed(const void *p, size_t n)
{
	const unsigned char *c = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i])
			return false;
	return true;
}

static void check_claim(const struct claim_case *c)
{
	struct claim_result r;
	struct err e;
	int i;

	err_init(&e);
	assert(fund_claim_calc(&s, c, &r, &e) == 0);
	assert(r.eligible == (r.reason[0] == '\0'));
	assert(r.amount >= 0 && r.amount <= FUND_AMOUNT_MAX);
	assert(r.eligible || r.amount == 0);
	assert(r.nlines >= 1 && r.nlines <= CALC_MAX_LINES);
	for (i = 0; i < r.nlines; i++) {
		assert(thtext_utf8_valid(r.lines[i].th, strlen(r.lines[i].th)));
		assert(thtext_utf8_valid(r.lines[i].en, strlen(r.lines[i].en)));
	}
}

static void check_use(void)
{
	static const struct claim_history hist[2] = { { { 2024, 3, 1 }, 60000 },
						      { { 2025, 1, 2 }, 40000 } };
	struct member_standing m;
	struct claim_case c;
	int i;

	for (i = 0; i < s.nbenefits; i++) {
		memset(&c, 0, sizeof(c));
		c.benefit = s.benefits[i].code;
		c.event = (struct date){ 2025, 2, 28 };
		c.units = 4;
		c.member = true;
		c.join = (struct date){ 2020, 2, 29 };
		c.birth = (struct date){ 1960, 3, 1 };
		c.history = hist;
		c.nhistory = 2;
		check_claim(&c);
		c.member = false;
		c.birth = (struct date){ 0, 0, 0 };
		c.nonmember_year_paid = 100000;
		check_claim(&c);
	}
	ver[0].effective = (struct date){ 2000, 1, 1 };
	ver[0].s = s;
	ver[1].effective = (struct date){ 2024, 7, 15 };
	ver[1].s = s;
	ver[1].s.unit = CONTRIB_YEAR;
	fund_standing(ver, 2, (struct date){ 2015, 5, 31 }, 123456, (struct date){ 2025, 6, 1 }, &m);
	assert(m.due == fund_dues(ver, 2, (struct date){ 2015, 5, 31 }, (struct date){ 2025, 6, 1 }));
	assert(m.due >= 0 && m.balance == 123456 - m.due);
	assert(m.months_unpaid >= 0 && m.months_unpaid <= 122);
	assert(m.in_arrears == (m.months_unpaid > 0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf a, b;
	struct err e;
	int rc;

	err_init(&e);
	rc = fund_statute_parse((const char *)data, size, &s, &e);
	if (rc) {
		assert(rc == ERR_INVALID || rc == ERR_TOO_LARGE);
		assert(e.code == rc && e.field[0] && e.th[0] && e.en[0]);
		assert(thtext_utf8_valid(e.th, strlen(e.th)));
		assert(thtext_utf8_valid(e.en, strlen(e.en)));
		assert(zeroed(&s, sizeof(s)));
		return 0;
	}
	assert(fund_statute_check(&s, &e) == 0);
	buf_init(&a, 0);
	buf_init(&b, 0);
	fund_statute_json(&s, &a);
	rc = fund_statute_parse(a.ptr, a.len, &back, &e);
	assert(rc == 0);
	assert(fund_statute_equal(&s, &back));
	fund_statute_json(&back, &b);
	assert(a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0);
	buf_release(&a);
	buf_release(&b);
	check_use();
	return 0;
}
