/*
 * Double-entry bookkeeping rules for a fund's ledger: the standard chart of
 * accounts every fund starts with, and the checks a journal entry must pass
 * before it is written. Pure: the store writes what these functions accept.
 *
 * Balances are kept as debits minus credits. Asset and expense accounts
 * normally show a debit balance; liability, equity and income accounts a
 * credit balance, so reports print -balance for them.
 */
#ifndef SAWAT_CORE_LEDGER_H
#define SAWAT_CORE_LEDGER_H

#include "lib/err.h"

enum account_type { ACCT_ASSET = 1, ACCT_LIABILITY, ACCT_EQUITY, ACCT_INCOME, ACCT_EXPENSE };

struct chart_account {
	const char *code;
	const char *name_th;
	const char *name_en;
	enum account_type type;
	bool admin; /* an administration cost, counted against the statute's limit */
	bool cash;  /* cash in hand or at a bank: the cash book */
};

/* Codes of the standard accounts the application posts to. */
#define ACC_CASH "1101"
#define ACC_BANK "1102"           /* bank accounts get 1102-NN sub-accounts */
#define ACC_BENEFITS_PAYABLE "2101"
#define ACC_CAPITAL "3101"
#define ACC_SURPLUS "3201"
#define ACC_CONTRIBUTIONS "4101"
#define ACC_JOINING_FEES "4102"
#define ACC_MATCH_LOCAL "4201"
#define ACC_MATCH_CENTRAL "4202"
#define ACC_MATCH_OTHER "4203"
#define ACC_DONATIONS "4301"
#define ACC_INTEREST "4401"
#define ACC_OTHER_INCOME "4901"
#define ACC_BENEFITS_MEMBERS "5101"
#define ACC_AID_NONMEMBERS "5102"
#define ACC_ADMIN "5201"
#define ACC_OTHER_EXPENSE "5901"

/* The standard chart of accounts of a community fund; *n gets its length. */
const struct chart_account *ledger_chart(size_t *n);

/* The chart of a paying office's allowance books: the bank account the
 * state's subsidy arrives in and allowances leave from, allowances payable,
 * the subsidy, and allowances paid (one expense account per program,
 * 5301-NNN, is added by the application as programs are paid). */
#define ACC_OFFICE_BANK "1102"
#define ACC_ALLOWANCES_PAYABLE "2102"
#define ACC_SUBSIDY "4501"
#define ACC_ALLOWANCES "5301"
const struct chart_account *ledger_office_chart(size_t *n);
const char *account_type_name(enum account_type t); /* "asset", ... */
enum account_type account_type_parse(const char *s);  /* 0 when unknown */
/* True for types whose balance is normally a debit (asset, expense). */
bool account_debit_normal(enum account_type t);

/* One line of an entry: exactly one of debit and credit is positive. */
struct ledger_line {
	int64_t account_id;
	int64_t debit;
	int64_t credit;
};

/* An entry holds at most this many lines (a receipt for a joining fee and
 * contributions has three). */
#define LEDGER_MAX_LINES 16

/*
 * Checks an entry: 2..LEDGER_MAX_LINES lines, each with a known account
 * (account_id > 0) and exactly one positive side, no amount above
 * 10^15 satang, and debits equal to credits. *total gets the sum of debits.
 * ERR_INVALID otherwise, naming the first fault.
 */
int ledger_check(const struct ledger_line *lines, size_t n, int64_t *total, struct err *e);

#endif
