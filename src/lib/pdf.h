/*
 * struct pdf: a PDF document built in memory, for receipts, statements and
 * certificates. Text is shaped by pango, so Thai comes out right (tone marks
 * and vowels above and below, ญ and ฐ without their descender clashing), in
 * one font family that is embedded in the file (a TLWG font by default).
 *
 * Two ways to put things on pages, which may be mixed:
 *
 *  - flowing: headings, paragraphs, label/value fields, rules and tables go
 *    one below the other between the margins. A new page starts by itself
 *    when the next thing does not fit: paragraphs break between lines, tables
 *    between rows (the header row is repeated at the top of the next page),
 *    and a heading is never left alone at the foot of a page;
 *  - placed: text boxes, rectangles and PNG images at given positions, for
 *    certificates. They do not move the flow.
 *
 * Units are PostScript points (1/72 inch) measured from the top left corner
 * of the page; font sizes are points too (pango's resolution is set to 72
 * dpi). A4 is 595 x 842 points.
 *
 * Every page gets a footer line in the bottom margin, unless
 * opts.no_footer: opts.footer on the left (cut short with an ellipsis when
 * it would reach the right part), opts.date and "หน้า N / M" on the right. Pages are kept as cairo recordings until pdf_finish, which
 * is how the total M is known, and then written out in one go.
 *
 * Text: every string is UTF-8 and is shown as it is. Nothing is read as
 * markup ("<b>" prints as "<b>"). A line feed starts a new line (CR LF
 * counts as one); other control characters, invalid UTF-8 and strings over
 * PDF_MAX_TEXT bytes are refused. Lines break between words (libthai finds
 * Thai word boundaries), never after an opening quote or bracket, and never
 * at a no-break space (U+00A0: "หมู่ที่\u00A05" stays on one line).
 *
 * Errors are sticky, as in cairo: every drawing call returns 0 or a negative
 * ERR_* code, and the first failure is kept; later calls then do nothing
 * and return the same code, and pdf_finish reports it with its message.
 * A caller may therefore check each call or only pdf_finish.
 *
 * A struct pdf belongs to the thread that opened it: it uses that thread's
 * pango font map (pango keeps one per thread, with its font cache, freed
 * when the thread ends). Documents on different threads are independent.
 *
 * Usage, a receipt:
 *
 *     struct pdf_opts o = { .title = "ใบเสร็จรับเงิน", .paper = PDF_A5 };
 *     struct pdf *pdf;
 *     struct buf out = BUF_INIT;
 *
 *     if (pdf_open(&pdf, &o, e))
 *             return e->code;
 *     pdf_heading(pdf, 1, "ใบเสร็จรับเงิน");
 *     pdf_field(pdf, "ได้รับเงินจาก", "นางสมศรี ใจดี", 0);
 *     pdf_field(pdf, "จำนวนเงิน", "1,500.00 บาท (หนึ่งพันห้าร้อยบาทถ้วน)", PDF_BOLD);
 *     rc = pdf_finish(pdf, &out, e);
 *     pdf_free(pdf);
 */
#ifndef SAWAT_PDF_H
#define SAWAT_PDF_H

#include "lib/buf.h"
#include "lib/err.h"

/* The font family used when opts.font is NULL: TLWG's, metric-compatible with TH Sarabun. */
#define PDF_FONT_DEFAULT "Laksaman"
/* The longest string any call takes, in bytes. */
#define PDF_MAX_TEXT (64 * 1024)
/* The most pages a document may have (they are held in memory until pdf_finish). */
#define PDF_MAX_PAGES 5000

enum pdf_paper {
	PDF_A4 = 0,       /* portrait, 2 cm margins */
	PDF_A4_LANDSCAPE, /* certificates */
	PDF_A5,           /* portrait, 1.5 cm margins */
	PDF_A5_LANDSCAPE, /* half an A4 sheet: receipts */
};

/*
 * Flags for text, fields, table rows and tables. One alignment (PDF_LEFT,
 * the default, PDF_CENTER or PDF_RIGHT) may be combined with the others.
 */
#define PDF_LEFT 0u
#define PDF_CENTER 1u
#define PDF_RIGHT 2u
#define PDF_ALIGN_MASK 3u
#define PDF_BOLD 4u   /* bold face */
#define PDF_SMALL 8u  /* 80% of the body size */
#define PDF_TOTAL 16u /* table rows: a total, bold on a shaded band */
#define PDF_PLAIN 32u /* tables: no grid lines and no shading (for layout) */
#define PDF_DOUBLE 64u /* pdf_box: a second, thin line inside the first */

/* Options for pdf_open; strings are copied. Zero is the default for each. */
struct pdf_opts {
	const char *title;  /* document title, in the file's metadata; required */
	const char *author; /* metadata author (e.g. the fund's name), or NULL */
	enum pdf_paper paper;
	const char *font;   /* font family; PDF_FONT_DEFAULT when NULL */
	double size;        /* body text size in points; 0: 16 on A4, 14 on A5 */
	const char *footer; /* footer text at the bottom left of each page, or NULL */
	const char *date;   /* the document date as it should read (footer, right), or NULL */
	bool no_footer;     /* no footer and no page numbers (certificates) */
	bool thai_digits;   /* page numbers in Thai digits: หน้า ๑ / ๒ */
};

/* One column of a table. */
struct pdf_col {
	const char *title; /* header text; when all are NULL or "", the table has no header row */
	double width;      /* share of the text width, 0 to 1; columns with 0 split what is left */
	unsigned align;    /* PDF_LEFT, PDF_CENTER or PDF_RIGHT (money: right) */
};

struct pdf;

/*
 * Starts a document. On success *out is the document, to be freed with
 * pdf_free. On failure *out is NULL and the result is:
 *   ERR_INVALID  no title, a string that is not acceptable text (see above),
 *                an unknown paper or a size outside 4 to 200 points;
 *   ERR_IO       the font family is not installed or has no Thai letters
 *                (fontconfig silently offers another family; this is
 *                checked, and the message names the Debian package), or
 *                cairo cannot start.
 */
int pdf_open(struct pdf **out, const struct pdf_opts *opts, struct err *e);

/* The page size in points. */
void pdf_page_size(const struct pdf *p, double *width, double *height);
/* The number of pages so far. */
size_t pdf_page_count(const struct pdf *p);

/*
 * Flowing content. Each call returns 0 or the document's sticky error:
 * ERR_INVALID for bad text, ERR_TOO_LARGE past PDF_MAX_PAGES pages,
 * ERR_INTERNAL when called between pdf_table_begin and pdf_table_end (only
 * pdf_table_row belongs there) or after pdf_finish.
 */

/* A bold heading: level 1 (centred, 1.5 times the body size), 2 (1.25 times) or 3 (1.1 times). */
int pdf_heading(struct pdf *p, int level, const char *text);
/* A paragraph, wrapped at the margins (Thai breaks between words). */
int pdf_text(struct pdf *p, const char *text, unsigned flags);
/* Vertical space; at the top of a page it is dropped. */
int pdf_space(struct pdf *p, double points);
/* A thin horizontal line across the text width. */
int pdf_rule(struct pdf *p);
/* A label (bold, the first 30% of the width) and its value (wrapped, with flags). */
int pdf_field(struct pdf *p, const char *label, const char *value, unsigned flags);

/*
 * Tables: pdf_table_begin, any number of pdf_table_row, pdf_table_end.
 * Cell text wraps inside its column; text that cannot be broken (an
 * amount, a date, a code) and is too wide is set smaller instead, down to
 * 60%, never cut in two. The first baselines of a row's cells line up. A
 * row never breaks across pages; the header row goes on the page of the
 * first row and again at the top of every page the table goes on to.
 * cols (ncols of them, 1 to 32) are copied; table flags: PDF_PLAIN (no
 * lines or shading; the text lines up with the paragraphs around it, for
 * side-by-side layout such as signature blocks), PDF_SMALL (all rows).
 * ERR_INVALID when the widths add up to more than 1 or a title is bad text.
 */
int pdf_table_begin(struct pdf *p, size_t ncols, const struct pdf_col *cols, unsigned flags);
/*
 * One row of ncols cells (a NULL cell is empty); flags PDF_BOLD, PDF_TOTAL,
 * PDF_SMALL. ERR_TOO_LARGE when the row is taller than a page.
 */
int pdf_table_row(struct pdf *p, const char *const *cells, unsigned flags);
int pdf_table_end(struct pdf *p);

/*
 * Placed content, for certificates. Positions are points from the top left
 * of the current page (one is started when there is none); a position or
 * size that is not a finite number is ERR_INVALID.
 */

/* Starts a new page and puts the flow at its top; does nothing on a page that is still empty. */
int pdf_new_page(struct pdf *p);
/* Colour of the text and lines drawn after this call, as 0xRRGGBB; black at first. */
int pdf_color(struct pdf *p, uint32_t rgb);
/*
 * A text box whose top left corner is (x, y), wrapped at width (0: not
 * wrapped), in size points (0: the body size); flags: alignment inside the
 * width, PDF_BOLD.
 */
int pdf_text_at(struct pdf *p, double x, double y, double width, const char *text, double size,
		unsigned flags);
/* A rectangle outline of line_width points; PDF_DOUBLE adds a thin line inside it. */
int pdf_box(struct pdf *p, double x, double y, double w, double h, double line_width,
	    unsigned flags);
/*
 * A PNG image (len bytes at png), scaled to fit the box (x, y, w, h) without
 * changing its proportions, centred in it. ERR_INVALID when it is not a
 * PNG image cairo can read.
 */
int pdf_image(struct pdf *p, const void *png, size_t len, double x, double y, double w, double h);

/*
 * Writes the whole document, with the footers and page numbers, appending
 * it to out (a document without pages gets one empty page). Returns 0, or
 * the sticky error, or ERR_TOO_LARGE when out's cap is reached, or ERR_IO
 * when cairo fails; on failure out is as it was. The document takes no
 * more calls afterwards, whatever the result; it must still be freed.
 */
int pdf_finish(struct pdf *p, struct buf *out, struct err *e);

/* Frees the document; p may be NULL. */
void pdf_free(struct pdf *p);

#endif
