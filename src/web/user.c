/*
 * Pages: log in and out. The login form has no session yet, so its CSRF
 * token is a random value kept in a cookie and echoed in the form (double
 * submit); SameSite=Strict cookies already keep other sites' forms out.
 */
#include <sodium.h>
#include "web/web.h"
#include "app/user.h"


/* A local path to return to after login, or "/": never another site. */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 200 ||
	    strpbrk(next, "\r\n"))
		return "/";
	return next;
}

static void render_login(struct http_req *req, struct http_resp *resp, const char *error,
			 const char *username)
{
	const char *csrf = http_cookie(req, CSRF_COOKIE);
	char fresh[CSRF_LEN + 1];
	json_t *ctx;

	if (!csrf || strlen(csrf) != CSRF_LEN) {
		unsigned char raw[CSRF_LEN / 2];

		randombytes_buf(raw, sizeof(raw));
		sodium_bin2hex(fresh, sizeof(fresh), raw, sizeof(raw));
		csrf = fresh;
		http_set_header(req, resp, "Set-Cookie",
				arena_printf(req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict",
					     CSRF_COOKIE, csrf));
	}
	ctx = json_pack("{s:s, s:s, s:s}", "csrf", csrf, "next",
			safe_next(http_query(req, "next") ? http_query(req, "next")
							   : http_form(req, "next")),
			"title", web_tr(req, "Log in"));
	if (error)
		json_object_set_new(ctx, "error", json_string(error));
	if (username)
		json_object_set_new(ctx, "username", json_string(username));
	web_page(req, resp, "login", ctx, NULL, NULL);
}

static void web_login_form(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_session(req, &who, &token)) {
		http_redirect(req, resp, "/");
		return;
	}
	render_login(req, resp, NULL, NULL);
}

static void web_login(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	const char *user = http_form(req, "username"), *pass = http_form(req, "password");
	const char *cookie = http_cookie(req, CSRF_COOKIE), *given = http_form(req, "csrf");
	char token[TOKEN_LEN + 1];
	bool en = !strcmp(face_lang(req), "en");
	struct actor who;
	struct err e;

	err_init(&e);
	if (!cookie || !given || strlen(cookie) != CSRF_LEN || strlen(given) != CSRF_LEN ||
	    !mem_equal_ct(cookie, given, CSRF_LEN)) {
		resp->status = 403;
		render_login(req, resp,
			     web_tr(req, "The form expired. Please try again."), user);
		return;
	}
	if (app_login(f->app, user, pass, "cookie", token, &who, &e)) {
		resp->status = err_http_status(e.code);
		render_login(req, resp, en ? e.en : e.th, user);
		return;
	}
	face_set_session_cookie(req, resp, token, SESSION_SECONDS);
	http_redirect(req, resp, safe_next(http_form(req, "next")));
}

static void web_logout(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	const char *token;

	if (web_session(req, &who, &token)) {
		http_redirect(req, resp, "/login");
		return;
	}
	if (!web_csrf_ok(req, resp, token, &who))
		return;
	app_logout(f->app, token, NULL);
	face_set_session_cookie(req, resp, "", 0);
	http_redirect(req, resp, "/login");
}

const struct http_route web_user_routes[] = {
	{ "GET", "/login", web_login_form },
	{ "POST", "/login", web_login },
	{ "POST", "/logout", web_logout },
};
const size_t web_user_nroutes = ARRAY_SIZE(web_user_routes);
