/* API: login, logout, the current user, and user management. */
#include "api/api.h"
#include "app/user.h"


static json_t *actor_json(const struct actor *a)
{
	enum role r = a->role;

	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)a->id,
			 "username", a->username, "role", role_name(r), "role_th",
			 role_title_th(r), "role_en", role_title_en(r), "area", a->area, "lang",
			 a->lang);
}

static json_t *user_row_json(const struct user_row *u)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:s, s:s}", "id", (json_int_t)u->id,
			 "username", u->username, "display_name", u->display_name, "role", u->role,
			 "area", u->area, "disabled", u->disabled, "created_at", u->created_at,
			 "updated_at", u->updated_at);
}

/* A required string field; writes a 400 problem when missing. */
static const char *need(struct http_req *req, struct http_resp *resp, json_t *body,
			const char *key)
{
	const char *v = api_str(body, key);
	struct err e;

	if (!v) {
		err_init(&e);
		err_set(&e, ERR_INVALID, key, "ต้องระบุช่อง '%s' เป็นข้อความ",
			"field '%s' is required and must be a string", key);
		api_fail(req, resp, &e);
	}
	return v;
}

static void api_login(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	char token[TOKEN_LEN + 1], csrf[CSRF_LEN + 1];
	const char *user, *pass;
	struct actor who;
	struct err e;
	json_t *body = http_json_body(req, resp);

	err_init(&e);
	if (!body)
		return;
	if (!(user = need(req, resp, body, "username")) ||
	    !(pass = need(req, resp, body, "password")))
		goto out;
	if (app_login(f->app, user, pass, "api", token, &who, &e)) {
		api_fail(req, resp, &e);
		goto out;
	}
	app_csrf_token(token, csrf);
	face_set_session_cookie(req, resp, token, SESSION_SECONDS);
	http_send_json(resp, 200,
		       json_pack("{s:s, s:s, s:i, s:s, s:o}", "token", token, "token_type", "Bearer",
				 "expires_in", SESSION_SECONDS, "csrf", csrf, "user",
				 actor_json(&who)));
out:
	json_decref(body);
}

static void api_logout(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	bool cookie;
	struct err e;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (app_logout(f->app, face_token(req, &cookie), &e)) {
		api_fail(req, resp, &e);
		return;
	}
	face_set_session_cookie(req, resp, "", 0);
	resp->status = 204;
}

static void api_me(struct http_req *req, struct http_resp *resp)
{
	struct actor who;

	if (api_auth(req, resp, &who))
		return;
	http_send_json(resp, 200, actor_json(&who));
}

static void api_users_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct user_row *rows;
	struct actor who;
	struct err e;
	json_t *items;
	int64_t cursor;
	size_t n, i;
	int limit;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_paging(req, resp, 50, 500, &limit, &cursor))
		return;
	if (app_user_list(f->app, &who, cursor, limit, &rows, &n, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, user_row_json(&rows[i]));
	http_send_json(resp, 200,
		       json_pack("{s:o, s:o}", "items", items, "next_cursor",
				 n == (size_t)limit
					 ? json_sprintf("%lld", (long long)rows[n - 1].id)
					 : json_null()));
	user_rows_free(rows, n);
}

static void api_users_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	const char *name, *role, *area, *pass, *display;
	struct actor who;
	struct err e;
	json_t *body;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || !(body = http_json_body(req, resp)))
		return;
	if (!(name = need(req, resp, body, "username")) || !(role = need(req, resp, body, "role")) ||
	    !(area = need(req, resp, body, "area")) ||
	    !(pass = need(req, resp, body, "password")))
		goto out;
	display = api_str(body, "display_name");
	if (app_user_add(f->app, &who, name, display ? display : name, role, area, pass, &id, &e)) {
		api_fail(req, resp, &e);
		goto out;
	}
	http_set_header(req, resp, "Location", arena_printf(req->arena, "/api/v1/users/%s", name));
	http_send_json(resp, 201,
		       json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "username", name,
				 "role", role, "area", area));
out:
	json_decref(body);
}

static void set_disabled(struct http_req *req, struct http_resp *resp, bool disabled)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (app_user_disable(f->app, &who, req->params[0], disabled, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	http_send_json(resp, 200, json_pack("{s:s, s:b}", "username", req->params[0], "disabled",
					    disabled));
}

static void api_user_disable(struct http_req *req, struct http_resp *resp)
{
	set_disabled(req, resp, true);
}

static void api_user_enable(struct http_req *req, struct http_resp *resp)
{
	set_disabled(req, resp, false);
}

static void api_user_password(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	const char *pass;
	struct actor who;
	struct err e;
	json_t *body;

	err_init(&e);
	if (api_auth(req, resp, &who) || !(body = http_json_body(req, resp)))
		return;
	if ((pass = need(req, resp, body, "password"))) {
		if (app_user_passwd(f->app, &who, req->params[0], pass, &e))
			api_fail(req, resp, &e);
		else
			resp->status = 204;
	}
	json_decref(body);
}

const struct http_route api_user_routes[] = {
	{ "POST", "/api/v1/login", api_login },
	{ "POST", "/api/v1/logout", api_logout },
	{ "GET", "/api/v1/me", api_me },
	{ "GET", "/api/v1/users", api_users_list },
	{ "POST", "/api/v1/users", api_users_create },
	{ "POST", "/api/v1/users/{username}/disable", api_user_disable },
	{ "POST", "/api/v1/users/{username}/enable", api_user_enable },
	{ "POST", "/api/v1/users/{username}/password", api_user_password },
};
const size_t api_user_nroutes = ARRAY_SIZE(api_user_routes);
