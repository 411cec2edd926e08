/*
 * SQL for a fund's ledger. ledger_post writes an entry and its lines and
 * moves the accounts' stored balances in the caller's transaction; it
 * refuses what core/ledger.c refuses and accounts of another fund.
 * ledger_verify recomputes everything the stored figures summarise.
 */
#include "store/ledger.h"

#define PREP(sql)                                   \
	do {                                        \
		r = db_prepare(db, (sql), &st, e);  \
		if (r)                              \
			return r;                   \
	} while (0)

int ledger_book_insert(struct db *db, const char *kind, const char *area, const char *name,
		       const char *now, int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO ledger_book (kind, area, name, created_at) VALUES (?, ?, ?, ?) "
	     "RETURNING id");
	db_bind_text(st, 1, kind, -1);
	db_bind_text(st, 2, area, -1);
	db_bind_text(st, 3, name, -1);
	db_bind_text(st, 4, now, -1);
	r = db_step(st, e);
	if (r == DB_ROW) {
		*id = db_column_int64(st, 0);
		r = 0;
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

int ledger_book_next_entry(struct db *db, int64_t book_id, int64_t *no, struct err *e)
{
	struct db_stmt *st;
	int r;

	*no = 0;
	PREP("UPDATE ledger_book SET next_entry_no = next_entry_no + 1 WHERE id = ? "
	     "RETURNING next_entry_no - 1");
	db_bind_int64(st, 1, book_id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		*no = db_column_int64(st, 0);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, NULL, "ไม่พบสมุดบัญชี %lld", "book %lld not found",
			    (long long)book_id);
	}
	db_finalize(st);
	return r;
}

int ledger_book_close(struct db *db, int64_t book_id, struct date through, const char *by,
		      const char *now, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE ledger_book SET closed_through = ? WHERE id = ?");
	db_bind_date(st, 1, through);
	db_bind_int64(st, 2, book_id);
	if ((r = db_step_changed(st, "สมุดบัญชี", "book", e)))
		return r;
	PREP("INSERT INTO ledger_close (book_id, closed_through, closed_by, created_at) "
	     "VALUES (?, ?, ?, ?)");
	db_bind_int64(st, 1, book_id);
	db_bind_date(st, 2, through);
	db_bind_text(st, 3, by, -1);
	db_bind_text(st, 4, now, -1);
	r = db_step(st, e);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int account_insert(struct db *db, int64_t book_id, const char *code, const char *name_th,
		   const char *name_en, enum account_type type, bool admin, bool cash, int64_t *id,
		   struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO ledger_account (book_id, code, name_th, name_en, type, admin, cash) "
	     "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
	db_bind_int64(st, 1, book_id);
	db_bind_text(st, 2, code, -1);
	db_bind_text(st, 3, name_th, -1);
	db_bind_text(st, 4, name_en, -1);
	db_bind_text(st, 5, account_type_name(type), -1);
	db_bind_int64(st, 6, admin);
	db_bind_int64(st, 7, cash);
	r = db_step(st, e);
	if (r == DB_ROW) {
		*id = db_column_int64(st, 0);
		r = 0;
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

#define ACCOUNT_COLS "id, book_id, code, name_th, name_en, type, admin, cash, balance "

static void read_account(struct db_stmt *st, void *item)
{
	struct account *a = item;

	a->id = db_column_int64(st, 0);
	a->book_id = db_column_int64(st, 1);
	db_column_copy(st, 2, a->code, sizeof(a->code));
	db_column_copy(st, 3, a->name_th, sizeof(a->name_th));
	db_column_copy(st, 4, a->name_en, sizeof(a->name_en));
	a->type = account_type_parse(db_column_text(st, 5));
	a->admin = db_column_int64(st, 6) != 0;
	a->cash = db_column_int64(st, 7) != 0;
	a->balance = db_column_int64(st, 8);
}

static int account_one(struct db *db, const char *sql, int64_t id, const char *code,
		       struct account *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP(sql);
	db_bind_int64(st, 1, id);
	if (code)
		db_bind_text(st, 2, code, -1);
	r = db_step(st, e);
	if (r == DB_ROW) {
		memset(out, 0, sizeof(*out));
		read_account(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "account_id", "ไม่พบบัญชี %s",
			    "account %s not found", code ? code : "");
	}
	db_finalize(st);
	return r;
}

int account_by_code(struct db *db, int64_t book_id, const char *code, struct account *out,
		    struct err *e)
{
	return account_one(db, "SELECT " ACCOUNT_COLS "FROM ledger_account WHERE book_id = ? AND code = ?",
			   book_id, code, out, e);
}

int account_get(struct db *db, int64_t id, struct account *out, struct err *e)
{
	return account_one(db, "SELECT " ACCOUNT_COLS "FROM ledger_account WHERE id = ?", id, NULL,
			   out, e);
}

int account_list_book(struct db *db, int64_t book_id, struct account_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " ACCOUNT_COLS "FROM ledger_account WHERE book_id = ? ORDER BY code");
	db_bind_int64(st, 1, book_id);
	return DB_STEP_LIST(st, out, read_account, e);
}

static void read_account_total(struct db_stmt *st, void *item)
{
	struct account *a = item;

	read_account(st, a);
	a->debit = db_column_int64(st, 8);
	a->credit = db_column_int64(st, 9);
	a->balance = a->debit - a->credit;
}

int account_totals(struct db *db, int64_t book_id, struct date from, struct date to,
		   struct account_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT a.id, a.book_id, a.code, a.name_th, a.name_en, a.type, a.admin, a.cash, "
	     "COALESCE(SUM(l.debit), 0), COALESCE(SUM(l.credit), 0) FROM ledger_account a "
	     "LEFT JOIN journal_line l ON l.account_id = a.id AND (CAST(? AS TEXT) IS NULL OR l.posted_on >= ?) "
	     "AND (CAST(? AS TEXT) IS NULL OR l.posted_on <= ?) WHERE a.book_id = ? "
	     "GROUP BY a.id, a.book_id, a.code, a.name_th, a.name_en, a.type, a.admin, a.cash "
	     "ORDER BY a.code");
	db_bind_date(st, 1, from);
	db_bind_date(st, 2, from);
	db_bind_date(st, 3, to);
	db_bind_date(st, 4, to);
	db_bind_int64(st, 5, book_id);
	return DB_STEP_LIST(st, out, read_account_total, e);
}

/* The fund an account belongs to, or ERR_INVALID when it is none of this fund's. */
static int account_of_book(struct db *db, int64_t account_id, int64_t book_id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT book_id FROM ledger_account WHERE id = ?");
	db_bind_int64(st, 1, account_id);
	r = db_step(st, e);
	if (r == DB_ROW && db_column_int64(st, 0) == book_id)
		r = 0;
	else if (r >= 0)
		r = err_set(e, ERR_INVALID, "account_id", "บัญชี %lld ไม่ใช่บัญชีในสมุดบัญชีนี้",
			    "account %lld is not one of this book's", (long long)account_id);
	db_finalize(st);
	return r;
}

int ledger_post(struct db *db, const struct posting *p, const char *by, const char *now,
		int64_t *entry_id, struct err *e)
{
	struct db_stmt *st;
	int64_t total, no;
	int r;

	*entry_id = 0;
	if ((r = ledger_check(p->lines, p->nlines, &total, e)))
		return r;
	for (size_t i = 0; i < p->nlines; i++)
		if ((r = account_of_book(db, p->lines[i].account_id, p->book_id, e)))
			return r;
	if ((r = ledger_book_next_entry(db, p->book_id, &no, e)))
		return r;
	PREP("INSERT INTO journal_entry (book_id, entry_no, posted_on, description, source, "
	     "source_id, reverses, total, created_by, created_at) "
	     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	db_bind_int64(st, 1, p->book_id);
	db_bind_int64(st, 2, no);
	db_bind_date(st, 3, p->posted_on);
	db_bind_text(st, 4, p->description, -1);
	db_bind_text(st, 5, p->source, -1);
	if (p->source_id)
		db_bind_int64(st, 6, p->source_id);
	else
		db_bind_null(st, 6);
	if (p->reverses)
		db_bind_int64(st, 7, p->reverses);
	else
		db_bind_null(st, 7);
	db_bind_int64(st, 8, total);
	db_bind_text(st, 9, by, -1);
	db_bind_text(st, 10, now, -1);
	r = db_step(st, e);
	if (r == DB_ROW)
		*entry_id = db_column_int64(st, 0);
	db_finalize(st);
	if (r < 0)
		return r;
	for (size_t i = 0; i < p->nlines; i++) {
		const struct ledger_line *l = &p->lines[i];
		PREP("INSERT INTO journal_line (entry_id, book_id, account_id, posted_on, debit, "
		     "credit) VALUES (?, ?, ?, ?, ?, ?)");
		db_bind_int64(st, 1, *entry_id);
		db_bind_int64(st, 2, p->book_id);
		db_bind_int64(st, 3, l->account_id);
		db_bind_date(st, 4, p->posted_on);
		db_bind_int64(st, 5, l->debit);
		db_bind_int64(st, 6, l->credit);
		r = db_step(st, e);
		db_finalize(st);
		if (r < 0)
			return r;
		PREP("UPDATE ledger_account SET balance = balance + ? WHERE id = ?");
		db_bind_int64(st, 1, l->debit - l->credit);
		db_bind_int64(st, 2, l->account_id);
		if ((r = db_step_changed(st, "บัญชี", "account", e)))
			return r;
	}
	return 0;
}

int ledger_set_source(struct db *db, int64_t entry_id, int64_t source_id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE journal_entry SET source_id = ? WHERE id = ?");
	db_bind_int64(st, 1, source_id);
	db_bind_int64(st, 2, entry_id);
	return db_step_changed(st, "รายการบัญชี", "journal entry", e);
}

int ledger_set_reversed(struct db *db, int64_t entry_id, int64_t reversed_by, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE journal_entry SET reversed_by = ? WHERE id = ? AND reversed_by IS NULL");
	db_bind_int64(st, 1, reversed_by);
	db_bind_int64(st, 2, entry_id);
	return db_step_changed(st, "รายการบัญชีที่ยังไม่ถูกกลับรายการ", "unreversed journal entry", e);
}

#define ENTRY_COLS                                                                        \
	"e.id, e.book_id, e.entry_no, COALESCE(e.source_id, 0), COALESCE(e.reverses, 0), " \
	"COALESCE(e.reversed_by, 0), e.total, e.posted_on, e.description, e.source, "     \
	"e.created_by "

static void read_entry(struct db_stmt *st, struct entry *x)
{
	x->id = db_column_int64(st, 0);
	x->book_id = db_column_int64(st, 1);
	x->entry_no = db_column_int64(st, 2);
	x->source_id = db_column_int64(st, 3);
	x->reverses = db_column_int64(st, 4);
	x->reversed_by = db_column_int64(st, 5);
	x->total = db_column_int64(st, 6);
	db_column_date(st, 7, &x->posted_on);
	db_column_copy(st, 8, x->description, sizeof(x->description));
	db_column_copy(st, 9, x->source, sizeof(x->source));
	db_column_copy(st, 10, x->created_by, sizeof(x->created_by));
}

static int read_lines(struct db *db, struct entry *x, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT l.account_id, l.debit, l.credit, a.code FROM journal_line l "
	     "JOIN ledger_account a ON a.id = l.account_id WHERE l.entry_id = ? ORDER BY l.id");
	db_bind_int64(st, 1, x->id);
	x->nlines = 0;
	while ((r = db_step(st, e)) == DB_ROW && x->nlines < LEDGER_MAX_LINES) {
		x->lines[x->nlines].account_id = db_column_int64(st, 0);
		x->lines[x->nlines].debit = db_column_int64(st, 1);
		x->lines[x->nlines].credit = db_column_int64(st, 2);
		db_column_copy(st, 3, x->line_code[x->nlines], sizeof(x->line_code[0]));
		x->nlines++;
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

int entry_get(struct db *db, int64_t id, struct entry *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	PREP("SELECT " ENTRY_COLS "FROM journal_entry e WHERE e.id = ?");
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		read_entry(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, NULL, "ไม่พบรายการบัญชี %lld",
			    "journal entry %lld not found", (long long)id);
	}
	db_finalize(st);
	return r ? r : read_lines(db, out, e);
}

int entry_list_book(struct db *db, int64_t book_id, struct date from, struct date to, int limit,
		    int64_t offset, struct entry_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " ENTRY_COLS "FROM journal_entry e WHERE e.book_id = ? "
	     "AND (CAST(? AS TEXT) IS NULL OR e.posted_on >= ?) AND (CAST(? AS TEXT) IS NULL OR e.posted_on <= ?) "
	     "ORDER BY e.posted_on DESC, e.entry_no DESC LIMIT ? OFFSET ?");
	db_bind_int64(st, 1, book_id);
	db_bind_date(st, 2, from);
	db_bind_date(st, 3, from);
	db_bind_date(st, 4, to);
	db_bind_date(st, 5, to);
	db_bind_int64(st, 6, limit);
	db_bind_int64(st, 7, offset);
	while ((r = db_step(st, e)) == DB_ROW)
		read_entry(st, entry_list_push(out));
	db_finalize(st);
	if (r < 0)
		return r;
	for (size_t i = 0; i < out->n; i++)
		if ((r = read_lines(db, &out->items[i], e)))
			return r;
	return 0;
}

int cashbook_book(struct db *db, int64_t book_id, struct date from, struct date to,
		  int64_t *opening, struct cashbook_list *out, struct err *e)
{
	struct db_stmt *st;
	int64_t run;
	int r;

	*opening = 0;
	PREP("SELECT COALESCE(SUM(l.debit - l.credit), 0) FROM journal_line l "
	     "JOIN ledger_account a ON a.id = l.account_id WHERE a.book_id = ? AND a.cash = 1 "
	     "AND CAST(? AS TEXT) IS NOT NULL AND l.posted_on < ?");
	db_bind_int64(st, 1, book_id);
	db_bind_date(st, 2, from);
	db_bind_date(st, 3, from);
	r = db_step(st, e);
	if (r == DB_ROW)
		*opening = db_column_int64(st, 0);
	db_finalize(st);
	if (r < 0)
		return r;
	run = *opening;
	PREP("SELECT l.entry_id, e.entry_no, l.account_id, l.debit, l.credit, l.posted_on, a.code, "
	     "e.description, e.source, e.source_id, r.receipt_no FROM journal_line l "
	     "JOIN ledger_account a ON a.id = l.account_id "
	     "JOIN journal_entry e ON e.id = l.entry_id "
	     "LEFT JOIN receipt r ON e.source = 'receipt' AND r.id = e.source_id "
	     "WHERE a.book_id = ? AND a.cash = 1 "
	     "AND (CAST(? AS TEXT) IS NULL OR l.posted_on >= ?) AND (CAST(? AS TEXT) IS NULL OR l.posted_on <= ?) "
	     "ORDER BY l.posted_on, e.entry_no, l.id");
	db_bind_int64(st, 1, book_id);
	db_bind_date(st, 2, from);
	db_bind_date(st, 3, from);
	db_bind_date(st, 4, to);
	db_bind_date(st, 5, to);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct cashbook_line *c = cashbook_list_push(out);
		c->entry_id = db_column_int64(st, 0);
		c->entry_no = db_column_int64(st, 1);
		c->account_id = db_column_int64(st, 2);
		c->debit = db_column_int64(st, 3);
		c->credit = db_column_int64(st, 4);
		db_column_date(st, 5, &c->posted_on);
		db_column_copy(st, 6, c->account_code, sizeof(c->account_code));
		db_column_copy(st, 7, c->description, sizeof(c->description));
		db_column_copy(st, 8, c->source, sizeof(c->source));
		c->source_id = db_column_int64(st, 9);
		c->receipt_no = db_column_int64(st, 10);
		run += c->debit - c->credit;
		c->running = run;
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

/* Runs a query whose rows are faults: column 0 a fund id, column 1 an object
 * id, columns 2 and 3 two figures that should agree. */
static int check(struct db *db, const char *sql, const char *what, long *problems,
		 void (*report)(void *, const char *), void *ctx, struct err *e)
{
	struct db_stmt *st;
	char msg[256];
	int r;

	PREP(sql);
	while ((r = db_step(st, e)) == DB_ROW) {
		(*problems)++;
		snprintf(msg, sizeof(msg), "book %lld: %s %lld: %lld != %lld",
			 (long long)db_column_int64(st, 0), what,
			 (long long)db_column_int64(st, 1), (long long)db_column_int64(st, 2),
			 (long long)db_column_int64(st, 3));
		if (report)
			report(ctx, msg);
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

int ledger_verify(struct db *db, long *problems, void (*report)(void *, const char *), void *ctx,
		  struct err *e)
{
	static const struct {
		const char *what, *sql;
	} checks[] = {
		{ "journal entry does not balance (debits != credits)",
		  "SELECT e.book_id, e.id, COALESCE(SUM(l.debit), 0), COALESCE(SUM(l.credit), 0) "
		  "FROM journal_entry e LEFT JOIN journal_line l ON l.entry_id = e.id "
		  "GROUP BY e.id, e.book_id HAVING COALESCE(SUM(l.debit), 0) <> COALESCE(SUM(l.credit), 0) "
		  "OR COALESCE(SUM(l.debit), 0) <> MAX(e.total) OR COUNT(l.id) < 2" },
		{ "journal line of another fund (line fund != entry fund)",
		  "SELECT e.book_id, l.id, l.book_id, a.book_id FROM journal_line l "
		  "JOIN journal_entry e ON e.id = l.entry_id JOIN ledger_account a ON a.id = l.account_id "
		  "WHERE l.book_id <> e.book_id OR a.book_id <> e.book_id OR l.posted_on <> e.posted_on" },
		{ "account balance differs from its lines (stored != lines)",
		  "SELECT a.book_id, a.id, a.balance, COALESCE(SUM(l.debit - l.credit), 0) "
		  "FROM ledger_account a LEFT JOIN journal_line l ON l.account_id = a.id "
		  "GROUP BY a.id, a.book_id, a.balance HAVING a.balance <> COALESCE(SUM(l.debit - l.credit), 0)" },
		{ "books do not balance (total debits != total credits)",
		  "SELECT book_id, book_id, SUM(debit), SUM(credit) FROM journal_line "
		  "GROUP BY book_id HAVING SUM(debit) <> SUM(credit)" },
		{ "receipt total differs from its entry (receipt != entry)",
		  "SELECT f.book_id, r.id, r.total, e.total FROM receipt r JOIN fund f ON f.id = r.fund_id "
		  "JOIN journal_entry e ON e.id = r.entry_id WHERE r.total <> e.total OR e.book_id <> f.book_id" },
		{ "receipt total differs from its contributions (receipt != contributions)",
		  "SELECT r.fund_id, r.id, r.total, COALESCE(SUM(c.amount), 0) FROM receipt r "
		  "LEFT JOIN contribution c ON c.receipt_id = r.id AND c.amount > 0 "
		  "GROUP BY r.id, r.fund_id, r.total HAVING r.total <> COALESCE(SUM(c.amount), 0)" },
		{ "voided receipt not reversed (contributions left, entry reversed)",
		  "SELECT r.fund_id, r.id, COALESCE(SUM(c.amount), 0), COALESCE(MAX(e.reversed_by), 0) "
		  "FROM receipt r JOIN journal_entry e ON e.id = r.entry_id "
		  "LEFT JOIN contribution c ON c.receipt_id = r.id WHERE r.voided_on IS NOT NULL "
		  "GROUP BY r.id, r.fund_id HAVING COALESCE(SUM(c.amount), 0) <> 0 OR MAX(e.reversed_by) IS NULL" },
		{ "member's paid total differs from contributions (stored != contributions)",
		  "SELECT m.fund_id, m.id, m.paid_total, COALESCE(SUM(c.amount), 0) FROM fund_member m "
		  "LEFT JOIN contribution c ON c.member_id = m.id AND c.kind = 'contribution' "
		  "GROUP BY m.id, m.fund_id, m.paid_total HAVING m.paid_total <> COALESCE(SUM(c.amount), 0)" },
		{ "paid claim differs from its payment entry (claim != entry)",
		  "SELECT c.fund_id, c.id, c.amount, COALESCE(e.total, -1) FROM claim c "
		  "LEFT JOIN journal_entry e ON e.id = c.pay_entry_id "
		  "WHERE c.status = 'paid' AND (e.id IS NULL OR e.total <> c.amount)" },
		{ "approved claim differs from its approval entry (claim != entry)",
		  "SELECT c.fund_id, c.id, c.amount, COALESCE(e.total, -1) FROM claim c "
		  "LEFT JOIN journal_entry e ON e.id = c.approve_entry_id "
		  "WHERE c.status IN ('approved', 'paid') AND (e.id IS NULL OR e.total <> c.amount)" },
		{ "income differs from its entry (income != entry)",
		  "SELECT i.fund_id, i.id, i.amount, e.total FROM fund_income i "
		  "JOIN journal_entry e ON e.id = i.entry_id WHERE e.total <> i.amount" },
		{ "expense differs from its entry (expense != entry)",
		  "SELECT x.fund_id, x.id, x.amount, e.total FROM fund_expense x "
		  "JOIN journal_entry e ON e.id = x.entry_id WHERE e.total <> x.amount" },
		{ "active member count differs (stored != members)",
		  "SELECT f.id, f.id, f.members_active, (SELECT COUNT(*) FROM fund_member m "
		  "WHERE m.fund_id = f.id AND m.status = 'active') FROM fund f "
		  "WHERE f.members_active <> (SELECT COUNT(*) FROM fund_member m "
		  "WHERE m.fund_id = f.id AND m.status = 'active')" },
		{ "entry dated inside a closed period was written after the close (entry, closed_through)",
		  "SELECT e.book_id, e.id, e.entry_no, 0 FROM journal_entry e JOIN ledger_close c "
		  "ON c.book_id = e.book_id WHERE e.posted_on <= c.closed_through AND e.created_at > c.created_at" },
	};
	int r;

	for (size_t i = 0; i < ARRAY_SIZE(checks); i++)
		if ((r = check(db, checks[i].sql, checks[i].what, problems, report, ctx, e)))
			return r;
	return 0;
}

int ledger_book_get(struct db *db, int64_t id, struct ledger_book *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	PREP("SELECT id, kind, area, name, closed_through, next_entry_no, created_at FROM "
	     "ledger_book WHERE id = ?");
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		out->id = db_column_int64(st, 0);
		db_column_copy(st, 1, out->kind, sizeof(out->kind));
		db_column_copy(st, 2, out->area, sizeof(out->area));
		db_column_copy(st, 3, out->name, sizeof(out->name));
		db_column_date(st, 4, &out->closed_through);
		out->next_entry_no = db_column_int64(st, 5);
		db_column_copy(st, 6, out->created_at, sizeof(out->created_at));
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, NULL, "ไม่พบสมุดบัญชี %lld", "book %lld not found",
			    (long long)id);
	}
	db_finalize(st);
	return r;
}
