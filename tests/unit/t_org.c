/*
 * Unit tests for core/org (kinds, names, who may apply for a grant) and
 * store/org on SQLite (insert and read back an organisation).
 */
#include <unistd.h>
#include "test.h"
#include "core/org.h"
#include "store/geo.h"
#include "store/migrate.h"
#include "store/org.h"

#define NOW "2026-01-05T10:00:00Z"

static void test_kinds(void)
{
	int k;

	CHECK_INT(org_kind_parse("youth_council"), ORG_YOUTH_COUNCIL);
	CHECK_INT(org_kind_parse("foundation"), ORG_FOUNDATION);
	CHECK_INT(org_kind_parse("Foundation"), -1);
	CHECK_INT(org_kind_parse(""), -1);
	CHECK_INT(org_kind_parse(NULL), -1);
	CHECK_STR(org_kind_code(ORG_KIND_COUNT), "");
	CHECK_STR(org_kind_name(ORG_ELDERLY_CLUB, true), "ชมรมผู้สูงอายุ (ธนาคารสมอง)");
	for (k = ORG_YOUTH_COUNCIL; k < ORG_KIND_COUNT; k++) {
		CHECK_INT(org_kind_parse(org_kind_code(k)), k);
		CHECK(org_kind_name(k, true)[0] && org_kind_name(k, false)[0]);
	}
}

static void test_grant_eligibility(void)
{
	struct err e;

	err_init(&e);
	CHECK_INT(org_may_apply_grant(ORG_COMMUNITY_WELFARE, "", &e), 0);
	CHECK_INT(org_may_apply_grant(ORG_LOCAL_GOVERNMENT, NULL, &e), 0);
	CHECK_INT(org_may_apply_grant(ORG_GOVERNMENT_OFFICE, "", &e), 0);
	CHECK_INT(org_may_apply_grant(ORG_PUBLIC_BENEFIT, "", &e), ERR_FORBIDDEN);
	CHECK_STR(e.field, "cert_no");
	CHECK(strstr(e.th, "องค์กรสาธารณประโยชน์") != NULL);
	CHECK(strstr(e.en, "certified") != NULL);
	CHECK_INT(org_may_apply_grant(ORG_PUBLIC_BENEFIT, "พม 0123/2560", &e), 0);
	CHECK_INT(org_may_apply_grant(ORG_FOUNDATION, "1234", &e), 0);
	CHECK_INT(org_may_apply_grant(ORG_COMPANY, "1234", &e), ERR_FORBIDDEN);
	CHECK_STR(e.field, "kind");
	CHECK_INT(org_may_apply_grant(ORG_YOUTH_COUNCIL, "", &e), ERR_FORBIDDEN);
	CHECK_INT(org_may_apply_grant(0, "", &e), ERR_INVALID);
}

static void test_names(void)
{
	struct err e;
	char big[300];

	err_init(&e);
	CHECK_INT(org_check_name("ชมรมผู้สูงอายุตำบลแม่กา", "name_th", &e), 0);
	CHECK_INT(org_check_name("", "name_th", &e), ERR_INVALID);
	CHECK_STR(e.field, "name_th");
	CHECK_INT(org_check_name(" ชมรม", "name_th", &e), ERR_INVALID);
	CHECK_INT(org_check_name("a\tb", "name_th", &e), ERR_INVALID);
	CHECK_INT(org_check_name("\xe0\xb8", "name_th", &e), ERR_INVALID);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	CHECK_INT(org_check_name(big, "name_th", &e), ERR_INVALID);
}

static void test_store(void)
{
	char dir[64] = "/tmp/sawat-t-org-XXXXXX", path[128];
	struct db *db = NULL;
	struct org o = { 0 }, back;
	struct err e;
	int64_t id = 0;

	err_init(&e);
	if (!mkdtemp(dir)) {
		CHECK(0);
		return;
	}
	snprintf(path, sizeof(path), "%s/org.db", dir);
	CHECK_INT(db_open(path, &db, &e), 0);
	CHECK_INT(migrate_up(db, NOW, NULL, &e), 0);
	CHECK_INT(geo_load(db, NOW, NULL, &e), 0);
	snprintf(o.kind, sizeof(o.kind), "elderly_club");
	snprintf(o.name_th, sizeof(o.name_th), "ชมรมผู้สูงอายุตำบลแม่กา");
	snprintf(o.area, sizeof(o.area), "560101");
	snprintf(o.cert_no, sizeof(o.cert_no), "พย 12/2565");
	o.cert_date = (struct date){ 2022, 3, 1 };
	CHECK_INT(org_insert(db, &o, "admin", NOW, &id, &e), 0);
	CHECK(id > 0);
	CHECK_INT(org_get(db, id, &back, &e), 0);
	CHECK_STR(back.name_th, o.name_th);
	CHECK_STR(back.province, "56");
	CHECK_STR(back.status, "active");
	CHECK_INT(back.cert_date.y, 2022);
	CHECK_INT(back.founded_on.y, 0);
	CHECK_INT(org_get(db, id + 1, &back, &e), ERR_NOT_FOUND);
	/* an unknown area is refused by the foreign key */
	snprintf(o.area, sizeof(o.area), "999999");
	CHECK(org_insert(db, &o, "admin", NOW, &id, &e) < 0);
	db_close(db);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	CHECK_INT(system(path), 0);
}

int main(void)
{
	RUN(test_kinds);
	RUN(test_grant_eligibility);
	RUN(test_names);
	RUN(test_store);
	return test_summary("org");
}
