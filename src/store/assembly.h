/*
 * Welfare assemblies in the database (migration 0009): events, organisers,
 * quotas, registrations and attendance, agenda items, proposals and their
 * steps, commitments, and the counts the reports read. Rows in, rows out:
 * the rules are core/assembly's, roles and areas app/assembly's. Writes
 * expect the caller's transaction.
 *
 * Row structs hold their text in fixed arrays (longer text is refused at
 * the edge), so lists are released by freeing their items.
 */
#ifndef SAWAT_STORE_ASSEMBLY_H
#define SAWAT_STORE_ASSEMBLY_H

#include "core/date.h"
#include "store/db.h"
#include "store/fund.h"   /* DECLARE_LIST */

#define ASM_TITLE_MAX 500
#define ASM_TEXT_MAX 2000
#define ASM_NAME_MAX 250

struct assembly {
	int64_t id, budget;
	char title[ASM_TITLE_MAX + 1], level[16], area[16], group_code[16], province[4];
	struct date starts_on, ends_on;
	char venue[ASM_TITLE_MAX + 1], status[16], note[ASM_TEXT_MAX + 1];
	char created_by[40], created_at[32];
	/* counted for lists and pages */
	int64_t registered, attended, proposals;
};
DECLARE_LIST(assembly_list, assembly);

struct asm_organiser {
	int64_t id, org_id;        /* org_id 0: a name only */
	char name[ASM_NAME_MAX + 1]; /* the free text, or the organisation's Thai name */
};
DECLARE_LIST(asm_organiser_list, asm_organiser);

struct asm_quota {
	int64_t id, quota;
	char area[16];
};
DECLARE_LIST(asm_quota_list, asm_quota);

struct asm_registration {
	int64_t id, assembly_id, person_id; /* person_id 0: a guest */
	char name[ASM_NAME_MAX + 1], organisation[ASM_NAME_MAX + 1], origin[16], role[16];
	char created_by[40], created_at[32];
};
DECLARE_LIST(asm_registration_list, asm_registration);

struct asm_attendance {
	int64_t registration_id;
	struct date day;
};
DECLARE_LIST(asm_attendance_list, asm_attendance);

struct asm_agenda {
	int64_t id, assembly_id;
	char kind[16], title[ASM_TITLE_MAX + 1], starts_at[8], ends_at[8];
	char speakers[ASM_TITLE_MAX + 1], target_group[16], pillar[16];
	struct date day;
};
DECLARE_LIST(asm_agenda_list, asm_agenda);

struct proposal {
	int64_t id, assembly_id, agenda_id, endorsements, funded_amount;
	char area[16], group_name[ASM_TITLE_MAX + 1], target_group[16], pillar[16];
	char problem[ASM_TEXT_MAX + 1], recommendation[ASM_TEXT_MAX + 1], body[ASM_NAME_MAX + 1];
	char endorsed_by[ASM_TITLE_MAX + 1], status[16], adopted_into[24];
	struct date proposed_on, status_on;
	char created_by[40];
	char assembly_title[ASM_TITLE_MAX + 1]; /* joined */
};
DECLARE_LIST(proposal_list, proposal);

struct proposal_step {
	char status[16], evidence[ASM_TEXT_MAX + 1], reference[ASM_NAME_MAX + 1], actor[40], at[32];
	struct date on;
};
DECLARE_LIST(proposal_step_list, proposal_step);

struct asm_commitment {
	int64_t id;
	char kind[16], text[ASM_TEXT_MAX + 1], signed_by[ASM_TITLE_MAX + 1];
	struct date signed_on;
};
DECLARE_LIST(asm_commitment_list, asm_commitment);

/* ---- events ---- */
int assembly_insert(struct db *db, const struct assembly *a, const char *by, const char *now,
		    int64_t *id, struct err *e);
int assembly_set_status(struct db *db, int64_t id, const char *status, const char *now,
			struct err *e);
/* One event with its counts; ERR_NOT_FOUND. */
int assembly_get(struct db *db, int64_t id, struct assembly *out, struct err *e);
/*
 * Events whose area lies inside within (a prefix; "" or "TH": all) or is
 * one of the up to 4 codes in above (the areas that contain a user's
 * scope, so a volunteer sees their province's assembly), starting in year
 * (0: any), newest first, with their counts.
 */
int assembly_list_area(struct db *db, const char *within, const char *const above[4], int year,
		       int limit, int64_t offset, struct assembly_list *out, struct err *e);

int asm_organiser_insert(struct db *db, int64_t assembly_id, int64_t org_id, const char *name,
			 struct err *e);
int asm_organisers(struct db *db, int64_t assembly_id, struct asm_organiser_list *out,
		   struct err *e);

/* Sets (inserts or replaces) the quota of area. */
int asm_quota_set(struct db *db, int64_t assembly_id, const char *area, int64_t quota,
		  struct err *e);
int asm_quotas(struct db *db, int64_t assembly_id, struct asm_quota_list *out, struct err *e);

int asm_registration_insert(struct db *db, const struct asm_registration *r, const char *now,
			    int64_t *id, struct err *e);
int asm_registration_get(struct db *db, int64_t id, struct asm_registration *out,
			 struct err *e);
/* An event's standing registrations (not withdrawn) in order of origin,
 * then Thai name. */
int asm_registrations(struct db *db, int64_t assembly_id, struct asm_registration_list *out,
		      struct err *e);
/* The standing registration of a person at an event, or 0. */
int asm_registration_of(struct db *db, int64_t assembly_id, int64_t person_id, int64_t *id,
			struct err *e);

/* Records attendance; *added is false when it was already there. */
int asm_attendance_insert(struct db *db, int64_t registration_id, struct date day,
			  const char *by, const char *now, bool *added, struct err *e);
int asm_attendances(struct db *db, int64_t assembly_id, struct asm_attendance_list *out,
		    struct err *e);

int asm_agenda_insert(struct db *db, const struct asm_agenda *g, int64_t *id, struct err *e);
int asm_agenda_get(struct db *db, int64_t id, struct asm_agenda *out, struct err *e);
int asm_agendas(struct db *db, int64_t assembly_id, struct asm_agenda_list *out, struct err *e);

int proposal_insert(struct db *db, const struct proposal *p, const char *now, int64_t *id,
		    struct err *e);
int proposal_get(struct db *db, int64_t id, struct proposal *out, struct err *e);
/* Writes status, status_on, adopted_into and funded_amount. */
int proposal_update(struct db *db, const struct proposal *p, const char *now, struct err *e);
/* Proposals of an event (assembly_id > 0), or in an area proposed in a year
 * (year 0: any), with status ("" any); by id. */
int proposal_list_of(struct db *db, int64_t assembly_id, const char *within, int year,
		     const char *status, int limit, int64_t offset, struct proposal_list *out,
		     struct err *e);
int proposal_step_insert(struct db *db, int64_t proposal_id, const struct proposal_step *s,
			 struct err *e);
int proposal_steps(struct db *db, int64_t proposal_id, struct proposal_step_list *out,
		   struct err *e);

int asm_commitment_insert(struct db *db, int64_t assembly_id, const struct asm_commitment *c,
			  const char *by, const char *now, int64_t *id, struct err *e);
int asm_commitments(struct db *db, int64_t assembly_id, struct asm_commitment_list *out,
		    struct err *e);

/* Up to max living, unmerged people registered in area (a prefix), by id: for demo data. */
int asm_people_in(struct db *db, const char *area, int64_t *ids, size_t max, size_t *n,
		  struct err *e);

/* ---- report counts ---- */
/* One row of a grouped count: up to two keys and a number. */
struct asm_count {
	char k1[24], k2[24];
	int64_t n, m;
};
DECLARE_LIST(asm_count_list, asm_count);
/*
 * Counts for an area (prefix) and year, grouped. what:
 *   "events"       k1 level, n events (starting in the year, area inside)
 *   "events_by"    k1 the first plen characters of the area, n events
 *   "people_by"    k1 first plen characters of the origin: n registrations, m attended
 *                  (registrations from inside the area, to events of the year anywhere)
 *   "prop_group"   k1 target group, k2 status, n
 *   "prop_pillar"  k1 pillar, k2 status, n
 *   "prop_by"      k1 first plen characters of the area, k2 status, n
 *   "events_p", "prop_group_p", "prop_pillar_p"   as "events", "prop_group" and
 *                  "prop_pillar" with k1 prefixed by the province ("56:elderly"),
 *                  for regions (groups of provinces)
 */
int asm_counts(struct db *db, const char *what, const char *within, int year, int plen,
	       struct asm_count_list *out, struct err *e);

/* ---- withdrawn registrations (migration 0012) ---- */
/*
 * A registration is withdrawn, never deleted: the row keeps who withdrew
 * it, when and why. Withdrawn registrations are left out of
 * asm_registrations, asm_registration_of, the events' registered counts
 * and the report's counts; they are read here.
 */
struct asm_withdrawal {
	struct asm_registration reg;
	char withdrawn_at[32], withdrawn_by[40], reason[ASM_TEXT_MAX + 1];
};
DECLARE_LIST(asm_withdrawal_list, asm_withdrawal);

/*
 * Locks a registration's row for the caller's transaction, so that
 * withdrawing it and signing it in go one at a time on PostgreSQL too, and
 * reads its state: *withdrawn, and *days, the days it was signed in on.
 * ERR_NOT_FOUND when there is no such registration.
 */
int asm_registration_lock(struct db *db, int64_t id, bool *withdrawn, int64_t *days,
			  struct err *e);
/* Marks a standing registration withdrawn; ERR_CONFLICT when it was already. */
int asm_registration_withdraw(struct db *db, int64_t id, const char *by, const char *reason,
			      const char *now, struct err *e);
/* One withdrawn registration; ERR_NOT_FOUND when id is not one. */
int asm_withdrawal_get(struct db *db, int64_t id, struct asm_withdrawal *out, struct err *e);
/* An event's withdrawn registrations, the latest withdrawn first. */
int asm_withdrawals(struct db *db, int64_t assembly_id, struct asm_withdrawal_list *out,
		    struct err *e);

#endif
