/*
 * Small server-rendered SVG charts for pages that work without JavaScript:
 * horizontal bars and a population pyramid. Every text (labels, titles) is
 * XML-escaped here, so the result is safe to put into a page unescaped
 * ({{{chart}}}). Each chart is role="img" with a <title> (and the numbers
 * as text), for screen readers. Labels may be Thai: the font comes from the
 * page's CSS.
 */
#ifndef SAWAT_WEB_SVG_H
#define SAWAT_WEB_SVG_H

#include "lib/buf.h"

struct svg_bar {
	const char *label;       /* borrowed */
	int64_t value;           /* < 0: not shown (suppressed); the bar is empty */
	const char *value_text;  /* what to print for the value (NULL: the number) */
};

/* Appends horizontal bars with their labels and values. */
void svg_bars(struct buf *out, const char *title, const struct svg_bar *bars, size_t n);

/*
 * Appends a population pyramid: one row per band (youngest at the bottom),
 * left[i] to the left (men), right[i] to the right (women).
 */
void svg_pyramid(struct buf *out, const char *title, const char *left_label,
		 const char *right_label, const char *const *bands, const int64_t *left,
		 const int64_t *right, size_t n);

/* Appends s XML-escaped. */
void svg_escape(struct buf *out, const char *s);

#endif
