/*
 * Community welfare funds in the database: rows in, rows out. Rules live in
 * core/fund, core/ledger and app/fund. Functions that write expect the
 * caller's transaction; money rows are written together with their journal
 * entry (store/ledger.c) by app/fund.c.
 *
 * Row structs hold their text in fixed arrays, so a list is released by
 * freeing its items (*_list_release); text too long for its array was
 * refused at the edge.
 */
#ifndef SAWAT_STORE_FUND_H
#define SAWAT_STORE_FUND_H

#include "core/date.h"
#include "core/fund.h"
#include "core/ledger.h"
#include "store/db.h"

#define DECLARE_LIST(name, type)                      \
	struct name {                                 \
		struct type *items; /* owned */        \
		size_t n, cap;                        \
	};                                            \
	void name##_release(struct name *l);          \
	struct type *name##_push(struct name *l)

/* Defines name_release and name_push for a DECLARE_LIST of plain structs. */
#define DEFINE_LIST(name, type)                                     \
	void name##_release(struct name *l)                         \
	{                                                           \
		free(l->items);                                     \
		l->items = NULL;                                    \
		l->n = l->cap = 0;                                  \
	}                                                           \
	struct type *name##_push(struct name *l)                    \
	{                                                           \
		ALLOC_GROW(l->items, l->n + 1, l->cap);             \
		memset(&l->items[l->n], 0, sizeof(l->items[0]));    \
		return &l->items[l->n++];                           \
	}

struct fund {
	int64_t id, book_id;              /* book_id: the fund's ledger (store/ledger.h) */
	char area[16], province[4];
	char name[256], reg_no[64];
	struct date founded_on;
	bool juristic;
	char juristic_no[64], address[512], phone[32];
	struct date closed_through;   /* the book's; zero: nothing closed */
	int64_t members_active;
	char area_name[128];          /* the tambon's Thai name (lists) */
};
DECLARE_LIST(fund_list, fund);

struct fund_branch {
	int64_t id, fund_id;
	char area[16], name[256];
	int64_t members;              /* active members */
};
DECLARE_LIST(fund_branch_list, fund_branch);

struct committee_member {
	int64_t id, fund_id, person_id;
	char role[24];
	struct date term_start, term_end, elected_on;
	char name[256];               /* title given family */
};
DECLARE_LIST(committee_list, committee_member);

struct bank_account {
	int64_t id, fund_id, ledger_account_id;
	char bank[128], branch[128], account_no[32], account_name[256];
	struct date opened_on, closed_on;
	int64_t balance;
};
DECLARE_LIST(bank_account_list, bank_account);

struct statute_row {
	int64_t id, fund_id;
	struct date effective_from, approved_on;
	char note[512];
	char *rules;                  /* JSON, owned (statute_list_release frees it) */
	char created_by[40];
};
DECLARE_LIST(statute_list, statute_row);

struct member {
	int64_t id, fund_id, person_id, member_no, branch_id;
	struct date joined_on, seniority_from, ended_on;
	int64_t joining_fee, paid_total;
	char beneficiary_name[256], beneficiary_relation[64];
	int64_t beneficiary_person_id;
	char status[16];              /* active, resigned, deceased, transferred */
	char end_reason[256];
	int64_t transferred_from, transferred_to;
	/* from the registry */
	char name[256], national_id[14], area[16];
	struct date birth, death;
	/* computed by app/fund.c on the query's date */
	struct member_standing standing;
	int64_t due_now;              /* what the collection sheet expects this month */
};
DECLARE_LIST(member_list, member);

struct member_event {
	int64_t id, member_id;
	char status[16], note[256], created_by[40];
	struct date on_date;
};
DECLARE_LIST(member_event_list, member_event);

struct receipt {
	int64_t id, fund_id, receipt_no, member_id, member_no, total, entry_id;
	struct date issued_on, voided_on;
	char payer_name[256], method[16], void_reason[256], created_by[40];
	int64_t fee, contribution;    /* the parts */
	char fund_name[256];
};
DECLARE_LIST(receipt_list, receipt);

struct claim {
	int64_t id, fund_id, claim_no, member_id, person_id, statute_id, amount, resubmits;
	int64_t approve_entry_id, pay_entry_id, units, member_no;
	char benefit[FUND_CODE_MAX], status[16];
	struct date event_date, paid_on;
	char note[512], decision_note[512];
	char *calc;                   /* JSON lines, owned (claim_release) */
	char name[256];               /* the person's */
	char created_by[40], created_at[32];
};
void claim_release(struct claim *c);
DECLARE_LIST(claim_list, claim);

struct claim_step {
	int64_t id, claim_id;
	char status[16], note[512], actor[40], at[32];
};
DECLARE_LIST(claim_step_list, claim_step);

struct pledge {
	int64_t id, fund_id, amount, received, matched_contributions;
	char source[16], source_name[256], note[512];
	struct date pledged_on, match_from, match_to;
};
DECLARE_LIST(pledge_list, pledge);

struct account {
	int64_t id, book_id;
	char code[16], name_th[256], name_en[256];
	enum account_type type;
	bool admin, cash;
	int64_t balance;              /* debits - credits (stored, or for the asked dates) */
	int64_t debit, credit;        /* totals for the asked dates */
};
DECLARE_LIST(account_list, account);

struct entry {
	int64_t id, book_id, entry_no, source_id, reverses, reversed_by, total;
	struct date posted_on;
	char description[512], source[16], created_by[40];
	struct ledger_line lines[LEDGER_MAX_LINES];
	char line_code[LEDGER_MAX_LINES][16];
	int nlines;
};
DECLARE_LIST(entry_list, entry);

struct cashbook_line {
	int64_t entry_id, entry_no, account_id, debit, credit, running;
	struct date posted_on;
	char account_code[16], description[512];
	char source[16];              /* the entry's: receipt, claim, income, ... */
	int64_t source_id;
	int64_t receipt_no;           /* the receipt's number for source "receipt", else 0 */
};
DECLARE_LIST(cashbook_list, cashbook_line);

/* ---- funds ---- */
int fund_insert(struct db *db, const struct fund *f, const char *now, int64_t *id, struct err *e);
int fund_update(struct db *db, const struct fund *f, const char *now, struct err *e);
int fund_get(struct db *db, int64_t id, struct fund *out, struct err *e);
/* The fund that keeps a book; ERR_NOT_FOUND when the book is not a fund's. */
int fund_of_book(struct db *db, int64_t book_id, int64_t *fund_id, struct err *e);
/* Takes the fund's write lock for the rest of the transaction (PostgreSQL
 * row lock; SQLite already holds the database's). ERR_NOT_FOUND if missing. */
int fund_lock(struct db *db, int64_t id, struct err *e);
/* Takes and advances one of the fund's counters: "member", "receipt", "claim". */
int fund_next_no(struct db *db, int64_t fund_id, const char *which, int64_t *no, struct err *e);
int fund_list_area(struct db *db, const char *area_prefix, struct fund_list *out, struct err *e);
int fund_add_members_active(struct db *db, int64_t id, int delta, struct err *e);

int fund_branch_insert(struct db *db, int64_t fund_id, const char *area, const char *name,
		       const char *now, int64_t *id, struct err *e);
int fund_branch_get(struct db *db, int64_t id, struct fund_branch *out, struct err *e);
int fund_branch_list(struct db *db, int64_t fund_id, struct fund_branch_list *out, struct err *e);

int committee_insert(struct db *db, const struct committee_member *c, const char *now,
		     int64_t *id, struct err *e);
int committee_list_fund(struct db *db, int64_t fund_id, struct date asof,
			struct committee_list *out, struct err *e);

int bank_insert(struct db *db, const struct bank_account *b, const char *now, int64_t *id,
		struct err *e);
int bank_list(struct db *db, int64_t fund_id, struct bank_account_list *out, struct err *e);

int statute_insert(struct db *db, int64_t fund_id, struct date effective, const char *rules,
		   struct date approved_on, const char *note, const char *by, const char *now,
		   int64_t *id, struct err *e);
int statute_list_fund(struct db *db, int64_t fund_id, struct statute_list *out, struct err *e);
/*
 * The fund's statute versions parsed, oldest first (*v malloc'd, caller
 * frees), with their row ids in *ids (malloc'd, may be NULL).
 */
int statute_load(struct db *db, int64_t fund_id, struct statute_version **v, int64_t **ids,
		 size_t *n, struct err *e);

/* ---- members ---- */
int member_insert(struct db *db, const struct member *m, const char *now, int64_t *id,
		  struct err *e);
int member_get(struct db *db, int64_t id, struct member *out, struct err *e);
/* The active membership of a person in any fund, 0 when none. */
int member_active_of_person(struct db *db, int64_t person_id, int64_t *member_id, struct err *e);
int member_set_status(struct db *db, int64_t id, const char *status, struct date ended_on,
		      const char *reason, int64_t transferred_to, const char *now, struct err *e);
int member_add_paid(struct db *db, int64_t id, int64_t amount, struct err *e);
/* Members of a fund (status "" any, branch 0 any), by member number. */
int member_list_fund(struct db *db, int64_t fund_id, const char *status, int64_t branch_id,
		     int limit, int64_t offset, struct member_list *out, struct err *e);
int member_event_insert(struct db *db, int64_t member_id, const char *status, struct date on,
			const char *note, const char *by, const char *now, struct err *e);
int member_event_list_of(struct db *db, int64_t member_id, struct member_event_list *out,
			 struct err *e);

/* ---- receipts and contributions ---- */
int receipt_insert(struct db *db, const struct receipt *r, const char *now, int64_t *id,
		   struct err *e);
int receipt_get(struct db *db, int64_t id, struct receipt *out, struct err *e);
int receipt_list_of(struct db *db, int64_t fund_id, int64_t member_id, int limit, int64_t offset,
		    struct receipt_list *out, struct err *e);
int receipt_set_void(struct db *db, int64_t id, struct date on, const char *reason,
		     struct err *e);
int contribution_insert(struct db *db, int64_t fund_id, int64_t member_id, int64_t receipt_id,
			const char *kind, int64_t amount, struct date paid_on, const char *now,
			struct err *e);
/* Sum of members' contributions (kind contribution) paid between from and to. */
int contribution_sum(struct db *db, int64_t fund_id, struct date from, struct date to,
		     int64_t *sum, struct err *e);

/* ---- claims ---- */
int claim_insert(struct db *db, const struct claim *c, const char *now, int64_t *id,
		 struct err *e);
int claim_get(struct db *db, int64_t id, struct claim *out, struct err *e);
/* Rewrites status, amount, calc, decision_note, entries and paid_on. */
int claim_update(struct db *db, const struct claim *c, const char *now, struct err *e);
int claim_list_fund(struct db *db, int64_t fund_id, const char *status, int limit,
		    int64_t offset, struct claim_list *out, struct err *e);
/* Approved or paid claims of a person for a benefit in a fund, except one id. */
int claim_history_of(struct db *db, int64_t fund_id, int64_t person_id, const char *benefit,
		     int64_t except_id, struct claim_history **h, size_t *n, struct err *e);
/* Non-member aid paid by a fund in a calendar year. */
int claim_nonmember_year(struct db *db, int64_t fund_id, int year, int64_t *sum, struct err *e);
/* Whether the person had another claim paid by the fund in the year. */
int claim_paid_before_in_year(struct db *db, int64_t fund_id, int64_t person_id, int year,
			      int64_t except_id, bool *yes, struct err *e);
int claim_step_insert(struct db *db, int64_t claim_id, const char *status, const char *note,
		      const char *actor, const char *now, struct err *e);
int claim_step_list_of(struct db *db, int64_t claim_id, struct claim_step_list *out,
		       struct err *e);

/* ---- pledges, income, expenses ---- */
int pledge_insert(struct db *db, const struct pledge *p, const char *by, const char *now,
		  int64_t *id, struct err *e);
int pledge_get(struct db *db, int64_t id, struct pledge *out, struct err *e);
int pledge_list_fund(struct db *db, int64_t fund_id, struct pledge_list *out, struct err *e);
int income_insert(struct db *db, int64_t fund_id, const char *kind, const char *source_name,
		  int64_t pledge_id, int64_t amount, struct date on, int64_t account_id,
		  int64_t entry_id, const char *note, const char *by, const char *now, int64_t *id,
		  struct err *e);
int expense_insert(struct db *db, int64_t fund_id, const char *kind, const char *description,
		   int64_t amount, struct date on, int64_t from_account, int64_t to_account,
		   int64_t entry_id, const char *by, const char *now, int64_t *id, struct err *e);

/* ---- yearly totals (roll-ups) ---- */
/* Adds to one column of fund_year (creating the row): contributions,
 * matching, other_income, benefits_members, benefits_nonmembers,
 * admin_expense, helped_members, helped_nonmembers, claims_paid. */
int fund_year_add(struct db *db, int64_t fund_id, const char *area, int year, const char *column,
		  int64_t delta, struct err *e);

/* Area roll-ups: one row per child area of an area (provinces of the
 * nation, districts of a province, tambons of a district; a tambon gives
 * itself) and the total, for one year. */
struct fund_rollup_row {
	char area[16];
	char name_th[128], name_en[128];
	int64_t funds, members, money;
	int64_t contributions, matching, benefits, helped_members, helped_nonmembers;
};
struct fund_rollup {
	struct fund_rollup_row *rows; /* owned */
	size_t n;
	struct fund_rollup_row total;
};
void fund_rollup_release(struct fund_rollup *r);
/* area: "TH", a DOPA prefix, or a region code ("north", ...: its provinces);
 * by_region (with "TH"): one row per region instead of per province. */
int fund_rollup_query(struct db *db, const char *area, int year, bool by_region,
		      struct fund_rollup *out, struct err *e);

/* One fund's yearly totals (all zero when there is no row). */
struct fund_year_row {
	int64_t contributions, matching, donations, other_income;
	int64_t benefits_members, benefits_nonmembers, admin_expense, other_expense;
	int64_t helped_members, helped_nonmembers, claims_paid;
};
int fund_year_get(struct db *db, int64_t fund_id, int year, struct fund_year_row *out,
		  struct err *e);
/* Active members with an active need of a disadvantage kind on asof. */
int member_count_disadvantaged(struct db *db, int64_t fund_id, struct date asof, int64_t *n,
			       struct err *e);
/* Adds the count and sum of claims paid in a year to the matching rows of
 * totals (by benefit code; unknown codes are appended while *n < max), and
 * counts the open claims (submitted or checked). */
struct benefit_total {
	char code[FUND_CODE_MAX];
	char name_th[FUND_NAME_MAX], name_en[FUND_NAME_MAX];
	int64_t count, amount;
};
int claim_totals_year(struct db *db, int64_t fund_id, int year, struct benefit_total *totals,
		      int *n, int max, int64_t *open, struct err *e);

/* ---- idempotency ---- */
/* Looks up a key: *found and the stored result id; ERR_CONFLICT when the key
 * was used for a different request (operation or hash). */
int idem_find(struct db *db, int64_t actor_id, const char *key, const char *operation,
	      const char *request_hash, bool *found, int64_t *result_id, struct err *e);
int idem_insert(struct db *db, int64_t actor_id, const char *key, const char *operation,
		const char *request_hash, int64_t result_id, const char *now, struct err *e);

#endif
