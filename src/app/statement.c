/*
 * A fund's printable documents (see statement.h): the receipt and the
 * statement for a period, drawn with lib/pdf and written with lib/sheet's
 * workbook. The figures come from app/fund.h's use cases (which check the
 * actor's access to the fund first) and from two aggregates of
 * store/statement.h; this file adds only arithmetic that belongs to the
 * document: balances at the start and end of the period, the split of the
 * fund's equity into what was brought forward and the period's surplus,
 * members counted at two dates, percentages.
 *
 * Gathering and drawing are apart: statement_load fills struct stmt once,
 * then the PDF and the workbook each lay it out. Everything a document
 * shows is made into text in the document's arena (struct doc), freed in
 * one call at the end.
 *
 * Money is satang until the last moment: the PDF shows money_format's text
 * ("1,234.50"; "-" for nothing and "(1,234.50)" for a negative amount in
 * the statements, as Thai accounts are printed), the workbook gets satang
 * and lib/sheet turns it into baht.
 */
#include "app/statement.h"
#include "app/fund.h"
#include "app/person.h"
#include "core/money.h"
#include "lib/arena.h"
#include "lib/pdf.h"
#include "lib/sheet.h"
#include "store/geo.h"
#include "store/statement.h"
#include "store/user.h"

#define RED 0xC00000u
#define BLACK 0x000000u
#define MEMBER_PAGE 1000

/* ------------------------------------------------------------ text helpers */

/* A document being made: its language and the arena its text lives in. */
struct doc {
	bool en;
	struct arena ar;
};

static const char *tr(const struct doc *d, const char *th, const char *en)
{
	return d->en ? en : th;
}

/* 1,234.50 */
static const char *money(struct doc *d, int64_t v)
{
	struct buf b = BUF_INIT;
	const char *s;

	money_format(v, 0, &b, NULL);
	s = arena_strdup(&d->ar, b.ptr);
	buf_release(&b);
	return s;
}

/* For statement tables: "-" for 0, (1,234.50) for a negative amount. */
static const char *amount(struct doc *d, int64_t v)
{
	if (!v)
		return "-";
	if (v < 0 && v != INT64_MIN)
		return arena_printf(&d->ar, "(%s)", money(d, -v));
	return money(d, v);
}

/* Satang as decimal text, for workbook money cells. */
static const char *satang(struct doc *d, int64_t v)
{
	return arena_printf(&d->ar, "%lld", (long long)v);
}

/* A count with thousands separators: 13,080. */
static const char *count(struct doc *d, int64_t n)
{
	char digits[32], out[48];
	size_t len, i, k = 0;

	snprintf(digits, sizeof(digits), "%lld", (long long)(n < 0 ? -n : n));
	len = strlen(digits);
	if (n < 0)
		out[k++] = '-';
	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = digits[i];
	}
	out[k] = '\0';
	return arena_strdup(&d->ar, out);
}

static const char *int_text(struct doc *d, int64_t n)
{
	return arena_printf(&d->ar, "%lld", (long long)n);
}

static const char *day(struct doc *d, struct date x, enum date_style style)
{
	struct buf b = BUF_INIT;
	const char *s;

	if (!x.y)
		return "";
	date_format(x, style, d->en ? DATE_ENGLISH : 0, &b, NULL);
	s = arena_strdup(&d->ar, b.ptr);
	buf_release(&b);
	return s;
}

static const char *iso(struct doc *d, struct date x)
{
	return x.y ? arena_printf(&d->ar, "%04d-%02d-%02d", x.y, x.m, x.d) : "";
}

/* A short date for narrow columns: 5 ม.ค. 69 / 5 Jan 26. */
static const char *day_short(struct doc *d, struct date x)
{
	if (!x.y)
		return "";
	/* No-break spaces: a date is one unit, set smaller rather than broken. */
	return arena_printf(&d->ar, "%d\u00A0%s\u00A0%02d", x.d, date_month_name(x.m, !d->en, true),
			    (d->en ? x.y : date_be_year(x)) % 100);
}

static int cmp_int64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Numbers as sorted runs: "46, 488–593" (sorts v). */
static const char *ranges(struct doc *d, int64_t *v, size_t n)
{
	struct buf b = BUF_INIT;
	const char *s;

	qsort(v, n, sizeof(*v), cmp_int64);
	for (size_t i = 0; i < n;) {
		size_t k = i;

		while (k + 1 < n && v[k + 1] <= v[k] + 1)
			k++;
		buf_printf(&b, "%s%lld", i ? ", " : "", (long long)v[i]);
		/* Word joiners: a range does not break at its dash. */
		if (v[k] != v[i])
			buf_printf(&b, "\u2060–\u2060%lld", (long long)v[k]);
		i = k + 1;
	}
	s = arena_strdup(&d->ar, b.ptr);
	buf_release(&b);
	return s;
}

/* part / whole as a percentage with two decimals ("12.34%"), or "-" when whole <= 0. */
static const char *percent(struct doc *d, int64_t part, int64_t whole)
{
	__int128 q;
	bool neg;

	if (whole <= 0 || !part)
		return "-";
	neg = part < 0;
	q = ((__int128)(neg ? -(__int128)part : part) * 10000 * 2 + whole) / (2 * (__int128)whole);
	return arena_printf(&d->ar, "%s%lld.%02lld%%", neg ? "-" : "", (long long)(q / 100),
			    (long long)(q % 100));
}

/* Basis points as a percentage without the sign: 2000 "20", 1250 "12.50". */
static const char *bp_text(struct doc *d, int bp)
{
	if (bp % 100 == 0)
		return arena_printf(&d->ar, "%d", bp / 100);
	return arena_printf(&d->ar, "%d.%02d", bp / 100, bp % 100);
}

/* ---------------------------------------------------------------- places */

/* "ตำบลศรีภูมิ อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่", or the English. */
static void place_of(struct db *db, const char *tambon, bool en, char *out, size_t size)
{
	static const char *const th_bkk[] = { "แขวง", "เขต", "" };
	static const char *const th_up[] = { "ตำบล", "อำเภอ", "จังหวัด" };
	static const char *const en_bkk[] = { "", "", "" };
	static const char *const en_up[] = { "Tambon ", "Amphoe ", "" };
	static const size_t lens[] = { 6, 4, 2 };
	bool bkk = !strncmp(tambon, "10", 2);
	const char *const *pre = en ? (bkk ? en_bkk : en_up) : (bkk ? th_bkk : th_up);
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < 3; i++) {
		struct geo_area g;
		char code[16];

		if (strlen(tambon) < lens[i])
			continue;
		snprintf(code, sizeof(code), "%.*s", (int)lens[i], tambon);
		memset(&g, 0, sizeof(g));
		if (geo_area_get(db, code, &g, NULL))
			continue;
		if (b.len)
			buf_puts(&b, en ? ", " : " ");
		buf_printf(&b, "%s%s%s", pre[i], en && g.name_en && *g.name_en ? g.name_en : g.name_th,
			   en && i == 2 && !bkk ? " Province" : "");
		geo_area_release(&g);
	}
	snprintf(out, size, "%s", b.ptr);
	buf_release(&b);
}

/* ---------------------------------------------------------------- receipt */

/* The fund's address as recorded, and on a line of its own its tambon,
 * district and province unless the address already names them. */
static void address_of(const struct fund *f, const char *place, struct buf *out)
{
	buf_puts(out, *f->address ? f->address : place);
	if (*f->address && *place && !strstr(f->address, place))
		buf_printf(out, "\n%s", place);
}

static const char *method_text(const struct doc *d, const char *method)
{
	if (!strcmp(method, "transfer"))
		return tr(d, "โอนเงินเข้าบัญชีธนาคารของกองทุน", "bank transfer to the fund's account");
	if (!strcmp(method, "cash"))
		return tr(d, "เงินสด", "cash");
	return method;
}

/* The receiver's name as the users table has it, else the user name. */
static const char *user_name(struct doc *d, struct db *db, const char *username)
{
	struct user_row u;
	const char *s = username;

	memset(&u, 0, sizeof(u));
	if (!user_get_by_name(db, username, &u, NULL)) {
		if (u.display_name && *u.display_name)
			s = arena_strdup(&d->ar, u.display_name);
		user_row_release(&u);
	}
	return s;
}

int app_receipt_pdf(struct app *app, const struct actor *a, int64_t receipt_id,
		    const char *lang, struct buf *out, struct err *e)
{
	static const struct pdf_col two[] = { { NULL, 0.5, PDF_LEFT }, { NULL, 0.5, PDF_RIGHT } };
	static const struct pdf_col sign[] = { { NULL, 0.45, PDF_CENTER }, { NULL, 0.55, PDF_CENTER } };
	struct doc d = { lang && !strcmp(lang, "en"), { 0 } };
	struct pdf_col items[3] = {
		{ tr(&d, "ที่", "No."), 0.1, PDF_CENTER },
		{ tr(&d, "รายการ", "Item"), 0, PDF_LEFT },
		{ tr(&d, "จำนวนเงิน (บาท)", "Amount (baht)"), 0.34, PDF_RIGHT },
	};
	struct pdf_opts o = { 0 };
	struct pdf *pdf = NULL;
	struct receipt rc;
	struct fund f;
	struct buf words = BUF_INIT, doc = BUF_INIT;
	char place[512];
	const char *title;
	struct db *db;
	int r, n = 0;

	arena_init(&d.ar);
	if ((r = app_receipt_get(app, a, receipt_id, &rc, e)) ||
	    (r = app_fund_get(app, a, rc.fund_id, &f, e)))
		goto out;
	if (!(db = app_db(app, e))) {
		r = ERR_DB;
		goto out;
	}
	if ((r = money_bahttext(rc.total, &words, e)))
		goto out;
	place_of(db, f.area, d.en, place, sizeof(place));
	title = arena_printf(&d.ar, "%s %lld%s", tr(&d, "ใบเสร็จรับเงิน เลขที่", "Receipt no."),
			     (long long)rc.receipt_no,
			     rc.voided_on.y ? tr(&d, " (ยกเลิกแล้ว)", " (void)") : "");
	o.title = title;
	o.author = f.name;
	o.paper = PDF_A5;
	o.footer = f.name;
	if ((r = pdf_open(&pdf, &o, e)))
		goto out;

	pdf_heading(pdf, 1, tr(&d, "ใบเสร็จรับเงิน", "RECEIPT"));
	if (rc.voided_on.y) {
		/* A stamp in the top margin of the first page, where it covers nothing. */
		double w, h;

		pdf_page_size(pdf, &w, &h);
		pdf_color(pdf, RED);
		pdf_box(pdf, w - 150, 8, 132, 30, 2, PDF_DOUBLE);
		pdf_text_at(pdf, w - 150, 13, 132, tr(&d, "ยกเลิก / VOID", "VOID / ยกเลิก"), 14,
			    PDF_CENTER | PDF_BOLD);
		pdf_color(pdf, BLACK);
	}
	pdf_text(pdf, f.name, PDF_CENTER | PDF_BOLD);
	{
		struct buf addr = BUF_INIT;

		address_of(&f, place, &addr);
		if (*f.phone)
			buf_printf(&addr, "%s%s", tr(&d, " โทร ", ", tel. "), f.phone);
		if (*addr.ptr)
			pdf_text(pdf, addr.ptr, PDF_CENTER | PDF_SMALL);
		if (*f.reg_no)
			pdf_text(pdf, arena_printf(&d.ar, "%s %s", tr(&d, "ทะเบียนเลขที่", "Registration no."),
						   f.reg_no),
				 PDF_CENTER | PDF_SMALL);
		buf_release(&addr);
	}
	if (rc.voided_on.y) {
		pdf_color(pdf, RED);
		pdf_text(pdf, arena_printf(&d.ar, "%s %s %s %s %s",
					   tr(&d, "ยกเลิกแล้ว / VOID", "VOID / ยกเลิกแล้ว"),
					   tr(&d, "เมื่อ", "on"), day(&d, rc.voided_on, DATE_LONG),
					   tr(&d, "เหตุผล:", "reason:"), rc.void_reason),
			 PDF_CENTER | PDF_BOLD | PDF_SMALL);
		pdf_color(pdf, BLACK);
	}
	pdf_space(pdf, 6);
	{
		const char *row[2] = {
			arena_printf(&d.ar, "%s %lld", tr(&d, "เลขที่", "No."), (long long)rc.receipt_no),
			arena_printf(&d.ar, "%s %s", tr(&d, "วันที่", "Date"),
				     day(&d, rc.issued_on, DATE_LONG)),
		};

		pdf_table_begin(pdf, 2, two, PDF_PLAIN);
		pdf_table_row(pdf, row, PDF_BOLD);
		pdf_table_end(pdf);
	}
	pdf_field(pdf, tr(&d, "ได้รับเงินจาก", "From"), rc.payer_name, 0);
	if (rc.member_no)
		pdf_field(pdf, tr(&d, "สมาชิกเลขที่", "Member no."), count(&d, rc.member_no), 0);
	pdf_space(pdf, 6);
	pdf_table_begin(pdf, 3, items, 0);
	if (rc.fee) {
		const char *row[3] = { int_text(&d, ++n), tr(&d, "ค่าสมัครสมาชิก", "Joining fee"),
				       money(&d, rc.fee) };

		pdf_table_row(pdf, row, 0);
	}
	if (rc.contribution) {
		const char *row[3] = { int_text(&d, ++n),
				       tr(&d, "เงินสมทบกองทุนสวัสดิการ", "Contribution to the fund"),
				       money(&d, rc.contribution) };

		pdf_table_row(pdf, row, 0);
	}
	{
		const char *row[3] = { NULL, tr(&d, "รวมเงิน", "Total"), money(&d, rc.total) };

		pdf_table_row(pdf, row, PDF_TOTAL);
	}
	pdf_table_end(pdf);
	pdf_text(pdf, arena_printf(&d.ar, "(%s)", words.ptr), PDF_CENTER | PDF_BOLD);
	if (d.en)
		pdf_text(pdf, arena_printf(&d.ar, "The amount in words above is %s baht, in Thai.",
					   money(&d, rc.total)),
			 PDF_CENTER | PDF_SMALL);
	pdf_space(pdf, 6);
	pdf_field(pdf, tr(&d, "ชำระโดย", "Paid by"), method_text(&d, rc.method), 0);
	pdf_space(pdf, 16);
	{
		const char *row[2] = {
			"",
			arena_printf(&d.ar, "%s ..............................\n(%s)\n%s",
				     tr(&d, "ลงชื่อ", "Signed"),
				     user_name(&d, db, rc.created_by), tr(&d, "ผู้รับเงิน", "Receiver")),
		};

		pdf_table_begin(pdf, 2, sign, PDF_PLAIN);
		pdf_table_row(pdf, row, 0);
		pdf_table_end(pdf);
	}
	if ((r = pdf_finish(pdf, &doc, e)))
		goto out;
	if (buf_add(out, doc.ptr, doc.len))
		r = err_set(e, ERR_TOO_LARGE, NULL, "เอกสารใหญ่เกินที่รับได้%s",
			    "the document is larger than allowed%s", "");
out:
	pdf_free(pdf);
	buf_release(&words);
	buf_release(&doc);
	arena_release(&d.ar);
	return r;
}

void statement_receipt_filename(int64_t fund_id, int64_t receipt_no, char out[64])
{
	snprintf(out, 64, "receipt-%lld-%lld.pdf", (long long)fund_id, (long long)receipt_no);
}

int statement_filename(int64_t fund_id, const char *from, const char *to, const char *ext,
		       char out[96])
{
	struct date f, t;

	out[0] = '\0';
	if (date_parse(from ? from : "", 0, &f, "from", NULL) ||
	    date_parse(to ? to : "", 0, &t, "to", NULL))
		return ERR_INVALID;
	snprintf(out, 96, "statement-%lld-%04d-%02d-%02d-%04d-%02d-%02d.%s", (long long)fund_id,
		 f.y, f.m, f.d, t.y, t.m, t.d, ext);
	return 0;
}

/* ------------------------------------------------------- statement figures */

struct member_counts {
	int64_t start, joined, moved_in, resigned, moved_out, deceased, end;
	int64_t good, arrears, suspended, owed; /* of those active at the end */
};

struct stmt {
	struct fund f;
	struct date from, to, before; /* before: the day before from (zero when there is none) */
	struct date end;              /* to, or today when to has not come yet */
	char place[512];
	struct account_list open, move, close; /* balances at before and to; movements from..to */
	struct bank_account_list banks;
	int64_t cb_opening;
	struct cashbook_list cb;
	struct member_counts m;
	struct benefit_paid_list paid;
	struct statute_version *v;
	size_t nv;
	struct pledge_list pledges;
	struct committee_list committee;

	/* derived */
	int64_t income, expense, admin;    /* in the period */
	int64_t surplus_before;            /* income less expenses up to before */
	int64_t assets, liabilities, capital; /* at to; capital: the equity accounts */
	int64_t cash_open, cash_in, cash_out, cash_close;
	int admin_bp;                      /* the statute's limit in force at to */
};

static void stmt_release(struct stmt *s)
{
	account_list_release(&s->open);
	account_list_release(&s->move);
	account_list_release(&s->close);
	bank_account_list_release(&s->banks);
	cashbook_list_release(&s->cb);
	benefit_paid_list_release(&s->paid);
	free(s->v);
	pledge_list_release(&s->pledges);
	committee_list_release(&s->committee);
}

/* The movement or balance of account id in l (lists come in the same order;
 * searched when they do not). */
static const struct account *find_account(const struct account_list *l, size_t hint, int64_t id)
{
	if (hint < l->n && l->items[hint].id == id)
		return &l->items[hint];
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].id == id)
			return &l->items[i];
	return NULL;
}

static int64_t bal(const struct account_list *l, size_t hint, int64_t id)
{
	const struct account *x = find_account(l, hint, id);

	return x ? x->balance : 0;
}

static int64_t paid_after(const struct member_paid_list *l, int64_t member_id)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->items[mid].member_id == member_id)
			return l->items[mid].amount;
		if (l->items[mid].member_id < member_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Active on day x: joined by then and not ended by then (a membership ends on its ended_on). */
static bool active_on(const struct member *m, struct date x)
{
	return x.y && date_cmp(m->joined_on, x) <= 0 &&
	       (!m->ended_on.y || date_cmp(m->ended_on, x) > 0);
}

static bool within(struct date x, struct date from, struct date to)
{
	return x.y && date_cmp(x, from) >= 0 && date_cmp(x, to) <= 0;
}

/* Members at the start and end of the period, those who came and went, and
 * the standing at `to` of the active ones from what they had paid by then. */
static int count_members(struct app *app, const struct actor *a, struct db *db, struct stmt *s,
			 struct err *e)
{
	struct member_paid_list after = { NULL, 0, 0 };
	struct member_list ml = { NULL, 0, 0 };
	struct member_query q = { s->f.id, "", 0, s->end, MEMBER_PAGE, 0 };
	int r;

	if ((r = statement_paid_after(db, s->f.id, s->end, &after, e)))
		return r;
	for (;;) {
		size_t got;

		if ((r = app_member_list(app, a, &q, &ml, e)))
			break;
		for (size_t i = 0; i < ml.n; i++) {
			const struct member *m = &ml.items[i];

			if (active_on(m, s->before))
				s->m.start++;
			if (within(m->joined_on, s->from, s->end) && m->transferred_from)
				s->m.moved_in++;
			else if (within(m->joined_on, s->from, s->end))
				s->m.joined++;
			if (within(m->ended_on, s->from, s->end)) {
				if (!strcmp(m->status, "deceased"))
					s->m.deceased++;
				else if (!strcmp(m->status, "transferred"))
					s->m.moved_out++;
				else
					s->m.resigned++;
			}
			if (active_on(m, s->end)) {
				struct member_standing st;

				s->m.end++;
				fund_standing(s->v, s->nv, m->joined_on,
					      m->paid_total - paid_after(&after, m->id), s->end, &st);
				if (st.suspended)
					s->m.suspended++;
				else if (st.in_arrears)
					s->m.arrears++;
				else
					s->m.good++;
				if (st.balance < 0)
					s->m.owed += -st.balance;
			}
		}
		got = ml.n;
		member_list_release(&ml);
		if (got < MEMBER_PAGE)
			break;
		q.offset += MEMBER_PAGE;
	}
	member_paid_list_release(&after);
	return r;
}

static int parse_period(const char *from, const char *to, struct stmt *s, struct err *e)
{
	int r;

	if (!from || !*from)
		return err_set(e, ERR_INVALID, "from", "กรุณาระบุวันเริ่มต้น%s",
			       "the first day (from) is required%s", "");
	if (!to || !*to)
		return err_set(e, ERR_INVALID, "to", "กรุณาระบุวันสิ้นสุด%s",
			       "the last day (to) is required%s", "");
	if ((r = date_parse(from, 0, &s->from, "from", e)) ||
	    (r = date_parse(to, 0, &s->to, "to", e)))
		return r;
	if (date_cmp(s->from, s->to) > 0)
		return err_set(e, ERR_INVALID, "to", "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น%s",
			       "the last day must not be before the first%s", "");
	if (date_add_days(s->from, -1, &s->before, NULL))
		s->before = (struct date){ 0, 0, 0 };
	return 0;
}

static int stmt_load(struct app *app, const struct actor *a, int64_t fund_id, const char *from,
		     const char *to, bool en, struct stmt *s, struct err *e)
{
	const struct statute_version *sv;
	struct date zero = { 0, 0, 0 };
	struct db *db;
	int r;

	memset(s, 0, sizeof(*s));
	/* Access first: a user who may not see the fund learns nothing else. */
	if ((r = app_fund_get(app, a, fund_id, &s->f, e)) || (r = parse_period(from, to, s, e)))
		return r;
	/* Members stand as they do by the end of the period, or today when
	 * it has not ended yet: months to come are not owed. */
	s->end = date_cmp(s->to, app_today(app)) > 0 ? app_today(app) : s->to;
	if (date_cmp(s->end, s->from) < 0)
		s->end = s->from;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if (s->before.y && (r = app_ledger_balances(app, a, fund_id, zero, s->before, &s->open, e)))
		return r;
	if ((r = app_ledger_balances(app, a, fund_id, s->from, s->to, &s->move, e)) ||
	    (r = app_ledger_balances(app, a, fund_id, zero, s->to, &s->close, e)) ||
	    (r = app_fund_banks(app, a, fund_id, &s->banks, e)) ||
	    (r = app_ledger_cashbook(app, a, fund_id, s->from, s->to, &s->cb_opening, &s->cb, e)) ||
	    (r = statute_load(db, fund_id, &s->v, NULL, &s->nv, e)) ||
	    (r = count_members(app, a, db, s, e)) ||
	    (r = statement_benefits_paid(db, fund_id, s->from, s->to, &s->paid, e)) ||
	    (r = app_fund_pledges(app, a, fund_id, &s->pledges, e)) ||
	    (r = app_fund_committee(app, a, fund_id, s->end, &s->committee, e)))
		return r;
	place_of(db, s->f.area, en, s->place, sizeof(s->place));
	for (size_t i = 0; i < s->close.n; i++) {
		const struct account *c = &s->close.items[i];
		int64_t mv = bal(&s->move, i, c->id), before = bal(&s->open, i, c->id);

		switch (c->type) {
		case ACCT_INCOME:
			s->income += -mv;
			s->surplus_before += -before;
			break;
		case ACCT_EXPENSE:
			s->expense += mv;
			s->surplus_before -= before;
			if (c->admin)
				s->admin += mv;
			break;
		case ACCT_ASSET:
			s->assets += c->balance;
			break;
		case ACCT_LIABILITY:
			s->liabilities += -c->balance;
			break;
		case ACCT_EQUITY:
			s->capital += -c->balance;
			break;
		}
		if (c->cash) {
			const struct account *m = find_account(&s->move, i, c->id);

			s->cash_open += before;
			s->cash_in += m ? m->debit : 0;
			s->cash_out += m ? m->credit : 0;
			s->cash_close += c->balance;
		}
	}
	sv = s->nv ? fund_statute_at(s->v, s->nv, s->end) : NULL;
	if (!sv && s->nv)
		sv = &s->v[0];
	s->admin_bp = sv ? sv->s.admin_limit_bp : 2000;
	return 0;
}

/* ---------------------------------------------------- statement: wording */

static const char *account_name(struct doc *d, const struct stmt *s, const struct account *c)
{
	const char *name = d->en && *c->name_en ? c->name_en : c->name_th;

	for (size_t i = 0; i < s->banks.n; i++) {
		const struct bank_account *b = &s->banks.items[i];

		if (b->ledger_account_id == c->id)
			return arena_printf(&d->ar, "%s%s %s %s", tr(d, "เงินฝาก", "Deposit, "),
					    b->bank, tr(d, "เลขที่", "no."), b->account_no);
	}
	return name;
}

/* The benefit's name in the statute (the newest version that has it), else its code. */
static const char *benefit_name(struct doc *d, const struct stmt *s, const char *code)
{
	for (size_t i = s->nv; i-- > 0;) {
		const struct benefit_rule *b = fund_benefit(&s->v[i].s, code);

		if (b)
			return d->en && *b->name_en ? b->name_en : b->name_th;
	}
	return code;
}

static const char *committee_name(const struct stmt *s, const char *role)
{
	for (size_t i = 0; i < s->committee.n; i++)
		if (!strcmp(s->committee.items[i].role, role))
			return s->committee.items[i].name;
	return NULL;
}

/* "ประจำปี 2568", "ประจำเดือนมกราคม 2568", or "" for another span. */
static const char *period_name(struct doc *d, const struct stmt *s)
{
	struct date next;
	bool month_end = !date_add_days(s->to, 1, &next, NULL) && next.d == 1;

	if (s->from.d == 1 && month_end && s->from.y == s->to.y) {
		if (s->from.m == 1 && s->to.m == 12)
			return d->en ? arena_printf(&d->ar, "for the year %d", s->to.y)
				     : arena_printf(&d->ar, "ประจำปี %d", date_be_year(s->to));
		if (s->from.m == s->to.m)
			return d->en ? arena_printf(&d->ar, "for %s %d",
						    date_month_name(s->to.m, false, false), s->to.y)
				     : arena_printf(&d->ar, "ประจำเดือน%s %d",
						    date_month_name(s->to.m, true, false),
						    date_be_year(s->to));
	}
	return "";
}

static const char *period_text(struct doc *d, const struct stmt *s)
{
	return d->en ? arena_printf(&d->ar, "from %s to %s", day(d, s->from, DATE_LONG),
				    day(d, s->to, DATE_LONG))
		     : arena_printf(&d->ar, "ตั้งแต่วันที่ %s ถึงวันที่ %s", day(d, s->from, DATE_LONG),
				    day(d, s->to, DATE_LONG));
}

/* When the period has not ended: what the figures stand at. "" otherwise. */
static const char *asof_note(struct doc *d, const struct stmt *s)
{
	if (!date_cmp(s->end, s->to))
		return "";
	return arena_printf(&d->ar, "(%s %s)",
			    tr(d, "งวดยังไม่สิ้นสุด ข้อมูล ณ วันที่", "the period has not ended: figures as of"),
			    day(d, s->end, DATE_LONG));
}

static const char *role_title(const struct doc *d, const char *role)
{
	if (!strcmp(role, "treasurer"))
		return tr(d, "เหรัญญิก ผู้จัดทำ", "Treasurer, prepared by");
	if (!strcmp(role, "auditor"))
		return tr(d, "ผู้ตรวจสอบ", "Auditor, checked by");
	return tr(d, "ประธานกรรมการ ผู้รับรอง", "Chair, certified by");
}

static bool is_pledge_of_period(const struct pledge *p, const struct stmt *s)
{
	return within(p->pledged_on, s->from, s->to) ||
	       (date_cmp(p->match_from, s->to) <= 0 && date_cmp(p->match_to, s->from) >= 0);
}

/* A cash book line's account, when it is not cash in hand: "ธนาคาร", or
 * with the account's number when the fund banks with more than one. */
static const char *bank_tag(struct doc *d, const struct stmt *s, int64_t account_id)
{
	for (size_t i = 0; i < s->banks.n; i++)
		if (s->banks.items[i].ledger_account_id == account_id)
			return s->banks.n == 1 ? tr(d, "ธนาคาร", "bank")
					       : arena_printf(&d->ar, "%s %s", tr(d, "ธนาคาร", "bank"),
							      s->banks.items[i].account_no);
	return NULL;
}

/* The cash book's account column of the workbook. */
static const char *cash_account(struct doc *d, const struct stmt *s, int64_t account_id,
				const char *code)
{
	const char *bank = bank_tag(d, s, account_id);

	if (bank)
		return bank;
	if (!strcmp(code, ACC_CASH))
		return tr(d, "เงินสด", "cash");
	return code;
}

/* Cash in hand always; other cash and bank accounts when anything is in or moved. */
static bool cash_shown(const struct stmt *s, size_t i)
{
	const struct account *c = &s->close.items[i];
	const struct account *m = find_account(&s->move, i, c->id);

	return c->cash && (!strcmp(c->code, ACC_CASH) || c->balance ||
			   bal(&s->open, i, c->id) || (m && (m->debit || m->credit)));
}

static const char *matching_label(const struct doc *d, const char *code)
{
	if (!strcmp(code, ACC_MATCH_LOCAL))
		return tr(d, "องค์กรปกครองส่วนท้องถิ่น", "Local government");
	if (!strcmp(code, ACC_MATCH_CENTRAL))
		return tr(d, "รัฐบาล (ผ่าน พอช.)", "Central government (CODI)");
	return tr(d, "หน่วยงานอื่น", "Other bodies");
}

static const char *source_label(const struct doc *d, const char *source)
{
	if (!strcmp(source, "local_gov"))
		return tr(d, "อปท.", "Local gov.");
	if (!strcmp(source, "central_gov"))
		return tr(d, "รัฐบาล (พอช.)", "CODI");
	return tr(d, "อื่น ๆ", "Other");
}

/* ------------------------------------------------------- statement: PDF */

/* Runs of a day's member receipts into the same account become one line. */
static size_t receipt_run(const struct cashbook_list *cb, size_t i)
{
	const struct cashbook_line *a = &cb->items[i];
	size_t k = i + 1;

	if (strcmp(a->source, "receipt") || !a->debit)
		return 1;
	while (k < cb->n && !strcmp(cb->items[k].source, "receipt") && cb->items[k].debit &&
	       cb->items[k].account_id == a->account_id &&
	       !date_cmp(cb->items[k].posted_on, a->posted_on))
		k++;
	return k - i;
}

static void pdf_cashbook(struct pdf *p, struct doc *d, const struct stmt *s)
{
	struct pdf_col cols[6] = {
		{ tr(d, "วันที่", "Date"), 0.13, PDF_LEFT },
		{ tr(d, "เลขที่", "Entry"), 0.12, PDF_CENTER },
		{ tr(d, "รายการ", "Description"), 0, PDF_LEFT },
		{ tr(d, "รับ", "In"), 0.13, PDF_RIGHT },
		{ tr(d, "จ่าย", "Out"), 0.12, PDF_RIGHT },
		{ tr(d, "คงเหลือ", "Balance"), 0.14, PDF_RIGHT },
	};
	int64_t in = 0, out = 0, *entries = NULL, *receipts = NULL;

	pdf_table_begin(p, 6, cols, PDF_SMALL);
	{
		const char *row[6] = { day_short(d, s->from), NULL,
				       tr(d, "ยอดยกมา", "Brought forward"), NULL, NULL,
				       amount(d, s->cb_opening) };

		pdf_table_row(p, row, PDF_BOLD);
	}
	if (s->cb.n) {
		entries = xcalloc(s->cb.n, sizeof(*entries));
		receipts = xcalloc(s->cb.n, sizeof(*receipts));
	}
	for (size_t i = 0; i < s->cb.n;) {
		const struct cashbook_line *l = &s->cb.items[i];
		size_t n = receipt_run(&s->cb, i);
		const struct cashbook_line *last = &s->cb.items[i + n - 1];
		const char *bank = bank_tag(d, s, l->account_id), *what;
		int64_t debit = 0, credit = 0;
		const char *row[6];

		for (size_t k = 0; k < n; k++) {
			debit += s->cb.items[i + k].debit;
			credit += s->cb.items[i + k].credit;
			entries[k] = s->cb.items[i + k].entry_no;
			receipts[k] = s->cb.items[i + k].receipt_no;
		}
		if (n == 1)
			what = l->receipt_no ? arena_printf(&d->ar, "%s (%s %lld)", l->description,
							    tr(d, "ใบเสร็จ", "receipt"),
							    (long long)l->receipt_no)
					     : l->description;
		else
			what = d->en ? arena_printf(&d->ar, "%zu member payments, receipts %s", n,
						    ranges(d, receipts, n))
				     : arena_printf(&d->ar, "รับเงินจากสมาชิก %zu ราย ใบเสร็จเลขที่ %s", n,
						    ranges(d, receipts, n));
		if (bank)
			what = arena_printf(&d->ar, "%s [%s]", what, bank);
		row[0] = day_short(d, l->posted_on);
		row[1] = ranges(d, entries, n);
		row[2] = what;
		row[3] = debit ? money(d, debit) : "";
		row[4] = credit ? money(d, credit) : "";
		row[5] = amount(d, last->running);
		pdf_table_row(p, row, 0);
		in += debit;
		out += credit;
		i += n;
	}
	free(entries);
	free(receipts);
	{
		const char *row[6] = { day_short(d, s->end), NULL,
				       tr(d, "รวม / ยอดคงเหลือยกไป", "Total / carried forward"),
				       money(d, in), money(d, out), amount(d, s->cb_opening + in - out) };

		pdf_table_row(p, row, PDF_TOTAL);
	}
	pdf_table_end(p);
	if (!s->cb.n)
		pdf_text(p, tr(d, "ไม่มีรายการรับจ่ายเงินสดหรือเงินฝากในงวดนี้",
			       "No cash or bank movements in this period."),
			 PDF_SMALL);
	if (s->banks.n)
		pdf_text(p, tr(d, "หมายเหตุ: รายการที่มี [ธนาคาร] เป็นเงินฝากธนาคาร นอกนั้นเป็นเงินสด",
			       "Note: lines marked [bank] are the bank account; the others are cash in hand."),
			 PDF_SMALL);
}

/* Code, name, amount: the income statement and the balance sheet. */
static const struct pdf_col *three_cols(const struct doc *d, struct pdf_col c[3])
{
	c[0] = (struct pdf_col){ tr(d, "รหัสบัญชี", "Code"), 0.14, PDF_CENTER };
	c[1] = (struct pdf_col){ tr(d, "รายการ", "Item"), 0, PDF_LEFT };
	c[2] = (struct pdf_col){ tr(d, "จำนวนเงิน (บาท)", "Amount (baht)"), 0.25, PDF_RIGHT };
	return c;
}

static void row3(struct pdf *p, const char *a, const char *b, const char *c, unsigned flags)
{
	const char *row[3] = { a, b, c };

	pdf_table_row(p, row, flags);
}

static void pdf_income(struct pdf *p, struct doc *d, const struct stmt *s)
{
	struct pdf_col c[3];
	int64_t net = s->income - s->expense;

	pdf_table_begin(p, 3, three_cols(d, c), PDF_SMALL);
	row3(p, NULL, tr(d, "รายรับ", "Income"), NULL, PDF_BOLD);
	for (size_t i = 0; i < s->close.n; i++)
		if (s->close.items[i].type == ACCT_INCOME)
			row3(p, s->close.items[i].code, account_name(d, s, &s->close.items[i]),
			     amount(d, -bal(&s->move, i, s->close.items[i].id)), 0);
	row3(p, NULL, tr(d, "รวมรายรับ", "Total income"), amount(d, s->income), PDF_TOTAL);
	row3(p, NULL, tr(d, "รายจ่าย", "Expenses"), NULL, PDF_BOLD);
	for (size_t i = 0; i < s->close.n; i++)
		if (s->close.items[i].type == ACCT_EXPENSE)
			row3(p, s->close.items[i].code, account_name(d, s, &s->close.items[i]),
			     amount(d, bal(&s->move, i, s->close.items[i].id)), 0);
	row3(p, NULL, tr(d, "รวมรายจ่าย", "Total expenses"), amount(d, s->expense), PDF_TOTAL);
	row3(p, NULL,
	     net >= 0 ? tr(d, "รายรับสูงกว่ารายจ่าย", "Surplus of income over expenses")
		      : tr(d, "รายจ่ายสูงกว่ารายรับ", "Deficit: expenses over income"),
	     money(d, net >= 0 ? net : -net), PDF_TOTAL);
	pdf_table_end(p);
}

static void pdf_balance(struct pdf *p, struct doc *d, const struct stmt *s)
{
	struct pdf_col c[3];
	int64_t period = s->income - s->expense;
	int64_t equity = s->capital + s->surplus_before + period;
	int64_t right = s->liabilities + equity;

	pdf_table_begin(p, 3, three_cols(d, c), PDF_SMALL);
	row3(p, NULL, tr(d, "สินทรัพย์", "Assets"), NULL, PDF_BOLD);
	for (size_t i = 0; i < s->close.n; i++) {
		const struct account *a = &s->close.items[i];

		if (a->type == ACCT_ASSET && (a->cash ? cash_shown(s, i) : a->balance != 0))
			row3(p, a->code, account_name(d, s, a), amount(d, a->balance), 0);
	}
	row3(p, NULL, tr(d, "รวมสินทรัพย์", "Total assets"), amount(d, s->assets), PDF_TOTAL);
	row3(p, NULL, tr(d, "หนี้สิน", "Liabilities"), NULL, PDF_BOLD);
	for (size_t i = 0; i < s->close.n; i++) {
		const struct account *a = &s->close.items[i];

		if (a->type == ACCT_LIABILITY)
			row3(p, a->code, account_name(d, s, a), amount(d, -a->balance), 0);
	}
	row3(p, NULL, tr(d, "รวมหนี้สิน", "Total liabilities"), amount(d, s->liabilities),
	     PDF_TOTAL);
	row3(p, NULL, tr(d, "ทุนและส่วนเกินสะสม", "Equity"), NULL, PDF_BOLD);
	for (size_t i = 0; i < s->close.n; i++) {
		const struct account *a = &s->close.items[i];

		if (a->type == ACCT_EQUITY && (a->balance || !strcmp(a->code, ACC_CAPITAL)))
			row3(p, a->code, account_name(d, s, a), amount(d, -a->balance), 0);
	}
	row3(p, NULL, tr(d, "ส่วนเกิน (ขาด) สะสมยกมาต้นงวด", "Surplus brought forward"),
	     amount(d, s->surplus_before), 0);
	row3(p, NULL, tr(d, "รายรับสูง (ต่ำ) กว่ารายจ่ายงวดนี้", "Surplus (deficit) of the period"),
	     amount(d, period), 0);
	row3(p, NULL, tr(d, "รวมทุนและส่วนเกินสะสม", "Total equity"), amount(d, equity), PDF_TOTAL);
	row3(p, NULL, tr(d, "รวมหนี้สินและทุน", "Total liabilities and equity"), amount(d, right),
	     PDF_TOTAL);
	pdf_table_end(p);
	if (right == s->assets)
		pdf_text(p, arena_printf(&d->ar, "%s %s %s",
					 tr(d, "✓ งบดุลสมดุล: สินทรัพย์", "✓ Balanced: assets"),
					 money(d, s->assets),
					 tr(d, "บาท เท่ากับหนี้สินและทุน",
					    "baht equal liabilities and equity")),
			 PDF_SMALL);
	else
		pdf_text(p, arena_printf(&d->ar, "%s %s",
					 tr(d, "✗ งบดุลไม่สมดุล ต่างกัน", "✗ Not balanced, off by"),
					 money(d, s->assets - right)),
			 PDF_SMALL | PDF_BOLD);
}

static void row2(struct pdf *p, const char *a, const char *b, unsigned flags)
{
	const char *row[2] = { a, b };

	pdf_table_row(p, row, flags);
}

static void pdf_members(struct pdf *p, struct doc *d, const struct stmt *s)
{
	struct pdf_col c[2] = { { tr(d, "รายการ", "Item"), 0, PDF_LEFT },
				{ tr(d, "จำนวน (คน)", "Members"), 0.25, PDF_RIGHT } };

	pdf_table_begin(p, 2, c, PDF_SMALL);
	row2(p, arena_printf(&d->ar, "%s %s", tr(d, "สมาชิกต้นงวด ณ วันที่", "Members on"),
			     day(d, s->before.y ? s->before : s->from, DATE_LONG)),
	     count(d, s->m.start), 0);
	row2(p, tr(d, "บวก สมัครใหม่", "add: joined"), count(d, s->m.joined), 0);
	row2(p, tr(d, "บวก ย้ายเข้าจากกองทุนอื่น", "add: moved in from other funds"),
	     count(d, s->m.moved_in), 0);
	row2(p, tr(d, "หัก ลาออก", "less: resigned"), count(d, s->m.resigned), 0);
	row2(p, tr(d, "หัก ย้ายไปกองทุนอื่น", "less: moved to other funds"), count(d, s->m.moved_out),
	     0);
	row2(p, tr(d, "หัก เสียชีวิต", "less: deceased"), count(d, s->m.deceased), 0);
	row2(p, arena_printf(&d->ar, "%s %s", tr(d, "สมาชิกปลายงวด ณ วันที่", "Members on"),
			     day(d, s->end, DATE_LONG)),
	     count(d, s->m.end), PDF_TOTAL);
	row2(p, tr(d, "ในจำนวนนี้ ส่งเงินสมทบครบ", "of whom paid up"), count(d, s->m.good), 0);
	row2(p, tr(d, "ค้างส่งเงินสมทบ", "in arrears"), count(d, s->m.arrears), 0);
	row2(p, tr(d, "ถูกพักสิทธิ์เพราะค้างส่งเกินกำหนด", "suspended for arrears"),
	     count(d, s->m.suspended), 0);
	pdf_table_end(p);
	pdf_text(p, arena_printf(&d->ar, "%s %s %s", tr(d, "ยอดเงินสมทบค้างส่งรวม", "Owed by members in arrears:"),
				 money(d, s->m.owed), tr(d, "บาท", "baht")),
		 PDF_SMALL);
}

static void pdf_benefits(struct pdf *p, struct doc *d, const struct stmt *s)
{
	struct pdf_col c[3] = { { tr(d, "ประเภทสวัสดิการ", "Benefit"), 0, PDF_LEFT },
				{ tr(d, "จำนวน (ราย)", "Claims"), 0.2, PDF_RIGHT },
				{ tr(d, "จำนวนเงิน (บาท)", "Amount (baht)"), 0.25, PDF_RIGHT } };
	int64_t n = 0, sum = 0;

	pdf_table_begin(p, 3, c, PDF_SMALL);
	for (size_t i = 0; i < s->paid.n; i++) {
		const struct benefit_paid *b = &s->paid.items[i];
		const char *name = benefit_name(d, s, b->code);

		row3(p,
		     b->member ? name
			       : arena_printf(&d->ar, "%s %s", name,
					      tr(d, "(ผู้ที่ไม่ใช่สมาชิก)", "(non-members)")),
		     count(d, b->count), money(d, b->amount), 0);
		n += b->count;
		sum += b->amount;
	}
	if (!s->paid.n)
		row3(p, tr(d, "ไม่มีการจ่ายสวัสดิการในงวดนี้", "No benefits were paid in this period"),
		     "-", "-", 0);
	row3(p, tr(d, "รวม", "Total"), count(d, n), amount(d, sum), PDF_TOTAL);
	pdf_table_end(p);
}

static void pdf_matching(struct pdf *p, struct doc *d, const struct stmt *s)
{
	struct pdf_col c[3] = { { tr(d, "รายการ", "Item"), 0, PDF_LEFT },
				{ tr(d, "จำนวนเงิน (บาท)", "Amount (baht)"), 0.25, PDF_RIGHT },
				{ tr(d, "ร้อยละ", "Per cent"), 0.16, PDF_RIGHT } };
	static const char *const codes[] = { ACC_MATCH_LOCAL, ACC_MATCH_CENTRAL, ACC_MATCH_OTHER };
	int64_t contrib = 0, total = 0, got[3] = { 0 };
	size_t np = 0;

	for (size_t i = 0; i < s->close.n; i++) {
		int64_t mv = -bal(&s->move, i, s->close.items[i].id);

		if (!strcmp(s->close.items[i].code, ACC_CONTRIBUTIONS))
			contrib = mv;
		for (size_t k = 0; k < 3; k++)
			if (!strcmp(s->close.items[i].code, codes[k]))
				got[k] = mv;
	}
	pdf_table_begin(p, 3, c, PDF_SMALL);
	row3(p, tr(d, "เงินสมทบจากสมาชิกในงวด", "Members' contributions in the period"),
	     amount(d, contrib), contrib > 0 ? "100.00%" : "-", 0);
	for (size_t k = 0; k < 3; k++) {
		row3(p, arena_printf(&d->ar, "%s%s", tr(d, "เงินสมทบจาก", "Matching from "),
				     matching_label(d, codes[k])),
		     amount(d, got[k]), percent(d, got[k], contrib), 0);
		total += got[k];
	}
	row3(p, tr(d, "รวมเงินสมทบที่ได้รับในงวด", "Matching money received"), amount(d, total),
	     percent(d, total, contrib), PDF_TOTAL);
	pdf_table_end(p);
	for (size_t i = 0; i < s->pledges.n; i++)
		np += is_pledge_of_period(&s->pledges.items[i], s);
	if (!np)
		return;
	pdf_space(p, 6);
	{
		struct pdf_col pc[6] = {
			{ tr(d, "แหล่งเงิน", "Source"), 0, PDF_LEFT },
			{ tr(d, "วันที่", "Pledged"), 0.13, PDF_LEFT },
			{ tr(d, "ช่วงที่สมทบ", "Matches"), 0.2, PDF_LEFT },
			{ tr(d, "ยอดที่แจ้ง", "Pledged"), 0.13, PDF_RIGHT },
			{ tr(d, "ได้รับแล้ว", "Received"), 0.13, PDF_RIGHT },
			{ tr(d, "ค้างรับ", "Due"), 0.13, PDF_RIGHT },
		};

		pdf_text(p, tr(d, "คำมั่นเงินสมทบที่เกี่ยวกับงวดนี้", "Pledges of matching money for this period"),
			 PDF_BOLD | PDF_SMALL);
		pdf_table_begin(p, 6, pc, PDF_SMALL);
		for (size_t i = 0; i < s->pledges.n; i++) {
			const struct pledge *g = &s->pledges.items[i];
			const char *row[6];

			if (!is_pledge_of_period(g, s))
				continue;
			row[0] = arena_printf(&d->ar, "%s (%s)", g->source_name, source_label(d, g->source));
			row[1] = day_short(d, g->pledged_on);
			row[2] = arena_printf(&d->ar, "%s – %s", day_short(d, g->match_from),
					      day_short(d, g->match_to));
			row[3] = money(d, g->amount);
			row[4] = amount(d, g->received);
			row[5] = amount(d, g->amount - g->received > 0 ? g->amount - g->received : 0);
			pdf_table_row(p, row, 0);
		}
		pdf_table_end(p);
	}
}

static void pdf_admin(struct pdf *p, struct doc *d, const struct stmt *s)
{
	struct pdf_col c[2] = { { tr(d, "รายการ", "Item"), 0, PDF_LEFT },
				{ tr(d, "จำนวน", "Amount"), 0.3, PDF_RIGHT } };
	int64_t limit = (int64_t)((__int128)(s->income > 0 ? s->income : 0) * s->admin_bp / 10000);
	bool over = (__int128)s->admin * 10000 > (__int128)s->income * s->admin_bp;

	pdf_table_begin(p, 2, c, PDF_SMALL);
	row2(p, tr(d, "รายรับทั้งหมดในงวด (บาท)", "Income of the period (baht)"), amount(d, s->income),
	     0);
	row2(p, tr(d, "ค่าใช้จ่ายในการบริหารจัดการ (บาท)", "Administration costs (baht)"),
	     amount(d, s->admin), 0);
	row2(p, tr(d, "สัดส่วนค่าบริหารต่อรายรับ", "Administration costs of income"),
	     percent(d, s->admin, s->income), 0);
	row2(p, arena_printf(&d->ar, "%s %s%s %s", tr(d, "เพดานตามข้อบังคับ ร้อยละ", "The statute's limit,"),
			     bp_text(d, s->admin_bp), tr(d, "", "%"),
			     tr(d, "ของรายรับ (บาท)", "of income (baht)")),
	     amount(d, limit), 0);
	row2(p, tr(d, "ผลการตรวจสอบ", "Result"),
	     over ? tr(d, "เกินเพดาน", "OVER the limit") : tr(d, "อยู่ในเพดาน", "within the limit"),
	     PDF_TOTAL);
	pdf_table_end(p);
}

static void pdf_signatures(struct pdf *p, struct doc *d, const struct stmt *s)
{
	static const struct pdf_col c[3] = { { NULL, 0.333, PDF_CENTER },
					     { NULL, 0.333, PDF_CENTER },
					     { NULL, 0, PDF_CENTER } };
	static const char *const roles[3] = { "treasurer", "auditor", "chair" };
	const char *row[3];

	for (int i = 0; i < 3; i++) {
		const char *name = committee_name(s, roles[i]);

		row[i] = arena_printf(&d->ar, "%s ........................\n(%s)\n%s",
				      tr(d, "ลงชื่อ", "Signed"),
				      name ? name : "................................",
				      role_title(d, roles[i]));
	}
	pdf_space(p, 24);
	pdf_table_begin(p, 3, c, PDF_PLAIN | PDF_SMALL);
	pdf_table_row(p, row, 0);
	pdf_table_end(p);
}

static int statement_pdf(struct app *app, struct doc *d, const struct stmt *s, struct buf *out,
			 struct err *e)
{
	const char *pname = period_name(d, s);
	const char *title = arena_printf(&d->ar, "%s%s%s", tr(d, "รายงานการเงิน", "Financial statement"),
					 *pname ? " " : "", pname);
	struct pdf_opts o = { 0 };
	struct pdf *p = NULL;
	struct date today = app_today(app);
	int r;

	o.title = title;
	o.author = s->f.name;
	o.paper = PDF_A4;
	o.footer = s->f.name;
	o.date = arena_printf(&d->ar, "%s %s", tr(d, "พิมพ์เมื่อ", "Printed"),
			      day(d, today, DATE_LONG));
	if ((r = pdf_open(&p, &o, e)))
		return r;
	pdf_heading(p, 1, title);
	pdf_text(p, s->f.name, PDF_CENTER | PDF_BOLD);
	{
		struct buf addr = BUF_INIT;

		address_of(&s->f, s->place, &addr);
		if (*addr.ptr)
			pdf_text(p, addr.ptr, PDF_CENTER | PDF_SMALL);
		buf_release(&addr);
	}
	pdf_text(p, period_text(d, s), PDF_CENTER);
	if (*asof_note(d, s))
		pdf_text(p, asof_note(d, s), PDF_CENTER | PDF_SMALL);
	pdf_space(p, 6);
	if (*s->f.reg_no)
		pdf_field(p, tr(d, "ทะเบียนเลขที่", "Registration no."), s->f.reg_no, PDF_SMALL);
	pdf_field(p, tr(d, "สมาชิกปลายงวด", "Members at the end"),
		  arena_printf(&d->ar, "%s %s", count(d, s->m.end), tr(d, "คน", "members")), PDF_SMALL);
	pdf_field(p, tr(d, "เงินคงเหลือปลายงวด", "Closing cash, bank"),
		  arena_printf(&d->ar, "%s %s", money(d, s->cash_close), tr(d, "บาท", "baht")),
		  PDF_SMALL);

	pdf_heading(p, 2, tr(d, "1. เงินสดและเงินฝากธนาคาร", "1. Cash and bank"));
	{
		struct pdf_col c[5] = {
			{ tr(d, "บัญชี", "Account"), 0, PDF_LEFT },
			{ tr(d, "ยอดยกมา", "Opening"), 0.17, PDF_RIGHT },
			{ tr(d, "รับ", "In"), 0.16, PDF_RIGHT },
			{ tr(d, "จ่าย", "Out"), 0.16, PDF_RIGHT },
			{ tr(d, "คงเหลือ", "Closing"), 0.17, PDF_RIGHT },
		};

		pdf_table_begin(p, 5, c, PDF_SMALL);
		for (size_t i = 0; i < s->close.n; i++) {
			const struct account *a = &s->close.items[i];
			const struct account *m = find_account(&s->move, i, a->id);
			const char *row[5];

			if (!cash_shown(s, i))
				continue;
			row[0] = account_name(d, s, a);
			row[1] = amount(d, bal(&s->open, i, a->id));
			row[2] = amount(d, m ? m->debit : 0);
			row[3] = amount(d, m ? m->credit : 0);
			row[4] = amount(d, a->balance);
			pdf_table_row(p, row, 0);
		}
		{
			const char *row[5] = { tr(d, "รวม", "Total"), amount(d, s->cash_open),
					       amount(d, s->cash_in), amount(d, s->cash_out),
					       amount(d, s->cash_close) };

			pdf_table_row(p, row, PDF_TOTAL);
		}
		pdf_table_end(p);
	}
	pdf_heading(p, 2, tr(d, "2. งบรายรับ–รายจ่าย", "2. Income statement"));
	pdf_income(p, d, s);
	pdf_heading(p, 2, arena_printf(&d->ar, "%s %s",
				       tr(d, "3. งบแสดงฐานะการเงิน ณ วันที่", "3. Balance sheet on"),
				       day(d, s->end, DATE_LONG)));
	pdf_balance(p, d, s);
	pdf_heading(p, 2, tr(d, "4. สมาชิก", "4. Members"));
	pdf_members(p, d, s);
	pdf_heading(p, 2, tr(d, "5. สวัสดิการที่จ่ายในงวด", "5. Benefits paid in the period"));
	pdf_benefits(p, d, s);
	pdf_heading(p, 2, tr(d, "6. เงินสมทบจากภาคี", "6. Matching money"));
	pdf_matching(p, d, s);
	pdf_heading(p, 2, tr(d, "7. ค่าบริหารจัดการเทียบกับเพดานตามข้อบังคับ",
			      "7. Administration costs against the statute's limit"));
	pdf_admin(p, d, s);
	pdf_signatures(p, d, s);
	pdf_new_page(p);
	pdf_heading(p, 2, tr(d, "เอกสารแนบ: สมุดเงินสด", "Attachment: cash book"));
	pdf_text(p, period_text(d, s), PDF_SMALL);
	pdf_cashbook(p, d, s);
	r = pdf_finish(p, out, e);
	pdf_free(p);
	return r;
}

int app_statement_pdf(struct app *app, const struct actor *a, int64_t fund_id, const char *from,
		      const char *to, const char *lang, struct buf *out, struct err *e)
{
	struct doc d = { lang && !strcmp(lang, "en"), { 0 } };
	struct buf doc = BUF_INIT;
	struct stmt s;
	int r;

	arena_init(&d.ar);
	if ((r = stmt_load(app, a, fund_id, from, to, d.en, &s, e)) ||
	    (r = statement_pdf(app, &d, &s, &doc, e)))
		goto out;
	if (buf_add(out, doc.ptr, doc.len))
		r = err_set(e, ERR_TOO_LARGE, NULL, "เอกสารใหญ่เกินที่รับได้%s",
			    "the document is larger than allowed%s", "");
out:
	stmt_release(&s);
	buf_release(&doc);
	arena_release(&d.ar);
	return r;
}

/* ---------------------------------------------------- statement: workbook */

/* Starts a sheet: its name, the fund and the section's title with the period. */
static void book_sheet(struct sheet_book *b, struct doc *d, const struct stmt *s,
		       const char *name, const char *title)
{
	sheet_book_sheet(b, name);
	sheet_book_text(b, s->f.name, SHEET_TITLE);
	sheet_book_text(b, arena_printf(&d->ar, "%s %s", title, period_text(d, s)), SHEET_BOLD);
	if (*asof_note(d, s))
		sheet_book_text(b, asof_note(d, s), 0);
	sheet_book_blank(b);
}

static void brow(struct sheet_book *b, unsigned flags, size_t n, ...)
{
	struct slice cells[16];
	va_list ap;

	va_start(ap, n);
	for (size_t i = 0; i < n && i < 16; i++) {
		const char *v = va_arg(ap, const char *);

		cells[i] = slice_of(v ? v : "");
	}
	va_end(ap);
	sheet_book_row(b, cells, n, flags);
}

static void book_cash(struct sheet_book *b, struct doc *d, const struct stmt *s)
{
	struct sheet_col c[6] = {
		{ tr(d, "รหัสบัญชี", "Code"), SHEET_TEXT, 10 },
		{ tr(d, "บัญชี", "Account"), SHEET_TEXT, 44 },
		{ tr(d, "ยอดยกมา (บาท)", "Opening (baht)"), SHEET_MONEY, 16 },
		{ tr(d, "รับ (บาท)", "In (baht)"), SHEET_MONEY, 16 },
		{ tr(d, "จ่าย (บาท)", "Out (baht)"), SHEET_MONEY, 16 },
		{ tr(d, "คงเหลือ (บาท)", "Closing (baht)"), SHEET_MONEY, 16 },
	};

	book_sheet(b, d, s, tr(d, "เงินสดและเงินฝาก", "Cash and bank"),
		   tr(d, "เงินสดและเงินฝากธนาคาร", "Cash and bank"));
	sheet_book_table(b, c, 6);
	for (size_t i = 0; i < s->close.n; i++) {
		const struct account *a = &s->close.items[i];
		const struct account *m = find_account(&s->move, i, a->id);

		if (cash_shown(s, i))
			brow(b, 0, 6, a->code, account_name(d, s, a),
			     satang(d, bal(&s->open, i, a->id)), satang(d, m ? m->debit : 0),
			     satang(d, m ? m->credit : 0), satang(d, a->balance));
	}
	brow(b, SHEET_BOLD, 6, "", tr(d, "รวม", "Total"), satang(d, s->cash_open),
	     satang(d, s->cash_in), satang(d, s->cash_out), satang(d, s->cash_close));
}

static struct sheet_col *book_three(const struct doc *d, struct sheet_col c[3])
{
	c[0] = (struct sheet_col){ tr(d, "รหัสบัญชี", "Code"), SHEET_TEXT, 10 };
	c[1] = (struct sheet_col){ tr(d, "รายการ", "Item"), SHEET_TEXT, 44 };
	c[2] = (struct sheet_col){ tr(d, "จำนวนเงิน (บาท)", "Amount (baht)"), SHEET_MONEY, 18 };
	return c;
}

static void book_income(struct sheet_book *b, struct doc *d, const struct stmt *s)
{
	struct sheet_col c[3];
	int64_t net = s->income - s->expense;

	book_sheet(b, d, s, tr(d, "รายรับรายจ่าย", "Income statement"),
		   tr(d, "งบรายรับ–รายจ่าย", "Income statement"));
	sheet_book_table(b, book_three(d, c), 3);
	brow(b, SHEET_BOLD, 2, "", tr(d, "รายรับ", "Income"));
	for (size_t i = 0; i < s->close.n; i++)
		if (s->close.items[i].type == ACCT_INCOME)
			brow(b, 0, 3, s->close.items[i].code, account_name(d, s, &s->close.items[i]),
			     satang(d, -bal(&s->move, i, s->close.items[i].id)));
	brow(b, SHEET_BOLD, 3, "", tr(d, "รวมรายรับ", "Total income"), satang(d, s->income));
	brow(b, SHEET_BOLD, 2, "", tr(d, "รายจ่าย", "Expenses"));
	for (size_t i = 0; i < s->close.n; i++)
		if (s->close.items[i].type == ACCT_EXPENSE)
			brow(b, 0, 3, s->close.items[i].code, account_name(d, s, &s->close.items[i]),
			     satang(d, bal(&s->move, i, s->close.items[i].id)));
	brow(b, SHEET_BOLD, 3, "", tr(d, "รวมรายจ่าย", "Total expenses"), satang(d, s->expense));
	brow(b, SHEET_BOLD, 3, "",
	     tr(d, "รายรับสูง (ต่ำ) กว่ารายจ่าย", "Surplus (deficit) of income over expenses"),
	     satang(d, net));
}

static void book_balance(struct sheet_book *b, struct doc *d, const struct stmt *s)
{
	struct sheet_col c[3];
	int64_t period = s->income - s->expense;
	int64_t equity = s->capital + s->surplus_before + period;

	book_sheet(b, d, s, tr(d, "งบแสดงฐานะการเงิน", "Balance sheet"),
		   arena_printf(&d->ar, "%s %s", tr(d, "งบแสดงฐานะการเงิน ณ วันที่", "Balance sheet on"),
				day(d, s->end, DATE_LONG)));
	sheet_book_table(b, book_three(d, c), 3);
	brow(b, SHEET_BOLD, 2, "", tr(d, "สินทรัพย์", "Assets"));
	for (size_t i = 0; i < s->close.n; i++) {
		const struct account *a = &s->close.items[i];

		if (a->type == ACCT_ASSET && (a->cash ? cash_shown(s, i) : a->balance != 0))
			brow(b, 0, 3, a->code, account_name(d, s, a), satang(d, a->balance));
	}
	brow(b, SHEET_BOLD, 3, "", tr(d, "รวมสินทรัพย์", "Total assets"), satang(d, s->assets));
	brow(b, SHEET_BOLD, 2, "", tr(d, "หนี้สิน", "Liabilities"));
	for (size_t i = 0; i < s->close.n; i++) {
		const struct account *a = &s->close.items[i];

		if (a->type == ACCT_LIABILITY)
			brow(b, 0, 3, a->code, account_name(d, s, a), satang(d, -a->balance));
	}
	brow(b, SHEET_BOLD, 3, "", tr(d, "รวมหนี้สิน", "Total liabilities"),
	     satang(d, s->liabilities));
	brow(b, SHEET_BOLD, 2, "", tr(d, "ทุนและส่วนเกินสะสม", "Equity"));
	for (size_t i = 0; i < s->close.n; i++) {
		const struct account *a = &s->close.items[i];

		if (a->type == ACCT_EQUITY && (a->balance || !strcmp(a->code, ACC_CAPITAL)))
			brow(b, 0, 3, a->code, account_name(d, s, a), satang(d, -a->balance));
	}
	brow(b, 0, 3, "", tr(d, "ส่วนเกิน (ขาด) สะสมยกมาต้นงวด", "Surplus brought forward"),
	     satang(d, s->surplus_before));
	brow(b, 0, 3, "", tr(d, "รายรับสูง (ต่ำ) กว่ารายจ่ายงวดนี้", "Surplus (deficit) of the period"),
	     satang(d, period));
	brow(b, SHEET_BOLD, 3, "", tr(d, "รวมทุนและส่วนเกินสะสม", "Total equity"), satang(d, equity));
	brow(b, SHEET_BOLD, 3, "", tr(d, "รวมหนี้สินและทุน", "Total liabilities and equity"),
	     satang(d, s->liabilities + equity));
}

static void book_cashbook(struct sheet_book *b, struct doc *d, const struct stmt *s)
{
	struct sheet_col c[8] = {
		{ tr(d, "วันที่", "Date"), SHEET_DATE, 12 },
		{ tr(d, "เลขที่รายการ", "Entry no."), SHEET_INT, 10 },
		{ tr(d, "ใบเสร็จเลขที่", "Receipt no."), SHEET_INT, 10 },
		{ tr(d, "รายการ", "Description"), SHEET_TEXT, 50 },
		{ tr(d, "บัญชี", "Account"), SHEET_TEXT, 22 },
		{ tr(d, "รับ (บาท)", "In (baht)"), SHEET_MONEY, 14 },
		{ tr(d, "จ่าย (บาท)", "Out (baht)"), SHEET_MONEY, 14 },
		{ tr(d, "คงเหลือ (บาท)", "Balance (baht)"), SHEET_MONEY, 16 },
	};
	int64_t in = 0, out = 0;

	book_sheet(b, d, s, tr(d, "สมุดเงินสด", "Cash book"), tr(d, "สมุดเงินสด", "Cash book"));
	sheet_book_table(b, c, 8);
	brow(b, SHEET_BOLD, 8, iso(d, s->from), "", "", tr(d, "ยอดยกมา", "Brought forward"), "", "",
	     "", satang(d, s->cb_opening));
	for (size_t i = 0; i < s->cb.n; i++) {
		const struct cashbook_line *l = &s->cb.items[i];

		brow(b, 0, 8, iso(d, l->posted_on), int_text(d, l->entry_no),
		     l->receipt_no ? int_text(d, l->receipt_no) : "", l->description,
		     cash_account(d, s, l->account_id, l->account_code),
		     l->debit ? satang(d, l->debit) : "", l->credit ? satang(d, l->credit) : "",
		     satang(d, l->running));
		in += l->debit;
		out += l->credit;
	}
	brow(b, SHEET_BOLD, 8, iso(d, s->end), "", "", tr(d, "รวม / ยอดคงเหลือยกไป", "Total / carried forward"),
	     "", satang(d, in), satang(d, out), satang(d, s->cb_opening + in - out));
}

static void book_members(struct sheet_book *b, struct doc *d, const struct stmt *s)
{
	struct sheet_col c[2] = { { tr(d, "รายการ", "Item"), SHEET_TEXT, 50 },
				  { tr(d, "จำนวน (คน)", "Members"), SHEET_INT, 14 } };
	struct sheet_col o[2] = { { tr(d, "รายการ", "Item"), SHEET_TEXT, 50 },
				  { tr(d, "จำนวนเงิน (บาท)", "Amount (baht)"), SHEET_MONEY, 14 } };

	book_sheet(b, d, s, tr(d, "สมาชิก", "Members"), tr(d, "สมาชิก", "Members"));
	sheet_book_table(b, c, 2);
	brow(b, 0, 2, arena_printf(&d->ar, "%s %s", tr(d, "สมาชิกต้นงวด ณ วันที่", "Members on"),
				   day(d, s->before.y ? s->before : s->from, DATE_LONG)),
	     int_text(d, s->m.start));
	brow(b, 0, 2, tr(d, "บวก สมัครใหม่", "add: joined"), int_text(d, s->m.joined));
	brow(b, 0, 2, tr(d, "บวก ย้ายเข้าจากกองทุนอื่น", "add: moved in from other funds"),
	     int_text(d, s->m.moved_in));
	brow(b, 0, 2, tr(d, "หัก ลาออก", "less: resigned"), int_text(d, s->m.resigned));
	brow(b, 0, 2, tr(d, "หัก ย้ายไปกองทุนอื่น", "less: moved to other funds"),
	     int_text(d, s->m.moved_out));
	brow(b, 0, 2, tr(d, "หัก เสียชีวิต", "less: deceased"), int_text(d, s->m.deceased));
	brow(b, SHEET_BOLD, 2, arena_printf(&d->ar, "%s %s", tr(d, "สมาชิกปลายงวด ณ วันที่", "Members on"),
					    day(d, s->end, DATE_LONG)),
	     int_text(d, s->m.end));
	brow(b, 0, 2, tr(d, "ในจำนวนนี้ ส่งเงินสมทบครบ", "of whom paid up"), int_text(d, s->m.good));
	brow(b, 0, 2, tr(d, "ค้างส่งเงินสมทบ", "in arrears"), int_text(d, s->m.arrears));
	brow(b, 0, 2, tr(d, "ถูกพักสิทธิ์เพราะค้างส่งเกินกำหนด", "suspended for arrears"),
	     int_text(d, s->m.suspended));
	sheet_book_blank(b);
	sheet_book_table(b, o, 2);
	brow(b, 0, 2, tr(d, "ยอดเงินสมทบค้างส่งรวม", "Owed by members in arrears"),
	     satang(d, s->m.owed));
}

static void book_benefits(struct sheet_book *b, struct doc *d, const struct stmt *s)
{
	struct sheet_col c[5] = { { tr(d, "รหัส", "Code"), SHEET_TEXT, 14 },
				  { tr(d, "ประเภทสวัสดิการ", "Benefit"), SHEET_TEXT, 40 },
				  { tr(d, "ผู้รับ", "Paid to"), SHEET_TEXT, 18 },
				  { tr(d, "จำนวน (ราย)", "Claims"), SHEET_INT, 12 },
				  { tr(d, "จำนวนเงิน (บาท)", "Amount (baht)"), SHEET_MONEY, 16 } };
	int64_t n = 0, sum = 0;

	book_sheet(b, d, s, tr(d, "สวัสดิการที่จ่าย", "Benefits paid"),
		   tr(d, "สวัสดิการที่จ่ายในงวด", "Benefits paid in the period"));
	sheet_book_table(b, c, 5);
	for (size_t i = 0; i < s->paid.n; i++) {
		const struct benefit_paid *p = &s->paid.items[i];

		brow(b, 0, 5, p->code, benefit_name(d, s, p->code),
		     p->member ? tr(d, "สมาชิก", "members") : tr(d, "ผู้ที่ไม่ใช่สมาชิก", "non-members"),
		     int_text(d, p->count), satang(d, p->amount));
		n += p->count;
		sum += p->amount;
	}
	brow(b, SHEET_BOLD, 5, "", tr(d, "รวม", "Total"), "", int_text(d, n), satang(d, sum));
}

static void book_matching(struct sheet_book *b, struct doc *d, const struct stmt *s)
{
	struct sheet_col c[4] = { { tr(d, "รหัสบัญชี", "Code"), SHEET_TEXT, 10 },
				  { tr(d, "รายการ", "Item"), SHEET_TEXT, 44 },
				  { tr(d, "จำนวนเงิน (บาท)", "Amount (baht)"), SHEET_MONEY, 16 },
				  { tr(d, "เทียบกับเงินสมทบสมาชิก", "Of members' contributions"),
				    SHEET_TEXT, 16 } };
	struct sheet_col pc[8] = { { tr(d, "แหล่งเงิน", "Source"), SHEET_TEXT, 44 },
				   { tr(d, "ประเภท", "Kind"), SHEET_TEXT, 16 },
				   { tr(d, "วันที่แจ้ง", "Pledged on"), SHEET_DATE, 12 },
				   { tr(d, "สมทบเงินออมตั้งแต่", "Matches from"), SHEET_DATE, 12 },
				   { tr(d, "ถึง", "to"), SHEET_DATE, 12 },
				   { tr(d, "ยอดที่แจ้ง (บาท)", "Pledged (baht)"), SHEET_MONEY, 14 },
				   { tr(d, "ได้รับแล้ว (บาท)", "Received (baht)"), SHEET_MONEY, 14 },
				   { tr(d, "เงินสมทบสมาชิกช่วงนั้น (บาท)", "Members' contributions matched (baht)"),
				     SHEET_MONEY, 16 } };
	static const char *const codes[] = { ACC_MATCH_LOCAL, ACC_MATCH_CENTRAL, ACC_MATCH_OTHER };
	int64_t contrib = 0, total = 0, got[3] = { 0 };

	for (size_t i = 0; i < s->close.n; i++) {
		int64_t mv = -bal(&s->move, i, s->close.items[i].id);

		if (!strcmp(s->close.items[i].code, ACC_CONTRIBUTIONS))
			contrib = mv;
		for (size_t k = 0; k < 3; k++)
			if (!strcmp(s->close.items[i].code, codes[k]))
				got[k] = mv;
	}
	book_sheet(b, d, s, tr(d, "เงินสมทบ", "Matching money"),
		   tr(d, "เงินสมทบจากภาคี", "Matching money"));
	sheet_book_table(b, c, 4);
	brow(b, 0, 4, ACC_CONTRIBUTIONS, tr(d, "เงินสมทบจากสมาชิกในงวด", "Members' contributions in the period"),
	     satang(d, contrib), contrib > 0 ? "100.00%" : "-");
	for (size_t k = 0; k < 3; k++) {
		brow(b, 0, 4, codes[k],
		     arena_printf(&d->ar, "%s%s", tr(d, "เงินสมทบจาก", "Matching from "),
				  matching_label(d, codes[k])),
		     satang(d, got[k]), percent(d, got[k], contrib));
		total += got[k];
	}
	brow(b, SHEET_BOLD, 4, "", tr(d, "รวมเงินสมทบที่ได้รับในงวด", "Matching money received"),
	     satang(d, total), percent(d, total, contrib));
	sheet_book_blank(b);
	sheet_book_text(b, tr(d, "คำมั่นเงินสมทบที่เกี่ยวกับงวดนี้", "Pledges of matching money for this period"),
			SHEET_BOLD);
	sheet_book_table(b, pc, 8);
	for (size_t i = 0; i < s->pledges.n; i++) {
		const struct pledge *g = &s->pledges.items[i];

		if (is_pledge_of_period(g, s))
			brow(b, 0, 8, g->source_name, source_label(d, g->source), iso(d, g->pledged_on),
			     iso(d, g->match_from), iso(d, g->match_to), satang(d, g->amount),
			     satang(d, g->received), satang(d, g->matched_contributions));
	}
}

static void book_admin(struct sheet_book *b, struct doc *d, const struct stmt *s)
{
	struct sheet_col c[2] = { { tr(d, "รายการ", "Item"), SHEET_TEXT, 50 },
				  { tr(d, "จำนวนเงิน (บาท)", "Amount (baht)"), SHEET_MONEY, 18 } };
	struct sheet_col t[2] = { { tr(d, "รายการ", "Item"), SHEET_TEXT, 50 },
				  { tr(d, "ผล", "Result"), SHEET_TEXT, 18 } };
	int64_t limit = (int64_t)((__int128)(s->income > 0 ? s->income : 0) * s->admin_bp / 10000);
	bool over = (__int128)s->admin * 10000 > (__int128)s->income * s->admin_bp;

	book_sheet(b, d, s, tr(d, "ค่าบริหารจัดการ", "Admin costs"),
		   tr(d, "ค่าใช้จ่ายในการบริหารจัดการเทียบกับเพดานตามข้อบังคับ",
		      "Administration costs against the statute's limit"));
	sheet_book_table(b, c, 2);
	brow(b, 0, 2, tr(d, "รายรับทั้งหมดในงวด", "Income of the period"), satang(d, s->income));
	brow(b, 0, 2, tr(d, "ค่าใช้จ่ายในการบริหารจัดการ", "Administration costs"),
	     satang(d, s->admin));
	brow(b, 0, 2, tr(d, "เพดานตามข้อบังคับ (บาท)", "The statute's limit (baht)"), satang(d, limit));
	sheet_book_blank(b);
	sheet_book_table(b, t, 2);
	brow(b, 0, 2, tr(d, "สัดส่วนค่าบริหารต่อรายรับ", "Administration costs of income"),
	     percent(d, s->admin, s->income));
	brow(b, 0, 2, tr(d, "เพดานตามข้อบังคับ ร้อยละของรายรับ", "The statute's limit, of income"),
	     arena_printf(&d->ar, "%s%%", bp_text(d, s->admin_bp)));
	brow(b, SHEET_BOLD, 2, tr(d, "ผลการตรวจสอบ", "Result"),
	     over ? tr(d, "เกินเพดาน", "OVER the limit") : tr(d, "อยู่ในเพดาน", "within the limit"));
}

int app_statement_xlsx(struct app *app, const struct actor *a, int64_t fund_id,
		       const char *from, const char *to, const char *lang, struct buf *out,
		       struct err *e)
{
	struct doc d = { lang && !strcmp(lang, "en"), { 0 } };
	struct sheet_book *b = NULL;
	struct stmt s;
	int r;

	arena_init(&d.ar);
	if ((r = stmt_load(app, a, fund_id, from, to, d.en, &s, e)) ||
	    (r = sheet_book_open(&b, NULL, e)))
		goto out;
	book_cash(b, &d, &s);
	book_income(b, &d, &s);
	book_balance(b, &d, &s);
	book_cashbook(b, &d, &s);
	book_members(b, &d, &s);
	book_benefits(b, &d, &s);
	book_matching(b, &d, &s);
	book_admin(b, &d, &s);
	r = sheet_book_finish(b, out, e);
out:
	sheet_book_free(b);
	stmt_release(&s);
	arena_release(&d.ar);
	return r;
}
