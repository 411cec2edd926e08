/*
 * The template engine: compiles mustache-like text into a flat list of nodes
 * once, then renders that list against JSON contexts as often as needed.
 *
 * A compiled template is an array of nodes. A section (or inverted section)
 * node is followed by the nodes of its body and records in `end` the index
 * just past them, so rendering walks index ranges and skipping a section is
 * one jump; close tags leave no node. Every string a template needs (text,
 * names, msgids) is copied into the template's own arena, so a template does
 * not depend on the text it was compiled from.
 *
 * Rendering keeps its state (context stack, depth, step count) on the C
 * stack and only reads the set and the context, so one set serves any number
 * of threads. Two bounds keep a render finite whatever the template and the
 * data: the nesting depth of sections and partials (TMPL_MAX_DEPTH, which
 * stops a partial that includes itself) and a step budget (every node and
 * every section iteration costs one step), and output stops at the cap of
 * the caller's buffer.
 *
 * What it does not do: lambdas, changing delimiters, indentation of
 * standalone partials, or any logic beyond sections: decisions belong in the
 * handler that builds the context, which passes booleans for the template to
 * test.
 */
#include <ctype.h>
#include "web/tmpl.h"
#include "lib/arena.h"
#include "lib/embed.h"

#define TMPL_DIR "web/templates/"
#define TMPL_EXT ".html"

enum node_kind { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL, N_TRANS };

struct node {
	enum node_kind kind;
	int line;
	const char *str;  /* text, msgid, partial name or the name as written */
	size_t len;       /* length of str */
	const char **seg; /* a name's dot-separated parts; nseg 0 for "." */
	int nseg;
	size_t end;       /* sections: the index just past the body */
};

struct tmpl {
	const char *name;
	struct arena arena; /* owns name, nodes' strings and name parts */
	struct node *nodes; /* malloc'd, owned here */
	size_t n;
};

struct tmpl_set {
	struct tmpl **t; /* sorted by name, owned */
	size_t n, cap;
	unsigned long max_steps;
};

/* ---- the set ---- */

static void tmpl_free(struct tmpl *t)
{
	if (!t)
		return;
	arena_release(&t->arena);
	free(t->nodes);
	free(t);
}

struct tmpl_set *tmpl_set_new(void)
{
	struct tmpl_set *set = xcalloc(1, sizeof(*set));

	set->max_steps = TMPL_DEFAULT_MAX_STEPS;
	return set;
}

void tmpl_set_free(struct tmpl_set *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < set->n; i++)
		tmpl_free(set->t[i]);
	free(set->t);
	free(set);
}

void tmpl_set_limit(struct tmpl_set *set, unsigned long max_steps)
{
	set->max_steps = max_steps ? max_steps : TMPL_DEFAULT_MAX_STEPS;
}

/* The index of name in set->t, or of where it would go (*found false). */
static size_t set_index(const struct tmpl_set *set, const char *name, bool *found)
{
	size_t lo = 0, hi = set->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(set->t[mid]->name, name);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

static const struct tmpl *set_find(const struct tmpl_set *set, const char *name)
{
	bool found;
	size_t i = set_index(set, name, &found);

	return found ? set->t[i] : NULL;
}

bool tmpl_set_has(const struct tmpl_set *set, const char *name)
{
	return set_find(set, name) != NULL;
}

/* ---- compiling ---- */

struct compiler {
	const char *src;
	size_t len;
	struct tmpl *t;
	size_t cap;                    /* of t->nodes */
	size_t open[TMPL_MAX_DEPTH];   /* the open sections' node indices */
	int nopen;
	struct err *e;
};

/* A syntax error; the arguments are the template name, the line, then the rest. */
#define SYNTAX(e, th, en, ...) \
	err_set((e), ERR_INVALID, NULL, "แม่แบบ '%s' บรรทัด %d: " th, \
		"template '%s' line %d: " en, __VA_ARGS__)

static struct node *add_node(struct compiler *c, enum node_kind kind, int line)
{
	struct node *nd;

	ALLOC_GROW(c->t->nodes, c->t->n + 1, c->cap);
	nd = &c->t->nodes[c->t->n++];
	memset(nd, 0, sizeof(*nd));
	nd->kind = kind;
	nd->line = line;
	return nd;
}

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static struct slice trim(const char *s, size_t n)
{
	while (n && is_space(*s))
		s++, n--;
	while (n && is_space(s[n - 1]))
		n--;
	return (struct slice){ s, n };
}

static bool name_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '-';
}

/* Parses a variable or section name ("a", "a.b", ".") into nd. */
static int parse_name(struct compiler *c, struct node *nd, struct slice s)
{
	size_t i, start = 0;
	int nseg = 1;

	nd->str = arena_strndup(&c->t->arena, s.ptr, s.len);
	nd->len = s.len;
	if (s.len == 1 && s.ptr[0] == '.')
		return 0;
	for (i = 0; i < s.len; i++) {
		if (s.ptr[i] == '.') {
			if (i == start || i + 1 == s.len)
				goto bad;
			nseg++;
			start = i + 1;
		} else if (!name_char(s.ptr[i])) {
			goto bad;
		}
	}
	if (s.len == 0)
		goto bad;
	nd->seg = arena_alloc(&c->t->arena, nseg * sizeof(*nd->seg));
	for (start = 0, i = 0; i <= s.len; i++) {
		if (i == s.len || s.ptr[i] == '.') {
			nd->seg[nd->nseg++] = arena_strndup(&c->t->arena, s.ptr + start, i - start);
			start = i + 1;
		}
	}
	return 0;
bad:
	return SYNTAX(c->e, "ชื่อ '%.*s' ไม่ถูกต้อง", "bad name '%.*s'", c->t->name, nd->line,
		      (int)s.len, s.ptr);
}

/* A msgid: the text with each run of whitespace turned into one space. */
static const char *collapse_ws(struct arena *a, struct slice s)
{
	char *out = arena_alloc(a, s.len + 1), *p = out;
	size_t i;

	for (i = 0; i < s.len; i++) {
		if (!is_space(s.ptr[i]))
			*p++ = s.ptr[i];
		else if (p > out && p[-1] != ' ')
			*p++ = ' ';
	}
	if (p > out && p[-1] == ' ')
		p--;
	*p = '\0';
	return out;
}

static int compile_tag(struct compiler *c, char sigil, struct slice body, bool triple, int line)
{
	struct node *nd;

	if (triple)
		return parse_name(c, add_node(c, N_RAW, line), trim(body.ptr, body.len));
	switch (sigil) {
	case '!':
		return 0;
	case '=':
		return SYNTAX(c->e, "ไม่รองรับการเปลี่ยนตัวคั่น", "changing delimiters is not supported",
			      c->t->name, line);
	case '&':
		return parse_name(c, add_node(c, N_RAW, line), trim(body.ptr + 1, body.len - 1));
	case '#':
	case '^':
		if (c->nopen == TMPL_MAX_DEPTH)
			return SYNTAX(c->e, "ซ้อนกันลึกเกิน %d ชั้น", "sections nest deeper than %d",
				      c->t->name, line, TMPL_MAX_DEPTH);
		nd = add_node(c, sigil == '#' ? N_SECTION : N_INVERTED, line);
		c->open[c->nopen++] = c->t->n - 1;
		return parse_name(c, nd, trim(body.ptr + 1, body.len - 1));
	case '/': {
		struct slice s = trim(body.ptr + 1, body.len - 1);
		struct node *open;

		if (!c->nopen)
			return SYNTAX(c->e, "{{/%.*s}} ไม่มีส่วนที่เปิดไว้ให้ปิด",
				      "{{/%.*s}} closes no open section", c->t->name, line,
				      (int)s.len, s.ptr);
		open = &c->t->nodes[c->open[c->nopen - 1]];
		if (open->len != s.len || memcmp(open->str, s.ptr, s.len))
			return SYNTAX(c->e, "{{/%.*s}} ไม่ตรงกับส่วน '%s' ที่เปิดในบรรทัด %d",
				      "{{/%.*s}} does not close section '%s' opened on line %d",
				      c->t->name, line, (int)s.len, s.ptr, open->str, open->line);
		open->end = c->t->n;
		c->nopen--;
		return 0;
	}
	case '>': {
		struct slice s = trim(body.ptr + 1, body.len - 1);
		size_t i;

		for (i = 0; i < s.len; i++)
			if (!name_char(s.ptr[i]) && s.ptr[i] != '.' && s.ptr[i] != '/')
				break;
		if (!s.len || i < s.len)
			return SYNTAX(c->e, "ชื่อแม่แบบย่อย '%.*s' ไม่ถูกต้อง", "bad partial name '%.*s'",
				      c->t->name, line, (int)s.len, s.ptr);
		nd = add_node(c, N_PARTIAL, line);
		nd->str = arena_strndup(&c->t->arena, s.ptr, s.len);
		nd->len = s.len;
		return 0;
	}
	case '_':
		/* "_" then a space starts a translation; "_x" is a name. */
		if (body.len == 1 || is_space(body.ptr[1])) {
			nd = add_node(c, N_TRANS, line);
			nd->str = collapse_ws(&c->t->arena, trim(body.ptr + 1, body.len - 1));
			nd->len = strlen(nd->str);
			if (!nd->len)
				return SYNTAX(c->e, "ข้อความแปลว่างเปล่า", "empty translation",
					      c->t->name, line);
			return 0;
		}
		break;
	default:
		break;
	}
	return parse_name(c, add_node(c, N_VAR, line), body);
}

/* The line at pos, counting from the known line at from. */
static int line_at(const char *src, size_t from, size_t pos, int line)
{
	for (; from < pos; from++)
		if (src[from] == '\n')
			line++;
	return line;
}

/*
 * A section, inverted, close, partial or comment tag alone on its line
 * (only blanks around it) removes the whole line from the output. Sets *ls
 * to the start of the line and *le past its newline, and returns true, when
 * the tag from tag to after is such a tag.
 */
static bool standalone(const char *src, size_t len, size_t tag, size_t after, size_t *ls,
		       size_t *le)
{
	size_t a = tag, b = after;

	while (a > 0 && (src[a - 1] == ' ' || src[a - 1] == '\t'))
		a--;
	if (a > 0 && src[a - 1] != '\n')
		return false;
	while (b < len && (src[b] == ' ' || src[b] == '\t'))
		b++;
	if (b < len && src[b] == '\r' && b + 1 < len && src[b + 1] == '\n')
		b += 2;
	else if (b < len && src[b] == '\n')
		b++;
	else if (b < len)
		return false;
	*ls = a;
	*le = b;
	return true;
}

static void add_text(struct compiler *c, size_t from, size_t to, int line)
{
	struct node *nd;

	if (to <= from)
		return;
	nd = add_node(c, N_TEXT, line);
	nd->str = arena_strndup(&c->t->arena, c->src + from, to - from);
	nd->len = to - from;
}

static int compile(struct compiler *c, const char *tname)
{
	size_t pos = 0, text = 0, lpos = 0;
	int line = 1, text_line = 1, rc;

	while (pos < c->len) {
		const char *open = memmem(c->src + pos, c->len - pos, "{{", 2);
		const char *close;
		size_t tag, body, after, ls, le;
		bool triple;
		char sigil;
		int tag_line;

		if (!open)
			break;
		tag = (size_t)(open - c->src);
		tag_line = line = line_at(c->src, lpos, tag, line);
		lpos = tag;
		triple = tag + 2 < c->len && c->src[tag + 2] == '{';
		body = tag + (triple ? 3 : 2);
		close = memmem(c->src + body, c->len - body, triple ? "}}}" : "}}", triple ? 3 : 2);
		if (!close)
			return SYNTAX(c->e, "แท็กไม่ได้ปิดด้วย %s", "tag not closed with %s", tname,
				      tag_line, triple ? "}}}" : "}}");
		after = (size_t)(close - c->src) + (triple ? 3 : 2);
		{
			struct slice b = trim(c->src + body, (size_t)(close - c->src) - body);

			sigil = b.len ? b.ptr[0] : '\0';
			if (!triple && sigil && strchr("#^/!>", sigil) &&
			    standalone(c->src, c->len, tag, after, &ls, &le)) {
				add_text(c, text, ls, text_line);
				text = le;
			} else {
				add_text(c, text, tag, text_line);
				text = after;
			}
			rc = compile_tag(c, sigil, b, triple, tag_line);
			if (rc)
				return rc;
		}
		pos = after;
		text_line = line_at(c->src, lpos, text, line);
	}
	add_text(c, text, c->len, text_line);
	if (c->nopen) {
		const struct node *nd = &c->t->nodes[c->open[c->nopen - 1]];

		return SYNTAX(c->e, "ส่วน '%s' ไม่ได้ปิด", "section '%s' is not closed", tname,
			      nd->line, nd->str);
	}
	return 0;
}

int tmpl_set_add(struct tmpl_set *set, const char *name, const char *text, size_t len,
		 struct err *e)
{
	struct compiler c = { 0 };
	struct tmpl *t = xcalloc(1, sizeof(*t));
	bool found;
	size_t at;
	int rc;

	arena_init(&t->arena);
	t->name = arena_strdup(&t->arena, name);
	at = set_index(set, name, &found);
	if (found) {
		rc = err_set(e, ERR_CONFLICT, NULL, "มีแม่แบบ '%s' อยู่แล้ว",
			     "template '%s' already exists", name);
		goto fail;
	}
	c.src = text;
	c.len = len;
	c.t = t;
	c.e = e;
	rc = compile(&c, t->name);
	if (rc)
		goto fail;
	ALLOC_GROW(set->t, set->n + 1, set->cap);
	memmove(set->t + at + 1, set->t + at, (set->n - at) * sizeof(*set->t));
	set->t[at] = t;
	set->n++;
	return 0;
fail:
	tmpl_free(t);
	return rc;
}

int tmpl_set_check(const struct tmpl_set *set, struct err *e)
{
	size_t i, k;

	for (i = 0; i < set->n; i++) {
		const struct tmpl *t = set->t[i];

		for (k = 0; k < t->n; k++)
			if (t->nodes[k].kind == N_PARTIAL && !set_find(set, t->nodes[k].str))
				return SYNTAX(e, "ไม่มีแม่แบบ '%s'", "there is no template '%s'",
					      t->name, t->nodes[k].line, t->nodes[k].str);
	}
	return 0;
}

int tmpl_set_load(struct tmpl_set **out, struct err *e)
{
	struct tmpl_set *set = tmpl_set_new();
	const struct embed_file *f;
	int rc = 0;

	*out = NULL;
	for (f = embed_files; f->name; f++) {
		const char *base;
		size_t n;
		char *name;

		if (!starts_with(f->name, TMPL_DIR))
			continue;
		base = f->name + strlen(TMPL_DIR);
		n = strlen(base);
		if (n <= strlen(TMPL_EXT) || strcmp(base + n - strlen(TMPL_EXT), TMPL_EXT) ||
		    strchr(base, '/'))
			continue;
		name = xstrndup(base, n - strlen(TMPL_EXT));
		rc = tmpl_set_add(set, name, (const char *)f->data, f->len, e);
		free(name);
		if (rc)
			goto fail;
	}
	rc = tmpl_set_check(set, e);
	if (rc)
		goto fail;
	*out = set;
	return 0;
fail:
	tmpl_set_free(set);
	return rc;
}

void tmpl_set_each_msgid(const struct tmpl_set *set,
			 void (*fn)(const char *tmpl, int line, const char *msgid, void *arg),
			 void *arg)
{
	size_t i, k;

	for (i = 0; i < set->n; i++)
		for (k = 0; k < set->t[i]->n; k++)
			if (set->t[i]->nodes[k].kind == N_TRANS)
				fn(set->t[i]->name, set->t[i]->nodes[k].line,
				   set->t[i]->nodes[k].str, arg);
}

/* ---- rendering ---- */

struct render {
	const struct tmpl_set *set;
	const struct catalog *cat;
	struct buf *out;
	struct err *e;
	json_t *stack[TMPL_MAX_DEPTH + 3]; /* the bottom frames, then one per open section */
	int nstack;
	int depth;                         /* open sections and partials */
	unsigned long steps;
};

static int too_large(struct render *r)
{
	return err_set(r->e, ERR_TOO_LARGE, NULL, "หน้าที่สร้างมีขนาดใหญ่เกินกำหนด",
		       "the rendered page is too large");
}

static json_t *lookup(const struct render *r, const struct node *nd)
{
	json_t *v = NULL;
	int i, k;

	if (nd->nseg == 0)
		return r->nstack ? r->stack[r->nstack - 1] : NULL;
	for (i = r->nstack - 1; i >= 0 && !v; i--)
		if (json_is_object(r->stack[i]))
			v = json_object_get(r->stack[i], nd->seg[0]);
	for (k = 1; v && k < nd->nseg; k++)
		v = json_is_object(v) ? json_object_get(v, nd->seg[k]) : NULL;
	return v;
}

static bool truthy(const json_t *v)
{
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_OBJECT: return true;
	case JSON_ARRAY: return json_array_size(v) > 0;
	case JSON_STRING: return json_string_length(v) > 0;
	case JSON_INTEGER: return json_integer_value(v) != 0;
	case JSON_REAL: return json_real_value(v) != 0.0;
	case JSON_TRUE: return true;
	default: return false;
	}
}

static int put_value(struct render *r, const json_t *v, bool escape)
{
	int rc = 0;

	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_STRING:
		if (escape)
			rc = buf_put_html(r->out, json_string_value(v), json_string_length(v));
		else
			rc = buf_add(r->out, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		rc = buf_printf(r->out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		rc = buf_printf(r->out, "%.15g", json_real_value(v));
		break;
	case JSON_TRUE:
		rc = buf_puts(r->out, "true");
		break;
	case JSON_FALSE:
		rc = buf_puts(r->out, "false");
		break;
	default:
		break;
	}
	return rc ? too_large(r) : 0;
}

static int step(struct render *r)
{
	if (++r->steps > r->set->max_steps)
		return err_set(r->e, ERR_TOO_LARGE, NULL, "การสร้างหน้าใช้งานเกินกำหนด",
			       "rendering the page took too many steps");
	return 0;
}

static int render_range(struct render *r, const struct tmpl *t, size_t from, size_t to);

/* Renders a section's body once with v on top of the context stack. */
static int render_body(struct render *r, const struct tmpl *t, size_t i, json_t *v)
{
	int rc = step(r);

	if (rc)
		return rc;
	r->stack[r->nstack++] = v;
	rc = render_range(r, t, i + 1, t->nodes[i].end);
	r->nstack--;
	return rc;
}

static int render_section(struct render *r, const struct tmpl *t, size_t i)
{
	const struct node *nd = &t->nodes[i];
	json_t *v = lookup(r, nd);
	size_t k;
	int rc = 0;

	if (nd->kind == N_INVERTED)
		return truthy(v) ? 0 : render_range(r, t, i + 1, nd->end);
	if (!truthy(v))
		return 0;
	if (!json_is_array(v))
		return render_body(r, t, i, v);
	for (k = 0; k < json_array_size(v) && !rc; k++)
		rc = render_body(r, t, i, json_array_get(v, k));
	return rc;
}

static int render_partial(struct render *r, const struct node *nd)
{
	const struct tmpl *p = set_find(r->set, nd->str);

	if (!p)
		return 0;
	return render_range(r, p, 0, p->n);
}

static int render_range(struct render *r, const struct tmpl *t, size_t from, size_t to)
{
	size_t i;
	int rc = 0;

	if (++r->depth > TMPL_MAX_DEPTH + 1) {
		rc = err_set(r->e, ERR_INTERNAL, NULL, "แม่แบบ '%s' ซ้อนกันลึกเกิน %d ชั้น",
			     "template '%s' nests deeper than %d", t->name, TMPL_MAX_DEPTH);
		goto fail;
	}
	for (i = from; i < to; i++) {
		const struct node *nd = &t->nodes[i];

		rc = step(r);
		if (rc)
			goto fail;
		switch (nd->kind) {
		case N_TEXT:
			rc = buf_add(r->out, nd->str, nd->len) ? too_large(r) : 0;
			break;
		case N_VAR:
		case N_RAW:
			rc = put_value(r, lookup(r, nd), nd->kind == N_VAR);
			break;
		case N_TRANS: {
			const char *s = catalog_tr(r->cat, nd->str);

			rc = buf_put_html(r->out, s, strlen(s)) ? too_large(r) : 0;
			break;
		}
		case N_SECTION:
		case N_INVERTED:
			rc = render_section(r, t, i);
			i = nd->end - 1;
			break;
		case N_PARTIAL:
			rc = render_partial(r, nd);
			break;
		}
		if (rc)
			goto fail;
	}
fail:
	r->depth--;
	return rc;
}

/* Renders name with the given bottom frames of the context stack. */
static int render_frames(const struct tmpl_set *set, const char *name, json_t **frames, int n,
			 const struct catalog *cat, struct buf *out, struct err *e)
{
	struct render r = { 0 };
	const struct tmpl *t = set_find(set, name);
	size_t start = out->len;
	int rc, i;

	if (!t)
		return err_set(e, ERR_NOT_FOUND, NULL, "ไม่พบแม่แบบ '%s'", "no template '%s'", name);
	r.set = set;
	r.cat = cat;
	r.out = out;
	r.e = e;
	for (i = 0; i < n; i++)
		r.stack[r.nstack++] = frames[i];
	rc = render_range(&r, t, 0, t->n);
	if (rc)
		buf_truncate(out, start);
	return rc;
}

int tmpl_render(const struct tmpl_set *set, const char *name, json_t *ctx,
		const struct catalog *cat, struct buf *out, struct err *e)
{
	return render_frames(set, name, &ctx, 1, cat, out, e);
}

int tmpl_render_page(const struct tmpl_set *set, const char *page, json_t *ctx,
		     const struct catalog *cat, struct buf *out, struct err *e)
{
	const char *lang = catalog_lang(cat);
	json_t *base = json_object(), *slot = json_object();
	json_t *frames[3] = { base, ctx, slot };
	struct buf content;
	int rc;

	buf_init(&content, out->max);
	/* Defaults below the caller's context, the content above it. */
	json_object_set_new(base, "lang", json_string(lang));
	json_object_set_new(base, !strcmp(lang, "en") ? "lang_en" : "lang_th", json_true());
	rc = render_frames(set, page, frames, 2, cat, &content, e);
	if (rc)
		goto fail;
	json_object_set_new(slot, "content", json_stringn_nocheck(content.ptr, content.len));
	rc = render_frames(set, "layout", frames, 3, cat, out, e);
fail:
	buf_release(&content);
	json_decref(base);
	json_decref(slot);
	return rc;
}
