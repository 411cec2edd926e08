/*
 * API plumbing shared by every handler: the route table, authentication,
 * language, errors and paging. The table lists every endpoint of the API in
 * one place; docs/api.md describes them and a test keeps the two in step.
 */
#include "api/api.h"
#include "app/user.h"
#include "web/i18n.h"

void api_login(struct http_req *req, struct http_resp *resp);
void api_logout(struct http_req *req, struct http_resp *resp);
void api_me(struct http_req *req, struct http_resp *resp);
void api_users_list(struct http_req *req, struct http_resp *resp);
void api_users_create(struct http_req *req, struct http_resp *resp);
void api_user_disable(struct http_req *req, struct http_resp *resp);
void api_user_enable(struct http_req *req, struct http_resp *resp);
void api_user_password(struct http_req *req, struct http_resp *resp);
void api_audit_list(struct http_req *req, struct http_resp *resp);
void api_audit_verify(struct http_req *req, struct http_resp *resp);
void api_areas_root(struct http_req *req, struct http_resp *resp);
void api_area_get(struct http_req *req, struct http_resp *resp);
void api_area_children(struct http_req *req, struct http_resp *resp);
void api_area_add_village(struct http_req *req, struct http_resp *resp);
void api_regions(struct http_req *req, struct http_resp *resp);
void api_region_get(struct http_req *req, struct http_resp *resp);
void api_persons_list(struct http_req *req, struct http_resp *resp);
void api_persons_create(struct http_req *req, struct http_resp *resp);
void api_person_get(struct http_req *req, struct http_resp *resp);
void api_person_update(struct http_req *req, struct http_resp *resp);
void api_person_death(struct http_req *req, struct http_resp *resp);
void api_person_needs_add(struct http_req *req, struct http_resp *resp);
void api_need_end(struct http_req *req, struct http_resp *resp);
void api_person_consents_add(struct http_req *req, struct http_resp *resp);
void api_consent_withdraw(struct http_req *req, struct http_resp *resp);
void api_person_history(struct http_req *req, struct http_resp *resp);
void api_person_export(struct http_req *req, struct http_resp *resp);
void api_households_create(struct http_req *req, struct http_resp *resp);
void api_person_retention(struct http_req *req, struct http_resp *resp);
void api_household_get(struct http_req *req, struct http_resp *resp);
void api_household_members_add(struct http_req *req, struct http_resp *resp);
void api_situation(struct http_req *req, struct http_resp *resp);
void api_duplicates_scan(struct http_req *req, struct http_resp *resp);
void api_duplicates_list(struct http_req *req, struct http_resp *resp);
void api_duplicate_merge(struct http_req *req, struct http_resp *resp);
void api_duplicate_dismiss(struct http_req *req, struct http_resp *resp);
static void api_healthz(struct http_req *req, struct http_resp *resp);

static const struct http_route routes[] = {
	{ "GET", "/healthz", api_healthz },
	{ "POST", "/api/v1/login", api_login },
	{ "POST", "/api/v1/logout", api_logout },
	{ "GET", "/api/v1/me", api_me },
	{ "GET", "/api/v1/users", api_users_list },
	{ "POST", "/api/v1/users", api_users_create },
	{ "POST", "/api/v1/users/{username}/disable", api_user_disable },
	{ "POST", "/api/v1/users/{username}/enable", api_user_enable },
	{ "POST", "/api/v1/users/{username}/password", api_user_password },
	{ "GET", "/api/v1/audit", api_audit_list },
	{ "GET", "/api/v1/audit/verify", api_audit_verify },
	{ "GET", "/api/v1/regions", api_regions },
	{ "GET", "/api/v1/regions/{code}", api_region_get },
	{ "GET", "/api/v1/areas", api_areas_root },
	{ "GET", "/api/v1/areas/{code}", api_area_get },
	{ "GET", "/api/v1/areas/{code}/children", api_area_children },
	{ "POST", "/api/v1/areas/{code}/villages", api_area_add_village },
	{ "GET", "/api/v1/persons", api_persons_list },
	{ "POST", "/api/v1/persons", api_persons_create },
	{ "GET", "/api/v1/persons/{id}", api_person_get },
	{ "PUT", "/api/v1/persons/{id}", api_person_update },
	{ "POST", "/api/v1/persons/{id}/death", api_person_death },
	{ "POST", "/api/v1/persons/{id}/needs", api_person_needs_add },
	{ "POST", "/api/v1/needs/{id}/end", api_need_end },
	{ "POST", "/api/v1/persons/{id}/consents", api_person_consents_add },
	{ "POST", "/api/v1/consents/{id}/withdraw", api_consent_withdraw },
	{ "GET", "/api/v1/persons/{id}/history", api_person_history },
	{ "GET", "/api/v1/persons/{id}/export", api_person_export },
	{ "PUT", "/api/v1/persons/{id}/retention", api_person_retention },
	{ "POST", "/api/v1/households", api_households_create },
	{ "GET", "/api/v1/households/{id}", api_household_get },
	{ "POST", "/api/v1/households/{id}/members", api_household_members_add },
	{ "GET", "/api/v1/situation/{code}", api_situation },
	{ "POST", "/api/v1/duplicates/scan", api_duplicates_scan },
	{ "GET", "/api/v1/duplicates", api_duplicates_list },
	{ "POST", "/api/v1/duplicates/{id}/merge", api_duplicate_merge },
	{ "POST", "/api/v1/duplicates/{id}/dismiss", api_duplicate_dismiss },
};

void api_routes(const struct http_route **r, size_t *n)
{
	*r = routes;
	*n = ARRAY_SIZE(routes);
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
