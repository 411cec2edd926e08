/*
 * The situation picture: how many living people an area holds on a date,
 * by target group, sex and age band, and need, and how many of those in
 * need have no support recorded; for the area and each child area.
 *
 * Access: PERM_READ, and the area inside the actor's scope (a province
 * officer sees their province and everything below it, not the nation or
 * another province: ERR_FORBIDDEN).
 *
 * Small cells: counts that touch sensitive data (the sensitive need kinds,
 * disabled without a card, the disadvantaged group and those without
 * support, which are built from sensitive needs) are suppressed when they
 * are 1-4 for roles without PERM_SENSITIVE_READ: such a cell could name a
 * person in a village. Where exactly one child area's cell of a column is
 * suppressed, the smallest other non-zero cell of that column is suppressed
 * too, so that it cannot be recovered by subtracting from the total. A
 * suppressed count is -1. Aggregate counts are not personal data, so they
 * are not logged as views.
 */
#ifndef SAWAT_APP_REPORT_H
#define SAWAT_APP_REPORT_H

#include "app/app.h"
#include "store/geo.h"
#include "store/report.h"

/* Cells below this are suppressed for roles without PERM_SENSITIVE_READ. */
#define REPORT_MIN_CELL 5

struct situation {
	struct geo_area area;        /* owned names */
	struct date on;
	bool suppressed;             /* small-cell suppression was applied */
	struct situation_counts all;
	struct situation_child {
		struct situation_counts c;
		char *name_th, *name_en; /* owned; name_en may be NULL */
	} *children;                 /* owned: every child area, in code order, zeros included */
	size_t n;
};

void situation_release(struct situation *s);

/*
 * The situation of code ("TH" or a DOPA code) on date (ISO or B.E.
 * d/m/yyyy; NULL or "" for today in Bangkok) into *out (released first).
 * ERR_INVALID (field "code" or "date") for bad input, ERR_FORBIDDEN outside
 * the scope, ERR_NOT_FOUND for an unknown area.
 */
int app_situation(struct app *app, const struct actor *a, const char *code, const char *date,
		  struct situation *out, struct err *e);

#endif
