/*
 * Geography in the database: loading the embedded tables of regions,
 * provincial clusters, provinces, districts and tambons (the .tsv files of data/geo,
 * built by scripts/build-geo.js) into the tables region, province_cluster and
 * area, and reading the area tree back.
 *
 * The nation "TH" is not a row: it is the implicit root whose children are
 * the provinces (area.parent is NULL for them). Codes follow core/geo.h.
 *
 * Ownership: every struct filled here owns its strings; release it with the
 * matching *_release, which also makes it safe to fill again. On failure,
 * out-parameters are left empty (codes "", pointers NULL, counts 0).
 */
#ifndef SAWAT_STORE_GEO_H
#define SAWAT_STORE_GEO_H

#include "store/db.h"
#include "core/geo.h"

/* What geo_load found in the embedded data, and what it added. */
struct geo_counts {
	long regions, clusters, provinces, districts, tambons; /* rows in the data */
	long inserted; /* rows this call inserted: 0 when all were there already */
};

/*
 * Inserts every region, cluster, province, district and tambon of the
 * embedded data that the database does not have yet, in one transaction, and
 * fills *out (may be NULL). now (ISO timestamp) becomes created_at of new
 * areas. Idempotent: rows already present, even with other names, are left as
 * they are, so a second run inserts nothing. Must be called outside a
 * transaction. Fails with ERR_INTERNAL when the embedded data is malformed
 * (and names the file and line), or with the database's error; either way
 * nothing is inserted.
 */
int geo_load(struct db *db, const char *now, struct geo_counts *out, struct err *e);

/* One area, or the nation. */
struct geo_area {
	char code[16];            /* room for a region code too, when pages list regions as areas */
	int level;                /* enum geo_level */
	char parent[GEO_CODE_SIZE]; /* "TH" for a province, "" for the nation */
	char *name_th;            /* owned, never NULL once filled */
	char *name_en;            /* owned; NULL when there is no English name */
	char region[16];          /* provinces only, else "" */
	char cluster[4];          /* provinces outside Bangkok only, else "" */
	long nchildren;           /* areas directly below */
};

/* Frees the names and empties a. */
void geo_area_release(struct geo_area *a);

struct geo_area_list {
	struct geo_area *items; /* owned */
	size_t n, cap;
};

#define GEO_AREA_LIST_INIT { NULL, 0, 0 }
/* Frees every item and empties the list. */
void geo_area_list_release(struct geo_area_list *l);

enum geo_order {
	GEO_ORDER_CODE,  /* by code */
	GEO_ORDER_NAME   /* by Thai name in Thai dictionary order, then code */
};

/*
 * Reads one area into *out (which it overwrites without freeing: release it
 * first when reusing). "TH" gives the nation (level 0, ประเทศไทย /
 * Thailand) with the number of provinces as nchildren. ERR_INVALID when code
 * is not a code, ERR_NOT_FOUND when no such area is stored.
 */
int geo_area_get(struct db *db, const char *code, struct geo_area *out, struct err *e);

/*
 * Lists the areas directly below code (for "TH", the provinces), each with
 * the number of its own children, in the given order, into *out (released
 * first). An existing area without children gives an empty list.
 * ERR_INVALID for a bad code, ERR_NOT_FOUND for an unknown one. Lists are
 * short (at most 99 villages in a tambon), so there is no paging.
 */
int geo_children(struct db *db, const char *code, enum geo_order order,
		 struct geo_area_list *out, struct err *e);

/* A geographic region and how many provinces it has. */
struct geo_region {
	char code[16];
	char *name_th; /* owned */
	char *name_en; /* owned */
	int sort;
	long nprovinces;
};

struct geo_region_list {
	struct geo_region *items; /* owned */
	size_t n, cap;
};

#define GEO_REGION_LIST_INIT { NULL, 0, 0 }
void geo_region_list_release(struct geo_region_list *l);

/* Lists the regions in their display order into *out (released first). */
int geo_regions(struct db *db, struct geo_region_list *out, struct err *e);

/*
 * Lists the provinces of region (e.g. "north"), each with its number of
 * districts, into *out (released first). ERR_NOT_FOUND for an unknown region.
 */
int geo_region_provinces(struct db *db, const char *region, enum geo_order order,
			 struct geo_area_list *out, struct err *e);

/*
 * Adds a village named name_th under tambon, with the next code after the
 * tambon's highest village (tambon + 01..99; numbers are never reused, so a
 * gap left by an imported village stays a gap), and writes the new code into
 * out_code. now is the ISO timestamp for created_at.
 *
 * The caller runs it inside a transaction (ERR_INTERNAL otherwise) and rolls
 * back on failure. ERR_INVALID for a code that is not a tambon code or an
 * empty, overlong (over 200 bytes) or malformed name; ERR_NOT_FOUND for an
 * unknown tambon; ERR_CONFLICT when village 99 exists already, or when a
 * concurrent transaction took the same code (PostgreSQL; retry). out_code is
 * "" on failure.
 */
int geo_village_add(struct db *db, const char *tambon, const char *name_th, const char *now,
		    char out_code[GEO_CODE_SIZE], struct err *e);

/*
 * As geo_village_add, with the village's own number (หมู่ที่ moo, 1..99; 0
 * means the next after the highest) and an optional English name (NULL or
 * ""). A number already taken is an ERR_CONFLICT on the field "moo".
 */
int geo_village_add_at(struct db *db, const char *tambon, int moo, const char *name_th,
		       const char *name_en, const char *now, char out_code[GEO_CODE_SIZE],
		       struct err *e);

#endif
