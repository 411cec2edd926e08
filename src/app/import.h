/*
 * Staged import and export of person lists.
 *
 *   bytes --stage--> batch "staged" (rows: error | new | update | same)
 *                        |  report: errors first (row, column, message), then counts
 *                        '--commit (no error rows)--> batch "committed"
 *
 * Staging reads a CSV (UTF-8 with or without BOM, or TIS-620/Windows-874)
 * or .xlsx file whose header row names the columns (core/import.h),
 * validates every row (core/person rules, the area exists and lies in the
 * importer's scope, no national ID twice in the file), matches each valid
 * row to a registered person by the chosen policy and classifies it: new,
 * update (some field differs) or same. The batch and its rows are stored;
 * the person table is not touched.
 *
 * Matching: IMPORT_BY_NATIONAL_ID finds people by ID, and rows without an
 * ID by name key + birth date + tambon; IMPORT_BY_NAME_BIRTH_AREA uses name
 * key + birth date + tambon for every row. A row that could not be found
 * again (no ID and no birth date) is an error, so re-running a file never
 * creates a person twice. A row matching two people is an error (review
 * the duplicates first).
 *
 * Updates overlay the row's non-empty cells on the registered record: an
 * empty cell, or a column the file does not have, keeps what is registered;
 * an import never erases. Needs columns (disability_type,
 * disability_card_no, welfare_card) add a need observed today (source
 * "import") when the person has no active need of that kind; they never end
 * one.
 *
 * Commit writes every new and changed person in one transaction, or nothing
 * at all: each update with its audit entry (before and after), the new
 * people with one audit entry per 5,000 ("import": the batch, the first and
 * last row and person, and a BLAKE2b hash over the rows' numbers, data and
 * people; a person's history shows it as their "create"), plus one for the
 * batch. A batch with error rows, outside the committer's scope, or already
 * committed is refused. Re-staging the same file afterwards gives only
 * "same" rows.
 *
 * Permissions: staging and committing need PERM_WRITE; the batch belongs to
 * the importer's scope, and only users whose scope covers it may read or
 * commit it.
 */
#ifndef SAWAT_APP_IMPORT_H
#define SAWAT_APP_IMPORT_H

#include "app/app.h"
#include "core/import.h"
#include "store/import.h"

/* Largest file staged (the API's own body cap is lower: see docs/api.md). */
#define IMPORT_MAX_BYTES ((size_t)512 << 20)

/*
 * Stages bytes (len of them; the name is recorded, and a name ending in
 * .xlsx or bytes starting with a ZIP header are read as .xlsx) under policy
 * ("national_id", "name_birth_area"; NULL for the first). *batch_id gets the
 * batch. File-level problems (unreadable file, a required column missing, a
 * column named twice) fail with ERR_INVALID and store nothing; bad rows do
 * not fail the call: they are in the batch as error rows.
 */
int app_import_stage(struct app *app, const struct actor *a, const void *bytes, size_t len,
		     const char *file_name, const char *policy, int64_t *batch_id, struct err *e);

/*
 * Stages bytes as app_import_stage does and, when no row has an error,
 * commits the batch in the same transaction (the staged rows are not read
 * back: each is checked once, and new people take their ids while staging);
 * *committed says whether it did and *written (may be NULL) counts what it
 * wrote. With error rows the batch is left staged, exactly as
 * app_import_stage leaves it, and the call still returns 0. The audit trail
 * is the same as staging and committing one after the other.
 */
int app_import_stage_commit(struct app *app, const struct actor *a, const void *bytes,
			    size_t len, const char *file_name, const char *policy,
			    int64_t *batch_id, struct import_counts *written, bool *committed,
			    struct err *e);

/*
 * Reads batch_id (into *batch, released first) and a page of its rows
 * (appended to *rows): those with outcome (NULL: "error"), row number above
 * after_row, at most limit (1..1000), by row number.
 */
int app_import_get(struct app *app, const struct actor *a, int64_t batch_id,
		   const char *outcome, int64_t after_row, int limit, struct import_batch *batch,
		   struct import_row_list *rows, struct err *e);

/*
 * Appends to *out the batches the actor may read (those of importers inside
 * their scope), newest first: ids below before_id (0: from the newest), at
 * most limit (1..200).
 */
int app_import_list(struct app *app, const struct actor *a, int64_t before_id, int limit,
		    struct import_batch_list *out, struct err *e);

/* Commits batch_id (see above); *written (may be NULL) counts the people inserted and updated. */
int app_import_commit(struct app *app, const struct actor *a, int64_t batch_id,
		      struct import_counts *written, struct err *e);

/* ---- export ---- */

enum export_format { EXPORT_CSV = 0, EXPORT_XLSX };

struct person_export_query {
	const char *area;        /* inside the actor's scope; NULL: the whole scope */
	const char *need;        /* a need kind code (active today); NULL: any */
};

/*
 * Writes the live people the actor may see (filtered by q) to out as a CSV
 * (UTF-8 with a byte order mark, the import's column codes as header, so an
 * export can be imported again) or .xlsx. Sensitive needs columns
 * (disability) are left out unless the role has PERM_SENSITIVE_READ; the
 * export is audited ("export", or "view_sensitive" when they are in).
 * *count (may be NULL) gets the number of people written.
 */
int app_person_export_list(struct app *app, const struct actor *a,
			   const struct person_export_query *q, enum export_format fmt,
			   struct buf *out, int64_t *count, struct err *e);

/*
 * Demo data: two lists the officer of tambon imported from a volunteer's
 * survey of village, the first committed (three new people), the second
 * staged with a mistyped national ID waiting to be corrected. Once: a
 * second call finds the batches and does nothing.
 */
int app_import_demo(struct app *app, const char *tambon, const char *village, struct err *e);

#endif
