/*
 * Use-case tests on a real SQLite database: users, logins and lock-out,
 * sessions and CSRF, the audit chain and its tamper detection, villages,
 * area visibility, and rollback under injected faults.
 */
#include <sodium.h>
#include <unistd.h>
#include "test.h"
#include "app/audit.h"
#include "app/geo.h"
#include "app/user.h"

static struct app app;
static struct actor sys;
static char path[64];

/* path + suffix in a static buffer (for the WAL and shared-memory files). */
static const char *arena_free_path(const char *base, const char *suffix)
{
	static char buf[80];

	snprintf(buf, sizeof(buf), "%s%s", base, suffix);
	return buf;
}

static void setup(void)
{
	struct geo_counts g;
	struct err e;
	int applied;

	snprintf(path, sizeof(path), "/tmp/sawat-t-app-%d.db", (int)getpid());
	unlink(path);
	REQUIRE(app_init(&app, path, &e) == 0);
	/* Cheap hashing for unit tests; the HTTP tests use the real cost. */
	app.pwhash_ops = crypto_pwhash_OPSLIMIT_MIN;
	app.pwhash_mem = crypto_pwhash_MEMLIMIT_MIN;
	REQUIRE(app_setup(&app, &applied, &g, &e) == 0);
	CHECK(applied >= 3);
	CHECK_INT(g.provinces, 77);
	actor_system(&sys);
}

static int add(const char *name, const char *role, const char *area)
{
	struct err e;
	int64_t id;

	return app_user_add(&app, &sys, name, name, role, area, "a-good-password", &id, &e);
}

static int64_t audit_count(void)
{
	struct audit_verify v;
	struct err e;

	app_verify_audit(&app, &sys, &v, &e);
	return v.checked;
}

static void test_setup_idempotent(void)
{
	struct geo_counts g;
	struct err e;
	int applied;

	REQUIRE(app_setup(&app, &applied, &g, &e) == 0);
	CHECK_INT(applied, 0);
	CHECK_INT(g.inserted, 0);
}

static void test_user_add(void)
{
	struct err e;
	int64_t id, n0 = audit_count();

	CHECK_INT(add("cmo", "province_officer", "50"), 0);
	CHECK_INT(add("pyo", "province_officer", "56"), 0);
	CHECK_INT(audit_count(), n0 + 2);
	CHECK_INT(add("cmo", "volunteer", "500101"), ERR_CONFLICT);
	CHECK_INT(add("bad", "volunteer", "509999"), ERR_INVALID);
	CHECK_INT(app_user_add(&app, &sys, "weak", "w", "volunteer", "500101", "123", &id, &e),
		  ERR_INVALID);
	CHECK_STR(e.field, "password");
	CHECK_INT(audit_count(), n0 + 2);
}

static void test_manage_scope(void)
{
	struct actor cm;
	char token[TOKEN_LEN + 1];
	struct err e;
	int64_t id;

	REQUIRE(app_login(&app, "cmo", "a-good-password", "api", token, &cm, &e) == 0);
	CHECK_INT(cm.role, ROLE_PROVINCE_OFFICER);
	CHECK_INT(app_user_add(&app, &cm, "cmvol", "v", "volunteer", "50010101", "a-good-password",
			       &id, &e),
		  ERR_INVALID); /* the village does not exist yet */
	CHECK_INT(app_user_add(&app, &cm, "cmvol", "v", "volunteer", "500101", "a-good-password",
			       &id, &e),
		  0);
	CHECK_INT(app_user_add(&app, &cm, "pyvol", "v", "volunteer", "560101", "a-good-password",
			       &id, &e),
		  ERR_FORBIDDEN);
	CHECK_INT(app_user_disable(&app, &cm, "pyo", true, &e), ERR_FORBIDDEN);
	CHECK_INT(app_user_passwd(&app, &cm, "pyo", "another-password", &e), ERR_FORBIDDEN);
}

static void test_login_lockout(void)
{
	char token[TOKEN_LEN + 1];
	struct actor who;
	struct err e;
	int i;

	CHECK_INT(add("locky", "volunteer", "500101"), 0);
	for (i = 0; i < LOGIN_MAX_FAILURES; i++)
		CHECK_INT(app_login(&app, "locky", "wrong-password", "api", token, &who, &e),
			  ERR_UNAUTH);
	CHECK_INT(app_login(&app, "locky", "a-good-password", "api", token, &who, &e), ERR_LOCKED);
	CHECK_STR(token, "");
	/* After the lock-out time the right password works again. */
	app.clock_offset = LOGIN_LOCK_SECONDS + 1;
	CHECK_INT(app_login(&app, "locky", "a-good-password", "api", token, &who, &e), 0);
	app.clock_offset = 0;
	CHECK_INT(app_login(&app, "nobody", "a-good-password", "api", token, &who, &e), ERR_UNAUTH);
	CHECK_INT(app_login(&app, "locky", "", "api", token, &who, &e), ERR_INVALID);
}

static void test_sessions(void)
{
	char token[TOKEN_LEN + 1], csrf[CSRF_LEN + 1];
	struct actor who, s;
	struct err e;

	REQUIRE(app_login(&app, "cmo", "a-good-password", "cookie", token, &who, &e) == 0);
	CHECK_INT(strlen(token), TOKEN_LEN);
	CHECK_INT(app_session(&app, token, &s, &e), 0);
	CHECK_STR(s.username, "cmo");
	CHECK_STR(s.area, "50");
	app_csrf_token(token, csrf);
	CHECK(app_csrf_ok(token, csrf));
	csrf[0] = csrf[0] == 'a' ? 'b' : 'a';
	CHECK(!app_csrf_ok(token, csrf));
	CHECK(!app_csrf_ok(token, NULL));
	/* Expiry. */
	app.clock_offset = SESSION_SECONDS + 1;
	CHECK_INT(app_session(&app, token, &s, &e), ERR_UNAUTH);
	app.clock_offset = 0;
	CHECK_INT(app_session(&app, token, &s, &e), 0);
	/* Disabling a user ends their sessions; a new password too. */
	CHECK_INT(app_user_disable(&app, &sys, "cmo", true, &e), 0);
	CHECK_INT(app_session(&app, token, &s, &e), ERR_UNAUTH);
	CHECK_INT(app_login(&app, "cmo", "a-good-password", "cookie", token, &who, &e), ERR_UNAUTH);
	CHECK_INT(app_user_disable(&app, &sys, "cmo", false, &e), 0);
	REQUIRE(app_login(&app, "cmo", "a-good-password", "cookie", token, &who, &e) == 0);
	CHECK_INT(app_user_passwd(&app, &sys, "cmo", "a-good-password", &e), 0);
	CHECK_INT(app_session(&app, token, &s, &e), ERR_UNAUTH);
	CHECK_INT(app_session(&app, "short", &s, &e), ERR_UNAUTH);
	REQUIRE(app_login(&app, "cmo", "a-good-password", "cookie", token, &who, &e) == 0);
	CHECK_INT(app_logout(&app, token, &e), 0);
	CHECK_INT(app_session(&app, token, &s, &e), ERR_UNAUTH);
}

static void test_visibility(void)
{
	struct geo_area_list l = GEO_AREA_LIST_INIT;
	struct actor cm;
	struct geo_area g;
	struct err e;

	memset(&cm, 0, sizeof(cm));
	cm.role = ROLE_PROVINCE_OFFICER;
	snprintf(cm.area, sizeof(cm.area), "50");
	CHECK_INT(app_area_get(&app, &cm, "5001", &g, &e), 0);
	geo_area_release(&g);
	CHECK_INT(app_area_get(&app, &cm, "56", &g, &e), ERR_FORBIDDEN);
	CHECK_INT(app_area_get(&app, &cm, "TH", &g, &e), 0);
	geo_area_release(&g);
	CHECK_INT(app_area_children(&app, &cm, "TH", GEO_ORDER_CODE, &l, &e), 0);
	CHECK_INT(l.n, 1);
	CHECK_STR(l.items[0].code, "50");
	geo_area_list_release(&l);
	CHECK_INT(app_area_get(&app, &cm, "5X", &g, &e), ERR_INVALID);
}

static void test_villages(void)
{
	char code[GEO_CODE_SIZE];
	struct actor vol;
	struct err e;
	int64_t n0 = audit_count();

	CHECK_INT(app_village_add(&app, &sys, "500101", 0, "บ้านทดสอบ", NULL, code, &e), 0);
	CHECK_STR(code, "50010101");
	CHECK_INT(audit_count(), n0 + 1);
	memset(&vol, 0, sizeof(vol));
	vol.role = ROLE_VOLUNTEER;
	snprintf(vol.area, sizeof(vol.area), "500101");
	CHECK_INT(app_village_add(&app, &vol, "500101", 0, "บ้านอื่น", NULL, code, &e), ERR_FORBIDDEN);
	CHECK_INT(app_village_add(&app, &sys, "5001", 0, "บ้านอื่น", NULL, code, &e), ERR_INVALID);
	CHECK_INT(app_village_add(&app, &sys, "509999", 0, "บ้านอื่น", NULL, code, &e), ERR_NOT_FOUND);
	CHECK_INT(audit_count(), n0 + 1);
}

/* Every database operation of a use case fails in turn: nothing half-written. */
static void test_fault_injection(void)
{
	struct db *db;
	struct err e;
	int64_t users0, users1, id;
	long n;
	int ok = 0;

	db = app_db(&app, &e);
	REQUIRE(db);
	for (n = 1; n < 40 && !ok; n++) {
		char name[32];
		int64_t audit0 = audit_count();

		snprintf(name, sizeof(name), "fault%ld", n);
		db_query_int64(db, "SELECT COUNT(*) FROM app_user", &users0, &e);
		db_fail_after(db, n);
		ok = app_user_add(&app, &sys, name, name, "volunteer", "500101", "a-good-password",
				  &id, &e) == 0;
		db_fail_after(db, 0);
		db_query_int64(db, "SELECT COUNT(*) FROM app_user", &users1, &e);
		CHECK_INT(users1, users0 + (ok ? 1 : 0));
		CHECK_INT(audit_count(), audit0 + (ok ? 1 : 0));
		CHECK(!db_in_tx(db));
	}
	CHECK(ok);
	CHECK(n > 3);
}

static void test_audit_tamper(void)
{
	struct audit_verify v;
	struct db *db;
	struct err e;

	REQUIRE(app_verify_audit(&app, &sys, &v, &e) == 0);
	CHECK_INT(v.broken_seq, 0);
	CHECK(v.checked > 5);
	db = app_db(&app, &e);
	REQUIRE(db_exec(db, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3", &e) == 0);
	REQUIRE(app_verify_audit(&app, &sys, &v, &e) == 0);
	CHECK_INT(v.broken_seq, 3);
	CHECK(strstr(v.reason, "changed") != NULL);
	REQUIRE(db_exec(db, "UPDATE audit_log SET actor = 'system' WHERE seq = 3", &e) == 0);
	REQUIRE(app_verify_audit(&app, &sys, &v, &e) == 0);
	CHECK_INT(v.broken_seq, 0);
	/* Removing the last entry is caught by the head. */
	REQUIRE(db_exec(db, "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)",
			&e) == 0);
	REQUIRE(app_verify_audit(&app, &sys, &v, &e) == 0);
	CHECK(v.broken_seq > 0);
	/* Removing one in the middle too. */
	REQUIRE(db_exec(db, "DELETE FROM audit_log WHERE seq = 2", &e) == 0);
	REQUIRE(app_verify_audit(&app, &sys, &v, &e) == 0);
	CHECK_INT(v.broken_seq, 2);
}

int main(void)
{
	setup();
	RUN(test_setup_idempotent);
	RUN(test_user_add);
	RUN(test_manage_scope);
	RUN(test_login_lockout);
	RUN(test_sessions);
	RUN(test_visibility);
	RUN(test_villages);
	RUN(test_fault_injection);
	RUN(test_audit_tamper);
	app_release(&app);
	unlink(path);
	unlink(arena_free_path(path, "-wal"));
	unlink(arena_free_path(path, "-shm"));
	return test_summary("app");
}
