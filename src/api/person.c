/* API: the social registry (people, needs, consents, households). */
#include "api/api.h"
#include "app/person.h"
#include "core/thid.h"
#include "core/thtext.h"

/* Fills a person_in from a JSON body (strings borrowed from body). */
static void person_in_from(json_t *b, struct person_in *in)
{
	memset(in, 0, sizeof(*in));
	in->national_id = api_str(b, "national_id");
	in->title = api_str(b, "title");
	in->given_name = api_str(b, "given_name");
	in->family_name = api_str(b, "family_name");
	in->given_name_latin = api_str(b, "given_name_latin");
	in->family_name_latin = api_str(b, "family_name_latin");
	in->sex = api_str(b, "sex");
	in->birth_date = api_str(b, "birth_date");
	in->death_date = api_str(b, "death_date");
	in->nationality = api_str(b, "nationality");
	in->reg_status = api_str(b, "reg_status");
	in->area = api_str(b, "area");
	in->house_no = api_str(b, "house_no");
	in->cur_area = api_str(b, "cur_area");
	in->cur_house_no = api_str(b, "cur_house_no");
	in->phone = api_str(b, "phone");
}

/* The list form of a person: the record plus age and target groups today. */
static json_t *person_summary(const struct person *p, struct date today)
{
	json_t *o = app_person_json(p);
	int age = person_age(p, today);

	json_object_set_new(o, "age", age >= 0 ? json_integer(age) : json_null());
	json_object_set_new(o, "alive", json_boolean(person_alive(p, today)));
	return o;
}

static void api_persons_list(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct person_list l = PERSON_LIST_INIT;
	struct person_query q;
	const char *text = http_query(req, "q"), *need = http_query(req, "need");
	struct buf key = BUF_INIT;
	char nid[THID_LEN + 1];
	struct actor who;
	struct date today;
	struct err e;
	json_t *items;
	int64_t cursor;
	size_t i;
	int limit;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_paging(req, resp, 50, 500, &limit, &cursor))
		return;
	memset(&q, 0, sizeof(q));
	q.area = http_query(req, "area");
	q.limit = limit;
	q.after_id = cursor; /* the last person of the page before */
	q.alive_only = http_query(req, "alive") && !strcmp(http_query(req, "alive"), "1");
	if (text && *text) {
		/* Thirteen digits (with or without dashes) are an ID; anything else a name. */
		if (!thid_normalize(text, nid, "q", NULL)) {
			q.national_id = nid;
		} else if (thtext_name_key(text, strlen(text), &key, &e)) {
			api_fail(req, resp, &e);
			goto out;
		} else if (!key.len) {
			err_set(&e, ERR_INVALID, "q", "คำค้นต้องมีชื่อหรือเลขประจำตัว%s",
				"the search needs a name or an ID%s", "");
			api_fail(req, resp, &e);
			goto out;
		} else {
			q.name_key = key.ptr;
		}
	}
	if (need && *need && (q.need_kind = need_kind_parse(need)) < 0) {
		err_set(&e, ERR_INVALID, "need", "ไม่รู้จักประเภทความต้องการ '%.24s'",
			"unknown kind of need '%.24s'", need);
		api_fail(req, resp, &e);
		goto out;
	}
	if (app_person_search(f->app, &who, &q, &l, &e)) {
		api_fail(req, resp, &e);
		goto out;
	}
	today = app_today(f->app);
	items = json_array();
	for (i = 0; i < l.n; i++)
		json_array_append_new(items, person_summary(&l.items[i], today));
	http_send_json(resp, 200,
		       json_pack("{s:o, s:o}", "items", items, "next_cursor",
				 l.n == (size_t)limit
					 ? json_sprintf("%lld", (long long)l.items[l.n - 1].id)
					 : json_null()));
out:
	person_list_release(&l);
	buf_release(&key);
}

static void api_persons_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct person_in in;
	struct actor who;
	struct err e;
	json_t *body;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || !(body = http_json_body(req, resp)))
		return;
	person_in_from(body, &in);
	if (app_person_add(f->app, &who, &in, &id, &e))
		api_fail(req, resp, &e);
	else
		api_created(req, resp, "persons", id, NULL);
	json_decref(body);
}

static void api_person_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct need_list needs = NEED_LIST_INIT;
	struct consent_list cons = CONSENT_LIST_INIT;
	struct date today = app_today(f->app);
	struct actor who;
	struct person p;
	struct err e;
	json_t *o, *arr;
	int64_t id;
	int hidden;
	size_t i;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_person_get(f->app, &who, id, &p, &needs, &cons, &hidden, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	o = person_summary(&p, today);
	json_object_set_new(o, "target_groups", json_array());
	{
		unsigned active = 0, g;
		int k;

		for (i = 0; i < needs.n; i++)
			if (need_active(&needs.items[i], today))
				active |= 1u << needs.items[i].kind;
		g = person_groups(&p, active, today);
		for (k = 0; k < GROUP_COUNT; k++)
			if (g & (1u << k))
				json_array_append_new(json_object_get(o, "target_groups"),
						      json_string(target_group_code(1u << k)));
	}
	arr = json_array();
	for (i = 0; i < needs.n; i++) {
		json_t *n = app_need_json(&needs.items[i]);

		json_object_set_new(n, "active", json_boolean(need_active(&needs.items[i], today)));
		if (needs.items[i].kind == NEED_DISABILITY)
			json_object_set_new(n, "without_card",
					    json_boolean(need_disability_without_card(&needs.items[i], today)));
		json_array_append_new(arr, n);
	}
	json_object_set_new(o, "needs", arr);
	json_object_set_new(o, "hidden_needs", json_integer(hidden));
	arr = json_array();
	for (i = 0; i < cons.n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:o, s:o}", "id",
						     (json_int_t)cons.items[i].id, "purpose",
						     cons.items[i].purpose, "basis", cons.items[i].basis,
						     "given_on", app_date_json(cons.items[i].given_on),
						     "withdrawn_on",
						     app_date_json(cons.items[i].withdrawn_on)));
	json_object_set_new(o, "consents", arr);
	person_release(&p);
	need_list_release(&needs);
	consent_list_release(&cons);
	http_send_json(resp, 200, o);
}

static void api_person_update(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct person_in in;
	struct actor who;
	struct err e;
	json_t *body;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(body = http_json_body(req, resp)))
		return;
	person_in_from(body, &in);
	if (app_person_update(f->app, &who, id, &in, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 200, json_pack("{s:I}", "id", (json_int_t)id));
	json_decref(body);
}

/*
 * The shape of the dated actions on a record (a death, the end of a need, a
 * withdrawn consent, a retention date): POST {"<field>": date} to
 * /.../{id}, answered with {"id"}.
 */
static void dated_action(struct http_req *req, struct http_resp *resp, const char *field,
			 int (*fn)(struct app *, const struct actor *, int64_t, const char *,
				   struct err *))
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *body;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(body = http_json_body(req, resp)))
		return;
	if (fn(f->app, &who, id, api_str(body, field), &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 200, json_pack("{s:I}", "id", (json_int_t)id));
	json_decref(body);
}

static void api_person_death(struct http_req *req, struct http_resp *resp)
{
	dated_action(req, resp, "death_date", app_person_death);
}

static void api_person_needs_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct need_in in;
	struct actor who;
	struct err e;
	json_t *body;
	int64_t id, nid;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(body = http_json_body(req, resp)))
		return;
	memset(&in, 0, sizeof(in));
	in.kind = api_str(body, "kind");
	in.observed_on = api_str(body, "observed_on");
	in.ended_on = api_str(body, "ended_on");
	in.source = api_str(body, "source");
	in.disability_type = api_str(body, "disability_type");
	in.card_no = api_str(body, "card_no");
	in.card_issued = api_str(body, "card_issued");
	in.card_expires = api_str(body, "card_expires");
	in.note = api_str(body, "note");
	if (app_need_add(f->app, &who, id, &in, &nid, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I, s:I}", "id", (json_int_t)nid, "person_id",
						    (json_int_t)id));
	json_decref(body);
}

static void api_need_end(struct http_req *req, struct http_resp *resp)
{
	dated_action(req, resp, "ended_on", app_need_end);
}

static void api_person_consents_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	json_t *body;
	int64_t id, cid;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(body = http_json_body(req, resp)))
		return;
	if (app_consent_add(f->app, &who, id, api_str(body, "purpose"), api_str(body, "basis"),
			    api_str(body, "given_on"), &cid, &e))
		api_fail(req, resp, &e);
	else
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)cid));
	json_decref(body);
}

static void api_consent_withdraw(struct http_req *req, struct http_resp *resp)
{
	dated_action(req, resp, "withdrawn_on", app_consent_withdraw);
}

static void api_person_history(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct audit_row *rows;
	struct actor who;
	struct err e;
	json_t *items;
	size_t n, i;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_person_history(f->app, &who, id, &rows, &n, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (i = 0; i < n; i++) {
		json_t *before = rows[i].has_before ? json_loads(rows[i].before, 0, NULL) : NULL;
		json_t *after = rows[i].has_after ? json_loads(rows[i].after, 0, NULL) : NULL;

		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "seq",
						       (json_int_t)rows[i].seq, "at", rows[i].at,
						       "actor", rows[i].actor, "action",
						       rows[i].action, "before",
						       before ? before : json_null(), "after",
						       after ? after : json_null()));
	}
	audit_rows_free(rows, n);
	http_send_json(resp, 200, json_pack("{s:o}", "items", items));
}

static void api_person_export(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct actor who;
	struct err e;
	char *json;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_person_export(f->app, &who, id, &json, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	buf_puts(&resp->body, json);
	free(json);
	resp->content_type = "application/json; charset=utf-8";
	http_set_header(req, resp, "Content-Disposition",
			arena_printf(req->arena, "attachment; filename=\"person-%lld.json\"",
				     (long long)id));
	http_set_header(req, resp, "Cache-Control", "no-store");
}

static void api_person_retention(struct http_req *req, struct http_resp *resp)
{
	dated_action(req, resp, "retention_until", app_person_set_retention);
}

static void api_households_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	json_t *body, *inc;
	struct actor who;
	struct err e;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || !(body = http_json_body(req, resp)))
		return;
	inc = json_object_get(body, "monthly_income");
	if (inc && !json_is_integer(inc)) {
		err_set(&e, ERR_INVALID, "monthly_income",
			"รายได้ต่อเดือน (monthly_income) ต้องเป็นจำนวนเต็มหน่วยสตางค์%s",
			"monthly_income must be an integer number of satang%s", "");
		api_fail(req, resp, &e);
	} else if (app_household_add(f->app, &who, api_str(body, "area"), api_str(body, "house_no"),
				     inc ? json_integer_value(inc) : -1, &id, &e)) {
		api_fail(req, resp, &e);
	} else {
		http_send_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)id));
	}
	json_decref(body);
}

static void api_household_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct person_list members = PERSON_LIST_INIT;
	struct date today = app_today(f->app);
	struct household h;
	struct actor who;
	struct err e;
	json_t *arr;
	int64_t id;
	size_t i;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (app_household_get(f->app, &who, id, &h, &members, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	arr = json_array();
	for (i = 0; i < members.n; i++)
		json_array_append_new(arr, person_summary(&members.items[i], today));
	http_send_json(resp, 200,
		       json_pack("{s:I, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)h.id, "area",
				 h.area, "house_no", h.house_no, "monthly_income",
				 h.monthly_income >= 0 ? json_integer(h.monthly_income) : json_null(),
				 "head_person_id",
				 h.head_person_id ? json_integer(h.head_person_id) : json_null(),
				 "members", arr));
	household_release(&h);
	person_list_release(&members);
}

static void api_household_members_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	json_t *body, *pid;
	struct actor who;
	struct err e;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id) ||
	    !(body = http_json_body(req, resp)))
		return;
	pid = json_object_get(body, "person_id");
	if (!json_is_integer(pid)) {
		err_set(&e, ERR_INVALID, "person_id", "ต้องระบุรหัสบุคคล (person_id)%s",
			"person_id (an integer) is required%s", "");
		api_fail(req, resp, &e);
	} else if (app_household_join(f->app, &who, id, json_integer_value(pid),
				      api_str(body, "relation"), &e)) {
		api_fail(req, resp, &e);
	} else {
		http_send_json(resp, 200, json_pack("{s:I, s:I}", "household_id", (json_int_t)id,
						    "person_id", (json_int_t)json_integer_value(pid)));
	}
	json_decref(body);
}

const struct http_route api_person_routes[] = {
	{ "GET", "/api/v1/persons", api_persons_list },
	{ "POST", "/api/v1/persons", api_persons_create },
	{ "GET", "/api/v1/persons/{id}", api_person_get },
	{ "PUT", "/api/v1/persons/{id}", api_person_update },
	{ "POST", "/api/v1/persons/{id}/death", api_person_death },
	{ "POST", "/api/v1/persons/{id}/needs", api_person_needs_add },
	{ "POST", "/api/v1/needs/{id}/end", api_need_end },
	{ "POST", "/api/v1/persons/{id}/consents", api_person_consents_add },
	{ "POST", "/api/v1/consents/{id}/withdraw", api_consent_withdraw },
	{ "GET", "/api/v1/persons/{id}/history", api_person_history },
	{ "GET", "/api/v1/persons/{id}/export", api_person_export },
	{ "PUT", "/api/v1/persons/{id}/retention", api_person_retention },
	{ "POST", "/api/v1/households", api_households_create },
	{ "GET", "/api/v1/households/{id}", api_household_get },
	{ "POST", "/api/v1/households/{id}/members", api_household_members_add },
};
const size_t api_person_nroutes = ARRAY_SIZE(api_person_routes);
