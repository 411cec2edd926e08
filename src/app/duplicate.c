/*
 * Duplicate review use cases; the rules are in app/duplicate.h. A scan
 * reads the area's people once, sorted by birth date, and compares only
 * people with the same or a nearby birth date, or the same name key: no
 * all-pairs loop.
 */
#include <jansson.h>
#include "app/duplicate.h"
#include "app/person.h"
#include "core/geo.h"
#include "core/similar.h"

/* The longest common prefix of two area codes at a level boundary ("TH" if none). */
static void common_area(const char *x, const char *y, char out[9])
{
	size_t n = 0;

	while (x[n] && x[n] == y[n] && n < 8)
		n++;
	n -= n % 2;
	if (!n)
		snprintf(out, 9, "%s", GEO_NATION_CODE);
	else
		snprintf(out, 9, "%.*s", (int)n, x);
}

static int add(struct db *db, const struct dup_person *p, const struct dup_person *q,
	       const char *reason, int score, const char *now, int *added, struct err *e)
{
	char area[9];
	int one, r;

	common_area(p->area, q->area, area);
	if ((r = dup_insert(db, p->id, q->id, reason, score, area, now, &one, e)))
		return r;
	*added += one;
	return 0;
}

static int by_name(const void *x, const void *y)
{
	const struct dup_person *a = x, *b = y;
	int c = strcmp(a->name_key, b->name_key);

	return c ? c : (a->id < b->id ? -1 : a->id > b->id);
}

static int scan(struct db *db, struct dup_person_list *l, const char *now, int *added,
		struct err *e)
{
	size_t i, j;
	int r;

	/* Same birth date (the list comes sorted by it). */
	for (i = 0; i < l->n; i++)
		for (j = i + 1; j < l->n && !date_cmp(l->items[i].birth, l->items[j].birth); j++) {
			const struct dup_person *p = &l->items[i], *q = &l->items[j];

			if (!strcmp(p->name_key, q->name_key))
				r = add(db, p, q, "same_name_birth", 100, now, added, e);
			else if (similar_distance(p->name_key, q->name_key, 2) <= 2)
				r = add(db, p, q, "similar_name_birth", 80, now, added, e);
			else
				r = 0;
			if (r)
				return r;
		}
	/* Same name key, nearby or swapped birth dates. */
	qsort(l->items, l->n, sizeof(*l->items), by_name);
	for (i = 0; i < l->n; i++)
		for (j = i + 1; j < l->n && !strcmp(l->items[i].name_key, l->items[j].name_key); j++)
			if (similar_birth_near(l->items[i].birth, l->items[j].birth) &&
			    (r = add(db, &l->items[i], &l->items[j], "same_name_near_birth", 60, now,
				     added, e)))
				return r;
	return 0;
}

int app_duplicate_scan(struct app *app, const struct actor *a, const char *area, int *added,
		       struct err *e)
{
	struct dup_person_list l = DUP_PERSON_LIST_INIT;
	char now[32], after[64];
	struct db *db;
	int r;

	*added = 0;
	if ((r = geo_code_check(area, "area", e)) || (r = actor_check(a, PERM_WRITE, area, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = dup_people(db, area, &l, e)) || (r = scan(db, &l, now, added, e)))
		goto fail;
	snprintf(after, sizeof(after), "{\"added\":%d}", *added);
	if ((r = app_audit(app, db, a, "scan", "duplicate", area, area, NULL, after, e)))
		goto fail;
	dup_person_list_release(&l);
	if ((r = db_commit(db, e)))
		*added = 0;
	return r;
fail:
	dup_person_list_release(&l);
	db_rollback(db);
	*added = 0;
	return r;
}

int app_duplicate_list(struct app *app, const struct actor *a, int64_t cursor, int limit,
		       struct dup_candidate *out, size_t *n, struct err *e)
{
	struct db *db;
	int r;

	*n = 0;
	if ((r = actor_check(a, PERM_READ, NULL, e)))
		return r;
	if (limit < 1 || limit > 500)
		return err_set(e, ERR_INVALID, "limit", "limit ต้องอยู่ระหว่าง 1 ถึง 500%s",
			       "limit must be 1 to 500%s", "");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	return dup_list_open(db, a->area, cursor, limit, out, n, e);
}

/* Loads the candidate and checks that it is open and both people are in scope. */
static int load(struct db *db, const struct actor *a, int64_t id, struct dup_candidate *c,
		struct person *pa, struct person *pb, struct err *e)
{
	int64_t ma, mb;
	int r;

	if ((r = actor_check(a, PERM_WRITE, NULL, e)) || (r = dup_get(db, id, c, e)))
		return r;
	if ((r = actor_check(a, PERM_WRITE, c->area, e)) ||
	    (r = person_get(db, c->person_a, pa, &ma, e)) ||
	    (r = person_get(db, c->person_b, pb, &mb, e)) ||
	    (r = actor_check(a, PERM_WRITE, pa->area, e)) ||
	    (r = actor_check(a, PERM_WRITE, pb->area, e)))
		return r;
	if (strcmp(c->status, "open") || ma || mb)
		return err_set(e, ERR_CONFLICT, "id", "รายการซ้ำซ้อน %lld ได้รับการตัดสินแล้ว",
			       "duplicate candidate %lld was decided already", (long long)id);
	return 0;
}

static char *dump(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(o);
	return s;
}

int app_duplicate_merge(struct app *app, const struct actor *a, int64_t id, int64_t keep,
			struct err *e)
{
	struct dup_candidate c;
	struct person pa, pb;
	char now[32], sid[24], sother[24], skeep[24];
	char *before = NULL, *after = NULL;
	struct db *db;
	int64_t other;
	int r;

	person_init(&pa);
	person_init(&pb);
	if (!(db = app_db(app, e)))
		return ERR_DB;
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = load(db, a, id, &c, &pa, &pb, e)))
		goto fail;
	if (keep != c.person_a && keep != c.person_b) {
		r = err_set(e, ERR_INVALID, "keep", "keep ต้องเป็นบุคคลหนึ่งในคู่นี้ (%lld หรือ %lld)",
			    "keep must be one of the pair (%lld or %lld)", (long long)c.person_a,
			    (long long)c.person_b);
		goto fail;
	}
	other = keep == c.person_a ? c.person_b : c.person_a;
	before = dump(json_pack("{s:o, s:o}", "person_a", app_person_json(&pa), "person_b",
				app_person_json(&pb)));
	after = dump(json_pack("{s:I, s:I, s:s}", "keep", (json_int_t)keep, "merged",
			       (json_int_t)other, "status", "merged"));
	snprintf(sid, sizeof(sid), "%lld", (long long)id);
	snprintf(sother, sizeof(sother), "%lld", (long long)other);
	snprintf(skeep, sizeof(skeep), "%lld", (long long)keep);
	if ((r = need_move(db, other, keep, e)) || (r = dup_move_links(db, other, keep, now, e)) ||
	    (r = person_set_merged(db, other, keep, now, e)) ||
	    (r = dup_decide(db, id, "merged", a->username, now, e)) ||
	    (r = app_audit(app, db, a, "merge", "duplicate", sid, c.area, before, after, e)) ||
	    (r = app_audit(app, db, a, "merge", "person", sother,
			   keep == c.person_a ? pb.area : pa.area, NULL, after, e)) ||
	    (r = app_audit(app, db, a, "merge", "person", skeep,
			   keep == c.person_a ? pa.area : pb.area, NULL, after, e)))
		goto fail;
	free(before);
	free(after);
	person_release(&pa);
	person_release(&pb);
	return db_commit(db, e);
fail:
	free(before);
	free(after);
	person_release(&pa);
	person_release(&pb);
	db_rollback(db);
	return r;
}

int app_duplicate_dismiss(struct app *app, const struct actor *a, int64_t id, struct err *e)
{
	struct dup_candidate c;
	struct person pa, pb;
	char now[32], sid[24];
	struct db *db;
	int r;

	person_init(&pa);
	person_init(&pb);
	if (!(db = app_db(app, e)))
		return ERR_DB;
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	snprintf(sid, sizeof(sid), "%lld", (long long)id);
	if ((r = load(db, a, id, &c, &pa, &pb, e)) ||
	    (r = dup_decide(db, id, "dismissed", a->username, now, e)) ||
	    (r = app_audit(app, db, a, "dismiss", "duplicate", sid, c.area, "{\"status\":\"open\"}",
			   "{\"status\":\"dismissed\"}", e)))
		goto fail;
	person_release(&pa);
	person_release(&pb);
	return db_commit(db, e);
fail:
	person_release(&pa);
	person_release(&pb);
	db_rollback(db);
	return r;
}
