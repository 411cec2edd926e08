/*
 * Welfare programs in the database: the catalogue and its rule versions,
 * enrolments and their steps, payrolls and their lines, and the people data
 * the rules are evaluated on. Rows in, rows out; rules live in core/rules
 * and app/program. Functions that write expect the caller's transaction.
 */
#ifndef SAWAT_STORE_PROGRAM_H
#define SAWAT_STORE_PROGRAM_H

#include "core/date.h"
#include "core/rules.h"
#include "store/db.h"
#include "store/fund.h"

struct program {
	int64_t id;
	char code[RULES_CODE_MAX], name_th[256], name_en[256], pillar[32], owner_area[16];
	char period[16], source[512];
	char *documents;              /* JSON list, owned (program_release) */
};
void program_release(struct program *p);
struct program_list {
	struct program *items;        /* owned */
	size_t n, cap;
};
void program_list_release(struct program_list *l);

struct program_version {
	int64_t id, program_id;
	struct date effective_from;
	char *rules;                  /* owned */
	char note[512], created_by[40];
};
struct program_version_list {
	struct program_version *items; /* owned */
	size_t n, cap;
};
void program_version_list_release(struct program_version_list *l);

struct enrolment {
	int64_t id, program_id, person_id;
	char office[16], province[4], status[16], end_reason[128], created_by[40];
	struct date applied_on, active_from, ended_on, paid_through;
	char *documents;              /* JSON, owned (enrolment_release) */
	/* joined for lists */
	char program_code[RULES_CODE_MAX], name[256], national_id[14], area[16];
};
void enrolment_release(struct enrolment *x);
struct enrolment_list {
	struct enrolment *items;      /* owned */
	size_t n, cap;
};
void enrolment_list_release(struct enrolment_list *l);

struct enrolment_step {
	char status[16], note[512], actor[40], at[32];
};
DECLARE_LIST(enrolment_step_list, enrolment_step);

struct payroll {
	int64_t id, lines, total, stopped, approve_entry_id;
	char office[16], month[8], status[16], generated_by[40], generated_at[32];
	char approved_by[40], approved_at[32];
};
DECLARE_LIST(payroll_list, payroll);

struct payroll_line {
	int64_t id, payroll_id, enrolment_id, person_id, program_id, amount, arrears,
		arrears_months, pay_entry_id;
	char national_id[14], name[256], status[16], reason[64], bank_ref[64];
	char program_code[RULES_CODE_MAX];
};
DECLARE_LIST(payroll_line_list, payroll_line);

/* ---- programs ---- */
int program_insert(struct db *db, const struct program *p, const char *by, const char *now,
		   int64_t *id, struct err *e);
int program_get(struct db *db, int64_t id, struct program *out, struct err *e);
int program_by_code(struct db *db, const char *code, struct program *out, struct err *e);
int program_list_all(struct db *db, struct program_list *out, struct err *e);
/* Replaces a program's list of required documents (JSON, checked by the caller). */
int program_documents_set(struct db *db, int64_t id, const char *documents, struct err *e);
int program_version_insert(struct db *db, int64_t program_id, struct date effective,
			   const char *rules, const char *note, const char *by, const char *now,
			   int64_t *id, struct err *e);
/* All versions of a program, oldest first. */
int program_versions(struct db *db, int64_t program_id, struct program_version_list *out,
		     struct err *e);

/* ---- enrolments ---- */
int enrolment_insert(struct db *db, const struct enrolment *x, const char *now, int64_t *id,
		     struct err *e);
int enrolment_get(struct db *db, int64_t id, struct enrolment *out, struct err *e);
/* Rewrites status, dates, end_reason, paid_through and documents. */
int enrolment_update(struct db *db, const struct enrolment *x, const char *now, struct err *e);
/* The open (not ended, rejected) enrolments of a person in a program, any office. */
int enrolment_open_of(struct db *db, int64_t person_id, int64_t program_id,
		      struct enrolment_list *out, struct err *e);
/* Enrolments of an office (a prefix; "" every office) and program (0: all),
 * status "" for any, by id; paged. */
int enrolment_list_office(struct db *db, const char *office, int64_t program_id,
			  const char *status, int limit, int64_t offset, struct enrolment_list *out,
			  struct err *e);
/* Every enrolment of a person (all programs and offices), newest first. */
int enrolment_list_person(struct db *db, int64_t person_id, struct enrolment_list *out,
			  struct err *e);
int enrolment_step_insert(struct db *db, int64_t enrolment_id, const char *status,
			  const char *note, const char *actor, const char *now, struct err *e);
int enrolment_steps(struct db *db, int64_t enrolment_id, struct enrolment_step_list *out,
		    struct err *e);

/* ---- the people the rules read ---- */
/*
 * Fills a rules_person for person id as of date on: birth, death,
 * nationality, registration, sex, area, needs and valid cards active on
 * on, household income per person per year (NULL income: unknown), and the
 * programs in which they hold an active enrolment on on (bit i for
 * programs[i]). registered is left zero: the caller sets it per program.
 */
int program_person(struct db *db, int64_t person_id, struct date on,
		   const char *const *programs, size_t nprograms, struct rules_person *out,
		   struct err *e);

/* ---- payrolls ---- */
int payroll_insert(struct db *db, const char *office, const char *month, const char *by,
		   const char *now, int64_t *id, struct err *e);
int payroll_get(struct db *db, int64_t id, struct payroll *out, struct err *e);
int payroll_find(struct db *db, const char *office, const char *month, int64_t *id,
		 struct err *e);
int payroll_update(struct db *db, const struct payroll *p, struct err *e);
int payroll_list_office(struct db *db, const char *office, struct payroll_list *out,
			struct err *e);
int payroll_line_insert(struct db *db, const struct payroll_line *l, struct err *e);
int payroll_line_update(struct db *db, const struct payroll_line *l, struct err *e);
int payroll_lines(struct db *db, int64_t payroll_id, struct payroll_line_list *out,
		  struct err *e);
/* Whether the person holds an earlier (lower id than enrolment_id) active
 * enrolment in the same program at another office, paid from the month or
 * before: the first enrolment is paid, a later one at another office stops. */
int payroll_other_office(struct db *db, int64_t person_id, int64_t program_id,
			 int64_t enrolment_id, const char *month, const char *office, bool *found,
			 struct err *e);

/* ---- coverage and outreach ---- */
/* Live, unmerged people registered in area (a prefix), by id: ids and names. */
struct person_brief {
	int64_t id;
	char name[256], area[16];
};
DECLARE_LIST(person_brief_list, person_brief);
int program_people_in(struct db *db, const char *area, struct person_brief_list *out,
		      struct err *e);

struct outreach_case {
	int64_t id, program_id, person_id;
	char area[16], reason[64], status[16], assigned_to[40], outcome[24], note[512];
	char name[256], program_code[RULES_CODE_MAX];
	struct date visited_on;
};
DECLARE_LIST(outreach_list, outreach_case);
/* Inserts an open case unless the person has one open for the program
 * (*created false then). */
int outreach_insert(struct db *db, int64_t program_id, int64_t person_id, const char *area,
		    const char *reason, const char *by, const char *now, bool *created,
		    struct err *e);
int outreach_get(struct db *db, int64_t id, struct outreach_case *out, struct err *e);
int outreach_update(struct db *db, const struct outreach_case *c, const char *now,
		    struct err *e);
/* Cases in area (a prefix), program (0: all), status ("" any), by id; paged. */
int outreach_list_area(struct db *db, const char *area, int64_t program_id, const char *status,
		       int limit, int64_t offset, struct outreach_list *out, struct err *e);

/* A paying office's book (made on first use by app/program.c). */
int office_book_get(struct db *db, const char *office, int64_t *book_id, struct err *e);
int office_book_insert(struct db *db, const char *office, int64_t book_id, struct err *e);

#endif
