/*
 * Welfare program use cases on a real database (a temporary SQLite file,
 * or the PostgreSQL URL given as the argument): the state programs seeded
 * with their rules, enrolment through the guarded workflow with the rules
 * checked at each step and explained, old-age tiers on exact birthdays, a
 * rate change taking effect mid-year, the income test only for
 * registrations from 12 August 2023, the disability card, payroll
 * generation with its checks (death, two offices, moved away), arrears for
 * a late approval, idempotent regeneration, approval into the office's
 * books, the bank file and the bank's results, and the death hook.
 */
#include <unistd.h>
#include "test.h"
#include "app/fund.h"
#include "app/geo.h"
#include "app/person.h"
#include "app/program.h"
#include "app/user.h"
#include "core/program.h"
#include "store/ledger.h"

static struct app app;
static struct actor sys, off, py, vol;
static char path[512];
static bool on_pg;
static int64_t old_age, disability, child;

#define OLD_AGE_DOCS "[\"id_card\", \"house_registration\", \"bank_book\"]"

static void set_actor(struct actor *a, const char *name, enum role r, const char *area,
		      int64_t id)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->username, sizeof(a->username), "%s", name);
	a->role = r;
	snprintf(a->area, sizeof(a->area), "%s", area);
	a->id = id;
}

/* A valid national ID from its first twelve digits. */
static void thid(const char *first12, char out[14])
{
	int s = 0;

	for (int i = 0; i < 12; i++)
		s += (first12[i] - '0') * (13 - i);
	snprintf(out, 14, "%s%d", first12, (11 - s % 11) % 10);
}

static int64_t add_person(const char *nid12, const char *given, const char *birth,
			  const char *area, const char *nationality)
{
	struct person_in in;
	char nid[14];
	struct err e;
	int64_t id = 0;

	memset(&in, 0, sizeof(in));
	if (nid12) {
		thid(nid12, nid);
		in.national_id = nid;
	}
	in.given_name = given;
	in.family_name = "มั่นคง";
	in.sex = "F";
	in.birth_date = birth;
	in.reg_status = "house";
	in.nationality = nationality;
	in.area = area;
	CHECK(app_person_add(&app, &sys, &in, &id, &e) == 0);
	/* A household of one living on 4,000 baht a month (48,000 a year):
	 * under the old-age income test's limit. */
	{
		int64_t hid;
		CHECK(app_household_add(&app, &sys, area, "1", 400000, &hid, &e) == 0);
		CHECK(app_household_join(&app, &sys, hid, id, "head", &e) == 0);
	}
	return id;
}

static int64_t program_id(const char *code)
{
	struct program_list l = { NULL, 0, 0 };
	struct err e;
	int64_t id = 0;

	REQUIRE(app_program_list(&app, &off, &l, &e) == 0);
	for (size_t i = 0; i < l.n; i++)
		if (!strcmp(l.items[i].code, code))
			id = l.items[i].id;
	program_list_release(&l);
	return id;
}

static void setup(const char *url)
{
	struct geo_counts g;
	struct err e;
	int applied;

	if (url && (starts_with(url, "postgres://") || starts_with(url, "postgresql://"))) {
		struct db *db;
		snprintf(path, sizeof(path), "%s", url);
		on_pg = true;
		REQUIRE(db_open(path, &db, &e) == 0);
		REQUIRE(db_exec(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;", &e) == 0);
		db_close(db);
	} else {
		snprintf(path, sizeof(path), "/tmp/sawat-t-program-%d.db", (int)getpid());
		unlink(path);
	}
	REQUIRE(app_init(&app, path, &e) == 0);
	REQUIRE(app_setup(&app, &applied, &g, &e) == 0);
	REQUIRE(app_program_seed(&app, &e) == 0);
	REQUIRE(app_program_seed(&app, &e) == 0); /* idempotent */
	actor_system(&sys);
	set_actor(&off, "officer", ROLE_LOCAL_OFFICER, "500101", 21);
	set_actor(&py, "phayao", ROLE_PROVINCE_OFFICER, "56", 22);
	set_actor(&vol, "volunteer", ROLE_VOLUNTEER, "500101", 23);
	old_age = program_id("old_age");
	disability = program_id("disability");
	child = program_id("child_support");
}

/* Every document a program asks for, as seen on an application. */
static const char *all_docs(int64_t program)
{
	if (program == disability)
		return "[\"id_card\", \"disability_card\", \"house_registration\", \"bank_book\"]";
	if (program == child)
		return "[\"birth_certificate\", \"id_card\", \"house_registration\", \"bank_book\"]";
	return OLD_AGE_DOCS;
}

static int64_t enrol(int64_t program, int64_t person, const char *office, const char *applied)
{
	struct err e;
	int64_t id = 0;

	CHECK(app_enrol_apply(&app, &off, program, person, office, applied, all_docs(program), &id,
			      &e) == 0);
	return id;
}

static void test_catalogue(void)
{
	struct program_version_list vl = { NULL, 0, 0 };
	struct program p;
	struct err e;

	CHECK(old_age > 0);
	CHECK(disability > 0);
	CHECK(child > 0);
	CHECK(app_program_get(&app, &off, old_age, &p, &vl, &e) == 0);
	CHECK_STR(p.pillar, "assistance");
	CHECK(vl.n >= 1);
	program_release(&p);
	program_version_list_release(&vl);
}

static void test_old_age_tiers_on_birthdays(void)
{
	/* On 2026-10-01: born 1966-10-02 is 59 years 364 days; 1966-10-01
	 * exactly 60; 1956-10-02 is 69; 1956-10-01 exactly 70. */
	static const struct {
		const char *birth;
		bool eligible;
	} cases[] = {
		{ "1966-10-02", false }, { "1966-10-01", true }, { "1956-10-02", true },
		{ "1956-10-01", true },
	};
	struct err e;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int64_t p = add_person(NULL, "ทดสอบอายุ", cases[i].birth, "500101", "TH");
		int64_t x = enrol(old_age, p, "500101", "2026-09-01");
		int rv = app_enrol_step(&app, &off, x, "verify", "2026-10-01", "", &e);
		CHECK(cases[i].eligible ? rv == 0 : rv == ERR_CONFLICT);
		if (!cases[i].eligible) {
			/* the label's {age} reads as the number: "aged 59, under 60" */
			CHECK_STR(e.en, "not eligible: aged 59, under 60");
			CHECK_STR(e.th, "ไม่มีสิทธิ์: อายุ 59 ปี ยังไม่ถึง 60 ปี");
		}
	}
}

static void test_workflow_and_explanations(void)
{
	struct enrolment_step_list steps = { NULL, 0, 0 };
	struct enrolment x;
	struct buf th = BUF_INIT, en = BUF_INIT;
	struct err e;
	int64_t p, id;

	p = add_person("310100000001", "สมหญิง", "1950-03-15", "500101", "TH");
	id = enrol(old_age, p, "500101", "2026-01-10");
	CHECK(app_enrol_step(&app, &off, id, "approve", "2026-01-20", "", &e) == ERR_CONFLICT);
	CHECK(app_enrol_step(&app, &vol, id, "verify", "2026-01-20", "", &e) == ERR_FORBIDDEN);
	CHECK(app_enrol_step(&app, &py, id, "verify", "2026-01-20", "", &e) == ERR_FORBIDDEN);
	CHECK(app_enrol_step(&app, &off, id, "verify", "2026-01-20", "", &e) == 0);
	CHECK(app_enrol_step(&app, &off, id, "approve", "2026-01-25", "", &e) == 0);
	CHECK(app_enrol_get(&app, &off, id, &x, &steps, &e) == 0);
	CHECK_STR(x.status, "active");
	CHECK_INT(x.active_from.m, 2); /* paid from the month after applying */
	CHECK_INT(steps.n, 3);
	enrolment_release(&x);
	enrolment_step_list_release(&steps);
	/* Aged 75 on 1 June 2026: 700 baht, said in both languages. */
	CHECK(app_enrol_explain(&app, &off, id, (struct date){ 2026, 6, 1 }, true, &th, &e) == 0);
	CHECK(app_enrol_explain(&app, &off, id, (struct date){ 2026, 6, 1 }, false, &en, &e) == 0);
	CHECK(strstr(th.ptr, "700") != NULL);
	CHECK(strstr(en.ptr, "eligible") != NULL);
	CHECK(strstr(en.ptr, "700") != NULL);
	buf_release(&th);
	buf_release(&en);
	/* A second application at the same office is refused; steps out of order too. */
	CHECK(app_enrol_apply(&app, &off, old_age, p, "500101", "2026-02-01", "[]", &id, &e) ==
	      ERR_CONFLICT);
	CHECK(app_enrol_step(&app, &off, id, "resume", "", "", &e) != 0);
}

static void test_disability_card(void)
{
	struct need_in n;
	struct buf out = BUF_INIT;
	struct err e;
	int64_t p, id, nid;

	p = add_person("310100000002", "ใจดี", "1980-05-05", "500101", "TH");
	memset(&n, 0, sizeof(n));
	n.kind = "disability";
	n.observed_on = "2025-01-01";
	n.source = "visit";
	n.disability_type = "physical";
	CHECK(app_need_add(&app, &sys, p, &n, &nid, &e) == 0);
	id = enrol(disability, p, "500101", "2026-01-05");
	CHECK(app_enrol_step(&app, &off, id, "verify", "2026-01-06", "", &e) == ERR_CONFLICT);
	CHECK(strstr(e.en, "card") != NULL);
	CHECK(app_enrol_explain(&app, &off, id, (struct date){ 2026, 1, 6 }, true, &out, &e) == 0);
	CHECK(strstr(out.ptr, "บัตร") != NULL);
	buf_release(&out);
	/* With a card it passes. */
	n.card_no = "1234567890123";
	n.card_issued = "2025-06-01";
	n.card_expires = "2033-06-01";
	n.observed_on = "2025-06-01";
	CHECK(app_need_add(&app, &sys, p, &n, &nid, &e) == 0);
	CHECK(app_enrol_step(&app, &off, id, "verify", "2026-01-06", "", &e) == 0);
}

/* Lines a preview gives, to hold against the rolls generated after it. */
struct seen {
	struct payroll_line l[64];
	char office[64][16];
	size_t n;
};

static int collect(void *ctx, const char *office, const struct payroll_line *l)
{
	struct seen *s = ctx;

	if (s->n < ARRAY_SIZE(s->l)) {
		s->l[s->n] = *l;
		snprintf(s->office[s->n], sizeof(s->office[0]), "%s", office);
		s->n++;
	}
	return 0;
}

/* Every line of a generated roll was previewed alike. */
static void check_preview(const struct seen *s, const char *office, int64_t roll)
{
	struct payroll_line_list lines = { NULL, 0, 0 };
	struct payroll pr;
	struct err e;
	size_t found = 0;

	CHECK(app_payroll_get(&app, &sys, roll, &pr, &lines, &e) == 0);
	for (size_t i = 0; i < lines.n; i++)
		for (size_t k = 0; k < s->n; k++) {
			const struct payroll_line *a = &lines.items[i], *b = &s->l[k];
			if (a->enrolment_id != b->enrolment_id)
				continue;
			found++;
			CHECK_STR(s->office[k], office);
			CHECK_STR(a->status, b->status);
			CHECK_STR(a->reason, b->reason);
			CHECK_INT(a->amount, b->amount);
			CHECK_INT(a->arrears, b->arrears);
			CHECK_INT(a->arrears_months, b->arrears_months);
		}
	CHECK_INT(found, lines.n);
	payroll_line_list_release(&lines);
}

static void test_payroll(void)
{
	struct payroll_line_list lines = { NULL, 0, 0 };
	struct payroll pr;
	struct buf bank = BUF_INIT, csv = BUF_INIT, result = BUF_INIT;
	struct payroll_import_report rep;
	struct err e;
	int64_t a, b, c, d, xa, xb, xc, xd, xc2, roll, again, npay = 0, ptotal = 0;

	/* a: aged 80+ (800); b: approved late (arrears); c: also enrolled at
	 * another office; d: dies before the month. */
	a = add_person("310100000011", "อำไพ", "1940-01-01", "500101", "TH");
	b = add_person("310100000012", "บุญเรือน", "1955-06-01", "500101", "TH");
	c = add_person("310100000013", "ซ้ำสอง", "1950-01-01", "500101", "TH");
	d = add_person("310100000014", "จากไป", "1945-01-01", "500101", "TH");
	xa = enrol(old_age, a, "500101", "2026-04-05");
	xb = enrol(old_age, b, "500101", "2026-05-05");
	xc2 = 0;
	{ /* c enrolled first at the neighbouring tambon's office */
		struct actor dist;
		set_actor(&dist, "district", ROLE_DISTRICT_OFFICER, "5001", 24);
		CHECK(app_enrol_apply(&app, &dist, old_age, c, "5001", "2026-03-01", OLD_AGE_DOCS, &xc2,
				      &e) == 0);
		CHECK(app_enrol_step(&app, &dist, xc2, "verify", "2026-03-02", "", &e) == 0);
		CHECK(app_enrol_step(&app, &dist, xc2, "approve", "2026-03-03", "", &e) == 0);
	}
	xc = enrol(old_age, c, "500101", "2026-04-05");
	xd = enrol(old_age, d, "500101", "2026-04-05");
	CHECK(app_enrol_step(&app, &off, xa, "verify", "2026-04-06", "", &e) == 0);
	CHECK(app_enrol_step(&app, &off, xa, "approve", "2026-04-06", "", &e) == 0);
	CHECK(app_enrol_step(&app, &off, xc, "verify", "2026-04-06", "", &e) == 0);
	CHECK(app_enrol_step(&app, &off, xc, "approve", "2026-04-06", "", &e) == 0);
	CHECK(app_enrol_step(&app, &off, xd, "verify", "2026-04-06", "", &e) == 0);
	CHECK(app_enrol_step(&app, &off, xd, "approve", "2026-04-06", "", &e) == 0);
	CHECK(app_enrol_step(&app, &off, xb, "verify", "2026-05-06", "", &e) == 0);
	/* d dies in mid-June: the death hook ends the enrolment. */
	CHECK(app_person_death(&app, &sys, d, "2026-06-15", &e) == 0);
	{
		struct enrolment x;
		CHECK(app_enrol_get(&app, &off, xd, &x, NULL, &e) == 0);
		CHECK_STR(x.status, "ended");
		CHECK_STR(x.end_reason, "death");
		enrolment_release(&x);
	}
	/* The office pays May to August on time. */
	static const char *const months[] = { "2026-05", "2026-06", "2026-07", "2026-08" };
	for (size_t m = 0; m < ARRAY_SIZE(months); m++)
		CHECK(app_payroll_generate(&app, &off, "500101", months[m], &roll, &e) == 0);
	/* b approved only in September: June to August are arrears in September. */
	CHECK(app_enrol_step(&app, &off, xb, "approve", "2026-09-10", "", &e) == 0);
	/* The preview of the office, and of the nation (every office in one
	 * snapshot), before the rolls are made; they must agree with them. */
	static struct seen local, nation;
	struct payroll_preview pv;
	CHECK(app_payroll_preview(&app, &vol, "500101", "2026-09", collect, &local, &pv, &e) ==
	      ERR_FORBIDDEN);
	CHECK(app_payroll_preview(&app, &off, "500101", "2026-09", collect, &local, &pv, &e) == 0);
	CHECK_INT(pv.offices, 1);
	CHECK_INT(pv.lines, (int64_t)local.n);
	CHECK(app_payroll_preview(&app, &sys, "TH", "2026-09", collect, &nation, &pv, &e) == 0);
	CHECK_INT(pv.offices, 2);
	CHECK_INT(pv.lines, (int64_t)local.n + 1);
	CHECK(app_payroll_generate(&app, &off, "500101", "2026-09", &roll, &e) == 0);
	check_preview(&local, "500101", roll);
	check_preview(&nation, "500101", roll);
	CHECK(app_payroll_generate(&app, &off, "500101", "2026-09", &again, &e) == 0);
	CHECK_INT(again, roll); /* the same month again changes nothing */
	CHECK(app_payroll_generate(&app, &off, "500101", "2099-01", &again, &e) == ERR_INVALID);
	CHECK(app_payroll_get(&app, &off, roll, &pr, &lines, &e) == 0);
	for (size_t i = 0; i < lines.n; i++) {
		const struct payroll_line *l = &lines.items[i];
		if (l->enrolment_id == xa) {
			CHECK_STR(l->status, "pay");
			CHECK_INT(l->amount, 80000);
			CHECK_INT(l->arrears, 0);
		} else if (l->enrolment_id == xb) {
			CHECK_STR(l->status, "pay");
			CHECK_INT(l->amount, 70000);
			CHECK_INT(l->arrears_months, 3);
			CHECK_INT(l->arrears, 3 * 70000);
		} else if (l->enrolment_id == xc) {
			CHECK_STR(l->status, "stopped");
			CHECK_STR(l->reason, "two_offices");
		}
		CHECK(l->enrolment_id != xd); /* ended: not on the roll */
	}
	{
		int64_t total = 0, pay = 0;
		for (size_t i = 0; i < lines.n; i++)
			if (!strcmp(lines.items[i].status, "pay")) {
				total += lines.items[i].amount + lines.items[i].arrears;
				pay++;
			}
		CHECK_INT(pr.total, total);
		CHECK(pay >= 2);
		npay = pay;
		ptotal = total;
	}
	payroll_line_list_release(&lines);
	/* Export needs approval; approval books the month. */
	CHECK(app_payroll_export(&app, &off, roll, "bank", &bank, &e) == ERR_CONFLICT);
	CHECK(app_payroll_approve(&app, &off, roll, &e) == 0);
	CHECK(app_payroll_approve(&app, &off, roll, &e) == ERR_CONFLICT);
	CHECK(app_payroll_export(&app, &off, roll, "csv", &csv, &e) == 0);
	CHECK(strstr(csv.ptr, "two_offices") != NULL);
	buf_reset(&bank);
	CHECK(app_payroll_export(&app, &off, roll, "bank", &bank, &e) == 0);
	CHECK(strstr(bank.ptr, "PROMPTPAY") != NULL);
	{
		char trailer[64];
		snprintf(trailer, sizeof(trailer), "T|%lld|%lld", (long long)npay, (long long)ptotal);
		CHECK(strstr(bank.ptr, trailer) != NULL);
	}
	/* The bank pays a, fails b. */
	CHECK(app_payroll_get(&app, &off, roll, &pr, &lines, &e) == 0);
	for (size_t i = 0; i < lines.n; i++) {
		const struct payroll_line *l = &lines.items[i];
		if (!strcmp(l->status, "pay"))
			buf_printf(&result, "%lld,%s,%lld,%s,%s\n", (long long)l->id, l->national_id,
				   (long long)(l->amount + l->arrears),
				   l->enrolment_id == xa ? "paid" : "failed",
				   l->enrolment_id == xa ? "" : "account closed");
	}
	payroll_line_list_release(&lines);
	CHECK(app_payroll_import(&app, &off, roll, "999,1,1,paid\n", 13, &rep, &e) == ERR_INVALID);
	CHECK(app_payroll_import(&app, &off, roll, result.ptr, result.len, &rep, &e) == 0);
	CHECK_INT(rep.paid, 1);
	CHECK_INT(rep.failed, npay - 1);
	CHECK(app_payroll_import(&app, &off, roll, result.ptr, result.len, &rep, &e) == 0);
	CHECK_INT(rep.paid, 0); /* again: nothing changes */
	{
		long problems = -1;
		CHECK(app_fund_verify(&app, &problems, NULL, NULL, &e) == 0);
		CHECK_INT(problems, 0);
	}
	/* The municipality, where c enrolled first, pays c. */
	{
		struct actor dist;
		set_actor(&dist, "district", ROLE_DISTRICT_OFFICER, "5001", 24);
		CHECK(app_payroll_generate(&app, &dist, "5001", "2026-09", &again, &e) == 0);
		check_preview(&nation, "5001", again);
		CHECK(app_payroll_get(&app, &dist, again, &pr, &lines, &e) == 0);
		CHECK_INT(lines.n, 1);
		if (lines.n) {
			CHECK_INT(lines.items[0].enrolment_id, xc2);
			CHECK_STR(lines.items[0].status, "pay");
		}
		payroll_line_list_release(&lines);
	}
	/* October pays b no arrears again. */
	CHECK(app_payroll_generate(&app, &off, "500101", "2026-10", &again, &e) == 0);
	CHECK(app_payroll_get(&app, &off, again, &pr, &lines, &e) == 0);
	for (size_t i = 0; i < lines.n; i++)
		if (lines.items[i].enrolment_id == xb)
			CHECK_INT(lines.items[i].arrears, 0);
	payroll_line_list_release(&lines);
	buf_release(&bank);
	buf_release(&csv);
	buf_release(&result);
}

static void test_rate_change_mid_year(void)
{
	struct err e;
	int64_t vid, p, x, roll;
	struct payroll pr;
	struct payroll_line_list lines = { NULL, 0, 0 };
	const char *flat = "require alive \"ยังมีชีวิตอยู่\" \"alive\"\n"
			   "require age >= 60 \"อายุ 60 ปีขึ้นไป\" \"aged 60 or over\"\n"
			   "amount 1000 baht \"อัตราเดียว\" \"flat rate\"\n";

	CHECK(app_program_version_add(&app, &off, old_age, "2026-11-01", flat, "", &vid, &e) ==
	      ERR_FORBIDDEN); /* state programs: national admins only */
	CHECK(app_program_version_add(&app, &sys, old_age, "2026-11-01", "require agee > 1 \"x\" \"x\"",
				      "", &vid, &e) == ERR_INVALID);
	CHECK(strstr(e.en, "line 1") != NULL);
	CHECK(app_program_version_add(&app, &sys, old_age, "2026-11-01", flat, "flat 1,000", &vid,
				      &e) == 0);
	p = add_person("310100000021", "อัตราใหม่", "1960-01-01", "500101", "TH");
	x = enrol(old_age, p, "500101", "2026-08-01");
	CHECK(app_enrol_step(&app, &off, x, "verify", "2026-08-02", "", &e) == 0);
	CHECK(app_enrol_step(&app, &off, x, "approve", "2026-08-02", "", &e) == 0);
	CHECK(app_payroll_generate(&app, &off, "500101", "2026-11", &roll, &e) == 0);
	CHECK(app_payroll_get(&app, &off, roll, &pr, &lines, &e) == 0);
	for (size_t i = 0; i < lines.n; i++)
		if (lines.items[i].enrolment_id == x) {
			CHECK_INT(lines.items[i].amount, 100000); /* November: the new rate */
			CHECK_INT(lines.items[i].arrears, 2 * 60000); /* Sept, Oct: the old */
		}
	payroll_line_list_release(&lines);
}

static void test_gaps_and_outreach(void)
{
	struct actor dist;
	struct coverage cov;
	struct gap_list gaps = { NULL, 0, 0 };
	struct outreach_list cases = { NULL, 0, 0 };
	struct need_in n;
	struct err e;
	int64_t g1, g2, g3, g5, g6, x, nid, created, uid;

	set_actor(&dist, "district", ROLE_DISTRICT_OFFICER, "5001", 24);
	g1 = add_person("350100000031", "ยังไม่ยื่น", "1955-01-01", "500102", "TH");
	g2 = add_person("350100000032", "ไม่มีบัตร", "1985-01-01", "500102", "TH");
	g3 = add_person(NULL, "ไร้สัญชาติ", "1960-01-01", "500102", "XX");
	add_person("350100000034", "วัยทำงาน", "1995-01-01", "500102", "TH");
	g5 = add_person("350100000035", "ได้รับแล้ว", "1950-01-01", "500102", "TH");
	g6 = add_person("350100000036", "รอตรวจ", "1953-01-01", "500102", "TH");
	memset(&n, 0, sizeof(n));
	n.kind = "disability";
	n.observed_on = "2025-01-01";
	n.source = "visit";
	n.disability_type = "visual";
	CHECK(app_need_add(&app, &sys, g2, &n, &nid, &e) == 0);
	CHECK(app_enrol_apply(&app, &dist, old_age, g5, "500102", "2026-01-05", OLD_AGE_DOCS, &x,
			      &e) == 0);
	CHECK(app_enrol_step(&app, &dist, x, "verify", "2026-01-06", "", &e) == 0);
	CHECK(app_enrol_step(&app, &dist, x, "approve", "2026-01-06", "", &e) == 0);
	CHECK(app_enrol_apply(&app, &dist, old_age, g6, "500102", "2026-01-05", "[]", &x, &e) == 0);

	CHECK(app_program_gaps(&app, &dist, old_age, "500102", "2026-10-01", &cov, &gaps, 100, &e) ==
	      0);
	CHECK_INT(cov.people, 6);
	CHECK_INT(cov.enrolled, 1);
	CHECK_INT(cov.never_applied, 1);
	CHECK_INT(cov.pending, 1);
	CHECK_INT(cov.no_status, 1);
	CHECK_INT(cov.gaps, 3);
	for (size_t i = 0; i < gaps.n; i++) {
		if (gaps.items[i].person_id == g1) {
			CHECK_STR(gaps.items[i].reason, "never_applied");
			CHECK_INT(gaps.items[i].amount, 70000);
		}
		if (gaps.items[i].person_id == g3)
			CHECK_STR(gaps.items[i].reason, "no_status");
	}
	gap_list_release(&gaps);
	CHECK(app_program_gaps(&app, &dist, disability, "500102", "2026-10-01", &cov, &gaps, 100,
			       &e) == 0);
	CHECK_INT(cov.no_card, 1);
	CHECK(gaps.n == 1 && gaps.items[0].person_id == g2);
	gap_list_release(&gaps);
	CHECK(app_program_gaps(&app, &py, old_age, "500102", NULL, &cov, NULL, 0, &e) ==
	      ERR_FORBIDDEN);

	/* Outreach: the gaps become cases, once. */
	CHECK(app_outreach_create(&app, &vol, old_age, "500102", &created, &e) == ERR_FORBIDDEN);
	CHECK(app_outreach_create(&app, &dist, old_age, "500102", &created, &e) == 0);
	CHECK_INT(created, 2); /* never applied and no status; the pending one waits */
	CHECK(app_outreach_create(&app, &dist, old_age, "500102", &created, &e) == 0);
	CHECK_INT(created, 0);
	CHECK(app_user_add(&app, &sys, "vol102", "อาสา ตำบลช้างม่อย", "volunteer", "500102",
			   "volunteer-pass-1", &uid, &e) == 0);
	CHECK(app_outreach_list(&app, &dist, "500102", old_age, "open", 50, 0, &cases, &e) == 0);
	REQUIRE(cases.n == 2);
	{
		struct actor v;
		int64_t c1 = cases.items[0].person_id == g1 ? cases.items[0].id : cases.items[1].id;
		set_actor(&v, "vol102", ROLE_VOLUNTEER, "500102", uid);
		CHECK(app_outreach_assign(&app, &dist, c1, "officer", &e) == ERR_INVALID);
		CHECK(app_outreach_assign(&app, &dist, c1, "vol102", &e) == 0);
		CHECK(app_outreach_visit(&app, &v, c1, "maybe", NULL, "", &e) == ERR_INVALID);
		CHECK(app_outreach_visit(&app, &v, c1, "not_interested", NULL, "ลูกส่งเงินให้ทุกเดือน",
					 &e) == 0);
		CHECK(app_outreach_visit(&app, &v, c1, "applied", NULL, "", &e) == ERR_CONFLICT);
	}
	outreach_list_release(&cases);
	/* The gap shrinks as the case closes. */
	CHECK(app_program_gaps(&app, &dist, old_age, "500102", "2026-10-01", &cov, NULL, 0, &e) == 0);
	CHECK_INT(cov.never_applied, 0);
	CHECK_INT(cov.declined, 1);
	CHECK_INT(cov.gaps, 2);
}


static void test_documents(void)
{
	struct enrolment_step_list steps = { NULL, 0, 0 };
	struct program pg;
	struct buf codes = BUF_INIT, th = BUF_INIT, en = BUF_INIT;
	struct enrolment x;
	struct err e;
	int64_t p, id;

	/* The state programs ship with what an application must show. */
	CHECK(app_program_get(&app, &off, disability, &pg, NULL, &e) == 0);
	CHECK(strstr(pg.documents, "disability_card") != NULL);
	CHECK(strstr(pg.documents, "บัตรประจำตัวคนพิการ") != NULL);
	CHECK_INT(program_documents_missing(pg.documents, "[\"id_card\"]", &codes, &th, &en), 3);
	CHECK_STR(codes.ptr, "[\"disability_card\", \"house_registration\", \"bank_book\"]");
	CHECK(strstr(th.ptr, "บัตรประจำตัวคนพิการ, สำเนาทะเบียนบ้าน") != NULL);
	CHECK(strstr(en.ptr, "Disability ID card") != NULL);
	CHECK_INT(program_documents_missing(pg.documents, "{}", NULL, NULL, NULL), -1);
	CHECK_INT(program_documents_check(pg.documents, "[\"passport\"]", "documents", &e),
		  ERR_INVALID);
	CHECK_INT(program_documents_check(pg.documents, "[\"id_card\", \"id_card\"]", "documents",
					  &e),
		  ERR_INVALID);
	program_release(&pg);
	buf_release(&codes);
	buf_release(&th);
	buf_release(&en);
	CHECK(app_program_get(&app, &off, child, &pg, NULL, &e) == 0);
	CHECK(strstr(pg.documents, "birth_certificate") != NULL);
	program_release(&pg);

	/* An application may be recorded without every document, with what is
	 * missing noted, but not approved until they are seen. */
	p = add_person("310100000041", "เอกสารขาด", "1950-02-02", "500101", "TH");
	CHECK(app_enrol_apply(&app, &off, old_age, p, "500101", "2026-03-01", "[\"passport\"]", &id,
			      &e) == ERR_INVALID);
	CHECK_STR(e.field, "documents");
	CHECK(app_enrol_apply(&app, &off, old_age, p, "500101", "2026-03-01", "[\"id_card\"]", &id,
			      &e) == 0);
	CHECK(app_enrol_get(&app, &off, id, &x, &steps, &e) == 0);
	REQUIRE(steps.n == 1);
	CHECK(strstr(steps.items[0].note, "สำเนาทะเบียนบ้าน") != NULL);
	CHECK(strstr(steps.items[0].note, "บัตรประจำตัวประชาชน") == NULL);
	enrolment_release(&x);
	enrolment_step_list_release(&steps);
	CHECK(app_enrol_step(&app, &off, id, "verify", "2026-03-02", "", &e) == 0);
	CHECK(app_enrol_step(&app, &off, id, "approve", "2026-03-02", "", &e) == ERR_CONFLICT);
	CHECK_STR(e.field, "documents");
	CHECK(strstr(e.en, "Copy of the bank book") != NULL);
	CHECK(strstr(e.th, "สำเนาสมุดบัญชีเงินฝากธนาคาร") != NULL);
	/* Seeing them is an officer's step; then it is approved. */
	CHECK(app_enrol_documents(&app, &vol, id, OLD_AGE_DOCS, &e) == ERR_FORBIDDEN);
	CHECK(app_enrol_documents(&app, &off, id, "[\"visa\"]", &e) == ERR_INVALID);
	CHECK(app_enrol_documents(&app, &off, id, "[\"id_card\", \"bank_book\"]", &e) == 0);
	CHECK(app_enrol_step(&app, &off, id, "approve", "2026-03-02", "", &e) == ERR_CONFLICT);
	CHECK(strstr(e.en, "house registration") != NULL);
	CHECK(strstr(e.en, "bank book") == NULL);
	CHECK(app_enrol_documents(&app, &off, id, OLD_AGE_DOCS, &e) == 0);
	CHECK(app_enrol_step(&app, &off, id, "approve", "2026-03-02", "", &e) == 0);
	CHECK(app_enrol_get(&app, &off, id, &x, &steps, &e) == 0);
	CHECK_STR(x.status, "active");
	CHECK(strstr(x.documents, "house_registration") != NULL);
	CHECK_INT(steps.n, 5); /* applied, verified, two document checks, active */
	if (steps.n == 5)
		CHECK(strstr(steps.items[3].note, "ครบ") != NULL);
	enrolment_release(&x);
	enrolment_step_list_release(&steps);

	/* A database seeded before the documents shipped gets them once. */
	{
		struct db *db = app_db(&app, &e);
		REQUIRE(db);
		CHECK(program_documents_set(db, old_age, "[]", &e) == 0);
		CHECK(app_program_seed(&app, &e) == 0);
		CHECK(app_program_get(&app, &off, old_age, &pg, NULL, &e) == 0);
		CHECK(strstr(pg.documents, "bank_book") != NULL);
		program_release(&pg);
		/* A list an office changed is kept. */
		CHECK(program_documents_set(db, old_age, "[{\"code\": \"id_card\"}]", &e) == 0);
		CHECK(app_program_seed(&app, &e) == 0);
		CHECK(app_program_get(&app, &off, old_age, &pg, NULL, &e) == 0);
		CHECK(strstr(pg.documents, "bank_book") == NULL);
		program_release(&pg);
		CHECK(program_documents_set(db, old_age, program_seed(2)->documents, &e) == 0);
	}
}

int main(int argc, char **argv)
{
	setup(argc > 1 ? argv[1] : NULL);
	RUN(test_catalogue);
	RUN(test_old_age_tiers_on_birthdays);
	RUN(test_workflow_and_explanations);
	RUN(test_disability_card);
	RUN(test_payroll);
	RUN(test_rate_change_mid_year);
	RUN(test_gaps_and_outreach);
	RUN(test_documents);
	app_release(&app);
	if (!on_pg)
		unlink(path);
	return test_summary(on_pg ? "program_app-postgres" : "program_app");
}
