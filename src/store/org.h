/*
 * Civil-society organisations and the network in the database (migration
 * 0008): organisations, their contacts, members and activities; volunteers
 * (อพม.) and the villages or households they look after; networks at every
 * level with their member organisations and people; and the counts the
 * reports roll up. Rows in, rows out; the kinds and who may apply for
 * grants are core/org's, roles and areas are app/org's. Writes expect the
 * caller's transaction.
 *
 * Row structs hold their text in fixed arrays (lists are released by
 * freeing their items); text too long for its array was refused at the
 * edge (app/org.c bounds every field below these sizes).
 */
#ifndef SAWAT_STORE_ORG_H
#define SAWAT_STORE_ORG_H

#include "core/date.h"
#include "core/org.h"
#include "store/db.h"
#include "store/fund.h" /* DECLARE_LIST */

struct org {
	int64_t id;
	char kind[32], name_th[256], name_en[256], area[16], province[4];
	char address[512], phone[32], email[128], cert_no[64], status[16], note[512];
	struct date cert_date, founded_on;   /* zero when unknown */
	char created_by[40], created_at[32], updated_at[32];
	int64_t members;                     /* current members (lists and org_get) */
};
DECLARE_LIST(org_list, org);

/* Inserts o (id, province, status and timestamps are set here; province
 * from the area code). *id gets the new id. */
int org_insert(struct db *db, const struct org *o, const char *by, const char *now, int64_t *id,
	       struct err *e);
/* Reads one organisation; ERR_NOT_FOUND when there is none. */
int org_get(struct db *db, int64_t id, struct org *out, struct err *e);
/* Replaces the details of o->id (kind, names, address, phone, email,
 * certificate, founding date, note; not the area). ERR_NOT_FOUND. */
int org_update(struct db *db, const struct org *o, const char *now, struct err *e);
/* Sets the status ("active", "dissolved"). ERR_NOT_FOUND. */
int org_set_status(struct db *db, int64_t id, const char *status, const char *now,
		   struct err *e);

/* A search: area prefix (lo/hi range), kind ("" any), part of the Thai or
 * English name ("" any; LIKE's special characters are dropped), status
 * ("" any); members counted on today. Ordered by Thai name, paged by
 * offset. */
struct org_query {
	const char *area, *kind, *name, *status;
	struct date today;
	int limit;
	int64_t offset;
};
int org_search(struct db *db, const struct org_query *q, struct org_list *out, struct err *e);

/* ---- contacts ---- */
struct org_contact {
	int64_t id, org_id;
	char name[256], position[256], phone[32], email[128];
};
DECLARE_LIST(org_contact_list, org_contact);
int org_contact_insert(struct db *db, const struct org_contact *c, const char *now, int64_t *id,
		       struct err *e);
int org_contact_get(struct db *db, int64_t id, struct org_contact *out, struct err *e);
int org_contact_delete(struct db *db, int64_t id, struct err *e);
int org_contacts(struct db *db, int64_t org_id, struct org_contact_list *out, struct err *e);

/* ---- members ---- */
struct org_member {
	int64_t id, org_id, person_id;
	char role[24];
	struct date since, until;            /* until zero: still a member */
	char name[256], area[16];            /* the person's (lists) */
	char org_name[256];                  /* the organisation's (a person's memberships) */
};
DECLARE_LIST(org_member_list, org_member);
int org_member_insert(struct db *db, const struct org_member *m, const char *now, int64_t *id,
		      struct err *e);
int org_member_get(struct db *db, int64_t id, struct org_member *out, struct err *e);
/* A person's current memberships (on today), with each organisation's name. */
int org_member_of_person(struct db *db, int64_t person_id, struct date today,
			 struct org_member_list *out, struct err *e);
/* The id of the person's membership of org_id that is open on today (0: none). */
int org_member_open(struct db *db, int64_t org_id, int64_t person_id, struct date today,
		    int64_t *id, struct err *e);
int org_member_end(struct db *db, int64_t id, struct date until, struct err *e);
/* Members of an organisation: current ones on today, or everyone ever when
 * all; by role (chair first), then name. */
int org_members(struct db *db, int64_t org_id, struct date today, bool all,
		struct org_member_list *out, struct err *e);

/* ---- activities ---- */
struct org_activity {
	int64_t id, org_id;
	char title[256], area[16], note[1024];
	struct date held_on;
	int64_t participants;
};
DECLARE_LIST(org_activity_list, org_activity);
int org_activity_insert(struct db *db, const struct org_activity *a, const char *by,
			const char *now, int64_t *id, struct err *e);
/* The latest activities first, at most limit. */
int org_activities(struct db *db, int64_t org_id, int limit, struct org_activity_list *out,
		   struct err *e);

/* ---- volunteers (อพม.) ---- */
struct volunteer {
	int64_t id, person_id;
	char username[40], area[16], province[4], status[16], note[512];
	struct date registered_on;
	char name[256], person_area[16];     /* the person's */
	int64_t assignments;                 /* open ones (lists and volunteer_get) */
};
DECLARE_LIST(volunteer_list, volunteer);
int volunteer_insert(struct db *db, const struct volunteer *v, const char *by, const char *now,
		     int64_t *id, struct err *e);
int volunteer_get(struct db *db, int64_t id, struct volunteer *out, struct err *e);
/* The volunteer record of a login (ERR_NOT_FOUND when the user is none). */
int volunteer_by_username(struct db *db, const char *username, struct volunteer *out,
			  struct err *e);
int volunteer_set_status(struct db *db, int64_t id, const char *status, const char *now,
			 struct err *e);
/* Volunteers serving inside area (prefix), status "" any; by name; paged. */
int volunteer_search(struct db *db, const char *area, const char *status, int limit,
		     int64_t offset, struct volunteer_list *out, struct err *e);

struct volunteer_assignment {
	int64_t id, volunteer_id, household_id;  /* household 0: a village (area) */
	char area[16];                           /* the village, or the household's area */
	char label[256];                         /* the village's name, or house number */
	struct date since, until;
};
DECLARE_LIST(assignment_list, volunteer_assignment);
int assignment_insert(struct db *db, const struct volunteer_assignment *a, const char *now,
		      int64_t *id, struct err *e);
int assignment_get(struct db *db, int64_t id, struct volunteer_assignment *out, struct err *e);
/* An open assignment of the volunteer to the same village or household (0: none). */
int assignment_open(struct db *db, const struct volunteer_assignment *a, int64_t *id,
		    struct err *e);
int assignment_end(struct db *db, int64_t id, struct date until, struct err *e);
/* A volunteer's assignments, open ones first, then by start. */
int assignments_of(struct db *db, int64_t volunteer_id, struct assignment_list *out,
		   struct err *e);

/* ---- networks ---- */
struct network {
	int64_t id, parent_id;               /* parent 0: none */
	char level[16], area[16], province[4], name[256], note[512];
	struct date founded_on;
	char parent_name[256];
};
DECLARE_LIST(network_list, network);
int network_insert(struct db *db, const struct network *n, const char *by, const char *now,
		   int64_t *id, struct err *e);
int network_get(struct db *db, int64_t id, struct network *out, struct err *e);
/* Networks whose area lies inside area's range, plus (with upper) every
 * cluster and national network; by level then name. */
int network_search(struct db *db, const char *area, bool upper, struct network_list *out,
		   struct err *e);
/* The networks directly below parent. */
int network_children(struct db *db, int64_t parent, struct network_list *out, struct err *e);

struct network_member {
	int64_t id, network_id, ref_id;      /* ref: the org or the person */
	char role[24], name[256], area[16], kind[32];
	struct date joined_on, left_on;
};
DECLARE_LIST(network_member_list, network_member);
/* Adds an organisation (person false) or a person (role) to a network. */
int network_member_insert(struct db *db, bool person, int64_t network_id, int64_t ref_id,
			  const char *role, struct date joined_on, const char *now, int64_t *id,
			  struct err *e);
/* The open membership of ref in the network (0: none). */
int network_member_open(struct db *db, bool person, int64_t network_id, int64_t ref_id,
			int64_t *id, struct err *e);
int network_member_leave(struct db *db, bool person, int64_t id, struct date left_on,
			 struct err *e);
/* The networks an organisation currently belongs to, by level then name. */
int network_of_org(struct db *db, int64_t org_id, struct network_list *out, struct err *e);
/* Ends every current network membership of an organisation on left_on. */
int network_org_leave_all(struct db *db, int64_t org_id, struct date left_on, struct err *e);
/* Current members (organisations or people) of one network, by name. */
int network_members(struct db *db, bool person, int64_t network_id,
		    struct network_member_list *out, struct err *e);

/*
 * How far a network reaches, with every network below it: networks,
 * member organisations (active ones, current memberships), people (direct
 * members and the current members of those organisations, each once), and
 * the distinct districts and provinces of those organisations and people.
 */
struct network_reach {
	int64_t networks, orgs, people, districts, provinces;
};
int network_reach(struct db *db, int64_t id, struct date today, struct network_reach *out,
		  struct err *e);

/* A provincial cluster's Thai name (ERR_INVALID, field "area", when there
 * is no such cluster), and the cluster of a province ("" for none). */
int org_cluster_get(struct db *db, const char *code, char *name_th, size_t size, struct err *e);
int org_province_cluster(struct db *db, const char *province, char out[8], struct err *e);

/* ---- the report: organisations and members by kind and area ---- */
struct org_rollup_row {
	char area[16];
	char name_th[128], name_en[128];
	int64_t orgs[ORG_KIND_COUNT];        /* active organisations by kind (index enum org_kind) */
	int64_t members[ORG_KIND_COUNT];     /* their current members */
	int64_t orgs_total, members_total, people, volunteers;
};
struct org_rollup {
	struct org_rollup_row *rows;         /* owned */
	size_t n;
	struct org_rollup_row total;
};
void org_rollup_release(struct org_rollup *r);
/*
 * One row per child area of area ("TH": provinces, and "TH" itself for
 * national organisations; a province: its districts and itself; a
 * district: tambons; a tambon: villages), or for a region code its
 * provinces, or with by_region one row per region; and the total.
 * people counts each person once however many organisations they are in.
 */
int org_rollup_query(struct db *db, const char *area, bool by_region, struct date today,
		     struct org_rollup *out, struct err *e);

#endif
