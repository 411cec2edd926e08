/*
 * People, needs, consents and households in the database. Rows in, rows
 * out: rules live in core/person and app/person. Every function that writes
 * expects the caller's transaction.
 *
 * Dates are ISO text in the database and struct date here. Strings in
 * returned structs are owned by them (person_release, need_release, ...).
 */
#ifndef SAWAT_STORE_PERSON_H
#define SAWAT_STORE_PERSON_H

#include "core/person.h"
#include "store/db.h"

/* Inserts p (p->id ignored); *id gets the new id. ERR_CONFLICT on a taken national ID. */
int person_insert(struct db *db, const struct person *p, const char *now, int64_t *id,
		  struct err *e);
/*
 * Bulk inserts: n new person ids into ids (the caller's array), taken so
 * that no one else can take them (SQLite: above the largest, under the
 * write lock; PostgreSQL: from the id sequence); then the n records p with
 * those ids, in multi-row statements. ERR_CONFLICT when a national ID is
 * taken (nothing of the statement is written; the transaction is doomed).
 * The records' texts are bound without copies: they must live until the
 * call returns.
 */
int person_reserve_ids(struct db *db, size_t n, int64_t *ids, struct err *e);
int person_insert_many(struct db *db, const struct person *p, const int64_t *ids, size_t n,
		       const char *now, struct err *e);
/* Rewrites the record p->id (every field of struct person). ERR_NOT_FOUND when missing. */
int person_update(struct db *db, const struct person *p, const char *now, struct err *e);
/* Reads a person (merged records too: see merged_into). ERR_NOT_FOUND when missing. */
int person_get(struct db *db, int64_t id, struct person *out, int64_t *merged_into,
	       struct err *e);
/* The id of the person with this national ID, or 0. */
int person_id_by_national_id(struct db *db, const char *nid, int64_t *id, struct err *e);
/* Ids of live (unmerged) people with this name key and birth date in area's
 * prefix, below below_id (0: any), at most max, into ids; *n their number. */
int person_ids_by_name_birth(struct db *db, const char *name_key, struct date birth,
			     const char *area_prefix, int64_t below_id, int64_t *ids, size_t max,
			     size_t *n, struct err *e);
int person_set_death(struct db *db, int64_t id, struct date death, const char *now,
		     struct err *e);
int person_set_household(struct db *db, int64_t id, int64_t household_id, const char *relation,
			 const char *now, struct err *e);
/* Marks id as merged into into (hidden from search and counts). */
int person_set_merged(struct db *db, int64_t id, int64_t into, const char *now, struct err *e);

/* PDPA retention: the date after which the person's identifying data is erased. */
int person_set_retention(struct db *db, int64_t id, struct date until, const char *now,
			 struct err *e);
/* The same, only when the person has no retention date yet. */
int person_default_retention(struct db *db, int64_t id, struct date until, const char *now,
			     struct err *e);
/* How many people are due for erasure today. */
int person_count_retention_due(struct db *db, struct date today, int64_t *n, struct err *e);
/* Up to max ids of people whose retention date is before today and who are not yet erased. */
int person_ids_retention_due(struct db *db, struct date today, int64_t *ids, size_t max,
			     size_t *n, struct err *e);
/*
 * Erases a person's identifying data: names, national ID, phone, house
 * numbers and free-text notes; the birth date is cut to 1 July of its year.
 * Keeps the row (links and counts stay whole) and marks it erased.
 */
int person_erase(struct db *db, int64_t id, const char *now, struct err *e);

/* Search. Every condition is optional; results exclude merged records. */
struct person_query {
	const char *area;        /* DOPA prefix ("TH" or NULL: everywhere) */
	const char *national_id; /* exact, 13 digits */
	const char *name_key;    /* substring of the name key (core/thtext) */
	int need_kind;           /* enum need_kind active today, 0: any */
	struct date today;       /* for need_kind */
	bool alive_only;
	int limit;               /* 1..500 */
	int64_t offset;          /* paging: rows to skip (ignored with after_id) */
	int64_t after_id;        /* paging: the rows after this person in the order (0: none) */
};

struct person_list {
	struct person *items;    /* owned */
	size_t n, cap;
};
#define PERSON_LIST_INIT { NULL, 0, 0 }
void person_list_release(struct person_list *l);

/* Results in Thai dictionary order of given name, family name, then id. */
int person_search(struct db *db, const struct person_query *q, struct person_list *out,
		  struct err *e);

/*
 * The ordered name index (SQLite; every function is a no-op on PostgreSQL,
 * whose indexes keep themselves). Triggers keep it in step with person one
 * row at a time; bulk loaders instead call person_search_bulk_begin, insert
 * their people (ids first_id..last_id), and person_search_bulk_end, which
 * indexes them in position order, or, when may_rebalance and a rebalance is
 * due, rebalances (which indexes everyone once). All of these
 * write and expect the caller's transaction.
 *
 * Rebalancing draws the index's buckets again (one per bucket_size people
 * in Thai order) and rebuilds it: a sorted pass over the register, due when
 * the register has doubled since the last one (and holds a few thousand
 * people). Searches are right either way; balanced buckets make them fast.
 */
int person_search_bulk_begin(struct db *db, struct err *e);
int person_search_bulk_end(struct db *db, int64_t first_id, int64_t last_id, bool may_rebalance,
			   struct err *e);

/*
 * A person's entry in the ordered name index, made by a bulk loader that
 * has the names at hand (app/import), so that the end of the load reads
 * nothing back and calls ICU for nobody twice.
 */
struct person_search_doc {
	int64_t id;
	const char *key;         /* thtext_name_sort_key(given, family) */
	size_t key_len;
	const char *name_key;    /* the person's name key */
	char area[9];
};

/*
 * Ends a bulk load as person_search_bulk_end(may_rebalance) does, from the
 * entries of the load's people (docs[0..n), any order: reordered here)
 * instead of reading them back: each takes its bucket from name_bucket, or,
 * when a rebalance is due and whole says that docs are everyone the index
 * holds (the register was empty before the load), the buckets are drawn
 * from docs alone. A rebalance due on a register that was not empty reads
 * everyone (person_search_rebalance).
 */
int person_search_bulk_end_docs(struct db *db, struct person_search_doc *docs, size_t n,
				bool whole, struct err *e);

/*
 * person_search_bulk_end_docs in three steps, so that the middle one (pure:
 * sorting a million entries takes a second) can run on another thread while
 * the caller's connection does other work. _begin (in the caller's
 * transaction) ends the bulk state and reads what the plan needs; _order
 * (no database; docs must live until _write) puts the entries in the order
 * they go into the index; _write (in the transaction) writes them, or
 * rebalances by reading everyone when the entries are not the whole
 * register. _release frees the plan (after any step; it does not own docs).
 */
struct person_search_lo {    /* a bucket's first person (name_bucket) */
	char *key;
	size_t len;
	int64_t id, bucket;
};
struct person_search_pos {   /* an entry's position (rowid), and which entry */
	int64_t pos;
	size_t i;
};
struct person_search_plan {
	bool sqlite, due, whole;
	int64_t bucket_size;
	struct person_search_lo *lo;     /* owned */
	size_t nlo;
	struct person_search_doc *docs;  /* borrowed */
	size_t n;
	struct person_search_pos *order; /* owned: the entries in writing order */
	int64_t *firsts;                 /* owned: a rebalance's buckets 1.. by first id */
	size_t nfirsts;
};
int person_search_plan_begin(struct db *db, struct person_search_plan *plan, bool whole,
			     struct err *e);
void person_search_plan_order(struct person_search_plan *plan, struct person_search_doc *docs,
			      size_t n);
int person_search_plan_write(struct db *db, struct person_search_plan *plan, struct err *e);
void person_search_plan_release(struct person_search_plan *plan);
int person_search_due(struct db *db, bool *due, struct err *e);
int person_search_rebalance(struct db *db, struct err *e);
/* Rebalances when due; *rebuilt (may be NULL) says whether it did. */
int person_search_maintain(struct db *db, bool *rebuilt, struct err *e);

/* ---- needs ---- */
int need_insert(struct db *db, const struct need *n, const char *area, const char *actor,
		const char *now, int64_t *id, struct err *e);
/*
 * Inserts needs[0..n) (each with its person_id set; areas[i] is the area of
 * needs[i]'s person) in multi-row statements, without reading their ids back.
 * The texts are bound without copies: they must live until the call returns.
 */
int need_insert_many(struct db *db, const struct need *needs, const char *const *areas, size_t n,
		     const char *actor, const char *now, struct err *e);
int need_end(struct db *db, int64_t id, struct date ended, struct err *e);
int need_get(struct db *db, int64_t id, struct need *out, struct err *e);

struct need_list {
	struct need *items;      /* owned */
	size_t n, cap;
};
#define NEED_LIST_INIT { NULL, 0, 0 }
void need_list_release(struct need_list *l);
/* A person's needs, oldest first. */
int need_list_of(struct db *db, int64_t person_id, struct need_list *out, struct err *e);
/* Moves every need (and consent) of person from into to (duplicate merges). */
int need_move(struct db *db, int64_t from, int64_t to, struct err *e);

/* ---- consent (PDPA) ---- */
struct consent {
	int64_t id, person_id;
	char purpose[48];
	char basis[24];          /* consent, public_task, legal_obligation, vital_interest */
	struct date given_on, withdrawn_on;
	char recorded_by[40];
};
struct consent_list {
	struct consent *items;
	size_t n, cap;
};
#define CONSENT_LIST_INIT { NULL, 0, 0 }
void consent_list_release(struct consent_list *l);
int consent_insert(struct db *db, const struct consent *c, const char *now, int64_t *id,
		   struct err *e);
int consent_withdraw(struct db *db, int64_t id, struct date on, struct err *e);
int consent_list_of(struct db *db, int64_t person_id, struct consent_list *out, struct err *e);

/* ---- households ---- */
struct household {
	int64_t id;
	char area[9];
	char *house_no;          /* owned */
	int64_t monthly_income;  /* satang; -1 when unknown */
	int64_t head_person_id;  /* 0: none */
};
void household_release(struct household *h);
int household_insert(struct db *db, const struct household *h, const char *now, int64_t *id,
		     struct err *e);
int household_update(struct db *db, const struct household *h, const char *now, struct err *e);
int household_get(struct db *db, int64_t id, struct household *out, struct err *e);
/* The household's members (live, unmerged), head first, then by birth date. */
int household_members(struct db *db, int64_t id, struct person_list *out, struct err *e);

#endif
