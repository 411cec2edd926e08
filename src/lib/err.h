/*
 * struct err: what went wrong, for the user, in Thai and English.
 *
 * Functions that can fail return 0 or a negative ERR_* code and, when given a
 * non-NULL struct err, fill it:
 *
 *     return err_set(e, ERR_INVALID, "birth_date", "วันที่ไม่ถูกต้อง: %s",
 *                    "invalid date: %s", text);
 *
 * Both messages take the same arguments in the same order. Only the faces
 * (api, web, cli) decide how an error is shown: HTTP status, form message or
 * exit code, via err_http_status and err_type.
 */
#ifndef SAWAT_ERR_H
#define SAWAT_ERR_H

#include "lib/util.h"

enum err_code {
	ERR_OK = 0,
	ERR_INVALID = -1,    /* bad input: 400 / 422 */
	ERR_NOT_FOUND = -2,  /* 404 */
	ERR_FORBIDDEN = -3,  /* authenticated but not allowed: 403 */
	ERR_UNAUTH = -4,     /* not logged in or bad credentials: 401 */
	ERR_CONFLICT = -5,   /* state or uniqueness conflict: 409 */
	ERR_TOO_LARGE = -6,  /* 413 */
	ERR_LOCKED = -7,     /* account locked out / too many tries: 429 */
	ERR_DB = -8,         /* the database failed: 500 */
	ERR_IO = -9,         /* file or network failure: 500 */
	ERR_INTERNAL = -10,  /* a bug: 500 */
	ERR_BUSY = -11       /* try again later: 503 */
};

struct err {
	int code;
	char field[64];  /* the input field at fault, or "" */
	char th[512];
	char en[512];
};

void err_init(struct err *e);
/* Sets e (when non-NULL) and returns code, so it can end a function. */
int err_set(struct err *e, int code, const char *field, const char *th, const char *en, ...)
	__attribute__((format(printf, 4, 6), format(printf, 5, 6)));
/* Prefixes both messages with context, keeping code and field. */
void err_prefix(struct err *e, const char *th, const char *en);
int err_http_status(int code);
/* A stable machine-readable slug for the code: "invalid", "not-found", ... */
const char *err_type(int code);

#endif
