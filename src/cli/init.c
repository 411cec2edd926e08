/* sawat init [--demo]: create or upgrade the database, load the geography, add the demo. */
#include "cli/cmd.h"
#include "app/demo.h"
#include "app/geo.h"

int cmd_init(struct cli *c, int argc, char **argv)
{
	bool demo = cli_flag(&argc, argv, "--demo");
	struct demo_user users[16];
	struct geo_counts g;
	struct err e;
	size_t n, i;
	int applied;

	err_init(&e);
	if (argc)
		return cli_usage("init [--demo]");
	if (app_setup(&c->app, &applied, &g, &e))
		return cli_fail(&e);
	printf("database: %s, %d migration(s) applied\n", c->app.db_url, applied);
	printf("geography: %ld regions, %ld provinces, %ld districts, %ld tambons (%ld rows new)\n",
	       g.regions, g.provinces, g.districts, g.tambons, g.inserted);
	if (!demo)
		return 0;
	if (app_demo(&c->app, users, ARRAY_SIZE(users), &n, &e))
		return cli_fail(&e);
	printf("\nผู้ใช้ตัวอย่าง / demo users (passwords are shown only now):\n");
	for (i = 0; i < n; i++)
		printf("  %-10s %-18s %-10s %s\n", users[i].username, users[i].role, users[i].area,
		       users[i].password);
	return 0;
}
