/*
 * Coverage by area and target group (see app/coverage.h).
 *
 * For the nation, a province or a district, each child area that holds
 * anyone is one call of app_program_gaps per program, with its gap list;
 * the area's total is the sum of its children. A tambon's villages are
 * counted the same way, but the tambon's total is its own call (people may
 * be registered at the tambon without a village), and what the villages do
 * not hold is a row of its own. A village has no rows.
 *
 * The target groups of a child area come from its people (store/coverage:
 * their groups and whether they receive the program) and from its gap
 * list, person by person:
 *
 *   people, enrolled            every person / every one receiving it
 *   gaps and their reasons      the gap list's items
 *   enrolled_not_eligible       the gap list's "not_eligible:" items
 *   eligible                    reached + never_applied + pending, and the
 *                               people who declined it but meet the rules
 *                               (judged here; the gap list leaves them out)
 *
 * so each group's cells are exact, and over the age groups (with those of
 * no known age) they add up to the area's. Calls are bounded by the child
 * areas (at most 99) times the programs (at most 16), and memory by the
 * people of one child area and COVERAGE_MAX_LIST gap items.
 */
#include "app/coverage.h"
#include <stddef.h>
#include "app/person.h"
#include "core/geo.h"
#include "core/rules.h"

void area_coverage_release(struct area_coverage *c)
{
	geo_area_release(&c->area);
	for (size_t i = 0; i < c->n; i++) {
		free(c->rows[i].name_th);
		free(c->rows[i].name_en);
	}
	free(c->rows);
	memset(c, 0, sizeof(*c));
}

int64_t coverage_reached(const struct coverage *c)
{
	if (c->enrolled < 0 || c->enrolled_not_eligible < 0)
		return -1;
	return c->enrolled - c->enrolled_not_eligible;
}

int coverage_rate(const struct coverage *c)
{
	int64_t reached = coverage_reached(c), entitled;

	if (reached < 0 || c->gaps < 0)
		return -1;
	entitled = reached + c->gaps;
	return entitled > 0 ? (int)(reached * 1000 / entitled) : -1;
}

/* Every count of struct coverage, for adding them up and hiding small ones. */
static const size_t counts_at[] = {
	offsetof(struct coverage, people),	   offsetof(struct coverage, eligible),
	offsetof(struct coverage, enrolled),	   offsetof(struct coverage, enrolled_not_eligible),
	offsetof(struct coverage, gaps),	   offsetof(struct coverage, never_applied),
	offsetof(struct coverage, pending),	   offsetof(struct coverage, no_card),
	offsetof(struct coverage, no_registration), offsetof(struct coverage, no_status),
	offsetof(struct coverage, declined),
};

static int64_t *count_of(struct coverage *c, size_t i)
{
	return (int64_t *)((char *)c + counts_at[i]);
}

static void add(struct coverage *to, const struct coverage *c, int sign)
{
	for (size_t i = 0; i < ARRAY_SIZE(counts_at); i++)
		*count_of(to, i) += sign * *(const int64_t *)((const char *)c + counts_at[i]);
}

/* The cells a person with target groups g counts in: each group, and the
 * age-unknown cell when g has no age group. Returns how many. */
static size_t cells_of(unsigned g, size_t out[COVERAGE_GROUPS])
{
	size_t n = 0;

	for (size_t i = 0; i < GROUP_COUNT; i++)
		if (g & (1u << i))
			out[n++] = i;
	if (!(g & (GROUP_CHILD_YOUTH | GROUP_WORKING_AGE | GROUP_ELDERLY)))
		out[n++] = COVERAGE_AGE_UNKNOWN;
	return n;
}

static int cmp_person(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = ((const struct coverage_person *)b)->id;

	return x < y ? -1 : x > y;
}

static const struct coverage_person *find_person(const struct coverage_person_list *l,
						 int64_t id)
{
	return bsearch(&id, l->items, l->n, sizeof(l->items[0]), cmp_person);
}

/* The rules of a program in force on a date, and what they need, for
 * judging the people who declined it. */
struct judge {
	struct rules_prog *prog;
	struct program_list programs;
	const char *codes[RULES_MAX_PROGRAMS];
	size_t ncodes;
};

static void judge_release(struct judge *j)
{
	rules_free(j->prog);
	program_list_release(&j->programs);
	memset(j, 0, sizeof(*j));
}

static int judge_load(struct db *db, int64_t program_id, struct date d, struct judge *j,
		      struct err *e)
{
	struct program_version_list vl = { NULL, 0, 0 };
	const struct program_version *v = NULL;
	int r;

	memset(j, 0, sizeof(*j));
	if ((r = program_versions(db, program_id, &vl, e)) ||
	    (r = program_list_all(db, &j->programs, e)))
		goto out;
	for (size_t i = 0; i < vl.n; i++)
		if (date_cmp(vl.items[i].effective_from, d) <= 0)
			v = &vl.items[i];
	for (size_t i = 0; i < j->programs.n && j->ncodes < RULES_MAX_PROGRAMS; i++)
		j->codes[j->ncodes++] = j->programs.items[i].code;
	if (v)
		r = rules_compile(v->rules, strlen(v->rules), &j->prog, e);
out:
	program_version_list_release(&vl);
	if (r)
		judge_release(j);
	return r;
}

/*
 * Whether a person meets the program's rules on d, judged as the gap
 * analysis judges everyone: their own tambon as the paying office, as if
 * they applied that day.
 */
static int judge_eligible(struct db *db, const struct judge *j, int64_t person_id,
			  struct date d, bool *eligible, struct err *e)
{
	struct rules_person p;
	struct rules_result res;
	struct rules_env env;
	char office[GEO_CODE_SIZE];
	int r;

	*eligible = false;
	if (!j->prog)
		return 0; /* no rules in force yet: no one is */
	if ((r = program_person(db, person_id, d, j->codes, j->ncodes, &p, e)))
		return r;
	p.registered = d;
	snprintf(office, sizeof(office), "%.6s", p.area);
	env = (struct rules_env){ d, office, j->codes, j->ncodes };
	if ((r = rules_eval_one(j->prog, &env, &p, &res, e)))
		return r;
	*eligible = res.eligible;
	return 0;
}

/* One program in one child area split by target group into out->groups. */
static int split(struct db *db, int64_t program_id, const char *area, struct date d,
		 const struct coverage *cov, const struct gap_list *gaps,
		 struct area_coverage *out, struct err *e)
{
	struct coverage_person_list people = { NULL, 0, 0 };
	struct coverage cell[COVERAGE_GROUPS];
	struct judge j = { 0 };
	int64_t *declined = NULL, want;
	size_t ndeclined = 0, idx[COVERAGE_GROUPS], k;
	int r;

	memset(cell, 0, sizeof(cell));
	if ((r = coverage_people(db, area, program_id, d, &people, e)))
		goto out;
	for (size_t i = 0; i < people.n; i++) {
		size_t n = cells_of(people.items[i].groups, idx);

		for (k = 0; k < n; k++) {
			cell[idx[k]].people++;
			cell[idx[k]].enrolled += people.items[i].enrolled;
		}
	}
	for (size_t i = 0; i < gaps->n; i++) {
		const struct gap_item *g = &gaps->items[i];
		const struct coverage_person *p = find_person(&people, g->person_id);
		size_t n;

		if (!p)
			continue; /* registered or died since the gap list was read */
		n = cells_of(p->groups, idx);
		for (k = 0; k < n; k++) {
			struct coverage *c = &cell[idx[k]];

			if (starts_with(g->reason, "not_eligible")) {
				c->enrolled_not_eligible++;
				continue;
			}
			c->gaps++;
			if (!strcmp(g->reason, "never_applied") || !strcmp(g->reason, "pending"))
				c->eligible++; /* the others fail for want of a paper */
			if (!strcmp(g->reason, "never_applied"))
				c->never_applied++;
			else if (!strcmp(g->reason, "pending"))
				c->pending++;
			else if (!strcmp(g->reason, "no_card"))
				c->no_card++;
			else if (!strcmp(g->reason, "no_registration"))
				c->no_registration++;
			else if (!strcmp(g->reason, "no_status"))
				c->no_status++;
		}
	}
	if (gaps->n < (size_t)(cov->gaps + cov->enrolled_not_eligible))
		out->groups_partial = true;
	/* The eligible who declined it are in the area's eligible count but in
	 * no gap list: find and judge them when there are any. */
	want = cov->eligible - coverage_reached(cov) - cov->never_applied - cov->pending;
	if (want > 0) {
		if ((r = coverage_declined(db, area, program_id, &declined, &ndeclined, e)) ||
		    (r = judge_load(db, program_id, d, &j, e)))
			goto out;
		for (size_t i = 0; i < ndeclined; i++) {
			const struct coverage_person *p = find_person(&people, declined[i]);
			bool ok;
			size_t n;

			if (!p)
				continue;
			if ((r = judge_eligible(db, &j, p->id, d, &ok, e)))
				goto out;
			n = ok ? cells_of(p->groups, idx) : 0;
			for (k = 0; k < n; k++)
				cell[idx[k]].eligible++;
		}
	}
	for (k = 0; k < COVERAGE_GROUPS; k++) {
		cell[k].eligible += coverage_reached(&cell[k]);
		add(&out->groups[k], &cell[k], 1);
	}
out:
	judge_release(&j);
	free(declined);
	coverage_person_list_release(&people);
	return r;
}

/* One child area (or the area itself) for every program: its counts into
 * *c, and, when groups is set, its target groups into out->groups. */
static int count_area(struct app *app, struct db *db, const struct actor *a, const char *area,
		      const char *iso, bool groups, struct area_coverage *out, struct coverage *c,
		      struct err *e)
{
	int r = 0;

	for (size_t i = 0; i < out->nprograms && !r; i++) {
		struct gap_list gaps = { NULL, 0, 0 };
		struct coverage cov;

		r = app_program_gaps(app, a, out->programs[i], area, iso, &cov,
				     groups ? &gaps : NULL, COVERAGE_MAX_LIST, e);
		if (!r) {
			add(c, &cov, 1);
			if (groups)
				r = split(db, out->programs[i], area, out->on, &cov, &gaps, out, e);
		}
		gap_list_release(&gaps);
	}
	return r;
}

static struct coverage_row *row_add(struct area_coverage *out, const char *code,
				    const char *name_th, const char *name_en)
{
	struct coverage_row *row = &out->rows[out->n++];

	memset(row, 0, sizeof(*row));
	snprintf(row->code, sizeof(row->code), "%s", code);
	row->name_th = xstrdup(name_th);
	row->name_en = name_en ? xstrdup(name_en) : NULL;
	return row;
}

static int pick_programs(struct db *db, int64_t program_id, struct area_coverage *out,
			 struct err *e)
{
	struct program_list l = { NULL, 0, 0 };
	struct program p;
	int r;

	if (program_id < 0)
		return err_set(e, ERR_INVALID, "program", "ไม่พบโครงการ%s", "no such program%s", "");
	if (program_id) {
		if ((r = program_get(db, program_id, &p, e)))
			return r;
		program_release(&p);
		out->programs[out->nprograms++] = program_id;
		return 0;
	}
	if ((r = program_list_all(db, &l, e)))
		return r;
	for (size_t i = 0; i < l.n && out->nprograms < ARRAY_SIZE(out->programs); i++)
		if (!strcmp(l.items[i].owner_area, "TH"))
			out->programs[out->nprograms++] = l.items[i].id;
	program_list_release(&l);
	return 0;
}

/* Hides 1-4 in the disabled and disadvantaged group's cells. */
static void suppress(struct area_coverage *out)
{
	struct coverage *c = &out->groups[3];

	out->suppressed = true;
	for (size_t i = 0; i < ARRAY_SIZE(counts_at); i++)
		if (*count_of(c, i) > 0 && *count_of(c, i) < 5)
			*count_of(c, i) = -1;
}

int app_coverage(struct app *app, const struct actor *a, int64_t program_id, const char *code,
		 const char *date, struct area_coverage *out, struct err *e)
{
	struct geo_area_list kids = GEO_AREA_LIST_INIT;
	struct coverage_count_list counts = { NULL, 0, 0 };
	char iso[16];
	struct db *db;
	int r, level;
	size_t child_len;

	area_coverage_release(out);
	if ((r = geo_code_check(code, "code", e)) || (r = actor_check(a, PERM_READ, code, e)))
		return r;
	out->on = app_today(app);
	if (date && *date && (r = date_parse(date, 0, &out->on, "on", e)))
		return r;
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", out->on.y % 10000, out->on.m % 100,
		 out->on.d % 100);
	if (!(db = app_db(app, e)))
		return ERR_DB;
	out->program_id = program_id;
	if ((r = pick_programs(db, program_id, out, e)) ||
	    (r = geo_area_get(db, code, &out->area, e)))
		goto fail;
	level = out->area.level;
	if (level == GEO_VILLAGE) {
		r = count_area(app, db, a, code, iso, true, out, &out->total, e);
		goto done;
	}
	child_len = level == GEO_NATION ? 2 : level == GEO_PROVINCE ? 4 : level == GEO_DISTRICT ? 6 : 8;
	if ((r = geo_children(db, code, GEO_ORDER_CODE, &kids, e)) ||
	    (r = coverage_child_people(db, code, child_len, &counts, e)))
		goto fail;
	out->rows = xcalloc(kids.n + counts.n + 1, sizeof(*out->rows));
	for (size_t i = 0; i < kids.n; i++)
		row_add(out, kids.items[i].code, kids.items[i].name_th, kids.items[i].name_en);
	for (size_t k = 0; k < counts.n; k++) {
		bool known = false;

		for (size_t i = 0; i < kids.n; i++)
			known |= !strcmp(kids.items[i].code, counts.items[k].code);
		if (!known && strcmp(counts.items[k].code, code))
			row_add(out, counts.items[k].code, counts.items[k].code, NULL);
	}
	/* Each child area that holds anyone. */
	for (size_t i = 0; i < out->n && !r; i++) {
		bool anyone = false;

		for (size_t k = 0; k < counts.n; k++)
			anyone |= !strcmp(counts.items[k].code, out->rows[i].code);
		if (anyone)
			r = count_area(app, db, a, out->rows[i].code, iso, level != GEO_TAMBON, out,
				       &out->rows[i].c, e);
		if (!r && level != GEO_TAMBON)
			add(&out->total, &out->rows[i].c, 1);
	}
	if (r)
		goto fail;
	if (level == GEO_TAMBON) {
		/* The tambon as a whole, and who it holds outside its villages. */
		struct coverage own;

		if ((r = count_area(app, db, a, code, iso, true, out, &out->total, e)))
			goto fail;
		own = out->total;
		for (size_t i = 0; i < out->n; i++)
			add(&own, &out->rows[i].c, -1);
		if (own.people > 0) {
			struct coverage_row *row = row_add(out, code, "ไม่ระบุหมู่บ้าน",
							   "No village recorded");
			row->c = own;
		}
	}
done:
	if (r)
		goto fail;
	if (!role_can(a->role, PERM_SENSITIVE_READ))
		suppress(out);
	geo_area_list_release(&kids);
	coverage_count_list_release(&counts);
	return 0;
fail:
	geo_area_list_release(&kids);
	coverage_count_list_release(&counts);
	area_coverage_release(out);
	return r;
}

int app_coverage_cases(struct app *app, const struct actor *a, const char *area,
		       int64_t program_id, const char *status, const char *volunteer, int limit,
		       int64_t offset, struct outreach_list *out, struct err *e)
{
	const char *where = area && *area ? area : a->area;
	struct db *db;
	int r;

	if ((r = geo_code_check(where, "area", e)) || (r = actor_check(a, PERM_READ, where, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	return coverage_cases(db, strcmp(where, "TH") ? where : "", program_id, status, volunteer,
			      limit > 0 && limit <= 1000 ? limit : 100, offset > 0 ? offset : 0, out,
			      e);
}

int app_coverage_case(struct app *app, const struct actor *a, int64_t id,
		      struct outreach_case *out, struct err *e)
{
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = outreach_get(db, id, out, e)))
		return r;
	if ((r = actor_check(a, PERM_READ, out->area, e)))
		memset(out, 0, sizeof(*out));
	return r;
}

int app_coverage_volunteers(struct app *app, const struct actor *a, const char *area,
			    struct coverage_volunteer_list *out, struct err *e)
{
	struct db *db;
	int r;

	if ((r = geo_code_check(area, "area", e)) || (r = actor_check(a, PERM_READ, area, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	return coverage_volunteers(db, area, out, e);
}
