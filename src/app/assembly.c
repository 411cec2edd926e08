/*
 * Welfare assembly use cases: events with their organisers, invitation
 * quotas, registrations and attendance, agenda, proposals followed along
 * their road (core/assembly.h), commitments; the area report; the
 * sign-in sheet and summary report as PDF, the report as .xlsx; demo data.
 *
 * Who may do what is in app/assembly.h. Every write runs in one
 * transaction with its audit entry. A registration locks its event's row
 * first (an UPDATE of it), so two registrations racing for the last place
 * of a quota are serialised on PostgreSQL as on SQLite, and the quota is
 * counted inside the transaction that writes.
 */
#include "app/assembly.h"
#include <jansson.h>
#include <stdarg.h>
#include "app/person.h"
#include "core/geo.h"
#include "core/money.h"
#include "core/program.h"
#include "lib/pdf.h"
#include "lib/sheet.h"
#include "store/geo.h"
#include "store/org.h"
#include "store/person.h"

/* ---------------------------------------------------------------- helpers */

static bool empty(const char *s)
{
	return !s || !*s;
}

static void iso(struct date d, char out[16])
{
	if (!d.y)
		out[0] = '\0';
	else
		snprintf(out, 16, "%04u-%02u-%02u", (unsigned)d.y % 10000u, (unsigned)d.m % 100u,
			 (unsigned)d.d % 100u);
}

static int audit(struct app *app, struct db *db, const struct actor *a, const char *entity,
		 int64_t id, const char *area, const char *action, json_t *after, struct err *e)
{
	char eid[24], *s = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
	int r;

	json_decref(after);
	snprintf(eid, sizeof(eid), "%lld", (long long)id);
	r = app_audit(app, db, a, action, entity, eid, area, NULL, s, e);
	free(s);
	return r;
}

static bool officer(const struct actor *a)
{
	return a->role == ROLE_NATIONAL_ADMIN || a->role == ROLE_PROVINCE_OFFICER ||
	       a->role == ROLE_DISTRICT_OFFICER || a->role == ROLE_LOCAL_OFFICER;
}

/* An area the actor sees: inside the scope, or above it. */
static bool visible(const struct actor *a, const char *area)
{
	return role_can(a->role, PERM_READ) &&
	       (geo_in_scope(a->area, area) || geo_in_scope(area, a->area) || !strcmp(area, "TH"));
}

static int read_check(const struct actor *a, const char *area, struct err *e)
{
	if (visible(a, area))
		return 0;
	return err_set(e, ERR_FORBIDDEN, "area", "เวทีในพื้นที่ %s อยู่นอกขอบเขตของท่าน (%s)",
		       "the assembly's area %s is outside your scope (%s)", area, a->area);
}

static bool may_manage(const struct actor *a, const struct assembly *ev)
{
	return officer(a) && !actor_check(a, PERM_WRITE, ev->area, NULL);
}

static int manage_check(const struct actor *a, const struct assembly *ev, struct err *e)
{
	int r;

	if (!officer(a))
		return err_set(e, ERR_FORBIDDEN, NULL,
			       "เฉพาะเจ้าหน้าที่ที่รับผิดชอบพื้นที่จัดการเวทีได้ (บทบาท %s)",
			       "only officers responsible for the area manage an assembly (role %s)",
			       role_name(a->role));
	r = actor_check(a, PERM_WRITE, ev->area, e);
	if (r)
		return err_set(e, ERR_FORBIDDEN, "area",
			       "เวทีนี้อยู่ในพื้นที่ %s นอกขอบเขตของท่าน (%s): จัดการไม่ได้",
			       "this assembly is in %s, outside your scope (%s): you cannot manage it",
			       ev->area, a->area);
	return 0;
}

/* May the actor register (or sign in) someone from origin at this event? */
static bool may_register(const struct actor *a, const struct assembly *ev, const char *origin)
{
	if (may_manage(a, ev))
		return true;
	return role_can(a->role, PERM_WRITE) && visible(a, ev->area) &&
	       (!origin || geo_in_scope(a->area, origin));
}

/* An area's name in Thai or English (English falls back to Thai; the code when unknown). */
static void area_name(struct db *db, const char *code, bool thai, char *out, size_t size)
{
	struct geo_area g;

	memset(&g, 0, sizeof(g));
	if (geo_area_get(db, code, &g, NULL)) {
		snprintf(out, size, "%s", code);
		return;
	}
	snprintf(out, size, "%s", !thai && g.name_en ? g.name_en : g.name_th);
	geo_area_release(&g);
}

static int area_exists(struct db *db, const char *code, const char *field, struct err *e)
{
	struct geo_area g;
	int r;

	if (!strcmp(code, "TH"))
		return 0;
	if (!geo_code_valid(code))
		return err_set(e, ERR_INVALID, field, "รหัสพื้นที่ไม่ถูกต้อง: \"%.16s\"",
			       "not an area code: \"%.16s\"", code);
	memset(&g, 0, sizeof(g));
	r = geo_area_get(db, code, &g, e);
	if (r == ERR_NOT_FOUND || r == ERR_INVALID)
		return err_set(e, ERR_INVALID, field, "ไม่พบพื้นที่รหัส %s", "unknown area %s", code);
	if (!r)
		geo_area_release(&g);
	return r;
}

static int parse_date(const char *s, const char *field, bool required, struct date *out,
		      struct err *e)
{
	*out = (struct date){ 0, 0, 0 };
	if (empty(s)) {
		if (!required)
			return 0;
		return err_set(e, ERR_INVALID, field, "กรุณาระบุวันที่ (%s)", "a date is required (%s)",
			       field);
	}
	return date_parse(s, 0, out, field, e);
}

static int load_event(struct db *db, int64_t id, struct assembly *ev, struct err *e)
{
	int r = assembly_get(db, id, ev, e);

	if (r == ERR_NOT_FOUND)
		e->code = ERR_NOT_FOUND;
	return r;
}

/* The event's days, first to last. */
static int event_days(const struct assembly *ev, struct date *days, int max)
{
	int n = 0;
	struct date d = ev->starts_on;

	while (n < max && date_cmp(d, ev->ends_on) <= 0) {
		days[n++] = d;
		if (date_add_days(d, 1, &d, NULL))
			break;
	}
	return n;
}

/* ----------------------------------------------------------------- events */

int app_assembly_add(struct app *app, const struct actor *a, const struct assembly_in *in,
		     int64_t *id, struct err *e)
{
	struct assembly ev;
	char now[32], s1[16], s2[16];
	struct db *db;
	size_t i;
	int r;

	*id = 0;
	memset(&ev, 0, sizeof(ev));
	if ((r = asm_check_text(in->title, ASM_TITLE_MAX, true, false, "title", e)) ||
	    (r = asm_check_text(in->venue, ASM_TITLE_MAX, false, false, "venue", e)) ||
	    (r = asm_check_text(in->note, ASM_TEXT_MAX, false, true, "note", e)) ||
	    (r = asm_level_check(in->level, in->area, in->group_code, e)))
		return r;
	if (in->group_code && *in->group_code && strcmp(in->level, "national")) {
		const char *g = in->group_code;
		bool ok = !strcmp(in->level, "region")
				  ? geo_region_valid(g)
				  : strlen(g) == 3 && g[0] == 'C' && g[1] >= '0' && g[1] <= '1' &&
					    g[2] >= '0' && g[2] <= '9' && strcmp(g, "C00") &&
					    strcmp(g, "C19") && g[1] - '0' <= 1;
		if (!ok)
			return err_set(e, ERR_INVALID, "group_code",
				       "ไม่รู้จักกลุ่มจังหวัดหรือภาค \"%.16s\"",
				       "unknown provincial cluster or region \"%.16s\"", g);
	}
	if ((r = parse_date(in->starts_on, "starts_on", true, &ev.starts_on, e)) ||
	    (r = parse_date(in->ends_on, "ends_on", false, &ev.ends_on, e)))
		return r;
	if (!ev.ends_on.y)
		ev.ends_on = ev.starts_on;
	if (date_cmp(ev.ends_on, ev.starts_on) < 0)
		return err_set(e, ERR_INVALID, "ends_on", "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม%s",
			       "the last day cannot be before the first%s", "");
	if (date_diff_days(ev.starts_on, ev.ends_on) >= ASM_MAX_DAYS)
		return err_set(e, ERR_INVALID, "ends_on", "เวทีหนึ่งจัดได้ไม่เกิน %d วัน",
			       "an assembly lasts at most %d days", ASM_MAX_DAYS);
	if (in->budget < 0 || in->budget > INT64_C(100000000000000))
		return err_set(e, ERR_INVALID, "budget", "งบประมาณไม่ถูกต้อง%s",
			       "the budget is out of range%s", "");
	if (in->norg + in->nnames > ASM_MAX_ORGANISERS)
		return err_set(e, ERR_INVALID, "organisers", "ผู้จัดได้ไม่เกิน %d ราย",
			       "at most %d organisers", ASM_MAX_ORGANISERS);
	for (i = 0; i < in->nnames; i++)
		if ((r = asm_check_text(in->organisers[i], ASM_NAME_MAX, true, false, "organisers", e)))
			return r;
	snprintf(ev.title, sizeof(ev.title), "%s", in->title);
	snprintf(ev.level, sizeof(ev.level), "%s", in->level);
	snprintf(ev.area, sizeof(ev.area), "%s", empty(in->area) ? "TH" : in->area);
	snprintf(ev.group_code, sizeof(ev.group_code), "%s",
		 strcmp(in->level, "national") && in->group_code ? in->group_code : "");
	snprintf(ev.venue, sizeof(ev.venue), "%s", in->venue ? in->venue : "");
	snprintf(ev.note, sizeof(ev.note), "%s", in->note ? in->note : "");
	ev.budget = in->budget;
	if ((r = manage_check(a, &ev, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = area_exists(db, ev.area, "area", e)))
		return r;
	for (i = 0; i < in->norg; i++) {
		struct org o;
		if ((r = org_get(db, in->org_ids[i], &o, e)))
			return r == ERR_NOT_FOUND
				       ? err_set(e, ERR_INVALID, "organisers",
						 "ไม่พบองค์กรหมายเลข %lld", "no organisation %lld",
						 (long long)in->org_ids[i])
				       : r;
	}
	app_iso_time(app_time(app), now);
	iso(ev.starts_on, s1);
	iso(ev.ends_on, s2);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = assembly_insert(db, &ev, a->username, now, id, e)))
		goto fail;
	for (i = 0; i < in->norg; i++)
		if ((r = asm_organiser_insert(db, *id, in->org_ids[i], "", e)))
			goto fail;
	for (i = 0; i < in->nnames; i++)
		if ((r = asm_organiser_insert(db, *id, 0, in->organisers[i], e)))
			goto fail;
	if ((r = audit(app, db, a, "assembly", *id, ev.area, "create",
		       json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "title", ev.title, "level",
				 ev.level, "area", ev.area, "starts_on", s1, "ends_on", s2, "budget",
				 (json_int_t)ev.budget),
		       e)))
		goto fail;
	if ((r = db_commit(db, e)))
		*id = 0;
	return r;
fail:
	db_rollback(db);
	*id = 0;
	return r;
}

int app_assembly_set_status(struct app *app, const struct actor *a, int64_t id,
			    const char *status, struct err *e)
{
	struct assembly ev;
	char now[32];
	struct db *db;
	int r;

	if (!status || (strcmp(status, "held") && strcmp(status, "cancelled")))
		return err_set(e, ERR_INVALID, "status",
			       "สถานะเวทีเปลี่ยนเป็น held หรือ cancelled เท่านั้น%s",
			       "an assembly's status changes to held or cancelled only%s", "");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = load_event(db, id, &ev, e)) || (r = manage_check(a, &ev, e)))
		return r;
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = load_event(db, id, &ev, e)))
		goto fail;
	if (strcmp(ev.status, "planned")) {
		r = err_set(e, ERR_CONFLICT, "status",
			    "เวทีนี้มีสถานะ \"%s\" แล้ว เปลี่ยนอีกไม่ได้",
			    "this assembly is already \"%s\"; its status cannot change", ev.status);
		goto fail;
	}
	if (!strcmp(status, "held") && date_cmp(ev.starts_on, app_today(app)) > 0) {
		r = err_set(e, ERR_CONFLICT, "status", "เวทียังไม่ถึงวันจัด%s",
			    "the assembly has not begun yet%s", "");
		goto fail;
	}
	if ((r = assembly_set_status(db, id, status, now, e)) ||
	    (r = audit(app, db, a, "assembly", id, ev.area, status,
		       json_pack("{s:s}", "status", status), e)))
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return r;
}

int app_assembly_list(struct app *app, const struct actor *a, const char *area, int year,
		      int limit, int64_t offset, struct assembly_list *out, struct err *e)
{
	const char *within = empty(area) ? a->area : area;
	char above[4][16];
	const char *ab[4];
	struct db *db;
	int r, k = 0;

	if (!role_can(a->role, PERM_READ))
		return actor_check(a, PERM_READ, NULL, e);
	if (strcmp(within, "TH") && !geo_code_valid(within))
		return err_set(e, ERR_INVALID, "area", "รหัสพื้นที่ไม่ถูกต้อง: \"%.16s\"",
			       "not an area code: \"%.16s\"", within);
	/* Inside the scope; asked for an area above the scope, the scope itself. */
	if (!geo_in_scope(a->area, within)) {
		if (!geo_in_scope(within, a->area) && strcmp(within, "TH"))
			return actor_check(a, PERM_READ, within, e);
		within = a->area;
	}
	/* The areas above the scope, whose events the actor sees too. */
	memset(above, 0, sizeof(above));
	if (strcmp(a->area, "TH")) {
		snprintf(above[k++], 16, "TH");
		for (int lv = GEO_PROVINCE; lv < geo_level(a->area) && k < 4; lv++)
			geo_code_at_level(a->area, lv, above[k++]);
	}
	for (int i = 0; i < 4; i++)
		ab[i] = above[i];
	if (year < 0 || year > 9998)
		return err_set(e, ERR_INVALID, "year", "ปีไม่ถูกต้อง%s", "invalid year%s", "");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	r = assembly_list_area(db, within, ab, year, limit > 0 && limit <= 500 ? limit : 100,
			       offset > 0 ? offset : 0, out, e);
	return r;
}

void assembly_detail_release(struct assembly_detail *d)
{
	asm_organiser_list_release(&d->organisers);
	asm_quota_list_release(&d->quotas);
	asm_registration_list_release(&d->regs);
	asm_agenda_list_release(&d->agenda);
	proposal_list_release(&d->proposals);
	asm_commitment_list_release(&d->commitments);
	free(d->quota_used);
	free(d->days_attended);
	d->quota_used = d->days_attended = NULL;
}

/* Which quota each participant falls under; used[i] counts quota i's. */
static void count_quotas(const struct asm_quota_list *q, const struct asm_registration_list *regs,
			 int64_t *used)
{
	const char *areas[256];
	size_t n = q->n < 256 ? q->n : 256;

	for (size_t i = 0; i < n; i++) {
		areas[i] = q->items[i].area;
		used[i] = 0;
	}
	for (size_t i = 0; i < regs->n; i++) {
		int k;
		if (strcmp(regs->items[i].role, "participant"))
			continue;
		k = asm_quota_of(areas, n, regs->items[i].origin);
		if (k >= 0)
			used[k]++;
	}
}

int app_assembly_get(struct app *app, const struct actor *a, int64_t id,
		     struct assembly_detail *d, struct err *e)
{
	struct asm_registration_list all = { NULL, 0, 0 };
	struct asm_attendance_list att = { NULL, 0, 0 };
	bool see_all;
	struct db *db;
	size_t i, k;
	int r;

	memset(d, 0, sizeof(*d));
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = load_event(db, id, &d->ev, e)) || (r = read_check(a, d->ev.area, e)))
		return r;
	d->can_manage = may_manage(a, &d->ev);
	d->can_register = strcmp(d->ev.status, "cancelled") && may_register(a, &d->ev, NULL);
	d->ndays = event_days(&d->ev, d->days, ASM_MAX_DAYS);
	see_all = d->can_manage || !actor_check(a, PERM_READ, d->ev.area, NULL);
	if ((r = asm_organisers(db, id, &d->organisers, e)) || (r = asm_quotas(db, id, &d->quotas, e)) ||
	    (r = asm_registrations(db, id, &all, e)) || (r = asm_attendances(db, id, &att, e)) ||
	    (r = asm_agendas(db, id, &d->agenda, e)) ||
	    (r = proposal_list_of(db, id, "TH", 0, "", 10000, 0, &d->proposals, e)) ||
	    (r = asm_commitments(db, id, &d->commitments, e)))
		goto fail;
	d->quota_used = xcalloc(d->quotas.n + 1, sizeof(int64_t));
	count_quotas(&d->quotas, &all, d->quota_used);
	/* Of another area's event, only the participants from inside the scope. */
	for (i = 0; i < all.n; i++)
		if (see_all || geo_in_scope(a->area, all.items[i].origin))
			*asm_registration_list_push(&d->regs) = all.items[i];
	d->days_attended = xcalloc(d->regs.n + 1, sizeof(int64_t));
	for (k = 0; k < att.n; k++)
		for (i = 0; i < d->regs.n; i++)
			if (d->regs.items[i].id == att.items[k].registration_id) {
				for (int j = 0; j < d->ndays; j++)
					if (!date_cmp(d->days[j], att.items[k].day))
						d->days_attended[i] |= INT64_C(1) << j;
				break;
			}
	asm_registration_list_release(&all);
	asm_attendance_list_release(&att);
	return 0;
fail:
	asm_registration_list_release(&all);
	asm_attendance_list_release(&att);
	assembly_detail_release(d);
	return r;
}

/* ----------------------------------------------------- quotas, registration */

/* Sets the quota of each of areas[0..n) in one transaction, none below the
 * participants it already has; one audit entry (what: the area asked for). */
static int set_quotas(struct app *app, const struct actor *a, struct db *db,
		      const struct assembly *ev, const char *const *areas, size_t n,
		      const char *what, int64_t quota, struct err *e)
{
	struct asm_quota_list q = { NULL, 0, 0 };
	struct asm_registration_list regs = { NULL, 0, 0 };
	int64_t *used = NULL;
	char name[256];
	int r;

	if ((r = db_begin(db, e)))
		return r;
	for (size_t k = 0; k < n; k++)
		if ((r = asm_quota_set(db, ev->id, areas[k], quota, e)))
			goto fail;
	if ((r = asm_quotas(db, ev->id, &q, e)) || (r = asm_registrations(db, ev->id, &regs, e)))
		goto fail;
	used = xcalloc(q.n + 1, sizeof(int64_t));
	count_quotas(&q, &regs, used);
	for (size_t i = 0; i < q.n; i++)
		for (size_t k = 0; k < n; k++)
			if (!strcmp(q.items[i].area, areas[k]) && used[i] > quota) {
				area_name(db, areas[k], true, name, sizeof(name));
				r = err_set(e, ERR_CONFLICT, "quota",
					    "%s (%s) ลงทะเบียนแล้ว %lld คน: โควตาต้องไม่น้อยกว่านั้น",
					    "%.0s%s already has %lld participants: the quota cannot be lower",
					    name, areas[k], (long long)used[i]);
				goto fail;
			}
	if ((r = audit(app, db, a, "assembly", ev->id, ev->area, "quota",
		       json_pack("{s:s, s:I, s:I}", "area", what, "quota", (json_int_t)quota,
				 "areas", (json_int_t)n),
		       e)))
		goto fail;
	r = db_commit(db, e);
	goto out;
fail:
	db_rollback(db);
out:
	free(used);
	asm_quota_list_release(&q);
	asm_registration_list_release(&regs);
	return r;
}

/* The checks both quota use cases share: the area, the number, the event, the actor. */
static int quota_check(struct db *db, const struct actor *a, int64_t id, const char *area,
		       int64_t quota, struct assembly *ev, struct err *e)
{
	int r;

	if (empty(area) || (strcmp(area, "TH") && !geo_code_valid(area)))
		return err_set(e, ERR_INVALID, "area", "รหัสพื้นที่ไม่ถูกต้อง: \"%.16s\"",
			       "not an area code: \"%.16s\"", area ? area : "");
	if (quota < 1 || quota > ASM_MAX_QUOTA)
		return err_set(e, ERR_INVALID, "quota", "โควตาต้องอยู่ระหว่าง 1 ถึง %d คน",
			       "a quota is 1 to %d people", ASM_MAX_QUOTA);
	if ((r = load_event(db, id, ev, e)) || (r = manage_check(a, ev, e)) ||
	    (r = area_exists(db, area, "area", e)))
		return r;
	if (!geo_in_scope(ev->area, area) && strcmp(ev->area, "TH"))
		return err_set(e, ERR_INVALID, "area", "พื้นที่ %s ไม่อยู่ในพื้นที่ของเวที (%s)",
			       "%s is not inside the assembly's area (%s)", area, ev->area);
	return 0;
}

int app_assembly_quota_set(struct app *app, const struct actor *a, int64_t id, const char *area,
			   int64_t quota, struct err *e)
{
	struct assembly ev;
	struct db *db;
	int r;

	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = quota_check(db, a, id, area, quota, &ev, e)))
		return r;
	return set_quotas(app, a, db, &ev, &area, 1, area, quota, e);
}

int app_assembly_quota_each(struct app *app, const struct actor *a, int64_t id,
			    const char *parent, int64_t quota, int64_t *count, struct err *e)
{
	struct geo_area_list kids = GEO_AREA_LIST_INIT;
	const char **areas = NULL;
	struct assembly ev;
	struct db *db;
	int r;

	*count = 0;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = quota_check(db, a, id, parent, quota, &ev, e)))
		return r;
	if (!strcmp(parent, "TH") || geo_level(parent) >= GEO_TAMBON)
		return err_set(e, ERR_INVALID, "area",
			       "โควตาแยกรายพื้นที่ย่อยใช้กับจังหวัดหรืออำเภอ (ได้ %s)",
			       "a quota for each area below is for a province or a district (got %s)",
			       parent);
	if ((r = geo_children(db, parent, GEO_ORDER_CODE, &kids, e)))
		return r;
	if (!kids.n) {
		r = err_set(e, ERR_INVALID, "area", "พื้นที่ %s ไม่มีพื้นที่ย่อย",
			    "%s has no areas below it", parent);
		goto out;
	}
	areas = xcalloc(kids.n, sizeof(*areas));
	for (size_t i = 0; i < kids.n; i++)
		areas[i] = kids.items[i].code;
	if (!(r = set_quotas(app, a, db, &ev, areas, kids.n, parent, quota, e)))
		*count = (int64_t)kids.n;
out:
	free(areas);
	geo_area_list_release(&kids);
	return r;
}

/* The guard: a participant from origin fits under the event's quotas. */
static int quota_guard(struct db *db, int64_t id, const char *origin, struct err *e)
{
	struct asm_quota_list q = { NULL, 0, 0 };
	struct asm_registration_list regs = { NULL, 0, 0 };
	int64_t *used = NULL;
	const char *areas[256];
	char th[256], en[256];
	size_t n;
	int r, k;

	if ((r = asm_quotas(db, id, &q, e)) || (r = asm_registrations(db, id, &regs, e)))
		goto out;
	if (regs.n >= ASM_MAX_REGISTRATIONS) {
		r = err_set(e, ERR_CONFLICT, NULL, "เวทีหนึ่งลงทะเบียนได้ไม่เกิน %d คน",
			    "an assembly takes at most %d registrations", ASM_MAX_REGISTRATIONS);
		goto out;
	}
	if (!q.n)
		goto out; /* no invitations: open to all */
	n = q.n < 256 ? q.n : 256;
	for (size_t i = 0; i < n; i++)
		areas[i] = q.items[i].area;
	k = asm_quota_of(areas, n, origin);
	area_name(db, origin, true, th, sizeof(th));
	area_name(db, origin, false, en, sizeof(en));
	if (k < 0) {
		r = err_set(e, ERR_CONFLICT, "origin",
			    "ไม่มีโควตาเชิญสำหรับ %s%.0s (%s): ลงทะเบียนเป็นผู้เข้าร่วมไม่ได้",
			    "no invitation quota covers %.0s%s (%s): cannot register a participant",
			    th, en, origin);
		goto out;
	}
	used = xcalloc(q.n + 1, sizeof(int64_t));
	count_quotas(&q, &regs, used);
	if (used[k] >= q.items[k].quota) {
		area_name(db, q.items[k].area, true, th, sizeof(th));
		area_name(db, q.items[k].area, false, en, sizeof(en));
		r = err_set(e, ERR_CONFLICT, "origin",
			    "โควตาของ %s%.0s (%s) เต็มแล้ว: %lld คน ลงทะเบียนเพิ่มไม่ได้",
			    "the quota for %.0s%s (%s) is full: %lld people; no more can register",
			    th, en, q.items[k].area, (long long)q.items[k].quota);
	}
out:
	free(used);
	asm_quota_list_release(&q);
	asm_registration_list_release(&regs);
	return r;
}

int app_assembly_register(struct app *app, const struct actor *a, int64_t id,
			  const struct registration_in *in, int64_t *reg_id, struct err *e)
{
	struct asm_registration g;
	struct assembly ev;
	char now[32], where[16];
	struct db *db;
	int64_t dup = 0;
	int r;

	*reg_id = 0;
	memset(&g, 0, sizeof(g));
	snprintf(g.role, sizeof(g.role), "%s", empty(in->role) ? "participant" : in->role);
	if ((r = asm_code_check(asm_roles, g.role, "role", "บทบาทผู้เข้าร่วม", "role", e)) ||
	    (r = asm_check_text(in->organisation, ASM_NAME_MAX, false, false, "organisation", e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = load_event(db, id, &ev, e)) || (r = read_check(a, ev.area, e)))
		return r;
	if (!strcmp(ev.status, "cancelled"))
		return err_set(e, ERR_CONFLICT, NULL, "เวทีนี้ถูกยกเลิกแล้ว%s",
			       "this assembly was cancelled%s", "");
	if (in->person_id > 0) {
		struct person pe;
		int64_t merged = 0;

		person_init(&pe);
		r = person_get(db, in->person_id, &pe, &merged, e);
		if (r)
			return r == ERR_NOT_FOUND ? err_set(e, ERR_INVALID, "person_id",
							    "ไม่พบบุคคลหมายเลข %lld",
							    "person %lld not found",
							    (long long)in->person_id)
						  : r;
		if (merged || pe.death.y) {
			person_release(&pe);
			return err_set(e, ERR_INVALID, "person_id",
				       "บุคคลนี้เสียชีวิตหรือถูกรวมระเบียนแล้ว%s",
				       "this person has died or was merged into another record%s", "");
		}
		snprintf(g.name, sizeof(g.name), "%s%s %s", pe.title ? pe.title : "",
			 pe.given_name ? pe.given_name : "", pe.family_name ? pe.family_name : "");
		snprintf(g.origin, sizeof(g.origin), "%.6s", pe.area);
		snprintf(where, sizeof(where), "%s", pe.area);
		person_release(&pe);
		g.person_id = in->person_id;
		if (actor_check(a, PERM_READ, where, NULL))
			return err_set(e, ERR_FORBIDDEN, "person_id",
				       "บุคคลนี้อยู่ในพื้นที่ %s นอกขอบเขตของท่าน (%s)",
				       "this person lives in %s, outside your scope (%s)", where,
				       a->area);
	} else {
		if ((r = asm_check_text(in->name, ASM_NAME_MAX, true, false, "name", e)))
			return r;
		if (empty(in->origin))
			return err_set(e, ERR_INVALID, "origin",
				       "กรุณาระบุพื้นที่ที่มา (รหัสตำบล)%s",
				       "the area the guest comes from is required (a tambon code)%s",
				       "");
		if ((r = area_exists(db, in->origin, "origin", e)))
			return r;
		snprintf(g.name, sizeof(g.name), "%s", in->name);
		snprintf(g.origin, sizeof(g.origin), "%s", in->origin);
		snprintf(where, sizeof(where), "%s", in->origin);
	}
	snprintf(g.organisation, sizeof(g.organisation), "%s",
		 in->organisation ? in->organisation : "");
	if (!may_register(a, &ev, where))
		return err_set(e, ERR_FORBIDDEN, "origin",
			       "ท่านลงทะเบียนได้เฉพาะผู้ที่มาจากพื้นที่ของท่าน (%s) เท่านั้น",
			       "you may register only people from your own area (%s)", a->area);
	g.assembly_id = id;
	snprintf(g.created_by, sizeof(g.created_by), "%s", a->username);
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	/* Lock the event's row: registrations for one event go one at a time. */
	if ((r = assembly_set_status(db, id, ev.status, now, e)))
		goto fail;
	if (g.person_id && (r = asm_registration_of(db, id, g.person_id, &dup, e)))
		goto fail;
	if (dup) {
		r = err_set(e, ERR_CONFLICT, "person_id",
			    "บุคคลนี้ลงทะเบียนเวทีนี้แล้ว (เลขที่ %lld)",
			    "this person is already registered for this assembly (number %lld)",
			    (long long)dup);
		goto fail;
	}
	if (!strcmp(g.role, "participant")) {
		if ((r = quota_guard(db, id, g.origin, e)))
			goto fail;
	}
	if ((r = asm_registration_insert(db, &g, now, reg_id, e)) ||
	    (r = audit(app, db, a, "assembly", id, ev.area, "register",
		       json_pack("{s:I, s:I, s:s, s:s, s:s}", "registration", (json_int_t)*reg_id,
				 "person_id", (json_int_t)g.person_id, "name", g.name, "origin",
				 g.origin, "role", g.role),
		       e)))
		goto fail;
	if ((r = db_commit(db, e)))
		*reg_id = 0;
	return r;
fail:
	db_rollback(db);
	*reg_id = 0;
	return r;
}

static int attend_guard(struct db *db, int64_t reg_id, const char *name, struct err *e);

int app_assembly_attend(struct app *app, const struct actor *a, int64_t id, int64_t reg_id,
			const char *day, struct err *e)
{
	struct asm_registration g;
	struct assembly ev;
	struct date d;
	char now[32], ds[16];
	bool added;
	struct db *db;
	int r;

	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = load_event(db, id, &ev, e)) || (r = read_check(a, ev.area, e)))
		return r;
	r = asm_registration_get(db, reg_id, &g, e);
	if (r == ERR_NOT_FOUND || (!r && g.assembly_id != id))
		return err_set(e, ERR_INVALID, "registration_id",
			       "ผู้นี้ไม่ได้ลงทะเบียนเวทีนี้ (เลขที่ %lld): ลงชื่อเข้าร่วมไม่ได้",
			       "no registration %lld for this assembly: only registered people attend",
			       (long long)reg_id);
	if (r)
		return r;
	if (!may_register(a, &ev, g.origin))
		return err_set(e, ERR_FORBIDDEN, "registration_id",
			       "ท่านบันทึกการเข้าร่วมได้เฉพาะผู้ที่มาจากพื้นที่ของท่าน (%s)",
			       "you may record attendance only for people from your own area (%s)",
			       a->area);
	if (!strcmp(ev.status, "cancelled"))
		return err_set(e, ERR_CONFLICT, NULL, "เวทีนี้ถูกยกเลิกแล้ว%s",
			       "this assembly was cancelled%s", "");
	d = app_today(app);
	if (!empty(day) && (r = date_parse(day, 0, &d, "day", e)))
		return r;
	if (date_cmp(d, ev.starts_on) < 0 || date_cmp(d, ev.ends_on) > 0) {
		char s1[16], s2[16];
		iso(ev.starts_on, s1);
		iso(ev.ends_on, s2);
		iso(d, ds);
		return err_set(e, ERR_INVALID, "day",
			       "วันที่ %s ไม่ใช่วันจัดเวที (%s ถึง %s)",
			       "%s is not a day of the assembly (%s to %s)", ds, s1, s2);
	}
	if (date_cmp(d, app_today(app)) > 0)
		return err_set(e, ERR_INVALID, "day", "บันทึกการเข้าร่วมล่วงหน้าไม่ได้%s",
			       "attendance cannot be recorded ahead of the day%s", "");
	iso(d, ds);
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = attend_guard(db, reg_id, g.name, e)) ||
	    (r = asm_attendance_insert(db, reg_id, d, a->username, now, &added, e)))
		goto fail;
	if (added && (r = audit(app, db, a, "assembly", id, ev.area, "attend",
				json_pack("{s:I, s:s}", "registration", (json_int_t)reg_id, "day", ds),
				e)))
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return r;
}

int app_assembly_agenda_add(struct app *app, const struct actor *a, int64_t id,
			    const struct agenda_in *in, int64_t *agenda_id, struct err *e)
{
	struct asm_agenda g;
	struct assembly ev;
	char now[32], ds[16];
	struct db *db;
	int r;

	*agenda_id = 0;
	memset(&g, 0, sizeof(g));
	if ((r = asm_code_check(asm_agenda_kinds, in->kind, "kind", "ประเภทวาระ", "agenda kind",
				e)) ||
	    (r = asm_check_text(in->title, ASM_TITLE_MAX, true, false, "title", e)) ||
	    (r = asm_check_text(in->speakers, ASM_TITLE_MAX, false, false, "speakers", e)) ||
	    (r = asm_check_time(in->starts_at, "starts_at", e)) ||
	    (r = asm_check_time(in->ends_at, "ends_at", e)))
		return r;
	if (!empty(in->target_group) &&
	    (r = asm_code_check(asm_target_groups, in->target_group, "target_group",
				"กลุ่มเป้าหมาย", "target group", e)))
		return r;
	if (!empty(in->pillar) && program_pillar_parse(in->pillar) < 0)
		return err_set(e, ERR_INVALID, "pillar", "เสาหลักไม่ถูกต้อง: \"%.20s\"",
			       "unknown pillar \"%.20s\"", in->pillar);
	if (!strcmp(in->kind, "breakout") && empty(in->target_group) && empty(in->pillar))
		return err_set(e, ERR_INVALID, "target_group",
			       "กลุ่มย่อยต้องแบ่งตามกลุ่มเป้าหมายหรือเสาหลัก%s",
			       "a breakout group is by target group or by pillar%s", "");
	if (!empty(in->starts_at) && !empty(in->ends_at) && strcmp(in->ends_at, in->starts_at) < 0)
		return err_set(e, ERR_INVALID, "ends_at", "เวลาสิ้นสุดต้องไม่ก่อนเวลาเริ่ม%s",
			       "the end cannot be before the start%s", "");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = load_event(db, id, &ev, e)) || (r = manage_check(a, &ev, e)))
		return r;
	g.day = ev.starts_on;
	if (!empty(in->day) && (r = date_parse(in->day, 0, &g.day, "day", e)))
		return r;
	if (date_cmp(g.day, ev.starts_on) < 0 || date_cmp(g.day, ev.ends_on) > 0)
		return err_set(e, ERR_INVALID, "day", "วันของวาระต้องเป็นวันจัดเวที%s",
			       "an agenda item is on a day of the assembly%s", "");
	g.assembly_id = id;
	snprintf(g.kind, sizeof(g.kind), "%s", in->kind);
	snprintf(g.title, sizeof(g.title), "%s", in->title);
	snprintf(g.starts_at, sizeof(g.starts_at), "%s", in->starts_at ? in->starts_at : "");
	snprintf(g.ends_at, sizeof(g.ends_at), "%s", in->ends_at ? in->ends_at : "");
	snprintf(g.speakers, sizeof(g.speakers), "%s", in->speakers ? in->speakers : "");
	snprintf(g.target_group, sizeof(g.target_group), "%s",
		 in->target_group ? in->target_group : "");
	snprintf(g.pillar, sizeof(g.pillar), "%s", in->pillar ? in->pillar : "");
	iso(g.day, ds);
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = asm_agenda_insert(db, &g, agenda_id, e)) ||
	    (r = audit(app, db, a, "assembly", id, ev.area, "agenda",
		       json_pack("{s:I, s:s, s:s, s:s}", "agenda", (json_int_t)*agenda_id, "kind",
				 g.kind, "title", g.title, "day", ds),
		       e)))
		goto fail;
	if ((r = db_commit(db, e)))
		*agenda_id = 0;
	return r;
fail:
	db_rollback(db);
	*agenda_id = 0;
	return r;
}

int app_assembly_commitment_add(struct app *app, const struct actor *a, int64_t id,
				const char *kind, const char *text, const char *signed_by,
				const char *signed_on, int64_t *cid, struct err *e)
{
	struct asm_commitment c;
	struct assembly ev;
	char now[32];
	struct db *db;
	int r;

	*cid = 0;
	memset(&c, 0, sizeof(c));
	if ((r = asm_code_check(asm_commitment_kinds, kind, "kind", "ประเภท", "kind", e)) ||
	    (r = asm_check_text(text, ASM_TEXT_MAX, true, true, "text", e)) ||
	    (r = asm_check_text(signed_by, ASM_TITLE_MAX, false, false, "signed_by", e)) ||
	    (r = parse_date(signed_on, "signed_on", false, &c.signed_on, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = load_event(db, id, &ev, e)) || (r = manage_check(a, &ev, e)))
		return r;
	if (!c.signed_on.y)
		c.signed_on = ev.ends_on;
	if (date_cmp(c.signed_on, ev.starts_on) < 0)
		return err_set(e, ERR_INVALID, "signed_on", "วันที่ลงนามต้องไม่ก่อนวันจัดเวที%s",
			       "a commitment cannot be signed before the assembly%s", "");
	snprintf(c.kind, sizeof(c.kind), "%s", kind);
	snprintf(c.text, sizeof(c.text), "%s", text);
	snprintf(c.signed_by, sizeof(c.signed_by), "%s", signed_by ? signed_by : "");
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = asm_commitment_insert(db, id, &c, a->username, now, cid, e)) ||
	    (r = audit(app, db, a, "assembly", id, ev.area, "commitment",
		       json_pack("{s:I, s:s, s:s}", "commitment", (json_int_t)*cid, "kind", c.kind,
				 "text", c.text),
		       e)))
		goto fail;
	if ((r = db_commit(db, e)))
		*cid = 0;
	return r;
fail:
	db_rollback(db);
	*cid = 0;
	return r;
}

/* -------------------------------------------------------------- proposals */

int app_proposal_add(struct app *app, const struct actor *a, const struct proposal_in *in,
		     int64_t *id, struct err *e)
{
	struct proposal p;
	struct assembly ev;
	struct proposal_step s;
	char now[32], ds[16];
	struct date today;
	struct db *db;
	int r;

	*id = 0;
	memset(&p, 0, sizeof(p));
	memset(&s, 0, sizeof(s));
	if ((r = asm_check_text(in->group_name, ASM_TITLE_MAX, false, false, "group_name", e)) ||
	    (r = asm_check_text(in->problem, ASM_TEXT_MAX, true, true, "problem", e)) ||
	    (r = asm_check_text(in->recommendation, ASM_TEXT_MAX, true, true, "recommendation",
				e)) ||
	    (r = asm_check_text(in->body, ASM_NAME_MAX, true, false, "body", e)) ||
	    (r = asm_check_text(in->endorsed_by, ASM_TITLE_MAX, false, false, "endorsed_by", e)))
		return r;
	if (in->endorsements < 0 || in->endorsements > 100000)
		return err_set(e, ERR_INVALID, "endorsements",
			       "จำนวนผู้รับรองต้องอยู่ระหว่าง 0 ถึง 100000%s",
			       "endorsements are 0 to 100000%s", "");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = load_event(db, in->assembly_id, &ev, e)))
		return r == ERR_NOT_FOUND ? err_set(e, ERR_INVALID, "assembly_id",
						    "ไม่พบเวทีหมายเลข %lld", "no assembly %lld",
						    (long long)in->assembly_id)
					  : r;
	if ((r = manage_check(a, &ev, e)))
		return r;
	if (!strcmp(ev.status, "cancelled"))
		return err_set(e, ERR_CONFLICT, NULL, "เวทีนี้ถูกยกเลิกแล้ว%s",
			       "this assembly was cancelled%s", "");
	snprintf(p.target_group, sizeof(p.target_group), "%s", in->target_group ? in->target_group : "");
	snprintf(p.pillar, sizeof(p.pillar), "%s", in->pillar ? in->pillar : "");
	snprintf(p.group_name, sizeof(p.group_name), "%s", in->group_name ? in->group_name : "");
	if (in->agenda_id) {
		struct asm_agenda g;
		r = asm_agenda_get(db, in->agenda_id, &g, e);
		if (r == ERR_NOT_FOUND || (!r && (g.assembly_id != ev.id || strcmp(g.kind, "breakout"))))
			return err_set(e, ERR_INVALID, "agenda_id",
				       "วาระหมายเลข %lld ไม่ใช่กลุ่มย่อยของเวทีนี้",
				       "agenda item %lld is not a breakout group of this assembly",
				       (long long)in->agenda_id);
		if (r)
			return r;
		/* The group's own target group or pillar, unless the form says otherwise. */
		if (!*p.target_group)
			snprintf(p.target_group, sizeof(p.target_group), "%s", g.target_group);
		if (!*p.pillar)
			snprintf(p.pillar, sizeof(p.pillar), "%s", g.pillar);
		if (!*p.group_name)
			snprintf(p.group_name, sizeof(p.group_name), "%s", g.title);
		p.agenda_id = g.id;
	}
	if ((r = asm_code_check(asm_target_groups, p.target_group, "target_group", "กลุ่มเป้าหมาย",
				"target group", e)))
		return r;
	if (program_pillar_parse(p.pillar) < 0)
		return err_set(e, ERR_INVALID, "pillar", "เสาหลักไม่ถูกต้อง: \"%.20s\"",
			       "unknown pillar \"%.20s\"", p.pillar);
	snprintf(p.area, sizeof(p.area), "%s", empty(in->area) ? ev.area : in->area);
	if ((r = area_exists(db, p.area, "area", e)))
		return r;
	if (!geo_in_scope(ev.area, p.area) && strcmp(ev.area, "TH"))
		return err_set(e, ERR_INVALID, "area", "พื้นที่ %s ไม่อยู่ในพื้นที่ของเวที (%s)",
			       "%s is not inside the assembly's area (%s)", p.area, ev.area);
	today = app_today(app);
	if (date_cmp(ev.starts_on, today) > 0)
		return err_set(e, ERR_CONFLICT, NULL,
			       "ข้อเสนอเขียนในเวที: เวทีนี้ยังไม่ถึงวันจัด%s",
			       "proposals are written at the assembly, which has not begun yet%s", "");
	p.proposed_on = date_cmp(today, ev.ends_on) > 0 ? ev.ends_on : today;
	if (!empty(in->proposed_on) &&
	    (r = date_parse(in->proposed_on, 0, &p.proposed_on, "proposed_on", e)))
		return r;
	if (date_cmp(p.proposed_on, ev.starts_on) < 0 || date_cmp(p.proposed_on, ev.ends_on) > 0 ||
	    date_cmp(p.proposed_on, today) > 0)
		return err_set(e, ERR_INVALID, "proposed_on",
			       "วันที่เสนอต้องเป็นวันจัดเวทีที่ผ่านมาแล้ว%s",
			       "a proposal is dated on a day of the assembly, not in the future%s", "");
	p.assembly_id = ev.id;
	p.endorsements = in->endorsements;
	snprintf(p.problem, sizeof(p.problem), "%s", in->problem);
	snprintf(p.recommendation, sizeof(p.recommendation), "%s", in->recommendation);
	snprintf(p.body, sizeof(p.body), "%s", in->body);
	snprintf(p.endorsed_by, sizeof(p.endorsed_by), "%s", in->endorsed_by ? in->endorsed_by : "");
	snprintf(p.created_by, sizeof(p.created_by), "%s", a->username);
	app_iso_time(app_time(app), now);
	snprintf(s.status, sizeof(s.status), "proposed");
	s.on = p.proposed_on;
	snprintf(s.evidence, sizeof(s.evidence), "%s", ev.title);
	snprintf(s.actor, sizeof(s.actor), "%s", a->username);
	snprintf(s.at, sizeof(s.at), "%s", now);
	iso(p.proposed_on, ds);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = proposal_insert(db, &p, now, id, e)) ||
	    (r = proposal_step_insert(db, *id, &s, e)) ||
	    (r = audit(app, db, a, "proposal", *id, p.area, "propose",
		       json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "assembly", (json_int_t)ev.id,
				 "target_group", p.target_group, "pillar", p.pillar, "body", p.body,
				 "recommendation", p.recommendation, "proposed_on", ds),
		       e)))
		goto fail;
	if ((r = db_commit(db, e)))
		*id = 0;
	return r;
fail:
	db_rollback(db);
	*id = 0;
	return r;
}

/* May the actor move this proposal on? Officers of its area or of the event's. */
static bool may_step(const struct actor *a, const struct proposal *p, const struct assembly *ev)
{
	return officer(a) && (!actor_check(a, PERM_WRITE, p->area, NULL) ||
			      !actor_check(a, PERM_WRITE, ev->area, NULL));
}

int app_proposal_step(struct app *app, const struct actor *a, int64_t id,
		      const struct proposal_step_in *in, struct err *e)
{
	struct proposal p;
	struct assembly ev;
	struct proposal_step s;
	char now[32], ds[16];
	struct db *db;
	int r;

	memset(&s, 0, sizeof(s));
	if ((r = asm_check_text(in->evidence, ASM_TEXT_MAX, false, true, "evidence", e)) ||
	    (r = asm_check_text(in->reference, ASM_NAME_MAX, false, false, "reference", e)))
		return r;
	if (!in->status || asm_status_rank(in->status) < 1)
		return err_set(e, ERR_INVALID, "status", "สถานะถัดไปไม่ถูกต้อง: \"%.20s\"",
			       "not a next status: \"%.20s\"", in->status ? in->status : "");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = proposal_get(db, id, &p, e)) || (r = load_event(db, p.assembly_id, &ev, e)))
		return r;
	if (!may_step(a, &p, &ev)) {
		if ((r = read_check(a, p.area, e)))
			return r;
		return err_set(e, ERR_FORBIDDEN, NULL,
			       "เฉพาะเจ้าหน้าที่ของพื้นที่ %s หรือผู้จัดเวทีบันทึกความคืบหน้าได้",
			       "only officers of %s or the assembly's managers record progress",
			       p.area);
	}
	if ((r = asm_step_check(p.status, in->status, e)))
		return r;
	if (empty(in->evidence))
		return err_set(e, ERR_INVALID, "evidence",
			       !strcmp(in->status, "declined") ? "กรุณาระบุเหตุผลที่ไม่ได้รับการพิจารณา%s"
							       : "กรุณาระบุหลักฐาน (เช่น เลขที่หนังสือ มติ หรือหน้าของแผน)%s",
			       !strcmp(in->status, "declined") ? "the reason it was declined is required%s"
							       : "evidence is required (a letter, a resolution, the page of the plan)%s",
			       "");
	s.on = app_today(app);
	if (!empty(in->date) && (r = date_parse(in->date, 0, &s.on, "date", e)))
		return r;
	if (date_cmp(s.on, app_today(app)) > 0)
		return err_set(e, ERR_INVALID, "date", "วันที่ต้องไม่เป็นวันในอนาคต%s",
			       "the date must not be in the future%s", "");
	if (date_cmp(s.on, p.status_on) < 0) {
		iso(p.status_on, ds);
		return err_set(e, ERR_INVALID, "date", "วันที่ต้องไม่ก่อนขั้นก่อนหน้า (%s)",
			       "the date cannot be before the previous step (%s)", ds);
	}
	if (!strcmp(in->status, "adopted")) {
		if ((r = asm_code_check(asm_adopted_into, in->adopted_into, "adopted_into",
					"แผนหรือข้อบัญญัติที่บรรจุ", "where it was adopted", e)))
			return r;
		snprintf(p.adopted_into, sizeof(p.adopted_into), "%s", in->adopted_into);
	}
	if (!strcmp(in->status, "funded")) {
		if (in->amount <= 0 || in->amount > INT64_C(100000000000000))
			return err_set(e, ERR_INVALID, "amount",
				       "กรุณาระบุงบประมาณที่ได้รับ (มากกว่า 0 บาท)%s",
				       "the amount funded is required (more than 0 baht)%s", "");
		p.funded_amount = in->amount;
	}
	snprintf(s.status, sizeof(s.status), "%s", in->status);
	snprintf(s.evidence, sizeof(s.evidence), "%s", in->evidence);
	snprintf(s.reference, sizeof(s.reference), "%s", in->reference ? in->reference : "");
	snprintf(s.actor, sizeof(s.actor), "%s", a->username);
	app_iso_time(app_time(app), now);
	snprintf(s.at, sizeof(s.at), "%s", now);
	iso(s.on, ds);
	if ((r = db_begin(db, e)))
		return r;
	/* Again inside the transaction: another step may have come first. */
	{
		struct proposal cur;
		if ((r = proposal_get(db, id, &cur, e)) ||
		    (strcmp(cur.status, p.status) && (r = asm_step_check(cur.status, in->status, e))))
			goto fail;
	}
	snprintf(p.status, sizeof(p.status), "%s", in->status);
	p.status_on = s.on;
	if ((r = proposal_update(db, &p, now, e)) || (r = proposal_step_insert(db, id, &s, e)) ||
	    (r = audit(app, db, a, "proposal", id, p.area, in->status,
		       json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "status", in->status, "date", ds,
				 "evidence", s.evidence, "reference", s.reference, "adopted_into",
				 p.adopted_into, "amount", (json_int_t)p.funded_amount),
		       e)))
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return r;
}

int app_proposal_get(struct app *app, const struct actor *a, int64_t id, struct proposal *out,
		     struct proposal_step_list *steps, bool *can_step, struct err *e)
{
	struct assembly ev;
	struct db *db;
	int r;

	if (can_step)
		*can_step = false;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = proposal_get(db, id, out, e)) || (r = read_check(a, out->area, e)))
		return r;
	if (can_step && !load_event(db, out->assembly_id, &ev, NULL))
		*can_step = may_step(a, out, &ev) && !asm_status_final(out->status);
	return steps ? proposal_steps(db, id, steps, e) : 0;
}

int app_proposal_list(struct app *app, const struct actor *a, int64_t assembly_id,
		      const char *area, int year, const char *status, int limit, int64_t offset,
		      struct proposal_list *out, struct err *e)
{
	struct db *db;
	int r;

	if (!empty(status) && asm_status_rank(status) < 0)
		return err_set(e, ERR_INVALID, "status", "สถานะไม่ถูกต้อง: \"%.20s\"",
			       "unknown status \"%.20s\"", status);
	if (year < 0 || year > 9998)
		return err_set(e, ERR_INVALID, "year", "ปีไม่ถูกต้อง%s", "invalid year%s", "");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if (assembly_id > 0) {
		struct assembly ev;
		if ((r = load_event(db, assembly_id, &ev, e)) || (r = read_check(a, ev.area, e)))
			return r;
		area = "TH";
	} else {
		if (empty(area))
			area = a->area;
		if ((r = actor_check(a, PERM_READ, area, e)))
			return r;
	}
	return proposal_list_of(db, assembly_id, area, year, status,
				limit > 0 && limit <= 1000 ? limit : 100, offset > 0 ? offset : 0, out,
				e);
}

/* ---------------------------------------------------------------- reports */

void asm_report_release(struct asm_report *r)
{
	free(r->rows);
	free(r->regions);
	r->rows = r->regions = NULL;
	r->n = r->nregions = 0;
}

static int group_index(const char *code)
{
	for (int i = 0; asm_target_groups[i].code; i++)
		if (!strcmp(asm_target_groups[i].code, code))
			return i;
	return -1;
}

static struct asm_report_row *row_of(struct asm_report *rep, const char *k)
{
	for (size_t i = 0; i < rep->n; i++)
		if (!strcmp(rep->rows[i].code, k))
			return &rep->rows[i];
	return NULL;
}

/* For a region: does a key ("56", or "56:elderly") belong to one of its provinces?
 * Elsewhere every key counts. On a match *rest is what follows the colon. */
static bool counts(const struct geo_area_list *provs, bool region, const char *k,
		   const char **rest)
{
	const char *colon = strchr(k, ':');

	*rest = colon ? colon + 1 : k;
	if (!region)
		return true;
	for (size_t i = 0; i < provs->n; i++)
		if (!strncmp(provs->items[i].code, k, 2))
			return true;
	return false;
}

static void add_row(struct asm_report_row *to, const struct asm_report_row *w)
{
	to->events += w->events;
	to->registered += w->registered;
	to->attended += w->attended;
	to->proposals += w->proposals;
	for (int s = 0; s < ASM_NSTATUS; s++)
		to->status[s] += w->status[s];
}

/* The nation by region: one row per region, summed from the province rows. */
static int region_rows(struct db *db, const struct geo_area_list *provs, struct asm_report *out,
		       struct err *e)
{
	struct geo_region_list rl = GEO_REGION_LIST_INIT;
	int r = geo_regions(db, &rl, e);

	if (r)
		return r;
	out->regions = xcalloc(rl.n + 1, sizeof(*out->regions));
	for (size_t i = 0; i < rl.n; i++) {
		struct asm_report_row *g = &out->regions[out->nregions++];
		snprintf(g->code, sizeof(g->code), "%s", rl.items[i].code);
		snprintf(g->name_th, sizeof(g->name_th), "%s", rl.items[i].name_th);
		snprintf(g->name_en, sizeof(g->name_en), "%s",
			 rl.items[i].name_en ? rl.items[i].name_en : rl.items[i].name_th);
		for (size_t k = 0; k < provs->n && k < out->n; k++)
			if (!strcmp(provs->items[k].region, g->code))
				add_row(g, &out->rows[k]);
	}
	geo_region_list_release(&rl);
	return 0;
}

int app_assembly_report(struct app *app, const struct actor *a, const char *area, int year,
			struct asm_report *out, struct err *e)
{
	struct asm_count_list c = { NULL, 0, 0 };
	struct geo_area_list kids = GEO_AREA_LIST_INIT;
	const char *within, *rest;
	bool region;
	struct db *db;
	int r, plen;

	memset(out, 0, sizeof(*out));
	if (empty(area))
		area = a->area;
	if (year < 1941 || year > 9998)
		return err_set(e, ERR_INVALID, "year", "ปีไม่ถูกต้อง: %d", "invalid year: %d", year);
	region = !geo_code_valid(area) && geo_region_valid(area);
	if (strcmp(area, "TH") && !geo_code_valid(area) && !region)
		return err_set(e, ERR_INVALID, "area", "รหัสพื้นที่ไม่ถูกต้อง: \"%.16s\"",
			       "not an area code: \"%.16s\"", area);
	/* A region (a group of provinces) is seen by national users only. */
	if ((r = actor_check(a, PERM_READ, region ? "TH" : area, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	snprintf(out->area, sizeof(out->area), "%s", area);
	out->year = year;
	if (region) {
		struct geo_region_list rl = GEO_REGION_LIST_INIT;
		if ((r = geo_regions(db, &rl, e)))
			return r;
		for (size_t i = 0; i < rl.n; i++)
			if (!strcmp(rl.items[i].code, area)) {
				snprintf(out->name_th, sizeof(out->name_th), "%s", rl.items[i].name_th);
				snprintf(out->name_en, sizeof(out->name_en), "%s",
					 rl.items[i].name_en ? rl.items[i].name_en : rl.items[i].name_th);
			}
		geo_region_list_release(&rl);
		r = geo_region_provinces(db, area, GEO_ORDER_CODE, &kids, e);
		within = "TH";
	} else {
		struct geo_area g;
		memset(&g, 0, sizeof(g));
		if ((r = geo_area_get(db, area, &g, e)))
			return r;
		snprintf(out->name_th, sizeof(out->name_th), "%s", g.name_th);
		snprintf(out->name_en, sizeof(out->name_en), "%s", g.name_en ? g.name_en : g.name_th);
		geo_area_release(&g);
		r = geo_children(db, area, GEO_ORDER_CODE, &kids, e);
		within = area;
	}
	if (r)
		goto out;
	out->rows = xcalloc(kids.n + 1, sizeof(*out->rows));
	for (size_t i = 0; i < kids.n; i++) {
		struct asm_report_row *w = &out->rows[out->n++];
		snprintf(w->code, sizeof(w->code), "%s", kids.items[i].code);
		snprintf(w->name_th, sizeof(w->name_th), "%s", kids.items[i].name_th);
		snprintf(w->name_en, sizeof(w->name_en), "%s",
			 kids.items[i].name_en ? kids.items[i].name_en : kids.items[i].name_th);
	}
	plen = kids.n ? (int)strlen(kids.items[0].code) : (!strcmp(area, "TH") ? 2 : (int)strlen(area));
	/* Events by level (for a region, by province and level). */
	if ((r = asm_counts(db, region ? "events_p" : "events", within, year, plen, &c, e)))
		goto out;
	for (size_t i = 0; i < c.n; i++) {
		if (!counts(&kids, region, c.items[i].k1, &rest))
			continue;
		for (int k = 0; asm_levels[k].code; k++)
			if (!strcmp(asm_levels[k].code, rest))
				out->events_level[k] += c.items[i].n;
		out->events += c.items[i].n;
	}
	c.n = 0;
	if ((r = asm_counts(db, "events_by", within, year, plen, &c, e)))
		goto out;
	for (size_t i = 0; i < c.n; i++) {
		struct asm_report_row *w = row_of(out, c.items[i].k1);
		if (w)
			w->events += c.items[i].n;
	}
	c.n = 0;
	if ((r = asm_counts(db, "people_by", within, year, plen, &c, e)))
		goto out;
	for (size_t i = 0; i < c.n; i++) {
		struct asm_report_row *w = row_of(out, c.items[i].k1);
		if (!counts(&kids, region, c.items[i].k1, &rest))
			continue;
		out->registered += c.items[i].n;
		out->attended += c.items[i].m;
		if (w) {
			w->registered += c.items[i].n;
			w->attended += c.items[i].m;
		}
	}
	c.n = 0;
	if ((r = asm_counts(db, "prop_by", within, year, plen, &c, e)))
		goto out;
	for (size_t i = 0; i < c.n; i++) {
		struct asm_report_row *w = row_of(out, c.items[i].k1);
		int s = asm_status_rank(c.items[i].k2);
		if (s < 0 || !counts(&kids, region, c.items[i].k1, &rest))
			continue;
		out->proposals += c.items[i].n;
		out->status[s] += c.items[i].n;
		if (w) {
			w->proposals += c.items[i].n;
			w->status[s] += c.items[i].n;
		}
	}
	c.n = 0;
	if ((r = asm_counts(db, region ? "prop_group_p" : "prop_group", within, year, plen, &c, e)))
		goto out;
	for (size_t i = 0; i < c.n; i++) {
		int gi, s = asm_status_rank(c.items[i].k2);
		if (!counts(&kids, region, c.items[i].k1, &rest))
			continue;
		gi = group_index(rest);
		if (gi >= 0 && s >= 0)
			out->group[gi][s] += c.items[i].n;
	}
	c.n = 0;
	if ((r = asm_counts(db, region ? "prop_pillar_p" : "prop_pillar", within, year, plen, &c, e)))
		goto out;
	for (size_t i = 0; i < c.n; i++) {
		int pi, s = asm_status_rank(c.items[i].k2);
		if (!counts(&kids, region, c.items[i].k1, &rest))
			continue;
		pi = program_pillar_parse(rest) - 1;
		if (pi >= 0 && pi < ASM_NGROUP && s >= 0)
			out->pillar[pi][s] += c.items[i].n;
	}
	if (!strcmp(area, "TH"))
		r = region_rows(db, &kids, out, e);
out:
	asm_count_list_release(&c);
	geo_area_list_release(&kids);
	if (r)
		asm_report_release(out);
	return r;
}

/* -------------------------------------------------------------- documents */

/* A document's language and scratch text. */
struct doc {
	bool th;
	struct db *db;
	struct buf s[32];  /* rotating scratch strings */
	int k;
	struct {
		char code[16], name[256];
	} names[64];       /* area names looked up so far */
	int nnames;
};

static const char *tr(const struct doc *d, const char *th, const char *en)
{
	return d->th ? th : en;
}

static struct buf *scratch(struct doc *d)
{
	struct buf *b = &d->s[d->k++ % 32];

	buf_reset(b);
	return b;
}

static const char *dtext(struct doc *d, struct date t, enum date_style style)
{
	struct buf *b = scratch(d);

	if (t.y)
		date_format(t, style, d->th ? 0 : DATE_ENGLISH, b, NULL);
	return b->ptr;
}

static const char *fmt(struct doc *d, const char *f, ...) __attribute__((format(printf, 2, 3)));
static const char *fmt(struct doc *d, const char *f, ...)
{
	struct buf *b = scratch(d);
	va_list ap;

	va_start(ap, f);
	buf_vprintf(b, f, ap);
	va_end(ap);
	return b->ptr;
}

static const char *num(struct doc *d, int64_t v)
{
	struct buf *b = scratch(d);

	buf_printf(b, "%lld", (long long)v);
	return b->ptr;
}

static const char *baht(struct doc *d, int64_t satang)
{
	struct buf *b = scratch(d);

	money_format(satang, 0, b, NULL);
	buf_puts(b, d->th ? " บาท" : " baht");
	return b->ptr;
}

static const char *aname(struct doc *d, const char *code)
{
	for (int i = 0; i < d->nnames; i++)
		if (!strcmp(d->names[i].code, code))
			return d->names[i].name;
	if (d->nnames < 64) {
		int i = d->nnames++;
		snprintf(d->names[i].code, sizeof(d->names[i].code), "%s", code);
		area_name(d->db, code, d->th, d->names[i].name, sizeof(d->names[i].name));
		return d->names[i].name;
	}
	return code;
}

static void doc_release(struct doc *d)
{
	for (int i = 0; i < 32; i++)
		buf_release(&d->s[i]);
}

static int doc_init(struct app *app, struct doc *d, bool thai, struct err *e)
{
	memset(d, 0, sizeof(*d));
	d->th = thai;
	for (int i = 0; i < 32; i++)
		buf_init(&d->s[i], 0);
	if (!(d->db = app_db(app, e)))
		return ERR_DB;
	return 0;
}

int app_assembly_signin_pdf(struct app *app, const struct actor *a, int64_t id, const char *day,
			    bool thai, struct buf *out, struct err *e)
{
	static const double widths[] = { 0.07, 0.30, 0.22, 0.16, 0.25 };
	struct assembly_detail dt;
	struct pdf_opts o = { 0 };
	struct pdf_col cols[5];
	struct pdf *pdf = NULL;
	struct date only = { 0, 0, 0 };
	struct doc d;
	int r, pages = 0;

	if (!empty(day) && (r = date_parse(day, 0, &only, "day", e)))
		return r;
	if ((r = app_assembly_get(app, a, id, &dt, e)))
		return r;
	if ((r = doc_init(app, &d, thai, e)))
		goto out;
	o.title = tr(&d, "ใบลงทะเบียนผู้เข้าร่วม", "Sign-in sheet");
	o.author = dt.ev.title;
	o.footer = dt.ev.title;
	o.size = 14;
	if ((r = pdf_open(&pdf, &o, e)))
		goto out;
	cols[0] = (struct pdf_col){ tr(&d, "ที่", "No."), widths[0], PDF_CENTER };
	cols[1] = (struct pdf_col){ tr(&d, "ชื่อ - สกุล", "Name"), widths[1], PDF_LEFT };
	cols[2] = (struct pdf_col){ tr(&d, "หน่วยงาน / องค์กร", "Organisation"), widths[2], PDF_LEFT };
	cols[3] = (struct pdf_col){ tr(&d, "ตำบล", "Tambon"), widths[3], PDF_LEFT };
	cols[4] = (struct pdf_col){ tr(&d, "ลายมือชื่อ", "Signature"), widths[4], PDF_LEFT };
	for (int k = 0; k < dt.ndays; k++) {
		if (only.y && date_cmp(only, dt.days[k]))
			continue;
		if (pages++)
			pdf_new_page(pdf);
		pdf_heading(pdf, 1, tr(&d, "ใบลงทะเบียนผู้เข้าร่วม", "Sign-in sheet"));
		pdf_text(pdf, dt.ev.title, PDF_CENTER | PDF_BOLD);
		pdf_text(pdf,
			 fmt(&d, "%s %s%s%s", tr(&d, "วันที่", "Date:"),
			     dtext(&d, dt.days[k], DATE_FULL),
			     *dt.ev.venue ? tr(&d, "  ณ ", "  at ") : "", dt.ev.venue),
			 PDF_CENTER);
		if (dt.ndays > 1)
			pdf_text(pdf,
				 d.th ? fmt(&d, "วันที่ %d จาก %d วัน", k + 1, dt.ndays)
				      : fmt(&d, "Day %d of %d", k + 1, dt.ndays),
				 PDF_CENTER | PDF_SMALL);
		pdf_space(pdf, 6);
		pdf_table_begin(pdf, 5, cols, 0);
		for (size_t i = 0; i < dt.regs.n; i++) {
			const struct asm_registration *g = &dt.regs.items[i];
			const char *cells[5];
			cells[0] = num(&d, (int64_t)i + 1);
			cells[1] = g->name;
			cells[2] = g->organisation;
			cells[3] = aname(&d, g->origin);
			cells[4] = "\xc2\xa0\n\xc2\xa0"; /* room to sign: two lines */
			pdf_table_row(pdf, cells, 0);
		}
		/* A few empty rows for walk-ins, written in by hand. */
		for (int i = 0; i < 3; i++) {
			const char *cells[5] = { num(&d, (int64_t)dt.regs.n + i + 1), "", "", "", "\xc2\xa0\n\xc2\xa0" };
			pdf_table_row(pdf, cells, 0);
		}
		pdf_table_end(pdf);
	}
	if (only.y && !pages) {
		r = err_set(e, ERR_INVALID, "day", "วันที่นี้ไม่ใช่วันจัดเวที%s",
			    "that date is not a day of the assembly%s", "");
		goto out;
	}
	r = pdf_finish(pdf, out, e);
out:
	pdf_free(pdf);
	doc_release(&d);
	assembly_detail_release(&dt);
	return r;
}

/* The participation table: a row per quota area (or per area of origin
 * when there are no quotas), with registered and attended. */
static void summary_participation(struct pdf *pdf, struct doc *d, const struct assembly_detail *dt)
{
	struct pdf_col cols[4] = {
		{ tr(d, "พื้นที่", "Area"), 0.46, PDF_LEFT },
		{ tr(d, "โควตา", "Quota"), 0.18, PDF_RIGHT },
		{ tr(d, "ลงทะเบียน", "Registered"), 0.18, PDF_RIGHT },
		{ tr(d, "เข้าร่วมจริง", "Attended"), 0.18, PDF_RIGHT },
	};
	struct {
		char code[16];
		int64_t quota, reg, att;
	} rows[128];
	const char *areas[256];
	size_t n = 0, nq = dt->quotas.n < 128 ? dt->quotas.n : 128;
	int64_t tq = 0, tr_ = 0, ta = 0;

	for (size_t i = 0; i < nq; i++) {
		snprintf(rows[n].code, sizeof(rows[n].code), "%s", dt->quotas.items[i].area);
		rows[n].quota = dt->quotas.items[i].quota;
		rows[n].reg = rows[n].att = 0;
		areas[n++] = dt->quotas.items[i].area;
	}
	for (size_t i = 0; i < dt->regs.n; i++) {
		const struct asm_registration *g = &dt->regs.items[i];
		int k = nq ? asm_quota_of(areas, nq, g->origin) : -1;
		if (k < 0) {
			for (size_t j = nq; j < n; j++)
				if (!strcmp(rows[j].code, g->origin))
					k = (int)j;
			if (k < 0 && n < 128) {
				k = (int)n++;
				snprintf(rows[k].code, sizeof(rows[k].code), "%s", g->origin);
				rows[k].quota = rows[k].reg = rows[k].att = 0;
			}
			if (k < 0)
				continue;
		}
		rows[k].reg++;
		if (dt->days_attended[i])
			rows[k].att++;
	}
	pdf_table_begin(pdf, 4, cols, 0);
	for (size_t i = 0; i < n; i++) {
		const char *cells[4] = { fmt(d, "%s (%s)", aname(d, rows[i].code), rows[i].code),
					 rows[i].quota ? num(d, rows[i].quota) : "–",
					 num(d, rows[i].reg), num(d, rows[i].att) };
		pdf_table_row(pdf, cells, 0);
		tq += rows[i].quota;
		tr_ += rows[i].reg;
		ta += rows[i].att;
	}
	{
		const char *cells[4] = { tr(d, "รวม", "Total"), num(d, tq), num(d, tr_), num(d, ta) };
		pdf_table_row(pdf, cells, PDF_TOTAL);
	}
	pdf_table_end(pdf);
}

static int cmp_group(const void *x, const void *y)
{
	const struct proposal *a = x, *b = y;
	int c = strcmp(a->group_name, b->group_name);

	return c ? c : (a->id > b->id) - (a->id < b->id);
}

int app_assembly_summary_pdf(struct app *app, const struct actor *a, int64_t id, bool thai,
			     struct buf *out, struct err *e)
{
	struct assembly_detail dt;
	struct pdf_opts o = { 0 };
	struct pdf *pdf = NULL;
	struct buf orgs = BUF_INIT;
	struct doc d;
	int r;

	if ((r = app_assembly_get(app, a, id, &dt, e)))
		return r;
	if ((r = doc_init(app, &d, thai, e)))
		goto out;
	o.title = tr(&d, "รายงานสรุปผลการจัดเวที", "Assembly summary report");
	o.author = dt.ev.title;
	o.footer = dt.ev.title;
	o.size = 14;
	if ((r = pdf_open(&pdf, &o, e)))
		goto out;
	pdf_heading(pdf, 1, tr(&d, "รายงานสรุปผลการจัดเวที", "Assembly summary report"));
	pdf_text(pdf, dt.ev.title, PDF_CENTER | PDF_BOLD);
	pdf_space(pdf, 8);
	pdf_field(pdf, tr(&d, "ระดับ", "Level"), asm_code_name(asm_levels, dt.ev.level, d.th), 0);
	pdf_field(pdf, tr(&d, "พื้นที่", "Area"),
		  *dt.ev.group_code ? fmt(&d, "%s (%s)", aname(&d, dt.ev.area), dt.ev.group_code)
				    : aname(&d, dt.ev.area),
		  0);
	pdf_field(pdf, tr(&d, "วันที่จัด", "Dates"),
		  date_cmp(dt.ev.starts_on, dt.ev.ends_on)
			  ? fmt(&d, "%s – %s", dtext(&d, dt.ev.starts_on, DATE_LONG),
				dtext(&d, dt.ev.ends_on, DATE_LONG))
			  : dtext(&d, dt.ev.starts_on, DATE_LONG),
		  0);
	if (*dt.ev.venue)
		pdf_field(pdf, tr(&d, "สถานที่", "Venue"), dt.ev.venue, 0);
	for (size_t i = 0; i < dt.organisers.n; i++)
		buf_printf(&orgs, "%s%s", i ? ", " : "", dt.organisers.items[i].name);
	if (orgs.len)
		pdf_field(pdf, tr(&d, "ผู้จัด", "Organisers"), orgs.ptr, 0);
	pdf_field(pdf, tr(&d, "งบประมาณ", "Budget"), baht(&d, dt.ev.budget), 0);
	pdf_field(pdf, tr(&d, "ผู้เข้าร่วม", "Participants"),
		  d.th ? fmt(&d, "ลงทะเบียน %lld คน เข้าร่วมจริง %lld คน",
			     (long long)dt.ev.registered, (long long)dt.ev.attended)
		       : fmt(&d, "%lld registered, %lld attended", (long long)dt.ev.registered,
			     (long long)dt.ev.attended),
		  0);

	pdf_heading(pdf, 2, tr(&d, "การเข้าร่วมตามพื้นที่", "Participation by area"));
	summary_participation(pdf, &d, &dt);

	if (dt.agenda.n) {
		struct pdf_col cols[4] = {
			{ tr(&d, "วัน เวลา", "Day, time"), 0.22, PDF_LEFT },
			{ tr(&d, "ประเภท", "Kind"), 0.14, PDF_LEFT },
			{ tr(&d, "หัวข้อ", "Title"), 0.40, PDF_LEFT },
			{ tr(&d, "วิทยากร", "Speakers"), 0.24, PDF_LEFT },
		};
		pdf_heading(pdf, 2, tr(&d, "กำหนดการ", "Agenda"));
		pdf_table_begin(pdf, 4, cols, 0);
		for (size_t i = 0; i < dt.agenda.n; i++) {
			const struct asm_agenda *g = &dt.agenda.items[i];
			const char *cells[4] = {
				fmt(&d, "%s%s%s%s%s", dtext(&d, g->day, DATE_MEDIUM), *g->starts_at ? " " : "",
				    g->starts_at, *g->ends_at ? "–" : "", g->ends_at),
				asm_code_name(asm_agenda_kinds, g->kind, d.th),
				*g->target_group ? fmt(&d, "%s (%s)", g->title,
						       asm_code_name(asm_target_groups, g->target_group, d.th))
				: *g->pillar	 ? fmt(&d, "%s (%s)", g->title,
						       program_pillar_name(program_pillar_parse(g->pillar), d.th))
						 : g->title,
				g->speakers,
			};
			pdf_table_row(pdf, cells, 0);
		}
		pdf_table_end(pdf);
	}

	pdf_heading(pdf, 2, tr(&d, "ข้อเสนอจากกลุ่มย่อย", "Proposals by group"));
	if (!dt.proposals.n)
		pdf_text(pdf, tr(&d, "ไม่มีข้อเสนอ", "No proposals."), 0);
	qsort(dt.proposals.items, dt.proposals.n, sizeof(dt.proposals.items[0]), cmp_group);
	for (size_t i = 0; i < dt.proposals.n; i++) {
		const struct proposal *p = &dt.proposals.items[i];
		if (!i || strcmp(p->group_name, dt.proposals.items[i - 1].group_name))
			pdf_heading(pdf, 3, *p->group_name ? p->group_name : tr(&d, "ไม่ระบุกลุ่ม", "No group"));
		pdf_text(pdf,
			 fmt(&d, "%zu. %s · %s · %s", i + 1,
			     asm_code_name(asm_target_groups, p->target_group, d.th),
			     program_pillar_name(program_pillar_parse(p->pillar), d.th),
			     asm_code_name(asm_statuses, p->status, d.th)),
			 PDF_BOLD);
		pdf_field(pdf, tr(&d, "สภาพปัญหา", "Problem"), p->problem, 0);
		pdf_field(pdf, tr(&d, "ข้อเสนอ", "Recommendation"), p->recommendation, 0);
		pdf_field(pdf, tr(&d, "เสนอต่อ", "Addressed to"), p->body, 0);
		if (p->endorsements || *p->endorsed_by)
			pdf_field(pdf, tr(&d, "ผู้รับรอง", "Endorsed by"),
				  d.th ? fmt(&d, "%lld คน %s", (long long)p->endorsements, p->endorsed_by)
				       : fmt(&d, "%lld people %s", (long long)p->endorsements, p->endorsed_by),
				  0);
		pdf_space(pdf, 4);
	}

	if (dt.commitments.n) {
		pdf_heading(pdf, 2, tr(&d, "ยุทธศาสตร์และข้อตกลงร่วม", "Strategies and commitments"));
		for (size_t i = 0; i < dt.commitments.n; i++) {
			const struct asm_commitment *c = &dt.commitments.items[i];
			pdf_text(pdf,
				 fmt(&d, "%zu. %s: %s", i + 1,
				     asm_code_name(asm_commitment_kinds, c->kind, d.th), c->text),
				 0);
			if (*c->signed_by)
				pdf_text(pdf,
					 fmt(&d, "%s %s %s", tr(&d, "ลงนามโดย", "Signed by"), c->signed_by,
					     dtext(&d, c->signed_on, DATE_LONG)),
					 PDF_SMALL);
		}
	}
	r = pdf_finish(pdf, out, e);
out:
	pdf_free(pdf);
	buf_release(&orgs);
	doc_release(&d);
	assembly_detail_release(&dt);
	return r;
}

static void book_row(struct sheet_book *b, unsigned flags, size_t n, const char *const *cells)
{
	struct slice s[16];

	for (size_t i = 0; i < n && i < 16; i++)
		s[i] = slice_of(cells[i] ? cells[i] : "");
	sheet_book_row(b, s, n, flags);
}

int app_assembly_report_xlsx(struct app *app, const struct actor *a, const char *area, int year,
			     bool thai, struct buf *out, struct err *e)
{
	struct sheet_book *b = NULL;
	struct asm_report rep;
	struct sheet_col cols[5 + ASM_NSTATUS];
	struct doc d;
	int r;

	if ((r = app_assembly_report(app, a, area, year, &rep, e)))
		return r;
	if ((r = doc_init(app, &d, thai, e)) || (r = sheet_book_open(&b, NULL, e)))
		goto out;
	sheet_book_sheet(b, tr(&d, "สมัชชาและข้อเสนอ", "Assemblies"));
	sheet_book_text(b,
			d.th ? fmt(&d, "เวทีสมัชชาและข้อเสนอ %s ปี %d", rep.name_th, year + 543)
			     : fmt(&d, "Assemblies and proposals, %s, %d", rep.name_en, year),
			SHEET_TITLE);
	sheet_book_blank(b);
	cols[0] = (struct sheet_col){ tr(&d, "รหัส", "Code"), SHEET_TEXT, 10 };
	cols[1] = (struct sheet_col){ tr(&d, "พื้นที่", "Area"), SHEET_TEXT, 28 };
	cols[2] = (struct sheet_col){ tr(&d, "เวที", "Assemblies"), SHEET_INT, 10 };
	cols[3] = (struct sheet_col){ tr(&d, "ลงทะเบียน", "Registered"), SHEET_INT, 12 };
	cols[4] = (struct sheet_col){ tr(&d, "เข้าร่วม", "Attended"), SHEET_INT, 12 };
	for (int s = 0; s < ASM_NSTATUS; s++)
		cols[5 + s] = (struct sheet_col){ d.th ? asm_statuses[s].th : asm_statuses[s].en,
						  SHEET_INT, 14 };
	sheet_book_table(b, cols, 5 + ASM_NSTATUS);
	for (size_t i = 0; i <= rep.n; i++) {
		const struct asm_report_row *w = i < rep.n ? &rep.rows[i] : NULL;
		const char *cells[5 + ASM_NSTATUS];
		cells[0] = w ? w->code : rep.area;
		cells[1] = w ? (d.th ? w->name_th : w->name_en)
			     : fmt(&d, "%s %s", tr(&d, "รวม", "Total"), d.th ? rep.name_th : rep.name_en);
		cells[2] = num(&d, w ? w->events : rep.events);
		cells[3] = num(&d, w ? w->registered : rep.registered);
		cells[4] = num(&d, w ? w->attended : rep.attended);
		for (int s = 0; s < ASM_NSTATUS; s++)
			cells[5 + s] = fmt(&d, "%lld", (long long)(w ? w->status[s] : rep.status[s]));
		book_row(b, w ? 0 : SHEET_BOLD, 5 + ASM_NSTATUS, cells);
	}
	/* The nation also by region. */
	if (rep.nregions) {
		sheet_book_blank(b);
		cols[1] = (struct sheet_col){ tr(&d, "ภาค", "Region"), SHEET_TEXT, 28 };
		sheet_book_table(b, cols, 5 + ASM_NSTATUS);
		for (size_t i = 0; i < rep.nregions; i++) {
			const struct asm_report_row *w = &rep.regions[i];
			const char *cells[5 + ASM_NSTATUS];
			cells[0] = w->code;
			cells[1] = d.th ? w->name_th : w->name_en;
			cells[2] = num(&d, w->events);
			cells[3] = num(&d, w->registered);
			cells[4] = num(&d, w->attended);
			for (int s = 0; s < ASM_NSTATUS; s++)
				cells[5 + s] = fmt(&d, "%lld", (long long)w->status[s]);
			book_row(b, 0, 5 + ASM_NSTATUS, cells);
		}
	}
	for (int t = 0; t < 2; t++) {
		sheet_book_blank(b);
		cols[0] = (struct sheet_col){ t ? tr(&d, "เสาหลัก", "Pillar")
						: tr(&d, "กลุ่มเป้าหมาย", "Target group"),
					      SHEET_TEXT, 28 };
		for (int s = 0; s < ASM_NSTATUS; s++)
			cols[1 + s] = (struct sheet_col){ d.th ? asm_statuses[s].th : asm_statuses[s].en,
							  SHEET_INT, 14 };
		sheet_book_table(b, cols, 1 + ASM_NSTATUS);
		for (int g = 0; g < ASM_NGROUP; g++) {
			const char *cells[1 + ASM_NSTATUS];
			cells[0] = t ? program_pillar_name((enum program_pillar)(g + 1), d.th)
				     : (d.th ? asm_target_groups[g].th : asm_target_groups[g].en);
			for (int s = 0; s < ASM_NSTATUS; s++)
				cells[1 + s] = fmt(&d, "%lld",
						   (long long)(t ? rep.pillar[g][s] : rep.group[g][s]));
			book_row(b, 0, 1 + ASM_NSTATUS, cells);
		}
	}
	r = sheet_book_finish(b, out, e);
out:
	sheet_book_free(b);
	doc_release(&d);
	asm_report_release(&rep);
	return r;
}

/* ------------------------------------------------------------------- demo */

static const char *iso_of(struct date d, char buf[16])
{
	iso(d, buf);
	return buf;
}

int app_assembly_demo(struct app *app, const char *province, struct err *e)
{
	static const char *const names[] = {
		"สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดพะเยา",
		"เครือข่ายกองทุนสวัสดิการชุมชนจังหวัดพะเยา",
	};
	struct assembly_list have = { NULL, 0, 0 };
	struct geo_area_list tambons = GEO_AREA_LIST_INIT;
	struct actor sys;
	struct db *db;
	struct date today, start, end, d;
	char s1[16], s2[16], ds[16], district[8], title[256];
	int64_t id = 0, reg, ag[5] = { 0 }, pid;
	int r;

	actor_system(&sys);
	if (!(db = app_db(app, e)))
		return ERR_DB;
	today = app_today(app);
	if ((r = date_add_days(today, -45, &start, e)) || (r = date_add_days(start, 1, &end, e)))
		return r;
	snprintf(title, sizeof(title), "สมัชชาสวัสดิการสังคมจังหวัดพะเยา ประจำปี %d",
		 date_be_year(start));
	if ((r = assembly_list_area(db, province, NULL, 0, 100, 0, &have, e)))
		return r;
	for (size_t i = 0; i < have.n; i++)
		if (!strncmp(have.items[i].title, "สมัชชาสวัสดิการสังคมจังหวัดพะเยา",
			     strlen("สมัชชาสวัสดิการสังคมจังหวัดพะเยา")))
			id = have.items[i].id;
	assembly_list_release(&have);
	if (id)
		return 0; /* made by an earlier run */
	snprintf(district, sizeof(district), "%s01", province);
	if ((r = geo_children(db, district, GEO_ORDER_CODE, &tambons, e)))
		return r;
	if (tambons.n < 2) {
		r = err_set(e, ERR_NOT_FOUND, NULL, "อำเภอ %s มีตำบลไม่ถึงสองตำบล",
			    "district %s has fewer than two tambons", district);
		goto out;
	}
	{
		struct assembly_in in = { 0 };
		in.title = title;
		in.level = "province";
		in.area = province;
		in.starts_on = iso_of(start, s1);
		in.ends_on = iso_of(end, s2);
		in.venue = "หอประชุมศาลากลางจังหวัดพะเยา";
		in.budget = INT64_C(15000000);
		in.organisers = names;
		in.nnames = ARRAY_SIZE(names);
		in.note = "เวทีประจำปีของเครือข่ายสวัสดิการสังคมจังหวัด ผู้แทนตำบลละ 9 คน";
		if ((r = app_assembly_add(app, &sys, &in, &id, e)))
			goto out;
	}
	for (int t = 0; t < 2; t++)
		if ((r = app_assembly_quota_set(app, &sys, id, tambons.items[t].code, 9, e)))
			goto out;
	{
		const struct agenda_in items[] = {
			{ "lecture", "ทิศทางการจัดสวัสดิการสังคมจังหวัดพะเยา", s1, "09:00", "10:00",
			  "ผู้ว่าราชการจังหวัดพะเยา", "", "" },
			{ "panel", "เสวนา: กองทุนสวัสดิการชุมชนกับการดูแลคนทุกช่วงวัย", s1, "10:15",
			  "12:00", "ผู้แทนกองทุนสวัสดิการชุมชน 3 ตำบล", "", "" },
			{ "breakout", "กลุ่มย่อยผู้สูงอายุ", s1, "13:00", "16:00", "", "elderly", "" },
			{ "breakout", "กลุ่มย่อยเด็กและเยาวชน", s1, "13:00", "16:00", "", "child_youth",
			  "" },
			{ "breakout", "กลุ่มย่อยคนพิการและผู้ด้อยโอกาส", s1, "13:00", "16:00", "",
			  "disadvantaged", "" },
		};
		for (size_t i = 0; i < ARRAY_SIZE(items); i++)
			if ((r = app_assembly_agenda_add(app, &sys, id, &items[i], &ag[i], e)))
				goto out;
	}
	for (int t = 0; t < 2; t++) {
		int64_t ids[6];
		size_t n;
		if ((r = asm_people_in(db, tambons.items[t].code, ids, 6, &n, e)))
			goto out;
		for (size_t i = 0; i < n; i++) {
			struct registration_in in = { ids[i], NULL, NULL, NULL, NULL };
			if ((r = app_assembly_register(app, &sys, id, &in, &reg, e)) ||
			    (i < 5 && (r = app_assembly_attend(app, &sys, id, reg, s1, e))) ||
			    (i < 3 && (r = app_assembly_attend(app, &sys, id, reg, s2, e))))
				goto out;
		}
	}
	{
		struct registration_in in = { 0, "ดร.สมศักดิ์ วงศ์ใหญ่", "มหาวิทยาลัยพะเยา",
					      tambons.items[0].code, "speaker" };
		if ((r = app_assembly_register(app, &sys, id, &in, &reg, e)) ||
		    (r = app_assembly_attend(app, &sys, id, reg, s1, e)))
			goto out;
	}
	{
		const struct {
			int agenda;
			const char *pillar, *problem, *rec, *body, *to[4];
		} props[] = {
			{ 2, "services", "ผู้สูงอายุติดเตียงในตำบลขาดผู้ดูแลที่ผ่านการอบรม",
			  "จัดอบรมผู้ดูแลผู้สูงอายุ (Caregiver) ตำบลละ 10 คน และจัดค่าตอบแทน",
			  "องค์การบริหารส่วนจังหวัดพะเยา", { "submitted", "adopted", "funded", NULL } },
			{ 2, "assistance", "ผู้สูงอายุที่อยู่ลำพังไม่ได้รับการเยี่ยมบ้านสม่ำเสมอ",
			  "ให้อาสาสมัครพัฒนาสังคมเยี่ยมบ้านผู้สูงอายุอยู่ลำพังเดือนละครั้ง",
			  "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดพะเยา",
			  { "submitted", "adopted", NULL, NULL } },
			{ 3, "partnership", "เยาวชนไม่มีพื้นที่ทำกิจกรรมสร้างสรรค์หลังเลิกเรียน",
			  "สนับสนุนสภาเด็กและเยาวชนตำบลจัดลานกิจกรรมทุกเย็นวันศุกร์",
			  "องค์การบริหารส่วนตำบล", { "submitted", NULL, NULL, NULL } },
			{ 4, "assistance", "คนพิการจำนวนมากยังไม่มีบัตรประจำตัวคนพิการ",
			  "จัดหน่วยเคลื่อนที่ออกบัตรคนพิการในตำบลปีละ 2 ครั้ง",
			  "โรงพยาบาลส่งเสริมสุขภาพตำบลและสำนักงานสาธารณสุขจังหวัด",
			  { NULL, NULL, NULL, NULL } },
		};
		for (size_t i = 0; i < ARRAY_SIZE(props); i++) {
			struct proposal_in in = { 0 };
			in.assembly_id = id;
			in.agenda_id = ag[props[i].agenda];
			in.pillar = props[i].pillar;
			in.problem = props[i].problem;
			in.recommendation = props[i].rec;
			in.body = props[i].body;
			in.endorsements = 30 + (int64_t)i * 7;
			in.endorsed_by = "ผู้แทนตำบลที่เข้าร่วมกลุ่มย่อย";
			in.proposed_on = s1;
			if ((r = app_proposal_add(app, &sys, &in, &pid, e)))
				goto out;
			d = end;
			for (int k = 0; k < 4 && props[i].to[k]; k++) {
				struct proposal_step_in st = { 0 };
				static const char *const evidence[] = {
					"หนังสือเสนอข้อเสนอจากเวทีสมัชชาถึงหน่วยงาน",
					"บรรจุในแผนพัฒนาจังหวัดพะเยา พ.ศ. 2570 ยุทธศาสตร์ที่ 3",
					"ข้อบัญญัติงบประมาณรายจ่ายประจำปี อนุมัติงบประมาณแล้ว",
				};
				if ((r = date_add_days(d, 7, &d, e)))
					goto out;
				st.status = props[i].to[k];
				st.date = iso_of(d, ds);
				st.evidence = evidence[k < 3 ? k : 2];
				st.reference = k == 0 ? "พย 0020/1234" : "";
				st.adopted_into = "provincial_plan";
				st.amount = INT64_C(25000000);
				if ((r = app_proposal_step(app, &sys, pid, &st, e)))
					goto out;
			}
		}
	}
	{
		int64_t cid;
		if ((r = app_assembly_commitment_add(
			     app, &sys, id, "commitment",
			     "ปฏิญญาพะเยาว่าด้วยสวัสดิการสังคมถ้วนหน้า: ภาคีทุกภาคส่วนร่วมกันดูแลคนทุกช่วงวัยในชุมชน",
			     "ผู้ว่าราชการจังหวัดพะเยา นายกองค์การบริหารส่วนจังหวัดพะเยา และผู้แทนเครือข่าย",
			     s2, &cid, e)) ||
		    (r = app_assembly_commitment_add(
			     app, &sys, id, "strategy",
			     "ยุทธศาสตร์ที่ 1 เสริมความเข้มแข็งกองทุนสวัสดิการชุมชนให้ครอบคลุมทุกตำบล", "",
			     s2, &cid, e)) ||
		    (r = app_assembly_set_status(app, &sys, id, "held", e)))
			goto out;
	}
out:
	geo_area_list_release(&tambons);
	return r;
}

/* --------------------------------------------- withdrawing a registration */

bool app_assembly_may_register(const struct actor *a, const struct assembly *ev,
			       const char *origin)
{
	return may_register(a, ev, origin);
}

/* Inside the sign-in's transaction: the registration still stands. Its
 * row stays locked until the end, so a withdrawal waits for the sign-in
 * (and sees the attendance) or the sign-in for the withdrawal. */
static int attend_guard(struct db *db, int64_t reg_id, const char *name, struct err *e)
{
	bool withdrawn;
	int64_t days;
	int r;

	if ((r = asm_registration_lock(db, reg_id, &withdrawn, &days, e)))
		return r;
	if (withdrawn)
		return err_set(e, ERR_CONFLICT, "registration_id",
			       "การลงทะเบียนของ %s ถูกถอนแล้ว: ลงชื่อเข้าร่วมไม่ได้",
			       "%s's registration was withdrawn: they cannot be signed in", name);
	return 0;
}

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

int app_assembly_withdraw(struct app *app, const struct actor *a, int64_t id, int64_t reg_id,
			  const char *reason, struct err *e)
{
	struct asm_registration g;
	struct assembly ev;
	char now[32];
	bool withdrawn;
	int64_t days;
	struct db *db;
	int r;

	if (blank(reason))
		return err_set(e, ERR_INVALID, "reason",
			       "กรุณาระบุเหตุผลที่ถอนการลงทะเบียน%s",
			       "the reason for the withdrawal is required%s", "");
	if ((r = asm_check_text(reason, ASM_TITLE_MAX, true, false, "reason", e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = load_event(db, id, &ev, e)) || (r = read_check(a, ev.area, e)))
		return r;
	r = asm_registration_get(db, reg_id, &g, e);
	if (r == ERR_NOT_FOUND || (!r && g.assembly_id != id))
		return err_set(e, ERR_INVALID, "registration_id",
			       "ไม่พบการลงทะเบียนหมายเลข %lld ในเวทีนี้",
			       "no registration %lld for this assembly", (long long)reg_id);
	if (r)
		return r;
	if (!may_register(a, &ev, g.origin))
		return err_set(e, ERR_FORBIDDEN, "registration_id",
			       "ท่านถอนการลงทะเบียนได้เฉพาะผู้ที่มาจากพื้นที่ของท่าน (%s)",
			       "you may withdraw only registrations of people from your own area (%s)",
			       a->area);
	if (!strcmp(ev.status, "cancelled"))
		return err_set(e, ERR_CONFLICT, NULL, "เวทีนี้ถูกยกเลิกแล้ว%s",
			       "this assembly was cancelled%s", "");
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = asm_registration_lock(db, reg_id, &withdrawn, &days, e)))
		goto fail;
	if (withdrawn) {
		r = err_set(e, ERR_CONFLICT, "registration_id",
			    "การลงทะเบียนของ %s ถูกถอนไปแล้ว",
			    "%s's registration was already withdrawn", g.name);
		goto fail;
	}
	if (days > 0) {
		r = err_set(e, ERR_CONFLICT, "registration_id",
			    "ถอนการลงทะเบียนของ %s ไม่ได้ เพราะบันทึกการเข้าร่วมเวทีไว้แล้ว %lld วัน: "
			    "ผู้ที่มาร่วมเวทีแล้วต้องคงอยู่ในทะเบียนผู้เข้าร่วม",
			    "%s cannot be withdrawn: their attendance is recorded (%lld days), and "
			    "whoever attended stays on the register of participants",
			    g.name, (long long)days);
		goto fail;
	}
	if ((r = asm_registration_withdraw(db, reg_id, a->username, reason, now, e)) ||
	    (r = audit(app, db, a, "assembly", id, ev.area, "withdraw",
		       json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "registration",
				 (json_int_t)reg_id, "person_id", (json_int_t)g.person_id, "name",
				 g.name, "origin", g.origin, "role", g.role, "reason", reason),
		       e)))
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return r;
}

int app_assembly_withdrawals(struct app *app, const struct actor *a, int64_t id,
			     struct asm_withdrawal_list *out, struct err *e)
{
	struct asm_withdrawal_list all = { NULL, 0, 0 };
	struct assembly ev;
	struct db *db;
	bool see_all;
	int r;

	memset(out, 0, sizeof(*out));
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = load_event(db, id, &ev, e)) || (r = read_check(a, ev.area, e)))
		return r;
	if ((r = asm_withdrawals(db, id, &all, e)))
		goto out;
	see_all = may_manage(a, &ev) || !actor_check(a, PERM_READ, ev.area, NULL);
	for (size_t i = 0; i < all.n; i++)
		if (see_all || geo_in_scope(a->area, all.items[i].reg.origin))
			*asm_withdrawal_list_push(out) = all.items[i];
out:
	asm_withdrawal_list_release(&all);
	return r;
}
