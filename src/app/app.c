/*
 * Process context: per-thread database connections, the clock, and the
 * semaphore that bounds concurrent password hashing (argon2id takes 64 MiB
 * and tens of milliseconds each; unbounded, a burst of logins could exhaust
 * memory).
 */
#include <sodium.h>
#include <unistd.h>
#include "app/app.h"
#include "app/fund.h"
#include "core/geo.h"

static void close_db(void *p)
{
	db_close(p);
}

int app_init(struct app *app, const char *db_url, struct err *e)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	memset(app, 0, sizeof(*app));
	if (sodium_init() < 0)
		return err_set(e, ERR_INTERNAL, NULL, "เริ่ม libsodium ไม่ได้%s",
			       "libsodium failed to start%s", "");
	app->db_url = xstrdup(db_url);
	/* Modules that must act when the registry records a death. */
	app_fund_register_hooks();
	pthread_key_create(&app->db_key, close_db);
	sem_init(&app->hash_slots, 0, (unsigned)(cpus > 0 ? cpus : 1));
	app->pwhash_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
	app->pwhash_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	return 0;
}

void app_release(struct app *app)
{
	app_db_close(app);
	pthread_key_delete(app->db_key);
	sem_destroy(&app->hash_slots);
	free(app->db_url);
	app->db_url = NULL;
}

struct db *app_db(struct app *app, struct err *e)
{
	struct db *db = pthread_getspecific(app->db_key);

	if (db)
		return db;
	if (db_open(app->db_url, &db, e))
		return NULL;
	pthread_setspecific(app->db_key, db);
	return db;
}

void app_db_close(struct app *app)
{
	struct db *db = pthread_getspecific(app->db_key);

	if (db) {
		pthread_setspecific(app->db_key, NULL);
		db_close(db);
	}
}

int64_t app_time(const struct app *app)
{
	return (int64_t)time(NULL) + app->clock_offset;
}

void app_iso_time(int64_t t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void actor_system(struct actor *a)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->username, sizeof(a->username), "%s", "system");
	snprintf(a->display_name, sizeof(a->display_name), "%s", "system");
	a->role = ROLE_NATIONAL_ADMIN;
	snprintf(a->area, sizeof(a->area), "%s", "TH");
	snprintf(a->lang, sizeof(a->lang), "%s", "th");
}

int actor_check(const struct actor *a, enum perm p, const char *area, struct err *e)
{
	if (!role_can(a->role, p))
		return err_set(e, ERR_FORBIDDEN, NULL, "บทบาท %s ไม่มีสิทธิ์ทำรายการนี้",
			       "the role %s may not do this", role_name(a->role));
	if (area && !geo_in_scope(a->area, area))
		return err_set(e, ERR_FORBIDDEN, "area", "พื้นที่ %s อยู่นอกขอบเขตของท่าน (%s)",
			       "area %s is outside your scope (%s)", area, a->area);
	return 0;
}
