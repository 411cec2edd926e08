/*
 * The grant fund in the database (migration 0010): calls, each channel's
 * book, applications with their budget lines and indicators, workflow
 * steps, reviewers' declarations and scores, tranches, reports and awards.
 * Rows in, rows out; the rules are core/grant's and app/grant's. Writes
 * expect the caller's transaction. Records are fixed-size structs; a list
 * owns its items array (free with grant_list_release).
 */
#ifndef SAWAT_STORE_GRANT_H
#define SAWAT_STORE_GRANT_H

#include "core/date.h"
#include "store/db.h"

struct grant_call {
	int64_t id;
	char channel[16], area[16], title[512], tiers[32], status[16];
	int year, min_reviews;
	struct date opens_on, closes_on;
	int64_t budget, allocation_entry_id;
	char created_by[40], created_at[32];
};

struct grant_app {
	int64_t id, call_id, org_id;
	char area[16], province[4], title[512], summary[2048], target_groups[128], pillar[16];
	int64_t requested, approved, disbursed, commit_entry_id;
	char tier[8], status[20], screen_note[512], conditions[1024], decision_note[512];
	bool screen_complete, screen_eligible;
	struct date decided_on, signed_on;
	char agreement_no[64], created_by[40], created_at[32], updated_at[32];
	/* Read with the row (joins): */
	char org_name[256], org_kind[32], call_area[16], call_title[512];
	int call_year;
};

struct grant_line {
	int line_no;
	char item[256];
	int64_t amount;           /* satang */
};

struct grant_indicator {
	int line_no;
	char name[256], unit[32];
	int64_t target;
	bool has_actual;
	int64_t actual;
};

struct grant_step {
	char status[20], note[512], actor[40], at[32];
};

struct grant_reviewer {
	char reviewer[40], note[512], declared_at[32];
	bool conflict;
};

struct grant_score {
	char reviewer[40], criterion[24], comment[512];
	int score;
};

struct grant_tranche {
	int no;
	int64_t amount, entry_id;
	struct date paid_on;      /* zero while unpaid */
};

struct grant_report {
	int64_t id;
	char kind[12], created_by[40], created_at[32];
	struct date report_on;
	char body[4096], outcomes[1024];
};

struct grant_award {
	int64_t id, app_id;
	char title[256], cert_no[32], created_by[40];
	struct date awarded_on;
};

/* A list of any of the records above: items owned. */
#define GRANT_LIST(name, type)                                                                \
	struct name {                                                                         \
		type *items;                                                                  \
		size_t n, cap;                                                                \
	}
struct grant_org {
	int64_t id;
	char name[256];
};
GRANT_LIST(grant_org_list, struct grant_org);
GRANT_LIST(grant_call_list, struct grant_call);
GRANT_LIST(grant_app_list, struct grant_app);
GRANT_LIST(grant_line_list, struct grant_line);
GRANT_LIST(grant_indicator_list, struct grant_indicator);
GRANT_LIST(grant_step_list, struct grant_step);
GRANT_LIST(grant_reviewer_list, struct grant_reviewer);
GRANT_LIST(grant_score_list, struct grant_score);
GRANT_LIST(grant_tranche_list, struct grant_tranche);
GRANT_LIST(grant_report_list, struct grant_report);
/* Frees any list above (pass &l.items, &l.n, &l.cap through the macro). */
#define grant_list_release(l)                                                                 \
	do {                                                                                  \
		free((l)->items);                                                             \
		(l)->items = NULL;                                                            \
		(l)->n = (l)->cap = 0;                                                        \
	} while (0)

/* ---- calls and books ---- */
int grant_call_insert(struct db *db, const struct grant_call *c, int64_t *id, struct err *e);
int grant_call_get(struct db *db, int64_t id, struct grant_call *out, struct err *e);
/* Calls whose area is 'TH' or lies under area_prefix ("" for all), newest first. */
int grant_call_list(struct db *db, const char *area_prefix, struct grant_call_list *out,
		    struct err *e);
/* Serialises money moves within a call (bumps its lock_seq). */
int grant_call_lock(struct db *db, int64_t id, struct err *e);
int grant_call_set_entry(struct db *db, int64_t id, int64_t entry_id, struct err *e);
/* Sum of approved amounts of the call's applications that are approved or later. */
int grant_call_committed(struct db *db, int64_t id, int64_t *sum, struct err *e);
/* The channel's book for 'TH' or a province; *book_id 0 when none yet. */
int grant_book_get(struct db *db, const char *area, int64_t *book_id, struct err *e);
int grant_book_insert(struct db *db, const char *area, int64_t book_id, struct err *e);

/* Active organisations under an area prefix that may apply (by kind), by name. */
int grant_orgs(struct db *db, const char *area_prefix, struct grant_org_list *out,
	       struct err *e);

/* ---- applications ---- */
/* Inserts the application with its lines and indicators; *id gets its id. */
int grant_app_insert(struct db *db, const struct grant_app *a, const struct grant_line *lines,
		     size_t nlines, const struct grant_indicator *ind, size_t nind, int64_t *id,
		     struct err *e);
int grant_app_get(struct db *db, int64_t id, struct grant_app *out, struct err *e);
/* Writes every mutable field (status, screening, decision, agreement, money). */
int grant_app_update(struct db *db, const struct grant_app *a, const char *now, struct err *e);
/* Applications of a call (call_id > 0) or under an area prefix, with a
 * status filter ("" for any), ordered by id, paged. */
int grant_app_list(struct db *db, int64_t call_id, const char *area_prefix, const char *status,
		   int limit, int64_t offset, struct grant_app_list *out, struct err *e);
int grant_lines(struct db *db, int64_t app_id, struct grant_line_list *out, struct err *e);
int grant_indicators(struct db *db, int64_t app_id, struct grant_indicator_list *out,
		     struct err *e);
int grant_indicator_set_actual(struct db *db, int64_t app_id, int line_no, int64_t actual,
			       struct err *e);
int grant_step_insert(struct db *db, int64_t app_id, const char *status, const char *note,
		      const char *actor, const char *now, struct err *e);
int grant_steps(struct db *db, int64_t app_id, struct grant_step_list *out, struct err *e);

/* ---- review ---- */
/* Records a declaration; ERR_CONFLICT when this reviewer declared before. */
int grant_reviewer_insert(struct db *db, int64_t app_id, const char *reviewer, bool conflict,
			  const char *note, const char *now, struct err *e);
int grant_reviewers(struct db *db, int64_t app_id, struct grant_reviewer_list *out,
		    struct err *e);
/* Inserts or replaces a reviewer's score on a criterion. */
int grant_score_put(struct db *db, int64_t app_id, const char *reviewer, const char *criterion,
		    int score, const char *comment, const char *now, struct err *e);
int grant_scores(struct db *db, int64_t app_id, struct grant_score_list *out, struct err *e);

/* ---- agreement, money, reports, awards ---- */
int grant_tranche_insert(struct db *db, int64_t app_id, int no, int64_t amount, struct err *e);
int grant_tranches(struct db *db, int64_t app_id, struct grant_tranche_list *out,
		   struct err *e);
int grant_tranche_paid(struct db *db, int64_t app_id, int no, struct date on, int64_t entry_id,
		       struct err *e);
int grant_report_insert(struct db *db, int64_t app_id, const struct grant_report *r,
			const char *now, int64_t *id, struct err *e);
int grant_reports(struct db *db, int64_t app_id, struct grant_report_list *out, struct err *e);
int grant_award_insert(struct db *db, const struct grant_award *a, const char *now, int64_t *id,
		       struct err *e);
/* The application's award; ERR_NOT_FOUND when it has none. */
int grant_award_get(struct db *db, int64_t app_id, struct grant_award *out, struct err *e);
/* Awards already given in a channel's area and year (for the next number). */
int grant_award_count(struct db *db, const char *cert_prefix, int64_t *n, struct err *e);

#endif
