/*
 * SQL for staged imports (tables import_batch and import_row, migrations
 * 0002 and 0004). Listing by outcome uses the index (batch_id, outcome,
 * row_no), so the error rows of a large batch come first without a sort.
 */
#include "store/import.h"
#include "lib/buf.h"

#define BATCH_COLS                                                                        \
	"id, kind, file_name, file_hash, policy, status, area, encoding, unknown_columns, " \
	"rows_total, rows_error, rows_new, rows_update, rows_same, created_by, created_at, " \
	"COALESCE(committed_at, '')"

void import_batch_release(struct import_batch *b)
{
	free(b->file_name);
	free(b->unknown_columns);
	memset(b, 0, sizeof(*b));
}

void import_row_list_release(struct import_row_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->items[i].data);
		free(l->items[i].errors);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

#define COPY(dst, src) snprintf((dst), sizeof(dst), "%s", (src))

int import_batch_insert(struct db *db, const struct import_batch *b, int64_t *id,
			struct err *e)
{
	struct db_stmt *st;
	int r;

	*id = 0;
	r = db_prepare(db,
		       "INSERT INTO import_batch (kind, file_name, file_hash, policy, status, area, "
		       "encoding, unknown_columns, rows_total, rows_error, rows_new, rows_update, "
		       "rows_same, created_by, created_at) "
		       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, b->kind, -1);
	db_bind_text(st, 2, b->file_name ? b->file_name : "", -1);
	db_bind_text(st, 3, b->file_hash, -1);
	db_bind_text(st, 4, b->policy, -1);
	db_bind_text(st, 5, b->status, -1);
	db_bind_text(st, 6, b->area, -1);
	db_bind_text(st, 7, b->encoding[0] ? b->encoding : "utf-8", -1);
	db_bind_text(st, 8, b->unknown_columns ? b->unknown_columns : "[]", -1);
	db_bind_int64(st, 9, b->n.total);
	db_bind_int64(st, 10, b->n.error);
	db_bind_int64(st, 11, b->n.new_);
	db_bind_int64(st, 12, b->n.update);
	db_bind_int64(st, 13, b->n.same);
	db_bind_text(st, 14, b->created_by, -1);
	db_bind_text(st, 15, b->created_at, -1);
	r = db_step(st, e);
	if (r == DB_ROW) {
		*id = db_column_int64(st, 0);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_DB, NULL, "บันทึกชุดนำเข้าไม่สำเร็จ%s",
			    "import batch insert returned no id%s", "");
	}
	db_finalize(st);
	return r;
}

int import_batch_set_counts(struct db *db, int64_t id, const struct import_counts *n,
			    struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "UPDATE import_batch SET rows_total = ?, rows_error = ?, rows_new = ?, "
			   "rows_update = ?, rows_same = ? WHERE id = ?",
			   &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, n->total);
	db_bind_int64(st, 2, n->error);
	db_bind_int64(st, 3, n->new_);
	db_bind_int64(st, 4, n->update);
	db_bind_int64(st, 5, n->same);
	db_bind_int64(st, 6, id);
	r = db_step(st, e);
	if (r == DB_DONE && db_changes(st) == 0)
		r = err_set(e, ERR_NOT_FOUND, NULL, "ไม่พบชุดนำเข้า %lld",
			    "import batch %lld not found", (long long)id);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int import_batch_mark_committed(struct db *db, int64_t id, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "UPDATE import_batch SET status = 'committed', committed_at = ? "
			   "WHERE id = ? AND status = 'staged'",
			   &st, e);

	if (r)
		return r;
	db_bind_text(st, 1, now, -1);
	db_bind_int64(st, 2, id);
	r = db_step(st, e);
	if (r == DB_DONE && db_changes(st) == 0)
		r = err_set(e, ERR_CONFLICT, NULL, "ชุดนำเข้า %lld ไม่อยู่ในสถานะรอยืนยัน",
			    "import batch %lld is not staged", (long long)id);
	db_finalize(st);
	return r < 0 ? r : 0;
}

/* Reads the current row of a SELECT BATCH_COLS statement into *out. */
static void batch_read(struct db_stmt *st, struct import_batch *out)
{
	out->id = db_column_int64(st, 0);
	COPY(out->kind, db_column_text(st, 1));
	out->file_name = xstrdup(db_column_text(st, 2));
	COPY(out->file_hash, db_column_text(st, 3));
	COPY(out->policy, db_column_text(st, 4));
	COPY(out->status, db_column_text(st, 5));
	COPY(out->area, db_column_text(st, 6));
	COPY(out->encoding, db_column_text(st, 7));
	out->unknown_columns = xstrdup(db_column_text(st, 8));
	out->n.total = db_column_int64(st, 9);
	out->n.error = db_column_int64(st, 10);
	out->n.new_ = db_column_int64(st, 11);
	out->n.update = db_column_int64(st, 12);
	out->n.same = db_column_int64(st, 13);
	COPY(out->created_by, db_column_text(st, 14));
	COPY(out->created_at, db_column_text(st, 15));
	COPY(out->committed_at, db_column_text(st, 16));
}

int import_batch_get(struct db *db, int64_t id, struct import_batch *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	import_batch_release(out);
	r = db_prepare(db, "SELECT " BATCH_COLS " FROM import_batch WHERE id = ?", &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		batch_read(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "id", "ไม่พบชุดนำเข้า %lld",
			    "import batch %lld not found", (long long)id);
	}
	db_finalize(st);
	return r;
}

void import_batch_list_release(struct import_batch_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		import_batch_release(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

int import_batch_list(struct db *db, const char *area, int64_t before_id, int limit,
		      struct import_batch_list *out, struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	db_prefix_range(area, lo, hi);
	r = db_prepare(db,
		       "SELECT " BATCH_COLS " FROM import_batch WHERE area >= ? AND area < ?"
		       " AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?",
		       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	db_bind_int64(st, 3, before_id);
	db_bind_int64(st, 4, before_id);
	db_bind_int64(st, 5, limit);
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(out->items, out->n + 1, out->cap);
		memset(&out->items[out->n], 0, sizeof(out->items[0]));
		batch_read(st, &out->items[out->n++]);
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

int import_row_insert(struct db *db, int64_t batch_id, const struct import_row *row,
		      struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "INSERT INTO import_row (batch_id, row_no, outcome, person_id, data, errors) "
			   "VALUES (?, ?, ?, ?, ?, ?)",
			   &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, batch_id);
	db_bind_int64(st, 2, row->row_no);
	db_bind_text(st, 3, row->outcome, -1);
	if (row->person_id)
		db_bind_int64(st, 4, row->person_id);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, row->data ? row->data : "{}", -1);
	db_bind_text_or_null(st, 6, row->errors);
	r = db_step(st, e);
	db_finalize(st);
	return r < 0 ? r : 0;
}

/* Rows per multi-row INSERT of import rows (6 values each); a remainder goes in 8s and 1s. */
static const int row_widths[] = { 128, 8, 1 };

static char *row_many_sql(int rows)
{
	struct buf b = BUF_INIT;
	int i;

	buf_puts(&b, "INSERT INTO import_row (batch_id, row_no, outcome, person_id, data, errors) "
		     "VALUES ");
	for (i = 0; i < rows; i++)
		buf_puts(&b, i ? ",(?,?,?,?,?,?)" : "(?,?,?,?,?,?)");
	return buf_detach(&b, NULL);
}

int import_row_insert_many(struct db *db, int64_t batch_id, const struct import_row *rows,
			   size_t n, struct err *e)
{
	char *sql[ARRAY_SIZE(row_widths)] = { NULL };
	size_t i = 0, k, w;
	int r = 0;

	while (!r && i < n) {
		struct db_stmt *st;
		size_t width;

		for (w = 0; row_widths[w] > 1 && n - i < (size_t)row_widths[w]; w++)
			;
		width = (size_t)row_widths[w];
		if (!sql[w])
			sql[w] = row_many_sql(row_widths[w]);
		if ((r = db_prepare(db, sql[w], &st, e)))
			break;
		for (k = 0; k < width; k++) {
			const struct import_row *x = &rows[i + k];
			int b = 1 + (int)k * 6;

			db_bind_int64(st, b, batch_id);
			db_bind_int64(st, b + 1, x->row_no);
			db_bind_text_static(st, b + 2, x->outcome, -1);
			if (x->person_id)
				db_bind_int64(st, b + 3, x->person_id);
			else
				db_bind_null(st, b + 3);
			db_bind_text_static(st, b + 4, x->data ? x->data : "{}", -1);
			if (x->errors)
				db_bind_text_static(st, b + 5, x->errors, -1);
			else
				db_bind_null(st, b + 5);
		}
		r = db_step_done(st, e);
		i += width;
	}
	for (w = 0; w < ARRAY_SIZE(row_widths); w++)
		free(sql[w]);
	return r;
}

int import_row_set_person(struct db *db, int64_t batch_id, int64_t row_no, int64_t person_id,
			  struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, "UPDATE import_row SET person_id = ? WHERE batch_id = ? AND row_no = ?",
			   &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, person_id);
	db_bind_int64(st, 2, batch_id);
	db_bind_int64(st, 3, row_no);
	r = db_step(st, e);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int import_row_of_person(struct db *db, int64_t person_id, int64_t *batch_id, int64_t *row_no,
			 struct err *e)
{
	struct db_stmt *st;
	int r;

	*batch_id = *row_no = 0;
	r = db_prepare(db,
		       "SELECT r.batch_id, r.row_no FROM import_row r "
		       "JOIN import_batch b ON b.id = r.batch_id "
		       "WHERE r.person_id = ? AND r.outcome = 'new' AND b.status = 'committed' "
		       "ORDER BY r.batch_id DESC LIMIT 1",
		       &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, person_id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		*batch_id = db_column_int64(st, 0);
		*row_no = db_column_int64(st, 1);
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

int import_rows_list(struct db *db, int64_t batch_id, const char *outcome, int64_t after_row,
		     int limit, struct import_row_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	if (limit < 1 || limit > 10000)
		return err_set(e, ERR_INTERNAL, NULL, "limit %d นอกช่วง", "limit %d out of range",
			       limit);
	if (outcome)
		r = db_prepare(db,
			       "SELECT row_no, outcome, COALESCE(person_id, 0), data, errors FROM import_row "
			       "WHERE batch_id = ? AND outcome = ? AND row_no > ? ORDER BY row_no LIMIT ?",
			       &st, e);
	else
		r = db_prepare(db,
			       "SELECT row_no, outcome, COALESCE(person_id, 0), data, errors FROM import_row "
			       "WHERE batch_id = ? AND row_no > ? ORDER BY row_no LIMIT ?",
			       &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, batch_id);
	if (outcome) {
		db_bind_text(st, 2, outcome, -1);
		db_bind_int64(st, 3, after_row);
		db_bind_int64(st, 4, limit);
	} else {
		db_bind_int64(st, 2, after_row);
		db_bind_int64(st, 3, limit);
	}
	while ((r = db_step(st, e)) == DB_ROW) {
		struct import_row *x;

		ALLOC_GROW(out->items, out->n + 1, out->cap);
		x = &out->items[out->n++];
		memset(x, 0, sizeof(*x));
		x->row_no = db_column_int64(st, 0);
		COPY(x->outcome, db_column_text(st, 1));
		x->person_id = db_column_int64(st, 2);
		x->data = xstrdup(db_column_text(st, 3));
		x->errors = db_column_null(st, 4) ? NULL : xstrdup(db_column_text(st, 4));
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}
