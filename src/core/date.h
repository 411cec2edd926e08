/*
 * Calendar dates: validation, arithmetic, ages, the Buddhist Era, Thai and
 * English formats, parsing what people type, and timestamps the caller
 * supplies (core never reads the clock).
 *
 * A struct date is a proleptic Gregorian (C.E.) date; valid dates run from
 * 0001-01-01 to 9999-12-31. Dates are stored as ISO text (YYYY-MM-DD).
 *
 * The Thai formats equal ICU's th_TH@calendar=buddhist full, long, medium
 * and short patterns for every day of 1941-2100 (checked when written); the
 * English ones are en_GB's, except "Sep" for ICU's "Sept".
 *
 * Buddhist Era policy (DOMAIN.md §4, rule 4). Sawat uses the historical
 * reckoning, in both directions:
 *  - from 1 January 1941 on, B.E. = C.E. + 543;
 *  - before 1941 the Thai year began on 1 April, so 1 April - 31 December of
 *    C.E. year Y is B.E. Y + 543, and 1 January - 31 March is B.E. Y + 542
 *    (15 February 1940 is 15 ก.พ. 2482);
 *  - B.E. 2483 had only nine months (1 April - 31 December 1940), so a date
 *    in January-March 2483 does not exist and is rejected when parsed.
 * Why: the dates that matter before 1941 are birth dates of the oldest
 * people, copied as written from house registers kept in the old
 * reckoning; reading 15/2/2482 as 1939 would make someone a year older than
 * they are (and move them between old-age allowance tiers). ICU's Buddhist
 * calendar adds 543 to every year, so do not use it to show dates before
 * 1941; use date_format. For 1941 and later the two agree.
 */
#ifndef SAWAT_CORE_DATE_H
#define SAWAT_CORE_DATE_H

#include <time.h>
#include "lib/buf.h"
#include "lib/err.h"

struct date {
	int y, m, d; /* C.E. year 1..9999, month 1..12, day 1..31 */
};

#define DATE_MIN_YEAR 1
#define DATE_MAX_YEAR 9999
/* The offset of Asia/Bangkok from UTC: +7 hours, no daylight saving. */
#define DATE_BANGKOK_OFFSET (7 * 3600)

bool date_is_leap(int y);
/* Days in month m of year y (28..31), or 0 when m is not 1..12. */
int date_days_in_month(int y, int m);
/* True when d is a real date in the supported range. */
bool date_valid(struct date d);
/* Negative, 0 or positive as a is before, equal to or after b. */
int date_cmp(struct date a, struct date b);

/* Days since 1970-01-01 (negative before it); d must be valid. */
int32_t date_to_days(struct date d);
/* The inverse. Returns 0, or ERR_INVALID when the day is outside 0001-01-01..9999-12-31. */
int date_from_days(int64_t days, struct date *out, struct err *e);
/* Day of the week of a valid date: 0 Sunday .. 6 Saturday. */
int date_weekday(struct date d);
/* to - from in days (positive when to is later); both must be valid. */
int32_t date_diff_days(struct date from, struct date to);

/*
 * Calendar arithmetic; n may be negative. Months and years keep the day of
 * the month but clamp it to the end of a shorter month: 31 January + 1 month
 * is 28 (or 29) February, 29 February 2024 + 1 year is 28 February 2025.
 * Return 0, or ERR_INVALID for an invalid d or a result outside the range
 * (*out is then zero).
 */
int date_add_days(struct date d, int64_t n, struct date *out, struct err *e);
int date_add_months(struct date d, int64_t n, struct date *out, struct err *e);
int date_add_years(struct date d, int64_t n, struct date *out, struct err *e);

/*
 * Age in whole years on the date on. Someone born on 29 February gains a
 * year on 1 March in common years and on 29 February in leap years: a year
 * is complete only when February is over, so no one becomes eligible for an
 * age-based benefit a day early. date_anniversary
 * gives the matching day: age(b, x) >= n exactly when x >= anniversary(b, n).
 * Returns 0, or ERR_INVALID for invalid dates or on before birth.
 */
int date_age(struct date birth, struct date on, int *years, struct err *e);
/* The day someone born on birth turns years old (1 March for 29 February in a common year). */
int date_anniversary(struct date birth, int years, struct date *out, struct err *e);

/* The B.E. year of a valid date, by the policy above. */
int date_be_year(struct date d);
/*
 * The C.E. date of day d, month m, B.E. year be (policy above). Returns 0,
 * or ERR_INVALID with a message for a month or day that does not exist
 * (31/4, 29/2 in a common year, 1/1/2483) or a year out of range.
 */
int date_from_be(int be, int m, int d, struct date *out, const char *field, struct err *e);

/* Month names: m 1..12, in Thai or English, full or abbreviated; "" otherwise. */
const char *date_month_name(int m, bool thai, bool abbrev);

enum date_style {
	DATE_FULL,    /* วันอาทิตย์ที่ 5 มกราคม พ.ศ. 2568 / Sunday, 5 January 2025 */
	DATE_LONG,    /* 5 มกราคม 2568 / 5 January 2025 */
	DATE_MEDIUM,  /* 5 ม.ค. 2568 / 5 Jan 2025 */
	DATE_SHORT,   /* 5/1/68 (two-digit B.E. year) / 05/01/2025 */
	DATE_NUMERIC, /* 5/1/2568 / 5/1/2025: the form date_parse reads back */
	DATE_ISO,     /* 2025-01-05 in both languages */
};
#define DATE_ENGLISH 1u     /* English names and C.E. years instead of Thai and B.E. */
#define DATE_THAI_DIGITS 2u /* ๕ มกราคม ๒๕๖๘ */
#define DATE_SECONDS 4u     /* timestamps: show seconds too */

/*
 * Appends d in the given style. Returns 0; ERR_INVALID for an invalid date
 * or style; ERR_TOO_LARGE when out's cap is reached. out is unchanged on
 * failure.
 */
int date_format(struct date d, enum date_style style, unsigned flags, struct buf *out,
		struct err *e);

#define DATE_PARSE_CE 1u /* d/m/yyyy with yyyy <= 2400 is C.E. (otherwise rejected) */
#define DATE_PARSE_BE 2u /* every d/m/yyyy year is B.E., even <= 2400 */
/*
 * Parses a date as people type it, with ASCII or Thai digits and ASCII white
 * space around it:
 *  - ISO YYYY-MM-DD (C.E.; month and day may have one digit);
 *  - D/M/YYYY or DD/MM/YYYY: the year is B.E. when it is above 2400 or when
 *    DATE_PARSE_BE is given; a year up to 2400 is C.E. with DATE_PARSE_CE and
 *    is rejected as ambiguous otherwise. Two-digit years are rejected.
 * Returns 0, or ERR_INVALID with e->field = field and a message that says
 * what is wrong (format, month 13, 31/4, 29/2 of a common year, 1/1/2483);
 * *out is then zero.
 */
int date_parse(const char *s, unsigned flags, struct date *out, const char *field,
	       struct err *e);

/*
 * Splits a time given by the caller into the date and the second of the day
 * (0..86399) at utc_offset seconds east of UTC (DATE_BANGKOK_OFFSET, or 0 for
 * UTC). Returns 0, or ERR_INVALID when the date falls outside years 1..9999.
 */
int date_from_time(time_t t, int utc_offset, struct date *out, int *second_of_day,
		   struct err *e);
/* Appends t as YYYY-MM-DDTHH:MM:SSZ (UTC). Errors as date_format. */
int date_format_utc(time_t t, struct buf *out, struct err *e);
/*
 * Appends t as Bangkok local time: the date in style, then the time:
 * "5 มกราคม 2568 เวลา 14:05 น.", "5 January 2025, 14:05", and for DATE_ISO
 * "2025-01-05T14:05:09+07:00". DATE_SECONDS adds seconds to the first two.
 */
int date_format_bangkok(time_t t, enum date_style style, unsigned flags, struct buf *out,
			struct err *e);

#endif
