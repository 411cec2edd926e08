/*
 * SQLite driver. Each connection runs in WAL mode (a bulk load may trade it
 * for a rollback journal while it runs: sq_bulk_begin) with foreign keys on, a
 * busy timeout (so concurrent writers wait rather than fail) and a "th-TH-x-icu"
 * collation backed by ICU's Thai collator, so ORDER BY name COLLATE
 * "th-TH-x-icu" sorts in Thai dictionary order exactly as PostgreSQL does.
 * The same collator gives the SQL function th_sort_key(given, family): the
 * binary sort key of a person's name (core/thtext), which the name search
 * index (migration 0006) orders people by with plain byte comparison.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <unicode/ucol.h>
#include "core/thtext.h"
#include "store/db.h"

struct sq_db {
	struct db base;
	sqlite3 *h;
	UCollator *coll; /* owned; used only by this connection's thread */
	bool bulk_journal; /* a bulk load switched the WAL for a rollback journal */
};

/* How long a connection waits for another's lock before failing with ERR_BUSY. */
#define SQ_BUSY_MS 10000

struct sq_stmt {
	struct db_stmt base;
	sqlite3_stmt *h;
	int64_t changes;
	int64_t total_before; /* the connection's total_changes when this run began */
	bool done;            /* DB_DONE was returned; steps return it until a reset */
};

static const struct db_ops sq_ops;
static void sq_bulk_end(struct db *db);

static int sq_err(struct sq_db *d, struct err *e, int rc)
{
	int code = ERR_DB;

	if (rc == SQLITE_CONSTRAINT || (rc & 0xff) == SQLITE_CONSTRAINT)
		code = ERR_CONFLICT;
	else if ((rc & 0xff) == SQLITE_BUSY)
		code = ERR_BUSY;
	return err_set(e, code, NULL, "ฐานข้อมูลผิดพลาด: %s", "database error: %s",
		       sqlite3_errmsg(d->h));
}

static int thai_collate(void *arg, int n1, const void *s1, int n2, const void *s2)
{
	UErrorCode status = U_ZERO_ERROR;
	UCollationResult r = ucol_strcollUTF8(arg, s1, n1, s2, n2, &status);

	if (U_FAILURE(status)) {
		int c = memcmp(s1, s2, (size_t)(n1 < n2 ? n1 : n2));

		return c ? c : n1 - n2;
	}
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

/* th_sort_key(given, family): a BLOB; NULL arguments count as empty names. */
static void sort_key_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct thtext_collator c = { sqlite3_user_data(ctx) };
	const char *g = (const char *)sqlite3_value_text(argv[0]);
	int gn = sqlite3_value_bytes(argv[0]);
	const char *f = argc > 1 ? (const char *)sqlite3_value_text(argv[1]) : "";
	int fn = argc > 1 ? sqlite3_value_bytes(argv[1]) : 0;
	struct buf key = BUF_INIT;

	if (thtext_name_sort_key(&c, g ? g : "", g ? (size_t)gn : 0, f ? f : "", f ? (size_t)fn : 0,
				 &key, NULL))
		sqlite3_result_error(ctx, "th_sort_key: ICU failed", -1);
	else
		sqlite3_result_blob(ctx, key.ptr, (int)key.len, SQLITE_TRANSIENT);
	buf_release(&key);
}

/*
 * Before the first connection: SQLite's memory statistics take a global
 * mutex around every allocation, which two threads of one process (a
 * bulk load's writer, a server's workers) then contend for; nothing here
 * reads them.
 */
static void sq_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int db_sqlite_open(const char *path, struct db **out, struct err *e)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct sq_db *d = xcalloc(1, sizeof(*d));
	UErrorCode status = U_ZERO_ERROR;
	int rc;

	pthread_once(&once, sq_configure);
	d->base.ops = &sq_ops;
	rc = sqlite3_open_v2(path, &d->h,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, ERR_DB, "db", "เปิดฐานข้อมูล %s ไม่ได้: %s", "cannot open database %s: %s",
			path, d->h ? sqlite3_errmsg(d->h) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(d->h, SQ_BUSY_MS);
	d->coll = ucol_open("th_TH", &status);
	if (U_FAILURE(status)) {
		err_set(e, ERR_INTERNAL, NULL, "ไม่มีการเรียงลำดับภาษาไทยของ ICU: %s",
			"ICU Thai collator unavailable: %s", u_errorName(status));
		goto fail;
	}
	sqlite3_create_collation(d->h, "th-TH-x-icu", SQLITE_UTF8, d->coll, thai_collate);
	sqlite3_create_function(d->h, "th_sort_key", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, d->coll,
				sort_key_fn, NULL, NULL);
	/*
	 * Reads go through a memory map (up to the 2 GiB Debian's SQLite
	 * allows) instead of a read() and a copy per page, and pages beyond it
	 * stay in a 16 MiB cache per connection (SQLite's default is 2 MiB):
	 * each took a third off the server's CPU per name search on ten million
	 * people (docs/decisions.md 39). The mapped pages are the kernel's page
	 * cache, shared by every connection; the caches are bounded.
	 */
	rc = sqlite3_exec(d->h,
			  "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
			  "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; "
			  "PRAGMA mmap_size=2147418112; PRAGMA cache_size=-16384;",
			  NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		sq_err(d, e, rc);
		goto fail;
	}
	*out = &d->base;
	return 0;
fail:
	if (d->coll)
		ucol_close(d->coll);
	sqlite3_close(d->h);
	free(d);
	return e ? e->code : ERR_DB;
}

static void sq_close(struct db *db)
{
	struct sq_db *d = (struct sq_db *)db;

	sqlite3_close(d->h);
	ucol_close(d->coll);
	free(d);
}

static int sq_exec(struct db *db, const char *sql, struct err *e)
{
	struct sq_db *d = (struct sq_db *)db;
	int rc = sqlite3_exec(d->h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : sq_err(d, e, rc);
}

/*
 * One statement only, as libpq's PQexecParams insists: text after the first
 * statement must be nothing but spaces, semicolons and comments, and SQL with
 * no statement at all is an error rather than a NULL handle.
 */
static int sq_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
	struct sq_db *d = (struct sq_db *)db;
	struct sq_stmt *s = xcalloc(1, sizeof(*s));
	sqlite3_stmt *extra = NULL;
	const char *tail = NULL;
	int rc = sqlite3_prepare_v2(d->h, sql, -1, &s->h, &tail);

	if (rc != SQLITE_OK) {
		sq_err(d, e, rc);
		goto fail;
	}
	if (!s->h) {
		err_set(e, ERR_DB, NULL, "ฐานข้อมูลผิดพลาด: ไม่มีคำสั่ง SQL",
			"database error: no SQL statement");
		goto fail;
	}
	if (tail && *tail) {
		rc = sqlite3_prepare_v2(d->h, tail, -1, &extra, NULL);
		sqlite3_finalize(extra);
		if (rc != SQLITE_OK || extra) {
			err_set(e, ERR_DB, NULL, "ฐานข้อมูลผิดพลาด: เตรียมได้ครั้งละหนึ่งคำสั่งเท่านั้น",
				"database error: only one statement can be prepared at a time");
			goto fail;
		}
	}
	s->base.db = db;
	*out = &s->base;
	return 0;
fail:
	sqlite3_finalize(s->h);
	free(s);
	return e ? e->code : ERR_DB;
}

static int sq_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	return sqlite3_bind_int64(((struct sq_stmt *)st)->h, i, v) == SQLITE_OK ? 0 : ERR_DB;
}

static int sq_bind_text(struct db_stmt *st, int i, const char *s, size_t n)
{
	return sqlite3_bind_text(((struct sq_stmt *)st)->h, i, s, (int)n, SQLITE_TRANSIENT) ==
			       SQLITE_OK ? 0 : ERR_DB;
}

static int sq_bind_text_static(struct db_stmt *st, int i, const char *s, size_t n)
{
	return sqlite3_bind_text(((struct sq_stmt *)st)->h, i, s, (int)n, SQLITE_STATIC) ==
			       SQLITE_OK ? 0 : ERR_DB;
}

static int sq_bind_null(struct db_stmt *st, int i)
{
	return sqlite3_bind_null(((struct sq_stmt *)st)->h, i) == SQLITE_OK ? 0 : ERR_DB;
}

/*
 * sqlite3_changes64 keeps the count of the connection's last INSERT, UPDATE
 * or DELETE, so after a SELECT or DDL it would report someone else's rows.
 * Comparing the connection's total before and after the run tells whether
 * this statement changed anything at all; when it did, changes64 is its own
 * count (without trigger and cascade rows, like PostgreSQL's).
 *
 * SQLite would run a finished statement again on the next step; the contract
 * (and the PostgreSQL driver) says DB_DONE until db_reset, so a stray extra
 * step cannot insert a row twice.
 */
static int sq_step(struct db_stmt *st, struct err *e)
{
	struct sq_stmt *s = (struct sq_stmt *)st;
	sqlite3 *h = sqlite3_db_handle(s->h);
	int rc;

	if (s->done)
		return DB_DONE;
	if (!sqlite3_stmt_busy(s->h)) {
		s->total_before = sqlite3_total_changes64(h);
		s->changes = 0;
	}
	rc = sqlite3_step(s->h);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE) {
		if (sqlite3_total_changes64(h) != s->total_before)
			s->changes = sqlite3_changes64(h);
		s->done = true;
		return DB_DONE;
	}
	rc = sq_err((struct sq_db *)st->db, e, sqlite3_extended_errcode(h));
	sqlite3_reset(s->h);
	return rc;
}

static int sq_column_count(struct db_stmt *st)
{
	return sqlite3_column_count(((struct sq_stmt *)st)->h);
}

static bool sq_column_null(struct db_stmt *st, int i)
{
	return sqlite3_column_type(((struct sq_stmt *)st)->h, i) == SQLITE_NULL;
}

static int64_t sq_column_int64(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(((struct sq_stmt *)st)->h, i);
}

static const char *sq_column_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(((struct sq_stmt *)st)->h, i);
}

static size_t sq_column_len(struct db_stmt *st, int i)
{
	struct sq_stmt *s = (struct sq_stmt *)st;

	sqlite3_column_text(s->h, i);
	return (size_t)sqlite3_column_bytes(s->h, i);
}

static void sq_reset(struct db_stmt *st)
{
	struct sq_stmt *s = (struct sq_stmt *)st;

	sqlite3_reset(s->h);
	sqlite3_clear_bindings(s->h);
	s->done = false;
}

static void sq_finalize(struct db_stmt *st)
{
	struct sq_stmt *s = (struct sq_stmt *)st;

	sqlite3_finalize(s->h);
	free(s);
}

static int64_t sq_changes(struct db_stmt *st)
{
	return ((struct sq_stmt *)st)->changes;
}

/* Copies the first column of the first row a pragma returns into out (size 16). */
static int pragma_row(void *out, int n, char **cols, char **names)
{
	(void)names;
	if (n > 0 && cols[0] && !((char *)out)[0])
		snprintf(out, 16, "%s", cols[0]);
	return 0;
}

/*
 * Bulk loads (db.h): the journal leaves WAL mode only when it can do so at
 * once, that is when no other connection has the database open (each holds
 * a shared lock on the file while it is in WAL mode); waiting for one would
 * stall the load for the busy timeout and then take the database from it.
 */
static int sq_bulk_begin(struct db *db, bool journal, bool *journaled, struct err *e)
{
	struct sq_db *d = (struct sq_db *)db;
	char mode[16] = "";
	int rc = sqlite3_exec(d->h, "PRAGMA cache_size = -262144", NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return sq_err(d, e, rc);
	if (!journal)
		return 0;
	sqlite3_busy_timeout(d->h, 0);
	sqlite3_exec(d->h, "PRAGMA journal_mode = DELETE", pragma_row, mode, NULL);
	sqlite3_busy_timeout(d->h, SQ_BUSY_MS);
	if (strcmp(mode, "delete"))
		return 0;
	d->bulk_journal = true;
	rc = sqlite3_exec(d->h, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		rc = sq_err(d, e, rc);
		sq_bulk_end(db);
		return rc;
	}
	if (journaled)
		*journaled = true;
	return 0;
}

static void sq_bulk_end(struct db *db)
{
	struct sq_db *d = (struct sq_db *)db;

	sqlite3_exec(d->h, "PRAGMA cache_size = -16384", NULL, NULL, NULL);
	if (!d->bulk_journal)
		return;
	d->bulk_journal = false;
	sqlite3_exec(d->h, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", NULL, NULL,
		     NULL);
}

static const struct db_ops sq_ops = {
	.name = "sqlite",
	.exec = sq_exec,
	.prepare = sq_prepare,
	.bind_int64 = sq_bind_int64,
	.bind_text = sq_bind_text,
	.bind_text_static = sq_bind_text_static,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.column_count = sq_column_count,
	.column_null = sq_column_null,
	.column_int64 = sq_column_int64,
	.column_text = sq_column_text,
	.column_len = sq_column_len,
	.reset = sq_reset,
	.finalize = sq_finalize,
	.changes = sq_changes,
	.close = sq_close,
	.bulk_begin = sq_bulk_begin,
	.bulk_end = sq_bulk_end,
};
