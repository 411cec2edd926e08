/* sawat retention: PDPA erasure of people whose retention date has passed. */
#include "cli/cmd.h"
#include "app/person.h"

int cmd_retention(struct cli *c, int argc, char **argv)
{
	bool dry = cli_flag(&argc, argv, "--dry-run");
	struct err e;
	long n;

	err_init(&e);
	if (argc)
		return cli_usage("retention [--dry-run]");
	if (app_retention_run(&c->app, &c->actor, dry, &n, &e))
		return cli_fail(&e);
	printf(dry ? "retention: %ld person(s) due for erasure\n" : "retention: %ld person(s) erased\n",
	       n);
	return 0;
}
