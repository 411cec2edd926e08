/*
 * PDF documents on cairo and pango (see pdf.h). Each page is drawn into a
 * cairo recording surface; pdf_finish plays the recordings onto one PDF
 * surface that writes into a memory buffer, adding the footer with "page N
 * of M" on the way. Recordings keep text as glyphs, so the PDF holds real
 * text in an embedded subset of the font, which pdftotext reads back.
 *
 * Text goes through pango layouts with plain text (pango_layout_set_text,
 * never markup), the font description set on the layout, and a context
 * tuned for print: 72 dpi, no hinting, no rounding of glyph positions to
 * whole points. The font family is checked once in pdf_open, since
 * fontconfig quietly substitutes another family for a missing one.
 *
 *   open --flowing or placed content--> open --finish--> finished
 *     |                                  |
 *     '--table_begin--> in table --row--' (table_end returns to open)
 *   any call that fails --> failed: later calls return the same error
 *
 * Invariants: p->cr is NULL before the first page and otherwise draws on
 * the last page; p->y is the flow position on that page, between the top
 * and bottom margins; p->failed is 0 or the first error, described in
 * p->error.
 */
#include <math.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include "lib/pdf.h"
#include "lib/textenc.h"

#define MAX_COLS 32
#define CELL_PAD_X 4.0
#define CELL_PAD_Y 2.5
#define FIELD_LABEL 0.30 /* share of the width for a field's label */
#define GRID_GREY 0.55
#define HEAD_SHADE 0.88
#define TOTAL_SHADE 0.94

struct pdf {
	char *title, *author, *footer, *date;
	bool no_footer, thai_digits;
	double pw, ph;      /* page size */
	double margin;      /* on every side; the footer sits in the bottom margin */
	double size;        /* body size */
	double rgb[3];

	PangoContext *ctx;
	PangoFontDescription *font; /* family and body size */

	cairo_surface_t **pages;
	size_t npages, cap;
	cairo_t *cr;   /* draws on pages[npages - 1], or NULL */
	bool empty;    /* nothing drawn on the current page yet */
	double y;      /* flow position on the current page */

	/* The open table. */
	bool in_table;
	size_t ncols;
	struct pdf_col cols[MAX_COLS]; /* titles point into heads */
	char *heads[MAX_COLS];
	double colx[MAX_COLS], colw[MAX_COLS];
	unsigned tflags;
	bool has_head;
	bool head_due;  /* the header goes before the next row */
	size_t trows;

	bool finished;
	int failed;
	struct err error;
};

static int fail_text(struct pdf *p, const char *field, const char *th, const char *en, size_t at)
{
	p->failed = err_set(&p->error, ERR_INVALID, field, "%s%.0s (ไบต์ที่ %zu)",
			    "%.0s%s (at byte %zu)", th, en, at + 1);
	return p->failed;
}

/*
 * Checks text for the document: valid UTF-8, no control characters other
 * than tab, CR and LF, at most PDF_MAX_TEXT bytes. NULL is the empty text.
 */
static int check_text(struct pdf *p, const char *s, const char *field)
{
	size_t n, i, bad = 0;

	if (!s)
		return 0;
	n = strlen(s);
	if (n > PDF_MAX_TEXT) {
		p->failed = err_set(&p->error, ERR_TOO_LARGE, field,
				    "ข้อความยาว %zu ไบต์ เกินกว่า %d ไบต์",
				    "text of %zu bytes is longer than %d bytes", n, PDF_MAX_TEXT);
		return p->failed;
	}
	if (textenc_utf8_check(s, n, &bad))
		return fail_text(p, field, "ข้อความไม่ใช่ UTF-8 ที่ถูกต้อง",
				 "text is not valid UTF-8", bad);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool c1 = c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
			  (unsigned char)s[i + 1] < 0xA0;

		if (((c < 0x20 || c == 0x7F) && c != '\t' && c != '\n' && c != '\r') || c1)
			return fail_text(p, field, "ข้อความมีอักขระควบคุม",
					 "text holds a control character", i);
	}
	return 0;
}

/* The usual entry check of a drawing call. */
static int usable(struct pdf *p, bool table_call)
{
	if (p->failed)
		return p->failed;
	if (p->finished)
		p->failed = err_set(&p->error, ERR_INTERNAL, NULL, "เอกสาร PDF ปิดไปแล้ว",
				    "the PDF document is already finished");
	else if (p->in_table && !table_call)
		p->failed = err_set(&p->error, ERR_INTERNAL, NULL,
				    "ยังไม่ได้ปิดตาราง (pdf_table_end)",
				    "a table is still open (pdf_table_end)");
	else if (!p->in_table && table_call)
		p->failed = err_set(&p->error, ERR_INTERNAL, NULL, "ไม่มีตารางที่เปิดอยู่",
				    "no table is open");
	return p->failed;
}

/* Refuses a position or size that is not a finite number (cairo would stop drawing). */
static int check_place(struct pdf *p, double x, double y, double w, double h)
{
	if (isfinite(x) && isfinite(y) && isfinite(w) && isfinite(h))
		return 0;
	p->failed = err_set(&p->error, ERR_INVALID, NULL, "ตำแหน่งหรือขนาดไม่ใช่ตัวเลข",
			    "a position or size is not a number");
	return p->failed;
}

static double text_width(const struct pdf *p)
{
	return p->pw - 2 * p->margin;
}

static double bottom(const struct pdf *p)
{
	return p->ph - p->margin;
}

static void set_rgb(struct pdf *p, double r, double g, double b)
{
	cairo_set_source_rgb(p->cr, r, g, b);
}

static void set_color(struct pdf *p)
{
	set_rgb(p, p->rgb[0], p->rgb[1], p->rgb[2]);
}

/* Starts a page (always: callers decide whether one is needed). */
static int add_page(struct pdf *p)
{
	cairo_rectangle_t ext = { 0, 0, p->pw, p->ph };
	cairo_surface_t *s;

	if (p->npages == PDF_MAX_PAGES) {
		p->failed = err_set(&p->error, ERR_TOO_LARGE, NULL, "เอกสารยาวเกิน %d หน้า",
				    "the document is longer than %d pages", PDF_MAX_PAGES);
		return p->failed;
	}
	s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
	if (p->cr)
		cairo_destroy(p->cr);
	ALLOC_GROW(p->pages, p->npages + 1, p->cap);
	p->pages[p->npages++] = s;
	p->cr = cairo_create(s);
	pango_cairo_update_context(p->cr, p->ctx);
	p->y = p->margin;
	p->empty = true;
	p->head_due = p->in_table && p->has_head;
	set_color(p);
	return 0;
}

static int ensure_page(struct pdf *p)
{
	return p->cr ? 0 : add_page(p);
}

/* Opening quotes and brackets, which must not end a line. */
static bool opener(gunichar c)
{
	return c == 0x201C || c == 0x2018 || c == 0xAB || c == '(' || c == '[' || c == '{';
}

/* No-break space, narrow no-break space, word joiner: glue on both sides. */
static bool glue(gunichar c)
{
	return c == 0xA0 || c == 0x202F || c == 0x2060;
}

/*
 * Pango 1.50's Thai line breaking (libthai) allows a break after an
 * opening quote followed by Thai ("จากโครงการ “|ธนาคาร") and after a
 * no-break space that follows Thai ("หมู่ที่\u00A0|5"), although the
 * Unicode rules forbid both. An allow-breaks attribute over the characters
 * on either side of such a place takes the break away.
 */
static void keep_together(PangoLayout *l, const char *text)
{
	PangoAttrList *al = NULL;
	const char *q, *prev = text;

	for (q = text; *q; prev = q, q = g_utf8_next_char(q)) {
		const char *next = g_utf8_next_char(q);
		gunichar c = g_utf8_get_char(q);
		PangoAttribute *a;

		if (!*next || !(opener(c) || glue(c)))
			continue;
		if (!al)
			al = pango_attr_list_new();
		a = pango_attr_allow_breaks_new(FALSE);
		a->start_index = (guint)((glue(c) ? prev : q) - text);
		a->end_index = (guint)(g_utf8_next_char(next) - text);
		pango_attr_list_insert(al, a);
	}
	if (al) {
		pango_layout_set_attributes(l, al);
		pango_attr_list_unref(al);
	}
}

/* A layout of text (plain, never markup) in the body family at size, wrapped at width. */
static PangoLayout *layout_new(struct pdf *p, const char *text, double size, bool bold,
			       double width, unsigned align)
{
	PangoLayout *l = pango_layout_new(p->ctx);
	PangoFontDescription *fd = pango_font_description_copy(p->font);

	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE + 0.5));
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	switch (align & PDF_ALIGN_MASK) {
	case PDF_CENTER:
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
		break;
	case PDF_RIGHT:
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
		break;
	default:
		pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
		break;
	}
	pango_layout_set_text(l, text ? text : "", -1);
	if (text)
		keep_together(l, text);
	return l;
}

static double layout_height(PangoLayout *l)
{
	PangoRectangle r;

	pango_layout_get_extents(l, NULL, &r);
	return (double)r.height / PANGO_SCALE;
}

static void show_layout(struct pdf *p, PangoLayout *l, double x, double y)
{
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
	p->empty = false;
}

/* The height of one line of body text at size. */
static double line_height(struct pdf *p, double size)
{
	PangoLayout *l = layout_new(p, "ก", size, false, 0, 0);
	double h = layout_height(l);

	g_object_unref(l);
	return h;
}

static double size_of(const struct pdf *p, unsigned flags)
{
	return flags & PDF_SMALL ? p->size * 0.8 : p->size;
}

/*
 * Draws a wrapped layout into the flow at x, line by line, starting a new
 * page whenever the next line does not fit.
 */
static int flow_layout(struct pdf *p, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double top = p->y; /* where the layout's y = off lands on this page */
	int off = 0, rc = 0, end = 0;

	set_color(p);
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle lr;
		int base = pango_layout_iter_get_baseline(it);

		pango_layout_iter_get_line_extents(it, NULL, &lr);
		if (top + (double)(lr.y + lr.height - off) / PANGO_SCALE > bottom(p) &&
		    !(p->empty && lr.y == off)) {
			rc = add_page(p);
			if (rc)
				break;
			top = p->y;
			off = lr.y;
		}
		cairo_move_to(p->cr, x + (double)lr.x / PANGO_SCALE,
			      top + (double)(base - off) / PANGO_SCALE);
		pango_cairo_show_layout_line(p->cr, line);
		p->empty = false;
		end = lr.y + lr.height;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	if (!rc)
		p->y = top + (double)(end - off) / PANGO_SCALE;
	return rc;
}

int pdf_heading(struct pdf *p, int level, const char *text)
{
	static const double scale[] = { 1.5, 1.25, 1.1 };
	PangoLayout *l;
	double h, size;
	int rc;

	rc = usable(p, false);
	if (rc)
		return rc;
	if (level < 1 || level > 3) {
		p->failed = err_set(&p->error, ERR_INTERNAL, NULL, "ระดับหัวข้อ %d ใช้ไม่ได้",
				    "heading level %d is not 1 to 3", level);
		return p->failed;
	}
	rc = check_text(p, text, "heading");
	if (rc || ensure_page(p))
		return p->failed;
	size = p->size * scale[level - 1];
	l = layout_new(p, text, size, true, text_width(p), level == 1 ? PDF_CENTER : PDF_LEFT);
	h = layout_height(l);
	if (!p->empty)
		p->y += size * 0.5;
	/* Keep the heading with at least two lines of what follows. */
	if (!p->empty && p->y + h + 2 * line_height(p, p->size) > bottom(p))
		rc = add_page(p);
	if (!rc)
		rc = flow_layout(p, l, p->margin);
	if (!rc)
		p->y += size * 0.25;
	g_object_unref(l);
	return rc;
}

int pdf_text(struct pdf *p, const char *text, unsigned flags)
{
	PangoLayout *l;
	int rc;

	rc = usable(p, false);
	if (rc || check_text(p, text, "text") || ensure_page(p))
		return p->failed;
	l = layout_new(p, text, size_of(p, flags), flags & PDF_BOLD, text_width(p), flags);
	rc = flow_layout(p, l, p->margin);
	g_object_unref(l);
	return rc;
}

int pdf_space(struct pdf *p, double points)
{
	int rc = usable(p, false);

	if (rc || ensure_page(p))
		return p->failed;
	if (!p->empty && points > 0)
		p->y = p->y + points > bottom(p) ? bottom(p) : p->y + points;
	return 0;
}

int pdf_rule(struct pdf *p)
{
	int rc = usable(p, false);

	if (rc || ensure_page(p))
		return p->failed;
	if (p->y + 6 > bottom(p) && add_page(p))
		return p->failed;
	p->y += 3;
	set_color(p);
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, p->margin, p->y);
	cairo_line_to(p->cr, p->pw - p->margin, p->y);
	cairo_stroke(p->cr);
	p->y += 3;
	p->empty = false;
	return 0;
}

/*
 * A row of cells in the flow (a field, a table header or a table row):
 * n cells at columns x[], w[], each with its flags, laid out once and
 * then drawn at the flow position.
 */
struct row {
	size_t n;
	const double *x, *w;
	double shade; /* background grey, or 0 for none */
	bool grid;
	PangoLayout *l[MAX_COLS];
	double dy[MAX_COLS]; /* from the row's top to the cell's text, so first baselines line up */
	double h;            /* with the padding */
};

/* True when pango may break the text of l nowhere, as in 1,234,567.89 or 2026-11-22. */
static bool unbreakable(PangoLayout *l)
{
	int n, i;
	const PangoLogAttr *a = pango_layout_get_log_attrs_readonly(l, &n);

	/* n is the number of characters plus one; a[0] and a[n - 1] are the ends. */
	for (i = 1; i < n - 1; i++)
		if (a[i].is_line_break)
			return false;
	return true;
}

/*
 * A cell's layout, wrapped at width. Text that cannot be broken (a number,
 * a date, a code) and does not fit is set smaller, down to 60%, rather
 * than cut between characters: an amount split over two lines reads as two
 * amounts.
 */
static PangoLayout *cell_layout(struct pdf *p, const char *text, double size, unsigned fl,
				double width)
{
	PangoLayout *l = layout_new(p, text, size, fl & PDF_BOLD, width, fl);
	PangoRectangle r;
	double k;

	if (pango_layout_get_line_count(l) < 2 || !unbreakable(l))
		return l;
	pango_layout_set_width(l, -1);
	pango_layout_get_extents(l, NULL, &r);
	k = width * PANGO_SCALE / r.width * 0.98;
	g_object_unref(l);
	return layout_new(p, text, size * (k > 0.6 ? k : 0.6), fl & PDF_BOLD, width, fl);
}

static void row_layout(struct pdf *p, struct row *r, const char *const *text,
		       const unsigned *fl, double size)
{
	size_t i;

	double base = 0;

	r->h = 0;
	for (i = 0; i < r->n; i++) {
		double b;

		r->l[i] = cell_layout(p, text[i], size, fl[i], r->w[i] - 2 * CELL_PAD_X);
		b = (double)pango_layout_get_baseline(r->l[i]) / PANGO_SCALE;
		if (b > base)
			base = b;
	}
	for (i = 0; i < r->n; i++) {
		double b = (double)pango_layout_get_baseline(r->l[i]) / PANGO_SCALE, ch;

		r->dy[i] = CELL_PAD_Y + base - b;
		ch = r->dy[i] + layout_height(r->l[i]);
		if (ch > r->h)
			r->h = ch;
	}
	r->h += CELL_PAD_Y;
}

static void row_release(struct row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->l[i])
			g_object_unref(r->l[i]);
}

static void row_draw(struct pdf *p, const struct row *r)
{
	double y = p->y;
	size_t i;

	if (r->shade > 0) {
		set_rgb(p, r->shade, r->shade, r->shade);
		cairo_rectangle(p->cr, r->x[0], y, r->x[r->n - 1] + r->w[r->n - 1] - r->x[0], r->h);
		cairo_fill(p->cr);
	}
	set_color(p);
	for (i = 0; i < r->n; i++)
		show_layout(p, r->l[i], r->x[i] + CELL_PAD_X, y + r->dy[i]);
	if (r->grid) {
		set_rgb(p, GRID_GREY, GRID_GREY, GRID_GREY);
		cairo_set_line_width(p->cr, 0.5);
		for (i = 0; i < r->n; i++)
			cairo_rectangle(p->cr, r->x[i], y, r->w[i], r->h);
		cairo_stroke(p->cr);
	}
	p->y = y + r->h;
	p->empty = false;
}

static int too_tall(struct pdf *p)
{
	p->failed = err_set(&p->error, ERR_TOO_LARGE, NULL, "แถวตารางสูงเกินหนึ่งหน้า",
			    "a table row is taller than a page");
	return p->failed;
}

int pdf_field(struct pdf *p, const char *label, const char *value, unsigned flags)
{
	const char *text[2] = { label, value };
	double w = text_width(p);
	double x[2] = { p->margin - CELL_PAD_X, p->margin + w * FIELD_LABEL };
	double wd[2] = { w * FIELD_LABEL + CELL_PAD_X, w * (1 - FIELD_LABEL) + CELL_PAD_X };
	unsigned fl[2] = { PDF_BOLD, flags & ~PDF_SMALL };
	struct row r = { .n = 2, .x = x, .w = wd };
	int rc = usable(p, false);

	if (rc || check_text(p, label, "label") || check_text(p, value, "value") ||
	    ensure_page(p))
		return p->failed;
	row_layout(p, &r, text, fl, size_of(p, flags));
	if (p->y + r.h > bottom(p) && !p->empty)
		rc = r.h > bottom(p) - p->margin ? too_tall(p) : add_page(p);
	if (!rc)
		row_draw(p, &r);
	row_release(&r);
	return rc;
}

/* The header row of the open table, laid out. */
static void head_layout(struct pdf *p, struct row *r)
{
	const char *text[MAX_COLS];
	unsigned fl[MAX_COLS];
	size_t i;

	*r = (struct row){ .n = p->ncols, .x = p->colx, .w = p->colw };
	for (i = 0; i < p->ncols; i++) {
		text[i] = p->cols[i].title;
		fl[i] = PDF_BOLD | (p->cols[i].align & PDF_ALIGN_MASK);
	}
	if (!(p->tflags & PDF_PLAIN)) {
		r->shade = HEAD_SHADE;
		r->grid = true;
	}
	row_layout(p, r, text, fl, size_of(p, p->tflags));
}

int pdf_table_begin(struct pdf *p, size_t ncols, const struct pdf_col *cols, unsigned flags)
{
	double sum = 0, rest, x, width;
	size_t i, nfree = 0;
	int rc = usable(p, false);

	if (rc)
		return rc;
	if (ncols < 1 || ncols > MAX_COLS) {
		p->failed = err_set(&p->error, ERR_INVALID, NULL, "ตารางต้องมี 1 ถึง %d คอลัมน์",
				    "a table has 1 to %d columns", MAX_COLS);
		return p->failed;
	}
	for (i = 0; i < ncols; i++) {
		if (check_text(p, cols[i].title, "title"))
			return p->failed;
		if (!(cols[i].width >= 0 && cols[i].width <= 1))
			sum = 2;
		else
			sum += cols[i].width;
		nfree += cols[i].width == 0;
	}
	if (sum > 1.0001) {
		p->failed = err_set(&p->error, ERR_INVALID, "width",
				    "ความกว้างคอลัมน์รวมกันเกินความกว้างหน้า",
				    "the column widths add up to more than the text width");
		return p->failed;
	}
	if (ensure_page(p))
		return p->failed;
	rest = nfree ? (1 - sum) / (double)nfree : 0;
	/* A plain table's text lines up with the paragraphs around it. */
	x = p->margin - (flags & PDF_PLAIN ? CELL_PAD_X : 0);
	width = text_width(p) + (flags & PDF_PLAIN ? 2 * CELL_PAD_X : 0);
	p->has_head = false;
	for (i = 0; i < ncols; i++) {
		p->heads[i] = xstrdup(cols[i].title ? cols[i].title : "");
		p->cols[i] = cols[i];
		p->cols[i].title = p->heads[i];
		p->colx[i] = x;
		p->colw[i] = width * (cols[i].width > 0 ? cols[i].width : rest);
		x += p->colw[i];
		p->has_head |= p->heads[i][0] != '\0';
	}
	p->ncols = ncols;
	p->tflags = flags;
	p->in_table = true;
	p->head_due = p->has_head;
	p->trows = 0;
	return 0;
}

/*
 * Draws a row of the open table, with the header first when it is due (at
 * the start and on each new page); a row that does not fit below goes to
 * a new page, together with the header.
 */
static int table_row(struct pdf *p, struct row *r)
{
	struct row head = { 0 };
	int rc = 0;

	if (p->head_due)
		head_layout(p, &head);
	if (p->y + head.h + r->h > bottom(p) && !p->empty) {
		rc = add_page(p); /* which makes the header due again */
		if (!rc && p->head_due && !head.n)
			head_layout(p, &head);
	}
	if (!rc && head.h + r->h > bottom(p) - p->margin)
		rc = too_tall(p);
	if (!rc && p->head_due) {
		row_draw(p, &head);
		p->head_due = false;
	}
	if (!rc && r->n)
		row_draw(p, r);
	row_release(&head);
	return rc;
}

int pdf_table_row(struct pdf *p, const char *const *cells, unsigned flags)
{
	unsigned fl[MAX_COLS];
	struct row r = { .n = p->ncols, .x = p->colx, .w = p->colw,
			 .grid = !(p->tflags & PDF_PLAIN) };
	size_t i;
	int rc = usable(p, true);

	if (rc)
		return rc;
	for (i = 0; i < p->ncols; i++) {
		if (check_text(p, cells[i], "cell"))
			return p->failed;
		fl[i] = (p->cols[i].align & PDF_ALIGN_MASK) |
			(flags & (PDF_BOLD | PDF_TOTAL) ? PDF_BOLD : 0);
	}
	if (flags & PDF_TOTAL && !(p->tflags & PDF_PLAIN))
		r.shade = TOTAL_SHADE;
	row_layout(p, &r, cells, fl, size_of(p, flags | p->tflags));
	rc = table_row(p, &r);
	row_release(&r);
	p->trows++;
	return rc;
}

int pdf_table_end(struct pdf *p)
{
	size_t i;
	int rc = usable(p, true);

	if (rc)
		return rc;
	if (!p->trows && p->has_head) {
		/* A table without rows still shows its header. */
		struct row none = { 0 };

		rc = table_row(p, &none);
		if (rc)
			return rc;
	}
	for (i = 0; i < p->ncols; i++) {
		free(p->heads[i]);
		p->heads[i] = NULL;
	}
	p->ncols = 0;
	p->in_table = false;
	return pdf_space(p, p->size * 0.5);
}

int pdf_new_page(struct pdf *p)
{
	int rc = usable(p, false);

	if (rc)
		return rc;
	if (p->cr && p->empty)
		return 0;
	return add_page(p);
}

int pdf_color(struct pdf *p, uint32_t rgb)
{
	int rc = usable(p, false);

	if (rc)
		return rc;
	p->rgb[0] = (double)((rgb >> 16) & 0xFF) / 255;
	p->rgb[1] = (double)((rgb >> 8) & 0xFF) / 255;
	p->rgb[2] = (double)(rgb & 0xFF) / 255;
	return 0;
}

int pdf_text_at(struct pdf *p, double x, double y, double width, const char *text, double size,
		unsigned flags)
{
	PangoLayout *l;
	int rc = usable(p, false);

	if (rc || check_place(p, x, y, width, 0) || check_text(p, text, "text") || ensure_page(p))
		return p->failed;
	if (!(size > 0 && size <= 1000))
		size = p->size;
	l = layout_new(p, text, size, flags & PDF_BOLD, width, flags);
	set_color(p);
	show_layout(p, l, x, y);
	g_object_unref(l);
	return 0;
}

int pdf_box(struct pdf *p, double x, double y, double w, double h, double line_width,
	    unsigned flags)
{
	int rc = usable(p, false);
	double lw = line_width > 0 && line_width < 100 ? line_width : 1;

	if (rc || check_place(p, x, y, w, h) || ensure_page(p))
		return p->failed;
	set_color(p);
	cairo_set_line_width(p->cr, lw);
	cairo_rectangle(p->cr, x + lw / 2, y + lw / 2, w - lw, h - lw);
	cairo_stroke(p->cr);
	if (flags & PDF_DOUBLE) {
		double gap = lw * 2.5, thin = lw / 3;

		cairo_set_line_width(p->cr, thin);
		cairo_rectangle(p->cr, x + gap, y + gap, w - 2 * gap, h - 2 * gap);
		cairo_stroke(p->cr);
	}
	p->empty = false;
	return 0;
}

struct png_src {
	const unsigned char *p;
	size_t len, pos;
};

static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int len)
{
	struct png_src *s = closure;

	if (len > s->len - s->pos)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, s->p + s->pos, len);
	s->pos += len;
	return CAIRO_STATUS_SUCCESS;
}

int pdf_image(struct pdf *p, const void *png, size_t len, double x, double y, double w, double h)
{
	struct png_src src = { png, len, 0 };
	cairo_surface_t *img = NULL;
	double iw, ih, k;
	int rc = usable(p, false);

	if (rc || check_place(p, x, y, w, h) || ensure_page(p))
		return p->failed;
	img = cairo_image_surface_create_from_png_stream(png_read, &src);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		p->failed = err_set(&p->error, ERR_INVALID, "image", "อ่านภาพ PNG ไม่ได้: %s",
				    "cannot read the PNG image: %s",
				    cairo_status_to_string(cairo_surface_status(img)));
		goto out;
	}
	iw = cairo_image_surface_get_width(img);
	ih = cairo_image_surface_get_height(img);
	if (iw < 1 || ih < 1 || !(w > 0) || !(h > 0))
		goto out;
	k = w / iw < h / ih ? w / iw : h / ih;
	cairo_save(p->cr);
	cairo_translate(p->cr, x + (w - iw * k) / 2, y + (h - ih * k) / 2);
	cairo_scale(p->cr, k, k);
	cairo_set_source_surface(p->cr, img, 0, 0);
	cairo_paint(p->cr);
	cairo_restore(p->cr);
	p->empty = false;
out:
	cairo_surface_destroy(img);
	return p->failed;
}

void pdf_page_size(const struct pdf *p, double *width, double *height)
{
	*width = p->pw;
	*height = p->ph;
}

size_t pdf_page_count(const struct pdf *p)
{
	return p->npages;
}

/* Appends n as decimal, in Thai digits when asked. */
static void put_number(struct buf *b, size_t n, bool thai)
{
	char d[32];
	size_t i;

	snprintf(d, sizeof(d), "%zu", n);
	for (i = 0; d[i]; i++) {
		if (thai) /* U+0E50 + digit: E0 B9 90..99 */
			buf_add(b, (const char[]){ '\xE0', '\xB9', (char)(0x90 + d[i] - '0') }, 3);
		else
			buf_putc(b, d[i]);
	}
}

/*
 * The footer of page i (0-based) of n, drawn with cr on the PDF page: the
 * date and page number on the right, the footer text on the left in what
 * room is left (cut short with an ellipsis if need be).
 */
static void draw_footer(struct pdf *p, cairo_t *cr, size_t i, size_t n)
{
	double w = text_width(p), size = p->size * 0.75, y, rw;
	struct buf right = BUF_INIT;
	PangoLayout *l;
	PangoRectangle r;

	if (p->date && p->date[0])
		buf_printf(&right, "%s     ", p->date);
	buf_puts(&right, "หน้า ");
	put_number(&right, i + 1, p->thai_digits);
	buf_puts(&right, " / ");
	put_number(&right, n, p->thai_digits);
	y = bottom(p) + (p->margin - line_height(p, size)) / 2;
	cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);

	l = layout_new(p, right.ptr, size, false, 0, PDF_LEFT);
	pango_layout_get_extents(l, NULL, &r);
	rw = (double)r.width / PANGO_SCALE;
	cairo_move_to(cr, p->margin + w - rw, y);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);

	if (p->footer && p->footer[0] && w - rw - size > size) {
		l = layout_new(p, p->footer, size, false, w - rw - size, PDF_LEFT);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		cairo_move_to(cr, p->margin, y);
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
	}
	buf_release(&right);
}

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_add(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

int pdf_finish(struct pdf *p, struct buf *out, struct err *e)
{
	cairo_surface_t *s = NULL;
	cairo_status_t st;
	cairo_t *cr = NULL;
	size_t was = out->len, i;

	if (!p->failed)
		usable(p, false); /* refuses an open table or a second finish */
	if (p->failed)
		goto fail;
	p->finished = true;
	if (p->cr) {
		cairo_destroy(p->cr);
		p->cr = NULL;
	}
	s = cairo_pdf_surface_create_for_stream(write_out, out, p->pw, p->ph);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, p->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Sawat");
	if (p->author)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, p->author);
	cr = cairo_create(s);
	pango_cairo_update_context(cr, p->ctx);
	for (i = 0; i < p->npages; i++) {
		cairo_set_source_surface(cr, p->pages[i], 0, 0);
		cairo_paint(cr);
		if (!p->no_footer)
			draw_footer(p, cr, i, p->npages);
		cairo_show_page(cr);
	}
	if (!p->npages)
		cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st == CAIRO_STATUS_WRITE_ERROR)
		p->failed = err_set(&p->error, ERR_TOO_LARGE, NULL, "เอกสาร PDF ใหญ่เกินที่กำหนด",
				    "the PDF document is larger than allowed");
	else if (st != CAIRO_STATUS_SUCCESS)
		p->failed = err_set(&p->error, ERR_IO, NULL, "สร้าง PDF ไม่ได้: %s",
				    "cannot make the PDF: %s", cairo_status_to_string(st));
	if (p->failed)
		goto fail;
	return 0;
fail:
	buf_truncate(out, was);
	if (e)
		*e = p->error;
	return p->failed;
}

/*
 * Loads the family at the body size and checks that fontconfig gave that
 * family, not a substitute, and that it has Thai letters.
 */
static int check_font(struct pdf *p, const char *family, struct err *e)
{
	PangoFontMap *fm = pango_context_get_font_map(p->ctx);
	PangoFont *f = pango_font_map_load_font(fm, p->ctx, p->font);
	PangoFontDescription *got = f ? pango_font_describe(f) : NULL;
	const char *name = got ? pango_font_description_get_family(got) : NULL;
	int rc = 0;

	if (!name || g_ascii_strcasecmp(name, family)) {
		rc = err_set(e, ERR_IO, "font",
			     "ไม่พบฟอนต์ '%s' ในเครื่อง (ระบบเสนอ '%s' แทน): "
			     "ติดตั้งแพ็กเกจ fonts-thai-tlwg",
			     "font family '%s' is not installed (fontconfig offered '%s'); "
			     "install the Debian package fonts-thai-tlwg",
			     family, name ? name : "nothing");
		goto out;
	}
	if (!pango_font_has_char(f, 0x0E01) || !pango_font_has_char(f, 0x0E49)) {
		rc = err_set(e, ERR_IO, "font", "ฟอนต์ '%s' ไม่มีอักษรไทย",
			     "font family '%s' has no Thai letters", family);
		goto out;
	}
out:
	if (got)
		pango_font_description_free(got);
	if (f)
		g_object_unref(f);
	return rc;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

int pdf_open(struct pdf **out, const struct pdf_opts *o, struct err *e)
{
	static const double paper[][2] = {
		[PDF_A4] = { 595.2756, 841.8898 },
		[PDF_A4_LANDSCAPE] = { 841.8898, 595.2756 },
		[PDF_A5] = { 419.5276, 595.2756 },
		[PDF_A5_LANDSCAPE] = { 595.2756, 419.5276 },
	};
	const char *family = o->font ? o->font : PDF_FONT_DEFAULT;
	cairo_font_options_t *fo;
	struct pdf *p = xcalloc(1, sizeof(*p));
	bool a5 = o->paper == PDF_A5 || o->paper == PDF_A5_LANDSCAPE;
	int rc;

	*out = NULL;
	err_init(&p->error);
	if (!o->title || !o->title[0]) {
		rc = err_set(e, ERR_INVALID, "title", "เอกสารต้องมีชื่อเรื่อง",
			     "the document needs a title");
		goto fail;
	}
	if (check_text(p, o->title, "title") || check_text(p, o->author, "author") ||
	    check_text(p, o->footer, "footer") || check_text(p, o->date, "date") ||
	    check_text(p, family, "font")) {
		rc = p->failed;
		if (e)
			*e = p->error;
		goto fail;
	}
	if ((unsigned)o->paper >= ARRAY_SIZE(paper)) {
		rc = err_set(e, ERR_INVALID, "paper", "ขนาดกระดาษ %d ใช้ไม่ได้",
			     "unknown paper size %d", (int)o->paper);
		goto fail;
	}
	if (o->size != 0 && !(o->size >= 4 && o->size <= 200)) {
		rc = err_set(e, ERR_INVALID, "size",
			     "ขนาดตัวอักษร %g ต้องอยู่ระหว่าง 4 ถึง 200 พอยต์",
			     "a text size of %g is not 4 to 200 points", o->size);
		goto fail;
	}
	p->title = xstrdup(o->title);
	p->author = dup_or_null(o->author);
	p->footer = dup_or_null(o->footer);
	p->date = dup_or_null(o->date);
	p->no_footer = o->no_footer;
	p->thai_digits = o->thai_digits;
	p->pw = paper[o->paper][0];
	p->ph = paper[o->paper][1];
	p->margin = a5 ? 42.52 : 56.69; /* 1.5 cm, 2 cm */
	p->size = o->size ? o->size : a5 ? 14 : 16;

	p->ctx = pango_font_map_create_context(pango_cairo_font_map_get_default());
	pango_cairo_context_set_resolution(p->ctx, 72);
	pango_context_set_round_glyph_positions(p->ctx, FALSE);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(p->ctx, fo);
	cairo_font_options_destroy(fo);
	p->font = pango_font_description_new();
	pango_font_description_set_family(p->font, family);
	pango_font_description_set_size(p->font, (gint)(p->size * PANGO_SCALE + 0.5));
	rc = check_font(p, family, e);
	if (rc)
		goto fail;
	*out = p;
	return 0;
fail:
	pdf_free(p);
	return rc;
}

void pdf_free(struct pdf *p)
{
	size_t i;

	if (!p)
		return;
	if (p->cr)
		cairo_destroy(p->cr);
	for (i = 0; i < p->npages; i++)
		cairo_surface_destroy(p->pages[i]);
	free(p->pages);
	for (i = 0; i < MAX_COLS; i++)
		free(p->heads[i]);
	if (p->font)
		pango_font_description_free(p->font);
	if (p->ctx)
		g_object_unref(p->ctx);
	free(p->title);
	free(p->author);
	free(p->footer);
	free(p->date);
	free(p);
}
