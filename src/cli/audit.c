/*
 * sawat verify: integrity checks over the whole database — the audit
 * trail's hash chain, then every fund's books (each entry balances, stored
 * balances and totals match what they summarise, records match their
 * entries). Exits 1 when anything is wrong, naming each fault.
 */
#include "cli/cmd.h"
#include "app/audit.h"
#include "app/fund.h"

static void print_fault(void *ctx, const char *msg)
{
	UNUSED(ctx);
	printf("ledger: FAULT %s\n", msg);
}

int cmd_verify(struct cli *c, int argc, char **argv)
{
	struct audit_verify v;
	struct err e;
	long problems = 0;
	int rc = 0;

	UNUSED(argv);
	err_init(&e);
	if (argc)
		return cli_usage("verify");
	if (app_verify_audit(&c->app, &c->actor, &v, &e))
		return cli_fail(&e);
	if (v.broken_seq) {
		printf("audit: BROKEN at entry %lld: %s\n", (long long)v.broken_seq, v.reason);
		printf("บันทึกการตรวจสอบเสียหายที่รายการ %lld\n", (long long)v.broken_seq);
		rc = 1;
	} else {
		printf("audit: ok, %lld entries\n", (long long)v.checked);
	}
	if (app_fund_verify(&c->app, &problems, print_fault, NULL, &e))
		return cli_fail(&e);
	if (problems) {
		printf("ledger: %ld fault(s)\n", problems);
		printf("บัญชีกองทุนไม่ถูกต้อง %ld รายการ\n", problems);
		rc = 1;
	} else {
		printf("ledger: ok, every fund's books balance and match their records\n");
	}
	return rc;
}
