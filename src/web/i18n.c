/*
 * Message catalogs read from gettext .po files, and the choice of language
 * for a request.
 *
 * A catalog is a hash table (open addressing, linear probing, at most half
 * full) from (msgctxt, msgid) to msgstr; its strings live in the catalog's
 * arena. It is filled while parsing and never changes afterwards, which is
 * what makes lookups safe from many threads without locks. English has an
 * empty catalog: the msgid is the English text.
 *
 * The .po parser reads one line at a time. Comments are skipped ("#, fuzzy"
 * marks the next entry to be dropped); a line starting with '"' continues
 * the string of the keyword before it; keywords move between these states:
 *
 *              msgctxt          msgid              msgstr
 *     IDLE --------------> CTXT -------> ID -------------------> STR
 *       |         msgid                ^  |                       ^  |
 *       '------------------------------'  | msgid_plural          |  |
 *                                         '--> PLURAL ------------'  |
 *                                                 msgstr[N]          |
 *     STR --(msgctxt, msgid, comment, blank line or end of file)-----'
 *           ends the entry: it is stored and the parser is IDLE again.
 *
 * Anything else (msgstr before msgid, a keyword it does not know, text
 * outside quotes) is an error naming the file and line; so is a duplicate
 * entry, which would otherwise make one of two translations silently lose.
 */
#include <strings.h>
#include "web/i18n.h"
#include "lib/arena.h"
#include "lib/buf.h"
#include "lib/embed.h"

#define PO_DIR "web/po/"
#define LANG_MAX 16

struct entry {
	const char *ctxt; /* NULL when the entry has no msgctxt */
	const char *id;
	const char *str;
	uint32_t hash;
};

struct catalog {
	char lang[LANG_MAX];
	struct arena arena; /* owns every string the entries point at */
	struct entry *slots; /* cap slots; a NULL id marks an empty one */
	size_t cap;          /* a power of two, or 0 */
	size_t n;
};

struct catalog_set {
	struct catalog *en;     /* the empty English catalog */
	struct catalog **cats;  /* one per embedded .po file */
	size_t n;
};

/* ---- the hash table ---- */

static uint32_t fnv_add(uint32_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

static uint32_t key_hash(const char *ctxt, const char *id)
{
	uint32_t h = 2166136261u;

	if (ctxt) {
		h = fnv_add(h, ctxt);
		h = fnv_add(h, "\004"); /* gettext's separator between context and id */
	}
	return fnv_add(h, id);
}

static bool key_eq(const struct entry *en, uint32_t hash, const char *ctxt, const char *id)
{
	if (en->hash != hash || strcmp(en->id, id))
		return false;
	if (!en->ctxt || !ctxt)
		return !en->ctxt && !ctxt;
	return !strcmp(en->ctxt, ctxt);
}

static struct entry *slot_for(struct entry *slots, size_t cap, uint32_t hash, const char *ctxt,
			      const char *id)
{
	size_t i = hash & (cap - 1);

	while (slots[i].id && !key_eq(&slots[i], hash, ctxt, id))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static void table_grow(struct catalog *cat)
{
	size_t ncap = cat->cap ? cat->cap * 2 : 64, i;
	struct entry *ns = xcalloc(ncap, sizeof(*ns));

	for (i = 0; i < cat->cap; i++) {
		struct entry *en = &cat->slots[i];

		if (en->id)
			*slot_for(ns, ncap, en->hash, en->ctxt, en->id) = *en;
	}
	free(cat->slots);
	cat->slots = ns;
	cat->cap = ncap;
}

/* Returns false when the key is already there. */
static bool table_put(struct catalog *cat, const char *ctxt, const char *id, const char *str)
{
	uint32_t hash = key_hash(ctxt, id);
	struct entry *en;

	if ((cat->n + 1) * 2 > cat->cap)
		table_grow(cat);
	en = slot_for(cat->slots, cat->cap, hash, ctxt, id);
	if (en->id)
		return false;
	en->ctxt = ctxt ? arena_strdup(&cat->arena, ctxt) : NULL;
	en->id = arena_strdup(&cat->arena, id);
	en->str = arena_strdup(&cat->arena, str);
	en->hash = hash;
	cat->n++;
	return true;
}

static struct catalog *catalog_new(const char *lang)
{
	struct catalog *cat = xcalloc(1, sizeof(*cat));

	snprintf(cat->lang, sizeof(cat->lang), "%s", lang);
	arena_init(&cat->arena);
	return cat;
}

void catalog_free(struct catalog *cat)
{
	if (!cat)
		return;
	arena_release(&cat->arena);
	free(cat->slots);
	free(cat);
}

const char *catalog_lang(const struct catalog *cat)
{
	return cat ? cat->lang : "en";
}

size_t catalog_count(const struct catalog *cat)
{
	return cat ? cat->n : 0;
}

const char *catalog_find(const struct catalog *cat, const char *ctxt, const char *msgid)
{
	uint32_t hash;
	const struct entry *en;

	if (!cat || !cat->n || !msgid)
		return NULL;
	hash = key_hash(ctxt, msgid);
	en = slot_for(cat->slots, cat->cap, hash, ctxt, msgid);
	return en->id ? en->str : NULL;
}

const char *catalog_tr_ctx(const struct catalog *cat, const char *ctxt, const char *msgid)
{
	const char *s = catalog_find(cat, ctxt, msgid);

	return s ? s : msgid;
}

const char *catalog_tr(const struct catalog *cat, const char *msgid)
{
	return catalog_tr_ctx(cat, NULL, msgid);
}

/* ---- the .po parser ---- */

enum po_state { PO_IDLE, PO_CTXT, PO_ID, PO_PLURAL, PO_STR };

struct po {
	const char *name;
	int line;
	int entry_line; /* where the entry being read started */
	enum po_state state;
	bool fuzzy;
	bool has_ctxt;
	struct buf ctxt, id, str, discard;
	struct buf *cur; /* the string continuation lines append to */
	struct catalog *cat;
};

/* True when s[0..n) is well-formed UTF-8 (no overlong forms, no surrogates). */
static bool utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t k, more;
		unsigned min, cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			more = 1, min = 0x80, cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			more = 2, min = 0x800, cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			more = 3, min = 0x10000, cp = c & 0x07;
		} else {
			return false;
		}
		if (n - i <= more)
			return false;
		for (k = 1; k <= more; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += more + 1;
	}
	return true;
}

/*
 * An error at a line of the file being parsed: the arguments are the file
 * name, the line and then what the two formats after the "FILE line N: "
 * prefix need (the same for both languages).
 */
#define PO_FAIL(e, th, en, ...) \
	err_set((e), ERR_INVALID, NULL, "%s บรรทัด %d: " th, "%s line %d: " en, __VA_ARGS__)

/*
 * Appends the quoted string at s[0..n) (escapes decoded) to p->cur. Only
 * spaces may follow the closing quote.
 */
static int po_string(struct po *p, const char *s, size_t n, struct err *e)
{
	size_t i = 1;

	if (n == 0 || s[0] != '"')
		return PO_FAIL(e, "ต้องมีข้อความในเครื่องหมายคำพูด", "a quoted string is expected",
			       p->name, p->line);
	for (; i < n && s[i] != '"'; i++) {
		char c = s[i];

		if (c == '\\') {
			if (++i == n)
				break;
			switch (s[i]) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case '"': c = '"'; break;
			case '\\': c = '\\'; break;
			default:
				if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
					return PO_FAIL(e, "ไม่รู้จักรหัสหลีกหลัง '\\'",
						       "unknown escape after '\\'", p->name, p->line);
				return PO_FAIL(e, "ไม่รู้จักรหัสหลีก '\\%c'", "unknown escape '\\%c'",
					       p->name, p->line, s[i]);
			}
		} else if ((unsigned char)c < 0x20 && c != '\t') {
			return PO_FAIL(e, "มีอักขระควบคุมในข้อความ", "control character in a string",
				       p->name, p->line);
		}
		buf_putc(p->cur, c);
	}
	if (i >= n)
		return PO_FAIL(e, "ข้อความไม่มีเครื่องหมายคำพูดปิด", "string without a closing quote",
			       p->name, p->line);
	for (i++; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return PO_FAIL(e, "มีข้อความเกินหลังเครื่องหมายคำพูดปิด",
				       "unexpected text after the closing quote", p->name, p->line);
	return 0;
}

static void po_reset(struct po *p)
{
	buf_reset(&p->ctxt);
	buf_reset(&p->id);
	buf_reset(&p->str);
	buf_reset(&p->discard);
	p->fuzzy = false;
	p->has_ctxt = false;
	p->cur = NULL;
	p->state = PO_IDLE;
}

/* The header entry (msgid ""): only its charset matters. */
static int po_header(struct po *p, struct err *e)
{
	const char *cs = strstr(p->str.ptr, "charset=");
	size_t n;

	if (!cs || p->fuzzy)
		return 0;
	cs += strlen("charset=");
	n = strcspn(cs, " ;\n");
	if (n != 5 || strncasecmp(cs, "UTF-8", 5))
		return PO_FAIL(e, "ต้องเข้ารหัสเป็น UTF-8 ไม่ใช่ %.*s",
			       "the charset must be UTF-8, not %.*s", p->name, p->entry_line,
			       (int)n, cs);
	return 0;
}

/* Ends the entry being read (state STR): stores it unless it is left out. */
static int po_finish(struct po *p, struct err *e)
{
	int rc = 0;

	if (!p->id.len && !p->has_ctxt) {
		rc = po_header(p, e);
		goto done;
	}
	if (p->fuzzy || !p->str.len)
		goto done;
	if (!utf8_valid(p->ctxt.ptr, p->ctxt.len) || !utf8_valid(p->id.ptr, p->id.len) ||
	    !utf8_valid(p->str.ptr, p->str.len)) {
		rc = PO_FAIL(e, "ไม่ใช่ UTF-8 ที่ถูกต้อง", "invalid UTF-8", p->name, p->entry_line);
		goto done;
	}
	if (!table_put(p->cat, p->has_ctxt ? p->ctxt.ptr : NULL, p->id.ptr, p->str.ptr))
		rc = PO_FAIL(e, "msgid \"%.80s\" ซ้ำ", "duplicate msgid \"%.80s\"", p->name, p->entry_line,
			     p->id.ptr);
done:
	po_reset(p);
	return rc;
}

/* A keyword line: kw is the keyword, rest what follows it. */
static int po_keyword(struct po *p, const char *kw, size_t kn, const char *rest, size_t rn,
		      struct err *e)
{
	struct slice k = { kw, kn };
	int rc;

	if (slice_eq(k, "msgctxt") || slice_eq(k, "msgid")) {
		bool ctxt = slice_eq(k, "msgctxt");

		if (p->state == PO_STR) {
			rc = po_finish(p, e);
			if (rc)
				return rc;
		}
		if (ctxt ? p->state != PO_IDLE : p->state != PO_IDLE && p->state != PO_CTXT)
			return PO_FAIL(e, "รายการก่อนหน้าไม่มี msgstr",
				       "the entry before has no msgstr", p->name, p->line);
		if (p->state == PO_IDLE)
			p->entry_line = p->line;
		p->state = ctxt ? PO_CTXT : PO_ID;
		p->has_ctxt = p->has_ctxt || ctxt;
		p->cur = ctxt ? &p->ctxt : &p->id;
	} else if (slice_eq(k, "msgid_plural")) {
		if (p->state != PO_ID)
			return PO_FAIL(e, "msgid_plural ต้องตามหลัง msgid",
				       "msgid_plural must follow msgid", p->name, p->line);
		p->state = PO_PLURAL;
		p->cur = &p->discard;
	} else if (slice_eq(k, "msgstr")) {
		if (p->state != PO_ID)
			return PO_FAIL(e, "msgstr ต้องตามหลัง msgid", "msgstr must follow msgid",
				       p->name, p->line);
		p->state = PO_STR;
		p->cur = &p->str;
	} else if (kn > 8 && !memcmp(kw, "msgstr[", 7) && kw[kn - 1] == ']') {
		if (p->state != PO_PLURAL && p->state != PO_STR)
			return PO_FAIL(e, "msgstr[N] ต้องตามหลัง msgid_plural",
				       "msgstr[N] must follow msgid_plural", p->name, p->line);
		p->state = PO_STR;
		/* Thai has a single plural form: keep msgstr[0] only. */
		p->cur = kn == 9 && kw[7] == '0' ? &p->str : &p->discard;
	} else {
		return PO_FAIL(e, "ไม่รู้จักคำสั่ง '%.*s'", "unknown keyword '%.*s'", p->name, p->line,
			       (int)kn, kw);
	}
	return po_string(p, rest, rn, e);
}

static int po_line(struct po *p, const char *s, size_t n, struct err *e)
{
	size_t k;

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n == 0 || s[0] == '#') {
		/* A blank line or a comment ends a complete entry; "#, fuzzy" flags the next. */
		if (p->state == PO_STR) {
			int rc = po_finish(p, e);

			if (rc)
				return rc;
		}
		if (n >= 2 && s[1] == ',' && memmem(s, n, "fuzzy", 5))
			p->fuzzy = true;
		return 0;
	}
	if (s[0] == '"') {
		if (!p->cur)
			return PO_FAIL(e, "ข้อความนี้ไม่อยู่ในรายการใด", "a string outside any entry",
				       p->name, p->line);
		return po_string(p, s, n, e);
	}
	for (k = 0; k < n && s[k] != ' ' && s[k] != '\t' && s[k] != '"'; k++)
		;
	{
		size_t r = k;

		while (r < n && (s[r] == ' ' || s[r] == '\t'))
			r++;
		return po_keyword(p, s, k, s + r, n - r, e);
	}
}

int catalog_parse(struct catalog **out, const char *lang, const char *name, const char *text,
		  size_t len, struct err *e)
{
	struct po p = { 0 };
	size_t pos = 0;
	int rc = 0;

	*out = NULL;
	p.name = name;
	p.cat = catalog_new(lang);
	buf_init(&p.ctxt, 0);
	buf_init(&p.id, 0);
	buf_init(&p.str, 0);
	buf_init(&p.discard, 0);
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;

		p.line++;
		rc = po_line(&p, text + pos, end - pos, e);
		if (rc)
			goto fail;
		pos = end + 1;
	}
	if (p.state == PO_STR) {
		rc = po_finish(&p, e);
		if (rc)
			goto fail;
	} else if (p.state != PO_IDLE) {
		rc = PO_FAIL(e, "รายการไม่มี msgstr", "an entry without msgstr", p.name, p.entry_line);
		goto fail;
	}
	*out = p.cat;
	p.cat = NULL;
fail:
	catalog_free(p.cat);
	buf_release(&p.ctxt);
	buf_release(&p.id);
	buf_release(&p.str);
	buf_release(&p.discard);
	return rc;
}

/* ---- the embedded set ---- */

int catalog_set_load(struct catalog_set **out, struct err *e)
{
	struct catalog_set *set = xcalloc(1, sizeof(*set));
	const struct embed_file *f;
	size_t cap = 0;
	int rc = 0;

	*out = NULL;
	set->en = catalog_new("en");
	for (f = embed_files; f->name; f++) {
		const char *base;
		size_t n;
		char lang[LANG_MAX];
		struct catalog *cat;

		if (!starts_with(f->name, PO_DIR))
			continue;
		base = f->name + strlen(PO_DIR);
		n = strlen(base);
		if (n <= 3 || n - 3 >= sizeof(lang) || strcmp(base + n - 3, ".po"))
			continue;
		memcpy(lang, base, n - 3);
		lang[n - 3] = '\0';
		rc = catalog_parse(&cat, lang, f->name, (const char *)f->data, f->len, e);
		if (rc)
			goto fail;
		ALLOC_GROW(set->cats, set->n + 1, cap);
		set->cats[set->n++] = cat;
	}
	*out = set;
	return 0;
fail:
	catalog_set_free(set);
	return rc;
}

void catalog_set_free(struct catalog_set *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < set->n; i++)
		catalog_free(set->cats[i]);
	free(set->cats);
	catalog_free(set->en);
	free(set);
}

static const struct catalog *set_find(const struct catalog_set *set, const char *lang)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (!strcmp(set->cats[i]->lang, lang))
			return set->cats[i];
	return NULL;
}

const struct catalog *catalog_get(const struct catalog_set *set, const char *lang)
{
	const struct catalog *cat;

	if (!lang || !strcmp(lang, "en"))
		return set->en;
	cat = set_find(set, lang);
	if (!cat)
		cat = set_find(set, I18N_DEFAULT_LANG);
	return cat ? cat : set->en;
}

/* ---- choosing the language ---- */

/* "th", "th-TH", "TH_th" -> "th"; "en-GB" -> "en"; anything else -> NULL. */
static const char *lang_of_tag(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && s[k] != '-' && s[k] != '_')
		k++;
	if (k != 2)
		return NULL;
	if (!strncasecmp(s, "th", 2))
		return "th";
	if (!strncasecmp(s, "en", 2))
		return "en";
	return NULL;
}

/* The q value of one Accept-Language item in thousandths, or -1 if malformed. */
static int accept_q(const char *s, size_t n)
{
	size_t i = 0;
	int q, digits = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == n)
		return 1000;
	if (n - i < 3 || (s[i] != 'q' && s[i] != 'Q') || s[i + 1] != '=')
		return -1;
	i += 2;
	if (s[i] != '0' && s[i] != '1')
		return -1;
	q = (s[i++] - '0') * 1000;
	if (i < n && s[i] == '.') {
		int scale = 100;

		for (i++; i < n && s[i] >= '0' && s[i] <= '9' && digits < 3; i++, digits++) {
			q += (s[i] - '0') * scale;
			scale /= 10;
		}
	}
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i == n && q <= 1000 ? q : -1;
}

static const char *lang_of_accept(const char *s)
{
	const char *best = NULL;
	int best_q = 0;

	while (*s) {
		size_t n = strcspn(s, ","), t, b = 0;
		const char *lang;
		int q;

		while (b < n && (s[b] == ' ' || s[b] == '\t'))
			b++;
		t = b;
		while (t < n && s[t] != ';' && s[t] != ' ' && s[t] != '\t')
			t++;
		lang = t - b == 1 && s[b] == '*' ? I18N_DEFAULT_LANG : lang_of_tag(s + b, t - b);
		while (t < n && (s[t] == ' ' || s[t] == '\t'))
			t++;
		q = t < n && s[t] == ';' ? accept_q(s + t + 1, n - t - 1) : t == n ? 1000 : -1;
		if (lang && q > best_q) {
			best = lang;
			best_q = q;
		}
		s += n;
		if (*s)
			s++;
	}
	return best;
}

const char *i18n_pick_lang(const char *query, const char *cookie, const char *accept)
{
	const char *lang = NULL;

	if (query)
		lang = lang_of_tag(query, strlen(query));
	if (!lang && cookie)
		lang = lang_of_tag(cookie, strlen(cookie));
	if (!lang && accept)
		lang = lang_of_accept(accept);
	return lang ? lang : I18N_DEFAULT_LANG;
}
