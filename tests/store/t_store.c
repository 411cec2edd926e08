/*
 * The store contract: one suite that runs, unchanged, against whichever driver
 * the URL in argv[1] names, so both drivers are held to the same behaviour.
 *
 *     build/test/store /tmp/x/contract.db                         SQLite
 *     build/test/store 'postgresql:///sawat_test?host=/tmp/pg'    PostgreSQL
 *
 * Every test starts on an empty database: for SQLite the file (which must be a
 * path, not :memory:, since some tests open a second connection) is deleted
 * and created again; for PostgreSQL the schema sawat_contract is dropped and
 * created again and is the only schema on the search path, so the database's
 * other schemas are never touched. Point it only at a throw-away database all
 * the same (scripts/pg-cluster.sh makes one).
 *
 * Prepared statements go through prep() and fin(), which keep a list, so a
 * test that stops half-way (REQUIRE) leaves nothing open for the next one.
 */
#include <unistd.h>
#include "test.h"
#include "lib/buf.h"
#include "lib/embed.h"
#include "core/thtext.h"
#include "store/db.h"
#include "store/geo.h"
#include "store/import.h"
#include "store/migrate.h"
#include "store/person.h"

#define SCHEMA "sawat_contract"
#define NOW "2026-11-22T10:00:00Z"

static const char *g_url;
static const char *g_sqlite_path; /* NULL for PostgreSQL */
static struct db *g_db, *g_db2;    /* the test's connections; closed by fresh() */
static struct db_stmt *g_stmts[64];
static struct err E;
static struct buf g_dump[2];
static int g_dump_next;

#define REQUIRE_OK(expr)                                                                    \
	do {                                                                                \
		int r_ = (expr);                                                            \
		if (r_ < 0) {                                                               \
			fprintf(stderr, "  FAIL %s:%d: %s: %s -> %d: %s\n", __FILE__, __LINE__, \
				test_cur_name, #expr, r_, E.en);                            \
			test_cur_failed = 1;                                                \
			longjmp(test_jmp, 1);                                               \
		}                                                                           \
	} while (0)

static bool is_pg(void)
{
	return g_sqlite_path == NULL;
}

static struct db_stmt *prep(struct db *db, const char *sql)
{
	struct db_stmt *st;
	size_t i;
	int r = db_prepare(db, sql, &st, &E);

	if (r < 0) {
		fprintf(stderr, "  FAIL %s: prepare \"%s\": %s\n", test_cur_name, sql, E.en);
		test_cur_failed = 1;
		longjmp(test_jmp, 1);
	}
	for (i = 0; i < ARRAY_SIZE(g_stmts); i++) {
		if (!g_stmts[i]) {
			g_stmts[i] = st;
			return st;
		}
	}
	fprintf(stderr, "  FAIL %s: too many open statements\n", test_cur_name);
	abort();
}

static void fin(struct db_stmt *st)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(g_stmts); i++)
		if (g_stmts[i] == st)
			g_stmts[i] = NULL;
	db_finalize(st);
}

static void close_all(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(g_stmts); i++) {
		db_finalize(g_stmts[i]);
		g_stmts[i] = NULL;
	}
	if (g_db2)
		db_rollback(g_db2);
	db_close(g_db2);
	g_db2 = NULL;
	if (g_db)
		db_rollback(g_db);
	db_close(g_db);
	g_db = NULL;
}

static void remove_sqlite_files(void)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char path[4096];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(suffix); i++) {
		snprintf(path, sizeof(path), "%s%s", g_sqlite_path, suffix[i]);
		unlink(path);
	}
}

/* A connection to the database under test (for PostgreSQL, in our schema). */
static struct db *connect_db(void)
{
	struct db *db;

	REQUIRE_OK(db_open(g_url, &db, &E));
	if (is_pg() && db_exec(db, "SET search_path = " SCHEMA, &E) < 0) {
		db_close(db);
		REQUIRE_OK(E.code);
	}
	return db;
}

/* Every test starts here: no open handles, an empty database, g_db open. */
static struct db *fresh(void)
{
	close_all();
	if (!is_pg())
		remove_sqlite_files();
	g_db = connect_db();
	if (is_pg())
		REQUIRE_OK(db_exec(g_db, "DROP SCHEMA IF EXISTS " SCHEMA " CASCADE; CREATE SCHEMA " SCHEMA,
				   &E));
	return g_db;
}

static struct db *second(void)
{
	if (!g_db2)
		g_db2 = connect_db();
	return g_db2;
}

static void exec(struct db *db, const char *sql)
{
	REQUIRE_OK(db_exec(db, sql, &E));
}

static int64_t q_int(struct db *db, const char *sql)
{
	int64_t v;

	REQUIRE_OK(db_query_int64(db, sql, &v, &E));
	return v;
}

/*
 * All rows of sql as text: columns joined by '|', rows by ',', NULL written
 * as NULL. Two results can be held at once (the buffers alternate).
 */
static const char *dump(struct db *db, const char *sql)
{
	struct buf *b = &g_dump[g_dump_next++ & 1];
	struct db_stmt *st = prep(db, sql);
	int r, i, nrow = 0;

	buf_reset(b);
	while ((r = db_step(st, &E)) == DB_ROW) {
		if (nrow++)
			buf_putc(b, ',');
		for (i = 0; i < db_column_count(st); i++) {
			if (i)
				buf_putc(b, '|');
			buf_puts(b, db_column_null(st, i) ? "NULL" : db_column_text(st, i));
		}
	}
	fin(st);
	REQUIRE_OK(r);
	return b->ptr;
}

/* Runs sql expecting an error either at prepare or at the first step. */
static int run_expect_error(struct db *db, const char *sql)
{
	struct db_stmt *st;
	int r;

	err_init(&E);
	r = db_prepare(db, sql, &st, &E);
	if (r < 0) {
		CHECK(st == NULL);
		return r;
	}
	r = db_step(st, &E);
	db_finalize(st);
	return r;
}

static void test_open(void)
{
	struct db *db = fresh(), *bad = NULL;

	CHECK_STR(db_driver(db), is_pg() ? "postgres" : "sqlite");
	CHECK(!db_in_tx(db));
	CHECK_INT(db_open("", &bad, &E), ERR_INVALID);
	CHECK(bad == NULL);
	CHECK_INT(db_open(NULL, &bad, &E), ERR_INVALID);
	if (is_pg())
		CHECK_INT(db_open("postgresql://127.0.0.1:1/sawat_test?connect_timeout=3", &bad, &E),
			  ERR_DB);
	else
		CHECK_INT(db_open("/nonexistent-sawat-dir/a/b.db", &bad, &E), ERR_DB);
	CHECK(bad == NULL);
	CHECK(E.en[0] != '\0' && E.th[0] != '\0');
	if (!is_pg()) {
		/* "sqlite:" names the same file as the bare path. */
		char url[4200];

		exec(db, "CREATE TABLE marker (x BIGINT)");
		snprintf(url, sizeof(url), "sqlite:%s", g_sqlite_path);
		REQUIRE_OK(db_open(url, &bad, &E));
		CHECK_INT(db_query_int64(bad, "SELECT COUNT(*) FROM marker", &(int64_t){ 0 }, &E), 0);
		db_close(bad);
	}
}

static void test_exec_and_query(void)
{
	struct db *db = fresh();
	int64_t v = 42;

	exec(db, "CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT NOT NULL);"
		 "INSERT INTO t VALUES (1, 'a');"
		 "INSERT INTO t VALUES (2, 'b');");
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM t"), 2);
	CHECK_INT(q_int(db, "SELECT MAX(id) FROM t"), 2);
	CHECK_INT(db_query_int64(db, "SELECT id FROM t WHERE id = 99", &v, &E), ERR_NOT_FOUND);
	CHECK_INT(v, 0);
	CHECK_STR(dump(db, "SELECT id, name FROM t ORDER BY id"), "1|a,2|b");
	/* Booleans read as 1 and 0 on both engines. */
	CHECK_INT(q_int(db, "SELECT 2 > 1"), 1);
	CHECK_INT(q_int(db, "SELECT 2 < 1"), 0);
}

static void test_int64(void)
{
	static const int64_t vals[] = {
		INT64_MIN, INT64_MIN + 1, -9007199254740993LL, -1, 0, 1,
		9007199254740993LL, /* 2^53 + 1: not a double */
		INT64_MAX - 1, INT64_MAX,
	};
	struct db *db = fresh();
	struct db_stmt *st;
	size_t i;
	int64_t prev = 0;

	exec(db, "CREATE TABLE n (k BIGINT PRIMARY KEY, v BIGINT)");
	st = prep(db, "INSERT INTO n (k, v) VALUES (?, ?)");
	for (i = 0; i < ARRAY_SIZE(vals); i++) {
		/* Insert in reverse so ORDER BY v must really sort numbers. */
		CHECK_INT(db_bind_int64(st, 1, (int64_t)i), 0);
		CHECK_INT(db_bind_int64(st, 2, vals[ARRAY_SIZE(vals) - 1 - i]), 0);
		CHECK_INT(db_step(st, &E), DB_DONE);
		db_reset(st);
	}
	fin(st);

	st = prep(db, "SELECT k, v FROM n ORDER BY v");
	for (i = 0; i < ARRAY_SIZE(vals); i++) {
		REQUIRE(db_step(st, &E) == DB_ROW);
		CHECK_INT(db_column_count(st), 2);
		CHECK(!db_column_null(st, 1));
		if (db_column_int64(st, 1) != vals[i])
			fprintf(stderr, "  value %zu: got %" PRId64 " want %" PRId64 "\n", i,
				db_column_int64(st, 1), vals[i]);
		CHECK(db_column_int64(st, 1) == vals[i]);
		CHECK(i == 0 || db_column_int64(st, 1) > prev);
		prev = db_column_int64(st, 1);
	}
	CHECK_INT(db_step(st, &E), DB_DONE);
	fin(st);

	/* The extremes also work as parameters in comparisons and as text. */
	st = prep(db, "SELECT COUNT(*) FROM n WHERE v = ? OR v = ?");
	db_bind_int64(st, 1, INT64_MAX);
	db_bind_int64(st, 2, INT64_MIN);
	REQUIRE(db_step(st, &E) == DB_ROW);
	CHECK_INT(db_column_int64(st, 0), 2);
	fin(st);
	st = prep(db, "SELECT v FROM n WHERE v = ?");
	db_bind_int64(st, 1, INT64_MIN);
	REQUIRE(db_step(st, &E) == DB_ROW);
	CHECK_STR(db_column_text(st, 0), "-9223372036854775808");
	fin(st);
	CHECK(q_int(db, "SELECT 9223372036854775807") == INT64_MAX);
	CHECK(q_int(db, "SELECT MIN(v) FROM n") == INT64_MIN);
	CHECK(q_int(db, "SELECT SUM(v) FROM n WHERE v BETWEEN -1 AND 1") == 0);
}

static void test_text(void)
{
	static const char thai[] = "สวัสดีครับ ภาษาไทย ๑๒๓ ก่ำ";
	static const char tricky[] = "it's \"quoted\" ? and \\ back\nline\ttab";
	struct db *db = fresh();
	struct db_stmt *st;

	exec(db, "CREATE TABLE s (k BIGINT PRIMARY KEY, v TEXT)");
	st = prep(db, "INSERT INTO s (k, v) VALUES (?, ?)");
	db_bind_int64(st, 1, 1);
	db_bind_text(st, 2, thai, -1);
	CHECK_INT(db_step(st, &E), DB_DONE);
	db_reset(st);
	db_bind_int64(st, 1, 2);
	db_bind_text(st, 2, "", -1);
	CHECK_INT(db_step(st, &E), DB_DONE);
	db_reset(st);
	db_bind_int64(st, 1, 3);
	db_bind_null(st, 2);
	CHECK_INT(db_step(st, &E), DB_DONE);
	db_reset(st);
	db_bind_int64(st, 1, 4);
	db_bind_text(st, 2, tricky, -1);
	CHECK_INT(db_step(st, &E), DB_DONE);
	db_reset(st);
	db_bind_int64(st, 1, 5);
	db_bind_text(st, 2, "abcdef", 3); /* an explicit length takes a prefix */
	CHECK_INT(db_step(st, &E), DB_DONE);
	db_reset(st);
	db_bind_int64(st, 1, 6);
	db_bind_text(st, 2, "👍🏽 น้ำ", -1);
	CHECK_INT(db_step(st, &E), DB_DONE);
	fin(st);

	st = prep(db, "SELECT k, v FROM s ORDER BY k");
	REQUIRE(db_step(st, &E) == DB_ROW);
	CHECK_STR(db_column_text(st, 1), thai);
	CHECK_INT(db_column_len(st, 1), strlen(thai));
	CHECK(!db_column_null(st, 1));
	REQUIRE(db_step(st, &E) == DB_ROW);
	CHECK_STR(db_column_text(st, 1), "");
	CHECK_INT(db_column_len(st, 1), 0);
	CHECK(!db_column_null(st, 1)); /* empty is not NULL */
	REQUIRE(db_step(st, &E) == DB_ROW);
	CHECK(db_column_null(st, 1));
	CHECK_STR(db_column_text(st, 1), ""); /* never a NULL pointer */
	CHECK_INT(db_column_len(st, 1), 0);
	REQUIRE(db_step(st, &E) == DB_ROW);
	CHECK_STR(db_column_text(st, 1), tricky);
	REQUIRE(db_step(st, &E) == DB_ROW);
	CHECK_STR(db_column_text(st, 1), "abc");
	REQUIRE(db_step(st, &E) == DB_ROW);
	CHECK_STR(db_column_text(st, 1), "👍🏽 น้ำ");
	CHECK_INT(db_step(st, &E), DB_DONE);
	fin(st);

	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM s WHERE v IS NULL"), 1);
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM s WHERE v = ''"), 1);
	/* length() counts characters, not bytes, on both engines. */
	CHECK_INT(q_int(db, "SELECT length(v) FROM s WHERE k = 1"), 26);
	CHECK_INT(q_int(db, "SELECT length(v) FROM s WHERE k = 6"), 6);

	st = prep(db, "SELECT k FROM s WHERE v = ?");
	db_bind_text(st, 1, thai, -1);
	REQUIRE(db_step(st, &E) == DB_ROW);
	CHECK_INT(db_column_int64(st, 0), 1);
	fin(st);
}

static void test_null(void)
{
	struct db *db = fresh();
	struct db_stmt *st;

	exec(db, "CREATE TABLE z (k BIGINT PRIMARY KEY, a TEXT, b BIGINT)");
	st = prep(db, "INSERT INTO z (k, a, b) VALUES (?, ?, ?)");
	db_bind_int64(st, 1, 1);
	db_bind_null(st, 2);
	db_bind_null(st, 3);
	CHECK_INT(db_step(st, &E), DB_DONE);
	db_reset(st);
	db_bind_int64(st, 1, 2);
	db_bind_text_or_null(st, 2, NULL);
	db_bind_int64(st, 3, 5);
	CHECK_INT(db_step(st, &E), DB_DONE);
	db_reset(st);
	db_bind_int64(st, 1, 3);
	db_bind_text_or_null(st, 2, "x");
	/* parameter 3 left unbound: NULL */
	CHECK_INT(db_step(st, &E), DB_DONE);
	fin(st);

	CHECK_STR(dump(db, "SELECT k, a, b FROM z ORDER BY k"), "1|NULL|NULL,2|NULL|5,3|x|NULL");
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM z WHERE a IS NULL"), 2);
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM z WHERE b IS NULL"), 2);

	st = prep(db, "SELECT a, b FROM z WHERE k = 1");
	REQUIRE(db_step(st, &E) == DB_ROW);
	CHECK(db_column_null(st, 0));
	CHECK(db_column_null(st, 1));
	CHECK_INT(db_column_int64(st, 1), 0);
	CHECK_STR(db_column_text(st, 0), "");
	fin(st);

	/* NULL never equals anything, a NULL parameter included. */
	st = prep(db, "SELECT COUNT(*) FROM z WHERE a = ?");
	db_bind_null(st, 1);
	REQUIRE(db_step(st, &E) == DB_ROW);
	CHECK_INT(db_column_int64(st, 0), 0);
	fin(st);

	st = prep(db, "SELECT COALESCE(a, ?) FROM z WHERE k = ?");
	db_bind_text(st, 1, "ค่าเริ่มต้น", -1);
	db_bind_int64(st, 2, 2);
	REQUIRE(db_step(st, &E) == DB_ROW);
	CHECK_STR(db_column_text(st, 0), "ค่าเริ่มต้น");
	fin(st);
}

static void test_placeholders(void)
{
	struct db *db = fresh();
	struct db_stmt *st;
	int i;

	exec(db, "CREATE TABLE p (k BIGINT PRIMARY KEY, a TEXT, \"b?\" TEXT)");
	/* A '?' inside a string or a quoted name is not a parameter. */
	st = prep(db, "INSERT INTO p (k, a, \"b?\") VALUES (?, 'what?', ?)");
	db_bind_int64(st, 1, 1);
	db_bind_text(st, 2, "x", -1);
	CHECK_INT(db_step(st, &E), DB_DONE);
	fin(st);
	CHECK_STR(dump(db, "SELECT k, a, \"b?\" FROM p"), "1|what?|x");

	/* Nor in comments, nor after a doubled quote inside a string. */
	st = prep(db, "SELECT a /* why? */ FROM p -- really?\n"
		      " WHERE k = ? AND a = 'what?' AND 'it''s ?' = 'it''s ?' AND \"b?\" = ?");
	db_bind_int64(st, 1, 1);
	db_bind_text(st, 2, "x", -1);
	REQUIRE(db_step(st, &E) == DB_ROW);
	CHECK_STR(db_column_text(st, 0), "what?");
	fin(st);

	/* Order of parameters, and more than nine of them ($10 and up). */
	st = prep(db, "INSERT INTO p (a, k, \"b?\") VALUES (?, ?, ?)");
	db_bind_text(st, 1, "first", -1);
	db_bind_int64(st, 2, 2);
	db_bind_text(st, 3, "third?", -1);
	CHECK_INT(db_step(st, &E), DB_DONE);
	fin(st);
	CHECK_STR(dump(db, "SELECT a, \"b?\" FROM p WHERE k = 2"), "first|third?");
	st = prep(db, "SELECT COUNT(*) FROM p WHERE k IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	for (i = 1; i <= 12; i++)
		CHECK_INT(db_bind_int64(st, i, i == 12 ? 2 : 100 + i), 0);
	REQUIRE(db_step(st, &E) == DB_ROW);
	CHECK_INT(db_column_int64(st, 0), 1);
	/* Out of range parameter numbers are refused. */
	CHECK(db_bind_int64(st, 13, 1) < 0);
	CHECK(db_bind_text(st, 0, "x", -1) < 0);
	fin(st);
}

static void test_changes_and_reuse(void)
{
	struct db *db = fresh();
	struct db_stmt *st;
	int i;

	exec(db, "CREATE TABLE c (k BIGINT PRIMARY KEY, v BIGINT)");
	st = prep(db, "INSERT INTO c (k, v) VALUES (?, ?)");
	for (i = 1; i <= 5; i++) {
		db_bind_int64(st, 1, i);
		db_bind_int64(st, 2, i * 10);
		CHECK_INT(db_step(st, &E), DB_DONE);
		CHECK_INT(db_changes(st), 1);
		/* A finished statement stays finished: no second insert. */
		CHECK_INT(db_step(st, &E), DB_DONE);
		db_reset(st);
	}
	/* Bindings are cleared by reset: an unbound v is NULL. */
	db_bind_int64(st, 1, 6);
	CHECK_INT(db_step(st, &E), DB_DONE);
	fin(st);
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM c"), 6);
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM c WHERE v IS NULL"), 1);

	st = prep(db, "UPDATE c SET v = v + 1 WHERE v IS NOT NULL");
	CHECK_INT(db_step(st, &E), DB_DONE);
	CHECK_INT(db_changes(st), 5);
	fin(st);
	st = prep(db, "UPDATE c SET v = 0 WHERE k > 100");
	CHECK_INT(db_step(st, &E), DB_DONE);
	CHECK_INT(db_changes(st), 0);
	fin(st);
	st = prep(db, "DELETE FROM c WHERE k <= ?");
	db_bind_int64(st, 1, 2);
	CHECK_INT(db_step(st, &E), DB_DONE);
	CHECK_INT(db_changes(st), 2);
	fin(st);
	/* Not a write: 0, whatever the last write on the connection was. */
	st = prep(db, "SELECT k FROM c");
	while (db_step(st, &E) == DB_ROW)
		;
	CHECK_INT(db_changes(st), 0);
	fin(st);
	st = prep(db, "CREATE TABLE c2 (k BIGINT)");
	CHECK_INT(db_step(st, &E), DB_DONE);
	CHECK_INT(db_changes(st), 0);
	fin(st);

	/* A statement that failed can be reset and run again. */
	st = prep(db, "INSERT INTO c (k, v) VALUES (?, 1)");
	db_bind_int64(st, 1, 3);
	CHECK_INT(db_step(st, &E), ERR_CONFLICT);
	db_reset(st);
	db_bind_int64(st, 1, 7);
	CHECK_INT(db_step(st, &E), DB_DONE);
	CHECK_INT(db_changes(st), 1);
	fin(st);
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM c"), 5);
}

static void test_many_rows(void)
{
	struct db *db = fresh();
	struct db_stmt *st;
	int64_t sum = 0, n = 0;
	int i;

	exec(db, "CREATE TABLE m (k BIGINT PRIMARY KEY, name TEXT NOT NULL)");
	REQUIRE_OK(db_begin(db, &E));
	st = prep(db, "INSERT INTO m (k, name) VALUES (?, ?)");
	for (i = 1; i <= 2000; i++) {
		char name[32];

		snprintf(name, sizeof(name), "แถว %d", i);
		db_bind_int64(st, 1, i);
		db_bind_text(st, 2, name, -1);
		REQUIRE(db_step(st, &E) == DB_DONE);
		db_reset(st);
	}
	fin(st);
	REQUIRE_OK(db_commit(db, &E));
	st = prep(db, "SELECT k, name FROM m ORDER BY k");
	while (db_step(st, &E) == DB_ROW) {
		n++;
		sum += db_column_int64(st, 0);
		if (n == 1234)
			CHECK_STR(db_column_text(st, 1), "แถว 1234");
	}
	fin(st);
	CHECK_INT(n, 2000);
	CHECK_INT(sum, 2000 * 2001 / 2);
}

struct step_row {
	int64_t k;
	char name[16];
};
struct step_rows {
	struct step_row *items;
	size_t n, cap;
};

static void read_step_row(struct db_stmt *st, void *item)
{
	struct step_row *x = item;

	x->k = db_column_int64(st, 0);
	db_column_copy(st, 1, x->name, sizeof(x->name));
}

/* Reads "SELECT k, name FROM m ORDER BY k" into l with db_step_list. */
static int step_rows(struct db *db, struct step_rows *l)
{
	struct db_stmt *st;
	int r = db_prepare(db, "SELECT k, name FROM m ORDER BY k", &st, &E);

	if (r)
		return r;
	return DB_STEP_LIST(st, l, read_step_row, &E);
}

static void test_step_list(void)
{
	struct db *db = fresh();
	struct step_rows l = { NULL, 0, 0 };
	int i;

	exec(db, "CREATE TABLE m (k BIGINT PRIMARY KEY, name TEXT NOT NULL)");
	for (i = 1; i <= 20; i++) {
		char sql[96];

		snprintf(sql, sizeof(sql), "INSERT INTO m (k, name) VALUES (%d, 'แถว %d')", i, i);
		exec(db, sql);
	}
	/* Appends to what the list holds, growing it past its first 8. */
	l.items = xcalloc(1, sizeof(*l.items));
	l.n = l.cap = 1;
	l.items[0].k = -1;
	REQUIRE_OK(step_rows(db, &l));
	REQUIRE(l.n == 21);
	CHECK_INT(l.items[0].k, -1);
	CHECK_INT(l.items[1].k, 1);
	CHECK_STR(l.items[20].name, "แถว 20");
	/* A step failing half-way leaves the list as it was, freed when it was
	 * empty. */
	db_fail_after(db, 12); /* the prepare, then the 11th step */
	CHECK_INT(step_rows(db, &l), ERR_DB);
	CHECK_INT(l.n, 21);
	CHECK_STR(l.items[20].name, "แถว 20");
	free(l.items);
	l = (struct step_rows){ NULL, 0, 0 };
	db_fail_after(db, 12);
	CHECK_INT(step_rows(db, &l), ERR_DB);
	CHECK(l.items == NULL);
	CHECK_INT(l.n, 0);
	CHECK_INT(l.cap, 0);
	db_fail_after(db, 0);
	REQUIRE_OK(step_rows(db, &l));
	CHECK_INT(l.n, 20);
	free(l.items);
}

static void test_tx_commit(void)
{
	struct db *db = fresh(), *other;

	exec(db, "CREATE TABLE t (k BIGINT PRIMARY KEY)");
	other = second();
	REQUIRE_OK(db_begin(db, &E));
	CHECK(db_in_tx(db));
	exec(db, "INSERT INTO t VALUES (1)");
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM t"), 1);
	CHECK_INT(q_int(other, "SELECT COUNT(*) FROM t"), 0); /* not yet visible */
	REQUIRE_OK(db_commit(db, &E));
	CHECK(!db_in_tx(db));
	CHECK_INT(q_int(other, "SELECT COUNT(*) FROM t"), 1);
	/* Commit with nothing open is a programmer error. */
	CHECK_INT(db_commit(db, &E), ERR_INTERNAL);
}

static void test_tx_rollback(void)
{
	struct db *db = fresh();

	exec(db, "CREATE TABLE t (k BIGINT PRIMARY KEY)");
	exec(db, "INSERT INTO t VALUES (1)");
	REQUIRE_OK(db_begin(db, &E));
	exec(db, "INSERT INTO t VALUES (2); UPDATE t SET k = 10 WHERE k = 1");
	db_rollback(db);
	CHECK(!db_in_tx(db));
	CHECK_STR(dump(db, "SELECT k FROM t"), "1");
	CHECK_STR(dump(second(), "SELECT k FROM t"), "1");
	db_rollback(db); /* harmless with nothing open */
	CHECK(!db_in_tx(db));
	/* The connection is fine for the next transaction. */
	REQUIRE_OK(db_begin(db, &E));
	exec(db, "INSERT INTO t VALUES (3)");
	REQUIRE_OK(db_commit(db, &E));
	CHECK_STR(dump(db, "SELECT k FROM t ORDER BY k"), "1,3");
}

static void test_tx_nested(void)
{
	struct db *db = fresh();

	exec(db, "CREATE TABLE t (k BIGINT PRIMARY KEY)");
	REQUIRE_OK(db_begin(db, &E));
	exec(db, "INSERT INTO t VALUES (1)");
	CHECK_INT(db_begin(db, &E), ERR_INTERNAL);
	CHECK(db_in_tx(db)); /* the outer transaction goes on */
	REQUIRE_OK(db_commit(db, &E));
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM t"), 1);
}

/* An error inside a transaction dooms it, on both engines. */
static void test_tx_failed(void)
{
	struct db *db = fresh();
	struct db_stmt *st;

	exec(db, "CREATE TABLE t (k BIGINT PRIMARY KEY)");
	exec(db, "INSERT INTO t VALUES (1)");
	REQUIRE_OK(db_begin(db, &E));
	exec(db, "INSERT INTO t VALUES (2)");
	st = prep(db, "INSERT INTO t VALUES (?)");
	db_bind_int64(st, 1, 1);
	CHECK_INT(db_step(st, &E), ERR_CONFLICT);
	fin(st);
	CHECK_INT(db_commit(db, &E), ERR_DB);
	CHECK(strstr(E.en, "rolled back") != NULL);
	CHECK(!db_in_tx(db));
	CHECK_STR(dump(db, "SELECT k FROM t ORDER BY k"), "1");
	exec(db, "INSERT INTO t VALUES (2)");
	CHECK_STR(dump(db, "SELECT k FROM t ORDER BY k"), "1,2");
}

static void test_conflict(void)
{
	static const char *const bad[] = {
		"INSERT INTO child (id, parent, name, qty) VALUES (1, 1, 'other', 0)", /* primary key */
		"INSERT INTO child (id, parent, name, qty) VALUES (2, 1, 'ก', 0)",     /* unique */
		"INSERT INTO child (id, parent, name, qty) VALUES (3, NULL, 'x', 0)",  /* not null */
		"INSERT INTO child (id, parent, name, qty) VALUES (4, 99, 'y', 0)",    /* foreign key */
		"INSERT INTO child (id, parent, name, qty) VALUES (5, 1, 'z', -1)",    /* check */
		"UPDATE child SET name = NULL WHERE id = 1",
		"DELETE FROM parent WHERE id = 1", /* still referenced */
	};
	struct db *db = fresh();
	size_t i;

	exec(db, "CREATE TABLE parent (id BIGINT PRIMARY KEY);"
		 "CREATE TABLE child (id BIGINT PRIMARY KEY,"
		 " parent BIGINT NOT NULL REFERENCES parent(id),"
		 " name TEXT NOT NULL UNIQUE, qty BIGINT NOT NULL CHECK (qty >= 0));"
		 "INSERT INTO parent VALUES (1);"
		 "INSERT INTO child VALUES (1, 1, 'ก', 0)");
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		err_init(&E);
		if (run_expect_error(db, bad[i]) != ERR_CONFLICT)
			fprintf(stderr, "  statement %zu: %s\n", i, E.en);
		CHECK_INT(E.code, ERR_CONFLICT);
		CHECK(E.en[0] && E.th[0]);
		err_init(&E);
		CHECK_INT(db_exec(db, bad[i], &E), ERR_CONFLICT);
	}
	CHECK_STR(dump(db, "SELECT id, parent, name, qty FROM child"), "1|1|ก|0");
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM parent"), 1);
}

static void test_bad_sql(void)
{
	struct db *db = fresh();

	CHECK_INT(run_expect_error(db, "SELEC 1"), ERR_DB);
	CHECK(strstr(E.en, "syntax error") != NULL);
	CHECK(strstr(E.th, "syntax error") != NULL); /* the engine's text, in both */
	CHECK_INT(run_expect_error(db, "SELECT * FROM no_such_table"), ERR_DB);
	CHECK(strstr(E.en, "no_such_table") != NULL);
	CHECK_INT(run_expect_error(db, "SELECT no_such_column FROM (SELECT 1 AS x) q"), ERR_DB);
	CHECK(strstr(E.en, "no_such_column") != NULL);
	CHECK_INT(run_expect_error(db, ""), ERR_DB);
	CHECK_INT(run_expect_error(db, "  -- only a comment\n"), ERR_DB);
	CHECK_INT(run_expect_error(db, "SELECT 1; SELECT 2"), ERR_DB);
	err_init(&E);
	CHECK_INT(db_exec(db, "CREATE TABLE x (", &E), ERR_DB);
	CHECK(strncmp(E.en, "database error: ", 16) == 0 && strlen(E.en) > 16);
	/* One statement with a trailing semicolon or comment is fine. */
	CHECK_INT(q_int(db, "SELECT 7;"), 7);
	CHECK_INT(q_int(db, "SELECT 8; -- eight"), 8);
	CHECK_INT(q_int(db, "SELECT 9 -- nine"), 9);
	/* The connection survives all that. */
	CHECK_INT(q_int(db, "SELECT 1 + 1"), 2);
}

static int count_migrations(int *highest)
{
	const struct embed_file *f;
	int n = 0;

	*highest = 0;
	/* A version may have one file per engine: count versions, not files
	 * (the embed table is sorted, so a version's variants are adjacent). */
	for (f = embed_files; f->name; f++) {
		int v;

		if (!starts_with(f->name, "migrations/"))
			continue;
		v = atoi(f->name + strlen("migrations/"));
		if (v != *highest)
			n++;
		*highest = v;
	}
	return n;
}

static bool table_exists(struct db *db, const char *table)
{
	char sql[200];

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s", table);
	return run_expect_error(db, sql) == DB_ROW;
}

static void test_migrations(void)
{
	struct db *db = fresh();
	int n = -1, version = -1, highest, want = count_migrations(&highest);

	REQUIRE(want >= 1);
	REQUIRE_OK(migrate_version(db, &version, &E));
	CHECK_INT(version, 0);
	REQUIRE_OK(migrate_up(db, NOW, &n, &E));
	CHECK_INT(n, want);
	REQUIRE_OK(migrate_version(db, &version, &E));
	CHECK_INT(version, highest);
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM schema_migration"), want);
	CHECK_STR(dump(db, "SELECT version, name, applied_at FROM schema_migration WHERE version = 1"),
		  "1|0001_platform.sql|" NOW);
	CHECK_INT(q_int(db, "SELECT seq FROM audit_head WHERE id = 1"), 0);
	CHECK(table_exists(db, "area"));
	CHECK(table_exists(db, "app_user"));
	CHECK(table_exists(db, "session"));
	CHECK(table_exists(db, "audit_log"));

	/* Again, on this and on another connection: nothing to do. */
	REQUIRE_OK(migrate_up(db, NOW, &n, &E));
	CHECK_INT(n, 0);
	REQUIRE_OK(migrate_up(second(), NOW, &n, &E));
	CHECK_INT(n, 0);
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM schema_migration"), want);
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM audit_head"), 1);
	CHECK(!db_in_tx(db));
}

/* A fault at any step of a migration leaves no trace of it. */
static void test_migrations_fault(void)
{
	struct db *db = fresh();
	int n, r = -1, version, highest, failures = 0;
	long k;

	count_migrations(&highest);
	for (k = 1; k < 100; k++) {
		db_fail_after(db, k);
		r = migrate_up(db, NOW, &n, &E);
		db_fail_after(db, 0);
		if (r == 0)
			break;
		failures++;
		CHECK_INT(r, ERR_DB);
		CHECK(!db_in_tx(db));
		REQUIRE_OK(migrate_version(db, &version, &E));
		if (version == 0)
			CHECK(!table_exists(db, "region"));
	}
	CHECK_INT(r, 0);
	CHECK(failures >= 3);
	REQUIRE_OK(migrate_version(db, &version, &E));
	CHECK_INT(version, highest);
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM audit_head"), 1);
}

static void test_thai_collation(void)
{
	static const char *const words[] = { "ขา", "กา", "เกา", "ฮา", "ก" };
	static const char *const more[] = { "ไก่", "งู", "กิน", "ฆ้อง", "เก่ง", "ค่ะ", "ข้าว" };
	struct db *db = fresh();
	struct db_stmt *st;
	size_t i;

	exec(db, "CREATE TABLE w (name TEXT NOT NULL);"
		 "CREATE TABLE w2 (name TEXT COLLATE \"th-TH-x-icu\" NOT NULL)");
	st = prep(db, "INSERT INTO w (name) VALUES (?)");
	for (i = 0; i < ARRAY_SIZE(words); i++) {
		db_bind_text(st, 1, words[i], -1);
		CHECK_INT(db_step(st, &E), DB_DONE);
		db_reset(st);
	}
	fin(st);
	st = prep(db, "INSERT INTO w2 (name) VALUES (?)");
	for (i = 0; i < ARRAY_SIZE(more); i++) {
		db_bind_text(st, 1, more[i], -1);
		CHECK_INT(db_step(st, &E), DB_DONE);
		db_reset(st);
	}
	fin(st);
	CHECK_STR(dump(db, "SELECT name FROM w ORDER BY name COLLATE \"th-TH-x-icu\""),
		  "ก,กา,เกา,ขา,ฮา");
	CHECK_STR(dump(db, "SELECT name FROM w ORDER BY name COLLATE \"th-TH-x-icu\" DESC"),
		  "ฮา,ขา,เกา,กา,ก");
	/* A column declared with the collation sorts and compares with it. */
	CHECK_STR(dump(db, "SELECT name FROM w2 ORDER BY name"), "กิน,เก่ง,ไก่,ข้าว,ค่ะ,ฆ้อง,งู");
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM w2 WHERE name < 'ข'"), 3);
	CHECK_STR(dump(db, "SELECT MIN(name) FROM w2"), "กิน");
}

static void test_returning(void)
{
	struct db *db = fresh();
	struct db_stmt *st;
	int64_t first = 0;
	int i;

	REQUIRE_OK(migrate_up(db, NOW, NULL, &E));
	st = prep(db, "INSERT INTO app_user (username, display_name, role, area, password_hash,"
		      " created_at, updated_at) VALUES (?, ?, 'officer', '50', 'x', ?, ?)"
		      " RETURNING id, username");
	for (i = 0; i < 3; i++) {
		char name[32];

		snprintf(name, sizeof(name), "user%d", i);
		db_bind_text(st, 1, name, -1);
		db_bind_text(st, 2, "สมชาย ใจดี", -1);
		db_bind_text(st, 3, NOW, -1);
		db_bind_text(st, 4, NOW, -1);
		REQUIRE(db_step(st, &E) == DB_ROW);
		CHECK_INT(db_column_count(st), 2);
		if (i == 0)
			first = db_column_int64(st, 0);
		CHECK(first >= 1);
		CHECK_INT(db_column_int64(st, 0), first + i);
		CHECK_STR(db_column_text(st, 1), name);
		CHECK_INT(db_step(st, &E), DB_DONE);
		CHECK_INT(db_changes(st), 1);
		db_reset(st);
	}
	fin(st);
	CHECK_INT(q_int(db, "SELECT id FROM app_user WHERE username = 'user2'"), first + 2);
	CHECK_INT(q_int(db, "SELECT COUNT(DISTINCT id) FROM app_user"), 3);
}

static void test_on_conflict(void)
{
	struct db *db = fresh();
	struct db_stmt *st;

	exec(db, "CREATE TABLE k (code TEXT PRIMARY KEY, n BIGINT NOT NULL)");
	st = prep(db, "INSERT INTO k (code, n) VALUES (?, ?) ON CONFLICT DO NOTHING");
	db_bind_text(st, 1, "50", -1);
	db_bind_int64(st, 2, 1);
	CHECK_INT(db_step(st, &E), DB_DONE);
	CHECK_INT(db_changes(st), 1);
	db_reset(st);
	db_bind_text(st, 1, "50", -1);
	db_bind_int64(st, 2, 2);
	CHECK_INT(db_step(st, &E), DB_DONE);
	CHECK_INT(db_changes(st), 0);
	fin(st);
	CHECK_STR(dump(db, "SELECT code, n FROM k"), "50|1");

	/* With RETURNING, a skipped row returns nothing. */
	st = prep(db, "INSERT INTO k (code, n) VALUES (?, 5) ON CONFLICT DO NOTHING RETURNING n");
	db_bind_text(st, 1, "50", -1);
	CHECK_INT(db_step(st, &E), DB_DONE);
	fin(st);

	/* Upsert adds to what is there. */
	st = prep(db, "INSERT INTO k (code, n) VALUES (?, ?)"
		      " ON CONFLICT (code) DO UPDATE SET n = k.n + excluded.n");
	db_bind_text(st, 1, "50", -1);
	db_bind_int64(st, 2, 10);
	CHECK_INT(db_step(st, &E), DB_DONE);
	CHECK_INT(db_changes(st), 1);
	db_reset(st);
	db_bind_text(st, 1, "51", -1);
	db_bind_int64(st, 2, 3);
	CHECK_INT(db_step(st, &E), DB_DONE);
	fin(st);
	CHECK_STR(dump(db, "SELECT code, n FROM k ORDER BY code"), "50|11,51|3");

	/* A skipped conflict is not an error: the transaction commits. */
	REQUIRE_OK(db_begin(db, &E));
	exec(db, "INSERT INTO k (code, n) VALUES ('51', 0) ON CONFLICT DO NOTHING;"
		 "INSERT INTO k (code, n) VALUES ('52', 0) ON CONFLICT DO NOTHING");
	REQUIRE_OK(db_commit(db, &E));
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM k"), 3);
}

/* A small multi-statement write, all or nothing, as app code writes it. */
static int transfer(struct db *db, struct err *e)
{
	static const char *const sql[] = {
		"INSERT INTO acct (id, owner, bal) VALUES (4, 'กองทุนใหม่', 100)",
		"UPDATE acct SET bal = bal - 100 WHERE id = 1",
		"DELETE FROM acct WHERE id = 3",
	};
	struct db_stmt *st = NULL;
	size_t i;
	int r;

	r = db_begin(db, e);
	if (r)
		return r;
	for (i = 0; i < ARRAY_SIZE(sql); i++) {
		r = db_prepare(db, sql[i], &st, e);
		if (r)
			goto fail;
		r = db_step(st, e);
		db_finalize(st);
		st = NULL;
		if (r < 0)
			goto fail;
	}
	return db_commit(db, e);
fail:
	db_rollback(db);
	return r;
}


/* ---- the registry's search and bulk inserts (store/person.c) ---- */

static const char *const s_givens[] = { "สมชาย", "สมศรี", "สมใจ", "เกศินี", "แก้วตา", "ไพศาล",
					"กมล", "บุญมี", "ทองดี", "Anna", "anna", "เก่ง" };
static const char *const s_families[] = { "ใจดี", "ศรีสุข", "แก้วมณี", "", "ทองดี", "สมใจ",
					  "Smith", "กลิ่นหอม" };
static const char *const s_areas[] = { "500101", "500102", "500203", "560101" };

static void s_person(struct person *p, unsigned i)
{
	struct buf key = BUF_INIT;
	char full[128];

	person_init(p);
	p->given_name = xstrdup(s_givens[(i * 7) % ARRAY_SIZE(s_givens)]);
	p->family_name = xstrdup(s_families[(i * 5) % ARRAY_SIZE(s_families)]);
	snprintf(full, sizeof(full), "%s %s", p->given_name, p->family_name);
	REQUIRE_OK(thtext_name_key(full, strlen(full), &key, &E));
	p->name_key = buf_detach(&key, NULL);
	p->sex = SEX_MALE;
	p->reg_status = REG_HOUSE;
	p->birth = (struct date){ 1950 + (int)(i % 50), 1, 1 };
	snprintf(p->area, sizeof(p->area), "%s", s_areas[(i * 3) % ARRAY_SIZE(s_areas)]);
	if (i % 3 == 0)
		snprintf(p->national_id, sizeof(p->national_id), "1%012u", 100000 + i);
}

/* The ids a plain sort gives, or person_search gives page by page. */
static const char *s_ids(struct db *db, const char *key, const char *area, int limit, int how)
{
	struct buf *out = &g_dump[g_dump_next++ & 1];
	struct person_list l = PERSON_LIST_INIT;
	struct person_query q;
	char lo[16], hi[16];
	struct buf pat = BUF_INIT;
	size_t i, n = 0;
	const char *k;

	buf_reset(out);
	if (how == 0) {
		struct db_stmt *st;
		int r;

		for (k = key ? key : ""; *k; k++)
			n += (*k & 0xC0) != 0x80;
		if (n >= 3)
			buf_putc(&pat, '%');
		buf_puts(&pat, key ? key : "");
		buf_putc(&pat, '%');
		db_prefix_range(area, lo, hi);
		st = prep(db, "SELECT id FROM person WHERE merged_into IS NULL AND area >= ? "
			      "AND area < ? AND name_key LIKE ? ORDER BY given_name COLLATE "
			      "\"th-TH-x-icu\", family_name COLLATE \"th-TH-x-icu\", id");
		db_bind_text(st, 1, lo, -1);
		db_bind_text(st, 2, hi, -1);
		db_bind_text(st, 3, pat.ptr, -1);
		while ((r = db_step(st, &E)) == DB_ROW)
			buf_printf(out, "%lld ", (long long)db_column_int64(st, 0));
		fin(st);
		buf_release(&pat);
		REQUIRE_OK(r);
		return out->ptr;
	}
	memset(&q, 0, sizeof(q));
	q.name_key = key;
	q.area = area;
	q.limit = limit;
	for (;;) {
		REQUIRE_OK(person_search(db, &q, &l, &E));
		for (i = 0; i < l.n; i++)
			buf_printf(out, "%lld ", (long long)l.items[i].id);
		if (l.n < (size_t)limit)
			break;
		if (how == 2)
			q.after_id = l.items[l.n - 1].id;
		else
			q.offset += (int64_t)l.n;
	}
	person_list_release(&l);
	return out->ptr;
}

static void s_check(struct db *db)
{
	static const char *const keys[] = { NULL, "สม", "เก", "ใจดี", "สมใจ", "anna", "ทองดี", "ดี" };
	static const char *const scopes[] = { "TH", "50", "5001", "500101", "56" };
	struct buf key = BUF_INIT;
	size_t i, j;
	int how;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		buf_reset(&key);
		if (keys[i])
			REQUIRE_OK(thtext_name_key(keys[i], strlen(keys[i]), &key, &E));
		for (j = 0; j < ARRAY_SIZE(scopes); j++) {
			char want[4096];

			snprintf(want, sizeof(want), "%s", s_ids(db, key.ptr, scopes[j], 0, 0));
			for (how = 1; how <= 2; how++)
				CHECK_STR(s_ids(db, keys[i] ? key.ptr : NULL, scopes[j], 4, how), want);
		}
	}
	buf_release(&key);
}

/*
 * Search results in Thai order whatever the plan (PostgreSQL's count, sort
 * or walk; SQLite's ordered index), paged by offset or keyset; people taken
 * in bulk with reserved ids; indexes dropped and made again.
 */
static void test_person_search(void)
{
	struct db *db = fresh();
	struct geo_counts g;
	struct person p[40];
	struct db_index_set idx;
	int64_t ids[40], id, indexes;
	unsigned i;
	int n;

	REQUIRE_OK(migrate_up(db, NOW, &n, &E));
	REQUIRE_OK(geo_load(db, NOW, &g, &E));
	REQUIRE_OK(db_begin(db, &E));
	for (i = 0; i < 30; i++) {
		s_person(&p[0], i);
		REQUIRE_OK(person_insert(db, &p[0], NOW, &id, &E));
		person_release(&p[0]);
	}
	REQUIRE_OK(db_commit(db, &E));
	s_check(db);

	/* Forty more in bulk, the indexes put off, the name index told at the end. */
	indexes = is_pg() ? q_int(db, "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'person' "
				    "AND schemaname = current_schema()")
			  : q_int(db, "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' "
				      "AND tbl_name = 'person'");
	REQUIRE_OK(db_begin(db, &E));
	REQUIRE_OK(person_search_bulk_begin(db, &E));
	REQUIRE_OK(db_indexes_drop(db, "person", &idx, &E));
	/* Area, households, birth date and name (and on SQLite every one but the
	 * national ID's UNIQUE autoindex, which cannot be dropped). */
	CHECK(idx.n >= 3);
	if (!is_pg())
		CHECK_INT(idx.n, indexes - 1);
	for (i = 0; i < 40; i++)
		s_person(&p[i], 100 + i);
	REQUIRE_OK(person_reserve_ids(db, 40, ids, &E));
	for (i = 1; i < 40; i++)
		CHECK(ids[i] > ids[i - 1]);
	REQUIRE_OK(person_insert_many(db, p, ids, 40, NOW, &E));
	REQUIRE_OK(db_indexes_restore(db, &idx, &E));
	REQUIRE_OK(person_search_bulk_end(db, ids[0], ids[39], false, &E));
	REQUIRE_OK(db_commit(db, &E));
	for (i = 0; i < 40; i++)
		person_release(&p[i]);
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM person"), 70);
	CHECK_INT(is_pg() ? q_int(db, "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'person' "
				    "AND schemaname = current_schema()")
			  : q_int(db, "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' "
				      "AND tbl_name = 'person'"),
		  indexes);
	s_check(db);

	/* A taken national ID fails the whole statement. */
	s_person(&p[0], 3);
	REQUIRE_OK(db_begin(db, &E));
	REQUIRE_OK(person_reserve_ids(db, 1, ids, &E));
	CHECK_INT(person_insert_many(db, p, ids, 1, NOW, &E), ERR_CONFLICT);
	db_rollback(db);
	person_release(&p[0]);

	/* SQLite: buckets of three, drawn again; the same answers. */
	if (!is_pg()) {
		exec(db, "UPDATE search_state SET bucket_size = 3");
		REQUIRE_OK(db_begin(db, &E));
		REQUIRE_OK(person_search_rebalance(db, &E));
		REQUIRE_OK(db_commit(db, &E));
		CHECK_INT(q_int(db, "SELECT COUNT(*) FROM name_bucket"), 24);
		s_check(db);
	}
}

/* The journal mode of a SQLite connection ("" on PostgreSQL). */
static const char *journal_mode(struct db *db)
{
	return is_pg() ? "" : dump(db, "PRAGMA journal_mode");
}

/*
 * Bulk writes: multi-row inserts of people, needs and import rows across
 * their statement widths (texts bound without copies), the name index
 * filled from entries the caller made, and the bulk journal (SQLite: a
 * rollback journal when no other connection is open, WAL again after;
 * PostgreSQL: nothing to do).
 */
static void test_bulk_writes(void)
{
	struct db *db = fresh();
	struct geo_counts g;
	struct import_batch b;
	struct import_row rows[300];
	struct person p[75];
	struct need nd[70];
	const char *areas[70];
	struct person_search_doc docs[75];
	struct thtext_collator coll;
	struct buf keys[75];
	char data[300][48];
	int64_t ids[75], batch;
	unsigned i;
	bool journaled = true;
	int n;

	REQUIRE_OK(migrate_up(db, NOW, &n, &E));
	REQUIRE_OK(geo_load(db, NOW, &g, &E));
	/* Outside a transaction only. */
	REQUIRE_OK(db_begin(db, &E));
	CHECK_INT(db_bulk_begin(db, true, &journaled, &E), ERR_INTERNAL);
	db_rollback(db);

	REQUIRE_OK(db_bulk_begin(db, true, &journaled, &E));
	CHECK(journaled == !is_pg());
	CHECK_STR(journal_mode(db), is_pg() ? "" : "delete");
	REQUIRE_OK(db_begin(db, &E));
	memset(&b, 0, sizeof(b));
	snprintf(b.kind, sizeof(b.kind), "persons");
	snprintf(b.policy, sizeof(b.policy), "national_id");
	snprintf(b.status, sizeof(b.status), "staged");
	snprintf(b.area, sizeof(b.area), "TH");
	snprintf(b.created_by, sizeof(b.created_by), "t");
	snprintf(b.created_at, sizeof(b.created_at), NOW);
	REQUIRE_OK(import_batch_insert(db, &b, &batch, &E));
	REQUIRE_OK(person_search_bulk_begin(db, &E));
	for (i = 0; i < 75; i++) {
		s_person(&p[i], 200 + i);
		if (i % 4 == 0)
			p[i].death = (struct date){ 2020, 12, 31 };
	}
	REQUIRE_OK(person_reserve_ids(db, 75, ids, &E));
	REQUIRE_OK(person_insert_many(db, p, ids, 75, NOW, &E)); /* 64 + 8 + 1 + 1 + 1 */
	for (i = 0; i < 70; i++) {
		memset(&nd[i], 0, sizeof(nd[i]));
		nd[i].person_id = ids[i];
		nd[i].kind = i % 2 ? NEED_WELFARE_CARD : NEED_DISABILITY;
		nd[i].disability_type = DIS_PHYSICAL;
		nd[i].observed_on = (struct date){ 2026, 11, 1 };
		snprintf(nd[i].source, sizeof(nd[i].source), "import");
		if (i % 4 == 0)
			snprintf(nd[i].card_no, sizeof(nd[i].card_no), "C%u", i);
		areas[i] = p[i].area;
	}
	REQUIRE_OK(need_insert_many(db, nd, areas, 70, "t", NOW, &E)); /* 64 + 6 */
	for (i = 0; i < 300; i++) {
		memset(&rows[i], 0, sizeof(rows[i]));
		rows[i].row_no = 2 + i;
		snprintf(rows[i].outcome, sizeof(rows[i].outcome), i % 7 ? "new" : "error");
		rows[i].person_id = i < 75 ? ids[i] : 0;
		snprintf(data[i], sizeof(data[i]), "{\"cells\":[\"%u\"],\"changed\":[]}", i);
		rows[i].data = data[i];
		rows[i].errors = i % 7 ? NULL : (char *)"[]";
	}
	REQUIRE_OK(import_row_insert_many(db, batch, rows, 300, &E)); /* 2 x 128 + 5 x 8 + 4 */
	/* The texts were the caller's only until the call returned. */
	memset(data, 'x', sizeof(data[0]));
	REQUIRE_OK(thtext_collator_open(&coll, &E));
	for (i = 0; i < 75; i++) {
		buf_init(&keys[i], 0);
		REQUIRE_OK(thtext_name_sort_key(&coll, p[i].given_name, strlen(p[i].given_name),
						p[i].family_name, strlen(p[i].family_name), &keys[i],
						&E));
		docs[74 - i].id = ids[i];
		docs[74 - i].key = keys[i].ptr;
		docs[74 - i].key_len = keys[i].len;
		docs[74 - i].name_key = p[i].name_key;
		snprintf(docs[74 - i].area, sizeof(docs[74 - i].area), "%s", p[i].area);
	}
	thtext_collator_close(&coll);
	REQUIRE_OK(person_search_bulk_end_docs(db, docs, 75, true, &E));
	REQUIRE_OK(db_commit(db, &E));
	db_bulk_end(db);
	CHECK_STR(journal_mode(db), is_pg() ? "" : "wal");
	for (i = 0; i < 75; i++) {
		buf_release(&keys[i]);
		person_release(&p[i]);
	}

	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM person"), 75);
	CHECK_STR(dump(db, "SELECT birth_date, COALESCE(death_date, 'NULL'), province FROM person "
			   "ORDER BY id LIMIT 2"),
		  "1950-01-01|2020-12-31|50,1951-01-01|NULL|56");
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM person_need"), 70);
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM person_need WHERE card_no IS NOT NULL"), 18);
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM person_need WHERE kind = 'welfare_card' "
			    "AND disability_type IS NULL AND source = 'import'"),
		  35);
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM import_row"), 300);
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM import_row WHERE errors IS NOT NULL"), 43);
	CHECK_INT(q_int(db, "SELECT COUNT(*) FROM import_row WHERE person_id IS NOT NULL"), 75);
	CHECK_STR(dump(db, "SELECT row_no, outcome, data FROM import_row WHERE row_no = 301"),
		  "301|new|{\"cells\":[\"299\"],\"changed\":[]}");
	if (!is_pg()) {
		/* The insert trigger is back, and the entries are where searches find them. */
		CHECK_INT(q_int(db, "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'trigger' "
				    "AND name = 'person_search_ins'"),
			  1);
		CHECK_INT(q_int(db, "SELECT bulk FROM search_state"), 0);
	}
	s_check(db);

	/* Another connection open: the load keeps the WAL (it would shut the other out). */
	if (!is_pg()) {
		CHECK_INT(q_int(second(), "SELECT COUNT(*) FROM person"), 75);
		REQUIRE_OK(db_bulk_begin(db, true, &journaled, &E));
		CHECK(!journaled);
		CHECK_STR(journal_mode(db), "wal");
		db_bulk_end(db);
	}
}

static void test_fault_injection(void)
{
	struct db *db = fresh();
	char *before;
	long n;
	int r = -1, failures = 0;

	exec(db, "CREATE TABLE acct (id BIGINT PRIMARY KEY, owner TEXT NOT NULL, bal BIGINT NOT NULL);"
		 "INSERT INTO acct VALUES (1, 'ก', 500), (2, 'ข', 0), (3, 'ค', 70)");
	before = xstrdup(dump(db, "SELECT id, owner, bal FROM acct ORDER BY id"));
	for (n = 1; n < 100; n++) {
		db_fail_after(db, n);
		err_init(&E);
		r = transfer(db, &E);
		db_fail_after(db, 0);
		if (r == 0)
			break;
		failures++;
		CHECK_INT(r, ERR_DB);
		CHECK(!db_in_tx(db));
		CHECK_STR(dump(db, "SELECT id, owner, bal FROM acct ORDER BY id"), before);
		CHECK_STR(dump(second(), "SELECT id, owner, bal FROM acct ORDER BY id"), before);
	}
	free(before);
	CHECK_INT(r, 0);
	/* begin, three prepares, three steps, commit: each failed once. */
	CHECK_INT(failures, 8);
	CHECK_STR(dump(db, "SELECT id, owner, bal FROM acct ORDER BY id"),
		  "1|ก|400,2|ข|0,4|กองทุนใหม่|100");
	CHECK_STR(dump(second(), "SELECT id, owner, bal FROM acct ORDER BY id"),
		  "1|ก|400,2|ข|0,4|กองทุนใหม่|100");
}

int main(int argc, char **argv)
{
	char suite[32];

	if (argc != 2) {
		fprintf(stderr, "usage: %s SQLITE-FILE | postgresql://...\n", argv[0]);
		return 2;
	}
	g_url = argv[1];
	if (!starts_with(g_url, "postgres://") && !starts_with(g_url, "postgresql://"))
		g_sqlite_path = starts_with(g_url, "sqlite:") ? g_url + strlen("sqlite:") : g_url;
	buf_init(&g_dump[0], 0);
	buf_init(&g_dump[1], 0);

	RUN(test_open);
	RUN(test_exec_and_query);
	RUN(test_int64);
	RUN(test_text);
	RUN(test_null);
	RUN(test_placeholders);
	RUN(test_changes_and_reuse);
	RUN(test_many_rows);
	RUN(test_step_list);
	RUN(test_tx_commit);
	RUN(test_tx_rollback);
	RUN(test_tx_nested);
	RUN(test_tx_failed);
	RUN(test_conflict);
	RUN(test_bad_sql);
	RUN(test_migrations);
	RUN(test_migrations_fault);
	RUN(test_thai_collation);
	RUN(test_returning);
	RUN(test_on_conflict);
	RUN(test_person_search);
	RUN(test_bulk_writes);
	RUN(test_fault_injection);

	close_all();
	if (g_sqlite_path)
		remove_sqlite_files();
	else if (db_open(g_url, &g_db, &E) == 0)
		db_exec(g_db, "DROP SCHEMA IF EXISTS " SCHEMA " CASCADE", NULL);
	db_close(g_db);
	buf_release(&g_dump[0]);
	buf_release(&g_dump[1]);
	snprintf(suite, sizeof(suite), "store-%s", g_sqlite_path ? "sqlite" : "postgres");
	return test_summary(suite);
}
