/*
 * Area use cases; see app/geo.h for what a user may see.
 */
#include <jansson.h>
#include "app/geo.h"
#include "app/program.h"
#include "app/person.h"
#include "store/migrate.h"
#include "store/user.h"

bool app_area_visible(const struct actor *a, const char *code)
{
	return geo_in_scope(a->area, code) || geo_in_scope(code, a->area);
}

static int check_visible(const struct actor *a, const char *code, struct err *e)
{
	int r;

	if ((r = geo_code_check(code, "code", e)))
		return r;
	if ((r = actor_check(a, PERM_READ, NULL, e)))
		return r;
	if (!app_area_visible(a, code))
		return err_set(e, ERR_FORBIDDEN, "code", "พื้นที่ %s อยู่นอกขอบเขตของท่าน (%s)",
			       "area %s is outside your scope (%s)", code, a->area);
	return 0;
}

int app_area_get(struct app *app, const struct actor *a, const char *code, struct geo_area *out,
		 struct err *e)
{
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	if ((r = check_visible(a, code, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	return geo_area_get(db, code, out, e);
}

/* Drops the areas the actor may not see, keeping order. */
static void filter_visible(const struct actor *a, struct geo_area_list *l)
{
	size_t i, k = 0;

	for (i = 0; i < l->n; i++) {
		if (app_area_visible(a, l->items[i].code))
			l->items[k++] = l->items[i];
		else
			geo_area_release(&l->items[i]);
	}
	l->n = k;
}

int app_area_children(struct app *app, const struct actor *a, const char *code,
		      enum geo_order order, struct geo_area_list *out, struct err *e)
{
	struct db *db;
	int r;

	if ((r = check_visible(a, code, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = geo_children(db, code, order, out, e)))
		return r;
	filter_visible(a, out);
	return 0;
}

int app_regions(struct app *app, const struct actor *a, struct geo_region_list *out,
		struct err *e)
{
	struct geo_area_list provs = GEO_AREA_LIST_INIT;
	struct db *db;
	size_t i, j, k = 0;
	int r;

	if ((r = actor_check(a, PERM_READ, NULL, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = geo_regions(db, out, e)))
		return r;
	if (!strcmp(a->area, GEO_NATION_CODE))
		return 0;
	/* Keep the regions that hold a visible province, counting only those. */
	if ((r = geo_children(db, GEO_NATION_CODE, GEO_ORDER_CODE, &provs, e))) {
		geo_region_list_release(out);
		return r;
	}
	for (i = 0; i < out->n; i++) {
		long n = 0;

		for (j = 0; j < provs.n; j++)
			if (!strcmp(provs.items[j].region, out->items[i].code) &&
			    app_area_visible(a, provs.items[j].code))
				n++;
		if (n) {
			struct geo_region keep = out->items[i];

			keep.nprovinces = n;
			out->items[k++] = keep;
		} else {
			free(out->items[i].name_th);
			free(out->items[i].name_en);
		}
	}
	out->n = k;
	geo_area_list_release(&provs);
	return 0;
}

int app_regions_as_areas(struct app *app, const struct actor *a, struct geo_area_list *out,
			 struct err *e)
{
	struct geo_region_list l = GEO_REGION_LIST_INIT;
	size_t i;
	int r;

	geo_area_list_release(out);
	if ((r = app_regions(app, a, &l, e)))
		return r;
	out->items = xcalloc(l.n ? l.n : 1, sizeof(*out->items));
	out->cap = l.n;
	for (i = 0; i < l.n; i++) {
		struct geo_area *g = &out->items[out->n++];

		snprintf(g->code, sizeof(g->code), "%s", l.items[i].code);
		g->level = -1;
		g->name_th = l.items[i].name_th;
		g->name_en = l.items[i].name_en;
		g->nchildren = l.items[i].nprovinces;
		l.items[i].name_th = l.items[i].name_en = NULL;
	}
	geo_region_list_release(&l);
	return 0;
}

int app_region_provinces(struct app *app, const struct actor *a, const char *region,
			 enum geo_order order, struct geo_area_list *out, struct err *e)
{
	struct db *db;
	int r;

	if ((r = actor_check(a, PERM_READ, NULL, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = geo_region_provinces(db, region, order, out, e)))
		return r;
	filter_visible(a, out);
	if (!out->n)
		return err_set(e, ERR_FORBIDDEN, "region", "ภาค %s อยู่นอกขอบเขตของท่าน",
			       "region %s is outside your scope", region);
	return 0;
}

int app_village_add(struct app *app, const struct actor *a, const char *tambon, int moo,
		    const char *name_th, const char *name_en, char code[GEO_CODE_SIZE],
		    struct err *e)
{
	char now[32];
	char *after = NULL;
	struct db *db;
	json_t *o;
	int r;

	code[0] = '\0';
	if ((r = geo_code_check_level(tambon, GEO_TAMBON, "code", e)))
		return r;
	if ((r = actor_check(a, PERM_AREA_EDIT, tambon, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = geo_village_add_at(db, tambon, moo, name_th, name_en, now, code, e)))
		goto fail;
	o = json_pack("{s:s, s:s, s:s, s:s?}", "code", code, "parent", tambon, "name_th", name_th,
		      "name_en", name_en && *name_en ? name_en : NULL);
	after = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if ((r = app_audit(app, db, a, "create", "area", code, code, NULL, after, e)))
		goto fail;
	free(after);
	if ((r = db_commit(db, e)))
		code[0] = '\0';
	return r;
fail:
	free(after);
	db_rollback(db);
	code[0] = '\0';
	return r;
}

int app_area_user_count(struct app *app, const struct actor *a, const char *code, int64_t *n,
			struct err *e)
{
	struct db *db;
	int r;

	*n = 0;
	if ((r = check_visible(a, code, e)))
		return r;
	if (!geo_in_scope(a->area, code))
		return 0; /* above the scope: not theirs to count */
	if (!(db = app_db(app, e)))
		return ERR_DB;
	return user_count(db, code, n, e);
}

static int setup_geo(struct app *app, int *migrations, struct geo_counts *geo, struct err *e);

int app_setup(struct app *app, int *migrations, struct geo_counts *geo, struct err *e)
{
	int r = setup_geo(app, migrations, geo, e);

	/* The state programs ship with their rules (core/program.c): installed
	 * once, then kept in the database like any other program. */
	return r ? r : app_program_seed(app, e);
}

static int setup_geo(struct app *app, int *migrations, struct geo_counts *geo, struct err *e)
{
	char now[32];
	struct db *db = app_db(app, e);
	int r;

	if (!db)
		return ERR_DB;
	app_iso_time(app_time(app), now);
	if ((r = migrate_up(db, now, migrations, e)) || (r = app_person_index_maintain(app, NULL, e)))
		return r;
	if ((r = geo_load(db, now, geo, e)) || !geo->inserted)
		return r;
	/* Reference data is a write like any other: one entry for the load. */
	{
		struct actor sys;
		char after[96];

		actor_system(&sys);
		snprintf(after, sizeof(after), "{\"inserted\":%ld}", geo->inserted);
		if ((r = db_begin(db, e)))
			return r;
		r = app_audit(app, db, &sys, "load", "geography", "dopa", GEO_NATION_CODE, NULL,
			      after, e);
		if (r) {
			db_rollback(db);
			return r;
		}
		return db_commit(db, e);
	}
}
