/*
 * Audit use cases: appending an entry for a write (called by every other
 * use case inside its transaction) and verifying the chain.
 */
#include "app/app.h"
#include <jansson.h>
#include "app/audit.h"

int app_audit(struct app *app, struct db *db, const struct actor *a, const char *action,
	      const char *entity, const char *entity_id, const char *area, const char *before,
	      const char *after, struct err *e)
{
	struct audit_entry x;
	char now[32];

	app_iso_time(app_time(app), now);
	memset(&x, 0, sizeof(x));
	x.at = now;
	x.actor = a->username;
	x.action = action;
	x.entity = entity;
	x.entity_id = entity_id;
	x.area = area && *area ? area : "TH";
	x.before = before;
	x.after = after;
	return audit_append(db, &x, NULL, e);
}

int app_verify_audit(struct app *app, const struct actor *a, struct audit_verify *v,
		     struct err *e)
{
	struct db *db;
	int r;

	memset(v, 0, sizeof(*v));
	if ((r = actor_check(a, PERM_AUDIT_READ, NULL, e)))
		return r;
	db = app_db(app, e);
	if (!db)
		return ERR_DB;
	return audit_verify_chain(db, v, e);
}

int app_audit_list(struct app *app, const struct actor *a, int64_t before_seq, int limit,
		   struct audit_row **rows, size_t *n, struct err *e)
{
	struct db *db;
	int r;

	*rows = NULL;
	*n = 0;
	if ((r = actor_check(a, PERM_AUDIT_READ, NULL, e)))
		return r;
	db = app_db(app, e);
	if (!db)
		return ERR_DB;
	if (limit <= 0 || limit > 500)
		limit = 100;
	if ((r = audit_list(db, a->area, before_seq, limit, rows, n, e)))
		return r;
	app_audit_redact(a, *rows, *n);
	return 0;
}

/* True when an audit JSON text holds a sensitive need ({"need":{"sensitive":true}}). */
static bool holds_sensitive(const char *text)
{
	json_t *o, *need;
	bool yes = false;

	if (!text || !strstr(text, "\"sensitive\""))
		return false;
	o = json_loads(text, 0, NULL);
	need = json_object_get(o, "need");
	yes = json_is_true(json_object_get(need, "sensitive"));
	json_decref(o);
	return yes;
}

void app_audit_redact(const struct actor *a, struct audit_row *rows, size_t n)
{
	size_t i;

	if (role_can(a->role, PERM_SENSITIVE_READ))
		return;
	for (i = 0; i < n; i++) {
		if (!holds_sensitive(rows[i].before) && !holds_sensitive(rows[i].after))
			continue;
		free(rows[i].before);
		free(rows[i].after);
		rows[i].before = xstrdup("{\"withheld\":\"sensitive\"}");
		rows[i].after = xstrdup("{\"withheld\":\"sensitive\"}");
		rows[i].has_before = rows[i].has_after = true;
	}
}
