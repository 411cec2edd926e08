/*
 * Pages of the community welfare funds (app/fund), for a treasurer who is
 * not technical, on a phone or an old PC: the funds of an area with the
 * area's yearly roll-up; a fund's dashboard with its branches, committee and
 * bank accounts; members and their standing; the collection sheet of the
 * monthly meeting; printable receipts; claims from submission to payment;
 * matching money, other income and expenses; and the statute. The ledger's
 * pages are in web/ledger.c.
 *
 * The use cases decide who may see and change what; a page only lays out
 * what they return, and shows forms only to roles that may write there
 * (the use case checks again). Every form POSTs with the CSRF token; forms
 * that move money carry an idempotency key made when the form was
 * rendered, so a double submit acts once. A POST that succeeds redirects
 * (?done= picks a notice from a fixed set); one that fails shows the page
 * again with the message next to the field and what was typed; 403 and 404
 * get the error page.
 *
 * Dates are shown in the Buddhist Era in Thai (C.E. in English) and typed
 * as B.E. d/m/yyyy or ISO; money is shown in baht with Thai grouping and
 * typed in baht (money_parse).
 */
#include "web/fund.h"
#include "app/geo.h"
#include "app/person.h"
#include "core/date.h"
#include "core/geo.h"
#include "core/money.h"
#include "core/person.h"
#include "web/svg.h"

#define LIST_PAGE 50
#define FUND_PAGE 50
/* A collection sheet lists at most this many members (a branch, or a
 * whole fund without branches), as app_fund_sheet gives. */
#define SHEET_MAX 1000

/* ---- small helpers ---- */

static void put_s(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, json_string(S(v)));
}

static void put_i(json_t *o, const char *k, int64_t v)
{
	json_object_set_new(o, k, json_integer((json_int_t)v));
}

static void put_b(json_t *o, const char *k, bool v)
{
	json_object_set_new(o, k, json_boolean(v));
}

static const char *money(struct http_req *req, int64_t satang)
{
	return web_money_text(req, satang, 0);
}

/* An amount for an input's value: 30.00, "" for 0. */
static const char *money_input(struct http_req *req, int64_t satang)
{
	return satang > 0 ? web_money_text(req, satang, MONEY_NO_GROUPING) : "";
}

/* An amount typed in baht (money_parse), with a message a treasurer can act
 * on when it does not read as one. */
static int parse_amount(const char *typed, const char *field, int64_t *satang, struct err *e)
{
	if (!money_parse(typed, satang, field, NULL))
		return 0;
	*satang = 0;
	if (!typed || !*typed)
		return err_set(e, ERR_INVALID, field, "กรุณาใส่จำนวนเงิน%s", "enter the amount%s", "");
	return err_set(e, ERR_INVALID, field,
		       "ใส่จำนวนเงินเป็นตัวเลข เช่น 30 หรือ 1,250.50 (ไม่ใช่ \"%s\")",
		       "type the amount in figures, e.g. 30 or 1,250.50 (not \"%s\")", typed);
}

static const char *date_text(struct http_req *req, struct date d)
{
	return web_date_text(req, d, DATE_MEDIUM);
}

const char *web_fund_iso(struct http_req *req, struct date d)
{
	return d.y ? arena_printf(req->arena, "%04d-%02d-%02d", d.y, d.m, d.d) : "";
}

/* A link with one id in it: href(req, "/funds/%lld", id). */
#define href(req, fmt, id) arena_printf((req)->arena, fmt, (long long)(id))

/* A code and its English label (the msgid): the label in the page's language. */
struct label {
	const char *code;
	const char *en;
};

static const char *label_of(struct http_req *req, const struct label *l, size_t n,
			    const char *code)
{
	size_t i;

	for (i = 0; code && i < n; i++)
		if (!strcmp(l[i].code, code))
			return web_tr(req, l[i].en);
	return S(code);
}

/* Select options [{code, name, selected}]. */
static json_t *options(struct http_req *req, const struct label *l, size_t n,
		       const char *selected)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "code", l[i].code, "name",
						   web_tr(req, l[i].en), "selected",
						   selected && !strcmp(selected, l[i].code)));
	return a;
}

static const struct label member_statuses[] = {
	{ "joined", "Enrolled" },	{ "reinstated", "Reinstated" },
	{ "active", "In good standing" }, { "in_arrears", "In arrears" },
	{ "suspended", "Suspended" },	{ "resigned", "Resigned" },
	{ "deceased", "Deceased" },	{ "transferred", "Transferred" },
};

static const struct label claim_statuses[] = {
	{ "submitted", "Submitted" }, { "checked", "Checked" }, { "approved", "Approved" },
	{ "rejected", "Rejected" },   { "paid", "Paid" },
};

static const struct label committee_roles[] = {
	{ "chair", "Chair" },	       { "vice_chair", "Vice chair" },
	{ "treasurer", "Treasurer" },  { "secretary", "Secretary" },
	{ "auditor", "Auditor" },      { "member", "Committee member" },
};

static const struct label methods[] = {
	{ "cash", "Cash" },
	{ "transfer", "Bank transfer" },
};

static const struct label pledge_sources[] = {
	{ "local_gov", "Local government" },
	{ "central_gov", "Central government (CODI)" },
	{ "other", "Other" },
};

static const struct label income_kinds[] = {
	{ "local_gov", "Matching money from local government" },
	{ "central_gov", "Matching money from central government (CODI)" },
	{ "other_match", "Other matching money" },
	{ "donation", "Donation" },
	{ "interest", "Interest" },
	{ "other", "Other income" },
};

static const struct label expense_kinds[] = {
	{ "admin", "Administration" },
	{ "other", "Other expense" },
	{ "transfer", "Transfer between cash and bank" },
};

static const struct label relations[] = {
	{ "spouse", "Spouse" },	  { "child", "Child" },	      { "parent", "Parent" },
	{ "sibling", "Sibling" }, { "grandchild", "Grandchild" }, { "relative", "Relative" },
	{ "other", "Other" },
};

/* The notices of redirects after a POST, chosen by ?done=. */
static const struct label notices[] = {
	{ "created", "The fund was created." },
	{ "saved", "Changes saved." },
	{ "branch", "Branch added." },
	{ "committee", "Committee member added." },
	{ "bank", "Bank account added." },
	{ "enrolled", "Member enrolled." },
	{ "paid", "Payment recorded." },
	{ "ended", "Membership ended." },
	{ "transferred", "Member transferred to the other fund." },
	{ "voided", "Receipt voided." },
	{ "claim", "Claim submitted." },
	{ "step", "Claim updated." },
	{ "claim_paid", "Claim paid." },
	{ "pledge", "Pledge recorded." },
	{ "income", "Income recorded." },
	{ "expense", "Expense recorded." },
	{ "closed", "The period was closed." },
	{ "reversed", "The entry was reversed." },
	{ "statute", "The new statute version was saved." },
};

/* ---- shared with web/ledger.c (web/fund.h) ---- */

void web_fund_not_found(struct http_req *req, struct http_resp *resp, const struct actor *who,
			const char *token)
{
	struct err e;

	err_init(&e);
	err_set(&e, ERR_NOT_FOUND, NULL, "ไม่พบหน้า %s", "no page at %s", req->path);
	web_error(req, resp, &e, who, token);
}

bool web_fund_fatal(const struct err *e)
{
	return e->code == ERR_FORBIDDEN || e->code == ERR_NOT_FOUND || e->code == ERR_UNAUTH ||
	       e->code == ERR_DB || e->code == ERR_INTERNAL || e->code == ERR_IO;
}

bool web_fund_load(struct http_req *req, struct http_resp *resp, const struct actor *who,
		   const char *token, int64_t id, struct fund *f)
{
	struct face *fa = req->app;
	struct err e;

	err_init(&e);
	memset(f, 0, sizeof(*f));
	if (!id) {
		web_fund_not_found(req, resp, who, token);
		return false;
	}
	if (app_fund_get(fa->app, who, id, f, &e)) {
		web_error(req, resp, &e, who, token);
		return false;
	}
	return true;
}

static json_t *fund_json(struct http_req *req, const struct actor *who, const struct fund *f)
{
	json_t *o = json_object();

	put_i(o, "id", f->id);
	put_s(o, "href", href(req, "/funds/%lld", f->id));
	put_s(o, "name", f->name);
	put_s(o, "area", f->area);
	put_s(o, "area_name", web_area_label(req, who, f->area));
	put_s(o, "reg_no", f->reg_no);
	put_s(o, "founded", date_text(req, f->founded_on));
	put_s(o, "founded_be", web_form_date(req, f->founded_on));
	put_b(o, "juristic", f->juristic);
	put_s(o, "juristic_no", f->juristic_no);
	put_s(o, "address", f->address);
	put_s(o, "phone", f->phone);
	put_s(o, "closed_through", date_text(req, f->closed_through));
	put_i(o, "members_active", f->members_active);
	return o;
}

json_t *web_fund_ctx(struct http_req *req, const struct actor *who, const struct fund *f,
		     const char *section, const char *title)
{
	static const struct label tabs[] = {
		{ "overview", "Overview" }, { "members", "Members" },
		{ "collect", "Collection sheet" }, { "claims", "Claims" },
		{ "income", "Income" },	    { "expenses", "Expenses" },
		{ "ledger", "Ledger" },	    { "statute", "Statute" },
	};
	struct face *fa = req->app;
	const char *done = http_query(req, "done");
	json_t *ctx = json_object(), *t = json_array();
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tabs); i++) {
		const char *h = i == 0 ? href(req, "/funds/%lld", f->id)
				       : arena_printf(req->arena, "/funds/%lld/%s", (long long)f->id,
						      tabs[i].code);

		json_array_append_new(t, json_pack("{s:s, s:s, s:b}", "href", h, "label",
						   web_tr(req, tabs[i].en), "current",
						   !strcmp(section, tabs[i].code)));
	}
	put_b(ctx, "nav_funds", true);
	put_s(ctx, "title", arena_printf(req->arena, "%s · %s", title, f->name));
	put_s(ctx, "heading", title);
	json_object_set_new(ctx, "fund", fund_json(req, who, f));
	json_object_set_new(ctx, "tabs", t);
	put_b(ctx, "can_write", !actor_check(who, PERM_WRITE, f->area, NULL));
	put_s(ctx, "today_be", web_form_date(req, app_today(fa->app)));
	if (done)
		for (i = 0; i < ARRAY_SIZE(notices); i++)
			if (!strcmp(done, notices[i].code))
				put_s(ctx, "notice", web_tr(req, notices[i].en));
	return ctx;
}

/* ctx[a][b] as an object, created when missing. */
static json_t *sub(json_t *ctx, const char *a, const char *b)
{
	json_t *o = json_object_get(ctx, a), *p;

	if (!o) {
		o = json_object();
		json_object_set_new(ctx, a, o);
	}
	if (!b)
		return o;
	p = json_object_get(o, b);
	if (!p) {
		p = json_object();
		json_object_set_new(o, b, p);
	}
	return p;
}

void web_fund_form_error(struct http_req *req, struct http_resp *resp, json_t *ctx,
			 const char *form, const char *const *fields, size_t n,
			 const struct err *e)
{
	const char *msg = web_en(req) ? e->en : e->th;
	json_t *v = sub(ctx, "v", form);
	bool placed = false;
	size_t i;

	resp->status = err_http_status(e->code);
	put_b(sub(ctx, "open", NULL), form, true);
	for (i = 0; i < n; i++) {
		put_s(v, fields[i], http_form(req, fields[i]));
		if (!placed && !strcmp(e->field, fields[i])) {
			put_s(sub(ctx, "errors", form), fields[i], msg);
			placed = true;
		}
	}
	put_s(sub(ctx, "alerts", NULL), form,
	      placed ? web_tr(req, "Please correct the marked field.") : msg);
}

json_t *web_fund_money_accounts(struct http_req *req, const struct actor *who, int64_t fund_id,
				int64_t selected)
{
	struct face *fa = req->app;
	struct account_list l = { 0 };
	json_t *a = json_array();
	size_t i;

	if (app_ledger_accounts(fa->app, who, fund_id, &l, NULL))
		return a;
	for (i = 0; i < l.n; i++) {
		const struct account *ac = &l.items[i];

		if (!ac->cash)
			continue;
		json_array_append_new(
			a, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)ac->id, "name",
				     arena_printf(req->arena, "%s · %s %s",
						  web_en(req) && *ac->name_en ? ac->name_en : ac->name_th,
						  money(req, ac->balance), web_tr(req, "baht")),
				     "selected", ac->id == selected));
	}
	account_list_release(&l);
	return a;
}

int web_fund_query_date(const char *s, const char *field, struct date *d, struct err *e)
{
	memset(d, 0, sizeof(*d));
	if (!s || !*s)
		return 0;
	if (date_parse(s, 0, d, field, e)) {
		memset(d, 0, sizeof(*d));
		return e->code;
	}
	return 0;
}

/* A member's status as the lists show it: active members in arrears or
 * suspended show that instead. Returns the code. */
static const char *member_state(const struct member *m)
{
	if (strcmp(m->status, "active"))
		return m->status;
	if (m->standing.suspended)
		return "suspended";
	if (m->standing.in_arrears)
		return "in_arrears";
	return "active";
}

static json_t *member_json(struct http_req *req, const struct member *m)
{
	const char *state = member_state(m);
	json_t *o = json_object();

	put_i(o, "id", m->id);
	put_s(o, "href", href(req, "/funds/members/%lld", m->id));
	put_i(o, "member_no", m->member_no);
	put_s(o, "name", m->name);
	put_i(o, "person_id", m->person_id);
	put_s(o, "person_href", href(req, "/persons/%lld", m->person_id));
	put_s(o, "national_id", web_nid_text(req, m->national_id));
	put_s(o, "joined", date_text(req, m->joined_on));
	put_s(o, "state", state);
	put_s(o, "state_name", label_of(req, member_statuses, ARRAY_SIZE(member_statuses), state));
	put_b(o, "ok", !strcmp(state, "active"));
	put_b(o, "warn", !strcmp(state, "in_arrears") || !strcmp(state, "suspended"));
	put_b(o, "is_active", !strcmp(m->status, "active"));
	put_i(o, "months_unpaid", m->standing.months_unpaid);
	put_s(o, "paid", money(req, m->standing.paid));
	put_s(o, "due", money(req, m->standing.due));
	put_s(o, "balance", money(req, m->standing.balance));
	put_b(o, "behind", m->standing.balance < 0);
	put_s(o, "owed", money(req, m->standing.balance < 0 ? -m->standing.balance : 0));
	put_s(o, "paid_through", date_text(req, m->standing.paid_through));
	put_s(o, "due_now", money(req, m->due_now));
	return o;
}

/* The statute in force today (the latest version effective on or before
 * it, else the first). Returns false when it cannot be read. */
static bool current_statute(struct http_req *req, const struct actor *who, int64_t fund_id,
			    struct fund_statute *s, struct err *e)
{
	struct face *fa = req->app;
	struct statute_list l = { 0 };
	struct date today = app_today(fa->app);
	const struct statute_row *use = NULL;
	size_t i;
	bool ok = false;

	if (app_fund_statutes(fa->app, who, fund_id, &l, e))
		return false;
	for (i = 0; i < l.n; i++)
		if (!use || date_cmp(l.items[i].effective_from, today) <= 0)
			use = &l.items[i];
	if (use && use->rules && !fund_statute_parse(use->rules, strlen(use->rules), s, e))
		ok = true;
	statute_list_release(&l);
	return ok;
}

/* Every version of the fund's statute, oldest first (*v malloc'd, caller
 * frees); 0 when none can be read. */
static size_t statute_versions(struct http_req *req, const struct actor *who, int64_t fund_id,
			       struct statute_version **v)
{
	struct face *fa = req->app;
	struct statute_list l = { 0 };
	size_t i, n = 0;

	*v = NULL;
	if (app_fund_statutes(fa->app, who, fund_id, &l, NULL))
		return 0;
	*v = xcalloc(l.n ? l.n : 1, sizeof(**v));
	for (i = 0; i < l.n; i++)
		if (l.items[i].rules &&
		    !fund_statute_parse(l.items[i].rules, strlen(l.items[i].rules), &(*v)[n].s, NULL))
			(*v)[n++].effective = l.items[i].effective_from;
	statute_list_release(&l);
	return n;
}

/* What a member owes for the month of date alone (the rest of what they owe
 * is arrears): the dues to date less the dues to the month before. */
static int64_t month_due(const struct statute_version *v, size_t n, const struct member *m,
			 struct date on)
{
	struct date before;

	if (!n || date_add_days((struct date){ on.y, on.m, 1 }, -1, &before, NULL))
		return 0;
	return fund_dues(v, n, m->joined_on, on) - fund_dues(v, n, m->joined_on, before);
}

static const char *benefit_name(struct http_req *req, const struct fund_statute *s,
				const char *code)
{
	const struct benefit_rule *b = s ? fund_benefit(s, code) : NULL;

	if (!b)
		return code;
	return web_en(req) && *b->name_en ? b->name_en : b->name_th;
}

/* ---- the funds of an area, with the area's roll-up ---- */

static const char *fund_fields[] = { "area",	    "name",    "reg_no", "founded_on",
				     "juristic",    "juristic_no", "address", "phone" };

/* A year typed as B.E. (2568) or C.E. (2025); 0 when it is neither. */
static int parse_year(const char *s)
{
	long y;
	char *end = NULL;

	if (!s || !*s)
		return 0;
	y = strtol(s, &end, 10);
	if (*end)
		return 0;
	if (y > 2400 && y < 2700)
		return (int)(y - 543);
	return y >= 1900 && y < 2200 ? (int)y : 0;
}

static int year_shown(struct http_req *req, int y)
{
	return web_en(req) ? y : y + 543;
}

/* The cash and bank money of a fund (the sum of its cash accounts). */
static int64_t fund_money(struct http_req *req, const struct actor *who, int64_t fund_id)
{
	struct face *fa = req->app;
	struct account_list l = { 0 };
	int64_t sum = 0;
	size_t i;

	if (app_ledger_accounts(fa->app, who, fund_id, &l, NULL))
		return 0;
	for (i = 0; i < l.n; i++)
		if (l.items[i].cash)
			sum += l.items[i].balance;
	account_list_release(&l);
	return sum;
}

static json_t *rollup_json(struct http_req *req, const struct fund_rollup_row *r, int year,
			   bool link)
{
	json_t *o = json_object();

	put_s(o, "area", r->area);
	put_s(o, "name", web_area_name(req, r->name_th, r->name_en));
	if (link)
		put_s(o, "href", arena_printf(req->arena, "/funds?area=%s&year=%d", r->area,
					      year_shown(req, year)));
	put_i(o, "funds", r->funds);
	put_i(o, "members", r->members);
	put_s(o, "money", money(req, r->money));
	put_s(o, "contributions", money(req, r->contributions));
	put_s(o, "matching", money(req, r->matching));
	put_s(o, "benefits", money(req, r->benefits));
	put_i(o, "helped_members", r->helped_members);
	put_i(o, "helped_nonmembers", r->helped_nonmembers);
	return o;
}

/* The roll-up of area for a year: by child area, or for the nation by region
 * when by_region. */
static void add_rollup(struct http_req *req, const struct actor *who, json_t *ctx,
		       const char *area, int year, bool by_region)
{
	struct face *fa = req->app;
	struct fund_rollup r = { 0 };
	struct svg_bar *bars;
	struct buf chart = BUF_INIT;
	json_t *rows;
	size_t i;

	if (by_region ? app_fund_rollup_regions(fa->app, who, year, &r, NULL)
		      : app_fund_rollup(fa->app, who, area, year, &r, NULL))
		return;
	rows = json_array();
	bars = xcalloc(r.n ? r.n : 1, sizeof(*bars));
	for (i = 0; i < r.n; i++) {
		const struct fund_rollup_row *row = &r.rows[i];

		json_array_append_new(rows, rollup_json(req, row, year, strcmp(row->area, area) != 0));
		bars[i].label = web_area_name(req, row->name_th, row->name_en);
		bars[i].value = row->money / 100;
		bars[i].value_text = money(req, row->money);
	}
	if (r.n) {
		svg_bars(&chart, web_tr(req, "Fund money by area (baht)"), bars, r.n);
		put_s(ctx, "rollup_chart", chart.ptr);
	}
	json_object_set_new(ctx, "rollup", rows);
	json_object_set_new(ctx, "rollup_total", rollup_json(req, &r.total, year, false));
	put_b(ctx, "has_rollup", r.n > 0);
	free(bars);
	buf_release(&chart);
	fund_rollup_release(&r);
}

/* A region's name in the page's language, or NULL when code is not one the
 * actor may see. */
static const char *region_name(struct http_req *req, const struct actor *who, const char *code)
{
	struct face *fa = req->app;
	struct geo_region_list l = GEO_REGION_LIST_INIT;
	const char *name = NULL;
	size_t i;

	if (app_regions(fa->app, who, &l, NULL))
		return NULL;
	for (i = 0; i < l.n; i++)
		if (!strcmp(l.items[i].code, code))
			name = arena_strdup(req->arena,
					    web_area_name(req, l.items[i].name_th, l.items[i].name_en));
	geo_region_list_release(&l);
	return name;
}

/* The way down from the user's scope to area (not included), each: href, name. */
static json_t *fund_crumbs(struct http_req *req, const struct actor *who, const char *area,
			   int year)
{
	static const size_t lens[] = { 2, 4, 6 };
	size_t own = strcmp(who->area, "TH") ? strlen(who->area) : 0, i;
	json_t *a = json_array();

	if (!strcmp(area, who->area))
		return a;
	json_array_append_new(a, json_pack("{s:s, s:s}", "href",
					   arena_printf(req->arena, "/funds?year=%d",
							year_shown(req, year)),
					   "name", web_area_label(req, who, who->area)));
	for (i = 0; i < ARRAY_SIZE(lens) && geo_level(area) > 0; i++)
		if (lens[i] > own && lens[i] < strlen(area)) {
			const char *code = arena_strndup(req->arena, area, lens[i]);

			json_array_append_new(
				a, json_pack("{s:s, s:s}", "href",
					     arena_printf(req->arena, "/funds?area=%s&year=%d", code,
							  year_shown(req, year)),
					     "name", web_area_label(req, who, code)));
		}
	return a;
}

static void render_funds(struct http_req *req, struct http_resp *resp, const struct actor *who,
			 const char *token, const struct err *fe)
{
	struct face *fa = req->app;
	struct fund_list l = { 0 };
	const char *area = http_query(req, "area"), *by = S(http_query(req, "by"));
	int64_t offset = web_parse_id(http_query(req, "offset"));
	struct date today = app_today(fa->app);
	int year = parse_year(http_query(req, "year"));
	const char *rname = NULL;
	bool nation, by_region;
	struct err e;
	json_t *ctx, *rows, *crumbs;
	size_t i;

	err_init(&e);
	if (!area || !*area)
		area = who->area;
	if (!year)
		year = today.y;
	nation = !strcmp(area, "TH");
	by_region = nation && !strcmp(by, "region");
	/* A region groups provinces: it has a roll-up but no list of its own. */
	if (geo_level(area) < 0 && !nation) {
		if (!(rname = region_name(req, who, area))) {
			err_set(&e, ERR_NOT_FOUND, "area", "ไม่พบพื้นที่ %.20s", "no area %.20s", area);
			web_error(req, resp, &e, who, token);
			return;
		}
	} else if (app_fund_list(fa->app, who, area, &l, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	ctx = json_object();
	put_b(ctx, "nav_funds", true);
	put_s(ctx, "title", web_tr(req, "Community welfare funds"));
	put_s(ctx, "area", area);
	put_s(ctx, "area_name", rname ? rname : web_area_label(req, who, area));
	put_i(ctx, "year", year_shown(req, year));
	put_i(ctx, "count", (int64_t)l.n);
	put_b(ctx, "is_region", rname != NULL);
	if (nation && !strcmp(who->area, "TH")) {
		put_b(ctx, "nation", true);
		put_b(ctx, "by_region", by_region);
		put_s(ctx, "by_province_href",
		      arena_printf(req->arena, "/funds?area=TH&year=%d", year_shown(req, year)));
		put_s(ctx, "by_region_href",
		      arena_printf(req->arena, "/funds?area=TH&by=region&year=%d",
				   year_shown(req, year)));
	}
	crumbs = fund_crumbs(req, who, area, year);
	put_b(ctx, "has_crumbs", json_array_size(crumbs) > 0);
	json_object_set_new(ctx, "crumbs", crumbs);
	rows = json_array();
	for (i = (size_t)offset; i < l.n && i < (size_t)offset + FUND_PAGE; i++) {
		const struct fund *f = &l.items[i];
		json_t *o = json_object();

		put_s(o, "href", href(req, "/funds/%lld", f->id));
		put_s(o, "name", f->name);
		put_s(o, "area_name", *f->area_name ? (web_en(req) ? web_area_label(req, who, f->area)
								  : f->area_name)
						    : web_area_label(req, who, f->area));
		put_i(o, "members", f->members_active);
		put_s(o, "money", money(req, fund_money(req, who, f->id)));
		json_array_append_new(rows, o);
	}
	json_object_set_new(ctx, "funds", rows);
	put_b(ctx, "has_funds", l.n > 0);
	if ((size_t)offset + FUND_PAGE < l.n)
		put_s(ctx, "next_href", arena_printf(req->arena, "/funds?area=%s&year=%d&offset=%lld",
						     area, year_shown(req, year),
						     (long long)(offset + FUND_PAGE)));
	if (offset > 0)
		put_s(ctx, "prev_href",
		      arena_printf(req->arena, "/funds?area=%s&year=%d&offset=%lld", area,
				   year_shown(req, year),
				   (long long)(offset > FUND_PAGE ? offset - FUND_PAGE : 0)));
	fund_list_release(&l);
	add_rollup(req, who, ctx, area, year, by_region);
	if (role_can(who->role, PERM_WRITE)) {
		int level = geo_level(who->area);

		put_b(ctx, "can_add", true);
		put_s(sub(ctx, "v", "fund"), "area",
		      level == GEO_TAMBON ? who->area : (geo_level(area) == GEO_TAMBON ? area : ""));
	}
	if (fe)
		web_fund_form_error(req, resp, ctx, "fund", fund_fields, ARRAY_SIZE(fund_fields), fe);
	web_page(req, resp, "fund_list", ctx, who, token);
}

static void web_funds(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_funds(req, resp, &who, token, NULL);
}

static void fund_in_of_form(struct http_req *req, struct fund_in *in)
{
	memset(in, 0, sizeof(*in));
	in->area = S(http_form(req, "area"));
	in->name = S(http_form(req, "name"));
	in->reg_no = S(http_form(req, "reg_no"));
	in->founded_on = S(http_form(req, "founded_on"));
	in->juristic = http_form(req, "juristic") != NULL;
	in->juristic_no = S(http_form(req, "juristic_no"));
	in->address = S(http_form(req, "address"));
	in->phone = S(http_form(req, "phone"));
}

static void web_fund_create(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	struct fund_in in;
	struct actor who;
	const char *token;
	int64_t id = 0;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	fund_in_of_form(req, &in);
	if (app_fund_add(fa->app, &who, &in, &id, &e)) {
		if (web_fund_fatal(&e) && e.code != ERR_NOT_FOUND)
			web_error(req, resp, &e, &who, token);
		else
			render_funds(req, resp, &who, token, &e);
		return;
	}
	http_redirect(req, resp, href(req, "/funds/%lld?done=created", id));
}

/* ---- a fund's dashboard, with its branches, committee and bank accounts ---- */

static const char *branch_fields[] = { "name", "area" };
static const char *committee_fields[] = { "person_id", "role", "term_start", "term_end" };
static const char *bank_fields[] = { "bank", "branch", "account_no", "account_name", "opened_on" };

/* Rows of counts with a bar each (pct of the largest), for the small
 * bar charts of the dashboard: the labels stay HTML text, readable at any
 * width, and each bar is a one-rectangle SVG. */
static json_t *count_rows(struct http_req *req, const char *const *labels, const int64_t *v,
			  size_t n)
{
	json_t *a = json_array();
	int64_t max = 1;
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:I, s:I}", "name", web_tr(req, labels[i]),
						   "count", (json_int_t)v[i], "pct",
						   (json_int_t)(v[i] > 0 ? v[i] * 100 / max : 0)));
	return a;
}

static json_t *money_rows(struct http_req *req, const char *const *labels, const int64_t *v,
			  size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "name", web_tr(req, labels[i]),
						   "amount", money(req, v[i])));
	return a;
}

static void add_dashboard(struct http_req *req, const struct actor *who, json_t *ctx,
			  const struct fund *f, struct date asof)
{
	static const char *const statuses[] = { "Active, in good standing", "In arrears",
						"Suspended", "Resigned or transferred",
						"Deceased" };
	static const char *const groups[] = { "Children and youth", "Working age", "Elderly",
					      "Disabled and disadvantaged" };
	static const char *const ins[] = { "Contributions and joining fees", "Matching money",
					   "Donations", "Other income" };
	static const char *const outs[] = { "Benefits to members", "Aid to non-members",
					    "Administration and other expenses" };
	struct face *fa = req->app;
	struct fund_dashboard *d = xcalloc(1, sizeof(*d));
	struct err e;
	json_t *o, *b;
	int64_t in = 0, out = 0;
	int i;

	err_init(&e);
	if (app_fund_dashboard(fa->app, who, f->id, asof, d, &e)) {
		put_s(ctx, "dashboard_error", web_en(req) ? e.en : e.th);
		free(d);
		return;
	}
	o = json_object();
	put_s(o, "asof", web_date_text(req, d->asof, DATE_LONG));
	put_s(o, "asof_iso", web_fund_iso(req, d->asof));
	put_i(o, "active", d->members[0] + d->members[1] + d->members[2]);
	put_i(o, "in_arrears", d->members[1]);
	put_i(o, "behind", d->members[1] + d->members[2]);
	put_i(o, "suspended", d->members[2]);
	put_s(o, "money", money(req, d->money));
	put_s(o, "payable", money(req, d->payable));
	put_b(o, "has_payable", d->payable > 0);
	put_i(o, "claims_open", d->claims_open);
	put_s(o, "arrears_total", money(req, d->arrears_total));
	json_object_set_new(o, "statuses", count_rows(req, statuses, d->members, 5));
	json_object_set_new(o, "groups", count_rows(req, groups, d->groups, 4));
	json_object_set_new(o, "year_in", money_rows(req, ins, d->year_in, 4));
	json_object_set_new(o, "year_out", money_rows(req, outs, d->year_out, 3));
	for (i = 0; i < 4; i++)
		in += d->year_in[i];
	for (i = 0; i < 3; i++)
		out += d->year_out[i];
	put_s(o, "in_total", money(req, in));
	put_s(o, "out_total", money(req, out));
	put_i(o, "year", year_shown(req, d->asof.y));
	b = json_array();
	for (i = 0; i < d->nbenefits; i++)
		if (d->benefits[i].count)
			json_array_append_new(
			b, json_pack("{s:s, s:I, s:s}", "name",
				     web_en(req) && *d->benefits[i].name_en ? d->benefits[i].name_en
									    : d->benefits[i].name_th,
				     "count", (json_int_t)d->benefits[i].count, "amount",
				     money(req, d->benefits[i].amount)));
	json_object_set_new(o, "benefits", b);
	/* The administration-cost check against the statute's limit. */
	put_s(o, "admin", money(req, d->year_admin));
	put_s(o, "admin_income", money(req, d->year_income));
	put_s(o, "admin_limit", arena_printf(req->arena, "%d.%02d", d->admin_limit_bp / 100,
					     d->admin_limit_bp % 100));
	if (d->year_income > 0) {
		int64_t bp = d->year_admin * 10000 / d->year_income;

		put_s(o, "admin_share", arena_printf(req->arena, "%lld.%02lld", (long long)(bp / 100),
						     (long long)(bp % 100)));
	}
	put_b(o, "admin_over", d->admin_over);
	json_object_set_new(ctx, "dash", o);
	free(d);
}

static void add_branches(struct http_req *req, const struct actor *who, json_t *ctx,
			 int64_t fund_id)
{
	struct face *fa = req->app;
	struct fund_branch_list l = { 0 };
	json_t *a = json_array();
	size_t i;

	if (!app_fund_branches(fa->app, who, fund_id, &l, NULL)) {
		for (i = 0; i < l.n; i++)
			json_array_append_new(
				a, json_pack("{s:I, s:s, s:s, s:s, s:I, s:s}", "id",
					     (json_int_t)l.items[i].id, "name", l.items[i].name, "area",
					     l.items[i].area, "area_name",
					     web_area_label(req, who, l.items[i].area), "members",
					     (json_int_t)l.items[i].members, "collect_href",
					     arena_printf(req->arena, "/funds/%lld/collect?branch=%lld",
							  (long long)fund_id,
							  (long long)l.items[i].id)));
		fund_branch_list_release(&l);
	}
	put_b(ctx, "has_branches", json_array_size(a) > 0);
	json_object_set_new(ctx, "branches", a);
}

static void add_committee(struct http_req *req, const struct actor *who, json_t *ctx,
			  int64_t fund_id)
{
	struct face *fa = req->app;
	struct committee_list l = { 0 };
	json_t *a = json_array();
	size_t i;

	if (!app_fund_committee(fa->app, who, fund_id, app_today(fa->app), &l, NULL)) {
		for (i = 0; i < l.n; i++) {
			const struct committee_member *c = &l.items[i];

			json_array_append_new(
				a, json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", c->name, "href",
					     href(req, "/persons/%lld", c->person_id), "role",
					     label_of(req, committee_roles,
						      ARRAY_SIZE(committee_roles), c->role),
					     "term_start", date_text(req, c->term_start), "term_end",
					     date_text(req, c->term_end)));
		}
		committee_list_release(&l);
	}
	json_object_set_new(ctx, "committee", a);
}

static void add_banks(struct http_req *req, const struct actor *who, json_t *ctx,
		      int64_t fund_id)
{
	struct face *fa = req->app;
	struct bank_account_list l = { 0 };
	json_t *a = json_array();
	size_t i;

	if (!app_fund_banks(fa->app, who, fund_id, &l, NULL)) {
		for (i = 0; i < l.n; i++) {
			const struct bank_account *b = &l.items[i];

			json_array_append_new(
				a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "bank", b->bank,
					     "branch", b->branch, "account_no", b->account_no,
					     "account_name", b->account_name, "opened",
					     date_text(req, b->opened_on), "balance",
					     money(req, b->balance), "closed", b->closed_on.y != 0));
		}
		bank_account_list_release(&l);
	}
	put_b(ctx, "has_banks", json_array_size(a) > 0);
	json_object_set_new(ctx, "banks", a);
}

static void render_fund(struct http_req *req, struct http_resp *resp, const struct actor *who,
			const char *token, int64_t id, const char *form, const char *const *fields,
			size_t nfields, const struct err *fe)
{
	struct face *fa = req->app;
	struct date asof;
	struct fund f;
	struct err e;
	json_t *ctx, *v;

	err_init(&e);
	if (!web_fund_load(req, resp, who, token, id, &f))
		return;
	ctx = web_fund_ctx(req, who, &f, "overview", web_tr(req, "Overview"));
	put_s(ctx, "heading", f.name);
	put_s(ctx, "eyebrow", web_tr(req, "Community welfare fund"));
	put_b(ctx, "overview", true);
	if (web_fund_query_date(http_query(req, "date"), "date", &asof, &e))
		put_s(ctx, "date_error", web_en(req) ? e.en : e.th);
	if (!asof.y)
		asof = app_today(fa->app);
	put_s(ctx, "date_input", S(http_query(req, "date")));
	add_dashboard(req, who, ctx, &f, asof);
	add_branches(req, who, ctx, id);
	add_committee(req, who, ctx, id);
	add_banks(req, who, ctx, id);
	json_object_set_new(ctx, "roles",
			    options(req, committee_roles, ARRAY_SIZE(committee_roles), "member"));
	/* The details form starts from the record. */
	v = sub(ctx, "v", "details");
	put_s(v, "name", f.name);
	put_s(v, "reg_no", f.reg_no);
	put_s(v, "founded_on", web_form_date(req, f.founded_on));
	put_b(v, "juristic", f.juristic);
	put_s(v, "juristic_no", f.juristic_no);
	put_s(v, "address", f.address);
	put_s(v, "phone", f.phone);
	if (form && fe)
		web_fund_form_error(req, resp, ctx, form, fields, nfields, fe);
	if (form && fe && !strcmp(form, "details"))
		put_b(v, "juristic", http_form(req, "juristic") != NULL);
	web_page(req, resp, "fund", ctx, who, token);
}

static void web_fund(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_fund(req, resp, &who, token, web_parse_id(req->params[0]), NULL, NULL, 0, NULL);
}

/* After a form of the dashboard: back to it, or the dashboard again with the
 * form's error. */
static void after_fund_form(struct http_req *req, struct http_resp *resp,
			    const struct actor *who, const char *token, int64_t id, int rc,
			    const struct err *e, const char *form, const char *const *fields,
			    size_t n, const char *done)
{
	if (!rc) {
		http_redirect(req, resp,
			      arena_printf(req->arena, "/funds/%lld?done=%s#%s", (long long)id, done,
					   form));
		return;
	}
	if (web_fund_fatal(e))
		web_error(req, resp, e, who, token);
	else
		render_fund(req, resp, who, token, id, form, fields, n, e);
}

static void web_fund_update(struct http_req *req, struct http_resp *resp)
{
	static const char *fields[] = { "name",	       "reg_no",  "founded_on", "juristic",
					"juristic_no", "address", "phone" };
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct fund_in in;
	struct fund f;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!web_fund_load(req, resp, &who, token, id, &f))
		return;
	fund_in_of_form(req, &in);
	in.area = f.area; /* a fund stays in its tambon */
	rc = app_fund_update(fa->app, &who, id, &in, &e);
	after_fund_form(req, resp, &who, token, id, rc, &e, "details", fields, ARRAY_SIZE(fields),
			"saved");
}

static void web_fund_branch_add(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), bid = 0;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	rc = app_fund_branch_add(fa->app, &who, id, S(http_form(req, "area")),
				 S(http_form(req, "name")), &bid, &e);
	after_fund_form(req, resp, &who, token, id, rc, &e, "branch", branch_fields,
			ARRAY_SIZE(branch_fields), "branch");
}

static void web_fund_committee_add(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), cid = 0;
	int64_t person = web_parse_id(http_form(req, "person_id"));
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	if (!person)
		rc = err_set(&e, ERR_INVALID, "person_id", "กรุณาใส่เลขทะเบียนบุคคล (ตัวเลข)%s",
			     "enter the person's record number%s", "");
	else
		rc = app_fund_committee_add(fa->app, &who, id, person, S(http_form(req, "role")),
					    S(http_form(req, "term_start")),
					    S(http_form(req, "term_end")), &cid, &e);
	/* An unknown person is a typing slip here, not a missing page. */
	if (rc == ERR_NOT_FOUND && !strcmp(e.field, "person_id"))
		e.code = ERR_INVALID;
	after_fund_form(req, resp, &who, token, id, rc, &e, "committee", committee_fields,
			ARRAY_SIZE(committee_fields), "committee");
}

static void web_fund_bank_add(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), bid = 0;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	rc = app_fund_bank_add(fa->app, &who, id, S(http_form(req, "bank")),
			       S(http_form(req, "branch")), S(http_form(req, "account_no")),
			       S(http_form(req, "account_name")), S(http_form(req, "opened_on")),
			       &bid, &e);
	after_fund_form(req, resp, &who, token, id, rc, &e, "bank", bank_fields,
			ARRAY_SIZE(bank_fields), "bank");
}

/* ---- members ---- */

static void web_fund_members(struct http_req *req, struct http_resp *resp)
{
	static const char *const filters[] = { "active",   "in_arrears", "suspended",
					       "resigned", "deceased",	 "transferred" };
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	int64_t offset = web_parse_id(http_query(req, "offset"));
	int64_t branch = web_parse_id(http_query(req, "branch"));
	const char *status = S(http_query(req, "status"));
	struct member_list l = { 0 };
	struct member_query q;
	struct fund_branch_list bl = { 0 };
	struct actor who;
	const char *token;
	struct fund f;
	struct err e;
	json_t *ctx, *rows, *tabs, *bs;
	size_t i;
	bool known = !*status;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!web_fund_load(req, resp, &who, token, id, &f))
		return;
	for (i = 0; i < ARRAY_SIZE(filters); i++)
		known |= !strcmp(status, filters[i]);
	if (!known)
		status = "";
	memset(&q, 0, sizeof(q));
	q.fund_id = id;
	q.status = status;
	q.branch_id = branch;
	q.asof = app_today(fa->app);
	q.limit = LIST_PAGE + 1;
	q.offset = offset;
	if (app_member_list(fa->app, &who, &q, &l, &e)) {
		web_error(req, resp, &e, &who, token);
		return;
	}
	ctx = web_fund_ctx(req, &who, &f, "members", web_tr(req, "Members"));
	rows = json_array();
	for (i = 0; i < l.n && i < LIST_PAGE; i++)
		json_array_append_new(rows, member_json(req, &l.items[i]));
	json_object_set_new(ctx, "members", rows);
	put_b(ctx, "has_members", json_array_size(rows) > 0);
	put_i(ctx, "first", offset + 1);
	put_i(ctx, "last", offset + (int64_t)json_array_size(rows));
	tabs = json_array();
	json_array_append_new(tabs, json_pack("{s:s, s:s, s:b}", "href",
					      arena_printf(req->arena, "/funds/%lld/members?branch=%lld",
							   (long long)id, (long long)branch),
					      "label", web_tr(req, "All"), "current", !*status));
	for (i = 0; i < ARRAY_SIZE(filters); i++)
		json_array_append_new(
			tabs, json_pack("{s:s, s:s, s:b}", "href",
					arena_printf(req->arena,
						     "/funds/%lld/members?status=%s&branch=%lld",
						     (long long)id, filters[i], (long long)branch),
					"label",
					/* The filter "active" is every current member. */
					!strcmp(filters[i], "active")
						? web_tr(req, "Current members")
						: label_of(req, member_statuses,
							   ARRAY_SIZE(member_statuses), filters[i]),
					"current", !strcmp(status, filters[i])));
	json_object_set_new(ctx, "filters", tabs);
	put_s(ctx, "status", status);
	bs = json_array();
	if (!app_fund_branches(fa->app, &who, id, &bl, NULL)) {
		for (i = 0; i < bl.n; i++)
			json_array_append_new(bs, json_pack("{s:I, s:s, s:b}", "id",
							    (json_int_t)bl.items[i].id, "name",
							    bl.items[i].name, "selected",
							    bl.items[i].id == branch));
		fund_branch_list_release(&bl);
	}
	put_b(ctx, "has_branches", json_array_size(bs) > 0);
	json_object_set_new(ctx, "branch_options", bs);
	if (l.n > LIST_PAGE)
		put_s(ctx, "next_href",
		      arena_printf(req->arena, "/funds/%lld/members?status=%s&branch=%lld&offset=%lld",
				   (long long)id, status, (long long)branch,
				   (long long)(offset + LIST_PAGE)));
	if (offset > 0)
		put_s(ctx, "prev_href",
		      arena_printf(req->arena, "/funds/%lld/members?status=%s&branch=%lld&offset=%lld",
				   (long long)id, status, (long long)branch,
				   (long long)(offset > LIST_PAGE ? offset - LIST_PAGE : 0)));
	member_list_release(&l);
	web_page(req, resp, "fund_members", ctx, &who, token);
}

static const char *member_fields[] = { "person_id",	    "national_id",
				       "joined_on",	    "branch_id",
				       "beneficiary_name", "beneficiary_person_id",
				       "beneficiary_relation", "method" };

static json_t *branch_options(struct http_req *req, const struct actor *who, int64_t fund_id,
			      int64_t selected)
{
	struct face *fa = req->app;
	struct fund_branch_list bl = { 0 };
	json_t *bs = json_array();
	size_t i;

	if (!app_fund_branches(fa->app, who, fund_id, &bl, NULL)) {
		for (i = 0; i < bl.n; i++)
			json_array_append_new(bs, json_pack("{s:I, s:s, s:b}", "id",
							    (json_int_t)bl.items[i].id, "name",
							    bl.items[i].name, "selected",
							    bl.items[i].id == selected));
		fund_branch_list_release(&bl);
	}
	return bs;
}

static void render_member_new(struct http_req *req, struct http_resp *resp,
			      const struct actor *who, const char *token, const struct fund *f,
			      const struct err *fe)
{
	int64_t branch = web_parse_id(fe ? http_form(req, "branch_id") : http_query(req, "branch"));
	json_t *ctx = web_fund_ctx(req, who, f, "members", web_tr(req, "Enrol a member"));
	json_t *v = sub(ctx, "v", "member");
	json_t *bs = branch_options(req, who, f->id, branch);

	put_b(ctx, "has_branches", json_array_size(bs) > 0);
	json_object_set_new(ctx, "branch_options", bs);
	json_object_set_new(ctx, "relations",
			    options(req, relations, ARRAY_SIZE(relations),
				    fe ? http_form(req, "beneficiary_relation") : "child"));
	json_object_set_new(ctx, "methods",
			    options(req, methods, ARRAY_SIZE(methods),
				    fe ? http_form(req, "method") : "cash"));
	put_s(ctx, "idem", fe ? S(http_form(req, "idem")) : web_idem_key(req));
	put_s(v, "joined_on", json_string_value(json_object_get(ctx, "today_be")));
	put_s(v, "person_id", S(http_query(req, "person")));
	if (fe)
		web_fund_form_error(req, resp, ctx, "member", member_fields,
				    ARRAY_SIZE(member_fields), fe);
	web_page(req, resp, "fund_member_new", ctx, who, token);
}

static void web_fund_member_new(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;
	struct fund f;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!web_fund_load(req, resp, &who, token, web_parse_id(req->params[0]), &f))
		return;
	render_member_new(req, resp, &who, token, &f, NULL);
}

/* The registry person a form names: a record number, or else a national ID
 * looked up in the registry (field names the input). */
static int person_of_form(struct http_req *req, const struct actor *who, const char *id_field,
			  const char *nid_field, int64_t *person, struct err *e)
{
	struct face *fa = req->app;
	const char *typed = S(http_form(req, id_field)), *nid = S(http_form(req, nid_field));
	struct person_list l = PERSON_LIST_INIT;
	struct person_query q;
	char digits[16];
	size_t n = 0;
	const char *p;

	*person = web_parse_id(typed);
	if (*person)
		return 0;
	if (*typed)
		return err_set(e, ERR_INVALID, id_field, "เลขทะเบียนบุคคลเป็นตัวเลข%s",
			       "a person's record number is a number%s", "");
	for (p = nid; *p && n < sizeof(digits) - 1; p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	digits[n] = '\0';
	if (!*nid)
		return err_set(e, ERR_INVALID, id_field,
			       "กรุณาใส่เลขทะเบียนบุคคล หรือเลขประจำตัวประชาชน%s",
			       "enter the person's record number or national ID%s", "");
	if (n != 13)
		return err_set(e, ERR_INVALID, nid_field, "เลขประจำตัวประชาชนมี 13 หลัก%s",
			       "a national ID has 13 digits%s", "");
	memset(&q, 0, sizeof(q));
	q.national_id = digits;
	q.today = app_today(fa->app);
	q.limit = 2;
	if (app_person_search(fa->app, who, &q, &l, e))
		return e->code;
	if (l.n != 1) {
		person_list_release(&l);
		return err_set(e, ERR_INVALID, nid_field,
			       "ไม่พบผู้มีเลขประจำตัวประชาชนนี้ในทะเบียน ลงทะเบียนบุคคลก่อน%s",
			       "no one in the registry has this national ID; register the person first%s",
			       "");
	}
	*person = l.items[0].id;
	person_list_release(&l);
	return 0;
}

static void web_fund_member_add(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), mid = 0, receipt = 0;
	struct member_in in;
	struct actor who;
	const char *token;
	struct fund f;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!web_fund_load(req, resp, &who, token, id, &f))
		return;
	memset(&in, 0, sizeof(in));
	rc = person_of_form(req, &who, "person_id", "national_id", &in.person_id, &e);
	if (!rc) {
		const char *ben = S(http_form(req, "beneficiary_person_id"));

		in.joined_on = S(http_form(req, "joined_on"));
		in.branch_id = web_parse_id(http_form(req, "branch_id"));
		in.beneficiary_name = S(http_form(req, "beneficiary_name"));
		in.beneficiary_person_id = web_parse_id(ben);
		in.beneficiary_relation = S(http_form(req, "beneficiary_relation"));
		in.method = S(http_form(req, "method"));
		if (*ben && !in.beneficiary_person_id)
			rc = err_set(&e, ERR_INVALID, "beneficiary_person_id",
				     "เลขทะเบียนบุคคลเป็นตัวเลข%s",
				     "a person's record number is a number%s", "");
		else
			rc = app_member_add(fa->app, &who, id, &in, S(http_form(req, "idem")), &mid,
					    &receipt, &e);
	}
	if (rc == ERR_NOT_FOUND && (!strcmp(e.field, "person_id") ||
				    !strcmp(e.field, "beneficiary_person_id")))
		e.code = ERR_INVALID;
	if (rc) {
		if (web_fund_fatal(&e))
			web_error(req, resp, &e, &who, token);
		else
			render_member_new(req, resp, &who, token, &f, &e);
		return;
	}
	http_redirect(req, resp,
		      arena_printf(req->arena, "/funds/members/%lld?done=enrolled&receipt=%lld",
				   (long long)mid, (long long)receipt));
}

static const char *pay_fields[] = { "amount", "paid_on", "method" };
static const char *end_fields[] = { "status", "date", "note" };
static const char *transfer_fields[] = { "to_fund_id", "date" };

static json_t *receipt_row(struct http_req *req, const struct receipt *r)
{
	json_t *o = json_object();

	put_i(o, "id", r->id);
	put_s(o, "href", href(req, "/funds/receipts/%lld", r->id));
	put_i(o, "receipt_no", r->receipt_no);
	put_s(o, "issued", date_text(req, r->issued_on));
	put_s(o, "payer", r->payer_name);
	put_i(o, "member_no", r->member_no);
	put_s(o, "total", money(req, r->total));
	put_s(o, "method", label_of(req, methods, ARRAY_SIZE(methods), r->method));
	put_b(o, "voided", r->voided_on.y != 0);
	return o;
}

static json_t *claim_row(struct http_req *req, const struct claim *c,
			 const struct fund_statute *s)
{
	json_t *o = json_object();

	put_i(o, "id", c->id);
	put_s(o, "href", href(req, "/funds/claims/%lld", c->id));
	put_i(o, "claim_no", c->claim_no);
	put_s(o, "name", c->name);
	put_i(o, "member_no", c->member_no);
	put_b(o, "member", c->member_id != 0);
	put_s(o, "benefit", benefit_name(req, s, c->benefit));
	put_s(o, "event", date_text(req, c->event_date));
	put_s(o, "amount", money(req, c->amount));
	put_s(o, "status", c->status);
	put_s(o, "status_name", label_of(req, claim_statuses, ARRAY_SIZE(claim_statuses), c->status));
	put_b(o, "done", !strcmp(c->status, "paid"));
	put_b(o, "refused", !strcmp(c->status, "rejected"));
	return o;
}

static void render_member(struct http_req *req, struct http_resp *resp, const struct actor *who,
			  const char *token, int64_t id, const char *form,
			  const char *const *fields, size_t nfields, const struct err *fe)
{
	struct face *fa = req->app;
	struct member m;
	struct member_standing st;
	struct receipt_list rl = { 0 };
	struct member_event_list el = { 0 };
	struct claim_list cl = { 0 };
	struct fund_list fl = { 0 };
	struct fund_statute *stat = xcalloc(1, sizeof(*stat));
	bool have_statute;
	struct fund f;
	struct err e;
	json_t *ctx, *o, *a;
	size_t i;
	int64_t receipt = web_parse_id(http_query(req, "receipt"));

	err_init(&e);
	memset(&m, 0, sizeof(m));
	if (!id) {
		free(stat);
		web_fund_not_found(req, resp, who, token);
		return;
	}
	if (app_member_get(fa->app, who, id, (struct date){ 0 }, &m, &st, &e)) {
		free(stat);
		web_error(req, resp, &e, who, token);
		return;
	}
	if (!web_fund_load(req, resp, who, token, m.fund_id, &f)) {
		free(stat);
		return;
	}
	m.standing = st;
	have_statute = current_statute(req, who, f.id, stat, NULL);
	ctx = web_fund_ctx(req, who, &f, "members", m.name);
	o = member_json(req, &m);
	put_s(o, "seniority", date_text(req, m.seniority_from));
	put_s(o, "ended", date_text(req, m.ended_on));
	put_s(o, "end_reason", m.end_reason);
	put_s(o, "joining_fee", money(req, m.joining_fee));
	put_s(o, "beneficiary", m.beneficiary_name);
	put_s(o, "beneficiary_relation",
	      label_of(req, relations, ARRAY_SIZE(relations), m.beneficiary_relation));
	if (m.beneficiary_person_id)
		put_s(o, "beneficiary_href", href(req, "/persons/%lld", m.beneficiary_person_id));
	put_s(o, "birth", web_date_text(req, m.birth, DATE_LONG));
	if (m.transferred_from)
		put_s(o, "from_href", href(req, "/funds/members/%lld", m.transferred_from));
	if (m.transferred_to)
		put_s(o, "to_href", href(req, "/funds/members/%lld", m.transferred_to));
	put_s(o, "advance", money(req, st.balance > 0 ? st.balance : 0));
	put_b(o, "ahead", st.balance > 0);
	if (m.branch_id) {
		struct fund_branch_list bl = { 0 };

		if (!app_fund_branches(fa->app, who, f.id, &bl, NULL)) {
			for (i = 0; i < bl.n; i++)
				if (bl.items[i].id == m.branch_id)
					put_s(o, "branch", bl.items[i].name);
			fund_branch_list_release(&bl);
		}
	}
	json_object_set_new(ctx, "member", o);
	put_s(ctx, "claim_href",
	      arena_printf(req->arena, "/funds/%lld/claims/new?member=%lld", (long long)f.id,
			   (long long)m.id));
	if (receipt)
		put_s(ctx, "receipt_href", href(req, "/funds/receipts/%lld", receipt));
	/* Receipts, claims and events. */
	a = json_array();
	if (!app_receipt_list(fa->app, who, f.id, m.id, 100, 0, &rl, NULL)) {
		for (i = 0; i < rl.n; i++)
			json_array_append_new(a, receipt_row(req, &rl.items[i]));
		receipt_list_release(&rl);
	}
	put_b(ctx, "has_receipts", json_array_size(a) > 0);
	json_object_set_new(ctx, "receipts", a);
	a = json_array();
	if (!app_claim_list(fa->app, who, f.id, "", 1000, 0, &cl, NULL)) {
		for (i = 0; i < cl.n; i++)
			if (cl.items[i].member_id == m.id)
				json_array_append_new(a, claim_row(req, &cl.items[i],
								   have_statute ? stat : NULL));
		claim_list_release(&cl);
	}
	json_object_set_new(ctx, "claims", a);
	a = json_array();
	if (!app_member_events(fa->app, who, m.id, &el, NULL)) {
		for (i = 0; i < el.n; i++)
			json_array_append_new(
				a, json_pack("{s:s, s:s, s:s, s:s}", "status",
					     label_of(req, member_statuses, ARRAY_SIZE(member_statuses),
						      el.items[i].status),
					     "date", date_text(req, el.items[i].on_date), "note",
					     el.items[i].note, "by", el.items[i].created_by));
		member_event_list_release(&el);
	}
	json_object_set_new(ctx, "events", a);
	/* The forms: pay, end, transfer. */
	json_object_set_new(ctx, "methods", options(req, methods, ARRAY_SIZE(methods), "cash"));
	put_s(ctx, "idem", web_idem_key(req));
	put_s(sub(ctx, "v", "pay"), "amount", money_input(req, st.balance < 0 ? -st.balance : 0));
	put_s(sub(ctx, "v", "pay"), "paid_on", json_string_value(json_object_get(ctx, "today_be")));
	put_s(sub(ctx, "v", "end"), "date", json_string_value(json_object_get(ctx, "today_be")));
	put_s(sub(ctx, "v", "transfer"), "date",
	      json_string_value(json_object_get(ctx, "today_be")));
	a = json_array();
	if (!app_fund_list(fa->app, who, NULL, &fl, NULL)) {
		for (i = 0; i < fl.n; i++)
			if (fl.items[i].id != f.id)
				json_array_append_new(
					a, json_pack("{s:I, s:s}", "id", (json_int_t)fl.items[i].id,
						     "name",
						     arena_printf(req->arena, "%s (%s)", fl.items[i].name,
								  web_area_label(req, who,
										 fl.items[i].area))));
		fund_list_release(&fl);
	}
	put_b(ctx, "has_other_funds", json_array_size(a) > 0);
	json_object_set_new(ctx, "other_funds", a);
	if (form && fe)
		web_fund_form_error(req, resp, ctx, form, fields, nfields, fe);
	free(stat);
	web_page(req, resp, "fund_member", ctx, who, token);
}

static void web_fund_member(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_member(req, resp, &who, token, web_parse_id(req->params[0]), NULL, NULL, 0, NULL);
}

static void after_member_form(struct http_req *req, struct http_resp *resp,
			      const struct actor *who, const char *token, int64_t id, int rc,
			      const struct err *e, const char *form, const char *const *fields,
			      size_t n, const char *done)
{
	if (!rc) {
		http_redirect(req, resp,
			      arena_printf(req->arena, "/funds/members/%lld?done=%s", (long long)id,
					   done));
		return;
	}
	if (web_fund_fatal(e))
		web_error(req, resp, e, who, token);
	else
		render_member(req, resp, who, token, id, form, fields, n, e);
}

static void web_fund_member_pay(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), amount = 0, receipt = 0;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	rc = parse_amount(S(http_form(req, "amount")), "amount", &amount, &e);
	if (!rc)
		rc = app_fund_pay(fa->app, &who, id, amount, S(http_form(req, "paid_on")),
				  S(http_form(req, "method")), S(http_form(req, "idem")), &receipt,
				  &e);
	if (!rc) {
		http_redirect(req, resp,
			      arena_printf(req->arena, "/funds/members/%lld?done=paid&receipt=%lld",
					   (long long)id, (long long)receipt));
		return;
	}
	after_member_form(req, resp, &who, token, id, rc, &e, "pay", pay_fields,
			  ARRAY_SIZE(pay_fields), "paid");
}

static void web_fund_member_end(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	rc = app_member_end(fa->app, &who, id, S(http_form(req, "status")),
			    S(http_form(req, "date")), S(http_form(req, "note")), &e);
	after_member_form(req, resp, &who, token, id, rc, &e, "end", end_fields,
			  ARRAY_SIZE(end_fields), "ended");
}

static void web_fund_member_transfer(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), to = web_parse_id(http_form(req, "to_fund_id"));
	int64_t nid = 0;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	if (!to)
		rc = err_set(&e, ERR_INVALID, "to_fund_id", "กรุณาเลือกกองทุนที่จะย้ายไป%s",
			     "choose the fund to move to%s", "");
	else
		rc = app_member_transfer(fa->app, &who, id, to, S(http_form(req, "date")), &nid, &e);
	if (!rc) {
		http_redirect(req, resp, href(req, "/funds/members/%lld?done=transferred", nid));
		return;
	}
	after_member_form(req, resp, &who, token, id, rc, &e, "transfer", transfer_fields,
			  ARRAY_SIZE(transfer_fields), "transferred");
}

/* ---- the collection sheet ---- */

/*
 * The sheet posts n, then for each row i: m<i> (the member's id) and a<i>
 * (the amount typed, baht; empty is 0). Every row goes to app_fund_collect,
 * which skips the zeros, so its "line N" in an error is row N of the sheet.
 *
 * What a member owes splits into this month's due (the dues of the month of
 * the sheet's date alone) and arrears (the rest); the box is prefilled with
 * this month's due, or what is left of it when part was paid ahead.
 */
static void render_sheet(struct http_req *req, struct http_resp *resp, const struct actor *who,
			 const char *token, const struct fund *f, int64_t branch,
			 const char *date, bool posted, const struct err *fe, long bad_row)
{
	struct face *fa = req->app;
	struct member_list l = { 0 };
	struct statute_version *v = NULL;
	struct date on;
	struct err e;
	json_t *ctx, *rows, *bs;
	int64_t total_due = 0;
	size_t i, nv;
	bool date_bad = false;

	err_init(&e);
	ctx = web_fund_ctx(req, who, f, "collect", web_tr(req, "Collection sheet"));
	bs = branch_options(req, who, f->id, branch);
	put_b(ctx, "has_branches", json_array_size(bs) > 0);
	json_object_set_new(ctx, "branch_options", bs);
	put_i(ctx, "branch", branch);
	put_s(ctx, "date", *date ? date : json_string_value(json_object_get(ctx, "today_be")));
	json_object_set_new(ctx, "methods",
			    options(req, methods, ARRAY_SIZE(methods),
				    posted ? http_form(req, "method") : "cash"));
	put_s(ctx, "idem", posted ? S(http_form(req, "idem")) : web_idem_key(req));
	if (web_fund_query_date(date, "date", &on, &e) ||
	    app_fund_sheet(fa->app, who, f->id, branch, *date ? date : NULL, &l, &e)) {
		if (web_fund_fatal(&e)) {
			json_decref(ctx);
			web_error(req, resp, &e, who, token);
			return;
		}
		resp->status = err_http_status(e.code);
		put_s(ctx, "date_error", web_en(req) ? e.en : e.th);
		date_bad = true;
	}
	if (!on.y)
		on = app_today(fa->app);
	nv = statute_versions(req, who, f->id, &v);
	rows = json_array();
	for (i = 0; i < l.n && i < SHEET_MAX; i++) {
		const struct member *m = &l.items[i];
		json_t *o = member_json(req, m);
		int64_t month = month_due(v, nv, m, on), now, behind;
		const char *value;
		char mk[24], ak[24];

		/* due_now is everything owed on the date; this month's part of it first. */
		now = m->due_now < month ? m->due_now : month;
		behind = m->due_now - now;
		value = money_input(req, now);
		snprintf(mk, sizeof(mk), "m%zu", i);
		snprintf(ak, sizeof(ak), "a%zu", i);
		/* After a failed submit each row shows what was typed, if the sheet is
		 * the same (row i still names member i). */
		if (posted && web_parse_id(http_form(req, mk)) == m->id) {
			value = S(http_form(req, ak));
			if (bad_row == (long)i)
				put_s(o, "error", web_en(req) ? fe->en : fe->th);
		}
		put_s(o, "input", ak);
		put_s(o, "mname", mk);
		put_s(o, "value", value);
		put_s(o, "owed_input", web_money_text(req, m->due_now, MONEY_NO_GROUPING));
		put_i(o, "row", (int64_t)i + 1);
		put_s(o, "due_now", money(req, now));
		put_s(o, "arrears", money(req, behind));
		put_b(o, "has_arrears", behind > 0);
		total_due += now;
		json_array_append_new(rows, o);
	}
	free(v);
	put_i(ctx, "n", (int64_t)json_array_size(rows));
	json_object_set_new(ctx, "rows", rows);
	put_b(ctx, "has_rows", json_array_size(rows) > 0);
	put_b(ctx, "date_bad", date_bad);
	put_s(ctx, "total_due", money(req, total_due));
	member_list_release(&l);
	if (fe) {
		resp->status = err_http_status(fe->code);
		put_s(ctx, "alert",
		      bad_row >= 0 ? web_tr(req, "Please correct the marked amount.")
				   : (web_en(req) ? fe->en : fe->th));
	}
	web_page(req, resp, "fund_collect", ctx, who, token);
}

static void web_fund_collect_page(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;
	struct fund f;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!web_fund_load(req, resp, &who, token, web_parse_id(req->params[0]), &f))
		return;
	render_sheet(req, resp, &who, token, &f, web_parse_id(http_query(req, "branch")),
		     S(http_query(req, "date")), false, NULL, -1);
}

/* The row an error of app_fund_collect names ("line 3: ..."), or -1. */
static long row_of_error(const struct err *e)
{
	unsigned long k;

	if (strcmp(e->field, "items") || sscanf(e->en, "line %lu", &k) != 1 || k == 0)
		return -1;
	return (long)k - 1;
}

static void web_fund_collect(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	int64_t branch = web_parse_id(http_form(req, "branch"));
	const char *date = S(http_form(req, "date"));
	size_t n = (size_t)web_parse_id(http_form(req, "n")), i, paying = 0;
	struct collect_item *items = NULL;
	struct actor who;
	const char *token;
	struct fund f;
	struct err e;
	json_t *ctx, *list;
	int64_t total = 0;
	long bad = -1;
	int rc = 0;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!web_fund_load(req, resp, &who, token, id, &f))
		return;
	if (n > SHEET_MAX)
		n = SHEET_MAX;
	items = xcalloc(n ? n : 1, sizeof(*items));
	for (i = 0; i < n && !rc; i++) {
		char mk[24], ak[24];
		const char *typed;

		snprintf(mk, sizeof(mk), "m%zu", i);
		snprintf(ak, sizeof(ak), "a%zu", i);
		items[i].member_id = web_parse_id(http_form(req, mk));
		typed = S(http_form(req, ak));
		if (*typed)
			rc = parse_amount(typed, ak, &items[i].amount, &e);
		if (!rc && items[i].amount < 0)
			rc = err_set(&e, ERR_INVALID, ak, "จำนวนเงินต้องไม่ติดลบ%s",
				     "an amount cannot be negative%s", "");
		if (rc)
			bad = (long)i;
		else if (items[i].amount > 0)
			paying++;
	}
	if (!rc && !paying)
		rc = err_set(&e, ERR_INVALID, "rows", "ยังไม่มีผู้ใดชำระเงินในใบนี้%s",
			     "no one on this sheet has an amount to pay%s", "");
	if (!rc) {
		rc = app_fund_collect(fa->app, &who, id, branch, date, S(http_form(req, "method")),
				      items, n, S(http_form(req, "idem")), &e);
		if (rc)
			bad = row_of_error(&e);
	}
	if (rc) {
		free(items);
		if (e.code == ERR_FORBIDDEN)
			web_error(req, resp, &e, &who, token);
		else
			render_sheet(req, resp, &who, token, &f, branch, date, true, &e, bad);
		return;
	}
	/* The result: every receipt issued, with links to print them. */
	ctx = web_fund_ctx(req, &who, &f, "collect", web_tr(req, "Payments recorded"));
	list = json_array();
	for (i = 0; i < n; i++) {
		struct receipt r;

		memset(&r, 0, sizeof(r));
		if (items[i].receipt_id &&
		    !app_receipt_get(fa->app, &who, items[i].receipt_id, &r, NULL)) {
			total += r.total;
			json_array_append_new(list, receipt_row(req, &r));
		}
	}
	put_i(ctx, "count", (int64_t)json_array_size(list));
	put_b(ctx, "replayed", json_array_size(list) == 0);
	put_s(ctx, "total", money(req, total));
	json_object_set_new(ctx, "receipts", list);
	put_s(ctx, "back_href",
	      arena_printf(req->arena, "/funds/%lld/collect?branch=%lld", (long long)id,
			   (long long)branch));
	put_s(ctx, "receipts_href", href(req, "/funds/%lld/receipts", id));
	free(items);
	web_page(req, resp, "fund_collected", ctx, &who, token);
}

/* ---- receipts ---- */

static void render_receipt(struct http_req *req, struct http_resp *resp, const struct actor *who,
			   const char *token, int64_t id, const struct err *fe)
{
	struct face *fa = req->app;
	struct buf words = BUF_INIT;
	struct receipt r;
	struct fund f;
	struct err e;
	json_t *ctx, *o;

	err_init(&e);
	memset(&r, 0, sizeof(r));
	if (!id) {
		web_fund_not_found(req, resp, who, token);
		return;
	}
	if (app_receipt_get(fa->app, who, id, &r, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	if (!web_fund_load(req, resp, who, token, r.fund_id, &f))
		return;
	ctx = web_fund_ctx(req, who, &f, "collect",
			   arena_printf(req->arena, "%s %lld", web_tr(req, "Receipt"),
					(long long)r.receipt_no));
	o = receipt_row(req, &r);
	money_bahttext(r.total, &words, NULL);
	put_s(o, "words", words.ptr);
	put_s(o, "issued_long", web_date_text(req, r.issued_on, DATE_LONG));
	put_s(o, "issued_iso", web_fund_iso(req, r.issued_on));
	put_s(o, "voided_on", date_text(req, r.voided_on));
	put_s(o, "void_reason", r.void_reason);
	/* The receiver by name when it is the user at the screen. */
	put_s(o, "receiver", strcmp(r.created_by, who->username) ? r.created_by : who->display_name);
	put_s(o, "fund_name", *r.fund_name ? r.fund_name : f.name);
	if (r.member_id)
		put_s(o, "member_href", href(req, "/funds/members/%lld", r.member_id));
	/* The receipt itself is a Thai document in both languages: its
	 * template words the items and the method. */
	put_s(o, "fee", r.fee ? money(req, r.fee) : "");
	put_s(o, "contribution",
	      money(req, r.contribution || r.fee ? r.contribution : r.total));
	put_b(o, "has_contribution", r.contribution || !r.fee);
	put_b(o, "by_transfer", !strcmp(r.method, "transfer"));
	json_object_set_new(ctx, "receipt", o);
	put_b(ctx, "print_page", true);
	if (fe) {
		web_fund_form_error(req, resp, ctx, "void", (const char *const[]){ "date", "reason" },
				    2, fe);
	} else {
		put_s(sub(ctx, "v", "void"), "date",
		      json_string_value(json_object_get(ctx, "today_be")));
	}
	buf_release(&words);
	web_page(req, resp, "fund_receipt", ctx, who, token);
}

static void web_fund_receipt(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_receipt(req, resp, &who, token, web_parse_id(req->params[0]), NULL);
}

static void web_fund_receipt_void(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct actor who;
	const char *token;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	if (!app_receipt_void(fa->app, &who, id, S(http_form(req, "date")),
			      S(http_form(req, "reason")), &e)) {
		http_redirect(req, resp, href(req, "/funds/receipts/%lld?done=voided", id));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_receipt(req, resp, &who, token, id, &e);
}

static void web_fund_receipts(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	int64_t offset = web_parse_id(http_query(req, "offset"));
	struct receipt_list l = { 0 };
	struct actor who;
	const char *token;
	struct fund f;
	struct err e;
	json_t *ctx, *rows;
	size_t i;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!web_fund_load(req, resp, &who, token, id, &f))
		return;
	if (app_receipt_list(fa->app, &who, id, 0, LIST_PAGE + 1, offset, &l, &e)) {
		web_error(req, resp, &e, &who, token);
		return;
	}
	ctx = web_fund_ctx(req, &who, &f, "collect", web_tr(req, "Receipts"));
	rows = json_array();
	for (i = 0; i < l.n && i < LIST_PAGE; i++)
		json_array_append_new(rows, receipt_row(req, &l.items[i]));
	put_b(ctx, "has_rows", json_array_size(rows) > 0);
	json_object_set_new(ctx, "receipts", rows);
	if (l.n > LIST_PAGE)
		put_s(ctx, "next_href", arena_printf(req->arena, "/funds/%lld/receipts?offset=%lld",
						     (long long)id, (long long)(offset + LIST_PAGE)));
	if (offset > 0)
		put_s(ctx, "prev_href",
		      arena_printf(req->arena, "/funds/%lld/receipts?offset=%lld", (long long)id,
				   (long long)(offset > LIST_PAGE ? offset - LIST_PAGE : 0)));
	receipt_list_release(&l);
	web_page(req, resp, "fund_receipts", ctx, &who, token);
}

/* ---- claims ---- */

static const char *claim_fields[] = { "member_no", "person_id", "national_id", "benefit",
				      "event_date", "units",	 "note" };

static void web_fund_claims(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	int64_t offset = web_parse_id(http_query(req, "offset"));
	const char *status = S(http_query(req, "status"));
	struct fund_statute *stat = xcalloc(1, sizeof(*stat));
	struct claim_list l = { 0 };
	struct actor who;
	const char *token;
	struct fund f;
	struct err e;
	json_t *ctx, *rows, *tabs;
	size_t i;
	bool known = !*status, have;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		goto done;
	if (!web_fund_load(req, resp, &who, token, id, &f))
		goto done;
	for (i = 0; i < ARRAY_SIZE(claim_statuses); i++)
		known |= !strcmp(status, claim_statuses[i].code);
	if (!known)
		status = "";
	if (app_claim_list(fa->app, &who, id, status, LIST_PAGE + 1, offset, &l, &e)) {
		web_error(req, resp, &e, &who, token);
		goto done;
	}
	have = current_statute(req, &who, id, stat, NULL);
	ctx = web_fund_ctx(req, &who, &f, "claims", web_tr(req, "Claims"));
	rows = json_array();
	for (i = 0; i < l.n && i < LIST_PAGE; i++)
		json_array_append_new(rows, claim_row(req, &l.items[i], have ? stat : NULL));
	put_b(ctx, "has_rows", json_array_size(rows) > 0);
	json_object_set_new(ctx, "claims", rows);
	tabs = json_array();
	json_array_append_new(tabs, json_pack("{s:s, s:s, s:b}", "href",
					      href(req, "/funds/%lld/claims", id), "label",
					      web_tr(req, "All"), "current", !*status));
	for (i = 0; i < ARRAY_SIZE(claim_statuses); i++)
		json_array_append_new(
			tabs, json_pack("{s:s, s:s, s:b}", "href",
					arena_printf(req->arena, "/funds/%lld/claims?status=%s",
						     (long long)id, claim_statuses[i].code),
					"label", web_tr(req, claim_statuses[i].en), "current",
					!strcmp(status, claim_statuses[i].code)));
	json_object_set_new(ctx, "filters", tabs);
	if (l.n > LIST_PAGE)
		put_s(ctx, "next_href",
		      arena_printf(req->arena, "/funds/%lld/claims?status=%s&offset=%lld",
				   (long long)id, status, (long long)(offset + LIST_PAGE)));
	if (offset > 0)
		put_s(ctx, "prev_href",
		      arena_printf(req->arena, "/funds/%lld/claims?status=%s&offset=%lld",
				   (long long)id, status,
				   (long long)(offset > LIST_PAGE ? offset - LIST_PAGE : 0)));
	claim_list_release(&l);
	web_page(req, resp, "fund_claims", ctx, &who, token);
done:
	free(stat);
}

/* The benefits of a statute as select options [{code, name, selected, per_unit, unit}]. */
static json_t *benefit_options(struct http_req *req, const struct fund_statute *s,
			       const char *selected)
{
	json_t *a = json_array();
	int i;

	for (i = 0; s && i < s->nbenefits; i++) {
		const struct benefit_rule *b = &s->benefits[i];

		json_array_append_new(
			a, json_pack("{s:s, s:s, s:b, s:b, s:b}", "code", b->code, "name",
				     web_en(req) && *b->name_en ? b->name_en : b->name_th,
				     "selected", selected && !strcmp(selected, b->code), "per_unit",
				     b->basis == BASIS_PER_UNIT, "nonmembers", b->nonmembers));
	}
	return a;
}

static void render_claim_new(struct http_req *req, struct http_resp *resp,
			     const struct actor *who, const char *token, const struct fund *f,
			     const struct err *fe)
{
	struct face *fa = req->app;
	struct fund_statute *stat = xcalloc(1, sizeof(*stat));
	int64_t member = web_parse_id(fe ? http_form(req, "member_id") : http_query(req, "member"));
	int64_t resub = web_parse_id(fe ? http_form(req, "resubmits") : http_query(req, "resubmits"));
	const char *benefit = fe ? http_form(req, "benefit") : NULL;
	bool have = current_statute(req, who, f->id, stat, NULL);
	json_t *ctx = web_fund_ctx(req, who, f, "claims", web_tr(req, "New claim"));
	json_t *v = sub(ctx, "v", "claim");

	put_s(v, "event_date", json_string_value(json_object_get(ctx, "today_be")));
	if (resub) {
		struct claim c;

		memset(&c, 0, sizeof(c));
		if (!app_claim_get(fa->app, who, resub, &c, NULL, NULL)) {
			put_i(ctx, "resubmits", resub);
			put_s(ctx, "resubmits_href", href(req, "/funds/claims/%lld", resub));
			put_i(ctx, "resubmits_no", c.claim_no);
			if (c.member_id)
				member = c.member_id;
			else
				put_s(v, "person_id", arena_printf(req->arena, "%lld",
								   (long long)c.person_id));
			put_s(v, "event_date", web_form_date(req, c.event_date));
			if (c.units)
				put_s(v, "units", arena_printf(req->arena, "%lld", (long long)c.units));
			put_s(v, "note", c.note);
			if (!benefit)
				benefit = arena_strdup(req->arena, c.benefit);
			claim_release(&c);
		}
	}
	if (member) {
		struct member m;
		struct member_standing st;

		memset(&m, 0, sizeof(m));
		if (!app_member_get(fa->app, who, member, (struct date){ 0 }, &m, &st, NULL) &&
		    m.fund_id == f->id) {
			m.standing = st;
			json_object_set_new(ctx, "member", member_json(req, &m));
		}
	}
	json_object_set_new(ctx, "benefits", benefit_options(req, have ? stat : NULL, benefit));
	put_b(ctx, "nonmember_aid", have && stat->nonmember_aid);
	if (fe)
		web_fund_form_error(req, resp, ctx, "claim", claim_fields, ARRAY_SIZE(claim_fields),
				    fe);
	free(stat);
	web_page(req, resp, "fund_claim_new", ctx, who, token);
}

static void web_fund_claim_new(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;
	struct fund f;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!web_fund_load(req, resp, &who, token, web_parse_id(req->params[0]), &f))
		return;
	render_claim_new(req, resp, &who, token, &f, NULL);
}

/* The member whose number is typed (any status), by walking the fund's list. */
static int member_by_no(struct http_req *req, const struct actor *who, int64_t fund_id,
			int64_t no, int64_t *id, struct err *e)
{
	struct face *fa = req->app;
	struct member_query q;
	int64_t offset = 0;

	*id = 0;
	memset(&q, 0, sizeof(q));
	q.fund_id = fund_id;
	q.status = "";
	q.asof = app_today(fa->app);
	q.limit = 500;
	for (;;) {
		struct member_list l = { 0 };
		size_t i, n;

		q.offset = offset;
		if (app_member_list(fa->app, who, &q, &l, e))
			return e->code;
		for (i = 0; i < l.n; i++)
			if (l.items[i].member_no == no)
				*id = l.items[i].id;
		n = l.n;
		member_list_release(&l);
		if (*id || n < (size_t)q.limit)
			break;
		offset += q.limit;
	}
	if (!*id)
		return err_set(e, ERR_INVALID, "member_no", "ไม่พบสมาชิกเลขที่ %lld ในกองทุนนี้",
			       "no member number %lld in this fund", (long long)no);
	return 0;
}

static void web_fund_claim_add(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), cid = 0;
	const char *no = S(http_form(req, "member_no")), *units = S(http_form(req, "units"));
	struct claim_in in;
	struct actor who;
	const char *token;
	struct fund f;
	struct err e;
	int rc = 0;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!web_fund_load(req, resp, &who, token, id, &f))
		return;
	memset(&in, 0, sizeof(in));
	in.member_id = web_parse_id(http_form(req, "member_id"));
	if (!in.member_id && *no) {
		if (!web_parse_id(no))
			rc = err_set(&e, ERR_INVALID, "member_no", "เลขที่สมาชิกเป็นตัวเลข%s",
				     "a member number is a number%s", "");
		else
			rc = member_by_no(req, &who, id, web_parse_id(no), &in.member_id, &e);
	} else if (!in.member_id) {
		rc = person_of_form(req, &who, "person_id", "national_id", &in.person_id, &e);
		if (rc && !*S(http_form(req, "person_id")) && !*S(http_form(req, "national_id")))
			rc = err_set(&e, ERR_INVALID, "member_no",
				     "กรุณาใส่เลขที่สมาชิก หรือเลขทะเบียนบุคคลของผู้ที่ไม่ใช่สมาชิก%s",
				     "enter the member number, or a non-member's record number%s",
				     "");
	}
	if (!rc && *units && (!web_parse_id(units) || web_parse_id(units) > 10000))
		rc = err_set(&e, ERR_INVALID, "units", "จำนวนคืนเป็นจำนวนเต็มบวก%s",
			     "the number of nights is a positive whole number%s", "");
	if (!rc) {
		in.benefit = S(http_form(req, "benefit"));
		in.event_date = S(http_form(req, "event_date"));
		in.units = (int)web_parse_id(units);
		in.note = S(http_form(req, "note"));
		in.resubmits = web_parse_id(http_form(req, "resubmits"));
		rc = app_claim_submit(fa->app, &who, id, &in, &cid, &e);
		if (rc && !strcmp(e.field, "member_id"))
			snprintf(e.field, sizeof(e.field), "%s", "member_no");
	}
	if (rc == ERR_NOT_FOUND && strcmp(e.field, ""))
		e.code = ERR_INVALID;
	if (rc) {
		if (web_fund_fatal(&e))
			web_error(req, resp, &e, &who, token);
		else
			render_claim_new(req, resp, &who, token, &f, &e);
		return;
	}
	http_redirect(req, resp, href(req, "/funds/claims/%lld?done=claim", cid));
}

/* The calc lines of a claim (JSON: [{"th","en"}] or [text]) in the page's language. */
static json_t *calc_lines(struct http_req *req, const char *calc)
{
	json_t *in = calc ? json_loads(calc, 0, NULL) : NULL, *out = json_array(), *x;
	size_t i;

	if (in && json_is_array(in))
		json_array_foreach(in, i, x) {
			const char *s = NULL;

			if (json_is_string(x))
				s = json_string_value(x);
			else if (json_is_object(x))
				s = json_string_value(json_object_get(x, web_en(req) ? "en" : "th"));
			if (s)
				json_array_append_new(out, json_string(s));
		}
	json_decref(in);
	return out;
}

static const char *step_fields[] = { "note" };
static const char *claim_pay_fields[] = { "paid_on", "account_id" };

static void render_claim(struct http_req *req, struct http_resp *resp, const struct actor *who,
			 const char *token, int64_t id, const char *form,
			 const char *const *fields, size_t nfields, const struct err *fe)
{
	struct face *fa = req->app;
	struct fund_statute *stat = xcalloc(1, sizeof(*stat));
	struct claim_step_list sl = { 0 };
	struct claim c;
	struct fund f;
	struct err e;
	json_t *ctx, *o, *steps;
	size_t i;
	bool have;

	err_init(&e);
	memset(&c, 0, sizeof(c));
	if (!id) {
		web_fund_not_found(req, resp, who, token);
		goto done;
	}
	if (app_claim_get(fa->app, who, id, &c, &sl, &e)) {
		web_error(req, resp, &e, who, token);
		goto done;
	}
	if (!web_fund_load(req, resp, who, token, c.fund_id, &f))
		goto release;
	have = current_statute(req, who, f.id, stat, NULL);
	ctx = web_fund_ctx(req, who, &f, "claims",
			   arena_printf(req->arena, "%s %lld", web_tr(req, "Claim"),
					(long long)c.claim_no));
	o = claim_row(req, &c, have ? stat : NULL);
	put_s(o, "event_long", web_date_text(req, c.event_date, DATE_LONG));
	put_i(o, "units", c.units);
	put_s(o, "note", c.note);
	put_s(o, "decision_note", c.decision_note);
	put_s(o, "paid_on", date_text(req, c.paid_on));
	put_s(o, "person_href", href(req, "/persons/%lld", c.person_id));
	if (c.member_id)
		put_s(o, "member_href", href(req, "/funds/members/%lld", c.member_id));
	if (c.resubmits)
		put_s(o, "resubmits_href", href(req, "/funds/claims/%lld", c.resubmits));
	json_object_set_new(o, "calc", calc_lines(req, c.calc));
	put_b(o, "can_check", !strcmp(c.status, "submitted"));
	put_b(o, "can_approve", !strcmp(c.status, "checked"));
	put_b(o, "can_reject", !strcmp(c.status, "submitted") || !strcmp(c.status, "checked"));
	put_b(o, "can_pay", !strcmp(c.status, "approved"));
	put_b(o, "can_resubmit", !strcmp(c.status, "rejected"));
	put_s(o, "resubmit_href",
	      arena_printf(req->arena, "/funds/%lld/claims/new?resubmits=%lld", (long long)f.id,
			   (long long)c.id));
	json_object_set_new(ctx, "claim", o);
	steps = json_array();
	for (i = 0; i < sl.n; i++)
		json_array_append_new(
			steps, json_pack("{s:s, s:s, s:s, s:s}", "status",
					 label_of(req, claim_statuses, ARRAY_SIZE(claim_statuses),
						  sl.items[i].status),
					 "note", sl.items[i].note, "actor", sl.items[i].actor, "at",
					 web_time_text(req, sl.items[i].at)));
	json_object_set_new(ctx, "steps", steps);
	json_object_set_new(ctx, "accounts", web_fund_money_accounts(req, who, f.id, 0));
	put_s(ctx, "idem", web_idem_key(req));
	put_s(sub(ctx, "v", "pay"), "paid_on", json_string_value(json_object_get(ctx, "today_be")));
	if (form && fe)
		web_fund_form_error(req, resp, ctx, form, fields, nfields, fe);
	web_page(req, resp, "fund_claim", ctx, who, token);
release:
	claim_release(&c);
	claim_step_list_release(&sl);
done:
	free(stat);
}

static void web_fund_claim(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_claim(req, resp, &who, token, web_parse_id(req->params[0]), NULL, NULL, 0, NULL);
}

static void web_fund_claim_step(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	const char *action = S(http_form(req, "action"));
	struct actor who;
	const char *token;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	if (!app_claim_step(fa->app, &who, id, action, S(http_form(req, "note")), &e)) {
		http_redirect(req, resp, href(req, "/funds/claims/%lld?done=step", id));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_claim(req, resp, &who, token, id, "step", step_fields,
			     ARRAY_SIZE(step_fields), &e);
}

static void web_fund_claim_pay(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct actor who;
	const char *token;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	if (!app_claim_pay(fa->app, &who, id, S(http_form(req, "paid_on")),
			   web_parse_id(http_form(req, "account_id")), S(http_form(req, "idem")),
			   &e)) {
		http_redirect(req, resp, href(req, "/funds/claims/%lld?done=claim_paid", id));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_claim(req, resp, &who, token, id, "pay", claim_pay_fields,
			     ARRAY_SIZE(claim_pay_fields), &e);
}

/* ---- matching money, income, expenses ---- */

static const char *pledge_fields[] = { "source", "source_name", "amount", "pledged_on",
				       "match_from", "match_to", "note" };
static const char *income_fields[] = { "kind",	      "source_name", "pledge_id", "amount",
				       "received_on", "account_id",  "note" };
static const char *expense_fields[] = { "kind",	   "description",     "amount",
					"paid_on", "from_account_id", "to_account_id" };

/* Recent journal entries of the fund from these sources, newest first. */
static json_t *recent_entries(struct http_req *req, const struct actor *who, int64_t fund_id,
			      const char *const *sources, size_t nsources)
{
	struct face *fa = req->app;
	struct entry_list l = { 0 };
	json_t *a = json_array();
	size_t i, k;

	if (app_ledger_journal(fa->app, who, fund_id, (struct date){ 0 }, (struct date){ 0 }, 200,
			       0, &l, NULL))
		return a;
	for (i = 0; i < l.n && json_array_size(a) < 30; i++)
		for (k = 0; k < nsources; k++)
			if (!strcmp(l.items[i].source, sources[k])) {
				json_array_append_new(
					a, json_pack("{s:I, s:s, s:s, s:s, s:b, s:b}", "entry_no",
						     (json_int_t)l.items[i].entry_no, "date",
						     date_text(req, l.items[i].posted_on),
						     "description", l.items[i].description,
						     "amount", money(req, l.items[i].total),
						     "reversed", l.items[i].reversed_by != 0,
						     "reversal", l.items[i].reverses != 0));
				break;
			}
	entry_list_release(&l);
	return a;
}

static void render_income(struct http_req *req, struct http_resp *resp, const struct actor *who,
			  const char *token, int64_t id, const char *form,
			  const char *const *fields, size_t nfields, const struct err *fe)
{
	static const char *const sources[] = { "income" };
	struct face *fa = req->app;
	struct pledge_list pl = { 0 };
	struct fund f;
	struct err e;
	json_t *ctx, *rows, *popts;
	size_t i;

	err_init(&e);
	if (!web_fund_load(req, resp, who, token, id, &f))
		return;
	if (app_fund_pledges(fa->app, who, id, &pl, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	ctx = web_fund_ctx(req, who, &f, "income", web_tr(req, "Matching money and other income"));
	rows = json_array();
	popts = json_array();
	for (i = 0; i < pl.n; i++) {
		const struct pledge *p = &pl.items[i];
		json_t *o = json_object();

		put_s(o, "source", label_of(req, pledge_sources, ARRAY_SIZE(pledge_sources), p->source));
		put_s(o, "source_name", p->source_name);
		put_s(o, "amount", money(req, p->amount));
		put_s(o, "received", money(req, p->received));
		put_s(o, "outstanding", money(req, p->amount > p->received ? p->amount - p->received : 0));
		put_s(o, "matched", money(req, p->matched_contributions));
		put_s(o, "pledged_on", date_text(req, p->pledged_on));
		put_s(o, "period", arena_printf(req->arena, "%s – %s", date_text(req, p->match_from),
						date_text(req, p->match_to)));
		put_s(o, "note", p->note);
		json_array_append_new(rows, o);
		json_array_append_new(popts, json_pack("{s:I, s:s}", "id", (json_int_t)p->id, "name",
						       arena_printf(req->arena, "%s · %s %s",
								    p->source_name,
								    money(req, p->amount),
								    web_tr(req, "baht"))));
	}
	pledge_list_release(&pl);
	put_b(ctx, "has_pledges", json_array_size(rows) > 0);
	json_object_set_new(ctx, "pledges", rows);
	json_object_set_new(ctx, "pledge_options", popts);
	json_object_set_new(ctx, "sources",
			    options(req, pledge_sources, ARRAY_SIZE(pledge_sources), "central_gov"));
	json_object_set_new(ctx, "kinds",
			    options(req, income_kinds, ARRAY_SIZE(income_kinds),
				    form && !strcmp(form, "income") ? http_form(req, "kind")
								      : "central_gov"));
	json_object_set_new(ctx, "accounts", web_fund_money_accounts(req, who, id, 0));
	json_object_set_new(ctx, "recent", recent_entries(req, who, id, sources, 1));
	put_s(ctx, "idem", web_idem_key(req));
	put_s(sub(ctx, "v", "income"), "received_on",
	      json_string_value(json_object_get(ctx, "today_be")));
	put_s(sub(ctx, "v", "pledge"), "pledged_on",
	      json_string_value(json_object_get(ctx, "today_be")));
	if (form && fe)
		web_fund_form_error(req, resp, ctx, form, fields, nfields, fe);
	web_page(req, resp, "fund_income", ctx, who, token);
}

static void web_fund_income(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_income(req, resp, &who, token, web_parse_id(req->params[0]), NULL, NULL, 0, NULL);
}

static void web_fund_pledge_add(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), pid = 0, amount = 0;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	rc = parse_amount(S(http_form(req, "amount")), "amount", &amount, &e);
	if (!rc)
		rc = app_fund_pledge_add(fa->app, &who, id, S(http_form(req, "source")),
					 S(http_form(req, "source_name")), amount,
					 S(http_form(req, "pledged_on")),
					 S(http_form(req, "match_from")),
					 S(http_form(req, "match_to")), S(http_form(req, "note")), &pid,
					 &e);
	if (!rc) {
		http_redirect(req, resp, href(req, "/funds/%lld/income?done=pledge", id));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_income(req, resp, &who, token, id, "pledge", pledge_fields,
			      ARRAY_SIZE(pledge_fields), &e);
}

static void web_fund_income_add(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), iid = 0;
	struct income_in in;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	memset(&in, 0, sizeof(in));
	rc = parse_amount(S(http_form(req, "amount")), "amount", &in.amount, &e);
	if (!rc) {
		in.kind = S(http_form(req, "kind"));
		in.source_name = S(http_form(req, "source_name"));
		in.pledge_id = web_parse_id(http_form(req, "pledge_id"));
		in.received_on = S(http_form(req, "received_on"));
		in.account_id = web_parse_id(http_form(req, "account_id"));
		in.note = S(http_form(req, "note"));
		rc = app_fund_income_add(fa->app, &who, id, &in, S(http_form(req, "idem")), &iid, &e);
	}
	if (!rc) {
		http_redirect(req, resp, href(req, "/funds/%lld/income?done=income", id));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_income(req, resp, &who, token, id, "income", income_fields,
			      ARRAY_SIZE(income_fields), &e);
}

static void render_expenses(struct http_req *req, struct http_resp *resp,
			    const struct actor *who, const char *token, int64_t id,
			    const struct err *fe)
{
	static const char *const sources[] = { "expense", "transfer" };
	struct fund f;
	json_t *ctx;

	if (!web_fund_load(req, resp, who, token, id, &f))
		return;
	ctx = web_fund_ctx(req, who, &f, "expenses", web_tr(req, "Expenses and transfers"));
	json_object_set_new(ctx, "kinds",
			    options(req, expense_kinds, ARRAY_SIZE(expense_kinds),
				    fe ? http_form(req, "kind") : "admin"));
	json_object_set_new(ctx, "accounts", web_fund_money_accounts(req, who, id, 0));
	json_object_set_new(ctx, "to_accounts", web_fund_money_accounts(req, who, id, 0));
	json_object_set_new(ctx, "recent", recent_entries(req, who, id, sources, 2));
	put_s(ctx, "idem", web_idem_key(req));
	put_s(sub(ctx, "v", "expense"), "paid_on",
	      json_string_value(json_object_get(ctx, "today_be")));
	if (fe)
		web_fund_form_error(req, resp, ctx, "expense", expense_fields,
				    ARRAY_SIZE(expense_fields), fe);
	web_page(req, resp, "fund_expenses", ctx, who, token);
}

static void web_fund_expenses(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_expenses(req, resp, &who, token, web_parse_id(req->params[0]), NULL);
}

static void web_fund_expense_add(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), xid = 0;
	struct expense_in in;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	memset(&in, 0, sizeof(in));
	rc = parse_amount(S(http_form(req, "amount")), "amount", &in.amount, &e);
	if (!rc) {
		in.kind = S(http_form(req, "kind"));
		in.description = S(http_form(req, "description"));
		in.paid_on = S(http_form(req, "paid_on"));
		in.from_account_id = web_parse_id(http_form(req, "from_account_id"));
		if (!strcmp(in.kind, "transfer"))
			in.to_account_id = web_parse_id(http_form(req, "to_account_id"));
		rc = app_fund_expense_add(fa->app, &who, id, &in, S(http_form(req, "idem")), &xid,
					  &e);
	}
	if (!rc) {
		http_redirect(req, resp, href(req, "/funds/%lld/expenses?done=expense", id));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_expenses(req, resp, &who, token, id, &e);
}

/* ---- the statute ---- */

/* "20 บาท ต่อคืน" and friends: one benefit rule in words, as rows of {label, value}. */
static json_t *benefit_json(struct http_req *req, const struct fund_statute *s,
			    const struct benefit_rule *b)
{
	json_t *o = json_object(), *facts = json_array(), *steps = json_array();
	const char *baht = web_tr(req, "baht");
	int i;

#define FACT(label, value)                                                                  \
	json_array_append_new(facts, json_pack("{s:s, s:s}", "label", web_tr(req, label), "value", \
					       value))
	put_s(o, "code", b->code);
	put_s(o, "name", web_en(req) && *b->name_en ? b->name_en : b->name_th);
	FACT("Paid to", web_tr(req, b->recipient == RECIPIENT_BENEFICIARY
					    ? "The member's beneficiary"
					    : "The member"));
	if (b->basis == BASIS_FIXED)
		FACT("Amount", arena_printf(req->arena, "%s %s", money(req, b->amount), baht));
	else if (b->basis == BASIS_PER_UNIT)
		FACT("Amount", arena_printf(req->arena, "%s %s %s %s", money(req, b->amount), baht,
					    web_tr(req, "per"),
					    web_en(req) && *b->unit_en ? b->unit_en : b->unit_th));
	else
		FACT("Amount", web_tr(req, "By steps (below)"));
	for (i = 0; b->basis == BASIS_STEPS && i < b->nsteps; i++) {
		const struct benefit_step *st = &b->steps[i];
		const char *cond = arena_printf(req->arena, "%s %d %s", web_tr(req, "Member for at least"),
						st->min_years, web_tr(req, "years"));

		if (st->min_age)
			cond = arena_printf(req->arena, "%s, %s %d %s", cond,
					    web_tr(req, "aged at least"), st->min_age,
					    web_tr(req, "years"));
		json_array_append_new(steps, json_pack("{s:s, s:s}", "when", cond, "amount",
						       arena_printf(req->arena, "%s %s",
								    money(req, st->amount), baht)));
	}
	FACT("Waiting period",
	     arena_printf(req->arena, "%d %s", b->waiting_days < 0 ? s->waiting_days : b->waiting_days,
			  web_tr(req, "days after joining")));
	if (b->per_event_cap)
		FACT("Cap per event", arena_printf(req->arena, "%s %s", money(req, b->per_event_cap), baht));
	if (b->per_year_cap)
		FACT("Cap per year", arena_printf(req->arena, "%s %s", money(req, b->per_year_cap), baht));
	if (b->lifetime_cap)
		FACT("Lifetime cap", arena_printf(req->arena, "%s %s", money(req, b->lifetime_cap), baht));
	if (b->max_per_year)
		FACT("Times per year", arena_printf(req->arena, "%d", b->max_per_year));
	if (b->max_lifetime)
		FACT("Times in a lifetime", arena_printf(req->arena, "%d", b->max_lifetime));
	if (b->min_age || b->max_age)
		FACT("Age", b->max_age ? arena_printf(req->arena, "%d–%d %s", b->min_age, b->max_age,
						      web_tr(req, "years"))
				       : arena_printf(req->arena, "%s %d %s",
						      web_tr(req, "at least"), b->min_age,
						      web_tr(req, "years")));
	if (b->min_member_years)
		FACT("Membership", arena_printf(req->arena, "%s %d %s", web_tr(req, "at least"),
						b->min_member_years, web_tr(req, "years")));
	FACT("Non-members", web_tr(req, b->nonmembers ? "May be helped" : "Members only"));
	if (*b->conditions_th || *b->conditions_en)
		FACT("Conditions", web_en(req) && *b->conditions_en ? b->conditions_en
								     : b->conditions_th);
#undef FACT
	json_object_set_new(o, "facts", facts);
	json_object_set_new(o, "steps", steps);
	put_b(o, "has_steps", json_array_size(steps) > 0);
	return o;
}

static json_t *statute_json(struct http_req *req, const struct fund_statute *s)
{
	static const char *const units[] = { "", "day", "month", "year" };
	json_t *o = json_object(), *rules = json_array(), *bens = json_array();
	const char *baht = web_tr(req, "baht"), *freq = "";
	int i;

#define RULE(label, value)                                                                  \
	json_array_append_new(rules, json_pack("{s:s, s:s}", "label", web_tr(req, label), "value", \
					       value))
	RULE("Joining fee", arena_printf(req->arena, "%s %s", money(req, s->joining_fee), baht));
	RULE("Contribution",
	     arena_printf(req->arena, "%s %s %s %s", money(req, s->contribution), baht,
			  web_tr(req, "per"),
			  web_tr(req, s->unit >= CONTRIB_DAY && s->unit <= CONTRIB_YEAR ? units[s->unit]
											  : "month")));
	if (s->pay_week)
		freq = web_tr(req, "weekly");
	if (s->pay_month)
		freq = *freq ? arena_printf(req->arena, "%s, %s", freq, web_tr(req, "monthly"))
			     : web_tr(req, "monthly");
	if (s->pay_year)
		freq = *freq ? arena_printf(req->arena, "%s, %s", freq, web_tr(req, "yearly"))
			     : web_tr(req, "yearly");
	RULE("Members may pay", freq);
	RULE("Suspended after",
	     s->suspend_after_months
		     ? arena_printf(req->arena, "%d %s", s->suspend_after_months,
				    web_tr(req, "months unpaid"))
		     : web_tr(req, "Never suspended"));
	RULE("Waiting period", arena_printf(req->arena, "%d %s", s->waiting_days,
					    web_tr(req, "days after joining")));
	RULE("Administration costs",
	     arena_printf(req->arena, "%s %d.%02d%% %s", web_tr(req, "at most"),
			  s->admin_limit_bp / 100, s->admin_limit_bp % 100,
			  web_tr(req, "of income")));
	if (!s->nonmember_aid)
		RULE("Aid to non-members", web_tr(req, "Not given"));
	else
		RULE("Aid to non-members",
		     arena_printf(req->arena, "%s · %s %s %s · %s %s %s", web_tr(req, "Given"),
				  web_tr(req, "per event up to"),
				  s->nonmember_event_cap ? money(req, s->nonmember_event_cap) : "—",
				  baht, web_tr(req, "per year up to"),
				  s->nonmember_year_cap ? money(req, s->nonmember_year_cap) : "—",
				  baht));
#undef RULE
	for (i = 0; i < s->nbenefits; i++)
		json_array_append_new(bens, benefit_json(req, s, &s->benefits[i]));
	json_object_set_new(o, "rules", rules);
	json_object_set_new(o, "benefits", bens);
	return o;
}

static void render_statute(struct http_req *req, struct http_resp *resp, const struct actor *who,
			   const char *token, int64_t id, const struct err *fe)
{
	struct face *fa = req->app;
	int64_t want = web_parse_id(http_query(req, "version"));
	struct statute_list l = { 0 };
	struct fund_statute *s = xcalloc(1, sizeof(*s));
	struct date today = app_today(fa->app);
	const struct statute_row *show = NULL, *cur = NULL;
	struct fund f;
	struct err e;
	json_t *ctx, *versions;
	size_t i;

	err_init(&e);
	if (!web_fund_load(req, resp, who, token, id, &f))
		goto done;
	if (app_fund_statutes(fa->app, who, id, &l, &e)) {
		web_error(req, resp, &e, who, token);
		goto done;
	}
	for (i = 0; i < l.n; i++)
		if (!cur || date_cmp(l.items[i].effective_from, today) <= 0)
			cur = &l.items[i];
	show = cur;
	for (i = 0; want && i < l.n; i++)
		if (l.items[i].id == want)
			show = &l.items[i];
	ctx = web_fund_ctx(req, who, &f, "statute", web_tr(req, "Statute"));
	versions = json_array();
	for (i = l.n; i-- > 0;) {
		const struct statute_row *r = &l.items[i];

		json_array_append_new(
			versions,
			json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:b}", "href",
				  arena_printf(req->arena, "/funds/%lld/statute?version=%lld",
					       (long long)id, (long long)r->id),
				  "effective", date_text(req, r->effective_from), "approved",
				  date_text(req, r->approved_on), "note", r->note, "by",
				  r->created_by, "current", r == cur, "shown", r == show));
	}
	json_object_set_new(ctx, "versions", versions);
	if (show && show->rules) {
		struct err pe;

		err_init(&pe);
		put_s(ctx, "shown_effective", web_date_text(req, show->effective_from, DATE_LONG));
		put_b(ctx, "shown_current", show == cur);
		if (!fund_statute_parse(show->rules, strlen(show->rules), s, &pe))
			json_object_set_new(ctx, "statute", statute_json(req, s));
		else
			put_s(ctx, "statute_error", web_en(req) ? pe.en : pe.th);
	}
	/* The expert form starts from the version shown, indented for reading. */
	if (fe) {
		put_s(sub(ctx, "v", "statute"), "rules", S(http_form(req, "rules")));
		web_fund_form_error(req, resp, ctx, "statute",
				    (const char *const[]){ "effective_from", "approved_on", "note",
							   "rules" },
				    4, fe);
		/* A statute's own field names (benefits[2].amount) belong to the rules box. */
		if (!json_object_get(sub(ctx, "errors", "statute"), "effective_from") &&
		    !json_object_get(sub(ctx, "errors", "statute"), "approved_on") &&
		    !json_object_get(sub(ctx, "errors", "statute"), "note"))
			put_s(sub(ctx, "errors", "statute"), "rules",
			      arena_printf(req->arena, "%s%s%s", *fe->field ? fe->field : "",
					   *fe->field ? ": " : "", web_en(req) ? fe->en : fe->th));
	} else if (show && show->rules) {
		json_t *j = json_loads(show->rules, 0, NULL);
		char *pretty = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;

		put_s(sub(ctx, "v", "statute"), "rules", pretty ? pretty : show->rules);
		free(pretty);
		json_decref(j);
	}
	web_page(req, resp, "fund_statute", ctx, who, token);
	statute_list_release(&l);
done:
	free(s);
}

static void web_fund_statute(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_statute(req, resp, &who, token, web_parse_id(req->params[0]), NULL);
}

static void web_fund_statute_add(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), sid = 0;
	struct actor who;
	const char *token;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	if (!app_fund_statute_add(fa->app, &who, id, S(http_form(req, "effective_from")),
				  S(http_form(req, "rules")), S(http_form(req, "approved_on")),
				  S(http_form(req, "note")), &sid, &e)) {
		http_redirect(req, resp, href(req, "/funds/%lld/statute?done=statute", id));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_statute(req, resp, &who, token, id, &e);
}

/* Literal segments come before {id} at the same place, so /funds/members/7
 * is a member and /funds/7/members a fund's list. */
const struct http_route web_fund_routes[] = {
	{ "GET", "/funds", web_funds },
	{ "POST", "/funds", web_fund_create },
	{ "GET", "/funds/members/{id}", web_fund_member },
	{ "POST", "/funds/members/{id}/pay", web_fund_member_pay },
	{ "POST", "/funds/members/{id}/end", web_fund_member_end },
	{ "POST", "/funds/members/{id}/transfer", web_fund_member_transfer },
	{ "GET", "/funds/receipts/{id}", web_fund_receipt },
	{ "POST", "/funds/receipts/{id}/void", web_fund_receipt_void },
	{ "GET", "/funds/claims/{id}", web_fund_claim },
	{ "POST", "/funds/claims/{id}/step", web_fund_claim_step },
	{ "POST", "/funds/claims/{id}/pay", web_fund_claim_pay },
	{ "GET", "/funds/{id}", web_fund },
	{ "POST", "/funds/{id}", web_fund_update },
	{ "POST", "/funds/{id}/branches", web_fund_branch_add },
	{ "POST", "/funds/{id}/committee", web_fund_committee_add },
	{ "POST", "/funds/{id}/banks", web_fund_bank_add },
	{ "GET", "/funds/{id}/members", web_fund_members },
	{ "GET", "/funds/{id}/members/new", web_fund_member_new },
	{ "POST", "/funds/{id}/members", web_fund_member_add },
	{ "GET", "/funds/{id}/collect", web_fund_collect_page },
	{ "POST", "/funds/{id}/collect", web_fund_collect },
	{ "GET", "/funds/{id}/receipts", web_fund_receipts },
	{ "GET", "/funds/{id}/claims", web_fund_claims },
	{ "GET", "/funds/{id}/claims/new", web_fund_claim_new },
	{ "POST", "/funds/{id}/claims", web_fund_claim_add },
	{ "GET", "/funds/{id}/income", web_fund_income },
	{ "POST", "/funds/{id}/pledges", web_fund_pledge_add },
	{ "POST", "/funds/{id}/income", web_fund_income_add },
	{ "GET", "/funds/{id}/expenses", web_fund_expenses },
	{ "POST", "/funds/{id}/expenses", web_fund_expense_add },
	{ "GET", "/funds/{id}/statute", web_fund_statute },
	{ "POST", "/funds/{id}/statute", web_fund_statute_add },
};
const size_t web_fund_nroutes = ARRAY_SIZE(web_fund_routes);
