/*
 * The JSON API under /api/v1 and what the faces share: the server context,
 * authentication of a request (bearer token or session cookie with CSRF),
 * the request's language, paging arguments. Handlers decode, call one app
 * use case and encode; they hold no rules of their own.
 */
#ifndef SAWAT_API_H
#define SAWAT_API_H

#include "api/http.h"
#include "app/app.h"
#include "core/date.h"

struct tmpl_set;
struct catalog_set;

/* Shared by every request; owned by `sawat serve` (cli/serve.c). */
struct face {
	struct app *app;
	struct tmpl_set *tmpl;        /* web page templates */
	struct catalog_set *cats;     /* message catalogs */
	bool secure_cookies;          /* add Secure to cookies (behind HTTPS) */
};

#define SESSION_COOKIE "sawat_session"
#define CSRF_COOKIE "sawat_csrf"
#define CSRF_HEADER "X-CSRF-Token"

/* Each module of the API lists its own routes (api/<concept>.c). */
extern const struct http_route api_user_routes[];
extern const size_t api_user_nroutes;
extern const struct http_route api_audit_routes[];
extern const size_t api_audit_nroutes;
extern const struct http_route api_geo_routes[];
extern const size_t api_geo_nroutes;
extern const struct http_route api_person_routes[];
extern const size_t api_person_nroutes;
extern const struct http_route api_import_routes[];
extern const size_t api_import_nroutes;
/* The API's routes that take files larger than the server's body cap. */
extern const struct http_upload api_uploads[];
extern const size_t api_nuploads;
extern const struct http_route api_report_routes[];
extern const size_t api_report_nroutes;
extern const struct http_route api_duplicate_routes[];
extern const size_t api_duplicate_nroutes;
extern const struct http_route api_fund_routes[];
extern const size_t api_fund_nroutes;
extern const struct http_route api_statement_routes[];
extern const size_t api_statement_nroutes;
extern const struct http_route api_program_routes[];
extern const size_t api_program_nroutes;
extern const struct http_route api_grant_routes[];
extern const size_t api_grant_nroutes;
extern const struct http_route api_coverage_routes[];
extern const size_t api_coverage_nroutes;
extern const struct http_route api_assembly_routes[];
extern const size_t api_assembly_nroutes;
extern const struct http_route api_org_routes[];
extern const size_t api_org_nroutes;

/* The routes of the API (and /healthz), all modules together. */
void api_routes(const struct http_route **routes, size_t *n);

/* "th" or "en" for this request: ?lang=, the lang cookie, Accept-Language. */
const char *face_lang(struct http_req *req);
/* The session token a request carries (bearer first, then cookie), or NULL.
 * *from_cookie says which. */
const char *face_token(struct http_req *req, bool *from_cookie);
/* Sets the session cookie (max_age 0 clears it). */
void face_set_session_cookie(struct http_req *req, struct http_resp *resp, const char *token,
			     int max_age);

/*
 * Authenticates an API request into *who. A cookie session must also send
 * X-CSRF-Token on anything but GET/HEAD. On failure writes the problem
 * response (401 or 403) and returns non-zero.
 */
int api_auth(struct http_req *req, struct http_resp *resp, struct actor *who);
/* Sends e as a problem in the request's language. */
void api_fail(struct http_req *req, struct http_resp *resp, const struct err *e);
/* Parses ?limit= (default def, 1..max) and ?cursor= (an int64 id; 0 when absent).
 * Writes a 400 problem and returns non-zero when malformed. */
int api_paging(struct http_req *req, struct http_resp *resp, int def, int max, int *limit,
	       int64_t *cursor);
/*
 * Sends a page of an offset-paged list: {"items": items, "next_cursor"}
 * where next_cursor is the offset of the next page as text, or null when
 * this page (n items of at most limit) was the last. Takes items.
 */
void api_send_page(struct http_resp *resp, json_t *items, size_t n, int limit, int64_t cursor);
/* The first path parameter ({id}) as a positive integer; writes a 400
 * problem and returns non-zero when it is not one. */
int api_path_id(struct http_req *req, struct http_resp *resp, int64_t *id);
/* A string field of a JSON object, or NULL. */
const char *api_str(json_t *obj, const char *key);
/* An integer field of a JSON object, or 0 when absent or not an integer. */
int64_t api_int(json_t *obj, const char *key);
/* A date as ISO text (YYYY-MM-DD), or JSON null for the zero date. */
json_t *api_date_json(struct date d);
/*
 * Answers a create: 201 with Location /api/v1/<path>/<id> and the object
 * extra (or {} when NULL; taken) with "id" set.
 */
void api_created(struct http_req *req, struct http_resp *resp, const char *path, int64_t id,
		 json_t *extra);

/*
 * A fund's documents for the faces (api/statement.c, used by web/ too): on
 * success the file is in resp with its content type, a Content-Disposition
 * with an ASCII file name, and Cache-Control: no-store, and the result is
 * 0; otherwise an ERR_* code and e, and resp is untouched, for the caller
 * to show its way. The document is Thai unless ?lang=en; the statement
 * reads ?from= and ?to=, and format is "pdf" (also when NULL or "") or
 * "xlsx".
 */
int face_receipt_pdf(struct http_req *req, struct http_resp *resp, const struct actor *who,
		     int64_t id, struct err *e);
/* The award certificate of a grant (api/grant.c; web/grant.c too), as face_receipt_pdf. */
int face_grant_certificate(struct http_req *req, struct http_resp *resp, const struct actor *who,
			   int64_t id, struct err *e);
int face_statement(struct http_req *req, struct http_resp *resp, const struct actor *who,
		   int64_t fund_id, const char *format, struct err *e);

/*
 * An assembly's documents for the faces (api/assembly.c, used by web/):
 * kind "signin" (?day=) or "summary" for the event id, "report" for the
 * .xlsx report of ?area= and ?year= (id unused). Thai unless ?lang=en. As
 * face_receipt_pdf: 0 with the file in resp, or an ERR_* code and e.
 */
int face_assembly_doc(struct http_req *req, struct http_resp *resp, const struct actor *who,
		      const char *kind, int64_t id, struct err *e);

/*
 * The report of organisations and members by kind and area as an .xlsx file
 * (api/org.c, used by web/ too): ?area=, ?by=region, ?lang=en. On success
 * the file is in resp and the result is 0; otherwise an ERR_* code and e,
 * resp untouched.
 */
int face_org_report_xlsx(struct http_req *req, struct http_resp *resp, const struct actor *who,
			 struct err *e);

#endif
