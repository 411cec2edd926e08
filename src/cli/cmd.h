/*
 * Shared by the command files in cli/: the command table's entry type, the
 * per-run context and small argument helpers. One function per command.
 */
#ifndef SAWAT_CLI_CMD_H
#define SAWAT_CLI_CMD_H

#include "app/app.h"

struct cli {
	struct app app;
	struct actor actor; /* the system actor: the command line has full rights */
};

struct cmd {
	const char *name;
	int (*fn)(struct cli *c, int argc, char **argv);
	const char *usage;
	const char *help;
};

int cmd_init(struct cli *c, int argc, char **argv);
int cmd_serve(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);
int cmd_area(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
/* cli/statement.c: the export kinds "statement" and "receipt" (argv[0] is the kind). */
int cmd_export_statement(struct cli *c, int argc, char **argv);
int cmd_export_receipt(struct cli *c, int argc, char **argv);
/* cli/org.c: the export kind "orgs" (the organisation report as .xlsx). */
int cmd_export_orgs(struct cli *c, int argc, char **argv);
int cmd_gen(struct cli *c, int argc, char **argv);
int cmd_verify(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_help(struct cli *c, int argc, char **argv);
int cmd_retention(struct cli *c, int argc, char **argv);

/* Prints e in Thai and English on stderr; returns 1. */
int cli_fail(const struct err *e);
/* Prints the usage line; returns 2. */
int cli_usage(const char *usage);
/* Removes "--name VALUE" or "--name=VALUE" from argv and returns VALUE, or NULL. */
const char *cli_opt(int *argc, char **argv, const char *name);
/* Removes "--name" from argv; true when it was there. */
bool cli_flag(int *argc, char **argv, const char *name);
/* Reads one line from stdin without its newline. */
int cli_read_password(char *out, size_t cap);

#endif
