/*
 * The HTTP layer: a libmicrohttpd server, a router, bounded requests, and the
 * helpers every face uses to read requests and write responses.
 *
 * Threading: libmicrohttpd runs a pool of threads; a handler runs on one of
 * them and may block (database, password hashing). Handlers get everything
 * through struct http_req and write into struct http_resp; the server sends
 * the response after the handler returns.
 *
 * Limits: request bodies above cfg.max_body are refused with a 413 problem
 * before the handler runs, and never more than cfg.max_body bytes of a body
 * are held. A Content-Length above the cap is answered at once, without
 * reading the body, and the connection is closed. A chunked body that passes
 * the cap is read on and thrown away, then answered with 413; one that goes
 * on for more than HTTP_DRAIN_FACTOR times the cap gets its connection
 * closed with no answer. Headers are bounded by libmicrohttpd's connection
 * memory limit (cfg.max_header): beyond it libmicrohttpd itself answers 431
 * (414 when the request line alone is too long) with a small HTML body and
 * closes the connection; those answers bypass this layer, so they carry none
 * of its headers.
 *
 * Keep-alive: responses are queued on the access handler's second call (or
 * later, once the body is in), never the first: queuing on the first call
 * closes the connection (DESIGN.md). The one exception is the early 413
 * above, where closing is the point.
 *
 * Every response carries X-Content-Type-Options, Referrer-Policy,
 * X-Frame-Options and a Content-Security-Policy that allows only the site's
 * own scripts, styles, forms and images (and data: images).
 */
#ifndef SAWAT_HTTP_H
#define SAWAT_HTTP_H

#include <jansson.h>
#include "lib/buf.h"
#include "lib/arena.h"
#include "lib/err.h"

#define HTTP_MAX_PARAMS 4
#define HTTP_MAX_HEADERS 16
/* JSON bodies nested deeper than this are refused before parsing. */
#define HTTP_JSON_MAX_DEPTH 32
/* A chunked body past the cap is drained up to this many times the cap. */
#define HTTP_DRAIN_FACTOR 4

struct http_req {
	const char *method;      /* "GET", "POST", ... */
	const char *path;        /* decoded path, no query string */
	const char *body;        /* NUL-terminated; "" when none */
	size_t body_len;
	const char *remote;      /* client address as text */
	struct arena *arena;     /* freed after the response is sent */
	const char *params[HTTP_MAX_PARAMS]; /* {name} segments of the matched route,
					      * then the rest of the path for a
					      * final "*" segment (in req->arena) */
	int nparams;
	void *app;               /* cfg.app, for the handler's use */
	void *conn;              /* the MHD connection; for http.c only */
	void *form;              /* a multipart body's fields, once read; for http.c only */
};

struct http_resp {
	int status;               /* default 200 */
	const char *content_type; /* default "text/html; charset=utf-8" */
	struct buf body;
	int nheaders;
	const char *hname[HTTP_MAX_HEADERS]; /* names and values live in the request arena */
	const char *hvalue[HTTP_MAX_HEADERS];
};

typedef void (*http_handler)(struct http_req *req, struct http_resp *resp);

/*
 * A route: method and a pattern whose segments are literal or {name}
 * (matching one non-empty segment, available as req->params[i] in order),
 * or {name} and a literal suffix ("{id}.pdf" matches "12.pdf" with "12",
 * and not "12", ".pdf" or "12.xlsx").
 * A pattern whose last segment is "*" matches "/" and anything after it
 * (for static files); that rest, possibly "", is the last of req->params.
 * Patterns are matched against the decoded path, so an encoded slash (%2F)
 * separates segments like a plain one; paths with "." or ".." segments are
 * refused with 400 before matching. A GET route also answers HEAD (MHD
 * leaves the body out; req->method stays "HEAD"). http_start checks every
 * pattern.
 */
struct http_route {
	const char *method;
	const char *pattern;
	http_handler fn;
};

/*
 * A route that takes larger bodies than the server's max_body (a file
 * upload): requests matching method and pattern may send up to max_body.
 */
struct http_upload {
	const char *method;
	const char *pattern;
	size_t max_body;
};

struct http_config {
	const char *listen;        /* "127.0.0.1:8080", "[::1]:8080"; port 0 picks a
				    * free port; default "127.0.0.1:8080" */
	size_t max_body;           /* bytes; default 1 MiB */
	size_t max_header;         /* bytes of per-connection memory; default 32 KiB */
	unsigned threads;          /* 0: number of CPUs */
	unsigned timeout;          /* idle connection timeout in seconds; default 30 */
	unsigned stop_grace;       /* seconds http_stop waits for requests in
				    * flight; default 10 */
	const struct http_route *routes; /* borrowed: must outlive the server */
	size_t nroutes;
	const struct http_upload *uploads; /* borrowed; routes with a larger body cap */
	size_t nuploads;
	http_handler not_found;    /* when no route matches; default: 404 problem */
	void *app;                 /* passed to handlers as req->app */
	bool access_log;           /* one line per request on stderr */
};

struct http_server;

/*
 * Starts serving in background threads. cfg is copied, cfg->routes is not.
 * Fails with ERR_INVALID for a bad listen address or route pattern, ERR_IO
 * when the socket cannot be bound; *out is NULL on failure. The server's
 * threads block SIGINT, SIGTERM and the other asynchronous signals, so
 * http_wait_for_signal gets them.
 */
int http_start(const struct http_config *cfg, struct http_server **out, struct err *e);
/* The bound port (useful when cfg.listen asked for port 0). */
unsigned http_port(const struct http_server *s);
/*
 * Stops accepting, lets requests in flight finish for up to cfg.stop_grace
 * seconds (answering them with "Connection: close"), then closes every
 * connection and frees the server. NULL is a no-op.
 */
void http_stop(struct http_server *s);
/* Blocks SIGTERM and SIGINT in the calling thread and waits until one comes
 * (for `sawat serve`; call it from the thread that called http_start). */
void http_wait_for_signal(void);

/* One module's routes; http_routes_join puts several together. */
struct http_route_table {
	const struct http_route *routes;
	const size_t *n;
};

/* Concatenates the tables, in order, into one malloc'd array (the caller
 * owns it; routes are copied, handlers and strings are not). */
struct http_route *http_routes_join(const struct http_route_table *tables, size_t ntables,
				    size_t *n);

/*
 * Matching, exposed for tests: returns the first route whose method and
 * pattern match, or NULL. Captured segments are copied into req->arena (which
 * must be set) and stored in req->params / req->nparams.
 */
const struct http_route *http_route_match(const struct http_route *routes, size_t n,
					  const char *method, const char *path,
					  struct http_req *req);
/*
 * When some route's pattern matches path (whatever its method), returns the
 * methods that do, as an Allow header value ("GET, HEAD, POST") in arena;
 * otherwise NULL.
 */
const char *http_route_allow(const struct http_route *routes, size_t n, const char *path,
			     struct arena *arena);
/* The body cap for method and path: the max_body of the first of uploads
 * that matches, else dflt. */
size_t http_upload_cap(const struct http_upload *uploads, size_t n, const char *method,
		       const char *path, size_t dflt);
/* Checks a pattern: starts with '/', {name} only as a whole segment, "*"
 * only as a whole last segment, at most HTTP_MAX_PARAMS captures. Returns 0
 * or ERR_INVALID. */
int http_route_check(const char *pattern, struct err *e);

/* ---- reading a request (results live in req->arena or the connection,
 * until the response is sent) ---- */
/* A request header, name case-insensitive; NULL when absent. */
const char *http_header(struct http_req *req, const char *name);
/* A cookie from the Cookie header (name case-sensitive, quotes removed);
 * NULL when absent. */
const char *http_cookie(struct http_req *req, const char *name);
/* The language to answer in, "th" or "en": the "lang" cookie when it names
 * one, else the preferred of the two in Accept-Language, else "th". */
const char *http_lang(struct http_req *req);
/* A query-string argument, URL-decoded ('+' as space); "" for "?name" with no
 * value; NULL when absent. */
const char *http_query(struct http_req *req, const char *name);
/* A field of an application/x-www-form-urlencoded body, decoded ('+' as
 * space), or a text field of a multipart/form-data body; NULL when absent
 * or when the body has another content type. */
const char *http_form(struct http_req *req, const char *name);
/*
 * A file field of a multipart/form-data body: its bytes (*data, *len; not
 * NUL-terminated, may hold NULs) and the name the browser gave it
 * (*filename, "" when none). Returns false when the body has no such field
 * or another content type. The bytes live until the response is sent.
 */
bool http_form_file(struct http_req *req, const char *name, const void **data, size_t *len,
		    const char **filename);
/* Parses the body as a JSON object (depth and size bounded). On failure
 * writes a 400 problem naming line and column, and returns NULL. The caller
 * owns the result (json_decref). */
json_t *http_json_body(struct http_req *req, struct http_resp *resp);
/*
 * The parse-and-validate step of http_json_body, without a connection: body
 * (len bytes, need not be NUL-terminated) must be one JSON object, no deeper
 * than HTTP_JSON_MAX_DEPTH, without duplicate keys. On success *out is the
 * object (caller owns it); on failure *out is NULL and e says where, by line
 * and column, in both languages (ERR_INVALID).
 */
int http_json_parse(const char *body, size_t len, json_t **out, struct err *e);

/* ---- writing a response ---- */
/* Adds a header (copied into req->arena; repeated names give repeated
 * headers, except Content-Type, which replaces resp->content_type). A name
 * or value with CR or LF, or one header more than HTTP_MAX_HEADERS, is
 * dropped and logged as a bug. */
void http_set_header(struct http_req *req, struct http_resp *resp, const char *name,
		     const char *value);
/* Serialises obj (stolen: decref'd here) as the body with status; a NULL obj
 * (a failed jansson allocation) gives a 500 problem. */
void http_send_json(struct http_resp *resp, int status, json_t *obj);
/*
 * An RFC 9457 problem: {"type","title","status","code","detail","detail_th",
 * "detail_en","field"} with content type application/problem+json. lang
 * ("th" or "en") picks title and detail; both languages are always present.
 */
void http_send_problem(struct http_resp *resp, const struct err *e, const char *lang);
/* The same with a chosen status (422 for a failed validation, say). type is
 * "https://sawat.example/problems/<err_type>", or "about:blank" when e->code
 * is ERR_OK. Replaces any body the response had. */
void http_send_problem_status(struct http_resp *resp, int status, const struct err *e,
			      const char *lang);
/* 303 See Other to location (a path on this site, normally). */
void http_redirect(struct http_req *req, struct http_resp *resp, const char *location);

/* Percent-decodes in place; '+' becomes space when form is true. A '%' not
 * followed by two hex digits stays as it is. Returns the new length (the
 * result may hold a NUL byte from "%00"). */
size_t http_url_decode(char *s, bool form);

#endif
