/*
 * Organisation, volunteer and network use cases on a real database (a
 * temporary SQLite file, or the PostgreSQL URL given as the argument):
 * organisations with their certificate rules, contacts, members and
 * activities; who may write (officers in their scope, a fund committee for
 * community welfare organisations of its tambon; not volunteers, not
 * auditors, not a province officer of another province); dissolution;
 * volunteers and their villages and households; networks from tambon to
 * cluster with the parent rules and their reach; the report by kind and
 * area with its .xlsx; and rollback at every failure point.
 */
#include <unistd.h>
#include "test.h"
#include "app/geo.h"
#include "app/org.h"
#include "app/person.h"
#include "app/user.h"
#include "lib/xlsx.h"

static struct app app;
static struct actor sys, nat, py, cr, dist, loc, tre, vol, aud;
static char path[512];
static bool on_pg;
static char v1[GEO_CODE_SIZE], v2[GEO_CODE_SIZE], vx[GEO_CODE_SIZE];
static int64_t p1, p2, p3, p_cr, youth, cwo;

static void set_actor(struct actor *a, const char *name, enum role r, const char *area,
		      int64_t id)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->username, sizeof(a->username), "%s", name);
	a->role = r;
	snprintf(a->area, sizeof(a->area), "%s", area);
	a->id = id;
}

static int64_t add_person(const char *given, const char *area)
{
	struct person_in in;
	struct err e;
	int64_t id = 0;

	memset(&in, 0, sizeof(in));
	in.given_name = given;
	in.family_name = "ใจดี";
	in.sex = "F";
	in.birth_date = "1970-05-01";
	in.reg_status = "house";
	in.nationality = "TH";
	in.area = area;
	CHECK(app_person_add(&app, &sys, &in, &id, &e) == 0);
	return id;
}

static int64_t count_sql(const char *sql)
{
	struct err e;
	int64_t n = -1;
	struct db *db = app_db(&app, &e);

	REQUIRE(db && db_query_int64(db, sql, &n, &e) == 0);
	return n;
}

static void setup(const char *url)
{
	struct geo_counts g;
	struct err e;
	int applied;
	int64_t uid;

	if (url && (starts_with(url, "postgres://") || starts_with(url, "postgresql://"))) {
		struct db *db;
		snprintf(path, sizeof(path), "%s", url);
		on_pg = true;
		REQUIRE(db_open(path, &db, &e) == 0);
		REQUIRE(db_exec(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;", &e) == 0);
		db_close(db);
	} else {
		snprintf(path, sizeof(path), "/tmp/sawat-t-org-%d.db", (int)getpid());
		unlink(path);
	}
	REQUIRE(app_init(&app, path, &e) == 0);
	REQUIRE(app_setup(&app, &applied, &g, &e) == 0);
	actor_system(&sys);
	set_actor(&nat, "nat", ROLE_NATIONAL_ADMIN, "TH", 10);
	set_actor(&py, "phayao", ROLE_PROVINCE_OFFICER, "56", 11);
	set_actor(&cr, "chiangrai", ROLE_PROVINCE_OFFICER, "57", 12);
	set_actor(&dist, "mueang", ROLE_DISTRICT_OFFICER, "5601", 13);
	set_actor(&loc, "local", ROLE_LOCAL_OFFICER, "560101", 14);
	set_actor(&tre, "treasurer", ROLE_FUND_COMMITTEE, "560101", 15);
	set_actor(&aud, "auditor", ROLE_AUDITOR, "56", 17);
	REQUIRE(app_village_add(&app, &sys, "560101", 1, "บ้านเวียง", NULL, v1, &e) == 0);
	REQUIRE(app_village_add(&app, &sys, "560101", 2, "บ้านสันป่าม่วง", NULL, v2, &e) == 0);
	REQUIRE(app_village_add(&app, &sys, "560102", 1, "บ้านแม่ต๋ำ", NULL, vx, &e) == 0);
	REQUIRE(app_user_add(&app, &sys, "vol1", "อาสา เวียง", "volunteer", v1, "volunteer-pass-1",
			     &uid, &e) == 0);
	set_actor(&vol, "vol1", ROLE_VOLUNTEER, v1, uid);
	REQUIRE(app_user_add(&app, &sys, "off2", "เจ้าหน้าที่", "local_officer", "560101",
			     "officer-pass-12", &uid, &e) == 0);
	p1 = add_person("สมศรี", v1);
	p2 = add_person("บุญมี", v2);
	p3 = add_person("คำปัน", "560201");
	p_cr = add_person("แสงเดือน", "570101");
}

static void test_org_validation(void)
{
	struct org_in in = { .kind = "youth_council", .name_th = "สภาเด็กและเยาวชนตำบลเวียง", .area = "560101" };
	struct err e;
	int64_t id;

	in.founded_on = "1/6/2562";
	CHECK(app_org_add(&app, &py, &in, &youth, &e) == 0);
	CHECK(youth > 0);
	/* Unknown kind, empty name, a public-benefit organisation without its
	 * certificate, a certificate without its date, a future date, bad
	 * e-mail and phone: each refused naming its field, nothing written. */
	in.kind = "club";
	CHECK(app_org_add(&app, &py, &in, &id, &e) == ERR_INVALID);
	CHECK_STR(e.field, "kind");
	in.kind = "public_benefit";
	CHECK(app_org_add(&app, &py, &in, &id, &e) == ERR_INVALID);
	CHECK_STR(e.field, "cert_no");
	in.cert_no = "พย 0012/2563";
	CHECK(app_org_add(&app, &py, &in, &id, &e) == ERR_INVALID);
	CHECK_STR(e.field, "cert_date");
	in.cert_date = "1/1/2600";
	CHECK(app_org_add(&app, &py, &in, &id, &e) == ERR_INVALID);
	CHECK_STR(e.field, "cert_date");
	in.cert_date = "2020-03-15";
	in.founded_on = "2021-01-01";
	CHECK(app_org_add(&app, &py, &in, &id, &e) == ERR_INVALID); /* certified before founding */
	in.founded_on = "";
	in.email = "not-an-address";
	CHECK(app_org_add(&app, &py, &in, &id, &e) == ERR_INVALID);
	CHECK_STR(e.field, "email");
	in.email = "office@example.org";
	in.phone = "054-abc";
	CHECK(app_org_add(&app, &py, &in, &id, &e) == ERR_INVALID);
	CHECK_STR(e.field, "phone");
	in.phone = "054 411 222";
	in.name_th = "";
	CHECK(app_org_add(&app, &py, &in, &id, &e) == ERR_INVALID);
	CHECK_STR(e.field, "name_th");
	in.name_th = "มูลนิธิเพื่อเด็กพะเยา";
	in.area = "569999";
	CHECK(app_org_add(&app, &py, &in, &id, &e) == ERR_INVALID);
	CHECK_STR(e.field, "area");
	CHECK_INT(count_sql("SELECT COUNT(*) FROM org"), 1);
	in.area = "56";
	CHECK(app_org_add(&app, &py, &in, &id, &e) == 0);
	{
		struct org o;
		CHECK(app_org_get(&app, &aud, id, &o, &e) == 0);
		CHECK_STR(o.kind, "public_benefit");
		CHECK_STR(o.cert_no, "พย 0012/2563");
		CHECK_INT(o.cert_date.y, 2020);
		CHECK_STR(o.province, "56");
		/* A district officer of the province does not see a province-wide body. */
		CHECK(app_org_get(&app, &dist, id, &o, &e) == ERR_FORBIDDEN);
	}
	CHECK_INT(count_sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'org' AND action = 'org_add'"),
		  2);
}

static void test_org_access(void)
{
	struct org_in in = { .kind = "community_welfare", .name_th = "องค์กรสวัสดิการชุมชนตำบลเวียง", .area = "560101" };
	struct org_in other = { .kind = "elderly_club", .name_th = "ชมรมผู้สูงอายุบ้านเวียง", .area = "560101" };
	struct org o;
	struct err e;
	int64_t id;

	/* A province officer of another province is refused, reading and writing. */
	CHECK(app_org_add(&app, &cr, &in, &id, &e) == ERR_FORBIDDEN);
	CHECK(app_org_get(&app, &cr, youth, &o, &e) == ERR_FORBIDDEN);
	CHECK(app_org_update(&app, &cr, youth, &other, &e) == ERR_FORBIDDEN);
	/* Volunteers and auditors read and do not write. */
	CHECK(app_org_add(&app, &vol, &other, &id, &e) == ERR_FORBIDDEN);
	CHECK(app_org_add(&app, &aud, &other, &id, &e) == ERR_FORBIDDEN);
	CHECK(app_org_get(&app, &aud, youth, &o, &e) == 0);
	/* A fund committee keeps community welfare organisations of its tambon only. */
	CHECK(app_org_add(&app, &tre, &other, &id, &e) == ERR_FORBIDDEN);
	in.area = "560102";
	CHECK(app_org_add(&app, &tre, &in, &id, &e) == ERR_FORBIDDEN);
	in.area = "560101";
	CHECK(app_org_add(&app, &tre, &in, &cwo, &e) == 0);
	CHECK(app_org_get(&app, &tre, cwo, &o, &e) == 0);
	CHECK(app_org_may_write(&tre, &o));
	CHECK(!app_org_may_write(&vol, &o));
	CHECK(!app_org_may_write(&cr, &o));
	in.kind = "youth_council";
	CHECK(app_org_update(&app, &tre, cwo, &in, &e) == ERR_FORBIDDEN);
	in.kind = "community_welfare";
	in.phone = "081 234 5678";
	CHECK(app_org_update(&app, &tre, cwo, &in, &e) == 0);
	CHECK(app_org_get(&app, &loc, cwo, &o, &e) == 0);
	CHECK_STR(o.phone, "081 234 5678");
	CHECK_INT(count_sql("SELECT COUNT(*) FROM audit_log WHERE action = 'org_update' AND "
			    "before_json LIKE '%\"phone\":\"\"%'"),
		  1);
	/* Search: by kind, by part of the name, inside the scope only. */
	{
		struct org_query q = { NULL, "community_welfare", NULL, NULL, { 0, 0, 0 }, 50, 0 };
		struct org_list l = { NULL, 0, 0 };
		CHECK(app_org_search(&app, &py, &q, &l, &e) == 0);
		CHECK_INT(l.n, 1);
		org_list_release(&l);
		q.kind = "";
		q.name = "เวียง";
		CHECK(app_org_search(&app, &loc, &q, &l, &e) == 0);
		CHECK_INT(l.n, 2);
		org_list_release(&l);
		q.area = "56";
		CHECK(app_org_search(&app, &loc, &q, &l, &e) == ERR_FORBIDDEN);
		q.area = NULL;
		CHECK(app_org_search(&app, &cr, &q, &l, &e) == 0);
		CHECK_INT(l.n, 0);
		org_list_release(&l);
	}
}

static void test_members_contacts_activities(void)
{
	struct org_member_list ml = { NULL, 0, 0 };
	struct org_contact_list cl = { NULL, 0, 0 };
	struct org_activity_list al = { NULL, 0, 0 };
	struct org_contact c = { 0 };
	struct org_activity_in act = { "ประชุมสภาเด็กประจำเดือน", "5/11/2569", NULL, 32, "" };
	struct err e;
	int64_t m1, m2, m3, id;
	int hidden;

	CHECK(app_org_member_add(&app, &loc, youth, p1, "chair", "2019-06-01", &m1, &e) == 0);
	CHECK(app_org_member_add(&app, &loc, youth, p1, "member", "2020-06-01", &id, &e) ==
	      ERR_CONFLICT);
	CHECK(app_org_member_add(&app, &loc, youth, p2, "boss", "2020-06-01", &id, &e) ==
	      ERR_INVALID);
	CHECK_STR(e.field, "role");
	CHECK(app_org_member_add(&app, &loc, youth, p2, "secretary", "2019-01-01", &id, &e) ==
	      ERR_INVALID); /* before the founding */
	CHECK(app_org_member_add(&app, &loc, youth, p2, "secretary", "2020-01-01", &m2, &e) == 0);
	/* A person outside the officer's scope cannot be added; the province officer can. */
	CHECK(app_org_member_add(&app, &loc, youth, p3, "member", "2020-01-01", &id, &e) ==
	      ERR_FORBIDDEN);
	CHECK(app_org_member_add(&app, &py, youth, p3, "member", "2020-01-01", &m3, &e) == 0);
	CHECK(app_org_member_add(&app, &py, youth, p_cr, "member", "2020-01-01", &id, &e) ==
	      ERR_FORBIDDEN);
	CHECK(app_org_member_add(&app, &vol, youth, p2, "member", "2020-01-01", &id, &e) ==
	      ERR_FORBIDDEN);
	CHECK(app_org_member_add(&app, &loc, youth, 999999, "member", "2020-01-01", &id, &e) ==
	      ERR_INVALID);
	/* The local officer sees the two members of their tambon; one is hidden. */
	CHECK(app_org_members(&app, &loc, youth, false, &ml, &hidden, &e) == 0);
	CHECK_INT(ml.n, 2);
	CHECK_INT(hidden, 1);
	REQUIRE(ml.n == 2);
	CHECK_STR(ml.items[0].role, "chair");
	org_member_list_release(&ml);
	CHECK(app_org_member_end(&app, &loc, m2, "2018-01-01", &e) == ERR_INVALID);
	CHECK(app_org_member_end(&app, &loc, m2, "2025-12-31", &e) == 0);
	CHECK(app_org_members(&app, &py, youth, false, &ml, &hidden, &e) == 0);
	CHECK_INT(ml.n, 2);
	CHECK_INT(hidden, 0);
	org_member_list_release(&ml);
	CHECK(app_org_members(&app, &py, youth, true, &ml, NULL, &e) == 0);
	CHECK_INT(ml.n, 3);
	org_member_list_release(&ml);
	/* A person's memberships: p1 chairs the council; p2's has ended; p3 lives
	 * outside the local officer's scope. */
	CHECK(app_org_of_person(&app, &loc, p1, &ml, &e) == 0);
	REQUIRE(ml.n == 1);
	CHECK(ml.items[0].org_id == youth);
	CHECK_STR(ml.items[0].role, "chair");
	CHECK(ml.items[0].org_name[0] != 0);
	org_member_list_release(&ml);
	CHECK(app_org_of_person(&app, &loc, p2, &ml, &e) == 0);
	CHECK_INT(ml.n, 0);
	org_member_list_release(&ml);
	CHECK(app_org_of_person(&app, &loc, p3, &ml, &e) == ERR_FORBIDDEN);
	CHECK(app_org_of_person(&app, &py, p3, &ml, &e) == 0);
	CHECK_INT(ml.n, 1);
	org_member_list_release(&ml);

	snprintf(c.name, sizeof(c.name), "นางสาวกานดา ใจงาม");
	snprintf(c.position, sizeof(c.position), "ประธานสภาเด็ก");
	CHECK(app_org_contact_add(&app, &loc, youth, &c, &id, &e) == ERR_INVALID);
	CHECK_STR(e.field, "phone");
	snprintf(c.phone, sizeof(c.phone), "089 555 0101");
	CHECK(app_org_contact_add(&app, &loc, youth, &c, &id, &e) == 0);
	CHECK(app_org_contact_add(&app, &vol, youth, &c, &m1, &e) == ERR_FORBIDDEN);
	/* A village volunteer's scope does not reach a tambon-wide organisation. */
	CHECK(app_org_contacts(&app, &vol, youth, &cl, &e) == ERR_FORBIDDEN);
	CHECK(app_org_contacts(&app, &aud, youth, &cl, &e) == 0);
	CHECK_INT(cl.n, 1);
	org_contact_list_release(&cl);
	CHECK(app_org_contact_remove(&app, &loc, id, &e) == 0);
	CHECK(app_org_contact_remove(&app, &loc, id, &e) == ERR_NOT_FOUND);

	CHECK(app_org_activity_add(&app, &loc, youth, &act, &id, &e) == 0);
	act.participants = -1;
	CHECK(app_org_activity_add(&app, &loc, youth, &act, &id, &e) == ERR_INVALID);
	CHECK_STR(e.field, "participants");
	act.participants = 40;
	act.title = "";
	CHECK(app_org_activity_add(&app, &loc, youth, &act, &id, &e) == ERR_INVALID);
	CHECK_STR(e.field, "title");
	act.title = "ค่ายเยาวชน";
	act.area = "570101";
	CHECK(app_org_activity_add(&app, &loc, youth, &act, &id, &e) == ERR_FORBIDDEN);
	act.area = v2;
	act.held_on = "2026-03-01";
	CHECK(app_org_activity_add(&app, &loc, youth, &act, &id, &e) == 0);
	CHECK(app_org_activities(&app, &aud, youth, 10, &al, &e) == 0);
	REQUIRE(al.n == 2);
	CHECK_STR(al.items[0].title, "ประชุมสภาเด็กประจำเดือน"); /* latest first */
	CHECK_INT(al.items[1].participants, 40);
	org_activity_list_release(&al);
}

static void test_volunteers(void)
{
	struct volunteer_in in = { p1, "vol1", "560101", "1/10/2565", "" };
	struct assignment_list asg = { NULL, 0, 0 };
	struct volunteer_list vl = { NULL, 0, 0 };
	struct volunteer v;
	struct err e;
	int64_t id, a1, a2, a3, hid;

	CHECK(app_volunteer_add(&app, &vol, &in, &id, &e) == ERR_FORBIDDEN);
	CHECK(app_volunteer_add(&app, &cr, &in, &id, &e) == ERR_FORBIDDEN);
	in.username = "off2";
	CHECK(app_volunteer_add(&app, &loc, &in, &id, &e) == ERR_INVALID);
	CHECK_STR(e.field, "username");
	in.username = "vol1";
	in.area = "56";
	CHECK(app_volunteer_add(&app, &py, &in, &id, &e) == ERR_INVALID);
	in.area = "560101";
	CHECK(app_volunteer_add(&app, &loc, &in, &id, &e) == 0);
	in.username = NULL;
	CHECK(app_volunteer_add(&app, &loc, &in, &a1, &e) == ERR_CONFLICT);
	CHECK_STR(e.field, "person_id");
	in.person_id = p2;
	in.username = "vol1";
	CHECK(app_volunteer_add(&app, &loc, &in, &a1, &e) == ERR_CONFLICT);
	CHECK_STR(e.field, "username");
	/* Villages inside the volunteer's tambon; not another tambon's; not twice. */
	CHECK(app_volunteer_assign(&app, &loc, id, v1, 0, "2022-10-01", &a1, &e) == 0);
	CHECK(app_volunteer_assign(&app, &loc, id, v1, 0, "2022-10-01", &a2, &e) == ERR_CONFLICT);
	CHECK(app_volunteer_assign(&app, &loc, id, vx, 0, "2022-10-01", &a2, &e) == ERR_INVALID);
	CHECK(app_volunteer_assign(&app, &loc, id, "5601", 0, "2022-10-01", &a2, &e) == ERR_INVALID);
	CHECK(app_volunteer_assign(&app, &loc, id, v2, 0, "2022-10-01", &a2, &e) == 0);
	CHECK(app_household_add(&app, &sys, v2, "45/1", 250000, &hid, &e) == 0);
	CHECK(app_volunteer_assign(&app, &loc, id, NULL, hid, "2023-01-15", &a3, &e) == 0);
	/* The volunteer reads their record and cannot change it. */
	CHECK(app_volunteer_assign(&app, &vol, id, v1, 0, "2022-10-01", &a2, &e) == ERR_FORBIDDEN);
	CHECK(app_volunteer_unassign(&app, &vol, a1, "2026-01-01", &e) == ERR_FORBIDDEN);
	/* The volunteer reads their own record (its tambon is wider than their
	 * village scope) and it heads their list. */
	CHECK(app_volunteer_get(&app, &vol, id, &v, NULL, &e) == 0);
	CHECK(app_volunteer_list(&app, &vol, NULL, "", 50, 0, &vl, &e) == 0);
	CHECK_INT(vl.n, 1);
	volunteer_list_release(&vl);
	CHECK(app_volunteer_get(&app, &loc, id, &v, &asg, &e) == 0);
	CHECK_INT(v.assignments, 3);
	CHECK_INT(asg.n, 3);
	CHECK_STR(v.username, "vol1");
	assignment_list_release(&asg);
	CHECK(app_volunteer_unassign(&app, &loc, a1, "2026-01-01", &e) == 0);
	CHECK(app_volunteer_unassign(&app, &loc, a1, "2026-01-02", &e) == ERR_CONFLICT);
	CHECK(app_volunteer_list(&app, &py, NULL, "active", 50, 0, &vl, &e) == 0);
	REQUIRE(vl.n == 1);
	CHECK_INT(vl.items[0].assignments, 2);
	volunteer_list_release(&vl);
	CHECK(app_volunteer_list(&app, &cr, "56", "", 50, 0, &vl, &e) == ERR_FORBIDDEN);
	CHECK(app_volunteer_set_status(&app, &loc, id, "resting", &e) == ERR_INVALID);
	CHECK(app_volunteer_set_status(&app, &loc, id, "ended", &e) == 0);
	CHECK(app_volunteer_get(&app, &loc, id, &v, NULL, &e) == 0);
	CHECK_INT(v.assignments, 0);
	CHECK(app_volunteer_assign(&app, &loc, id, v1, 0, "2026-01-01", &a2, &e) == ERR_CONFLICT);
}

static void test_networks_and_reach(void)
{
	struct network_in prov = { .level = "province", .area = "56", .name = "เครือข่ายสภาเด็กและเยาวชนจังหวัดพะเยา", .parent_id = 0 };
	struct network_in dn = { .level = "district", .area = "5601", .name = "เครือข่ายสภาเด็กอำเภอเมืองพะเยา", .parent_id = 0 };
	struct network_in tn = { .level = "tambon", .area = "560101", .name = "เครือข่ายสวัสดิการตำบลเวียง", .parent_id = 0 };
	struct network_in cl = { .level = "cluster", .area = "C16", .name = "เครือข่ายกลุ่มจังหวัดภาคเหนือตอนบน 2", .parent_id = 0 };
	struct network_list nl = { NULL, 0, 0 };
	struct network_member_list ml = { NULL, 0, 0 };
	struct network_reach rc;
	struct org_in oi = { .kind = "elderly_club", .name_th = "ชมรมผู้สูงอายุอำเภอจุน", .area = "5602" };
	struct err e;
	int64_t np, nd, nt, nc, ncr, id, club, x;
	int hidden;

	CHECK(app_network_add(&app, &py, &cl, &nc, &e) == ERR_FORBIDDEN);
	CHECK(app_network_add(&app, &nat, &cl, &nc, &e) == 0);
	cl.area = "C99";
	CHECK(app_network_add(&app, &nat, &cl, &x, &e) == ERR_INVALID);
	prov.parent_id = nc;
	CHECK(app_network_add(&app, &cr, &prov, &np, &e) == ERR_FORBIDDEN);
	CHECK(app_network_add(&app, &py, &prov, &np, &e) == 0);
	dn.area = "56";
	CHECK(app_network_add(&app, &py, &dn, &nd, &e) == ERR_INVALID); /* level and code disagree */
	dn.area = "5601";
	dn.parent_id = nc + 1000;
	CHECK(app_network_add(&app, &py, &dn, &nd, &e) == ERR_INVALID);
	dn.parent_id = np;
	CHECK(app_network_add(&app, &dist, &dn, &nd, &e) == 0);
	tn.parent_id = nd;
	CHECK(app_network_add(&app, &vol, &tn, &nt, &e) == ERR_FORBIDDEN);
	CHECK(app_network_add(&app, &loc, &tn, &nt, &e) == 0);
	/* A child must sit inside its parent and below it. */
	{
		struct network_in bad = { .level = "tambon", .area = "560201", .name = "เครือข่ายตำบลห้วยข้าวก่ำ", .parent_id = nd };
		CHECK(app_network_add(&app, &py, &bad, &x, &e) == ERR_INVALID);
		bad.level = "province";
		bad.area = "56";
		bad.parent_id = nd;
		CHECK(app_network_add(&app, &py, &bad, &x, &e) == ERR_INVALID);
		struct network_in crn = { .level = "province", .area = "57", .name = "เครือข่ายจังหวัดเชียงราย", .parent_id = nc };
		CHECK(app_network_add(&app, &cr, &crn, &ncr, &e) == 0);
	}
	CHECK(app_org_add(&app, &py, &oi, &club, &e) == 0);
	CHECK(app_org_member_add(&app, &py, club, p3, "chair", "2021-01-01", &id, &e) == 0);
	/* Organisations and people join at their own level. */
	CHECK(app_network_join_org(&app, &loc, nt, youth, "2022-01-01", &id, &e) == 0);
	CHECK(app_network_join_org(&app, &loc, nt, youth, "2022-01-01", &id, &e) == ERR_CONFLICT);
	CHECK(app_network_join_org(&app, &loc, nt, cwo, "2022-01-01", &id, &e) == 0);
	CHECK(app_network_join_org(&app, &py, np, club, "2022-02-01", &id, &e) == 0);
	CHECK(app_network_join_person(&app, &py, np, p2, "coordinator", "2022-02-01", &id, &e) == 0);
	CHECK(app_network_join_person(&app, &py, np, p2, "member", "2022-02-01", &id, &e) ==
	      ERR_CONFLICT);
	CHECK(app_network_join_person(&app, &py, np, p1, "boss", "2022-02-01", &id, &e) ==
	      ERR_INVALID);
	CHECK(app_network_join_person(&app, &cr, ncr, p_cr, "member", "2022-02-01", &id, &e) == 0);
	CHECK(app_network_join_person(&app, &nat, nc, p1, "committee", "2022-02-01", &id, &e) == 0);
	/* The province's reach counts its children: orgs youth, cwo and the
	 * club; people p1 (youth's chair), p3 (youth and club), p2 (direct and
	 * youth's former secretary, ended: counted once as direct); districts
	 * 5601 and 5602; one province. */
	CHECK(app_network_reach(&app, &py, np, &rc, &e) == 0);
	CHECK_INT(rc.networks, 3);
	CHECK_INT(rc.orgs, 3);
	CHECK_INT(rc.people, 3);
	CHECK_INT(rc.districts, 2);
	CHECK_INT(rc.provinces, 1);
	/* The cluster reaches both provinces. */
	CHECK(app_network_reach(&app, &nat, nc, &rc, &e) == 0);
	CHECK_INT(rc.networks, 5);
	CHECK_INT(rc.provinces, 2);
	CHECK_INT(rc.people, 4);
	/* Phayao's officer reads the cluster (Phayao is in C16) but sees only
	 * their own people in it; Chiang Rai's does not read Phayao's network. */
	CHECK(app_network_members(&app, &py, nc, true, &ml, &hidden, &e) == 0);
	CHECK_INT(ml.n, 1);
	network_member_list_release(&ml);
	CHECK(app_network_reach(&app, &cr, np, &rc, &e) == ERR_FORBIDDEN);
	CHECK(app_network_list(&app, &cr, NULL, &nl, &e) == 0);
	CHECK_INT(nl.n, 2); /* the cluster and Chiang Rai's */
	network_list_release(&nl);
	CHECK(app_network_list(&app, &loc, NULL, &nl, &e) == 0);
	CHECK_INT(nl.n, 2); /* the cluster (its province is in it) and the tambon's */
	network_list_release(&nl);
	CHECK(app_network_children(&app, &py, np, &nl, &e) == 0);
	CHECK_INT(nl.n, 1);
	network_list_release(&nl);
	CHECK(app_network_members(&app, &aud, nt, false, &ml, NULL, &e) == 0);
	CHECK_INT(ml.n, 2);
	network_member_list_release(&ml);
	CHECK(app_org_networks(&app, &loc, cwo, &nl, &e) == 0);
	CHECK_INT(nl.n, 1);
	network_list_release(&nl);
	CHECK(app_network_leave(&app, &loc, nt, false, cwo, "2026-01-01", &e) == 0);
	CHECK(app_org_networks(&app, &loc, cwo, &nl, &e) == 0);
	CHECK_INT(nl.n, 0);
	network_list_release(&nl);
	CHECK(app_network_leave(&app, &loc, nt, false, cwo, "2026-01-01", &e) == ERR_NOT_FOUND);
	CHECK(app_network_reach(&app, &py, np, &rc, &e) == 0);
	CHECK_INT(rc.orgs, 2);
}

static void test_report(void)
{
	struct org_rollup r;
	struct buf x = BUF_INIT;
	struct err e;
	const struct org_rollup_row *mueang = NULL;

	CHECK(app_org_report(&app, &py, "56", false, &r, &e) == 0);
	/* Rows: the province itself (the foundation), Mueang (5601) and Chun (5602). */
	CHECK_INT(r.n, 3);
	for (size_t i = 0; i < r.n; i++)
		if (!strcmp(r.rows[i].area, "5601"))
			mueang = &r.rows[i];
	REQUIRE(mueang != NULL);
	CHECK_INT(mueang->orgs[ORG_YOUTH_COUNCIL], 1);
	CHECK_INT(mueang->orgs[ORG_COMMUNITY_WELFARE], 1);
	CHECK_INT(mueang->members[ORG_YOUTH_COUNCIL], 2);
	CHECK_INT(mueang->volunteers, 0); /* the one volunteer has ended */
	CHECK_STR(mueang->name_th, "เมืองพะเยา");
	CHECK_INT(r.total.orgs_total, 4);
	CHECK_INT(r.total.members_total, 3);
	CHECK_INT(r.total.people, 2); /* p1 and p3 (who is in two organisations) */
	org_rollup_release(&r);
	CHECK(app_org_report(&app, &nat, "north", false, &r, &e) == 0);
	REQUIRE(r.n == 1);
	CHECK_STR(r.rows[0].area, "56");
	org_rollup_release(&r);
	CHECK(app_org_report(&app, &nat, NULL, true, &r, &e) == 0);
	REQUIRE(r.n == 1);
	CHECK_STR(r.rows[0].area, "north");
	org_rollup_release(&r);
	CHECK(app_org_report(&app, &py, "north", false, &r, &e) == ERR_FORBIDDEN);
	CHECK(app_org_report(&app, &cr, "56", false, &r, &e) == ERR_FORBIDDEN);
	CHECK(app_org_report(&app, &py, "5x", false, &r, &e) == ERR_INVALID);
	CHECK(app_org_report_xlsx(&app, &py, "56", false, "th", &x, &e) == 0);
	CHECK(x.len > 1000 && x.ptr[0] == 'P' && x.ptr[1] == 'K');
	/* Read back: the title, Mueang's youth councils, the total's organisations. */
	{
		struct xlsx *xl = NULL;
		struct xlsx_row row;
		bool seen_mueang = false, seen_total = false;

		REQUIRE(xlsx_open_mem(x.ptr, x.len, NULL, &xl, &e) == 0);
		CHECK_INT(xlsx_sheet_count(xl), 2);
		CHECK_STR(xlsx_sheet_at(xl, 1)->name, "สมาชิก");
		REQUIRE(xlsx_select_sheet(xl, "องค์กร", &e) == 0);
		REQUIRE(xlsx_next_row(xl, &row, &e) == XLSX_ROW);
		CHECK_STR(row.cells[0].text.ptr, "องค์กรจำแนกตามประเภทและพื้นที่");
		REQUIRE(xlsx_next_row(xl, &row, &e) == XLSX_ROW);
		CHECK_STR(row.cells[0].text.ptr, "พะเยา (56)");
		while (xlsx_next_row(xl, &row, &e) == XLSX_ROW) {
			if (row.n > 13 && !strcmp(row.cells[0].text.ptr, "5601")) {
				seen_mueang = true;
				CHECK_STR(row.cells[2].text.ptr, "1");
				CHECK_STR(row.cells[13].text.ptr, "2");
			}
			if (row.n > 13 && !strcmp(row.cells[1].text.ptr, "รวม")) {
				seen_total = true;
				CHECK_STR(row.cells[13].text.ptr, "4");
			}
		}
		CHECK(seen_mueang);
		CHECK(seen_total);
		xlsx_free(xl);
	}
	buf_release(&x);
}

static void test_dissolve(void)
{
	struct org_member_list ml = { NULL, 0, 0 };
	struct org_activity_in act = { "ประชุม", "2026-01-05", NULL, 5, "" };
	struct org o;
	struct err e;
	int64_t id;

	CHECK(app_org_dissolve(&app, &vol, youth, "2026-02-01", "", &e) == ERR_FORBIDDEN);
	CHECK(app_org_dissolve(&app, &loc, youth, "", "", &e) == ERR_INVALID);
	CHECK(app_org_dissolve(&app, &loc, youth, "2026-02-01", "ควบรวมกับสภาเด็กอำเภอ", &e) == 0);
	CHECK(app_org_get(&app, &loc, youth, &o, &e) == 0);
	CHECK_STR(o.status, "dissolved");
	CHECK_INT(o.members, 0);
	CHECK(app_org_members(&app, &py, youth, false, &ml, NULL, &e) == 0);
	CHECK_INT(ml.n, 0);
	org_member_list_release(&ml);
	CHECK(app_org_activity_add(&app, &loc, youth, &act, &id, &e) == ERR_CONFLICT);
	CHECK(app_org_dissolve(&app, &loc, youth, "2026-02-01", "", &e) == ERR_CONFLICT);
	CHECK_INT(count_sql("SELECT COUNT(*) FROM network_org WHERE org_id = 1 AND left_on IS NULL"),
		  0);
}

/* Every failure point of a write leaves nothing behind. */
static void test_faults(void)
{
	struct db *db;
	struct err e;
	int64_t id = 0, before = count_sql("SELECT COUNT(*) FROM org_member");
	int64_t audits = count_sql("SELECT COUNT(*) FROM audit_log");
	bool done = false;

	db = app_db(&app, &e);
	for (long n = 1; n < 40 && !done; n++) {
		db_fail_after(db, n);
		int r = app_org_member_add(&app, &loc, cwo, p2, "member", "2024-01-01", &id, &e);
		db_fail_after(db, 0);
		if (r == 0) {
			done = true;
			CHECK_INT(count_sql("SELECT COUNT(*) FROM org_member"), before + 1);
			CHECK_INT(count_sql("SELECT COUNT(*) FROM audit_log"), audits + 1);
		} else {
			CHECK_INT(id, 0);
			CHECK_INT(count_sql("SELECT COUNT(*) FROM org_member"), before);
			CHECK_INT(count_sql("SELECT COUNT(*) FROM audit_log"), audits);
		}
	}
	CHECK(done);
}

/* The database itself refuses a second open membership (two writers racing
 * past the use case's check). */
static void test_store_guards(void)
{
	struct org_member m = { 0 };
	struct err e;
	struct db *db = app_db(&app, &e);
	int64_t id;

	REQUIRE(db != NULL);
	m.org_id = cwo;
	m.person_id = p3;
	snprintf(m.role, sizeof(m.role), "member");
	m.since = (struct date){ 2024, 1, 1 };
	REQUIRE(db_begin(db, &e) == 0);
	CHECK(org_member_insert(db, &m, "2026-01-01T00:00:00Z", &id, &e) == 0);
	CHECK(org_member_insert(db, &m, "2026-01-01T00:00:00Z", &id, &e) == ERR_CONFLICT);
	db_rollback(db);
	REQUIRE(db_begin(db, &e) == 0);
	CHECK(network_member_insert(db, false, 1, cwo, "", m.since, "2026-01-01T00:00:00Z", &id, &e) ==
	      0);
	CHECK(network_member_insert(db, false, 1, cwo, "", m.since, "2026-01-01T00:00:00Z", &id, &e) ==
	      ERR_CONFLICT);
	db_rollback(db);
}

int main(int argc, char **argv)
{
	setup(argc > 1 ? argv[1] : NULL);
	RUN(test_org_validation);
	RUN(test_org_access);
	RUN(test_members_contacts_activities);
	RUN(test_volunteers);
	RUN(test_networks_and_reach);
	RUN(test_report);
	RUN(test_dissolve);
	RUN(test_faults);
	RUN(test_store_guards);
	app_release(&app);
	if (!on_pg)
		unlink(path);
	return test_summary(on_pg ? "org_app-postgres" : "org_app");
}
