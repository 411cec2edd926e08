/*
 * Welfare programs end to end from the store (bench/program.sh): the coverage
 * gap analysis of the state programs, and the month's payroll of every
 * office, through the use cases (app/program.c) on a database made by
 * `sawat gen` with enrolments added (bench/program_enrol.sql).
 *
 *     build/bench/program_bench DB gaps AREA DATE
 *         app_program_gaps for each state program over AREA ("TH": the
 *         nation) on DATE: seconds, CPU seconds, the coverage counts, and
 *         the memory of the evaluation step: the peak of the process's
 *         anonymous memory (RssAnon, sampled every 2 ms) above what it held
 *         before the call, per person judged. SQLite reads the database
 *         through its page cache instead of a memory map here, so that the
 *         file's pages are not counted as the process's memory.
 *     build/bench/program_bench DB preview MONTH [AREA]
 *         app_payroll_preview: every roll of AREA's offices for MONTH,
 *         computed and not written; the best of three runs.
 *     build/bench/program_bench DB payroll MONTH [AREA]
 *         app_payroll_generate for every office of AREA with an active
 *         enrolment, one roll (one transaction) each.
 *
 * Each prints one Markdown table row per run; the clock is the machine's
 * (the population was made relative to it). Benchmarks are not tests: they
 * check nothing but that the use cases succeed.
 */
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include "app/program.h"

static double clock_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* RssAnon of this process, in KiB. */
static long rss_anon(void)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "RssAnon:", 8)) {
			v = strtol(line + 8, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/* "NAME WALL CPU PEAK_MIB PEOPLE" lines for bench/program.sh, appended to
 * the file PROGRAM_BENCH_TIMES names (when set). */
static void note_time(const char *name, double wall, double cpu, double mib, long long people)
{
	const char *path = getenv("PROGRAM_BENCH_TIMES");
	FILE *f = path ? fopen(path, "a") : NULL;

	if (!f)
		return;
	fprintf(f, "%s %.3f %.3f %.1f %lld\n", name, wall, cpu, mib, people);
	fclose(f);
}

#define RUNS 3 /* the all-at-once runs: the best counts (a shared machine is noisy) */

static atomic_long peak_kib;
static atomic_bool sampling;

static void *sampler(void *arg)
{
	struct timespec ts = { 0, 2000000 };

	UNUSED(arg);
	while (atomic_load(&sampling)) {
		long v = rss_anon();
		if (v > atomic_load(&peak_kib))
			atomic_store(&peak_kib, v);
		nanosleep(&ts, NULL);
	}
	return NULL;
}

static int64_t program_id(struct app *app, const struct actor *a, const char *code)
{
	struct program_list l = { NULL, 0, 0 };
	struct err e;
	int64_t id = 0;

	if (app_program_list(app, a, &l, &e))
		return 0;
	for (size_t i = 0; i < l.n; i++)
		if (!strcmp(l.items[i].code, code))
			id = l.items[i].id;
	program_list_release(&l);
	return id;
}

/* Runs fn and samples the process's anonymous memory meanwhile. */
struct measure {
	double wall, cpu;
	long before_kib, peak_kib;
};

static void measure_start(struct measure *m, pthread_t *t)
{
	m->before_kib = rss_anon();
	atomic_store(&peak_kib, m->before_kib);
	atomic_store(&sampling, true);
	pthread_create(t, NULL, sampler, NULL);
	m->wall = clock_s(CLOCK_MONOTONIC);
	m->cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID);
}

static void measure_stop(struct measure *m, pthread_t t)
{
	m->wall = clock_s(CLOCK_MONOTONIC) - m->wall;
	m->cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID) - m->cpu;
	atomic_store(&sampling, false);
	pthread_join(t, NULL);
	m->peak_kib = atomic_load(&peak_kib);
}

static void gap_row(const char *what, const struct measure *m, const struct coverage *c)
{
	double mib = (double)(m->peak_kib - m->before_kib) / 1024.0;

	printf("| %s | %.2f | %.2f | %lld | %lld | %lld | %lld | %lld | %lld | %lld | %lld | "
	       "%lld | %lld | %.0f MiB | %.1f |\n",
	       what, m->wall, m->cpu, (long long)c->people, (long long)c->eligible,
	       (long long)c->enrolled, (long long)c->enrolled_not_eligible, (long long)c->gaps,
	       (long long)c->never_applied, (long long)c->pending, (long long)c->no_card,
	       (long long)c->no_registration, (long long)c->no_status, mib,
	       c->people ? mib * 1048576.0 / (double)c->people : 0.0);
}

static int run_gaps(struct app *app, const struct actor *a, const char *area, const char *on)
{
	static const char *const codes[] = { "old_age", "disability", "child_support" };
	int64_t ids[3];
	struct coverage c[3];
	struct measure m;
	struct err e;
	pthread_t t;
	double each = 0;

	printf("| program | seconds | CPU seconds | people | eligible | enrolled | "
	       "enrolled, not eligible | gaps | never applied | pending | no card | "
	       "no registration | no status | evaluation memory | bytes/person |\n");
	printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	for (size_t k = 0; k < ARRAY_SIZE(codes); k++) {
		ids[k] = program_id(app, a, codes[k]);
		measure_start(&m, &t);
		int r = app_program_gaps(app, a, ids[k], area, on, &c[k], NULL, 0, &e);
		measure_stop(&m, t);
		if (r) {
			fprintf(stderr, "gaps %s: %s\n", codes[k], e.en);
			return 1;
		}
		each += m.wall;
		gap_row(codes[k], &m, &c[k]);
	}
	/* The three from one read of the register: the best of RUNS. */
	struct measure best = { 0, 0, 0, 0 };
	size_t best_items = 0;
	for (int run = 0; run < RUNS; run++) {
		measure_start(&m, &t);
		int r = app_program_gaps_many(app, a, ids, 3, area, on, c, NULL, 0, &e);
		measure_stop(&m, t);
		if (r) {
			fprintf(stderr, "gaps: %s\n", e.en);
			return 1;
		}
		if (!run || m.wall < best.wall)
			best = m;
	}
	m = best;
	printf("| one by one, in all | %.2f | | | | | | | | | | | | | |\n", each);
	gap_row("all three at once (`app_program_gaps_many`, best of 3)", &m, &c[0]);
	note_time("gaps", m.wall, m.cpu, (double)(m.peak_kib - m.before_kib) / 1024.0,
		  (long long)c[0].people);
	/* And with every gap listed (person, name, area, reason, amount), as
	 * the SQL engines return every line: the best of RUNS too. */
	for (int run = 0; run < RUNS; run++) {
		struct gap_list lists[3];
		size_t items = 0;
		memset(lists, 0, sizeof(lists));
		measure_start(&m, &t);
		int r = app_program_gaps_many(app, a, ids, 3, area, on, c, lists, SIZE_MAX, &e);
		measure_stop(&m, t);
		for (size_t k = 0; k < 3; k++) {
			items += lists[k].n;
			gap_list_release(&lists[k]);
		}
		if (r) {
			fprintf(stderr, "gaps: %s\n", e.en);
			return 1;
		}
		if (!run || m.wall < best.wall) {
			best = m;
			best_items = items;
		}
	}
	m = best;
	gap_row("all three at once, every gap listed with its name (best of 3)", &m, &c[0]);
	note_time("gaps_listed", m.wall, m.cpu, (double)(m.peak_kib - m.before_kib) / 1024.0,
		  (long long)best_items);
	return 0;
}

/* The offices with an active enrolment in area. */
static int offices_of(struct app *app, const char *area, char (**out)[16], size_t *n)
{
	struct err e;
	struct db *db = app_db(app, &e);
	struct db_stmt *st;
	char lo[16], hi[16];
	size_t cap = 0;
	int r;

	*out = NULL;
	*n = 0;
	if (!db)
		return 1;
	db_prefix_range(area, lo, hi);
	if (db_prepare(db, "SELECT DISTINCT office FROM enrolment WHERE status = 'active' "
			   "AND office >= ? AND office < ? ORDER BY office",
		       &st, &e))
		return 1;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	while ((r = db_step(st, &e)) == DB_ROW) {
		ALLOC_GROW(*out, *n + 1, cap);
		db_column_copy(st, 0, (*out)[(*n)++], 16);
	}
	db_finalize(st);
	return r < 0;
}

static int run_payroll(struct app *app, const struct actor *a, const char *month,
		       const char *area)
{
	char (*offices)[16];
	size_t n;
	int64_t lines = 0, stopped = 0, total = 0;
	double w, cpu;

	if (offices_of(app, area, &offices, &n))
		return 1;
	w = clock_s(CLOCK_MONOTONIC);
	cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID);
	for (size_t i = 0; i < n; i++) {
		struct payroll p;
		struct err e;
		int64_t id;
		if (app_payroll_generate(app, a, offices[i], month, &id, &e) ||
		    app_payroll_get(app, a, id, &p, NULL, &e)) {
			fprintf(stderr, "payroll %s: %s\n", offices[i], e.en);
			free(offices);
			return 1;
		}
		lines += p.lines;
		stopped += p.stopped;
		total += p.total;
	}
	w = clock_s(CLOCK_MONOTONIC) - w;
	cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID) - cpu;
	printf("| generate and write every office's roll | %zu | %lld | %lld | %lld | %.2f | %.2f | |\n",
	       n, (long long)lines, (long long)stopped, (long long)(total / 100), w, cpu);
	note_time("generate", w, cpu, 0, 0);
	free(offices);
	return 0;
}

static int run_preview(struct app *app, const struct actor *a, const char *month,
		       const char *area)
{
	struct payroll_preview p;
	struct measure m;
	struct err e;
	pthread_t t;
	int r;

	struct measure best = { 0, 0, 0, 0 };
	for (int run = 0; run < RUNS; run++) {
		measure_start(&m, &t);
		r = app_payroll_preview(app, a, area, month, NULL, NULL, &p, &e);
		measure_stop(&m, t);
		if (r) {
			fprintf(stderr, "preview: %s\n", e.en);
			return 1;
		}
		if (!run || m.wall < best.wall)
			best = m;
	}
	m = best;
	printf("| compute every office's roll (nothing written; best of 3) | %lld | %lld | %lld | %lld | %.2f | "
	       "%.2f | %.0f MiB |\n",
	       (long long)p.offices, (long long)p.lines, (long long)p.stopped,
	       (long long)(p.total / 100), m.wall, m.cpu,
	       (double)(m.peak_kib - m.before_kib) / 1024.0);
	note_time("preview", m.wall, m.cpu, (double)(m.peak_kib - m.before_kib) / 1024.0, 0);
	return 0;
}

int main(int argc, char **argv)
{
	struct app app;
	struct actor sys;
	struct err e;
	struct db *db;
	int rc;

	if (argc < 4) {
		fprintf(stderr, "usage: program_bench DB gaps AREA DATE | preview MONTH [AREA] | "
				"payroll MONTH [AREA]\n");
		return 2;
	}
	/* Large blocks always from mmap and back to the system when freed
	 * (glibc would otherwise raise the threshold after the first free and
	 * keep later runs' arrays in the heap): each run's memory is then its
	 * own, measured from what the process holds before it. */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	if (app_init(&app, argv[1], &e) || !(db = app_db(&app, &e))) {
		fprintf(stderr, "%s: %s\n", argv[1], e.en);
		return 1;
	}
	actor_system(&sys);
	if (!strcmp(argv[2], "gaps") && argc >= 5)
		rc = run_gaps(&app, &sys, argv[3], argv[4]);
	else if (!strcmp(argv[2], "preview"))
		rc = run_preview(&app, &sys, argv[3], argc > 4 ? argv[4] : "TH");
	else if (!strcmp(argv[2], "payroll"))
		rc = run_payroll(&app, &sys, argv[3], argc > 4 ? argv[4] : "TH");
	else
		rc = 2;
	app_release(&app);
	return rc;
}
