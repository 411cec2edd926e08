/* Unit tests for core/date: calendar, arithmetic, ages, B.E., formats, parsing, timestamps. */
#include "test.h"
#include "core/date.h"

static struct date D(int y, int m, int d)
{
	return (struct date){ y, m, d };
}

#define CHECK_DATE(got, y_, m_, d_)                                                    \
	do {                                                                           \
		struct date g_ = (got);                                                \
		if (g_.y != (y_) || g_.m != (m_) || g_.d != (d_)) {                    \
			fprintf(stderr, "  FAIL %s:%d: %s: got %04d-%02d-%02d, want %04d-%02d-%02d\n", \
				__FILE__, __LINE__, test_cur_name, g_.y, g_.m, g_.d,   \
				(y_), (m_), (d_));                                     \
			test_cur_failed = 1;                                           \
		}                                                                      \
	} while (0)

/* date_format into a static string, or "ERR <en>". */
static const char *fmt(struct date d, enum date_style style, unsigned flags)
{
	static char s[1024];
	struct buf b;
	struct err e;

	buf_init(&b, 0);
	err_init(&e);
	if (date_format(d, style, flags, &b, &e))
		snprintf(s, sizeof(s), "ERR %s", e.en);
	else
		snprintf(s, sizeof(s), "%s", b.ptr);
	buf_release(&b);
	return s;
}

/* date_parse to ISO text, or "ERR <en>"; *th gets the Thai message. */
static const char *parse(const char *in, unsigned flags)
{
	static char s[1024];
	struct date d;
	struct err e;

	err_init(&e);
	if (date_parse(in, flags, &d, "birth_date", &e)) {
		snprintf(s, sizeof(s), "ERR %s", e.en);
		if (d.y || d.m || d.d || strcmp(e.field, "birth_date") || !e.th[0])
			snprintf(s, sizeof(s), "BAD FAILURE");
	} else {
		snprintf(s, sizeof(s), "%04d-%02d-%02d", d.y, d.m, d.d);
	}
	return s;
}

static void test_leap_and_months(void)
{
	CHECK(date_is_leap(2000));
	CHECK(date_is_leap(2024));
	CHECK(date_is_leap(2400));
	CHECK(date_is_leap(4));
	CHECK(date_is_leap(1940));
	CHECK(!date_is_leap(1900));
	CHECK(!date_is_leap(2100));
	CHECK(!date_is_leap(2025));
	CHECK(!date_is_leap(1));
	CHECK(!date_is_leap(1939));
	CHECK_INT(date_days_in_month(2024, 2), 29);
	CHECK_INT(date_days_in_month(2025, 2), 28);
	CHECK_INT(date_days_in_month(1900, 2), 28);
	CHECK_INT(date_days_in_month(2025, 4), 30);
	CHECK_INT(date_days_in_month(2025, 12), 31);
	CHECK_INT(date_days_in_month(2025, 0), 0);
	CHECK_INT(date_days_in_month(2025, 13), 0);
	CHECK(date_valid(D(2024, 2, 29)));
	CHECK(!date_valid(D(2025, 2, 29)));
	CHECK(!date_valid(D(2025, 4, 31)));
	CHECK(!date_valid(D(2025, 1, 0)));
	CHECK(!date_valid(D(2025, 0, 1)));
	CHECK(!date_valid(D(0, 1, 1)));
	CHECK(!date_valid(D(10000, 1, 1)));
	CHECK(date_valid(D(1, 1, 1)));
	CHECK(date_valid(D(9999, 12, 31)));
	CHECK(date_cmp(D(2025, 1, 1), D(2024, 12, 31)) > 0);
	CHECK(date_cmp(D(2025, 1, 1), D(2025, 1, 2)) < 0);
	CHECK(date_cmp(D(2025, 2, 1), D(2025, 1, 31)) > 0);
	CHECK_INT(date_cmp(D(2025, 1, 1), D(2025, 1, 1)), 0);
	CHECK_STR(date_month_name(1, true, false), "มกราคม");
	CHECK_STR(date_month_name(2, true, false), "กุมภาพันธ์");
	CHECK_STR(date_month_name(12, false, true), "Dec");
	CHECK_STR(date_month_name(13, true, true), "");
}

static void test_days(void)
{
	struct date d;

	CHECK_INT(date_to_days(D(1970, 1, 1)), 0);
	CHECK_INT(date_to_days(D(1969, 12, 31)), -1);
	CHECK_INT(date_to_days(D(2000, 3, 1)), 11017);
	CHECK_INT(date_to_days(D(2025, 1, 5)), 20093);
	CHECK_INT(date_to_days(D(1940, 2, 15)), -10913);
	CHECK_INT(date_to_days(D(1, 1, 1)), -719162);
	CHECK_INT(date_to_days(D(9999, 12, 31)), 2932896);
	CHECK_INT(date_from_days(-719162, &d, NULL), 0);
	CHECK_DATE(d, 1, 1, 1);
	CHECK_INT(date_from_days(2932896, &d, NULL), 0);
	CHECK_DATE(d, 9999, 12, 31);
	CHECK_INT(date_from_days(-719163, &d, NULL), ERR_INVALID);
	CHECK_DATE(d, 0, 0, 0);
	CHECK_INT(date_from_days(2932897, &d, NULL), ERR_INVALID);
	CHECK_INT(date_from_days(INT64_MAX, &d, NULL), ERR_INVALID);
	CHECK_INT(date_from_days(INT64_MIN, &d, NULL), ERR_INVALID);
	CHECK_INT(date_weekday(D(2025, 1, 5)), 0);
	CHECK_INT(date_weekday(D(1970, 1, 1)), 4);
	CHECK_INT(date_weekday(D(1, 1, 1)), 1);
	CHECK_INT(date_weekday(D(9999, 12, 31)), 5);
	CHECK_INT(date_weekday(D(1940, 2, 15)), 4);
}

static void test_days_roundtrip_all(void)
{
	/* Every day of the range: increasing, valid, and back again. */
	struct date d, prev = { 0, 0, 0 };
	int64_t n;
	int bad = 0;

	for (n = -719162; n <= 2932896; n++) {
		if (date_from_days(n, &d, NULL) || !date_valid(d) || date_to_days(d) != n ||
		    date_cmp(prev, d) >= 0 || date_weekday(d) != (int)(((n + 4) % 7 + 7) % 7)) {
			if (bad++ < 5)
				fprintf(stderr, "  day %lld -> %d-%d-%d\n", (long long)n, d.y, d.m,
					d.d);
		}
		prev = d;
	}
	CHECK_INT(bad, 0);
}

static void test_add(void)
{
	struct date d;
	struct err e;

	err_init(&e);
	CHECK_INT(date_add_days(D(2024, 12, 31), 1, &d, &e), 0);
	CHECK_DATE(d, 2025, 1, 1);
	CHECK_INT(date_add_days(D(2025, 1, 1), -1, &d, &e), 0);
	CHECK_DATE(d, 2024, 12, 31);
	CHECK_INT(date_add_days(D(2024, 2, 28), 1, &d, &e), 0);
	CHECK_DATE(d, 2024, 2, 29);
	CHECK_INT(date_add_days(D(2025, 2, 28), 1, &d, &e), 0);
	CHECK_DATE(d, 2025, 3, 1);
	CHECK_INT(date_add_days(D(2025, 1, 1), 180, &d, &e), 0);
	CHECK_DATE(d, 2025, 6, 30);
	CHECK_INT(date_add_days(D(2025, 1, 1), 365, &d, &e), 0);
	CHECK_DATE(d, 2026, 1, 1);
	CHECK_INT(date_add_days(D(2024, 1, 1), 366, &d, &e), 0);
	CHECK_DATE(d, 2025, 1, 1);
	CHECK_INT(date_add_days(D(9999, 12, 31), 1, &d, &e), ERR_INVALID);
	CHECK_DATE(d, 0, 0, 0);
	CHECK_INT(date_add_days(D(1, 1, 1), -1, &d, &e), ERR_INVALID);
	CHECK_INT(date_add_days(D(2025, 1, 1), INT64_MAX, &d, &e), ERR_INVALID);
	CHECK_INT(date_add_days(D(2025, 1, 1), INT64_MIN, &d, &e), ERR_INVALID);
	CHECK_INT(date_add_days(D(2025, 2, 30), 1, &d, &e), ERR_INVALID);
	CHECK_INT(date_add_days(D(1, 1, 1), 2932896 + 719162, &d, &e), 0);
	CHECK_DATE(d, 9999, 12, 31);

	CHECK_INT(date_add_months(D(2025, 1, 31), 1, &d, &e), 0);
	CHECK_DATE(d, 2025, 2, 28);
	CHECK_INT(date_add_months(D(2024, 1, 31), 1, &d, &e), 0);
	CHECK_DATE(d, 2024, 2, 29);
	CHECK_INT(date_add_months(D(2025, 3, 31), -1, &d, &e), 0);
	CHECK_DATE(d, 2025, 2, 28);
	CHECK_INT(date_add_months(D(2025, 5, 31), 1, &d, &e), 0);
	CHECK_DATE(d, 2025, 6, 30);
	CHECK_INT(date_add_months(D(2025, 12, 15), 1, &d, &e), 0);
	CHECK_DATE(d, 2026, 1, 15);
	CHECK_INT(date_add_months(D(2025, 1, 15), -1, &d, &e), 0);
	CHECK_DATE(d, 2024, 12, 15);
	CHECK_INT(date_add_months(D(2025, 1, 15), -13, &d, &e), 0);
	CHECK_DATE(d, 2023, 12, 15);
	CHECK_INT(date_add_months(D(2025, 1, 15), 0, &d, &e), 0);
	CHECK_DATE(d, 2025, 1, 15);
	CHECK_INT(date_add_months(D(9999, 12, 1), 1, &d, &e), ERR_INVALID);
	CHECK_INT(date_add_months(D(1, 1, 1), -1, &d, &e), ERR_INVALID);
	CHECK_INT(date_add_months(D(2025, 1, 1), INT64_MIN, &d, &e), ERR_INVALID);
	CHECK_INT(date_add_months(D(2025, 1, 1), INT64_MAX, &d, &e), ERR_INVALID);

	CHECK_INT(date_add_years(D(2024, 2, 29), 1, &d, &e), 0);
	CHECK_DATE(d, 2025, 2, 28);
	CHECK_INT(date_add_years(D(2024, 2, 29), 4, &d, &e), 0);
	CHECK_DATE(d, 2028, 2, 29);
	CHECK_INT(date_add_years(D(2024, 2, 29), -100, &d, &e), 0);
	CHECK_DATE(d, 1924, 2, 29);
	CHECK_INT(date_add_years(D(2000, 2, 29), 100, &d, &e), 0);
	CHECK_DATE(d, 2100, 2, 28);
	CHECK_INT(date_add_years(D(2025, 6, 1), 7974, &d, &e), 0);
	CHECK_DATE(d, 9999, 6, 1);
	CHECK_INT(date_add_years(D(2025, 6, 1), 7975, &d, &e), ERR_INVALID);
	CHECK_INT(date_add_years(D(2025, 6, 1), INT64_MAX, &d, &e), ERR_INVALID);
	CHECK_INT(date_add_years(D(2025, 6, 1), INT64_MIN, &d, &e), ERR_INVALID);
	CHECK_INT(date_add_years(D(2025, 13, 1), INT64_MIN, &d, &e), ERR_INVALID);
	CHECK_STR(e.en, "not a valid date");
}

static void test_waiting_period(void)
{
	/* DOMAIN rule 6: 180 days from joining. */
	CHECK_INT(date_diff_days(D(2025, 1, 1), D(2025, 6, 29)), 179);
	CHECK_INT(date_diff_days(D(2025, 1, 1), D(2025, 6, 30)), 180);
	CHECK_INT(date_diff_days(D(2025, 6, 30), D(2025, 1, 1)), -180);
	CHECK_INT(date_diff_days(D(2024, 1, 1), D(2025, 1, 1)), 366);
	CHECK_INT(date_diff_days(D(1, 1, 1), D(9999, 12, 31)), 3652058);
}

static int age(struct date b, struct date on)
{
	int years = -1;

	if (date_age(b, on, &years, NULL))
		return -1;
	return years;
}

static void test_age(void)
{
	struct date d;
	int years = 77;

	CHECK_INT(age(D(1965, 10, 1), D(2025, 9, 30)), 59);
	CHECK_INT(age(D(1965, 10, 1), D(2025, 10, 1)), 60);
	CHECK_INT(age(D(1965, 10, 1), D(2035, 10, 1)), 70);
	CHECK_INT(age(D(2025, 1, 5), D(2025, 1, 5)), 0);
	CHECK_INT(age(D(2024, 12, 31), D(2025, 1, 1)), 0);
	CHECK_INT(age(D(2024, 1, 1), D(2024, 12, 31)), 0);
	CHECK_INT(age(D(2024, 1, 1), D(2025, 1, 1)), 1);
	CHECK_INT(age(D(1, 1, 1), D(9999, 12, 31)), 9998);
	/* 29 February: 1 March in common years, 29 February in leap years. */
	CHECK_INT(age(D(2000, 2, 29), D(2001, 2, 28)), 0);
	CHECK_INT(age(D(2000, 2, 29), D(2001, 3, 1)), 1);
	CHECK_INT(age(D(2000, 2, 29), D(2004, 2, 28)), 3);
	CHECK_INT(age(D(2000, 2, 29), D(2004, 2, 29)), 4);
	CHECK_INT(age(D(1964, 2, 29), D(2024, 2, 28)), 59);
	CHECK_INT(age(D(1964, 2, 29), D(2024, 2, 29)), 60);
	CHECK_INT(age(D(1965, 2, 28), D(2025, 2, 28)), 60);
	CHECK_INT(age(D(1965, 3, 1), D(2025, 2, 28)), 59);
	/* Errors leave 0. */
	CHECK_INT(date_age(D(2025, 1, 2), D(2025, 1, 1), &years, NULL), ERR_INVALID);
	CHECK_INT(years, 0);
	CHECK_INT(date_age(D(2025, 2, 29), D(2026, 1, 1), &years, NULL), ERR_INVALID);

	CHECK_INT(date_anniversary(D(2000, 2, 29), 1, &d, NULL), 0);
	CHECK_DATE(d, 2001, 3, 1);
	CHECK_INT(date_anniversary(D(2000, 2, 29), 4, &d, NULL), 0);
	CHECK_DATE(d, 2004, 2, 29);
	CHECK_INT(date_anniversary(D(1965, 10, 1), 60, &d, NULL), 0);
	CHECK_DATE(d, 2025, 10, 1);
	CHECK_INT(date_anniversary(D(1965, 10, 1), 0, &d, NULL), 0);
	CHECK_DATE(d, 1965, 10, 1);
	CHECK_INT(date_anniversary(D(1965, 10, 1), -1, &d, NULL), ERR_INVALID);
	CHECK_INT(date_anniversary(D(1965, 10, 1), 8035, &d, NULL), ERR_INVALID);
	CHECK_INT(date_anniversary(D(1965, 10, 1), INT32_MAX, &d, NULL), ERR_INVALID);
}

static void test_age_matches_anniversary(void)
{
	/* age(b, x) >= n exactly when x >= anniversary(b, n), around every birthday shape. */
	static const struct date births[] = { { 2000, 2, 29 }, { 2001, 2, 28 }, { 2001, 3, 1 },
					      { 1999, 12, 31 }, { 2000, 1, 1 }, { 1996, 2, 29 } };
	size_t i;
	int bad = 0;

	for (i = 0; i < ARRAY_SIZE(births); i++) {
		int32_t n0 = date_to_days(births[i]), k;

		for (k = 0; k < 366 * 9; k++) {
			struct date x, a;
			int years, n;

			date_from_days(n0 + k, &x, NULL);
			REQUIRE(date_age(births[i], x, &years, NULL) == 0);
			for (n = 0; n <= 9; n++) {
				REQUIRE(date_anniversary(births[i], n, &a, NULL) == 0);
				if ((years >= n) != (date_cmp(x, a) >= 0))
					bad++;
			}
		}
	}
	CHECK_INT(bad, 0);
}

static void test_be_year(void)
{
	CHECK_INT(date_be_year(D(2025, 1, 5)), 2568);
	CHECK_INT(date_be_year(D(2026, 11, 22)), 2569);
	CHECK_INT(date_be_year(D(1941, 1, 1)), 2484);
	CHECK_INT(date_be_year(D(1941, 3, 31)), 2484);
	CHECK_INT(date_be_year(D(1940, 12, 31)), 2483);
	CHECK_INT(date_be_year(D(1940, 4, 1)), 2483);
	CHECK_INT(date_be_year(D(1940, 3, 31)), 2482);
	CHECK_INT(date_be_year(D(1940, 2, 15)), 2482); /* DOMAIN rule 4: historically 2482 */
	CHECK_INT(date_be_year(D(1940, 1, 1)), 2482);
	CHECK_INT(date_be_year(D(1939, 4, 1)), 2482);
	CHECK_INT(date_be_year(D(1939, 3, 31)), 2481);
	CHECK_INT(date_be_year(D(1, 1, 1)), 543);
	CHECK_INT(date_be_year(D(9999, 12, 31)), 10542);
}

static void test_from_be(void)
{
	struct date d;
	struct err e;

	err_init(&e);
	CHECK_INT(date_from_be(2568, 1, 5, &d, "f", &e), 0);
	CHECK_DATE(d, 2025, 1, 5);
	CHECK_INT(date_from_be(2482, 2, 15, &d, "f", &e), 0);
	CHECK_DATE(d, 1940, 2, 15);
	CHECK_INT(date_from_be(2482, 2, 29, &d, "f", &e), 0); /* 1940 is a leap year */
	CHECK_DATE(d, 1940, 2, 29);
	CHECK_INT(date_from_be(2482, 4, 1, &d, "f", &e), 0);
	CHECK_DATE(d, 1939, 4, 1);
	CHECK_INT(date_from_be(2483, 4, 1, &d, "f", &e), 0);
	CHECK_DATE(d, 1940, 4, 1);
	CHECK_INT(date_from_be(2483, 12, 31, &d, "f", &e), 0);
	CHECK_DATE(d, 1940, 12, 31);
	CHECK_INT(date_from_be(2484, 1, 1, &d, "f", &e), 0);
	CHECK_DATE(d, 1941, 1, 1);
	CHECK_INT(date_from_be(2484, 3, 31, &d, "f", &e), 0);
	CHECK_DATE(d, 1941, 3, 31);
	CHECK_INT(date_from_be(2483, 1, 1, &d, "f", &e), ERR_INVALID);
	CHECK_DATE(d, 0, 0, 0);
	CHECK_STR(e.field, "f");
	CHECK_STR(e.en, "1/1/2483: no such date: B.E. 2483 ran from 1 April to 31 December "
			"(January-March 2484 is 1941, January-March 2482 is 1940)");
	CHECK_INT(date_from_be(2483, 3, 31, &d, "f", &e), ERR_INVALID);
	CHECK_INT(date_from_be(2481, 2, 29, &d, "f", &e), ERR_INVALID); /* Feb 1939 */
	CHECK_STR(e.en, "29/2/2481: B.E. 2481 is not a leap year; February has 28 days");
	CHECK_INT(date_from_be(2568, 2, 29, &d, "f", &e), ERR_INVALID);
	CHECK_STR(e.en, "29/2/2568: B.E. 2568 is not a leap year; February has 28 days");
	CHECK_STR(e.th, "29/2/2568: ปี พ.ศ. 2568 ไม่ใช่ปีอธิกสุรทิน เดือนกุมภาพันธ์มี 28 วัน");
	CHECK_INT(date_from_be(2567, 2, 29, &d, "f", &e), 0);
	CHECK_DATE(d, 2024, 2, 29);
	CHECK_INT(date_from_be(2568, 4, 31, &d, "f", &e), ERR_INVALID);
	CHECK_STR(e.en, "31/4/2568: April has 30 days; there is no day 31");
	CHECK_STR(e.th, "31/4/2568: เดือนเมษายนมี 30 วัน ไม่มีวันที่ 31");
	CHECK_INT(date_from_be(2568, 13, 1, &d, "f", &e), ERR_INVALID);
	CHECK_STR(e.en, "1/13/2568: there is no month 13");
	CHECK_INT(date_from_be(2568, 1, 0, &d, "f", &e), ERR_INVALID);
	CHECK_INT(date_from_be(542, 1, 1, &d, "f", &e), ERR_INVALID);
	CHECK_STR(e.en, "1/1/542: the year B.E. 542 is out of range");
	CHECK_INT(date_from_be(543, 1, 1, &d, "f", &e), 0);
	CHECK_DATE(d, 1, 1, 1);
	CHECK_INT(date_from_be(10542, 12, 31, &d, "f", &e), 0);
	CHECK_DATE(d, 9999, 12, 31);
	CHECK_INT(date_from_be(10543, 1, 1, &d, "f", &e), ERR_INVALID);
	CHECK_INT(date_from_be(-5, 1, 1, &d, "f", &e), ERR_INVALID);
}

static void test_be_roundtrip(void)
{
	/* Both directions agree for every day of 1800-2200, across the 1941 reform. */
	int32_t n;
	int bad = 0;

	for (n = date_to_days(D(1800, 1, 1)); n <= date_to_days(D(2200, 12, 31)); n++) {
		struct date d, back;

		date_from_days(n, &d, NULL);
		if (date_from_be(date_be_year(d), d.m, d.d, &back, "f", NULL) ||
		    date_cmp(d, back) != 0)
			bad++;
	}
	CHECK_INT(bad, 0);
}

static void test_format_domain(void)
{
	/* DOMAIN rule 4 and the node ICU outputs of §4. */
	CHECK_STR(fmt(D(2025, 1, 5), DATE_FULL, 0), "วันอาทิตย์ที่ 5 มกราคม พ.ศ. 2568");
	CHECK_STR(fmt(D(2025, 1, 5), DATE_LONG, 0), "5 มกราคม 2568");
	CHECK_STR(fmt(D(2025, 1, 5), DATE_MEDIUM, 0), "5 ม.ค. 2568");
	CHECK_STR(fmt(D(2025, 1, 5), DATE_SHORT, 0), "5/1/68");
	CHECK_STR(fmt(D(2025, 1, 5), DATE_NUMERIC, 0), "5/1/2568");
	CHECK_STR(fmt(D(2025, 1, 5), DATE_ISO, 0), "2025-01-05");
	CHECK_STR(fmt(D(2025, 1, 5), DATE_LONG, DATE_THAI_DIGITS), "๕ มกราคม ๒๕๖๘");
	CHECK_STR(fmt(D(2025, 1, 5), DATE_FULL, DATE_THAI_DIGITS),
		  "วันอาทิตย์ที่ ๕ มกราคม พ.ศ. ๒๕๖๘");
	CHECK_STR(fmt(D(2025, 1, 5), DATE_ISO, DATE_THAI_DIGITS), "๒๐๒๕-๐๑-๐๕");
	CHECK_STR(fmt(D(2026, 11, 22), DATE_LONG, 0), "22 พฤศจิกายน 2569");
	CHECK_STR(fmt(D(2025, 1, 5), DATE_LONG, DATE_ENGLISH), "5 January 2025");
	CHECK_STR(fmt(D(2025, 1, 5), DATE_FULL, DATE_ENGLISH), "Sunday, 5 January 2025");
	CHECK_STR(fmt(D(2025, 1, 5), DATE_MEDIUM, DATE_ENGLISH), "5 Jan 2025");
	CHECK_STR(fmt(D(2025, 1, 5), DATE_SHORT, DATE_ENGLISH), "05/01/2025");
	CHECK_STR(fmt(D(2025, 1, 5), DATE_NUMERIC, DATE_ENGLISH), "5/1/2025");
	CHECK_STR(fmt(D(2025, 1, 5), DATE_LONG, DATE_ENGLISH | DATE_THAI_DIGITS),
		  "๕ January ๒๐๒๕");
}

static void test_format_more(void)
{
	static const char *const abbr[12] = { "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
					      "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค." };
	static const char *const wd[7] = { "อาทิตย์", "จันทร์", "อังคาร", "พุธ",
					   "พฤหัสบดี", "ศุกร์", "เสาร์" };
	char want[128];
	struct buf b;
	struct err e;
	int m, i;

	for (m = 1; m <= 12; m++) {
		snprintf(want, sizeof(want), "1 %s 2568", abbr[m - 1]);
		CHECK_STR(fmt(D(2025, m, 1), DATE_MEDIUM, 0), want);
	}
	/* 2025-01-05 is a Sunday; the week that follows. */
	for (i = 0; i < 7; i++) {
		snprintf(want, sizeof(want), "วัน%sที่ %d มกราคม พ.ศ. 2568", wd[i], 5 + i);
		CHECK_STR(fmt(D(2025, 1, 5 + i), DATE_FULL, 0), want);
	}
	/* Year boundaries and the pre-1941 policy. */
	CHECK_STR(fmt(D(2024, 12, 31), DATE_LONG, 0), "31 ธันวาคม 2567");
	CHECK_STR(fmt(D(2025, 1, 1), DATE_SHORT, 0), "1/1/68");
	CHECK_STR(fmt(D(1957, 6, 1), DATE_SHORT, 0), "1/6/00");
	CHECK_STR(fmt(D(1940, 2, 15), DATE_LONG, 0), "15 กุมภาพันธ์ 2482");
	CHECK_STR(fmt(D(1940, 4, 1), DATE_LONG, 0), "1 เมษายน 2483");
	CHECK_STR(fmt(D(1941, 1, 1), DATE_LONG, 0), "1 มกราคม 2484");
	CHECK_STR(fmt(D(1940, 2, 15), DATE_NUMERIC, 0), "15/2/2482");
	CHECK_STR(fmt(D(1940, 2, 15), DATE_LONG, DATE_ENGLISH), "15 February 1940");
	CHECK_STR(fmt(D(1, 1, 1), DATE_ISO, 0), "0001-01-01");
	CHECK_STR(fmt(D(1, 1, 1), DATE_LONG, 0), "1 มกราคม 543"); /* 1 + 542 */
	CHECK_STR(fmt(D(9999, 12, 31), DATE_LONG, 0), "31 ธันวาคม 10542");
	/* Invalid input. */
	CHECK_STR(fmt(D(2025, 2, 29), DATE_LONG, 0), "ERR invalid date or style");
	CHECK_STR(fmt(D(2025, 1, 1), (enum date_style)99, 0), "ERR invalid date or style");
	/* A capped buffer is left as it was. */
	buf_init(&b, 12);
	err_init(&e);
	buf_puts(&b, "x");
	CHECK_INT(date_format(D(2025, 1, 5), DATE_FULL, 0, &b, &e), ERR_TOO_LARGE);
	CHECK_STR(b.ptr, "x");
	CHECK_INT(date_format(D(2025, 1, 5), DATE_ISO, 0, &b, &e), 0);
	CHECK_STR(b.ptr, "x2025-01-05");
	buf_release(&b);
}

static void test_parse_good(void)
{
	CHECK_STR(parse("2025-01-05", 0), "2025-01-05");
	CHECK_STR(parse("2025-1-5", 0), "2025-01-05");
	CHECK_STR(parse("5/1/2568", 0), "2025-01-05");
	CHECK_STR(parse("05/01/2568", 0), "2025-01-05");
	CHECK_STR(parse("๕/๑/๒๕๖๘", 0), "2025-01-05");
	CHECK_STR(parse("๐๕/๐๑/๒๕๖๘", 0), "2025-01-05");
	CHECK_STR(parse("๒๐๒๕-๐๑-๐๕", 0), "2025-01-05");
	CHECK_STR(parse("5/๑/2568", 0), "2025-01-05");
	CHECK_STR(parse("  22/11/2569\t\n", 0), "2026-11-22");
	CHECK_STR(parse("29/2/2567", 0), "2024-02-29");
	CHECK_STR(parse("2024-02-29", 0), "2024-02-29");
	CHECK_STR(parse("31/12/2567", 0), "2024-12-31");
	CHECK_STR(parse("1/1/2568", 0), "2025-01-01");
	CHECK_STR(parse("0001-01-01", 0), "0001-01-01");
	CHECK_STR(parse("9999-12-31", 0), "9999-12-31");
	CHECK_STR(parse("31/12/9999", 0), "9456-12-31");
	/* B.E. threshold and the caller's choice of era. */
	/* Before 1941, January-March is B.E. + 542 (policy in date.h). */
	CHECK_STR(parse("1/1/2401", 0), "1859-01-01");
	CHECK_STR(parse("1/4/2401", 0), "1858-04-01");
	CHECK_STR(parse("5/1/2025", DATE_PARSE_CE), "2025-01-05");
	CHECK_STR(parse("5/1/2568", DATE_PARSE_CE), "2025-01-05");
	CHECK_STR(parse("29/2/2000", DATE_PARSE_CE), "2000-02-29");
	CHECK_STR(parse("5/1/2025", DATE_PARSE_BE), "1483-01-05");
	CHECK_STR(parse("5/5/2025", DATE_PARSE_BE), "1482-05-05");
	CHECK_STR(parse("5/1/2025", DATE_PARSE_BE | DATE_PARSE_CE), "1483-01-05");
	CHECK_STR(parse("1/1/1000", DATE_PARSE_BE), "0458-01-01");
	/* Pre-1941 in the historical reckoning. */
	CHECK_STR(parse("15/2/2482", 0), "1940-02-15");
	CHECK_STR(parse("29/2/2482", 0), "1940-02-29");
	CHECK_STR(parse("1/4/2483", 0), "1940-04-01");
	CHECK_STR(parse("1/1/2484", 0), "1941-01-01");
	CHECK_STR(parse("31/3/2482", 0), "1940-03-31");
	CHECK_STR(parse("1/4/2482", 0), "1939-04-01");
	/* ISO is always C.E., even a year that looks like B.E. */
	CHECK_STR(parse("1940-02-15", 0), "1940-02-15");
	CHECK_STR(parse("2568-01-05", 0), "2568-01-05");
}

static void test_parse_impossible(void)
{
	CHECK_STR(parse("31/4/2568", 0), "ERR 31/4/2568: April has 30 days; there is no day 31");
	CHECK_STR(parse("29/2/2568", 0),
		  "ERR 29/2/2568: B.E. 2568 is not a leap year; February has 28 days");
	CHECK_STR(parse("30/2/2567", 0), "ERR 30/2/2567: February has 29 days; there is no day 30");
	CHECK_STR(parse("32/1/2568", 0), "ERR 32/1/2568: January has 31 days; there is no day 32");
	CHECK_STR(parse("0/1/2568", 0), "ERR 0/1/2568: January has 31 days; there is no day 0");
	CHECK_STR(parse("1/13/2568", 0), "ERR 1/13/2568: there is no month 13");
	CHECK_STR(parse("1/0/2568", 0), "ERR 1/0/2568: there is no month 0");
	CHECK_STR(parse("2025-04-31", 0), "ERR 2025-04-31: April has 30 days; there is no day 31");
	CHECK_STR(parse("2025-02-29", 0),
		  "ERR 2025-02-29: 2025 is not a leap year; February has 28 days");
	CHECK_STR(parse("1900-02-29", 0),
		  "ERR 1900-02-29: 1900 is not a leap year; February has 28 days");
	CHECK_STR(parse("2025-13-01", 0), "ERR 2025-13-01: there is no month 13");
	CHECK_STR(parse("2025-00-10", 0), "ERR 2025-00-10: there is no month 0");
	CHECK_STR(parse("2025-01-00", 0), "ERR 2025-01-00: January has 31 days; there is no day 0");
	CHECK_STR(parse("0000-01-01", 0), "ERR 0000-01-01: there is no year 0");
	CHECK_STR(parse("29/2/2025", DATE_PARSE_CE),
		  "ERR 2025-02-29: 2025 is not a leap year; February has 28 days");
	CHECK_STR(parse("1/1/2483", 0),
		  "ERR 1/1/2483: no such date: B.E. 2483 ran from 1 April to 31 December "
		  "(January-March 2484 is 1941, January-March 2482 is 1940)");
	CHECK_STR(parse("31/3/2483", 0),
		  "ERR 31/3/2483: no such date: B.E. 2483 ran from 1 April to 31 December "
		  "(January-March 2484 is 1941, January-March 2482 is 1940)");
	CHECK_STR(parse("29/2/2481", 0),
		  "ERR 29/2/2481: B.E. 2481 is not a leap year; February has 28 days");
	CHECK_STR(parse("1/1/0000", DATE_PARSE_BE), "ERR 1/1/0: the year B.E. 0 is out of range");
}

static void test_parse_ambiguous_and_garbage(void)
{
	static const char *const garbage[] = {
		"5/1", "5/1/", "/1/2568", "5//2568", "5/1/2568/", "2025-01", "2025-01-05-",
		"2025/01/05", "05-01-2568", "5-1/2568", "2025-001-05", "20250105", "123/1/2568",
		"5/100/2568", "5/1/25680", "5/1/256", "5/1/2", "-2025-01-05", "25-01-05",
		"12025-01-05", "1/1/123456789012345678901234567890", "/", "-", "//", "๕/๑",
		"5 / 1 / 2568",
	};
	char want[256];
	size_t i;

	CHECK_STR(parse("5/1/2025", 0),
		  "ERR 5/1/2025: is 2025 a B.E. or a C.E. year? Write the B.E. year (e.g. 2568) "
		  "or use YYYY-MM-DD for C.E.");
	CHECK_STR(parse("1/1/2400", 0),
		  "ERR 1/1/2400: is 2400 a B.E. or a C.E. year? Write the B.E. year (e.g. 2568) "
		  "or use YYYY-MM-DD for C.E.");
	CHECK_STR(parse("5/1/68", 0), "ERR 5/1/68: write the year with 4 digits (e.g. 2568)");
	CHECK_STR(parse("5/1/05", DATE_PARSE_CE),
		  "ERR 5/1/05: write the year with 4 digits (e.g. 2505)");
	CHECK_STR(parse("", 0), "ERR enter a date");
	CHECK_STR(parse(" \t ", 0), "ERR enter a date");
	CHECK_STR(parse("2025-01-05T00:00:00Z", 0),
		  "ERR the date has the character 'T' at position 11; only digits and / or - are allowed");
	CHECK_STR(parse("5 ม.ค. 2568", 0),
		  "ERR the date has the character U+0020 at position 2; only digits and / or - are allowed");
	CHECK_STR(parse("5.1.2568", 0),
		  "ERR the date has the character '.' at position 2; only digits and / or - are allowed");
	CHECK_STR(parse("ก/1/2568", 0),
		  "ERR the date has the character U+0E01 at position 1; only digits and / or - are allowed");
	CHECK_STR(parse("'", 0),
		  "ERR the date has the character U+0027 at position 1; only digits and / or - are allowed");
	snprintf(want, sizeof(want), "%s", parse("\xFF", 0));
	CHECK(!strncmp(want, "ERR invalid date format", 23));
	CHECK_STR(want, parse("1", 0));
	for (i = 0; i < ARRAY_SIZE(garbage); i++) {
		const char *got = parse(garbage[i], 0);

		if (strncmp(got, "ERR ", 4))
			fprintf(stderr, "  accepted garbage \"%s\" as %s\n", garbage[i], got);
		CHECK(!strncmp(got, "ERR ", 4));
	}
	/* Longer than any date. */
	CHECK_STR(parse("                                  5/1/2568                  ", 0),
		  "2025-01-05");
	CHECK(!strncmp(parse("5/1/2568 00000000000000000000000000000000000000000000000000000", 0),
		       "ERR ", 4));
}

static void test_parse_thai_message(void)
{
	struct date d;
	struct err e;

	err_init(&e);
	CHECK_INT(date_parse("5/1/2025", 0, &d, "birth_date", &e), ERR_INVALID);
	CHECK_STR(e.th, "5/1/2025: ปี 2025 เป็น พ.ศ. หรือ ค.ศ.? กรอกปี พ.ศ. (เช่น 2568) "
			"หรือใช้รูปแบบ ปปปป-ดด-วว สำหรับ ค.ศ.");
	CHECK_INT(date_parse("2025-02-30", 0, &d, "birth_date", &e), ERR_INVALID);
	CHECK_STR(e.th, "2025-02-30: เดือนกุมภาพันธ์มี 28 วัน ไม่มีวันที่ 30");
	CHECK_INT(date_parse("x", 0, &d, "birth_date", NULL), ERR_INVALID);
}

static void test_parse_format_roundtrip(void)
{
	/*
	 * ISO and D/M/YYYY (B.E.) both read back what date_format writes, from
	 * 1 April 1858, the first day of B.E. 2401 (earlier B.E. years are
	 * ambiguous without DATE_PARSE_BE).
	 */
	int32_t n;
	int bad = 0;

	for (n = date_to_days(D(1858, 4, 1)); n <= date_to_days(D(2300, 12, 31)); n += 1) {
		struct date d, back;
		struct buf b;

		date_from_days(n, &d, NULL);
		buf_init(&b, 0);
		date_format(d, DATE_ISO, 0, &b, NULL);
		if (date_parse(b.ptr, 0, &back, "f", NULL) || date_cmp(d, back))
			bad++;
		buf_reset(&b);
		date_format(d, DATE_NUMERIC, DATE_THAI_DIGITS, &b, NULL);
		if (date_parse(b.ptr, 0, &back, "f", NULL) || date_cmp(d, back))
			bad++;
		buf_reset(&b);
		date_format(d, DATE_NUMERIC, DATE_ENGLISH, &b, NULL);
		if (date_parse(b.ptr, DATE_PARSE_CE, &back, "f", NULL) || date_cmp(d, back))
			bad++;
		buf_release(&b);
	}
	CHECK_INT(bad, 0);
}

static const char *ts(time_t t, int which, enum date_style style, unsigned flags)
{
	static char s[1024];
	struct buf b;
	struct err e;
	int rc;

	buf_init(&b, 0);
	err_init(&e);
	rc = which ? date_format_bangkok(t, style, flags, &b, &e) : date_format_utc(t, &b, &e);
	if (rc)
		snprintf(s, sizeof(s), "ERR %s", e.en);
	else
		snprintf(s, sizeof(s), "%s", b.ptr);
	buf_release(&b);
	return s;
}

static void test_timestamps(void)
{
	struct date d;
	int sec;

	CHECK_STR(ts(0, 0, 0, 0), "1970-01-01T00:00:00Z");
	CHECK_STR(ts(-1, 0, 0, 0), "1969-12-31T23:59:59Z");
	CHECK_STR(ts(1736035200, 0, 0, 0), "2025-01-05T00:00:00Z");
	CHECK_STR(ts(1736035200 + 14 * 3600 + 5 * 60 + 9, 0, 0, 0), "2025-01-05T14:05:09Z");
	CHECK_STR(ts(253402300799, 0, 0, 0), "9999-12-31T23:59:59Z");
	CHECK_STR(ts(-62135596800, 0, 0, 0), "0001-01-01T00:00:00Z");
	CHECK(!strncmp(ts(253402300800, 0, 0, 0), "ERR ", 4));
	CHECK(!strncmp(ts(-62135596801, 0, 0, 0), "ERR ", 4));
	CHECK(!strncmp(ts(INT64_MAX, 0, 0, 0), "ERR ", 4));
	CHECK(!strncmp(ts(INT64_MIN, 0, 0, 0), "ERR ", 4));

	/* Bangkok is UTC+7: 2025-01-04T17:00Z is midnight of the 5th. */
	CHECK_STR(ts(1736010000, 1, DATE_LONG, 0), "5 มกราคม 2568 เวลา 00:00 น.");
	CHECK_STR(ts(1736010000 - 1, 1, DATE_LONG, 0), "4 มกราคม 2568 เวลา 23:59 น.");
	CHECK_STR(ts(1736010000 - 1, 1, DATE_LONG, DATE_SECONDS), "4 มกราคม 2568 เวลา 23:59:59 น.");
	CHECK_STR(ts(1736035200 + 14 * 3600 + 5 * 60 + 9, 1, DATE_LONG, 0),
		  "5 มกราคม 2568 เวลา 21:05 น.");
	CHECK_STR(ts(1736035200 + 14 * 3600 + 5 * 60 + 9, 1, DATE_FULL, DATE_THAI_DIGITS),
		  "วันอาทิตย์ที่ ๕ มกราคม พ.ศ. ๒๕๖๘ เวลา ๒๑:๐๕ น.");
	CHECK_STR(ts(1736035200 + 14 * 3600 + 5 * 60 + 9, 1, DATE_LONG, DATE_ENGLISH),
		  "5 January 2025, 21:05");
	CHECK_STR(ts(1736035200 + 14 * 3600 + 5 * 60 + 9, 1, DATE_MEDIUM,
		     DATE_ENGLISH | DATE_SECONDS),
		  "5 Jan 2025, 21:05:09");
	CHECK_STR(ts(1736035200 + 14 * 3600 + 5 * 60 + 9, 1, DATE_ISO, 0),
		  "2025-01-05T21:05:09+07:00");
	CHECK_STR(ts(-1, 1, DATE_ISO, 0), "1970-01-01T06:59:59+07:00");
	/* New Year's Eve in Bangkok is still the old year in UTC. */
	CHECK_STR(ts(1735664400, 1, DATE_SHORT, 0), "1/1/68 เวลา 00:00 น.");
	CHECK_STR(ts(1735664400, 0, 0, 0), "2024-12-31T17:00:00Z");
	/* The last Bangkok second of year 9999 and the first past it. */
	CHECK_STR(ts(253402300799 - 7 * 3600, 1, DATE_ISO, 0), "9999-12-31T23:59:59+07:00");
	CHECK(!strncmp(ts(253402300800 - 7 * 3600, 1, DATE_ISO, 0), "ERR ", 4));
	CHECK(!strncmp(ts(0, 1, (enum date_style)-1, 0), "ERR ", 4));

	CHECK_INT(date_from_time(1736010000, DATE_BANGKOK_OFFSET, &d, &sec, NULL), 0);
	CHECK_DATE(d, 2025, 1, 5);
	CHECK_INT(sec, 0);
	CHECK_INT(date_from_time(1736010000, 0, &d, &sec, NULL), 0);
	CHECK_DATE(d, 2025, 1, 4);
	CHECK_INT(sec, 17 * 3600);
	CHECK_INT(date_from_time(-86400 * 2 - 5, -3600, &d, &sec, NULL), 0);
	CHECK_DATE(d, 1969, 12, 29);
	CHECK_INT(sec, 86400 - 3600 - 5);
	CHECK_INT(date_from_time(0, 86400, &d, &sec, NULL), ERR_INVALID);
	CHECK_INT(sec, 0);
}

int main(void)
{
	RUN(test_leap_and_months);
	RUN(test_days);
	RUN(test_days_roundtrip_all);
	RUN(test_add);
	RUN(test_waiting_period);
	RUN(test_age);
	RUN(test_age_matches_anniversary);
	RUN(test_be_year);
	RUN(test_from_be);
	RUN(test_be_roundtrip);
	RUN(test_format_domain);
	RUN(test_format_more);
	RUN(test_parse_good);
	RUN(test_parse_impossible);
	RUN(test_parse_ambiguous_and_garbage);
	RUN(test_parse_thai_message);
	RUN(test_parse_format_roundtrip);
	RUN(test_timestamps);
	return test_summary("date");
}
