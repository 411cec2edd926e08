/*
 * Welfare programs: the four pillars a program belongs to, program codes,
 * and the state programs Sawat ships with, as data.
 *
 * A program's eligibility and amount are a rules text (core/rules.h) with
 * the date it takes effect; a new version is a new text with a later date,
 * and the rules in force on a date are those of the latest version
 * effective on or before it (program_version_at). The state programs'
 * texts below are seeds: app/program loads them into the database once,
 * and from then on they are edited there like any local program. Rates and
 * tests are in the texts, never in code.
 *
 * Pure: no I/O, no clock, no globals that change.
 */
#ifndef SAWAT_CORE_PROGRAM_H
#define SAWAT_CORE_PROGRAM_H

#include "core/date.h"
#include "lib/buf.h"
#include "lib/err.h"

/* The four pillars of Thailand's social welfare system. */
enum program_pillar {
	PILLAR_ASSISTANCE = 1, /* การช่วยเหลือทางสังคม: allowances, grants */
	PILLAR_SERVICES,       /* การบริการทางสังคม: care, shelter, services */
	PILLAR_INSURANCE,      /* การประกันสังคม: contributory schemes */
	PILLAR_PARTNERSHIP,    /* การส่งเสริมภาคีเครือข่าย: community funds, civil society */
	PILLAR_COUNT
};

const char *program_pillar_code(enum program_pillar p); /* "assistance", ...; "" when invalid */
int program_pillar_parse(const char *s);                 /* -1 when unknown */
const char *program_pillar_name(enum program_pillar p, bool thai);

/*
 * A program code: 1 to 31 of a-z, 0-9 and _ (the codes "enrolled" names in
 * the rules). Returns 0, or ERR_INVALID naming field.
 */
int program_code_check(const char *code, const char *field, struct err *e);

/* One version of a shipped program: what the app seeds. All static text. */
struct program_seed {
	const char *code;       /* old_age, disability, child_support */
	const char *name_th, *name_en;
	enum program_pillar pillar;
	const char *effective;  /* ISO date this version takes effect */
	const char *source;     /* where the rules and rates come from, and what is uncertain */
	const char *rules;      /* the rules text */
	const char *documents;  /* JSON list of the documents an application needs */
};

/* The shipped versions, sorted by code and then effective date; NULL past the end. */
const struct program_seed *program_seed(size_t i);
size_t program_seed_count(void);

/*
 * Required documents. A program lists what an application needs as JSON,
 * [{"code": "id_card", "th": "บัตรประจำตัวประชาชน", "en": "National ID
 * card"}, ...]; an enrolment keeps the codes of those seen, ["id_card"].
 *
 * program_documents_missing: the required documents not in seen. Appends
 * their codes as a JSON list to codes, and their names joined by ", " in
 * Thai to th and in English to en (any of the three may be NULL). Returns
 * how many are missing, or -1 when either text is not a JSON list (nothing
 * appended then). NULL or "" reads as an empty list.
 *
 * program_documents_check: every item of seen is a string naming one of
 * the required documents, at most once; else ERR_INVALID naming field.
 */
int program_documents_missing(const char *required, const char *seen, struct buf *codes,
			      struct buf *th, struct buf *en);
int program_documents_check(const char *required, const char *seen, const char *field,
			    struct err *e);

/*
 * The version in force on d among n versions sorted by effective date:
 * the index of the last one effective on or before d, or -1 when d is
 * before the first.
 */
int program_version_at(const struct date *effective, size_t n, struct date d);

#endif
