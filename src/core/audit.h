/*
 * The audit chain's hash. Each entry's hash covers the previous entry's hash
 * and every field of the entry, each length-prefixed so that no two
 * different entries can serialise alike:
 *
 *     hash(n) = BLAKE2b-256( "sawat-audit-v1" | prev_hash | seq | at | actor |
 *                            action | entity | entity_id | area | before | after )
 *
 * A missing before/after (NULL) is distinct from an empty string. Changing,
 * removing or reordering any entry breaks every later link. Pure.
 */
#ifndef SAWAT_CORE_AUDIT_H
#define SAWAT_CORE_AUDIT_H

#include <stdint.h>

#define AUDIT_HASH_HEX 65 /* 64 hex digits and a NUL */

struct audit_entry {
	int64_t seq;
	const char *at;
	const char *actor;
	const char *action;     /* "create", "update", "delete", "login", "view", ... */
	const char *entity;     /* "user", "area", "person", ... */
	const char *entity_id;
	const char *area;
	const char *before;     /* JSON text or NULL */
	const char *after;      /* JSON text or NULL */
	const char *prev_hash;  /* 64 hex digits */
};

/* The first entry's prev_hash. */
extern const char audit_genesis[AUDIT_HASH_HEX];

/* Writes the entry's hash as 64 lowercase hex digits into out. */
void audit_hash(const struct audit_entry *a, char out[AUDIT_HASH_HEX]);

#endif
