/*
 * The thin database interface: open, prepare, bind, step, read columns,
 * transactions. Two drivers sit behind it (db_sqlite.c, db_pg.c); only
 * main.c and tests pick one, through db_open's URL:
 *
 *     file path or "sqlite:PATH"       SQLite (WAL, foreign keys on, Thai collation)
 *     "postgres://..." / "postgresql://..."   PostgreSQL via libpq
 *
 * SQL is written once in the subset both accept, with '?' placeholders
 * (numbered $n for PostgreSQL by this layer) and the Thai collation spelled
 * COLLATE "th-TH-x-icu" (PostgreSQL's ICU name; the SQLite driver registers a
 * collation of that name). Migrations may use the macros in migrate.c.
 *
 * A struct db is one connection and is used by one thread at a time.
 * Statements belong to their db and must be finalized before db_close.
 *
 * Fault injection: db_fail_after(db, n) makes the n-th next operation
 * (prepare, step, exec, begin, commit) fail with ERR_DB, to prove that every
 * failure rolls back cleanly.
 *
 * Both drivers behave alike where the engines differ (tests/store/t_store.c
 * is the contract): db_prepare takes exactly one statement; a finished
 * statement keeps returning DB_DONE until db_reset; db_changes is 0 for
 * anything but INSERT, UPDATE and DELETE; an error inside a transaction
 * dooms it, so db_commit then fails and rolls back.
 */
#ifndef SAWAT_DB_H
#define SAWAT_DB_H

#include "lib/err.h"

struct db;
struct db_stmt;

enum db_step_result { DB_DONE = 0, DB_ROW = 1 };

/* Opens a connection; *out is NULL on failure. */
int db_open(const char *url, struct db **out, struct err *e);
void db_close(struct db *db);
/* "sqlite" or "postgres". */
const char *db_driver(const struct db *db);

/* Runs one or more statements without results (no placeholders). The
 * statements may run even when a later one fails; use a transaction to make
 * them all or nothing. */
int db_exec(struct db *db, const char *sql, struct err *e);

/* Compiles one statement (trailing ';' and comments allowed); *out is NULL
 * on failure. The PostgreSQL driver checks the SQL only at the first step, so
 * callers handle bad SQL from either call. Free *out with db_finalize. */
int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e);
/* Parameters are numbered from 1. Text is copied; len -1 means strlen. */
int db_bind_int64(struct db_stmt *st, int i, int64_t v);
int db_bind_text(struct db_stmt *st, int i, const char *s, long len);
/*
 * Binds s without copying it (SQLite; PostgreSQL copies anyway): s must stay
 * valid and unchanged until the statement is reset or finalized. For bulk
 * loads, whose rows sit in memory until they are written; a copy per value
 * was a tenth of the writer's time.
 */
int db_bind_text_static(struct db_stmt *st, int i, const char *s, long len);
int db_bind_null(struct db_stmt *st, int i);
/* Binds s, or NULL when s is NULL. */
int db_bind_text_or_null(struct db_stmt *st, int i, const char *s);
/* Returns DB_ROW, DB_DONE or a negative error code: ERR_CONFLICT for a
 * constraint violation, ERR_BUSY when the database is locked or the
 * transaction lost a serialization race, ERR_DB otherwise (the engine's
 * message in e). After DB_DONE further steps return DB_DONE until db_reset;
 * after an error the next step runs the statement again. */
int db_step(struct db_stmt *st, struct err *e);
/* Columns are numbered from 0; valid until the next step/reset/finalize.
 * The column count is known once db_step has run (the PostgreSQL driver
 * learns it from the result), and stays known after DB_DONE. */
int db_column_count(struct db_stmt *st);
bool db_column_null(struct db_stmt *st, int i);
int64_t db_column_int64(struct db_stmt *st, int i);
/* Never NULL: a NULL column reads as "". */
const char *db_column_text(struct db_stmt *st, int i);
size_t db_column_len(struct db_stmt *st, int i);
/* Makes the statement ready to run again; bindings are cleared. */
void db_reset(struct db_stmt *st);
void db_finalize(struct db_stmt *st);
/* Rows changed by the last completed run of st when it is an INSERT, UPDATE
 * or DELETE (rows of ON CONFLICT DO NOTHING that were skipped do not count);
 * 0 for other statements. Read it after DB_DONE. */
int64_t db_changes(struct db_stmt *st);

/* Transactions. db_begin takes the write lock at once (SQLite BEGIN IMMEDIATE)
 * and refuses to nest (ERR_INTERNAL). db_commit fails with ERR_INTERNAL when
 * no transaction is open; when the commit fails, or an earlier operation in
 * the transaction failed, it rolls back and returns the error, so the
 * transaction is over either way. */
int db_begin(struct db *db, struct err *e);
int db_commit(struct db *db, struct err *e);
/* Never fails from the caller's view; safe to call when no transaction is open. */
void db_rollback(struct db *db);
bool db_in_tx(const struct db *db);

/*
 * Steps a statement that changes rows (UPDATE, DELETE) and finalizes it.
 * Returns 0, the step's error, or ERR_NOT_FOUND ("<what> not found", in
 * both languages) when it changed no row.
 */
int db_step_changed(struct db_stmt *st, const char *what_th, const char *what_en,
		    struct err *e);

/* Steps a statement that returns no rows, or ends with the one row of an
 * INSERT ... RETURNING id (*id gets it), and finalizes it. Returns 0 or the
 * step's error; db_step_id fails with ERR_INTERNAL when no id came back. */
int db_step_done(struct db_stmt *st, struct err *e);
int db_step_id(struct db_stmt *st, int64_t *id, struct err *e);

/*
 * Steps a query to its end, appending one item per row to a list, and
 * finalizes it: for each row a zeroed item is added and read(st, item)
 * fills it from the row's columns. Call it as DB_STEP_LIST(st, list, read,
 * e) for any struct { T *items; size_t n, cap; } (DECLARE_LIST, GRANT_LIST
 * and the like) of plain items (no pointers they own); the list grows as
 * ALLOC_GROW grows it. Returns 0 or the step's error; on error the list is
 * as it was before the call (its memory freed when it was empty).
 */
int db_step_list(struct db_stmt *st, void *items, size_t *n, size_t *cap, size_t size,
		 void (*read)(struct db_stmt *st, void *item), struct err *e);
#define DB_STEP_LIST(st, list, read, e)                                                        \
	db_step_list((st), &(list)->items, &(list)->n, &(list)->cap, sizeof(*(list)->items),     \
		     (read), (e))

/*
 * Prepares sql, binds id to its one placeholder and steps it into a list as
 * db_step_list does: the whole of a reader "the X of this Y".
 */
int db_list_by_id(struct db *db, const char *sql, int64_t id, void *items, size_t *n,
		  size_t *cap, size_t size, void (*read)(struct db_stmt *st, void *item),
		  struct err *e);
#define DB_LIST_BY_ID(db, sql, id, list, read, e)                                              \
	db_list_by_id((db), (sql), (id), &(list)->items, &(list)->n, &(list)->cap,              \
		      sizeof(*(list)->items), (read), (e))

/* Convenience: runs sql (no placeholders) and reads the first column of its
 * first row as int64; ERR_NOT_FOUND when there is no row. */
int db_query_int64(struct db *db, const char *sql, int64_t *out, struct err *e);

/*
 * Bulk loads into a table much smaller than the load itself build its
 * secondary indexes once at the end (a sort) instead of inserting into
 * every one per row. db_indexes_drop saves the definition of each index of
 * table that no constraint needs (the primary key and UNIQUE columns stay)
 * into *saved and drops it; db_indexes_restore creates them again and
 * empties *saved. Both belong inside the caller's transaction, so a load
 * that fails leaves the indexes as they were. On PostgreSQL the drop locks
 * the table against readers until commit.
 */
struct db_index_set {
	char **sql;              /* owned CREATE INDEX statements */
	size_t n;
};
int db_indexes_drop(struct db *db, const char *table, struct db_index_set *saved, struct err *e);
int db_indexes_restore(struct db *db, struct db_index_set *saved, struct err *e);
void db_index_set_release(struct db_index_set *s);

/*
 * Bulk loads (SQLite; both are no-ops on PostgreSQL). db_bulk_begin, called
 * outside a transaction, sizes the page cache at 256 MiB, so that index
 * inserts landing all over their B-trees find their pages in memory (a
 * commit of 100,000 people into an indexed table took 47 µs a row with
 * SQLite's default 2 MiB, 16 with this); the cache is memory the load may
 * use, not memory it takes. With journal, it also trades the WAL for a
 * rollback journal (synchronous FULL) when no other connection has the
 * database open, so that the load's pages are written once instead of to
 * the WAL and again by the checkpoint (a quarter of a million-person load's
 * time; docs/decisions.md 47): new pages need no journal, and a failure or
 * crash still rolls the whole transaction back. Other connections cannot
 * read the database until db_bulk_end (a server that tries waits for its
 * busy timeout), which is why it is only taken when nobody else has the
 * database open; otherwise the load runs in WAL mode, slower. *journaled
 * (may be NULL) says which. db_bulk_end, after the commit or rollback, puts
 * the connection back (WAL, synchronous NORMAL, a 16 MiB cache); it never
 * fails, and the next connection to open the file sets WAL mode anyway.
 */
int db_bulk_begin(struct db *db, bool journal, bool *journaled, struct err *e);
void db_bulk_end(struct db *db);

/* Makes the n-th next operation fail (see above); 0 turns injection off. */
void db_fail_after(struct db *db, long n);

/* ---- for drivers only ---- */
struct db_ops {
	const char *name;
	int (*exec)(struct db *, const char *, struct err *);
	int (*prepare)(struct db *, const char *, struct db_stmt **, struct err *);
	int (*bind_int64)(struct db_stmt *, int, int64_t);
	int (*bind_text)(struct db_stmt *, int, const char *, size_t);
	int (*bind_text_static)(struct db_stmt *, int, const char *, size_t); /* NULL: bind_text */
	int (*bind_null)(struct db_stmt *, int);
	int (*step)(struct db_stmt *, struct err *);
	int (*column_count)(struct db_stmt *);
	bool (*column_null)(struct db_stmt *, int);
	int64_t (*column_int64)(struct db_stmt *, int);
	const char *(*column_text)(struct db_stmt *, int);
	size_t (*column_len)(struct db_stmt *, int);
	void (*reset)(struct db_stmt *);
	void (*finalize)(struct db_stmt *);
	int64_t (*changes)(struct db_stmt *);
	void (*close)(struct db *);
	int (*bulk_begin)(struct db *, bool, bool *, struct err *); /* NULL: nothing to do */
	void (*bulk_end)(struct db *);
};

/*
 * Prepared statements are cached per connection, keyed by their SQL text:
 * db_prepare hands out an idle cached statement for the same text, and
 * db_finalize resets a cached one and returns it to the cache instead of
 * freeing it. Callers see no difference, except that repeated statements
 * skip the SQL parser (the hot path of every request: the session lookup).
 */
#define DB_STMT_CACHE 64

struct db_cached {
	uint64_t hash;        /* of sql, for a quick mismatch */
	char *sql;            /* owned; NULL for a free slot */
	struct db_stmt *st;   /* owned by the cache */
	bool busy;            /* handed out and not yet finalized */
};

struct db {
	const struct db_ops *ops;
	struct db_cached cache[DB_STMT_CACHE];
	long fail_after; /* 0: no fault injection */
	int tx_depth;
	bool tx_failed; /* an operation failed inside the open transaction */
};

struct db_stmt {
	struct db *db;
	int slot; /* 1 + its index in db->cache, or 0 when not cached */
};

int db_sqlite_open(const char *path, struct db **out, struct err *e);
int db_pg_open(const char *url, struct db **out, struct err *e);

/*
 * Area-prefix ranges. Records carry DOPA area codes, and "inside area P" is
 * code >= lo AND code < hi, which any B-tree index answers. "TH" (or "")
 * gives the whole range. lo and hi must hold 16 bytes.
 */
void db_prefix_range(const char *prefix, char lo[16], char hi[16]);

/* Dates as ISO text: a zero date (y == 0) binds NULL, and NULL or anything
 * that is not YYYY-MM-DD reads as the zero date. */
struct date;
int db_bind_date(struct db_stmt *st, int i, struct date d);
void db_column_date(struct db_stmt *st, int i, struct date *out);
/* Copies a text column into a fixed array (truncating at a UTF-8 boundary). */
void db_column_copy(struct db_stmt *st, int i, char *dst, size_t size);

#endif
