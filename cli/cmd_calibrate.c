/* cmd_calibrate.c: `bmdsim calibrate NAME`: fit a catalog missile's free
 * parameters to its published range and public test flights with bmdsim's
 * own model (bmd/calibrate.h). Prints the fit; scripts/recalibrate writes
 * the fitted values into data/catalog/missiles.yaml. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bmd/calibrate.h"
#include "cli.h"
#include "common.h"

static const struct cli_opt opts[] = {
    {"max-iter", 0, "N", "simplex iterations (default 200)"},
    {"check", 0, NULL, "evaluate the entry as it is, without fitting"},
    CLI_OPT_JSON,
    CLI_OPT_DATA,
};

static const struct cli_help help = {
    "calibrate NAME [--check] [--max-iter N] [--json]",
    "Fit the free parameters that a catalog missile entry names (calibration:\n"
    "free: [...], e.g. payload_mass, stage1.burn_time) so that bmdsim's own model\n"
    "(WGS84 + J2, no Earth rotation, US76, minimum energy, the entry's payload)\n"
    "reaches the published range and the vehicle can fly each public test flight\n"
    "listed in the entry (its apogee at its range; a test marked full_burn is\n"
    "fitted as the vehicle's most lofted flight at that range). GSL Nelder-Mead\n"
    "simplex on the squared relative residuals. Prints the values before and\n"
    "after and the residuals; --check evaluates the entry without fitting.",
    "  bmdsim calibrate scud-b --check\n  bmdsim calibrate hwasong-15 --json\n",
    1,
};

static void eval_json(cJSON *o, const bmd_missile *m, const bmd_calib_eval *ev)
{
    cJSON_AddNumberToObject(o, "range_m", ev->range_m);
    cJSON_AddNumberToObject(o, "range_residual", ev->range_residual);
    cJSON *arr = cJSON_AddArrayToObject(o, "tests");
    for (int i = 0; i < ev->n_tests; i++) {
        cJSON *t = cJSON_CreateObject();
        cJSON_AddStringToObject(t, "date", m->test[i].date);
        cJSON_AddBoolToObject(t, "full_burn", m->test[i].full_burn);
        cJSON_AddNumberToObject(t, "range_m", m->test[i].range_m);
        cJSON_AddNumberToObject(t, "apogee_m", m->test[i].apogee_m);
        cJSON_AddNumberToObject(t, "apogee_max_m", ev->test[i].apogee_max_m);
        cJSON_AddNumberToObject(t, "residual", ev->test[i].residual);
        cJSON_AddItemToArray(arr, t);
    }
    cJSON_AddNumberToObject(o, "cost", ev->cost);
}

static void print_eval(const char *title, const bmd_missile *m, const bmd_calib_eval *ev)
{
    printf("%s\n  minimum-energy range %9.1f km   published %7.0f km   residual %+.3f %%\n", title,
           ev->range_m / 1e3, m->range_published_m / 1e3, 100.0 * ev->range_residual);
    for (int i = 0; i < ev->n_tests; i++)
        printf("  test %s  %6.0f km: highest apogee %7.1f km   observed %7.1f km%s   residual "
               "%+.3f %%\n",
               m->test[i].date, m->test[i].range_m / 1e3, ev->test[i].apogee_max_m / 1e3,
               m->test[i].apogee_m / 1e3, m->test[i].full_burn ? " (full burn)" : "",
               100.0 * ev->test[i].residual);
}

static int report(const bmd_missile *m, const bmd_missile *fit, const bmd_calib_result *r, int json)
{
    if (json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "missile", m->name);
        cJSON *fr = cJSON_AddArrayToObject(o, "free");
        for (int i = 0; i < r->n_free; i++) {
            cJSON *p = cJSON_CreateObject();
            cJSON_AddStringToObject(p, "name", m->calib.free[i]);
            cJSON_AddNumberToObject(p, "before", r->before[i]);
            cJSON_AddNumberToObject(p, "after", r->after[i]);
            cJSON_AddItemToArray(fr, p);
        }
        eval_json(cJSON_AddObjectToObject(o, "before"), m, &r->eval0);
        eval_json(cJSON_AddObjectToObject(o, "after"), fit, &r->eval);
        cJSON_AddNumberToObject(o, "iterations", r->n_iter);
        cJSON_AddBoolToObject(o, "converged", r->converged);
        cJSON_AddNumberToObject(o, "rv_mass_kg", fit->rv_mass_kg);
        cli_print_json(o);
        return 0;
    }
    printf("%s: calibration with bmdsim's model (WGS84 + J2, no rotation, US76)\n\n", m->label);
    for (int i = 0; i < r->n_free; i++)
        printf("  %-24s %12.3f -> %12.3f\n", m->calib.free[i], r->before[i], r->after[i]);
    printf("\n");
    print_eval("before:", m, &r->eval0);
    print_eval("after:", fit, &r->eval);
    printf("\n%d simplex iterations, %s\n", r->n_iter,
           r->converged ? "converged" : "NOT converged");
    return 0;
}

int cli_calibrate(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_parse(&a, "calibrate", opts, sizeof opts / sizeof opts[0], &help, argc, argv);
    if (rc) return rc < 0 ? 0 : rc;
    if (a.n_positional != 1) return cli_bad("calibrate", "give one missile NAME");
    long max_iter = 0;
    if (cli_has(&a, "max-iter") && cli_count(&a, "max-iter", 1, 100000, &max_iter)) return 2;
    struct cli_env env;
    cli_env_init(&env, &a);
    const bmd_missile *m;
    rc = cli_missile(&env, a.positional[0], &m);
    bmd_errbuf e = {{0}};
    static bmd_missile fit;
    static bmd_calib_result r;
    if (!rc && cli_has(&a, "check")) {
        memset(&r, 0, sizeof r);
        int st = bmd_calib_evaluate(m, &r.eval0, &e);
        if (st != BMD_OK) rc = cli_fail("calibrate", "%s", e.msg[0] ? e.msg : bmd_strerror(st));
        if (!rc && cli_has(&a, "json")) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "missile", m->name);
            eval_json(o, m, &r.eval0);
            cli_print_json(o);
        } else if (!rc) {
            print_eval(m->label, m, &r.eval0);
        }
    } else if (!rc) {
        int st = bmd_calibrate(m, (int)max_iter, &fit, &r, &e);
        if (st == BMD_EINVAL)
            rc = cli_bad("calibrate", "%s", e.msg);
        else if (st != BMD_OK)
            rc = cli_fail("calibrate", "%s", e.msg[0] ? e.msg : bmd_strerror(st));
        else
            rc = report(m, &fit, &r, cli_has(&a, "json"));
    }
    cli_env_free(&env);
    return rc;
}
