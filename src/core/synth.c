/*
 * The synthetic population (rates and sources in synth.h). A household is
 * made in this order, each step drawing from the generator's one PRNG:
 *
 *   size -> head's age class (elderly or not) -> head -> spouse -> the
 *   other members (children, parents, grandchildren, relatives) with ages
 *   derived from the head's -> per person: sex, birth date, death, ID,
 *   names, title, phone -> household income -> needs
 *
 * Invariants: the sequence of draws depends only on the configuration, so
 * output is reproducible; every birth date lies on or before the reference
 * date and gives the drawn age on it; a death lies after the birth and not
 * after the reference date; every national ID has a valid check digit and
 * is unique among the IDs made for a province while sequence numbers stay
 * below 10 million (id_base + people). Tables of rates are integers (per
 * mille or per 10,000), so nothing depends on floating point.
 */
#include "core/synth.h"
#include "core/geo.h"
#include "core/thid.h"
#include "core/synth_names.h"

/* ---- xoshiro256** (Blackman and Vigna), seeded by splitmix64 ---- */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void synth_rng_seed(struct synth_rng *r, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t synth_rng_next(struct synth_rng *r)
{
	uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

uint32_t synth_rng_below(struct synth_rng *r, uint32_t n)
{
	/* Lemire's multiply-and-shift with rejection of the biased low part. */
	uint64_t m = (uint64_t)(uint32_t)(synth_rng_next(r) >> 32) * n;
	uint32_t lo = (uint32_t)m;

	if (lo < n) {
		uint32_t t = (uint32_t)-n % n;

		while (lo < t) {
			m = (uint64_t)(uint32_t)(synth_rng_next(r) >> 32) * n;
			lo = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

/* ---- helpers ---- */

/* True with probability per10k / 10,000. */
static bool chance(struct synth *g, int per10k)
{
	return (int)synth_rng_below(&g->rng, 10000) < per10k;
}

static int between(struct synth *g, int lo, int hi) /* inclusive */
{
	return lo + (int)synth_rng_below(&g->rng, (uint32_t)(hi - lo + 1));
}

/* Index drawn from weights w[0..n). */
static int pick(struct synth *g, const int *w, int n)
{
	int i, total = 0, x;

	for (i = 0; i < n; i++)
		total += w[i];
	x = (int)synth_rng_below(&g->rng, (uint32_t)total);
	for (i = 0; i < n - 1; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Household sizes 1..8, per 1,000. */
static const int size_w[8] = { 260, 290, 210, 130, 60, 30, 12, 8 };

/* An age of 60 or more by the NSO 2022 mix (80+ spread over 80-99). */
static int elderly_age(struct synth *g)
{
	static const int w[8] = { 321, 241, 183, 112, 75, 43, 19, 6 };
	int band = pick(g, w, 8);

	return 60 + band * 5 + between(g, 0, 4);
}

/* A head of household under 60. */
static int adult_head_age(struct synth *g)
{
	static const int w[8] = { 4, 8, 11, 13, 15, 16, 17, 16 }; /* 20-24 .. 55-59 */

	return 20 + pick(g, w, 8) * 5 + between(g, 0, 4);
}

/* A child's age given a parent's: born when the parent was 18-40. */
static int child_age(struct synth *g, int parent_age)
{
	int hi = parent_age - 18, lo = parent_age - 40;

	if (hi < 0)
		hi = 0;
	if (lo < 0)
		lo = 0;
	return between(g, lo, hi);
}

static enum sex elderly_sex(struct synth *g, int age)
{
	int f = age >= 80 ? 6200 : age >= 70 ? 5600 : 5300;

	return chance(g, f) ? SEX_FEMALE : SEX_MALE;
}

static enum sex any_sex(struct synth *g, int age)
{
	if (age >= 60)
		return elderly_sex(g, age);
	return chance(g, 5100) ? SEX_MALE : SEX_FEMALE;
}

/* ---- areas ---- */

struct synth_group {
	size_t first, n; /* codes[first .. first+n): the villages, or the tambon alone */
};

static int cmp_code(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

int synth_init(struct synth *g, const struct synth_config *c, struct err *e)
{
	size_t i, k;

	memset(g, 0, sizeof(*g));
	if (!c->nareas || c->nareas > SYNTH_MAX_AREAS)
		return err_set(e, ERR_INVALID, "areas", "ต้องมีพื้นที่ 1 ถึง %d แห่ง",
			       "1 to %d areas are needed", SYNTH_MAX_AREAS);
	if (c->people < 0 || c->id_base < 0 || c->id_base + c->people > 10000000)
		return err_set(e, ERR_INVALID, "people",
			       "จำนวนคนต่อจังหวัดต้องไม่เกิน 10 ล้านคน%s",
			       "at most 10 million people per province%s", "");
	if (!date_valid(c->today))
		return err_set(e, ERR_INVALID, "today", "วันอ้างอิงไม่ถูกต้อง%s",
			       "the reference date is not valid%s", "");
	g->codes = xmalloc(c->nareas * sizeof(*g->codes));
	for (i = 0; i < c->nareas; i++) {
		const char *a = c->areas[i];
		int level = a ? geo_level(a) : -1;

		if ((level != GEO_TAMBON && level != GEO_VILLAGE) ||
		    strncmp(a, c->areas[0], 2)) {
			synth_release(g);
			return err_set(e, ERR_INVALID, "areas",
				       "'%.16s' ไม่ใช่รหัสตำบลหรือหมู่บ้านในจังหวัดเดียวกัน",
				       "'%.16s' is not a tambon or village code of the same province",
				       a ? a : "");
		}
		snprintf(g->codes[i], sizeof(g->codes[i]), "%s", a);
	}
	qsort(g->codes, c->nareas, sizeof(*g->codes), cmp_code);
	/* Group by tambon: a tambon's villages replace it; duplicates are dropped. */
	g->groups = xmalloc(c->nareas * sizeof(*g->groups));
	for (i = 0; i < c->nareas; i = k) {
		size_t first = i, nv = 0;

		for (k = i; k < c->nareas && !strncmp(g->codes[k], g->codes[i], 6); k++)
			if (strlen(g->codes[k]) == 8)
				nv++;
		if (nv) {
			first = k - nv; /* villages sort after their tambon */
			/* compact duplicates of a village */
			size_t w = first, r;

			for (r = first; r < k; r++)
				if (r == first || strcmp(g->codes[r], g->codes[w - 1]))
					memmove(g->codes[w++], g->codes[r], sizeof(g->codes[0]));
			nv = w - first;
			if (nv > 99)
				nv = 99;
		}
		g->groups[g->ngroups].first = first;
		g->groups[g->ngroups].n = nv ? nv : 1;
		g->ngroups++;
	}
	g->today = c->today;
	g->today_days = date_to_days(c->today);
	g->people = c->people;
	g->id_base = c->id_base;
	synth_rng_seed(&g->rng, c->seed ^ ((uint64_t)((c->areas[0][0] - '0') * 10 +
						       (c->areas[0][1] - '0')) << 56));
	return 0;
}

void synth_release(struct synth *g)
{
	free(g->codes);
	free(g->groups);
	g->codes = NULL;
	g->groups = NULL;
}

/* ---- names ---- */

size_t synth_given_names(enum sex s)
{
	return s == SEX_FEMALE ? ARRAY_SIZE(female_names) : ARRAY_SIZE(male_names);
}

const char *synth_given_name(enum sex s, size_t i)
{
	return s == SEX_FEMALE ? female_names[i] : male_names[i];
}

size_t synth_family_names(void)
{
	return ARRAY_SIZE(family_names);
}

const char *synth_family_name(size_t i)
{
	return family_names[i];
}

/* Given names from a window of the list by generation: older people get
 * older names. */
static const char *given_name(struct synth *g, enum sex s, int birth_year)
{
	size_t n = synth_given_names(s), lo, len;

	if (birth_year < 1965) {
		lo = 0;
		len = n / 2;
	} else if (birth_year < 1990) {
		lo = n / 4;
		len = n / 2;
	} else {
		lo = n / 2;
		len = n - n / 2;
	}
	return synth_given_name(s, lo + synth_rng_below(&g->rng, (uint32_t)len));
}

static const char *family_name(struct synth *g)
{
	return family_names[synth_rng_below(&g->rng, ARRAY_SIZE(family_names))];
}

/* ---- people ---- */

enum origin { ORIGIN_THAI, ORIGIN_MYANMAR, ORIGIN_STATELESS_ID, ORIGIN_STATELESS };

static void birth_date(struct synth *g, int age, struct date *out)
{
	struct date from, to;
	struct err e;

	/* Born in (today - (age+1) years, today - age years]: exactly age on today. */
	date_add_years(g->today, -(int64_t)age - 1, &from, &e);
	date_add_years(g->today, -(int64_t)age, &to, &e);
	date_add_days(from, 1 + (int64_t)synth_rng_below(&g->rng, (uint32_t)date_diff_days(from, to)),
		      out, &e);
}

/* A day in the n days up to today, not before floor. */
static struct date recent_day(struct synth *g, int n, struct date floor)
{
	struct date d;
	struct err e;

	date_add_days(g->today, -(int64_t)synth_rng_below(&g->rng, (uint32_t)n), &d, &e);
	return date_cmp(d, floor) < 0 ? floor : d;
}

/* Permutes the sequence number over 0..9,999,999: a 4-round Feistel network
 * on 24 bits (a bijection), cycle-walked until the value falls below 10^7,
 * which keeps it a bijection on that range. Fixed keys, so numbers stay
 * unique across runs with different seeds. */
static uint32_t id_scramble(int64_t seq)
{
	static const uint32_t key[4] = { 0x9e3, 0x7f4, 0xa7c, 0x15b };
	uint32_t x = (uint32_t)seq;
	int round;

	do {
		uint32_t l = x >> 12, r = x & 0xfff;

		for (round = 0; round < 4; round++) {
			uint32_t f = ((r * 0x2c1b3c6du + key[round]) >> 7) & 0xfff, t = r;

			r = l ^ f;
			l = t;
		}
		x = (l << 12) | r;
	} while (x >= 10000000u);
	return x;
}

static void national_id(struct synth *g, struct synth_person *p, int cat)
{
	char d[14];
	uint32_t s = id_scramble(g->id_base + g->done);

	snprintf(d, sizeof(d), "%d%.2s%.2s%07u", cat, p->area, p->area + 2, (unsigned)s);
	d[12] = (char)('0' + thid_check_digit(d));
	d[13] = '\0';
	memcpy(p->national_id, d, sizeof(d));
}

static void add_need(struct synth_person *p, enum need_kind k, struct date on)
{
	if (p->nneeds >= SYNTH_MAX_NEEDS)
		return;
	memset(&p->needs[p->nneeds], 0, sizeof(p->needs[0]));
	p->needs[p->nneeds].kind = k;
	p->needs[p->nneeds].observed_on = on;
	p->nneeds++;
}

/* Fills the person-level fields of p for age, sex and relation. */
static void make_person(struct synth *g, struct synth_household *h, struct synth_person *p,
			int age, enum sex sex, const char *relation, const char *family,
			enum origin origin, bool married)
{
	int dp;

	memset(p, 0, sizeof(*p));
	p->age = age;
	p->sex = sex;
	p->relation = relation;
	memcpy(p->area, h->area, sizeof(p->area));
	memcpy(p->house_no, h->house_no, sizeof(p->house_no));
	birth_date(g, age, &p->birth);
	p->given_name = given_name(g, sex, p->birth.y);
	p->family_name = family;
	if (age < 15)
		p->title = sex == SEX_MALE ? "ด.ช." : "ด.ญ.";
	else if (sex == SEX_MALE)
		p->title = "นาย";
	else
		p->title = married || (age >= 30 && chance(g, 5000)) ? "นาง" : "นางสาว";
	switch (origin) {
	case ORIGIN_THAI:
		memcpy(p->nationality, "TH", 3);
		p->reg_status = REG_HOUSE;
		national_id(g, p, p->birth.y < 1984 ? 3 : 1);
		break;
	case ORIGIN_MYANMAR:
		memcpy(p->nationality, "MM", 3);
		p->reg_status = REG_NON_THAI;
		national_id(g, p, p->birth.y >= 1984 && age < 18 ? 7 : 6);
		break;
	case ORIGIN_STATELESS_ID:
		memcpy(p->nationality, "XX", 3);
		p->reg_status = REG_NONE;
		national_id(g, p, 0);
		break;
	case ORIGIN_STATELESS:
		memcpy(p->nationality, "XX", 3);
		p->reg_status = REG_NONE;
		break;
	}
	g->done++;
	/* Deaths in the last year, by age. */
	dp = age >= 80 ? 900 : age >= 70 ? 300 : age >= 60 ? 120 : 15;
	if (chance(g, dp))
		p->death = recent_day(g, 365, p->birth);
	if (age >= 18 && age < 80 && !p->death.y && chance(g, 7000)) {
		static const char prefix[3] = { '6', '8', '9' };

		snprintf(p->phone, sizeof(p->phone), "0%c%08u",
			 prefix[synth_rng_below(&g->rng, 3)],
			 (unsigned)synth_rng_below(&g->rng, 100000000));
	}
}

/* Monthly earnings in baht of one person. */
static int64_t earnings(struct synth *g, int age)
{
	static const int w[7] = { 180, 100, 170, 210, 190, 110, 40 };
	static const int lo[7] = { 0, 2000, 5000, 9000, 15000, 25000, 50000 };
	static const int hi[7] = { 0, 5000, 9000, 15000, 25000, 50000, 120000 };
	int64_t baht = 0;
	int b;

	if (age >= 60) {
		baht = age >= 90 ? 1000 : age >= 80 ? 800 : age >= 70 ? 700 : 600;
		/* Earnings, or money from children elsewhere. */
		if (chance(g, 6000))
			baht += between(g, 10, 80) * 100;
		return baht;
	}
	if (age < 18 || age > 64)
		return 0;
	b = pick(g, w, 7);
	if (b)
		baht = (int64_t)between(g, lo[b] / 100, hi[b] / 100) * 100;
	return baht;
}

static void next_house_no(struct synth *g, struct synth_household *h, size_t v)
{
	if (g->house_main[v] && chance(g, 1500)) {
		g->house_sub[v]++;
		snprintf(h->house_no, sizeof(h->house_no), "%d/%d", g->house_main[v],
			 g->house_sub[v]);
	} else {
		g->house_main[v] += between(g, 1, 2);
		g->house_sub[v] = 0;
		snprintf(h->house_no, sizeof(h->house_no), "%d", g->house_main[v]);
	}
}

static void needs(struct synth *g, struct synth_household *h, int64_t per_capita_baht)
{
	static const int dis_w[7] = { 900, 1870, 5000, 800, 700, 400, 330 };
	static const enum disability_type dis_t[7] = { DIS_VISUAL, DIS_HEARING, DIS_PHYSICAL,
						       DIS_MENTAL, DIS_INTELLECTUAL, DIS_LEARNING,
						       DIS_AUTISM };
	struct synth_person *head = &h->m[0];
	bool spouse = h->n > 1 && !strcmp(h->m[1].relation, "spouse");
	bool middle = false, young_child = false;
	int i;

	for (i = 1; i < h->n; i++) {
		if (!strcmp(h->m[i].relation, "child") && h->m[i].age >= 18)
			middle = true;
		if (!strcmp(h->m[i].relation, "child") && h->m[i].age < 18)
			young_child = true;
	}
	for (i = 0; i < h->n; i++) {
		struct synth_person *p = &h->m[i];
		int a = p->age;

		if (p->death.y)
			continue;
		if (p->reg_status == REG_NONE)
			add_need(p, NEED_STATELESS, recent_day(g, 1095, p->birth));
		/* 3.2% overall, 55% of them 60+: 9.0% of the elderly, 1.8% of others. */
		if (chance(g, a >= 60 ? 900 : 180)) {
			struct synth_need *n;
			struct err e;

			add_need(p, NEED_DISABILITY, recent_day(g, 1095, p->birth));
			n = &p->needs[p->nneeds - 1];
			n->disability_type = dis_t[pick(g, dis_w, 7)];
			n->card = p->national_id[0] && chance(g, 9000);
			if (n->card) {
				n->card_issued = recent_day(g, 2900, p->birth);
				date_add_years(n->card_issued, 8, &n->card_expires, &e);
				if (date_cmp(n->observed_on, n->card_issued) < 0)
					n->observed_on = n->card_issued;
			}
		}
		if (a >= 60 && chance(g, a >= 80 ? 600 : a >= 70 ? 200 : 70))
			add_need(p, NEED_BEDRIDDEN, recent_day(g, 1095, p->birth));
		if (a >= 18 && p->nationality[0] == 'T' &&
		    chance(g, per_capita_baht >= 0 && per_capita_baht * 12 <= 100000 ? 3800 : 400))
			add_need(p, NEED_WELFARE_CARD, recent_day(g, 1095, p->birth));
		if (a < 18 && !strcmp(p->relation, "grandchild") && !middle && chance(g, 1500))
			add_need(p, NEED_ORPHAN, recent_day(g, 1095, p->birth));
		if (a >= 15 && a <= 19 && p->sex == SEX_FEMALE && chance(g, 300))
			add_need(p, NEED_TEEN_MOTHER, recent_day(g, 1095, p->birth));
		if (a >= 6 && a <= 17 && chance(g, 350))
			add_need(p, NEED_OUT_OF_SCHOOL, recent_day(g, 1095, p->birth));
	}
	if (head->death.y)
		return;
	if (h->n == 1 && head->age >= 60)
		add_need(head, NEED_ELDERLY_ALONE, recent_day(g, 1095, head->birth));
	if (head->age < 60 && !spouse && young_child)
		add_need(head, NEED_SINGLE_PARENT, recent_day(g, 1095, head->birth));
	if (per_capita_baht >= 0 && per_capita_baht < 2800)
		add_need(head, NEED_LOW_INCOME, recent_day(g, 1095, head->birth));
}

bool synth_next(struct synth *g, struct synth_household *h)
{
	const struct synth_group *grp;
	int size, head_age, i;
	bool unknown;
	int64_t end, income = 0;
	enum sex head_sex;
	enum origin origin = ORIGIN_THAI;
	const char *family;
	bool elderly, spouse, head_married;
	size_t v;

	if (g->done >= g->people)
		return false;
	/* The tambon whose share the next person falls in. */
	while (g->group + 1 < g->ngroups &&
	       g->done >= (int64_t)((g->group + 1) * (uint64_t)g->people / g->ngroups)) {
		g->group++;
		memset(g->house_main, 0, sizeof(g->house_main));
		memset(g->house_sub, 0, sizeof(g->house_sub));
	}
	grp = &g->groups[g->group];
	v = grp->n > 1 ? synth_rng_below(&g->rng, (uint32_t)grp->n) : 0;
	memset(h, 0, offsetof(struct synth_household, m));
	memcpy(h->area, g->codes[grp->first + v], sizeof(h->area));
	next_house_no(g, h, v);

	size = 1 + pick(g, size_w, 8);
	end = g->people - g->done;
	if (size > end)
		size = (int)end;
	if (chance(g, 50)) {
		static const int ow[3] = { 60, 25, 15 };

		origin = (enum origin)(1 + pick(g, ow, 3));
	}
	{
		static const int ew[8] = { 4600, 3500, 1900, 1400, 1500, 1500, 1500, 1500 };

		elderly = chance(g, ew[size - 1]);
	}
	head_age = elderly ? elderly_age(g) : adult_head_age(g);
	spouse = size >= 2 && chance(g, elderly ? 5500 : size == 2 ? 6000 : 8000);
	head_sex = spouse ? (chance(g, 8000) ? SEX_MALE : SEX_FEMALE) : any_sex(g, head_age);
	family = family_name(g);
	head_married = spouse || (head_age >= 30 && chance(g, 5000));
	make_person(g, h, &h->m[0], head_age, head_sex, "head", family, origin,
		    head_married && spouse);
	h->n = 1;
	if (spouse) {
		int sa = clamp(head_age + (head_sex == SEX_MALE ? between(g, -8, 2) : between(g, -2, 8)),
			       18, 104);
		enum sex ss = head_sex == SEX_MALE ? SEX_FEMALE : SEX_MALE;
		/* Most wives take the husband's family name. */
		const char *sf = ss == SEX_FEMALE && chance(g, 3000) ? family_name(g) : family;

		make_person(g, h, &h->m[h->n++], sa, ss, "spouse", sf, origin, true);
	}
	/* The others, by the head's generation. */
	if (elderly) {
		int middle_age = -1;

		while (h->n < size) {
			int slot = h->n - (spouse ? 2 : 1), a;

			if (slot == 0 && (size > 2 || chance(g, 5500))) {
				a = clamp(child_age(g, head_age), 18, 80);
				middle_age = a;
				make_person(g, h, &h->m[h->n++], a, any_sex(g, a), "child", family,
					    origin, chance(g, 5000));
			} else if (slot == 1 && middle_age >= 0 && chance(g, 4000)) {
				a = clamp(middle_age + between(g, -5, 5), 18, 80);
				make_person(g, h, &h->m[h->n++], a, any_sex(g, a), "relative",
					    family_name(g), origin, true);
			} else if (size == 2 && chance(g, 3000)) {
				a = clamp(head_age + between(g, -8, 8), 50, 100);
				make_person(g, h, &h->m[h->n++], a, any_sex(g, a), "sibling", family,
					    origin, false);
			} else {
				a = child_age(g, middle_age >= 0 ? middle_age : clamp(head_age - 28, 18, 60));
				make_person(g, h, &h->m[h->n++], a, any_sex(g, a), "grandchild", family,
					    origin, false);
			}
		}
	} else {
		int parents = 0;

		if (size >= 3 && chance(g, 2500))
			parents = size >= 5 && chance(g, 3000) ? 2 : 1;
		else if (size == 2 && !spouse && chance(g, 2500))
			parents = 1;
		while (h->n < size) {
			int a;

			if (parents) {
				a = clamp(head_age + between(g, 20, 35), 45, 104);
				if (a < 60 && chance(g, 6000))
					a = clamp(elderly_age(g), head_age + 18, 104);
				make_person(g, h, &h->m[h->n++], a, any_sex(g, a), "parent", family,
					    origin, true);
				parents--;
			} else if (size == 2 && !spouse && chance(g, 2500)) {
				a = clamp(head_age + between(g, -10, 10), 15, 59);
				make_person(g, h, &h->m[h->n++], a, any_sex(g, a),
					    chance(g, 5000) ? "sibling" : "relative",
					    chance(g, 5000) ? family : family_name(g), origin, false);
			} else {
				const char *rel = h->n >= 6 && chance(g, 4000) ? "relative" : "child";

				a = child_age(g, head_age);
				make_person(g, h, &h->m[h->n++], a, any_sex(g, a), rel, family, origin,
					    a >= 25 && chance(g, 3000));
			}
		}
	}
	/* Income: 5% unknown. */
	for (i = 0; i < h->n; i++)
		if (!h->m[i].death.y)
			income += earnings(g, h->m[i].age);
	unknown = chance(g, 500);
	h->monthly_income = unknown ? -1 : income * 100;
	needs(g, h, unknown ? -1 : income / h->n);
	return true;
}
