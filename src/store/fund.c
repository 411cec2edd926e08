/*
 * SQL for community welfare funds: funds, branches, committees, bank
 * accounts, statutes, members, receipts, contributions, claims, pledges,
 * income, expenses, yearly totals and idempotency keys. No rules here:
 * what may be written is app/fund.c's business.
 */
#include <assert.h>

#include "store/fund.h"
#include "core/person.h"

DEFINE_LIST(fund_list, fund)
DEFINE_LIST(fund_branch_list, fund_branch)
DEFINE_LIST(committee_list, committee_member)
DEFINE_LIST(bank_account_list, bank_account)
DEFINE_LIST(member_list, member)
DEFINE_LIST(member_event_list, member_event)
DEFINE_LIST(receipt_list, receipt)
DEFINE_LIST(claim_step_list, claim_step)
DEFINE_LIST(pledge_list, pledge)
DEFINE_LIST(account_list, account)
DEFINE_LIST(entry_list, entry)
DEFINE_LIST(cashbook_list, cashbook_line)

void statute_list_release(struct statute_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].rules);
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

struct statute_row *statute_list_push(struct statute_list *l)
{
	ALLOC_GROW(l->items, l->n + 1, l->cap);
	memset(&l->items[l->n], 0, sizeof(l->items[0]));
	return &l->items[l->n++];
}

void claim_release(struct claim *c)
{
	free(c->calc);
	c->calc = NULL;
}

void claim_list_release(struct claim_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		claim_release(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

struct claim *claim_list_push(struct claim_list *l)
{
	ALLOC_GROW(l->items, l->n + 1, l->cap);
	memset(&l->items[l->n], 0, sizeof(l->items[0]));
	return &l->items[l->n++];
}

/* Prepares sql; on failure returns the error with st NULL. */
#define PREP(sql)                                   \
	do {                                        \
		r = db_prepare(db, (sql), &st, e);  \
		if (r)                              \
			return r;                   \
	} while (0)

static int not_found(struct err *e, const char *th, const char *en, int64_t id)
{
	return err_set(e, ERR_NOT_FOUND, NULL, "ไม่พบ%s%.0s หมายเลข %lld", "%.0s%s %lld not found", th, en,
		       (long long)id);
}

/* ---- funds ---- */

#define FUND_COLS                                                                          \
	"f.id, f.area, f.province, f.name, f.reg_no, f.founded_on, f.juristic, f.juristic_no, " \
	"f.address, f.phone, COALESCE(b.closed_through, ''), f.members_active, "                \
	"COALESCE(a.name_th, ''), f.book_id"
#define FUND_FROM "FROM fund f JOIN ledger_book b ON b.id = f.book_id LEFT JOIN area a ON a.code = f.area "

static void read_fund(struct db_stmt *st, void *item)
{
	struct fund *f = item;

	memset(f, 0, sizeof(*f));
	f->id = db_column_int64(st, 0);
	db_column_copy(st, 1, f->area, sizeof(f->area));
	db_column_copy(st, 2, f->province, sizeof(f->province));
	db_column_copy(st, 3, f->name, sizeof(f->name));
	db_column_copy(st, 4, f->reg_no, sizeof(f->reg_no));
	db_column_date(st, 5, &f->founded_on);
	f->juristic = db_column_int64(st, 6) != 0;
	db_column_copy(st, 7, f->juristic_no, sizeof(f->juristic_no));
	db_column_copy(st, 8, f->address, sizeof(f->address));
	db_column_copy(st, 9, f->phone, sizeof(f->phone));
	db_column_date(st, 10, &f->closed_through);
	f->members_active = db_column_int64(st, 11);
	db_column_copy(st, 12, f->area_name, sizeof(f->area_name));
	f->book_id = db_column_int64(st, 13);
}

int fund_insert(struct db *db, const struct fund *f, const char *now, int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO fund (area, province, name, reg_no, founded_on, juristic, juristic_no, "
	     "address, phone, created_at, updated_at, book_id) "
	     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	db_bind_text(st, 1, f->area, -1);
	db_bind_text(st, 2, f->province, -1);
	db_bind_text(st, 3, f->name, -1);
	db_bind_text(st, 4, f->reg_no, -1);
	db_bind_date(st, 5, f->founded_on);
	db_bind_int64(st, 6, f->juristic);
	db_bind_text(st, 7, f->juristic_no, -1);
	db_bind_text(st, 8, f->address, -1);
	db_bind_text(st, 9, f->phone, -1);
	db_bind_text(st, 10, now, -1);
	db_bind_text(st, 11, now, -1);
	db_bind_int64(st, 12, f->book_id);
	return db_step_id(st, id, e);
}

int fund_update(struct db *db, const struct fund *f, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE fund SET name = ?, reg_no = ?, founded_on = ?, juristic = ?, juristic_no = ?, "
	     "address = ?, phone = ?, updated_at = ? WHERE id = ?");
	db_bind_text(st, 1, f->name, -1);
	db_bind_text(st, 2, f->reg_no, -1);
	db_bind_date(st, 3, f->founded_on);
	db_bind_int64(st, 4, f->juristic);
	db_bind_text(st, 5, f->juristic_no, -1);
	db_bind_text(st, 6, f->address, -1);
	db_bind_text(st, 7, f->phone, -1);
	db_bind_text(st, 8, now, -1);
	db_bind_int64(st, 9, f->id);
	return db_step_changed(st, "กองทุน", "fund", e);
}

int fund_get(struct db *db, int64_t id, struct fund *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " FUND_COLS " " FUND_FROM "WHERE f.id = ?");
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		read_fund(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = not_found(e, "กองทุน", "fund", id);
	}
	db_finalize(st);
	return r;
}

int fund_of_book(struct db *db, int64_t book_id, int64_t *fund_id, struct err *e)
{
	struct db_stmt *st;
	int r;

	*fund_id = 0;
	PREP("SELECT id FROM fund WHERE book_id = ?");
	db_bind_int64(st, 1, book_id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		*fund_id = db_column_int64(st, 0);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, NULL, "สมุดบัญชี %lld ไม่ใช่ของกองทุน",
			    "book %lld is not a fund's", (long long)book_id);
	}
	db_finalize(st);
	return r;
}

int fund_lock(struct db *db, int64_t id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE fund SET lock_seq = lock_seq + 1 WHERE id = ?");
	db_bind_int64(st, 1, id);
	return db_step_changed(st, "กองทุน", "fund", e);
}

int fund_next_no(struct db *db, int64_t fund_id, const char *which, int64_t *no, struct err *e)
{
	static const char *const sql[] = {
		"UPDATE fund SET next_member_no = next_member_no + 1 WHERE id = ? "
		"RETURNING next_member_no - 1",
		"UPDATE fund SET next_receipt_no = next_receipt_no + 1 WHERE id = ? "
		"RETURNING next_receipt_no - 1",
		"UPDATE fund SET next_claim_no = next_claim_no + 1 WHERE id = ? "
		"RETURNING next_claim_no - 1",
	};
	static const char *const names[] = { "member", "receipt", "claim" };
	struct db_stmt *st;
	size_t k;
	int r;

	for (k = 0; k < ARRAY_SIZE(names); k++)
		if (!strcmp(which, names[k]))
			break;
	assert(k < ARRAY_SIZE(names));
	PREP(sql[k]);
	db_bind_int64(st, 1, fund_id);
	return db_step_id(st, no, e);
}

int fund_list_area(struct db *db, const char *area_prefix, struct fund_list *out, struct err *e)
{
	char lo[16], hi[16];
	struct db_stmt *st;
	int r;

	db_prefix_range(area_prefix, lo, hi);
	PREP("SELECT " FUND_COLS " " FUND_FROM
	     "WHERE f.area >= ? AND f.area < ? ORDER BY f.area, f.name, f.id");
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	return DB_STEP_LIST(st, out, read_fund, e);
}

int fund_add_members_active(struct db *db, int64_t id, int delta, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE fund SET members_active = members_active + ? WHERE id = ?");
	db_bind_int64(st, 1, delta);
	db_bind_int64(st, 2, id);
	return db_step_changed(st, "กองทุน", "fund", e);
}

/* ---- branches, committee, banks ---- */

int fund_branch_insert(struct db *db, int64_t fund_id, const char *area, const char *name,
		       const char *now, int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO fund_branch (fund_id, area, name, created_at) VALUES (?, ?, ?, ?) "
	     "RETURNING id");
	db_bind_int64(st, 1, fund_id);
	db_bind_text(st, 2, area, -1);
	db_bind_text(st, 3, name, -1);
	db_bind_text(st, 4, now, -1);
	r = db_step_id(st, id, e);
	if (r == ERR_CONFLICT)
		r = err_set(e, ERR_CONFLICT, "name", "กองทุนมีสาขาชื่อ \"%s\" แล้ว",
			    "the fund already has a branch named \"%s\"", name);
	return r;
}

#define BRANCH_SQL                                                                      \
	"SELECT b.id, b.fund_id, b.area, b.name, (SELECT COUNT(*) FROM fund_member m "   \
	"WHERE m.fund_id = b.fund_id AND m.branch_id = b.id AND m.status = 'active') "     \
	"FROM fund_branch b "

static void read_branch(struct db_stmt *st, void *item)
{
	struct fund_branch *b = item;

	b->id = db_column_int64(st, 0);
	b->fund_id = db_column_int64(st, 1);
	db_column_copy(st, 2, b->area, sizeof(b->area));
	db_column_copy(st, 3, b->name, sizeof(b->name));
	b->members = db_column_int64(st, 4);
}

int fund_branch_get(struct db *db, int64_t id, struct fund_branch *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP(BRANCH_SQL "WHERE b.id = ?");
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		memset(out, 0, sizeof(*out));
		read_branch(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = not_found(e, "สาขา", "branch", id);
	}
	db_finalize(st);
	return r;
}

int fund_branch_list(struct db *db, int64_t fund_id, struct fund_branch_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP(BRANCH_SQL "WHERE b.fund_id = ? ORDER BY b.area, b.name");
	db_bind_int64(st, 1, fund_id);
	return DB_STEP_LIST(st, out, read_branch, e);
}

int committee_insert(struct db *db, const struct committee_member *c, const char *now,
		     int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO fund_committee (fund_id, person_id, role, term_start, term_end, "
	     "elected_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
	db_bind_int64(st, 1, c->fund_id);
	db_bind_int64(st, 2, c->person_id);
	db_bind_text(st, 3, c->role, -1);
	db_bind_date(st, 4, c->term_start);
	db_bind_date(st, 5, c->term_end);
	db_bind_date(st, 6, c->elected_on);
	db_bind_text(st, 7, now, -1);
	return db_step_id(st, id, e);
}

static void read_committee_member(struct db_stmt *st, void *item)
{
	struct committee_member *c = item;

	c->id = db_column_int64(st, 0);
	c->fund_id = db_column_int64(st, 1);
	c->person_id = db_column_int64(st, 2);
	db_column_copy(st, 3, c->role, sizeof(c->role));
	db_column_date(st, 4, &c->term_start);
	db_column_date(st, 5, &c->term_end);
	db_column_date(st, 6, &c->elected_on);
	db_column_copy(st, 7, c->name, sizeof(c->name));
}

int committee_list_fund(struct db *db, int64_t fund_id, struct date asof,
			struct committee_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT c.id, c.fund_id, c.person_id, c.role, c.term_start, c.term_end, "
	     "COALESCE(c.elected_on, ''), p.title || p.given_name || ' ' || p.family_name "
	     "FROM fund_committee c JOIN person p ON p.id = c.person_id WHERE c.fund_id = ? "
	     "AND (CAST(? AS TEXT) IS NULL OR (c.term_start <= ? AND c.term_end >= ?)) "
	     "ORDER BY CASE c.role WHEN 'chair' THEN 1 WHEN 'vice_chair' THEN 2 "
	     "WHEN 'treasurer' THEN 3 WHEN 'secretary' THEN 4 WHEN 'auditor' THEN 5 ELSE 6 END, "
	     "c.term_start DESC, c.id");
	db_bind_int64(st, 1, fund_id);
	db_bind_date(st, 2, asof);
	db_bind_date(st, 3, asof);
	db_bind_date(st, 4, asof);
	return DB_STEP_LIST(st, out, read_committee_member, e);
}

int bank_insert(struct db *db, const struct bank_account *b, const char *now, int64_t *id,
		struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO fund_bank_account (fund_id, bank, branch, account_no, account_name, "
	     "ledger_account_id, opened_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
	     "RETURNING id");
	db_bind_int64(st, 1, b->fund_id);
	db_bind_text(st, 2, b->bank, -1);
	db_bind_text(st, 3, b->branch, -1);
	db_bind_text(st, 4, b->account_no, -1);
	db_bind_text(st, 5, b->account_name, -1);
	db_bind_int64(st, 6, b->ledger_account_id);
	db_bind_date(st, 7, b->opened_on);
	db_bind_text(st, 8, now, -1);
	r = db_step_id(st, id, e);
	if (r == ERR_CONFLICT)
		r = err_set(e, ERR_CONFLICT, "account_no", "กองทุนมีบัญชีเลขที่ %s แล้ว",
			    "the fund already has account number %s", b->account_no);
	return r;
}

static void read_bank_account(struct db_stmt *st, void *item)
{
	struct bank_account *b = item;

	b->id = db_column_int64(st, 0);
	b->fund_id = db_column_int64(st, 1);
	b->ledger_account_id = db_column_int64(st, 2);
	db_column_copy(st, 3, b->bank, sizeof(b->bank));
	db_column_copy(st, 4, b->branch, sizeof(b->branch));
	db_column_copy(st, 5, b->account_no, sizeof(b->account_no));
	db_column_copy(st, 6, b->account_name, sizeof(b->account_name));
	db_column_date(st, 7, &b->opened_on);
	db_column_date(st, 8, &b->closed_on);
	b->balance = db_column_int64(st, 9);
}

int bank_list(struct db *db, int64_t fund_id, struct bank_account_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT b.id, b.fund_id, b.ledger_account_id, b.bank, b.branch, b.account_no, "
	     "b.account_name, b.opened_on, COALESCE(b.closed_on, ''), l.balance "
	     "FROM fund_bank_account b JOIN ledger_account l ON l.id = b.ledger_account_id "
	     "WHERE b.fund_id = ? ORDER BY b.id");
	db_bind_int64(st, 1, fund_id);
	return DB_STEP_LIST(st, out, read_bank_account, e);
}

/* ---- statutes ---- */

int statute_insert(struct db *db, int64_t fund_id, struct date effective, const char *rules,
		   struct date approved_on, const char *note, const char *by, const char *now,
		   int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO fund_statute (fund_id, effective_from, rules, approved_on, note, "
	     "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
	db_bind_int64(st, 1, fund_id);
	db_bind_date(st, 2, effective);
	db_bind_text(st, 3, rules, -1);
	db_bind_date(st, 4, approved_on);
	db_bind_text(st, 5, note, -1);
	db_bind_text(st, 6, by, -1);
	db_bind_text(st, 7, now, -1);
	r = db_step_id(st, id, e);
	if (r == ERR_CONFLICT)
		r = err_set(e, ERR_CONFLICT, "effective_from",
			    "มีข้อบังคับที่มีผลในวันนั้นแล้ว%s",
			    "a statute version already takes effect on that date%s", "");
	return r;
}

int statute_list_fund(struct db *db, int64_t fund_id, struct statute_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT id, fund_id, effective_from, COALESCE(approved_on, ''), note, rules, "
	     "created_by FROM fund_statute WHERE fund_id = ? ORDER BY effective_from");
	db_bind_int64(st, 1, fund_id);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct statute_row *s = statute_list_push(out);
		s->id = db_column_int64(st, 0);
		s->fund_id = db_column_int64(st, 1);
		db_column_date(st, 2, &s->effective_from);
		db_column_date(st, 3, &s->approved_on);
		db_column_copy(st, 4, s->note, sizeof(s->note));
		s->rules = xstrdup(db_column_text(st, 5));
		db_column_copy(st, 6, s->created_by, sizeof(s->created_by));
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

int statute_load(struct db *db, int64_t fund_id, struct statute_version **v, int64_t **ids,
		 size_t *n, struct err *e)
{
	struct statute_list l = { NULL, 0, 0 };
	struct statute_version *out = NULL;
	int64_t *oid = NULL;
	int r;

	*v = NULL;
	*n = 0;
	if (ids)
		*ids = NULL;
	if ((r = statute_list_fund(db, fund_id, &l, e)))
		goto done;
	out = xcalloc(l.n ? l.n : 1, sizeof(*out));
	oid = xcalloc(l.n ? l.n : 1, sizeof(*oid));
	for (size_t i = 0; i < l.n; i++) {
		out[i].effective = l.items[i].effective_from;
		oid[i] = l.items[i].id;
		if ((r = fund_statute_parse(l.items[i].rules, strlen(l.items[i].rules), &out[i].s,
					    e))) {
			err_prefix(e, "ข้อบังคับที่บันทึกไว้เสียหาย: ", "stored statute is damaged: ");
			free(out);
			free(oid);
			goto done;
		}
	}
	*v = out;
	*n = l.n;
	if (ids)
		*ids = oid;
	else
		free(oid);
done:
	statute_list_release(&l);
	return r;
}

/* ---- members ---- */

#define MEMBER_COLS                                                                          \
	"m.id, m.fund_id, m.person_id, m.member_no, COALESCE(m.branch_id, 0), m.joined_on, "  \
	"m.seniority_from, COALESCE(m.ended_on, ''), m.joining_fee, m.paid_total, "          \
	"m.beneficiary_name, m.beneficiary_relation, COALESCE(m.beneficiary_person_id, 0), " \
	"m.status, m.end_reason, COALESCE(m.transferred_from, 0), "                         \
	"COALESCE(m.transferred_to, 0), p.title || p.given_name || ' ' || p.family_name, "   \
	"COALESCE(p.national_id, ''), p.area, COALESCE(p.birth_date, ''), "                  \
	"COALESCE(p.death_date, '') "

static void read_member(struct db_stmt *st, void *item)
{
	struct member *m = item;

	m->id = db_column_int64(st, 0);
	m->fund_id = db_column_int64(st, 1);
	m->person_id = db_column_int64(st, 2);
	m->member_no = db_column_int64(st, 3);
	m->branch_id = db_column_int64(st, 4);
	db_column_date(st, 5, &m->joined_on);
	db_column_date(st, 6, &m->seniority_from);
	db_column_date(st, 7, &m->ended_on);
	m->joining_fee = db_column_int64(st, 8);
	m->paid_total = db_column_int64(st, 9);
	db_column_copy(st, 10, m->beneficiary_name, sizeof(m->beneficiary_name));
	db_column_copy(st, 11, m->beneficiary_relation, sizeof(m->beneficiary_relation));
	m->beneficiary_person_id = db_column_int64(st, 12);
	db_column_copy(st, 13, m->status, sizeof(m->status));
	db_column_copy(st, 14, m->end_reason, sizeof(m->end_reason));
	m->transferred_from = db_column_int64(st, 15);
	m->transferred_to = db_column_int64(st, 16);
	db_column_copy(st, 17, m->name, sizeof(m->name));
	db_column_copy(st, 18, m->national_id, sizeof(m->national_id));
	db_column_copy(st, 19, m->area, sizeof(m->area));
	db_column_date(st, 20, &m->birth);
	db_column_date(st, 21, &m->death);
}

int member_insert(struct db *db, const struct member *m, const char *now, int64_t *id,
		  struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO fund_member (fund_id, person_id, member_no, branch_id, joined_on, "
	     "seniority_from, joining_fee, beneficiary_name, beneficiary_person_id, "
	     "beneficiary_relation, status, transferred_from, created_at, updated_at) "
	     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?) RETURNING id");
	db_bind_int64(st, 1, m->fund_id);
	db_bind_int64(st, 2, m->person_id);
	db_bind_int64(st, 3, m->member_no);
	if (m->branch_id)
		db_bind_int64(st, 4, m->branch_id);
	else
		db_bind_null(st, 4);
	db_bind_date(st, 5, m->joined_on);
	db_bind_date(st, 6, m->seniority_from);
	db_bind_int64(st, 7, m->joining_fee);
	db_bind_text(st, 8, m->beneficiary_name, -1);
	if (m->beneficiary_person_id)
		db_bind_int64(st, 9, m->beneficiary_person_id);
	else
		db_bind_null(st, 9);
	db_bind_text(st, 10, m->beneficiary_relation, -1);
	if (m->transferred_from)
		db_bind_int64(st, 11, m->transferred_from);
	else
		db_bind_null(st, 11);
	db_bind_text(st, 12, now, -1);
	db_bind_text(st, 13, now, -1);
	return db_step_id(st, id, e);
}

int member_get(struct db *db, int64_t id, struct member *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " MEMBER_COLS "FROM fund_member m JOIN person p ON p.id = m.person_id "
	     "WHERE m.id = ?");
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		memset(out, 0, sizeof(*out));
		read_member(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = not_found(e, "สมาชิก", "member", id);
	}
	db_finalize(st);
	return r;
}

int member_active_of_person(struct db *db, int64_t person_id, int64_t *member_id, struct err *e)
{
	struct db_stmt *st;
	int r;

	*member_id = 0;
	PREP("SELECT id FROM fund_member WHERE person_id = ? AND status = 'active' LIMIT 1");
	db_bind_int64(st, 1, person_id);
	r = db_step(st, e);
	if (r == DB_ROW)
		*member_id = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int member_set_status(struct db *db, int64_t id, const char *status, struct date ended_on,
		      const char *reason, int64_t transferred_to, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE fund_member SET status = ?, ended_on = ?, end_reason = ?, "
	     "transferred_to = ?, updated_at = ? WHERE id = ?");
	db_bind_text(st, 1, status, -1);
	db_bind_date(st, 2, ended_on);
	db_bind_text(st, 3, reason, -1);
	if (transferred_to)
		db_bind_int64(st, 4, transferred_to);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, now, -1);
	db_bind_int64(st, 6, id);
	return db_step_changed(st, "สมาชิก", "member", e);
}

int member_add_paid(struct db *db, int64_t id, int64_t amount, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE fund_member SET paid_total = paid_total + ? WHERE id = ?");
	db_bind_int64(st, 1, amount);
	db_bind_int64(st, 2, id);
	return db_step_changed(st, "สมาชิก", "member", e);
}

int member_list_fund(struct db *db, int64_t fund_id, const char *status, int64_t branch_id,
		     int limit, int64_t offset, struct member_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " MEMBER_COLS "FROM fund_member m JOIN person p ON p.id = m.person_id "
	     "WHERE m.fund_id = ? AND (? = '' OR m.status = ?) AND (? = 0 OR m.branch_id = ?) "
	     "ORDER BY m.member_no LIMIT ? OFFSET ?");
	db_bind_int64(st, 1, fund_id);
	db_bind_text(st, 2, status ? status : "", -1);
	db_bind_text(st, 3, status ? status : "", -1);
	db_bind_int64(st, 4, branch_id);
	db_bind_int64(st, 5, branch_id);
	db_bind_int64(st, 6, limit);
	db_bind_int64(st, 7, offset);
	return DB_STEP_LIST(st, out, read_member, e);
}

int member_event_insert(struct db *db, int64_t member_id, const char *status, struct date on,
			const char *note, const char *by, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO fund_member_event (member_id, status, on_date, note, created_by, "
	     "created_at) VALUES (?, ?, ?, ?, ?, ?)");
	db_bind_int64(st, 1, member_id);
	db_bind_text(st, 2, status, -1);
	db_bind_date(st, 3, on);
	db_bind_text(st, 4, note, -1);
	db_bind_text(st, 5, by, -1);
	db_bind_text(st, 6, now, -1);
	return db_step_done(st, e);
}

static void read_member_event(struct db_stmt *st, void *item)
{
	struct member_event *v = item;

	v->id = db_column_int64(st, 0);
	v->member_id = db_column_int64(st, 1);
	db_column_copy(st, 2, v->status, sizeof(v->status));
	db_column_date(st, 3, &v->on_date);
	db_column_copy(st, 4, v->note, sizeof(v->note));
	db_column_copy(st, 5, v->created_by, sizeof(v->created_by));
}

int member_event_list_of(struct db *db, int64_t member_id, struct member_event_list *out,
			 struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT id, member_id, status, on_date, note, created_by FROM fund_member_event "
	     "WHERE member_id = ? ORDER BY id");
	db_bind_int64(st, 1, member_id);
	return DB_STEP_LIST(st, out, read_member_event, e);
}

/* ---- receipts and contributions ---- */

int receipt_insert(struct db *db, const struct receipt *rc, const char *now, int64_t *id,
		   struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO receipt (fund_id, receipt_no, issued_on, member_id, payer_name, total, "
	     "method, entry_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	     "RETURNING id");
	db_bind_int64(st, 1, rc->fund_id);
	db_bind_int64(st, 2, rc->receipt_no);
	db_bind_date(st, 3, rc->issued_on);
	if (rc->member_id)
		db_bind_int64(st, 4, rc->member_id);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, rc->payer_name, -1);
	db_bind_int64(st, 6, rc->total);
	db_bind_text(st, 7, rc->method, -1);
	db_bind_int64(st, 8, rc->entry_id);
	db_bind_text(st, 9, rc->created_by, -1);
	db_bind_text(st, 10, now, -1);
	return db_step_id(st, id, e);
}

#define RECEIPT_SQL                                                                            \
	"SELECT r.id, r.fund_id, r.receipt_no, COALESCE(r.member_id, 0), "                     \
	"COALESCE(m.member_no, 0), r.total, r.entry_id, r.issued_on, COALESCE(r.voided_on, ''), " \
	"r.payer_name, r.method, r.void_reason, r.created_by, "                                \
	"(SELECT COALESCE(SUM(c.amount), 0) FROM contribution c WHERE c.receipt_id = r.id "    \
	"AND c.kind = 'joining_fee' AND c.amount > 0), "                                       \
	"(SELECT COALESCE(SUM(c.amount), 0) FROM contribution c WHERE c.receipt_id = r.id "    \
	"AND c.kind = 'contribution' AND c.amount > 0), f.name "                               \
	"FROM receipt r JOIN fund f ON f.id = r.fund_id "                                      \
	"LEFT JOIN fund_member m ON m.id = r.member_id "

static void read_receipt(struct db_stmt *st, void *item)
{
	struct receipt *rc = item;

	rc->id = db_column_int64(st, 0);
	rc->fund_id = db_column_int64(st, 1);
	rc->receipt_no = db_column_int64(st, 2);
	rc->member_id = db_column_int64(st, 3);
	rc->member_no = db_column_int64(st, 4);
	rc->total = db_column_int64(st, 5);
	rc->entry_id = db_column_int64(st, 6);
	db_column_date(st, 7, &rc->issued_on);
	db_column_date(st, 8, &rc->voided_on);
	db_column_copy(st, 9, rc->payer_name, sizeof(rc->payer_name));
	db_column_copy(st, 10, rc->method, sizeof(rc->method));
	db_column_copy(st, 11, rc->void_reason, sizeof(rc->void_reason));
	db_column_copy(st, 12, rc->created_by, sizeof(rc->created_by));
	rc->fee = db_column_int64(st, 13);
	rc->contribution = db_column_int64(st, 14);
	db_column_copy(st, 15, rc->fund_name, sizeof(rc->fund_name));
}

int receipt_get(struct db *db, int64_t id, struct receipt *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP(RECEIPT_SQL "WHERE r.id = ?");
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		memset(out, 0, sizeof(*out));
		read_receipt(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = not_found(e, "ใบเสร็จ", "receipt", id);
	}
	db_finalize(st);
	return r;
}

int receipt_list_of(struct db *db, int64_t fund_id, int64_t member_id, int limit, int64_t offset,
		    struct receipt_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP(RECEIPT_SQL "WHERE r.fund_id = ? AND (? = 0 OR r.member_id = ?) "
			 "ORDER BY r.receipt_no DESC LIMIT ? OFFSET ?");
	db_bind_int64(st, 1, fund_id);
	db_bind_int64(st, 2, member_id);
	db_bind_int64(st, 3, member_id);
	db_bind_int64(st, 4, limit);
	db_bind_int64(st, 5, offset);
	return DB_STEP_LIST(st, out, read_receipt, e);
}

int receipt_set_void(struct db *db, int64_t id, struct date on, const char *reason,
		     struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE receipt SET voided_on = ?, void_reason = ? WHERE id = ? AND voided_on IS NULL");
	db_bind_date(st, 1, on);
	db_bind_text(st, 2, reason, -1);
	db_bind_int64(st, 3, id);
	return db_step_changed(st, "ใบเสร็จที่ยังไม่ถูกยกเลิก", "unvoided receipt", e);
}

int contribution_insert(struct db *db, int64_t fund_id, int64_t member_id, int64_t receipt_id,
			const char *kind, int64_t amount, struct date paid_on, const char *now,
			struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO contribution (fund_id, member_id, receipt_id, kind, amount, paid_on, "
	     "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
	db_bind_int64(st, 1, fund_id);
	db_bind_int64(st, 2, member_id);
	db_bind_int64(st, 3, receipt_id);
	db_bind_text(st, 4, kind, -1);
	db_bind_int64(st, 5, amount);
	db_bind_date(st, 6, paid_on);
	db_bind_text(st, 7, now, -1);
	return db_step_done(st, e);
}

int contribution_sum(struct db *db, int64_t fund_id, struct date from, struct date to,
		     int64_t *sum, struct err *e)
{
	struct db_stmt *st;
	int r;

	*sum = 0;
	PREP("SELECT COALESCE(SUM(amount), 0) FROM contribution WHERE fund_id = ? "
	     "AND kind = 'contribution' AND paid_on >= ? AND paid_on <= ?");
	db_bind_int64(st, 1, fund_id);
	db_bind_date(st, 2, from);
	db_bind_date(st, 3, to);
	r = db_step(st, e);
	if (r == DB_ROW)
		*sum = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

/* ---- claims ---- */

int claim_insert(struct db *db, const struct claim *c, const char *now, int64_t *id,
		 struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO claim (fund_id, claim_no, member_id, person_id, benefit, event_date, "
	     "units, note, statute_id, amount, calc, status, resubmits, created_by, created_at, "
	     "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	db_bind_int64(st, 1, c->fund_id);
	db_bind_int64(st, 2, c->claim_no);
	if (c->member_id)
		db_bind_int64(st, 3, c->member_id);
	else
		db_bind_null(st, 3);
	db_bind_int64(st, 4, c->person_id);
	db_bind_text(st, 5, c->benefit, -1);
	db_bind_date(st, 6, c->event_date);
	db_bind_int64(st, 7, c->units);
	db_bind_text(st, 8, c->note, -1);
	db_bind_int64(st, 9, c->statute_id);
	db_bind_int64(st, 10, c->amount);
	db_bind_text(st, 11, c->calc ? c->calc : "[]", -1);
	db_bind_text(st, 12, c->status, -1);
	if (c->resubmits)
		db_bind_int64(st, 13, c->resubmits);
	else
		db_bind_null(st, 13);
	db_bind_text(st, 14, c->created_by, -1);
	db_bind_text(st, 15, now, -1);
	db_bind_text(st, 16, now, -1);
	return db_step_id(st, id, e);
}

#define CLAIM_SQL                                                                               \
	"SELECT c.id, c.fund_id, c.claim_no, COALESCE(c.member_id, 0), c.person_id, c.statute_id, " \
	"c.amount, COALESCE(c.resubmits, 0), COALESCE(c.approve_entry_id, 0), "                  \
	"COALESCE(c.pay_entry_id, 0), c.units, COALESCE(m.member_no, 0), c.benefit, c.status, "  \
	"c.event_date, COALESCE(c.paid_on, ''), c.note, c.decision_note, c.calc, "               \
	"p.title || p.given_name || ' ' || p.family_name, c.created_at "                        \
	"FROM claim c JOIN person p ON p.id = c.person_id "                                    \
	"LEFT JOIN fund_member m ON m.id = c.member_id "

static void read_claim(struct db_stmt *st, void *item)
{
	struct claim *c = item;

	c->id = db_column_int64(st, 0);
	c->fund_id = db_column_int64(st, 1);
	c->claim_no = db_column_int64(st, 2);
	c->member_id = db_column_int64(st, 3);
	c->person_id = db_column_int64(st, 4);
	c->statute_id = db_column_int64(st, 5);
	c->amount = db_column_int64(st, 6);
	c->resubmits = db_column_int64(st, 7);
	c->approve_entry_id = db_column_int64(st, 8);
	c->pay_entry_id = db_column_int64(st, 9);
	c->units = db_column_int64(st, 10);
	c->member_no = db_column_int64(st, 11);
	db_column_copy(st, 12, c->benefit, sizeof(c->benefit));
	db_column_copy(st, 13, c->status, sizeof(c->status));
	db_column_date(st, 14, &c->event_date);
	db_column_date(st, 15, &c->paid_on);
	db_column_copy(st, 16, c->note, sizeof(c->note));
	db_column_copy(st, 17, c->decision_note, sizeof(c->decision_note));
	c->calc = xstrdup(db_column_text(st, 18));
	db_column_copy(st, 19, c->name, sizeof(c->name));
	db_column_copy(st, 20, c->created_at, sizeof(c->created_at));
}

int claim_get(struct db *db, int64_t id, struct claim *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	PREP(CLAIM_SQL "WHERE c.id = ?");
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		read_claim(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = not_found(e, "คำขอรับสวัสดิการ", "claim", id);
	}
	db_finalize(st);
	return r;
}

int claim_update(struct db *db, const struct claim *c, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE claim SET status = ?, amount = ?, calc = ?, decision_note = ?, "
	     "approve_entry_id = ?, pay_entry_id = ?, paid_on = ?, updated_at = ? WHERE id = ?");
	db_bind_text(st, 1, c->status, -1);
	db_bind_int64(st, 2, c->amount);
	db_bind_text(st, 3, c->calc ? c->calc : "[]", -1);
	db_bind_text(st, 4, c->decision_note, -1);
	if (c->approve_entry_id)
		db_bind_int64(st, 5, c->approve_entry_id);
	else
		db_bind_null(st, 5);
	if (c->pay_entry_id)
		db_bind_int64(st, 6, c->pay_entry_id);
	else
		db_bind_null(st, 6);
	db_bind_date(st, 7, c->paid_on);
	db_bind_text(st, 8, now, -1);
	db_bind_int64(st, 9, c->id);
	return db_step_changed(st, "คำขอรับสวัสดิการ", "claim", e);
}

int claim_list_fund(struct db *db, int64_t fund_id, const char *status, int limit,
		    int64_t offset, struct claim_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP(CLAIM_SQL "WHERE c.fund_id = ? AND (? = '' OR c.status = ?) "
		       "ORDER BY c.claim_no DESC LIMIT ? OFFSET ?");
	db_bind_int64(st, 1, fund_id);
	db_bind_text(st, 2, status ? status : "", -1);
	db_bind_text(st, 3, status ? status : "", -1);
	db_bind_int64(st, 4, limit);
	db_bind_int64(st, 5, offset);
	return DB_STEP_LIST(st, out, read_claim, e);
}

int claim_history_of(struct db *db, int64_t fund_id, int64_t person_id, const char *benefit,
		     int64_t except_id, struct claim_history **h, size_t *n, struct err *e)
{
	struct db_stmt *st;
	size_t cap = 0;
	int r;

	*h = NULL;
	*n = 0;
	PREP("SELECT event_date, amount FROM claim WHERE fund_id = ? AND person_id = ? "
	     "AND benefit = ? AND status IN ('approved', 'paid') AND id <> ? "
	     "ORDER BY event_date, id");
	db_bind_int64(st, 1, fund_id);
	db_bind_int64(st, 2, person_id);
	db_bind_text(st, 3, benefit, -1);
	db_bind_int64(st, 4, except_id);
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(*h, *n + 1, cap);
		db_column_date(st, 0, &(*h)[*n].event);
		(*h)[*n].amount = db_column_int64(st, 1);
		(*n)++;
	}
	db_finalize(st);
	if (r < 0) {
		free(*h);
		*h = NULL;
		*n = 0;
		return r;
	}
	return 0;
}

int claim_nonmember_year(struct db *db, int64_t fund_id, int year, int64_t *sum, struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	*sum = 0;
	snprintf(lo, sizeof(lo), "%04d-01-01", year);
	snprintf(hi, sizeof(hi), "%04d-12-31", year);
	PREP("SELECT COALESCE(SUM(amount), 0) FROM claim WHERE fund_id = ? AND member_id IS NULL "
	     "AND status IN ('approved', 'paid') AND event_date >= ? AND event_date <= ?");
	db_bind_int64(st, 1, fund_id);
	db_bind_text(st, 2, lo, -1);
	db_bind_text(st, 3, hi, -1);
	r = db_step(st, e);
	if (r == DB_ROW)
		*sum = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int claim_paid_before_in_year(struct db *db, int64_t fund_id, int64_t person_id, int year,
			      int64_t except_id, bool *yes, struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	*yes = false;
	snprintf(lo, sizeof(lo), "%04d-01-01", year);
	snprintf(hi, sizeof(hi), "%04d-12-31", year);
	PREP("SELECT 1 FROM claim WHERE person_id = ? AND fund_id = ? AND status = 'paid' "
	     "AND paid_on >= ? AND paid_on <= ? AND id <> ? LIMIT 1");
	db_bind_int64(st, 1, person_id);
	db_bind_int64(st, 2, fund_id);
	db_bind_text(st, 3, lo, -1);
	db_bind_text(st, 4, hi, -1);
	db_bind_int64(st, 5, except_id);
	r = db_step(st, e);
	*yes = r == DB_ROW;
	db_finalize(st);
	return r < 0 ? r : 0;
}

int claim_step_insert(struct db *db, int64_t claim_id, const char *status, const char *note,
		      const char *actor, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO claim_step (claim_id, status, note, actor, at) VALUES (?, ?, ?, ?, ?)");
	db_bind_int64(st, 1, claim_id);
	db_bind_text(st, 2, status, -1);
	db_bind_text(st, 3, note, -1);
	db_bind_text(st, 4, actor, -1);
	db_bind_text(st, 5, now, -1);
	return db_step_done(st, e);
}

static void read_claim_step(struct db_stmt *st, void *item)
{
	struct claim_step *s = item;

	s->id = db_column_int64(st, 0);
	s->claim_id = db_column_int64(st, 1);
	db_column_copy(st, 2, s->status, sizeof(s->status));
	db_column_copy(st, 3, s->note, sizeof(s->note));
	db_column_copy(st, 4, s->actor, sizeof(s->actor));
	db_column_copy(st, 5, s->at, sizeof(s->at));
}

int claim_step_list_of(struct db *db, int64_t claim_id, struct claim_step_list *out,
		       struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT id, claim_id, status, note, actor, at FROM claim_step WHERE claim_id = ? "
	     "ORDER BY id");
	db_bind_int64(st, 1, claim_id);
	return DB_STEP_LIST(st, out, read_claim_step, e);
}

/* ---- pledges, income, expenses ---- */

int pledge_insert(struct db *db, const struct pledge *p, const char *by, const char *now,
		  int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO fund_pledge (fund_id, source, source_name, amount, pledged_on, "
	     "match_from, match_to, note, created_by, created_at) "
	     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	db_bind_int64(st, 1, p->fund_id);
	db_bind_text(st, 2, p->source, -1);
	db_bind_text(st, 3, p->source_name, -1);
	db_bind_int64(st, 4, p->amount);
	db_bind_date(st, 5, p->pledged_on);
	db_bind_date(st, 6, p->match_from);
	db_bind_date(st, 7, p->match_to);
	db_bind_text(st, 8, p->note, -1);
	db_bind_text(st, 9, by, -1);
	db_bind_text(st, 10, now, -1);
	return db_step_id(st, id, e);
}

#define PLEDGE_SQL                                                                          \
	"SELECT p.id, p.fund_id, p.amount, (SELECT COALESCE(SUM(i.amount), 0) FROM fund_income i " \
	"JOIN journal_entry j ON j.id = i.entry_id WHERE i.pledge_id = p.id "               \
	"AND j.reversed_by IS NULL), "                                                        \
	"(SELECT COALESCE(SUM(c.amount), 0) FROM contribution c WHERE c.fund_id = p.fund_id " \
	"AND c.kind = 'contribution' AND c.paid_on >= p.match_from AND c.paid_on <= p.match_to), " \
	"p.source, p.source_name, p.note, p.pledged_on, p.match_from, p.match_to "           \
	"FROM fund_pledge p "

static void read_pledge(struct db_stmt *st, void *item)
{
	struct pledge *p = item;

	p->id = db_column_int64(st, 0);
	p->fund_id = db_column_int64(st, 1);
	p->amount = db_column_int64(st, 2);
	p->received = db_column_int64(st, 3);
	p->matched_contributions = db_column_int64(st, 4);
	db_column_copy(st, 5, p->source, sizeof(p->source));
	db_column_copy(st, 6, p->source_name, sizeof(p->source_name));
	db_column_copy(st, 7, p->note, sizeof(p->note));
	db_column_date(st, 8, &p->pledged_on);
	db_column_date(st, 9, &p->match_from);
	db_column_date(st, 10, &p->match_to);
}

int pledge_get(struct db *db, int64_t id, struct pledge *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP(PLEDGE_SQL "WHERE p.id = ?");
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		memset(out, 0, sizeof(*out));
		read_pledge(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = not_found(e, "คำมั่นเงินสมทบ", "pledge", id);
	}
	db_finalize(st);
	return r;
}

int pledge_list_fund(struct db *db, int64_t fund_id, struct pledge_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP(PLEDGE_SQL "WHERE p.fund_id = ? ORDER BY p.pledged_on DESC, p.id DESC");
	db_bind_int64(st, 1, fund_id);
	return DB_STEP_LIST(st, out, read_pledge, e);
}

int income_insert(struct db *db, int64_t fund_id, const char *kind, const char *source_name,
		  int64_t pledge_id, int64_t amount, struct date on, int64_t account_id,
		  int64_t entry_id, const char *note, const char *by, const char *now, int64_t *id,
		  struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO fund_income (fund_id, kind, source_name, pledge_id, amount, received_on, "
	     "account_id, entry_id, note, created_by, created_at) "
	     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	db_bind_int64(st, 1, fund_id);
	db_bind_text(st, 2, kind, -1);
	db_bind_text(st, 3, source_name, -1);
	if (pledge_id)
		db_bind_int64(st, 4, pledge_id);
	else
		db_bind_null(st, 4);
	db_bind_int64(st, 5, amount);
	db_bind_date(st, 6, on);
	db_bind_int64(st, 7, account_id);
	db_bind_int64(st, 8, entry_id);
	db_bind_text(st, 9, note, -1);
	db_bind_text(st, 10, by, -1);
	db_bind_text(st, 11, now, -1);
	return db_step_id(st, id, e);
}

int expense_insert(struct db *db, int64_t fund_id, const char *kind, const char *description,
		   int64_t amount, struct date on, int64_t from_account, int64_t to_account,
		   int64_t entry_id, const char *by, const char *now, int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO fund_expense (fund_id, kind, description, amount, paid_on, "
	     "from_account_id, to_account_id, entry_id, created_by, created_at) "
	     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	db_bind_int64(st, 1, fund_id);
	db_bind_text(st, 2, kind, -1);
	db_bind_text(st, 3, description, -1);
	db_bind_int64(st, 4, amount);
	db_bind_date(st, 5, on);
	db_bind_int64(st, 6, from_account);
	if (to_account)
		db_bind_int64(st, 7, to_account);
	else
		db_bind_null(st, 7);
	db_bind_int64(st, 8, entry_id);
	db_bind_text(st, 9, by, -1);
	db_bind_text(st, 10, now, -1);
	return db_step_id(st, id, e);
}

/* ---- yearly totals ---- */

int fund_year_add(struct db *db, int64_t fund_id, const char *area, int year, const char *column,
		  int64_t delta, struct err *e)
{
	static const char *const cols[] = {
		"contributions", "matching", "donations", "other_income", "benefits_members",
		"benefits_nonmembers", "admin_expense", "other_expense", "helped_members",
		"helped_nonmembers", "claims_paid",
	};
	char sql[256];
	struct db_stmt *st;
	size_t k;
	int r;

	for (k = 0; k < ARRAY_SIZE(cols); k++)
		if (!strcmp(column, cols[k]))
			break;
	assert(k < ARRAY_SIZE(cols));
	PREP("INSERT INTO fund_year (fund_id, year, area) VALUES (?, ?, ?) "
	     "ON CONFLICT (fund_id, year) DO NOTHING");
	db_bind_int64(st, 1, fund_id);
	db_bind_int64(st, 2, year);
	db_bind_text(st, 3, area, -1);
	if ((r = db_step_done(st, e)))
		return r;
	/* The column name comes from the fixed table above, never from input. */
	snprintf(sql, sizeof(sql), "UPDATE fund_year SET %s = %s + ? WHERE fund_id = ? AND year = ?",
		 cols[k], cols[k]);
	PREP(sql);
	db_bind_int64(st, 1, delta);
	db_bind_int64(st, 2, fund_id);
	db_bind_int64(st, 3, year);
	return db_step_done(st, e);
}

int fund_year_get(struct db *db, int64_t fund_id, int year, struct fund_year_row *out,
		  struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	PREP("SELECT contributions, matching, donations, other_income, benefits_members, "
	     "benefits_nonmembers, admin_expense, other_expense, helped_members, "
	     "helped_nonmembers, claims_paid FROM fund_year WHERE fund_id = ? AND year = ?");
	db_bind_int64(st, 1, fund_id);
	db_bind_int64(st, 2, year);
	r = db_step(st, e);
	if (r == DB_ROW) {
		int64_t *v[] = { &out->contributions, &out->matching, &out->donations,
				 &out->other_income, &out->benefits_members,
				 &out->benefits_nonmembers, &out->admin_expense,
				 &out->other_expense, &out->helped_members,
				 &out->helped_nonmembers, &out->claims_paid };
		for (int i = 0; i < (int)ARRAY_SIZE(v); i++)
			*v[i] = db_column_int64(st, i);
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

int member_count_disadvantaged(struct db *db, int64_t fund_id, struct date asof, int64_t *n,
			       struct err *e)
{
	struct buf sql = BUF_INIT;
	struct db_stmt *st;
	int r, k = 0;

	*n = 0;
	buf_puts(&sql, "SELECT COUNT(DISTINCT m.person_id) FROM fund_member m "
			 "JOIN person_need n ON n.person_id = m.person_id "
			 "WHERE m.fund_id = ? AND m.status = 'active' AND n.observed_on <= ? "
			 "AND (n.ended_on IS NULL OR n.ended_on > ?) AND n.kind IN (");
	for (int i = 1; i < NEED_COUNT; i++)
		if (need_kind_disadvantage((enum need_kind)i))
			buf_printf(&sql, "%s'%s'", k++ ? ", " : "", need_kind_code((enum need_kind)i));
	buf_puts(&sql, ")");
	r = db_prepare(db, sql.ptr, &st, e);
	buf_release(&sql);
	if (r)
		return r;
	db_bind_int64(st, 1, fund_id);
	db_bind_date(st, 2, asof);
	db_bind_date(st, 3, asof);
	r = db_step(st, e);
	if (r == DB_ROW)
		*n = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int claim_totals_year(struct db *db, int64_t fund_id, int year, struct benefit_total *totals,
		      int *n, int max, int64_t *open, struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	*open = 0;
	snprintf(lo, sizeof(lo), "%04d-01-01", year);
	snprintf(hi, sizeof(hi), "%04d-12-31", year);
	PREP("SELECT benefit, COUNT(*), SUM(amount) FROM claim WHERE fund_id = ? "
	     "AND status = 'paid' AND paid_on >= ? AND paid_on <= ? GROUP BY benefit");
	db_bind_int64(st, 1, fund_id);
	db_bind_text(st, 2, lo, -1);
	db_bind_text(st, 3, hi, -1);
	while ((r = db_step(st, e)) == DB_ROW) {
		const char *code = db_column_text(st, 0);
		int i;
		for (i = 0; i < *n; i++)
			if (!strcmp(totals[i].code, code))
				break;
		if (i == *n) {
			if (*n >= max)
				continue;
			memset(&totals[i], 0, sizeof(totals[i]));
			snprintf(totals[i].code, sizeof(totals[i].code), "%s", code);
			snprintf(totals[i].name_th, sizeof(totals[i].name_th), "%s", code);
			snprintf(totals[i].name_en, sizeof(totals[i].name_en), "%s", code);
			(*n)++;
		}
		totals[i].count += db_column_int64(st, 1);
		totals[i].amount += db_column_int64(st, 2);
	}
	db_finalize(st);
	if (r < 0)
		return r;
	PREP("SELECT COUNT(*) FROM claim WHERE fund_id = ? AND status IN ('submitted', 'checked')");
	db_bind_int64(st, 1, fund_id);
	r = db_step(st, e);
	if (r == DB_ROW)
		*open = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

void fund_rollup_release(struct fund_rollup *r)
{
	free(r->rows);
	r->rows = NULL;
	r->n = 0;
}

/* The row for child code c, appended when new. */
static struct fund_rollup_row *rollup_row(struct fund_rollup *out, size_t *cap, const char *c)
{
	for (size_t i = 0; i < out->n; i++)
		if (!strcmp(out->rows[i].area, c))
			return &out->rows[i];
	ALLOC_GROW(out->rows, out->n + 1, *cap);
	memset(&out->rows[out->n], 0, sizeof(out->rows[0]));
	snprintf(out->rows[out->n].area, sizeof(out->rows[0].area), "%s", c);
	return &out->rows[out->n++];
}

static int cmp_rollup(const void *a, const void *b)
{
	return strcmp(((const struct fund_rollup_row *)a)->area,
		      ((const struct fund_rollup_row *)b)->area);
}

/*
 * Three grouped scans, each over a small table or a covering index: funds
 * (count, active members), cash and bank balances, and the year's totals.
 * None touches members, contributions or journal lines, so the national
 * page costs the same with 4 million members as with 4,000.
 */
int fund_rollup_query(struct db *db, const char *area, int year, bool by_region,
		      struct fund_rollup *out, struct err *e)
{
	char lo[16], hi[16], text[768], filter[160];
	size_t cap = 0, len = strcmp(area, "TH") ? strlen(area) : 0;
	bool region = !by_region && len && (area[0] < '0' || area[0] > '9');
	int child = len >= 6 ? 6 : (int)len + 2, r = 0;
	struct db_stmt *st;

	memset(out, 0, sizeof(*out));
	db_prefix_range(region ? "TH" : area, lo, hi);
	snprintf(filter, sizeof(filter), "%s",
		 region ? "AND p.region = ?" : "");
	for (int q = 0; q < 3; q++) {
		char k[64];
		int i = 1;

		/* The grouping key, a prefix of the area code or the province's
		 * region, is fixed text chosen here (the length an integer), so the
		 * SELECT and GROUP BY expressions are the same SQL text. */
		if (by_region)
			snprintf(k, sizeof(k), "COALESCE(p.region, '')");
		else
			snprintf(k, sizeof(k), "substr(%s.area, 1, %d)", q == 2 ? "y" : "f",
				 region ? 2 : child);
		if (q == 0)
			snprintf(text, sizeof(text),
				 "SELECT %s, COUNT(*), SUM(f.members_active) FROM fund f "
				 "JOIN area p ON p.code = f.province WHERE f.area >= ? AND f.area < ? %s "
				 "GROUP BY %s",
				 k, filter, k);
		else if (q == 1)
			snprintf(text, sizeof(text),
				 "SELECT %s, SUM(a.balance), 0 FROM fund f "
				 "JOIN area p ON p.code = f.province "
				 "JOIN ledger_account a ON a.book_id = f.book_id AND a.cash = 1 "
				 "WHERE f.area >= ? AND f.area < ? %s GROUP BY %s",
				 k, filter, k);
		else
			snprintf(text, sizeof(text),
				 "SELECT %s, SUM(y.contributions), SUM(y.matching), "
				 "SUM(y.benefits_members + y.benefits_nonmembers), SUM(y.helped_members), "
				 "SUM(y.helped_nonmembers) FROM fund_year y "
				 "JOIN area p ON p.code = substr(y.area, 1, 2) "
				 "WHERE y.year = ? AND y.area >= ? AND y.area < ? %s GROUP BY %s",
				 k, filter, k);
		if ((r = db_prepare(db, text, &st, e)))
			goto fail;
		if (q == 2)
			db_bind_int64(st, i++, year);
		db_bind_text(st, i++, lo, -1);
		db_bind_text(st, i++, hi, -1);
		if (region)
			db_bind_text(st, i++, area, -1);
		while ((r = db_step(st, e)) == DB_ROW) {
			struct fund_rollup_row *w = rollup_row(out, &cap, db_column_text(st, 0));
			if (q == 0) {
				w->funds = db_column_int64(st, 1);
				w->members = db_column_int64(st, 2);
			} else if (q == 1) {
				w->money = db_column_int64(st, 1);
			} else {
				w->contributions = db_column_int64(st, 1);
				w->matching = db_column_int64(st, 2);
				w->benefits = db_column_int64(st, 3);
				w->helped_members = db_column_int64(st, 4);
				w->helped_nonmembers = db_column_int64(st, 5);
			}
		}
		db_finalize(st);
		if (r < 0)
			goto fail;
	}
	if (out->n)
		qsort(out->rows, out->n, sizeof(out->rows[0]), cmp_rollup);
	snprintf(out->total.area, sizeof(out->total.area), "%s", area);
	for (size_t i = 0; i < out->n; i++) {
		struct fund_rollup_row *w = &out->rows[i];
		out->total.funds += w->funds;
		out->total.members += w->members;
		out->total.money += w->money;
		out->total.contributions += w->contributions;
		out->total.matching += w->matching;
		out->total.benefits += w->benefits;
		out->total.helped_members += w->helped_members;
		out->total.helped_nonmembers += w->helped_nonmembers;
		if ((r = db_prepare(db, by_region ? "SELECT name_th, name_en FROM region WHERE code = ?"
						  : "SELECT name_th, COALESCE(name_en, name_th) FROM area "
						    "WHERE code = ?",
				    &st, e)))
			goto fail;
		db_bind_text(st, 1, w->area, -1);
		if ((r = db_step(st, e)) == DB_ROW) {
			db_column_copy(st, 0, w->name_th, sizeof(w->name_th));
			db_column_copy(st, 1, w->name_en, sizeof(w->name_en));
		}
		db_finalize(st);
		if (r < 0)
			goto fail;
	}
	return 0;
fail:
	fund_rollup_release(out);
	return r;
}

/* ---- idempotency ---- */

int idem_find(struct db *db, int64_t actor_id, const char *key, const char *operation,
	      const char *request_hash, bool *found, int64_t *result_id, struct err *e)
{
	struct db_stmt *st;
	int r;

	*found = false;
	*result_id = 0;
	PREP("SELECT operation, request_hash, result_id FROM idempotency "
	     "WHERE actor_id = ? AND idem_key = ?");
	db_bind_int64(st, 1, actor_id);
	db_bind_text(st, 2, key, -1);
	r = db_step(st, e);
	if (r == DB_ROW) {
		if (strcmp(db_column_text(st, 0), operation) ||
		    strcmp(db_column_text(st, 1), request_hash)) {
			r = err_set(e, ERR_CONFLICT, "idempotency_key",
				    "ใช้รหัสป้องกันการทำรายการซ้ำนี้กับคำขออื่นไปแล้ว%s",
				    "this idempotency key was already used for a different request%s",
				    "");
		} else {
			*found = true;
			*result_id = db_column_int64(st, 2);
			r = 0;
		}
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

int idem_insert(struct db *db, int64_t actor_id, const char *key, const char *operation,
		const char *request_hash, int64_t result_id, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO idempotency (actor_id, idem_key, operation, request_hash, result_id, "
	     "created_at) VALUES (?, ?, ?, ?, ?, ?)");
	db_bind_int64(st, 1, actor_id);
	db_bind_text(st, 2, key, -1);
	db_bind_text(st, 3, operation, -1);
	db_bind_text(st, 4, request_hash, -1);
	db_bind_int64(st, 5, result_id);
	db_bind_text(st, 6, now, -1);
	return db_step_done(st, e);
}
