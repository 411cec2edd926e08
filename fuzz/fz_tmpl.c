/*
 * libFuzzer target for web/tmpl: compiles the input as a template and, when
 * it compiles, renders it against a fixed context (strings with HTML in
 * them, numbers, booleans, nested arrays and objects) alone and wrapped in a
 * layout, with a Thai catalog. Whatever the input, compiling and rendering
 * must end without a crash, a leak or undefined behaviour; the output cap
 * and a small step budget keep each run short.
 */
#include <stdint.h>
#include "web/tmpl.h"
#include "web/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char ctx_json[] =
	"{\"name\": \"<b>สมศรี</b> & \\\"co\\\"\", \"n\": 42, \"r\": 0.5, \"t\": true, \"f\": false,"
	" \"z\": 0, \"e\": \"\", \"nul\": null, \"none\": [],"
	" \"user\": {\"name\": \"สมชาย\", \"area\": {\"code\": \"50\", \"name\": \"เชียงใหม่\"}},"
	" \"rows\": [{\"code\": \"5001\", \"name\": \"เมือง\", \"kids\": [1, 2]},"
	"           {\"code\": \"5002\", \"name\": \"จอมทอง\", \"kids\": []}],"
	" \"words\": [\"ก\", \"ข\"], \"content\": \"<p>raw</p>\"}";

static const char po_text[] =
	"msgid \"Log in\"\nmsgstr \"เข้าสู่ระบบ\"\n"
	"msgid \"Areas\"\nmsgstr \"พื้นที่\"\n";

static const char row_tmpl[] = "<tr><td>{{code}}</td><td>{{name}}</td>{{#kids}}{{.}}{{/kids}}</tr>";
static const char layout_tmpl[] = "<html lang=\"{{lang}}\"><main>{{{content}}}</main></html>";

static void ignore_msgid(const char *tmpl, int line, const char *msgid, void *arg)
{
	(void)tmpl;
	(void)line;
	(void)msgid;
	(void)arg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *ctx;
	static struct catalog *cat;
	struct tmpl_set *set;
	struct buf out;
	struct err e;

	if (!ctx) {
		ctx = json_loads(ctx_json, 0, NULL);
		catalog_parse(&cat, "th", "fuzz.po", po_text, strlen(po_text), NULL);
		if (!ctx || !cat)
			abort();
	}
	set = tmpl_set_new();
	tmpl_set_limit(set, 200000);
	if (tmpl_set_add(set, "row", row_tmpl, strlen(row_tmpl), &e) ||
	    tmpl_set_add(set, "layout", layout_tmpl, strlen(layout_tmpl), &e))
		abort();
	buf_init(&out, 1 << 18);
	if (!tmpl_set_add(set, "fz", (const char *)data, size, &e)) {
		tmpl_set_check(set, &e);
		tmpl_set_each_msgid(set, ignore_msgid, NULL);
		tmpl_render(set, "fz", ctx, cat, &out, &e);
		buf_reset(&out);
		tmpl_render_page(set, "fz", ctx, NULL, &out, &e);
	}
	buf_release(&out);
	tmpl_set_free(set);
	return 0;
}
