/*
 * Pages: the home page (the user's own area) and the area browser, which
 * drills nation → region → province → district → tambon → villages. What
 * a user may see is decided by app/geo; pages only lay it out.
 */
#include "web/web.h"
#include "app/geo.h"


#define HOME_CHILDREN 12

static const char *children_label(struct http_req *req, int level)
{
	static const char *const labels[] = { "Regions", "Districts", "Subdistricts", "Villages" };

	return level >= 0 && level <= 3 ? web_tr(req, labels[level]) : NULL;
}

static const char *area_href(struct http_req *req, const char *code)
{
	return arena_printf(req->arena, "/areas/%s", code);
}

static void web_home(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct geo_area_list kids = GEO_AREA_LIST_INIT;
	struct geo_area g;
	struct actor who;
	const char *token;
	struct err e;
	json_t *ctx, *children;
	int64_t users;
	size_t i;

	err_init(&e);
	if (web_session(req, &who, &token)) {
		web_to_login(req, resp);
		return;
	}
	if (app_area_get(f->app, &who, who.area, &g, &e) ||
	    app_area_user_count(f->app, &who, who.area, &users, &e)) {
		web_error(req, resp, &e, &who, token);
		return;
	}
	if (g.level == GEO_NATION)
		app_regions_as_areas(f->app, &who, &kids, NULL);
	else
		app_area_children(f->app, &who, who.area, GEO_ORDER_CODE, &kids, NULL);
	children = json_array();
	for (i = 0; i < kids.n && i < HOME_CHILDREN; i++)
		json_array_append_new(
			children,
			json_pack("{s:s, s:s, s:s}", "code", kids.items[i].code, "name",
				  web_area_name(req, kids.items[i].name_th, kids.items[i].name_en),
				  "href",
				  g.level == GEO_NATION
					  ? arena_printf(req->arena, "/regions/%s", kids.items[i].code)
					  : area_href(req, kids.items[i].code)));
	ctx = json_pack("{s:b, s:s, s:{s:s, s:s, s:s, s:s}, s:I, s:I, s:o, s:b}", "nav_home", 1,
			"title", web_tr(req, "Home"), "area", "code", g.code, "name",
			web_area_name(req, g.name_th, g.name_en), "level",
			web_level_name(req, g.level), "href",
			g.level == GEO_NATION ? "/areas" : area_href(req, g.code), "child_count",
			(json_int_t)kids.n, "user_count", (json_int_t)users, "children", children,
			"more_children", kids.n > HOME_CHILDREN);
	if (children_label(req, g.level))
		json_object_set_new(ctx, "children_label", json_string(children_label(req, g.level)));
	geo_area_list_release(&kids);
	geo_area_release(&g);
	web_page(req, resp, "home", ctx, &who, token);
}

/* Breadcrumbs from the nation down to code; the region sits under the nation. */
static json_t *breadcrumbs(struct http_req *req, const struct actor *who, const char *code,
			   const char *region_code, const char *region_name)
{
	struct face *f = req->app;
	json_t *list = json_array();
	int level = geo_level(code), l;

	json_array_append_new(list, json_pack("{s:s, s:s}", "name", web_tr(req, "Thailand"),
					      "href", "/areas"));
	if (region_code)
		json_array_append_new(list,
				      json_pack("{s:s, s:s}", "name", region_name, "href",
						arena_printf(req->arena, "/regions/%s", region_code)));
	for (l = GEO_PROVINCE; l <= level; l++) {
		char at[GEO_CODE_SIZE];
		struct geo_area g;

		if (geo_code_at_level(code, l, at) || app_area_get(f->app, who, at, &g, NULL))
			continue;
		json_array_append_new(list, json_pack("{s:s, s:s}", "name",
						      web_area_name(req, g.name_th, g.name_en),
						      "href", area_href(req, at)));
		geo_area_release(&g);
	}
	/* The last crumb is this page: no link. */
	if (json_array_size(list)) {
		json_t *last = json_array_get(list, json_array_size(list) - 1);

		json_object_del(last, "href");
		json_object_set_new(last, "current", json_true());
	}
	return list;
}

static json_t *area_rows(struct http_req *req, const struct geo_area_list *l, bool regions)
{
	json_t *rows = json_array();
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct geo_area *a = &l->items[i];

		json_array_append_new(
			rows, json_pack("{s:s, s:s, s:s, s:I, s:s}", "code", a->code, "name_th",
					a->name_th, "name_en", a->name_en ? a->name_en : "",
					"child_count", (json_int_t)a->nchildren, "href",
					regions ? arena_printf(req->arena, "/regions/%s", a->code)
						: area_href(req, a->code)));
	}
	return rows;
}

static void web_areas_nation(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct geo_area_list l = GEO_AREA_LIST_INIT;
	struct actor who;
	const char *token;
	struct err e;
	json_t *ctx;

	err_init(&e);
	if (web_session(req, &who, &token)) {
		web_to_login(req, resp);
		return;
	}
	if (app_regions_as_areas(f->app, &who, &l, &e)) {
		web_error(req, resp, &e, &who, token);
		return;
	}
	ctx = json_pack("{s:b, s:s, s:o, s:{s:s, s:s, s:s, s:s}, s:s, s:o}", "nav_areas", 1,
			"title", web_tr(req, "Areas"), "breadcrumbs",
			breadcrumbs(req, &who, GEO_NATION_CODE, NULL, NULL), "area", "code",
			GEO_NATION_CODE, "name_th", "ประเทศไทย", "name_en", "Thailand", "level",
			web_level_name(req, GEO_NATION), "children_label",
			web_tr(req, "Regions"), "children", area_rows(req, &l, true));
	geo_area_list_release(&l);
	web_page(req, resp, "areas", ctx, &who, token);
}

static void web_region(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct geo_area_list regions = GEO_AREA_LIST_INIT, l = GEO_AREA_LIST_INIT;
	const char *code = req->params[0], *name_th = NULL, *name_en = NULL;
	struct actor who;
	const char *token;
	struct err e;
	json_t *ctx;
	size_t i;

	err_init(&e);
	if (web_session(req, &who, &token)) {
		web_to_login(req, resp);
		return;
	}
	if (app_regions_as_areas(f->app, &who, &regions, &e) ||
	    app_region_provinces(f->app, &who, code, GEO_ORDER_NAME, &l, &e)) {
		geo_area_list_release(&regions);
		web_error(req, resp, &e, &who, token);
		return;
	}
	for (i = 0; i < regions.n; i++)
		if (!strcmp(regions.items[i].code, code)) {
			name_th = regions.items[i].name_th;
			name_en = regions.items[i].name_en;
		}
	ctx = json_pack("{s:b, s:s, s:o, s:{s:s, s:s, s:s, s:s}, s:s, s:o}", "nav_areas", 1,
			"title", web_area_name(req, name_th ? name_th : code, name_en),
			"breadcrumbs",
			breadcrumbs(req, &who, GEO_NATION_CODE, code,
				    web_area_name(req, name_th ? name_th : code, name_en)),
			"area", "code", code, "name_th", name_th ? name_th : code, "name_en",
			name_en ? name_en : "", "level", web_tr(req, "Region"), "children_label",
			web_tr(req, "Provinces"), "children", area_rows(req, &l, false));
	geo_area_list_release(&regions);
	geo_area_list_release(&l);
	web_page(req, resp, "areas", ctx, &who, token);
}

static void render_area(struct http_req *req, struct http_resp *resp, const struct actor *who,
			const char *token, const char *code, const char *village_error,
			const char *typed, const char *typed_moo, const char *typed_en)
{
	struct face *f = req->app;
	struct geo_area_list l = GEO_AREA_LIST_INIT, regions = GEO_AREA_LIST_INIT;
	const char *region_name = NULL;
	struct geo_area g;
	struct err e;
	json_t *ctx;
	size_t i;

	err_init(&e);
	if (app_area_get(f->app, who, code, &g, &e) ||
	    app_area_children(f->app, who, code, GEO_ORDER_CODE, &l, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	/* The region of the province, for the breadcrumb. */
	{
		char prov[GEO_CODE_SIZE];
		struct geo_area p;

		if (!geo_code_at_level(code, GEO_PROVINCE, prov) &&
		    !app_area_get(f->app, who, prov, &p, NULL)) {
			app_regions_as_areas(f->app, who, &regions, NULL);
			for (i = 0; i < regions.n; i++)
				if (!strcmp(regions.items[i].code, p.region))
					region_name = web_area_name(req, regions.items[i].name_th,
								    regions.items[i].name_en);
			ctx = breadcrumbs(req, who, code, region_name ? p.region : NULL,
					  region_name);
			geo_area_release(&p);
		} else {
			ctx = breadcrumbs(req, who, code, NULL, NULL);
		}
	}
	ctx = json_pack("{s:b, s:s, s:o, s:{s:s, s:s, s:s, s:s}}", "nav_areas", 1, "title",
			web_area_name(req, g.name_th, g.name_en), "breadcrumbs", ctx, "area", "code",
			g.code, "name_th", g.name_th, "name_en", g.name_en ? g.name_en : "", "level",
			web_level_name(req, g.level));
	if (g.level == GEO_TAMBON) {
		json_t *v = json_array();

		for (i = 0; i < l.n; i++)
			json_array_append_new(v, json_pack("{s:s, s:i, s:s, s:s}", "code",
							   l.items[i].code, "moo",
							   atoi(l.items[i].code + 6), "name_th",
							   l.items[i].name_th, "name_en",
							   l.items[i].name_en ? l.items[i].name_en : ""));
		json_object_set_new(ctx, "is_tambon", json_true());
		json_object_set_new(ctx, "villages", v);
		json_object_set_new(ctx, "can_add_village",
				    json_boolean(!actor_check(who, PERM_AREA_EDIT, code, NULL)));
		if (village_error)
			json_object_set_new(ctx, "village_error", json_string(village_error));
		if (village_error)
			json_object_set_new(ctx, "village_form",
					    json_pack("{s:s, s:s, s:s}", "name_th", typed ? typed : "",
						      "moo", typed_moo ? typed_moo : "", "name_en",
						      typed_en ? typed_en : ""));
	} else if (g.level < GEO_TAMBON) {
		json_object_set_new(ctx, "children_label",
				    json_string(children_label(req, g.level)));
		json_object_set_new(ctx, "children", area_rows(req, &l, false));
	}
	geo_area_release(&g);
	geo_area_list_release(&l);
	geo_area_list_release(&regions);
	web_page(req, resp, "areas", ctx, who, token);
}

static void web_area(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (web_session(req, &who, &token)) {
		web_to_login(req, resp);
		return;
	}
	if (!strcmp(req->params[0], GEO_NATION_CODE)) {
		http_redirect(req, resp, "/areas");
		return;
	}
	render_area(req, resp, &who, token, req->params[0], NULL, NULL, NULL, NULL);
}

static void web_village_add(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	const char *name = http_form(req, "name_th"), *moo = http_form(req, "moo");
	const char *name_en = http_form(req, "name_en");
	char code[GEO_CODE_SIZE], *end = NULL;
	long num = 0;
	struct actor who;
	const char *token;
	struct err e;

	err_init(&e);
	if (web_session(req, &who, &token)) {
		web_to_login(req, resp);
		return;
	}
	if (!web_csrf_ok(req, resp, token, &who))
		return;
	if (moo && *moo) {
		num = strtol(moo, &end, 10);
		if (*end || num < 1 || num > GEO_VILLAGE_MAX)
			num = -1; /* refused with a field message below */
	}
	if (app_village_add(f->app, &who, req->params[0], (int)num, name ? name : "", name_en,
			    code, &e)) {
		if (e.code == ERR_FORBIDDEN || e.code == ERR_NOT_FOUND) {
			web_error(req, resp, &e, &who, token);
			return;
		}
		resp->status = err_http_status(e.code);
		render_area(req, resp, &who, token, req->params[0],
			    !strcmp(face_lang(req), "en") ? e.en : e.th, name, moo, name_en);
		return;
	}
	http_redirect(req, resp, arena_printf(req->arena, "/areas/%s#v%s", req->params[0], code));
}

/* A failed form is shown at the form's URL; links from it (the language
 * switch, a reload) come here and go back to the tambon's page. */
static void web_villages_redirect(struct http_req *req, struct http_resp *resp)
{
	const char *lang = http_query(req, "lang");

	web_catalog(req, resp);
	http_redirect(req, resp,
		      lang ? arena_printf(req->arena, "/areas/%s?lang=%s", req->params[0],
					  !strcmp(lang, "en") ? "en" : "th")
			   : arena_printf(req->arena, "/areas/%s", req->params[0]));
}

const struct http_route web_geo_routes[] = {
	{ "GET", "/", web_home },
	{ "GET", "/areas", web_areas_nation },
	{ "GET", "/regions/{code}", web_region },
	{ "GET", "/areas/{code}", web_area },
	{ "POST", "/areas/{code}/villages", web_village_add },
	{ "GET", "/areas/{code}/villages", web_villages_redirect },
};
const size_t web_geo_nroutes = ARRAY_SIZE(web_geo_routes);
