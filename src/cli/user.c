/* sawat user: add, list, passwd, disable, enable. */
#include "cli/cmd.h"
#include <sodium.h>
#include "app/user.h"

static int user_add(struct cli *c, int argc, char **argv)
{
	static const char usage[] =
		"user add NAME --role ROLE --area CODE [--display NAME] --password-stdin";
	const char *role = cli_opt(&argc, argv, "--role");
	const char *area = cli_opt(&argc, argv, "--area");
	const char *display = cli_opt(&argc, argv, "--display");
	bool pw_stdin = cli_flag(&argc, argv, "--password-stdin");
	char pw[256];
	struct err e;
	int64_t id;

	err_init(&e);
	if (argc != 1 || !role || !area || !pw_stdin)
		return cli_usage(usage);
	if (cli_read_password(pw, sizeof(pw)))
		return cli_usage(usage);
	if (app_user_add(&c->app, &c->actor, argv[0], display ? display : argv[0], role, area, pw,
			 &id, &e))
		return cli_fail(&e);
	sodium_memzero(pw, sizeof(pw));
	printf("%s\t%lld\t%s\t%s\n", argv[0], (long long)id, role, area);
	return 0;
}

static int user_list_cmd(struct cli *c, int argc, char **argv)
{
	struct user_row *rows;
	size_t n, i;
	int64_t after = 0;
	struct err e;

	UNUSED(argv);
	err_init(&e);
	if (argc)
		return cli_usage("user list");
	printf("id\tusername\trole\tarea\tdisabled\tdisplay_name\n");
	do {
		if (app_user_list(&c->app, &c->actor, after, 500, &rows, &n, &e))
			return cli_fail(&e);
		for (i = 0; i < n; i++) {
			printf("%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)rows[i].id, rows[i].username,
			       rows[i].role, rows[i].area, rows[i].disabled ? "yes" : "no",
			       rows[i].display_name);
			after = rows[i].id;
		}
		user_rows_free(rows, n);
	} while (n == 500);
	return 0;
}

static int user_passwd(struct cli *c, int argc, char **argv)
{
	bool pw_stdin = cli_flag(&argc, argv, "--password-stdin");
	char pw[256];
	struct err e;

	err_init(&e);
	if (argc != 1 || !pw_stdin || cli_read_password(pw, sizeof(pw)))
		return cli_usage("user passwd NAME --password-stdin");
	if (app_user_passwd(&c->app, &c->actor, argv[0], pw, &e))
		return cli_fail(&e);
	sodium_memzero(pw, sizeof(pw));
	return 0;
}

static int user_enable(struct cli *c, int argc, char **argv, bool disable)
{
	struct err e;

	err_init(&e);
	if (argc != 1)
		return cli_usage(disable ? "user disable NAME" : "user enable NAME");
	if (app_user_disable(&c->app, &c->actor, argv[0], disable, &e))
		return cli_fail(&e);
	return 0;
}

int cmd_user(struct cli *c, int argc, char **argv)
{
	if (argc < 1)
		return cli_usage("user add|list|passwd|disable|enable ...");
	if (!strcmp(argv[0], "add"))
		return user_add(c, argc - 1, argv + 1);
	if (!strcmp(argv[0], "list"))
		return user_list_cmd(c, argc - 1, argv + 1);
	if (!strcmp(argv[0], "passwd"))
		return user_passwd(c, argc - 1, argv + 1);
	if (!strcmp(argv[0], "disable"))
		return user_enable(c, argc - 1, argv + 1, true);
	if (!strcmp(argv[0], "enable"))
		return user_enable(c, argc - 1, argv + 1, false);
	return cli_usage("user add|list|passwd|disable|enable ...");
}
