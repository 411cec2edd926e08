/*
 * What coverage by area and target group reads besides the gap analysis
 * (app/program's app_program_gaps): the people of an area with their target
 * groups and whether they receive a program, how many people each child
 * area holds, the people who declined a program at an outreach visit, the
 * volunteers who may take an area's cases, and outreach cases filtered by
 * volunteer. Rows in, rows out; what the counts mean is app/coverage's.
 *
 * "People" are the living (no death recorded), unmerged people registered
 * in the area, the same people app_program_gaps judges.
 */
#ifndef SAWAT_STORE_COVERAGE_H
#define SAWAT_STORE_COVERAGE_H

#include "core/date.h"
#include "store/program.h"

/* A person as coverage counts them. */
struct coverage_person {
	int64_t id;
	unsigned groups;             /* target group bits on the date (core/person.h) */
	bool enrolled;               /* holds an active enrolment in the program */
};
DECLARE_LIST(coverage_person_list, coverage_person);

/*
 * The people registered in area (a DOPA prefix), by id, with their target
 * groups on `on` (the age group from the birth date; GROUP_DISADVANTAGED
 * for an active need of a disadvantage kind that day) and whether they hold
 * an active enrolment in program_id.
 */
int coverage_people(struct db *db, const char *area, int64_t program_id, struct date on,
		    struct coverage_person_list *out, struct err *e);

/* How many people the child areas of area hold: one row per distinct first
 * child_len characters of the people's area codes, in code order. */
struct coverage_count {
	char code[16];
	int64_t people;
};
DECLARE_LIST(coverage_count_list, coverage_count);
int coverage_child_people(struct db *db, const char *area, size_t child_len,
			  struct coverage_count_list *out, struct err *e);

/*
 * The people registered in area who told a volunteer they do not want the
 * program (a closed outreach case filed in area with the outcome
 * not_interested) and hold no active enrolment in it, by id; *ids is
 * malloc'd (the caller frees it).
 */
int coverage_declined(struct db *db, const char *area, int64_t program_id, int64_t **ids,
		      size_t *n, struct err *e);

/* Enabled volunteers whose scope lies inside area or covers it, by username. */
struct coverage_volunteer {
	char username[40], display_name[128], area[16];
};
DECLARE_LIST(coverage_volunteer_list, coverage_volunteer);
int coverage_volunteers(struct db *db, const char *area, struct coverage_volunteer_list *out,
			struct err *e);

/*
 * Outreach cases in area (a prefix; "" everywhere), of program (0: all),
 * with status ("" any) and assigned to volunteer ("" anyone), by area and
 * id; paged.
 */
int coverage_cases(struct db *db, const char *area, int64_t program_id, const char *status,
		   const char *volunteer, int limit, int64_t offset, struct outreach_list *out,
		   struct err *e);

#endif
