/*
 * SQL for welfare assemblies and proposals (migration 0009). The app layer
 * (app/assembly.c) checks roles, areas, quotas and the proposal's road
 * before anything reaches here; this file only moves rows.
 */
#include "store/assembly.h"
#include "lib/util.h"

DEFINE_LIST(assembly_list, assembly);
DEFINE_LIST(asm_organiser_list, asm_organiser);
DEFINE_LIST(asm_quota_list, asm_quota);
DEFINE_LIST(asm_registration_list, asm_registration);
DEFINE_LIST(asm_attendance_list, asm_attendance);
DEFINE_LIST(asm_agenda_list, asm_agenda);
DEFINE_LIST(proposal_list, proposal);
DEFINE_LIST(proposal_step_list, proposal_step);
DEFINE_LIST(asm_commitment_list, asm_commitment);
DEFINE_LIST(asm_count_list, asm_count);

/* The first day of year and of the next, as ISO text ("0000".."9999" for any year). */
static void year_range(int year, char lo[16], char hi[16])
{
	if (year <= 0 || year > 9998) {
		snprintf(lo, 16, "0000");
		snprintf(hi, 16, "9999");
	} else {
		snprintf(lo, 16, "%04d-01-01", year);
		snprintf(hi, 16, "%04d-01-01", year + 1);
	}
}

/* ---- events ---- */

#define ASM_COLS                                                                              \
	"a.id, a.title, a.level, a.area, a.group_code, a.province, a.starts_on, a.ends_on, "     \
	"a.venue, a.budget, a.status, a.note, a.created_by, a.created_at, "                     \
	"(SELECT COUNT(*) FROM assembly_registration r WHERE r.assembly_id = a.id AND "         \
	"r.withdrawn_at IS NULL), "                                                              \
	"(SELECT COUNT(DISTINCT t.registration_id) FROM assembly_attendance t JOIN "              \
	"assembly_registration r ON r.id = t.registration_id WHERE r.assembly_id = a.id), "      \
	"(SELECT COUNT(*) FROM proposal p WHERE p.assembly_id = a.id) "

static void read_assembly(struct db_stmt *st, void *item)
{
	struct assembly *a = item;

	memset(a, 0, sizeof(*a));
	a->id = db_column_int64(st, 0);
	db_column_copy(st, 1, a->title, sizeof(a->title));
	db_column_copy(st, 2, a->level, sizeof(a->level));
	db_column_copy(st, 3, a->area, sizeof(a->area));
	db_column_copy(st, 4, a->group_code, sizeof(a->group_code));
	db_column_copy(st, 5, a->province, sizeof(a->province));
	db_column_date(st, 6, &a->starts_on);
	db_column_date(st, 7, &a->ends_on);
	db_column_copy(st, 8, a->venue, sizeof(a->venue));
	a->budget = db_column_int64(st, 9);
	db_column_copy(st, 10, a->status, sizeof(a->status));
	db_column_copy(st, 11, a->note, sizeof(a->note));
	db_column_copy(st, 12, a->created_by, sizeof(a->created_by));
	db_column_copy(st, 13, a->created_at, sizeof(a->created_at));
	a->registered = db_column_int64(st, 14);
	a->attended = db_column_int64(st, 15);
	a->proposals = db_column_int64(st, 16);
}

int assembly_insert(struct db *db, const struct assembly *a, const char *by, const char *now,
		    int64_t *id, struct err *e)
{
	struct db_stmt *st;
	char province[4] = "";
	int r;

	if (strcmp(a->area, "TH") && strlen(a->area) >= 2)
		memcpy(province, a->area, 2);
	r = db_prepare(db,
		       "INSERT INTO assembly (title, level, area, group_code, province, starts_on, "
		       "ends_on, venue, budget, status, note, created_by, created_at, updated_at) "
		       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?, ?, ?) RETURNING id",
		       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, a->title, -1);
	db_bind_text(st, 2, a->level, -1);
	db_bind_text(st, 3, a->area, -1);
	db_bind_text(st, 4, a->group_code, -1);
	db_bind_text(st, 5, province, -1);
	db_bind_date(st, 6, a->starts_on);
	db_bind_date(st, 7, a->ends_on);
	db_bind_text(st, 8, a->venue, -1);
	db_bind_int64(st, 9, a->budget);
	db_bind_text(st, 10, a->note, -1);
	db_bind_text(st, 11, by, -1);
	db_bind_text(st, 12, now, -1);
	db_bind_text(st, 13, now, -1);
	return db_step_id(st, id, e);
}

int assembly_set_status(struct db *db, int64_t id, const char *status, const char *now,
			struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, "UPDATE assembly SET status = ?, updated_at = ? WHERE id = ?", &st, e);

	if (r)
		return r;
	db_bind_text(st, 1, status, -1);
	db_bind_text(st, 2, now, -1);
	db_bind_int64(st, 3, id);
	return db_step_changed(st, "เวที", "assembly", e);
}

int assembly_get(struct db *db, int64_t id, struct assembly *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	r = db_prepare(db, "SELECT " ASM_COLS "FROM assembly a WHERE a.id = ?", &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		read_assembly(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "id", "ไม่พบเวทีหมายเลข %lld", "no assembly %lld",
			    (long long)id);
	}
	db_finalize(st);
	return r;
}

int assembly_list_area(struct db *db, const char *within, const char *const above[4], int year,
		       int limit, int64_t offset, struct assembly_list *out, struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16], ylo[16], yhi[16];
	int r;

	db_prefix_range(within, lo, hi);
	year_range(year, ylo, yhi);
	r = db_prepare(db,
		       "SELECT " ASM_COLS "FROM assembly a WHERE ((a.area >= ? AND a.area < ?) OR "
		       "a.area IN (?, ?, ?, ?)) AND a.starts_on >= ? AND a.starts_on < ? "
		       "ORDER BY a.starts_on DESC, a.id DESC LIMIT ? OFFSET ?",
		       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	for (int i = 0; i < 4; i++)
		db_bind_text(st, 3 + i, above && above[i] ? above[i] : "", -1);
	db_bind_text(st, 7, ylo, -1);
	db_bind_text(st, 8, yhi, -1);
	db_bind_int64(st, 9, limit);
	db_bind_int64(st, 10, offset);
	return DB_STEP_LIST(st, out, read_assembly, e);
}

int asm_organiser_insert(struct db *db, int64_t assembly_id, int64_t org_id, const char *name,
			 struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, "INSERT INTO assembly_organiser (assembly_id, org_id, name) "
			       "VALUES (?, ?, ?)", &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, assembly_id);
	if (org_id)
		db_bind_int64(st, 2, org_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, name ? name : "", -1);
	return db_step_done(st, e);
}

static void read_organiser(struct db_stmt *st, void *item)
{
	struct asm_organiser *o = item;

	o->id = db_column_int64(st, 0);
	o->org_id = db_column_null(st, 1) ? 0 : db_column_int64(st, 1);
	db_column_copy(st, 2, o->name, sizeof(o->name));
}

int asm_organisers(struct db *db, int64_t assembly_id, struct asm_organiser_list *out,
		   struct err *e)
{
	return DB_LIST_BY_ID(db,
			     "SELECT o.id, o.org_id, CASE WHEN o.org_id IS NULL THEN o.name ELSE "
			     "g.name_th END FROM assembly_organiser o LEFT JOIN org g ON g.id = "
			     "o.org_id WHERE o.assembly_id = ? ORDER BY o.id",
			     assembly_id, out, read_organiser, e);
}

int asm_quota_set(struct db *db, int64_t assembly_id, const char *area, int64_t quota,
		  struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "INSERT INTO assembly_quota (assembly_id, area, quota) VALUES (?, ?, ?) "
			   "ON CONFLICT (assembly_id, area) DO UPDATE SET quota = excluded.quota",
			   &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, assembly_id);
	db_bind_text(st, 2, area, -1);
	db_bind_int64(st, 3, quota);
	return db_step_done(st, e);
}

static void read_quota(struct db_stmt *st, void *item)
{
	struct asm_quota *q = item;

	q->id = db_column_int64(st, 0);
	db_column_copy(st, 1, q->area, sizeof(q->area));
	q->quota = db_column_int64(st, 2);
}

int asm_quotas(struct db *db, int64_t assembly_id, struct asm_quota_list *out, struct err *e)
{
	return DB_LIST_BY_ID(db,
			     "SELECT id, area, quota FROM assembly_quota WHERE assembly_id = ? "
			     "ORDER BY area",
			     assembly_id, out, read_quota, e);
}

/* ---- registrations and attendance ---- */

#define REG_COLS "id, assembly_id, person_id, name, organisation, origin, role, created_by, created_at "

static void read_registration(struct db_stmt *st, void *item)
{
	struct asm_registration *g = item;

	memset(g, 0, sizeof(*g));
	g->id = db_column_int64(st, 0);
	g->assembly_id = db_column_int64(st, 1);
	g->person_id = db_column_null(st, 2) ? 0 : db_column_int64(st, 2);
	db_column_copy(st, 3, g->name, sizeof(g->name));
	db_column_copy(st, 4, g->organisation, sizeof(g->organisation));
	db_column_copy(st, 5, g->origin, sizeof(g->origin));
	db_column_copy(st, 6, g->role, sizeof(g->role));
	db_column_copy(st, 7, g->created_by, sizeof(g->created_by));
	db_column_copy(st, 8, g->created_at, sizeof(g->created_at));
}

int asm_registration_insert(struct db *db, const struct asm_registration *g, const char *now,
			    int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "INSERT INTO assembly_registration (assembly_id, person_id, name, "
			   "organisation, origin, role, created_by, created_at) VALUES (?, ?, ?, ?, "
			   "?, ?, ?, ?) RETURNING id",
			   &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, g->assembly_id);
	if (g->person_id)
		db_bind_int64(st, 2, g->person_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, g->name, -1);
	db_bind_text(st, 4, g->organisation, -1);
	db_bind_text(st, 5, g->origin, -1);
	db_bind_text(st, 6, g->role, -1);
	db_bind_text(st, 7, g->created_by, -1);
	db_bind_text(st, 8, now, -1);
	return db_step_id(st, id, e);
}

int asm_registration_get(struct db *db, int64_t id, struct asm_registration *out,
			 struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, "SELECT " REG_COLS "FROM assembly_registration WHERE id = ?", &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		read_registration(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "registration_id", "ไม่พบการลงทะเบียนหมายเลข %lld",
			    "no registration %lld", (long long)id);
	}
	db_finalize(st);
	return r;
}

int asm_registrations(struct db *db, int64_t assembly_id, struct asm_registration_list *out,
		      struct err *e)
{
	return DB_LIST_BY_ID(db,
			     "SELECT "
			     REG_COLS
			     "FROM assembly_registration WHERE assembly_id = ? "
			     "AND withdrawn_at IS NULL ORDER BY origin, name COLLATE \"th-TH-x-icu\", id",
			     assembly_id, out, read_registration, e);
}

int asm_registration_of(struct db *db, int64_t assembly_id, int64_t person_id, int64_t *id,
			struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, "SELECT id FROM assembly_registration WHERE assembly_id = ? AND "
			       "person_id = ? AND withdrawn_at IS NULL", &st, e);

	*id = 0;
	if (r)
		return r;
	db_bind_int64(st, 1, assembly_id);
	db_bind_int64(st, 2, person_id);
	r = db_step(st, e);
	if (r == DB_ROW)
		*id = db_column_int64(st, 0);
	db_finalize(st);
	return r == DB_ROW || r == DB_DONE ? 0 : r;
}

int asm_attendance_insert(struct db *db, int64_t registration_id, struct date day,
			  const char *by, const char *now, bool *added, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "INSERT INTO assembly_attendance (registration_id, day, created_by, "
			   "created_at) VALUES (?, ?, ?, ?) ON CONFLICT (registration_id, day) DO "
			   "NOTHING",
			   &st, e);

	*added = false;
	if (r)
		return r;
	db_bind_int64(st, 1, registration_id);
	db_bind_date(st, 2, day);
	db_bind_text(st, 3, by, -1);
	db_bind_text(st, 4, now, -1);
	r = db_step(st, e);
	if (r == DB_DONE) {
		*added = db_changes(st) > 0;
		r = 0;
	}
	db_finalize(st);
	return r;
}

static void read_attendance(struct db_stmt *st, void *item)
{
	struct asm_attendance *t = item;

	t->registration_id = db_column_int64(st, 0);
	db_column_date(st, 1, &t->day);
}

int asm_attendances(struct db *db, int64_t assembly_id, struct asm_attendance_list *out,
		    struct err *e)
{
	return DB_LIST_BY_ID(db,
			     "SELECT t.registration_id, t.day FROM assembly_attendance t JOIN "
			     "assembly_registration r ON r.id = t.registration_id WHERE r.assembly_id "
			     "= ? ORDER BY t.registration_id, t.day",
			     assembly_id, out, read_attendance, e);
}

/* ---- agenda ---- */

#define AGENDA_COLS "id, assembly_id, kind, title, day, starts_at, ends_at, speakers, target_group, pillar "

static void read_agenda(struct db_stmt *st, void *item)
{
	struct asm_agenda *g = item;

	memset(g, 0, sizeof(*g));
	g->id = db_column_int64(st, 0);
	g->assembly_id = db_column_int64(st, 1);
	db_column_copy(st, 2, g->kind, sizeof(g->kind));
	db_column_copy(st, 3, g->title, sizeof(g->title));
	db_column_date(st, 4, &g->day);
	db_column_copy(st, 5, g->starts_at, sizeof(g->starts_at));
	db_column_copy(st, 6, g->ends_at, sizeof(g->ends_at));
	db_column_copy(st, 7, g->speakers, sizeof(g->speakers));
	db_column_copy(st, 8, g->target_group, sizeof(g->target_group));
	db_column_copy(st, 9, g->pillar, sizeof(g->pillar));
}

int asm_agenda_insert(struct db *db, const struct asm_agenda *g, int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "INSERT INTO assembly_agenda (assembly_id, kind, title, day, starts_at, "
			   "ends_at, speakers, target_group, pillar) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
			   "?) RETURNING id",
			   &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, g->assembly_id);
	db_bind_text(st, 2, g->kind, -1);
	db_bind_text(st, 3, g->title, -1);
	db_bind_date(st, 4, g->day);
	db_bind_text(st, 5, g->starts_at, -1);
	db_bind_text(st, 6, g->ends_at, -1);
	db_bind_text(st, 7, g->speakers, -1);
	db_bind_text(st, 8, g->target_group, -1);
	db_bind_text(st, 9, g->pillar, -1);
	return db_step_id(st, id, e);
}

int asm_agenda_get(struct db *db, int64_t id, struct asm_agenda *out, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, "SELECT " AGENDA_COLS "FROM assembly_agenda WHERE id = ?", &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		read_agenda(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "agenda_id", "ไม่พบวาระหมายเลข %lld",
			    "no agenda item %lld", (long long)id);
	}
	db_finalize(st);
	return r;
}

int asm_agendas(struct db *db, int64_t assembly_id, struct asm_agenda_list *out, struct err *e)
{
	return DB_LIST_BY_ID(db,
			     "SELECT "
			     AGENDA_COLS
			     "FROM assembly_agenda WHERE assembly_id = ? ORDER "
			     "BY day, starts_at, id",
			     assembly_id, out, read_agenda, e);
}

/* ---- proposals ---- */

#define PROP_COLS                                                                              \
	"p.id, p.assembly_id, p.agenda_id, p.area, p.group_name, p.target_group, p.pillar, "      \
	"p.problem, p.recommendation, p.body, p.endorsements, p.endorsed_by, p.status, "         \
	"p.adopted_into, p.funded_amount, p.proposed_on, p.status_on, p.created_by, a.title "

static void read_proposal(struct db_stmt *st, void *item)
{
	struct proposal *p = item;

	memset(p, 0, sizeof(*p));
	p->id = db_column_int64(st, 0);
	p->assembly_id = db_column_int64(st, 1);
	p->agenda_id = db_column_null(st, 2) ? 0 : db_column_int64(st, 2);
	db_column_copy(st, 3, p->area, sizeof(p->area));
	db_column_copy(st, 4, p->group_name, sizeof(p->group_name));
	db_column_copy(st, 5, p->target_group, sizeof(p->target_group));
	db_column_copy(st, 6, p->pillar, sizeof(p->pillar));
	db_column_copy(st, 7, p->problem, sizeof(p->problem));
	db_column_copy(st, 8, p->recommendation, sizeof(p->recommendation));
	db_column_copy(st, 9, p->body, sizeof(p->body));
	p->endorsements = db_column_int64(st, 10);
	db_column_copy(st, 11, p->endorsed_by, sizeof(p->endorsed_by));
	db_column_copy(st, 12, p->status, sizeof(p->status));
	db_column_copy(st, 13, p->adopted_into, sizeof(p->adopted_into));
	p->funded_amount = db_column_int64(st, 14);
	db_column_date(st, 15, &p->proposed_on);
	db_column_date(st, 16, &p->status_on);
	db_column_copy(st, 17, p->created_by, sizeof(p->created_by));
	db_column_copy(st, 18, p->assembly_title, sizeof(p->assembly_title));
}

int proposal_insert(struct db *db, const struct proposal *p, const char *now, int64_t *id,
		    struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "INSERT INTO proposal (assembly_id, agenda_id, area, group_name, "
			   "target_group, pillar, problem, recommendation, body, endorsements, "
			   "endorsed_by, status, proposed_on, status_on, created_by, created_at, "
			   "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'proposed', ?, ?, ?, "
			   "?, ?) RETURNING id",
			   &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, p->assembly_id);
	if (p->agenda_id)
		db_bind_int64(st, 2, p->agenda_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, p->area, -1);
	db_bind_text(st, 4, p->group_name, -1);
	db_bind_text(st, 5, p->target_group, -1);
	db_bind_text(st, 6, p->pillar, -1);
	db_bind_text(st, 7, p->problem, -1);
	db_bind_text(st, 8, p->recommendation, -1);
	db_bind_text(st, 9, p->body, -1);
	db_bind_int64(st, 10, p->endorsements);
	db_bind_text(st, 11, p->endorsed_by, -1);
	db_bind_date(st, 12, p->proposed_on);
	db_bind_date(st, 13, p->proposed_on);
	db_bind_text(st, 14, p->created_by, -1);
	db_bind_text(st, 15, now, -1);
	db_bind_text(st, 16, now, -1);
	return db_step_id(st, id, e);
}

int proposal_get(struct db *db, int64_t id, struct proposal *out, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "SELECT " PROP_COLS "FROM proposal p JOIN assembly a ON a.id = "
			   "p.assembly_id WHERE p.id = ?",
			   &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		read_proposal(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "id", "ไม่พบข้อเสนอหมายเลข %lld", "no proposal %lld",
			    (long long)id);
	}
	db_finalize(st);
	return r;
}

int proposal_update(struct db *db, const struct proposal *p, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "UPDATE proposal SET status = ?, status_on = ?, adopted_into = ?, "
			   "funded_amount = ?, updated_at = ? WHERE id = ?",
			   &st, e);

	if (r)
		return r;
	db_bind_text(st, 1, p->status, -1);
	db_bind_date(st, 2, p->status_on);
	db_bind_text(st, 3, p->adopted_into, -1);
	db_bind_int64(st, 4, p->funded_amount);
	db_bind_text(st, 5, now, -1);
	db_bind_int64(st, 6, p->id);
	return db_step_changed(st, "ข้อเสนอ", "proposal", e);
}

int proposal_list_of(struct db *db, int64_t assembly_id, const char *within, int year,
		     const char *status, int limit, int64_t offset, struct proposal_list *out,
		     struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16], ylo[16], yhi[16];
	int r;

	db_prefix_range(within, lo, hi);
	year_range(year, ylo, yhi);
	r = db_prepare(db,
		       "SELECT " PROP_COLS "FROM proposal p JOIN assembly a ON a.id = "
		       "p.assembly_id WHERE (? = 0 OR p.assembly_id = ?) AND p.area >= ? AND "
		       "p.area < ? AND p.proposed_on >= ? AND p.proposed_on < ? AND (? = '' OR "
		       "p.status = ?) ORDER BY p.id LIMIT ? OFFSET ?",
		       &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, assembly_id);
	db_bind_int64(st, 2, assembly_id);
	db_bind_text(st, 3, lo, -1);
	db_bind_text(st, 4, hi, -1);
	db_bind_text(st, 5, ylo, -1);
	db_bind_text(st, 6, yhi, -1);
	db_bind_text(st, 7, status ? status : "", -1);
	db_bind_text(st, 8, status ? status : "", -1);
	db_bind_int64(st, 9, limit);
	db_bind_int64(st, 10, offset);
	return DB_STEP_LIST(st, out, read_proposal, e);
}

int proposal_step_insert(struct db *db, int64_t proposal_id, const struct proposal_step *s,
			 struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "INSERT INTO proposal_step (proposal_id, status, on_date, evidence, "
			   "reference, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			   &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, proposal_id);
	db_bind_text(st, 2, s->status, -1);
	db_bind_date(st, 3, s->on);
	db_bind_text(st, 4, s->evidence, -1);
	db_bind_text(st, 5, s->reference, -1);
	db_bind_text(st, 6, s->actor, -1);
	db_bind_text(st, 7, s->at, -1);
	return db_step_done(st, e);
}

static void read_proposal_step(struct db_stmt *st, void *item)
{
	struct proposal_step *s = item;

	db_column_copy(st, 0, s->status, sizeof(s->status));
	db_column_date(st, 1, &s->on);
	db_column_copy(st, 2, s->evidence, sizeof(s->evidence));
	db_column_copy(st, 3, s->reference, sizeof(s->reference));
	db_column_copy(st, 4, s->actor, sizeof(s->actor));
	db_column_copy(st, 5, s->at, sizeof(s->at));
}

int proposal_steps(struct db *db, int64_t proposal_id, struct proposal_step_list *out,
		   struct err *e)
{
	return DB_LIST_BY_ID(db,
			     "SELECT status, on_date, evidence, reference, actor, at FROM "
			     "proposal_step WHERE proposal_id = ? ORDER BY id",
			     proposal_id, out, read_proposal_step, e);
}

/* ---- commitments ---- */

int asm_commitment_insert(struct db *db, int64_t assembly_id, const struct asm_commitment *c,
			  const char *by, const char *now, int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "INSERT INTO assembly_commitment (assembly_id, kind, text, signed_by, "
			   "signed_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
			   "RETURNING id",
			   &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, assembly_id);
	db_bind_text(st, 2, c->kind, -1);
	db_bind_text(st, 3, c->text, -1);
	db_bind_text(st, 4, c->signed_by, -1);
	db_bind_date(st, 5, c->signed_on);
	db_bind_text(st, 6, by, -1);
	db_bind_text(st, 7, now, -1);
	return db_step_id(st, id, e);
}

static void read_commitment(struct db_stmt *st, void *item)
{
	struct asm_commitment *c = item;

	c->id = db_column_int64(st, 0);
	db_column_copy(st, 1, c->kind, sizeof(c->kind));
	db_column_copy(st, 2, c->text, sizeof(c->text));
	db_column_copy(st, 3, c->signed_by, sizeof(c->signed_by));
	db_column_date(st, 4, &c->signed_on);
}

int asm_commitments(struct db *db, int64_t assembly_id, struct asm_commitment_list *out,
		    struct err *e)
{
	return DB_LIST_BY_ID(db,
			     "SELECT id, kind, text, signed_by, signed_on FROM assembly_commitment "
			     "WHERE assembly_id = ? ORDER BY id",
			     assembly_id, out, read_commitment, e);
}

/* ---- report counts ---- */

static void read_count(struct db_stmt *st, void *item)
{
	struct asm_count *c = item;

	db_column_copy(st, 0, c->k1, sizeof(c->k1));
	db_column_copy(st, 1, c->k2, sizeof(c->k2));
	c->n = db_column_int64(st, 2);
	if (db_column_count(st) > 3) /* people_by: m attended */
		c->m = db_column_int64(st, 3);
}

int asm_counts(struct db *db, const char *what, const char *within, int year, int plen,
	       struct asm_count_list *out, struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16], ylo[16], yhi[16], sql[768];
	int r;

	if (plen < 1 || plen > 8)
		plen = 2;
	db_prefix_range(within, lo, hi);
	year_range(year, ylo, yhi);
	if (!strcmp(what, "events")) {
		snprintf(sql, sizeof(sql),
			 "SELECT level, '', COUNT(*) FROM assembly WHERE area >= ? AND area < ? AND "
			 "starts_on >= ? AND starts_on < ? AND status <> 'cancelled' GROUP BY level");
	} else if (!strcmp(what, "events_by")) {
		snprintf(sql, sizeof(sql),
			 "SELECT substr(area, 1, %d), '', COUNT(*) FROM assembly WHERE area >= ? AND "
			 "area < ? AND starts_on >= ? AND starts_on < ? AND status <> 'cancelled' "
			 "GROUP BY substr(area, 1, %d)",
			 plen, plen);
	} else if (!strcmp(what, "people_by")) {
		snprintf(sql, sizeof(sql),
			 "SELECT substr(r.origin, 1, %d), '', COUNT(*), SUM(CASE WHEN EXISTS (SELECT "
			 "1 FROM assembly_attendance t WHERE t.registration_id = r.id) THEN 1 ELSE 0 "
			 "END) FROM assembly_registration r JOIN assembly a ON a.id = r.assembly_id "
			 "WHERE r.origin >= ? AND r.origin < ? AND a.starts_on >= ? AND a.starts_on < "
			 "? AND a.status <> 'cancelled' AND r.withdrawn_at IS NULL "
			 "GROUP BY substr(r.origin, 1, %d)",
			 plen, plen);
	} else if (!strcmp(what, "prop_group") || !strcmp(what, "prop_pillar")) {
		const char *k = !strcmp(what, "prop_group") ? "target_group" : "pillar";
		snprintf(sql, sizeof(sql),
			 "SELECT %s, status, COUNT(*) FROM proposal WHERE area >= ? AND area < ? AND "
			 "proposed_on >= ? AND proposed_on < ? GROUP BY %s, status",
			 k, k);
	} else if (!strcmp(what, "events_p")) {
		snprintf(sql, sizeof(sql),
			 "SELECT substr(area, 1, 2) || ':' || level, '', COUNT(*) FROM assembly WHERE "
			 "area >= ? AND area < ? AND starts_on >= ? AND starts_on < ? AND status <> "
			 "'cancelled' GROUP BY substr(area, 1, 2) || ':' || level");
	} else if (!strcmp(what, "prop_group_p") || !strcmp(what, "prop_pillar_p")) {
		const char *k = !strcmp(what, "prop_group_p") ? "target_group" : "pillar";
		snprintf(sql, sizeof(sql),
			 "SELECT substr(area, 1, 2) || ':' || %s, status, COUNT(*) FROM proposal WHERE "
			 "area >= ? AND area < ? AND proposed_on >= ? AND proposed_on < ? GROUP BY "
			 "substr(area, 1, 2) || ':' || %s, status",
			 k, k);
	} else if (!strcmp(what, "prop_by")) {
		snprintf(sql, sizeof(sql),
			 "SELECT substr(area, 1, %d), status, COUNT(*) FROM proposal WHERE area >= ? "
			 "AND area < ? AND proposed_on >= ? AND proposed_on < ? GROUP BY substr(area, "
			 "1, %d), status",
			 plen, plen);
	} else {
		return err_set(e, ERR_INTERNAL, NULL, "ไม่รู้จักรายงาน %s", "unknown count %s", what);
	}
	r = db_prepare(db, sql, &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	db_bind_text(st, 3, ylo, -1);
	db_bind_text(st, 4, yhi, -1);
	return DB_STEP_LIST(st, out, read_count, e);
}

int asm_people_in(struct db *db, const char *area, int64_t *ids, size_t max, size_t *n,
		  struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	*n = 0;
	db_prefix_range(area, lo, hi);
	r = db_prepare(db,
		       "SELECT id FROM person WHERE area >= ? AND area < ? AND death_date IS NULL "
		       "AND merged_into IS NULL ORDER BY id LIMIT ?",
		       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	db_bind_int64(st, 3, (int64_t)max);
	while ((r = db_step(st, e)) == DB_ROW && *n < max)
		ids[(*n)++] = db_column_int64(st, 0);
	db_finalize(st);
	return r == DB_DONE || r == DB_ROW ? 0 : r;
}

/* ---- withdrawn registrations (migration 0012) ---- */

DEFINE_LIST(asm_withdrawal_list, asm_withdrawal);

/* A registration's columns (REG_COLS first), then its withdrawal's. */
#define WITHDRAWN_COLS REG_COLS ", withdrawn_at, withdrawn_by, withdrawn_reason "

static void read_withdrawal(struct db_stmt *st, void *item)
{
	struct asm_withdrawal *w = item;

	memset(w, 0, sizeof(*w));
	read_registration(st, &w->reg);
	db_column_copy(st, 9, w->withdrawn_at, sizeof(w->withdrawn_at));
	db_column_copy(st, 10, w->withdrawn_by, sizeof(w->withdrawn_by));
	db_column_copy(st, 11, w->reason, sizeof(w->reason));
}

int asm_registration_lock(struct db *db, int64_t id, bool *withdrawn, int64_t *days,
			  struct err *e)
{
	struct db_stmt *st;
	int r;

	*withdrawn = false;
	*days = 0;
	/* Writing the row takes its lock until the transaction ends. */
	r = db_prepare(db, "UPDATE assembly_registration SET withdrawn_by = withdrawn_by WHERE id = ?",
		       &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, id);
	if ((r = db_step_changed(st, "การลงทะเบียน", "the registration", e)))
		return r;
	r = db_prepare(db,
		       "SELECT CASE WHEN r.withdrawn_at IS NULL THEN 0 ELSE 1 END, (SELECT COUNT(*) "
		       "FROM assembly_attendance t WHERE t.registration_id = r.id) FROM "
		       "assembly_registration r WHERE r.id = ?",
		       &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		*withdrawn = db_column_int64(st, 0) != 0;
		*days = db_column_int64(st, 1);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "registration_id", "ไม่พบการลงทะเบียนหมายเลข %lld",
			    "no registration %lld", (long long)id);
	}
	db_finalize(st);
	return r;
}

int asm_registration_withdraw(struct db *db, int64_t id, const char *by, const char *reason,
			      const char *now, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "UPDATE assembly_registration SET withdrawn_at = ?, withdrawn_by = ?, "
			   "withdrawn_reason = ? WHERE id = ? AND withdrawn_at IS NULL",
			   &st, e);

	if (r)
		return r;
	db_bind_text(st, 1, now, -1);
	db_bind_text(st, 2, by, -1);
	db_bind_text(st, 3, reason, -1);
	db_bind_int64(st, 4, id);
	r = db_step(st, e);
	if (r == DB_DONE && db_changes(st) == 0)
		r = err_set(e, ERR_CONFLICT, "registration_id",
			    "การลงทะเบียนหมายเลข %lld ถูกถอนไปแล้ว",
			    "registration %lld was already withdrawn", (long long)id);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int asm_withdrawal_get(struct db *db, int64_t id, struct asm_withdrawal *out, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "SELECT " WITHDRAWN_COLS "FROM assembly_registration WHERE id = ? AND "
			   "withdrawn_at IS NOT NULL",
			   &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		read_withdrawal(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "registration_id",
			    "การลงทะเบียนหมายเลข %lld ไม่ได้ถูกถอน",
			    "registration %lld is not withdrawn", (long long)id);
	}
	db_finalize(st);
	return r;
}

int asm_withdrawals(struct db *db, int64_t assembly_id, struct asm_withdrawal_list *out,
		    struct err *e)
{
	return DB_LIST_BY_ID(db,
			     "SELECT "
			     WITHDRAWN_COLS
			     "FROM assembly_registration WHERE assembly_id = ? "
			     "AND withdrawn_at IS NOT NULL ORDER BY withdrawn_at DESC, id DESC",
			     assembly_id, out, read_withdrawal, e);
}
