/*
 * Geography in the database (see geo.h): the loader for the embedded tables
 * and the queries on the area tree.
 *
 * The loader reads data/geo/{regions,clusters,provinces,districts,tambons}.tsv
 * from the binary (one "#" header line, then tab-separated rows sorted by
 * code), checks every row against core/geo's code rules, and inserts the rows
 * in multi-row INSERT ... ON CONFLICT (code) DO NOTHING statements of up to
 * BATCH_ROWS rows, one prepared statement reused for the full batches. Parent
 * tables load before child tables and provinces before districts before
 * tambons, so every foreign key points at a row that already exists. The
 * whole load is one transaction: it adds everything that is missing or
 * nothing at all.
 *
 * Invariants kept in the area table: a province has level 1, parent NULL and
 * a region; a district, tambon or village has the level of its code's length
 * and its code's prefix as parent. Village codes are handed out here only,
 * always one past the tambon's highest.
 */
#include "store/geo.h"
#include "lib/buf.h"
#include "lib/embed.h"

#define BATCH_ROWS 100
#define MAX_COLS 8
#define MAX_FIELDS 5
#define NAME_MAX_BYTES 200

/* ---- reading the embedded TSV files ---- */

struct tsv {
	const char *name; /* file name, for messages */
	const char *p;    /* start of the unread part */
	const char *end;
	long line;        /* line number of the current row */
	struct slice f[MAX_FIELDS];
	int nf;
};

static int tsv_open(struct tsv *t, const char *name, struct err *e)
{
	const struct embed_file *f = embed_find(name);

	memset(t, 0, sizeof(*t));
	t->name = name;
	if (!f)
		return err_set(e, ERR_INTERNAL, NULL, "ไม่มีไฟล์ข้อมูล %s ในโปรแกรม",
			       "embedded file %s is missing", name);
	t->p = (const char *)f->data;
	t->end = t->p + f->len;
	if (t->p == t->end || *t->p != '#')
		return err_set(e, ERR_INTERNAL, NULL, "%s: ไม่มีบรรทัดหัวตาราง",
			       "%s: header line missing", name);
	return 0;
}

/*
 * Reads the next row into t->f, which must have exactly want fields. Returns
 * 1 for a row, 0 at the end of the file, ERR_INTERNAL for a malformed line.
 * Comment lines (#) and empty lines are skipped.
 */
static int tsv_next(struct tsv *t, int want, struct err *e)
{
	while (t->p < t->end) {
		const char *nl = memchr(t->p, '\n', (size_t)(t->end - t->p));
		const char *eol = nl ? nl : t->end;
		const char *s = t->p;

		t->line++;
		t->p = nl ? nl + 1 : t->end;
		if (s == eol || *s == '#')
			continue;
		t->nf = 0;
		for (;;) {
			const char *tab = memchr(s, '\t', (size_t)(eol - s));
			const char *fe = tab ? tab : eol;

			if (t->nf == MAX_FIELDS) {
				t->nf++; /* too many: never equal to want */
				break;
			}
			t->f[t->nf++] = (struct slice){ s, (size_t)(fe - s) };
			if (!tab)
				break;
			s = tab + 1;
		}
		if (t->nf != want || memchr(t->f[0].ptr, '\r', (size_t)(eol - t->f[0].ptr)))
			return err_set(e, ERR_INTERNAL, NULL,
				       "%s บรรทัด %ld: ต้องมี %d ช่องคั่นด้วยแท็บ",
				       "%s line %ld: expected %d tab-separated fields", t->name,
				       t->line, want);
		return 1;
	}
	return 0;
}

static int tsv_bad(const struct tsv *t, const char *what_th, const char *what_en, struct err *e)
{
	char th[256], en[256];

	snprintf(th, sizeof(th), "%s บรรทัด %ld: %s", t->name, t->line, what_th);
	snprintf(en, sizeof(en), "%s line %ld: %s", t->name, t->line, what_en);
	/* err_set's two formats share one argument list: each prints its own. */
	return err_set(e, ERR_INTERNAL, NULL, "%s%.0s", "%.0s%s", th, en);
}

/* Copies a field into a NUL-terminated buffer; false when it does not fit. */
static bool field_copy(struct slice f, char *out, size_t size)
{
	if (f.len >= size)
		return false;
	memcpy(out, f.ptr, f.len);
	out[f.len] = '\0';
	return true;
}

/* ---- batched inserts ---- */

enum val_kind { VAL_NULL, VAL_TEXT, VAL_INT };

struct val {
	enum val_kind kind;
	struct slice s;
	int64_t i;
};

#define V_NULL ((struct val){ VAL_NULL, { NULL, 0 }, 0 })
#define V_TEXT(sl) ((struct val){ VAL_TEXT, (sl), 0 })
#define V_INT(n) ((struct val){ VAL_INT, { NULL, 0 }, (n) })

/* Empty text becomes NULL (optional columns). */
static struct val v_text_or_null(struct slice s)
{
	return s.len ? V_TEXT(s) : V_NULL;
}

struct batch {
	struct db *db;
	const char *into;     /* "area (code, level, ...)" */
	int ncols;
	struct db_stmt *full; /* for BATCH_ROWS rows; prepared on first use */
	int nrows;            /* rows waiting in vals */
	long inserted;
	struct val vals[BATCH_ROWS * MAX_COLS];
};

static char *batch_sql(const struct batch *b, int rows)
{
	struct buf sql = BUF_INIT;
	int r, c;

	buf_printf(&sql, "INSERT INTO %s VALUES ", b->into);
	for (r = 0; r < rows; r++) {
		buf_puts(&sql, r ? ",(" : "(");
		for (c = 0; c < b->ncols; c++)
			buf_puts(&sql, c ? ",?" : "?");
		buf_putc(&sql, ')');
	}
	buf_puts(&sql, " ON CONFLICT (code) DO NOTHING");
	return buf_detach(&sql, NULL);
}

static int batch_flush(struct batch *b, struct err *e)
{
	struct db_stmt *st = NULL;
	char *sql = NULL;
	int i, r = 0;

	if (!b->nrows)
		return 0;
	if (b->nrows == BATCH_ROWS && b->full) {
		st = b->full;
	} else {
		sql = batch_sql(b, b->nrows);
		r = db_prepare(b->db, sql, &st, e);
		if (r)
			goto fail;
		if (b->nrows == BATCH_ROWS)
			b->full = st;
	}
	for (i = 0; i < b->nrows * b->ncols; i++) {
		const struct val *v = &b->vals[i];

		if (v->kind == VAL_INT)
			r = db_bind_int64(st, i + 1, v->i);
		else if (v->kind == VAL_TEXT)
			r = db_bind_text(st, i + 1, v->s.ptr, (long)v->s.len);
		else
			r = db_bind_null(st, i + 1);
		if (r) {
			r = err_set(e, ERR_DB, NULL, "ผูกค่ากับคำสั่ง SQL ไม่ได้",
				    "cannot bind a value to the SQL statement");
			goto fail;
		}
	}
	r = db_step(st, e);
	if (r < 0)
		goto fail;
	b->inserted += (long)db_changes(st);
	b->nrows = 0;
	r = 0;
fail:
	if (st && st != b->full)
		db_finalize(st);
	else if (st)
		db_reset(st);
	free(sql);
	return r;
}

static int batch_add(struct batch *b, const struct val *row, struct err *e)
{
	memcpy(&b->vals[b->nrows * b->ncols], row, sizeof(*row) * (size_t)b->ncols);
	if (++b->nrows == BATCH_ROWS)
		return batch_flush(b, e);
	return 0;
}

/* ---- the five files ---- */

struct geo_file {
	const char *name;
	int nfields;
	const char *into;
	int ncols;
	/* Checks the row in t and turns it into ncols values. */
	int (*row)(const struct tsv *t, const char *now, struct val *out, struct err *e);
};

static bool names_ok(const struct tsv *t, bool need_en)
{
	return t->f[1].len && (!need_en || t->f[2].len);
}

static int region_row(const struct tsv *t, const char *now, struct val *out, struct err *e)
{
	char code[16], sort[16];
	char *end;
	long n;

	UNUSED(now);
	if (!t->f[0].len || !field_copy(t->f[0], code, sizeof(code)) || !names_ok(t, true))
		return tsv_bad(t, "รหัสหรือชื่อภาคไม่ถูกต้อง", "bad region code or name", e);
	if (!field_copy(t->f[3], sort, sizeof(sort)))
		return tsv_bad(t, "ลำดับไม่ถูกต้อง", "bad sort number", e);
	n = strtol(sort, &end, 10);
	if (!sort[0] || *end)
		return tsv_bad(t, "ลำดับไม่ถูกต้อง", "bad sort number", e);
	out[0] = V_TEXT(t->f[0]);
	out[1] = V_TEXT(t->f[1]);
	out[2] = V_TEXT(t->f[2]);
	out[3] = V_INT(n);
	return 0;
}

static bool cluster_code_ok(struct slice s)
{
	return s.len == 3 && s.ptr[0] == 'C' && s.ptr[1] >= '0' && s.ptr[1] <= '9' &&
	       s.ptr[2] >= '0' && s.ptr[2] <= '9';
}

static int cluster_row(const struct tsv *t, const char *now, struct val *out, struct err *e)
{
	UNUSED(now);
	if (!cluster_code_ok(t->f[0]) || !names_ok(t, true))
		return tsv_bad(t, "รหัสหรือชื่อกลุ่มจังหวัดไม่ถูกต้อง", "bad cluster code or name", e);
	out[0] = V_TEXT(t->f[0]);
	out[1] = V_TEXT(t->f[1]);
	out[2] = V_TEXT(t->f[2]);
	return 0;
}

/* The area columns: code, level, parent, name_th, name_en, region, cluster, created_at. */
#define AREA_INTO "area (code, level, parent, name_th, name_en, region, cluster, created_at)"

static int area_row(const struct tsv *t, int level, const char *now, struct val *out,
		    struct err *e)
{
	char code[GEO_CODE_SIZE];

	if (!field_copy(t->f[0], code, sizeof(code)) || geo_level(code) != level)
		return tsv_bad(t, "รหัสพื้นที่ไม่ถูกต้องสำหรับไฟล์นี้",
			       "area code invalid or at the wrong level for this file", e);
	if (!names_ok(t, false))
		return tsv_bad(t, "ไม่มีชื่อภาษาไทย", "Thai name missing", e);
	out[0] = V_TEXT(t->f[0]);
	out[1] = V_INT(level);
	out[2] = level == GEO_PROVINCE ? V_NULL
				       : V_TEXT(((struct slice){ t->f[0].ptr, (size_t)(level - 1) * 2 }));
	out[3] = V_TEXT(t->f[1]);
	out[4] = v_text_or_null(t->f[2]);
	out[5] = V_NULL;
	out[6] = V_NULL;
	out[7] = V_TEXT(slice_of(now));
	return 0;
}

static int province_row(const struct tsv *t, const char *now, struct val *out, struct err *e)
{
	int r = area_row(t, GEO_PROVINCE, now, out, e);

	if (r)
		return r;
	if (!t->f[3].len || t->f[3].len >= sizeof(((struct geo_area *)0)->region))
		return tsv_bad(t, "ไม่มีภาคของจังหวัด", "province without a region", e);
	if (t->f[4].len && !cluster_code_ok(t->f[4]))
		return tsv_bad(t, "รหัสกลุ่มจังหวัดไม่ถูกต้อง", "bad cluster code", e);
	if (!t->f[2].len)
		return tsv_bad(t, "จังหวัดไม่มีชื่อภาษาอังกฤษ", "province without an English name", e);
	out[5] = V_TEXT(t->f[3]);
	out[6] = v_text_or_null(t->f[4]);
	return 0;
}

static int district_row(const struct tsv *t, const char *now, struct val *out, struct err *e)
{
	return area_row(t, GEO_DISTRICT, now, out, e);
}

static int tambon_row(const struct tsv *t, const char *now, struct val *out, struct err *e)
{
	return area_row(t, GEO_TAMBON, now, out, e);
}

static const struct geo_file geo_files[] = {
	{ "data/geo/regions.tsv", 4, "region (code, name_th, name_en, sort)", 4, region_row },
	{ "data/geo/clusters.tsv", 3, "province_cluster (code, name_th, name_en)", 3, cluster_row },
	{ "data/geo/provinces.tsv", 5, AREA_INTO, 8, province_row },
	{ "data/geo/districts.tsv", 3, AREA_INTO, 8, district_row },
	{ "data/geo/tambons.tsv", 3, AREA_INTO, 8, tambon_row },
};

/* Loads one file; adds its row count to *rows and its inserts to *inserted. */
static int load_file(struct db *db, const struct geo_file *gf, const char *now, long *rows,
		     long *inserted, struct err *e)
{
	struct batch *b = xcalloc(1, sizeof(*b));
	struct val row[MAX_COLS];
	struct tsv t;
	int r;

	b->db = db;
	b->into = gf->into;
	b->ncols = gf->ncols;
	r = tsv_open(&t, gf->name, e);
	if (r)
		goto fail;
	for (;;) {
		r = tsv_next(&t, gf->nfields, e);
		if (r < 0)
			goto fail;
		if (r == 0)
			break;
		r = gf->row(&t, now, row, e);
		if (r)
			goto fail;
		r = batch_add(b, row, e);
		if (r)
			goto fail;
		(*rows)++;
	}
	r = batch_flush(b, e);
	if (r)
		goto fail;
	*inserted += b->inserted;
fail:
	db_finalize(b->full);
	free(b);
	return r;
}

int geo_load(struct db *db, const char *now, struct geo_counts *out, struct err *e)
{
	struct geo_counts c = { 0 };
	long *rows[] = { &c.regions, &c.clusters, &c.provinces, &c.districts, &c.tambons };
	size_t i;
	int r;

	if (out)
		memset(out, 0, sizeof(*out));
	if (!now || !*now)
		return err_set(e, ERR_INTERNAL, NULL, "ไม่ได้ระบุเวลา", "no timestamp given");
	r = db_begin(db, e);
	if (r)
		return r;
	for (i = 0; i < ARRAY_SIZE(geo_files); i++) {
		r = load_file(db, &geo_files[i], now, rows[i], &c.inserted, e);
		if (r)
			goto fail;
	}
	r = db_commit(db, e);
	if (r)
		goto fail;
	if (out)
		*out = c;
	return 0;
fail:
	db_rollback(db);
	return r;
}

/* ---- queries ---- */

void geo_area_release(struct geo_area *a)
{
	free(a->name_th);
	free(a->name_en);
	memset(a, 0, sizeof(*a));
}

void geo_area_list_release(struct geo_area_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		geo_area_release(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

void geo_region_list_release(struct geo_region_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->items[i].name_th);
		free(l->items[i].name_en);
	}
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

/* Columns read by read_area, in its order. */
#define AREA_COLS                                                                \
	"a.code, a.level, a.parent, a.name_th, a.name_en, a.region, a.cluster, " \
	"(SELECT COUNT(*) FROM area c WHERE c.parent = a.code)"
#define ORDER_CODE " ORDER BY a.code"
#define ORDER_NAME " ORDER BY a.name_th COLLATE \"th-TH-x-icu\", a.code"

static void read_area(struct db_stmt *st, struct geo_area *a)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->code, sizeof(a->code), "%s", db_column_text(st, 0));
	a->level = (int)db_column_int64(st, 1);
	if (a->level == GEO_PROVINCE)
		snprintf(a->parent, sizeof(a->parent), "%s", GEO_NATION_CODE);
	else
		snprintf(a->parent, sizeof(a->parent), "%s", db_column_text(st, 2));
	a->name_th = xstrdup(db_column_text(st, 3));
	a->name_en = db_column_null(st, 4) ? NULL : xstrdup(db_column_text(st, 4));
	snprintf(a->region, sizeof(a->region), "%s", db_column_text(st, 5));
	snprintf(a->cluster, sizeof(a->cluster), "%s", db_column_text(st, 6));
	a->nchildren = (long)db_column_int64(st, 7);
}

/* Runs st (bound) and appends every row to out. */
static int read_areas(struct db_stmt *st, struct geo_area_list *out, struct err *e)
{
	int r = db_step(st, e);

	while (r == DB_ROW) {
		ALLOC_GROW(out->items, out->n + 1, out->cap);
		read_area(st, &out->items[out->n++]);
		r = db_step(st, e);
	}
	return r < 0 ? r : 0;
}

/* Runs sql with one text parameter (or none when arg is NULL) and reads one
 * int64 into *out; a query without rows gives 0. */
static int query_int64(struct db *db, const char *sql, const char *arg, int64_t *out,
		       struct err *e)
{
	struct db_stmt *st = NULL;
	int r;

	*out = 0;
	r = db_prepare(db, sql, &st, e);
	if (r)
		goto fail;
	if (arg)
		db_bind_text(st, 1, arg, -1);
	r = db_step(st, e);
	if (r < 0)
		goto fail;
	if (r == DB_ROW)
		*out = db_column_int64(st, 0);
	r = 0;
fail:
	db_finalize(st);
	return r;
}

static int not_found(struct err *e, const char *code)
{
	return err_set(e, ERR_NOT_FOUND, "code", "ไม่พบพื้นที่รหัส %s", "no area with code %s", code);
}

int geo_area_get(struct db *db, const char *code, struct geo_area *out, struct err *e)
{
	struct db_stmt *st = NULL;
	int64_t n;
	int r;

	memset(out, 0, sizeof(*out));
	r = geo_code_check(code, "code", e);
	if (r)
		return r;
	if (!strcmp(code, GEO_NATION_CODE)) {
		r = query_int64(db, "SELECT COUNT(*) FROM area WHERE parent IS NULL", NULL, &n, e);
		if (r)
			return r;
		snprintf(out->code, sizeof(out->code), "%s", GEO_NATION_CODE);
		out->level = GEO_NATION;
		out->name_th = xstrdup("ประเทศไทย");
		out->name_en = xstrdup("Thailand");
		out->nchildren = (long)n;
		return 0;
	}
	r = db_prepare(db, "SELECT " AREA_COLS " FROM area a WHERE a.code = ?", &st, e);
	if (r)
		goto fail;
	db_bind_text(st, 1, code, -1);
	r = db_step(st, e);
	if (r < 0)
		goto fail;
	if (r == DB_DONE) {
		r = not_found(e, code);
		goto fail;
	}
	read_area(st, out);
	r = 0;
fail:
	db_finalize(st);
	return r;
}

int geo_children(struct db *db, const char *code, enum geo_order order,
		 struct geo_area_list *out, struct err *e)
{
	static const char *const sql[2][2] = {
		{ "SELECT " AREA_COLS " FROM area a WHERE a.parent IS NULL" ORDER_CODE,
		  "SELECT " AREA_COLS " FROM area a WHERE a.parent IS NULL" ORDER_NAME },
		{ "SELECT " AREA_COLS " FROM area a WHERE a.parent = ?" ORDER_CODE,
		  "SELECT " AREA_COLS " FROM area a WHERE a.parent = ?" ORDER_NAME },
	};
	struct db_stmt *st = NULL;
	bool nation;
	int64_t n;
	int r;

	geo_area_list_release(out);
	r = geo_code_check(code, "code", e);
	if (r)
		return r;
	nation = !strcmp(code, GEO_NATION_CODE);
	if (!nation) {
		r = query_int64(db, "SELECT COUNT(*) FROM area WHERE code = ?", code, &n, e);
		if (r)
			goto fail;
		if (!n) {
			r = not_found(e, code);
			goto fail;
		}
	}
	r = db_prepare(db, sql[!nation][order == GEO_ORDER_NAME], &st, e);
	if (r)
		goto fail;
	if (!nation)
		db_bind_text(st, 1, code, -1);
	r = read_areas(st, out, e);
fail:
	db_finalize(st);
	if (r)
		geo_area_list_release(out);
	return r;
}

int geo_regions(struct db *db, struct geo_region_list *out, struct err *e)
{
	struct db_stmt *st = NULL;
	int r;

	geo_region_list_release(out);
	r = db_prepare(db,
		       "SELECT r.code, r.name_th, r.name_en, r.sort, COUNT(a.code)"
		       " FROM region r LEFT JOIN area a ON a.region = r.code AND a.level = 1"
		       " GROUP BY r.code, r.name_th, r.name_en, r.sort ORDER BY r.sort, r.code",
		       &st, e);
	if (r)
		goto fail;
	for (r = db_step(st, e); r == DB_ROW; r = db_step(st, e)) {
		struct geo_region *g;

		ALLOC_GROW(out->items, out->n + 1, out->cap);
		g = &out->items[out->n++];
		snprintf(g->code, sizeof(g->code), "%s", db_column_text(st, 0));
		g->name_th = xstrdup(db_column_text(st, 1));
		g->name_en = xstrdup(db_column_text(st, 2));
		g->sort = (int)db_column_int64(st, 3);
		g->nprovinces = (long)db_column_int64(st, 4);
	}
	if (r > 0)
		r = 0;
fail:
	db_finalize(st);
	if (r)
		geo_region_list_release(out);
	return r;
}

int geo_region_provinces(struct db *db, const char *region, enum geo_order order,
			 struct geo_area_list *out, struct err *e)
{
	static const char *const sql[2] = {
		"SELECT " AREA_COLS " FROM area a WHERE a.level = 1 AND a.region = ?" ORDER_CODE,
		"SELECT " AREA_COLS " FROM area a WHERE a.level = 1 AND a.region = ?" ORDER_NAME,
	};
	struct db_stmt *st = NULL;
	int64_t n = 0;
	int r;

	geo_area_list_release(out);
	if (region && *region && strlen(region) < sizeof(((struct geo_region *)0)->code)) {
		r = query_int64(db, "SELECT COUNT(*) FROM region WHERE code = ?", region, &n, e);
		if (r)
			goto fail;
	}
	if (!n) {
		r = err_set(e, ERR_NOT_FOUND, "region", "ไม่พบภาค \"%s\"", "no region \"%s\"",
			    region ? region : "");
		goto fail;
	}
	r = db_prepare(db, sql[order == GEO_ORDER_NAME], &st, e);
	if (r)
		goto fail;
	db_bind_text(st, 1, region, -1);
	r = read_areas(st, out, e);
fail:
	db_finalize(st);
	if (r)
		geo_area_list_release(out);
	return r;
}

/* ---- villages ---- */

/* Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF. */
static bool utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t len, k;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (i + len > n)
			return false;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

static int check_name(const char *name, const char *field, struct err *e)
{
	size_t n, i;

	if (!name || !*name)
		return err_set(e, ERR_INVALID, field, "ไม่ได้ระบุชื่อหมู่บ้าน",
			       "no village name given");
	n = strlen(name);
	if (n > NAME_MAX_BYTES)
		return err_set(e, ERR_INVALID, field, "ชื่อหมู่บ้านยาวเกิน %d ไบต์",
			       "village name longer than %d bytes", NAME_MAX_BYTES);
	if (!utf8_valid((const unsigned char *)name, n))
		return err_set(e, ERR_INVALID, field, "ชื่อหมู่บ้านไม่ใช่ข้อความ UTF-8 ที่ถูกต้อง",
			       "village name is not valid UTF-8");
	for (i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return err_set(e, ERR_INVALID, field, "ชื่อหมู่บ้านมีอักขระควบคุม",
				       "village name contains control characters");
	if (name[0] == ' ' || name[n - 1] == ' ')
		return err_set(e, ERR_INVALID, field,
			       "ชื่อหมู่บ้านขึ้นต้นหรือลงท้ายด้วยช่องว่าง",
			       "village name starts or ends with a space");
	return 0;
}

int geo_village_add(struct db *db, const char *tambon, const char *name_th, const char *now,
		    char out_code[GEO_CODE_SIZE], struct err *e)
{
	return geo_village_add_at(db, tambon, 0, name_th, NULL, now, out_code, e);
}

int geo_village_add_at(struct db *db, const char *tambon, int moo, const char *name_th,
		       const char *name_en, const char *now, char out_code[GEO_CODE_SIZE],
		       struct err *e)
{
	char code[GEO_CODE_SIZE];
	struct db_stmt *st = NULL;
	int64_t n;
	int r, seq = 1;

	out_code[0] = '\0';
	if (!db_in_tx(db))
		return err_set(e, ERR_INTERNAL, NULL, "geo_village_add ต้องทำในธุรกรรม",
			       "geo_village_add must run inside a transaction");
	if (!now || !*now)
		return err_set(e, ERR_INTERNAL, NULL, "ไม่ได้ระบุเวลา", "no timestamp given");
	r = geo_code_check_level(tambon, GEO_TAMBON, "tambon", e);
	if (r)
		return r;
	r = check_name(name_th, "name_th", e);
	if (r)
		return r;
	if (name_en && *name_en && (r = check_name(name_en, "name_en", e)))
		return r;
	if (moo < 0 || moo > GEO_VILLAGE_MAX)
		return err_set(e, ERR_INVALID, "moo", "หมู่ที่ต้องอยู่ระหว่าง 1 ถึง %d",
			       "village number must be 1 to %d", GEO_VILLAGE_MAX);
	r = query_int64(db, "SELECT COUNT(*) FROM area WHERE code = ? AND level = 3", tambon, &n, e);
	if (r)
		goto fail;
	if (!n) {
		r = err_set(e, ERR_NOT_FOUND, "tambon", "ไม่พบตำบลรหัส %s", "no tambon with code %s",
			    tambon);
		goto fail;
	}
	r = db_prepare(db, "SELECT MAX(code) FROM area WHERE parent = ?", &st, e);
	if (r)
		goto fail;
	db_bind_text(st, 1, tambon, -1);
	r = db_step(st, e);
	if (r < 0)
		goto fail;
	if (r == DB_ROW && !db_column_null(st, 0)) {
		const char *last = db_column_text(st, 0);

		if (geo_level(last) != GEO_VILLAGE) {
			r = err_set(e, ERR_INTERNAL, "tambon", "รหัสหมู่บ้าน %s ในฐานข้อมูลผิดรูปแบบ",
				    "village code %s in the database is malformed", last);
			goto fail;
		}
		seq = (last[6] - '0') * 10 + (last[7] - '0') + 1;
	}
	db_finalize(st);
	st = NULL;
	if (!moo && seq > GEO_VILLAGE_MAX) {
		r = err_set(e, ERR_CONFLICT, "tambon", "ตำบล %s มีหมู่บ้านครบ %d หมู่แล้ว",
			    "tambon %s already has village %d, the last possible", tambon,
			    GEO_VILLAGE_MAX);
		goto fail;
	}
	if (moo) {
		/* A chosen number: the village's real หมู่ที่, free or a conflict. */
		geo_village_code(tambon, moo, code);
		r = query_int64(db, "SELECT COUNT(*) FROM area WHERE code = ?", code, &n, e);
		if (r)
			goto fail;
		if (n) {
			r = err_set(e, ERR_CONFLICT, "moo", "ตำบลนี้มีหมู่ที่ %d แล้ว",
				    "this tambon already has village no. %d", moo);
			goto fail;
		}
		seq = moo;
	}
	geo_village_code(tambon, seq, code);
	r = db_prepare(db,
		       "INSERT INTO " AREA_INTO " VALUES (?, 4, ?, ?, ?, NULL, NULL, ?)", &st, e);
	if (r)
		goto fail;
	db_bind_text(st, 1, code, -1);
	db_bind_text(st, 2, tambon, -1);
	db_bind_text(st, 3, name_th, -1);
	db_bind_text_or_null(st, 4, name_en && *name_en ? name_en : NULL);
	db_bind_text(st, 5, now, -1);
	r = db_step(st, e);
	if (r < 0)
		goto fail;
	memcpy(out_code, code, sizeof(code));
	r = 0;
fail:
	db_finalize(st);
	return r;
}
