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

/*
 * A tile map: one square tile per area on a grid (a cartogram of the
 * provinces, or a plain grid of a province's districts), each shaded by a
 * class, with a name and a value, a tooltip, and a link when href is set.
 * Tiles are <g class="tile sN"> (N the shade, "none" when shade < 0), so
 * the stylesheet gives the colours; long names are squeezed to the tile's
 * width. The legend's swatches use the same classes and stand from grid
 * cell (legend_col, legend_row) downwards.
 */
struct svg_tile {
	int col, row;
	const char *label;       /* borrowed: the area's name */
	const char *value_text;  /* borrowed: "87%", "–" */
	const char *title;       /* borrowed: the tooltip, NULL for the label */
	const char *href;        /* borrowed: where the tile links, or NULL */
	int shade;               /* 0..SVG_SHADES-1, or -1 for none */
};
struct svg_legend {
	const char *label;       /* borrowed */
	int shade;
};
#define SVG_SHADES 5
void svg_tiles(struct buf *out, const char *title, const struct svg_tile *tiles, size_t n,
	       const struct svg_legend *legend, size_t nlegend, int legend_col, int legend_row);

/* Appends s XML-escaped. */
void svg_escape(struct buf *out, const char *s);

#endif
