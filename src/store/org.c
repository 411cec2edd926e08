/*
 * SQL for organisations and the network (migration 0008). The app layer
 * checks kinds, names, roles and areas before anything reaches here; this
 * file only moves rows. Area filters are index ranges (db_prefix_range).
 */
#include "store/org.h"

DEFINE_LIST(org_list, org)
DEFINE_LIST(org_contact_list, org_contact)
DEFINE_LIST(org_member_list, org_member)
DEFINE_LIST(org_activity_list, org_activity)
DEFINE_LIST(volunteer_list, volunteer)
DEFINE_LIST(assignment_list, volunteer_assignment)
DEFINE_LIST(network_list, network)
DEFINE_LIST(network_member_list, network_member)

#define PREP(sql)                                   \
	do {                                        \
		r = db_prepare(db, (sql), &st, e);  \
		if (r)                              \
			return r;                   \
	} while (0)

/* Finishes a one-row read: 0 after a row was read, ERR_NOT_FOUND (what) when
 * there was none, or the step's error. */
static int one_row(struct db_stmt *st, int r, const char *what_th, const char *what_en,
		   int64_t id, struct err *e)
{
	db_finalize(st);
	if (r == DB_ROW)
		return 0;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "ไม่พบ%s%.0s %lld", "no %.0s%s %lld", what_th,
			       what_en, (long long)id);
	return r;
}

static void province_of(const char *area, char out[4])
{
	out[0] = '\0';
	if (strcmp(area, "TH") && strlen(area) >= 2 && area[0] >= '0' && area[0] <= '9') {
		memcpy(out, area, 2);
		out[2] = '\0';
	}
}

/* ---- organisations ---- */

#define ORG_COLS                                                                                \
	"o.id, o.kind, o.name_th, o.name_en, o.area, o.province, o.address, o.phone, o.email, "    \
	"o.cert_no, o.cert_date, o.founded_on, o.status, o.note, o.created_by, o.created_at, "     \
	"o.updated_at, (SELECT COUNT(*) FROM org_member m WHERE m.org_id = o.id AND "              \
	"(m.until IS NULL OR m.until >= ?)) "

static void read_org(struct db_stmt *st, void *item)
{
	struct org *out = item;

	memset(out, 0, sizeof(*out));
	out->id = db_column_int64(st, 0);
	db_column_copy(st, 1, out->kind, sizeof(out->kind));
	db_column_copy(st, 2, out->name_th, sizeof(out->name_th));
	db_column_copy(st, 3, out->name_en, sizeof(out->name_en));
	db_column_copy(st, 4, out->area, sizeof(out->area));
	db_column_copy(st, 5, out->province, sizeof(out->province));
	db_column_copy(st, 6, out->address, sizeof(out->address));
	db_column_copy(st, 7, out->phone, sizeof(out->phone));
	db_column_copy(st, 8, out->email, sizeof(out->email));
	db_column_copy(st, 9, out->cert_no, sizeof(out->cert_no));
	db_column_date(st, 10, &out->cert_date);
	db_column_date(st, 11, &out->founded_on);
	db_column_copy(st, 12, out->status, sizeof(out->status));
	db_column_copy(st, 13, out->note, sizeof(out->note));
	db_column_copy(st, 14, out->created_by, sizeof(out->created_by));
	db_column_copy(st, 15, out->created_at, sizeof(out->created_at));
	db_column_copy(st, 16, out->updated_at, sizeof(out->updated_at));
	out->members = db_column_int64(st, 17);
}

int org_insert(struct db *db, const struct org *o, const char *by, const char *now, int64_t *id,
	       struct err *e)
{
	struct db_stmt *st;
	char province[4];
	int r;

	province_of(o->area, province);
	PREP("INSERT INTO org (kind, name_th, name_en, area, province, address, phone, email, "
	     "cert_no, cert_date, founded_on, status, note, created_by, created_at, updated_at) "
	     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?) RETURNING id");
	db_bind_text(st, 1, o->kind, -1);
	db_bind_text(st, 2, o->name_th, -1);
	db_bind_text(st, 3, o->name_en, -1);
	db_bind_text(st, 4, o->area, -1);
	db_bind_text(st, 5, province, -1);
	db_bind_text(st, 6, o->address, -1);
	db_bind_text(st, 7, o->phone, -1);
	db_bind_text(st, 8, o->email, -1);
	db_bind_text(st, 9, o->cert_no, -1);
	db_bind_date(st, 10, o->cert_date);
	db_bind_date(st, 11, o->founded_on);
	db_bind_text(st, 12, o->note, -1);
	db_bind_text(st, 13, by, -1);
	db_bind_text(st, 14, now, -1);
	db_bind_text(st, 15, now, -1);
	return db_step_id(st, id, e);
}

int org_get(struct db *db, int64_t id, struct org *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	/* Without a clock here, members are those with no end date (app/org.c
	 * counts as of today where it matters). */
	PREP("SELECT " ORG_COLS "FROM org o WHERE o.id = ?");
	db_bind_text(st, 1, "9999-12-31", -1);
	db_bind_int64(st, 2, id);
	r = db_step(st, e);
	if (r == DB_ROW)
		read_org(st, out);
	return one_row(st, r, "องค์กร", "organisation", id, e);
}

int org_update(struct db *db, const struct org *o, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE org SET kind = ?, name_th = ?, name_en = ?, address = ?, phone = ?, email = ?, "
	     "cert_no = ?, cert_date = ?, founded_on = ?, note = ?, updated_at = ? WHERE id = ?");
	db_bind_text(st, 1, o->kind, -1);
	db_bind_text(st, 2, o->name_th, -1);
	db_bind_text(st, 3, o->name_en, -1);
	db_bind_text(st, 4, o->address, -1);
	db_bind_text(st, 5, o->phone, -1);
	db_bind_text(st, 6, o->email, -1);
	db_bind_text(st, 7, o->cert_no, -1);
	db_bind_date(st, 8, o->cert_date);
	db_bind_date(st, 9, o->founded_on);
	db_bind_text(st, 10, o->note, -1);
	db_bind_text(st, 11, now, -1);
	db_bind_int64(st, 12, o->id);
	return db_step_changed(st, "องค์กร", "organisation", e);
}

int org_set_status(struct db *db, int64_t id, const char *status, const char *now,
		   struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE org SET status = ?, updated_at = ? WHERE id = ?");
	db_bind_text(st, 1, status, -1);
	db_bind_text(st, 2, now, -1);
	db_bind_int64(st, 3, id);
	return db_step_changed(st, "องค์กร", "organisation", e);
}

/* "%name%" without LIKE's special characters. */
static void like_pattern(const char *s, char *out, size_t size)
{
	size_t n = 0;

	if (size < 3)
		return;
	out[n++] = '%';
	for (; s && *s && n + 2 < size; s++)
		if (*s != '%' && *s != '_' && *s != '\\')
			out[n++] = *s;
	out[n++] = '%';
	out[n] = '\0';
}

int org_search(struct db *db, const struct org_query *q, struct org_list *out, struct err *e)
{
	char lo[16], hi[16], pat[300], today[16];
	struct db_stmt *st;
	int r;

	db_prefix_range(q->area, lo, hi);
	like_pattern(q->name, pat, sizeof(pat));
	snprintf(today, sizeof(today), "%04d-%02d-%02d", q->today.y, q->today.m, q->today.d);
	PREP("SELECT " ORG_COLS "FROM org o WHERE o.area >= ? AND o.area < ? "
	     "AND (CAST(? AS TEXT) = '' OR o.kind = ?) AND (CAST(? AS TEXT) = '' OR o.status = ?) "
	     "AND (CAST(? AS TEXT) = '%%' OR o.name_th LIKE ? OR o.name_en LIKE ?) "
	     "ORDER BY o.name_th COLLATE \"th-TH-x-icu\", o.id LIMIT ? OFFSET ?");
	db_bind_text(st, 1, today, -1);
	db_bind_text(st, 2, lo, -1);
	db_bind_text(st, 3, hi, -1);
	db_bind_text(st, 4, q->kind ? q->kind : "", -1);
	db_bind_text(st, 5, q->kind ? q->kind : "", -1);
	db_bind_text(st, 6, q->status ? q->status : "", -1);
	db_bind_text(st, 7, q->status ? q->status : "", -1);
	db_bind_text(st, 8, pat, -1);
	db_bind_text(st, 9, pat, -1);
	db_bind_text(st, 10, pat, -1);
	db_bind_int64(st, 11, q->limit);
	db_bind_int64(st, 12, q->offset);
	return DB_STEP_LIST(st, out, read_org, e);
}

/* ---- contacts ---- */

int org_contact_insert(struct db *db, const struct org_contact *c, const char *now, int64_t *id,
		       struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO org_contact (org_id, name, position, phone, email, created_at) "
	     "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
	db_bind_int64(st, 1, c->org_id);
	db_bind_text(st, 2, c->name, -1);
	db_bind_text(st, 3, c->position, -1);
	db_bind_text(st, 4, c->phone, -1);
	db_bind_text(st, 5, c->email, -1);
	db_bind_text(st, 6, now, -1);
	return db_step_id(st, id, e);
}

static void read_contact(struct db_stmt *st, void *item)
{
	struct org_contact *c = item;

	c->id = db_column_int64(st, 0);
	c->org_id = db_column_int64(st, 1);
	db_column_copy(st, 2, c->name, sizeof(c->name));
	db_column_copy(st, 3, c->position, sizeof(c->position));
	db_column_copy(st, 4, c->phone, sizeof(c->phone));
	db_column_copy(st, 5, c->email, sizeof(c->email));
}

int org_contact_get(struct db *db, int64_t id, struct org_contact *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	PREP("SELECT id, org_id, name, position, phone, email FROM org_contact WHERE id = ?");
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW)
		read_contact(st, out);
	return one_row(st, r, "ผู้ติดต่อ", "contact", id, e);
}

int org_contact_delete(struct db *db, int64_t id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("DELETE FROM org_contact WHERE id = ?");
	db_bind_int64(st, 1, id);
	return db_step_changed(st, "ผู้ติดต่อ", "contact", e);
}

int org_contacts(struct db *db, int64_t org_id, struct org_contact_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT id, org_id, name, position, phone, email FROM org_contact WHERE org_id = ? "
	     "ORDER BY id");
	db_bind_int64(st, 1, org_id);
	return DB_STEP_LIST(st, out, read_contact, e);
}

/* ---- members ---- */

#define MEMBER_COLS                                                                         \
	"m.id, m.org_id, m.person_id, m.role, m.since, m.until, "                          \
	"p.title || p.given_name || ' ' || p.family_name, p.area, o.name_th "

#define ROLE_ORDER                                                                            \
	"CASE m.role WHEN 'chair' THEN 1 WHEN 'vice_chair' THEN 2 WHEN 'secretary' THEN 3 "   \
	"WHEN 'treasurer' THEN 4 WHEN 'committee' THEN 5 WHEN 'advisor' THEN 6 ELSE 7 END"

static void read_member(struct db_stmt *st, void *item)
{
	struct org_member *m = item;

	m->id = db_column_int64(st, 0);
	m->org_id = db_column_int64(st, 1);
	m->person_id = db_column_int64(st, 2);
	db_column_copy(st, 3, m->role, sizeof(m->role));
	db_column_date(st, 4, &m->since);
	db_column_date(st, 5, &m->until);
	db_column_copy(st, 6, m->name, sizeof(m->name));
	db_column_copy(st, 7, m->area, sizeof(m->area));
	db_column_copy(st, 8, m->org_name, sizeof(m->org_name));
}

int org_member_insert(struct db *db, const struct org_member *m, const char *now, int64_t *id,
		      struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO org_member (org_id, person_id, role, since, until, created_at) "
	     "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
	db_bind_int64(st, 1, m->org_id);
	db_bind_int64(st, 2, m->person_id);
	db_bind_text(st, 3, m->role, -1);
	db_bind_date(st, 4, m->since);
	db_bind_date(st, 5, m->until);
	db_bind_text(st, 6, now, -1);
	return db_step_id(st, id, e);
}

int org_member_get(struct db *db, int64_t id, struct org_member *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	PREP("SELECT " MEMBER_COLS "FROM org_member m JOIN person p ON p.id = m.person_id "
	     "JOIN org o ON o.id = m.org_id WHERE m.id = ?");
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW)
		read_member(st, out);
	return one_row(st, r, "สมาชิกองค์กร", "organisation member", id, e);
}

int org_member_open(struct db *db, int64_t org_id, int64_t person_id, struct date today,
		    int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	*id = 0;
	PREP("SELECT id FROM org_member WHERE org_id = ? AND person_id = ? "
	     "AND (until IS NULL OR until >= ?) ORDER BY id LIMIT 1");
	db_bind_int64(st, 1, org_id);
	db_bind_int64(st, 2, person_id);
	db_bind_date(st, 3, today);
	r = db_step(st, e);
	if (r == DB_ROW)
		*id = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int org_member_end(struct db *db, int64_t id, struct date until, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE org_member SET until = ? WHERE id = ?");
	db_bind_date(st, 1, until);
	db_bind_int64(st, 2, id);
	return db_step_changed(st, "สมาชิกองค์กร", "organisation member", e);
}

int org_members(struct db *db, int64_t org_id, struct date today, bool all,
		struct org_member_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " MEMBER_COLS "FROM org_member m JOIN person p ON p.id = m.person_id "
	     "JOIN org o ON o.id = m.org_id WHERE m.org_id = ? "
	     "AND (CAST(? AS BIGINT) = 1 OR m.until IS NULL OR m.until >= ?) "
	     "ORDER BY " ROLE_ORDER ", p.given_name COLLATE \"th-TH-x-icu\", m.id");
	db_bind_int64(st, 1, org_id);
	db_bind_int64(st, 2, all ? 1 : 0);
	db_bind_date(st, 3, today);
	return DB_STEP_LIST(st, out, read_member, e);
}

int org_member_of_person(struct db *db, int64_t person_id, struct date today,
			 struct org_member_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " MEMBER_COLS "FROM org_member m JOIN person p ON p.id = m.person_id "
	     "JOIN org o ON o.id = m.org_id WHERE m.person_id = ? "
	     "AND (m.until IS NULL OR m.until >= ?) ORDER BY o.name_th COLLATE \"th-TH-x-icu\", m.id");
	db_bind_int64(st, 1, person_id);
	db_bind_date(st, 2, today);
	return DB_STEP_LIST(st, out, read_member, e);
}

/* ---- activities ---- */

int org_activity_insert(struct db *db, const struct org_activity *a, const char *by,
			const char *now, int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO org_activity (org_id, title, held_on, area, participants, note, "
	     "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	db_bind_int64(st, 1, a->org_id);
	db_bind_text(st, 2, a->title, -1);
	db_bind_date(st, 3, a->held_on);
	db_bind_text(st, 4, a->area, -1);
	db_bind_int64(st, 5, a->participants);
	db_bind_text(st, 6, a->note, -1);
	db_bind_text(st, 7, by, -1);
	db_bind_text(st, 8, now, -1);
	return db_step_id(st, id, e);
}

static void read_activity(struct db_stmt *st, void *item)
{
	struct org_activity *a = item;

	a->id = db_column_int64(st, 0);
	a->org_id = db_column_int64(st, 1);
	db_column_copy(st, 2, a->title, sizeof(a->title));
	db_column_date(st, 3, &a->held_on);
	db_column_copy(st, 4, a->area, sizeof(a->area));
	a->participants = db_column_int64(st, 5);
	db_column_copy(st, 6, a->note, sizeof(a->note));
}

int org_activities(struct db *db, int64_t org_id, int limit, struct org_activity_list *out,
		   struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT id, org_id, title, held_on, area, participants, note FROM org_activity "
	     "WHERE org_id = ? ORDER BY held_on DESC, id DESC LIMIT ?");
	db_bind_int64(st, 1, org_id);
	db_bind_int64(st, 2, limit);
	return DB_STEP_LIST(st, out, read_activity, e);
}

/* ---- volunteers ---- */

#define VOL_COLS                                                                             \
	"v.id, v.person_id, COALESCE(v.username, ''), v.area, v.province, v.status, v.note, "   \
	"v.registered_on, p.title || p.given_name || ' ' || p.family_name, p.area, "            \
	"(SELECT COUNT(*) FROM volunteer_assignment a WHERE a.volunteer_id = v.id "             \
	"AND a.until IS NULL) "

static void read_volunteer(struct db_stmt *st, void *item)
{
	struct volunteer *v = item;

	memset(v, 0, sizeof(*v));
	v->id = db_column_int64(st, 0);
	v->person_id = db_column_int64(st, 1);
	db_column_copy(st, 2, v->username, sizeof(v->username));
	db_column_copy(st, 3, v->area, sizeof(v->area));
	db_column_copy(st, 4, v->province, sizeof(v->province));
	db_column_copy(st, 5, v->status, sizeof(v->status));
	db_column_copy(st, 6, v->note, sizeof(v->note));
	db_column_date(st, 7, &v->registered_on);
	db_column_copy(st, 8, v->name, sizeof(v->name));
	db_column_copy(st, 9, v->person_area, sizeof(v->person_area));
	v->assignments = db_column_int64(st, 10);
}

int volunteer_insert(struct db *db, const struct volunteer *v, const char *by, const char *now,
		     int64_t *id, struct err *e)
{
	struct db_stmt *st;
	char province[4];
	int r;

	province_of(v->area, province);
	PREP("INSERT INTO volunteer (person_id, username, area, province, registered_on, status, "
	     "note, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?) "
	     "RETURNING id");
	db_bind_int64(st, 1, v->person_id);
	db_bind_text_or_null(st, 2, v->username[0] ? v->username : NULL);
	db_bind_text(st, 3, v->area, -1);
	db_bind_text(st, 4, province, -1);
	db_bind_date(st, 5, v->registered_on);
	db_bind_text(st, 6, v->note, -1);
	db_bind_text(st, 7, by, -1);
	db_bind_text(st, 8, now, -1);
	db_bind_text(st, 9, now, -1);
	return db_step_id(st, id, e);
}

int volunteer_get(struct db *db, int64_t id, struct volunteer *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	PREP("SELECT " VOL_COLS "FROM volunteer v JOIN person p ON p.id = v.person_id "
	     "WHERE v.id = ?");
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW)
		read_volunteer(st, out);
	return one_row(st, r, "อาสาสมัคร", "volunteer", id, e);
}

int volunteer_by_username(struct db *db, const char *username, struct volunteer *out,
			  struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	PREP("SELECT " VOL_COLS "FROM volunteer v JOIN person p ON p.id = v.person_id "
	     "WHERE v.username = ?");
	db_bind_text(st, 1, username, -1);
	r = db_step(st, e);
	if (r == DB_ROW)
		read_volunteer(st, out);
	return one_row(st, r, "อาสาสมัครของผู้ใช้", "volunteer for the user", 0, e);
}

int volunteer_set_status(struct db *db, int64_t id, const char *status, const char *now,
			 struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE volunteer SET status = ?, updated_at = ? WHERE id = ?");
	db_bind_text(st, 1, status, -1);
	db_bind_text(st, 2, now, -1);
	db_bind_int64(st, 3, id);
	return db_step_changed(st, "อาสาสมัคร", "volunteer", e);
}

int volunteer_search(struct db *db, const char *area, const char *status, int limit,
		     int64_t offset, struct volunteer_list *out, struct err *e)
{
	char lo[16], hi[16];
	struct db_stmt *st;
	int r;

	db_prefix_range(area, lo, hi);
	PREP("SELECT " VOL_COLS "FROM volunteer v JOIN person p ON p.id = v.person_id "
	     "WHERE v.area >= ? AND v.area < ? AND (CAST(? AS TEXT) = '' OR v.status = ?) "
	     "ORDER BY p.given_name COLLATE \"th-TH-x-icu\", v.id LIMIT ? OFFSET ?");
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	db_bind_text(st, 3, status ? status : "", -1);
	db_bind_text(st, 4, status ? status : "", -1);
	db_bind_int64(st, 5, limit);
	db_bind_int64(st, 6, offset);
	return DB_STEP_LIST(st, out, read_volunteer, e);
}

#define ASSIGN_COLS                                                                        \
	"a.id, a.volunteer_id, COALESCE(a.household_id, 0), COALESCE(a.area, h.area), "    \
	"COALESCE(g.name_th, h.house_no, ''), a.since, a.until "                           \
	"FROM volunteer_assignment a LEFT JOIN area g ON g.code = a.area "                 \
	"LEFT JOIN household h ON h.id = a.household_id "

static void read_assignment(struct db_stmt *st, void *item)
{
	struct volunteer_assignment *a = item;

	memset(a, 0, sizeof(*a));
	a->id = db_column_int64(st, 0);
	a->volunteer_id = db_column_int64(st, 1);
	a->household_id = db_column_int64(st, 2);
	db_column_copy(st, 3, a->area, sizeof(a->area));
	db_column_copy(st, 4, a->label, sizeof(a->label));
	db_column_date(st, 5, &a->since);
	db_column_date(st, 6, &a->until);
}

int assignment_insert(struct db *db, const struct volunteer_assignment *a, const char *now,
		      int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO volunteer_assignment (volunteer_id, area, household_id, since, until, "
	     "created_at) VALUES (?, ?, ?, ?, NULL, ?) RETURNING id");
	db_bind_int64(st, 1, a->volunteer_id);
	if (a->household_id) {
		db_bind_null(st, 2);
		db_bind_int64(st, 3, a->household_id);
	} else {
		db_bind_text(st, 2, a->area, -1);
		db_bind_null(st, 3);
	}
	db_bind_date(st, 4, a->since);
	db_bind_text(st, 5, now, -1);
	return db_step_id(st, id, e);
}

int assignment_get(struct db *db, int64_t id, struct volunteer_assignment *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " ASSIGN_COLS "WHERE a.id = ?");
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW)
		read_assignment(st, out);
	else
		memset(out, 0, sizeof(*out));
	return one_row(st, r, "งานที่มอบหมาย", "assignment", id, e);
}

int assignment_open(struct db *db, const struct volunteer_assignment *a, int64_t *id,
		    struct err *e)
{
	struct db_stmt *st;
	int r;

	*id = 0;
	PREP("SELECT id FROM volunteer_assignment WHERE volunteer_id = ? AND until IS NULL "
	     "AND (household_id = ? OR area = ?) LIMIT 1");
	db_bind_int64(st, 1, a->volunteer_id);
	db_bind_int64(st, 2, a->household_id ? a->household_id : -1);
	db_bind_text(st, 3, a->household_id ? "" : a->area, -1);
	r = db_step(st, e);
	if (r == DB_ROW)
		*id = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int assignment_end(struct db *db, int64_t id, struct date until, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE volunteer_assignment SET until = ? WHERE id = ? AND until IS NULL");
	db_bind_date(st, 1, until);
	db_bind_int64(st, 2, id);
	return db_step_changed(st, "งานที่มอบหมายที่ยังไม่สิ้นสุด", "open assignment", e);
}

int assignments_of(struct db *db, int64_t volunteer_id, struct assignment_list *out,
		   struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " ASSIGN_COLS "WHERE a.volunteer_id = ? "
	     "ORDER BY CASE WHEN a.until IS NULL THEN 0 ELSE 1 END, a.since, a.id");
	db_bind_int64(st, 1, volunteer_id);
	return DB_STEP_LIST(st, out, read_assignment, e);
}

/* ---- networks ---- */

#define NET_COLS                                                                          \
	"n.id, COALESCE(n.parent_id, 0), n.level, n.area, n.province, n.name, n.note, "   \
	"n.founded_on, COALESCE(q.name, '') FROM network n "                              \
	"LEFT JOIN network q ON q.id = n.parent_id "

#define NET_ORDER                                                                           \
	" ORDER BY CASE n.level WHEN 'national' THEN 0 WHEN 'cluster' THEN 1 WHEN 'province' " \
	"THEN 2 WHEN 'district' THEN 3 ELSE 4 END, n.area, n.name COLLATE \"th-TH-x-icu\", n.id"

static void read_network(struct db_stmt *st, void *item)
{
	struct network *n = item;

	memset(n, 0, sizeof(*n));
	n->id = db_column_int64(st, 0);
	n->parent_id = db_column_int64(st, 1);
	db_column_copy(st, 2, n->level, sizeof(n->level));
	db_column_copy(st, 3, n->area, sizeof(n->area));
	db_column_copy(st, 4, n->province, sizeof(n->province));
	db_column_copy(st, 5, n->name, sizeof(n->name));
	db_column_copy(st, 6, n->note, sizeof(n->note));
	db_column_date(st, 7, &n->founded_on);
	db_column_copy(st, 8, n->parent_name, sizeof(n->parent_name));
}

int network_insert(struct db *db, const struct network *n, const char *by, const char *now,
		   int64_t *id, struct err *e)
{
	struct db_stmt *st;
	char province[4];
	int r;

	province_of(n->area, province);
	PREP("INSERT INTO network (level, area, province, name, parent_id, founded_on, note, "
	     "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	     "RETURNING id");
	db_bind_text(st, 1, n->level, -1);
	db_bind_text(st, 2, n->area, -1);
	db_bind_text(st, 3, province, -1);
	db_bind_text(st, 4, n->name, -1);
	if (n->parent_id)
		db_bind_int64(st, 5, n->parent_id);
	else
		db_bind_null(st, 5);
	db_bind_date(st, 6, n->founded_on);
	db_bind_text(st, 7, n->note, -1);
	db_bind_text(st, 8, by, -1);
	db_bind_text(st, 9, now, -1);
	db_bind_text(st, 10, now, -1);
	return db_step_id(st, id, e);
}

int network_get(struct db *db, int64_t id, struct network *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " NET_COLS "WHERE n.id = ?");
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW)
		read_network(st, out);
	else
		memset(out, 0, sizeof(*out));
	return one_row(st, r, "เครือข่าย", "network", id, e);
}

int network_search(struct db *db, const char *area, bool upper, struct network_list *out,
		   struct err *e)
{
	char lo[16], hi[16];
	struct db_stmt *st;
	int r;

	db_prefix_range(area, lo, hi);
	PREP("SELECT " NET_COLS "WHERE (n.province <> '' AND n.area >= ? AND n.area < ?) "
	     "OR (CAST(? AS BIGINT) = 1 AND n.province = '')" NET_ORDER);
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	db_bind_int64(st, 3, upper ? 1 : 0);
	return DB_STEP_LIST(st, out, read_network, e);
}

int network_children(struct db *db, int64_t parent, struct network_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " NET_COLS "WHERE n.parent_id = ?" NET_ORDER);
	db_bind_int64(st, 1, parent);
	return DB_STEP_LIST(st, out, read_network, e);
}

int network_member_insert(struct db *db, bool person, int64_t network_id, int64_t ref_id,
			  const char *role, struct date joined_on, const char *now, int64_t *id,
			  struct err *e)
{
	struct db_stmt *st;
	int r;

	if (person) {
		PREP("INSERT INTO network_person (network_id, person_id, role, joined_on, created_at) "
		     "VALUES (?, ?, ?, ?, ?) RETURNING id");
		db_bind_int64(st, 1, network_id);
		db_bind_int64(st, 2, ref_id);
		db_bind_text(st, 3, role, -1);
		db_bind_date(st, 4, joined_on);
		db_bind_text(st, 5, now, -1);
	} else {
		PREP("INSERT INTO network_org (network_id, org_id, joined_on, created_at) "
		     "VALUES (?, ?, ?, ?) RETURNING id");
		db_bind_int64(st, 1, network_id);
		db_bind_int64(st, 2, ref_id);
		db_bind_date(st, 3, joined_on);
		db_bind_text(st, 4, now, -1);
	}
	return db_step_id(st, id, e);
}

int network_member_open(struct db *db, bool person, int64_t network_id, int64_t ref_id,
			int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	*id = 0;
	if (person)
		PREP("SELECT id FROM network_person WHERE network_id = ? AND person_id = ? "
		     "AND left_on IS NULL");
	else
		PREP("SELECT id FROM network_org WHERE network_id = ? AND org_id = ? "
		     "AND left_on IS NULL");
	db_bind_int64(st, 1, network_id);
	db_bind_int64(st, 2, ref_id);
	r = db_step(st, e);
	if (r == DB_ROW)
		*id = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int network_member_leave(struct db *db, bool person, int64_t id, struct date left_on,
			 struct err *e)
{
	struct db_stmt *st;
	int r;

	if (person)
		PREP("UPDATE network_person SET left_on = ? WHERE id = ? AND left_on IS NULL");
	else
		PREP("UPDATE network_org SET left_on = ? WHERE id = ? AND left_on IS NULL");
	db_bind_date(st, 1, left_on);
	db_bind_int64(st, 2, id);
	return db_step_changed(st, "สมาชิกเครือข่าย", "network member", e);
}

static void read_network_member(struct db_stmt *st, void *item)
{
	struct network_member *m = item;

	m->id = db_column_int64(st, 0);
	m->network_id = db_column_int64(st, 1);
	m->ref_id = db_column_int64(st, 2);
	db_column_copy(st, 3, m->role, sizeof(m->role));
	db_column_copy(st, 4, m->name, sizeof(m->name));
	db_column_copy(st, 5, m->area, sizeof(m->area));
	db_column_copy(st, 6, m->kind, sizeof(m->kind));
	db_column_date(st, 7, &m->joined_on);
}

int network_members(struct db *db, bool person, int64_t network_id,
		    struct network_member_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	if (person)
		PREP("SELECT x.id, x.network_id, x.person_id, x.role, "
		     "p.title || p.given_name || ' ' || p.family_name, p.area, '', x.joined_on "
		     "FROM network_person x JOIN person p ON p.id = x.person_id "
		     "WHERE x.network_id = ? AND x.left_on IS NULL "
		     "ORDER BY CASE x.role WHEN 'coordinator' THEN 0 WHEN 'committee' THEN 1 ELSE 2 END, "
		     "p.given_name COLLATE \"th-TH-x-icu\", x.id");
	else
		PREP("SELECT x.id, x.network_id, x.org_id, '', o.name_th, o.area, o.kind, x.joined_on "
		     "FROM network_org x JOIN org o ON o.id = x.org_id "
		     "WHERE x.network_id = ? AND x.left_on IS NULL "
		     "ORDER BY o.name_th COLLATE \"th-TH-x-icu\", x.id");
	db_bind_int64(st, 1, network_id);
	return DB_STEP_LIST(st, out, read_network_member, e);
}

int network_reach(struct db *db, int64_t id, struct date today, struct network_reach *out,
		  struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	/* The tree below a network is found by a recursive query; UNION (not
	 * UNION ALL) stops at any cycle, though levels already forbid one. */
	PREP("WITH RECURSIVE sub(id) AS (SELECT CAST(? AS BIGINT) UNION "
	     "SELECT n.id FROM network n JOIN sub s ON n.parent_id = s.id), "
	     "orgs AS (SELECT DISTINCT o.id, o.area FROM network_org x JOIN sub s ON x.network_id = s.id "
	     "JOIN org o ON o.id = x.org_id WHERE x.left_on IS NULL AND o.status = 'active'), "
	     "people AS (SELECT x.person_id AS pid FROM network_person x JOIN sub s "
	     "ON x.network_id = s.id WHERE x.left_on IS NULL UNION SELECT m.person_id FROM org_member m "
	     "JOIN orgs o ON o.id = m.org_id WHERE m.until IS NULL OR m.until >= ?), "
	     "places AS (SELECT area FROM orgs UNION ALL SELECT p.area FROM people x "
	     "JOIN person p ON p.id = x.pid) "
	     "SELECT (SELECT COUNT(*) FROM sub), (SELECT COUNT(*) FROM orgs), "
	     "(SELECT COUNT(*) FROM people), "
	     "(SELECT COUNT(DISTINCT substr(area, 1, 4)) FROM places WHERE length(area) >= 4), "
	     "(SELECT COUNT(DISTINCT substr(area, 1, 2)) FROM places WHERE area <> 'TH')");
	db_bind_int64(st, 1, id);
	db_bind_date(st, 2, today);
	r = db_step(st, e);
	if (r == DB_ROW) {
		out->networks = db_column_int64(st, 0);
		out->orgs = db_column_int64(st, 1);
		out->people = db_column_int64(st, 2);
		out->districts = db_column_int64(st, 3);
		out->provinces = db_column_int64(st, 4);
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

/* ---- the report ---- */

void org_rollup_release(struct org_rollup *r)
{
	free(r->rows);
	memset(r, 0, sizeof(*r));
}

static struct org_rollup_row *rollup_row(struct org_rollup *out, size_t *cap, const char *key)
{
	for (size_t i = 0; i < out->n; i++)
		if (!strcmp(out->rows[i].area, key))
			return &out->rows[i];
	ALLOC_GROW(out->rows, out->n + 1, *cap);
	memset(&out->rows[out->n], 0, sizeof(out->rows[0]));
	snprintf(out->rows[out->n].area, sizeof(out->rows[0].area), "%s", key);
	return &out->rows[out->n++];
}

static int cmp_row(const void *a, const void *b)
{
	const struct org_rollup_row *x = a, *y = b;

	return strcmp(x->area, y->area);
}

int org_rollup_query(struct db *db, const char *area, bool by_region, struct date today,
		     struct org_rollup *out, struct err *e)
{
	size_t cap = 0, len = strcmp(area, "TH") ? strlen(area) : 0;
	bool region = !by_region && len && (area[0] < '0' || area[0] > '9');
	int child = len >= 6 ? 8 : (int)len + 2, r = 0;
	char lo[16], hi[16], text[1024], key[96], filter[64];
	struct db_stmt *st = NULL;

	memset(out, 0, sizeof(*out));
	db_prefix_range(region ? "TH" : area, lo, hi);
	/* The grouping key is fixed text chosen here, so the SELECT and GROUP BY
	 * expressions are the same SQL. An organisation whose area is above the
	 * child level (a province-wide club seen by district) keys as its own,
	 * shorter code, which sorts as the area itself. */
	if (by_region)
		snprintf(key, sizeof(key), "COALESCE(p.region, 'TH')");
	else if (region)
		snprintf(key, sizeof(key), "%s.province", "X");
	else
		snprintf(key, sizeof(key), "substr(X.area, 1, %d)", child);
	snprintf(filter, sizeof(filter), "%s", region ? "AND p.region = ?" : "");
	for (int q = 0; q < 4; q++) {
		char k[96];
		const char *x = q == 3 ? "v" : "o";
		int i = 1;

		snprintf(k, sizeof(k), "%s", key);
		for (char *c = k; *c; c++)
			if (*c == 'X')
				*c = x[0];
		if (q == 0)
			snprintf(text, sizeof(text),
				 "SELECT %s, o.kind, COUNT(*) FROM org o LEFT JOIN area p ON p.code = o.province "
				 "WHERE o.status = 'active' AND o.area >= ? AND o.area < ? %s "
				 "GROUP BY %s, o.kind",
				 k, filter, k);
		else if (q == 1)
			snprintf(text, sizeof(text),
				 "SELECT %s, o.kind, COUNT(*) FROM org o "
				 "LEFT JOIN area p ON p.code = o.province JOIN org_member m ON m.org_id = o.id "
				 "WHERE o.status = 'active' AND o.area >= ? AND o.area < ? %s "
				 "AND (m.until IS NULL OR m.until >= ?) GROUP BY %s, o.kind",
				 k, filter, k);
		else if (q == 2)
			snprintf(text, sizeof(text),
				 "SELECT %s, '', COUNT(DISTINCT m.person_id) FROM org o "
				 "LEFT JOIN area p ON p.code = o.province JOIN org_member m ON m.org_id = o.id "
				 "WHERE o.status = 'active' AND o.area >= ? AND o.area < ? %s "
				 "AND (m.until IS NULL OR m.until >= ?) GROUP BY %s",
				 k, filter, k);
		else
			snprintf(text, sizeof(text),
				 "SELECT %s, '', COUNT(*) FROM volunteer v "
				 "LEFT JOIN area p ON p.code = v.province "
				 "WHERE v.status = 'active' AND v.area >= ? AND v.area < ? %s GROUP BY %s",
				 k, filter, k);
		r = db_prepare(db, text, &st, e);
		if (r)
			goto fail;
		db_bind_text(st, i++, lo, -1);
		db_bind_text(st, i++, hi, -1);
		if (region)
			db_bind_text(st, i++, area, -1);
		if (q == 1 || q == 2)
			db_bind_date(st, i++, today);
		r = db_step(st, e);
		while (r == DB_ROW) {
			const char *kk = db_column_text(st, 0);
			struct org_rollup_row *w = rollup_row(out, &cap, *kk ? kk : "TH");
			int kind = org_kind_parse(db_column_text(st, 1));
			int64_t v = db_column_int64(st, 2);

			if (q == 0 && kind > 0) {
				w->orgs[kind] += v;
				w->orgs_total += v;
			} else if (q == 1 && kind > 0) {
				w->members[kind] += v;
				w->members_total += v;
			} else if (q == 2) {
				w->people += v;
			} else if (q == 3) {
				w->volunteers += v;
			}
			r = db_step(st, e);
		}
		db_finalize(st);
		if (r < 0)
			goto fail;
	}
	/* The total's people: each person once across the whole area. */
	snprintf(text, sizeof(text),
		 "SELECT COUNT(DISTINCT m.person_id) FROM org o LEFT JOIN area p ON p.code = o.province "
		 "JOIN org_member m ON m.org_id = o.id WHERE o.status = 'active' AND o.area >= ? "
		 "AND o.area < ? %s AND (m.until IS NULL OR m.until >= ?)",
		 filter);
	r = db_prepare(db, text, &st, e);
	if (r)
		goto fail;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	if (region)
		db_bind_text(st, 3, area, -1);
	db_bind_date(st, region ? 4 : 3, today);
	r = db_step(st, e);
	if (r == DB_ROW)
		out->total.people = db_column_int64(st, 0);
	db_finalize(st);
	if (r < 0)
		goto fail;
	if (out->n)
		qsort(out->rows, out->n, sizeof(out->rows[0]), cmp_row);
	snprintf(out->total.area, sizeof(out->total.area), "%s", area);
	for (size_t i = 0; i < out->n; i++) {
		struct org_rollup_row *w = &out->rows[i];

		for (int k = 0; k < ORG_KIND_COUNT; k++) {
			out->total.orgs[k] += w->orgs[k];
			out->total.members[k] += w->members[k];
		}
		out->total.orgs_total += w->orgs_total;
		out->total.members_total += w->members_total;
		out->total.volunteers += w->volunteers;
		if (!strcmp(w->area, "TH")) {
			snprintf(w->name_th, sizeof(w->name_th), "ประเทศไทย");
			snprintf(w->name_en, sizeof(w->name_en), "Thailand");
			continue;
		}
		r = db_prepare(db, by_region ? "SELECT name_th, name_en FROM region WHERE code = ?"
					     : "SELECT name_th, COALESCE(name_en, '') FROM area "
					       "WHERE code = ?",
			       &st, e);
		if (r)
			goto fail;
		db_bind_text(st, 1, w->area, -1);
		r = db_step(st, e);
		if (r == DB_ROW) {
			db_column_copy(st, 0, w->name_th, sizeof(w->name_th));
			db_column_copy(st, 1, w->name_en, sizeof(w->name_en));
		}
		db_finalize(st);
		if (r < 0)
			goto fail;
	}
	return 0;
fail:
	org_rollup_release(out);
	return r;
}

int org_cluster_get(struct db *db, const char *code, char *name_th, size_t size, struct err *e)
{
	struct db_stmt *st;
	int r;

	name_th[0] = '\0';
	PREP("SELECT name_th FROM province_cluster WHERE code = ?");
	db_bind_text(st, 1, code, -1);
	r = db_step(st, e);
	if (r == DB_ROW)
		db_column_copy(st, 0, name_th, size);
	db_finalize(st);
	if (r == DB_DONE)
		return err_set(e, ERR_INVALID, "area", "ไม่พบกลุ่มจังหวัด %.8s",
			       "no provincial cluster %.8s", code);
	return r < 0 ? r : 0;
}

int org_province_cluster(struct db *db, const char *province, char out[8], struct err *e)
{
	struct db_stmt *st;
	int r;

	out[0] = '\0';
	PREP("SELECT COALESCE(cluster, '') FROM area WHERE code = ?");
	db_bind_text(st, 1, province, -1);
	r = db_step(st, e);
	if (r == DB_ROW)
		db_column_copy(st, 0, out, 8);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int network_org_leave_all(struct db *db, int64_t org_id, struct date left_on, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE network_org SET left_on = ? WHERE org_id = ? AND left_on IS NULL");
	db_bind_date(st, 1, left_on);
	db_bind_int64(st, 2, org_id);
	return db_step_done(st, e);
}

int network_of_org(struct db *db, int64_t org_id, struct network_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " NET_COLS "JOIN network_org x ON x.network_id = n.id "
	     "WHERE x.org_id = ? AND x.left_on IS NULL" NET_ORDER);
	db_bind_int64(st, 1, org_id);
	return DB_STEP_LIST(st, out, read_network, e);
}
