/*
 * Area codes: syntax, levels, parents and scope tests (see geo.h).
 *
 * A code is "TH" or 2, 4, 6 or 8 ASCII digits whose first two are one of the
 * 77 province codes of TIS 1099 / DOPA. Every function here first decides
 * whether its input is a code with geo_level, so an invalid code can never
 * slip through as a prefix: a scope of "1" is not a code and covers nothing,
 * where a bare prefix test would let it cover provinces 10 to 19.
 *
 * The province list is the one fixed table; it changes only when Thailand
 * creates a province (the last was Bueng Kan, 38, in 2011).
 */
#include "core/geo.h"

static const char province_codes[][3] = {
	"10", "11", "12", "13", "14", "15", "16", "17", "18", "19",
	"20", "21", "22", "23", "24", "25", "26", "27",
	"30", "31", "32", "33", "34", "35", "36", "37", "38", "39",
	"40", "41", "42", "43", "44", "45", "46", "47", "48", "49",
	"50", "51", "52", "53", "54", "55", "56", "57", "58",
	"60", "61", "62", "63", "64", "65", "66", "67",
	"70", "71", "72", "73", "74", "75", "76", "77",
	"80", "81", "82", "83", "84", "85", "86",
	"90", "91", "92", "93", "94", "95", "96",
};

/* Level names for messages: Thai, English. */
static const char *const level_th[] = { "ประเทศ", "จังหวัด", "อำเภอ/เขต", "ตำบล/แขวง", "หมู่บ้าน" };
static const char *const level_en[] = { "nation", "province", "district", "tambon", "village" };

int geo_province_count(void)
{
	return (int)ARRAY_SIZE(province_codes);
}

const char *geo_province_code(int i)
{
	if (i < 0 || i >= geo_province_count())
		return NULL;
	return province_codes[i];
}

bool geo_province_known(const char *code)
{
	size_t i;

	if (!code || !code[0] || !code[1])
		return false;
	for (i = 0; i < ARRAY_SIZE(province_codes); i++)
		if (code[0] == province_codes[i][0] && code[1] == province_codes[i][1])
			return true;
	return false;
}

static bool all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

int geo_level(const char *code)
{
	size_t n;

	if (!code)
		return -1;
	if (!strcmp(code, GEO_NATION_CODE))
		return GEO_NATION;
	n = strnlen(code, GEO_CODE_SIZE);
	if (n == 0 || n > 8 || n % 2)
		return -1;
	if (!all_digits(code, n) || !geo_province_known(code))
		return -1;
	return (int)(n / 2);
}

bool geo_code_valid(const char *code)
{
	return geo_level(code) >= 0;
}

const char *geo_level_name(int level)
{
	if (level < GEO_NATION || level > GEO_VILLAGE)
		return "invalid";
	return level_en[level];
}

/*
 * A copy of untrusted input that is safe to put in a message: at most 16
 * bytes, anything but printable ASCII shown as '?', "..." when cut. A code
 * is printable ASCII, so a real code always shows as typed.
 */
static void shown(const char *s, char out[24])
{
	size_t i;

	for (i = 0; s[i] && i < 16; i++)
		out[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	if (s[i]) {
		memcpy(out + i, "...", 3);
		i += 3;
	}
	out[i] = '\0';
}

int geo_code_check(const char *code, const char *field, struct err *e)
{
	char s[24];
	size_t n;

	if (!code || !code[0])
		return err_set(e, ERR_INVALID, field, "ไม่ได้ระบุรหัสพื้นที่", "no area code given");
	if (geo_level(code) >= 0)
		return 0;
	shown(code, s);
	n = strlen(code);
	if (!all_digits(code, n))
		return err_set(e, ERR_INVALID, field,
			       "รหัสพื้นที่ \"%s\" ไม่ถูกต้อง: ต้องเป็น TH หรือตัวเลข 2, 4, 6 หรือ 8 หลัก",
			       "area code \"%s\" is invalid: it must be TH or 2, 4, 6 or 8 digits", s);
	if (n > 8 || n % 2)
		return err_set(e, ERR_INVALID, field,
			       "รหัสพื้นที่ \"%s\" มี %zu หลัก: ต้องมี 2 (จังหวัด), 4 (อำเภอ), 6 (ตำบล) หรือ 8 หลัก (หมู่บ้าน)",
			       "area code \"%s\" has %zu digits; it must have 2 (province), 4 (district), 6 (tambon) or 8 (village)",
			       s, n);
	return err_set(e, ERR_INVALID, field, "รหัสพื้นที่ \"%s\" ไม่ถูกต้อง: ไม่มีจังหวัดรหัส %.2s",
		       "area code \"%s\" is invalid: no province has code %.2s", s, code);
}

int geo_code_check_level(const char *code, int level, const char *field, struct err *e)
{
	char th[256], en[256];
	int r, l;

	if (level < GEO_NATION || level > GEO_VILLAGE)
		return err_set(e, ERR_INTERNAL, field, "ระดับพื้นที่ %d ไม่มีอยู่จริง",
			       "area level %d does not exist", level);
	r = geo_code_check(code, field, e);
	if (r)
		return r;
	l = geo_level(code);
	if (l == level)
		return 0;
	snprintf(th, sizeof(th), "รหัส \"%s\" เป็นรหัส%s ไม่ใช่รหัส%s", code, level_th[l],
		 level_th[level]);
	snprintf(en, sizeof(en), "\"%s\" is a %s code, not a %s code", code, level_en[l],
		 level_en[level]);
	/* err_set's two formats share one argument list: each prints its own. */
	return err_set(e, ERR_INVALID, field, "%s%.0s", "%.0s%s", th, en);
}

int geo_parent_code(const char *code, char out[GEO_CODE_SIZE])
{
	int l = geo_level(code);

	out[0] = '\0';
	if (l < 0)
		return ERR_INVALID;
	if (l == GEO_NATION)
		return ERR_NOT_FOUND;
	return geo_code_at_level(code, l - 1, out);
}

int geo_code_at_level(const char *code, int level, char out[GEO_CODE_SIZE])
{
	int l = geo_level(code);

	out[0] = '\0';
	if (l < 0 || level < GEO_NATION || level > l)
		return ERR_INVALID;
	if (level == GEO_NATION) {
		memcpy(out, GEO_NATION_CODE, sizeof(GEO_NATION_CODE));
		return 0;
	}
	memcpy(out, code, (size_t)level * 2);
	out[level * 2] = '\0';
	return 0;
}

bool geo_in_scope(const char *scope, const char *code)
{
	int ls = geo_level(scope), lc = geo_level(code);

	if (ls < 0 || lc < 0)
		return false;
	if (ls == GEO_NATION)
		return true;
	if (lc < ls)
		return false;
	return memcmp(scope, code, (size_t)ls * 2) == 0;
}

int geo_village_code(const char *tambon, int seq, char out[GEO_CODE_SIZE])
{
	out[0] = '\0';
	if (geo_level(tambon) != GEO_TAMBON || seq < 1 || seq > GEO_VILLAGE_MAX)
		return ERR_INVALID;
	snprintf(out, GEO_CODE_SIZE, "%s%02d", tambon, seq);
	return 0;
}

bool geo_region_valid(const char *code)
{
	static const char *const regions[] = { "north", "northeast", "central",
					       "east",  "west",      "south" };

	for (size_t i = 0; code && i < ARRAY_SIZE(regions); i++)
		if (!strcmp(code, regions[i]))
			return true;
	return false;
}
