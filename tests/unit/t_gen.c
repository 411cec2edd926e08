/*
 * app/gen on a real SQLite database: generating a province, the rows it
 * writes, that core/person accepts every stored person (a sample read back
 * with plain SQL), the refusal to generate twice without append, and that
 * the audit chain stays intact (one entry per batch).
 */
#include <unistd.h>
#include "test.h"
#include "app/audit.h"
#include "app/gen.h"
#include "app/geo.h"
#include "core/person.h"
#include "store/db.h"

static struct app app;
static struct actor sys;
static char path[64];

static void setup(void)
{
	struct geo_counts g;
	struct err e;
	int applied;

	snprintf(path, sizeof(path), "/tmp/sawat-t-gen-%d.db", (int)getpid());
	unlink(path);
	REQUIRE(app_init(&app, path, &e) == 0);
	REQUIRE(app_setup(&app, &applied, &g, &e) == 0);
	actor_system(&sys);
}

static int64_t count(const char *sql)
{
	struct err e;
	int64_t n = -1;

	if (db_query_int64(app_db(&app, &e), sql, &n, &e))
		fprintf(stderr, "  %s: %s\n", sql, e.en);
	return n;
}

static const char *const phayao[] = { "56" };

static void test_generate(void)
{
	struct gen_opts o;
	struct gen_report rep;
	struct audit_verify v;
	struct err e;
	int64_t audits_before = count("SELECT COUNT(*) FROM audit_log");

	memset(&o, 0, sizeof(o));
	o.seed = 2569;
	o.provinces = phayao;
	o.nprovinces = 1;
	o.people = 12000;
	REQUIRE(app_gen(&app, &sys, &o, &rep, &e) == 0);
	CHECK_INT(rep.people, 12000);
	CHECK_INT(rep.provinces, 1);
	CHECK_INT(count("SELECT COUNT(*) FROM person"), 12000);
	CHECK_INT(count("SELECT COUNT(*) FROM consent"), 12000);
	CHECK_INT(count("SELECT COUNT(*) FROM household"), rep.households);
	CHECK_INT(count("SELECT COUNT(*) FROM person_need"), rep.needs);
	CHECK(rep.households > 12000 / 3 && rep.households < 12000 / 2);
	/* Every person in Phayao, in a household whose head exists. */
	CHECK_INT(count("SELECT COUNT(*) FROM person WHERE area < '56' OR area >= '57'"), 0);
	CHECK_INT(count("SELECT COUNT(*) FROM household h WHERE NOT EXISTS "
			"(SELECT 1 FROM person p WHERE p.id = h.head_person_id AND p.household_id = h.id)"),
		  0);
	/* Searchable: the name index has everyone once (its nation token counts
	 * them), and its buckets were drawn at the end. */
	REQUIRE(db_exec(app_db(&app, &e),
			"CREATE VIRTUAL TABLE temp.search_vocab USING "
			"fts5vocab(main, person_search, row)",
			&e) == 0);
	CHECK_INT(count("SELECT doc FROM temp.search_vocab WHERE term = char(983040, 983040, 983040)"),
		  12000);
	CHECK_INT(count("SELECT balanced_people FROM search_state"), 12000);
	CHECK_INT(count("SELECT COUNT(*) FROM name_bucket"), (12000 + 63) / 64);
	/* One audit entry per batch, and the chain verifies. */
	CHECK_INT(count("SELECT COUNT(*) FROM audit_log") - audits_before, rep.batches);
	CHECK(rep.batches >= 2);
	REQUIRE(app_verify_audit(&app, &sys, &v, &e) == 0);
	CHECK_INT(v.broken_seq, 0);

	/* Twice is refused; --append adds, with IDs that do not collide. */
	CHECK(app_gen(&app, &sys, &o, &rep, &e) == ERR_CONFLICT);
	CHECK_INT(count("SELECT COUNT(*) FROM person"), 12000);
	o.append = true;
	o.people = 3000;
	o.seed = 7;
	REQUIRE(app_gen(&app, &sys, &o, &rep, &e) == 0);
	CHECK_INT(count("SELECT COUNT(*) FROM person"), 15000);
	REQUIRE(app_verify_audit(&app, &sys, &v, &e) == 0);
	CHECK_INT(v.broken_seq, 0);
}

/* Every 37th stored person goes through person_validate unchanged. */
static void test_people_valid(void)
{
	struct db *db;
	struct db_stmt *st = NULL;
	struct err e;
	struct date today;
	long n = 0, bad = 0;
	int r, sec;

	/* The real today: no birth or death may lie after it. */
	REQUIRE(date_from_time((time_t)app_time(&app), DATE_BANGKOK_OFFSET, &today, &sec, &e) == 0);

	db = app_db(&app, &e);
	REQUIRE(db);
	REQUIRE(db_prepare(db,
			   "SELECT national_id, title, given_name, family_name, sex, birth_date, "
			   "death_date, nationality, reg_status, area, house_no, phone, name_key "
			   "FROM person WHERE id % 37 = 0",
			   &st, &e) == 0);
	while ((r = db_step(st, &e)) == DB_ROW) {
		struct person_in in;
		struct person p;

		memset(&in, 0, sizeof(in));
		in.national_id = db_column_text(st, 0);
		in.title = db_column_text(st, 1);
		in.given_name = db_column_text(st, 2);
		in.family_name = db_column_text(st, 3);
		in.sex = db_column_text(st, 4);
		in.birth_date = db_column_text(st, 5);
		in.death_date = db_column_text(st, 6);
		in.nationality = db_column_text(st, 7);
		in.reg_status = db_column_text(st, 8);
		in.area = db_column_text(st, 9);
		in.house_no = db_column_text(st, 10);
		in.phone = db_column_text(st, 11);
		person_init(&p);
		if (person_validate(&in, today, &p, &e)) {
			fprintf(stderr, "  person %s %s: %s\n", in.given_name, in.family_name, e.en);
			bad++;
		} else if (strcmp(p.name_key, db_column_text(st, 12)) || strcmp(p.phone, in.phone)) {
			bad++;
		}
		person_release(&p);
		n++;
	}
	db_finalize(st);
	CHECK(r == DB_DONE);
	CHECK(n > 300);
	CHECK_INT(bad, 0);
}

static void test_bad_input(void)
{
	static const char *const bad[] = { "5601" };
	struct gen_opts o;
	struct gen_report rep;
	struct err e;

	memset(&o, 0, sizeof(o));
	o.provinces = bad;
	o.nprovinces = 1;
	o.people = 10;
	CHECK(app_gen(&app, &sys, &o, &rep, &e) == ERR_INVALID);
	o.provinces = phayao;
	o.people = 0;
	CHECK(app_gen(&app, &sys, &o, &rep, &e) == ERR_INVALID);
}

int main(void)
{
	RUN(setup);
	RUN(test_generate);
	RUN(test_people_valid);
	RUN(test_bad_input);
	app_release(&app);
	unlink(path);
	{
		char p2[80];

		snprintf(p2, sizeof(p2), "%s-wal", path);
		unlink(p2);
		snprintf(p2, sizeof(p2), "%s-shm", path);
		unlink(p2);
	}
	return test_summary("gen");
}
