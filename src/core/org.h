/*
 * Civil-society organisations: the kinds Sawat knows, their names in Thai
 * and English, and which kinds may apply to the Social Welfare Promotion
 * Fund (Act B.E. 2546 and its 2007 amendment: certified public-benefit
 * organisations, community welfare organisations, state agencies and local
 * governments; ../shared/DOMAIN.md §2).
 *
 * Pure: no I/O, no clock, no globals that change.
 */
#ifndef SAWAT_CORE_ORG_H
#define SAWAT_CORE_ORG_H

#include "lib/err.h"

enum org_kind {
	ORG_YOUTH_COUNCIL = 1,   /* สภาเด็กและเยาวชน */
	ORG_WOMEN,               /* องค์กรพัฒนาสตรี */
	ORG_ELDERLY_CLUB,        /* ชมรมผู้สูงอายุ (ธนาคารสมอง) */
	ORG_PUBLIC_BENEFIT,      /* องค์กรสาธารณประโยชน์ (certified) */
	ORG_COMMUNITY_WELFARE,   /* องค์กรสวัสดิการชุมชน */
	ORG_DISABLED,            /* องค์กรคนพิการ */
	ORG_VOLUNTEER_GROUP,     /* กลุ่มอาสาสมัคร */
	ORG_LOCAL_GOVERNMENT,    /* องค์กรปกครองส่วนท้องถิ่น */
	ORG_GOVERNMENT_OFFICE,   /* หน่วยงานของรัฐ */
	ORG_COMPANY,             /* บริษัทเอกชน */
	ORG_FOUNDATION,          /* มูลนิธิ */
	ORG_KIND_COUNT
};

const char *org_kind_code(enum org_kind k);        /* "youth_council", ...; "" when invalid */
int org_kind_parse(const char *s);                 /* -1 when unknown */
const char *org_kind_name(enum org_kind k, bool thai);

/*
 * May an organisation of this kind apply for a grant? Community welfare
 * organisations, local governments and state agencies may; a public-benefit
 * organisation (or a foundation) only with a certificate number. Returns 0,
 * or ERR_FORBIDDEN with the reason in both languages.
 */
int org_may_apply_grant(enum org_kind k, const char *cert_no, struct err *e);

/* A Thai name: 1-255 bytes of valid UTF-8 with no control characters. */
int org_check_name(const char *name, const char *field, struct err *e);

#endif
