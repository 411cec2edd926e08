/*
 * API: staged imports of person lists and the export of the people a user
 * may see. The import body is the file itself (text/csv, or the .xlsx
 * type), not JSON, up to 64 MiB (api_uploads; every other route keeps the
 * server's 1 MiB); larger lists go through `sawat import persons FILE`.
 */
#include <jansson.h>
#include "api/api.h"
#include "app/import.h"

static json_t *counts_json(const struct import_counts *n)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I}", "total", (json_int_t)n->total, "error",
			 (json_int_t)n->error, "new", (json_int_t)n->new_, "update",
			 (json_int_t)n->update, "same", (json_int_t)n->same);
}

/* A batch's own fields, set on o. */
static void batch_put(json_t *o, const struct import_batch *b)
{
	json_object_set_new(o, "id", json_integer(b->id));
	json_object_set_new(o, "status", json_string(b->status));
	json_object_set_new(o, "file_name", json_string(b->file_name ? b->file_name : ""));
	json_object_set_new(o, "policy", json_string(b->policy));
	json_object_set_new(o, "encoding", json_string(b->encoding));
	json_object_set_new(o, "area", json_string(b->area));
	json_object_set_new(o, "counts", counts_json(&b->n));
	json_object_set_new(o, "unknown_columns",
			    json_loads(b->unknown_columns ? b->unknown_columns : "[]", 0, NULL));
	json_object_set_new(o, "created_by", json_string(b->created_by));
	json_object_set_new(o, "created_at", json_string(b->created_at));
	json_object_set_new(o, "committed_at",
			    b->committed_at[0] ? json_string(b->committed_at) : json_null());
}

/*
 * The report: errors first (one entry per problem, with row and column),
 * then the batch and its counts. For another outcome, "rows" lists the
 * rows (with the columns an update changes).
 */
static json_t *report_json(const struct import_batch *b, const char *outcome,
			   const struct import_row_list *rows, int limit, const char *lang)
{
	json_t *o = json_object(), *errs = json_array(), *list = json_array();
	bool en = !strcmp(lang, "en");
	size_t i, k;

	for (i = 0; i < rows->n; i++) {
		const struct import_row *r = &rows->items[i];
		json_t *x, *data;

		if (!strcmp(r->outcome, IMPORT_ERROR)) {
			x = json_loads(r->errors ? r->errors : "[]", 0, NULL);
			for (k = 0; k < json_array_size(x); k++) {
				json_t *m = json_array_get(x, k);

				json_array_append_new(
					errs, json_pack("{s:I, s:O, s:O, s:O, s:O}", "row",
							(json_int_t)r->row_no, "column",
							json_object_get(m, "column"), "message",
							json_object_get(m, en ? "message_en" : "message_th"),
							"message_th", json_object_get(m, "message_th"),
							"message_en", json_object_get(m, "message_en")));
			}
			json_decref(x);
			continue;
		}
		data = json_loads(r->data, 0, NULL);
		x = json_pack("{s:I, s:s, s:o}", "row", (json_int_t)r->row_no, "outcome", r->outcome,
			      "person_id", r->person_id ? json_integer(r->person_id) : json_null());
		if (data && json_array_size(json_object_get(data, "changed")))
			json_object_set(x, "changed", json_object_get(data, "changed"));
		json_decref(data);
		json_array_append_new(list, x);
	}
	json_object_set_new(o, "errors", errs);
	if (strcmp(outcome, IMPORT_ERROR))
		json_object_set_new(o, "rows", list);
	else
		json_decref(list);
	batch_put(o, b);
	json_object_set_new(o, "next_cursor",
			    rows->n == (size_t)limit ? json_integer(rows->items[rows->n - 1].row_no)
						     : json_null());
	return o;
}

static void send_report(struct http_req *req, struct http_resp *resp, const struct actor *who,
			int64_t id, int status)
{
	struct face *f = req->app;
	struct import_row_list rows = IMPORT_ROW_LIST_INIT;
	struct import_batch b;
	const char *outcome = http_query(req, "outcome");
	struct err e;
	int64_t cursor;
	int limit;

	err_init(&e);
	memset(&b, 0, sizeof(b));
	if (api_paging(req, resp, 100, 1000, &limit, &cursor))
		return;
	if (app_import_get(f->app, who, id, outcome, cursor, limit, &b, &rows, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	http_send_json(resp, status,
		       report_json(&b, outcome ? outcome : IMPORT_ERROR, &rows, limit, face_lang(req)));
	import_row_list_release(&rows);
	import_batch_release(&b);
}

static void api_imports_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	const char *name = http_query(req, "filename"), *ct = http_header(req, "Content-Type");
	struct actor who;
	struct err e;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (!ct || !(starts_with(ct, "text/csv") || starts_with(ct, "text/plain") ||
		     starts_with(ct, "application/octet-stream") ||
		     starts_with(ct, "application/vnd.openxmlformats-officedocument.spreadsheetml"))) {
		err_set(&e, ERR_INVALID, "Content-Type",
			"ส่งแฟ้มเป็น text/csv หรือ .xlsx (ได้รับ %.60s)",
			"send the file as text/csv or .xlsx (got %.60s)", ct ? ct : "nothing");
		http_send_problem_status(resp, 415, &e, face_lang(req));
		return;
	}
	if (!name || !*name)
		name = starts_with(ct, "application/vnd.openxmlformats") ? "upload.xlsx" : "upload.csv";
	if (app_import_stage(f->app, &who, req->body, req->body_len, name,
			     http_query(req, "policy"), &id, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	http_set_header(req, resp, "Location", arena_printf(req->arena, "/api/v1/imports/%lld",
							     (long long)id));
	send_report(req, resp, &who, id, 201);
}

/* The batches the user may read, newest first; the cursor is the last id seen. */
static void api_imports_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct import_batch_list l = IMPORT_BATCH_LIST_INIT;
	json_t *items, *o;
	struct actor who;
	struct err e;
	int64_t cursor;
	size_t i;
	int limit;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_paging(req, resp, 50, 200, &limit, &cursor))
		return;
	if (app_import_list(f->app, &who, cursor, limit, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (i = 0; i < l.n; i++) {
		json_t *x = json_object();

		batch_put(x, &l.items[i]);
		json_array_append_new(items, x);
	}
	o = json_pack("{s:o, s:o}", "items", items, "next_cursor",
		      l.n == (size_t)limit ? json_integer(l.items[l.n - 1].id) : json_null());
	http_send_json(resp, 200, o);
	import_batch_list_release(&l);
}

static void api_import_get(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	int64_t id;

	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	send_report(req, resp, &who, id, 200);
}

static void api_import_commit(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct import_counts w;
	struct actor who;
	struct err e;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_import_commit(f->app, &who, id, &w, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	http_send_json(resp, 200, json_pack("{s:I, s:s, s:I, s:I}", "id", (json_int_t)id, "status",
					    "committed", "inserted", (json_int_t)w.new_, "updated",
					    (json_int_t)w.update));
}

static void api_persons_csv(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct person_export_query q = { 0 };
	struct actor who;
	struct err e;
	int64_t n;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	q.area = http_query(req, "area");
	q.need = http_query(req, "need");
	if (app_person_export_list(f->app, &who, &q, EXPORT_CSV, &resp->body, &n, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	resp->status = 200;
	resp->content_type = "text/csv; charset=utf-8";
	http_set_header(req, resp, "Content-Disposition", "attachment; filename=\"persons.csv\"");
	http_set_header(req, resp, "Cache-Control", "no-store");
	http_set_header(req, resp, "X-Total-Count", arena_printf(req->arena, "%lld", (long long)n));
}

const struct http_upload api_uploads[] = {
	{ "POST", "/api/v1/imports", (size_t)64 << 20 },
};
const size_t api_nuploads = ARRAY_SIZE(api_uploads);

const struct http_route api_import_routes[] = {
	{ "GET", "/api/v1/persons.csv", api_persons_csv },
	{ "GET", "/api/v1/imports", api_imports_list },
	{ "POST", "/api/v1/imports", api_imports_create },
	{ "GET", "/api/v1/imports/{id}", api_import_get },
	{ "POST", "/api/v1/imports/{id}/commit", api_import_commit },
};
const size_t api_import_nroutes = ARRAY_SIZE(api_import_routes);
