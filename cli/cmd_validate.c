/* cmd_validate.c: `bmdsim validate`: the validation table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bmd/validate.h"
#include "cli.h"
#include "common.h"

static const struct cli_opt opts[] = {
    {"group", 0, "NAME",
     "only this group (wgs84, atmosphere, free-flight, reentry, missile-range, test-flight, "
     "radar)"},
    {"failed", 0, NULL, "list only the failing cases"},
    CLI_OPT_JSON,
    CLI_OPT_DATA,
};

static const struct cli_help help = {
    "validate [--group NAME] [--failed] [--json]",
    "Compute every validation case and compare it with its published or analytic\n"
    "reference value: reference, source, computed value, tolerance, pass/fail.\n"
    "Rows that only restate an assumption (a radar preset whose range window is the\n"
    "claim, a test replay with no published flight time) are listed at the end\n"
    "under 'assumptions' and not counted.\n"
    "Exit status 0 when every case passes, 1 when any fails.",
    "  bmdsim validate\n  bmdsim validate --group atmosphere --json\n",
    0,
};

struct vctx {
    int json, only_failed;
    cJSON *arr;
    const char *last_group;
    int n_assumed;
    bmd_validation assumed[64];
};

/* Print a number with the precision the reference was given to, plus two. */
static void print_row(struct vctx *c, const bmd_validation *v)
{
    if (c->only_failed && v->pass) return;
    if (c->last_group == NULL || strcmp(c->last_group, v->group) != 0) {
        printf("\n%s\n", v->group);
        c->last_group = v->group;
    }
    char tol[32];
    if (v->relative)
        snprintf(tol, sizeof tol, "%.3g %%", 100.0 * v->tol_rel);
    else
        snprintf(tol, sizeof tol, "%.3g %s", v->tolerance, v->unit);
    printf("  %-4s %-52s %15.10g %15.10g %-6s %-12s\n       source: %s\n", v->pass ? "ok" : "FAIL",
           v->name, v->reference, v->computed, v->unit, tol, v->source);
    if (v->status < 0) printf("       (computation failed: status %d)\n", v->status);
}

/* Assumption rows are kept and printed after the table. */
#define MAX_ASSUMED 64

static int on_case(void *ctx, const bmd_validation *v)
{
    struct vctx *c = ctx;
    if (!c->json && v->assumption) {
        if (c->n_assumed < MAX_ASSUMED) c->assumed[c->n_assumed++] = *v;
        return 0;
    }
    if (!c->json) {
        print_row(c, v);
        return 0;
    }
    if (c->only_failed && v->pass) return 0;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "group", v->group);
    cJSON_AddStringToObject(o, "name", v->name);
    cJSON_AddStringToObject(o, "unit", v->unit);
    cJSON_AddNumberToObject(o, "reference", v->reference);
    cJSON_AddNumberToObject(o, "computed", v->computed);
    cJSON_AddNumberToObject(o, "tolerance", v->tolerance);
    if (v->relative) cJSON_AddNumberToObject(o, "tolerance_rel", v->tol_rel);
    cJSON_AddStringToObject(o, "source", v->source);
    cJSON_AddBoolToObject(o, "pass", v->pass);
    cJSON_AddBoolToObject(o, "assumption", v->assumption);
    cJSON_AddItemToArray(c->arr, o);
    return 0;
}

int cli_validate(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_parse(&a, "validate", opts, sizeof opts / sizeof opts[0], &help, argc, argv);
    if (rc) return rc < 0 ? 0 : rc;
    const char *group = cli_get(&a, "group");
    if (group) {
        const char *const *g = bmd_validate_groups();
        while (*g && strcmp(*g, group) != 0)
            g++;
        if (*g == NULL) {
            const char *s = bmd_suggest(group, bmd_validate_groups(), 5);
            return s ? cli_bad("validate", "--group: unknown group '%s' (did you mean '%s'?)",
                               group, s)
                     : cli_bad("validate", "--group: unknown group '%s'", group);
        }
    }
    struct cli_env env;
    cli_env_init(&env, &a);
    bmd_validate_inputs in = {NULL, 0, NULL, 0};
    bmd_validate_radar vr[16];
    if (group == NULL || strcmp(group, "missile-range") == 0 || strcmp(group, "test-flight") == 0) {
        const bmd_missile *first;
        if (cli_missile(&env, NULL, &first)) {
            cli_env_free(&env);
            return 2;
        }
        in.missiles = env.missiles.items;
        in.n_missiles = env.missiles.n;
    }
    if (group == NULL || strcmp(group, "radar") == 0) {
        if (cli_radars(&env)) {
            cli_env_free(&env);
            return 2;
        }
        for (int i = 0; i < env.radars.n && i < 16; i++) {
            vr[i].radar = &env.radars.entry[i].radar;
            vr[i].claim_range_m = env.radars.entry[i].claim_range_m;
            vr[i].claim_rcs_m2 = env.radars.entry[i].claim_rcs_m2;
            vr[i].claim_by = env.radars.entry[i].claim_by;
            in.n_radars++;
        }
        in.radars = vr;
    }
    static struct vctx c;
    memset(&c, 0, sizeof c);
    c.json = cli_has(&a, "json");
    c.only_failed = cli_has(&a, "failed");
    if (c.json) c.arr = cJSON_CreateArray();
    if (!c.json)
        printf("bmdsim validation table: reference value, bmdsim's value, tolerance\n"
               "  %-4s %-52s %15s %15s %-6s %-12s\n",
               "", "case", "reference", "computed", "unit", "tolerance");
    int n = 0, failed = 0;
    int st = bmd_validate_run(&in, group, on_case, &c, &n, &failed);
    if (c.json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "cases", n);
        cJSON_AddNumberToObject(o, "failed", failed);
        cJSON_AddItemToObject(o, "results", c.arr);
        cli_print_json(o);
    } else {
        if (c.n_assumed > 0 && !c.only_failed) {
            printf("\nassumptions (restated, not validation: not counted)\n");
            c.last_group = "assumptions";
            for (int i = 0; i < c.n_assumed; i++)
                print_row(&c, &c.assumed[i]);
        }
        printf("\n%d cases, %d passed, %d failed\n", n, n - failed, failed);
    }
    cli_env_free(&env);
    if (st != BMD_OK) return cli_fail("validate", "%s", bmd_strerror(st));
    return failed ? 1 : 0;
}
