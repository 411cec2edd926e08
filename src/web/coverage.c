/*
 * Pages of coverage and outreach, for welfare officers and volunteers:
 *
 *   /coverage/{code}   how many of the people the programs should reach in
 *                      an area are reached (app_coverage): a map (the
 *                      provinces as a tile cartogram for the nation, a tile
 *                      grid of the child areas below it) shaded by coverage
 *                      rate, each tile a link one level down; the child
 *                      areas and the target groups as tables.
 *   /gaps              who a program misses in an area and why
 *                      (app_program_gaps), filtered by reason, with what
 *                      each would get; officers turn the list into
 *                      outreach cases.
 *   /outreach          the outreach cases of an area, by status and
 *                      volunteer; /outreach/{id} one case, with the forms
 *                      that assign it to a volunteer and record the visit.
 *
 * An outreach case's life, as its page follows it:
 *
 *     open --assign--> assigned --visit--> closed (applied, not_interested,
 *       \------------------visit---------^        moved, deceased, not_found)
 *
 * The tile positions of the provinces are data (data/geo/tiles.tsv,
 * compiled in); a province's districts and lower areas have no geography
 * in Sawat, so they are laid out in code order. Rates are shaded in five
 * steps; a tile with no one entitled is grey. The numbers of the map are
 * in the tables below it too, for screen readers and phones.
 *
 * As on every page, the use cases decide who may see and do what; forms
 * carry the CSRF token, a POST that succeeds redirects with ?done=, and
 * one that fails shows the page again with the message by its field.
 * Dates are shown in the Buddhist Era in Thai and typed as B.E. d/m/yyyy
 * or ISO.
 */
#include <pthread.h>
#include "web/program.h"
#include "app/coverage.h"
#include "app/person.h"
#include "core/date.h"
#include "core/geo.h"
#include "lib/embed.h"
#include "web/svg.h"

#define GAP_PAGE 50
#define GAP_LIST_MAX 20000 /* gap items a page reads, filtered and paged after */
#define CASE_PAGE 50

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

/* A count with thousands separators; "<5" when suppressed. */
static const char *num(struct http_req *req, int64_t v)
{
	char d[32], out[48];
	size_t n, k = 0;

	if (v < 0)
		return "<5";
	n = (size_t)snprintf(d, sizeof(d), "%lld", (long long)v);
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = d[i];
	}
	out[k] = '\0';
	return arena_strdup(req->arena, out);
}

/* A rate in tenths of a percent as "87.5%", "–" when there is none. */
static const char *rate_text(struct http_req *req, int rate)
{
	if (rate < 0)
		return "–";
	return arena_printf(req->arena, "%d.%d%%", rate / 10, rate % 10);
}

/* The map's five steps of coverage. */
static int shade_of(int rate)
{
	if (rate < 0)
		return -1;
	return rate < 400 ? 0 : rate < 600 ? 1 : rate < 800 ? 2 : rate < 950 ? 3 : 4;
}

static const struct label_s {
	const char *code, *en;
} reasons[] = {
	{ "never_applied", "Never applied" },
	{ "pending", "Application waiting" },
	{ "no_card", "No disability card" },
	{ "no_registration", "No house registration in the area" },
	{ "no_status", "No legal status" },
	{ "not_eligible", "Receiving but no longer eligible" },
};

static const struct label_s outcomes[] = {
	{ "applied", "Applied" },	    { "not_interested", "Not interested" },
	{ "moved", "Moved away" },	    { "deceased", "Deceased" },
	{ "not_found", "Not found" },
};

static const struct label_s case_statuses[] = {
	{ "open", "Not assigned yet" },
	{ "assigned", "Assigned" },
	{ "closed", "Visited" },
};

static const char *label(struct http_req *req, const struct label_s *l, size_t n,
			 const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(l[i].code, code) ||
		    (starts_with(code, l[i].code) && code[strlen(l[i].code)] == ':'))
			return web_tr(req, l[i].en);
	return S(code);
}

/* ---- the provinces' tile positions (data/geo/tiles.tsv) ---- */

struct tile_pos {
	char code[3];
	int col, row;
};
static struct tile_pos tile_pos[80];
static size_t ntile_pos;

static void load_tiles(void)
{
	const struct embed_file *f = embed_find("data/geo/tiles.tsv");
	const char *p = f ? (const char *)f->data : "";

	while (*p && ntile_pos < ARRAY_SIZE(tile_pos)) {
		char code[8];
		int col, row;

		if (*p != '#' && sscanf(p, "%7s %d %d", code, &col, &row) == 3 && strlen(code) == 2) {
			struct tile_pos *t = &tile_pos[ntile_pos++];
			memcpy(t->code, code, 3);
			t->col = col;
			t->row = row;
		}
		p += strcspn(p, "\n");
		if (*p)
			p++;
	}
}

static const struct tile_pos *province_tile(const char *code)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, load_tiles);
	for (size_t i = 0; i < ntile_pos; i++)
		if (!strcmp(tile_pos[i].code, code))
			return &tile_pos[i];
	return NULL;
}

/* ---- coverage ---- */

/* The query string that keeps a page's program and date. */
static const char *keep_query(struct http_req *req, int64_t program, const char *date)
{
	return arena_printf(req->arena, "program=%s&date=%s",
			    program ? arena_printf(req->arena, "%lld", (long long)program) : "",
			    S(date));
}

static json_t *counts_json(struct http_req *req, const struct coverage *c)
{
	int rate = coverage_rate(c);

	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}",
			 "people", num(req, c->people), "eligible", num(req, c->eligible),
			 "enrolled", num(req, c->enrolled), "reached", num(req, coverage_reached(c)),
			 "gaps", num(req, c->gaps), "never_applied", num(req, c->never_applied),
			 "pending", num(req, c->pending), "no_card", num(req, c->no_card),
			 "no_registration", num(req, c->no_registration), "no_status",
			 num(req, c->no_status), "declined", num(req, c->declined),
			 "enrolled_not_eligible", num(req, c->enrolled_not_eligible), "rate",
			 rate_text(req, rate), "has_rate", rate >= 0);
}

/* The tooltip of a tile: the name, the rate, reached of entitled. */
static const char *tile_title(struct http_req *req, const char *name, const struct coverage *c)
{
	int64_t reached = coverage_reached(c);

	return arena_printf(req->arena, "%s: %s (%s %s / %s %s)", name,
			    rate_text(req, coverage_rate(c)), web_tr(req, "receiving"),
			    num(req, reached), web_tr(req, "gaps"), num(req, c->gaps));
}

static char *coverage_map(struct http_req *req, const struct area_coverage *c,
			  const char *keep)
{
	static const char *const steps[] = { "Under 40%", "40% to 59%", "60% to 79%", "80% to 94%",
					     "95% or more" };
	struct svg_legend legend[SVG_SHADES + 1];
	struct svg_tile *tiles = xcalloc(c->n + 1, sizeof(*tiles));
	struct buf b = BUF_INIT;
	size_t n = 0, cols;
	bool nation = c->area.level == GEO_NATION;

	cols = c->n <= 4 ? c->n : c->n <= 9 ? 3 : c->n <= 16 ? 4 : c->n <= 30 ? 5 : 6;
	for (size_t i = 0; i < c->n; i++) {
		const struct coverage_row *r = &c->rows[i];
		const char *name = web_area_name(req, r->name_th, r->name_en);
		struct svg_tile *t;

		if (!strcmp(r->code, c->area.code))
			continue; /* people registered at the area itself: the table has them */
		t = &tiles[n];
		if (nation) {
			const struct tile_pos *p = province_tile(r->code);
			if (!p)
				continue;
			t->col = p->col;
			t->row = p->row;
		} else {
			t->col = (int)(n % cols);
			t->row = (int)(n / cols);
		}
		t->label = name;
		t->value_text = coverage_rate(&r->c) < 0
					? "–"
					: arena_printf(req->arena, "%d%%", coverage_rate(&r->c) / 10);
		t->title = tile_title(req, name, &r->c);
		t->shade = shade_of(coverage_rate(&r->c));
		if (r->c.people > 0 || geo_level(r->code) < GEO_VILLAGE)
			t->href = arena_printf(req->arena, "/coverage/%s?%s", r->code, keep);
		n++;
	}
	for (int i = 0; i < SVG_SHADES; i++)
		legend[i] = (struct svg_legend){ web_tr(req, steps[i]), i };
	legend[SVG_SHADES] = (struct svg_legend){ web_tr(req, "No one entitled"), -1 };
	/* The nation's legend sits in the Gulf of Thailand; a grid's beside it. */
	svg_tiles(&b, web_tr(req, "Coverage map"), tiles, n, legend, SVG_SHADES + 1,
		  nation ? 5 : (int)(n < cols ? n : cols), nation ? 11 : 0);
	free(tiles);
	return buf_detach(&b, NULL);
}

static json_t *groups_json(struct http_req *req, const struct area_coverage *c)
{
	json_t *a = json_array();

	for (size_t g = 0; g < COVERAGE_GROUPS; g++) {
		json_t *o = counts_json(req, &c->groups[g]);

		put_s(o, "name", g == COVERAGE_AGE_UNKNOWN
					 ? web_tr(req, "Age not known")
					 : target_group_name((enum target_group)(1u << g), !web_en(req)));
		json_array_append_new(a, o);
	}
	return a;
}

/* The program filter: "every state program" first, then the catalogue. */
static json_t *program_choice(struct http_req *req, const struct program_list *pl,
			      int64_t selected)
{
	json_t *a = web_program_options(req, pl, selected);

	json_array_insert_new(a, 0,
			      json_pack("{s:s, s:s, s:b}", "id", "", "name",
					web_tr(req, "Every state program"), "selected", selected == 0));
	return a;
}

static void web_coverage_home(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	http_redirect(req, resp, arena_printf(req->arena, "/coverage/%s", who.area));
}

static void web_coverage(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	const char *date = S(http_query(req, "date")), *token, *keep;
	int64_t program = web_parse_id(http_query(req, "program"));
	struct area_coverage c = { 0 };
	struct program_list pl;
	struct buf when = BUF_INIT;
	struct actor who;
	struct err e;
	json_t *ctx, *rows, *crumbs;
	char iso[16], *map = NULL;
	const struct program *p;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (web_programs_load(req, &who, &pl, &e) ||
	    app_coverage(fa->app, &who, program, req->params[0], date, &c, &e)) {
		program_list_release(&pl);
		web_error(req, resp, &e, &who, token);
		return;
	}
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", c.on.y % 10000, c.on.m % 100, c.on.d % 100);
	keep = keep_query(req, program, date);
	date_format(c.on, DATE_LONG, web_en(req) ? DATE_ENGLISH : 0, &when, NULL);
	p = program ? web_program_find(&pl, program, NULL) : NULL;
	ctx = web_program_ctx(req, &who, "coverage", web_tr(req, "Coverage"));
	put_s(ctx, "heading", arena_printf(req->arena, "%s: %s", web_tr(req, "Coverage"),
					   web_area_name(req, c.area.name_th, c.area.name_en)));
	put_s(ctx, "eyebrow", arena_printf(req->arena, "%s · %s",
					   web_level_name(req, c.area.level),
					   p ? web_program_name(req, p)
					     : web_tr(req, "Every state program")));
	json_object_set_new(ctx, "area",
			    json_pack("{s:s, s:s, s:s}", "code", c.area.code, "name",
				      web_area_name(req, c.area.name_th, c.area.name_en), "level",
				      web_level_name(req, c.area.level)));
	put_s(ctx, "date", when.ptr);
	put_s(ctx, "date_iso", iso);
	put_s(ctx, "date_input", date);
	put_i(ctx, "program_id", program);
	put_b(ctx, "all_programs", program == 0);
	json_object_set_new(ctx, "program_options", program_choice(req, &pl, program));
	json_object_set_new(ctx, "total", counts_json(req, &c.total));
	json_object_set_new(ctx, "groups", groups_json(req, &c));
	put_b(ctx, "groups_partial", c.groups_partial);
	put_b(ctx, "suppressed", c.suppressed);
	/* The way up, to the nation or the user's own area. */
	crumbs = json_array();
	{
		char up[GEO_CODE_SIZE];
		const char *code = c.area.code;
		while (geo_level(code) > 0 && geo_in_scope(who.area, code) &&
		       !geo_parent_code(code, up) && geo_in_scope(who.area, up)) {
			json_array_insert_new(
				crumbs, 0,
				json_pack("{s:s, s:s}", "href",
					  arena_printf(req->arena, "/coverage/%s?%s", up, keep),
					  "name",
					  strcmp(up, "TH") ? web_area_label(req, &who, up)
							   : web_tr(req, "Thailand")));
			code = arena_strdup(req->arena, up);
		}
	}
	put_b(ctx, "has_crumbs", json_array_size(crumbs) > 0);
	json_object_set_new(ctx, "crumbs", crumbs);
	if (c.n) {
		rows = json_array();
		for (size_t i = 0; i < c.n; i++) {
			const struct coverage_row *r = &c.rows[i];
			const char *name = web_area_name(req, r->name_th, r->name_en);
			json_t *o = counts_json(req, &r->c);
			bool own = !strcmp(r->code, c.area.code);

			put_s(o, "code", r->code);
			put_s(o, "name", name);
			put_b(o, "anyone", r->c.people > 0);
			put_s(o, "href",
			      own ? "" : arena_printf(req->arena, "/coverage/%s?%s", r->code, keep));
			/* Always set: a missing key would find the page's own link. */
			put_s(o, "gaps_href",
			      r->c.gaps > 0 && geo_level(r->code) >= GEO_PROVINCE
				      ? arena_printf(req->arena, "/gaps?area=%s&%s", r->code, keep)
				      : "");
			json_array_append_new(rows, o);
		}
		json_object_set_new(ctx, "rows", rows);
		put_s(ctx, "rows_label", web_level_name(req, c.area.level + 1));
		map = coverage_map(req, &c, keep);
		put_s(ctx, "map", map);
		put_b(ctx, "nation", c.area.level == GEO_NATION);
	}
	if (c.area.level >= GEO_PROVINCE)
		put_s(ctx, "gaps_href",
		      arena_printf(req->arena, "/gaps?area=%s&%s", c.area.code, keep));
	put_s(ctx, "outreach_href",
	      arena_printf(req->arena, "/outreach?area=%s%s", c.area.code,
			   program ? arena_printf(req->arena, "&program=%lld", (long long)program)
				   : ""));
	free(map);
	buf_release(&when);
	area_coverage_release(&c);
	program_list_release(&pl);
	web_page(req, resp, "coverage", ctx, &who, token);
}

/* ---- the gap list ---- */

/* The program a page is about: ?program=, else the first state program. */
static int64_t page_program(const struct program_list *pl, const char *typed)
{
	int64_t id = web_parse_id(typed);

	if (id || !pl->n)
		return id;
	for (size_t i = 0; i < pl->n; i++)
		if (!strcmp(pl->items[i].owner_area, "TH"))
			return pl->items[i].id;
	return pl->items[0].id;
}

static bool reason_matches(const char *reason, const char *filter)
{
	if (!*filter)
		return true;
	if (!strcmp(filter, "not_eligible"))
		return starts_with(reason, "not_eligible");
	return !strcmp(reason, filter);
}

static void render_gaps(struct http_req *req, struct http_resp *resp, const struct actor *who,
			const char *token, const struct err *fe)
{
	struct face *fa = req->app;
	const char *area = fe ? S(http_form(req, "area")) : S(http_query(req, "area"));
	const char *reason = S(http_query(req, "reason")), *date = S(http_query(req, "date"));
	int64_t offset = web_parse_id(http_query(req, "offset"));
	struct gap_list l = { NULL, 0, 0 };
	struct program_list pl;
	struct coverage cov;
	struct err e;
	json_t *ctx, *items, *tabs;
	const char *base;
	int64_t program;
	size_t shown = 0, matched = 0;
	bool known = !*reason, asked;

	err_init(&e);
	memset(&cov, 0, sizeof(cov));
	if (web_programs_load(req, who, &pl, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	program = page_program(&pl, fe ? http_form(req, "program_id") : http_query(req, "program"));
	if (!*area && geo_level(who->area) >= GEO_PROVINCE)
		area = who->area;
	for (size_t i = 0; i < ARRAY_SIZE(reasons); i++)
		known |= !strcmp(reason, reasons[i].code);
	if (!known)
		reason = "";
	ctx = web_program_ctx(req, who, "coverage", web_tr(req, "People missing out"));
	json_object_set_new(ctx, "program_options", web_program_options(req, &pl, program));
	put_s(ctx, "area", area);
	put_s(ctx, "date_input", date);
	put_i(ctx, "program_id", program);
	asked = *area != '\0';
	if (asked && app_program_gaps(fa->app, who, program, area, date, &cov, &l, GAP_LIST_MAX,
				      &e)) {
		if (web_fund_fatal(&e) && e.code != ERR_FORBIDDEN) {
			gap_list_release(&l);
			json_decref(ctx);
			program_list_release(&pl);
			web_error(req, resp, &e, who, token);
			return;
		}
		put_s(ctx, "area_error", web_en(req) ? e.en : e.th);
		asked = false;
	}
	put_b(ctx, "asked", asked);
	if (asked) {
		const struct program *p = web_program_find(&pl, program, NULL);

		put_s(ctx, "area_name", web_area_label(req, who, area));
		put_s(ctx, "program_name", web_program_name(req, p));
		put_s(ctx, "eyebrow", arena_printf(req->arena, "%s · %s", web_program_name(req, p),
						   web_area_label(req, who, area)));
		json_object_set_new(ctx, "coverage", counts_json(req, &cov));
		base = arena_printf(req->arena, "/gaps?area=%s&program=%lld&date=%s", area,
				    (long long)program, date);
		put_s(ctx, "coverage_href",
		      arena_printf(req->arena, "/coverage/%s?program=%lld&date=%s", area,
				   (long long)program, date));
		tabs = json_array();
		json_array_append_new(tabs, json_pack("{s:s, s:s, s:s, s:b}", "href", base, "label",
						      web_tr(req, "All"), "count",
						      num(req, cov.gaps + cov.enrolled_not_eligible),
						      "current", !*reason));
		{
			int64_t counts[] = { cov.never_applied, cov.pending, cov.no_card,
					     cov.no_registration, cov.no_status,
					     cov.enrolled_not_eligible };
			for (size_t i = 0; i < ARRAY_SIZE(reasons); i++)
				json_array_append_new(
					tabs,
					json_pack("{s:s, s:s, s:s, s:b}", "href",
						  arena_printf(req->arena, "%s&reason=%s", base,
							       reasons[i].code),
						  "label", web_tr(req, reasons[i].en), "count",
						  num(req, counts[i]), "current",
						  !strcmp(reason, reasons[i].code)));
		}
		json_object_set_new(ctx, "filters", tabs);
		items = json_array();
		for (size_t i = 0; i < l.n; i++) {
			const struct gap_item *g = &l.items[i];

			if (!reason_matches(g->reason, reason))
				continue;
			if ((int64_t)matched++ < offset || shown >= GAP_PAGE)
				continue;
			shown++;
			json_array_append_new(
				items,
				json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "name", g->name,
					  "person_href",
					  arena_printf(req->arena, "/persons/%lld", (long long)g->person_id),
					  "area", web_area_label(req, who, g->area), "reason",
					  label(req, reasons, ARRAY_SIZE(reasons), g->reason),
					  "amount",
					  g->amount > 0 ? web_money_text(req, g->amount, 0) : "",
					  "apply_href",
					  arena_printf(req->arena, "/enrolments/new?program=%lld&person=%lld",
						       (long long)program, (long long)g->person_id),
					  "bad", starts_with(g->reason, "not_eligible")));
		}
		json_object_set_new(ctx, "items", items);
		put_b(ctx, "has_items", shown > 0);
		put_i(ctx, "first", offset + 1);
		put_i(ctx, "last", offset + (int64_t)shown);
		if ((int64_t)matched > offset + GAP_PAGE)
			put_s(ctx, "next_href", arena_printf(req->arena, "%s&reason=%s&offset=%lld", base,
							     reason, (long long)(offset + GAP_PAGE)));
		if (offset > 0)
			put_s(ctx, "prev_href",
			      arena_printf(req->arena, "%s&reason=%s&offset=%lld", base, reason,
					   (long long)(offset > GAP_PAGE ? offset - GAP_PAGE : 0)));
		put_b(ctx, "cut", l.n >= GAP_LIST_MAX);
		put_b(ctx, "can_outreach",
		      web_program_officer(who) && !actor_check(who, PERM_WRITE, area, NULL) &&
			      cov.gaps > cov.pending);
		put_b(ctx, "can_apply", role_can(who->role, PERM_WRITE));
		put_s(ctx, "outreach_href",
		      arena_printf(req->arena, "/outreach?area=%s&program=%lld", area,
				   (long long)program));
	}
	if (fe) {
		static const char *fields[] = { "area", "program_id" };
		web_fund_form_error(req, resp, ctx, "outreach", fields, ARRAY_SIZE(fields), fe);
	}
	gap_list_release(&l);
	program_list_release(&pl);
	web_page(req, resp, "gaps", ctx, who, token);
}

static void web_gaps(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_gaps(req, resp, &who, token, NULL);
}

static void web_gaps_outreach(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	const char *area = S(http_form(req, "area"));
	int64_t program = web_parse_id(http_form(req, "program_id")), created = 0;
	struct actor who;
	const char *token;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (app_outreach_create(fa->app, &who, program, area, &created, &e)) {
		if (web_fund_fatal(&e))
			web_error(req, resp, &e, &who, token);
		else
			render_gaps(req, resp, &who, token, &e);
		return;
	}
	http_redirect(req, resp,
		      arena_printf(req->arena,
				   "/outreach?area=%s&program=%lld&status=open&done=outreach&created=%lld",
				   area, (long long)program, (long long)created));
}

/* ---- outreach cases ---- */

static bool may_visit(const struct actor *who, const struct outreach_case *c)
{
	return strcmp(c->status, "closed") &&
	       (!strcmp(who->username, c->assigned_to) || web_program_officer(who));
}

static json_t *case_json(struct http_req *req, const struct actor *who,
			 const struct program_list *pl, const struct outreach_case *c)
{
	const struct program *p = web_program_find(pl, c->program_id, NULL);

	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:s}",
			 "id", (json_int_t)c->id, "href",
			 arena_printf(req->arena, "/outreach/%lld", (long long)c->id), "name",
			 c->name, "person_href",
			 arena_printf(req->arena, "/persons/%lld", (long long)c->person_id),
			 "program", p ? web_program_name(req, p) : c->program_code, "area",
			 web_area_label(req, who, c->area), "reason",
			 label(req, reasons, ARRAY_SIZE(reasons), c->reason), "status",
			 c->status, "status_name",
			 label(req, case_statuses, ARRAY_SIZE(case_statuses), c->status),
			 "assigned_to", c->assigned_to, "outcome",
			 *c->outcome ? label(req, outcomes, ARRAY_SIZE(outcomes), c->outcome) : "",
			 "visited", web_date_text(req, c->visited_on, DATE_MEDIUM), "closed",
			 !strcmp(c->status, "closed"), "open", !strcmp(c->status, "open"), "note",
			 c->note);
}

static void web_outreach(struct http_req *req, struct http_resp *resp)
{
	static const char *const filters[] = { "open", "assigned", "closed" };
	struct face *fa = req->app;
	const char *area = S(http_query(req, "area")), *status = S(http_query(req, "status"));
	const char *volunteer = http_query(req, "volunteer"), *token, *base, *created;
	int64_t program = web_parse_id(http_query(req, "program"));
	int64_t offset = web_parse_id(http_query(req, "offset"));
	struct outreach_list l = { NULL, 0, 0 };
	struct coverage_volunteer_list vl = { NULL, 0, 0 };
	struct program_list pl;
	struct actor who;
	struct err e;
	json_t *ctx, *rows, *tabs, *vols;
	bool known = !*status;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (!*area)
		area = who.area;
	/* A volunteer starts with their own cases. */
	if (!volunteer)
		volunteer = who.role == ROLE_VOLUNTEER ? who.username : "";
	for (size_t i = 0; i < ARRAY_SIZE(filters); i++)
		known |= !strcmp(status, filters[i]);
	if (!known)
		status = "";
	if (web_programs_load(req, &who, &pl, &e) ||
	    app_coverage_cases(fa->app, &who, area, program, status, volunteer, CASE_PAGE + 1,
			       offset, &l, &e)) {
		program_list_release(&pl);
		web_error(req, resp, &e, &who, token);
		return;
	}
	ctx = web_program_ctx(req, &who, "outreach", web_tr(req, "Outreach"));
	put_s(ctx, "eyebrow", arena_printf(req->arena, "%s · %s", web_tr(req, "Outreach"),
					   strcmp(area, "TH") ? web_area_label(req, &who, area)
							      : web_tr(req, "Thailand")));
	put_s(ctx, "area", area);
	put_s(ctx, "status", status);
	put_s(ctx, "volunteer", volunteer);
	put_i(ctx, "program_id", program);
	json_object_set_new(ctx, "program_options", web_program_options(req, &pl, program));
	created = http_query(req, "created");
	if (created && *created && json_object_get(ctx, "notice"))
		put_s(ctx, "notice",
		      arena_printf(req->arena, "%s %s: %s",
				   json_string_value(json_object_get(ctx, "notice")),
				   web_tr(req, "New outreach cases"), num(req, web_parse_id(created))));
	vols = json_array();
	if (!app_coverage_volunteers(fa->app, &who, area, &vl, NULL))
		for (size_t i = 0; i < vl.n; i++)
			json_array_append_new(
				vols, json_pack("{s:s, s:s, s:b}", "username", vl.items[i].username,
						"name",
						arena_printf(req->arena, "%s (%s)",
							     vl.items[i].display_name,
							     vl.items[i].username),
						"selected", !strcmp(vl.items[i].username, volunteer)));
	json_object_set_new(ctx, "volunteers", vols);
	rows = json_array();
	for (size_t i = 0; i < l.n && i < CASE_PAGE; i++)
		json_array_append_new(rows, case_json(req, &who, &pl, &l.items[i]));
	json_object_set_new(ctx, "cases", rows);
	put_b(ctx, "has_cases", json_array_size(rows) > 0);
	put_i(ctx, "first", offset + 1);
	put_i(ctx, "last", offset + (int64_t)json_array_size(rows));
	base = arena_printf(req->arena, "/outreach?area=%s&program=%lld&volunteer=%s", area,
			    (long long)program, volunteer);
	tabs = json_array();
	json_array_append_new(tabs, json_pack("{s:s, s:s, s:b}", "href", base, "label",
					      web_tr(req, "All"), "current", !*status));
	for (size_t i = 0; i < ARRAY_SIZE(filters); i++)
		json_array_append_new(
			tabs, json_pack("{s:s, s:s, s:b}", "href",
					arena_printf(req->arena, "%s&status=%s", base, filters[i]),
					"label",
					label(req, case_statuses, ARRAY_SIZE(case_statuses), filters[i]),
					"current", !strcmp(status, filters[i])));
	json_object_set_new(ctx, "filters", tabs);
	if (l.n > CASE_PAGE)
		put_s(ctx, "next_href", arena_printf(req->arena, "%s&status=%s&offset=%lld", base,
						     status, (long long)(offset + CASE_PAGE)));
	if (offset > 0)
		put_s(ctx, "prev_href",
		      arena_printf(req->arena, "%s&status=%s&offset=%lld", base, status,
				   (long long)(offset > CASE_PAGE ? offset - CASE_PAGE : 0)));
	if (geo_level(area) >= GEO_PROVINCE)
		put_s(ctx, "gaps_href",
		      arena_printf(req->arena, "/gaps?area=%s%s", area,
				   program ? arena_printf(req->arena, "&program=%lld",
							  (long long)program)
					   : ""));
	coverage_volunteer_list_release(&vl);
	outreach_list_release(&l);
	program_list_release(&pl);
	web_page(req, resp, "outreach", ctx, &who, token);
}

static const char *case_fields[] = { "volunteer", "outcome", "date", "note" };

static void render_case(struct http_req *req, struct http_resp *resp, const struct actor *who,
			const char *token, int64_t id, const char *form, const struct err *fe)
{
	struct face *fa = req->app;
	struct coverage_volunteer_list vl = { NULL, 0, 0 };
	struct outreach_case c;
	struct program_list pl;
	struct err e;
	json_t *ctx, *o, *vols, *outs;
	bool officer;

	err_init(&e);
	if (!id) {
		web_fund_not_found(req, resp, who, token);
		return;
	}
	if (app_coverage_case(fa->app, who, id, &c, &e) || web_programs_load(req, who, &pl, &e)) {
		web_error(req, resp, &e, who, token);
		return;
	}
	ctx = web_program_ctx(req, who, "outreach", c.name);
	o = case_json(req, who, &pl, &c);
	put_s(o, "apply_href",
	      arena_printf(req->arena, "/enrolments/new?program=%lld&person=%lld",
			   (long long)c.program_id, (long long)c.person_id));
	put_s(o, "list_href", arena_printf(req->arena, "/outreach?area=%s", c.area));
	put_s(ctx, "eyebrow", arena_printf(req->arena, "%s · %s",
					   json_string_value(json_object_get(o, "program")),
					   json_string_value(json_object_get(o, "area"))));
	officer = web_program_officer(who) && !actor_check(who, PERM_WRITE, c.area, NULL);
	put_b(o, "can_assign", officer && strcmp(c.status, "closed"));
	put_b(o, "can_visit", may_visit(who, &c));
	json_object_set_new(ctx, "case", o);
	vols = json_array();
	if (officer && !app_coverage_volunteers(fa->app, who, c.area, &vl, NULL))
		for (size_t i = 0; i < vl.n; i++)
			if (geo_in_scope(vl.items[i].area, c.area))
				json_array_append_new(
					vols, json_pack("{s:s, s:s, s:b}", "username",
							vl.items[i].username, "name",
							arena_printf(req->arena, "%s (%s)",
								     vl.items[i].display_name,
								     vl.items[i].username),
							"selected",
							!strcmp(vl.items[i].username, c.assigned_to)));
	put_b(ctx, "has_volunteers", json_array_size(vols) > 0);
	json_object_set_new(ctx, "volunteers", vols);
	outs = json_array();
	for (size_t i = 0; i < ARRAY_SIZE(outcomes); i++)
		json_array_append_new(
			outs, json_pack("{s:s, s:s, s:b}", "code", outcomes[i].code, "name",
					web_tr(req, outcomes[i].en), "checked",
					fe && !strcmp(S(http_form(req, "outcome")), outcomes[i].code)));
	json_object_set_new(ctx, "outcomes", outs);
	put_s(ctx, "visit_date", json_string_value(json_object_get(ctx, "today_be")));
	if (fe)
		web_fund_form_error(req, resp, ctx, form, case_fields, ARRAY_SIZE(case_fields), fe);
	coverage_volunteer_list_release(&vl);
	program_list_release(&pl);
	web_page(req, resp, "outreach_case", ctx, who, token);
}

static void web_outreach_case(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_case(req, resp, &who, token, web_parse_id(req->params[0]), NULL, NULL);
}

static void web_outreach_assign(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct actor who;
	const char *token;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (app_outreach_assign(fa->app, &who, id, S(http_form(req, "volunteer")), &e)) {
		if (web_fund_fatal(&e))
			web_error(req, resp, &e, &who, token);
		else
			render_case(req, resp, &who, token, id, "assign", &e);
		return;
	}
	http_redirect(req, resp, arena_printf(req->arena, "/outreach/%lld?done=assigned",
					      (long long)id));
}

static void web_outreach_visit(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct actor who;
	const char *token;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (app_outreach_visit(fa->app, &who, id, S(http_form(req, "outcome")),
			       S(http_form(req, "date")), S(http_form(req, "note")), &e)) {
		if (web_fund_fatal(&e))
			web_error(req, resp, &e, &who, token);
		else
			render_case(req, resp, &who, token, id, "visit", &e);
		return;
	}
	http_redirect(req, resp, arena_printf(req->arena, "/outreach/%lld?done=visited",
					      (long long)id));
}

/* Literal segments before {code}/{id} at the same place. */
const struct http_route web_coverage_routes[] = {
	{ "GET", "/coverage", web_coverage_home },
	{ "GET", "/coverage/{code}", web_coverage },
	{ "GET", "/gaps", web_gaps },
	{ "POST", "/gaps/outreach", web_gaps_outreach },
	{ "GET", "/outreach", web_outreach },
	{ "GET", "/outreach/{id}", web_outreach_case },
	{ "POST", "/outreach/{id}/assign", web_outreach_assign },
	{ "POST", "/outreach/{id}/visit", web_outreach_visit },
};
const size_t web_coverage_nroutes = ARRAY_SIZE(web_coverage_routes);
