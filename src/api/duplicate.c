/* API: duplicate review (app/duplicate): scan an area, list, merge, dismiss. */
#include "api/api.h"
#include "app/duplicate.h"

static void api_duplicates_scan(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	const char *area = http_query(req, "area");
	struct actor who;
	struct err e;
	int added;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (app_duplicate_scan(f->app, &who, area && *area ? area : who.area, &added, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	http_send_json(resp, 200, json_pack("{s:i}", "added", added));
}

static void api_duplicates_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct dup_candidate items[500];
	struct actor who;
	struct err e;
	int64_t cursor;
	json_t *a;
	size_t n, i;
	int limit;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_paging(req, resp, 50, 500, &limit, &cursor))
		return;
	if (app_duplicate_list(f->app, &who, cursor, limit, items, &n, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:I, s:I, s:s, s:i, s:s, s:s}", "id",
						   (json_int_t)items[i].id, "person_a",
						   (json_int_t)items[i].person_a, "person_b",
						   (json_int_t)items[i].person_b, "reason",
						   items[i].reason, "score", items[i].score, "area",
						   items[i].area, "status", items[i].status));
	http_send_json(resp, 200,
		       json_pack("{s:o, s:o}", "items", a, "next_cursor",
				 n == (size_t)limit ? json_integer(items[n - 1].id) : json_null()));
}

static void api_duplicate_merge(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *body, *keep;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(body = http_json_body(req, resp)))
		return;
	keep = json_object_get(body, "keep");
	if (!json_is_integer(keep)) {
		json_decref(body);
		err_set(&e, ERR_INVALID, "keep", "กรุณาระบุ keep (รหัสบุคคลที่เก็บไว้)%s",
			"keep (the id of the person to keep) is required%s", "");
		api_fail(req, resp, &e);
		return;
	}
	if (app_duplicate_merge(f->app, &who, id, json_integer_value(keep), &e)) {
		json_decref(body);
		api_fail(req, resp, &e);
		return;
	}
	http_send_json(resp, 200, json_pack("{s:I, s:s, s:I}", "id", (json_int_t)id, "status",
					    "merged", "keep", json_integer_value(keep)));
	json_decref(body);
}

static void api_duplicate_dismiss(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_duplicate_dismiss(f->app, &who, id, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	http_send_json(resp, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status",
					    "dismissed"));
}

const struct http_route api_duplicate_routes[] = {
	{ "POST", "/api/v1/duplicates/scan", api_duplicates_scan },
	{ "GET", "/api/v1/duplicates", api_duplicates_list },
	{ "POST", "/api/v1/duplicates/{id}/merge", api_duplicate_merge },
	{ "POST", "/api/v1/duplicates/{id}/dismiss", api_duplicate_dismiss },
};
const size_t api_duplicate_nroutes = ARRAY_SIZE(api_duplicate_routes);
