/*
 * The command line: one table of subcommands, one function per command
 * (as git's git.c and builtin/). cli_main parses global options, opens the
 * database and dispatches.
 */
#ifndef SAWAT_CLI_H
#define SAWAT_CLI_H

int cli_main(int argc, char **argv);

#endif
