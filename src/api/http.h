/*
 * The HTTP layer: a libmicrohttpd server, a router, bounded requests, and the
 * helpers every face uses to read requests and write responses.
 *
 * Threading: libmicrohttpd runs a pool of threads; a handler runs on one of
 * them and may block (database, password hashing). Handlers get everything
 * through struct http_req and write into struct http_resp; the server sends
 * the response after the handler returns.
 *
 * Limits: request bodies above cfg.max_body are refused with 413 before the
 * handler runs; headers are bounded by libmicrohttpd's connection memory
 * limit (cfg.max_header), beyond which it answers 431.
 *
 * Keep-alive: responses are queued on the access handler's second call (or
 * later, once the body is in), never the first: queuing on the first call
 * closes the connection (DESIGN.md).
 */
#ifndef SAWAT_HTTP_H
#define SAWAT_HTTP_H

#include <jansson.h>
#include "lib/buf.h"
#include "lib/arena.h"
#include "lib/err.h"

#define HTTP_MAX_PARAMS 4
#define HTTP_MAX_HEADERS 16

struct http_req {
	const char *method;      /* "GET", "POST", ... */
	const char *path;        /* decoded path, no query string */
	const char *body;        /* NUL-terminated; "" when none */
	size_t body_len;
	const char *remote;      /* client address as text */
	struct arena *arena;     /* freed after the response is sent */
	const char *params[HTTP_MAX_PARAMS]; /* {name} segments of the matched route */
	int nparams;
	void *app;               /* cfg.app, for the handler's use */
	void *conn;              /* the MHD connection; for http.c only */
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
 * (matching one non-empty segment, available as req->params[i] in order).
 * A pattern ending in "/*" matches any remaining path (for static files).
 */
struct http_route {
	const char *method;
	const char *pattern;
	http_handler fn;
};

struct http_config {
	const char *listen;        /* "127.0.0.1:8080"; port 0 picks a free port */
	size_t max_body;           /* bytes; default 1 MiB */
	size_t max_header;         /* bytes of per-connection memory; default 32 KiB */
	unsigned threads;          /* 0: number of CPUs */
	unsigned timeout;          /* idle connection timeout in seconds; default 30 */
	const struct http_route *routes;
	size_t nroutes;
	http_handler not_found;    /* when no route matches; default: 404 problem */
	void *app;                 /* passed to handlers as req->app */
	bool access_log;           /* one line per request on stderr */
};

struct http_server;

/* Starts serving in background threads; *out is NULL on failure. */
int http_start(const struct http_config *cfg, struct http_server **out, struct err *e);
/* The bound port (useful when cfg.listen asked for port 0). */
unsigned http_port(const struct http_server *s);
/* Stops accepting, lets running requests finish, frees the server. */
void http_stop(struct http_server *s);
/* Blocks until SIGTERM or SIGINT, then returns (for `sawat serve`). */
void http_wait_for_signal(void);

/* Matching, exposed for tests: returns the route or NULL, filling params. */
const struct http_route *http_route_match(const struct http_route *routes, size_t n,
					  const char *method, const char *path,
					  struct http_req *req);

/* ---- reading a request (results live in req->arena or the connection) ---- */
const char *http_header(struct http_req *req, const char *name);
const char *http_cookie(struct http_req *req, const char *name);
/* A query-string argument, URL-decoded; NULL when absent. */
const char *http_query(struct http_req *req, const char *name);
/* A field of an application/x-www-form-urlencoded body, decoded; NULL when absent. */
const char *http_form(struct http_req *req, const char *name);
/* Parses the body as a JSON object (depth and size bounded). On failure
 * writes a 400 problem naming line and column, and returns NULL. The caller
 * owns the result (json_decref). */
json_t *http_json_body(struct http_req *req, struct http_resp *resp);

/* ---- writing a response ---- */
void http_set_header(struct http_req *req, struct http_resp *resp, const char *name,
		     const char *value);
/* Serialises obj (stolen: decref'd here) as the body with status. */
void http_send_json(struct http_resp *resp, int status, json_t *obj);
/*
 * An RFC 9457 problem: {"type","title","status","code","detail","detail_th",
 * "detail_en","field"} with content type application/problem+json. lang
 * ("th" or "en") picks title and detail; both languages are always present.
 */
void http_send_problem(struct http_resp *resp, const struct err *e, const char *lang);
void http_redirect(struct http_req *req, struct http_resp *resp, const char *location);

/* Percent-decodes in place; '+' becomes space when form is true. Returns the length. */
size_t http_url_decode(char *s, bool form);

#endif
