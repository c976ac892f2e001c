/* bmdsim: command-line front end. Parses, calls libbmd, reports. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct cli_command commands[] = {
    {"help", "show this help", cli_help},
};

int cli_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("usage: bmdsim <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        printf("  %-12s %s\n", commands[i].name, commands[i].summary);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return cli_help(argc, argv);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "bmdsim: unknown command '%s' (try 'bmdsim --help')\n", argv[1]);
    return 2;
}
