/*
 * API: coverage of the welfare programs by area and target group
 * (app/coverage). Counts are integers; a suppressed count is null; a rate
 * is in tenths of a percent (875 is 87.5%), null when no one is entitled.
 */
#include "api/api.h"
#include "app/coverage.h"

static json_t *count(int64_t v)
{
	return v < 0 ? json_null() : json_integer((json_int_t)v);
}

static json_t *counts_json(const struct coverage *c)
{
	int rate = coverage_rate(c);

	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "people", count(c->people), "eligible", count(c->eligible), "enrolled",
			 count(c->enrolled), "enrolled_not_eligible",
			 count(c->enrolled_not_eligible), "reached", count(coverage_reached(c)),
			 "gaps", count(c->gaps), "never_applied", count(c->never_applied),
			 "pending", count(c->pending), "no_card", count(c->no_card),
			 "no_registration", count(c->no_registration), "no_status",
			 count(c->no_status), "declined", count(c->declined), "rate",
			 rate < 0 ? json_null() : json_integer(rate));
}

static json_t *coverage_json(const struct area_coverage *c)
{
	json_t *rows = json_array(), *groups = json_array(), *programs = json_array();

	for (size_t i = 0; i < c->nprograms; i++)
		json_array_append_new(programs, json_integer((json_int_t)c->programs[i]));
	for (size_t g = 0; g < COVERAGE_GROUPS; g++) {
		json_t *o = counts_json(&c->groups[g]);

		json_object_del(o, "declined");
		json_object_set_new(o, "group",
				    json_string(g == COVERAGE_AGE_UNKNOWN
							? "age_unknown"
							: target_group_code((enum target_group)(1u << g))));
		json_array_append_new(groups, o);
	}
	for (size_t i = 0; i < c->n; i++) {
		const struct coverage_row *r = &c->rows[i];
		json_t *o = counts_json(&r->c);

		json_object_set_new(o, "code", json_string(r->code));
		json_object_set_new(o, "name_th", json_string(r->name_th));
		json_object_set_new(o, "name_en", r->name_en ? json_string(r->name_en) : json_null());
		json_array_append_new(rows, o);
	}
	return json_pack("{s:{s:s, s:i, s:s, s:o}, s:o, s:o, s:o, s:o, s:o, s:b, s:b, s:o}",
			 "area", "code", c->area.code, "level", c->area.level, "name_th",
			 c->area.name_th, "name_en",
			 c->area.name_en ? json_string(c->area.name_en) : json_null(), "on",
			 json_sprintf("%04d-%02d-%02d", c->on.y, c->on.m, c->on.d), "program",
			 c->program_id ? json_integer((json_int_t)c->program_id) : json_null(),
			 "programs", programs, "total", counts_json(&c->total), "groups", groups,
			 "groups_partial", c->groups_partial, "suppressed", c->suppressed, "rows",
			 rows);
}

static void api_coverage(struct http_req *req, struct http_resp *resp)
{
	struct face *f = req->app;
	struct area_coverage c = { 0 };
	const char *prog = http_query(req, "program"), *area = http_query(req, "area");
	struct actor who;
	struct err e;
	int64_t program = 0;

	err_init(&e);
	if (api_auth(req, resp, &who))
		return;
	if (prog && *prog) {
		char *end;
		program = strtoll(prog, &end, 10);
		if (*end || program <= 0) {
			err_set(&e, ERR_INVALID, "program", "รหัสโครงการต้องเป็นตัวเลข%s",
				"program must be a number%s", "");
			api_fail(req, resp, &e);
			return;
		}
	}
	if (app_coverage(f->app, &who, program, area && *area ? area : who.area,
			 http_query(req, "on"), &c, &e)) {
		api_fail(req, resp, &e);
		return;
	}
	http_send_json(resp, 200, coverage_json(&c));
	area_coverage_release(&c);
}

const struct http_route api_coverage_routes[] = {
	{ "GET", "/api/v1/coverage", api_coverage },
};
const size_t api_coverage_nroutes = ARRAY_SIZE(api_coverage_routes);
