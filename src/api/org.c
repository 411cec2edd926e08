/*
 * API: civil-society organisations, volunteers (อพม.) and networks, and the
 * report of organisations and members by kind and area (JSON and .xlsx).
 * Dates travel as ISO text (B.E. day/month/year is accepted on input).
 * Each handler authenticates, decodes, calls one app/org use case and
 * encodes; the rules are app/org's.
 */
#include "api/api.h"
#include "app/org.h"

#define S0(x) ((x) ? (x) : "")
#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/*
 * The common start of a handler: authenticates into *who, reads the {id}
 * of the path when id is not NULL and the JSON body when body is not NULL.
 * False when the answer (an error) has been sent.
 */
static bool start(struct http_req *req, struct http_resp *resp, struct actor *who, int64_t *id,
		  json_t **body)
{
	if (api_auth(req, resp, who))
		return false;
	if (id && api_path_id(req, resp, id))
		return false;
	if (body) {
		*body = http_json_body(req, resp);
		if (!*body)
			return false;
	}
	return true;
}

/* Answers a write: 200 {"ok":true} or the problem. */
static void done(struct http_req *req, struct http_resp *resp, int r, const struct err *e)
{
	if (r)
		api_fail(req, resp, e);
	else
		http_send_json(resp, 200, json_pack("{s:b}", "ok", 1));
}

static json_t *network_obj(const struct network *n);

/* ---- organisations ---- */

static json_t *org_obj(const struct org *o)
{
	json_t *j = app_org_json(o);

	json_object_set_new(j, "province", json_string(o->province));
	json_object_set_new(j, "kind_name_th",
			    json_string(org_kind_name((enum org_kind)org_kind_parse(o->kind), true)));
	json_object_set_new(j, "members", json_integer(o->members));
	json_object_set_new(j, "may_apply_grant",
			    json_boolean(!org_may_apply_grant((enum org_kind)org_kind_parse(o->kind),
							      o->cert_no, NULL)));
	return j;
}

static void org_in_from(json_t *b, struct org_in *in)
{
	memset(in, 0, sizeof(*in));
	in->kind = api_str(b, "kind");
	in->name_th = api_str(b, "name_th");
	in->name_en = api_str(b, "name_en");
	in->area = api_str(b, "area");
	in->address = api_str(b, "address");
	in->phone = api_str(b, "phone");
	in->email = api_str(b, "email");
	in->cert_no = api_str(b, "cert_no");
	in->cert_date = api_str(b, "cert_date");
	in->founded_on = api_str(b, "founded_on");
	in->note = api_str(b, "note");
}

static void api_orgs_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct org_list l = { NULL, 0, 0 };
	struct org_query q;
	struct actor who;
	struct err e;
	json_t *items;
	int64_t cursor;
	int limit;

	err_init(&e);
	if (!start(req, resp, &who, NULL, NULL) || api_paging(req, resp, 50, 500, &limit, &cursor))
		return;
	memset(&q, 0, sizeof(q));
	q.area = http_query(req, "area");
	q.kind = http_query(req, "kind");
	q.name = http_query(req, "q");
	q.status = http_query(req, "status");
	q.limit = limit;
	q.offset = cursor;
	if (app_org_search(f->app, &who, &q, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, org_obj(&l.items[i]));
	api_send_page(resp, items, l.n, limit, cursor);
	org_list_release(&l);
}

static void api_orgs_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct org_in in;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (!start(req, resp, &who, NULL, &b))
		return;
	org_in_from(b, &in);
	if (app_org_add(f->app, &who, &in, &id, &e))
		api_fail(req, resp, &e);
	else
		api_created(req, resp, "orgs", id, NULL);
	json_decref(b);
}

static json_t *member_obj(const struct org_member *m)
{
	return json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)m->id,
			 "org_id", (json_int_t)m->org_id, "person_id", (json_int_t)m->person_id,
			 "role", m->role, "name", m->name, "area", m->area, "since",
			 api_date_json(m->since), "until", api_date_json(m->until));
}

static json_t *members_obj(struct app *app, const struct actor *who, int64_t id, bool all,
			   struct err *e, int *r)
{
	struct org_member_list l = { NULL, 0, 0 };
	json_t *a;
	int hidden = 0;

	*r = app_org_members(app, who, id, all, &l, &hidden, e);
	if (*r)
		return NULL;
	a = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(a, member_obj(&l.items[i]));
	org_member_list_release(&l);
	return json_pack("{s:o, s:i}", "items", a, "hidden", hidden);
}

static json_t *activity_obj(const struct org_activity *x)
{
	return json_pack("{s:I, s:s, s:o, s:s, s:I, s:s}", "id", (json_int_t)x->id, "title",
			 x->title, "held_on", api_date_json(x->held_on), "area", x->area,
			 "participants", (json_int_t)x->participants, "note", x->note);
}

static void api_org_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct org_contact_list cl = { NULL, 0, 0 };
	struct org_activity_list al = { NULL, 0, 0 };
	struct actor who;
	struct org o;
	struct err e;
	json_t *out, *m, *c, *acts;
	int64_t id;
	int r;

	err_init(&e);
	if (!start(req, resp, &who, &id, NULL))
		return;
	r = app_org_get(f->app, &who, id, &o, &e);
	if (!r)
		r = app_org_contacts(f->app, &who, id, &cl, &e);
	if (!r)
		r = app_org_activities(f->app, &who, id, 20, &al, &e);
	m = r ? NULL : members_obj(f->app, &who, id, false, &e, &r);
	if (r) {
		api_fail(req, resp, &e);
		goto out;
	}
	out = org_obj(&o);
	c = json_array();
	for (size_t i = 0; i < cl.n; i++)
		json_array_append_new(c, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id",
						   (json_int_t)cl.items[i].id, "name",
						   cl.items[i].name, "position", cl.items[i].position,
						   "phone", cl.items[i].phone, "email",
						   cl.items[i].email));
	acts = json_array();
	for (size_t i = 0; i < al.n; i++)
		json_array_append_new(acts, activity_obj(&al.items[i]));
	json_object_set_new(out, "contacts", c);
	json_object_set_new(out, "member_list", m);
	json_object_set_new(out, "activities", acts);
	{
		struct network_list nl = { NULL, 0, 0 };
		json_t *nets = json_array();

		if (!app_org_networks(f->app, &who, id, &nl, NULL))
			for (size_t i = 0; i < nl.n; i++)
				json_array_append_new(nets, network_obj(&nl.items[i]));
		network_list_release(&nl);
		json_object_set_new(out, "networks", nets);
	}
	http_send_json(resp, 200, out);
out:
	org_contact_list_release(&cl);
	org_activity_list_release(&al);
}

static void api_org_update(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct org_in in;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (!start(req, resp, &who, &id, &b))
		return;
	org_in_from(b, &in);
	done(req, resp, app_org_update(f->app, &who, id, &in, &e), &e);
	json_decref(b);
}

static void api_org_dissolve(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (!start(req, resp, &who, &id, &b))
		return;
	done(req, resp,
	     app_org_dissolve(f->app, &who, id, api_str(b, "date"), api_str(b, "reason"), &e), &e);
	json_decref(b);
}

static void api_org_members(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	const char *all = http_query(req, "all");
	struct actor who;
	struct err e;
	json_t *m;
	int64_t id;
	int r;

	err_init(&e);
	if (!start(req, resp, &who, &id, NULL))
		return;
	m = members_obj(f->app, &who, id, all && !strcmp(all, "1"), &e, &r);
	if (r)
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 200, m);
}

static void api_org_members_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, mid;

	err_init(&e);
	if (!start(req, resp, &who, &id, &b))
		return;
	if (app_org_member_add(f->app, &who, id, api_int(b, "person_id"), api_str(b, "role"),
			       api_str(b, "since"), &mid, &e))
		api_fail(req, resp, &e);
	else
		api_created(req, resp, "org-members", mid, NULL);
	json_decref(b);
}

static void api_org_member_end(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (!start(req, resp, &who, &id, &b))
		return;
	done(req, resp, app_org_member_end(f->app, &who, id, api_str(b, "until"), &e), &e);
	json_decref(b);
}

static void api_org_contacts_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct org_contact c;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, cid;

	err_init(&e);
	if (!start(req, resp, &who, &id, &b))
		return;
	memset(&c, 0, sizeof(c));
	/* Longer text than the record holds is refused, not cut. */
	if (strlen(S0(api_str(b, "name"))) >= sizeof(c.name) ||
	    strlen(S0(api_str(b, "position"))) >= sizeof(c.position) ||
	    strlen(S0(api_str(b, "phone"))) >= sizeof(c.phone) ||
	    strlen(S0(api_str(b, "email"))) >= sizeof(c.email)) {
		err_set(&e, ERR_INVALID, "name", "ข้อความยาวเกินไป%s", "text too long%s", "");
		api_fail(req, resp, &e);
		json_decref(b);
		return;
	}
	snprintf(c.name, sizeof(c.name), "%s", S0(api_str(b, "name")));
	snprintf(c.position, sizeof(c.position), "%s", S0(api_str(b, "position")));
	snprintf(c.phone, sizeof(c.phone), "%s", S0(api_str(b, "phone")));
	snprintf(c.email, sizeof(c.email), "%s", S0(api_str(b, "email")));
	if (app_org_contact_add(f->app, &who, id, &c, &cid, &e))
		api_fail(req, resp, &e);
	else
		api_created(req, resp, "org-contacts", cid, NULL);
	json_decref(b);
}

static void api_org_contact_remove(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	int64_t id;

	err_init(&e);
	if (!start(req, resp, &who, &id, NULL))
		return;
	done(req, resp, app_org_contact_remove(f->app, &who, id, &e), &e);
}

static void api_org_activities(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct org_activity_list l = { NULL, 0, 0 };
	struct actor who;
	struct err e;
	json_t *items;
	int64_t id, cursor;
	int limit;

	err_init(&e);
	if (!start(req, resp, &who, &id, NULL) || api_paging(req, resp, 100, 500, &limit, &cursor))
		return;
	if (app_org_activities(f->app, &who, id, limit, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, activity_obj(&l.items[i]));
	http_send_json(resp, 200, json_pack("{s:o}", "items", items));
	org_activity_list_release(&l);
}

static void api_org_activities_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct org_activity_in in;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, aid;

	err_init(&e);
	if (!start(req, resp, &who, &id, &b))
		return;
	memset(&in, 0, sizeof(in));
	in.title = api_str(b, "title");
	in.held_on = api_str(b, "held_on");
	in.area = api_str(b, "area");
	in.participants = api_int(b, "participants");
	in.note = api_str(b, "note");
	if (app_org_activity_add(f->app, &who, id, &in, &aid, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)aid));
	json_decref(b);
}

/* ---- the report ---- */

static json_t *rollup_row_obj(const struct org_rollup_row *w)
{
	json_t *orgs = json_object(), *mem = json_object();

	for (int k = ORG_YOUTH_COUNCIL; k < ORG_KIND_COUNT; k++) {
		json_object_set_new(orgs, org_kind_code((enum org_kind)k), json_integer(w->orgs[k]));
		json_object_set_new(mem, org_kind_code((enum org_kind)k), json_integer(w->members[k]));
	}
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:I, s:I, s:I, s:I}", "area", w->area,
			 "name_th", w->name_th, "name_en", w->name_en, "orgs", orgs, "members",
			 mem, "orgs_total", (json_int_t)w->orgs_total, "members_total",
			 (json_int_t)w->members_total, "people", (json_int_t)w->people,
			 "volunteers", (json_int_t)w->volunteers);
}

static bool by_region(struct http_req *req)
{
	const char *by = http_query(req, "by");

	return by && !strcmp(by, "region");
}

/* ?area=, or the caller's scope. */
static const char *report_area(struct http_req *req, const struct actor *who)
{
	const char *a = http_query(req, "area");

	return a && *a ? a : who->area;
}

static void api_org_report(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct org_rollup r;
	struct actor who;
	struct err e;
	json_t *rows;

	err_init(&e);
	if (!start(req, resp, &who, NULL, NULL))
		return;
	if (app_org_report(f->app, &who, report_area(req, &who), by_region(req), &r, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	rows = json_array();
	for (size_t i = 0; i < r.n; i++)
		json_array_append_new(rows, rollup_row_obj(&r.rows[i]));
	http_send_json(resp, 200,
		       json_pack("{s:o, s:o}", "rows", rows, "total", rollup_row_obj(&r.total)));
	org_rollup_release(&r);
}

int face_org_report_xlsx(struct http_req *req, struct http_resp *resp, const struct actor *who,
			 struct err *e)
{
	struct face *f = req->app;
	const char *lang = http_query(req, "lang"), *area = report_area(req, who);
	int r;

	r = app_org_report_xlsx(f->app, who, area, by_region(req),
				lang && !strcmp(lang, "en") ? "en" : "th", &resp->body, e);
	if (r)
		return r;
	resp->status = 200;
	resp->content_type = XLSX_TYPE;
	/* The area goes into the file name only when it is a plain code. */
	http_set_header(req, resp, "Content-Disposition",
			arena_printf(req->arena, "attachment; filename=\"orgs-%s.xlsx\"",
				     area && strspn(area, "0123456789") == strlen(area) && *area
					     ? area
					     : "TH"));
	http_set_header(req, resp, "Cache-Control", "no-store");
	return 0;
}

static void api_org_report_xlsx(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	struct err e;

	err_init(&e);
	if (!start(req, resp, &who, NULL, NULL))
		return;
	if (face_org_report_xlsx(req, resp, &who, &e))
		api_fail(req, resp, &e);
}

/* ---- volunteers ---- */

static json_t *volunteer_obj(const struct volunteer *v)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:I, s:s}", "id",
			 (json_int_t)v->id, "person_id", (json_int_t)v->person_id, "name", v->name,
			 "username", v->username, "area", v->area, "status", v->status,
			 "registered_on", api_date_json(v->registered_on), "note", v->note,
			 "assignments", (json_int_t)v->assignments, "person_area", v->person_area);
}

static void api_volunteers_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct volunteer_list l = { NULL, 0, 0 };
	struct actor who;
	struct err e;
	json_t *items;
	int64_t cursor;
	int limit;

	err_init(&e);
	if (!start(req, resp, &who, NULL, NULL) || api_paging(req, resp, 50, 500, &limit, &cursor))
		return;
	if (app_volunteer_list(f->app, &who, http_query(req, "area"), http_query(req, "status"),
			       limit, cursor, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, volunteer_obj(&l.items[i]));
	api_send_page(resp, items, l.n, limit, cursor);
	volunteer_list_release(&l);
}

static void api_volunteers_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct volunteer_in in;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (!start(req, resp, &who, NULL, &b))
		return;
	memset(&in, 0, sizeof(in));
	in.person_id = api_int(b, "person_id");
	in.username = api_str(b, "username");
	in.area = api_str(b, "area");
	in.registered_on = api_str(b, "registered_on");
	in.note = api_str(b, "note");
	if (app_volunteer_add(f->app, &who, &in, &id, &e))
		api_fail(req, resp, &e);
	else
		api_created(req, resp, "volunteers", id, NULL);
	json_decref(b);
}

static void api_volunteer_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct assignment_list asg = { NULL, 0, 0 };
	struct volunteer v;
	struct actor who;
	struct err e;
	json_t *o, *a;
	int64_t id;

	err_init(&e);
	if (!start(req, resp, &who, &id, NULL))
		return;
	if (app_volunteer_get(f->app, &who, id, &v, &asg, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	o = volunteer_obj(&v);
	a = json_array();
	for (size_t i = 0; i < asg.n; i++) {
		const struct volunteer_assignment *x = &asg.items[i];
		json_t *j = json_pack("{s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)x->id, "area",
				      x->area, "label", x->label, "since", api_date_json(x->since),
				      "until", api_date_json(x->until));

		json_object_set_new(j, "household_id",
				    x->household_id ? json_integer(x->household_id) : json_null());
		json_array_append_new(a, j);
	}
	json_object_set_new(o, "assignment_list", a);
	http_send_json(resp, 200, o);
	assignment_list_release(&asg);
}

static void api_volunteer_status(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (!start(req, resp, &who, &id, &b))
		return;
	done(req, resp, app_volunteer_set_status(f->app, &who, id, api_str(b, "status"), &e), &e);
	json_decref(b);
}

static void api_volunteer_assign(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, aid;

	err_init(&e);
	if (!start(req, resp, &who, &id, &b))
		return;
	if (app_volunteer_assign(f->app, &who, id, api_str(b, "area"), api_int(b, "household_id"),
				 api_str(b, "since"), &aid, &e))
		api_fail(req, resp, &e);
	else
		api_created(req, resp, "volunteer-assignments", aid, NULL);
	json_decref(b);
}

static void api_assignment_end(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (!start(req, resp, &who, &id, &b))
		return;
	done(req, resp, app_volunteer_unassign(f->app, &who, id, api_str(b, "until"), &e), &e);
	json_decref(b);
}

/* ---- networks ---- */

static json_t *network_obj(const struct network *n)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:s}", "id", (json_int_t)n->id, "level",
			      n->level, "area", n->area, "name", n->name, "founded_on",
			      api_date_json(n->founded_on), "note", n->note);

	json_object_set_new(o, "parent_id", n->parent_id ? json_integer(n->parent_id) : json_null());
	return o;
}

static void api_networks_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct network_list l = { NULL, 0, 0 };
	struct actor who;
	struct err e;
	json_t *items;

	err_init(&e);
	if (!start(req, resp, &who, NULL, NULL))
		return;
	if (app_network_list(f->app, &who, http_query(req, "area"), &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, network_obj(&l.items[i]));
	http_send_json(resp, 200, json_pack("{s:o}", "items", items));
	network_list_release(&l);
}

static void api_networks_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct network_in in;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;

	err_init(&e);
	if (!start(req, resp, &who, NULL, &b))
		return;
	memset(&in, 0, sizeof(in));
	in.level = api_str(b, "level");
	in.area = api_str(b, "area");
	in.name = api_str(b, "name");
	in.parent_id = api_int(b, "parent_id");
	in.founded_on = api_str(b, "founded_on");
	in.note = api_str(b, "note");
	if (app_network_add(f->app, &who, &in, &id, &e))
		api_fail(req, resp, &e);
	else
		api_created(req, resp, "networks", id, NULL);
	json_decref(b);
}

static json_t *net_members_obj(const struct network_member_list *l, bool person)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++) {
		const struct network_member *m = &l->items[i];

		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:o}",
						   person ? "person_id" : "org_id",
						   (json_int_t)m->ref_id, "name", m->name, "area",
						   m->area, person ? "role" : "kind",
						   person ? m->role : m->kind, "joined_on",
						   api_date_json(m->joined_on)));
	}
	return a;
}

static void api_network_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct network_member_list orgs = { NULL, 0, 0 }, people = { NULL, 0, 0 };
	struct network_list kids = { NULL, 0, 0 };
	struct network_reach rc;
	struct network n;
	struct actor who;
	struct err e;
	json_t *o, *k;
	int64_t id;
	int hidden = 0, r;

	err_init(&e);
	if (!start(req, resp, &who, &id, NULL))
		return;
	r = app_network_get(f->app, &who, id, &n, &e);
	if (!r)
		r = app_network_reach(f->app, &who, id, &rc, &e);
	if (!r)
		r = app_network_children(f->app, &who, id, &kids, &e);
	if (!r)
		r = app_network_members(f->app, &who, id, false, &orgs, NULL, &e);
	if (!r)
		r = app_network_members(f->app, &who, id, true, &people, &hidden, &e);
	if (r) {
		api_fail(req, resp, &e);
		goto out;
	}
	o = network_obj(&n);
	json_object_set_new(o, "reach",
			    json_pack("{s:I, s:I, s:I, s:I, s:I}", "networks", (json_int_t)rc.networks,
				      "orgs", (json_int_t)rc.orgs, "people", (json_int_t)rc.people,
				      "districts", (json_int_t)rc.districts, "provinces",
				      (json_int_t)rc.provinces));
	k = json_array();
	for (size_t i = 0; i < kids.n; i++)
		json_array_append_new(k, network_obj(&kids.items[i]));
	json_object_set_new(o, "children", k);
	json_object_set_new(o, "orgs", net_members_obj(&orgs, false));
	json_object_set_new(o, "people", net_members_obj(&people, true));
	json_object_set_new(o, "people_hidden", json_integer(hidden));
	http_send_json(resp, 200, o);
out:
	network_member_list_release(&orgs);
	network_member_list_release(&people);
	network_list_release(&kids);
}

static void api_network_orgs_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, mid;

	err_init(&e);
	if (!start(req, resp, &who, &id, &b))
		return;
	if (app_network_join_org(f->app, &who, id, api_int(b, "org_id"), api_str(b, "joined_on"), &mid,
				 &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)mid));
	json_decref(b);
}

static void api_network_people_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id, mid;

	err_init(&e);
	if (!start(req, resp, &who, &id, &b))
		return;
	if (app_network_join_person(f->app, &who, id, api_int(b, "person_id"), api_str(b, "role"),
				    api_str(b, "joined_on"), &mid, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)mid));
	json_decref(b);
}

static void api_network_leave(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *b;
	int64_t id;
	bool person;

	err_init(&e);
	if (!start(req, resp, &who, &id, &b))
		return;
	person = api_int(b, "person_id") > 0;
	done(req, resp,
	     app_network_leave(f->app, &who, id, person,
			       person ? api_int(b, "person_id") : api_int(b, "org_id"), api_str(b, "date"),
			       &e),
	     &e);
	json_decref(b);
}

const struct http_route api_org_routes[] = {
	{ "GET", "/api/v1/orgs", api_orgs_list },
	{ "POST", "/api/v1/orgs", api_orgs_create },
	{ "GET", "/api/v1/orgs/report", api_org_report },
	{ "GET", "/api/v1/orgs/report.xlsx", api_org_report_xlsx },
	{ "GET", "/api/v1/orgs/{id}", api_org_get },
	{ "PUT", "/api/v1/orgs/{id}", api_org_update },
	{ "POST", "/api/v1/orgs/{id}/dissolve", api_org_dissolve },
	{ "GET", "/api/v1/orgs/{id}/members", api_org_members },
	{ "POST", "/api/v1/orgs/{id}/members", api_org_members_add },
	{ "POST", "/api/v1/org-members/{id}/end", api_org_member_end },
	{ "POST", "/api/v1/orgs/{id}/contacts", api_org_contacts_add },
	{ "POST", "/api/v1/org-contacts/{id}/remove", api_org_contact_remove },
	{ "GET", "/api/v1/orgs/{id}/activities", api_org_activities },
	{ "POST", "/api/v1/orgs/{id}/activities", api_org_activities_add },
	{ "GET", "/api/v1/volunteers", api_volunteers_list },
	{ "POST", "/api/v1/volunteers", api_volunteers_create },
	{ "GET", "/api/v1/volunteers/{id}", api_volunteer_get },
	{ "POST", "/api/v1/volunteers/{id}/status", api_volunteer_status },
	{ "POST", "/api/v1/volunteers/{id}/assignments", api_volunteer_assign },
	{ "POST", "/api/v1/volunteer-assignments/{id}/end", api_assignment_end },
	{ "GET", "/api/v1/networks", api_networks_list },
	{ "POST", "/api/v1/networks", api_networks_create },
	{ "GET", "/api/v1/networks/{id}", api_network_get },
	{ "POST", "/api/v1/networks/{id}/orgs", api_network_orgs_add },
	{ "POST", "/api/v1/networks/{id}/people", api_network_people_add },
	{ "POST", "/api/v1/networks/{id}/leave", api_network_leave },
};
const size_t api_org_nroutes = ARRAY_SIZE(api_org_routes);
