/*
 * The Social Welfare Promotion Fund's use cases: calls for proposals on the
 * national channel and each province's, applications by eligible
 * organisations, screening, review with declared conflicts and a rubric,
 * decisions, agreements with a tranche plan, disbursements posted to the
 * channel's book, progress and final reports, awards with a certificate
 * PDF, and the grants report with its area roll-ups.
 *
 * Who may do what: a call, and every officer's step on its applications
 * (screen, review, decide, sign, disburse, close, award), belongs to a
 * national admin (any channel) or a province officer whose scope holds the
 * call's area, so a province officer manages only their province's calls.
 * Anyone who may write in the project's area (not volunteers) enters an
 * application for an organisation and records its reports; reviewers are
 * officers or fund committee members who can see the application. Reading
 * an application needs the project's area in scope.
 *
 * Every write runs in one transaction with its audit entry; money moves
 * (a call's budget allocation, the commitment at signing, each tranche) are
 * balanced entries in the channel's book through ledger_post, under the
 * call's lock, and take an optional idempotency key. A failure changes
 * nothing. Returned lists and details are owned by the caller.
 */
#ifndef SAWAT_APP_GRANT_H
#define SAWAT_APP_GRANT_H

#include "app/app.h"
#include "core/grant.h"
#include "lib/buf.h"
#include "store/grant.h"
#include "store/ledger.h"

struct grant_call_in {
	const char *channel;      /* national, provincial */
	const char *area;         /* 'TH' for national, the province code for provincial */
	const char *title;
	int year;                 /* C.E.; 0: the year of opens_on */
	const char *opens_on, *closes_on; /* ISO or B.E. d/m/yyyy */
	int64_t budget;           /* satang, > 0 */
	const char *tiers;        /* "small,medium,large" or a subset; NULL: all */
	int min_reviews;          /* 1..9; 0: 2 */
};
int app_grant_call_add(struct app *app, const struct actor *a, const struct grant_call_in *in,
		       const char *idem_key, int64_t *id, struct err *e);
int app_grant_call_get(struct app *app, const struct actor *a, int64_t id,
		       struct grant_call *out, struct err *e);
/* The calls the actor can see: the national ones and those in scope. */
int app_grant_call_list(struct app *app, const struct actor *a, struct grant_call_list *out,
			struct err *e);

/* Organisations that may apply to a call and that the actor may apply for. */
int app_grant_orgs(struct app *app, const struct actor *a, const struct grant_call *c,
		   struct grant_org_list *out, struct err *e);

struct grant_app_in {
	int64_t call_id, org_id;
	const char *area;         /* where the project runs; NULL: the organisation's area */
	const char *title, *summary, *target_groups, *pillar;
	const struct grant_line *lines;   /* item, amount (satang); line_no ignored */
	size_t nlines;
	const struct grant_indicator *indicators; /* name, unit, target */
	size_t nindicators;
};
/* A draft application; the requested total is the sum of the lines and
 * must fit one of the call's tiers; the organisation must be eligible. */
int app_grant_apply(struct app *app, const struct actor *a, const struct grant_app_in *in,
		    int64_t *id, struct err *e);
/* draft -> submitted, while the call is open (opens_on..closes_on). */
int app_grant_submit(struct app *app, const struct actor *a, int64_t id, struct err *e);
/* submitted -> screened when complete and eligible, else declined (note required). */
int app_grant_screen(struct app *app, const struct actor *a, int64_t id, bool complete,
		     bool eligible, const char *note, struct err *e);
/* screened -> under_review. */
int app_grant_review(struct app *app, const struct actor *a, int64_t id, struct err *e);
/* The acting reviewer's declaration of interest, once per application. */
int app_grant_declare(struct app *app, const struct actor *a, int64_t id, bool conflict,
		      const char *note, struct err *e);
/* The acting reviewer's scores (criterion codes of core/grant's rubric);
 * refused without a declaration, or with a declared conflict. */
int app_grant_score(struct app *app, const struct actor *a, int64_t id,
		    const struct grant_score *scores, size_t n, struct err *e);
/* under_review -> approved (amount 1..requested, within the call's budget)
 * or declined (reason required); needs the call's number of complete scores. */
int app_grant_decide(struct app *app, const struct actor *a, int64_t id, bool approve,
		     int64_t amount, const char *text, struct err *e);
/* approved -> agreement_signed: the agreement number, date and tranche plan
 * (amounts summing to the approved amount); posts the commitment. */
int app_grant_sign(struct app *app, const struct actor *a, int64_t id, const char *agreement_no,
		   const char *signed_on, const int64_t *tranches, size_t ntranches,
		   const char *idem_key, struct err *e);
/* Pays tranche no (the next unpaid one) on paid_on: posts it; the first
 * one moves the application to in_progress. */
int app_grant_disburse(struct app *app, const struct actor *a, int64_t id, int no,
		       const char *paid_on, const char *idem_key, struct err *e);
/* A progress or final report ("progress", "final") with indicator outcomes
 * (actual[i] for indicator i + 1; < 0: not reported); final -> reported. */
int app_grant_report(struct app *app, const struct actor *a, int64_t id, const char *kind,
		     const char *report_on, const char *body, const int64_t *actual, size_t n,
		     int64_t *report_id, struct err *e);
/* reported -> closed, when every tranche is paid. */
int app_grant_close(struct app *app, const struct actor *a, int64_t id, const char *note,
		    struct err *e);
/* An award for a closed project; cert_no gets the certificate number. */
int app_grant_award(struct app *app, const struct actor *a, int64_t id, const char *title,
		    const char *awarded_on, char cert_no[32], struct err *e);

/* An application with everything about it. */
struct grant_detail {
	struct grant_app app;
	struct grant_call call;
	struct grant_line_list lines;
	struct grant_indicator_list indicators;
	struct grant_step_list steps;
	struct grant_reviewer_list reviewers;
	struct grant_score_list scores;
	struct grant_tranche_list tranches;
	struct grant_report_list reports;
	bool has_award;
	struct grant_award award;
	int complete_reviews;     /* reviewers without conflict who scored every criterion */
	int average;              /* mean total score of the complete reviews, 0..100 */
};
int app_grant_get(struct app *app, const struct actor *a, int64_t id, struct grant_detail *out,
		  struct err *e);
void grant_detail_release(struct grant_detail *d);
/* Applications of a call (call_id > 0) or in an area ("" or NULL: the
 * actor's scope), with a status filter, paged by offset. */
int app_grant_list(struct app *app, const struct actor *a, int64_t call_id, const char *area,
		   const char *status, int limit, int64_t offset, struct grant_app_list *out,
		   struct err *e);

/* The award certificate as an A4 landscape PDF (Thai), appended to out. */
int app_grant_certificate(struct app *app, const struct actor *a, int64_t id, struct buf *out,
			  struct err *e);

/* ---- the grants report ---- */
struct grant_sum {
	char code[16];            /* area code, region code, tier or target group code */
	char name_th[128], name_en[128];
	int level;                /* areas: 0 nation, 1 province, -1 region */
	int64_t apps, approved_n; /* applications (not drafts); approved or later */
	int64_t requested, approved, disbursed; /* satang */
};
struct grant_summary {
	struct grant_sum total;
	struct grant_sum *areas;  /* owned: nation, then each region with its provinces */
	size_t nareas;
	struct grant_sum tiers[GRANT_TIER_COUNT - 1];
	struct grant_sum groups[4];
};
/* Grants under area ("" or NULL: the actor's scope) for a year (0: all). */
int app_grant_summary(struct app *app, const struct actor *a, const char *area, int year,
		      struct grant_summary *out, struct err *e);
void grant_summary_release(struct grant_summary *s);
/* The summary as an .xlsx workbook appended to out. */
int app_grant_summary_xlsx(const struct grant_summary *s, bool thai, struct buf *out,
			   struct err *e);

/* Demo data: a provincial call in Phayao with applications at different
 * stages and one award (called from app/demo.c). */
int app_grant_demo(struct app *app, struct err *e);

/* ---- the channels' books ---- */
/*
 * The book of a channel (ledger_book kind 'grant'): area "TH" for the
 * national channel or a province's code. Read with app/ledger.h's reads by
 * out->id. A provincial channel's book is read by that province's staff
 * (a scope holding the province: province officers, auditors) and national
 * roles; the national channel's by national roles only (ERR_FORBIDDEN
 * otherwise, checked before anything is looked up). ERR_INVALID for an
 * area that is neither; ERR_NOT_FOUND while the channel has no book (its
 * first call opens it).
 */
int app_grant_book(struct app *app, const struct actor *a, const char *area,
		   struct ledger_book *out, struct err *e);

#endif
