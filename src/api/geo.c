/* API: regions and the area tree; adding villages. */
#include "api/api.h"
#include "app/geo.h"


static json_t *area_json(const struct geo_area *g)
{
	json_t *o = json_pack("{s:s, s:i, s:s, s:s, s:o, s:I}", "code", g->code, "level", g->level,
			      "level_name", geo_level_name(g->level), "name_th", g->name_th,
			      "name_en", g->name_en ? json_string(g->name_en) : json_null(),
			      "children", (json_int_t)g->nchildren);

	if (g->parent[0])
		json_object_set_new(o, "parent", json_string(g->parent));
	if (g->region[0])
		json_object_set_new(o, "region", json_string(g->region));
	if (g->cluster[0])
		json_object_set_new(o, "cluster", json_string(g->cluster));
	return o;
}

static json_t *list_json(const struct geo_area_list *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, area_json(&l->items[i]));
	return a;
}

static enum geo_order order_arg(struct http_req *req)
{
	const char *o = http_query(req, "order");

	return o && !strcmp(o, "name") ? GEO_ORDER_NAME : GEO_ORDER_CODE;
}

static void send_area(struct http_req *req, struct http_resp *resp, const char *code)
{
	struct face *f = req->app;
	struct geo_area g;
	struct actor who;
	struct err e;
	int64_t users;
	json_t *o;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (app_area_get(f->app, &who, code, &g, &e) ||
	    app_area_user_count(f->app, &who, code, &users, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	o = area_json(&g);
	json_object_set_new(o, "users", json_integer(users));
	json_object_set_new(o, "in_scope", json_boolean(geo_in_scope(who.area, code)));
	geo_area_release(&g);
	http_send_json(resp, 200, o);
}

static void api_areas_root(struct http_req *req, struct http_resp *resp)
{
	send_area(req, resp, GEO_NATION_CODE);
}

static void api_area_get(struct http_req *req, struct http_resp *resp)
{
	send_area(req, resp, req->params[0]);
}

static void api_area_children(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct geo_area_list l = GEO_AREA_LIST_INIT;
	struct actor who;
	struct err e;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (app_area_children(f->app, &who, req->params[0], order_arg(req), &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	http_send_json(resp, 200, json_pack("{s:s, s:o}", "code", req->params[0], "items",
					    list_json(&l)));
	geo_area_list_release(&l);
}

static void api_area_add_village(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	char code[GEO_CODE_SIZE];
	const char *name;
	struct actor who;
	struct err e;
	json_t *body, *moo;

	err_init(&e);
	if (api_auth(req, resp, &who) || !(body = http_json_body(req, resp)))
		return;
	name = api_str(body, "name_th");
	moo = json_object_get(body, "moo");
	if (moo && !json_is_integer(moo)) {
		err_set(&e, ERR_INVALID, "moo", "หมู่ที่ (moo) ต้องเป็นจำนวนเต็ม%s",
			"field 'moo' (the village number) must be an integer%s", "");
		api_fail(req, resp, &e);
	} else if (!name) {
		err_set(&e, ERR_INVALID, "name_th", "ต้องระบุชื่อหมู่บ้าน (name_th)%s",
			"field 'name_th' (the village's Thai name) is required%s", "");
		api_fail(req, resp, &e);
	} else if (app_village_add(f->app, &who, req->params[0],
				   moo ? (int)json_integer_value(moo) : 0, name,
				   api_str(body, "name_en"), code, &e)) {
		api_fail(req, resp, &e);
	} else {
		http_set_header(req, resp, "Location",
				arena_printf(req->arena, "/api/v1/areas/%s", code));
		http_send_json(resp, 201, json_pack("{s:s, s:s, s:s}", "code", code, "parent",
						    req->params[0], "name_th", name));
	}
	json_decref(body);
}

static void api_regions(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct geo_region_list l = GEO_REGION_LIST_INIT;
	struct actor who;
	struct err e;
	json_t *items;
	size_t i;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (app_regions(f->app, &who, &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	items = json_array();
	for (i = 0; i < l.n; i++)
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:I}", "code", l.items[i].code,
						       "name_th", l.items[i].name_th, "name_en",
						       l.items[i].name_en,
						       "provinces", (json_int_t)l.items[i].nprovinces));
	geo_region_list_release(&l);
	http_send_json(resp, 200, json_pack("{s:o}", "items", items));
}

static void api_region_get(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct geo_area_list l = GEO_AREA_LIST_INIT;
	struct actor who;
	struct err e;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (app_region_provinces(f->app, &who, req->params[0], order_arg(req), &l, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	http_send_json(resp, 200, json_pack("{s:s, s:o}", "code", req->params[0], "provinces",
					    list_json(&l)));
	geo_area_list_release(&l);
}

const struct http_route api_geo_routes[] = {
	{ "GET", "/api/v1/regions", api_regions },
	{ "GET", "/api/v1/regions/{code}", api_region_get },
	{ "GET", "/api/v1/areas", api_areas_root },
	{ "GET", "/api/v1/areas/{code}", api_area_get },
	{ "GET", "/api/v1/areas/{code}/children", api_area_children },
	{ "POST", "/api/v1/areas/{code}/villages", api_area_add_village },
};
const size_t api_geo_nroutes = ARRAY_SIZE(api_geo_routes);
