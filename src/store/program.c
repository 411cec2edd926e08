/*
 * SQL for welfare programs: the catalogue and versions, enrolments and
 * their steps, payrolls and lines, office books, and the person data the
 * rules language reads (program_person). No rules here.
 */
#include "store/program.h"
#include <pthread.h>
#include "core/person.h"

#define PREP(sql)                                   \
	do {                                        \
		r = db_prepare(db, (sql), &st, e);  \
		if (r)                              \
			return r;                   \
	} while (0)

DEFINE_LIST(enrolment_step_list, enrolment_step)
DEFINE_LIST(payroll_list, payroll)
DEFINE_LIST(payroll_line_list, payroll_line)

void program_release(struct program *p)
{
	free(p->documents);
	p->documents = NULL;
}

void program_list_release(struct program_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		program_release(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void program_version_list_release(struct program_version_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].rules);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void enrolment_release(struct enrolment *x)
{
	free(x->documents);
	x->documents = NULL;
}

void enrolment_list_release(struct enrolment_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		enrolment_release(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* ---- programs ---- */

#define PROGRAM_COLS "id, code, name_th, name_en, pillar, owner_area, period, source, documents "

static void read_program(struct db_stmt *st, struct program *p)
{
	memset(p, 0, sizeof(*p));
	p->id = db_column_int64(st, 0);
	db_column_copy(st, 1, p->code, sizeof(p->code));
	db_column_copy(st, 2, p->name_th, sizeof(p->name_th));
	db_column_copy(st, 3, p->name_en, sizeof(p->name_en));
	db_column_copy(st, 4, p->pillar, sizeof(p->pillar));
	db_column_copy(st, 5, p->owner_area, sizeof(p->owner_area));
	db_column_copy(st, 6, p->period, sizeof(p->period));
	db_column_copy(st, 7, p->source, sizeof(p->source));
	p->documents = xstrdup(db_column_text(st, 8));
}

int program_insert(struct db *db, const struct program *p, const char *by, const char *now,
		   int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO program (code, name_th, name_en, pillar, owner_area, period, documents, "
	     "source, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	db_bind_text(st, 1, p->code, -1);
	db_bind_text(st, 2, p->name_th, -1);
	db_bind_text(st, 3, p->name_en, -1);
	db_bind_text(st, 4, p->pillar, -1);
	db_bind_text(st, 5, p->owner_area, -1);
	db_bind_text(st, 6, p->period[0] ? p->period : "month", -1);
	db_bind_text(st, 7, p->documents ? p->documents : "[]", -1);
	db_bind_text(st, 8, p->source, -1);
	db_bind_text(st, 9, by, -1);
	db_bind_text(st, 10, now, -1);
	r = db_step_id(st, id, e);
	if (r == ERR_CONFLICT)
		r = err_set(e, ERR_CONFLICT, "code", "มีโครงการรหัส %s แล้ว",
			    "a program with code %s exists already", p->code);
	return r;
}

static int program_one(struct db *db, const char *sql, int64_t id, const char *code,
		       struct program *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP(sql);
	if (code)
		db_bind_text(st, 1, code, -1);
	else
		db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		read_program(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "program", "ไม่พบโครงการ %s%.0s",
			    "program %.0s%s not found", code ? code : "", code ? code : "");
	}
	db_finalize(st);
	return r;
}

int program_get(struct db *db, int64_t id, struct program *out, struct err *e)
{
	return program_one(db, "SELECT " PROGRAM_COLS "FROM program WHERE id = ?", id, NULL, out, e);
}

int program_by_code(struct db *db, const char *code, struct program *out, struct err *e)
{
	return program_one(db, "SELECT " PROGRAM_COLS "FROM program WHERE code = ?", 0, code, out, e);
}

int program_list_all(struct db *db, struct program_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " PROGRAM_COLS "FROM program ORDER BY owner_area, id");
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(out->items, out->n + 1, out->cap);
		read_program(st, &out->items[out->n++]);
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

int program_documents_set(struct db *db, int64_t id, const char *documents, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE program SET documents = ? WHERE id = ?");
	db_bind_text(st, 1, documents, -1);
	db_bind_int64(st, 2, id);
	return db_step_changed(st, "โครงการ", "program", e);
}

int program_version_insert(struct db *db, int64_t program_id, struct date effective,
			   const char *rules, const char *note, const char *by, const char *now,
			   int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO program_version (program_id, effective_from, rules, note, created_by, "
	     "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
	db_bind_int64(st, 1, program_id);
	db_bind_date(st, 2, effective);
	db_bind_text(st, 3, rules, -1);
	db_bind_text(st, 4, note, -1);
	db_bind_text(st, 5, by, -1);
	db_bind_text(st, 6, now, -1);
	r = db_step_id(st, id, e);
	if (r == ERR_CONFLICT)
		r = err_set(e, ERR_CONFLICT, "effective_from",
			    "มีกฎฉบับที่มีผลในวันนั้นแล้ว%s",
			    "a version already takes effect on that date%s", "");
	return r;
}

int program_versions(struct db *db, int64_t program_id, struct program_version_list *out,
		     struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT id, program_id, effective_from, rules, note, created_by FROM program_version "
	     "WHERE program_id = ? ORDER BY effective_from");
	db_bind_int64(st, 1, program_id);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct program_version *v;
		ALLOC_GROW(out->items, out->n + 1, out->cap);
		v = &out->items[out->n++];
		memset(v, 0, sizeof(*v));
		v->id = db_column_int64(st, 0);
		v->program_id = db_column_int64(st, 1);
		db_column_date(st, 2, &v->effective_from);
		v->rules = xstrdup(db_column_text(st, 3));
		db_column_copy(st, 4, v->note, sizeof(v->note));
		db_column_copy(st, 5, v->created_by, sizeof(v->created_by));
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

/* ---- enrolments ---- */

#define ENROL_COLS                                                                            \
	"x.id, x.program_id, x.person_id, x.office, x.province, x.status, x.end_reason, "      \
	"x.created_by, x.applied_on, COALESCE(x.active_from, ''), COALESCE(x.ended_on, ''), "  \
	"COALESCE(x.paid_through, ''), x.documents, g.code, "                                 \
	"p.title || p.given_name || ' ' || p.family_name, COALESCE(p.national_id, ''), p.area " \
	"FROM enrolment x JOIN program g ON g.id = x.program_id JOIN person p ON p.id = x.person_id "

static void read_enrolment(struct db_stmt *st, struct enrolment *x)
{
	memset(x, 0, sizeof(*x));
	x->id = db_column_int64(st, 0);
	x->program_id = db_column_int64(st, 1);
	x->person_id = db_column_int64(st, 2);
	db_column_copy(st, 3, x->office, sizeof(x->office));
	db_column_copy(st, 4, x->province, sizeof(x->province));
	db_column_copy(st, 5, x->status, sizeof(x->status));
	db_column_copy(st, 6, x->end_reason, sizeof(x->end_reason));
	db_column_copy(st, 7, x->created_by, sizeof(x->created_by));
	db_column_date(st, 8, &x->applied_on);
	db_column_date(st, 9, &x->active_from);
	db_column_date(st, 10, &x->ended_on);
	db_column_date(st, 11, &x->paid_through);
	x->documents = xstrdup(db_column_text(st, 12));
	db_column_copy(st, 13, x->program_code, sizeof(x->program_code));
	db_column_copy(st, 14, x->name, sizeof(x->name));
	db_column_copy(st, 15, x->national_id, sizeof(x->national_id));
	db_column_copy(st, 16, x->area, sizeof(x->area));
}

static int read_enrolments(struct db_stmt *st, struct enrolment_list *out, struct err *e)
{
	int r;

	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(out->items, out->n + 1, out->cap);
		read_enrolment(st, &out->items[out->n++]);
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

int enrolment_insert(struct db *db, const struct enrolment *x, const char *now, int64_t *id,
		     struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO enrolment (program_id, person_id, office, province, status, applied_on, "
	     "documents, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	     "RETURNING id");
	db_bind_int64(st, 1, x->program_id);
	db_bind_int64(st, 2, x->person_id);
	db_bind_text(st, 3, x->office, -1);
	db_bind_text(st, 4, x->province, -1);
	db_bind_text(st, 5, x->status, -1);
	db_bind_date(st, 6, x->applied_on);
	db_bind_text(st, 7, x->documents ? x->documents : "[]", -1);
	db_bind_text(st, 8, x->created_by, -1);
	db_bind_text(st, 9, now, -1);
	db_bind_text(st, 10, now, -1);
	return db_step_id(st, id, e);
}

int enrolment_get(struct db *db, int64_t id, struct enrolment *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " ENROL_COLS "WHERE x.id = ?");
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		read_enrolment(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, NULL, "ไม่พบการลงทะเบียน %lld",
			    "enrolment %lld not found", (long long)id);
	}
	db_finalize(st);
	return r;
}

int enrolment_update(struct db *db, const struct enrolment *x, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE enrolment SET status = ?, active_from = ?, ended_on = ?, end_reason = ?, "
	     "paid_through = ?, documents = ?, updated_at = ? WHERE id = ?");
	db_bind_text(st, 1, x->status, -1);
	db_bind_date(st, 2, x->active_from);
	db_bind_date(st, 3, x->ended_on);
	db_bind_text(st, 4, x->end_reason, -1);
	db_bind_date(st, 5, x->paid_through);
	db_bind_text(st, 6, x->documents ? x->documents : "[]", -1);
	db_bind_text(st, 7, now, -1);
	db_bind_int64(st, 8, x->id);
	return db_step_changed(st, "การลงทะเบียน", "enrolment", e);
}

int enrolment_open_of(struct db *db, int64_t person_id, int64_t program_id,
		      struct enrolment_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " ENROL_COLS "WHERE x.person_id = ? AND x.program_id = ? "
				  "AND x.status NOT IN ('ended', 'rejected') ORDER BY x.id");
	db_bind_int64(st, 1, person_id);
	db_bind_int64(st, 2, program_id);
	return read_enrolments(st, out, e);
}

int enrolment_list_office(struct db *db, const char *office, int64_t program_id,
			  const char *status, int limit, int64_t offset, struct enrolment_list *out,
			  struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	db_prefix_range(office && *office ? office : "TH", lo, hi);
	PREP("SELECT " ENROL_COLS "WHERE x.office >= ? AND x.office < ? AND (? = 0 OR x.program_id = ?) "
				  "AND (? = '' OR x.status = ?) ORDER BY x.id LIMIT ? OFFSET ?");
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	db_bind_int64(st, 3, program_id);
	db_bind_int64(st, 4, program_id);
	db_bind_text(st, 5, status ? status : "", -1);
	db_bind_text(st, 6, status ? status : "", -1);
	db_bind_int64(st, 7, limit);
	db_bind_int64(st, 8, offset);
	return read_enrolments(st, out, e);
}

int enrolment_list_person(struct db *db, int64_t person_id, struct enrolment_list *out,
			  struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " ENROL_COLS "WHERE x.person_id = ? ORDER BY x.id DESC");
	db_bind_int64(st, 1, person_id);
	return read_enrolments(st, out, e);
}

int enrolment_step_insert(struct db *db, int64_t enrolment_id, const char *status,
			  const char *note, const char *actor, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO enrolment_step (enrolment_id, status, note, actor, at) "
	     "VALUES (?, ?, ?, ?, ?)");
	db_bind_int64(st, 1, enrolment_id);
	db_bind_text(st, 2, status, -1);
	db_bind_text(st, 3, note, -1);
	db_bind_text(st, 4, actor, -1);
	db_bind_text(st, 5, now, -1);
	return db_step_done(st, e);
}

static void read_enrolment_step(struct db_stmt *st, void *item)
{
	struct enrolment_step *s = item;

	db_column_copy(st, 0, s->status, sizeof(s->status));
	db_column_copy(st, 1, s->note, sizeof(s->note));
	db_column_copy(st, 2, s->actor, sizeof(s->actor));
	db_column_copy(st, 3, s->at, sizeof(s->at));
}

int enrolment_steps(struct db *db, int64_t enrolment_id, struct enrolment_step_list *out,
		    struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT status, note, actor, at FROM enrolment_step WHERE enrolment_id = ? "
	     "ORDER BY id");
	db_bind_int64(st, 1, enrolment_id);
	return DB_STEP_LIST(st, out, read_enrolment_step, e);
}

/* ---- the people the rules read ---- */

int program_person(struct db *db, int64_t person_id, struct date on,
		   const char *const *programs, size_t nprograms, struct rules_person *out,
		   struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	out->income = RULES_INCOME_UNKNOWN;
	/* The record, and its household's income per person per year: the
	 * monthly income times twelve over the household's living members. */
	PREP("SELECT COALESCE(p.birth_date, ''), COALESCE(p.death_date, ''), p.nationality, "
	     "p.reg_status, p.sex, p.area, h.monthly_income, "
	     "(SELECT COUNT(*) FROM person m WHERE m.household_id = p.household_id "
	     "AND m.death_date IS NULL AND m.merged_into IS NULL) "
	     "FROM person p LEFT JOIN household h ON h.id = p.household_id WHERE p.id = ?");
	db_bind_int64(st, 1, person_id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		int reg = reg_status_parse(db_column_text(st, 3));
		int sex = sex_parse(db_column_text(st, 4));
		db_column_date(st, 0, &out->birth);
		db_column_date(st, 1, &out->death);
		out->nationality = rules_nationality_of(db_column_text(st, 2));
		out->reg = reg < 0 ? REG_UNKNOWN : (enum reg_status)reg;
		out->sex = sex < 0 ? SEX_UNKNOWN : (enum sex)sex;
		db_column_copy(st, 5, out->area, sizeof(out->area));
		if (!db_column_null(st, 6)) {
			int64_t n = db_column_int64(st, 7);
			out->income = db_column_int64(st, 6) * 12 / (n > 0 ? n : 1);
		}
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "person_id", "ไม่พบบุคคลหมายเลข %lld",
			    "person %lld not found", (long long)person_id);
	}
	db_finalize(st);
	if (r)
		return r;
	/* Needs active on the date, and valid cards. */
	PREP("SELECT kind, COALESCE(card_no, ''), COALESCE(card_expires, '') FROM person_need "
	     "WHERE person_id = ? AND observed_on <= ? AND (ended_on IS NULL OR ended_on > ?)");
	db_bind_int64(st, 1, person_id);
	db_bind_date(st, 2, on);
	db_bind_date(st, 3, on);
	while ((r = db_step(st, e)) == DB_ROW) {
		int k = need_kind_parse(db_column_text(st, 0));
		struct date exp;
		if (k <= 0 || k >= 32)
			continue;
		out->needs |= 1u << k;
		db_column_date(st, 2, &exp);
		if (db_column_text(st, 1)[0] && (!exp.y || date_cmp(exp, on) >= 0))
			out->cards |= 1u << k;
	}
	db_finalize(st);
	if (r < 0)
		return r;
	if (!nprograms)
		return 0;
	/* Active enrolments on the date. */
	PREP("SELECT g.code FROM enrolment x JOIN program g ON g.id = x.program_id "
	     "WHERE x.person_id = ? AND x.status = 'active' AND x.active_from <= ?");
	db_bind_int64(st, 1, person_id);
	db_bind_date(st, 2, on);
	while ((r = db_step(st, e)) == DB_ROW)
		for (size_t i = 0; i < nprograms && i < 64; i++)
			if (!strcmp(programs[i], db_column_text(st, 0)))
				out->enrolled |= 1ull << i;
	db_finalize(st);
	return r < 0 ? r : 0;
}

/* ---- the people the rules read, in columns ---- */

/*
 * Streams. A query read row by row: SQLite steps the statement; PostgreSQL
 * declares a cursor for it and fetches STREAM_BLOCK rows at a time (one
 * stream is open at a time on a connection, so one cursor name serves).
 * Parameters are bound on stream_bind's statement, columns read from
 * stream_row's.
 */
#define STREAM_BLOCK "10000"
#define STREAM_CURSOR "program_stream"

struct stream {
	struct db *db;
	struct db_stmt *query; /* SQLite: the query; PostgreSQL: its DECLARE */
	struct db_stmt *fetch; /* PostgreSQL: the FETCH */
	bool pg, declared, done;
	long got;              /* rows of the current block */
};

static int stream_open(struct db *db, const char *sql, struct stream *s, struct err *e)
{
	struct buf b = BUF_INIT;
	int r;

	memset(s, 0, sizeof(*s));
	s->db = db;
	s->pg = strcmp(db_driver(db), "sqlite") != 0;
	if (!s->pg)
		return db_prepare(db, sql, &s->query, e);
	buf_printf(&b, "DECLARE " STREAM_CURSOR " NO SCROLL CURSOR FOR %s", sql);
	r = db_prepare(db, b.ptr, &s->query, e);
	buf_release(&b);
	return r;
}

static struct db_stmt *stream_row(struct stream *s)
{
	return s->pg ? s->fetch : s->query;
}

static int stream_step(struct stream *s, struct err *e)
{
	int r;

	if (!s->pg)
		return db_step(s->query, e);
	if (s->done)
		return DB_DONE;
	if (!s->declared) {
		if ((r = db_step(s->query, e)) < 0)
			return r;
		s->declared = true;
		if ((r = db_prepare(s->db, "FETCH FORWARD " STREAM_BLOCK " FROM " STREAM_CURSOR,
				    &s->fetch, e)))
			return r;
	}
	for (;;) {
		r = db_step(s->fetch, e);
		if (r == DB_ROW)
			s->got++;
		if (r != DB_DONE)
			return r;
		if (!s->got) {
			s->done = true;
			return DB_DONE;
		}
		db_reset(s->fetch);
		s->got = 0;
	}
}

static void stream_close(struct stream *s)
{
	struct err ignored;

	if (s->fetch)
		db_finalize(s->fetch);
	if (s->query)
		db_finalize(s->query);
	if (s->declared)
		db_exec(s->db, "CLOSE " STREAM_CURSOR, &ignored);
	memset(s, 0, sizeof(*s));
}

/*
 * Runs of nearby ids: [lo, hi] spans ids[from..to) and whatever lies
 * between them. A gap of up to RUN_GAP ids is read through rather than
 * starting another query (reading a row costs much less than a query).
 */
#define RUN_GAP 256

struct run {
	int64_t lo, hi;
};

struct runs {
	struct run *r; /* owned */
	size_t n, cap;
};

static void runs_make(const int64_t *ids, size_t n, struct runs *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		if (out->n && ids[i] - out->r[out->n - 1].hi <= RUN_GAP) {
			out->r[out->n - 1].hi = ids[i];
			continue;
		}
		ALLOC_GROW(out->r, out->n + 1, out->cap);
		out->r[out->n++] = (struct run){ ids[i], ids[i] };
	}
}

/* Every id: the whole table, read in one run. */
static void runs_all(struct runs *out)
{
	memset(out, 0, sizeof(*out));
	ALLOC_GROW(out->r, 1, out->cap);
	out->r[out->n++] = (struct run){ INT64_MIN, INT64_MAX };
}

/* Whether runs is the one run of every id: the streams then read their
 * tables whole, without the range (a range over an index would cost a
 * lookup a row). */
static bool runs_whole(const struct runs *r)
{
	return r->n == 1 && r->r[0].lo == INT64_MIN && r->r[0].hi == INT64_MAX;
}

/* Binds the run's range unless the statement reads the whole table. */
static void bind_run(struct db_stmt *st, const struct run *run, bool whole)
{
	if (!whole) {
		db_bind_int64(st, 1, run->lo);
		db_bind_int64(st, 2, run->hi);
	}
}

/* The position of key in the sorted v[0..n), or -1; *hint is where the
 * last search ended, so keys that come in ascending order cost a step or
 * two each, found or not (a stream of rows against the ids wanted). */
static long sorted_find(const int64_t *v, size_t n, int64_t key, size_t *hint)
{
	size_t lo = 0, hi = n, h = *hint, i;

	if (h < n) {
		if (v[h] == key)
			return (long)h;
		if (v[h] > key) {
			if (h == 0 || v[h - 1] < key)
				return -1; /* between two wanted ids */
			hi = h;
		} else {
			for (i = h + 1; i < n && i <= h + 8; i++)
				if (v[i] >= key) {
					*hint = i;
					return v[i] == key ? (long)i : -1;
				}
			lo = i;
		}
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	*hint = lo < n ? lo : (n ? n - 1 : 0);
	return lo < n && v[lo] == key ? (long)lo : -1;
}

long program_cols_find(const struct program_cols *c, int64_t id, size_t *hint)
{
	return sorted_find(c->id, c->n, id, hint);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorts v[0..n) and drops repeats (and zeros); returns the new length. */
static size_t sort_unique(int64_t *v, size_t n)
{
	size_t i, k = 0;
	bool sorted = true;

	for (i = 1; i < n && sorted; i++)
		sorted = v[i - 1] <= v[i];
	if (!sorted)
		qsort(v, n, sizeof(*v), cmp_i64);
	for (i = 0; i < n; i++)
		if (v[i] && (!k || v[k - 1] != v[i]))
			v[k++] = v[i];
	return k;
}

/* YYYY-MM-DD as a day number, RULES_DAY_UNKNOWN for anything else (what
 * db_column_date and rules_batch_set make of it, without sscanf). */
static bool iso_fields(const char *s, int *y, int *m, int *d)
{
	int i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	if (s[10])
		return false;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return true;
}

static int32_t iso_days(const char *s)
{
	struct date d;

	if (!iso_fields(s, &d.y, &d.m, &d.d) || !date_valid(d))
		return RULES_DAY_UNKNOWN;
	return date_to_days(d);
}

/*
 * The columns being filled. The arrays are shared; each thread that reads
 * people (a part) writes its own region of them: one part grows them as it
 * goes; two parts of a whole scan write fixed regions sized by the ids
 * (ids lo..hi fill at most hi - lo + 1 rows) and the second is moved down
 * against the first at the end.
 */
struct cols_fill {
	struct program_cols *c;
	const struct program_cols_spec *s;
	unsigned cols;       /* columns to fill */
	size_t cap;          /* rows the arrays hold */
	bool whole;          /* one scan of the whole register (see cols_load) */
	bool unmerged;       /* leave out merged records */
	int64_t max_hid;     /* the largest household id */
	int64_t *hh;         /* household of each person read, when the ids do not fit the
				income column (which holds them otherwise until the end) */
	size_t extra;        /* bytes of temporary arrays held besides the columns */
};

struct part {
	struct cols_fill *f;
	struct db *db;
	const struct runs *runs;
	const int64_t *ids;  /* the wanted ids (sorted), or NULL for every row */
	size_t nids;
	size_t base, n;      /* rows [base, base + n) */
	size_t limit;        /* fixed region: at most this many rows; 0: grow */
	int32_t *members;    /* whole: living members by household id */
	char last_area[GEO_CODE_SIZE]; /* neighbours share areas: the last one's number */
	int32_t last_area_n;
	int r;
	struct err e;
};

static size_t row_bytes(const struct cols_fill *f)
{
	size_t n = 8;

	n += f->cols & RULES_COL_BIRTH ? 4 : 0;
	n += f->cols & RULES_COL_DEATH ? 4 : 0;
	n += f->cols & RULES_COL_INCOME ? 4 : 0;
	n += f->cols & RULES_COL_AREA ? 4 : 0;
	n += f->cols & RULES_COL_NEEDS ? 4 : 0;
	n += f->cols & RULES_COL_CARDS ? 4 : 0;
	n += f->cols & RULES_COL_ENROLLED ? 8 : 0;
	n += f->cols & RULES_COL_SEX ? 1 : 0;
	n += f->cols & RULES_COL_NATIONALITY ? 1 : 0;
	n += f->cols & RULES_COL_REG ? 1 : 0;
	for (size_t k = 0; k < f->s->nstanding; k++)
		n += 1 + ((f->s->applied >> k) & 1u) * 4;
	n += f->hh ? 8 : 0;
	return n;
}

/* Records the memory held; rows: the rows written so far. */
static void note_peak(struct cols_fill *f, size_t rows)
{
	struct program_cols *c = f->c;

	c->bytes = rows * row_bytes(f);
	if (c->bytes + f->extra > c->peak)
		c->peak = c->bytes + f->extra;
}

#define GROW(p, cap) ((p) = xrealloc((p), (cap) * sizeof(*(p))))

static void cols_resize(struct cols_fill *f, size_t cap)
{
	struct program_cols *c = f->c;
	struct rules_batch *b = &c->b;

	if (!cap)
		cap = 1;
	GROW(c->id, cap);
	if (f->cols & RULES_COL_BIRTH)
		GROW(b->birth, cap);
	if (f->cols & RULES_COL_DEATH)
		GROW(b->death, cap);
	if (f->cols & RULES_COL_INCOME) {
		GROW(b->income, cap);
		if (f->max_hid > INT32_MAX)
			GROW(f->hh, cap);
	}
	if (f->cols & RULES_COL_AREA)
		GROW(b->area, cap);
	if (f->cols & RULES_COL_NEEDS)
		GROW(b->needs, cap);
	if (f->cols & RULES_COL_CARDS)
		GROW(b->cards, cap);
	if (f->cols & RULES_COL_ENROLLED)
		GROW(b->enrolled, cap);
	if (f->cols & RULES_COL_SEX)
		GROW(b->sex, cap);
	if (f->cols & RULES_COL_NATIONALITY)
		GROW(b->nationality, cap);
	if (f->cols & RULES_COL_REG)
		GROW(b->reg, cap);
	for (size_t k = 0; k < f->s->nstanding; k++) {
		GROW(c->status[k], cap);
		if ((f->s->applied >> k) & 1u)
			GROW(c->applied[k], cap);
	}
	f->cap = cap;
}

/* Moves rows [from, from + n) to row to (to < from). */
static void cols_move(struct cols_fill *f, size_t to, size_t from, size_t n)
{
	struct program_cols *c = f->c;
	struct rules_batch *b = &c->b;

#define MOVE(p)                                                          \
	do {                                                             \
		if (p)                                                   \
			memmove((p) + to, (p) + from, n * sizeof(*(p))); \
	} while (0)
	MOVE(c->id);
	MOVE(b->birth);
	MOVE(b->death);
	MOVE(b->income);
	MOVE(f->hh);
	MOVE(b->area);
	MOVE(b->needs);
	MOVE(b->cards);
	MOVE(b->enrolled);
	MOVE(b->sex);
	MOVE(b->nationality);
	MOVE(b->reg);
	for (size_t k = 0; k < f->s->nstanding; k++) {
		MOVE(c->status[k]);
		MOVE(c->applied[k]);
	}
#undef MOVE
}

/* Appends the person of the current row (columns as in PERSON_SQL). */
static int cols_add(struct part *pt, struct db_stmt *st, int64_t id, int64_t hid)
{
	struct cols_fill *f = pt->f;
	struct program_cols *c = f->c;
	struct rules_batch *b = &c->b;
	size_t i = pt->base + pt->n;
	const char *t;

	if (pt->limit && pt->n == pt->limit)
		return err_set(&pt->e, ERR_INTERNAL, NULL, "มีบุคคลเกินจำนวนที่คาดไว้%s",
			       "more people than their ids allow%s", "");
	if (i == f->cap)
		cols_resize(f, f->cap * 2);
	c->id[i] = id;
	if (b->birth)
		b->birth[i] = iso_days(db_column_text(st, 1));
	if (b->death)
		b->death[i] = iso_days(db_column_text(st, 2));
	if (b->nationality) {
		t = db_column_text(st, 3);
		b->nationality[i] = (uint8_t)(t[0] == 'T' && t[1] == 'H' && !t[2]
						      ? RULES_NAT_THAI
						      : rules_nationality_of(t));
	}
	if (b->reg) {
		int reg;
		t = db_column_text(st, 4);
		reg = strcmp(t, "house") ? reg_status_parse(t) : REG_HOUSE;
		b->reg[i] = (uint8_t)(reg < 0 ? REG_UNKNOWN : reg);
	}
	if (b->sex) {
		int sex = sex_parse(db_column_text(st, 5));
		b->sex[i] = (uint8_t)(sex < 0 ? SEX_UNKNOWN : sex);
	}
	if (b->area) {
		t = db_column_text(st, 6);
		if (strncmp(t, pt->last_area, sizeof(pt->last_area))) {
			snprintf(pt->last_area, sizeof(pt->last_area), "%s", t);
			pt->last_area_n = rules_area_number(t);
		}
		b->area[i] = pt->last_area_n;
	}
	if (f->hh)
		f->hh[i] = hid;
	else if (b->income)
		b->income[i] = (int32_t)hid;
	if (b->needs)
		b->needs[i] = 0;
	if (b->cards)
		b->cards[i] = 0;
	if (b->enrolled)
		b->enrolled[i] = 0;
	for (size_t k = 0; k < f->s->nstanding; k++) {
		c->status[k][i] = 0;
		if (c->applied[k])
			c->applied[k][i] = RULES_DAY_UNKNOWN;
	}
	pt->n++;
	return 0;
}

/* The household of person i as loaded. */
static int64_t hh_of(const struct cols_fill *f, size_t i)
{
	return f->hh ? f->hh[i] : f->c->b.income[i];
}

#define PERSON_SQL                                                                            \
	"SELECT id, birth_date, death_date, nationality, reg_status, sex, area, household_id, " \
	"merged_into IS NULL FROM person "

static const char *const person_sql[4] = {
	PERSON_SQL "WHERE id >= ? AND id <= ? ORDER BY id",
	PERSON_SQL "WHERE id >= ? AND id <= ? AND merged_into IS NULL ORDER BY id",
	PERSON_SQL "WHERE id >= ? AND id <= ? AND death_date IS NULL ORDER BY id",
	PERSON_SQL "WHERE id >= ? AND id <= ? AND merged_into IS NULL AND death_date IS NULL "
		   "ORDER BY id",
};

/*
 * Reads the people of a part: every row of its runs, or only the ids
 * listed. A whole scan reads every row, keeps those wanted, and counts
 * the living members of every household as it goes.
 */
static int load_people(struct part *pt)
{
	struct cols_fill *f = pt->f;
	const char *sql = f->whole ? person_sql[0]
				   : person_sql[(f->unmerged ? 1 : 0) + (f->s->living ? 2 : 0)];
	size_t hint = 0;
	int r = 0;

	for (size_t ri = 0; ri < pt->runs->n && !r; ri++) {
		struct stream s;
		if ((r = stream_open(pt->db, sql, &s, &pt->e)))
			break;
		db_bind_int64(s.query, 1, pt->runs->r[ri].lo);
		db_bind_int64(s.query, 2, pt->runs->r[ri].hi);
		while (!r && (r = stream_step(&s, &pt->e)) == DB_ROW) {
			struct db_stmt *st = stream_row(&s);
			int64_t id = db_column_int64(st, 0), hid = db_column_int64(st, 7);
			r = 0;
			if (f->whole) {
				bool unmerged = db_column_int64(st, 8) != 0;
				bool living = db_column_null(st, 2);
				if (pt->members && unmerged && living && hid > 0 && hid <= f->max_hid)
					pt->members[hid]++;
				if ((f->unmerged && !unmerged) || (f->s->living && !living))
					continue;
			}
			if (pt->ids && sorted_find(pt->ids, pt->nids, id, &hint) < 0)
				continue;
			r = cols_add(pt, st, id, hid);
		}
		stream_close(&s);
		r = r < 0 ? r : 0;
	}
	return r;
}

/* Income per person per year from the household's monthly income and its
 * living members (program_person's arithmetic). */
static int32_t income_of(int64_t monthly, int32_t members)
{
	if (monthly == RULES_INCOME_UNKNOWN)
		return RULES_BAHT_UNKNOWN;
	return rules_income_baht(monthly * 12 / (members > 0 ? members : 1));
}

/* A whole scan: every household's income in an array by id; the members
 * were counted while the people were read. */
static int load_income_whole(struct db *db, struct cols_fill *f, const int32_t *members,
			     struct err *e)
{
	struct program_cols *c = f->c;
	size_t nslots = (size_t)f->max_hid + 1;
	int64_t *monthly = xmalloc(nslots * sizeof(*monthly));
	struct stream s;
	int r;

	f->extra += nslots * sizeof(*monthly);
	note_peak(f, c->n);
	for (size_t h = 0; h < nslots; h++)
		monthly[h] = RULES_INCOME_UNKNOWN;
	if ((r = stream_open(db, "SELECT id, monthly_income FROM household", &s, e)))
		goto out;
	while ((r = stream_step(&s, e)) == DB_ROW) {
		struct db_stmt *st = stream_row(&s);
		int64_t id = db_column_int64(st, 0);
		if (id > 0 && id <= f->max_hid && !db_column_null(st, 1))
			monthly[id] = db_column_int64(st, 1);
	}
	stream_close(&s);
	r = r < 0 ? r : 0;
	for (size_t i = 0; i < c->n && !r; i++) {
		int64_t h = hh_of(f, i);
		c->b.income[i] = h > 0 && h <= f->max_hid ? income_of(monthly[h], members[h])
							  : RULES_BAHT_UNKNOWN;
	}
out:
	free(monthly);
	f->extra -= nslots * sizeof(*monthly);
	return r;
}

/* Otherwise: the households of the people read, in runs, and their
 * living members counted by the database. */
static int load_income_runs(struct db *db, struct cols_fill *f, struct err *e)
{
	struct program_cols *c = f->c;
	int64_t *hid, *monthly;
	int32_t *members;
	size_t nh, hint = 0, i;
	struct runs hr;
	int r = 0;

	hid = xmalloc((c->n ? c->n : 1) * sizeof(*hid));
	for (i = 0; i < c->n; i++)
		hid[i] = hh_of(f, i);
	nh = sort_unique(hid, c->n);
	runs_make(hid, nh, &hr);
	monthly = xmalloc((nh ? nh : 1) * sizeof(*monthly));
	members = xcalloc(nh ? nh : 1, sizeof(*members));
	f->extra += c->n * 8 + nh * 12;
	note_peak(f, c->n);
	f->extra -= c->n * 8 + nh * 12;
	for (i = 0; i < nh; i++)
		monthly[i] = RULES_INCOME_UNKNOWN;
	for (size_t ri = 0; ri < hr.n && !r; ri++) {
		struct stream s;
		if ((r = stream_open(db, "SELECT id, monthly_income FROM household "
					 "WHERE id >= ? AND id <= ?",
				     &s, e)))
			break;
		db_bind_int64(s.query, 1, hr.r[ri].lo);
		db_bind_int64(s.query, 2, hr.r[ri].hi);
		while ((r = stream_step(&s, e)) == DB_ROW) {
			struct db_stmt *st = stream_row(&s);
			long h = sorted_find(hid, nh, db_column_int64(st, 0), &hint);
			if (h >= 0 && !db_column_null(st, 1))
				monthly[h] = db_column_int64(st, 1);
		}
		stream_close(&s);
		r = r < 0 ? r : 0;
	}
	for (size_t ri = 0; ri < hr.n && !r; ri++) {
		struct stream s;
		if ((r = stream_open(db, "SELECT household_id, COUNT(*) FROM person "
					 "WHERE household_id >= ? AND household_id <= ? "
					 "AND death_date IS NULL AND merged_into IS NULL "
					 "GROUP BY household_id",
				     &s, e)))
			break;
		db_bind_int64(s.query, 1, hr.r[ri].lo);
		db_bind_int64(s.query, 2, hr.r[ri].hi);
		while ((r = stream_step(&s, e)) == DB_ROW) {
			struct db_stmt *st = stream_row(&s);
			long h = sorted_find(hid, nh, db_column_int64(st, 0), &hint);
			if (h >= 0)
				members[h] = (int32_t)db_column_int64(st, 1);
		}
		stream_close(&s);
		r = r < 0 ? r : 0;
	}
	hint = 0;
	for (i = 0; i < c->n && !r; i++) {
		int64_t id = hh_of(f, i);
		long h = id ? sorted_find(hid, nh, id, &hint) : -1;
		c->b.income[i] = h >= 0 ? income_of(monthly[h], members[h]) : RULES_BAHT_UNKNOWN;
	}
	free(hr.r);
	free(hid);
	free(monthly);
	free(members);
	return r;
}

/* Needs active on the date, and valid cards (program_person's tests). */
static int load_needs(struct db *db, struct cols_fill *f, const struct runs *runs,
		      struct err *e)
{
	struct program_cols *c = f->c;
	const struct program_cols_spec *sp = f->s;
	struct buf sql = BUF_INIT;
	char on[16];
	size_t hint = 0;
	int r = 0, k, sep = 0;

	snprintf(on, sizeof(on), "%04d-%02d-%02d", sp->on.y % 10000, sp->on.m % 100,
		 sp->on.d % 100);
	bool whole = runs_whole(runs);
	int k0 = whole ? 1 : 3;

	buf_puts(&sql, "SELECT person_id, kind, card_no, card_expires FROM person_need WHERE ");
	if (!whole)
		buf_puts(&sql, "person_id >= ? AND person_id <= ? AND ");
	buf_puts(&sql, "observed_on <= ? AND (ended_on IS NULL OR ended_on > ?)");
	if (sp->need_kinds) {
		buf_puts(&sql, " AND kind IN (");
		for (k = 1; k < NEED_COUNT && k < 32; k++)
			if (sp->need_kinds & (1u << k))
				buf_printf(&sql, "%s'%s'", sep++ ? ", " : "",
					   need_kind_code((enum need_kind)k));
		if (!sep)
			buf_puts(&sql, "''");
		buf_putc(&sql, ')');
	}
	for (size_t ri = 0; ri < runs->n && !r; ri++) {
		struct stream s;
		if ((r = stream_open(db, sql.ptr, &s, e)))
			break;
		bind_run(s.query, &runs->r[ri], whole);
		db_bind_text(s.query, k0, on, -1);
		db_bind_text(s.query, k0 + 1, on, -1);
		while ((r = stream_step(&s, e)) == DB_ROW) {
			struct db_stmt *st = stream_row(&s);
			long i = program_cols_find(c, db_column_int64(st, 0), &hint);
			int kind, y, m, d;
			const char *exp;
			if (i < 0)
				continue;
			kind = need_kind_parse(db_column_text(st, 1));
			if (kind <= 0 || kind >= 32)
				continue;
			if (c->b.needs)
				c->b.needs[i] |= 1u << kind;
			exp = db_column_text(st, 3);
			if (c->b.cards && db_column_text(st, 2)[0] &&
			    (!iso_fields(exp, &y, &m, &d) || !y ||
			     date_cmp((struct date){ y, m, d }, sp->on) >= 0))
				c->b.cards[i] |= 1u << kind;
		}
		stream_close(&s);
		r = r < 0 ? r : 0;
	}
	buf_release(&sql);
	return r;
}

/* The enrolled column: enrolments active on the date, by program code. */
static int load_enrolled(struct db *db, struct cols_fill *f, const struct runs *runs,
			 struct err *e)
{
	struct program_cols *c = f->c;
	const struct program_cols_spec *sp = f->s;
	size_t hint = 0;
	int r = 0;

	for (size_t ri = 0; ri < runs->n && !r; ri++) {
		struct stream s;
		bool whole = runs_whole(runs);
		if ((r = stream_open(db, whole ? "SELECT x.person_id, g.code FROM enrolment x "
						 "JOIN program g ON g.id = x.program_id "
						 "WHERE x.status = 'active' AND x.active_from <= ?"
					       : "SELECT x.person_id, g.code FROM enrolment x "
						 "JOIN program g ON g.id = x.program_id "
						 "WHERE x.person_id >= ? AND x.person_id <= ? "
						 "AND x.status = 'active' AND x.active_from <= ?",
				     &s, e)))
			break;
		bind_run(s.query, &runs->r[ri], whole);
		db_bind_date(s.query, whole ? 1 : 3, sp->on);
		while ((r = stream_step(&s, e)) == DB_ROW) {
			struct db_stmt *st = stream_row(&s);
			long i = program_cols_find(c, db_column_int64(st, 0), &hint);
			const char *code = db_column_text(st, 1);
			if (i < 0)
				continue;
			for (size_t p = 0; p < sp->nprograms && p < 64; p++)
				if (!strcmp(sp->programs[p], code))
					c->b.enrolled[i] |= 1ull << p;
		}
		stream_close(&s);
		r = r < 0 ? r : 0;
	}
	return r;
}

static uint8_t standing_of(const char *s)
{
	if (!strcmp(s, "active"))
		return 3;
	if (!strcmp(s, "suspended"))
		return 2;
	if (!strcmp(s, "applied") || !strcmp(s, "verified"))
		return 1;
	return 0;
}

/* Which of the standing programs a program id is, or -1. */
static int standing_index(const struct program_cols_spec *sp, int64_t program_id)
{
	for (size_t k = 0; k < sp->nstanding; k++)
		if (sp->standing_of[k] == program_id)
			return (int)k;
	return -1;
}

/* Each person's best standing in the programs (and that enrolment's
 * application day), and who declined them. */
static int load_standing(struct db *db, struct cols_fill *f, const struct runs *runs,
			 struct err *e)
{
	struct program_cols *c = f->c;
	const struct program_cols_spec *sp = f->s;
	size_t hint = 0;
	int r = 0;

	for (size_t ri = 0; ri < runs->n && !r; ri++) {
		struct stream s;
		static const char *const sql[2][2] = {
			{ "SELECT person_id, program_id, status, '' FROM enrolment "
			  "WHERE person_id >= ? AND person_id <= ?",
			  "SELECT person_id, program_id, status, applied_on FROM enrolment "
			  "WHERE person_id >= ? AND person_id <= ?" },
			{ "SELECT person_id, program_id, status, '' FROM enrolment",
			  "SELECT person_id, program_id, status, applied_on FROM enrolment" },
		};
		bool whole = runs_whole(runs);
		if ((r = stream_open(db, sql[whole][sp->applied != 0], &s, e)))
			break;
		bind_run(s.query, &runs->r[ri], whole);
		while ((r = stream_step(&s, e)) == DB_ROW) {
			struct db_stmt *st = stream_row(&s);
			int k = standing_index(sp, db_column_int64(st, 1));
			long i = k < 0 ? -1 : program_cols_find(c, db_column_int64(st, 0), &hint);
			uint8_t rank = standing_of(db_column_text(st, 2)), have;
			int32_t day;
			if (i < 0 || !rank)
				continue;
			have = c->status[k][i] & PROGRAM_STANDING;
			day = c->applied[k] ? iso_days(db_column_text(st, 3)) : 0;
			if (rank > have ||
			    (rank == have && c->applied[k] && day < c->applied[k][i])) {
				c->status[k][i] = (uint8_t)((c->status[k][i] & ~PROGRAM_STANDING) | rank);
				if (c->applied[k])
					c->applied[k][i] = day;
			}
		}
		stream_close(&s);
		r = r < 0 ? r : 0;
	}
	if (!r && sp->declined_area) {
		char lo[16], hi[16];
		struct db_stmt *st;
		db_prefix_range(sp->declined_area, lo, hi);
		if ((r = db_prepare(db, "SELECT person_id, program_id FROM outreach_case "
					"WHERE status = 'closed' AND outcome = 'not_interested' "
					"AND area >= ? AND area < ?",
				    &st, e)))
			return r;
		db_bind_text(st, 1, lo, -1);
		db_bind_text(st, 2, hi, -1);
		while ((r = db_step(st, e)) == DB_ROW) {
			int k = standing_index(sp, db_column_int64(st, 1));
			long i = k < 0 ? -1 : program_cols_find(c, db_column_int64(st, 0), &hint);
			if (i >= 0)
				c->status[k][i] |= PROGRAM_DECLINED;
		}
		db_finalize(st);
		r = r < 0 ? r : 0;
	}
	return r;
}

void program_cols_release(struct program_cols *c)
{
	struct rules_batch *b = &c->b;

	free(c->id);
	free(b->birth);
	free(b->death);
	free(b->registered);
	free(b->income);
	free(b->area);
	free(b->needs);
	free(b->cards);
	free(b->enrolled);
	free(b->sex);
	free(b->nationality);
	free(b->reg);
	free(b->flags);
	for (size_t k = 0; k < PROGRAM_COLS_STANDING; k++) {
		free(c->status[k]);
		free(c->applied[k]);
	}
	memset(c, 0, sizeof(*c));
}

/* A snapshot for the streams when the caller holds no transaction: a
 * cursor needs one on PostgreSQL, and the tables are then read as of one
 * moment on both engines. */
static int snapshot_begin(struct db *db, bool *own, struct err *e)
{
	int r;

	*own = false;
	if (db_in_tx(db))
		return 0;
	r = db_exec(db, strcmp(db_driver(db), "sqlite") ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
							 : "BEGIN",
		    e);
	*own = r == 0;
	return r;
}

static void snapshot_end(struct db *db, bool own)
{
	struct err ignored;

	if (own)
		db_exec(db, "ROLLBACK", &ignored); /* nothing was written */
}

/* The second part of a whole scan, on the helper connection. */
static void *people_thread(void *arg)
{
	struct part *pt = arg;
	bool own;

	if (!(pt->r = snapshot_begin(pt->db, &own, &pt->e))) {
		pt->r = load_people(pt);
		snapshot_end(pt->db, own);
	}
	return NULL;
}

/* What hangs off the people (needs, enrolments, standings), read on the
 * helper connection while the main one reads the incomes. */
struct rest_job {
	struct cols_fill *f;
	struct db *db;
	const struct runs *runs;
	int r;
	struct err e;
};

static int load_rest(struct db *db, struct cols_fill *f, const struct runs *runs, struct err *e)
{
	int r = 0;

	if (f->cols & (RULES_COL_NEEDS | RULES_COL_CARDS))
		r = load_needs(db, f, runs, e);
	if (!r && (f->cols & RULES_COL_ENROLLED))
		r = load_enrolled(db, f, runs, e);
	if (!r && f->s->nstanding)
		r = load_standing(db, f, runs, e);
	return r;
}

static void *rest_thread(void *arg)
{
	struct rest_job *j = arg;
	bool own;

	if (!(j->r = snapshot_begin(j->db, &own, &j->e))) {
		j->r = load_rest(j->db, j->f, j->runs, &j->e);
		snapshot_end(j->db, own);
	}
	return NULL;
}

static int part_fail(struct part *pt, struct err *e)
{
	*e = pt->e;
	return pt->r;
}

/*
 * The load: people (the runs, or the ids in them), then what hangs off
 * them. whole: one scan of the whole register (the nation, or an id set
 * large enough that reading everything costs less than looking rows up),
 * which also counts every household's living members; it needs household
 * ids small enough to index arrays by (else the runs' way is taken). A
 * whole scan with a helper connection reads the people in two halves of
 * the ids at once, then the incomes on one connection while the other
 * reads the rest. Each connection reads in a snapshot of its own.
 */
static int cols_load(struct db *db, const struct program_cols_spec *s, const struct runs *runs,
		     const int64_t *ids, size_t nids, bool unmerged, bool whole, size_t guess,
		     struct program_cols *out, struct err *e)
{
	struct runs all = { NULL, 0, 0 }, half[2] = { { NULL, 0, 0 }, { NULL, 0, 0 } };
	struct part pt[2];
	struct cols_fill f;
	bool own = false, two = false;
	int64_t min_id = 0, max_id = 0;
	int r;

	memset(out, 0, sizeof(*out));
	memset(&f, 0, sizeof(f));
	memset(pt, 0, sizeof(pt));
	f.c = out;
	f.s = s;
	f.unmerged = unmerged;
	f.cols = s->columns & ~(unsigned)(RULES_COL_REGISTERED | RULES_COL_FLAGS);
	if (!(f.cols & RULES_COL_ENROLLED) || !s->nprograms)
		f.cols &= ~(unsigned)RULES_COL_ENROLLED;
	if (s->nprograms > RULES_MAX_PROGRAMS || s->nstanding > PROGRAM_COLS_STANDING ||
	    !date_valid(s->on))
		return err_set(e, ERR_INVALID, NULL, "คำขอโหลดข้อมูลไม่ถูกต้อง%s",
			       "invalid load request%s", "");
	if ((r = snapshot_begin(db, &own, e)))
		return r;
	if ((f.cols & RULES_COL_INCOME) &&
	    (r = db_query_int64(db, "SELECT COALESCE(MAX(id), 0) FROM household", &f.max_hid, e)))
		goto out;
	f.whole = whole && f.max_hid < (1 << 28);
	for (int k = 0; k < 2; k++) {
		pt[k].f = &f;
		pt[k].ids = ids;
		pt[k].nids = nids;
		pt[k].runs = runs;
		pt[k].db = k ? s->helper : db;
	}
	if (f.whole) {
		runs_all(&all);
		pt[0].runs = &all;
		/* Two halves of the ids, each into its own rows. */
		if (s->helper && !(r = db_query_int64(db, "SELECT COALESCE(MIN(id), 0) FROM person",
						      &min_id, e)) &&
		    !(r = db_query_int64(db, "SELECT COALESCE(MAX(id), 0) FROM person", &max_id,
					 e)) &&
		    min_id >= 1 && max_id - min_id > 1000 && max_id < (1 << 27)) {
			int64_t mid = min_id + (max_id - min_id) / 2;
			two = true;
			ALLOC_GROW(half[0].r, 1, half[0].n);
			ALLOC_GROW(half[1].r, 1, half[1].n);
			half[0].r[0] = (struct run){ min_id, mid };
			half[1].r[0] = (struct run){ mid + 1, max_id };
			half[0].n = half[1].n = 1;
			pt[0].runs = &half[0];
			pt[1].runs = &half[1];
			pt[0].limit = (size_t)(mid - min_id + 1);
			pt[1].base = pt[0].limit;
			pt[1].limit = (size_t)(max_id - mid);
			guess = (size_t)(max_id - min_id + 1);
		}
		if (r)
			goto out;
		for (int k = 0; k < 1 + two && (f.cols & RULES_COL_INCOME); k++)
			pt[k].members = xcalloc((size_t)f.max_hid + 1, sizeof(*pt[k].members));
		f.extra += (1 + two) * (f.cols & RULES_COL_INCOME ? (size_t)f.max_hid + 1 : 0) * 4;
	}
	cols_resize(&f, guess);
	if (two) {
		pthread_t t;
		if (pthread_create(&t, NULL, people_thread, &pt[1])) {
			r = err_set(e, ERR_INTERNAL, NULL, "สร้างเธรดไม่ได้%s", "cannot start a thread%s", "");
			goto out;
		}
		pt[0].r = load_people(&pt[0]);
		pthread_join(t, NULL);
		if ((r = pt[0].r ? part_fail(&pt[0], e) : pt[1].r ? part_fail(&pt[1], e) : 0))
			goto out;
		/* The second half down against the first; the counts added up. */
		cols_move(&f, pt[0].n, pt[1].base, pt[1].n);
		out->n = pt[0].n + pt[1].n;
		if (pt[0].members)
			for (size_t h = 0; h <= (size_t)f.max_hid; h++)
				pt[0].members[h] += pt[1].members[h];
		free(pt[1].members);
		pt[1].members = NULL;
	} else {
		if ((r = load_people(&pt[0]) ? part_fail(&pt[0], e) : 0))
			goto out;
		out->n = pt[0].n;
	}
	note_peak(&f, f.cap);
	/* The people are known: give back what the guess overshot. */
	cols_resize(&f, out->n);
	if (out->n) {
		/* The rest is read by the runs of the people actually read. */
		struct runs pr;
		struct rest_job job = { &f, s->helper, &pr, 0, { 0 } };
		pthread_t t;
		bool bg = false;

		if (f.whole)
			runs_all(&pr);
		else
			runs_make(out->id, out->n, &pr);
		/* Incomes here, the rest on the helper at the same time. */
		if (two && !pthread_create(&t, NULL, rest_thread, &job))
			bg = true;
		if (f.cols & RULES_COL_INCOME)
			r = f.whole ? load_income_whole(db, &f, pt[0].members, e)
				    : load_income_runs(db, &f, e);
		if (bg) {
			pthread_join(t, NULL);
			if (!r && job.r) {
				r = job.r;
				*e = job.e;
			}
		} else if (!r) {
			r = load_rest(db, &f, &pr, e);
		}
		free(pr.r);
	}
out:
	snapshot_end(db, own);
	free(all.r);
	free(half[0].r);
	free(half[1].r);
	free(f.hh);
	free(pt[0].members);
	free(pt[1].members);
	out->bytes = out->n * row_bytes(&f);
	if (r)
		program_cols_release(out);
	return r;
}

int program_names(struct db *db, const int64_t *ids, size_t n,
		  void (*fn)(void *ctx, size_t i, const char *name), void *ctx, struct err *e)
{
	struct runs runs;
	struct buf name = BUF_INIT;
	size_t hint = 0;
	bool own;
	int r;

	for (size_t i = 1; i < n; i++)
		if (ids[i - 1] >= ids[i])
			return err_set(e, ERR_INTERNAL, NULL, "รายการไม่ได้เรียงลำดับ%s",
				       "ids are not sorted%s", "");
	if (!n)
		return 0;
	if ((r = snapshot_begin(db, &own, e)))
		return r;
	runs_make(ids, n, &runs);
	for (size_t ri = 0; ri < runs.n && !r; ri++) {
		struct stream s;
		if ((r = stream_open(db, "SELECT id, title, given_name, family_name FROM person "
					 "WHERE id >= ? AND id <= ? ORDER BY id",
				     &s, e)))
			break;
		db_bind_int64(s.query, 1, runs.r[ri].lo);
		db_bind_int64(s.query, 2, runs.r[ri].hi);
		while ((r = stream_step(&s, e)) == DB_ROW) {
			struct db_stmt *st = stream_row(&s);
			long i = sorted_find(ids, n, db_column_int64(st, 0), &hint);
			if (i < 0)
				continue;
			buf_reset(&name);
			buf_printf(&name, "%s%s %s", db_column_text(st, 1), db_column_text(st, 2),
				   db_column_text(st, 3));
			fn(ctx, (size_t)i, name.ptr);
		}
		stream_close(&s);
		r = r < 0 ? r : 0;
	}
	free(runs.r);
	buf_release(&name);
	snapshot_end(db, own);
	return r;
}

/* The largest person id: the size of a whole scan. */
static int person_max_id(struct db *db, int64_t *max, struct err *e)
{
	return db_query_int64(db, "SELECT COALESCE(MAX(id), 0) FROM person", max, e);
}

int program_cols_area(struct db *db, const char *area, const struct program_cols_spec *s,
		      struct program_cols *out, struct err *e)
{
	struct runs runs = { NULL, 0, 0 };
	int64_t *ids = NULL, max = 0;
	size_t n = 0, cap = 0;
	char lo[16], hi[16];
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	if (!area || !*area || !strcmp(area, GEO_NATION_CODE)) {
		/* The nation: the whole table in one scan, sized by its ids. */
		if ((r = person_max_id(db, &max, e)))
			return r;
		runs_all(&runs);
		r = cols_load(db, s, &runs, NULL, 0, true, true,
			      max > 0 && max < (1 << 27) ? (size_t)max : 1 << 16, out, e);
		free(runs.r);
		return r;
	}
	/* An area: its people's ids from the area index, then their rows in runs. */
	db_prefix_range(area, lo, hi);
	if ((r = db_prepare(db, s->living ? "SELECT id FROM person WHERE area >= ? AND area < ? "
					    "AND merged_into IS NULL AND death_date IS NULL"
					  : "SELECT id FROM person WHERE area >= ? AND area < ? "
					    "AND merged_into IS NULL",
			    &st, e)))
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(ids, n + 1, cap);
		ids[n++] = db_column_int64(st, 0);
	}
	db_finalize(st);
	if (r < 0) {
		free(ids);
		return r;
	}
	n = sort_unique(ids, n);
	runs_make(ids, n, &runs);
	r = cols_load(db, s, &runs, ids, n, true, false, n, out, e);
	if (out->peak < cap * 8 + out->bytes)
		out->peak = cap * 8 + out->bytes;
	free(runs.r);
	free(ids);
	return r;
}

/* An id set of at least this share of the register (1/WHOLE_SHARE) is
 * read by one scan of the whole person table. */
#define WHOLE_SHARE 16

int program_cols_ids(struct db *db, const int64_t *ids, size_t n,
		     const struct program_cols_spec *s, struct program_cols *out, struct err *e)
{
	struct runs runs;
	int64_t max = 0;
	int r;

	memset(out, 0, sizeof(*out));
	for (size_t i = 1; i < n; i++)
		if (ids[i - 1] >= ids[i])
			return err_set(e, ERR_INTERNAL, NULL, "รายการไม่ได้เรียงลำดับ%s",
				       "ids are not sorted%s", "");
	if (n >= 256 && (r = person_max_id(db, &max, e)))
		return r;
	runs_make(ids, n, &runs);
	r = cols_load(db, s, &runs, ids, n, false, n >= 256 && (int64_t)n * WHOLE_SHARE >= max,
		      n, out, e);
	free(runs.r);
	return r;
}

/* ---- payrolls ---- */

#define PAYROLL_COLS                                                                        \
	"id, lines, total, stopped, COALESCE(approve_entry_id, 0), office, month, status, "   \
	"generated_by, generated_at, COALESCE(approved_by, ''), COALESCE(approved_at, '') "

static void read_payroll(struct db_stmt *st, void *item)
{
	struct payroll *p = item;

	memset(p, 0, sizeof(*p));
	p->id = db_column_int64(st, 0);
	p->lines = db_column_int64(st, 1);
	p->total = db_column_int64(st, 2);
	p->stopped = db_column_int64(st, 3);
	p->approve_entry_id = db_column_int64(st, 4);
	db_column_copy(st, 5, p->office, sizeof(p->office));
	db_column_copy(st, 6, p->month, sizeof(p->month));
	db_column_copy(st, 7, p->status, sizeof(p->status));
	db_column_copy(st, 8, p->generated_by, sizeof(p->generated_by));
	db_column_copy(st, 9, p->generated_at, sizeof(p->generated_at));
	db_column_copy(st, 10, p->approved_by, sizeof(p->approved_by));
	db_column_copy(st, 11, p->approved_at, sizeof(p->approved_at));
}

int payroll_insert(struct db *db, const char *office, const char *month, const char *by,
		   const char *now, int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO payroll (office, month, status, generated_by, generated_at) "
	     "VALUES (?, ?, 'generated', ?, ?) RETURNING id");
	db_bind_text(st, 1, office, -1);
	db_bind_text(st, 2, month, -1);
	db_bind_text(st, 3, by, -1);
	db_bind_text(st, 4, now, -1);
	return db_step_id(st, id, e);
}

int payroll_get(struct db *db, int64_t id, struct payroll *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT " PAYROLL_COLS "FROM payroll WHERE id = ?");
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		read_payroll(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, NULL, "ไม่พบบัญชีจ่าย %lld", "payroll %lld not found",
			    (long long)id);
	}
	db_finalize(st);
	return r;
}

int payroll_find(struct db *db, const char *office, const char *month, int64_t *id,
		 struct err *e)
{
	struct db_stmt *st;
	int r;

	*id = 0;
	PREP("SELECT id FROM payroll WHERE office = ? AND month = ?");
	db_bind_text(st, 1, office, -1);
	db_bind_text(st, 2, month, -1);
	r = db_step(st, e);
	if (r == DB_ROW)
		*id = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int payroll_update(struct db *db, const struct payroll *p, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE payroll SET status = ?, lines = ?, total = ?, stopped = ?, "
	     "approve_entry_id = ?, approved_by = ?, approved_at = ? WHERE id = ?");
	db_bind_text(st, 1, p->status, -1);
	db_bind_int64(st, 2, p->lines);
	db_bind_int64(st, 3, p->total);
	db_bind_int64(st, 4, p->stopped);
	if (p->approve_entry_id)
		db_bind_int64(st, 5, p->approve_entry_id);
	else
		db_bind_null(st, 5);
	db_bind_text_or_null(st, 6, p->approved_by[0] ? p->approved_by : NULL);
	db_bind_text_or_null(st, 7, p->approved_at[0] ? p->approved_at : NULL);
	db_bind_int64(st, 8, p->id);
	return db_step_changed(st, "บัญชีจ่าย", "payroll", e);
}

int payroll_list_office(struct db *db, const char *office, struct payroll_list *out,
			struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	db_prefix_range(office, lo, hi);
	PREP("SELECT " PAYROLL_COLS "FROM payroll WHERE office >= ? AND office < ? "
				    "ORDER BY month DESC, office");
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	return DB_STEP_LIST(st, out, read_payroll, e);
}

int payroll_line_insert(struct db *db, const struct payroll_line *l, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO payroll_line (payroll_id, enrolment_id, person_id, program_id, "
	     "national_id, name, amount, arrears, arrears_months, status, reason) "
	     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	db_bind_int64(st, 1, l->payroll_id);
	db_bind_int64(st, 2, l->enrolment_id);
	db_bind_int64(st, 3, l->person_id);
	db_bind_int64(st, 4, l->program_id);
	db_bind_text(st, 5, l->national_id, -1);
	db_bind_text(st, 6, l->name, -1);
	db_bind_int64(st, 7, l->amount);
	db_bind_int64(st, 8, l->arrears);
	db_bind_int64(st, 9, l->arrears_months);
	db_bind_text(st, 10, l->status, -1);
	db_bind_text(st, 11, l->reason, -1);
	return db_step_done(st, e);
}

int payroll_line_update(struct db *db, const struct payroll_line *l, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE payroll_line SET status = ?, reason = ?, bank_ref = ?, pay_entry_id = ? "
	     "WHERE id = ?");
	db_bind_text(st, 1, l->status, -1);
	db_bind_text(st, 2, l->reason, -1);
	db_bind_text(st, 3, l->bank_ref, -1);
	if (l->pay_entry_id)
		db_bind_int64(st, 4, l->pay_entry_id);
	else
		db_bind_null(st, 4);
	db_bind_int64(st, 5, l->id);
	return db_step_changed(st, "รายการจ่าย", "payroll line", e);
}

static void read_payroll_line(struct db_stmt *st, void *item)
{
	struct payroll_line *l = item;

	l->id = db_column_int64(st, 0);
	l->payroll_id = db_column_int64(st, 1);
	l->enrolment_id = db_column_int64(st, 2);
	l->person_id = db_column_int64(st, 3);
	l->program_id = db_column_int64(st, 4);
	l->amount = db_column_int64(st, 5);
	l->arrears = db_column_int64(st, 6);
	l->arrears_months = db_column_int64(st, 7);
	l->pay_entry_id = db_column_int64(st, 8);
	db_column_copy(st, 9, l->national_id, sizeof(l->national_id));
	db_column_copy(st, 10, l->name, sizeof(l->name));
	db_column_copy(st, 11, l->status, sizeof(l->status));
	db_column_copy(st, 12, l->reason, sizeof(l->reason));
	db_column_copy(st, 13, l->bank_ref, sizeof(l->bank_ref));
	db_column_copy(st, 14, l->program_code, sizeof(l->program_code));
}

int payroll_lines(struct db *db, int64_t payroll_id, struct payroll_line_list *out,
		  struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT l.id, l.payroll_id, l.enrolment_id, l.person_id, l.program_id, l.amount, "
	     "l.arrears, l.arrears_months, COALESCE(l.pay_entry_id, 0), l.national_id, l.name, "
	     "l.status, l.reason, l.bank_ref, g.code FROM payroll_line l "
	     "JOIN program g ON g.id = l.program_id WHERE l.payroll_id = ? ORDER BY l.id");
	db_bind_int64(st, 1, payroll_id);
	return DB_STEP_LIST(st, out, read_payroll_line, e);
}

void roll_entry_list_release(struct roll_entry_list *l)
{
	free(l->items);
	buf_release(&l->names);
	memset(l, 0, sizeof(*l));
}

#define ROLL_SQL                                                                              \
	"SELECT x.id, x.person_id, x.program_id, x.applied_on, x.active_from, "                \
	"COALESCE(x.paid_through, ''), x.office, "

/* The nation's entries: the table in its own order (by id), without an
 * index walk and a sort; the caller groups them by office. */
static const char *const roll_sql_nation[2] = {
	ROLL_SQL "'', '', 0 FROM enrolment x "
		 "WHERE x.status = 'active' AND x.active_from <= ? ORDER BY x.id",
	ROLL_SQL "COALESCE(p.national_id, ''), p.title || p.given_name || ' ' || p.family_name, 0 "
		 "FROM enrolment x JOIN person p ON p.id = x.person_id "
		 "WHERE x.status = 'active' AND x.active_from <= ? ORDER BY x.id",
};

static const char *const roll_sql[2][2] = {
	{
		ROLL_SQL "'', '', 0 FROM enrolment x WHERE x.office >= ? AND x.office < ? "
			 "AND x.status = 'active' AND x.active_from <= ? ORDER BY x.office, x.id",
		ROLL_SQL "'', '', EXISTS (SELECT 1 FROM enrolment y WHERE y.person_id = x.person_id "
			 "AND y.program_id = x.program_id AND y.office <> x.office "
			 "AND y.status = 'active' AND y.active_from <= ? AND y.id < x.id) "
			 "FROM enrolment x WHERE x.office >= ? AND x.office < ? "
			 "AND x.status = 'active' AND x.active_from <= ? ORDER BY x.office, x.id",
	},
	{
		ROLL_SQL "COALESCE(p.national_id, ''), p.title || p.given_name || ' ' || p.family_name, 0 "
			 "FROM enrolment x JOIN person p ON p.id = x.person_id "
			 "WHERE x.office >= ? AND x.office < ? "
			 "AND x.status = 'active' AND x.active_from <= ? ORDER BY x.office, x.id",
		ROLL_SQL "COALESCE(p.national_id, ''), p.title || p.given_name || ' ' || p.family_name, "
			 "EXISTS (SELECT 1 FROM enrolment y WHERE y.person_id = x.person_id "
			 "AND y.program_id = x.program_id AND y.office <> x.office "
			 "AND y.status = 'active' AND y.active_from <= ? AND y.id < x.id) "
			 "FROM enrolment x JOIN person p ON p.id = x.person_id "
			 "WHERE x.office >= ? AND x.office < ? "
			 "AND x.status = 'active' AND x.active_from <= ? ORDER BY x.office, x.id",
	},
};

int payroll_entries(struct db *db, const char *office, bool prefix, struct date m1, bool names,
		    bool other_office, struct roll_entry_list *out, struct err *e)
{
	struct stream s;
	char lo[16], hi[16];
	bool own, nation;
	int r, k = 1;

	memset(out, 0, sizeof(*out));
	nation = prefix && (!office || !*office || !strcmp(office, GEO_NATION_CODE));
	if (prefix) {
		db_prefix_range(office, lo, hi);
	} else {
		/* One office: the range holding exactly its code. */
		snprintf(lo, sizeof(lo), "%s", office);
		snprintf(hi, sizeof(hi), "%s!", office); /* '!' sorts before any digit */
	}
	if ((r = snapshot_begin(db, &own, e)))
		return r;
	if ((r = stream_open(db, nation && !other_office ? roll_sql_nation[names]
							 : roll_sql[names][other_office],
			     &s, e))) {
		snapshot_end(db, own);
		return r;
	}
	if (other_office)
		db_bind_date(s.query, k++, m1);
	if (!nation || other_office) {
		db_bind_text(s.query, k++, lo, -1);
		db_bind_text(s.query, k++, hi, -1);
	}
	db_bind_date(s.query, k, m1);
	while ((r = stream_step(&s, e)) == DB_ROW) {
		struct db_stmt *st = stream_row(&s);
		struct roll_entry *x;
		ALLOC_GROW(out->items, out->n + 1, out->cap);
		x = &out->items[out->n++];
		memset(x, 0, sizeof(*x));
		x->id = db_column_int64(st, 0);
		x->person_id = db_column_int64(st, 1);
		x->program_id = db_column_int64(st, 2);
		x->applied_on = iso_days(db_column_text(st, 3));
		x->active_from = iso_days(db_column_text(st, 4));
		x->paid_through = iso_days(db_column_text(st, 5));
		db_column_copy(st, 6, x->office, sizeof(x->office));
		if (names) {
			x->name = (uint32_t)out->names.len;
			buf_puts(&out->names, db_column_text(st, 7));
			buf_putc(&out->names, '\0');
			buf_puts(&out->names, db_column_text(st, 8));
			buf_putc(&out->names, '\0');
		}
		x->other_office = db_column_int64(st, 9) != 0;
	}
	stream_close(&s);
	snapshot_end(db, own);
	if (r < 0) {
		roll_entry_list_release(out);
		return r;
	}
	return 0;
}

int enrolment_paid_through(struct db *db, int64_t id, struct date month, const char *now,
			   struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE enrolment SET paid_through = ?, updated_at = ? WHERE id = ?");
	db_bind_date(st, 1, month);
	db_bind_text(st, 2, now, -1);
	db_bind_int64(st, 3, id);
	return db_step_changed(st, "การลงทะเบียน", "enrolment", e);
}

int office_book_get(struct db *db, const char *office, int64_t *book_id, struct err *e)
{
	struct db_stmt *st;
	int r;

	*book_id = 0;
	PREP("SELECT book_id FROM office_book WHERE office = ?");
	db_bind_text(st, 1, office, -1);
	r = db_step(st, e);
	if (r == DB_ROW)
		*book_id = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int office_book_insert(struct db *db, const char *office, int64_t book_id, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("INSERT INTO office_book (office, book_id) VALUES (?, ?)");
	db_bind_text(st, 1, office, -1);
	db_bind_int64(st, 2, book_id);
	return db_step_done(st, e);
}

/* ---- coverage and outreach ---- */

DEFINE_LIST(outreach_list, outreach_case)

int outreach_insert(struct db *db, int64_t program_id, int64_t person_id, const char *area,
		    const char *reason, const char *by, const char *now, bool *created,
		    struct err *e)
{
	struct db_stmt *st;
	int r;

	*created = false;
	PREP("SELECT 1 FROM outreach_case WHERE program_id = ? AND person_id = ? "
	     "AND status <> 'closed'");
	db_bind_int64(st, 1, program_id);
	db_bind_int64(st, 2, person_id);
	r = db_step(st, e);
	db_finalize(st);
	if (r != DB_DONE)
		return r < 0 ? r : 0; /* one is open already */
	PREP("INSERT INTO outreach_case (program_id, person_id, area, reason, status, created_by, "
	     "created_at, updated_at) VALUES (?, ?, ?, ?, 'open', ?, ?, ?)");
	db_bind_int64(st, 1, program_id);
	db_bind_int64(st, 2, person_id);
	db_bind_text(st, 3, area, -1);
	db_bind_text(st, 4, reason, -1);
	db_bind_text(st, 5, by, -1);
	db_bind_text(st, 6, now, -1);
	db_bind_text(st, 7, now, -1);
	if ((r = db_step_done(st, e)))
		return r;
	*created = true;
	return 0;
}

void outreach_read(struct db_stmt *st, void *item)
{
	struct outreach_case *c = item;

	c->id = db_column_int64(st, 0);
	c->program_id = db_column_int64(st, 1);
	c->person_id = db_column_int64(st, 2);
	db_column_copy(st, 3, c->area, sizeof(c->area));
	db_column_copy(st, 4, c->reason, sizeof(c->reason));
	db_column_copy(st, 5, c->status, sizeof(c->status));
	db_column_copy(st, 6, c->assigned_to, sizeof(c->assigned_to));
	db_column_copy(st, 7, c->outcome, sizeof(c->outcome));
	db_column_copy(st, 8, c->note, sizeof(c->note));
	db_column_date(st, 9, &c->visited_on);
	db_column_copy(st, 10, c->name, sizeof(c->name));
	db_column_copy(st, 11, c->program_code, sizeof(c->program_code));
}

int outreach_get(struct db *db, int64_t id, struct outreach_case *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP(OUTREACH_SQL "WHERE o.id = ?");
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		memset(out, 0, sizeof(*out));
		outreach_read(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, NULL, "ไม่พบงานติดตาม %lld", "outreach case %lld not found",
			    (long long)id);
	}
	db_finalize(st);
	return r;
}

int outreach_update(struct db *db, const struct outreach_case *c, const char *now,
		    struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("UPDATE outreach_case SET status = ?, assigned_to = ?, outcome = ?, note = ?, "
	     "visited_on = ?, updated_at = ? WHERE id = ?");
	db_bind_text(st, 1, c->status, -1);
	db_bind_text_or_null(st, 2, c->assigned_to[0] ? c->assigned_to : NULL);
	db_bind_text_or_null(st, 3, c->outcome[0] ? c->outcome : NULL);
	db_bind_text(st, 4, c->note, -1);
	db_bind_date(st, 5, c->visited_on);
	db_bind_text(st, 6, now, -1);
	db_bind_int64(st, 7, c->id);
	return db_step_changed(st, "งานติดตาม", "outreach case", e);
}

int outreach_list_area(struct db *db, const char *area, int64_t program_id, const char *status,
		       int limit, int64_t offset, struct outreach_list *out, struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	db_prefix_range(area, lo, hi);
	PREP(OUTREACH_SQL "WHERE o.area >= ? AND o.area < ? AND (? = 0 OR o.program_id = ?) "
			  "AND (? = '' OR o.status = ?) ORDER BY o.area, o.id LIMIT ? OFFSET ?");
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	db_bind_int64(st, 3, program_id);
	db_bind_int64(st, 4, program_id);
	db_bind_text(st, 5, status ? status : "", -1);
	db_bind_text(st, 6, status ? status : "", -1);
	db_bind_int64(st, 7, limit);
	db_bind_int64(st, 8, offset);
	return DB_STEP_LIST(st, out, outreach_read, e);
}
