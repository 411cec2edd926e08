/*
 * People in the social registry: the rules for a person's record, the needs
 * and vulnerabilities observed about them, and the four target groups.
 *
 * A person may have no national ID, or a non-Thai or stateless number: such
 * people are first-class, identified by Sawat's internal id. Nothing here
 * infers nationality from an ID's first digit.
 *
 * Target groups are derived as of a date, never stored:
 *   children and youth   under 25 on that date (child < 18, youth 18-24)
 *   working age          25-59
 *   elderly              60 and over
 *   disabled and disadvantaged   an active need of a "disadvantage" kind on
 *                        that date (see need_kind_disadvantage), whatever
 *                        the age; a person is then in two groups
 * A person without a known birth date has no age group.
 *
 * Pure: today's date comes in as a parameter.
 */
#ifndef SAWAT_CORE_PERSON_H
#define SAWAT_CORE_PERSON_H

#include "core/date.h"
#include "lib/buf.h"
#include "lib/err.h"

enum sex { SEX_UNKNOWN = 0, SEX_MALE, SEX_FEMALE };

/* House registration status. */
enum reg_status {
	REG_UNKNOWN = 0,
	REG_HOUSE,         /* in a house register (ท.ร.14) */
	REG_NON_THAI,      /* non-Thai register (ท.ร.13), permitted residents */
	REG_CENTRAL,       /* moved to the central register (ทะเบียนบ้านกลาง) */
	REG_NONE,          /* no registration status */
	REG_COUNT
};

enum need_kind {
	NEED_NONE = 0,
	NEED_DISABILITY,        /* detail: type, card_no, card_issued, card_expires */
	NEED_BEDRIDDEN,
	NEED_CHRONIC_ILLNESS,
	NEED_ORPHAN,
	NEED_SINGLE_PARENT,
	NEED_TEEN_MOTHER,
	NEED_ELDERLY_ALONE,
	NEED_STATELESS,         /* stateless or no registration status */
	NEED_WELFARE_CARD,      /* state welfare card holder */
	NEED_LOW_INCOME,
	NEED_OUT_OF_SCHOOL,
	NEED_TRAFFICKING,       /* victim of trafficking */
	NEED_VIOLENCE,          /* victim of violence */
	NEED_COUNT
};

enum target_group {
	GROUP_CHILD_YOUTH = 1 << 0,
	GROUP_WORKING_AGE = 1 << 1,
	GROUP_ELDERLY = 1 << 2,
	GROUP_DISADVANTAGED = 1 << 3
};
#define GROUP_COUNT 4

/* The seven disability types of the Thai disability card. */
enum disability_type {
	DIS_UNKNOWN = 0,
	DIS_VISUAL,
	DIS_HEARING,       /* hearing or communication */
	DIS_PHYSICAL,      /* mobility or physical */
	DIS_MENTAL,        /* mental or behavioural */
	DIS_INTELLECTUAL,
	DIS_LEARNING,
	DIS_AUTISM,
	DIS_COUNT
};

/* ---- names and codes ---- */
const char *sex_code(enum sex s);                 /* "M", "F", "U" */
enum sex sex_parse(const char *s);                /* "M"/"F"/"U", also ชาย/หญิง; -1 when unknown text */
const char *sex_name(enum sex s, bool thai);
const char *reg_status_code(enum reg_status r);   /* "house", "non_thai", "central", "none", "unknown" */
int reg_status_parse(const char *s);              /* -1 when unknown */
const char *reg_status_name(enum reg_status r, bool thai);
const char *need_kind_code(enum need_kind k);     /* "disability", ... */
int need_kind_parse(const char *s);               /* -1 when unknown */
const char *need_kind_name(enum need_kind k, bool thai);
/* Sensitive data (PDPA s.26: disability, health, legal status, violence):
 * seen only by roles with PERM_SENSITIVE_READ, every view logged. */
bool need_kind_sensitive(enum need_kind k);
/* Counts toward the "disabled and disadvantaged" target group. */
bool need_kind_disadvantage(enum need_kind k);
const char *disability_type_code(enum disability_type t);
int disability_type_parse(const char *s);
const char *disability_type_name(enum disability_type t, bool thai);
const char *target_group_code(enum target_group g); /* "child_youth", ... */
const char *target_group_name(enum target_group g, bool thai);

/* ---- a person's record ---- */

/* Input as typed or imported (all borrowed, any may be NULL or ""). */
struct person_in {
	const char *national_id;
	const char *title;
	const char *given_name;
	const char *family_name;
	const char *given_name_latin;
	const char *family_name_latin;
	const char *sex;
	const char *birth_date;      /* ISO or B.E. d/m/yyyy */
	const char *death_date;
	const char *nationality;     /* ISO 3166 alpha-2, "XX" stateless, "" unknown */
	const char *reg_status;
	const char *area;            /* house registration: tambon or village code */
	const char *house_no;
	const char *cur_area;        /* current address when different */
	const char *cur_house_no;
	const char *phone;
};

/* The validated, normalised record (strings owned: person_release). */
struct person {
	int64_t id;
	char national_id[14];        /* 13 digits or "" */
	int id_category;             /* first digit, -1 without an ID */
	char *title, *given_name, *family_name, *given_name_latin, *family_name_latin;
	char *name_key;              /* search key of given + family name */
	enum sex sex;
	struct date birth;           /* y == 0: unknown */
	struct date death;           /* y == 0: alive */
	char nationality[3];
	enum reg_status reg_status;
	char area[9];
	char *house_no;
	char cur_area[9];
	char *cur_house_no;
	char *phone;
	int64_t household_id;        /* 0: none */
	char relation[16];           /* to the household head */
};

void person_init(struct person *p);
void person_release(struct person *p);

/*
 * Validates in and fills out (released first). today bounds dates (no birth
 * or death in the future; no birth before 1880). Every problem is an
 * ERR_INVALID naming the field; the first one found is reported. Whether
 * the area exists is the store's question; its level (tambon or village) is
 * checked here.
 */
int person_validate(const struct person_in *in, struct date today, struct person *out,
		    struct err *e);

/* Age in whole years on `on`, or -1 when the birth date is unknown or after on. */
int person_age(const struct person *p, struct date on);
/* Alive on `on` (born by then, not dead before it; unknown birth counts as born). */
bool person_alive(const struct person *p, struct date on);

/* The age group bit for an age (-1: none). */
unsigned target_group_of_age(int age);
/*
 * The person's target groups on `on`: the age group, plus
 * GROUP_DISADVANTAGED when needs_on (a bit set of enum need_kind active on
 * that date, bit k = 1u << k) holds a disadvantage kind. 0 when not alive.
 */
unsigned person_groups(const struct person *p, unsigned needs_on, struct date on);

/* Five-year age bands for the situation picture: 0-4, 5-9, ..., 75-79, 80+. */
#define AGE_BANDS 17
int age_band(int age); /* -1 for a negative age */
const char *age_band_label(int band); /* "0-4", ..., "80+" */

/*
 * PDPA retention: a person's identifying data is kept until their
 * retention date; after it `sawat retention` erases it (names, ID, phone,
 * address details), keeping the anonymous facts counts are made of (sex,
 * birth year, area) and the audit trail. Recording a death sets the date to
 * this many years later unless one was set.
 */
#define RETENTION_AFTER_DEATH_YEARS 10

/* Relations to a household head. */
int relation_check(const char *rel, struct err *e);

/* ---- needs ---- */

struct need_in {
	const char *kind;
	const char *observed_on;     /* ISO or B.E.; required */
	const char *ended_on;        /* optional */
	const char *source;          /* survey, visit, import, office, card */
	/* disability only */
	const char *disability_type;
	const char *card_no;
	const char *card_issued;
	const char *card_expires;
	const char *note;            /* free text, at most 500 characters */
};

struct need {
	int64_t id;
	int64_t person_id;
	enum need_kind kind;
	struct date observed_on, ended_on; /* ended_on.y == 0: still active */
	char source[16];
	enum disability_type disability_type;
	char card_no[32];
	struct date card_issued, card_expires;
	char *note;                  /* owned, may be NULL */
};

void need_release(struct need *n);
int need_validate(const struct need_in *in, struct date today, struct need *out, struct err *e);
/* Active on `on`: observed by then and not ended before it. */
bool need_active(const struct need *n, struct date on);
/* A disability with no card, or a card expired on `on`. */
bool need_disability_without_card(const struct need *n, struct date on);

#endif
