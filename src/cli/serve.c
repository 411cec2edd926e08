/*
 * sawat serve: the web UI and the JSON API on one port. Loads the templates
 * and message catalogs once, starts the HTTP server, prints the address it
 * listens on, and runs until SIGTERM or SIGINT, then lets running requests
 * finish before it exits.
 */
#include <unistd.h>
#include "cli/cmd.h"
#include "api/api.h"
#include "lib/log.h"
#include "store/migrate.h"
#include "web/i18n.h"
#include "web/tmpl.h"
#include "web/web.h"

int cmd_serve(struct cli *c, int argc, char **argv)
{
	const char *listen = cli_opt(&argc, argv, "--listen");
	bool secure = cli_flag(&argc, argv, "--secure-cookies");
	bool quiet = cli_flag(&argc, argv, "--no-access-log");
	const struct http_route *api, *web;
	struct http_route *routes;
	struct http_config cfg;
	struct http_server *s;
	struct face face;
	size_t napi, nweb, nroutes;
	struct err e;
	struct db *db;
	int r = 1;

	err_init(&e);
	if (argc)
		return cli_usage("serve [--listen ADDR:PORT] [--secure-cookies] [--no-access-log]");
	memset(&face, 0, sizeof(face));
	face.app = &c->app;
	face.secure_cookies = secure;
	db = app_db(&c->app, &e);
	if (!db || migrate_check(db, &e))
		return cli_fail(&e);
	if (tmpl_set_load(&face.tmpl, &e) || catalog_set_load(&face.cats, &e))
		goto out;
	api_routes(&api, &napi);
	web_routes(&web, &nweb);
	{
		const struct http_route_table faces[] = { { api, &napi }, { web, &nweb } };

		routes = http_routes_join(faces, ARRAY_SIZE(faces), &nroutes);
	}

	memset(&cfg, 0, sizeof(cfg));
	cfg.listen = listen ? listen : "127.0.0.1:8080";
	cfg.max_body = 1 << 20;
	cfg.max_header = 32 << 10;
	/* Handlers block (argon2id logins, database work), and a blocked handler
	 * stalls its thread's connections: run several threads per CPU. */
	cfg.threads = 4 * (unsigned)(sysconf(_SC_NPROCESSORS_ONLN) > 0 ? sysconf(_SC_NPROCESSORS_ONLN) : 1);
	cfg.routes = routes;
	cfg.nroutes = nroutes;
	/* The routes that take files: the API's and the pages'. */
	{
		static struct http_upload uploads[8];
		size_t k = 0, j;

		for (j = 0; j < api_nuploads && k < ARRAY_SIZE(uploads); j++)
			uploads[k++] = api_uploads[j];
		for (j = 0; j < web_nuploads && k < ARRAY_SIZE(uploads); j++)
			uploads[k++] = web_uploads[j];
		cfg.uploads = uploads;
		cfg.nuploads = k;
	}
	cfg.not_found = web_not_found;
	cfg.app = &face;
	cfg.access_log = !quiet;
	if (http_start(&cfg, &s, &e)) {
		free(routes);
		goto out;
	}
	printf("listening on http://%.*s:%u\n", (int)strcspn(cfg.listen, ":"), cfg.listen,
	       http_port(s));
	fflush(stdout);
	log_info("sawat serving on port %u, database %s", http_port(s), db_driver(db));
	http_wait_for_signal();
	log_info("shutting down: finishing running requests");
	http_stop(s);
	free(routes);
	r = 0;
out:
	if (r)
		cli_fail(&e);
	tmpl_set_free(face.tmpl);
	catalog_set_free(face.cats);
	return r;
}
