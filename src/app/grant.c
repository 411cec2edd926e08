/*
 * Grant fund use cases (app/grant.h says who may do what). Each write:
 * load the application and its call, check the role and area, validate,
 * then in one transaction take the call's lock, re-read, check the state
 * against core/grant's step table, write, post any money to the channel's
 * book, record the step and append the audit entry.
 *
 *   draft --submit--> submitted --screen--> screened --review--> under_review
 *                        \--screen (incomplete / ineligible)--> declined <--decline--+
 *   under_review --approve--> approved --sign--> agreement_signed --disburse--> in_progress
 *   in_progress --final report--> reported --close--> closed --award--> (certificate)
 *
 * Books (one per channel: 'TH' or a province; ledger_book kind 'grant'):
 *   a call's budget   Dr fund bank (1102)     / Cr allocation (4601)
 *   signing           Dr grants (5401)        / Cr grants payable (2103)   the approved amount
 *   each tranche      Dr grants payable (2103) / Cr fund bank (1102)
 * so a project's payable falls to zero as its tranches are paid, and the
 * tranches can never exceed the approved amount (the plan sums to it and
 * each is paid once).
 */
#include "app/grant.h"
#include <jansson.h>
#include <sodium.h>
#include "app/ledger.h"
#include "app/person.h"
#include "core/date.h"
#include "core/geo.h"
#include "core/ledger.h"
#include "core/money.h"
#include "core/org.h"
#include "core/person.h"
#include "core/program.h"
#include "core/thtext.h"
#include "lib/pdf.h"
#include "lib/sheet.h"
#include "store/fund.h"
#include "store/geo.h"
#include "store/ledger.h"
#include "store/org.h"

#define S0(x) ((x) ? (x) : "")
#define TEXT_MAX 500
#define SUMMARY_MAX 2000
#define BODY_MAX 4000

static bool empty(const char *s)
{
	return !s || !*s;
}

static void iso(struct date d, char out[16])
{
	if (!d.y)
		out[0] = '\0';
	else
		snprintf(out, 16, "%04d-%02d-%02d", d.y % 10000, d.m % 100, d.d % 100);
}

static char *dump(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(o);
	return s;
}

static int audit(struct app *app, struct db *db, const struct actor *a, const char *entity,
		 int64_t id, const char *area, const char *action, json_t *after, struct err *e)
{
	char eid[24], *s = dump(after);
	int r;

	snprintf(eid, sizeof(eid), "%lld", (long long)id);
	r = app_audit(app, db, a, action, entity, eid, area, NULL, s, e);
	free(s);
	return r;
}

/* Thai text of 1..max bytes (or 0..max when optional). */
static int check_text(const char *s, size_t max, bool required, const char *field,
		      struct err *e)
{
	size_t n = s ? strlen(s) : 0;

	if (required && !n)
		return err_set(e, ERR_INVALID, field, "กรุณากรอก %s", "%s is required", field);
	if (n > max || (n && !thtext_utf8_valid(s, n)))
		return err_set(e, ERR_INVALID, field, "%s ยาวเกิน %zu ไบต์หรือไม่ใช่ข้อความที่ถูกต้อง",
			       "%s is longer than %zu bytes or not valid text", field, max);
	return 0;
}

static int parse_date(struct app *app, const char *s, const char *field, bool future_ok,
		      struct date *out, struct err *e)
{
	int r;

	*out = app_today(app);
	if (empty(s))
		return 0;
	if ((r = date_parse(s, 0, out, field, e)))
		return r;
	if (!future_ok && date_cmp(*out, app_today(app)) > 0)
		return err_set(e, ERR_INVALID, field, "วันที่ต้องไม่เป็นวันในอนาคต%s",
			       "the date must not be in the future%s", "");
	return 0;
}

/* ------------------------------------------------------------- who may */

/* Calls and the officers' steps: a national admin, or a province officer
 * whose scope holds the call's area. */
static int officer_check(const struct actor *a, const char *call_area, struct err *e)
{
	if (a->role != ROLE_NATIONAL_ADMIN && a->role != ROLE_PROVINCE_OFFICER)
		return err_set(e, ERR_FORBIDDEN, NULL,
			       "เฉพาะเจ้าหน้าที่ส่วนกลางและ พมจ. จัดการกองทุนส่งเสริมฯ ได้ (บทบาท %s)",
			       "only national admins and province officers manage the fund (role %s)",
			       role_name(a->role));
	return actor_check(a, PERM_WRITE, call_area, e);
}

/* Reviewers: officers and fund committee members who can see the project. */
static int reviewer_check(const struct actor *a, const char *area, struct err *e)
{
	if (a->role == ROLE_VOLUNTEER || a->role == ROLE_AUDITOR || a->role == ROLE_NONE)
		return err_set(e, ERR_FORBIDDEN, NULL,
			       "บทบาท %s ไม่ได้เป็นอนุกรรมการพิจารณาโครงการ",
			       "the role %s does not sit on the review sub-committee",
			       role_name(a->role));
	return actor_check(a, PERM_READ, area, e);
}

/* Applicants' writes: anyone who may write in the project's area, except volunteers. */
static int applicant_check(const struct actor *a, const char *area, struct err *e)
{
	if (a->role == ROLE_VOLUNTEER)
		return err_set(e, ERR_FORBIDDEN, NULL,
			       "อาสาสมัครยื่นคำขอรับการสนับสนุนแทนองค์กรไม่ได้%s",
			       "volunteers may not apply on an organisation's behalf%s", "");
	return actor_check(a, PERM_WRITE, area, e);
}

/* ------------------------------------------------------------- books */

static int grant_book(struct app *app, struct db *db, const char *area, int64_t *book,
		      struct err *e)
{
	size_t n;
	const struct chart_account *chart = grant_chart(&n);
	char now[32], name[256];
	int64_t acc;
	int r;

	if ((r = grant_book_get(db, area, book, e)) || *book)
		return r;
	app_iso_time(app_time(app), now);
	if (!strcmp(area, "TH")) {
		snprintf(name, sizeof(name), "กองทุนส่งเสริมการจัดสวัสดิการสังคม (ส่วนกลาง)");
	} else {
		struct geo_area g;
		memset(&g, 0, sizeof(g));
		if ((r = geo_area_get(db, area, &g, e)))
			return r;
		snprintf(name, sizeof(name), "กองทุนส่งเสริมการจัดสวัสดิการสังคม จังหวัด%.100s",
			 g.name_th);
		geo_area_release(&g);
	}
	if ((r = ledger_book_insert(db, "grant", area, name, now, book, e)) ||
	    (r = grant_book_insert(db, area, *book, e)))
		return r;
	for (size_t i = 0; i < n && !r; i++)
		r = account_insert(db, *book, chart[i].code, chart[i].name_th, chart[i].name_en,
				   chart[i].type, chart[i].admin, chart[i].cash, &acc, e);
	return r;
}

static int post2(struct app *app, struct db *db, const struct actor *a, const char *area,
		 struct date on, const char *desc, const char *source, int64_t source_id,
		 const char *debit, const char *credit, int64_t amount, int64_t *entry,
		 struct err *e)
{
	struct ledger_line lines[2];
	struct account da, ca;
	struct posting p;
	char now[32];
	int64_t book;
	int r;

	if ((r = grant_book(app, db, area, &book, e)) ||
	    (r = account_by_code(db, book, debit, &da, e)) ||
	    (r = account_by_code(db, book, credit, &ca, e)))
		return r;
	lines[0] = (struct ledger_line){ da.id, amount, 0 };
	lines[1] = (struct ledger_line){ ca.id, 0, amount };
	p = (struct posting){ book, on, desc, source, source_id, 0, lines, 2 };
	app_iso_time(app_time(app), now);
	return ledger_post(db, &p, a->username, now, entry, e);
}

/* ------------------------------------------------------------- idempotency */

static bool valid_key(const char *k)
{
	size_t n = k ? strlen(k) : 0;

	if (n < 1 || n > 128)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)k[i] < 0x21 || (unsigned char)k[i] > 0x7e)
			return false;
	return true;
}

static void request_hash(const char *text, char out[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)text, strlen(text), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

static int idem_check(struct db *db, const struct actor *a, const char *key, const char *op,
		      const char *req, bool *done, int64_t *result, struct err *e)
{
	char h[65];

	*done = false;
	if (empty(key))
		return 0;
	if (!valid_key(key))
		return err_set(e, ERR_INVALID, "idempotency_key",
			       "รหัสป้องกันการทำรายการซ้ำต้องยาว 1-128 ตัวอักษร ASCII%s",
			       "the idempotency key must be 1-128 printable ASCII characters%s", "");
	request_hash(req, h);
	return idem_find(db, a->id, key, op, h, done, result, e);
}

static int idem_save(struct app *app, struct db *db, const struct actor *a, const char *key,
		     const char *op, const char *req, int64_t result, struct err *e)
{
	char h[65], now[32];

	if (empty(key))
		return 0;
	request_hash(req, h);
	app_iso_time(app_time(app), now);
	return idem_insert(db, a->id, key, op, h, result, now, e);
}

/* ------------------------------------------------------------- calls */

int app_grant_call_add(struct app *app, const struct actor *a, const struct grant_call_in *in,
		       const char *idem_key, int64_t *id, struct err *e)
{
	struct grant_call c;
	unsigned mask;
	char now[32], req[1024], desc[700];
	int64_t entry, found;
	bool done;
	struct db *db;
	int r;

	*id = 0;
	memset(&c, 0, sizeof(c));
	if (!in->channel || (strcmp(in->channel, GRANT_CHANNEL_NATIONAL) &&
			     strcmp(in->channel, GRANT_CHANNEL_PROVINCIAL)))
		return err_set(e, ERR_INVALID, "channel",
			       "ช่องทางต้องเป็น national (ส่วนกลาง) หรือ provincial (จังหวัด)%s",
			       "the channel must be national or provincial%s", "");
	if (!strcmp(in->channel, GRANT_CHANNEL_NATIONAL)) {
		if (!empty(in->area) && strcmp(in->area, "TH"))
			return err_set(e, ERR_INVALID, "area",
				       "ประกาศส่วนกลางเป็นของทั้งประเทศ (TH)%s",
				       "a national call covers the whole country (TH)%s", "");
		snprintf(c.area, sizeof(c.area), "TH");
	} else {
		if (empty(in->area) || geo_level(in->area) != GEO_PROVINCE ||
		    !geo_province_known(in->area))
			return err_set(e, ERR_INVALID, "area",
				       "ประกาศของจังหวัดต้องระบุรหัสจังหวัด 2 หลัก%s",
				       "a provincial call needs a two-digit province code%s", "");
		snprintf(c.area, sizeof(c.area), "%s", in->area);
	}
	if ((r = officer_check(a, c.area, e)) || (r = check_text(in->title, TEXT_MAX, true, "title", e)))
		return r;
	if ((r = date_parse(S0(in->opens_on), 0, &c.opens_on, "opens_on", e)) ||
	    (r = date_parse(S0(in->closes_on), 0, &c.closes_on, "closes_on", e)))
		return r;
	if (date_cmp(c.closes_on, c.opens_on) < 0)
		return err_set(e, ERR_INVALID, "closes_on", "วันปิดรับต้องไม่ก่อนวันเปิดรับ%s",
			       "the closing date cannot be before the opening date%s", "");
	if (in->budget <= 0 || in->budget > INT64_C(100000000000000))
		return err_set(e, ERR_INVALID, "budget", "งบประมาณต้องมากกว่าศูนย์และไม่เกินพันล้านล้านสตางค์%s",
			       "the budget must be positive and at most 10^14 satang%s", "");
	if ((r = grant_tiers_parse(in->tiers ? in->tiers : "small,medium,large", &mask, e)))
		return r;
	if (in->min_reviews < 0 || in->min_reviews > 9)
		return err_set(e, ERR_INVALID, "min_reviews", "จำนวนผู้ให้คะแนนต้องอยู่ระหว่าง 1 ถึง 9%s",
			       "the number of reviews must be 1 to 9%s", "");
	c.year = in->year ? in->year : c.opens_on.y;
	if (c.year < 2000 || c.year > 2200)
		return err_set(e, ERR_INVALID, "year", "ปีงบประมาณไม่ถูกต้อง (%d)",
			       "invalid fiscal year (%d)", c.year);
	c.min_reviews = in->min_reviews ? in->min_reviews : 2;
	c.budget = in->budget;
	snprintf(c.channel, sizeof(c.channel), "%s", in->channel);
	snprintf(c.title, sizeof(c.title), "%s", in->title);
	snprintf(c.tiers, sizeof(c.tiers), "%s%s%s%s%s",
		 mask & (1u << GRANT_TIER_SMALL) ? "small" : "",
		 (mask & (1u << GRANT_TIER_SMALL)) && (mask >> (GRANT_TIER_SMALL + 1)) ? "," : "",
		 mask & (1u << GRANT_TIER_MEDIUM) ? "medium" : "",
		 (mask & (1u << GRANT_TIER_MEDIUM)) && (mask & (1u << GRANT_TIER_LARGE)) ? "," : "",
		 mask & (1u << GRANT_TIER_LARGE) ? "large" : "");
	snprintf(c.created_by, sizeof(c.created_by), "%s", a->username);
	app_iso_time(app_time(app), now);
	snprintf(c.created_at, sizeof(c.created_at), "%s", now);
	snprintf(req, sizeof(req), "%s|%s|%s|%s|%s|%lld|%s|%d", c.channel, c.area, c.title,
		 S0(in->opens_on), S0(in->closes_on), (long long)c.budget, c.tiers, c.min_reviews);
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = db_begin(db, e)))
		return r;
	if ((r = idem_check(db, a, idem_key, "grant_call", req, &done, &found, e)))
		goto fail;
	if (done) {
		db_rollback(db);
		*id = found;
		return 0;
	}
	snprintf(desc, sizeof(desc), "รับจัดสรรงบประมาณ %s", c.title);
	if ((r = grant_call_insert(db, &c, id, e)) ||
	    (r = post2(app, db, a, c.area, c.opens_on, desc, "grant_call", *id, GRANT_ACC_BANK,
		       GRANT_ACC_ALLOCATION, c.budget, &entry, e)) ||
	    (r = grant_call_set_entry(db, *id, entry, e)) ||
	    (r = idem_save(app, db, a, idem_key, "grant_call", req, *id, e)) ||
	    (r = audit(app, db, a, "grant_call", *id, c.area, "create",
		       json_pack("{s:s, s:s, s:s, s:I, s:s, s:i}", "channel", c.channel, "area",
				 c.area, "title", c.title, "budget", (json_int_t)c.budget, "tiers",
				 c.tiers, "min_reviews", c.min_reviews),
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

/* May the actor see a call? National calls are public to every user; a
 * provincial one to users whose scope overlaps the province. */
static bool call_visible(const struct actor *a, const struct grant_call *c)
{
	return !strcmp(c->area, "TH") || geo_in_scope(a->area, c->area) ||
	       geo_in_scope(c->area, a->area);
}

int app_grant_call_get(struct app *app, const struct actor *a, int64_t id,
		       struct grant_call *out, struct err *e)
{
	struct db *db;
	int r;

	if ((r = actor_check(a, PERM_READ, NULL, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = grant_call_get(db, id, out, e)))
		return r;
	if (!call_visible(a, out))
		return err_set(e, ERR_FORBIDDEN, "area", "พื้นที่ %s อยู่นอกขอบเขตของท่าน (%s)",
			       "area %s is outside your scope (%s)", out->area, a->area);
	return 0;
}

int app_grant_call_list(struct app *app, const struct actor *a, struct grant_call_list *out,
			struct err *e)
{
	char prov[4] = "";
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	if ((r = actor_check(a, PERM_READ, NULL, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	/* A district or tambon user sees their province's calls too. */
	if (strcmp(a->area, "TH"))
		snprintf(prov, sizeof(prov), "%.2s", a->area);
	return grant_call_list(db, prov, out, e);
}

/* ------------------------------------------------------------- applications */

int app_grant_orgs(struct app *app, const struct actor *a, const struct grant_call *c,
		   struct grant_org_list *out, struct err *e)
{
	const char *where = geo_in_scope(c->area, a->area) ? a->area : c->area;
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	if ((r = actor_check(a, PERM_READ, where, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	return grant_orgs(db, strcmp(where, "TH") ? where : "", out, e);
}

int app_grant_apply(struct app *app, const struct actor *a, const struct grant_app_in *in,
		    int64_t *id, struct err *e)
{
	struct grant_line lines[GRANT_MAX_LINES];
	struct grant_indicator ind[GRANT_MAX_INDICATORS];
	struct grant_call c;
	struct grant_app g;
	struct org o;
	enum grant_tier tier;
	unsigned tiers, groups;
	char now[32];
	struct db *db;
	int64_t total = 0;
	int r;

	*id = 0;
	memset(&g, 0, sizeof(g));
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = grant_call_get(db, in->call_id, &c, e)))
		return r == ERR_NOT_FOUND ? err_set(e, ERR_INVALID, "call_id",
						    "ไม่พบประกาศรับข้อเสนอโครงการ %lld",
						    "no call for proposals %lld",
						    (long long)in->call_id)
					  : r;
	if ((r = org_get(db, in->org_id, &o, e)))
		return r == ERR_NOT_FOUND ? err_set(e, ERR_INVALID, "org_id", "ไม่พบองค์กร %lld",
						    "no organisation %lld", (long long)in->org_id)
					  : r;
	snprintf(g.area, sizeof(g.area), "%s", empty(in->area) ? o.area : in->area);
	if (strcmp(g.area, "TH") && !geo_code_valid(g.area))
		return err_set(e, ERR_INVALID, "area", "รหัสพื้นที่โครงการไม่ถูกต้อง: %.15s",
			       "invalid project area: %.15s", g.area);
	if ((r = applicant_check(a, g.area, e)))
		return r;
	if (!geo_in_scope(c.area, g.area))
		return err_set(e, ERR_INVALID, "area",
			       "โครงการในพื้นที่ %s ยื่นต่อประกาศของพื้นที่ %s ไม่ได้",
			       "a project in %s cannot apply to a call for %s", g.area, c.area);
	if (strcmp(o.status, "active"))
		return err_set(e, ERR_FORBIDDEN, "org_id", "องค์กรนี้เลิกดำเนินการแล้ว (%s)",
			       "this organisation is no longer active (%s)", o.status);
	/* Only eligible organisations apply (Act B.E. 2546). */
	if ((r = org_may_apply_grant(org_kind_parse(o.kind), o.cert_no, e))) {
		err_prefix(e, "องค์กรนี้ไม่มีสิทธิ์ยื่นขอรับการสนับสนุน: ",
			   "this organisation may not apply: ");
		if (e)
			snprintf(e->field, sizeof(e->field), "org_id");
		return r;
	}
	if ((r = check_text(in->title, TEXT_MAX, true, "title", e)) ||
	    (r = check_text(in->summary, SUMMARY_MAX, false, "summary", e)) ||
	    (r = grant_groups_parse(in->target_groups, &groups, e)))
		return r;
	if (program_pillar_parse(S0(in->pillar)) < 0)
		return err_set(e, ERR_INVALID, "pillar", "ต้องเลือกหนึ่งในสี่เสาหลักของสวัสดิการ%s",
			       "choose one of the four pillars%s", "");
	if (!in->nlines || in->nlines > GRANT_MAX_LINES)
		return err_set(e, ERR_INVALID, "lines", "รายการงบประมาณต้องมี 1 ถึง %d รายการ",
			       "the budget needs 1 to %d lines", GRANT_MAX_LINES);
	if (!in->nindicators || in->nindicators > GRANT_MAX_INDICATORS)
		return err_set(e, ERR_INVALID, "indicators", "ตัวชี้วัดต้องมี 1 ถึง %d ตัว",
			       "the project needs 1 to %d indicators", GRANT_MAX_INDICATORS);
	for (size_t i = 0; i < in->nlines; i++) {
		lines[i] = in->lines[i];
		if ((r = check_text(lines[i].item, 250, true, "lines", e)))
			return r;
		if (lines[i].amount <= 0 || lines[i].amount > GRANT_LARGE_MAX)
			return err_set(e, ERR_INVALID, "lines",
				       "จำนวนเงินรายการที่ %zu ต้องมากกว่าศูนย์และไม่เกิน 3,000,000 บาท",
				       "line %zu must be more than zero and at most 3,000,000 baht",
				       i + 1);
		total += lines[i].amount;
	}
	for (size_t i = 0; i < in->nindicators; i++) {
		ind[i] = in->indicators[i];
		if ((r = check_text(ind[i].name, 250, true, "indicators", e)) ||
		    (r = check_text(ind[i].unit, 30, false, "indicators", e)))
			return r;
		if (ind[i].target <= 0 || ind[i].target > INT64_C(1000000000))
			return err_set(e, ERR_INVALID, "indicators",
				       "ค่าเป้าหมายของตัวชี้วัดที่ %zu ต้องมากกว่าศูนย์",
				       "indicator %zu needs a positive target", i + 1);
	}
	/* The requested total is the sum of the lines; its tier must be one the call takes. */
	if ((r = grant_tier_of(total, &tier, e)) || (r = grant_tiers_parse(c.tiers, &tiers, e)))
		return r;
	if (!(tiers & (1u << tier)))
		return err_set(e, ERR_INVALID, "lines",
			       "ประกาศนี้ไม่รับโครงการ%s%.0s",
			       "this call does not take %.0s%s projects", grant_tier_name(tier, true),
			       grant_tier_code(tier));
	g.call_id = c.id;
	g.org_id = o.id;
	snprintf(g.province, sizeof(g.province), "%.2s", strcmp(g.area, "TH") ? g.area : "");
	snprintf(g.title, sizeof(g.title), "%s", in->title);
	snprintf(g.summary, sizeof(g.summary), "%s", S0(in->summary));
	snprintf(g.target_groups, sizeof(g.target_groups), "%s", in->target_groups);
	snprintf(g.pillar, sizeof(g.pillar), "%s", in->pillar);
	g.requested = total;
	snprintf(g.tier, sizeof(g.tier), "%s", grant_tier_code(tier));
	snprintf(g.created_by, sizeof(g.created_by), "%s", a->username);
	app_iso_time(app_time(app), now);
	snprintf(g.created_at, sizeof(g.created_at), "%s", now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = grant_app_insert(db, &g, lines, in->nlines, ind, in->nindicators, id, e)) ||
	    (r = grant_step_insert(db, *id, "draft", "", a->username, now, e)) ||
	    (r = audit(app, db, a, "grant_app", *id, g.area, "apply",
		       json_pack("{s:I, s:I, s:s, s:I, s:s}", "call_id", (json_int_t)c.id, "org_id",
				 (json_int_t)o.id, "title", g.title, "requested",
				 (json_int_t)total, "tier", g.tier),
		       e))) {
		db_rollback(db);
		*id = 0;
		return r;
	}
	if ((r = db_commit(db, e)))
		*id = 0;
	return r;
}

/*
 * The frame of every step on an application: read it and its call, check
 * who may (kind: 'o' officer of the call, 'a' applicant, 'r' reviewer),
 * begin, lock the call, and read the application again under the lock.
 */
static int step_begin(struct app *app, const struct actor *a, int64_t id, char kind,
		      struct db **dbp, struct grant_app *g, struct grant_call *c, struct err *e)
{
	struct db *db;
	int r;

	if (!(db = *dbp = app_db(app, e)))
		return ERR_DB;
	if ((r = grant_app_get(db, id, g, e)) || (r = grant_call_get(db, g->call_id, c, e)))
		return r;
	r = kind == 'o' ? officer_check(a, c->area, e)
	    : kind == 'r' ? reviewer_check(a, g->area, e)
			  : applicant_check(a, g->area, e);
	if (!r && kind == 'o' && (r = actor_check(a, PERM_READ, g->area, e)))
		return r;
	if (r || (r = db_begin(db, e)))
		return r;
	if ((r = grant_call_lock(db, c->id, e)) || (r = grant_app_get(db, id, g, e)))
		db_rollback(db);
	return r;
}

/* Moves g by action (core/grant's table), records the step and audits it,
 * inside the caller's transaction. */
static int move(struct app *app, struct db *db, const struct actor *a, struct grant_app *g,
		const char *action, const char *note, json_t *detail, struct err *e)
{
	const char *to = grant_step_to(action, g->status);
	char now[32];
	int r;

	if (!to) {
		json_decref(detail);
		return err_set(e, ERR_CONFLICT, "status",
			       "คำขอที่อยู่ในสถานะ \"%s\" ทำขั้นตอน \"%s\" ไม่ได้",
			       "an application that is \"%s\" cannot take the step \"%s\"",
			       g->status, action);
	}
	app_iso_time(app_time(app), now);
	snprintf(g->status, sizeof(g->status), "%s", to);
	if (!detail)
		detail = json_object();
	json_object_set_new(detail, "status", json_string(to));
	if ((r = grant_app_update(db, g, now, e)) ||
	    (r = grant_step_insert(db, g->id, to, note ? note : "", a->username, now, e))) {
		json_decref(detail);
		return r;
	}
	return audit(app, db, a, "grant_app", g->id, g->area, action, detail, e);
}

static int finish(struct db *db, int r, struct err *e)
{
	if (r) {
		db_rollback(db);
		return r;
	}
	return db_commit(db, e);
}

int app_grant_submit(struct app *app, const struct actor *a, int64_t id, struct err *e)
{
	struct grant_call c;
	struct grant_app g;
	struct org o;
	struct date today = app_today(app);
	struct db *db;
	int r;

	if ((r = step_begin(app, a, id, 'a', &db, &g, &c, e)))
		return r;
	if (strcmp(c.status, "open") || date_cmp(today, c.opens_on) < 0 ||
	    date_cmp(today, c.closes_on) > 0) {
		char o1[16], o2[16];
		iso(c.opens_on, o1);
		iso(c.closes_on, o2);
		r = err_set(e, ERR_CONFLICT, "call_id", "ประกาศนี้รับข้อเสนอระหว่าง %s ถึง %s เท่านั้น",
			    "this call takes proposals only from %s to %s", o1, o2);
		return finish(db, r, e);
	}
	/* Eligibility again: the organisation may have changed since the draft. */
	if (!(r = org_get(db, g.org_id, &o, e)) &&
	    (r = org_may_apply_grant(org_kind_parse(o.kind), o.cert_no, e)))
		err_prefix(e, "องค์กรนี้ไม่มีสิทธิ์ยื่นขอรับการสนับสนุน: ",
			   "this organisation may not apply: ");
	if (!r)
		r = move(app, db, a, &g, "submit", "", NULL, e);
	return finish(db, r, e);
}

int app_grant_screen(struct app *app, const struct actor *a, int64_t id, bool complete,
		     bool eligible, const char *note, struct err *e)
{
	struct grant_call c;
	struct grant_app g;
	struct db *db;
	int r;

	if ((r = check_text(note, TEXT_MAX, !(complete && eligible), "note", e)))
		return r;
	if ((r = step_begin(app, a, id, 'o', &db, &g, &c, e)))
		return r;
	g.screen_complete = complete;
	g.screen_eligible = eligible;
	snprintf(g.screen_note, sizeof(g.screen_note), "%s", S0(note));
	if (!complete || !eligible)
		snprintf(g.decision_note, sizeof(g.decision_note), "%s", note);
	r = move(app, db, a, &g, complete && eligible ? "screen" : "screen_out", note,
		 json_pack("{s:b, s:b, s:s}", "complete", complete, "eligible", eligible, "note",
			   S0(note)),
		 e);
	return finish(db, r, e);
}

int app_grant_review(struct app *app, const struct actor *a, int64_t id, struct err *e)
{
	struct grant_call c;
	struct grant_app g;
	struct db *db;
	int r;

	if ((r = step_begin(app, a, id, 'o', &db, &g, &c, e)))
		return r;
	r = move(app, db, a, &g, "review", "", NULL, e);
	return finish(db, r, e);
}

int app_grant_declare(struct app *app, const struct actor *a, int64_t id, bool conflict,
		      const char *note, struct err *e)
{
	struct grant_call c;
	struct grant_app g;
	char now[32];
	struct db *db;
	int r;

	if ((r = check_text(note, TEXT_MAX, conflict, "note", e)))
		return r;
	if ((r = step_begin(app, a, id, 'r', &db, &g, &c, e)))
		return r;
	if (strcmp(g.status, "screened") && strcmp(g.status, "under_review")) {
		r = err_set(e, ERR_CONFLICT, "status",
			    "แจ้งส่วนได้เสียได้เมื่อคำขอผ่านการกลั่นกรองแล้วและยังไม่ตัดสิน (สถานะ %s)",
			    "declarations are made after screening and before the decision (status %s)",
			    g.status);
		return finish(db, r, e);
	}
	app_iso_time(app_time(app), now);
	if (!(r = grant_reviewer_insert(db, id, a->username, conflict, note, now, e)))
		r = audit(app, db, a, "grant_app", id, g.area, "declare",
			  json_pack("{s:s, s:b, s:s}", "reviewer", a->username, "conflict", conflict,
				    "note", S0(note)),
			  e);
	return finish(db, r, e);
}

int app_grant_score(struct app *app, const struct actor *a, int64_t id,
		    const struct grant_score *scores, size_t n, struct err *e)
{
	struct grant_reviewer_list rl = { NULL, 0, 0 };
	struct grant_call c;
	struct grant_app g;
	const struct grant_reviewer *me = NULL;
	char now[32];
	json_t *detail;
	struct db *db;
	size_t nr;
	int r;

	grant_rubric(&nr);
	if (!n || n > nr)
		return err_set(e, ERR_INVALID, "scores", "ให้คะแนนได้ 1 ถึง %zu เกณฑ์",
			       "give scores for 1 to %zu criteria", nr);
	for (size_t i = 0; i < n; i++) {
		const struct grant_criterion *k = grant_criterion_find(scores[i].criterion);
		if (!k)
			return err_set(e, ERR_INVALID, "scores", "ไม่รู้จักเกณฑ์ \"%.23s\"",
				       "unknown criterion \"%.23s\"", scores[i].criterion);
		if (scores[i].score < 0 || scores[i].score > k->max)
			return err_set(e, ERR_INVALID, "scores", "คะแนนเกณฑ์ %s ต้องอยู่ระหว่าง 0 ถึง %d",
				       "the score for %s must be 0 to %d", k->code, k->max);
		if ((r = check_text(scores[i].comment, TEXT_MAX, false, "scores", e)))
			return r;
	}
	if ((r = step_begin(app, a, id, 'r', &db, &g, &c, e)))
		return r;
	if (strcmp(g.status, "under_review")) {
		r = err_set(e, ERR_CONFLICT, "status", "ให้คะแนนได้เฉพาะคำขอที่อยู่ระหว่างพิจารณา (สถานะ %s)",
			    "only an application under review can be scored (status %s)", g.status);
		return finish(db, r, e);
	}
	if ((r = grant_reviewers(db, id, &rl, e)))
		return finish(db, r, e);
	for (size_t i = 0; i < rl.n; i++)
		if (!strcmp(rl.items[i].reviewer, a->username))
			me = &rl.items[i];
	if (!me)
		r = err_set(e, ERR_CONFLICT, "conflict",
			    "กรุณาแจ้งว่ามีหรือไม่มีส่วนได้เสียกับคำขอนี้ก่อนให้คะแนน%s",
			    "declare whether you have a conflict of interest before scoring%s", "");
	else if (me->conflict)
		r = err_set(e, ERR_FORBIDDEN, "conflict",
			    "ผู้พิจารณาที่แจ้งว่ามีส่วนได้เสียให้คะแนนคำขอนี้ไม่ได้ (%s)",
			    "a reviewer who declared a conflict of interest may not score it (%s)",
			    a->username);
	grant_list_release(&rl);
	if (r)
		return finish(db, r, e);
	app_iso_time(app_time(app), now);
	detail = json_object();
	for (size_t i = 0; i < n && !r; i++) {
		r = grant_score_put(db, id, a->username, scores[i].criterion, scores[i].score,
				    scores[i].comment, now, e);
		json_object_set_new(detail, scores[i].criterion, json_integer(scores[i].score));
	}
	if (!r)
		r = audit(app, db, a, "grant_app", id, g.area, "score",
			  json_pack("{s:s, s:O}", "reviewer", a->username, "scores", detail), e);
	json_decref(detail);
	return finish(db, r, e);
}

/* Complete reviews: reviewers without a conflict who scored every
 * criterion; *avg gets their mean total. */
static int count_reviews(struct db *db, int64_t id, int *complete, int *avg, struct err *e)
{
	struct grant_reviewer_list rl = { NULL, 0, 0 };
	struct grant_score_list sl = { NULL, 0, 0 };
	size_t nr;
	int r, sum = 0;

	grant_rubric(&nr);
	*complete = *avg = 0;
	if ((r = grant_reviewers(db, id, &rl, e)) || (r = grant_scores(db, id, &sl, e)))
		goto out;
	for (size_t i = 0; i < rl.n; i++) {
		size_t k = 0;
		int total = 0;
		if (rl.items[i].conflict)
			continue;
		for (size_t j = 0; j < sl.n; j++)
			if (!strcmp(sl.items[j].reviewer, rl.items[i].reviewer)) {
				k++;
				total += sl.items[j].score;
			}
		if (k == nr) {
			(*complete)++;
			sum += total;
		}
	}
	*avg = *complete ? (sum + *complete / 2) / *complete : 0;
out:
	grant_list_release(&rl);
	grant_list_release(&sl);
	return r;
}

int app_grant_decide(struct app *app, const struct actor *a, int64_t id, bool approve,
		     int64_t amount, const char *text, struct err *e)
{
	struct grant_call c;
	struct grant_app g;
	int complete, avg;
	int64_t committed;
	struct db *db;
	int r;

	if ((r = check_text(text, 1000, !approve, approve ? "conditions" : "reason", e)))
		return r;
	if ((r = step_begin(app, a, id, 'o', &db, &g, &c, e)))
		return r;
	if (strcmp(g.status, "under_review")) {
		r = err_set(e, ERR_CONFLICT, "status", "ตัดสินได้เฉพาะคำขอที่อยู่ระหว่างพิจารณา (สถานะ %s)",
			    "only an application under review can be decided (status %s)", g.status);
		return finish(db, r, e);
	}
	if ((r = count_reviews(db, id, &complete, &avg, e)))
		return finish(db, r, e);
	if (complete < c.min_reviews) {
		r = err_set(e, ERR_CONFLICT, "scores",
			    "ต้องมีผู้ให้คะแนนครบทุกเกณฑ์อย่างน้อย %d คน (มี %d คน)",
			    "a decision needs complete scores from at least %d reviewers (%d so far)",
			    c.min_reviews, complete);
		return finish(db, r, e);
	}
	g.decided_on = app_today(app);
	if (approve) {
		if (amount <= 0 || amount > g.requested) {
			r = err_set(e, ERR_INVALID, "amount",
				    "วงเงินอนุมัติต้องมากกว่าศูนย์และไม่เกินที่ขอ (%lld สตางค์)",
				    "the approved amount must be positive and at most the request (%lld satang)",
				    (long long)g.requested);
			return finish(db, r, e);
		}
		if ((r = grant_call_committed(db, c.id, &committed, e)))
			return finish(db, r, e);
		if (committed + amount > c.budget) {
			r = err_set(e, ERR_CONFLICT, "amount",
				    "งบประมาณของประกาศคงเหลือ %lld สตางค์ ไม่พอสำหรับวงเงินนี้",
				    "the call has %lld satang left, not enough for this amount",
				    (long long)(c.budget - committed));
			return finish(db, r, e);
		}
		g.approved = amount;
		snprintf(g.conditions, sizeof(g.conditions), "%s", S0(text));
	} else {
		snprintf(g.decision_note, sizeof(g.decision_note), "%s", text);
	}
	r = move(app, db, a, &g, approve ? "approve" : "decline", S0(text),
		 json_pack("{s:I, s:s, s:i, s:i}", "amount", (json_int_t)(approve ? amount : 0),
			   "text", S0(text), "reviews", complete, "average", avg),
		 e);
	return finish(db, r, e);
}

int app_grant_sign(struct app *app, const struct actor *a, int64_t id, const char *agreement_no,
		   const char *signed_on, const int64_t *tranches, size_t ntranches,
		   const char *idem_key, struct err *e)
{
	struct grant_call c;
	struct grant_app g;
	struct date on;
	char req[512], desc[700];
	int64_t sum = 0, found;
	bool done;
	struct db *db;
	int r;

	if ((r = check_text(agreement_no, 60, true, "agreement_no", e)) ||
	    (r = parse_date(app, signed_on, "signed_on", false, &on, e)))
		return r;
	if (!ntranches || ntranches > GRANT_MAX_TRANCHES)
		return err_set(e, ERR_INVALID, "tranches", "แผนการจ่ายเงินต้องมี 1 ถึง %d งวด",
			       "the tranche plan needs 1 to %d tranches", GRANT_MAX_TRANCHES);
	for (size_t i = 0; i < ntranches; i++) {
		if (tranches[i] <= 0 || tranches[i] > GRANT_LARGE_MAX)
			return err_set(e, ERR_INVALID, "tranches", "งวดที่ %zu ต้องมากกว่าศูนย์",
				       "tranche %zu must be more than zero", i + 1);
		sum += tranches[i];
	}
	snprintf(req, sizeof(req), "%lld|%s|%s|%lld|%zu", (long long)id, agreement_no,
		 S0(signed_on), (long long)sum, ntranches);
	if ((r = step_begin(app, a, id, 'o', &db, &g, &c, e)))
		return r;
	if ((r = idem_check(db, a, idem_key, "grant_sign", req, &done, &found, e)))
		return finish(db, r, e);
	if (done) {
		db_rollback(db);
		return 0;
	}
	if (strcmp(g.status, "approved")) {
		r = err_set(e, ERR_CONFLICT, "status", "ลงนามสัญญาได้เฉพาะโครงการที่อนุมัติแล้ว (สถานะ %s)",
			    "only an approved project can sign an agreement (status %s)", g.status);
		return finish(db, r, e);
	}
	if (sum != g.approved) {
		r = err_set(e, ERR_INVALID, "tranches",
			    "ยอดรวมของงวดเงินต้องเท่ากับวงเงินอนุมัติ %lld สตางค์",
			    "the tranches must add up to the approved %lld satang",
			    (long long)g.approved);
		return finish(db, r, e);
	}
	if (date_cmp(on, g.decided_on) < 0) {
		r = err_set(e, ERR_INVALID, "signed_on", "วันลงนามต้องไม่ก่อนวันอนุมัติ%s",
			    "the agreement cannot be signed before the decision%s", "");
		return finish(db, r, e);
	}
	snprintf(g.agreement_no, sizeof(g.agreement_no), "%s", agreement_no);
	g.signed_on = on;
	snprintf(desc, sizeof(desc), "สัญญา %.60s โครงการ %.300s (%.200s)", agreement_no, g.title, g.org_name);
	for (size_t i = 0; i < ntranches && !r; i++)
		r = grant_tranche_insert(db, id, (int)i + 1, tranches[i], e);
	if (!r)
		r = post2(app, db, a, c.area, on, desc, "grant_commit", id, GRANT_ACC_GRANTS,
			  GRANT_ACC_PAYABLE, g.approved, &g.commit_entry_id, e);
	if (!r)
		r = idem_save(app, db, a, idem_key, "grant_sign", req, id, e);
	if (!r)
		r = move(app, db, a, &g, "sign", agreement_no,
			 json_pack("{s:s, s:I, s:i, s:I}", "agreement_no", agreement_no, "amount",
				   (json_int_t)g.approved, "tranches", (int)ntranches, "entry",
				   (json_int_t)g.commit_entry_id),
			 e);
	return finish(db, r, e);
}

int app_grant_disburse(struct app *app, const struct actor *a, int64_t id, int no,
		       const char *paid_on, const char *idem_key, struct err *e)
{
	struct grant_tranche_list tl = { NULL, 0, 0 };
	const struct grant_tranche *t = NULL;
	struct grant_call c;
	struct grant_app g;
	struct date on;
	char req[256], desc[700];
	int64_t entry = 0, found;
	bool done;
	struct db *db;
	int r;

	if ((r = parse_date(app, paid_on, "paid_on", false, &on, e)))
		return r;
	snprintf(req, sizeof(req), "%lld|%d|%s", (long long)id, no, S0(paid_on));
	if ((r = step_begin(app, a, id, 'o', &db, &g, &c, e)))
		return r;
	if ((r = idem_check(db, a, idem_key, "grant_disburse", req, &done, &found, e)))
		return finish(db, r, e);
	if (done) {
		db_rollback(db);
		return 0;
	}
	/* No money moves before the agreement. */
	if (!g.signed_on.y || !grant_step_to("disburse", g.status)) {
		r = err_set(e, ERR_CONFLICT, "status",
			    "จ่ายเงินไม่ได้ก่อนลงนามสัญญา หรือหลังปิดโครงการ (สถานะ %s)",
			    "no disbursement before the agreement is signed or after closing (status %s)",
			    g.status);
		return finish(db, r, e);
	}
	if ((r = grant_tranches(db, id, &tl, e)))
		return finish(db, r, e);
	for (size_t i = 0; i < tl.n && !t; i++)
		if (!tl.items[i].paid_on.y)
			t = &tl.items[i];
	if (!t || t->no != no)
		r = t ? err_set(e, ERR_CONFLICT, "no", "งวดที่ต้องจ่ายถัดไปคืองวดที่ %d",
				"the next tranche to pay is number %d", t->no)
		      : err_set(e, ERR_CONFLICT, "no", "จ่ายครบทุกงวดแล้ว%s",
				"every tranche has been paid%s", "");
	else if (g.disbursed + t->amount > g.approved)
		r = err_set(e, ERR_CONFLICT, "no", "ยอดจ่ายจะเกินวงเงินอนุมัติ %lld สตางค์",
			    "the payment would exceed the approved %lld satang",
			    (long long)g.approved);
	else if (date_cmp(on, g.signed_on) < 0)
		r = err_set(e, ERR_INVALID, "paid_on", "วันจ่ายต้องไม่ก่อนวันลงนามสัญญา%s",
			    "a tranche cannot be paid before the agreement was signed%s", "");
	if (!r) {
		snprintf(desc, sizeof(desc), "จ่ายเงินงวดที่ %d สัญญา %s (%s)", no, g.agreement_no,
			 g.org_name);
		g.disbursed += t->amount;
		r = post2(app, db, a, c.area, on, desc, "grant_tranche", id, GRANT_ACC_PAYABLE,
			  GRANT_ACC_BANK, t->amount, &entry, e);
	}
	if (!r)
		r = grant_tranche_paid(db, id, no, on, entry, e);
	if (!r)
		r = idem_save(app, db, a, idem_key, "grant_disburse", req, entry, e);
	if (!r)
		r = move(app, db, a, &g, "disburse", "",
			 json_pack("{s:i, s:I, s:I, s:I}", "tranche", no, "amount",
				   (json_int_t)t->amount, "disbursed", (json_int_t)g.disbursed,
				   "entry", (json_int_t)entry),
			 e);
	grant_list_release(&tl);
	return finish(db, r, e);
}

int app_grant_report(struct app *app, const struct actor *a, int64_t id, const char *kind,
		     const char *report_on, const char *body, const int64_t *actual, size_t n,
		     int64_t *report_id, struct err *e)
{
	struct grant_indicator_list il = { NULL, 0, 0 };
	struct grant_report rep;
	struct grant_call c;
	struct grant_app g;
	char now[32];
	json_t *out;
	struct db *db;
	bool final;
	int r;

	*report_id = 0;
	memset(&rep, 0, sizeof(rep));
	if (!kind || (strcmp(kind, "progress") && strcmp(kind, "final")))
		return err_set(e, ERR_INVALID, "kind", "รายงานต้องเป็น progress หรือ final%s",
			       "the report must be progress or final%s", "");
	final = !strcmp(kind, "final");
	if ((r = check_text(body, BODY_MAX, true, "body", e)) ||
	    (r = parse_date(app, report_on, "report_on", false, &rep.report_on, e)))
		return r;
	if ((r = step_begin(app, a, id, 'a', &db, &g, &c, e)))
		return r;
	if ((r = grant_indicators(db, id, &il, e)))
		return finish(db, r, e);
	if (n > il.n || (final && n < il.n)) {
		r = err_set(e, ERR_INVALID, "outcomes",
			    "รายงานฉบับสมบูรณ์ต้องรายงานผลตัวชี้วัดครบ %zu ตัว",
			    "a final report gives the outcome of all %zu indicators", il.n);
		grant_list_release(&il);
		return finish(db, r, e);
	}
	out = json_array();
	for (size_t i = 0; i < n && !r; i++) {
		if (actual[i] < 0) {
			if (final)
				r = err_set(e, ERR_INVALID, "outcomes",
					    "กรุณารายงานผลตัวชี้วัดที่ %zu", "give indicator %zu's outcome",
					    i + 1);
			continue;
		}
		if (actual[i] > INT64_C(1000000000))
			r = err_set(e, ERR_INVALID, "outcomes", "ผลตัวชี้วัดที่ %zu มากเกินไป",
				    "indicator %zu's outcome is too large", i + 1);
		else if (!(r = grant_indicator_set_actual(db, id, il.items[i].line_no, actual[i], e)))
			json_array_append_new(out, json_pack("{s:i, s:I}", "line_no",
							     il.items[i].line_no, "actual",
							     (json_int_t)actual[i]));
	}
	grant_list_release(&il);
	if (!r && !grant_step_to(kind, g.status))
		r = err_set(e, ERR_CONFLICT, "status",
			    "รายงานผลได้เมื่อโครงการกำลังดำเนินการ (สถานะ %s)",
			    "reports are made while the project is in progress (status %s)", g.status);
	if (!r) {
		char *s = json_dumps(out, JSON_COMPACT);
		snprintf(rep.kind, sizeof(rep.kind), "%s", kind);
		snprintf(rep.body, sizeof(rep.body), "%s", body);
		snprintf(rep.outcomes, sizeof(rep.outcomes), "%s", s ? s : "[]");
		free(s);
		snprintf(rep.created_by, sizeof(rep.created_by), "%s", a->username);
		app_iso_time(app_time(app), now);
		r = grant_report_insert(db, id, &rep, now, report_id, e);
	}
	if (!r)
		r = move(app, db, a, &g, kind, "",
			 json_pack("{s:s, s:O, s:I}", "kind", kind, "outcomes", out, "report_id",
				   (json_int_t)*report_id),
			 e);
	json_decref(out);
	if (r)
		*report_id = 0;
	return finish(db, r, e);
}

int app_grant_close(struct app *app, const struct actor *a, int64_t id, const char *note,
		    struct err *e)
{
	struct grant_call c;
	struct grant_app g;
	struct db *db;
	int r;

	if ((r = check_text(note, TEXT_MAX, false, "note", e)))
		return r;
	if ((r = step_begin(app, a, id, 'o', &db, &g, &c, e)))
		return r;
	if (!strcmp(g.status, "reported") && g.disbursed != g.approved)
		r = err_set(e, ERR_CONFLICT, "status",
			    "ยังจ่ายเงินไม่ครบตามสัญญา (จ่ายแล้ว %lld จาก %lld สตางค์)",
			    "not every tranche is paid (%lld of %lld satang)", (long long)g.disbursed,
			    (long long)g.approved);
	else
		r = move(app, db, a, &g, "close", note, NULL, e);
	return finish(db, r, e);
}

int app_grant_award(struct app *app, const struct actor *a, int64_t id, const char *title,
		    const char *awarded_on, char cert_no[32], struct err *e)
{
	struct grant_award w;
	struct grant_call c;
	struct grant_app g;
	char now[32], prefix[32];
	int64_t n, award_id;
	struct db *db;
	int r;

	cert_no[0] = '\0';
	memset(&w, 0, sizeof(w));
	if ((r = check_text(title, 250, true, "title", e)) ||
	    (r = parse_date(app, awarded_on, "awarded_on", false, &w.awarded_on, e)))
		return r;
	if ((r = step_begin(app, a, id, 'o', &db, &g, &c, e)))
		return r;
	/* Awards go to completed projects only. */
	if (strcmp(g.status, "closed")) {
		r = err_set(e, ERR_CONFLICT, "status",
			    "มอบรางวัลได้เฉพาะโครงการที่ดำเนินการเสร็จและปิดแล้ว (สถานะ %s)",
			    "only a completed, closed project can be awarded (status %s)", g.status);
		return finish(db, r, e);
	}
	{
		struct grant_award have;
		r = grant_award_get(db, id, &have, e);
		if (!r)
			r = err_set(e, ERR_CONFLICT, "id", "โครงการนี้ได้รับรางวัลแล้ว (เลขที่ %s)",
				    "this project has already been awarded (number %s)", have.cert_no);
		else if (r == ERR_NOT_FOUND)
			r = 0;
		if (r)
			return finish(db, r, e);
		if (e)
			err_init(e);
	}
	grant_cert_no(c.area, date_be_year(w.awarded_on), 0, prefix);
	prefix[strlen(prefix) - 3] = '\0'; /* "56/2569/" */
	if ((r = grant_award_count(db, prefix, &n, e)))
		return finish(db, r, e);
	grant_cert_no(c.area, date_be_year(w.awarded_on), n + 1, w.cert_no);
	w.app_id = id;
	snprintf(w.title, sizeof(w.title), "%s", title);
	snprintf(w.created_by, sizeof(w.created_by), "%s", a->username);
	app_iso_time(app_time(app), now);
	if (!(r = grant_award_insert(db, &w, now, &award_id, e)))
		r = audit(app, db, a, "grant_app", id, g.area, "award",
			  json_pack("{s:s, s:s, s:I}", "title", title, "cert_no", w.cert_no,
				    "award_id", (json_int_t)award_id),
			  e);
	if (!(r = finish(db, r, e)))
		snprintf(cert_no, 32, "%s", w.cert_no);
	return r;
}

/* ------------------------------------------------------------- reading */

void grant_detail_release(struct grant_detail *d)
{
	grant_list_release(&d->lines);
	grant_list_release(&d->indicators);
	grant_list_release(&d->steps);
	grant_list_release(&d->reviewers);
	grant_list_release(&d->scores);
	grant_list_release(&d->tranches);
	grant_list_release(&d->reports);
}

int app_grant_get(struct app *app, const struct actor *a, int64_t id, struct grant_detail *out,
		  struct err *e)
{
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = grant_app_get(db, id, &out->app, e)))
		return r;
	if ((r = actor_check(a, PERM_READ, out->app.area, e)))
		return r;
	if ((r = grant_call_get(db, out->app.call_id, &out->call, e)) ||
	    (r = grant_lines(db, id, &out->lines, e)) ||
	    (r = grant_indicators(db, id, &out->indicators, e)) ||
	    (r = grant_steps(db, id, &out->steps, e)) ||
	    (r = grant_reviewers(db, id, &out->reviewers, e)) ||
	    (r = grant_scores(db, id, &out->scores, e)) ||
	    (r = grant_tranches(db, id, &out->tranches, e)) ||
	    (r = grant_reports(db, id, &out->reports, e)) ||
	    (r = count_reviews(db, id, &out->complete_reviews, &out->average, e)))
		goto fail;
	r = grant_award_get(db, id, &out->award, e);
	out->has_award = !r;
	if (r == ERR_NOT_FOUND) {
		if (e)
			err_init(e);
		r = 0;
	}
	if (!r)
		return 0;
fail:
	grant_detail_release(out);
	return r;
}

int app_grant_list(struct app *app, const struct actor *a, int64_t call_id, const char *area,
		   const char *status, int limit, int64_t offset, struct grant_app_list *out,
		   struct err *e)
{
	const char *where = empty(area) ? a->area : area;
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	if ((r = actor_check(a, PERM_READ, where, e)))
		return r;
	if (status && strlen(status) > 20)
		return err_set(e, ERR_INVALID, "status", "สถานะไม่ถูกต้อง%s", "invalid status%s", "");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	return grant_app_list(db, call_id, strcmp(where, "TH") ? where : "", S0(status),
			      limit > 0 && limit <= 1000 ? limit : 100, offset > 0 ? offset : 0, out,
			      e);
}

/* ------------------------------------------------------------- certificate */

/* "ให้ไว้ ณ วันที่ ๒๒ พฤศจิกายน พ.ศ. ๒๕๖๙" */
static void cert_date(struct date d, char *out, size_t size)
{
	struct buf b = BUF_INIT;
	const char *sp;

	date_format(d, DATE_LONG, DATE_THAI_DIGITS, &b, NULL);
	sp = strrchr(b.ptr, ' ');
	if (sp)
		snprintf(out, size, "ให้ไว้ ณ วันที่ %.*s พ.ศ. %s", (int)(sp - b.ptr), b.ptr, sp + 1);
	else
		snprintf(out, size, "ให้ไว้ ณ วันที่ %s", b.ptr);
	buf_release(&b);
}

int app_grant_certificate(struct app *app, const struct actor *a, int64_t id, struct buf *out,
			  struct err *e)
{
	struct pdf_opts o = { .title = "เกียรติบัตร", .author = "กองทุนส่งเสริมการจัดสวัสดิการสังคม",
			      .paper = PDF_A4_LANDSCAPE, .no_footer = true };
	struct grant_detail d;
	struct geo_area area;
	struct pdf *p = NULL;
	char channel[512], line[1400], date_line[160], no[64];
	struct db *db;
	double w, h;
	int r;

	if ((r = app_grant_get(app, a, id, &d, e)))
		return r;
	if (!d.has_award) {
		r = err_set(e, ERR_NOT_FOUND, "id", "โครงการนี้ยังไม่ได้รับรางวัล จึงไม่มีเกียรติบัตร%s",
			    "this project has no award, so no certificate%s", "");
		goto out;
	}
	if (!strcmp(d.call.area, "TH")) {
		snprintf(channel, sizeof(channel), "คณะกรรมการส่งเสริมการจัดสวัสดิการสังคมแห่งชาติ");
	} else {
		if (!(db = app_db(app, e))) {
			r = ERR_DB;
			goto out;
		}
		memset(&area, 0, sizeof(area));
		if ((r = geo_area_get(db, d.call.area, &area, e)))
			goto out;
		snprintf(channel, sizeof(channel),
			 "คณะอนุกรรมการบริหารกองทุนส่งเสริมการจัดสวัสดิการสังคมจังหวัด%s",
			 area.name_th);
		geo_area_release(&area);
	}
	if ((r = pdf_open(&p, &o, e)))
		goto out;
	pdf_page_size(p, &w, &h);
	pdf_new_page(p);
	/* Frame: a gold double border and a thin inner line. */
	pdf_color(p, 0xB08A2E);
	pdf_box(p, 22, 22, w - 44, h - 44, 4, PDF_DOUBLE);
	pdf_box(p, 40, 40, w - 80, h - 80, 0.6, 0);
	/* The certificate number, top right. */
	pdf_color(p, 0x444444);
	snprintf(no, sizeof(no), "เลขที่ %s", d.award.cert_no);
	pdf_text_at(p, w - 300, 54, 240, no, 13, PDF_RIGHT);
	/* The fund and its committee. */
	pdf_color(p, 0x1A3873);
	pdf_text_at(p, 60, 66, w - 120, "กองทุนส่งเสริมการจัดสวัสดิการสังคม", 22,
		    PDF_CENTER | PDF_BOLD);
	pdf_color(p, 0x333333);
	pdf_text_at(p, 60, 96, w - 120, channel, 16, PDF_CENTER);
	pdf_color(p, 0xB08A2E);
	pdf_text_at(p, 0, 128, w, "เกียรติบัตร", 52, PDF_CENTER | PDF_BOLD);
	pdf_color(p, 0x222222);
	pdf_text_at(p, 0, 214, w, "ให้ไว้เพื่อแสดงว่า", 20, PDF_CENTER);
	pdf_color(p, 0x1A3873);
	pdf_text_at(p, 70, 244, w - 140, d.app.org_name, 30, PDF_CENTER | PDF_BOLD);
	pdf_color(p, 0x222222);
	snprintf(line, sizeof(line), "ได้รับรางวัล%s", d.award.title);
	pdf_text_at(p, 90, 298, w - 180, line, 20, PDF_CENTER | PDF_BOLD);
	snprintf(line, sizeof(line), "จากการดำเนินโครงการ “%s” ตามสัญญาเลขที่ %s", d.app.title,
		 d.app.agreement_no);
	pdf_text_at(p, 90, 328, w - 180, line, 18, PDF_CENTER);
	pdf_text_at(p, 0, 382, w, "ขอให้มีความสุข ความเจริญ และเป็นแบบอย่างที่ดีสืบไป", 18,
		    PDF_CENTER);
	cert_date(d.award.awarded_on, date_line, sizeof(date_line));
	pdf_text_at(p, 0, 408, w, date_line, 18, PDF_CENTER);
	/* Signatures: the committee's chair on the right, its secretary on the left. */
	pdf_color(p, 0x444444);
	pdf_box(p, w * 0.68 - 110, 476, 220, 0.6, 0.6, 0);
	pdf_box(p, w * 0.32 - 110, 476, 220, 0.6, 0.6, 0);
	pdf_color(p, 0x222222);
	pdf_text_at(p, w * 0.68 - 160, 482, 320, "(                                              )\nประธานคณะกรรมการ", 15, PDF_CENTER);
	pdf_text_at(p, w * 0.32 - 160, 482, 320, "(                                              )\nเลขานุการคณะกรรมการ", 15, PDF_CENTER);
	r = pdf_finish(p, out, e);
out:
	pdf_free(p);
	grant_detail_release(&d);
	return r;
}

/* ------------------------------------------------------------- the report */

void grant_summary_release(struct grant_summary *s)
{
	free(s->areas);
	memset(s, 0, sizeof(*s));
}

static void sum_add(struct grant_sum *s, const struct grant_app *g)
{
	s->apps++;
	s->requested += g->requested;
	if (g->approved && strcmp(g->status, "declined")) {
		s->approved_n++;
		s->approved += g->approved;
	}
	s->disbursed += g->disbursed;
}

/* A province's row while the report is made, with its region. */
struct prov_row {
	struct grant_sum s;
	char region[16];
};

static int cmp_prov(const void *x, const void *y)
{
	const struct prov_row *a = x, *b = y;

	return strcmp(a->s.code, b->s.code);
}

static void sum_merge(struct grant_sum *to, const struct grant_sum *from)
{
	to->apps += from->apps;
	to->approved_n += from->approved_n;
	to->requested += from->requested;
	to->approved += from->approved;
	to->disbursed += from->disbursed;
}

int app_grant_summary(struct app *app, const struct actor *a, const char *area, int year,
		      struct grant_summary *out, struct err *e)
{
	const char *where = empty(area) ? a->area : area;
	struct grant_app_list l = { NULL, 0, 0 };
	struct geo_region_list regions = GEO_REGION_LIST_INIT;
	struct prov_row *pv = NULL;
	size_t npv = 0, cappv = 0;
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	if ((r = actor_check(a, PERM_READ, where, e)))
		return r;
	if (year && (year < 2000 || year > 2200))
		return err_set(e, ERR_INVALID, "year", "ปีไม่ถูกต้อง (%d)", "invalid year (%d)", year);
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = grant_app_list(db, 0, strcmp(where, "TH") ? where : "", "", 100000, 0, &l, e)) ||
	    (r = geo_regions(db, &regions, e)))
		goto out;
	snprintf(out->total.code, sizeof(out->total.code), "%s", where);
	for (int t = GRANT_TIER_SMALL; t < GRANT_TIER_COUNT; t++) {
		struct grant_sum *s = &out->tiers[t - 1];
		snprintf(s->code, sizeof(s->code), "%s", grant_tier_code(t));
		snprintf(s->name_th, sizeof(s->name_th), "%s", grant_tier_name(t, true));
		snprintf(s->name_en, sizeof(s->name_en), "%s", grant_tier_name(t, false));
	}
	for (int i = 0; i < 4; i++) {
		struct grant_sum *s = &out->groups[i];
		snprintf(s->code, sizeof(s->code), "%s", target_group_code(1u << i));
		snprintf(s->name_th, sizeof(s->name_th), "%s", target_group_name(1u << i, true));
		snprintf(s->name_en, sizeof(s->name_en), "%s", target_group_name(1u << i, false));
	}
	for (size_t i = 0; i < l.n && !r; i++) {
		const struct grant_app *g = &l.items[i];
		struct prov_row *p = NULL;
		unsigned groups = 0;
		int t;

		if (!strcmp(g->status, "draft") || (year && g->call_year != year))
			continue;
		sum_add(&out->total, g);
		if ((t = grant_tier_parse(g->tier)) > 0)
			sum_add(&out->tiers[t - 1], g);
		grant_groups_parse(g->target_groups, &groups, NULL);
		for (int k = 0; k < 4; k++)
			if (groups & (1u << k))
				sum_add(&out->groups[k], g);
		if (!g->province[0])
			continue;
		for (size_t k = 0; k < npv && !p; k++)
			if (!strcmp(pv[k].s.code, g->province))
				p = &pv[k];
		if (!p) {
			struct geo_area ga;
			memset(&ga, 0, sizeof(ga));
			if ((r = geo_area_get(db, g->province, &ga, e)))
				break;
			ALLOC_GROW(pv, npv + 1, cappv);
			p = &pv[npv++];
			memset(p, 0, sizeof(*p));
			snprintf(p->s.code, sizeof(p->s.code), "%s", g->province);
			p->s.level = GEO_PROVINCE;
			snprintf(p->s.name_th, sizeof(p->s.name_th), "%s", ga.name_th);
			snprintf(p->s.name_en, sizeof(p->s.name_en), "%s", ga.name_en ? ga.name_en : "");
			snprintf(p->region, sizeof(p->region), "%s", ga.region);
			geo_area_release(&ga);
		}
		sum_add(&p->s, g);
	}
	if (r)
		goto out;
	if (npv)
		qsort(pv, npv, sizeof(pv[0]), cmp_prov);
	/* Each region with provinces in it, in the regions' order, then its provinces. */
	out->areas = xcalloc(npv + regions.n + 1, sizeof(out->areas[0]));
	for (size_t k = 0; k < regions.n; k++) {
		struct grant_sum *reg = NULL;
		for (size_t i = 0; i < npv; i++) {
			if (strcmp(pv[i].region, regions.items[k].code))
				continue;
			if (!reg) {
				reg = &out->areas[out->nareas++];
				snprintf(reg->code, sizeof(reg->code), "%s", regions.items[k].code);
				reg->level = -1;
				snprintf(reg->name_th, sizeof(reg->name_th), "%s",
					 regions.items[k].name_th);
				snprintf(reg->name_en, sizeof(reg->name_en), "%s",
					 regions.items[k].name_en ? regions.items[k].name_en : "");
			}
			sum_merge(reg, &pv[i].s);
			out->areas[out->nareas++] = pv[i].s;
		}
	}
	snprintf(out->total.name_th, sizeof(out->total.name_th), "%s",
		 strcmp(where, "TH") ? "รวมทั้งพื้นที่" : "ทั้งประเทศ");
	snprintf(out->total.name_en, sizeof(out->total.name_en), "%s",
		 strcmp(where, "TH") ? "Whole area" : "Whole country");
out:
	free(pv);
	grant_list_release(&l);
	geo_region_list_release(&regions);
	if (r)
		grant_summary_release(out);
	return r;
}

static int xlsx_rows(struct sheet_book *b, const struct grant_sum *rows, size_t n, bool thai,
		     bool bold_regions)
{
	for (size_t i = 0; i < n; i++) {
		char apps[24], nap[24], req[24], ap[24], dis[24];
		struct slice cells[7];
		const struct grant_sum *s = &rows[i];
		snprintf(apps, sizeof(apps), "%lld", (long long)s->apps);
		snprintf(nap, sizeof(nap), "%lld", (long long)s->approved_n);
		snprintf(req, sizeof(req), "%lld", (long long)s->requested);
		snprintf(ap, sizeof(ap), "%lld", (long long)s->approved);
		snprintf(dis, sizeof(dis), "%lld", (long long)s->disbursed);
		cells[0] = slice_of(s->code);
		cells[1] = slice_of(thai || !s->name_en[0] ? s->name_th : s->name_en);
		cells[2] = slice_of(apps);
		cells[3] = slice_of(nap);
		cells[4] = slice_of(req);
		cells[5] = slice_of(ap);
		cells[6] = slice_of(dis);
		sheet_book_row(b, cells, 7, bold_regions && s->level <= 0 ? SHEET_BOLD : 0);
	}
	return 0;
}

int app_grant_summary_xlsx(const struct grant_summary *s, bool thai, struct buf *out,
			   struct err *e)
{
	const struct sheet_col cols[] = {
		{ thai ? "รหัส" : "Code", SHEET_TEXT, 14 },
		{ thai ? "ชื่อ" : "Name", SHEET_TEXT, 40 },
		{ thai ? "คำขอ" : "Applications", SHEET_INT, 10 },
		{ thai ? "อนุมัติ" : "Approved", SHEET_INT, 10 },
		{ thai ? "ขอ (บาท)" : "Requested (baht)", SHEET_MONEY, 16 },
		{ thai ? "อนุมัติ (บาท)" : "Approved (baht)", SHEET_MONEY, 16 },
		{ thai ? "จ่ายแล้ว (บาท)" : "Disbursed (baht)", SHEET_MONEY, 16 },
	};
	struct sheet_book *b;
	int r;

	if ((r = sheet_book_open(&b, NULL, e)))
		return r;
	sheet_book_sheet(b, thai ? "ตามพื้นที่" : "By area");
	sheet_book_text(b, thai ? "กองทุนส่งเสริมการจัดสวัสดิการสังคม: โครงการตามพื้นที่"
				: "Social Welfare Promotion Fund: grants by area", SHEET_BOLD);
	sheet_book_table(b, cols, 7);
	xlsx_rows(b, &s->total, 1, thai, true);
	xlsx_rows(b, s->areas, s->nareas, thai, true);
	sheet_book_sheet(b, thai ? "ตามขนาด" : "By tier");
	sheet_book_table(b, cols, 7);
	xlsx_rows(b, s->tiers, GRANT_TIER_COUNT - 1, thai, false);
	sheet_book_sheet(b, thai ? "ตามกลุ่มเป้าหมาย" : "By target group");
	sheet_book_table(b, cols, 7);
	xlsx_rows(b, s->groups, 4, thai, false);
	r = sheet_book_finish(b, out, e);
	sheet_book_free(b);
	return r;
}

/* ------------------------------------------------------------- demo */

static int demo_org(struct app *app, struct db *db, const struct actor *sys, const char *kind,
		    const char *name, const char *area, const char *cert, int64_t *id,
		    struct err *e)
{
	struct org_query q = { area, kind, name, "active", { 0, 0, 0 }, 50, 0 };
	struct org_list have = { NULL, 0, 0 };
	struct org o;
	char now[32];
	int r;

	/* The network's demo may have made it already: use that one. */
	if ((r = org_search(db, &q, &have, e)))
		return r;
	*id = 0;
	for (size_t i = 0; i < have.n && !*id; i++)
		if (!strcmp(have.items[i].name_th, name) && !strcmp(have.items[i].area, area))
			*id = have.items[i].id;
	org_list_release(&have);
	if (*id)
		return 0;
	memset(&o, 0, sizeof(o));
	snprintf(o.kind, sizeof(o.kind), "%s", kind);
	snprintf(o.name_th, sizeof(o.name_th), "%s", name);
	snprintf(o.area, sizeof(o.area), "%s", area);
	snprintf(o.cert_no, sizeof(o.cert_no), "%s", cert);
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if (!(r = org_insert(db, &o, sys->username, now, id, e)))
		r = audit(app, db, sys, "org", *id, area, "create",
			  json_pack("{s:s, s:s, s:s}", "kind", kind, "name_th", name, "area", area), e);
	return finish(db, r, e);
}

static int demo_apply(struct app *app, const struct actor *sys, int64_t call, int64_t org,
		      const char *title, const char *groups, const char *pillar,
		      const struct grant_line *lines, size_t nlines, int64_t *id, struct err *e)
{
	static const struct grant_indicator ind[] = {
		{ 1, "ผู้สูงอายุและผู้ด้อยโอกาสที่ได้รับการดูแล", "คน", 120, false, 0 },
		{ 2, "อาสาสมัครในชุมชนที่ผ่านการอบรม", "คน", 30, false, 0 },
	};
	struct grant_app_in in = { call, org, NULL, title,
				   "โครงการจากเวทีประชาคมตำบล ดูแลกลุ่มเปราะบางโดยชุมชนเป็นเจ้าของ",
				   groups, pillar, lines, nlines, ind, ARRAY_SIZE(ind) };

	return app_grant_apply(app, sys, &in, id, e);
}

int app_grant_demo(struct app *app, struct err *e)
{
	static const struct grant_line rice[] = {
		{ 1, "ค่าเมล็ดพันธุ์ข้าวและยุ้งฉางชุมชน", 2500000 },
		{ 2, "ค่าอบรมอาสาสมัครดูแลผู้สูงอายุ", 1200000 },
		{ 3, "ค่าติดตามและสรุปบทเรียน", 800000 },
	};
	static const struct grant_line care[] = {
		{ 1, "ค่าอุปกรณ์ดูแลผู้ป่วยติดเตียง", 9500000 },
		{ 2, "ค่าตอบแทนผู้ดูแลในชุมชน 12 เดือน", 7200000 },
		{ 3, "ค่าบริหารจัดการโครงการ", 1300000 },
	};
	static const struct grant_line youth[] = {
		{ 1, "ค่าค่ายเยาวชนจิตอาสา", 2000000 },
		{ 2, "ค่าวัสดุกิจกรรม", 800000 },
	};
	struct grant_call_list cl = { NULL, 0, 0 };
	struct grant_score sc[5];
	struct actor sys;
	struct date today;
	char opens[16], closes[16], cert[32];
	int64_t o1, o2, o3, call, a1, a2, a3, a4, plan[2] = { 2700000, 1800000 }, rid;
	int64_t actual[2] = { 134, 32 };
	size_t nr;
	const struct grant_criterion *rub = grant_rubric(&nr);
	struct db *db;
	int r;

	actor_system(&sys);
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = grant_call_list(db, "56", &cl, e)))
		return r;
	for (size_t i = 0; i < cl.n; i++)
		if (!strcmp(cl.items[i].area, "56") &&
		    starts_with(cl.items[i].title, "ประกาศรับข้อเสนอโครงการกองทุนส่งเสริม"))
			r = 1;
	grant_list_release(&cl);
	if (r)
		return 0; /* made by an earlier run */
	today = app_today(app);
	{
		struct date d;
		date_add_days(today, -60, &d, NULL);
		iso(d, opens);
		date_add_days(today, 45, &d, NULL);
		iso(d, closes);
	}
	{
		char title[400];
		snprintf(title, sizeof(title),
			 "ประกาศรับข้อเสนอโครงการกองทุนส่งเสริมการจัดสวัสดิการสังคม จังหวัดพะเยา ปี %d",
			 date_be_year(today));
		struct grant_call_in ci = { GRANT_CHANNEL_PROVINCIAL, "56", title, today.y, opens,
					    closes, INT64_C(200000000), "small,medium", 1 };
		if ((r = demo_org(app, db, &sys, "community_welfare", "องค์กรสวัสดิการชุมชนตำบลเวียง",
				  "560101", "", &o1, e)) ||
		    (r = demo_org(app, db, &sys, "local_government", "เทศบาลตำบลแม่ต๋ำ", "560102", "",
				  &o2, e)) ||
		    (r = demo_org(app, db, &sys, "elderly_club", "ชมรมผู้สูงอายุบ้านตุ่น", "560105",
				  "พย 0012/2565", &o3, e)) ||
		    (r = app_grant_call_add(app, &sys, &ci, NULL, &call, e)))
			return r;
	}
	for (size_t i = 0; i < nr && i < 5; i++)
		sc[i] = (struct grant_score){ "", "", "", rub[i].max - 3 };
	for (size_t i = 0; i < nr && i < 5; i++)
		snprintf(sc[i].criterion, sizeof(sc[i].criterion), "%s", rub[i].code);
	/* One project from application to award. */
	if ((r = demo_apply(app, &sys, call, o1, "ธนาคารข้าวเพื่อผู้สูงอายุและผู้ด้อยโอกาส",
			    "elderly,disadvantaged", "partnership", rice, ARRAY_SIZE(rice), &a1, e)) ||
	    (r = app_grant_submit(app, &sys, a1, e)) ||
	    (r = app_grant_screen(app, &sys, a1, true, true, "เอกสารครบถ้วน", e)) ||
	    (r = app_grant_review(app, &sys, a1, e)) ||
	    (r = app_grant_declare(app, &sys, a1, false, "", e)) ||
	    (r = app_grant_score(app, &sys, a1, sc, nr < 5 ? nr : 5, e)) ||
	    (r = app_grant_decide(app, &sys, a1, true, INT64_C(4500000), "รายงานผลทุกไตรมาส", e)) ||
	    (r = app_grant_sign(app, &sys, a1, "พย.กสส. 1/2569", NULL, plan, 2, NULL, e)) ||
	    (r = app_grant_disburse(app, &sys, a1, 1, NULL, NULL, e)) ||
	    (r = app_grant_report(app, &sys, a1, "progress", NULL, "ดำเนินการรวบรวมข้าวรอบแรกแล้ว",
				  NULL, 0, &rid, e)) ||
	    (r = app_grant_report(app, &sys, a1, "final", NULL,
				  "ธนาคารข้าวดูแลผู้สูงอายุ 134 คน อาสาสมัคร 32 คนผ่านการอบรม",
				  actual, 2, &rid, e)) ||
	    (r = app_grant_disburse(app, &sys, a1, 2, NULL, NULL, e)) ||
	    (r = app_grant_close(app, &sys, a1, "", e)) ||
	    (r = app_grant_award(app, &sys, a1, "โครงการดีเด่นด้านการจัดสวัสดิการสังคม", NULL, cert,
				 e)))
		return r;
	/* Others at earlier stages. */
	if ((r = demo_apply(app, &sys, call, o2, "ศูนย์ดูแลผู้สูงอายุติดเตียงโดยชุมชน", "elderly",
			    "services", care, ARRAY_SIZE(care), &a2, e)) ||
	    (r = app_grant_submit(app, &sys, a2, e)) ||
	    (r = app_grant_screen(app, &sys, a2, true, true, "", e)) ||
	    (r = app_grant_review(app, &sys, a2, e)) ||
	    (r = demo_apply(app, &sys, call, o3, "ค่ายเยาวชนจิตอาสาดูแลผู้สูงวัย",
			    "child_youth,elderly", "partnership", youth, ARRAY_SIZE(youth), &a3, e)) ||
	    (r = app_grant_submit(app, &sys, a3, e)) ||
	    (r = demo_apply(app, &sys, call, o1, "กองทุนยาและเวชภัณฑ์ชุมชน", "disadvantaged",
			    "assistance", youth, 1, &a4, e)))
		return r;
	return 0;
}

/* ------------------------------------------------------- the channels' books */

int app_grant_book(struct app *app, const struct actor *a, const char *area,
		   struct ledger_book *out, struct err *e)
{
	struct db *db;
	int64_t book = 0;
	int r;

	memset(out, 0, sizeof(*out));
	if (empty(area) || (strcmp(area, "TH") && (!geo_code_valid(area) ||
						   geo_level(area) != GEO_PROVINCE)))
		return err_set(e, ERR_INVALID, "area",
			       "ช่องทางของกองทุนคือ TH (ส่วนกลาง) หรือรหัสจังหวัด ไม่ใช่ \"%.16s\"",
			       "a channel is TH (national) or a province's code, not \"%.16s\"",
			       S0(area));
	if ((r = actor_check(a, PERM_READ, area, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = grant_book_get(db, area, &book, e)))
		return r;
	if (!book)
		return err_set(e, ERR_NOT_FOUND, "area",
			       "ช่องทาง %s ยังไม่มีสมุดบัญชี: เปิดเมื่อมีประกาศรับข้อเสนอครั้งแรก",
			       "the channel %s has no books yet: they open with its first call", area);
	return app_ledger_book(app, a, book, out, e);
}
