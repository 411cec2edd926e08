/*
 * Welfare programs as officers use them: the catalogue and its rule
 * versions (core/rules.h), enrolments through their guarded workflow, and
 * the monthly payroll of a paying office with its bank file, the bank's
 * results and the office's books.
 *
 * Access: the catalogue is read by every user. A program owned by the
 * nation ("TH": the state allowances) is changed by national admins; a
 * local program by writers whose scope covers its owner area. Enrolments
 * and payrolls belong to their paying office (a tambon, or a district for
 * a municipality): PERM_READ / PERM_WRITE there, and the person must lie in
 * the actor's scope too. Every change is audited (entity "program",
 * "enrolment" or "payroll").
 *
 * Decisions are made by the rules of the version in force on the date they
 * are about, and each can explain itself (app_enrol_explain).
 */
#ifndef SAWAT_APP_PROGRAM_H
#define SAWAT_APP_PROGRAM_H

#include "app/app.h"
#include "store/program.h"

/* Installs the state programs (core/program.c) when missing; idempotent. */
int app_program_seed(struct app *app, struct err *e);

int app_program_list(struct app *app, const struct actor *a, struct program_list *out,
		     struct err *e);
int app_program_get(struct app *app, const struct actor *a, int64_t id, struct program *out,
		    struct program_version_list *versions, struct err *e);

struct program_in {
	const char *code, *name_th, *name_en, *pillar, *owner_area;
	const char *documents;   /* JSON list of {code, th, en}; NULL: none */
	const char *source;
};
/* Adds a program with its first rules version in force from effective_from. */
int app_program_add(struct app *app, const struct actor *a, const struct program_in *in,
		    const char *rules, const char *effective_from, int64_t *id, struct err *e);
/* Adds a rules version in force from effective_from (after the latest). */
int app_program_version_add(struct app *app, const struct actor *a, int64_t program_id,
			    const char *effective_from, const char *rules, const char *note,
			    int64_t *id, struct err *e);

/* What a new version would change on a date, for the people registered in
 * area: who would gain or lose eligibility, and whose amount would change. */
struct dry_run {
	int64_t people;          /* people looked at */
	int64_t eligible_now, eligible_new;
	int64_t gain, lose, more, less;
	int64_t cost_now, cost_new; /* satang per period, over the eligible */
	int64_t sample_gain[20], sample_lose[20]; /* person ids */
	int nsample_gain, nsample_lose;
};
int app_program_dry_run(struct app *app, const struct actor *a, int64_t program_id,
			const char *rules, const char *on, const char *area, struct dry_run *out,
			struct err *e);

/* ---- enrolment ---- */
/* Applies for a person (documents: JSON list of the codes of the program's
 * required documents seen; those missing are noted on the "applied" step). */
int app_enrol_apply(struct app *app, const struct actor *a, int64_t program_id,
		    int64_t person_id, const char *office, const char *applied_on,
		    const char *documents, int64_t *id, struct err *e);
/*
 * Moves an enrolment on (date: ISO or B.E., default today):
 *   verify   applied -> verified     the rules must hold on the date
 *   approve  verified -> active      the rules must hold; paid from the month after applying
 *   reject   applied/verified -> rejected (note required)
 *   suspend  active -> suspended (note required); resume: suspended -> active
 *   end      active/suspended -> ended (note: the reason)
 * A refused step (rules not met) says why, in the rules' words.
 */
int app_enrol_step(struct app *app, const struct actor *a, int64_t id, const char *action,
		   const char *date, const char *note, struct err *e);
/*
 * Records which of the program's required documents were seen (documents:
 * a JSON list of their codes, replacing the list kept), on an enrolment
 * that is not ended or rejected; a step with the same status notes what is
 * still missing. Officers of the paying office. An application is approved
 * only once every required document was seen (app_enrol_step refuses with
 * ERR_CONFLICT, field "documents", naming those missing).
 */
int app_enrol_documents(struct app *app, const struct actor *a, int64_t id,
			const char *documents, struct err *e);
int app_enrol_get(struct app *app, const struct actor *a, int64_t id, struct enrolment *out,
		  struct enrolment_step_list *steps, struct err *e);
/* Appends the rules' reasoning for the enrolment's person on date (zero: today). */
int app_enrol_explain(struct app *app, const struct actor *a, int64_t id, struct date on,
		      bool thai, struct buf *out, struct err *e);
int app_enrol_list(struct app *app, const struct actor *a, const char *office,
		   int64_t program_id, const char *status, int limit, int64_t offset,
		   struct enrolment_list *out, struct err *e);
int app_enrol_of_person(struct app *app, const struct actor *a, int64_t person_id,
			struct enrolment_list *out, struct err *e);

/* ---- payroll ---- */
/*
 * Generates the roll of an office for a month (YYYY-MM, or B.E. MM/YYYY):
 * every active enrolment paid from that month or earlier, its amount by
 * the rules in force on the month's first day, arrears for earlier months
 * not yet paid (late approvals), and these checks, each stopping the line
 * with its reason: dead before the month (deceased), enrolled and active
 * in the same program at another office (two_offices), registered outside
 * the office's area (moved), the rules no longer met (not_eligible: the
 * failing requirement's code). Generating a month that exists changes
 * nothing and returns its id. Only months that have begun.
 */
int app_payroll_generate(struct app *app, const struct actor *a, const char *office,
			 const char *month, int64_t *id, struct err *e);
/*
 * What the month's rolls of every office in area (the nation "TH", a
 * province, district or tambon) hold when generated now, computed and not
 * written: the lines app_payroll_generate writes, office by office, judged
 * from one snapshot of the register read in columns (the national payroll
 * run). fn, when not NULL, gets each line in office and enrolment order,
 * filled as app_payroll_generate writes it except payroll_id, national ID
 * and name; a non-zero return stops the run and is returned. An office
 * whose roll exists is judged again as if it did not (its enrolments may
 * count the month as paid already). Officers only, PERM_READ on area.
 */
struct payroll_preview {
	int64_t offices, lines, stopped, total; /* total: satang to pay, arrears included */
};
typedef int (*payroll_line_fn)(void *ctx, const char *office, const struct payroll_line *l);
int app_payroll_preview(struct app *app, const struct actor *a, const char *area,
			const char *month, payroll_line_fn fn, void *ctx,
			struct payroll_preview *out, struct err *e);
/* Approves a generated roll: the month's subsidy arrives (Dr bank / Cr
 * subsidy) and the allowances become payable (Dr allowances / Cr payable). */
int app_payroll_approve(struct app *app, const struct actor *a, int64_t id, struct err *e);
int app_payroll_get(struct app *app, const struct actor *a, int64_t id, struct payroll *out,
		    struct payroll_line_list *lines, struct err *e);
int app_payroll_list(struct app *app, const struct actor *a, const char *office,
		     struct payroll_list *out, struct err *e);
/*
 * The approved roll as a file: "csv" (every line, stopped ones with their
 * reason) or "bank" (a bulk transfer keyed by PromptPay national ID: the
 * lines to pay, with a header and a trailer with count and total). Marks
 * the roll exported.
 */
int app_payroll_export(struct app *app, const struct actor *a, int64_t id, const char *format,
		       struct buf *out, struct err *e);
/*
 * Reads the bank's result file (CSV: line reference, national ID, amount,
 * status "paid"/"failed", reason) and reconciles: a paid line posts Dr
 * payable / Cr bank and moves the enrolment's paid-through month; a failed
 * line stays payable, with the bank's reason; a reference that is not a
 * line of this roll, or whose ID or amount differ, is refused and nothing
 * is written. Importing the same result again changes nothing.
 */
struct payroll_import_report {
	int64_t paid, failed, unchanged;
};
int app_payroll_import(struct app *app, const struct actor *a, int64_t id, const char *csv,
		       size_t len, struct payroll_import_report *rep, struct err *e);

/* ---- coverage gaps and outreach ---- */
/*
 * Who the program misses in an area (the nation "TH", a province, district,
 * tambon or village) on a date. Every live person registered in area is
 * judged by the rules in force, with their own
 * tambon as the paying office, as of the day of their application when
 * they have an open one (the best of them: active, suspended, then
 * pending; the earliest of equals), else as if they applied on the day
 * (so the 2023 income test binds only those registered from its start).
 * Someone eligible with no open enrolment is
 * a gap ("never_applied"; "pending" while an application waits). Someone
 * who fails only for want of a document or a registration — the first
 * failing requirement is card, house, area or thai, and they would be
 * eligible with it — is a gap too, with that reason ("no_card",
 * "no_registration", "no_status"): the outreach that fixes it is what the
 * gap list is for. Someone enrolled who no longer meets the rules is
 * listed apart ("not_eligible:CODE"). People who told a volunteer they do
 * not want it are counted as declined, not as gaps.
 */
struct coverage {
	int64_t people;              /* judged */
	int64_t eligible;            /* meet the rules today */
	int64_t enrolled;            /* with an active enrolment */
	int64_t enrolled_not_eligible;
	int64_t gaps;                /* all gap reasons */
	int64_t never_applied, pending, no_card, no_registration, no_status;
	int64_t declined;
};
struct gap_item {
	int64_t person_id;
	char name[256], area[16];
	char reason[48];
	int64_t amount;              /* what they would get a month */
};
struct gap_list {
	struct gap_item *items;      /* owned */
	size_t n, cap;
};
void gap_list_release(struct gap_list *l);
/* Fills *cov, and up to max items of the gaps (and of the enrolled who are
 * no longer eligible) into list when it is not NULL. on: ISO or B.E., NULL today. */
int app_program_gaps(struct app *app, const struct actor *a, int64_t program_id,
		     const char *area, const char *on, struct coverage *cov, struct gap_list *list,
		     size_t max, struct err *e);

/* The gaps of up to 8 programs (PROGRAM_COLS_STANDING) from one read of the
 * area: covs[k] (and lists[k], when lists is not NULL) for program_ids[k],
 * each as app_program_gaps gives it. */
int app_program_gaps_many(struct app *app, const struct actor *a, const int64_t *program_ids,
			  size_t n, const char *area, const char *on, struct coverage *covs,
			  struct gap_list *lists, size_t max, struct err *e);

/* Turns the gaps of an area into open outreach cases (one per person and
 * program); *created counts the new ones. Officers only. */
int app_outreach_create(struct app *app, const struct actor *a, int64_t program_id,
			const char *area, int64_t *created, struct err *e);
/* Assigns a case to a volunteer (a user whose scope covers the case). */
int app_outreach_assign(struct app *app, const struct actor *a, int64_t id,
			const char *volunteer, struct err *e);
/* Records a visit: outcome applied, not_interested, moved, deceased or
 * not_found closes the case. The assigned volunteer or an officer. */
int app_outreach_visit(struct app *app, const struct actor *a, int64_t id, const char *outcome,
		       const char *date, const char *note, struct err *e);
int app_outreach_list(struct app *app, const struct actor *a, const char *area,
		      int64_t program_id, const char *status, int limit, int64_t offset,
		      struct outreach_list *out, struct err *e);

/* The registry's death hook: ends the person's open enrolments. */
void app_program_register_hooks(void);

#endif
