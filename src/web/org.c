/*
 * Pages of the civil-society network (app/org): organisations of an area
 * searched by kind and name, with the form for a new one; an organisation's
 * page with its members, contacts and activities and the forms that change
 * them; volunteers (อพม.) with the villages and households they look after;
 * networks and a network's page with how far it reaches; and the report of
 * organisations and members by kind and area (tables, SVG charts, .xlsx).
 *
 * The use cases decide who may see and change what; a page shows forms
 * only to those who may use them (the use case checks again). A POST that
 * succeeds redirects with ?done= (a fixed set of notices); one that fails
 * shows the page again with the message next to its field and what was
 * typed (web_fund_form_error); 403 and 404 get the error page. Dates are
 * shown in B.E. in Thai and typed as B.E. d/m/yyyy or ISO.
 */
#include "web/fund.h"
#include "app/org.h"
#include "app/person.h"
#include "core/date.h"
#include "core/geo.h"
#include "web/svg.h"

#define ORG_PAGE 50
#define VOL_PAGE 100

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

static const char *date_text(struct http_req *req, struct date d)
{
	return web_date_text(req, d, DATE_MEDIUM);
}

struct label {
	const char *code, *en;
};

static const struct label member_roles[] = {
	{ "chair", "Chair" },	       { "vice_chair", "Vice-chair" }, { "secretary", "Secretary" },
	{ "treasurer", "Treasurer" },  { "committee", "Committee member" },
	{ "advisor", "Advisor" },      { "member", "Member" },
};
static const struct label net_roles[] = {
	{ "coordinator", "Coordinator" }, { "committee", "Committee member" }, { "member", "Member" },
};
static const struct label net_levels[] = {
	{ "tambon", "Subdistrict" }, { "district", "District" }, { "province", "Province" },
	{ "cluster", "Provincial cluster" }, { "national", "National" },
};
static const struct label vol_statuses[] = {
	{ "active", "On duty" }, { "inactive", "Inactive" }, { "ended", "Service ended" },
};
static const struct label notices[] = {
	{ "created", "The organisation has been registered." },
	{ "saved", "The changes have been saved." },
	{ "member", "The member has been added." },
	{ "member_end", "The membership has been ended." },
	{ "contact", "The contact has been added." },
	{ "contact_removed", "The contact has been removed." },
	{ "activity", "The activity has been recorded." },
	{ "dissolved", "The organisation has been marked dissolved." },
	{ "volunteer", "The volunteer has been registered." },
	{ "assigned", "The assignment has been recorded." },
	{ "unassigned", "The assignment has been ended." },
	{ "status", "The volunteer's status has been changed." },
	{ "network", "The network has been created." },
	{ "joined", "The member has joined the network." },
	{ "left", "The member has left the network." },
};

static const char *label_of(struct http_req *req, const struct label *l, size_t n,
			    const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(l[i].code, code))
			return web_tr(req, l[i].en);
	return S(code);
}

static json_t *options(struct http_req *req, const struct label *l, size_t n,
		       const char *selected)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "code", l[i].code, "name",
						   web_tr(req, l[i].en), "selected",
						   selected && !strcmp(selected, l[i].code)));
	return a;
}

static const char *kind_name(struct http_req *req, const char *code)
{
	int k = org_kind_parse(code);

	return k < 0 ? S(code) : org_kind_name((enum org_kind)k, !web_en(req));
}

static json_t *kind_options(struct http_req *req, const char *selected)
{
	json_t *a = json_array();

	for (int k = ORG_YOUTH_COUNCIL; k < ORG_KIND_COUNT; k++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "code",
						   org_kind_code((enum org_kind)k), "name",
						   org_kind_name((enum org_kind)k, !web_en(req)),
						   "selected",
						   selected &&
							   !strcmp(selected,
								   org_kind_code((enum org_kind)k))));
	return a;
}

/* The context every page of this file starts from: the section tabs and
 * the notice of ?done=. */
static json_t *base_ctx(struct http_req *req, const char *section, const char *title)
{
	static const struct label tabs[] = {
		{ "orgs", "Organisations" },
		{ "report", "Report" },
		{ "volunteers", "Volunteers" },
		{ "networks", "Networks" },
	};
	static const char *const paths[] = { "/orgs", "/orgs/report", "/volunteers", "/networks" };
	const char *done = http_query(req, "done");
	json_t *ctx = json_object(), *t = json_array();

	for (size_t i = 0; i < ARRAY_SIZE(tabs); i++)
		json_array_append_new(t, json_pack("{s:s, s:s, s:b}", "href", paths[i], "label",
						   web_tr(req, tabs[i].en), "current",
						   !strcmp(section, tabs[i].code)));
	json_object_set_new(ctx, "org_tabs", t);
	put_b(ctx, "nav_orgs", true);
	put_s(ctx, "title", title);
	for (size_t i = 0; done && i < ARRAY_SIZE(notices); i++)
		if (!strcmp(done, notices[i].code))
			put_s(ctx, "notice", web_tr(req, notices[i].en));
	return ctx;
}

static void fail_page(struct http_req *req, struct http_resp *resp, const struct actor *who,
		      const char *token, const struct err *e)
{
	web_error(req, resp, e, who, token);
}

static void not_found(struct http_req *req, struct http_resp *resp, const struct actor *who,
		      const char *token)
{
	web_fund_not_found(req, resp, who, token);
}

/* ---- the list of organisations ---- */

static const char *org_fields[] = { "kind",  "name_th",   "name_en",    "area",
				    "phone", "email",	  "address",	"cert_no",
				    "cert_date", "founded_on", "note" };

static void org_in_of_form(struct http_req *req, struct org_in *in)
{
	memset(in, 0, sizeof(*in));
	in->kind = S(http_form(req, "kind"));
	in->name_th = S(http_form(req, "name_th"));
	in->name_en = S(http_form(req, "name_en"));
	in->area = S(http_form(req, "area"));
	in->address = S(http_form(req, "address"));
	in->phone = S(http_form(req, "phone"));
	in->email = S(http_form(req, "email"));
	in->cert_no = S(http_form(req, "cert_no"));
	in->cert_date = S(http_form(req, "cert_date"));
	in->founded_on = S(http_form(req, "founded_on"));
	in->note = S(http_form(req, "note"));
}

static void render_orgs(struct http_req *req, struct http_resp *resp, const struct actor *who,
			const char *token, const struct err *fe)
{
	struct face *fa = req->app;
	struct org_list l = { NULL, 0, 0 };
	struct org_query q;
	const char *area = http_query(req, "area"), *kind = S(http_query(req, "kind"));
	const char *name = S(http_query(req, "q"));
	int64_t offset = web_parse_id(http_query(req, "offset"));
	struct err e;
	json_t *ctx, *rows;

	err_init(&e);
	if (!area || !*area)
		area = who->area;
	memset(&q, 0, sizeof(q));
	q.area = area;
	q.kind = kind;
	q.name = name;
	q.limit = ORG_PAGE + 1;
	q.offset = offset;
	if (app_org_search(fa->app, who, &q, &l, &e)) {
		if (web_fund_fatal(&e)) {
			fail_page(req, resp, who, token, &e);
			return;
		}
		resp->status = 400;
	}
	ctx = base_ctx(req, "orgs", web_tr(req, "Organisations"));
	put_s(ctx, "area", area);
	put_s(ctx, "area_name", web_area_label(req, who, area));
	put_s(ctx, "q", name);
	json_object_set_new(ctx, "kinds", kind_options(req, kind));
	if (e.code)
		put_s(ctx, "search_error", web_en(req) ? e.en : e.th);
	rows = json_array();
	for (size_t i = 0; i < l.n && i < ORG_PAGE; i++) {
		const struct org *o = &l.items[i];

		json_array_append_new(
			rows, json_pack("{s:s, s:s, s:s, s:s, s:I, s:b}", "href",
					href(req, "/orgs/%lld", o->id), "name", o->name_th, "kind",
					kind_name(req, o->kind), "area_name",
					web_area_label(req, who, o->area), "members",
					(json_int_t)o->members, "dissolved",
					strcmp(o->status, "active") != 0));
	}
	json_object_set_new(ctx, "orgs", rows);
	put_b(ctx, "has_orgs", l.n > 0);
	if (l.n > ORG_PAGE)
		put_s(ctx, "next_href",
		      arena_printf(req->arena, "/orgs?area=%s&kind=%s&offset=%lld", area, kind,
				   (long long)(offset + ORG_PAGE)));
	if (offset > 0)
		put_s(ctx, "prev_href",
		      arena_printf(req->arena, "/orgs?area=%s&kind=%s&offset=%lld", area, kind,
				   (long long)(offset > ORG_PAGE ? offset - ORG_PAGE : 0)));
	org_list_release(&l);
	if (role_can(who->role, PERM_WRITE) && who->role != ROLE_VOLUNTEER) {
		put_b(ctx, "can_add", true);
		json_object_set_new(ctx, "new_kinds",
				    kind_options(req, fe ? http_form(req, "kind")
						       : (who->role == ROLE_FUND_COMMITTEE
								  ? "community_welfare"
								  : NULL)));
	}
	if (!fe)
		json_object_set_new(ctx, "v",
				    json_pack("{s:{s:s}}", "org", "area",
					      geo_level(who->area) >= GEO_DISTRICT ? who->area : ""));
	else
		web_fund_form_error(req, resp, ctx, "org", org_fields, ARRAY_SIZE(org_fields), fe);
	web_page(req, resp, "org_list", ctx, who, token);
}

static void web_orgs(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_orgs(req, resp, &who, token, NULL);
}

static void web_org_create(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	struct org_in in;
	struct actor who;
	const char *token;
	int64_t id = 0;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	org_in_of_form(req, &in);
	if (app_org_add(fa->app, &who, &in, &id, &e)) {
		if (web_fund_fatal(&e) && e.code != ERR_FORBIDDEN && e.code != ERR_NOT_FOUND)
			fail_page(req, resp, &who, token, &e);
		else
			render_orgs(req, resp, &who, token, &e);
		return;
	}
	http_redirect(req, resp, href(req, "/orgs/%lld?done=created", id));
}

static json_t *network_row(struct http_req *req, const struct actor *who,
			   const struct network *n);

/* ---- an organisation's page ---- */

static const char *member_fields[] = { "person_id", "role", "since" };
static const char *contact_fields[] = { "name", "position", "phone", "email" };
static const char *activity_fields[] = { "title", "held_on", "area", "participants", "note" };
static const char *dissolve_fields[] = { "date", "reason" };

static void render_org(struct http_req *req, struct http_resp *resp, const struct actor *who,
		       const char *token, int64_t id, const char *form, const char *const *fields,
		       size_t nf, const struct err *fe)
{
	struct face *fa = req->app;
	struct org_member_list ml = { NULL, 0, 0 };
	struct org_contact_list cl = { NULL, 0, 0 };
	struct org_activity_list al = { NULL, 0, 0 };
	struct org o;
	struct err e;
	json_t *ctx, *a, *org;
	int hidden = 0, r;
	bool can;

	err_init(&e);
	r = app_org_get(fa->app, who, id, &o, &e);
	if (!r)
		r = app_org_members(fa->app, who, id, false, &ml, &hidden, &e);
	if (!r)
		r = app_org_contacts(fa->app, who, id, &cl, &e);
	if (!r)
		r = app_org_activities(fa->app, who, id, 50, &al, &e);
	if (r) {
		fail_page(req, resp, who, token, &e);
		goto out;
	}
	can = app_org_may_write(who, &o);
	ctx = base_ctx(req, "orgs", o.name_th);
	org = json_object();
	put_s(org, "href", href(req, "/orgs/%lld", id));
	put_s(org, "name", o.name_th);
	put_s(org, "name_en", o.name_en);
	put_s(org, "kind", kind_name(req, o.kind));
	put_s(org, "area", o.area);
	put_s(org, "area_name", web_area_label(req, who, o.area));
	put_s(org, "list_href", arena_printf(req->arena, "/orgs?area=%s", o.area));
	put_s(org, "address", o.address);
	put_s(org, "phone", o.phone);
	put_s(org, "email", o.email);
	put_s(org, "cert_no", o.cert_no);
	put_s(org, "cert_date", date_text(req, o.cert_date));
	put_s(org, "founded", date_text(req, o.founded_on));
	put_s(org, "note", o.note);
	put_b(org, "dissolved", strcmp(o.status, "active") != 0);
	put_i(org, "members", o.members);
	put_b(org, "may_apply",
	      !org_may_apply_grant((enum org_kind)org_kind_parse(o.kind), o.cert_no, NULL));
	json_object_set_new(ctx, "org", org);
	put_b(ctx, "can_write", can);
	put_s(ctx, "today_be", web_form_date(req, app_today(fa->app)));
	a = json_array();
	for (size_t i = 0; i < ml.n; i++) {
		const struct org_member *m = &ml.items[i];

		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id",
						   (json_int_t)m->id, "name", m->name, "href",
						   href(req, "/persons/%lld", m->person_id), "role",
						   label_of(req, member_roles,
							    ARRAY_SIZE(member_roles), m->role),
						   "since", date_text(req, m->since), "area_name",
						   web_area_label(req, who, m->area)));
	}
	json_object_set_new(ctx, "members", a);
	put_b(ctx, "has_members", ml.n > 0);
	put_i(ctx, "hidden", hidden);
	a = json_array();
	for (size_t i = 0; i < cl.n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id",
						   (json_int_t)cl.items[i].id, "name",
						   cl.items[i].name, "position", cl.items[i].position,
						   "phone", cl.items[i].phone, "email",
						   cl.items[i].email));
	json_object_set_new(ctx, "contacts", a);
	a = json_array();
	for (size_t i = 0; i < al.n; i++) {
		const struct org_activity *x = &al.items[i];

		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:I, s:s}", "title", x->title,
						   "held_on", date_text(req, x->held_on), "area_name",
						   web_area_label(req, who, x->area), "participants",
						   (json_int_t)x->participants, "note", x->note));
	}
	json_object_set_new(ctx, "activities", a);
	put_b(ctx, "has_activities", al.n > 0);
	{
		struct network_list nl = { NULL, 0, 0 };

		a = json_array();
		if (!app_org_networks(fa->app, who, id, &nl, NULL))
			for (size_t i = 0; i < nl.n; i++)
				json_array_append_new(a, network_row(req, who, &nl.items[i]));
		network_list_release(&nl);
		json_object_set_new(ctx, "networks", a);
	}
	json_object_set_new(ctx, "roles",
			    options(req, member_roles, ARRAY_SIZE(member_roles),
				    fe && !strcmp(form, "member") ? http_form(req, "role") : "member"));
	json_object_set_new(ctx, "kinds",
			    kind_options(req, fe && !strcmp(form, "details") ? http_form(req, "kind")
									  : o.kind));
	if (!fe || strcmp(form, "details"))
		json_object_set_new(
			ctx, "v",
			json_pack("{s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}}", "details",
				  "name_th", o.name_th, "name_en", o.name_en, "phone", o.phone, "email",
				  o.email, "address", o.address, "cert_no", o.cert_no, "cert_date",
				  web_form_date(req, o.cert_date), "founded_on",
				  web_form_date(req, o.founded_on), "note", o.note));
	if (fe)
		web_fund_form_error(req, resp, ctx, form, fields, nf, fe);
	web_page(req, resp, "org", ctx, who, token);
out:
	org_member_list_release(&ml);
	org_contact_list_release(&cl);
	org_activity_list_release(&al);
}

static void web_org(struct http_req *req, struct http_resp *resp)
{
	int64_t id = web_parse_id(req->params[0]);
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!id) {
		not_found(req, resp, &who, token);
		return;
	}
	render_org(req, resp, &who, token, id, NULL, NULL, 0, NULL);
}

/* After a form of the organisation's page: redirect, the error page, or the
 * page again with the form's error. */
static void after_org_form(struct http_req *req, struct http_resp *resp, const struct actor *who,
			   const char *token, int64_t id, int rc, const struct err *e,
			   const char *form, const char *const *fields, size_t n, const char *done)
{
	if (!rc)
		http_redirect(req, resp,
			      arena_printf(req->arena, "/orgs/%lld?done=%s#%s", (long long)id, done,
					   form));
	else if (e->code == ERR_NOT_FOUND && !strcmp(e->field, "id"))
		web_error(req, resp, e, who, token);
	else if (web_fund_fatal(e) && e->code != ERR_FORBIDDEN)
		web_error(req, resp, e, who, token);
	else
		render_org(req, resp, who, token, id, form, fields, n, e);
}

/* The handlers of the organisation's forms share their start. */
static bool org_post(struct http_req *req, struct http_resp *resp, struct actor *who,
		     const char **token, int64_t *id)
{
	if (!web_begin(req, resp, who, token, true))
		return false;
	*id = web_parse_id(req->params[0]);
	if (!*id) {
		not_found(req, resp, who, *token);
		return false;
	}
	return true;
}

static void web_org_update(struct http_req *req, struct http_resp *resp)
{
	static const char *fields[] = { "kind",	   "name_th",	 "name_en",    "phone",
					"email",   "address",	 "cert_no",    "cert_date",
					"founded_on", "note" };
	struct face *fa = req->app;
	struct org_in in;
	struct actor who;
	const char *token;
	struct err e;
	int64_t id;

	err_init(&e);
	if (!org_post(req, resp, &who, &token, &id))
		return;
	org_in_of_form(req, &in);
	after_org_form(req, resp, &who, token, id, app_org_update(fa->app, &who, id, &in, &e), &e,
		       "details", fields, ARRAY_SIZE(fields), "saved");
}

static void web_org_dissolve(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	struct actor who;
	const char *token;
	struct err e;
	int64_t id;

	err_init(&e);
	if (!org_post(req, resp, &who, &token, &id))
		return;
	after_org_form(req, resp, &who, token, id,
		       app_org_dissolve(fa->app, &who, id, S(http_form(req, "date")),
					S(http_form(req, "reason")), &e),
		       &e, "dissolve", dissolve_fields, ARRAY_SIZE(dissolve_fields), "dissolved");
}

static void web_org_member_add(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	struct actor who;
	const char *token;
	struct err e;
	int64_t id, mid, person;
	int rc;

	err_init(&e);
	if (!org_post(req, resp, &who, &token, &id))
		return;
	person = web_parse_id(http_form(req, "person_id"));
	if (!person)
		rc = err_set(&e, ERR_INVALID, "person_id",
			     "ใส่เลขที่บุคคลในทะเบียน (ตัวเลข)%s",
			     "give the person's number in the register (digits)%s", "");
	else
		rc = app_org_member_add(fa->app, &who, id, person, S(http_form(req, "role")),
					S(http_form(req, "since")), &mid, &e);
	after_org_form(req, resp, &who, token, id, rc, &e, "member", member_fields,
		       ARRAY_SIZE(member_fields), "member");
}

static void web_org_member_end(struct http_req *req, struct http_resp *resp)
{
	static const char *fields[] = { "until" };
	struct face *fa = req->app;
	struct actor who;
	const char *token;
	struct err e;
	int64_t id;
	int rc;

	err_init(&e);
	if (!org_post(req, resp, &who, &token, &id))
		return;
	rc = app_org_member_end(fa->app, &who, web_parse_id(http_form(req, "member_id")),
				S(http_form(req, "until")), &e);
	after_org_form(req, resp, &who, token, id, rc, &e, "members", fields, ARRAY_SIZE(fields),
		       "member_end");
}

static void web_org_contact_add(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	struct org_contact c;
	struct actor who;
	const char *token;
	struct err e;
	int64_t id, cid;
	int rc = 0;

	err_init(&e);
	if (!org_post(req, resp, &who, &token, &id))
		return;
	memset(&c, 0, sizeof(c));
	for (size_t i = 0; i < ARRAY_SIZE(contact_fields) && !rc; i++)
		if (strlen(S(http_form(req, contact_fields[i]))) > 250)
			rc = err_set(&e, ERR_INVALID, contact_fields[i], "ข้อความยาวเกินไป%s",
				     "text too long%s", "");
	snprintf(c.name, sizeof(c.name), "%s", S(http_form(req, "name")));
	snprintf(c.position, sizeof(c.position), "%s", S(http_form(req, "position")));
	snprintf(c.phone, sizeof(c.phone), "%.31s", S(http_form(req, "phone")));
	snprintf(c.email, sizeof(c.email), "%.127s", S(http_form(req, "email")));
	if (!rc)
		rc = app_org_contact_add(fa->app, &who, id, &c, &cid, &e);
	after_org_form(req, resp, &who, token, id, rc, &e, "contact", contact_fields,
		       ARRAY_SIZE(contact_fields), "contact");
}

static void web_org_contact_remove(struct http_req *req, struct http_resp *resp)
{
	static const char *fields[] = { "contact_id" };
	struct face *fa = req->app;
	struct actor who;
	const char *token;
	struct err e;
	int64_t id;

	err_init(&e);
	if (!org_post(req, resp, &who, &token, &id))
		return;
	after_org_form(req, resp, &who, token, id,
		       app_org_contact_remove(fa->app, &who,
					      web_parse_id(http_form(req, "contact_id")), &e),
		       &e, "contacts", fields, ARRAY_SIZE(fields), "contact_removed");
}

static void web_org_activity_add(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	struct org_activity_in in;
	struct actor who;
	const char *token, *p;
	struct err e;
	int64_t id, aid;
	int rc = 0;

	err_init(&e);
	if (!org_post(req, resp, &who, &token, &id))
		return;
	memset(&in, 0, sizeof(in));
	in.title = S(http_form(req, "title"));
	in.held_on = S(http_form(req, "held_on"));
	in.area = S(http_form(req, "area"));
	in.note = S(http_form(req, "note"));
	p = S(http_form(req, "participants"));
	if (*p && (strspn(p, "0123456789") != strlen(p) || strlen(p) > 7))
		rc = err_set(&e, ERR_INVALID, "participants", "ใส่จำนวนผู้เข้าร่วมเป็นตัวเลข%s",
			     "give the number of participants in figures%s", "");
	in.participants = *p ? strtoll(p, NULL, 10) : 0;
	if (!rc)
		rc = app_org_activity_add(fa->app, &who, id, &in, &aid, &e);
	after_org_form(req, resp, &who, token, id, rc, &e, "activity", activity_fields,
		       ARRAY_SIZE(activity_fields), "activity");
}

/* ---- the report ---- */

static json_t *rollup_json(struct http_req *req, const struct org_rollup_row *w,
			   const char *area, bool by_region)
{
	json_t *o = json_object(), *k = json_array();

	put_s(o, "name", web_area_name(req, w->name_th, w->name_en[0] ? w->name_en : NULL));
	if (!strcmp(w->area, area) && !by_region)
		put_s(o, "name", arena_printf(req->arena, "%s (%s)",
					      web_area_name(req, w->name_th,
							    w->name_en[0] ? w->name_en : NULL),
					      web_tr(req, "area-wide")));
	if (strcmp(w->area, area) && strcmp(w->area, "TH") &&
	    (by_region || geo_level(w->area) < GEO_VILLAGE))
		put_s(o, "href", arena_printf(req->arena, "/orgs/report?area=%s", w->area));
	for (int i = ORG_YOUTH_COUNCIL; i < ORG_KIND_COUNT; i++)
		json_array_append_new(k, json_pack("{s:I, s:I}", "orgs", (json_int_t)w->orgs[i],
						   "members", (json_int_t)w->members[i]));
	json_object_set_new(o, "kinds", k);
	put_i(o, "orgs", w->orgs_total);
	put_i(o, "members", w->members_total);
	put_i(o, "people", w->people);
	put_i(o, "volunteers", w->volunteers);
	return o;
}

static void web_org_report(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	const char *area = http_query(req, "area"), *by = S(http_query(req, "by"));
	struct svg_bar bars_kind[ORG_KIND_COUNT], *bars_area;
	struct buf c1 = BUF_INIT, c2 = BUF_INIT;
	struct org_rollup r;
	struct actor who;
	const char *token;
	bool by_region;
	struct err e;
	json_t *ctx, *rows, *heads;
	size_t nb = 0;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!area || !*area)
		area = who.area;
	by_region = !strcmp(area, "TH") && !strcmp(by, "region");
	if (app_org_report(fa->app, &who, area, by_region, &r, &e)) {
		fail_page(req, resp, &who, token, &e);
		return;
	}
	ctx = base_ctx(req, "report", web_tr(req, "Organisations by kind and area"));
	put_s(ctx, "area", area);
	put_s(ctx, "area_name", geo_level(area) < 0 && strcmp(area, "TH")
					? area
					: web_area_label(req, &who, area));
	if (strcmp(area, "TH") && geo_level(area) > 0) {
		char parent[GEO_CODE_SIZE];

		if (!geo_parent_code(area, parent) && geo_in_scope(who.area, parent))
			put_s(ctx, "up_href", arena_printf(req->arena, "/orgs/report?area=%s", parent));
	}
	if (!strcmp(area, "TH")) {
		put_b(ctx, "nation", true);
		put_b(ctx, "by_region", by_region);
	}
	put_s(ctx, "xlsx_href",
	      arena_printf(req->arena, "/orgs/report.xlsx?area=%s%s%s", area,
			   by_region ? "&by=region" : "", web_en(req) ? "&lang=en" : ""));
	heads = json_array();
	for (int k = ORG_YOUTH_COUNCIL; k < ORG_KIND_COUNT; k++) {
		json_array_append_new(heads, json_string(org_kind_name((enum org_kind)k, !web_en(req))));
		bars_kind[nb].label = org_kind_name((enum org_kind)k, !web_en(req));
		bars_kind[nb].value = r.total.orgs[k];
		bars_kind[nb].value_text = NULL;
		nb++;
	}
	json_object_set_new(ctx, "kind_heads", heads);
	svg_bars(&c1, web_tr(req, "Organisations by kind"), bars_kind, nb);
	put_s(ctx, "chart_kinds", c1.ptr);
	rows = json_array();
	bars_area = xcalloc(r.n ? r.n : 1, sizeof(*bars_area));
	for (size_t i = 0; i < r.n; i++) {
		json_array_append_new(rows, rollup_json(req, &r.rows[i], area, by_region));
		bars_area[i].label = web_area_name(req, r.rows[i].name_th,
						   r.rows[i].name_en[0] ? r.rows[i].name_en : NULL);
		bars_area[i].value = r.rows[i].orgs_total;
	}
	if (r.n) {
		svg_bars(&c2, web_tr(req, "Organisations by area"), bars_area, r.n);
		put_s(ctx, "chart_areas", c2.ptr);
	}
	json_object_set_new(ctx, "rows", rows);
	put_b(ctx, "has_rows", r.n > 0);
	json_object_set_new(ctx, "total", rollup_json(req, &r.total, area, by_region));
	web_page(req, resp, "org_report", ctx, &who, token);
	free(bars_area);
	buf_release(&c1);
	buf_release(&c2);
	org_rollup_release(&r);
}

static void web_org_report_xlsx(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (face_org_report_xlsx(req, resp, &who, &e))
		fail_page(req, resp, &who, token, &e);
}

/* ---- volunteers ---- */

static const char *vol_fields[] = { "person_id", "area", "username", "registered_on", "note" };
static const char *assign_fields[] = { "volunteer_id", "area", "household_id", "since" };

static void render_volunteers(struct http_req *req, struct http_resp *resp,
			      const struct actor *who, const char *token, const char *form,
			      const char *const *fields, size_t nf, const struct err *fe)
{
	struct face *fa = req->app;
	struct volunteer_list l = { NULL, 0, 0 };
	const char *area = http_query(req, "area"), *status = S(http_query(req, "status"));
	struct err e;
	json_t *ctx, *rows, *opts;

	err_init(&e);
	if (!area || !*area)
		area = who->area;
	if (app_volunteer_list(fa->app, who, area, status, VOL_PAGE, 0, &l, &e)) {
		fail_page(req, resp, who, token, &e);
		return;
	}
	ctx = base_ctx(req, "volunteers", web_tr(req, "Volunteers"));
	put_s(ctx, "area", area);
	put_s(ctx, "area_name", web_area_label(req, who, area));
	json_object_set_new(ctx, "statuses", options(req, vol_statuses, ARRAY_SIZE(vol_statuses),
						     status));
	rows = json_array();
	opts = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct volunteer *v = &l.items[i];
		struct assignment_list asg = { NULL, 0, 0 };
		struct volunteer vv;
		json_t *o, *a = json_array();

		if (!app_volunteer_get(fa->app, who, v->id, &vv, &asg, NULL))
			for (size_t j = 0; j < asg.n; j++)
				if (!asg.items[j].until.y)
					json_array_append_new(
						a, json_pack("{s:I, s:s, s:s}", "id",
							     (json_int_t)asg.items[j].id, "label",
							     asg.items[j].household_id
								     ? arena_printf(
									       req->arena, "%s %s",
									       web_tr(req, "House"),
									       asg.items[j].label)
								     : asg.items[j].label,
							     "since",
							     date_text(req, asg.items[j].since)));
		assignment_list_release(&asg);
		o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:o}", "id",
			      (json_int_t)v->id, "name", v->name, "href",
			      href(req, "/persons/%lld", v->person_id), "area_name",
			      web_area_label(req, who, v->area), "username", v->username, "status",
			      label_of(req, vol_statuses, ARRAY_SIZE(vol_statuses), v->status),
			      "registered", date_text(req, v->registered_on), "assignments", a,
			      "active", !strcmp(v->status, "active"), "statuses",
			      options(req, vol_statuses, ARRAY_SIZE(vol_statuses), v->status));
		json_array_append_new(rows, o);
		if (!strcmp(v->status, "active"))
			json_array_append_new(
				opts, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)v->id, "name",
						v->name, "selected",
						fe && web_parse_id(http_form(req, "volunteer_id")) ==
							      v->id));
	}
	json_object_set_new(ctx, "volunteers", rows);
	json_object_set_new(ctx, "volunteer_options", opts);
	put_b(ctx, "has_volunteers", l.n > 0);
	volunteer_list_release(&l);
	put_b(ctx, "can_write", who->role == ROLE_NATIONAL_ADMIN ||
					who->role == ROLE_PROVINCE_OFFICER ||
					who->role == ROLE_DISTRICT_OFFICER ||
					who->role == ROLE_LOCAL_OFFICER);
	put_s(ctx, "today_be", web_form_date(req, app_today(fa->app)));
	if (fe)
		web_fund_form_error(req, resp, ctx, form, fields, nf, fe);
	web_page(req, resp, "volunteers", ctx, who, token);
}

static void web_volunteers(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_volunteers(req, resp, &who, token, NULL, NULL, 0, NULL);
}

static void after_list_form(struct http_req *req, struct http_resp *resp,
			    const struct actor *who, const char *token, int rc, const struct err *e,
			    const char *form, const char *const *fields, size_t n, const char *to,
			    bool volunteers)
{
	if (!rc)
		http_redirect(req, resp, to);
	else if (web_fund_fatal(e) && e->code != ERR_FORBIDDEN)
		web_error(req, resp, e, who, token);
	else if (volunteers)
		render_volunteers(req, resp, who, token, form, fields, n, e);
	else
		web_error(req, resp, e, who, token);
}

static void web_volunteer_create(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	struct volunteer_in in;
	struct actor who;
	const char *token;
	struct err e;
	int64_t id = 0;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	memset(&in, 0, sizeof(in));
	in.person_id = web_parse_id(http_form(req, "person_id"));
	in.area = S(http_form(req, "area"));
	in.username = S(http_form(req, "username"));
	in.registered_on = S(http_form(req, "registered_on"));
	in.note = S(http_form(req, "note"));
	if (!in.person_id)
		rc = err_set(&e, ERR_INVALID, "person_id", "ใส่เลขที่บุคคลในทะเบียน (ตัวเลข)%s",
			     "give the person's number in the register (digits)%s", "");
	else
		rc = app_volunteer_add(fa->app, &who, &in, &id, &e);
	after_list_form(req, resp, &who, token, rc, &e, "volunteer", vol_fields,
			ARRAY_SIZE(vol_fields), "/volunteers?done=volunteer", true);
}

static void web_volunteer_unassign(struct http_req *req, struct http_resp *resp)
{
	static const char *fields[] = { "until" };
	struct face *fa = req->app;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	rc = app_volunteer_unassign(fa->app, &who, web_parse_id(http_form(req, "assignment_id")),
				    S(http_form(req, "until")), &e);
	after_list_form(req, resp, &who, token, rc, &e, "list", fields, ARRAY_SIZE(fields),
			"/volunteers?done=unassigned", true);
}

static void web_volunteer_status(struct http_req *req, struct http_resp *resp)
{
	static const char *fields[] = { "status" };
	struct face *fa = req->app;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	rc = app_volunteer_set_status(fa->app, &who, web_parse_id(http_form(req, "volunteer_id")),
				      S(http_form(req, "status")), &e);
	after_list_form(req, resp, &who, token, rc, &e, "list", fields, ARRAY_SIZE(fields),
			"/volunteers?done=status", true);
}

static void web_volunteer_assign(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	struct actor who;
	const char *token, *area;
	struct err e;
	int64_t vid, hid, id = 0;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	vid = web_parse_id(http_form(req, "volunteer_id"));
	hid = web_parse_id(http_form(req, "household_id"));
	area = S(http_form(req, "area"));
	if (!vid)
		rc = err_set(&e, ERR_INVALID, "volunteer_id", "เลือกอาสาสมัคร%s",
			     "choose a volunteer%s", "");
	else if (!*area && !hid)
		rc = err_set(&e, ERR_INVALID, "area", "ใส่รหัสหมู่บ้านหรือเลขที่ครัวเรือน%s",
			     "give a village code or a household number%s", "");
	else
		rc = app_volunteer_assign(fa->app, &who, vid, hid ? NULL : area, hid,
					  S(http_form(req, "since")), &id, &e);
	after_list_form(req, resp, &who, token, rc, &e, "assign", assign_fields,
			ARRAY_SIZE(assign_fields), "/volunteers?done=assigned", true);
}

/* ---- networks ---- */

static const char *net_fields[] = { "level", "area", "name", "parent_id", "founded_on" };

static json_t *network_row(struct http_req *req, const struct actor *who, const struct network *n)
{
	const char *an = n->province[0]	       ? web_area_label(req, who, n->area)
			 : !strcmp(n->level, "national") ? web_tr(req, "Thailand")
							 : n->area;

	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)n->id, "href",
			 href(req, "/networks/%lld", n->id), "name", n->name, "level",
			 label_of(req, net_levels, ARRAY_SIZE(net_levels), n->level), "area_name",
			 an, "parent", n->parent_name);
}

static void render_networks(struct http_req *req, struct http_resp *resp,
			    const struct actor *who, const char *token, const struct err *fe)
{
	struct face *fa = req->app;
	struct network_list l = { NULL, 0, 0 };
	struct err e;
	json_t *ctx, *rows, *parents;

	err_init(&e);
	if (app_network_list(fa->app, who, NULL, &l, &e)) {
		fail_page(req, resp, who, token, &e);
		return;
	}
	ctx = base_ctx(req, "networks", web_tr(req, "Networks"));
	put_s(ctx, "area_name", web_area_label(req, who, who->area));
	rows = json_array();
	parents = json_array();
	for (size_t i = 0; i < l.n; i++) {
		json_array_append_new(rows, network_row(req, who, &l.items[i]));
		if (strcmp(l.items[i].level, "tambon"))
			json_array_append_new(
				parents,
				json_pack("{s:I, s:s, s:b}", "id", (json_int_t)l.items[i].id, "name",
					  l.items[i].name, "selected",
					  fe && web_parse_id(http_form(req, "parent_id")) ==
							l.items[i].id));
	}
	json_object_set_new(ctx, "networks", rows);
	json_object_set_new(ctx, "parents", parents);
	put_b(ctx, "has_networks", l.n > 0);
	network_list_release(&l);
	json_object_set_new(ctx, "levels",
			    options(req, net_levels, ARRAY_SIZE(net_levels),
				    fe ? http_form(req, "level") : NULL));
	put_b(ctx, "can_write", who->role == ROLE_NATIONAL_ADMIN ||
					who->role == ROLE_PROVINCE_OFFICER ||
					who->role == ROLE_DISTRICT_OFFICER ||
					who->role == ROLE_LOCAL_OFFICER);
	if (fe)
		web_fund_form_error(req, resp, ctx, "network", net_fields, ARRAY_SIZE(net_fields), fe);
	else
		json_object_set_new(ctx, "v", json_pack("{s:{s:s}}", "network", "area", who->area));
	web_page(req, resp, "networks", ctx, who, token);
}

static void web_networks(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_networks(req, resp, &who, token, NULL);
}

static void web_network_create(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	struct network_in in;
	struct actor who;
	const char *token;
	struct err e;
	int64_t id = 0;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	memset(&in, 0, sizeof(in));
	in.level = S(http_form(req, "level"));
	in.area = S(http_form(req, "area"));
	in.name = S(http_form(req, "name"));
	in.parent_id = web_parse_id(http_form(req, "parent_id"));
	in.founded_on = S(http_form(req, "founded_on"));
	if (app_network_add(fa->app, &who, &in, &id, &e)) {
		if (web_fund_fatal(&e) && e.code != ERR_FORBIDDEN)
			fail_page(req, resp, &who, token, &e);
		else
			render_networks(req, resp, &who, token, &e);
		return;
	}
	http_redirect(req, resp, href(req, "/networks/%lld?done=network", id));
}

static const char *join_org_fields[] = { "org_id", "joined_on" };
static const char *join_person_fields[] = { "person_id", "role", "joined_on" };

static void render_network(struct http_req *req, struct http_resp *resp, const struct actor *who,
			   const char *token, int64_t id, const char *form,
			   const char *const *fields, size_t nf, const struct err *fe)
{
	struct face *fa = req->app;
	struct network_member_list orgs = { NULL, 0, 0 }, people = { NULL, 0, 0 };
	struct network_list kids = { NULL, 0, 0 };
	struct network_reach rc;
	struct network n;
	struct err e;
	json_t *ctx, *a;
	int hidden = 0, r;

	err_init(&e);
	r = app_network_get(fa->app, who, id, &n, &e);
	if (!r)
		r = app_network_reach(fa->app, who, id, &rc, &e);
	if (!r)
		r = app_network_children(fa->app, who, id, &kids, &e);
	if (!r)
		r = app_network_members(fa->app, who, id, false, &orgs, NULL, &e);
	if (!r)
		r = app_network_members(fa->app, who, id, true, &people, &hidden, &e);
	if (r) {
		fail_page(req, resp, who, token, &e);
		goto out;
	}
	ctx = base_ctx(req, "networks", n.name);
	json_object_set_new(ctx, "network", network_row(req, who, &n));
	if (n.parent_id)
		put_s(ctx, "parent_href", href(req, "/networks/%lld", n.parent_id));
	json_object_set_new(ctx, "reach",
			    json_pack("{s:I, s:I, s:I, s:I, s:I}", "networks", (json_int_t)rc.networks,
				      "orgs", (json_int_t)rc.orgs, "people", (json_int_t)rc.people,
				      "districts", (json_int_t)rc.districts, "provinces",
				      (json_int_t)rc.provinces));
	a = json_array();
	for (size_t i = 0; i < kids.n; i++)
		json_array_append_new(a, network_row(req, who, &kids.items[i]));
	json_object_set_new(ctx, "children", a);
	a = json_array();
	for (size_t i = 0; i < orgs.n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id",
						   (json_int_t)orgs.items[i].ref_id, "name",
						   orgs.items[i].name, "href",
						   href(req, "/orgs/%lld", orgs.items[i].ref_id),
						   "kind", kind_name(req, orgs.items[i].kind),
						   "area_name",
						   web_area_label(req, who, orgs.items[i].area),
						   "joined", date_text(req, orgs.items[i].joined_on)));
	json_object_set_new(ctx, "orgs", a);
	a = json_array();
	for (size_t i = 0; i < people.n; i++)
		json_array_append_new(
			a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id",
				     (json_int_t)people.items[i].ref_id, "name", people.items[i].name,
				     "href", href(req, "/persons/%lld", people.items[i].ref_id),
				     "role",
				     label_of(req, net_roles, ARRAY_SIZE(net_roles),
					      people.items[i].role),
				     "area_name", web_area_label(req, who, people.items[i].area),
				     "joined", date_text(req, people.items[i].joined_on)));
	json_object_set_new(ctx, "people", a);
	put_i(ctx, "hidden", hidden);
	put_b(ctx, "can_write",
	      (who->role == ROLE_NATIONAL_ADMIN || who->role == ROLE_PROVINCE_OFFICER ||
	       who->role == ROLE_DISTRICT_OFFICER || who->role == ROLE_LOCAL_OFFICER) &&
		      !actor_check(who, PERM_WRITE, n.province[0] ? n.area : "TH", NULL));
	put_s(ctx, "today_be", web_form_date(req, app_today(fa->app)));
	json_object_set_new(ctx, "roles",
			    options(req, net_roles, ARRAY_SIZE(net_roles),
				    fe ? http_form(req, "role") : "member"));
	if (fe)
		web_fund_form_error(req, resp, ctx, form, fields, nf, fe);
	web_page(req, resp, "network", ctx, who, token);
out:
	network_member_list_release(&orgs);
	network_member_list_release(&people);
	network_list_release(&kids);
}

static void web_network(struct http_req *req, struct http_resp *resp)
{
	int64_t id = web_parse_id(req->params[0]);
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!id) {
		not_found(req, resp, &who, token);
		return;
	}
	render_network(req, resp, &who, token, id, NULL, NULL, 0, NULL);
}

static void after_net_form(struct http_req *req, struct http_resp *resp, const struct actor *who,
			   const char *token, int64_t id, int rc, const struct err *e,
			   const char *form, const char *const *fields, size_t n, const char *done)
{
	if (!rc)
		http_redirect(req, resp,
			      arena_printf(req->arena, "/networks/%lld?done=%s#%s", (long long)id,
					   done, form));
	else if (web_fund_fatal(e) && e->code != ERR_FORBIDDEN)
		web_error(req, resp, e, who, token);
	else
		render_network(req, resp, who, token, id, form, fields, n, e);
}

static void web_network_join_org(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	struct actor who;
	const char *token;
	struct err e;
	int64_t id, oid, mid;
	int rc;

	err_init(&e);
	if (!org_post(req, resp, &who, &token, &id))
		return;
	oid = web_parse_id(http_form(req, "org_id"));
	rc = oid ? app_network_join_org(fa->app, &who, id, oid, S(http_form(req, "joined_on")), &mid,
					&e)
		 : err_set(&e, ERR_INVALID, "org_id", "ใส่เลขที่องค์กร (ตัวเลข)%s",
			   "give the organisation's number (digits)%s", "");
	after_net_form(req, resp, &who, token, id, rc, &e, "join_org", join_org_fields,
		       ARRAY_SIZE(join_org_fields), "joined");
}

static void web_network_join_person(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	struct actor who;
	const char *token;
	struct err e;
	int64_t id, pid, mid;
	int rc;

	err_init(&e);
	if (!org_post(req, resp, &who, &token, &id))
		return;
	pid = web_parse_id(http_form(req, "person_id"));
	rc = pid ? app_network_join_person(fa->app, &who, id, pid, S(http_form(req, "role")),
					   S(http_form(req, "joined_on")), &mid, &e)
		 : err_set(&e, ERR_INVALID, "person_id", "ใส่เลขที่บุคคลในทะเบียน (ตัวเลข)%s",
			   "give the person's number in the register (digits)%s", "");
	after_net_form(req, resp, &who, token, id, rc, &e, "join_person", join_person_fields,
		       ARRAY_SIZE(join_person_fields), "joined");
}

static void web_network_leave(struct http_req *req, struct http_resp *resp)
{
	static const char *fields[] = { "date" };
	struct face *fa = req->app;
	struct actor who;
	const char *token;
	struct err e;
	int64_t id, pid, oid;
	int rc;

	err_init(&e);
	if (!org_post(req, resp, &who, &token, &id))
		return;
	pid = web_parse_id(http_form(req, "person_id"));
	oid = web_parse_id(http_form(req, "org_id"));
	rc = app_network_leave(fa->app, &who, id, pid > 0, pid > 0 ? pid : oid,
			       S(http_form(req, "date")), &e);
	after_net_form(req, resp, &who, token, id, rc, &e, pid > 0 ? "people" : "orgs", fields,
		       ARRAY_SIZE(fields), "left");
}

json_t *web_person_orgs(struct http_req *req, const struct actor *who, int64_t person_id)
{
	struct face *fa = req->app;
	struct org_member_list l = { NULL, 0, 0 };
	json_t *a = json_array();

	if (app_org_of_person(fa->app, who, person_id, &l, NULL))
		return a;
	for (size_t i = 0; i < l.n; i++) {
		const struct org_member *m = &l.items[i];
		json_array_append_new(
			a, json_pack("{s:s, s:s, s:s, s:s}", "href",
				     arena_printf(req->arena, "/orgs/%lld", (long long)m->org_id), "org",
				     m->org_name, "role",
				     label_of(req, member_roles, ARRAY_SIZE(member_roles), m->role),
				     "since", web_date_text(req, m->since, DATE_MEDIUM)));
	}
	org_member_list_release(&l);
	return a;
}

const struct http_route web_org_routes[] = {
	{ "GET", "/orgs", web_orgs },
	{ "POST", "/orgs", web_org_create },
	{ "GET", "/orgs/report", web_org_report },
	{ "GET", "/orgs/report.xlsx", web_org_report_xlsx },
	{ "GET", "/orgs/{id}", web_org },
	{ "POST", "/orgs/{id}", web_org_update },
	{ "POST", "/orgs/{id}/dissolve", web_org_dissolve },
	{ "POST", "/orgs/{id}/members", web_org_member_add },
	{ "POST", "/orgs/{id}/members/end", web_org_member_end },
	{ "POST", "/orgs/{id}/contacts", web_org_contact_add },
	{ "POST", "/orgs/{id}/contacts/remove", web_org_contact_remove },
	{ "POST", "/orgs/{id}/activities", web_org_activity_add },
	{ "GET", "/volunteers", web_volunteers },
	{ "POST", "/volunteers", web_volunteer_create },
	{ "POST", "/volunteers/assign", web_volunteer_assign },
	{ "POST", "/volunteers/unassign", web_volunteer_unassign },
	{ "POST", "/volunteers/status", web_volunteer_status },
	{ "GET", "/networks", web_networks },
	{ "POST", "/networks", web_network_create },
	{ "GET", "/networks/{id}", web_network },
	{ "POST", "/networks/{id}/orgs", web_network_join_org },
	{ "POST", "/networks/{id}/people", web_network_join_person },
	{ "POST", "/networks/{id}/leave", web_network_leave },
};
const size_t web_org_nroutes = ARRAY_SIZE(web_org_routes);
