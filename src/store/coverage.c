/*
 * SQL for coverage by area and target group (see store/coverage.h). Area
 * filters are index ranges on the DOPA code, never LIKE. The target groups
 * follow core/person.h: the age group is worked out here from the birth
 * date (person_age), the disabled and disadvantaged group from the needs
 * active on the date, with the kinds need_kind_disadvantage names.
 */
#include "store/coverage.h"
#include "core/geo.h"
#include "core/person.h"

DEFINE_LIST(coverage_person_list, coverage_person)
DEFINE_LIST(coverage_count_list, coverage_count)
DEFINE_LIST(coverage_volunteer_list, coverage_volunteer)

/* "'disability', 'bedridden', ..." for an IN list (fixed text, made once per call). */
static void disadvantage_kinds(struct buf *sql)
{
	bool first = true;

	for (int k = 1; k < NEED_COUNT; k++) {
		if (!need_kind_disadvantage((enum need_kind)k))
			continue;
		buf_printf(sql, "%s'%s'", first ? "" : ", ", need_kind_code((enum need_kind)k));
		first = false;
	}
}

int coverage_people(struct db *db, const char *area, int64_t program_id, struct date on,
		    struct coverage_person_list *out, struct err *e)
{
	struct buf sql = BUF_INIT;
	struct db_stmt *st = NULL;
	char lo[16], hi[16];
	int r;

	db_prefix_range(area, lo, hi);
	buf_puts(&sql, "SELECT p.id, COALESCE(p.birth_date, ''), "
		       "CASE WHEN EXISTS (SELECT 1 FROM person_need n WHERE n.person_id = p.id "
		       "AND n.kind IN (");
	disadvantage_kinds(&sql);
	buf_puts(&sql, ") AND n.observed_on <= ? AND (n.ended_on IS NULL OR n.ended_on > ?)) "
		       "THEN 1 ELSE 0 END, "
		       "CASE WHEN EXISTS (SELECT 1 FROM enrolment x WHERE x.person_id = p.id "
		       "AND x.program_id = ? AND x.status = 'active') THEN 1 ELSE 0 END "
		       "FROM person p WHERE p.area >= ? AND p.area < ? AND p.merged_into IS NULL "
		       "AND p.death_date IS NULL ORDER BY p.id");
	if ((r = db_prepare(db, sql.ptr, &st, e)))
		goto out;
	db_bind_date(st, 1, on);
	db_bind_date(st, 2, on);
	db_bind_int64(st, 3, program_id);
	db_bind_text(st, 4, lo, -1);
	db_bind_text(st, 5, hi, -1);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct coverage_person *c = coverage_person_list_push(out);
		struct person p;

		memset(&p, 0, sizeof(p));
		db_column_date(st, 1, &p.birth);
		c->id = db_column_int64(st, 0);
		c->groups = 0;
		if (person_alive(&p, on))
			c->groups = target_group_of_age(person_age(&p, on)) |
				    (db_column_int64(st, 2) ? GROUP_DISADVANTAGED : 0);
		c->enrolled = db_column_int64(st, 3) != 0;
	}
	r = r < 0 ? r : 0;
out:
	db_finalize(st);
	buf_release(&sql);
	return r;
}

static void read_coverage_count(struct db_stmt *st, void *item)
{
	struct coverage_count *c = item;

	db_column_copy(st, 0, c->code, sizeof(c->code));
	c->people = db_column_int64(st, 1);
}

int coverage_child_people(struct db *db, const char *area, size_t child_len,
			  struct coverage_count_list *out, struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	db_prefix_range(area, lo, hi);
	r = db_prepare(db, "SELECT child, COUNT(*) FROM (SELECT substr(area, 1, ?) AS child "
			   "FROM person WHERE area >= ? AND area < ? AND merged_into IS NULL "
			   "AND death_date IS NULL) d GROUP BY child ORDER BY child",
		       &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, (int64_t)child_len);
	db_bind_text(st, 2, lo, -1);
	db_bind_text(st, 3, hi, -1);
	return DB_STEP_LIST(st, out, read_coverage_count, e);
}

int coverage_declined(struct db *db, const char *area, int64_t program_id, int64_t **ids,
		      size_t *n, struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	size_t cap = 0;
	int r;

	*ids = NULL;
	*n = 0;
	db_prefix_range(area, lo, hi);
	r = db_prepare(db, "SELECT DISTINCT p.id FROM outreach_case o JOIN person p ON p.id = o.person_id "
			   "WHERE o.area >= ? AND o.area < ? AND o.program_id = ? AND o.status = 'closed' "
			   "AND o.outcome = 'not_interested' AND p.area >= ? AND p.area < ? "
			   "AND p.merged_into IS NULL AND p.death_date IS NULL "
			   "AND NOT EXISTS (SELECT 1 FROM enrolment x WHERE x.person_id = p.id "
			   "AND x.program_id = ? AND x.status = 'active') ORDER BY p.id",
		       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	db_bind_int64(st, 3, program_id);
	db_bind_text(st, 4, lo, -1);
	db_bind_text(st, 5, hi, -1);
	db_bind_int64(st, 6, program_id);
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(*ids, *n + 1, cap);
		(*ids)[(*n)++] = db_column_int64(st, 0);
	}
	db_finalize(st);
	if (r < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return r;
	}
	return 0;
}

static void read_coverage_volunteer(struct db_stmt *st, void *item)
{
	struct coverage_volunteer *v = item;

	db_column_copy(st, 0, v->username, sizeof(v->username));
	db_column_copy(st, 1, v->display_name, sizeof(v->display_name));
	db_column_copy(st, 2, v->area, sizeof(v->area));
}

int coverage_volunteers(struct db *db, const char *area, struct coverage_volunteer_list *out,
			struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16], up[3][GEO_CODE_SIZE];
	size_t len = strcmp(area, "TH") ? strlen(area) : 0;
	int r;

	/* The scopes above area: its province, district and tambon prefixes. */
	for (size_t i = 0; i < 3; i++)
		snprintf(up[i], sizeof(up[i]), "%.*s", (int)(2 * (i + 1) < len ? 2 * (i + 1) : 0),
			 area);
	db_prefix_range(area, lo, hi);
	r = db_prepare(db, "SELECT username, display_name, area FROM app_user "
			   "WHERE role = 'volunteer' AND disabled = 0 "
			   "AND ((area >= ? AND area < ?) OR area IN (?, ?, ?)) ORDER BY username LIMIT 1000",
		       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	for (int i = 0; i < 3; i++)
		db_bind_text(st, 3 + i, up[i], -1);
	return DB_STEP_LIST(st, out, read_coverage_volunteer, e);
}

int coverage_cases(struct db *db, const char *area, int64_t program_id, const char *status,
		   const char *volunteer, int limit, int64_t offset, struct outreach_list *out,
		   struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	db_prefix_range(area && *area ? area : "TH", lo, hi);
	r = db_prepare(db,
		       OUTREACH_SQL "WHERE o.area >= ? AND o.area < ? AND (? = 0 OR o.program_id = ?) "
		       "AND (? = '' OR o.status = ?) AND (? = '' OR o.assigned_to = ?) "
		       "ORDER BY o.area, o.id LIMIT ? OFFSET ?",
		       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	db_bind_int64(st, 3, program_id);
	db_bind_int64(st, 4, program_id);
	db_bind_text(st, 5, status ? status : "", -1);
	db_bind_text(st, 6, status ? status : "", -1);
	db_bind_text(st, 7, volunteer ? volunteer : "", -1);
	db_bind_text(st, 8, volunteer ? volunteer : "", -1);
	db_bind_int64(st, 9, limit);
	db_bind_int64(st, 10, offset);
	return DB_STEP_LIST(st, out, outreach_read, e);
}
