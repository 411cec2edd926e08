/*
 * The HTTP server: libmicrohttpd (MHD) with its own pool of threads, each
 * running an epoll loop over many connections; this file turns MHD's access
 * handler calls into one struct http_req, runs the route's handler, and
 * turns its struct http_resp into an MHD response. It does not decide what
 * any page or API call means; handlers do.
 *
 * MHD calls the access handler several times per request. State lives in a
 * struct exchange, created on the first call and freed by the
 * request-completed callback (which MHD calls exactly once for every request
 * whose first call happened):
 *
 *   first call ──> set up exchange ──┬─ Content-Length > cap ──> queue 413 now
 *                                    │  (MHD skips the body and closes)
 *                                    v
 *   calls with data ──> append to body (capped) ──┬─ cap passed: drain,
 *         │                                       │  keep nothing; past
 *         │                                       │  HTTP_DRAIN_FACTOR x cap,
 *         v                                       │  close (return MHD_NO)
 *   call with no data ──> route, run handler, <───┘  (413 instead of handler)
 *                         queue the response
 *                              |
 *   completed callback ──> access log line, free exchange
 *
 * Queuing on a later call, never the first, is what keeps the connection
 * alive (DESIGN.md). MHD 0.9.75 refuses MHD_queue_response while a body is
 * being read, which is why an oversized chunked body must be drained before
 * it can be answered, and why a known-oversized one is answered at once.
 *
 * MHD decodes the path and the query string itself (percent escapes, and '+'
 * in query arguments), so req->path and http_query are already decoded.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "api/http.h"
#include "lib/log.h"

#define PROBLEM_BASE "https://sawat.example/problems/"
#define CT_HTML "text/html; charset=utf-8"
#define CT_JSON "application/json; charset=utf-8"
#define CT_PROBLEM "application/problem+json"

struct http_server {
	struct MHD_Daemon *mhd;
	struct http_config cfg; /* copy, with defaults filled in */
	unsigned port;
	atomic_int inflight;    /* requests between first call and completion */
	atomic_bool stopping;   /* http_stop has begun: answer with Connection: close */
	atomic_bool started;    /* MHD_start_daemon has returned */
	char start_msg[512];    /* MHD's last complaint while starting */
};

/* One request's state; owned by MHD's per-request pointer (*con_cls). */
struct exchange {
	struct http_server *srv;
	struct arena arena;
	struct http_req req;
	struct buf body;
	struct timespec start;
	size_t cap;      /* the body this request may send (cfg.max_body or an upload's) */
	size_t drained;  /* bytes of body counted after the cap was passed */
	bool too_large;
	int status;      /* what was queued, for the access log; 0: nothing */
	size_t bytes;    /* body bytes sent */
	char remote[INET6_ADDRSTRLEN];
};

static const char *const security_headers[][2] = {
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "same-origin" },
	{ "X-Frame-Options", "DENY" },
	{ "Content-Security-Policy",
	  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
	  "form-action 'self'; frame-ancestors 'none'" },
};

static const struct {
	int status;
	const char *th, *en;
} titles[] = {
	{ 400, "คำขอไม่ถูกต้อง", "Bad Request" },
	{ 401, "ต้องเข้าสู่ระบบ", "Unauthorized" },
	{ 403, "ไม่มีสิทธิ์เข้าถึง", "Forbidden" },
	{ 404, "ไม่พบสิ่งที่ขอ", "Not Found" },
	{ 405, "ไม่รองรับวิธีเรียกนี้", "Method Not Allowed" },
	{ 409, "ข้อมูลขัดแย้งกัน", "Conflict" },
	{ 413, "ข้อมูลมีขนาดใหญ่เกินไป", "Content Too Large" },
	{ 415, "ไม่รองรับชนิดข้อมูลนี้", "Unsupported Media Type" },
	{ 422, "ข้อมูลไม่ผ่านการตรวจสอบ", "Unprocessable Content" },
	{ 429, "มีคำขอมากเกินไป", "Too Many Requests" },
	{ 500, "ระบบขัดข้อง", "Internal Server Error" },
	{ 503, "ระบบยังไม่พร้อมให้บริการ", "Service Unavailable" },
};

static const char *status_title(int status, bool en)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(titles); i++)
		if (titles[i].status == status)
			return en ? titles[i].en : titles[i].th;
	return en ? "Error" : "เกิดข้อผิดพลาด";
}

/* ---- decoding ---- */

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t http_url_decode(char *s, bool form)
{
	const char *r = s;
	char *w = s;

	while (*r) {
		if (r[0] == '%' && hex_value(r[1]) >= 0 && hex_value(r[2]) >= 0) {
			*w++ = (char)(hex_value(r[1]) << 4 | hex_value(r[2]));
			r += 3;
		} else if (r[0] == '+' && form) {
			*w++ = ' ';
			r++;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

/* Whether the form-encoded key enc[0..n) decodes to exactly name. */
static bool form_key_is(const char *enc, size_t n, const char *name)
{
	size_t i = 0;

	while (i < n) {
		char c = enc[i];

		if (c == '%' && i + 2 < n && hex_value(enc[i + 1]) >= 0 &&
		    hex_value(enc[i + 2]) >= 0) {
			c = (char)(hex_value(enc[i + 1]) << 4 | hex_value(enc[i + 2]));
			i += 3;
		} else {
			if (c == '+')
				c = ' ';
			i++;
		}
		if (*name++ != c)
			return false;
	}
	return *name == '\0';
}

/* Looks name up in an application/x-www-form-urlencoded text. */
static const char *form_lookup(struct arena *a, const char *s, size_t len, const char *name)
{
	const char *end = s + len;

	while (s < end) {
		const char *amp = memchr(s, '&', (size_t)(end - s));
		const char *pair_end = amp ? amp : end;
		const char *eq = memchr(s, '=', (size_t)(pair_end - s));
		const char *key_end = eq ? eq : pair_end;

		if (form_key_is(s, (size_t)(key_end - s), name)) {
			char *v;

			if (!eq)
				return "";
			v = arena_strndup(a, eq + 1, (size_t)(pair_end - eq - 1));
			http_url_decode(v, true);
			return v;
		}
		s = pair_end + 1;
	}
	return NULL;
}

/* Whether a Content-Type value names type (ignoring case and parameters). */
static bool content_type_is(const char *ct, const char *type)
{
	size_t n = strlen(type);

	return ct && !strncasecmp(ct, type, n) &&
	       (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ' || ct[n] == '\t');
}

/* ---- reading a request ---- */

const char *http_header(struct http_req *req, const char *name)
{
	if (!req->conn)
		return NULL;
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(struct http_req *req, const char *name)
{
	const char *p = http_header(req, "Cookie");
	size_t nlen = strlen(name);

	while (p && *p) {
		const char *end, *eq;
		size_t klen;

		p += strspn(p, " \t;");
		end = p + strcspn(p, ";");
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq) {
			klen = (size_t)(eq - p);
			while (klen && (p[klen - 1] == ' ' || p[klen - 1] == '\t'))
				klen--;
			if (klen == nlen && !memcmp(p, name, nlen)) {
				const char *v = eq + 1, *ve = end;

				while (v < ve && (*v == ' ' || *v == '\t'))
					v++;
				while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
					ve--;
				if (ve - v >= 2 && *v == '"' && ve[-1] == '"') {
					v++;
					ve--;
				}
				return arena_strndup(req->arena, v, (size_t)(ve - v));
			}
		}
		p = end;
	}
	return NULL;
}

/* The weight of a language range, from its parameters ";q=0.8" (params up
 * to end), in thousandths; 1000 when there is none. */
static int accept_weight(const char *params, const char *end)
{
	const char *q = params;
	int w = 0, scale = 1000;

	while (q + 1 < end && !(q[0] == 'q' && q[1] == '='))
		q++;
	if (q + 1 >= end)
		return 1000;
	q += 2;
	if (q < end && *q == '1')
		return 1000;
	if (q < end && *q == '0')
		q++;
	if (q < end && *q == '.')
		q++;
	while (q < end && *q >= '0' && *q <= '9' && scale > 1) {
		scale /= 10;
		w += (*q - '0') * scale;
		q++;
	}
	return w;
}

static bool lang_tag_is(const char *tag, size_t n, const char *lang)
{
	return n >= 2 && !strncasecmp(tag, lang, 2) && (n == 2 || tag[2] == '-');
}

const char *http_lang(struct http_req *req)
{
	const char *c = http_cookie(req, "lang");
	const char *p = http_header(req, "Accept-Language");
	int th = -1, en = -1;

	if (c && !strcmp(c, "en"))
		return "en";
	if (c && !strcmp(c, "th"))
		return "th";
	while (p && *p) {
		const char *end, *semi;
		size_t n;
		int w;

		p += strspn(p, " \t,");
		end = p + strcspn(p, ",");
		semi = memchr(p, ';', (size_t)(end - p));
		n = strcspn(p, ";, \t");
		w = semi ? accept_weight(semi, end) : 1000;
		if (lang_tag_is(p, n, "th") && w > th)
			th = w;
		if (lang_tag_is(p, n, "en") && w > en)
			en = w;
		p = end;
	}
	return en > th && en > 0 ? "en" : "th";
}

const char *http_query(struct http_req *req, const char *name)
{
	const char *v = NULL;
	size_t vlen = 0;

	if (!req->conn ||
	    MHD_lookup_connection_value_n(req->conn, MHD_GET_ARGUMENT_KIND, name, strlen(name), &v,
					  &vlen) != MHD_YES)
		return NULL;
	return v ? v : "";
}

/*
 * multipart/form-data bodies (a file upload) are read once, by
 * libmicrohttpd's post processor, into at most HTTP_FORM_FIELDS fields in
 * the request's arena; a field's parts are joined. A body it cannot read
 * gives no fields (the handler then sees a form without its CSRF token).
 */
#define HTTP_FORM_FIELDS 32

struct form_field {
	const char *name;
	const char *filename;    /* NULL for a text field */
	struct buf value;
};

struct form_fields {
	struct form_field f[HTTP_FORM_FIELDS];
	size_t n;
	bool bad;
};

static enum MHD_Result form_part(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *filename, const char *content_type,
				 const char *transfer_encoding, const char *data, uint64_t off,
				 size_t size)
{
	struct form_fields *ff = cls;
	struct form_field *f = ff->n ? &ff->f[ff->n - 1] : NULL;

	UNUSED(kind);
	UNUSED(content_type);
	UNUSED(transfer_encoding);
	if (!key)
		return MHD_YES;
	if (!f || off == 0 || strcmp(f->name, key)) {
		if (ff->n == HTTP_FORM_FIELDS) {
			ff->bad = true;
			return MHD_NO;
		}
		f = &ff->f[ff->n++];
		f->name = xstrdup(key);
		f->filename = filename ? xstrdup(filename) : NULL;
		buf_init(&f->value, 0);
	}
	if (size && buf_add(&f->value, data, size) < 0) {
		ff->bad = true;
		return MHD_NO;
	}
	return MHD_YES;
}

static void form_fields_free(struct form_fields *ff)
{
	size_t i;

	if (!ff)
		return;
	for (i = 0; i < ff->n; i++) {
		free((char *)ff->f[i].name);
		free((char *)ff->f[i].filename);
		buf_release(&ff->f[i].value);
	}
	free(ff);
}

/*
 * The fields of a multipart body (read on first use, freed with the
 * exchange), or NULL for another body.
 */
static struct form_fields *multipart(struct http_req *req)
{
	struct MHD_PostProcessor *pp;
	struct form_fields *ff;
	size_t i;

	if (req->form)
		return req->form;
	if (!req->conn || !content_type_is(http_header(req, "Content-Type"), "multipart/form-data"))
		return NULL;
	ff = xcalloc(1, sizeof(*ff));
	pp = MHD_create_post_processor(req->conn, 64 << 10, form_part, ff);
	if (!pp || MHD_post_process(pp, req->body, req->body_len) != MHD_YES)
		ff->bad = true;
	if (pp && MHD_destroy_post_processor(pp) != MHD_YES)
		ff->bad = true;
	for (i = 0; i < ff->n; i++)
		buf_putc(&ff->f[i].value, '\0'); /* text fields are strings */
	if (ff->bad) {
		/* What was read of a body that could not be read whole is not used. */
		for (i = 0; i < ff->n; i++) {
			free((char *)ff->f[i].name);
			free((char *)ff->f[i].filename);
			buf_release(&ff->f[i].value);
		}
		ff->n = 0;
	}
	req->form = ff;
	return ff;
}

static const struct form_field *form_field(struct http_req *req, const char *name)
{
	struct form_fields *ff = multipart(req);
	size_t i;

	for (i = 0; ff && i < ff->n; i++)
		if (!strcmp(ff->f[i].name, name))
			return &ff->f[i];
	return NULL;
}

const char *http_form(struct http_req *req, const char *name)
{
	const char *ct = http_header(req, "Content-Type");

	if (content_type_is(ct, "multipart/form-data")) {
		const struct form_field *f = form_field(req, name);

		/* A text field holds text: not a file, no NUL inside. */
		if (!f || f->filename || strlen(f->value.ptr) + 1 != f->value.len)
			return NULL;
		return f->value.ptr;
	}
	if (!content_type_is(ct, "application/x-www-form-urlencoded"))
		return NULL;
	return form_lookup(req->arena, req->body, req->body_len, name);
}

bool http_form_file(struct http_req *req, const char *name, const void **data, size_t *len,
		    const char **filename)
{
	const struct form_field *f = form_field(req, name);

	if (!f || !f->filename)
		return false;
	*data = f->value.ptr;
	*len = f->value.len - 1; /* without the NUL multipart() added */
	*filename = f->filename;
	return true;
}

/* ---- JSON bodies ---- */

/*
 * Refuses nesting deeper than HTTP_JSON_MAX_DEPTH before jansson sees the
 * text, so the parser's recursion stays shallow. Brackets inside strings do
 * not count; anything else malformed is left for jansson to report.
 * Columns count characters, as jansson's do.
 */
static int json_depth_check(const char *s, size_t len, struct err *e)
{
	size_t i, line = 1, col = 0;
	bool in_str = false;
	int depth = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n') {
			line++;
			col = 0;
			continue;
		}
		if (c < 0x80 || c >= 0xC0)
			col++;
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = false;
		} else if (c == '"') {
			in_str = true;
		} else if (c == '[' || c == '{') {
			if (++depth > HTTP_JSON_MAX_DEPTH)
				return err_set(e, ERR_INVALID, "",
					       "ข้อมูล JSON ซ้อนกันลึกเกิน %d ชั้น ที่บรรทัด %zu คอลัมน์ %zu",
					       "JSON nested deeper than %d levels at line %zu, column %zu",
					       HTTP_JSON_MAX_DEPTH, line, col);
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	return 0;
}

int http_json_parse(const char *body, size_t len, json_t **out, struct err *e)
{
	json_error_t jerr;
	json_t *j = NULL;
	int rc;

	*out = NULL;
	rc = json_depth_check(body, len, e);
	if (rc < 0)
		goto fail;
	j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!j) {
		rc = err_set(e, ERR_INVALID, "", "ข้อมูล JSON ไม่ถูกต้องที่บรรทัด %d คอลัมน์ %d: %s",
			     "invalid JSON at line %d, column %d: %s", jerr.line, jerr.column,
			     jerr.text);
		goto fail;
	}
	if (!json_is_object(j)) {
		rc = err_set(e, ERR_INVALID, "", "ข้อมูล JSON ต้องเป็นออบเจกต์ {...}",
			     "the JSON body must be an object {...}");
		goto fail;
	}
	*out = j;
	return 0;
fail:
	json_decref(j);
	return rc;
}

json_t *http_json_body(struct http_req *req, struct http_resp *resp)
{
	struct err e;
	json_t *j;

	err_init(&e);
	if (http_json_parse(req->body, req->body_len, &j, &e) < 0) {
		http_send_problem(resp, &e, http_lang(req));
		return NULL;
	}
	return j;
}

/* ---- writing a response ---- */

static bool has_crlf(const char *s)
{
	return strpbrk(s, "\r\n") != NULL;
}

void http_set_header(struct http_req *req, struct http_resp *resp, const char *name,
		     const char *value)
{
	if (has_crlf(name) || has_crlf(value) || !*name) {
		log_error("http: refused header '%s': empty name, or CR/LF", name);
		return;
	}
	if (!strcasecmp(name, "Content-Type")) {
		resp->content_type = arena_strdup(req->arena, value);
		return;
	}
	if (resp->nheaders >= HTTP_MAX_HEADERS) {
		log_error("http: more than %d headers, '%s' dropped", HTTP_MAX_HEADERS, name);
		return;
	}
	resp->hname[resp->nheaders] = arena_strdup(req->arena, name);
	resp->hvalue[resp->nheaders] = arena_strdup(req->arena, value);
	resp->nheaders++;
}

static int dump_to_buf(const char *p, size_t n, void *data)
{
	return buf_add(data, p, n);
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when it is not one. */
static size_t utf8_seq(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		return (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0))
			return 0; /* overlong, or a surrogate */
		return 3;
	}
	if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			return 0;
		if ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

/* A JSON string of s; bytes that are not UTF-8 (a message cut short, or
 * echoed input) become '?', since jansson refuses invalid UTF-8. */
static json_t *json_text(const char *s)
{
	json_t *j = json_string(s);
	struct buf b;
	size_t n;

	if (j)
		return j;
	buf_init(&b, 0);
	while (*s) {
		n = utf8_seq((const unsigned char *)s);
		if (n) {
			buf_add(&b, s, n);
			s += n;
		} else {
			buf_putc(&b, '?');
			s++;
		}
	}
	j = json_string(b.ptr);
	buf_release(&b);
	return j ? j : json_string("");
}

void http_send_json(struct http_resp *resp, int status, json_t *obj)
{
	struct err e;

	if (!obj) {
		err_set(&e, ERR_INTERNAL, "", "สร้างคำตอบไม่สำเร็จ", "could not build the response");
		http_send_problem(resp, &e, "th");
		return;
	}
	buf_reset(&resp->body);
	resp->status = status;
	resp->content_type = CT_JSON;
	if (json_dump_callback(obj, dump_to_buf, &resp->body, JSON_COMPACT) < 0) {
		json_decref(obj);
		err_set(&e, ERR_INTERNAL, "", "สร้างคำตอบไม่สำเร็จ", "could not build the response");
		http_send_problem(resp, &e, "th");
		return;
	}
	json_decref(obj);
}

static void problem(struct http_resp *resp, int status, const char *type, const char *code,
		    const struct err *e, const char *lang)
{
	bool en = lang && !strcmp(lang, "en");
	json_t *o = json_object();

	json_object_set_new(o, "type", json_text(type));
	json_object_set_new(o, "title", json_text(status_title(status, en)));
	json_object_set_new(o, "status", json_integer(status));
	json_object_set_new(o, "code", json_text(code));
	json_object_set_new(o, "detail", json_text(en ? e->en : e->th));
	json_object_set_new(o, "detail_th", json_text(e->th));
	json_object_set_new(o, "detail_en", json_text(e->en));
	if (e->field[0])
		json_object_set_new(o, "field", json_text(e->field));
	buf_reset(&resp->body);
	resp->status = status;
	resp->content_type = CT_PROBLEM;
	if (json_dump_callback(o, dump_to_buf, &resp->body, JSON_COMPACT) < 0)
		buf_reset(&resp->body);
	json_decref(o);
}

void http_send_problem_status(struct http_resp *resp, int status, const struct err *e,
			      const char *lang)
{
	char type[128];

	if (e->code == ERR_OK)
		snprintf(type, sizeof(type), "about:blank");
	else
		snprintf(type, sizeof(type), PROBLEM_BASE "%s", err_type(e->code));
	problem(resp, status, type, err_type(e->code), e, lang);
}

void http_send_problem(struct http_resp *resp, const struct err *e, const char *lang)
{
	http_send_problem_status(resp, err_http_status(e->code), e, lang);
}

void http_redirect(struct http_req *req, struct http_resp *resp, const char *location)
{
	buf_reset(&resp->body);
	resp->status = 303;
	http_set_header(req, resp, "Location", location);
}

/* ---- the access handler ---- */

static void resp_init(struct http_resp *resp)
{
	resp->status = 200;
	resp->content_type = CT_HTML;
	buf_init(&resp->body, 0);
	resp->nheaders = 0;
}

/* A path the router may see: absolute, and without "." or ".." segments
 * (so a static-file handler under a "*" route cannot be walked out of its root). */
static bool path_ok(const char *p)
{
	if (*p != '/')
		return false;
	while (*p) {
		size_t n;

		p++;
		n = strcspn(p, "/");
		if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		p += n;
	}
	return true;
}

static void dispatch(struct exchange *x, struct http_resp *resp)
{
	const struct http_config *cfg = &x->srv->cfg;
	struct http_req *req = &x->req;
	const struct http_route *r;
	const char *allow;
	struct err e;

	err_init(&e);
	if (x->too_large) {
		err_set(&e, ERR_TOO_LARGE, "", "ข้อมูลที่ส่งมายาวเกิน %zu ไบต์",
			"the request body is longer than %zu bytes", x->cap);
		http_send_problem(resp, &e, http_lang(req));
		return;
	}
	if (!path_ok(req->path)) {
		err_set(&e, ERR_INVALID, "", "ที่อยู่ (path) ไม่ถูกต้อง", "invalid path");
		http_send_problem(resp, &e, http_lang(req));
		return;
	}
	r = http_route_match(cfg->routes, cfg->nroutes, req->method, req->path, req);
	if (r) {
		r->fn(req, resp);
		return;
	}
	allow = http_route_allow(cfg->routes, cfg->nroutes, req->path, req->arena);
	if (allow) {
		err_set(&e, ERR_INVALID, "", "ที่อยู่นี้ไม่รองรับวิธีเรียก %s (ใช้ได้: %s)",
			"%s is not allowed here (allowed: %s)", req->method, allow);
		problem(resp, 405, "about:blank", "method-not-allowed", &e, http_lang(req));
		http_set_header(req, resp, "Allow", allow);
		return;
	}
	if (cfg->not_found) {
		cfg->not_found(req, resp);
		return;
	}
	err_set(&e, ERR_NOT_FOUND, "", "ไม่พบหน้าที่ขอ", "no such page");
	http_send_problem(resp, &e, http_lang(req));
}

static void add_header(struct MHD_Response *r, const char *name, const char *value)
{
	if (MHD_add_response_header(r, name, value) != MHD_YES)
		log_error("http: libmicrohttpd refused header '%s'", name);
}

/* Runs the handler (or the 413) and queues what it wrote. */
static enum MHD_Result respond(struct exchange *x, struct MHD_Connection *c)
{
	struct http_resp resp;
	struct MHD_Response *r;
	enum MHD_Result rc;
	size_t len, i;
	char *body;

	resp_init(&resp);
	dispatch(x, &resp);
	if (resp.status < 100 || resp.status > 599) {
		log_error("http: handler for %s %s set status %d", x->req.method, x->req.path,
			  resp.status);
		resp.status = 500;
	}
	len = resp.body.len;
	if (len) {
		body = buf_detach(&resp.body, NULL);
		r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
		if (!r)
			free(body);
	} else {
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	}
	buf_release(&resp.body);
	if (!r)
		return MHD_NO;
	add_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
		   resp.content_type ? resp.content_type : CT_HTML);
	for (i = 0; i < ARRAY_SIZE(security_headers); i++)
		add_header(r, security_headers[i][0], security_headers[i][1]);
	for (i = 0; i < (size_t)resp.nheaders; i++)
		add_header(r, resp.hname[i], resp.hvalue[i]);
	if (atomic_load(&x->srv->stopping))
		add_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	rc = MHD_queue_response(c, (unsigned)resp.status, r);
	MHD_destroy_response(r);
	x->status = resp.status;
	x->bytes = strcmp(x->req.method, "HEAD") ? len : 0;
	return rc;
}

static void remote_text(struct MHD_Connection *c, char *out, size_t cap)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, cap, "-");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
			  (socklen_t)cap);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			  out, (socklen_t)cap);
}

static struct exchange *exchange_new(struct http_server *s, struct MHD_Connection *c,
				     const char *url, const char *method)
{
	struct exchange *x = xcalloc(1, sizeof(*x));

	x->srv = s;
	clock_gettime(CLOCK_MONOTONIC, &x->start);
	arena_init(&x->arena);
	x->cap = http_upload_cap(s->cfg.uploads, s->cfg.nuploads, method, url, s->cfg.max_body);
	buf_init(&x->body, x->cap);
	remote_text(c, x->remote, sizeof(x->remote));
	x->req.method = method;
	x->req.path = url;
	x->req.body = x->body.ptr;
	x->req.body_len = 0;
	x->req.remote = x->remote;
	x->req.arena = &x->arena;
	x->req.app = s->cfg.app;
	x->req.conn = c;
	atomic_fetch_add(&s->inflight, 1);
	return x;
}

static bool content_length_over(struct MHD_Connection *c, size_t max)
{
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_CONTENT_LENGTH);
	unsigned long long n;
	char *end;

	if (!cl)
		return false;
	errno = 0;
	n = strtoull(cl, &end, 10);
	/* A malformed length is MHD's to refuse; an overflowing one is too big. */
	return (errno == ERANGE) || (end != cl && n > max);
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *c, const char *url,
				 const char *method, const char *version,
				 const char *upload, size_t *upload_size, void **con_cls)
{
	struct http_server *s = cls;
	struct exchange *x = *con_cls;

	UNUSED(version);
	if (!x) {
		x = exchange_new(s, c, url, method);
		*con_cls = x;
		if (content_length_over(c, x->cap)) {
			x->too_large = true;
			return respond(x, c);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!x->too_large && buf_add(&x->body, upload, *upload_size) < 0) {
			x->too_large = true;
			x->drained = x->body.len;
			buf_release(&x->body);
		}
		if (x->too_large) {
			x->drained += *upload_size;
			if (x->drained / HTTP_DRAIN_FACTOR > x->cap)
				return MHD_NO;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	x->req.body = x->body.ptr;
	x->req.body_len = x->body.len;
	return respond(x, c);
}

/* Copies s for a log line, escaping what could forge or break a line. */
static void log_escape(char *out, size_t cap, const char *s)
{
	size_t n = 0;

	for (; *s && n + 5 < cap; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
			n += (size_t)snprintf(out + n, cap - n, "\\x%02x", c);
		else
			out[n++] = (char)c;
	}
	if (*s && n + 4 <= cap) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct http_server *s = cls;
	struct exchange *x = *con_cls;

	UNUSED(c);
	if (!x)
		return;
	if (s->cfg.access_log) {
		struct timespec now;
		long long us;
		char path[512];

		clock_gettime(CLOCK_MONOTONIC, &now);
		us = (long long)(now.tv_sec - x->start.tv_sec) * 1000000 +
		     (now.tv_nsec - x->start.tv_nsec) / 1000;
		log_escape(path, sizeof(path), x->req.path);
		log_info("http %s %s \"%s\" %d %zu %lldus%s", x->remote, x->req.method, path,
			 x->status, x->bytes, us,
			 toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
	}
	buf_release(&x->body);
	form_fields_free(x->req.form);
	arena_release(&x->arena);
	free(x);
	*con_cls = NULL;
	atomic_fetch_sub(&s->inflight, 1);
}

/*
 * MHD's own messages. While starting, the last one is kept for the error;
 * afterwards they are about single misbehaving clients (a header too large,
 * a dropped connection), so they go to the debug level.
 */
__attribute__((format(printf, 2, 0))) static void on_mhd_log(void *cls, const char *fmt,
							       va_list ap)
{
	struct http_server *s = cls;
	char msg[512];
	size_t n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	if (!atomic_load(&s->started)) {
		snprintf(s->start_msg, sizeof(s->start_msg), "%s", msg);
		return;
	}
	log_msg(LOG_DEBUG, "libmicrohttpd: %s", msg);
}

/* ---- starting and stopping ---- */

static int parse_listen(const char *listen, struct sockaddr_storage *ss, struct err *e)
{
	char host[INET6_ADDRSTRLEN + 2];
	const char *colon = strrchr(listen, ':'), *h = listen;
	size_t hlen;
	unsigned long port;
	char *end;

	memset(ss, 0, sizeof(*ss));
	if (!colon)
		goto fail;
	errno = 0;
	port = strtoul(colon + 1, &end, 10);
	if (end == colon + 1 || *end || errno || port > 65535)
		goto fail;
	hlen = (size_t)(colon - listen);
	if (hlen >= 2 && h[0] == '[' && h[hlen - 1] == ']') {
		h++;
		hlen -= 2;
	}
	if (hlen >= sizeof(host))
		goto fail;
	memcpy(host, h, hlen);
	host[hlen] = '\0';
	if (!hlen || !strcmp(host, "*"))
		snprintf(host, sizeof(host), "0.0.0.0");
	else if (!strcmp(host, "localhost"))
		snprintf(host, sizeof(host), "127.0.0.1");
	{
		struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
		struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;

		if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
			v4->sin_family = AF_INET;
			v4->sin_port = htons((uint16_t)port);
			return 0;
		}
		if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
			v6->sin6_family = AF_INET6;
			v6->sin6_port = htons((uint16_t)port);
			return 0;
		}
	}
fail:
	return err_set(e, ERR_INVALID, "listen",
		       "ที่อยู่สำหรับรับการเชื่อมต่อไม่ถูกต้อง: '%s' (ตัวอย่าง 127.0.0.1:8080)",
		       "invalid listen address '%s' (example: 127.0.0.1:8080)", listen);
}

static unsigned cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (unsigned)n : 1;
}

int http_start(const struct http_config *cfg, struct http_server **out, struct err *e)
{
	struct sockaddr_storage ss;
	struct http_server *s;
	const union MHD_DaemonInfo *info;
	sigset_t block, old;
	unsigned flags;
	size_t i;
	int rc;

	*out = NULL;
	s = xcalloc(1, sizeof(*s));
	s->cfg = *cfg;
	if (!s->cfg.listen)
		s->cfg.listen = "127.0.0.1:8080";
	if (!s->cfg.max_body)
		s->cfg.max_body = 1 << 20;
	if (!s->cfg.max_header)
		s->cfg.max_header = 32 << 10;
	if (!s->cfg.threads)
		s->cfg.threads = cpu_count();
	if (!s->cfg.timeout)
		s->cfg.timeout = 30;
	if (!s->cfg.stop_grace)
		s->cfg.stop_grace = 10;
	for (i = 0; i < s->cfg.nroutes; i++) {
		const struct http_route *r = &s->cfg.routes[i];

		rc = http_route_check(r->pattern, e);
		if (rc < 0)
			goto fail;
		if (!r->method || !r->fn) {
			rc = err_set(e, ERR_INVALID, "routes", "เส้นทาง '%s' ไม่มีเมธอดหรือฟังก์ชัน",
				     "route '%s' lacks a method or a handler", r->pattern);
			goto fail;
		}
	}
	rc = parse_listen(s->cfg.listen, &ss, e);
	if (rc < 0)
		goto fail;

	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	/* MHD's threads inherit this mask: they never take asynchronous signals,
	 * so SIGTERM and SIGINT reach http_wait_for_signal. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	sigaddset(&block, SIGPIPE);
	sigaddset(&block, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	s->mhd = MHD_start_daemon(flags, 0, NULL, NULL, on_access, s,
				  MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&ss,
				  MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)s->cfg.threads,
				  MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)s->cfg.max_header,
				  MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)s->cfg.timeout,
				  MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
				  MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s,
				  MHD_OPTION_END);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!s->mhd) {
		rc = err_set(e, ERR_IO, "listen", "เปิดรับการเชื่อมต่อที่ %s ไม่ได้: %s",
			     "cannot listen on %s: %s", s->cfg.listen,
			     s->start_msg[0] ? s->start_msg : "libmicrohttpd failed to start");
		goto fail;
	}
	atomic_store(&s->started, true);
	info = MHD_get_daemon_info(s->mhd, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : 0;
	*out = s;
	return 0;
fail:
	free(s);
	return rc;
}

unsigned http_port(const struct http_server *s)
{
	return s->port;
}

void http_stop(struct http_server *s)
{
	struct timespec now, deadline, tick = { 0, 10 * 1000 * 1000 };
	MHD_socket fd;

	if (!s)
		return;
	atomic_store(&s->stopping, true);
	fd = MHD_quiesce_daemon(s->mhd);
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += s->cfg.stop_grace;
	for (;;) {
		if (atomic_load(&s->inflight) <= 0)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > deadline.tv_sec ||
		    (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec)) {
			log_warn("http: stopping with %d requests unfinished",
				 atomic_load(&s->inflight));
			break;
		}
		nanosleep(&tick, NULL);
	}
	MHD_stop_daemon(s->mhd);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	free(s);
}

void http_wait_for_signal(void)
{
	sigset_t set;
	int sig = 0;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	while (sigwait(&set, &sig) != 0)
		;
	log_info("http: %s received, stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");
}
