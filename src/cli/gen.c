/*
 * sawat gen [--seed N] [--provinces 56,50 | --all] [--people N | --per-tambon N] [--append]:
 * loads a reproducible synthetic population (app/gen). Prints what was made
 * and how fast.
 */
#include <time.h>
#include "cli/cmd.h"
#include "app/gen.h"

#define GEN_USAGE                                                                       \
	"gen [--seed N] [--provinces 56,50 | --all] [--people N | --per-tambon N] [--append]\n" \
	"       sawat gen --funds N [--members N] [--year YYYY] [--months N] [--seed N] "    \
	"[--provinces 56,50 | --all]"

static const char *const all_provinces[] = {
	"10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24",
	"25", "26", "27", "30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40", "41",
	"42", "43", "44", "45", "46", "47", "48", "49", "50", "51", "52", "53", "54", "55", "56",
	"57", "58", "60", "61", "62", "63", "64", "65", "66", "67", "70", "71", "72", "73", "74",
	"75", "76", "77", "80", "81", "82", "83", "84", "85", "86", "90", "91", "92", "93", "94",
	"95", "96",
};

static bool parse_count(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (!s || !*s)
		return false;
	v = strtoll(s, &end, 10);
	if (*end || v < 0)
		return false;
	*out = v;
	return true;
}

/* sawat gen --funds: funds with a year of activity, through the use cases. */
static int gen_funds(struct cli *c, const struct gen_opts *g, const char *funds_s,
		     const char *members_s, const char *year_s, const char *months_s)
{
	struct fund_gen_opts o;
	struct fund_gen_report rep;
	struct timespec t0, t1;
	struct err e;
	int64_t v;
	double secs;

	err_init(&e);
	memset(&o, 0, sizeof(o));
	o.seed = g->seed;
	o.provinces = g->provinces;
	o.nprovinces = g->nprovinces;
	o.funds = 1;
	o.members = 300;
	o.year = 2025;
	o.months = 12;
	if (!funds_s || !parse_count(funds_s, &v) || v < 1 || v > 100000)
		return cli_usage(GEN_USAGE);
	o.funds = (int)v;
	if (members_s && (!parse_count(members_s, &v) || v > 5000))
		return cli_usage(GEN_USAGE);
	if (members_s)
		o.members = (int)v;
	if (year_s && (!parse_count(year_s, &v) || v > 9999))
		return cli_usage(GEN_USAGE);
	if (year_s)
		o.year = (int)(v > 2400 ? v - 543 : v);
	if (months_s && (!parse_count(months_s, &v) || v > 12))
		return cli_usage(GEN_USAGE);
	if (months_s)
		o.months = (int)v;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (app_gen_funds(&c->app, &c->actor, &o, &rep, &e))
		return cli_fail(&e);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("generated %lld funds, %lld members, %lld receipts, %lld claims; %lld journal "
	       "entries: %.2f s, %.0f postings/s\n",
	       (long long)rep.funds, (long long)rep.members, (long long)rep.receipts,
	       (long long)rep.claims, (long long)rep.postings, secs,
	       secs > 0 ? (double)rep.postings / secs : 0.0);
	return 0;
}

int cmd_gen(struct cli *c, int argc, char **argv)
{
	const char *seed_s = cli_opt(&argc, argv, "--seed");
	const char *prov_s = cli_opt(&argc, argv, "--provinces");
	const char *people_s = cli_opt(&argc, argv, "--people");
	const char *per_s = cli_opt(&argc, argv, "--per-tambon");
	const char *funds_s = cli_opt(&argc, argv, "--funds");
	const char *members_s = cli_opt(&argc, argv, "--members");
	const char *year_s = cli_opt(&argc, argv, "--year");
	const char *months_s = cli_opt(&argc, argv, "--months");
	bool all = cli_flag(&argc, argv, "--all"), append = cli_flag(&argc, argv, "--append");
	const char *provs[ARRAY_SIZE(all_provinces)];
	char list[256];
	struct gen_opts o;
	struct gen_report rep;
	struct timespec t0, t1;
	struct err e;
	int64_t seed = 1;
	double secs;
	char *tok, *save;

	err_init(&e);
	memset(&o, 0, sizeof(o));
	if (argc || (all && prov_s) || (seed_s && !parse_count(seed_s, &seed)) ||
	    (people_s && !parse_count(people_s, &o.people)) ||
	    (per_s && !parse_count(per_s, &o.per_tambon)) || (people_s && per_s))
		return cli_usage(GEN_USAGE);
	o.seed = (uint64_t)seed;
	o.append = append;
	if (!people_s && !per_s)
		o.people = 10000;
	if (all) {
		o.provinces = all_provinces;
		o.nprovinces = ARRAY_SIZE(all_provinces);
	} else {
		snprintf(list, sizeof(list), "%s", prov_s ? prov_s : "56");
		for (tok = strtok_r(list, ",", &save); tok && o.nprovinces < ARRAY_SIZE(provs);
		     tok = strtok_r(NULL, ",", &save))
			provs[o.nprovinces++] = tok;
		o.provinces = provs;
	}
	if (funds_s || members_s || year_s || months_s)
		return gen_funds(c, &o, funds_s, members_s, year_s, months_s);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (app_gen(&c->app, &c->actor, &o, &rep, &e)) {
		if (rep.people)
			fprintf(stderr, "sawat: %lld people were committed before the failure\n",
				(long long)rep.people);
		return cli_fail(&e);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("generated %lld people in %lld households (%lld needs) in %d province(s), seed %llu: "
	       "%.2f s, %.0f people/s\n",
	       (long long)rep.people, (long long)rep.households, (long long)rep.needs,
	       rep.provinces, (unsigned long long)o.seed, secs,
	       secs > 0 ? (double)rep.people / secs : 0.0);
	return 0;
}
