/*
 * Registry use cases; the access rules are in app/person.h. Each write is
 * one transaction: the change, its audit entry (before/after JSON under
 * entity "person" and the person's id), and for a death the death hooks.
 */
#include <jansson.h>
#include "app/audit.h"
#include "app/person.h"
#include "core/geo.h"
#include "store/geo.h"
#include "store/import.h"

#define MAX_DEATH_HOOKS 8
static person_death_hook death_hooks[MAX_DEATH_HOOKS];
static int ndeath_hooks;

void app_person_on_death(person_death_hook fn)
{
	for (int i = 0; i < ndeath_hooks; i++)
		if (death_hooks[i] == fn)
			return; /* registered already (app_init runs once per app) */
	if (ndeath_hooks < MAX_DEATH_HOOKS)
		death_hooks[ndeath_hooks++] = fn;
}

struct date app_today(const struct app *app)
{
	struct date d = { 1970, 1, 1 };
	int sec;

	date_from_time((time_t)app_time(app), 7 * 3600, &d, &sec, NULL);
	return d;
}

json_t *app_date_json(struct date d)
{
	char s[16];

	if (!d.y)
		return json_null();
	snprintf(s, sizeof(s), "%04d-%02d-%02d", d.y, d.m, d.d);
	return json_string(s);
}

json_t *app_person_json(const struct person *p)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "national_id",
			    p->national_id[0] ? json_string(p->national_id) : json_null());
	json_object_set_new(o, "title", json_string(p->title ? p->title : ""));
	json_object_set_new(o, "given_name", json_string(p->given_name ? p->given_name : ""));
	json_object_set_new(o, "family_name", json_string(p->family_name ? p->family_name : ""));
	json_object_set_new(o, "given_name_latin",
			    json_string(p->given_name_latin ? p->given_name_latin : ""));
	json_object_set_new(o, "family_name_latin",
			    json_string(p->family_name_latin ? p->family_name_latin : ""));
	json_object_set_new(o, "sex", json_string(sex_code(p->sex)));
	json_object_set_new(o, "birth_date", app_date_json(p->birth));
	json_object_set_new(o, "death_date", app_date_json(p->death));
	json_object_set_new(o, "nationality", json_string(p->nationality));
	json_object_set_new(o, "reg_status", json_string(reg_status_code(p->reg_status)));
	json_object_set_new(o, "area", json_string(p->area));
	json_object_set_new(o, "house_no", json_string(p->house_no ? p->house_no : ""));
	json_object_set_new(o, "cur_area", p->cur_area[0] ? json_string(p->cur_area) : json_null());
	json_object_set_new(o, "cur_house_no", json_string(p->cur_house_no ? p->cur_house_no : ""));
	json_object_set_new(o, "phone", json_string(p->phone ? p->phone : ""));
	json_object_set_new(o, "household_id",
			    p->household_id ? json_integer(p->household_id) : json_null());
	json_object_set_new(o, "relation", json_string(p->relation));
	return o;
}

json_t *app_need_json(const struct need *n)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:b, s:o, s:o, s:s}", "id", (json_int_t)n->id,
			      "person_id", (json_int_t)n->person_id, "kind",
			      need_kind_code(n->kind), "sensitive", need_kind_sensitive(n->kind),
			      "observed_on", app_date_json(n->observed_on), "ended_on",
			      app_date_json(n->ended_on), "source", n->source);

	if (n->kind == NEED_DISABILITY) {
		json_object_set_new(o, "disability_type",
				    json_string(disability_type_code(n->disability_type)));
		json_object_set_new(o, "card_no", n->card_no[0] ? json_string(n->card_no) : json_null());
		json_object_set_new(o, "card_issued", app_date_json(n->card_issued));
		json_object_set_new(o, "card_expires", app_date_json(n->card_expires));
	}
	if (n->note)
		json_object_set_new(o, "note", json_string(n->note));
	return o;
}

/* Serialises (and frees) a JSON value for the audit trail. */
static char *dump(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(o);
	return s;
}

static void id_text(int64_t id, char out[24])
{
	snprintf(out, 24, "%lld", (long long)id);
}

/* Checks that an area code names a stored tambon or village. */
static int check_area(struct db *db, const char *code, const char *field, struct err *e)
{
	struct geo_area g;
	int r;

	if (!code[0])
		return 0;
	r = geo_area_get(db, code, &g, e);
	if (r == ERR_NOT_FOUND || r == ERR_INVALID)
		return err_set(e, ERR_INVALID, field, "ไม่พบพื้นที่รหัส %s", "unknown area code %s", code);
	if (!r)
		geo_area_release(&g);
	return r;
}

/* Loads a live person the actor may act on with perm. */
static int load(struct db *db, const struct actor *a, enum perm perm, int64_t id,
		struct person *p, struct err *e)
{
	int64_t merged;
	int r = person_get(db, id, p, &merged, e);

	if (r)
		return r;
	if ((r = actor_check(a, perm, p->area, e)))
		goto fail;
	if (merged) {
		r = err_set(e, ERR_CONFLICT, "id", "ระเบียนนี้ถูกรวมเข้ากับบุคคลรหัส %lld แล้ว",
			    "this record was merged into person %lld", (long long)merged);
		goto fail;
	}
	return 0;
fail:
	person_release(p);
	return r;
}

int app_person_add(struct app *app, const struct actor *a, const struct person_in *in,
		   int64_t *id, struct err *e)
{
	char now[32], eid[24];
	struct person p;
	char *after = NULL;
	struct db *db;
	int r;

	*id = 0;
	person_init(&p);
	if ((r = person_validate(in, app_today(app), &p, e)))
		return r;
	if ((r = actor_check(a, PERM_WRITE, p.area, e)))
		goto out;
	if (!(db = app_db(app, e))) {
		r = ERR_DB;
		goto out;
	}
	if ((r = check_area(db, p.area, "area", e)) || (r = check_area(db, p.cur_area, "cur_area", e)))
		goto out;
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		goto out;
	if ((r = person_insert(db, &p, now, id, e)))
		goto fail;
	p.id = *id;
	after = dump(app_person_json(&p));
	id_text(*id, eid);
	if ((r = app_audit(app, db, a, "create", "person", eid, p.area, NULL, after, e)))
		goto fail;
	r = db_commit(db, e);
	goto out;
fail:
	db_rollback(db);
out:
	if (r)
		*id = 0;
	free(after);
	person_release(&p);
	return r;
}

int app_person_update(struct app *app, const struct actor *a, int64_t id,
		      const struct person_in *in, struct err *e)
{
	char now[32], eid[24];
	struct person old, p;
	char *before = NULL, *after = NULL;
	struct db *db;
	int r;

	person_init(&p);
	person_init(&old);
	if ((r = person_validate(in, app_today(app), &p, e)))
		return r;
	if (!(db = app_db(app, e))) {
		r = ERR_DB;
		goto out;
	}
	if ((r = load(db, a, PERM_WRITE, id, &old, e)))
		goto out;
	/* Moving someone out of one's scope is as much a write there as here. */
	if ((r = actor_check(a, PERM_WRITE, p.area, e)) ||
	    (r = check_area(db, p.area, "area", e)) || (r = check_area(db, p.cur_area, "cur_area", e)))
		goto out;
	p.id = id;
	p.household_id = old.household_id;
	memcpy(p.relation, old.relation, sizeof(p.relation));
	before = dump(app_person_json(&old));
	after = dump(app_person_json(&p));
	if (!strcmp(before, after))
		goto out; /* nothing changed: no write, no audit entry */
	app_iso_time(app_time(app), now);
	id_text(id, eid);
	if ((r = db_begin(db, e)))
		goto out;
	if ((r = person_update(db, &p, now, e)) ||
	    (r = app_audit(app, db, a, "update", "person", eid, p.area, before, after, e))) {
		db_rollback(db);
		goto out;
	}
	r = db_commit(db, e);
out:
	free(before);
	free(after);
	person_release(&p);
	person_release(&old);
	return r;
}

int app_person_get(struct app *app, const struct actor *a, int64_t id, struct person *out,
		   struct need_list *needs, struct consent_list *consents, int *hidden_needs,
		   struct err *e)
{
	struct need_list all = NEED_LIST_INIT;
	bool may_sensitive = role_can(a->role, PERM_SENSITIVE_READ);
	int hidden = 0, shown_sensitive = 0;
	struct person p;
	struct db *db;
	size_t i;
	int r;

	if (hidden_needs)
		*hidden_needs = 0;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = load(db, a, PERM_READ, id, &p, e)))
		return r;
	if ((r = need_list_of(db, id, &all, e)))
		goto fail;
	for (i = 0; i < all.n; i++) {
		if (!need_kind_sensitive(all.items[i].kind))
			continue;
		if (may_sensitive)
			shown_sensitive++;
		else
			hidden++;
	}
	if (shown_sensitive && needs) {
		/* PDPA s.26: every view of sensitive data leaves a trace. */
		char eid[24], what[64];

		id_text(id, eid);
		snprintf(what, sizeof(what), "{\"sensitive_needs\":%d}", shown_sensitive);
		if ((r = db_begin(db, e)))
			goto fail;
		if ((r = app_audit(app, db, a, "view_sensitive", "person", eid, p.area, NULL, what,
				   e))) {
			db_rollback(db);
			goto fail;
		}
		if ((r = db_commit(db, e)))
			goto fail;
	}
	if (needs) {
		need_list_release(needs);
		for (i = 0; i < all.n; i++) {
			if (need_kind_sensitive(all.items[i].kind) && !may_sensitive) {
				need_release(&all.items[i]);
				continue;
			}
			ALLOC_GROW(needs->items, needs->n + 1, needs->cap);
			needs->items[needs->n++] = all.items[i];
		}
		free(all.items);
		all.items = NULL;
		all.n = all.cap = 0;
	}
	if (consents && (r = consent_list_of(db, id, consents, e)))
		goto fail;
	if (hidden_needs)
		*hidden_needs = hidden;
	need_list_release(&all);
	if (out)
		*out = p;
	else
		person_release(&p);
	return 0;
fail:
	need_list_release(&all);
	if (needs)
		need_list_release(needs);
	person_release(&p);
	return r;
}

int app_person_death(struct app *app, const struct actor *a, int64_t id, const char *date,
		     struct err *e)
{
	char now[32], eid[24], before[48], after[48];
	struct person p;
	struct date d;
	struct db *db;
	int i, r;

	if ((r = date_parse(date ? date : "", 0, &d, "death_date", e)))
		return r;
	if (date_cmp(d, app_today(app)) > 0)
		return err_set(e, ERR_INVALID, "death_date", "วันถึงแก่กรรมอยู่ในอนาคต%s",
			       "the date of death is in the future%s", "");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = load(db, a, PERM_WRITE, id, &p, e)))
		return r;
	if (p.birth.y && date_cmp(d, p.birth) < 0) {
		r = err_set(e, ERR_INVALID, "death_date", "วันถึงแก่กรรมอยู่ก่อนวันเกิด%s",
			    "the date of death is before the date of birth%s", "");
		goto out;
	}
	app_iso_time(app_time(app), now);
	id_text(id, eid);
	if (p.death.y)
		snprintf(before, sizeof(before), "{\"death_date\":\"%04d-%02d-%02d\"}", p.death.y,
			 p.death.m, p.death.d);
	else
		snprintf(before, sizeof(before), "{\"death_date\":null}");
	snprintf(after, sizeof(after), "{\"death_date\":\"%04d-%02d-%02d\"}", d.y, d.m, d.d);
	if ((r = db_begin(db, e)))
		goto out;
	r = person_set_death(db, id, d, now, e);
	if (!r) {
		/* PDPA: keep the record for a set time after death, then erase it. */
		struct date until;

		if (!date_add_years(d, RETENTION_AFTER_DEATH_YEARS, &until, NULL))
			r = person_default_retention(db, id, until, now, e);
	}
	for (i = 0; !r && i < ndeath_hooks; i++)
		r = death_hooks[i](app, db, a, id, d, e);
	if (!r)
		r = app_audit(app, db, a, "death", "person", eid, p.area, before, after, e);
	if (r)
		db_rollback(db);
	else
		r = db_commit(db, e);
out:
	person_release(&p);
	return r;
}

int app_person_search(struct app *app, const struct actor *a, const struct person_query *q,
		      struct person_list *out, struct err *e)
{
	struct person_query x = *q;
	struct db *db;
	int r;

	if ((r = actor_check(a, PERM_READ, NULL, e)))
		return r;
	if (!x.area || !*x.area || !strcmp(x.area, GEO_NATION_CODE)) {
		x.area = a->area;
	} else {
		if ((r = geo_code_check(x.area, "area", e)))
			return r;
		if (!geo_in_scope(a->area, x.area))
			return err_set(e, ERR_FORBIDDEN, "area", "พื้นที่ %s อยู่นอกขอบเขตของท่าน (%s)",
				       "area %s is outside your scope (%s)", x.area, a->area);
	}
	if (x.need_kind > 0 && need_kind_sensitive((enum need_kind)x.need_kind) &&
	    !role_can(a->role, PERM_SENSITIVE_READ))
		return err_set(e, ERR_FORBIDDEN, "need", "บทบาทของท่านค้นหาตามข้อมูลอ่อนไหวไม่ได้%s",
			       "your role may not search by sensitive needs%s", "");
	x.today = app_today(app);
	if (!(db = app_db(app, e)))
		return ERR_DB;
	return person_search(db, &x, out, e);
}

int app_need_add(struct app *app, const struct actor *a, int64_t person_id,
		 const struct need_in *in, int64_t *id, struct err *e)
{
	char now[32], eid[24];
	char *after = NULL;
	struct person p;
	struct need n;
	struct db *db;
	json_t *o;
	int r;

	*id = 0;
	memset(&n, 0, sizeof(n));
	if ((r = need_validate(in, app_today(app), &n, e)))
		return r;
	/* Any writer may record a sensitive need (a volunteer reports a
	 * disability) even when their role will not see it afterwards. */
	if (!(db = app_db(app, e))) {
		need_release(&n);
		return ERR_DB;
	}
	if ((r = load(db, a, PERM_WRITE, person_id, &p, e))) {
		need_release(&n);
		return r;
	}
	if (p.birth.y && date_cmp(n.observed_on, p.birth) < 0) {
		r = err_set(e, ERR_INVALID, "observed_on", "วันที่พบข้อมูลอยู่ก่อนวันเกิด%s",
			    "the date observed is before the person's birth%s", "");
		goto out;
	}
	n.person_id = person_id;
	app_iso_time(app_time(app), now);
	id_text(person_id, eid);
	if ((r = db_begin(db, e)))
		goto out;
	if ((r = need_insert(db, &n, p.area, a->username, now, id, e)))
		goto fail;
	n.id = *id;
	o = app_need_json(&n);
	after = dump(json_pack("{s:o}", "need", o));
	if ((r = app_audit(app, db, a, "need_add", "person", eid, p.area, NULL, after, e)))
		goto fail;
	r = db_commit(db, e);
	goto out;
fail:
	db_rollback(db);
	*id = 0;
out:
	free(after);
	need_release(&n);
	person_release(&p);
	return r;
}

int app_need_end(struct app *app, const struct actor *a, int64_t need_id, const char *date,
		 struct err *e)
{
	char now[32], eid[24], after[96];
	struct person p;
	struct need n;
	struct date d;
	struct db *db;
	int r;

	if ((r = date_parse(date ? date : "", 0, &d, "ended_on", e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = need_get(db, need_id, &n, e)))
		return r;
	if ((r = load(db, a, PERM_WRITE, n.person_id, &p, e)))
		goto out_need;
	if (need_kind_sensitive(n.kind) && !role_can(a->role, PERM_SENSITIVE_READ)) {
		r = err_set(e, ERR_FORBIDDEN, "id", "บทบาทของท่านแก้ไขข้อมูลอ่อนไหวไม่ได้%s",
			    "your role may not change sensitive entries%s", "");
		goto out;
	}
	if (n.ended_on.y) {
		r = err_set(e, ERR_CONFLICT, "ended_on", "รายการนี้สิ้นสุดไปแล้ว%s",
			    "this entry has already ended%s", "");
		goto out;
	}
	if (date_cmp(d, n.observed_on) < 0 || date_cmp(d, app_today(app)) > 0) {
		r = err_set(e, ERR_INVALID, "ended_on",
			    "วันที่สิ้นสุดต้องอยู่ระหว่างวันที่พบข้อมูลกับวันนี้%s",
			    "the end date must lie between the date observed and today%s", "");
		goto out;
	}
	app_iso_time(app_time(app), now);
	id_text(n.person_id, eid);
	snprintf(after, sizeof(after), "{\"need_id\":%lld,\"ended_on\":\"%04d-%02d-%02d\"}",
		 (long long)need_id, d.y, d.m, d.d);
	if ((r = db_begin(db, e)))
		goto out;
	if ((r = need_end(db, need_id, d, e)) ||
	    (r = app_audit(app, db, a, "need_end", "person", eid, p.area, NULL, after, e)))
		db_rollback(db);
	else
		r = db_commit(db, e);
out:
	person_release(&p);
out_need:
	need_release(&n);
	return r;
}

int app_consent_add(struct app *app, const struct actor *a, int64_t person_id,
		    const char *purpose, const char *basis, const char *given_on, int64_t *id,
		    struct err *e)
{
	static const char *const bases[] = { "consent", "public_task", "legal_obligation",
					     "vital_interest" };
	char now[32], eid[24];
	struct consent c;
	struct person p;
	char *after = NULL;
	struct db *db;
	size_t i;
	int r;

	*id = 0;
	memset(&c, 0, sizeof(c));
	if (!purpose || !*purpose || strlen(purpose) >= sizeof(c.purpose))
		return err_set(e, ERR_INVALID, "purpose", "กรุณาระบุวัตถุประสงค์ (ไม่เกิน %d ตัวอักษร)",
			       "a purpose is required (at most %d characters)",
			       (int)sizeof(c.purpose) - 1);
	for (i = 0; basis && i < ARRAY_SIZE(bases); i++)
		if (!strcmp(basis, bases[i]))
			break;
	if (!basis || i == ARRAY_SIZE(bases))
		return err_set(e, ERR_INVALID, "basis",
			       "ฐานทางกฎหมาย '%.20s' ไม่ถูกต้อง (consent, public_task, legal_obligation, vital_interest)",
			       "legal basis '%.20s' is not valid (consent, public_task, legal_obligation, vital_interest)",
			       basis ? basis : "");
	if ((r = date_parse(given_on ? given_on : "", 0, &c.given_on, "given_on", e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = load(db, a, PERM_WRITE, person_id, &p, e)))
		return r;
	c.person_id = person_id;
	snprintf(c.purpose, sizeof(c.purpose), "%s", purpose);
	snprintf(c.basis, sizeof(c.basis), "%s", basis);
	snprintf(c.recorded_by, sizeof(c.recorded_by), "%s", a->username);
	app_iso_time(app_time(app), now);
	id_text(person_id, eid);
	after = dump(json_pack("{s:{s:s, s:s, s:o}}", "consent", "purpose", c.purpose, "basis",
			       c.basis, "given_on", app_date_json(c.given_on)));
	if ((r = db_begin(db, e)))
		goto out;
	if ((r = consent_insert(db, &c, now, id, e)) ||
	    (r = app_audit(app, db, a, "consent_add", "person", eid, p.area, NULL, after, e))) {
		db_rollback(db);
		*id = 0;
	} else {
		r = db_commit(db, e);
	}
out:
	free(after);
	person_release(&p);
	return r;
}

int app_consent_withdraw(struct app *app, const struct actor *a, int64_t consent_id,
			 const char *date, struct err *e)
{
	char now[32], eid[24], after[96];
	struct date d, given = { 0, 0, 0 };
	struct db_stmt *st;
	struct person p;
	int64_t pid = 0;
	struct db *db;
	int r;

	if ((r = date_parse(date ? date : "", 0, &d, "withdrawn_on", e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = db_prepare(db, "SELECT person_id, given_on FROM consent WHERE id = ?", &st, e)))
		return r;
	db_bind_int64(st, 1, consent_id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		pid = db_column_int64(st, 0);
		date_parse(db_column_text(st, 1), 0, &given, NULL, NULL);
	}
	db_finalize(st);
	if (r < 0)
		return r;
	if (!pid)
		return err_set(e, ERR_NOT_FOUND, "id", "ไม่พบความยินยอมรหัส %lld",
			       "no consent with id %lld", (long long)consent_id);
	if (date_cmp(d, app_today(app)) > 0 || (given.y && date_cmp(d, given) < 0))
		return err_set(e, ERR_INVALID, "withdrawn_on",
			       "วันที่ถอนความยินยอมต้องอยู่ระหว่างวันที่ให้ความยินยอมกับวันนี้%s",
			       "the withdrawal date must lie between the date consent was given and today%s",
			       "");
	if ((r = load(db, a, PERM_WRITE, pid, &p, e)))
		return r;
	app_iso_time(app_time(app), now);
	id_text(pid, eid);
	snprintf(after, sizeof(after), "{\"consent_id\":%lld,\"withdrawn_on\":\"%04d-%02d-%02d\"}",
		 (long long)consent_id, d.y, d.m, d.d);
	if ((r = db_begin(db, e)))
		goto out;
	if ((r = consent_withdraw(db, consent_id, d, e)) ||
	    (r = app_audit(app, db, a, "consent_withdraw", "person", eid, p.area, NULL, after, e)))
		db_rollback(db);
	else
		r = db_commit(db, e);
out:
	person_release(&p);
	return r;
}

int app_household_add(struct app *app, const struct actor *a, const char *area,
		      const char *house_no, int64_t monthly_income, int64_t *id, struct err *e)
{
	char now[32], eid[24];
	struct household h;
	char *after = NULL;
	struct db *db;
	int r, level = geo_level(area);

	*id = 0;
	if (level != GEO_TAMBON && level != GEO_VILLAGE)
		return err_set(e, ERR_INVALID, "area",
			       "รหัสพื้นที่ '%.16s' ต้องเป็นรหัสตำบลหรือหมู่บ้าน",
			       "area '%.16s' must be a tambon or village code", area ? area : "");
	if (house_no && strlen(house_no) > 40)
		return err_set(e, ERR_INVALID, "house_no", "บ้านเลขที่ยาวเกิน %d ตัวอักษร",
			       "house number longer than %d characters", 40);
	if (monthly_income < -1 || monthly_income > INT64_C(100000000000))
		return err_set(e, ERR_INVALID, "monthly_income", "รายได้ต่อเดือนไม่ถูกต้อง%s",
			       "the monthly income is not valid%s", "");
	if ((r = actor_check(a, PERM_WRITE, area, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = check_area(db, area, "area", e)))
		return r;
	memset(&h, 0, sizeof(h));
	snprintf(h.area, sizeof(h.area), "%s", area);
	h.house_no = (char *)(house_no ? house_no : "");
	h.monthly_income = monthly_income;
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = household_insert(db, &h, now, id, e)))
		goto fail;
	id_text(*id, eid);
	after = dump(json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)*id, "area", h.area,
			       "house_no", h.house_no, "monthly_income", (json_int_t)monthly_income));
	if ((r = app_audit(app, db, a, "create", "household", eid, area, NULL, after, e)))
		goto fail;
	free(after);
	return db_commit(db, e);
fail:
	free(after);
	db_rollback(db);
	*id = 0;
	return r;
}

int app_household_join(struct app *app, const struct actor *a, int64_t household_id,
		       int64_t person_id, const char *relation, struct err *e)
{
	char now[32], eid[24], after[160];
	struct household h;
	struct person p;
	struct db *db;
	int r;

	if ((r = relation_check(relation, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = household_get(db, household_id, &h, e)))
		return r;
	if ((r = actor_check(a, PERM_WRITE, h.area, e)))
		goto out_h;
	if ((r = load(db, a, PERM_WRITE, person_id, &p, e)))
		goto out_h;
	app_iso_time(app_time(app), now);
	id_text(person_id, eid);
	snprintf(after, sizeof(after), "{\"household_id\":%lld,\"relation\":\"%s\"}",
		 (long long)household_id, relation);
	if ((r = db_begin(db, e)))
		goto out;
	if (!strcmp(relation, "head")) {
		/* One head: the old head becomes a plain member ("relative"). */
		if (h.head_person_id && h.head_person_id != person_id &&
		    (r = person_set_household(db, h.head_person_id, household_id, "relative", now, e)))
			goto fail;
		h.head_person_id = person_id;
		if ((r = household_update(db, &h, now, e)))
			goto fail;
	} else if (h.head_person_id == person_id) {
		h.head_person_id = 0;
		if ((r = household_update(db, &h, now, e)))
			goto fail;
	}
	if ((r = person_set_household(db, person_id, household_id, relation, now, e)) ||
	    (r = app_audit(app, db, a, "household_join", "person", eid, p.area, NULL, after, e)))
		goto fail;
	r = db_commit(db, e);
	goto out;
fail:
	db_rollback(db);
out:
	person_release(&p);
out_h:
	household_release(&h);
	return r;
}

int app_household_get(struct app *app, const struct actor *a, int64_t id, struct household *out,
		      struct person_list *members, struct err *e)
{
	struct db *db;
	int r;

	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = household_get(db, id, out, e)))
		return r;
	if ((r = actor_check(a, PERM_READ, out->area, e)) ||
	    (members && (r = household_members(db, id, members, e))))
		household_release(out);
	return r;
}

int app_person_index_maintain(struct app *app, bool *rebuilt, struct err *e)
{
	struct db *db = app_db(app, e);
	bool due;
	int r;

	if (rebuilt)
		*rebuilt = false;
	if (!db)
		return ERR_DB;
	/* Looking first keeps the write lock out of every sawat init. */
	if ((r = person_search_due(db, &due, e)) || !due)
		return r;
	if ((r = db_begin(db, e)))
		return r;
	if ((r = person_search_maintain(db, rebuilt, e))) {
		db_rollback(db);
		return r;
	}
	return db_commit(db, e);
}

/*
 * People created by a bulk import share one audit entry per chunk of rows
 * (app/import.c): the person's history gets that entry, as a "create" of
 * the person naming the batch, the row and the entry, in its place by
 * sequence number. Imports audited person by person need nothing added.
 */
static int import_history(struct db *db, int64_t id, const char *eid, struct audit_row **rows,
			  size_t *n, struct err *e)
{
	struct audit_row *b = NULL, *x;
	int64_t batch, row;
	size_t nb = 0, i, at;
	char bid[24];
	int r;

	if ((r = import_row_of_person(db, id, &batch, &row, e)) || !batch)
		return r;
	id_text(batch, bid);
	if ((r = audit_list_entity(db, "import_batch", bid, 1000000, &b, &nb, e)))
		return r;
	for (i = 0; i < nb; i++) {
		json_t *o;
		json_int_t first, last;

		if (strcmp(b[i].action, "import") || !b[i].after)
			continue;
		o = json_loads(b[i].after, 0, NULL);
		first = json_integer_value(json_object_get(o, "first_row"));
		last = json_integer_value(json_object_get(o, "last_row"));
		json_decref(o);
		if (row < first || row > last)
			continue;
		for (at = 0; at < *n && (*rows)[at].seq > b[i].seq; at++)
			;
		*rows = xrealloc(*rows, (*n + 1) * sizeof(**rows));
		memmove(*rows + at + 1, *rows + at, (*n - at) * sizeof(**rows));
		(*n)++;
		x = &(*rows)[at];
		memset(x, 0, sizeof(*x));
		x->seq = b[i].seq;
		x->at = xstrdup(b[i].at);
		x->actor = xstrdup(b[i].actor);
		x->action = xstrdup("create");
		x->entity = xstrdup("person");
		x->entity_id = xstrdup(eid);
		x->area = xstrdup(b[i].area);
		x->hash = xstrdup(b[i].hash ? b[i].hash : "");
		o = json_pack("{s:I, s:I, s:I}", "import_batch", (json_int_t)batch, "import_row",
			      (json_int_t)row, "import_entry", (json_int_t)b[i].seq);
		x->after = json_dumps(o, JSON_COMPACT);
		json_decref(o);
		x->has_after = true;
		break;
	}
	audit_rows_free(b, nb);
	return 0;
}

int app_person_history(struct app *app, const struct actor *a, int64_t id,
		       struct audit_row **rows, size_t *n, struct err *e)
{
	struct person p;
	struct db *db;
	char eid[24];
	int r;

	*rows = NULL;
	*n = 0;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = person_get(db, id, &p, NULL, e)))
		return r;
	r = actor_check(a, PERM_READ, p.area, e);
	person_release(&p);
	if (r)
		return r;
	id_text(id, eid);
	if ((r = audit_list_entity(db, "person", eid, 500, rows, n, e)) ||
	    (r = import_history(db, id, eid, rows, n, e))) {
		audit_rows_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return r;
	}
	app_audit_redact(a, *rows, *n);
	return 0;
}

int app_person_export(struct app *app, const struct actor *a, int64_t id, char **json,
		      struct err *e)
{
	struct need_list needs = NEED_LIST_INIT;
	struct consent_list consents = CONSENT_LIST_INIT;
	struct audit_row *hist = NULL;
	char now[32], eid[24];
	struct person p;
	size_t nh = 0, i;
	int hidden, r;
	struct db *db;
	json_t *o, *arr;

	*json = NULL;
	if ((r = app_person_get(app, a, id, &p, &needs, &consents, &hidden, e)))
		return r;
	if ((r = app_person_history(app, a, id, &hist, &nh, e)))
		goto out;
	app_iso_time(app_time(app), now);
	o = json_pack("{s:s, s:s, s:o}", "exported_at", now, "exported_by", a->username, "person",
		      app_person_json(&p));
	arr = json_array();
	for (i = 0; i < needs.n; i++)
		json_array_append_new(arr, app_need_json(&needs.items[i]));
	json_object_set_new(o, "needs", arr);
	json_object_set_new(o, "sensitive_entries_withheld", json_integer(hidden));
	arr = json_array();
	for (i = 0; i < consents.n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:o, s:o, s:s}", "id",
						     (json_int_t)consents.items[i].id, "purpose",
						     consents.items[i].purpose, "basis",
						     consents.items[i].basis, "given_on",
						     app_date_json(consents.items[i].given_on), "withdrawn_on",
						     app_date_json(consents.items[i].withdrawn_on),
						     "recorded_by", consents.items[i].recorded_by));
	json_object_set_new(o, "consents", arr);
	arr = json_array();
	for (i = 0; i < nh; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s}", "seq",
						     (json_int_t)hist[i].seq, "at", hist[i].at,
						     "actor", hist[i].actor, "action",
						     hist[i].action));
	json_object_set_new(o, "history", arr);
	*json = json_dumps(o, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(o);
	if (!(db = app_db(app, e))) {
		r = ERR_DB;
		goto out;
	}
	id_text(id, eid);
	if ((r = db_begin(db, e)))
		goto out;
	if ((r = app_audit(app, db, a, "export", "person", eid, p.area, NULL, NULL, e)))
		db_rollback(db);
	else
		r = db_commit(db, e);
out:
	if (r) {
		free(*json);
		*json = NULL;
	}
	audit_rows_free(hist, nh);
	need_list_release(&needs);
	consent_list_release(&consents);
	person_release(&p);
	return r;
}

int app_person_set_retention(struct app *app, const struct actor *a, int64_t id,
			     const char *date, struct err *e)
{
	char now[32], eid[24], after[64];
	struct person p;
	struct date d;
	struct db *db;
	int r;

	if ((r = date_parse(date ? date : "", 0, &d, "retention_until", e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = load(db, a, PERM_WRITE, id, &p, e)))
		return r;
	app_iso_time(app_time(app), now);
	id_text(id, eid);
	snprintf(after, sizeof(after), "{\"retention_until\":\"%04d-%02d-%02d\"}", d.y, d.m, d.d);
	if ((r = db_begin(db, e)))
		goto out;
	if ((r = person_set_retention(db, id, d, now, e)) ||
	    (r = app_audit(app, db, a, "retention", "person", eid, p.area, NULL, after, e)))
		db_rollback(db);
	else
		r = db_commit(db, e);
out:
	person_release(&p);
	return r;
}

/* Erases one person whose retention date passed; the audit entry records
 * the erasure without copying the erased data. */
static int erase_one(struct app *app, struct db *db, const struct actor *a, int64_t id,
		     struct err *e)
{
	char now[32], eid[24];
	struct person p;
	int r;

	if ((r = person_get(db, id, &p, NULL, e)))
		return r;
	app_iso_time(app_time(app), now);
	id_text(id, eid);
	if ((r = db_begin(db, e)))
		goto out;
	if ((r = person_erase(db, id, now, e)) ||
	    (r = app_audit(app, db, a, "erase", "person", eid, p.area, NULL,
			   "{\"erased\":\"retention date passed\"}", e)))
		db_rollback(db);
	else
		r = db_commit(db, e);
out:
	person_release(&p);
	return r;
}

int app_retention_run(struct app *app, const struct actor *a, bool dry_run, long *erased,
		      struct err *e)
{
	int64_t ids[256];
	size_t n, i;
	struct db *db;
	int r;

	*erased = 0;
	if (a->id || a->role != ROLE_NATIONAL_ADMIN)
		return err_set(e, ERR_FORBIDDEN, NULL, "การลบข้อมูลตามกำหนดเวลาทำได้จากบรรทัดคำสั่งเท่านั้น%s",
			       "retention erasure runs only from the command line%s", "");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if (dry_run) {
		int64_t due;

		if ((r = person_count_retention_due(db, app_today(app), &due, e)))
			return r;
		*erased = (long)due;
		return 0;
	}
	for (;;) {
		if ((r = person_ids_retention_due(db, app_today(app), ids, ARRAY_SIZE(ids), &n, e)))
			return r;
		for (i = 0; i < n; i++) {
			if ((r = erase_one(app, db, a, ids[i], e)))
				return r;
			(*erased)++;
		}
		if (n < ARRAY_SIZE(ids))
			return 0;
	}
}
