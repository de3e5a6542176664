/* modelreg: the kit's model-registry command line (see include/cli.h). */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

int main(int argc, char *argv[])
{
    return cli_main(argc, argv, getenv("MODELREG_REGISTRY"), stdout, stderr);
}
