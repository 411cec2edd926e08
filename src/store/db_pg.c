/*
 * PostgreSQL driver (libpq). Statements are kept as text with '?' rewritten
 * to $1..$n (outside quotes); a step on a fresh statement sends it with
 * PQexecParams in text format and keeps the whole result, later steps walk
 * its rows. Integers travel as decimal text, so 64-bit values stay exact.
 *
 * Does not: stream huge results (use LIMIT and cursors), or prepare
 * server-side (a future optimisation: PQprepare once per connection), so
 * errors in SQL text surface at the first step, not at db_prepare. The '?'
 * rewriting knows '...' strings, "..." identifiers, -- and block comments;
 * it does not know E'...' escapes or $$ quoting, which SQLite lacks anyway.
 */
#include <libpq-fe.h>
#include <errno.h>
#include "store/db.h"
#include "lib/buf.h"

struct pg_db {
	struct db base;
	PGconn *h;
};

struct pg_stmt {
	struct db_stmt base;
	char *sql;       /* owned, with $n placeholders */
	int nparams;
	char **values;   /* owned copies, NULL for SQL NULL */
	int *lengths;
	PGresult *res;   /* owned while stepping */
	int row;         /* next row to return; -1 before execution */
	int64_t changes;
};

static const struct db_ops pg_ops;

int db_pg_open(const char *url, struct db **out, struct err *e)
{
	struct pg_db *d = xcalloc(1, sizeof(*d));
	PGresult *r;

	d->base.ops = &pg_ops;
	d->h = PQconnectdb(url);
	if (PQstatus(d->h) != CONNECTION_OK) {
		char msg[400];

		snprintf(msg, sizeof(msg), "%s", PQerrorMessage(d->h));
		msg[strcspn(msg, "\n")] = '\0';
		err_set(e, ERR_DB, "db", "เชื่อมต่อ PostgreSQL ไม่ได้: %s",
			"cannot connect to PostgreSQL: %s", msg);
		PQfinish(d->h);
		free(d);
		return ERR_DB;
	}
	r = PQexec(d->h, "SET client_min_messages = warning; SET client_encoding = 'UTF8'");
	PQclear(r);
	*out = &d->base;
	return 0;
}

static void pg_close(struct db *db)
{
	struct pg_db *d = (struct pg_db *)db;

	PQfinish(d->h);
	free(d);
}

/*
 * Integrity violations (class 23) are conflicts; serialization failures and
 * deadlocks are worth retrying. The message is the server's primary message
 * without the "ERROR:" severity, as SQLite's is.
 */
static int pg_result_err(struct pg_db *d, PGresult *r, struct err *e)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	int code = ERR_DB;
	char msg[400];

	if (state && starts_with(state, "23"))
		code = ERR_CONFLICT;
	else if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01")))
		code = ERR_BUSY;
	if (r && PQresultStatus(r) == PGRES_EMPTY_QUERY)
		primary = "no SQL statement";
	snprintf(msg, sizeof(msg), "%s",
		 primary ? primary : r ? PQresultErrorMessage(r) : PQerrorMessage(d->h));
	msg[strcspn(msg, "\n")] = '\0';
	return err_set(e, code, NULL, "ฐานข้อมูลผิดพลาด: %s", "database error: %s", msg);
}

static int pg_exec(struct db *db, const char *sql, struct err *e)
{
	struct pg_db *d = (struct pg_db *)db;
	PGresult *r = PQexec(d->h, sql);
	ExecStatusType s = PQresultStatus(r);
	int rc = 0;

	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
		rc = pg_result_err(d, r, e);
	else if (!strcmp(sql, "COMMIT") && !strcmp(PQcmdStatus(r), "ROLLBACK"))
		/* PostgreSQL answers COMMIT of a failed transaction with a
		 * successful ROLLBACK; the caller must hear that nothing was
		 * committed. */
		rc = err_set(e, ERR_DB, NULL, "ฐานข้อมูลผิดพลาด: ธุรกรรมถูกยกเลิกแล้ว ไม่ได้บันทึก",
			     "database error: the transaction had failed and was rolled back");
	PQclear(r);
	return rc;
}

/*
 * Rewrites '?' outside quotes and comments to $1, $2, ... A doubled quote
 * inside a string closes and reopens it, which leaves the state right.
 * Block comments nest in PostgreSQL; depth counts them.
 */
static char *rewrite(const char *sql, int *nparams)
{
	struct buf b = BUF_INIT;
	char quote = 0;
	const char *p;
	int n = 0, depth = 0;

	for (p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			buf_putc(&b, *p);
		} else if (depth) {
			if (p[0] == '*' && p[1] == '/') {
				depth--;
				buf_putc(&b, *p++);
			} else if (p[0] == '/' && p[1] == '*') {
				depth++;
				buf_putc(&b, *p++);
			}
			buf_putc(&b, *p);
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
			buf_putc(&b, *p);
		} else if (p[0] == '/' && p[1] == '*') {
			depth = 1;
			buf_putc(&b, *p++);
			buf_putc(&b, *p);
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				buf_putc(&b, *p++);
			if (!*p)
				break;
			buf_putc(&b, *p);
		} else if (*p == '?') {
			buf_printf(&b, "$%d", ++n);
		} else {
			buf_putc(&b, *p);
		}
	}
	*nparams = n;
	return buf_detach(&b, NULL);
}

static int pg_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
	struct pg_stmt *s = xcalloc(1, sizeof(*s));

	UNUSED(e);
	s->base.db = db;
	s->sql = rewrite(sql, &s->nparams);
	s->values = xcalloc((size_t)s->nparams + 1, sizeof(char *));
	s->lengths = xcalloc((size_t)s->nparams + 1, sizeof(int));
	s->row = -1;
	*out = &s->base;
	return 0;
}

static int set_param(struct pg_stmt *s, int i, char *v, int len)
{
	if (i < 1 || i > s->nparams) {
		free(v);
		return ERR_INTERNAL;
	}
	free(s->values[i - 1]);
	s->values[i - 1] = v;
	s->lengths[i - 1] = len;
	return 0;
}

static int pg_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof(tmp), "%lld", (long long)v);

	return set_param((struct pg_stmt *)st, i, xstrdup(tmp), n);
}

static int pg_bind_text(struct db_stmt *st, int i, const char *s, size_t n)
{
	return set_param((struct pg_stmt *)st, i, xstrndup(s, n), (int)n);
}

static int pg_bind_null(struct db_stmt *st, int i)
{
	return set_param((struct pg_stmt *)st, i, NULL, 0);
}

static int pg_step(struct db_stmt *st, struct err *e)
{
	struct pg_stmt *s = (struct pg_stmt *)st;
	struct pg_db *d = (struct pg_db *)st->db;

	if (s->row < 0) {
		ExecStatusType status;

		s->res = PQexecParams(d->h, s->sql, s->nparams, NULL,
				      (const char *const *)s->values, s->lengths, NULL, 0);
		status = PQresultStatus(s->res);
		if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
			int rc = pg_result_err(d, s->res, e);

			PQclear(s->res);
			s->res = NULL;
			return rc;
		}
		/* PQcmdTuples also counts a SELECT's rows; only writes count. */
		if (starts_with(PQcmdStatus(s->res), "INSERT") ||
		    starts_with(PQcmdStatus(s->res), "UPDATE") ||
		    starts_with(PQcmdStatus(s->res), "DELETE") ||
		    starts_with(PQcmdStatus(s->res), "MERGE"))
			s->changes = strtoll(PQcmdTuples(s->res), NULL, 10);
		else
			s->changes = 0;
		s->row = 0;
	} else if (s->row < PQntuples(s->res)) {
		s->row++;
	}
	return s->row < PQntuples(s->res) ? DB_ROW : DB_DONE;
}

static int pg_column_count(struct db_stmt *st)
{
	struct pg_stmt *s = (struct pg_stmt *)st;

	return s->res ? PQnfields(s->res) : 0;
}

static bool pg_column_null(struct db_stmt *st, int i)
{
	struct pg_stmt *s = (struct pg_stmt *)st;

	return !s->res || PQgetisnull(s->res, s->row, i);
}

static const char *pg_column_text(struct db_stmt *st, int i)
{
	struct pg_stmt *s = (struct pg_stmt *)st;

	if (!s->res || s->row < 0 || s->row >= PQntuples(s->res) || i >= PQnfields(s->res))
		return "";
	return PQgetvalue(s->res, s->row, i);
}

static int64_t pg_column_int64(struct db_stmt *st, int i)
{
	const char *v = pg_column_text(st, i);

	/* Booleans come back as t/f. */
	if (v[0] == 't' && !v[1])
		return 1;
	return strtoll(v, NULL, 10);
}

static size_t pg_column_len(struct db_stmt *st, int i)
{
	struct pg_stmt *s = (struct pg_stmt *)st;

	if (!s->res || s->row < 0 || s->row >= PQntuples(s->res))
		return 0;
	return (size_t)PQgetlength(s->res, s->row, i);
}

static void pg_reset(struct db_stmt *st)
{
	struct pg_stmt *s = (struct pg_stmt *)st;
	int i;

	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	for (i = 0; i < s->nparams; i++) {
		free(s->values[i]);
		s->values[i] = NULL;
		s->lengths[i] = 0;
	}
}

static void pg_finalize(struct db_stmt *st)
{
	struct pg_stmt *s = (struct pg_stmt *)st;

	pg_reset(st);
	free(s->values);
	free(s->lengths);
	free(s->sql);
	free(s);
}

static int64_t pg_changes(struct db_stmt *st)
{
	return ((struct pg_stmt *)st)->changes;
}

static const struct db_ops pg_ops = {
	.name = "postgres",
	.exec = pg_exec,
	.prepare = pg_prepare,
	.bind_int64 = pg_bind_int64,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.column_count = pg_column_count,
	.column_null = pg_column_null,
	.column_int64 = pg_column_int64,
	.column_text = pg_column_text,
	.column_len = pg_column_len,
	.reset = pg_reset,
	.finalize = pg_finalize,
	.changes = pg_changes,
	.close = pg_close,
};
