/*
 * Pages of the welfare programs (app/program), for a welfare officer of a
 * local government on a phone or an office PC: the catalogue under the four
 * pillars with each program's rules as an officer reads them; a program's
 * versions with the forms for a new version and a dry run of new rules; the
 * enrolments of an office; the application form; and one enrolment with
 * its steps, what the rules say about the person today, and the buttons
 * that move it on. The payroll pages are in web/payroll.c.
 *
 * The enrolment workflow (app_enrol_step) as the buttons show it:
 *
 *     applied --verify--> verified --approve--> active <--resume-- suspended
 *        |                   |                    |  \--suspend-->    |
 *        +------reject-------+--> rejected        +------end----------+--> ended
 *
 * The use cases decide who may see and change what; a page only lays out
 * what they return, and shows forms to the roles that may use them (the use
 * case checks again). Every form POSTs with the CSRF token. A POST that
 * succeeds redirects (?done= picks a notice from a fixed set); one that
 * fails shows the page again with the message next to the field and what
 * was typed; 403 and 404 get the error page. A refused step says why in the
 * rules' own words.
 *
 * Dates are shown in the Buddhist Era in Thai (C.E. in English) and typed
 * as B.E. d/m/yyyy or ISO; money is shown in baht.
 */
#include "web/program.h"
#include "app/person.h"
#include "core/date.h"
#include "core/geo.h"
#include "core/money.h"
#include "core/program.h"
#include "core/rules.h"

#define LIST_PAGE 50
#define DOCS_MAX 32

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

static const char *date_text(struct http_req *req, struct date d)
{
	return web_date_text(req, d, DATE_MEDIUM);
}

/* A link with one id in it: href(req, "/programs/%lld", id). */
#define href(req, fmt, id) arena_printf((req)->arena, fmt, (long long)(id))

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

/* A code and its English label (the msgid). */
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

static const struct label enrol_statuses[] = {
	{ "applied", "Applied" },     { "verified", "Verified" }, { "active", "Receiving" },
	{ "suspended", "Payment suspended" }, { "ended", "Enrolment ended" },	  { "rejected", "Rejected" },
};

/* The notices of redirects after a POST, chosen by ?done=. */
static const struct label notices[] = {
	{ "program", "The program was added." },
	{ "version", "The new rules version was saved." },
	{ "applied", "The application was recorded." },
	{ "verified", "Verified: the person meets the rules." },
	{ "approved", "Approved: payment starts from the month after the application." },
	{ "rejected", "The application was rejected." },
	{ "suspended", "Payment was suspended." },
	{ "resumed", "Payment was resumed." },
	{ "ended", "The enrolment was ended." },
	{ "generated", "The payroll for the month is ready." },
	{ "payroll_approved", "The payroll was approved." },
	{ "bank", "The bank's result was read." },
	{ "documents", "The documents seen were recorded." },
	{ "outreach", "The gap list became outreach cases." },
	{ "assigned", "The case was assigned to the volunteer." },
	{ "visited", "The visit was recorded and the case closed." },
};

/* ---- shared with web/payroll.c (web/program.h) ---- */

json_t *web_program_ctx(struct http_req *req, const struct actor *who, const char *section,
			const char *title)
{
	static const struct label tabs[] = {
		{ "catalogue", "Program catalogue" },
		{ "enrolments", "Enrolments" },
		{ "payrolls", "Payrolls" },
		{ "coverage", "Coverage and gaps" },
		{ "outreach", "Outreach" },
	};
	static const char *const paths[] = { "/programs", "/enrolments", "/payrolls", "/coverage",
					     "/outreach" };
	struct face *fa = req->app;
	const char *done = http_query(req, "done");
	json_t *ctx = json_object(), *t = json_array();
	size_t i;

	(void)who;
	for (i = 0; i < ARRAY_SIZE(tabs); i++)
		json_array_append_new(t, json_pack("{s:s, s:s, s:b}", "href", paths[i], "label",
						   web_tr(req, tabs[i].en), "current",
						   !strcmp(section, tabs[i].code)));
	put_b(ctx, "nav_programs", true);
	put_s(ctx, "title", title);
	put_s(ctx, "heading", title);
	json_object_set_new(ctx, "tabs", t);
	put_s(ctx, "today_be", web_form_date(req, app_today(fa->app)));
	if (done)
		for (i = 0; i < ARRAY_SIZE(notices); i++)
			if (!strcmp(done, notices[i].code))
				put_s(ctx, "notice", web_tr(req, notices[i].en));
	return ctx;
}

int web_programs_load(struct http_req *req, const struct actor *who, struct program_list *l,
		      struct err *e)
{
	struct face *fa = req->app;

	memset(l, 0, sizeof(*l));
	return app_program_list(fa->app, who, l, e);
}

const struct program *web_program_find(const struct program_list *l, int64_t id,
				       const char *code)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (code ? !strcmp(l->items[i].code, code) : l->items[i].id == id)
			return &l->items[i];
	return NULL;
}

const char *web_program_name(struct http_req *req, const struct program *p)
{
	if (!p)
		return "";
	return web_en(req) && *p->name_en ? p->name_en : p->name_th;
}

json_t *web_program_options(struct http_req *req, const struct program_list *l,
			    int64_t selected)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:b}", "id",
						   (json_int_t)l->items[i].id, "name",
						   web_program_name(req, &l->items[i]), "selected",
						   l->items[i].id == selected));
	return a;
}

const char *web_month_text(struct http_req *req, const char *month)
{
	int y = 0, m = 0;

	if (!month || sscanf(month, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
		return S(month);
	return arena_printf(req->arena, "%s %d", date_month_name(m, !web_en(req), false),
			    web_en(req) ? y : y + 543);
}

bool web_program_officer(const struct actor *who)
{
	return who->role == ROLE_NATIONAL_ADMIN || who->role == ROLE_PROVINCE_OFFICER ||
	       who->role == ROLE_DISTRICT_OFFICER || who->role == ROLE_LOCAL_OFFICER;
}

const char *web_program_office(struct http_req *req, const struct actor *who)
{
	const char *o = http_query(req, "office");

	return o && *o ? o : who->area;
}

const char *web_program_default_office(const struct actor *who)
{
	int level = geo_level(who->area);

	return level == GEO_TAMBON || level == GEO_DISTRICT ? who->area : "";
}

/* ---- reading rules ---- */

/* A rules text as the catalogue shows it: the requirements' labels in the
 * page's language, and the amount (one figure, or the lowest to the
 * highest). {requires: [label], amount, has_amount}; {} when the text does
 * not compile (the text itself is shown anyway). */
static json_t *rules_summary(struct http_req *req, const char *text)
{
	struct rules_prog *prog = NULL;
	struct buf b = BUF_INIT;
	json_t *o = json_object(), *reqs;
	int64_t lo = INT64_MAX, hi = 0;
	bool thai = !web_en(req);
	int i, n;

	if (!text || rules_compile(text, strlen(text), &prog, NULL))
		return o;
	reqs = json_array();
	for (i = 0; i < rules_require_count(prog); i++) {
		const struct rules_item *it = rules_require(prog, i);
		const char *l = thai ? it->th : it->en;

		json_array_append_new(reqs, json_string(*l ? l : it->code));
	}
	json_object_set_new(o, "requires", reqs);
	n = rules_case_count(prog);
	for (i = 0; i < n; i++) {
		int64_t a = rules_case(prog, i)->amount;

		lo = a < lo ? a : lo;
		hi = a > hi ? a : hi;
	}
	if (n && hi > 0) {
		rules_format_amount(lo, thai, &b);
		if (hi != lo) {
			buf_puts(&b, " – ");
			rules_format_amount(hi, thai, &b);
		}
		put_s(o, "amount", b.ptr);
		put_b(o, "has_amount", true);
	}
	buf_release(&b);
	rules_free(prog);
	return o;
}

/* The index of the version in force on d (-1 when none yet). */
static int version_at(const struct program_version_list *vl, struct date d)
{
	int at = -1;
	size_t i;

	for (i = 0; i < vl->n; i++)
		if (date_cmp(vl->items[i].effective_from, d) <= 0)
			at = (int)i;
	return at;
}

/* Who owns a program, as people read it. */
static const char *owner_text(struct http_req *req, const struct actor *who, const char *area)
{
	if (!strcmp(area, "TH"))
		return web_tr(req, "The state (nationwide)");
	return web_area_label(req, who, area);
}

/* The program's documents [{code, name}] in the page's language. */
static json_t *documents_json(struct http_req *req, const char *docs)
{
	json_t *in = docs ? json_loads(docs, 0, NULL) : NULL, *out = json_array(), *x;
	size_t i;

	if (json_is_array(in))
		json_array_foreach(in, i, x) {
			const char *code = json_string_value(json_object_get(x, "code"));
			const char *th = json_string_value(json_object_get(x, "th"));
			const char *en = json_string_value(json_object_get(x, "en"));

			if (!code)
				continue;
			json_array_append_new(
				out, json_pack("{s:s, s:s}", "code", code, "name",
					       web_en(req) && en && *en ? en : (th && *th ? th : code)));
		}
	json_decref(in);
	return out;
}

/* A program with its versions, for the catalogue and its own page. */
static json_t *program_json(struct http_req *req, const struct actor *who,
			    const struct program *p, const struct program_version_list *vl)
{
	struct face *fa = req->app;
	struct date today = app_today(fa->app);
	int cur = version_at(vl, today);
	json_t *o = json_object(), *vs = json_array();
	int pillar = program_pillar_parse(p->pillar);
	size_t i;

	put_i(o, "id", p->id);
	put_s(o, "href", href(req, "/programs/%lld", p->id));
	put_s(o, "code", p->code);
	put_s(o, "name", web_program_name(req, p));
	put_s(o, "other_name", web_en(req) ? p->name_th : p->name_en);
	put_b(o, "has_other_name", strcmp(p->name_th, p->name_en) != 0);
	put_s(o, "pillar", pillar > 0 ? program_pillar_name(pillar, !web_en(req)) : p->pillar);
	put_s(o, "owner", owner_text(req, who, p->owner_area));
	put_b(o, "state", !strcmp(p->owner_area, "TH"));
	put_s(o, "per_period", !strcmp(p->period, "month") ? web_tr(req, "a month") : p->period);
	put_s(o, "period_text", !strcmp(p->period, "month") ? web_tr(req, "Once a month") : p->period);
	put_s(o, "source", p->source);
	json_object_set_new(o, "documents", documents_json(req, p->documents));
	put_s(o, "enrolments_href", href(req, "/enrolments?program=%lld", p->id));
	put_s(o, "apply_href", href(req, "/enrolments/new?program=%lld", p->id));
	for (i = 0; i < vl->n; i++) {
		const struct program_version *v = &vl->items[i];
		json_t *x = json_object();

		put_i(x, "id", v->id);
		put_s(x, "effective", web_date_text(req, v->effective_from, DATE_LONG));
		put_s(x, "rules", v->rules);
		put_s(x, "note", v->note);
		put_s(x, "by", v->created_by);
		put_b(x, "current", (int)i == cur);
		put_b(x, "upcoming", (int)i > cur);
		put_b(x, "past", (int)i < cur);
		json_array_insert_new(vs, 0, x); /* newest first */
	}
	json_object_set_new(o, "versions", vs);
	put_i(o, "nversions", (int64_t)vl->n);
	if (cur >= 0) {
		const struct program_version *v = &vl->items[cur];
		json_t *c = rules_summary(req, v->rules);

		put_s(c, "effective", web_date_text(req, v->effective_from, DATE_LONG));
		put_s(c, "rules", v->rules);
		json_object_set_new(o, "current", c);
	}
	if (cur + 1 < (int)vl->n)
		put_s(o, "upcoming", web_date_text(req, vl->items[cur + 1].effective_from, DATE_LONG));
	return o;
}

/* s without the white space around it (s is changed). */
static char *trim(char *s)
{
	char *end;

	s += strspn(s, " \t");
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return s;
}

/* ---- the catalogue ---- */

static const char *program_fields[] = { "code",	      "name_th",	"name_en",
					"pillar",     "owner_area",	"documents",
					"source",     "effective_from", "rules" };

/* The pillars as select options [{code, name, selected}]. */
static json_t *pillar_options(struct http_req *req, const char *selected)
{
	json_t *a = json_array();
	int p;

	for (p = PILLAR_ASSISTANCE; p < PILLAR_COUNT; p++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "code", program_pillar_code(p),
						   "name", program_pillar_name(p, !web_en(req)),
						   "selected",
						   selected && !strcmp(selected, program_pillar_code(p))));
	return a;
}

/* What the new-program form starts with: a small example of the language. */
static const char *rules_example =
	"require age: age >= 60 \"อายุ 60 ปีขึ้นไป\" \"aged 60 or over\"\n"
	"require area: area in office \"มีทะเบียนบ้านในเขต\" \"registered in the area\"\n"
	"        else \"ทะเบียนบ้านอยู่นอกเขต\" \"registered outside the area\"\n"
	"amount 300 baht \"เบี้ยเสริมรายเดือน\" \"monthly top-up\"\n";

static void render_catalogue(struct http_req *req, struct http_resp *resp,
			     const struct actor *who, const char *token, const struct err *fe)
{
	struct program_list l;
	struct err e;
	json_t *ctx, *groups;
	int p;

	err_init(&e);
	if (web_programs_load(req, who, &l, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	ctx = web_program_ctx(req, who, "catalogue", web_tr(req, "Welfare programs"));
	put_s(ctx, "eyebrow", web_tr(req, "The four pillars of social welfare"));
	groups = json_array();
	for (p = PILLAR_ASSISTANCE; p < PILLAR_COUNT; p++) {
		json_t *g = json_object(), *ps = json_array();
		size_t i;

		for (i = 0; i < l.n; i++) {
			struct program_version_list vl = { NULL, 0, 0 };
			struct program one;
			struct face *fa = req->app;

			if (program_pillar_parse(l.items[i].pillar) != p)
				continue;
			if (app_program_get(fa->app, who, l.items[i].id, &one, &vl, NULL))
				continue;
			json_array_append_new(ps, program_json(req, who, &one, &vl));
			program_release(&one);
			program_version_list_release(&vl);
		}
		put_s(g, "code", program_pillar_code(p));
		put_s(g, "name", program_pillar_name(p, !web_en(req)));
		put_b(g, "has_programs", json_array_size(ps) > 0);
		json_object_set_new(g, "programs", ps);
		json_array_append_new(groups, g);
	}
	json_object_set_new(ctx, "pillars", groups);
	put_i(ctx, "count", (int64_t)l.n);
	program_list_release(&l);
	if (role_can(who->role, PERM_WRITE)) {
		json_t *v = sub(ctx, "v", "program");

		put_b(ctx, "can_add", true);
		put_b(ctx, "is_national", !strcmp(who->area, "TH"));
		put_s(v, "owner_area", who->area);
		put_s(v, "effective_from", json_string_value(json_object_get(ctx, "today_be")));
		put_s(v, "rules", rules_example);
		json_object_set_new(ctx, "pillar_options",
				    pillar_options(req, fe ? http_form(req, "pillar") : "assistance"));
	}
	if (fe)
		web_fund_form_error(req, resp, ctx, "program", program_fields,
				    ARRAY_SIZE(program_fields), fe);
	web_page(req, resp, "program_catalogue", ctx, who, token);
}

static void web_programs(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_catalogue(req, resp, &who, token, NULL);
}

/*
 * The documents textarea as the program's JSON list: one document a line,
 * "ชื่อไทย | English name" (the English part optional), coded d1, d2, ...
 * in order. The caller frees the result.
 */
static int documents_of_form(const char *typed, char **out, struct err *e)
{
	json_t *a = json_array();
	const char *s = S(typed);
	int n = 0;

	*out = NULL;
	while (*s) {
		size_t len = strcspn(s, "\r\n");
		char *line = xstrndup(s, len), *bar = strchr(line, '|'), *th, *en;

		if (bar)
			*bar = '\0';
		th = trim(line);
		en = bar ? trim(bar + 1) : th + strlen(th);
		if (*th || *en) {
			char code[16];

			if (++n > DOCS_MAX || strlen(th) > 200 || strlen(en) > 200) {
				free(line);
				json_decref(a);
				return err_set(e, ERR_INVALID, "documents",
					       "เอกสารได้ไม่เกิน %d รายการ บรรทัดละไม่เกิน 200 ตัวอักษร",
					       "at most %d documents, each line up to 200 characters",
					       DOCS_MAX);
			}
			snprintf(code, sizeof(code), "d%d", n);
			json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "code", code, "th",
							   *th ? th : en, "en", *en ? en : th));
		}
		free(line);
		s += len;
		s += strspn(s, "\r\n");
	}
	*out = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return 0;
}

static void web_program_create(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	struct program_in in;
	struct actor who;
	const char *token;
	char *docs = NULL;
	int64_t id = 0;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	memset(&in, 0, sizeof(in));
	in.code = S(http_form(req, "code"));
	in.name_th = S(http_form(req, "name_th"));
	in.name_en = S(http_form(req, "name_en"));
	in.pillar = S(http_form(req, "pillar"));
	in.owner_area = S(http_form(req, "owner_area"));
	in.source = S(http_form(req, "source"));
	rc = documents_of_form(http_form(req, "documents"), &docs, &e);
	in.documents = docs;
	if (!rc)
		rc = app_program_add(fa->app, &who, &in, S(http_form(req, "rules")),
				     S(http_form(req, "effective_from")), &id, &e);
	free(docs);
	if (rc) {
		if (web_fund_fatal(&e))
			web_error(req, resp, &e, &who, token);
		else
			render_catalogue(req, resp, &who, token, &e);
		return;
	}
	http_redirect(req, resp, href(req, "/programs/%lld?done=program", id));
}

/* ---- one program: versions, a new version, a dry run ---- */

static const char *version_fields[] = { "effective_from", "note", "rules" };
static const char *dry_fields[] = { "area", "on", "rules" };

/* The dry run's result for the page. */
static json_t *dry_json(struct http_req *req, const struct dry_run *d)
{
	json_t *o = json_object(), *g = json_array(), *l = json_array();
	int i;

	put_i(o, "people", d->people);
	put_i(o, "eligible_now", d->eligible_now);
	put_i(o, "eligible_new", d->eligible_new);
	put_i(o, "gain", d->gain);
	put_i(o, "lose", d->lose);
	put_i(o, "more", d->more);
	put_i(o, "less", d->less);
	put_s(o, "cost_now", money(req, d->cost_now));
	put_s(o, "cost_new", money(req, d->cost_new));
	put_s(o, "cost_diff", arena_printf(req->arena, "%s%s", d->cost_new >= d->cost_now ? "+" : "−",
					   money(req, d->cost_new >= d->cost_now
							      ? d->cost_new - d->cost_now
							      : d->cost_now - d->cost_new)));
	put_b(o, "costs_more", d->cost_new > d->cost_now);
	put_b(o, "costs_less", d->cost_new < d->cost_now);
	for (i = 0; i < d->nsample_gain; i++)
		json_array_append_new(g, json_pack("{s:I, s:s}", "id", (json_int_t)d->sample_gain[i],
						   "href", href(req, "/persons/%lld", d->sample_gain[i])));
	for (i = 0; i < d->nsample_lose; i++)
		json_array_append_new(l, json_pack("{s:I, s:s}", "id", (json_int_t)d->sample_lose[i],
						   "href", href(req, "/persons/%lld", d->sample_lose[i])));
	json_object_set_new(o, "sample_gain", g);
	json_object_set_new(o, "sample_lose", l);
	put_b(o, "has_gain", d->nsample_gain > 0);
	put_b(o, "has_lose", d->nsample_lose > 0);
	return o;
}

static void render_program(struct http_req *req, struct http_resp *resp, const struct actor *who,
			   const char *token, int64_t id, const char *form,
			   const char *const *fields, size_t nfields, const struct err *fe,
			   const struct dry_run *dr)
{
	struct face *fa = req->app;
	struct program_version_list vl = { NULL, 0, 0 };
	struct program p;
	struct err e;
	json_t *ctx, *o, *cur;
	const char *rules;

	err_init(&e);
	if (!id) {
		web_fund_not_found(req, resp, who, token);
		return;
	}
	if (app_program_get(fa->app, who, id, &p, &vl, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	o = program_json(req, who, &p, &vl);
	ctx = web_program_ctx(req, who, "catalogue", json_string_value(json_object_get(o, "name")));
	put_s(ctx, "eyebrow", arena_printf(req->arena, "%s · %s",
					   json_string_value(json_object_get(o, "pillar")),
					   json_string_value(json_object_get(o, "owner"))));
	cur = json_object_get(o, "current");
	rules = vl.n ? vl.items[vl.n - 1].rules : "";
	put_b(ctx, "can_write", !actor_check(who, PERM_WRITE, p.owner_area, NULL));
	put_b(ctx, "can_apply", role_can(who->role, PERM_WRITE));
	json_object_set_new(ctx, "help_version", json_pack("{s:s}", "rules_hint_id", "v_rules-hint"));
	/* The new version and the dry run start from the latest rules. */
	put_s(sub(ctx, "v", "version"), "rules", rules);
	put_s(sub(ctx, "v", "dry"), "rules",
	      cur ? json_string_value(json_object_get(cur, "rules")) : rules);
	put_s(sub(ctx, "v", "dry"), "area",
	      strcmp(who->area, "TH") ? who->area : (strcmp(p.owner_area, "TH") ? p.owner_area : ""));
	put_s(sub(ctx, "v", "dry"), "on", json_string_value(json_object_get(ctx, "today_be")));
	json_object_set_new(ctx, "program", o);
	if (dr) {
		json_object_set_new(ctx, "dry", dry_json(req, dr));
		put_b(sub(ctx, "open", NULL), "dry", true);
		put_s(sub(ctx, "v", "dry"), "rules", S(http_form(req, "rules")));
		put_s(sub(ctx, "v", "dry"), "area", S(http_form(req, "area")));
		put_s(sub(ctx, "v", "dry"), "on", S(http_form(req, "on")));
	}
	if (form && fe)
		web_fund_form_error(req, resp, ctx, form, fields, nfields, fe);
	program_release(&p);
	program_version_list_release(&vl);
	web_page(req, resp, "program_detail", ctx, who, token);
}

static void web_program(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_program(req, resp, &who, token, web_parse_id(req->params[0]), NULL, NULL, 0, NULL,
		       NULL);
}

static void web_program_version_add(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), vid = 0;
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
	if (!app_program_version_add(fa->app, &who, id, S(http_form(req, "effective_from")),
				     S(http_form(req, "rules")), S(http_form(req, "note")), &vid,
				     &e)) {
		http_redirect(req, resp, href(req, "/programs/%lld?done=version#versions", id));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_program(req, resp, &who, token, id, "version", version_fields,
			       ARRAY_SIZE(version_fields), &e, NULL);
}

static void web_program_dry_run(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct dry_run d;
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
	if (!app_program_dry_run(fa->app, &who, id, S(http_form(req, "rules")),
				 S(http_form(req, "on")), S(http_form(req, "area")), &d, &e)) {
		render_program(req, resp, &who, token, id, NULL, NULL, 0, NULL, &d);
		return;
	}
	/* An area outside the scope is a field to correct here, not a 403 page. */
	if ((e.code == ERR_FORBIDDEN || e.code == ERR_NOT_FOUND) && !strcmp(e.field, "area"))
		e.code = ERR_INVALID;
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_program(req, resp, &who, token, id, "dry", dry_fields,
			       ARRAY_SIZE(dry_fields), &e, NULL);
}

/* ---- enrolments ---- */

static json_t *enrol_row(struct http_req *req, const struct actor *who,
			 const struct program_list *pl, const struct enrolment *x)
{
	json_t *o = json_object();

	put_i(o, "id", x->id);
	put_s(o, "href", href(req, "/enrolments/%lld", x->id));
	put_s(o, "name", x->name);
	put_s(o, "person_href", href(req, "/persons/%lld", x->person_id));
	put_s(o, "national_id", web_nid_text(req, x->national_id));
	put_s(o, "program", pl ? web_program_name(req, web_program_find(pl, x->program_id, NULL))
			       : x->program_code);
	put_s(o, "office", web_area_label(req, who, x->office));
	put_s(o, "applied", date_text(req, x->applied_on));
	put_s(o, "paid_through", x->paid_through.y ? web_month_text(req, arena_printf(
								   req->arena, "%04d-%02d",
								   x->paid_through.y,
								   x->paid_through.m))
						   : "");
	put_s(o, "status", x->status);
	put_s(o, "status_name", label_of(req, enrol_statuses, ARRAY_SIZE(enrol_statuses), x->status));
	put_b(o, "ok", !strcmp(x->status, "active"));
	put_b(o, "warn", !strcmp(x->status, "applied") || !strcmp(x->status, "verified") ||
				 !strcmp(x->status, "suspended"));
	put_b(o, "dead", !strcmp(x->status, "ended") || !strcmp(x->status, "rejected"));
	return o;
}

json_t *web_person_enrolments(struct http_req *req, const struct actor *who, int64_t person_id)
{
	struct face *fa = req->app;
	struct enrolment_list l = { NULL, 0, 0 };
	struct program_list pl;
	json_t *a = json_array();
	size_t i;

	if (app_enrol_of_person(fa->app, who, person_id, &l, NULL))
		return a;
	if (web_programs_load(req, who, &pl, NULL))
		memset(&pl, 0, sizeof(pl));
	for (i = 0; i < l.n; i++)
		json_array_append_new(a, enrol_row(req, who, &pl, &l.items[i]));
	program_list_release(&pl);
	enrolment_list_release(&l);
	return a;
}

static void web_enrolments(struct http_req *req, struct http_resp *resp)
{
	static const char *const filters[] = { "applied", "verified", "active",
					       "suspended", "ended", "rejected" };
	struct face *fa = req->app;
	const char *office, *status = S(http_query(req, "status"));
	int64_t program = web_parse_id(http_query(req, "program"));
	int64_t offset = web_parse_id(http_query(req, "offset"));
	struct enrolment_list l = { NULL, 0, 0 };
	struct program_list pl;
	struct actor who;
	const char *token, *base;
	struct err e;
	json_t *ctx, *rows, *tabs;
	bool known = !*status;
	size_t i;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	office = web_program_office(req, &who);
	for (i = 0; i < ARRAY_SIZE(filters); i++)
		known |= !strcmp(status, filters[i]);
	if (!known)
		status = "";
	if (web_programs_load(req, &who, &pl, &e) ||
	    app_enrol_list(fa->app, &who, office, program, status, LIST_PAGE + 1, offset, &l, &e)) {
		program_list_release(&pl);
		web_error(req, resp, &e, &who, token);
		return;
	}
	ctx = web_program_ctx(req, &who, "enrolments", web_tr(req, "Enrolments"));
	put_s(ctx, "office", office);
	put_s(ctx, "office_name", strcmp(office, "TH") ? web_area_label(req, &who, office)
						       : web_tr(req, "Thailand"));
	put_s(ctx, "eyebrow", arena_printf(req->arena, "%s · %s", web_tr(req, "Paying office"),
					   json_string_value(json_object_get(ctx, "office_name"))));
	put_i(ctx, "program_id", program);
	put_s(ctx, "status", status);
	json_object_set_new(ctx, "program_options", web_program_options(req, &pl, program));
	rows = json_array();
	for (i = 0; i < l.n && i < LIST_PAGE; i++)
		json_array_append_new(rows, enrol_row(req, &who, &pl, &l.items[i]));
	json_object_set_new(ctx, "enrolments", rows);
	put_b(ctx, "has_enrolments", json_array_size(rows) > 0);
	put_i(ctx, "first", offset + 1);
	put_i(ctx, "last", offset + (int64_t)json_array_size(rows));
	base = arena_printf(req->arena, "/enrolments?office=%s&program=%lld", office,
			    (long long)program);
	tabs = json_array();
	json_array_append_new(tabs, json_pack("{s:s, s:s, s:b}", "href", base, "label",
					      web_tr(req, "All"), "current", !*status));
	for (i = 0; i < ARRAY_SIZE(filters); i++)
		json_array_append_new(
			tabs, json_pack("{s:s, s:s, s:b}", "href",
					arena_printf(req->arena, "%s&status=%s", base, filters[i]),
					"label",
					label_of(req, enrol_statuses, ARRAY_SIZE(enrol_statuses),
						 filters[i]),
					"current", !strcmp(status, filters[i])));
	json_object_set_new(ctx, "filters", tabs);
	if (l.n > LIST_PAGE)
		put_s(ctx, "next_href", arena_printf(req->arena, "%s&status=%s&offset=%lld", base,
						     status, (long long)(offset + LIST_PAGE)));
	if (offset > 0)
		put_s(ctx, "prev_href",
		      arena_printf(req->arena, "%s&status=%s&offset=%lld", base, status,
				   (long long)(offset > LIST_PAGE ? offset - LIST_PAGE : 0)));
	put_b(ctx, "can_apply", role_can(who.role, PERM_WRITE));
	enrolment_list_release(&l);
	program_list_release(&pl);
	web_page(req, resp, "program_enrolments", ctx, &who, token);
}

/* ---- the application form ---- */

static const char *apply_fields[] = { "person_id", "national_id", "office", "applied_on",
				      "documents" };

static void render_apply(struct http_req *req, struct http_resp *resp, const struct actor *who,
			 const char *token, const struct err *fe)
{
	struct face *fa = req->app;
	int64_t program = web_parse_id(fe ? http_form(req, "program_id")
					  : http_query(req, "program"));
	struct program_version_list vl = { NULL, 0, 0 };
	struct program_list pl;
	struct program p;
	struct err e;
	json_t *ctx, *v, *docs, *x;
	size_t i;

	err_init(&e);
	if (web_programs_load(req, who, &pl, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	ctx = web_program_ctx(req, who, "enrolments", web_tr(req, "Apply for a program"));
	json_object_set_new(ctx, "program_options", web_program_options(req, &pl, program));
	program_list_release(&pl);
	v = sub(ctx, "v", "apply");
	put_s(v, "person_id", S(http_query(req, "person")));
	put_s(v, "office", web_program_default_office(who));
	put_s(v, "applied_on", json_string_value(json_object_get(ctx, "today_be")));
	put_s(ctx, "person_q", S(http_query(req, "person")));
	if (program && !app_program_get(fa->app, who, program, &p, &vl, NULL)) {
		json_t *o = program_json(req, who, &p, &vl);

		/* Documents seen: ticked again after a failed submit. */
		docs = json_object_get(o, "documents");
		json_array_foreach(docs, i, x) {
			const char *code = json_string_value(json_object_get(x, "code"));

			put_b(x, "checked",
			      fe && http_form(req, arena_printf(req->arena, "doc_%s", code)) != NULL);
		}
		put_b(o, "has_documents", json_array_size(docs) > 0);
		json_object_set_new(ctx, "program", o);
		program_release(&p);
		program_version_list_release(&vl);
	}
	if (fe)
		web_fund_form_error(req, resp, ctx, "apply", apply_fields, ARRAY_SIZE(apply_fields),
				    fe);
	web_page(req, resp, "program_apply", ctx, who, token);
}

static void web_enrolment_new(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_apply(req, resp, &who, token, NULL);
}

/* The registry person a form names: a record number, or else a national ID
 * looked up in the registry. */
static int person_of_form(struct http_req *req, const struct actor *who, int64_t *person,
			  struct err *e)
{
	struct face *fa = req->app;
	const char *typed = S(http_form(req, "person_id")), *nid = S(http_form(req, "national_id"));
	struct person_list l = PERSON_LIST_INIT;
	struct person_query q;
	char digits[16];
	size_t n = 0;
	const char *p;

	*person = web_parse_id(typed);
	if (*person)
		return 0;
	if (*typed)
		return err_set(e, ERR_INVALID, "person_id", "เลขทะเบียนบุคคลเป็นตัวเลข%s",
			       "a person's record number is a number%s", "");
	for (p = nid; *p && n < sizeof(digits) - 1; p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	digits[n] = '\0';
	if (!*nid)
		return err_set(e, ERR_INVALID, "person_id",
			       "กรุณาใส่เลขทะเบียนบุคคล หรือเลขประจำตัวประชาชน%s",
			       "enter the person's record number or national ID%s", "");
	if (n != 13)
		return err_set(e, ERR_INVALID, "national_id", "เลขประจำตัวประชาชนมี 13 หลัก%s",
			       "a national ID has 13 digits%s", "");
	memset(&q, 0, sizeof(q));
	q.national_id = digits;
	q.today = app_today(fa->app);
	q.limit = 2;
	if (app_person_search(fa->app, who, &q, &l, e))
		return e->code;
	if (l.n != 1) {
		person_list_release(&l);
		return err_set(e, ERR_INVALID, "national_id",
			       "ไม่พบผู้มีเลขประจำตัวประชาชนนี้ในทะเบียน ลงทะเบียนบุคคลก่อน%s",
			       "no one in the registry has this national ID; register the person first%s",
			       "");
	}
	*person = l.items[0].id;
	person_list_release(&l);
	return 0;
}

/* The documents ticked on the form, as the JSON list of their codes (the
 * caller frees it). */
static char *documents_ticked(struct http_req *req, const struct actor *who, int64_t program)
{
	struct face *fa = req->app;
	struct program p;
	json_t *docs, *out = json_array(), *x;
	char *s;
	size_t i;

	if (!app_program_get(fa->app, who, program, &p, NULL, NULL)) {
		docs = json_loads(p.documents ? p.documents : "[]", 0, NULL);
		json_array_foreach(docs, i, x) {
			const char *code = json_string_value(json_object_get(x, "code"));

			if (code && http_form(req, arena_printf(req->arena, "doc_%s", code)))
				json_array_append_new(out, json_string(code));
		}
		json_decref(docs);
		program_release(&p);
	}
	s = json_dumps(out, JSON_COMPACT);
	json_decref(out);
	return s;
}

static void web_enrolment_create(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t program = web_parse_id(http_form(req, "program_id")), person = 0, id = 0;
	struct actor who;
	const char *token;
	char *docs = NULL;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	rc = person_of_form(req, &who, &person, &e);
	if (!rc) {
		docs = documents_ticked(req, &who, program);
		rc = app_enrol_apply(fa->app, &who, program, person, S(http_form(req, "office")),
				     S(http_form(req, "applied_on")), docs, &id, &e);
		free(docs);
	}
	/* An office or a person outside the scope is a field to correct, not a
	 * 403 page; a role that may not apply gets the page. */
	if (rc == ERR_FORBIDDEN && !strcmp(e.field, "area"))
		snprintf(e.field, sizeof(e.field), "%s",
			 actor_check(&who, PERM_WRITE, S(http_form(req, "office")), NULL)
				 ? "office"
				 : "person_id");
	if (rc == ERR_FORBIDDEN && *e.field)
		e.code = ERR_INVALID;
	if (rc) {
		if (web_fund_fatal(&e))
			web_error(req, resp, &e, &who, token);
		else
			render_apply(req, resp, &who, token, &e);
		return;
	}
	http_redirect(req, resp, href(req, "/enrolments/%lld?done=applied", id));
}

/* ---- one enrolment ---- */

static const char *step_fields[] = { "date", "note" };

/* The explanation's lines: the decision first, then one per requirement
 * with ok (✓) or not (✗). */
static json_t *explain_json(const char *text)
{
	json_t *o = json_object(), *lines = json_array();
	const char *s = text;
	bool first = true;

	while (s && *s) {
		size_t len = strcspn(s, "\n");
		char *line = xstrndup(s, len);

		if (first) {
			put_s(o, "decision", line);
			first = false;
		} else if (!strncmp(line, "✓ ", strlen("✓ "))) {
			json_array_append_new(lines, json_pack("{s:s, s:b}", "text",
							       line + strlen("✓ "), "ok", 1));
		} else if (!strncmp(line, "✗ ", strlen("✗ "))) {
			json_array_append_new(lines, json_pack("{s:s, s:b}", "text",
							       line + strlen("✗ "), "ok", 0));
		} else if (*line) {
			json_array_append_new(lines, json_pack("{s:s, s:b}", "text", line, "ok", 0));
		}
		free(line);
		s += len;
		if (*s)
			s++;
	}
	json_object_set_new(o, "lines", lines);
	return o;
}

static void render_enrolment(struct http_req *req, struct http_resp *resp,
			     const struct actor *who, const char *token, int64_t id,
			     const struct err *fe)
{
	struct face *fa = req->app;
	struct enrolment_step_list steps = { NULL, 0, 0 };
	struct program_version_list vl = { NULL, 0, 0 };
	struct buf why = BUF_INIT;
	struct enrolment x;
	struct program p;
	struct date on;
	struct err e, qe;
	json_t *ctx, *o, *st, *docs, *seen, *d;
	const char *status;
	bool have_p, can;
	size_t i;

	err_init(&e);
	err_init(&qe);
	if (!id) {
		web_fund_not_found(req, resp, who, token);
		return;
	}
	if (app_enrol_get(fa->app, who, id, &x, &steps, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	memset(&p, 0, sizeof(p));
	have_p = !app_program_get(fa->app, who, x.program_id, &p, &vl, NULL);
	ctx = web_program_ctx(req, who, "enrolments", x.name);
	o = enrol_row(req, who, NULL, &x);
	status = x.status;
	put_s(o, "program", have_p ? web_program_name(req, &p) : x.program_code);
	put_s(o, "program_href", href(req, "/programs/%lld", x.program_id));
	put_s(o, "office_href", arena_printf(req->arena, "/enrolments?office=%s", x.office));
	put_s(o, "applied_long", web_date_text(req, x.applied_on, DATE_LONG));
	put_s(o, "active_from", x.active_from.y ? web_month_text(req, arena_printf(
								  req->arena, "%04d-%02d",
								  x.active_from.y, x.active_from.m))
						: "");
	put_s(o, "ended_on", date_text(req, x.ended_on));
	put_s(o, "end_reason", x.end_reason);
	put_s(o, "by", x.created_by);
	/* The program's documents, each seen or not when applying. */
	docs = have_p ? documents_json(req, p.documents) : json_array();
	seen = json_loads(x.documents ? x.documents : "[]", 0, NULL);
	json_array_foreach(docs, i, d) {
		const char *code = json_string_value(json_object_get(d, "code"));
		size_t k;
		json_t *c;
		bool got = false;

		json_array_foreach(seen, k, c)
			got |= json_is_string(c) && !strcmp(json_string_value(c), code);
		put_b(d, "seen", got);
	}
	json_decref(seen);
	put_b(o, "has_documents", json_array_size(docs) > 0);
	json_object_set_new(o, "documents", docs);
	if (have_p) {
		struct buf missing = BUF_INIT;

		if (program_documents_missing(p.documents, x.documents, NULL,
					      web_en(req) ? NULL : &missing,
					      web_en(req) ? &missing : NULL) > 0)
			put_s(o, "missing", missing.ptr);
		buf_release(&missing);
	}
	can = web_program_officer(who) && !actor_check(who, PERM_WRITE, x.office, NULL);
	put_b(o, "can_documents", can && have_p && json_array_size(docs) > 0 &&
					  strcmp(status, "ended") && strcmp(status, "rejected"));
	put_b(o, "can_verify", can && !strcmp(status, "applied"));
	put_b(o, "can_approve", can && !strcmp(status, "verified"));
	put_b(o, "can_reject", can && (!strcmp(status, "applied") || !strcmp(status, "verified")));
	put_b(o, "can_suspend", can && !strcmp(status, "active"));
	put_b(o, "can_resume", can && !strcmp(status, "suspended"));
	put_b(o, "can_end", can && (!strcmp(status, "active") || !strcmp(status, "suspended")));
	put_b(o, "can_act", can && strcmp(status, "ended") && strcmp(status, "rejected"));
	json_object_set_new(ctx, "enrolment", o);
	/* What the rules say on a date (today unless ?date= asks). */
	memset(&on, 0, sizeof(on));
	web_fund_query_date(http_query(req, "date"), "date", &on, &qe);
	if (*qe.en)
		put_s(ctx, "date_error", web_en(req) ? qe.en : qe.th);
	if (!app_enrol_explain(fa->app, who, id, on, !web_en(req), &why, &e)) {
		json_t *w = explain_json(why.ptr);

		put_b(w, "eligible", !strncmp(why.ptr, web_en(req) ? "eligible" : "มีสิทธิ์",
					      strlen(web_en(req) ? "eligible" : "มีสิทธิ์")));
		json_object_set_new(ctx, "explain", w);
	} else {
		put_s(ctx, "explain_error", web_en(req) ? e.en : e.th);
	}
	put_s(ctx, "explain_date", on.y ? web_date_text(req, on, DATE_LONG)
					: web_date_text(req, app_today(fa->app), DATE_LONG));
	put_s(ctx, "explain_date_be", on.y ? web_form_date(req, on) : "");
	st = json_array();
	for (i = 0; i < steps.n; i++)
		json_array_append_new(
			st, json_pack("{s:s, s:s, s:s, s:s}", "status",
				      label_of(req, enrol_statuses, ARRAY_SIZE(enrol_statuses),
					       steps.items[i].status),
				      "note", steps.items[i].note, "actor", steps.items[i].actor, "at",
				      web_time_text(req, steps.items[i].at)));
	json_object_set_new(ctx, "steps", st);
	put_s(sub(ctx, "v", "step"), "date", json_string_value(json_object_get(ctx, "today_be")));
	if (fe)
		web_fund_form_error(req, resp, ctx, "step", step_fields, ARRAY_SIZE(step_fields), fe);
	buf_release(&why);
	if (have_p) {
		program_release(&p);
		program_version_list_release(&vl);
	}
	enrolment_release(&x);
	enrolment_step_list_release(&steps);
	web_page(req, resp, "program_enrolment", ctx, who, token);
}

static void web_enrolment(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_enrolment(req, resp, &who, token, web_parse_id(req->params[0]), NULL);
}

static void web_enrolment_step(struct http_req *req, struct http_resp *resp)
{
	/* The step, and the notice (?done=) after it. */
	static const struct {
		const char *action, *notice;
	} done[] = {
		{ "verify", "verified" }, { "approve", "approved" }, { "reject", "rejected" },
		{ "suspend", "suspended" }, { "resume", "resumed" },  { "end", "ended" },
	};
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	const char *action = S(http_form(req, "action"));
	struct actor who;
	const char *token;
	struct err e;
	size_t i;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	if (!app_enrol_step(fa->app, &who, id, action, S(http_form(req, "date")),
			    S(http_form(req, "note")), &e)) {
		const char *notice = "";

		for (i = 0; i < ARRAY_SIZE(done); i++)
			if (!strcmp(action, done[i].action))
				notice = done[i].notice;
		http_redirect(req, resp,
			      arena_printf(req->arena, "/enrolments/%lld?done=%s", (long long)id,
					   notice));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_enrolment(req, resp, &who, token, id, &e);
}

static void web_enrolment_documents(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct enrolment x;
	struct actor who;
	const char *token;
	char *docs = NULL;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	rc = app_enrol_get(fa->app, &who, id, &x, NULL, &e);
	if (!rc) {
		docs = documents_ticked(req, &who, x.program_id);
		rc = app_enrol_documents(fa->app, &who, id, docs, &e);
		enrolment_release(&x);
		free(docs);
	}
	if (!rc) {
		http_redirect(req, resp, href(req, "/enrolments/%lld?done=documents", id));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_enrolment(req, resp, &who, token, id, &e);
}

/* Literal segments come before {id} at the same place, so /enrolments/new
 * is the form and /enrolments/7 an enrolment. */
const struct http_route web_program_routes[] = {
	{ "GET", "/programs", web_programs },
	{ "POST", "/programs", web_program_create },
	{ "GET", "/programs/{id}", web_program },
	{ "POST", "/programs/{id}/versions", web_program_version_add },
	{ "POST", "/programs/{id}/dry-run", web_program_dry_run },
	{ "GET", "/enrolments", web_enrolments },
	{ "POST", "/enrolments", web_enrolment_create },
	{ "GET", "/enrolments/new", web_enrolment_new },
	{ "GET", "/enrolments/{id}", web_enrolment },
	{ "POST", "/enrolments/{id}/step", web_enrolment_step },
	{ "POST", "/enrolments/{id}/documents", web_enrolment_documents },
};
const size_t web_program_nroutes = ARRAY_SIZE(web_program_routes);
