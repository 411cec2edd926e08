/*
 * Tests for api/http and api/router: the matcher and the parsers on their
 * own, then a real server on a free loopback port spoken to with a tiny
 * raw-socket client, so the bytes on the wire are what is checked.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "test.h"
#include "api/http.h"
#include "lib/log.h"

#define MAX_BODY 1024
#define MAX_HEADER 8192

static struct http_server *srv;
static unsigned port;
static const char app_name[] = "sawat-test";

/* ---- a tiny HTTP/1.1 client ---- */

struct conn {
	int fd;
	char in[1 << 16];
	size_t len;
};

struct reply {
	int status;
	char head[MAX_HEADER * 4];
	char body[1 << 16];
	size_t body_len;
	char value[4096]; /* the last value reply_header found */
};

static void conn_open(struct conn *c, unsigned to_port)
{
	struct sockaddr_in sa = { 0 };
	struct timeval tv = { 5, 0 };

	c->len = 0;
	c->fd = socket(AF_INET, SOCK_STREAM, 0);
	REQUIRE(c->fd >= 0);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)to_port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	REQUIRE(connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
	setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

static void conn_close(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

/* Sends everything; false when the server has closed the connection. */
static bool conn_send(struct conn *c, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(c->fd, p, n, MSG_NOSIGNAL);

		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

static bool conn_sends(struct conn *c, const char *s)
{
	return conn_send(c, s, strlen(s));
}

/* Reads more into c->in; false on EOF, error or timeout. */
static bool conn_fill(struct conn *c)
{
	ssize_t n;

	if (c->len == sizeof(c->in))
		return false;
	n = recv(c->fd, c->in + c->len, sizeof(c->in) - c->len, 0);
	if (n <= 0)
		return false;
	c->len += (size_t)n;
	return true;
}

static const char *reply_header(struct reply *r, const char *name)
{
	size_t n = strlen(name);
	const char *p = strstr(r->head, "\r\n");

	while (p && p[2]) {
		const char *line = p + 2, *end = strstr(line, "\r\n");

		if (!strncasecmp(line, name, n) && line[n] == ':') {
			const char *v = line + n + 1;
			size_t vlen;

			while (*v == ' ')
				v++;
			vlen = (size_t)((end ? end : v + strlen(v)) - v);
			if (vlen >= sizeof(r->value))
				vlen = sizeof(r->value) - 1;
			memcpy(r->value, v, vlen);
			r->value[vlen] = '\0';
			return r->value;
		}
		p = end;
	}
	return NULL;
}

/* Reads one response; no_body for the answer to HEAD. Returns 0 or -1. */
static int conn_read(struct conn *c, bool no_body, struct reply *r)
{
	char *end;
	size_t hlen, blen = 0;
	const char *cl;

	memset(r, 0, sizeof(*r));
	for (;;) {
		end = memmem(c->in, c->len, "\r\n\r\n", 4);
		if (end)
			break;
		if (!conn_fill(c))
			return -1;
	}
	hlen = (size_t)(end - c->in) + 4;
	if (hlen >= sizeof(r->head))
		return -1;
	memcpy(r->head, c->in, hlen);
	r->head[hlen] = '\0';
	if (sscanf(r->head, "HTTP/1.1 %d", &r->status) != 1)
		return -1;
	cl = reply_header(r, "Content-Length");
	if (cl && !no_body)
		blen = (size_t)strtoul(cl, NULL, 10);
	if (blen >= sizeof(r->body))
		return -1;
	while (c->len < hlen + blen)
		if (!conn_fill(c))
			return -1;
	memcpy(r->body, c->in + hlen, blen);
	r->body[blen] = '\0';
	r->body_len = blen;
	memmove(c->in, c->in + hlen + blen, c->len - hlen - blen);
	c->len -= hlen + blen;
	return 0;
}

/* True when the server closes the connection within ms milliseconds. */
static bool conn_closed_within(struct conn *c, int ms)
{
	struct pollfd pfd = { c->fd, POLLIN, 0 };
	char ch;

	if (poll(&pfd, 1, ms) <= 0)
		return false;
	return recv(c->fd, &ch, 1, MSG_DONTWAIT) <= 0;
}

/* One request on a new connection. */
static int request(const char *raw, struct reply *r)
{
	struct conn c;
	int rc;

	conn_open(&c, port);
	conn_sends(&c, raw);
	rc = conn_read(&c, !strncmp(raw, "HEAD ", 5), r);
	conn_close(&c);
	return rc;
}

static json_t *reply_json(const struct reply *r)
{
	return json_loadb(r->body, r->body_len, 0, NULL);
}

static void check_security_headers(struct reply *r)
{
	CHECK_STR(reply_header(r, "X-Content-Type-Options"), "nosniff");
	CHECK_STR(reply_header(r, "Referrer-Policy"), "same-origin");
	CHECK_STR(reply_header(r, "X-Frame-Options"), "DENY");
	CHECK_STR(reply_header(r, "Content-Security-Policy"),
		  "default-src 'self'; img-src 'self' data:; style-src 'self'; "
		  "script-src 'self'; form-action 'self'; frame-ancestors 'none'");
}

/* Checks the RFC 9457 shape and returns the parsed problem (caller decrefs). */
static json_t *check_problem(struct reply *r, int status, const char *code)
{
	json_t *j;

	CHECK_INT(r->status, status);
	CHECK_STR(reply_header(r, "Content-Type"), "application/problem+json");
	j = reply_json(r);
	REQUIRE(j && json_is_object(j));
	CHECK(json_is_string(json_object_get(j, "type")));
	CHECK(json_is_string(json_object_get(j, "title")));
	CHECK_INT(json_integer_value(json_object_get(j, "status")), status);
	CHECK_STR(json_string_value(json_object_get(j, "code")), code);
	CHECK(json_is_string(json_object_get(j, "detail")));
	CHECK(json_is_string(json_object_get(j, "detail_th")));
	CHECK(json_is_string(json_object_get(j, "detail_en")));
	return j;
}

/* ---- the routes of the test server ---- */

static void h_hello(struct http_req *req, struct http_resp *resp)
{
	const char *q = http_query(req, "q");

	buf_printf(&resp->body, "hello %s", req->params[0]);
	if (q)
		buf_printf(&resp->body, " q=%s", q);
}

/* The shape of the app's /healthz: no login, a tiny JSON answer. */
static void h_healthz(struct http_req *req, struct http_resp *resp)
{
	UNUSED(req);
	http_send_json(resp, 200, json_pack("{s:s}", "status", "ok"));
}

static void h_echo(struct http_req *req, struct http_resp *resp)
{
	json_t *j = http_json_body(req, resp);

	if (j)
		http_send_json(resp, 200, j);
}

static void h_item(struct http_req *req, struct http_resp *resp)
{
	buf_printf(&resp->body, "%s item %s", req->method, req->params[0]);
}

static void h_form(struct http_req *req, struct http_resp *resp)
{
	const char *name = http_form(req, "name"), *city = http_form(req, "the city");

	buf_printf(&resp->body, "name=%s|city=%s|none=%s", name ? name : "(null)",
		   city ? city : "(null)", http_form(req, "none") ? "set" : "(null)");
}

/* Echoes a multipart form: its text field "name" and file "file" (length, first bytes). */
static void h_upload(struct http_req *req, struct http_resp *resp)
{
	const char *name = http_form(req, "name"), *fname = NULL;
	const void *data = NULL;
	size_t len = 0;
	bool has = http_form_file(req, "file", &data, &len, &fname);

	size_t i;

	buf_printf(&resp->body, "name=%s|file=%s|len=%zu|head=", name ? name : "(null)",
		   has ? fname : "(null)", len);
	for (i = 0; has && i < len && i < 6; i++)
		buf_printf(&resp->body, "%02x", ((const unsigned char *)data)[i]);
	buf_printf(&resp->body, "|text-as-file=%s", http_form(req, "file") ? "yes" : "no");
}

static void h_cookie(struct http_req *req, struct http_resp *resp)
{
	const char *sid = http_cookie(req, "sid");

	buf_printf(&resp->body, "sid=%s lang=%s", sid ? sid : "(null)", http_lang(req));
}

static void h_static(struct http_req *req, struct http_resp *resp)
{
	resp->content_type = "text/plain; charset=utf-8";
	buf_printf(&resp->body, "static:%s", req->params[req->nparams - 1]);
}

static void h_slow(struct http_req *req, struct http_resp *resp)
{
	struct timespec ts = { 0, 400 * 1000 * 1000 };

	UNUSED(req);
	nanosleep(&ts, NULL);
	buf_puts(&resp->body, "slow");
}

static void h_problem(struct http_req *req, struct http_resp *resp)
{
	struct err e;

	err_set(&e, ERR_CONFLICT, "national_id", "เลขประจำตัว %s ซ้ำ", "national id %s is taken",
		"1101700123456");
	http_send_problem(resp, &e, http_lang(req));
}

static void h_custom_404(struct http_req *req, struct http_resp *resp)
{
	resp->status = 404;
	http_set_header(req, resp, "content-type", "text/plain; charset=utf-8");
	buf_printf(&resp->body, "no %s here", req->path);
}

static void h_redirect(struct http_req *req, struct http_resp *resp)
{
	http_redirect(req, resp, "/hello/there");
}

static void h_info(struct http_req *req, struct http_resp *resp)
{
	const char *x = http_header(req, "x-TEST");

	http_set_header(req, resp, "X-Echo", x ? x : "");
	http_set_header(req, resp, "X-Bad", "a\r\nSet-Cookie: evil=1");
	buf_printf(&resp->body, "%s %s %s", req->remote, (const char *)req->app, req->path);
}

static const struct http_route routes[] = {
	{ "GET", "/hello/{name}", h_hello },
	{ "GET", "/healthz", h_healthz },
	{ "POST", "/echo", h_echo },
	{ "GET", "/items/{id}", h_item },
	{ "DELETE", "/items/{id}", h_item },
	{ "POST", "/form", h_form },
	{ "GET", "/cookie", h_cookie },
	{ "GET", "/static/*", h_static },
	{ "GET", "/slow", h_slow },
	{ "GET", "/problem", h_problem },
	{ "GET", "/redirect", h_redirect },
	{ "GET", "/info", h_info },
	{ "POST", "/upload", h_upload }, /* (test_route_match counts the first eight, and the last two) */
	{ "GET", "/items/{id}.pdf/{part}", h_item },
	{ "GET", "/files/{id}.pdf", h_item },
};

/* /upload takes four times the usual body. */
static const struct http_upload uploads[] = {
	{ "POST", "/upload", 4 * MAX_BODY },
};

static struct http_config test_config(void)
{
	struct http_config cfg = { 0 };

	cfg.listen = "127.0.0.1:0";
	cfg.max_body = MAX_BODY;
	cfg.max_header = MAX_HEADER;
	cfg.threads = 2;
	cfg.timeout = 10;
	cfg.routes = routes;
	cfg.nroutes = ARRAY_SIZE(routes);
	cfg.uploads = uploads;
	cfg.nuploads = ARRAY_SIZE(uploads);
	cfg.app = (void *)app_name;
	return cfg;
}

/* ---- without a server ---- */

static void test_route_match(void)
{
	struct arena a;
	struct http_req req = { 0 };
	const struct http_route *r;
	const char *allow;

	arena_init(&a);
	req.arena = &a;
	r = http_route_match(routes, ARRAY_SIZE(routes), "GET", "/hello/สมชาย", &req);
	REQUIRE(r == &routes[0]);
	CHECK_INT(req.nparams, 1);
	CHECK_STR(req.params[0], "สมชาย");
	CHECK(!http_route_match(routes, ARRAY_SIZE(routes), "GET", "/hello/", &req));
	CHECK(!http_route_match(routes, ARRAY_SIZE(routes), "GET", "/hello/a/b", &req));
	CHECK(!http_route_match(routes, ARRAY_SIZE(routes), "GET", "/hello", &req));
	CHECK(!http_route_match(routes, ARRAY_SIZE(routes), "GET", "/healthz/", &req));
	r = http_route_match(routes, ARRAY_SIZE(routes), "HEAD", "/healthz", &req);
	CHECK(r == &routes[1]);
	r = http_route_match(routes, ARRAY_SIZE(routes), "DELETE", "/items/42", &req);
	CHECK(r == &routes[4]);
	CHECK_STR(req.params[0], "42");
	r = http_route_match(routes, ARRAY_SIZE(routes), "GET", "/static/css/site.css", &req);
	REQUIRE(r == &routes[7]);
	CHECK_INT(req.nparams, 1);
	CHECK_STR(req.params[0], "css/site.css");
	r = http_route_match(routes, ARRAY_SIZE(routes), "GET", "/static/", &req);
	REQUIRE(r == &routes[7]);
	CHECK_STR(req.params[0], "");
	CHECK(!http_route_match(routes, ARRAY_SIZE(routes), "GET", "/static", &req));
	CHECK(!http_route_match(routes, ARRAY_SIZE(routes), "POST", "/items/1", &req));
	/* A capture with a literal suffix: the suffix must end the segment. */
	r = http_route_match(routes, ARRAY_SIZE(routes), "GET", "/files/12.pdf", &req);
	REQUIRE(r == &routes[ARRAY_SIZE(routes) - 1]);
	CHECK_INT(req.nparams, 1);
	CHECK_STR(req.params[0], "12");
	r = http_route_match(routes, ARRAY_SIZE(routes), "GET", "/files/a.b.pdf", &req);
	REQUIRE(r == &routes[ARRAY_SIZE(routes) - 1]);
	CHECK_STR(req.params[0], "a.b");
	CHECK(!http_route_match(routes, ARRAY_SIZE(routes), "GET", "/files/.pdf", &req));
	CHECK(!http_route_match(routes, ARRAY_SIZE(routes), "GET", "/files/12", &req));
	CHECK(!http_route_match(routes, ARRAY_SIZE(routes), "GET", "/files/12.xlsx", &req));
	CHECK(!http_route_match(routes, ARRAY_SIZE(routes), "GET", "/files/12.pdf/x", &req));
	r = http_route_match(routes, ARRAY_SIZE(routes), "GET", "/items/7.pdf/2", &req);
	REQUIRE(r == &routes[ARRAY_SIZE(routes) - 2]);
	CHECK_INT(req.nparams, 2);
	CHECK_STR(req.params[0], "7");
	CHECK_STR(req.params[1], "2");
	/* Without the suffix the plain route takes it. */
	r = http_route_match(routes, ARRAY_SIZE(routes), "GET", "/items/7.pdf", &req);
	CHECK(r == &routes[3]);

	allow = http_route_allow(routes, ARRAY_SIZE(routes), "/items/1", &a);
	CHECK_STR(allow, "GET, HEAD, DELETE");
	allow = http_route_allow(routes, ARRAY_SIZE(routes), "/echo", &a);
	CHECK_STR(allow, "POST");
	CHECK(!http_route_allow(routes, ARRAY_SIZE(routes), "/nope", &a));
	arena_release(&a);
}

static void test_route_check(void)
{
	struct err e;

	CHECK_INT(http_route_check("/", &e), 0);
	CHECK_INT(http_route_check("/api/v1/areas/{code}/children", &e), 0);
	CHECK_INT(http_route_check("/static/*", &e), 0);
	CHECK_INT(http_route_check("/{a}/{b}/{c}/*", &e), 0);
	CHECK_INT(http_route_check("/{a}/{b}/{c}/{d}/*", &e), ERR_INVALID);
	CHECK_INT(http_route_check("relative", &e), ERR_INVALID);
	CHECK_INT(http_route_check("/a{b}", &e), ERR_INVALID);
	CHECK_INT(http_route_check("/{}", &e), ERR_INVALID);
	CHECK_INT(http_route_check("/{a", &e), ERR_INVALID);
	CHECK_INT(http_route_check("/*/x", &e), ERR_INVALID);
	CHECK_INT(http_route_check("/a*", &e), ERR_INVALID);
	CHECK_INT(http_route_check("/files/{id}.pdf", &e), 0);
	CHECK_INT(http_route_check("/files/{id}.pdf/{x}", &e), 0);
	CHECK_INT(http_route_check("/files/{}.pdf", &e), ERR_INVALID);
	CHECK_INT(http_route_check("/files/{id}.{x}", &e), ERR_INVALID);
	CHECK_INT(http_route_check("/files/{id}}", &e), ERR_INVALID);
	CHECK_INT(http_route_check("/files/{id}*", &e), ERR_INVALID);
	CHECK_INT(http_route_check("/files/{id", &e), ERR_INVALID);
	CHECK_STR(e.field, "pattern");
}

static void test_url_decode(void)
{
	char a[] = "%E0%B8%81+x%2fy%zz%4";
	char b[] = "a+b%20c";
	char c[] = "nul%00after";

	CHECK_INT(http_url_decode(a, true), strlen("ก x/y%zz%4"));
	CHECK_STR(a, "ก x/y%zz%4");
	http_url_decode(b, false);
	CHECK_STR(b, "a+b c");
	CHECK_INT(http_url_decode(c, false), 9);
	CHECK(!memcmp(c, "nul\0after", 9));
}

static json_t *parse(const char *s, struct err *e)
{
	json_t *j = (json_t *)1;

	err_init(e);
	if (http_json_parse(s, strlen(s), &j, e) < 0) {
		CHECK(j == NULL);
		CHECK_INT(e->code, ERR_INVALID);
		return NULL;
	}
	return j;
}

static char *nested(int depth, const char *open, const char *close)
{
	struct buf b;
	int i;

	buf_init(&b, 0);
	buf_puts(&b, "{\"a\":");
	for (i = 1; i < depth; i++)
		buf_puts(&b, open);
	buf_puts(&b, "1");
	for (i = 1; i < depth; i++)
		buf_puts(&b, close);
	buf_puts(&b, "}");
	return buf_detach(&b, NULL);
}

static void test_json_parse(void)
{
	struct err e;
	json_t *j;
	char *s;

	j = parse("{\"name\":\"สมชาย\",\"amount\":9007199254740993}", &e);
	REQUIRE(j);
	CHECK_INT(json_integer_value(json_object_get(j, "amount")), 9007199254740993LL);
	json_decref(j);

	CHECK(!parse("{\"a\": 1,\n  \"b\": }", &e));
	CHECK(strstr(e.en, "line 2, column"));
	CHECK(strstr(e.th, "บรรทัด 2 คอลัมน์"));
	CHECK(!parse("{\"a\":1,\"a\":2}", &e));
	CHECK(strstr(e.en, "duplicate"));
	CHECK(!parse("[1,2]", &e));
	CHECK(strstr(e.en, "object"));
	CHECK(!parse("", &e));
	CHECK(!parse("{\"a\":\"\xff\"}", &e));

	s = nested(HTTP_JSON_MAX_DEPTH, "[", "]");
	j = parse(s, &e);
	CHECK(j != NULL);
	json_decref(j);
	free(s);
	s = nested(HTTP_JSON_MAX_DEPTH + 1, "[", "]");
	CHECK(!parse(s, &e));
	CHECK(strstr(e.en, "deeper than 32"));
	free(s);
	/* Brackets inside strings do not count. */
	s = nested(HTTP_JSON_MAX_DEPTH, "{\"[[[[\\\"{{{{\":", "}");
	j = parse(s, &e);
	CHECK(j != NULL);
	json_decref(j);
	free(s);
}

/* ---- against the server ---- */

static void test_get_params(void)
{
	struct reply r;

	REQUIRE(request("GET /hello/%E0%B8%AA%E0%B8%A1?q=a+b%21&x=1 HTTP/1.1\r\nHost: t\r\n\r\n",
			&r) == 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body, "hello สม q=a b!");
	CHECK_STR(reply_header(&r, "Content-Type"), "text/html; charset=utf-8");
	check_security_headers(&r);

	REQUIRE(request("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n", &r) == 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(reply_header(&r, "Content-Type"), "application/json; charset=utf-8");
	CHECK_STR(r.body, "{\"status\":\"ok\"}");

	REQUIRE(request("GET /static/js/app.js HTTP/1.1\r\nHost: t\r\n\r\n", &r) == 0);
	CHECK_STR(r.body, "static:js/app.js");
	REQUIRE(request("GET /static/../../etc/passwd HTTP/1.1\r\nHost: t\r\n\r\n", &r) == 0);
	json_decref(check_problem(&r, 400, "invalid"));

	REQUIRE(request("GET /info HTTP/1.1\r\nHost: t\r\nX-Test: ทดสอบ\r\n\r\n", &r) == 0);
	CHECK_STR(r.body, "127.0.0.1 sawat-test /info");
	CHECK_STR(reply_header(&r, "X-Echo"), "ทดสอบ");
	CHECK(!reply_header(&r, "X-Bad"));
	CHECK(!reply_header(&r, "Set-Cookie"));
}

static void test_not_found(void)
{
	struct reply r;
	json_t *j;

	REQUIRE(request("GET /nope?secret=1 HTTP/1.1\r\nHost: t\r\n\r\n", &r) == 0);
	j = check_problem(&r, 404, "not-found");
	CHECK_STR(json_string_value(json_object_get(j, "type")),
		  "https://sawat.example/problems/not-found");
	CHECK_STR(json_string_value(json_object_get(j, "title")), "ไม่พบสิ่งที่ขอ");
	CHECK(!json_object_get(j, "field"));
	check_security_headers(&r);
	json_decref(j);
}

static void test_method_not_allowed(void)
{
	struct reply r;
	json_t *j;

	REQUIRE(request("POST /items/7 HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n"
			"Accept-Language: en-US,en;q=0.9,th;q=0.5\r\n\r\n",
			&r) == 0);
	j = check_problem(&r, 405, "method-not-allowed");
	CHECK_STR(reply_header(&r, "Allow"), "GET, HEAD, DELETE");
	CHECK_STR(json_string_value(json_object_get(j, "type")), "about:blank");
	CHECK_STR(json_string_value(json_object_get(j, "title")), "Method Not Allowed");
	json_decref(j);
	REQUIRE(request("DELETE /items/7 HTTP/1.1\r\nHost: t\r\n\r\n", &r) == 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body, "DELETE item 7");
}

static void test_json_echo(void)
{
	const char *body = "{\"name\":\"สมหญิง\",\"baht\":150000,\"tags\":[\"a\",{\"b\":null}]}";
	char raw[1024];
	struct reply r;
	json_t *got, *want;

	snprintf(raw, sizeof(raw),
		 "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
		 "Content-Length: %zu\r\n\r\n%s",
		 strlen(body), body);
	REQUIRE(request(raw, &r) == 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(reply_header(&r, "Content-Type"), "application/json; charset=utf-8");
	got = reply_json(&r);
	want = json_loads(body, 0, NULL);
	CHECK(got && want && json_equal(got, want));
	json_decref(got);
	json_decref(want);
}

static void post_json(const char *body, struct reply *r)
{
	struct buf raw;

	buf_init(&raw, 0);
	buf_printf(&raw,
		   "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
		   "Content-Length: %zu\r\n\r\n%s",
		   strlen(body), body);
	REQUIRE(request(raw.ptr, r) == 0);
	buf_release(&raw);
}

static void test_json_errors(void)
{
	struct reply r;
	json_t *j;
	char *deep;
	struct buf b;
	int i;

	post_json("{\"a\": 1,\n \"b\": ,\n}", &r);
	j = check_problem(&r, 400, "invalid");
	CHECK(strstr(json_string_value(json_object_get(j, "detail_en")), "line 2, column"));
	CHECK(strstr(json_string_value(json_object_get(j, "detail_th")), "บรรทัด 2 คอลัมน์"));
	CHECK_STR(json_string_value(json_object_get(j, "detail")),
		  json_string_value(json_object_get(j, "detail_th")));
	json_decref(j);

	buf_init(&b, 0);
	for (i = 0; i < 100; i++)
		buf_putc(&b, '[');
	for (i = 0; i < 100; i++)
		buf_putc(&b, ']');
	deep = buf_detach(&b, NULL);
	post_json(deep, &r);
	free(deep);
	j = check_problem(&r, 400, "invalid");
	CHECK(strstr(json_string_value(json_object_get(j, "detail_en")), "deeper than 32"));
	json_decref(j);

	post_json("[1]", &r);
	json_decref(check_problem(&r, 400, "invalid"));
}

static void test_too_large_content_length(void)
{
	struct conn c;
	struct reply r;
	json_t *j;

	/* The 413 comes before any body byte is sent; MHD then closes. */
	conn_open(&c, port);
	conn_sends(&c, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
		       "Content-Length: 5000\r\n\r\n");
	REQUIRE(conn_read(&c, false, &r) == 0);
	j = check_problem(&r, 413, "too-large");
	CHECK(strstr(json_string_value(json_object_get(j, "detail_en")), "1024 bytes"));
	CHECK_STR(reply_header(&r, "Connection"), "close");
	check_security_headers(&r);
	CHECK(conn_closed_within(&c, 2000));
	conn_close(&c);
	json_decref(j);

	/* With Expect: 100-continue, no 100 is sent: the 413 is the answer. */
	conn_open(&c, port);
	conn_sends(&c, "POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\n"
		       "Content-Length: 99999999999\r\n\r\n");
	REQUIRE(conn_read(&c, false, &r) == 0);
	CHECK_INT(r.status, 413);
	conn_close(&c);
}

static void send_chunks(struct conn *c, size_t total, size_t chunk)
{
	char head[32], data[4096];

	memset(data, 'x', sizeof(data));
	while (total) {
		size_t n = total < chunk ? total : chunk;

		snprintf(head, sizeof(head), "%zx\r\n", n);
		if (!conn_sends(c, head) || !conn_send(c, data, n) || !conn_sends(c, "\r\n"))
			return;
		total -= n;
	}
	conn_sends(c, "0\r\n\r\n");
}

static void test_too_large_chunked(void)
{
	struct conn c;
	struct reply r;

	/* Past the cap, the rest is drained and the answer is 413; the
	 * connection may stay open, since the whole body was read. */
	conn_open(&c, port);
	conn_sends(&c, "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
	send_chunks(&c, 3000, 500);
	REQUIRE(conn_read(&c, false, &r) == 0);
	json_decref(check_problem(&r, 413, "too-large"));
	conn_sends(&c, "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
	REQUIRE(conn_read(&c, false, &r) == 0);
	CHECK_INT(r.status, 200);
	conn_close(&c);

	/* Just under the cap is fine (and is a valid JSON object). */
	{
		char body[MAX_BODY + 1], head[32];

		memset(body, ' ', MAX_BODY);
		memcpy(body, "{\"k\":1}", 7);
		body[MAX_BODY] = '\0';
		conn_open(&c, port);
		conn_sends(&c, "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
		snprintf(head, sizeof(head), "%x\r\n", MAX_BODY);
		conn_sends(&c, head);
		conn_sends(&c, body);
		conn_sends(&c, "\r\n0\r\n\r\n");
		REQUIRE(conn_read(&c, false, &r) == 0);
		CHECK_INT(r.status, 200);
		CHECK_STR(r.body, "{\"k\":1}");
		conn_close(&c);
	}

	/* Far past the cap (more than HTTP_DRAIN_FACTOR times), the server
	 * gives up and closes without an answer. */
	conn_open(&c, port);
	conn_sends(&c, "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
	send_chunks(&c, (HTTP_DRAIN_FACTOR + 2) * MAX_BODY, 1000);
	CHECK(conn_read(&c, false, &r) < 0);
	conn_close(&c);
}

static void test_header_too_big(void)
{
	struct buf raw;
	struct reply r;
	int i;

	/* MHD answers on its own: 431 for the headers, 414 for a long URI. */
	buf_init(&raw, 0);
	buf_puts(&raw, "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: ");
	for (i = 0; i < 2 * MAX_HEADER; i++)
		buf_putc(&raw, 'a');
	buf_puts(&raw, "\r\n\r\n");
	REQUIRE(request(raw.ptr, &r) == 0);
	CHECK_INT(r.status, 431);
	buf_reset(&raw);
	buf_puts(&raw, "GET /hello/");
	for (i = 0; i < 2 * MAX_HEADER; i++)
		buf_putc(&raw, 'a');
	buf_puts(&raw, " HTTP/1.1\r\nHost: t\r\n\r\n");
	REQUIRE(request(raw.ptr, &r) == 0);
	CHECK_INT(r.status, 414);
	buf_release(&raw);
}

static void test_form_thai(void)
{
	/* name=สมชาย ใจดี, "the city"=เชียงใหม่ */
	const char *body = "name=%E0%B8%AA%E0%B8%A1%E0%B8%8A%E0%B8%B2%E0%B8%A2+%E0%B9%83%E0%B8"
			   "%88%E0%B8%94%E0%B8%B5&the+city=%E0%B9%80%E0%B8%8A%E0%B8%B5%E0%B8%A2"
			   "%E0%B8%87%E0%B9%83%E0%B8%AB%E0%B8%A1%E0%B9%88&x";
	char raw[2048];
	struct reply r;

	snprintf(raw, sizeof(raw),
		 "POST /form HTTP/1.1\r\nHost: t\r\n"
		 "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"
		 "Content-Length: %zu\r\n\r\n%s",
		 strlen(body), body);
	REQUIRE(request(raw, &r) == 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body, "name=สมชาย ใจดี|city=เชียงใหม่|none=(null)");

	/* Another content type: no form fields. */
	snprintf(raw, sizeof(raw),
		 "POST /form HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\n"
		 "Content-Length: 6\r\n\r\nname=x");
	REQUIRE(request(raw, &r) == 0);
	CHECK_STR(r.body, "name=(null)|city=(null)|none=(null)");
}

/* A multipart body of a text field and a file part holding bytes (NULs too). */
static size_t multipart_body(char *out, size_t cap, const char *name, const char *file,
			     size_t file_len)
{
	size_t n = (size_t)snprintf(out, cap,
				    "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n%s\r\n"
				    "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
				    "filename=\"รายชื่อ.csv\"\r\nContent-Type: text/csv\r\n\r\n",
				    name);

	memcpy(out + n, file, file_len);
	n += file_len;
	n += (size_t)snprintf(out + n, cap - n, "\r\n--XyZ--\r\n");
	return n;
}

static void test_multipart(void)
{
	static char raw[6 * MAX_BODY], body[5 * MAX_BODY];
	char file[] = { 'P', 'K', '\0', 'x', 'y' };
	struct reply r;
	size_t n, h;

	n = multipart_body(body, sizeof(body), "สมชาย", file, sizeof(file));
	h = (size_t)snprintf(raw, sizeof(raw),
			     "POST /upload HTTP/1.1\r\nHost: t\r\n"
			     "Content-Type: multipart/form-data; boundary=XyZ\r\n"
			     "Content-Length: %zu\r\n\r\n",
			     n);
	memcpy(raw + h, body, n);
	raw[h + n] = '\0';
	{
		struct conn c;

		conn_open(&c, port);
		REQUIRE(conn_send(&c, raw, h + n));
		REQUIRE(conn_read(&c, false, &r) == 0);
		conn_close(&c);
	}
	CHECK_INT(r.status, 200);
	/* The text field; the file's name and every byte, NUL included; a file is no text field. */
	CHECK(r.body_len > 0);
	CHECK_STR(r.body, "name=สมชาย|file=รายชื่อ.csv|len=5|head=504b007879|text-as-file=no");

	/* Larger than the server's cap but within the route's: read whole. */
	{
		static char big[2 * MAX_BODY];
		struct conn c;

		memset(big, 'z', sizeof(big));
		n = multipart_body(body, sizeof(body), "ใหญ่", big, sizeof(big));
		h = (size_t)snprintf(raw, sizeof(raw),
				     "POST /upload HTTP/1.1\r\nHost: t\r\n"
				     "Content-Type: multipart/form-data; boundary=XyZ\r\n"
				     "Content-Length: %zu\r\n\r\n",
				     n);
		memcpy(raw + h, body, n);
		conn_open(&c, port);
		REQUIRE(conn_send(&c, raw, h + n));
		REQUIRE(conn_read(&c, false, &r) == 0);
		conn_close(&c);
		CHECK_INT(r.status, 200);
		CHECK(strstr(r.body, "name=ใหญ่|file=รายชื่อ.csv|len=") != NULL);
		CHECK(strstr(r.body, "|head=7a7a7a7a7a7a|") != NULL);
		{
			char want[64];

			snprintf(want, sizeof(want), "len=%zu|", sizeof(big));
			CHECK(strstr(r.body, want) != NULL);
		}
	}
	/* Over the route's cap: 413 from the length alone. */
	snprintf(raw, sizeof(raw),
		 "POST /upload HTTP/1.1\r\nHost: t\r\n"
		 "Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: %zu\r\n\r\n",
		 (size_t)4 * MAX_BODY + 1);
	REQUIRE(request(raw, &r) == 0);
	CHECK_INT(r.status, 413);
	/* Another route keeps the server's cap. */
	snprintf(raw, sizeof(raw),
		 "POST /form HTTP/1.1\r\nHost: t\r\n"
		 "Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: %zu\r\n\r\n",
		 (size_t)MAX_BODY + 1);
	REQUIRE(request(raw, &r) == 0);
	CHECK_INT(r.status, 413);
	/* A broken multipart body gives no fields, not a crash. */
	snprintf(raw, sizeof(raw),
		 "POST /upload HTTP/1.1\r\nHost: t\r\n"
		 "Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: %zu\r\n\r\n%s",
		 strlen("--XyZ\r\nContent-Dispo\r\n\r\n"), "--XyZ\r\nContent-Dispo\r\n\r\n");
	REQUIRE(request(raw, &r) == 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body, "name=(null)|file=(null)|len=0|head=|text-as-file=no");
}

static void test_cookies(void)
{
	struct reply r;

	REQUIRE(request("GET /cookie HTTP/1.1\r\nHost: t\r\n"
			"Cookie: a=1; sidx=no;  sid=\"abc123\" ; lang=en\r\n\r\n",
			&r) == 0);
	CHECK_STR(r.body, "sid=abc123 lang=en");
	REQUIRE(request("GET /cookie HTTP/1.1\r\nHost: t\r\nCookie: SID=x\r\n"
			"Accept-Language: th-TH,th;q=0.9,en;q=0.8\r\n\r\n",
			&r) == 0);
	CHECK_STR(r.body, "sid=(null) lang=th");
	REQUIRE(request("GET /cookie HTTP/1.1\r\nHost: t\r\nAccept-Language: en-GB\r\n\r\n",
			&r) == 0);
	CHECK_STR(r.body, "sid=(null) lang=en");
	REQUIRE(request("GET /cookie HTTP/1.1\r\nHost: t\r\n\r\n", &r) == 0);
	CHECK_STR(r.body, "sid=(null) lang=th");
}

static void test_keep_alive(void)
{
	struct conn c;
	struct reply r;

	conn_open(&c, port);
	conn_sends(&c, "GET /hello/one HTTP/1.1\r\nHost: t\r\n\r\n");
	REQUIRE(conn_read(&c, false, &r) == 0);
	CHECK_STR(r.body, "hello one");
	CHECK(!reply_header(&r, "Connection"));
	conn_sends(&c, "GET /hello/two HTTP/1.1\r\nHost: t\r\n\r\n");
	REQUIRE(conn_read(&c, false, &r) == 0);
	CHECK_STR(r.body, "hello two");
	/* Two pipelined requests, one with a body. */
	conn_sends(&c, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 8\r\n\r\n{\"n\":1}\n"
		       "GET /hello/three HTTP/1.1\r\nHost: t\r\n\r\n");
	REQUIRE(conn_read(&c, false, &r) == 0);
	CHECK_STR(r.body, "{\"n\":1}");
	REQUIRE(conn_read(&c, false, &r) == 0);
	CHECK_STR(r.body, "hello three");
	CHECK(!conn_closed_within(&c, 200));
	conn_close(&c);
}

static void test_head(void)
{
	struct conn c;
	struct reply r;

	conn_open(&c, port);
	conn_sends(&c, "HEAD /hello/x HTTP/1.1\r\nHost: t\r\n\r\n");
	REQUIRE(conn_read(&c, true, &r) == 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(reply_header(&r, "Content-Length"), "7");
	check_security_headers(&r);
	/* No body bytes came: the next response starts right away. */
	conn_sends(&c, "GET /hello/y HTTP/1.1\r\nHost: t\r\n\r\n");
	REQUIRE(conn_read(&c, false, &r) == 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body, "hello y");
	conn_close(&c);
}

static void test_problem_shape(void)
{
	struct reply r;
	json_t *j;

	REQUIRE(request("GET /problem HTTP/1.1\r\nHost: t\r\n\r\n", &r) == 0);
	j = check_problem(&r, 409, "conflict");
	CHECK_STR(json_string_value(json_object_get(j, "type")),
		  "https://sawat.example/problems/conflict");
	CHECK_STR(json_string_value(json_object_get(j, "title")), "ข้อมูลขัดแย้งกัน");
	CHECK_STR(json_string_value(json_object_get(j, "detail")), "เลขประจำตัว 1101700123456 ซ้ำ");
	CHECK_STR(json_string_value(json_object_get(j, "detail_en")),
		  "national id 1101700123456 is taken");
	CHECK_STR(json_string_value(json_object_get(j, "field")), "national_id");
	json_decref(j);

	REQUIRE(request("GET /problem HTTP/1.1\r\nHost: t\r\nCookie: lang=en\r\n\r\n", &r) == 0);
	j = check_problem(&r, 409, "conflict");
	CHECK_STR(json_string_value(json_object_get(j, "title")), "Conflict");
	CHECK_STR(json_string_value(json_object_get(j, "detail")),
		  "national id 1101700123456 is taken");
	json_decref(j);

	REQUIRE(request("GET /redirect HTTP/1.1\r\nHost: t\r\n\r\n", &r) == 0);
	CHECK_INT(r.status, 303);
	CHECK_STR(reply_header(&r, "Location"), "/hello/there");
}

static void test_access_log(void)
{
	char path[] = "/tmp/t_http_log_XXXXXX", text[4096] = "";
	int fd = mkstemp(path), saved = dup(STDERR_FILENO), i;
	struct http_config cfg = test_config();
	struct http_server *s = NULL;
	struct reply r;
	struct err e;
	unsigned old_port = port;

	REQUIRE(fd >= 0 && saved >= 0);
	cfg.access_log = true;
	cfg.not_found = h_custom_404;
	REQUIRE(http_start(&cfg, &s, &e) == 0);
	port = http_port(s);
	dup2(fd, STDERR_FILENO);
	request("GET /hello/log%0Aforged?national_id=1101700123456 HTTP/1.1\r\nHost: t\r\n\r\n",
		&r);
	/* The line is written when the request completes, just after the reply. */
	for (i = 0; i < 100 && !strstr(text, "hello"); i++) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		ssize_t n;

		nanosleep(&ts, NULL);
		n = pread(fd, text, sizeof(text) - 1, 0);
		text[n > 0 ? n : 0] = '\0';
	}
	dup2(saved, STDERR_FILENO);
	close(saved);
	REQUIRE(request("GET /zzz HTTP/1.1\r\nHost: t\r\n\r\n", &r) == 0);
	CHECK_INT(r.status, 404);
	CHECK_STR(r.body, "no /zzz here");
	CHECK_STR(reply_header(&r, "Content-Type"), "text/plain; charset=utf-8");
	check_security_headers(&r);
	http_stop(s);
	port = old_port;
	close(fd);
	unlink(path);
	CHECK(strstr(text, "127.0.0.1 GET \"/hello/log\\x0aforged\" 200 16 "));
	CHECK(strstr(text, "us\n"));
	CHECK(!strstr(text, "1101700123456"));
}

struct stopper {
	struct http_server *s;
};

static void *stop_later(void *arg)
{
	struct stopper *st = arg;
	struct timespec ts = { 0, 100 * 1000 * 1000 };

	nanosleep(&ts, NULL);
	http_stop(st->s);
	return NULL;
}

static void test_graceful_stop(void)
{
	struct http_config cfg = test_config();
	struct stopper st = { NULL };
	struct conn c, idle;
	struct reply r;
	struct err e;
	pthread_t t;
	unsigned p;

	REQUIRE(http_start(&cfg, &st.s, &e) == 0);
	p = http_port(st.s);
	conn_open(&idle, p);
	conn_open(&c, p);
	conn_sends(&c, "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
	pthread_create(&t, NULL, stop_later, &st);
	REQUIRE(conn_read(&c, false, &r) == 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body, "slow");
	CHECK_STR(reply_header(&r, "Connection"), "close");
	pthread_join(t, NULL);
	CHECK(conn_closed_within(&c, 1000));
	CHECK(conn_closed_within(&idle, 1000));
	conn_close(&c);
	conn_close(&idle);
}

static void test_idle_timeout(void)
{
	struct http_config cfg = test_config();
	struct http_server *s;
	struct conn c;
	struct reply r;
	struct err e;

	cfg.timeout = 1;
	REQUIRE(http_start(&cfg, &s, &e) == 0);
	conn_open(&c, http_port(s));
	conn_sends(&c, "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
	REQUIRE(conn_read(&c, false, &r) == 0);
	CHECK_INT(r.status, 200);
	CHECK(!conn_closed_within(&c, 300));
	CHECK(conn_closed_within(&c, 3000));
	conn_close(&c);
	http_stop(s);
}

static void test_start_errors(void)
{
	struct http_config cfg = test_config();
	struct http_route bad[] = { { "GET", "/a/{b", h_hello } };
	struct http_server *s = (struct http_server *)1;
	struct err e;
	char addr[64];

	cfg.listen = "no-port";
	CHECK_INT(http_start(&cfg, &s, &e), ERR_INVALID);
	CHECK(s == NULL);
	CHECK_STR(e.field, "listen");
	cfg.listen = "127.0.0.1:70000";
	CHECK_INT(http_start(&cfg, &s, &e), ERR_INVALID);
	cfg.listen = "127.0.0.1:0";
	cfg.routes = bad;
	cfg.nroutes = 1;
	CHECK_INT(http_start(&cfg, &s, &e), ERR_INVALID);
	cfg = test_config();
	snprintf(addr, sizeof(addr), "127.0.0.1:%u", port);
	cfg.listen = addr;
	CHECK_INT(http_start(&cfg, &s, &e), ERR_IO);
	CHECK(strstr(e.en, "cannot listen on"));
	cfg.listen = "[::1]:0";
	if (http_start(&cfg, &s, &e) == 0) {
		CHECK(http_port(s) > 0);
		http_stop(s);
	}
	http_stop(NULL);
}

int main(void)
{
	struct http_config cfg = test_config();
	struct err e;

	log_set_level(LOG_WARN);
	RUN(test_route_match);
	RUN(test_route_check);
	RUN(test_url_decode);
	RUN(test_json_parse);
	if (http_start(&cfg, &srv, &e) < 0) {
		fprintf(stderr, "http_start: %s\n", e.en);
		return 1;
	}
	port = http_port(srv);
	RUN(test_get_params);
	RUN(test_not_found);
	RUN(test_method_not_allowed);
	RUN(test_json_echo);
	RUN(test_json_errors);
	RUN(test_too_large_content_length);
	RUN(test_too_large_chunked);
	RUN(test_header_too_big);
	RUN(test_form_thai);
	RUN(test_multipart);
	RUN(test_cookies);
	RUN(test_keep_alive);
	RUN(test_head);
	RUN(test_problem_shape);
	log_set_level(LOG_INFO);
	RUN(test_access_log);
	log_set_level(LOG_WARN);
	RUN(test_graceful_stop);
	RUN(test_idle_timeout);
	RUN(test_start_errors);
	http_stop(srv);
	return test_summary("http");
}
