/*
 * Users, logins and sessions.
 *
 *   login:  unknown user / wrong password  -> ERR_UNAUTH (same message, same cost)
 *           LOGIN_MAX_FAILURES in a row     -> locked for LOGIN_LOCK_SECONDS (ERR_LOCKED)
 *           disabled                        -> ERR_UNAUTH
 *           success                         -> a new random session token
 *
 * Tokens are 32 random bytes, base64url (43 characters); the database keeps
 * only their BLAKE2b hash. The CSRF token of a cookie session is a keyed hash
 * of the session token, so it needs no storage and dies with the session.
 */
#ifndef SAWAT_APP_USER_H
#define SAWAT_APP_USER_H

#include "app/app.h"
#include "store/user.h"

#define TOKEN_LEN 43
#define CSRF_LEN 32

int app_user_add(struct app *app, const struct actor *a, const char *username,
		 const char *display_name, const char *role, const char *area,
		 const char *password, int64_t *id, struct err *e);
int app_user_passwd(struct app *app, const struct actor *a, const char *username,
		    const char *password, struct err *e);
int app_user_disable(struct app *app, const struct actor *a, const char *username,
		     bool disabled, struct err *e);
/* Users inside the actor's scope, by id after after_id. Caller frees with user_rows_free. */
int app_user_list(struct app *app, const struct actor *a, int64_t after_id, int limit,
		  struct user_row **rows, size_t *n, struct err *e);

/* kind is "cookie" or "bearer"; token receives TOKEN_LEN characters and a NUL. */
int app_login(struct app *app, const char *username, const char *password, const char *kind,
	      char token[TOKEN_LEN + 1], struct actor *who, struct err *e);
/* Resolves a token to its user; ERR_UNAUTH when unknown, expired or disabled. */
int app_session(struct app *app, const char *token, struct actor *who, struct err *e);
int app_logout(struct app *app, const char *token, struct err *e);
int app_set_lang(struct app *app, const struct actor *a, const char *lang, struct err *e);

void app_csrf_token(const char *session_token, char out[CSRF_LEN + 1]);
bool app_csrf_ok(const char *session_token, const char *given);

#endif
