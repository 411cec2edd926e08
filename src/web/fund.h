/*
 * What the fund pages (web/fund.c) and the ledger pages (web/ledger.c)
 * share: loading the fund a page is about, the page context every fund page
 * starts from (the fund's name and the row of section tabs), and the small
 * forms' errors, shown next to their fields in the page's language.
 *
 * A small form is named ("pay", "branch", ...). When one fails, its error
 * goes into the context as errors.FORM.FIELD (when FIELD is one of the
 * form's fields) or alerts.FORM (otherwise), open.FORM is set so a folded
 * form shows unfolded, and v.FORM.FIELD holds what was typed, so nothing
 * has to be typed twice.
 */
#ifndef SAWAT_WEB_FUND_H
#define SAWAT_WEB_FUND_H

#include "web/web.h"
#include "app/fund.h"

#define S(x) ((x) ? (x) : "")

/* Reads the fund (PERM_READ in the actor's scope). Sends the error page and
 * returns false when it cannot. */
bool web_fund_load(struct http_req *req, struct http_resp *resp, const struct actor *who,
		   const char *token, int64_t id, struct fund *f);

/*
 * The context of a fund page (a new object, caller owns it): nav_funds,
 * title, fund {id, href, name, area, area_name, ...}, tabs [{href, label,
 * current}] with section ("overview", "members", "collect", "claims",
 * "income", "expenses", "ledger", "statute") current, can_write (PERM_WRITE
 * on the fund's area), today_be (B.E. d/m/yyyy) and a notice chosen by the
 * query's ?done= from a fixed set.
 */
json_t *web_fund_ctx(struct http_req *req, const struct actor *who, const struct fund *f,
		     const char *section, const char *title);

/* A form's failure, as the header comment says; sets resp->status. */
void web_fund_form_error(struct http_req *req, struct http_resp *resp, json_t *ctx,
			 const char *form, const char *const *fields, size_t n,
			 const struct err *e);

/* The page for a failed use case that the form cannot show: 403, 404. */
bool web_fund_fatal(const struct err *e);

/* The 404 page for a path whose id does not parse. */
void web_fund_not_found(struct http_req *req, struct http_resp *resp, const struct actor *who,
			const char *token);

/* The fund's cash and bank accounts as select options [{id, name,
 * selected}]: ledger account ids, cash first. */
json_t *web_fund_money_accounts(struct http_req *req, const struct actor *who, int64_t fund_id,
				int64_t selected);

/* A date typed in a query (?date=, ?from=): *d is zero when s is empty or
 * does not parse (e then says why). */
int web_fund_query_date(const char *s, const char *field, struct date *d, struct err *e);

/* An ISO date for links and <time datetime> ("" when zero). */
const char *web_fund_iso(struct http_req *req, struct date d);

#endif
