/*
 * Thai national ID numbers: normalising what people type, the check digit,
 * plausibility and what the first digits say about registration.
 *
 * What it does not do: look a number up anywhere, or decide anyone's
 * nationality. The first digit gives a registration category that allows
 * several statuses (see thid.h); the legal status recorded for the person is
 * what eligibility rules must use. The province table is the 77 codes of TIS
 * 1099 (Bangkok 10 to Narathiwat 96), including Bueng Kan (38, since 2011);
 * district offices and their numbering are the geography module's business.
 *
 * Invariants: a struct thid filled by thid_parse always holds 13 ASCII
 * digits with a correct check digit; on failure it is all zero.
 */
#include "core/thid.h"
#include "core/geo.h"
#include "core/thtext.h"

/* The 77 province codes are the geography module's one table. */
bool thid_province_known(int code)
{
	char two[3];

	if (code < 0 || code > 99)
		return false;
	two[0] = (char)('0' + code / 10);
	two[1] = (char)('0' + code % 10);
	two[2] = '\0';
	return geo_province_known(two);
}

int thid_normalize(const char *in, char out[THID_LEN + 1], const char *field, struct err *e)
{
	size_t n = strlen(in), pos = 0, at, chars = 0, digits = 0;
	uint32_t cp;
	int rc;

	while (pos < n) {
		at = pos;
		if (thtext_utf8_next(in, n, &pos, &cp)) {
			rc = err_set(e, ERR_INVALID, field,
				     "เลขประจำตัวประชาชนมีอักขระที่อ่านไม่ได้ที่ไบต์ที่ %zu",
				     "the national ID has an unreadable character at byte %zu", at + 1);
			goto fail;
		}
		chars++;
		if (cp == ' ' || cp == '-')
			continue;
		if (cp > '9' && thtext_digit_value(cp) >= 0) {
			rc = err_set(e, ERR_INVALID, field,
				     "เลขประจำตัวประชาชนต้องเขียนด้วยเลขอารบิก 0-9 (ตัวที่ %zu เป็นเลขไทย)",
				     "write the national ID with the digits 0-9 (character %zu is a Thai digit)",
				     chars);
			goto fail;
		}
		if (cp < '0' || cp > '9') {
			rc = err_set(e, ERR_INVALID, field,
				     "เลขประจำตัวประชาชนมีได้แต่ตัวเลข (ตัวที่ %zu ไม่ใช่ตัวเลข)",
				     "the national ID may contain only digits (character %zu is not a digit)",
				     chars);
			goto fail;
		}
		if (digits < THID_LEN)
			out[digits] = (char)cp;
		digits++;
	}
	if (digits == 0) {
		rc = err_set(e, ERR_INVALID, field, "กรุณากรอกเลขประจำตัวประชาชน 13 หลัก",
			     "enter the 13-digit national ID");
		goto fail;
	}
	if (digits != THID_LEN) {
		rc = err_set(e, ERR_INVALID, field,
			     "เลขประจำตัวประชาชนต้องมี 13 หลัก (กรอกมา %zu หลัก)",
			     "the national ID must have 13 digits (got %zu)", digits);
		goto fail;
	}
	out[THID_LEN] = '\0';
	return 0;
fail:
	out[0] = '\0';
	return rc;
}

int thid_check_digit(const char *d)
{
	int i, sum = 0;

	for (i = 0; i < 12; i++)
		sum += (d[i] - '0') * (13 - i);
	return (11 - sum % 11) % 10;
}

static unsigned statuses_of(enum thid_category c)
{
	switch (c) {
	case THID_CAT_NO_STATUS: return THID_MAY_BE_STATELESS;
	case THID_CAT_BIRTH:
	case THID_CAT_LATE_BIRTH:
	case THID_CAT_ADDED_LATER: return THID_MAY_BE_THAI;
	case THID_CAT_REGISTER_1984:
	case THID_CAT_MOVED_IN: return THID_MAY_BE_THAI | THID_MAY_BE_LEGACY_ALIEN;
	case THID_CAT_ENTRANT:
	case THID_CAT_CHILD_OF_6: return THID_MAY_BE_NON_THAI;
	case THID_CAT_ALIEN: return THID_MAY_BE_ALIEN_RESIDENT | THID_MAY_BE_NATURALISED;
	case THID_CAT_RESERVED: return 0;
	}
	return 0;
}

static unsigned hints_of(enum thid_category c, int group)
{
	unsigned h = 0;

	if (c == THID_CAT_NO_STATUS && group == 89)
		h |= THID_HINT_SURVEY_2005;
	if ((c == THID_CAT_ADDED_LATER || c == THID_CAT_ENTRANT || c == THID_CAT_ALIEN) &&
	    group >= 50 && group <= 72)
		h |= THID_HINT_MINORITY;
	if (c == THID_CAT_ENTRANT && group == 0)
		h |= THID_HINT_VISA;
	return h;
}

int thid_parse(const char *in, struct thid *id, const char *field, struct err *e)
{
	int rc, want;

	memset(id, 0, sizeof(*id));
	rc = thid_normalize(in, id->digits, field, e);
	if (rc)
		goto fail;
	want = thid_check_digit(id->digits);
	if (id->digits[12] - '0' != want) {
		rc = err_set(e, ERR_INVALID, field,
			     "เลขประจำตัวประชาชนไม่ถูกต้อง: หลักสุดท้าย (เลขตรวจสอบ) ควรเป็น %d ไม่ใช่ %c",
			     "the national ID is not valid: the last (check) digit should be %d, not %c",
			     want, id->digits[12]);
		goto fail;
	}
	id->category = (enum thid_category)(id->digits[0] - '0');
	id->province = (id->digits[1] - '0') * 10 + (id->digits[2] - '0');
	id->statuses = statuses_of(id->category);
	id->hints = hints_of(id->category, (id->digits[5] - '0') * 10 + (id->digits[6] - '0'));
	if (id->category == THID_CAT_RESERVED)
		id->flags |= THID_FLAG_RESERVED;
	if (!thid_province_known(id->province))
		id->flags |= THID_FLAG_UNKNOWN_PROVINCE;
	return 0;
fail:
	memset(id, 0, sizeof(*id));
	return rc;
}

int thid_check_plausible(const struct thid *id, const char *field, struct err *e)
{
	if (id->flags & THID_FLAG_RESERVED)
		return err_set(e, ERR_INVALID, field,
			       "เลขประจำตัวประชาชนที่ขึ้นต้นด้วย 9 เป็นเลขสงวน ไม่ออกให้บุคคลทั่วไป",
			       "national IDs starting with 9 are reserved and not issued to the public");
	if (id->flags & THID_FLAG_UNKNOWN_PROVINCE)
		return err_set(e, ERR_INVALID, field,
			       "หลักที่ 2-3 ของเลขประจำตัวประชาชน (%02d) ไม่ใช่รหัสจังหวัด",
			       "digits 2-3 of the national ID (%02d) are not a province code",
			       id->province);
	return 0;
}

int thid_format(const struct thid *id, struct buf *out, struct err *e)
{
	const char *d = id->digits;

	if (buf_printf(out, "%.1s-%.4s-%.5s-%.2s-%.1s", d, d + 1, d + 5, d + 10, d + 12))
		return err_set(e, ERR_TOO_LARGE, "", "ผลลัพธ์ยาวเกินที่กำหนด",
			       "the result is longer than allowed");
	return 0;
}

const char *thid_category_name(enum thid_category c, bool thai)
{
	switch (c) {
	case THID_CAT_NO_STATUS:
		return thai ? "บุคคลที่ไม่มีสถานะทางทะเบียน"
			    : "no registration status (stateless)";
	case THID_CAT_BIRTH:
		return thai ? "คนไทยที่แจ้งเกิดภายในกำหนด (ตั้งแต่ 1 ม.ค. 2527)"
			    : "Thai, birth registered on time (from 1 January 1984)";
	case THID_CAT_LATE_BIRTH:
		return thai ? "คนไทยที่แจ้งเกิดเกินกำหนด" : "Thai, birth registered late";
	case THID_CAT_REGISTER_1984:
		return thai ? "มีชื่อในทะเบียนบ้านเมื่อเริ่มให้เลข (ถึง 31 พ.ค. 2527) เป็นคนไทยหรือคนต่างด้าว"
			    : "in a house register when numbers began (to 31 May 1984): Thai or alien";
	case THID_CAT_MOVED_IN:
		return thai ? "ย้ายเข้าทะเบียนบ้านในช่วงเริ่มให้เลขโดยยังไม่มีเลข เป็นคนไทยหรือคนต่างด้าว"
			    : "moved into a house register when numbers began, without one: Thai or alien";
	case THID_CAT_ADDED_LATER:
		return thai ? "เพิ่มชื่อเข้าทะเบียนบ้านภายหลัง (ตกสำรวจ)"
			    : "added to a house register later (missed at the start)";
	case THID_CAT_ENTRANT:
		return thai ? "ผู้เข้าเมืองโดยไม่ชอบด้วยกฎหมายหรืออยู่ชั่วคราว"
			    : "illegal entrant or temporary resident";
	case THID_CAT_CHILD_OF_6:
		return thai ? "บุตรของบุคคลประเภท 6 ที่เกิดในประเทศไทย"
			    : "child of a category-6 person, born in Thailand";
	case THID_CAT_ALIEN:
		return thai ? "คนต่างด้าวที่มีถิ่นที่อยู่ หรือผู้ได้รับสัญชาติไทยโดยการแปลงสัญชาติ"
			    : "alien resident, or naturalised Thai";
	case THID_CAT_RESERVED:
		return thai ? "เลขสงวน" : "reserved";
	}
	return "";
}

const char *thid_status_name(enum thid_status s, bool thai)
{
	switch (s) {
	case THID_MAY_BE_THAI: return thai ? "สัญชาติไทย" : "Thai national";
	case THID_MAY_BE_LEGACY_ALIEN:
		return thai ? "คนต่างด้าวที่อยู่ในทะเบียนตั้งแต่เริ่มให้เลข"
			    : "alien registered when numbers began";
	case THID_MAY_BE_NON_THAI:
		return thai ? "ไม่ใช่สัญชาติไทย (ผู้เข้าเมืองหรือบุตร)"
			    : "not Thai (entrant or their child)";
	case THID_MAY_BE_ALIEN_RESIDENT:
		return thai ? "คนต่างด้าวที่มีถิ่นที่อยู่" : "alien resident";
	case THID_MAY_BE_NATURALISED: return thai ? "แปลงสัญชาติเป็นไทย" : "naturalised Thai";
	case THID_MAY_BE_STATELESS:
		return thai ? "ไม่มีสถานะทางทะเบียน" : "no registration status";
	}
	return "";
}
