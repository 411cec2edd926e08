/*
 * Candidate duplicate people in the database (table duplicate_candidate):
 * the people a scan compares, storing pairs (person_a < person_b, each pair
 * at most once whatever its status, so a dismissed pair is never proposed
 * again), the review queue, and moving a merged person's links. Writes
 * expect the caller's transaction.
 */
#ifndef SAWAT_STORE_DUPLICATE_H
#define SAWAT_STORE_DUPLICATE_H

#include "core/date.h"
#include "store/db.h"

/* A live, unmerged person with a birth date, as a scan sees them. */
struct dup_person {
	int64_t id;
	char area[9];
	char *name_key;   /* owned */
	struct date birth;
};

struct dup_person_list {
	struct dup_person *items; /* owned */
	size_t n, cap;
};
#define DUP_PERSON_LIST_INIT { NULL, 0, 0 }
void dup_person_list_release(struct dup_person_list *l);

/* Living, unmerged people with a known birth date inside the area prefix. */
int dup_people(struct db *db, const char *area, struct dup_person_list *out, struct err *e);

/* Adds the pair (a < b) as open unless it is known already; *added 1 or 0. */
int dup_insert(struct db *db, int64_t a, int64_t b, const char *reason, int score,
	       const char *area, const char *now, int *added, struct err *e);

struct dup_candidate {
	int64_t id, person_a, person_b;
	char reason[32];
	int score;
	char area[9];
	char status[16];
};

/* One candidate. ERR_NOT_FOUND when missing. */
int dup_get(struct db *db, int64_t id, struct dup_candidate *out, struct err *e);
/*
 * Open candidates whose area lies in the prefix and whose people are both
 * still unmerged, by id after after_id, at most limit; *n their number
 * (out holds limit entries).
 */
int dup_list_open(struct db *db, const char *area, int64_t after_id, int limit,
		  struct dup_candidate *out, size_t *n, struct err *e);
/* Sets the status (merged, dismissed) with who and when; ERR_CONFLICT unless open. */
int dup_decide(struct db *db, int64_t id, const char *status, const char *by, const char *now,
	       struct err *e);
/*
 * Gives the kept person the other's household membership when the kept one
 * has none (and the headship, when the other headed it), and sets the area
 * of the moved needs to the kept person's. Call after need_move.
 */
int dup_move_links(struct db *db, int64_t from, int64_t to, const char *now, struct err *e);

#endif
