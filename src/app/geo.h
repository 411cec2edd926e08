/*
 * Area use cases: reading the area tree as one user may see it, and adding
 * villages.
 *
 * What a user sees: every area inside their scope, and the areas above it
 * (their names, for the breadcrumb and the drill-down from the nation), but
 * of an area above their scope only the children on the way to their scope.
 * Anything else is ERR_FORBIDDEN: a Chiang Mai officer asking for Phayao is
 * refused, not shown an empty page.
 */
#ifndef SAWAT_APP_GEO_H
#define SAWAT_APP_GEO_H

#include "app/app.h"
#include "store/geo.h"

/* True when a may see code (inside the scope, or above it). */
bool app_area_visible(const struct actor *a, const char *code);

int app_area_get(struct app *app, const struct actor *a, const char *code, struct geo_area *out,
		 struct err *e);
int app_area_children(struct app *app, const struct actor *a, const char *code,
		      enum geo_order order, struct geo_area_list *out, struct err *e);
/* Regions holding at least one province the actor may see. */
int app_regions(struct app *app, const struct actor *a, struct geo_region_list *out,
		struct err *e);
/* The same, as area rows (code = region code, nchildren = visible provinces),
 * for pages that list regions like any other level. */
int app_regions_as_areas(struct app *app, const struct actor *a, struct geo_area_list *out,
			 struct err *e);
int app_region_provinces(struct app *app, const struct actor *a, const char *region,
			 enum geo_order order, struct geo_area_list *out, struct err *e);
/* Adds a village (PERM_AREA_EDIT, tambon inside the scope), audited. moo is
 * its number (หมู่ที่, 1..99) or 0 for the next free one; name_en may be NULL. */
int app_village_add(struct app *app, const struct actor *a, const char *tambon, int moo,
		    const char *name_th, const char *name_en, char code[GEO_CODE_SIZE],
		    struct err *e);
/* How many user accounts lie inside code (for the area pages). */
int app_area_user_count(struct app *app, const struct actor *a, const char *code, int64_t *n,
			struct err *e);

/* Loads or upgrades the schema and the geography (sawat init). */
int app_setup(struct app *app, int *migrations, struct geo_counts *geo, struct err *e);

#endif
