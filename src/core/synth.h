/*
 * A synthetic population: households and people that look like Thailand's,
 * made reproducibly from a seed, for demos, tests and benchmarks.
 *
 * Pure: no I/O, no clock, no globals. The reference date, the seed and the
 * areas come in as parameters; the same inputs give the same output, byte
 * for byte, on every machine (integer arithmetic only). Streaming: one
 * household at a time into a caller's struct, so memory does not grow with
 * the population.
 *
 * Rates, and where they come from (../shared/DOMAIN.md section 7 unless
 * said otherwise; [?] marks a rate chosen to be plausible, not sourced):
 *
 *   household size   1: 26%, 2: 29%, 3: 21%, 4: 13%, 5: 6%, 6: 3%, 7: 1.2%,
 *                    8: 0.8% -> mean 2.62 (2025 census 2.5, 2019 NSO 2.7);
 *                    the shape over sizes is [?]
 *   age              about 19-20% aged 60+ (2021: 19%, 2025 projected 20%),
 *                    about 15-16% under 15; the 60+ mix 60-64 32.1%,
 *                    65-69 24.1%, 70-74 18.3%, 75-79 11.2%, 80+ 14.3%
 *                    (NSO 2022); ages come out of household make-up
 *                    (head, spouse, children, parents, grandchildren), so
 *                    the totals are emergent: the tests hold them to bounds
 *   sex              heads of couples mostly men; among the elderly women
 *                    53% (60-69), 56% (70-79), 62% (80+) [?]
 *   birth dates      uniform over the year of age, so 29 February occurs
 *   deaths           about 0.7% of people died in the year before the
 *                    reference date (Thailand's crude death rate is about
 *                    7-8 per 1,000 [?]); 60-69: 1.2%, 70-79: 3%, 80+: 9%,
 *                    under 60: 0.15%
 *   national ID      valid check digit; digit 1 is 3 for people born before
 *                    1984, else 1; digits 2-3 the province, 4-5 the district
 *                    of the address, 6-12 a fixed permutation of the
 *                    person's sequence number in the province (unique while
 *                    under 10 million per province, see id_base)
 *   non-Thai         0.5% of households [?]: 60% Myanmar (MM, ท.ร.13,
 *                    category 6, or 7 for those born here since 1984), 25%
 *                    stateless with a category-0 number, 15% stateless with
 *                    no number (XX, no registration status; a "stateless"
 *                    need is recorded)
 *   disability       3.2% of the living (2,095,205 cards = 3.17%, 2021), 55%
 *                    of them aged 60+; types physical 50%, hearing 18.7%,
 *                    visual 9.0% (NADT 2021), mental 8%, intellectual 7%,
 *                    learning 4%, autism 3.3% [?]; 10% have no card
 *                    (2.1 M cards against 4.2 M in the NSO survey suggests
 *                    many more; 10% is the brief's figure); a card is
 *                    numbered with the national ID and valid 8 years [?]
 *   welfare card     about 20% of Thai adults (13.5 M holders of about
 *                    54 M adults): 38% of adults in households at or below
 *                    100,000 baht a person a year (the card's income test),
 *                    4% of others [?]
 *   bedridden        60-69: 0.7%, 70-79: 2%, 80+: 6% [?]
 *   elderly alone    every one-person household whose member is 60+
 *   orphan           15% of under-18s living with grandparents only [?]
 *   single parent    a head aged under 60 with no spouse and a child under 18
 *   teen mother      3% of women aged 15-19 [?]
 *   out of school    3.5% of children aged 6-17 [?]
 *   income           per earner aged 18-64: 25% none, then 2-5k, 5-9k,
 *                    9-15k, 15-25k, 25-50k, 50-120k baht a month with
 *                    weights 15, 20, 18, 13, 7, 2% [?]; people 60+ get the
 *                    old-age allowance tier (600/700/800/1,000) and 30% of
 *                    them earn 1-5k; 5% of households unknown. Mean about
 *                    25-30k baht a household (NSO SES 2021: 27,352).
 *   low income       a household under 2,800 baht a person a month (about
 *                    the national poverty line [?]): a need on its head
 *   phone            70% of people aged 18-79
 *   house numbers    counted up per village (or tambon), 15% sub-numbers
 *                    like "12/3"
 * Needs are observed (source "survey") on a day in the 3 years before the
 * reference date, not before birth.
 */
#ifndef SAWAT_CORE_SYNTH_H
#define SAWAT_CORE_SYNTH_H

#include "core/date.h"
#include "core/person.h"
#include "lib/err.h"

/* ---- a small PRNG: xoshiro256** seeded through splitmix64 ---- */
struct synth_rng {
	uint64_t s[4];
};
void synth_rng_seed(struct synth_rng *r, uint64_t seed);
uint64_t synth_rng_next(struct synth_rng *r);
/* Uniform in 0..n-1 (n > 0), without modulo bias. */
uint32_t synth_rng_below(struct synth_rng *r, uint32_t n);

/* ---- the population ---- */
#define SYNTH_MAX_MEMBERS 8
#define SYNTH_MAX_NEEDS 4
#define SYNTH_MAX_AREAS 20000  /* areas per generator (a province has at most ~1,500 villages) */

struct synth_need {
	enum need_kind kind;
	struct date observed_on;
	enum disability_type disability_type; /* NEED_DISABILITY only */
	bool card;                             /* disability card held */
	struct date card_issued, card_expires;
};

struct synth_person {
	char national_id[14];   /* 13 digits, or "" for none */
	const char *title;      /* static strings */
	const char *given_name;
	const char *family_name;
	enum sex sex;
	struct date birth;
	struct date death;      /* y == 0: alive */
	int age;                /* on the reference date */
	char nationality[3];    /* TH, MM or XX */
	enum reg_status reg_status;
	char area[9];
	char house_no[16];
	char phone[11];         /* "" for none */
	const char *relation;   /* head, spouse, child, parent, grandchild, sibling, relative */
	int nneeds;
	struct synth_need needs[SYNTH_MAX_NEEDS];
};

struct synth_household {
	char area[9];           /* tambon or village */
	char house_no[16];
	int64_t monthly_income; /* satang; -1 when unknown */
	int n;                  /* members, head first */
	struct synth_person m[SYNTH_MAX_MEMBERS];
};

struct synth_config {
	uint64_t seed;
	/* Tambon and village codes of one province (borrowed, copied by
	 * synth_init). A tambon given with villages of its own is represented
	 * by them; a village given alone stands for its tambon. People are
	 * spread evenly over the tambons, and over a tambon's villages. */
	const char *const *areas;
	size_t nareas;
	int64_t people;         /* how many people to make */
	/* People generated in this province before (their count): sequence
	 * numbers, hence national IDs, continue after them. */
	int64_t id_base;
	struct date today;      /* the reference date */
};

struct synth_group; /* a tambon and its villages (synth.c) */

struct synth {
	struct synth_rng rng;
	struct date today;
	int32_t today_days;
	int64_t people, id_base, done;
	char (*codes)[9];       /* owned: sorted area codes */
	struct synth_group *groups; /* owned */
	size_t ngroups, group;
	int house_main[100], house_sub[100]; /* per village of the current group */
};

/*
 * Checks the configuration and prepares g: every area a tambon or village
 * code of the same province, 1..SYNTH_MAX_AREAS of them, people >= 0 and
 * id_base + people <= 10,000,000, today a valid date. ERR_INVALID otherwise.
 * The seed is mixed with the province code, so a province's people do not
 * depend on which other provinces are generated with it.
 */
int synth_init(struct synth *g, const struct synth_config *c, struct err *e);
void synth_release(struct synth *g);

/* Fills *out with the next household; false when all people are made. */
bool synth_next(struct synth *g, struct synth_household *out);

/* The name lists (for tests): count, and the i-th name. */
size_t synth_given_names(enum sex s);
const char *synth_given_name(enum sex s, size_t i);
size_t synth_family_names(void);
const char *synth_family_name(size_t i);

#endif
