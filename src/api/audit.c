/* API: the audit trail (read) and its verification. */
#include "api/api.h"
#include "app/audit.h"


static json_t *text_or_null(const char *s, bool has)
{
	json_t *v;

	if (!has)
		return json_null();
	v = json_loads(s, 0, NULL);
	return v ? v : json_string(s);
}

static void api_audit_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct audit_row *rows;
	struct actor who;
	struct err e;
	int64_t cursor;
	json_t *items;
	size_t n, i;
	int limit;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_paging(req, resp, 50, 500, &limit, &cursor))
		return;
	if (app_audit_list(f->app, &who, cursor, limit, &rows, &n, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (i = 0; i < n; i++) {
		struct audit_row *a = &rows[i];

		json_array_append_new(
			items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s}", "seq",
					 (json_int_t)a->seq, "at", a->at, "actor", a->actor, "action",
					 a->action, "entity", a->entity, "entity_id", a->entity_id,
					 "area", a->area, "before", text_or_null(a->before, a->has_before),
					 "after", text_or_null(a->after, a->has_after), "hash", a->hash));
	}
	http_send_json(resp, 200,
		       json_pack("{s:o, s:o}", "items", items, "next_cursor",
				 n == (size_t)limit && n
					 ? json_sprintf("%lld", (long long)rows[n - 1].seq)
					 : json_null()));
	audit_rows_free(rows, n);
}

static void api_audit_verify(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct audit_verify v;
	struct actor who;
	struct err e;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (app_verify_audit(f->app, &who, &v, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	http_send_json(resp, 200,
		       json_pack("{s:b, s:I, s:o, s:s}", "ok", v.broken_seq == 0, "checked",
				 (json_int_t)v.checked, "broken_seq",
				 v.broken_seq ? json_integer(v.broken_seq) : json_null(), "reason",
				 v.reason));
}

const struct http_route api_audit_routes[] = {
	{ "GET", "/api/v1/audit", api_audit_list },
	{ "GET", "/api/v1/audit/verify", api_audit_verify },
};
const size_t api_audit_nroutes = ARRAY_SIZE(api_audit_routes);
