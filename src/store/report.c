/*
 * Situation counts (see store/report.h). Three GROUP BY queries, each
 * grouped by the child area (the first 2, 4, 6 or 8 characters of the
 * area code):
 *
 *   1. people by child area, sex and age band (person_area, covering);
 *   2. people with an active need, by child area and kind, with those
 *      holding a valid disability card (need_area_kind joined to person);
 *   3. people with an active disadvantage need, by child area, with how
 *      many have no support (report_support_sql).
 *
 * The area's own counts are the sums of its children's, so one pass gives
 * both. People whose code is shorter than the child level (registered at a
 * tambon when villages are listed) form a row with the area's own code.
 */
#include "store/report.h"
#include "core/geo.h"

void situation_rows_release(struct situation_rows *r)
{
	free(r->children);
	memset(r, 0, sizeof(*r));
}

void report_age_cutoff(struct date d, int years, char out[48])
{
	snprintf(out, 48, "%04d-%02d-%02d", d.y - years, d.m, d.d);
}

void report_support_sql(struct buf *sql, const char *person_col)
{
	buf_printf(sql,
		   "EXISTS (SELECT 1 FROM person_need s WHERE s.person_id = %s"
		   " AND s.kind = 'welfare_card' AND s.observed_on <= ?"
		   " AND (s.ended_on IS NULL OR s.ended_on > ?))",
		   person_col);
}

static struct situation_counts *row_for(struct situation_rows *out, const char *child)
{
	size_t i;

	for (i = 0; i < out->n; i++)
		if (!strcmp(out->children[i].code, child))
			return &out->children[i];
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->children = xrealloc(out->children, out->cap * sizeof(*out->children));
	}
	memset(&out->children[out->n], 0, sizeof(out->children[0]));
	snprintf(out->children[out->n].code, sizeof(out->children[0].code), "%s", child);
	return &out->children[out->n++];
}

/* Alive on the date: born by then (or birth unknown) and not dead by then. */
#define ALIVE(p) \
	"(" p "birth_date IS NULL OR " p "birth_date <= ?) AND (" p "death_date IS NULL OR " p \
	"death_date > ?)"

static int count_people(struct db *db, const char *lo, const char *hi, int len, struct date on,
			const char *iso, struct situation_rows *out, struct err *e)
{
	struct buf sql = BUF_INIT;
	struct db_stmt *st = NULL;
	char cut[48];
	int band, r, i = 1;

	buf_puts(&sql, "SELECT substr(area, 1, ?), sex, CASE WHEN birth_date IS NULL THEN -1");
	for (band = AGE_BANDS - 1; band > 0; band--)
		buf_printf(&sql, " WHEN birth_date <= ? THEN %d", band);
	buf_puts(&sql, " ELSE 0 END, COUNT(*) FROM person"
		       " WHERE area >= ? AND area < ? AND merged_into IS NULL AND " ALIVE("")
		       " GROUP BY 1, 2, 3");
	if ((r = db_prepare(db, sql.ptr, &st, e)))
		goto done;
	db_bind_int64(st, i++, len);
	for (band = AGE_BANDS - 1; band > 0; band--) {
		report_age_cutoff(on, band * 5, cut);
		db_bind_text(st, i++, cut, -1);
	}
	db_bind_text(st, i++, lo, -1);
	db_bind_text(st, i++, hi, -1);
	db_bind_text(st, i++, iso, -1);
	db_bind_text(st, i++, iso, -1);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct situation_counts *c = row_for(out, db_column_text(st, 0));
		enum sex s = sex_parse(db_column_text(st, 1));
		int64_t n = db_column_int64(st, 3);

		band = (int)db_column_int64(st, 2);
		if ((int)s < 0)
			s = SEX_UNKNOWN;
		c->total += n;
		if (band < 0) {
			c->age_unknown[s] += n;
			continue;
		}
		c->pyramid[s][band] += n;
		/* Band edges fall on 25 and 60, so the age groups follow from the band. */
		c->groups[band < 5 ? 0 : band < 12 ? 1 : 2] += n;
	}
done:
	db_finalize(st);
	buf_release(&sql);
	return r < 0 ? r : 0;
}

static int count_needs(struct db *db, const char *lo, const char *hi, int len, const char *iso,
		       struct situation_rows *out, struct err *e)
{
	static const char sql[] =
		"SELECT substr(n.area, 1, ?), n.kind, COUNT(DISTINCT n.person_id),"
		" COUNT(DISTINCT CASE WHEN n.kind = 'disability' AND n.card_no IS NOT NULL"
		"  AND n.card_no <> '' AND (n.card_expires IS NULL OR n.card_expires > ?)"
		"  THEN n.person_id END)"
		" FROM person_need n JOIN person p ON p.id = n.person_id"
		" WHERE n.area >= ? AND n.area < ? AND n.observed_on <= ?"
		" AND (n.ended_on IS NULL OR n.ended_on > ?)"
		" AND p.merged_into IS NULL AND " ALIVE("p.") " GROUP BY 1, 2";
	struct db_stmt *st = NULL;
	int r;

	if ((r = db_prepare(db, sql, &st, e)))
		return r;
	db_bind_int64(st, 1, len);
	db_bind_text(st, 2, iso, -1);
	db_bind_text(st, 3, lo, -1);
	db_bind_text(st, 4, hi, -1);
	db_bind_text(st, 5, iso, -1);
	db_bind_text(st, 6, iso, -1);
	db_bind_text(st, 7, iso, -1);
	db_bind_text(st, 8, iso, -1);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct situation_counts *c = row_for(out, db_column_text(st, 0));
		int k = need_kind_parse(db_column_text(st, 1));

		if (k <= 0)
			continue;
		c->needs[k] += db_column_int64(st, 2);
		if (k == NEED_DISABILITY)
			c->disabled_no_card += db_column_int64(st, 2) - db_column_int64(st, 3);
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

static int count_disadvantaged(struct db *db, const char *lo, const char *hi, int len,
			       const char *iso, struct situation_rows *out, struct err *e)
{
	struct buf sql = BUF_INIT;
	struct db_stmt *st = NULL;
	const char *p;
	bool first = true;
	int k, r, i = 1, params;

	buf_puts(&sql, "SELECT child, COUNT(*), COUNT(CASE WHEN ");
	buf_puts(&sql, "NOT ");
	{
		size_t at = sql.len;

		report_support_sql(&sql, "d.pid");
		for (params = 0, p = sql.ptr + at; *p; p++)
			params += *p == '?';
	}
	buf_puts(&sql, " THEN 1 END) FROM (SELECT DISTINCT substr(n.area, 1, ?) AS child,"
		       " n.person_id AS pid FROM person_need n JOIN person p ON p.id = n.person_id"
		       " WHERE n.area >= ? AND n.area < ? AND n.kind IN (");
	for (k = 1; k < NEED_COUNT; k++) {
		if (!need_kind_disadvantage((enum need_kind)k))
			continue;
		buf_printf(&sql, "%s'%s'", first ? "" : ", ", need_kind_code((enum need_kind)k));
		first = false;
	}
	buf_puts(&sql, ") AND n.observed_on <= ? AND (n.ended_on IS NULL OR n.ended_on > ?)"
		       " AND p.merged_into IS NULL AND " ALIVE("p.") ") d GROUP BY child");
	if ((r = db_prepare(db, sql.ptr, &st, e)))
		goto done;
	while (params-- > 0)
		db_bind_text(st, i++, iso, -1);
	db_bind_int64(st, i++, len);
	db_bind_text(st, i++, lo, -1);
	db_bind_text(st, i++, hi, -1);
	for (k = 0; k < 4; k++)
		db_bind_text(st, i++, iso, -1);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct situation_counts *c = row_for(out, db_column_text(st, 0));

		c->groups[3] += db_column_int64(st, 1);
		c->no_support += db_column_int64(st, 2);
	}
done:
	db_finalize(st);
	buf_release(&sql);
	return r < 0 ? r : 0;
}

static void add_counts(struct situation_counts *to, const struct situation_counts *c)
{
	int i, j;

	to->total += c->total;
	for (i = 0; i < GROUP_COUNT; i++)
		to->groups[i] += c->groups[i];
	for (i = 0; i < REPORT_SEXES; i++) {
		to->age_unknown[i] += c->age_unknown[i];
		for (j = 0; j < AGE_BANDS; j++)
			to->pyramid[i][j] += c->pyramid[i][j];
	}
	for (i = 0; i < NEED_COUNT; i++)
		to->needs[i] += c->needs[i];
	to->disabled_no_card += c->disabled_no_card;
	to->no_support += c->no_support;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct situation_counts *)a)->code,
		      ((const struct situation_counts *)b)->code);
}

int report_situation(struct db *db, const char *code, struct date on, bool with_children,
		     struct situation_rows *out, struct err *e)
{
	char lo[16], hi[16], iso[48];
	bool nation = !strcmp(code, GEO_NATION_CODE);
	int len = nation ? 2 : (int)strlen(code) + 2;
	size_t i;
	int r;

	situation_rows_release(out);
	db_prefix_range(code, lo, hi);
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", on.y, on.m, on.d);
	if (!nation && strlen(code) >= 8)
		len = 8; /* a village has no children: one row, itself */
	if ((r = count_people(db, lo, hi, len, on, iso, out, e)) ||
	    (r = count_needs(db, lo, hi, len, iso, out, e)) ||
	    (r = count_disadvantaged(db, lo, hi, len, iso, out, e))) {
		situation_rows_release(out);
		return r;
	}
	snprintf(out->all.code, sizeof(out->all.code), "%s", code);
	for (i = 0; i < out->n; i++)
		add_counts(&out->all, &out->children[i]);
	if (!with_children || (!nation && strlen(code) >= 8)) {
		free(out->children);
		out->children = NULL;
		out->n = out->cap = 0;
	} else if (out->n) {
		qsort(out->children, out->n, sizeof(*out->children), by_code);
	}
	return 0;
}
