/*
 * Welfare assemblies and their proposals: the levels an assembly is held
 * at, the kinds of agenda items, participants and commitments, and the
 * road a proposal travels, as data and pure checks.
 *
 * A proposal's road (no state may be skipped; every step has a date, and
 * from "adopted" on, evidence):
 *
 *     proposed --> submitted --> adopted --> funded --> implemented
 *         |            |            |          |
 *         +------------+------------+----------+--> declined (a reason)
 *
 * "adopted" says where: into a provincial plan or a local budget
 * ordinance (adopted_into).
 *
 * Pure: no I/O, no clock, no globals that change.
 */
#ifndef SAWAT_CORE_ASSEMBLY_H
#define SAWAT_CORE_ASSEMBLY_H

#include "lib/err.h"

/* A code with its names; tables end at a NULL code. */
struct asm_code {
	const char *code, *th, *en;
};

/* Levels: tambon, district, province, cluster, region, national. */
extern const struct asm_code asm_levels[];
/* Agenda kinds: lecture, panel, breakout, other. */
extern const struct asm_code asm_agenda_kinds[];
/* Participant roles: participant, speaker, organiser, observer. */
extern const struct asm_code asm_roles[];
/* Commitment kinds: strategy, commitment. */
extern const struct asm_code asm_commitment_kinds[];
/* Proposal statuses in the order of the road, then declined. */
extern const struct asm_code asm_statuses[];
/* Where a proposal was adopted: provincial_plan, local_ordinance. */
extern const struct asm_code asm_adopted_into[];
/* Event statuses: planned, held, cancelled. */
extern const struct asm_code asm_event_statuses[];
/* The four target groups of the registry (core/person.h), by code. */
extern const struct asm_code asm_target_groups[];

/* The entry of code in table t, or NULL. */
const struct asm_code *asm_code_find(const struct asm_code *t, const char *code);
/* Its name in Thai or English; the code itself when unknown ("" for NULL). */
const char *asm_code_name(const struct asm_code *t, const char *code, bool thai);
/* ERR_INVALID naming field when code is not in t (what names the list in the message). */
int asm_code_check(const struct asm_code *t, const char *code, const char *field,
		   const char *what_th, const char *what_en, struct err *e);

/*
 * Does an event of level fit area? tambon/district/province need a code of
 * that level; cluster, region and national events are the nation's ("TH"),
 * and cluster and region name their group (group_code: C01..C18, or a
 * region code: checked by the caller against the geography). ERR_INVALID.
 */
int asm_level_check(const char *level, const char *area, const char *group_code,
		    struct err *e);

/*
 * The step from status `from` to `to`: 0 when it is the next state on the
 * road (or "declined" from any open state), else ERR_CONFLICT saying which
 * state must come next. Both names must be statuses.
 */
int asm_step_check(const char *from, const char *to, struct err *e);
/* The state after from on the road ("" after implemented, declined or unknown). */
const char *asm_next_status(const char *from);
/* True for implemented and declined. */
bool asm_status_final(const char *status);
/* The position of a status on the road: proposed 0 ... implemented 4, declined 5, -1 unknown. */
int asm_status_rank(const char *status);

/* Text limits: a title or name 1..max bytes of UTF-8 without control
 * characters (line feeds allowed when multiline). ERR_INVALID naming field. */
int asm_check_text(const char *s, size_t max, bool required, bool multiline, const char *field,
		   struct err *e);
/* "HH:MM" (00:00..23:59), or "" when optional. */
int asm_check_time(const char *s, const char *field, struct err *e);

/*
 * The quota an origin falls under: the index in areas[0..n) of the longest
 * area code that is a prefix of origin ("TH" covers all), or -1 when none.
 */
int asm_quota_of(const char *const *areas, size_t n, const char *origin);

#endif
