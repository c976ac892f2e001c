/* cmd_run.c: `bmdsim run`: the main job. Until the engagement simulation
 * (tracking, fire control, interceptors) lands, it flies the default
 * scenario's threat: a Nodong-class missile from North Hwanghae toward Busan
 * on a minimum-energy trajectory, the case THAAD at Seongju is meant for. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "opts.h"

static const struct cli_opt opts[] = {
    {"output", 'o', "FILE.csv", "write the threat's time series to this CSV file"},
    {"json", 0, NULL, "print the summary as one JSON object on stdout"},
    {"data", 0, "DIR", "catalog and sites directory"},
};

static const struct cli_help help = {
    "run [-o FILE.csv] [--json]",
    "Run the built-in default scenario. At this stage of bmdsim this is the threat\n"
    "fly-out of the default scenario (Nodong-class, North Hwanghae -> Busan,\n"
    "minimum energy, WGS84 + US76 + Earth rotation); the engagement simulation\n"
    "(radar, tracking, fire control, interceptors) will be added to it.\n"
    "Scenario files are not read yet.",
    "  bmdsim run\n  bmdsim run --json\n",
    1,
};

int cli_run(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_parse(&a, "run", opts, sizeof opts / sizeof opts[0], &help, argc, argv);
    if (rc) return rc < 0 ? 0 : rc;
    if (a.n_positional > 0)
        return cli_bad("run",
                       "%s: scenario files are not supported yet (the engagement "
                       "simulation has not landed); run without a file for the default",
                       a.positional[0]);
    char *targv[16];
    int n = 0;
    targv[n++] = "trajectory";
    targv[n++] = "--missile";
    targv[n++] = "nodong";
    targv[n++] = "--from";
    targv[n++] = "north-hwanghae";
    targv[n++] = "--to";
    targv[n++] = "busan";
    if (cli_has(&a, "json")) targv[n++] = "--json";
    if (cli_has(&a, "output")) {
        targv[n++] = "-o";
        targv[n++] = (char *)cli_get(&a, "output");
    }
    if (cli_has(&a, "data")) {
        targv[n++] = "--data";
        targv[n++] = (char *)cli_get(&a, "data");
    }
    targv[n] = NULL;
    if (!cli_has(&a, "json"))
        printf("bmdsim run: default scenario (threat fly-out; the engagement simulation is not "
               "built yet)\n\n");
    return cli_trajectory(n, targv);
}
