/*
 * libFuzzer target for core/date's parser and formats.
 *
 * Each input is parsed as a date under each era policy (none, C.E., B.E.).
 * Invariants checked: a parsed date is valid and survives day numbers, the
 * B.E. conversion both ways, every format, and ISO and D/M/YYYY text
 * written by date_format parses back to the same date; flags only ever add
 * readings, never change one; a failure leaves the date zero and gives a
 * valid UTF-8 message in both languages. The first eight bytes, read as a
 * time_t, also go through the timestamp formats.
 */
#include <assert.h>
#include "core/date.h"
#include "core/thtext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_failure(int rc, struct date d, const struct err *e)
{
	assert(rc == ERR_INVALID);
	assert(e->code == ERR_INVALID);
	assert(d.y == 0 && d.m == 0 && d.d == 0);
	assert(e->th[0] && e->en[0]);
	assert(thtext_utf8_valid(e->th, strlen(e->th)));
	assert(thtext_utf8_valid(e->en, strlen(e->en)));
}

static void reparse(struct date d, enum date_style style, unsigned fflags, unsigned pflags)
{
	struct date back;
	struct buf b;
	int rc;

	buf_init(&b, 0);
	rc = date_format(d, style, fflags, &b, NULL);
	assert(rc == 0);
	rc = date_parse(b.ptr, pflags, &back, "date", NULL);
	assert(rc == 0 && date_cmp(d, back) == 0);
	buf_release(&b);
}

static void check_date(struct date d)
{
	struct date x;
	struct buf b;
	int style, be = date_be_year(d);

	assert(date_valid(d));
	assert(date_from_days(date_to_days(d), &x, NULL) == 0 && date_cmp(d, x) == 0);
	assert(date_from_be(be, d.m, d.d, &x, "date", NULL) == 0 && date_cmp(d, x) == 0);
	buf_init(&b, 0);
	for (style = DATE_FULL; style <= DATE_ISO; style++) {
		assert(date_format(d, (enum date_style)style, 0, &b, NULL) == 0);
		assert(date_format(d, (enum date_style)style, DATE_ENGLISH | DATE_THAI_DIGITS, &b,
				   NULL) == 0);
	}
	assert(thtext_utf8_valid(b.ptr, b.len));
	buf_release(&b);
	reparse(d, DATE_ISO, 0, 0);
	reparse(d, DATE_ISO, DATE_THAI_DIGITS, 0);
	if (be >= 1000 && be <= 9999) {
		reparse(d, DATE_NUMERIC, 0, DATE_PARSE_BE);
		reparse(d, DATE_NUMERIC, DATE_THAI_DIGITS, DATE_PARSE_BE);
		if (be > 2400)
			reparse(d, DATE_NUMERIC, 0, 0);
	}
	if (d.y >= 1000 && d.y <= 2400)
		reparse(d, DATE_NUMERIC, DATE_ENGLISH, DATE_PARSE_CE);
}

static void check_time(time_t t)
{
	struct buf b;
	struct err e;
	int rc;

	buf_init(&b, 0);
	err_init(&e);
	rc = date_format_utc(t, &b, &e);
	assert(rc == 0 || rc == ERR_INVALID);
	if (rc == 0) {
		struct date d, back;
		int sec;

		assert(b.len == 20 && b.ptr[10] == 'T' && b.ptr[19] == 'Z');
		assert(date_from_time(t, 0, &d, &sec, NULL) == 0);
		b.ptr[10] = '\0';
		assert(date_parse(b.ptr, 0, &back, "t", NULL) == 0 && date_cmp(d, back) == 0);
	}
	buf_reset(&b);
	rc = date_format_bangkok(t, DATE_FULL, DATE_SECONDS, &b, &e);
	assert(rc == 0 || rc == ERR_INVALID);
	assert(thtext_utf8_valid(b.ptr, b.len));
	buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned flags[3] = { 0, DATE_PARSE_CE, DATE_PARSE_BE };
	struct date d[3];
	char *s = xmalloc(size + 1);
	int rc[3], i;

	memcpy(s, data, size);
	s[size] = '\0';
	for (i = 0; i < 3; i++) {
		struct err e;

		err_init(&e);
		rc[i] = date_parse(s, flags[i], &d[i], "date", &e);
		if (rc[i] == 0)
			check_date(d[i]);
		else
			check_failure(rc[i], d[i], &e);
	}
	/* What parses without flags parses the same with either. */
	if (rc[0] == 0) {
		assert(rc[1] == 0 && date_cmp(d[0], d[1]) == 0);
		assert(rc[2] == 0 && date_cmp(d[0], d[2]) == 0);
	}
	if (size >= 8) {
		int64_t t;

		memcpy(&t, data, 8);
		check_time((time_t)t);
	}
	free(s);
	return 0;
}
