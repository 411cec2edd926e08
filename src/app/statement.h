/*
 * A community welfare fund's printable documents: the receipt a member is
 * handed (ใบเสร็จรับเงิน, A5 PDF) and the fund's statement for a period
 * (รายงานการเงิน: a month, a year or any span; A4 PDF or an .xlsx
 * workbook). They are made from the same use cases the fund's pages use
 * (app/fund.h), so a document shows what the screens show.
 *
 * The statement holds, for from..to: cash and bank at the start and end
 * with what came in and went out; the income statement (income and expense
 * accounts, their totals and the surplus); the balance sheet at `to`
 * (assets, liabilities, and the fund's equity: its capital accounts, the
 * surplus brought forward and the period's surplus, so that it balances);
 * members at the start and end with who joined and left and the standing of
 * those active at `to` (in good standing, in arrears, suspended), computed
 * from what each had paid by `to`; benefits paid in the period by type
 * (members and non-members apart); matching money received against the
 * members' contributions, and the pledges of the period; the
 * administration costs against the statute's limit; and the cash book. In
 * the PDF a day's member receipts into one account are one line of the cash
 * book ("57 receipts, nos. 101-157"); the workbook has every line.
 *
 * Access: PERM_READ on the fund's area, as for every read of app/fund.h;
 * otherwise ERR_FORBIDDEN and nothing is written to out.
 *
 * Language: lang "en" gives English labels and C.E. dates; anything else
 * (NULL, "th") Thai with B.E. dates. Names (the fund's, people's) are as
 * recorded; the amount in words on a receipt is always Thai, as on any Thai
 * receipt.
 *
 * Each function appends the document's bytes to out and returns 0, or an
 * ERR_* code with out unchanged: ERR_NOT_FOUND (no such receipt or fund),
 * ERR_FORBIDDEN, ERR_INVALID (a bad date, from after to), ERR_TOO_LARGE
 * (out's cap, or a document past lib/pdf's page limit), ERR_DB, ERR_IO.
 */
#ifndef SAWAT_APP_STATEMENT_H
#define SAWAT_APP_STATEMENT_H

#include "app/app.h"
#include "lib/buf.h"

/* The receipt with its items, the total in figures and in Thai words, the
 * payment method and the receiver; a voided receipt is marked as such with
 * the date and reason. */
int app_receipt_pdf(struct app *app, const struct actor *a, int64_t receipt_id,
		    const char *lang, struct buf *out, struct err *e);

/*
 * The statement for the days from..to (inclusive; ISO or B.E. text, fields
 * "from" and "to"; from must not be after to).
 */
int app_statement_pdf(struct app *app, const struct actor *a, int64_t fund_id, const char *from,
		      const char *to, const char *lang, struct buf *out, struct err *e);
/*
 * The same as a workbook, one worksheet per part: money as numbers in baht
 * (two decimals, "#,##0.00"), dates as date cells, counts as integers.
 */
int app_statement_xlsx(struct app *app, const struct actor *a, int64_t fund_id,
		       const char *from, const char *to, const char *lang, struct buf *out,
		       struct err *e);

/*
 * File names for the documents, ASCII only (Content-Disposition, the
 * command line): "receipt-<fund>-<no>.pdf" and
 * "statement-<fund>-<from>-<to>.<ext>" with ISO dates. statement_filename
 * reads from and to as the statement functions do and returns ERR_INVALID
 * (out "") when they do not parse.
 */
void statement_receipt_filename(int64_t fund_id, int64_t receipt_no, char out[64]);
int statement_filename(int64_t fund_id, const char *from, const char *to, const char *ext,
		       char out[96]);

#endif
