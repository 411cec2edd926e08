/*
 * sawat backup FILE: a consistent copy of a live database. SQLite copies
 * with VACUUM INTO (a transactionally consistent, compacted file, safe while
 * the server runs); PostgreSQL runs pg_dump in its custom format.
 */
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cli/cmd.h"
#include "lib/buf.h"

extern char **environ;

static int backup_pg(const char *url, const char *file)
{
	char *argv[] = { (char *)"pg_dump", (char *)"--format=custom", (char *)"--file",
			 (char *)file, (char *)url, NULL };
	pid_t pid;
	int status;

	if (posix_spawnp(&pid, "pg_dump", NULL, NULL, argv, environ)) {
		fprintf(stderr, "sawat: เรียก pg_dump ไม่ได้ / cannot run pg_dump\n");
		return 1;
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "sawat: pg_dump ล้มเหลว / pg_dump failed\n");
		return 1;
	}
	return 0;
}

int cmd_backup(struct cli *c, int argc, char **argv)
{
	struct buf sql = BUF_INIT;
	struct db *db;
	struct err e;
	const char *p;
	int r;

	err_init(&e);
	if (argc != 1)
		return cli_usage("backup FILE");
	if (access(argv[0], F_OK) == 0) {
		fprintf(stderr, "sawat: มีไฟล์ %s อยู่แล้ว / %s exists; choose a new file name\n",
			argv[0], argv[0]);
		return 1;
	}
	db = app_db(&c->app, &e);
	if (!db)
		return cli_fail(&e);
	if (strcmp(db_driver(db), "sqlite"))
		return backup_pg(c->app.db_url, argv[0]);
	/* Quote the file name as an SQL string literal. */
	buf_puts(&sql, "VACUUM INTO '");
	for (p = argv[0]; *p; p++) {
		if (*p == '\'')
			buf_putc(&sql, '\'');
		buf_putc(&sql, *p);
	}
	buf_puts(&sql, "'");
	r = db_exec(db, sql.ptr, &e);
	buf_release(&sql);
	if (r)
		return cli_fail(&e);
	printf("backup: %s\n", argv[0]);
	return 0;
}
