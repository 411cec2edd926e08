/*
 * What every page shares: the route table, the session of a page request,
 * the language, rendering into the layout, error pages and CSRF checks.
 */
#include <pthread.h>
#include <sodium.h>
#include "web/web.h"
#include "app/geo.h"
#include "app/user.h"
#include "core/date.h"
#include "core/money.h"
#include "core/thid.h"
#include "lib/embed.h"
#include "lib/log.h"
#include "web/i18n.h"
#include "web/tmpl.h"

static void web_static(struct http_req *req, struct http_resp *resp);

static const struct http_route page_routes[] = {
	{ "GET", "/static/*", web_static },
};

static const size_t npage_routes = ARRAY_SIZE(page_routes);

/* Each module's table; the routes of all of them are joined once. */
static const struct http_route_table modules[] = {
	/* First: its file addresses (/funds/{id}/statement.pdf) must win over
	 * any page pattern of the same shape. */
	{ web_statement_routes, &web_statement_nroutes },
	/* Before the person pages: /persons/export.csv is not a person's id. */
	{ web_import_routes, &web_import_nroutes },
	{ web_coverage_routes, &web_coverage_nroutes },
	{ web_assembly_routes, &web_assembly_nroutes },
	{ web_duplicate_routes, &web_duplicate_nroutes },
	{ web_fund_routes, &web_fund_nroutes },
	{ web_geo_routes, &web_geo_nroutes },
	{ web_grant_routes, &web_grant_nroutes },
	{ web_ledger_routes, &web_ledger_nroutes },
	{ web_org_routes, &web_org_nroutes },
	{ web_payroll_routes, &web_payroll_nroutes },
	{ web_person_routes, &web_person_nroutes },
	{ web_program_routes, &web_program_nroutes },
	{ web_report_routes, &web_report_nroutes },
	{ web_user_routes, &web_user_nroutes },
	{ page_routes, &npage_routes },
};

static struct http_route *all_routes; /* owned for the life of the process */
static size_t nall_routes;

static void build_routes(void)
{
	all_routes = http_routes_join(modules, ARRAY_SIZE(modules), &nall_routes);
}

void web_routes(const struct http_route **r, size_t *n)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, build_routes);
	*r = all_routes;
	*n = nall_routes;
}

int web_session(struct http_req *req, struct actor *who, const char **token)
{
	struct face *f = req->app;
	const char *t = http_cookie(req, SESSION_COOKIE);

	*token = NULL;
	memset(who, 0, sizeof(*who));
	if (!t || !*t || app_session(f->app, t, who, NULL))
		return ERR_UNAUTH;
	*token = t;
	return 0;
}

void web_to_login(struct http_req *req, struct http_resp *resp)
{
	struct buf next = BUF_INIT;
	const char *p;

	/* The path is ours (it matched a route); encode it for the query string. */
	for (p = req->path; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		    ch == '/' || ch == '-' || ch == '_' || ch == '.')
			buf_putc(&next, (char)ch);
		else
			buf_printf(&next, "%%%02X", ch);
	}
	http_redirect(req, resp, arena_printf(req->arena, "/login?next=%s", next.ptr));
	buf_release(&next);
}

const struct catalog *web_catalog(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	const char *q = http_query(req, "lang");
	const char *lang = face_lang(req);

	if (resp && q && (!strcmp(q, "th") || !strcmp(q, "en")))
		http_set_header(req, resp, "Set-Cookie",
				arena_printf(req->arena,
					     "lang=%s; Path=/; SameSite=Strict; Max-Age=31536000",
					     lang));
	return catalog_get(f->cats, lang);
}

const char *web_tr(struct http_req *req, const char *msgid)
{
	return catalog_tr(web_catalog(req, NULL), msgid);
}

const char *web_level_name(struct http_req *req, int level)
{
	static const char *const names[] = { "Thailand", "Province", "District", "Subdistrict",
					     "Village" };

	return level >= 0 && level <= 4 ? web_tr(req, names[level]) : "";
}

const char *web_area_name(struct http_req *req, const char *name_th, const char *name_en)
{
	if (!strcmp(face_lang(req), "en") && name_en && *name_en)
		return name_en;
	return name_th;
}

/* The user's keys of the layout. */
static void add_user(struct http_req *req, json_t *ctx, const struct actor *who,
		     const char *token)
{
	struct face *f = req->app;
	char csrf[CSRF_LEN + 1];
	struct geo_area g;
	const char *area_name = who->area;
	bool en = !strcmp(face_lang(req), "en");

	if (!app_area_get(f->app, who, who->area, &g, NULL)) {
		area_name = arena_strdup(req->arena, web_area_name(req, g.name_th, g.name_en));
		geo_area_release(&g);
	}
	app_csrf_token(token, csrf);
	json_object_set_new(ctx, "user",
			    json_pack("{s:s, s:s, s:s, s:s}", "name", who->display_name, "username",
				      who->username, "role",
				      en ? role_title_en(who->role) : role_title_th(who->role),
				      "area_name", area_name));
	if (!json_object_get(ctx, "csrf"))
		json_object_set_new(ctx, "csrf", json_string(csrf));
}

/* Today's date in Bangkok for the footer: B.E. in Thai, C.E. in English. */
static void add_today(struct http_req *req, json_t *ctx)
{
	struct face *f = req->app;
	struct buf b = BUF_INIT;
	struct date d;
	int sec;

	if (date_from_time((time_t)app_time(f->app), 7 * 3600, &d, &sec, NULL) ||
	    date_format(d, DATE_FULL, strcmp(face_lang(req), "en") ? 0 : DATE_ENGLISH, &b, NULL))
		return;
	json_object_set_new(ctx, "today", json_string(b.ptr));
	json_object_set_new(ctx, "today_iso",
			    json_string(arena_printf(req->arena, "%04d-%02d-%02d", d.y, d.m, d.d)));
	buf_release(&b);
}

void web_page(struct http_req *req, struct http_resp *resp, const char *page, json_t *ctx,
	      const struct actor *who, const char *token)
{
	struct face *f = req->app;
	const struct catalog *cat = web_catalog(req, resp);
	struct err e;

	err_init(&e);
	if (who && token)
		add_user(req, ctx, who, token);
	add_today(req, ctx);
	if (tmpl_render_page(f->tmpl, page, ctx, cat, &resp->body, &e)) {
		buf_reset(&resp->body);
		resp->status = 500;
		buf_printf(&resp->body, "<!doctype html><title>500</title><p>%s</p>",
			   "ขออภัย ระบบขัดข้อง / Sorry, something went wrong.");
		log_error("page %s: %s", page, e.en);
	}
	resp->content_type = "text/html; charset=utf-8";
	http_set_header(req, resp, "Cache-Control", "no-store");
	json_decref(ctx);
}

void web_error(struct http_req *req, struct http_resp *resp, const struct err *e,
	       const struct actor *who, const char *token)
{
	bool en = !strcmp(face_lang(req), "en");
	int status = err_http_status(e->code);

	resp->status = status;
	web_page(req, resp, "error",
		 json_pack("{s:i, s:s, s:s}", "status", status, "message", en ? e->en : e->th,
			   "title", web_tr(req, status == 404   ? "Not found"
					       : status == 403 ? "Not allowed"
					       : status >= 500 ? "Something went wrong"
							       : "Please check your input")),
		 who, token);
}

void web_not_found(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;
	struct err e;

	err_init(&e);
	err_set(&e, ERR_NOT_FOUND, NULL, "ไม่พบหน้า %s", "no page at %s", req->path);
	if (starts_with(req->path, "/api/")) {
		api_fail(req, resp, &e);
		return;
	}
	if (web_session(req, &who, &token))
		web_error(req, resp, &e, NULL, NULL);
	else
		web_error(req, resp, &e, &who, token);
}

bool web_csrf_ok(struct http_req *req, struct http_resp *resp, const char *token,
		 const struct actor *who)
{
	struct err e;

	if (app_csrf_ok(token, http_form(req, "csrf")))
		return true;
	err_init(&e);
	err_set(&e, ERR_FORBIDDEN, "csrf",
		"แบบฟอร์มหมดอายุหรือไม่ได้มาจากหน้านี้ กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง%s",
		"the form expired or did not come from this site; reload the page and try again%s",
		"");
	web_error(req, resp, &e, who, token);
	return false;
}

static const char *mime_type(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (!dot)
		return "application/octet-stream";
	if (!strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (!strcmp(dot, ".js"))
		return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".svg"))
		return "image/svg+xml";
	if (!strcmp(dot, ".png"))
		return "image/png";
	if (!strcmp(dot, ".ico"))
		return "image/x-icon";
	return "application/octet-stream";
}

static void web_static(struct http_req *req, struct http_resp *resp)
{
	const char *name = arena_printf(req->arena, "web%s", req->path);
	const struct embed_file *f;

	if (strstr(req->path, "..") || !(f = embed_find(name))) {
		web_not_found(req, resp);
		return;
	}
	buf_add(&resp->body, f->data, f->len);
	resp->content_type = mime_type(name);
	http_set_header(req, resp, "Cache-Control", "public, max-age=3600");
}

bool web_en(struct http_req *req)
{
	return !strcmp(face_lang(req), "en");
}

int64_t web_parse_id(const char *s)
{
	char *end = NULL;
	long long v;

	if (!s || *s < '0' || *s > '9')
		return 0;
	v = strtoll(s, &end, 10);
	return *end || v <= 0 ? 0 : (int64_t)v;
}

bool web_begin(struct http_req *req, struct http_resp *resp, struct actor *who,
	       const char **token, bool post)
{
	if (web_session(req, who, token)) {
		web_to_login(req, resp);
		return false;
	}
	return !post || web_csrf_ok(req, resp, *token, who);
}

const char *web_date_text(struct http_req *req, struct date d, int style)
{
	struct buf b = BUF_INIT;
	const char *s = "";

	if (d.y && !date_format(d, (enum date_style)style, web_en(req) ? DATE_ENGLISH : 0, &b, NULL))
		s = arena_strdup(req->arena, b.ptr);
	buf_release(&b);
	return s;
}

const char *web_nid_text(struct http_req *req, const char *nid)
{
	struct buf b = BUF_INIT;
	struct thid id;
	const char *s = nid;

	if (!nid || !*nid)
		return "";
	if (!thid_parse(nid, &id, NULL, NULL) && !thid_format(&id, &b, NULL))
		s = arena_strdup(req->arena, b.ptr);
	buf_release(&b);
	return s;
}

const char *web_area_label(struct http_req *req, const struct actor *who, const char *code)
{
	struct face *f = req->app;
	struct geo_area g;
	const char *s;

	if (!code || !*code)
		return "";
	if (app_area_get(f->app, who, code, &g, NULL))
		return code;
	s = arena_strdup(req->arena, web_area_name(req, g.name_th, g.name_en));
	geo_area_release(&g);
	return s;
}

const char *web_form_date(struct http_req *req, struct date d)
{
	struct buf b = BUF_INIT;
	const char *s = "";

	if (d.y && !date_format(d, DATE_NUMERIC, 0, &b, NULL))
		s = arena_strdup(req->arena, b.ptr);
	buf_release(&b);
	return s;
}

const char *web_money_text(struct http_req *req, int64_t satang, unsigned flags)
{
	struct buf b = BUF_INIT;
	const char *s = "";

	if (!money_format(satang, flags, &b, NULL))
		s = arena_strdup(req->arena, b.ptr);
	buf_release(&b);
	return s;
}

const char *web_idem_key(struct http_req *req)
{
	unsigned char raw[16];
	struct buf b = BUF_INIT;
	const char *s;

	randombytes_buf(raw, sizeof(raw));
	buf_put_hex(&b, raw, sizeof(raw));
	s = arena_strdup(req->arena, b.ptr);
	buf_release(&b);
	return s;
}

const char *web_time_text(struct http_req *req, const char *at)
{
	struct buf b = BUF_INIT;
	struct date d;
	int hh, mi, ss;
	const char *s = at ? at : "";

	if (at && sscanf(at, "%d-%d-%dT%d:%d:%d", &d.y, &d.m, &d.d, &hh, &mi, &ss) == 6 &&
	    date_valid(d)) {
		time_t t = (time_t)date_to_days(d) * 86400 + hh * 3600 + mi * 60 + ss;

		if (!date_format_bangkok(t, DATE_MEDIUM, web_en(req) ? DATE_ENGLISH : 0, &b, NULL))
			s = arena_strdup(req->arena, b.ptr);
	}
	buf_release(&b);
	return s;
}
