/*
 * SVG charts (see web/svg.h). Geometry is in user units with a viewBox, so
 * the chart scales to the width CSS gives it. Bar lengths are integers
 * computed in int64 arithmetic; no JavaScript, no external resources.
 */
#include "web/svg.h"

#define S_(x) ((x) ? (x) : "")

void svg_escape(struct buf *out, const char *s)
{
	/* Text in SVG is escaped as in HTML. */
	if (s)
		buf_put_html(out, s, strlen(s));
}

static void put_value(struct buf *out, int64_t v, const char *text)
{
	if (text)
		svg_escape(out, text);
	else if (v >= 0)
		buf_printf(out, "%lld", (long long)v);
}

#define BAR_LABEL_W 340
#define BAR_W 300
#define BAR_H 22
#define BAR_GAP 6

void svg_bars(struct buf *out, const char *title, const struct svg_bar *bars, size_t n)
{
	int64_t max = 1;
	size_t i;
	int h = (int)n * (BAR_H + BAR_GAP) + BAR_GAP;
	int w = BAR_LABEL_W + BAR_W + 80;

	for (i = 0; i < n; i++)
		if (bars[i].value > max)
			max = bars[i].value;
	buf_printf(out,
		   "<svg class=\"chart bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
		   " role=\"img\"><title>",
		   w, h);
	svg_escape(out, title);
	buf_puts(out, "</title>");
	for (i = 0; i < n; i++) {
		int y = BAR_GAP + (int)i * (BAR_H + BAR_GAP);
		int len = bars[i].value > 0 ? (int)(bars[i].value * BAR_W / max) : 0;

		if (bars[i].value > 0 && len < 1)
			len = 1;
		buf_printf(out, "<g><text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">",
			   BAR_LABEL_W - 8, y + BAR_H - 6);
		svg_escape(out, bars[i].label);
		buf_printf(out, "</text><rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
			   BAR_LABEL_W, y, len, BAR_H);
		buf_printf(out, "<text class=\"value\" x=\"%d\" y=\"%d\">", BAR_LABEL_W + len + 6,
			   y + BAR_H - 6);
		put_value(out, bars[i].value, bars[i].value_text);
		buf_puts(out, "</text></g>");
	}
	buf_puts(out, "</svg>");
}

#define PYR_HALF 220
#define PYR_MID 60
#define PYR_H 18
#define PYR_TOP 28

void svg_pyramid(struct buf *out, const char *title, const char *left_label,
		 const char *right_label, const char *const *bands, const int64_t *left,
		 const int64_t *right, size_t n)
{
	int64_t max = 1;
	size_t i;
	int w = 2 * PYR_HALF + PYR_MID + 2 * 50, h = PYR_TOP + (int)n * (PYR_H + 2) + 4;
	int cx = 50 + PYR_HALF + PYR_MID / 2;

	for (i = 0; i < n; i++) {
		if (left[i] > max)
			max = left[i];
		if (right[i] > max)
			max = right[i];
	}
	buf_printf(out,
		   "<svg class=\"chart pyramid\" xmlns=\"http://www.w3.org/2000/svg\""
		   " viewBox=\"0 0 %d %d\" role=\"img\"><title>",
		   w, h);
	svg_escape(out, title);
	buf_printf(out, "</title><text class=\"head left\" x=\"%d\" y=\"18\" text-anchor=\"end\">",
		   cx - PYR_MID / 2 - 4);
	svg_escape(out, left_label);
	buf_printf(out, "</text><text class=\"head right\" x=\"%d\" y=\"18\">", cx + PYR_MID / 2 + 4);
	svg_escape(out, right_label);
	buf_puts(out, "</text>");
	for (i = 0; i < n; i++) {
		/* The oldest band on top. */
		int y = PYR_TOP + (int)(n - 1 - i) * (PYR_H + 2);
		int l = (int)(left[i] * PYR_HALF / max), r = (int)(right[i] * PYR_HALF / max);

		if (left[i] > 0 && l < 1)
			l = 1;
		if (right[i] > 0 && r < 1)
			r = 1;
		buf_printf(out, "<g><rect class=\"bar left\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
			   cx - PYR_MID / 2 - l, y, l, PYR_H);
		buf_printf(out, "<rect class=\"bar right\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
			   cx + PYR_MID / 2, y, r, PYR_H);
		buf_printf(out, "<text class=\"band\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">", cx,
			   y + PYR_H - 5);
		svg_escape(out, bands[i]);
		buf_printf(out, "</text><text class=\"value\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%lld</text>",
			   cx - PYR_MID / 2 - l - 4, y + PYR_H - 5, (long long)left[i]);
		buf_printf(out, "<text class=\"value\" x=\"%d\" y=\"%d\">%lld</text></g>",
			   cx + PYR_MID / 2 + r + 4, y + PYR_H - 5, (long long)right[i]);
	}
	buf_puts(out, "</svg>");
}

#define TILE_W 88
#define TILE_H 58
#define TILE_GAP 4
#define TILE_PAD 5
#define LEGEND_LINE 22

/* The width of UTF-8 text in columns: Thai vowel and tone marks above and
 * below (U+0E31, U+0E34-U+0E3A, U+0E47-U+0E4E) take none. */
static int text_columns(const char *s)
{
	int n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xc0) == 0x80)
			continue;
		if (p[0] == 0xe0 && p[1] == 0xb8 && p[2] == 0xb1)
			continue;
		if (p[0] == 0xe0 && p[1] == 0xb8 && p[2] >= 0xb4 && p[2] <= 0xba)
			continue;
		if (p[0] == 0xe0 && p[1] == 0xb9 && p[2] >= 0x87 && p[2] <= 0x8e)
			continue;
		n++;
	}
	return n;
}

static void shade_class(struct buf *out, int shade)
{
	if (shade >= 0 && shade < SVG_SHADES)
		buf_printf(out, "s%d", shade);
	else
		buf_puts(out, "none");
}

void svg_tiles(struct buf *out, const char *title, const struct svg_tile *tiles, size_t n,
	       const struct svg_legend *legend, size_t nlegend, int legend_col, int legend_row)
{
	int cols = 1, rows = 1, w, h;
	int lx = legend_col * (TILE_W + TILE_GAP), ly = legend_row * (TILE_H + TILE_GAP);

	for (size_t i = 0; i < n; i++) {
		if (tiles[i].col + 1 > cols)
			cols = tiles[i].col + 1;
		if (tiles[i].row + 1 > rows)
			rows = tiles[i].row + 1;
	}
	w = cols * (TILE_W + TILE_GAP);
	h = rows * (TILE_H + TILE_GAP);
	if (nlegend) {
		if (lx + 220 > w)
			w = lx + 220;
		if (ly + (int)nlegend * LEGEND_LINE + 8 > h)
			h = ly + (int)nlegend * LEGEND_LINE + 8;
	}
	buf_printf(out,
		   "<svg class=\"tiles\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
		   " width=\"%d\" height=\"%d\" role=\"group\" aria-label=\"",
		   w, h, w, h);
	svg_escape(out, title);
	buf_puts(out, "\"><title>");
	svg_escape(out, title);
	buf_puts(out, "</title>");
	for (size_t i = 0; i < n; i++) {
		const struct svg_tile *t = &tiles[i];
		int x = t->col * (TILE_W + TILE_GAP), y = t->row * (TILE_H + TILE_GAP);
		int inner = TILE_W - 2 * TILE_PAD;

		if (t->href) {
			buf_puts(out, "<a href=\"");
			svg_escape(out, t->href);
			buf_puts(out, "\">");
		}
		buf_puts(out, "<g class=\"tile ");
		shade_class(out, t->shade);
		buf_puts(out, "\"><title>");
		svg_escape(out, t->title ? t->title : t->label);
		buf_printf(out, "</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\"/>",
			   x, y, TILE_W, TILE_H);
		buf_printf(out, "<text class=\"name\" x=\"%d\" y=\"%d\" text-anchor=\"middle\"", x + TILE_W / 2,
			   y + 22);
		/* About 6.5 units a column at the name's size: squeeze what would not fit. */
		if (text_columns(S_(t->label)) * 13 > inner * 2)
			buf_printf(out, " textLength=\"%d\" lengthAdjust=\"spacingAndGlyphs\"", inner);
		buf_puts(out, ">");
		svg_escape(out, t->label);
		buf_printf(out, "</text><text class=\"value\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
			   x + TILE_W / 2, y + 46);
		svg_escape(out, t->value_text);
		buf_puts(out, "</text></g>");
		if (t->href)
			buf_puts(out, "</a>");
	}
	for (size_t i = 0; i < nlegend; i++) {
		int y = ly + 6 + (int)i * LEGEND_LINE;

		buf_puts(out, "<g class=\"legend tile ");
		shade_class(out, legend[i].shade);
		buf_printf(out, "\"><rect x=\"%d\" y=\"%d\" width=\"16\" height=\"16\" rx=\"3\"/>"
				"<text class=\"key\" x=\"%d\" y=\"%d\">",
			   lx, y, lx + 24, y + 13);
		svg_escape(out, legend[i].label);
		buf_puts(out, "</text></g>");
	}
	buf_puts(out, "</svg>");
}
