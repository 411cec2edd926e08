/*
 * Reading any set of books (ledger_book): a community fund's, a paying
 * office's or a grant channel's. The faces show every book the same way
 * (web/ledger.c: journal, trial balance, income statement, balance sheet,
 * cash book), so the reads are here once, by book, rather than once per
 * owner. Writing stays with the owner's use cases (app/fund.c,
 * app/program.c, app/grant.c), which know what each entry means.
 *
 * Who reads a book: a role that may read (PERM_READ) with the book's area
 * inside its scope. A book's area is its owner's: the fund's tambon, the
 * office's area, a grant channel's province or 'TH' for the national
 * channel, so these are the owners' own rules: a fund's books are read by
 * whoever reads the fund; a provincial channel's by that province's staff
 * (province officers and auditors) and national roles; the national
 * channel's by national roles only. Otherwise ERR_FORBIDDEN (the area
 * named), and ERR_NOT_FOUND for a book that does not exist.
 *
 * Lists are filled into out (owned by the caller, released with their
 * _release); on failure out is left empty.
 */
#ifndef SAWAT_APP_LEDGER_H
#define SAWAT_APP_LEDGER_H

#include "app/app.h"
#include "store/ledger.h"

/* The book's own row, when the actor may read it. */
int app_ledger_book(struct app *app, const struct actor *a, int64_t book_id,
		    struct ledger_book *out, struct err *e);
/* The book's chart with stored balances, by code. */
int app_ledger_book_accounts(struct app *app, const struct actor *a, int64_t book_id,
			     struct account_list *out, struct err *e);
/* Entries dated from..to (zero dates: open ends), newest first, with their
 * lines; limit 1..500 (else 50), skipping offset. */
int app_ledger_book_journal(struct app *app, const struct actor *a, int64_t book_id,
			    struct date from, struct date to, int limit, int64_t offset,
			    struct entry_list *out, struct err *e);
/* Every account with the debits and credits of lines dated from..to and
 * their difference as balance: from zero, the balances on to (trial
 * balance, balance sheet); from a date, the movements of a period (income
 * statement). */
int app_ledger_book_balances(struct app *app, const struct actor *a, int64_t book_id,
			     struct date from, struct date to, struct account_list *out,
			     struct err *e);
/* The cash book: cash and bank lines dated from..to with the opening
 * balance and a running balance. */
int app_ledger_book_cashbook(struct app *app, const struct actor *a, int64_t book_id,
			     struct date from, struct date to, int64_t *opening,
			     struct cashbook_list *out, struct err *e);

#endif
