/*
 * Unit tests for core/synth: the PRNG, reproducibility, and the rates of a
 * generated population of 100,000 people held to the bounds that
 * core/synth.h documents (with room for sampling noise).
 */
#include "test.h"
#include "core/synth.h"
#include "core/thid.h"

static const struct date today = { 2026, 1, 15 };
static const char *const areas[] = { "560101", "56010101", "56010102", "560102", "560201",
				     "560202", "560203" };

static void config(struct synth_config *c, uint64_t seed, int64_t people)
{
	memset(c, 0, sizeof(*c));
	c->seed = seed;
	c->areas = areas;
	c->nareas = ARRAY_SIZE(areas);
	c->people = people;
	c->today = today;
}

/* A digest of everything a household carries. */
static uint64_t digest(const struct synth_household *h, uint64_t d)
{
	int i, k;

#define MIX(s) for (const char *p_ = (s); p_ && *p_; p_++) d = (d ^ (unsigned char)*p_) * 1099511628211ull
#define MIXI(v) d = (d ^ (uint64_t)(v)) * 1099511628211ull
	MIX(h->area);
	MIX(h->house_no);
	MIXI(h->monthly_income);
	for (i = 0; i < h->n; i++) {
		const struct synth_person *p = &h->m[i];

		MIX(p->national_id);
		MIX(p->title);
		MIX(p->given_name);
		MIX(p->family_name);
		MIX(p->relation);
		MIX(p->phone);
		MIXI(p->sex);
		MIXI(p->birth.y * 10000 + p->birth.m * 100 + p->birth.d);
		MIXI(p->death.y * 10000 + p->death.m * 100 + p->death.d);
		for (k = 0; k < p->nneeds; k++)
			MIXI(p->needs[k].kind * 100 + p->needs[k].disability_type);
	}
	return d;
}

static uint64_t run_digest(uint64_t seed, int64_t people)
{
	struct synth_config c;
	struct synth g;
	struct synth_household h;
	struct err e;
	uint64_t d = 14695981039346656037ull;

	config(&c, seed, people);
	if (synth_init(&g, &c, &e))
		return 0;
	while (synth_next(&g, &h))
		d = digest(&h, d);
	synth_release(&g);
	return d;
}

static void test_rng(void)
{
	struct synth_rng a, b;
	int i, counts[10] = { 0 };

	synth_rng_seed(&a, 42);
	synth_rng_seed(&b, 42);
	for (i = 0; i < 1000; i++)
		CHECK(synth_rng_next(&a) == synth_rng_next(&b));
	synth_rng_seed(&b, 43);
	CHECK(synth_rng_next(&a) != synth_rng_next(&b));
	for (i = 0; i < 100000; i++)
		counts[synth_rng_below(&a, 10)]++;
	for (i = 0; i < 10; i++)
		CHECK(counts[i] > 9500 && counts[i] < 10500);
}

static void test_reproducible(void)
{
	uint64_t a = run_digest(7, 20000), b = run_digest(7, 20000), c = run_digest(8, 20000);

	CHECK(a != 0);
	CHECK(a == b);
	CHECK(a != c);
}

static void test_names(void)
{
	size_t i, j;

	CHECK(synth_given_names(SEX_MALE) + synth_given_names(SEX_FEMALE) >= 150);
	CHECK(synth_family_names() >= 300);
	for (i = 0; i < synth_family_names(); i++)
		for (j = i + 1; j < synth_family_names(); j++)
			if (!strcmp(synth_family_name(i), synth_family_name(j))) {
				fprintf(stderr, "  duplicate family name %s\n", synth_family_name(i));
				CHECK(0);
			}
}

static void test_bad_config(void)
{
	static const char *const mixed[] = { "560101", "500101" };
	static const char *const district[] = { "5601" };
	struct synth_config c;
	struct synth g;
	struct err e;

	config(&c, 1, 10);
	c.areas = mixed;
	c.nareas = 2;
	CHECK(synth_init(&g, &c, &e) == ERR_INVALID);
	c.areas = district;
	c.nareas = 1;
	CHECK(synth_init(&g, &c, &e) == ERR_INVALID);
	config(&c, 1, 10);
	c.id_base = 9999995;
	CHECK(synth_init(&g, &c, &e) == ERR_INVALID);
}

static bool area_given(const char *a)
{
	size_t i;

	/* A tambon given with villages is represented by them only. */
	if (!strcmp(a, "560101"))
		return false;
	for (i = 0; i < ARRAY_SIZE(areas); i++)
		if (!strcmp(a, areas[i]))
			return true;
	return false;
}

#define N 100000

static void test_rates(void)
{
	struct synth_config c;
	struct synth g;
	struct synth_household h;
	struct err e;
	long people = 0, households = 0, old = 0, young = 0, dis = 0, dis_old = 0, dead = 0;
	long adults = 0, card = 0, bad_id = 0, no_id = 0, feb29 = 0, bad_area = 0, alone = 0;
	long bands[5] = { 0 }, dis_phys = 0, dis_nocard = 0, alive = 0, old_f = 0;
	long need_count[NEED_COUNT] = { 0 }, with_income = 0;
	int64_t income_sum = 0;
	int i, k;

	config(&c, 2569, N);
	REQUIRE(synth_init(&g, &c, &e) == 0);
	while (synth_next(&g, &h)) {
		households++;
		CHECK(h.n >= 1 && h.n <= SYNTH_MAX_MEMBERS);
		CHECK(!strcmp(h.m[0].relation, "head"));
		if (h.monthly_income >= 0) {
			with_income++;
			income_sum += h.monthly_income;
		}
		for (i = 0; i < h.n; i++) {
			const struct synth_person *p = &h.m[i];
			int age;

			people++;
			CHECK(p->given_name && *p->given_name && p->family_name && *p->family_name);
			CHECK(date_valid(p->birth) && date_cmp(p->birth, today) <= 0);
			CHECK(!date_age(p->birth, today, &age, &e) && age == p->age);
			if (p->death.y)
				CHECK(date_cmp(p->death, p->birth) >= 0 && date_cmp(p->death, today) <= 0);
			if (p->birth.m == 2 && p->birth.d == 29)
				feb29++;
			if (!area_given(p->area))
				bad_area++;
			if (p->national_id[0]) {
				struct thid id;

				if (thid_parse(p->national_id, &id, "id", &e) || id.flags ||
				    id.province != 56 ||
				    (p->nationality[0] == 'T' &&
				     id.category != (p->birth.y < 1984 ? 3 : 1)))
					bad_id++;
			} else {
				no_id++;
			}
			if (p->death.y) {
				dead++;
				continue;
			}
			alive++;
			if (p->age >= 60) {
				old++;
				old_f += p->sex == SEX_FEMALE;
				bands[p->age >= 80 ? 4 : (p->age - 60) / 5]++;
			}
			if (p->age < 15)
				young++;
			if (p->age >= 18 && p->nationality[0] == 'T')
				adults++;
			for (k = 0; k < p->nneeds; k++) {
				need_count[p->needs[k].kind]++;
				if (p->needs[k].kind == NEED_DISABILITY) {
					dis++;
					dis_old += p->age >= 60;
					dis_phys += p->needs[k].disability_type == DIS_PHYSICAL;
					dis_nocard += !p->needs[k].card;
				}
				if (p->needs[k].kind == NEED_WELFARE_CARD)
					card++;
				if (p->needs[k].kind == NEED_ELDERLY_ALONE)
					alone++;
			}
		}
	}
	synth_release(&g);
	printf("  %ld people, %ld households (mean %.2f); 60+ %.1f%% (60-64 %.1f, 65-69 %.1f, "
	       "70-74 %.1f, 75-79 %.1f, 80+ %.1f; women %.1f%%); under 15 %.1f%%\n",
	       people, households, (double)people / households, 100.0 * old / alive,
	       100.0 * bands[0] / old, 100.0 * bands[1] / old, 100.0 * bands[2] / old,
	       100.0 * bands[3] / old, 100.0 * bands[4] / old, 100.0 * old_f / old,
	       100.0 * young / alive);
	printf("  disability %.2f%% (60+ %.1f%%, physical %.1f%%, no card %.1f%%); welfare card "
	       "%.1f%% of Thai adults; dead %.2f%%; no ID %.2f%%; 29 Feb %ld; mean income %.0f baht\n",
	       100.0 * dis / alive, 100.0 * dis_old / dis, 100.0 * dis_phys / dis,
	       100.0 * dis_nocard / dis, 100.0 * card / adults, 100.0 * dead / people,
	       100.0 * no_id / people, feb29, (double)income_sum / with_income / 100);
	printf("  needs:");
	for (k = 1; k < NEED_COUNT; k++)
		if (need_count[k])
			printf(" %s %ld", need_kind_code((enum need_kind)k), need_count[k]);
	printf("\n");
	CHECK_INT(people, N);
	CHECK(people * 100 / households >= 250 && people * 100 / households <= 270);
	CHECK(old * 1000 / alive >= 175 && old * 1000 / alive <= 215);
	CHECK(young * 1000 / alive >= 135 && young * 1000 / alive <= 180);
	CHECK(bands[0] * 1000 / old >= 290 && bands[0] * 1000 / old <= 350);
	CHECK(bands[4] * 1000 / old >= 120 && bands[4] * 1000 / old <= 170);
	CHECK(old_f * 2 > old);
	CHECK(dis * 1000 / alive >= 28 && dis * 1000 / alive <= 36);
	CHECK(dis_old * 100 / dis >= 48 && dis_old * 100 / dis <= 62);
	CHECK(dis_phys * 100 / dis >= 45 && dis_phys * 100 / dis <= 55);
	CHECK(dis_nocard * 100 / dis >= 7 && dis_nocard * 100 / dis <= 14);
	CHECK(card * 100 / adults >= 17 && card * 100 / adults <= 23);
	CHECK(dead * 10000 / people >= 50 && dead * 10000 / people <= 90);
	CHECK(no_id > 0 && no_id * 1000 / people <= 5);
	CHECK(feb29 > 20);
	CHECK_INT(bad_id, 0);
	CHECK_INT(bad_area, 0);
	CHECK(alone > 0);
	for (k = NEED_DISABILITY; k <= NEED_OUT_OF_SCHOOL; k++)
		if (k != NEED_CHRONIC_ILLNESS)
			CHECK(need_count[k] > 0);
}

/* National IDs stay unique across a province's runs (id_base). */
static void test_unique_ids(void)
{
	struct synth_config c;
	struct synth g;
	struct synth_household h;
	struct err e;
	static char seen[10000000 / 8];
	long dup = 0;
	int run, i;

	memset(seen, 0, sizeof(seen));
	for (run = 0; run < 2; run++) {
		config(&c, (uint64_t)run + 1, 30000);
		c.id_base = run * 30000;
		REQUIRE(synth_init(&g, &c, &e) == 0);
		while (synth_next(&g, &h))
			for (i = 0; i < h.n; i++) {
				long s;

				if (!h.m[i].national_id[0])
					continue;
				s = strtol(h.m[i].national_id + 5, NULL, 10) / 10;
				if (seen[s / 8] & (1 << (s % 8)))
					dup++;
				seen[s / 8] |= (char)(1 << (s % 8));
			}
		synth_release(&g);
	}
	CHECK_INT(dup, 0);
}

int main(void)
{
	RUN(test_rng);
	RUN(test_reproducible);
	RUN(test_names);
	RUN(test_bad_config);
	RUN(test_rates);
	RUN(test_unique_ids);
	return test_summary("synth");
}
