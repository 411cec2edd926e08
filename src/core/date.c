/*
 * Calendar dates for Sawat: Gregorian arithmetic on day numbers, ages, the
 * Buddhist Era with the pre-1941 April new year (policy in date.h), Thai and
 * English formats, a strict parser for typed dates, and timestamps.
 *
 * What it does not do: read the clock (callers pass time_t), time zones
 * other than a fixed offset (Thailand has had no daylight saving since
 * 1920), other calendars, or Thai lunar dates.
 *
 * Invariants: every struct date this file returns is valid (date_valid);
 * every failure leaves *out zero and the output buffer unchanged. Day
 * numbers count from 1970-01-01 and fit in int32_t for the whole range.
 */
#include "core/date.h"
#include "core/thtext.h"

/* Days before the first of each month in a common year. */
static const int month_start[13] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365 };

static const char *const th_month[12] = {
	"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
	"กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
};
static const char *const th_month_abbr[12] = {
	"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
	"ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
};
static const char *const en_month[12] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
};
static const char *const en_month_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char *const th_weekday[7] = {
	"อาทิตย์", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์",
};
static const char *const en_weekday[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};

/* The first B.E. year counted from 1 January, and its C.E. year. */
#define BE_REFORM 2484
#define CE_REFORM 1941
/* d/m/yyyy years above this are B.E. whatever the flags say. */
#define BE_THRESHOLD 2400

bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && date_is_leap(y))
		return 29;
	return month_start[m] - month_start[m - 1];
}

bool date_valid(struct date d)
{
	return d.y >= DATE_MIN_YEAR && d.y <= DATE_MAX_YEAR && d.m >= 1 && d.m <= 12 &&
	       d.d >= 1 && d.d <= date_days_in_month(d.y, d.m);
}

int date_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

/* Days from 0001-01-01 to the first of January of year y (y >= 1). */
static int64_t days_before_year(int64_t y)
{
	y -= 1;
	return y * 365 + y / 4 - y / 100 + y / 400;
}

/* Day of the year, 0-based. */
static int day_of_year(struct date d)
{
	return month_start[d.m - 1] + (d.m > 2 && date_is_leap(d.y)) + d.d - 1;
}

#define EPOCH_FROM_YEAR_1 719162 /* days_before_year(1970) */

int32_t date_to_days(struct date d)
{
	return (int32_t)(days_before_year(d.y) + day_of_year(d) - EPOCH_FROM_YEAR_1);
}

static int64_t min_days(void)
{
	return -EPOCH_FROM_YEAR_1;
}

static int64_t max_days(void)
{
	return days_before_year(DATE_MAX_YEAR + 1) - 1 - EPOCH_FROM_YEAR_1;
}

static int out_of_range(struct date *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	return err_set(e, ERR_INVALID, "date", "วันที่อยู่นอกช่วงที่รองรับ (ค.ศ. 1 ถึง 9999)",
		       "the date is outside the supported range (years 1 to 9999)");
}

static int not_a_date(struct date *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	return err_set(e, ERR_INVALID, "date", "วันที่ไม่ถูกต้อง", "not a valid date");
}

int date_from_days(int64_t days, struct date *out, struct err *e)
{
	int64_t n, y;
	int doy, m, leap;

	if (days < min_days() || days > max_days())
		return out_of_range(out, e);
	n = days + EPOCH_FROM_YEAR_1;
	/* 146097 days in 400 years: a guess within one year, then corrected. */
	y = n * 400 / 146097 + 1;
	while (days_before_year(y) > n)
		y--;
	while (days_before_year(y + 1) <= n)
		y++;
	doy = (int)(n - days_before_year(y));
	leap = date_is_leap((int)y);
	m = 1;
	while (m < 12 && doy >= month_start[m] + (m >= 2 && leap))
		m++;
	out->y = (int)y;
	out->m = m;
	out->d = doy - month_start[m - 1] - (m > 2 && leap) + 1;
	return 0;
}

int date_weekday(struct date d)
{
	/* 1970-01-01 was a Thursday. */
	int w = (date_to_days(d) + 4) % 7;

	return w < 0 ? w + 7 : w;
}

int32_t date_diff_days(struct date from, struct date to)
{
	return date_to_days(to) - date_to_days(from);
}

int date_add_days(struct date d, int64_t n, struct date *out, struct err *e)
{
	int64_t span = max_days() - min_days();

	if (!date_valid(d))
		return not_a_date(out, e);
	if (n > span || n < -span)
		return out_of_range(out, e);
	return date_from_days(date_to_days(d) + n, out, e);
}

int date_add_months(struct date d, int64_t n, struct date *out, struct err *e)
{
	int64_t span = (int64_t)(DATE_MAX_YEAR - DATE_MIN_YEAR + 1) * 12, total;
	int dim;

	if (!date_valid(d))
		return not_a_date(out, e);
	if (n > span || n < -span)
		return out_of_range(out, e);
	total = (int64_t)d.y * 12 + (d.m - 1) + n;
	if (total < (int64_t)DATE_MIN_YEAR * 12 || total > (int64_t)DATE_MAX_YEAR * 12 + 11)
		return out_of_range(out, e);
	out->y = (int)(total / 12);
	out->m = (int)(total % 12) + 1;
	dim = date_days_in_month(out->y, out->m);
	out->d = d.d > dim ? dim : d.d;
	return 0;
}

int date_add_years(struct date d, int64_t n, struct date *out, struct err *e)
{
	if (n > DATE_MAX_YEAR || n < -DATE_MAX_YEAR) {
		if (!date_valid(d))
			return not_a_date(out, e);
		return out_of_range(out, e);
	}
	return date_add_months(d, n * 12, out, e);
}

int date_age(struct date birth, struct date on, int *years, struct err *e)
{
	int age;

	*years = 0;
	if (!date_valid(birth) || !date_valid(on))
		return err_set(e, ERR_INVALID, "date", "วันที่ไม่ถูกต้อง", "not a valid date");
	if (date_cmp(on, birth) < 0)
		return err_set(e, ERR_INVALID, "date", "วันที่คำนวณอายุอยู่ก่อนวันเกิด",
			       "the date is before the date of birth");
	age = on.y - birth.y;
	/*
	 * Not yet had this year's birthday. For a 29 February birthday in a
	 * common year, 28 February compares below (2, 29) and 1 March above:
	 * the 1 March rule falls out of the plain comparison.
	 */
	if (on.m < birth.m || (on.m == birth.m && on.d < birth.d))
		age--;
	*years = age;
	return 0;
}

int date_anniversary(struct date birth, int years, struct date *out, struct err *e)
{
	int64_t y = (int64_t)birth.y + years;

	if (!date_valid(birth))
		return not_a_date(out, e);
	if (years < 0 || y > DATE_MAX_YEAR)
		return out_of_range(out, e);
	out->y = (int)y;
	out->m = birth.m;
	out->d = birth.d;
	if (birth.m == 2 && birth.d == 29 && !date_is_leap(out->y)) {
		out->m = 3;
		out->d = 1;
	}
	return 0;
}

int date_be_year(struct date d)
{
	if (d.y >= CE_REFORM || d.m >= 4)
		return d.y + 543;
	return d.y + 542;
}

int date_from_be(int be, int m, int d, struct date *out, const char *field, struct err *e)
{
	int ce, dim;

	memset(out, 0, sizeof(*out));
	if (m < 1 || m > 12)
		return err_set(e, ERR_INVALID, field, "%d/%d/%d: ไม่มีเดือนที่ %d",
			       "%d/%d/%d: there is no month %d", d, m, be, m);
	if (be >= BE_REFORM)
		ce = be - 543;
	else if (be == BE_REFORM - 1 && m < 4)
		return err_set(e, ERR_INVALID, field,
			       "%d/%d/%d: ไม่มีวันนี้ ปี พ.ศ. 2483 เริ่ม 1 เมษายนและจบ 31 ธันวาคม "
			       "(มกราคม-มีนาคม 2484 คือ ค.ศ. 1941, มกราคม-มีนาคม 2482 คือ ค.ศ. 1940)",
			       "%d/%d/%d: no such date: B.E. 2483 ran from 1 April to 31 December "
			       "(January-March 2484 is 1941, January-March 2482 is 1940)",
			       d, m, be);
	else if (be == BE_REFORM - 1)
		ce = be - 543;
	else
		ce = m < 4 ? be - 542 : be - 543;
	if (ce < DATE_MIN_YEAR || ce > DATE_MAX_YEAR)
		return err_set(e, ERR_INVALID, field, "%d/%d/%d: ปี พ.ศ. %d อยู่นอกช่วงที่รองรับ",
			       "%d/%d/%d: the year B.E. %d is out of range", d, m, be, be);
	dim = date_days_in_month(ce, m);
	if (m == 2 && d == 29 && dim == 28)
		return err_set(e, ERR_INVALID, field,
			       "%d/%d/%d: ปี พ.ศ. %d ไม่ใช่ปีอธิกสุรทิน เดือนกุมภาพันธ์มี 28 วัน",
			       "%d/%d/%d: B.E. %d is not a leap year; February has 28 days",
			       d, m, be, be);
	if (d < 1 || d > dim)
		return err_set(e, ERR_INVALID, field, "%d/%d/%d: เดือน%s%.0sมี %d วัน ไม่มีวันที่ %d",
			       "%d/%d/%d: %.0s%s has %d days; there is no day %d", d, m, be,
			       th_month[m - 1], en_month[m - 1], dim, d);
	out->y = ce;
	out->m = m;
	out->d = d;
	return 0;
}

/* The same checks for a C.E. (ISO) date, with the message in ISO order. */
static int from_ce(int y, int m, int d, struct date *out, const char *field, struct err *e)
{
	int dim;

	memset(out, 0, sizeof(*out));
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
		return err_set(e, ERR_INVALID, field, "%04d-%02d-%02d: ไม่มีปี ค.ศ. %d",
			       "%04d-%02d-%02d: there is no year %d", y, m, d, y);
	if (m < 1 || m > 12)
		return err_set(e, ERR_INVALID, field, "%04d-%02d-%02d: ไม่มีเดือนที่ %d",
			       "%04d-%02d-%02d: there is no month %d", y, m, d, m);
	dim = date_days_in_month(y, m);
	if (m == 2 && d == 29 && dim == 28)
		return err_set(e, ERR_INVALID, field,
			       "%04d-%02d-%02d: ปี ค.ศ. %d ไม่ใช่ปีอธิกสุรทิน เดือนกุมภาพันธ์มี 28 วัน",
			       "%04d-%02d-%02d: %d is not a leap year; February has 28 days",
			       y, m, d, y);
	if (d < 1 || d > dim)
		return err_set(e, ERR_INVALID, field,
			       "%04d-%02d-%02d: เดือน%s%.0sมี %d วัน ไม่มีวันที่ %d",
			       "%04d-%02d-%02d: %.0s%s has %d days; there is no day %d", y, m, d,
			       th_month[m - 1], en_month[m - 1], dim, d);
	out->y = y;
	out->m = m;
	out->d = d;
	return 0;
}

const char *date_month_name(int m, bool thai, bool abbrev)
{
	if (m < 1 || m > 12)
		return "";
	if (thai)
		return abbrev ? th_month_abbr[m - 1] : th_month[m - 1];
	return abbrev ? en_month_abbr[m - 1] : en_month[m - 1];
}

/* ---- formatting ---- */

/* Appends tmp to out, in Thai digits when asked; out is unchanged on failure. */
static int put_text(struct buf *out, const struct buf *tmp, unsigned flags, struct err *e)
{
	int rc = (flags & DATE_THAI_DIGITS) ? thtext_put_thai_digits(out, tmp->ptr, tmp->len)
					    : buf_add(out, tmp->ptr, tmp->len);

	if (rc)
		return err_set(e, ERR_TOO_LARGE, "", "ผลลัพธ์ยาวเกินที่กำหนด",
			       "the result is longer than allowed");
	return 0;
}

/* Writes d to tmp (an unbounded scratch buffer). */
static int format_into(struct buf *tmp, struct date d, enum date_style style, bool en)
{
	int be = date_be_year(d);

	switch (style) {
	case DATE_FULL:
		if (en)
			return buf_printf(tmp, "%s, %d %s %d", en_weekday[date_weekday(d)], d.d,
					  en_month[d.m - 1], d.y);
		return buf_printf(tmp, "วัน%sที่ %d %s พ.ศ. %d", th_weekday[date_weekday(d)], d.d,
				  th_month[d.m - 1], be);
	case DATE_LONG:
		if (en)
			return buf_printf(tmp, "%d %s %d", d.d, en_month[d.m - 1], d.y);
		return buf_printf(tmp, "%d %s %d", d.d, th_month[d.m - 1], be);
	case DATE_MEDIUM:
		if (en)
			return buf_printf(tmp, "%d %s %d", d.d, en_month_abbr[d.m - 1], d.y);
		return buf_printf(tmp, "%d %s %d", d.d, th_month_abbr[d.m - 1], be);
	case DATE_SHORT:
		if (en)
			return buf_printf(tmp, "%02d/%02d/%04d", d.d, d.m, d.y);
		return buf_printf(tmp, "%d/%d/%02d", d.d, d.m, be % 100);
	case DATE_NUMERIC:
		return buf_printf(tmp, "%d/%d/%d", d.d, d.m, en ? d.y : be);
	case DATE_ISO:
		return buf_printf(tmp, "%04d-%02d-%02d", d.y, d.m, d.d);
	}
	return -1;
}

static bool style_valid(enum date_style style)
{
	return (int)style >= (int)DATE_FULL && (int)style <= (int)DATE_ISO;
}

int date_format(struct date d, enum date_style style, unsigned flags, struct buf *out,
		struct err *e)
{
	struct buf tmp;
	int rc;

	if (!date_valid(d) || !style_valid(style))
		return err_set(e, ERR_INVALID, "date", "วันที่หรือรูปแบบไม่ถูกต้อง",
			       "invalid date or style");
	buf_init(&tmp, 0);
	format_into(&tmp, d, style, flags & DATE_ENGLISH);
	rc = put_text(out, &tmp, flags, e);
	buf_release(&tmp);
	return rc;
}

/* ---- parsing ---- */

#define PARSE_MAX_BYTES 64

/* A short, always valid UTF-8 name for a character in a message: 'x' or U+0E01. */
static void describe_char(uint32_t cp, char *s, size_t n)
{
	if (cp > 0x20 && cp < 0x7F && cp != '\'')
		snprintf(s, n, "'%c'", (char)cp);
	else
		snprintf(s, n, "U+%04X", (unsigned)cp);
}

static int format_error(const char *field, struct err *e)
{
	return err_set(e, ERR_INVALID, field,
		       "รูปแบบวันที่ไม่ถูกต้อง ใช้ วัน/เดือน/ปี พ.ศ. (เช่น 5/1/2568) หรือ ปปปป-ดด-วว ค.ศ. (เช่น 2025-01-05)",
		       "invalid date format: use D/M/YYYY in B.E. (e.g. 5/1/2568) or YYYY-MM-DD in C.E. (e.g. 2025-01-05)");
}

int date_parse(const char *s, unsigned flags, struct date *out, const char *field,
	       struct err *e)
{
	size_t n = strlen(s), pos = 0, chars = 0, k = 0;
	int val[3] = { 0, 0, 0 }, len[3] = { 0, 0, 0 };
	uint32_t cp, sep = 0;
	char what[16];
	int dig, y;

	memset(out, 0, sizeof(*out));
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
			 s[n - 1] == '\r'))
		n--;
	while (pos < n && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r'))
		pos++;
	if (pos == n)
		return err_set(e, ERR_INVALID, field, "กรุณากรอกวันที่", "enter a date");
	if (n - pos > PARSE_MAX_BYTES)
		return format_error(field, e);
	while (pos < n) {
		if (thtext_utf8_next(s, n, &pos, &cp))
			return format_error(field, e);
		chars++;
		dig = thtext_digit_value(cp);
		if (dig >= 0) {
			/* Five digits are enough to tell a bad year; more cannot overflow. */
			len[k]++;
			if (len[k] > 5)
				return format_error(field, e);
			val[k] = val[k] * 10 + dig;
			continue;
		}
		if (cp == '/' || cp == '-') {
			if ((sep && cp != sep) || k == 2 || len[k] == 0)
				return format_error(field, e);
			sep = cp;
			k++;
			continue;
		}
		describe_char(cp, what, sizeof(what));
		return err_set(e, ERR_INVALID, field,
			       "วันที่มีอักขระ %s ที่ตำแหน่ง %zu ใช้ได้แต่ตัวเลขกับ / หรือ -",
			       "the date has the character %s at position %zu; only digits and / or - are allowed",
			       what, chars);
	}
	if (k != 2 || len[2] == 0)
		return format_error(field, e);
	if (sep == '-') {
		if (len[0] != 4 || len[1] > 2 || len[2] > 2)
			return format_error(field, e);
		return from_ce(val[0], val[1], val[2], out, field, e);
	}
	if (len[0] > 2 || len[1] > 2)
		return format_error(field, e);
	y = val[2];
	if (len[2] == 2)
		return err_set(e, ERR_INVALID, field,
			       "%d/%d/%02d: กรอกปีให้ครบ 4 หลัก (เช่น 25%02d)",
			       "%d/%d/%02d: write the year with 4 digits (e.g. 25%02d)",
			       val[0], val[1], y, y);
	if (len[2] != 4)
		return format_error(field, e);
	if (y > BE_THRESHOLD || (flags & DATE_PARSE_BE))
		return date_from_be(y, val[1], val[0], out, field, e);
	if (!(flags & DATE_PARSE_CE))
		return err_set(e, ERR_INVALID, field,
			       "%d/%d/%d: ปี %d เป็น พ.ศ. หรือ ค.ศ.? กรอกปี พ.ศ. (เช่น 2568) "
			       "หรือใช้รูปแบบ ปปปป-ดด-วว สำหรับ ค.ศ.",
			       "%d/%d/%d: is %d a B.E. or a C.E. year? Write the B.E. year "
			       "(e.g. 2568) or use YYYY-MM-DD for C.E.",
			       val[0], val[1], y, y);
	return from_ce(y, val[1], val[0], out, field, e);
}

/* ---- timestamps ---- */

int date_from_time(time_t t, int utc_offset, struct date *out, int *second_of_day,
		   struct err *e)
{
	int64_t secs = (int64_t)t, days = secs / 86400, rem = secs % 86400;

	*second_of_day = 0;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	/* |offset| is at most a day here; beyond that it is a caller's bug. */
	if (utc_offset <= -86400 || utc_offset >= 86400)
		return not_a_date(out, e);
	rem += utc_offset;
	if (rem < 0) {
		rem += 86400;
		days--;
	} else if (rem >= 86400) {
		rem -= 86400;
		days++;
	}
	if (date_from_days(days, out, e))
		return ERR_INVALID;
	*second_of_day = (int)rem;
	return 0;
}

int date_format_utc(time_t t, struct buf *out, struct err *e)
{
	struct date d;
	struct buf tmp;
	int sec, rc;

	rc = date_from_time(t, 0, &d, &sec, e);
	if (rc)
		return rc;
	buf_init(&tmp, 0);
	buf_printf(&tmp, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.y, d.m, d.d, sec / 3600,
		   sec / 60 % 60, sec % 60);
	rc = put_text(out, &tmp, 0, e);
	buf_release(&tmp);
	return rc;
}

int date_format_bangkok(time_t t, enum date_style style, unsigned flags, struct buf *out,
			struct err *e)
{
	struct date d;
	struct buf tmp;
	int sec, rc, hh, mm, ss;

	if (!style_valid(style))
		return err_set(e, ERR_INVALID, "date", "รูปแบบวันที่ไม่ถูกต้อง", "invalid date style");
	rc = date_from_time(t, DATE_BANGKOK_OFFSET, &d, &sec, e);
	if (rc)
		return rc;
	hh = sec / 3600;
	mm = sec / 60 % 60;
	ss = sec % 60;
	buf_init(&tmp, 0);
	format_into(&tmp, d, style, flags & DATE_ENGLISH);
	if (style == DATE_ISO)
		buf_printf(&tmp, "T%02d:%02d:%02d+07:00", hh, mm, ss);
	else if (flags & DATE_ENGLISH)
		buf_printf(&tmp, ", %02d:%02d", hh, mm);
	else
		buf_printf(&tmp, " เวลา %02d:%02d", hh, mm);
	if (style != DATE_ISO && (flags & DATE_SECONDS))
		buf_printf(&tmp, ":%02d", ss);
	if (style != DATE_ISO && !(flags & DATE_ENGLISH))
		buf_puts(&tmp, " น.");
	rc = put_text(out, &tmp, flags, e);
	buf_release(&tmp);
	return rc;
}
