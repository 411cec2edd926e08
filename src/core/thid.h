/*
 * The 13-digit Thai national ID number (เลขประจำตัวประชาชน).
 *
 * Layout X-XXXX-XXXXX-XX-X: digit 1 the registration category, digits 2-5
 * the registration office (2-3 the province), 6-12 group and sequence, 13 a
 * check digit: (11 - sum(d_i * (14 - i), i = 1..12) mod 11) mod 10.
 *
 * Three separate questions, three answers:
 *  - well-formed: 13 ASCII digits once spaces and hyphens are removed, with a
 *    correct check digit (thid_parse fails otherwise);
 *  - plausible: first digit 0-8 (9 is reserved) and digits 2-3 one of the 77
 *    province codes (reported as flags, see thid_check_plausible);
 *  - what digit 1 says: a registration category and the statuses it allows.
 *    Never a nationality: category 3 may be a Thai or an alien registered in
 *    1984, 8 an alien resident or a naturalised Thai, 5/6/8 with digits 6-7 in
 *    50-72 a registered minority. Decisions that need nationality must use
 *    the recorded legal status, not the number.
 */
#ifndef SAWAT_CORE_THID_H
#define SAWAT_CORE_THID_H

#include "lib/buf.h"
#include "lib/err.h"

#define THID_LEN 13

/* Digit 1. The comments give the meanings from DOPA practice (DOMAIN.md §4). */
enum thid_category {
	THID_CAT_NO_STATUS = 0,     /* no registration status or nationality (stateless) */
	THID_CAT_BIRTH = 1,         /* Thai, birth registered on time, from 1 Jan 1984 */
	THID_CAT_LATE_BIRTH = 2,    /* Thai, birth registered late */
	THID_CAT_REGISTER_1984 = 3, /* in a house register when numbers began (to 31 May 1984) */
	THID_CAT_MOVED_IN = 4,      /* moved into a house register then, without a number */
	THID_CAT_ADDED_LATER = 5,   /* added to the register later (missed at the start) */
	THID_CAT_ENTRANT = 6,       /* illegal entrant or temporary resident */
	THID_CAT_CHILD_OF_6 = 7,    /* child of a category-6 person, born in Thailand */
	THID_CAT_ALIEN = 8,         /* legal alien resident, or naturalised Thai */
	THID_CAT_RESERVED = 9,      /* reserved (e.g. royalty); not issued to the public */
};

/* Statuses a category allows (bit set); more than one bit means "cannot tell". */
enum thid_status {
	THID_MAY_BE_THAI = 1u << 0,           /* Thai national */
	THID_MAY_BE_LEGACY_ALIEN = 1u << 1,   /* alien registered when numbers began (3, 4) */
	THID_MAY_BE_NON_THAI = 1u << 2,       /* entrant, temporary resident or their child (6, 7) */
	THID_MAY_BE_ALIEN_RESIDENT = 1u << 3, /* alien with residence (8) */
	THID_MAY_BE_NATURALISED = 1u << 4,    /* naturalised Thai (8) */
	THID_MAY_BE_STATELESS = 1u << 5,      /* no registration status (0) */
};

/* Plausibility flags: any set means the number, though well-formed, is suspect. */
enum thid_flag {
	THID_FLAG_RESERVED = 1u << 0,         /* digit 1 is 9 */
	THID_FLAG_UNKNOWN_PROVINCE = 1u << 1, /* digits 2-3 are no province code */
};

/* Hints from digits 6-7: worth showing to an officer, never decisive. */
enum thid_hint {
	THID_HINT_SURVEY_2005 = 1u << 0, /* 0 with "89": stateless person of the 2005 survey (e.g. Moken) */
	THID_HINT_MINORITY = 1u << 1,    /* 5, 6 or 8 with 50-72: a registered minority group */
	THID_HINT_VISA = 1u << 2,        /* 6 with "00": holder of a visa */
};

struct thid {
	char digits[THID_LEN + 1]; /* the 13 digits, NUL-terminated */
	enum thid_category category;
	unsigned statuses; /* enum thid_status bits */
	unsigned flags;    /* enum thid_flag bits; 0 when plausible */
	unsigned hints;    /* enum thid_hint bits */
	int province;      /* digits 2-3 as a number, 0..99 */
};

/*
 * Copies in to out[0..13] as 13 digits plus NUL, dropping ASCII spaces and
 * hyphens (so "1-1017-00123-45-6" and "1 1017 00123 45 6" are accepted).
 * Returns 0, or ERR_INVALID for any other character (Thai digits included:
 * the ID is printed in ASCII on the card) or a digit count other than 13;
 * out is then "". field is copied into e->field.
 */
int thid_normalize(const char *in, char out[THID_LEN + 1], const char *field, struct err *e);

/* The check digit 0-9 for the first 12 digits of d (ASCII digits). */
int thid_check_digit(const char *d);

/*
 * Normalises in, verifies the check digit and fills *id (category, statuses,
 * flags, hints, province). Returns 0 when the number is well-formed, even if
 * id->flags says it is implausible; ERR_INVALID otherwise, with a message
 * that names the expected check digit; *id is then zeroed.
 */
int thid_parse(const char *in, struct thid *id, const char *field, struct err *e);

/* Returns 0 when id->flags is 0, else ERR_INVALID with the first reason. */
int thid_check_plausible(const struct thid *id, const char *field, struct err *e);

/* True when the two-digit code is one of the 77 province codes (10 Bangkok .. 96). */
bool thid_province_known(int code);

/* Appends id as X-XXXX-XXXXX-XX-X. Returns 0, or ERR_TOO_LARGE (out's cap; out unchanged). */
int thid_format(const struct thid *id, struct buf *out, struct err *e);

/* Short descriptions for screens, in Thai when thai is true, else English. Static strings. */
const char *thid_category_name(enum thid_category c, bool thai);
/* The name of one status bit; "" for an unknown bit. */
const char *thid_status_name(enum thid_status s, bool thai);

#endif
