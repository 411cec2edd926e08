/*
 * Community welfare funds, as the people who run them use them: the fund,
 * its branches, committee, bank accounts and statute; members and their
 * standing; payments with receipts (one at a time or a whole collection
 * sheet at the monthly meeting); claims from submission to payment; matching
 * money, other income and expenses; and the fund's ledger and reports.
 *
 * Access: a fund belongs to its tambon (fund.area). Reading needs PERM_READ
 * and the fund's area inside the actor's scope; every change needs
 * PERM_WRITE there (fund committees, local officers and above; auditors only
 * read). Every change is audited (entity "fund", the fund's id).
 *
 * Money: every use case that moves money posts a balanced journal entry
 * (app/ledger.c) in the same transaction as its record, and takes an
 * idempotency key (NULL or "" for none): a repeat of the same key by the same
 * user returns the first call's result and moves nothing; the same key with a
 * different request is ERR_CONFLICT. Dates of money movements must lie after
 * the fund's closed period and not in the future.
 *
 * Dates in *_in structs are text as the user typed them (ISO or B.E.).
 * Structs returned own their strings (the matching *_release).
 */
#ifndef SAWAT_APP_FUND_H
#define SAWAT_APP_FUND_H

#include "app/app.h"
#include "core/fund.h"
#include "core/ledger.h"
#include "store/fund.h"

/* ---- funds ---- */
struct fund_in {
	const char *area;          /* tambon code */
	const char *name;
	const char *reg_no;
	const char *founded_on;
	bool juristic;
	const char *juristic_no;
	const char *address;
	const char *phone;
};
/* Creates a fund with the standard chart of accounts and the default statute
 * (core/fund.c) in force from its founding date. */
int app_fund_add(struct app *app, const struct actor *a, const struct fund_in *in, int64_t *id,
		 struct err *e);
int app_fund_update(struct app *app, const struct actor *a, int64_t id, const struct fund_in *in,
		    struct err *e);
int app_fund_get(struct app *app, const struct actor *a, int64_t id, struct fund *out,
		 struct err *e);
/* Funds inside area (NULL: the actor's scope), by area then name. */
int app_fund_list(struct app *app, const struct actor *a, const char *area,
		  struct fund_list *out, struct err *e);

int app_fund_branch_add(struct app *app, const struct actor *a, int64_t fund_id,
			const char *area, const char *name, int64_t *id, struct err *e);
int app_fund_branches(struct app *app, const struct actor *a, int64_t fund_id,
		      struct fund_branch_list *out, struct err *e);

/* role: chair, vice_chair, treasurer, secretary, auditor, member. */
int app_fund_committee_add(struct app *app, const struct actor *a, int64_t fund_id,
			   int64_t person_id, const char *role, const char *term_start,
			   const char *term_end, int64_t *id, struct err *e);
/* The committee serving on date asof (zero date: everyone ever). */
int app_fund_committee(struct app *app, const struct actor *a, int64_t fund_id,
		       struct date asof, struct committee_list *out, struct err *e);

/* Opens a bank account; it gets its own ledger account (1102-NN). */
int app_fund_bank_add(struct app *app, const struct actor *a, int64_t fund_id, const char *bank,
		      const char *branch, const char *account_no, const char *account_name,
		      const char *opened_on, int64_t *id, struct err *e);
int app_fund_banks(struct app *app, const struct actor *a, int64_t fund_id,
		   struct bank_account_list *out, struct err *e);

/*
 * Adds a version of the statute (JSON, core/fund.h) in force from
 * effective_from, which must be later than the latest version's and after
 * the closed period. The members' meeting date approved_on is optional.
 */
int app_fund_statute_add(struct app *app, const struct actor *a, int64_t fund_id,
			 const char *effective_from, const char *rules_json, const char *approved_on,
			 const char *note, int64_t *id, struct err *e);
/* All versions, oldest first. */
int app_fund_statutes(struct app *app, const struct actor *a, int64_t fund_id,
		      struct statute_list *out, struct err *e);

/* ---- members ---- */
struct member_in {
	int64_t person_id;
	const char *joined_on;
	int64_t branch_id;           /* 0: none */
	const char *beneficiary_name;
	int64_t beneficiary_person_id; /* 0: not in the registry */
	const char *beneficiary_relation;
	const char *method;          /* how the joining fee was paid: cash, transfer */
};
/*
 * Enrols a registry person (alive, in the actor's scope, not an active member
 * of any fund) with the next member number; the statute's joining fee is
 * received with a receipt (*receipt_id, 0 when the fee is 0).
 */
int app_member_add(struct app *app, const struct actor *a, int64_t fund_id,
		   const struct member_in *in, const char *idem_key, int64_t *id,
		   int64_t *receipt_id, struct err *e);
/* The member with their standing on asof (zero: today). */
int app_member_get(struct app *app, const struct actor *a, int64_t id, struct date asof,
		   struct member *out, struct member_standing *standing, struct err *e);
/*
 * A fund's members (filter: status "" any, or active, resigned, deceased,
 * transferred, or the computed in_arrears / suspended; branch 0 any), by
 * member number, with standing on asof; paged by limit/offset.
 */
struct member_query {
	int64_t fund_id;
	const char *status;
	int64_t branch_id;
	struct date asof;
	int limit;
	int64_t offset;
};
int app_member_list(struct app *app, const struct actor *a, const struct member_query *q,
		    struct member_list *out, struct err *e);
/* Ends a membership: status "resigned" (or "deceased") from date. */
int app_member_end(struct app *app, const struct actor *a, int64_t id, const char *status,
		   const char *date, const char *note, struct err *e);
/* Moves a member to another fund from date: ends this membership as
 * "transferred" and enrols them there keeping their seniority. */
int app_member_transfer(struct app *app, const struct actor *a, int64_t id, int64_t to_fund_id,
			const char *date, int64_t *new_id, struct err *e);
/* The membership's life events, oldest first. */
int app_member_events(struct app *app, const struct actor *a, int64_t id,
		      struct member_event_list *out, struct err *e);

/* ---- payments and receipts ---- */
/* Records a contribution payment with a receipt. */
int app_fund_pay(struct app *app, const struct actor *a, int64_t member_id, int64_t amount,
		 const char *paid_on, const char *method, const char *idem_key, int64_t *receipt_id,
		 struct err *e);

/* One line of a collection sheet: amount 0 means the member did not pay. */
struct collect_item {
	int64_t member_id;
	int64_t amount;
	int64_t receipt_id;          /* out: the receipt issued, 0 when nothing was paid */
};
/*
 * The monthly meeting: records every payment of a sheet at once, all or
 * nothing, one receipt per paying member. Members must belong to the fund
 * (and to branch_id when it is not 0) and be active.
 */
int app_fund_collect(struct app *app, const struct actor *a, int64_t fund_id, int64_t branch_id,
		     const char *paid_on, const char *method, struct collect_item *items, size_t n,
		     const char *idem_key, struct err *e);
/* The collection sheet for a branch (0: all) on date: active members with
 * what each owes this month and in arrears (members' standing on date). */
int app_fund_sheet(struct app *app, const struct actor *a, int64_t fund_id, int64_t branch_id,
		   const char *date, struct member_list *out, struct err *e);
int app_receipt_get(struct app *app, const struct actor *a, int64_t id, struct receipt *out,
		    struct err *e);
int app_receipt_list(struct app *app, const struct actor *a, int64_t fund_id, int64_t member_id,
		     int limit, int64_t offset, struct receipt_list *out, struct err *e);
/* Voids a receipt by reversing its entry (dated date, after the closed period). */
int app_receipt_void(struct app *app, const struct actor *a, int64_t id, const char *date,
		     const char *reason, struct err *e);

/* ---- claims ---- */
struct claim_in {
	int64_t member_id;           /* 0: aid to a non-member ... */
	int64_t person_id;           /* ... who is this registry person */
	const char *benefit;
	const char *event_date;
	int units;
	const char *note;
	int64_t resubmits;           /* a rejected claim this one resubmits, or 0 */
};
/* Submits a claim; its amount is computed at once under the statute in force
 * on the event date, and again at each later step. */
int app_claim_submit(struct app *app, const struct actor *a, int64_t fund_id,
		     const struct claim_in *in, int64_t *id, struct err *e);
/* The committee's steps. action: "check", "approve", "reject". Approving a
 * claim that computes to 0 or is not eligible is refused (ERR_CONFLICT with the
 * reason); approval posts benefits expense / benefits payable. */
int app_claim_step(struct app *app, const struct actor *a, int64_t id, const char *action,
		   const char *note, struct err *e);
/* Pays an approved claim from a cash or bank account (0: cash). */
int app_claim_pay(struct app *app, const struct actor *a, int64_t id, const char *paid_on,
		  int64_t account_id, const char *idem_key, struct err *e);
int app_claim_get(struct app *app, const struct actor *a, int64_t id, struct claim *out,
		  struct claim_step_list *steps, struct err *e);
int app_claim_list(struct app *app, const struct actor *a, int64_t fund_id, const char *status,
		   int limit, int64_t offset, struct claim_list *out, struct err *e);

/* ---- matching money, income, expenses ---- */
/* source: local_gov, central_gov, other. */
int app_fund_pledge_add(struct app *app, const struct actor *a, int64_t fund_id,
			const char *source, const char *source_name, int64_t amount,
			const char *pledged_on, const char *match_from, const char *match_to,
			const char *note, int64_t *id, struct err *e);
/* Pledges with what has been received against each, and the members'
 * contributions in the period each matches. */
int app_fund_pledges(struct app *app, const struct actor *a, int64_t fund_id,
		     struct pledge_list *out, struct err *e);
/* kind: local_gov, central_gov, other_match, donation, interest, other. account_id 0: cash. */
struct income_in {
	const char *kind;
	const char *source_name;
	int64_t pledge_id;
	int64_t amount;
	const char *received_on;
	int64_t account_id;
	const char *note;
};
int app_fund_income_add(struct app *app, const struct actor *a, int64_t fund_id,
			const struct income_in *in, const char *idem_key, int64_t *id,
			struct err *e);
/* kind: admin, other, transfer (to_account_id then names the cash or bank account). */
struct expense_in {
	const char *kind;
	const char *description;
	int64_t amount;
	const char *paid_on;
	int64_t from_account_id;     /* 0: cash */
	int64_t to_account_id;       /* transfers only */
};
int app_fund_expense_add(struct app *app, const struct actor *a, int64_t fund_id,
			 const struct expense_in *in, const char *idem_key, int64_t *id,
			 struct err *e);

/* ---- ledger ---- */
/* The reads (accounts, journal, balances, cash book) are app/ledger.h's on
 * the fund's book, after the fund's own read check: ERR_NOT_FOUND for no
 * such fund; out is left empty on failure. */
int app_ledger_accounts(struct app *app, const struct actor *a, int64_t fund_id,
			struct account_list *out, struct err *e);
/* Journal entries between two dates (zero dates: open ends), newest first. */
int app_ledger_journal(struct app *app, const struct actor *a, int64_t fund_id, struct date from,
		       struct date to, int limit, int64_t offset, struct entry_list *out,
		       struct err *e);
/* Reverses an income or expense entry (receipts and claims have their own
 * use cases) with an entry dated date. */
int app_ledger_reverse(struct app *app, const struct actor *a, int64_t entry_id,
		       const char *date, const char *reason, int64_t *reversal_id, struct err *e);
/* Closes the books through date (the last day of a month, after the last
 * close and before today): no entry may be dated on or before it again. */
int app_ledger_close(struct app *app, const struct actor *a, int64_t fund_id, const char *date,
		     struct err *e);

/* Account balances on asof (trial balance, balance sheet) or movements
 * between from and to (income statement): amounts per account. */
int app_ledger_balances(struct app *app, const struct actor *a, int64_t fund_id,
			struct date from, struct date to, struct account_list *out,
			struct err *e);
/* The cash book: cash and bank lines between from and to with the opening
 * balance and a running balance. */
int app_ledger_cashbook(struct app *app, const struct actor *a, int64_t fund_id,
			struct date from, struct date to, int64_t *opening,
			struct cashbook_list *out, struct err *e);

/* ---- dashboard and roll-ups ---- */
struct fund_dashboard {
	struct date asof;
	int64_t members[5];          /* active (in good standing), in_arrears, suspended, resigned + transferred, deceased */
	int64_t groups[4];           /* active members by target group: child/youth, working, elderly, disadvantaged */
	int64_t money;               /* cash and bank */
	int64_t payable;             /* approved claims not yet paid */
	int64_t year_in[4];          /* this year: contributions + fees, matching, donations, other */
	int64_t year_out[3];         /* this year: member benefits, non-member aid, admin + other */
	int64_t year_income, year_admin; /* for the admin limit */
	int admin_limit_bp;
	bool admin_over;             /* admin costs above the statute's limit */
	int64_t arrears_total;       /* owed by members in arrears */
	struct benefit_total benefits[FUND_MAX_BENEFITS]; /* paid this year, by benefit */
	int nbenefits;
	int64_t claims_open;         /* submitted or checked */
};
int app_fund_dashboard(struct app *app, const struct actor *a, int64_t fund_id, struct date asof,
		       struct fund_dashboard *out, struct err *e);

/* Area roll-up for a year (struct fund_rollup: store/fund.h). */
/* area: "TH", a DOPA prefix or a region code (north, northeast, central, east,
 * west, south: its provinces; national users only). */
int app_fund_rollup(struct app *app, const struct actor *a, const char *area, int year,
		    struct fund_rollup *out, struct err *e);

/* The nation by region: one row per region (national users only). */
int app_fund_rollup_regions(struct app *app, const struct actor *a, int year,
			    struct fund_rollup *out, struct err *e);

/* Checks every fund's books: each entry balances, each account's balance is
 * the sum of its lines, receipts, contributions and paid claims match their
 * entries, members' paid totals match their contributions. *problems counts
 * faults, each described by report (may be NULL). */
int app_fund_verify(struct app *app, long *problems,
		    void (*report)(void *ctx, const char *msg), void *ctx, struct err *e);

/* The registry death hook: ends the person's active membership as deceased. */
void app_fund_register_hooks(void);

#endif
