/*
 * Import rules that need no database: the column table with the Thai and
 * English names a header may use, header mapping and yes/no cells (legacy
 * TIS-620/CP874 text is converted by lib/textenc). The use case that stages
 * and commits an import is app/import.c.
 */
#include "core/import.h"
#include "core/thtext.h"

/* Names a header may use for each column, canonical English code first,
 * then the Thai header, then aliases seen in office lists. */
static const char *const names[ICOL_COUNT][8] = {
	[ICOL_NATIONAL_ID] = { "national_id", "เลขประจำตัวประชาชน", "เลขบัตรประชาชน", "id_card",
			       "citizen_id", "pid", "เลขประจำตัว", NULL },
	[ICOL_TITLE] = { "title", "คำนำหน้า", "คำนำหน้าชื่อ", "prefix", NULL },
	[ICOL_GIVEN_NAME] = { "given_name", "ชื่อ", "ชื่อตัว", "first_name", "firstname", NULL },
	[ICOL_FAMILY_NAME] = { "family_name", "นามสกุล", "last_name", "surname", NULL },
	[ICOL_GIVEN_NAME_LATIN] = { "given_name_latin", "ชื่อภาษาอังกฤษ", NULL },
	[ICOL_FAMILY_NAME_LATIN] = { "family_name_latin", "นามสกุลภาษาอังกฤษ", NULL },
	[ICOL_SEX] = { "sex", "เพศ", "gender", NULL },
	[ICOL_BIRTH_DATE] = { "birth_date", "วันเกิด", "วันเดือนปีเกิด", "date_of_birth", "dob",
			      NULL },
	[ICOL_NATIONALITY] = { "nationality", "สัญชาติ", NULL },
	[ICOL_REG_STATUS] = { "reg_status", "สถานะทางทะเบียน", "registration_status", NULL },
	[ICOL_AREA] = { "area", "รหัสพื้นที่", "area_code", "รหัสตำบล", "รหัสหมู่บ้าน", NULL },
	[ICOL_HOUSE_NO] = { "house_no", "บ้านเลขที่", "house_number", NULL },
	[ICOL_PHONE] = { "phone", "โทรศัพท์", "เบอร์โทร", "เบอร์โทรศัพท์", "หมายเลขโทรศัพท์", "tel",
			 NULL },
	[ICOL_DISABILITY_TYPE] = { "disability_type", "ประเภทความพิการ", NULL },
	[ICOL_DISABILITY_CARD_NO] = { "disability_card_no", "เลขบัตรคนพิการ",
				      "เลขบัตรประจำตัวคนพิการ", NULL },
	[ICOL_WELFARE_CARD] = { "welfare_card", "บัตรสวัสดิการแห่งรัฐ", "บัตรสวัสดิการ", NULL },
};

const char *import_col_code(enum import_col c)
{
	return c >= 0 && c < ICOL_COUNT ? names[c][0] : "";
}

const char *import_col_thai(enum import_col c)
{
	return c >= 0 && c < ICOL_COUNT ? names[c][1] : "";
}

/* Appends the normalised form of s[0..n) (see import.h) to out, at most cap-1 bytes. */
static size_t normalise(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0, k = 0;

	while (i < n && k + 4 < cap) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || c == '_' || c == '-' || c == '.' || c == '/' ||
		    c == '\r' || c == '\n') {
			i++;
		} else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
			i += 2; /* no-break space */
		} else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
			   ((unsigned char)s[i + 2] == 0x8B || (unsigned char)s[i + 2] == 0x8C ||
			    (unsigned char)s[i + 2] == 0x8D)) {
			i += 3; /* zero-width space and joiners */
		} else if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBB &&
			   (unsigned char)s[i + 2] == 0xBF) {
			i += 3; /* a byte order mark left in a cell */
		} else {
			out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
		}
	}
	out[k] = '\0';
	return k;
}

enum import_col import_col_parse(const char *s, size_t n)
{
	char want[256], have[256];
	int c, j;

	normalise(s, n, have, sizeof(have));
	if (!have[0])
		return ICOL_NONE;
	for (c = 0; c < ICOL_COUNT; c++) {
		for (j = 0; j < 8 && names[c][j]; j++) {
			normalise(names[c][j], strlen(names[c][j]), want, sizeof(want));
			if (!strcmp(want, have))
				return (enum import_col)c;
		}
	}
	return ICOL_NONE;
}

int import_policy_parse(const char *s)
{
	if (!s || !*s || !strcmp(s, "national_id"))
		return IMPORT_BY_NATIONAL_ID;
	if (!strcmp(s, "name_birth_area"))
		return IMPORT_BY_NAME_BIRTH_AREA;
	return -1;
}

const char *import_policy_code(enum import_policy p)
{
	return p == IMPORT_BY_NAME_BIRTH_AREA ? "name_birth_area" : "national_id";
}

void import_map_release(struct import_map *m)
{
	int c;

	free(m->cols);
	free(m->unknown);
	memset(m, 0, sizeof(*m));
	for (c = 0; c < ICOL_COUNT; c++)
		m->col_of[c] = -1;
}

static int missing(enum import_col c, struct import_map *m, struct err *e)
{
	import_map_release(m);
	return err_set(e, ERR_INVALID, import_col_code(c),
		       "ไม่มีคอลัมน์ %s (%s) ในแถวหัวตาราง",
		       "the header row has no %.0s%s column", import_col_thai(c),
		       import_col_code(c));
}

int import_map_header(const struct slice *cells, size_t n, enum import_policy policy,
		      struct import_map *m, struct err *e)
{
	size_t i;
	int c;

	memset(m, 0, sizeof(*m));
	for (c = 0; c < ICOL_COUNT; c++)
		m->col_of[c] = -1;
	m->cols = xcalloc(n ? n : 1, sizeof(*m->cols));
	m->unknown = xcalloc(n ? n : 1, sizeof(*m->unknown));
	m->ncols = n;
	for (i = 0; i < n; i++) {
		c = import_col_parse(cells[i].ptr, cells[i].len);
		m->cols[i] = (enum import_col)c;
		if (c == ICOL_NONE) {
			if (cells[i].len) /* a blank header cell is a blank column */
				m->unknown[m->nunknown++] = i;
			continue;
		}
		if (m->col_of[c] >= 0) {
			int r = err_set(e, ERR_INVALID, import_col_code(c),
					"คอลัมน์ %s (%s) ซ้ำในแถวหัวตาราง (คอลัมน์ %d และ %zu)",
					"the %.0s%s column appears twice in the header row (columns %d and %zu)",
					import_col_thai(c), import_col_code(c), m->col_of[c] + 1,
					i + 1);

			import_map_release(m);
			return r;
		}
		m->col_of[c] = (int)i;
	}
	if (m->col_of[ICOL_GIVEN_NAME] < 0)
		return missing(ICOL_GIVEN_NAME, m, e);
	if (m->col_of[ICOL_AREA] < 0)
		return missing(ICOL_AREA, m, e);
	if (policy == IMPORT_BY_NATIONAL_ID && m->col_of[ICOL_NATIONAL_ID] < 0)
		return missing(ICOL_NATIONAL_ID, m, e);
	if (policy == IMPORT_BY_NAME_BIRTH_AREA && m->col_of[ICOL_BIRTH_DATE] < 0)
		return missing(ICOL_BIRTH_DATE, m, e);
	return 0;
}

int import_yes_no(const char *s)
{
	static const char *const yes[] = { "yes", "y", "true", "1", "ใช่", "มี", "x" };
	static const char *const no[] = { "no", "n", "false", "0", "ไม่", "ไม่ใช่", "ไม่มี", "-" };
	char t[64];
	size_t i;

	normalise(s ? s : "", s ? strlen(s) : 0, t, sizeof(t));
	if (!t[0])
		return 0;
	for (i = 0; i < ARRAY_SIZE(yes); i++)
		if (!strcmp(t, yes[i]))
			return 1;
	for (i = 0; i < ARRAY_SIZE(no); i++)
		if (!strcmp(t, no[i]))
			return 0;
	return -1;
}

/* Windows-874 at 0x80-0xA0 (0 where the code page has no character). */
