/*
 * Page: the duplicate review queue (app/duplicate). GET /duplicates lists
 * the open candidates in the user's scope, a page at a time, each pair side
 * by side with its score and the reason in words; a form scans an area
 * (the user's scope by default). Each decision is a small form: merge,
 * keeping one of the two, or "not the same person".
 *
 * Every POST checks the CSRF token, then goes back to /duplicates with a
 * notice chosen from a fixed set by the query (?done=merged|dismissed, or
 * ?scanned=N), so nothing the user typed is echoed through the URL. A
 * decision that lost a race (ERR_CONFLICT) or a bad area shows on the list
 * itself; 403 and 404 get the error page. The buttons appear only for roles
 * that may write; the use cases check again.
 */
#include "web/web.h"
#include "app/duplicate.h"
#include "app/geo.h"
#include "app/person.h"
#include "core/date.h"
#include "core/thid.h"


#define PAGE_SIZE 20
#define S(x) ((x) ? (x) : "")

/* The reason code of a scan (app/duplicate.h) in words. */
static const char *reason_text(struct http_req *req, const char *reason)
{
	if (!strcmp(reason, "same_name_birth"))
		return web_tr(req, "Same name and birth date");
	if (!strcmp(reason, "similar_name_birth"))
		return web_tr(req, "Similar name, same birth date");
	if (!strcmp(reason, "same_name_near_birth"))
		return web_tr(req, "Same name, birth dates close");
	return reason;
}

/* One side of a pair for the template, or NULL when it cannot be read. */
static json_t *side_json(struct http_req *req, const struct actor *who, int64_t id)
{
	struct face *f = req->app;
	struct person p;
	struct err e;
	json_t *o;

	err_init(&e);
	person_init(&p);
	/* No need list asked for: reading the pair is no view of sensitive data. */
	if (app_person_get(f->app, who, id, &p, NULL, NULL, NULL, &e)) {
		person_release(&p);
		return NULL;
	}
	o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)p.id, "href",
		      arena_printf(req->arena, "/persons/%lld", (long long)p.id), "name",
		      arena_printf(req->arena, "%s%s%s%s%s", S(p.title),
				   p.title && *p.title ? " " : "", S(p.given_name),
				   p.family_name && *p.family_name ? " " : "", S(p.family_name)),
		      "national_id", web_nid_text(req, p.national_id), "sex",
		      p.sex == SEX_UNKNOWN ? web_tr(req, "Not recorded") : sex_name(p.sex, !web_en(req)),
		      "birth", web_date_text(req, p.birth, DATE_LONG), "area", p.area, "area_name",
		      web_area_label(req, who, p.area));
	person_release(&p);
	return o;
}

/* The notice of a redirect after a POST, from a fixed set. */
static const char *notice_of(struct http_req *req)
{
	const char *done = http_query(req, "done"), *scanned = http_query(req, "scanned");

	if (done && !strcmp(done, "merged"))
		return web_tr(req, "The two records were merged.");
	if (done && !strcmp(done, "dismissed"))
		return web_tr(req, "Marked as not the same person.");
	if (scanned && (!strcmp(scanned, "0") || web_parse_id(scanned)))
		return arena_printf(req->arena, "%s %lld",
				    web_tr(req, "Scan finished. New possible duplicates:"),
				    (long long)(*scanned == '0' ? 0 : web_parse_id(scanned)));
	return NULL;
}

/*
 * Renders the queue after cursor. alert (may be NULL) is a message from a
 * failed form; scan_area what the scan form shows.
 */
static void render(struct http_req *req, struct http_resp *resp, const struct actor *who,
		   const char *token, const char *alert, const char *scan_area)
{
	struct face *f = req->app;
	struct dup_candidate items[PAGE_SIZE + 1];
	int64_t cursor = web_parse_id(http_query(req, "after"));
	const char *notice = alert ? NULL : notice_of(req);
	bool can_write = role_can(who->role, PERM_WRITE);
	struct err e;
	json_t *ctx, *rows;
	size_t n, i;

	err_init(&e);
	if (app_duplicate_list(f->app, who, cursor, PAGE_SIZE + 1, items, &n, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	rows = json_array();
	for (i = 0; i < n && i < PAGE_SIZE; i++) {
		json_t *a = side_json(req, who, items[i].person_a);
		json_t *b = side_json(req, who, items[i].person_b);

		if (!a || !b) {
			json_decref(a);
			json_decref(b);
			continue;
		}
		json_array_append_new(
			rows, json_pack("{s:I, s:i, s:s, s:o, s:o, s:s, s:s}", "id",
					(json_int_t)items[i].id, "score", items[i].score, "reason",
					reason_text(req, items[i].reason), "a", a, "b", b,
					"merge_action",
					arena_printf(req->arena, "/duplicates/%lld/merge",
						     (long long)items[i].id),
					"dismiss_action",
					arena_printf(req->arena, "/duplicates/%lld/dismiss",
						     (long long)items[i].id)));
	}
	ctx = json_pack("{s:b, s:s, s:s, s:s, s:b, s:b, s:o}", "nav_duplicates", 1, "title",
			web_tr(req, "Duplicates"), "scan_area", scan_area, "scope_name",
			web_area_label(req, who, who->area), "can_write", can_write, "has_rows",
			json_array_size(rows) > 0, "rows", rows);
	if (notice)
		json_object_set_new(ctx, "notice", json_string(notice));
	if (alert)
		json_object_set_new(ctx, "alert", json_string(alert));
	if (n > PAGE_SIZE)
		json_object_set_new(ctx, "next_href",
				    json_string(arena_printf(req->arena, "/duplicates?after=%lld",
							     (long long)items[PAGE_SIZE - 1].id)));
	if (cursor)
		json_object_set_new(ctx, "first_href", json_string("/duplicates"));
	web_page(req, resp, "duplicates", ctx, who, token);
}

static void web_duplicates(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (web_begin(req, resp, &who, &token, false))
		render(req, resp, &who, token, NULL, who.area);
}

/* After a form: back to the queue, the queue with the message, or the error page. */
static void after(struct http_req *req, struct http_resp *resp, const struct actor *who,
		  const char *token, int rc, const struct err *e, const char *to,
		  const char *scan_area)
{
	if (!rc)
		http_redirect(req, resp, to);
	else if (e->code == ERR_FORBIDDEN || e->code == ERR_NOT_FOUND || e->code == ERR_DB)
		web_error(req, resp, e, who, token);
	else {
		resp->status = err_http_status(e->code);
		render(req, resp, who, token, web_en(req) ? e->en : e->th, scan_area);
	}
}

static void web_duplicates_scan(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	const char *area = http_form(req, "area");
	struct actor who;
	const char *token;
	struct err e;
	int added = 0, rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!area || !*area)
		area = who.area;
	rc = app_duplicate_scan(f->app, &who, area, &added, &e);
	after(req, resp, &who, token, rc, &e,
	      arena_printf(req->arena, "/duplicates?scanned=%d", added), area);
}

static void web_duplicate_merge(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	int64_t id = web_parse_id(req->params[0]), keep = web_parse_id(http_form(req, "keep"));
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id)
		rc = err_set(&e, ERR_NOT_FOUND, NULL, "ไม่พบหน้า %s", "no page at %s", req->path);
	else if (!keep)
		rc = err_set(&e, ERR_INVALID, "keep", "กรุณาเลือกระเบียนที่จะเก็บไว้%s",
			     "choose the record to keep%s", "");
	else
		rc = app_duplicate_merge(f->app, &who, id, keep, &e);
	after(req, resp, &who, token, rc, &e, "/duplicates?done=merged", who.area);
}

static void web_duplicate_dismiss(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id)
		rc = err_set(&e, ERR_NOT_FOUND, NULL, "ไม่พบหน้า %s", "no page at %s", req->path);
	else
		rc = app_duplicate_dismiss(f->app, &who, id, &e);
	after(req, resp, &who, token, rc, &e, "/duplicates?done=dismissed", who.area);
}

const struct http_route web_duplicate_routes[] = {
	{ "GET", "/duplicates", web_duplicates },
	{ "POST", "/duplicates/scan", web_duplicates_scan },
	{ "POST", "/duplicates/{id}/merge", web_duplicate_merge },
	{ "POST", "/duplicates/{id}/dismiss", web_duplicate_dismiss },
};
const size_t web_duplicate_nroutes = ARRAY_SIZE(web_duplicate_routes);
