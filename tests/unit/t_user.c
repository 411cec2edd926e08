/* Unit tests for core/user (roles, scopes, management rules) and core/audit (the chain hash). */
#include "test.h"
#include "core/user.h"
#include "core/audit.h"

static void test_roles(void)
{
	CHECK_INT(role_parse("national_admin"), ROLE_NATIONAL_ADMIN);
	CHECK_INT(role_parse("auditor"), ROLE_AUDITOR);
	CHECK_INT(role_parse("Auditor"), ROLE_NONE);
	CHECK_INT(role_parse(""), ROLE_NONE);
	CHECK_INT(role_parse(NULL), ROLE_NONE);
	CHECK_STR(role_name(ROLE_VOLUNTEER), "volunteer");
	CHECK(role_can(ROLE_AUDITOR, PERM_READ));
	CHECK(role_can(ROLE_AUDITOR, PERM_AUDIT_READ));
	CHECK(!role_can(ROLE_AUDITOR, PERM_WRITE));
	CHECK(!role_can(ROLE_VOLUNTEER, PERM_USER_MANAGE));
	CHECK(!role_can(ROLE_VOLUNTEER, PERM_SENSITIVE_READ));
	CHECK(role_can(ROLE_PROVINCE_OFFICER, PERM_USER_MANAGE | PERM_READ));
	CHECK(!role_can(ROLE_NONE, PERM_READ));
	CHECK(!role_can(ROLE_COUNT, PERM_READ));
}

static void test_scopes(void)
{
	struct err e;

	CHECK_INT(role_check_scope(ROLE_NATIONAL_ADMIN, "TH", &e), 0);
	CHECK_INT(role_check_scope(ROLE_NATIONAL_ADMIN, "50", &e), ERR_INVALID);
	CHECK_INT(role_check_scope(ROLE_PROVINCE_OFFICER, "50", &e), 0);
	CHECK_INT(role_check_scope(ROLE_PROVINCE_OFFICER, "5001", &e), ERR_INVALID);
	CHECK_STR(e.field, "area");
	CHECK_INT(role_check_scope(ROLE_DISTRICT_OFFICER, "5001", &e), 0);
	CHECK_INT(role_check_scope(ROLE_LOCAL_OFFICER, "500101", &e), 0);
	CHECK_INT(role_check_scope(ROLE_LOCAL_OFFICER, "5001", &e), 0);
	CHECK_INT(role_check_scope(ROLE_LOCAL_OFFICER, "50", &e), ERR_INVALID);
	CHECK_INT(role_check_scope(ROLE_FUND_COMMITTEE, "500101", &e), 0);
	CHECK_INT(role_check_scope(ROLE_VOLUNTEER, "50010101", &e), 0);
	CHECK_INT(role_check_scope(ROLE_VOLUNTEER, "5001", &e), ERR_INVALID);
	CHECK_INT(role_check_scope(ROLE_AUDITOR, "TH", &e), 0);
	CHECK_INT(role_check_scope(ROLE_AUDITOR, "50010101", &e), 0);
	CHECK_INT(role_check_scope(ROLE_AUDITOR, "5X", &e), ERR_INVALID);
	CHECK_INT(role_check_scope(ROLE_PROVINCE_OFFICER, "99", &e), ERR_INVALID);
	CHECK_INT(role_check_scope(ROLE_NONE, "TH", &e), ERR_INVALID);
	CHECK_STR(e.field, "role");
}

static void test_manage(void)
{
	struct err e;

	CHECK_INT(user_may_manage(ROLE_NATIONAL_ADMIN, "TH", ROLE_NATIONAL_ADMIN, "TH", &e), 0);
	CHECK_INT(user_may_manage(ROLE_PROVINCE_OFFICER, "50", ROLE_VOLUNTEER, "50010101", &e), 0);
	CHECK_INT(user_may_manage(ROLE_PROVINCE_OFFICER, "50", ROLE_PROVINCE_OFFICER, "50", &e), 0);
	CHECK_INT(user_may_manage(ROLE_PROVINCE_OFFICER, "50", ROLE_VOLUNTEER, "56010101", &e),
		  ERR_FORBIDDEN);
	CHECK_STR(e.field, "area");
	CHECK_INT(user_may_manage(ROLE_PROVINCE_OFFICER, "50", ROLE_NATIONAL_ADMIN, "TH", &e),
		  ERR_FORBIDDEN);
	CHECK_INT(user_may_manage(ROLE_DISTRICT_OFFICER, "5001", ROLE_PROVINCE_OFFICER, "50", &e),
		  ERR_FORBIDDEN);
	CHECK_INT(user_may_manage(ROLE_DISTRICT_OFFICER, "5001", ROLE_LOCAL_OFFICER, "500101", &e), 0);
	CHECK_INT(user_may_manage(ROLE_VOLUNTEER, "50010101", ROLE_VOLUNTEER, "50010101", &e),
		  ERR_FORBIDDEN);
	CHECK_INT(user_may_manage(ROLE_AUDITOR, "TH", ROLE_AUDITOR, "50", &e), ERR_FORBIDDEN);
}

static void test_names_and_passwords(void)
{
	struct err e;

	CHECK_INT(user_check_name("somchai.j", &e), 0);
	CHECK_INT(user_check_name("ab", &e), ERR_INVALID);
	CHECK_INT(user_check_name("1abc", &e), ERR_INVALID);
	CHECK_INT(user_check_name("Somchai", &e), ERR_INVALID);
	CHECK_INT(user_check_name("som chai", &e), ERR_INVALID);
	CHECK_INT(user_check_name("สมชาย", &e), ERR_INVALID);
	CHECK_INT(user_check_name("a23456789012345678901234567890123", &e), ERR_INVALID);
	CHECK_INT(user_check_name(NULL, &e), ERR_INVALID);
	CHECK_INT(user_check_password("correct horse", &e), 0);
	CHECK_INT(user_check_password("short", &e), ERR_INVALID);
	CHECK_STR(e.field, "password");
	CHECK_INT(user_check_password("12345678901", &e), ERR_INVALID);
	CHECK_INT(user_check_password("รหัสผ่านยาวพอ", &e), 0);
}

static void test_audit_hash(void)
{
	struct audit_entry a = { 1, "2026-11-22T10:00:00Z", "admin", "create", "user", "7", "50",
				 NULL, "{\"id\":7}", audit_genesis };
	char h1[AUDIT_HASH_HEX], h2[AUDIT_HASH_HEX], h3[AUDIT_HASH_HEX];

	audit_hash(&a, h1);
	CHECK_INT(strlen(h1), 64);
	audit_hash(&a, h2);
	CHECK_STR(h1, h2);
	/* Any field change changes the hash. */
	a.area = "56";
	audit_hash(&a, h2);
	CHECK(strcmp(h1, h2) != 0);
	a.area = "50";
	/* NULL and "" differ. */
	a.before = "";
	audit_hash(&a, h3);
	CHECK(strcmp(h1, h3) != 0);
	a.before = NULL;
	/* Moving bytes between fields changes the hash (length prefixes). */
	a.entity = "use";
	a.entity_id = "r7";
	audit_hash(&a, h3);
	CHECK(strcmp(h1, h3) != 0);
	a.entity = "user";
	a.entity_id = "7";
	a.prev_hash = h1;
	audit_hash(&a, h3);
	CHECK(strcmp(h1, h3) != 0);
}

int main(void)
{
	RUN(test_roles);
	RUN(test_scopes);
	RUN(test_manage);
	RUN(test_names_and_passwords);
	RUN(test_audit_hash);
	return test_summary("user");
}
