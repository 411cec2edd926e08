/*
 * SQL for welfare programs: the catalogue and versions, enrolments and
 * their steps, payrolls and lines, office books, and the person data the
 * rules language reads (program_person). No rules here.
 */
#include "store/program.h"
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

int enrolment_steps(struct db *db, int64_t enrolment_id, struct enrolment_step_list *out,
		    struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT status, note, actor, at FROM enrolment_step WHERE enrolment_id = ? "
	     "ORDER BY id");
	db_bind_int64(st, 1, enrolment_id);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct enrolment_step *s = enrolment_step_list_push(out);
		db_column_copy(st, 0, s->status, sizeof(s->status));
		db_column_copy(st, 1, s->note, sizeof(s->note));
		db_column_copy(st, 2, s->actor, sizeof(s->actor));
		db_column_copy(st, 3, s->at, sizeof(s->at));
	}
	db_finalize(st);
	return r < 0 ? r : 0;
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

/* ---- payrolls ---- */

#define PAYROLL_COLS                                                                        \
	"id, lines, total, stopped, COALESCE(approve_entry_id, 0), office, month, status, "   \
	"generated_by, generated_at, COALESCE(approved_by, ''), COALESCE(approved_at, '') "

static void read_payroll(struct db_stmt *st, struct payroll *p)
{
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
	while ((r = db_step(st, e)) == DB_ROW)
		read_payroll(st, payroll_list_push(out));
	db_finalize(st);
	return r < 0 ? r : 0;
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
	while ((r = db_step(st, e)) == DB_ROW) {
		struct payroll_line *l = payroll_line_list_push(out);
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
	db_finalize(st);
	return r < 0 ? r : 0;
}

int payroll_other_office(struct db *db, int64_t person_id, int64_t program_id,
			 int64_t enrolment_id, const char *month, const char *office, bool *found,
			 struct err *e)
{
	struct db_stmt *st;
	int r;

	*found = false;
	PREP("SELECT 1 FROM enrolment x WHERE x.person_id = ? AND x.program_id = ? "
	     "AND x.office <> ? AND x.status = 'active' AND x.active_from <= ? AND x.id < ? "
	     "LIMIT 1");
	db_bind_int64(st, 1, person_id);
	db_bind_int64(st, 2, program_id);
	db_bind_text(st, 3, office, -1);
	{
		char first[16];
		snprintf(first, sizeof(first), "%.7s-01", month);
		db_bind_text(st, 4, first, -1);
	}
	db_bind_int64(st, 5, enrolment_id);
	r = db_step(st, e);
	*found = r == DB_ROW;
	db_finalize(st);
	return r < 0 ? r : 0;
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

DEFINE_LIST(person_brief_list, person_brief)
DEFINE_LIST(outreach_list, outreach_case)

int program_people_in(struct db *db, const char *area, struct person_brief_list *out,
		      struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	db_prefix_range(area, lo, hi);
	PREP("SELECT id, title || given_name || ' ' || family_name, area FROM person "
	     "WHERE area >= ? AND area < ? AND merged_into IS NULL AND death_date IS NULL "
	     "ORDER BY id");
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct person_brief *b = person_brief_list_push(out);
		b->id = db_column_int64(st, 0);
		db_column_copy(st, 1, b->name, sizeof(b->name));
		db_column_copy(st, 2, b->area, sizeof(b->area));
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

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

#define OUTREACH_SQL                                                                         \
	"SELECT o.id, o.program_id, o.person_id, o.area, o.reason, o.status, "              \
	"COALESCE(o.assigned_to, ''), COALESCE(o.outcome, ''), o.note, "                     \
	"COALESCE(o.visited_on, ''), p.title || p.given_name || ' ' || p.family_name, g.code " \
	"FROM outreach_case o JOIN person p ON p.id = o.person_id "                          \
	"JOIN program g ON g.id = o.program_id "

static void read_outreach(struct db_stmt *st, struct outreach_case *c)
{
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
		read_outreach(st, out);
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
	while ((r = db_step(st, e)) == DB_ROW)
		read_outreach(st, outreach_list_push(out));
	db_finalize(st);
	return r < 0 ? r : 0;
}
