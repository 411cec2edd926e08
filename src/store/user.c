/*
 * SQL for users and sessions. Session rows keep only a hash of the token, so
 * a copy of the database does not hand out live sessions.
 */
#include "store/user.h"

#define USER_COLS                                                                  \
	"id, username, display_name, role, area, password_hash, disabled, failed_logins, " \
	"COALESCE(locked_until, ''), lang, created_at, updated_at"

void user_row_release(struct user_row *u)
{
	free(u->username);
	free(u->display_name);
	free(u->role);
	free(u->area);
	free(u->password_hash);
	free(u->locked_until);
	free(u->lang);
	free(u->created_at);
	free(u->updated_at);
	memset(u, 0, sizeof(*u));
}

void user_rows_free(struct user_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		user_row_release(&rows[i]);
	free(rows);
}

static void read_row(struct db_stmt *st, int c, struct user_row *u)
{
	u->id = db_column_int64(st, c + 0);
	u->username = xstrdup(db_column_text(st, c + 1));
	u->display_name = xstrdup(db_column_text(st, c + 2));
	u->role = xstrdup(db_column_text(st, c + 3));
	u->area = xstrdup(db_column_text(st, c + 4));
	u->password_hash = xstrdup(db_column_text(st, c + 5));
	u->disabled = db_column_int64(st, c + 6) != 0;
	u->failed_logins = db_column_int64(st, c + 7);
	u->locked_until = xstrdup(db_column_text(st, c + 8));
	u->lang = xstrdup(db_column_text(st, c + 9));
	u->created_at = xstrdup(db_column_text(st, c + 10));
	u->updated_at = xstrdup(db_column_text(st, c + 11));
}

int user_insert(struct db *db, const struct user_row *u, int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	*id = 0;
	r = db_prepare(db,
		       "INSERT INTO app_user (username, display_name, role, area, password_hash, "
		       "disabled, failed_logins, lang, created_at, updated_at) "
		       "VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?) RETURNING id",
		       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, u->username, -1);
	db_bind_text(st, 2, u->display_name, -1);
	db_bind_text(st, 3, u->role, -1);
	db_bind_text(st, 4, u->area, -1);
	db_bind_text(st, 5, u->password_hash, -1);
	db_bind_int64(st, 6, u->disabled);
	db_bind_text(st, 7, u->lang && *u->lang ? u->lang : "th", -1);
	db_bind_text(st, 8, u->created_at, -1);
	db_bind_text(st, 9, u->created_at, -1);
	r = db_step(st, e);
	if (r == DB_ROW) {
		*id = db_column_int64(st, 0);
		r = 0;
	} else if (r == ERR_CONFLICT) {
		err_set(e, ERR_CONFLICT, "username", "มีชื่อผู้ใช้ '%s' อยู่แล้ว",
			"username '%s' is taken", u->username);
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_DB, NULL, "บันทึกผู้ใช้ไม่สำเร็จ%s", "user insert returned no id%s", "");
	}
	db_finalize(st);
	return r;
}

static int get_one(struct db *db, const char *sql, const char *text, int64_t num,
		   struct user_row *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	r = db_prepare(db, sql, &st, e);
	if (r)
		return r;
	if (text)
		db_bind_text(st, 1, text, -1);
	else
		db_bind_int64(st, 1, num);
	r = db_step(st, e);
	if (r == DB_ROW) {
		read_row(st, 0, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "username", "ไม่พบผู้ใช้ %s", "user %s not found",
			    text ? text : "");
	}
	db_finalize(st);
	return r;
}

int user_get_by_name(struct db *db, const char *username, struct user_row *out, struct err *e)
{
	return get_one(db, "SELECT " USER_COLS " FROM app_user WHERE username = ?", username, 0,
		       out, e);
}

int user_get(struct db *db, int64_t id, struct user_row *out, struct err *e)
{
	return get_one(db, "SELECT " USER_COLS " FROM app_user WHERE id = ?", NULL, id, out, e);
}

int user_set_login_state(struct db *db, int64_t id, int64_t failed, const char *locked_until,
			 const char *now, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "UPDATE app_user SET failed_logins = ?, locked_until = ?, updated_at = ? "
			   "WHERE id = ?",
			   &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, failed);
	db_bind_text_or_null(st, 2, locked_until && *locked_until ? locked_until : NULL);
	db_bind_text(st, 3, now, -1);
	db_bind_int64(st, 4, id);
	return db_step_changed(st, "ผู้ใช้", "user", e);
}

int user_set_password(struct db *db, int64_t id, const char *hash, const char *now,
		      struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "UPDATE app_user SET password_hash = ?, failed_logins = 0, "
			   "locked_until = NULL, updated_at = ? WHERE id = ?",
			   &st, e);

	if (r)
		return r;
	db_bind_text(st, 1, hash, -1);
	db_bind_text(st, 2, now, -1);
	db_bind_int64(st, 3, id);
	return db_step_changed(st, "ผู้ใช้", "user", e);
}

int user_set_disabled(struct db *db, int64_t id, bool disabled, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, "UPDATE app_user SET disabled = ?, updated_at = ? WHERE id = ?", &st,
			   e);

	if (r)
		return r;
	db_bind_int64(st, 1, disabled);
	db_bind_text(st, 2, now, -1);
	db_bind_int64(st, 3, id);
	return db_step_changed(st, "ผู้ใช้", "user", e);
}

int user_set_lang(struct db *db, int64_t id, const char *lang, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, "UPDATE app_user SET lang = ?, updated_at = ? WHERE id = ?", &st, e);

	if (r)
		return r;
	db_bind_text(st, 1, lang, -1);
	db_bind_text(st, 2, now, -1);
	db_bind_int64(st, 3, id);
	return db_step_changed(st, "ผู้ใช้", "user", e);
}

int user_list(struct db *db, const char *prefix, int64_t after_id, int limit,
	      struct user_row **rows, size_t *n, struct err *e)
{
	struct db_stmt *st;
	struct user_row *v = NULL;
	size_t len = 0, cap = 0;
	char lo[16], hi[16];
	int r;

	*rows = NULL;
	*n = 0;
	db_prefix_range(prefix, lo, hi);
	r = db_prepare(db,
		       "SELECT " USER_COLS " FROM app_user WHERE area >= ? AND area < ? AND id > ? "
		       "ORDER BY id LIMIT ?",
		       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	db_bind_int64(st, 3, after_id);
	db_bind_int64(st, 4, limit);
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(v, len + 1, cap);
		read_row(st, 0, &v[len++]);
	}
	db_finalize(st);
	if (r < 0) {
		user_rows_free(v, len);
		return r;
	}
	*rows = v;
	*n = len;
	return 0;
}

int user_count(struct db *db, const char *prefix, int64_t *n, struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	*n = 0;
	db_prefix_range(prefix, lo, hi);
	r = db_prepare(db, "SELECT COUNT(*) FROM app_user WHERE area >= ? AND area < ?", &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	r = db_step(st, e);
	if (r == DB_ROW)
		*n = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int session_insert(struct db *db, const char *token_hash, int64_t user_id, const char *kind,
		   const char *now, const char *expires, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "INSERT INTO session (token_hash, user_id, kind, created_at, expires_at) "
			   "VALUES (?, ?, ?, ?, ?)",
			   &st, e);

	if (r)
		return r;
	db_bind_text(st, 1, token_hash, -1);
	db_bind_int64(st, 2, user_id);
	db_bind_text(st, 3, kind, -1);
	db_bind_text(st, 4, now, -1);
	db_bind_text(st, 5, expires, -1);
	r = db_step(st, e);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int session_user(struct db *db, const char *token_hash, const char *now, struct user_row *out,
		 char kind[16], struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	r = db_prepare(db,
		       "SELECT s.kind, u.id, u.username, u.display_name, u.role, u.area, "
		       "u.password_hash, u.disabled, u.failed_logins, COALESCE(u.locked_until, ''), "
		       "u.lang, u.created_at, u.updated_at FROM session s "
		       "JOIN app_user u ON u.id = s.user_id "
		       "WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0",
		       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, token_hash, -1);
	db_bind_text(st, 2, now, -1);
	r = db_step(st, e);
	if (r == DB_ROW) {
		snprintf(kind, 16, "%s", db_column_text(st, 0));
		read_row(st, 1, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_UNAUTH, NULL, "กรุณาเข้าสู่ระบบ%s", "please log in%s", "");
	}
	db_finalize(st);
	return r;
}

static int delete_by(struct db *db, const char *sql, const char *text, int64_t num,
		     struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, sql, &st, e);

	if (r)
		return r;
	if (text)
		db_bind_text(st, 1, text, -1);
	else
		db_bind_int64(st, 1, num);
	r = db_step(st, e);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int session_delete(struct db *db, const char *token_hash, struct err *e)
{
	return delete_by(db, "DELETE FROM session WHERE token_hash = ?", token_hash, 0, e);
}

int session_delete_user(struct db *db, int64_t user_id, struct err *e)
{
	return delete_by(db, "DELETE FROM session WHERE user_id = ?", NULL, user_id, e);
}

int session_purge(struct db *db, const char *now, struct err *e)
{
	return delete_by(db, "DELETE FROM session WHERE expires_at <= ?", now, 0, e);
}
