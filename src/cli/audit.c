/* sawat verify: integrity checks over the whole database. */
#include "cli/cmd.h"
#include "app/audit.h"

int cmd_verify(struct cli *c, int argc, char **argv)
{
	struct audit_verify v;
	struct err e;

	UNUSED(argv);
	err_init(&e);
	if (argc)
		return cli_usage("verify");
	if (app_verify_audit(&c->app, &c->actor, &v, &e))
		return cli_fail(&e);
	if (v.broken_seq) {
		printf("audit: BROKEN at entry %lld: %s\n", (long long)v.broken_seq, v.reason);
		printf("บันทึกการตรวจสอบเสียหายที่รายการ %lld\n", (long long)v.broken_seq);
		return 1;
	}
	printf("audit: ok, %lld entries\n", (long long)v.checked);
	return 0;
}
