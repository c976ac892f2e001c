/* bmdsim: command-line front end. Parses, calls libbmd, reports; no physics
 * here. One file per subcommand. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "mpi_driver.h"
#include "provenance.h" /* cli_footprint */

static const struct cli_command commands[] = {
    {"run", "the main job: the built-in default scenario (or SCENARIO)", cli_run},
    {"trajectory", "one missile fly-out or impulsive free flight", cli_trajectory},
    {"coverage", "radar detection ranges and coverage region", cli_coverage},
    {"visibility", "what part of given trajectories a radar can see", cli_visibility},
    {"footprint", "defended footprint of a battery (or denied launch area)", cli_footprint},
    {"report", "one self-contained HTML report of a scenario's analyses", cli_report},
    {"sweep", "metrics over a 1-D or 2-D grid of parameter values", cli_sweep},
    {"sensitivity", "which uncertain parameters drive a metric (Sobol', Morris)", cli_sensitivity},
    {"catalog", "the systems and sites in the catalog, with sources", cli_catalog},
    {"validate", "the validation table: published vs computed values", cli_validate},
    {"calibrate", "fit a catalog missile's estimates to its range and test flights", cli_calibrate},
    {"help", "this help", cli_help},
};

static void print_help(FILE *f)
{
    fprintf(f,
            "usage: bmdsim <command> [options]\n\n"
            "bmdsim %s: an open, physics-based simulator of a THAAD-class ballistic missile\n"
            "defence, from public open-literature parameters.\n\ncommands:\n",
            BMD_VERSION);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'bmdsim <command> --help' describes each command and its options.\n"
               "Values take units (150km, 2.8km/s, 20deg, 0.01m2, -20dBsm, 35.9N,128.3E).\n"
               "-o DIR (created if missing) receives each command's files, all named after\n"
               "the command (run-events.csv, coverage.kml, ...); they are listed on stderr.\n"
               "Exit status: 0 success, 1 run-time failure, 2 bad input.\n");
}

int cli_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    print_help(stdout);
    return 0;
}

/* A command's exit code, or 1 when its standard output could not be written
 * (issue 12: `bmdsim run --json > /dev/full` exited 0). */
static int stdout_checked(const char *cmd, int rc)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout)) return rc;
    if (rc != 0) return rc; /* the command has said what went wrong */
    int e = errno ? errno : EIO;
    fprintf(stderr, "bmdsim: %s: cannot write the standard output: %s\n", cmd, strerror(e));
    return 1;
}

int main(int argc, char **argv)
{
    cli_prov_args(argc, argv); /* every output records its command line */
    if (argc < 2) {            /* no command: usage on stderr, bad input */
        print_help(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return stdout_checked("help", cli_help(argc, argv));
    if (strcmp(argv[1], "--version") == 0) {
        printf("bmdsim %s (commit %s)\n", BMD_VERSION, cli_prov_commit());
        return stdout_checked("version", 0);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return stdout_checked(argv[1], commands[i].run(argc - 1, argv + 1));
    const char *names[sizeof commands / sizeof commands[0]];
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        names[i] = commands[i].name;
    const char *s = bmd_suggest(argv[1], names, sizeof names / sizeof names[0]);
    if (s)
        fprintf(stderr, "bmdsim: unknown command '%s' (did you mean '%s'?)\n", argv[1], s);
    else
        fprintf(stderr, "bmdsim: unknown command '%s' (try 'bmdsim --help')\n", argv[1]);
    return 2;
}
