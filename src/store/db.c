/*
 * The driver-independent half of the database interface: URL dispatch, fault
 * injection, transaction bookkeeping. Every call goes through here to the
 * driver's ops table.
 *
 * Transaction states, the same for both drivers:
 *
 *            db_begin               any prepare/step/exec error
 *     idle ------------> open ------------------------------> failed
 *      ^                  |  db_commit ok: idle                 |
 *      |                  |  db_commit error: rolled back, idle |
 *      '--- db_rollback --'------------- db_rollback -----------'
 *                                        db_commit: ERR_DB, rolled back
 *
 * PostgreSQL already refuses everything after an error in a transaction;
 * SQLite would carry on and commit the statements that worked. Marking the
 * transaction failed here makes the two agree, and makes a swallowed error
 * visible at commit instead of committing half a change.
 */
#include "store/db.h"
#include "core/date.h"
#include "lib/buf.h"

int db_open(const char *url, struct db **out, struct err *e)
{
	*out = NULL;
	if (!url || !*url)
		return err_set(e, ERR_INVALID, "db", "ไม่ได้ระบุฐานข้อมูล", "no database given");
	if (starts_with(url, "postgres://") || starts_with(url, "postgresql://"))
		return db_pg_open(url, out, e);
	if (starts_with(url, "sqlite:"))
		url += strlen("sqlite:");
	return db_sqlite_open(url, out, e);
}

void db_close(struct db *db)
{
	int i;

	if (!db)
		return;
	for (i = 0; i < DB_STMT_CACHE; i++) {
		if (db->cache[i].st)
			db->ops->finalize(db->cache[i].st);
		free(db->cache[i].sql);
	}
	db->ops->close(db);
}

static uint64_t sql_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

const char *db_driver(const struct db *db)
{
	return db->ops->name;
}

void db_fail_after(struct db *db, long n)
{
	db->fail_after = n;
}

/* True (and e set) when fault injection says this operation fails. */
static bool injected(struct db *db, struct err *e)
{
	if (db->fail_after <= 0)
		return false;
	if (--db->fail_after > 0)
		return false;
	err_set(e, ERR_DB, NULL, "ข้อผิดพลาดจำลองของฐานข้อมูล", "injected database fault");
	return true;
}

/* Passes r through, marking an open transaction failed when r is an error. */
static int note(struct db *db, int r)
{
	if (r < 0 && db->tx_depth)
		db->tx_failed = true;
	return r;
}

int db_exec(struct db *db, const char *sql, struct err *e)
{
	if (injected(db, e))
		return note(db, ERR_DB);
	return note(db, db->ops->exec(db, sql, e));
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
	uint64_t h = sql_hash(sql);
	int i, free_slot = -1, r;

	*out = NULL;
	if (injected(db, e))
		return note(db, ERR_DB);
	for (i = 0; i < DB_STMT_CACHE; i++) {
		struct db_cached *c = &db->cache[i];

		if (!c->sql) {
			if (free_slot < 0)
				free_slot = i;
		} else if (!c->busy && c->hash == h && !strcmp(c->sql, sql)) {
			c->busy = true;
			*out = c->st;
			return 0;
		}
	}
	r = db->ops->prepare(db, sql, out, e);
	if (r)
		return note(db, r);
	if (free_slot >= 0) {
		struct db_cached *c = &db->cache[free_slot];

		c->hash = h;
		c->sql = xstrdup(sql);
		c->st = *out;
		c->busy = true;
		(*out)->slot = free_slot + 1;
	}
	return 0;
}

int db_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	return st->db->ops->bind_int64(st, i, v);
}

int db_bind_text(struct db_stmt *st, int i, const char *s, long len)
{
	return st->db->ops->bind_text(st, i, s, len < 0 ? strlen(s) : (size_t)len);
}

int db_bind_text_static(struct db_stmt *st, int i, const char *s, long len)
{
	size_t n = len < 0 ? strlen(s) : (size_t)len;

	if (st->db->ops->bind_text_static)
		return st->db->ops->bind_text_static(st, i, s, n);
	return st->db->ops->bind_text(st, i, s, n);
}

int db_bind_null(struct db_stmt *st, int i)
{
	return st->db->ops->bind_null(st, i);
}

int db_bind_text_or_null(struct db_stmt *st, int i, const char *s)
{
	return s ? db_bind_text(st, i, s, -1) : db_bind_null(st, i);
}

int db_step(struct db_stmt *st, struct err *e)
{
	if (injected(st->db, e))
		return note(st->db, ERR_DB);
	return note(st->db, st->db->ops->step(st, e));
}

int db_column_count(struct db_stmt *st)
{
	return st->db->ops->column_count(st);
}

bool db_column_null(struct db_stmt *st, int i)
{
	return st->db->ops->column_null(st, i);
}

int64_t db_column_int64(struct db_stmt *st, int i)
{
	return st->db->ops->column_int64(st, i);
}

const char *db_column_text(struct db_stmt *st, int i)
{
	const char *s = st->db->ops->column_text(st, i);

	return s ? s : "";
}

size_t db_column_len(struct db_stmt *st, int i)
{
	return st->db->ops->column_len(st, i);
}

void db_reset(struct db_stmt *st)
{
	st->db->ops->reset(st);
}

void db_finalize(struct db_stmt *st)
{
	if (!st)
		return;
	if (st->slot) {
		st->db->ops->reset(st);
		st->db->cache[st->slot - 1].busy = false;
		return;
	}
	st->db->ops->finalize(st);
}

int64_t db_changes(struct db_stmt *st)
{
	return st->db->ops->changes(st);
}

int db_begin(struct db *db, struct err *e)
{
	int r;

	if (db->tx_depth)
		return err_set(e, ERR_INTERNAL, NULL, "เปิดธุรกรรมซ้อน", "nested transaction");
	r = db_exec(db, strcmp(db->ops->name, "sqlite") ? "BEGIN" : "BEGIN IMMEDIATE", e);
	if (!r) {
		db->tx_depth = 1;
		db->tx_failed = false;
	}
	return r;
}

int db_commit(struct db *db, struct err *e)
{
	int r;

	if (!db->tx_depth)
		return err_set(e, ERR_INTERNAL, NULL, "ไม่มีธุรกรรมที่เปิดอยู่", "no open transaction");
	if (db->tx_failed) {
		db_rollback(db);
		return err_set(e, ERR_DB, NULL,
			       "ฐานข้อมูลผิดพลาด: ธุรกรรมมีคำสั่งที่ล้มเหลว จึงยกเลิกทั้งหมด",
			       "database error: a statement in the transaction failed, so it was rolled back");
	}
	r = db_exec(db, "COMMIT", e);
	if (r) {
		db_rollback(db);
		return r;
	}
	db->tx_depth = 0;
	return 0;
}

void db_rollback(struct db *db)
{
	if (!db->tx_depth)
		return;
	db->ops->exec(db, "ROLLBACK", NULL);
	db->tx_depth = 0;
	db->tx_failed = false;
}

bool db_in_tx(const struct db *db)
{
	return db->tx_depth > 0;
}

int db_query_int64(struct db *db, const char *sql, int64_t *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	*out = 0;
	r = db_prepare(db, sql, &st, e);
	if (r)
		return r;
	r = db_step(st, e);
	if (r == DB_ROW) {
		*out = db_column_int64(st, 0);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, NULL, "ไม่พบข้อมูล", "no row");
	}
	db_finalize(st);
	return r;
}

void db_prefix_range(const char *prefix, char lo[16], char hi[16])
{
	size_t n;

	if (!prefix || !strcmp(prefix, "TH"))
		prefix = "";
	n = strlen(prefix);
	if (n > 14)
		n = 14;
	memcpy(lo, prefix, n);
	lo[n] = '\0';
	if (n == 0) {
		/* Codes are digits or "TH": below "ZZZZ" in every collation. */
		memcpy(hi, "ZZZZ", 5);
		return;
	}
	memcpy(hi, prefix, n);
	hi[n] = '\0';
	hi[n - 1]++;
}

int db_step_changed(struct db_stmt *st, const char *what_th, const char *what_en,
		    struct err *e)
{
	int r = db_step(st, e);

	if (r == DB_DONE && db_changes(st) == 0)
		r = err_set(e, ERR_NOT_FOUND, NULL, "ไม่พบ%s%.0s", "%.0s%s not found", what_th,
			    what_en);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int db_bind_date(struct db_stmt *st, int i, struct date d)
{
	char s[16];

	if (!d.y)
		return db_bind_null(st, i);
	snprintf(s, sizeof(s), "%04u-%02u-%02u", (unsigned)d.y % 10000u, (unsigned)d.m % 100u,
		 (unsigned)d.d % 100u);
	return db_bind_text(st, i, s, -1);
}

void db_column_date(struct db_stmt *st, int i, struct date *out)
{
	const char *s = db_column_text(st, i);

	*out = (struct date){ 0, 0, 0 };
	if (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d", &out->y, &out->m, &out->d) != 3)
		*out = (struct date){ 0, 0, 0 };
}

void db_column_copy(struct db_stmt *st, int i, char *dst, size_t size)
{
	const char *s = db_column_text(st, i);
	size_t n = strlen(s);

	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, s, n);
	dst[n] = '\0';
}

void db_index_set_release(struct db_index_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->sql[i]);
	free(s->sql);
	s->sql = NULL;
	s->n = 0;
}

int db_indexes_drop(struct db *db, const char *table, struct db_index_set *saved, struct err *e)
{
	struct db_stmt *st = NULL;
	char **names = NULL;
	size_t n = 0, i;
	int r;

	saved->sql = NULL;
	saved->n = 0;
	if (!strcmp(db_driver(db), "sqlite"))
		r = db_prepare(db,
			       "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
			       "AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
			       &st, e);
	else
		r = db_prepare(db,
			       "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
			       "JOIN pg_class i ON i.oid = x.indexrelid "
			       "JOIN pg_class t ON t.oid = x.indrelid "
			       "WHERE t.relname = ? AND pg_table_is_visible(t.oid) "
			       "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid) "
			       "ORDER BY i.relname",
			       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, table, -1);
	while ((r = db_step(st, e)) == DB_ROW) {
		names = xrealloc(names, (n + 1) * sizeof(*names));
		saved->sql = xrealloc(saved->sql, (n + 1) * sizeof(*saved->sql));
		names[n] = xstrdup(db_column_text(st, 0));
		saved->sql[n] = xstrdup(db_column_text(st, 1));
		saved->n = ++n;
	}
	db_finalize(st);
	for (i = 0; r >= 0 && i < n; i++) {
		struct buf sql = BUF_INIT;

		buf_printf(&sql, "DROP INDEX \"%s\"", names[i]);
		r = db_exec(db, sql.ptr, e);
		buf_release(&sql);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (r < 0) {
		db_index_set_release(saved);
		return r;
	}
	return 0;
}

int db_indexes_restore(struct db *db, struct db_index_set *saved, struct err *e)
{
	size_t i;
	int r = 0;

	for (i = 0; !r && i < saved->n; i++)
		r = db_exec(db, saved->sql[i], e);
	db_index_set_release(saved);
	return r;
}

int db_bulk_begin(struct db *db, bool journal, bool *journaled, struct err *e)
{
	if (journaled)
		*journaled = false;
	if (db->tx_depth)
		return err_set(e, ERR_INTERNAL, NULL, "เริ่มการนำเข้าจำนวนมากภายในธุรกรรมไม่ได้%s",
			       "a bulk load cannot begin inside a transaction%s", "");
	if (injected(db, e))
		return ERR_DB;
	if (!db->ops->bulk_begin)
		return 0;
	return db->ops->bulk_begin(db, journal, journaled, e);
}

void db_bulk_end(struct db *db)
{
	if (db && db->ops->bulk_end)
		db->ops->bulk_end(db);
}

int db_step_done(struct db_stmt *st, struct err *e)
{
	int r = db_step(st, e);

	db_finalize(st);
	return r < 0 ? r : 0;
}

int db_step_id(struct db_stmt *st, int64_t *id, struct err *e)
{
	int r = db_step(st, e);

	*id = 0;
	if (r == DB_ROW) {
		*id = db_column_int64(st, 0);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_INTERNAL, NULL, "ไม่ได้รับรหัสของแถวใหม่%s",
			    "no id returned for the new row%s", "");
	}
	db_finalize(st);
	return r;
}

int db_step_list(struct db_stmt *st, void *items, size_t *n, size_t *cap, size_t size,
		 void (*read)(struct db_stmt *st, void *item), struct err *e)
{
	size_t n0 = *n;
	char *p;
	int r;

	/* items is the address of the list's T *; its bytes are copied in and
	 * out (all object pointers share one representation on the platforms
	 * we build for), so that one function serves every T without reading
	 * a T * through a void * lvalue. */
	memcpy(&p, items, sizeof(p));
	while ((r = db_step(st, e)) == DB_ROW) {
		if (*n >= *cap) {
			*cap = *cap ? *cap * 2 : 8;
			p = xrealloc(p, *cap * size);
		}
		memset(p + *n * size, 0, size);
		read(st, p + *n * size);
		(*n)++;
	}
	db_finalize(st);
	if (r < 0) {
		*n = n0;
		if (!n0) {
			free(p);
			p = NULL;
			*cap = 0;
		}
	}
	memcpy(items, &p, sizeof(p));
	return r < 0 ? r : 0;
}

int db_list_by_id(struct db *db, const char *sql, int64_t id, void *items, size_t *n,
		  size_t *cap, size_t size, void (*read)(struct db_stmt *st, void *item),
		  struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, sql, &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, id);
	return db_step_list(st, items, n, cap, size, read, e);
}
