/*
 * Similarity of names and dates, for finding records that may be the same
 * person (app/duplicate). Pure functions.
 */
#ifndef SAWAT_CORE_SIMILAR_H
#define SAWAT_CORE_SIMILAR_H

#include "core/date.h"

/*
 * The Levenshtein distance between two UTF-8 texts counted in code points
 * (a Thai tone mark or vowel is one edit), or max + 1 when it is above max
 * (the work is then cut short) or either text is longer than 128 code
 * points or not valid UTF-8.
 */
int similar_distance(const char *a, const char *b, int max);

/* Birth dates that are probably the same day mistyped: different, but within
 * 3 days of each other, or the same year with day and month swapped. */
bool similar_birth_near(struct date a, struct date b);

#endif
