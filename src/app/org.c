/*
 * Organisation, volunteer and network use cases. Each one loads what it is
 * about and checks the actor's right over its area (app/org.h says who may
 * do what), validates every field with a message in both languages, then
 * writes in one transaction together with its audit entry, or changes
 * nothing. Aggregates (the network's reach, the report) are counts and are
 * not logged as views.
 *
 * A network's levels, from the top:
 *
 *     national (TH) > cluster (C01..C18) > province > district > tambon
 *
 * A network's parent is a network of a higher level whose area holds it
 * (for a cluster: the province's cluster), so the tree has no cycles and the
 * reach of a network counts everything below it.
 */
#include "app/org.h"
#include "app/fund.h"
#include "app/geo.h"
#include "app/person.h"
#include "core/geo.h"
#include "core/thtext.h"
#include "lib/sheet.h"
#include "store/geo.h"
#include "store/person.h"
#include "store/user.h"

#define LIST_MAX 500
#define PARTICIPANTS_MAX 100000

static const char *const member_roles[] = { "chair",	 "vice_chair", "secretary", "treasurer",
					    "committee", "advisor",    "member" };
static const char *const net_roles[] = { "coordinator", "committee", "member" };
static const char *const net_levels[] = { "national", "cluster", "province", "district",
					  "tambon" };

static char *dump(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(o);
	return s;
}

static bool empty(const char *s)
{
	return !s || !*s;
}

static bool in_list(const char *s, const char *const *l, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (!strcmp(s, l[i]))
			return true;
	return false;
}

static void iso(struct date d, char out[16])
{
	if (!d.y)
		out[0] = '\0';
	else
		snprintf(out, 16, "%04u-%02u-%02u", (unsigned)d.y % 10000u, (unsigned)d.m % 100u,
			 (unsigned)d.d % 100u);
}

static json_t *date_json(struct date d)
{
	char s[16];

	iso(d, s);
	return d.y ? json_string(s) : json_null();
}

/* A free-text field: required or not, at most max bytes of valid UTF-8
 * without control characters. */
static int check_text(const char *s, const char *field, bool required, size_t max,
		      struct err *e)
{
	size_t n = s ? strlen(s) : 0;

	if (!n)
		return required ? err_set(e, ERR_INVALID, field, "กรุณากรอก %s", "%s is required",
					  field)
				: 0;
	if (n > max)
		return err_set(e, ERR_INVALID, field, "ข้อความยาวเกิน %zu ไบต์",
			       "text longer than %zu bytes", max);
	if (!thtext_utf8_valid(s, n))
		return err_set(e, ERR_INVALID, field, "ข้อความไม่ใช่ UTF-8 ที่ถูกต้อง%s",
			       "text is not valid UTF-8%s", "");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' && s[i] != '\t')
			return err_set(e, ERR_INVALID, field, "ข้อความมีอักขระควบคุม%s",
				       "the text holds a control character%s", "");
	return 0;
}

static int check_phone(const char *s, struct err *e)
{
	int r = check_text(s, "phone", false, 30, e);

	for (size_t i = 0; !r && s && s[i]; i++)
		if (!strchr("0123456789 +-()", s[i]))
			r = err_set(e, ERR_INVALID, "phone",
				    "เบอร์โทรศัพท์มีได้เฉพาะตัวเลข ช่องว่าง + - ( )%s",
				    "a phone number holds only digits, spaces and + - ( )%s", "");
	return r;
}

static int check_email(const char *s, struct err *e)
{
	int r = check_text(s, "email", false, 120, e);
	const char *at = s ? strchr(s, '@') : NULL;

	if (r || empty(s))
		return r;
	if (!at || at == s || !strchr(at, '.') || strchr(s, ' ') || strchr(at + 1, '@'))
		return err_set(e, ERR_INVALID, "email", "อีเมลไม่ถูกต้อง: %.60s",
			       "not an e-mail address: %.60s", s);
	return 0;
}

/* A date typed as ISO or B.E.: required or not, never in the future. */
static int read_date(struct app *app, const char *text, const char *field, bool required,
		     struct date *d, struct err *e)
{
	int r;

	*d = (struct date){ 0, 0, 0 };
	if (empty(text))
		return required ? err_set(e, ERR_INVALID, field, "กรุณาระบุวันที่%s",
					  "a date is required%s", "")
				: 0;
	r = date_parse(text, 0, d, field, e);
	if (r)
		return r;
	if (date_cmp(*d, app_today(app)) > 0)
		return err_set(e, ERR_INVALID, field, "วันที่ต้องไม่เป็นวันในอนาคต%s",
			       "the date must not be in the future%s", "");
	return 0;
}

static bool officer(const struct actor *a)
{
	return a->role == ROLE_NATIONAL_ADMIN || a->role == ROLE_PROVINCE_OFFICER ||
	       a->role == ROLE_DISTRICT_OFFICER || a->role == ROLE_LOCAL_OFFICER;
}

/* Officers write in their scope; the others read. */
static int officer_check(const struct actor *a, const char *area, struct err *e)
{
	if (!officer(a))
		return err_set(e, ERR_FORBIDDEN, NULL,
			       "เฉพาะเจ้าหน้าที่สวัสดิการบันทึกข้อมูลเครือข่ายได้ (บทบาท %s)",
			       "only welfare officers change the network's records (role %s)",
			       role_name(a->role));
	return actor_check(a, PERM_WRITE, area, e);
}

bool app_org_may_write(const struct actor *a, const struct org *o)
{
	if (strcmp(o->status, "active"))
		return false;
	if (a->role == ROLE_FUND_COMMITTEE && org_kind_parse(o->kind) == ORG_COMMUNITY_WELFARE)
		return actor_check(a, PERM_WRITE, o->area, NULL) == 0;
	return officer(a) && actor_check(a, PERM_WRITE, o->area, NULL) == 0;
}

static int org_write_check(const struct actor *a, const struct org *o, struct err *e)
{
	int r;

	if (a->role == ROLE_FUND_COMMITTEE && org_kind_parse(o->kind) == ORG_COMMUNITY_WELFARE)
		r = actor_check(a, PERM_WRITE, o->area, e);
	else if (a->role == ROLE_FUND_COMMITTEE)
		r = err_set(e, ERR_FORBIDDEN, NULL,
			    "คณะกรรมการกองทุนจัดการได้เฉพาะองค์กรสวัสดิการชุมชนในตำบลของตน%s",
			    "a fund committee manages only community welfare organisations of its "
			    "tambon%s",
			    "");
	else
		r = officer_check(a, o->area, e);
	if (!r && strcmp(o->status, "active"))
		r = err_set(e, ERR_CONFLICT, NULL, "องค์กร %.200s เลิกดำเนินการแล้ว",
			    "the organisation %.200s has been dissolved", o->name_th);
	return r;
}

static int audit(struct app *app, struct db *db, const struct actor *a, const char *entity,
		 int64_t id, const char *area, const char *action, json_t *before, json_t *after,
		 struct err *e)
{
	char eid[24], *b = before ? dump(before) : NULL, *s = after ? dump(after) : NULL;
	int r;

	snprintf(eid, sizeof(eid), "%lld", (long long)id);
	r = app_audit(app, db, a, action, entity, eid, area, b, s, e);
	free(b);
	free(s);
	return r;
}

/* Ends a transaction: rolls back when r is an error, else commits. */
static int finish(struct db *db, int r, struct err *e)
{
	if (r) {
		db_rollback(db);
		return r;
	}
	return db_commit(db, e);
}

static int area_exists(struct db *db, const char *code, const char *field, struct err *e)
{
	struct geo_area g;
	int r = geo_code_check(code, field, e);

	if (r)
		return r;
	memset(&g, 0, sizeof(g));
	r = geo_area_get(db, code, &g, e);
	if (r == ERR_NOT_FOUND || r == ERR_INVALID)
		return err_set(e, ERR_INVALID, field, "ไม่พบพื้นที่รหัส %.16s", "unknown area %.16s",
			       code);
	if (!r)
		geo_area_release(&g);
	return r;
}

/* A living registry person the actor may see; *area gets their area. */
static int person_ok(struct db *db, const struct actor *a, int64_t person_id, char area[16],
		     struct err *e)
{
	struct person p;
	int64_t merged = 0;
	int r;

	person_init(&p);
	r = person_get(db, person_id, &p, &merged, e);
	if (r == ERR_NOT_FOUND || (!r && merged)) {
		r = err_set(e, ERR_INVALID, "person_id", "ไม่พบบุคคลหมายเลข %lld",
			    "person %lld not found", (long long)person_id);
		goto out;
	}
	if (r)
		goto out;
	if (p.death.y) {
		r = err_set(e, ERR_INVALID, "person_id", "บุคคลหมายเลข %lld เสียชีวิตแล้ว",
			    "person %lld has died", (long long)person_id);
		goto out;
	}
	r = actor_check(a, PERM_READ, p.area, e);
	if (area)
		snprintf(area, 16, "%s", p.area);
out:
	person_release(&p);
	return r;
}

static struct db *db_of(struct app *app, struct err *e)
{
	return app_db(app, e);
}

/* ------------------------------------------------------------ organisations */

json_t *app_org_json(const struct org *o)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s}", "id",
			 (json_int_t)o->id, "kind", o->kind, "name_th", o->name_th, "name_en",
			 o->name_en, "area", o->area, "address", o->address, "phone", o->phone,
			 "email", o->email, "cert_no", o->cert_no, "cert_date",
			 date_json(o->cert_date), "founded_on", date_json(o->founded_on), "status",
			 o->status, "note", o->note);
}

static int load_org(struct app *app, const struct actor *a, int64_t id, struct db **db,
		    struct org *o, struct err *e)
{
	int r;

	*db = db_of(app, e);
	if (!*db)
		return ERR_DB;
	r = org_get(*db, id, o, e);
	if (!r)
		r = actor_check(a, PERM_READ, o->area, e);
	return r;
}

/* Validates in into o (kind, names, contact details, certificate, dates). */
static int org_from_in(struct app *app, const struct org_in *in, struct org *o, struct err *e)
{
	int kind = org_kind_parse(in->kind), r;

	if (kind < 0)
		return err_set(e, ERR_INVALID, "kind", "ไม่รู้จักประเภทองค์กร '%.32s'",
			       "unknown organisation kind '%.32s'", in->kind ? in->kind : "");
	r = org_check_name(in->name_th, "name_th", e);
	if (!r)
		r = check_text(in->name_en, "name_en", false, 255, e);
	if (!r)
		r = check_text(in->address, "address", false, 500, e);
	if (!r)
		r = check_phone(in->phone, e);
	if (!r)
		r = check_email(in->email, e);
	if (!r)
		r = check_text(in->cert_no, "cert_no", false, 60, e);
	if (!r)
		r = check_text(in->note, "note", false, 500, e);
	if (!r)
		r = read_date(app, in->cert_date, "cert_date", false, &o->cert_date, e);
	if (!r)
		r = read_date(app, in->founded_on, "founded_on", false, &o->founded_on, e);
	if (r)
		return r;
	if (kind == ORG_PUBLIC_BENEFIT && empty(in->cert_no))
		return err_set(e, ERR_INVALID, "cert_no",
			       "องค์กรสาธารณประโยชน์ต้องมีเลขที่หนังสือรับรอง%s",
			       "a public-benefit organisation needs its certificate number%s", "");
	if (!empty(in->cert_no) && !o->cert_date.y)
		return err_set(e, ERR_INVALID, "cert_date", "กรุณาระบุวันที่ได้รับการรับรอง%s",
			       "give the date of the certificate%s", "");
	if (empty(in->cert_no) && o->cert_date.y)
		return err_set(e, ERR_INVALID, "cert_no",
			       "มีวันที่รับรองแต่ไม่มีเลขที่หนังสือรับรอง%s",
			       "a certificate date without a certificate number%s", "");
	if (o->founded_on.y && o->cert_date.y && date_cmp(o->cert_date, o->founded_on) < 0)
		return err_set(e, ERR_INVALID, "cert_date",
			       "วันที่รับรองต้องไม่ก่อนวันก่อตั้ง%s",
			       "the certificate cannot predate the founding%s", "");
	snprintf(o->kind, sizeof(o->kind), "%s", org_kind_code((enum org_kind)kind));
	snprintf(o->name_th, sizeof(o->name_th), "%s", in->name_th);
	snprintf(o->name_en, sizeof(o->name_en), "%s", in->name_en ? in->name_en : "");
	snprintf(o->address, sizeof(o->address), "%s", in->address ? in->address : "");
	snprintf(o->phone, sizeof(o->phone), "%s", in->phone ? in->phone : "");
	snprintf(o->email, sizeof(o->email), "%s", in->email ? in->email : "");
	snprintf(o->cert_no, sizeof(o->cert_no), "%s", in->cert_no ? in->cert_no : "");
	snprintf(o->note, sizeof(o->note), "%s", in->note ? in->note : "");
	return 0;
}

int app_org_add(struct app *app, const struct actor *a, const struct org_in *in, int64_t *id,
		struct err *e)
{
	struct org o;
	struct db *db;
	char now[32];
	int r;

	*id = 0;
	memset(&o, 0, sizeof(o));
	r = org_from_in(app, in, &o, e);
	if (r)
		return r;
	if (empty(in->area))
		return err_set(e, ERR_INVALID, "area", "กรุณาระบุพื้นที่ขององค์กร%s",
			       "the organisation's area is required%s", "");
	snprintf(o.area, sizeof(o.area), "%.15s", in->area);
	snprintf(o.status, sizeof(o.status), "active");
	r = org_write_check(a, &o, e);
	if (r)
		return r;
	db = db_of(app, e);
	if (!db)
		return ERR_DB;
	r = area_exists(db, o.area, "area", e);
	if (r)
		return r;
	app_iso_time(app_time(app), now);
	r = db_begin(db, e);
	if (r)
		return r;
	r = org_insert(db, &o, a->username, now, id, e);
	o.id = *id;
	if (!r)
		r = audit(app, db, a, "org", *id, o.area, "org_add", NULL, app_org_json(&o), e);
	r = finish(db, r, e);
	if (r)
		*id = 0;
	return r;
}

int app_org_update(struct app *app, const struct actor *a, int64_t id, const struct org_in *in,
		   struct err *e)
{
	struct org old, o;
	struct db *db;
	char now[32];
	int r;

	r = load_org(app, a, id, &db, &old, e);
	if (!r)
		r = org_write_check(a, &old, e);
	if (r)
		return r;
	o = old;
	r = org_from_in(app, in, &o, e);
	if (r)
		return r;
	/* A fund committee may not turn its organisation into another kind. */
	if (a->role == ROLE_FUND_COMMITTEE && strcmp(o.kind, old.kind))
		return err_set(e, ERR_FORBIDDEN, "kind",
			       "คณะกรรมการกองทุนเปลี่ยนประเภทองค์กรไม่ได้%s",
			       "a fund committee cannot change an organisation's kind%s", "");
	app_iso_time(app_time(app), now);
	r = db_begin(db, e);
	if (r)
		return r;
	r = org_update(db, &o, now, e);
	if (!r)
		r = audit(app, db, a, "org", id, o.area, "org_update", app_org_json(&old),
			  app_org_json(&o), e);
	return finish(db, r, e);
}

int app_org_dissolve(struct app *app, const struct actor *a, int64_t id, const char *date,
		     const char *reason, struct err *e)
{
	struct org_member_list ml = { NULL, 0, 0 };
	struct date d;
	struct org o;
	struct db *db;
	char now[32];
	int r;

	r = load_org(app, a, id, &db, &o, e);
	if (!r)
		r = org_write_check(a, &o, e);
	if (!r)
		r = read_date(app, date, "date", true, &d, e);
	if (!r)
		r = check_text(reason, "reason", false, 500, e);
	if (r)
		return r;
	app_iso_time(app_time(app), now);
	r = db_begin(db, e);
	if (r)
		return r;
	r = org_set_status(db, id, "dissolved", now, e);
	if (!r)
		r = org_members(db, id, d, false, &ml, e);
	for (size_t i = 0; !r && i < ml.n; i++)
		r = org_member_end(db, ml.items[i].id, d, e);
	/* Network memberships end the same day. */
	if (!r)
		r = network_org_leave_all(db, id, d, e);
	if (!r)
		r = audit(app, db, a, "org", id, o.area, "org_dissolve", NULL,
			  json_pack("{s:o, s:s, s:I}", "date", date_json(d), "reason",
				    reason ? reason : "", "members_ended", (json_int_t)ml.n),
			  e);
	org_member_list_release(&ml);
	return finish(db, r, e);
}

int app_org_get(struct app *app, const struct actor *a, int64_t id, struct org *out,
		struct err *e)
{
	struct org_member_list ml = { NULL, 0, 0 };
	struct db *db;
	int r;

	r = load_org(app, a, id, &db, out, e);
	if (!r)
		r = org_members(db, id, app_today(app), false, &ml, e);
	if (!r)
		out->members = (int64_t)ml.n;
	org_member_list_release(&ml);
	if (r)
		memset(out, 0, sizeof(*out));
	return r;
}

int app_org_search(struct app *app, const struct actor *a, const struct org_query *q,
		   struct org_list *out, struct err *e)
{
	struct org_query w = *q;
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	if (empty(w.area))
		w.area = a->area;
	r = actor_check(a, PERM_READ, w.area, e);
	if (r)
		return r;
	if (!empty(w.kind) && org_kind_parse(w.kind) < 0)
		return err_set(e, ERR_INVALID, "kind", "ไม่รู้จักประเภทองค์กร '%.32s'",
			       "unknown organisation kind '%.32s'", w.kind);
	if (!empty(w.status) && strcmp(w.status, "active") && strcmp(w.status, "dissolved"))
		return err_set(e, ERR_INVALID, "status", "สถานะต้องเป็น active หรือ dissolved%s",
			       "the status must be active or dissolved%s", "");
	r = check_text(w.name, "q", false, 200, e);
	if (r)
		return r;
	if (w.limit < 1 || w.limit > LIST_MAX)
		w.limit = LIST_MAX;
	if (w.offset < 0)
		w.offset = 0;
	w.today = app_today(app);
	db = db_of(app, e);
	if (!db)
		return ERR_DB;
	return org_search(db, &w, out, e);
}

int app_org_contact_add(struct app *app, const struct actor *a, int64_t org_id,
			const struct org_contact *c, int64_t *id, struct err *e)
{
	struct org_contact w = *c;
	struct db *db;
	struct org o;
	char now[32];
	int r;

	*id = 0;
	r = load_org(app, a, org_id, &db, &o, e);
	if (!r)
		r = org_write_check(a, &o, e);
	if (!r)
		r = org_check_name(c->name, "name", e);
	if (!r)
		r = check_text(c->position, "position", false, 200, e);
	if (!r)
		r = check_phone(c->phone, e);
	if (!r)
		r = check_email(c->email, e);
	if (r)
		return r;
	if (!c->phone[0] && !c->email[0])
		return err_set(e, ERR_INVALID, "phone", "กรุณาใส่เบอร์โทรศัพท์หรืออีเมลของผู้ติดต่อ%s",
			       "give the contact's phone number or e-mail%s", "");
	w.org_id = org_id;
	app_iso_time(app_time(app), now);
	r = db_begin(db, e);
	if (r)
		return r;
	r = org_contact_insert(db, &w, now, id, e);
	if (!r)
		r = audit(app, db, a, "org", org_id, o.area, "contact_add", NULL,
			  json_pack("{s:I, s:s, s:s, s:s, s:s}", "contact_id", (json_int_t)*id,
				    "name", w.name, "position", w.position, "phone", w.phone,
				    "email", w.email),
			  e);
	r = finish(db, r, e);
	if (r)
		*id = 0;
	return r;
}

int app_org_contact_remove(struct app *app, const struct actor *a, int64_t contact_id,
			   struct err *e)
{
	struct org_contact c;
	struct db *db = db_of(app, e);
	struct org o;
	int r;

	if (!db)
		return ERR_DB;
	r = org_contact_get(db, contact_id, &c, e);
	if (!r)
		r = load_org(app, a, c.org_id, &db, &o, e);
	if (!r)
		r = org_write_check(a, &o, e);
	if (r)
		return r;
	r = db_begin(db, e);
	if (r)
		return r;
	r = org_contact_delete(db, contact_id, e);
	if (!r)
		r = audit(app, db, a, "org", o.id, o.area, "contact_remove",
			  json_pack("{s:I, s:s, s:s}", "contact_id", (json_int_t)contact_id, "name",
				    c.name, "phone", c.phone),
			  NULL, e);
	return finish(db, r, e);
}

int app_org_contacts(struct app *app, const struct actor *a, int64_t org_id,
		     struct org_contact_list *out, struct err *e)
{
	struct db *db;
	struct org o;
	int r;

	memset(out, 0, sizeof(*out));
	r = load_org(app, a, org_id, &db, &o, e);
	return r ? r : org_contacts(db, org_id, out, e);
}

bool app_org_role_valid(const char *role)
{
	return in_list(role, member_roles, ARRAY_SIZE(member_roles));
}

int app_org_member_add(struct app *app, const struct actor *a, int64_t org_id,
		       int64_t person_id, const char *role, const char *since, int64_t *id,
		       struct err *e)
{
	struct org_member m;
	struct db *db;
	struct org o;
	int64_t open = 0;
	char now[32];
	int r;

	*id = 0;
	memset(&m, 0, sizeof(m));
	r = load_org(app, a, org_id, &db, &o, e);
	if (!r)
		r = org_write_check(a, &o, e);
	if (r)
		return r;
	if (!app_org_role_valid(role))
		return err_set(e, ERR_INVALID, "role", "ตำแหน่งในองค์กรไม่ถูกต้อง: %.24s",
			       "unknown role in the organisation: %.24s", role ? role : "");
	r = read_date(app, since, "since", true, &m.since, e);
	if (!r)
		r = person_ok(db, a, person_id, NULL, e);
	if (r)
		return r;
	if (o.founded_on.y && date_cmp(m.since, o.founded_on) < 0)
		return err_set(e, ERR_INVALID, "since",
			       "วันที่เริ่มเป็นสมาชิกต้องไม่ก่อนวันก่อตั้งองค์กร%s",
			       "membership cannot start before the organisation was founded%s", "");
	m.org_id = org_id;
	m.person_id = person_id;
	snprintf(m.role, sizeof(m.role), "%s", role);
	app_iso_time(app_time(app), now);
	r = db_begin(db, e);
	if (r)
		return r;
	r = org_member_open(db, org_id, person_id, app_today(app), &open, e);
	if (!r && open)
		r = err_set(e, ERR_CONFLICT, "person_id",
			    "บุคคลหมายเลข %lld เป็นสมาชิกขององค์กรนี้อยู่แล้ว",
			    "person %lld is already a member of this organisation",
			    (long long)person_id);
	if (!r)
		r = org_member_insert(db, &m, now, id, e);
	if (!r)
		r = audit(app, db, a, "org", org_id, o.area, "member_add", NULL,
			  json_pack("{s:I, s:I, s:s, s:o}", "member_id", (json_int_t)*id,
				    "person_id", (json_int_t)person_id, "role", role, "since",
				    date_json(m.since)),
			  e);
	r = finish(db, r, e);
	if (r)
		*id = 0;
	return r;
}

int app_org_member_end(struct app *app, const struct actor *a, int64_t member_id,
		       const char *until, struct err *e)
{
	struct org_member m;
	struct db *db = db_of(app, e);
	struct date d;
	struct org o;
	int r;

	if (!db)
		return ERR_DB;
	r = org_member_get(db, member_id, &m, e);
	if (!r)
		r = load_org(app, a, m.org_id, &db, &o, e);
	if (!r)
		r = org_write_check(a, &o, e);
	if (!r)
		r = read_date(app, until, "until", true, &d, e);
	if (r)
		return r;
	if (m.until.y && date_cmp(m.until, app_today(app)) < 0)
		return err_set(e, ERR_CONFLICT, NULL, "สมาชิกภาพนี้สิ้นสุดไปแล้ว%s",
			       "this membership has already ended%s", "");
	if (date_cmp(d, m.since) < 0)
		return err_set(e, ERR_INVALID, "until", "วันสิ้นสุดต้องไม่ก่อนวันเริ่มเป็นสมาชิก%s",
			       "a membership cannot end before it starts%s", "");
	r = db_begin(db, e);
	if (r)
		return r;
	r = org_member_end(db, member_id, d, e);
	if (!r)
		r = audit(app, db, a, "org", o.id, o.area, "member_end", NULL,
			  json_pack("{s:I, s:I, s:o}", "member_id", (json_int_t)member_id,
				    "person_id", (json_int_t)m.person_id, "until", date_json(d)),
			  e);
	return finish(db, r, e);
}

/* Drops people outside the actor's scope from a list, counting them. */
#define KEEP_IN_SCOPE(list, a, hidden)                                              \
	do {                                                                        \
		size_t k_ = 0;                                                      \
		for (size_t i_ = 0; i_ < (list)->n; i_++)                           \
			if (geo_in_scope((a)->area, (list)->items[i_].area))        \
				(list)->items[k_++] = (list)->items[i_];            \
			else if (hidden)                                            \
				(*(hidden))++;                                      \
		(list)->n = k_;                                                     \
	} while (0)

int app_org_of_person(struct app *app, const struct actor *a, int64_t person_id,
		      struct org_member_list *out, struct err *e)
{
	struct person pe;
	int64_t merged;
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = person_get(db, person_id, &pe, &merged, e)))
		return r;
	r = actor_check(a, PERM_READ, pe.area, e);
	person_release(&pe);
	return r ? r : org_member_of_person(db, person_id, app_today(app), out, e);
}

int app_org_members(struct app *app, const struct actor *a, int64_t org_id, bool all,
		    struct org_member_list *out, int *hidden, struct err *e)
{
	struct db *db;
	struct org o;
	int r;

	memset(out, 0, sizeof(*out));
	if (hidden)
		*hidden = 0;
	r = load_org(app, a, org_id, &db, &o, e);
	if (!r)
		r = org_members(db, org_id, app_today(app), all, out, e);
	if (!r)
		KEEP_IN_SCOPE(out, a, hidden);
	return r;
}

int app_org_activity_add(struct app *app, const struct actor *a, int64_t org_id,
			 const struct org_activity_in *in, int64_t *id, struct err *e)
{
	struct org_activity x;
	struct db *db;
	struct org o;
	char now[32];
	int r;

	*id = 0;
	memset(&x, 0, sizeof(x));
	r = load_org(app, a, org_id, &db, &o, e);
	if (!r)
		r = org_write_check(a, &o, e);
	if (!r)
		r = check_text(in->title, "title", true, 250, e);
	if (!r)
		r = check_text(in->note, "note", false, 1000, e);
	if (!r)
		r = read_date(app, in->held_on, "held_on", true, &x.held_on, e);
	if (r)
		return r;
	if (in->participants < 0 || in->participants > PARTICIPANTS_MAX)
		return err_set(e, ERR_INVALID, "participants",
			       "จำนวนผู้เข้าร่วมต้องอยู่ระหว่าง 0 ถึง %d คน",
			       "participants must be between 0 and %d", PARTICIPANTS_MAX);
	snprintf(x.area, sizeof(x.area), "%.15s", empty(in->area) ? o.area : in->area);
	r = area_exists(db, x.area, "area", e);
	if (!r)
		r = actor_check(a, PERM_READ, x.area, e);
	if (r)
		return r;
	x.org_id = org_id;
	x.participants = in->participants;
	snprintf(x.title, sizeof(x.title), "%s", in->title);
	snprintf(x.note, sizeof(x.note), "%s", in->note ? in->note : "");
	app_iso_time(app_time(app), now);
	r = db_begin(db, e);
	if (r)
		return r;
	r = org_activity_insert(db, &x, a->username, now, id, e);
	if (!r)
		r = audit(app, db, a, "org", org_id, o.area, "activity_add", NULL,
			  json_pack("{s:I, s:s, s:o, s:s, s:I}", "activity_id", (json_int_t)*id,
				    "title", x.title, "held_on", date_json(x.held_on), "area",
				    x.area, "participants", (json_int_t)x.participants),
			  e);
	r = finish(db, r, e);
	if (r)
		*id = 0;
	return r;
}

int app_org_activities(struct app *app, const struct actor *a, int64_t org_id, int limit,
		       struct org_activity_list *out, struct err *e)
{
	struct db *db;
	struct org o;
	int r;

	memset(out, 0, sizeof(*out));
	r = load_org(app, a, org_id, &db, &o, e);
	if (limit < 1 || limit > LIST_MAX)
		limit = LIST_MAX;
	return r ? r : org_activities(db, org_id, limit, out, e);
}

/* --------------------------------------------------------------- volunteers */

static json_t *volunteer_json(const struct volunteer *v)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:o, s:s, s:s}", "id", (json_int_t)v->id,
			 "person_id", (json_int_t)v->person_id, "username", v->username, "area",
			 v->area, "registered_on", date_json(v->registered_on), "status",
			 v->status, "note", v->note);
}

int app_volunteer_add(struct app *app, const struct actor *a, const struct volunteer_in *in,
		      int64_t *id, struct err *e)
{
	struct volunteer v, dup;
	struct db *db;
	char now[32];
	int level, r;

	*id = 0;
	memset(&v, 0, sizeof(v));
	level = geo_level(in->area ? in->area : "");
	if (level < GEO_DISTRICT)
		return err_set(e, ERR_INVALID, "area",
			       "พื้นที่ที่อาสาสมัครดูแลต้องเป็นรหัสอำเภอ ตำบล หรือหมู่บ้าน%s",
			       "a volunteer serves a district, tambon or village code%s", "");
	r = officer_check(a, in->area, e);
	if (r)
		return r;
	db = db_of(app, e);
	if (!db)
		return ERR_DB;
	r = area_exists(db, in->area, "area", e);
	if (!r)
		r = read_date(app, in->registered_on, "registered_on", true, &v.registered_on, e);
	if (!r)
		r = check_text(in->note, "note", false, 500, e);
	if (!r)
		r = person_ok(db, a, in->person_id, NULL, e);
	if (r)
		return r;
	if (!empty(in->username)) {
		struct user_row u;

		memset(&u, 0, sizeof(u));
		r = strlen(in->username) < sizeof(v.username)
			    ? user_get_by_name(db, in->username, &u, e)
			    : ERR_NOT_FOUND;
		if (r == ERR_NOT_FOUND)
			return err_set(e, ERR_INVALID, "username", "ไม่พบผู้ใช้ %.40s",
				       "no user %.40s", in->username);
		if (r)
			return r;
		r = strcmp(u.role, "volunteer")
			    ? err_set(e, ERR_INVALID, "username",
				      "ผู้ใช้ %.40s ไม่ได้มีบทบาทอาสาสมัคร",
				      "the user %.40s does not have the volunteer role", in->username)
			    : 0;
		user_row_release(&u);
		if (r)
			return r;
		snprintf(v.username, sizeof(v.username), "%s", in->username);
	}
	v.person_id = in->person_id;
	snprintf(v.area, sizeof(v.area), "%s", in->area);
	snprintf(v.status, sizeof(v.status), "active");
	snprintf(v.note, sizeof(v.note), "%s", in->note ? in->note : "");
	app_iso_time(app_time(app), now);
	r = db_begin(db, e);
	if (r)
		return r;
	if (v.username[0]) {
		r = volunteer_by_username(db, v.username, &dup, NULL);
		if (r == ERR_NOT_FOUND)
			r = 0;
		else if (!r)
			r = err_set(e, ERR_CONFLICT, "username",
				    "ผู้ใช้ %.40s ผูกกับอาสาสมัครคนอื่นแล้ว",
				    "the user %.40s belongs to another volunteer", v.username);
	}
	if (!r) {
		r = volunteer_insert(db, &v, a->username, now, id, e);
		if (r == ERR_CONFLICT)
			r = err_set(e, ERR_CONFLICT, "person_id",
				    "บุคคลหมายเลข %lld ขึ้นทะเบียนเป็นอาสาสมัครแล้ว",
				    "person %lld is already registered as a volunteer",
				    (long long)v.person_id);
	}
	v.id = *id;
	if (!r)
		r = audit(app, db, a, "volunteer", *id, v.area, "volunteer_add", NULL,
			  volunteer_json(&v), e);
	r = finish(db, r, e);
	if (r)
		*id = 0;
	return r;
}

static int load_volunteer(struct app *app, const struct actor *a, int64_t id, struct db **db,
			  struct volunteer *v, struct err *e)
{
	int r;

	*db = db_of(app, e);
	if (!*db)
		return ERR_DB;
	r = volunteer_get(*db, id, v, e);
	/* A volunteer always reads their own record, whatever its area. */
	if (!r && !(a->role == ROLE_VOLUNTEER && v->username[0] &&
		     !strcmp(v->username, a->username)))
		r = actor_check(a, PERM_READ, v->area, e);
	return r;
}

int app_volunteer_get(struct app *app, const struct actor *a, int64_t id, struct volunteer *out,
		      struct assignment_list *asg, struct err *e)
{
	struct db *db;
	int r;

	if (asg)
		memset(asg, 0, sizeof(*asg));
	r = load_volunteer(app, a, id, &db, out, e);
	if (!r && asg)
		r = assignments_of(db, id, asg, e);
	return r;
}

int app_volunteer_list(struct app *app, const struct actor *a, const char *area,
		       const char *status, int limit, int64_t offset, struct volunteer_list *out,
		       struct err *e)
{
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	if (empty(area))
		area = a->area;
	r = actor_check(a, PERM_READ, area, e);
	if (r)
		return r;
	if (!empty(status) && strcmp(status, "active") && strcmp(status, "inactive") &&
	    strcmp(status, "ended"))
		return err_set(e, ERR_INVALID, "status", "สถานะต้องเป็น active, inactive หรือ ended%s",
			       "the status must be active, inactive or ended%s", "");
	if (limit < 1 || limit > LIST_MAX)
		limit = LIST_MAX;
	db = db_of(app, e);
	if (!db)
		return ERR_DB;
	r = volunteer_search(db, area, status, limit, offset < 0 ? 0 : offset, out, e);
	/* A volunteer's own record comes first when their scope does not hold it. */
	if (!r && a->role == ROLE_VOLUNTEER && !offset) {
		struct volunteer me;

		if (!volunteer_by_username(db, a->username, &me, NULL) &&
		    !geo_in_scope(area, me.area) && (empty(status) || !strcmp(status, me.status))) {
			volunteer_list_push(out);
			memmove(&out->items[1], &out->items[0], (out->n - 1) * sizeof(out->items[0]));
			out->items[0] = me;
		}
	}
	return r;
}

int app_volunteer_set_status(struct app *app, const struct actor *a, int64_t id,
			     const char *status, struct err *e)
{
	struct assignment_list asg = { NULL, 0, 0 };
	struct volunteer v;
	struct db *db;
	char now[32];
	int r;

	r = load_volunteer(app, a, id, &db, &v, e);
	if (!r)
		r = officer_check(a, v.area, e);
	if (r)
		return r;
	if (empty(status) || (strcmp(status, "active") && strcmp(status, "inactive") &&
			      strcmp(status, "ended")))
		return err_set(e, ERR_INVALID, "status", "สถานะต้องเป็น active, inactive หรือ ended%s",
			       "the status must be active, inactive or ended%s", "");
	if (!strcmp(v.status, "ended"))
		return err_set(e, ERR_CONFLICT, "status", "อาสาสมัครคนนี้พ้นสภาพแล้ว%s",
			       "this volunteer has ended their service%s", "");
	app_iso_time(app_time(app), now);
	r = db_begin(db, e);
	if (r)
		return r;
	r = volunteer_set_status(db, id, status, now, e);
	if (!r && !strcmp(status, "ended"))
		r = assignments_of(db, id, &asg, e);
	for (size_t i = 0; !r && i < asg.n; i++)
		if (!asg.items[i].until.y)
			r = assignment_end(db, asg.items[i].id, app_today(app), e);
	if (!r)
		r = audit(app, db, a, "volunteer", id, v.area, "volunteer_status",
			  json_pack("{s:s}", "status", v.status), json_pack("{s:s}", "status", status),
			  e);
	assignment_list_release(&asg);
	return finish(db, r, e);
}

int app_volunteer_assign(struct app *app, const struct actor *a, int64_t volunteer_id,
			 const char *area, int64_t household_id, const char *since, int64_t *id,
			 struct err *e)
{
	struct volunteer_assignment x;
	struct volunteer v;
	struct db *db;
	int64_t open = 0;
	char now[32];
	int r;

	*id = 0;
	memset(&x, 0, sizeof(x));
	r = load_volunteer(app, a, volunteer_id, &db, &v, e);
	if (!r)
		r = officer_check(a, v.area, e);
	if (!r)
		r = read_date(app, since, "since", true, &x.since, e);
	if (r)
		return r;
	if (strcmp(v.status, "active"))
		return err_set(e, ERR_CONFLICT, NULL, "อาสาสมัครไม่ได้อยู่ในสถานะปฏิบัติงาน (%s)",
			       "the volunteer is not active (%s)", v.status);
	if (household_id > 0) {
		struct household h;

		memset(&h, 0, sizeof(h));
		r = household_get(db, household_id, &h, e);
		if (r == ERR_NOT_FOUND)
			return err_set(e, ERR_INVALID, "household_id", "ไม่พบครัวเรือนหมายเลข %lld",
				       "household %lld not found", (long long)household_id);
		if (r)
			return r;
		snprintf(x.area, sizeof(x.area), "%s", h.area);
		household_release(&h);
		x.household_id = household_id;
	} else {
		int level = geo_level(area ? area : "");

		if (level != GEO_VILLAGE && level != GEO_TAMBON)
			return err_set(e, ERR_INVALID, "area",
				       "ต้องเป็นรหัสหมู่บ้าน (8 หลัก) หรือตำบล (6 หลัก)%s",
				       "give a village (8 digits) or tambon (6 digits) code%s", "");
		r = area_exists(db, area, "area", e);
		if (r)
			return r;
		snprintf(x.area, sizeof(x.area), "%s", area);
	}
	if (!geo_in_scope(v.area, x.area))
		return err_set(e, ERR_INVALID, household_id > 0 ? "household_id" : "area",
			       "%.16s อยู่นอกพื้นที่ที่อาสาสมัครดูแล (%.16s)",
			       "%.16s lies outside the volunteer's area (%.16s)", x.area, v.area);
	x.volunteer_id = volunteer_id;
	app_iso_time(app_time(app), now);
	r = db_begin(db, e);
	if (r)
		return r;
	r = assignment_open(db, &x, &open, e);
	if (!r && open)
		r = err_set(e, ERR_CONFLICT, household_id > 0 ? "household_id" : "area",
			    "มอบหมายให้อาสาสมัครคนนี้ดูแลอยู่แล้ว%s",
			    "already assigned to this volunteer%s", "");
	if (!r)
		r = assignment_insert(db, &x, now, id, e);
	if (!r)
		r = audit(app, db, a, "volunteer", volunteer_id, v.area, "assign", NULL,
			  json_pack("{s:I, s:s, s:I, s:o}", "assignment_id", (json_int_t)*id, "area",
				    x.area, "household_id", (json_int_t)x.household_id, "since",
				    date_json(x.since)),
			  e);
	r = finish(db, r, e);
	if (r)
		*id = 0;
	return r;
}

int app_volunteer_unassign(struct app *app, const struct actor *a, int64_t assignment_id,
			   const char *until, struct err *e)
{
	struct volunteer_assignment x;
	struct volunteer v;
	struct db *db = db_of(app, e);
	struct date d;
	int r;

	if (!db)
		return ERR_DB;
	r = assignment_get(db, assignment_id, &x, e);
	if (!r)
		r = load_volunteer(app, a, x.volunteer_id, &db, &v, e);
	if (!r)
		r = officer_check(a, v.area, e);
	if (!r)
		r = read_date(app, until, "until", true, &d, e);
	if (r)
		return r;
	if (date_cmp(d, x.since) < 0)
		return err_set(e, ERR_INVALID, "until", "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม%s",
			       "the end cannot come before the start%s", "");
	r = db_begin(db, e);
	if (r)
		return r;
	r = assignment_end(db, assignment_id, d, e);
	if (r == ERR_NOT_FOUND)
		r = err_set(e, ERR_CONFLICT, NULL, "งานที่มอบหมายนี้สิ้นสุดไปแล้ว%s",
			    "this assignment has already ended%s", "");
	if (!r)
		r = audit(app, db, a, "volunteer", v.id, v.area, "unassign", NULL,
			  json_pack("{s:I, s:s, s:o}", "assignment_id", (json_int_t)assignment_id,
				    "area", x.area, "until", date_json(d)),
			  e);
	return finish(db, r, e);
}

/* ----------------------------------------------------------------- networks */

bool app_network_level_valid(const char *level)
{
	return in_list(level, net_levels, ARRAY_SIZE(net_levels));
}

static int level_rank(const char *level)
{
	for (size_t i = 0; level && i < ARRAY_SIZE(net_levels); i++)
		if (!strcmp(level, net_levels[i]))
			return (int)i;
	return -1;
}

/* The area that access to a network is checked against: its own code, or
 * the nation for cluster and national networks (national users manage them). */
static const char *net_scope(const struct network *n)
{
	return n->province[0] ? n->area : "TH";
}

static int net_read_check(struct db *db, const struct actor *a, const struct network *n,
			  struct err *e)
{
	char cl[8];
	int r;

	if (!strcmp(n->level, "national") || !strcmp(a->area, "TH") || n->province[0])
		return actor_check(a, PERM_READ, n->province[0] ? n->area : a->area, e);
	/* A cluster: users of its provinces read it. */
	r = actor_check(a, PERM_READ, a->area, e);
	if (!r && geo_level(a->area) >= GEO_PROVINCE) {
		char prov[GEO_CODE_SIZE];

		geo_code_at_level(a->area, GEO_PROVINCE, prov);
		r = org_province_cluster(db, prov, cl, e);
		if (!r && strcmp(cl, n->area))
			r = err_set(e, ERR_FORBIDDEN, "area", "เครือข่าย %.200s อยู่นอกขอบเขตของท่าน",
				    "the network %.200s is outside your scope", n->name);
	}
	return r;
}

static int load_network(struct app *app, const struct actor *a, int64_t id, struct db **db,
			struct network *n, struct err *e)
{
	int r;

	*db = db_of(app, e);
	if (!*db)
		return ERR_DB;
	r = network_get(*db, id, n, e);
	if (!r)
		r = net_read_check(*db, a, n, e);
	return r;
}

static json_t *network_json(const struct network *n)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:o, s:s}", "id", (json_int_t)n->id, "level",
			 n->level, "area", n->area, "name", n->name, "parent_id",
			 (json_int_t)n->parent_id, "founded_on", date_json(n->founded_on), "note",
			 n->note);
}

/* Checks a network's area for its level (cluster and nation included). */
static int net_area_check(struct db *db, const char *level, const char *area, struct err *e)
{
	static const int levels[] = { -1, -1, GEO_PROVINCE, GEO_DISTRICT, GEO_TAMBON };
	int rank = level_rank(level);
	char name[160];

	if (rank < 0)
		return err_set(e, ERR_INVALID, "level",
			       "ระดับเครือข่ายต้องเป็น tambon, district, province, cluster หรือ national%s",
			       "the level must be tambon, district, province, cluster or national%s",
			       "");
	if (rank == 0)
		return area && !strcmp(area, "TH")
			       ? 0
			       : err_set(e, ERR_INVALID, "area",
					 "เครือข่ายระดับชาติใช้พื้นที่ TH%s",
					 "a national network's area is TH%s", "");
	if (rank == 1)
		return org_cluster_get(db, area ? area : "", name, sizeof(name), e);
	if (geo_level(area ? area : "") != levels[rank])
		return err_set(e, ERR_INVALID, "area", "รหัสพื้นที่ไม่ตรงกับระดับ %s ของเครือข่าย",
			       "the area code does not match the network's level %s", level);
	return area_exists(db, area, "area", e);
}

int app_network_add(struct app *app, const struct actor *a, const struct network_in *in,
		    int64_t *id, struct err *e)
{
	struct network n, parent;
	struct db *db;
	char now[32];
	int r;

	*id = 0;
	memset(&n, 0, sizeof(n));
	db = db_of(app, e);
	if (!db)
		return ERR_DB;
	r = net_area_check(db, in->level, in->area, e);
	if (r)
		return r;
	snprintf(n.level, sizeof(n.level), "%s", in->level);
	snprintf(n.area, sizeof(n.area), "%.15s", in->area);
	if (level_rank(n.level) >= 2)
		snprintf(n.province, sizeof(n.province), "%.2s", n.area);
	r = officer_check(a, net_scope(&n), e);
	if (!r)
		r = org_check_name(in->name, "name", e);
	if (!r)
		r = check_text(in->note, "note", false, 500, e);
	if (!r)
		r = read_date(app, in->founded_on, "founded_on", false, &n.founded_on, e);
	if (r)
		return r;
	if (in->parent_id) {
		r = network_get(db, in->parent_id, &parent, e);
		if (r == ERR_NOT_FOUND)
			return err_set(e, ERR_INVALID, "parent_id", "ไม่พบเครือข่ายหมายเลข %lld",
				       "network %lld not found", (long long)in->parent_id);
		if (r)
			return r;
		if (level_rank(parent.level) >= level_rank(n.level))
			return err_set(e, ERR_INVALID, "parent_id",
				       "เครือข่ายแม่ต้องอยู่ระดับสูงกว่า (%s)",
				       "the parent network must be of a higher level (%s)",
				       parent.level);
		if (!strcmp(parent.level, "cluster")) {
			char cl[8] = "";

			if (n.province[0])
				r = org_province_cluster(db, n.province, cl, e);
			if (!r && strcmp(cl, parent.area))
				r = err_set(e, ERR_INVALID, "parent_id",
					    "พื้นที่นี้ไม่อยู่ในกลุ่มจังหวัด %.8s",
					    "this area is not in the cluster %.8s", parent.area);
		} else if (strcmp(parent.level, "national") && !geo_in_scope(parent.area, n.area)) {
			r = err_set(e, ERR_INVALID, "parent_id",
				    "พื้นที่ %.16s ไม่อยู่ในพื้นที่ของเครือข่ายแม่ (%.16s)",
				    "the area %.16s is not inside the parent network's (%.16s)",
				    n.area, parent.area);
		}
		if (r)
			return r;
		n.parent_id = in->parent_id;
	}
	snprintf(n.name, sizeof(n.name), "%s", in->name);
	snprintf(n.note, sizeof(n.note), "%s", in->note ? in->note : "");
	app_iso_time(app_time(app), now);
	r = db_begin(db, e);
	if (r)
		return r;
	r = network_insert(db, &n, a->username, now, id, e);
	n.id = *id;
	if (!r)
		r = audit(app, db, a, "network", *id, net_scope(&n), "network_add", NULL,
			  network_json(&n), e);
	r = finish(db, r, e);
	if (r)
		*id = 0;
	return r;
}

int app_network_get(struct app *app, const struct actor *a, int64_t id, struct network *out,
		    struct err *e)
{
	struct db *db;

	return load_network(app, a, id, &db, out, e);
}

/* Keeps the networks of l the actor may read. */
static void keep_readable(struct db *db, const struct actor *a, struct network_list *l)
{
	size_t k = 0;

	for (size_t i = 0; i < l->n; i++)
		if (!net_read_check(db, a, &l->items[i], NULL))
			l->items[k++] = l->items[i];
	l->n = k;
}

int app_org_networks(struct app *app, const struct actor *a, int64_t org_id,
		     struct network_list *out, struct err *e)
{
	struct db *db;
	struct org o;
	int r;

	memset(out, 0, sizeof(*out));
	r = load_org(app, a, org_id, &db, &o, e);
	if (!r)
		r = network_of_org(db, org_id, out, e);
	if (!r)
		keep_readable(db, a, out);
	return r;
}

int app_network_list(struct app *app, const struct actor *a, const char *area,
		     struct network_list *out, struct err *e)
{
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	if (empty(area))
		area = a->area;
	r = actor_check(a, PERM_READ, area, e);
	if (r)
		return r;
	db = db_of(app, e);
	if (!db)
		return ERR_DB;
	r = network_search(db, area, true, out, e);
	if (!r)
		keep_readable(db, a, out);
	return r;
}

int app_network_children(struct app *app, const struct actor *a, int64_t id,
			 struct network_list *out, struct err *e)
{
	struct network n;
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	r = load_network(app, a, id, &db, &n, e);
	if (!r)
		r = network_children(db, id, out, e);
	if (!r)
		keep_readable(db, a, out);
	return r;
}

static int net_write_begin(struct app *app, const struct actor *a, int64_t network_id,
			   struct db **db, struct network *n, struct err *e)
{
	int r = load_network(app, a, network_id, db, n, e);

	if (!r)
		r = officer_check(a, net_scope(n), e);
	return r;
}

int app_network_join_org(struct app *app, const struct actor *a, int64_t network_id,
			 int64_t org_id, const char *joined_on, int64_t *id, struct err *e)
{
	struct network n;
	struct org o;
	struct db *db;
	struct date d;
	int64_t open = 0;
	char now[32];
	int r;

	*id = 0;
	r = net_write_begin(app, a, network_id, &db, &n, e);
	if (!r)
		r = read_date(app, joined_on, "joined_on", true, &d, e);
	if (r)
		return r;
	r = org_get(db, org_id, &o, e);
	if (r == ERR_NOT_FOUND)
		return err_set(e, ERR_INVALID, "org_id", "ไม่พบองค์กรหมายเลข %lld",
			       "organisation %lld not found", (long long)org_id);
	if (!r)
		r = actor_check(a, PERM_READ, o.area, e);
	if (r)
		return r;
	if (strcmp(o.status, "active"))
		return err_set(e, ERR_CONFLICT, "org_id", "องค์กร %.200s เลิกดำเนินการแล้ว",
			       "the organisation %.200s has been dissolved", o.name_th);
	app_iso_time(app_time(app), now);
	r = db_begin(db, e);
	if (r)
		return r;
	r = network_member_open(db, false, network_id, org_id, &open, e);
	if (!r && open)
		r = err_set(e, ERR_CONFLICT, "org_id", "องค์กรนี้เป็นสมาชิกเครือข่ายอยู่แล้ว%s",
			    "the organisation is already in this network%s", "");
	if (!r)
		r = network_member_insert(db, false, network_id, org_id, "", d, now, id, e);
	if (!r)
		r = audit(app, db, a, "network", network_id, net_scope(&n), "join_org", NULL,
			  json_pack("{s:I, s:o}", "org_id", (json_int_t)org_id, "joined_on",
				    date_json(d)),
			  e);
	r = finish(db, r, e);
	if (r)
		*id = 0;
	return r;
}

int app_network_join_person(struct app *app, const struct actor *a, int64_t network_id,
			    int64_t person_id, const char *role, const char *joined_on,
			    int64_t *id, struct err *e)
{
	struct network n;
	struct db *db;
	struct date d;
	int64_t open = 0;
	char now[32];
	int r;

	*id = 0;
	if (empty(role))
		role = "member";
	r = net_write_begin(app, a, network_id, &db, &n, e);
	if (!r && !in_list(role, net_roles, ARRAY_SIZE(net_roles)))
		r = err_set(e, ERR_INVALID, "role",
			    "บทบาทในเครือข่ายต้องเป็น coordinator, committee หรือ member%s",
			    "the role must be coordinator, committee or member%s", "");
	if (!r)
		r = read_date(app, joined_on, "joined_on", true, &d, e);
	if (!r)
		r = person_ok(db, a, person_id, NULL, e);
	if (r)
		return r;
	app_iso_time(app_time(app), now);
	r = db_begin(db, e);
	if (r)
		return r;
	r = network_member_open(db, true, network_id, person_id, &open, e);
	if (!r && open)
		r = err_set(e, ERR_CONFLICT, "person_id", "บุคคลนี้เป็นสมาชิกเครือข่ายอยู่แล้ว%s",
			    "the person is already in this network%s", "");
	if (!r)
		r = network_member_insert(db, true, network_id, person_id, role, d, now, id, e);
	if (!r)
		r = audit(app, db, a, "network", network_id, net_scope(&n), "join_person", NULL,
			  json_pack("{s:I, s:s, s:o}", "person_id", (json_int_t)person_id, "role",
				    role, "joined_on", date_json(d)),
			  e);
	r = finish(db, r, e);
	if (r)
		*id = 0;
	return r;
}

int app_network_leave(struct app *app, const struct actor *a, int64_t network_id, bool person,
		      int64_t ref_id, const char *date, struct err *e)
{
	struct network n;
	struct db *db;
	struct date d;
	int64_t open = 0;
	int r;

	r = net_write_begin(app, a, network_id, &db, &n, e);
	if (!r)
		r = read_date(app, date, "date", true, &d, e);
	if (r)
		return r;
	r = db_begin(db, e);
	if (r)
		return r;
	r = network_member_open(db, person, network_id, ref_id, &open, e);
	if (!r && !open)
		r = err_set(e, ERR_NOT_FOUND, person ? "person_id" : "org_id",
			    "ไม่พบสมาชิกหมายเลข %lld ในเครือข่ายนี้",
			    "%lld is not a member of this network", (long long)ref_id);
	if (!r)
		r = network_member_leave(db, person, open, d, e);
	if (!r)
		r = audit(app, db, a, "network", network_id, net_scope(&n),
			  person ? "leave_person" : "leave_org", NULL,
			  json_pack("{s:I, s:o}", person ? "person_id" : "org_id", (json_int_t)ref_id,
				    "date", date_json(d)),
			  e);
	return finish(db, r, e);
}

int app_network_members(struct app *app, const struct actor *a, int64_t network_id, bool person,
			struct network_member_list *out, int *hidden, struct err *e)
{
	struct network n;
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	if (hidden)
		*hidden = 0;
	r = load_network(app, a, network_id, &db, &n, e);
	if (!r)
		r = network_members(db, person, network_id, out, e);
	if (!r && person)
		KEEP_IN_SCOPE(out, a, hidden);
	return r;
}

int app_network_reach(struct app *app, const struct actor *a, int64_t id,
		      struct network_reach *out, struct err *e)
{
	struct network n;
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	r = load_network(app, a, id, &db, &n, e);
	return r ? r : network_reach(db, id, app_today(app), out, e);
}

/* ------------------------------------------------------------------ report */

int app_org_report(struct app *app, const struct actor *a, const char *area, bool by_region,
		   struct org_rollup *out, struct err *e)
{
	const char *where = empty(area) ? "TH" : area;
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	if (by_region)
		where = "TH";
	if (geo_level(where) < 0 && !geo_region_valid(where))
		return err_set(e, ERR_INVALID, "area", "ไม่รู้จักพื้นที่ %.20s", "unknown area %.20s",
			       where);
	/* A region (a group of provinces) is seen by national users only. */
	r = actor_check(a, PERM_READ, geo_level(where) < 0 ? "TH" : where, e);
	if (r)
		return r;
	db = db_of(app, e);
	if (!db)
		return ERR_DB;
	return org_rollup_query(db, where, by_region, app_today(app), out, e);
}

static const char *tr(bool en, const char *th, const char *en_text)
{
	return en ? en_text : th;
}

int app_org_report_xlsx(struct app *app, const struct actor *a, const char *area,
			bool by_region, const char *lang, struct buf *out, struct err *e)
{
	bool en = lang && !strcmp(lang, "en");
	struct sheet_col cols[ORG_KIND_COUNT + 4];
	struct slice cells[ORG_KIND_COUNT + 4];
	char num[ORG_KIND_COUNT + 4][24];
	struct sheet_book *b = NULL;
	struct org_rollup ru;
	char title[200];
	size_t nc = 0;
	int r;

	r = app_org_report(app, a, area, by_region, &ru, e);
	if (r)
		return r;
	/* The area's name under the title (its code when it has none). */
	{
		const char *code = by_region || empty(area) ? "TH" : area;
		struct db *db = db_of(app, NULL);
		struct geo_area g;

		memset(&g, 0, sizeof(g));
		snprintf(title, sizeof(title), "%s", code);
		if (db && geo_level(code) >= 0 && !geo_area_get(db, code, &g, NULL)) {
			snprintf(title, sizeof(title), "%s (%s)",
				 en && g.name_en ? g.name_en : g.name_th, code);
			geo_area_release(&g);
		}
	}
	r = sheet_book_open(&b, NULL, e);
	if (r)
		goto out;
	for (int part = 0; part < 2; part++) {
		nc = 0;
		sheet_book_sheet(b, part == 0 ? tr(en, "องค์กร", "Organisations")
					      : tr(en, "สมาชิก", "Members"));
		sheet_book_text(b,
				part == 0 ? tr(en, "องค์กรจำแนกตามประเภทและพื้นที่",
					       "Organisations by kind and area")
					  : tr(en, "สมาชิกองค์กรจำแนกตามประเภทและพื้นที่",
					       "Members of organisations by kind and area"),
				SHEET_TITLE);
		sheet_book_text(b, title, 0);
		sheet_book_blank(b);
		cols[nc++] = (struct sheet_col){ tr(en, "รหัสพื้นที่", "Area code"), SHEET_TEXT, 10 };
		cols[nc++] = (struct sheet_col){ tr(en, "พื้นที่", "Area"), SHEET_TEXT, 28 };
		for (int k = ORG_YOUTH_COUNCIL; k < ORG_KIND_COUNT; k++)
			cols[nc++] = (struct sheet_col){ org_kind_name((enum org_kind)k, !en), SHEET_INT,
							 14 };
		cols[nc++] = (struct sheet_col){ tr(en, "รวม", "Total"), SHEET_INT, 10 };
		if (part == 1)
			cols[nc++] = (struct sheet_col){ tr(en, "บุคคล (ไม่นับซ้ำ)", "People (once)"),
							 SHEET_INT, 14 };
		else
			cols[nc++] = (struct sheet_col){ tr(en, "อาสาสมัคร (อพม.)", "Volunteers"),
							 SHEET_INT, 14 };
		sheet_book_table(b, cols, nc);
		for (size_t i = 0; i <= ru.n; i++) {
			const struct org_rollup_row *w = i < ru.n ? &ru.rows[i] : &ru.total;
			size_t c = 0;

			cells[c++] = slice_of(i < ru.n ? w->area : "");
			cells[c++] = slice_of(i < ru.n ? (en && w->name_en[0] ? w->name_en : w->name_th)
						       : tr(en, "รวม", "Total"));
			for (int k = ORG_YOUTH_COUNCIL; k < ORG_KIND_COUNT; k++) {
				snprintf(num[c], sizeof(num[c]), "%lld",
					 (long long)(part == 0 ? w->orgs[k] : w->members[k]));
				cells[c] = slice_of(num[c]);
				c++;
			}
			snprintf(num[c], sizeof(num[c]), "%lld",
				 (long long)(part == 0 ? w->orgs_total : w->members_total));
			cells[c] = slice_of(num[c]);
			c++;
			snprintf(num[c], sizeof(num[c]), "%lld",
				 (long long)(part == 0 ? w->volunteers : w->people));
			cells[c] = slice_of(num[c]);
			c++;
			sheet_book_row(b, cells, c, i < ru.n ? 0 : SHEET_BOLD);
		}
	}
	r = sheet_book_finish(b, out, e);
out:
	sheet_book_free(b);
	org_rollup_release(&ru);
	return r;
}

/* -------------------------------------------------------------------- demo */

/* Adults (age 18..75) or young people (12..24) of an area, from the register. */
static size_t demo_people(struct app *app, const struct actor *sys, const char *area, bool young,
			  int64_t *out, size_t max)
{
	struct date today = app_today(app);
	size_t n = 0, skip = (size_t)(strtol(area, NULL, 10) % 5);

	/* Pages spread through the alphabet, so members are not all the first
	 * names of the register's order. */
	for (int page = 0; page < 12 && n < max; page++) {
		struct person_list l = PERSON_LIST_INIT;
		struct person_query q;

		memset(&q, 0, sizeof(q));
		q.area = area;
		q.alive_only = true;
		q.limit = 40;
		q.offset = page * 97 + (int64_t)skip * 11;
		if (app_person_search(app, sys, &q, &l, NULL) || !l.n) {
			person_list_release(&l);
			break;
		}
		for (size_t i = skip % l.n; i < l.n && n < max; i += 9) {
			int age = l.items[i].birth.y ? today.y - l.items[i].birth.y : -1;

			if (young ? (age >= 12 && age <= 24) : (age >= 18 && age <= 75))
				out[n++] = l.items[i].id;
		}
		person_list_release(&l);
	}
	return n;
}

/* A date n days before today, as ISO text in out. */
static const char *days_ago(struct app *app, int n, char out[16])
{
	struct date d;

	if (date_add_days(app_today(app), -n, &d, NULL))
		d = app_today(app);
	iso(d, out);
	return out;
}

struct demo_org {
	const char *kind, *name, *name_en, *area, *founded, *cert_no, *cert_date, *phone;
};

/* Adds one organisation with a contact, members from its area and a few
 * activities; *id gets it. */
static int demo_org_add(struct app *app, const struct actor *sys, const struct demo_org *d,
			int members, int64_t *id, struct err *e)
{
	static const char *const acts[] = { "ประชุมคณะกรรมการประจำเดือน", "เยี่ยมบ้านผู้สูงอายุและผู้พิการ",
					    "ค่ายพัฒนาศักยภาพแกนนำ", "เวทีประชาคมรับฟังปัญหาชุมชน" };
	struct org_in in = { d->kind, d->name, d->name_en, d->area, "", d->phone, "", d->cert_no,
			     d->cert_date, d->founded, "" };
	struct org_contact c;
	int64_t people[40], x;
	size_t n;
	char day[16];
	int r;

	r = app_org_add(app, sys, &in, id, e);
	if (r)
		return r;
	n = demo_people(app, sys, strlen(d->area) >= 4 ? d->area : "5601",
			!strcmp(d->kind, "youth_council"), people,
			members < (int)ARRAY_SIZE(people) ? (size_t)members : ARRAY_SIZE(people));
	for (size_t i = 0; !r && i < n; i++) {
		const char *role = i == 0 ? "chair" : i == 1 ? "vice_chair" : i == 2 ? "secretary"
				 : i == 3 ? "treasurer" : i < 7 ? "committee" : "member";
		r = app_org_member_add(app, sys, *id, people[i], role, d->founded, &x, e);
	}
	memset(&c, 0, sizeof(c));
	snprintf(c.name, sizeof(c.name), "ผู้ประสานงาน%s", d->name);
	snprintf(c.position, sizeof(c.position), "ผู้ประสานงาน");
	snprintf(c.phone, sizeof(c.phone), "%s", *d->phone ? d->phone : "054 410 000");
	if (!r)
		r = app_org_contact_add(app, sys, *id, &c, &x, e);
	for (int i = 0; !r && i < 3; i++) {
		struct org_activity_in a = { acts[(i + (int)(*id % 4)) % 4], days_ago(app, 20 + 45 * i, day),
					     NULL, 12 + (int64_t)((*id * 7 + i * 5) % 40), "" };
		r = app_org_activity_add(app, sys, *id, &a, &x, e);
	}
	return r;
}

int app_org_demo(struct app *app, const char *province, struct err *e)
{
	struct fund_list funds = { NULL, 0, 0 };
	struct org_list have = { NULL, 0, 0 };
	struct org_query q = { province, NULL, NULL, NULL, { 0, 0, 0 }, 1, 0 };
	struct actor sys;
	char dist[GEO_CODE_SIZE], reg[16], ago[16];
	int64_t prov_net = 0, dist_net = 0, clus_net = 0, id, x, youth_prov = 0;
	int r;

	actor_system(&sys);
	r = app_org_search(app, &sys, &q, &have, e);
	if (r)
		return r;
	r = have.n ? 1 : 0; /* a second run finds them there */
	org_list_release(&have);
	if (r)
		return 0;
	snprintf(dist, sizeof(dist), "%.2s01", province);
	{
		struct demo_org pb = { "public_benefit", "มูลนิธิพัฒนาเด็กและครอบครัวพะเยา",
				       "Phayao Child and Family Development Foundation", province,
				       "2009-03-12", "พย 0003/2555", "2012-08-20", "054 431 210" };
		struct demo_org yc = { "youth_council", "สภาเด็กและเยาวชนจังหวัดพะเยา",
				       "Phayao Children and Youth Council", province, "2008-07-01", "",
				       "", "054 480 112" };
		struct demo_org dp = { "disabled", "ชมรมคนพิการอำเภอเมืองพะเยา", "", dist, "2014-05-05",
				       "", "", "081 952 3340" };
		struct demo_org wm = { "women", "กลุ่มพัฒนาสตรีอำเภอเมืองพะเยา", "", dist, "2011-03-08",
				       "", "", "089 636 1202" };

		r = demo_org_add(app, &sys, &pb, 9, &id, e);
		if (!r)
			r = demo_org_add(app, &sys, &yc, 15, &youth_prov, e);
		if (!r)
			r = demo_org_add(app, &sys, &dp, 12, &id, e);
		if (!r)
			r = demo_org_add(app, &sys, &wm, 14, &id, e);
	}
	/* Networks: the cluster, the province, the capital district. */
	{
		char cl[8] = "";
		struct db *db = db_of(app, e);
		struct network_in nc = { "cluster", cl, "เครือข่ายสวัสดิการชุมชนกลุ่มจังหวัดภาคเหนือตอนบน 2", 0,
					 "2012-10-21", "" };
		struct network_in np = { "province", province, "เครือข่ายสวัสดิการชุมชนจังหวัดพะเยา", 0,
					 "2010-10-21", "" };
		struct network_in nd = { "district", dist, "เครือข่ายสวัสดิการชุมชนอำเภอเมืองพะเยา", 0,
					 "2011-01-15", "" };

		if (!r && db)
			r = org_province_cluster(db, province, cl, e);
		if (!r && cl[0])
			r = app_network_add(app, &sys, &nc, &clus_net, e);
		np.parent_id = clus_net;
		if (!r)
			r = app_network_add(app, &sys, &np, &prov_net, e);
		nd.parent_id = prov_net;
		if (!r)
			r = app_network_add(app, &sys, &nd, &dist_net, e);
		if (!r)
			r = app_network_join_org(app, &sys, prov_net, youth_prov, "2012-01-10", &x, e);
	}
	/* Each demo fund's tambon: its community welfare organisation, a youth
	 * council and an elderly club, in a tambon network of the district's. */
	if (!r)
		r = app_fund_list(app, &sys, province, &funds, e);
	for (size_t i = 0; !r && i < funds.n; i++) {
		const struct fund *f = &funds.items[i];
		struct geo_area g;
		char n1[256], n2[256], n3[256], n4[256], tn[256];
		int64_t cwo = 0, yc = 0, ec = 0, tnet = 0;

		memset(&g, 0, sizeof(g));
		r = app_area_get(app, &sys, f->area, &g, e);
		if (r)
			break;
		snprintf(n1, sizeof(n1), "องค์กรสวัสดิการชุมชนตำบล%s", g.name_th);
		snprintf(n2, sizeof(n2), "สภาเด็กและเยาวชนตำบล%s", g.name_th);
		snprintf(n3, sizeof(n3), "ชมรมผู้สูงอายุตำบล%s (ธนาคารสมอง)", g.name_th);
		snprintf(n4, sizeof(n4), "กลุ่มอาสาสมัครพัฒนาสังคมตำบล%s", g.name_th);
		snprintf(tn, sizeof(tn), "เครือข่ายสวัสดิการตำบล%s", g.name_th);
		geo_area_release(&g);
		{
			struct demo_org a = { "community_welfare", n1, "", f->area, "2010-06-01", "",
					      "", "" };
			struct demo_org b = { "youth_council", n2, "", f->area, "2015-08-12", "", "", "" };
			struct demo_org c = { "elderly_club", n3, "", f->area, "2007-04-13", "", "", "" };
			struct demo_org d = { "volunteer_group", n4, "", f->area, "2016-02-01", "", "",
					      "" };
			struct network_in tnin = { "tambon", f->area, tn, 0, "2013-05-01", "" };

			r = demo_org_add(app, &sys, &a, 11, &cwo, e);
			if (!r)
				r = demo_org_add(app, &sys, &b, 14, &yc, e);
			if (!r)
				r = demo_org_add(app, &sys, &c, 25, &ec, e);
			if (!r && i % 2 == 0)
				r = demo_org_add(app, &sys, &d, 8, &x, e);
			tnin.parent_id = !strncmp(f->area, dist, 4) ? dist_net : prov_net;
			if (!r)
				r = app_network_add(app, &sys, &tnin, &tnet, e);
			if (!r)
				r = app_network_join_org(app, &sys, tnet, cwo, "2013-05-01", &x, e);
			if (!r)
				r = app_network_join_org(app, &sys, tnet, ec, "2014-01-20", &x, e);
			if (!r)
				r = app_network_join_org(app, &sys, prov_net, cwo, "2013-06-01", &x, e);
		}
	}
	fund_list_release(&funds);
	/* Elderly clubs of four other districts, in the provincial network. */
	for (int i = 2; !r && i <= 5; i++) {
		struct geo_area g;
		char code[GEO_CODE_SIZE], name[256];

		snprintf(code, sizeof(code), "%.2s0%c", province, (char)('0' + i));
		memset(&g, 0, sizeof(g));
		if (app_area_get(app, &sys, code, &g, NULL))
			continue;
		snprintf(name, sizeof(name), "ชมรมผู้สูงอายุอำเภอ%s", g.name_th);
		geo_area_release(&g);
		{
			struct demo_org c = { "elderly_club", name, "", code, "2006-04-13", "", "", "" };

			r = demo_org_add(app, &sys, &c, 18, &id, e);
			if (!r)
				r = app_network_join_org(app, &sys, prov_net, id, "2015-04-13", &x, e);
		}
	}
	/* Volunteers: in each fund tambon, one for each of its first villages,
	 * looking after their village; the demo login "volunteer" (whose scope
	 * is the first village) is the first one. */
	if (!r) {
		struct fund_list fl = { NULL, 0, 0 };
		bool first = true;

		r = app_fund_list(app, &sys, province, &fl, e);
		for (size_t t = 0; !r && t < fl.n; t++) {
			struct geo_area_list vil = GEO_AREA_LIST_INIT;

			r = app_area_children(app, &sys, fl.items[t].area, GEO_ORDER_CODE, &vil, e);
			for (size_t i = 0; !r && i < vil.n && i < 3; i++) {
				struct volunteer_in vin = { 0, NULL, fl.items[t].area,
							    days_ago(app, 1200 - (int)(t * 3 + i) * 70, reg),
							    "" };
				struct user_row u;
				struct db *db = db_of(app, e);
				int64_t person[1];

				if (!demo_people(app, &sys, vil.items[i].code, false, person, 1))
					continue;
				memset(&u, 0, sizeof(u));
				if (first && db && !user_get_by_name(db, "volunteer", &u, NULL)) {
					if (!strcmp(u.role, "volunteer"))
						vin.username = "volunteer";
					user_row_release(&u);
				}
				vin.person_id = person[0];
				r = app_volunteer_add(app, &sys, &vin, &id, e);
				if (!r)
					r = app_volunteer_assign(app, &sys, id, vil.items[i].code, 0,
								 days_ago(app, 1100 - (int)(t * 3 + i) * 70, ago),
								 &x, e);
				if (!r && first && vil.n > 1)
					r = app_volunteer_assign(app, &sys, id, vil.items[1].code, 0,
								 days_ago(app, 400, ago), &x, e);
				if (!r && first)
					r = app_network_join_person(app, &sys, prov_net, person[0],
								    "coordinator", days_ago(app, 700, ago),
								    &x, e);
				first = false;
			}
			geo_area_list_release(&vil);
		}
		fund_list_release(&fl);
	}
	return r;
}
