/*
 * The command line. Global options (--db URL, before or after the command)
 * are taken out of argv first; then the command is looked up in one table
 * and its function runs with the remaining arguments. Commands print
 * results on stdout and errors on stderr (Thai and English) and exit 0 on
 * success, 1 on a failure, 2 on a usage error.
 */
#include <unistd.h>
#include <sodium.h>
#include "cli/cli.h"
#include "cli/cmd.h"
#include "lib/log.h"

static const struct cmd commands[] = {
	{ "init", cmd_init, "init [--demo]", "create or upgrade the database; --demo adds a demo province and users" },
	{ "serve", cmd_serve, "serve [--listen ADDR:PORT]", "serve the web UI and the JSON API (default 127.0.0.1:8080)" },
	{ "user", cmd_user, "user add|list|passwd|disable|enable ...", "manage user accounts" },
	{ "area", cmd_area, "area show|children|add-village ...", "look at areas; add villages" },
	{ "import", cmd_import, "import persons FILE [--policy P] [--commit]", "stage a person list (CSV or .xlsx), report errors first; --commit writes it" },
	{ "export", cmd_export, "export persons FILE.csv|.xlsx [--area CODE]", "write the people you may see to a file" },
	{ "export", cmd_export, "export statement --fund ID --from D --to D FILE.pdf|.xlsx", "a fund's statement for a period (--lang en for English)" },
	{ "export", cmd_export, "export receipt --id ID FILE.pdf", "a fund's receipt as a PDF (--lang en for English)" },
	{ "export", cmd_export, "export orgs FILE.xlsx [--area CODE] [--by region]", "organisations and members by kind and area (--lang en for English)" },
	{ "gen", cmd_gen, "gen [--seed N] [--provinces 56,50|--all] [--people N|--per-tambon N] [--append]", "load a reproducible synthetic population (default: 10,000 people in 56)" },
	{ "retention", cmd_retention, "retention [--dry-run]", "erase personal data whose PDPA retention date has passed" },
	{ "verify", cmd_verify, "verify", "check integrity: the audit chain (and ledgers as they come)" },
	{ "backup", cmd_backup, "backup FILE", "write a consistent copy of the database to FILE" },
	{ "help", cmd_help, "help", "list the commands" },
};

int cmd_help(struct cli *c, int argc, char **argv)
{
	size_t i;

	UNUSED(c);
	UNUSED(argc);
	UNUSED(argv);
	printf("sawat — ระบบสารสนเทศสวัสดิการสังคม / Thailand's social-welfare information system\n\n"
	       "usage: sawat [--db FILE|postgres://URL] COMMAND [ARGS]\n"
	       "       the database is also taken from $SAWAT_DB (default: sawat.db)\n\n");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		printf("  %-42s %s\n", commands[i].usage, commands[i].help);
	printf("\n  user add NAME --role ROLE --area CODE [--display NAME] --password-stdin\n"
	       "  user list | user passwd NAME --password-stdin | user disable NAME | user enable NAME\n"
	       "  roles: national_admin province_officer district_officer local_officer\n"
	       "         fund_committee volunteer auditor;  area: TH or a DOPA code prefix\n");
	return 0;
}

int cli_fail(const struct err *e)
{
	fprintf(stderr, "sawat: %s\nsawat: %s\n", e->th, e->en);
	return 1;
}

int cli_usage(const char *usage)
{
	fprintf(stderr, "การใช้งาน / usage: sawat %s\n", usage);
	return 2;
}

const char *cli_opt(int *argc, char **argv, const char *name)
{
	int i;

	for (i = 0; i < *argc; i++) {
		if (!strcmp(argv[i], name) && i + 1 < *argc) {
			const char *v = argv[i + 1];

			memmove(&argv[i], &argv[i + 2], (size_t)(*argc - i - 2) * sizeof(char *));
			*argc -= 2;
			return v;
		}
		if (starts_with(argv[i], name) && argv[i][strlen(name)] == '=') {
			const char *v = argv[i] + strlen(name) + 1;

			memmove(&argv[i], &argv[i + 1], (size_t)(*argc - i - 1) * sizeof(char *));
			*argc -= 1;
			return v;
		}
	}
	return NULL;
}

bool cli_flag(int *argc, char **argv, const char *name)
{
	int i;

	for (i = 0; i < *argc; i++) {
		if (!strcmp(argv[i], name)) {
			memmove(&argv[i], &argv[i + 1], (size_t)(*argc - i - 1) * sizeof(char *));
			*argc -= 1;
			return true;
		}
	}
	return false;
}

int cli_read_password(char *out, size_t cap)
{
	size_t n;

	if (!fgets(out, (int)cap, stdin))
		return -1;
	n = strlen(out);
	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return 0;
}

int cli_main(int argc, char **argv)
{
	struct cli c;
	struct err e;
	const char *db;
	size_t i;
	int r;

	err_init(&e);
	argc--;
	argv++;
	db = cli_opt(&argc, argv, "--db");
	if (!db)
		db = getenv("SAWAT_DB");
	/* SAWAT_DEBUG=1 logs debug lines (a bulk import's time by step, for one). */
	if (getenv("SAWAT_DEBUG") && *getenv("SAWAT_DEBUG"))
		log_set_level(LOG_DEBUG);
	if (!db || !*db)
		db = "sawat.db";
	if (argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))
		return cmd_help(NULL, 0, NULL) ? 1 : (argc < 1 ? 2 : 0);
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		if (strcmp(commands[i].name, argv[0]))
			continue;
		if (commands[i].fn == cmd_help)
			return cmd_help(NULL, 0, NULL);
		if (app_init(&c.app, db, &e))
			return cli_fail(&e);
		actor_system(&c.actor);
		r = commands[i].fn(&c, argc - 1, argv + 1);
		app_release(&c.app);
		return r;
	}
	fprintf(stderr, "sawat: ไม่รู้จักคำสั่ง '%s' / unknown command '%s' (see 'sawat help')\n",
		argv[0], argv[0]);
	return 2;
}
