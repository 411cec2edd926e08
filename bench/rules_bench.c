/*
 * Micro-benchmark of the rules evaluator (core/rules): the state programs
 * over a synthetic population held in columns, as payroll and the gap
 * analysis will hold it.
 *
 *     build/bench/rules_bench [PEOPLE] [THREADS] [--csv DIR]
 *
 * PEOPLE defaults to 10,000,000, THREADS to 1 (the batch is split into
 * equal parts, one per thread; a compiled program is shared read-only).
 * For each program it prints the best and median of 5 runs in ns a person
 * (wall clock), the best CPU time a person (summed over threads: steadier
 * than the wall clock on a shared machine),
 * the bytes a person the evaluation reads and writes, and a checksum
 * (eligible people, total amount) that the same population gives in any
 * other engine. --csv DIR also writes the population (people.csv) for a
 * reference engine such as DuckDB to read.
 *
 * The population: ages 0-104 (about 19% aged 60 and over), birth days
 * spread over the year (29 February included), 0.7% dead (half of them
 * before the evaluation date), registrations for the program 2015-2025 with
 * a third never registered, income per person per year 0-300,000 baht with
 * 10% unknown, 3.2% disabled (90% with a card), 0.2% in an institution,
 * 1% foreign and 0.5% stateless, 2% in the central register, house
 * registrations in the 24 villages of 3 tambons of 2 districts. Integer
 * arithmetic from a fixed seed: the same on every machine.
 */
#include <pthread.h>
#include <time.h>
#include "core/program.h"
#include "core/rules.h"

#define RUNS 5

static struct rules_batch batch;
static size_t npeople;
static int32_t *amount;
static uint8_t *fail;

static uint64_t rng = 0x5a17a5eedull;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static const char *const areas[] = { "50010101", "50010102", "50010103", "50010104",
				      "50010105", "50010106", "50010107", "50010108",
				      "50010201", "50010202", "50010203", "50010204",
				      "50010205", "50010206", "50010207", "50010208",
				      "50020101", "50020102", "50020103", "50020104",
				      "50020105", "50020106", "50020107", "50020108" };

static void *xalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	return p;
}

static void make_population(size_t n, struct date on)
{
	int32_t on_day = date_to_days(on), area_num[ARRAY_SIZE(areas)];
	size_t i;
	uint32_t r;
	int age;

	batch.birth = xalloc(n * 4);
	batch.death = xalloc(n * 4);
	batch.registered = xalloc(n * 4);
	batch.income = xalloc(n * 4);
	batch.area = xalloc(n * 4);
	batch.needs = xalloc(n * 4);
	batch.cards = xalloc(n * 4);
	batch.enrolled = xalloc(n * 8);
	batch.sex = xalloc(n);
	batch.nationality = xalloc(n);
	batch.reg = xalloc(n);
	batch.flags = xalloc(n);
	for (i = 0; i < ARRAY_SIZE(areas); i++)
		area_num[i] = rules_area_number(areas[i]);
	for (i = 0; i < n; i++) {
		r = rnd() % 1000;
		/* About 19% aged 60+, a little more weight on the young. */
		age = r < 810 ? (int)(rnd() % 60) : 60 + (int)(rnd() % 45);
		batch.birth[i] = on_day - age * 365 - (int32_t)(age / 4) - (int32_t)(rnd() % 365);
		if (rnd() % 1000 == 0)
			batch.birth[i] = RULES_DAY_UNKNOWN;
		r = rnd() % 1000;
		batch.death[i] = r < 7 ? on_day - 180 + (int32_t)(rnd() % 360) : RULES_DAY_UNKNOWN;
		r = rnd() % 3;
		batch.registered[i] = r == 0 ? RULES_DAY_UNKNOWN
					     : date_to_days((struct date){ 2015, 1, 1 }) +
						       (int32_t)(rnd() % 3800);
		batch.income[i] = rnd() % 10 == 0 ? RULES_BAHT_UNKNOWN : (int32_t)(rnd() % 300000u);
		batch.area[i] = area_num[rnd() % ARRAY_SIZE(areas)];
		r = rnd() % 1000;
		batch.needs[i] = r < 32 ? 1u << NEED_DISABILITY : r < 40 ? 1u << NEED_BEDRIDDEN : 0;
		batch.cards[i] = r < 29 ? 1u << NEED_DISABILITY : 0;
		batch.enrolled[i] = 0;
		batch.sex[i] = (uint8_t)(1 + rnd() % 2);
		r = rnd() % 1000;
		batch.nationality[i] = r < 985 ? RULES_NAT_THAI : r < 995 ? RULES_NAT_FOREIGN
									 : RULES_NAT_STATELESS;
		r = rnd() % 1000;
		batch.reg[i] = r < 975 ? REG_HOUSE : r < 995 ? REG_CENTRAL : REG_NONE;
		batch.flags[i] = rnd() % 500 == 0 ? RULES_FLAG_INSTITUTION : 0;
	}
}

/* The population as CSV (day numbers and whole baht as integers, "" for unknown). */
static int write_csv(const char *dir, size_t n)
{
	char path[512];
	FILE *f;
	size_t i;

	snprintf(path, sizeof(path), "%s/people.csv", dir);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs("birth,death,registered,income,area,needs,cards,nationality,reg,flags\n", f);
	for (i = 0; i < n; i++) {
		if (batch.birth[i] != RULES_DAY_UNKNOWN)
			fprintf(f, "%d", batch.birth[i]);
		fputc(',', f);
		if (batch.death[i] != RULES_DAY_UNKNOWN)
			fprintf(f, "%d", batch.death[i]);
		fputc(',', f);
		if (batch.registered[i] != RULES_DAY_UNKNOWN)
			fprintf(f, "%d", batch.registered[i]);
		fputc(',', f);
		if (batch.income[i] != RULES_BAHT_UNKNOWN)
			fprintf(f, "%d", batch.income[i]);
		fprintf(f, ",%d,%u,%u,%u,%u,%u\n", batch.area[i], batch.needs[i], batch.cards[i],
			batch.nationality[i], batch.reg[i], batch.flags[i]);
	}
	return fclose(f);
}

struct job {
	const struct rules_prog *prog;
	const struct rules_env *env;
	size_t from, n;
	int rc;
};

static void *run_job(void *arg)
{
	struct job *j = arg;
	struct rules_batch b = batch;
	struct err e;

	b.birth += j->from;
	b.death += j->from;
	b.registered += j->from;
	b.income += j->from;
	b.area += j->from;
	b.needs += j->from;
	b.cards += j->from;
	b.enrolled += j->from;
	b.sex += j->from;
	b.nationality += j->from;
	b.reg += j->from;
	b.flags += j->from;
	err_init(&e);
	j->rc = rules_eval_batch(j->prog, j->env, &b, j->n, amount + j->from, fail + j->from, &e);
	if (j->rc)
		fprintf(stderr, "rules_eval_batch: %s\n", e.en);
	return NULL;
}

static double clock_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void)
{
	return clock_s(CLOCK_MONOTONIC);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int bench(const struct program_seed *s, const struct rules_env *env, int threads)
{
	struct rules_prog *prog;
	struct job jobs[64];
	pthread_t tid[64];
	double t[RUNS], cpu[RUNS];
	long long eligible = 0, total = 0;
	struct err e;
	size_t i;
	int run, k;

	err_init(&e);
	if (rules_compile(s->rules, strlen(s->rules), &prog, &e)) {
		fprintf(stderr, "%s: %s\n", s->code, e.en);
		return 1;
	}
	for (run = 0; run < RUNS; run++) {
		t[run] = now();
		cpu[run] = clock_s(CLOCK_PROCESS_CPUTIME_ID);
		for (k = 0; k < threads; k++) {
			jobs[k].prog = prog;
			jobs[k].env = env;
			jobs[k].from = npeople / (size_t)threads * (size_t)k;
			jobs[k].n = k == threads - 1 ? npeople - jobs[k].from
						     : npeople / (size_t)threads;
			if (threads == 1)
				run_job(&jobs[k]);
			else
				pthread_create(&tid[k], NULL, run_job, &jobs[k]);
		}
		for (k = 0; threads > 1 && k < threads; k++)
			pthread_join(tid[k], NULL);
		t[run] = now() - t[run];
		cpu[run] = clock_s(CLOCK_PROCESS_CPUTIME_ID) - cpu[run];
		for (k = 0; k < threads; k++)
			if (jobs[k].rc)
				return 1;
	}
	for (i = 0; i < npeople; i++) {
		eligible += fail[i] == 0;
		total += amount[i];
	}
	qsort(t, RUNS, sizeof(t[0]), cmp_double);
	qsort(cpu, RUNS, sizeof(cpu[0]), cmp_double);
	printf("| %s %s | %.2f | %.2f | %.2f | %.1f | %zu | %lld | %lld |\n", s->code,
	       s->effective, t[0] * 1e9 / (double)npeople, t[RUNS / 2] * 1e9 / (double)npeople,
	       cpu[0] * 1e9 / (double)npeople, t[0] * 1e3, rules_bytes_per_person(prog), eligible,
	       total / 100);
	rules_free(prog);
	return 0;
}

int main(int argc, char **argv)
{
	const char *csv = NULL;
	struct date on = { 2025, 6, 1 };
	struct rules_env env = { on, "5001", NULL, 0 };
	int threads = 1, pos = 0, i, rc = 0;
	size_t k;
	double t;

	npeople = 10000000;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--csv") && i + 1 < argc)
			csv = argv[++i];
		else if (pos++ == 0)
			npeople = (size_t)strtoull(argv[i], NULL, 10);
		else
			threads = atoi(argv[i]);
	}
	if (threads < 1 || threads > 64 || npeople == 0) {
		fprintf(stderr, "usage: rules_bench [PEOPLE] [THREADS 1-64] [--csv DIR]\n");
		return 2;
	}
	t = now();
	make_population(npeople, on);
	amount = xalloc(npeople * sizeof(*amount));
	fail = xalloc(npeople);
	printf("Rules evaluation: %zu synthetic people, %d thread(s), evaluation date 2025-06-01, "
	       "paying office 5001 (made in %.1f s).\n\n",
	       npeople, threads, now() - t);
	if (csv && write_csv(csv, npeople)) {
		fprintf(stderr, "cannot write %s/people.csv\n", csv);
		return 1;
	}
	printf("| program | best ns/person | median ns/person | CPU ns/person | best ms | "
	       "bytes/person | eligible | total baht |\n|---|---|---|---|---|---|---|---|\n");
	for (k = 0; k < program_seed_count(); k++)
		rc |= bench(program_seed(k), &env, threads);
	return rc;
}
