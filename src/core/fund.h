/*
 * Community welfare funds: the rules a fund's members set for themselves
 * (its statute), and the pure computations that follow from them — what a
 * member owes by a date, how far behind they are, and what a claim pays.
 *
 * A statute is versioned: each version carries the date it takes effect, and
 * the rules in force on a date are those of the latest version effective on
 * or before it. A claim is judged by the version in force on its event date;
 * dues are summed month by month, each month at the rate of the version in
 * force on the month's first day.
 *
 * A statute is stored as JSON (fund_statute_parse/fund_statute_json), so a
 * fund can add custom benefit types without code. Its shape:
 *
 *   { "joining_fee": 2000,                         satang
 *     "contribution": { "unit": "day"|"month"|"year", "amount": 100 },
 *     "payment_frequencies": ["week", "month", "year"],
 *     "suspend_after_months": 6,                   0 = never suspended
 *     "waiting_days": 180,
 *     "admin_limit_bp": 2000,                      basis points of income (20%)
 *     "nonmember_aid": { "allowed": true, "per_event_cap": 200000, "per_year_cap": 5000000 },
 *     "benefits": [
 *       { "code": "hospital", "name_th": "...", "name_en": "...",
 *         "recipient": "member"|"beneficiary",
 *         "basis": "fixed"|"per_unit"|"steps",
 *         "amount": 20000,                          fixed amount or per-unit rate
 *         "unit_th": "คืน", "unit_en": "night",
 *         "steps": [ { "min_years": 0, "min_age": 0, "amount": 300000 }, ... ],
 *         "waiting_days": -1,                        -1 = the statute's
 *         "per_event_cap": 60000, "per_year_cap": 100000, "lifetime_cap": 0,   0 = none
 *         "max_per_year": 0, "max_lifetime": 0,       0 = no limit on the count
 *         "min_age": 0, "max_age": 0,                0 = no bound
 *         "min_member_years": 0,
 *         "nonmembers": false,
 *         "conditions_th": "...", "conditions_en": "..." } ] }
 *
 * Amounts are integer satang everywhere. Unknown keys are refused, so a typo
 * never silently becomes a missing rule.
 *
 * Required: contribution (unit and amount); in each benefit code, name_th,
 * name_en, basis, and amount unless basis is "steps" (then steps, at least
 * one, and amount absent or 0); in each step, amount. Every other key may be
 * left out and then takes: joining_fee 0; payment_frequencies ["month"];
 * suspend_after_months 0; waiting_days 0; admin_limit_bp 2000;
 * nonmember_aid { allowed false, caps 0 }; benefits []; recipient "member";
 * unit_th, unit_en, conditions_th, conditions_en ""; steps []; a benefit's
 * waiting_days -1; caps, counts, ages and min_member_years 0; nonmembers
 * false; a step's min_years and min_age 0.
 *
 * Bounds: amounts and caps 0..FUND_AMOUNT_MAX; waiting_days 0..3650 (a
 * benefit's -1..3650); suspend_after_months 0..120; admin_limit_bp 0..10000;
 * max_per_year 0..366; max_lifetime 0..1000; ages 0..150 (max_age, when set,
 * not below min_age); years 0..100; codes [a-z0-9_]{1,31}, unique; names
 * non-blank; text valid UTF-8 without control characters (conditions may
 * hold line breaks) and shorter than its field in bytes; at least one
 * payment frequency, none repeated; steps without two equal (min_years,
 * min_age), sorted on parsing. max_age is inclusive: 25 admits a person
 * aged 25 but not 26.
 */
#ifndef SAWAT_CORE_FUND_H
#define SAWAT_CORE_FUND_H

#include "core/date.h"
#include "lib/buf.h"
#include "lib/err.h"

enum contrib_unit { CONTRIB_DAY = 1, CONTRIB_MONTH, CONTRIB_YEAR };
enum benefit_basis { BASIS_FIXED = 1, BASIS_PER_UNIT, BASIS_STEPS };
enum benefit_recipient { RECIPIENT_MEMBER = 1, RECIPIENT_BENEFICIARY };

#define FUND_MAX_BENEFITS 32
#define FUND_MAX_STEPS 16
#define FUND_CODE_MAX 32
#define FUND_NAME_MAX 128
#define FUND_TEXT_MAX 512
/* Sanity bounds: one claim or fee never exceeds this (10 million baht). */
#define FUND_AMOUNT_MAX (1000000000LL)

/* One step of a stepped amount: applies when both minimums are met; the
 * last step that applies wins (steps are kept sorted by min_years, min_age). */
struct benefit_step {
	int min_years; /* completed years of membership on the event date */
	int min_age;   /* completed years of age on the event date */
	int64_t amount;
};

struct benefit_rule {
	char code[FUND_CODE_MAX];      /* [a-z0-9_]+: birth, hospital, death, old_age, ... */
	char name_th[FUND_NAME_MAX];
	char name_en[FUND_NAME_MAX];
	enum benefit_recipient recipient;
	enum benefit_basis basis;
	int64_t amount;                /* BASIS_FIXED: the amount; BASIS_PER_UNIT: per unit */
	char unit_th[32], unit_en[32]; /* BASIS_PER_UNIT: "คืน" / "night" */
	struct benefit_step steps[FUND_MAX_STEPS];
	int nsteps;
	int waiting_days;              /* -1: the statute's */
	int64_t per_event_cap, per_year_cap, lifetime_cap; /* 0: none */
	int max_per_year, max_lifetime;                    /* 0: no limit */
	int min_age, max_age;                              /* 0: no bound */
	int min_member_years;
	bool nonmembers;               /* may be paid to non-members (aid) */
	char conditions_th[FUND_TEXT_MAX], conditions_en[FUND_TEXT_MAX]; /* for the committee */
};

struct fund_statute {
	int64_t joining_fee;
	enum contrib_unit unit;
	int64_t contribution;          /* per unit */
	bool pay_week, pay_month, pay_year;
	int suspend_after_months;      /* 0: never */
	int waiting_days;
	int admin_limit_bp;            /* basis points, 0..10000 */
	bool nonmember_aid;
	int64_t nonmember_event_cap, nonmember_year_cap; /* 0: none */
	struct benefit_rule benefits[FUND_MAX_BENEFITS];
	int nbenefits;
};

/* One version of a statute and the date it takes effect. */
struct statute_version {
	struct date effective;
	struct fund_statute s;
};

/* The default statute a new fund starts from: 1 baht a day, 20 baht joining
 * fee, 180 days' wait, 20% admin limit, suspension after 6 months unpaid, and
 * the benefits of DOMAIN.md §1 (Chamung and Sam Yaek examples). */
void fund_statute_default(struct fund_statute *s);

/* Parses and validates a statute from JSON text (len bytes). On failure *s is
 * zeroed and e names the first bad field (e.g. "benefits[2].steps[0].amount"). */
int fund_statute_parse(const char *json, size_t len, struct fund_statute *s, struct err *e);
/* Appends the statute as canonical JSON (the parse of it gives s back). */
void fund_statute_json(const struct fund_statute *s, struct buf *out);
/*
 * Checks a statute built in code (or edited field by field) by the rules
 * fund_statute_parse applies, with the same field paths; steps must already
 * be sorted. Returns 0 or ERR_INVALID. Every statute fund_statute_parse
 * returns passes, and so does fund_statute_default.
 */
int fund_statute_check(const struct fund_statute *s, struct err *e);
/* True when a and b hold the same rules (text compared up to its NUL). */
bool fund_statute_equal(const struct fund_statute *a, const struct fund_statute *b);
/* The benefit with this code, or NULL. */
const struct benefit_rule *fund_benefit(const struct fund_statute *s, const char *code);

/* The version in force on date d (versions sorted by effective date), or NULL
 * when d is before the first. */
const struct statute_version *fund_statute_at(const struct statute_version *v, size_t n,
					      struct date d);

/*
 * Dues: what a member owes for the months from the month of join to the month
 * of asof, inclusive (a month is due from its first day; the month of joining
 * counts in full). The rate of each month is that of the version in force on
 * the month's first day (or the first version, for months before it). A daily
 * rate owes the rate times the month's days; a monthly rate owes it each
 * month; a yearly rate owes it in the month of joining and each anniversary
 * month. Returns the total in satang, 0 when asof is before join, when
 * either date is invalid or when n is 0. Amounts outside 0..FUND_AMOUNT_MAX
 * are clamped, so the total cannot overflow.
 */
int64_t fund_dues(const struct statute_version *v, size_t n, struct date join, struct date asof);

/* Where a member stands on a date, given everything they have paid. */
struct member_standing {
	int64_t due;           /* fund_dues to asof */
	int64_t paid;          /* contributions received */
	int64_t balance;       /* paid - due: negative in arrears, positive in advance */
	int months_unpaid;     /* due months not fully covered (oldest first) */
	struct date paid_through; /* last day of the last fully covered month; zero if none */
	bool in_arrears;       /* months_unpaid >= 1 */
	bool suspended;        /* months_unpaid >= suspend_after_months (when set) */
};
/*
 * Payments are allocated oldest month first: a month is covered when
 * everything due up to its end is paid, so for a yearly rate the months
 * after an unpaid anniversary count as unpaid too. paid_through may lie
 * after asof when the member paid ahead (followed at most 100 years on).
 * suspend_after_months is that of the version in force on asof. When asof
 * is before join (or a date is invalid, or n is 0) nothing is due: due,
 * months_unpaid and paid_through are zero, and balance is paid.
 */
void fund_standing(const struct statute_version *v, size_t n, struct date join, int64_t paid,
		   struct date asof, struct member_standing *out);

/* What is already on record for the same member and benefit: approved or
 * paid claims, used for yearly and lifetime caps and counts. */
struct claim_history {
	struct date event;
	int64_t amount;
};

/* A claim to be judged. */
struct claim_case {
	const char *benefit;       /* code */
	struct date event;         /* the event date (birth, admission, death, ...) */
	int units;                 /* nights for per-unit benefits */
	bool member;               /* false: aid to a non-member */
	struct date join;          /* members: join date */
	struct date birth;         /* the person's birth date; zero when unknown */
	bool suspended;            /* the member's standing on the event date */
	const struct claim_history *history; /* same person, same benefit */
	size_t nhistory;
	int64_t nonmember_year_paid; /* non-member aid paid by the fund this year */
};

/* One line of the reasoning, in both languages, for the claim's page. */
struct calc_line {
	char th[256];
	char en[256];
};

#define CALC_MAX_LINES 16

struct claim_result {
	bool eligible;
	int64_t amount;            /* 0 when not eligible or a cap is reached */
	struct calc_line lines[CALC_MAX_LINES];
	int nlines;
	char reason[64];           /* machine code of the first failed rule, "" when eligible:
				      waiting_period, suspended, age, member_years,
				      max_per_year, max_lifetime, nonmember, unknown_benefit */
};

/*
 * Judges a claim under statute s (the version in force on the event date):
 * eligibility, then the amount (fixed, per unit, or the applicable step),
 * then the caps in order per event, per year (calendar year of the event),
 * lifetime, and for non-members the fund's aid caps. Every rule applied adds
 * a line; a cap that lowers the amount says so ("annual cap 1,000 baht:
 * 600 already paid, 400 left"). Returns 0, or ERR_INVALID when the case is
 * malformed (bad dates, negative units).
 *
 * Details: the waiting period is met when event - join >= waiting days; an
 * event before join fails it. Member years are completed years from join to
 * the event (date_age: a 29 February join completes its years on 1 March in
 * common years). Rules that do not apply to non-members (suspension,
 * waiting) are skipped for them; their membership years are 0. An age bound
 * with an unknown birth date fails with reason "age". A stepped benefit with
 * no applicable step fails with "member_years" (no step's min_years is met)
 * or "age". Every eligibility rule is judged and explained even after one
 * fails; reason names the first. Counts and caps read the history: per year
 * means the calendar year of the event.
 */
int fund_claim_calc(const struct fund_statute *s, const struct claim_case *c,
		    struct claim_result *out, struct err *e);

#endif
