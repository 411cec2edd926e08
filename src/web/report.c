/*
 * Page: the situation picture of an area (app/report): a date form, the
 * counts by target group, the population pyramid, needs, and a table per
 * child area, with inline SVG charts (web/svg). Suppressed cells read
 * "<5". /situation goes to the user's own area.
 */
#include "web/web.h"
#include "app/report.h"
#include "web/svg.h"


static bool thai(struct http_req *req)
{
	return strcmp(face_lang(req), "en") != 0;
}

static const char *num(struct http_req *req, int64_t v)
{
	return v < 0 ? "<5" : arena_printf(req->arena, "%lld", (long long)v);
}

static json_t *groups_rows(struct http_req *req, const struct situation_counts *c)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < GROUP_COUNT; i++)
		json_array_append_new(
			a, json_pack("{s:s, s:s}", "name",
				     target_group_name((enum target_group)(1u << i), thai(req)), "count",
				     num(req, c->groups[i])));
	return a;
}

static char *groups_chart(struct http_req *req, const struct situation_counts *c)
{
	struct svg_bar bars[GROUP_COUNT];
	struct buf b = BUF_INIT;
	int i;

	for (i = 0; i < GROUP_COUNT; i++) {
		bars[i].label = target_group_name((enum target_group)(1u << i), thai(req));
		bars[i].value = c->groups[i];
		bars[i].value_text = num(req, c->groups[i]);
	}
	svg_bars(&b, web_tr(req, "People by target group"), bars, GROUP_COUNT);
	return b.ptr;
}

static json_t *needs_rows(struct http_req *req, const struct situation_counts *c,
			  struct buf *chart)
{
	struct svg_bar bars[NEED_COUNT + 1];
	json_t *a = json_array();
	size_t n = 0;
	int k;

	for (k = 1; k < NEED_COUNT; k++) {
		const char *name = need_kind_name((enum need_kind)k, thai(req));

		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "name", name, "count",
						   num(req, c->needs[k]), "sensitive",
						   need_kind_sensitive((enum need_kind)k)));
		bars[n++] = (struct svg_bar){ name, c->needs[k], num(req, c->needs[k]) };
	}
	json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "name",
					   web_tr(req, "Disabled without a disability card"), "count",
					   num(req, c->disabled_no_card), "sensitive", 1));
	bars[n++] = (struct svg_bar){ web_tr(req, "Disabled without a disability card"),
				      c->disabled_no_card, num(req, c->disabled_no_card) };
	svg_bars(chart, web_tr(req, "People by need"), bars, n);
	return a;
}

static char *pyramid_chart(struct http_req *req, const struct situation_counts *c)
{
	const char *bands[AGE_BANDS];
	struct buf b = BUF_INIT;
	int i;

	for (i = 0; i < AGE_BANDS; i++)
		bands[i] = age_band_label(i);
	svg_pyramid(&b, web_tr(req, "Population by sex and age"), web_tr(req, "Men"),
		    web_tr(req, "Women"), bands, c->pyramid[SEX_MALE], c->pyramid[SEX_FEMALE],
		    AGE_BANDS);
	return b.ptr;
}

static json_t *pyramid_rows(const struct situation_counts *c)
{
	json_t *a = json_array();
	int i;

	for (i = AGE_BANDS - 1; i >= 0; i--)
		json_array_append_new(a, json_pack("{s:s, s:I, s:I, s:I}", "band", age_band_label(i),
						   "male", (json_int_t)c->pyramid[SEX_MALE][i],
						   "female", (json_int_t)c->pyramid[SEX_FEMALE][i],
						   "unknown", (json_int_t)c->pyramid[SEX_UNKNOWN][i]));
	return a;
}

static json_t *child_rows(struct http_req *req, const struct situation *s, const char *iso)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < s->n; i++) {
		const struct situation_child *c = &s->children[i];
		bool own = !strcmp(c->c.code, s->area.code);
		json_t *row = json_pack(
			"{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "code", c->c.code, "name",
			web_area_name(req, c->name_th, c->name_en), "total", num(req, c->c.total),
			"child_youth", num(req, c->c.groups[0]), "working_age",
			num(req, c->c.groups[1]), "elderly", num(req, c->c.groups[2]),
			"disadvantaged", num(req, c->c.groups[3]), "no_support",
			num(req, c->c.no_support));

		if (!own)
			json_object_set_new(row, "href",
					    json_string(arena_printf(req->arena, "/situation/%s?date=%s",
								     c->c.code, iso)));
		json_array_append_new(a, row);
	}
	return a;
}

static void web_situation_home(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (web_session(req, &who, &token)) {
		web_to_login(req, resp);
		return;
	}
	http_redirect(req, resp, arena_printf(req->arena, "/situation/%s", who.area));
}

static void web_situation(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct situation s = { 0 };
	struct buf when = BUF_INIT, needs_chart = BUF_INIT;
	const char *token, *date = http_query(req, "date");
	char iso[48], *gchart, *pchart;
	struct actor who;
	struct err e;
	json_t *ctx, *needs;

	err_init(&e);
	if (web_session(req, &who, &token)) {
		web_to_login(req, resp);
		return;
	}
	if (app_situation(f->app, &who, req->params[0], date, &s, &e)) {
		web_error(req, resp, &e, &who, token);
		return;
	}
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", s.on.y, s.on.m, s.on.d);
	date_format(s.on, DATE_LONG, thai(req) ? 0 : DATE_ENGLISH, &when, NULL);
	gchart = groups_chart(req, &s.all);
	pchart = pyramid_chart(req, &s.all);
	needs = needs_rows(req, &s.all, &needs_chart);
	ctx = json_pack("{s:b, s:s, s:{s:s, s:s, s:s}, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:s,"
			" s:o, s:s, s:s, s:b}",
			"nav_situation", 1, "title", web_tr(req, "Situation"), "area", "code",
			s.area.code, "name", web_area_name(req, s.area.name_th, s.area.name_en),
			"level", web_level_name(req, s.area.level), "date", when.ptr, "date_iso", iso,
			"date_input", date && *date ? date : "", "total", num(req, s.all.total),
			"groups", groups_rows(req, &s.all), "groups_chart", gchart, "pyramid",
			pyramid_rows(&s.all), "pyramid_chart", pchart, "needs", needs, "needs_chart",
			needs_chart.ptr, "no_support", num(req, s.all.no_support), "suppressed",
			s.suppressed);
	if (s.n) {
		json_object_set_new(ctx, "children", child_rows(req, &s, iso));
		json_object_set_new(ctx, "children_label",
				    json_string(web_level_name(req, s.area.level + 1)));
	}
	free(gchart);
	free(pchart);
	buf_release(&needs_chart);
	buf_release(&when);
	situation_release(&s);
	web_page(req, resp, "situation", ctx, &who, token);
}

const struct http_route web_report_routes[] = {
	{ "GET", "/situation", web_situation_home },
	{ "GET", "/situation/{code}", web_situation },
};
const size_t web_report_nroutes = ARRAY_SIZE(web_report_routes);
