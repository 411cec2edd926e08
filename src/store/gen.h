/*
 * Bulk loading of a synthetic population (app/gen): multi-row INSERTs of
 * households, people, needs and consents, written once for SQLite and
 * PostgreSQL. Rows arrive with their ids assigned by the caller (from
 * gen_next_ids, inside the caller's transaction), so people can point at
 * their household and needs at their person without a round trip per row.
 *
 * Every function that writes expects the caller's transaction. Rows are
 * borrowed; nothing is kept.
 */
#ifndef SAWAT_STORE_GEN_H
#define SAWAT_STORE_GEN_H

#include "store/db.h"

struct gen_household_row {
	int64_t id;
	char area[9];
	char house_no[16];
	int64_t monthly_income; /* satang; -1 unknown (NULL) */
	int64_t head_person_id;
};

struct gen_person_row {
	int64_t id;
	char national_id[14];    /* "" -> NULL */
	const char *title, *given_name, *family_name, *sex, *reg_status, *relation; /* static */
	char name_key[256];
	char birth_date[11];
	char death_date[11];     /* "" -> NULL */
	char nationality[3];
	char area[9];
	char house_no[16];
	char phone[11];
	int64_t household_id;
};

struct gen_need_row {
	int64_t person_id;
	char area[9];
	const char *kind;        /* need_kind_code */
	bool sensitive;
	char observed_on[11];
	const char *disability_type; /* NULL unless a disability */
	char card_no[14];        /* "" -> NULL */
	char card_issued[11], card_expires[11];
};

/* The next free household and person ids (MAX(id) + 1). */
int gen_next_ids(struct db *db, int64_t *household_id, int64_t *person_id, struct err *e);
int gen_insert_households(struct db *db, const struct gen_household_row *rows, size_t n,
			  const char *now, struct err *e);
int gen_insert_persons(struct db *db, const struct gen_person_row *rows, size_t n,
		       const char *now, struct err *e);
int gen_insert_needs(struct db *db, const struct gen_need_row *rows, size_t n,
		     const char *recorded_by, const char *now, struct err *e);
/* One consent (purpose welfare_registry, basis public_task, given_on) per person. */
int gen_insert_consents(struct db *db, const struct gen_person_row *rows, size_t n,
			const char *given_on, const char *recorded_by, const char *now,
			struct err *e);
/* Sizes the connection's page cache for bulk loading (SQLite; a no-op on
 * PostgreSQL). The cache is bounded, so memory does not grow with the load. */
#define GEN_SQLITE_CACHE_KIB "262144"
int gen_tune(struct db *db, struct err *e);
/* After explicit ids: moves PostgreSQL's identity sequences past them (no-op on SQLite). */
int gen_sync_ids(struct db *db, struct err *e);

/* People registered in the province (all of them, generated or not). */
int gen_person_count(struct db *db, const char *province, int64_t *n, struct err *e);
/* Audit entries of earlier generations into the province. */
int gen_runs(struct db *db, const char *province, int64_t *n, struct err *e);
/* The tambon and village codes of the province (malloc'd array of n codes; caller frees). */
int gen_areas(struct db *db, const char *province, char (**codes)[9], size_t *n, struct err *e);

/* Up to max ids of live, unmerged people registered in area (a prefix), born
 * on or before born_by, by id. */
int gen_people_in(struct db *db, const char *area, const char *born_by, int64_t *ids, size_t max,
		  size_t *n, struct err *e);

#endif
