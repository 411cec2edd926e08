/*
 * The situation picture in the database: counts of living, unmerged people
 * in an area on a date, by sex and five-year age band, by need kind, and of
 * the disadvantaged with and without support, each for the whole area and
 * for every child area (provinces of the nation, districts of a province,
 * ...). Rules (who may see which counts, suppression of small cells) live
 * in app/report.
 *
 * Ages are computed in SQL from the ISO birth date: someone is at least n
 * years old on D exactly when birth_date <= (D minus n years) compared as
 * text, e.g. born on or before '1966-11-22' is 60 on 2026-11-22. For a
 * 29 February birthday this agrees with date_anniversary (1 March in
 * common years), since no D has a day 29 in a common year's February.
 * report_age_cutoff writes that text.
 *
 * The queries are GROUP BYs over the covering index person_area (area,
 * sex, birth_date, death_date, merged_into, id) and need_area_kind, never a
 * loop over people.
 */
#ifndef SAWAT_STORE_REPORT_H
#define SAWAT_STORE_REPORT_H

#include "core/person.h"
#include "store/db.h"

#define REPORT_SEXES 3 /* indexed by enum sex: unknown, male, female */

/* The counts of one area. A count of -1 is suppressed (app/report). */
struct situation_counts {
	char code[16];               /* the area ("TH" for the nation) */
	int64_t total;               /* living, unmerged people */
	int64_t groups[GROUP_COUNT]; /* by target group bit index: child_youth, working_age,
				      * elderly, disadvantaged */
	int64_t pyramid[REPORT_SEXES][AGE_BANDS];
	int64_t age_unknown[REPORT_SEXES]; /* no birth date recorded */
	int64_t needs[NEED_COUNT];   /* people with an active need of each kind */
	int64_t disabled_no_card;    /* an active disability and no valid card */
	int64_t no_support;          /* disadvantaged with no support recorded */
};

/* The area and its children (only children holding someone are listed). */
struct situation_rows {
	struct situation_counts all;
	struct situation_counts *children; /* owned */
	size_t n, cap;
};
#define SITUATION_ROWS_INIT { .children = NULL }
void situation_rows_release(struct situation_rows *r);

/* Writes D minus years as "YYYY-MM-DD" (the day may not exist: see above). */
void report_age_cutoff(struct date d, int years, char out[48]);

/*
 * The SQL condition "person_col has support recorded on the as-of date",
 * appended to sql. Every '?' in it stands for the as-of date (ISO).
 * Support is, for now, an active welfare_card need; the program and fund
 * modules add their EXISTS clauses here (enrolments, fund membership), so
 * every report that asks "who is missing out" follows.
 */
void report_support_sql(struct buf *sql, const char *person_col);

/*
 * Counts for code ("TH" or a DOPA code) on the date on into *out (released
 * first). with_children adds one row per child area. code must be valid.
 */
int report_situation(struct db *db, const char *code, struct date on, bool with_children,
		     struct situation_rows *out, struct err *e);

#endif
