/* Command dispatch (placeholder until the platform commands land). */
#include "cli/cli.h"
#include "lib/util.h"

int cli_main(int argc, char **argv)
{
	UNUSED(argc);
	UNUSED(argv);
	return 0;
}
