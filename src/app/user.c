/*
 * User use cases. Password hashing (argon2id via libsodium) runs outside any
 * database transaction and under the app's semaphore, so a burst of logins
 * neither holds the write lock nor exhausts memory.
 */
#include <errno.h>
#include <jansson.h>
#include <sodium.h>
#include "app/user.h"
#include "core/geo.h"
#include "store/geo.h"

/* Runs fn under a hashing slot, waiting at most 10 s for one. */
static int hash_slot_take(struct app *app, struct err *e)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 10;
	while (sem_timedwait(&app->hash_slots, &ts) != 0) {
		if (errno != EINTR)
			return err_set(e, ERR_BUSY, NULL, "ระบบไม่ว่าง กรุณาลองใหม่%s",
				       "server busy, please try again%s", "");
	}
	return 0;
}

static int password_hash(struct app *app, const char *pw, char out[crypto_pwhash_STRBYTES],
			 struct err *e)
{
	int r = hash_slot_take(app, e);

	if (r)
		return r;
	r = crypto_pwhash_str(out, pw, strlen(pw), app->pwhash_ops, app->pwhash_mem);
	sem_post(&app->hash_slots);
	if (r)
		return err_set(e, ERR_INTERNAL, NULL, "เข้ารหัสรหัสผ่านไม่ได้%s",
			       "password hashing failed%s", "");
	return 0;
}

static int password_verify(struct app *app, const char *hash, const char *pw, bool *ok,
			   struct err *e)
{
	int r = hash_slot_take(app, e);

	*ok = false;
	if (r)
		return r;
	*ok = crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
	sem_post(&app->hash_slots);
	return 0;
}

/* The audit record of a user: never the password hash. */
static char *user_json(const struct user_row *u)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)u->id,
			      "username", u->username, "display_name", u->display_name, "role",
			      u->role, "area", u->area, "disabled", u->disabled);
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(o);
	return s;
}

static int check_area_exists(struct db *db, const char *area, struct err *e)
{
	struct geo_area g;
	int r;

	if (!strcmp(area, "TH"))
		return 0;
	r = geo_area_get(db, area, &g, e);
	if (r == ERR_NOT_FOUND)
		return err_set(e, ERR_INVALID, "area", "ไม่พบพื้นที่รหัส %s", "unknown area code %s",
			       area);
	if (!r)
		geo_area_release(&g);
	return r;
}

int app_user_add(struct app *app, const struct actor *a, const char *username,
		 const char *display_name, const char *role, const char *area,
		 const char *password, int64_t *id, struct err *e)
{
	char hash[crypto_pwhash_STRBYTES], now[32];
	struct user_row u;
	enum role rl = role_parse(role);
	struct db *db;
	char *after = NULL, eid[24];
	int r;

	*id = 0;
	if ((r = user_check_name(username, e)))
		return r;
	if (!display_name || !*display_name || strlen(display_name) > 200)
		return err_set(e, ERR_INVALID, "display_name", "กรุณาระบุชื่อที่แสดง (ไม่เกิน %d ไบต์)",
			       "display name is required (at most %d bytes)", 200);
	if (rl == ROLE_NONE)
		return err_set(e, ERR_INVALID, "role", "ไม่รู้จักบทบาท '%s'", "unknown role '%s'",
			       role ? role : "");
	if ((r = role_check_scope(rl, area, e)))
		return r;
	if ((r = user_may_manage(a->role, a->area, rl, area, e)))
		return r;
	if ((r = user_check_password(password, e)))
		return r;
	db = app_db(app, e);
	if (!db)
		return ERR_DB;
	if ((r = check_area_exists(db, area, e)))
		return r;
	if ((r = password_hash(app, password, hash, e)))
		return r;

	app_iso_time(app_time(app), now);
	memset(&u, 0, sizeof(u));
	u.username = (char *)username;
	u.display_name = (char *)display_name;
	u.role = (char *)role_name(rl);
	u.area = (char *)area;
	u.password_hash = hash;
	u.lang = (char *)"th";
	u.created_at = now;
	if ((r = db_begin(db, e)))
		return r;
	r = user_insert(db, &u, id, e);
	if (r)
		goto fail;
	u.id = *id;
	after = user_json(&u);
	snprintf(eid, sizeof(eid), "%lld", (long long)*id);
	r = app_audit(app, db, a, "create", "user", eid, area, NULL, after, e);
	if (r)
		goto fail;
	r = db_commit(db, e);
	free(after);
	if (r)
		*id = 0;
	return r;
fail:
	db_rollback(db);
	free(after);
	*id = 0;
	return r;
}

/* Loads a user the actor may manage. */
static int managed_user(struct db *db, const struct actor *a, const char *username,
			struct user_row *u, struct err *e)
{
	int r = user_get_by_name(db, username, u, e);

	if (r)
		return r;
	r = user_may_manage(a->role, a->area, role_parse(u->role), u->area, e);
	if (r)
		user_row_release(u);
	return r;
}

int app_user_passwd(struct app *app, const struct actor *a, const char *username,
		    const char *password, struct err *e)
{
	char hash[crypto_pwhash_STRBYTES], now[32], eid[24];
	struct user_row u;
	struct db *db;
	int r;

	if ((r = user_check_password(password, e)))
		return r;
	db = app_db(app, e);
	if (!db)
		return ERR_DB;
	if ((r = managed_user(db, a, username, &u, e)))
		return r;
	if ((r = password_hash(app, password, hash, e)))
		goto out;
	app_iso_time(app_time(app), now);
	snprintf(eid, sizeof(eid), "%lld", (long long)u.id);
	if ((r = db_begin(db, e)))
		goto out;
	r = user_set_password(db, u.id, hash, now, e);
	if (!r)
		r = session_delete_user(db, u.id, e);
	if (!r)
		r = app_audit(app, db, a, "password", "user", eid, u.area, NULL, NULL, e);
	if (r)
		db_rollback(db);
	else
		r = db_commit(db, e);
out:
	user_row_release(&u);
	return r;
}

int app_user_disable(struct app *app, const struct actor *a, const char *username,
		     bool disabled, struct err *e)
{
	char now[32], eid[24];
	struct user_row u;
	char *before = NULL, *after = NULL;
	struct db *db = app_db(app, e);
	int r;

	if (!db)
		return ERR_DB;
	if ((r = managed_user(db, a, username, &u, e)))
		return r;
	if (a->id && a->id == u.id && disabled) {
		r = err_set(e, ERR_INVALID, "username", "ปิดบัญชีของตนเองไม่ได้%s",
			    "you cannot disable your own account%s", "");
		goto out;
	}
	app_iso_time(app_time(app), now);
	snprintf(eid, sizeof(eid), "%lld", (long long)u.id);
	before = user_json(&u);
	u.disabled = disabled;
	after = user_json(&u);
	if ((r = db_begin(db, e)))
		goto out;
	r = user_set_disabled(db, u.id, disabled, now, e);
	if (!r && disabled)
		r = session_delete_user(db, u.id, e);
	if (!r)
		r = app_audit(app, db, a, disabled ? "disable" : "enable", "user", eid, u.area,
			      before, after, e);
	if (r)
		db_rollback(db);
	else
		r = db_commit(db, e);
out:
	free(before);
	free(after);
	user_row_release(&u);
	return r;
}

int app_user_list(struct app *app, const struct actor *a, int64_t after_id, int limit,
		  struct user_row **rows, size_t *n, struct err *e)
{
	struct db *db;
	int r;

	*rows = NULL;
	*n = 0;
	if ((r = actor_check(a, PERM_USER_MANAGE, NULL, e)) &&
	    (r = actor_check(a, PERM_AUDIT_READ, NULL, e)))
		return r;
	db = app_db(app, e);
	if (!db)
		return ERR_DB;
	if (limit <= 0 || limit > 500)
		limit = 100;
	return user_list(db, a->area, after_id, limit, rows, n, e);
}

static void token_hash(const char *token, char out[65])
{
	unsigned char h[32];
	static const char hex[] = "0123456789abcdef";
	int i;

	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[64] = '\0';
}

/*
 * Verifies against a real hash when the user does not exist, so that an
 * unknown name costs as much as a wrong password and names cannot be probed.
 */
static void verify_dummy(struct app *app, const char *password)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static char dummy[crypto_pwhash_STRBYTES];
	static bool ready;
	bool ok;

	pthread_mutex_lock(&lock);
	if (!ready)
		ready = password_hash(app, "sawat-no-such-user", dummy, NULL) == 0;
	pthread_mutex_unlock(&lock);
	if (ready)
		password_verify(app, dummy, password, &ok, NULL);
}

static void fill_actor(struct actor *who, const struct user_row *u)
{
	memset(who, 0, sizeof(*who));
	who->id = u->id;
	snprintf(who->username, sizeof(who->username), "%s", u->username);
	snprintf(who->display_name, sizeof(who->display_name), "%s", u->display_name);
	who->role = role_parse(u->role);
	snprintf(who->area, sizeof(who->area), "%s", u->area);
	snprintf(who->lang, sizeof(who->lang), "%s", u->lang);
}

/* Records a login outcome with its audit entry in one transaction. */
static int record_login(struct app *app, struct db *db, const struct user_row *u, bool ok,
			const char *token, const char *kind, struct err *e)
{
	char now[32], until[32] = "", expires[32], eid[24], th[65];
	int64_t t = app_time(app), failed = ok ? 0 : u->failed_logins + 1;
	struct actor who;
	const char *action = "login";
	int r;

	app_iso_time(t, now);
	if (!ok && failed >= LOGIN_MAX_FAILURES) {
		app_iso_time(t + LOGIN_LOCK_SECONDS, until);
		failed = 0;
		action = "lock";
	} else if (!ok) {
		action = "login_failed";
	}
	fill_actor(&who, u);
	snprintf(eid, sizeof(eid), "%lld", (long long)u->id);
	if ((r = db_begin(db, e)))
		return r;
	r = user_set_login_state(db, u->id, failed, until, now, e);
	if (!r && ok) {
		token_hash(token, th);
		app_iso_time(t + SESSION_SECONDS, expires);
		r = session_insert(db, th, u->id, kind, now, expires, e);
	}
	if (!r)
		r = app_audit(app, db, &who, action, "user", eid, u->area, NULL, NULL, e);
	if (r) {
		db_rollback(db);
		return r;
	}
	return db_commit(db, e);
}

int app_login(struct app *app, const char *username, const char *password, const char *kind,
	      char token[TOKEN_LEN + 1], struct actor *who, struct err *e)
{
	struct user_row u;
	unsigned char raw[32];
	char now[32];
	struct db *db;
	bool ok = false;
	int r;

	token[0] = '\0';
	memset(who, 0, sizeof(*who));
	if (!username || !*username || !password || !*password)
		return err_set(e, ERR_INVALID, !username || !*username ? "username" : "password",
			       "กรุณากรอกชื่อผู้ใช้และรหัสผ่าน%s",
			       "username and password are required%s", "");
	if (strlen(username) > 64 || strlen(password) > 128)
		return err_set(e, ERR_UNAUTH, NULL, "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง%s",
			       "wrong username or password%s", "");
	db = app_db(app, e);
	if (!db)
		return ERR_DB;
	r = user_get_by_name(db, username, &u, e);
	if (r == ERR_NOT_FOUND) {
		verify_dummy(app, password);
		return err_set(e, ERR_UNAUTH, NULL, "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง%s",
			       "wrong username or password%s", "");
	}
	if (r)
		return r;
	app_iso_time(app_time(app), now);
	if (u.locked_until[0] && strcmp(u.locked_until, now) > 0) {
		r = err_set(e, ERR_LOCKED, NULL,
			    "บัญชีถูกระงับชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง ลองใหม่หลัง %s",
			    "account locked after repeated failures; try again after %s",
			    u.locked_until);
		goto out;
	}
	if ((r = password_verify(app, u.password_hash, password, &ok, e)))
		goto out;
	if (u.disabled)
		ok = false;
	if (ok) {
		randombytes_buf(raw, sizeof(raw));
		sodium_bin2base64(token, TOKEN_LEN + 1, raw, sizeof(raw),
				  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	}
	if (!u.disabled && (r = record_login(app, db, &u, ok, token, kind, e)))
		goto out;
	if (!ok) {
		token[0] = '\0';
		r = err_set(e, ERR_UNAUTH, NULL, "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง%s",
			    "wrong username or password%s", "");
		goto out;
	}
	fill_actor(who, &u);
out:
	user_row_release(&u);
	return r;
}

int app_session(struct app *app, const char *token, struct actor *who, struct err *e)
{
	char th[65], now[32], kind[16];
	struct user_row u;
	struct db *db;
	int r;

	memset(who, 0, sizeof(*who));
	if (!token || strlen(token) != TOKEN_LEN)
		return err_set(e, ERR_UNAUTH, NULL, "กรุณาเข้าสู่ระบบ%s", "please log in%s", "");
	db = app_db(app, e);
	if (!db)
		return ERR_DB;
	token_hash(token, th);
	app_iso_time(app_time(app), now);
	r = session_user(db, th, now, &u, kind, e);
	if (r)
		return r;
	fill_actor(who, &u);
	user_row_release(&u);
	return 0;
}

int app_logout(struct app *app, const char *token, struct err *e)
{
	char th[65];
	struct db *db = app_db(app, e);

	if (!db)
		return ERR_DB;
	if (!token || strlen(token) != TOKEN_LEN)
		return 0;
	token_hash(token, th);
	return session_delete(db, th, e);
}

int app_set_lang(struct app *app, const struct actor *a, const char *lang, struct err *e)
{
	char now[32];
	struct db *db;

	if (!lang || (strcmp(lang, "th") && strcmp(lang, "en")))
		return err_set(e, ERR_INVALID, "lang", "ภาษาต้องเป็น th หรือ en%s",
			       "language must be th or en%s", "");
	if (!a->id)
		return 0;
	db = app_db(app, e);
	if (!db)
		return ERR_DB;
	app_iso_time(app_time(app), now);
	return user_set_lang(db, a->id, lang, now, e);
}

void app_csrf_token(const char *session_token, char out[CSRF_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char h[16];
	size_t n = strlen(session_token);
	int i;

	/* The session token (43 bytes, within BLAKE2b's 16-64 byte key range) keys the hash. */
	if (n > crypto_generichash_KEYBYTES_MAX)
		n = crypto_generichash_KEYBYTES_MAX;
	crypto_generichash(h, sizeof(h), (const unsigned char *)"sawat-csrf-v1", 13,
			   (const unsigned char *)session_token, n);
	for (i = 0; i < 16; i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[CSRF_LEN] = '\0';
}

bool app_csrf_ok(const char *session_token, const char *given)
{
	char want[CSRF_LEN + 1];

	if (!session_token || !given || strlen(given) != CSRF_LEN)
		return false;
	app_csrf_token(session_token, want);
	return mem_equal_ct(want, given, CSRF_LEN);
}
