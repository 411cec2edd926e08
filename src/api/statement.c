/*
 * API: a fund's documents as files: the receipt PDF and the statement for a
 * period as PDF or .xlsx. The document is Thai unless ?lang=en asks for
 * English (an official receipt is Thai whatever the screen's language).
 * Documents hold personal data: they are never cached, and their file name
 * is plain ASCII (receipt-<fund>-<no>.pdf, statement-<fund>-<from>-<to>.pdf).
 *
 * face_receipt_pdf and face_statement are shared with web/statement.c,
 * which serves the same files to browser sessions and shows errors as
 * pages instead of problems.
 */
#include "api/api.h"
#include "app/fund.h"
#include "app/statement.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static const char *doc_lang(struct http_req *req)
{
	const char *l = http_query(req, "lang");

	return l && !strcmp(l, "en") ? "en" : "th";
}

static void file_headers(struct http_req *req, struct http_resp *resp, const char *type,
			 const char *disposition, const char *name)
{
	resp->status = 200;
	resp->content_type = type;
	http_set_header(req, resp, "Content-Disposition",
			arena_printf(req->arena, "%s; filename=\"%s\"", disposition, name));
	http_set_header(req, resp, "Cache-Control", "no-store");
}

int face_receipt_pdf(struct http_req *req, struct http_resp *resp, const struct actor *who,
		     int64_t id, struct err *e)
{
	struct face *f = req->app;
	struct receipt rc;
	char name[64];
	int r;

	if ((r = app_receipt_pdf(f->app, who, id, doc_lang(req), &resp->body, e)))
		return r;
	if (app_receipt_get(f->app, who, id, &rc, NULL))
		snprintf(name, sizeof(name), "receipt-%lld.pdf", (long long)id);
	else
		statement_receipt_filename(rc.fund_id, rc.receipt_no, name);
	file_headers(req, resp, "application/pdf", "inline", name);
	return 0;
}

int face_statement(struct http_req *req, struct http_resp *resp, const struct actor *who,
		   int64_t fund_id, const char *format, struct err *e)
{
	struct face *f = req->app;
	const char *from = http_query(req, "from"), *to = http_query(req, "to");
	bool xlsx;
	char name[96];
	int r;

	if (!format || !*format)
		format = "pdf";
	if (strcmp(format, "pdf") && strcmp(format, "xlsx"))
		return err_set(e, ERR_INVALID, "format", "รูปแบบเอกสารต้องเป็น pdf หรือ xlsx: '%.20s'",
			       "the format must be pdf or xlsx: '%.20s'", format);
	xlsx = !strcmp(format, "xlsx");
	r = xlsx ? app_statement_xlsx(f->app, who, fund_id, from, to, doc_lang(req), &resp->body, e)
		 : app_statement_pdf(f->app, who, fund_id, from, to, doc_lang(req), &resp->body, e);
	if (r)
		return r;
	statement_filename(fund_id, from, to, format, name);
	file_headers(req, resp, xlsx ? XLSX_TYPE : "application/pdf", xlsx ? "attachment" : "inline",
		     name);
	return 0;
}

static void api_receipt_pdf(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	struct err e;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (face_receipt_pdf(req, resp, &who, id, &e))
		api_fail(req, resp, &e);
}

static void api_fund_statement(struct http_req *req, struct http_resp *resp)
{
	struct actor who;
	struct err e;
	int64_t id;

	err_init(&e);
	if (api_auth(req, resp, &who) || api_path_id(req, resp, &id))
		return;
	if (face_statement(req, resp, &who, id, http_query(req, "format"), &e))
		api_fail(req, resp, &e);
}

const struct http_route api_statement_routes[] = {
	{ "GET", "/api/v1/receipts/{id}/pdf", api_receipt_pdf },
	{ "GET", "/api/v1/funds/{id}/statement", api_fund_statement },
};
const size_t api_statement_nroutes = ARRAY_SIZE(api_statement_routes);
