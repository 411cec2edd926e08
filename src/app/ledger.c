/*
 * Reads of any book (app/ledger.h): one access rule, by the book's own
 * area, then the store's queries. Nothing here writes.
 */
#include "app/ledger.h"

/* The connection and the book, when the actor may read it. */
static int open_book(struct app *app, const struct actor *a, int64_t book_id, struct db **db,
		     struct ledger_book *b, struct err *e)
{
	int r;

	if (!(*db = app_db(app, e)))
		return ERR_DB;
	if ((r = ledger_book_get(*db, book_id, b, e)))
		return r;
	return actor_check(a, PERM_READ, b->area, e);
}

int app_ledger_book(struct app *app, const struct actor *a, int64_t book_id,
		    struct ledger_book *out, struct err *e)
{
	struct db *db;
	int r = open_book(app, a, book_id, &db, out, e);

	if (r)
		memset(out, 0, sizeof(*out));
	return r;
}

int app_ledger_book_accounts(struct app *app, const struct actor *a, int64_t book_id,
			     struct account_list *out, struct err *e)
{
	struct ledger_book b;
	struct db *db;
	int r;

	if ((r = open_book(app, a, book_id, &db, &b, e)))
		return r;
	if ((r = account_list_book(db, book_id, out, e)))
		account_list_release(out);
	return r;
}

int app_ledger_book_journal(struct app *app, const struct actor *a, int64_t book_id,
			    struct date from, struct date to, int limit, int64_t offset,
			    struct entry_list *out, struct err *e)
{
	struct ledger_book b;
	struct db *db;
	int r;

	if ((r = open_book(app, a, book_id, &db, &b, e)))
		return r;
	r = entry_list_book(db, book_id, from, to, limit > 0 && limit <= 500 ? limit : 50,
			    offset > 0 ? offset : 0, out, e);
	if (r)
		entry_list_release(out);
	return r;
}

int app_ledger_book_balances(struct app *app, const struct actor *a, int64_t book_id,
			     struct date from, struct date to, struct account_list *out,
			     struct err *e)
{
	struct ledger_book b;
	struct db *db;
	int r;

	if ((r = open_book(app, a, book_id, &db, &b, e)))
		return r;
	if ((r = account_totals(db, book_id, from, to, out, e)))
		account_list_release(out);
	return r;
}

int app_ledger_book_cashbook(struct app *app, const struct actor *a, int64_t book_id,
			     struct date from, struct date to, int64_t *opening,
			     struct cashbook_list *out, struct err *e)
{
	struct ledger_book b;
	struct db *db;
	int r;

	*opening = 0;
	if ((r = open_book(app, a, book_id, &db, &b, e)))
		return r;
	if ((r = cashbook_book(db, book_id, from, to, opening, out, e))) {
		cashbook_list_release(out);
		*opening = 0;
	}
	return r;
}
