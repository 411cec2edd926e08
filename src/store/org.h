/*
 * Civil-society organisations in the database (table org, migration 0008).
 * Rows in, rows out; the kinds and who may apply for grants are core/org's,
 * roles and areas are app/org's. Writes expect the caller's transaction.
 */
#ifndef SAWAT_STORE_ORG_H
#define SAWAT_STORE_ORG_H

#include "core/date.h"
#include "store/db.h"

struct org {
	int64_t id;
	char kind[32], name_th[256], name_en[256], area[16], province[4];
	char address[512], phone[32], email[128], cert_no[64], status[16], note[512];
	struct date cert_date, founded_on;   /* zero when unknown */
	char created_by[40], created_at[32], updated_at[32];
};

/* Inserts o (id, province, status and timestamps are set here; province
 * from the area code). *id gets the new id. */
int org_insert(struct db *db, const struct org *o, const char *by, const char *now, int64_t *id,
	       struct err *e);
/* Reads one organisation; ERR_NOT_FOUND when there is none. */
int org_get(struct db *db, int64_t id, struct org *out, struct err *e);

#endif
