/*
 * Pages of books (app/ledger.h reads any ledger_book): a fund's ledger and
 * a grant channel's book. Each is one page with five views chosen by
 * ?view=: the journal (entries with their lines, newest first, paged), the
 * trial balance and the balance sheet on a date, the income statement and
 * the cash book between two dates. The views are drawn once, for any book
 * (ledger_views, into the ledger_nav and ledger_views partials); what
 * differs is the page around them:
 *
 *   /funds/ID/ledger      the fund's tabs, a reverse form on income,
 *                         expense and transfer entries, links to the
 *                         fund's statement, the form that closes a month
 *   /grants/books/AREA    the channel's book ('TH' or a province), read
 *                         only: its entries are posted by the grant
 *                         workflow (app/grant.c) and corrected there; each
 *                         links to its call or application
 *
 * Balances are debits minus credits (core/ledger.h), so credit-normal
 * accounts (liabilities, equity, income) are shown as -balance. The balance
 * sheet adds the surplus not yet closed into equity (income less expenses
 * to the date), so both sides agree.
 */
#include "web/fund.h"
#include "app/grant.h"
#include "app/ledger.h"
#include "app/person.h"
#include "core/date.h"
#include "core/money.h"

#define JOURNAL_PAGE 30

/* The book a page shows, and what the page around it offers. */
struct book_page {
	int64_t book_id;
	const char *path;            /* the page's own path, for tabs and paging */
	bool reversible;             /* a fund's books: income, expense and transfer
				      * entries may be reversed from the journal */
};

static void put_s(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, json_string(S(v)));
}

static void put_b(json_t *o, const char *k, bool v)
{
	json_object_set_new(o, k, json_boolean(v));
}

static const char *money(struct http_req *req, int64_t satang)
{
	return web_money_text(req, satang, 0);
}

/* An amount, or "" for 0 (debit and credit columns). */
static const char *money_or_blank(struct http_req *req, int64_t satang)
{
	return satang ? money(req, satang) : "";
}

static const char *acct_name(struct http_req *req, const struct account *a)
{
	return web_en(req) && *a->name_en ? a->name_en : a->name_th;
}

static const char *source_name(struct http_req *req, const char *source)
{
	static const char *const codes[] = { "contribution", "receipt",	   "claim",
					     "income",	     "expense",	   "transfer",
					     "reversal",     "opening",	   "grant_call",
					     "grant_commit", "grant_tranche", "subsidy",
					     "payroll" };
	static const char *const names[] = { "Contribution",	 "Receipt",	 "Claim",
					     "Income",		 "Expense",	 "Transfer",
					     "Reversal",	 "Opening balance", "Call budget",
					     "Agreement signed", "Tranche paid", "Subsidy",
					     "Payroll" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(codes); i++)
		if (!strcmp(source, codes[i]))
			return web_tr(req, names[i]);
	return source;
}

static const struct account *find_account(const struct account_list *l, int64_t id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->items[i].id == id)
			return &l->items[i];
	return NULL;
}

/* Where an entry came from, as a link ("" when there is no page for it). */
static const char *source_href(struct http_req *req, const struct entry *en)
{
	static const struct {
		const char *source, *path; /* the page is path + the source's id */
	} pages[] = {
		{ "receipt", "/funds/receipts/" }, { "claim", "/funds/claims/" },
		{ "grant_call", "/grants/calls/" }, { "grant_commit", "/grants/" },
		{ "grant_tranche", "/grants/" },
	};

	if (!en->source_id)
		return "";
	for (size_t i = 0; i < ARRAY_SIZE(pages); i++)
		if (!strcmp(en->source, pages[i].source))
			return arena_printf(req->arena, "%s%lld", pages[i].path,
					    (long long)en->source_id);
	return "";
}

static json_t *journal_view(struct http_req *req, const struct actor *who,
			    const struct book_page *b, struct date from, struct date to,
			    json_t *ctx)
{
	struct face *fa = req->app;
	int64_t offset = web_parse_id(http_query(req, "offset"));
	struct account_list al = { 0 };
	struct entry_list l = { 0 };
	struct err e;
	json_t *rows = json_array();
	size_t i;
	int k;

	err_init(&e);
	if (app_ledger_book_accounts(fa->app, who, b->book_id, &al, &e) ||
	    app_ledger_book_journal(fa->app, who, b->book_id, from, to, JOURNAL_PAGE + 1, offset,
				    &l, &e)) {
		put_s(ctx, "view_error", web_en(req) ? e.en : e.th);
		account_list_release(&al);
		return rows;
	}
	for (i = 0; i < l.n && i < JOURNAL_PAGE; i++) {
		const struct entry *en = &l.items[i];
		json_t *o = json_object(), *lines = json_array();
		bool reversible = b->reversible && !en->reversed_by && !en->reverses &&
				  (!strcmp(en->source, "income") || !strcmp(en->source, "expense") ||
				   !strcmp(en->source, "transfer"));
		const char *link = source_href(req, en);

		json_object_set_new(o, "id", json_integer((json_int_t)en->id));
		json_object_set_new(o, "entry_no", json_integer((json_int_t)en->entry_no));
		put_s(o, "date", web_date_text(req, en->posted_on, DATE_MEDIUM));
		put_s(o, "description", en->description);
		put_s(o, "source", source_name(req, en->source));
		put_s(o, "total", money(req, en->total));
		put_s(o, "by", en->created_by);
		put_b(o, "reversed", en->reversed_by != 0);
		put_b(o, "reversal", en->reverses != 0);
		put_b(o, "reversible", reversible);
		if (*link)
			put_s(o, "source_href", link);
		for (k = 0; k < en->nlines; k++) {
			const struct account *a = find_account(&al, en->lines[k].account_id);

			json_array_append_new(
				lines, json_pack("{s:s, s:s, s:s, s:s, s:b}", "code",
						 a ? a->code : en->line_code[k], "name",
						 a ? acct_name(req, a) : "", "debit",
						 money_or_blank(req, en->lines[k].debit), "credit",
						 money_or_blank(req, en->lines[k].credit), "is_credit",
						 en->lines[k].credit > 0));
		}
		json_object_set_new(o, "lines", lines);
		json_array_append_new(rows, o);
	}
	if (l.n > JOURNAL_PAGE || offset > 0) {
		const char *base = arena_printf(req->arena, "%s?view=journal&from=%s&to=%s", b->path,
						S(http_query(req, "from")), S(http_query(req, "to")));

		if (l.n > JOURNAL_PAGE)
			put_s(ctx, "next_href", arena_printf(req->arena, "%s&offset=%lld", base,
							     (long long)(offset + JOURNAL_PAGE)));
		if (offset > 0)
			put_s(ctx, "prev_href",
			      arena_printf(req->arena, "%s&offset=%lld", base,
					   (long long)(offset > JOURNAL_PAGE ? offset - JOURNAL_PAGE
									     : 0)));
	}
	entry_list_release(&l);
	account_list_release(&al);
	return rows;
}

/* Balances for the dates; false (and view_error set) when they cannot be read. */
static bool balances(struct http_req *req, const struct actor *who, int64_t book_id,
		     struct date from, struct date to, struct account_list *l, json_t *ctx)
{
	struct face *fa = req->app;
	struct err e;

	err_init(&e);
	if (app_ledger_book_balances(fa->app, who, book_id, from, to, l, &e)) {
		put_s(ctx, "view_error", web_en(req) ? e.en : e.th);
		return false;
	}
	return true;
}

static void trial_view(struct http_req *req, const struct actor *who, const struct book_page *b,
		       struct date to, json_t *ctx)
{
	struct account_list l = { 0 };
	json_t *rows = json_array();
	int64_t dr = 0, cr = 0;
	size_t i;

	if (!balances(req, who, b->book_id, (struct date){ 0 }, to, &l, ctx)) {
		json_decref(rows);
		return;
	}
	for (i = 0; i < l.n; i++) {
		const struct account *a = &l.items[i];

		if (!a->balance && !a->debit && !a->credit)
			continue;
		dr += a->balance > 0 ? a->balance : 0;
		cr += a->balance < 0 ? -a->balance : 0;
		json_array_append_new(
			rows, json_pack("{s:s, s:s, s:s, s:s}", "code", a->code, "name",
					acct_name(req, a), "debit",
					money_or_blank(req, a->balance > 0 ? a->balance : 0), "credit",
					money_or_blank(req, a->balance < 0 ? -a->balance : 0)));
	}
	put_b(ctx, "has_trial", true);
	json_object_set_new(ctx, "trial", rows);
	put_s(ctx, "trial_debit", money(req, dr));
	put_s(ctx, "trial_credit", money(req, cr));
	put_b(ctx, "trial_ok", dr == cr);
	account_list_release(&l);
}

/* Rows of accounts of one type, shown with the type's normal sign; *sum gets their total. */
static json_t *type_rows(struct http_req *req, const struct account_list *l,
			 enum account_type t, int64_t *sum)
{
	json_t *rows = json_array();
	size_t i;

	*sum = 0;
	for (i = 0; i < l->n; i++) {
		const struct account *a = &l->items[i];
		int64_t v = account_debit_normal(t) ? a->balance : -a->balance;

		if (a->type != t || (!a->balance && !a->debit && !a->credit))
			continue;
		*sum += v;
		json_array_append_new(rows, json_pack("{s:s, s:s, s:s}", "code", a->code, "name",
						      acct_name(req, a), "amount", money(req, v)));
	}
	return rows;
}

static void income_view(struct http_req *req, const struct actor *who, const struct book_page *b,
			struct date from, struct date to, json_t *ctx)
{
	struct account_list l = { 0 };
	int64_t in = 0, out = 0;
	json_t *o;

	if (!balances(req, who, b->book_id, from, to, &l, ctx))
		return;
	o = json_object();
	json_object_set_new(o, "income", type_rows(req, &l, ACCT_INCOME, &in));
	json_object_set_new(o, "expenses", type_rows(req, &l, ACCT_EXPENSE, &out));
	put_s(o, "income_total", money(req, in));
	put_s(o, "expense_total", money(req, out));
	put_s(o, "surplus", money(req, in - out));
	put_b(o, "deficit", in - out < 0);
	json_object_set_new(ctx, "statement", o);
	account_list_release(&l);
}

static void balance_view(struct http_req *req, const struct actor *who, const struct book_page *b,
			 struct date to, json_t *ctx)
{
	struct account_list l = { 0 };
	int64_t assets, liabilities, equity, in, out;
	json_t *o;

	if (!balances(req, who, b->book_id, (struct date){ 0 }, to, &l, ctx))
		return;
	o = json_object();
	json_object_set_new(o, "assets", type_rows(req, &l, ACCT_ASSET, &assets));
	json_object_set_new(o, "liabilities", type_rows(req, &l, ACCT_LIABILITY, &liabilities));
	json_object_set_new(o, "equity", type_rows(req, &l, ACCT_EQUITY, &equity));
	json_decref(type_rows(req, &l, ACCT_INCOME, &in));
	json_decref(type_rows(req, &l, ACCT_EXPENSE, &out));
	put_s(o, "assets_total", money(req, assets));
	put_s(o, "liabilities_total", money(req, liabilities));
	put_s(o, "surplus", money(req, in - out));
	put_s(o, "equity_total", money(req, equity + in - out));
	put_s(o, "right_total", money(req, liabilities + equity + in - out));
	put_b(o, "balanced", assets == liabilities + equity + in - out);
	json_object_set_new(ctx, "sheet", o);
	account_list_release(&l);
}

static void cashbook_view(struct http_req *req, const struct actor *who, const struct book_page *b,
			  struct date from, struct date to, json_t *ctx)
{
	struct face *fa = req->app;
	struct cashbook_list l = { 0 };
	int64_t opening = 0, in = 0, out = 0, closing;
	struct err e;
	json_t *rows = json_array();
	size_t i;

	err_init(&e);
	if (app_ledger_book_cashbook(fa->app, who, b->book_id, from, to, &opening, &l, &e)) {
		put_s(ctx, "view_error", web_en(req) ? e.en : e.th);
		json_decref(rows);
		return;
	}
	closing = opening;
	for (i = 0; i < l.n; i++) {
		const struct cashbook_line *c = &l.items[i];

		in += c->debit;
		out += c->credit;
		closing = c->running;
		json_array_append_new(
			rows, json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:s}", "date",
					web_date_text(req, c->posted_on, DATE_MEDIUM), "entry_no",
					(json_int_t)c->entry_no, "account", c->account_code,
					"description", c->description, "in",
					money_or_blank(req, c->debit), "out",
					money_or_blank(req, c->credit), "running",
					money(req, c->running)));
	}
	json_object_set_new(ctx, "cashbook",
			    json_pack("{s:o, s:s, s:s, s:s, s:s}", "lines", rows, "opening",
				      money(req, opening), "in", money(req, in), "out",
				      money(req, out), "closing", money(req, closing)));
	cashbook_list_release(&l);
}

/*
 * The views of a book into ctx, for the ledger_nav and ledger_views
 * partials: the tabs of the five views, the dates asked for (?from=, ?to=;
 * a period starts on 1 January by default and ends today), and the view
 * chosen by ?view= (the journal by default).
 */
static void ledger_views(struct http_req *req, const struct actor *who, const struct book_page *b,
			 json_t *ctx)
{
	static const char *const views[] = { "journal", "trial", "income", "balance", "cashbook" };
	static const char *const view_names[] = { "Journal", "Trial balance", "Income statement",
						  "Balance sheet", "Cash book" };
	struct face *fa = req->app;
	struct date today = app_today(fa->app), from, to;
	const char *view = S(http_query(req, "view"));
	struct err e;
	json_t *tabs;
	size_t i;
	bool known = false, bad = false;

	err_init(&e);
	for (i = 0; i < ARRAY_SIZE(views); i++)
		known |= !strcmp(view, views[i]);
	if (!known)
		view = "journal";
	if (web_fund_query_date(http_query(req, "from"), "from", &from, &e)) {
		put_s(ctx, "from_error", web_en(req) ? e.en : e.th);
		bad = true;
	}
	err_init(&e);
	if (web_fund_query_date(http_query(req, "to"), "to", &to, &e)) {
		put_s(ctx, "to_error", web_en(req) ? e.en : e.th);
		bad = true;
	}
	/* Statements of a period start on 1 January of the year by default. */
	if (!from.y && (!strcmp(view, "income") || !strcmp(view, "cashbook")))
		from = (struct date){ today.y, 1, 1 };
	if (!to.y && strcmp(view, "journal"))
		to = today;
	tabs = json_array();
	for (i = 0; i < ARRAY_SIZE(views); i++)
		json_array_append_new(
			tabs, json_pack("{s:s, s:s, s:b}", "href",
					arena_printf(req->arena, "%s?view=%s", b->path, views[i]),
					"label", web_tr(req, view_names[i]), "current",
					!strcmp(view, views[i])));
	json_object_set_new(ctx, "views", tabs);
	put_s(ctx, "view", view);
	put_s(ctx, "view_name", web_tr(req, view_names[0]));
	for (i = 0; i < ARRAY_SIZE(views); i++)
		if (!strcmp(view, views[i]))
			put_s(ctx, "view_name", web_tr(req, view_names[i]));
	put_b(ctx, "one_date", !strcmp(view, "trial") || !strcmp(view, "balance"));
	put_s(ctx, "from", bad ? S(http_query(req, "from")) : web_form_date(req, from));
	put_s(ctx, "to", bad ? S(http_query(req, "to")) : web_form_date(req, to));
	put_s(ctx, "from_long", web_date_text(req, from, DATE_LONG));
	put_s(ctx, "to_long", web_date_text(req, to, DATE_LONG));
	put_s(ctx, "view_path", b->path);
	if (bad)
		return;
	if (!strcmp(view, "journal")) {
		json_t *rows = journal_view(req, who, b, from, to, ctx);

		put_b(ctx, "is_journal", true);
		put_b(ctx, "has_entries", json_array_size(rows) > 0);
		json_object_set_new(ctx, "entries", rows);
	} else if (!strcmp(view, "trial")) {
		trial_view(req, who, b, to, ctx);
	} else if (!strcmp(view, "income")) {
		income_view(req, who, b, from, to, ctx);
	} else if (!strcmp(view, "balance")) {
		balance_view(req, who, b, to, ctx);
	} else {
		cashbook_view(req, who, b, from, to, ctx);
	}
}

static void render_ledger(struct http_req *req, struct http_resp *resp, const struct actor *who,
			  const char *token, int64_t id, const char *form, const struct err *fe)
{
	struct book_page b;
	struct fund f;
	json_t *ctx;

	if (!web_fund_load(req, resp, who, token, id, &f))
		return;
	ctx = web_fund_ctx(req, who, &f, "ledger", web_tr(req, "Ledger"));
	b = (struct book_page){ f.book_id,
				arena_printf(req->arena, "/funds/%lld/ledger", (long long)id), true };
	ledger_views(req, who, &b, ctx);
	put_s(ctx, "closed_through", web_date_text(req, f.closed_through, DATE_LONG));
	if (form && fe)
		web_fund_form_error(req, resp, ctx, form,
				    !strcmp(form, "close") ? (const char *const[]){ "date" }
							   : (const char *const[]){ "date", "reason" },
				    !strcmp(form, "close") ? 1 : 2, fe);
	if (form && fe && !strcmp(form, "reverse"))
		json_object_set_new(ctx, "reverse_failed",
				    json_integer((json_int_t)web_parse_id(req->params[0])));
	web_page(req, resp, "fund_ledger", ctx, who, token);
}

static void web_fund_ledger(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	const char *token;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	render_ledger(req, resp, &who, token, web_parse_id(req->params[0]), NULL, NULL);
}

static void web_fund_ledger_close(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]);
	struct actor who;
	const char *token;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	if (!app_ledger_close(fa->app, &who, id, S(http_form(req, "date")), &e)) {
		http_redirect(req, resp, arena_printf(req->arena, "/funds/%lld/ledger?done=closed",
						      (long long)id));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_ledger(req, resp, &who, token, id, "close", &e);
}

/* Reverses an entry; the form names the fund, to come back to its journal. */
static void web_fund_entry_reverse(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	int64_t id = web_parse_id(req->params[0]), rid = 0;
	int64_t fund_id = web_parse_id(http_form(req, "fund_id"));
	struct actor who;
	const char *token;
	struct err e;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, true))
		return;
	if (!id || !fund_id) {
		web_fund_not_found(req, resp, &who, token);
		return;
	}
	if (!app_ledger_reverse(fa->app, &who, id, S(http_form(req, "date")),
				S(http_form(req, "reason")), &rid, &e)) {
		http_redirect(req, resp, arena_printf(req->arena, "/funds/%lld/ledger?done=reversed",
						      (long long)fund_id));
		return;
	}
	if (web_fund_fatal(&e))
		web_error(req, resp, &e, &who, token);
	else
		render_ledger(req, resp, &who, token, fund_id, "reverse", &e);
}

/* A grant channel's book (GET /grants/books/AREA): 'TH' or a province. */
static void web_grant_book(struct http_req *req, struct http_resp *resp)
{
	struct face *fa = req->app;
	const char *area = req->params[0];
	struct ledger_book book;
	struct book_page b;
	struct actor who;
	const char *token;
	struct err e;
	json_t *ctx;
	bool national;

	err_init(&e);
	if (!web_begin(req, resp, &who, &token, false))
		return;
	if (app_grant_book(fa->app, &who, area, &book, &e)) {
		if (e.code == ERR_INVALID)
			e.code = ERR_NOT_FOUND;
		web_error(req, resp, &e, &who, token);
		return;
	}
	national = !strcmp(book.area, "TH");
	ctx = json_object();
	put_b(ctx, "nav_grants", true);
	put_s(ctx, "title", web_tr(req, "The channel's books"));
	put_s(ctx, "heading", web_tr(req, "The channel's books"));
	put_s(ctx, "channel", web_tr(req, national ? "National channel" : "Provincial channel"));
	put_s(ctx, "area_name", web_area_label(req, &who, book.area));
	put_s(ctx, "book_name", book.name);
	put_s(ctx, "closed_through", web_date_text(req, book.closed_through, DATE_LONG));
	put_s(ctx, "calls_href", "/grants");
	put_s(ctx, "report_href", national ? "/grants/report" : arena_printf(req->arena,
									     "/grants/report?area=%s",
									     book.area));
	b = (struct book_page){ book.id,
				arena_printf(req->arena, "/grants/books/%s", book.area), false };
	ledger_views(req, &who, &b, ctx);
	web_page(req, resp, "grant_book", ctx, &who, token);
}

const struct http_route web_ledger_routes[] = {
	{ "GET", "/funds/{id}/ledger", web_fund_ledger },
	{ "GET", "/grants/books/{area}", web_grant_book },
	{ "POST", "/funds/{id}/ledger/close", web_fund_ledger_close },
	{ "POST", "/funds/entries/{id}/reverse", web_fund_entry_reverse },
};
const size_t web_ledger_nroutes = ARRAY_SIZE(web_ledger_routes);
