/*
 * Community welfare funds: the statute (its JSON form, validation and the
 * default a new fund starts from), the version in force on a date, dues and
 * standing month by month, and the judgement of a claim with its reasoning
 * in Thai and English.
 *
 * What it does not do: store anything, read the clock, post to a ledger or
 * decide who may approve a claim (app/fund.c does). The caller passes the
 * history a claim is judged against and the member's standing.
 *
 * Invariants: money is int64_t satang; no sum here can overflow (amounts are
 * clamped to 0..FUND_AMOUNT_MAX before they are multiplied, dates bound the
 * number of months to under 120,000, and the remaining sums saturate);
 * fund_statute_parse leaves *s zeroed on failure; every statute it returns
 * passes fund_statute_check, and fund_statute_json of it parses back to an
 * equal statute. Every calc_line is valid UTF-8 (text is cut on a character
 * boundary).
 */
#include <jansson.h>
#include "core/fund.h"
#include "core/money.h"
#include "core/thtext.h"

/* Bounds of the integer settings (amounts use FUND_AMOUNT_MAX). */
#define WAIT_MAX 3650        /* days: ten years */
#define SUSPEND_MAX 120      /* months */
#define BP_MAX 10000         /* basis points: 100% */
#define PER_YEAR_MAX 366     /* claims of one benefit in a year */
#define LIFETIME_MAX 1000    /* claims of one benefit in a life */
#define AGE_MAX 150
#define YEARS_MAX 100        /* years of membership */
/* A statute is a few kilobytes; refuse anything absurd before parsing it. */
#define JSON_MAX_BYTES (1u << 20)
/* How far past asof paid_through may run for payments made in advance. */
#define ADVANCE_MAX_MONTHS 1200

/* ---- small helpers ---- */

static int64_t clamp_amount(int64_t v)
{
	if (v < 0)
		return 0;
	return v > FUND_AMOUNT_MAX ? FUND_AMOUNT_MAX : v;
}

static int64_t sat_add(int64_t a, int64_t b)
{
	int64_t r;

	if (__builtin_add_overflow(a, b, &r))
		return b > 0 ? INT64_MAX : INT64_MIN;
	return r;
}

/* Copies src into dst[cap], cutting on a UTF-8 character boundary. */
static void copy_text(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static bool date_zero(struct date d)
{
	return d.y == 0 && d.m == 0 && d.d == 0;
}

/* Baht for a reasoning line: "1,000" for whole baht, "1,000.50" otherwise. */
static const char *baht(int64_t satang, char *out, size_t n)
{
	struct buf b;
	size_t len;

	buf_init(&b, 0);
	money_format(satang, 0, &b, NULL);
	len = b.len;
	if (len > 3 && !strcmp(b.ptr + len - 3, ".00"))
		buf_truncate(&b, len - 3);
	copy_text(out, n, b.ptr);
	buf_release(&b);
	return out;
}

/* A date for a reasoning line: "30 มิ.ย. 2568" or "30 Jun 2025". */
static const char *day_text(struct date d, bool en, char *out, size_t n)
{
	struct buf b;

	buf_init(&b, 0);
	if (date_format(d, DATE_MEDIUM, en ? DATE_ENGLISH : 0, &b, NULL))
		buf_puts(&b, "?");
	copy_text(out, n, b.ptr);
	buf_release(&b);
	return out;
}

/* ---- the default statute ---- */

static struct benefit_rule *add_benefit(struct fund_statute *s, const char *code,
					const char *th, const char *en,
					enum benefit_basis basis, int64_t amount)
{
	struct benefit_rule *r = &s->benefits[s->nbenefits++];

	copy_text(r->code, sizeof(r->code), code);
	copy_text(r->name_th, sizeof(r->name_th), th);
	copy_text(r->name_en, sizeof(r->name_en), en);
	r->recipient = RECIPIENT_MEMBER;
	r->basis = basis;
	r->amount = amount;
	r->waiting_days = -1;
	return r;
}

static void set_conditions(struct benefit_rule *r, const char *th, const char *en)
{
	copy_text(r->conditions_th, sizeof(r->conditions_th), th);
	copy_text(r->conditions_en, sizeof(r->conditions_en), en);
}

static void add_step(struct benefit_rule *r, int min_years, int min_age, int64_t amount)
{
	struct benefit_step *st = &r->steps[r->nsteps++];

	st->min_years = min_years;
	st->min_age = min_age;
	st->amount = amount;
}

void fund_statute_default(struct fund_statute *s)
{
	struct benefit_rule *r;

	memset(s, 0, sizeof(*s));
	s->joining_fee = 2000;
	s->unit = CONTRIB_DAY;
	s->contribution = 100;
	s->pay_week = s->pay_month = s->pay_year = true;
	s->suspend_after_months = 6;
	s->waiting_days = 180;
	s->admin_limit_bp = 2000;
	s->nonmember_aid = true;
	s->nonmember_event_cap = 200000;
	s->nonmember_year_cap = 5000000;

	r = add_benefit(s, "birth", "คลอดบุตร", "Childbirth", BASIS_FIXED, 50000);
	set_conditions(r, "แนบสำเนาสูติบัตรของบุตร", "attach a copy of the child's birth certificate");

	r = add_benefit(s, "hospital", "นอนโรงพยาบาล", "Hospital stay", BASIS_PER_UNIT, 20000);
	copy_text(r->unit_th, sizeof(r->unit_th), "คืน");
	copy_text(r->unit_en, sizeof(r->unit_en), "night");
	r->per_event_cap = 60000;
	r->per_year_cap = 100000;
	set_conditions(r, "นอนพักรักษาตัวในโรงพยาบาล แนบใบรับรองแพทย์หรือใบเสร็จ",
		       "an inpatient stay; attach a doctor's certificate or the hospital receipt");

	r = add_benefit(s, "death", "เสียชีวิต", "Death", BASIS_STEPS, 0);
	r->recipient = RECIPIENT_BENEFICIARY;
	add_step(r, 0, 0, 300000);
	add_step(r, 1, 0, 500000);
	add_step(r, 3, 0, 1000000);
	add_step(r, 5, 0, 1500000);
	add_step(r, 10, 0, 3000000);
	r->max_lifetime = 1;
	set_conditions(r, "จ่ายแก่ผู้รับประโยชน์ที่สมาชิกแจ้งไว้ แนบสำเนาใบมรณบัตร",
		       "paid to the beneficiary the member named; attach a copy of the death certificate");

	r = add_benefit(s, "old_age", "ผู้สูงอายุ", "Elderly member", BASIS_STEPS, 0);
	add_step(r, 3, 60, 20000);
	r->min_age = 60;
	r->min_member_years = 3;
	r->max_per_year = 1;
	set_conditions(r, "อายุ 60 ปีขึ้นไปและเป็นสมาชิกครบ 3 ปี จ่ายปีละครั้ง",
		       "aged 60 or over with 3 years of membership; paid once a year");

	r = add_benefit(s, "scholarship", "ทุนการศึกษา", "Scholarship", BASIS_FIXED, 50000);
	r->max_per_year = 1;
	set_conditions(r, "บุตรของสมาชิกที่มีผลการเรียนเฉลี่ย (GPA) 3.50 ขึ้นไป",
		       "a member's child with a grade point average (GPA) of 3.50 or more");

	r = add_benefit(s, "disaster", "ภัยพิบัติ", "Disaster relief", BASIS_FIXED, 100000);
	r->waiting_days = 0;
	r->nonmembers = true;
	set_conditions(r, "บ้านเสียหายจากอัคคีภัย อุทกภัย หรือวาตภัย คณะกรรมการตรวจสภาพ",
		       "a home damaged by fire, flood or storm, seen by the committee");

	r = add_benefit(s, "disability", "ผู้พิการ", "Member with a disability", BASIS_FIXED, 50000);
	r->max_per_year = 1;
	set_conditions(r, "มีบัตรประจำตัวคนพิการ จ่ายปีละครั้ง",
		       "holds a disability ID card; paid once a year");

	r = add_benefit(s, "family_funeral", "ฌาปนกิจครอบครัว", "Funeral of a family member",
			BASIS_FIXED, 100000);
	set_conditions(r, "บิดา มารดา คู่สมรส หรือบุตรของสมาชิกเสียชีวิต แนบสำเนาใบมรณบัตร",
		       "the member's parent, spouse or child died; attach a copy of the death certificate");
}

const struct benefit_rule *fund_benefit(const struct fund_statute *s, const char *code)
{
	int i;

	if (!code)
		return NULL;
	for (i = 0; i < s->nbenefits && i < FUND_MAX_BENEFITS; i++)
		if (!strcmp(s->benefits[i].code, code))
			return &s->benefits[i];
	return NULL;
}

/* ---- validation ---- */

/* prefix.key, or key alone at the top. */
static void path_join(char *out, size_t n, const char *prefix, const char *key)
{
	char t[96];

	snprintf(t, sizeof(t), "%s%s%s", prefix, *prefix ? "." : "", key);
	copy_text(out, n, t);
}

static int bad_range(const char *p, int64_t lo, int64_t hi, struct err *e)
{
	return err_set(e, ERR_INVALID, p, "%s: ต้องเป็นจำนวนเต็มตั้งแต่ %lld ถึง %lld",
		       "%s: must be a whole number from %lld to %lld", p, (long long)lo,
		       (long long)hi);
}

static int bad_amount(const char *p, struct err *e)
{
	return err_set(e, ERR_INVALID, p,
		       "%s: ต้องเป็นจำนวนเงินหน่วยสตางค์ ตั้งแต่ 0 ถึง %lld (10 ล้านบาท)",
		       "%s: must be an amount in satang from 0 to %lld (10 million baht)", p,
		       (long long)FUND_AMOUNT_MAX);
}

static int check_int(int64_t v, int64_t lo, int64_t hi, const char *prefix, const char *key,
		     struct err *e)
{
	char p[64];

	if (v >= lo && v <= hi)
		return 0;
	path_join(p, sizeof(p), prefix, key);
	return bad_range(p, lo, hi, e);
}

static int check_amount(int64_t v, const char *prefix, const char *key, struct err *e)
{
	char p[64];

	if (v >= 0 && v <= FUND_AMOUNT_MAX)
		return 0;
	path_join(p, sizeof(p), prefix, key);
	return bad_amount(p, e);
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* A text field of a struct: terminated within cap, valid UTF-8, no control
 * characters (tab and newlines only when multiline), non-blank when required. */
static int check_text(const char *s, size_t cap, bool required, unsigned flags,
		      const char *prefix, const char *key, struct err *e)
{
	char p[64];
	int rc;

	path_join(p, sizeof(p), prefix, key);
	if (!memchr(s, '\0', cap))
		return err_set(e, ERR_INVALID, p,
			       "%s: ยาวได้ไม่เกิน %zu ไบต์ (ภาษาไทยราว %zu ตัวอักษร)",
			       "%s: at most %zu bytes (about %zu Thai characters)", p, cap - 1,
			       (cap - 1) / 3);
	if (required && blank(s))
		return err_set(e, ERR_INVALID, p, "%s: ต้องไม่ว่าง", "%s: must not be empty", p);
	rc = thtext_check_field(s, strlen(s), cap - 1, flags, p, e);
	if (rc)
		err_prefix(e, p, p);
	return rc;
}

static int check_code(const char *code, const char *prefix, struct err *e)
{
	char p[64];
	size_t i, n;

	path_join(p, sizeof(p), prefix, "code");
	n = memchr(code, '\0', FUND_CODE_MAX) ? strlen(code) : FUND_CODE_MAX;
	for (i = 0; i < n; i++)
		if (!((code[i] >= 'a' && code[i] <= 'z') || (code[i] >= '0' && code[i] <= '9') ||
		      code[i] == '_'))
			break;
	if (n == 0 || n >= FUND_CODE_MAX || i < n)
		return err_set(e, ERR_INVALID, p,
			       "%s: รหัสต้องเป็นอักษร a-z ตัวเลข 0-9 หรือ _ ยาว 1 ถึง %d ตัว",
			       "%s: a code is 1 to %d characters of a-z, 0-9 and _", p,
			       FUND_CODE_MAX - 1);
	return 0;
}

static int step_cmp(const struct benefit_step *a, const struct benefit_step *b)
{
	if (a->min_years != b->min_years)
		return a->min_years < b->min_years ? -1 : 1;
	if (a->min_age != b->min_age)
		return a->min_age < b->min_age ? -1 : 1;
	return 0;
}

static int check_step(const struct benefit_step *st, const char *prefix, struct err *e)
{
	int rc;

	rc = check_int(st->min_years, 0, YEARS_MAX, prefix, "min_years", e);
	if (!rc)
		rc = check_int(st->min_age, 0, AGE_MAX, prefix, "min_age", e);
	if (!rc)
		rc = check_amount(st->amount, prefix, "amount", e);
	return rc;
}

static int check_steps(const struct benefit_rule *r, const char *prefix, struct err *e)
{
	char p[64], sp[96];
	int i, rc;

	path_join(p, sizeof(p), prefix, "steps");
	if (r->nsteps < 0 || r->nsteps > FUND_MAX_STEPS)
		return err_set(e, ERR_INVALID, p, "%s: มีได้ไม่เกิน %d ขั้น",
			       "%s: at most %d steps", p, FUND_MAX_STEPS);
	if (r->basis == BASIS_STEPS && r->nsteps == 0)
		return err_set(e, ERR_INVALID, p, "%s: จ่ายแบบขั้นต้องมีอย่างน้อยหนึ่งขั้น",
			       "%s: a stepped benefit needs at least one step", p);
	if (r->basis != BASIS_STEPS && r->nsteps > 0)
		return err_set(e, ERR_INVALID, p,
			       "%s: ใช้ได้เฉพาะเมื่อ basis เป็น \"steps\"",
			       "%s: only for basis \"steps\"", p);
	for (i = 0; i < r->nsteps; i++) {
		snprintf(sp, sizeof(sp), "%s[%d]", p, i);
		rc = check_step(&r->steps[i], sp, e);
		if (rc)
			return rc;
		if (i > 0 && step_cmp(&r->steps[i - 1], &r->steps[i]) >= 0)
			return err_set(e, ERR_INVALID, sp,
				       "%s: ขั้นต้องเรียงตาม min_years แล้ว min_age และไม่ซ้ำกัน",
				       "%s: steps must be sorted by min_years, then min_age, without repeats",
				       sp);
	}
	return 0;
}

/* Everything about benefit i, including that its code is not used before it. */
static int check_benefit(const struct fund_statute *s, int i, struct err *e)
{
	const struct benefit_rule *r = &s->benefits[i];
	char pre[32], p[64];
	int j, rc;

	snprintf(pre, sizeof(pre), "benefits[%d]", i);
	rc = check_code(r->code, pre, e);
	if (rc)
		return rc;
	for (j = 0; j < i; j++)
		if (!strcmp(s->benefits[j].code, r->code)) {
			path_join(p, sizeof(p), pre, "code");
			return err_set(e, ERR_INVALID, p, "%s: รหัส \"%s\" ซ้ำกับ benefits[%d]",
				       "%s: the code \"%s\" repeats benefits[%d]", p, r->code, j);
		}
	rc = check_text(r->name_th, sizeof(r->name_th), true, 0, pre, "name_th", e);
	if (!rc)
		rc = check_text(r->name_en, sizeof(r->name_en), true, 0, pre, "name_en", e);
	if (rc)
		return rc;
	if (r->recipient != RECIPIENT_MEMBER && r->recipient != RECIPIENT_BENEFICIARY) {
		path_join(p, sizeof(p), pre, "recipient");
		return err_set(e, ERR_INVALID, p, "%s: ต้องเป็น \"member\" หรือ \"beneficiary\"",
			       "%s: must be \"member\" or \"beneficiary\"", p);
	}
	if (r->basis != BASIS_FIXED && r->basis != BASIS_PER_UNIT && r->basis != BASIS_STEPS) {
		path_join(p, sizeof(p), pre, "basis");
		return err_set(e, ERR_INVALID, p,
			       "%s: ต้องเป็น \"fixed\" \"per_unit\" หรือ \"steps\"",
			       "%s: must be \"fixed\", \"per_unit\" or \"steps\"", p);
	}
	rc = check_amount(r->amount, pre, "amount", e);
	if (rc)
		return rc;
	if (r->basis == BASIS_STEPS && r->amount != 0) {
		path_join(p, sizeof(p), pre, "amount");
		return err_set(e, ERR_INVALID, p,
			       "%s: จ่ายแบบขั้นใช้จำนวนเงินของแต่ละขั้น ให้เว้นไว้หรือใส่ 0",
			       "%s: a stepped benefit takes its amounts from the steps; leave it out or 0",
			       p);
	}
	rc = check_text(r->unit_th, sizeof(r->unit_th), false, 0, pre, "unit_th", e);
	if (!rc)
		rc = check_text(r->unit_en, sizeof(r->unit_en), false, 0, pre, "unit_en", e);
	if (!rc)
		rc = check_steps(r, pre, e);
	if (!rc)
		rc = check_int(r->waiting_days, -1, WAIT_MAX, pre, "waiting_days", e);
	if (!rc)
		rc = check_amount(r->per_event_cap, pre, "per_event_cap", e);
	if (!rc)
		rc = check_amount(r->per_year_cap, pre, "per_year_cap", e);
	if (!rc)
		rc = check_amount(r->lifetime_cap, pre, "lifetime_cap", e);
	if (!rc)
		rc = check_int(r->max_per_year, 0, PER_YEAR_MAX, pre, "max_per_year", e);
	if (!rc)
		rc = check_int(r->max_lifetime, 0, LIFETIME_MAX, pre, "max_lifetime", e);
	if (!rc)
		rc = check_int(r->min_age, 0, AGE_MAX, pre, "min_age", e);
	if (!rc)
		rc = check_int(r->max_age, 0, AGE_MAX, pre, "max_age", e);
	if (rc)
		return rc;
	if (r->max_age > 0 && r->max_age < r->min_age) {
		path_join(p, sizeof(p), pre, "max_age");
		return err_set(e, ERR_INVALID, p, "%s: ต้องไม่น้อยกว่า min_age (%d)",
			       "%s: must not be below min_age (%d)", p, r->min_age);
	}
	rc = check_int(r->min_member_years, 0, YEARS_MAX, pre, "min_member_years", e);
	if (!rc)
		rc = check_text(r->conditions_th, sizeof(r->conditions_th), false, THTEXT_MULTILINE,
				pre, "conditions_th", e);
	if (!rc)
		rc = check_text(r->conditions_en, sizeof(r->conditions_en), false, THTEXT_MULTILINE,
				pre, "conditions_en", e);
	return rc;
}

/* The statute's own settings, before its benefits. */
static int check_settings(const struct fund_statute *s, struct err *e)
{
	int rc;

	rc = check_amount(s->joining_fee, "", "joining_fee", e);
	if (rc)
		return rc;
	if (s->unit != CONTRIB_DAY && s->unit != CONTRIB_MONTH && s->unit != CONTRIB_YEAR)
		return err_set(e, ERR_INVALID, "contribution.unit",
			       "contribution.unit: ต้องเป็น \"day\" \"month\" หรือ \"year\"",
			       "contribution.unit: must be \"day\", \"month\" or \"year\"");
	rc = check_amount(s->contribution, "contribution", "amount", e);
	if (rc)
		return rc;
	if (!s->pay_week && !s->pay_month && !s->pay_year)
		return err_set(e, ERR_INVALID, "payment_frequencies",
			       "payment_frequencies: ต้องมีอย่างน้อยหนึ่งแบบ (week, month, year)",
			       "payment_frequencies: at least one of week, month, year is needed");
	rc = check_int(s->suspend_after_months, 0, SUSPEND_MAX, "", "suspend_after_months", e);
	if (!rc)
		rc = check_int(s->waiting_days, 0, WAIT_MAX, "", "waiting_days", e);
	if (!rc)
		rc = check_int(s->admin_limit_bp, 0, BP_MAX, "", "admin_limit_bp", e);
	if (!rc)
		rc = check_amount(s->nonmember_event_cap, "nonmember_aid", "per_event_cap", e);
	if (!rc)
		rc = check_amount(s->nonmember_year_cap, "nonmember_aid", "per_year_cap", e);
	if (!rc && (s->nbenefits < 0 || s->nbenefits > FUND_MAX_BENEFITS))
		rc = err_set(e, ERR_INVALID, "benefits", "benefits: มีได้ไม่เกิน %d รายการ",
			     "benefits: at most %d benefits", FUND_MAX_BENEFITS);
	return rc;
}

int fund_statute_check(const struct fund_statute *s, struct err *e)
{
	int i, rc;

	rc = check_settings(s, e);
	for (i = 0; !rc && i < s->nbenefits; i++)
		rc = check_benefit(s, i, e);
	return rc;
}

/* ---- parsing ---- */

static int missing(const char *p, struct err *e)
{
	return err_set(e, ERR_INVALID, p, "%s: ต้องระบุ", "%s: is required", p);
}

/* Refuses any key of o not in keys (a NULL-terminated list). */
static int only_keys(json_t *o, const char *const *keys, const char *prefix, struct err *e)
{
	void *it;

	for (it = json_object_iter(o); it; it = json_object_iter_next(o, it)) {
		const char *k = json_object_iter_key(it);
		char shortk[48], p[64];
		size_t i;

		for (i = 0; keys[i]; i++)
			if (!strcmp(k, keys[i]))
				break;
		if (keys[i])
			continue;
		/* An empty key still needs a name for the field path. */
		copy_text(shortk, sizeof(shortk), *k ? k : "\"\"");
		path_join(p, sizeof(p), prefix, shortk);
		return err_set(e, ERR_INVALID, p, "%s: ไม่รู้จักช่องนี้ (สะกดผิดหรือไม่)",
			       "%s: unknown key (a typo?)", p);
	}
	return 0;
}

static int get_int(json_t *o, const char *key, const char *prefix, bool required, int64_t lo,
		   int64_t hi, bool amount, int64_t *out, struct err *e)
{
	json_t *v = json_object_get(o, key);
	char p[64];
	int64_t x;

	path_join(p, sizeof(p), prefix, key);
	if (!v)
		return required ? missing(p, e) : 0;
	if (!json_is_integer(v))
		return err_set(e, ERR_INVALID, p, "%s: ต้องเป็นจำนวนเต็ม", "%s: must be a whole number",
			       p);
	x = json_integer_value(v);
	if (x < lo || x > hi)
		return amount ? bad_amount(p, e) : bad_range(p, lo, hi, e);
	*out = x;
	return 0;
}

static int get_small(json_t *o, const char *key, const char *prefix, int lo, int hi, int *out,
		     struct err *e)
{
	int64_t x = *out;
	int rc = get_int(o, key, prefix, false, lo, hi, false, &x, e);

	*out = (int)x;
	return rc;
}

static int get_money(json_t *o, const char *key, const char *prefix, bool required,
		     int64_t *out, struct err *e)
{
	return get_int(o, key, prefix, required, 0, FUND_AMOUNT_MAX, true, out, e);
}

static int get_bool(json_t *o, const char *key, const char *prefix, bool *out, struct err *e)
{
	json_t *v = json_object_get(o, key);
	char p[64];

	if (!v)
		return 0;
	path_join(p, sizeof(p), prefix, key);
	if (!json_is_boolean(v))
		return err_set(e, ERR_INVALID, p, "%s: ต้องเป็น true หรือ false",
			       "%s: must be true or false", p);
	*out = json_is_true(v);
	return 0;
}

/* A string into dst[cap]; its content is checked by check_text. */
static int get_text(json_t *o, const char *key, const char *prefix, bool required,
		    unsigned flags, char *dst, size_t cap, struct err *e)
{
	json_t *v = json_object_get(o, key);
	char p[64];
	size_t n;

	path_join(p, sizeof(p), prefix, key);
	if (!v)
		return required ? missing(p, e) : 0;
	if (!json_is_string(v))
		return err_set(e, ERR_INVALID, p, "%s: ต้องเป็นข้อความ", "%s: must be a string", p);
	n = json_string_length(v);
	if (n >= cap)
		return err_set(e, ERR_INVALID, p,
			       "%s: ยาวได้ไม่เกิน %zu ไบต์ (ภาษาไทยราว %zu ตัวอักษร)",
			       "%s: at most %zu bytes (about %zu Thai characters)", p, cap - 1,
			       (cap - 1) / 3);
	memcpy(dst, json_string_value(v), n);
	dst[n] = '\0';
	if (memchr(dst, '\0', n))
		return err_set(e, ERR_INVALID, p, "%s: มีอักขระ NUL", "%s: contains a NUL character",
			       p);
	return check_text(dst, cap, required, flags, prefix, key, e);
}

/* One of names[] (NULL-terminated); *out becomes values[i]. */
static int get_enum(json_t *o, const char *key, const char *prefix, bool required,
		    const char *const *names, const int *values, int *out, struct err *e)
{
	json_t *v = json_object_get(o, key);
	char p[64], list[96] = "";
	size_t i, used = 0;

	path_join(p, sizeof(p), prefix, key);
	if (!v)
		return required ? missing(p, e) : 0;
	for (i = 0; json_is_string(v) && names[i]; i++)
		if (!strcmp(json_string_value(v), names[i])) {
			*out = values[i];
			return 0;
		}
	for (i = 0; names[i] && used < sizeof(list); i++)
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s\"%s\"",
					 i ? ", " : "", names[i]);
	return err_set(e, ERR_INVALID, p, "%s: ต้องเป็นหนึ่งใน %s", "%s: must be one of %s", p,
		       list);
}

static json_t *get_typed(json_t *o, const char *key, const char *prefix, bool object,
			 int *rc, struct err *e)
{
	json_t *v = json_object_get(o, key);
	char p[64];

	*rc = 0;
	if (!v)
		return NULL;
	if (object ? json_is_object(v) : json_is_array(v))
		return v;
	path_join(p, sizeof(p), prefix, key);
	*rc = object ? err_set(e, ERR_INVALID, p, "%s: ต้องเป็นออบเจกต์ {...}",
			       "%s: must be an object {...}", p)
		     : err_set(e, ERR_INVALID, p, "%s: ต้องเป็นอาร์เรย์ [...]",
			       "%s: must be an array [...]", p);
	return NULL;
}

static const char *const step_keys[] = { "min_years", "min_age", "amount", NULL };

static int parse_steps(json_t *arr, struct benefit_rule *r, const char *prefix, struct err *e)
{
	char p[64], sp[96];
	size_t i;
	int j, rc;

	path_join(p, sizeof(p), prefix, "steps");
	if (json_array_size(arr) > FUND_MAX_STEPS)
		return err_set(e, ERR_INVALID, p, "%s: มีได้ไม่เกิน %d ขั้น",
			       "%s: at most %d steps", p, FUND_MAX_STEPS);
	for (i = 0; i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i);
		struct benefit_step *st = &r->steps[i];
		int64_t amount = 0;

		snprintf(sp, sizeof(sp), "%s[%zu]", p, i);
		if (!json_is_object(o))
			return err_set(e, ERR_INVALID, sp, "%s: ต้องเป็นออบเจกต์ {...}",
				       "%s: must be an object {...}", sp);
		rc = only_keys(o, step_keys, sp, e);
		if (!rc)
			rc = get_small(o, "min_years", sp, 0, YEARS_MAX, &st->min_years, e);
		if (!rc)
			rc = get_small(o, "min_age", sp, 0, AGE_MAX, &st->min_age, e);
		if (!rc)
			rc = get_money(o, "amount", sp, true, &amount, e);
		if (rc)
			return rc;
		st->amount = amount;
		for (j = 0; j < (int)i; j++)
			if (step_cmp(&r->steps[j], st) == 0)
				return err_set(e, ERR_INVALID, sp,
					       "%s: min_years และ min_age ซ้ำกับ steps[%d]",
					       "%s: min_years and min_age repeat steps[%d]", sp, j);
		r->nsteps++;
	}
	/* Insertion sort: at most FUND_MAX_STEPS, and already sorted as a rule. */
	for (j = 1; j < r->nsteps; j++) {
		struct benefit_step t = r->steps[j];
		int k = j;

		while (k > 0 && step_cmp(&r->steps[k - 1], &t) > 0) {
			r->steps[k] = r->steps[k - 1];
			k--;
		}
		r->steps[k] = t;
	}
	return 0;
}

static const char *const benefit_keys[] = {
	"code", "name_th", "name_en", "recipient", "basis", "amount", "unit_th", "unit_en",
	"steps", "waiting_days", "per_event_cap", "per_year_cap", "lifetime_cap",
	"max_per_year", "max_lifetime", "min_age", "max_age", "min_member_years", "nonmembers",
	"conditions_th", "conditions_en", NULL,
};
static const char *const recipient_names[] = { "member", "beneficiary", NULL };
static const int recipient_values[] = { RECIPIENT_MEMBER, RECIPIENT_BENEFICIARY };
static const char *const basis_names[] = { "fixed", "per_unit", "steps", NULL };
static const int basis_values[] = { BASIS_FIXED, BASIS_PER_UNIT, BASIS_STEPS };

static int parse_benefit(json_t *o, struct fund_statute *s, int i, struct err *e)
{
	struct benefit_rule *r = &s->benefits[i];
	int recipient = RECIPIENT_MEMBER, basis = 0, rc;
	char pre[32];
	json_t *steps;

	snprintf(pre, sizeof(pre), "benefits[%d]", i);
	if (!json_is_object(o))
		return err_set(e, ERR_INVALID, pre, "%s: ต้องเป็นออบเจกต์ {...}",
			       "%s: must be an object {...}", pre);
	r->waiting_days = -1;
	rc = only_keys(o, benefit_keys, pre, e);
	if (!rc)
		rc = get_text(o, "code", pre, true, 0, r->code, sizeof(r->code), e);
	if (!rc)
		rc = check_code(r->code, pre, e);
	if (!rc)
		rc = get_text(o, "name_th", pre, true, 0, r->name_th, sizeof(r->name_th), e);
	if (!rc)
		rc = get_text(o, "name_en", pre, true, 0, r->name_en, sizeof(r->name_en), e);
	if (!rc)
		rc = get_enum(o, "recipient", pre, false, recipient_names, recipient_values,
			      &recipient, e);
	if (!rc)
		rc = get_enum(o, "basis", pre, true, basis_names, basis_values, &basis, e);
	if (rc)
		return rc;
	r->recipient = (enum benefit_recipient)recipient;
	r->basis = (enum benefit_basis)basis;
	rc = get_money(o, "amount", pre, r->basis != BASIS_STEPS, &r->amount, e);
	if (!rc)
		rc = get_text(o, "unit_th", pre, false, 0, r->unit_th, sizeof(r->unit_th), e);
	if (!rc)
		rc = get_text(o, "unit_en", pre, false, 0, r->unit_en, sizeof(r->unit_en), e);
	if (rc)
		return rc;
	steps = get_typed(o, "steps", pre, false, &rc, e);
	if (!rc && steps)
		rc = parse_steps(steps, r, pre, e);
	if (!rc)
		rc = get_small(o, "waiting_days", pre, -1, WAIT_MAX, &r->waiting_days, e);
	if (!rc)
		rc = get_money(o, "per_event_cap", pre, false, &r->per_event_cap, e);
	if (!rc)
		rc = get_money(o, "per_year_cap", pre, false, &r->per_year_cap, e);
	if (!rc)
		rc = get_money(o, "lifetime_cap", pre, false, &r->lifetime_cap, e);
	if (!rc)
		rc = get_small(o, "max_per_year", pre, 0, PER_YEAR_MAX, &r->max_per_year, e);
	if (!rc)
		rc = get_small(o, "max_lifetime", pre, 0, LIFETIME_MAX, &r->max_lifetime, e);
	if (!rc)
		rc = get_small(o, "min_age", pre, 0, AGE_MAX, &r->min_age, e);
	if (!rc)
		rc = get_small(o, "max_age", pre, 0, AGE_MAX, &r->max_age, e);
	if (!rc)
		rc = get_small(o, "min_member_years", pre, 0, YEARS_MAX, &r->min_member_years, e);
	if (!rc)
		rc = get_bool(o, "nonmembers", pre, &r->nonmembers, e);
	if (!rc)
		rc = get_text(o, "conditions_th", pre, false, THTEXT_MULTILINE, r->conditions_th,
			      sizeof(r->conditions_th), e);
	if (!rc)
		rc = get_text(o, "conditions_en", pre, false, THTEXT_MULTILINE, r->conditions_en,
			      sizeof(r->conditions_en), e);
	if (!rc)
		rc = check_benefit(s, i, e);
	return rc;
}

static const char *const freq_names[] = { "week", "month", "year", NULL };

static int parse_frequencies(json_t *arr, struct fund_statute *s, struct err *e)
{
	bool *flag[3] = { &s->pay_week, &s->pay_month, &s->pay_year };
	char p[64];
	size_t i, k;

	s->pay_month = false;
	for (i = 0; i < json_array_size(arr); i++) {
		json_t *v = json_array_get(arr, i);

		snprintf(p, sizeof(p), "payment_frequencies[%zu]", i);
		for (k = 0; json_is_string(v) && freq_names[k]; k++)
			if (!strcmp(json_string_value(v), freq_names[k]))
				break;
		if (!json_is_string(v) || !freq_names[k])
			return err_set(e, ERR_INVALID, p,
				       "%s: ต้องเป็น \"week\" \"month\" หรือ \"year\"",
				       "%s: must be \"week\", \"month\" or \"year\"", p);
		if (*flag[k])
			return err_set(e, ERR_INVALID, p, "%s: \"%s\" ซ้ำ", "%s: \"%s\" repeats", p,
				       freq_names[k]);
		*flag[k] = true;
	}
	return 0;
}

static const char *const root_keys[] = {
	"joining_fee", "contribution", "payment_frequencies", "suspend_after_months",
	"waiting_days", "admin_limit_bp", "nonmember_aid", "benefits", NULL,
};
static const char *const contribution_keys[] = { "unit", "amount", NULL };
static const char *const aid_keys[] = { "allowed", "per_event_cap", "per_year_cap", NULL };
static const char *const unit_names[] = { "day", "month", "year", NULL };
static const int unit_values[] = { CONTRIB_DAY, CONTRIB_MONTH, CONTRIB_YEAR };

static int parse_root(json_t *root, struct fund_statute *s, struct err *e)
{
	json_t *contrib, *freq, *aid, *benefits;
	int unit = 0, rc;
	size_t i;

	/* Defaults of the optional keys (documented in fund.h). */
	s->pay_month = true;
	s->admin_limit_bp = 2000;
	rc = only_keys(root, root_keys, "", e);
	if (!rc)
		rc = get_money(root, "joining_fee", "", false, &s->joining_fee, e);
	if (rc)
		return rc;
	contrib = get_typed(root, "contribution", "", true, &rc, e);
	if (rc)
		return rc;
	if (!contrib)
		return missing("contribution", e);
	rc = only_keys(contrib, contribution_keys, "contribution", e);
	if (!rc)
		rc = get_enum(contrib, "unit", "contribution", true, unit_names, unit_values, &unit,
			      e);
	if (!rc)
		rc = get_money(contrib, "amount", "contribution", true, &s->contribution, e);
	if (rc)
		return rc;
	s->unit = (enum contrib_unit)unit;
	freq = get_typed(root, "payment_frequencies", "", false, &rc, e);
	if (!rc && freq)
		rc = parse_frequencies(freq, s, e);
	if (!rc)
		rc = get_small(root, "suspend_after_months", "", 0, SUSPEND_MAX,
			       &s->suspend_after_months, e);
	if (!rc)
		rc = get_small(root, "waiting_days", "", 0, WAIT_MAX, &s->waiting_days, e);
	if (!rc)
		rc = get_small(root, "admin_limit_bp", "", 0, BP_MAX, &s->admin_limit_bp, e);
	if (rc)
		return rc;
	aid = get_typed(root, "nonmember_aid", "", true, &rc, e);
	if (!rc && aid) {
		rc = only_keys(aid, aid_keys, "nonmember_aid", e);
		if (!rc)
			rc = get_bool(aid, "allowed", "nonmember_aid", &s->nonmember_aid, e);
		if (!rc)
			rc = get_money(aid, "per_event_cap", "nonmember_aid", false,
				       &s->nonmember_event_cap, e);
		if (!rc)
			rc = get_money(aid, "per_year_cap", "nonmember_aid", false,
				       &s->nonmember_year_cap, e);
	}
	if (!rc)
		rc = check_settings(s, e);
	if (rc)
		return rc;
	benefits = get_typed(root, "benefits", "", false, &rc, e);
	if (rc || !benefits)
		return rc;
	if (json_array_size(benefits) > FUND_MAX_BENEFITS)
		return err_set(e, ERR_INVALID, "benefits", "benefits: มีได้ไม่เกิน %d รายการ",
			       "benefits: at most %d benefits", FUND_MAX_BENEFITS);
	for (i = 0; i < json_array_size(benefits); i++) {
		rc = parse_benefit(json_array_get(benefits, i), s, (int)i, e);
		if (rc)
			return rc;
		s->nbenefits++;
	}
	return 0;
}

int fund_statute_parse(const char *json, size_t len, struct fund_statute *s, struct err *e)
{
	json_error_t jerr;
	json_t *root = NULL;
	int rc;

	memset(s, 0, sizeof(*s));
	if (len > JSON_MAX_BYTES) {
		rc = err_set(e, ERR_TOO_LARGE, "statute", "ระเบียบกองทุนยาวเกิน %u ไบต์",
			     "the statute is longer than %u bytes", JSON_MAX_BYTES);
		goto fail;
	}
	root = json_loadb(json ? json : "", json ? len : 0, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		size_t i;

		/* jansson may quote the input near the error: keep the message ASCII. */
		for (i = 0; jerr.text[i]; i++)
			if ((unsigned char)jerr.text[i] < 0x20 || (unsigned char)jerr.text[i] > 0x7e)
				jerr.text[i] = '?';
		rc = err_set(e, ERR_INVALID, "statute",
			     "ระเบียบกองทุน: JSON ไม่ถูกต้องที่บรรทัด %d คอลัมน์ %d: %s",
			     "statute: invalid JSON at line %d, column %d: %s", jerr.line,
			     jerr.column, jerr.text);
		goto fail;
	}
	if (!json_is_object(root)) {
		rc = err_set(e, ERR_INVALID, "statute", "ระเบียบกองทุนต้องเป็นออบเจกต์ JSON {...}",
			     "the statute must be a JSON object {...}");
		goto fail;
	}
	rc = parse_root(root, s, e);
	if (rc)
		goto fail;
	json_decref(root);
	return 0;
fail:
	json_decref(root);
	memset(s, 0, sizeof(*s));
	return rc;
}

/* ---- writing ---- */

static const char *name_of(const char *const *names, const int *values, int v)
{
	int i;

	for (i = 0; names[i]; i++)
		if (values[i] == v)
			return names[i];
	return "";
}

static json_t *benefit_json(const struct benefit_rule *r)
{
	json_t *o = json_object(), *steps = json_array();
	int i;

	for (i = 0; i < r->nsteps && i < FUND_MAX_STEPS; i++)
		json_array_append_new(steps, json_pack("{s:i, s:i, s:I}", "min_years",
						       r->steps[i].min_years, "min_age",
						       r->steps[i].min_age, "amount",
						       (json_int_t)r->steps[i].amount));
	json_object_set_new(o, "code", json_string(r->code));
	json_object_set_new(o, "name_th", json_string(r->name_th));
	json_object_set_new(o, "name_en", json_string(r->name_en));
	json_object_set_new(o, "recipient",
			    json_string(name_of(recipient_names, recipient_values, r->recipient)));
	json_object_set_new(o, "basis", json_string(name_of(basis_names, basis_values, r->basis)));
	json_object_set_new(o, "amount", json_integer(r->amount));
	json_object_set_new(o, "unit_th", json_string(r->unit_th));
	json_object_set_new(o, "unit_en", json_string(r->unit_en));
	json_object_set_new(o, "steps", steps);
	json_object_set_new(o, "waiting_days", json_integer(r->waiting_days));
	json_object_set_new(o, "per_event_cap", json_integer(r->per_event_cap));
	json_object_set_new(o, "per_year_cap", json_integer(r->per_year_cap));
	json_object_set_new(o, "lifetime_cap", json_integer(r->lifetime_cap));
	json_object_set_new(o, "max_per_year", json_integer(r->max_per_year));
	json_object_set_new(o, "max_lifetime", json_integer(r->max_lifetime));
	json_object_set_new(o, "min_age", json_integer(r->min_age));
	json_object_set_new(o, "max_age", json_integer(r->max_age));
	json_object_set_new(o, "min_member_years", json_integer(r->min_member_years));
	json_object_set_new(o, "nonmembers", json_boolean(r->nonmembers));
	json_object_set_new(o, "conditions_th", json_string(r->conditions_th));
	json_object_set_new(o, "conditions_en", json_string(r->conditions_en));
	return o;
}

void fund_statute_json(const struct fund_statute *s, struct buf *out)
{
	json_t *root = json_object(), *freq = json_array(), *benefits = json_array();
	char *text;
	int i;

	if (s->pay_week)
		json_array_append_new(freq, json_string("week"));
	if (s->pay_month)
		json_array_append_new(freq, json_string("month"));
	if (s->pay_year)
		json_array_append_new(freq, json_string("year"));
	for (i = 0; i < s->nbenefits && i < FUND_MAX_BENEFITS; i++)
		json_array_append_new(benefits, benefit_json(&s->benefits[i]));
	json_object_set_new(root, "joining_fee", json_integer(s->joining_fee));
	json_object_set_new(root, "contribution",
			    json_pack("{s:s, s:I}", "unit",
				      name_of(unit_names, unit_values, s->unit), "amount",
				      (json_int_t)s->contribution));
	json_object_set_new(root, "payment_frequencies", freq);
	json_object_set_new(root, "suspend_after_months", json_integer(s->suspend_after_months));
	json_object_set_new(root, "waiting_days", json_integer(s->waiting_days));
	json_object_set_new(root, "admin_limit_bp", json_integer(s->admin_limit_bp));
	json_object_set_new(root, "nonmember_aid",
			    json_pack("{s:b, s:I, s:I}", "allowed", (int)s->nonmember_aid,
				      "per_event_cap", (json_int_t)s->nonmember_event_cap,
				      "per_year_cap", (json_int_t)s->nonmember_year_cap));
	json_object_set_new(root, "benefits", benefits);
	text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (text)
		buf_puts(out, text);
	free(text);
	json_decref(root);
}

static bool benefit_equal(const struct benefit_rule *a, const struct benefit_rule *b)
{
	int i;

	if (strcmp(a->code, b->code) || strcmp(a->name_th, b->name_th) ||
	    strcmp(a->name_en, b->name_en) || a->recipient != b->recipient ||
	    a->basis != b->basis || a->amount != b->amount || strcmp(a->unit_th, b->unit_th) ||
	    strcmp(a->unit_en, b->unit_en) || a->nsteps != b->nsteps ||
	    a->waiting_days != b->waiting_days || a->per_event_cap != b->per_event_cap ||
	    a->per_year_cap != b->per_year_cap || a->lifetime_cap != b->lifetime_cap ||
	    a->max_per_year != b->max_per_year || a->max_lifetime != b->max_lifetime ||
	    a->min_age != b->min_age || a->max_age != b->max_age ||
	    a->min_member_years != b->min_member_years || a->nonmembers != b->nonmembers ||
	    strcmp(a->conditions_th, b->conditions_th) || strcmp(a->conditions_en, b->conditions_en))
		return false;
	for (i = 0; i < a->nsteps && i < FUND_MAX_STEPS; i++)
		if (step_cmp(&a->steps[i], &b->steps[i]) || a->steps[i].amount != b->steps[i].amount)
			return false;
	return true;
}

bool fund_statute_equal(const struct fund_statute *a, const struct fund_statute *b)
{
	int i;

	if (a->joining_fee != b->joining_fee || a->unit != b->unit ||
	    a->contribution != b->contribution || a->pay_week != b->pay_week ||
	    a->pay_month != b->pay_month || a->pay_year != b->pay_year ||
	    a->suspend_after_months != b->suspend_after_months ||
	    a->waiting_days != b->waiting_days || a->admin_limit_bp != b->admin_limit_bp ||
	    a->nonmember_aid != b->nonmember_aid ||
	    a->nonmember_event_cap != b->nonmember_event_cap ||
	    a->nonmember_year_cap != b->nonmember_year_cap || a->nbenefits != b->nbenefits)
		return false;
	for (i = 0; i < a->nbenefits && i < FUND_MAX_BENEFITS; i++)
		if (!benefit_equal(&a->benefits[i], &b->benefits[i]))
			return false;
	return true;
}

/* ---- versions, dues and standing ---- */

const struct statute_version *fund_statute_at(const struct statute_version *v, size_t n,
					      struct date d)
{
	size_t lo = 0, hi = n;

	/* The first version effective after d; the one before it is in force. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (date_cmp(v[mid].effective, d) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &v[lo - 1] : NULL;
}

/* Walks months forward, keeping the index of the version in force on each
 * month's first day (the first version for months before it). */
struct month_walk {
	const struct statute_version *v;
	size_t n, k;
	struct date join;
	int y, m;
};

static int64_t month_due(struct month_walk *w)
{
	struct date first = { w->y, w->m, 1 };
	const struct fund_statute *s;
	int64_t rate;

	while (w->k + 1 < w->n && date_cmp(w->v[w->k + 1].effective, first) <= 0)
		w->k++;
	s = &w->v[w->k].s;
	rate = clamp_amount(s->contribution);
	switch (s->unit) {
	case CONTRIB_DAY:
		return rate * date_days_in_month(w->y, w->m);
	case CONTRIB_MONTH:
		return rate;
	case CONTRIB_YEAR:
		return w->m == w->join.m ? rate : 0;
	}
	return 0;
}

static void month_next(struct month_walk *w)
{
	if (++w->m > 12) {
		w->m = 1;
		w->y++;
	}
}

/* True when the walk has not passed the month of d. */
static bool month_upto(const struct month_walk *w, struct date d)
{
	return w->y < d.y || (w->y == d.y && w->m <= d.m);
}

static bool dues_apply(const struct statute_version *v, size_t n, struct date join,
		       struct date asof)
{
	return v && n > 0 && date_valid(join) && date_valid(asof) && date_cmp(asof, join) >= 0;
}

int64_t fund_dues(const struct statute_version *v, size_t n, struct date join, struct date asof)
{
	struct month_walk w = { v, n, 0, join, join.y, join.m };
	int64_t due = 0;

	if (!dues_apply(v, n, join, asof))
		return 0;
	for (; month_upto(&w, asof); month_next(&w))
		due += month_due(&w);
	return due;
}

static struct date month_end(int y, int m)
{
	return (struct date){ y, m, date_days_in_month(y, m) };
}

void fund_standing(const struct statute_version *v, size_t n, struct date join, int64_t paid,
		   struct date asof, struct member_standing *out)
{
	struct month_walk w = { v, n, 0, join, join.y, join.m };
	const struct statute_version *now;
	int64_t cum = 0;
	int ahead = 0;

	memset(out, 0, sizeof(*out));
	out->paid = paid;
	out->balance = paid;
	if (!dues_apply(v, n, join, asof))
		return;
	/* Payments cover months oldest first: a month is covered when all the
	 * dues up to its end are paid. Covered months form a prefix. */
	for (; month_upto(&w, asof); month_next(&w)) {
		cum += month_due(&w);
		if (cum <= paid)
			out->paid_through = month_end(w.y, w.m);
		else
			out->months_unpaid++;
	}
	out->due = cum;
	if (__builtin_sub_overflow(paid, cum, &out->balance))
		out->balance = INT64_MIN;
	/* Paid in advance: follow the coverage past asof, within reason. */
	while (cum <= paid && ahead < ADVANCE_MAX_MONTHS && w.y <= DATE_MAX_YEAR) {
		cum += month_due(&w);
		if (cum > paid)
			break;
		out->paid_through = month_end(w.y, w.m);
		month_next(&w);
		ahead++;
	}
	out->in_arrears = out->months_unpaid >= 1;
	now = fund_statute_at(v, n, asof);
	if (!now)
		now = &v[0];
	out->suspended = now->s.suspend_after_months > 0 &&
			 out->months_unpaid >= now->s.suspend_after_months;
}

/* ---- claims ---- */

static void add_line(struct claim_result *r, const char *th, const char *en, ...)
	__attribute__((format(printf, 2, 4), format(printf, 3, 4)));

/* Adds a line; like err_set, both formats consume the same arguments. */
static void add_line(struct claim_result *r, const char *th, const char *en, ...)
{
	struct calc_line *l;
	char t[1024];
	va_list ap, cp;

	if (r->nlines >= CALC_MAX_LINES)
		return;
	l = &r->lines[r->nlines++];
	va_start(ap, en);
	va_copy(cp, ap);
	vsnprintf(t, sizeof(t), th, cp);
	va_end(cp);
	copy_text(l->th, sizeof(l->th), t);
	vsnprintf(t, sizeof(t), en, ap);
	va_end(ap);
	copy_text(l->en, sizeof(l->en), t);
}

/* A line whose two languages were written separately. */
static void add_pair(struct claim_result *r, const char *th, const char *en)
{
	add_line(r, "%s%.0s", "%.0s%s", th, en);
}

/* The English plural ending for n. */
static const char *plural(int n)
{
	return n == 1 ? "" : "s";
}

static void fail_rule(struct claim_result *r, const char *reason)
{
	if (r->eligible) {
		r->eligible = false;
		copy_text(r->reason, sizeof(r->reason), reason);
	}
}

static int bad_case(struct claim_result *r, const char *field, const char *th, const char *en,
		    struct err *e)
{
	memset(r, 0, sizeof(*r));
	return err_set(e, ERR_INVALID, field, "%s%.0s", "%.0s%s", th, en);
}

static int check_case(const struct claim_case *c, struct claim_result *r, struct err *e)
{
	size_t i;

	if (!c->benefit)
		return bad_case(r, "benefit", "ไม่ได้ระบุสวัสดิการ", "no benefit given", e);
	if (!date_valid(c->event))
		return bad_case(r, "event", "วันที่เกิดเหตุไม่ถูกต้อง", "the event date is not valid",
				e);
	if (c->units < 0)
		return bad_case(r, "units", "จำนวนหน่วยติดลบไม่ได้", "units cannot be negative", e);
	if (c->member && !date_valid(c->join))
		return bad_case(r, "join", "วันที่เข้าเป็นสมาชิกไม่ถูกต้อง",
				"the join date is not valid", e);
	if (!date_zero(c->birth) && !date_valid(c->birth))
		return bad_case(r, "birth", "วันเกิดไม่ถูกต้อง", "the date of birth is not valid", e);
	if (!date_zero(c->birth) && date_cmp(c->event, c->birth) < 0)
		return bad_case(r, "event", "วันที่เกิดเหตุอยู่ก่อนวันเกิด",
				"the event date is before the date of birth", e);
	if (c->nhistory > 0 && !c->history)
		return bad_case(r, "history", "ไม่มีประวัติการรับสวัสดิการ", "the history is missing",
				e);
	for (i = 0; i < c->nhistory; i++)
		if (!date_valid(c->history[i].event) || c->history[i].amount < 0)
			return bad_case(r, "history",
					"ประวัติการรับสวัสดิการมีวันที่หรือจำนวนเงินไม่ถูกต้อง",
					"the history has an invalid date or amount", e);
	if (c->nonmember_year_paid < 0)
		return bad_case(r, "nonmember_year_paid", "ยอดช่วยเหลือผู้ไม่เป็นสมาชิกติดลบไม่ได้",
				"non-member aid paid cannot be negative", e);
	return 0;
}

/* What judging a claim works out along the way. */
struct judge {
	const struct fund_statute *s;
	const struct benefit_rule *b;
	const struct claim_case *c;
	int years;             /* completed years of membership; 0 for non-members */
	int age;               /* completed years of age; -1 when unknown */
	int count_year, count_life;
	int64_t paid_year, paid_life;
};

static void judge_membership(struct judge *j, struct claim_result *r)
{
	const struct claim_case *c = j->c;
	char th[48], en[48];

	if (!c->member) {
		if (!j->s->nonmember_aid) {
			add_line(r, "ไม่เป็นสมาชิก: ระเบียบกองทุนไม่ให้ความช่วยเหลือผู้ไม่เป็นสมาชิก",
				 "not a member: the statute gives no aid to non-members");
			fail_rule(r, "nonmember");
		} else if (!j->b->nonmembers) {
			add_line(r, "ไม่เป็นสมาชิก: สวัสดิการนี้สำหรับสมาชิกเท่านั้น",
				 "not a member: this benefit is for members only");
			fail_rule(r, "nonmember");
		} else {
			add_line(r, "ไม่เป็นสมาชิก: กองทุนช่วยเหลือผู้ไม่เป็นสมาชิกด้วยสวัสดิการนี้ได้",
				 "not a member: the fund may give this benefit as aid to non-members");
		}
		return;
	}
	day_text(c->join, false, th, sizeof(th));
	day_text(c->join, true, en, sizeof(en));
	if (c->suspended) {
		add_line(r, "สมาชิกตั้งแต่ %s%.0s แต่ถูกพักสิทธิ์เพราะค้างส่งเงินสมทบ",
			 "member since %.0s%s, but suspended for unpaid contributions", th, en);
		fail_rule(r, "suspended");
	} else {
		add_line(r, "สมาชิกตั้งแต่ %s%.0s สถานะปกติ", "member since %.0s%s, in good standing",
			 th, en);
	}
}

static void judge_waiting(struct judge *j, struct claim_result *r)
{
	const struct claim_case *c = j->c;
	int wait = j->b->waiting_days >= 0 ? j->b->waiting_days : j->s->waiting_days;
	int32_t days;
	struct date from;
	char th[48] = "?", en[48] = "?";

	if (!c->member)
		return;
	days = date_diff_days(c->join, c->event);
	if (days < 0) {
		add_line(r, "เหตุเกิดก่อนวันเข้าเป็นสมาชิก", "the event is before the member joined");
		fail_rule(r, "waiting_period");
		return;
	}
	if (wait <= 0)
		return;
	if (days >= wait) {
		add_line(r, "ระยะรอสิทธิ์ %d วัน%.0s: เป็นสมาชิกมาแล้ว %d วัน%.0s ครบแล้ว",
			 "waiting period %d day%s: member for %d day%s, complete", wait,
			 plural(wait), (int)days, plural(days));
		return;
	}
	if (!date_add_days(c->join, wait, &from, NULL)) {
		day_text(from, false, th, sizeof(th));
		day_text(from, true, en, sizeof(en));
	}
	add_line(r, "ระยะรอสิทธิ์ %d วัน%.0s: เป็นสมาชิกมา %d วัน%.0s ยังไม่ครบ (มีสิทธิ์ตั้งแต่ %s%.0s)",
		 "waiting period %d day%s: member for %d day%s, not complete (eligible from %.0s%s)",
		 wait, plural(wait), (int)days, plural(days), th, en);
	fail_rule(r, "waiting_period");
}

/* "อายุ 60 ปีขึ้นไป" / "aged 60 or older", for the age bounds of a benefit. */
static void age_rule_text(const struct benefit_rule *b, char *th, char *en, size_t n)
{
	if (b->min_age > 0 && b->max_age > 0) {
		snprintf(th, n, "อายุ %d ถึง %d ปี", b->min_age, b->max_age);
		snprintf(en, n, "aged %d to %d", b->min_age, b->max_age);
	} else if (b->min_age > 0) {
		snprintf(th, n, "อายุ %d ปีขึ้นไป", b->min_age);
		snprintf(en, n, "aged %d or older", b->min_age);
	} else {
		snprintf(th, n, "อายุไม่เกิน %d ปี", b->max_age);
		snprintf(en, n, "aged %d or younger", b->max_age);
	}
}

static void judge_age(struct judge *j, struct claim_result *r)
{
	const struct benefit_rule *b = j->b;
	char th[64], en[64];

	if (b->min_age <= 0 && b->max_age <= 0)
		return;
	age_rule_text(b, th, en, sizeof(th));
	if (j->age < 0) {
		add_line(r, "ไม่ทราบวันเกิด: ตรวจเงื่อนไข%s%.0sไม่ได้",
			 "date of birth unknown: the rule \"%.0s%s\" cannot be checked", th, en);
		fail_rule(r, "age");
		return;
	}
	if ((b->min_age > 0 && j->age < b->min_age) || (b->max_age > 0 && j->age > b->max_age)) {
		add_line(r, "อายุ %d ปี: เงื่อนไข%s%.0s ไม่ผ่าน", "age %d: the rule is %.0s%s, not met",
			 j->age, th, en);
		fail_rule(r, "age");
	} else {
		add_line(r, "อายุ %d ปี: เงื่อนไข%s%.0s ผ่าน", "age %d: the rule is %.0s%s, met",
			 j->age, th, en);
	}
}

static void judge_member_years(struct judge *j, struct claim_result *r)
{
	int need = j->b->min_member_years;
	struct date on;
	char th[48] = "?", en[48] = "?";

	if (need <= 0)
		return;
	if (!j->c->member) {
		add_line(r, "ไม่เป็นสมาชิก: ต้องเป็นสมาชิกอย่างน้อย %d ปี%.0s",
			 "not a member: at least %d year%s of membership required", need,
			 plural(need));
		fail_rule(r, "member_years");
		return;
	}
	if (j->years >= need) {
		add_line(r, "เป็นสมาชิกครบ %d ปี%.0s: ต้องเป็นสมาชิกอย่างน้อย %d ปี ผ่าน",
			 "%d completed year%s of membership: at least %d required, met", j->years,
			 plural(j->years), need);
		return;
	}
	if (!date_anniversary(j->c->join, need, &on, NULL)) {
		day_text(on, false, th, sizeof(th));
		day_text(on, true, en, sizeof(en));
	}
	add_line(r, "เป็นสมาชิกครบ %d ปี%.0s: ต้องเป็นสมาชิกอย่างน้อย %d ปี ไม่ผ่าน (ครบ %d ปี%.0sวันที่ %s%.0s)",
		 "%d completed year%s of membership: at least %d required, not met (%d year%s on %.0s%s)",
		 j->years, plural(j->years), need, need, plural(need), th, en);
	fail_rule(r, "member_years");
}

static void judge_counts(struct judge *j, struct claim_result *r)
{
	const struct benefit_rule *b = j->b;
	char be[16], ce[16];

	snprintf(be, sizeof(be), "%d", date_be_year(j->c->event));
	snprintf(ce, sizeof(ce), "%d", j->c->event.y);
	if (b->max_per_year > 0) {
		bool ok = j->count_year < b->max_per_year;

		add_line(r, "ปี %s%.0s ได้รับแล้ว %d ครั้ง: ได้ไม่เกินปีละ %d ครั้ง %s%.0s",
			 "in %.0s%s: received %d so far, at most %d a year, %.0s%s", be, ce,
			 j->count_year, b->max_per_year, ok ? "ผ่าน" : "ไม่ผ่าน",
			 ok ? "met" : "not met");
		if (!ok)
			fail_rule(r, "max_per_year");
	}
	if (b->max_lifetime > 0) {
		bool ok = j->count_life < b->max_lifetime;

		add_line(r, "ได้รับแล้ว %d ครั้ง: ได้ไม่เกิน %d ครั้งตลอดชีพ %s%.0s",
			 "received %d so far: at most %d in a lifetime, %.0s%s", j->count_life,
			 b->max_lifetime, ok ? "ผ่าน" : "ไม่ผ่าน", ok ? "met" : "not met");
		if (!ok)
			fail_rule(r, "max_lifetime");
	}
}

/* "ขั้นสมาชิก 5 ปีขึ้นไป" / "the step for 5 years or more". */
static void step_text(const struct benefit_step *st, char *th, char *en, size_t n)
{
	if (st->min_years > 0 && st->min_age > 0) {
		snprintf(th, n, "ขั้นสมาชิก %d ปีขึ้นไป อายุ %d ปีขึ้นไป", st->min_years,
			 st->min_age);
		snprintf(en, n, "the step for %d year%s or more, aged %d or older", st->min_years,
			 plural(st->min_years), st->min_age);
	} else if (st->min_years > 0) {
		snprintf(th, n, "ขั้นสมาชิก %d ปีขึ้นไป", st->min_years);
		snprintf(en, n, "the step for %d year%s or more", st->min_years,
			 plural(st->min_years));
	} else if (st->min_age > 0) {
		snprintf(th, n, "ขั้นอายุ %d ปีขึ้นไป", st->min_age);
		snprintf(en, n, "the step for age %d or older", st->min_age);
	} else {
		snprintf(th, n, "ขั้นเริ่มต้น");
		snprintf(en, n, "the base step");
	}
}

/* The amount before caps, or -1 when no step applies (the claim then fails). */
static int64_t judge_steps(struct judge *j, struct claim_result *r)
{
	const struct benefit_rule *b = j->b;
	const struct benefit_step *found = NULL;
	bool years_ok = false, uses_age = false;
	char who_th[256], who_en[256], th[128], en[128], lt[512], le[512], a[32];
	int i;

	for (i = 0; i < b->nsteps && i < FUND_MAX_STEPS; i++) {
		const struct benefit_step *st = &b->steps[i];

		if (st->min_age > 0)
			uses_age = true;
		if (j->years < st->min_years)
			continue;
		years_ok = true;
		if (st->min_age > 0 && (j->age < 0 || j->age < st->min_age))
			continue;
		found = st;
	}
	if (j->c->member) {
		snprintf(th, sizeof(th), "เป็นสมาชิกครบ %d ปี", j->years);
		snprintf(en, sizeof(en), "%d completed year%s of membership", j->years,
			 plural(j->years));
	} else {
		snprintf(th, sizeof(th), "ไม่เป็นสมาชิก");
		snprintf(en, sizeof(en), "not a member");
	}
	if (uses_age && j->age >= 0) {
		snprintf(who_th, sizeof(who_th), "%s อายุ %d ปี", th, j->age);
		snprintf(who_en, sizeof(who_en), "%s, age %d", en, j->age);
	} else if (uses_age) {
		snprintf(who_th, sizeof(who_th), "%s ไม่ทราบอายุ", th);
		snprintf(who_en, sizeof(who_en), "%s, age unknown", en);
	} else {
		snprintf(who_th, sizeof(who_th), "%s", th);
		snprintf(who_en, sizeof(who_en), "%s", en);
	}
	if (!found) {
		add_line(r, "%s%.0s: ไม่มีขั้นที่ใช้ได้", "%.0s%s: no step applies", who_th, who_en);
		fail_rule(r, years_ok ? "age" : "member_years");
		return -1;
	}
	step_text(found, th, en, sizeof(th));
	baht(found->amount, a, sizeof(a));
	snprintf(lt, sizeof(lt), "%s: ตาม%s %s บาท", who_th, th, a);
	snprintf(le, sizeof(le), "%s: %s, %s baht", who_en, en, a);
	add_pair(r, lt, le);
	return found->amount;
}

static int64_t judge_amount(struct judge *j, struct claim_result *r)
{
	const struct benefit_rule *b = j->b;
	const char *uth = b->unit_th[0] ? b->unit_th : "หน่วย";
	const char *uen = b->unit_en[0] ? b->unit_en : "unit";
	char a[32], t[32], lt[256], le[256];
	int64_t amount;

	switch (b->basis) {
	case BASIS_FIXED:
		amount = clamp_amount(b->amount);
		add_line(r, "จำนวนเงินคงที่ %s บาท", "fixed amount %s baht", baht(amount, a, sizeof(a)));
		return amount;
	case BASIS_PER_UNIT:
		/* At most 10^9 times INT_MAX units: well inside int64_t. */
		amount = clamp_amount(b->amount) * j->c->units;
		baht(clamp_amount(b->amount), a, sizeof(a));
		baht(amount, t, sizeof(t));
		snprintf(lt, sizeof(lt), "%sละ %s บาท × %d %s = %s บาท", uth, a, j->c->units, uth, t);
		snprintf(le, sizeof(le), "%s baht per %s × %d = %s baht", a, uen, j->c->units, t);
		add_pair(r, lt, le);
		return amount;
	case BASIS_STEPS:
		return judge_steps(j, r);
	}
	add_line(r, "ระเบียบไม่ได้กำหนดวิธีคำนวณเงิน", "the statute gives no way to compute the amount");
	return 0;
}

/* A cap on a running total: what is left of cap after paid lowers *amount. */
static void apply_cap(struct claim_result *r, int64_t *amount, int64_t cap, int64_t paid,
		      const char *what_th, const char *what_en, bool fund_wide)
{
	int64_t left = cap - (paid < cap ? paid : cap);
	char c[32], p[32], l[32], lt[384], le[384];

	baht(cap, c, sizeof(c));
	baht(paid, p, sizeof(p));
	baht(left, l, sizeof(l));
	snprintf(lt, sizeof(lt), "%s %s บาท: %sจ่ายแล้ว %s บาท", what_th, c,
		 fund_wide ? "กองทุน" : "", p);
	snprintf(le, sizeof(le), "%s %s baht: %s baht %s", what_en, c, p,
		 fund_wide ? "paid by the fund" : "already paid");
	if (left == 0)
		add_line(r, "%s%.0s ครบเพดานแล้ว", "%.0s%s, the cap is reached", lt, le);
	else
		add_line(r, "%s%.0s เหลือ %s บาท", "%.0s%s, %s baht left", lt, le, l);
	if (*amount > left)
		*amount = left;
}

static void apply_event_cap(struct claim_result *r, int64_t *amount, int64_t cap,
			    const char *what_th, const char *what_en)
{
	char c[32], a[32];

	baht(cap, c, sizeof(c));
	if (*amount <= cap) {
		add_line(r, "%s%.0s %s บาท: ไม่เกินเพดาน", "%.0s%s %s baht: within the cap", what_th,
			 what_en, c);
		return;
	}
	baht(*amount, a, sizeof(a));
	add_line(r, "%s%.0s %s บาท: ลดจาก %s บาท เหลือ %s บาท",
		 "%.0s%s %s baht: %s baht lowered to %s baht", what_th, what_en, c, a, c);
	*amount = cap;
}

static void apply_caps(struct judge *j, struct claim_result *r, int64_t *amount)
{
	const struct benefit_rule *b = j->b;
	const struct fund_statute *s = j->s;
	char a[32];

	if (*amount > FUND_AMOUNT_MAX) {
		*amount = FUND_AMOUNT_MAX;
		add_line(r, "จ่ายได้ไม่เกิน %s บาทต่อรายการ", "at most %s baht per claim",
			 baht(FUND_AMOUNT_MAX, a, sizeof(a)));
	}
	if (b->per_event_cap > 0)
		apply_event_cap(r, amount, b->per_event_cap, "เพดานต่อครั้ง", "cap per event");
	if (b->per_year_cap > 0)
		apply_cap(r, amount, b->per_year_cap, j->paid_year, "เพดานต่อปี", "yearly cap",
			  false);
	if (b->lifetime_cap > 0)
		apply_cap(r, amount, b->lifetime_cap, j->paid_life, "เพดานตลอดชีพ", "lifetime cap",
			  false);
	if (j->c->member)
		return;
	if (s->nonmember_event_cap > 0)
		apply_event_cap(r, amount, s->nonmember_event_cap,
				"เพดานช่วยเหลือผู้ไม่เป็นสมาชิกต่อครั้ง", "non-member aid cap per event");
	if (s->nonmember_year_cap > 0)
		apply_cap(r, amount, s->nonmember_year_cap, j->c->nonmember_year_paid,
			  "เพดานช่วยเหลือผู้ไม่เป็นสมาชิกต่อปี", "non-member aid cap per year", true);
}

int fund_claim_calc(const struct fund_statute *s, const struct claim_case *c,
		    struct claim_result *out, struct err *e)
{
	struct judge j = { s, NULL, c, 0, -1, 0, 0, 0, 0 };
	int64_t amount, before;
	char a[32], code[FUND_CODE_MAX];
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = check_case(c, out, e);
	if (rc)
		return rc;
	out->eligible = true;
	j.b = fund_benefit(s, c->benefit);
	if (!j.b) {
		copy_text(code, sizeof(code), c->benefit);
		add_line(out, "ระเบียบกองทุนไม่มีสวัสดิการรหัส \"%s\"",
			 "the statute has no benefit with the code \"%s\"", code);
		fail_rule(out, "unknown_benefit");
		return 0;
	}
	if (c->member && date_cmp(c->event, c->join) >= 0)
		date_age(c->join, c->event, &j.years, NULL);
	if (!date_zero(c->birth))
		date_age(c->birth, c->event, &j.age, NULL);
	for (i = 0; i < c->nhistory; i++) {
		j.paid_life = sat_add(j.paid_life, c->history[i].amount);
		j.count_life++;
		if (c->history[i].event.y == c->event.y) {
			j.paid_year = sat_add(j.paid_year, c->history[i].amount);
			j.count_year++;
		}
	}
	judge_membership(&j, out);
	judge_waiting(&j, out);
	judge_age(&j, out);
	judge_member_years(&j, out);
	judge_counts(&j, out);
	amount = out->eligible ? judge_amount(&j, out) : -1;
	if (amount < 0 || !out->eligible) {
		add_line(out, "ไม่มีสิทธิ์: ไม่จ่าย", "not eligible: nothing is paid");
		return 0;
	}
	before = amount;
	apply_caps(&j, out, &amount);
	out->amount = amount;
	if (amount == 0 && before > 0)
		add_line(out, "จ่าย 0 บาท เพราะครบเพดานแล้ว", "pays 0 baht: the cap is reached");
	else
		add_line(out, "จ่าย %s บาท", "pays %s baht", baht(amount, a, sizeof(a)));
	return 0;
}
