/*
 * Community welfare fund use cases on a real SQLite database: funds and
 * access, members and joining fees, standing and suspension, payments and
 * the collection sheet (all or nothing, idempotent), claims through their
 * workflow with waiting periods, caps and membership steps, reversals,
 * closed periods, matching money, concurrent payments, the death hook,
 * transfers, roll-ups, rollback under injected faults, and `verify`
 * noticing books that were tampered with.
 */
#include <pthread.h>
#include <unistd.h>
#include "test.h"
#include "app/fund.h"
#include "app/gen.h"
#include "app/geo.h"
#include "app/ledger.h"
#include "app/person.h"
#include "store/ledger.h"

static struct app app;
static struct actor sys, tre, py, aud, vol;
static char path[512];
static bool on_pg;
static int64_t fund_id, book_id, cash_acc;
static int64_t p_a, p_b, p_c, p_d, p_e, p_out;

static void set_actor(struct actor *a, const char *name, enum role r, const char *area,
		      int64_t id)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->username, sizeof(a->username), "%s", name);
	a->role = r;
	snprintf(a->area, sizeof(a->area), "%s", area);
	a->id = id;
}

static int64_t add_person(const char *given, const char *birth, const char *area)
{
	struct person_in in;
	struct err e;
	int64_t id = 0;

	memset(&in, 0, sizeof(in));
	in.given_name = given;
	in.family_name = "ใจดี";
	in.sex = "F";
	in.birth_date = birth;
	in.reg_status = "house";
	in.nationality = "TH";
	in.area = area;
	CHECK(app_person_add(&app, &sys, &in, &id, &e) == 0);
	return id;
}

static long verify_problems(void)
{
	long problems = -1;
	struct err e;

	CHECK(app_fund_verify(&app, &problems, NULL, NULL, &e) == 0);
	return problems;
}

static int64_t account_balance(const char *code)
{
	struct account acc;
	struct err e;

	REQUIRE(account_by_code(app_db(&app, &e), book_id, code, &acc, &e) == 0);
	return acc.balance;
}

/* The database: a temporary SQLite file, or the PostgreSQL URL given as the
 * argument (tests/store/run.sh runs this file on its cluster too), emptied. */
static void setup(const char *url)
{
	struct geo_counts g;
	struct fund_in in;
	struct account acc;
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
		snprintf(path, sizeof(path), "/tmp/sawat-t-fund-%d.db", (int)getpid());
		unlink(path);
	}
	REQUIRE(app_init(&app, path, &e) == 0);
	REQUIRE(app_setup(&app, &applied, &g, &e) == 0);
	actor_system(&sys);
	set_actor(&tre, "treasurer", ROLE_FUND_COMMITTEE, "500101", 11);
	set_actor(&py, "phayao", ROLE_PROVINCE_OFFICER, "56", 12);
	set_actor(&aud, "auditor", ROLE_AUDITOR, "50", 13);
	set_actor(&vol, "volunteer", ROLE_VOLUNTEER, "500101", 14);
	/* Two books that are not funds' first, so a fund's id and its book's
	 * differ: mixing them up cannot go unnoticed. */
	{
		int64_t other;
		REQUIRE(ledger_book_insert(app_db(&app, &e), "office", "5001", "อบต. ตัวอย่าง",
					   "2025-01-01T00:00:00Z", &other, &e) == 0);
		REQUIRE(ledger_book_insert(app_db(&app, &e), "office", "5002", "อบต. ตัวอย่าง 2",
					   "2025-01-01T00:00:00Z", &other, &e) == 0);
	}
	memset(&in, 0, sizeof(in));
	in.area = "500101";
	in.name = "กองทุนสวัสดิการชุมชนตำบลศรีภูมิ";
	in.founded_on = "2015-01-01";
	REQUIRE(app_fund_add(&app, &tre, &in, &fund_id, &e) == 0);
	{
		struct fund f;
		REQUIRE(app_fund_get(&app, &tre, fund_id, &f, &e) == 0);
		book_id = f.book_id;
		REQUIRE(book_id != fund_id);
	}
	REQUIRE(account_by_code(app_db(&app, &e), book_id, ACC_CASH, &acc, &e) == 0);
	cash_acc = acc.id;
	p_a = add_person("อารี", "1960-05-01", "500101");
	p_b = add_person("บุญมี", "1990-02-10", "500101");
	p_c = add_person("จันทร์", "2001-07-07", "500101");
	p_d = add_person("ดวงใจ", "1955-03-03", "500101");
	p_e = add_person("เอื้อ", "1970-01-01", "500101");
	p_out = add_person("นอกเขต", "1980-01-01", "560101");
}

static int64_t enrol(int64_t person, const char *joined, int64_t *receipt)
{
	struct member_in in;
	struct err e;
	int64_t id = 0, rid = 0;

	memset(&in, 0, sizeof(in));
	in.person_id = person;
	in.joined_on = joined;
	in.beneficiary_name = "ลูกสาว";
	CHECK(app_member_add(&app, &tre, fund_id, &in, NULL, &id, &rid, &e) == 0);
	if (receipt)
		*receipt = rid;
	return id;
}

static int64_t m_a, m_b, m_c, m_d;

static void test_fund_and_access(void)
{
	struct fund_in in;
	struct fund f;
	struct account_list al = { NULL, 0, 0 };
	struct statute_list sl = { NULL, 0, 0 };
	struct err e;
	int64_t id;
	size_t n;

	CHECK(app_fund_get(&app, &tre, fund_id, &f, &e) == 0);
	CHECK_STR(f.area, "500101");
	CHECK(app_fund_get(&app, &py, fund_id, &f, &e) == ERR_FORBIDDEN);
	CHECK(app_fund_get(&app, &aud, fund_id, &f, &e) == 0);
	CHECK(app_ledger_accounts(&app, &tre, fund_id, &al, &e) == 0);
	CHECK(al.n >= 15);
	n = al.n;
	account_list_release(&al);
	/* The fund's reads are the book's (app/ledger.c) under the fund's rule:
	 * the same chart, refused outside the tambon, the fund named when missing. */
	CHECK(app_ledger_book_accounts(&app, &aud, f.book_id, &al, &e) == 0);
	CHECK_INT(al.n, n);
	account_list_release(&al);
	CHECK(app_ledger_accounts(&app, &py, fund_id, &al, &e) == ERR_FORBIDDEN);
	CHECK_INT(al.n, 0);
	CHECK(app_ledger_balances(&app, &py, fund_id, (struct date){ 0 }, (struct date){ 0 }, &al,
				  &e) == ERR_FORBIDDEN);
	CHECK(app_ledger_accounts(&app, &tre, fund_id + 1000, &al, &e) == ERR_NOT_FOUND);
	CHECK(strstr(e.en, "fund") != NULL);
	CHECK_INT(al.n, 0);
	CHECK(app_fund_statutes(&app, &tre, fund_id, &sl, &e) == 0);
	CHECK_INT(sl.n, 1);
	statute_list_release(&sl);

	memset(&in, 0, sizeof(in));
	in.area = "500102";
	in.name = "อีกกองทุน";
	in.founded_on = "2015-01-01";
	CHECK(app_fund_add(&app, &tre, &in, &id, &e) == ERR_FORBIDDEN); /* outside the scope */
	CHECK(app_fund_add(&app, &aud, &in, &id, &e) == ERR_FORBIDDEN); /* auditors only read */
	in.area = "5001";
	CHECK(app_fund_add(&app, &sys, &in, &id, &e) == ERR_INVALID);
	CHECK_STR(e.field, "area");
	in.area = "500102";
	in.founded_on = "2099-01-01";
	CHECK(app_fund_add(&app, &sys, &in, &id, &e) == ERR_INVALID);
	CHECK_STR(e.field, "founded_on");
	CHECK_INT(verify_problems(), 0);
}

static void test_members_and_fee(void)
{
	struct member_in in;
	struct member m;
	struct receipt rc;
	struct err e;
	int64_t id, rid, rid2;

	m_a = enrol(p_a, "2020-03-10", &rid);
	CHECK(m_a > 0);
	CHECK(rid > 0);
	CHECK(app_receipt_get(&app, &tre, rid, &rc, &e) == 0);
	CHECK_INT(rc.total, 2000); /* the default joining fee, 20 baht */
	CHECK_INT(rc.fee, 2000);
	CHECK_INT(rc.receipt_no, 1);
	CHECK_INT(account_balance(ACC_CASH), 2000);
	CHECK_INT(account_balance(ACC_JOINING_FEES), -2000);
	m_b = enrol(p_b, "2025-01-01", NULL);
	m_c = enrol(p_c, "2024-01-01", NULL);
	m_d = enrol(p_d, "2015-06-01", NULL);
	CHECK(app_member_get(&app, &tre, m_b, (struct date){ 0, 0, 0 }, &m, NULL, &e) == 0);
	CHECK_INT(m.member_no, 2);
	/* Paid well ahead: 2,000 baht covers A from March 2020 past 2025; 731
	 * baht covers C for 2024 (366 days) and 2025 (365). */
	CHECK(app_fund_pay(&app, &tre, m_a, 200000, "2020-03-10", "cash", NULL, &rid, &e) == 0);
	CHECK(app_fund_pay(&app, &tre, m_c, 73100, "2024-02-01", "cash", NULL, &rid, &e) == 0);
	CHECK(app_member_get(&app, &tre, m_c, (struct date){ 2025, 12, 31 }, &m, NULL, &e) == 0);
	CHECK_INT(m.standing.balance, 0);
	CHECK_INT(m.standing.paid_through.y, 2025);
	CHECK_INT(m.standing.paid_through.m, 12);

	/* One active membership at a time. */
	memset(&in, 0, sizeof(in));
	in.person_id = p_a;
	in.joined_on = "2021-01-01";
	CHECK(app_member_add(&app, &tre, fund_id, &in, NULL, &id, &rid, &e) == ERR_CONFLICT);
	CHECK_STR(e.field, "person_id");
	/* A person outside the actor's scope cannot be enrolled. */
	in.person_id = p_out;
	CHECK(app_member_add(&app, &tre, fund_id, &in, NULL, &id, &rid, &e) == ERR_FORBIDDEN);
	/* Before the fund existed. */
	in.person_id = p_e;
	in.joined_on = "2014-12-31";
	CHECK(app_member_add(&app, &tre, fund_id, &in, NULL, &id, &rid, &e) == ERR_INVALID);
	CHECK_STR(e.field, "joined_on");

	/* The same request twice with one key enrols and charges once. */
	in.joined_on = "2025-02-01";
	CHECK(app_member_add(&app, &tre, fund_id, &in, "enrol-e-1", &id, &rid, &e) == 0);
	CHECK(app_member_add(&app, &tre, fund_id, &in, "enrol-e-1", &id, &rid2, &e) == 0);
	CHECK(id > 0);
	CHECK_INT(account_balance(ACC_JOINING_FEES), -5 * 2000);
	in.joined_on = "2025-02-02"; /* the key reused for another request */
	CHECK(app_member_add(&app, &tre, fund_id, &in, "enrol-e-1", &id, &rid2, &e) == ERR_CONFLICT);
	CHECK_STR(e.field, "idempotency_key");
	CHECK_INT(verify_problems(), 0);
}

static void test_standing(void)
{
	struct member m;
	struct err e;
	int64_t rid;

	/* Joined 1 Jan 2025, 1 baht a day, nothing paid: by 15 July 2025 seven
	 * months are due (31+28+31+30+31+30+31 = 212 baht) and it is suspended
	 * after six unpaid months. */
	CHECK(app_member_get(&app, &tre, m_b, (struct date){ 2025, 7, 15 }, &m, NULL, &e) == 0);
	CHECK_INT(m.standing.due, 21200);
	CHECK_INT(m.standing.months_unpaid, 7);
	CHECK(m.standing.suspended);
	CHECK_INT(m.due_now, 21200);
	/* Pay January to June (181 baht): one month behind, not suspended. */
	CHECK(app_fund_pay(&app, &tre, m_b, 18100, "2025-07-15", "cash", NULL, &rid, &e) == 0);
	CHECK(app_member_get(&app, &tre, m_b, (struct date){ 2025, 7, 15 }, &m, NULL, &e) == 0);
	CHECK_INT(m.standing.months_unpaid, 1);
	CHECK(m.standing.in_arrears);
	CHECK(!m.standing.suspended);
	CHECK_INT(m.standing.paid_through.m, 6);
	CHECK_INT(m.due_now, 3100);
	/* Bad payments change nothing. */
	CHECK(app_fund_pay(&app, &tre, m_b, 0, "2025-07-15", "cash", NULL, &rid, &e) == ERR_INVALID);
	CHECK_STR(e.field, "amount");
	CHECK(app_fund_pay(&app, &tre, m_b, 100, "2099-07-15", "cash", NULL, &rid, &e) ==
	      ERR_INVALID);
	CHECK(app_fund_pay(&app, &tre, m_b, 100, "2024-12-31", "cash", NULL, &rid, &e) ==
	      ERR_INVALID);
	CHECK(app_fund_pay(&app, &tre, m_b, 100, "2025-07-15", "cheque", NULL, &rid, &e) ==
	      ERR_INVALID);
	CHECK(app_fund_pay(&app, &tre, m_b, 100, "2025-07-15", "transfer", NULL, &rid, &e) ==
	      ERR_INVALID); /* no bank account yet */
	CHECK(app_fund_pay(&app, &vol, m_b, 100, "2025-07-15", "cash", NULL, &rid, &e) ==
	      ERR_FORBIDDEN);
	CHECK(app_member_get(&app, &tre, m_b, (struct date){ 2025, 7, 15 }, &m, NULL, &e) == 0);
	CHECK_INT(m.paid_total, 18100);
	CHECK_INT(verify_problems(), 0);
}

static void test_collection_sheet(void)
{
	struct member_list sheet = { NULL, 0, 0 };
	struct collect_item items[3], bad[2];
	int64_t before = account_balance(ACC_CASH), first[3];
	struct member m;
	struct err e;

	CHECK(app_fund_sheet(&app, &tre, fund_id, 0, "2025-08-05", &sheet, &e) == 0);
	CHECK(sheet.n >= 4);
	member_list_release(&sheet);
	items[0] = (struct collect_item){ m_a, 3100, 0 };
	items[1] = (struct collect_item){ m_b, 3100, 0 };
	items[2] = (struct collect_item){ m_c, 0, 0 };   /* absent from the meeting */
	CHECK(app_fund_collect(&app, &tre, fund_id, 0, "2025-08-05", "cash", items, 3, "sheet-aug",
			       &e) == 0);
	CHECK(items[0].receipt_id > 0);
	CHECK(items[1].receipt_id > items[0].receipt_id);
	CHECK_INT(items[2].receipt_id, 0);
	CHECK_INT(account_balance(ACC_CASH), before + 6200);
	for (int i = 0; i < 3; i++)
		first[i] = items[i].receipt_id;
	/* Submitted twice (a double click): paid once, the same receipts back. */
	CHECK(app_fund_collect(&app, &tre, fund_id, 0, "2025-08-05", "cash", items, 3, "sheet-aug",
			       &e) == 0);
	CHECK_INT(account_balance(ACC_CASH), before + 6200);
	CHECK_INT(items[0].receipt_id, first[0]);
	CHECK_INT(items[1].receipt_id, first[1]);
	/* One bad line stops the whole sheet. */
	bad[0] = (struct collect_item){ m_a, 3100, 0 };
	bad[1] = (struct collect_item){ 999999, 3100, 0 };
	CHECK(app_fund_collect(&app, &tre, fund_id, 0, "2025-09-05", "cash", bad, 2, NULL, &e) ==
	      ERR_INVALID);
	CHECK_STR(e.field, "items");
	CHECK_INT(bad[0].receipt_id, 0);
	bad[1] = (struct collect_item){ m_a, 100, 0 };
	CHECK(app_fund_collect(&app, &tre, fund_id, 0, "2025-09-05", "cash", bad, 2, NULL, &e) ==
	      ERR_INVALID); /* the same member twice */
	CHECK_INT(account_balance(ACC_CASH), before + 6200);
	CHECK(app_member_get(&app, &tre, m_a, (struct date){ 0, 0, 0 }, &m, NULL, &e) == 0);
	CHECK_INT(m.paid_total, 200000 + 3100);
	CHECK_INT(verify_problems(), 0);
}

static int64_t submit(int64_t member, const char *benefit, const char *date, int units,
		      struct claim *out)
{
	struct claim_in in;
	struct err e;
	int64_t id = 0;

	memset(&in, 0, sizeof(in));
	in.member_id = member;
	in.benefit = benefit;
	in.event_date = date;
	in.units = units;
	CHECK(app_claim_submit(&app, &tre, fund_id, &in, &id, &e) == 0);
	if (out)
		CHECK(app_claim_get(&app, &tre, id, out, NULL, &e) == 0);
	return id;
}

/* Checks then approves a claim; returns the approve step's result. */
static int approve(int64_t id, struct err *e)
{
	int r = app_claim_step(&app, &tre, id, "check", "", e);

	return r ? r : app_claim_step(&app, &tre, id, "approve", "", e);
}

static void test_waiting_period(void)
{
	struct claim c;
	struct err e;
	int64_t early, ok;

	/* Joined 1 Jan 2025; 180 days' wait. 29 June is day 179: refused. */
	early = submit(m_b, "birth", "2025-06-29", 0, &c);
	CHECK_INT(c.amount, 0);
	CHECK(strstr(c.calc, "179"));
	claim_release(&c);
	CHECK(approve(early, &e) == ERR_CONFLICT);
	ok = submit(m_b, "birth", "2025-06-30", 0, &c);
	CHECK_INT(c.amount, 50000);
	claim_release(&c);
	CHECK(approve(ok, &e) == 0);
	CHECK_INT(account_balance(ACC_BENEFITS_PAYABLE), -50000);
	CHECK(app_claim_pay(&app, &tre, ok, "2025-07-20", 0, "pay-birth", &e) == 0);
	CHECK(app_claim_pay(&app, &tre, ok, "2025-07-20", 0, "pay-birth", &e) == 0); /* repeat */
	CHECK_INT(account_balance(ACC_BENEFITS_PAYABLE), 0);
	CHECK_INT(account_balance(ACC_BENEFITS_MEMBERS), 50000);
	CHECK(app_claim_get(&app, &tre, ok, &c, NULL, &e) == 0);
	CHECK_STR(c.status, "paid");
	claim_release(&c);
	/* Paying again without the key is refused by the workflow. */
	CHECK(app_claim_pay(&app, &tre, ok, "2025-07-21", 0, NULL, &e) == ERR_CONFLICT);
	CHECK_INT(verify_problems(), 0);
}

static void test_hospital_caps(void)
{
	struct claim c;
	struct err e;
	int64_t id;

	/* 200 baht a night, 600 a stay, 1,000 a year. */
	id = submit(m_c, "hospital", "2025-03-01", 4, &c);
	CHECK_INT(c.amount, 60000);
	claim_release(&c);
	CHECK(approve(id, &e) == 0);
	id = submit(m_c, "hospital", "2025-05-01", 3, &c);
	CHECK_INT(c.amount, 40000);
	claim_release(&c);
	CHECK(approve(id, &e) == 0);
	CHECK(app_claim_pay(&app, &tre, id, "2025-05-10", cash_acc, NULL, &e) == 0);
	id = submit(m_c, "hospital", "2025-09-01", 2, &c);
	CHECK_INT(c.amount, 0);
	claim_release(&c);
	CHECK(approve(id, &e) == ERR_CONFLICT);
	/* A new calendar year starts a new yearly cap. */
	id = submit(m_c, "hospital", "2026-01-05", 1, &c);
	CHECK_INT(c.amount, 20000);
	claim_release(&c);
	CHECK_INT(verify_problems(), 0);
}

static void test_reject_and_resubmit(void)
{
	struct claim_step_list steps = { NULL, 0, 0 };
	struct claim_in in;
	struct claim c;
	struct err e;
	int64_t id, again;

	id = submit(m_a, "scholarship", "2025-06-01", 0, NULL);
	CHECK(app_claim_step(&app, &tre, id, "approve", "", &e) == ERR_CONFLICT); /* not checked */
	CHECK(app_claim_step(&app, &tre, id, "reject", "", &e) == ERR_INVALID);   /* needs a reason */
	CHECK(app_claim_step(&app, &tre, id, "reject", "ไม่มีใบแสดงผลการเรียน", &e) == 0);
	CHECK(app_claim_step(&app, &tre, id, "check", "", &e) == ERR_CONFLICT);
	memset(&in, 0, sizeof(in));
	in.member_id = m_a;
	in.benefit = "scholarship";
	in.event_date = "2025-06-01";
	in.resubmits = id;
	CHECK(app_claim_submit(&app, &tre, fund_id, &in, &again, &e) == 0);
	CHECK(approve(again, &e) == 0);
	CHECK(app_claim_get(&app, &tre, again, &c, &steps, &e) == 0);
	CHECK_INT(c.resubmits, id);
	CHECK_INT(steps.n, 3);
	CHECK_STR(steps.items[2].status, "approved");
	claim_release(&c);
	claim_step_list_release(&steps);
	in.resubmits = again; /* not rejected */
	CHECK(app_claim_submit(&app, &tre, fund_id, &in, &id, &e) == ERR_INVALID);
	CHECK_STR(e.field, "resubmits");
}

static void test_death_steps_and_hook(void)
{
	struct claim c;
	struct member m;
	struct fund f;
	struct err e;
	int64_t id, before;

	/* Joined 10 Mar 2020: on 9 Mar 2025 four years are complete (10,000
	 * baht), on 10 Mar 2025 five (15,000). */
	id = submit(m_a, "death", "2025-03-09", 0, &c);
	CHECK_INT(c.amount, 1000000);
	claim_release(&c);
	CHECK(app_claim_step(&app, &tre, id, "reject", "ทดสอบ", &e) == 0);
	CHECK(app_fund_get(&app, &tre, fund_id, &f, &e) == 0);
	before = f.members_active;
	CHECK(app_person_death(&app, &sys, p_a, "2025-03-10", &e) == 0);
	CHECK(app_member_get(&app, &tre, m_a, (struct date){ 0, 0, 0 }, &m, NULL, &e) == 0);
	CHECK_STR(m.status, "deceased");
	CHECK_INT(m.ended_on.d, 10);
	CHECK(app_fund_get(&app, &tre, fund_id, &f, &e) == 0);
	CHECK_INT(f.members_active, before - 1);
	id = submit(m_a, "death", "2025-03-10", 0, &c);
	CHECK_INT(c.amount, 1500000);
	claim_release(&c);
	CHECK(app_fund_pay(&app, &tre, m_a, 100, "2025-03-11", "cash", NULL, &id, &e) ==
	      ERR_CONFLICT); /* no payments from a closed membership */
	CHECK_INT(verify_problems(), 0);
}

static void test_void_receipt(void)
{
	struct member m;
	struct receipt rc;
	struct err e;
	int64_t rid, cash;

	CHECK(app_fund_pay(&app, &tre, m_c, 5000, "2025-08-06", "cash", NULL, &rid, &e) == 0);
	cash = account_balance(ACC_CASH);
	CHECK(app_receipt_void(&app, &tre, rid, "2025-08-07", "", &e) == ERR_INVALID);
	CHECK(app_receipt_void(&app, &tre, rid, "2025-08-07", "พิมพ์จำนวนเงินผิด", &e) == 0);
	CHECK_INT(account_balance(ACC_CASH), cash - 5000);
	CHECK(app_receipt_get(&app, &tre, rid, &rc, &e) == 0);
	CHECK_INT(rc.voided_on.d, 7);
	CHECK(app_member_get(&app, &tre, m_c, (struct date){ 0, 0, 0 }, &m, NULL, &e) == 0);
	CHECK_INT(m.paid_total, 73100);
	CHECK(app_receipt_void(&app, &tre, rid, "2025-08-07", "อีกครั้ง", &e) == ERR_CONFLICT);
	CHECK_INT(verify_problems(), 0);
}

static void test_income_expense_admin(void)
{
	struct fund_dashboard *d = xcalloc(1, sizeof(*d));
	struct pledge_list pl = { NULL, 0, 0 };
	struct bank_account_list bl = { NULL, 0, 0 };
	struct income_in inc;
	struct expense_in x;
	struct err e;
	int64_t pid, iid, xid, bid, rev, cash;

	CHECK(app_fund_bank_add(&app, &tre, fund_id, "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", "สันทราย",
				"020-1-23456-7", "กองทุนสวัสดิการชุมชนตำบลศรีภูมิ", "2016-01-01", &bid,
				&e) == 0);
	CHECK(app_fund_banks(&app, &tre, fund_id, &bl, &e) == 0);
	REQUIRE(bl.n == 1);
	CHECK(app_fund_pledge_add(&app, &tre, fund_id, "local_gov", "อบต.ศรีภูมิ", 1000000,
				  "2025-01-15", "2025-01-01", "2025-12-31", "", &pid, &e) == 0);
	memset(&inc, 0, sizeof(inc));
	inc.kind = "local_gov";
	inc.source_name = "อบต.ศรีภูมิ";
	inc.pledge_id = pid;
	inc.amount = 600000;
	inc.received_on = "2025-08-01";
	inc.account_id = bl.items[0].ledger_account_id;
	CHECK(app_fund_income_add(&app, &tre, fund_id, &inc, "inc-1", &iid, &e) == 0);
	CHECK(app_fund_income_add(&app, &tre, fund_id, &inc, "inc-1", &iid, &e) == 0);
	inc.amount = 500000; /* more than the 4,000 baht left of the pledge */
	CHECK(app_fund_income_add(&app, &tre, fund_id, &inc, NULL, &iid, &e) == ERR_INVALID);
	CHECK(app_fund_pledges(&app, &tre, fund_id, &pl, &e) == 0);
	REQUIRE(pl.n == 1);
	CHECK_INT(pl.items[0].received, 600000);
	CHECK(pl.items[0].matched_contributions > 0);
	pledge_list_release(&pl);
	CHECK_INT(account_balance("1102-01"), 600000);

	/* Move 50 baht from the bank to cash, then spend on administration. */
	memset(&x, 0, sizeof(x));
	x.kind = "transfer";
	x.description = "ถอนเงินสดย่อย";
	x.amount = 5000;
	x.paid_on = "2025-08-02";
	x.from_account_id = bl.items[0].ledger_account_id;
	x.to_account_id = cash_acc;
	CHECK(app_fund_expense_add(&app, &tre, fund_id, &x, NULL, &xid, &e) == 0);
	CHECK_INT(account_balance("1102-01"), 595000);
	cash = account_balance(ACC_CASH);
	x.kind = "admin";
	x.description = "ค่าเครื่องเขียน";
	x.amount = cash + 1; /* more than there is */
	x.from_account_id = 0;
	CHECK(app_fund_expense_add(&app, &tre, fund_id, &x, NULL, &xid, &e) == ERR_CONFLICT);
	x.amount = 15000;
	CHECK(app_fund_expense_add(&app, &tre, fund_id, &x, NULL, &xid, &e) == 0);
	CHECK_INT(account_balance(ACC_ADMIN), 15000);
	CHECK(app_fund_dashboard(&app, &tre, fund_id, (struct date){ 2025, 8, 31 }, d, &e) == 0);
	CHECK_INT(d->year_admin, 15000);
	CHECK(!d->admin_over);
	CHECK_INT(d->year_in[1], 600000);
	/* Reversing the grant leaves admin costs above 20% of the year's income. */
	{
		struct entry_list el = { NULL, 0, 0 };
		int64_t entry = 0;
		CHECK(app_ledger_journal(&app, &tre, fund_id, (struct date){ 2025, 8, 1 },
					 (struct date){ 2025, 8, 1 }, 50, 0, &el, &e) == 0);
		for (size_t i = 0; i < el.n; i++)
			if (!strcmp(el.items[i].source, "income"))
				entry = el.items[i].id;
		entry_list_release(&el);
		REQUIRE(entry);
		CHECK(app_ledger_reverse(&app, &tre, entry, "2025-08-03", "โอนผิดกองทุน", &rev, &e) == 0);
		CHECK(app_ledger_reverse(&app, &tre, entry, "2025-08-03", "ซ้ำ", &rev, &e) ==
		      ERR_CONFLICT);
	}
	CHECK(app_fund_dashboard(&app, &tre, fund_id, (struct date){ 2025, 8, 31 }, d, &e) == 0);
	CHECK_INT(d->year_in[1], 0);
	CHECK(d->admin_over);
	CHECK_INT(verify_problems(), 0);
	bank_account_list_release(&bl);
	free(d);
}

static void test_closed_period(void)
{
	struct err e;
	int64_t rid;

	CHECK(app_ledger_close(&app, &tre, fund_id, "2025-08-15", &e) == ERR_INVALID);
	CHECK(app_ledger_close(&app, &tre, fund_id, "2025-08-31", &e) == 0);
	CHECK(app_ledger_close(&app, &tre, fund_id, "2025-07-31", &e) == ERR_CONFLICT);
	CHECK(app_fund_pay(&app, &tre, m_b, 3000, "2025-08-31", "cash", NULL, &rid, &e) ==
	      ERR_CONFLICT);
	CHECK_STR(e.field, "paid_on");
	CHECK(app_fund_pay(&app, &tre, m_b, 3000, "2025-09-01", "cash", NULL, &rid, &e) == 0);
	CHECK_INT(verify_problems(), 0);
}

struct payer {
	int64_t member;
	int n, ok;
};

static void *pay_many(void *arg)
{
	struct payer *p = arg;
	struct err e;
	int64_t rid;

	for (int i = 0; i < p->n; i++) {
		int r;
		do /* SQLite answers ERR_BUSY when the other writer holds the lock too long */
			r = app_fund_pay(&app, &tre, p->member, 100, "2025-10-01", "cash", NULL, &rid,
					 &e);
		while (r == ERR_BUSY);
		p->ok += r == 0;
	}
	app_db_close(&app);
	return NULL;
}

static void test_concurrent_payments(void)
{
	struct payer p[4] = { { m_b, 25, 0 }, { m_c, 25, 0 }, { m_d, 25, 0 }, { m_b, 25, 0 } };
	pthread_t t[4];
	struct receipt_list l = { NULL, 0, 0 };
	int64_t cash = account_balance(ACC_CASH);
	struct err e;

	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, pay_many, &p[i]);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < 4; i++)
		CHECK_INT(p[i].ok, 25);
	CHECK_INT(account_balance(ACC_CASH), cash + 100 * 100);
	/* Receipt numbers stay unique and without gaps. */
	CHECK(app_receipt_list(&app, &tre, fund_id, 0, 500, 0, &l, &e) == 0);
	for (size_t i = 1; i < l.n; i++)
		CHECK_INT(l.items[i - 1].receipt_no, l.items[i].receipt_no + 1);
	CHECK_INT(l.items[l.n - 1].receipt_no, 1);
	receipt_list_release(&l);
	CHECK_INT(verify_problems(), 0);
}

static void test_transfer_and_rollup(void)
{
	struct fund_in in;
	struct fund_rollup r;
	struct member m;
	struct err e;
	int64_t other, nid;

	memset(&in, 0, sizeof(in));
	in.area = "500102";
	in.name = "กองทุนสวัสดิการชุมชนตำบลช้างม่อย";
	in.founded_on = "2016-01-01";
	CHECK(app_fund_add(&app, &sys, &in, &other, &e) == 0);
	CHECK(app_member_transfer(&app, &tre, m_d, other, "2025-10-02", &nid, &e) ==
	      ERR_FORBIDDEN); /* the other tambon is outside the treasurer's scope */
	CHECK(app_member_transfer(&app, &sys, m_d, other, "2025-10-02", &nid, &e) == 0);
	CHECK(app_member_get(&app, &sys, nid, (struct date){ 0, 0, 0 }, &m, NULL, &e) == 0);
	CHECK_INT(m.seniority_from.y, 2015);
	CHECK_INT(m.transferred_from, m_d);
	CHECK(app_member_get(&app, &sys, m_d, (struct date){ 0, 0, 0 }, &m, NULL, &e) == 0);
	CHECK_STR(m.status, "transferred");

	CHECK(app_fund_rollup(&app, &sys, "TH", 2025, &r, &e) == 0);
	CHECK_INT(r.n, 1);
	CHECK_STR(r.rows[0].area, "50");
	CHECK_INT(r.total.funds, 2);
	CHECK_INT(r.total.members, 4); /* b, c, e here; d moved next door; a died */
	CHECK_INT(r.total.benefits, 50000 + 40000);
	CHECK_INT(r.total.helped_members, 2);
	fund_rollup_release(&r);
	CHECK(app_fund_rollup(&app, &sys, "5001", 2025, &r, &e) == 0);
	CHECK_INT(r.n, 2);
	CHECK_STR(r.rows[0].area, "500101");
	CHECK_INT(r.rows[0].members, 3);
	CHECK_INT(r.rows[1].members, 1);
	fund_rollup_release(&r);
	CHECK(app_fund_rollup(&app, &sys, "north", 2025, &r, &e) == 0);
	CHECK_INT(r.n, 1);
	CHECK_STR(r.rows[0].area, "50");
	CHECK_INT(r.total.funds, 2);
	fund_rollup_release(&r);
	CHECK(app_fund_rollup(&app, &sys, "south", 2025, &r, &e) == 0);
	CHECK_INT(r.total.funds, 0);
	fund_rollup_release(&r);
	CHECK(app_fund_rollup_regions(&app, &sys, 2025, &r, &e) == 0);
	CHECK_INT(r.n, 1);
	CHECK_STR(r.rows[0].area, "north");
	CHECK_STR(r.rows[0].name_en, "North");
	CHECK_INT(r.total.members, 4);
	fund_rollup_release(&r);
	CHECK(app_fund_rollup(&app, &sys, "nowhere", 2025, &r, &e) == ERR_INVALID);
	CHECK(app_fund_rollup(&app, &py, "north", 2025, &r, &e) == ERR_FORBIDDEN);
	CHECK(app_fund_rollup(&app, &py, "TH", 2025, &r, &e) == ERR_FORBIDDEN);
	CHECK(app_fund_rollup(&app, &py, "50", 2025, &r, &e) == ERR_FORBIDDEN);
	CHECK_INT(verify_problems(), 0);
}

static void test_faults(void)
{
	struct db *db;
	struct member m;
	struct err e;
	int64_t rid, cash;

	db = app_db(&app, &e);
	/* Every failure point of a payment leaves the books as they were. */
	for (long n = 1; n < 60; n++) {
		cash = account_balance(ACC_CASH);
		db_fail_after(db, n);
		int r = app_fund_pay(&app, &tre, m_c, 700, "2025-10-03", "cash", NULL, &rid, &e);
		db_fail_after(db, 0);
		if (r == 0) {
			CHECK_INT(account_balance(ACC_CASH), cash + 700);
			break;
		}
		CHECK_INT(account_balance(ACC_CASH), cash);
		CHECK_INT(rid, 0);
	}
	CHECK(app_member_get(&app, &tre, m_c, (struct date){ 0, 0, 0 }, &m, NULL, &e) == 0);
	CHECK_INT(m.paid_total, 73100 + 2500 + 700);
	CHECK_INT(verify_problems(), 0);
}

/* A seeded year of activity in three new funds — hundreds of receipts,
 * claims paid and refused, matching money, expenses — leaves every fund's
 * books balanced and matching their records, and each trial balance even. */
static void test_random_year_balances(void)
{
	static const char *const provinces[] = { "50" };
	struct gen_opts g = { 99, provinces, 1, 0, 45, true };
	struct fund_gen_opts o = { 5, provinces, 1, 3, 30, 2025, 12 };
	struct fund_gen_report rep;
	struct gen_report grep_;
	struct fund_list fl = { NULL, 0, 0 };
	struct err e;

	REQUIRE(app_gen(&app, &sys, &g, &grep_, &e) == 0);
	REQUIRE(app_gen_funds(&app, &sys, &o, &rep, &e) == 0);
	CHECK_INT(rep.funds, 3);
	CHECK(rep.receipts > 300);
	CHECK(rep.claims > 0);
	CHECK_INT(verify_problems(), 0);
	CHECK(app_fund_list(&app, &sys, "50", &fl, &e) == 0);
	for (size_t i = 0; i < fl.n; i++) {
		struct account_list al = { NULL, 0, 0 };
		int64_t dr = 0, cr = 0;
		CHECK(app_ledger_balances(&app, &sys, fl.items[i].id, (struct date){ 0, 0, 0 },
					  (struct date){ 0, 0, 0 }, &al, &e) == 0);
		for (size_t k = 0; k < al.n; k++) {
			dr += al.items[k].debit;
			cr += al.items[k].credit;
			CHECK(al.items[k].code[0] != '1' || strcmp(al.items[k].code, "1101") ||
			      al.items[k].balance >= 0); /* cash never goes below zero */
		}
		CHECK_INT(dr, cr);
		account_list_release(&al);
	}
	fund_list_release(&fl);
}

static void test_verify_notices_tampering(void)
{
	struct db *db;
	struct err e;

	db = app_db(&app, &e);
	REQUIRE(db_exec(db, "UPDATE journal_line SET debit = debit + 1 WHERE id = "
			    "(SELECT MIN(id) FROM journal_line WHERE debit > 0)",
			&e) == 0);
	CHECK(verify_problems() >= 2); /* the entry no longer balances, nor does the account */
	REQUIRE(db_exec(db, "UPDATE journal_line SET debit = debit - 1 WHERE id = "
			    "(SELECT MIN(id) FROM journal_line WHERE debit > 0)",
			&e) == 0);
	CHECK_INT(verify_problems(), 0);
	REQUIRE(db_exec(db, "UPDATE receipt SET total = total + 100 WHERE id = 1", &e) == 0);
	CHECK(verify_problems() >= 1);
}

int main(int argc, char **argv)
{
	setup(argc > 1 ? argv[1] : NULL);
	RUN(test_fund_and_access);
	RUN(test_members_and_fee);
	RUN(test_standing);
	RUN(test_collection_sheet);
	RUN(test_waiting_period);
	RUN(test_hospital_caps);
	RUN(test_reject_and_resubmit);
	RUN(test_death_steps_and_hook);
	RUN(test_void_receipt);
	RUN(test_income_expense_admin);
	RUN(test_closed_period);
	RUN(test_concurrent_payments);
	RUN(test_transfer_and_rollup);
	RUN(test_faults);
	RUN(test_random_year_balances);
	RUN(test_verify_notices_tampering);
	app_release(&app);
	if (!on_pg)
		unlink(path);
	return test_summary(on_pg ? "fund_app-postgres" : "fund_app");
}
