/*
 * sawat: the program's entry point. Parses the global options (--db), picks
 * the database driver from the URL and hands over to the command table in
 * cli/cli.c. This is the only file that wires concrete pieces together.
 */
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
