/*
 * The rules language: who is eligible for a welfare program version, and
 * how much they get, written so an officer can read it, compiled once and
 * evaluated over millions of people.
 *
 * A program version's rules are a text (docs/rules.md has the full guide):
 *
 *     # เบี้ยยังชีพผู้สูงอายุ / old-age allowance
 *     require alive                "ยังมีชีวิตอยู่" "alive"
 *             else "เสียชีวิตแล้ว" "deceased"
 *     require age >= 60            "อายุ 60 ปีขึ้นไป" "aged 60 or over"
 *             else "อายุ {age} ปี ยังไม่ถึง 60 ปี" "aged {age}, under 60"
 *     require thai                 "สัญชาติไทย" "Thai nationality"
 *     require income: registered < 2023-08-12 or income_per_person <= 100,000 baht
 *             "ผ่านเกณฑ์รายได้" "passes the income test"
 *     amount when age >= 90 then 1,000 baht "อายุ {age} ปี" "aged {age}"
 *            when age >= 80 then 800 baht   "อายุ {age} ปี" "aged {age}"
 *            when age >= 70 then 700 baht   "อายุ {age} ปี" "aged {age}"
 *            else 600 baht                  "อายุ {age} ปี" "aged {age}"
 *
 * Grammar (EBNF; keywords are English, labels Thai then English; free
 * form: line breaks are spaces, '#' starts a comment to the end of the line):
 *
 *   program   = statement { statement } ;
 *   statement = "require" [ code ":" ] expr label [ "else" label ]
 *             | "amount" money [ label ]
 *             | "amount" case { case } "else" money [ label ] ;
 *   case      = "when" expr "then" money [ label ] ;
 *   label     = string string ;               Thai, then English
 *   expr      = conj { "or" conj } ;
 *   conj      = neg { "and" neg } ;
 *   neg       = "not" neg | atom ;
 *   atom      = "(" expr ")" | "true" | "false"
 *             | "alive" | "thai" | "institution"
 *             | "need" needkind [ ( "with" | "without" ) "card" ]
 *             | "enrolled" code
 *             | "group" ( "child_youth" | "working_age" | "elderly" | "disadvantaged" )
 *             | value "is" [ "not" ] ( "known" | "unknown" )
 *             | value cmp literal
 *             | value [ "not" ] "between" literal "and" literal
 *             | value [ "not" ] "in" ( item | "[" item { "," item } "]" ) ;
 *   value     = "age" [ "on" date ] | "born" | "registered" | "income_per_person"
 *             | "sex" | "nationality" | "registration" | "area" ;
 *   cmp       = "=" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "≠" | "≤" | "≥" ;
 *   literal   = years | date | money | word ;    as the value's type asks
 *   money     = number ( "baht" | "บาท" | "satang" | "สตางค์" ) ;
 *   number    = digits [ "." d [ d ] ] | d{1,3} { "," d d d } [ "." d [ d ] ] ;
 *   date      = YYYY-MM-DD (C.E.) | D/M/YYYY (B.E.) ;
 *   string    = '"' UTF-8 text, \" and \\ escaped, no control characters '"' ;
 *   code      = [a-z0-9_]{1,31} ;
 *
 * Values and their literals:
 *   age                completed years on the evaluation date (date_age: 29
 *                      February birthdays count their year on 1 March in
 *                      common years); "age on 2025-10-01" on a fixed date.
 *                      Years 0..200. Unknown when the birth date is unknown
 *                      or after that date.
 *   born, registered   the birth date; the person's application or
 *                      registration date for this program. Dates.
 *   income_per_person  household income per person per year, money. It is
 *                      compared in whole baht: the satang of a person's
 *                      figure are dropped (rounded down) first, so
 *                      100,000.50 passes "<= 100,000 baht". Literals may
 *                      hold satang; the comparison stays exact.
 *   sex                male | female.
 *   nationality        thai | foreign | stateless ("thai" alone is
 *                      "nationality = thai").
 *   registration       house | non_thai | central | none (core/person.h).
 *   area               the house registration: "area in 5001", "area in
 *                      [5001, 5002]", "area in office" (the paying office's
 *                      area, from the evaluation environment). Codes are
 *                      DOPA prefixes (core/geo.h).
 *   alive              born by the evaluation date and not dead on or before it.
 *   institution        living in a state institution (a flag the caller sets).
 *   need K             need kind K (core/person.h codes) active on the date;
 *                      "with card": and its card valid on the date (only the
 *                      disability card exists today); "without card": active
 *                      with no valid card.
 *   enrolled P         enrolled in program P, active on the date.
 *   group G            the target groups of core/person.h: an age band or,
 *                      for "disadvantaged", an active need of such a kind.
 *
 * Unknown values. A test of a value that is not known (no birth date, no
 * income figure, nationality not recorded) is neither true nor false, and
 * stays so under "not": "not age < 60" fails for a person without a birth
 * date, as does "age < 60". "and"/"or" follow Kleene's logic (false and
 * unknown is false, true or unknown is true), and a requirement or case
 * holds only when it is true. "X is unknown" and "X is known" test for the
 * gap itself, so a rule can let it pass on purpose.
 *
 * Statements. Requirements are checked in order; the first that does not
 * hold is the reason a person is not eligible (rules_eval_batch's fail_out;
 * rules_explain lists every one). A requirement's code (default r1, r2, ...)
 * names the reason for machines. An eligible person gets the amount of the
 * first case that holds (the else case otherwise); without an amount
 * statement an eligible person gets 0. Amounts are satang, 0..
 * RULES_AMOUNT_MAX, per payment period (a month for the state allowances).
 * Labels may hold {age} (years, or ไม่ทราบ/unknown), {income} (the income
 * per person, with its unit) and, in amount labels, {amount}; a case's
 * line is its label followed by ": " and the amount unless the label holds
 * {amount}. Comparisons of money are exact, in satang.
 *
 * Compiled form. rules_compile parses and type-checks the text into a
 * struct rules_prog: the expression tree (for the scalar evaluation and
 * the explanations) and, per requirement and case, a flat postfix code in
 * negation normal form whose leaves are integer range or bit tests on one
 * column. rules_eval_batch resolves the tests for one evaluation date once
 * (an age test becomes a range of birth day numbers, by date_anniversary
 * semantics; an area prefix a range of area numbers) and runs the code over
 * a struct-of-arrays batch 256 people at a time with branch-free loops and
 * no allocation. rules_eval_one and rules_explain evaluate the tree for one
 * person with date_age and string prefixes, an independent path the tests
 * hold equal to the batch.
 *
 * Ownership: rules_compile allocates the program; rules_free frees it. A
 * compiled program is immutable, so any number of threads may evaluate it
 * at once. Nothing here keeps a pointer to the text or to the environment.
 */
#ifndef SAWAT_CORE_RULES_H
#define SAWAT_CORE_RULES_H

#include "core/date.h"
#include "core/geo.h"
#include "core/person.h"
#include "lib/buf.h"
#include "lib/err.h"

/* Bounds on a text and its program; rules_compile refuses anything past them. */
#define RULES_TEXT_MAX (64 * 1024) /* bytes of text */
#define RULES_MAX_REQUIRE 64       /* requirements */
#define RULES_MAX_CASES 32         /* amount cases, else included */
#define RULES_MAX_LEAVES 256       /* value tests in the whole program */
#define RULES_MAX_NODES 1024       /* expression nodes */
#define RULES_MAX_NEST 24          /* nesting of parentheses and "not" */
#define RULES_LABEL_MAX 300        /* bytes of one label */
#define RULES_AMOUNT_MAX 100000000 /* satang: 1,000,000 baht a period */
#define RULES_MONEY_MAX 100000000000LL /* satang in an income literal: 1,000 million baht */
#define RULES_AGE_MAX 200
#define RULES_MAX_PROGRAMS 64      /* program codes of one evaluation (bits of enrolled) */
#define RULES_CODE_MAX 32          /* requirement and program codes, with the NUL */

/* Sentinels of the batch columns and of struct rules_person's income. */
#define RULES_DAY_UNKNOWN INT32_MIN     /* birth, registered unknown; death: none */
#define RULES_BAHT_UNKNOWN INT32_MIN    /* the batch's income column */
#define RULES_INCOME_UNKNOWN INT64_MIN  /* struct rules_person's income */
#define RULES_AREA_UNKNOWN 0

/* Person flags. */
#define RULES_FLAG_INSTITUTION 1u /* lives in a state institution */

enum rules_nationality {
	RULES_NAT_UNKNOWN = 0,
	RULES_NAT_THAI,
	RULES_NAT_FOREIGN,
	RULES_NAT_STATELESS,
	RULES_NAT_COUNT
};

/* The nationality of an ISO 3166 code as core/person.h keeps it: "TH" Thai,
 * "XX" stateless, "" (or NULL) unknown, any other code foreign. */
enum rules_nationality rules_nationality_of(const char *iso2);

/*
 * One person, for the scalar evaluation and the explanations. Everything is
 * as of the evaluation date: needs, cards and enrolments active on it.
 */
struct rules_person {
	struct date birth;          /* y == 0 (or invalid): unknown */
	struct date death;          /* y == 0 (or invalid): no death recorded */
	struct date registered;     /* application for this program; y == 0: none */
	int64_t income;             /* household income per person per year, satang;
				       RULES_INCOME_UNKNOWN when not known */
	char area[GEO_CODE_SIZE];   /* house registration (province..village); "": unknown */
	uint32_t needs;             /* bit k (1u << k): need kind k active on the date */
	uint32_t cards;             /* bit k: need k active with a valid card on the date */
	uint64_t enrolled;          /* bit i: enrolled in env->programs[i], active on the date */
	enum sex sex;
	enum rules_nationality nationality;
	enum reg_status reg;
	unsigned flags;             /* RULES_FLAG_* */
};

/*
 * A columnar batch: one array per column, element i is person i. Columns a
 * program does not use (rules_columns) may be NULL. The evaluator only reads
 * them (the pointers are not const so that one struct serves to fill them).
 * Sizes: 4 + 4 + 4 + 4 + 4 + 4 + 4 + 8 + 1 + 1 + 1 + 1 = 40 bytes a person
 * with every column; with the outputs (4 + 1) 45 bytes.
 */
struct rules_batch {
	int32_t *birth;      /* date_to_days(birth), RULES_DAY_UNKNOWN */
	int32_t *death;      /* date_to_days(death), RULES_DAY_UNKNOWN: no death recorded */
	int32_t *registered; /* date_to_days(registered), RULES_DAY_UNKNOWN */
	int32_t *income;     /* rules_income_baht(income): whole baht a person a year */
	int32_t *area;       /* rules_area_number(area), RULES_AREA_UNKNOWN */
	uint32_t *needs;     /* as struct rules_person */
	uint32_t *cards;
	uint64_t *enrolled;
	uint8_t *sex;        /* enum sex */
	uint8_t *nationality; /* enum rules_nationality */
	uint8_t *reg;        /* enum reg_status */
	uint8_t *flags;      /* RULES_FLAG_* */
};

/* Bits of rules_columns: which batch columns a program reads. */
enum rules_column {
	RULES_COL_BIRTH = 1u << 0,
	RULES_COL_DEATH = 1u << 1,
	RULES_COL_REGISTERED = 1u << 2,
	RULES_COL_INCOME = 1u << 3,
	RULES_COL_AREA = 1u << 4,
	RULES_COL_NEEDS = 1u << 5,
	RULES_COL_CARDS = 1u << 6,
	RULES_COL_ENROLLED = 1u << 7,
	RULES_COL_SEX = 1u << 8,
	RULES_COL_NATIONALITY = 1u << 9,
	RULES_COL_REG = 1u << 10,
	RULES_COL_FLAGS = 1u << 11
};

/*
 * An area code as a batch number: the code padded with zero pairs to eight
 * digits, times four, plus its level - 1 (so "5001" and "500100" differ and
 * every DOPA prefix is one range of numbers). RULES_AREA_UNKNOWN for NULL,
 * "", "TH" or anything that is not a code (geo_level).
 */
int32_t rules_area_number(const char *code);

/*
 * An income in satang as the batch holds it: whole baht, rounded down
 * (toward minus infinity), clamped to INT32_MIN + 1 .. INT32_MAX (beyond
 * any literal, so clamping never changes a comparison); RULES_BAHT_UNKNOWN
 * for RULES_INCOME_UNKNOWN.
 */
int32_t rules_income_baht(int64_t satang);

/* Writes person p into row i of b's non-NULL columns (dates to day numbers,
 * invalid dates and out-of-range enums to unknown). */
void rules_batch_set(const struct rules_batch *b, size_t i, const struct rules_person *p);

/* What an evaluation is relative to. Borrowed for the call only. */
struct rules_env {
	struct date on;              /* the evaluation date */
	const char *office;          /* the paying office's area code; NULL or "TH": the nation */
	const char *const *programs; /* bit i of enrolled is enrolment in programs[i] */
	size_t nprograms;            /* at most RULES_MAX_PROGRAMS */
};

struct rules_prog;

/*
 * Compiles text (len bytes, UTF-8, at most RULES_TEXT_MAX) into *out.
 * Returns 0, or ERR_INVALID (ERR_TOO_LARGE for an over-long text) with
 * e->field "rules" and a message that starts with the position of the
 * fault, "บรรทัด 3 คอลัมน์ 12: ไม่รู้จักตัวแปร 'agee' (หมายถึง 'age' หรือไม่)"
 * / "line 3, column 12: unknown variable 'agee' (did you mean 'age'?)";
 * columns count characters from 1. *out is NULL on failure. The caller
 * owns the program: rules_free.
 */
int rules_compile(const char *text, size_t len, struct rules_prog **out, struct err *e);
void rules_free(struct rules_prog *p);

/* A requirement or an amount case, as written. Labels may hold placeholders. */
struct rules_item {
	const char *code;        /* requirement code ("r3" when none was written); "" for cases */
	const char *th, *en;     /* label; "" for a case without one */
	const char *fail_th, *fail_en; /* requirement's "else" label; "" when none */
	int64_t amount;          /* cases: satang; requirements: 0 */
	int line;                /* where it starts in the text */
};

int rules_require_count(const struct rules_prog *p);
/* Requirement i (0-based; fail_out and rules_result.fail are i + 1), or NULL. */
const struct rules_item *rules_require(const struct rules_prog *p, int i);
/* Amount cases in order, the else case last; 0 without an amount statement. */
int rules_case_count(const struct rules_prog *p);
const struct rules_item *rules_case(const struct rules_prog *p, int i);
/* The batch columns the program reads (RULES_COL_* bits). */
unsigned rules_columns(const struct rules_prog *p);
/* The need kinds the program tests ("need K", "group disadvantaged"; bit k
 * for enum need_kind k): a loader reads only these. */
uint32_t rules_need_kinds(const struct rules_prog *p);
/* Bytes read and written per person by rules_eval_batch: its columns plus 5. */
size_t rules_bytes_per_person(const struct rules_prog *p);
/* Program codes named by "enrolled", in order of first use; NULL past the end. */
const char *rules_enrolled_code(const struct rules_prog *p, int i);
/* True when the program says "area in office". */
bool rules_uses_office(const struct rules_prog *p);

/* One decision. */
struct rules_result {
	bool eligible;
	int fail;         /* 1-based index of the first requirement that does not hold; 0 */
	bool fail_unknown; /* that requirement failed for want of data (not false but unknown) */
	int amount_case;  /* 0-based case that set the amount; -1 when none */
	int64_t amount;   /* satang; 0 when not eligible */
};

/*
 * Evaluates p for person on env. Returns 0, or ERR_INVALID when env is
 * unusable (invalid date, an office that is not an area code, more than
 * RULES_MAX_PROGRAMS programs); *out is then zero.
 */
int rules_eval_one(const struct rules_prog *p, const struct rules_env *env,
		   const struct rules_person *person, struct rules_result *out, struct err *e);

/*
 * Evaluates p for the n people of b on env: amount_out[i] is person i's
 * amount in satang (0 when not eligible) and fail_out[i] the 1-based index
 * of their first failing requirement (0 when eligible); either output may
 * be NULL. Equal, person by person, to rules_eval_one. Allocates nothing;
 * uses about 32 KiB of stack. Returns 0, or ERR_INVALID for an unusable env
 * (as rules_eval_one) or a NULL column that the program reads (outputs
 * untouched).
 */
int rules_eval_batch(const struct rules_prog *p, const struct rules_env *env,
		     const struct rules_batch *b, size_t n, int32_t *amount_out, uint8_t *fail_out,
		     struct err *e);

/*
 * Appends the reasoning for one person, in Thai (thai) or English: a first
 * line with the decision, then one line per requirement, in order:
 *
 *     มีสิทธิ์: อายุ 72 ปี: 700 บาท            eligible: aged 72: 700 baht
 *     ✓ ยังมีชีวิตอยู่                          ✓ alive
 *     ...
 *     ไม่มีสิทธิ์: ไม่มีบัตรประจำตัวคนพิการ      not eligible: no disability card
 *     ✗ ไม่มีบัตรประจำตัวคนพิการ                ✗ no disability card
 *     ✗ ข้อมูลไม่พอตัดสิน: สัญชาติไทย           ✗ not enough data: Thai nationality
 *
 * A false requirement reads its else label, or "ไม่ผ่านเกณฑ์: " / "does not
 * meet: " and its label; one that is unknown (data missing) reads
 * "ข้อมูลไม่พอตัดสิน: " / "not enough data: " and its label. Lines end with
 * '\n'. Returns 0, ERR_INVALID as rules_eval_one, or ERR_TOO_LARGE at out's
 * cap (out then unchanged).
 */
int rules_explain(const struct rules_prog *p, const struct rules_env *env,
		  const struct rules_person *person, bool thai, struct buf *out, struct err *e);

/* Appends an amount as people read it: "1,000 บาท", "700.50 baht". */
int rules_format_amount(int64_t satang, bool thai, struct buf *out);

#endif
