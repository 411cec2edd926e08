/*
 * Name and date similarity (see core/similar.h). The distance is the
 * classic two-row dynamic programme over code points, O(len(a) * len(b))
 * time and O(len(b)) space, stopped early when a whole row exceeds max.
 */
#include "core/similar.h"
#include "core/thtext.h"

#define MAX_CP 128

static int decode(const char *s, uint32_t *out)
{
	size_t pos = 0, n = strlen(s);
	int k = 0;

	while (pos < n) {
		if (k == MAX_CP || thtext_utf8_next(s, n, &pos, &out[k]))
			return -1;
		k++;
	}
	return k;
}

int similar_distance(const char *a, const char *b, int max)
{
	uint32_t ca[MAX_CP], cb[MAX_CP];
	int prev[MAX_CP + 1], cur[MAX_CP + 1];
	int na = decode(a, ca), nb = decode(b, cb), i, j;

	if (na < 0 || nb < 0 || abs(na - nb) > max)
		return max + 1;
	for (j = 0; j <= nb; j++)
		prev[j] = j;
	for (i = 1; i <= na; i++) {
		int best;

		cur[0] = best = i;
		for (j = 1; j <= nb; j++) {
			int v = prev[j - 1] + (ca[i - 1] != cb[j - 1]);

			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
		memcpy(prev, cur, sizeof(int) * (size_t)(nb + 1));
	}
	return prev[nb] > max ? max + 1 : prev[nb];
}

bool similar_birth_near(struct date a, struct date b)
{
	int32_t d;

	if (!date_valid(a) || !date_valid(b) || !date_cmp(a, b))
		return false;
	d = date_diff_days(a, b);
	if (d >= -3 && d <= 3)
		return true;
	return a.y == b.y && a.m == b.d && a.d == b.m;
}
