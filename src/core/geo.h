/*
 * Area codes: Thailand's DOPA codes and the rules that hold between them.
 *
 * DOPA codes are prefixes of each other, two digits a level:
 *
 *     TH          the nation            level 0 (GEO_NATION)
 *     50          province              level 1 (TIS 1099 code, one of 77)
 *     5001        district (amphoe/khet) level 2
 *     500101      tambon (khwaeng)      level 3
 *     50010106    village (muban)       level 4
 *
 * The nation is written "TH" wherever a code is asked for; it stands for the
 * empty prefix. Anything else (other lengths, non-digits, spaces, "th", a
 * province code outside the 77) is not a code. Municipal communities are
 * numbered under a registration office whose district digits count down from
 * 99 (50990063), so the digits after the province are not checked beyond
 * being digits: whether an area exists is the store's question.
 *
 * Everything here is pure: no I/O, no allocation, no globals that change.
 */
#ifndef SAWAT_CORE_GEO_H
#define SAWAT_CORE_GEO_H

#include "lib/err.h"

enum geo_level {
	GEO_NATION = 0,
	GEO_PROVINCE = 1,
	GEO_DISTRICT = 2,
	GEO_TAMBON = 3,
	GEO_VILLAGE = 4
};

/* The nation's code. */
#define GEO_NATION_CODE "TH"
/* Room for any code with its NUL: 8 digits + 1. */
#define GEO_CODE_SIZE 9
/* Villages a tambon can hold: codes end in 01..99. */
#define GEO_VILLAGE_MAX 99

/*
 * The level of code (0..4), or -1 when code is not an area code. NULL is not
 * a code.
 */
int geo_level(const char *code);

/* True when code is an area code (geo_level(code) >= 0). */
bool geo_code_valid(const char *code);

/*
 * Validates code, for input at the edge. Returns 0, or ERR_INVALID with e
 * saying why in Thai and English ("field" names the input field, may be
 * NULL): empty, not digits, wrong length, unknown province.
 */
int geo_code_check(const char *code, const char *field, struct err *e);

/*
 * As geo_code_check, and the code must also be at level (e.g. GEO_TAMBON
 * where a tambon is asked for).
 */
int geo_code_check_level(const char *code, int level, const char *field, struct err *e);

/*
 * True when the first two characters of code are one of the 77 province
 * codes (code may be longer than two characters).
 */
bool geo_province_known(const char *code);

/* The number of provinces and the i-th province code (0 <= i < count), in
 * ascending order; NULL when i is out of range. */
int geo_province_count(void);
const char *geo_province_code(int i);

/*
 * Writes the parent of code into out: "TH" for a province, the code's first
 * 2, 4 or 6 digits below that. Returns 0; ERR_NOT_FOUND for "TH" (the nation
 * has no parent) and ERR_INVALID for anything that is not a code; out is ""
 * on failure.
 */
int geo_parent_code(const char *code, char out[GEO_CODE_SIZE]);

/*
 * Writes into out the area at level that contains code: the province of a
 * village is geo_code_at_level("50010106", GEO_PROVINCE, out) = "50".
 * Level 0 gives "TH"; a level equal to the code's own gives the code.
 * Returns 0, or ERR_INVALID (out "") when code is not a code or level is
 * deeper than code's.
 */
int geo_code_at_level(const char *code, int level, char out[GEO_CODE_SIZE]);

/*
 * True when a user whose scope is `scope` may see `code`: scope "TH" covers
 * every code; any other scope covers itself and the codes below it (scope "10"
 * covers "10", "1001" and "10010101"; it does not cover "1", "11" or "TH").
 * A scope never covers a code shorter than itself. Anything that is not a
 * code, on either side, is covered by nothing and covers nothing, so a bad
 * scope fails closed.
 */
bool geo_in_scope(const char *scope, const char *code);

/*
 * Composes the code of village number seq (1..GEO_VILLAGE_MAX) of tambon,
 * e.g. ("500101", 6) -> "50010106". Returns 0, or ERR_INVALID (out "") when
 * tambon is not a tambon code or seq is out of range.
 */
int geo_village_code(const char *tambon, int seq, char out[GEO_CODE_SIZE]);

/* A stable English slug for a level: "nation", "province", "district",
 * "tambon", "village"; "invalid" otherwise. */
const char *geo_level_name(int level);

/* True for the six geographic regions' codes (north, northeast, central,
 * east, west, south: data/geo/regions.tsv). */
bool geo_region_valid(const char *code);

#endif
