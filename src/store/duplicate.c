/*
 * Duplicate candidates in the database; see store/duplicate.h. The scan's
 * rules (which pairs, what score) are in app/duplicate and core/similar.
 */
#include "store/duplicate.h"

void dup_person_list_release(struct dup_person_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->items[i].name_key);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

int dup_people(struct db *db, const char *area, struct dup_person_list *out, struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	dup_person_list_release(out);
	db_prefix_range(area, lo, hi);
	if ((r = db_prepare(db,
			    "SELECT id, area, name_key, birth_date FROM person WHERE area >= ? AND"
			    " area < ? AND merged_into IS NULL AND death_date IS NULL AND birth_date"
			    " IS NOT NULL ORDER BY birth_date, id",
			    &st, e)))
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct dup_person *p;

		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 64;
			out->items = xrealloc(out->items, out->cap * sizeof(*out->items));
		}
		p = &out->items[out->n];
		memset(p, 0, sizeof(*p));
		if (date_parse(db_column_text(st, 3), 0, &p->birth, NULL, NULL))
			continue;
		p->id = db_column_int64(st, 0);
		snprintf(p->area, sizeof(p->area), "%s", db_column_text(st, 1));
		p->name_key = xstrdup(db_column_text(st, 2));
		out->n++;
	}
	db_finalize(st);
	if (r < 0)
		dup_person_list_release(out);
	return r < 0 ? r : 0;
}

int dup_insert(struct db *db, int64_t a, int64_t b, const char *reason, int score,
	       const char *area, const char *now, int *added, struct err *e)
{
	struct db_stmt *st;
	int r;

	*added = 0;
	if ((r = db_prepare(db,
			    "INSERT INTO duplicate_candidate (person_a, person_b, reason, score, area,"
			    " status, created_at) VALUES (?, ?, ?, ?, ?, 'open', ?)"
			    " ON CONFLICT (person_a, person_b) DO NOTHING",
			    &st, e)))
		return r;
	db_bind_int64(st, 1, a < b ? a : b);
	db_bind_int64(st, 2, a < b ? b : a);
	db_bind_text(st, 3, reason, -1);
	db_bind_int64(st, 4, score);
	db_bind_text(st, 5, area, -1);
	db_bind_text(st, 6, now, -1);
	r = db_step(st, e);
	if (r >= 0)
		*added = db_changes(st) > 0;
	db_finalize(st);
	return r < 0 ? r : 0;
}

#define CANDIDATE_COLS "id, person_a, person_b, reason, score, area, status"

static void read_candidate(struct db_stmt *st, struct dup_candidate *c)
{
	memset(c, 0, sizeof(*c));
	c->id = db_column_int64(st, 0);
	c->person_a = db_column_int64(st, 1);
	c->person_b = db_column_int64(st, 2);
	snprintf(c->reason, sizeof(c->reason), "%s", db_column_text(st, 3));
	c->score = (int)db_column_int64(st, 4);
	snprintf(c->area, sizeof(c->area), "%s", db_column_text(st, 5));
	snprintf(c->status, sizeof(c->status), "%s", db_column_text(st, 6));
}

int dup_get(struct db *db, int64_t id, struct dup_candidate *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	if ((r = db_prepare(db, "SELECT " CANDIDATE_COLS " FROM duplicate_candidate WHERE id = ?",
			    &st, e)))
		return r;
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW)
		read_candidate(st, out);
	db_finalize(st);
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "ไม่พบรายการซ้ำซ้อนหมายเลข %lld",
			       "no duplicate candidate %lld", (long long)id);
	return r < 0 ? r : 0;
}

int dup_list_open(struct db *db, const char *area, int64_t after_id, int limit,
		  struct dup_candidate *out, size_t *n, struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	*n = 0;
	db_prefix_range(area, lo, hi);
	if ((r = db_prepare(db,
			    "SELECT d.id, d.person_a, d.person_b, d.reason, d.score, d.area, d.status"
			    " FROM duplicate_candidate d JOIN person a ON a.id = d.person_a"
			    " JOIN person b ON b.id = d.person_b WHERE d.status = 'open'"
			    " AND d.area >= ? AND d.area < ? AND d.id > ? AND a.merged_into IS NULL"
			    " AND b.merged_into IS NULL ORDER BY d.id LIMIT ?",
			    &st, e)))
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	db_bind_int64(st, 3, after_id);
	db_bind_int64(st, 4, limit);
	while ((r = db_step(st, e)) == DB_ROW)
		read_candidate(st, &out[(*n)++]);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int dup_decide(struct db *db, int64_t id, const char *status, const char *by, const char *now,
	       struct err *e)
{
	struct db_stmt *st;
	int r;

	if ((r = db_prepare(db,
			    "UPDATE duplicate_candidate SET status = ?, decided_by = ?, decided_at = ?"
			    " WHERE id = ? AND status = 'open'",
			    &st, e)))
		return r;
	db_bind_text(st, 1, status, -1);
	db_bind_text(st, 2, by, -1);
	db_bind_text(st, 3, now, -1);
	db_bind_int64(st, 4, id);
	r = db_step(st, e);
	if (r >= 0 && db_changes(st) != 1)
		r = err_set(e, ERR_CONFLICT, "id", "รายการซ้ำซ้อน %lld ได้รับการตัดสินแล้ว",
			    "duplicate candidate %lld was decided already", (long long)id);
	db_finalize(st);
	return r < 0 ? r : 0;
}

/* Runs sql with int64 parameters (and now first when given). */
static int run(struct db *db, const char *sql, const char *now, const int64_t *v, int n,
	       struct err *e)
{
	struct db_stmt *st;
	int r, i, k = 1;

	if ((r = db_prepare(db, sql, &st, e)))
		return r;
	if (now)
		db_bind_text(st, k++, now, -1);
	for (i = 0; i < n; i++)
		db_bind_int64(st, k++, v[i]);
	r = db_step(st, e);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int dup_move_links(struct db *db, int64_t from, int64_t to, const char *now, struct err *e)
{
	const int64_t hh[] = { from, from, to }, head[] = { to, from }, area[] = { to, to };
	int r;

	/* Household: the kept person takes the other's place when they have none. */
	if ((r = run(db,
		     "UPDATE person SET updated_at = ?, household_id = (SELECT o.household_id FROM"
		     " person o WHERE o.id = ?), relation = (SELECT o.relation FROM person o WHERE"
		     " o.id = ?) WHERE id = ? AND household_id IS NULL",
		     now, hh, 3, e)) ||
	    (r = run(db, "UPDATE household SET head_person_id = ? WHERE head_person_id = ?", NULL,
		     head, 2, e)))
		return r;
	/* Needs follow the kept person's area, which the area roll-ups read. */
	return run(db,
		   "UPDATE person_need SET area = (SELECT p.area FROM person p WHERE p.id = ?)"
		   " WHERE person_id = ?",
		   NULL, area, 2, e);
}
