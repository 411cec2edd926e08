/*
 * Users and sessions in the database. Plain rows in, plain rows out; the
 * rules (who may, what is valid) live in core/user and app/user.
 */
#ifndef SAWAT_STORE_USER_H
#define SAWAT_STORE_USER_H

#include "store/db.h"

struct user_row {
	int64_t id;
	char *username;       /* strings owned by the row; user_row_release frees them */
	char *display_name;
	char *role;
	char *area;
	char *password_hash;
	bool disabled;
	int64_t failed_logins;
	char *locked_until;   /* "" when not locked */
	char *lang;
	char *created_at;
	char *updated_at;
};

void user_row_release(struct user_row *u);

/* Inserts u (id ignored); *id gets the new id. ERR_CONFLICT for a taken name. */
int user_insert(struct db *db, const struct user_row *u, int64_t *id, struct err *e);
/* ERR_NOT_FOUND when missing; out is zeroed on failure. */
int user_get_by_name(struct db *db, const char *username, struct user_row *out, struct err *e);
int user_get(struct db *db, int64_t id, struct user_row *out, struct err *e);
/* Records the outcome of a login attempt. */
int user_set_login_state(struct db *db, int64_t id, int64_t failed, const char *locked_until,
			 const char *now, struct err *e);
int user_set_password(struct db *db, int64_t id, const char *hash, const char *now,
		      struct err *e);
int user_set_disabled(struct db *db, int64_t id, bool disabled, const char *now, struct err *e);
int user_set_lang(struct db *db, int64_t id, const char *lang, const char *now, struct err *e);

/*
 * Lists users whose area lies inside prefix ("TH": all), ordered by id,
 * after the id after_id, at most limit. *rows is a malloc'd array the caller
 * releases with user_rows_free.
 */
int user_list(struct db *db, const char *prefix, int64_t after_id, int limit,
	      struct user_row **rows, size_t *n, struct err *e);
void user_rows_free(struct user_row *rows, size_t n);
int user_count(struct db *db, const char *prefix, int64_t *n, struct err *e);

int session_insert(struct db *db, const char *token_hash, int64_t user_id, const char *kind,
		   const char *now, const char *expires, struct err *e);
/* The live session's user (not disabled, not expired at now). ERR_UNAUTH otherwise. */
int session_user(struct db *db, const char *token_hash, const char *now, struct user_row *out,
		 char kind[16], struct err *e);
int session_delete(struct db *db, const char *token_hash, struct err *e);
int session_delete_user(struct db *db, int64_t user_id, struct err *e);
int session_purge(struct db *db, const char *now, struct err *e);

#endif
