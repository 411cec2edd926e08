/*
 * libFuzzer target for core/rules: the rules language's compiler and both
 * evaluators.
 *
 * Each input is compiled as a rules text. Invariants checked: a failure
 * returns ERR_INVALID (ERR_TOO_LARGE for an over-long text), leaves the
 * program NULL and gives a message in both languages that starts with the
 * position and is valid UTF-8. A compiled program has at least one
 * statement, valid UTF-8 labels and at most 45 bytes a person; evaluated
 * for a fixed set of awkward people (unknown and invalid dates, 29
 * February, the dead, the unborn, every enum out of range, "00" area
 * pairs) on three dates and offices, the batch (300 people: a full chunk
 * and a tail) gives exactly the scalar decisions; eligible exactly when no
 * requirement fails, amounts within 0..RULES_AMOUNT_MAX and 0 when not
 * eligible; every explanation is valid UTF-8, in Thai and in English.
 */
#include <assert.h>
#include "core/rules.h"
#include "core/thtext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NPEOPLE 300

static const char *const programs[] = { "old_age", "disability", "child_support", "top_up" };

static struct rules_person people[NPEOPLE];
static int32_t birth[NPEOPLE], death[NPEOPLE], registered[NPEOPLE], income[NPEOPLE],
	area[NPEOPLE], amount[NPEOPLE];
static uint32_t needs[NPEOPLE], cards[NPEOPLE];
static uint64_t enrolled[NPEOPLE];
static uint8_t sex[NPEOPLE], nat[NPEOPLE], reg[NPEOPLE], flags[NPEOPLE], fail[NPEOPLE];

static struct date D(int y, int m, int d)
{
	return (struct date){ y, m, d };
}

/* A fixed population, varied deterministically from a small table. */
static void make_people(void)
{
	static const struct date births[] = { { 1965, 6, 15 }, { 1965, 6, 16 }, { 1952, 2, 29 },
					      { 0, 0, 0 },     { 2023, 2, 30 }, { 2018, 6, 16 },
					      { 2025, 6, 16 }, { 1924, 1, 1 },  { 2007, 6, 15 },
					      { 1, 1, 1 },     { 9999, 12, 31 } };
	static const char *const areas[] = { "50010106", "500100", "5001", "10", "", "99010101",
					     "50010006", "TH" };
	static const int64_t incomes[] = { RULES_INCOME_UNKNOWN, 0, 10000000, 10000001, 10000100,
					   -1, INT64_MAX, INT64_MIN + 1 };
	struct rules_person *p;
	size_t i;

	for (i = 0; i < NPEOPLE; i++) {
		p = &people[i];
		memset(p, 0, sizeof(*p));
		p->birth = births[i % ARRAY_SIZE(births)];
		p->death = i % 7 == 0 ? D(2025, 6, 15) : i % 11 == 0 ? D(2024, 2, 29) : D(0, 0, 0);
		p->registered = i % 3 == 0 ? D(0, 0, 0) : i % 3 == 1 ? D(2023, 8, 12) : D(2023, 8, 11);
		p->income = incomes[i % ARRAY_SIZE(incomes)];
		memcpy(p->area, areas[i % ARRAY_SIZE(areas)], strlen(areas[i % ARRAY_SIZE(areas)]) + 1);
		p->needs = (uint32_t)(i * 2654435761u) & 0x3ffe;
		p->cards = i % 2 ? p->needs : 0x2;
		p->enrolled = (uint64_t)(i % 17) * 0x9e3779b97f4a7c15ull;
		p->sex = (enum sex)(i % 5);
		p->nationality = (enum rules_nationality)(i % 6);
		p->reg = (enum reg_status)(i % 7);
		p->flags = (unsigned)(i % 3);
	}
}

static void check_item(const struct rules_item *it)
{
	assert(it);
	assert(thtext_utf8_valid(it->th, strlen(it->th)));
	assert(thtext_utf8_valid(it->en, strlen(it->en)));
	assert(thtext_utf8_valid(it->fail_th, strlen(it->fail_th)));
	assert(thtext_utf8_valid(it->fail_en, strlen(it->fail_en)));
	assert(it->amount >= 0 && it->amount <= RULES_AMOUNT_MAX);
	assert(it->line >= 1);
}

static void check_program(const struct rules_prog *p)
{
	struct rules_batch b = { birth, death, registered, income, area, needs, cards,
				 enrolled, sex, nat, reg, flags };
	static const struct date dates[] = { { 2025, 6, 15 }, { 2024, 2, 29 }, { 2100, 3, 1 } };
	static const char *const offices[] = { "5001", NULL, "50010106" };
	struct rules_result r;
	struct rules_env env;
	struct buf text;
	struct err e;
	size_t i, d;
	int k;

	assert(rules_require_count(p) + rules_case_count(p) >= 1);
	assert(rules_require_count(p) <= RULES_MAX_REQUIRE);
	assert(rules_bytes_per_person(p) <= 45);
	for (k = 0; k < rules_require_count(p); k++)
		check_item(rules_require(p, k));
	for (k = 0; k < rules_case_count(p); k++)
		check_item(rules_case(p, k));
	for (k = 0; rules_enrolled_code(p, k); k++)
		assert(k < RULES_MAX_PROGRAMS);
	for (i = 0; i < NPEOPLE; i++)
		rules_batch_set(&b, i, &people[i]);
	err_init(&e);
	buf_init(&text, 0);
	for (d = 0; d < ARRAY_SIZE(dates); d++) {
		env = (struct rules_env){ dates[d], offices[d], programs, ARRAY_SIZE(programs) };
		assert(rules_eval_batch(p, &env, &b, NPEOPLE, amount, fail, &e) == 0);
		for (i = 0; i < NPEOPLE; i++) {
			assert(rules_eval_one(p, &env, &people[i], &r, &e) == 0);
			assert(r.amount == amount[i] && r.fail == fail[i]);
			assert(r.eligible == (r.fail == 0));
			assert(r.amount >= 0 && r.amount <= RULES_AMOUNT_MAX);
			assert(r.eligible || (r.amount == 0 && r.amount_case == -1));
			assert(r.fail <= rules_require_count(p));
			if (i % 37 == 0) {
				buf_reset(&text);
				assert(rules_explain(p, &env, &people[i], i % 2, &text, &e) == 0);
				assert(thtext_utf8_valid(text.ptr, text.len));
				assert(text.len > 0 && text.ptr[text.len - 1] == '\n');
			}
		}
	}
	buf_release(&text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	struct rules_prog *p = (struct rules_prog *)&ready;
	struct err e;
	int rc;

	if (!ready) {
		make_people();
		ready = true;
	}
	err_init(&e);
	rc = rules_compile((const char *)data, size, &p, &e);
	if (rc) {
		assert(rc == ERR_INVALID || rc == ERR_TOO_LARGE);
		assert(p == NULL);
		assert(e.code == rc && e.th[0] && e.en[0]);
		assert(thtext_utf8_valid(e.th, strlen(e.th)));
		assert(thtext_utf8_valid(e.en, strlen(e.en)));
		assert(rc == ERR_TOO_LARGE || (starts_with(e.en, "line ") && starts_with(e.th, "บรรทัด ")));
		return 0;
	}
	check_program(p);
	rules_free(p);
	return 0;
}
