/*
 * sawat export statement / sawat export receipt: a fund's documents to files.
 *
 *   sawat export statement --fund ID --from D --to D FILE.pdf|FILE.xlsx [--lang en]
 *   sawat export receipt --id ID FILE.pdf [--lang en]
 *
 * Dates are ISO or B.E. (31/12/2568). The format follows the file's
 * extension. Files are written whole or not at all, mode 0600 (lib/file).
 * cmd_export (cli/import.c) hands these kinds here.
 */
#include <strings.h>
#include "cli/cmd.h"
#include "app/statement.h"
#include "lib/file.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcasecmp(s + n - k, suffix);
}

static int parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;

	if (!s || !*s)
		return -1;
	v = strtoll(s, &end, 10);
	if (*end || v <= 0)
		return -1;
	*id = v;
	return 0;
}

static int save(const char *path, const struct buf *doc, const char *what)
{
	struct err e;

	err_init(&e);
	if (file_write_atomic(path, doc->ptr, doc->len, &e))
		return cli_fail(&e);
	printf("%s: %s (%zu bytes)\n", what, path, doc->len);
	return 0;
}

int cmd_export_statement(struct cli *c, int argc, char **argv)
{
	static const char usage[] =
		"export statement --fund ID --from D --to D FILE.pdf|FILE.xlsx [--lang en]";
	const char *fund = cli_opt(&argc, argv, "--fund");
	const char *from = cli_opt(&argc, argv, "--from");
	const char *to = cli_opt(&argc, argv, "--to");
	const char *lang = cli_opt(&argc, argv, "--lang");
	struct buf doc = BUF_INIT;
	struct err e;
	int64_t id;
	int r;

	err_init(&e);
	if (argc != 2 || strcmp(argv[0], "statement") || parse_id(fund, &id) || !from || !to ||
	    (!ends_with(argv[1], ".pdf") && !ends_with(argv[1], ".xlsx")))
		return cli_usage(usage);
	if (ends_with(argv[1], ".pdf"))
		r = app_statement_pdf(&c->app, &c->actor, id, from, to, lang, &doc, &e);
	else
		r = app_statement_xlsx(&c->app, &c->actor, id, from, to, lang, &doc, &e);
	r = r ? cli_fail(&e) : save(argv[1], &doc, "statement");
	buf_release(&doc);
	return r;
}

int cmd_export_receipt(struct cli *c, int argc, char **argv)
{
	static const char usage[] = "export receipt --id ID FILE.pdf [--lang en]";
	const char *rid = cli_opt(&argc, argv, "--id");
	const char *lang = cli_opt(&argc, argv, "--lang");
	struct buf doc = BUF_INIT;
	struct err e;
	int64_t id;
	int r;

	err_init(&e);
	if (argc != 2 || strcmp(argv[0], "receipt") || parse_id(rid, &id) ||
	    !ends_with(argv[1], ".pdf"))
		return cli_usage(usage);
	r = app_receipt_pdf(&c->app, &c->actor, id, lang, &doc, &e);
	r = r ? cli_fail(&e) : save(argv[1], &doc, "receipt");
	buf_release(&doc);
	return r;
}
