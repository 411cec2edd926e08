/*
 * Staged imports in the database: a batch (one file, its matching policy,
 * the importer's scope, its counts and status) and its rows (row number,
 * outcome, the person matched or written, the row's data and errors as
 * JSON). Rows in, rows out: the rules are in core/import and app/import.
 * Functions that write expect the caller's transaction.
 *
 * Batch status:   staged --commit--> committed
 */
#ifndef SAWAT_STORE_IMPORT_H
#define SAWAT_STORE_IMPORT_H

#include "store/db.h"

/* Row outcomes, as stored. */
#define IMPORT_ERROR "error"
#define IMPORT_NEW "new"
#define IMPORT_UPDATE "update"
#define IMPORT_SAME "same"

struct import_counts {
	int64_t total, error, new_, update, same;
};

struct import_batch {
	int64_t id;
	char kind[16];           /* "persons" */
	char *file_name;         /* owned */
	char file_hash[65];      /* hex BLAKE2b-256 of the bytes */
	char policy[24];
	char status[16];         /* "staged", "committed" */
	char area[16];           /* the importer's scope */
	char encoding[16];       /* "utf-8", "windows-874", "xlsx" */
	char *unknown_columns;   /* owned: JSON list of header names */
	struct import_counts n;
	char created_by[40];
	char created_at[32];
	char committed_at[32];   /* "" until committed */
};

void import_batch_release(struct import_batch *b);

/* Inserts b (status and counts as given); *id gets the new id. */
int import_batch_insert(struct db *db, const struct import_batch *b, int64_t *id,
			struct err *e);
/* Writes the counts of batch id. */
int import_batch_set_counts(struct db *db, int64_t id, const struct import_counts *n,
			    struct err *e);
/* Marks batch id committed at now, only when it is staged: ERR_CONFLICT otherwise. */
int import_batch_mark_committed(struct db *db, int64_t id, const char *now, struct err *e);
/* Reads batch id into *out (released first). ERR_NOT_FOUND when missing. */
int import_batch_get(struct db *db, int64_t id, struct import_batch *out, struct err *e);

struct import_batch_list {
	struct import_batch *items; /* owned */
	size_t n, cap;
};
#define IMPORT_BATCH_LIST_INIT { NULL, 0, 0 }
void import_batch_list_release(struct import_batch_list *l);
/*
 * Appends to *out the batches of importers whose scope lies in area ("TH"
 * or a code prefix), newest first: ids below before_id (0: from the
 * newest), at most limit.
 */
int import_batch_list(struct db *db, const char *area, int64_t before_id, int limit,
		      struct import_batch_list *out, struct err *e);

struct import_row {
	int64_t row_no;          /* the file's row number (the header is row 1) */
	char outcome[8];
	int64_t person_id;       /* matched (update, same) or written (new, once committed); 0 */
	char *data;              /* owned JSON object of the row's cells by column code */
	char *errors;            /* owned JSON list of {column, message_th, message_en}, or NULL */
};

struct import_row_list {
	struct import_row *items; /* owned */
	size_t n, cap;
};
#define IMPORT_ROW_LIST_INIT { NULL, 0, 0 }
void import_row_list_release(struct import_row_list *l);

int import_row_insert(struct db *db, int64_t batch_id, const struct import_row *row,
		      struct err *e);
/*
 * Inserts rows[0..n) of batch_id in multi-row statements (one row at a time
 * costs a statement each); their texts are bound without copies and must
 * live until the call returns.
 */
int import_row_insert_many(struct db *db, int64_t batch_id, const struct import_row *rows,
			   size_t n, struct err *e);
/* Records the person a row wrote. */
int import_row_set_person(struct db *db, int64_t batch_id, int64_t row_no, int64_t person_id,
			  struct err *e);
/*
 * The committed import row that created person_id (outcome new), newest
 * batch first: *batch_id and *row_no, or 0 and 0 when none did.
 */
int import_row_of_person(struct db *db, int64_t person_id, int64_t *batch_id, int64_t *row_no,
			 struct err *e);
/*
 * Rows of batch_id with outcome (NULL: any), row_no > after_row, by row
 * number, at most limit (1..10000), appended to *out.
 */
int import_rows_list(struct db *db, int64_t batch_id, const char *outcome, int64_t after_row,
		     int limit, struct import_row_list *out, struct err *e);

#endif
