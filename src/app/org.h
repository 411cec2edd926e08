/*
 * Civil-society organisations and the network, as the people who keep them
 * use them: organisations of every kind (core/org.h) with their contacts,
 * members (registry people with a role) and activities; social development
 * volunteers (อพม.) and the villages or households they look after;
 * networks at tambon, district, province, provincial-cluster and national
 * level with their member organisations and people and how far each
 * reaches; and the report of organisations and members by kind and area.
 *
 * Access (decision "Who keeps the network's records", docs/decisions.md):
 *  - Reading needs PERM_READ and the record's area inside the actor's
 *    scope. A cluster network is read by national users and by users of
 *    its provinces; the national network by every role that reads.
 *  - Organisations, their contacts, members and activities are written by
 *    welfare officers (national, province, district, local) in their scope,
 *    and by a fund committee for community welfare organisations of its
 *    tambon (the organisation a fund grows into). Volunteers and auditors
 *    only read.
 *  - Volunteers, their assignments and networks are written by officers in
 *    their scope; cluster and national networks by national admins.
 *  - People: a member, volunteer or network person must be alive and in the
 *    actor's scope when added. Lists of people (members, network people)
 *    leave out those outside the reader's scope and count them as hidden,
 *    so a network spanning provinces shows each officer their own people.
 *    No sensitive field is read here.
 * Every write is audited in its transaction (entity "org", "volunteer" or
 * "network" and the id; the area of the record) or nothing changes.
 * A dissolved organisation takes no more changes.
 *
 * Dates in *_in structs are text as typed (ISO or B.E. d/m/yyyy); optional
 * ones may be NULL or "". Out-parameters are lists (released with their
 * *_release) or structs of fixed arrays; on failure ids are 0.
 */
#ifndef SAWAT_APP_ORG_H
#define SAWAT_APP_ORG_H

#include <jansson.h>
#include "app/app.h"
#include "lib/buf.h"
#include "store/org.h"

/* ---- organisations ---- */
struct org_in {
	const char *kind;                    /* core/org.h code: youth_council, ... */
	const char *name_th, *name_en;
	const char *area;                    /* "TH" or a DOPA code (creation only) */
	const char *address, *phone, *email;
	const char *cert_no, *cert_date;     /* public-benefit certificate: required for
						public_benefit, both or neither otherwise */
	const char *founded_on, *note;
};
int app_org_add(struct app *app, const struct actor *a, const struct org_in *in, int64_t *id,
		struct err *e);
/* Replaces the details (in->area is ignored: an organisation keeps its area). */
int app_org_update(struct app *app, const struct actor *a, int64_t id, const struct org_in *in,
		   struct err *e);
/* Marks the organisation dissolved on date (ISO/B.E., not in the future),
 * ending its current memberships and network memberships that day. */
int app_org_dissolve(struct app *app, const struct actor *a, int64_t id, const char *date,
		     const char *reason, struct err *e);
/* One organisation (PERM_READ); members counts current members today. */
int app_org_get(struct app *app, const struct actor *a, int64_t id, struct org *out,
		struct err *e);
/* Searches inside q->area (NULL/"": the actor's scope; outside it:
 * ERR_FORBIDDEN); kind must be a known code or ""; limit 1..500. */
int app_org_search(struct app *app, const struct actor *a, const struct org_query *q,
		   struct org_list *out, struct err *e);
/* The networks the organisation belongs to now, those the actor may read. */
int app_org_networks(struct app *app, const struct actor *a, int64_t org_id,
		     struct network_list *out, struct err *e);
/* May the actor change this organisation? (the rule above, no database) */
bool app_org_may_write(const struct actor *a, const struct org *o);
/* The JSON form of an organisation (the audit trail and the API use it). */
json_t *app_org_json(const struct org *o);

int app_org_contact_add(struct app *app, const struct actor *a, int64_t org_id,
			const struct org_contact *c, int64_t *id, struct err *e);
int app_org_contact_remove(struct app *app, const struct actor *a, int64_t contact_id,
			   struct err *e);
int app_org_contacts(struct app *app, const struct actor *a, int64_t org_id,
		     struct org_contact_list *out, struct err *e);

/* role: chair, vice_chair, secretary, treasurer, committee, advisor, member. */
int app_org_member_add(struct app *app, const struct actor *a, int64_t org_id,
		       int64_t person_id, const char *role, const char *since, int64_t *id,
		       struct err *e);
/* Ends a membership on until (not before it started, not in the future). */
int app_org_member_end(struct app *app, const struct actor *a, int64_t member_id,
		       const char *until, struct err *e);
/* The organisations a person belongs to now (the person in the actor's scope). */
int app_org_of_person(struct app *app, const struct actor *a, int64_t person_id,
		      struct org_member_list *out, struct err *e);
/* Current members (all: everyone ever); *hidden (may be NULL) counts those
 * left out because they live outside the actor's scope. */
int app_org_members(struct app *app, const struct actor *a, int64_t org_id, bool all,
		    struct org_member_list *out, int *hidden, struct err *e);
bool app_org_role_valid(const char *role);

struct org_activity_in {
	const char *title, *held_on, *area;  /* area NULL/"": the organisation's */
	int64_t participants;                /* 0..100000 */
	const char *note;
};
int app_org_activity_add(struct app *app, const struct actor *a, int64_t org_id,
			 const struct org_activity_in *in, int64_t *id, struct err *e);
/* The latest activities first, at most limit (1..500). */
int app_org_activities(struct app *app, const struct actor *a, int64_t org_id, int limit,
		       struct org_activity_list *out, struct err *e);

/* ---- volunteers (อพม.) ---- */
struct volunteer_in {
	int64_t person_id;
	const char *username;                /* optional: a login of role volunteer */
	const char *area;                    /* where they serve: district, tambon or village */
	const char *registered_on;
	const char *note;
};
int app_volunteer_add(struct app *app, const struct actor *a, const struct volunteer_in *in,
		      int64_t *id, struct err *e);
/* A volunteer and (when asg is not NULL) their assignments. */
int app_volunteer_get(struct app *app, const struct actor *a, int64_t id, struct volunteer *out,
		      struct assignment_list *asg, struct err *e);
/* Volunteers serving inside area (NULL: the actor's scope); status "" any,
 * or active, inactive, ended; limit 1..500. */
int app_volunteer_list(struct app *app, const struct actor *a, const char *area,
		       const char *status, int limit, int64_t offset, struct volunteer_list *out,
		       struct err *e);
/* status: active, inactive or ended (ending also ends open assignments). */
int app_volunteer_set_status(struct app *app, const struct actor *a, int64_t id,
			     const char *status, struct err *e);
/* Assigns a village (or tambon) code inside the volunteer's area, or with
 * household_id > 0 (area NULL) a household there, from since. */
int app_volunteer_assign(struct app *app, const struct actor *a, int64_t volunteer_id,
			 const char *area, int64_t household_id, const char *since, int64_t *id,
			 struct err *e);
int app_volunteer_unassign(struct app *app, const struct actor *a, int64_t assignment_id,
			   const char *until, struct err *e);

/* ---- networks ---- */
struct network_in {
	const char *level;                   /* tambon, district, province, cluster, national */
	const char *area;                    /* the level's code, a cluster C01..C18, or TH */
	const char *name;
	int64_t parent_id;                   /* 0: none; a higher level whose area holds this one */
	const char *founded_on, *note;
};
int app_network_add(struct app *app, const struct actor *a, const struct network_in *in,
		    int64_t *id, struct err *e);
int app_network_get(struct app *app, const struct actor *a, int64_t id, struct network *out,
		    struct err *e);
/* Networks the actor may read inside area (NULL: the actor's scope), with
 * the cluster and national networks above it. */
int app_network_list(struct app *app, const struct actor *a, const char *area,
		     struct network_list *out, struct err *e);
int app_network_children(struct app *app, const struct actor *a, int64_t id,
			 struct network_list *out, struct err *e);
/* Adds an active organisation the actor may read. */
int app_network_join_org(struct app *app, const struct actor *a, int64_t network_id,
			 int64_t org_id, const char *joined_on, int64_t *id, struct err *e);
/* Adds a person (role coordinator, committee or member). */
int app_network_join_person(struct app *app, const struct actor *a, int64_t network_id,
			    int64_t person_id, const char *role, const char *joined_on,
			    int64_t *id, struct err *e);
/* Ends the current membership of an organisation (person false) or person. */
int app_network_leave(struct app *app, const struct actor *a, int64_t network_id, bool person,
		      int64_t ref_id, const char *date, struct err *e);
/* Current members; people outside the actor's scope are left out and
 * counted in *hidden (may be NULL). */
int app_network_members(struct app *app, const struct actor *a, int64_t network_id, bool person,
			struct network_member_list *out, int *hidden, struct err *e);
/* How far the network reaches with every network below it (aggregate
 * counts: "103 districts, 8 provinces, 250 people"). */
int app_network_reach(struct app *app, const struct actor *a, int64_t id,
		      struct network_reach *out, struct err *e);
bool app_network_level_valid(const char *level);

/* ---- the report ---- */
/* area: "TH" (NULL/""), a DOPA prefix or a region code (national users);
 * by_region with "TH": one row per region. */
int app_org_report(struct app *app, const struct actor *a, const char *area, bool by_region,
		   struct org_rollup *out, struct err *e);
/* The same as an .xlsx workbook (lang "th" or "en"), appended to out: a
 * sheet of organisations by kind and area, and one of members. */
int app_org_report_xlsx(struct app *app, const struct actor *a, const char *area,
			bool by_region, const char *lang, struct buf *out, struct err *e);

/* Demo data for the demo province (app/demo.c): organisations, members,
 * activities, volunteers with villages, and a provincial network. A second
 * run finds them and adds nothing. */
int app_org_demo(struct app *app, const char *province, struct err *e);

#endif
