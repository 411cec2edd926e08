/*
 * Staged import and export of person lists (the states and rules are in
 * app/import.h). Staging streams the file in chunks of rows: each row is
 * prepared (checked, its data encoded), then matched and stored as an
 * import_row inside one transaction with the batch, so a file that turns
 * out unreadable half-way leaves no batch. Commit reads the batch's new and
 * update rows back in pages, re-validates them against today's registry
 * (something may have changed since staging) and writes them in one
 * transaction: updates each with its audit entry, new people in chunks of
 * 5,000 with one audit entry per chunk (naming the rows, the people and a
 * hash over the rows, so the entry vouches for the import_row data that
 * keeps each person's cells). A run (app_import_stage_commit) does both in
 * one pass and one transaction.
 *
 * Large loads are bulk loads (docs/decisions.md 40 and 47): a second thread
 * prepares the rows while this one writes them, a bigger page cache (and
 * from the command line a rollback journal), the name index filled in its
 * own order at the end (store/person.h), and into a register smaller than
 * the load the person table's indexes built after the rows.
 *
 * Invariants: nothing here writes the person table except the commit paths
 * (app_import_commit and a run); a staged row's data holds the cells of the
 * columns the file has, by import column number, so commit needs no header;
 * only the writing thread uses the database.
 */
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include "app/import.h"
#include "app/person.h"
#include "core/geo.h"
#include "core/thid.h"
#include "core/thtext.h"
#include "lib/arena.h"
#include "lib/csv.h"
#include "lib/log.h"
#include "lib/sheet.h"
#include "lib/textenc.h"
#include "lib/xlsx.h"
#include "store/geo.h"
#include "store/person.h"

#define BATCH_KIND "persons"

/* From this many new people (rows of a file) on, a load is a bulk load. */
#define IMPORT_BULK_ROWS 1000

/* ---- a small string-keyed map (national IDs, area codes) ---- */

struct smap_slot {
	char key[16];
	int64_t val;
	bool used;
};

struct smap {
	struct smap_slot *slots; /* owned; cap is a power of two */
	size_t cap, n;
};

static uint64_t smap_hash(const char *k)
{
	uint64_t h = 1469598103934665603ULL;

	while (*k)
		h = (h ^ (unsigned char)*k++) * 1099511628211ULL;
	return h;
}

static struct smap_slot *smap_slot(struct smap *m, const char *k)
{
	size_t i = (size_t)smap_hash(k) & (m->cap - 1);

	while (m->slots[i].used && strcmp(m->slots[i].key, k))
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static int64_t *smap_get(struct smap *m, const char *k)
{
	struct smap_slot *s;

	if (!m->cap)
		return NULL;
	s = smap_slot(m, k);
	return s->used ? &s->val : NULL;
}

/* Makes room for n keys in all (a file's IDs, known from its size: no rehashing). */
static void smap_reserve(struct smap *m, size_t n)
{
	struct smap old = *m;
	size_t cap = 256, i;

	while (cap < 2 * n)
		cap *= 2;
	if (cap <= m->cap)
		return;
	m->cap = cap;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < old.cap; i++)
		if (old.slots[i].used)
			*smap_slot(m, old.slots[i].key) = old.slots[i];
	free(old.slots);
}

/*
 * The slot of k, taken for it when k is new (*added says which): one probe
 * for "seen before? if not, remember" on a map of a million IDs.
 */
static struct smap_slot *smap_take(struct smap *m, const char *k, bool *added)
{
	struct smap_slot *s;

	if (2 * (m->n + 1) > m->cap)
		smap_reserve(m, m->cap ? m->cap : 128);
	s = smap_slot(m, k);
	*added = !s->used;
	if (*added) {
		snprintf(s->key, sizeof(s->key), "%s", k);
		s->used = true;
		m->n++;
	}
	return s;
}

static void smap_put(struct smap *m, const char *k, int64_t v)
{
	bool added;

	smap_take(m, k, &added)->val = v;
}

static void smap_release(struct smap *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

/* ---- rows as cells ---- */

/* One row's cells by import column: NULL when the file has no such column. */
struct cells {
	const char *v[ICOL_COUNT];
};

static bool blank(const char *s)
{
	return !s || !*s;
}

/* The cell when it has text, else NULL. */
static const char *given(const struct cells *c, enum import_col k)
{
	return blank(c->v[k]) ? NULL : c->v[k];
}

static void cells_to_in(const struct cells *c, struct person_in *in)
{
	memset(in, 0, sizeof(*in));
	in->national_id = c->v[ICOL_NATIONAL_ID];
	in->title = c->v[ICOL_TITLE];
	in->given_name = c->v[ICOL_GIVEN_NAME];
	in->family_name = c->v[ICOL_FAMILY_NAME];
	in->given_name_latin = c->v[ICOL_GIVEN_NAME_LATIN];
	in->family_name_latin = c->v[ICOL_FAMILY_NAME_LATIN];
	in->sex = c->v[ICOL_SEX];
	in->birth_date = c->v[ICOL_BIRTH_DATE];
	in->nationality = c->v[ICOL_NATIONALITY];
	in->reg_status = c->v[ICOL_REG_STATUS];
	in->area = c->v[ICOL_AREA];
	in->house_no = c->v[ICOL_HOUSE_NO];
	in->phone = c->v[ICOL_PHONE];
}

/* Text forms of a registered record's dates, for person_in. */
struct person_text {
	char birth[16], death[16];
};

static void date_iso(struct date d, char out[16])
{
	if (d.y)
		snprintf(out, 16, "%04d-%02d-%02d", d.y, d.m, d.d);
	else
		out[0] = '\0';
}

/* The registered record p overlaid with the row's non-empty cells. */
static void overlay_in(const struct person *p, const struct cells *c, struct person_text *t,
		       struct person_in *in)
{
	const char *v;

	date_iso(p->birth, t->birth);
	date_iso(p->death, t->death);
	memset(in, 0, sizeof(*in));
#define PICK(field, col, old) in->field = (v = given(c, col)) ? v : (old)
	PICK(national_id, ICOL_NATIONAL_ID, p->national_id);
	PICK(title, ICOL_TITLE, p->title);
	PICK(given_name, ICOL_GIVEN_NAME, p->given_name);
	PICK(family_name, ICOL_FAMILY_NAME, p->family_name);
	PICK(given_name_latin, ICOL_GIVEN_NAME_LATIN, p->given_name_latin);
	PICK(family_name_latin, ICOL_FAMILY_NAME_LATIN, p->family_name_latin);
	PICK(sex, ICOL_SEX, sex_code(p->sex));
	PICK(birth_date, ICOL_BIRTH_DATE, t->birth);
	PICK(nationality, ICOL_NATIONALITY, p->nationality);
	PICK(reg_status, ICOL_REG_STATUS, reg_status_code(p->reg_status));
	PICK(area, ICOL_AREA, p->area);
	PICK(house_no, ICOL_HOUSE_NO, p->house_no);
	PICK(phone, ICOL_PHONE, p->phone);
#undef PICK
	in->death_date = t->death;
	in->cur_area = p->cur_area;
	in->cur_house_no = p->cur_house_no;
}

static bool same_text(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* Appends to changed the column codes where a and b differ. */
static void person_diff(const struct person *a, const struct person *b, json_t *changed)
{
#define DIFF(cond, col)                                                       \
	do {                                                                  \
		if (cond)                                                     \
			json_array_append_new(changed, json_string(import_col_code(col))); \
	} while (0)
	DIFF(!same_text(a->national_id, b->national_id), ICOL_NATIONAL_ID);
	DIFF(!same_text(a->title, b->title), ICOL_TITLE);
	DIFF(!same_text(a->given_name, b->given_name), ICOL_GIVEN_NAME);
	DIFF(!same_text(a->family_name, b->family_name), ICOL_FAMILY_NAME);
	DIFF(!same_text(a->given_name_latin, b->given_name_latin), ICOL_GIVEN_NAME_LATIN);
	DIFF(!same_text(a->family_name_latin, b->family_name_latin), ICOL_FAMILY_NAME_LATIN);
	DIFF(a->sex != b->sex, ICOL_SEX);
	DIFF(date_cmp(a->birth, b->birth) != 0, ICOL_BIRTH_DATE);
	DIFF(!same_text(a->nationality, b->nationality), ICOL_NATIONALITY);
	DIFF(a->reg_status != b->reg_status, ICOL_REG_STATUS);
	DIFF(!same_text(a->area, b->area), ICOL_AREA);
	DIFF(!same_text(a->house_no, b->house_no), ICOL_HOUSE_NO);
	DIFF(!same_text(a->phone, b->phone), ICOL_PHONE);
#undef DIFF
}

/* The audit form of a record (no needs: those are listed by kind). */
static json_t *person_json(const struct person *p)
{
	char birth[16];

	date_iso(p->birth, birth);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
			 "national_id", p->national_id, "title", p->title ? p->title : "",
			 "given_name", p->given_name ? p->given_name : "", "family_name",
			 p->family_name ? p->family_name : "", "given_name_latin",
			 p->given_name_latin ? p->given_name_latin : "", "family_name_latin",
			 p->family_name_latin ? p->family_name_latin : "", "sex", sex_code(p->sex),
			 "birth_date", birth, "nationality", p->nationality, "reg_status",
			 reg_status_code(p->reg_status), "area", p->area, "house_no",
			 p->house_no ? p->house_no : "", "phone", p->phone ? p->phone : "");
}

static char *dump(json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);

	json_decref(j);
	return s;
}

/* ---- needs columns ---- */

/* The needs a row asks for. */
struct row_needs {
	bool disability, welfare_card;
	struct need dis;       /* when disability */
};

static void row_needs_release(struct row_needs *n)
{
	need_release(&n->dis);
	memset(n, 0, sizeof(*n));
}

static const char *error_column(const char *field)
{
	if (!strcmp(field, "card_no"))
		return import_col_code(ICOL_DISABILITY_CARD_NO);
	return field;
}

static void add_error(json_t *errs, const char *column, const struct err *e)
{
	json_array_append_new(errs, json_pack("{s:s, s:s, s:s}", "column", error_column(column),
					      "message_th", e->th, "message_en", e->en));
}

/* A disability type by code or Thai name; -1 when unknown. */
static int disability_parse_any(const char *s)
{
	int t = disability_type_parse(s);

	if (t >= 0)
		return t;
	for (t = 0; t < DIS_COUNT; t++)
		if (!strcmp(s, disability_type_name((enum disability_type)t, true)))
			return t;
	return -1;
}

/* Reads the needs cells into *n; problems go to errs. */
static void read_needs(const struct cells *c, const char *today, struct date d,
		       struct row_needs *n, json_t *errs)
{
	const char *type = given(c, ICOL_DISABILITY_TYPE), *card = given(c, ICOL_DISABILITY_CARD_NO);
	const char *wc = c->v[ICOL_WELFARE_CARD];
	struct err e;
	int v;

	err_init(&e);
	memset(n, 0, sizeof(*n));
	if (type || card) {
		struct need_in in = { 0 };

		v = type ? disability_parse_any(type) : DIS_UNKNOWN;
		if (v < 0) {
			err_set(&e, ERR_INVALID, "disability_type",
				"ประเภทความพิการ '%.40s' ไม่ถูกต้อง", "unknown disability type '%.40s'",
				type);
			add_error(errs, "disability_type", &e);
		} else {
			in.kind = "disability";
			in.observed_on = today;
			in.source = "import";
			in.disability_type = disability_type_code((enum disability_type)v);
			in.card_no = card;
			if (need_validate(&in, d, &n->dis, &e))
				add_error(errs, e.field, &e);
			else
				n->disability = true;
		}
	}
	if (wc) {
		v = import_yes_no(wc);
		if (v < 0) {
			err_set(&e, ERR_INVALID, "welfare_card",
				"บัตรสวัสดิการแห่งรัฐต้องเป็น ใช่/ไม่ใช่ (yes/no): '%.20s'",
				"welfare_card must be yes or no: '%.20s'", wc);
			add_error(errs, "welfare_card", &e);
		}
		n->welfare_card = v == 1;
	}
}

/* The needs of n that person_id does not have active on d, as a bit set. */
static int missing_needs(struct db *db, int64_t person_id, const struct row_needs *n,
			 struct date d, unsigned *missing, struct err *e)
{
	struct need_list l = NEED_LIST_INIT;
	unsigned have = 0;
	size_t i;
	int r;

	*missing = 0;
	if (!n->disability && !n->welfare_card)
		return 0;
	if (person_id && (r = need_list_of(db, person_id, &l, e)))
		return r;
	for (i = 0; i < l.n; i++)
		if (need_active(&l.items[i], d))
			have |= 1u << l.items[i].kind;
	need_list_release(&l);
	if (n->disability && !(have & (1u << NEED_DISABILITY)))
		*missing |= 1u << NEED_DISABILITY;
	if (n->welfare_card && !(have & (1u << NEED_WELFARE_CARD)))
		*missing |= 1u << NEED_WELFARE_CARD;
	return 0;
}

/* ---- a staged row's data ---- */

/*
 * A staged row is stored as {"cells":[...],"changed":[code,...]}: the cells
 * of the columns the file has, each at its import column's number (enum
 * import_col; the numbers are stored, so new columns only ever go at the
 * end), null for a column the file does not have (trailing ones left out),
 * and for an update the codes of the columns that differ. That is half the
 * size of the object keyed by column code that earlier versions wrote,
 * which is still read, as is any other spelling of either shape (through
 * jansson). Staging and commit handle a row each, so the text is written
 * and read here directly (ten times faster than building and parsing it
 * with jansson).
 */

/* Appends s as a JSON string: quotes, backslashes and control characters escaped. */
static void put_json_str(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s;

	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		buf_add(b, run, (size_t)(s - run));
		run = s + 1;
		switch (ch) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default:
			buf_puts(b, "\\u00");
			buf_putc(b, hex[ch >> 4]);
			buf_putc(b, hex[ch & 15]);
			break;
		}
	}
	buf_add(b, run, (size_t)(s - run));
	buf_putc(b, '"');
}

/* Appends the data of a staged row to b; changed is a JSON list of codes (NULL: none). */
static void row_data_put(struct buf *b, const struct cells *c, json_t *changed)
{
	int k, last = -1;
	size_t i;

	for (k = 0; k < ICOL_COUNT; k++)
		if (c->v[k])
			last = k;
	buf_puts(b, "{\"cells\":[");
	for (k = 0; k <= last; k++) {
		if (k)
			buf_putc(b, ',');
		if (c->v[k])
			put_json_str(b, c->v[k]);
		else
			buf_puts(b, "null");
	}
	buf_puts(b, "],\"changed\":[");
	for (i = 0; i < json_array_size(changed); i++) {
		if (i)
			buf_putc(b, ',');
		put_json_str(b, json_string_value(json_array_get(changed, i)));
	}
	buf_puts(b, "]}");
}

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

static int hex4(const char *s, unsigned *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		char ch = s[i];

		*v <<= 4;
		if (ch >= '0' && ch <= '9')
			*v |= (unsigned)(ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			*v |= (unsigned)(ch - 'a' + 10);
		else if (ch >= 'A' && ch <= 'F')
			*v |= (unsigned)(ch - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

/*
 * Reads the JSON string at *s (at its opening quote) into out, NUL-terminated,
 * and moves *s past it. -1 on anything but a well-formed string.
 */
static int get_json_str(const char **s, struct buf *out)
{
	const char *p = *s + 1;

	if (**s != '"')
		return -1;
	for (;;) {
		const char *run = p;
		unsigned v, lo;

		while (*p && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
			p++;
		buf_add(out, run, (size_t)(p - run));
		if (*p == '"')
			break;
		if (*p != '\\')
			return -1;
		p++;
		switch (*p++) {
		case '"': buf_putc(out, '"'); break;
		case '\\': buf_putc(out, '\\'); break;
		case '/': buf_putc(out, '/'); break;
		case 'b': buf_putc(out, '\b'); break;
		case 'f': buf_putc(out, '\f'); break;
		case 'n': buf_putc(out, '\n'); break;
		case 'r': buf_putc(out, '\r'); break;
		case 't': buf_putc(out, '\t'); break;
		case 'u':
			if (hex4(p, &v))
				return -1;
			p += 4;
			if (v >= 0xD800 && v < 0xDC00) {
				if (p[0] != '\\' || p[1] != 'u' || hex4(p + 2, &lo) || lo < 0xDC00 ||
				    lo > 0xDFFF)
					return -1;
				p += 6;
				v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
			} else if (v >= 0xDC00 && v < 0xE000) {
				return -1;
			}
			if (!v || thtext_utf8_put(out, v))
				return -1;
			break;
		default:
			return -1;
		}
	}
	buf_putc(out, '\0');
	*s = p + 1;
	return 0;
}

/* The import column a code names, or ICOL_COUNT. */
static int col_of_code(const char *code)
{
	int k;

	for (k = 0; k < ICOL_COUNT; k++)
		if (!strcmp(code, import_col_code((enum import_col)k)))
			return k;
	return ICOL_COUNT;
}

/*
 * The fast path of row_cells: the "cells" member first, as row_data_put
 * (a list) or earlier versions (an object by code) wrote it. The strings go
 * to store (emptied first); -1 when the text has another shape.
 */
static int parse_cells(const char *data, struct buf *store, struct cells *c)
{
	size_t off[ICOL_COUNT], at;
	const char *s = skip_ws(data);
	bool have[ICOL_COUNT] = { false }, list;
	int k = 0;

	buf_reset(store);
	if (*s != '{')
		return -1;
	s = skip_ws(s + 1);
	if (get_json_str(&s, store) || strcmp(store->ptr, "cells"))
		return -1;
	buf_reset(store);
	s = skip_ws(s);
	if (*s != ':')
		return -1;
	s = skip_ws(s + 1);
	if (*s != '{' && *s != '[')
		return -1;
	list = *s == '[';
	s = skip_ws(s + 1);
	while (*s != (list ? ']' : '}')) {
		if (!list) {
			at = store->len;
			if (get_json_str(&s, store))
				return -1;
			k = col_of_code(store->ptr + at);
			buf_truncate(store, at);
			s = skip_ws(s);
			if (*s != ':')
				return -1;
			s = skip_ws(s + 1);
		}
		at = store->len;
		if (list && !strncmp(s, "null", 4)) {
			s += 4;
		} else {
			if (get_json_str(&s, store))
				return -1;
			if (k < ICOL_COUNT) {
				off[k] = at;
				have[k] = true;
			} else {
				buf_truncate(store, at); /* a column this version does not know */
			}
		}
		k++;
		s = skip_ws(s);
		if (*s == ',')
			s = skip_ws(s + 1);
		else if (*s != (list ? ']' : '}'))
			return -1;
	}
	for (k = 0; k < ICOL_COUNT; k++)
		c->v[k] = have[k] ? store->ptr + off[k] : NULL;
	return 0;
}

/* ',' unless the header line has more ';' or tabs (Excel in some locales). */
static char sniff_delim(const char *s, size_t n)
{
	size_t i, comma = 0, semi = 0, tab = 0;
	bool q = false;

	for (i = 0; i < n && s[i] != '\n' && s[i] != '\r'; i++) {
		if (s[i] == '"')
			q = !q;
		else if (!q && s[i] == ',')
			comma++;
		else if (!q && s[i] == ';')
			semi++;
		else if (!q && s[i] == '\t')
			tab++;
	}
	if (tab > comma && tab >= semi)
		return '\t';
	if (semi > comma)
		return ';';
	return ',';
}

/* A copy of s[0..n) without surrounding white space, in arena. */
static const char *trimmed(struct arena *ar, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return arena_strndup(ar, s, n);
}

static bool is_xlsx(const void *bytes, size_t len, const char *name)
{
	size_t nl = name ? strlen(name) : 0;

	if (len >= 4 && !memcmp(bytes, "PK\x03\x04", 4))
		return true;
	return nl > 5 && !strcasecmp(name + nl - 5, ".xlsx");
}

/* The text of a CSV file as UTF-8, and its encoding's name. */
/*
 * The first worksheet of an .xlsx workbook as CSV text, so both kinds of
 * file go through one staging path. A row the sheet skips (empty) becomes an
 * empty line, so the report's row numbers are the sheet's own.
 */
static int xlsx_text(const void *bytes, size_t len, struct buf *text, struct err *e)
{
	static const struct slice none = { "", 0 };
	struct slice *fields = NULL;
	struct xlsx *x = NULL;
	struct xlsx_row row;
	unsigned long next = 1;
	size_t cap = 0, i;
	int r;

	if ((r = xlsx_open_mem(bytes, len, NULL, &x, e)))
		return r;
	while ((r = xlsx_next_row(x, &row, e)) == XLSX_ROW) {
		for (; next < row.row; next++)
			csv_write_row(text, &none, 1, ',');
		ALLOC_GROW(fields, row.n, cap);
		for (i = 0; i < row.n; i++)
			fields[i] = row.cells[i].text;
		if (csv_write_row(text, fields, row.n, ',')) {
			r = err_set(e, ERR_TOO_LARGE, "file", "แฟ้มใหญ่เกิน %zu ไบต์",
				    "the file is larger than %zu bytes", IMPORT_MAX_BYTES);
			break;
		}
		next = row.row + 1;
	}
	free(fields);
	xlsx_free(x);
	return r < 0 ? r : 0;
}

/*
 * The file as UTF-8 text in *text: .xlsx read as above, text detected as
 * UTF-8 (used as it is: the detection checked every byte) or TIS-620/CP874
 * and converted into conv (lib/textenc); anything else is refused.
 */
static int file_text(const void *bytes, size_t len, const char *file_name, struct buf *conv,
		     struct slice *text, const char **encoding, struct err *e)
{
	enum textenc enc;
	int r;

	buf_init(conv, IMPORT_MAX_BYTES * 2);
	if (is_xlsx(bytes, len, file_name)) {
		*encoding = "xlsx";
		r = xlsx_text(bytes, len, conv, e);
		*text = (struct slice){ conv->ptr, conv->len };
		return r;
	}
	enc = textenc_detect(bytes, len);
	if (enc == TEXTENC_UNKNOWN)
		return err_set(e, ERR_INVALID, "file",
			       "แฟ้มไม่ใช่ข้อความ UTF-8 หรือ TIS-620 (หรืออาจเป็นแฟ้มชนิดอื่น)%s",
			       "the file is not UTF-8 or TIS-620 text (it may be another kind of file)%s",
			       "");
	if (enc == TEXTENC_UTF8) {
		*encoding = "utf-8";
		*text = (struct slice){ bytes, len }; /* a byte order mark is the CSV reader's */
		return 0;
	}
	*encoding = enc == TEXTENC_TIS620 ? "tis-620" : "windows-874";
	r = textenc_to_utf8(enc, bytes, len, IMPORT_MAX_BYTES * 2, conv, e);
	*text = (struct slice){ conv->ptr, conv->len };
	return r;
}

/* ---- staging ---- */

/*
 * Staging runs in two halves. Preparing a row needs no database: its cells
 * are cut from the CSV and checked (core/person, the area exists and lies in
 * the importer's scope, the needs columns, national IDs repeated in the
 * file), and its data is encoded; in a bulk load into SQLite, the name's
 * sort key is made for the name index too. Writing it matches the row
 * against the register, classifies it and stores it (and, in a run, its
 * person). Rows are prepared CHUNK_ROWS at a time. In a bulk load a second
 * thread prepares chunks while this one writes them, with at most
 * FEED_DEPTH chunks waiting between the two; otherwise the writer prepares
 * each chunk itself. The outcome is the same either way: rows are prepared
 * in file order, by one preparer, which alone keeps what depends on earlier
 * rows (repeated IDs).
 *
 *   preparer:  csv -> cells -> checks -> data [-> sort key]  --chunk-->  queue
 *   writer:    queue --> match, classify --> import_row [-> person, needs, audit]
 *
 * Areas: the preparing thread has no connection, so the writer reads every
 * area code for it before it starts; a writer preparing its own rows looks
 * their areas up (with a cache).
 */

#define CHUNK_ROWS 1024
#define FEED_DEPTH 4

struct run;

struct stage {
	struct app *app;
	struct db *db;
	const struct actor *a;
	enum import_policy policy;
	struct date today;
	char today_iso[16];
	struct smap areas;       /* area code -> 1 known, 2 unknown */
	struct arena keys;       /* the name index's keys of a bulk run (made by the preparer) */
	struct import_counts n;
	struct run *run;         /* committing while staging (app_import_stage_commit), or NULL */
	struct load_clock *clock; /* where a bulk load's time goes, or NULL */
};

/*
 * Where a bulk load's time goes, by step: CPU seconds of the writer's
 * thread (so a busy machine distorts them less) and wall-clock seconds
 * (which also count waiting for the disk), and the preparer's CPU seconds
 * in its own thread. Logged at debug level (SAWAT_DEBUG=1) as "step
 * cpu/wall ...", which is how bench/import.sh reports its breakdown.
 */
enum load_step {
	STEP_TEXT,               /* the file as UTF-8 text, its hash */
	STEP_WAIT,               /* the writer waiting for prepared rows */
	STEP_MATCH,              /* matching and classifying rows */
	STEP_ROWS,               /* writing import rows */
	STEP_PEOPLE,             /* writing people and needs, audit entries */
	STEP_INDEXES,            /* building the person table's indexes */
	STEP_SEARCH,             /* the name index */
	STEP_COMMIT,             /* the commit */
	STEP_PREP,               /* (the preparer) */
	STEP_COUNT
};

static const char *const step_names[STEP_COUNT] = {
	"text", "wait", "match", "import_rows", "people", "indexes", "name_index", "commit",
	"prepare",
};

struct load_clock {
	double cpu[STEP_COUNT], wall[STEP_COUNT];
};

/* A moment: this thread's CPU time and the monotonic clock, in seconds. */
struct load_mark {
	double cpu, wall;
};

static struct load_mark clock_mark(void)
{
	struct timespec c, w;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c);
	clock_gettime(CLOCK_MONOTONIC, &w);
	return (struct load_mark){ (double)c.tv_sec + (double)c.tv_nsec / 1e9,
				   (double)w.tv_sec + (double)w.tv_nsec / 1e9 };
}

/* Adds the time since *m to step k and restarts *m (without a clock: nothing). */
static void clock_lap(struct load_clock *c, enum load_step k, struct load_mark *m)
{
	struct load_mark t;

	if (!c)
		return;
	t = clock_mark();
	c->cpu[k] += t.cpu - m->cpu;
	c->wall[k] += t.wall - m->wall;
	*m = t;
}

static void clock_log(const struct load_clock *c, const struct import_counts *n, double wall)
{
	char line[512];
	size_t len = 0;
	int k;

	for (k = 0; k < STEP_COUNT && len < sizeof(line); k++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, " %s %.2f/%.2f",
					step_names[k], c->cpu[k], c->wall[k]);
	log_msg(LOG_DEBUG, "import: %lld rows, seconds (cpu/wall):%s total %.2f", (long long)n->total,
		line, wall);
}

/* Committing while staging: see app_import_stage_commit. */
struct prow;
static int64_t run_match_below(const struct stage *s);
static int run_row(struct stage *s, const struct prow *w, struct import_row *out,
		   struct err *e);
static int run_flush(struct stage *s, struct err *e);

static int area_known(struct stage *s, const char *code, bool *known, struct err *e)
{
	int64_t *v = smap_get(&s->areas, code);
	struct geo_area g;
	int r;

	if (v) {
		*known = *v == 1;
		return 0;
	}
	memset(&g, 0, sizeof(g));
	r = geo_area_get(s->db, code, &g, e);
	geo_area_release(&g);
	if (r && r != ERR_NOT_FOUND)
		return r;
	*known = r == 0;
	smap_put(&s->areas, code, *known ? 1 : 2);
	return 0;
}

/*
 * Finds the registered person a valid row is about: *id, or 0 for a new
 * person. Problems that make the row an error go to errs.
 */
static int match_row(struct stage *s, const struct person *p, int64_t *id, json_t *errs,
		     struct err *e)
{
	char tambon[GEO_CODE_SIZE];
	int64_t ids[2], by_id = 0, below;
	struct err re;
	size_t n;
	int r;

	err_init(&re);
	*id = 0;
	/* Committing into an empty register (below 1) finds nobody: no lookups. */
	below = run_match_below(s);
	if (below != 1 && p->national_id[0] &&
	    (r = person_id_by_national_id(s->db, p->national_id, &by_id, e)))
		return r;
	if (s->policy == IMPORT_BY_NATIONAL_ID && by_id) {
		*id = by_id;
		return 0;
	}
	if (!p->birth.y) {
		err_set(&re, ERR_INVALID, "birth_date",
			"ต้องมีวันเกิดเพื่อจับคู่กับทะเบียนด้วยชื่อ วันเกิด และตำบล%s",
			"a birth date is needed to match the row by name, birth date and tambon%s",
			p->national_id[0] ? "" : " (the row has no national ID)");
		add_error(errs, "birth_date", &re);
		return 0;
	}
	if (below == 1)
		return 0;
	geo_code_at_level(p->area, GEO_TAMBON, tambon);
	if ((r = person_ids_by_name_birth(s->db, p->name_key, p->birth, tambon, below, ids, 2, &n,
					  e)))
		return r;
	if (n > 1) {
		err_set(&re, ERR_INVALID, "given_name",
			"ตรงกับผู้ลงทะเบียนมากกว่าหนึ่งคน (รหัส %lld และ %lld): ตรวจสอบรายการซ้ำก่อน",
			"matches more than one registered person (ids %lld and %lld): review the duplicates first",
			(long long)ids[0], (long long)ids[1]);
		add_error(errs, "given_name", &re);
		return 0;
	}
	if (n == 1)
		*id = ids[0];
	if (by_id && by_id != *id) {
		err_set(&re, ERR_INVALID, "national_id",
			"เลขประจำตัวประชาชนนี้เป็นของผู้ลงทะเบียนรหัส %lld ซึ่งชื่อหรือวันเกิดไม่ตรงกัน",
			"this national ID belongs to registered person %lld, whose name or birth date differs",
			(long long)by_id);
		add_error(errs, "national_id", &re);
		*id = 0;
	}
	return 0;
}

/*
 * One row, prepared. Its texts live in its chunk's arena (keys: in the
 * stage's). Whether its area exists is the writer's question (it has the
 * database): the preparer leaves it open, with where its answer goes among
 * the row's problems.
 */
struct prow {
	int64_t row_no;
	struct cells c;
	struct person p;         /* when person_validate passed (borrowed: never released) */
	struct row_needs needs;
	json_t *errs;            /* the row's problems (owned), NULL when none */
	bool check_area;         /* p is valid: its area is still to be checked */
	size_t area_at;          /* where in errs a problem with the area goes */
	const char *data;        /* the row's data as stored when nothing changes */
	const char *key;         /* the name's sort key (name index; bulk runs on SQLite) */
	size_t key_len;
	const char *name_key;    /* p.name_key, kept with key */
};

/* Rows prepared together; the writer owns a chunk, arena and all, once it has it. */
struct chunk {
	struct prow *rows;       /* CHUNK_ROWS, n used */
	size_t n;
	struct arena ar;
	int r;                   /* reading the file failed after these rows, as e says */
	struct err e;
	bool last;               /* nothing follows */
};

static struct chunk *chunk_new(void)
{
	struct chunk *ch = xcalloc(1, sizeof(*ch));

	ch->rows = xmalloc(CHUNK_ROWS * sizeof(*ch->rows));
	arena_init(&ch->ar);
	err_init(&ch->e);
	return ch;
}

static void chunk_free(struct chunk *ch)
{
	size_t i;

	if (!ch)
		return;
	for (i = 0; i < ch->n; i++)
		json_decref(ch->rows[i].errs);
	arena_release(&ch->ar);
	free(ch->rows);
	free(ch);
}

/* Moves p's strings into ar: p then borrows them, and is never released. */
static void person_to_arena(struct person *p, struct arena *ar)
{
	char **f[] = { &p->title, &p->given_name, &p->family_name, &p->given_name_latin,
		       &p->family_name_latin, &p->name_key, &p->house_no, &p->cur_house_no,
		       &p->phone };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(f); i++) {
		char *v = *f[i];

		*f[i] = v ? arena_strdup(ar, v) : NULL;
		free(v);
	}
}

/* What preparing rows needs: settings (read only) and the preparer's own state. */
struct prep {
	const struct import_map *map;
	const struct actor *a;
	struct date today;
	const char *today_iso;
	struct csv *csv;
	struct smap ids;         /* national ID -> first row with it */
	struct arena *keys;      /* where the name index's keys go; NULL: none made */
	struct thtext_collator coll;
	struct buf tmp;
	struct load_clock busy;  /* time spent preparing (timed loads: STEP_PREP) */
	bool timed;
};

/* The sort key (thtext_name_sort_key, as th_sort_key makes it) and the name key of w. */
static int prep_keys(struct prep *pp, struct prow *w, struct err *e)
{
	const char *g = w->p.given_name ? w->p.given_name : "";
	const char *f = w->p.family_name ? w->p.family_name : "";
	char *k;
	int r;

	buf_reset(&pp->tmp);
	if ((r = thtext_name_sort_key(&pp->coll, g, strlen(g), f, strlen(f), &pp->tmp, e)))
		return r;
	k = arena_alloc(pp->keys, pp->tmp.len + 1);
	memcpy(k, pp->tmp.ptr, pp->tmp.len);
	w->key = k;
	w->key_len = pp->tmp.len;
	w->name_key = arena_strdup(pp->keys, w->p.name_key ? w->p.name_key : "");
	return 0;
}

/*
 * Prepares one CSV row into ch (a blank row is skipped). Bad rows are not a
 * failure: their problems are in the row. Fails only when ICU does.
 */
static int prep_row(struct prep *pp, struct chunk *ch, const struct csv_row *row, struct err *e)
{
	const struct import_map *map = pp->map;
	struct prow *w = &ch->rows[ch->n];
	struct person_in in;
	struct thid id;
	struct err re;
	json_t *errs;
	struct smap_slot *seen;
	bool any = false;
	size_t i;
	int k, r;

	memset(w, 0, sizeof(*w));
	for (k = 0; k < ICOL_COUNT; k++)
		w->c.v[k] = map->col_of[k] >= 0 ? "" : NULL;
	for (i = 0; i < row->n && i < map->ncols; i++) {
		if (map->cols[i] == ICOL_NONE)
			continue;
		w->c.v[map->cols[i]] = trimmed(&ch->ar, row->fields[i].ptr, row->fields[i].len);
		if (*w->c.v[map->cols[i]])
			any = true;
	}
	if (!any)
		return 0; /* a blank line in the sheet */
	ch->n++;
	w->row_no = (int64_t)row->row;
	person_init(&w->p);
	err_init(&re);
	errs = json_array();

	/* Duplicates inside the file, by national ID (only well-formed ones). */
	if (given(&w->c, ICOL_NATIONAL_ID) &&
	    !thid_parse(w->c.v[ICOL_NATIONAL_ID], &id, "national_id", NULL)) {
		bool added;

		seen = smap_take(&pp->ids, id.digits, &added);
		if (added) {
			seen->val = w->row_no;
		} else {
			err_set(&re, ERR_INVALID, "national_id",
				"เลขประจำตัวประชาชน %s ซ้ำกับแถว %lld ในแฟ้มเดียวกัน",
				"national ID %s repeats row %lld of the same file", id.digits,
				(long long)seen->val);
			add_error(errs, "national_id", &re);
		}
	}
	cells_to_in(&w->c, &in);
	if (person_validate(&in, pp->today, &w->p, &re)) {
		add_error(errs, re.field[0] ? re.field : "", &re);
	} else {
		w->check_area = true;
		w->area_at = json_array_size(errs);
	}
	read_needs(&w->c, pp->today_iso, pp->today, &w->needs, errs);
	if (json_array_size(errs))
		w->errs = errs;
	else
		json_decref(errs);
	buf_reset(&pp->tmp);
	row_data_put(&pp->tmp, &w->c, NULL);
	w->data = arena_strndup(&ch->ar, pp->tmp.ptr, pp->tmp.len);
	if (w->check_area) {
		person_to_arena(&w->p, &ch->ar);
		if (pp->keys && (r = prep_keys(pp, w, e)))
			return r;
	}
	return 0;
}

/* Prepares the next CHUNK_ROWS rows into ch; ch->last at the end of the file or an error. */
static void prep_chunk(struct prep *pp, struct chunk *ch)
{
	struct load_mark t0 = clock_mark();
	struct csv_row row;
	int r;

	while (ch->n < CHUNK_ROWS && !ch->last) {
		r = csv_next(pp->csv, &row, &ch->e);
		if (r == CSV_ROW)
			r = prep_row(pp, ch, &row, &ch->e);
		else if (r == CSV_END)
			ch->last = true;
		if (r < 0) {
			ch->r = r;
			ch->last = true;
		}
	}
	clock_lap(pp->timed ? &pp->busy : NULL, STEP_PREP, &t0);
}

/* The prepared rows, from a second thread or from the writer itself. */
struct feed {
	struct prep pp;
	bool threaded, started;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct chunk *q[FEED_DEPTH]; /* waiting chunks, from head on */
	size_t head, count;
	bool stop;               /* the writer wants no more */
	bool ended;              /* the preparer has put its last chunk */
	bool last_taken;         /* the writer has the chunk that ends the file */
};

static void *feed_main(void *arg)
{
	struct feed *f = arg;
	bool last = false;

	while (!last) {
		struct chunk *ch = chunk_new();

		prep_chunk(&f->pp, ch);
		last = ch->last;
		pthread_mutex_lock(&f->mu);
		while (f->count == FEED_DEPTH && !f->stop)
			pthread_cond_wait(&f->cv, &f->mu);
		if (f->stop) {
			pthread_mutex_unlock(&f->mu);
			chunk_free(ch);
			break;
		}
		f->q[(f->head + f->count) % FEED_DEPTH] = ch;
		f->count++;
		pthread_cond_broadcast(&f->cv);
		pthread_mutex_unlock(&f->mu);
	}
	pthread_mutex_lock(&f->mu);
	f->ended = true;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

/*
 * Starts preparing csv's rows (the header read; about rows of them): in a
 * thread when threaded, keys for the name index when keys.
 */
static int feed_start(struct feed *f, struct stage *s, struct csv *csv,
		      const struct import_map *map, size_t rows, bool threaded,
		      struct arena *keys, struct err *e)
{
	int r;

	memset(f, 0, sizeof(*f));
	if (threaded)
		smap_reserve(&f->pp.ids, rows);
	f->pp.map = map;
	f->pp.a = s->a;
	f->pp.today = s->today;
	f->pp.today_iso = s->today_iso;
	f->pp.csv = csv;
	f->pp.keys = keys;
	f->pp.timed = s->clock != NULL;
	buf_init(&f->pp.tmp, 0);
	if (keys && (r = thtext_collator_open(&f->pp.coll, e)))
		return r;
	f->threaded = threaded;
	if (!threaded)
		return 0;
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->cv, NULL);
	if (pthread_create(&f->th, NULL, feed_main, f)) {
		pthread_mutex_destroy(&f->mu);
		pthread_cond_destroy(&f->cv);
		f->threaded = false; /* prepare here instead */
		return 0;
	}
	f->started = true;
	return 0;
}

/* The next prepared chunk (the caller frees it), or NULL after the last. */
static struct chunk *feed_next(struct feed *f)
{
	struct chunk *ch = NULL;

	if (f->last_taken)
		return NULL;
	if (!f->threaded) {
		ch = chunk_new();
		prep_chunk(&f->pp, ch);
	} else {
		pthread_mutex_lock(&f->mu);
		while (!f->count && !f->ended)
			pthread_cond_wait(&f->cv, &f->mu);
		if (f->count) {
			ch = f->q[f->head];
			f->head = (f->head + 1) % FEED_DEPTH;
			f->count--;
			pthread_cond_broadcast(&f->cv);
		}
		pthread_mutex_unlock(&f->mu);
		if (!ch)
			return NULL;
	}
	if (ch->last)
		f->last_taken = true;
	return ch;
}

/* Stops the preparer (wherever it is) and frees what it left. */
static void feed_stop(struct feed *f)
{
	if (f->started) {
		pthread_mutex_lock(&f->mu);
		f->stop = true;
		pthread_cond_broadcast(&f->cv);
		pthread_mutex_unlock(&f->mu);
		pthread_join(f->th, NULL);
		while (f->count) {
			chunk_free(f->q[f->head]);
			f->head = (f->head + 1) % FEED_DEPTH;
			f->count--;
		}
		pthread_mutex_destroy(&f->mu);
		pthread_cond_destroy(&f->cv);
		f->started = false;
	}
	smap_release(&f->pp.ids);
	buf_release(&f->pp.tmp);
	thtext_collator_close(&f->pp.coll);
}

/* Adds the preparer's time (once it has stopped) to c. */
static void feed_busy(const struct feed *f, struct load_clock *c)
{
	c->cpu[STEP_PREP] += f->pp.busy.cpu[STEP_PREP];
	c->wall[STEP_PREP] += f->pp.busy.wall[STEP_PREP];
}

/*
 * Matches a prepared row, classifies it and fills out (its texts borrowed
 * from w or put in ch's arena). Fails only when the database does.
 */
static int finish_row(struct stage *s, struct chunk *ch, struct prow *w,
		      struct import_row *out, struct err *e)
{
	json_t *errs = NULL, *changed = NULL;
	struct person old, merged;
	struct person_text t;
	struct person_in in;
	struct err re;
	int64_t pid = 0, merged_into = 0;
	unsigned missing = 0;
	int r = 0;

	memset(out, 0, sizeof(*out));
	out->row_no = w->row_no;
	out->data = (char *)w->data;
	err_init(&re);
	if (w->check_area) {
		/* The area exists and lies in the importer's scope (an unknown one says only that). */
		bool known;

		if ((r = area_known(s, w->p.area, &known, e)))
			return r;
		if (!known)
			err_set(&re, ERR_INVALID, "area", "ไม่พบรหัสพื้นที่ %s", "unknown area code %s",
				w->p.area);
		else
			actor_check(s->a, PERM_WRITE, w->p.area, &re);
		if (re.code) {
			if (!w->errs)
				w->errs = json_array();
			json_array_insert_new(w->errs, w->area_at,
					      json_pack("{s:s, s:s, s:s}", "column", "area",
							"message_th", re.th, "message_en", re.en));
		}
	}
	s->n.total++;
	if (w->errs) {
		char *text = json_dumps(w->errs, JSON_COMPACT);

		snprintf(out->outcome, sizeof(out->outcome), IMPORT_ERROR);
		out->errors = arena_strdup(&ch->ar, text);
		free(text);
		s->n.error++;
		return 0;
	}
	if (run_match_below(s) == 1 && w->p.birth.y) {
		/* Committing into an empty register: a valid row with a birth date is new
		 * (what match_row would find, without its lists). */
		snprintf(out->outcome, sizeof(out->outcome), IMPORT_NEW);
		s->n.new_++;
		return 0;
	}
	person_init(&old);
	person_init(&merged);
	errs = json_array();
	changed = json_array();
	if ((r = match_row(s, &w->p, &pid, errs, e)))
		goto out;
	if (json_array_size(errs) || !pid)
		goto classify;
	if ((r = person_get(s->db, pid, &old, &merged_into, e)))
		goto out;
	if (merged_into) {
		err_set(&re, ERR_INVALID, "national_id",
			"ผู้ลงทะเบียนรหัส %lld ถูกรวมเข้ากับรหัส %lld แล้ว",
			"registered person %lld was merged into %lld", (long long)pid,
			(long long)merged_into);
		add_error(errs, "national_id", &re);
		goto classify;
	}
	if (!geo_in_scope(s->a->area, old.area)) {
		err_set(&re, ERR_FORBIDDEN, "area",
			"ผู้ลงทะเบียนรหัส %lld อยู่ในพื้นที่ %s นอกขอบเขตของท่าน (%s)",
			"registered person %lld lives in area %s, outside your scope (%s)",
			(long long)pid, old.area, s->a->area);
		add_error(errs, "area", &re);
		goto classify;
	}
	overlay_in(&old, &w->c, &t, &in);
	if (person_validate(&in, s->today, &merged, &re)) {
		add_error(errs, re.field[0] ? re.field : "", &re);
		goto classify;
	}
	person_diff(&old, &merged, changed);
	if ((r = missing_needs(s->db, pid, &w->needs, s->today, &missing, e)))
		goto out;
	if (missing & (1u << NEED_DISABILITY))
		json_array_append_new(changed, json_string("disability"));
	if (missing & (1u << NEED_WELFARE_CARD))
		json_array_append_new(changed, json_string("welfare_card"));

classify:
	if (json_array_size(errs)) {
		char *text = json_dumps(errs, JSON_COMPACT);

		snprintf(out->outcome, sizeof(out->outcome), IMPORT_ERROR);
		out->errors = arena_strdup(&ch->ar, text);
		free(text);
		s->n.error++;
	} else if (!pid) {
		snprintf(out->outcome, sizeof(out->outcome), IMPORT_NEW);
		s->n.new_++;
	} else if (json_array_size(changed)) {
		struct buf b = BUF_INIT;

		snprintf(out->outcome, sizeof(out->outcome), IMPORT_UPDATE);
		row_data_put(&b, &w->c, changed);
		out->data = arena_strndup(&ch->ar, b.ptr, b.len);
		buf_release(&b);
		s->n.update++;
	} else {
		snprintf(out->outcome, sizeof(out->outcome), IMPORT_SAME);
		s->n.same++;
	}
	out->person_id = json_array_size(errs) ? 0 : pid;
out:
	json_decref(errs);
	json_decref(changed);
	person_release(&old);
	person_release(&merged);
	return r;
}

/*
 * Writes a chunk: each row matched and classified, then the rows in
 * multi-row statements; in a run, the new people and updates too. A run
 * stops at its first error row (it will be abandoned).
 */
static int write_chunk(struct stage *s, struct chunk *ch, int64_t batch_id, struct err *e)
{
	struct import_row *rows = xcalloc(ch->n ? ch->n : 1, sizeof(*rows));
	struct load_mark t0 = clock_mark();
	size_t i, n = 0;
	int r = 0;

	for (i = 0; i < ch->n && !r; i++) {
		struct import_row *out = &rows[n++];

		r = finish_row(s, ch, &ch->rows[i], out, e);
		if (!r && s->run && s->n.error)
			break;
		if (!r && s->run)
			r = run_row(s, &ch->rows[i], out, e);
	}
	clock_lap(s->clock, STEP_MATCH, &t0);
	if (!r && !(s->run && s->n.error))
		r = import_row_insert_many(s->db, batch_id, rows, n, e);
	clock_lap(s->clock, STEP_ROWS, &t0);
	if (!r && s->run)
		r = run_flush(s, e);
	clock_lap(s->clock, STEP_PEOPLE, &t0);
	free(rows);
	return r;
}

/* Writes every row the feed prepares (a run stops at the first error row). */
static int stage_rows(struct stage *s, struct feed *f, int64_t batch_id, struct err *e)
{
	struct load_mark t0 = clock_mark();
	struct chunk *ch;
	int r = 0;

	while ((ch = feed_next(f))) {
		clock_lap(s->clock, STEP_WAIT, &t0);
		r = write_chunk(s, ch, batch_id, e);
		t0 = clock_mark();
		if (!r && ch->r) {
			r = ch->r;
			if (e)
				*e = ch->e;
		}
		chunk_free(ch);
		if (r || (s->run && s->n.error))
			break;
	}
	return r;
}

/* The file's data rows, roughly: its line breaks (for sizing a load). */
static size_t line_count(struct slice text)
{
	const char *p = text.ptr, *end = text.ptr + text.len;
	size_t n = 0;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p)))) {
		n++;
		p++;
	}
	return n;
}

/* From this many rows on, a load is a bulk load (struct app can say otherwise, for tests). */
static size_t bulk_rows(const struct app *app)
{
	return app->import_bulk_rows ? app->import_bulk_rows : IMPORT_BULK_ROWS;
}

static int run_begin(struct stage *s, struct import_batch *b, bool bulk, struct err *e);
static int run_end(struct stage *s, struct err *e);
static void run_release(struct stage *s);
static struct import_counts run_written(const struct stage *s);

/*
 * Stages a file (see app_import_stage); with commit, writes as it goes too
 * (see app_import_stage_commit) and sets *committed when it did.
 */
static int stage_batch(struct app *app, const struct actor *a, const void *bytes, size_t len,
		       const char *file_name, const char *policy, bool commit, int64_t *batch_id,
		       struct import_counts *written, bool *committed, struct err *e)
{
	struct import_map map;
	struct import_batch b;
	struct load_clock clk;
	struct stage s;
	struct feed feed;
	struct buf conv = BUF_INIT;
	struct slice text = { "", 0 };
	struct csv csv;
	struct csv_row hdr;
	struct csv_opts opts = { 0 };
	unsigned char hash[32];
	json_t *unknown = NULL;
	char now[32];
	const char *encoding = "utf-8";
	bool bulk = false, fed = false;
	struct load_mark t0 = clock_mark(), start = t0;
	size_t i, nrows = 0;
	int pol, r;

	*batch_id = 0;
	*committed = false;
	memset(&s, 0, sizeof(s));
	memset(&b, 0, sizeof(b));
	memset(&map, 0, sizeof(map));
	memset(&csv, 0, sizeof(csv));
	memset(&feed, 0, sizeof(feed));
	memset(&clk, 0, sizeof(clk));
	arena_init(&s.keys);
	if ((pol = import_policy_parse(policy)) < 0)
		return err_set(e, ERR_INVALID, "policy",
			       "นโยบายการจับคู่ '%.32s' ไม่ถูกต้อง (national_id หรือ name_birth_area)",
			       "matching policy '%.32s' is not valid (national_id or name_birth_area)",
			       policy);
	if ((r = actor_check(a, PERM_WRITE, NULL, e)))
		return r;
	if (len > IMPORT_MAX_BYTES)
		return err_set(e, ERR_TOO_LARGE, "file", "แฟ้มใหญ่เกิน %zu ไบต์",
			       "the file is larger than %zu bytes", IMPORT_MAX_BYTES);
	if ((r = file_text(bytes, len, file_name, &conv, &text, &encoding, e)))
		goto done;
	opts.delim = sniff_delim(text.ptr, text.len);
	opts.lenient = true;
	if ((r = csv_init_mem(&csv, text.ptr, text.len, &opts, e)))
		goto done;
	r = csv_next(&csv, &hdr, e);
	if (r == CSV_END) {
		r = err_set(e, ERR_INVALID, "file", "แฟ้มว่างเปล่า%s", "the file is empty%s", "");
		goto done;
	}
	if (r < 0 || (r = import_map_header(hdr.fields, hdr.n, (enum import_policy)pol, &map, e)))
		goto done;
	unknown = json_array();
	for (i = 0; i < map.nunknown; i++)
		json_array_append_new(unknown, json_stringn(hdr.fields[map.unknown[i]].ptr,
							    hdr.fields[map.unknown[i]].len));

	s.app = app;
	s.a = a;
	s.policy = (enum import_policy)pol;
	s.today = app_today(app);
	date_iso(s.today, s.today_iso);
	if (!(s.db = app_db(app, e))) {
		r = ERR_DB;
		goto done;
	}
	crypto_generichash(hash, sizeof(hash), bytes, len, NULL, 0);
	for (i = 0; i < sizeof(hash); i++)
		snprintf(b.file_hash + 2 * i, 3, "%02x", hash[i]);
	snprintf(b.kind, sizeof(b.kind), BATCH_KIND);
	b.file_name = (char *)(file_name ? file_name : "");
	snprintf(b.policy, sizeof(b.policy), "%s", import_policy_code(s.policy));
	snprintf(b.status, sizeof(b.status), "staged");
	snprintf(b.area, sizeof(b.area), "%s", a->area);
	snprintf(b.encoding, sizeof(b.encoding), "%s", encoding);
	b.unknown_columns = json_dumps(unknown, JSON_COMPACT);
	snprintf(b.created_by, sizeof(b.created_by), "%s", a->username);
	app_iso_time(app_time(app), now);
	snprintf(b.created_at, sizeof(b.created_at), "%s", now);

	/* A bulk load: its own journal when it can, rows prepared by a second thread. */
	nrows = line_count(text);
	bulk = nrows >= bulk_rows(app);
	if (bulk) {
		s.clock = &clk;
		clock_lap(s.clock, STEP_TEXT, &t0);
	}
	if (bulk && (r = db_bulk_begin(s.db, app->bulk_journal, NULL, e))) {
		bulk = false;
		goto done;
	}
	if ((r = db_begin(s.db, e)))
		goto done;
	if ((r = import_batch_insert(s.db, &b, batch_id, e)))
		goto fail;
	b.id = *batch_id;
	if (commit && (r = run_begin(&s, &b, bulk, e)))
		goto fail;
	/* The name index's keys: made by the preparer when a bulk run fills the index. */
	fed = true;
	if ((r = feed_start(&feed, &s, &csv, &map, nrows, bulk,
			    commit && bulk && !strcmp(db_driver(s.db), "sqlite") ? &s.keys : NULL, e)) ||
	    (r = stage_rows(&s, &feed, *batch_id, e)))
		goto fail;
	feed_stop(&feed);
	feed_busy(&feed, &clk);
	fed = false;
	if (s.run && s.n.error) {
		/* A row is wrong: nothing is committed; stage the file alone. */
		db_rollback(s.db);
		run_release(&s);
		*batch_id = 0;
		r = 1;
		goto done;
	}
	if ((r = import_batch_set_counts(s.db, *batch_id, &s.n, e)))
		goto fail;
	{
		char idtext[24], *after;

		snprintf(idtext, sizeof(idtext), "%lld", (long long)*batch_id);
		after = dump(json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "file",
				       b.file_name, "hash", b.file_hash, "policy", b.policy, "rows",
				       (json_int_t)s.n.total, "error", (json_int_t)s.n.error, "new",
				       (json_int_t)s.n.new_, "update", (json_int_t)s.n.update, "same",
				       (json_int_t)s.n.same));
		r = app_audit(app, s.db, a, "import_stage", "import_batch", idtext, a->area, NULL,
			      after, e);
		free(after);
		if (r)
			goto fail;
	}
	if (s.run && (r = run_end(&s, e)))
		goto fail;
	t0 = clock_mark();
	r = db_commit(s.db, e);
	if (r) {
		*batch_id = 0;
		goto done;
	}
	if (s.run) {
		*committed = true;
		if (written)
			*written = run_written(&s);
	}
	goto done;
fail:
	if (fed)
		feed_stop(&feed);
	fed = false;
	db_rollback(s.db);
	*batch_id = 0;
done:
	if (fed)
		feed_stop(&feed);
	run_release(&s);
	if (bulk) {
		db_bulk_end(s.db);
		clock_lap(s.clock, STEP_COMMIT, &t0);
		clock_log(s.clock, &s.n, clock_mark().wall - start.wall);
	}
	free(b.unknown_columns);
	json_decref(unknown);
	csv_release(&csv);
	import_map_release(&map);
	buf_release(&conv);
	smap_release(&s.areas);
	arena_release(&s.keys);
	if (r == 1) /* abandoned: stage only, reporting the errors */
		return stage_batch(app, a, bytes, len, file_name, policy, false, batch_id, written,
				   committed, e);
	return r;
}

int app_import_stage(struct app *app, const struct actor *a, const void *bytes, size_t len,
		     const char *file_name, const char *policy, int64_t *batch_id, struct err *e)
{
	bool committed = false;

	return stage_batch(app, a, bytes, len, file_name, policy, false, batch_id, NULL, &committed,
			   e);
}

int app_import_stage_commit(struct app *app, const struct actor *a, const void *bytes,
			    size_t len, const char *file_name, const char *policy,
			    int64_t *batch_id, struct import_counts *written, bool *committed,
			    struct err *e)
{
	*committed = false;
	if (written)
		memset(written, 0, sizeof(*written));
	return stage_batch(app, a, bytes, len, file_name, policy, true, batch_id, written, committed,
			   e);
}

/* ---- reading a batch ---- */

static int batch_for(struct db *db, const struct actor *a, int64_t id, enum perm p,
		     struct import_batch *b, struct err *e)
{
	int r;

	if ((r = actor_check(a, p, NULL, e)) || (r = import_batch_get(db, id, b, e)))
		return r;
	if (!geo_in_scope(a->area, b->area)) {
		import_batch_release(b);
		return err_set(e, ERR_FORBIDDEN, "id",
			       "ชุดนำเข้า %lld เป็นของพื้นที่ %s นอกขอบเขตของท่าน (%s)",
			       "import batch %lld belongs to area %s, outside your scope (%s)",
			       (long long)id, b->area, a->area);
	}
	return 0;
}

int app_import_get(struct app *app, const struct actor *a, int64_t batch_id,
		   const char *outcome, int64_t after_row, int limit, struct import_batch *batch,
		   struct import_row_list *rows, struct err *e)
{
	struct db *db;
	int r;

	if (!outcome)
		outcome = IMPORT_ERROR;
	if (strcmp(outcome, IMPORT_ERROR) && strcmp(outcome, IMPORT_NEW) &&
	    strcmp(outcome, IMPORT_UPDATE) && strcmp(outcome, IMPORT_SAME))
		return err_set(e, ERR_INVALID, "outcome",
			       "outcome '%.16s' ไม่ถูกต้อง (error, new, update, same)",
			       "outcome '%.16s' is not valid (error, new, update, same)", outcome);
	if (limit < 1 || limit > 1000)
		return err_set(e, ERR_INVALID, "limit", "limit ต้องอยู่ระหว่าง 1–%d",
			       "limit must be 1-%d", 1000);
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = batch_for(db, a, batch_id, PERM_READ, batch, e)))
		return r;
	if ((r = import_rows_list(db, batch_id, outcome, after_row, limit, rows, e)))
		import_batch_release(batch);
	return r;
}

int app_import_list(struct app *app, const struct actor *a, int64_t before_id, int limit,
		    struct import_batch_list *out, struct err *e)
{
	struct db *db;
	int r;

	if ((r = actor_check(a, PERM_READ, NULL, e)))
		return r;
	if (limit < 1 || limit > 200)
		return err_set(e, ERR_INVALID, "limit", "limit ต้องอยู่ระหว่าง 1–%d",
			       "limit must be 1-%d", 200);
	if (!(db = app_db(app, e)))
		return ERR_DB;
	return import_batch_list(db, a->area, before_id, limit, out, e);
}

/* ---- commit ---- */

/*
 * Reads a staged row's cells back from its data: into store, or when the
 * text is not in the usual shape, through jansson (the strings then live in
 * *j, NULL otherwise).
 */
static int row_cells(const struct import_row *row, json_t **j, struct buf *store, struct cells *c,
		     struct err *e)
{
	json_t *cells;
	int k;

	memset(c, 0, sizeof(*c));
	*j = NULL;
	if (!parse_cells(row->data, store, c))
		return 0;
	memset(c, 0, sizeof(*c));
	*j = json_loads(row->data, 0, NULL);
	cells = *j ? json_object_get(*j, "cells") : NULL;
	if (!json_is_object(cells) && !json_is_array(cells))
		return err_set(e, ERR_INTERNAL, NULL, "ข้อมูลแถว %lld เสียหาย",
			       "the data of row %lld is damaged", (long long)row->row_no);
	for (k = 0; k < ICOL_COUNT; k++) {
		json_t *v = json_is_array(cells) ? json_array_get(cells, (size_t)k)
						 : json_object_get(cells, import_col_code(k));

		c->v[k] = json_is_string(v) ? json_string_value(v) : NULL;
	}
	return 0;
}

/* Inserts the needs in missing; their kinds go to added (may be NULL). */
static int insert_needs(struct stage *s, int64_t pid, const char *area,
			const struct row_needs *needs, unsigned missing, const char *now,
			json_t *added, struct err *e)
{
	int64_t nid;
	int r;

	if (missing & (1u << NEED_DISABILITY)) {
		struct need n = needs->dis;

		n.person_id = pid;
		if ((r = need_insert(s->db, &n, area, s->a->username, now, &nid, e)))
			return r;
		if (added)
			json_array_append_new(added, json_string(need_kind_code(NEED_DISABILITY)));
	}
	if (missing & (1u << NEED_WELFARE_CARD)) {
		struct need n;

		memset(&n, 0, sizeof(n));
		n.person_id = pid;
		n.kind = NEED_WELFARE_CARD;
		n.observed_on = s->today;
		snprintf(n.source, sizeof(n.source), "import");
		if ((r = need_insert(s->db, &n, area, s->a->username, now, &nid, e)))
			return r;
		if (added)
			json_array_append_new(added, json_string(need_kind_code(NEED_WELFARE_CARD)));
	}
	return 0;
}

/*
 * New people waiting to be written together: COMMIT_CHUNK of them go in
 * multi-row statements and share one audit entry, which names the batch,
 * the rows and the people, and carries a BLAKE2b hash over the rows' numbers,
 * people and data (so the entry vouches for import_row, which keeps each
 * person's cells: app_person_history reads them back from there).
 */
#define COMMIT_CHUNK 5000

struct pending {
	struct person *p;        /* validated records (owned; app_import_commit) */
	struct row_needs *needs; /* the needs each asks for (owned) */
	int64_t *row_no, *ids;
	size_t n;
	int64_t needs_added;     /* needs the people of the entry were given */
	crypto_generichash_state hash;
	bool ids_ready;          /* ids were taken and written to import_row while staging */
	int64_t first_id, last_id; /* of the whole commit (SQLite takes them in a row) */
	int64_t chunks;
};

static void pending_init(struct pending *q)
{
	memset(q, 0, sizeof(*q));
	q->p = xcalloc(COMMIT_CHUNK, sizeof(*q->p));
	q->needs = xcalloc(COMMIT_CHUNK, sizeof(*q->needs));
	q->row_no = xcalloc(COMMIT_CHUNK, sizeof(*q->row_no));
	q->ids = xcalloc(COMMIT_CHUNK, sizeof(*q->ids));
	crypto_generichash_init(&q->hash, NULL, 0, 32);
}

/* Forgets the entry's people (releasing the records app_import_commit owns). */
static void pending_clear(struct pending *q, bool owned)
{
	size_t i;

	for (i = 0; owned && i < q->n; i++) {
		person_release(&q->p[i]);
		row_needs_release(&q->needs[i]);
	}
	q->n = 0;
	q->needs_added = 0;
	q->ids_ready = false;
	crypto_generichash_init(&q->hash, NULL, 0, 32);
}

static void pending_release(struct pending *q, bool owned)
{
	pending_clear(q, owned);
	free(q->p);
	free(q->needs);
	free(q->row_no);
	free(q->ids);
}

static void hash_text(crypto_generichash_state *h, const char *s)
{
	crypto_generichash_update(h, (const unsigned char *)s, strlen(s) + 1);
}

/* Hashes a number as its decimal text, as hash_text would hash it. */
static void hash_num(crypto_generichash_state *h, int64_t v)
{
	char num[24], *p = num + sizeof(num);
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	*--p = '\0';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	crypto_generichash_update(h, (const unsigned char *)p, (size_t)(num + sizeof(num) - p));
}

/*
 * Writes the audit entry of the pending people (written already): the rows'
 * numbers and data are in the hash; their ids go in last. Then forgets them.
 */
static int pending_audit(struct stage *s, const struct import_batch *b, struct pending *q,
			 bool owned, const char *now, struct err *e)
{
	unsigned char digest[32];
	char idtext[24], hex[65], *after;
	size_t i;
	int r;

	(void)now;
	for (i = 0; i < q->n; i++)
		hash_num(&q->hash, q->ids[i]);
	crypto_generichash_final(&q->hash, digest, sizeof(digest));
	for (i = 0; i < sizeof(digest); i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	if (!q->first_id)
		q->first_id = q->ids[0];
	q->last_id = q->ids[q->n - 1];
	after = dump(json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:s}", "people", (json_int_t)q->n,
			       "first_row", (json_int_t)q->row_no[0], "last_row",
			       (json_int_t)q->row_no[q->n - 1], "first_person",
			       (json_int_t)q->ids[0], "last_person", (json_int_t)q->ids[q->n - 1],
			       "needs_added", (json_int_t)q->needs_added, "rows_hash", hex));
	snprintf(idtext, sizeof(idtext), "%lld", (long long)b->id);
	r = app_audit(s->app, s->db, s->a, "import", "import_batch", idtext, b->area, NULL, after, e);
	free(after);
	s->n.new_ += (int64_t)q->n;
	q->chunks++;
	pending_clear(q, owned);
	return r;
}

/* Writes the pending people of app_import_commit, their needs and the entry's audit entry. */
static int flush_pending(struct stage *s, const struct import_batch *b, struct pending *q,
			 const char *now, struct err *e)
{
	size_t i;
	int r;

	if (!q->n)
		return 0;
	if ((r = person_reserve_ids(s->db, q->n, q->ids, e)) ||
	    (r = person_insert_many(s->db, q->p, q->ids, q->n, now, e)))
		return r;
	for (i = 0; i < q->n; i++) {
		struct row_needs *nd = &q->needs[i];
		unsigned missing = (nd->disability ? 1u << NEED_DISABILITY : 0) |
				   (nd->welfare_card ? 1u << NEED_WELFARE_CARD : 0);

		if ((r = import_row_set_person(s->db, b->id, q->row_no[i], q->ids[i], e)) ||
		    (r = insert_needs(s, q->ids[i], q->p[i].area, nd, missing, now, NULL, e))) {
			char th[64], en[64];

			snprintf(th, sizeof(th), "แถว %lld: ", (long long)q->row_no[i]);
			snprintf(en, sizeof(en), "row %lld: ", (long long)q->row_no[i]);
			err_prefix(e, th, en);
			return r;
		}
		q->needs_added += (nd->disability ? 1 : 0) + (nd->welfare_card ? 1 : 0);
	}
	return pending_audit(s, b, q, true, now, e);
}

/* The row's first error as the commit's: the row changed under it since staging. */
static int stale_row(const struct import_row *row, json_t *errs, struct err *e)
{
	json_t *first = json_array_get(errs, 0);

	return err_set(e, ERR_CONFLICT, json_string_value(json_object_get(first, "column")),
		       "แถว %lld ใช้ไม่ได้แล้ว: %s%.0s", "row %lld is no longer valid: %.0s%s",
		       (long long)row->row_no, json_string_value(json_object_get(first, "message_th")),
		       json_string_value(json_object_get(first, "message_en")));
}

/* Checks a new row again and queues it (written by flush_pending). */
static int commit_new_row(struct stage *s, const struct import_batch *b,
			  const struct import_row *row, struct pending *q, const char *now,
			  struct err *e)
{
	struct person_in in;
	struct cells c;
	struct buf store = BUF_INIT;
	json_t *j = NULL, *errs = json_array();
	struct person *p = &q->p[q->n];
	struct row_needs *nd = &q->needs[q->n];
	struct err re;
	int r;

	err_init(&re);
	person_init(p);
	if ((r = row_cells(row, &j, &store, &c, e)))
		goto out;
	read_needs(&c, s->today_iso, s->today, nd, errs);
	cells_to_in(&c, &in);
	if (!json_array_size(errs) && person_validate(&in, s->today, p, &re))
		add_error(errs, re.field, &re);
	if (!json_array_size(errs) && actor_check(s->a, PERM_WRITE, p->area, &re))
		add_error(errs, "area", &re);
	if (json_array_size(errs)) {
		r = stale_row(row, errs, e);
		goto out;
	}
	q->row_no[q->n++] = row->row_no;
	hash_num(&q->hash, row->row_no);
	hash_text(&q->hash, row->data);
	if (q->n == COMMIT_CHUNK)
		r = flush_pending(s, b, q, now, e);
	json_decref(j);
	json_decref(errs);
	buf_release(&store);
	return r;
out:
	person_release(p);
	row_needs_release(nd);
	json_decref(j);
	json_decref(errs);
	buf_release(&store);
	return r;
}

/* Writes one update row with its own audit entry (before and after). */
static int commit_update_row(struct stage *s, int64_t batch_id, const struct import_row *row,
			     const char *now, struct err *e)
{
	struct person p, old;
	struct person_text t;
	struct person_in in;
	struct row_needs needs;
	struct cells c;
	struct buf store = BUF_INIT;
	json_t *j = NULL, *errs = json_array(), *changed = json_array(), *added = json_array();
	json_t *after = NULL;
	char *before_s = NULL, *after_s = NULL, idtext[24];
	unsigned missing = 0;
	int64_t pid = row->person_id, merged_into = 0;
	struct err re;
	int r;

	err_init(&re);
	person_init(&p);
	person_init(&old);
	memset(&needs, 0, sizeof(needs));
	if ((r = row_cells(row, &j, &store, &c, e)))
		goto out;
	read_needs(&c, s->today_iso, s->today, &needs, errs);
	if ((r = person_get(s->db, pid, &old, &merged_into, e)))
		goto out;
	if (!geo_in_scope(s->a->area, old.area)) {
		err_set(&re, ERR_FORBIDDEN, "area",
			"ผู้ลงทะเบียนอยู่ในพื้นที่ %s นอกขอบเขตของท่าน%s",
			"the registered person lives in area %s, outside your scope%s", old.area, "");
		add_error(errs, "area", &re);
	}
	overlay_in(&old, &c, &t, &in);
	if (!json_array_size(errs) && person_validate(&in, s->today, &p, &re))
		add_error(errs, re.field, &re);
	if (!json_array_size(errs) && actor_check(s->a, PERM_WRITE, p.area, &re))
		add_error(errs, "area", &re);
	if (json_array_size(errs)) {
		r = stale_row(row, errs, e);
		goto out;
	}
	if ((r = missing_needs(s->db, pid, &needs, s->today, &missing, e)))
		goto out;
	person_diff(&old, &p, changed);
	if (!json_array_size(changed) && !missing)
		goto out; /* changed back since staging: nothing to write */
	if (json_array_size(changed)) {
		p.id = old.id;
		p.household_id = old.household_id;
		memcpy(p.relation, old.relation, sizeof(p.relation));
		if ((r = person_update(s->db, &p, now, e)))
			goto out;
	}
	before_s = dump(person_json(&old));
	s->n.update++;
	if ((r = insert_needs(s, pid, p.area, &needs, missing, now, added, e)))
		goto out;
	after = person_json(&p);
	json_object_set(after, "needs_added", added);
	json_object_set_new(after, "import_batch", json_integer(batch_id));
	json_object_set_new(after, "import_row", json_integer(row->row_no));
	after_s = dump(after);
	snprintf(idtext, sizeof(idtext), "%lld", (long long)pid);
	r = app_audit(s->app, s->db, s->a, "update", "person", idtext, p.area, before_s, after_s, e);
out:
	if (r && r != ERR_CONFLICT) {
		char th[64], en[64];

		snprintf(th, sizeof(th), "แถว %lld: ", (long long)row->row_no);
		snprintf(en, sizeof(en), "row %lld: ", (long long)row->row_no);
		err_prefix(e, th, en);
	}
	free(before_s);
	free(after_s);
	buf_release(&store);
	json_decref(j);
	json_decref(errs);
	json_decref(changed);
	json_decref(added);
	row_needs_release(&needs);
	person_release(&p);
	person_release(&old);
	return r;
}

static int commit_rows(struct stage *s, const struct import_batch *b, const char *outcome,
		       struct pending *q, const char *now, struct err *e)
{
	struct import_row_list l = IMPORT_ROW_LIST_INIT;
	bool is_new = !strcmp(outcome, IMPORT_NEW);
	int64_t after = 0;
	size_t i;
	int r;

	for (;;) {
		if ((r = import_rows_list(s->db, b->id, outcome, after, 1000, &l, e)))
			break;
		if (!l.n)
			break;
		for (i = 0; i < l.n && !r; i++)
			r = is_new ? commit_new_row(s, b, &l.items[i], q, now, e)
				   : commit_update_row(s, b->id, &l.items[i], now, e);
		after = l.items[l.n - 1].row_no;
		import_row_list_release(&l);
		if (r)
			break;
	}
	if (!r && is_new)
		r = flush_pending(s, b, q, now, e);
	import_row_list_release(&l);
	return r;
}


int app_import_commit(struct app *app, const struct actor *a, int64_t batch_id,
		      struct import_counts *written, struct err *e)
{
	struct db_index_set idx = { NULL, 0 };
	struct import_batch b;
	struct pending q;
	struct stage s;
	char now[32], idtext[24], *after;
	bool bulk;
	int r;

	if (written)
		memset(written, 0, sizeof(*written));
	memset(&b, 0, sizeof(b));
	memset(&s, 0, sizeof(s));
	if (!(s.db = app_db(app, e)))
		return ERR_DB;
	if ((r = batch_for(s.db, a, batch_id, PERM_WRITE, &b, e)))
		return r;
	if (strcmp(b.status, "staged")) {
		r = err_set(e, ERR_CONFLICT, "id", "ชุดนำเข้า %lld ยืนยันไปแล้ว",
			    "import batch %lld was already committed", (long long)batch_id);
		goto done;
	}
	if (b.n.error) {
		r = err_set(e, ERR_INVALID, "id",
			    "ชุดนำเข้า %lld มีแถวที่ผิดพลาด %lld แถว: แก้ไขแฟ้มแล้วนำเข้าใหม่",
			    "import batch %lld has %lld rows with errors: fix the file and stage it again",
			    (long long)batch_id, (long long)b.n.error);
		goto done;
	}
	s.app = app;
	s.a = a;
	s.today = app_today(app);
	date_iso(s.today, s.today_iso);
	app_iso_time(app_time(app), now);
	pending_init(&q);
	bulk = b.n.new_ + b.n.update >= (int64_t)bulk_rows(app);
	if (bulk && (r = db_bulk_begin(s.db, app->bulk_journal, NULL, e))) {
		bulk = false;
		goto out;
	}
	if ((r = db_begin(s.db, e)))
		goto out;
	if ((r = import_batch_mark_committed(s.db, batch_id, now, e)))
		goto fail;
	if (b.n.new_ >= (int64_t)bulk_rows(app)) {
		int64_t top;

		/* The name index takes the new people at the end, in its own order;
		 * a register smaller than the load builds its indexes once, after. */
		if ((r = person_search_bulk_begin(s.db, e)) ||
		    (r = db_query_int64(s.db, "SELECT COALESCE(MAX(id), 0) FROM person", &top, e)) ||
		    (b.n.new_ >= top && (r = db_indexes_drop(s.db, "person", &idx, e))))
			goto fail;
	}
	if ((r = commit_rows(&s, &b, IMPORT_NEW, &q, now, e)) ||
	    (r = db_indexes_restore(s.db, &idx, e)) ||
	    (b.n.new_ >= (int64_t)bulk_rows(app) &&
	     (r = person_search_bulk_end(s.db, q.first_id, q.last_id, true, e))) ||
	    (r = commit_rows(&s, &b, IMPORT_UPDATE, &q, now, e)))
		goto fail;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)batch_id);
	after = dump(json_pack("{s:s, s:I, s:I, s:I}", "status", "committed", "inserted",
			       (json_int_t)s.n.new_, "updated", (json_int_t)s.n.update,
			       "import_entries", (json_int_t)q.chunks));
	r = app_audit(app, s.db, a, "import_commit", "import_batch", idtext, b.area, NULL, after, e);
	free(after);
	if (r)
		goto fail;
	if ((r = db_commit(s.db, e)))
		goto out;
	if (written)
		*written = s.n;
	goto out;
fail:
	db_rollback(s.db);
out:
	if (bulk)
		db_bulk_end(s.db);
	db_index_set_release(&idx);
	pending_release(&q, true);
done:
	import_batch_release(&b);
	return r;
}

/* ---- committing while staging ---- */

/*
 * A run stages a file and commits it in the same transaction: new people
 * take their ids as their rows are written (so each import row is written
 * once, with its person), go into the register with each chunk of rows, in
 * multi-row statements, and updates are written right after their row.
 * The first row with an error abandons the run (the caller rolls back and
 * stages the file alone, for the report). Nobody can change the register
 * between staging and commit, so nothing is checked twice; rows are matched
 * only against the people registered before the run (below), as staging
 * alone would match them. Every COMMIT_CHUNK new people get their audit
 * entry (pending_audit), exactly as app_import_commit writes them.
 */
struct run {
	struct stage cs;         /* the commit's side: its counts */
	struct pending q;        /* the people of the audit entry being filled */
	struct import_batch *b;
	struct db_index_set idx;
	char now[32];
	int64_t below;           /* people with smaller ids were registered before */
	bool bulk;               /* the name index takes the new people at the end */
	/* New people of the current chunk, not yet written (records borrowed from it). */
	struct person *gp;
	int64_t *gid;
	size_t gn;
	struct need *gneed;      /* and the needs they are given */
	const char **garea;
	size_t gnn;
	/* The name index's entries of the run's new people (bulk runs on SQLite). */
	struct person_search_doc *docs;
	size_t ndocs, cdocs;
};

static int64_t run_match_below(const struct stage *s)
{
	return s->run ? s->run->below : 0;
}

static int run_begin(struct stage *s, struct import_batch *b, bool bulk, struct err *e)
{
	struct run *u = xcalloc(1, sizeof(*u));
	int r;

	s->run = u;
	u->b = b;
	u->cs = *s;
	u->cs.run = NULL;
	memset(&u->cs.n, 0, sizeof(u->cs.n));
	memset(&u->cs.areas, 0, sizeof(u->cs.areas));
	arena_init(&u->cs.keys); /* the stage's, not the commit side's */
	pending_init(&u->q);
	u->gp = xcalloc(CHUNK_ROWS, sizeof(*u->gp));
	u->gid = xcalloc(CHUNK_ROWS, sizeof(*u->gid));
	u->gneed = xcalloc(2 * CHUNK_ROWS, sizeof(*u->gneed));
	u->garea = xcalloc(2 * CHUNK_ROWS, sizeof(*u->garea));
	app_iso_time(app_time(s->app), u->now);
	if ((r = db_query_int64(s->db, "SELECT COALESCE(MAX(id), 0) + 1 FROM person", &u->below, e)))
		return r;
	u->bulk = bulk;
	if (u->bulk && (r = person_search_bulk_begin(s->db, e)))
		return r;
	/* Into an empty register, nothing is looked up: the indexes can wait. */
	if (u->bulk && u->below == 1 && (r = db_indexes_drop(s->db, "person", &u->idx, e)))
		return r;
	return 0;
}

/* Writes the new people of the current chunk and their needs. */
static int run_flush(struct stage *s, struct err *e)
{
	struct run *u = s->run;
	int r = 0;

	if (u->gn)
		r = person_insert_many(s->db, u->gp, u->gid, u->gn, u->now, e);
	if (!r && u->gnn)
		r = need_insert_many(s->db, u->gneed, u->garea, u->gnn, s->a->username, u->now, e);
	u->gn = 0;
	u->gnn = 0;
	return r;
}

/* Queues the needs a new person asks for (all of them: a new person has none). */
static void run_needs(struct run *u, const struct prow *w, int64_t id, struct date today)
{
	if (w->needs.disability) {
		u->gneed[u->gnn] = w->needs.dis;
		u->gneed[u->gnn].person_id = id;
		u->garea[u->gnn++] = w->p.area;
	}
	if (w->needs.welfare_card) {
		struct need *n = &u->gneed[u->gnn];

		memset(n, 0, sizeof(*n));
		n->person_id = id;
		n->kind = NEED_WELFARE_CARD;
		n->observed_on = today;
		snprintf(n->source, sizeof(n->source), "import");
		u->garea[u->gnn++] = w->p.area;
	}
	u->q.needs_added += (w->needs.disability ? 1 : 0) + (w->needs.welfare_card ? 1 : 0);
}

/* Commits a row just written: a new person joins the chunk's, an update is written. */
static int run_row(struct stage *s, const struct prow *w, struct import_row *out,
		   struct err *e)
{
	struct run *u = s->run;
	struct pending *q = &u->q;
	int64_t id;
	int r;

	if (!strcmp(out->outcome, IMPORT_UPDATE))
		return commit_update_row(&u->cs, u->b->id, out, u->now, e);
	if (strcmp(out->outcome, IMPORT_NEW))
		return 0;
	if (!q->ids_ready) {
		/* SQLite takes ids above the largest: the people before must be in. */
		if ((r = run_flush(s, e)) || (r = person_reserve_ids(s->db, COMMIT_CHUNK, q->ids, e)))
			return r;
		q->ids_ready = true;
	}
	id = q->ids[q->n];
	out->person_id = id;
	u->gp[u->gn] = w->p;
	u->gid[u->gn++] = id;
	run_needs(u, w, id, s->today);
	if (w->key) {
		struct person_search_doc *d;

		ALLOC_GROW(u->docs, u->ndocs + 1, u->cdocs);
		d = &u->docs[u->ndocs++];
		d->id = id;
		d->key = w->key;
		d->key_len = w->key_len;
		d->name_key = w->name_key;
		memcpy(d->area, w->p.area, sizeof(d->area));
	}
	q->row_no[q->n++] = out->row_no;
	hash_num(&q->hash, out->row_no);
	hash_text(&q->hash, out->data);
	if (q->n < COMMIT_CHUNK)
		return 0;
	return pending_audit(&u->cs, u->b, q, false, u->now, e);
}

/* Orders the name index's entries (person_search_plan_order) on a thread of its own. */
struct plan_job {
	struct person_search_plan *plan;
	struct person_search_doc *docs;
	size_t n;
};

static void *plan_main(void *arg)
{
	struct plan_job *j = arg;

	person_search_plan_order(j->plan, j->docs, j->n);
	return NULL;
}

/*
 * Writes what is pending, builds what was put off, and marks the batch
 * committed. The name index's entries are sorted on a second thread while
 * this one builds the person table's indexes.
 */
static int run_end(struct stage *s, struct err *e)
{
	struct run *u = s->run;
	struct load_mark t0 = clock_mark();
	struct person_search_plan plan;
	struct plan_job job;
	pthread_t th;
	bool sorting = false;
	char idtext[24], *after;
	int r;

	memset(&plan, 0, sizeof(plan));
	if ((r = run_flush(s, e)) ||
	    (u->q.n && (r = pending_audit(&u->cs, u->b, &u->q, false, u->now, e))))
		return r;
	clock_lap(s->clock, STEP_PEOPLE, &t0);
	if (u->bulk && u->docs) {
		if ((r = person_search_plan_begin(s->db, &plan, u->below == 1, e)))
			return r;
		job = (struct plan_job){ &plan, u->docs, u->ndocs };
		sorting = !pthread_create(&th, NULL, plan_main, &job);
		if (!sorting)
			plan_main(&job);
	}
	r = db_indexes_restore(s->db, &u->idx, e);
	if (sorting)
		pthread_join(th, NULL);
	clock_lap(s->clock, STEP_INDEXES, &t0);
	if (!r && u->bulk && u->docs)
		r = person_search_plan_write(s->db, &plan, e);
	else if (!r && u->bulk)
		r = person_search_bulk_end(s->db, u->q.first_id, u->q.last_id, true, e);
	person_search_plan_release(&plan);
	clock_lap(s->clock, STEP_SEARCH, &t0);
	if (r || (r = import_batch_mark_committed(s->db, u->b->id, u->now, e)))
		return r;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)u->b->id);
	after = dump(json_pack("{s:s, s:I, s:I, s:I}", "status", "committed", "inserted",
			       (json_int_t)u->cs.n.new_, "updated", (json_int_t)u->cs.n.update,
			       "import_entries", (json_int_t)u->q.chunks));
	r = app_audit(s->app, s->db, s->a, "import_commit", "import_batch", idtext, u->b->area, NULL,
		      after, e);
	free(after);
	return r;
}

static struct import_counts run_written(const struct stage *s)
{
	return s->run->cs.n;
}

static void run_release(struct stage *s)
{
	struct run *u = s->run;

	if (!u)
		return;
	pending_release(&u->q, false);
	db_index_set_release(&u->idx);
	free(u->gp);
	free(u->gid);
	free(u->gneed);
	free(u->garea);
	free(u->docs);
	free(u);
	s->run = NULL;
}

/* ---- export ---- */

/* The export's columns, in order; the sensitive ones only for roles that may see them. */
static const enum import_col export_cols[] = {
	ICOL_NATIONAL_ID, ICOL_TITLE, ICOL_GIVEN_NAME, ICOL_FAMILY_NAME, ICOL_GIVEN_NAME_LATIN,
	ICOL_FAMILY_NAME_LATIN, ICOL_SEX, ICOL_BIRTH_DATE, ICOL_NATIONALITY, ICOL_REG_STATUS,
	ICOL_AREA, ICOL_HOUSE_NO, ICOL_PHONE, ICOL_DISABILITY_TYPE, ICOL_DISABILITY_CARD_NO,
	ICOL_WELFARE_CARD,
};

static bool col_sensitive(enum import_col c)
{
	return c == ICOL_DISABILITY_TYPE || c == ICOL_DISABILITY_CARD_NO;
}

/* Where an export's rows go: CSV text, or an .xlsx book's sheet. */
struct export_sink {
	struct buf *csv;          /* or NULL */
	struct sheet_book *book;  /* or NULL */
};

static int sink_row(struct export_sink *k, const struct slice *f, size_t n, struct err *e)
{
	if (k->book)
		return sheet_book_row(k->book, f, n, 0) ? sheet_book_finish(k->book, NULL, e) : 0;
	return csv_write_row(k->csv, f, n, ',') ? err_set(e, ERR_TOO_LARGE, NULL,
							  "ข้อมูลส่งออกใหญ่เกินไป%s",
							  "the export is too large%s", "")
						: 0;
}

/* The cells of one person for the export; *sensitive counts sensitive values shown. */
static int export_row(struct db *db, const struct person *p, struct date today, bool sens,
		      struct export_sink *out, int64_t *sensitive, struct err *e)
{
	struct need_list l = NEED_LIST_INIT;
	struct slice f[ARRAY_SIZE(export_cols)];
	char birth[16];
	const char *dis_type = "", *dis_card = "", *welfare = "no";
	size_t i, n = 0;
	int r;

	if ((r = need_list_of(db, p->id, &l, e)))
		return r;
	for (i = 0; i < l.n; i++) {
		const struct need *x = &l.items[i];

		if (!need_active(x, today))
			continue;
		if (x->kind == NEED_WELFARE_CARD)
			welfare = "yes";
		if (x->kind == NEED_DISABILITY && sens) {
			dis_type = disability_type_code(x->disability_type);
			dis_card = x->card_no;
			(*sensitive)++;
		}
	}
	date_iso(p->birth, birth);
	for (i = 0; i < ARRAY_SIZE(export_cols); i++) {
		const char *v = "";

		switch (export_cols[i]) {
		case ICOL_NATIONAL_ID: v = p->national_id; break;
		case ICOL_TITLE: v = p->title; break;
		case ICOL_GIVEN_NAME: v = p->given_name; break;
		case ICOL_FAMILY_NAME: v = p->family_name; break;
		case ICOL_GIVEN_NAME_LATIN: v = p->given_name_latin; break;
		case ICOL_FAMILY_NAME_LATIN: v = p->family_name_latin; break;
		case ICOL_SEX: v = sex_code(p->sex); break;
		case ICOL_BIRTH_DATE: v = birth; break;
		case ICOL_NATIONALITY: v = p->nationality; break;
		case ICOL_REG_STATUS: v = reg_status_code(p->reg_status); break;
		case ICOL_AREA: v = p->area; break;
		case ICOL_HOUSE_NO: v = p->house_no; break;
		case ICOL_PHONE: v = p->phone; break;
		case ICOL_DISABILITY_TYPE: v = dis_type; break;
		case ICOL_DISABILITY_CARD_NO: v = dis_card; break;
		case ICOL_WELFARE_CARD: v = welfare; break;
		default: break;
		}
		if (col_sensitive(export_cols[i]) && !sens)
			continue;
		f[n++] = slice_of(v ? v : "");
	}
	r = sink_row(out, f, n, e);
	need_list_release(&l);
	return r;
}

int app_person_export_list(struct app *app, const struct actor *a,
			   const struct person_export_query *q, enum export_format fmt,
			   struct buf *out, int64_t *count, struct err *e)
{
	struct person_list l = PERSON_LIST_INIT;
	struct person_query pq;
	struct slice hdr[ARRAY_SIZE(export_cols)];
	struct sheet_col cols[ARRAY_SIZE(export_cols)];
	struct export_sink sink = { fmt == EXPORT_XLSX ? NULL : out, NULL };
	const char *area = q && q->area && *q->area ? q->area : a->area;
	bool sens = role_can(a->role, PERM_SENSITIVE_READ);
	int64_t n = 0, shown = 0;
	struct db *db;
	char *after;
	size_t i, nh = 0;
	int need = 0, r;

	if (count)
		*count = 0;
	if (strcmp(area, GEO_NATION_CODE) && (r = geo_code_check(area, "area", e)))
		return r;
	if ((r = actor_check(a, PERM_READ, area, e)))
		return r;
	if (q && q->need && *q->need) {
		need = need_kind_parse(q->need);
		if (need <= 0)
			return err_set(e, ERR_INVALID, "need", "ไม่รู้จักประเภทความต้องการ '%.24s'",
				       "unknown kind of need '%.24s'", q->need);
		if (need_kind_sensitive((enum need_kind)need) && !sens)
			return err_set(e, ERR_FORBIDDEN, "need",
				       "บทบาท %s ไม่มีสิทธิ์ดูข้อมูลอ่อนไหว (%s)",
				       "the role %s may not see sensitive data (%s)",
				       role_name(a->role), q->need);
	}
	if (!(db = app_db(app, e)))
		return ERR_DB;
	memset(&pq, 0, sizeof(pq));
	pq.area = area;
	pq.need_kind = need;
	pq.today = app_today(app);
	pq.alive_only = true;
	pq.limit = 500;
	/* Keyset paging: each page starts after the last person of the one before. */

	/* The header is the import's column codes, so an export can be imported again. */
	for (i = 0; i < ARRAY_SIZE(export_cols); i++)
		if (sens || !col_sensitive(export_cols[i])) {
			hdr[nh] = slice_of(import_col_code(export_cols[i]));
			cols[nh].title = hdr[nh].ptr;
			cols[nh].type = SHEET_TEXT; /* IDs and dates read back as written */
			cols[nh++].width = export_cols[i] == ICOL_NATIONAL_ID ? 16 : 14;
		}
	if (fmt == EXPORT_XLSX) {
		if ((r = sheet_book_open(&sink.book, NULL, e)) ||
		    (r = sheet_book_sheet(sink.book, "persons")) ||
		    (r = sheet_book_table(sink.book, cols, nh))) {
			if (sink.book && r != ERR_IO)
				sheet_book_finish(sink.book, NULL, e);
			goto fail;
		}
	} else {
		buf_puts(out, "\xEF\xBB\xBF");
		csv_write_row(out, hdr, nh, ',');
	}
	for (;;) {
		if ((r = person_search(db, &pq, &l, e)))
			goto fail;
		for (i = 0; i < l.n && !r; i++)
			r = export_row(db, &l.items[i], pq.today, sens, &sink, &shown, e);
		n += (int64_t)l.n;
		if (l.n)
			pq.after_id = l.items[l.n - 1].id;
		i = l.n;
		person_list_release(&l);
		if (r)
			goto fail;
		if (i < (size_t)pq.limit)
			break;
	}
	if (sink.book && (r = sheet_book_finish(sink.book, out, e)))
		goto fail;

	if ((r = db_begin(db, e)))
		goto fail;
	after = dump(json_pack("{s:s, s:s?, s:I, s:I}", "area", area, "need",
			       q && q->need && *q->need ? q->need : NULL, "people", (json_int_t)n,
			       "sensitive", (json_int_t)shown));
	r = app_audit(app, db, a, shown ? "view_sensitive" : "export", "person_list", area, area,
		      NULL, after, e);
	free(after);
	if (r) {
		db_rollback(db);
		goto fail;
	}
	if ((r = db_commit(db, e)))
		goto fail;
	if (count)
		*count = n;
	sheet_book_free(sink.book);
	return 0;
fail:
	person_list_release(&l);
	sheet_book_free(sink.book);
	buf_reset(out);
	return r;
}

/* ---- demo ---- */

/* A national ID from its first 12 digits (the 13th is their check digit). */
static void demo_nid(const char *first12, char out[14])
{
	snprintf(out, 14, "%s%d", first12, thid_check_digit(first12));
}

/*
 * Two lists the tambon's officer imported from a volunteer's survey of a
 * village, so the import pages have something to show: the first
 * committed, the second staged with a row whose ID was mistyped, waiting
 * to be corrected. Once: a second run finds the batches there.
 */
int app_import_demo(struct app *app, const char *tambon, const char *village, struct err *e)
{
	static const struct {
		const char *id12, *title, *given, *family, *sex, *birth, *house, *disability, *card;
	} people[] = {
		{ "356019900101", "นาง", "คำแปง", "ใจเย็น", "F", "12/3/2480", "21", "", "yes" },
		{ "356019900102", "นาย", "ศรีวัย", "ใจเย็น", "M", "4/11/2478", "21", "physical", "yes" },
		{ "356019900103", "เด็กชาย", "ธนกฤต", "อินต๊ะ", "M", "9/6/2561", "34", "", "no" },
		{ "356019900104", "นางสาว", "พิมพ์ชนก", "อินต๊ะ", "F", "30/1/2549", "34", "", "no" },
		{ "356019900105", "นาง", "บัวจันทร์", "กันทะวงศ์", "F", "2/2/2490", "7/1", "", "yes" },
	};
	static const char head[] = "national_id,title,given_name,family_name,sex,birth_date,area,"
				   "house_no,disability_type,welfare_card\n";
	struct import_batch_list have = IMPORT_BATCH_LIST_INIT;
	struct actor officer;
	struct buf a = BUF_INIT, b = BUF_INIT;
	int64_t id;
	size_t i;
	int r;

	memset(&officer, 0, sizeof(officer));
	snprintf(officer.username, sizeof(officer.username), "local");
	snprintf(officer.display_name, sizeof(officer.display_name), "เจ้าหน้าที่ท้องถิ่น");
	officer.role = ROLE_LOCAL_OFFICER;
	snprintf(officer.area, sizeof(officer.area), "%s", tambon);
	snprintf(officer.lang, sizeof(officer.lang), "th");
	if ((r = app_import_list(app, &officer, 0, 1, &have, e)))
		return r;
	r = have.n ? 0 : 1;
	import_batch_list_release(&have);
	if (!r)
		return 0;
	buf_puts(&a, head);
	buf_puts(&b, head);
	for (i = 0; i < ARRAY_SIZE(people); i++) {
		char nid[14];
		struct buf *to = i < 3 ? &a : &b;

		demo_nid(people[i].id12, nid);
		if (i == 4)
			nid[12] = nid[12] == '9' ? '0' : (char)(nid[12] + 1); /* mistyped */
		buf_printf(to, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", nid, people[i].title,
			   people[i].given, people[i].family, people[i].sex, people[i].birth, village,
			   people[i].house, people[i].disability, people[i].card);
	}
	r = app_import_stage(app, &officer, a.ptr, a.len, "แบบสำรวจ-อพม-หมู่1-ชุด1.csv", NULL, &id, e);
	if (!r)
		r = app_import_commit(app, &officer, id, NULL, e);
	if (!r)
		r = app_import_stage(app, &officer, b.ptr, b.len, "แบบสำรวจ-อพม-หมู่1-ชุด2.csv", NULL,
				     &id, e);
	buf_release(&a);
	buf_release(&b);
	return r;
}
