/*
 * Ledgers ("books") in the database: a book (one per community fund, later
 * per paying office and grant channel), its accounts, journal entries and
 * their lines. ledger_post is the only way lines are written: it checks the entry
 * (core/ledger.c), numbers it, writes it and its lines, and moves the
 * accounts' stored balances, all inside the caller's transaction, so an
 * entry is whole or absent. The app decides what to post (app/ledger.c).
 */
#ifndef SAWAT_STORE_LEDGER_H
#define SAWAT_STORE_LEDGER_H

#include "store/fund.h"

/* Opens a book (kind: fund, office, grant); *id gets its id. */
int ledger_book_insert(struct db *db, const char *kind, const char *area, const char *name,
		       const char *now, int64_t *id, struct err *e);
/* Takes and advances the book's entry counter. */
int ledger_book_next_entry(struct db *db, int64_t book_id, int64_t *no, struct err *e);
/* Closes the book through a date (recorded in ledger_close). */
int ledger_book_close(struct db *db, int64_t book_id, struct date through, const char *by,
		      const char *now, struct err *e);

int account_insert(struct db *db, int64_t book_id, const char *code, const char *name_th,
		   const char *name_en, enum account_type type, bool admin, bool cash, int64_t *id,
		   struct err *e);
/* The account with this code in a book; ERR_NOT_FOUND when missing. */
int account_by_code(struct db *db, int64_t book_id, const char *code, struct account *out,
		    struct err *e);
int account_get(struct db *db, int64_t id, struct account *out, struct err *e);
/* All accounts of a book by code, with stored balances. */
int account_list_book(struct db *db, int64_t book_id, struct account_list *out, struct err *e);
/* Accounts with debit and credit totals of lines dated from..to (zero dates: open ends). */
int account_totals(struct db *db, int64_t book_id, struct date from, struct date to,
		   struct account_list *out, struct err *e);

/* What to post. */
struct posting {
	int64_t book_id;
	struct date posted_on;
	const char *description;
	const char *source;       /* contribution, receipt, claim, income, expense, transfer, reversal */
	int64_t source_id;        /* 0: none yet (set later with ledger_set_source) */
	int64_t reverses;         /* the entry this one reverses, or 0 */
	const struct ledger_line *lines;
	size_t nlines;
};
int ledger_post(struct db *db, const struct posting *p, const char *by, const char *now,
		int64_t *entry_id, struct err *e);
int ledger_set_source(struct db *db, int64_t entry_id, int64_t source_id, struct err *e);
int ledger_set_reversed(struct db *db, int64_t entry_id, int64_t reversed_by, struct err *e);
int entry_get(struct db *db, int64_t id, struct entry *out, struct err *e);
/* Entries of a book dated from..to, newest first, with their lines. */
int entry_list_book(struct db *db, int64_t book_id, struct date from, struct date to, int limit,
		    int64_t offset, struct entry_list *out, struct err *e);
/* Cash and bank lines dated from..to, oldest first, and the balance before from. */
int cashbook_book(struct db *db, int64_t book_id, struct date from, struct date to,
		  int64_t *opening, struct cashbook_list *out, struct err *e);

/* Integrity checks for sawat verify: each calls report once per fault and
 * adds to *problems. */
int ledger_verify(struct db *db, long *problems, void (*report)(void *, const char *), void *ctx,
		  struct err *e);

/* A book's own row: whose it is (kind and the owner's area: the fund's
 * tambon, the paying office, a grant channel's province or 'TH'), its
 * name, the closed period and the next entry's number. */
struct ledger_book {
	int64_t id, next_entry_no;
	char kind[16], area[16], name[256], created_at[32];
	struct date closed_through;   /* zero when never closed */
};
/* The book; ERR_NOT_FOUND when there is none. */
int ledger_book_get(struct db *db, int64_t id, struct ledger_book *out, struct err *e);

#endif
