/*
 * A fund's documents for browser sessions: the same files as the API
 * (api/statement.c), at addresses the fund pages link to. No pages here:
 * a failure (not logged in, another province's fund, a bad date) is the
 * usual error page, and a missing session goes to the login page first.
 *
 *   GET /funds/receipts/{id}.pdf                      the receipt
 *   GET /funds/{id}/statement.pdf?from=&to=[&lang=en]  the statement
 *   GET /funds/{id}/statement.xlsx?from=&to=[&lang=en] the same as a workbook
 */
#include "web/web.h"

static void serve_document(struct http_req *req, struct http_resp *resp, const char *format)
{
	const char *token;
	struct actor who;
	struct err e;
	int64_t id;
	int r;

	if (!web_begin(req, resp, &who, &token, false))
		return;
	err_init(&e);
	id = web_parse_id(req->params[0]);
	if (!id) {
		err_set(&e, ERR_NOT_FOUND, NULL, "ไม่พบเอกสาร%s", "no such document%s", "");
		web_error(req, resp, &e, &who, token);
		return;
	}
	r = format ? face_statement(req, resp, &who, id, format, &e)
		   : face_receipt_pdf(req, resp, &who, id, &e);
	if (r)
		web_error(req, resp, &e, &who, token);
}

static void web_receipt_pdf(struct http_req *req, struct http_resp *resp)
{
	serve_document(req, resp, NULL);
}

static void web_statement_pdf(struct http_req *req, struct http_resp *resp)
{
	serve_document(req, resp, "pdf");
}

static void web_statement_xlsx(struct http_req *req, struct http_resp *resp)
{
	serve_document(req, resp, "xlsx");
}

const struct http_route web_statement_routes[] = {
	{ "GET", "/funds/receipts/{id}.pdf", web_receipt_pdf },
	{ "GET", "/funds/{id}/statement.pdf", web_statement_pdf },
	{ "GET", "/funds/{id}/statement.xlsx", web_statement_xlsx },
};
const size_t web_statement_nroutes = ARRAY_SIZE(web_statement_routes);
