/*
 * Duplicate people: scanning an area for records that may be the same
 * person, the review queue, and the reviewer's decision.
 *
 * Rules of a scan (living, unmerged people with a birth date, in the area):
 *   same name key and birth date                         score 100  same_name_birth
 *   same birth date, name keys within 2 edits            score  80  similar_name_birth
 *   same name key, birth dates within 3 days or with
 *   day and month swapped                                score  60  same_name_near_birth
 * (The same national ID cannot happen: it is unique.) A pair is stored once;
 * rescanning adds nothing, and a dismissed pair is never proposed again.
 *
 * Access: scanning, merging and dismissing need PERM_WRITE with the area
 * (and both people) inside the scope; listing needs PERM_READ. Every
 * decision is one transaction with its audit entries.
 */
#ifndef SAWAT_APP_DUPLICATE_H
#define SAWAT_APP_DUPLICATE_H

#include "app/app.h"
#include "store/duplicate.h"

/* Scans area ("TH" or a code); *added counts the new candidates. Audited. */
int app_duplicate_scan(struct app *app, const struct actor *a, const char *area, int *added,
		       struct err *e);
/* Open candidates inside the scope, by id after cursor; out holds limit (1..500). */
int app_duplicate_list(struct app *app, const struct actor *a, int64_t cursor, int limit,
		       struct dup_candidate *out, size_t *n, struct err *e);
/*
 * Merges candidate id into the person keep (one of its two): moves the
 * other's needs, consents and household membership to keep, marks the other
 * merged into keep (hidden from search and counts), sets the candidate
 * merged; audited with before and after. ERR_CONFLICT when already decided.
 */
int app_duplicate_merge(struct app *app, const struct actor *a, int64_t id, int64_t keep,
			struct err *e);
/* Dismisses candidate id: not the same person. Final; audited. */
int app_duplicate_dismiss(struct app *app, const struct actor *a, int64_t id, struct err *e);

#endif
