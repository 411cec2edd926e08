/*
 * Registry rules: code tables for sex, registration status, needs,
 * disability types and target groups (each with its Thai and English name),
 * validation of a person's record and of a need, ages, target groups and
 * age bands. Pure: "today" is always a parameter.
 */
#include <ctype.h>
#include "core/person.h"
#include "core/geo.h"
#include "core/thid.h"
#include "core/thtext.h"

struct code_name {
	const char *code, *th, *en;
};

static const struct code_name sexes[] = {
	[SEX_UNKNOWN] = { "U", "ไม่ระบุ", "Not stated" },
	[SEX_MALE] = { "M", "ชาย", "Male" },
	[SEX_FEMALE] = { "F", "หญิง", "Female" },
};

static const struct code_name regs[REG_COUNT] = {
	[REG_UNKNOWN] = { "unknown", "ไม่ทราบ", "Unknown" },
	[REG_HOUSE] = { "house", "มีชื่อในทะเบียนบ้าน (ท.ร.14)", "In a house register (Tor Ror 14)" },
	[REG_NON_THAI] = { "non_thai", "ทะเบียนบ้านสำหรับผู้ไม่มีสัญชาติไทย (ท.ร.13)",
			   "Non-Thai house register (Tor Ror 13)" },
	[REG_CENTRAL] = { "central", "ทะเบียนบ้านกลาง", "Central house register" },
	[REG_NONE] = { "none", "ไม่มีสถานะทางทะเบียน", "No registration status" },
};

static const struct {
	struct code_name n;
	bool sensitive, disadvantage;
} needs[NEED_COUNT] = {
	[NEED_NONE] = { { "", "", "" }, false, false },
	[NEED_DISABILITY] = { { "disability", "ความพิการ", "Disability" }, true, true },
	[NEED_BEDRIDDEN] = { { "bedridden", "ผู้ป่วยติดเตียง", "Bedridden" }, true, true },
	[NEED_CHRONIC_ILLNESS] = { { "chronic_illness", "โรคเรื้อรัง", "Chronic illness" }, true, false },
	[NEED_ORPHAN] = { { "orphan", "เด็กกำพร้า", "Orphan" }, false, true },
	[NEED_SINGLE_PARENT] = { { "single_parent", "พ่อหรือแม่เลี้ยงเดี่ยว", "Single parent" }, false, true },
	[NEED_TEEN_MOTHER] = { { "teen_mother", "แม่วัยรุ่น", "Teen mother" }, false, true },
	[NEED_ELDERLY_ALONE] = { { "elderly_alone", "ผู้สูงอายุอยู่ลำพัง", "Elderly living alone" }, false, true },
	[NEED_STATELESS] = { { "stateless", "ไร้สัญชาติหรือไม่มีสถานะทางทะเบียน",
			       "Stateless or without registration status" }, true, true },
	[NEED_WELFARE_CARD] = { { "welfare_card", "ผู้ถือบัตรสวัสดิการแห่งรัฐ", "State welfare card holder" }, false, false },
	[NEED_LOW_INCOME] = { { "low_income", "ครัวเรือนรายได้น้อย", "Low household income" }, false, true },
	[NEED_OUT_OF_SCHOOL] = { { "out_of_school", "เด็กนอกระบบการศึกษา", "Out of school" }, false, true },
	[NEED_TRAFFICKING] = { { "trafficking", "ผู้เสียหายจากการค้ามนุษย์", "Victim of trafficking" }, true, true },
	[NEED_VIOLENCE] = { { "violence", "ผู้ถูกกระทำความรุนแรง", "Victim of violence" }, true, true },
};

static const struct code_name disabilities[DIS_COUNT] = {
	[DIS_UNKNOWN] = { "unknown", "ไม่ระบุประเภท", "Type not stated" },
	[DIS_VISUAL] = { "visual", "ทางการมองเห็น", "Visual" },
	[DIS_HEARING] = { "hearing", "ทางการได้ยินหรือสื่อความหมาย", "Hearing or communication" },
	[DIS_PHYSICAL] = { "physical", "ทางการเคลื่อนไหวหรือทางร่างกาย", "Mobility or physical" },
	[DIS_MENTAL] = { "mental", "ทางจิตใจหรือพฤติกรรม", "Mental or behavioural" },
	[DIS_INTELLECTUAL] = { "intellectual", "ทางสติปัญญา", "Intellectual" },
	[DIS_LEARNING] = { "learning", "ทางการเรียนรู้", "Learning" },
	[DIS_AUTISM] = { "autism", "ออทิสติก", "Autism" },
};

static const struct code_name groups[GROUP_COUNT] = {
	{ "child_youth", "เด็กและเยาวชน", "Children and youth" },
	{ "working_age", "วัยแรงงาน", "Working age" },
	{ "elderly", "ผู้สูงอายุ", "Elderly" },
	{ "disadvantaged", "คนพิการและผู้ด้อยโอกาส", "Disabled and disadvantaged" },
};

static const char *const relations[] = { "head", "spouse", "child", "parent", "grandchild",
					 "grandparent", "sibling", "relative", "other" };

static int parse_code(const struct code_name *t, int n, const char *s)
{
	int i;

	if (!s)
		return -1;
	for (i = 0; i < n; i++)
		if (t[i].code[0] && !strcmp(t[i].code, s))
			return i;
	return -1;
}

const char *sex_code(enum sex s)
{
	return s >= 0 && s <= SEX_FEMALE ? sexes[s].code : "U";
}

enum sex sex_parse(const char *s)
{
	if (!s || !*s)
		return SEX_UNKNOWN;
	if (!strcmp(s, "M") || !strcmp(s, "m") || !strcmp(s, "ชาย"))
		return SEX_MALE;
	if (!strcmp(s, "F") || !strcmp(s, "f") || !strcmp(s, "หญิง"))
		return SEX_FEMALE;
	if (!strcmp(s, "U") || !strcmp(s, "u"))
		return SEX_UNKNOWN;
	return (enum sex)-1;
}

const char *sex_name(enum sex s, bool thai)
{
	if (s < 0 || s > SEX_FEMALE)
		s = SEX_UNKNOWN;
	return thai ? sexes[s].th : sexes[s].en;
}

const char *reg_status_code(enum reg_status r)
{
	return r >= 0 && r < REG_COUNT ? regs[r].code : "unknown";
}

int reg_status_parse(const char *s)
{
	if (!s || !*s)
		return REG_UNKNOWN;
	return parse_code(regs, REG_COUNT, s);
}

const char *reg_status_name(enum reg_status r, bool thai)
{
	if (r < 0 || r >= REG_COUNT)
		r = REG_UNKNOWN;
	return thai ? regs[r].th : regs[r].en;
}

const char *need_kind_code(enum need_kind k)
{
	return k > NEED_NONE && k < NEED_COUNT ? needs[k].n.code : "";
}

int need_kind_parse(const char *s)
{
	int i;

	if (!s)
		return -1;
	for (i = 1; i < NEED_COUNT; i++)
		if (!strcmp(needs[i].n.code, s))
			return i;
	return -1;
}

const char *need_kind_name(enum need_kind k, bool thai)
{
	if (k <= NEED_NONE || k >= NEED_COUNT)
		return "";
	return thai ? needs[k].n.th : needs[k].n.en;
}

bool need_kind_sensitive(enum need_kind k)
{
	return k > NEED_NONE && k < NEED_COUNT && needs[k].sensitive;
}

bool need_kind_disadvantage(enum need_kind k)
{
	return k > NEED_NONE && k < NEED_COUNT && needs[k].disadvantage;
}

const char *disability_type_code(enum disability_type t)
{
	return t >= 0 && t < DIS_COUNT ? disabilities[t].code : "unknown";
}

int disability_type_parse(const char *s)
{
	if (!s || !*s)
		return DIS_UNKNOWN;
	return parse_code(disabilities, DIS_COUNT, s);
}

const char *disability_type_name(enum disability_type t, bool thai)
{
	if (t < 0 || t >= DIS_COUNT)
		t = DIS_UNKNOWN;
	return thai ? disabilities[t].th : disabilities[t].en;
}

static int group_index(enum target_group g)
{
	int i;

	for (i = 0; i < GROUP_COUNT; i++)
		if ((unsigned)g == 1u << i)
			return i;
	return -1;
}

const char *target_group_code(enum target_group g)
{
	int i = group_index(g);

	return i < 0 ? "" : groups[i].code;
}

const char *target_group_name(enum target_group g, bool thai)
{
	int i = group_index(g);

	if (i < 0)
		return "";
	return thai ? groups[i].th : groups[i].en;
}

void person_init(struct person *p)
{
	memset(p, 0, sizeof(*p));
	p->id_category = -1;
}

void person_release(struct person *p)
{
	free(p->title);
	free(p->given_name);
	free(p->family_name);
	free(p->given_name_latin);
	free(p->family_name_latin);
	free(p->name_key);
	free(p->house_no);
	free(p->cur_house_no);
	free(p->phone);
	person_init(p);
}

static bool empty(const char *s)
{
	return !s || !*s;
}

/* Copies a checked text field (max code points) into *out. */
static int text_field(const char *s, size_t max, bool required, const char *field,
		      const char *th, const char *en, char **out, struct err *e)
{
	int r;

	*out = NULL;
	if (empty(s)) {
		if (required)
			return err_set(e, ERR_INVALID, field, "กรุณากรอก%s%.0s", "%.0s%s is required",
				       th, en);
		*out = xstrdup("");
		return 0;
	}
	r = thtext_check_field(s, strlen(s), max, 0, field, e);
	if (r)
		return r;
	if (isspace((unsigned char)s[0]) || isspace((unsigned char)s[strlen(s) - 1]))
		return err_set(e, ERR_INVALID, field, "%s%.0s ขึ้นต้นหรือลงท้ายด้วยช่องว่าง",
			       "%.0s%s starts or ends with a space", th, en);
	*out = xstrdup(s);
	return 0;
}

static int date_field(const char *s, struct date today, const char *field, const char *th,
		      const char *en, struct date *out, struct err *e)
{
	static const struct date earliest = { 1880, 1, 1 };
	int r;

	memset(out, 0, sizeof(*out));
	if (empty(s))
		return 0;
	r = date_parse(s, 0, out, field, e);
	if (r)
		return r;
	if (date_cmp(*out, today) > 0) {
		memset(out, 0, sizeof(*out));
		return err_set(e, ERR_INVALID, field, "%s%.0s อยู่ในอนาคต (%s)",
			       "%.0s%s is in the future (%s)", th, en, s);
	}
	if (date_cmp(*out, earliest) < 0) {
		memset(out, 0, sizeof(*out));
		return err_set(e, ERR_INVALID, field, "%s%.0s ก่อนปี ค.ศ. 1880 (%s)",
			       "%.0s%s is before 1880 (%s)", th, en, s);
	}
	return 0;
}

static int phone_field(const char *s, char **out, struct err *e)
{
	char digits[16];
	size_t i, n = 0;

	*out = NULL;
	if (empty(s)) {
		*out = xstrdup("");
		return 0;
	}
	/* +66 8x xxx xxxx, 08x-xxx-xxxx, 02 xxx xxxx: keep the digits, Thai form. */
	i = 0;
	if (!strncmp(s, "+66", 3)) {
		digits[n++] = '0';
		i = 3;
	}
	for (; s[i]; i++) {
		if (isdigit((unsigned char)s[i])) {
			if (n >= 10)
				goto bad;
			digits[n++] = s[i];
		} else if (s[i] != ' ' && s[i] != '-') {
			goto bad;
		}
	}
	if (n < 9 || digits[0] != '0')
		goto bad;
	digits[n] = '\0';
	*out = xstrdup(digits);
	return 0;
bad:
	return err_set(e, ERR_INVALID, "phone", "หมายเลขโทรศัพท์ '%s' ไม่ถูกต้อง (เช่น 081 234 5678)",
		       "phone number '%s' is not valid (e.g. 081 234 5678)", s);
}

static int area_field(const char *s, const char *field, bool required, char out[9],
		      struct err *e)
{
	int level;

	out[0] = '\0';
	if (empty(s)) {
		if (required)
			return err_set(e, ERR_INVALID, field,
				       "กรุณาระบุตำบลหรือหมู่บ้านตามทะเบียนบ้าน%s",
				       "the tambon or village of the house registration is required%s",
				       "");
		return 0;
	}
	level = geo_level(s);
	if (level != GEO_TAMBON && level != GEO_VILLAGE)
		return err_set(e, ERR_INVALID, field,
			       "รหัสพื้นที่ '%.16s' ต้องเป็นรหัสตำบล (6 หลัก) หรือหมู่บ้าน (8 หลัก)",
			       "area '%.16s' must be a tambon (6 digits) or village (8 digits) code", s);
	snprintf(out, 9, "%s", s);
	return 0;
}

int person_validate(const struct person_in *in, struct date today, struct person *out,
		    struct err *e)
{
	struct buf key = BUF_INIT;
	int r, v;

	person_release(out);
	if (!empty(in->national_id)) {
		struct thid id;

		if ((r = thid_parse(in->national_id, &id, "national_id", e)))
			goto fail;
		memcpy(out->national_id, id.digits, sizeof(out->national_id));
		out->id_category = id.digits[0] - '0';
	}
	if ((r = text_field(in->title, 40, false, "title", "คำนำหน้า", "title", &out->title, e)) ||
	    (r = text_field(in->given_name, 100, true, "given_name", "ชื่อ", "given name",
			    &out->given_name, e)) ||
	    (r = text_field(in->family_name, 100, false, "family_name", "นามสกุล", "family name",
			    &out->family_name, e)) ||
	    (r = text_field(in->given_name_latin, 100, false, "given_name_latin",
			    "ชื่อภาษาอังกฤษ", "Latin given name", &out->given_name_latin, e)) ||
	    (r = text_field(in->family_name_latin, 100, false, "family_name_latin",
			    "นามสกุลภาษาอังกฤษ", "Latin family name", &out->family_name_latin, e)) ||
	    (r = text_field(in->house_no, 40, false, "house_no", "บ้านเลขที่", "house number",
			    &out->house_no, e)) ||
	    (r = text_field(in->cur_house_no, 40, false, "cur_house_no", "บ้านเลขที่ปัจจุบัน",
			    "current house number", &out->cur_house_no, e)))
		goto fail;
	v = sex_parse(in->sex);
	if (v < 0) {
		r = err_set(e, ERR_INVALID, "sex", "เพศ '%.16s' ไม่ถูกต้อง (M, F หรือ U)",
			    "sex '%.16s' is not valid (M, F or U)", in->sex);
		goto fail;
	}
	out->sex = (enum sex)v;
	if ((r = date_field(in->birth_date, today, "birth_date", "วันเกิด", "the birth date", &out->birth, e)) ||
	    (r = date_field(in->death_date, today, "death_date", "วันถึงแก่กรรม", "the date of death", &out->death, e)))
		goto fail;
	if (out->birth.y && out->death.y && date_cmp(out->death, out->birth) < 0) {
		r = err_set(e, ERR_INVALID, "death_date", "วันถึงแก่กรรมอยู่ก่อนวันเกิด%s",
			    "the date of death is before the date of birth%s", "");
		goto fail;
	}
	if (empty(in->nationality)) {
		out->nationality[0] = '\0';
	} else if (strlen(in->nationality) == 2 && isupper((unsigned char)in->nationality[0]) &&
		   isupper((unsigned char)in->nationality[1])) {
		memcpy(out->nationality, in->nationality, 3);
	} else {
		r = err_set(e, ERR_INVALID, "nationality",
			    "สัญชาติ '%.16s' ต้องเป็นรหัสประเทศ 2 ตัวอักษร (TH, MM, ... หรือ XX ไร้สัญชาติ)",
			    "nationality '%.16s' must be a 2-letter country code (TH, MM, ... or XX for stateless)",
			    in->nationality);
		goto fail;
	}
	v = reg_status_parse(in->reg_status);
	if (v < 0) {
		r = err_set(e, ERR_INVALID, "reg_status", "สถานะทางทะเบียน '%.20s' ไม่ถูกต้อง",
			    "registration status '%.20s' is not valid", in->reg_status);
		goto fail;
	}
	out->reg_status = (enum reg_status)v;
	if ((r = area_field(in->area, "area", true, out->area, e)) ||
	    (r = area_field(in->cur_area, "cur_area", false, out->cur_area, e)) ||
	    (r = phone_field(in->phone, &out->phone, e)))
		goto fail;
	buf_puts(&key, out->given_name);
	buf_puts(&key, out->family_name);
	{
		struct buf nk = BUF_INIT;

		if ((r = thtext_name_key(key.ptr, key.len, &nk, e))) {
			buf_release(&nk);
			goto fail;
		}
		out->name_key = buf_detach(&nk, NULL);
	}
	buf_release(&key);
	return 0;
fail:
	buf_release(&key);
	person_release(out);
	return r;
}

int person_age(const struct person *p, struct date on)
{
	int years;

	if (!p->birth.y || date_age(p->birth, on, &years, NULL))
		return -1;
	return years;
}

bool person_alive(const struct person *p, struct date on)
{
	if (p->birth.y && date_cmp(p->birth, on) > 0)
		return false;
	return !p->death.y || date_cmp(p->death, on) > 0;
}

unsigned target_group_of_age(int age)
{
	if (age < 0)
		return 0;
	if (age < 25)
		return GROUP_CHILD_YOUTH;
	if (age < 60)
		return GROUP_WORKING_AGE;
	return GROUP_ELDERLY;
}

unsigned person_groups(const struct person *p, unsigned needs_on, struct date on)
{
	unsigned g;
	int k;

	if (!person_alive(p, on))
		return 0;
	g = target_group_of_age(person_age(p, on));
	for (k = 1; k < NEED_COUNT; k++)
		if ((needs_on & (1u << k)) && need_kind_disadvantage((enum need_kind)k))
			g |= GROUP_DISADVANTAGED;
	return g;
}

int age_band(int age)
{
	if (age < 0)
		return -1;
	return age >= 80 ? AGE_BANDS - 1 : age / 5;
}

const char *age_band_label(int band)
{
	static const char *const labels[AGE_BANDS] = {
		"0-4",	 "5-9",	  "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44",
		"45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80+",
	};

	return band >= 0 && band < AGE_BANDS ? labels[band] : "";
}

int relation_check(const char *rel, struct err *e)
{
	size_t i;

	for (i = 0; rel && i < ARRAY_SIZE(relations); i++)
		if (!strcmp(rel, relations[i]))
			return 0;
	return err_set(e, ERR_INVALID, "relation",
		       "ความสัมพันธ์กับหัวหน้าครัวเรือน '%.16s' ไม่ถูกต้อง",
		       "relation to the household head '%.16s' is not valid (head, spouse, child, parent, grandchild, grandparent, sibling, relative, other)",
		       rel ? rel : "");
}

void need_release(struct need *n)
{
	free(n->note);
	memset(n, 0, sizeof(*n));
}

int need_validate(const struct need_in *in, struct date today, struct need *out, struct err *e)
{
	static const char *const sources[] = { "survey", "visit", "import", "office", "card" };
	size_t i;
	int k, r;

	need_release(out);
	k = need_kind_parse(in->kind);
	if (k < 0)
		return err_set(e, ERR_INVALID, "kind", "ไม่รู้จักประเภทความต้องการ '%.24s'",
			       "unknown kind of need '%.24s'", in->kind ? in->kind : "");
	out->kind = (enum need_kind)k;
	if (empty(in->observed_on))
		return err_set(e, ERR_INVALID, "observed_on", "กรุณาระบุวันที่พบข้อมูล%s",
			       "the date the need was observed is required%s", "");
	if ((r = date_field(in->observed_on, today, "observed_on", "วันที่พบข้อมูล",
			    "the date observed", &out->observed_on, e)) ||
	    (r = date_field(in->ended_on, today, "ended_on", "วันที่สิ้นสุด", "the end date", &out->ended_on, e)))
		goto fail;
	if (out->ended_on.y && date_cmp(out->ended_on, out->observed_on) < 0) {
		r = err_set(e, ERR_INVALID, "ended_on", "วันที่สิ้นสุดอยู่ก่อนวันที่พบข้อมูล%s",
			    "the end date is before the date observed%s", "");
		goto fail;
	}
	snprintf(out->source, sizeof(out->source), "%s", empty(in->source) ? "office" : in->source);
	for (i = 0; i < ARRAY_SIZE(sources); i++)
		if (!strcmp(out->source, sources[i]))
			break;
	if (i == ARRAY_SIZE(sources)) {
		r = err_set(e, ERR_INVALID, "source",
			    "แหล่งข้อมูล '%.16s' ไม่ถูกต้อง (survey, visit, import, office, card)",
			    "source '%.16s' is not valid (survey, visit, import, office, card)",
			    in->source);
		goto fail;
	}
	if (out->kind == NEED_DISABILITY) {
		int t = disability_type_parse(in->disability_type);

		if (t < 0) {
			r = err_set(e, ERR_INVALID, "disability_type",
				    "ประเภทความพิการ '%.16s' ไม่ถูกต้อง",
				    "disability type '%.16s' is not valid", in->disability_type);
			goto fail;
		}
		out->disability_type = (enum disability_type)t;
		if (!empty(in->card_no)) {
			if (strlen(in->card_no) >= sizeof(out->card_no) ||
			    thtext_check_field(in->card_no, strlen(in->card_no), 30, 0, "card_no", e)) {
				r = err_set(e, ERR_INVALID, "card_no",
					    "เลขบัตรคนพิการไม่ถูกต้อง%s",
					    "the disability card number is not valid%s", "");
				goto fail;
			}
			snprintf(out->card_no, sizeof(out->card_no), "%s", in->card_no);
		}
		if ((r = date_field(in->card_issued, today, "card_issued", "วันออกบัตร",
				    "the card's issue date", &out->card_issued, e)))
			goto fail;
		if (!empty(in->card_expires) &&
		    (r = date_parse(in->card_expires, 0, &out->card_expires, "card_expires", e)))
			goto fail;
		if (out->card_issued.y && out->card_expires.y &&
		    date_cmp(out->card_expires, out->card_issued) <= 0) {
			r = err_set(e, ERR_INVALID, "card_expires", "วันบัตรหมดอายุต้องอยู่หลังวันออกบัตร%s",
				    "the card's expiry must be after its issue date%s", "");
			goto fail;
		}
	} else if (!empty(in->card_no) || !empty(in->disability_type)) {
		r = err_set(e, ERR_INVALID, "card_no", "ข้อมูลบัตรคนพิการใช้กับความพิการเท่านั้น%s",
			    "disability card details belong only to a disability%s", "");
		goto fail;
	}
	if (!empty(in->note)) {
		if ((r = thtext_check_field(in->note, strlen(in->note), 500, THTEXT_MULTILINE, "note",
					    e)))
			goto fail;
		out->note = xstrdup(in->note);
	}
	return 0;
fail:
	need_release(out);
	return r;
}

bool need_active(const struct need *n, struct date on)
{
	if (date_cmp(n->observed_on, on) > 0)
		return false;
	return !n->ended_on.y || date_cmp(n->ended_on, on) > 0;
}

bool need_disability_without_card(const struct need *n, struct date on)
{
	if (n->kind != NEED_DISABILITY)
		return false;
	if (!n->card_no[0])
		return true;
	return n->card_expires.y && date_cmp(n->card_expires, on) <= 0;
}
