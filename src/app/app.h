/*
 * The application layer: use cases that the faces (api, web, cli) call.
 * Every use case takes the acting user (struct actor), checks the role and
 * area, validates input, runs its writes in one transaction together with
 * their audit entries, and returns 0 or an ERR_* code with a message.
 *
 * struct app is the process-wide context, owned by main/cli: the database
 * URL (each thread opens its own connection on first use), the clock, and
 * the bound on concurrent password hashing.
 */
#ifndef SAWAT_APP_H
#define SAWAT_APP_H

#include <pthread.h>
#include <semaphore.h>
#include <time.h>
#include "core/user.h"
#include "store/db.h"

struct app {
	char *db_url;             /* owned */
	pthread_key_t db_key;     /* this thread's struct db */
	sem_t hash_slots;         /* argon2id runs at most this many at once */
	int64_t clock_offset;     /* seconds added to the real clock (tests) */
	unsigned long long pwhash_ops; /* argon2id cost; crypto_pwhash defaults */
	size_t pwhash_mem;
	size_t import_bulk_rows;  /* imports of this many rows load in bulk (0: 1,000; tests) */
	bool bulk_journal;        /* bulk loads may shut other connections out (db_bulk_begin):
				     the command line's imports; never a server's */
};

/* The user on whose behalf a use case runs. */
struct actor {
	int64_t id;               /* 0 for the system (command line) */
	char username[40];
	char display_name[128];
	enum role role;
	char area[16];            /* scope */
	char lang[4];             /* "th" or "en" */
};

int app_init(struct app *app, const char *db_url, struct err *e);
void app_release(struct app *app);
/* This thread's database connection, opened on first use. NULL on failure. */
struct db *app_db(struct app *app, struct err *e);
/* Closes this thread's connection (threads call it before they end). */
void app_db_close(struct app *app);
/* Seconds since the epoch, and the same as "YYYY-MM-DDTHH:MM:SSZ". */
int64_t app_time(const struct app *app);
void app_iso_time(int64_t t, char out[32]);

/* The system actor: the command line acting with full rights. */
void actor_system(struct actor *a);
/* Checks the actor's permission and that area lies within the actor's scope. */
int actor_check(const struct actor *a, enum perm p, const char *area, struct err *e);

/* ---- audit (app/audit.c) ---- */
/* Appends an audit entry for a write made in the current transaction. */
int app_audit(struct app *app, struct db *db, const struct actor *a, const char *action,
	      const char *entity, const char *entity_id, const char *area, const char *before,
	      const char *after, struct err *e);

#endif
