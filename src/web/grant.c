/*
 * Pages of the grant fund (app/grant.h), for a provincial officer (พมจ.)
 * and the fund's national office: the calls with the form for a new one,
 * a call with its applications and the application form with budget lines
 * and indicators, one application with the form for its next step
 * (screening, review with the rubric and the conflict declaration,
 * decision, agreement with its tranche plan, tranches, reports, closing,
 * award) and the certificate download, and the grants report with its
 * area roll-ups and an SVG chart. The calls and a call link to their
 * channels' books for those who may read them (the book's page is
 * web/ledger.c's).
 *
 * The use cases decide who may do what; a page shows the forms and the
 * use case checks again. Every form POSTs with the CSRF token; a POST that
 * succeeds redirects, one that fails shows the page again with the reason.
 * Money is typed and shown in baht, dates in B.E.
 */
#include "web/fund.h"
#include "app/grant.h"
#include "core/date.h"
#include "core/money.h"
#include "core/person.h"
#include "core/program.h"
#include "web/svg.h"

#define MAX_LINES 8
#define MAX_IND 4

static void put_s(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, json_string(S(v)));
}

static void put_b(json_t *o, const char *k, bool v)
{
	json_object_set_new(o, k, json_boolean(v));
}

static const char *money(struct http_req *req, int64_t satang)
{
	return web_money_text(req, satang, 0);
}

static const char *err_text(struct http_req *req, const struct err *e)
{
	return web_en(req) ? e->en : e->th;
}

static json_t *base_ctx(struct http_req *req, const char *title)
{
	json_t *ctx = json_object();

	(void)req;
	put_b(ctx, "nav_grants", true);
	put_s(ctx, "title", title);
	put_s(ctx, "heading", title);
	return ctx;
}

static bool officer(const struct actor *a)
{
	return a->role == ROLE_NATIONAL_ADMIN || a->role == ROLE_PROVINCE_OFFICER;
}

/* ---- calls ---- */

static void render_calls(struct http_req *req, struct http_resp *resp, const struct actor *who,
			 const char *token, const struct err *fe)
{
	struct face *fa = req->app;
	struct grant_call_list l;
	struct err e;
	json_t *ctx, *items;

	err_init(&e);
	if (app_grant_call_list(fa->app, who, &l, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	ctx = base_ctx(req, web_tr(req, "Social Welfare Promotion Fund"));
	items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct grant_call *c = &l.items[i];
		json_array_append_new(
			items,
			json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "href",
				  arena_printf(req->arena, "/grants/calls/%lld", (long long)c->id),
				  "title", c->title, "channel",
				  web_tr(req, strcmp(c->area, "TH") ? "Provincial channel" : "National channel"),
				  "area", web_area_label(req, who, c->area), "opens",
				  web_date_text(req, c->opens_on, DATE_MEDIUM), "closes",
				  web_date_text(req, c->closes_on, DATE_MEDIUM), "budget",
				  money(req, c->budget)));
	}
	json_object_set_new(ctx, "calls", items);
	put_b(ctx, "has_calls", l.n > 0);
	/* The books of the channels these calls are on that the user may read:
	 * each call's budget opened its channel's book. */
	items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const char *area = l.items[i].area;
		bool seen = false;
		for (size_t k = 0; k < i; k++)
			seen |= !strcmp(l.items[k].area, area);
		if (seen || actor_check(who, PERM_READ, area, NULL))
			continue;
		json_array_append_new(
			items, json_pack("{s:s, s:s, s:s}", "href",
					 arena_printf(req->arena, "/grants/books/%s", area), "channel",
					 web_tr(req, strcmp(area, "TH") ? "Provincial channel"
									: "National channel"),
					 "area", web_area_label(req, who, area)));
	}
	put_b(ctx, "has_books", json_array_size(items) > 0);
	json_object_set_new(ctx, "books", items);
	grant_list_release(&l);
	if (officer(who)) {
		put_b(ctx, "can_add", true);
		put_s(ctx, "default_area", strcmp(who->area, "TH") ? who->area : "TH");
		put_b(ctx, "is_national", !strcmp(who->area, "TH"));
	}
	if (fe)
		put_s(ctx, "alert", err_text(req, fe));
	web_page(req, resp, "grant_calls", ctx, who, token);
}

static void web_grant_calls(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_calls(req, resp, &who, token, NULL);
}

static void web_grant_call_create(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	struct grant_call_in in;
	struct actor who;
	const char *token, *area = S(http_form(req, "area"));
	int64_t id, budget = 0;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	memset(&in, 0, sizeof(in));
	in.channel = !strcmp(area, "TH") ? "national" : "provincial";
	in.area = area;
	in.title = http_form(req, "title");
	in.opens_on = http_form(req, "opens_on");
	in.closes_on = http_form(req, "closes_on");
	in.tiers = http_form(req, "tiers");
	in.min_reviews = atoi(S(http_form(req, "min_reviews")));
	if (!money_parse(S(http_form(req, "budget")), &budget, "budget", &e)) {
		in.budget = budget;
		if (!app_grant_call_add(fa->app, &who, &in, http_form(req, "idempotency_key"), &id,
					&e)) {
			http_redirect(req, resp,
				      arena_printf(req->arena, "/grants/calls/%lld", (long long)id));
			return;
		}
	}
	render_calls(req, resp, &who, token, &e);
}

static void render_call(struct http_req *req, struct http_resp *resp, const struct actor *who,
			const char *token, int64_t id, const struct err *fe)
{
	struct face *fa = req->app;
	struct grant_app_list l;
	struct grant_call c;
	struct err e;
	json_t *ctx, *items, *rows;

	err_init(&e);
	if (app_grant_call_get(fa->app, who, id, &c, &e) ||
	    app_grant_list(fa->app, who, id, "", "", 1000, 0, &l, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	ctx = base_ctx(req, c.title);
	put_s(ctx, "id", arena_printf(req->arena, "%lld", (long long)id));
	put_s(ctx, "channel", web_tr(req, strcmp(c.area, "TH") ? "Provincial channel" : "National channel"));
	put_s(ctx, "area", web_area_label(req, who, c.area));
	put_s(ctx, "opens", web_date_text(req, c.opens_on, DATE_LONG));
	put_s(ctx, "closes", web_date_text(req, c.closes_on, DATE_LONG));
	put_s(ctx, "budget", money(req, c.budget));
	/* The channel's book, for those who may read it (app_grant_book). */
	if (!actor_check(who, PERM_READ, c.area, NULL))
		put_s(ctx, "book_href", arena_printf(req->arena, "/grants/books/%s", c.area));
	{
		unsigned mask = 0;
		struct buf names = BUF_INIT;
		grant_tiers_parse(c.tiers, &mask, NULL);
		for (int t = GRANT_TIER_SMALL; t < GRANT_TIER_COUNT; t++)
			if (mask & (1u << t))
				buf_printf(&names, "%s%s", names.len ? ", " : "",
					   grant_tier_name(t, !web_en(req)));
		put_s(ctx, "tiers", names.ptr);
		buf_release(&names);
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct grant_app *g = &l.items[i];
		json_array_append_new(
			items, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "href",
					 arena_printf(req->arena, "/grants/%lld", (long long)g->id),
					 "title", g->title, "org", g->org_name, "requested",
					 money(req, g->requested), "approved",
					 g->approved ? money(req, g->approved) : "",
					 "status", grant_status_name(g->status, !web_en(req))));
	}
	json_object_set_new(ctx, "applications", items);
	put_b(ctx, "has_applications", l.n > 0);
	grant_list_release(&l);
	put_b(ctx, "can_apply", who->role != ROLE_VOLUNTEER && role_can(who->role, PERM_WRITE));
	{
		struct grant_org_list ol;
		if (!app_grant_orgs(fa->app, who, &c, &ol, &e)) {
			json_t *os = json_array();
			for (size_t i = 0; i < ol.n; i++)
				json_array_append_new(os, json_pack("{s:I, s:s}", "id",
								    (json_int_t)ol.items[i].id, "name",
								    ol.items[i].name));
			json_object_set_new(ctx, "orgs", os);
			grant_list_release(&ol);
		}
	}
	rows = json_array();
	for (int i = 0; i < GROUP_COUNT; i++)
		json_array_append_new(rows, json_pack("{s:s, s:s}", "code", target_group_code(1u << i),
						      "name", target_group_name(1u << i, !web_en(req))));
	json_object_set_new(ctx, "groups", rows);
	rows = json_array();
	for (int i = 1; i <= MAX_LINES; i++)
		json_array_append_new(rows, json_pack("{s:i}", "n", i));
	json_object_set_new(ctx, "line_rows", rows);
	rows = json_array();
	for (int i = 1; i <= MAX_IND; i++)
		json_array_append_new(rows, json_pack("{s:i}", "n", i));
	json_object_set_new(ctx, "indicator_rows", rows);
	if (fe)
		put_s(ctx, "alert", err_text(req, fe));
	web_page(req, resp, "grant_call", ctx, who, token);
}

static void web_grant_call(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_call(req, resp, &who, token, web_parse_id(req->params[0]), NULL);
}

static void web_grant_apply(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	struct grant_line lines[MAX_LINES];
	struct grant_indicator ind[MAX_IND];
	int64_t call = web_parse_id(req->params[0]), id;
	struct grant_app_in in;
	struct actor who;
	const char *token;
	struct err e;
	size_t nl = 0, ni = 0;
	int r = 0;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	memset(&in, 0, sizeof(in));
	memset(lines, 0, sizeof(lines));
	memset(ind, 0, sizeof(ind));
	for (int i = 1; i <= MAX_LINES && !r; i++) {
		const char *item = http_form(req, arena_printf(req->arena, "item%d", i));
		const char *amt = http_form(req, arena_printf(req->arena, "amount%d", i));
		if ((!item || !*item) && (!amt || !*amt))
			continue;
		snprintf(lines[nl].item, sizeof(lines[nl].item), "%s", S(item));
		r = money_parse(S(amt), &lines[nl].amount, "lines", &e);
		nl++;
	}
	for (int i = 1; i <= MAX_IND && !r; i++) {
		const char *name = http_form(req, arena_printf(req->arena, "ind%d", i));
		const char *target = http_form(req, arena_printf(req->arena, "target%d", i));
		if (!name || !*name)
			continue;
		snprintf(ind[ni].name, sizeof(ind[ni].name), "%s", name);
		snprintf(ind[ni].unit, sizeof(ind[ni].unit), "%s",
			 S(http_form(req, arena_printf(req->arena, "unit%d", i))));
		ind[ni].target = strtoll(S(target), NULL, 10);
		ni++;
	}
	if (!r) {
		in.call_id = call;
		in.org_id = strtoll(S(http_form(req, "org_id")), NULL, 10);
		in.title = http_form(req, "title");
		in.summary = http_form(req, "summary");
		in.pillar = http_form(req, "pillar");
		struct buf groups = BUF_INIT;
		for (int i = 0; i < GROUP_COUNT; i++) {
			const char *code = target_group_code(1u << i);
			if (http_form(req, arena_printf(req->arena, "tg_%s", code)))
				buf_printf(&groups, "%s%s", groups.len ? "," : "", code);
		}
		in.target_groups = arena_printf(req->arena, "%s", groups.ptr);
		buf_release(&groups);
		in.lines = lines;
		in.nlines = nl;
		in.indicators = ind;
		in.nindicators = ni;
		r = app_grant_apply(fa->app, &who, &in, &id, &e);
	}
	if (!r) {
		http_redirect(req, resp, arena_printf(req->arena, "/grants/%lld", (long long)id));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_call(req, resp, &who, token, call, &e);
}

/* ---- one application ---- */

static void render_grant(struct http_req *req, struct http_resp *resp, const struct actor *who,
			 const char *token, int64_t id, const struct err *fe)
{
	struct face *fa = req->app;
	struct grant_detail d;
	struct err e;
	json_t *ctx, *a;
	size_t nr;
	const struct grant_criterion *rub = grant_rubric(&nr);
	const char *st;
	bool off, paid_all = true;

	err_init(&e);
	if (app_grant_get(fa->app, who, id, &d, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	st = d.app.status;
	off = officer(who);
	ctx = base_ctx(req, d.app.title);
	put_s(ctx, "id", arena_printf(req->arena, "%lld", (long long)id));
	put_s(ctx, "call_href", arena_printf(req->arena, "/grants/calls/%lld", (long long)d.call.id));
	put_s(ctx, "call_title", d.call.title);
	put_s(ctx, "org", d.app.org_name);
	put_s(ctx, "area", web_area_label(req, who, d.app.area));
	put_s(ctx, "summary", d.app.summary);
	put_s(ctx, "status", grant_status_name(st, !web_en(req)));
	put_s(ctx, "status_code", st);
	put_s(ctx, "tier", grant_tier_name(grant_tier_parse(d.app.tier), !web_en(req)));
	put_s(ctx, "pillar", program_pillar_name(program_pillar_parse(d.app.pillar), !web_en(req)));
	{
		unsigned mask = 0;
		struct buf names = BUF_INIT;
		grant_groups_parse(d.app.target_groups, &mask, NULL);
		for (int i = 0; i < GROUP_COUNT; i++)
			if (mask & (1u << i))
				buf_printf(&names, "%s%s", names.len ? ", " : "",
					   target_group_name(1u << i, !web_en(req)));
		put_s(ctx, "target_groups", names.ptr);
		buf_release(&names);
	}
	put_s(ctx, "requested", money(req, d.app.requested));
	put_s(ctx, "approved", d.app.approved ? money(req, d.app.approved) : "");
	put_s(ctx, "disbursed", money(req, d.app.disbursed));
	put_s(ctx, "conditions", d.app.conditions);
	put_s(ctx, "decision_note", d.app.decision_note);
	put_s(ctx, "screen_note", d.app.screen_note);
	put_s(ctx, "agreement_no", d.app.agreement_no);
	put_s(ctx, "signed_on", web_date_text(req, d.app.signed_on, DATE_LONG));
	a = json_array();
	for (size_t i = 0; i < d.lines.n; i++)
		json_array_append_new(a, json_pack("{s:i, s:s, s:s}", "no", d.lines.items[i].line_no,
						   "item", d.lines.items[i].item, "amount",
						   money(req, d.lines.items[i].amount)));
	json_object_set_new(ctx, "lines", a);
	a = json_array();
	for (size_t i = 0; i < d.indicators.n; i++) {
		const struct grant_indicator *x = &d.indicators.items[i];
		json_array_append_new(
			a, json_pack("{s:i, s:s, s:s, s:I, s:s}", "no", x->line_no, "name", x->name,
				     "unit", x->unit, "target", (json_int_t)x->target, "actual",
				     x->has_actual ? arena_printf(req->arena, "%lld",
								  (long long)x->actual)
						   : ""));
	}
	json_object_set_new(ctx, "indicators", a);
	a = json_array();
	for (size_t i = 0; i < nr; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:i}", "code", rub[i].code, "name",
						   web_en(req) ? rub[i].en : rub[i].th, "max",
						   rub[i].max));
	json_object_set_new(ctx, "rubric", a);
	a = json_array();
	for (size_t i = 0; i < d.reviewers.n; i++) {
		int total = 0;
		for (size_t j = 0; j < d.scores.n; j++)
			if (!strcmp(d.scores.items[j].reviewer, d.reviewers.items[i].reviewer))
				total += d.scores.items[j].score;
		json_array_append_new(a, json_pack("{s:s, s:b, s:s, s:i}", "reviewer",
						   d.reviewers.items[i].reviewer, "conflict",
						   d.reviewers.items[i].conflict, "note",
						   d.reviewers.items[i].note, "total", total));
	}
	json_object_set_new(ctx, "reviewers", a);
	put_s(ctx, "complete_reviews", arena_printf(req->arena, "%d / %d", d.complete_reviews,
						    d.call.min_reviews));
	put_s(ctx, "average", arena_printf(req->arena, "%d", d.average));
	a = json_array();
	for (size_t i = 0; i < d.tranches.n; i++) {
		const struct grant_tranche *t = &d.tranches.items[i];
		paid_all = paid_all && t->paid_on.y;
		json_array_append_new(a, json_pack("{s:i, s:s, s:s, s:b}", "no", t->no, "amount",
						   money(req, t->amount), "paid_on",
						   web_date_text(req, t->paid_on, DATE_MEDIUM), "paid",
						   t->paid_on.y != 0));
	}
	json_object_set_new(ctx, "tranches", a);
	for (size_t i = 0; i < d.tranches.n; i++)
		if (!d.tranches.items[i].paid_on.y) {
			put_s(ctx, "next_tranche", arena_printf(req->arena, "%d", d.tranches.items[i].no));
			break;
		}
	a = json_array();
	for (size_t i = 0; i < d.reports.n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "kind",
						   web_tr(req, strcmp(d.reports.items[i].kind, "final")
								       ? "Progress report"
								       : "Final report"),
						   "on",
						   web_date_text(req, d.reports.items[i].report_on,
								 DATE_MEDIUM),
						   "body", d.reports.items[i].body));
	json_object_set_new(ctx, "reports", a);
	a = json_array();
	for (size_t i = 0; i < d.steps.n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s}", "status",
						   grant_status_name(d.steps.items[i].status,
								     !web_en(req)),
						   "note", d.steps.items[i].note, "actor",
						   d.steps.items[i].actor, "at",
						   web_time_text(req, d.steps.items[i].at)));
	json_object_set_new(ctx, "steps", a);
	if (d.has_award) {
		put_s(ctx, "award_title", d.award.title);
		put_s(ctx, "cert_no", d.award.cert_no);
		put_s(ctx, "cert_href", arena_printf(req->arena, "/grants/%lld/certificate.pdf",
						     (long long)id));
	}
	put_b(ctx, "can_submit", !strcmp(st, "draft"));
	put_b(ctx, "can_screen", off && !strcmp(st, "submitted"));
	put_b(ctx, "can_start_review", off && !strcmp(st, "screened"));
	{
		/* The acting reviewer declares once, then scores unless in conflict. */
		const struct grant_reviewer *me = NULL;
		for (size_t i = 0; i < d.reviewers.n; i++)
			if (!strcmp(d.reviewers.items[i].reviewer, who->username))
				me = &d.reviewers.items[i];
		put_b(ctx, "can_declare",
		      !me && (!strcmp(st, "screened") || !strcmp(st, "under_review")));
		put_b(ctx, "can_score", me && !me->conflict && !strcmp(st, "under_review"));
		put_b(ctx, "my_conflict", me && me->conflict);
	}
	put_b(ctx, "can_decide", off && !strcmp(st, "under_review"));
	put_b(ctx, "can_sign", off && !strcmp(st, "approved"));
	put_b(ctx, "can_disburse", off && d.app.signed_on.y && !paid_all &&
				    (!strcmp(st, "agreement_signed") || !strcmp(st, "in_progress") ||
				     !strcmp(st, "reported")));
	put_b(ctx, "can_report", !strcmp(st, "in_progress"));
	put_b(ctx, "can_close", off && !strcmp(st, "reported"));
	put_b(ctx, "can_award", off && !strcmp(st, "closed") && !d.has_award);
	{
		static const char *const acts[] = { "can_submit", "can_screen", "can_start_review",
						    "can_declare", "can_score", "can_decide",
						    "can_sign", "can_disburse", "can_report",
						    "can_close", "can_award" };
		bool any = false;
		for (size_t i = 0; i < ARRAY_SIZE(acts); i++)
			any = any || json_is_true(json_object_get(ctx, acts[i]));
		put_b(ctx, "any_action", any);
	}
	put_s(ctx, "approved_baht", web_money_text(req, d.app.approved ? d.app.approved
								       : d.app.requested,
						   MONEY_NO_GROUPING));
	put_s(ctx, "idem", web_idem_key(req));
	if (fe)
		put_s(ctx, "alert", err_text(req, fe));
	grant_detail_release(&d);
	web_page(req, resp, "grant_app", ctx, who, token);
}

static void web_grant(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_grant(req, resp, &who, token, web_parse_id(req->params[0]), NULL);
}

/* Amounts in baht separated by commas-with-space or new lines ("25,000; 20,000"). */
static int parse_plan(const char *s, int64_t *out, size_t max, size_t *n, struct err *e)
{
	char buf[512];
	char *p = buf, *tok;
	int r;

	*n = 0;
	snprintf(buf, sizeof(buf), "%s", S(s));
	while (*p) {
		size_t k = strcspn(p, ";\n");
		tok = p;
		p += k;
		if (*p)
			*p++ = '\0';
		while (*tok == ' ' || *tok == '\r')
			tok++;
		if (!*tok)
			continue;
		if (*n >= max)
			return err_set(e, ERR_INVALID, "tranches", "งวดเงินมากเกินไป%s",
				       "too many tranches%s", "");
		if ((r = money_parse(tok, &out[*n], "tranches", e)))
			return r;
		(*n)++;
	}
	return 0;
}

static void web_grant_step(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), amount = 0, plan[GRANT_MAX_TRANCHES + 1],
		actual[MAX_IND], rid;
	const char *action = S(http_form(req, "action"));
	struct grant_score sc[8];
	struct actor who;
	const char *token, *key = http_form(req, "idempotency_key");
	struct err e;
	char cert[32];
	size_t n = 0, nr;
	const struct grant_criterion *rub = grant_rubric(&nr);
	int r;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!strcmp(action, "submit"))
		r = app_grant_submit(fa->app, &who, id, &e);
	else if (!strcmp(action, "screen"))
		r = app_grant_screen(fa->app, &who, id, http_form(req, "complete") != NULL,
				     http_form(req, "eligible") != NULL, http_form(req, "note"), &e);
	else if (!strcmp(action, "review"))
		r = app_grant_review(fa->app, &who, id, &e);
	else if (!strcmp(action, "declare"))
		r = app_grant_declare(fa->app, &who, id, !strcmp(S(http_form(req, "conflict")), "yes"),
				      http_form(req, "note"), &e);
	else if (!strcmp(action, "score")) {
		memset(sc, 0, sizeof(sc));
		for (size_t i = 0; i < nr && i < 8; i++) {
			snprintf(sc[i].criterion, sizeof(sc[i].criterion), "%s", rub[i].code);
			sc[i].score = atoi(S(http_form(req, arena_printf(req->arena, "score_%s",
									     rub[i].code))));
		}
		r = app_grant_score(fa->app, &who, id, sc, nr, &e);
	} else if (!strcmp(action, "approve") || !strcmp(action, "decline")) {
		r = 0;
		if (!strcmp(action, "approve"))
			r = money_parse(S(http_form(req, "amount")), &amount, "amount", &e);
		if (!r)
			r = app_grant_decide(fa->app, &who, id, !strcmp(action, "approve"), amount,
					     http_form(req, "note"), &e);
	} else if (!strcmp(action, "sign")) {
		r = parse_plan(http_form(req, "tranches"), plan, GRANT_MAX_TRANCHES + 1, &n, &e);
		if (!r)
			r = app_grant_sign(fa->app, &who, id, http_form(req, "agreement_no"),
					   http_form(req, "date"), plan, n, key, &e);
	} else if (!strcmp(action, "disburse")) {
		r = app_grant_disburse(fa->app, &who, id, atoi(S(http_form(req, "no"))),
				       http_form(req, "date"), key, &e);
	} else if (!strcmp(action, "progress") || !strcmp(action, "final")) {
		for (int i = 1; i <= MAX_IND; i++) {
			const char *v = http_form(req, arena_printf(req->arena, "actual%d", i));
			if (!v)
				break;
			actual[n++] = *v ? strtoll(v, NULL, 10) : -1;
		}
		r = app_grant_report(fa->app, &who, id, action, http_form(req, "date"),
				     http_form(req, "body"), actual, n, &rid, &e);
	} else if (!strcmp(action, "close")) {
		r = app_grant_close(fa->app, &who, id, http_form(req, "note"), &e);
	} else if (!strcmp(action, "award")) {
		r = app_grant_award(fa->app, &who, id, http_form(req, "award_title"),
				    http_form(req, "date"), cert, &e);
	} else {
		r = err_set(&e, ERR_INVALID, "action", "ขั้นตอนไม่ถูกต้อง: %.20s", "unknown step: %.20s",
			    action);
	}
	if (!r) {
		http_redirect(req, resp, arena_printf(req->arena, "/grants/%lld", (long long)id));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_grant(req, resp, &who, token, id, &e);
}

static void web_grant_certificate(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (face_grant_certificate(req, resp, &who, web_parse_id(req->params[0]), &e))
		web_error(req, resp, &e, &who, token);
}

/* ---- the report ---- */

static json_t *sum_row(struct http_req *req, const struct grant_sum *s)
{
	return json_pack("{s:s, s:s, s:b, s:b, s:I, s:I, s:s, s:s, s:s}", "code", s->code, "name",
			 web_en(req) && s->name_en[0] ? s->name_en : s->name_th, "region",
			 s->level < 0, "total", s->level == 0 && !strcmp(s->code, "TH"), "apps",
			 (json_int_t)s->apps, "approved_n", (json_int_t)s->approved_n, "requested",
			 money(req, s->requested), "approved", money(req, s->approved), "disbursed",
			 money(req, s->disbursed));
}

static void web_grant_report(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	const char *year = http_query(req, "year"), *format = http_query(req, "format");
	struct svg_bar bars[GRANT_TIER_COUNT + 4];
	struct grant_summary s;
	struct buf chart = BUF_INIT;
	struct actor who;
	const char *token;
	struct err e;
	json_t *ctx, *a;
	size_t nb = 0;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (app_grant_summary(fa->app, &who, http_query(req, "area"), year ? atoi(year) : 0, &s,
			      &e)) {
		web_error(req, resp, &e, &who, token);
		return;
	}
	if (format && !strcmp(format, "xlsx")) {
		if (app_grant_summary_xlsx(&s, !web_en(req), &resp->body, &e)) {
			web_error(req, resp, &e, &who, token);
		} else {
			resp->status = 200;
			resp->content_type =
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
			http_set_header(req, resp, "Content-Disposition",
					"attachment; filename=\"grants.xlsx\"");
		}
		grant_summary_release(&s);
		return;
	}
	ctx = base_ctx(req, web_tr(req, "Grants report"));
	json_object_set_new(ctx, "total", sum_row(req, &s.total));
	a = json_array();
	for (size_t i = 0; i < s.nareas; i++)
		json_array_append_new(a, sum_row(req, &s.areas[i]));
	json_object_set_new(ctx, "areas", a);
	a = json_array();
	for (size_t i = 0; i < ARRAY_SIZE(s.tiers); i++)
		json_array_append_new(a, sum_row(req, &s.tiers[i]));
	json_object_set_new(ctx, "tiers", a);
	a = json_array();
	for (size_t i = 0; i < ARRAY_SIZE(s.groups); i++)
		json_array_append_new(a, sum_row(req, &s.groups[i]));
	json_object_set_new(ctx, "groups", a);
	for (size_t i = 0; i < ARRAY_SIZE(s.groups); i++)
		bars[nb++] = (struct svg_bar){ web_en(req) ? s.groups[i].name_en : s.groups[i].name_th,
					       s.groups[i].approved / 100,
					       money(req, s.groups[i].approved) };
	svg_bars(&chart, web_tr(req, "Approved amount by target group (baht)"), bars, nb);
	put_s(ctx, "chart", chart.ptr);
	buf_release(&chart);
	put_s(ctx, "area_value", S(http_query(req, "area")));
	/* The area passed the scope check (a code), the year is read as a number. */
	put_s(ctx, "year_value", year && atoi(year) ? arena_printf(req->arena, "%d", atoi(year)) : "");
	put_s(ctx, "xlsx_href",
	      arena_printf(req->arena, "/grants/report?format=xlsx&area=%s&year=%d",
			   S(http_query(req, "area")), year ? atoi(year) : 0));
	grant_summary_release(&s);
	web_page(req, resp, "grant_report", ctx, &who, token);
}

/* Literal segments come before {id} at the same place. */
const struct http_route web_grant_routes[] = {
	{ "GET", "/grants", web_grant_calls },
	{ "POST", "/grants/calls", web_grant_call_create },
	{ "GET", "/grants/report", web_grant_report },
	{ "GET", "/grants/calls/{id}", web_grant_call },
	{ "POST", "/grants/calls/{id}/applications", web_grant_apply },
	{ "GET", "/grants/{id}", web_grant },
	{ "POST", "/grants/{id}/step", web_grant_step },
	{ "GET", "/grants/{id}/certificate.pdf", web_grant_certificate },
};
const size_t web_grant_nroutes = ARRAY_SIZE(web_grant_routes);
