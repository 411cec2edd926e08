/*
 * Demo data. Village names are synthetic but typical of the upper north
 * (บ้าน + a common place word); user passwords are random and shown once.
 */
#include <jansson.h>
#include <sodium.h>
#include "app/demo.h"
#include "app/assembly.h"
#include "app/fund.h"
#include "app/gen.h"
#include "app/grant.h"
#include "app/import.h"
#include "app/geo.h"
#include "app/org.h"
#include "app/person.h"
#include "app/program.h"
#include "app/user.h"

static const char *const village_names[] = {
	"บ้านสันป่าม่วง", "บ้านแม่ต๋ำ", "บ้านร่องห้า", "บ้านต๋อม", "บ้านใหม่พัฒนา", "บ้านดอนมูล",
	"บ้านหนองระบู", "บ้านสันทราย", "บ้านป่าแฝก", "บ้านทุ่งกล้วย", "บ้านแม่กา", "บ้านห้วยลาน",
};

static void random_password(char out[24])
{
	/* No look-alikes (0/O, 1/l/I), so a password read aloud or copied by hand works. */
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	int i;

	for (i = 0; i < 16; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[16] = '\0';
}

/* Gives every tambon of the capital district a few villages, once. */
static int add_villages(struct app *app, const struct actor *sys, const char *district,
			char first_tambon[GEO_CODE_SIZE], char first_village[GEO_CODE_SIZE],
			struct err *e)
{
	struct geo_area_list tambons = GEO_AREA_LIST_INIT;
	size_t i, k = 0;
	int r;

	first_tambon[0] = first_village[0] = '\0';
	if ((r = app_area_children(app, sys, district, GEO_ORDER_CODE, &tambons, e)))
		return r;
	for (i = 0; i < tambons.n && !r; i++) {
		const struct geo_area *t = &tambons.items[i];
		int v, want = 3 + (int)(i % 4);

		if (!first_tambon[0])
			snprintf(first_tambon, GEO_CODE_SIZE, "%.8s", t->code);
		for (v = (int)t->nchildren; v < want && !r; v++) {
			char code[GEO_CODE_SIZE], name[160];

			snprintf(name, sizeof(name), "%s หมู่ %d",
				 village_names[k++ % ARRAY_SIZE(village_names)], v + 1);
			r = app_village_add(app, sys, t->code, 0, name, NULL, code, e);
		}
	}
	if (!r && first_tambon[0])
		snprintf(first_village, GEO_CODE_SIZE, "%.6s01", first_tambon);
	geo_area_list_release(&tambons);
	return r;
}

/* The codes of a program's required documents, as the JSON list
 * app_enrol_apply takes (the demo's applicants bring every one). */
static char *document_codes(const char *documents)
{
	json_t *list = json_loads(documents ? documents : "[]", 0, NULL), *codes = json_array(), *d;
	size_t i;
	char *out;

	json_array_foreach(list, i, d)
		json_array_append_new(codes, json_string(json_string_value(json_object_get(d, "code"))));
	out = json_dumps(codes, JSON_COMPACT);
	json_decref(list);
	json_decref(codes);
	return out;
}

/*
 * The state programs in the demo funds' tambons: three in four of the people
 * a program's rules find entitled and who never applied have applied two
 * months ago with their documents and were approved nine days later, so they
 * are paid from last month (one the rules refuse on that day stays pending); the rest stay as gaps for the coverage pages and outreach.
 * Last month's roll of each tambon is generated and approved.
 */
static int demo_programs(struct app *app, const struct actor *sys, struct err *e)
{
	static const char *const codes[] = { "old_age", "disability", "child_support" };
	static const char *const tambons[] = { DEMO_PROVINCE "0101", DEMO_PROVINCE "0102",
					       DEMO_PROVINCE "0104", DEMO_PROVINCE "0105" };
	struct program_list progs = { NULL, 0, 0 };
	struct date today = app_today(app), applied, approved, last;
	char applied_s[16], approved_s[16], month[8];
	size_t p, t, i;
	int r;

	if ((r = date_add_months((struct date){ today.y, today.m, 1 }, -2, &applied, e)) ||
	    (r = date_add_days(applied, 9, &approved, e)) ||
	    (r = date_add_months((struct date){ today.y, today.m, 1 }, -1, &last, e)))
		return r;
	snprintf(applied_s, sizeof(applied_s), "%04d-%02d-%02d", applied.y, applied.m, applied.d);
	snprintf(approved_s, sizeof(approved_s), "%04d-%02d-%02d", approved.y, approved.m, approved.d);
	snprintf(month, sizeof(month), "%04d-%02d", last.y, last.m);
	if ((r = app_program_list(app, sys, &progs, e)))
		return r;
	for (p = 0; p < progs.n && !r; p++) {
		const struct program *pg = &progs.items[p];
		char *docs;

		for (i = 0; i < ARRAY_SIZE(codes) && strcmp(pg->code, codes[i]); i++)
			;
		if (i == ARRAY_SIZE(codes))
			continue;
		docs = document_codes(pg->documents);
		for (t = 0; t < ARRAY_SIZE(tambons) && !r; t++) {
			struct coverage cov;
			struct gap_list gaps = { NULL, 0, 0 };

			r = app_program_gaps(app, sys, pg->id, tambons[t], approved_s, &cov, &gaps,
					     100000, e);
			for (i = 0; i < gaps.n && !r; i++) {
				int64_t id;

				if (strcmp(gaps.items[i].reason, "never_applied") || i % 4 == 3)
					continue;
				r = app_enrol_apply(app, sys, pg->id, gaps.items[i].person_id, tambons[t],
						    applied_s, docs, &id, e);
				if (!r)
					r = app_enrol_step(app, sys, id, "verify", approved_s, "", e);
				if (!r)
					r = app_enrol_step(app, sys, id, "approve", approved_s, "", e);
				if (r == ERR_CONFLICT) /* an officer would look again: left pending */
					r = 0;
			}
			gap_list_release(&gaps);
		}
		free(docs);
	}
	program_list_release(&progs);
	for (t = 0; t < ARRAY_SIZE(tambons) && !r; t++) {
		int64_t roll;

		r = app_payroll_generate(app, sys, tambons[t], month, &roll, e);
		if (!r)
			r = app_payroll_approve(app, sys, roll, e);
	}
	return r;
}

int app_demo(struct app *app, struct demo_user *users, size_t max, size_t *n, struct err *e)
{
	char tambon[GEO_CODE_SIZE], village[GEO_CODE_SIZE];
	struct actor sys;
	struct {
		const char *name, *display, *role, *area;
	} plan[] = {
		{ "admin", "ผู้ดูแลระบบส่วนกลาง", "national_admin", "TH" },
		{ "phayao", "สำนักงานพัฒนาสังคมฯ จังหวัดพะเยา", "province_officer", DEMO_PROVINCE },
		{ "mueang", "เจ้าหน้าที่อำเภอเมืองพะเยา", "district_officer", DEMO_PROVINCE "01" },
		{ "local", "เจ้าหน้าที่ท้องถิ่น", "local_officer", tambon },
		{ "treasurer", "เหรัญญิกกองทุนสวัสดิการชุมชน", "fund_committee", tambon },
		{ "volunteer", "อาสาสมัครพัฒนาสังคม", "volunteer", village },
		{ "auditor", "ผู้ตรวจสอบระดับจังหวัด", "auditor", DEMO_PROVINCE },
	};
	size_t i;
	int r;

	*n = 0;
	actor_system(&sys);
	if ((r = add_villages(app, &sys, DEMO_PROVINCE "01", tambon, village, e)))
		return r;
	if (!tambon[0])
		return err_set(e, ERR_NOT_FOUND, NULL, "ไม่พบตำบลของจังหวัดตัวอย่าง %s",
			       "the demo province %s has no tambons", DEMO_PROVINCE);
	/* A believable population, the same on every installation (fixed seed);
	 * a second run finds it there and leaves it. */
	{
		static const char *const provinces[] = { DEMO_PROVINCE };
		struct gen_opts o = { DEMO_SEED, provinces, 1, DEMO_PEOPLE, 0, false };
		struct gen_report rep;

		r = app_gen(app, &sys, &o, &rep, e);
		if (r && r != ERR_CONFLICT)
			return r;
	}
	/* Community welfare funds in the first tambons, with this year's
	 * activity up to this month's meeting (last year's when it is early January), so the
	 * treasurer's pages have members, receipts, claims and books to show. */
	{
		static const char *const provinces[] = { DEMO_PROVINCE };
		struct date today = app_today(app);
		/* The monthly meeting is on the 5th and claims are paid on the 8th:
		 * this month counts once its 8th has passed. */
		int last = today.d > 8 ? today.m : today.m - 1;
		struct fund_gen_opts o = { DEMO_SEED, provinces, 1, DEMO_FUNDS, DEMO_FUND_MEMBERS,
					   last > 0 ? today.y : today.y - 1, last > 0 ? last : 12 };
		struct fund_gen_report rep;

		if ((r = app_gen_funds(app, &sys, &o, &rep, e)))
			return r;
	}
	if ((r = demo_programs(app, &sys, e)))
		return r;
	/* The civil-society network: organisations, volunteers, networks. */
	if ((r = app_org_demo(app, DEMO_PROVINCE, e)))
		return r;
	/* The grant fund: a Phayao call with applications at every stage and an award. */
	if ((r = app_grant_demo(app, e)))
		return r;
	/* A provincial welfare assembly with proposals at different stages. */
	if ((r = app_assembly_demo(app, DEMO_PROVINCE, e)))
		return r;
	/* Lists the tambon's officer imported from a survey, one waiting for a correction. */
	if ((r = app_import_demo(app, tambon, village, e)))
		return r;
	for (i = 0; i < ARRAY_SIZE(plan) && *n < max; i++) {
		struct demo_user *u = &users[*n];
		int64_t id;

		random_password(u->password);
		r = app_user_add(app, &sys, plan[i].name, plan[i].display, plan[i].role,
				 plan[i].area, u->password, &id, e);
		if (r == ERR_CONFLICT)
			continue; /* made by an earlier run */
		if (r)
			return r;
		snprintf(u->username, sizeof(u->username), "%s", plan[i].name);
		snprintf(u->role, sizeof(u->role), "%s", plan[i].role);
		snprintf(u->area, sizeof(u->area), "%s", plan[i].area);
		(*n)++;
	}
	return 0;
}
