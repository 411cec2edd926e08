/*
 * Pages of welfare assemblies (app/assembly): the events of an area with
 * the form for a new one; an event with its quotas, registrations (each
 * with a withdrawal form, with its reason, until attendance is recorded)
 * and attendance by day, the withdrawn registrations, agenda, proposals and
 * commitments, each with its small form for those who manage the event; the registration form (people from
 * the registry, found by name, or named guests); the breakout group's
 * proposal form; a proposal with its timeline and the next allowed step;
 * the area report with its chart; and the documents (sign-in sheet and
 * summary PDFs, the report's .xlsx) for browser sessions.
 *
 * A proposal's road as the buttons show it: only the next state (and
 * "declined") is offered, with the evidence it needs.
 *
 *     proposed --> submitted --> adopted --> funded --> implemented
 *         \------------\------------\-----------\--> declined
 *
 * The use cases decide who may see and change what; a page shows forms to
 * those who may use them and the use case checks again. Every form POSTs
 * with the CSRF token; a POST that succeeds redirects (?done= picks a
 * notice), one that fails shows the page again with the message by the
 * field and what was typed (web/fund.h: web_fund_form_error).
 */
#include "web/fund.h"
#include "app/assembly.h"
#include "app/org.h"
#include "app/person.h"
#include "core/date.h"
#include "core/geo.h"
#include "core/money.h"
#include "core/program.h"
#include "core/thtext.h"
#include "web/svg.h"

#define href(req, fmt, id) arena_printf((req)->arena, fmt, (long long)(id))

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

static bool th(struct http_req *req)
{
	return !web_en(req);
}

static const char *code_name(struct http_req *req, const struct asm_code *t, const char *code)
{
	return asm_code_name(t, code, th(req));
}

static const char *pillar_name(struct http_req *req, const char *code)
{
	int p = program_pillar_parse(code ? code : "");

	return p < 0 ? S(code) : program_pillar_name((enum program_pillar)p, th(req));
}

static const char *date_text(struct http_req *req, struct date d)
{
	return web_date_text(req, d, DATE_MEDIUM);
}

static const char *dates_text(struct http_req *req, struct date a, struct date b)
{
	if (!date_cmp(a, b))
		return web_date_text(req, a, DATE_LONG);
	return arena_printf(req->arena, "%s – %s", web_date_text(req, a, DATE_MEDIUM),
			    web_date_text(req, b, DATE_MEDIUM));
}

/* Options [{code, name, selected}] of a code table. */
static json_t *options(struct http_req *req, const struct asm_code *t, const char *sel)
{
	json_t *a = json_array();

	for (; t->code; t++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "code", t->code, "name",
						   th(req) ? t->th : t->en, "selected",
						   sel && !strcmp(sel, t->code)));
	return a;
}

static json_t *pillar_options(struct http_req *req, const char *sel)
{
	json_t *a = json_array();

	for (int p = PILLAR_ASSISTANCE; p < PILLAR_COUNT; p++)
		json_array_append_new(
			a, json_pack("{s:s, s:s, s:b}", "code", program_pillar_code((enum program_pillar)p),
				     "name", program_pillar_name((enum program_pillar)p, th(req)),
				     "selected",
				     sel && !strcmp(sel, program_pillar_code((enum program_pillar)p))));
	return a;
}

/* The notices of redirects after a POST, chosen by ?done=. */
static const struct {
	const char *code, *en;
} notices[] = {
	{ "created", "The assembly was created." },
	{ "quota", "The quota was saved." },
	{ "registered", "The participant was registered." },
	{ "attendance", "Attendance was recorded." },
	{ "withdrawn", "The registration was withdrawn." },
	{ "agenda", "The agenda item was added." },
	{ "commitment", "The commitment was recorded." },
	{ "status", "The assembly's status was changed." },
	{ "proposed", "The proposal was recorded." },
	{ "step", "The proposal's progress was recorded." },
};

static bool officer(const struct actor *a)
{
	return a->role == ROLE_NATIONAL_ADMIN || a->role == ROLE_PROVINCE_OFFICER ||
	       a->role == ROLE_DISTRICT_OFFICER || a->role == ROLE_LOCAL_OFFICER;
}

/* The context every assembly page starts from. */
static json_t *page_ctx(struct http_req *req, const char *title)
{
	struct face *fa = req->app;
	const char *done = http_query(req, "done");
	json_t *ctx = json_object();

	put_b(ctx, "nav_assemblies", true);
	put_s(ctx, "title", title);
	put_s(ctx, "heading", title);
	put_s(ctx, "today_be", web_form_date(req, app_today(fa->app)));
	for (size_t i = 0; done && i < ARRAY_SIZE(notices); i++)
		if (!strcmp(done, notices[i].code))
			put_s(ctx, "notice", web_tr(req, notices[i].en));
	return ctx;
}

/* ?year= as C.E. (B.E. above 2400 is converted); this year when absent or bad. */
static int year_of(struct http_req *req)
{
	struct face *fa = req->app;
	const char *y = http_query(req, "year");
	long v = y && *y ? strtol(y, NULL, 10) : 0;

	if (v > 2400)
		v -= 543;
	return v >= 1941 && v <= 9998 ? (int)v : app_today(fa->app).y;
}

static const char *year_text(struct http_req *req, int year)
{
	return arena_printf(req->arena, "%d", th(req) ? year + 543 : year);
}

/* ------------------------------------------------------------ event list */

static const char *const new_fields[] = { "title",    "level", "area",  "group_code", "starts_on",
					  "ends_on", "venue", "budget", "organisers", "org_id" };

static void render_list(struct http_req *req, struct http_resp *resp, const struct actor *who,
			const char *token, const struct err *fe)
{
	struct face *fa = req->app;
	struct assembly_list l = { NULL, 0, 0 };
	const char *area = http_query(req, "area");
	int year = year_of(req);
	json_t *ctx, *items, *v;
	struct err e;

	err_init(&e);
	if (!area || !*area)
		area = who->area;
	if (app_assembly_list(fa->app, who, area, year, 500, 0, &l, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	ctx = page_ctx(req, web_tr(req, "Welfare assemblies"));
	put_s(ctx, "area", area);
	put_s(ctx, "area_name", web_area_label(req, who, area));
	put_s(ctx, "year", year_text(req, year));
	put_s(ctx, "report_href", arena_printf(req->arena, "/assemblies/report?area=%s&year=%d",
					       area, year));
	items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct assembly *a = &l.items[i];
		json_array_append_new(
			items, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:b}", "href",
					 href(req, "/assemblies/%lld", a->id), "title", a->title,
					 "level", code_name(req, asm_levels, a->level), "area_name",
					 web_area_label(req, who, a->area), "dates",
					 dates_text(req, a->starts_on, a->ends_on), "status",
					 code_name(req, asm_event_statuses, a->status), "registered",
					 (json_int_t)a->registered, "attended", (json_int_t)a->attended,
					 "proposals", (json_int_t)a->proposals, "cancelled",
					 !strcmp(a->status, "cancelled")));
	}
	put_b(ctx, "has_events", l.n > 0);
	json_object_set_new(ctx, "events", items);
	assembly_list_release(&l);
	put_b(ctx, "can_add", officer(who));
	/* The form starts at the user's own level and area. */
	v = json_object();
	put_s(v, "level", geo_level(who->area) == GEO_TAMBON	 ? "tambon"
			  : geo_level(who->area) == GEO_DISTRICT ? "district"
			  : geo_level(who->area) == GEO_PROVINCE ? "province"
								 : "national");
	put_s(v, "area", geo_level(who->area) <= GEO_TAMBON ? who->area : "");
	json_object_set_new(ctx, "v", json_pack("{s:o}", "new", v));
	if (fe)
		web_fund_form_error(req, resp, ctx, "new", new_fields, ARRAY_SIZE(new_fields), fe);
	v = json_object_get(json_object_get(ctx, "v"), "new");
	json_object_set_new(ctx, "levels",
			    options(req, asm_levels, json_string_value(json_object_get(v, "level"))));
	if (officer(who)) {
		/* The organisations of the user's area, to pick the organising one. */
		struct org_query q = { who->area, NULL, NULL, "active", { 0, 0, 0 }, 300, 0 };
		struct org_list orgs = { NULL, 0, 0 };
		const char *picked = json_string_value(json_object_get(v, "org_id"));
		json_t *opts = json_array();

		if (!app_org_search(fa->app, who, &q, &orgs, &e))
			for (size_t i = 0; i < orgs.n; i++) {
				char id[24];
				snprintf(id, sizeof(id), "%lld", (long long)orgs.items[i].id);
				json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "id", id, "name",
								      orgs.items[i].name_th, "selected",
								      picked && !strcmp(picked, id)));
			}
		org_list_release(&orgs);
		put_b(ctx, "has_orgs", json_array_size(opts) > 0);
		json_object_set_new(ctx, "org_options", opts);
	}
	web_page(req, resp, "assembly_list", ctx, who, token);
}

static void web_assemblies(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_list(req, resp, &who, token, NULL);
}

/* Splits text into lines (in req->arena), at most max non-empty ones. */
static size_t lines_of(struct http_req *req, const char *text, const char **out, size_t max)
{
	size_t n = 0;
	const char *s = S(text);

	while (*s && n < max) {
		size_t len = strcspn(s, "\r\n");
		const char *b = s, *end = s + len;
		while (b < end && (*b == ' ' || *b == '\t'))
			b++;
		while (end > b && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end > b)
			out[n++] = arena_strndup(req->arena, b, (size_t)(end - b));
		s += len;
		while (*s == '\r' || *s == '\n')
			s++;
	}
	return n;
}

static void web_assembly_create(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	const char *names[ASM_MAX_ORGANISERS + 2];
	struct assembly_in in;
	const char *budget = S(http_form(req, "budget"));
	struct actor who;
	const char *token;
	struct err e;
	int64_t id = 0, org_id;
	int rc = 0;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	memset(&in, 0, sizeof(in));
	in.title = http_form(req, "title");
	in.level = http_form(req, "level");
	in.area = http_form(req, "area");
	in.group_code = http_form(req, "group_code");
	in.starts_on = http_form(req, "starts_on");
	in.ends_on = http_form(req, "ends_on");
	in.venue = http_form(req, "venue");
	in.organisers = names;
	in.nnames = lines_of(req, http_form(req, "organisers"), names, ASM_MAX_ORGANISERS + 1);
	org_id = strtoll(S(http_form(req, "org_id")), NULL, 10);
	if (org_id > 0) {
		in.org_ids = &org_id;
		in.norg = 1;
	}
	if (*budget)
		rc = money_parse(budget, &in.budget, "budget", &e);
	if (!rc)
		rc = app_assembly_add(fa->app, &who, &in, &id, &e);
	if (rc == ERR_FORBIDDEN && !strcmp(e.field, "area"))
		e.code = ERR_INVALID;
	if (rc) {
		if (web_fund_fatal(&e))
			web_error(req, resp, &e, &who, token);
		else
			render_list(req, resp, &who, token, &e);
		return;
	}
	http_redirect(req, resp, href(req, "/assemblies/%lld?done=created", id));
}

/* ------------------------------------------------------------- one event */

static const char *const quota_fields[] = { "area", "quota" };
static const char *const agenda_fields[] = { "kind",     "title",        "day",   "starts_at",
					     "ends_at", "speakers", "target_group", "pillar" };
static const char *const commit_fields[] = { "kind", "text", "signed_by", "signed_on" };
static const char *const withdraw_fields[] = { "reason" };

static void withdrawn_ctx(struct http_req *req, const struct actor *who, int64_t id, json_t *ctx);

static void render_event(struct http_req *req, struct http_resp *resp, const struct actor *who,
			 const char *token, int64_t id, const char *form, const struct err *fe)
{
	struct face *fa = req->app;
	struct assembly_detail d;
	struct err e;
	json_t *ctx, *o, *arr, *days;
	struct buf orgs = BUF_INIT;
	struct date today = app_today(fa->app);
	int64_t tq = 0, tu = 0;
	bool any_withdraw = false;

	err_init(&e);
	if (!id) {
		web_fund_not_found(req, resp, who, token);
		return;
	}
	if (app_assembly_get(fa->app, who, id, &d, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	ctx = page_ctx(req, d.ev.title);
	o = json_object();
	put_i(o, "id", d.ev.id);
	put_s(o, "title", d.ev.title);
	put_s(o, "level", code_name(req, asm_levels, d.ev.level));
	put_s(o, "area_name", web_area_label(req, who, d.ev.area));
	put_s(o, "group_code", d.ev.group_code);
	put_s(o, "dates", dates_text(req, d.ev.starts_on, d.ev.ends_on));
	put_s(o, "venue", d.ev.venue);
	put_s(o, "budget", web_money_text(req, d.ev.budget, 0));
	put_s(o, "status", code_name(req, asm_event_statuses, d.ev.status));
	put_b(o, "cancelled", !strcmp(d.ev.status, "cancelled"));
	put_s(o, "note", d.ev.note);
	for (size_t i = 0; i < d.organisers.n; i++)
		buf_printf(&orgs, "%s%s", i ? ", " : "", d.organisers.items[i].name);
	put_s(o, "organisers", orgs.ptr);
	buf_release(&orgs);
	put_i(o, "registered", d.ev.registered);
	put_i(o, "attended", d.ev.attended);
	put_i(o, "proposals", d.ev.proposals);
	json_object_set_new(ctx, "ev", o);
	put_b(ctx, "can_manage", d.can_manage);
	put_b(ctx, "can_register", d.can_register);
	put_b(ctx, "can_hold", d.can_manage && !strcmp(d.ev.status, "planned") &&
				       date_cmp(d.ev.starts_on, today) <= 0);
	put_b(ctx, "can_cancel", d.can_manage && !strcmp(d.ev.status, "planned"));
	put_s(ctx, "signin_href", href(req, "/assemblies/%lld/signin.pdf", id));
	put_s(ctx, "summary_href", href(req, "/assemblies/%lld/summary.pdf", id));
	put_s(ctx, "register_href", href(req, "/assemblies/%lld/register", id));
	put_s(ctx, "propose_href", href(req, "/assemblies/%lld/proposals/new", id));
	put_s(ctx, "list_href", "/assemblies");
	/* quotas */
	arr = json_array();
	for (size_t i = 0; i < d.quotas.n; i++) {
		json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:I, s:b}", "area",
						     d.quotas.items[i].area, "area_name",
						     web_area_label(req, who, d.quotas.items[i].area),
						     "quota", (json_int_t)d.quotas.items[i].quota, "used",
						     (json_int_t)d.quota_used[i], "full",
						     d.quota_used[i] >= d.quotas.items[i].quota));
		tq += d.quotas.items[i].quota;
		tu += d.quota_used[i];
	}
	json_object_set_new(ctx, "quotas", arr);
	put_b(ctx, "has_quotas", d.quotas.n > 0);
	put_i(ctx, "quota_total", tq);
	put_i(ctx, "quota_used", tu);
	/* days and registrations with their attendance */
	days = json_array();
	for (int k = 0; k < d.ndays; k++)
		json_array_append_new(days, json_pack("{s:s, s:s, s:s, s:b}", "iso",
						      web_fund_iso(req, d.days[k]), "label",
						      date_text(req, d.days[k]), "be",
						      web_form_date(req, d.days[k]), "open",
						      date_cmp(d.days[k], today) <= 0));
	json_object_set_new(ctx, "days", days);
	arr = json_array();
	for (size_t i = 0; i < d.regs.n; i++) {
		const struct asm_registration *g = &d.regs.items[i];
		json_t *r = json_object(), *dd = json_array();
		/* Withdrawing: before any attendance, by whoever may register them. */
		bool may_withdraw = strcmp(d.ev.status, "cancelled") && !d.days_attended[i] &&
				    app_assembly_may_register(who, &d.ev, g->origin);
		put_b(r, "withdrawable", may_withdraw);
		put_b(r, "withdraw_failed", form && !strcmp(form, "withdraw") &&
						    web_parse_id(http_form(req, "registration_id")) == g->id);
		any_withdraw |= may_withdraw;
		put_i(r, "id", g->id);
		put_i(r, "no", (int64_t)i + 1);
		put_s(r, "name", g->name);
		put_s(r, "organisation", g->organisation);
		put_s(r, "origin", web_area_label(req, who, g->origin));
		put_s(r, "role", code_name(req, asm_roles, g->role));
		put_b(r, "guest", !g->person_id);
		if (g->person_id)
			put_s(r, "person_href", href(req, "/persons/%lld", g->person_id));
		for (int k = 0; k < d.ndays; k++)
			json_array_append_new(dd, json_pack("{s:b, s:s}", "present",
							    (d.days_attended[i] >> k) & 1, "label",
							    date_text(req, d.days[k])));
		json_object_set_new(r, "days", dd);
		json_array_append_new(arr, r);
	}
	json_object_set_new(ctx, "regs", arr);
	put_b(ctx, "has_regs", d.regs.n > 0);
	put_b(ctx, "can_withdraw", any_withdraw);
	withdrawn_ctx(req, who, id, ctx);
	/* agenda */
	arr = json_array();
	for (size_t i = 0; i < d.agenda.n; i++) {
		const struct asm_agenda *g = &d.agenda.items[i];
		const char *grp = *g->target_group ? code_name(req, asm_target_groups, g->target_group)
				  : *g->pillar	   ? pillar_name(req, g->pillar)
						   : "";
		json_array_append_new(
			arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s}", "day",
				       date_text(req, g->day), "time",
				       arena_printf(req->arena, "%s%s%s", g->starts_at,
						    *g->ends_at ? "–" : "", g->ends_at),
				       "kind", code_name(req, asm_agenda_kinds, g->kind), "title",
				       g->title, "speakers", g->speakers, "group", grp, "breakout",
				       !strcmp(g->kind, "breakout"), "propose_href",
				       arena_printf(req->arena, "/assemblies/%lld/proposals/new?agenda=%lld",
						    (long long)id, (long long)g->id)));
	}
	json_object_set_new(ctx, "agenda", arr);
	put_b(ctx, "has_agenda", d.agenda.n > 0);
	/* proposals */
	arr = json_array();
	for (size_t i = 0; i < d.proposals.n; i++) {
		const struct proposal *p = &d.proposals.items[i];
		json_array_append_new(
			arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b}", "href",
				       href(req, "/proposals/%lld", p->id), "group", p->group_name,
				       "target", code_name(req, asm_target_groups, p->target_group),
				       "pillar", pillar_name(req, p->pillar), "recommendation",
				       p->recommendation, "status", code_name(req, asm_statuses, p->status),
				       "ok", asm_status_rank(p->status) >= 2 && strcmp(p->status, "declined"),
				       "declined", !strcmp(p->status, "declined")));
	}
	json_object_set_new(ctx, "proposals", arr);
	put_b(ctx, "has_proposals", d.proposals.n > 0);
	/* commitments */
	arr = json_array();
	for (size_t i = 0; i < d.commitments.n; i++) {
		const struct asm_commitment *c = &d.commitments.items[i];
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}", "kind",
						     code_name(req, asm_commitment_kinds, c->kind),
						     "text", c->text, "signed_by", c->signed_by,
						     "signed_on", date_text(req, c->signed_on)));
	}
	json_object_set_new(ctx, "commitments", arr);
	put_b(ctx, "has_commitments", d.commitments.n > 0);
	/* forms */
	{
		json_t *v = json_object();
		json_object_set_new(v, "agenda", json_pack("{s:s, s:s}", "day",
							   web_form_date(req, d.ev.starts_on), "kind",
							   "breakout"));
		json_object_set_new(v, "commit", json_pack("{s:s, s:s}", "signed_on",
							   web_form_date(req, d.ev.ends_on), "kind",
							   "commitment"));
		json_object_set_new(ctx, "v", v);
	}
	if (fe && form) {
		if (!strcmp(form, "quota"))
			web_fund_form_error(req, resp, ctx, form, quota_fields, ARRAY_SIZE(quota_fields), fe);
		else if (!strcmp(form, "agenda"))
			web_fund_form_error(req, resp, ctx, form, agenda_fields, ARRAY_SIZE(agenda_fields), fe);
		else if (!strcmp(form, "commit"))
			web_fund_form_error(req, resp, ctx, form, commit_fields, ARRAY_SIZE(commit_fields), fe);
		else if (!strcmp(form, "withdraw"))
			web_fund_form_error(req, resp, ctx, form, withdraw_fields,
					    ARRAY_SIZE(withdraw_fields), fe);
		else
			web_fund_form_error(req, resp, ctx, form, NULL, 0, fe);
	}
	{
		json_t *va = json_object_get(json_object_get(ctx, "v"), "agenda");
		json_t *vc = json_object_get(json_object_get(ctx, "v"), "commit");
		json_object_set_new(ctx, "kinds", options(req, asm_agenda_kinds,
							  json_string_value(json_object_get(va, "kind"))));
		json_object_set_new(ctx, "groups",
				    options(req, asm_target_groups,
					    json_string_value(json_object_get(va, "target_group"))));
		json_object_set_new(ctx, "pillars",
				    pillar_options(req, json_string_value(json_object_get(va, "pillar"))));
		json_object_set_new(ctx, "commit_kinds",
				    options(req, asm_commitment_kinds,
					    json_string_value(json_object_get(vc, "kind"))));
	}
	assembly_detail_release(&d);
	web_page(req, resp, "assembly", ctx, who, token);
}

static void web_assembly(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_event(req, resp, &who, token, web_parse_id(req->params[0]), NULL, NULL);
}

/* After a POST on an event: back to it with the notice, or the page with the error. */
static void event_done(struct http_req *req, struct http_resp *resp, const struct actor *who,
		       const char *token, int64_t id, int rc, const struct err *e,
		       const char *form, const char *notice, const char *anchor)
{
	if (!rc) {
		http_redirect(req, resp, arena_printf(req->arena, "/assemblies/%lld?done=%s#%s",
						      (long long)id, notice, anchor));
		return;
	}
	if (web_fund_fatal(e) && !(e->code == ERR_FORBIDDEN && *e->field))
		web_error(req, resp, e, who, token);
	else
		render_event(req, resp, who, token, id, form, e);
}

static void web_assembly_quota(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	const char *q = S(http_form(req, "quota"));
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (http_form(req, "each")) {
		int64_t n;
		rc = app_assembly_quota_each(fa->app, &who, id, S(http_form(req, "area")),
					     *q ? strtoll(q, NULL, 10) : 0, &n, &e);
	} else {
		rc = app_assembly_quota_set(fa->app, &who, id, S(http_form(req, "area")),
					    *q ? strtoll(q, NULL, 10) : 0, &e);
	}
	event_done(req, resp, &who, token, id, rc, &e, "quota", "quota", "quotas");
}

static void web_assembly_agenda(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), aid;
	struct agenda_in in;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	in.kind = http_form(req, "kind");
	in.title = http_form(req, "title");
	in.day = http_form(req, "day");
	in.starts_at = http_form(req, "starts_at");
	in.ends_at = http_form(req, "ends_at");
	in.speakers = http_form(req, "speakers");
	in.target_group = http_form(req, "target_group");
	in.pillar = http_form(req, "pillar");
	rc = app_assembly_agenda_add(fa->app, &who, id, &in, &aid, &e);
	event_done(req, resp, &who, token, id, rc, &e, "agenda", "agenda", "agenda");
}

static void web_assembly_commitment(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), cid;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	rc = app_assembly_commitment_add(fa->app, &who, id, http_form(req, "kind"),
					 http_form(req, "text"), http_form(req, "signed_by"),
					 http_form(req, "signed_on"), &cid, &e);
	event_done(req, resp, &who, token, id, rc, &e, "commit", "commitment", "commitments");
}

static void web_assembly_status(struct http_req *req, struct http_resp *resp)
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
	rc = app_assembly_set_status(fa->app, &who, id, http_form(req, "status"), &e);
	event_done(req, resp, &who, token, id, rc, &e, "status", "status", "top");
}

/* The sign-in form of one day: a checkbox "reg_<id>" per registration. */
static void web_assembly_attendance(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	const char *day = S(http_form(req, "day"));
	struct assembly_detail d;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	rc = app_assembly_get(fa->app, &who, id, &d, &e);
	if (rc) {
		web_error(req, resp, &e, &who, token);
		return;
	}
	for (size_t i = 0; !rc && i < d.regs.n; i++) {
		const char *k = arena_printf(req->arena, "reg_%lld", (long long)d.regs.items[i].id);
		if (http_form(req, k))
			rc = app_assembly_attend(fa->app, &who, id, d.regs.items[i].id, day, &e);
	}
	assembly_detail_release(&d);
	event_done(req, resp, &who, token, id, rc, &e, "attend", "attendance", "registrations");
}

/* ------------------------------------------------------------ registration */

static const char *const reg_fields[] = { "name", "organisation", "origin", "role", "person_id" };

static void render_register(struct http_req *req, struct http_resp *resp, const struct actor *who,
			    const char *token, int64_t id, const struct err *fe)
{
	struct face *fa = req->app;
	struct assembly_detail d;
	const char *q = S(http_query(req, "q"));
	struct err e;
	json_t *ctx, *arr;

	err_init(&e);
	if (!id) {
		web_fund_not_found(req, resp, who, token);
		return;
	}
	if (app_assembly_get(fa->app, who, id, &d, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	ctx = page_ctx(req, web_tr(req, "Register participants"));
	put_s(ctx, "event_title", d.ev.title);
	put_s(ctx, "event_href", href(req, "/assemblies/%lld", id));
	put_s(ctx, "action", href(req, "/assemblies/%lld/register", id));
	put_s(ctx, "q", q);
	put_b(ctx, "can_register", d.can_register);
	arr = json_array();
	for (size_t i = 0; i < d.quotas.n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:I, s:I}", "area_name",
						     web_area_label(req, who, d.quotas.items[i].area),
						     "quota", (json_int_t)d.quotas.items[i].quota, "used",
						     (json_int_t)d.quota_used[i]));
	json_object_set_new(ctx, "quotas", arr);
	put_b(ctx, "has_quotas", d.quotas.n > 0);
	/* People found in the registry by name (or national ID), in the user's scope. */
	if (*q) {
		struct person_list l = PERSON_LIST_INIT;
		struct person_query pq;
		struct buf key = BUF_INIT;
		char digits[16];
		size_t n = 0;

		memset(&pq, 0, sizeof(pq));
		for (const char *p = q; *p && n < 15; p++)
			if (*p >= '0' && *p <= '9')
				digits[n++] = *p;
		digits[n] = '\0';
		if (n == 13)
			pq.national_id = digits;
		else if (!thtext_name_key(q, strlen(q), &key, NULL))
			pq.name_key = key.ptr;
		pq.area = who->area;
		pq.alive_only = true;
		pq.today = app_today(fa->app);
		pq.limit = 30;
		arr = json_array();
		if ((pq.national_id || pq.name_key) && !app_person_search(fa->app, who, &pq, &l, &e))
			for (size_t i = 0; i < l.n; i++) {
				const struct person *p = &l.items[i];
				bool already = false;
				for (size_t k = 0; k < d.regs.n; k++)
					already |= d.regs.items[k].person_id == p->id;
				json_array_append_new(
					arr, json_pack("{s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)p->id,
						       "name",
						       arena_printf(req->arena, "%s%s %s", S(p->title),
								    S(p->given_name), S(p->family_name)),
						       "area", web_area_label(req, who, p->area), "nid",
						       web_nid_text(req, p->national_id), "already",
						       already));
			}
		put_b(ctx, "searched", true);
		put_b(ctx, "has_found", json_array_size(arr) > 0);
		json_object_set_new(ctx, "found", arr);
		person_list_release(&l);
		buf_release(&key);
	}
	json_object_set_new(ctx, "v", json_pack("{s:{s:s}}", "guest", "role", "participant"));
	/* A refused registry person: the message above the list (it has no fields). */
	if (fe && http_form(req, "person_id"))
		web_fund_form_error(req, resp, ctx, "person", NULL, 0, fe);
	else if (fe)
		web_fund_form_error(req, resp, ctx, "guest", reg_fields, ARRAY_SIZE(reg_fields), fe);
	json_object_set_new(ctx, "roles",
			    options(req, asm_roles,
				    json_string_value(json_object_get(
					    json_object_get(json_object_get(ctx, "v"), "guest"), "role"))));
	assembly_detail_release(&d);
	web_page(req, resp, "assembly_register", ctx, who, token);
}

static void web_assembly_register_form(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_register(req, resp, &who, token, web_parse_id(req->params[0]), NULL);
}

static void web_assembly_register(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), rid;
	struct registration_in in;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	memset(&in, 0, sizeof(in));
	in.person_id = web_parse_id(http_form(req, "person_id"));
	in.name = http_form(req, "name");
	in.organisation = http_form(req, "organisation");
	in.origin = http_form(req, "origin");
	in.role = http_form(req, "role");
	rc = app_assembly_register(fa->app, &who, id, &in, &rid, &e);
	if (!rc) {
		http_redirect(req, resp, href(req, "/assemblies/%lld?done=registered#registrations", id));
		return;
	}
	if (e.code == ERR_FORBIDDEN && *e.field)
		e.code = ERR_INVALID;
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_register(req, resp, &who, token, id, &e);
}

/* --------------------------------------------------------------- proposals */

static const char *const prop_fields[] = { "agenda_id",     "group_name", "target_group",
					   "pillar",        "problem",    "recommendation",
					   "body",          "endorsements", "endorsed_by", "area" };

static void render_propose(struct http_req *req, struct http_resp *resp, const struct actor *who,
			   const char *token, int64_t id, const struct err *fe)
{
	struct face *fa = req->app;
	struct assembly_detail d;
	int64_t agenda = web_parse_id(fe ? http_form(req, "agenda_id") : http_query(req, "agenda"));
	struct err e;
	json_t *ctx, *arr, *v;
	const char *tg = NULL, *pl = NULL;

	err_init(&e);
	if (!id) {
		web_fund_not_found(req, resp, who, token);
		return;
	}
	if (app_assembly_get(fa->app, who, id, &d, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	ctx = page_ctx(req, web_tr(req, "A breakout group's proposal"));
	put_s(ctx, "event_title", d.ev.title);
	put_s(ctx, "event_href", href(req, "/assemblies/%lld", id));
	put_i(ctx, "assembly_id", id);
	put_b(ctx, "can_manage", d.can_manage);
	arr = json_array();
	for (size_t i = 0; i < d.agenda.n; i++) {
		const struct asm_agenda *g = &d.agenda.items[i];
		if (strcmp(g->kind, "breakout"))
			continue;
		if (g->id == agenda) {
			tg = g->target_group;
			pl = g->pillar;
		}
		json_array_append_new(arr, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)g->id, "name",
						     g->title, "selected", g->id == agenda));
	}
	json_object_set_new(ctx, "breakouts", arr);
	v = json_object();
	put_s(v, "target_group", tg);
	put_s(v, "pillar", pl);
	put_s(v, "endorsements", "0");
	json_object_set_new(ctx, "v", json_pack("{s:o}", "prop", v));
	if (fe)
		web_fund_form_error(req, resp, ctx, "prop", prop_fields, ARRAY_SIZE(prop_fields), fe);
	v = json_object_get(json_object_get(ctx, "v"), "prop");
	json_object_set_new(ctx, "groups",
			    options(req, asm_target_groups,
				    json_string_value(json_object_get(v, "target_group"))));
	json_object_set_new(ctx, "pillars",
			    pillar_options(req, json_string_value(json_object_get(v, "pillar"))));
	assembly_detail_release(&d);
	web_page(req, resp, "proposal_new", ctx, who, token);
}

static void web_proposal_new(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_propose(req, resp, &who, token, web_parse_id(req->params[0]), NULL);
}

static void web_proposal_create(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), pid;
	const char *en = S(http_form(req, "endorsements"));
	struct proposal_in in;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	memset(&in, 0, sizeof(in));
	in.assembly_id = id;
	in.agenda_id = web_parse_id(http_form(req, "agenda_id"));
	in.group_name = http_form(req, "group_name");
	in.target_group = http_form(req, "target_group");
	in.pillar = http_form(req, "pillar");
	in.problem = http_form(req, "problem");
	in.recommendation = http_form(req, "recommendation");
	in.body = http_form(req, "body");
	in.endorsed_by = http_form(req, "endorsed_by");
	in.area = http_form(req, "area");
	in.endorsements = *en ? strtoll(en, NULL, 10) : 0;
	rc = app_proposal_add(fa->app, &who, &in, &pid, &e);
	if (!rc) {
		http_redirect(req, resp, href(req, "/proposals/%lld?done=proposed", pid));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_propose(req, resp, &who, token, id, &e);
}

static const char *const step_fields[] = { "status", "date", "evidence", "reference",
					   "adopted_into", "amount" };

static void render_proposal(struct http_req *req, struct http_resp *resp, const struct actor *who,
			    const char *token, int64_t id, const struct err *fe)
{
	struct face *fa = req->app;
	struct proposal_step_list steps = { NULL, 0, 0 };
	struct proposal p;
	struct err e;
	json_t *ctx, *o, *arr;
	const char *next;
	bool can;

	err_init(&e);
	if (!id) {
		web_fund_not_found(req, resp, who, token);
		return;
	}
	if (app_proposal_get(fa->app, who, id, &p, &steps, &can, &e)) {
		proposal_step_list_release(&steps);
		web_error(req, resp, &e, who, token);
		return;
	}
	ctx = page_ctx(req, web_tr(req, "Proposal"));
	o = json_object();
	put_i(o, "id", p.id);
	put_s(o, "event_title", p.assembly_title);
	put_s(o, "event_href", href(req, "/assemblies/%lld", p.assembly_id));
	put_s(o, "group", p.group_name);
	put_s(o, "target", code_name(req, asm_target_groups, p.target_group));
	put_s(o, "pillar", pillar_name(req, p.pillar));
	put_s(o, "area_name", web_area_label(req, who, p.area));
	put_s(o, "problem", p.problem);
	put_s(o, "recommendation", p.recommendation);
	put_s(o, "body", p.body);
	put_i(o, "endorsements", p.endorsements);
	put_s(o, "endorsed_by", p.endorsed_by);
	put_s(o, "status", code_name(req, asm_statuses, p.status));
	put_s(o, "status_code", p.status);
	put_b(o, "declined", !strcmp(p.status, "declined"));
	put_s(o, "adopted_into", *p.adopted_into ? code_name(req, asm_adopted_into, p.adopted_into) : "");
	put_s(o, "funded", p.funded_amount ? web_money_text(req, p.funded_amount, 0) : "");
	json_object_set_new(ctx, "p", o);
	/* The road, each state reached (with its step) or still ahead. */
	arr = json_array();
	for (int s = 0; s < 5; s++) {
		json_t *r = json_object();
		const struct proposal_step *st = NULL;
		for (size_t i = 0; i < steps.n; i++)
			if (!strcmp(steps.items[i].status, asm_statuses[s].code))
				st = &steps.items[i];
		put_s(r, "name", th(req) ? asm_statuses[s].th : asm_statuses[s].en);
		put_b(r, "done", st != NULL);
		put_b(r, "current", !strcmp(p.status, asm_statuses[s].code));
		if (st) {
			put_s(r, "date", web_date_text(req, st->on, DATE_LONG));
			put_s(r, "evidence", st->evidence);
			put_s(r, "reference", st->reference);
			put_s(r, "actor", st->actor);
		}
		json_array_append_new(arr, r);
	}
	json_object_set_new(ctx, "road", arr);
	for (size_t i = 0; i < steps.n; i++)
		if (!strcmp(steps.items[i].status, "declined"))
			json_object_set_new(ctx, "declined",
					    json_pack("{s:s, s:s, s:s}", "date",
						      web_date_text(req, steps.items[i].on, DATE_LONG),
						      "reason", steps.items[i].evidence, "actor",
						      steps.items[i].actor));
	next = asm_next_status(p.status);
	put_b(ctx, "can_step", can && *next);
	put_s(ctx, "next", next);
	put_s(ctx, "next_name", code_name(req, asm_statuses, next));
	put_b(ctx, "next_adopted", !strcmp(next, "adopted"));
	put_b(ctx, "next_funded", !strcmp(next, "funded"));
	json_object_set_new(ctx, "v", json_pack("{s:{s:s}}", "step", "date",
						  web_form_date(req, app_today(fa->app))));
	if (fe)
		web_fund_form_error(req, resp, ctx, "step", step_fields, ARRAY_SIZE(step_fields), fe);
	json_object_set_new(ctx, "adopted_options",
			    options(req, asm_adopted_into,
				    json_string_value(json_object_get(
					    json_object_get(json_object_get(ctx, "v"), "step"),
					    "adopted_into"))));
	proposal_step_list_release(&steps);
	web_page(req, resp, "proposal", ctx, who, token);
}

static void web_proposal(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_proposal(req, resp, &who, token, web_parse_id(req->params[0]), NULL);
}

static void web_proposal_step(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	const char *amount = S(http_form(req, "amount"));
	struct proposal_step_in in;
	struct actor who;
	const char *token;
	struct err e;
	int rc = 0;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	memset(&in, 0, sizeof(in));
	in.status = http_form(req, "status");
	in.date = http_form(req, "date");
	in.evidence = http_form(req, "evidence");
	in.reference = http_form(req, "reference");
	in.adopted_into = http_form(req, "adopted_into");
	if (*amount)
		rc = money_parse(amount, &in.amount, "amount", &e);
	if (!rc)
		rc = app_proposal_step(fa->app, &who, id, &in, &e);
	if (!rc) {
		http_redirect(req, resp, href(req, "/proposals/%lld?done=step", id));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_proposal(req, resp, &who, token, id, &e);
}

/* ------------------------------------------------------------------ report */


/* The report's rows for the template: each area's counts and proposals by status. */
static json_t *report_rows(struct http_req *req, const struct asm_report_row *row, size_t n,
			   int year)
{
	json_t *rows = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *w = json_object(), *st = json_array();

		put_s(w, "name", th(req) ? row[i].name_th : row[i].name_en);
		put_s(w, "href", arena_printf(req->arena, "/assemblies/report?area=%s&year=%d",
					      row[i].code, year));
		put_i(w, "assemblies", row[i].events);
		put_i(w, "registered", row[i].registered);
		put_i(w, "attended", row[i].attended);
		put_i(w, "proposals", row[i].proposals);
		for (int s = 0; s < ASM_NSTATUS; s++)
			json_array_append_new(st, json_integer(row[i].status[s]));
		json_object_set_new(w, "status", st);
		json_array_append_new(rows, w);
	}
	return rows;
}

static void web_assembly_report(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	const char *area = http_query(req, "area");
	int year = year_of(req);
	struct svg_bar bars[ASM_NSTATUS], gbars[ASM_NGROUP];
	struct buf chart = BUF_INIT, gchart = BUF_INIT;
	struct asm_report r;
	struct actor who;
	const char *token;
	struct err e;
	json_t *ctx, *rows, *tot;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!area || !*area)
		area = who.area;
	if (app_assembly_report(fa->app, &who, area, year, &r, &e)) {
		web_error(req, resp, &e, &who, token);
		return;
	}
	ctx = page_ctx(req, web_tr(req, "Assemblies and proposals"));
	put_s(ctx, "area", r.area);
	put_s(ctx, "area_name", th(req) ? r.name_th : r.name_en);
	put_s(ctx, "year", year_text(req, year));
	put_s(ctx, "year_ce", arena_printf(req->arena, "%d", year));
	put_s(ctx, "xlsx_href", arena_printf(req->arena, "/assemblies/report.xlsx?area=%s&year=%d%s",
					     r.area, year, th(req) ? "" : "&lang=en"));
	if (strcmp(r.area, "TH")) {
		char up[GEO_CODE_SIZE] = "TH";
		if (geo_level(r.area) > GEO_PROVINCE)
			geo_parent_code(r.area, up);
		if (geo_in_scope(who.area, up) || !strcmp(who.area, "TH"))
			put_s(ctx, "up_href", arena_printf(req->arena, "/assemblies/report?area=%s&year=%d",
							   up, year));
	}
	put_i(ctx, "assemblies", r.events);
	put_i(ctx, "registered", r.registered);
	put_i(ctx, "attended", r.attended);
	put_i(ctx, "proposals", r.proposals);
	/* outcome columns */
	{
		json_t *h = json_array();
		for (int s = 0; s < ASM_NSTATUS; s++)
			json_array_append_new(h, json_string(th(req) ? asm_statuses[s].th
								     : asm_statuses[s].en));
		json_object_set_new(ctx, "outcomes", h);
	}
	rows = report_rows(req, r.rows, r.n, year);
	json_object_set_new(ctx, "rows", rows);
	put_b(ctx, "has_rows", r.n > 0);
	/* The nation also by region. */
	rows = report_rows(req, r.regions, r.nregions, year);
	json_object_set_new(ctx, "regions", rows);
	put_b(ctx, "has_regions", r.nregions > 0);
	tot = json_array();
	for (int s = 0; s < ASM_NSTATUS; s++)
		json_array_append_new(tot, json_integer(r.status[s]));
	json_object_set_new(ctx, "total_status", tot);
	/* by target group and by pillar */
	for (int t = 0; t < 2; t++) {
		json_t *arr = json_array();
		for (int g = 0; g < ASM_NGROUP; g++) {
			json_t *w = json_object(), *st = json_array();
			int64_t sum = 0;
			put_s(w, "name", t ? program_pillar_name((enum program_pillar)(g + 1), th(req))
					   : (th(req) ? asm_target_groups[g].th : asm_target_groups[g].en));
			for (int s = 0; s < ASM_NSTATUS; s++) {
				int64_t n = t ? r.pillar[g][s] : r.group[g][s];
				json_array_append_new(st, json_integer(n));
				sum += n;
			}
			put_i(w, "total", sum);
			json_object_set_new(w, "status", st);
			json_array_append_new(arr, w);
			if (!t)
				gbars[g] = (struct svg_bar){ th(req) ? asm_target_groups[g].th
								     : asm_target_groups[g].en,
							     sum, NULL };
		}
		json_object_set_new(ctx, t ? "by_pillar" : "by_group", arr);
	}
	for (int s = 0; s < ASM_NSTATUS; s++)
		bars[s] = (struct svg_bar){ th(req) ? asm_statuses[s].th : asm_statuses[s].en,
					    r.status[s], NULL };
	svg_bars(&chart, web_tr(req, "What came of the proposals"), bars, ASM_NSTATUS);
	svg_bars(&gchart, web_tr(req, "Proposals by target group"), gbars, ASM_NGROUP);
	put_s(ctx, "chart", chart.ptr);
	put_s(ctx, "group_chart", gchart.ptr);
	buf_release(&chart);
	buf_release(&gchart);
	asm_report_release(&r);
	web_page(req, resp, "assembly_report", ctx, &who, token);
}

/* --------------------------------------------------------------- documents */

static void serve_doc(struct http_req *req, struct http_resp *resp, const char *kind)
{
	struct actor who;
	const char *token;
	struct err e;
	int64_t id = 0;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (strcmp(kind, "report") && !(id = web_parse_id(req->params[0]))) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	if (face_assembly_doc(req, resp, &who, kind, id, &e))
		web_error(req, resp, &e, &who, token);
}

static void web_signin_pdf(struct http_req *req, struct http_resp *resp)
{
	serve_doc(req, resp, "signin");
}

static void web_summary_pdf(struct http_req *req, struct http_resp *resp)
{
	serve_doc(req, resp, "summary");
}

static void web_report_xlsx(struct http_req *req, struct http_resp *resp)
{
	serve_doc(req, resp, "report");
}

/* ------------------------------------------------ withdrawn registrations */

/* The withdrawn registrations the actor sees: withdrawn [{name, person_href,
 * organisation, origin, role, at, by, reason}], has_withdrawn. */
static void withdrawn_ctx(struct http_req *req, const struct actor *who, int64_t id, json_t *ctx)
{
	struct face *fa = req->app;
	struct asm_withdrawal_list l = { NULL, 0, 0 };
	json_t *arr = json_array();
	struct err e;

	err_init(&e);
	if (app_assembly_withdrawals(fa->app, who, id, &l, &e))
		put_s(ctx, "withdrawn_error", web_en(req) ? e.en : e.th);
	for (size_t i = 0; i < l.n; i++) {
		const struct asm_withdrawal *w = &l.items[i];
		json_t *o = json_object();
		put_s(o, "name", w->reg.name);
		if (w->reg.person_id)
			put_s(o, "person_href", href(req, "/persons/%lld", w->reg.person_id));
		put_s(o, "organisation", w->reg.organisation);
		put_s(o, "origin", web_area_label(req, who, w->reg.origin));
		put_s(o, "role", code_name(req, asm_roles, w->reg.role));
		put_s(o, "at", web_time_text(req, w->withdrawn_at));
		put_s(o, "by", w->withdrawn_by);
		put_s(o, "reason", w->reason);
		json_array_append_new(arr, o);
	}
	json_object_set_new(ctx, "withdrawn", arr);
	put_b(ctx, "has_withdrawn", l.n > 0);
	asm_withdrawal_list_release(&l);
}

/* Withdraws one registration (form: registration_id, reason). */
static void web_assembly_withdraw(struct http_req *req, struct http_resp *resp)
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
	rc = app_assembly_withdraw(fa->app, &who, id, web_parse_id(http_form(req, "registration_id")),
				   http_form(req, "reason"), &e);
	event_done(req, resp, &who, token, id, rc, &e, "withdraw", "withdrawn", "registrations");
}

const struct http_route web_assembly_routes[] = {
	{ "GET", "/assemblies", web_assemblies },
	{ "POST", "/assemblies", web_assembly_create },
	{ "GET", "/assemblies/report", web_assembly_report },
	{ "GET", "/assemblies/report.xlsx", web_report_xlsx },
	{ "GET", "/assemblies/{id}", web_assembly },
	{ "POST", "/assemblies/{id}/quotas", web_assembly_quota },
	{ "POST", "/assemblies/{id}/agenda", web_assembly_agenda },
	{ "POST", "/assemblies/{id}/commitments", web_assembly_commitment },
	{ "POST", "/assemblies/{id}/status", web_assembly_status },
	{ "POST", "/assemblies/{id}/attendance", web_assembly_attendance },
	{ "POST", "/assemblies/{id}/withdraw", web_assembly_withdraw },
	{ "GET", "/assemblies/{id}/register", web_assembly_register_form },
	{ "POST", "/assemblies/{id}/register", web_assembly_register },
	{ "GET", "/assemblies/{id}/proposals/new", web_proposal_new },
	{ "POST", "/assemblies/{id}/proposals", web_proposal_create },
	{ "GET", "/assemblies/{id}/signin.pdf", web_signin_pdf },
	{ "GET", "/assemblies/{id}/summary.pdf", web_summary_pdf },
	{ "GET", "/proposals/{id}", web_proposal },
	{ "POST", "/proposals/{id}/step", web_proposal_step },
};
const size_t web_assembly_nroutes = ARRAY_SIZE(web_assembly_routes);
