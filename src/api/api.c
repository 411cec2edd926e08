/*
 * API plumbing shared by every handler: the routes of all modules together,
 * authentication, language, errors and paging. Each api/<concept>.c lists its
 * own routes next to its handlers; docs/api.md describes every one and a test
 * keeps the two in step.
 */
#include <pthread.h>
#include "api/api.h"
#include "app/user.h"
#include "web/i18n.h"

static void api_healthz(struct http_req *req, struct http_resp *resp);

static void api_healthz(struct http_req *req, struct http_resp *resp);

static const struct http_route service_routes[] = {
	{ "GET", "/healthz", api_healthz },
};

static const size_t nservice_routes = ARRAY_SIZE(service_routes);

/* Each module's table; the routes of all of them are joined once. */
static const struct http_route_table modules[] = {
	{ service_routes, &nservice_routes },
	{ api_user_routes, &api_user_nroutes },
	{ api_audit_routes, &api_audit_nroutes },
	{ api_geo_routes, &api_geo_nroutes },
	{ api_person_routes, &api_person_nroutes },
	{ api_import_routes, &api_import_nroutes },
	{ api_report_routes, &api_report_nroutes },
	{ api_duplicate_routes, &api_duplicate_nroutes },
	{ api_fund_routes, &api_fund_nroutes },
	{ api_statement_routes, &api_statement_nroutes },
	{ api_program_routes, &api_program_nroutes },
	{ api_grant_routes, &api_grant_nroutes },
	{ api_coverage_routes, &api_coverage_nroutes },
	{ api_assembly_routes, &api_assembly_nroutes },
	{ api_org_routes, &api_org_nroutes },
};

static struct http_route *all_routes; /* owned for the life of the process */
static size_t nall_routes;

static void build_routes(void)
{
	all_routes = http_routes_join(modules, ARRAY_SIZE(modules), &nall_routes);
}

void api_routes(const struct http_route **r, size_t *n)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, build_routes);
	*r = all_routes;
	*n = nall_routes;
}

static void api_healthz(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct err e;
	struct db *db;
	int64_t one;

	err_init(&e);
	db = app_db(f->app, &e);
	if (!db || db_query_int64(db, "SELECT 1", &one, &e)) {
		http_send_json(resp, 503, json_pack("{s:s, s:s}", "status", "unavailable", "detail",
						    e.en));
		return;
	}
	http_send_json(resp, 200, json_pack("{s:s, s:s}", "status", "ok", "db", db_driver(db)));
}

const char *face_lang(struct http_req *req)
{
	return i18n_pick_lang(http_query(req, "lang"), http_cookie(req, "lang"),
			      http_header(req, "Accept-Language"));
}

const char *face_token(struct http_req *req, bool *from_cookie)
{
	const char *h = http_header(req, "Authorization");

	*from_cookie = false;
	if (h && !strncasecmp(h, "Bearer ", 7)) {
		h += 7;
		while (*h == ' ')
			h++;
		return h;
	}
	h = http_cookie(req, SESSION_COOKIE);
	if (h && *h) {
		*from_cookie = true;
		return h;
	}
	return NULL;
}

void face_set_session_cookie(struct http_req *req, struct http_resp *resp, const char *token,
			     int max_age)
{
	struct face *f = req->app;

	http_set_header(req, resp, "Set-Cookie",
			arena_printf(req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
				     SESSION_COOKIE, token, max_age,
				     f->secure_cookies ? "; Secure" : ""));
}

void api_fail(struct http_req *req, struct http_resp *resp, const struct err *e)
{
	http_send_problem(resp, e, face_lang(req));
}

int api_auth(struct http_req *req, struct http_resp *resp, struct actor *who)
{
	struct face *f = req->app;
	bool cookie;
	const char *token = face_token(req, &cookie);
	struct err e;
	int r;

	err_init(&e);
	if (!token) {
		err_set(&e, ERR_UNAUTH, NULL, "กรุณาเข้าสู่ระบบ%s", "please log in%s", "");
		api_fail(req, resp, &e);
		return ERR_UNAUTH;
	}
	r = app_session(f->app, token, who, &e);
	if (r) {
		api_fail(req, resp, &e);
		return r;
	}
	if (cookie && strcmp(req->method, "GET") && strcmp(req->method, "HEAD") &&
	    !app_csrf_ok(token, http_header(req, CSRF_HEADER))) {
		err_set(&e, ERR_FORBIDDEN, "csrf",
			"คำขอไม่มีรหัสป้องกัน CSRF ที่ถูกต้อง (ส่วนหัว %s)",
			"missing or wrong CSRF token (header %s)", CSRF_HEADER);
		api_fail(req, resp, &e);
		return ERR_FORBIDDEN;
	}
	return 0;
}

int api_paging(struct http_req *req, struct http_resp *resp, int def, int max, int *limit,
	       int64_t *cursor)
{
	const char *l = http_query(req, "limit"), *c = http_query(req, "cursor");
	struct err e;
	char *end;
	long v;

	err_init(&e);
	*limit = def;
	*cursor = 0;
	if (l) {
		v = strtol(l, &end, 10);
		if (!*l || *end || v < 1 || v > max) {
			err_set(&e, ERR_INVALID, "limit", "limit ต้องเป็นจำนวนเต็ม 1–%d",
				"limit must be an integer 1-%d", max);
			api_fail(req, resp, &e);
			return ERR_INVALID;
		}
		*limit = (int)v;
	}
	if (c) {
		long long x = strtoll(c, &end, 10);

		if (!*c || *end || x < 0) {
			err_set(&e, ERR_INVALID, "cursor", "cursor ไม่ถูกต้อง: '%s'",
				"invalid cursor '%s'", c);
			api_fail(req, resp, &e);
			return ERR_INVALID;
		}
		*cursor = x;
	}
	return 0;
}

const char *api_str(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

int64_t api_int(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

json_t *api_date_json(struct date d)
{
	return d.y ? json_sprintf("%04d-%02d-%02d", d.y, d.m, d.d) : json_null();
}

void api_created(struct http_req *req, struct http_resp *resp, const char *path, int64_t id,
		 json_t *extra)
{
	json_t *o = extra ? extra : json_object();

	json_object_set_new(o, "id", json_integer(id));
	http_set_header(req, resp, "Location",
			arena_printf(req->arena, "/api/v1/%s/%lld", path, (long long)id));
	http_send_json(resp, 201, o);
}

int api_path_id(struct http_req *req, struct http_resp *resp, int64_t *id)
{
	const char *s = req->params[0];
	struct err e;
	char *end;
	long long v = strtoll(s, &end, 10);

	if (!*s || *end || v <= 0) {
		err_init(&e);
		err_set(&e, ERR_INVALID, "id", "รหัส '%.20s' ไม่ถูกต้อง", "invalid id '%.20s'", s);
		api_fail(req, resp, &e);
		return ERR_INVALID;
	}
	*id = v;
	return 0;
}

void api_send_page(struct http_resp *resp, json_t *items, size_t n, int limit, int64_t cursor)
{
	http_send_json(resp, 200,
		       json_pack("{s:o, s:o}", "items", items, "next_cursor",
				 n == (size_t)limit ? json_sprintf("%lld", (long long)(cursor + limit))
						    : json_null()));
}
