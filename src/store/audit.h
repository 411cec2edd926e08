/*
 * The audit trail in the database: append (inside the caller's transaction,
 * so an entry exists exactly when its write does), walk for verification,
 * and list for auditors.
 */
#ifndef SAWAT_STORE_AUDIT_H
#define SAWAT_STORE_AUDIT_H

#include "core/audit.h"
#include "store/db.h"

/*
 * Appends one entry. a->seq and a->prev_hash are ignored: the chain head is
 * advanced with an UPDATE ... RETURNING, which also serialises concurrent
 * appends on PostgreSQL. Must run inside a transaction. *seq gets the
 * entry's number (may be NULL).
 */
int audit_append(struct db *db, const struct audit_entry *a, int64_t *seq, struct err *e);

struct audit_verify {
	int64_t checked;     /* entries whose hash was recomputed */
	int64_t broken_seq;  /* first entry whose link is broken, 0 if none */
	char reason[160];
};

/* Recomputes the whole chain. Returns 0 when it ran (look at v->broken_seq). */
int audit_verify_chain(struct db *db, struct audit_verify *v, struct err *e);

struct audit_row {
	int64_t seq;
	char *at, *actor, *action, *entity, *entity_id, *area, *before, *after, *hash;
	bool has_before, has_after;
};
void audit_rows_free(struct audit_row *rows, size_t n);
/* Newest first, entries whose area lies inside prefix, seq < before_seq (0: no bound). */
int audit_list(struct db *db, const char *prefix, int64_t before_seq, int limit,
	       struct audit_row **rows, size_t *n, struct err *e);

/* The entries about one record (entity, entity_id), newest first, at most limit. */
int audit_list_entity(struct db *db, const char *entity, const char *entity_id, int limit,
		      struct audit_row **rows, size_t *n, struct err *e);

#endif
