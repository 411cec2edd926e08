/*
 * Audit use cases: verifying the hash chain and reading the trail (auditors
 * and admins, within their scope). Appending is app_audit in app/app.h.
 */
#ifndef SAWAT_APP_AUDIT_H
#define SAWAT_APP_AUDIT_H

#include "app/app.h"
#include "store/audit.h"

int app_verify_audit(struct app *app, const struct actor *a, struct audit_verify *v,
		     struct err *e);
/* Newest first; caller frees with audit_rows_free. */
int app_audit_list(struct app *app, const struct actor *a, int64_t before_seq, int limit,
		   struct audit_row **rows, size_t *n, struct err *e);

/*
 * Hides the before/after of entries that carry sensitive data (a disability,
 * health, legal status or violence need) from an actor whose role may not
 * see such data; the entry itself (who, when, what action) stays visible.
 */
void app_audit_redact(const struct actor *a, struct audit_row *rows, size_t n);

#endif
