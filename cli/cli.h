/* cli.h: subcommand table and shared helpers of the bmdsim front end. */
#ifndef BMD_CLI_H
#define BMD_CLI_H

struct cli_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
};

int cli_help(int argc, char **argv);

#endif
