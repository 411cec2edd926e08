/*
 * Coverage of the welfare programs by area and target group, and the
 * outreach work that follows from it: how many of the people a program
 * should reach in each child area of an area (provinces of the nation,
 * districts of a province, tambons of a district, villages of a tambon)
 * receive it, and the same split by the registry's four target groups;
 * outreach cases listed by volunteer; the volunteers who may take an area's
 * cases.
 *
 * The counts are app_program_gaps' (app/program.h), made per child area
 * and added up, so the rows of an area always sum to what the gap analysis
 * of the area says. The target groups come from the people of each child
 * area (store/coverage) and the gap lists. When all the state programs are
 * shown together, every count is of person-program pairs: someone missing
 * two allowances is two gaps.
 *
 *   reached   enrolled and still eligible (enrolled - enrolled_not_eligible)
 *   entitled  reached + gaps: the people the program should reach
 *   rate      reached / entitled, in tenths of a percent (-1: no one entitled)
 *
 * Access: PERM_READ and the area in the actor's scope, like the gap
 * analysis (a province officer sees their province and below, not the
 * nation: ERR_FORBIDDEN). For roles without PERM_SENSITIVE_READ a count of
 * 1-4 in the disabled and disadvantaged group (built from sensitive needs)
 * is suppressed (-1), as the situation picture does.
 */
#ifndef SAWAT_APP_COVERAGE_H
#define SAWAT_APP_COVERAGE_H

#include "app/program.h"
#include "core/person.h"
#include "store/coverage.h"
#include "store/geo.h"

/* The group cells: the four target groups by bit index (child_youth,
 * working_age, elderly, disadvantaged), then those with no age known. */
#define COVERAGE_GROUPS (GROUP_COUNT + 1)
#define COVERAGE_AGE_UNKNOWN GROUP_COUNT

/* Gap items read per child area and program to split by target group;
 * beyond it the group cells are marked partial. */
#define COVERAGE_MAX_LIST 250000

struct coverage_row {
	char code[16];
	char *name_th, *name_en;     /* owned; name_en may be NULL */
	struct coverage c;           /* summed over the programs */
};

struct area_coverage {
	struct geo_area area;        /* owned names */
	struct date on;
	int64_t program_id;          /* 0: the state programs together */
	int64_t programs[16];        /* the programs counted */
	size_t nprograms;
	struct coverage total;
	/* The group cells. In them declined is not counted (0), and
	 * eligible, enrolled, gaps and the gap reasons add up over the
	 * age groups and COVERAGE_AGE_UNKNOWN to the total's. */
	struct coverage groups[COVERAGE_GROUPS];
	bool groups_partial;         /* a gap list was longer than COVERAGE_MAX_LIST */
	bool suppressed;             /* small disadvantaged-group cells are -1 */
	struct coverage_row *rows;   /* owned: every child area in code order, zeros
				      * included, then people registered at the area itself */
	size_t n;
};
void area_coverage_release(struct area_coverage *c);

/* Enrolled and still eligible. */
int64_t coverage_reached(const struct coverage *c);
/* reached / (reached + gaps) in tenths of a percent (875 is 87.5%); -1
 * when no one is entitled or a count is suppressed. */
int coverage_rate(const struct coverage *c);

/*
 * Coverage of program_id (0: every program owned by the nation, the state
 * allowances) in code ("TH" or a DOPA code) on date (ISO or B.E.; NULL or
 * "" for today) into *out (released first). ERR_INVALID (fields "code",
 * "on", "program") for bad input, ERR_FORBIDDEN outside the scope,
 * ERR_NOT_FOUND for an unknown area or program.
 */
int app_coverage(struct app *app, const struct actor *a, int64_t program_id, const char *code,
		 const char *date, struct area_coverage *out, struct err *e);

/* Outreach cases as app_outreach_list gives them, also filtered by the
 * volunteer they are assigned to (NULL or "": anyone). */
int app_coverage_cases(struct app *app, const struct actor *a, const char *area,
		       int64_t program_id, const char *status, const char *volunteer, int limit,
		       int64_t offset, struct outreach_list *out, struct err *e);

/* One outreach case, when its area is in the actor's scope. */
int app_coverage_case(struct app *app, const struct actor *a, int64_t id,
		      struct outreach_case *out, struct err *e);

/* The volunteers who may take cases in area (their scope covers it or lies
 * inside it), for officers assigning cases there. */
int app_coverage_volunteers(struct app *app, const struct actor *a, const char *area,
			    struct coverage_volunteer_list *out, struct err *e);

#endif
