/*
 * sawat export orgs: the report of organisations and members by kind and
 * area as an .xlsx workbook (app/org.h app_org_report_xlsx).
 *
 *   sawat export orgs FILE.xlsx [--area CODE] [--by region] [--lang en]
 *
 * The file is written whole or not at all, mode 0600 (lib/file). cmd_export
 * (cli/import.c) hands this kind here.
 */
#include <strings.h>
#include "cli/cmd.h"
#include "app/org.h"
#include "lib/file.h"

int cmd_export_orgs(struct cli *c, int argc, char **argv)
{
	static const char usage[] = "export orgs FILE.xlsx [--area CODE] [--by region] [--lang en]";
	const char *area = cli_opt(&argc, argv, "--area");
	const char *by = cli_opt(&argc, argv, "--by");
	const char *lang = cli_opt(&argc, argv, "--lang");
	struct buf doc = BUF_INIT;
	struct err e;
	size_t n;
	int r;

	err_init(&e);
	n = argc == 2 ? strlen(argv[1]) : 0;
	if (argc != 2 || strcmp(argv[0], "orgs") || n < 6 || strcasecmp(argv[1] + n - 5, ".xlsx") ||
	    (by && strcmp(by, "region")))
		return cli_usage(usage);
	r = app_org_report_xlsx(&c->app, &c->actor, area, by != NULL, lang, &doc, &e);
	if (!r)
		r = file_write_atomic(argv[1], doc.ptr, doc.len, &e);
	if (!r)
		printf("orgs: %s (%zu bytes)\n", argv[1], doc.len);
	buf_release(&doc);
	return r ? cli_fail(&e) : 0;
}
