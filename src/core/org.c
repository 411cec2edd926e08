/*
 * Organisation kinds: codes, names and who may apply for a grant. The table
 * is the policy; names follow the sources' Thai terms (DOMAIN.md §2).
 */
#include "core/org.h"
#include "core/thtext.h"

static const struct {
	const char *code, *th, *en;
	bool grant;        /* may apply without a certificate */
	bool grant_cert;   /* may apply with a public-benefit certificate */
} kinds[ORG_KIND_COUNT] = {
	[ORG_YOUTH_COUNCIL] = { "youth_council", "สภาเด็กและเยาวชน", "Children and youth council", false,
				false },
	[ORG_WOMEN] = { "women", "องค์กรพัฒนาสตรี", "Women's development organisation", false, true },
	[ORG_ELDERLY_CLUB] = { "elderly_club", "ชมรมผู้สูงอายุ (ธนาคารสมอง)", "Elderly club (brain bank)",
			       false, true },
	[ORG_PUBLIC_BENEFIT] = { "public_benefit", "องค์กรสาธารณประโยชน์",
				 "Public-benefit organisation", false, true },
	[ORG_COMMUNITY_WELFARE] = { "community_welfare", "องค์กรสวัสดิการชุมชน",
				    "Community welfare organisation", true, true },
	[ORG_DISABLED] = { "disabled", "องค์กรคนพิการ", "Disabled persons' organisation", false, true },
	[ORG_VOLUNTEER_GROUP] = { "volunteer_group", "กลุ่มอาสาสมัคร", "Volunteer group", false, true },
	[ORG_LOCAL_GOVERNMENT] = { "local_government", "องค์กรปกครองส่วนท้องถิ่น", "Local government",
				   true, true },
	[ORG_GOVERNMENT_OFFICE] = { "government_office", "หน่วยงานของรัฐ", "Government office", true,
				    true },
	[ORG_COMPANY] = { "company", "บริษัทเอกชน", "Private company", false, false },
	[ORG_FOUNDATION] = { "foundation", "มูลนิธิ", "Foundation", false, true },
};

const char *org_kind_code(enum org_kind k)
{
	return k >= ORG_YOUTH_COUNCIL && k < ORG_KIND_COUNT ? kinds[k].code : "";
}

int org_kind_parse(const char *s)
{
	int i;

	for (i = ORG_YOUTH_COUNCIL; s && i < ORG_KIND_COUNT; i++)
		if (!strcmp(s, kinds[i].code))
			return i;
	return -1;
}

const char *org_kind_name(enum org_kind k, bool thai)
{
	if (k < ORG_YOUTH_COUNCIL || k >= ORG_KIND_COUNT)
		return "";
	return thai ? kinds[k].th : kinds[k].en;
}

int org_may_apply_grant(enum org_kind k, const char *cert_no, struct err *e)
{
	if (k < ORG_YOUTH_COUNCIL || k >= ORG_KIND_COUNT)
		return err_set(e, ERR_INVALID, "kind", "ไม่รู้จักประเภทองค์กร", "unknown organisation kind");
	if (kinds[k].grant)
		return 0;
	if (kinds[k].grant_cert && cert_no && cert_no[0])
		return 0;
	if (kinds[k].grant_cert)
		return err_set(e, ERR_FORBIDDEN, "cert_no",
			       "%s%.0s ต้องได้รับรองเป็นองค์กรสาธารณประโยชน์ก่อนจึงขอรับทุนได้",
			       "%.0s%s must be certified as a public-benefit organisation to apply",
			       kinds[k].th, kinds[k].en);
	return err_set(e, ERR_FORBIDDEN, "kind", "%s%.0s ขอรับทุนจากกองทุนส่งเสริมการจัดสวัสดิการสังคมไม่ได้",
		       "%.0s%s may not apply to the Social Welfare Promotion Fund", kinds[k].th,
		       kinds[k].en);
}

int org_check_name(const char *name, const char *field, struct err *e)
{
	size_t i, n = name ? strlen(name) : 0;

	if (n == 0 || n > 255)
		return err_set(e, ERR_INVALID, field, "ชื่อต้องยาว 1 ถึง 255 ไบต์",
			       "a name must be 1 to 255 bytes long");
	if (!thtext_utf8_valid(name, n))
		return err_set(e, ERR_INVALID, field, "ชื่อไม่ใช่ UTF-8 ที่ถูกต้อง",
			       "the name is not valid UTF-8");
	for (i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return err_set(e, ERR_INVALID, field, "ชื่อมีอักขระควบคุม",
				       "the name contains a control character");
	if (name[0] == ' ' || name[n - 1] == ' ')
		return err_set(e, ERR_INVALID, field, "ชื่อขึ้นต้นหรือลงท้ายด้วยช่องว่าง",
			       "the name starts or ends with a space");
	return 0;
}
