/*
 * SQL for the grant fund (migration 0010). The app layer checks roles,
 * areas, states and amounts before anything reaches here; these functions
 * only read and write rows, inside the caller's transaction for writes.
 */
#include "store/grant.h"

#define CALL_COLS                                                                             \
	"id, channel, area, year, title, opens_on, closes_on, budget, tiers, min_reviews, status, " \
	"allocation_entry_id, created_by, created_at "

#define APP_COLS                                                                              \
	"a.id, a.call_id, a.org_id, a.area, a.province, a.title, a.summary, a.target_groups, "      \
	"a.pillar, a.requested, a.tier, a.status, a.screen_complete, a.screen_eligible, "           \
	"a.screen_note, a.approved, a.conditions, a.decision_note, a.decided_on, a.agreement_no, "  \
	"a.signed_on, a.commit_entry_id, a.disbursed, a.created_by, a.created_at, a.updated_at, "   \
	"o.name_th, o.kind, c.area, c.title, c.year "
#define APP_FROM " FROM grant_app a JOIN org o ON o.id = a.org_id JOIN grant_call c ON c.id = a.call_id "

static void read_call(struct db_stmt *st, void *item)
{
	struct grant_call *c = item;

	memset(c, 0, sizeof(*c));
	c->id = db_column_int64(st, 0);
	db_column_copy(st, 1, c->channel, sizeof(c->channel));
	db_column_copy(st, 2, c->area, sizeof(c->area));
	c->year = (int)db_column_int64(st, 3);
	db_column_copy(st, 4, c->title, sizeof(c->title));
	db_column_date(st, 5, &c->opens_on);
	db_column_date(st, 6, &c->closes_on);
	c->budget = db_column_int64(st, 7);
	db_column_copy(st, 8, c->tiers, sizeof(c->tiers));
	c->min_reviews = (int)db_column_int64(st, 9);
	db_column_copy(st, 10, c->status, sizeof(c->status));
	c->allocation_entry_id = db_column_int64(st, 11);
	db_column_copy(st, 12, c->created_by, sizeof(c->created_by));
	db_column_copy(st, 13, c->created_at, sizeof(c->created_at));
}

int grant_call_insert(struct db *db, const struct grant_call *c, int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	if ((r = db_prepare(db,
			    "INSERT INTO grant_call (channel, area, year, title, opens_on, closes_on, "
			    "budget, tiers, min_reviews, status, created_by, created_at) "
			    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id",
			    &st, e)))
		return r;
	db_bind_text(st, 1, c->channel, -1);
	db_bind_text(st, 2, c->area, -1);
	db_bind_int64(st, 3, c->year);
	db_bind_text(st, 4, c->title, -1);
	db_bind_date(st, 5, c->opens_on);
	db_bind_date(st, 6, c->closes_on);
	db_bind_int64(st, 7, c->budget);
	db_bind_text(st, 8, c->tiers, -1);
	db_bind_int64(st, 9, c->min_reviews);
	db_bind_text(st, 10, c->created_by, -1);
	db_bind_text(st, 11, c->created_at, -1);
	return db_step_id(st, id, e);
}

int grant_call_get(struct db *db, int64_t id, struct grant_call *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	if ((r = db_prepare(db, "SELECT " CALL_COLS "FROM grant_call WHERE id = ?", &st, e)))
		return r;
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		read_call(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "call_id", "ไม่พบประกาศรับข้อเสนอโครงการ %lld",
			    "no call for proposals %lld", (long long)id);
	}
	db_finalize(st);
	return r;
}

int grant_call_list(struct db *db, const char *area_prefix, struct grant_call_list *out,
		    struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	memset(out, 0, sizeof(*out));
	db_prefix_range(area_prefix, lo, hi);
	if ((r = db_prepare(db,
			    "SELECT " CALL_COLS "FROM grant_call WHERE area = 'TH' "
			    "OR (area >= ? AND area < ?) ORDER BY year DESC, id DESC",
			    &st, e)))
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	return DB_STEP_LIST(st, out, read_call, e);
}

int grant_call_lock(struct db *db, int64_t id, struct err *e)
{
	struct db_stmt *st;
	int r;

	if ((r = db_prepare(db, "UPDATE grant_call SET lock_seq = lock_seq + 1 WHERE id = ?", &st,
			    e)))
		return r;
	db_bind_int64(st, 1, id);
	return db_step_changed(st, "ประกาศรับข้อเสนอโครงการ", "call for proposals", e);
}

int grant_call_set_entry(struct db *db, int64_t id, int64_t entry_id, struct err *e)
{
	struct db_stmt *st;
	int r;

	if ((r = db_prepare(db, "UPDATE grant_call SET allocation_entry_id = ? WHERE id = ?", &st,
			    e)))
		return r;
	db_bind_int64(st, 1, entry_id);
	db_bind_int64(st, 2, id);
	return db_step_changed(st, "ประกาศรับข้อเสนอโครงการ", "call for proposals", e);
}

int grant_call_committed(struct db *db, int64_t id, int64_t *sum, struct err *e)
{
	struct db_stmt *st;
	int r;

	*sum = 0;
	if ((r = db_prepare(db,
			    "SELECT COALESCE(SUM(approved), 0) FROM grant_app WHERE call_id = ? AND "
			    "status IN ('approved', 'agreement_signed', 'in_progress', 'reported', "
			    "'closed')",
			    &st, e)))
		return r;
	db_bind_int64(st, 1, id);
	if ((r = db_step(st, e)) == DB_ROW)
		*sum = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int grant_book_get(struct db *db, const char *area, int64_t *book_id, struct err *e)
{
	struct db_stmt *st;
	int r;

	*book_id = 0;
	if ((r = db_prepare(db, "SELECT book_id FROM grant_book WHERE area = ?", &st, e)))
		return r;
	db_bind_text(st, 1, area, -1);
	if ((r = db_step(st, e)) == DB_ROW)
		*book_id = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int grant_book_insert(struct db *db, const char *area, int64_t book_id, struct err *e)
{
	struct db_stmt *st;
	int r;

	if ((r = db_prepare(db, "INSERT INTO grant_book (area, book_id) VALUES (?, ?)", &st, e)))
		return r;
	db_bind_text(st, 1, area, -1);
	db_bind_int64(st, 2, book_id);
	return db_step_done(st, e);
}

/* ---- applications ---- */

static void read_app(struct db_stmt *st, void *item)
{
	struct grant_app *a = item;

	memset(a, 0, sizeof(*a));
	a->id = db_column_int64(st, 0);
	a->call_id = db_column_int64(st, 1);
	a->org_id = db_column_int64(st, 2);
	db_column_copy(st, 3, a->area, sizeof(a->area));
	db_column_copy(st, 4, a->province, sizeof(a->province));
	db_column_copy(st, 5, a->title, sizeof(a->title));
	db_column_copy(st, 6, a->summary, sizeof(a->summary));
	db_column_copy(st, 7, a->target_groups, sizeof(a->target_groups));
	db_column_copy(st, 8, a->pillar, sizeof(a->pillar));
	a->requested = db_column_int64(st, 9);
	db_column_copy(st, 10, a->tier, sizeof(a->tier));
	db_column_copy(st, 11, a->status, sizeof(a->status));
	a->screen_complete = db_column_int64(st, 12) != 0;
	a->screen_eligible = db_column_int64(st, 13) != 0;
	db_column_copy(st, 14, a->screen_note, sizeof(a->screen_note));
	a->approved = db_column_int64(st, 15);
	db_column_copy(st, 16, a->conditions, sizeof(a->conditions));
	db_column_copy(st, 17, a->decision_note, sizeof(a->decision_note));
	db_column_date(st, 18, &a->decided_on);
	db_column_copy(st, 19, a->agreement_no, sizeof(a->agreement_no));
	db_column_date(st, 20, &a->signed_on);
	a->commit_entry_id = db_column_int64(st, 21);
	a->disbursed = db_column_int64(st, 22);
	db_column_copy(st, 23, a->created_by, sizeof(a->created_by));
	db_column_copy(st, 24, a->created_at, sizeof(a->created_at));
	db_column_copy(st, 25, a->updated_at, sizeof(a->updated_at));
	db_column_copy(st, 26, a->org_name, sizeof(a->org_name));
	db_column_copy(st, 27, a->org_kind, sizeof(a->org_kind));
	db_column_copy(st, 28, a->call_area, sizeof(a->call_area));
	db_column_copy(st, 29, a->call_title, sizeof(a->call_title));
	a->call_year = (int)db_column_int64(st, 30);
}

int grant_app_insert(struct db *db, const struct grant_app *a, const struct grant_line *lines,
		     size_t nlines, const struct grant_indicator *ind, size_t nind, int64_t *id,
		     struct err *e)
{
	struct db_stmt *st;
	int r;

	*id = 0;
	if ((r = db_prepare(db,
			    "INSERT INTO grant_app (call_id, org_id, area, province, title, summary, "
			    "target_groups, pillar, requested, tier, status, created_by, created_at, "
			    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?) "
			    "RETURNING id",
			    &st, e)))
		return r;
	db_bind_int64(st, 1, a->call_id);
	db_bind_int64(st, 2, a->org_id);
	db_bind_text(st, 3, a->area, -1);
	db_bind_text(st, 4, a->province, -1);
	db_bind_text(st, 5, a->title, -1);
	db_bind_text(st, 6, a->summary, -1);
	db_bind_text(st, 7, a->target_groups, -1);
	db_bind_text(st, 8, a->pillar, -1);
	db_bind_int64(st, 9, a->requested);
	db_bind_text(st, 10, a->tier, -1);
	db_bind_text(st, 11, a->created_by, -1);
	db_bind_text(st, 12, a->created_at, -1);
	db_bind_text(st, 13, a->created_at, -1);
	if ((r = db_step_id(st, id, e)))
		return r;
	for (size_t i = 0; i < nlines; i++) {
		if ((r = db_prepare(db,
				    "INSERT INTO grant_line (app_id, line_no, item, amount) "
				    "VALUES (?, ?, ?, ?)",
				    &st, e)))
			return r;
		db_bind_int64(st, 1, *id);
		db_bind_int64(st, 2, (int64_t)i + 1);
		db_bind_text(st, 3, lines[i].item, -1);
		db_bind_int64(st, 4, lines[i].amount);
		if ((r = db_step_done(st, e)))
			return r;
	}
	for (size_t i = 0; i < nind; i++) {
		if ((r = db_prepare(db,
				    "INSERT INTO grant_indicator (app_id, line_no, name, unit, target) "
				    "VALUES (?, ?, ?, ?, ?)",
				    &st, e)))
			return r;
		db_bind_int64(st, 1, *id);
		db_bind_int64(st, 2, (int64_t)i + 1);
		db_bind_text(st, 3, ind[i].name, -1);
		db_bind_text(st, 4, ind[i].unit, -1);
		db_bind_int64(st, 5, ind[i].target);
		if ((r = db_step_done(st, e)))
			return r;
	}
	return 0;
}

int grant_app_get(struct db *db, int64_t id, struct grant_app *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	if ((r = db_prepare(db, "SELECT " APP_COLS APP_FROM "WHERE a.id = ?", &st, e)))
		return r;
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		read_app(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "id", "ไม่พบคำขอรับการสนับสนุน %lld",
			    "no grant application %lld", (long long)id);
	}
	db_finalize(st);
	return r;
}

int grant_app_update(struct db *db, const struct grant_app *a, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r;

	if ((r = db_prepare(db,
			    "UPDATE grant_app SET status = ?, screen_complete = ?, screen_eligible = ?, "
			    "screen_note = ?, approved = ?, conditions = ?, decision_note = ?, "
			    "decided_on = ?, agreement_no = ?, signed_on = ?, commit_entry_id = ?, "
			    "disbursed = ?, updated_at = ? WHERE id = ?",
			    &st, e)))
		return r;
	db_bind_text(st, 1, a->status, -1);
	db_bind_int64(st, 2, a->screen_complete);
	db_bind_int64(st, 3, a->screen_eligible);
	db_bind_text(st, 4, a->screen_note, -1);
	db_bind_int64(st, 5, a->approved);
	db_bind_text(st, 6, a->conditions, -1);
	db_bind_text(st, 7, a->decision_note, -1);
	db_bind_date(st, 8, a->decided_on);
	db_bind_text(st, 9, a->agreement_no, -1);
	db_bind_date(st, 10, a->signed_on);
	if (a->commit_entry_id)
		db_bind_int64(st, 11, a->commit_entry_id);
	else
		db_bind_null(st, 11);
	db_bind_int64(st, 12, a->disbursed);
	db_bind_text(st, 13, now, -1);
	db_bind_int64(st, 14, a->id);
	return db_step_changed(st, "คำขอรับการสนับสนุน", "grant application", e);
}

int grant_app_list(struct db *db, int64_t call_id, const char *area_prefix, const char *status,
		   int limit, int64_t offset, struct grant_app_list *out, struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	memset(out, 0, sizeof(*out));
	db_prefix_range(area_prefix, lo, hi);
	if ((r = db_prepare(db,
			    "SELECT " APP_COLS APP_FROM
			    "WHERE (? = 0 OR a.call_id = ?) AND a.area >= ? AND a.area < ? "
			    "AND (? = '' OR a.status = ?) ORDER BY a.id LIMIT ? OFFSET ?",
			    &st, e)))
		return r;
	db_bind_int64(st, 1, call_id);
	db_bind_int64(st, 2, call_id);
	db_bind_text(st, 3, lo, -1);
	db_bind_text(st, 4, hi, -1);
	db_bind_text(st, 5, status ? status : "", -1);
	db_bind_text(st, 6, status ? status : "", -1);
	db_bind_int64(st, 7, limit);
	db_bind_int64(st, 8, offset);
	return DB_STEP_LIST(st, out, read_app, e);
}

static void read_line(struct db_stmt *st, void *item)
{
	struct grant_line *l = item;

	l->line_no = (int)db_column_int64(st, 0);
	db_column_copy(st, 1, l->item, sizeof(l->item));
	l->amount = db_column_int64(st, 2);
}

int grant_lines(struct db *db, int64_t app_id, struct grant_line_list *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	return DB_LIST_BY_ID(db,
			     "SELECT line_no, item, amount FROM grant_line WHERE app_id = ? "
			     "ORDER BY line_no",
			     app_id, out, read_line, e);
}

static void read_indicator(struct db_stmt *st, void *item)
{
	struct grant_indicator *x = item;

	x->line_no = (int)db_column_int64(st, 0);
	db_column_copy(st, 1, x->name, sizeof(x->name));
	db_column_copy(st, 2, x->unit, sizeof(x->unit));
	x->target = db_column_int64(st, 3);
	x->has_actual = !db_column_null(st, 4);
	x->actual = db_column_int64(st, 4);
}

int grant_indicators(struct db *db, int64_t app_id, struct grant_indicator_list *out,
		     struct err *e)
{

	memset(out, 0, sizeof(*out));
	return DB_LIST_BY_ID(db,
			     "SELECT line_no, name, unit, target, actual FROM grant_indicator "
			     "WHERE app_id = ? ORDER BY line_no",
			     app_id, out, read_indicator, e);
}

int grant_indicator_set_actual(struct db *db, int64_t app_id, int line_no, int64_t actual,
			       struct err *e)
{
	struct db_stmt *st;
	int r;

	if ((r = db_prepare(db,
			    "UPDATE grant_indicator SET actual = ? WHERE app_id = ? AND line_no = ?",
			    &st, e)))
		return r;
	db_bind_int64(st, 1, actual);
	db_bind_int64(st, 2, app_id);
	db_bind_int64(st, 3, line_no);
	return db_step_changed(st, "ตัวชี้วัด", "indicator", e);
}

int grant_step_insert(struct db *db, int64_t app_id, const char *status, const char *note,
		      const char *actor, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r;

	if ((r = db_prepare(db,
			    "INSERT INTO grant_step (app_id, status, note, actor, at) "
			    "VALUES (?, ?, ?, ?, ?)",
			    &st, e)))
		return r;
	db_bind_int64(st, 1, app_id);
	db_bind_text(st, 2, status, -1);
	db_bind_text(st, 3, note ? note : "", -1);
	db_bind_text(st, 4, actor, -1);
	db_bind_text(st, 5, now, -1);
	return db_step_done(st, e);
}

static void read_step(struct db_stmt *st, void *item)
{
	struct grant_step *s = item;

	db_column_copy(st, 0, s->status, sizeof(s->status));
	db_column_copy(st, 1, s->note, sizeof(s->note));
	db_column_copy(st, 2, s->actor, sizeof(s->actor));
	db_column_copy(st, 3, s->at, sizeof(s->at));
}

int grant_steps(struct db *db, int64_t app_id, struct grant_step_list *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	return DB_LIST_BY_ID(db,
			     "SELECT status, note, actor, at FROM grant_step WHERE app_id = ? "
			     "ORDER BY id",
			     app_id, out, read_step, e);
}

/* ---- review ---- */

int grant_reviewer_insert(struct db *db, int64_t app_id, const char *reviewer, bool conflict,
			  const char *note, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r;

	if ((r = db_prepare(db,
			    "INSERT INTO grant_reviewer (app_id, reviewer, has_conflict, note, "
			    "declared_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
			    &st, e)))
		return r;
	db_bind_int64(st, 1, app_id);
	db_bind_text(st, 2, reviewer, -1);
	db_bind_int64(st, 3, conflict);
	db_bind_text(st, 4, note ? note : "", -1);
	db_bind_text(st, 5, now, -1);
	r = db_step(st, e);
	if (r == DB_DONE && db_changes(st) == 0)
		r = err_set(e, ERR_CONFLICT, "conflict",
			    "ผู้พิจารณา %s แจ้งเรื่องส่วนได้เสียของคำขอนี้ไว้แล้ว",
			    "reviewer %s has already made a declaration on this application",
			    reviewer);
	db_finalize(st);
	return r < 0 ? r : 0;
}

static void read_reviewer(struct db_stmt *st, void *item)
{
	struct grant_reviewer *x = item;

	db_column_copy(st, 0, x->reviewer, sizeof(x->reviewer));
	x->conflict = db_column_int64(st, 1) != 0;
	db_column_copy(st, 2, x->note, sizeof(x->note));
	db_column_copy(st, 3, x->declared_at, sizeof(x->declared_at));
}

int grant_reviewers(struct db *db, int64_t app_id, struct grant_reviewer_list *out,
		    struct err *e)
{

	memset(out, 0, sizeof(*out));
	return DB_LIST_BY_ID(db,
			     "SELECT reviewer, has_conflict, note, declared_at FROM grant_reviewer "
			     "WHERE app_id = ? ORDER BY declared_at, reviewer",
			     app_id, out, read_reviewer, e);
}

int grant_score_put(struct db *db, int64_t app_id, const char *reviewer, const char *criterion,
		    int score, const char *comment, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r;

	if ((r = db_prepare(db,
			    "INSERT INTO grant_score (app_id, reviewer, criterion, score, comment, "
			    "created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (app_id, reviewer, "
			    "criterion) DO UPDATE SET score = excluded.score, comment = "
			    "excluded.comment, created_at = excluded.created_at",
			    &st, e)))
		return r;
	db_bind_int64(st, 1, app_id);
	db_bind_text(st, 2, reviewer, -1);
	db_bind_text(st, 3, criterion, -1);
	db_bind_int64(st, 4, score);
	db_bind_text(st, 5, comment ? comment : "", -1);
	db_bind_text(st, 6, now, -1);
	return db_step_done(st, e);
}

static void read_score(struct db_stmt *st, void *item)
{
	struct grant_score *x = item;

	db_column_copy(st, 0, x->reviewer, sizeof(x->reviewer));
	db_column_copy(st, 1, x->criterion, sizeof(x->criterion));
	x->score = (int)db_column_int64(st, 2);
	db_column_copy(st, 3, x->comment, sizeof(x->comment));
}

int grant_scores(struct db *db, int64_t app_id, struct grant_score_list *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	return DB_LIST_BY_ID(db,
			     "SELECT reviewer, criterion, score, comment FROM grant_score "
			     "WHERE app_id = ? ORDER BY reviewer, criterion",
			     app_id, out, read_score, e);
}

/* ---- agreement, money, reports, awards ---- */

int grant_tranche_insert(struct db *db, int64_t app_id, int no, int64_t amount, struct err *e)
{
	struct db_stmt *st;
	int r;

	if ((r = db_prepare(db,
			    "INSERT INTO grant_tranche (app_id, tranche_no, amount) VALUES (?, ?, ?)",
			    &st, e)))
		return r;
	db_bind_int64(st, 1, app_id);
	db_bind_int64(st, 2, no);
	db_bind_int64(st, 3, amount);
	return db_step_done(st, e);
}

static void read_tranche(struct db_stmt *st, void *item)
{
	struct grant_tranche *x = item;

	x->no = (int)db_column_int64(st, 0);
	x->amount = db_column_int64(st, 1);
	db_column_date(st, 2, &x->paid_on);
	x->entry_id = db_column_int64(st, 3);
}

int grant_tranches(struct db *db, int64_t app_id, struct grant_tranche_list *out,
		   struct err *e)
{

	memset(out, 0, sizeof(*out));
	return DB_LIST_BY_ID(db,
			     "SELECT tranche_no, amount, paid_on, entry_id FROM grant_tranche "
			     "WHERE app_id = ? ORDER BY tranche_no",
			     app_id, out, read_tranche, e);
}

int grant_tranche_paid(struct db *db, int64_t app_id, int no, struct date on, int64_t entry_id,
		       struct err *e)
{
	struct db_stmt *st;
	int r;

	if ((r = db_prepare(db,
			    "UPDATE grant_tranche SET paid_on = ?, entry_id = ? "
			    "WHERE app_id = ? AND tranche_no = ? AND paid_on IS NULL",
			    &st, e)))
		return r;
	db_bind_date(st, 1, on);
	db_bind_int64(st, 2, entry_id);
	db_bind_int64(st, 3, app_id);
	db_bind_int64(st, 4, no);
	return db_step_changed(st, "งวดเงินที่ยังไม่จ่าย", "unpaid tranche", e);
}

int grant_report_insert(struct db *db, int64_t app_id, const struct grant_report *x,
			const char *now, int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	if ((r = db_prepare(db,
			    "INSERT INTO grant_report (app_id, kind, report_on, body, outcomes, "
			    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
			    &st, e)))
		return r;
	db_bind_int64(st, 1, app_id);
	db_bind_text(st, 2, x->kind, -1);
	db_bind_date(st, 3, x->report_on);
	db_bind_text(st, 4, x->body, -1);
	db_bind_text(st, 5, x->outcomes, -1);
	db_bind_text(st, 6, x->created_by, -1);
	db_bind_text(st, 7, now, -1);
	return db_step_id(st, id, e);
}

static void read_report(struct db_stmt *st, void *item)
{
	struct grant_report *x = item;

	x->id = db_column_int64(st, 0);
	db_column_copy(st, 1, x->kind, sizeof(x->kind));
	db_column_date(st, 2, &x->report_on);
	db_column_copy(st, 3, x->body, sizeof(x->body));
	db_column_copy(st, 4, x->outcomes, sizeof(x->outcomes));
	db_column_copy(st, 5, x->created_by, sizeof(x->created_by));
	db_column_copy(st, 6, x->created_at, sizeof(x->created_at));
}

int grant_reports(struct db *db, int64_t app_id, struct grant_report_list *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	return DB_LIST_BY_ID(db,
			     "SELECT id, kind, report_on, body, outcomes, created_by, created_at "
			     "FROM grant_report WHERE app_id = ? ORDER BY id",
			     app_id, out, read_report, e);
}

int grant_award_insert(struct db *db, const struct grant_award *a, const char *now, int64_t *id,
		       struct err *e)
{
	struct db_stmt *st;
	int r;

	if ((r = db_prepare(db,
			    "INSERT INTO grant_award (app_id, title, cert_no, awarded_on, created_by, "
			    "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
			    &st, e)))
		return r;
	db_bind_int64(st, 1, a->app_id);
	db_bind_text(st, 2, a->title, -1);
	db_bind_text(st, 3, a->cert_no, -1);
	db_bind_date(st, 4, a->awarded_on);
	db_bind_text(st, 5, a->created_by, -1);
	db_bind_text(st, 6, now, -1);
	return db_step_id(st, id, e);
}

int grant_award_get(struct db *db, int64_t app_id, struct grant_award *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	if ((r = db_prepare(db,
			    "SELECT id, app_id, title, cert_no, awarded_on, created_by FROM grant_award "
			    "WHERE app_id = ?",
			    &st, e)))
		return r;
	db_bind_int64(st, 1, app_id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		out->id = db_column_int64(st, 0);
		out->app_id = db_column_int64(st, 1);
		db_column_copy(st, 2, out->title, sizeof(out->title));
		db_column_copy(st, 3, out->cert_no, sizeof(out->cert_no));
		db_column_date(st, 4, &out->awarded_on);
		db_column_copy(st, 5, out->created_by, sizeof(out->created_by));
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "id", "โครงการ %lld ยังไม่ได้รับรางวัล",
			    "project %lld has no award", (long long)app_id);
	}
	db_finalize(st);
	return r;
}

int grant_award_count(struct db *db, const char *cert_prefix, int64_t *n, struct err *e)
{
	struct db_stmt *st;
	char hi[40];
	int r;

	*n = 0;
	/* Numbers share a prefix; the range is [prefix, prefix + 0x7f). */
	snprintf(hi, sizeof(hi), "%s\x7f", cert_prefix);
	if ((r = db_prepare(db, "SELECT COUNT(*) FROM grant_award WHERE cert_no >= ? AND cert_no < ?",
			    &st, e)))
		return r;
	db_bind_text(st, 1, cert_prefix, -1);
	db_bind_text(st, 2, hi, -1);
	if ((r = db_step(st, e)) == DB_ROW)
		*n = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

static void read_org(struct db_stmt *st, void *item)
{
	struct grant_org *o = item;

	o->id = db_column_int64(st, 0);
	db_column_copy(st, 1, o->name, sizeof(o->name));
}

int grant_orgs(struct db *db, const char *area_prefix, struct grant_org_list *out,
	       struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	memset(out, 0, sizeof(*out));
	db_prefix_range(area_prefix, lo, hi);
	if ((r = db_prepare(db,
			    "SELECT id, name_th FROM org WHERE area >= ? AND area < ? AND status = "
			    "'active' AND (kind IN ('community_welfare', 'local_government', "
			    "'government_office') OR cert_no <> '') ORDER BY name_th COLLATE "
			    "\"th-TH-x-icu\", id LIMIT 500",
			    &st, e)))
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	return DB_STEP_LIST(st, out, read_org, e);
}
