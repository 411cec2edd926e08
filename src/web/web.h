/*
 * The web UI: server-rendered HTML pages from templates (web/tmpl.h) in the
 * request's language (web/i18n.h). Pages work without JavaScript. Forms
 * carry a CSRF token: the session's (app_csrf_token) once logged in, a
 * double-submit cookie on the login form before.
 */
#ifndef SAWAT_WEB_H
#define SAWAT_WEB_H

#include "api/api.h"

struct catalog;

/* Every page route: each web/<concept>.c lists its own. */
extern const struct http_route web_coverage_routes[];
extern const size_t web_coverage_nroutes;
extern const struct http_route web_assembly_routes[];
extern const size_t web_assembly_nroutes;
extern const struct http_route web_duplicate_routes[];
extern const size_t web_duplicate_nroutes;
extern const struct http_route web_fund_routes[];
extern const size_t web_fund_nroutes;
extern const struct http_route web_geo_routes[];
extern const size_t web_geo_nroutes;
extern const struct http_route web_import_routes[];
extern const size_t web_import_nroutes;
/* The routes that take files larger than the server's body cap (uploads). */
extern const struct http_upload web_uploads[];
extern const size_t web_nuploads;
extern const struct http_route web_ledger_routes[];
extern const size_t web_ledger_nroutes;
extern const struct http_route web_org_routes[];
extern const size_t web_org_nroutes;
extern const struct http_route web_payroll_routes[];
extern const size_t web_payroll_nroutes;
extern const struct http_route web_grant_routes[];
extern const size_t web_grant_nroutes;
extern const struct http_route web_person_routes[];
extern const size_t web_person_nroutes;
extern const struct http_route web_program_routes[];
extern const size_t web_program_nroutes;
extern const struct http_route web_report_routes[];
extern const size_t web_report_nroutes;
extern const struct http_route web_statement_routes[];
extern const size_t web_statement_nroutes;
extern const struct http_route web_user_routes[];
extern const size_t web_user_nroutes;
void web_routes(const struct http_route **routes, size_t *n);
/* The 404 page (HTML, or problem+json under /api/). */
void web_not_found(struct http_req *req, struct http_resp *resp);

/* ---- for the page files of web/ ---- */

/* The logged-in user of a page request, and the session token. Returns
 * non-zero when there is none (the caller redirects to /login). */
int web_session(struct http_req *req, struct actor *who, const char **token);
/* Redirects to the login page, coming back to this page afterwards. */
void web_to_login(struct http_req *req, struct http_resp *resp);
/* The catalog of the request's language; remembers a ?lang= choice in a cookie. */
const struct catalog *web_catalog(struct http_req *req, struct http_resp *resp);
/* Translates an English msgid for this request. */
const char *web_tr(struct http_req *req, const char *msgid);
/*
 * Renders page into the layout and sends it. ctx (stolen) gets the user and
 * CSRF keys of the layout when who is non-NULL.
 */
void web_page(struct http_req *req, struct http_resp *resp, const char *page, json_t *ctx,
	      const struct actor *who, const char *token);
/* An error page for e (status from the error code). */
void web_error(struct http_req *req, struct http_resp *resp, const struct err *e,
	       const struct actor *who, const char *token);
/* True when the form's csrf field matches the session token's. Sends 403 if not. */
bool web_csrf_ok(struct http_req *req, struct http_resp *resp, const char *token,
		 const struct actor *who);
/* A level's name ("Province") in the request's language. */
const char *web_level_name(struct http_req *req, int level);
/* The name of an area in the request's language (English falls back to Thai). */
const char *web_area_name(struct http_req *req, const char *name_th, const char *name_en);

/* ---- small helpers the page files share ---- */
struct date;
/* True when the page is in English. */
bool web_en(struct http_req *req);
/* A positive decimal id from a path or form, or 0. */
int64_t web_parse_id(const char *s);
/* Starts a page handler: the session (else a redirect to the login page)
 * and, for a POST, the form's CSRF token. False when the response is sent. */
bool web_begin(struct http_req *req, struct http_resp *resp, struct actor *who,
	       const char **token, bool post);
/* A date in the page's language (B.E. in Thai) in style, or "" when unknown. */
const char *web_date_text(struct http_req *req, struct date d, int style);
/* A national ID as X-XXXX-XXXXX-XX-X (as stored when it does not parse), or "". */
const char *web_nid_text(struct http_req *req, const char *nid);
/* The name of an area in the page's language (its code when it cannot be read). */
const char *web_area_label(struct http_req *req, const struct actor *who, const char *code);
/* A date as forms take it back: B.E. d/m/yyyy in both languages ("" when unknown). */
const char *web_form_date(struct http_req *req, struct date d);
/* Satang as baht with Thai grouping (1,234.50); flags as money_format's. */
const char *web_money_text(struct http_req *req, int64_t satang, unsigned flags);
/* A UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" as Bangkok time in the page's
 * language (as given when it does not parse). */
const char *web_time_text(struct http_req *req, const char *at);
/* A fresh random idempotency key (32 hex digits) for a form that moves
 * money: rendered into the form, so submitting it twice acts once. */
const char *web_idem_key(struct http_req *req);
/* The organisations a person belongs to now, for the person's page
 * (web/org.c): each {href, org, role, since}; empty when none or not allowed. */
json_t *web_person_orgs(struct http_req *req, const struct actor *who, int64_t person_id);

#endif
