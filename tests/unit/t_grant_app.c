/*
 * Grant fund use cases on a real database (SQLite here; tests/store/run.sh
 * runs it on PostgreSQL too): tiers, who may create calls and act on
 * applications (a province officer only in their province), eligible
 * organisations only, the workflow's guards (no skipped step, no score
 * with a declared conflict, enough scores for a decision, no disbursement
 * before the agreement, tranches never above the approved amount), the
 * channel's books after every money move, idempotent repeats, rollback
 * under injected faults, awards only for closed projects, the certificate
 * PDF and the summary's roll-ups.
 */
#include <unistd.h>
#include "test.h"
#include "app/geo.h"
#include "app/grant.h"
#include "app/ledger.h"
#include "app/person.h"
#include "core/ledger.h"
#include "store/ledger.h"
#include "store/org.h"

static struct app app;
static struct actor sys, py, cm, dist, vol, rev1, rev2, rev3;
static char path[512];
static bool on_pg;
static int64_t org_cw, org_company, org_pb_nocert, org_pb, org_cm, call56, call_th;
static char opens[16], closes[16];

static void set_actor(struct actor *a, const char *name, enum role r, const char *area,
		      int64_t id)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->username, sizeof(a->username), "%s", name);
	a->role = r;
	snprintf(a->area, sizeof(a->area), "%s", area);
	a->id = id;
}

static int64_t add_org(const char *kind, const char *name, const char *area, const char *cert)
{
	struct org o;
	struct err e;
	struct db *db = app_db(&app, &e);
	int64_t id = 0;

	memset(&o, 0, sizeof(o));
	snprintf(o.kind, sizeof(o.kind), "%s", kind);
	snprintf(o.name_th, sizeof(o.name_th), "%s", name);
	snprintf(o.area, sizeof(o.area), "%s", area);
	snprintf(o.cert_no, sizeof(o.cert_no), "%s", cert);
	REQUIRE(db_begin(db, &e) == 0);
	REQUIRE(org_insert(db, &o, "test", "2026-01-01T00:00:00Z", &id, &e) == 0);
	REQUIRE(db_commit(db, &e) == 0);
	return id;
}

static int64_t count(const char *sql)
{
	struct err e;
	int64_t n = -1;

	CHECK(db_query_int64(app_db(&app, &e), sql, &n, &e) == 0);
	return n;
}

static void iso(struct date d, char out[16])
{
	snprintf(out, 16, "%04d-%02d-%02d", d.y % 10000, d.m % 100, d.d % 100);
}

static void setup(const char *url)
{
	struct geo_counts g;
	struct err e;
	struct date d;
	int applied;

	if (url && (starts_with(url, "postgres://") || starts_with(url, "postgresql://"))) {
		struct db *db;
		snprintf(path, sizeof(path), "%s", url);
		on_pg = true;
		REQUIRE(db_open(path, &db, &e) == 0);
		REQUIRE(db_exec(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;", &e) == 0);
		db_close(db);
	} else {
		snprintf(path, sizeof(path), "/tmp/sawat-t-grant-%d.db", (int)getpid());
		unlink(path);
	}
	REQUIRE(app_init(&app, path, &e) == 0);
	REQUIRE(app_setup(&app, &applied, &g, &e) == 0);
	actor_system(&sys);
	set_actor(&py, "phayao", ROLE_PROVINCE_OFFICER, "56", 12);
	set_actor(&cm, "chiangmai", ROLE_PROVINCE_OFFICER, "50", 13);
	set_actor(&dist, "mueang", ROLE_DISTRICT_OFFICER, "5601", 14);
	set_actor(&vol, "volunteer", ROLE_VOLUNTEER, "560101", 15);
	set_actor(&rev1, "rev1", ROLE_PROVINCE_OFFICER, "56", 16);
	set_actor(&rev2, "rev2", ROLE_FUND_COMMITTEE, "560101", 17);
	set_actor(&rev3, "rev3", ROLE_DISTRICT_OFFICER, "5601", 18);
	org_cw = add_org("community_welfare", "องค์กรสวัสดิการชุมชนตำบลเวียง", "560101", "");
	org_company = add_org("company", "บริษัท พะเยาค้าข้าว จำกัด", "560101", "");
	org_pb_nocert = add_org("public_benefit", "ชมรมคนรักษ์บ้าน", "560102", "");
	org_pb = add_org("public_benefit", "มูลนิธิพัฒนาชุมชนพะเยา", "560102", "พย 0031/2564");
	org_cm = add_org("community_welfare", "องค์กรสวัสดิการชุมชนตำบลศรีภูมิ", "500101", "");
	REQUIRE(date_add_days(app_today(&app), -10, &d, &e) == 0);
	iso(d, opens);
	REQUIRE(date_add_days(app_today(&app), 20, &d, &e) == 0);
	iso(d, closes);
}

static int64_t book_balance(const char *area, const char *code)
{
	struct account acc;
	struct err e;
	int64_t book = 0;

	REQUIRE(grant_book_get(app_db(&app, &e), area, &book, &e) == 0 && book);
	REQUIRE(account_by_code(app_db(&app, &e), book, code, &acc, &e) == 0);
	return acc.balance;
}

static int add_call(const struct actor *a, const char *channel, const char *area,
		    const char *tiers, int min_reviews, int64_t *id, struct err *e)
{
	struct grant_call_in in = { channel, area, "ประกาศรับข้อเสนอโครงการ", 0, opens, closes,
				    INT64_C(100000000), tiers, min_reviews };

	return app_grant_call_add(&app, a, &in, NULL, id, e);
}

static void test_calls_and_area(void)
{
	struct grant_call_list l;
	struct grant_call c;
	struct err e;
	int64_t id, before = count("SELECT COUNT(*) FROM audit_log");

	/* A province officer manages only their province's calls. */
	CHECK_INT(add_call(&py, "provincial", "56", "small,medium", 2, &call56, &e), 0);
	CHECK_INT(add_call(&py, "provincial", "50", NULL, 2, &id, &e), ERR_FORBIDDEN);
	CHECK_INT(add_call(&py, "national", "TH", NULL, 2, &id, &e), ERR_FORBIDDEN);
	CHECK_INT(add_call(&dist, "provincial", "56", NULL, 2, &id, &e), ERR_FORBIDDEN);
	CHECK_INT(add_call(&sys, "national", "TH", NULL, 1, &call_th, &e), 0);
	CHECK_INT(add_call(&sys, "regional", "TH", NULL, 1, &id, &e), ERR_INVALID);
	CHECK_INT(add_call(&sys, "provincial", "99", NULL, 1, &id, &e), ERR_INVALID);
	CHECK_INT(count("SELECT COUNT(*) FROM audit_log") - before, 2);
	/* The budget is allocated in the channel's book, balanced. */
	CHECK_INT(book_balance("56", GRANT_ACC_BANK), 100000000);
	CHECK_INT(book_balance("56", GRANT_ACC_ALLOCATION), -100000000);
	CHECK_INT(book_balance("TH", GRANT_ACC_BANK), 100000000);
	/* Chiang Mai sees the national call, not Phayao's. */
	REQUIRE(app_grant_call_list(&app, &cm, &l, &e) == 0);
	CHECK_INT(l.n, 1);
	grant_list_release(&l);
	CHECK_INT(app_grant_call_get(&app, &cm, call56, &c, &e), ERR_FORBIDDEN);
	CHECK_INT(app_grant_call_get(&app, &vol, call56, &c, &e), 0);
}

static const struct grant_line lines_45k[] = {
	{ 0, "ค่าอบรมอาสาสมัคร", 2500000 },
	{ 0, "ค่าวัสดุ", 2000000 },
};
static const struct grant_line lines_60k[] = {
	{ 0, "ค่าอุปกรณ์", 6000000 },
};
static const struct grant_indicator inds[] = {
	{ 0, "ผู้สูงอายุที่ได้รับการดูแล", "คน", 100, false, 0 },
	{ 0, "อาสาสมัครที่ผ่านการอบรม", "คน", 20, false, 0 },
};

static int apply(const struct actor *a, int64_t call, int64_t org, const struct grant_line *l,
		 size_t n, int64_t *id, struct err *e)
{
	struct grant_app_in in = { call, org, NULL, "ธนาคารข้าวเพื่อผู้สูงอายุ", "สรุปโครงการ",
				   "elderly,disadvantaged", "partnership", l, n, inds, 2 };

	return app_grant_apply(&app, a, &in, id, e);
}

static int64_t app_a, app_b;

static void test_apply_guards(void)
{
	struct grant_detail d;
	struct err e;
	int64_t id;

	/* Only eligible organisations apply. */
	CHECK_INT(apply(&py, call56, org_company, lines_45k, 2, &id, &e), ERR_FORBIDDEN);
	CHECK_STR(e.field, "org_id");
	CHECK_INT(apply(&py, call56, org_pb_nocert, lines_45k, 2, &id, &e), ERR_FORBIDDEN);
	CHECK_INT(apply(&py, call56, org_pb, lines_45k, 2, &id, &e), 0);
	/* A Chiang Mai organisation cannot apply to Phayao's call. */
	CHECK_INT(apply(&sys, call56, org_cm, lines_45k, 2, &id, &e), ERR_INVALID);
	/* Volunteers do not apply on an organisation's behalf. */
	CHECK_INT(apply(&vol, call56, org_cw, lines_45k, 2, &id, &e), ERR_FORBIDDEN);
	/* The request must fit the call's tiers: 3,000,000.01 baht fits none. */
	{
		struct grant_line big[] = { { 0, "ก", GRANT_LARGE_MAX }, { 0, "ข", 1 } };
		CHECK_INT(apply(&py, call56, org_cw, big, 2, &id, &e), ERR_INVALID);
		struct grant_line large[] = { { 0, "ก", GRANT_MEDIUM_MAX + 1 } };
		CHECK_INT(apply(&py, call56, org_cw, large, 1, &id, &e), ERR_INVALID);
	}
	{
		struct grant_line zero[] = { { 0, "ก", 0 } };
		CHECK_INT(apply(&py, call56, org_cw, zero, 1, &id, &e), ERR_INVALID);
		CHECK_INT(apply(&py, call56, org_cw, lines_45k, 0, &id, &e), ERR_INVALID);
	}
	CHECK_INT(apply(&dist, call56, org_cw, lines_45k, 2, &app_a, &e), 0);
	CHECK_INT(apply(&py, call56, org_cw, lines_60k, 1, &app_b, &e), 0);
	REQUIRE(app_grant_get(&app, &py, app_a, &d, &e) == 0);
	CHECK_INT(d.app.requested, 4500000); /* the sum of the lines */
	CHECK_STR(d.app.tier, "small");
	CHECK_STR(d.app.status, "draft");
	CHECK_INT(d.lines.n, 2);
	CHECK_INT(d.indicators.n, 2);
	grant_detail_release(&d);
	REQUIRE(app_grant_get(&app, &py, app_b, &d, &e) == 0);
	CHECK_STR(d.app.tier, "medium");
	grant_detail_release(&d);
	/* Applicants' data is visible per area. */
	CHECK_INT(app_grant_get(&app, &cm, app_a, &d, &e), ERR_FORBIDDEN);
	{
		struct grant_app_list l;
		CHECK_INT(app_grant_list(&app, &cm, 0, "", "", 100, 0, &l, &e), 0);
		CHECK_INT(l.n, 0);
		grant_list_release(&l);
		CHECK_INT(app_grant_list(&app, &py, call56, "", "", 100, 0, &l, &e), 0);
		CHECK_INT(l.n, 3);
		grant_list_release(&l);
	}
}

static void test_workflow_guards(void)
{
	struct grant_score s[5];
	struct err e;
	int64_t plan[2] = { 2500000, 2000000 };
	size_t nr;
	const struct grant_criterion *rub = grant_rubric(&nr);

	for (size_t i = 0; i < nr; i++) {
		memset(&s[i], 0, sizeof(s[i]));
		snprintf(s[i].criterion, sizeof(s[i].criterion), "%s", rub[i].code);
		s[i].score = rub[i].max - 2;
	}
	/* No step can be skipped. */
	CHECK_INT(app_grant_screen(&app, &py, app_a, true, true, "", &e), ERR_CONFLICT);
	CHECK_INT(app_grant_submit(&app, &py, app_a, &e), 0);
	CHECK_INT(app_grant_submit(&app, &py, app_a, &e), ERR_CONFLICT);
	CHECK_INT(app_grant_decide(&app, &py, app_a, true, 4500000, "", &e), ERR_CONFLICT);
	/* No disbursement before the agreement. */
	CHECK_INT(app_grant_disburse(&app, &py, app_a, 1, NULL, NULL, &e), ERR_CONFLICT);
	CHECK(strstr(e.en, "agreement") != NULL);
	/* Another province's officer cannot screen it; a district officer is no screener. */
	CHECK_INT(app_grant_screen(&app, &cm, app_a, true, true, "", &e), ERR_FORBIDDEN);
	CHECK_INT(app_grant_screen(&app, &dist, app_a, true, true, "", &e), ERR_FORBIDDEN);
	/* Screening out needs a reason. */
	CHECK_INT(app_grant_screen(&app, &py, app_a, false, true, "", &e), ERR_INVALID);
	CHECK_INT(app_grant_screen(&app, &py, app_a, true, true, "เอกสารครบ", &e), 0);
	/* Declarations come after screening; scores need the review to have started. */
	CHECK_INT(app_grant_declare(&app, &rev1, app_a, false, "", &e), 0);
	CHECK_INT(app_grant_declare(&app, &rev1, app_a, false, "", &e), ERR_CONFLICT);
	CHECK_INT(app_grant_score(&app, &rev1, app_a, s, nr, &e), ERR_CONFLICT);
	CHECK_INT(app_grant_review(&app, &py, app_a, &e), 0);
	/* A reviewer with a declared conflict may not score; nor one who declared nothing. */
	CHECK_INT(app_grant_declare(&app, &rev2, app_a, true, "", &e), ERR_INVALID);
	CHECK_INT(app_grant_declare(&app, &rev2, app_a, true, "ญาติเป็นกรรมการองค์กร", &e), 0);
	CHECK_INT(app_grant_score(&app, &rev2, app_a, s, nr, &e), ERR_FORBIDDEN);
	CHECK_STR(e.field, "conflict");
	CHECK_INT(app_grant_score(&app, &rev3, app_a, s, nr, &e), ERR_CONFLICT);
	CHECK_INT(app_grant_score(&app, &vol, app_a, s, nr, &e), ERR_FORBIDDEN);
	CHECK_INT(count("SELECT COUNT(*) FROM grant_score WHERE reviewer IN ('rev2', 'rev3')"), 0);
	/* Scores are bounded by the rubric. */
	s[0].score = 99;
	CHECK_INT(app_grant_score(&app, &rev1, app_a, s, nr, &e), ERR_INVALID);
	s[0].score = rub[0].max;
	CHECK_INT(app_grant_score(&app, &rev1, app_a, s, nr, &e), 0);
	/* The call needs two complete scores: one is not enough, nor a partial second. */
	CHECK_INT(app_grant_decide(&app, &py, app_a, true, 4500000, "", &e), ERR_CONFLICT);
	CHECK(strstr(e.en, "at least 2") != NULL);
	CHECK_INT(app_grant_declare(&app, &rev3, app_a, false, "", &e), 0);
	CHECK_INT(app_grant_score(&app, &rev3, app_a, s, 2, &e), 0);
	CHECK_INT(app_grant_decide(&app, &py, app_a, true, 4500000, "", &e), ERR_CONFLICT);
	CHECK_INT(app_grant_score(&app, &rev3, app_a, s + 2, nr - 2, &e), 0);
	/* Amount bounds, and a decline needs its reason. */
	CHECK_INT(app_grant_decide(&app, &py, app_a, true, 4500001, "", &e), ERR_INVALID);
	CHECK_INT(app_grant_decide(&app, &py, app_a, false, 0, "", &e), ERR_INVALID);
	CHECK_INT(app_grant_decide(&app, &cm, app_a, true, 4500000, "", &e), ERR_FORBIDDEN);
	CHECK_INT(app_grant_decide(&app, &py, app_a, true, 4500000, "รายงานทุกไตรมาส", &e), 0);
	/* Still no money before the agreement. */
	CHECK_INT(app_grant_disburse(&app, &py, app_a, 1, NULL, NULL, &e), ERR_CONFLICT);
	/* The tranche plan must add up to the approved amount. */
	{
		int64_t bad[2] = { 2500000, 2500000 };
		CHECK_INT(app_grant_sign(&app, &py, app_a, "พย 1/2569", NULL, bad, 2, NULL, &e),
			  ERR_INVALID);
	}
	CHECK_INT(app_grant_sign(&app, &py, app_a, "พย 1/2569", NULL, plan, 2, "sign-a", &e), 0);
	/* A repeat with the same key changes nothing. */
	CHECK_INT(app_grant_sign(&app, &py, app_a, "พย 1/2569", NULL, plan, 2, "sign-a", &e), 0);
	CHECK_INT(book_balance("56", GRANT_ACC_GRANTS), 4500000);
	CHECK_INT(book_balance("56", GRANT_ACC_PAYABLE), -4500000);
}

static void test_tranches_and_books(void)
{
	struct grant_detail d;
	struct err e;
	int64_t entries = count("SELECT COUNT(*) FROM journal_entry");
	int64_t rid;
	int64_t actual[2] = { 120, 22 };

	/* Tranches are paid in order. */
	CHECK_INT(app_grant_disburse(&app, &py, app_a, 2, NULL, NULL, &e), ERR_CONFLICT);
	CHECK_INT(app_grant_disburse(&app, &cm, app_a, 1, NULL, NULL, &e), ERR_FORBIDDEN);
	CHECK_INT(app_grant_disburse(&app, &py, app_a, 1, NULL, "pay-1", &e), 0);
	CHECK_INT(app_grant_disburse(&app, &py, app_a, 1, NULL, "pay-1", &e), 0);
	CHECK_INT(count("SELECT COUNT(*) FROM journal_entry") - entries, 1);
	REQUIRE(app_grant_get(&app, &py, app_a, &d, &e) == 0);
	CHECK_STR(d.app.status, "in_progress");
	CHECK_INT(d.app.disbursed, 2500000);
	CHECK(d.tranches.items[0].paid_on.y > 0 && d.tranches.items[0].entry_id > 0);
	grant_detail_release(&d);
	/* Rollback: a fault at any step of the second tranche leaves everything as it was. */
	for (long n = 1; n < 400; n++) {
		int r;
		db_fail_after(app_db(&app, &e), n);
		r = app_grant_disburse(&app, &py, app_a, 2, NULL, NULL, &e);
		db_fail_after(app_db(&app, &e), 0);
		if (!r)
			break;
		CHECK_INT(count("SELECT disbursed FROM grant_app WHERE id = (SELECT MIN(id) FROM "
				"grant_app WHERE disbursed > 0)"),
			  2500000);
		CHECK_INT(count("SELECT COUNT(*) FROM journal_entry") - entries, 1);
	}
	CHECK_INT(count("SELECT COUNT(*) FROM journal_entry") - entries, 2);
	/* Never above the approved amount: every tranche is paid. */
	CHECK_INT(app_grant_disburse(&app, &py, app_a, 3, NULL, NULL, &e), ERR_CONFLICT);
	CHECK_INT(book_balance("56", GRANT_ACC_PAYABLE), 0);
	CHECK_INT(book_balance("56", GRANT_ACC_BANK), 100000000 - 4500000);
	{
		long problems = 0;
		REQUIRE(ledger_verify(app_db(&app, &e), &problems, NULL, NULL, &e) == 0);
		CHECK_INT(problems, 0);
	}
	/* Awards are for completed projects only. */
	{
		char no[32];
		CHECK_INT(app_grant_award(&app, &py, app_a, "โครงการดีเด่น", NULL, no, &e),
			  ERR_CONFLICT);
	}
	/* A final report gives every indicator's outcome. */
	CHECK_INT(app_grant_report(&app, &dist, app_a, "progress", NULL, "ดำเนินการแล้วครึ่งหนึ่ง",
				   NULL, 0, &rid, &e),
		  0);
	CHECK_INT(app_grant_report(&app, &dist, app_a, "final", NULL, "เสร็จ", actual, 1, &rid, &e),
		  ERR_INVALID);
	CHECK_INT(app_grant_report(&app, &vol, app_a, "final", NULL, "เสร็จ", actual, 2, &rid, &e),
		  ERR_FORBIDDEN);
	CHECK_INT(app_grant_close(&app, &py, app_a, "", &e), ERR_CONFLICT);
	CHECK_INT(app_grant_report(&app, &dist, app_a, "final", NULL, "เสร็จตามแผน", actual, 2, &rid,
				   &e),
		  0);
	CHECK_INT(app_grant_close(&app, &py, app_a, "", &e), 0);
	REQUIRE(app_grant_get(&app, &py, app_a, &d, &e) == 0);
	CHECK_STR(d.app.status, "closed");
	/* Every step and every declaration or score was audited with it. */
	{
		char q[200];
		snprintf(q, sizeof(q),
			 "SELECT COUNT(*) FROM audit_log WHERE entity = 'grant_app' AND entity_id = "
			 "'%lld' AND action NOT IN ('declare', 'score')",
			 (long long)app_a);
		CHECK_INT(count(q), (int64_t)d.steps.n);
		snprintf(q, sizeof(q),
			 "SELECT COUNT(*) FROM audit_log WHERE entity = 'grant_app' AND entity_id = "
			 "'%lld' AND action IN ('declare', 'score')",
			 (long long)app_a);
		CHECK_INT(count(q), 3 + 3);
	}
	CHECK(d.indicators.items[0].has_actual && d.indicators.items[0].actual == 120);
	CHECK_INT(d.reports.n, 2);
	CHECK_INT(d.complete_reviews, 2);
	grant_detail_release(&d);
}

/*
 * A channel's book as its page and API read it (app_grant_book and
 * app/ledger.h): the province's staff and national roles read Phayao's
 * book, nobody outside the province does (nor a district officer inside
 * it: the book is the province's), the national book is for national
 * roles; its balances agree with the stored ones and balance; its journal
 * holds the call's budget, the commitment and both tranches, newest first,
 * each entry balanced, paged.
 */
static void test_books(void)
{
	struct actor aud56, aud50, natl;
	struct ledger_book b, bth;
	struct account_list al = { NULL, 0, 0 };
	struct entry_list l = { NULL, 0, 0 }, page = { NULL, 0, 0 };
	struct cashbook_list cb = { NULL, 0, 0 };
	struct err e;
	int64_t dr = 0, cr = 0, opening = -1, tranches = 0, calls = 0, commits = 0;
	const struct date zero = { 0, 0, 0 };

	set_actor(&aud56, "audit56", ROLE_AUDITOR, "56", 20);
	set_actor(&aud50, "audit50", ROLE_AUDITOR, "50", 21);
	set_actor(&natl, "nation", ROLE_NATIONAL_ADMIN, "TH", 22);
	/* Who reads Phayao's book: its staff and national roles. */
	CHECK_INT(app_grant_book(&app, &py, "56", &b, &e), 0);
	CHECK_STR(b.kind, "grant");
	CHECK_STR(b.area, "56");
	CHECK(strstr(b.name, "พะเยา") != NULL);
	CHECK_INT(app_grant_book(&app, &aud56, "56", &b, &e), 0);
	CHECK_INT(app_grant_book(&app, &natl, "56", &b, &e), 0);
	/* A user outside the area is refused, before anything is looked up. */
	CHECK_INT(app_grant_book(&app, &cm, "56", &b, &e), ERR_FORBIDDEN);
	CHECK_STR(e.field, "area");
	CHECK(strstr(e.en, "outside your scope") != NULL);
	CHECK_INT(b.id, 0);
	CHECK_INT(app_grant_book(&app, &aud50, "56", &b, &e), ERR_FORBIDDEN);
	CHECK_INT(app_grant_book(&app, &dist, "56", &b, &e), ERR_FORBIDDEN);
	CHECK_INT(app_grant_book(&app, &vol, "56", &b, &e), ERR_FORBIDDEN);
	CHECK_INT(app_grant_book(&app, &cm, "10", &b, &e), ERR_FORBIDDEN);
	/* The national channel's book is for national roles. */
	CHECK_INT(app_grant_book(&app, &py, "TH", &bth, &e), ERR_FORBIDDEN);
	CHECK_INT(app_grant_book(&app, &aud56, "TH", &bth, &e), ERR_FORBIDDEN);
	CHECK_INT(app_grant_book(&app, &natl, "TH", &bth, &e), 0);
	CHECK(bth.id > 0 && bth.id != b.id);
	/* Not a channel; a channel without a book yet. */
	CHECK_INT(app_grant_book(&app, &natl, "5601", &b, &e), ERR_INVALID);
	CHECK_INT(app_grant_book(&app, &natl, "", &b, &e), ERR_INVALID);
	CHECK_INT(app_grant_book(&app, &natl, "10", &b, &e), ERR_NOT_FOUND);
	REQUIRE(app_grant_book(&app, &py, "56", &b, &e) == 0);
	/* The book's reads by id keep the same rule. */
	CHECK_INT(app_ledger_book_accounts(&app, &cm, b.id, &al, &e), ERR_FORBIDDEN);
	CHECK_INT(al.n, 0);
	CHECK_INT(app_ledger_book_journal(&app, &cm, b.id, zero, zero, 50, 0, &l, &e),
		  ERR_FORBIDDEN);
	CHECK_INT(app_ledger_book_balances(&app, &py, bth.id, zero, zero, &al, &e), ERR_FORBIDDEN);
	CHECK_INT(app_ledger_book(&app, &py, 999999, &b, &e), ERR_NOT_FOUND);
	REQUIRE(app_grant_book(&app, &py, "56", &b, &e) == 0);

	/* Balances: as stored, and debits equal credits. */
	REQUIRE(app_ledger_book_balances(&app, &aud56, b.id, zero, zero, &al, &e) == 0);
	CHECK_INT(al.n, 4);
	for (size_t i = 0; i < al.n; i++) {
		CHECK_INT(al.items[i].balance, book_balance("56", al.items[i].code));
		dr += al.items[i].balance > 0 ? al.items[i].balance : 0;
		cr += al.items[i].balance < 0 ? -al.items[i].balance : 0;
	}
	CHECK_INT(dr, cr);
	CHECK_INT(dr, 100000000); /* bank and grants paid against the allocation */
	account_list_release(&al);

	/* The journal: the call's budget, the commitment, two tranches. */
	REQUIRE(app_ledger_book_journal(&app, &py, b.id, zero, zero, 50, 0, &l, &e) == 0);
	for (size_t i = 0; i < l.n; i++) {
		int64_t d = 0, c = 0;
		for (int k = 0; k < l.items[i].nlines; k++) {
			d += l.items[i].lines[k].debit;
			c += l.items[i].lines[k].credit;
		}
		CHECK_INT(d, c);
		CHECK_INT(d, l.items[i].total);
		CHECK_INT(l.items[i].book_id, b.id);
		if (i)
			CHECK(l.items[i].entry_no < l.items[i - 1].entry_no);
		calls += !strcmp(l.items[i].source, "grant_call");
		commits += !strcmp(l.items[i].source, "grant_commit");
		tranches += !strcmp(l.items[i].source, "grant_tranche");
	}
	CHECK_INT(calls, 1);
	CHECK_INT(commits, 1);
	CHECK_INT(tranches, 2);
	REQUIRE(l.n >= 4);
	CHECK_STR(l.items[0].source, "grant_tranche");
	CHECK_INT(l.items[0].source_id, app_a);
	/* Paged: the second page starts where the first ended. */
	REQUIRE(app_ledger_book_journal(&app, &py, b.id, zero, zero, 2, 2, &page, &e) == 0);
	CHECK_INT(page.n, l.n - 2 < 2 ? l.n - 2 : 2);
	CHECK_INT(page.items[0].id, l.items[2].id);
	entry_list_release(&page);
	entry_list_release(&l);

	/* The cash book: the bank account's lines, from nothing to what is left. */
	REQUIRE(app_ledger_book_cashbook(&app, &py, b.id, zero, zero, &opening, &cb, &e) == 0);
	CHECK_INT(opening, 0);
	REQUIRE(cb.n >= 3);
	CHECK_INT(cb.items[cb.n - 1].running, 100000000 - 4500000);
	cashbook_list_release(&cb);
}

static void test_award_and_certificate(void)
{
	struct buf pdf = BUF_INIT;
	struct err e;
	char no[32], want[32];

	CHECK_INT(app_grant_certificate(&app, &py, app_a, &pdf, &e), ERR_NOT_FOUND);
	CHECK_INT(app_grant_award(&app, &cm, app_a, "โครงการดีเด่น", NULL, no, &e), ERR_FORBIDDEN);
	CHECK_INT(app_grant_award(&app, &py, app_a, "โครงการดีเด่นด้านการจัดสวัสดิการสังคม", NULL,
				  no, &e),
		  0);
	snprintf(want, sizeof(want), "56/%d/001", date_be_year(app_today(&app)));
	CHECK_STR(no, want);
	CHECK_INT(app_grant_award(&app, &py, app_a, "ซ้ำ", NULL, no, &e), ERR_CONFLICT);
	REQUIRE(app_grant_certificate(&app, &py, app_a, &pdf, &e) == 0);
	CHECK(pdf.len > 5000 && !memcmp(pdf.ptr, "%PDF", 4));
	if (getenv("PDF_OUT")) {
		char p[600];
		FILE *f;
		snprintf(p, sizeof(p), "%s/grant-certificate.pdf", getenv("PDF_OUT"));
		f = fopen(p, "wb");
		if (f) {
			fwrite(pdf.ptr, 1, pdf.len, f);
			fclose(f);
		}
	}
	buf_release(&pdf);
	CHECK_INT(app_grant_certificate(&app, &cm, app_a, &pdf, &e), ERR_FORBIDDEN);
	buf_release(&pdf);
}

static void test_decline_and_summary(void)
{
	struct grant_summary s;
	struct grant_score sc[5];
	struct buf x = BUF_INIT;
	struct err e;
	size_t nr;
	const struct grant_criterion *rub = grant_rubric(&nr);

	for (size_t i = 0; i < nr; i++) {
		memset(&sc[i], 0, sizeof(sc[i]));
		snprintf(sc[i].criterion, sizeof(sc[i].criterion), "%s", rub[i].code);
	}
	CHECK_INT(app_grant_submit(&app, &py, app_b, &e), 0);
	CHECK_INT(app_grant_screen(&app, &py, app_b, true, true, "", &e), 0);
	CHECK_INT(app_grant_review(&app, &py, app_b, &e), 0);
	CHECK_INT(app_grant_declare(&app, &rev1, app_b, false, "", &e), 0);
	CHECK_INT(app_grant_declare(&app, &rev3, app_b, false, "", &e), 0);
	CHECK_INT(app_grant_score(&app, &rev1, app_b, sc, nr, &e), 0);
	CHECK_INT(app_grant_score(&app, &rev3, app_b, sc, nr, &e), 0);
	CHECK_INT(app_grant_decide(&app, &py, app_b, false, 0, "ไม่ตรงกับปัญหาของพื้นที่", &e), 0);
	CHECK_INT(app_grant_sign(&app, &py, app_b, "x", NULL, (int64_t[]){ 1 }, 1, NULL, &e),
		  ERR_CONFLICT);
	/* The report: Phayao in the north, tiers and target groups. */
	REQUIRE(app_grant_summary(&app, &sys, "", 0, &s, &e) == 0);
	CHECK_INT(s.total.apps, 2);
	CHECK_INT(s.total.approved_n, 1);
	CHECK_INT(s.total.requested, 4500000 + 6000000);
	CHECK_INT(s.total.approved, 4500000);
	CHECK_INT(s.total.disbursed, 4500000);
	REQUIRE(s.nareas == 2);
	CHECK_STR(s.areas[0].code, "north");
	CHECK_INT(s.areas[0].level, -1);
	CHECK_STR(s.areas[1].code, "56");
	CHECK_INT(s.areas[1].requested, 10500000);
	CHECK_INT(s.tiers[0].apps, 1);
	CHECK_INT(s.tiers[1].apps, 1);
	CHECK_INT(s.groups[2].apps, 2); /* elderly */
	CHECK_INT(app_grant_summary_xlsx(&s, true, &x, &e), 0);
	CHECK(x.len > 1000 && !memcmp(x.ptr, "PK", 2));
	buf_release(&x);
	grant_summary_release(&s);
	CHECK_INT(app_grant_summary(&app, &cm, "56", 0, &s, &e), ERR_FORBIDDEN);
	REQUIRE(app_grant_summary(&app, &cm, "", 0, &s, &e) == 0);
	CHECK_INT(s.total.apps, 0);
	grant_summary_release(&s);
}

static void test_submit_window(void)
{
	struct grant_call_in in = { "provincial", "56", "ปิดรับแล้ว", 0, "2020-01-01", "2020-02-01",
				    1000000, NULL, 1 };
	struct err e;
	int64_t call, id;

	REQUIRE(app_grant_call_add(&app, &py, &in, NULL, &call, &e) == 0);
	REQUIRE(apply(&py, call, org_cw, lines_45k, 2, &id, &e) == 0);
	CHECK_INT(app_grant_submit(&app, &py, id, &e), ERR_CONFLICT);
	in.closes_on = "2019-01-01";
	CHECK_INT(app_grant_call_add(&app, &py, &in, NULL, &call, &e), ERR_INVALID);
}

static void test_demo(void)
{
	struct grant_app_list l;
	struct err e;

	CHECK_INT(app_grant_demo(&app, &e), 0);
	CHECK_INT(app_grant_demo(&app, &e), 0); /* a second run finds it there */
	REQUIRE(app_grant_list(&app, &sys, 0, "56", "closed", 100, 0, &l, &e) == 0);
	CHECK_INT(l.n, 2);
	grant_list_release(&l);
	CHECK_INT(count("SELECT COUNT(*) FROM grant_award"), 2);
}

int main(int argc, char **argv)
{
	setup(argc > 1 ? argv[1] : NULL);
	RUN(test_calls_and_area);
	RUN(test_apply_guards);
	RUN(test_workflow_guards);
	RUN(test_tranches_and_books);
	RUN(test_books);
	RUN(test_award_and_certificate);
	RUN(test_decline_and_summary);
	RUN(test_submit_window);
	RUN(test_demo);
	app_release(&app);
	if (!on_pg)
		unlink(path);
	return test_summary(on_pg ? "grant_app-postgres" : "grant_app");
}
