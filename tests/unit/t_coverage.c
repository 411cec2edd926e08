/*
 * Coverage by area and target group (app/coverage) on a real database (a
 * temporary SQLite file, or the PostgreSQL URL given as the argument): a
 * small district with people in every kind of gap, someone receiving the
 * allowance, someone waiting, someone who declined at an outreach visit and
 * someone registered at a tambon without a village. Checks that the rows of
 * every level add up to their total, that every total is what
 * app_program_gaps says for the same area, that the target groups add up
 * over the age groups and are right person by person, access by scope,
 * small-cell suppression, and the outreach helpers (cases by volunteer,
 * volunteers of an area).
 */
#include <unistd.h>
#include "test.h"
#include "app/coverage.h"
#include "app/geo.h"
#include "app/person.h"
#include "app/user.h"

#define ON "2026-10-01"
#define OLD_AGE_DOCS "[\"id_card\", \"house_registration\", \"bank_book\"]"

static struct app app;
static struct actor sys, nat, dist, local, vol, other;
static char path[512];
static bool on_pg;
static int64_t old_age, disability, child;
static int64_t e1, e2, e3, s1, c1, d1, n1, e4, w1;

static void set_actor(struct actor *a, const char *name, enum role r, const char *area,
		      int64_t id)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->username, sizeof(a->username), "%s", name);
	a->role = r;
	snprintf(a->area, sizeof(a->area), "%s", area);
	a->id = id;
}

/* A person living alone on 4,000 baht a month (under every income test). */
static int64_t person(const char *given, const char *birth, const char *area,
		      const char *nationality)
{
	struct person_in in;
	struct err e;
	int64_t id = 0, hid;

	memset(&in, 0, sizeof(in));
	in.given_name = given;
	in.family_name = "ครอบคลุม";
	in.sex = "F";
	in.birth_date = birth;
	in.reg_status = "house";
	in.nationality = nationality;
	in.area = area;
	CHECK(app_person_add(&app, &sys, &in, &id, &e) == 0);
	CHECK(app_household_add(&app, &sys, area, "1", 400000, &hid, &e) == 0);
	CHECK(app_household_join(&app, &sys, hid, id, "head", &e) == 0);
	return id;
}

static int64_t program_id(const char *code)
{
	struct program_list l = { NULL, 0, 0 };
	struct err e;
	int64_t id = 0;

	REQUIRE(app_program_list(&app, &sys, &l, &e) == 0);
	for (size_t i = 0; i < l.n; i++)
		if (!strcmp(l.items[i].code, code))
			id = l.items[i].id;
	program_list_release(&l);
	return id;
}

static void setup(const char *url)
{
	struct geo_counts g;
	struct need_in n;
	struct err e;
	char village[16];
	int64_t x, nid, created, uid;
	int applied;

	if (url && (starts_with(url, "postgres://") || starts_with(url, "postgresql://"))) {
		struct db *db;
		snprintf(path, sizeof(path), "%s", url);
		on_pg = true;
		REQUIRE(db_open(path, &db, &e) == 0);
		REQUIRE(db_exec(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;", &e) == 0);
		db_close(db);
	} else {
		snprintf(path, sizeof(path), "/tmp/sawat-t-coverage-%d.db", (int)getpid());
		unlink(path);
	}
	REQUIRE(app_init(&app, path, &e) == 0);
	REQUIRE(app_setup(&app, &applied, &g, &e) == 0);
	actor_system(&sys);
	set_actor(&nat, "nat", ROLE_NATIONAL_ADMIN, "TH", 30);
	set_actor(&dist, "dist", ROLE_DISTRICT_OFFICER, "5001", 31);
	set_actor(&local, "local", ROLE_LOCAL_OFFICER, "500101", 32);
	set_actor(&other, "other", ROLE_PROVINCE_OFFICER, "56", 34);
	old_age = program_id("old_age");
	disability = program_id("disability");
	child = program_id("child_support");
	REQUIRE(app_village_add(&app, &sys, "500101", 1, "บ้านทดสอบ", NULL, village, &e) == 0);
	REQUIRE(app_user_add(&app, &sys, "vol1", "อาสา หมู่ 1", "volunteer", village,
			     "volunteer-pass-1", &uid, &e) == 0);
	set_actor(&vol, "vol1", ROLE_VOLUNTEER, village, uid);

	/* Tambon 500101: village 1 and people registered at the tambon itself. */
	e1 = person("ยังไม่ยื่น", "1950-01-01", village, "TH");       /* old age: never applied */
	e2 = person("ได้รับแล้ว", "1945-01-01", "500101", "TH");     /* old age: receiving */
	e3 = person("ไม่ประสงค์", "1952-01-01", "500101", "TH");     /* old age: declined */
	s1 = person("ไร้สัญชาติ", "1955-01-01", village, "XX");       /* old age: no status */
	c1 = person("เด็กน้อย", "2024-01-01", village, "TH");         /* child support: never applied */
	d1 = person("ไม่มีบัตร", "1986-01-01", village, "TH");        /* disability: no card */
	n1 = person("ไม่ทราบอายุ", NULL, "500101", "TH");             /* no age known */
	/* Tambon 500102. */
	e4 = person("รอตรวจ", "1948-01-01", "500102", "TH");         /* old age: pending */
	w1 = person("วัยทำงาน", "1990-01-01", "500102", "TH");
	memset(&n, 0, sizeof(n));
	n.kind = "disability";
	n.observed_on = "2025-01-01";
	n.source = "visit";
	n.disability_type = "visual";
	CHECK(app_need_add(&app, &sys, d1, &n, &nid, &e) == 0);
	CHECK(app_enrol_apply(&app, &dist, old_age, e2, "500101", "2026-01-05", OLD_AGE_DOCS, &x,
			      &e) == 0);
	CHECK(app_enrol_step(&app, &dist, x, "verify", "2026-01-06", "", &e) == 0);
	CHECK(app_enrol_step(&app, &dist, x, "approve", "2026-01-06", "", &e) == 0);
	CHECK(app_enrol_apply(&app, &dist, old_age, e4, "500102", "2026-01-05", "[]", &x, &e) == 0);
	/* e3 tells the volunteer they do not want it. */
	CHECK(app_outreach_create(&app, &dist, old_age, "500101", &created, &e) == 0);
	{
		struct outreach_list l = { NULL, 0, 0 };
		CHECK(app_outreach_list(&app, &dist, "500101", old_age, "open", 100, 0, &l, &e) == 0);
		for (size_t i = 0; i < l.n; i++)
			if (l.items[i].person_id == e3) {
				CHECK(app_outreach_assign(&app, &dist, l.items[i].id, "vol1", &e) ==
				      ERR_INVALID); /* vol1's village does not hold e3 */
				CHECK(app_outreach_visit(&app, &dist, l.items[i].id, "not_interested",
							 "2026-09-01", "", &e) == 0);
			}
		outreach_list_release(&l);
	}
}

/* Every count of a and b equal. */
static bool same(const struct coverage *a, const struct coverage *b)
{
	return a->people == b->people && a->eligible == b->eligible &&
	       a->enrolled == b->enrolled && a->enrolled_not_eligible == b->enrolled_not_eligible &&
	       a->gaps == b->gaps && a->never_applied == b->never_applied &&
	       a->pending == b->pending && a->no_card == b->no_card &&
	       a->no_registration == b->no_registration && a->no_status == b->no_status &&
	       a->declined == b->declined;
}

static void sum(struct coverage *to, const struct coverage *c)
{
	to->people += c->people;
	to->eligible += c->eligible;
	to->enrolled += c->enrolled;
	to->enrolled_not_eligible += c->enrolled_not_eligible;
	to->gaps += c->gaps;
	to->never_applied += c->never_applied;
	to->pending += c->pending;
	to->no_card += c->no_card;
	to->no_registration += c->no_registration;
	to->no_status += c->no_status;
	to->declined += c->declined;
}

/* The rows add up to the total, and the age groups (with no known age) too. */
static void check_sums(const struct area_coverage *c)
{
	struct coverage rows = { 0 }, ages = { 0 };

	for (size_t i = 0; i < c->n; i++)
		sum(&rows, &c->rows[i].c);
	if (c->n)
		CHECK(same(&rows, &c->total));
	for (size_t g = 0; g < COVERAGE_GROUPS; g++)
		if (g != 3)
			sum(&ages, &c->groups[g]);
	ages.declined = c->total.declined; /* not split by group */
	CHECK(same(&ages, &c->total));
	CHECK(!c->groups_partial);
}

static void test_totals_match_the_gap_analysis(void)
{
	static const char *const areas[] = { "50", "5001", "500101", "500102", "50010101" };
	int64_t programs[] = { old_age, disability, child };
	struct area_coverage c = { 0 };
	struct coverage gaps, all;
	struct err e;

	for (size_t p = 0; p < ARRAY_SIZE(programs); p++)
		for (size_t i = 0; i < ARRAY_SIZE(areas); i++) {
			REQUIRE(app_coverage(&app, &nat, programs[p], areas[i], ON, &c, &e) == 0);
			REQUIRE(app_program_gaps(&app, &nat, programs[p], areas[i], ON, &gaps, NULL, 0,
						 &e) == 0);
			CHECK(same(&c.total, &gaps));
			check_sums(&c);
			area_coverage_release(&c);
		}
	/* The nation: its provinces; only Chiang Mai holds anyone. */
	REQUIRE(app_coverage(&app, &nat, old_age, "TH", ON, &c, &e) == 0);
	REQUIRE(app_program_gaps(&app, &nat, old_age, "50", ON, &gaps, NULL, 0, &e) == 0);
	CHECK_INT(c.n, 77);
	CHECK(same(&c.total, &gaps));
	check_sums(&c);
	for (size_t i = 0; i < c.n; i++)
		if (strcmp(c.rows[i].code, "50"))
			CHECK_INT(c.rows[i].c.people, 0);
	area_coverage_release(&c);
	/* All the state programs: person-program pairs. */
	memset(&all, 0, sizeof(all));
	for (size_t p = 0; p < ARRAY_SIZE(programs); p++) {
		REQUIRE(app_program_gaps(&app, &nat, programs[p], "5001", ON, &gaps, NULL, 0, &e) ==
			0);
		sum(&all, &gaps);
	}
	REQUIRE(app_coverage(&app, &nat, 0, "5001", ON, &c, &e) == 0);
	CHECK_INT(c.nprograms, 3);
	CHECK(same(&c.total, &all));
	check_sums(&c);
	area_coverage_release(&c);
}

static void test_rows_and_groups(void)
{
	struct area_coverage c = { 0 };
	struct err e;
	bool own = false;

	/* The tambon: its village, and the people registered at the tambon. */
	REQUIRE(app_coverage(&app, &nat, old_age, "500101", ON, &c, &e) == 0);
	CHECK_INT(c.total.people, 7);
	CHECK_INT(c.total.enrolled, 1);
	CHECK_INT(c.total.never_applied, 1);
	CHECK_INT(c.total.no_status, 1);
	CHECK_INT(c.total.declined, 1);
	CHECK_INT(c.total.eligible, 3); /* e1, e2, e3 */
	CHECK_INT(coverage_reached(&c.total), 1);
	CHECK_INT(coverage_rate(&c.total), 333); /* e2 of e2, e1, s1 */
	for (size_t i = 0; i < c.n; i++) {
		const struct coverage_row *r = &c.rows[i];
		if (!strcmp(r->code, "50010101")) {
			CHECK_INT(r->c.people, 4); /* e1, s1, c1, d1 */
			CHECK_INT(r->c.gaps, 2);
			CHECK_STR(r->name_th, "บ้านทดสอบ");
		} else if (!strcmp(r->code, "500101")) {
			own = true;
			CHECK_INT(r->c.people, 3); /* e2, e3, n1 */
			CHECK_INT(r->c.enrolled, 1);
			CHECK_INT(r->c.declined, 1);
			CHECK_STR(r->name_en, "No village recorded");
		}
	}
	CHECK(own);
	/* Elderly: e1, e2, e3, s1 in the tambon; e3 declined but is eligible. */
	CHECK_INT(c.groups[2].people, 4);
	CHECK_INT(c.groups[2].eligible, 3);
	CHECK_INT(c.groups[2].enrolled, 1);
	CHECK_INT(c.groups[2].gaps, 2);
	CHECK_INT(c.groups[2].no_status, 1);
	CHECK_INT(c.groups[0].people, 1); /* c1 */
	CHECK_INT(c.groups[0].gaps, 0);
	CHECK_INT(c.groups[1].people, 1); /* d1 */
	CHECK_INT(c.groups[3].people, 1); /* d1 again: disabled */
	CHECK_INT(c.groups[COVERAGE_AGE_UNKNOWN].people, 1); /* n1 */
	CHECK(!c.suppressed);
	area_coverage_release(&c);

	/* The disability allowance: d1 lacks only the card. */
	REQUIRE(app_coverage(&app, &nat, disability, "5001", ON, &c, &e) == 0);
	CHECK_INT(c.total.no_card, 1);
	CHECK_INT(c.groups[3].no_card, 1);
	CHECK_INT(c.groups[1].no_card, 1);
	CHECK_INT(coverage_rate(&c.total), 0);
	area_coverage_release(&c);

	/* The district: its tambons, zeros included; the pending one waits in 500102. */
	REQUIRE(app_coverage(&app, &nat, old_age, "5001", ON, &c, &e) == 0);
	CHECK(c.n > 10);
	for (size_t i = 0; i < c.n; i++) {
		if (!strcmp(c.rows[i].code, "500102")) {
			CHECK_INT(c.rows[i].c.pending, 1);
			CHECK_INT(c.rows[i].c.people, 2);
		}
		if (!strcmp(c.rows[i].code, "500103"))
			CHECK_INT(c.rows[i].c.people, 0);
	}
	CHECK_INT(c.groups[2].pending, 1);
	CHECK_INT(c.groups[2].eligible, 4); /* e1, e2, e3, e4 */
	CHECK_INT(c.groups[1].people, 2); /* d1, w1 */
	CHECK(c.on.y == 2026 && c.on.m == 10 && c.on.d == 1);
	area_coverage_release(&c);
	/* B.E. dates are read too. */
	REQUIRE(app_coverage(&app, &nat, old_age, "5001", "1/10/2569", &c, &e) == 0);
	CHECK(c.on.y == 2026 && c.on.m == 10 && c.on.d == 1);
	area_coverage_release(&c);
	(void)c1;
	(void)n1;
	(void)s1;
	(void)w1;
	(void)e1;
}

static void test_access(void)
{
	struct area_coverage c = { 0 };
	struct err e;

	CHECK(app_coverage(&app, &local, old_age, "5001", ON, &c, &e) == ERR_FORBIDDEN);
	CHECK(app_coverage(&app, &local, old_age, "500101", ON, &c, &e) == 0);
	area_coverage_release(&c);
	CHECK(app_coverage(&app, &other, old_age, "50", ON, &c, &e) == ERR_FORBIDDEN);
	CHECK(app_coverage(&app, &dist, old_age, "TH", ON, &c, &e) == ERR_FORBIDDEN);
	CHECK(app_coverage(&app, &dist, old_age, "5001", ON, &c, &e) == 0);
	area_coverage_release(&c);
	CHECK(app_coverage(&app, &nat, old_age, "5098", ON, &c, &e) == ERR_NOT_FOUND);
	CHECK(app_coverage(&app, &nat, old_age, "5x", ON, &c, &e) == ERR_INVALID);
	CHECK(app_coverage(&app, &nat, old_age, "5001", "31/02/2569", &c, &e) == ERR_INVALID);
	CHECK_STR(e.field, "on");
	CHECK(app_coverage(&app, &nat, 99999, "5001", ON, &c, &e) == ERR_NOT_FOUND);
	/* A volunteer sees their village, with the disadvantaged group's small
	 * counts hidden. */
	CHECK(app_coverage(&app, &vol, disability, vol.area, ON, &c, &e) == 0);
	CHECK(c.suppressed);
	CHECK_INT(c.groups[3].people, -1);
	CHECK_INT(c.groups[1].people, 1);
	CHECK_INT(coverage_rate(&c.groups[3]), -1);
	area_coverage_release(&c);
}

static void test_outreach_helpers(void)
{
	struct outreach_list l = { NULL, 0, 0 };
	struct coverage_volunteer_list v = { NULL, 0, 0 };
	struct outreach_case oc;
	struct err e;
	int64_t created, case_e1 = 0;

	CHECK(app_coverage_volunteers(&app, &dist, "500101", &v, &e) == 0);
	CHECK(v.n == 1 && !strcmp(v.items[0].username, "vol1"));
	coverage_volunteer_list_release(&v);
	CHECK(app_coverage_volunteers(&app, &dist, vol.area, &v, &e) == 0);
	CHECK_INT(v.n, 1); /* a village's own volunteer */
	coverage_volunteer_list_release(&v);
	CHECK(app_coverage_volunteers(&app, &dist, "500102", &v, &e) == 0);
	CHECK_INT(v.n, 0);
	coverage_volunteer_list_release(&v);
	CHECK(app_coverage_volunteers(&app, &local, "5001", &v, &e) == ERR_FORBIDDEN);

	CHECK(app_outreach_create(&app, &dist, old_age, "500101", &created, &e) == 0);
	CHECK(app_coverage_cases(&app, &dist, "500101", old_age, "open", NULL, 50, 0, &l, &e) == 0);
	for (size_t i = 0; i < l.n; i++)
		if (l.items[i].person_id == e1)
			case_e1 = l.items[i].id;
	outreach_list_release(&l);
	REQUIRE(case_e1 > 0);
	CHECK(app_outreach_assign(&app, &dist, case_e1, "vol1", &e) == 0);
	CHECK(app_coverage_cases(&app, &dist, "5001", 0, "", "vol1", 50, 0, &l, &e) == 0);
	CHECK(l.n == 1 && l.items[0].id == case_e1 && !strcmp(l.items[0].assigned_to, "vol1"));
	outreach_list_release(&l);
	CHECK(app_coverage_cases(&app, &dist, "5001", 0, "closed", "", 50, 0, &l, &e) == 0);
	CHECK(l.n == 1 && !strcmp(l.items[0].outcome, "not_interested"));
	outreach_list_release(&l);
	CHECK(app_coverage_cases(&app, &local, "5001", 0, "", "", 50, 0, &l, &e) == ERR_FORBIDDEN);
	CHECK(app_coverage_cases(&app, &vol, NULL, 0, "", "vol1", 50, 0, &l, &e) == 0);
	CHECK_INT(l.n, 1); /* the volunteer's own area by default */
	outreach_list_release(&l);
	CHECK(app_coverage_case(&app, &vol, case_e1, &oc, &e) == 0);
	CHECK_INT(oc.person_id, e1);
	CHECK(app_coverage_case(&app, &other, case_e1, &oc, &e) == ERR_FORBIDDEN);
	CHECK(app_coverage_case(&app, &vol, 999999, &oc, &e) == ERR_NOT_FOUND);
	/* The visit closes it, and the tambon's gap shrinks. */
	{
		struct area_coverage c = { 0 };
		int64_t before;
		REQUIRE(app_coverage(&app, &nat, old_age, "500101", ON, &c, &e) == 0);
		before = c.total.gaps;
		area_coverage_release(&c);
		CHECK(app_outreach_visit(&app, &vol, case_e1, "not_interested", NULL, "", &e) == 0);
		REQUIRE(app_coverage(&app, &nat, old_age, "500101", ON, &c, &e) == 0);
		CHECK_INT(c.total.gaps, before - 1);
		CHECK_INT(c.total.declined, 2);
		CHECK_INT(c.groups[2].eligible, 3); /* both who declined still count as eligible */
		check_sums(&c);
		area_coverage_release(&c);
	}
}

int main(int argc, char **argv)
{
	setup(argc > 1 ? argv[1] : NULL);
	RUN(test_totals_match_the_gap_analysis);
	RUN(test_rows_and_groups);
	RUN(test_access);
	RUN(test_outreach_helpers);
	app_release(&app);
	if (!on_pg)
		unlink(path);
	return test_summary(on_pg ? "coverage-postgres" : "coverage");
}
