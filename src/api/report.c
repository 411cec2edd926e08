/* API: the situation picture of an area on a date (app/report). */
#include "api/api.h"
#include "app/report.h"


/* A count, or null when suppressed. */
static json_t *count(int64_t v)
{
	return v < 0 ? json_null() : json_integer(v);
}

static json_t *groups_json(const struct situation_counts *c)
{
	json_t *o = json_object();
	int i;

	for (i = 0; i < GROUP_COUNT; i++)
		json_object_set_new(o, target_group_code((enum target_group)(1u << i)),
				    count(c->groups[i]));
	return o;
}

static json_t *needs_json(const struct situation_counts *c)
{
	json_t *o = json_object();
	int k;

	for (k = 1; k < NEED_COUNT; k++)
		json_object_set_new(o, need_kind_code((enum need_kind)k), count(c->needs[k]));
	return o;
}

static json_t *situation_json(const struct situation *s)
{
	json_t *o, *pyr = json_array(), *kids = json_array();
	char iso[48];
	size_t i;
	int b;

	for (b = 0; b < AGE_BANDS; b++)
		json_array_append_new(pyr, json_pack("{s:s, s:I, s:I, s:I}", "band", age_band_label(b),
						     "male", (json_int_t)s->all.pyramid[SEX_MALE][b],
						     "female", (json_int_t)s->all.pyramid[SEX_FEMALE][b],
						     "unknown", (json_int_t)s->all.pyramid[SEX_UNKNOWN][b]));
	for (i = 0; i < s->n; i++) {
		const struct situation_child *c = &s->children[i];

		json_array_append_new(
			kids, json_pack("{s:s, s:s, s:o, s:I, s:o, s:o, s:o, s:o}", "code", c->c.code,
					"name_th", c->name_th, "name_en",
					c->name_en ? json_string(c->name_en) : json_null(), "total",
					(json_int_t)c->c.total, "groups", groups_json(&c->c), "needs",
					needs_json(&c->c), "disabled_no_card",
					count(c->c.disabled_no_card), "no_support",
					count(c->c.no_support)));
	}
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", s->on.y, s->on.m, s->on.d);
	o = json_pack("{s:{s:s, s:i, s:s, s:o}, s:s, s:I, s:o, s:o, s:{s:I, s:I, s:I}, s:o, s:o,"
		      " s:o, s:b, s:i, s:o}",
		      "area", "code", s->area.code, "level", s->area.level, "name_th",
		      s->area.name_th, "name_en",
		      s->area.name_en ? json_string(s->area.name_en) : json_null(), "date", iso,
		      "total", (json_int_t)s->all.total, "groups", groups_json(&s->all), "pyramid",
		      pyr, "age_unknown", "male", (json_int_t)s->all.age_unknown[SEX_MALE], "female",
		      (json_int_t)s->all.age_unknown[SEX_FEMALE], "unknown",
		      (json_int_t)s->all.age_unknown[SEX_UNKNOWN], "needs", needs_json(&s->all),
		      "disabled_no_card", count(s->all.disabled_no_card), "no_support",
		      count(s->all.no_support), "suppressed", s->suppressed, "min_cell",
		      REPORT_MIN_CELL, "children", kids);
	return o;
}

static void api_situation(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct situation s = { 0 };
	struct actor who;
	struct err e;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (app_situation(f->app, &who, req->params[0], http_query(req, "date"), &s, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	http_send_json(resp, 200, situation_json(&s));
	situation_release(&s);
}

const struct http_route api_report_routes[] = {
	{ "GET", "/api/v1/situation/{code}", api_situation },
};
const size_t api_report_nroutes = ARRAY_SIZE(api_report_routes);
