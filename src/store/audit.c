/*
 * Audit storage. The chain head row (audit_head) is the single point of
 * serialisation: every append updates it in the writer's transaction, so two
 * transactions can never both extend the chain from the same entry.
 * Verification walks the log in pages of seq ranges so memory stays flat.
 */
#include "store/audit.h"

int audit_append(struct db *db, const struct audit_entry *a, int64_t *seq, struct err *e)
{
	struct db_stmt *st = NULL;
	struct audit_entry x = *a;
	char prev[AUDIT_HASH_HEX], hash[AUDIT_HASH_HEX];
	int r;

	if (!db_in_tx(db))
		return err_set(e, ERR_INTERNAL, NULL, "บันทึกตรวจสอบต้องอยู่ในธุรกรรม%s",
			       "audit append outside a transaction%s", "");
	r = db_prepare(db, "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash",
		       &st, e);
	if (r)
		return r;
	r = db_step(st, e);
	if (r != DB_ROW) {
		db_finalize(st);
		return r < 0 ? r : err_set(e, ERR_DB, NULL, "ไม่พบหัวสายบันทึก%s", "audit head missing%s", "");
	}
	x.seq = db_column_int64(st, 0);
	snprintf(prev, sizeof(prev), "%s", db_column_text(st, 1));
	db_finalize(st);
	x.prev_hash = prev;
	audit_hash(&x, hash);

	r = db_prepare(db,
		       "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, area, "
		       "before_json, after_json, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
		       &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, x.seq);
	db_bind_text(st, 2, x.at, -1);
	db_bind_text(st, 3, x.actor, -1);
	db_bind_text(st, 4, x.action, -1);
	db_bind_text(st, 5, x.entity, -1);
	db_bind_text(st, 6, x.entity_id, -1);
	db_bind_text(st, 7, x.area, -1);
	db_bind_text_or_null(st, 8, x.before);
	db_bind_text_or_null(st, 9, x.after);
	db_bind_text(st, 10, prev, -1);
	db_bind_text(st, 11, hash, -1);
	r = db_step(st, e);
	db_finalize(st);
	if (r < 0)
		return r;
	r = db_prepare(db, "UPDATE audit_head SET hash = ? WHERE id = 1", &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, hash, -1);
	r = db_step(st, e);
	db_finalize(st);
	if (r < 0)
		return r;
	if (seq)
		*seq = x.seq;
	return 0;
}

#define VERIFY_PAGE 5000

int audit_verify_chain(struct db *db, struct audit_verify *v, struct err *e)
{
	struct db_stmt *st;
	char prev[AUDIT_HASH_HEX];
	int64_t next = 1, head_seq = 0;
	int r;

	memset(v, 0, sizeof(*v));
	memcpy(prev, audit_genesis, AUDIT_HASH_HEX);
	r = db_prepare(db,
		       "SELECT seq, at, actor, action, entity, entity_id, area, before_json, "
		       "after_json, prev_hash, hash, before_json IS NULL, after_json IS NULL "
		       "FROM audit_log WHERE seq >= ? AND seq < ? ORDER BY seq",
		       &st, e);
	if (r)
		return r;
	for (;;) {
		int64_t start = next, rows = 0;

		db_reset(st);
		db_bind_int64(st, 1, start);
		db_bind_int64(st, 2, start + VERIFY_PAGE);
		while ((r = db_step(st, e)) == DB_ROW) {
			struct audit_entry a;
			char h[AUDIT_HASH_HEX];

			rows++;
			a.seq = db_column_int64(st, 0);
			if (a.seq != next) {
				v->broken_seq = next;
				snprintf(v->reason, sizeof(v->reason), "entry %lld is missing",
					 (long long)next);
				goto done;
			}
			a.at = db_column_text(st, 1);
			a.actor = db_column_text(st, 2);
			a.action = db_column_text(st, 3);
			a.entity = db_column_text(st, 4);
			a.entity_id = db_column_text(st, 5);
			a.area = db_column_text(st, 6);
			a.before = db_column_int64(st, 11) ? NULL : db_column_text(st, 7);
			a.after = db_column_int64(st, 12) ? NULL : db_column_text(st, 8);
			a.prev_hash = prev;
			if (strcmp(db_column_text(st, 9), prev)) {
				v->broken_seq = a.seq;
				snprintf(v->reason, sizeof(v->reason),
					 "entry %lld does not link to entry %lld", (long long)a.seq,
					 (long long)a.seq - 1);
				goto done;
			}
			audit_hash(&a, h);
			if (strcmp(h, db_column_text(st, 10))) {
				v->broken_seq = a.seq;
				snprintf(v->reason, sizeof(v->reason),
					 "entry %lld was changed after it was written", (long long)a.seq);
				goto done;
			}
			memcpy(prev, h, AUDIT_HASH_HEX);
			v->checked++;
			next++;
		}
		if (r < 0)
			goto done;
		if (rows < VERIFY_PAGE)
			break;
	}
	db_finalize(st);
	st = NULL;
	/* The head must point at the last entry: a truncated tail shows here. */
	r = db_prepare(db, "SELECT seq, hash FROM audit_head WHERE id = 1", &st, e);
	if (r)
		return r;
	r = db_step(st, e);
	if (r == DB_ROW) {
		head_seq = db_column_int64(st, 0);
		if (head_seq != next - 1 || strcmp(db_column_text(st, 1), prev)) {
			v->broken_seq = next;
			snprintf(v->reason, sizeof(v->reason),
				 "the chain head says %lld entries but %lld were found",
				 (long long)head_seq, (long long)(next - 1));
		}
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_DB, NULL, "ไม่พบหัวสายบันทึก%s", "audit head missing%s", "");
	}
done:
	db_finalize(st);
	return r < 0 ? r : 0;
}

void audit_rows_free(struct audit_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct audit_row *a = &rows[i];

		free(a->at);
		free(a->actor);
		free(a->action);
		free(a->entity);
		free(a->entity_id);
		free(a->area);
		free(a->before);
		free(a->after);
		free(a->hash);
	}
	free(rows);
}

#define AUDIT_ROW_COLS                                                                 \
	"seq, at, actor, action, entity, entity_id, area, before_json, after_json, hash, " \
	"before_json IS NULL, after_json IS NULL"

/* Reads the rows of st (AUDIT_ROW_COLS) into a new array. */
static int read_rows(struct db_stmt *st, struct audit_row **rows, size_t *n, struct err *e)
{
	struct audit_row *v = NULL;
	size_t len = 0, cap = 0;
	int r;

	while ((r = db_step(st, e)) == DB_ROW) {
		struct audit_row *a;

		ALLOC_GROW(v, len + 1, cap);
		a = &v[len++];
		a->seq = db_column_int64(st, 0);
		a->at = xstrdup(db_column_text(st, 1));
		a->actor = xstrdup(db_column_text(st, 2));
		a->action = xstrdup(db_column_text(st, 3));
		a->entity = xstrdup(db_column_text(st, 4));
		a->entity_id = xstrdup(db_column_text(st, 5));
		a->area = xstrdup(db_column_text(st, 6));
		a->before = xstrdup(db_column_text(st, 7));
		a->after = xstrdup(db_column_text(st, 8));
		a->hash = xstrdup(db_column_text(st, 9));
		a->has_before = !db_column_int64(st, 10);
		a->has_after = !db_column_int64(st, 11);
	}
	db_finalize(st);
	if (r < 0) {
		audit_rows_free(v, len);
		return r;
	}
	*rows = v;
	*n = len;
	return 0;
}

int audit_list_entity(struct db *db, const char *entity, const char *entity_id, int limit,
		      struct audit_row **rows, size_t *n, struct err *e)
{
	struct db_stmt *st;
	int r;

	*rows = NULL;
	*n = 0;
	r = db_prepare(db,
		       "SELECT " AUDIT_ROW_COLS " FROM audit_log WHERE entity = ? AND entity_id = ? "
		       "ORDER BY seq DESC LIMIT ?",
		       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, entity, -1);
	db_bind_text(st, 2, entity_id, -1);
	db_bind_int64(st, 3, limit);
	return read_rows(st, rows, n, e);
}

int audit_list(struct db *db, const char *prefix, int64_t before_seq, int limit,
	       struct audit_row **rows, size_t *n, struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	*rows = NULL;
	*n = 0;
	db_prefix_range(prefix, lo, hi);
	r = db_prepare(db,
		       "SELECT " AUDIT_ROW_COLS " FROM audit_log "
		       "WHERE area >= ? AND area < ? AND seq < ? ORDER BY seq DESC LIMIT ?",
		       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	db_bind_int64(st, 3, before_seq > 0 ? before_seq : INT64_MAX);
	db_bind_int64(st, 4, limit);
	return read_rows(st, rows, n, e);
}
