/*
 * The rules language (rules.h has the grammar and the meaning): a lexer and
 * a recursive-descent parser that build an expression tree whose leaves are
 * typed tests of one value, an emitter that turns each requirement and
 * amount case into postfix code in negation normal form, a scalar evaluator
 * over the tree for single decisions and explanations, and a batch
 * evaluator that resolves every leaf, for one evaluation date, to an integer
 * range or bit test on one column and runs the code over 256 people at a
 * time.
 *
 * What it does not do: know which programs exist, read people from
 * anywhere, or decide enrolment; callers fill batches and environments.
 *
 * Invariants:
 *  - a compiled program is immutable and holds at least one statement; when
 *    it has amount cases the last is the else case, whose condition is true;
 *  - every statement's postfix code needs at most RULES_STACK vectors;
 *  - in negation normal form a leaf whose value is unknown is false whether
 *    or not it is negated. That is exactly "holds" under Kleene's logic:
 *    and/or are min/max over false < unknown < true, and mapping unknown to
 *    false commutes with min and max, so the batch (two-valued, NNF) and the
 *    scalar evaluation (three-valued, tree with "not") agree;
 *  - the scalar path computes ages with date_age and areas with string
 *    prefixes, the batch path with day and area-number ranges: two ways to
 *    the same answer, which the tests hold equal.
 */
#include "core/rules.h"
#include "core/money.h"
#include "core/similar.h"
#include "core/thtext.h"

#define RULES_STACK 48 /* vectors of the batch evaluator's stack */
#define CHUNK 256      /* people evaluated together */
#define SET_MAX 32     /* items of one "in [...]" */
#define SHOWN_MAX 40   /* bytes of input quoted in a message */

enum node_kind { N_FALSE, N_TRUE, N_LEAF, N_NOT, N_AND, N_OR };

enum var {
	V_AGE = 1,
	V_BORN,
	V_REGISTERED,
	V_INCOME,
	V_SEX,
	V_NATIONALITY,
	V_REGISTRATION,
	V_AREA,
	V_ALIVE,
	V_NEED,
	V_CARD,
	V_ENROLLED,
	V_FLAG
};

enum mode { M_RANGE, M_KNOWN, M_SET };
enum tri { TRI_F = 0, TRI_T = 1, TRI_U = 2 };
enum op { I_LEAF, I_TRUE, I_FALSE, I_AND, I_OR };

/* One test of one value. */
struct leaf {
	uint8_t var, mode;
	bool office;       /* area: the environment's office instead of text */
	struct date ref;   /* age: y == 0 the evaluation date, else this date */
	int64_t lo, hi;    /* M_RANGE, inclusive: years, day numbers, satang, area numbers */
	uint64_t mask;     /* M_SET: enum values or need/flag bits */
	char text[RULES_CODE_MAX]; /* area prefix or program code */
};

struct node {
	uint8_t kind;
	uint16_t a, b;     /* children; for N_LEAF, a is the leaf */
};

struct instr {
	uint8_t op, neg;
	uint16_t leaf;
};

struct stmt {
	int root;
	int code_start, code_len;
	size_t th, en, fth, fen; /* offsets in the pool; (size_t)-1: none */
	char code[RULES_CODE_MAX];
	int64_t amount;
	int line, col;
};

struct rules_prog {
	struct node nodes[RULES_MAX_NODES];
	int nnodes;
	struct leaf leaves[RULES_MAX_LEAVES];
	int nleaves;
	struct instr code[RULES_MAX_NODES];
	int ncode;
	struct stmt reqs[RULES_MAX_REQUIRE];
	int nreqs;
	struct stmt cases[RULES_MAX_CASES];
	int ncases;
	struct rules_item req_items[RULES_MAX_REQUIRE];
	struct rules_item case_items[RULES_MAX_CASES];
	char enrolled[RULES_MAX_PROGRAMS][RULES_CODE_MAX];
	int nenrolled;
	unsigned columns;
	bool office;
	struct buf pool;   /* labels, NUL-separated */
};

#define NO_TEXT ((size_t)-1)
#define TRY(x)                       \
	do {                         \
		int rc_ = (x);       \
		if (rc_)             \
			return rc_;  \
	} while (0)

/* ---- lexer ---- */

enum tok_kind {
	T_EOF,
	T_IDENT,
	T_NUM,
	T_DATE,
	T_STRING,
	T_WORD, /* a run of Thai letters: บาท, สตางค์ */
	T_LP,
	T_RP,
	T_LB,
	T_RB,
	T_COMMA,
	T_COLON,
	T_EQ,
	T_NE,
	T_LT,
	T_LE,
	T_GT,
	T_GE
};

struct tok {
	enum tok_kind kind;
	size_t start, len;  /* bytes of the text */
	int line, col;
	int64_t cents;      /* T_NUM: the value times 100 */
	int frac;           /* T_NUM: digits after the point */
	bool commas;        /* T_NUM: written with thousands separators */
	struct date date;   /* T_DATE */
};

struct lexer {
	const char *s;
	size_t n, pos;
	int line, col;
};

struct parser {
	struct lexer lx;
	struct tok t;
	struct rules_prog *p;
	struct err *e;
	int nest;
};

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_ident_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_ident_char(int c)
{
	return is_ident_start(c) || is_digit(c);
}

/* Moves k bytes on, counting lines and characters (columns). */
static void lx_advance(struct lexer *lx, size_t k)
{
	unsigned char c;

	while (k-- && lx->pos < lx->n) {
		c = (unsigned char)lx->s[lx->pos++];
		if (c == '\n') {
			lx->line++;
			lx->col = 1;
		} else if ((c & 0xC0) != 0x80) {
			lx->col++;
		}
	}
}

static int fail_pos(struct parser *ps, int line, int col, const char *th, const char *en, ...)
	__attribute__((format(printf, 4, 6), format(printf, 5, 6)));

static int fail_pos(struct parser *ps, int line, int col, const char *th, const char *en, ...)
{
	char mth[400], men[400];
	va_list ap, cp;

	va_start(ap, en);
	va_copy(cp, ap);
	vsnprintf(mth, sizeof(mth), th, cp);
	va_end(cp);
	vsnprintf(men, sizeof(men), en, ap);
	va_end(ap);
	return err_set(ps->e, ERR_INVALID, "rules", "บรรทัด %d คอลัมน์ %d: %s%.0s",
		       "line %d, column %d: %.0s%s", line, col, mth, men);
}

/*
 * Input quoted in a message: at most SHOWN_MAX bytes, cut on a character
 * boundary, control characters as '?', with "..." when cut.
 */
static void shown_text(const char *s, size_t n, char out[SHOWN_MAX + 8])
{
	size_t i = 0, o = 0, pos;
	uint32_t cp;

	while (i < n) {
		pos = i;
		if (thtext_utf8_next(s, n, &pos, &cp) || pos - i > SHOWN_MAX - o)
			break;
		if (cp < 0x20 || cp == 0x7f) {
			out[o++] = '?';
		} else {
			memcpy(out + o, s + i, pos - i);
			o += pos - i;
		}
		i = pos;
	}
	if (i < n) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
}

/* Skips white space and comments. */
static void lx_skip(struct lexer *lx)
{
	char c;

	while (lx->pos < lx->n) {
		c = lx->s[lx->pos];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			lx_advance(lx, 1);
		} else if (c == '#') {
			while (lx->pos < lx->n && lx->s[lx->pos] != '\n')
				lx_advance(lx, 1);
		} else {
			break;
		}
	}
}

/* True when a money unit follows position q (after white space). */
static bool unit_follows(const char *s, size_t n, size_t q)
{
	static const char *const units[] = { "baht", "satang", "บาท", "สตางค์" };
	size_t i, k;

	while (q < n && (s[q] == ' ' || s[q] == '\t' || s[q] == '\r' || s[q] == '\n'))
		q++;
	for (i = 0; i < ARRAY_SIZE(units); i++) {
		k = strlen(units[i]);
		if (q + k <= n && !memcmp(s + q, units[i], k) &&
		    (i >= 2 || q + k == n || !is_ident_char((unsigned char)s[q + k])))
			return true;
	}
	return false;
}

static int lex_date(struct parser *ps, size_t q, unsigned flags)
{
	struct lexer *lx = &ps->lx;
	struct tok *t = &ps->t;
	char text[24], sh[SHOWN_MAX + 8];
	struct err le;

	while (q < lx->n && (is_digit(lx->s[q]) || lx->s[q] == '-' || lx->s[q] == '/'))
		q++;
	t->len = q - t->start;
	if (t->len >= sizeof(text)) {
		shown_text(lx->s + t->start, t->len, sh);
		return fail_pos(ps, t->line, t->col, "วันที่ไม่ถูกต้อง: %s", "not a valid date: %s", sh);
	}
	memcpy(text, lx->s + t->start, t->len);
	text[t->len] = '\0';
	err_init(&le);
	if (date_parse(text, flags, &t->date, "rules", &le))
		return fail_pos(ps, t->line, t->col, "%s%.0s", "%.0s%s", le.th, le.en);
	t->kind = T_DATE;
	lx_advance(lx, t->len);
	return 0;
}

/*
 * A number, or a date: YYYY-MM-DD (C.E.) or D/M/YYYY (B.E.). Thousands
 * separators count only before a money unit, so "[10,100]" is two numbers.
 */
static int lex_number(struct parser *ps)
{
	struct lexer *lx = &ps->lx;
	struct tok *t = &ps->t;
	const char *s = lx->s;
	size_t n = lx->n, p = lx->pos, q, digits, r;
	int64_t v = 0, f = 0;

	while (p < n && is_digit(s[p]))
		p++;
	digits = p - lx->pos;
	if (digits == 4 && p + 1 < n && s[p] == '-' && is_digit(s[p + 1]))
		return lex_date(ps, p, 0);
	if (p + 1 < n && s[p] == '/' && is_digit(s[p + 1]))
		return lex_date(ps, p, DATE_PARSE_BE);
	if (digits > 13)
		return fail_pos(ps, t->line, t->col, "ตัวเลขใหญ่เกินไป", "the number is too large");
	for (q = lx->pos; q < p; q++)
		v = v * 10 + (s[q] - '0');
	q = p;
	if (digits <= 3) {
		while (q + 3 < n && s[q] == ',' && is_digit(s[q + 1]) && is_digit(s[q + 2]) &&
		       is_digit(s[q + 3]) && !(q + 4 < n && is_digit(s[q + 4]))) {
			if (digits + 3 > 13)
				return fail_pos(ps, t->line, t->col, "ตัวเลขใหญ่เกินไป",
						"the number is too large");
			v = v * 1000 + (s[q + 1] - '0') * 100 + (s[q + 2] - '0') * 10 + (s[q + 3] - '0');
			digits += 3;
			q += 4;
			t->commas = true;
		}
	}
	if (q + 1 < n && s[q] == '.' && is_digit(s[q + 1])) {
		for (r = q + 1; r < n && is_digit(s[r]); r++)
			;
		if (r - q - 1 > 2)
			return fail_pos(ps, t->line, t->col, "ทศนิยมได้ไม่เกินสองตำแหน่ง",
					"at most two decimal places");
		f = (s[q + 1] - '0') * 10 + (r - q - 1 == 2 ? s[q + 2] - '0' : 0);
		t->frac = (int)(r - q - 1);
		q = r;
	}
	if (t->commas && !unit_follows(s, n, q)) {
		/* Not money: the digits before the first comma are the number. */
		v = 0;
		for (q = lx->pos; q < p; q++)
			v = v * 10 + (s[q] - '0');
		q = p;
		f = 0;
		t->frac = 0;
		t->commas = false;
	}
	t->kind = T_NUM;
	t->cents = v * 100 + f;
	t->len = q - t->start;
	lx_advance(lx, t->len);
	return 0;
}

static int lex_string(struct parser *ps)
{
	struct lexer *lx = &ps->lx;
	struct tok *t = &ps->t;
	size_t p = lx->pos + 1;
	unsigned char c;

	while (p < lx->n) {
		c = (unsigned char)lx->s[p];
		if (c == '"')
			break;
		if (c == '\\') {
			if (p + 1 >= lx->n || (lx->s[p + 1] != '"' && lx->s[p + 1] != '\\'))
				return fail_pos(ps, t->line, t->col,
						"ในป้ายข้อความใช้ได้เพียง \\\" และ \\\\",
						"a label may only escape \\\" and \\\\");
			p += 2;
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			return fail_pos(ps, t->line, t->col,
					"ป้ายข้อความต้องอยู่ในบรรทัดเดียวและปิดด้วยเครื่องหมายคำพูด",
					"a label must end with a double quote on the same line");
		p++;
	}
	if (p >= lx->n)
		return fail_pos(ps, t->line, t->col, "ป้ายข้อความไม่มีเครื่องหมายคำพูดปิด",
				"the label has no closing double quote");
	t->kind = T_STRING;
	t->len = p + 1 - t->start;
	lx_advance(lx, t->len);
	return 0;
}

/* Reads the next token into ps->t. */
static int next(struct parser *ps)
{
	struct lexer *lx = &ps->lx;
	struct tok *t = &ps->t;
	size_t p, q;
	uint32_t cp;
	unsigned char c;

	lx_skip(lx);
	memset(t, 0, sizeof(*t));
	t->start = lx->pos;
	t->line = lx->line;
	t->col = lx->col;
	if (lx->pos >= lx->n) {
		t->kind = T_EOF;
		return 0;
	}
	c = (unsigned char)lx->s[lx->pos];
	if (is_ident_start(c)) {
		for (p = lx->pos; p < lx->n && is_ident_char((unsigned char)lx->s[p]); p++)
			;
		t->kind = T_IDENT;
		t->len = p - lx->pos;
		lx_advance(lx, t->len);
		return 0;
	}
	if (is_digit(c))
		return lex_number(ps);
	if (c == '"')
		return lex_string(ps);
	if (c >= 0x80) {
		p = lx->pos;
		if (thtext_utf8_next(lx->s, lx->n, &p, &cp))
			return fail_pos(ps, t->line, t->col, "ข้อความไม่ใช่ UTF-8 ที่ถูกต้อง",
					"the text is not valid UTF-8");
		if (cp >= 0x0E01 && cp <= 0x0E7F) {
			do {
				q = p;
				if (q >= lx->n || thtext_utf8_next(lx->s, lx->n, &q, &cp) ||
				    cp < 0x0E01 || cp > 0x0E7F)
					break;
				p = q;
			} while (1);
			t->kind = T_WORD;
		} else if (cp == 0x2264) {
			t->kind = T_LE;
		} else if (cp == 0x2265) {
			t->kind = T_GE;
		} else if (cp == 0x2260) {
			t->kind = T_NE;
		} else {
			return fail_pos(ps, t->line, t->col, "อักขระที่ใช้ที่นี่ไม่ได้: U+%04X",
					"unexpected character U+%04X", (unsigned)cp);
		}
		t->len = p - lx->pos;
		lx_advance(lx, t->len);
		return 0;
	}
	t->len = 1;
	switch (c) {
	case '(': t->kind = T_LP; break;
	case ')': t->kind = T_RP; break;
	case '[': t->kind = T_LB; break;
	case ']': t->kind = T_RB; break;
	case ',': t->kind = T_COMMA; break;
	case ':': t->kind = T_COLON; break;
	case '=':
		t->kind = T_EQ;
		if (lx->pos + 1 < lx->n && lx->s[lx->pos + 1] == '=')
			t->len = 2;
		break;
	case '!':
		if (lx->pos + 1 < lx->n && lx->s[lx->pos + 1] == '=') {
			t->kind = T_NE;
			t->len = 2;
			break;
		}
		return fail_pos(ps, t->line, t->col, "ใช้ != หรือ not แทน '!'",
				"write != or not instead of '!'");
	case '<':
	case '>':
		t->kind = c == '<' ? T_LT : T_GT;
		if (lx->pos + 1 < lx->n && lx->s[lx->pos + 1] == '=') {
			t->kind = c == '<' ? T_LE : T_GE;
			t->len = 2;
		}
		break;
	default:
		if (c < 0x20 || c == 0x7f)
			return fail_pos(ps, t->line, t->col, "อักขระที่ใช้ที่นี่ไม่ได้: รหัส %d",
					"unexpected control character %d", c);
		return fail_pos(ps, t->line, t->col, "อักขระที่ใช้ที่นี่ไม่ได้: '%c'",
				"unexpected character '%c'", c);
	}
	lx_advance(lx, t->len);
	return 0;
}

/* ---- parser helpers ---- */

static bool is_kw(const struct parser *ps, const char *kw)
{
	size_t k = strlen(kw);

	return ps->t.kind == T_IDENT && ps->t.len == k && !memcmp(ps->lx.s + ps->t.start, kw, k);
}

/* The current token as NUL-terminated text (cut at cap - 1 bytes). */
static void tok_copy(const struct parser *ps, char *out, size_t cap)
{
	size_t k = ps->t.len < cap - 1 ? ps->t.len : cap - 1;

	memcpy(out, ps->lx.s + ps->t.start, k);
	out[k] = '\0';
}

/* "expected X, found Y" at the current token. */
static int expected(struct parser *ps, const char *what_th, const char *what_en)
{
	char sh[SHOWN_MAX + 8], q[SHOWN_MAX + 16];

	if (ps->t.kind == T_EOF)
		return fail_pos(ps, ps->t.line, ps->t.col, "คาดว่าจะพบ%s%.0s แต่ข้อความจบเสียก่อน",
				"expected %.0s%s, found the end of the text", what_th, what_en);
	shown_text(ps->lx.s + ps->t.start, ps->t.len, sh);
	snprintf(q, sizeof(q), "'%s'", sh);
	return fail_pos(ps, ps->t.line, ps->t.col, "คาดว่าจะพบ%s%.0s แต่พบ %s",
			"expected %.0s%s, found %s", what_th, what_en, q);
}

static int expect(struct parser *ps, enum tok_kind kind, const char *th, const char *en)
{
	if (ps->t.kind != kind)
		return expected(ps, th, en);
	return next(ps);
}

static int expect_kw(struct parser *ps, const char *kw)
{
	char th[64], en[64];

	if (is_kw(ps, kw))
		return next(ps);
	snprintf(th, sizeof(th), " '%s'", kw);
	snprintf(en, sizeof(en), "'%s'", kw);
	return expected(ps, th, en);
}

/* The word of list closest to word (at most two edits away), or NULL. */
static const char *suggest(const char *word, const char *const *list, size_t n)
{
	const char *best = NULL;
	int bestd = 3, d;
	size_t i;

	if (strlen(word) < 2)
		return NULL;
	for (i = 0; i < n; i++) {
		d = similar_distance(word, list[i], 2);
		if (d < bestd) {
			bestd = d;
			best = list[i];
		}
	}
	return best;
}

/* "unknown <what> 'word'", with a suggestion when one is close. */
static int unknown_word(struct parser *ps, const char *what_th, const char *what_en,
			const char *const *list, size_t n)
{
	char word[RULES_CODE_MAX + 8], sh[SHOWN_MAX + 8], hint_th[96] = "", hint_en[96] = "";
	const char *s;

	tok_copy(ps, word, sizeof(word));
	shown_text(ps->lx.s + ps->t.start, ps->t.len, sh);
	s = suggest(word, list, n);
	if (s) {
		snprintf(hint_th, sizeof(hint_th), " (หมายถึง '%s' หรือไม่)", s);
		snprintf(hint_en, sizeof(hint_en), " (did you mean '%s'?)", s);
	}
	return fail_pos(ps, ps->t.line, ps->t.col, "ไม่รู้จัก%s%.0s '%s'%s%.0s",
			"unknown %.0s%s '%s'%.0s%s", what_th, what_en, sh, hint_th, hint_en);
}

static int new_node(struct parser *ps, int kind, int a, int b, int *out)
{
	struct rules_prog *p = ps->p;

	if (p->nnodes >= RULES_MAX_NODES)
		return fail_pos(ps, ps->t.line, ps->t.col, "กฎยาวเกินไป (เกิน %d ส่วน)",
				"the rules are too long (over %d parts)", RULES_MAX_NODES);
	p->nodes[p->nnodes] = (struct node){ (uint8_t)kind, (uint16_t)a, (uint16_t)b };
	*out = p->nnodes++;
	return 0;
}

static unsigned columns_of(const struct leaf *l)
{
	switch (l->var) {
	case V_AGE:
	case V_BORN: return RULES_COL_BIRTH;
	case V_REGISTERED: return RULES_COL_REGISTERED;
	case V_INCOME: return RULES_COL_INCOME;
	case V_SEX: return RULES_COL_SEX;
	case V_NATIONALITY: return RULES_COL_NATIONALITY;
	case V_REGISTRATION: return RULES_COL_REG;
	case V_AREA: return RULES_COL_AREA;
	case V_ALIVE: return RULES_COL_BIRTH | RULES_COL_DEATH;
	case V_NEED: return RULES_COL_NEEDS;
	case V_CARD: return RULES_COL_CARDS;
	case V_ENROLLED: return RULES_COL_ENROLLED;
	case V_FLAG: return RULES_COL_FLAGS;
	default: return 0;
	}
}

static int leaf_node(struct parser *ps, const struct leaf *l, int *out)
{
	struct rules_prog *p = ps->p;

	if (p->nleaves >= RULES_MAX_LEAVES)
		return fail_pos(ps, ps->t.line, ps->t.col, "กฎมีเงื่อนไขมากเกินไป (เกิน %d)",
				"the rules hold too many tests (over %d)", RULES_MAX_LEAVES);
	TRY(new_node(ps, N_LEAF, p->nleaves, 0, out));
	p->leaves[p->nleaves++] = *l;
	p->columns |= columns_of(l);
	if (l->var == V_AREA && l->office)
		p->office = true;
	return 0;
}

static int not_node(struct parser *ps, int a, int *out)
{
	return new_node(ps, N_NOT, a, 0, out);
}

/* ---- areas ---- */

static int64_t pow10i(int k)
{
	int64_t v = 1;

	while (k-- > 0)
		v *= 10;
	return v;
}

/* The range of area numbers under a code (level 0..4). */
static void area_range(const char *code, int64_t *lo, int64_t *hi)
{
	int level = geo_level(code);
	int64_t v = 0, span;
	const char *c;

	if (level <= 0) {
		*lo = 1;
		*hi = INT32_MAX;
		return;
	}
	for (c = code; *c; c++)
		v = v * 10 + (*c - '0');
	span = pow10i(8 - 2 * level);
	*lo = v * span * 4 + (level - 1);
	*hi = (v * span + span - 1) * 4 + 3;
}

int32_t rules_area_number(const char *code)
{
	int level = geo_level(code);
	int64_t v = 0;
	const char *c;

	if (level <= 0)
		return RULES_AREA_UNKNOWN;
	for (c = code; *c; c++)
		v = v * 10 + (*c - '0');
	return (int32_t)(v * pow10i(8 - 2 * level) * 4 + (level - 1));
}

/* ---- value tests ---- */

enum vtype { TY_YEARS, TY_DATE, TY_MONEY, TY_ENUM, TY_AREA };

static enum vtype var_type(int var)
{
	switch (var) {
	case V_AGE: return TY_YEARS;
	case V_BORN:
	case V_REGISTERED: return TY_DATE;
	case V_INCOME: return TY_MONEY;
	case V_AREA: return TY_AREA;
	default: return TY_ENUM;
	}
}

static const char *const value_names[] = { "age", "born", "registered", "income_per_person",
					   "sex", "nationality", "registration", "area" };
static const char *const atom_names[] = {
	"age",    "born",  "registered", "income_per_person", "sex",   "nationality",
	"registration", "area", "alive", "thai", "institution", "need", "enrolled",
	"group",  "true",  "false",      "not"
};
static const char *const sex_words[] = { "", "male", "female" };
static const char *const nat_words[] = { "", "thai", "foreign", "stateless" };
static const char *const group_words[] = { "child_youth", "working_age", "elderly",
					   "disadvantaged" };

/* Reads a money literal: a number and its unit, into satang 0..max. */
static int parse_money(struct parser *ps, int64_t max, int64_t *satang)
{
	struct tok num = ps->t;
	char unit[24];
	bool baht;

	if (num.kind != T_NUM)
		return expected(ps, "จำนวนเงิน เช่น 600 baht", "an amount such as 600 baht");
	TRY(next(ps));
	tok_copy(ps, unit, sizeof(unit));
	if ((ps->t.kind == T_IDENT || ps->t.kind == T_WORD) &&
	    (!strcmp(unit, "baht") || !strcmp(unit, "บาท")))
		baht = true;
	else if ((ps->t.kind == T_IDENT || ps->t.kind == T_WORD) &&
		 (!strcmp(unit, "satang") || !strcmp(unit, "สตางค์")))
		baht = false;
	else
		return fail_pos(ps, num.line, num.col,
				"เขียนจำนวนเงินพร้อมหน่วย เช่น 600 baht หรือ 50 satang",
				"write the amount with its unit, such as 600 baht or 50 satang");
	if (!baht && num.frac)
		return fail_pos(ps, num.line, num.col, "สตางค์ต้องเป็นจำนวนเต็ม",
				"satang are whole numbers");
	*satang = baht ? num.cents : num.cents / 100;
	if (*satang > max)
		return fail_pos(ps, num.line, num.col, "จำนวนเงินเกินกว่าที่รับได้ (%lld บาท)",
				"the amount is above the limit (%lld baht)", (long long)(max / 100));
	return next(ps);
}

/* Reads the literal a comparison of var asks for. */
static int parse_literal(struct parser *ps, int var, int64_t *v)
{
	struct tok t = ps->t;

	switch (var_type(var)) {
	case TY_YEARS:
		if (t.kind != T_NUM)
			return expected(ps, "จำนวนปี เช่น 60", "a number of years such as 60");
		if (t.frac || t.cents / 100 > RULES_AGE_MAX)
			return fail_pos(ps, t.line, t.col, "อายุเป็นจำนวนปีเต็ม 0 ถึง %d",
					"an age is whole years, 0 to %d", RULES_AGE_MAX);
		*v = t.cents / 100;
		TRY(next(ps));
		if (ps->t.kind == T_WORD || is_kw(ps, "baht") || is_kw(ps, "satang"))
			return fail_pos(ps, ps->t.line, ps->t.col,
					"อายุเทียบกับจำนวนปี ไม่ใช่จำนวนเงิน",
					"an age compares with years, not money");
		return 0;
	case TY_DATE:
		if (t.kind != T_DATE)
			return expected(ps, "วันที่ เช่น 2023-08-12 หรือ 12/8/2566",
					"a date such as 2023-08-12 or 12/8/2566");
		*v = date_to_days(t.date);
		return next(ps);
	case TY_MONEY:
		return parse_money(ps, RULES_MONEY_MAX, v);
	default:
		return expected(ps, "ค่า", "a value");
	}
}

/* One enumerated word of var: its value (1..). */
static int parse_enum_word(struct parser *ps, int var, int *v)
{
	char word[RULES_CODE_MAX];
	int i, r;

	if (ps->t.kind != T_IDENT) {
		if (var == V_SEX)
			return expected(ps, " male หรือ female", "male or female");
		if (var == V_NATIONALITY)
			return expected(ps, " thai, foreign หรือ stateless", "thai, foreign or stateless");
		return expected(ps, " house, non_thai, central หรือ none",
				"house, non_thai, central or none");
	}
	tok_copy(ps, word, sizeof(word));
	if (var == V_SEX || var == V_NATIONALITY) {
		const char *const *w = var == V_SEX ? sex_words : nat_words;
		int n = var == V_SEX ? 3 : RULES_NAT_COUNT;

		for (i = 1; i < n; i++)
			if (!strcmp(word, w[i])) {
				*v = i;
				return next(ps);
			}
		if (var == V_SEX)
			return unknown_word(ps, "เพศ", "sex", sex_words + 1, 2);
		return unknown_word(ps, "สัญชาติ", "nationality", nat_words + 1, 3);
	}
	r = reg_status_parse(word);
	if (r <= REG_UNKNOWN) {
		static const char *const regs[] = { "house", "non_thai", "central", "none" };

		if (r == REG_UNKNOWN)
			return fail_pos(ps, ps->t.line, ps->t.col,
					"ใช้ 'registration is unknown' เพื่อทดสอบว่าไม่ทราบสถานะ",
					"write 'registration is unknown' to test for a missing status");
		return unknown_word(ps, "สถานะทางทะเบียน", "registration status", regs, 4);
	}
	*v = r;
	return next(ps);
}

/* One item of an area set: a DOPA code or "office". */
static int parse_area_item(struct parser *ps, struct leaf *l)
{
	char code[16];
	struct err le;

	memset(l, 0, sizeof(*l));
	l->var = V_AREA;
	l->mode = M_RANGE;
	if (is_kw(ps, "office")) {
		l->office = true;
		return next(ps);
	}
	if (ps->t.kind != T_NUM || ps->t.frac || ps->t.commas || ps->t.len > 8)
		return expected(ps, "รหัสพื้นที่ เช่น 5001 หรือ office",
				"an area code such as 5001, or office");
	tok_copy(ps, code, sizeof(code));
	err_init(&le);
	if (geo_code_check(code, "rules", &le))
		return fail_pos(ps, ps->t.line, ps->t.col, "%s%.0s", "%.0s%s", le.th, le.en);
	memcpy(l->text, code, strlen(code) + 1);
	area_range(code, &l->lo, &l->hi);
	return next(ps);
}

/* The "in" of var: a set of values, or of areas (an "or" of prefixes). */
static int parse_in(struct parser *ps, int var, int *out)
{
	bool list = ps->t.kind == T_LB;
	struct leaf l;
	int count = 0, node, v;
	uint64_t mask = 0;

	if (var_type(var) != TY_ENUM && var_type(var) != TY_AREA)
		return fail_pos(ps, ps->t.line, ps->t.col,
				"ใช้ between เพื่อทดสอบช่วง เช่น age between 0 and 6",
				"use between for a range, such as age between 0 and 6");
	if (list)
		TRY(next(ps));
	*out = -1;
	do {
		if (count && list)
			TRY(expect(ps, T_COMMA, " ',' หรือ ']'", "',' or ']'"));
		if (++count > SET_MAX)
			return fail_pos(ps, ps->t.line, ps->t.col, "รายการยาวเกิน %d ค่า",
					"the list holds more than %d items", SET_MAX);
		if (var == V_AREA) {
			TRY(parse_area_item(ps, &l));
			TRY(leaf_node(ps, &l, &node));
			if (*out < 0)
				*out = node;
			else
				TRY(new_node(ps, N_OR, *out, node, out));
		} else {
			TRY(parse_enum_word(ps, var, &v));
			mask |= 1ull << v;
		}
	} while (list && ps->t.kind != T_RB);
	if (list)
		TRY(expect(ps, T_RB, " ']'", "']'"));
	if (var != V_AREA) {
		memset(&l, 0, sizeof(l));
		l.var = (uint8_t)var;
		l.mode = M_SET;
		l.mask = mask;
		TRY(leaf_node(ps, &l, out));
	}
	return 0;
}

/* The test that follows a value: is known, a comparison, between, in. */
static int parse_test(struct parser *ps, int var, struct date ref, const struct tok *vt, int *out)
{
	enum vtype ty = var_type(var);
	struct leaf l;
	struct tok lt;
	enum tok_kind op;
	bool neg = false, unknown;
	int64_t a, b;
	int v;

	memset(&l, 0, sizeof(l));
	l.var = (uint8_t)var;
	l.ref = ref;
	if (is_kw(ps, "is")) {
		TRY(next(ps));
		if (is_kw(ps, "not")) {
			neg = true;
			TRY(next(ps));
		}
		if (!is_kw(ps, "known") && !is_kw(ps, "unknown"))
			return expected(ps, " known หรือ unknown", "known or unknown");
		unknown = is_kw(ps, "unknown");
		TRY(next(ps));
		l.mode = M_KNOWN;
		TRY(leaf_node(ps, &l, out));
		if (unknown != neg)
			TRY(not_node(ps, *out, out));
		return 0;
	}
	op = ps->t.kind;
	if (op >= T_EQ && op <= T_GE) {
		if (ty == TY_AREA)
			return fail_pos(ps, ps->t.line, ps->t.col,
					"ใช้ 'area in รหัส' เช่น area in 5001 หรือ area in office",
					"write 'area in CODE', such as area in 5001 or area in office");
		TRY(next(ps));
		if (ty == TY_ENUM) {
			if (op != T_EQ && op != T_NE)
				return fail_pos(ps, vt->line, vt->col,
						"ค่านี้เทียบได้ด้วย = และ != เท่านั้น",
						"this value compares only with = and !=");
			TRY(parse_enum_word(ps, var, &v));
			l.mode = M_SET;
			l.mask = 1ull << v;
			TRY(leaf_node(ps, &l, out));
			if (op == T_NE)
				TRY(not_node(ps, *out, out));
			return 0;
		}
		TRY(parse_literal(ps, var, &a));
		l.mode = M_RANGE;
		l.lo = INT64_MIN;
		l.hi = INT64_MAX;
		switch (op) {
		case T_EQ:
		case T_NE: l.lo = l.hi = a; break;
		case T_LT: l.hi = a - 1; break;
		case T_LE: l.hi = a; break;
		case T_GT: l.lo = a + 1; break;
		default: l.lo = a; break;
		}
		TRY(leaf_node(ps, &l, out));
		if (op == T_NE)
			TRY(not_node(ps, *out, out));
		return 0;
	}
	if (is_kw(ps, "not")) {
		neg = true;
		TRY(next(ps));
		if (!is_kw(ps, "between") && !is_kw(ps, "in"))
			return expected(ps, " between หรือ in", "between or in");
	}
	if (is_kw(ps, "between")) {
		if (ty == TY_ENUM || ty == TY_AREA)
			return fail_pos(ps, ps->t.line, ps->t.col, "ค่านี้ไม่มีช่วง ใช้ in แทน",
					"this value has no ranges: use in");
		TRY(next(ps));
		lt = ps->t;
		TRY(parse_literal(ps, var, &a));
		TRY(expect_kw(ps, "and"));
		TRY(parse_literal(ps, var, &b));
		if (a > b)
			return fail_pos(ps, lt.line, lt.col,
					"ช่วงว่างเปล่า: ค่าแรกมากกว่าค่าหลัง",
					"the range is empty: the first bound is above the second");
		l.mode = M_RANGE;
		l.lo = a;
		l.hi = b;
		TRY(leaf_node(ps, &l, out));
	} else if (is_kw(ps, "in")) {
		TRY(next(ps));
		TRY(parse_in(ps, var, out));
	} else {
		char th[160], en[160], name[RULES_CODE_MAX];

		snprintf(name, sizeof(name), "%.*s", (int)vt->len, ps->lx.s + vt->start);
		snprintf(th, sizeof(th), "การเปรียบเทียบหลัง '%s' (เช่น >=, between, in, is known)",
			 name);
		snprintf(en, sizeof(en), "a comparison after '%s' (such as >=, between, in, is known)",
			 name);
		return expected(ps, th, en);
	}
	if (neg)
		TRY(not_node(ps, *out, out));
	return 0;
}

static int parse_expr(struct parser *ps, int *out);

/* need K [with card | without card] */
static int parse_need(struct parser *ps, int *out)
{
	char word[RULES_CODE_MAX];
	const char *list[NEED_COUNT];
	struct leaf l;
	int k, i, card;

	if (ps->t.kind != T_IDENT)
		return expected(ps, "ชนิดของความต้องการ เช่น disability",
				"a kind of need such as disability");
	tok_copy(ps, word, sizeof(word));
	k = need_kind_parse(word);
	if (k <= NEED_NONE) {
		for (i = 1; i < NEED_COUNT; i++)
			list[i - 1] = need_kind_code((enum need_kind)i);
		return unknown_word(ps, "ชนิดของความต้องการ", "kind of need", list, NEED_COUNT - 1);
	}
	TRY(next(ps));
	memset(&l, 0, sizeof(l));
	l.var = V_NEED;
	l.mode = M_SET;
	l.mask = 1ull << k;
	TRY(leaf_node(ps, &l, out));
	if (!is_kw(ps, "with") && !is_kw(ps, "without"))
		return 0;
	card = is_kw(ps, "with") ? 1 : 0;
	TRY(next(ps));
	TRY(expect_kw(ps, "card"));
	l.var = V_CARD;
	i = *out;
	TRY(leaf_node(ps, &l, out));
	if (!card)
		TRY(not_node(ps, *out, out));
	return new_node(ps, N_AND, i, *out, out);
}

/* [a-z0-9_]{1,31} */
static bool code_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n >= RULES_CODE_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || is_digit(s[i]) || s[i] == '_'))
			return false;
	return true;
}

/* enrolled P */
static int parse_enrolled(struct parser *ps, int *out)
{
	struct rules_prog *p = ps->p;
	struct leaf l;
	int i;

	if (ps->t.kind != T_IDENT)
		return expected(ps, "รหัสโครงการ เช่น old_age", "a program code such as old_age");
	if (!code_ok(ps->lx.s + ps->t.start, ps->t.len))
		return fail_pos(ps, ps->t.line, ps->t.col,
				"รหัสโครงการใช้ a-z 0-9 และ _ ได้ 1 ถึง %d ตัว",
				"a program code is 1 to %d of a-z, 0-9 and _", RULES_CODE_MAX - 1);
	memset(&l, 0, sizeof(l));
	l.var = V_ENROLLED;
	l.mode = M_SET;
	tok_copy(ps, l.text, sizeof(l.text));
	for (i = 0; i < p->nenrolled && strcmp(p->enrolled[i], l.text); i++)
		;
	if (i == p->nenrolled) {
		if (p->nenrolled >= RULES_MAX_PROGRAMS)
			return fail_pos(ps, ps->t.line, ps->t.col, "อ้างถึงโครงการอื่นได้ไม่เกิน %d โครงการ",
					"at most %d other programs may be named", RULES_MAX_PROGRAMS);
		memcpy(p->enrolled[p->nenrolled++], l.text, sizeof(l.text));
	}
	TRY(next(ps));
	return leaf_node(ps, &l, out);
}

static int parse_atom(struct parser *ps, int *out)
{
	struct tok vt = ps->t;
	char word[RULES_CODE_MAX];
	struct leaf l;
	struct date ref = { 0, 0, 0 };
	int var = 0, i;

	if (vt.kind == T_LP) {
		if (++ps->nest > RULES_MAX_NEST)
			return fail_pos(ps, vt.line, vt.col, "วงเล็บหรือ not ซ้อนกันลึกเกิน %d ชั้น",
					"parentheses or 'not' nest deeper than %d", RULES_MAX_NEST);
		TRY(next(ps));
		TRY(parse_expr(ps, out));
		ps->nest--;
		return expect(ps, T_RP, " ')'", "')'");
	}
	if (vt.kind != T_IDENT)
		return expected(ps, "เงื่อนไข เช่น age >= 60", "a condition such as age >= 60");
	memset(&l, 0, sizeof(l));
	l.mode = M_SET;
	if (is_kw(ps, "true") || is_kw(ps, "false")) {
		i = is_kw(ps, "true") ? N_TRUE : N_FALSE;
		TRY(next(ps));
		return new_node(ps, i, 0, 0, out);
	}
	if (is_kw(ps, "alive") || is_kw(ps, "thai") || is_kw(ps, "institution")) {
		if (is_kw(ps, "alive")) {
			l.var = V_ALIVE;
		} else if (is_kw(ps, "thai")) {
			l.var = V_NATIONALITY;
			l.mask = 1ull << RULES_NAT_THAI;
		} else {
			l.var = V_FLAG;
			l.mask = RULES_FLAG_INSTITUTION;
		}
		TRY(next(ps));
		return leaf_node(ps, &l, out);
	}
	if (is_kw(ps, "need")) {
		TRY(next(ps));
		return parse_need(ps, out);
	}
	if (is_kw(ps, "enrolled")) {
		TRY(next(ps));
		return parse_enrolled(ps, out);
	}
	if (is_kw(ps, "group")) {
		TRY(next(ps));
		if (ps->t.kind != T_IDENT)
			return expected(ps, "กลุ่มเป้าหมาย เช่น elderly", "a target group such as elderly");
		tok_copy(ps, word, sizeof(word));
		for (i = 0; i < 4 && strcmp(word, group_words[i]); i++)
			;
		if (i == 4)
			return unknown_word(ps, "กลุ่มเป้าหมาย", "target group", group_words, 4);
		TRY(next(ps));
		if (i == 3) {
			l.var = V_NEED;
			for (var = 1; var < NEED_COUNT; var++)
				if (need_kind_disadvantage((enum need_kind)var))
					l.mask |= 1ull << var;
			return leaf_node(ps, &l, out);
		}
		/* The age bands of target_group_of_age. */
		l.var = V_AGE;
		l.mode = M_RANGE;
		l.lo = i == 0 ? 0 : i == 1 ? 25 : 60;
		l.hi = i == 0 ? 24 : i == 1 ? 59 : INT64_MAX;
		return leaf_node(ps, &l, out);
	}
	tok_copy(ps, word, sizeof(word));
	for (i = 0; i < (int)ARRAY_SIZE(value_names); i++)
		if (vt.len < RULES_CODE_MAX && !strcmp(word, value_names[i]))
			var = i + 1; /* V_AGE .. V_AREA follow value_names */
	if (!var)
		return unknown_word(ps, "ตัวแปร", "variable", atom_names, ARRAY_SIZE(atom_names));
	TRY(next(ps));
	if (var == V_AGE && is_kw(ps, "on")) {
		TRY(next(ps));
		if (ps->t.kind != T_DATE)
			return expected(ps, "วันที่ เช่น 2025-10-01", "a date such as 2025-10-01");
		ref = ps->t.date;
		TRY(next(ps));
	}
	return parse_test(ps, var, ref, &vt, out);
}

static int parse_neg(struct parser *ps, int *out)
{
	struct tok t = ps->t;

	if (!is_kw(ps, "not"))
		return parse_atom(ps, out);
	if (++ps->nest > RULES_MAX_NEST)
		return fail_pos(ps, t.line, t.col, "วงเล็บหรือ not ซ้อนกันลึกเกิน %d ชั้น",
				"parentheses or 'not' nest deeper than %d", RULES_MAX_NEST);
	TRY(next(ps));
	TRY(parse_neg(ps, out));
	ps->nest--;
	return not_node(ps, *out, out);
}

static int parse_conj(struct parser *ps, int *out)
{
	int b;

	TRY(parse_neg(ps, out));
	while (is_kw(ps, "and")) {
		TRY(next(ps));
		TRY(parse_neg(ps, &b));
		TRY(new_node(ps, N_AND, *out, b, out));
	}
	return 0;
}

static int parse_expr(struct parser *ps, int *out)
{
	int b;

	TRY(parse_conj(ps, out));
	while (is_kw(ps, "or")) {
		TRY(next(ps));
		TRY(parse_conj(ps, &b));
		TRY(new_node(ps, N_OR, *out, b, out));
	}
	return 0;
}

/* ---- statements ---- */

static bool placeholder_ok(const char *name, size_t n, bool amount_ok)
{
	return (n == 3 && !memcmp(name, "age", 3)) || (n == 6 && !memcmp(name, "income", 6)) ||
	       (amount_ok && n == 6 && !memcmp(name, "amount", 6));
}

/* Decodes the current string token into the pool and checks it. */
static int take_label(struct parser *ps, size_t *off, bool amount_ok)
{
	struct rules_prog *p = ps->p;
	const char *s = ps->lx.s + ps->t.start + 1, *text;
	size_t n = ps->t.len - 2, i, j, start = p->pool.len, len;
	char sh[SHOWN_MAX + 8];
	bool blank = true;
	char c;

	for (i = 0; i < n; i++) {
		c = s[i];
		if (c == '\\')
			c = s[++i];
		buf_putc(&p->pool, c);
		if (c != ' ')
			blank = false;
	}
	len = p->pool.len - start;
	text = p->pool.ptr + start;
	if (blank)
		return fail_pos(ps, ps->t.line, ps->t.col, "ป้ายข้อความว่างเปล่า",
				"the label is empty");
	if (len > RULES_LABEL_MAX)
		return fail_pos(ps, ps->t.line, ps->t.col, "ป้ายข้อความยาวเกิน %d ไบต์",
				"the label is longer than %d bytes", RULES_LABEL_MAX);
	for (i = 0; i < len; i++) {
		if (text[i] != '{')
			continue;
		for (j = i + 1; j < len && text[j] != '}' && text[j] != '{'; j++)
			;
		if (j >= len || text[j] != '}')
			return fail_pos(ps, ps->t.line, ps->t.col, "'{' ในป้ายข้อความไม่มี '}' ปิด",
					"a '{' in the label has no closing '}'");
		if (!placeholder_ok(text + i + 1, j - i - 1, amount_ok)) {
			shown_text(text + i, j - i + 1, sh);
			return fail_pos(ps, ps->t.line, ps->t.col,
					"ไม่รู้จักช่องแทนค่า %s: ใช้ {age} {income}%s%.0s",
					"unknown placeholder %s: use {age}, {income}%.0s%s", sh,
					amount_ok ? " หรือ {amount}" : "",
					amount_ok ? " or {amount}" : "");
		}
		i = j;
	}
	buf_putc(&p->pool, '\0');
	*off = start;
	return next(ps);
}

static int parse_labels(struct parser *ps, size_t *th, size_t *en, bool amount_ok)
{
	if (ps->t.kind != T_STRING)
		return expected(ps, "ป้ายภาษาไทยในเครื่องหมายคำพูด", "the Thai label in double quotes");
	TRY(take_label(ps, th, amount_ok));
	if (ps->t.kind != T_STRING)
		return expected(ps, "ป้ายภาษาอังกฤษในเครื่องหมายคำพูด",
				"the English label in double quotes");
	return take_label(ps, en, amount_ok);
}

/* r1, r2, ...: the codes of requirements written without one. */
static bool default_code(const char *s)
{
	if (s[0] != 'r' || !s[1])
		return false;
	for (s++; *s; s++)
		if (!is_digit(*s))
			return false;
	return true;
}

static void stmt_init(struct stmt *st, const struct tok *t)
{
	memset(st, 0, sizeof(*st));
	st->th = st->en = st->fth = st->fen = NO_TEXT;
	st->line = t->line;
	st->col = t->col;
}

static int parse_require(struct parser *ps)
{
	struct rules_prog *p = ps->p;
	struct stmt *st = &p->reqs[p->nreqs];
	struct tok kw = ps->t, save_t;
	struct lexer save;
	bool coded;
	int i;

	if (p->nreqs >= RULES_MAX_REQUIRE)
		return fail_pos(ps, kw.line, kw.col, "มีเงื่อนไข require เกิน %d ข้อ",
				"more than %d requirements", RULES_MAX_REQUIRE);
	stmt_init(st, &kw);
	TRY(next(ps));
	if (ps->t.kind == T_IDENT) {
		save = ps->lx;
		save_t = ps->t;
		TRY(next(ps));
		coded = ps->t.kind == T_COLON;
		ps->lx = save;
		ps->t = save_t;
		if (coded) {
			if (!code_ok(ps->lx.s + ps->t.start, ps->t.len))
				return fail_pos(ps, ps->t.line, ps->t.col,
						"รหัสเงื่อนไขใช้ a-z 0-9 และ _ ได้ 1 ถึง %d ตัว",
						"a requirement code is 1 to %d of a-z, 0-9 and _", RULES_CODE_MAX - 1);
			tok_copy(ps, st->code, sizeof(st->code));
			if (default_code(st->code))
				return fail_pos(ps, ps->t.line, ps->t.col,
						"รหัส r1, r2, ... สงวนไว้สำหรับเงื่อนไขที่ไม่ได้ตั้งรหัส",
						"codes r1, r2, ... are kept for requirements without one");
			for (i = 0; i < p->nreqs; i++)
				if (!strcmp(p->reqs[i].code, st->code))
					return fail_pos(ps, ps->t.line, ps->t.col,
							"รหัสเงื่อนไข '%s' ซ้ำกับบรรทัด %d",
							"requirement code '%s' is already used on line %d",
							st->code, p->reqs[i].line);
			TRY(next(ps));
			TRY(next(ps));
		}
	}
	if (!st->code[0])
		snprintf(st->code, sizeof(st->code), "r%d", p->nreqs + 1);
	ps->nest = 0;
	TRY(parse_expr(ps, &st->root));
	TRY(parse_labels(ps, &st->th, &st->en, false));
	if (is_kw(ps, "else")) {
		TRY(next(ps));
		TRY(parse_labels(ps, &st->fth, &st->fen, false));
	}
	p->nreqs++;
	return 0;
}

static int parse_amount(struct parser *ps)
{
	struct rules_prog *p = ps->p;
	struct tok kw = ps->t;
	struct stmt *st;

	if (p->ncases)
		return fail_pos(ps, kw.line, kw.col, "มี amount ได้เพียงครั้งเดียว",
				"amount may be given only once");
	TRY(next(ps));
	if (is_kw(ps, "when")) {
		while (is_kw(ps, "when")) {
			if (p->ncases >= RULES_MAX_CASES - 1)
				return fail_pos(ps, ps->t.line, ps->t.col, "มีกรณี when เกิน %d กรณี",
						"more than %d when cases", RULES_MAX_CASES - 1);
			st = &p->cases[p->ncases];
			stmt_init(st, &ps->t);
			TRY(next(ps));
			ps->nest = 0;
			TRY(parse_expr(ps, &st->root));
			TRY(expect_kw(ps, "then"));
			TRY(parse_money(ps, RULES_AMOUNT_MAX, &st->amount));
			if (ps->t.kind == T_STRING)
				TRY(parse_labels(ps, &st->th, &st->en, true));
			p->ncases++;
		}
		if (!is_kw(ps, "else"))
			return expected(ps, " when หรือ else (จำนวนเงินเมื่อไม่เข้ากรณีใด)",
					"when or else (the amount when no case holds)");
		TRY(next(ps));
	}
	st = &p->cases[p->ncases];
	stmt_init(st, &ps->t);
	TRY(new_node(ps, N_TRUE, 0, 0, &st->root));
	TRY(parse_money(ps, RULES_AMOUNT_MAX, &st->amount));
	if (ps->t.kind == T_STRING)
		TRY(parse_labels(ps, &st->th, &st->en, true));
	p->ncases++;
	return 0;
}

static int parse_program(struct parser *ps)
{
	static const char *const statements[] = { "require", "amount" };

	TRY(next(ps));
	while (ps->t.kind != T_EOF) {
		if (is_kw(ps, "require"))
			TRY(parse_require(ps));
		else if (is_kw(ps, "amount"))
			TRY(parse_amount(ps));
		else if (ps->t.kind == T_IDENT)
			return unknown_word(ps, "คำสั่ง (require หรือ amount)",
					    "statement (require or amount)", statements, 2);
		else
			return expected(ps, " require หรือ amount", "require or amount");
	}
	if (!ps->p->nreqs && !ps->p->ncases)
		return fail_pos(ps, ps->t.line, ps->t.col,
				"ไม่มีกฎ: เขียน require หรือ amount อย่างน้อยหนึ่งข้อ",
				"no rules: write at least one require or amount");
	return 0;
}

/* ---- compiling to postfix in negation normal form ---- */

/* Emits node (negated when neg) with depth vectors already on the stack. */
static void emit(struct rules_prog *p, int node, bool neg, int depth, int *maxd)
{
	const struct node *nd = &p->nodes[node];
	struct instr *in;

	switch (nd->kind) {
	case N_NOT:
		emit(p, nd->a, !neg, depth, maxd);
		return;
	case N_AND:
	case N_OR:
		emit(p, nd->a, neg, depth, maxd);
		emit(p, nd->b, neg, depth + 1, maxd);
		in = &p->code[p->ncode++];
		in->op = (nd->kind == N_AND) != neg ? I_AND : I_OR;
		in->neg = 0;
		in->leaf = 0;
		return;
	default:
		if (depth + 1 > *maxd)
			*maxd = depth + 1;
		in = &p->code[p->ncode++];
		in->neg = 0;
		in->leaf = 0;
		if (nd->kind == N_LEAF) {
			in->op = I_LEAF;
			in->neg = neg;
			in->leaf = nd->a;
		} else {
			in->op = (nd->kind == N_TRUE) != neg ? I_TRUE : I_FALSE;
		}
	}
}

static int emit_stmt(struct parser *ps, struct stmt *st)
{
	int maxd = 0;

	st->code_start = ps->p->ncode;
	emit(ps->p, st->root, false, 0, &maxd);
	st->code_len = ps->p->ncode - st->code_start;
	if (maxd > RULES_STACK)
		return fail_pos(ps, st->line, st->col,
				"เงื่อนไขซับซ้อนเกินไป: ลดวงเล็บที่ซ้อนกัน",
				"the condition is too complex: use fewer nested parentheses");
	return 0;
}

static const char *pool_str(const struct rules_prog *p, size_t off)
{
	return off == NO_TEXT ? "" : p->pool.ptr + off;
}

static void fill_item(const struct rules_prog *p, const struct stmt *st, struct rules_item *it,
		      bool req)
{
	it->code = req ? st->code : "";
	it->th = pool_str(p, st->th);
	it->en = pool_str(p, st->en);
	it->fail_th = pool_str(p, st->fth);
	it->fail_en = pool_str(p, st->fen);
	it->amount = req ? 0 : st->amount;
	it->line = st->line;
}

int rules_compile(const char *text, size_t len, struct rules_prog **out, struct err *e)
{
	struct parser ps;
	struct rules_prog *p = NULL;
	size_t pos = 0;
	uint32_t cp;
	int rc, k;

	*out = NULL;
	if (len > RULES_TEXT_MAX)
		return err_set(e, ERR_TOO_LARGE, "rules", "กฎยาวเกิน %d ไบต์",
			       "the rules are longer than %d bytes", RULES_TEXT_MAX);
	if (!text)
		text = "";
	memset(&ps, 0, sizeof(ps));
	ps.lx = (struct lexer){ text, len, 0, 1, 1 };
	ps.e = e;
	while (pos < len && !thtext_utf8_next(text, len, &pos, &cp))
		;
	if (pos < len) {
		lx_advance(&ps.lx, pos);
		return fail_pos(&ps, ps.lx.line, ps.lx.col, "ข้อความไม่ใช่ UTF-8 ที่ถูกต้อง",
				"the text is not valid UTF-8");
	}
	p = xcalloc(1, sizeof(*p));
	buf_init(&p->pool, 0);
	ps.p = p;
	rc = parse_program(&ps);
	if (rc)
		goto fail;
	for (k = 0; k < p->nreqs; k++) {
		rc = emit_stmt(&ps, &p->reqs[k]);
		if (rc)
			goto fail;
	}
	for (k = 0; k < p->ncases; k++) {
		rc = emit_stmt(&ps, &p->cases[k]);
		if (rc)
			goto fail;
	}
	for (k = 0; k < p->nreqs; k++)
		fill_item(p, &p->reqs[k], &p->req_items[k], true);
	for (k = 0; k < p->ncases; k++)
		fill_item(p, &p->cases[k], &p->case_items[k], false);
	*out = p;
	return 0;
fail:
	rules_free(p);
	return rc;
}

void rules_free(struct rules_prog *p)
{
	if (!p)
		return;
	buf_release(&p->pool);
	free(p);
}

int rules_require_count(const struct rules_prog *p)
{
	return p->nreqs;
}

const struct rules_item *rules_require(const struct rules_prog *p, int i)
{
	return i >= 0 && i < p->nreqs ? &p->req_items[i] : NULL;
}

int rules_case_count(const struct rules_prog *p)
{
	return p->ncases;
}

const struct rules_item *rules_case(const struct rules_prog *p, int i)
{
	return i >= 0 && i < p->ncases ? &p->case_items[i] : NULL;
}

unsigned rules_columns(const struct rules_prog *p)
{
	return p->columns;
}

uint32_t rules_need_kinds(const struct rules_prog *p)
{
	uint32_t m = 0;
	int i;

	for (i = 0; i < p->nleaves; i++)
		if (p->leaves[i].var == V_NEED || p->leaves[i].var == V_CARD)
			m |= (uint32_t)p->leaves[i].mask;
	return m;
}

size_t rules_bytes_per_person(const struct rules_prog *p)
{
	static const struct {
		unsigned col;
		size_t size;
	} sizes[] = {
		{ RULES_COL_BIRTH, 4 },    { RULES_COL_DEATH, 4 }, { RULES_COL_REGISTERED, 4 },
		{ RULES_COL_INCOME, 4 },   { RULES_COL_AREA, 4 },  { RULES_COL_NEEDS, 4 },
		{ RULES_COL_CARDS, 4 },    { RULES_COL_ENROLLED, 8 }, { RULES_COL_SEX, 1 },
		{ RULES_COL_NATIONALITY, 1 }, { RULES_COL_REG, 1 }, { RULES_COL_FLAGS, 1 },
	};
	size_t i, n = 5;

	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		if (p->columns & sizes[i].col)
			n += sizes[i].size;
	return n;
}

const char *rules_enrolled_code(const struct rules_prog *p, int i)
{
	return i >= 0 && i < p->nenrolled ? p->enrolled[i] : NULL;
}

bool rules_uses_office(const struct rules_prog *p)
{
	return p->office;
}

/* ---- the evaluation environment ---- */

struct ctx {
	struct date on;
	int32_t on_day;
	const char *office; /* NULL: the nation */
	const char *const *programs;
	size_t nprograms;
};

static int ctx_init(const struct rules_env *env, struct ctx *c, struct err *e)
{
	memset(c, 0, sizeof(*c));
	if (!env || !date_valid(env->on))
		return err_set(e, ERR_INVALID, "on", "วันที่ประเมินสิทธิ์ไม่ถูกต้อง",
			       "the evaluation date is not valid");
	if (env->office && strcmp(env->office, GEO_NATION_CODE) && !geo_code_valid(env->office))
		return err_set(e, ERR_INVALID, "office", "รหัสพื้นที่ของหน่วยงานผู้จ่ายไม่ถูกต้อง",
			       "the paying office's area code is not valid");
	if (env->nprograms > RULES_MAX_PROGRAMS || (env->nprograms && !env->programs))
		return err_set(e, ERR_INVALID, "programs", "รายการโครงการเกิน %d โครงการ",
			       "the program list is longer than %d or missing", RULES_MAX_PROGRAMS);
	c->on = env->on;
	c->on_day = date_to_days(env->on);
	c->office = env->office && strcmp(env->office, GEO_NATION_CODE) ? env->office : NULL;
	c->programs = env->programs;
	c->nprograms = env->nprograms;
	return 0;
}

static uint64_t enrolled_mask(const struct ctx *c, const char *code)
{
	uint64_t m = 0;
	size_t i;

	for (i = 0; i < c->nprograms; i++)
		if (c->programs[i] && !strcmp(c->programs[i], code))
			m |= 1ull << i;
	return m;
}

/* ---- the scalar evaluation: the tree, three-valued ---- */

static int range_tri(const struct leaf *l, bool known, int64_t v)
{
	if (l->mode == M_KNOWN)
		return known ? TRI_T : TRI_F;
	if (!known)
		return TRI_U;
	return v >= l->lo && v <= l->hi ? TRI_T : TRI_F;
}

/* An enumerated value v (valid 1..limit-1). */
static int enum_tri(const struct leaf *l, unsigned v, unsigned limit)
{
	bool known = v >= 1 && v < limit;

	if (l->mode == M_KNOWN)
		return known ? TRI_T : TRI_F;
	if (!known)
		return TRI_U;
	return (l->mask >> v) & 1 ? TRI_T : TRI_F;
}

static unsigned enum_limit(int var)
{
	return var == V_SEX ? 3 : var == V_NATIONALITY ? RULES_NAT_COUNT : REG_COUNT;
}

static int date_tri(const struct leaf *l, struct date d)
{
	bool known = date_valid(d);

	return range_tri(l, known, known ? date_to_days(d) : 0);
}

static int leaf_tri(const struct leaf *l, const struct ctx *c, const struct rules_person *per)
{
	struct date ref;
	const char *prefix;
	bool known;
	int years = 0;

	switch (l->var) {
	case V_AGE:
		ref = l->ref.y ? l->ref : c->on;
		known = date_valid(per->birth) && date_age(per->birth, ref, &years, NULL) == 0;
		return range_tri(l, known, years);
	case V_BORN:
		return date_tri(l, per->birth);
	case V_REGISTERED:
		return date_tri(l, per->registered);
	case V_INCOME:
		/* Whole baht, then compared with the literal in satang. */
		return range_tri(l, per->income != RULES_INCOME_UNKNOWN,
				 (int64_t)rules_income_baht(per->income) * 100);
	case V_SEX:
		return enum_tri(l, (unsigned)per->sex, enum_limit(V_SEX));
	case V_NATIONALITY:
		return enum_tri(l, (unsigned)per->nationality, enum_limit(V_NATIONALITY));
	case V_REGISTRATION:
		return enum_tri(l, (unsigned)per->reg, enum_limit(V_REGISTRATION));
	case V_AREA:
		known = geo_level(per->area) >= GEO_PROVINCE;
		if (l->mode == M_KNOWN || !known)
			return range_tri(l, known, 0);
		prefix = l->office ? c->office : l->text;
		return !prefix || starts_with(per->area, prefix) ? TRI_T : TRI_F;
	case V_ALIVE:
		known = (!date_valid(per->birth) || date_cmp(per->birth, c->on) <= 0) &&
			(!date_valid(per->death) || date_cmp(per->death, c->on) > 0);
		return known ? TRI_T : TRI_F;
	case V_NEED:
		return per->needs & l->mask ? TRI_T : TRI_F;
	case V_CARD:
		return per->cards & l->mask ? TRI_T : TRI_F;
	case V_FLAG:
		return per->flags & l->mask ? TRI_T : TRI_F;
	case V_ENROLLED:
		return per->enrolled & enrolled_mask(c, l->text) ? TRI_T : TRI_F;
	default:
		return TRI_F;
	}
}

static int node_tri(const struct rules_prog *p, int node, const struct ctx *c,
		    const struct rules_person *per)
{
	const struct node *nd = &p->nodes[node];
	int a, b;

	switch (nd->kind) {
	case N_TRUE:
		return TRI_T;
	case N_LEAF:
		return leaf_tri(&p->leaves[nd->a], c, per);
	case N_NOT:
		a = node_tri(p, nd->a, c, per);
		return a == TRI_U ? TRI_U : a == TRI_T ? TRI_F : TRI_T;
	case N_AND:
		a = node_tri(p, nd->a, c, per);
		if (a == TRI_F)
			return TRI_F;
		b = node_tri(p, nd->b, c, per);
		if (b == TRI_F)
			return TRI_F;
		return a == TRI_U || b == TRI_U ? TRI_U : TRI_T;
	case N_OR:
		a = node_tri(p, nd->a, c, per);
		if (a == TRI_T)
			return TRI_T;
		b = node_tri(p, nd->b, c, per);
		if (b == TRI_T)
			return TRI_T;
		return a == TRI_U || b == TRI_U ? TRI_U : TRI_F;
	default:
		return TRI_F;
	}
}

/* The first amount case that holds (the else case at the latest), or -1. */
static int pick_case(const struct rules_prog *p, const struct ctx *c,
		     const struct rules_person *per)
{
	int k;

	for (k = 0; k < p->ncases; k++)
		if (k == p->ncases - 1 || node_tri(p, p->cases[k].root, c, per) == TRI_T)
			return k;
	return -1;
}

int rules_eval_one(const struct rules_prog *p, const struct rules_env *env,
		   const struct rules_person *person, struct rules_result *out, struct err *e)
{
	struct ctx c;
	int k, v;

	memset(out, 0, sizeof(*out));
	out->amount_case = -1;
	TRY(ctx_init(env, &c, e));
	for (k = 0; k < p->nreqs; k++) {
		v = node_tri(p, p->reqs[k].root, &c, person);
		if (v != TRI_T) {
			out->fail = k + 1;
			out->fail_unknown = v == TRI_U;
			return 0;
		}
	}
	out->eligible = true;
	out->amount_case = pick_case(p, &c, person);
	if (out->amount_case >= 0)
		out->amount = p->cases[out->amount_case].amount;
	return 0;
}

/* ---- the batch evaluation: ranges and bits over columns ---- */

enum bkind { B_R32, B_ENUM, B_BITS32, B_BITS64, B_BITS8, B_ALIVE };
/* Column slots of struct cols. */
enum { C_BIRTH, C_DEATH, C_REGISTERED, C_AREA, C_INCOME, C_I32 };  /* i32 */
enum { C_NEEDS, C_CARDS };                        /* u32 */
enum { C_SEX, C_NAT, C_REG, C_FLAGS };            /* u8 */

/* One leaf resolved for one evaluation date and environment. */
struct bleaf {
	uint8_t kind, col;
	bool inner;               /* B_R32: klo <= lo and hi <= khi */
	int32_t klo, khi, lo, hi; /* B_R32: known when klo <= v <= khi; B_ALIVE: hi is the day */
	uint64_t mask;            /* bits; B_ENUM: the values that make it hold in the low
				     32 bits, those that make it hold negated in the high */
};

struct plan {
	struct bleaf l[RULES_MAX_LEAVES];
};

/* Column pointers for one chunk (offset to its first person). */
struct cols {
	const int32_t *i32[C_I32];
	const uint32_t *u32[2];
	const uint64_t *enrolled;
	const uint8_t *u8[4];
};

#define DAY_BEFORE_ALL (-719163) /* the day before 0001-01-01 */

/* a / b rounded toward minus infinity (b > 0). */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && a < 0) ? q - 1 : q;
}

static int32_t clamp32(int64_t v)
{
	return v < INT32_MIN ? INT32_MIN : v > INT32_MAX ? INT32_MAX : (int32_t)v;
}

/*
 * The last birth day of people at least n years old on ref (n >= 0): the
 * same month and day n years earlier, 28 February for 29 February in a
 * common year. By date_anniversary's semantics age(b, ref) >= n exactly
 * when b <= this day.
 */
static int64_t age_threshold(struct date ref, int64_t n)
{
	struct date d;
	int dim;

	if (n <= 0)
		return date_to_days(ref);
	if (n >= ref.y)
		return DAY_BEFORE_ALL;
	d.y = (int)(ref.y - n);
	d.m = ref.m;
	dim = date_days_in_month(d.y, d.m);
	d.d = ref.d > dim ? dim : ref.d;
	return date_to_days(d);
}

static void plan_range32(struct bleaf *b, const struct leaf *l, int64_t klo, int64_t khi,
			 int64_t lo, int64_t hi)
{
	b->kind = B_R32;
	if (l->mode == M_KNOWN) {
		b->klo = INT32_MIN;
		b->khi = INT32_MAX;
		b->lo = clamp32(klo);
		b->hi = clamp32(khi);
		return;
	}
	/*
	 * Known and in [lo, hi] is known and in the intersection, and known and
	 * not in [lo, hi] is known and not in the intersection: so the test
	 * range can always lie inside the known one, and the plain test needs
	 * no separate "known" check.
	 */
	b->klo = clamp32(klo);
	b->khi = clamp32(khi);
	b->lo = clamp32(lo > klo ? lo : klo);
	b->hi = clamp32(hi < khi ? hi : khi);
	if (b->lo > b->hi) { /* empty */
		b->lo = 1;
		b->hi = 0;
	}
	b->inner = b->klo <= b->lo && b->hi <= b->khi;
}

static void plan_leaf(const struct leaf *l, const struct ctx *c, struct bleaf *b)
{
	struct date ref;
	int64_t lo, hi, refd;
	unsigned v, limit;
	int t;

	memset(b, 0, sizeof(*b));
	switch (l->var) {
	case V_AGE:
		ref = l->ref.y ? l->ref : c->on;
		refd = date_to_days(ref);
		b->col = C_BIRTH;
		hi = l->lo <= 0 ? refd : age_threshold(ref, l->lo);
		if (l->hi == INT64_MAX)
			lo = INT32_MIN + 1LL;
		else if (l->hi < 0)
			lo = hi + 1;
		else
			lo = age_threshold(ref, l->hi + 1) + 1;
		plan_range32(b, l, INT32_MIN + 1LL, refd, lo, hi);
		return;
	case V_BORN:
	case V_REGISTERED:
		b->col = l->var == V_BORN ? C_BIRTH : C_REGISTERED;
		plan_range32(b, l, INT32_MIN + 1LL, INT32_MAX, l->lo, l->hi);
		return;
	case V_AREA:
		b->col = C_AREA;
		lo = l->lo;
		hi = l->hi;
		if (l->office)
			area_range(c->office ? c->office : GEO_NATION_CODE, &lo, &hi);
		plan_range32(b, l, 1, INT32_MAX, lo, hi);
		return;
	case V_INCOME:
		/* v * 100 in [lo, hi] exactly when v in [ceil(lo / 100), floor(hi / 100)]. */
		b->col = C_INCOME;
		lo = l->lo == INT64_MIN ? INT64_MIN : -floor_div(-l->lo, 100);
		hi = l->hi == INT64_MAX ? INT64_MAX : floor_div(l->hi, 100);
		plan_range32(b, l, INT32_MIN + 1LL, INT32_MAX, lo, hi);
		return;
	case V_SEX:
	case V_NATIONALITY:
	case V_REGISTRATION:
		b->kind = B_ENUM;
		b->col = l->var == V_SEX ? C_SEX : l->var == V_NATIONALITY ? C_NAT : C_REG;
		limit = enum_limit(l->var);
		for (v = 0; v < 32; v++) {
			t = enum_tri(l, v, limit);
			if (t == TRI_T)
				b->mask |= 1ull << v;
			else if (t == TRI_F)
				b->mask |= 1ull << (v + 32);
		}
		return;
	case V_ALIVE:
		b->kind = B_ALIVE;
		b->hi = c->on_day;
		return;
	case V_NEED:
	case V_CARD:
		b->kind = B_BITS32;
		b->col = l->var == V_NEED ? C_NEEDS : C_CARDS;
		b->mask = l->mask;
		return;
	case V_FLAG:
		b->kind = B_BITS8;
		b->col = C_FLAGS;
		b->mask = l->mask;
		return;
	case V_ENROLLED:
		b->kind = B_BITS64;
		b->mask = enrolled_mask(c, l->text);
		return;
	default:
		b->kind = B_BITS8; /* mask 0: false */
		b->col = C_FLAGS;
	}
}

/* r[j] = leaf l (negated when neg) for the chunk's people. Branch-free. */
static void run_leaf(const struct bleaf *l, int neg, const struct cols *c, uint8_t *restrict r)
{
	int j;

	switch (l->kind) {
	case B_R32: {
		const int32_t *v = c->i32[l->col];
		const int32_t klo = l->klo, khi = l->khi, lo = l->lo, hi = l->hi;

		if (!neg && l->inner) { /* the test range implies "known" */
			for (j = 0; j < CHUNK; j++)
				r[j] = (uint8_t)((v[j] >= lo) & (v[j] <= hi));
			break;
		}
		for (j = 0; j < CHUNK; j++)
			r[j] = (uint8_t)((v[j] >= klo) & (v[j] <= khi) &
					 (((v[j] >= lo) & (v[j] <= hi)) ^ neg));
		break;
	}
	case B_ENUM: {
		/* One equality pass a value: byte compares vectorize, table look-ups do not. */
		const uint8_t *v = c->u8[l->col];
		uint32_t t = (uint32_t)(neg ? l->mask >> 32 : l->mask);
		uint8_t k;

		memset(r, 0, CHUNK);
		while (t) {
			k = (uint8_t)__builtin_ctz(t);
			t &= t - 1;
			for (j = 0; j < CHUNK; j++)
				r[j] |= (uint8_t)(v[j] == k);
		}
		break;
	}
	case B_BITS32: {
		const uint32_t *v = c->u32[l->col];
		const uint32_t m = (uint32_t)l->mask;

		for (j = 0; j < CHUNK; j++)
			r[j] = (uint8_t)(((v[j] & m) != 0) ^ neg);
		break;
	}
	case B_BITS64: {
		const uint64_t *v = c->enrolled;
		const uint64_t m = l->mask;

		for (j = 0; j < CHUNK; j++)
			r[j] = (uint8_t)(((v[j] & m) != 0) ^ neg);
		break;
	}
	case B_BITS8: {
		const uint8_t *v = c->u8[l->col];
		const uint8_t m = (uint8_t)l->mask;

		for (j = 0; j < CHUNK; j++)
			r[j] = (uint8_t)(((v[j] & m) != 0) ^ neg);
		break;
	}
	default: { /* B_ALIVE */
		const int32_t *b = c->i32[C_BIRTH], *d = c->i32[C_DEATH];
		const int32_t on = l->hi;

		for (j = 0; j < CHUNK; j++)
			r[j] = (uint8_t)(((b[j] <= on) & ((d[j] == RULES_DAY_UNKNOWN) | (d[j] > on))) ^
					 neg);
	}
	}
}

/* Runs a statement's code; the result is stk[0]. */
static const uint8_t *run_code(const struct rules_prog *p, const struct plan *pl,
			       const struct stmt *st, const struct cols *c,
			       uint8_t (*stk)[CHUNK])
{
	const struct instr *in = p->code + st->code_start, *end = in + st->code_len;
	int sp = 0, j;

	for (; in < end; in++) {
		switch (in->op) {
		case I_LEAF:
			run_leaf(&pl->l[in->leaf], in->neg, c, stk[sp++]);
			break;
		case I_TRUE:
		case I_FALSE:
			memset(stk[sp++], in->op == I_TRUE, CHUNK);
			break;
		case I_AND:
			sp--;
			for (j = 0; j < CHUNK; j++)
				stk[sp - 1][j] &= stk[sp][j];
			break;
		default:
			sp--;
			for (j = 0; j < CHUNK; j++)
				stk[sp - 1][j] |= stk[sp][j];
		}
	}
	return stk[0];
}

static void eval_chunk(const struct rules_prog *p, const struct plan *pl, const struct cols *c,
		       uint8_t (*stk)[CHUNK], uint8_t *restrict fail, int32_t *restrict amt)
{
	const uint8_t *r;
	unsigned any = 1;
	uint8_t f, kk;
	int32_t a;
	int k, j;

	memset(fail, 0, CHUNK);
	for (k = 0; k < p->nreqs && any; k++) {
		r = run_code(p, pl, &p->reqs[k], c, stk);
		kk = (uint8_t)(k + 1);
		any = 0;
		for (j = 0; j < CHUNK; j++) {
			f = fail[j];
			f = (uint8_t)(f | (((f == 0) & (r[j] == 0)) * kk));
			fail[j] = f;
			any |= f == 0;
		}
	}
	if (!p->ncases || !any) {
		memset(amt, 0, CHUNK * sizeof(*amt));
		return;
	}
	a = (int32_t)p->cases[p->ncases - 1].amount;
	for (j = 0; j < CHUNK; j++)
		amt[j] = a;
	for (k = p->ncases - 2; k >= 0; k--) {
		r = run_code(p, pl, &p->cases[k], c, stk);
		a = (int32_t)p->cases[k].amount;
		for (j = 0; j < CHUNK; j++)
			amt[j] = r[j] ? a : amt[j];
	}
	for (j = 0; j < CHUNK; j++)
		amt[j] = fail[j] ? 0 : amt[j];
}

/* The last, partial chunk, copied and padded so that every loop runs CHUNK times. */
struct tail {
	int32_t i32[C_I32][CHUNK];
	uint32_t u32[2][CHUNK];
	uint64_t enrolled[CHUNK];
	uint8_t u8[4][CHUNK];
};

static void cols_at(const struct rules_batch *b, size_t base, struct cols *c)
{
	int32_t *const i32[C_I32] = { b->birth, b->death, b->registered, b->area, b->income };
	uint32_t *const u32[2] = { b->needs, b->cards };
	uint8_t *const u8[4] = { b->sex, b->nationality, b->reg, b->flags };
	int k;

	for (k = 0; k < C_I32; k++)
		c->i32[k] = i32[k] ? i32[k] + base : NULL;
	for (k = 0; k < 4; k++)
		c->u8[k] = u8[k] ? u8[k] + base : NULL;
	for (k = 0; k < 2; k++)
		c->u32[k] = u32[k] ? u32[k] + base : NULL;
	c->enrolled = b->enrolled ? b->enrolled + base : NULL;
}

static void tail_fill(const struct cols *src, size_t m, struct tail *t, struct cols *c)
{
	int k;

	memset(t, 0, sizeof(*t));
	memset(c, 0, sizeof(*c));
	for (k = 0; k < C_I32; k++) {
		if (src->i32[k]) {
			memcpy(t->i32[k], src->i32[k], m * sizeof(int32_t));
			c->i32[k] = t->i32[k];
		}
	}
	for (k = 0; k < 4; k++) {
		if (src->u8[k]) {
			memcpy(t->u8[k], src->u8[k], m);
			c->u8[k] = t->u8[k];
		}
	}
	for (k = 0; k < 2; k++) {
		if (src->u32[k]) {
			memcpy(t->u32[k], src->u32[k], m * sizeof(uint32_t));
			c->u32[k] = t->u32[k];
		}
	}
	if (src->enrolled) {
		memcpy(t->enrolled, src->enrolled, m * sizeof(uint64_t));
		c->enrolled = t->enrolled;
	}
}

/* The name of a column p reads that b lacks, or NULL. */
static const char *missing_column(const struct rules_prog *p, const struct rules_batch *b)
{
	const struct {
		unsigned col;
		const void *ptr;
		const char *name;
	} cols[] = {
		{ RULES_COL_BIRTH, b->birth, "birth" },
		{ RULES_COL_DEATH, b->death, "death" },
		{ RULES_COL_REGISTERED, b->registered, "registered" },
		{ RULES_COL_INCOME, b->income, "income" },
		{ RULES_COL_AREA, b->area, "area" },
		{ RULES_COL_NEEDS, b->needs, "needs" },
		{ RULES_COL_CARDS, b->cards, "cards" },
		{ RULES_COL_ENROLLED, b->enrolled, "enrolled" },
		{ RULES_COL_SEX, b->sex, "sex" },
		{ RULES_COL_NATIONALITY, b->nationality, "nationality" },
		{ RULES_COL_REG, b->reg, "reg" },
		{ RULES_COL_FLAGS, b->flags, "flags" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cols); i++)
		if ((p->columns & cols[i].col) && !cols[i].ptr)
			return cols[i].name;
	return NULL;
}

int rules_eval_batch(const struct rules_prog *p, const struct rules_env *env,
		     const struct rules_batch *b, size_t n, int32_t *amount_out, uint8_t *fail_out,
		     struct err *e)
{
	struct ctx c;
	struct plan pl;
	struct tail tl;
	struct cols cols, whole;
	uint8_t stk[RULES_STACK][CHUNK], fail[CHUNK];
	int32_t amt[CHUNK];
	const char *missing;
	size_t base, m;
	int k;

	TRY(ctx_init(env, &c, e));
	missing = missing_column(p, b);
	if (missing)
		return err_set(e, ERR_INVALID, missing, "ไม่มีคอลัมน์ %s ที่กฎต้องใช้",
			       "the rules need the %s column", missing);
	for (k = 0; k < p->nleaves; k++)
		plan_leaf(&p->leaves[k], &c, &pl.l[k]);
	for (base = 0; base < n; base += CHUNK) {
		m = n - base < CHUNK ? n - base : CHUNK;
		cols_at(b, base, &whole);
		if (m == CHUNK) { /* straight into the outputs when there are any */
			eval_chunk(p, &pl, &whole, stk, fail_out ? fail_out + base : fail,
				   amount_out ? amount_out + base : amt);
			continue;
		}
		tail_fill(&whole, m, &tl, &cols);
		eval_chunk(p, &pl, &cols, stk, fail, amt);
		if (amount_out)
			memcpy(amount_out + base, amt, m * sizeof(*amt));
		if (fail_out)
			memcpy(fail_out + base, fail, m);
	}
	return 0;
}

/* ---- people into columns ---- */

enum rules_nationality rules_nationality_of(const char *iso2)
{
	if (!iso2 || !iso2[0])
		return RULES_NAT_UNKNOWN;
	if (!strcmp(iso2, "TH"))
		return RULES_NAT_THAI;
	if (!strcmp(iso2, "XX"))
		return RULES_NAT_STATELESS;
	return RULES_NAT_FOREIGN;
}

int32_t rules_income_baht(int64_t satang)
{
	int64_t baht;

	if (satang == RULES_INCOME_UNKNOWN)
		return RULES_BAHT_UNKNOWN;
	baht = satang / 100 - (satang % 100 < 0);
	if (baht > INT32_MAX)
		return INT32_MAX;
	return baht < INT32_MIN + 1LL ? INT32_MIN + 1 : (int32_t)baht;
}

static int32_t day_or_unknown(struct date d)
{
	return date_valid(d) ? date_to_days(d) : RULES_DAY_UNKNOWN;
}

void rules_batch_set(const struct rules_batch *b, size_t i, const struct rules_person *p)
{
	if (b->birth)
		b->birth[i] = day_or_unknown(p->birth);
	if (b->death)
		b->death[i] = day_or_unknown(p->death);
	if (b->registered)
		b->registered[i] = day_or_unknown(p->registered);
	if (b->income)
		b->income[i] = rules_income_baht(p->income);
	if (b->area)
		b->area[i] = rules_area_number(p->area);
	if (b->needs)
		b->needs[i] = p->needs;
	if (b->cards)
		b->cards[i] = p->cards;
	if (b->enrolled)
		b->enrolled[i] = p->enrolled;
	if (b->sex)
		b->sex[i] = (uint8_t)((unsigned)p->sex <= SEX_FEMALE ? p->sex : SEX_UNKNOWN);
	if (b->nationality)
		b->nationality[i] = (uint8_t)((unsigned)p->nationality < RULES_NAT_COUNT
						      ? p->nationality
						      : RULES_NAT_UNKNOWN);
	if (b->reg)
		b->reg[i] = (uint8_t)((unsigned)p->reg < REG_COUNT ? p->reg : REG_UNKNOWN);
	if (b->flags)
		b->flags[i] = (uint8_t)p->flags;
}

/* ---- explanations ---- */

int rules_format_amount(int64_t satang, bool thai, struct buf *out)
{
	struct buf t;
	int rc;

	buf_init(&t, 0);
	money_format(satang, 0, &t, NULL);
	if (t.len > 3 && !strcmp(t.ptr + t.len - 3, ".00"))
		buf_truncate(&t, t.len - 3);
	rc = buf_printf(out, "%s %s", t.ptr, thai ? "บาท" : "baht");
	buf_release(&t);
	return rc;
}

/* Appends a label with its placeholders filled in for per. */
static void put_label(struct buf *out, const char *label, const struct ctx *c,
		      const struct rules_person *per, int64_t amount, bool thai)
{
	const char *s = label, *end;
	int years;

	while (*s) {
		if (*s != '{') {
			buf_putc(out, *s++);
			continue;
		}
		end = strchr(s, '}');
		if (!end) { /* compile refuses this; keep the text as it is */
			buf_puts(out, s);
			return;
		}
		if (!strncmp(s, "{age}", 5)) {
			if (date_valid(per->birth) && !date_age(per->birth, c->on, &years, NULL))
				buf_printf(out, "%d", years);
			else
				buf_puts(out, thai ? "ไม่ทราบ" : "unknown");
		} else if (!strncmp(s, "{income}", 8)) {
			if (per->income == RULES_INCOME_UNKNOWN)
				buf_puts(out, thai ? "ไม่ทราบ" : "unknown");
			else
				rules_format_amount(per->income, thai, out);
		} else {
			rules_format_amount(amount, thai, out);
		}
		s = end + 1;
	}
}

/*
 * Why a requirement does not hold: its else label when it is false; when it
 * is unknown the else label would state a fact nobody knows, so the label
 * itself follows "not enough data".
 */
static void put_fail(struct buf *out, const struct rules_prog *p, const struct stmt *st,
		     const struct ctx *c, const struct rules_person *per, bool thai, bool unknown)
{
	if (unknown) {
		buf_puts(out, thai ? "ข้อมูลไม่พอตัดสิน: " : "not enough data: ");
		put_label(out, pool_str(p, thai ? st->th : st->en), c, per, 0, thai);
	} else if (st->fth != NO_TEXT) {
		put_label(out, pool_str(p, thai ? st->fth : st->fen), c, per, 0, thai);
	} else {
		buf_puts(out, thai ? "ไม่ผ่านเกณฑ์: " : "does not meet: ");
		put_label(out, pool_str(p, thai ? st->th : st->en), c, per, 0, thai);
	}
}

static void put_case(struct buf *out, const struct rules_prog *p, const struct stmt *st,
		     const struct ctx *c, const struct rules_person *per, bool thai)
{
	const char *label = pool_str(p, thai ? st->th : st->en);

	if (label[0])
		put_label(out, label, c, per, st->amount, thai);
	if (!strstr(label, "{amount}")) {
		if (label[0])
			buf_puts(out, ": ");
		rules_format_amount(st->amount, thai, out);
	}
}

int rules_explain(const struct rules_prog *p, const struct rules_env *env,
		  const struct rules_person *person, bool thai, struct buf *out, struct err *e)
{
	int tri[RULES_MAX_REQUIRE], first = -1, k, kase;
	struct ctx c;
	struct buf t;
	int rc = 0;

	TRY(ctx_init(env, &c, e));
	for (k = 0; k < p->nreqs; k++) {
		tri[k] = node_tri(p, p->reqs[k].root, &c, person);
		if (tri[k] != TRI_T && first < 0)
			first = k;
	}
	buf_init(&t, 0);
	if (first < 0) {
		buf_puts(&t, thai ? "มีสิทธิ์" : "eligible");
		kase = pick_case(p, &c, person);
		if (kase >= 0) {
			buf_puts(&t, ": ");
			put_case(&t, p, &p->cases[kase], &c, person, thai);
		}
	} else {
		buf_puts(&t, thai ? "ไม่มีสิทธิ์: " : "not eligible: ");
		put_fail(&t, p, &p->reqs[first], &c, person, thai, tri[first] == TRI_U);
	}
	buf_putc(&t, '\n');
	for (k = 0; k < p->nreqs; k++) {
		if (tri[k] == TRI_T) {
			buf_puts(&t, "✓ ");
			put_label(&t, pool_str(p, thai ? p->reqs[k].th : p->reqs[k].en), &c, person, 0,
				  thai);
		} else {
			buf_puts(&t, "✗ ");
			put_fail(&t, p, &p->reqs[k], &c, person, thai, tri[k] == TRI_U);
		}
		buf_putc(&t, '\n');
	}
	if (buf_add(out, t.ptr, t.len))
		rc = err_set(e, ERR_TOO_LARGE, "explain", "คำอธิบายยาวเกินที่รับได้",
			     "the explanation does not fit");
	buf_release(&t);
	return rc;
}
