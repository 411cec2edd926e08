/*
 * Pages of the monthly payroll of a paying office (app/program's payroll
 * use cases): the office's rolls by month with the form that generates a
 * month; one roll with its lines, each stopped line's reason in words
 * (deceased, moved away, enrolled at two offices, or not eligible and the
 * requirement that failed, in the rules' own words); approval; the CSV and
 * the bank's bulk-transfer file as downloads; and the bank's result file,
 * pasted into a text box (the server reads url-encoded forms only, and a
 * paste works without JavaScript), with the paid and failed counts after.
 *
 * A roll's life, as the buttons follow it:
 *
 *     generated --approve--> approved --download--> exported --bank result--> reconciled
 *                                                      ^   (failed lines stay)   |
 *                                                      +-------------------------+
 *
 * As on every page, the use cases decide who may do what (officers with
 * write rights on the office), forms carry the CSRF token, a POST that
 * succeeds redirects with ?done=, and one that fails shows the page again
 * with the message by its field.
 */
#include "web/program.h"
#include "app/person.h"
#include "core/date.h"
#include "core/geo.h"
#include "core/rules.h"

/* Programs whose rules one roll page reads to word its stop reasons. */
#define RULES_CACHE 16
/* Rolls a list page shows (a province lists every office's months). */
#define ROLL_PAGE 60

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

#define href(req, fmt, id) arena_printf((req)->arena, fmt, (long long)(id))

/* ctx.v.form as an object, created when missing (the form's values). */
static json_t *form_values(json_t *ctx, const char *form)
{
	json_t *v = json_object_get(ctx, "v"), *f;

	if (!v) {
		v = json_object();
		json_object_set_new(ctx, "v", v);
	}
	f = json_object_get(v, form);
	if (!f) {
		f = json_object();
		json_object_set_new(v, form, f);
	}
	return f;
}

static const char *payroll_status_name(struct http_req *req, const char *s)
{
	if (!strcmp(s, "generated"))
		return web_tr(req, "Waiting for approval");
	if (!strcmp(s, "approved"))
		return web_tr(req, "Approved");
	if (!strcmp(s, "exported"))
		return web_tr(req, "Sent to the bank");
	if (!strcmp(s, "reconciled"))
		return web_tr(req, "Reconciled with the bank");
	return s;
}

static const char *line_status_name(struct http_req *req, const char *s)
{
	if (!strcmp(s, "pay"))
		return web_tr(req, "To pay");
	if (!strcmp(s, "stopped"))
		return web_tr(req, "Stopped");
	if (!strcmp(s, "paid"))
		return web_tr(req, "Paid");
	if (!strcmp(s, "failed"))
		return web_tr(req, "Transfer failed");
	return s;
}

/* ---- the office's rolls ---- */

static const char *gen_fields[] = { "office", "month" };

/* This month as the generate form takes it: B.E. m/yyyy. */
static const char *this_month(struct http_req *req)
{
	struct face *fa = req->app;
	struct date t = app_today(fa->app);

	return arena_printf(req->arena, "%d/%d", t.m, t.y + 543);
}

static void render_payrolls(struct http_req *req, struct http_resp *resp,
			    const struct actor *who, const char *token, const struct err *fe)
{
	struct face *fa = req->app;
	const char *office = fe ? S(http_form(req, "office")) : web_program_office(req, who);
	int64_t offset = web_parse_id(http_query(req, "offset"));
	struct payroll_list l = { NULL, 0, 0 };
	struct err e;
	json_t *ctx, *rows, *v;
	int level;
	size_t i;

	err_init(&e);
	if (fe && !*office)
		office = who->area;
	if (app_payroll_list(fa->app, who, office, &l, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	ctx = web_program_ctx(req, who, "payrolls", web_tr(req, "Payrolls"));
	put_s(ctx, "office", office);
	put_s(ctx, "office_name", strcmp(office, "TH") ? web_area_label(req, who, office)
						       : web_tr(req, "Thailand"));
	put_s(ctx, "eyebrow", arena_printf(req->arena, "%s · %s", web_tr(req, "Paying office"),
					   json_string_value(json_object_get(ctx, "office_name"))));
	rows = json_array();
	for (i = (size_t)offset; i < l.n && i < (size_t)offset + ROLL_PAGE; i++) {
		const struct payroll *p = &l.items[i];
		json_t *o = json_object();

		put_s(o, "href", href(req, "/payrolls/%lld", p->id));
		put_s(o, "month", web_month_text(req, p->month));
		put_s(o, "office", web_area_label(req, who, p->office));
		put_s(o, "status_name", payroll_status_name(req, p->status));
		put_b(o, "ok", !strcmp(p->status, "reconciled"));
		put_b(o, "warn", !strcmp(p->status, "generated"));
		put_i(o, "lines", p->lines);
		put_i(o, "stopped", p->stopped);
		put_s(o, "total", money(req, p->total));
		json_array_append_new(rows, o);
	}
	json_object_set_new(ctx, "payrolls", rows);
	put_b(ctx, "has_payrolls", json_array_size(rows) > 0);
	if ((size_t)offset + ROLL_PAGE < l.n)
		put_s(ctx, "next_href", arena_printf(req->arena, "/payrolls?office=%s&offset=%lld",
						     office, (long long)(offset + ROLL_PAGE)));
	if (offset > 0)
		put_s(ctx, "prev_href",
		      arena_printf(req->arena, "/payrolls?office=%s&offset=%lld", office,
				   (long long)(offset > ROLL_PAGE ? offset - ROLL_PAGE : 0)));
	payroll_list_release(&l);
	level = geo_level(office);
	put_b(ctx, "can_generate", web_program_officer(who) && role_can(who->role, PERM_WRITE));
	v = form_values(ctx, "gen");
	put_s(v, "office", level == GEO_TAMBON || level == GEO_DISTRICT
				   ? office
				   : web_program_default_office(who));
	put_s(v, "month", this_month(req));
	if (fe)
		web_fund_form_error(req, resp, ctx, "gen", gen_fields, ARRAY_SIZE(gen_fields), fe);
	web_page(req, resp, "payroll_list", ctx, who, token);
}

static void web_payrolls(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_payrolls(req, resp, &who, token, NULL);
}

static void web_payroll_generate(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	const char *office = S(http_form(req, "office"));
	struct actor who;
	const char *token;
	int64_t id = 0;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!app_payroll_generate(fa->app, &who, office, S(http_form(req, "month")), &id, &e)) {
		http_redirect(req, resp, href(req, "/payrolls/%lld?done=generated", id));
		return;
	}
	/* An office outside the scope is the form's field, not a 403 page. */
	if (e.code == ERR_FORBIDDEN && !strcmp(e.field, "area")) {
		e.code = ERR_INVALID;
		snprintf(e.field, sizeof(e.field), "office");
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_payrolls(req, resp, &who, token, &e);
}

/* ---- one roll ---- */

/* The compiled rules of the programs on one roll, in force on its month's
 * first day, to word "not eligible" with the requirement that failed. */
struct rules_cache {
	int64_t program_id[RULES_CACHE];
	struct rules_prog *prog[RULES_CACHE];
	size_t n;
};

static const struct rules_prog *cached_rules(struct http_req *req, const struct actor *who,
					     struct rules_cache *c, int64_t program_id,
					     struct date on)
{
	struct face *fa = req->app;
	struct program_version_list vl = { NULL, 0, 0 };
	struct rules_prog *prog = NULL;
	struct program p;
	size_t i;
	int at = -1;

	for (i = 0; i < c->n; i++)
		if (c->program_id[i] == program_id)
			return c->prog[i];
	if (c->n == RULES_CACHE || app_program_get(fa->app, who, program_id, &p, &vl, NULL))
		return NULL;
	for (i = 0; i < vl.n; i++)
		if (date_cmp(vl.items[i].effective_from, on) <= 0)
			at = (int)i;
	if (at >= 0 && rules_compile(vl.items[at].rules, strlen(vl.items[at].rules), &prog, NULL))
		prog = NULL;
	program_release(&p);
	program_version_list_release(&vl);
	c->program_id[c->n] = program_id;
	c->prog[c->n++] = prog;
	return prog;
}

static void rules_cache_release(struct rules_cache *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		rules_free(c->prog[i]);
	c->n = 0;
}

/* Why a line is stopped or failed, in words. */
static const char *reason_text(struct http_req *req, const struct actor *who,
			       struct rules_cache *c, const struct payroll_line *x, struct date m1)
{
	const char *r = x->reason;

	if (!*r)
		return "";
	if (!strcmp(x->status, "failed"))
		return strcmp(r, "bank") ? arena_printf(req->arena, "%s: %s",
							web_tr(req, "The bank could not pay"), r)
					 : web_tr(req, "The bank could not pay");
	if (!strcmp(r, "deceased"))
		return web_tr(req, "Deceased before the month");
	if (!strcmp(r, "moved"))
		return web_tr(req, "Moved away: house registration outside the office's area");
	if (!strcmp(r, "two_offices"))
		return web_tr(req, "Enrolled at two offices: the other office pays");
	if (starts_with(r, "not_eligible")) {
		const char *code = strchr(r, ':') ? strchr(r, ':') + 1 : "";
		const struct rules_prog *prog = cached_rules(req, who, c, x->program_id, m1);
		bool thai = !web_en(req);
		int i;

		for (i = 0; prog && i < rules_require_count(prog); i++) {
			const struct rules_item *it = rules_require(prog, i);
			const char *fail = thai ? it->fail_th : it->fail_en;
			const char *label = thai ? it->th : it->en;

			if (strcmp(it->code, code))
				continue;
			/* An else label says what is wrong; one with placeholders
			 * ({age}) needs the person, so the requirement is named. */
			if (*fail && !strchr(fail, '{'))
				return arena_printf(req->arena, "%s: %s", web_tr(req, "Not eligible"),
						    fail);
			return arena_printf(req->arena, "%s: %s %s", web_tr(req, "Not eligible"),
					    web_tr(req, "does not meet"), label);
		}
		return arena_printf(req->arena, "%s (%s)", web_tr(req, "Not eligible"), code);
	}
	return r;
}

static const char *bank_fields[] = { "result" };

static void render_payroll(struct http_req *req, struct http_resp *resp, const struct actor *who,
			   const char *token, int64_t id, const char *form,
			   const char *const *fields, size_t nfields, const struct err *fe)
{
	struct face *fa = req->app;
	struct payroll_line_list l = { NULL, 0, 0 };
	struct rules_cache rc;
	struct program_list pl;
	struct payroll p;
	struct date m1 = { 0, 0, 1 };
	struct err e;
	int64_t npay = 0, npaid = 0, nfailed = 0, arrears = 0, paid = 0;
	json_t *ctx, *rows, *o;
	bool can;
	size_t i;

	err_init(&e);
	memset(&rc, 0, sizeof(rc));
	if (!id) {
		web_fund_not_found(req, resp, who, token);
		return;
	}
	if (app_payroll_get(fa->app, who, id, &p, &l, &e)) {
		payroll_line_list_release(&l);
		web_error(req, resp, &e, who, token);
		return;
	}
	if (web_programs_load(req, who, &pl, NULL))
		memset(&pl, 0, sizeof(pl));
	sscanf(p.month, "%4d-%2d", &m1.y, &m1.m);
	ctx = web_program_ctx(req, who, "payrolls",
			      arena_printf(req->arena, "%s %s", web_tr(req, "Payroll"),
					   web_month_text(req, p.month)));
	rows = json_array();
	for (i = 0; i < l.n; i++) {
		const struct payroll_line *x = &l.items[i];

		o = json_object();
		put_i(o, "no", (int64_t)i + 1);
		put_i(o, "id", x->id);
		put_s(o, "name", x->name);
		put_s(o, "person_href", href(req, "/persons/%lld", x->person_id));
		put_s(o, "enrolment_href", href(req, "/enrolments/%lld", x->enrolment_id));
		put_s(o, "national_id", web_nid_text(req, x->national_id));
		put_s(o, "program", web_program_name(req, web_program_find(&pl, x->program_id, NULL)));
		put_s(o, "amount", money(req, x->amount));
		put_b(o, "has_arrears", x->arrears > 0);
		put_s(o, "arrears", money(req, x->arrears));
		put_i(o, "arrears_months", x->arrears_months);
		put_s(o, "total", money(req, x->amount + x->arrears));
		put_s(o, "status_name", line_status_name(req, x->status));
		put_b(o, "ok", !strcmp(x->status, "paid"));
		put_b(o, "warn", !strcmp(x->status, "failed"));
		put_b(o, "stopped", !strcmp(x->status, "stopped"));
		put_s(o, "reason", reason_text(req, who, &rc, x, m1));
		json_array_append_new(rows, o);
		npay += !strcmp(x->status, "pay");
		npaid += !strcmp(x->status, "paid");
		nfailed += !strcmp(x->status, "failed");
		if (strcmp(x->status, "stopped"))
			arrears += x->arrears;
		if (!strcmp(x->status, "paid"))
			paid += x->amount + x->arrears;
	}
	rules_cache_release(&rc);
	program_list_release(&pl);
	o = json_object();
	put_i(o, "id", p.id);
	put_s(o, "href", href(req, "/payrolls/%lld", p.id));
	put_s(o, "month", web_month_text(req, p.month));
	put_s(o, "office", p.office);
	put_s(o, "office_name", web_area_label(req, who, p.office));
	put_s(o, "office_href", arena_printf(req->arena, "/payrolls?office=%s", p.office));
	put_s(o, "status_name", payroll_status_name(req, p.status));
	put_b(o, "ok", !strcmp(p.status, "reconciled"));
	put_b(o, "warn", !strcmp(p.status, "generated"));
	put_i(o, "lines", p.lines);
	put_i(o, "stopped", p.stopped);
	put_i(o, "to_pay", npay + npaid + nfailed);
	put_i(o, "paid_count", npaid);
	put_i(o, "failed_count", nfailed);
	put_s(o, "total", money(req, p.total));
	put_s(o, "arrears", money(req, arrears));
	put_s(o, "paid", money(req, paid));
	put_s(o, "generated", web_time_text(req, p.generated_at));
	put_s(o, "generated_by", p.generated_by);
	put_s(o, "approved", *p.approved_at ? web_time_text(req, p.approved_at) : "");
	put_s(o, "approved_by", p.approved_by);
	can = web_program_officer(who) && !actor_check(who, PERM_WRITE, p.office, NULL);
	put_b(o, "can_approve", can && !strcmp(p.status, "generated"));
	put_b(o, "can_export", can && strcmp(p.status, "generated"));
	put_b(o, "can_import", can && (!strcmp(p.status, "exported") ||
				       !strcmp(p.status, "reconciled")));
	put_b(o, "must_export", can && !strcmp(p.status, "approved"));
	put_s(o, "csv_href", href(req, "/payrolls/%lld/export?format=csv", p.id));
	put_s(o, "bank_href", href(req, "/payrolls/%lld/export?format=bank", p.id));
	json_object_set_new(ctx, "payroll", o);
	json_object_set_new(ctx, "lines", rows);
	put_b(ctx, "has_lines", l.n > 0);
	payroll_line_list_release(&l);
	/* After the bank's result: what it changed. */
	if (http_query(req, "paid"))
		put_s(ctx, "notice",
		      arena_printf(req->arena, "%s %s: %lld · %s: %lld · %s: %lld",
				   web_tr(req, "The bank's result was read."), web_tr(req, "Paid"),
				   (long long)web_parse_id(http_query(req, "paid")),
				   web_tr(req, "Transfer failed"),
				   (long long)web_parse_id(http_query(req, "failed")),
				   web_tr(req, "Unchanged"),
				   (long long)web_parse_id(http_query(req, "unchanged"))));
	if (form && fe)
		web_fund_form_error(req, resp, ctx, form, fields, nfields, fe);
	web_page(req, resp, "payroll_roll", ctx, who, token);
}

static void web_payroll(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_payroll(req, resp, &who, token, web_parse_id(req->params[0]), NULL, NULL, 0, NULL);
}

static void web_payroll_approve(struct http_req *req, struct http_resp *resp)
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
	if (!app_payroll_approve(fa->app, &who, id, &e)) {
		http_redirect(req, resp, href(req, "/payrolls/%lld?done=payroll_approved", id));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_payroll(req, resp, &who, token, id, "approve", NULL, 0, &e);
}

/* The approved roll as a file: ?format=csv (every line) or bank (the
 * bulk transfer). The first download marks the roll sent to the bank. */
static void web_payroll_export(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	const char *format = S(http_query(req, "format"));
	struct buf out = BUF_INIT;
	struct actor who;
	const char *token;
	struct err e;
	bool bank = !strcmp(format, "bank");

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	if (app_payroll_export(fa->app, &who, id, format, &out, &e)) {
		web_error(req, resp, &e, &who, token);
		buf_release(&out);
		return;
	}
	resp->status = 200;
	resp->content_type = bank ? "text/plain; charset=utf-8" : "text/csv; charset=utf-8";
	http_set_header(req, resp, "Content-Disposition",
			arena_printf(req->arena, "attachment; filename=\"payroll-%lld-%s.%s\"",
				     (long long)id, bank ? "bank" : "lines", bank ? "txt" : "csv"));
	http_set_header(req, resp, "Cache-Control", "no-store");
	buf_add(&resp->body, out.ptr, out.len);
	buf_release(&out);
}

static void web_payroll_bank_result(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	const char *text = S(http_form(req, "result"));
	struct payroll_import_report rep;
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
	if (!*text) {
		err_set(&e, ERR_INVALID, "result", "กรุณาวางไฟล์ผลการโอนจากธนาคาร%s",
			"paste the bank's result file%s", "");
	} else if (!app_payroll_import(fa->app, &who, id, text, strlen(text), &rep, &e)) {
		http_redirect(req, resp,
			      arena_printf(req->arena,
					   "/payrolls/%lld?done=bank&paid=%lld&failed=%lld&unchanged=%lld",
					   (long long)id, (long long)rep.paid, (long long)rep.failed,
					   (long long)rep.unchanged));
		return;
	}
	if (!strcmp(e.field, "file"))
		snprintf(e.field, sizeof(e.field), "result");
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_payroll(req, resp, &who, token, id, "bank", bank_fields,
			       ARRAY_SIZE(bank_fields), &e);
}

const struct http_route web_payroll_routes[] = {
	{ "GET", "/payrolls", web_payrolls },
	{ "POST", "/payrolls", web_payroll_generate },
	{ "GET", "/payrolls/{id}", web_payroll },
	{ "POST", "/payrolls/{id}/approve", web_payroll_approve },
	{ "GET", "/payrolls/{id}/export", web_payroll_export },
	{ "POST", "/payrolls/{id}/bank-result", web_payroll_bank_result },
};
const size_t web_payroll_nroutes = ARRAY_SIZE(web_payroll_routes);
