/* sawat area: look at the area tree and add villages from the command line. */
#include "cli/cmd.h"
#include "app/geo.h"

static void print_area(const struct geo_area *g)
{
	printf("%s\t%s\t%s\t%s\t%ld\n", g->code, geo_level_name(g->level), g->name_th,
	       g->name_en ? g->name_en : "", g->nchildren);
}

int cmd_area(struct cli *c, int argc, char **argv)
{
	static const char usage[] = "area show CODE | area children CODE | area add-village TAMBON NAME [--moo N] [--en NAME]";
	struct geo_area_list l = GEO_AREA_LIST_INIT;
	struct geo_area g;
	struct err e;
	size_t i;

	err_init(&e);
	if (argc == 2 && !strcmp(argv[0], "show")) {
		if (app_area_get(&c->app, &c->actor, argv[1], &g, &e))
			return cli_fail(&e);
		print_area(&g);
		geo_area_release(&g);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[0], "children")) {
		if (app_area_children(&c->app, &c->actor, argv[1], GEO_ORDER_CODE, &l, &e))
			return cli_fail(&e);
		for (i = 0; i < l.n; i++)
			print_area(&l.items[i]);
		geo_area_list_release(&l);
		return 0;
	}
	if (argc >= 3 && !strcmp(argv[0], "add-village")) {
		const char *moo = cli_opt(&argc, argv, "--moo");
		const char *en = cli_opt(&argc, argv, "--en");
		char code[GEO_CODE_SIZE];

		if (argc != 3)
			return cli_usage(usage);
		if (app_village_add(&c->app, &c->actor, argv[1], moo ? atoi(moo) : 0, argv[2], en,
				    code, &e))
			return cli_fail(&e);
		printf("%s\n", code);
		return 0;
	}
	return cli_usage(usage);
}
