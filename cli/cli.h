/* cli.h: subcommand table of the bmdsim front end. */
#ifndef BMD_CLI_H
#define BMD_CLI_H

#include "bmd/catalog.h"

struct cli_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
};

int cli_help(int argc, char **argv);
int cli_run(int argc, char **argv);
int cli_trajectory(int argc, char **argv);
int cli_catalog(int argc, char **argv);
int cli_validate(int argc, char **argv);
int cli_calibrate(int argc, char **argv);
int cli_coverage(int argc, char **argv);
int cli_visibility(int argc, char **argv);
int cli_report(int argc, char **argv);
int cli_sensitivity(int argc, char **argv);
int cli_sweep(int argc, char **argv);

#endif
