/*
 * The Social Welfare Promotion Fund's rules that need no database: the
 * size tiers of a grant (up to 50,000 baht, 50,000-300,000 and
 * 300,000-3,000,000; ../shared/DOMAIN.md §2), the channels, the review
 * rubric, which workflow step may follow which, the chart of a channel's
 * books, and award certificate numbers.
 *
 * Pure: no I/O, no clock, no globals that change.
 */
#ifndef SAWAT_CORE_GRANT_H
#define SAWAT_CORE_GRANT_H

#include "lib/err.h"

enum grant_tier { GRANT_TIER_SMALL = 1, GRANT_TIER_MEDIUM, GRANT_TIER_LARGE, GRANT_TIER_COUNT };

/* Tier ceilings in satang (a total on a ceiling belongs to the lower tier). */
#define GRANT_SMALL_MAX INT64_C(5000000)     /* 50,000 baht */
#define GRANT_MEDIUM_MAX INT64_C(30000000)   /* 300,000 baht */
#define GRANT_LARGE_MAX INT64_C(300000000)   /* 3,000,000 baht */

const char *grant_tier_code(enum grant_tier t);  /* "small", "medium", "large"; "" when invalid */
int grant_tier_parse(const char *s);             /* -1 when unknown */
const char *grant_tier_name(enum grant_tier t, bool thai);
/* The tier of a requested total: ERR_INVALID when the total is not
 * positive or is above 3,000,000 baht. */
int grant_tier_of(int64_t total, enum grant_tier *out, struct err *e);
/* Parses a comma list of tier codes ("small,medium") into a bit mask
 * (1 << tier); ERR_INVALID for an empty list or an unknown code. */
int grant_tiers_parse(const char *list, unsigned *mask, struct err *e);

/* The target groups of a project: a comma list of core/person's codes
 * (child_youth, working_age, elderly, disadvantaged), at least one, into a
 * mask of enum target_group bits. ERR_INVALID otherwise. */
int grant_groups_parse(const char *list, unsigned *mask, struct err *e);

/* Channels: the national fund committee's, or a province's. */
#define GRANT_CHANNEL_NATIONAL "national"
#define GRANT_CHANNEL_PROVINCIAL "provincial"

/* The review rubric: each criterion scored 0..max; the maxima sum to 100. */
struct grant_criterion {
	const char *code, *th, *en;
	int max;
};
const struct grant_criterion *grant_rubric(size_t *n);
/* The criterion with this code, or NULL. */
const struct grant_criterion *grant_criterion_find(const char *code);

/*
 * The workflow of an application:
 *
 *   draft --submit--> submitted --screen--> screened --review--> under_review
 *                         |                                          |
 *                         +--screen (incomplete/ineligible)--+   decide
 *                                                            v       v
 *                                     declined <--decline--- approved --sign--> agreement_signed
 *   agreement_signed --disburse--> in_progress --report final--> reported --close--> closed
 *
 * The state an action leads to from a state, or NULL when the action may
 * not be taken there. "screen_out" and "decline" both lead to declined.
 */
const char *grant_step_to(const char *action, const char *from);
/* A status's name in Thai or English (the code itself when unknown). */
const char *grant_status_name(const char *status, bool thai);

/* The chart of a channel's books: the fund's bank account, grants payable,
 * the budget allocated to the fund, and grants to projects. */
#define GRANT_ACC_BANK "1102"
#define GRANT_ACC_PAYABLE "2103"
#define GRANT_ACC_ALLOCATION "4601"
#define GRANT_ACC_GRANTS "5401"
struct chart_account;
const struct chart_account *grant_chart(size_t *n);

/* An award certificate's number: "<area>/<B.E. year>/<seq, 3 digits>", the
 * area 'TH' for the national channel. out holds 32 bytes. */
void grant_cert_no(const char *area, int be_year, int64_t seq, char out[32]);

/* Tranches of an agreement: at most this many. */
#define GRANT_MAX_TRANCHES 6
/* Budget lines and indicators of an application: at most this many each. */
#define GRANT_MAX_LINES 30
#define GRANT_MAX_INDICATORS 12

#endif
