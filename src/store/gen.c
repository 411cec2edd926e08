/*
 * Bulk inserts for the synthetic population. Each table is written in
 * statements of GEN_ROWS rows ("INSERT ... VALUES (...), (...), ..."), the
 * remainder one row at a time; both texts are fixed, so the connection's
 * statement cache parses each once. Multi-row VALUES is what PostgreSQL
 * needs to avoid a round trip per row, and on SQLite it saves the per-
 * statement overhead. 64 rows of 20 columns stay far below both engines'
 * parameter limits (SQLite 32,766, PostgreSQL 65,535).
 */
#include "store/gen.h"
#include "lib/buf.h"

#define GEN_ROWS 64

typedef void (*bind_fn)(struct db_stmt *st, int base, const void *row, const void *ctx);

/* "INSERT INTO t (cols) VALUES (?,..),(?,..)" for rows rows of ncols columns. */
static char *insert_sql(const char *head, int ncols, int rows)
{
	struct buf b = BUF_INIT;
	int r, c;

	buf_puts(&b, head);
	buf_puts(&b, " VALUES ");
	for (r = 0; r < rows; r++) {
		buf_puts(&b, r ? ",(" : "(");
		for (c = 0; c < ncols; c++)
			buf_puts(&b, c ? ",?" : "?");
		buf_putc(&b, ')');
	}
	return buf_detach(&b, NULL);
}

static int run(struct db *db, const char *sql, int ncols, int rows, const char *base, size_t size,
	       bind_fn bind, const void *ctx, struct err *e)
{
	struct db_stmt *st = NULL;
	int r, i;

	if ((r = db_prepare(db, sql, &st, e)))
		return r;
	for (i = 0; i < rows; i++)
		bind(st, 1 + i * ncols, base + (size_t)i * size, ctx);
	r = db_step(st, e);
	db_finalize(st);
	return r < 0 ? r : 0;
}

static int insert_rows(struct db *db, const char *head, int ncols, const void *rows, size_t n,
		       size_t size, bind_fn bind, const void *ctx, struct err *e)
{
	char *many = insert_sql(head, ncols, GEN_ROWS), *one = insert_sql(head, ncols, 1);
	const char *p = rows;
	size_t i = 0;
	int r = 0;

	for (; !r && i + GEN_ROWS <= n; i += GEN_ROWS)
		r = run(db, many, ncols, GEN_ROWS, p + i * size, size, bind, ctx, e);
	for (; !r && i < n; i++)
		r = run(db, one, ncols, 1, p + i * size, size, bind, ctx, e);
	free(many);
	free(one);
	return r;
}

static void text_or_null(struct db_stmt *st, int i, const char *s)
{
	if (s && *s)
		db_bind_text(st, i, s, -1);
	else
		db_bind_null(st, i);
}

int gen_next_ids(struct db *db, int64_t *household_id, int64_t *person_id, struct err *e)
{
	int r;

	if ((r = db_query_int64(db, "SELECT COALESCE(MAX(id), 0) + 1 FROM household", household_id, e)))
		return r;
	return db_query_int64(db, "SELECT COALESCE(MAX(id), 0) + 1 FROM person", person_id, e);
}

static void bind_household(struct db_stmt *st, int i, const void *row, const void *ctx)
{
	const struct gen_household_row *h = row;
	const char *now = ctx;

	db_bind_int64(st, i, h->id);
	db_bind_text(st, i + 1, h->area, -1);
	db_bind_text(st, i + 2, h->area, 2);
	db_bind_text(st, i + 3, h->house_no, -1);
	if (h->monthly_income < 0)
		db_bind_null(st, i + 4);
	else
		db_bind_int64(st, i + 4, h->monthly_income);
	db_bind_int64(st, i + 5, h->head_person_id);
	db_bind_text(st, i + 6, now, -1);
	db_bind_text(st, i + 7, now, -1);
}

int gen_insert_households(struct db *db, const struct gen_household_row *rows, size_t n,
			  const char *now, struct err *e)
{
	return insert_rows(db,
			   "INSERT INTO household (id, area, province, house_no, monthly_income, "
			   "head_person_id, created_at, updated_at)",
			   8, rows, n, sizeof(*rows), bind_household, now, e);
}

static void bind_person(struct db_stmt *st, int i, const void *row, const void *ctx)
{
	const struct gen_person_row *p = row;
	const char *now = ctx;

	db_bind_int64(st, i, p->id);
	text_or_null(st, i + 1, p->national_id);
	if (p->national_id[0])
		db_bind_int64(st, i + 2, p->national_id[0] - '0');
	else
		db_bind_null(st, i + 2);
	db_bind_text(st, i + 3, p->title, -1);
	db_bind_text(st, i + 4, p->given_name, -1);
	db_bind_text(st, i + 5, p->family_name, -1);
	db_bind_text(st, i + 6, p->name_key, -1);
	db_bind_text(st, i + 7, p->sex, -1);
	db_bind_text(st, i + 8, p->birth_date, -1);
	text_or_null(st, i + 9, p->death_date);
	db_bind_text(st, i + 10, p->nationality, -1);
	db_bind_text(st, i + 11, p->reg_status, -1);
	db_bind_text(st, i + 12, p->area, -1);
	db_bind_text(st, i + 13, p->area, 2);
	db_bind_text(st, i + 14, p->house_no, -1);
	db_bind_text(st, i + 15, p->phone, -1);
	db_bind_int64(st, i + 16, p->household_id);
	db_bind_text(st, i + 17, p->relation, -1);
	db_bind_text(st, i + 18, now, -1);
	db_bind_text(st, i + 19, now, -1);
}

int gen_insert_persons(struct db *db, const struct gen_person_row *rows, size_t n,
		       const char *now, struct err *e)
{
	return insert_rows(db,
			   "INSERT INTO person (id, national_id, id_category, title, given_name, "
			   "family_name, name_key, sex, birth_date, death_date, nationality, "
			   "reg_status, area, province, house_no, phone, household_id, relation, "
			   "created_at, updated_at)",
			   20, rows, n, sizeof(*rows), bind_person, now, e);
}

struct need_ctx {
	const char *recorded_by, *now;
};

static void bind_need(struct db_stmt *st, int i, const void *row, const void *ctx)
{
	const struct gen_need_row *x = row;
	const struct need_ctx *c = ctx;

	db_bind_int64(st, i, x->person_id);
	db_bind_text(st, i + 1, x->area, -1);
	db_bind_text(st, i + 2, x->kind, -1);
	db_bind_int64(st, i + 3, x->sensitive);
	db_bind_text(st, i + 4, x->observed_on, -1);
	db_bind_text(st, i + 5, "survey", -1);
	db_bind_text_or_null(st, i + 6, x->disability_type);
	text_or_null(st, i + 7, x->card_no);
	text_or_null(st, i + 8, x->card_issued);
	text_or_null(st, i + 9, x->card_expires);
	db_bind_text(st, i + 10, c->recorded_by, -1);
	db_bind_text(st, i + 11, c->now, -1);
}

int gen_insert_needs(struct db *db, const struct gen_need_row *rows, size_t n,
		     const char *recorded_by, const char *now, struct err *e)
{
	struct need_ctx c = { recorded_by, now };

	return insert_rows(db,
			   "INSERT INTO person_need (person_id, area, kind, sensitive, observed_on, "
			   "source, disability_type, card_no, card_issued, card_expires, "
			   "recorded_by, created_at)",
			   12, rows, n, sizeof(*rows), bind_need, &c, e);
}

struct consent_ctx {
	const char *given_on, *recorded_by, *now;
};

static void bind_consent(struct db_stmt *st, int i, const void *row, const void *ctx)
{
	const struct gen_person_row *p = row;
	const struct consent_ctx *c = ctx;

	db_bind_int64(st, i, p->id);
	db_bind_text(st, i + 1, "welfare_registry", -1);
	db_bind_text(st, i + 2, "public_task", -1);
	db_bind_text(st, i + 3, c->given_on, -1);
	db_bind_text(st, i + 4, c->recorded_by, -1);
	db_bind_text(st, i + 5, c->now, -1);
}

int gen_insert_consents(struct db *db, const struct gen_person_row *rows, size_t n,
			const char *given_on, const char *recorded_by, const char *now,
			struct err *e)
{
	struct consent_ctx c = { given_on, recorded_by, now };

	return insert_rows(db,
			   "INSERT INTO consent (person_id, purpose, basis, given_on, recorded_by, "
			   "created_at)",
			   6, rows, n, sizeof(*rows), bind_consent, &c, e);
}

int gen_tune(struct db *db, struct err *e)
{
	if (strcmp(db_driver(db), "sqlite"))
		return 0;
	/* Index inserts land all over the name, birth-date and trigram
	 * B-trees; with SQLite's default 2 MiB page cache every batch rereads
	 * and rewrites their pages (8x slower at a million people). */
	return db_exec(db, "PRAGMA cache_size=-" GEN_SQLITE_CACHE_KIB, e);
}

int gen_sync_ids(struct db *db, struct err *e)
{
	int64_t v;
	int r;

	if (!strcmp(db_driver(db), "sqlite"))
		return 0;
	if ((r = db_query_int64(db,
				"SELECT setval(pg_get_serial_sequence('household', 'id'), "
				"(SELECT COALESCE(MAX(id), 0) + 1 FROM household), false)",
				&v, e)))
		return r;
	return db_query_int64(db,
			      "SELECT setval(pg_get_serial_sequence('person', 'id'), "
			      "(SELECT COALESCE(MAX(id), 0) + 1 FROM person), false)",
			      &v, e);
}

static int count_range(struct db *db, const char *sql, const char *province, int64_t *n,
		       struct err *e)
{
	char lo[16], hi[16];
	struct db_stmt *st = NULL;
	int r;

	*n = 0;
	db_prefix_range(province, lo, hi);
	if ((r = db_prepare(db, sql, &st, e)))
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	r = db_step(st, e);
	if (r == DB_ROW)
		*n = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int gen_person_count(struct db *db, const char *province, int64_t *n, struct err *e)
{
	return count_range(db, "SELECT COUNT(*) FROM person WHERE area >= ? AND area < ?",
			   province, n, e);
}

int gen_runs(struct db *db, const char *province, int64_t *n, struct err *e)
{
	struct db_stmt *st = NULL;
	int r;

	*n = 0;
	if ((r = db_prepare(db,
			    "SELECT COUNT(*) FROM audit_log WHERE entity = 'synthetic_population' "
			    "AND entity_id = ?",
			    &st, e)))
		return r;
	db_bind_text(st, 1, province, -1);
	r = db_step(st, e);
	if (r == DB_ROW)
		*n = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int gen_areas(struct db *db, const char *province, char (**codes)[9], size_t *n, struct err *e)
{
	char lo[16], hi[16];
	struct db_stmt *st = NULL;
	char (*v)[9] = NULL;
	size_t cap = 0;
	int r;

	*codes = NULL;
	*n = 0;
	db_prefix_range(province, lo, hi);
	if ((r = db_prepare(db,
			    "SELECT code FROM area WHERE code >= ? AND code < ? AND level >= 3 "
			    "ORDER BY code",
			    &st, e)))
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	while ((r = db_step(st, e)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			v = xrealloc(v, cap * sizeof(*v));
		}
		snprintf(v[(*n)++], 9, "%s", db_column_text(st, 0));
	}
	db_finalize(st);
	if (r < 0) {
		free(v);
		*n = 0;
		return r;
	}
	*codes = v;
	return 0;
}

int gen_people_in(struct db *db, const char *area, const char *born_by, int64_t *ids, size_t max,
		  size_t *n, struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	*n = 0;
	db_prefix_range(area, lo, hi);
	if ((r = db_prepare(db,
			    "SELECT id FROM person WHERE area >= ? AND area < ? AND death_date IS NULL "
			    "AND merged_into IS NULL AND birth_date <= ? ORDER BY id LIMIT ?",
			    &st, e)))
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	db_bind_text(st, 3, born_by, -1);
	db_bind_int64(st, 4, (int64_t)max);
	while ((r = db_step(st, e)) == DB_ROW && *n < max)
		ids[(*n)++] = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}
