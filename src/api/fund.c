/*
 * API: community welfare funds. Money travels as integer satang (fields
 * "amount", "total", ...); dates as ISO text (B.E. day/month/year is accepted
 * on input). Calls that move money honour the Idempotency-Key header (or an
 * "idempotency_key" body field): a repeat returns the first call's answer.
 */
#include "api/api.h"
#include "app/fund.h"
#include "app/person.h"

/* A number field that must be an integer when present: 400 otherwise. */
static int int_field(struct http_req *req, struct http_resp *resp, json_t *b, const char *key,
		     int64_t *out)
{
	json_t *v = json_object_get(b, key);
	struct err e;

	*out = 0;
	if (!v || json_is_null(v))
		return 0;
	if (json_is_integer(v)) {
		*out = (int64_t)json_integer_value(v);
		return 0;
	}
	err_init(&e);
	err_set(&e, ERR_INVALID, key, "ต้องเป็นจำนวนเต็ม (สตางค์สำหรับจำนวนเงิน)%s",
		"must be an integer (satang for money)%s", "");
	api_fail(req, resp, &e);
	return -1;
}

static const char *idem(struct http_req *req, json_t *b)
{
	const char *k = http_header(req, "Idempotency-Key");

	return k ? k : api_str(b, "idempotency_key");
}

/* Parses ?name= as a date (ISO or B.E.); zero when absent. */
static int query_date(struct http_req *req, struct http_resp *resp, const char *name,
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

static json_t *fund_obj(const struct fund *f)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:b, s:s, s:s, s:s, s:o, s:I}", "id",
			 (json_int_t)f->id, "area", f->area, "area_name", f->area_name, "name",
			 f->name, "reg_no", f->reg_no, "founded_on", api_date_json(f->founded_on),
			 "juristic", f->juristic, "juristic_no", f->juristic_no, "address",
			 f->address, "phone", f->phone, "closed_through",
			 api_date_json(f->closed_through), "members_active",
			 (json_int_t)f->members_active);
}

static json_t *standing_obj(const struct member_standing *s)
{
	return json_pack("{s:I, s:I, s:I, s:i, s:o, s:b, s:b}", "due", (json_int_t)s->due, "paid",
			 (json_int_t)s->paid, "balance", (json_int_t)s->balance, "months_unpaid",
			 s->months_unpaid, "paid_through", api_date_json(s->paid_through),
			 "in_arrears", s->in_arrears, "suspended", s->suspended);
}

static json_t *member_obj(const struct member *m)
{
	json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:s, s:s, s:o, s:o, s:o, s:s, s:I, s:I, s:s}",
			      "id", (json_int_t)m->id, "fund_id", (json_int_t)m->fund_id,
			      "person_id", (json_int_t)m->person_id, "member_no",
			      (json_int_t)m->member_no, "name", m->name, "status", m->status,
			      "joined_on", api_date_json(m->joined_on), "seniority_from",
			      api_date_json(m->seniority_from), "ended_on", api_date_json(m->ended_on),
			      "beneficiary_name", m->beneficiary_name, "joining_fee",
			      (json_int_t)m->joining_fee, "due_now", (json_int_t)m->due_now,
			      "beneficiary_relation", m->beneficiary_relation);

	json_object_set_new(o, "branch_id", m->branch_id ? json_integer(m->branch_id) : json_null());
	json_object_set_new(o, "standing", standing_obj(&m->standing));
	return o;
}

static json_t *receipt_obj(const struct receipt *r)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:o, s:s, s:I, s:I, s:I, s:s, s:o, s:s, s:s}",
			 "id", (json_int_t)r->id, "fund_id", (json_int_t)r->fund_id,
			 "receipt_no", (json_int_t)r->receipt_no, "member_id",
			 (json_int_t)r->member_id, "member_no", (json_int_t)r->member_no,
			 "issued_on", api_date_json(r->issued_on), "payer_name", r->payer_name,
			 "total", (json_int_t)r->total, "joining_fee", (json_int_t)r->fee,
			 "contribution", (json_int_t)r->contribution, "method", r->method,
			 "voided_on", api_date_json(r->voided_on), "void_reason", r->void_reason,
			 "fund_name", r->fund_name);
}

static json_t *claim_obj(const struct claim *c)
{
	json_t *calc = json_loads(c->calc ? c->calc : "[]", 0, NULL);
	json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:s, s:s, s:o, s:I, s:I, s:s, s:s, s:s, s:o}",
			      "id", (json_int_t)c->id, "fund_id", (json_int_t)c->fund_id,
			      "claim_no", (json_int_t)c->claim_no, "person_id",
			      (json_int_t)c->person_id, "name", c->name, "benefit", c->benefit,
			      "event_date", api_date_json(c->event_date), "units", (json_int_t)c->units,
			      "amount", (json_int_t)c->amount, "status", c->status, "note", c->note,
			      "decision_note", c->decision_note, "paid_on", api_date_json(c->paid_on));

	json_object_set_new(o, "member_id", c->member_id ? json_integer(c->member_id) : json_null());
	json_object_set_new(o, "resubmits", c->resubmits ? json_integer(c->resubmits) : json_null());
	json_object_set_new(o, "calc", calc ? calc : json_array());
	return o;
}

/* ---- funds ---- */

static void fund_in_from(json_t *b, struct fund_in *in)
{
	json_t *j = json_object_get(b, "juristic");

	memset(in, 0, sizeof(*in));
	in->area = api_str(b, "area");
	in->name = api_str(b, "name");
	in->reg_no = api_str(b, "reg_no");
	in->founded_on = api_str(b, "founded_on");
	in->juristic = json_is_true(j);
	in->juristic_no = api_str(b, "juristic_no");
	in->address = api_str(b, "address");
	in->phone = api_str(b, "phone");
}

static void api_funds_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct fund_list l = { NULL, 0, 0 };
	struct actor who;
	struct err e;
	json_t *items;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (app_fund_list(f->app, &who, http_query(req, "area"), &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, fund_obj(&l.items[i]));
	http_send_json(resp, 200, json_pack("{s:o}", "items", items));
	fund_list_release(&l);
}

static void api_funds_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct fund_in in;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || !(b = http_json_body(req, resp)))
		return;
	fund_in_from(b, &in);
	if (app_fund_add(f->app, &who, &in, &id, &e))
		api_fail(req, resp, &e);
	else
		api_created(req, resp, "funds", id, NULL);
	json_decref(b);
}

static void api_fund_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct fund fd;
	struct actor who;
	struct err e;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_fund_get(f->app, &who, id, &fd, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 200, fund_obj(&fd));
}

static void api_fund_update(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct fund_in in;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	fund_in_from(b, &in);
	if (app_fund_update(f->app, &who, id, &in, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 200, json_pack("{s:I}", "id", (json_int_t)id));
	json_decref(b);
}

static void api_fund_dashboard(struct http_req *req, struct http_resp *resp)
{
	static const char *const mstat[] = { "good", "in_arrears", "suspended", "ended", "deceased" };
	static const char *const groups[] = { "child_youth", "working_age", "elderly",
					      "disadvantaged" };
	struct face *f = req->app;
	struct fund_dashboard *d;
	struct actor who;
	struct date asof;
	struct err e;
	json_t *o, *m, *g, *ben;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    query_date(req, resp, "date", &asof))
		return;
	d = xcalloc(1, sizeof(*d));
	if (app_fund_dashboard(f->app, &who, id, asof, d, &e)) {
		api_fail(req, resp, &e);
		free(d);
		return;
	}
	m = json_object();
	for (int i = 0; i < 5; i++)
		json_object_set_new(m, mstat[i], json_integer(d->members[i]));
	g = json_object();
	for (int i = 0; i < 4; i++)
		json_object_set_new(g, groups[i], json_integer(d->groups[i]));
	ben = json_array();
	for (int i = 0; i < d->nbenefits; i++)
		json_array_append_new(ben, json_pack("{s:s, s:s, s:s, s:I, s:I}", "code",
						     d->benefits[i].code, "name_th",
						     d->benefits[i].name_th, "name_en",
						     d->benefits[i].name_en, "count",
						     (json_int_t)d->benefits[i].count, "amount",
						     (json_int_t)d->benefits[i].amount));
	o = json_pack("{s:o, s:o, s:o, s:I, s:I, s:I, s:o, s:I, s:I, s:i, s:b, s:I}", "date",
		      api_date_json(d->asof), "members", m, "groups", g, "money", (json_int_t)d->money,
		      "payable", (json_int_t)d->payable, "arrears_total",
		      (json_int_t)d->arrears_total, "benefits_paid", ben, "year_income",
		      (json_int_t)d->year_income, "year_admin", (json_int_t)d->year_admin,
		      "admin_limit_bp", d->admin_limit_bp, "admin_over", d->admin_over,
		      "claims_open", (json_int_t)d->claims_open);
	json_object_set_new(o, "year_in",
			    json_pack("{s:I, s:I, s:I, s:I}", "contributions",
				      (json_int_t)d->year_in[0], "matching", (json_int_t)d->year_in[1],
				      "donations", (json_int_t)d->year_in[2], "other",
				      (json_int_t)d->year_in[3]));
	json_object_set_new(o, "year_out",
			    json_pack("{s:I, s:I, s:I}", "benefits_members",
				      (json_int_t)d->year_out[0], "aid_nonmembers",
				      (json_int_t)d->year_out[1], "expenses",
				      (json_int_t)d->year_out[2]));
	http_send_json(resp, 200, o);
	free(d);
}

static void api_fund_rollup(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct fund_rollup r;
	const char *ys = http_query(req, "year");
	struct actor who;
	struct err e;
	json_t *rows;
	int year = app_today(f->app).y;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (ys && *ys) {
		char *end;
		long v = strtol(ys, &end, 10);
		if (*end || v < 1900 || v > 9999) {
			err_set(&e, ERR_INVALID, "year", "ปีไม่ถูกต้อง%s", "invalid year%s", "");
			api_fail(req, resp, &e);
			return;
		}
		year = (int)(v > 2400 ? v - 543 : v); /* a B.E. year is accepted too */
	}
	if (http_query(req, "by") && !strcmp(http_query(req, "by"), "region")
		    ? app_fund_rollup_regions(f->app, &who, year, &r, &e)
		    : app_fund_rollup(f->app, &who, http_query(req, "area"), year, &r, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	rows = json_array();
	for (size_t i = 0; i <= r.n; i++) {
		const struct fund_rollup_row *w = i < r.n ? &r.rows[i] : &r.total;
		json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
				      "area", w->area, "name_th", w->name_th, "name_en", w->name_en,
				      "funds", (json_int_t)w->funds, "members",
				      (json_int_t)w->members, "money", (json_int_t)w->money,
				      "contributions", (json_int_t)w->contributions, "matching",
				      (json_int_t)w->matching, "benefits", (json_int_t)w->benefits,
				      "helped_members", (json_int_t)w->helped_members,
				      "helped_nonmembers", (json_int_t)w->helped_nonmembers);
		if (i < r.n)
			json_array_append_new(rows, o);
		else
			http_send_json(resp, 200,
				       json_pack("{s:i, s:o, s:o}", "year", year, "rows", rows, "total",
						 o));
	}
	fund_rollup_release(&r);
}

static void api_fund_branches_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, bid;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	if (app_fund_branch_add(f->app, &who, id, api_str(b, "area"), api_str(b, "name"), &bid, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)bid));
	json_decref(b);
}

static void api_fund_branches(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct fund_branch_list l = { NULL, 0, 0 };
	struct actor who;
	struct err e;
	json_t *items;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_fund_branches(f->app, &who, id, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:I}", "id",
						       (json_int_t)l.items[i].id, "area",
						       l.items[i].area, "name", l.items[i].name,
						       "members", (json_int_t)l.items[i].members));
	http_send_json(resp, 200, json_pack("{s:o}", "items", items));
	fund_branch_list_release(&l);
}

static void api_fund_committee_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, cid;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	if (app_fund_committee_add(f->app, &who, id, api_int(b, "person_id"), api_str(b, "role"),
				   api_str(b, "term_start"), api_str(b, "term_end"), &cid, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)cid));
	json_decref(b);
}

static void api_fund_committee(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct committee_list l = { NULL, 0, 0 };
	struct actor who;
	struct date asof;
	struct err e;
	json_t *items;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    query_date(req, resp, "date", &asof))
		return;
	if (app_fund_committee(f->app, &who, id, asof, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items,
				      json_pack("{s:I, s:I, s:s, s:s, s:o, s:o}", "id",
						(json_int_t)l.items[i].id, "person_id",
						(json_int_t)l.items[i].person_id, "name",
						l.items[i].name, "role", l.items[i].role,
						"term_start", api_date_json(l.items[i].term_start),
						"term_end", api_date_json(l.items[i].term_end)));
	http_send_json(resp, 200, json_pack("{s:o}", "items", items));
	committee_list_release(&l);
}

static void api_fund_banks_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, bid;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	if (app_fund_bank_add(f->app, &who, id, api_str(b, "bank"), api_str(b, "branch"),
			      api_str(b, "account_no"), api_str(b, "account_name"),
			      api_str(b, "opened_on"), &bid, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)bid));
	json_decref(b);
}

static void api_fund_banks(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct bank_account_list l = { NULL, 0, 0 };
	struct actor who;
	struct err e;
	json_t *items;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_fund_banks(f->app, &who, id, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct bank_account *x = &l.items[i];
		json_array_append_new(items,
				      json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:o}", "id",
						(json_int_t)x->id, "bank", x->bank, "branch",
						x->branch, "account_no", x->account_no,
						"account_name", x->account_name, "ledger_account_id",
						(json_int_t)x->ledger_account_id, "balance",
						(json_int_t)x->balance, "opened_on",
						api_date_json(x->opened_on)));
	}
	http_send_json(resp, 200, json_pack("{s:o}", "items", items));
	bank_account_list_release(&l);
}

static void api_fund_statutes(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct statute_list l = { NULL, 0, 0 };
	struct actor who;
	struct err e;
	json_t *items;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_fund_statutes(f->app, &who, id, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		json_t *rules = json_loads(l.items[i].rules, 0, NULL);
		json_array_append_new(items,
				      json_pack("{s:I, s:o, s:o, s:s, s:o}", "id",
						(json_int_t)l.items[i].id, "effective_from",
						api_date_json(l.items[i].effective_from), "approved_on",
						api_date_json(l.items[i].approved_on), "note",
						l.items[i].note, "rules",
						rules ? rules : json_object()));
	}
	http_send_json(resp, 200, json_pack("{s:o}", "items", items));
	statute_list_release(&l);
}

static void api_fund_statutes_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	char *rules = NULL;
	int64_t id, sid;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	if (json_is_object(json_object_get(b, "rules")))
		rules = json_dumps(json_object_get(b, "rules"), JSON_COMPACT);
	if (app_fund_statute_add(f->app, &who, id, api_str(b, "effective_from"), rules,
				 api_str(b, "approved_on"), api_str(b, "note"), &sid, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)sid));
	free(rules);
	json_decref(b);
}

/* ---- members ---- */

static void api_fund_members(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct member_list l = { NULL, 0, 0 };
	struct member_query q;
	const char *branch = http_query(req, "branch");
	struct actor who;
	struct err e;
	json_t *items;
	int64_t cursor;
	int limit;

	err_init(&e);
	memset(&q, 0, sizeof(q));
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &q.fund_id) ||
	    api_paging(req, resp, 50, 500, &limit, &cursor) ||
	    query_date(req, resp, "date", &q.asof))
		return;
	q.status = http_query(req, "status");
	q.branch_id = branch ? strtoll(branch, NULL, 10) : 0;
	q.limit = limit;
	q.offset = cursor;
	if (app_member_list(f->app, &who, &q, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, member_obj(&l.items[i]));
	api_send_page(resp, items, l.n, limit, cursor);
	member_list_release(&l);
}

static void api_fund_members_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct member_in in;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, mid, rid;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	memset(&in, 0, sizeof(in));
	in.person_id = api_int(b, "person_id");
	in.joined_on = api_str(b, "joined_on");
	in.branch_id = api_int(b, "branch_id");
	in.beneficiary_name = api_str(b, "beneficiary_name");
	in.beneficiary_person_id = api_int(b, "beneficiary_person_id");
	in.beneficiary_relation = api_str(b, "beneficiary_relation");
	in.method = api_str(b, "method");
	if (app_member_add(f->app, &who, id, &in, idem(req, b), &mid, &rid, &e))
		api_fail(req, resp, &e);
	else
		api_created(req, resp, "members", mid,
			json_pack("{s:o}", "receipt_id", rid ? json_integer(rid) : json_null()));
	json_decref(b);
}

static void api_member_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct member_event_list ev = { NULL, 0, 0 };
	struct member m;
	struct actor who;
	struct date asof;
	struct err e;
	json_t *o, *arr;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    query_date(req, resp, "date", &asof))
		return;
	if (app_member_get(f->app, &who, id, asof, &m, NULL, &e) ||
	    app_member_events(f->app, &who, id, &ev, &e)) {
		api_fail(req, resp, &e);
		goto out;
	}
	o = member_obj(&m);
	arr = json_array();
	for (size_t i = 0; i < ev.n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:o, s:s, s:s}", "status",
						     ev.items[i].status, "on",
						     api_date_json(ev.items[i].on_date), "note",
						     ev.items[i].note, "by", ev.items[i].created_by));
	json_object_set_new(o, "events", arr);
	http_send_json(resp, 200, o);
out:
	member_event_list_release(&ev);
}

static void api_member_end(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	if (app_member_end(f->app, &who, id, api_str(b, "status"), api_str(b, "date"),
			   api_str(b, "note"), &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 200, json_pack("{s:I}", "id", (json_int_t)id));
	json_decref(b);
}

static void api_member_transfer(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, nid;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	if (app_member_transfer(f->app, &who, id, api_int(b, "to_fund_id"), api_str(b, "date"), &nid,
				&e))
		api_fail(req, resp, &e);
	else
		api_created(req, resp, "members", nid, NULL);
	json_decref(b);
}

/* ---- contributions ---- */

static void api_member_pay(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, amount, rid;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	if (int_field(req, resp, b, "amount", &amount))
		goto out;
	if (app_fund_pay(f->app, &who, id, amount, api_str(b, "paid_on"), api_str(b, "method"),
			 idem(req, b), &rid, &e))
		api_fail(req, resp, &e);
	else
		api_created(req, resp, "receipts", rid, NULL);
out:
	json_decref(b);
}

static void api_fund_sheet(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct member_list l = { NULL, 0, 0 };
	const char *branch = http_query(req, "branch");
	struct actor who;
	struct err e;
	json_t *items;
	int64_t id, total = 0;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_fund_sheet(f->app, &who, id, branch ? strtoll(branch, NULL, 10) : 0,
			   http_query(req, "date"), &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		json_array_append_new(items, member_obj(&l.items[i]));
		total += l.items[i].due_now;
	}
	http_send_json(resp, 200, json_pack("{s:o, s:I}", "items", items, "total_due",
					    (json_int_t)total));
	member_list_release(&l);
}

static void api_fund_contributions(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct collect_item *items = NULL;
	struct actor who;
	struct err e;
	json_t *b, *arr, *out;
	size_t n;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	arr = json_object_get(b, "items");
	if (!json_is_array(arr) || !(n = json_array_size(arr)) || n > 5000) {
		err_set(&e, ERR_INVALID, "items", "ต้องมีรายการ 1 ถึง 5000 รายการ%s",
			"items must be a list of 1 to 5000 payments%s", "");
		api_fail(req, resp, &e);
		goto out;
	}
	items = xcalloc(n, sizeof(*items));
	for (size_t i = 0; i < n; i++) {
		json_t *it = json_array_get(arr, i);
		if (int_field(req, resp, it, "member_id", &items[i].member_id) ||
		    int_field(req, resp, it, "amount", &items[i].amount))
			goto out;
	}
	if (app_fund_collect(f->app, &who, id, api_int(b, "branch_id"), api_str(b, "paid_on"),
			     api_str(b, "method"), items, n, idem(req, b), &e)) {
		api_fail(req, resp, &e);
		goto out;
	}
	out = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(out, json_pack("{s:I, s:I, s:o}", "member_id",
						     (json_int_t)items[i].member_id, "amount",
						     (json_int_t)items[i].amount, "receipt_id",
						     items[i].receipt_id
							     ? json_integer(items[i].receipt_id)
							     : json_null()));
	http_send_json(resp, 201, json_pack("{s:o}", "items", out));
out:
	free(items);
	json_decref(b);
}

static void api_fund_receipts(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct receipt_list l = { NULL, 0, 0 };
	const char *member = http_query(req, "member");
	struct actor who;
	struct err e;
	json_t *items;
	int64_t id, cursor;
	int limit;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    api_paging(req, resp, 50, 500, &limit, &cursor))
		return;
	if (app_receipt_list(f->app, &who, id, member ? strtoll(member, NULL, 10) : 0, limit,
			     cursor, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, receipt_obj(&l.items[i]));
	api_send_page(resp, items, l.n, limit, cursor);
	receipt_list_release(&l);
}

static void api_receipt_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct receipt r;
	struct actor who;
	struct err e;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_receipt_get(f->app, &who, id, &r, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 200, receipt_obj(&r));
}

static void api_receipt_void(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	if (app_receipt_void(f->app, &who, id, api_str(b, "date"), api_str(b, "reason"), &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 200, json_pack("{s:I}", "id", (json_int_t)id));
	json_decref(b);
}

/* ---- claims ---- */

static void api_fund_claims(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct claim_list l = { NULL, 0, 0 };
	struct actor who;
	struct err e;
	json_t *items;
	int64_t id, cursor;
	int limit;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    api_paging(req, resp, 50, 500, &limit, &cursor))
		return;
	if (app_claim_list(f->app, &who, id, http_query(req, "status"), limit, cursor, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, claim_obj(&l.items[i]));
	api_send_page(resp, items, l.n, limit, cursor);
	claim_list_release(&l);
}

static void api_fund_claims_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct claim_in in;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, cid, units;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	memset(&in, 0, sizeof(in));
	if (int_field(req, resp, b, "units", &units))
		goto out;
	in.member_id = api_int(b, "member_id");
	in.person_id = api_int(b, "person_id");
	in.benefit = api_str(b, "benefit");
	in.event_date = api_str(b, "event_date");
	in.units = units < 0 || units > 100000 ? -1 : (int)units;
	in.note = api_str(b, "note");
	in.resubmits = api_int(b, "resubmits");
	if (app_claim_submit(f->app, &who, id, &in, &cid, &e)) {
		api_fail(req, resp, &e);
	} else {
		struct claim c;
		if (app_claim_get(f->app, &who, cid, &c, NULL, &e)) {
			api_fail(req, resp, &e);
		} else {
			api_created(req, resp, "claims", cid, claim_obj(&c));
			claim_release(&c);
		}
	}
out:
	json_decref(b);
}

static void api_claim_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct claim_step_list steps = { NULL, 0, 0 };
	struct claim c;
	struct actor who;
	struct err e;
	json_t *o, *arr;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_claim_get(f->app, &who, id, &c, &steps, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	o = claim_obj(&c);
	arr = json_array();
	for (size_t i = 0; i < steps.n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}", "status",
						     steps.items[i].status, "note",
						     steps.items[i].note, "by", steps.items[i].actor,
						     "at", steps.items[i].at));
	json_object_set_new(o, "steps", arr);
	http_send_json(resp, 200, o);
	claim_release(&c);
	claim_step_list_release(&steps);
}

static void claim_action(struct http_req *req, struct http_resp *resp, const char *action)
{
	struct face *f = req->app;
	struct claim c;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;
	int r;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	if (!strcmp(action, "pay"))
		r = app_claim_pay(f->app, &who, id, api_str(b, "paid_on"), api_int(b, "account_id"),
				  idem(req, b), &e);
	else
		r = app_claim_step(f->app, &who, id, action, api_str(b, "note"), &e);
	if (r || app_claim_get(f->app, &who, id, &c, NULL, &e)) {
		api_fail(req, resp, &e);
	} else {
		http_send_json(resp, 200, claim_obj(&c));
		claim_release(&c);
	}
	json_decref(b);
}

static void api_claim_check(struct http_req *req, struct http_resp *resp)
{
	claim_action(req, resp, "check");
}

static void api_claim_approve(struct http_req *req, struct http_resp *resp)
{
	claim_action(req, resp, "approve");
}

static void api_claim_reject(struct http_req *req, struct http_resp *resp)
{
	claim_action(req, resp, "reject");
}

static void api_claim_pay(struct http_req *req, struct http_resp *resp)
{
	claim_action(req, resp, "pay");
}

/* ---- matching money, income, expenses ---- */

static void api_fund_pledges(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct pledge_list l = { NULL, 0, 0 };
	struct actor who;
	struct err e;
	json_t *items;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_fund_pledges(f->app, &who, id, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct pledge *p = &l.items[i];
		json_array_append_new(items,
				      json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:o, s:o, s:o, s:s}",
						"id", (json_int_t)p->id, "source", p->source,
						"source_name", p->source_name, "amount",
						(json_int_t)p->amount, "received",
						(json_int_t)p->received, "matched_contributions",
						(json_int_t)p->matched_contributions, "pledged_on",
						api_date_json(p->pledged_on), "match_from",
						api_date_json(p->match_from), "match_to",
						api_date_json(p->match_to), "note", p->note));
	}
	http_send_json(resp, 200, json_pack("{s:o}", "items", items));
	pledge_list_release(&l);
}

static void api_fund_pledges_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, pid, amount;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	if (!int_field(req, resp, b, "amount", &amount)) {
		if (app_fund_pledge_add(f->app, &who, id, api_str(b, "source"),
					api_str(b, "source_name"), amount, api_str(b, "pledged_on"),
					api_str(b, "match_from"), api_str(b, "match_to"),
					api_str(b, "note"), &pid, &e))
			api_fail(req, resp, &e);
		else
			http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)pid));
	}
	json_decref(b);
}

static void api_fund_income_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct income_in in;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, iid;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	memset(&in, 0, sizeof(in));
	if (!int_field(req, resp, b, "amount", &in.amount)) {
		in.kind = api_str(b, "kind");
		in.source_name = api_str(b, "source_name");
		in.pledge_id = api_int(b, "pledge_id");
		in.received_on = api_str(b, "received_on");
		in.account_id = api_int(b, "account_id");
		in.note = api_str(b, "note");
		if (app_fund_income_add(f->app, &who, id, &in, idem(req, b), &iid, &e))
			api_fail(req, resp, &e);
		else
			http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)iid));
	}
	json_decref(b);
}

static void api_fund_expenses_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct expense_in in;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, xid;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	memset(&in, 0, sizeof(in));
	if (!int_field(req, resp, b, "amount", &in.amount)) {
		in.kind = api_str(b, "kind");
		in.description = api_str(b, "description");
		in.paid_on = api_str(b, "paid_on");
		in.from_account_id = api_int(b, "from_account_id");
		in.to_account_id = api_int(b, "to_account_id");
		if (app_fund_expense_add(f->app, &who, id, &in, idem(req, b), &xid, &e))
			api_fail(req, resp, &e);
		else
			http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)xid));
	}
	json_decref(b);
}

/* ---- ledger ---- */

static json_t *account_obj(const struct account *a, bool totals)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:b, s:I}", "id", (json_int_t)a->id,
			      "code", a->code, "name_th", a->name_th, "name_en", a->name_en, "type",
			      account_type_name(a->type), "admin", a->admin, "cash", a->cash,
			      "balance", (json_int_t)a->balance);

	if (totals) {
		json_object_set_new(o, "debit", json_integer(a->debit));
		json_object_set_new(o, "credit", json_integer(a->credit));
	}
	return o;
}

static void api_fund_ledger(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct entry_list l = { NULL, 0, 0 };
	struct actor who;
	struct date from, to;
	struct err e;
	json_t *items;
	int64_t id, cursor;
	int limit;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    api_paging(req, resp, 50, 500, &limit, &cursor) || query_date(req, resp, "from", &from) ||
	    query_date(req, resp, "to", &to))
		return;
	if (app_ledger_journal(f->app, &who, id, from, to, limit, cursor, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct entry *x = &l.items[i];
		json_t *lines = json_array();
		for (int k = 0; k < x->nlines; k++)
			json_array_append_new(lines, json_pack("{s:I, s:s, s:I, s:I}", "account_id",
							       (json_int_t)x->lines[k].account_id,
							       "code", x->line_code[k], "debit",
							       (json_int_t)x->lines[k].debit, "credit",
							       (json_int_t)x->lines[k].credit));
		json_t *o = json_pack("{s:I, s:I, s:o, s:s, s:s, s:I, s:s, s:o}", "id",
				      (json_int_t)x->id, "entry_no", (json_int_t)x->entry_no,
				      "posted_on", api_date_json(x->posted_on), "description",
				      x->description, "source", x->source, "total",
				      (json_int_t)x->total, "by", x->created_by, "lines", lines);
		json_object_set_new(o, "reverses", x->reverses ? json_integer(x->reverses) : json_null());
		json_object_set_new(o, "reversed_by",
				    x->reversed_by ? json_integer(x->reversed_by) : json_null());
		json_array_append_new(items, o);
	}
	api_send_page(resp, items, l.n, limit, cursor);
	entry_list_release(&l);
}

static void api_fund_balances(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct account_list l = { NULL, 0, 0 };
	struct actor who;
	struct date from, to;
	struct err e;
	json_t *items;
	int64_t id, dr = 0, cr = 0;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    query_date(req, resp, "from", &from) || query_date(req, resp, "to", &to))
		return;
	if (app_ledger_balances(f->app, &who, id, from, to, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		json_array_append_new(items, account_obj(&l.items[i], true));
		dr += l.items[i].debit;
		cr += l.items[i].credit;
	}
	http_send_json(resp, 200, json_pack("{s:o, s:o, s:o, s:I, s:I, s:b}", "from",
					    api_date_json(from), "to", api_date_json(to), "accounts", items,
					    "debit", (json_int_t)dr, "credit", (json_int_t)cr,
					    "balanced", dr == cr));
	account_list_release(&l);
}

static void api_fund_cashbook(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct cashbook_list l = { NULL, 0, 0 };
	struct actor who;
	struct date from, to;
	struct err e;
	json_t *items;
	int64_t id, opening;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    query_date(req, resp, "from", &from) || query_date(req, resp, "to", &to))
		return;
	if (app_ledger_cashbook(f->app, &who, id, from, to, &opening, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct cashbook_line *c = &l.items[i];
		json_array_append_new(items,
				      json_pack("{s:o, s:I, s:s, s:s, s:I, s:I, s:I}", "posted_on",
						api_date_json(c->posted_on), "entry_no",
						(json_int_t)c->entry_no, "account", c->account_code,
						"description", c->description, "in",
						(json_int_t)c->debit, "out", (json_int_t)c->credit,
						"balance", (json_int_t)c->running));
	}
	http_send_json(resp, 200,
		       json_pack("{s:I, s:o, s:I}", "opening", (json_int_t)opening, "lines", items,
				 "closing",
				 (json_int_t)(l.n ? l.items[l.n - 1].running : opening)));
	cashbook_list_release(&l);
}

static void api_fund_close(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	if (app_ledger_close(f->app, &who, id, api_str(b, "date"), &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 200, json_pack("{s:s}", "closed_through", api_str(b, "date")));
	json_decref(b);
}

static void api_entry_reverse(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, rid;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	if (app_ledger_reverse(f->app, &who, id, api_str(b, "date"), api_str(b, "reason"), &rid,
			       &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)rid));
	json_decref(b);
}

const struct http_route api_fund_routes[] = {
	{ "GET", "/api/v1/funds", api_funds_list },
	{ "POST", "/api/v1/funds", api_funds_create },
	{ "GET", "/api/v1/funds/rollup", api_fund_rollup },
	{ "GET", "/api/v1/funds/{id}", api_fund_get },
	{ "PUT", "/api/v1/funds/{id}", api_fund_update },
	{ "GET", "/api/v1/funds/{id}/dashboard", api_fund_dashboard },
	{ "GET", "/api/v1/funds/{id}/branches", api_fund_branches },
	{ "POST", "/api/v1/funds/{id}/branches", api_fund_branches_add },
	{ "GET", "/api/v1/funds/{id}/committee", api_fund_committee },
	{ "POST", "/api/v1/funds/{id}/committee", api_fund_committee_add },
	{ "GET", "/api/v1/funds/{id}/bank-accounts", api_fund_banks },
	{ "POST", "/api/v1/funds/{id}/bank-accounts", api_fund_banks_add },
	{ "GET", "/api/v1/funds/{id}/statutes", api_fund_statutes },
	{ "POST", "/api/v1/funds/{id}/statutes", api_fund_statutes_add },
	{ "GET", "/api/v1/funds/{id}/members", api_fund_members },
	{ "POST", "/api/v1/funds/{id}/members", api_fund_members_add },
	{ "GET", "/api/v1/members/{id}", api_member_get },
	{ "POST", "/api/v1/members/{id}/end", api_member_end },
	{ "POST", "/api/v1/members/{id}/transfer", api_member_transfer },
	{ "POST", "/api/v1/members/{id}/payments", api_member_pay },
	{ "GET", "/api/v1/funds/{id}/collection-sheet", api_fund_sheet },
	{ "POST", "/api/v1/funds/{id}/contributions", api_fund_contributions },
	{ "GET", "/api/v1/funds/{id}/receipts", api_fund_receipts },
	{ "GET", "/api/v1/receipts/{id}", api_receipt_get },
	{ "POST", "/api/v1/receipts/{id}/void", api_receipt_void },
	{ "GET", "/api/v1/funds/{id}/claims", api_fund_claims },
	{ "POST", "/api/v1/funds/{id}/claims", api_fund_claims_add },
	{ "GET", "/api/v1/claims/{id}", api_claim_get },
	{ "POST", "/api/v1/claims/{id}/check", api_claim_check },
	{ "POST", "/api/v1/claims/{id}/approve", api_claim_approve },
	{ "POST", "/api/v1/claims/{id}/reject", api_claim_reject },
	{ "POST", "/api/v1/claims/{id}/pay", api_claim_pay },
	{ "GET", "/api/v1/funds/{id}/pledges", api_fund_pledges },
	{ "POST", "/api/v1/funds/{id}/pledges", api_fund_pledges_add },
	{ "POST", "/api/v1/funds/{id}/income", api_fund_income_add },
	{ "POST", "/api/v1/funds/{id}/expenses", api_fund_expenses_add },
	{ "GET", "/api/v1/funds/{id}/ledger", api_fund_ledger },
	{ "GET", "/api/v1/funds/{id}/balances", api_fund_balances },
	{ "GET", "/api/v1/funds/{id}/cashbook", api_fund_cashbook },
	{ "POST", "/api/v1/funds/{id}/close", api_fund_close },
	{ "POST", "/api/v1/entries/{id}/reverse", api_entry_reverse },
};
const size_t api_fund_nroutes = ARRAY_SIZE(api_fund_routes);
