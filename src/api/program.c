/*
 * API: welfare programs, enrolments and payrolls. Money is integer satang;
 * dates ISO or B.E. on input, ISO on output; a month is YYYY-MM.
 */
#include "api/api.h"
#include "app/person.h"
#include "app/coverage.h"
#include "app/program.h"
#include "core/program.h"

static json_t *program_obj(const struct program *p)
{
	json_t *docs = json_loads(p->documents ? p->documents : "[]", 0, NULL);

	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)p->id,
			 "code", p->code, "name_th", p->name_th, "name_en", p->name_en, "pillar",
			 p->pillar, "owner_area", p->owner_area, "period", p->period, "source",
			 p->source, "documents", docs ? docs : json_array());
}

static json_t *enrolment_obj(const struct enrolment *x)
{
	json_t *docs = json_loads(x->documents ? x->documents : "[]", 0, NULL);

	return json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:o}",
			 "id", (json_int_t)x->id, "program_id", (json_int_t)x->program_id,
			 "program", x->program_code, "person_id", (json_int_t)x->person_id, "name",
			 x->name, "national_id", x->national_id, "office", x->office, "status",
			 x->status, "applied_on", api_date_json(x->applied_on), "active_from",
			 api_date_json(x->active_from), "ended_on", api_date_json(x->ended_on),
			 "paid_through", api_date_json(x->paid_through), "end_reason", x->end_reason,
			 "documents", docs ? docs : json_array());
}

static json_t *payroll_obj(const struct payroll *p)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:I, s:s, s:s, s:s}", "id",
			 (json_int_t)p->id, "office", p->office, "month", p->month, "status",
			 p->status, "lines", (json_int_t)p->lines, "total", (json_int_t)p->total,
			 "stopped", (json_int_t)p->stopped, "generated_at", p->generated_at,
			 "approved_by", p->approved_by, "approved_at", p->approved_at);
}

/* ---- programs ---- */

static void api_programs_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct program_list l = { NULL, 0, 0 };
	struct actor who;
	struct err e;
	json_t *items;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (app_program_list(f->app, &who, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, program_obj(&l.items[i]));
	http_send_json(resp, 200, json_pack("{s:o}", "items", items));
	program_list_release(&l);
}

static void api_programs_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct program_in in;
	struct actor who;
	struct err e;
	char *docs = NULL;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || !(b = http_json_body(req, resp)))
		return;
	memset(&in, 0, sizeof(in));
	in.code = api_str(b, "code");
	in.name_th = api_str(b, "name_th");
	in.name_en = api_str(b, "name_en");
	in.pillar = api_str(b, "pillar");
	in.owner_area = api_str(b, "owner_area");
	in.source = api_str(b, "source");
	if (json_is_array(json_object_get(b, "documents")))
		in.documents = docs = json_dumps(json_object_get(b, "documents"), JSON_COMPACT);
	if (app_program_add(f->app, &who, &in, api_str(b, "rules"), api_str(b, "effective_from"),
			    &id, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)id));
	free(docs);
	json_decref(b);
}

static void api_program_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct program_version_list vl = { NULL, 0, 0 };
	struct program p;
	struct actor who;
	struct err e;
	json_t *o, *vs;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_program_get(f->app, &who, id, &p, &vl, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	o = program_obj(&p);
	vs = json_array();
	for (size_t i = 0; i < vl.n; i++)
		json_array_append_new(vs, json_pack("{s:I, s:o, s:s, s:s, s:s}", "id",
						    (json_int_t)vl.items[i].id, "effective_from",
						    api_date_json(vl.items[i].effective_from), "rules",
						    vl.items[i].rules, "note", vl.items[i].note,
						    "created_by", vl.items[i].created_by));
	json_object_set_new(o, "versions", vs);
	http_send_json(resp, 200, o);
	program_release(&p);
	program_version_list_release(&vl);
}

static void api_program_versions_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, vid;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	if (app_program_version_add(f->app, &who, id, api_str(b, "effective_from"),
				    api_str(b, "rules"), api_str(b, "note"), &vid, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)vid));
	json_decref(b);
}

static void api_program_dry_run(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct dry_run d;
	struct actor who;
	struct err e;
	json_t *b, *g, *l;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	if (app_program_dry_run(f->app, &who, id, api_str(b, "rules"), api_str(b, "on"),
				api_str(b, "area"), &d, &e)) {
		api_fail(req, resp, &e);
		json_decref(b);
		return;
	}
	g = json_array();
	l = json_array();
	for (int i = 0; i < d.nsample_gain; i++)
		json_array_append_new(g, json_integer(d.sample_gain[i]));
	for (int i = 0; i < d.nsample_lose; i++)
		json_array_append_new(l, json_integer(d.sample_lose[i]));
	http_send_json(resp, 200,
		       json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:o}", "people",
				 (json_int_t)d.people, "eligible_now", (json_int_t)d.eligible_now,
				 "eligible_new", (json_int_t)d.eligible_new, "gain",
				 (json_int_t)d.gain, "lose", (json_int_t)d.lose, "more",
				 (json_int_t)d.more, "less", (json_int_t)d.less, "cost_now",
				 (json_int_t)d.cost_now, "cost_new", (json_int_t)d.cost_new,
				 "sample_gain", g, "sample_lose", l));
	json_decref(b);
}

/* ---- enrolments ---- */

static void api_enrolments_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	char *docs = NULL;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || !(b = http_json_body(req, resp)))
		return;
	if (json_is_array(json_object_get(b, "documents")))
		docs = json_dumps(json_object_get(b, "documents"), JSON_COMPACT);
	if (app_enrol_apply(f->app, &who, api_int(b, "program_id"), api_int(b, "person_id"),
			    api_str(b, "office"), api_str(b, "applied_on"), docs, &id, &e))
		api_fail(req, resp, &e);
	else
		api_created(req, resp, "enrolments", id, NULL);
	free(docs);
	json_decref(b);
}

static void api_enrolments_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct enrolment_list l = { NULL, 0, 0 };
	const char *prog = http_query(req, "program");
	struct actor who;
	struct err e;
	json_t *items;
	int64_t cursor;
	int limit;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_paging(req, resp, 50, 500, &limit, &cursor))
		return;
	if (app_enrol_list(f->app, &who, http_query(req, "office"),
			   prog ? strtoll(prog, NULL, 10) : 0, http_query(req, "status"), limit,
			   cursor, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, enrolment_obj(&l.items[i]));
	api_send_page(resp, items, l.n, limit, cursor);
	enrolment_list_release(&l);
}

/* The codes of the program's required documents not seen on x. */
static json_t *missing_json(struct face *f, const struct actor *who, const struct enrolment *x)
{
	struct buf codes = BUF_INIT;
	struct program p;
	json_t *j = NULL;

	if (!app_program_get(f->app, who, x->program_id, &p, NULL, NULL)) {
		if (program_documents_missing(p.documents, x->documents, &codes, NULL, NULL) >= 0)
			j = json_loads(codes.ptr, 0, NULL);
		program_release(&p);
	}
	buf_release(&codes);
	return j ? j : json_array();
}

static void api_enrolment_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct enrolment_step_list steps = { NULL, 0, 0 };
	struct buf th = BUF_INIT, en = BUF_INIT;
	struct enrolment x;
	struct actor who;
	struct date on = { 0, 0, 0 };
	const char *ds = http_query(req, "date");
	struct err e;
	json_t *o, *arr;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (ds && *ds && date_parse(ds, 0, &on, "date", &e)) {
		api_fail(req, resp, &e);
		return;
	}
	if (app_enrol_get(f->app, &who, id, &x, &steps, &e) ||
	    app_enrol_explain(f->app, &who, id, on, true, &th, &e) ||
	    app_enrol_explain(f->app, &who, id, on, false, &en, &e)) {
		api_fail(req, resp, &e);
		goto out;
	}
	o = enrolment_obj(&x);
	arr = json_array();
	for (size_t i = 0; i < steps.n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}", "status",
						     steps.items[i].status, "note",
						     steps.items[i].note, "by", steps.items[i].actor,
						     "at", steps.items[i].at));
	json_object_set_new(o, "steps", arr);
	json_object_set_new(o, "missing_documents", missing_json(f, &who, &x));
	json_object_set_new(o, "explanation_th", json_string(th.ptr));
	json_object_set_new(o, "explanation_en", json_string(en.ptr));
	http_send_json(resp, 200, o);
	enrolment_release(&x);
out:
	enrolment_step_list_release(&steps);
	buf_release(&th);
	buf_release(&en);
}

static void enrol_action(struct http_req *req, struct http_resp *resp, const char *action)
{
	struct face *f = req->app;
	struct enrolment x;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	if (app_enrol_step(f->app, &who, id, action, api_str(b, "date"), api_str(b, "note"), &e) ||
	    app_enrol_get(f->app, &who, id, &x, NULL, &e)) {
		api_fail(req, resp, &e);
	} else {
		http_send_json(resp, 200, enrolment_obj(&x));
		enrolment_release(&x);
	}
	json_decref(b);
}

static void api_enrol_documents(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct enrolment x;
	struct actor who;
	struct err e;
	char *docs = NULL;
	json_t *b, *o;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(b = http_json_body(req, resp)))
		return;
	if (json_is_array(json_object_get(b, "documents")))
		docs = json_dumps(json_object_get(b, "documents"), JSON_COMPACT);
	if (app_enrol_documents(f->app, &who, id, docs, &e) ||
	    app_enrol_get(f->app, &who, id, &x, NULL, &e)) {
		api_fail(req, resp, &e);
	} else {
		o = enrolment_obj(&x);
		json_object_set_new(o, "missing_documents", missing_json(f, &who, &x));
		http_send_json(resp, 200, o);
		enrolment_release(&x);
	}
	free(docs);
	json_decref(b);
}

static void api_enrol_verify(struct http_req *req, struct http_resp *resp)
{
	enrol_action(req, resp, "verify");
}

static void api_enrol_approve(struct http_req *req, struct http_resp *resp)
{
	enrol_action(req, resp, "approve");
}

static void api_enrol_reject(struct http_req *req, struct http_resp *resp)
{
	enrol_action(req, resp, "reject");
}

static void api_enrol_suspend(struct http_req *req, struct http_resp *resp)
{
	enrol_action(req, resp, "suspend");
}

static void api_enrol_resume(struct http_req *req, struct http_resp *resp)
{
	enrol_action(req, resp, "resume");
}

static void api_enrol_end(struct http_req *req, struct http_resp *resp)
{
	enrol_action(req, resp, "end");
}

static void api_person_enrolments(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct enrolment_list l = { NULL, 0, 0 };
	struct actor who;
	struct err e;
	json_t *items;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_enrol_of_person(f->app, &who, id, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, enrolment_obj(&l.items[i]));
	http_send_json(resp, 200, json_pack("{s:o}", "items", items));
	enrolment_list_release(&l);
}

/* ---- payrolls ---- */

static void api_payrolls_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct payroll p;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || !(b = http_json_body(req, resp)))
		return;
	if (app_payroll_generate(f->app, &who, api_str(b, "office"), api_str(b, "month"), &id, &e) ||
	    app_payroll_get(f->app, &who, id, &p, NULL, &e)) {
		api_fail(req, resp, &e);
	} else {
		http_set_header(req, resp, "Location",
				arena_printf(req->arena, "/api/v1/payrolls/%lld", (long long)id));
		http_send_json(resp, 201, payroll_obj(&p));
	}
	json_decref(b);
}

static void api_payrolls_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct payroll_list l = { NULL, 0, 0 };
	struct actor who;
	struct err e;
	json_t *items;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (app_payroll_list(f->app, &who, http_query(req, "office"), &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, payroll_obj(&l.items[i]));
	http_send_json(resp, 200, json_pack("{s:o}", "items", items));
	payroll_list_release(&l);
}

static void api_payroll_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct payroll_line_list l = { NULL, 0, 0 };
	struct payroll p;
	struct actor who;
	struct err e;
	json_t *o, *arr;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_payroll_get(f->app, &who, id, &p, &l, &e)) {
		api_fail(req, resp, &e);
		goto out;
	}
	o = payroll_obj(&p);
	arr = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct payroll_line *x = &l.items[i];
		json_array_append_new(arr,
				      json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:I, s:I, s:I, s:s, s:s}",
						"id", (json_int_t)x->id, "enrolment_id",
						(json_int_t)x->enrolment_id, "person_id",
						(json_int_t)x->person_id, "program", x->program_code,
						"national_id", x->national_id, "name", x->name,
						"amount", (json_int_t)x->amount, "arrears",
						(json_int_t)x->arrears, "arrears_months",
						(json_int_t)x->arrears_months, "status", x->status,
						"reason", x->reason));
	}
	json_object_set_new(o, "items", arr);
	http_send_json(resp, 200, o);
out:
	payroll_line_list_release(&l);
}

static void api_payroll_approve(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct payroll p;
	struct actor who;
	struct err e;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_payroll_approve(f->app, &who, id, &e) ||
	    app_payroll_get(f->app, &who, id, &p, NULL, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 200, payroll_obj(&p));
}

static void api_payroll_export(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	const char *format = http_query(req, "format");
	struct buf out = BUF_INIT;
	struct actor who;
	struct err e;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (!format)
		format = "csv";
	if (app_payroll_export(f->app, &who, id, format, &out, &e)) {
		api_fail(req, resp, &e);
	} else {
		resp->status = 200;
		resp->content_type = !strcmp(format, "bank") ? "text/plain; charset=utf-8"
							     : "text/csv; charset=utf-8";
		http_set_header(req, resp, "Content-Disposition",
				arena_printf(req->arena, "attachment; filename=\"payroll-%lld-%s.%s\"",
					     (long long)id, format,
					     !strcmp(format, "bank") ? "txt" : "csv"));
		buf_add(&resp->body, out.ptr, out.len);
	}
	buf_release(&out);
}

static void api_payroll_bank_result(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct payroll_import_report rep;
	struct actor who;
	struct err e;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_payroll_import(f->app, &who, id, req->body, req->body_len, &rep, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 200, json_pack("{s:I, s:I, s:I}", "paid", (json_int_t)rep.paid,
						    "failed", (json_int_t)rep.failed, "unchanged",
						    (json_int_t)rep.unchanged));
}

/* ---- coverage gaps and outreach ---- */

static void api_gaps(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct gap_list l = { NULL, 0, 0 };
	struct coverage c;
	const char *prog = http_query(req, "program");
	struct actor who;
	struct err e;
	json_t *items;
	int64_t cursor;
	int limit;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_paging(req, resp, 100, 1000, &limit, &cursor))
		return;
	if (app_program_gaps(f->app, &who, prog ? strtoll(prog, NULL, 10) : 0,
			     http_query(req, "area"), http_query(req, "on"), &c, &l,
			     (size_t)(cursor + limit), &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = (size_t)cursor; i < l.n; i++)
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:I}", "person_id",
						       (json_int_t)l.items[i].person_id, "name",
						       l.items[i].name, "area", l.items[i].area,
						       "reason", l.items[i].reason, "amount",
						       (json_int_t)l.items[i].amount));
	http_send_json(
		resp, 200,
		json_pack("{s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}, s:o, s:o}",
			  "coverage", "people", (json_int_t)c.people, "eligible",
			  (json_int_t)c.eligible, "enrolled", (json_int_t)c.enrolled,
			  "enrolled_not_eligible", (json_int_t)c.enrolled_not_eligible, "gaps",
			  (json_int_t)c.gaps, "never_applied", (json_int_t)c.never_applied, "pending",
			  (json_int_t)c.pending, "no_card", (json_int_t)c.no_card, "no_registration",
			  (json_int_t)c.no_registration, "no_status", (json_int_t)c.no_status,
			  "declined", (json_int_t)c.declined, "items", items, "next_cursor",
			  l.n == (size_t)(cursor + limit)
				  ? json_sprintf("%lld", (long long)(cursor + limit))
				  : json_null()));
	gap_list_release(&l);
}

static void api_outreach_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t created;

	err_init(&e);
	if (api_auth(req, resp, &who) || !(b = http_json_body(req, resp)))
		return;
	if (app_outreach_create(f->app, &who, api_int(b, "program_id"), api_str(b, "area"), &created,
				&e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "created", (json_int_t)created));
	json_decref(b);
}

static void api_outreach_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct outreach_list l = { NULL, 0, 0 };
	const char *prog = http_query(req, "program");
	struct actor who;
	struct err e;
	json_t *items;
	int64_t cursor;
	int limit;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_paging(req, resp, 50, 500, &limit, &cursor))
		return;
	if (app_coverage_cases(f->app, &who, http_query(req, "area"),
			       prog ? strtoll(prog, NULL, 10) : 0, http_query(req, "status"),
			       http_query(req, "volunteer"), limit, cursor, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct outreach_case *c = &l.items[i];
		json_array_append_new(items,
				      json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o}",
						"id", (json_int_t)c->id, "program", c->program_code,
						"person_id", (json_int_t)c->person_id, "name",
						c->name, "area", c->area, "reason", c->reason,
						"status", c->status, "assigned_to", c->assigned_to,
						"outcome", c->outcome, "visited_on",
						api_date_json(c->visited_on)));
	}
	api_send_page(resp, items, l.n, limit, cursor);
	outreach_list_release(&l);
}

static void api_outreach_assign(struct http_req *req, struct http_resp *resp)
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
	if (app_outreach_assign(f->app, &who, id, api_str(b, "volunteer"), &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 200, json_pack("{s:I}", "id", (json_int_t)id));
	json_decref(b);
}

static void api_outreach_visit(struct http_req *req, struct http_resp *resp)
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
	if (app_outreach_visit(f->app, &who, id, api_str(b, "outcome"), api_str(b, "date"),
			       api_str(b, "note"), &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 200, json_pack("{s:I}", "id", (json_int_t)id));
	json_decref(b);
}

const struct http_route api_program_routes[] = {
	{ "GET", "/api/v1/programs", api_programs_list },
	{ "POST", "/api/v1/programs", api_programs_create },
	{ "GET", "/api/v1/programs/{id}", api_program_get },
	{ "POST", "/api/v1/programs/{id}/versions", api_program_versions_add },
	{ "POST", "/api/v1/programs/{id}/dry-run", api_program_dry_run },
	{ "GET", "/api/v1/enrolments", api_enrolments_list },
	{ "POST", "/api/v1/enrolments", api_enrolments_create },
	{ "GET", "/api/v1/enrolments/{id}", api_enrolment_get },
	{ "POST", "/api/v1/enrolments/{id}/verify", api_enrol_verify },
	{ "POST", "/api/v1/enrolments/{id}/approve", api_enrol_approve },
	{ "POST", "/api/v1/enrolments/{id}/reject", api_enrol_reject },
	{ "POST", "/api/v1/enrolments/{id}/suspend", api_enrol_suspend },
	{ "POST", "/api/v1/enrolments/{id}/resume", api_enrol_resume },
	{ "POST", "/api/v1/enrolments/{id}/end", api_enrol_end },
	{ "POST", "/api/v1/enrolments/{id}/documents", api_enrol_documents },
	{ "GET", "/api/v1/persons/{id}/enrolments", api_person_enrolments },
	{ "GET", "/api/v1/payrolls", api_payrolls_list },
	{ "POST", "/api/v1/payrolls", api_payrolls_create },
	{ "GET", "/api/v1/payrolls/{id}", api_payroll_get },
	{ "POST", "/api/v1/payrolls/{id}/approve", api_payroll_approve },
	{ "GET", "/api/v1/payrolls/{id}/export", api_payroll_export },
	{ "POST", "/api/v1/payrolls/{id}/bank-result", api_payroll_bank_result },
	{ "GET", "/api/v1/gaps", api_gaps },
	{ "GET", "/api/v1/outreach", api_outreach_list },
	{ "POST", "/api/v1/outreach", api_outreach_create },
	{ "POST", "/api/v1/outreach/{id}/assign", api_outreach_assign },
	{ "POST", "/api/v1/outreach/{id}/visit", api_outreach_visit },
};
const size_t api_program_nroutes = ARRAY_SIZE(api_program_routes);
