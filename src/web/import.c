/*
 * Pages: importing person lists and downloading them (app/import). GET
 * /imports lists the batches the user may read, newest first, under the
 * upload form (a CSV or .xlsx file and the matching policy); the file comes
 * as multipart/form-data, the one body the server takes larger than its
 * usual cap (web_uploads). Staging shows the batch's report: its counts,
 * then the rows with problems first (row, column, message), and the other
 * outcomes a tab each. A batch without error rows has a commit button;
 * with error rows the page says to fix the file and import it again (a
 * batch is committed whole or not at all).
 *
 *     upload --stage--> /imports/{id} (report) --commit--> /imports/{id}?done=committed
 *
 * GET /persons/export.csv and .xlsx download the people the user may see
 * (the register page's area and need filters), in the import's columns,
 * so a list can be corrected and imported again.
 *
 * As on every page, the use cases decide who may do what; a POST that
 * succeeds redirects with a notice chosen from a fixed set, one that fails
 * shows the page again with the message.
 */
#include "web/web.h"
#include "app/import.h"
#include "core/date.h"
#include "core/import.h"

/* Largest file the upload form takes (the CLI takes up to IMPORT_MAX_BYTES). */
#define UPLOAD_MAX ((size_t)64 << 20)
#define BATCH_PAGE 30
#define ROW_PAGE 100
#define S(x) ((x) ? (x) : "")

const struct http_upload web_uploads[] = {
	{ "POST", "/imports", UPLOAD_MAX },
};
const size_t web_nuploads = ARRAY_SIZE(web_uploads);

static const char *outcome_name(struct http_req *req, const char *outcome)
{
	if (!strcmp(outcome, IMPORT_ERROR))
		return web_tr(req, "Rows with problems");
	if (!strcmp(outcome, IMPORT_NEW))
		return web_tr(req, "New people");
	if (!strcmp(outcome, IMPORT_UPDATE))
		return web_tr(req, "Changed people");
	return web_tr(req, "Unchanged");
}

static const char *status_name(struct http_req *req, const char *status)
{
	return !strcmp(status, "committed") ? web_tr(req, "Committed")
					    : web_tr(req, "Staged, not yet committed");
}

static const char *policy_name(struct http_req *req, const char *policy)
{
	return !strcmp(policy, "name_birth_area")
		       ? web_tr(req, "By name, birth date and tambon")
		       : web_tr(req, "By national ID (name, birth date and tambon without one)");
}

/* A file's text encoding as people call it. */
static const char *encoding_name(const char *code)
{
	if (!strcmp(code, "utf-8"))
		return "UTF-8";
	if (!strcmp(code, "tis-620") || !strcmp(code, "windows-874"))
		return "TIS-620";
	if (!strcmp(code, "xlsx"))
		return "Excel (.xlsx)";
	return code;
}

/* The counts of a batch for the templates. */
static json_t *counts_json(const struct import_counts *n)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I}", "total", (json_int_t)n->total, "error",
			 (json_int_t)n->error, "new", (json_int_t)n->new_, "update",
			 (json_int_t)n->update, "same", (json_int_t)n->same);
}

static json_t *batch_json(struct http_req *req, const struct import_batch *b)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:b}", "id",
			      (json_int_t)b->id, "href",
			      arena_printf(req->arena, "/imports/%lld", (long long)b->id),
			      "file_name", S(b->file_name), "status", status_name(req, b->status),
			      "policy", policy_name(req, b->policy), "encoding", encoding_name(b->encoding),
			      "created_by", b->created_by, "created_at",
			      web_time_text(req, b->created_at), "n", counts_json(&b->n),
			      "committed", !strcmp(b->status, "committed"), "has_errors",
			      b->n.error > 0);

	if (b->committed_at[0])
		json_object_set_new(o, "committed_at",
				    json_string(web_time_text(req, b->committed_at)));
	return o;
}

/* ---- the list and the upload form ---- */

static void render_list(struct http_req *req, struct http_resp *resp, const struct actor *who,
			const char *token, const char *alert, const char *policy)
{
	struct face *f = req->app;
	struct import_batch_list l = IMPORT_BATCH_LIST_INIT;
	int64_t before = web_parse_id(http_query(req, "before"));
	json_t *ctx, *rows;
	struct err e;
	size_t i;

	err_init(&e);
	if (app_import_list(f->app, who, before, BATCH_PAGE + 1, &l, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	rows = json_array();
	for (i = 0; i < l.n && i < BATCH_PAGE; i++)
		json_array_append_new(rows, batch_json(req, &l.items[i]));
	ctx = json_pack("{s:b, s:s, s:s, s:b, s:b, s:o, s:b, s:I}", "nav_persons", 1, "title",
			web_tr(req, "Import a list"), "scope_name",
			web_area_label(req, who, who->area), "can_write",
			role_can(who->role, PERM_WRITE), "has_rows", json_array_size(rows) > 0,
			"rows", rows, "by_name", policy && !strcmp(policy, "name_birth_area"),
			"max_mib", (json_int_t)(UPLOAD_MAX >> 20));
	if (alert)
		json_object_set_new(ctx, "alert", json_string(alert));
	if (l.n > BATCH_PAGE)
		json_object_set_new(ctx, "next_href",
				    json_string(arena_printf(req->arena, "/imports?before=%lld",
							     (long long)l.items[BATCH_PAGE - 1].id)));
	if (before)
		json_object_set_new(ctx, "first_href", json_string("/imports"));
	import_batch_list_release(&l);
	web_page(req, resp, "imports", ctx, who, token);
}

static void web_imports(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (web_begin(req, resp, &who, &token, false))
		render_list(req, resp, &who, token, NULL, NULL);
}

static void web_imports_upload(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	const char *policy = http_form(req, "policy"), *name = NULL;
	const void *data = NULL;
	size_t len = 0;
	struct actor who;
	const char *token;
	struct err e;
	int64_t id;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!http_form_file(req, "file", &data, &len, &name) || !len) {
		err_set(&e, ERR_INVALID, "file", "กรุณาเลือกแฟ้มรายชื่อ (CSV หรือ .xlsx)%s",
			"choose a list to import (CSV or .xlsx)%s", "");
	} else if (!app_import_stage(f->app, &who, data, len, *name ? name : "upload.csv", policy,
				     &id, &e)) {
		http_redirect(req, resp, arena_printf(req->arena, "/imports/%lld?done=staged",
						      (long long)id));
		return;
	}
	if (e.code == ERR_FORBIDDEN || e.code == ERR_DB) {
		web_error(req, resp, &e, &who, token);
		return;
	}
	resp->status = err_http_status(e.code);
	render_list(req, resp, &who, token, web_en(req) ? e.en : e.th, policy);
}

/* ---- one batch's report ---- */

/* A column code as the page shows it: its Thai header on Thai pages. */
static const char *column_label(struct http_req *req, const char *code)
{
	enum import_col c = import_col_parse(code, strlen(code));

	if (c == ICOL_NONE || web_en(req))
		return code;
	return arena_printf(req->arena, "%s (%s)", import_col_thai(c), code);
}

/* The name in a staged row's cells ({"cells":[...]} by import column), or "". */
static const char *row_name(struct http_req *req, json_t *data)
{
	json_t *cells = json_object_get(data, "cells");
	const char *t = json_string_value(json_array_get(cells, ICOL_TITLE));
	const char *g = json_string_value(json_array_get(cells, ICOL_GIVEN_NAME));
	const char *f = json_string_value(json_array_get(cells, ICOL_FAMILY_NAME));

	return arena_printf(req->arena, "%s%s%s%s%s", S(t), t && *t ? " " : "", S(g),
			    f && *f ? " " : "", S(f));
}

/* The rows of one page: problems one line each, other outcomes a row each. */
static json_t *rows_json(struct http_req *req, const struct import_row_list *rows, size_t limit)
{
	json_t *out = json_array();
	bool en = web_en(req);
	size_t i, k;

	for (i = 0; i < rows->n && i < limit; i++) {
		const struct import_row *r = &rows->items[i];

		if (!strcmp(r->outcome, IMPORT_ERROR)) {
			json_t *errs = json_loads(r->errors ? r->errors : "[]", 0, NULL);

			for (k = 0; k < json_array_size(errs); k++) {
				json_t *m = json_array_get(errs, k);

				json_array_append_new(
					out,
					json_pack("{s:I, s:s, s:s}", "row", (json_int_t)r->row_no,
						  "column",
						  column_label(req, S(json_string_value(
									    json_object_get(m, "column")))),
						  "message",
						  S(json_string_value(json_object_get(
							  m, en ? "message_en" : "message_th")))));
			}
			json_decref(errs);
			continue;
		}
		{
			json_t *data = json_loads(S(r->data), 0, NULL), *ch;
			struct buf cols = BUF_INIT;
			json_t *o;

			ch = json_object_get(data, "changed");
			for (k = 0; k < json_array_size(ch); k++) {
				if (k)
					buf_puts(&cols, ", ");
				buf_puts(&cols, column_label(req, S(json_string_value(
									  json_array_get(ch, k)))));
			}
			o = json_pack("{s:I, s:s, s:s}", "row", (json_int_t)r->row_no, "changed",
				      arena_strndup(req->arena, cols.ptr ? cols.ptr : "", cols.len),
				      "name", row_name(req, data));
			if (r->person_id)
				json_object_set_new(o, "person_href",
						    json_string(arena_printf(req->arena,
									     "/persons/%lld",
									     (long long)r->person_id)));
			buf_release(&cols);
			json_decref(data);
			json_array_append_new(out, o);
		}
	}
	return out;
}

/* The notice of a redirect after a POST, from a fixed set. */
static const char *notice_of(struct http_req *req, const struct import_batch *b)
{
	const char *done = http_query(req, "done");

	if (!done)
		return NULL;
	if (!strcmp(done, "staged") && b->n.error)
		return web_tr(req, "The file was read. Some rows have problems: correct them in the file and import it again; nothing has been written to the register.");
	if (!strcmp(done, "staged"))
		return web_tr(req, "The file was read and every row passed the checks. Look over the counts, then commit to write them to the register.");
	if (!strcmp(done, "committed"))
		return web_tr(req, "Committed: the new and changed people are in the register.");
	return NULL;
}

static void render_batch(struct http_req *req, struct http_resp *resp, const struct actor *who,
			 const char *token, int64_t id, const char *alert)
{
	static const char *const outcomes[] = { IMPORT_ERROR, IMPORT_NEW, IMPORT_UPDATE,
						IMPORT_SAME };
	struct face *f = req->app;
	struct import_row_list rows = IMPORT_ROW_LIST_INIT;
	struct import_batch b;
	const char *outcome = http_query(req, "outcome"), *notice;
	int64_t after = web_parse_id(http_query(req, "after"));
	json_t *ctx, *tabs, *unknown;
	struct err e;
	size_t i;

	err_init(&e);
	memset(&b, 0, sizeof(b));
	if (!outcome || !*outcome) {
		/* Problems first; a batch without any opens on what it adds. */
		if (app_import_get(f->app, who, id, IMPORT_ERROR, 0, 1, &b, &rows, &e)) {
			web_error(req, resp, &e, who, token);
			return;
		}
		outcome = b.n.error ? IMPORT_ERROR : b.n.new_ ? IMPORT_NEW
				    : b.n.update       ? IMPORT_UPDATE
							 : IMPORT_SAME;
		import_row_list_release(&rows);
		import_batch_release(&b);
	}
	if (app_import_get(f->app, who, id, outcome, after, ROW_PAGE + 1, &b, &rows, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	tabs = json_array();
	for (i = 0; i < ARRAY_SIZE(outcomes); i++) {
		int64_t n = !strcmp(outcomes[i], IMPORT_ERROR)  ? b.n.error
			    : !strcmp(outcomes[i], IMPORT_NEW)  ? b.n.new_
			    : !strcmp(outcomes[i], IMPORT_UPDATE) ? b.n.update
								  : b.n.same;

		json_array_append_new(
			tabs, json_pack("{s:s, s:s, s:I, s:b}", "name", outcome_name(req, outcomes[i]),
					"href",
					arena_printf(req->arena, "/imports/%lld?outcome=%s",
						     (long long)id, outcomes[i]),
					"count", (json_int_t)n, "current",
					!strcmp(outcomes[i], outcome)));
	}
	unknown = json_loads(b.unknown_columns ? b.unknown_columns : "[]", 0, NULL);
	ctx = json_pack("{s:b, s:s, s:o, s:o, s:s, s:b, s:b, s:o, s:b, s:b, s:s}", "nav_persons", 1,
			"title", web_tr(req, "Import report"), "b", batch_json(req, &b), "tabs",
			tabs, "outcome_name", outcome_name(req, outcome), "errors_tab",
			!strcmp(outcome, IMPORT_ERROR), "changes_tab", !strcmp(outcome, IMPORT_UPDATE),
			"rows",
			rows_json(req, &rows, ROW_PAGE), "has_rows", rows.n > 0, "can_commit",
			role_can(who->role, PERM_WRITE) && !strcmp(b.status, "staged") &&
				!b.n.error && b.n.new_ + b.n.update > 0,
			"commit_action",
			arena_printf(req->arena, "/imports/%lld/commit", (long long)id));
	if (json_array_size(unknown)) {
		struct buf t = BUF_INIT;

		for (i = 0; i < json_array_size(unknown); i++)
			buf_printf(&t, "%s%s", i ? ", " : "",
				   S(json_string_value(json_array_get(unknown, i))));
		json_object_set_new(ctx, "unknown_columns", json_stringn(t.ptr, t.len));
		buf_release(&t);
	}
	json_decref(unknown);
	if (alert)
		json_object_set_new(ctx, "alert", json_string(alert));
	else if ((notice = notice_of(req, &b)))
		json_object_set_new(ctx, "notice", json_string(notice));
	if (rows.n > ROW_PAGE)
		json_object_set_new(
			ctx, "next_href",
			json_string(arena_printf(req->arena, "/imports/%lld?outcome=%s&after=%lld",
						 (long long)id, outcome,
						 (long long)rows.items[ROW_PAGE - 1].row_no)));
	if (after)
		json_object_set_new(ctx, "first_href",
				    json_string(arena_printf(req->arena, "/imports/%lld?outcome=%s",
							     (long long)id, outcome)));
	import_row_list_release(&rows);
	import_batch_release(&b);
	web_page(req, resp, "import", ctx, who, token);
}

static void web_import(struct http_req *req, struct http_resp *resp)
{
	int64_t id = web_parse_id(req->params[0]);
	struct actor who;
	const char *token;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!id) {
		err_set(&e, ERR_NOT_FOUND, NULL, "ไม่พบหน้า %s", "no page at %s", req->path);
		web_error(req, resp, &e, &who, token);
		return;
	}
	render_batch(req, resp, &who, token, id, NULL);
}

static void web_import_commit(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct import_counts w;
	struct actor who;
	const char *token;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id)
		err_set(&e, ERR_NOT_FOUND, NULL, "ไม่พบหน้า %s", "no page at %s", req->path);
	else if (!app_import_commit(f->app, &who, id, &w, &e)) {
		http_redirect(req, resp, arena_printf(req->arena, "/imports/%lld?done=committed",
						      (long long)id));
		return;
	}
	if (e.code == ERR_FORBIDDEN || e.code == ERR_NOT_FOUND || e.code == ERR_DB) {
		web_error(req, resp, &e, &who, token);
		return;
	}
	resp->status = err_http_status(e.code);
	render_batch(req, resp, &who, token, id, web_en(req) ? e.en : e.th);
}

/* ---- downloads ---- */

/* An area code as part of a file name: letters and digits only. */
static const char *file_part(struct http_req *req, const char *code)
{
	char *out = arena_strdup(req->arena, code), *w = out;

	for (; *code; code++)
		if ((*code >= '0' && *code <= '9') || (*code >= 'A' && *code <= 'Z'))
			*w++ = *code;
	*w = '\0';
	return out;
}

static void send_export(struct http_req *req, struct http_resp *resp, enum export_format fmt)
{
	struct face *f = req->app;
	struct person_export_query q = { 0 };
	const char *area = http_query(req, "area"), *need = http_query(req, "need");
	struct actor who;
	const char *token;
	struct err e;
	int64_t n;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	q.area = area && *area ? area : NULL;
	q.need = need && *need ? need : NULL;
	if (app_person_export_list(f->app, &who, &q, fmt, &resp->body, &n, &e)) {
		buf_reset(&resp->body);
		web_error(req, resp, &e, &who, token);
		return;
	}
	resp->content_type = fmt == EXPORT_CSV ? "text/csv; charset=utf-8"
					       : "application/vnd.openxmlformats-officedocument."
						 "spreadsheetml.sheet";
	http_set_header(req, resp, "Content-Disposition",
			arena_printf(req->arena, "attachment; filename=\"persons-%s.%s\"",
				     file_part(req, q.area ? q.area : who.area),
				     fmt == EXPORT_CSV ? "csv" : "xlsx"));
	http_set_header(req, resp, "Cache-Control", "no-store");
}

static void web_export_csv(struct http_req *req, struct http_resp *resp)
{
	send_export(req, resp, EXPORT_CSV);
}

static void web_export_xlsx(struct http_req *req, struct http_resp *resp)
{
	send_export(req, resp, EXPORT_XLSX);
}

const struct http_route web_import_routes[] = {
	{ "GET", "/persons/export.csv", web_export_csv },
	{ "GET", "/persons/export.xlsx", web_export_xlsx },
	{ "GET", "/imports", web_imports },
	{ "POST", "/imports", web_imports_upload },
	{ "GET", "/imports/{id}", web_import },
	{ "POST", "/imports/{id}/commit", web_import_commit },
};
const size_t web_import_nroutes = ARRAY_SIZE(web_import_routes);
