/*
 * API: welfare assemblies (events, quotas, registrations and their
 * withdrawal, attendance, agenda, commitments, the sign-in sheet and summary PDFs), proposals and
 * their steps, and the area report (JSON and .xlsx). Money is integer
 * satang; dates ISO or B.E. on input, ISO on output. Rules and access are
 * app/assembly's.
 */
#include "api/api.h"
#include "app/assembly.h"
#include "app/person.h"
#include "core/program.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static int year_of(struct http_req *req, struct http_resp *resp, int *year)
{
	const char *y = http_query(req, "year");
	char *end = NULL;
	long v;

	*year = 0;
	if (!y || !*y)
		return 0;
	v = strtol(y, &end, 10);
	if (*end || v < 1941 || v > 9998) {
		struct err e;
		err_init(&e);
		err_set(&e, ERR_INVALID, "year", "ปีต้องเป็นปี ค.ศ. 4 หลัก%s",
			"year must be a four-digit C.E. year%s", "");
		api_fail(req, resp, &e);
		return -1;
	}
	*year = (int)v;
	return 0;
}

static json_t *assembly_obj(const struct assembly *a)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:I, s:s, s:s, s:I, s:I, s:I}",
			 "id", (json_int_t)a->id, "title", a->title, "level", a->level, "area",
			 a->area, "group_code", a->group_code, "starts_on", api_date_json(a->starts_on),
			 "ends_on", api_date_json(a->ends_on), "venue", a->venue, "budget",
			 (json_int_t)a->budget, "status", a->status, "note", a->note, "registered",
			 (json_int_t)a->registered, "attended", (json_int_t)a->attended, "proposals",
			 (json_int_t)a->proposals);
}

static json_t *proposal_obj(const struct proposal *p)
{
	json_t *o = json_pack(
		"{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:I, s:o, s:o}",
		"id", (json_int_t)p->id, "assembly_id", (json_int_t)p->assembly_id, "assembly",
		p->assembly_title, "area", p->area, "group_name", p->group_name, "target_group",
		p->target_group, "pillar", p->pillar, "problem", p->problem, "recommendation",
		p->recommendation, "endorsements", (json_int_t)p->endorsements, "endorsed_by",
		p->endorsed_by, "body", p->body, "status", p->status, "funded_amount",
		(json_int_t)p->funded_amount, "proposed_on", api_date_json(p->proposed_on), "status_on",
		api_date_json(p->status_on));

	json_object_set_new(o, "agenda_id", p->agenda_id ? json_integer(p->agenda_id) : json_null());
	json_object_set_new(o, "adopted_into", json_string(p->adopted_into));
	json_object_set_new(o, "next", json_string(asm_next_status(p->status)));
	return o;
}

/* ---- events ---- */

static void api_assemblies_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct assembly_list l = { NULL, 0, 0 };
	struct actor who;
	struct err e;
	json_t *items;
	int64_t cursor;
	int limit, year;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_paging(req, resp, 50, 500, &limit, &cursor) ||
	    year_of(req, resp, &year))
		return;
	if (app_assembly_list(f->app, &who, http_query(req, "area"), year, limit, cursor, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, assembly_obj(&l.items[i]));
	api_send_page(resp, items, l.n, limit, cursor);
	assembly_list_release(&l);
}

static void api_assemblies_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct assembly_in in;
	const char *names[ASM_MAX_ORGANISERS + 1];
	int64_t orgs[ASM_MAX_ORGANISERS + 1];
	struct actor who;
	struct err e;
	json_t *b, *arr, *v;
	size_t i;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || !(b = http_json_body(req, resp)))
		return;
	memset(&in, 0, sizeof(in));
	in.title = api_str(b, "title");
	in.level = api_str(b, "level");
	in.area = api_str(b, "area");
	in.group_code = api_str(b, "group_code");
	in.starts_on = api_str(b, "starts_on");
	in.ends_on = api_str(b, "ends_on");
	in.venue = api_str(b, "venue");
	in.note = api_str(b, "note");
	in.budget = api_int(b, "budget");
	/* organisers: a list of organisation ids and names */
	arr = json_object_get(b, "organisers");
	json_array_foreach(arr, i, v) {
		if (json_is_integer(v) && in.norg < ASM_MAX_ORGANISERS + 1)
			orgs[in.norg++] = (int64_t)json_integer_value(v);
		else if (json_is_string(v) && in.nnames < ASM_MAX_ORGANISERS + 1)
			names[in.nnames++] = json_string_value(v);
	}
	in.org_ids = orgs;
	in.organisers = names;
	if (app_assembly_add(f->app, &who, &in, &id, &e))
		api_fail(req, resp, &e);
	else
		api_created(req, resp, "assemblies", id, NULL);
	json_decref(b);
}

static json_t *withdrawn_json(struct app *app, const struct actor *who, int64_t id,
			      int64_t only, struct err *e);

static void api_assembly_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct assembly_detail d;
	struct actor who;
	struct err e;
	json_t *o, *arr;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_assembly_get(f->app, &who, id, &d, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	o = assembly_obj(&d.ev);
	arr = json_array();
	for (size_t i = 0; i < d.organisers.n; i++)
		json_array_append_new(arr, json_pack("{s:o, s:s}", "org_id",
						     d.organisers.items[i].org_id
							     ? json_integer(d.organisers.items[i].org_id)
							     : json_null(),
						     "name", d.organisers.items[i].name));
	json_object_set_new(o, "organisers", arr);
	arr = json_array();
	for (size_t i = 0; i < d.quotas.n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:I, s:I}", "area", d.quotas.items[i].area,
						     "quota", (json_int_t)d.quotas.items[i].quota,
						     "registered", (json_int_t)d.quota_used[i]));
	json_object_set_new(o, "quotas", arr);
	arr = json_array();
	for (size_t i = 0; i < d.regs.n; i++) {
		const struct asm_registration *g = &d.regs.items[i];
		json_t *days = json_array();
		for (int k = 0; k < d.ndays; k++)
			if (d.days_attended[i] & (INT64_C(1) << k))
				json_array_append_new(days, api_date_json(d.days[k]));
		json_array_append_new(arr, json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:o}", "id",
						     (json_int_t)g->id,
						     "person_id", g->person_id ? json_integer(g->person_id)
									      : json_null(),
						     "name", g->name, "organisation", g->organisation,
						     "origin", g->origin, "role", g->role, "attended",
						     days));
	}
	json_object_set_new(o, "registrations", arr);
	if (!(arr = withdrawn_json(f->app, &who, id, 0, &e))) {
		json_decref(o);
		assembly_detail_release(&d);
		api_fail(req, resp, &e);
		return;
	}
	json_object_set_new(o, "withdrawn", arr);
	arr = json_array();
	for (size_t i = 0; i < d.agenda.n; i++) {
		const struct asm_agenda *g = &d.agenda.items[i];
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:s}",
						     "id", (json_int_t)g->id, "kind", g->kind, "title",
						     g->title, "day", api_date_json(g->day), "starts_at",
						     g->starts_at, "ends_at", g->ends_at, "speakers",
						     g->speakers, "target_group", g->target_group,
						     "pillar", g->pillar));
	}
	json_object_set_new(o, "agenda", arr);
	arr = json_array();
	for (size_t i = 0; i < d.proposals.n; i++)
		json_array_append_new(arr, proposal_obj(&d.proposals.items[i]));
	json_object_set_new(o, "proposals", arr);
	arr = json_array();
	for (size_t i = 0; i < d.commitments.n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:o}", "id",
						     (json_int_t)d.commitments.items[i].id, "kind",
						     d.commitments.items[i].kind, "text",
						     d.commitments.items[i].text, "signed_by",
						     d.commitments.items[i].signed_by, "signed_on",
						     api_date_json(d.commitments.items[i].signed_on)));
	json_object_set_new(o, "commitments", arr);
	json_object_set_new(o, "can_manage", json_boolean(d.can_manage));
	json_object_set_new(o, "can_register", json_boolean(d.can_register));
	http_send_json(resp, 200, o);
	assembly_detail_release(&d);
}

/* POST /assemblies/{id}/...: auth, id, body; then one of the actions below. */
static json_t *begin_post(struct http_req *req, struct http_resp *resp, struct actor *who,
			  int64_t *id)
{
	if (api_auth(req, resp, who) || api_path_id(req, resp, id))
		return NULL;
	return http_json_body(req, resp);
}

static void api_assembly_status(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (!(b = begin_post(req, resp, &who, &id)))
		return;
	if (app_assembly_set_status(f->app, &who, id, api_str(b, "status"), &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status",
						    api_str(b, "status")));
	json_decref(b);
}

static void api_assembly_quota(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (!(b = begin_post(req, resp, &who, &id)))
		return;
	if (json_is_true(json_object_get(b, "each"))) {
		int64_t n;
		if (app_assembly_quota_each(f->app, &who, id, api_str(b, "area"), api_int(b, "quota"), &n,
					    &e))
			api_fail(req, resp, &e);
		else
			http_send_json(resp, 200, json_pack("{s:s, s:I, s:I}", "area", api_str(b, "area"),
							    "quota", (json_int_t)api_int(b, "quota"),
							    "areas", (json_int_t)n));
	} else if (app_assembly_quota_set(f->app, &who, id, api_str(b, "area"), api_int(b, "quota"),
					  &e)) {
		api_fail(req, resp, &e);
	} else {
		http_send_json(resp, 200, json_pack("{s:s, s:I, s:I}", "area", api_str(b, "area"),
						    "quota", (json_int_t)api_int(b, "quota"), "areas", 1));
	}
	json_decref(b);
}

static void api_assembly_register(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct registration_in in;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, rid;

	err_init(&e);
	if (!(b = begin_post(req, resp, &who, &id)))
		return;
	memset(&in, 0, sizeof(in));
	in.person_id = api_int(b, "person_id");
	in.name = api_str(b, "name");
	in.organisation = api_str(b, "organisation");
	in.origin = api_str(b, "origin");
	in.role = api_str(b, "role");
	if (app_assembly_register(f->app, &who, id, &in, &rid, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)rid));
	json_decref(b);
}

static void api_assembly_attend(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (!(b = begin_post(req, resp, &who, &id)))
		return;
	if (app_assembly_attend(f->app, &who, id, api_int(b, "registration_id"), api_str(b, "day"), &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 200, json_pack("{s:I, s:b}", "registration_id",
						    (json_int_t)api_int(b, "registration_id"), "present",
						    1));
	json_decref(b);
}

static void api_assembly_agenda(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct agenda_in in;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, aid;

	err_init(&e);
	if (!(b = begin_post(req, resp, &who, &id)))
		return;
	memset(&in, 0, sizeof(in));
	in.kind = api_str(b, "kind");
	in.title = api_str(b, "title");
	in.day = api_str(b, "day");
	in.starts_at = api_str(b, "starts_at");
	in.ends_at = api_str(b, "ends_at");
	in.speakers = api_str(b, "speakers");
	in.target_group = api_str(b, "target_group");
	in.pillar = api_str(b, "pillar");
	if (app_assembly_agenda_add(f->app, &who, id, &in, &aid, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)aid));
	json_decref(b);
}

static void api_assembly_commitment(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, cid;

	err_init(&e);
	if (!(b = begin_post(req, resp, &who, &id)))
		return;
	if (app_assembly_commitment_add(f->app, &who, id, api_str(b, "kind"), api_str(b, "text"),
					api_str(b, "signed_by"), api_str(b, "signed_on"), &cid, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)cid));
	json_decref(b);
}

/* ---- documents (shared with web/assembly.c) ---- */

int face_assembly_doc(struct http_req *req, struct http_resp *resp, const struct actor *who,
		      const char *kind, int64_t id, struct err *e)
{
	struct face *f = req->app;
	const char *l = http_query(req, "lang");
	bool thai = !(l && !strcmp(l, "en"));
	const char *name, *type = "application/pdf";
	int r;

	if (!strcmp(kind, "signin")) {
		r = app_assembly_signin_pdf(f->app, who, id, http_query(req, "day"), thai,
					    &resp->body, e);
		name = arena_printf(req->arena, "assembly-%lld-signin.pdf", (long long)id);
	} else if (!strcmp(kind, "summary")) {
		r = app_assembly_summary_pdf(f->app, who, id, thai, &resp->body, e);
		name = arena_printf(req->arena, "assembly-%lld-summary.pdf", (long long)id);
	} else {
		const char *y = http_query(req, "year");
		const char *area = http_query(req, "area");
		int year = y && *y ? (int)strtol(y, NULL, 10) : app_today(f->app).y;
		r = app_assembly_report_xlsx(f->app, who, area && *area ? area : who->area, year,
					     thai, &resp->body, e);
		type = XLSX_TYPE;
		name = arena_printf(req->arena, "assemblies-%s-%d.xlsx",
				    area && *area ? area : who->area, year);
	}
	if (r)
		return r;
	resp->status = 200;
	resp->content_type = type;
	http_set_header(req, resp, "Content-Disposition",
			arena_printf(req->arena, "%s; filename=\"%s\"",
				     strcmp(type, XLSX_TYPE) ? "inline" : "attachment", name));
	http_set_header(req, resp, "Cache-Control", "no-store");
	return 0;
}

static void doc(struct http_req *req, struct http_resp *resp, const char *kind)
{
	struct actor who;
	struct err e;
	int64_t id = 0;

	err_init(&e);
	if (api_auth(req, resp, &who) || (strcmp(kind, "report") && api_path_id(req, resp, &id)))
		return;
	if (face_assembly_doc(req, resp, &who, kind, id, &e))
		api_fail(req, resp, &e);
}

static void api_assembly_signin(struct http_req *req, struct http_resp *resp)
{
	doc(req, resp, "signin");
}

static void api_assembly_summary(struct http_req *req, struct http_resp *resp)
{
	doc(req, resp, "summary");
}

static void api_assembly_report_xlsx(struct http_req *req, struct http_resp *resp)
{
	doc(req, resp, "report");
}

/* ---- the report ---- */

static json_t *status_obj(const int64_t *s)
{
	json_t *o = json_object();

	for (int i = 0; i < ASM_NSTATUS; i++)
		json_object_set_new(o, asm_statuses[i].code, json_integer(s[i]));
	return o;
}

/* A report row: a child area's (key "area") or a region's (key "region"). */
static json_t *report_row(const char *key, const struct asm_report_row *w)
{
	return json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:o}", key, w->code, "name_th",
			 w->name_th, "name_en", w->name_en, "assemblies", (json_int_t)w->events,
			 "registered", (json_int_t)w->registered, "attended",
			 (json_int_t)w->attended, "proposals", (json_int_t)w->proposals, "outcomes",
			 status_obj(w->status));
}

static void api_assembly_report(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct asm_report r;
	struct actor who;
	struct err e;
	json_t *o, *rows, *regions, *g, *p, *lv;
	const char *area = http_query(req, "area");
	int year;

	err_init(&e);
	if (api_auth(req, resp, &who) || year_of(req, resp, &year))
		return;
	if (!year)
		year = app_today(f->app).y;
	if (app_assembly_report(f->app, &who, area, year, &r, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	rows = json_array();
	for (size_t i = 0; i < r.n; i++)
		json_array_append_new(rows, report_row("area", &r.rows[i]));
	regions = json_array();
	for (size_t i = 0; i < r.nregions; i++)
		json_array_append_new(regions, report_row("region", &r.regions[i]));
	g = json_object();
	p = json_object();
	for (int i = 0; i < ASM_NGROUP; i++) {
		json_object_set_new(g, asm_target_groups[i].code, status_obj(r.group[i]));
		json_object_set_new(p, program_pillar_code((enum program_pillar)(i + 1)),
				    status_obj(r.pillar[i]));
	}
	lv = json_object();
	for (int i = 0; asm_levels[i].code; i++)
		json_object_set_new(lv, asm_levels[i].code, json_integer(r.events_level[i]));
	o = json_pack("{s:s, s:s, s:s, s:i, s:I, s:o, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o}",
		      "area", r.area, "name_th", r.name_th, "name_en", r.name_en, "year", r.year,
		      "assemblies", (json_int_t)r.events, "assemblies_by_level", lv, "registered",
		      (json_int_t)r.registered, "attended", (json_int_t)r.attended, "proposals",
		      (json_int_t)r.proposals, "outcomes", status_obj(r.status), "by_target_group",
		      g, "by_pillar", p, "children", rows, "regions", regions);
	http_send_json(resp, 200, o);
	asm_report_release(&r);
}

/* ---- proposals ---- */

static void api_proposals_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct proposal_list l = { NULL, 0, 0 };
	const char *as = http_query(req, "assembly");
	struct actor who;
	struct err e;
	json_t *items;
	int64_t cursor;
	int limit, year;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_paging(req, resp, 50, 500, &limit, &cursor) ||
	    year_of(req, resp, &year))
		return;
	if (app_proposal_list(f->app, &who, as ? strtoll(as, NULL, 10) : 0, http_query(req, "area"),
			      year, http_query(req, "status"), limit, cursor, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, proposal_obj(&l.items[i]));
	api_send_page(resp, items, l.n, limit, cursor);
	proposal_list_release(&l);
}

static void api_proposals_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct proposal_in in;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || !(b = http_json_body(req, resp)))
		return;
	memset(&in, 0, sizeof(in));
	in.assembly_id = api_int(b, "assembly_id");
	in.agenda_id = api_int(b, "agenda_id");
	in.group_name = api_str(b, "group_name");
	in.target_group = api_str(b, "target_group");
	in.pillar = api_str(b, "pillar");
	in.problem = api_str(b, "problem");
	in.recommendation = api_str(b, "recommendation");
	in.body = api_str(b, "body");
	in.endorsed_by = api_str(b, "endorsed_by");
	in.area = api_str(b, "area");
	in.proposed_on = api_str(b, "proposed_on");
	in.endorsements = api_int(b, "endorsements");
	if (app_proposal_add(f->app, &who, &in, &id, &e)) {
		api_fail(req, resp, &e);
	} else {
		http_set_header(req, resp, "Location",
				arena_printf(req->arena, "/api/v1/proposals/%lld", (long long)id));
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)id));
	}
	json_decref(b);
}

static void api_proposal_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct proposal_step_list steps = { NULL, 0, 0 };
	struct proposal p;
	struct actor who;
	struct err e;
	json_t *o, *arr;
	bool can;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_proposal_get(f->app, &who, id, &p, &steps, &can, &e)) {
		api_fail(req, resp, &e);
		proposal_step_list_release(&steps);
		return;
	}
	o = proposal_obj(&p);
	arr = json_array();
	for (size_t i = 0; i < steps.n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:o, s:s, s:s, s:s, s:s}", "status",
						     steps.items[i].status, "date",
						     api_date_json(steps.items[i].on), "evidence",
						     steps.items[i].evidence, "reference",
						     steps.items[i].reference, "by",
						     steps.items[i].actor, "at", steps.items[i].at));
	json_object_set_new(o, "steps", arr);
	json_object_set_new(o, "can_step", json_boolean(can));
	http_send_json(resp, 200, o);
	proposal_step_list_release(&steps);
}

static void api_proposal_step(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct proposal_step_in in;
	struct proposal p;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (!(b = begin_post(req, resp, &who, &id)))
		return;
	memset(&in, 0, sizeof(in));
	in.status = api_str(b, "status");
	in.date = api_str(b, "date");
	in.evidence = api_str(b, "evidence");
	in.reference = api_str(b, "reference");
	in.adopted_into = api_str(b, "adopted_into");
	in.amount = api_int(b, "amount");
	if (app_proposal_step(f->app, &who, id, &in, &e) ||
	    app_proposal_get(f->app, &who, id, &p, NULL, NULL, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 200, proposal_obj(&p));
	json_decref(b);
}

/* ---- withdrawn registrations ---- */

/* The event's withdrawn registrations the actor sees (only the one with
 * registration id only, when only > 0), or NULL with e set. */
static json_t *withdrawn_json(struct app *app, const struct actor *who, int64_t id,
			      int64_t only, struct err *e)
{
	struct asm_withdrawal_list l = { NULL, 0, 0 };
	json_t *arr;

	if (app_assembly_withdrawals(app, who, id, &l, e))
		return NULL;
	arr = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct asm_withdrawal *w = &l.items[i];
		if (only > 0 && w->reg.id != only)
			continue;
		json_array_append_new(
			arr, json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
				       (json_int_t)w->reg.id, "person_id",
				       w->reg.person_id ? json_integer(w->reg.person_id) : json_null(),
				       "name", w->reg.name, "organisation", w->reg.organisation,
				       "origin", w->reg.origin, "role", w->reg.role, "withdrawn_at",
				       w->withdrawn_at, "withdrawn_by", w->withdrawn_by, "reason",
				       w->reason));
	}
	asm_withdrawal_list_release(&l);
	return arr;
}

static void api_assembly_withdraw(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b, *arr;
	int64_t id, rid;

	err_init(&e);
	if (!(b = begin_post(req, resp, &who, &id)))
		return;
	rid = api_int(b, "registration_id");
	if (app_assembly_withdraw(f->app, &who, id, rid, api_str(b, "reason"), &e) ||
	    !(arr = withdrawn_json(f->app, &who, id, rid, &e))) {
		api_fail(req, resp, &e);
	} else {
		json_t *w = json_array_get(arr, 0);
		http_send_json(resp, 200, w ? json_incref(w) : json_pack("{s:I}", "id", (json_int_t)rid));
		json_decref(arr);
	}
	json_decref(b);
}

const struct http_route api_assembly_routes[] = {
	{ "GET", "/api/v1/assemblies", api_assemblies_list },
	{ "POST", "/api/v1/assemblies", api_assemblies_create },
	{ "GET", "/api/v1/assemblies/report", api_assembly_report },
	{ "GET", "/api/v1/assemblies/report.xlsx", api_assembly_report_xlsx },
	{ "GET", "/api/v1/assemblies/{id}", api_assembly_get },
	{ "POST", "/api/v1/assemblies/{id}/status", api_assembly_status },
	{ "POST", "/api/v1/assemblies/{id}/quotas", api_assembly_quota },
	{ "POST", "/api/v1/assemblies/{id}/registrations", api_assembly_register },
	{ "POST", "/api/v1/assemblies/{id}/attendance", api_assembly_attend },
	{ "POST", "/api/v1/assemblies/{id}/withdrawals", api_assembly_withdraw },
	{ "POST", "/api/v1/assemblies/{id}/agenda", api_assembly_agenda },
	{ "POST", "/api/v1/assemblies/{id}/commitments", api_assembly_commitment },
	{ "GET", "/api/v1/assemblies/{id}/signin.pdf", api_assembly_signin },
	{ "GET", "/api/v1/assemblies/{id}/summary.pdf", api_assembly_summary },
	{ "GET", "/api/v1/proposals", api_proposals_list },
	{ "POST", "/api/v1/proposals", api_proposals_create },
	{ "GET", "/api/v1/proposals/{id}", api_proposal_get },
	{ "POST", "/api/v1/proposals/{id}/steps", api_proposal_step },
};
const size_t api_assembly_nroutes = ARRAY_SIZE(api_assembly_routes);
