/*
 * The reference population of the programs (tests/reference): a seeded
 * synthetic province (`sawat gen`'s generator, 4,000 people in Phayao's
 * tambons) with enrolments made through the use cases, September's rolls
 * made, and then what October's rolls must cope with: late approvals with
 * arrears (some back to early 2023, across the 2023 version of the old-age
 * rules), deaths recorded through the registry (enrolments ended) and by a
 * correction of the record (enrolments left active: the roll stops them),
 * people who moved to another tambon, people enrolled at a second office
 * (the district's municipality), suspensions, a rejection, and outreach
 * cases closed "not interested". The clock stands at 2026-10-20.
 *
 *   t_program_ref [PGURL]         unit test: builds the population in a
 *                                 temporary SQLite file (or the PostgreSQL
 *                                 database, its schema dropped) and holds the
 *                                 columnar loader equal to program_person
 *                                 person by person, the national payroll
 *                                 preview equal to the rolls generated,
 *                                 and the special cases present
 *   t_program_ref DB build        builds the population into DB (a SQLite
 *                                 file, or a PostgreSQL URL: its public
 *                                 schema is dropped first)
 *   t_program_ref DB export DIR   writes the tables the rules read as CSV
 *                                 files into DIR (for DuckDB)
 *   t_program_ref DB sawat FILE   generates October's roll of every office
 *                                 and analyses the province's gaps on the
 *                                 day, writing Sawat's lines to FILE in
 *                                 the reference's format (rules.sql)
 */
#include <sys/stat.h>
#include <unistd.h>
#include "test.h"
#include "app/gen.h"
#include "app/geo.h"
#include "app/person.h"
#include "app/program.h"

#define TODAY_EPOCH 1792497600 /* 2026-10-20T12:00:00Z */
#define MONTH "2026-10"
#define PREV_MONTH "2026-09"
#define GAPS_ON "2026-10-20"
#define GAPS_AREA "56"

static struct app app;
static struct actor sys;
static const char *arg_db, *arg_out; /* the database, and where a phase writes */
/* Moved into a well-off household after enrolling: the first registered
 * for old age before 12 August 2023, two after, the last a child. */
static int64_t rich[4];
static size_t nrich;
static const char *const codes[] = { "old_age", "disability", "child_support" };
/* Every required document of each program (core/program.c), seen at application. */
static const char *const documents[] = {
	"[\"id_card\", \"house_registration\", \"bank_book\"]",
	"[\"id_card\", \"disability_card\", \"house_registration\", \"bank_book\"]",
	"[\"birth_certificate\", \"id_card\", \"house_registration\", \"bank_book\"]",
};
static int64_t prog[3];

static void open_app(const char *url, bool fresh)
{
	struct geo_counts g;
	struct err e;
	int applied;

	if (fresh && (starts_with(url, "postgres://") || starts_with(url, "postgresql://"))) {
		struct db *db;
		REQUIRE(db_open(url, &db, &e) == 0);
		REQUIRE(db_exec(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;", &e) == 0);
		db_close(db);
	} else if (fresh) {
		char wal[600];
		unlink(url);
		snprintf(wal, sizeof(wal), "%s-wal", url);
		unlink(wal);
	}
	REQUIRE(app_init(&app, url, &e) == 0);
	app.clock_offset = (int64_t)TODAY_EPOCH - (int64_t)time(NULL);
	actor_system(&sys);
	if (fresh) {
		REQUIRE(app_setup(&app, &applied, &g, &e) == 0);
		REQUIRE(app_program_seed(&app, &e) == 0);
	}
	{
		struct program_list l = { NULL, 0, 0 };
		REQUIRE(app_program_list(&app, &sys, &l, &e) == 0);
		for (size_t i = 0; i < l.n; i++)
			for (size_t k = 0; k < ARRAY_SIZE(codes); k++)
				if (!strcmp(l.items[i].code, codes[k]))
					prog[k] = l.items[i].id;
		program_list_release(&l);
	}
}

/* Completed years on day (ISO) of someone born on birth (ISO). */
static int age_on(const char *birth, const char *day)
{
	int by, bm, bd, y, m, d;

	if (sscanf(birth, "%d-%d-%d", &by, &bm, &bd) != 3 || sscanf(day, "%d-%d-%d", &y, &m, &d) != 3)
		return -1;
	return y - by - (m * 100 + d < bm * 100 + bd);
}

struct who {
	int64_t id;
	char birth[16], area[16];
	bool dead, disabled;
	unsigned h;
};

static size_t people(struct who **out)
{
	struct err e;
	struct db *db = app_db(&app, &e);
	struct db_stmt *st;
	size_t n = 0, cap = 0;

	*out = NULL;
	REQUIRE(db);
	REQUIRE(db_prepare(db,
			   "SELECT p.id, COALESCE(p.birth_date, ''), p.area, p.death_date IS NOT NULL, "
			   "EXISTS (SELECT 1 FROM person_need n WHERE n.person_id = p.id "
			   "AND n.kind = 'disability') FROM person p WHERE p.merged_into IS NULL "
			   "ORDER BY p.id",
			   &st, &e) == 0);
	while (db_step(st, &e) == DB_ROW) {
		struct who *w;
		ALLOC_GROW(*out, n + 1, cap);
		w = &(*out)[n++];
		w->id = db_column_int64(st, 0);
		db_column_copy(st, 1, w->birth, sizeof(w->birth));
		db_column_copy(st, 2, w->area, sizeof(w->area));
		w->dead = db_column_int64(st, 3) != 0;
		w->disabled = db_column_int64(st, 4) != 0;
		w->h = (unsigned)((uint64_t)w->id * 2654435761u % 1000u);
	}
	db_finalize(st);
	return n;
}

/* Applies and, when the dates are given, verifies and approves (a refusal
 * leaves the application where it stopped). */
static int64_t enrol(int k, const struct who *w, const char *office, const char *applied,
		     const char *verified, const char *approved)
{
	struct err e;
	int64_t id = 0;

	if (app_enrol_apply(&app, &sys, prog[k], w->id, office, applied, documents[k], &id, &e))
		return 0;
	if (verified && !app_enrol_step(&app, &sys, id, "verify", verified, "", &e) && approved)
		app_enrol_step(&app, &sys, id, "approve", approved, "", &e);
	return id;
}

/* Whether an enrolment was approved. */
static bool active(int64_t x)
{
	struct enrolment ex;
	struct err e;
	bool yes;

	if (!x || app_enrol_get(&app, &sys, x, &ex, NULL, &e))
		return false;
	yes = !strcmp(ex.status, "active");
	enrolment_release(&ex);
	return yes;
}

static void tambon_of(const char *area, char out[16])
{
	snprintf(out, 16, "%.6s", area);
}

/* The offices with an active enrolment. */
static size_t offices(char (**out)[16])
{
	struct err e;
	struct db *db = app_db(&app, &e);
	struct db_stmt *st;
	size_t n = 0, cap = 0;

	*out = NULL;
	REQUIRE(db);
	REQUIRE(db_prepare(db, "SELECT DISTINCT office FROM enrolment WHERE status = 'active' "
			       "ORDER BY office",
			   &st, &e) == 0);
	while (db_step(st, &e) == DB_ROW) {
		ALLOC_GROW(*out, n + 1, cap);
		db_column_copy(st, 0, (*out)[n++], 16);
	}
	db_finalize(st);
	return n;
}

static void roll_all(const char *month)
{
	char (*o)[16];
	size_t n = offices(&o);
	struct err e;

	for (size_t i = 0; i < n; i++) {
		int64_t id;
		CHECK(app_payroll_generate(&app, &sys, o[i], month, &id, &e) == 0);
	}
	free(o);
}

/* Rewrites a person's record with one field changed (death or area): a
 * correction through the registry, which ends nothing. */
static void correct(int64_t id, const char *death, const char *area)
{
	struct person p;
	struct person_in in;
	char birth[16], dd[16];
	struct err e;

	REQUIRE(app_person_get(&app, &sys, id, &p, NULL, NULL, NULL, &e) == 0);
	memset(&in, 0, sizeof(in));
	snprintf(birth, sizeof(birth), "%04d-%02d-%02d", p.birth.y, p.birth.m, p.birth.d);
	snprintf(dd, sizeof(dd), "%04d-%02d-%02d", p.death.y, p.death.m, p.death.d);
	in.national_id = p.national_id[0] ? p.national_id : NULL;
	in.title = p.title;
	in.given_name = p.given_name;
	in.family_name = p.family_name;
	in.sex = sex_code(p.sex);
	in.birth_date = p.birth.y ? birth : NULL;
	in.death_date = death ? death : p.death.y ? dd : NULL;
	in.nationality = p.nationality;
	in.reg_status = reg_status_code(p.reg_status);
	in.area = area ? area : p.area;
	in.house_no = p.house_no;
	CHECK(app_person_update(&app, &sys, id, &in, &e) == 0);
	person_release(&p);
}

static void build(void)
{
	static const char *const provinces[] = { "56" };
	struct gen_opts o;
	struct gen_report rep;
	struct who *w;
	struct err e;
	size_t n;
	int64_t late[64];
	size_t nlate = 0, ndeath = 0, nfix = 0, nmove = 0, ntwo = 0, nsusp = 0, nrej = 0;

	memset(&o, 0, sizeof(o));
	o.seed = 11;
	o.provinces = provinces;
	o.nprovinces = 1;
	o.people = 4000;
	REQUIRE(app_gen(&app, &sys, &o, &rep, &e) == 0);
	n = people(&w);
	REQUIRE(n > 3000);
	/* Applications through the use cases. */
	for (size_t i = 0; i < n; i++) {
		const struct who *p = &w[i];
		int age = p->birth[0] ? age_on(p->birth, "2026-09-01") : -1;
		char office[16], applied[16], step[16];
		int64_t x;

		if (p->dead)
			continue;
		tambon_of(p->area, office);
		if (age >= 60 && p->h < 850) {
			if (p->h % 10 == 0) { /* before the income test: paid whatever the income */
				x = enrol(0, p, office, "2023-01-10", "2023-01-15", "2023-01-20");
				if (nrich == 0 && active(x))
					rich[nrich++] = p->id;
			} else if (p->h % 10 == 1 && nlate < ARRAY_SIZE(late)) { /* approved late */
				x = enrol(0, p, office, "2026-07-05", "2026-07-06", NULL);
				if (x)
					late[nlate++] = x;
			} else {
				snprintf(applied, sizeof(applied), "2026-0%u-%02u", 5 + p->h % 3,
					 1 + p->h % 20);
				snprintf(step, sizeof(step), "2026-0%u-%02u", 5 + p->h % 3,
					 5 + p->h % 20);
				x = enrol(0, p, office, applied, step, step);
				/* (not one of the deaths, moves, suspensions and
				 * second offices below) */
				if (p->h % 37 == 1 && p->h % 23 > 5 && p->h % 97 != 5 &&
				    p->h % 131 != 7 && nrich >= 1 && nrich < 3 && active(x))
					rich[nrich++] = p->id;
				if (x && p->h % 97 == 5 && nsusp < 3 &&
				    !app_enrol_step(&app, &sys, x, "suspend", "2026-08-20", "ย้ายไปอยู่กับลูก",
						    &e))
					nsusp++;
			}
			if (p->h % 131 == 7 && ntwo < 4) {
				/* Enrolled again, later, at the district's municipality. */
				char district[16];
				snprintf(district, sizeof(district), "%.4s", p->area);
				if (enrol(0, p, district, "2026-07-20", "2026-07-21", "2026-07-22"))
					ntwo++;
			}
		}
		if (age >= 0 && age <= 6 && p->h < 700 &&
		    active(enrol(2, p, office, "2026-05-10", "2026-05-12", "2026-05-15")) && nrich == 3)
			rich[nrich++] = p->id;
		if (p->disabled && p->h < 800) {
			x = enrol(1, p, office, "2026-06-01", "2026-06-02", "2026-06-03");
			if (x && p->h % 53 == 2 && nrej < 2) {
				struct enrolment ex;
				if (!app_enrol_get(&app, &sys, x, &ex, NULL, &e)) {
					if (strcmp(ex.status, "active") &&
					    !app_enrol_step(&app, &sys, x, "reject", "2026-06-05",
							    "ไม่มีบัตร", &e))
						nrej++;
					enrolment_release(&ex);
				}
			}
		}
	}
	/* September is paid. */
	roll_all(PREV_MONTH);
	/* Then: late approvals (arrears in October), deaths, moves. */
	for (size_t i = 0; i < nlate; i++)
		app_enrol_step(&app, &sys, late[i], "approve", "2026-10-05", "", &e);
	for (size_t i = 0; i < n; i++) {
		const struct who *p = &w[i];
		int age = p->birth[0] ? age_on(p->birth, "2026-09-01") : -1;
		char other[16];

		if (p->dead || age < 60 || p->h >= 850 || p->h % 10 < 2)
			continue;
		if (p->h % 23 == 3 && ndeath < 3) {
			/* Death recorded: the registry's hook ends the enrolments. */
			if (!app_person_death(&app, &sys, p->id, "2026-09-20", &e))
				ndeath++;
		} else if (p->h % 23 == 4 && nfix < 4) {
			/* A death written into the record: the enrolment stays
			 * active and the roll stops it; the last one dies in
			 * October, after the month began, and is paid. */
			correct(p->id, nfix == 3 ? "2026-10-10" : "2026-09-15", NULL);
			nfix++;
		} else if (p->h % 23 == 5 && nmove < 3) {
			/* Moved to the next tambon of the province. */
			snprintf(other, sizeof(other), "%.4s%02d", p->area,
				 atoi(p->area + 4) == 1 ? 2 : 1);
			correct(p->id, NULL, other);
			nmove++;
		}
	}
	/* Some move into a well-off household (50,000 baht a month): the
	 * income test binds those registered from 12 August 2023 (and the
	 * child support grant's), not the one registered before. */
	for (size_t i = 0; i < nrich; i++) {
		struct person p;
		int64_t hid;
		REQUIRE(app_person_get(&app, &sys, rich[i], &p, NULL, NULL, NULL, &e) == 0);
		CHECK(app_household_add(&app, &sys, p.area, "99/9", 5000000, &hid, &e) == 0);
		CHECK(app_household_join(&app, &sys, hid, rich[i], "head", &e) == 0);
		person_release(&p);
	}
	/* Outreach in one tambon: one person declines, another applies. */
	{
		struct outreach_list l = { NULL, 0, 0 };
		char tambon[16];
		int64_t created;
		/* The tambon of the first who never applied: a gap. */
		struct gap_list g = { NULL, 0, 0 };
		struct coverage cov;
		REQUIRE(app_program_gaps(&app, &sys, prog[0], "56", NULL, &cov, &g, 100000, &e) == 0);
		tambon_of(w[n / 2].area, tambon);
		for (size_t i = 0; i < g.n; i++)
			if (!strcmp(g.items[i].reason, "never_applied")) {
				tambon_of(g.items[i].area, tambon);
				break;
			}
		gap_list_release(&g);
		CHECK(app_outreach_create(&app, &sys, prog[0], tambon, &created, &e) == 0);
		CHECK(created >= 1);
		CHECK(app_outreach_list(&app, &sys, tambon, prog[0], "open", 10, 0, &l, &e) == 0);
		if (l.n >= 1)
			CHECK(app_outreach_visit(&app, &sys, l.items[0].id, "not_interested",
						 "2026-10-15", "", &e) == 0);
		if (l.n >= 2)
			CHECK(app_outreach_visit(&app, &sys, l.items[1].id, "applied", "2026-10-15",
						 "", &e) == 0);
		outreach_list_release(&l);
	}
	CHECK(nlate >= 10);
	CHECK_INT(ndeath, 3);
	CHECK_INT(nfix, 4);
	CHECK_INT(nmove, 3);
	CHECK(ntwo >= 2);
	CHECK(nsusp >= 1);
	CHECK_INT(nrich, 4);
	free(w);
}

/* ---- the tables the rules read, as CSV (for DuckDB) ---- */

static void export_table(struct db *db, const char *dir, const char *name, const char *header,
			 const char *sql)
{
	char path[600];
	struct db_stmt *st;
	struct err e;
	FILE *f;
	int r;

	snprintf(path, sizeof(path), "%s/%s.csv", dir, name);
	f = fopen(path, "w");
	REQUIRE(f);
	fprintf(f, "%s\n", header);
	REQUIRE(db_prepare(db, sql, &st, &e) == 0);
	while ((r = db_step(st, &e)) == DB_ROW) {
		for (int i = 0; i < db_column_count(st); i++)
			fprintf(f, "%s%s", i ? "," : "", db_column_null(st, i) ? "" : db_column_text(st, i));
		fputc('\n', f);
	}
	CHECK(r == DB_DONE);
	db_finalize(st);
	CHECK(fclose(f) == 0);
}

static void export_csv(const char *dir)
{
	struct err e;
	struct db *db = app_db(&app, &e);

	REQUIRE(db);
	mkdir(dir, 0700);
	export_table(db, dir, "person",
		     "id,birth_date,death_date,nationality,reg_status,area,household_id,merged_into",
		     "SELECT id, birth_date, death_date, nationality, reg_status, area, household_id, "
		     "merged_into FROM person ORDER BY id");
	export_table(db, dir, "household", "id,monthly_income",
		     "SELECT id, monthly_income FROM household ORDER BY id");
	export_table(db, dir, "person_need",
		     "person_id,kind,observed_on,ended_on,card_no,card_expires",
		     "SELECT person_id, kind, observed_on, ended_on, card_no, card_expires "
		     "FROM person_need ORDER BY id");
	export_table(db, dir, "enrolment",
		     "id,program_id,person_id,office,status,applied_on,active_from,paid_through",
		     "SELECT id, program_id, person_id, office, status, applied_on, active_from, "
		     "paid_through FROM enrolment ORDER BY id");
	export_table(db, dir, "program", "id,code", "SELECT id, code FROM program ORDER BY id");
	export_table(db, dir, "outreach_case", "person_id,program_id,area,status,outcome",
		     "SELECT person_id, program_id, area, status, outcome FROM outreach_case "
		     "ORDER BY id");
}

/* ---- Sawat's results in the reference's format ---- */

static const char *code_of(int64_t program_id)
{
	for (size_t k = 0; k < ARRAY_SIZE(codes); k++)
		if (prog[k] == program_id)
			return codes[k];
	return "?";
}

static void sawat_results(const char *file)
{
	struct payroll_list rolls = { NULL, 0, 0 };
	struct coverage cov[3];
	struct gap_list gaps[3];
	struct err e;
	FILE *f = fopen(file, "w");

	REQUIRE(f);
	roll_all(MONTH);
	CHECK(app_payroll_list(&app, &sys, "TH", &rolls, &e) == 0);
	for (size_t i = 0; i < rolls.n; i++) {
		struct payroll_line_list lines = { NULL, 0, 0 };
		struct payroll p;
		if (strcmp(rolls.items[i].month, MONTH))
			continue;
		CHECK(app_payroll_get(&app, &sys, rolls.items[i].id, &p, &lines, &e) == 0);
		for (size_t k = 0; k < lines.n; k++) {
			const struct payroll_line *l = &lines.items[k];
			fprintf(f, "pay,%s,%s,%lld,%s,%s,%lld,%lld,%lld\n", p.office, l->program_code,
				(long long)l->person_id, l->status, l->reason, (long long)l->amount,
				(long long)l->arrears, (long long)l->arrears_months);
		}
		payroll_line_list_release(&lines);
	}
	payroll_list_release(&rolls);
	memset(gaps, 0, sizeof(gaps));
	CHECK(app_program_gaps_many(&app, &sys, prog, 3, GAPS_AREA, GAPS_ON, cov, gaps, 1000000,
				    &e) == 0);
	for (size_t k = 0; k < 3; k++) {
		const struct coverage *c = &cov[k];
		for (size_t i = 0; i < gaps[k].n; i++)
			fprintf(f, "gap,%s,%lld,%s,%lld\n", code_of(prog[k]),
				(long long)gaps[k].items[i].person_id, gaps[k].items[i].reason,
				(long long)gaps[k].items[i].amount);
		fprintf(f, "cov,%s,%lld,%lld,%lld,%lld,%lld,%lld,%lld,%lld,%lld,%lld,%lld\n",
			codes[k], (long long)c->people, (long long)c->eligible, (long long)c->enrolled,
			(long long)c->enrolled_not_eligible, (long long)c->gaps,
			(long long)c->never_applied, (long long)c->pending, (long long)c->no_card,
			(long long)c->no_registration, (long long)c->no_status,
			(long long)c->declined);
		gap_list_release(&gaps[k]);
	}
	CHECK(fclose(f) == 0);
}

/* ---- the unit test ---- */

/* Every person's columns equal what program_person reads: the nation read
 * whole (on one connection, and in two halves on two), and an area. */
static void loader_check(bool two)
{
	struct program_cols_spec spec;
	struct program_cols pc;
	struct err e;
	struct db *db = app_db(&app, &e);
	const char *pcodes[3] = { "child_support", "disability", "old_age" };
	struct date on = { 2026, 10, 20 };
	size_t bad = 0;

	REQUIRE(db);
	memset(&spec, 0, sizeof(spec));
	spec.on = on;
	spec.columns = RULES_COL_BIRTH | RULES_COL_DEATH | RULES_COL_INCOME | RULES_COL_AREA |
		       RULES_COL_NEEDS | RULES_COL_CARDS | RULES_COL_ENROLLED | RULES_COL_SEX |
		       RULES_COL_NATIONALITY | RULES_COL_REG;
	spec.programs = pcodes;
	spec.nprograms = 3;
	if (two)
		REQUIRE(db_open(arg_db, &spec.helper, &e) == 0);
	REQUIRE(program_cols_area(db, GEO_NATION_CODE, &spec, &pc, &e) == 0);
	CHECK(pc.n > 3000);
	for (size_t i = 0; i < pc.n; i++) {
		struct rules_person p;
		struct rules_batch one;
		int32_t row[5];
		uint32_t u[2];
		uint64_t en;
		uint8_t b[4];

		REQUIRE(program_person(db, pc.id[i], on, pcodes, 3, &p, &e) == 0);
		memset(&one, 0, sizeof(one));
		one.birth = &row[0];
		one.death = &row[1];
		one.income = &row[2];
		one.area = &row[3];
		one.needs = &u[0];
		one.cards = &u[1];
		one.enrolled = &en;
		one.sex = &b[0];
		one.nationality = &b[1];
		one.reg = &b[2];
		rules_batch_set(&one, 0, &p);
		if (row[0] != pc.b.birth[i] || row[1] != pc.b.death[i] || row[2] != pc.b.income[i] ||
		    row[3] != pc.b.area[i] || u[0] != pc.b.needs[i] || u[1] != pc.b.cards[i] ||
		    en != pc.b.enrolled[i] || b[0] != pc.b.sex[i] || b[1] != pc.b.nationality[i] ||
		    b[2] != pc.b.reg[i])
			bad++;
	}
	CHECK_INT(bad, 0);
	program_cols_release(&pc);
	/* An area's load (ids from the area index, rows in runs, members
	 * counted by the database) reads the same. */
	REQUIRE(program_cols_area(db, "5601", &spec, &pc, &e) == 0);
	CHECK(pc.n > 100);
	for (size_t i = 0; i < pc.n; i++) {
		struct rules_person p;
		REQUIRE(program_person(db, pc.id[i], on, pcodes, 3, &p, &e) == 0);
		CHECK(starts_with(p.area, "5601"));
		if (rules_income_baht(p.income) != pc.b.income[i] || p.needs != pc.b.needs[i] ||
		    p.cards != pc.b.cards[i] || rules_area_number(p.area) != pc.b.area[i])
			bad++;
	}
	CHECK_INT(bad, 0);
	program_cols_release(&pc);
	if (spec.helper)
		db_close(spec.helper);
}

static void test_loader_equals_program_person(void)
{
	loader_check(false);
	loader_check(true);
}

/* A line of the national preview, kept by enrolment. */
struct seen {
	int64_t enrolment_id, amount, arrears, arrears_months;
	char status[16], reason[64], office[16];
};
struct seen_list {
	struct seen *v;
	size_t n, cap;
};

static int keep(void *ctx, const char *office, const struct payroll_line *l)
{
	struct seen_list *s = ctx;
	struct seen *x;

	ALLOC_GROW(s->v, s->n + 1, s->cap);
	x = &s->v[s->n++];
	x->enrolment_id = l->enrolment_id;
	x->amount = l->amount;
	x->arrears = l->arrears;
	x->arrears_months = l->arrears_months;
	snprintf(x->status, sizeof(x->status), "%s", l->status);
	snprintf(x->reason, sizeof(x->reason), "%s", l->reason);
	snprintf(x->office, sizeof(x->office), "%s", office);
	return 0;
}

/* The national run computes exactly the rolls the offices then generate,
 * and the cases the population was made for are on them. */
static void test_preview_equals_rolls(void)
{
	struct seen_list s = { NULL, 0, 0 };
	struct payroll_list rolls = { NULL, 0, 0 };
	struct payroll_preview pv;
	struct err e;
	size_t lines = 0, matched = 0, deceased = 0, moved = 0, two = 0, arrears = 0, income = 0;

	CHECK(app_payroll_preview(&app, &sys, "TH", MONTH, keep, &s, &pv, &e) == 0);
	CHECK_INT(pv.lines, (int64_t)s.n);
	roll_all(MONTH);
	CHECK(app_payroll_list(&app, &sys, "TH", &rolls, &e) == 0);
	for (size_t i = 0; i < rolls.n; i++) {
		struct payroll_line_list l = { NULL, 0, 0 };
		struct payroll p;
		if (strcmp(rolls.items[i].month, MONTH))
			continue;
		CHECK(app_payroll_get(&app, &sys, rolls.items[i].id, &p, &l, &e) == 0);
		for (size_t k = 0; k < l.n; k++) {
			const struct payroll_line *a = &l.items[k];
			lines++;
			deceased += !strcmp(a->reason, "deceased");
			moved += !strcmp(a->reason, "moved");
			two += !strcmp(a->reason, "two_offices");
			income += !strcmp(a->reason, "not_eligible:income");
			arrears += a->arrears > 0;
			for (size_t j = 0; j < s.n; j++)
				if (s.v[j].enrolment_id == a->enrolment_id &&
				    !strcmp(s.v[j].office, p.office) &&
				    !strcmp(s.v[j].status, a->status) &&
				    !strcmp(s.v[j].reason, a->reason) && s.v[j].amount == a->amount &&
				    s.v[j].arrears == a->arrears &&
				    s.v[j].arrears_months == a->arrears_months) {
					matched++;
					break;
				}
		}
		payroll_line_list_release(&l);
	}
	CHECK_INT(lines, s.n);
	CHECK_INT(matched, lines);
	CHECK_INT(deceased, 3);
	CHECK_INT(moved, 3);
	CHECK(two >= 2);
	CHECK(arrears >= 10);
	CHECK(income >= 3);
	payroll_list_release(&rolls);
	free(s.v);
}

/* A dry run of a new old-age version over the nation and over a district
 * equals judging every person one by one with program_person and
 * rules_eval_one. */
static void dry_run_check(const char *area)
{
	const char *text = "require alive \"ยังมีชีวิตอยู่\" \"alive\"\n"
			   "require age >= 62 \"อายุ 62 ปีขึ้นไป\" \"aged 62 or over\"\n"
			   "require thai \"สัญชาติไทย\" \"Thai\"\n"
			   "require area in office \"ในเขต\" \"in the area\"\n"
			   "amount when age >= 80 then 1,200 baht else 750 baht\n";
	const char *pcodes[3];
	struct program_list pl = { NULL, 0, 0 };
	struct program_version_list vl = { NULL, 0, 0 };
	struct rules_prog *now_p, *new_p;
	struct dry_run got, want;
	struct date on = { 2026, 10, 20 };
	struct rules_env env;
	struct db_stmt *st;
	struct err e;
	struct db *db = app_db(&app, &e);
	char lo[16], hi[16];
	size_t np = 0;
	int r;

	REQUIRE(db);
	REQUIRE(app_program_dry_run(&app, &sys, prog[0], text, GAPS_ON, area, &got, &e) == 0);
	/* The same, one person at a time. */
	REQUIRE(program_list_all(db, &pl, &e) == 0);
	for (size_t i = 0; i < pl.n && np < 3; i++)
		pcodes[np++] = pl.items[i].code;
	REQUIRE(program_versions(db, prog[0], &vl, &e) == 0);
	REQUIRE(vl.n >= 2);
	REQUIRE(rules_compile(vl.items[vl.n - 1].rules, strlen(vl.items[vl.n - 1].rules), &now_p,
			      &e) == 0);
	REQUIRE(rules_compile(text, strlen(text), &new_p, &e) == 0);
	memset(&want, 0, sizeof(want));
	env = (struct rules_env){ on, area, pcodes, np };
	db_prefix_range(area, lo, hi);
	REQUIRE(db_prepare(db, "SELECT id FROM person WHERE area >= ? AND area < ? "
			       "AND merged_into IS NULL ORDER BY id",
			   &st, &e) == 0);
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	while ((r = db_step(st, &e)) == DB_ROW) {
		struct rules_person p;
		struct rules_result a, b;
		int64_t id = db_column_int64(st, 0);
		REQUIRE(program_person(db, id, on, pcodes, np, &p, &e) == 0);
		p.registered = on;
		REQUIRE(rules_eval_one(now_p, &env, &p, &a, &e) == 0);
		REQUIRE(rules_eval_one(new_p, &env, &p, &b, &e) == 0);
		want.people++;
		want.eligible_now += a.eligible;
		want.eligible_new += b.eligible;
		want.cost_now += a.amount;
		want.cost_new += b.amount;
		if (!a.eligible && b.eligible) {
			if (want.nsample_gain < 20)
				want.sample_gain[want.nsample_gain++] = id;
			want.gain++;
		} else if (a.eligible && !b.eligible) {
			if (want.nsample_lose < 20)
				want.sample_lose[want.nsample_lose++] = id;
			want.lose++;
		} else if (a.eligible && b.amount > a.amount) {
			want.more++;
		} else if (a.eligible && b.amount < a.amount) {
			want.less++;
		}
	}
	db_finalize(st);
	CHECK(r == DB_DONE);
	CHECK(want.people > 100);
	CHECK(want.gain > 0 && want.lose > 0 && want.more > 0);
	CHECK_INT(got.people, want.people);
	CHECK_INT(got.eligible_now, want.eligible_now);
	CHECK_INT(got.eligible_new, want.eligible_new);
	CHECK_INT(got.gain, want.gain);
	CHECK_INT(got.lose, want.lose);
	CHECK_INT(got.more, want.more);
	CHECK_INT(got.less, want.less);
	CHECK_INT(got.cost_now, want.cost_now);
	CHECK_INT(got.cost_new, want.cost_new);
	CHECK_INT(got.nsample_gain, want.nsample_gain);
	CHECK(!memcmp(got.sample_gain, want.sample_gain, sizeof(want.sample_gain)));
	CHECK(!memcmp(got.sample_lose, want.sample_lose, sizeof(want.sample_lose)));
	rules_free(now_p);
	rules_free(new_p);
	program_version_list_release(&vl);
	program_list_release(&pl);
}

/* The gap analysis judges the enrolled as of their application: the income
 * test strikes the one registered after 12 August 2023, not the one before. */
static void test_gaps_judge_as_of_application(void)
{
	struct gap_list g = { NULL, 0, 0 };
	struct coverage cov;
	struct err e;
	int seen[3] = { 0, 0, 0 };

	REQUIRE(nrich == 4);
	CHECK(app_program_gaps(&app, &sys, prog[0], GAPS_AREA, GAPS_ON, &cov, &g, 1000000, &e) == 0);
	for (size_t i = 0; i < g.n; i++)
		for (int k = 0; k < 3; k++)
			if (g.items[i].person_id == rich[k]) {
				seen[k]++;
				if (k)
					CHECK_STR(g.items[i].reason, "not_eligible:income");
			}
	CHECK_INT(seen[0], 0);
	CHECK_INT(seen[1], 1);
	CHECK_INT(seen[2], 1);
	/* Each item names its person and their area as the register has them. */
	CHECK(g.n > 20);
	for (size_t i = 0; i < g.n; i += 7) {
		struct person p;
		char name[300];
		REQUIRE(app_person_get(&app, &sys, g.items[i].person_id, &p, NULL, NULL, NULL, &e) == 0);
		snprintf(name, sizeof(name), "%s%s %s", p.title, p.given_name, p.family_name);
		CHECK_STR(g.items[i].name, name);
		CHECK_STR(g.items[i].area, p.area);
		person_release(&p);
	}
	gap_list_release(&g);
}

/* The lists of several programs at once, for the nation (their names read
 * in one pass, in two halves on two connections), name every person as the
 * register does, and equal the lists made one program at a time. */
static void test_gap_lists_of_the_nation(void)
{
	struct gap_list many[3], one = { NULL, 0, 0 };
	struct coverage cov[3], c1;
	struct err e;

	memset(many, 0, sizeof(many));
	REQUIRE(app_program_gaps_many(&app, &sys, prog, 3, GEO_NATION_CODE, GAPS_ON, cov, many,
				      1000000, &e) == 0);
	for (size_t k = 0; k < 3; k++) {
		CHECK(many[k].n > 10);
		CHECK(app_program_gaps(&app, &sys, prog[k], GAPS_AREA, GAPS_ON, &c1, &one, 1000000,
				       &e) == 0);
		CHECK_INT(one.n, many[k].n); /* everyone lives in the province */
		CHECK_INT(c1.gaps, cov[k].gaps);
		for (size_t i = 0; i < one.n && i < many[k].n; i++) {
			CHECK_INT(one.items[i].person_id, many[k].items[i].person_id);
			CHECK_STR(one.items[i].name, many[k].items[i].name);
			CHECK_STR(one.items[i].area, many[k].items[i].area);
			CHECK_STR(one.items[i].reason, many[k].items[i].reason);
			CHECK(many[k].items[i].name[0] != '\0');
		}
		gap_list_release(&one);
		gap_list_release(&many[k]);
	}
}

static void test_dry_run_equals_one_by_one(void)
{
	dry_run_check(GEO_NATION_CODE);
	dry_run_check("5603");
}

static void reference_build(void)
{
	open_app(arg_db, true);
	build();
}

static void reference_export(void)
{
	open_app(arg_db, false);
	export_csv(arg_out);
}

static void reference_sawat(void)
{
	open_app(arg_db, false);
	sawat_results(arg_out);
}

int main(int argc, char **argv)
{
	char path[64];

	if (argc >= 3) {
		arg_db = argv[1];
		arg_out = argc >= 4 ? argv[3] : NULL;
		if (!strcmp(argv[2], "build"))
			RUN(reference_build);
		else if (!strcmp(argv[2], "export") && arg_out)
			RUN(reference_export);
		else if (!strcmp(argv[2], "sawat") && arg_out)
			RUN(reference_sawat);
		else
			fprintf(stderr, "usage: t_program_ref [DB build | DB export DIR | DB sawat FILE]\n");
		app_release(&app);
		return test_summary("program_ref");
	}
	/* The unit test, on a temporary SQLite file or the PostgreSQL URL given. */
	snprintf(path, sizeof(path), "/tmp/sawat-t-program-ref-%d.db", (int)getpid());
	arg_db = argc == 2 ? argv[1] : path;
	RUN(reference_build);
	RUN(test_loader_equals_program_person);
	RUN(test_preview_equals_rolls);
	RUN(test_dry_run_equals_one_by_one);
	RUN(test_gaps_judge_as_of_application);
	RUN(test_gap_lists_of_the_nation);
	app_release(&app);
	if (argc != 2) {
		unlink(path);
		return test_summary("program_ref");
	}
	return test_summary("program_ref-postgres");
}
