/*
 * Registry use cases: people, their needs, consent and households, as one
 * user may see and change them.
 *
 * Access: reading needs PERM_READ and the person's area (house registration)
 * inside the actor's scope; writing needs PERM_WRITE too. Sensitive needs
 * (disability, health, legal status, violence: need_kind_sensitive) are
 * returned only to roles with PERM_SENSITIVE_READ, and every read that
 * returns one appends a "view_sensitive" audit entry; other roles see that a
 * record has hidden entries, not what they are.
 *
 * History: every write is audited with before/after JSON under entity
 * "person" and the person's id (needs and consents too), so a person's full
 * history is the audit trail filtered to them (app_person_history).
 *
 * Death: recording a death sets the date and calls the registry's death
 * hooks, which later modules (fund membership, program enrolments) extend to
 * end what the person had, in the same transaction.
 */
#ifndef SAWAT_APP_PERSON_H
#define SAWAT_APP_PERSON_H

#include "app/app.h"
#include "store/audit.h"
#include "store/person.h"

/* Today in Bangkok (the date rules are judged against). */
struct date app_today(const struct app *app);

/* Creates a person; *id gets the new id. ERR_CONFLICT (field national_id) for a known ID. */
int app_person_add(struct app *app, const struct actor *a, const struct person_in *in,
		   int64_t *id, struct err *e);
/* Replaces the record's fields with in (household links are kept). */
int app_person_update(struct app *app, const struct actor *a, int64_t id,
		      const struct person_in *in, struct err *e);
/*
 * Reads a person with their needs and consents. Sensitive needs are left
 * out unless the actor may see them (then the view is audited);
 * *hidden_needs counts what was left out. Any out-parameter may be NULL.
 */
int app_person_get(struct app *app, const struct actor *a, int64_t id, struct person *out,
		   struct need_list *needs, struct consent_list *consents, int *hidden_needs,
		   struct err *e);
/* Records a death (date ISO or B.E.) and runs the death hooks. */
int app_person_death(struct app *app, const struct actor *a, int64_t id, const char *date,
		     struct err *e);

/* Searches inside the actor's scope (q->area narrowed to it; NULL means the scope). */
int app_person_search(struct app *app, const struct actor *a, const struct person_query *q,
		      struct person_list *out, struct err *e);

int app_need_add(struct app *app, const struct actor *a, int64_t person_id,
		 const struct need_in *in, int64_t *id, struct err *e);
int app_need_end(struct app *app, const struct actor *a, int64_t need_id, const char *date,
		 struct err *e);

int app_consent_add(struct app *app, const struct actor *a, int64_t person_id,
		    const char *purpose, const char *basis, const char *given_on, int64_t *id,
		    struct err *e);
int app_consent_withdraw(struct app *app, const struct actor *a, int64_t consent_id,
			 const char *date, struct err *e);

/* Creates a household at area/house_no; income in satang, -1 unknown. */
int app_household_add(struct app *app, const struct actor *a, const char *area,
		      const char *house_no, int64_t monthly_income, int64_t *id, struct err *e);
/* Puts a person in a household with a relation to its head ("head" makes them the head). */
int app_household_join(struct app *app, const struct actor *a, int64_t household_id,
		       int64_t person_id, const char *relation, struct err *e);
int app_household_get(struct app *app, const struct actor *a, int64_t id, struct household *out,
		      struct person_list *members, struct err *e);

/*
 * Rebalances the ordered name index when the register has doubled since it
 * was last balanced (store/person.h), in its own transaction; *rebuilt (may
 * be NULL) says whether it did. Index upkeep, not a change of data: not
 * audited, and needs no actor. Called by app_setup and after bulk loads.
 */
int app_person_index_maintain(struct app *app, bool *rebuilt, struct err *e);

/* The audit entries about a person, newest first (PERM_READ on the person). */
int app_person_history(struct app *app, const struct actor *a, int64_t id,
		       struct audit_row **rows, size_t *n, struct err *e);

/*
 * The person's whole record for a PDPA access request, as a JSON text
 * (malloc'd, caller frees): the record, needs (sensitive ones included only
 * for roles that may see them), consents, household and history. Audited as
 * an "export".
 */
int app_person_export(struct app *app, const struct actor *a, int64_t id, char **json,
		      struct err *e);

/* JSON forms of a record and a need (the audit trail and the API use them). */
#include <jansson.h>
json_t *app_person_json(const struct person *p);
json_t *app_need_json(const struct need *n);
/* An ISO date string, or null for an unknown (zero) date. */
json_t *app_date_json(struct date d);

/* Sets the PDPA retention date (ISO or B.E.) of a person (PERM_WRITE). */
int app_person_set_retention(struct app *app, const struct actor *a, int64_t id,
			     const char *date, struct err *e);
/*
 * Erases the identifying data of everyone whose retention date has passed
 * (system actor only), each in its own audited transaction; *erased counts
 * them. With dry_run nothing is written and *erased counts who would be.
 */
int app_retention_run(struct app *app, const struct actor *a, bool dry_run, long *erased,
		      struct err *e);

/* A death hook: called inside the transaction that records a death. */
typedef int (*person_death_hook)(struct app *app, struct db *db, const struct actor *a,
				 int64_t person_id, struct date death, struct err *e);
/* Registers a hook (at start-up, before threads run); at most 8. */
void app_person_on_death(person_death_hook fn);

#endif
