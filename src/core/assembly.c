/*
 * Welfare assembly rules as data: the code tables (levels, agenda kinds,
 * roles, statuses), the proposal's road with its one-step-at-a-time check,
 * and the invitation quota an area of origin falls under. See the header
 * for the road's diagram. Nothing here reads the database or the clock.
 */
#include "core/assembly.h"
#include "core/geo.h"
#include "core/thtext.h"
#include "lib/util.h"

const struct asm_code asm_levels[] = {
	{ "tambon", "ระดับตำบล", "Tambon" },
	{ "district", "ระดับอำเภอ", "District" },
	{ "province", "ระดับจังหวัด", "Province" },
	{ "cluster", "ระดับกลุ่มจังหวัด", "Provincial cluster" },
	{ "region", "ระดับภาค", "Region" },
	{ "national", "ระดับชาติ", "National" },
	{ NULL, NULL, NULL },
};

const struct asm_code asm_agenda_kinds[] = {
	{ "lecture", "บรรยาย", "Lecture" },
	{ "panel", "เสวนา", "Panel" },
	{ "breakout", "กลุ่มย่อย", "Breakout group" },
	{ "other", "อื่น ๆ", "Other" },
	{ NULL, NULL, NULL },
};

const struct asm_code asm_roles[] = {
	{ "participant", "ผู้เข้าร่วม", "Participant" },
	{ "speaker", "วิทยากร", "Speaker" },
	{ "organiser", "ผู้จัด", "Organiser" },
	{ "observer", "ผู้สังเกตการณ์", "Observer" },
	{ NULL, NULL, NULL },
};

const struct asm_code asm_commitment_kinds[] = {
	{ "strategy", "ยุทธศาสตร์", "Strategy" },
	{ "commitment", "ปฏิญญา/ข้อตกลง", "Commitment" },
	{ NULL, NULL, NULL },
};

const struct asm_code asm_statuses[] = {
	{ "proposed", "เสนอในเวที", "Proposed" },
	{ "submitted", "ยื่นต่อหน่วยงานแล้ว", "Submitted" },
	{ "adopted", "บรรจุในแผน/ข้อบัญญัติ", "Adopted" },
	{ "funded", "ได้รับงบประมาณ", "Funded" },
	{ "implemented", "ดำเนินการแล้ว", "Implemented" },
	{ "declined", "ไม่ได้รับการพิจารณา", "Declined" },
	{ NULL, NULL, NULL },
};

const struct asm_code asm_adopted_into[] = {
	{ "provincial_plan", "แผนพัฒนาจังหวัด", "Provincial plan" },
	{ "local_ordinance", "ข้อบัญญัติงบประมาณท้องถิ่น", "Local budget ordinance" },
	{ NULL, NULL, NULL },
};

const struct asm_code asm_event_statuses[] = {
	{ "planned", "กำลังเตรียมงาน", "Planned" },
	{ "held", "จัดแล้ว", "Held" },
	{ "cancelled", "ยกเลิก", "Cancelled" },
	{ NULL, NULL, NULL },
};

const struct asm_code asm_target_groups[] = {
	{ "child_youth", "เด็กและเยาวชน", "Children and youth" },
	{ "working_age", "วัยทำงาน", "Working age" },
	{ "elderly", "ผู้สูงอายุ", "Elderly" },
	{ "disadvantaged", "คนพิการและผู้ด้อยโอกาส", "Disabled and disadvantaged" },
	{ NULL, NULL, NULL },
};

const struct asm_code *asm_code_find(const struct asm_code *t, const char *code)
{
	for (; code && t->code; t++)
		if (!strcmp(t->code, code))
			return t;
	return NULL;
}

const char *asm_code_name(const struct asm_code *t, const char *code, bool thai)
{
	const struct asm_code *c = asm_code_find(t, code);

	if (!c)
		return code ? code : "";
	return thai ? c->th : c->en;
}

int asm_code_check(const struct asm_code *t, const char *code, const char *field,
		   const char *what_th, const char *what_en, struct err *e)
{
	if (asm_code_find(t, code))
		return 0;
	return err_set(e, ERR_INVALID, field, "%s%.0s ไม่ถูกต้อง: \"%.40s\"",
		       "invalid %.0s%s: \"%.40s\"", what_th, what_en, code ? code : "");
}

int asm_level_check(const char *level, const char *area, const char *group_code,
		    struct err *e)
{
	static const struct {
		const char *level;
		int geo;
	} fixed[] = { { "tambon", GEO_TAMBON }, { "district", GEO_DISTRICT },
		      { "province", GEO_PROVINCE } };
	const char *lv = level ? level : "";

	if (!asm_code_find(asm_levels, lv))
		return err_set(e, ERR_INVALID, "level", "ระดับของเวทีไม่ถูกต้อง: \"%.20s\"",
			       "unknown assembly level \"%.20s\"", lv);
	for (size_t i = 0; i < ARRAY_SIZE(fixed); i++)
		if (!strcmp(lv, fixed[i].level)) {
			if (!area || !geo_code_valid(area) || geo_level(area) != fixed[i].geo)
				return err_set(e, ERR_INVALID, "area",
					       "เวที%.0s%s ต้องระบุรหัสพื้นที่ระดับเดียวกัน (ได้ \"%.16s\")",
					       "a %s%.0s assembly needs an area code of that level (got \"%.16s\")",
					       lv, asm_code_name(asm_levels, lv, true),
					       area ? area : "");
			return 0;
		}
	if (area && *area && strcmp(area, "TH"))
		return err_set(e, ERR_INVALID, "area",
			       "เวทีระดับ%.0s%s เป็นของส่วนกลาง: พื้นที่ต้องเป็น TH",
			       "a %s%.0s assembly belongs to the nation: its area must be TH", lv,
			       asm_code_name(asm_levels, lv, true));
	if (strcmp(lv, "national") && (!group_code || !*group_code))
		return err_set(e, ERR_INVALID, "group_code",
			       "กรุณาระบุกลุ่มจังหวัดหรือภาค%s",
			       "name the provincial cluster or region%s", "");
	return 0;
}

int asm_status_rank(const char *status)
{
	for (int i = 0; asm_statuses[i].code; i++)
		if (status && !strcmp(asm_statuses[i].code, status))
			return i;
	return -1;
}

bool asm_status_final(const char *status)
{
	return status && (!strcmp(status, "implemented") || !strcmp(status, "declined"));
}

const char *asm_next_status(const char *from)
{
	int r = asm_status_rank(from);

	if (r < 0 || r >= 4)
		return "";
	return asm_statuses[r + 1].code;
}

int asm_step_check(const char *from, const char *to, struct err *e)
{
	int rf = asm_status_rank(from), rt = asm_status_rank(to);

	if (rf < 0 || rt < 0)
		return err_set(e, ERR_INVALID, "status", "สถานะไม่ถูกต้อง: \"%.20s\"",
			       "unknown status \"%.20s\"", rt < 0 ? (to ? to : "") : from);
	if (asm_status_final(from))
		return err_set(e, ERR_CONFLICT, "status",
			       "ข้อเสนอนี้สิ้นสุดแล้ว (%s) เปลี่ยนสถานะอีกไม่ได้%.0s",
			       "this proposal has ended (%.0s%s); its status cannot change",
			       asm_statuses[rf].th, asm_statuses[rf].en);
	if (!strcmp(to, "declined") || rt == rf + 1)
		return 0;
	return err_set(e, ERR_CONFLICT, "status",
		       "ข้ามขั้นไม่ได้: จาก \"%s\" ขั้นต่อไปคือ \"%s\"%.0s%.0s",
		       "a proposal cannot skip a state: after \"%.0s%.0s%s\" comes \"%s\"",
		       asm_statuses[rf].th, asm_statuses[rf + 1].th, asm_statuses[rf].en,
		       asm_statuses[rf + 1].en);
}

int asm_check_text(const char *s, size_t max, bool required, bool multiline, const char *field,
		   struct err *e)
{
	size_t n = s ? strlen(s) : 0;

	if (!n) {
		if (!required)
			return 0;
		return err_set(e, ERR_INVALID, field, "กรุณากรอก %s", "%s is required", field);
	}
	if (n > max)
		return err_set(e, ERR_INVALID, field, "%s ยาวเกิน %d ไบต์",
			       "%s is longer than %d bytes", field, (int)max);
	if (!thtext_utf8_valid(s, n))
		return err_set(e, ERR_INVALID, field, "%s ไม่ใช่ข้อความ UTF-8",
			       "%s is not UTF-8 text", field);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f)
			return err_set(e, ERR_INVALID, field, "%s มีอักขระควบคุม",
				       "%s holds a control character", field);
	}
	return 0;
}

int asm_check_time(const char *s, const char *field, struct err *e)
{
	if (!s || !*s)
		return 0;
	if (strlen(s) == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' &&
	    s[1] <= '9' && s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9' &&
	    (s[0] - '0') * 10 + (s[1] - '0') < 24)
		return 0;
	return err_set(e, ERR_INVALID, field, "เวลาต้องเป็น ชช:นน (เช่น 09:30)%s",
		       "a time is HH:MM (such as 09:30)%s", "");
}

int asm_quota_of(const char *const *areas, size_t n, const char *origin)
{
	int best = -1;
	size_t best_len = 0;

	for (size_t i = 0; origin && i < n; i++) {
		const char *a = areas[i];
		size_t len = !strcmp(a, "TH") ? 0 : strlen(a);

		if ((len == 0 || !strncmp(origin, a, len)) && (best < 0 || len > best_len)) {
			best = (int)i;
			best_len = len;
		}
	}
	return best;
}
