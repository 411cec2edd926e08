/*
 * Welfare assembly use cases on a real database (a temporary SQLite file,
 * or the PostgreSQL URL given as the argument): creating events with role
 * and area checks (a province officer manages only their province's
 * events), invitation quotas refusing the participant above an area's
 * quota with a message naming the area and the quota, attendance only for
 * registered people on the event's days, agenda items, the proposal's road
 * with no state skipped and evidence on every step, the area report, the
 * sign-in sheet and summary PDFs and the .xlsx report, rollback on every
 * failure point, and the demo data.
 */
#include <unistd.h>
#include "test.h"
#include "app/assembly.h"
#include "app/geo.h"
#include "app/person.h"

static struct app app;
static struct actor sys, py, py50, dist, loc, vol1, vol2, nat, aud;
static char path[512];
static bool on_pg;
static int64_t p1[4], p2[3];
static char d0[16], d1[16], dprev[16], dnext[16];
static int year;

static void set_actor(struct actor *a, const char *name, enum role r, const char *area)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->username, sizeof(a->username), "%s", name);
	a->role = r;
	snprintf(a->area, sizeof(a->area), "%s", area);
	a->id = 1;
}

static void thid(const char *first12, char out[14])
{
	int s = 0;

	for (int i = 0; i < 12; i++)
		s += (first12[i] - '0') * (13 - i);
	snprintf(out, 14, "%s%d", first12, (11 - s % 11) % 10);
}

static int64_t add_person(const char *nid12, const char *given, const char *area)
{
	struct person_in in;
	char nid[14];
	struct err e;
	int64_t id = 0;

	memset(&in, 0, sizeof(in));
	thid(nid12, nid);
	in.national_id = nid;
	in.title = "นาง";
	in.given_name = given;
	in.family_name = "ใจดี";
	in.sex = "F";
	in.birth_date = "1960-05-01";
	in.reg_status = "house";
	in.nationality = "TH";
	in.area = area;
	CHECK(app_person_add(&app, &sys, &in, &id, &e) == 0);
	return id;
}

static void day(int offset, char out[16])
{
	struct date d;

	date_add_days(app_today(&app), offset, &d, NULL);
	snprintf(out, 16, "%04d-%02d-%02d", d.y, d.m, d.d);
}

static void setup(const char *url)
{
	struct geo_counts g;
	struct err e;
	int applied;
	char nid[32];

	if (url && (starts_with(url, "postgres://") || starts_with(url, "postgresql://"))) {
		struct db *db;
		snprintf(path, sizeof(path), "%s", url);
		on_pg = true;
		REQUIRE(db_open(path, &db, &e) == 0);
		REQUIRE(db_exec(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;", &e) == 0);
		db_close(db);
	} else {
		snprintf(path, sizeof(path), "/tmp/sawat-t-assembly-%d.db", (int)getpid());
		unlink(path);
	}
	REQUIRE(app_init(&app, path, &e) == 0);
	REQUIRE(app_setup(&app, &applied, &g, &e) == 0);
	actor_system(&sys);
	set_actor(&py, "phayao", ROLE_PROVINCE_OFFICER, "56");
	set_actor(&py50, "chiangmai", ROLE_PROVINCE_OFFICER, "50");
	set_actor(&dist, "mueang", ROLE_DISTRICT_OFFICER, "5601");
	set_actor(&loc, "local", ROLE_LOCAL_OFFICER, "560101");
	set_actor(&vol1, "vol1", ROLE_VOLUNTEER, "560101");
	set_actor(&vol2, "vol2", ROLE_VOLUNTEER, "560102");
	set_actor(&nat, "admin", ROLE_NATIONAL_ADMIN, "TH");
	set_actor(&aud, "auditor", ROLE_AUDITOR, "56");
	for (int i = 0; i < 4; i++) {
		snprintf(nid, sizeof(nid), "35601010010%d", i);
		p1[i] = add_person(nid, i == 0 ? "สมศรี" : i == 1 ? "บุญมี" : i == 2 ? "คำปัน" : "แสงเดือน",
				   "560101");
	}
	for (int i = 0; i < 3; i++) {
		snprintf(nid, sizeof(nid), "35601020010%d", i);
		p2[i] = add_person(nid, i == 0 ? "จันทร์เพ็ญ" : i == 1 ? "ทองดี" : "ศรีนวล", "560102");
	}
	day(-10, d0);
	day(-9, d1);
	day(-11, dprev);
	day(1, dnext);
	year = app_today(&app).y;
	/* An event that starts 10 days ago counts in the year it started. */
	{
		struct date s;
		date_add_days(app_today(&app), -10, &s, NULL);
		year = s.y;
	}
}

static int64_t make_event(const struct actor *a, const char *level, const char *area,
			  const char *from, const char *to, int *rc, struct err *e)
{
	struct assembly_in in;
	const char *orgs[] = { "เครือข่ายสวัสดิการชุมชนจังหวัดพะเยา" };
	int64_t id = 0;

	memset(&in, 0, sizeof(in));
	in.title = "สมัชชาสวัสดิการจังหวัดพะเยา";
	in.level = level;
	in.area = area;
	in.group_code = !strcmp(level, "cluster") ? "C16" : NULL;
	in.starts_on = from;
	in.ends_on = to;
	in.venue = "หอประชุมจังหวัด";
	in.budget = 5000000;
	in.organisers = orgs;
	in.nnames = 1;
	*rc = app_assembly_add(&app, a, &in, &id, e);
	return id;
}

static int64_t ev;   /* the provincial assembly the tests share */

static void test_create_and_access(void)
{
	struct assembly_list l = { NULL, 0, 0 };
	struct assembly_detail d;
	struct err e;
	int rc;

	ev = make_event(&py, "province", "56", d0, d1, &rc, &e);
	CHECK_INT(rc, 0);
	CHECK(ev > 0);
	/* A province officer manages only their province's events. */
	make_event(&py50, "province", "56", d0, d1, &rc, &e);
	CHECK_INT(rc, ERR_FORBIDDEN);
	make_event(&py, "province", "50", d0, d1, &rc, &e);
	CHECK_INT(rc, ERR_FORBIDDEN);
	CHECK(app_assembly_quota_set(&app, &py50, ev, "560101", 5, &e) == ERR_FORBIDDEN);
	/* Volunteers and auditors do not run assemblies. */
	make_event(&vol1, "tambon", "560101", d0, d1, &rc, &e);
	CHECK_INT(rc, ERR_FORBIDDEN);
	make_event(&aud, "province", "56", d0, d1, &rc, &e);
	CHECK_INT(rc, ERR_FORBIDDEN);
	/* Level and area must agree; nation-level events are the national admin's. */
	make_event(&py, "district", "56", d0, d1, &rc, &e);
	CHECK_INT(rc, ERR_INVALID);
	CHECK_STR(e.field, "area");
	make_event(&py, "cluster", "TH", d0, d1, &rc, &e);
	CHECK_INT(rc, ERR_FORBIDDEN);
	CHECK(make_event(&nat, "cluster", "TH", d0, d1, &rc, &e) > 0);
	CHECK_INT(rc, 0);
	make_event(&py, "province", "56", d1, d0, &rc, &e);
	CHECK_INT(rc, ERR_INVALID);
	CHECK_STR(e.field, "ends_on");
	make_event(&py, "galaxy", "56", d0, d1, &rc, &e);
	CHECK_INT(rc, ERR_INVALID);
	/* A volunteer in a tambon sees the provincial assembly; Chiang Mai's officer does not. */
	CHECK(app_assembly_list(&app, &vol1, NULL, 0, 50, 0, &l, &e) == 0);
	CHECK(l.n >= 1);
	assembly_list_release(&l);
	CHECK(app_assembly_get(&app, &vol1, ev, &d, &e) == 0);
	CHECK(!d.can_manage);
	CHECK(d.can_register);
	CHECK_INT(d.organisers.n, 1);
	CHECK_INT(d.ndays, 2);
	assembly_detail_release(&d);
	CHECK(app_assembly_get(&app, &py50, ev, &d, &e) == ERR_FORBIDDEN);
	CHECK(app_assembly_list(&app, &py50, "56", 0, 50, 0, &l, &e) == ERR_FORBIDDEN);
}

static void test_quota_guard(void)
{
	struct registration_in in;
	struct assembly_detail d;
	struct err e;
	int64_t rid;

	CHECK(app_assembly_quota_set(&app, &py, ev, "560101", 2, &e) == 0);
	CHECK(app_assembly_quota_set(&app, &py, ev, "500101", 2, &e) == ERR_INVALID);
	CHECK(app_assembly_quota_set(&app, &py, ev, "560101", 0, &e) == ERR_INVALID);
	memset(&in, 0, sizeof(in));
	in.person_id = p1[0];
	CHECK(app_assembly_register(&app, &py, ev, &in, &rid, &e) == 0);
	CHECK(rid > 0);
	CHECK(app_assembly_register(&app, &py, ev, &in, &rid, &e) == ERR_CONFLICT); /* twice */
	in.person_id = p1[1];
	CHECK(app_assembly_register(&app, &vol1, ev, &in, &rid, &e) == 0); /* a volunteer, own tambon */
	/* The third from the tambon is above its quota: refused, naming the area and the quota. */
	in.person_id = p1[2];
	CHECK(app_assembly_register(&app, &py, ev, &in, &rid, &e) == ERR_CONFLICT);
	CHECK_INT(rid, 0);
	CHECK(strstr(e.th, "560101") && strstr(e.th, "2 คน") && strstr(e.th, "เวียง"));
	CHECK(strstr(e.en, "560101") && strstr(e.en, "quota") && strstr(e.en, "2 people"));
	/* A tambon with no quota takes no participants once invitations are by quota... */
	in.person_id = p2[0];
	CHECK(app_assembly_register(&app, &py, ev, &in, &rid, &e) == ERR_CONFLICT);
	CHECK(strstr(e.en, "560102") != NULL);
	/* ...but a speaker is not a participant. */
	memset(&in, 0, sizeof(in));
	in.name = "ดร.สมชาย วิทยากร";
	in.organisation = "มหาวิทยาลัยพะเยา";
	in.origin = "560102";
	in.role = "speaker";
	CHECK(app_assembly_register(&app, &py, ev, &in, &rid, &e) == 0);
	in.role = "king";
	CHECK(app_assembly_register(&app, &py, ev, &in, &rid, &e) == ERR_INVALID);
	in.role = NULL;
	in.origin = "999999";
	CHECK(app_assembly_register(&app, &py, ev, &in, &rid, &e) == ERR_INVALID);
	/* A volunteer registers only people from their own area. */
	CHECK(app_assembly_quota_set(&app, &py, ev, "560102", 9, &e) == 0);
	memset(&in, 0, sizeof(in));
	in.person_id = p1[2];
	CHECK(app_assembly_register(&app, &vol2, ev, &in, &rid, &e) == ERR_FORBIDDEN);
	in.person_id = p2[0];
	CHECK(app_assembly_register(&app, &vol2, ev, &in, &rid, &e) == 0);
	in.person_id = p2[1];
	CHECK(app_assembly_register(&app, &dist, ev, &in, &rid, &e) == 0);
	/* The quota cannot go below who is registered; raised, the third fits. */
	CHECK(app_assembly_quota_set(&app, &py, ev, "560101", 1, &e) == ERR_CONFLICT);
	CHECK(app_assembly_quota_set(&app, &py, ev, "560101", 3, &e) == 0);
	in.person_id = p1[2];
	CHECK(app_assembly_register(&app, &py, ev, &in, &rid, &e) == 0);
	CHECK(app_assembly_get(&app, &py, ev, &d, &e) == 0);
	CHECK_INT(d.regs.n, 6);
	CHECK_INT(d.quotas.n, 2);
	CHECK_INT(d.quota_used[0], 3);
	CHECK_INT(d.quota_used[1], 2);
	assembly_detail_release(&d);
	/* Another tambon's volunteer sees only their own people. */
	CHECK(app_assembly_get(&app, &vol2, ev, &d, &e) == 0);
	CHECK_INT(d.regs.n, 3); /* two participants and the speaker from 560102 */
	assembly_detail_release(&d);
}

static void test_attendance(void)
{
	struct assembly_detail d;
	struct err e;
	int64_t rid, other, orid;
	int rc;

	CHECK(app_assembly_get(&app, &py, ev, &d, &e) == 0);
	REQUIRE(d.regs.n > 2);
	rid = d.regs.items[0].id;
	assembly_detail_release(&d);
	CHECK(app_assembly_attend(&app, &py, ev, rid, d0, &e) == 0);
	CHECK(app_assembly_attend(&app, &py, ev, rid, d0, &e) == 0); /* again: nothing new */
	CHECK(app_assembly_attend(&app, &py, ev, rid, d1, &e) == 0);
	CHECK(app_assembly_attend(&app, &py, ev, rid, dprev, &e) == ERR_INVALID);
	CHECK_STR(e.field, "day");
	CHECK(app_assembly_attend(&app, &py, ev, 999999, d0, &e) == ERR_INVALID);
	CHECK(strstr(e.en, "registration") != NULL);
	/* A registration of another event does not sign in here. */
	other = make_event(&py, "district", "5601", d0, d0, &rc, &e);
	REQUIRE(rc == 0);
	{
		struct registration_in in = { p1[3], NULL, NULL, NULL, NULL };
		CHECK(app_assembly_register(&app, &py, other, &in, &orid, &e) == 0);
	}
	CHECK(app_assembly_attend(&app, &py, ev, orid, d0, &e) == ERR_INVALID);
	CHECK(app_assembly_attend(&app, &py, other, orid, d0, &e) == 0);
	/* Not ahead of the day. */
	{
		char today[16];
		int64_t fut, frid;
		day(0, today);
		fut = make_event(&py, "tambon", "560101", today, dnext, &rc, &e);
		REQUIRE(rc == 0);
		struct registration_in in = { p1[0], NULL, NULL, NULL, NULL };
		CHECK(app_assembly_register(&app, &py, fut, &in, &frid, &e) == 0);
		CHECK(app_assembly_attend(&app, &py, fut, frid, dnext, &e) == ERR_INVALID);
		CHECK(app_assembly_attend(&app, &py, fut, frid, today, &e) == 0);
		/* A cancelled event takes no more. */
		CHECK(app_assembly_set_status(&app, &py, fut, "cancelled", &e) == 0);
		CHECK(app_assembly_set_status(&app, &py, fut, "held", &e) == ERR_CONFLICT);
		in.person_id = p1[1];
		CHECK(app_assembly_register(&app, &py, fut, &in, &frid, &e) == ERR_CONFLICT);
	}
	CHECK(app_assembly_get(&app, &py, ev, &d, &e) == 0);
	CHECK_INT(d.days_attended[0], 3);
	CHECK_INT(d.ev.attended, 1);
	assembly_detail_release(&d);
}

static void test_quota_each(void)
{
	struct assembly_detail d;
	struct err e;
	int64_t id, n = 0;
	int rc;

	id = make_event(&py, "district", "5601", d0, d0, &rc, &e);
	REQUIRE(rc == 0);
	/* Nine people from each tambon of the district, in one go. */
	CHECK(app_assembly_quota_each(&app, &py, id, "5601", 9, &n, &e) == 0);
	CHECK_INT(n, 15);
	CHECK(app_assembly_get(&app, &py, id, &d, &e) == 0);
	CHECK_INT(d.quotas.n, 15);
	CHECK_INT(d.quotas.items[0].quota, 9);
	CHECK_STR(d.quotas.items[0].area, "560101");
	assembly_detail_release(&d);
	CHECK(app_assembly_quota_each(&app, &py, id, "560101", 9, &n, &e) == ERR_INVALID);
	CHECK(app_assembly_quota_each(&app, &py50, id, "5601", 9, &n, &e) == ERR_FORBIDDEN);
	CHECK(app_assembly_quota_each(&app, &py, id, "5602", 9, &n, &e) == ERR_INVALID);
	CHECK_INT(n, 0);
}

static int64_t breakout;

static void test_agenda(void)
{
	struct agenda_in g;
	struct err e;
	int64_t id;

	memset(&g, 0, sizeof(g));
	g.kind = "breakout";
	g.title = "กลุ่มย่อยผู้สูงอายุ";
	g.day = d0;
	g.starts_at = "13:00";
	g.ends_at = "16:00";
	CHECK(app_assembly_agenda_add(&app, &py, ev, &g, &id, &e) == ERR_INVALID); /* by what? */
	CHECK_STR(e.field, "target_group");
	g.target_group = "elderly";
	g.starts_at = "25:00";
	CHECK(app_assembly_agenda_add(&app, &py, ev, &g, &id, &e) == ERR_INVALID);
	g.starts_at = "13:00";
	g.day = dprev;
	CHECK(app_assembly_agenda_add(&app, &py, ev, &g, &id, &e) == ERR_INVALID);
	g.day = d0;
	CHECK(app_assembly_agenda_add(&app, &vol1, ev, &g, &id, &e) == ERR_FORBIDDEN);
	CHECK(app_assembly_agenda_add(&app, &py, ev, &g, &breakout, &e) == 0);
	g.kind = "lecture";
	g.title = "ทิศทางสวัสดิการสังคม";
	g.target_group = NULL;
	g.speakers = "ผู้ว่าราชการจังหวัด";
	g.starts_at = "09:00";
	g.ends_at = "10:00";
	CHECK(app_assembly_agenda_add(&app, &py, ev, &g, &id, &e) == 0);
	CHECK(app_assembly_commitment_add(&app, &py, ev, "commitment", "ปฏิญญาพะเยา",
					  "ผู้ว่าราชการจังหวัด", d1, &id, &e) == 0);
	CHECK(app_assembly_commitment_add(&app, &py, ev, "promise", "x", "", d1, &id, &e) ==
	      ERR_INVALID);
}

static int64_t prop;

static void test_proposal_road(void)
{
	struct proposal_step_list steps = { NULL, 0, 0 };
	struct proposal_in in;
	struct proposal_step_in st;
	struct proposal p;
	struct err e;
	char s1[16], s2[16], s3[16];
	bool can;
	int64_t other;

	day(-8, s1);
	day(-5, s2);
	day(-3, s3);
	memset(&in, 0, sizeof(in));
	in.assembly_id = ev;
	in.agenda_id = breakout;
	in.pillar = "services";
	in.problem = "ผู้สูงอายุติดเตียงขาดผู้ดูแล";
	in.recommendation = "อบรมผู้ดูแลผู้สูงอายุตำบลละ 10 คน";
	in.body = "องค์การบริหารส่วนจังหวัดพะเยา";
	in.endorsements = 45;
	CHECK(app_proposal_add(&app, &vol1, &in, &prop, &e) == ERR_FORBIDDEN);
	in.body = "";
	CHECK(app_proposal_add(&app, &py, &in, &prop, &e) == ERR_INVALID);
	CHECK_STR(e.field, "body");
	in.body = "องค์การบริหารส่วนจังหวัดพะเยา";
	in.pillar = "magic";
	CHECK(app_proposal_add(&app, &py, &in, &prop, &e) == ERR_INVALID);
	in.pillar = "services";
	CHECK(app_proposal_add(&app, &py, &in, &prop, &e) == 0);
	CHECK(app_proposal_get(&app, &py, prop, &p, NULL, &can, &e) == 0);
	CHECK_STR(p.target_group, "elderly");     /* the breakout group's */
	CHECK_STR(p.group_name, "กลุ่มย่อยผู้สูงอายุ");
	CHECK_STR(p.status, "proposed");
	CHECK(can);

	memset(&st, 0, sizeof(st));
	/* No skipping: proposed -> adopted is refused. */
	st.status = "adopted";
	st.evidence = "แผนพัฒนาจังหวัด";
	st.adopted_into = "provincial_plan";
	st.date = s2;
	CHECK(app_proposal_step(&app, &py, prop, &st, &e) == ERR_CONFLICT);
	CHECK(strstr(e.en, "skip") && strstr(e.en, "Submitted"));
	CHECK(strstr(e.th, "ข้ามขั้นไม่ได้") != NULL);
	st.status = "submitted";
	st.evidence = "";
	CHECK(app_proposal_step(&app, &py, prop, &st, &e) == ERR_INVALID); /* evidence */
	CHECK_STR(e.field, "evidence");
	st.evidence = "หนังสือ พย 0020/1234";
	st.date = dprev;                                                   /* before proposed */
	CHECK(app_proposal_step(&app, &py, prop, &st, &e) == ERR_INVALID);
	st.date = dnext;                                                   /* future */
	CHECK(app_proposal_step(&app, &py, prop, &st, &e) == ERR_INVALID);
	st.date = s1;
	CHECK(app_proposal_step(&app, &vol1, prop, &st, &e) == ERR_FORBIDDEN);
	CHECK(app_proposal_step(&app, &py50, prop, &st, &e) == ERR_FORBIDDEN);
	CHECK(app_proposal_step(&app, &py, prop, &st, &e) == 0);
	st.status = "adopted";
	st.adopted_into = "";
	st.date = s2;
	CHECK(app_proposal_step(&app, &py, prop, &st, &e) == ERR_INVALID);
	CHECK_STR(e.field, "adopted_into");
	st.adopted_into = "provincial_plan";
	st.date = d0; /* before the submission */
	CHECK(app_proposal_step(&app, &py, prop, &st, &e) == ERR_INVALID);
	st.date = s2;
	CHECK(app_proposal_step(&app, &py, prop, &st, &e) == 0);
	st.status = "funded";
	st.amount = 0;
	CHECK(app_proposal_step(&app, &py, prop, &st, &e) == ERR_INVALID);
	CHECK_STR(e.field, "amount");
	st.amount = 25000000;
	st.date = s3;
	CHECK(app_proposal_step(&app, &py, prop, &st, &e) == 0);
	st.status = "implemented";
	CHECK(app_proposal_step(&app, &py, prop, &st, &e) == 0);
	st.status = "declined";
	st.evidence = "เปลี่ยนใจ";
	CHECK(app_proposal_step(&app, &py, prop, &st, &e) == ERR_CONFLICT);  /* it has ended */
	CHECK(app_proposal_get(&app, &aud, prop, &p, &steps, &can, &e) == 0);
	CHECK_STR(p.status, "implemented");
	CHECK_STR(p.adopted_into, "provincial_plan");
	CHECK_INT(p.funded_amount, 25000000);
	CHECK(!can);
	CHECK_INT(steps.n, 5);
	CHECK_STR(steps.items[1].status, "submitted");
	CHECK_STR(steps.items[1].evidence, "หนังสือ พย 0020/1234");
	proposal_step_list_release(&steps);

	/* A proposal about one tambon: its local officer records the ordinance; declined needs a reason. */
	in.agenda_id = 0;
	in.target_group = "child_youth";
	in.pillar = "partnership";
	in.group_name = "กลุ่มเด็กและเยาวชน";
	in.area = "560101";
	CHECK(app_proposal_add(&app, &py, &in, &other, &e) == 0);
	memset(&st, 0, sizeof(st));
	st.status = "submitted";
	st.evidence = "ยื่นต่อ อบต.";
	st.date = s1;
	CHECK(app_proposal_step(&app, &loc, other, &st, &e) == 0);
	st.status = "declined";
	st.evidence = "";
	CHECK(app_proposal_step(&app, &loc, other, &st, &e) == ERR_INVALID);
	CHECK(strstr(e.en, "reason") != NULL);
	st.evidence = "งบประมาณไม่เพียงพอในปีนี้";
	CHECK(app_proposal_step(&app, &loc, other, &st, &e) == 0);
	in.area = "500101";
	CHECK(app_proposal_add(&app, &py, &in, &other, &e) == ERR_INVALID);
	in.area = NULL;
	in.target_group = "aliens";
	CHECK(app_proposal_add(&app, &py, &in, &other, &e) == ERR_INVALID);
}

static void test_faults(void)
{
	struct proposal_in in;
	struct proposal p;
	struct proposal_list l = { NULL, 0, 0 };
	struct proposal_step_in st;
	struct db *db;
	struct err e;
	int64_t id = 0;
	size_t before;

	db = app_db(&app, &e);
	memset(&in, 0, sizeof(in));
	in.assembly_id = ev;
	in.target_group = "working_age";
	in.pillar = "insurance";
	in.problem = "แรงงานนอกระบบไม่มีหลักประกัน";
	in.recommendation = "ส่งเสริมการออมผ่านกองทุนการออมแห่งชาติ";
	in.body = "สำนักงานประกันสังคมจังหวัด";
	CHECK(app_proposal_list(&app, &py, ev, NULL, 0, NULL, 1000, 0, &l, &e) == 0);
	before = l.n;
	proposal_list_release(&l);
	/* Every failure point of a new proposal leaves nothing behind. */
	for (long n = 1; n < 40; n++) {
		db_fail_after(db, n);
		int r = app_proposal_add(&app, &py, &in, &id, &e);
		db_fail_after(db, 0);
		CHECK(app_proposal_list(&app, &py, ev, NULL, 0, NULL, 1000, 0, &l, &e) == 0);
		if (r == 0) {
			CHECK_INT(l.n, before + 1);
			proposal_list_release(&l);
			break;
		}
		CHECK_INT(l.n, before);
		CHECK_INT(id, 0);
		proposal_list_release(&l);
	}
	memset(&st, 0, sizeof(st));
	st.status = "submitted";
	st.evidence = "หนังสือนำส่ง";
	for (long n = 1; n < 40; n++) {
		db_fail_after(db, n);
		int r = app_proposal_step(&app, &py, id, &st, &e);
		db_fail_after(db, 0);
		CHECK(app_proposal_get(&app, &py, id, &p, NULL, NULL, &e) == 0);
		if (r == 0) {
			CHECK_STR(p.status, "submitted");
			break;
		}
		CHECK_STR(p.status, "proposed");
	}
}

static void test_report(void)
{
	struct asm_report r;
	struct err e;
	int64_t dist_reg = 0;

	CHECK(app_assembly_report(&app, &py, "56", year, &r, &e) == 0);
	CHECK_INT(r.events, 3);                 /* the cancelled one does not count */
	CHECK_INT(r.events_level[2], 1);       /* the provincial one */
	CHECK_INT(r.proposals, 3);
	CHECK_INT(r.status[4], 1);             /* implemented */
	CHECK_INT(r.status[5], 1);             /* declined */
	CHECK_INT(r.status[1], 1);             /* submitted */
	CHECK_INT(r.group[2][4], 1);           /* elderly: implemented */
	CHECK_INT(r.pillar[1][4], 1);          /* services: implemented */
	CHECK(r.registered >= 6);
	for (size_t i = 0; i < r.n; i++)
		if (!strcmp(r.rows[i].code, "5601"))
			dist_reg = r.rows[i].registered;
	CHECK_INT(dist_reg, r.registered);
	asm_report_release(&r);
	CHECK(app_assembly_report(&app, &dist, "5601", year, &r, &e) == 0);
	CHECK_INT(r.proposals, 1);             /* the one about tambon 560101 */
	asm_report_release(&r);
	CHECK(app_assembly_report(&app, &py, "50", year, &r, &e) == ERR_FORBIDDEN);
	CHECK(app_assembly_report(&app, &py, "56", 1200, &r, &e) == ERR_INVALID);
	CHECK(app_assembly_report(&app, &nat, "TH", year, &r, &e) == 0);
	CHECK_INT(r.proposals, 3);
	CHECK_INT(r.events_level[3], 1);       /* the cluster event */
	{
		int64_t north = -1;
		for (size_t i = 0; i < r.nregions; i++)
			if (!strcmp(r.regions[i].code, "north"))
				north = r.regions[i].proposals;
		CHECK_INT(north, 3);
		CHECK_INT(r.nregions, 6);
	}
	asm_report_release(&r);
	/* A region: its provinces, for national users only; nation-level events stay out. */
	CHECK(app_assembly_report(&app, &nat, "north", year, &r, &e) == 0);
	CHECK_INT(r.proposals, 3);
	CHECK_INT(r.events, 3);
	CHECK_INT(r.events_level[3], 0);
	CHECK_INT(r.group[2][4], 1);
	CHECK(r.registered >= 6);
	CHECK(r.n >= 8);
	asm_report_release(&r);
	CHECK(app_assembly_report(&app, &py, "north", year, &r, &e) == ERR_FORBIDDEN);
	CHECK(app_assembly_report(&app, &nat, "atlantis", year, &r, &e) == ERR_INVALID);
}

static void save(const char *name, const struct buf *b)
{
	const char *dir = getenv("PDF_OUT");
	char p[512];
	FILE *f;

	if (!dir)
		return;
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "wb");
	if (f) {
		fwrite(b->ptr, 1, b->len, f);
		fclose(f);
	}
}

static void test_documents(void)
{
	struct buf b = BUF_INIT;
	struct err e;

	CHECK(app_assembly_signin_pdf(&app, &py, ev, NULL, true, &b, &e) == 0);
	CHECK(b.len > 1000 && !memcmp(b.ptr, "%PDF", 4));
	save("assembly-signin.pdf", &b);
	buf_reset(&b);
	CHECK(app_assembly_signin_pdf(&app, &py, ev, dprev, true, &b, &e) == ERR_INVALID);
	CHECK_INT(b.len, 0);
	CHECK(app_assembly_summary_pdf(&app, &py, ev, true, &b, &e) == 0);
	CHECK(b.len > 1000 && !memcmp(b.ptr, "%PDF", 4));
	save("assembly-summary.pdf", &b);
	buf_reset(&b);
	CHECK(app_assembly_summary_pdf(&app, &py, ev, false, &b, &e) == 0);
	save("assembly-summary-en.pdf", &b);
	buf_reset(&b);
	CHECK(app_assembly_summary_pdf(&app, &py50, ev, true, &b, &e) == ERR_FORBIDDEN);
	CHECK(app_assembly_report_xlsx(&app, &py, "56", year, true, &b, &e) == 0);
	CHECK(b.len > 1000 && !memcmp(b.ptr, "PK", 2));
	save("assembly-report.xlsx", &b);
	buf_reset(&b);
	CHECK(app_assembly_report_xlsx(&app, &nat, "TH", year, false, &b, &e) == 0);
	CHECK(b.len > 1000 && !memcmp(b.ptr, "PK", 2));
	save("assembly-report-th.xlsx", &b);
	buf_release(&b);
}

/* The text of a PDF as pdftotext reads it, white space removed (caller frees; "" on failure). */
static char *pdf_text(const struct buf *pdf)
{
	char file[128], cmd[256], chunk[4096];
	struct buf out = BUF_INIT, sq = BUF_INIT;
	FILE *f;
	size_t n;

	snprintf(file, sizeof(file), "/tmp/sawat-t-assembly-%d.pdf", (int)getpid());
	f = fopen(file, "wb");
	if (f) {
		fwrite(pdf->ptr, 1, pdf->len, f);
		fclose(f);
		snprintf(cmd, sizeof(cmd), "pdftotext -raw -enc UTF-8 '%s' -", file);
		f = popen(cmd, "r");
		while (f && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(&out, chunk, n);
		if (f)
			pclose(f);
		unlink(file);
	}
	for (const char *c = out.ptr; *c; c++)
		if (!strchr(" \t\r\n\f\v", *c))
			buf_putc(&sq, *c);
	buf_release(&out);
	return buf_detach(&sq, NULL);
}

/* The registration of a person at the shared event, or 0 (standing ones only). */
static int64_t reg_of(int64_t person)
{
	struct err e;
	int64_t id = 0;

	CHECK(asm_registration_of(app_db(&app, &e), ev, person, &id, &e) == 0);
	return id;
}

static int64_t count(const char *sql)
{
	struct err e;
	int64_t n = -1;

	CHECK(db_query_int64(app_db(&app, &e), sql, &n, &e) == 0);
	return n;
}

/*
 * Withdrawing a registration: the reason is required, only someone who may
 * register the person may withdraw them, never once their attendance is
 * recorded (a clear message in both languages), the row is kept with who,
 * when and why, the place under the quota is freed for someone else, the
 * withdrawn are off the list, the counts, the report and the sign-in sheet
 * and cannot be signed in, the person may register again, every
 * withdrawal is audited, and a failure at any point changes nothing.
 */
static void test_withdraw(void)
{
	struct asm_withdrawal_list w = { NULL, 0, 0 };
	struct registration_in in;
	struct assembly_detail d;
	struct asm_report rep;
	struct buf b = BUF_INIT;
	struct err e;
	int64_t attended = 0, target, rid, registered, used0, people, audits;
	size_t nregs;
	char *text;
	char sql[160];

	target = reg_of(p1[1]);
	REQUIRE(target > 0);
	CHECK(app_assembly_get(&app, &py, ev, &d, &e) == 0);
	for (size_t i = 0; i < d.regs.n; i++)
		if (d.days_attended[i] && !attended)
			attended = d.regs.items[i].id;
	nregs = d.regs.n;
	registered = d.ev.registered;
	used0 = d.quota_used[0];
	CHECK_STR(d.quotas.items[0].area, "560101");
	CHECK_INT(used0, d.quotas.items[0].quota); /* Wiang's quota is full */
	assembly_detail_release(&d);
	REQUIRE(attended > 0);
	CHECK(app_assembly_report(&app, &py, "56", year, &rep, &e) == 0);
	people = rep.registered;
	asm_report_release(&rep);
	/* Wiang is full: a fourth person from there is refused. */
	memset(&in, 0, sizeof(in));
	in.person_id = p1[3];
	CHECK(app_assembly_register(&app, &py, ev, &in, &rid, &e) == ERR_CONFLICT);

	/* The reason is required; the caller must be allowed to register the person. */
	CHECK(app_assembly_withdraw(&app, &py, ev, target, "", &e) == ERR_INVALID);
	CHECK_STR(e.field, "reason");
	CHECK(app_assembly_withdraw(&app, &py, ev, target, "  ", &e) == ERR_INVALID);
	CHECK(app_assembly_withdraw(&app, &py50, ev, target, "ย้ายที่อยู่", &e) == ERR_FORBIDDEN);
	CHECK(app_assembly_withdraw(&app, &vol2, ev, target, "ย้ายที่อยู่", &e) == ERR_FORBIDDEN);
	CHECK(app_assembly_withdraw(&app, &aud, ev, target, "ย้ายที่อยู่", &e) == ERR_FORBIDDEN);
	CHECK(app_assembly_withdraw(&app, &py, ev, 999999, "ย้ายที่อยู่", &e) == ERR_INVALID);
	CHECK_STR(e.field, "registration_id");
	/* Someone who attended stays: refused with the reason, in Thai and English. */
	CHECK(app_assembly_withdraw(&app, &py, ev, attended, "ไม่ได้มา", &e) == ERR_CONFLICT);
	CHECK(strstr(e.th, "ถอนการลงทะเบียน") && strstr(e.th, "บันทึกการเข้าร่วมเวทีไว้แล้ว 2 วัน"));
	CHECK(strstr(e.en, "cannot be withdrawn") && strstr(e.en, "attendance is recorded (2 days)"));
	CHECK_INT(count("SELECT COUNT(*) FROM assembly_registration WHERE withdrawn_at IS NOT NULL"), 0);

	/* The tambon's volunteer withdraws their own person. */
	audits = count("SELECT COUNT(*) FROM audit_log WHERE action = 'withdraw'");
	CHECK(app_assembly_withdraw(&app, &vol1, ev, target, "ติดภารกิจดูแลมารดาที่ป่วย", &e) == 0);
	CHECK(app_assembly_withdraw(&app, &vol1, ev, target, "ซ้ำ", &e) == ERR_CONFLICT);
	CHECK(strstr(e.en, "already withdrawn") != NULL);
	CHECK_INT(count("SELECT COUNT(*) FROM audit_log WHERE action = 'withdraw'"), audits + 1);
	snprintf(sql, sizeof(sql),
		 "SELECT COUNT(*) FROM audit_log WHERE action = 'withdraw' AND entity = 'assembly' "
		 "AND entity_id = '%lld' AND actor = 'vol1'",
		 (long long)ev);
	CHECK_INT(count(sql), 1);
	/* Kept, marked with who, when and why. */
	CHECK(app_assembly_withdrawals(&app, &py, ev, &w, &e) == 0);
	REQUIRE(w.n == 1);
	CHECK_INT(w.items[0].reg.id, target);
	CHECK_INT(w.items[0].reg.person_id, p1[1]);
	CHECK_STR(w.items[0].withdrawn_by, "vol1");
	CHECK_STR(w.items[0].reason, "ติดภารกิจดูแลมารดาที่ป่วย");
	CHECK(strlen(w.items[0].withdrawn_at) >= 19);
	asm_withdrawal_list_release(&w);
	/* Of another tambon, a volunteer does not see it; Chiang Mai's officer not at all. */
	CHECK(app_assembly_withdrawals(&app, &vol2, ev, &w, &e) == 0);
	CHECK_INT(w.n, 0);
	asm_withdrawal_list_release(&w);
	CHECK(app_assembly_withdrawals(&app, &py50, ev, &w, &e) == ERR_FORBIDDEN);
	/* Off the list, the counts and the quota. */
	CHECK(app_assembly_get(&app, &py, ev, &d, &e) == 0);
	CHECK_INT(d.regs.n, nregs - 1);
	CHECK_INT(d.ev.registered, registered - 1);
	CHECK_INT(d.quota_used[0], used0 - 1);
	for (size_t i = 0; i < d.regs.n; i++)
		CHECK(d.regs.items[i].id != target);
	assembly_detail_release(&d);
	CHECK(app_assembly_report(&app, &py, "56", year, &rep, &e) == 0);
	CHECK_INT(rep.registered, people - 1);
	asm_report_release(&rep);
	/* Off the sign-in sheet (the others are on it). */
	CHECK(app_assembly_signin_pdf(&app, &py, ev, NULL, true, &b, &e) == 0);
	text = pdf_text(&b);
	CHECK(strstr(text, "คำปัน") != NULL);
	CHECK(strstr(text, "บุญมี") == NULL);
	free(text);
	buf_release(&b);
	/* The withdrawn cannot be signed in. */
	CHECK(app_assembly_attend(&app, &py, ev, target, d0, &e) == ERR_CONFLICT);
	CHECK(strstr(e.en, "withdrawn") && strstr(e.th, "ถูกถอน"));
	/* The freed place goes to someone else from Wiang... */
	CHECK(app_assembly_register(&app, &py, ev, &in, &rid, &e) == 0);
	CHECK(rid > 0);
	/* ...and the withdrawn person may come back when there is room again. */
	in.person_id = p1[1];
	CHECK(app_assembly_register(&app, &py, ev, &in, &rid, &e) == ERR_CONFLICT);
	CHECK(strstr(e.en, "quota") != NULL);
	CHECK(app_assembly_quota_set(&app, &py, ev, "560101", 4, &e) == 0);
	CHECK(app_assembly_register(&app, &py, ev, &in, &rid, &e) == 0);
	CHECK(rid > 0 && rid != target);
	CHECK_INT(reg_of(p1[1]), rid);

	/* A failure at any point of a withdrawal leaves the registration standing. */
	{
		struct db *db = app_db(&app, &e);
		int64_t victim = reg_of(p1[3]);
		int r = -1;

		REQUIRE(victim > 0);
		for (long n = 1; n < 40; n++) {
			db_fail_after(db, n);
			r = app_assembly_withdraw(&app, &py, ev, victim, "เปลี่ยนผู้แทน", &e);
			db_fail_after(db, 0);
			if (r == 0)
				break;
			CHECK_INT(reg_of(p1[3]), victim);
		}
		CHECK_INT(r, 0);
		CHECK_INT(reg_of(p1[3]), 0);
		CHECK(app_assembly_withdrawals(&app, &py, ev, &w, &e) == 0);
		CHECK_INT(w.n, 2);
		CHECK_INT(w.items[0].reg.id, victim); /* the latest first */
		asm_withdrawal_list_release(&w);
	}
}

/*
 * The store under the withdrawal, on either engine (tests/store/run.sh runs
 * this file on PostgreSQL): migration 0012's partial unique index admits a
 * second registration of a person only once the first is withdrawn; the
 * lock reads a registration's state; withdrawing twice is a conflict.
 */
static void test_withdraw_store(void)
{
	struct db *db;
	struct asm_registration g;
	struct asm_withdrawal w;
	struct err e;
	int64_t standing = reg_of(p1[1]), id = 0, days = -1;
	bool withdrawn = true;

	db = app_db(&app, &e);
	REQUIRE(db && standing > 0);
	REQUIRE(asm_registration_get(db, standing, &g, &e) == 0);
	/* A second standing registration of the person is refused by the index itself. */
	CHECK_INT(asm_registration_insert(db, &g, "2026-01-01T00:00:00Z", &id, &e), ERR_CONFLICT);
	CHECK_INT(asm_registration_lock(db, standing, &withdrawn, &days, &e), 0);
	CHECK(!withdrawn);
	CHECK_INT(days, 0);
	CHECK_INT(asm_withdrawal_get(db, standing, &w, &e), ERR_NOT_FOUND);
	CHECK_INT(asm_registration_lock(db, 999999, &withdrawn, &days, &e), ERR_NOT_FOUND);
	REQUIRE(db_begin(db, &e) == 0);
	CHECK_INT(asm_registration_withdraw(db, standing, "tester", "ทดสอบ", "2026-01-02T00:00:00Z", &e),
		  0);
	CHECK_INT(asm_registration_withdraw(db, standing, "tester", "ซ้ำ", "2026-01-02T00:00:01Z", &e),
		  ERR_CONFLICT);
	CHECK_INT(asm_registration_lock(db, standing, &withdrawn, &days, &e), 0);
	CHECK(withdrawn);
	CHECK_INT(asm_withdrawal_get(db, standing, &w, &e), 0);
	CHECK_STR(w.reason, "ทดสอบ");
	CHECK_STR(w.withdrawn_by, "tester");
	CHECK_STR(w.withdrawn_at, "2026-01-02T00:00:00Z");
	CHECK_STR(w.reg.name, g.name);
	CHECK_INT(reg_of(p1[1]), 0);
	/* Once withdrawn, the person's new registration is admitted. */
	CHECK_INT(asm_registration_insert(db, &g, "2026-01-03T00:00:00Z", &id, &e), 0);
	CHECK(id > 0 && id != standing);
	CHECK_INT(reg_of(p1[1]), id);
	db_rollback(db);
	CHECK_INT(reg_of(p1[1]), standing);
}

static void test_demo(void)
{
	struct assembly_list l = { NULL, 0, 0 };
	struct assembly_detail d;
	struct err e;
	size_t n;

	CHECK(app_assembly_list(&app, &nat, "56", 0, 500, 0, &l, &e) == 0);
	n = l.n;
	assembly_list_release(&l);
	CHECK(app_assembly_demo(&app, "56", &e) == 0);
	CHECK(app_assembly_demo(&app, "56", &e) == 0); /* once */
	CHECK(app_assembly_list(&app, &nat, "56", 0, 500, 0, &l, &e) == 0);
	CHECK_INT(l.n, n + 1);
	REQUIRE(l.n > 0);
	{
		int64_t id = 0;
		for (size_t i = 0; i < l.n; i++)
			if (starts_with(l.items[i].title, "สมัชชาสวัสดิการสังคมจังหวัดพะเยา"))
				id = l.items[i].id;
		CHECK(app_assembly_get(&app, &nat, id, &d, &e) == 0);
	}
	CHECK_INT(d.proposals.n, 4);
	CHECK_STR(d.ev.status, "held");
	CHECK(d.regs.n >= 3);
	assembly_detail_release(&d);
	assembly_list_release(&l);
}

int main(int argc, char **argv)
{
	setup(argc > 1 ? argv[1] : NULL);
	RUN(test_create_and_access);
	RUN(test_quota_guard);
	RUN(test_attendance);
	RUN(test_quota_each);
	RUN(test_agenda);
	RUN(test_proposal_road);
	RUN(test_faults);
	RUN(test_report);
	RUN(test_documents);
	RUN(test_withdraw);
	RUN(test_withdraw_store);
	RUN(test_demo);
	app_release(&app);
	if (!on_pg)
		unlink(path);
	return test_summary(on_pg ? "assembly_app-postgres" : "assembly_app");
}
