/*
 * Route matching: a linear scan of the route table in order, comparing the
 * decoded path with each pattern character by character, without splitting
 * or allocating until a route has matched (then only the captures are
 * copied into the request arena). A table of a hundred routes costs a few
 * microseconds at worst, far below the handler's own cost, so there is no
 * trie. Patterns are checked once, by http_route_check from http_start, so
 * the matcher trusts them: every '{' opens a segment, its '}' is followed
 * by nothing or by a literal suffix up to the end of the segment
 * ("{id}.pdf"), and '*' only as a whole last segment.
 *
 * HEAD is served by GET routes unless a HEAD route comes first. The Allow
 * list for a 405 names every method whose pattern matches the path.
 */
#include "api/http.h"

/*
 * Matches path against pattern. On success fills caps (at most
 * HTTP_MAX_PARAMS, which http_route_check guarantees) and returns the number
 * of captures; returns -1 when the path does not match.
 */
static int pattern_match(const char *pat, const char *path, struct slice *caps)
{
	const char *p = pat, *s = path;
	int n = 0;

	while (*p) {
		if (p[0] == '/' && p[1] == '*' && p[2] == '\0') {
			if (*s != '/')
				return -1;
			caps[n++] = slice_of(s + 1);
			return n;
		}
		if (*p == '{') {
			/* The capture runs to the end of the path's segment, less
			 * the pattern's suffix, and may not be empty. */
			const char *suffix = strchr(p, '}') + 1;
			size_t len = strcspn(s, "/"), slen = strcspn(suffix, "/");

			if (len <= slen || memcmp(s + len - slen, suffix, slen))
				return -1;
			caps[n++] = (struct slice){ s, len - slen };
			p = suffix + slen;
			s += len;
			continue;
		}
		if (*p != *s)
			return -1;
		p++;
		s++;
	}
	return *s == '\0' ? n : -1;
}

static bool method_serves(const char *route_method, const char *method)
{
	if (!strcmp(route_method, method))
		return true;
	return !strcmp(method, "HEAD") && !strcmp(route_method, "GET");
}

const struct http_route *http_route_match(const struct http_route *routes, size_t n,
					  const char *method, const char *path,
					  struct http_req *req)
{
	struct slice caps[HTTP_MAX_PARAMS];
	size_t i;
	int nc, j;

	for (i = 0; i < n; i++) {
		if (!method_serves(routes[i].method, method))
			continue;
		nc = pattern_match(routes[i].pattern, path, caps);
		if (nc < 0)
			continue;
		for (j = 0; j < nc; j++)
			req->params[j] = arena_strndup(req->arena, caps[j].ptr, caps[j].len);
		req->nparams = nc;
		return &routes[i];
	}
	return NULL;
}

size_t http_upload_cap(const struct http_upload *uploads, size_t n, const char *method,
		       const char *path, size_t dflt)
{
	struct slice caps[HTTP_MAX_PARAMS];
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(uploads[i].method, method) &&
		    pattern_match(uploads[i].pattern, path, caps) >= 0)
			return uploads[i].max_body;
	return dflt;
}

const char *http_route_allow(const struct http_route *routes, size_t n, const char *path,
			     struct arena *arena)
{
	struct slice caps[HTTP_MAX_PARAMS];
	const char *seen[16];
	size_t i, nseen = 0, k;
	bool head = false;
	struct buf allow;
	const char *out;

	for (i = 0; i < n && nseen < ARRAY_SIZE(seen); i++) {
		const char *m = routes[i].method;

		if (pattern_match(routes[i].pattern, path, caps) < 0)
			continue;
		for (k = 0; k < nseen && strcmp(seen[k], m); k++)
			;
		if (k < nseen)
			continue;
		seen[nseen++] = m;
		head |= !strcmp(m, "HEAD");
	}
	if (!nseen)
		return NULL;
	buf_init(&allow, 0);
	for (k = 0; k < nseen; k++) {
		buf_puts(&allow, seen[k]);
		if (!strcmp(seen[k], "GET") && !head)
			buf_puts(&allow, ", HEAD");
		if (k + 1 < nseen)
			buf_puts(&allow, ", ");
	}
	out = arena_strndup(arena, allow.ptr, allow.len);
	buf_release(&allow);
	return out;
}

int http_route_check(const char *pattern, struct err *e)
{
	const char *p = pattern;
	int ncaps = 0;

	if (!pattern || *p != '/')
		goto fail;
	while (*p) {
		/* p is at a '/' that starts a segment. */
		const char *seg = p + 1;
		size_t len = strcspn(seg, "/");

		if (len == 1 && seg[0] == '*') {
			if (seg[1] != '\0')
				goto fail;
			ncaps++;
		} else if (len && seg[0] == '{') {
			/* {name} or {name}suffix: a name, then a literal suffix. */
			const char *close = memchr(seg, '}', len);
			size_t rest;

			if (!close || close - seg < 2 || memchr(seg + 1, '{', len - 1))
				goto fail;
			rest = len - (size_t)(close + 1 - seg);
			if (memchr(close + 1, '}', rest) || memchr(close + 1, '*', rest))
				goto fail;
			ncaps++;
		} else if (memchr(seg, '{', len) || memchr(seg, '}', len) || memchr(seg, '*', len)) {
			goto fail;
		}
		p = seg + len;
	}
	if (ncaps > HTTP_MAX_PARAMS)
		goto fail;
	return 0;
fail:
	return err_set(e, ERR_INVALID, "pattern", "รูปแบบเส้นทางไม่ถูกต้อง: '%s'",
		       "invalid route pattern: '%s'", pattern ? pattern : "(null)");
}

struct http_route *http_routes_join(const struct http_route_table *tables, size_t ntables,
				    size_t *n)
{
	struct http_route *all;
	size_t i, total = 0, k = 0;

	for (i = 0; i < ntables; i++)
		total += *tables[i].n;
	all = xcalloc(total ? total : 1, sizeof(*all));
	for (i = 0; i < ntables; i++) {
		memcpy(all + k, tables[i].routes, *tables[i].n * sizeof(*all));
		k += *tables[i].n;
	}
	*n = total;
	return all;
}
