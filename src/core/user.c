/*
 * The role table is Sawat's access policy: what each role may do, at which
 * level its scope sits, and how roles rank for user management. Keeping it
 * in one table makes the policy readable and testable in one place.
 */
#include <ctype.h>
#include "core/user.h"
#include "core/geo.h"

struct role_def {
	const char *name;
	const char *th;
	const char *en;
	unsigned perms;
	int rank;       /* who may manage whom: higher manages lower or equal */
	int min_level;  /* allowed scope levels (0 = nation ... 4 = village) */
	int max_level;
};

static const struct role_def roles[ROLE_COUNT] = {
	[ROLE_NONE] = { "", "", "", 0, 0, 9, 9 },
	[ROLE_NATIONAL_ADMIN] = { "national_admin", "ผู้ดูแลระบบระดับประเทศ", "National administrator",
				  PERM_READ | PERM_WRITE | PERM_USER_MANAGE | PERM_AREA_EDIT |
					  PERM_AUDIT_READ | PERM_SENSITIVE_READ,
				  7, 0, 0 },
	[ROLE_PROVINCE_OFFICER] = { "province_officer", "เจ้าหน้าที่ระดับจังหวัด (พมจ.)",
				    "Province officer",
				    PERM_READ | PERM_WRITE | PERM_USER_MANAGE | PERM_AREA_EDIT |
					    PERM_AUDIT_READ | PERM_SENSITIVE_READ,
				    6, 1, 1 },
	[ROLE_DISTRICT_OFFICER] = { "district_officer", "เจ้าหน้าที่ระดับอำเภอ", "District officer",
				    PERM_READ | PERM_WRITE | PERM_USER_MANAGE | PERM_AREA_EDIT |
					    PERM_SENSITIVE_READ,
				    5, 2, 2 },
	[ROLE_LOCAL_OFFICER] = { "local_officer", "เจ้าหน้าที่องค์กรปกครองส่วนท้องถิ่น",
				 "Local-government officer",
				 PERM_READ | PERM_WRITE | PERM_AREA_EDIT | PERM_SENSITIVE_READ, 4, 2, 3 },
	[ROLE_FUND_COMMITTEE] = { "fund_committee", "คณะกรรมการกองทุนสวัสดิการชุมชน",
				  "Community fund committee", PERM_READ | PERM_WRITE, 3, 3, 3 },
	[ROLE_VOLUNTEER] = { "volunteer", "อาสาสมัครพัฒนาสังคม (อพม.)", "Social development volunteer",
			     PERM_READ | PERM_WRITE, 2, 3, 4 },
	[ROLE_AUDITOR] = { "auditor", "ผู้ตรวจสอบ", "Auditor", PERM_READ | PERM_AUDIT_READ, 1, 0, 4 },
};

enum role role_parse(const char *name)
{
	int r;

	if (!name)
		return ROLE_NONE;
	for (r = 1; r < ROLE_COUNT; r++)
		if (!strcmp(roles[r].name, name))
			return (enum role)r;
	return ROLE_NONE;
}

static const struct role_def *def(enum role r)
{
	return r > ROLE_NONE && r < ROLE_COUNT ? &roles[r] : &roles[ROLE_NONE];
}

const char *role_name(enum role r)
{
	return def(r)->name;
}

const char *role_title_th(enum role r)
{
	return def(r)->th;
}

const char *role_title_en(enum role r)
{
	return def(r)->en;
}

unsigned role_perms(enum role r)
{
	return def(r)->perms;
}

bool role_can(enum role r, enum perm p)
{
	return (def(r)->perms & (unsigned)p) == (unsigned)p;
}

int role_check_scope(enum role r, const char *scope, struct err *e)
{
	const struct role_def *d = def(r);
	int level;

	if (r == ROLE_NONE)
		return err_set(e, ERR_INVALID, "role", "ไม่รู้จักบทบาทนี้%s", "unknown role%s", "");
	level = geo_level(scope);
	if (level < 0)
		return err_set(e, ERR_INVALID, "area", "รหัสพื้นที่ '%s' ไม่ถูกต้อง",
			       "invalid area code '%s'", scope ? scope : "");
	if (level < d->min_level || level > d->max_level)
		return err_set(e, ERR_INVALID, "area",
			       "พื้นที่ '%s' ไม่เหมาะกับบทบาท %s", "area '%s' does not suit the role %s",
			       scope, d->name);
	return 0;
}

int user_may_manage(enum role mgr, const char *mgr_scope, enum role target,
		    const char *target_scope, struct err *e)
{
	if (!role_can(mgr, PERM_USER_MANAGE))
		return err_set(e, ERR_FORBIDDEN, NULL, "บทบาทของท่านจัดการผู้ใช้ไม่ได้%s",
			       "your role cannot manage users%s", "");
	if (!geo_in_scope(mgr_scope, target_scope))
		return err_set(e, ERR_FORBIDDEN, "area", "พื้นที่ %s อยู่นอกขอบเขตของท่าน",
			       "area %s is outside your scope", target_scope);
	if (def(target)->rank > def(mgr)->rank)
		return err_set(e, ERR_FORBIDDEN, "role", "ท่านไม่มีสิทธิ์กำหนดบทบาท %s",
			       "you may not grant the role %s", role_name(target));
	if (target == ROLE_NATIONAL_ADMIN && mgr != ROLE_NATIONAL_ADMIN)
		return err_set(e, ERR_FORBIDDEN, "role", "ท่านไม่มีสิทธิ์กำหนดบทบาท %s",
			       "you may not grant the role %s", role_name(target));
	return 0;
}

int user_check_name(const char *name, struct err *e)
{
	size_t i, n = name ? strlen(name) : 0;

	if (n < 3 || n > 32 || !islower((unsigned char)name[0]))
		return err_set(e, ERR_INVALID, "username",
			       "ชื่อผู้ใช้ต้องยาว 3–32 ตัว ขึ้นต้นด้วยอักษร a–z%s",
			       "username must be 3-32 characters starting with a-z%s", "");
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		if (!islower(c) && !isdigit(c) && c != '.' && c != '_' && c != '-')
			return err_set(e, ERR_INVALID, "username",
				       "ชื่อผู้ใช้ใช้ได้เฉพาะ a–z 0–9 . _ - (พบ '%c')",
				       "username may use only a-z 0-9 . _ - (found '%c')", c);
	}
	return 0;
}

int user_check_password(const char *pw, struct err *e)
{
	size_t i, n = pw ? strlen(pw) : 0;
	bool nondigit = false;

	if (n < 10 || n > 128)
		return err_set(e, ERR_INVALID, "password", "รหัสผ่านต้องยาว 10–128 ตัวอักษร (ได้ %zu)",
			       "password must be 10-128 characters (got %zu)", n);
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)pw[i]))
			nondigit = true;
	if (!nondigit)
		return err_set(e, ERR_INVALID, "password", "รหัสผ่านต้องไม่เป็นตัวเลขล้วน%s",
			       "password must not be digits only%s", "");
	return 0;
}
