/*
 * API: the Social Welfare Promotion Fund (app/grant.h): calls, applications
 * and every step of their workflow, the award certificate PDF, the grants
 * report (JSON or .xlsx) and each channel's book (balances and journal,
 * read through app/ledger.h). Money is integer satang; dates ISO or B.E.
 * on input, ISO on output. Calls that move money (a call's budget, signing,
 * a tranche) honour the Idempotency-Key header or an "idempotency_key" field.
 */
#include "api/api.h"
#include "app/grant.h"
#include "app/ledger.h"
#include "core/date.h"
#include "core/ledger.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define MAX_ITEMS 64
#define S(x) ((x) ? (x) : "")

static const char *idem(struct http_req *req, json_t *b)
{
	const char *k = http_header(req, "Idempotency-Key");

	return k ? k : api_str(b, "idempotency_key");
}

static json_t *call_obj(const struct grant_call *c)
{
	return json_pack("{s:I, s:s, s:s, s:i, s:s, s:o, s:o, s:I, s:s, s:i, s:s, s:s}", "id",
			 (json_int_t)c->id, "channel", c->channel, "area", c->area, "year", c->year,
			 "title", c->title, "opens_on", api_date_json(c->opens_on), "closes_on",
			 api_date_json(c->closes_on), "budget", (json_int_t)c->budget, "tiers", c->tiers,
			 "min_reviews", c->min_reviews, "status", c->status, "created_by",
			 c->created_by);
}

static json_t *app_obj(const struct grant_app *g)
{
	return json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:I, s:I, "
			 "s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:b, s:b, s:s}",
			 "id", (json_int_t)g->id, "call_id", (json_int_t)g->call_id, "org_id",
			 (json_int_t)g->org_id, "org_name", g->org_name, "org_kind", g->org_kind,
			 "area", g->area, "title", g->title, "summary", g->summary, "target_groups",
			 g->target_groups, "requested", (json_int_t)g->requested, "tier", g->tier,
			 "status", g->status, "approved", (json_int_t)g->approved, "disbursed",
			 (json_int_t)g->disbursed, "pillar", g->pillar, "conditions", g->conditions,
			 "decision_note", g->decision_note, "decided_on", api_date_json(g->decided_on),
			 "signed_on", api_date_json(g->signed_on), "agreement_no", g->agreement_no,
			 "screen_note", g->screen_note, "screen_complete", g->screen_complete,
			 "screen_eligible", g->screen_eligible, "call_title", g->call_title);
}

static json_t *detail_obj(const struct grant_detail *d)
{
	json_t *o = app_obj(&d->app), *a;

	a = json_array();
	for (size_t i = 0; i < d->lines.n; i++)
		json_array_append_new(a, json_pack("{s:i, s:s, s:I}", "line_no",
						   d->lines.items[i].line_no, "item",
						   d->lines.items[i].item, "amount",
						   (json_int_t)d->lines.items[i].amount));
	json_object_set_new(o, "lines", a);
	a = json_array();
	for (size_t i = 0; i < d->indicators.n; i++) {
		const struct grant_indicator *x = &d->indicators.items[i];
		json_array_append_new(a, json_pack("{s:i, s:s, s:s, s:I, s:o}", "line_no", x->line_no,
						   "name", x->name, "unit", x->unit, "target",
						   (json_int_t)x->target, "actual",
						   x->has_actual ? json_integer(x->actual)
								 : json_null()));
	}
	json_object_set_new(o, "indicators", a);
	a = json_array();
	for (size_t i = 0; i < d->steps.n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s}", "status",
						   d->steps.items[i].status, "note",
						   d->steps.items[i].note, "actor",
						   d->steps.items[i].actor, "at", d->steps.items[i].at));
	json_object_set_new(o, "steps", a);
	a = json_array();
	for (size_t i = 0; i < d->reviewers.n; i++)
		json_array_append_new(a, json_pack("{s:s, s:b, s:s}", "reviewer",
						   d->reviewers.items[i].reviewer, "conflict",
						   d->reviewers.items[i].conflict, "note",
						   d->reviewers.items[i].note));
	json_object_set_new(o, "reviewers", a);
	a = json_array();
	for (size_t i = 0; i < d->scores.n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:i, s:s}", "reviewer",
						   d->scores.items[i].reviewer, "criterion",
						   d->scores.items[i].criterion, "score",
						   d->scores.items[i].score, "comment",
						   d->scores.items[i].comment));
	json_object_set_new(o, "scores", a);
	json_object_set_new(o, "complete_reviews", json_integer(d->complete_reviews));
	json_object_set_new(o, "average_score", json_integer(d->average));
	a = json_array();
	for (size_t i = 0; i < d->tranches.n; i++)
		json_array_append_new(a, json_pack("{s:i, s:I, s:o, s:I}", "no",
						   d->tranches.items[i].no, "amount",
						   (json_int_t)d->tranches.items[i].amount, "paid_on",
						   api_date_json(d->tranches.items[i].paid_on), "entry_id",
						   (json_int_t)d->tranches.items[i].entry_id));
	json_object_set_new(o, "tranches", a);
	a = json_array();
	for (size_t i = 0; i < d->reports.n; i++) {
		json_t *oc = json_loads(d->reports.items[i].outcomes, 0, NULL);
		json_array_append_new(a, json_pack("{s:I, s:s, s:o, s:s, s:o, s:s}", "id",
						   (json_int_t)d->reports.items[i].id, "kind",
						   d->reports.items[i].kind, "report_on",
						   api_date_json(d->reports.items[i].report_on), "body",
						   d->reports.items[i].body, "outcomes",
						   oc ? oc : json_array(), "created_by",
						   d->reports.items[i].created_by));
	}
	json_object_set_new(o, "reports", a);
	json_object_set_new(o, "award",
			    d->has_award ? json_pack("{s:s, s:s, s:o}", "title", d->award.title,
						     "cert_no", d->award.cert_no, "awarded_on",
						     api_date_json(d->award.awarded_on))
					 : json_null());
	return o;
}

/* ---- calls ---- */

static void api_calls_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct grant_call_list l = { NULL, 0, 0 };
	struct actor who;
	struct err e;
	json_t *items;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (app_grant_call_list(f->app, &who, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, call_obj(&l.items[i]));
	http_send_json(resp, 200, json_pack("{s:o}", "items", items));
	grant_list_release(&l);
}

static void api_calls_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct grant_call_in in;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || !(b = http_json_body(req, resp)))
		return;
	memset(&in, 0, sizeof(in));
	in.channel = api_str(b, "channel");
	in.area = api_str(b, "area");
	in.title = api_str(b, "title");
	in.year = (int)api_int(b, "year");
	in.opens_on = api_str(b, "opens_on");
	in.closes_on = api_str(b, "closes_on");
	in.budget = api_int(b, "budget");
	in.tiers = api_str(b, "tiers");
	in.min_reviews = (int)api_int(b, "min_reviews");
	if (app_grant_call_add(f->app, &who, &in, idem(req, b), &id, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)id));
	json_decref(b);
}

static void api_call_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct grant_app_list l = { NULL, 0, 0 };
	struct grant_call c;
	struct actor who;
	struct err e;
	json_t *o, *items;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_grant_call_get(f->app, &who, id, &c, &e) ||
	    app_grant_list(f->app, &who, id, "", "", 1000, 0, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	o = call_obj(&c);
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, app_obj(&l.items[i]));
	json_object_set_new(o, "applications", items);
	http_send_json(resp, 200, o);
	grant_list_release(&l);
}

/* ---- applications ---- */

static void api_grants_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct grant_app_list l = { NULL, 0, 0 };
	const char *call = http_query(req, "call");
	struct actor who;
	struct err e;
	json_t *items;
	int64_t cursor;
	int limit;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_paging(req, resp, 100, 1000, &limit, &cursor))
		return;
	if (app_grant_list(f->app, &who, call ? strtoll(call, NULL, 10) : 0,
			   http_query(req, "area"), http_query(req, "status"), limit, cursor, &l,
			   &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, app_obj(&l.items[i]));
	api_send_page(resp, items, l.n, limit, cursor);
	grant_list_release(&l);
}

static void api_grants_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct grant_line lines[MAX_ITEMS];
	struct grant_indicator ind[MAX_ITEMS];
	struct grant_app_in in;
	struct actor who;
	struct err e;
	json_t *b, *v;
	size_t i;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || !(b = http_json_body(req, resp)))
		return;
	memset(&in, 0, sizeof(in));
	memset(lines, 0, sizeof(lines));
	memset(ind, 0, sizeof(ind));
	in.call_id = api_int(b, "call_id");
	in.org_id = api_int(b, "org_id");
	in.area = api_str(b, "area");
	in.title = api_str(b, "title");
	in.summary = api_str(b, "summary");
	in.target_groups = api_str(b, "target_groups");
	in.pillar = api_str(b, "pillar");
	json_array_foreach(json_object_get(b, "lines"), i, v) {
		if (i >= MAX_ITEMS)
			break;
		snprintf(lines[i].item, sizeof(lines[i].item), "%s", S(api_str(v, "item")));
		lines[i].amount = api_int(v, "amount");
		in.nlines = i + 1;
	}
	json_array_foreach(json_object_get(b, "indicators"), i, v) {
		if (i >= MAX_ITEMS)
			break;
		snprintf(ind[i].name, sizeof(ind[i].name), "%s", S(api_str(v, "name")));
		snprintf(ind[i].unit, sizeof(ind[i].unit), "%s", S(api_str(v, "unit")));
		ind[i].target = api_int(v, "target");
		in.nindicators = i + 1;
	}
	in.lines = lines;
	in.indicators = ind;
	if (app_grant_apply(f->app, &who, &in, &id, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)id));
	json_decref(b);
}

static void api_grant_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct grant_detail d;
	struct actor who;
	struct err e;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_grant_get(f->app, &who, id, &d, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	http_send_json(resp, 200, detail_obj(&d));
	grant_detail_release(&d);
}

/* Runs one step; answers with the application as it is afterwards. */
static void step(struct http_req *req, struct http_resp *resp, char which)
{
	struct face *f = req->app;
	struct grant_score sc[MAX_ITEMS];
	int64_t amounts[MAX_ITEMS];
	struct grant_detail d;
	struct actor who;
	struct err e;
	json_t *b, *v;
	int64_t id, rid;
	char cert[32];
	size_t i, n = 0;
	int r = 0;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	switch (which) {
	case 's':
		r = app_grant_submit(f->app, &who, id, &e);
		break;
	case 'S':
		r = app_grant_screen(f->app, &who, id, json_is_true(json_object_get(b, "complete")),
				     json_is_true(json_object_get(b, "eligible")), api_str(b, "note"),
				     &e);
		break;
	case 'R':
		r = app_grant_review(f->app, &who, id, &e);
		break;
	case 'c':
		r = app_grant_declare(f->app, &who, id, json_is_true(json_object_get(b, "conflict")),
				      api_str(b, "note"), &e);
		break;
	case 'x':
		memset(sc, 0, sizeof(sc));
		json_array_foreach(json_object_get(b, "scores"), i, v) {
			if (i >= MAX_ITEMS)
				break;
			snprintf(sc[i].criterion, sizeof(sc[i].criterion), "%s",
				 S(api_str(v, "criterion")));
			sc[i].score = (int)api_int(v, "score");
			snprintf(sc[i].comment, sizeof(sc[i].comment), "%s", S(api_str(v, "comment")));
			n = i + 1;
		}
		r = app_grant_score(f->app, &who, id, sc, n, &e);
		break;
	case 'd':
		if (strcmp(S(api_str(b, "decision")), "approve") &&
		    strcmp(S(api_str(b, "decision")), "decline")) {
			r = err_set(&e, ERR_INVALID, "decision",
				    "การตัดสินต้องเป็น approve หรือ decline%s",
				    "the decision must be approve or decline%s", "");
			break;
		}
		r = app_grant_decide(f->app, &who, id, !strcmp(api_str(b, "decision"), "approve"),
				     api_int(b, "amount"),
				     api_str(b, "conditions") ? api_str(b, "conditions")
							      : api_str(b, "reason"),
				     &e);
		break;
	case 'a':
		json_array_foreach(json_object_get(b, "tranches"), i, v) {
			if (i >= MAX_ITEMS)
				break;
			amounts[i] = json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
			n = i + 1;
		}
		r = app_grant_sign(f->app, &who, id, api_str(b, "agreement_no"),
				   api_str(b, "signed_on"), amounts, n, idem(req, b), &e);
		break;
	case 't':
		r = app_grant_disburse(f->app, &who, id, (int)api_int(b, "no"), api_str(b, "paid_on"),
				       idem(req, b), &e);
		break;
	case 'p':
		json_array_foreach(json_object_get(b, "outcomes"), i, v) {
			if (i >= MAX_ITEMS)
				break;
			amounts[i] = json_is_integer(v) ? (int64_t)json_integer_value(v) : -1;
			n = i + 1;
		}
		r = app_grant_report(f->app, &who, id, api_str(b, "kind"), api_str(b, "report_on"),
				     api_str(b, "body"), amounts, n, &rid, &e);
		break;
	case 'C':
		r = app_grant_close(f->app, &who, id, api_str(b, "note"), &e);
		break;
	case 'w':
		r = app_grant_award(f->app, &who, id, api_str(b, "title"), api_str(b, "awarded_on"),
				    cert, &e);
		break;
	}
	json_decref(b);
	if (r || app_grant_get(f->app, &who, id, &d, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	http_send_json(resp, 200, detail_obj(&d));
	grant_detail_release(&d);
}

static void api_grant_submit(struct http_req *req, struct http_resp *resp) { step(req, resp, 's'); }
static void api_grant_screen(struct http_req *req, struct http_resp *resp) { step(req, resp, 'S'); }
static void api_grant_review(struct http_req *req, struct http_resp *resp) { step(req, resp, 'R'); }
static void api_grant_declare(struct http_req *req, struct http_resp *resp) { step(req, resp, 'c'); }
static void api_grant_score(struct http_req *req, struct http_resp *resp) { step(req, resp, 'x'); }
static void api_grant_decide(struct http_req *req, struct http_resp *resp) { step(req, resp, 'd'); }
static void api_grant_sign(struct http_req *req, struct http_resp *resp) { step(req, resp, 'a'); }
static void api_grant_disburse(struct http_req *req, struct http_resp *resp) { step(req, resp, 't'); }
static void api_grant_report(struct http_req *req, struct http_resp *resp) { step(req, resp, 'p'); }
static void api_grant_close(struct http_req *req, struct http_resp *resp) { step(req, resp, 'C'); }
static void api_grant_award(struct http_req *req, struct http_resp *resp) { step(req, resp, 'w'); }

int face_grant_certificate(struct http_req *req, struct http_resp *resp, const struct actor *who,
			   int64_t id, struct err *e)
{
	struct face *f = req->app;
	int r;

	if ((r = app_grant_certificate(f->app, who, id, &resp->body, e)))
		return r;
	resp->status = 200;
	resp->content_type = "application/pdf";
	http_set_header(req, resp, "Content-Disposition",
			arena_printf(req->arena, "inline; filename=\"certificate-%lld.pdf\"",
				     (long long)id));
	http_set_header(req, resp, "Cache-Control", "no-store");
	return 0;
}

static void api_grant_certificate(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	struct err e;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (face_grant_certificate(req, resp, &who, id, &e))
		api_fail(req, resp, &e);
}

static json_t *sum_obj(const struct grant_sum *s)
{
	return json_pack("{s:s, s:s, s:s, s:i, s:I, s:I, s:I, s:I, s:I}", "code", s->code,
			 "name_th", s->name_th, "name_en", s->name_en, "level", s->level, "apps",
			 (json_int_t)s->apps, "approved_count", (json_int_t)s->approved_n,
			 "requested", (json_int_t)s->requested, "approved",
			 (json_int_t)s->approved, "disbursed", (json_int_t)s->disbursed);
}

static void api_grants_report(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	const char *year = http_query(req, "year"), *format = http_query(req, "format");
	struct grant_summary s;
	struct actor who;
	struct err e;
	json_t *o, *a;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (app_grant_summary(f->app, &who, http_query(req, "area"), year ? atoi(year) : 0, &s,
			      &e)) {
		api_fail(req, resp, &e);
		return;
	}
	if (format && !strcmp(format, "xlsx")) {
		if (app_grant_summary_xlsx(&s, strcmp(face_lang(req), "en"), &resp->body, &e)) {
			api_fail(req, resp, &e);
		} else {
			resp->status = 200;
			resp->content_type = XLSX_TYPE;
			http_set_header(req, resp, "Content-Disposition",
					"attachment; filename=\"grants.xlsx\"");
		}
		grant_summary_release(&s);
		return;
	}
	o = json_pack("{s:o}", "total", sum_obj(&s.total));
	a = json_array();
	for (size_t i = 0; i < s.nareas; i++)
		json_array_append_new(a, sum_obj(&s.areas[i]));
	json_object_set_new(o, "areas", a);
	a = json_array();
	for (size_t i = 0; i < ARRAY_SIZE(s.tiers); i++)
		json_array_append_new(a, sum_obj(&s.tiers[i]));
	json_object_set_new(o, "tiers", a);
	a = json_array();
	for (size_t i = 0; i < ARRAY_SIZE(s.groups); i++)
		json_array_append_new(a, sum_obj(&s.groups[i]));
	json_object_set_new(o, "target_groups", a);
	http_send_json(resp, 200, o);
	grant_summary_release(&s);
}

/* Literal segments come before {id} at the same place. */
/* ---- the channels' books ---- */

/* ?name= as a date (ISO or B.E.), zero when absent; writes a 400 problem
 * and returns non-zero when it does not parse. */
static int book_date(struct http_req *req, struct http_resp *resp, const char *name,
		     struct date *d)
{
	const char *s = http_query(req, name);
	struct err e;

	*d = (struct date){ 0, 0, 0 };
	err_init(&e);
	if (s && *s && date_parse(s, 0, d, name, &e)) {
		api_fail(req, resp, &e);
		return -1;
	}
	return 0;
}

/* The channel's book of the path's {area}, or non-zero with the problem sent. */
static int book_of_path(struct http_req *req, struct http_resp *resp, const struct actor *who,
			struct ledger_book *b)
{
	struct face *f = req->app;
	struct err e;

	err_init(&e);
	if (app_grant_book(f->app, who, req->params[0], b, &e)) {
		api_fail(req, resp, &e);
		return -1;
	}
	return 0;
}

/* GET /grants/books/{area}: the book and every account's balance on ?to=. */
static void api_grant_book(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct account_list l = { NULL, 0, 0 };
	struct ledger_book b;
	struct actor who;
	struct date to;
	struct err e;
	json_t *items;
	int64_t dr = 0, cr = 0, tdr = 0, tcr = 0;

	err_init(&e);
	if (api_auth(req, resp, &who) || book_date(req, resp, "to", &to) ||
	    book_of_path(req, resp, &who, &b))
		return;
	if (app_ledger_book_balances(f->app, &who, b.id, (struct date){ 0, 0, 0 }, to, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct account *a = &l.items[i];
		json_array_append_new(
			items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:I, s:I, s:I}", "id",
					 (json_int_t)a->id, "code", a->code, "name_th", a->name_th,
					 "name_en", a->name_en, "type", account_type_name(a->type),
					 "cash", a->cash, "balance", (json_int_t)a->balance, "debit",
					 (json_int_t)a->debit, "credit", (json_int_t)a->credit));
		dr += a->debit;
		cr += a->credit;
		tdr += a->balance > 0 ? a->balance : 0;
		tcr += a->balance < 0 ? -a->balance : 0;
	}
	http_send_json(resp, 200,
		       json_pack("{s:{s:I, s:s, s:s, s:s, s:o}, s:o, s:o, s:I, s:I, s:b, "
				 "s:{s:I, s:I, s:b}}",
				 "book", "id", (json_int_t)b.id, "area", b.area, "channel",
				 strcmp(b.area, "TH") ? "provincial" : "national", "name", b.name,
				 "closed_through", api_date_json(b.closed_through), "to", api_date_json(to),
				 "accounts", items, "debit", (json_int_t)dr, "credit", (json_int_t)cr,
				 "balanced", dr == cr, "trial", "debit", (json_int_t)tdr, "credit",
				 (json_int_t)tcr, "balanced", tdr == tcr));
	account_list_release(&l);
}

/* GET /grants/books/{area}/journal: entries with their lines, newest first, paged. */
static void api_grant_book_journal(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct entry_list l = { NULL, 0, 0 };
	struct ledger_book b;
	struct actor who;
	struct date from, to;
	struct err e;
	json_t *items;
	int64_t cursor;
	int limit;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_paging(req, resp, 50, 500, &limit, &cursor) ||
	    book_date(req, resp, "from", &from) || book_date(req, resp, "to", &to) ||
	    book_of_path(req, resp, &who, &b))
		return;
	if (app_ledger_book_journal(f->app, &who, b.id, from, to, limit, cursor, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct entry *x = &l.items[i];
		json_t *lines = json_array(), *o;
		for (int k = 0; k < x->nlines; k++)
			json_array_append_new(lines, json_pack("{s:I, s:s, s:I, s:I}", "account_id",
							       (json_int_t)x->lines[k].account_id,
							       "code", x->line_code[k], "debit",
							       (json_int_t)x->lines[k].debit, "credit",
							       (json_int_t)x->lines[k].credit));
		o = json_pack("{s:I, s:I, s:o, s:s, s:s, s:o, s:I, s:s, s:o}", "id",
			      (json_int_t)x->id, "entry_no", (json_int_t)x->entry_no, "posted_on",
			      api_date_json(x->posted_on), "description", x->description, "source",
			      x->source, "source_id",
			      x->source_id ? json_integer(x->source_id) : json_null(), "total",
			      (json_int_t)x->total, "by", x->created_by, "lines", lines);
		json_object_set_new(o, "reverses", x->reverses ? json_integer(x->reverses) : json_null());
		json_object_set_new(o, "reversed_by",
				    x->reversed_by ? json_integer(x->reversed_by) : json_null());
		json_array_append_new(items, o);
	}
	api_send_page(resp, items, l.n, limit, cursor);
	entry_list_release(&l);
}

const struct http_route api_grant_routes[] = {
	{ "GET", "/api/v1/grants/books/{area}", api_grant_book },
	{ "GET", "/api/v1/grants/books/{area}/journal", api_grant_book_journal },
	{ "GET", "/api/v1/grants/calls", api_calls_list },
	{ "POST", "/api/v1/grants/calls", api_calls_create },
	{ "GET", "/api/v1/grants/calls/{id}", api_call_get },
	{ "GET", "/api/v1/grants/report", api_grants_report },
	{ "GET", "/api/v1/grants", api_grants_list },
	{ "POST", "/api/v1/grants", api_grants_create },
	{ "GET", "/api/v1/grants/{id}", api_grant_get },
	{ "POST", "/api/v1/grants/{id}/submit", api_grant_submit },
	{ "POST", "/api/v1/grants/{id}/screen", api_grant_screen },
	{ "POST", "/api/v1/grants/{id}/review", api_grant_review },
	{ "POST", "/api/v1/grants/{id}/declaration", api_grant_declare },
	{ "POST", "/api/v1/grants/{id}/scores", api_grant_score },
	{ "POST", "/api/v1/grants/{id}/decision", api_grant_decide },
	{ "POST", "/api/v1/grants/{id}/agreement", api_grant_sign },
	{ "POST", "/api/v1/grants/{id}/disbursements", api_grant_disburse },
	{ "POST", "/api/v1/grants/{id}/reports", api_grant_report },
	{ "POST", "/api/v1/grants/{id}/close", api_grant_close },
	{ "POST", "/api/v1/grants/{id}/award", api_grant_award },
	{ "GET", "/api/v1/grants/{id}/certificate.pdf", api_grant_certificate },
};
const size_t api_grant_nroutes = ARRAY_SIZE(api_grant_routes);
