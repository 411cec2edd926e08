/*
 * Welfare assemblies and forums, and the proposals they write, followed to
 * the end (core/assembly.h has the proposal's road).
 *
 * Access (decision recorded in docs/decisions.md):
 *  - An event belongs to its area (a tambon, district or province; "TH"
 *    for cluster, regional and national events). Officers (national,
 *    province, district, local) whose scope holds that area manage it:
 *    create it, set quotas, add agenda items, record proposals and
 *    commitments, change its status. A province officer manages only
 *    events in their province; only national admins manage "TH" events.
 *  - Anyone who may read sees the events inside their scope and the events
 *    of the areas above it (a volunteer in a village sees the provincial
 *    assembly), but of another event's participants only those whose area
 *    of origin is inside their scope.
 *  - Registration and attendance: the event's managers, and any role that
 *    may write (volunteers, fund committees, local officers) for people
 *    whose area of origin lies in their own scope, within the quotas.
 *  - A proposal moves on by an officer whose scope holds the proposal's
 *    area or the event's area (a local officer records the local
 *    ordinance that adopted it).
 * Every change is audited in its transaction (entities "assembly",
 * "proposal"); bad input changes nothing.
 *
 * Guards: a participant above their area's quota is refused, naming the
 * area and the quota; a person registers once per event (a withdrawn
 * registration does not count); attendance only for a standing
 * registration of the event, on one of its days, not in the future; a
 * registration is withdrawn only before any attendance is recorded for it;
 * a proposal never skips a state, and each step has a date (not before the
 * previous step's, not in the future) and its evidence.
 */
#ifndef SAWAT_APP_ASSEMBLY_H
#define SAWAT_APP_ASSEMBLY_H

#include "app/app.h"
#include "core/assembly.h"
#include "lib/buf.h"
#include "store/assembly.h"

#define ASM_MAX_ORGANISERS 20
#define ASM_MAX_DAYS 31
#define ASM_MAX_REGISTRATIONS 5000
#define ASM_MAX_QUOTA 10000

struct assembly_in {
	const char *title, *level, *area, *group_code, *starts_on, *ends_on, *venue, *note;
	int64_t budget;                              /* satang, >= 0 */
	const int64_t *org_ids;                      /* organising organisations */
	size_t norg;
	const char *const *organisers;               /* organisers by name (free text) */
	size_t nnames;
};
int app_assembly_add(struct app *app, const struct actor *a, const struct assembly_in *in,
		     int64_t *id, struct err *e);
/* planned -> held or cancelled. */
int app_assembly_set_status(struct app *app, const struct actor *a, int64_t id,
			    const char *status, struct err *e);
/* Events the actor may see (see above), in area (NULL: the actor's scope), starting in year (0: any). */
int app_assembly_list(struct app *app, const struct actor *a, const char *area, int year,
		      int limit, int64_t offset, struct assembly_list *out, struct err *e);

/* Everything about one event, for its page and its documents. */
struct assembly_detail {
	struct assembly ev;
	struct asm_organiser_list organisers;
	struct asm_quota_list quotas;
	int64_t *quota_used;                         /* owned: participants under quotas.items[i] */
	struct asm_registration_list regs;           /* those the actor may see */
	int64_t *days_attended;                      /* owned: per regs.items[i], a bit per event day */
	struct asm_agenda_list agenda;
	struct proposal_list proposals;
	struct asm_commitment_list commitments;
	struct date days[ASM_MAX_DAYS];
	int ndays;
	bool can_manage;                             /* the actor manages the event */
	bool can_register;                           /* the actor may register someone */
};
void assembly_detail_release(struct assembly_detail *d);
int app_assembly_get(struct app *app, const struct actor *a, int64_t id,
		     struct assembly_detail *out, struct err *e);

/* Sets area's quota (1..ASM_MAX_QUOTA participants; area inside the event's).
 * Not below the participants already registered under it (ERR_CONFLICT). */
int app_assembly_quota_set(struct app *app, const struct actor *a, int64_t id, const char *area,
			   int64_t quota, struct err *e);
/* The same quota for each area directly below parent (a province's districts,
 * a district's tambons: "9 people from each of 20 tambons"), in one
 * transaction; *count gets how many. */
int app_assembly_quota_each(struct app *app, const struct actor *a, int64_t id,
			    const char *parent, int64_t quota, int64_t *count, struct err *e);

struct registration_in {
	int64_t person_id;                           /* a registry person, or 0 for a guest: */
	const char *name, *organisation, *origin;    /* the guest's name, organisation, area */
	const char *role;                            /* NULL: participant */
};
int app_assembly_register(struct app *app, const struct actor *a, int64_t id,
			  const struct registration_in *in, int64_t *reg_id, struct err *e);
/* Marks a registration present on day (ISO or B.E.; NULL: today); idempotent. */
int app_assembly_attend(struct app *app, const struct actor *a, int64_t id, int64_t reg_id,
			const char *day, struct err *e);

struct agenda_in {
	const char *kind, *title, *day, *starts_at, *ends_at, *speakers, *target_group, *pillar;
};
int app_assembly_agenda_add(struct app *app, const struct actor *a, int64_t id,
			    const struct agenda_in *in, int64_t *agenda_id, struct err *e);

int app_assembly_commitment_add(struct app *app, const struct actor *a, int64_t id,
				const char *kind, const char *text, const char *signed_by,
				const char *signed_on, int64_t *cid, struct err *e);

/* ---- proposals ---- */
struct proposal_in {
	int64_t assembly_id, agenda_id;              /* agenda_id: its breakout group, or 0 */
	const char *group_name, *target_group, *pillar, *problem, *recommendation, *body;
	const char *endorsed_by, *area, *proposed_on; /* area NULL: the event's; date NULL: today */
	int64_t endorsements;
};
int app_proposal_add(struct app *app, const struct actor *a, const struct proposal_in *in,
		     int64_t *id, struct err *e);
struct proposal_step_in {
	const char *status;                          /* the next state, or declined */
	const char *date;                            /* ISO or B.E.; NULL: today */
	const char *evidence;                        /* required: what shows it (the reason when declined) */
	const char *reference;                       /* a document number, a link */
	const char *adopted_into;                    /* adopted: provincial_plan or local_ordinance */
	int64_t amount;                              /* funded: satang > 0 */
};
int app_proposal_step(struct app *app, const struct actor *a, int64_t id,
		      const struct proposal_step_in *in, struct err *e);
int app_proposal_get(struct app *app, const struct actor *a, int64_t id, struct proposal *out,
		     struct proposal_step_list *steps, bool *can_step, struct err *e);
/* Proposals of an event (assembly_id > 0) or of an area (NULL: the scope) and year. */
int app_proposal_list(struct app *app, const struct actor *a, int64_t assembly_id,
		      const char *area, int year, const char *status, int limit, int64_t offset,
		      struct proposal_list *out, struct err *e);

/* ---- reports ---- */
#define ASM_NSTATUS 6
#define ASM_NGROUP 4
struct asm_report_row {
	char code[16], name_th[256], name_en[256];
	int64_t events, registered, attended, proposals, status[ASM_NSTATUS];
};
struct asm_report {
	char area[16], name_th[256], name_en[256];
	int year;
	int64_t events, events_level[6];
	int64_t registered, attended;
	int64_t proposals, status[ASM_NSTATUS];
	int64_t group[ASM_NGROUP][ASM_NSTATUS], pillar[ASM_NGROUP][ASM_NSTATUS];
	struct asm_report_row *rows;                 /* owned: the child areas */
	size_t n;
	struct asm_report_row *regions;              /* owned: for "TH", a row per region */
	size_t nregions;
};
void asm_report_release(struct asm_report *r);
/*
 * What was proposed in an area (inside the actor's scope) in a year, what
 * came of it, and the assemblies and participation there; with a row per
 * child area. area: "TH", a DOPA code, or a region code (north, ...: its
 * provinces; national users only). Proposals count where they belong (the
 * area they concern) and by the year they were proposed, with their state
 * today; participants by their area of origin, at events of the year.
 * National (TH) events and proposals count in the nation's totals only.
 */
int app_assembly_report(struct app *app, const struct actor *a, const char *area, int year,
			struct asm_report *out, struct err *e);

/* ---- documents ---- */
/* The sign-in sheet: a page per event day (or only day, when given). */
int app_assembly_signin_pdf(struct app *app, const struct actor *a, int64_t id, const char *day,
			    bool thai, struct buf *out, struct err *e);
/* The event's summary report. */
int app_assembly_summary_pdf(struct app *app, const struct actor *a, int64_t id, bool thai,
			     struct buf *out, struct err *e);
/* The report as a workbook. */
int app_assembly_report_xlsx(struct app *app, const struct actor *a, const char *area, int year,
			     bool thai, struct buf *out, struct err *e);

/* Demo data: a provincial assembly in the demo province with people from
 * two tambons and proposals at different stages; idempotent. */
int app_assembly_demo(struct app *app, const char *province, struct err *e);

/* ---- withdrawing a registration ---- */
/*
 * Withdraws a registration of event id (a registry person or a guest)
 * whose attendance has not been recorded: the row stays, marked withdrawn
 * with who, when and reason (required, up to ASM_TITLE_MAX bytes). It then
 * no longer counts against its area's quota, so someone else may register,
 * is left off the sign-in sheet and cannot be signed in; the person may
 * register again. Who may: whoever may register the person (the event's
 * managers; writers for people from their own scope). Refused with
 * ERR_CONFLICT once any day's attendance is recorded, when already
 * withdrawn, or when the event was cancelled. Audited ("withdraw").
 */
int app_assembly_withdraw(struct app *app, const struct actor *a, int64_t id, int64_t reg_id,
			  const char *reason, struct err *e);
/* The event's withdrawn registrations the actor may see (as app_assembly_get
 * shows registrations: of another area's event only those from inside the
 * actor's scope), the latest first; the caller releases out. */
int app_assembly_withdrawals(struct app *app, const struct actor *a, int64_t id,
			     struct asm_withdrawal_list *out, struct err *e);
/* May the actor withdraw (or sign in) a registration from origin at ev?
 * For pages deciding which buttons to show; the use case checks again. */
bool app_assembly_may_register(const struct actor *a, const struct assembly *ev,
			       const char *origin);

#endif
