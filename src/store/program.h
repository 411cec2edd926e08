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

/*
 * The same facts for many people at once, in the columns rules_eval_batch
 * reads: the columnar loader behind payrolls, coverage gaps and dry runs.
 * Person i of a struct program_cols gets exactly what program_person gives
 * for id[i] (the tests hold the two equal), but the loader reads each table
 * once, as a stream, instead of three queries a person:
 *
 *   person       id, birth, death, nationality, registration, sex, area,
 *                household (rows in id order)
 *   household    monthly income, and the living members it is divided by
 *                (counted from the people read when the whole register is
 *                read; else one grouped query over the households read)
 *   person_need  needs and valid cards active on the date (kinds the rules
 *                name only)
 *   enrolment    the enrolled column (active on the date), and each
 *                person's standing in some programs (standing_of)
 *   outreach     who told a volunteer they do not want them
 *
 * Which people: everyone registered in an area (program_cols_area), or a
 * sorted set of ids (program_cols_ids, for a roll's enrolments). The ids are
 * read in runs of nearby ids (one query per run: one or a few for an area
 * whose people were registered together), so the person table is read in
 * its own order, without an index lookup a person. The nation, or a set of
 * ids of a sixteenth of the register or more, is one scan of each table
 * whole; with spec.helper, two threads read the two halves of the ids at
 * once, then one the incomes while the other reads the rest. On PostgreSQL
 * each stream is a cursor fetched 10,000 rows at a time, so a national
 * result never sits whole in the client. Outside a transaction each
 * connection's streams share one read-only snapshot (a read transaction).
 *
 * Memory: 8 bytes a person for the id, 4 for each date, income, area,
 * needs and cards column asked for, 8 for enrolled, 1 for each of sex,
 * nationality and registration, 1 per program's standing and 4 per
 * application day; while loading, 12 more a household (its income and
 * living members; 16 with a helper).
 */
#define PROGRAM_COLS_STANDING 8 /* programs whose standing one load reads */

struct program_cols_spec {
	struct date on;              /* needs, cards and enrolments as of this date */
	unsigned columns;            /* RULES_COL_* to fill; REGISTERED and FLAGS never are
					(the caller's per program; no flag is recorded yet) */
	uint32_t need_kinds;         /* with NEEDS or CARDS: the kinds read (bit k); 0: all */
	bool living;                 /* leave out people with a death date */
	const char *const *programs; /* bit i of the enrolled column: programs[i] */
	size_t nprograms;            /* at most RULES_MAX_PROGRAMS */
	/* Each person's standing in programs standing_of[k] (status[k]); with
	 * bit k of applied, also the application day of that enrolment
	 * (applied[k]): the open one of the best standing, the earliest of
	 * equals. */
	const int64_t *standing_of;
	size_t nstanding;            /* at most PROGRAM_COLS_STANDING */
	unsigned applied;
	const char *declined_area;   /* with standing_of: outreach cases in this area closed
					"not_interested" set PROGRAM_DECLINED */
	struct db *helper;           /* a second connection the loader may use from a thread
					of its own (the whole register only), or NULL */
};

/* A person's standing in a program (struct program_cols.status). */
#define PROGRAM_STANDING 3u  /* mask: 3 active, 2 suspended, 1 applied or verified, 0 none */
#define PROGRAM_DECLINED 4u  /* told a volunteer they do not want it */

struct program_cols {
	size_t n;
	int64_t *id;                 /* ascending; owned */
	struct rules_batch b;        /* the columns asked for, owned; the others NULL */
	uint8_t *status[PROGRAM_COLS_STANDING];  /* with standing_of, owned */
	int32_t *applied[PROGRAM_COLS_STANDING]; /* day numbers, RULES_DAY_UNKNOWN: none */
	size_t bytes;                /* held by the arrays above */
	size_t peak;                 /* the most held while loading, temporary arrays included */
};
void program_cols_release(struct program_cols *c);

/* Everyone registered in area (a DOPA prefix; "TH" or "" for the nation),
 * records merged into another left out. */
int program_cols_area(struct db *db, const char *area, const struct program_cols_spec *s,
		      struct program_cols *out, struct err *e);
/* The people with ids[0..n) (ascending, no repeats), merged records
 * included (as program_person reads them); ids not in the register (or
 * filtered out by living) are left out. ids is only read. */
int program_cols_ids(struct db *db, const int64_t *ids, size_t n,
		     const struct program_cols_spec *s, struct program_cols *out, struct err *e);
/* The row of id in c, or -1. *hint (start at 0) makes ascending lookups cheap. */
long program_cols_find(const struct program_cols *c, int64_t id, size_t *hint);
/*
 * The names (title, given and family name, as lists show them) of the
 * people ids[0..n) (ascending), read as the loader reads people: in runs of
 * nearby ids, the table in its own order. fn(ctx, i, name) is called for
 * each one found, in order; name is valid for the call only.
 */
int program_names(struct db *db, const int64_t *ids, size_t n,
		  void (*fn)(void *ctx, size_t i, const char *name), void *ctx, struct err *e);

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

/*
 * The enrolments a roll pays, read in one query: every active enrolment
 * of an office (office exact) or of every office in an area (prefix: a DOPA
 * prefix, "TH" for all), paid from the month m1 or before, ordered by office
 * and id (the nation's without other_office: by id only, the table read in
 * its own order; the caller groups them). With names, each carries its person's national ID and name (the
 * line's PromptPay key and payee); with other_office, whether the person
 * holds an earlier (lower id) active enrolment in the program at another
 * office paid from m1 or before: the first enrolment is paid, a later one at
 * another office stops.
 */
struct roll_entry {
	int64_t id, person_id, program_id;
	int32_t applied_on, active_from, paid_through; /* day numbers; RULES_DAY_UNKNOWN: none */
	char office[GEO_CODE_SIZE];
	bool other_office;
	uint32_t name;               /* with names: offset in the list's names of the
					national ID, a NUL, then the name */
};
struct roll_entry_list {
	struct roll_entry *items;    /* owned */
	size_t n, cap;
	struct buf names;            /* owned */
};
void roll_entry_list_release(struct roll_entry_list *l);
int payroll_entries(struct db *db, const char *office, bool prefix, struct date m1, bool names,
		    bool other_office, struct roll_entry_list *out, struct err *e);
/* Records that a roll paid an enrolment through month (its first day). */
int enrolment_paid_through(struct db *db, int64_t id, struct date month, const char *now,
			   struct err *e);

/* ---- coverage and outreach ---- */
struct outreach_case {
	int64_t id, program_id, person_id;
	char area[16], reason[64], status[16], assigned_to[40], outcome[24], note[512];
	char name[256], program_code[RULES_CODE_MAX];
	struct date visited_on;
};
DECLARE_LIST(outreach_list, outreach_case);
/* A query of cases is OUTREACH_SQL "WHERE ...", its rows read by
 * outreach_read (a DB_STEP_LIST reader; store/coverage.c's lists too). */
#define OUTREACH_SQL                                                                         \
	"SELECT o.id, o.program_id, o.person_id, o.area, o.reason, o.status, "              \
	"COALESCE(o.assigned_to, ''), COALESCE(o.outcome, ''), o.note, "                     \
	"COALESCE(o.visited_on, ''), p.title || p.given_name || ' ' || p.family_name, g.code " \
	"FROM outreach_case o JOIN person p ON p.id = o.person_id "                          \
	"JOIN program g ON g.id = o.program_id "
void outreach_read(struct db_stmt *st, void *item);
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
