/*
 * Unit tests for lib/pdf. Documents are made in memory, written to a
 * temporary directory and read back with poppler's tools (Debian package
 * poppler-utils): pdfinfo for the page count and metadata, pdffonts for the
 * embedded Thai font, pdftotext for the text, pdfimages for images. Text is
 * compared with all white space removed on both sides, because pdftotext
 * puts spaces and line breaks where lines wrapped and Thai has no spaces
 * between words to lose. pdftotext runs with -raw (text in the order it was
 * drawn): its default mode sorts glyphs by position and moves a tone mark
 * stacked above another vowel (the ้ of ครั้ง) behind the next consonant.
 *
 * The last tests make a sample receipt, statement and certificate. To keep
 * them for looking at, name a directory:
 *
 *     PDF_OUT=tests/unit/out build/test/t_pdf
 *     pdftoppm -png -r 60 -f 1 -l 1 tests/unit/out/receipt.pdf tests/unit/out/receipt
 *
 * The sanitizer build runs as tests/run-all.sh runs it, with
 * G_SLICE=always-malloc (glib's slice allocator would hide a leaked pango
 * layout from LeakSanitizer; it reads the variable before main) and the
 * fontconfig suppressions of tests/lsan.supp:
 *
 *     G_SLICE=always-malloc ASAN_OPTIONS=detect_leaks=1 \
 *         LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp build/test-asan/t_pdf
 */
#include <math.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cairo.h>
#include "test.h"
#include "core/money.h"
#include "lib/pdf.h"

static char tmpdir[64];
static const char *keep; /* PDF_OUT, or NULL */

/* Writes the document to dir/name and returns the path (static storage, one at a time). */
static const char *save(const struct buf *doc, const char *name)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", keep ? keep : tmpdir, name);
	f = fopen(path, "wb");
	if (!f)
		return NULL;
	if (fwrite(doc->ptr, 1, doc->len, f) != doc->len) {
		fclose(f);
		return NULL;
	}
	return fclose(f) ? NULL : path;
}

static void drop(const char *path)
{
	if (!keep)
		unlink(path);
}

/* Runs a shell command and returns its standard output (static storage; "" on failure). */
static const char *run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *run(const char *fmt, ...)
{
	static struct buf out = BUF_INIT;
	char cmd[1024], chunk[4096];
	va_list ap;
	FILE *f;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	buf_reset(&out);
	f = popen(cmd, "r");
	if (!f)
		return "";
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&out, chunk, n);
	if (pclose(f) != 0)
		buf_reset(&out);
	return out.ptr;
}

/* s with all ASCII white space (and pdftotext's form feeds) removed, into b. */
static const char *squeeze(struct buf *b, const char *s)
{
	buf_reset(b);
	for (; *s; s++)
		if (!strchr(" \t\r\n\f\v", *s))
			buf_putc(b, *s);
	return b->ptr;
}

/* The text of one page (0: all of them) with white space removed, into b. */
static const char *text_of(struct buf *b, const char *path, int page)
{
	if (page)
		return squeeze(b, run("pdftotext -raw -enc UTF-8 -f %d -l %d '%s' -", page, page,
				      path));
	return squeeze(b, run("pdftotext -raw -enc UTF-8 '%s' -", path));
}

/* How many times want (white space aside) occurs in the squeezed text. */
static int occurrences(const char *text, const char *want)
{
	struct buf w = BUF_INIT;
	const char *s;
	int n = 0;

	squeeze(&w, want);
	for (s = strstr(text, w.ptr); s; s = strstr(s + w.len, w.ptr))
		n++;
	buf_release(&w);
	return n;
}

static int count_text(const char *path, int page, const char *want)
{
	struct buf t = BUF_INIT;
	int n = occurrences(text_of(&t, path, page), want);

	buf_release(&t);
	return n;
}

/* True when the text of the page (0: all) holds want, white space aside. */
static bool has_text(const char *path, int page, const char *want)
{
	bool ok = count_text(path, page, want) > 0;

	if (!ok)
		fprintf(stderr, "    page %d lacks \"%s\"\n", page, want);
	return ok;
}

/* The value of a "Key: value" line of pdfinfo, or "". */
static const char *info(const char *path, const char *key)
{
	static char v[256];
	struct buf all = BUF_INIT;
	const char *s, *end;
	char k[64];

	buf_printf(&all, "\n%s", run("pdfinfo -enc UTF-8 '%s'", path));
	snprintf(k, sizeof(k), "\n%s:", key);
	v[0] = '\0';
	s = strstr(all.ptr, k);
	if (!s)
		return v;
	for (s += strlen(k); *s == ' '; s++)
		;
	end = strchr(s, '\n');
	snprintf(v, sizeof(v), "%.*s", (int)(end ? end - s : (long)strlen(s)), s);
	buf_release(&all);
	return v;
}

/* n in Thai digits (static storage). */
static const char *thai_num(size_t n)
{
	static char s[64];
	char d[24];
	size_t i, k = 0;

	snprintf(d, sizeof(d), "%zu", n);
	for (i = 0; d[i]; i++) {
		s[k++] = '\xE0';
		s[k++] = '\xB9';
		s[k++] = (char)(0x90 + d[i] - '0');
	}
	s[k] = '\0';
	return s;
}

/* True when pdffonts lists an embedded font of this family ("ABCDEF+Laksaman ... yes"). */
static bool font_embedded(const char *path, const char *family)
{
	const char *s = run("pdffonts '%s'", path);
	char want[128];

	snprintf(want, sizeof(want), "+%s", family);
	for (s = strstr(s, want); s; s = strstr(s + 1, want)) {
		const char *eol = strchr(s, '\n');
		char line[256];

		snprintf(line, sizeof(line), "%.*s", (int)(eol ? eol - s : (long)strlen(s)), s);
		/* Columns: name type encoding emb sub uni object ID. */
		if (strstr(line, " yes yes yes "))
			return true;
	}
	return false;
}

static struct pdf *open_doc(const struct pdf_opts *o)
{
	struct pdf *p = NULL;
	struct err e;

	err_init(&e);
	if (pdf_open(&p, o, &e))
		fprintf(stderr, "    pdf_open: %s\n", e.en);
	return p;
}

static int finish(struct pdf *p, struct buf *out)
{
	struct err e;
	int rc;

	err_init(&e);
	rc = pdf_finish(p, out, &e);
	if (rc)
		fprintf(stderr, "    pdf_finish: %s\n", e.en);
	return rc;
}

/* Text with what Thai shaping must get right: tone marks, vowels above and below, ญ/ฐ, Thai digits. */
#define THAI_1 "ผู้ใหญ่บ้านหนองญาติมอบเงินช่วยเหลือแก่ผู้สูงอายุที่มีฐานะยากจน"
#define THAI_2 "ปีงบประมาณ ๒๕๖๙ จำนวน ๑,๒๕๐ ราย น้ำท่วมไร่นา ๓ ครั้ง"
#define THAI_3 "กองทุนสวัสดิการชุมชนตำบลหนองญาติ"
#define NROWS 150

static void test_document(void)
{
	static const struct pdf_col cols[] = {
		{ "ลำดับ", 0.1, PDF_CENTER },
		{ "รายการ", 0, PDF_LEFT },
		{ "วันที่", 0.2, PDF_CENTER },
		{ "ยอดคงเหลือ (บาท)", 0.22, PDF_RIGHT },
	};
	struct pdf_opts o = { .title = "รายงานทดสอบภาษาไทย", .author = THAI_3, .footer = THAI_3,
			      .date = "๒๒ พฤศจิกายน ๒๕๖๙", .thai_digits = true };
	struct buf out = BUF_INIT;
	const char *path;
	struct pdf *p = open_doc(&o);
	size_t pages;
	int i, k, table_pages = 0;
	char no[16], label[256], amount[32];

	REQUIRE(p);
	CHECK_INT(pdf_page_count(p), 0);
	CHECK_INT(pdf_heading(p, 1, "รายงานทดสอบการพิมพ์ภาษาไทย"), 0);
	CHECK_INT(pdf_heading(p, 2, "๑. ข้อความ"), 0);
	CHECK_INT(pdf_text(p, THAI_1 " " THAI_2, 0), 0);
	for (i = 0; i < 4; i++)
		CHECK_INT(pdf_text(p, THAI_1 THAI_1 THAI_1 " ย่อหน้ายาวที่ต้องตัดบรรทัด", PDF_SMALL), 0);
	CHECK_INT(pdf_text(p, "ชิดขวา ตัวหนา", PDF_RIGHT | PDF_BOLD), 0);
	CHECK_INT(pdf_text(p, "สองบรรทัด\r\nบรรทัดที่สอง\tมีแท็บ", PDF_CENTER), 0);
	CHECK_INT(pdf_space(p, 12), 0);
	CHECK_INT(pdf_rule(p), 0);
	CHECK_INT(pdf_field(p, "ชื่อกองทุน", THAI_3, 0), 0);
	CHECK_INT(pdf_field(p, "ที่ตั้ง", "หมู่ที่ ๕ ตำบลหนองญาติ อำเภอเมืองนครพนม จังหวัดนครพนม", 0), 0);
	CHECK_INT(pdf_heading(p, 3, "๒. ตาราง"), 0);
	CHECK_INT(pdf_table_begin(p, ARRAY_SIZE(cols), cols, 0), 0);
	for (i = 1; i <= NROWS; i++) {
		const char *cells[4] = { no, label, "2026-11-22", amount };

		snprintf(no, sizeof(no), "%d", i);
		snprintf(label, sizeof(label), "รายการที่ %03d%s", i,
			 i % 25 == 0 ? " ซึ่งมีคำอธิบายยาวมากจนต้องตัดขึ้นบรรทัดใหม่ภายในช่องของตาราง" : "");
		snprintf(amount, sizeof(amount), "%d,%03d.%02d", i, i * 7 % 1000, i % 100);
		REQUIRE(pdf_table_row(p, cells, 0) == 0);
	}
	{
		const char *total[4] = { NULL, "รวมทั้งสิ้น", NULL, "999,999.99" };

		CHECK_INT(pdf_table_row(p, total, PDF_TOTAL), 0);
	}
	CHECK_INT(pdf_table_end(p), 0);
	CHECK_INT(pdf_text(p, "จบรายงาน", PDF_CENTER), 0);
	pages = pdf_page_count(p);
	CHECK(pages >= 4);
	REQUIRE(finish(p, &out) == 0);
	pdf_free(p);

	REQUIRE(out.len > 1000);
	CHECK(!memcmp(out.ptr, "%PDF-", 5));
	CHECK(strstr(out.ptr + out.len - 8, "%%EOF") != NULL);
	path = save(&out, "document.pdf");
	REQUIRE(path);
	CHECK_INT(atoi(info(path, "Pages")), pages);
	CHECK_STR(info(path, "Title"), "รายงานทดสอบภาษาไทย");
	CHECK_STR(info(path, "Author"), THAI_3);
	CHECK_STR(info(path, "Creator"), "Sawat");
	CHECK_STR(info(path, "Page size"), "595.276 x 841.89 pts (A4)");
	CHECK(font_embedded(path, "Laksaman"));
	CHECK(has_text(path, 0, THAI_1));
	CHECK(has_text(path, 0, THAI_2));
	CHECK(has_text(path, 0, "รายงานทดสอบการพิมพ์ภาษาไทย"));
	CHECK(has_text(path, 0, "หมู่ที่ ๕ ตำบลหนองญาติ อำเภอเมืองนครพนม จังหวัดนครพนม"));
	CHECK(has_text(path, 0, "สองบรรทัด"));
	CHECK(has_text(path, 0, "บรรทัดที่สองมีแท็บ"));
	CHECK(has_text(path, 0, "รวมทั้งสิ้น"));
	CHECK(has_text(path, 0, "999,999.99"));
	CHECK(has_text(path, (int)pages, "จบรายงาน"));
	/* Every row once, in order across the pages; the header on each page of the table. */
	for (k = 1, i = 1; k <= (int)pages; k++) {
		struct buf text = BUF_INIT;
		int first = i;
		char footer[64];

		text_of(&text, path, k);
		for (; i <= NROWS; i++) {
			snprintf(label, sizeof(label), "รายการที่ %03d", i);
			if (occurrences(text.ptr, label) != 1)
				break;
		}
		if (i > first) {
			table_pages++;
			CHECK_INT(occurrences(text.ptr, "ยอดคงเหลือ (บาท)"), 1);
		}
		snprintf(footer, sizeof(footer), "หน้า %s / ", thai_num((size_t)k));
		snprintf(footer + strlen(footer), sizeof(footer) - strlen(footer), "%s",
			 thai_num(pages));
		CHECK_INT(occurrences(text.ptr, footer), 1);
		CHECK(occurrences(text.ptr, THAI_3) >= 1); /* the footer */
		CHECK_INT(occurrences(text.ptr, "๒๒ พฤศจิกายน ๒๕๖๙"), 1);
		buf_release(&text);
	}
	CHECK_INT(i, NROWS + 1);
	CHECK(table_pages >= 3);
	drop(path);
	buf_release(&out);
}

/* Nothing is read as pango markup. */
static void test_markup_is_text(void)
{
	static const char *const s = "<b>ตัวหนา</b> & <span foreground=\"red\">แดง</span> &amp;";
	struct pdf_opts o = { .title = s };
	static const struct pdf_col col = { s, 0, 0 };
	const char *cells[1] = { s };
	struct buf out = BUF_INIT;
	const char *path;
	struct pdf *p = open_doc(&o);

	REQUIRE(p);
	pdf_heading(p, 1, s);
	pdf_text(p, s, 0);
	pdf_field(p, s, s, 0);
	pdf_table_begin(p, 1, &col, 0);
	pdf_table_row(p, cells, 0);
	pdf_table_end(p);
	pdf_text_at(p, 50, 700, 400, s, 0, 0);
	REQUIRE(finish(p, &out) == 0);
	pdf_free(p);
	path = save(&out, "markup.pdf");
	REQUIRE(path);
	CHECK_STR(info(path, "Title"), s);
	CHECK_INT(count_text(path, 1, s), 7);
	drop(path);
	buf_release(&out);
}

static void test_missing_font(void)
{
	struct pdf_opts o = { .title = "ทดสอบ", .font = "Sawat No Such Font" };
	struct pdf *p = (struct pdf *)&o;
	struct err e;

	err_init(&e);
	CHECK_INT(pdf_open(&p, &o, &e), ERR_IO);
	CHECK(p == NULL);
	CHECK_STR(e.field, "font");
	CHECK(strstr(e.en, "'Sawat No Such Font' is not installed") != NULL);
	CHECK(strstr(e.en, "fonts-thai-tlwg") != NULL);
	CHECK(strstr(e.th, "fonts-thai-tlwg") != NULL);
	/* Another TLWG family works; so does the family in another case. */
	o.font = "Garuda";
	p = open_doc(&o);
	CHECK(p != NULL);
	pdf_free(p);
	o.font = "laksaman";
	p = open_doc(&o);
	CHECK(p != NULL);
	pdf_free(p);
	/* An installed font without Thai letters is refused too. */
	if (run("fc-list ':family=DejaVu Sans' family")[0]) {
		o.font = "DejaVu Sans";
		err_init(&e);
		p = (struct pdf *)&o;
		CHECK_INT(pdf_open(&p, &o, &e), ERR_IO);
		CHECK(p == NULL);
		CHECK(strstr(e.en, "no Thai letters") != NULL);
	} else {
		fprintf(stderr, "    (DejaVu Sans not installed: font without Thai not tried)\n");
	}
}

static void test_bad_text(void)
{
	static const char *const bad[] = {
		"ภาษา\xE0\xB8",          /* truncated */
		"\xC0\xAF",              /* overlong */
		"\xED\xA0\x80",          /* surrogate */
		"\xFF",
		"ก\x01ข",                /* C0 control */
		"ก\x7F",                 /* DEL */
		"ก\xC2\x85",             /* C1 control (NEL) */
	};
	struct pdf_opts o = { .title = "ทดสอบ" };
	struct pdf *p;
	struct buf out = BUF_INIT;
	struct err e;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		p = open_doc(&o);
		REQUIRE(p);
		CHECK_INT(pdf_text(p, "ข้อความที่ถูกต้อง", 0), 0);
		CHECK_INT(pdf_text(p, bad[i], 0), ERR_INVALID);
		/* Sticky: later calls do nothing and report the same error. */
		CHECK_INT(pdf_heading(p, 1, "หัวข้อ"), ERR_INVALID);
		CHECK_INT(pdf_box(p, 10, 10, 100, 100, 1, 0), ERR_INVALID);
		buf_puts(&out, "kept");
		err_init(&e);
		CHECK_INT(pdf_finish(p, &out, &e), ERR_INVALID);
		CHECK_STR(out.ptr, "kept");
		CHECK_STR(e.field, "text");
		CHECK(strstr(e.en, i < 4 ? "not valid UTF-8" : "control character") != NULL);
		CHECK(strstr(e.en, "(at byte ") != NULL);
		CHECK(e.th[0] != '\0');
		pdf_free(p);
		buf_reset(&out);
	}

	/* Bad text anywhere: a title, a footer, a table cell, a field. */
	o.title = "\xE0\xB8";
	err_init(&e);
	p = (struct pdf *)&o;
	CHECK_INT(pdf_open(&p, &o, &e), ERR_INVALID);
	CHECK(p == NULL);
	CHECK_STR(e.field, "title");
	o.title = "";
	CHECK_INT(pdf_open(&p, &o, &e), ERR_INVALID);
	o.title = "ทดสอบ";
	o.footer = "ท้าย\x02";
	CHECK_INT(pdf_open(&p, &o, &e), ERR_INVALID);
	CHECK_STR(e.field, "footer");
	o.footer = NULL;
	o.size = 1;
	CHECK_INT(pdf_open(&p, &o, &e), ERR_INVALID);
	CHECK_STR(e.field, "size");
	o.size = 0;
	o.paper = (enum pdf_paper)9;
	CHECK_INT(pdf_open(&p, &o, &e), ERR_INVALID);
	CHECK_STR(e.field, "paper");
	o.paper = PDF_A4;
	{
		static const struct pdf_col cols[] = { { "ก", 0, 0 }, { "ข", 0, 0 } };
		const char *cells[2] = { "ดี", "\xF0\x9F" };

		p = open_doc(&o);
		REQUIRE(p);
		CHECK_INT(pdf_table_begin(p, 2, cols, 0), 0);
		CHECK_INT(pdf_table_row(p, cells, 0), ERR_INVALID);
		CHECK_INT(pdf_finish(p, &out, &e), ERR_INVALID);
		CHECK_STR(e.field, "cell");
		CHECK_INT(out.len, 0);
		pdf_free(p);

		p = open_doc(&o);
		REQUIRE(p);
		CHECK_INT(pdf_field(p, "ชื่อ", "\xE0", 0), ERR_INVALID);
		pdf_free(p);
	}
	{
		/* Too long a text. */
		char *big = xmalloc(PDF_MAX_TEXT + 2);

		memset(big, 'a', PDF_MAX_TEXT + 1);
		big[PDF_MAX_TEXT + 1] = '\0';
		p = open_doc(&o);
		REQUIRE(p);
		CHECK_INT(pdf_text(p, big, 0), ERR_TOO_LARGE);
		pdf_free(p);
		free(big);
	}
	buf_release(&out);
}

/* Calls out of order are refused, not followed. */
static void test_misuse(void)
{
	static const struct pdf_col cols[] = { { "ก", 0.7, 0 }, { "ข", 0.5, 0 } };
	static const struct pdf_col ok[] = { { "ก", 0.5, 0 }, { "ข", 0.5, 0 } };
	const char *cells[2] = { "ค", "ง" };
	struct pdf_opts o = { .title = "ทดสอบ" };
	struct buf out = BUF_INIT;
	struct err e;
	int i, rc = 0;
	struct pdf *p = open_doc(&o);

	REQUIRE(p);
	CHECK_INT(pdf_table_begin(p, 2, cols, 0), ERR_INVALID); /* widths over 1 */
	pdf_free(p);

	p = open_doc(&o);
	REQUIRE(p);
	CHECK_INT(pdf_table_row(p, cells, 0), ERR_INTERNAL);
	pdf_free(p);

	p = open_doc(&o);
	REQUIRE(p);
	CHECK_INT(pdf_heading(p, 4, "ก"), ERR_INTERNAL);
	pdf_free(p);

	p = open_doc(&o);
	REQUIRE(p);
	CHECK_INT(pdf_table_begin(p, 2, ok, 0), 0);
	CHECK_INT(pdf_text(p, "ในตาราง", 0), ERR_INTERNAL);
	pdf_free(p);

	p = open_doc(&o);
	REQUIRE(p);
	CHECK_INT(pdf_table_begin(p, 2, ok, 0), 0);
	err_init(&e);
	CHECK_INT(pdf_finish(p, &out, &e), ERR_INTERNAL); /* table left open */
	CHECK(strstr(e.en, "pdf_table_end") != NULL);
	pdf_free(p);

	p = open_doc(&o);
	REQUIRE(p);
	CHECK_INT(pdf_table_begin(p, 0, ok, 0), ERR_INVALID);
	pdf_free(p);

	p = open_doc(&o);
	REQUIRE(p);
	CHECK_INT(pdf_text_at(p, NAN, 10, 100, "ก", 0, 0), ERR_INVALID);
	pdf_free(p);

	/* The page limit. */
	p = open_doc(&o);
	REQUIRE(p);
	for (i = 0; i < PDF_MAX_PAGES; i++) {
		CHECK_INT(pdf_box(p, 10, 10, 20, 20, 1, 0), 0);
		rc = pdf_new_page(p);
		if (rc)
			break;
	}
	CHECK_INT(rc, ERR_TOO_LARGE);
	CHECK_INT(i, PDF_MAX_PAGES - 1);
	CHECK_INT(pdf_page_count(p), PDF_MAX_PAGES);
	pdf_free(p);

	p = open_doc(&o);
	REQUIRE(p);
	REQUIRE(finish(p, &out) == 0);
	CHECK_INT(pdf_text(p, "หลังจบ", 0), ERR_INTERNAL);
	CHECK_INT(pdf_finish(p, &out, &e), ERR_INTERNAL);
	pdf_free(p);
	pdf_free(NULL);
	buf_release(&out);
}

/* An empty document still has a page; a capped buffer is left alone when the file does not fit. */
static void test_empty_and_cap(void)
{
	struct pdf_opts o = { .title = "ว่าง", .paper = PDF_A5_LANDSCAPE };
	struct buf out;
	struct err e;
	const char *path;
	struct pdf *p = open_doc(&o);

	REQUIRE(p);
	buf_init(&out, 0);
	REQUIRE(finish(p, &out) == 0);
	pdf_free(p);
	path = save(&out, "empty.pdf");
	REQUIRE(path);
	CHECK_STR(info(path, "Pages"), "1");
	CHECK(starts_with(info(path, "Page size"), "595.276 x 419.528 pts"));
	drop(path);
	buf_release(&out);

	p = open_doc(&o);
	REQUIRE(p);
	pdf_text(p, "ข้อความ", 0);
	buf_init(&out, 500);
	err_init(&e);
	CHECK_INT(pdf_finish(p, &out, &e), ERR_TOO_LARGE);
	CHECK_INT(out.len, 0);
	pdf_free(p);
	buf_release(&out);
}

static cairo_status_t png_put(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_add(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* A small emblem for the certificate: a gold ring with a blue centre, as PNG. */
static void make_emblem(struct buf *png)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 240, 240);
	cairo_t *cr = cairo_create(s);
	int i;

	cairo_set_source_rgb(cr, 0.78, 0.60, 0.16);
	cairo_arc(cr, 120, 120, 116, 0, 6.2832);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_arc(cr, 120, 120, 100, 0, 6.2832);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.10, 0.22, 0.45);
	cairo_arc(cr, 120, 120, 90, 0, 6.2832);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.78, 0.60, 0.16);
	for (i = 0; i < 12; i++) {
		double a = i * 6.2832 / 12;

		cairo_move_to(cr, 120, 120);
		cairo_arc(cr, 120, 120, 70, a - 0.12, a + 0.12);
		cairo_close_path(cr);
	}
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_arc(cr, 120, 120, 30, 0, 6.2832);
	cairo_fill(cr);
	cairo_destroy(cr);
	cairo_surface_write_to_png_stream(s, png_put, png);
	cairo_surface_destroy(s);
}

static void certificate(struct pdf *p, const struct buf *emblem, const char *name, const char *project)
{
	double w, h;

	pdf_page_size(p, &w, &h);
	pdf_new_page(p);
	pdf_color(p, 0xB08A2E);
	pdf_box(p, 24, 24, w - 48, h - 48, 4, PDF_DOUBLE);
	pdf_image(p, emblem->ptr, emblem->len, (w - 84) / 2, 50, 84, 84);
	pdf_color(p, 0x1A3873);
	pdf_text_at(p, 0, 140, w, "เกียรติบัตร", 48, PDF_CENTER | PDF_BOLD);
	pdf_color(p, 0x222222);
	pdf_text_at(p, 0, 212, w,
		    "กองทุนสวัสดิการชุมชนจังหวัดนครพนม มอบเกียรติบัตรฉบับนี้ให้ไว้เพื่อแสดงว่า", 20,
		    PDF_CENTER);
	pdf_color(p, 0x1A3873);
	pdf_text_at(p, 60, 246, w - 120, name, 32, PDF_CENTER | PDF_BOLD);
	pdf_color(p, 0x222222);
	pdf_text_at(p, 100, 300, w - 200, project, 20, PDF_CENTER);
	pdf_text_at(p, 0, 380, w, "ขอให้มีความสุข ความเจริญ และเป็นแบบอย่างที่ดีสืบไป", 20, PDF_CENTER);
	pdf_text_at(p, 0, 410, w, "ให้ไว้ ณ วันที่ ๒๒ พฤศจิกายน พ.ศ. ๒๕๖๙", 20, PDF_CENTER);
	pdf_color(p, 0x444444);
	pdf_box(p, w / 2 - 110, 478, 220, 0.6, 0.6, 0);
	pdf_color(p, 0x222222);
	pdf_text_at(p, w / 2 - 250, 482, 500,
		    "(นายสมศักดิ์ ญาณวุฒิ)\n"
		    "ประธานคณะกรรมการกองทุนสวัสดิการชุมชนจังหวัดนครพนม",
		    16, PDF_CENTER);
}

/* Placed content: a certificate on A4 landscape, with a PNG emblem and no footer. */
static void test_certificate(void)
{
	struct pdf_opts o = { .title = "เกียรติบัตรโครงการดีเด่น ๒๕๖๙", .paper = PDF_A4_LANDSCAPE,
			      .no_footer = true };
	struct buf out = BUF_INIT, emblem = BUF_INIT;
	const char *path, *list;
	struct err e;
	struct pdf *p = open_doc(&o);

	REQUIRE(p);
	make_emblem(&emblem);
	REQUIRE(emblem.len > 100);
	certificate(p, &emblem, "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองญาติ",
		    "ได้รับรางวัลโครงการดีเด่นด้านสวัสดิการชุมชน ประจำปี ๒๕๖๙ จากโครงการ "
		    "“ธนาคารข้าวเพื่อผู้สูงอายุและผู้ด้อยโอกาส”");
	CHECK_INT(pdf_page_count(p), 1);
	/* A new page on an empty page is the same page. */
	CHECK_INT(pdf_new_page(p), 0);
	CHECK_INT(pdf_new_page(p), 0);
	CHECK_INT(pdf_page_count(p), 2);
	certificate(p, &emblem, "นางสาวฐิติพร ใจกว้าง", "อาสาสมัครพัฒนาสังคมและความมั่นคงของมนุษย์ดีเด่น");
	CHECK_INT(pdf_page_count(p), 2);
	REQUIRE(finish(p, &out) == 0);
	pdf_free(p);
	path = save(&out, "certificate.pdf");
	REQUIRE(path);
	CHECK_STR(info(path, "Pages"), "2");
	CHECK_STR(info(path, "Page size"), "841.89 x 595.276 pts (A4)");
	CHECK(font_embedded(path, "Laksaman"));
	CHECK(has_text(path, 1, "เกียรติบัตร"));
	CHECK(has_text(path, 1, "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองญาติ"));
	CHECK(has_text(path, 1, "“ธนาคารข้าวเพื่อผู้สูงอายุและผู้ด้อยโอกาส”"));
	CHECK(has_text(path, 1, "(นายสมศักดิ์ ญาณวุฒิ)"));
	CHECK(has_text(path, 2, "นางสาวฐิติพร ใจกว้าง"));
	CHECK_INT(count_text(path, 1, "หน้า"), 0); /* no footer */
	/* The emblem is embedded at its own size, once per page. */
	list = run("pdfimages -list '%s'", path);
	CHECK(strstr(list, "240   240") != NULL);
	CHECK(strstr(list, "\n   2 ") != NULL && strstr(list, "\n   3 ") == NULL);
	drop(path);

	/* Not a PNG. */
	p = open_doc(&o);
	REQUIRE(p);
	CHECK_INT(pdf_image(p, "GIF89a", 6, 0, 0, 10, 10), ERR_INVALID);
	err_init(&e);
	CHECK_INT(pdf_finish(p, &out, &e), ERR_INVALID);
	CHECK_STR(e.field, "image");
	pdf_free(p);
	buf_release(&out);
	buf_release(&emblem);
}

/* A fund's receipt on A5 with the amount in words, as the fund module will print it. */
static void test_receipt(void)
{
	static const struct pdf_col two[] = { { NULL, 0.5, PDF_LEFT }, { NULL, 0.5, PDF_RIGHT } };
	static const struct pdf_col items[] = {
		{ "ที่", 0.08, PDF_CENTER }, { "รายการ", 0, PDF_LEFT },
		{ "จำนวนเงิน (บาท)", 0.34, PDF_RIGHT },
	};
	static const struct pdf_col sign[] = { { NULL, 0.5, PDF_CENTER }, { NULL, 0.5, PDF_CENTER } };
	static const struct {
		const char *what;
		int64_t satang;
	} rows[] = {
		{ "เงินสมทบปี ๒๕๗๐ (วันละบาท)", 36500 },
		{ "ค่าสมัครสมาชิกใหม่", 2000 },
		{ "บริจาคเพื่อผู้ด้อยโอกาส", 86650 },
	};
	struct pdf_opts o = { .title = "ใบเสร็จรับเงิน เลขที่ 2569/00123", .author = THAI_3,
			      .paper = PDF_A5, .footer = THAI_3 };
	struct buf out = BUF_INIT, money = BUF_INIT, words = BUF_INIT;
	const char *path;
	int64_t total = 0;
	size_t i;
	struct pdf *p = open_doc(&o);

	REQUIRE(p);
	pdf_heading(p, 1, "ใบเสร็จรับเงิน");
	pdf_text(p, THAI_3, PDF_CENTER | PDF_BOLD);
	pdf_text(p, "หมู่ที่ ๕ ตำบลหนองญาติ อำเภอเมืองนครพนม จังหวัดนครพนม ๔๘๐๐๐", PDF_CENTER | PDF_SMALL);
	pdf_space(p, 8);
	{
		const char *r[2] = { "เลขที่ 2569/00123", "วันที่ 22 พฤศจิกายน 2569" };

		pdf_table_begin(p, 2, two, PDF_PLAIN);
		pdf_table_row(p, r, 0);
		pdf_table_end(p);
	}
	pdf_field(p, "ได้รับเงินจาก", "นางสาวฐิติมา ใจกว้าง", 0);
	pdf_field(p, "สมาชิกเลขที่", "48-0105-00417", 0);
	pdf_space(p, 6);
	pdf_table_begin(p, ARRAY_SIZE(items), items, 0);
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		char no[8];
		const char *r[3] = { no, rows[i].what, NULL };

		snprintf(no, sizeof(no), "%zu", i + 1);
		buf_reset(&money);
		CHECK_INT(money_format(rows[i].satang, 0, &money, NULL), 0);
		r[2] = money.ptr;
		pdf_table_row(p, r, 0);
		total += rows[i].satang;
	}
	buf_reset(&money);
	money_format(total, 0, &money, NULL);
	CHECK_INT(money_bahttext(total, &words, NULL), 0);
	{
		const char *r[3] = { NULL, "รวมเงิน", money.ptr };

		pdf_table_row(p, r, PDF_TOTAL);
	}
	pdf_table_end(p);
	{
		struct buf line = BUF_INIT;

		buf_printf(&line, "(%s)", words.ptr);
		pdf_text(p, line.ptr, PDF_CENTER | PDF_BOLD);
		buf_release(&line);
	}
	pdf_space(p, 24);
	{
		const char *r[2] = {
			"ลงชื่อ ..............................\n(นางสาวฐิติมา ใจกว้าง)\nผู้จ่ายเงิน",
			"ลงชื่อ ..............................\n(นางบุญญา ศรีสุข)\nเหรัญญิก ผู้รับเงิน",
		};

		pdf_table_begin(p, 2, sign, PDF_PLAIN);
		pdf_table_row(p, r, 0);
		pdf_table_end(p);
	}
	REQUIRE(finish(p, &out) == 0);
	pdf_free(p);
	path = save(&out, "receipt.pdf");
	REQUIRE(path);
	CHECK_STR(info(path, "Pages"), "1");
	CHECK(starts_with(info(path, "Page size"), "419.528 x 595.276 pts"));
	CHECK_STR(words.ptr, "หนึ่งพันสองร้อยห้าสิบเอ็ดบาทห้าสิบสตางค์");
	CHECK(has_text(path, 1, "ใบเสร็จรับเงิน"));
	CHECK(has_text(path, 1, words.ptr));
	CHECK(has_text(path, 1, "1,251.50"));
	CHECK(has_text(path, 1, "นางสาวฐิติมา ใจกว้าง"));
	CHECK(has_text(path, 1, "บริจาคเพื่อผู้ด้อยโอกาส"));
	CHECK(has_text(path, 1, "(นางบุญญา ศรีสุข)"));
	CHECK(has_text(path, 1, "หน้า 1 / 1"));
	drop(path);
	buf_release(&out);
	buf_release(&money);
	buf_release(&words);
}

/* A month's statement of a fund's accounts, several pages long. */
static void test_statement(void)
{
	static const struct pdf_col cols[] = {
		{ "รหัส", 0.08, PDF_CENTER }, { "ชื่อบัญชี", 0, PDF_LEFT },
		{ "ยอดยกมา", 0.15, PDF_RIGHT },   { "รับ", 0.14, PDF_RIGHT },
		{ "จ่าย", 0.14, PDF_RIGHT },       { "คงเหลือ", 0.15, PDF_RIGHT },
	};
	static const char *const names[] = {
		"เงินสด", "เงินฝากธนาคาร ธ.ก.ส. สาขานครพนม", "เงินสมทบจากสมาชิก",
		"เงินสมทบจากรัฐบาล (พอช.)", "เงินสมทบจากองค์กรปกครองส่วนท้องถิ่น",
		"สวัสดิการเกิด", "สวัสดิการเจ็บป่วย (นอนโรงพยาบาล)", "สวัสดิการผู้สูงอายุ",
		"สวัสดิการเสียชีวิต (ฌาปนกิจ)", "สวัสดิการผู้พิการและผู้ด้อยโอกาส",
		"ทุนการศึกษาบุตรสมาชิก", "ค่าบริหารจัดการกองทุน",
	};
	struct pdf_opts o = { .title = "รายงานการเงินประจำเดือน พฤศจิกายน 2569", .author = THAI_3,
			      .footer = THAI_3, .date = "พิมพ์เมื่อ 30 พฤศจิกายน 2569" };
	struct buf out = BUF_INIT, cell[4] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	int64_t sum[4] = { 0 };
	const char *path;
	size_t i, k, pages;
	struct pdf *p = open_doc(&o);

	REQUIRE(p);
	pdf_heading(p, 1, "รายงานการเงินประจำเดือน");
	pdf_text(p, THAI_3, PDF_CENTER | PDF_BOLD);
	pdf_text(p, "ตั้งแต่วันที่ 1 ถึง 30 พฤศจิกายน 2569", PDF_CENTER);
	pdf_space(p, 8);
	pdf_field(p, "รหัสกองทุน", "48-0105", 0);
	pdf_field(p, "จำนวนสมาชิก", "1,254 คน (เพิ่มขึ้น 17 คน)", 0);
	pdf_space(p, 6);
	pdf_heading(p, 2, "งบรับ–จ่ายรายบัญชี");
	pdf_table_begin(p, ARRAY_SIZE(cols), cols, PDF_SMALL);
	for (i = 0; i < 60; i++) {
		char code[16];
		struct buf name = BUF_INIT;
		int64_t v[4];
		const char *r[6];

		v[0] = (int64_t)(i * 7919 % 1000) * 1000 + 50;
		v[1] = (int64_t)(i * 104729 % 50000) * 10;
		v[2] = (int64_t)(i * 1299709 % 30000) * 10;
		v[3] = v[0] + v[1] - v[2];
		snprintf(code, sizeof(code), "%zu-%02zu", 1 + i / 12, i % 12 + 1);
		buf_puts(&name, names[i % ARRAY_SIZE(names)]);
		if (i >= 12) /* a no-break space keeps the number with its word */
			buf_printf(&name, " หมู่ที่\u00A0%zu", 1 + i / 12);
		r[0] = code;
		r[1] = name.ptr;
		for (k = 0; k < 4; k++) {
			buf_reset(&cell[k]);
			money_format(v[k], 0, &cell[k], NULL);
			r[2 + k] = cell[k].ptr;
			sum[k] += v[k];
		}
		CHECK_INT(pdf_table_row(p, r, 0), 0);
		buf_release(&name);
	}
	{
		const char *r[6] = { NULL, "รวมทั้งสิ้น" };

		for (k = 0; k < 4; k++) {
			buf_reset(&cell[k]);
			money_format(sum[k], 0, &cell[k], NULL);
			r[2 + k] = cell[k].ptr;
		}
		CHECK_INT(pdf_table_row(p, r, PDF_TOTAL), 0);
	}
	pdf_table_end(p);
	pdf_text(p, "หมายเหตุ: ยอดคงเหลือตรงกับสมุดบัญชีเงินฝากธนาคาร ณ วันที่ 30 พฤศจิกายน 2569",
		 PDF_SMALL);
	pdf_space(p, 20);
	pdf_text(p, "ลงชื่อ ................................ เหรัญญิก\n(นางบุญญา ศรีสุข)", PDF_RIGHT);
	pages = pdf_page_count(p);
	CHECK(pages >= 2);
	REQUIRE(finish(p, &out) == 0);
	pdf_free(p);
	path = save(&out, "statement.pdf");
	REQUIRE(path);
	CHECK_INT(atoi(info(path, "Pages")), pages);
	CHECK(has_text(path, 1, "รายงานการเงินประจำเดือน"));
	CHECK(has_text(path, 1, "เงินสมทบจากรัฐบาล (พอช.)"));
	for (k = 1; k <= pages; k++)
		CHECK_INT(count_text(path, (int)k, "รหัสชื่อบัญชียอดยกมารับจ่ายคงเหลือ"), 1);
	CHECK(has_text(path, (int)pages, cell[3].ptr));
	CHECK(has_text(path, (int)pages, "(นางบุญญา ศรีสุข)"));
	drop(path);
	buf_release(&out);
	for (k = 0; k < 4; k++)
		buf_release(&cell[k]);
}

int main(void)
{
	const char *t = getenv("TMPDIR");

	keep = getenv("PDF_OUT");
	if (keep && (!*keep || strchr(keep, '\''))) {
		fprintf(stderr, "PDF_OUT: a directory name without quotes, please\n");
		return 1;
	}
	if (keep)
		mkdir(keep, 0777);
	snprintf(tmpdir, sizeof(tmpdir), "%s/t_pdf.XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	if (!run("pdftotext -v 2>&1")[0]) {
		fprintf(stderr, "pdf: poppler-utils (pdftotext, pdfinfo, pdffonts) are needed\n");
		return 1;
	}
	RUN(test_document);
	RUN(test_markup_is_text);
	RUN(test_missing_font);
	RUN(test_bad_text);
	RUN(test_misuse);
	RUN(test_empty_and_cap);
	RUN(test_certificate);
	RUN(test_receipt);
	RUN(test_statement);
	rmdir(tmpdir);
	return test_summary("pdf");
}
