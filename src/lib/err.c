/*
 * Error values: a code, the field at fault and a message in two languages.
 */
#include <stdarg.h>
#include "lib/err.h"

void err_init(struct err *e)
{
	e->code = 0;
	e->field[0] = e->th[0] = e->en[0] = '\0';
}

int err_set(struct err *e, int code, const char *field, const char *th, const char *en, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	va_start(ap, en);
	{
		va_list cp;

		va_copy(cp, ap);
		vsnprintf(e->th, sizeof(e->th), th, cp);
		va_end(cp);
	}
	vsnprintf(e->en, sizeof(e->en), en, ap);
	va_end(ap);
	return code;
}

static void prefix_one(char *msg, size_t cap, const char *pre)
{
	size_t pl = strlen(pre) + 2, ml = strlen(msg);

	if (pl >= cap)
		return;
	if (pl + ml >= cap)
		ml = cap - pl - 1;
	memmove(msg + pl, msg, ml);
	msg[pl + ml] = '\0';
	memcpy(msg, pre, pl - 2);
	msg[pl - 2] = ':';
	msg[pl - 1] = ' ';
}

void err_prefix(struct err *e, const char *th, const char *en)
{
	if (!e)
		return;
	prefix_one(e->th, sizeof(e->th), th);
	prefix_one(e->en, sizeof(e->en), en);
}

int err_http_status(int code)
{
	switch (code) {
	case ERR_OK: return 200;
	case ERR_INVALID: return 400;
	case ERR_NOT_FOUND: return 404;
	case ERR_FORBIDDEN: return 403;
	case ERR_UNAUTH: return 401;
	case ERR_CONFLICT: return 409;
	case ERR_TOO_LARGE: return 413;
	case ERR_LOCKED: return 429;
	case ERR_BUSY: return 503;
	default: return 500;
	}
}

const char *err_type(int code)
{
	switch (code) {
	case ERR_OK: return "ok";
	case ERR_INVALID: return "invalid";
	case ERR_NOT_FOUND: return "not-found";
	case ERR_FORBIDDEN: return "forbidden";
	case ERR_UNAUTH: return "unauthorized";
	case ERR_CONFLICT: return "conflict";
	case ERR_TOO_LARGE: return "too-large";
	case ERR_LOCKED: return "locked";
	case ERR_DB: return "database";
	case ERR_IO: return "io";
	case ERR_BUSY: return "busy";
	default: return "internal";
	}
}
