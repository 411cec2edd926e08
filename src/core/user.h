/*
 * Roles, permissions and area scopes: who may do what, where.
 *
 * Every user has one role and one area scope, a DOPA code prefix ("TH" for
 * the nation). A user may act on a record when the role grants the
 * permission and the record's area code lies inside the scope
 * (geo_in_scope). Pure functions; the table of roles is the policy.
 */
#ifndef SAWAT_CORE_USER_H
#define SAWAT_CORE_USER_H

#include "lib/err.h"

enum role {
	ROLE_NONE = 0,
	ROLE_NATIONAL_ADMIN,
	ROLE_PROVINCE_OFFICER,
	ROLE_DISTRICT_OFFICER,
	ROLE_LOCAL_OFFICER,   /* local-government welfare officer (อบต./เทศบาล) */
	ROLE_FUND_COMMITTEE,  /* community welfare fund committee / treasurer */
	ROLE_VOLUNTEER,       /* อพม. */
	ROLE_AUDITOR,         /* read-only, any level */
	ROLE_COUNT
};

enum perm {
	PERM_READ = 1 << 0,          /* see records in scope */
	PERM_WRITE = 1 << 1,         /* create and change records in scope */
	PERM_USER_MANAGE = 1 << 2,   /* add, disable, reset users in scope */
	PERM_AREA_EDIT = 1 << 3,     /* add villages */
	PERM_AUDIT_READ = 1 << 4,    /* read the audit trail */
	PERM_SENSITIVE_READ = 1 << 5 /* disability, health, legal status */
};

/* "national_admin", ... ; ROLE_NONE for unknown names. */
enum role role_parse(const char *name);
const char *role_name(enum role r);
const char *role_title_th(enum role r);
const char *role_title_en(enum role r);
unsigned role_perms(enum role r);
bool role_can(enum role r, enum perm p);

/*
 * Checks that a scope suits a role: a national admin's is "TH", a province
 * officer's a province (2 digits), a district officer's a district (4), a
 * local officer's a district or tambon, a fund committee's a tambon, a
 * volunteer's a tambon or village, an auditor's any level.
 */
int role_check_scope(enum role r, const char *scope, struct err *e);

/*
 * May a manager (role, scope) create or change a user with (role, scope)?
 * The target scope must lie inside the manager's and the target role must not
 * rank above the manager's; only a national admin makes national admins.
 */
int user_may_manage(enum role mgr, const char *mgr_scope, enum role target,
		    const char *target_scope, struct err *e);

/* Username rules: 3-32 characters of [a-z0-9._-], starting with a letter. */
int user_check_name(const char *name, struct err *e);
/* Password rules: 10-128 bytes, not all one character class of digits. */
int user_check_password(const char *pw, struct err *e);

/* Lock-out policy: after this many failures in a row the account locks. */
#define LOGIN_MAX_FAILURES 5
#define LOGIN_LOCK_SECONDS (15 * 60)
#define SESSION_SECONDS (12 * 3600)

#endif
