/*
 * Registry use cases on a real SQLite database: adding and changing people,
 * area access, sensitive needs gated by role with every view audited, the
 * history, search (ID, partial Thai name, area, need; Thai order), deaths
 * and their hooks, consents, households, exports, and rollback under
 * injected faults.
 */
#include <sodium.h>
#include <unistd.h>
#include "test.h"
#include "app/audit.h"
#include "app/geo.h"
#include "app/person.h"
#include "core/thtext.h"

static struct app app;
static struct actor sys, cm, vol, py, aud;
static char path[64];
static int hook_calls;

static void set_actor(struct actor *a, const char *name, enum role r, const char *area)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->username, sizeof(a->username), "%s", name);
	a->role = r;
	snprintf(a->area, sizeof(a->area), "%s", area);
	a->id = 1;
}

static int count_hook(struct app *ap, struct db *db, const struct actor *a, int64_t pid,
		      struct date d, struct err *e)
{
	UNUSED(ap);
	UNUSED(db);
	UNUSED(a);
	UNUSED(pid);
	UNUSED(d);
	UNUSED(e);
	hook_calls++;
	return 0;
}

static void setup(void)
{
	struct geo_counts g;
	struct err e;
	int applied;

	snprintf(path, sizeof(path), "/tmp/sawat-t-registry-%d.db", (int)getpid());
	unlink(path);
	REQUIRE(app_init(&app, path, &e) == 0);
	REQUIRE(app_setup(&app, &applied, &g, &e) == 0);
	actor_system(&sys);
	set_actor(&cm, "cmo", ROLE_PROVINCE_OFFICER, "50");
	set_actor(&vol, "vol", ROLE_VOLUNTEER, "500101");
	set_actor(&py, "pyo", ROLE_PROVINCE_OFFICER, "56");
	set_actor(&aud, "aud", ROLE_AUDITOR, "50");
	app_person_on_death(count_hook);
}

static struct person_in person(const char *nid, const char *given, const char *family,
			       const char *birth, const char *area)
{
	struct person_in in;

	memset(&in, 0, sizeof(in));
	in.national_id = nid;
	in.given_name = given;
	in.family_name = family;
	in.sex = "F";
	in.birth_date = birth;
	in.reg_status = "house";
	in.nationality = "TH";
	in.area = area;
	return in;
}

static int64_t audit_count(void)
{
	struct audit_verify v;
	struct err e;

	app_verify_audit(&app, &sys, &v, &e);
	CHECK_INT(v.broken_seq, 0);
	return v.checked;
}

static int64_t pid_somsri;

static void test_add_and_access(void)
{
	struct person_in in = person("1101700123456", "สมศรี", "ใจดี", "5/1/2498", "500101");
	struct person p;
	struct err e;
	int64_t id, n0 = audit_count();

	CHECK_INT(app_person_add(&app, &cm, &in, &pid_somsri, &e), 0);
	CHECK(pid_somsri > 0);
	CHECK_INT(audit_count(), n0 + 1);
	CHECK_INT(app_person_add(&app, &cm, &in, &id, &e), ERR_CONFLICT);
	CHECK_STR(e.field, "national_id");
	in.national_id = NULL;
	CHECK_INT(app_person_add(&app, &py, &in, &id, &e), ERR_FORBIDDEN);
	CHECK_INT(app_person_add(&app, &aud, &in, &id, &e), ERR_FORBIDDEN);
	in.area = "509999";
	CHECK_INT(app_person_add(&app, &cm, &in, &id, &e), ERR_INVALID);
	CHECK_STR(e.field, "area");
	CHECK_INT(audit_count(), n0 + 1);

	CHECK_INT(app_person_get(&app, &py, pid_somsri, &p, NULL, NULL, NULL, &e), ERR_FORBIDDEN);
	REQUIRE(app_person_get(&app, &vol, pid_somsri, &p, NULL, NULL, NULL, &e) == 0);
	CHECK_STR(p.given_name, "สมศรี");
	person_release(&p);
	REQUIRE(app_person_get(&app, &aud, pid_somsri, &p, NULL, NULL, NULL, &e) == 0);
	person_release(&p);
}

static void test_update(void)
{
	struct person_in in = person("1101700123456", "สมศรี", "ใจงาม", "5/1/2498", "500101");
	struct audit_row *rows;
	struct person p;
	struct err e;
	size_t n;
	int64_t n0 = audit_count();

	CHECK_INT(app_person_update(&app, &cm, pid_somsri, &in, &e), 0);
	CHECK_INT(audit_count(), n0 + 1);
	/* The same values again: nothing is written. */
	CHECK_INT(app_person_update(&app, &cm, pid_somsri, &in, &e), 0);
	CHECK_INT(audit_count(), n0 + 1);
	/* Moving the person out of the actor's scope is refused. */
	in.area = "560101";
	CHECK_INT(app_person_update(&app, &cm, pid_somsri, &in, &e), ERR_FORBIDDEN);
	REQUIRE(app_person_get(&app, &cm, pid_somsri, &p, NULL, NULL, NULL, &e) == 0);
	CHECK_STR(p.family_name, "ใจงาม");
	CHECK_STR(p.area, "500101");
	person_release(&p);
	REQUIRE(app_person_history(&app, &cm, pid_somsri, &rows, &n, &e) == 0);
	REQUIRE(n >= 2);
	CHECK_STR(rows[0].action, "update");
	CHECK(strstr(rows[0].before, "ใจดี") != NULL);
	CHECK(strstr(rows[0].after, "ใจงาม") != NULL);
	audit_rows_free(rows, n);
}

static void test_sensitive(void)
{
	struct need_list needs = NEED_LIST_INIT;
	struct need_in in;
	struct audit_row *rows;
	struct err e;
	int64_t nid, n0;
	int hidden;
	size_t n, i;

	memset(&in, 0, sizeof(in));
	in.kind = "disability";
	in.observed_on = "1/10/2569";
	in.disability_type = "hearing";
	in.source = "visit";
	/* A volunteer may record it... */
	CHECK_INT(app_need_add(&app, &vol, pid_somsri, &in, &nid, &e), 0);
	memset(&in, 0, sizeof(in));
	in.kind = "welfare_card";
	in.observed_on = "2026-01-01";
	CHECK_INT(app_need_add(&app, &vol, pid_somsri, &in, &nid, &e), 0);

	/* ...but not see it afterwards, and a read by them logs nothing sensitive. */
	n0 = audit_count();
	REQUIRE(app_person_get(&app, &vol, pid_somsri, NULL, &needs, NULL, &hidden, &e) == 0);
	CHECK_INT(hidden, 1);
	CHECK_INT(needs.n, 1);
	CHECK_INT(needs.items[0].kind, NEED_WELFARE_CARD);
	need_list_release(&needs);
	CHECK_INT(audit_count(), n0);
	/* The auditor neither. */
	REQUIRE(app_person_get(&app, &aud, pid_somsri, NULL, &needs, NULL, &hidden, &e) == 0);
	CHECK_INT(hidden, 1);
	need_list_release(&needs);
	/* A province officer sees it, and the view is logged. */
	REQUIRE(app_person_get(&app, &cm, pid_somsri, NULL, &needs, NULL, &hidden, &e) == 0);
	CHECK_INT(hidden, 0);
	CHECK_INT(needs.n, 2);
	need_list_release(&needs);
	CHECK_INT(audit_count(), n0 + 1);
	REQUIRE(app_person_history(&app, &cm, pid_somsri, &rows, &n, &e) == 0);
	CHECK_STR(rows[0].action, "view_sensitive");
	CHECK_STR(rows[0].actor, "cmo");
	audit_rows_free(rows, n);
	/* The volunteer's view of the history has the disability withheld. */
	REQUIRE(app_person_history(&app, &vol, pid_somsri, &rows, &n, &e) == 0);
	for (i = 0; i < n; i++) {
		CHECK(strstr(rows[i].after, "hearing") == NULL);
		CHECK(strstr(rows[i].before, "hearing") == NULL);
	}
	audit_rows_free(rows, n);
	REQUIRE(app_person_history(&app, &cm, pid_somsri, &rows, &n, &e) == 0);
	{
		bool seen = false;

		for (i = 0; i < n; i++)
			seen |= strstr(rows[i].after, "hearing") != NULL;
		CHECK(seen);
	}
	audit_rows_free(rows, n);
}

static void add(const char *nid, const char *given, const char *family, const char *birth,
		const char *area)
{
	struct person_in in = person(nid, given, family, birth, area);
	struct err e;
	int64_t id;

	CHECK_INT(app_person_add(&app, &cm, &in, &id, &e), 0);
}

static void test_search(void)
{
	struct person_list l = PERSON_LIST_INIT;
	struct person_query q;
	struct buf key = BUF_INIT;
	struct err e;

	add(NULL, "ขวัญใจ", "มีสุข", "2010-03-01", "500102");
	add(NULL, "กมล", "สมใจ", "1980-06-15", "500101");
	add(NULL, "เกศินี", "ทองดี", "1990-12-31", "500203");
	add(NULL, "สมใจ", "ศรีสุข", "1970-01-01", "500101");
	memset(&q, 0, sizeof(q));
	q.limit = 50;
	thtext_name_key("สม ใจ", strlen("สม ใจ"), &key, &e);
	q.name_key = key.ptr;
	REQUIRE(app_person_search(&app, &cm, &q, &l, &e) == 0);
	/* "สมใจ" as a given or family name, in Thai order: กมล before สมใจ. */
	REQUIRE(l.n == 2);
	CHECK_STR(l.items[0].given_name, "กมล");
	CHECK_STR(l.items[1].given_name, "สมใจ");
	buf_release(&key);
	/* Two characters: a prefix search. */
	thtext_name_key("เก", strlen("เก"), &key, &e);
	q.name_key = key.ptr;
	REQUIRE(app_person_search(&app, &cm, &q, &l, &e) == 0);
	REQUIRE(l.n == 1);
	CHECK_STR(l.items[0].given_name, "เกศินี");
	/* All of the province in Thai dictionary order (leading vowels by consonant). */
	q.name_key = NULL;
	REQUIRE(app_person_search(&app, &cm, &q, &l, &e) == 0);
	REQUIRE(l.n == 5);
	CHECK_STR(l.items[0].given_name, "กมล");
	CHECK_STR(l.items[1].given_name, "เกศินี");
	CHECK_STR(l.items[2].given_name, "ขวัญใจ");
	/* By area: one tambon. */
	q.area = "500101";
	REQUIRE(app_person_search(&app, &cm, &q, &l, &e) == 0);
	CHECK_INT(l.n, 3);
	/* By ID. */
	q.area = NULL;
	q.national_id = "1101700123456";
	REQUIRE(app_person_search(&app, &cm, &q, &l, &e) == 0);
	REQUIRE(l.n == 1);
	CHECK_INT(l.items[0].id, pid_somsri);
	q.national_id = NULL;
	/* By need: welfare card holders; the sensitive kind only for roles that may. */
	q.need_kind = NEED_WELFARE_CARD;
	REQUIRE(app_person_search(&app, &vol, &q, &l, &e) == 0);
	CHECK_INT(l.n, 1);
	q.need_kind = NEED_DISABILITY;
	CHECK_INT(app_person_search(&app, &vol, &q, &l, &e), ERR_FORBIDDEN);
	REQUIRE(app_person_search(&app, &cm, &q, &l, &e) == 0);
	CHECK_INT(l.n, 1);
	q.need_kind = 0;
	/* Scope: the volunteer sees one tambon; another province is refused. */
	REQUIRE(app_person_search(&app, &vol, &q, &l, &e) == 0);
	CHECK_INT(l.n, 3);
	q.area = "56";
	CHECK_INT(app_person_search(&app, &cm, &q, &l, &e), ERR_FORBIDDEN);
	REQUIRE(app_person_search(&app, &py, &(struct person_query){ .limit = 10 }, &l, &e) == 0);
	CHECK_INT(l.n, 0);
	/* Paging. */
	memset(&q, 0, sizeof(q));
	q.limit = 2;
	q.offset = 4;
	REQUIRE(app_person_search(&app, &cm, &q, &l, &e) == 0);
	CHECK_INT(l.n, 1);
	person_list_release(&l);
	buf_release(&key);
}

static void test_death(void)
{
	struct person p;
	struct err e;

	hook_calls = 0;
	CHECK_INT(app_person_death(&app, &cm, pid_somsri, "1/1/2490", &e), ERR_INVALID);
	CHECK_INT(app_person_death(&app, &cm, pid_somsri, "1/1/2580", &e), ERR_INVALID);
	CHECK_INT(hook_calls, 0);
	CHECK_INT(app_person_death(&app, &vol, pid_somsri, "1/11/2569", &e), 0);
	CHECK_INT(hook_calls, 1);
	REQUIRE(app_person_get(&app, &cm, pid_somsri, &p, NULL, NULL, NULL, &e) == 0);
	CHECK_INT(p.death.y, 2026);
	CHECK(!person_alive(&p, app_today(&app)));
	person_release(&p);
}

static void test_consent_household_export(void)
{
	struct person_list members = PERSON_LIST_INIT;
	struct consent_list cons = CONSENT_LIST_INIT;
	struct household h;
	struct person_in in = person(NULL, "มานะ", "ขยัน", "1975-05-05", "500101");
	struct err e;
	int64_t cid, given, hid, p1, p2;
	char *json;

	CHECK_INT(app_consent_add(&app, &cm, pid_somsri, "welfare_registry", "consent", "1/1/2569",
				  &cid, &e), 0);
	given = cid; /* the failed adds below zero cid */
	CHECK_INT(app_consent_add(&app, &cm, pid_somsri, "", "consent", "1/1/2569", &cid, &e),
		  ERR_INVALID);
	CHECK_INT(app_consent_add(&app, &cm, pid_somsri, "x", "because", "1/1/2569", &cid, &e),
		  ERR_INVALID);
	REQUIRE(app_person_get(&app, &cm, pid_somsri, NULL, NULL, &cons, NULL, &e) == 0);
	CHECK_INT(cons.n, 1);
	consent_list_release(&cons);
	/* Withdrawal: not in the future, not before it was given, once. */
	CHECK_INT(app_consent_withdraw(&app, &cm, given, "1/1/2600", &e), ERR_INVALID);
	CHECK_STR(e.field, "withdrawn_on");
	CHECK_INT(app_consent_withdraw(&app, &cm, given, "1/1/2568", &e), ERR_INVALID);
	CHECK_INT(app_consent_withdraw(&app, &py, given, "1/11/2569", &e), ERR_FORBIDDEN);
	CHECK_INT(app_consent_withdraw(&app, &cm, given, "1/11/2569", &e), 0);
	CHECK_INT(app_consent_withdraw(&app, &cm, given, "2/11/2569", &e), ERR_NOT_FOUND);
	REQUIRE(app_person_get(&app, &cm, pid_somsri, NULL, NULL, &cons, NULL, &e) == 0);
	CHECK_INT(cons.items[0].withdrawn_on.y, 2026);
	consent_list_release(&cons);

	REQUIRE(app_person_add(&app, &cm, &in, &p1, &e) == 0);
	in.given_name = "มานี";
	in.birth_date = "2005-07-07";
	REQUIRE(app_person_add(&app, &cm, &in, &p2, &e) == 0);
	REQUIRE(app_household_add(&app, &cm, "500101", "99/1", 1250000, &hid, &e) == 0);
	CHECK_INT(app_household_add(&app, &py, "500101", "1", -1, &hid, &e), ERR_FORBIDDEN);
	REQUIRE(app_household_add(&app, &cm, "500101", "99/1", 1250000, &hid, &e) == 0);
	CHECK_INT(app_household_join(&app, &cm, hid, p2, "child", &e), 0);
	CHECK_INT(app_household_join(&app, &cm, hid, p1, "head", &e), 0);
	CHECK_INT(app_household_join(&app, &cm, hid, p1, "boss", &e), ERR_INVALID);
	REQUIRE(app_household_get(&app, &cm, hid, &h, &members, &e) == 0);
	CHECK_INT(h.head_person_id, p1);
	CHECK_INT(h.monthly_income, 1250000);
	REQUIRE(members.n == 2);
	CHECK_INT(members.items[0].id, p1);
	household_release(&h);
	person_list_release(&members);

	REQUIRE(app_person_export(&app, &vol, pid_somsri, &json, &e) == 0);
	CHECK(strstr(json, "\"welfare_registry\"") != NULL);
	CHECK(strstr(json, "hearing") == NULL);
	CHECK(strstr(json, "\"sensitive_entries_withheld\": 1") != NULL);
	free(json);
	REQUIRE(app_person_export(&app, &cm, pid_somsri, &json, &e) == 0);
	CHECK(strstr(json, "hearing") != NULL);
	free(json);
	CHECK_INT(app_person_export(&app, &py, pid_somsri, &json, &e), ERR_FORBIDDEN);
	CHECK(json == NULL);
}

static void test_retention(void)
{
	struct person_in in = person("3101000000081", "ลบได้", "ตามกำหนด", "1950-03-15", "500101");
	struct person p;
	struct err e;
	int64_t id;
	long n;

	REQUIRE(app_person_add(&app, &cm, &in, &id, &e) == 0);
	CHECK_INT(app_retention_run(&app, &cm, false, &n, &e), ERR_FORBIDDEN);
	CHECK_INT(app_person_set_retention(&app, &cm, id, "2026-01-01", &e), 0);
	CHECK_INT(app_person_set_retention(&app, &py, id, "2026-01-01", &e), ERR_FORBIDDEN);
	REQUIRE(app_retention_run(&app, &sys, true, &n, &e) == 0);
	CHECK_INT(n, 1);
	REQUIRE(app_person_get(&app, &cm, id, &p, NULL, NULL, NULL, &e) == 0);
	CHECK_STR(p.given_name, "ลบได้"); /* a dry run changes nothing */
	person_release(&p);
	REQUIRE(app_retention_run(&app, &sys, false, &n, &e) == 0);
	CHECK_INT(n, 1);
	REQUIRE(app_person_get(&app, &cm, id, &p, NULL, NULL, NULL, &e) == 0);
	CHECK_STR(p.given_name, "");
	CHECK_STR(p.national_id, "");
	CHECK_INT(p.birth.y, 1950);
	CHECK_INT(p.birth.m, 7);
	CHECK_STR(p.area, "500101");
	person_release(&p);
	REQUIRE(app_retention_run(&app, &sys, false, &n, &e) == 0);
	CHECK_INT(n, 0);
	/* A death sets the retention date ten years on. */
	REQUIRE(app_retention_run(&app, &sys, true, &n, &e) == 0);
	CHECK_INT(n, 0);
}

/* Every database operation of a write fails in turn: nothing half-written. */
static void test_faults(void)
{
	struct person_in in = person(NULL, "ทดสอบ", "ความทนทาน", "1990-01-01", "500101");
	struct db *db;
	struct err e;
	int64_t people0, people1, id;
	long n;
	int ok = 0;

	db = app_db(&app, &e);
	REQUIRE(db);
	for (n = 1; n < 40 && !ok; n++) {
		int64_t a0 = audit_count();

		db_query_int64(db, "SELECT COUNT(*) FROM person", &people0, &e);
		db_fail_after(db, n);
		ok = app_person_add(&app, &cm, &in, &id, &e) == 0;
		db_fail_after(db, 0);
		db_query_int64(db, "SELECT COUNT(*) FROM person", &people1, &e);
		CHECK_INT(people1, people0 + (ok ? 1 : 0));
		CHECK_INT(audit_count(), a0 + (ok ? 1 : 0));
		CHECK(!db_in_tx(db));
	}
	CHECK(ok);
}

int main(void)
{
	setup();
	RUN(test_add_and_access);
	RUN(test_update);
	RUN(test_sensitive);
	RUN(test_search);
	RUN(test_death);
	RUN(test_consent_household_export);
	RUN(test_retention);
	RUN(test_faults);
	app_release(&app);
	unlink(path);
	return test_summary("registry");
}
