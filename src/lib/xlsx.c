/*
 * The .xlsx reader (see xlsx.h). A workbook is a zip archive of XML parts
 * tied together by relationship parts; the reader follows them as Excel
 * does rather than guessing file names:
 *
 *   _rels/.rels --officeDocument--> xl/workbook.xml (the sheet list)
 *   xl/_rels/workbook.xml.rels --worksheet--> xl/worksheets/sheetN.xml
 *                              --sharedStrings--> xl/sharedStrings.xml
 *                              --styles--> xl/styles.xml (for date formats)
 *
 * Every part is read the same way: libzip inflates it read_size bytes at a
 * time into one chunk buffer, and one expat parser (namespace-aware, so
 * "x:row" is "row") consumes the chunk. The handlers switch on the kind of
 * part and know where they are by element depth, so stray elements at the
 * wrong depth are ignored rather than misread. A DOCTYPE is refused before
 * any entity can be declared. Bytes are counted as they are inflated, and a
 * part that passes its declared size or max_part stops the read; expat's
 * own allocations are counted against max_xml_mem (see xml_malloc).
 *
 * Relationship, workbook and style parts are read whole, into small tables
 * (names and paths live in the arena). Shared strings go into one buffer of
 * NUL-terminated strings with an offset table. A worksheet is read a row at
 * a time:
 *
 *                      select                         next_row
 *   opened (sheets) -----------> reading <-----------------------.
 *        ^                       |   |   \                        |
 *        |        select         |   |    '-- row completed: parser
 *        '-----------------------'   |        suspended, row returned
 *                                    |
 *                 end of part: done  |  error: failed (sticky until select)
 *
 * next_row resumes a suspended parser or feeds it the next chunk until the
 * end-of-row handler has completed a row with at least one value and
 * suspended it (XML_StopParser, resumable). The row's cells are kept sparse
 * while it is parsed (column, type, text offset) and laid out densely, gaps
 * filled, only when it is handed out, so the text buffer may move freely.
 *
 * Invariants: only one part is open at a time; x->text holds the current
 * row's cell texts, each followed by a NUL; after a failure nothing more is
 * parsed from that part.
 */
#include <expat.h>
#include <math.h>
#include <strings.h>
#include <zip.h>
#include "lib/arena.h"
#include "lib/textenc.h"
#include "lib/xlsx.h"

#define NS_SEP '\x01'
#define MAX_READ_SIZE (16u * 1024 * 1024)
/* An escape _xHHHH_ is 7 bytes for at least 1: more raw bytes than this many
 * times a bound cannot decode to within it. */
#define ESCAPE_RATIO 7
/* The longest part name followed: longer relationship targets are refused. */
#define MAX_PART_NAME 160

/* Quotes at most n bytes of s in a message, never cutting a character. */
#define CLIP(s, n) (int)textenc_utf8_clip((s), strlen(s), (n)), (s)

/*
 * Expat's own memory is counted against a budget per reader: expat holds a
 * whole start tag (every attribute value) or comment in memory, and a few
 * hundred compressed bytes can inflate to one attribute of hundreds of
 * megabytes. Expat's allocator callbacks get no context, so the budget in
 * use is a thread-local pointer set around every call into expat that may
 * allocate or free (create, parse, resume, free) and restored afterwards.
 * Each block carries its size in a header so frees and reallocs are counted.
 */
struct xml_budget {
	size_t used, max;
};

static _Thread_local struct xml_budget *xml_budget_now;

#define XML_HDR 16 /* keeps malloc's alignment */

static void *xml_malloc(size_t n)
{
	struct xml_budget *b = xml_budget_now;
	char *p;

	if (b && (n > b->max || b->used > b->max - n))
		return NULL;
	p = malloc(n + XML_HDR);
	if (!p)
		return NULL;
	memcpy(p, &n, sizeof(n));
	if (b)
		b->used += n;
	return p + XML_HDR;
}

static void xml_free(void *q)
{
	struct xml_budget *b = xml_budget_now;
	char *p = q ? (char *)q - XML_HDR : NULL;
	size_t n;

	if (!p)
		return;
	memcpy(&n, p, sizeof(n));
	if (b)
		b->used -= n;
	free(p);
}

static void *xml_realloc(void *q, size_t n)
{
	struct xml_budget *b = xml_budget_now;
	char *p = q ? (char *)q - XML_HDR : NULL, *np;
	size_t old;

	if (!p)
		return xml_malloc(n);
	memcpy(&old, p, sizeof(old));
	if (b && n > old && n - old > b->max - b->used)
		return NULL;
	np = realloc(p, n + XML_HDR);
	if (!np)
		return NULL;
	memcpy(np, &n, sizeof(n));
	if (b)
		b->used = b->used - old + n;
	return np + XML_HDR;
}

static const XML_Memory_Handling_Suite xml_memory = { xml_malloc, xml_realloc, xml_free };

enum part_kind { PART_RELS, PART_WORKBOOK, PART_STYLES, PART_SST, PART_SHEET };
enum fmt_kind { FMT_NUMBER, FMT_DATE, FMT_DATETIME, FMT_TIME };
enum cell_kind { CK_NUMBER, CK_SHARED, CK_STR, CK_INLINE, CK_BOOL, CK_ERROR, CK_ISODATE };
enum where { AT_PART, AT_ROW, AT_CELL };
enum section { SEC_NONE, SEC_SHEETS, SEC_NUMFMTS, SEC_CELLXFS };

struct rel {
	const char *id, *type, *target; /* type: the last segment of the Type URI */
};

struct numfmt {
	unsigned long id;
	enum fmt_kind kind;
};

/* A cell of the row being parsed. */
struct ent {
	size_t col, off, len;
	enum xlsx_type type;
};

/* Depths of the elements of a string item (<si> or <is>) being read; 0 is outside. */
struct text_item {
	unsigned item, run, t;
	size_t start; /* where the item's text begins in its buffer */
	size_t seg;   /* where the current <t> began */
};

/* The part being parsed. */
struct part {
	const char *name;
	zip_file_t *zf;
	XML_Parser xp;
	struct xml_budget budget; /* expat's memory for this part */
	unsigned long long declared, seen;
	bool final, suspended;
};

struct xlsx {
	struct xlsx_opts o;
	zip_t *za;
	struct arena arena; /* names, paths and relationships */
	char *chunk;        /* read_size bytes */

	struct xlsx_sheet *sheets;
	const char **sheet_rids; /* relationship of each sheet, while the list is built */
	size_t nsheets, cap_sheets, cap_rids;
	const char *wb_part, *sst_part, *styles_part;
	bool date1904;
	bool loaded; /* styles and shared strings have been read */
	int load_failed;
	struct err load_error;

	struct rel *rels;
	size_t nrels, cap_rels;

	enum section sect;
	struct numfmt *fmts;
	size_t nfmts, cap_fmts;
	unsigned long *xf_fmt;
	size_t nxf, cap_xf;
	unsigned char *xf_kind; /* enum fmt_kind of each cell format */

	struct buf sst;  /* shared strings, each followed by a NUL */
	size_t *sst_off; /* where each starts */
	size_t nsst, cap_sst;
	struct text_item si;

	/* The sheet being read. */
	const struct xlsx_sheet *sheet;
	struct part p;
	bool sheet_done, row_ready, any_row;
	unsigned sd_depth, row_depth, c_depth, v_depth;
	struct text_item is;
	unsigned long row_num, rows_out;
	long long last_col; /* -1 before a row's first cell */
	size_t col, cell_start, vseg, row_bytes;
	enum cell_kind ck;
	unsigned long style;
	bool has_value;
	struct buf text;
	struct ent *ents;
	size_t nents, cap_ents;
	struct xlsx_cell *cells;
	size_t cap_cells;

	/* The parse. */
	enum part_kind kind;
	unsigned depth;
	int hcode; /* an error found by a handler */
	enum where hwhere;
	struct err herr;

	int failed; /* the sheet's sticky error */
	struct err error;
};

static const unsigned char ole_magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

static const char *local_name(const char *name)
{
	const char *p = strrchr(name, NS_SEP);

	return p ? p + 1 : name;
}

static bool eq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

/* An attribute without a namespace, or NULL. */
static const char *attr(const XML_Char **atts, const char *name)
{
	for (; *atts; atts += 2)
		if (!strchr(atts[0], NS_SEP) && eq(atts[0], name))
			return atts[1];
	return NULL;
}

/* The r:id attribute (officeDocument relationships namespace), or NULL. */
static const char *attr_rel_id(const XML_Char **atts)
{
	static const char suffix[] = "relationships";

	for (; *atts; atts += 2) {
		const char *sep = strchr(atts[0], NS_SEP);
		size_t ns;

		if (!sep || !eq(sep + 1, "id"))
			continue;
		ns = (size_t)(sep - atts[0]);
		if (ns >= sizeof(suffix) - 1 &&
		    !memcmp(sep - (sizeof(suffix) - 1), suffix, sizeof(suffix) - 1))
			return atts[1];
	}
	return NULL;
}

/* Parses all of s as a decimal number up to max; -1 when it is not one. */
static int parse_ulong(const char *s, unsigned long max, unsigned long *v)
{
	unsigned long n = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (n > (max - (unsigned long)(*s - '0')) / 10)
			return -1;
		n = n * 10 + (unsigned long)(*s - '0');
	}
	*v = n;
	return 0;
}

void xlsx_col_name(unsigned col, char out[XLSX_COL_NAME_SIZE])
{
	char tmp[XLSX_COL_NAME_SIZE];
	int n = 0, i;

	if (col >= XLSX_MAX_COLS)
		col = XLSX_MAX_COLS - 1;
	col++;
	while (col) {
		col--;
		tmp[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

/* Parses a cell reference such as "C7": column from 0, row from 1. */
static int parse_ref(const char *s, size_t *col, unsigned long *row)
{
	size_t c = 0;
	int letters = 0;

	while (*s >= 'A' && *s <= 'Z' && letters < 3) {
		c = c * 26 + (size_t)(*s - 'A' + 1);
		s++;
		letters++;
	}
	if (!letters || c > XLSX_MAX_COLS || *s == '0')
		return -1;
	if (parse_ulong(s, XLSX_MAX_ROWS, row) || *row == 0)
		return -1;
	*col = c - 1;
	return 0;
}

static int put_utf8(char *d, uint32_t cp)
{
	if (cp < 0x80) {
		d[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		d[0] = (char)(0xC0 | (cp >> 6));
		d[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		d[0] = (char)(0xE0 | (cp >> 12));
		d[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		d[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	d[0] = (char)(0xF0 | (cp >> 18));
	d[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	d[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	d[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Reads the escape _xHHHH_ at s (n bytes available) into *v. */
static bool escape_at(const char *s, size_t n, unsigned *v)
{
	unsigned x = 0;
	int i;

	if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return false;
	for (i = 2; i < 6; i++) {
		char c = s[i];

		x <<= 4;
		if (c >= '0' && c <= '9')
			x |= (unsigned)(c - '0');
		else if (c >= 'A' && c <= 'F')
			x |= (unsigned)(c - 'A' + 10);
		else if (c >= 'a' && c <= 'f')
			x |= (unsigned)(c - 'a' + 10);
		else
			return false;
	}
	*v = x;
	return true;
}

/*
 * Decodes Excel's escapes of characters XML cannot hold (_x000D_ for CR,
 * _x005F_ for a literal '_', a surrogate pair as two escapes) in place, and
 * returns the new length: never longer, as no escape decodes to more than
 * it takes. Lone surrogates stay as they were written.
 */
static size_t decode_escapes(char *s, size_t n)
{
	size_t i = 0, o = 0;
	unsigned v, lo;

	while (i < n) {
		if (s[i] == '_' && escape_at(s + i, n - i, &v)) {
			if (v >= 0xD800 && v <= 0xDBFF && escape_at(s + i + 7, n - i - 7, &lo) &&
			    lo >= 0xDC00 && lo <= 0xDFFF) {
				o += (size_t)put_utf8(s + o, 0x10000u + ((v - 0xD800u) << 10) + (lo - 0xDC00u));
				i += 14;
				continue;
			}
			if (v < 0xD800 || v > 0xDFFF) {
				o += (size_t)put_utf8(s + o, v);
				i += 7;
				continue;
			}
		}
		s[o++] = s[i++];
	}
	return o;
}

/* ---- number formats and dates ---- */

static enum fmt_kind builtin_kind(unsigned long id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || id == 50 || id == 51 ||
	    id == 54 || id == 57 || id == 58 || (id >= 71 && id <= 74) || id == 81)
		return FMT_DATE;
	if (id == 22 || id == 77)
		return FMT_DATETIME;
	if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) ||
	    id == 52 || id == 53 || (id >= 75 && id <= 80))
		return FMT_TIME;
	return FMT_NUMBER;
}

/* [h], [mm], [ss]: elapsed time. */
static bool elapsed_bracket(const char *s, size_t n)
{
	size_t i;

	if (!n || !strchr("hHmMsS", s[0]))
		return false;
	for (i = 1; i < n; i++)
		if (s[i] != s[0])
			return false;
	return true;
}

/*
 * Classifies a custom format code by its first section: quoted text,
 * escaped and padding characters, and bracketed colours, conditions and
 * locales are skipped, as are "General", AM/PM and exponents. d, y, and the
 * era and Buddhist-year letters e, g and b (and Thai ว ด ป) make a date;
 * h and s (ช น ท) a time; m is a month unless the format has a time.
 */
static enum fmt_kind classify_format(const char *code)
{
	const char *s = code;
	bool date = false, month = false, time = false;

	while (*s && *s != ';') {
		unsigned char c = (unsigned char)*s;

		if (c == '"') {
			s++;
			while (*s && *s != '"')
				s++;
			if (*s)
				s++;
			continue;
		}
		if (c == '\\' || c == '_' || c == '*') {
			s++;
			if (*s)
				s++;
			continue;
		}
		if (c == '[') {
			const char *q = strchr(s, ']');

			if (!q)
				break;
			if (elapsed_bracket(s + 1, (size_t)(q - s - 1)))
				time = true;
			s = q + 1;
			continue;
		}
		if (!strncasecmp(s, "General", 7)) {
			s += 7;
			continue;
		}
		if (!strncasecmp(s, "AM/PM", 5) || !strncasecmp(s, "A/P", 3)) {
			time = true;
			s += s[1] == '/' ? 3 : 5;
			continue;
		}
		if ((c == 'E' || c == 'e') && (s[1] == '+' || s[1] == '-')) {
			s += 2;
			continue;
		}
		if (c == 0xE0 && (unsigned char)s[1] == 0xB8 && s[2]) {
			unsigned char t = (unsigned char)s[2];

			if (t == 0xA7 || t == 0x94 || t == 0x9B) /* ว ด ป */
				date = true;
			else if (t == 0x8A || t == 0x99 || t == 0x97) /* ช น ท */
				time = true;
			s += 3;
			continue;
		}
		if (strchr("dDyYeEgGbB", c))
			date = true;
		else if (c == 'm' || c == 'M')
			month = true;
		else if (strchr("hHsS", c))
			time = true;
		s++;
	}
	if (date || (month && !time))
		return time ? FMT_DATETIME : FMT_DATE;
	return time ? FMT_TIME : FMT_NUMBER;
}

/* Parses an Excel number ([-]digits[.digits][E[+-]digits]) into *v. */
static int parse_number(const char *s, size_t n, double *v)
{
	size_t i = 0;
	double m = 0;
	int exp10 = 0, sig = 0, e = 0;
	bool neg = false, digits = false, eneg = false;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		digits = true;
		if (sig < 17) {
			m = m * 10 + (s[i] - '0');
			sig += m > 0;
		} else {
			exp10++;
		}
	}
	if (i < n && s[i] == '.') {
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			digits = true;
			if (sig < 17) {
				m = m * 10 + (s[i] - '0');
				sig += m > 0;
				exp10--;
			}
		}
	}
	if (!digits)
		return -1;
	if (i < n && (s[i] == 'E' || s[i] == 'e')) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			eneg = s[i++] == '-';
		if (i == n)
			return -1;
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			if (e < 1000)
				e = e * 10 + (s[i] - '0');
		exp10 += eneg ? -e : e;
	}
	if (i != n)
		return -1;
	for (; exp10 > 0 && m < 1e300; exp10--)
		m *= 10;
	for (; exp10 < 0 && m > 0; exp10++)
		m /= 10;
	*v = neg ? -m : m;
	return 0;
}

/*
 * Writes number text s[0..n) rounded to 15 significant digits, which is all
 * Excel keeps and shows, to out and returns its length; returns 0 when s
 * has no more digits than that (or is not a plain number) and stays as it
 * is. Done on the digits, so no floating point or locale is involved:
 * "600.0599999999999" (a double printed with 16 digits) is "600.06",
 * "0.30000000000000004" is "0.3", "12345678901234567" is "12345678901234600".
 */
static size_t excel_digits(const char *s, size_t n, char out[64])
{
	char dig[64];
	size_t i = 0, nd = 0, point, first, j, o = 0;
	bool neg = false, carry;

	if (n >= 48)
		return 0;
	if (i < n && s[i] == '-') {
		neg = true;
		i++;
	}
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		dig[nd++] = s[i];
	point = nd;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			dig[nd++] = s[i];
	if (!nd || (i < n && s[i] != 'E' && s[i] != 'e'))
		return 0;
	for (first = 0; first < nd && dig[first] == '0'; first++)
		;
	if (nd - first <= 15)
		return 0;
	carry = dig[first + 15] >= '5';
	nd = first + 15;
	for (j = nd; carry && j-- > first;) {
		carry = dig[j] == '9';
		dig[j] = carry ? '0' : (char)(dig[j] + 1);
	}
	if (carry) {
		/* All nines: 99.9 -> 100, 0.999 -> 1.000. */
		if (first > 0) {
			dig[first - 1] = '1';
		} else {
			memmove(dig + 1, dig, nd);
			dig[0] = '1';
			nd++;
			point++;
		}
	}
	while (nd < point)
		dig[nd++] = '0';
	while (nd > point && dig[nd - 1] == '0')
		nd--;
	if (neg)
		out[o++] = '-';
	if (!point)
		out[o++] = '0';
	memcpy(out + o, dig, point);
	o += point;
	if (nd > point) {
		out[o++] = '.';
		memcpy(out + o, dig + point, nd - point);
		o += nd - point;
	}
	memcpy(out + o, s + i, n - i); /* the exponent, as it was */
	return o + (n - i);
}

/* Proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's algorithm). */
static void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
	long long era, yy;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = (long long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (*m <= 2);
}

/*
 * Writes the date (and, for a date-time format, a time that is not
 * midnight) of Excel serial s[0..n) to out. Returns -1 when s is not a
 * number or outside 0 .. 9999-12-31.
 */
static int serial_to_iso(const char *s, size_t n, enum fmt_kind kind, bool date1904,
			 char out[32])
{
	/* Serials of 1970-01-01, and of 10000-01-01. */
	const long long epoch = date1904 ? 24107 : 25569, end = date1904 ? 2957004 : 2958466;
	long long secs, days, y;
	unsigned mo, d, sec;
	double v;
	int k;

	if (parse_number(s, n, &v) || !(v >= 0) || v >= (double)end)
		return -1;
	secs = llround(v * 86400.0);
	days = secs / 86400;
	sec = (unsigned)(secs % 86400);
	if (days >= end)
		return -1;
	if (!date1904 && days == 0) {
		y = 1900, mo = 1, d = 0;
	} else if (!date1904 && days == 60) {
		y = 1900, mo = 2, d = 29;
	} else {
		/* Serials 1..59 come before Excel's false 29 February 1900. */
		civil_from_days(days - epoch + (!date1904 && days < 60), &y, &mo, &d);
	}
	k = snprintf(out, 32, "%04lld-%02u-%02u", y, mo, d);
	if (kind == FMT_DATETIME && sec)
		snprintf(out + k, (size_t)(32 - k), "T%02u:%02u:%02u", sec / 3600, sec / 60 % 60,
			 sec % 60);
	return 0;
}

/* "2024-11-22T00:00:00.000Z" (t="d" cells) is a plain date; other times are kept. */
static size_t iso_date_len(const char *s, size_t n)
{
	static const char midnight[] = "T00:00:00";
	size_t i;

	if (n < 10 || s[4] != '-' || s[7] != '-')
		return n;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return n;
	if (n == 10)
		return 10;
	if (n < 19 || memcmp(s + 10, midnight, sizeof(midnight) - 1))
		return n;
	i = 19;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] == '0'; i++)
			;
	if (i < n && s[i] == 'Z')
		i++;
	return i == n ? 10 : n;
}

/* ---- errors ---- */

/* Records an error found by a handler and stops the parser for good. */
static void stop(struct xlsx *x, enum where where, int code)
{
	x->hcode = code;
	x->hwhere = where;
	XML_StopParser(x->p.xp, XML_FALSE);
}

/* Prefixes e with the place in the sheet being read. */
static void locate(struct xlsx *x, enum where where, struct err *e)
{
	char th[256], en[256], col[XLSX_COL_NAME_SIZE];

	if (x->kind != PART_SHEET || !x->sheet)
		return;
	xlsx_col_name((unsigned)x->col, col);
	if (where == AT_CELL) {
		snprintf(th, sizeof(th), "แผ่นงาน '%.*s' แถวที่ %lu คอลัมน์ %s",
			 CLIP(x->sheet->name, 100), x->row_num, col);
		snprintf(en, sizeof(en), "sheet '%.*s', row %lu, column %s", CLIP(x->sheet->name, 100),
			 x->row_num, col);
		snprintf(e->field, sizeof(e->field), "%s%lu", col, x->row_num);
	} else if (where == AT_ROW) {
		snprintf(th, sizeof(th), "แผ่นงาน '%.*s' แถวที่ %lu", CLIP(x->sheet->name, 100),
			 x->row_num);
		snprintf(en, sizeof(en), "sheet '%.*s', row %lu", CLIP(x->sheet->name, 100),
			 x->row_num);
	} else {
		snprintf(th, sizeof(th), "แผ่นงาน '%.*s'", CLIP(x->sheet->name, 100));
		snprintf(en, sizeof(en), "sheet '%.*s'", CLIP(x->sheet->name, 100));
	}
	err_prefix(e, th, en);
}

static int missing_part(const char *name, struct err *e)
{
	return err_set(e, ERR_INVALID, NULL, "ไม่พบส่วน %s ในไฟล์ (ไม่ใช่สมุดงาน Excel ที่สมบูรณ์)",
		       "part %s is missing (not a complete Excel workbook)", name);
}

/* ---- the parts ---- */

static void part_close(struct xlsx *x)
{
	struct xml_budget *saved = xml_budget_now;

	if (x->p.xp) {
		xml_budget_now = &x->p.budget;
		XML_ParserFree(x->p.xp);
		xml_budget_now = saved;
	}
	if (x->p.zf)
		zip_fclose(x->p.zf);
	memset(&x->p, 0, sizeof(x->p));
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts);
static void XMLCALL on_end(void *ud, const XML_Char *name);
static void XMLCALL on_text(void *ud, const XML_Char *s, int len);

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal_subset)
{
	struct xlsx *x = ud;

	UNUSED(name);
	UNUSED(sysid);
	UNUSED(pubid);
	UNUSED(has_internal_subset);
	if (x->hcode)
		return;
	stop(x, AT_PART,
	     err_set(&x->herr, ERR_INVALID, NULL, "ส่วน %s มี DOCTYPE ซึ่งไม่อนุญาต",
		     "part %s has a DOCTYPE, which is not allowed", x->p.name));
}

/* Opens part name for parsing as kind. */
static int part_open(struct xlsx *x, const char *name, enum part_kind kind, struct err *e)
{
	struct part *p = &x->p;
	zip_stat_t st;
	zip_int64_t idx;
	int code;

	part_close(x);
	p->name = name;
	x->kind = kind;
	x->depth = 0;
	x->hcode = 0;
	idx = zip_name_locate(x->za, name, ZIP_FL_NOCASE);
	if (idx < 0)
		return missing_part(name, e);
	zip_stat_init(&st);
	if (zip_stat_index(x->za, (zip_uint64_t)idx, 0, &st))
		return err_set(e, ERR_INVALID, NULL, "อ่านส่วน %s ไม่ได้: %s", "cannot read part %s: %s",
			       name, zip_strerror(x->za));
	p->declared = (st.valid & ZIP_STAT_SIZE) ? st.size : x->o.max_part;
	if (p->declared > x->o.max_part)
		return err_set(e, ERR_TOO_LARGE, NULL,
			       "ส่วน %s มีขนาดเมื่อขยาย %llu ไบต์ เกินขีดจำกัด %llu ไบต์",
			       "part %s is %llu bytes uncompressed, more than the limit of %llu",
			       name, p->declared, x->o.max_part);
	p->zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (!p->zf) {
		code = zip_error_code_zip(zip_get_error(x->za));
		if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
			return err_set(e, ERR_INVALID, NULL, "ส่วน %s ถูกเข้ารหัส",
				       "part %s is encrypted", name);
		if (code == ZIP_ER_COMPNOTSUPP)
			return err_set(e, ERR_INVALID, NULL, "ส่วน %s ใช้วิธีบีบอัดที่ไม่รองรับ",
				       "part %s uses an unsupported compression method", name);
		return err_set(e, ERR_INVALID, NULL, "อ่านส่วน %s ไม่ได้: %s", "cannot read part %s: %s",
			       name, zip_strerror(x->za));
	}
	p->budget.max = x->o.max_xml_mem;
	{
		struct xml_budget *saved = xml_budget_now;
		XML_Char sep[2] = { NS_SEP, '\0' };

		xml_budget_now = &p->budget;
		p->xp = XML_ParserCreate_MM(NULL, &xml_memory, sep);
		xml_budget_now = saved;
	}
	if (!p->xp) {
		fputs("sawat: out of memory (expat)\n", stderr);
		abort();
	}
	XML_SetUserData(p->xp, x);
	XML_SetElementHandler(p->xp, on_start, on_end);
	XML_SetCharacterDataHandler(p->xp, on_text);
	XML_SetStartDoctypeDeclHandler(p->xp, on_doctype);
	return 0;
}

/*
 * Moves the parse on: resumes a suspended parser, or inflates the next chunk
 * and parses it. Returns 0 while there is more, 1 at the end of the part, or
 * an error (with e filled and located).
 */
static int part_step(struct xlsx *x, struct err *e)
{
	struct part *p = &x->p;
	struct xml_budget *saved;
	enum XML_Status st;
	zip_int64_t n;

	saved = xml_budget_now;
	if (p->suspended) {
		xml_budget_now = &p->budget;
		st = XML_ResumeParser(p->xp);
		xml_budget_now = saved;
	} else {
		n = zip_fread(p->zf, x->chunk, x->o.read_size);
		if (n < 0) {
			err_set(e, ERR_INVALID, NULL, "ส่วน %s เสียหาย: %s", "part %s is damaged: %s",
				p->name, zip_file_strerror(p->zf));
			goto fail;
		}
		p->seen += (unsigned long long)n;
		if (p->seen > p->declared) {
			if (p->declared == x->o.max_part)
				err_set(e, ERR_TOO_LARGE, NULL, "ส่วน %s ขยายออกมาเกิน %llu ไบต์",
					"part %s expands to more than %llu bytes", p->name,
					x->o.max_part);
			else
				err_set(e, ERR_TOO_LARGE, NULL,
					"ส่วน %s มีข้อมูลมากกว่าขนาดที่ระบุไว้ (%llu ไบต์)",
					"part %s holds more data than its declared size (%llu bytes)",
					p->name, p->declared);
			goto fail;
		}
		p->final = n == 0;
		xml_budget_now = &p->budget;
		st = XML_Parse(p->xp, x->chunk, (int)n, p->final);
		xml_budget_now = saved;
	}
	if (st == XML_STATUS_SUSPENDED) {
		p->suspended = true;
		return 0;
	}
	p->suspended = false;
	if (st == XML_STATUS_OK)
		return p->final ? 1 : 0;
	if (x->hcode) {
		*e = x->herr;
		locate(x, x->hwhere, e);
		return x->hcode;
	}
	if (XML_GetErrorCode(p->xp) == XML_ERROR_NO_MEMORY) {
		err_set(e, ERR_TOO_LARGE, NULL,
			"ส่วน %s ต้องใช้หน่วยความจำเกิน %zu ไบต์ในการอ่าน XML (แท็ก แอตทริบิวต์ "
			"หรือหมายเหตุยาวเกินไป)",
			"part %s needs more than %zu bytes to parse (an XML tag, attribute or "
			"comment is too long)",
			p->name, p->budget.max);
		goto fail;
	}
	err_set(e, ERR_INVALID, NULL, "XML ในส่วน %s ผิดรูปแบบ บรรทัดที่ %lu ตำแหน่งที่ %lu: %s",
		"malformed XML in part %s at line %lu, column %lu: %s", p->name,
		(unsigned long)XML_GetCurrentLineNumber(p->xp),
		(unsigned long)XML_GetCurrentColumnNumber(p->xp) + 1,
		XML_ErrorString(XML_GetErrorCode(p->xp)));
fail:
	locate(x, AT_PART, e);
	return e->code;
}

/* Reads a whole part. */
static int parse_part(struct xlsx *x, const char *name, enum part_kind kind, struct err *e)
{
	int r = part_open(x, name, kind, e);

	while (r == 0)
		r = part_step(x, e);
	part_close(x);
	return r < 0 ? r : 0;
}

/* ---- paths ---- */

/*
 * The part a relationship target points to, seen from part base; NULL when
 * it leaves the package or its name is longer than MAX_PART_NAME.
 */
static const char *resolve(struct xlsx *x, const char *base, const char *target)
{
	struct buf b = BUF_INIT;
	const char *s, *slash, *res = NULL;

	if (target[0] != '/') {
		slash = strrchr(base, '/');
		if (slash)
			buf_add(&b, base, (size_t)(slash - base));
	}
	for (s = target; *s;) {
		const char *end = strchr(s, '/');
		size_t len = end ? (size_t)(end - s) : strlen(s);

		if (len == 2 && !memcmp(s, "..", 2)) {
			const char *last;

			if (!b.len)
				goto fail;
			last = strrchr(b.ptr, '/');
			buf_truncate(&b, last ? (size_t)(last - b.ptr) : 0);
		} else if (len && !(len == 1 && s[0] == '.')) {
			if (b.len)
				buf_putc(&b, '/');
			buf_add(&b, s, len);
		}
		s += len + (end != NULL);
	}
	if (b.len && b.len <= MAX_PART_NAME)
		res = arena_strdup(&x->arena, b.ptr);
fail:
	buf_release(&b);
	return res;
}

/* The relationships part of part name: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels". */
static const char *rels_of(struct xlsx *x, const char *name)
{
	const char *slash = strrchr(name, '/');

	if (!slash)
		return arena_printf(&x->arena, "_rels/%s.rels", name);
	return arena_printf(&x->arena, "%.*s/_rels/%s.rels", (int)(slash - name), name, slash + 1);
}

static const struct rel *rel_by_type(const struct xlsx *x, const char *type)
{
	size_t i;

	for (i = 0; i < x->nrels; i++)
		if (eq(x->rels[i].type, type))
			return &x->rels[i];
	return NULL;
}

static const struct rel *rel_by_id(const struct xlsx *x, const char *id)
{
	size_t i;

	for (i = 0; i < x->nrels; i++)
		if (eq(x->rels[i].id, id))
			return &x->rels[i];
	return NULL;
}

/* ---- handlers for each kind of part ---- */

static void rels_start(struct xlsx *x, const char *ln, const XML_Char **atts)
{
	const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
	const char *mode = attr(atts, "TargetMode"), *slash;
	struct rel *r;

	if (x->depth != 2 || !eq(ln, "Relationship") || !id || !type || !target)
		return;
	if (mode && eq(mode, "External"))
		return;
	slash = strrchr(type, '/');
	ALLOC_GROW(x->rels, x->nrels + 1, x->cap_rels);
	r = &x->rels[x->nrels++];
	r->id = arena_strdup(&x->arena, id);
	r->type = arena_strdup(&x->arena, slash ? slash + 1 : type);
	r->target = arena_strdup(&x->arena, target);
}

static void workbook_start(struct xlsx *x, const char *ln, const XML_Char **atts)
{
	const char *v;

	if (x->depth == 2) {
		x->sect = eq(ln, "sheets") ? SEC_SHEETS : SEC_NONE;
		if (eq(ln, "workbookPr")) {
			v = attr(atts, "date1904");
			x->date1904 = v && (eq(v, "1") || eq(v, "true"));
		}
	} else if (x->depth == 3 && x->sect == SEC_SHEETS && eq(ln, "sheet")) {
		const char *name = attr(atts, "name"), *rid = attr_rel_id(atts);
		const char *state = attr(atts, "state");
		struct xlsx_sheet *sh;

		if (!name || !rid) {
			stop(x, AT_PART,
			     err_set(&x->herr, ERR_INVALID, NULL,
				     "แผ่นงานใน %s ไม่มีชื่อหรือไม่มี r:id",
				     "a sheet in %s has no name or no r:id", x->p.name));
			return;
		}
		ALLOC_GROW(x->sheets, x->nsheets + 1, x->cap_sheets);
		ALLOC_GROW(x->sheet_rids, x->nsheets + 1, x->cap_rids);
		sh = &x->sheets[x->nsheets];
		sh->name = arena_strdup(&x->arena, name);
		sh->part = NULL;
		sh->hidden = state && (eq(state, "hidden") || eq(state, "veryHidden"));
		x->sheet_rids[x->nsheets++] = arena_strdup(&x->arena, rid);
	}
}

static void styles_start(struct xlsx *x, const char *ln, const XML_Char **atts)
{
	const char *v;
	unsigned long id = 0;

	if (x->depth == 2) {
		x->sect = eq(ln, "numFmts") ? SEC_NUMFMTS : eq(ln, "cellXfs") ? SEC_CELLXFS : SEC_NONE;
	} else if (x->depth == 3 && x->sect == SEC_NUMFMTS && eq(ln, "numFmt")) {
		v = attr(atts, "numFmtId");
		if (!v || parse_ulong(v, 0xFFFFFFFFul, &id))
			return;
		v = attr(atts, "formatCode");
		ALLOC_GROW(x->fmts, x->nfmts + 1, x->cap_fmts);
		x->fmts[x->nfmts].id = id;
		x->fmts[x->nfmts++].kind = v ? classify_format(v) : FMT_NUMBER;
	} else if (x->depth == 3 && x->sect == SEC_CELLXFS && eq(ln, "xf")) {
		v = attr(atts, "numFmtId");
		if (!v || parse_ulong(v, 0xFFFFFFFFul, &id))
			id = 0;
		ALLOC_GROW(x->xf_fmt, x->nxf + 1, x->cap_xf);
		x->xf_fmt[x->nxf++] = id;
	}
}

static int numfmt_cmp(const void *a, const void *b)
{
	unsigned long x = ((const struct numfmt *)a)->id, y = ((const struct numfmt *)b)->id;

	return (x > y) - (x < y);
}

/* Works out which cell formats show dates, once all of styles.xml is read. */
static void styles_finish(struct xlsx *x)
{
	size_t i;

	if (x->nfmts)
		qsort(x->fmts, x->nfmts, sizeof(*x->fmts), numfmt_cmp);
	x->xf_kind = xmalloc(x->nxf ? x->nxf : 1);
	for (i = 0; i < x->nxf; i++) {
		struct numfmt key = { x->xf_fmt[i], FMT_NUMBER };
		const struct numfmt *f = NULL;

		if (x->nfmts)
			f = bsearch(&key, x->fmts, x->nfmts, sizeof(key), numfmt_cmp);

		x->xf_kind[i] = (unsigned char)(f ? f->kind : builtin_kind(key.id));
	}
}

/* Inside a string item, notes where <r> runs and their <t> texts start. */
static void item_start(struct text_item *it, const char *ln, unsigned depth, size_t len)
{
	if (!it->item)
		return;
	if (depth == it->item + 1 && eq(ln, "r")) {
		it->run = depth;
	} else if (eq(ln, "t") && (depth == it->item + 1 || (it->run && depth == it->run + 1))) {
		it->t = depth;
		it->seg = len;
	}
}

/* At the end of an element inside a string item: true when it was a <t>. */
static bool item_end(struct text_item *it, unsigned depth)
{
	if (it->t && it->t == depth) {
		it->t = 0;
		return true;
	}
	if (it->run == depth)
		it->run = 0;
	return false;
}

/* Decodes the escapes of the text b holds from off on. */
static void decode_tail(struct buf *b, size_t off)
{
	buf_truncate(b, off + decode_escapes(b->ptr + off, b->len - off));
}

static void sst_start(struct xlsx *x, const char *ln)
{
	if (x->depth == 2 && eq(ln, "si")) {
		memset(&x->si, 0, sizeof(x->si));
		x->si.item = 2;
		x->si.start = x->sst.len;
		return;
	}
	item_start(&x->si, ln, x->depth, x->sst.len);
}

static void sst_end(struct xlsx *x)
{
	size_t len;

	if (!x->si.item)
		return;
	if (item_end(&x->si, x->depth)) {
		decode_tail(&x->sst, x->si.seg);
		return;
	}
	if (x->depth != x->si.item)
		return;
	x->si.item = 0;
	len = x->sst.len - x->si.start;
	if (len > x->o.max_cell) {
		stop(x, AT_PART,
		     err_set(&x->herr, ERR_TOO_LARGE, NULL, "ข้อความร่วมลำดับที่ %zu ใน %s ยาวเกิน %zu ไบต์",
			     "shared string %zu in %s is longer than %zu bytes", x->nsst, x->p.name,
			     x->o.max_cell));
		return;
	}
	buf_putc(&x->sst, '\0');
	ALLOC_GROW(x->sst_off, x->nsst + 1, x->cap_sst);
	x->sst_off[x->nsst++] = x->si.start;
}

static void row_start(struct xlsx *x, const XML_Char **atts)
{
	const char *r = attr(atts, "r");
	unsigned long num = x->row_num + 1;

	if (x->row_ready) {
		stop(x, AT_ROW,
		     err_set(&x->herr, ERR_INTERNAL, NULL, "ตัวอ่าน XML ไม่หยุดที่ท้ายแถว",
			     "the XML parser did not stop at the end of a row"));
		return;
	}
	if (r && (parse_ulong(r, XLSX_MAX_ROWS, &num) || num == 0)) {
		stop(x, AT_PART,
		     err_set(&x->herr, ERR_INVALID, NULL, "หมายเลขแถว '%.*s' ไม่ถูกต้อง",
			     "invalid row number '%.*s'", CLIP(r, 20)));
		return;
	}
	if (!r && num > XLSX_MAX_ROWS) {
		stop(x, AT_PART,
		     err_set(&x->herr, ERR_TOO_LARGE, NULL, "มีเกิน %lu แถว", "more than %lu rows",
			     XLSX_MAX_ROWS));
		return;
	}
	if (x->any_row && num <= x->row_num) {
		stop(x, AT_PART,
		     err_set(&x->herr, ERR_INVALID, NULL,
			     "แถวที่ %lu มาหลังแถวที่ %lu (แถวต้องเรียงจากบนลงล่าง)",
			     "row %lu comes after row %lu (rows must be in order)", num, x->row_num));
		return;
	}
	x->row_num = num;
	x->any_row = true;
	x->row_depth = x->depth;
	x->last_col = -1;
	x->nents = 0;
	x->row_bytes = 0;
	buf_reset(&x->text);
}

static void cell_start(struct xlsx *x, const XML_Char **atts)
{
	const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
	unsigned long row = x->row_num;
	size_t col = (size_t)(x->last_col + 1);
	char prev[XLSX_COL_NAME_SIZE];

	if (r && parse_ref(r, &col, &row)) {
		stop(x, AT_ROW,
		     err_set(&x->herr, ERR_INVALID, NULL,
			     "ตำแหน่งเซลล์ '%.*s' ไม่ถูกต้อง (คอลัมน์ A ถึง XFD แถว 1 ถึง 1048576)",
			     "invalid cell reference '%.*s' (columns A to XFD, rows 1 to 1048576)",
			     CLIP(r, 20)));
		return;
	}
	if (row != x->row_num) {
		stop(x, AT_ROW,
		     err_set(&x->herr, ERR_INVALID, NULL, "เซลล์ %s ไม่อยู่ในแถวที่ %lu",
			     "cell %s is not in row %lu", r, x->row_num));
		return;
	}
	if ((long long)col <= x->last_col) {
		xlsx_col_name((unsigned)x->last_col, prev);
		stop(x, AT_ROW,
		     err_set(&x->herr, ERR_INVALID, NULL,
			     "เซลล์ %s มาหลังคอลัมน์ %s (เซลล์ต้องเรียงจากซ้ายไปขวา)",
			     "cell %s comes after column %s (cells must be in order)", r, prev));
		return;
	}
	if (col >= x->o.max_cols) {
		stop(x, AT_ROW,
		     err_set(&x->herr, ERR_TOO_LARGE, NULL, "มีเกิน %u คอลัมน์", "more than %u columns",
			     x->o.max_cols));
		return;
	}
	x->col = col;
	x->last_col = (long long)col;
	if (!t || eq(t, "n"))
		x->ck = CK_NUMBER;
	else if (eq(t, "s"))
		x->ck = CK_SHARED;
	else if (eq(t, "str"))
		x->ck = CK_STR;
	else if (eq(t, "inlineStr"))
		x->ck = CK_INLINE;
	else if (eq(t, "b"))
		x->ck = CK_BOOL;
	else if (eq(t, "e"))
		x->ck = CK_ERROR;
	else if (eq(t, "d"))
		x->ck = CK_ISODATE;
	else {
		stop(x, AT_CELL,
		     err_set(&x->herr, ERR_INVALID, NULL, "ชนิดเซลล์ '%.*s' ไม่รู้จัก",
			     "unknown cell type '%.*s'", CLIP(t, 20)));
		return;
	}
	if (!s || parse_ulong(s, 0xFFFFFFFFul, &x->style))
		x->style = 0;
	x->has_value = false;
	x->cell_start = x->text.len;
	x->c_depth = x->depth;
	memset(&x->is, 0, sizeof(x->is));
}

/* Replaces the cell's text so far with s[0..n). */
static void cell_set(struct xlsx *x, const char *s, size_t n)
{
	buf_truncate(&x->text, x->cell_start);
	buf_add(&x->text, s, n);
}

static void cell_end(struct xlsx *x)
{
	size_t start = x->cell_start, n = x->text.len - start;
	const char *v = x->text.ptr + start;
	enum xlsx_type type = XLSX_STRING;
	unsigned long idx;
	char num[64];

	if (!x->has_value || (x->ck == CK_NUMBER && n == 0)) {
		buf_truncate(&x->text, start);
		return;
	}
	switch (x->ck) {
	case CK_NUMBER:
		type = XLSX_NUMBER;
		if (x->style < x->nxf &&
		    (x->xf_kind[x->style] == FMT_DATE || x->xf_kind[x->style] == FMT_DATETIME) &&
		    !serial_to_iso(v, n, x->xf_kind[x->style], x->date1904, num)) {
			type = XLSX_DATE;
			cell_set(x, num, strlen(num));
		} else {
			n = excel_digits(v, n, num);
			if (n)
				cell_set(x, num, n);
		}
		break;
	case CK_SHARED:
		if (parse_ulong(v, 0xFFFFFFFFul, &idx)) {
			stop(x, AT_CELL,
			     err_set(&x->herr, ERR_INVALID, NULL, "ดัชนีข้อความร่วม '%.*s' ไม่ถูกต้อง",
				     "invalid shared string index '%.*s'", CLIP(v, 20)));
			return;
		}
		if (idx >= x->nsst) {
			stop(x, AT_CELL,
			     err_set(&x->herr, ERR_INVALID, NULL,
				     "ดัชนีข้อความร่วม %lu เกินจำนวนที่มี (%zu)",
				     "shared string index %lu out of range (the workbook has %zu)", idx,
				     x->nsst));
			return;
		}
		n = (idx + 1 < x->nsst ? x->sst_off[idx + 1] : x->sst.len) - x->sst_off[idx] - 1;
		if (x->row_bytes + n > x->o.max_row)
			goto fail; /* before copying it */
		cell_set(x, x->sst.ptr + x->sst_off[idx], n);
		break;
	case CK_BOOL:
		type = XLSX_BOOL;
		if (n == 1 && (v[0] == '0' || v[0] == '1'))
			cell_set(x, v[0] == '1' ? "TRUE" : "FALSE", v[0] == '1' ? 4 : 5);
		break;
	case CK_ERROR:
		type = XLSX_ERROR;
		break;
	case CK_ISODATE:
		type = XLSX_DATE;
		buf_truncate(&x->text, start + iso_date_len(v, n));
		break;
	default:
		break;
	}
	n = x->text.len - start;
	if (n > x->o.max_cell) {
		stop(x, AT_CELL,
		     err_set(&x->herr, ERR_TOO_LARGE, NULL, "ข้อความในเซลล์ยาวเกิน %zu ไบต์",
			     "cell text longer than %zu bytes", x->o.max_cell));
		return;
	}
	if (x->row_bytes + n > x->o.max_row)
		goto fail;
	x->row_bytes += n;
	buf_putc(&x->text, '\0');
	ALLOC_GROW(x->ents, x->nents + 1, x->cap_ents);
	x->ents[x->nents++] = (struct ent){ x->col, start, n, type };
	return;
fail:
	stop(x, AT_CELL,
	     err_set(&x->herr, ERR_TOO_LARGE, NULL, "ข้อความในแถวรวมกันยาวเกิน %zu ไบต์",
		     "row text longer than %zu bytes", x->o.max_row));
}

static void sheet_start(struct xlsx *x, const char *ln, const XML_Char **atts)
{
	unsigned d = x->depth;

	if (!x->sd_depth) {
		if (d == 2 && eq(ln, "sheetData"))
			x->sd_depth = d;
	} else if (!x->row_depth) {
		if (d == x->sd_depth + 1 && eq(ln, "row"))
			row_start(x, atts);
	} else if (!x->c_depth) {
		if (d == x->row_depth + 1 && eq(ln, "c"))
			cell_start(x, atts);
	} else if (d == x->c_depth + 1) {
		if (eq(ln, "v") && x->ck != CK_INLINE && !x->v_depth) {
			x->v_depth = d;
			x->vseg = x->text.len;
			x->has_value = true;
		} else if (eq(ln, "is") && x->ck == CK_INLINE && !x->is.item) {
			x->is.item = d;
			x->is.start = x->text.len;
			x->has_value = true;
		}
	} else {
		item_start(&x->is, ln, d, x->text.len);
	}
}

static void sheet_end(struct xlsx *x)
{
	unsigned d = x->depth;

	if (x->is.item) {
		if (item_end(&x->is, d))
			decode_tail(&x->text, x->is.seg);
		else if (d == x->is.item)
			x->is.item = 0;
		return;
	}
	if (x->v_depth == d) {
		x->v_depth = 0;
		decode_tail(&x->text, x->vseg);
	} else if (x->c_depth == d) {
		x->c_depth = 0;
		cell_end(x);
	} else if (x->row_depth == d) {
		x->row_depth = 0;
		if (x->nents) {
			x->row_ready = true;
			XML_StopParser(x->p.xp, XML_TRUE);
		}
	} else if (x->sd_depth == d) {
		x->sd_depth = 0;
	}
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	static const char *const roots[] = {
		[PART_RELS] = "Relationships", [PART_WORKBOOK] = "workbook",
		[PART_STYLES] = "styleSheet",  [PART_SST] = "sst",
		[PART_SHEET] = "worksheet",
	};
	struct xlsx *x = ud;
	const char *ln = local_name(name);

	if (x->hcode)
		return;
	x->depth++;
	if (x->depth == 1) {
		if (!eq(ln, roots[x->kind]))
			stop(x, AT_PART,
			     err_set(&x->herr, ERR_INVALID, NULL, "ส่วน %s ไม่ใช่ %s (พบ <%.*s>)",
				     "part %s is not a %s (it holds <%.*s>)", x->p.name,
				     roots[x->kind], CLIP(ln, 40)));
		return;
	}
	switch (x->kind) {
	case PART_RELS: rels_start(x, ln, atts); break;
	case PART_WORKBOOK: workbook_start(x, ln, atts); break;
	case PART_STYLES: styles_start(x, ln, atts); break;
	case PART_SST: sst_start(x, ln); break;
	case PART_SHEET: sheet_start(x, ln, atts); break;
	}
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;

	UNUSED(name);
	if (x->hcode)
		return;
	if (x->kind == PART_SST)
		sst_end(x);
	else if (x->kind == PART_SHEET)
		sheet_end(x);
	else if (x->depth == 2)
		x->sect = SEC_NONE;
	x->depth--;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx *x = ud;
	size_t n = (size_t)len;

	if (x->hcode)
		return;
	if (x->kind == PART_SST && x->si.t) {
		if (x->sst.len - x->si.start + n > x->o.max_cell * ESCAPE_RATIO) {
			stop(x, AT_PART,
			     err_set(&x->herr, ERR_TOO_LARGE, NULL,
				     "ข้อความร่วมลำดับที่ %zu ใน %s ยาวเกิน %zu ไบต์",
				     "shared string %zu in %s is longer than %zu bytes", x->nsst,
				     x->p.name, x->o.max_cell));
			return;
		}
		buf_add(&x->sst, s, n);
	} else if (x->kind == PART_SHEET && (x->v_depth || x->is.t)) {
		if (x->text.len - x->cell_start + n > x->o.max_cell * ESCAPE_RATIO) {
			stop(x, AT_CELL,
			     err_set(&x->herr, ERR_TOO_LARGE, NULL, "ข้อความในเซลล์ยาวเกิน %zu ไบต์",
				     "cell text longer than %zu bytes", x->o.max_cell));
			return;
		}
		buf_add(&x->text, s, n);
	}
}

/* ---- opening ---- */

static void set_opts(struct xlsx *x, const struct xlsx_opts *opts)
{
	if (opts)
		x->o = *opts;
	if (!x->o.max_part)
		x->o.max_part = XLSX_DEFAULT_MAX_PART;
	if (!x->o.max_cell)
		x->o.max_cell = XLSX_DEFAULT_MAX_CELL;
	if (!x->o.max_row)
		x->o.max_row = XLSX_DEFAULT_MAX_ROW;
	if (!x->o.max_cols || x->o.max_cols > XLSX_MAX_COLS)
		x->o.max_cols = XLSX_MAX_COLS;
	if (!x->o.max_rows)
		x->o.max_rows = XLSX_MAX_ROWS;
	if (!x->o.read_size)
		x->o.read_size = XLSX_DEFAULT_READ_SIZE;
	if (x->o.read_size > MAX_READ_SIZE)
		x->o.read_size = MAX_READ_SIZE;
	if (!x->o.max_xml_mem)
		x->o.max_xml_mem = XLSX_DEFAULT_MAX_XML_MEM + 4 * x->o.read_size;
}

static struct xlsx *xlsx_new(const struct xlsx_opts *opts)
{
	struct xlsx *x = xcalloc(1, sizeof(*x));

	set_opts(x, opts);
	arena_init(&x->arena);
	buf_init(&x->sst, 0);
	buf_init(&x->text, 0);
	err_init(&x->error);
	err_init(&x->load_error);
	x->chunk = xmalloc(x->o.read_size);
	return x;
}

void xlsx_free(struct xlsx *x)
{
	if (!x)
		return;
	part_close(x);
	if (x->za)
		zip_discard(x->za);
	arena_release(&x->arena);
	free(x->chunk);
	free(x->sheets);
	free(x->sheet_rids);
	free(x->rels);
	free(x->fmts);
	free(x->xf_fmt);
	free(x->xf_kind);
	buf_release(&x->sst);
	free(x->sst_off);
	buf_release(&x->text);
	free(x->ents);
	free(x->cells);
	free(x);
}

/* Reads the relationships, the workbook's sheet list, and where its parts are. */
static int read_workbook(struct xlsx *x, struct err *e)
{
	const struct rel *r;
	size_t i, n = 0;
	int rc;

	x->wb_part = "xl/workbook.xml";
	if (zip_name_locate(x->za, "_rels/.rels", ZIP_FL_NOCASE) >= 0) {
		rc = parse_part(x, "_rels/.rels", PART_RELS, e);
		if (rc)
			return rc;
		r = rel_by_type(x, "officeDocument");
		if (r) {
			x->wb_part = resolve(x, "", r->target);
			if (!x->wb_part)
				goto fail;
		}
	}
	rc = parse_part(x, x->wb_part, PART_WORKBOOK, e);
	if (rc)
		return rc;
	x->nrels = 0;
	rc = parse_part(x, rels_of(x, x->wb_part), PART_RELS, e);
	if (rc)
		return rc;
	r = rel_by_type(x, "sharedStrings");
	if (r) {
		x->sst_part = resolve(x, x->wb_part, r->target);
		if (!x->sst_part)
			goto fail;
	}
	r = rel_by_type(x, "styles");
	if (r) {
		x->styles_part = resolve(x, x->wb_part, r->target);
		if (!x->styles_part)
			goto fail;
	}
	/* Keep the worksheets, in order; chart and dialog sheets have no cells. */
	for (i = 0; i < x->nsheets; i++) {
		r = rel_by_id(x, x->sheet_rids[i]);
		if (!r)
			return err_set(e, ERR_INVALID, NULL,
				       "แผ่นงาน '%.*s' อ้างถึง %.*s ซึ่งไม่มีในสมุดงาน",
				       "sheet '%.*s' refers to %.*s, which the workbook does not have",
				       CLIP(x->sheets[i].name, 100), CLIP(x->sheet_rids[i], 40));
		if (!eq(r->type, "worksheet"))
			continue;
		x->sheets[n] = x->sheets[i];
		x->sheets[n].part = resolve(x, x->wb_part, r->target);
		if (!x->sheets[n].part)
			goto fail;
		n++;
	}
	x->nsheets = n;
	return 0;
fail:
	return err_set(e, ERR_INVALID, NULL, "เป้าหมาย '%.*s' ในความสัมพันธ์ของสมุดงานไม่ถูกต้อง",
		       "relationship target '%.*s' in the workbook is invalid", CLIP(r->target, 100));
}

static int zip_failed(zip_error_t *ze, const char *what, struct err *e)
{
	int code = zip_error_code_zip(ze);

	if (code == ZIP_ER_NOZIP)
		return err_set(e, ERR_INVALID, NULL, "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx)",
			       "not an Excel .xlsx file (not a zip archive)");
	if (code == ZIP_ER_NOENT)
		return err_set(e, ERR_NOT_FOUND, NULL, "ไม่พบไฟล์ %s", "file %s not found", what);
	if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_SEEK)
		return err_set(e, ERR_IO, NULL, "อ่านไฟล์ %s ไม่ได้: %s", "cannot read %s: %s", what,
			       zip_error_strerror(ze));
	return err_set(e, ERR_INVALID, NULL, "ไฟล์ zip เสียหาย: %s", "damaged zip archive: %s",
		       zip_error_strerror(ze));
}

static int old_excel(struct err *e)
{
	return err_set(e, ERR_INVALID, NULL,
		       "ไฟล์นี้เป็น Excel รุ่นเก่า (.xls) หรือตั้งรหัสผ่านไว้: เปิดใน Excel แล้วบันทึกเป็น "
		       ".xlsx โดยไม่ใส่รหัสผ่าน",
		       "this is an old Excel .xls file or a password-protected workbook: open it in "
		       "Excel and save it as .xlsx without a password");
}

/* Finishes opening: reads the sheet list, or frees x on failure. */
static int finish_open(struct xlsx *x, struct xlsx **out, struct err *e)
{
	struct err local;
	int rc;

	err_init(&local);
	rc = read_workbook(x, &local);
	if (rc) {
		if (e)
			*e = local;
		xlsx_free(x);
		return rc;
	}
	*out = x;
	return 0;
}

int xlsx_open_mem(const void *data, size_t len, const struct xlsx_opts *opts, struct xlsx **out,
		  struct err *e)
{
	struct xlsx *x;
	zip_source_t *src;
	zip_error_t ze;
	int rc;

	*out = NULL;
	if (len >= sizeof(ole_magic) && !memcmp(data, ole_magic, sizeof(ole_magic)))
		return old_excel(e);
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		rc = zip_failed(&ze, "(memory)", e);
		zip_error_fini(&ze);
		return rc;
	}
	x = xlsx_new(opts);
	x->za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!x->za) {
		zip_source_free(src);
		rc = zip_failed(&ze, "(memory)", e);
		zip_error_fini(&ze);
		xlsx_free(x);
		return rc;
	}
	zip_error_fini(&ze);
	return finish_open(x, out, e);
}

int xlsx_open_file(const char *path, const struct xlsx_opts *opts, struct xlsx **out,
		   struct err *e)
{
	unsigned char head[sizeof(ole_magic)];
	struct xlsx *x;
	zip_error_t ze;
	FILE *fp;
	size_t n = 0;
	int code = 0, rc;

	*out = NULL;
	fp = fopen(path, "rb");
	if (fp) {
		n = fread(head, 1, sizeof(head), fp);
		fclose(fp);
	}
	if (n == sizeof(head) && !memcmp(head, ole_magic, sizeof(head)))
		return old_excel(e);
	x = xlsx_new(opts);
	x->za = zip_open(path, ZIP_RDONLY, &code);
	if (!x->za) {
		zip_error_init_with_code(&ze, code);
		rc = zip_failed(&ze, path, e);
		zip_error_fini(&ze);
		xlsx_free(x);
		return rc;
	}
	return finish_open(x, out, e);
}

size_t xlsx_sheet_count(const struct xlsx *x)
{
	return x->nsheets;
}

const struct xlsx_sheet *xlsx_sheet_at(const struct xlsx *x, size_t i)
{
	return i < x->nsheets ? &x->sheets[i] : NULL;
}

/* ---- reading sheets ---- */

/* Reads the styles and the shared strings, once. */
static int load_shared(struct xlsx *x, struct err *e)
{
	int rc = 0;

	if (x->styles_part) {
		rc = parse_part(x, x->styles_part, PART_STYLES, e);
		if (rc)
			goto fail;
	}
	styles_finish(x);
	if (x->sst_part) {
		rc = parse_part(x, x->sst_part, PART_SST, e);
		if (rc)
			goto fail;
	}
	x->loaded = true;
	return 0;
fail:
	x->load_failed = rc;
	x->load_error = *e;
	return rc;
}

static int select_at(struct xlsx *x, size_t i, struct err *e)
{
	int rc;

	if (!x->loaded && !x->load_failed && load_shared(x, e))
		return x->load_failed;
	if (x->load_failed) {
		*e = x->load_error;
		return x->load_failed;
	}
	part_close(x);
	x->sheet = &x->sheets[i];
	x->sheet_done = x->row_ready = x->any_row = false;
	x->sd_depth = x->row_depth = x->c_depth = x->v_depth = 0;
	memset(&x->is, 0, sizeof(x->is));
	x->row_num = x->rows_out = 0;
	x->nents = 0;
	x->col = 0;
	buf_reset(&x->text);
	x->failed = 0;
	rc = part_open(x, x->sheet->part, PART_SHEET, e);
	if (rc) {
		locate(x, AT_PART, e);
		x->failed = rc;
		x->error = *e;
	}
	return rc;
}

int xlsx_select_sheet_at(struct xlsx *x, size_t i, struct err *e)
{
	struct err local;

	err_init(&local);
	if (i >= x->nsheets)
		return err_set(e, ERR_NOT_FOUND, NULL, "ไม่มีแผ่นงานลำดับที่ %zu (สมุดงานมี %zu แผ่น)",
			       "there is no sheet %zu (the workbook has %zu)", i + 1, x->nsheets);
	if (select_at(x, i, &local)) {
		if (e)
			*e = local;
		return local.code;
	}
	return 0;
}

int xlsx_select_sheet(struct xlsx *x, const char *name, struct err *e)
{
	size_t i;

	if (!name) {
		if (!x->nsheets)
			return err_set(e, ERR_NOT_FOUND, NULL, "สมุดงานไม่มีแผ่นงาน",
				       "the workbook has no worksheets");
		return xlsx_select_sheet_at(x, 0, e);
	}
	for (i = 0; i < x->nsheets; i++)
		if (eq(x->sheets[i].name, name))
			return xlsx_select_sheet_at(x, i, e);
	return err_set(e, ERR_NOT_FOUND, NULL, "ไม่พบแผ่นงาน '%.*s'", "no sheet named '%.*s'",
		       CLIP(name, 100));
}

int xlsx_next_row(struct xlsx *x, struct xlsx_row *row, struct err *e)
{
	size_t i, n;
	int rc;

	if (!x->sheet) {
		rc = xlsx_select_sheet(x, NULL, e);
		if (rc)
			return rc;
	}
	if (x->failed)
		goto fail;
	x->row_ready = false;
	while (!x->row_ready) {
		if (x->sheet_done)
			return XLSX_END;
		rc = part_step(x, &x->error);
		if (rc < 0) {
			x->failed = rc;
			part_close(x);
			goto fail;
		}
		if (rc == 1) {
			x->sheet_done = true;
			part_close(x);
		}
	}
	if (x->rows_out == x->o.max_rows) {
		x->failed = err_set(&x->error, ERR_TOO_LARGE, NULL, "มีเกิน %lu แถว",
				    "more than %lu rows", x->o.max_rows);
		locate(x, AT_ROW, &x->error);
		part_close(x);
		goto fail;
	}
	x->rows_out++;
	n = x->ents[x->nents - 1].col + 1;
	ALLOC_GROW(x->cells, n, x->cap_cells);
	for (i = 0; i < n; i++)
		x->cells[i] = (struct xlsx_cell){ { "", 0 }, XLSX_EMPTY };
	for (i = 0; i < x->nents; i++) {
		const struct ent *en = &x->ents[i];

		x->cells[en->col] = (struct xlsx_cell){ { x->text.ptr + en->off, en->len }, en->type };
	}
	row->row = x->row_num;
	row->n = n;
	row->cells = x->cells;
	return XLSX_ROW;
fail:
	if (e)
		*e = x->error;
	return x->failed;
}
