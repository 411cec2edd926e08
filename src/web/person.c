/*
 * Pages of the social registry: search, the add and edit form, a person's
 * record with their needs, consents and household, the history of changes,
 * the PDPA export (JSON and a printable page), and the small forms on the
 * record (death, needs, consent, household).
 *
 * What a user may see or change is decided by app/person: a page only lays
 * out what the use case returned. Sensitive needs a role may not see never
 * reach this file; the record says how many were left out.
 *
 * Dates are shown in the Buddhist Era in Thai (C.E. in English) and typed
 * as B.E. d/m/yyyy or ISO; forms are prefilled in B.E. so that what the
 * form shows is what date_parse reads back.
 */
#include "web/web.h"
#include "web/program.h"
#include "app/geo.h"
#include "app/person.h"
#include "core/date.h"
#include "core/geo.h"
#include "core/money.h"
#include "core/thid.h"
#include "core/thtext.h"


#define SEARCH_LIMIT 50

/* The fields of the person form, named as struct person_in names them (and
 * as person_validate names them in e->field). */
static const char *const person_fields[] = {
	"national_id", "title",   "given_name", "family_name", "given_name_latin",
	"family_name_latin", "sex", "birth_date", "nationality", "reg_status",
	"area",        "house_no", "cur_area",  "cur_house_no", "phone",
};

static const char *const need_sources[] = { "office", "survey", "visit", "card", "import" };
static const char *const need_source_labels[] = { "Office", "Survey", "Volunteer visit",
						  "Card", "Import" };
static const char *const consent_bases[] = { "consent", "public_task", "legal_obligation",
					     "vital_interest" };
static const char *const consent_basis_labels[] = { "Consent", "Public task",
						    "Legal obligation", "Vital interest" };
static const char *const relations[] = { "head",	"spouse",  "child",    "parent",
					 "grandchild",	"grandparent", "sibling", "relative",
					 "other" };
static const char *const relation_labels[] = { "Head",	      "Spouse",	     "Child",
					       "Parent",      "Grandchild", "Grandparent",
					       "Sibling",     "Relative",    "Other" };

static const char *label_of(struct http_req *req, const char *const *codes,
			    const char *const *labels, size_t n, const char *code)
{
	size_t i;

	for (i = 0; code && i < n; i++)
		if (!strcmp(codes[i], code))
			return web_tr(req, labels[i]);
	return S(code);
}

/* Options of a select: [{code, name, selected}]. */
static json_t *options(struct http_req *req, const char *const *codes, const char *const *labels,
		       size_t n, const char *selected)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "code", codes[i], "name",
						   web_tr(req, labels[i]), "selected",
						   selected && !strcmp(selected, codes[i])));
	return a;
}

static void not_found(struct http_req *req, struct http_resp *resp, const struct actor *who,
		      const char *token)
{
	struct err e;

	err_init(&e);
	err_set(&e, ERR_NOT_FOUND, NULL, "ไม่พบหน้า %s", "no page at %s", req->path);
	web_error(req, resp, &e, who, token);
}

/* A date as the forms take it back: B.E. d/m/yyyy ("" when unknown). */
static const char *form_date(struct http_req *req, struct date d)
{
	struct buf b = BUF_INIT;
	const char *s = "";

	if (d.y && !date_format(d, DATE_NUMERIC, 0, &b, NULL))
		s = arena_strdup(req->arena, b.ptr);
	buf_release(&b);
	return s;
}

static const char *iso_date(struct http_req *req, struct date d)
{
	return d.y ? arena_printf(req->arena, "%04d-%02d-%02d", d.y, d.m, d.d) : "";
}

static const char *full_name(struct http_req *req, const struct person *p)
{
	return arena_printf(req->arena, "%s%s%s%s%s", S(p->title), p->title && *p->title ? " " : "",
			    S(p->given_name), p->family_name && *p->family_name ? " " : "",
			    S(p->family_name));
}

static const char *nationality_name(struct http_req *req, const char *code)
{
	if (!code || !*code)
		return web_tr(req, "Unknown");
	if (!strcmp(code, "TH"))
		return web_tr(req, "Thai");
	if (!strcmp(code, "XX"))
		return web_tr(req, "Stateless");
	if (!strcmp(code, "MM"))
		return web_tr(req, "Myanmar");
	if (!strcmp(code, "LA"))
		return web_tr(req, "Lao");
	if (!strcmp(code, "KH"))
		return web_tr(req, "Cambodian");
	return code;
}

/* A person's record for the templates (see person.html). */
static json_t *person_json(struct http_req *req, const struct actor *who, const struct person *p,
			   struct date today)
{
	int age = person_age(p, today);
	json_t *o = json_pack(
		"{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
		(json_int_t)p->id, "href", arena_printf(req->arena, "/persons/%lld", (long long)p->id),
		"name", full_name(req, p), "given_name", S(p->given_name), "family_name",
		S(p->family_name), "national_id", web_nid_text(req, p->national_id), "sex",
		p->sex == SEX_UNKNOWN ? web_tr(req, "Not recorded") : sex_name(p->sex, !web_en(req)),
		"birth", web_date_text(req, p->birth, DATE_LONG), "birth_iso", iso_date(req, p->birth),
		"area", p->area, "area_name", web_area_label(req, who, p->area), "house_no",
		S(p->house_no), "nationality", nationality_name(req, p->nationality), "reg_status",
		reg_status_name(p->reg_status, !web_en(req)), "phone", S(p->phone));

	if (age >= 0)
		json_object_set_new(o, "age", json_string(arena_printf(req->arena, "%d", age)));
	if ((p->given_name_latin && *p->given_name_latin) ||
	    (p->family_name_latin && *p->family_name_latin))
		json_object_set_new(o, "latin_name",
				    json_string(arena_printf(req->arena, "%s %s",
							     S(p->given_name_latin),
							     S(p->family_name_latin))));
	if (p->death.y) {
		json_object_set_new(o, "death", json_string(web_date_text(req, p->death, DATE_LONG)));
		json_object_set_new(o, "death_iso", json_string(iso_date(req, p->death)));
	}
	if (*p->cur_area || (p->cur_house_no && *p->cur_house_no))
		json_object_set_new(o, "current",
				    json_pack("{s:s, s:s, s:s}", "area", p->cur_area, "area_name",
					      web_area_label(req, who, p->cur_area), "house_no",
					      S(p->cur_house_no)));
	if (p->household_id) {
		json_object_set_new(o, "household_href",
				    json_string(arena_printf(req->arena, "/households/%lld",
							     (long long)p->household_id)));
		json_object_set_new(o, "relation",
				    json_string(label_of(req, relations, relation_labels,
							 ARRAY_SIZE(relations), p->relation)));
	}
	return o;
}

/* Each field's message, for the form templates: {"field": "message"}. A
 * message for no known field goes to "alert". */
static void add_error(struct http_req *req, json_t *ctx, const struct err *e,
		      const char *const *fields, size_t n)
{
	const char *msg = web_en(req) ? e->en : e->th;
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(e->field, fields[i])) {
			json_object_set_new(ctx, "errors", json_pack("{s:s}", fields[i], msg));
			json_object_set_new(ctx, "alert",
					    json_string(web_tr(req, "Please correct the marked field.")));
			return;
		}
	json_object_set_new(ctx, "alert", json_string(msg));
}

/* ---- search ---- */

/* Sets q->national_id or q->name_key from what was typed. A query of digits
 * (spaces and hyphens allowed) must be a whole 13-digit ID. */
static int search_terms(struct http_req *req, const char *typed, struct person_query *q,
			struct err *e)
{
	char nid[THID_LEN + 1];
	struct buf key = BUF_INIT;
	const char *p;
	bool digits = false, other = false;

	for (p = typed; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits = true;
		else if (*p != ' ' && *p != '-')
			other = true;
	}
	if (digits && !other) {
		if (thid_normalize(typed, nid, "q", NULL))
			return err_set(e, ERR_INVALID, "q",
				       "เลขประจำตัวประชาชนมี 13 หลัก%s",
				       "a national ID has 13 digits%s", "");
		q->national_id = arena_strdup(req->arena, nid);
		return 0;
	}
	if (thtext_name_key(typed, strlen(typed), &key, e)) {
		buf_release(&key);
		return e->code;
	}
	if (*key.ptr)
		q->name_key = arena_strdup(req->arena, key.ptr);
	buf_release(&key);
	return 0;
}

static json_t *need_kind_options(struct http_req *req, int selected)
{
	json_t *a = json_array();
	int k;

	for (k = 1; k < NEED_COUNT; k++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "code", need_kind_code(k), "name",
						   need_kind_name(k, !web_en(req)), "selected",
						   k == selected));
	return a;
}

static void web_persons(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct person_list l = PERSON_LIST_INIT;
	struct person_query q;
	const char *typed = S(http_query(req, "q")), *area = S(http_query(req, "area"));
	const char *need = S(http_query(req, "need"));
	int64_t offset = web_parse_id(http_query(req, "offset"));
	struct date today;
	struct actor who;
	const char *token;
	struct err e;
	json_t *ctx, *rows;
	int kind = 0;
	size_t i;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	today = app_today(f->app);
	memset(&q, 0, sizeof(q));
	if (*need && (kind = need_kind_parse(need)) <= 0)
		kind = 0;
	if (!*area)
		area = who.area;
	q.area = area;
	q.need_kind = kind;
	q.today = today;
	q.limit = SEARCH_LIMIT + 1;
	q.offset = offset;
	ctx = json_pack("{s:b, s:s, s:s, s:s, s:o, s:s}", "nav_persons", 1, "title",
			web_tr(req, "People register"), "q", typed, "area", area, "needs",
			need_kind_options(req, kind), "area_name", web_area_label(req, &who, area));
	if (search_terms(req, typed, &q, &e) ||
	    app_person_search(f->app, &who, &q, &l, &e)) {
		if (e.code == ERR_FORBIDDEN) {
			json_decref(ctx);
			web_error(req, resp, &e, &who, token);
			return;
		}
		resp->status = err_http_status(e.code);
		json_object_set_new(ctx, "error", json_string(web_en(req) ? e.en : e.th));
		web_page(req, resp, "person_search", ctx, &who, token);
		return;
	}
	rows = json_array();
	for (i = 0; i < l.n && i < SEARCH_LIMIT; i++)
		json_array_append_new(rows, person_json(req, &who, &l.items[i], today));
	json_object_set_new(ctx, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(ctx, "rows", rows);
	json_object_set_new(ctx, "first", json_integer(offset + 1));
	json_object_set_new(ctx, "last", json_integer(offset + (int64_t)json_array_size(rows)));
	json_object_set_new(ctx, "can_add",
			    json_boolean(role_can(who.role, PERM_WRITE)));
	{
		/* The area and need are codes (digits, letters, '_'): nothing to encode. */
		const char *qs = arena_printf(req->arena, "?area=%s%s%s", area,
					      kind > 0 ? "&need=" : "", kind > 0 ? need : "");

		if (strspn(area, "0123456789TH") != strlen(area))
			qs = "";
		json_object_set_new(ctx, "export_csv_href",
				    json_string(arena_printf(req->arena, "/persons/export.csv%s", qs)));
		json_object_set_new(ctx, "export_xlsx_href",
				    json_string(arena_printf(req->arena, "/persons/export.xlsx%s", qs)));
	}
	if (l.n > SEARCH_LIMIT || offset > 0) {
		struct buf base = BUF_INIT;

		/* The paging links repeat the query; its text goes through the template's escaping
		 * as an attribute, so only URL-encoding is done here. */
		buf_puts(&base, "/persons?q=");
		for (i = 0; typed[i]; i++) {
			unsigned char ch = (unsigned char)typed[i];

			if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			    (ch >= '0' && ch <= '9') || ch == '-')
				buf_putc(&base, (char)ch);
			else
				buf_printf(&base, "%%%02X", ch);
		}
		buf_printf(&base, "&area=%s&need=%s", *area ? area : "", kind ? need_kind_code(kind) : "");
		if (l.n > SEARCH_LIMIT)
			json_object_set_new(ctx, "next_href",
					    json_string(arena_printf(req->arena, "%s&offset=%lld",
								     base.ptr,
								     (long long)(offset + SEARCH_LIMIT))));
		if (offset > 0)
			json_object_set_new(
				ctx, "prev_href",
				json_string(arena_printf(req->arena, "%s&offset=%lld", base.ptr,
							 (long long)(offset > SEARCH_LIMIT
									     ? offset - SEARCH_LIMIT
									     : 0))));
		buf_release(&base);
	}
	person_list_release(&l);
	web_page(req, resp, "person_search", ctx, &who, token);
}

/* ---- the add and edit form ---- */

static const char *const nationalities[] = { "TH", "XX", "", "MM", "LA", "KH" };

/* Renders person_form with values v (stolen) and the error e (may be NULL). */
static void render_form(struct http_req *req, struct http_resp *resp, const struct actor *who,
			const char *token, int64_t id, json_t *v, const struct err *e)
{
	const char *nat = json_string_value(json_object_get(v, "nationality"));
	const char *sex = json_string_value(json_object_get(v, "sex"));
	const char *reg = json_string_value(json_object_get(v, "reg_status"));
	json_t *ctx, *nats = json_array(), *sexes = json_array(), *regs = json_array();
	bool listed = false;
	size_t i;
	int r;

	nat = S(nat);
	for (i = 0; i < ARRAY_SIZE(nationalities); i++) {
		bool on = !strcmp(nat, nationalities[i]);

		listed |= on;
		json_array_append_new(nats, json_pack("{s:s, s:s, s:b}", "code", nationalities[i],
						      "name", nationality_name(req, nationalities[i]),
						      "selected", on));
	}
	json_array_append_new(nats, json_pack("{s:s, s:s, s:b}", "code", "other", "name",
					      web_tr(req, "Other (type the code)"), "selected",
					      !listed));
	for (i = SEX_MALE; i <= SEX_FEMALE; i++)
		json_array_append_new(sexes, json_pack("{s:s, s:s, s:b}", "code", sex_code(i), "name",
						       sex_name(i, !web_en(req)), "checked",
						       sex && !strcmp(sex, sex_code(i))));
	json_array_append_new(sexes, json_pack("{s:s, s:s, s:b}", "code", "U", "name",
					       web_tr(req, "Not recorded"), "checked",
					       !sex || !*sex || !strcmp(sex, "U")));
	for (r = 0; r < REG_COUNT; r++)
		json_array_append_new(regs, json_pack("{s:s, s:s, s:b}", "code", reg_status_code(r),
						      "name", reg_status_name(r, !web_en(req)),
						      "selected", reg && !strcmp(reg, reg_status_code(r))));
	ctx = json_pack("{s:b, s:s, s:o, s:o, s:o, s:o, s:s, s:s, s:s}", "nav_persons", 1,
			"title", web_tr(req, id ? "Edit person" : "Add a person"), "v", v,
			"nationalities", nats, "sexes", sexes, "reg_statuses", regs, "nat_other",
			listed ? "" : nat, "action",
			id ? arena_printf(req->arena, "/persons/%lld", (long long)id) : "/persons",
			"cancel_href",
			id ? arena_printf(req->arena, "/persons/%lld", (long long)id) : "/persons");
	if (id)
		json_object_set_new(ctx, "is_edit", json_true());
	if (e) {
		resp->status = err_http_status(e->code);
		add_error(req, ctx, e, person_fields, ARRAY_SIZE(person_fields));
	}
	web_page(req, resp, "person_form", ctx, who, token);
}

static json_t *values_of_form(struct http_req *req)
{
	json_t *v = json_object();
	size_t i;

	for (i = 0; i < ARRAY_SIZE(person_fields); i++)
		json_object_set_new(v, person_fields[i],
				    json_string(S(http_form(req, person_fields[i]))));
	if (!strcmp(S(http_form(req, "nationality")), "other"))
		json_object_set_new(v, "nationality",
				    json_string(S(http_form(req, "nationality_other"))));
	return v;
}

static void person_in_of(json_t *v, struct person_in *in)
{
#define F(name) in->name = json_string_value(json_object_get(v, #name))
	memset(in, 0, sizeof(*in));
	F(national_id);
	F(title);
	F(given_name);
	F(family_name);
	F(given_name_latin);
	F(family_name_latin);
	F(sex);
	F(birth_date);
	F(death_date);
	F(nationality);
	F(reg_status);
	F(area);
	F(house_no);
	F(cur_area);
	F(cur_house_no);
	F(phone);
#undef F
}

static void web_person_new(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;
	int level;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	level = geo_level(who.area);
	render_form(req, resp, &who, token, 0,
		    json_pack("{s:s, s:s, s:s}", "nationality", "TH", "reg_status", "house", "area",
			      level == GEO_TAMBON || level == GEO_VILLAGE ? who.area : ""),
		    NULL);
}

static void web_person_create(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct person_in in;
	struct actor who;
	const char *token;
	int64_t id = 0;
	struct err e;
	json_t *v;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	v = values_of_form(req);
	person_in_of(v, &in);
	if (app_person_add(f->app, &who, &in, &id, &e)) {
		if (e.code == ERR_FORBIDDEN) {
			json_decref(v);
			web_error(req, resp, &e, &who, token);
			return;
		}
		render_form(req, resp, &who, token, 0, v, &e);
		return;
	}
	json_decref(v);
	http_redirect(req, resp, arena_printf(req->arena, "/persons/%lld", (long long)id));
}

static void web_person_edit(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct person p;
	struct actor who;
	const char *token;
	struct err e;
	json_t *v;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!id) {
		not_found(req, resp, &who, token);
		return;
	}
	person_init(&p);
	if (app_person_get(f->app, &who, id, &p, NULL, NULL, NULL, &e)) {
		web_error(req, resp, &e, &who, token);
		return;
	}
	v = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
		      "national_id", web_nid_text(req, p.national_id), "title", S(p.title),
		      "given_name", S(p.given_name), "family_name", S(p.family_name),
		      "given_name_latin", S(p.given_name_latin), "family_name_latin",
		      S(p.family_name_latin), "sex", sex_code(p.sex), "birth_date",
		      form_date(req, p.birth), "nationality", p.nationality, "reg_status",
		      reg_status_code(p.reg_status), "area", p.area, "house_no", S(p.house_no),
		      "cur_area", p.cur_area, "cur_house_no", S(p.cur_house_no));
	json_object_set_new(v, "phone", json_string(S(p.phone)));
	person_release(&p);
	render_form(req, resp, &who, token, id, v, NULL);
}

static void web_person_update(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct person_in in;
	struct person p;
	struct actor who;
	const char *token;
	struct err e;
	json_t *v;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		not_found(req, resp, &who, token);
		return;
	}
	/* The form has no death date (a death is recorded on its own): keep it. */
	person_init(&p);
	if (app_person_get(f->app, &who, id, &p, NULL, NULL, NULL, &e)) {
		web_error(req, resp, &e, &who, token);
		return;
	}
	v = values_of_form(req);
	json_object_set_new(v, "death_date", json_string(iso_date(req, p.death)));
	person_release(&p);
	person_in_of(v, &in);
	if (app_person_update(f->app, &who, id, &in, &e)) {
		if (e.code == ERR_FORBIDDEN || e.code == ERR_NOT_FOUND) {
			json_decref(v);
			web_error(req, resp, &e, &who, token);
			return;
		}
		render_form(req, resp, &who, token, id, v, &e);
		return;
	}
	json_decref(v);
	http_redirect(req, resp, arena_printf(req->arena, "/persons/%lld", (long long)id));
}

/* ---- the record ---- */

static json_t *need_json(struct http_req *req, const struct need *n, struct date today)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)n->id, "kind",
			      need_kind_name(n->kind, !web_en(req)), "observed",
			      web_date_text(req, n->observed_on, DATE_MEDIUM), "ended",
			      web_date_text(req, n->ended_on, DATE_MEDIUM), "source",
			      label_of(req, need_sources, need_source_labels,
				       ARRAY_SIZE(need_sources), n->source),
			      "active", need_active(n, today));

	if (n->kind == NEED_DISABILITY)
		json_object_set_new(
			o, "disability",
			json_pack("{s:s, s:s, s:s, s:b}", "type",
				  n->disability_type ? disability_type_name(n->disability_type, !web_en(req))
						     : web_tr(req, "Not recorded"),
				  "card_no", n->card_no, "card_expires",
				  web_date_text(req, n->card_expires, DATE_MEDIUM), "no_card",
				  need_disability_without_card(n, today)));
	if (n->note && *n->note)
		json_object_set_new(o, "note", json_string(n->note));
	return o;
}

/*
 * The context of the record and its print page, or NULL after sending the
 * error page. form/fe: a small form of the page that failed, and why.
 */
static json_t *record_ctx(struct http_req *req, struct http_resp *resp, const struct actor *who,
			  const char *token, int64_t id, const char *form, const struct err *fe)
{
	struct face *f = req->app;
	struct need_list needs = NEED_LIST_INIT;
	struct consent_list consents = CONSENT_LIST_INIT;
	struct date today = app_today(f->app);
	struct person p;
	int hidden = 0;
	struct err e;
	json_t *ctx, *rows, *crows, *kinds, *dtypes;
	size_t i;
	int k;

	err_init(&e);
	person_init(&p);
	if (app_person_get(f->app, who, id, &p, &needs, &consents, &hidden, &e)) {
		web_error(req, resp, &e, who, token);
		return NULL;
	}
	rows = json_array();
	for (i = 0; i < needs.n; i++)
		json_array_append_new(rows, need_json(req, &needs.items[i], today));
	crows = json_array();
	for (i = 0; i < consents.n; i++) {
		const struct consent *c = &consents.items[i];

		json_array_append_new(
			crows, json_pack("{s:I, s:b, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)c->id,
					 "active", !c->withdrawn_on.y, "purpose", c->purpose, "basis",
					 label_of(req, consent_bases, consent_basis_labels,
						  ARRAY_SIZE(consent_bases), c->basis),
					 "given", web_date_text(req, c->given_on, DATE_MEDIUM), "withdrawn",
					 web_date_text(req, c->withdrawn_on, DATE_MEDIUM), "by",
					 c->recorded_by));
	}
	kinds = need_kind_options(req, 0);
	dtypes = json_array();
	for (k = 1; k < DIS_COUNT; k++)
		json_array_append_new(dtypes, json_pack("{s:s, s:s}", "code", disability_type_code(k),
							"name", disability_type_name(k, !web_en(req))));
	ctx = json_pack("{s:b, s:s, s:o, s:o, s:o, s:i, s:b, s:b, s:o, s:o, s:o, s:o, s:o, s:s}",
			"nav_persons", 1, "title", full_name(req, &p), "person",
			person_json(req, who, &p, today), "needs", rows, "consents", crows,
			"hidden_needs", hidden, "has_needs", needs.n > 0, "can_write",
			!actor_check(who, PERM_WRITE, p.area, NULL), "need_kinds", kinds,
			"disability_types", dtypes, "sources",
			options(req, need_sources, need_source_labels, ARRAY_SIZE(need_sources),
				"visit"),
			"bases",
			options(req, consent_bases, consent_basis_labels, ARRAY_SIZE(consent_bases),
				"consent"),
			"relations",
			options(req, relations, relation_labels, ARRAY_SIZE(relations), "child"),
			"today_be", form_date(req, today));
	if (p.household_id) {
		struct person_list members = PERSON_LIST_INIT;
		struct household h;
		json_t *m = json_array();

		memset(&h, 0, sizeof(h));
		if (!app_household_get(f->app, who, p.household_id, &h, &members, NULL)) {
			for (i = 0; i < members.n; i++) {
				json_t *o = person_json(req, who, &members.items[i], today);

				json_object_set_new(o, "is_self", json_boolean(members.items[i].id == id));
				json_array_append_new(m, o);
			}
			json_object_set_new(ctx, "household",
					    json_pack("{s:s, s:s, s:o}", "href",
						      arena_printf(req->arena, "/households/%lld",
								   (long long)h.id),
						      "house_no", S(h.house_no), "members", m));
			household_release(&h);
			person_list_release(&members);
		} else {
			json_decref(m);
		}
	} else {
		json_object_set_new(ctx, "new_household",
				    json_pack("{s:s, s:s}", "area", p.area, "house_no",
					      S(p.house_no)));
	}
	/* The welfare programs the person is enrolled in (web/program.c). */
	{
		json_t *en = web_person_enrolments(req, who, id);

		json_object_set_new(ctx, "has_enrolments", json_boolean(json_array_size(en) > 0));
		json_object_set_new(ctx, "enrolments", en);
		json_object_set_new(ctx, "apply_href",
				    json_string(arena_printf(req->arena, "/enrolments/new?person=%lld",
							     (long long)id)));
	}
	/* The organisations the person belongs to (web/org.c). */
	{
		json_t *orgs = web_person_orgs(req, who, id);

		json_object_set_new(ctx, "has_orgs", json_boolean(json_array_size(orgs) > 0));
		json_object_set_new(ctx, "orgs", orgs);
	}
	if (form && fe) {
		json_object_set_new(ctx, "form_errors",
				    json_pack("{s:s}", form, web_en(req) ? fe->en : fe->th));
		resp->status = err_http_status(fe->code);
	}
	person_release(&p);
	need_list_release(&needs);
	consent_list_release(&consents);
	return ctx;
}

static void render_person(struct http_req *req, struct http_resp *resp, const struct actor *who,
			  const char *token, int64_t id, const char *form, const struct err *fe)
{
	json_t *ctx = record_ctx(req, resp, who, token, id, form, fe);

	if (ctx)
		web_page(req, resp, "person", ctx, who, token);
}

static void web_person(struct http_req *req, struct http_resp *resp)
{
	int64_t id = web_parse_id(req->params[0]);
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!id)
		not_found(req, resp, &who, token);
	else
		render_person(req, resp, &who, token, id, NULL, NULL);
}

static void web_person_print(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct actor who;
	const char *token;
	json_t *ctx;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!id) {
		not_found(req, resp, &who, token);
		return;
	}
	if (!(ctx = record_ctx(req, resp, &who, token, id, NULL, NULL)))
		return;
	{
		struct audit_row *rows = NULL;
		size_t n = 0;

		/* The history is part of what a person may ask for. */
		if (!app_person_history(f->app, &who, id, &rows, &n, NULL)) {
			json_t *h = json_array();
			size_t i;

			for (i = 0; i < n; i++)
				json_array_append_new(h, json_pack("{s:s, s:s, s:s}", "at",
								   S(rows[i].at), "actor",
								   S(rows[i].actor), "action",
								   S(rows[i].action)));
			json_object_set_new(ctx, "history", h);
			audit_rows_free(rows, n);
		}
	}
	json_object_set_new(ctx, "printed", json_string(web_date_text(req, app_today(f->app), DATE_LONG)));
	web_page(req, resp, "person_print", ctx, &who, token);
}

static void web_person_export(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct actor who;
	const char *token;
	char *json = NULL;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!id) {
		not_found(req, resp, &who, token);
		return;
	}
	if (app_person_export(f->app, &who, id, &json, &e)) {
		web_error(req, resp, &e, &who, token);
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

/* ---- history ---- */

/* A UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" as Bangkok time in the page's language. */
static const char *show_time(struct http_req *req, const char *at)
{
	struct buf b = BUF_INIT;
	struct date d;
	int hh, mi, ss;
	const char *s = S(at);

	if (at && sscanf(at, "%d-%d-%dT%d:%d:%d", &d.y, &d.m, &d.d, &hh, &mi, &ss) == 6 &&
	    date_valid(d)) {
		time_t t = (time_t)date_to_days(d) * 86400 + hh * 3600 + mi * 60 + ss;

		if (!date_format_bangkok(t, DATE_MEDIUM, web_en(req) ? DATE_ENGLISH : 0, &b, NULL))
			s = arena_strdup(req->arena, b.ptr);
	}
	buf_release(&b);
	return s;
}

static const char *value_text(struct http_req *req, json_t *v)
{
	char *s;
	const char *r;

	if (!v || json_is_null(v))
		return "—";
	if (json_is_string(v))
		return *json_string_value(v) ? json_string_value(v) : "—";
	s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	r = arena_strdup(req->arena, S(s));
	free(s);
	return r;
}

/* The fields that differ between two JSON objects: [{field, before, after}]. */
static json_t *changes(struct http_req *req, const char *before, const char *after)
{
	json_t *b = before ? json_loads(before, 0, NULL) : NULL;
	json_t *a = after ? json_loads(after, 0, NULL) : NULL;
	json_t *out = json_array(), *v;
	const char *k;

	if (a && json_is_object(a))
		json_object_foreach(a, k, v) {
			json_t *old = b && json_is_object(b) ? json_object_get(b, k) : NULL;

			if (!old || !json_equal(old, v))
				json_array_append_new(out, json_pack("{s:s, s:s, s:s}", "field", k,
								     "before", value_text(req, old),
								     "after", value_text(req, v)));
		}
	if (b && json_is_object(b))
		json_object_foreach(b, k, v)
			if (!a || !json_is_object(a) || !json_object_get(a, k))
				json_array_append_new(out, json_pack("{s:s, s:s, s:s}", "field", k,
								     "before", value_text(req, v),
								     "after", "—"));
	json_decref(a);
	json_decref(b);
	return out;
}

static void web_person_history(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct audit_row *rows = NULL;
	struct person p;
	struct actor who;
	const char *token;
	struct err e;
	json_t *list, *ctx;
	size_t n = 0, i;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!id) {
		not_found(req, resp, &who, token);
		return;
	}
	person_init(&p);
	if (app_person_get(f->app, &who, id, &p, NULL, NULL, NULL, &e) ||
	    app_person_history(f->app, &who, id, &rows, &n, &e)) {
		person_release(&p);
		web_error(req, resp, &e, &who, token);
		return;
	}
	list = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(
			list, json_pack("{s:I, s:s, s:s, s:s, s:o}", "seq", (json_int_t)rows[i].seq,
					"at", show_time(req, rows[i].at), "actor", S(rows[i].actor),
					"action", S(rows[i].action), "changes",
					changes(req, rows[i].has_before ? rows[i].before : NULL,
						rows[i].has_after ? rows[i].after : NULL)));
	audit_rows_free(rows, n);
	ctx = json_pack("{s:b, s:s, s:s, s:s, s:o}", "nav_persons", 1, "title",
			web_tr(req, "History of changes"), "name", full_name(req, &p), "href",
			arena_printf(req->arena, "/persons/%lld", (long long)id), "entries", list);
	person_release(&p);
	web_page(req, resp, "person_history", ctx, &who, token);
}

/* ---- the record's small forms ---- */

/* After a small form: back to the record, or the record again with the
 * form's error; 403 and 404 get the error page. */
static void after_form(struct http_req *req, struct http_resp *resp, const struct actor *who,
		       const char *token, int64_t id, int rc, const char *form, const struct err *e,
		       const char *anchor)
{
	if (!rc) {
		http_redirect(req, resp,
			      arena_printf(req->arena, "/persons/%lld#%s", (long long)id, anchor));
		return;
	}
	if (e->code == ERR_FORBIDDEN || e->code == ERR_NOT_FOUND)
		web_error(req, resp, e, who, token);
	else
		render_person(req, resp, who, token, id, form, e);
}

static void web_person_death(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		not_found(req, resp, &who, token);
		return;
	}
	rc = app_person_death(f->app, &who, id, S(http_form(req, "death_date")), &e);
	after_form(req, resp, &who, token, id, rc, "death", &e, "record");
}

static void web_person_need_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	int64_t id = web_parse_id(req->params[0]), need_id = 0;
	struct need_in in;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		not_found(req, resp, &who, token);
		return;
	}
	memset(&in, 0, sizeof(in));
	in.kind = http_form(req, "kind");
	in.observed_on = http_form(req, "observed_on");
	in.source = http_form(req, "source");
	in.note = http_form(req, "note");
	if (in.kind && !strcmp(in.kind, need_kind_code(NEED_DISABILITY))) {
		in.disability_type = http_form(req, "disability_type");
		in.card_no = http_form(req, "card_no");
		in.card_issued = http_form(req, "card_issued");
		in.card_expires = http_form(req, "card_expires");
	}
	rc = app_need_add(f->app, &who, id, &in, &need_id, &e);
	after_form(req, resp, &who, token, id, rc, "need", &e, "needs");
}

static void web_need_end(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	int64_t id = web_parse_id(req->params[0]), person_id = web_parse_id(http_form(req, "person_id"));
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		not_found(req, resp, &who, token);
		return;
	}
	rc = app_need_end(f->app, &who, id, S(http_form(req, "ended_on")), &e);
	if (!person_id) {
		if (rc)
			web_error(req, resp, &e, &who, token);
		else
			http_redirect(req, resp, "/persons");
		return;
	}
	after_form(req, resp, &who, token, person_id, rc, "need_end", &e, "needs");
}

static void web_person_consent_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	int64_t id = web_parse_id(req->params[0]), cid = 0;
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		not_found(req, resp, &who, token);
		return;
	}
	rc = app_consent_add(f->app, &who, id, S(http_form(req, "purpose")),
			     S(http_form(req, "basis")), S(http_form(req, "given_on")), &cid, &e);
	after_form(req, resp, &who, token, id, rc, "consent", &e, "consents");
}

/* Puts the person into an existing household (its record number typed). */
static void web_person_household_join(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	int64_t id = web_parse_id(req->params[0]);
	int64_t household = web_parse_id(http_form(req, "household_id"));
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		not_found(req, resp, &who, token);
		return;
	}
	if (!household)
		rc = err_set(&e, ERR_INVALID, "household_id",
			     "กรุณาใส่เลขทะเบียนครัวเรือน (ตัวเลข)%s",
			     "enter the household's record number%s", "");
	else
		rc = app_household_join(f->app, &who, household, id, S(http_form(req, "relation")),
					&e);
	/* An unknown household is a typing slip here, not a missing page. */
	if (rc == ERR_NOT_FOUND)
		e.code = ERR_INVALID;
	after_form(req, resp, &who, token, id, rc, "household_join", &e, "household");
}

static void web_consent_withdraw(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	int64_t id = web_parse_id(req->params[0]), person_id = web_parse_id(http_form(req, "person_id"));
	struct actor who;
	const char *token;
	struct err e;
	int rc;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id || !person_id) {
		not_found(req, resp, &who, token);
		return;
	}
	rc = app_consent_withdraw(f->app, &who, id, S(http_form(req, "withdrawn_on")), &e);
	after_form(req, resp, &who, token, person_id, rc, "consent_withdraw", &e, "consents");
}

/* ---- households ---- */

static void render_household(struct http_req *req, struct http_resp *resp,
			     const struct actor *who, const char *token, int64_t id,
			     const struct err *fe, const char *typed_person)
{
	struct face *f = req->app;
	struct person_list members = PERSON_LIST_INIT;
	struct date today = app_today(f->app);
	struct buf income = BUF_INIT;
	struct household h;
	struct err e;
	json_t *ctx, *m;
	size_t i;

	err_init(&e);
	memset(&h, 0, sizeof(h));
	if (app_household_get(f->app, who, id, &h, &members, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	m = json_array();
	for (i = 0; i < members.n; i++) {
		json_t *o = person_json(req, who, &members.items[i], today);

		json_object_set_new(o, "is_head", json_boolean(members.items[i].id == h.head_person_id));
		json_array_append_new(m, o);
	}
	if (h.monthly_income >= 0)
		money_format(h.monthly_income, 0, &income, NULL);
	ctx = json_pack("{s:b, s:s, s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:b, s:s}", "nav_persons", 1,
			"title", web_tr(req, "Household"), "id", (json_int_t)h.id, "area", h.area,
			"area_name", web_area_label(req, who, h.area), "house_no", S(h.house_no),
			"income", income.ptr, "members", m, "relations",
			options(req, relations, relation_labels, ARRAY_SIZE(relations), "child"),
			"can_write", !actor_check(who, PERM_WRITE, h.area, NULL), "typed_person",
			S(typed_person));
	buf_release(&income);
	if (fe) {
		resp->status = err_http_status(fe->code);
		json_object_set_new(ctx, "error", json_string(web_en(req) ? fe->en : fe->th));
	}
	household_release(&h);
	person_list_release(&members);
	web_page(req, resp, "household", ctx, who, token);
}

static void web_household(struct http_req *req, struct http_resp *resp)
{
	int64_t id = web_parse_id(req->params[0]);
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!id)
		not_found(req, resp, &who, token);
	else
		render_household(req, resp, &who, token, id, NULL, NULL);
}

static void web_household_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	int64_t person_id = web_parse_id(http_form(req, "person_id")), id = 0, income = -1;
	const char *typed = S(http_form(req, "income"));
	struct actor who;
	const char *token;
	struct err e;
	int rc = 0;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (*typed)
		rc = money_parse(typed, &income, "income", &e);
	if (!rc)
		rc = app_household_add(f->app, &who, S(http_form(req, "area")),
				       S(http_form(req, "house_no")), income, &id, &e);
	if (!rc && person_id)
		rc = app_household_join(f->app, &who, id, person_id, "head", &e);
	if (rc && person_id) {
		after_form(req, resp, &who, token, person_id, rc, "household", &e, "household");
		return;
	}
	if (rc) {
		web_error(req, resp, &e, &who, token);
		return;
	}
	http_redirect(req, resp, arena_printf(req->arena, "/households/%lld", (long long)id));
}

static void web_household_member_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	int64_t id = web_parse_id(req->params[0]);
	const char *typed = S(http_form(req, "person_id"));
	int64_t person_id = web_parse_id(typed);
	struct actor who;
	const char *token;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		not_found(req, resp, &who, token);
		return;
	}
	if (!person_id)
		err_set(&e, ERR_INVALID, "person_id", "กรุณาใส่เลขทะเบียนบุคคล (ตัวเลข)%s",
			"enter the person's record number%s", "");
	else if (!app_household_join(f->app, &who, id, person_id, S(http_form(req, "relation")),
				     &e)) {
		http_redirect(req, resp, arena_printf(req->arena, "/households/%lld", (long long)id));
		return;
	}
	if (e.code == ERR_FORBIDDEN)
		web_error(req, resp, &e, &who, token);
	else
		render_household(req, resp, &who, token, id, &e, typed);
}

const struct http_route web_person_routes[] = {
	{ "GET", "/persons", web_persons },
	{ "GET", "/persons/new", web_person_new },
	{ "POST", "/persons", web_person_create },
	{ "GET", "/persons/{id}", web_person },
	{ "POST", "/persons/{id}", web_person_update },
	{ "GET", "/persons/{id}/edit", web_person_edit },
	{ "GET", "/persons/{id}/history", web_person_history },
	{ "GET", "/persons/{id}/export.json", web_person_export },
	{ "GET", "/persons/{id}/print", web_person_print },
	{ "POST", "/persons/{id}/death", web_person_death },
	{ "POST", "/persons/{id}/needs", web_person_need_add },
	{ "POST", "/needs/{id}/end", web_need_end },
	{ "POST", "/persons/{id}/consents", web_person_consent_add },
	{ "POST", "/consents/{id}/withdraw", web_consent_withdraw },
	{ "POST", "/persons/{id}/household", web_person_household_join },
	{ "POST", "/households", web_household_add },
	{ "GET", "/households/{id}", web_household },
	{ "POST", "/households/{id}/members", web_household_member_add },
};
const size_t web_person_nroutes = ARRAY_SIZE(web_person_routes);
