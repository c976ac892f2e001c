/* provenance.c: the provenance of a bmdsim run (provenance.h). SHA-256 by
 * Debian's nettle (libnettle, FIPS 180-4). */
#include "provenance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <nettle/sha2.h>

#include "scenario.h"

#ifndef BMD_VERSION
#define BMD_VERSION "unknown"
#endif
/* BMD_GIT_COMMIT: given by the page's build (web/wasm/CMakeLists.txt), else
 * written at every native build into bmd_commit.h (scripts/git-commit.cmake) */
#ifndef BMD_GIT_COMMIT
#include "bmd_commit.h"
#endif

/* One run per process: written once by main and the command, read by the
 * writers (the CLI layer; the library holds no such state). */
static struct cli_prov prov = {.seed = -1};
static char entries[CLI_PROV_MAX_ENTRIES][96];

const char *cli_prov_version(void)
{
    return BMD_VERSION;
}

const char *cli_prov_commit(void)
{
    return BMD_GIT_COMMIT[0] ? BMD_GIT_COMMIT : "unknown";
}

struct cli_prov *cli_prov_get(void)
{
    return &prov;
}

/* Append s to buf, single-quoted for a POSIX shell when it needs quoting. */
static void append_arg(char *buf, size_t n, const char *s)
{
    size_t k = strlen(buf);
    int plain = s[0] != '\0' && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                          "0123456789-_./,:=+%@") == strlen(s);
    if (k > 0 && k + 1 < n) buf[k++] = ' ';
    if (!plain && k + 1 < n) buf[k++] = '\'';
    for (; *s && k + 5 < n; s++) {
        if (*s == '\'' && !plain) {
            memcpy(buf + k, "'\\''", 4);
            k += 4;
        } else {
            buf[k++] = *s;
        }
    }
    if (!plain && k + 1 < n) buf[k++] = '\'';
    buf[k] = '\0';
}

void cli_prov_args(int argc, char **argv)
{
    prov.command[0] = '\0';
    append_arg(prov.command, sizeof prov.command, "bmdsim");
    for (int i = 1; i < argc; i++)
        append_arg(prov.command, sizeof prov.command, argv[i]);
}

static void hex(const unsigned char *d, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
}

int cli_prov_scenario(const char *path)
{
    struct sha256_ctx c;
    unsigned char d[SHA256_DIGEST_SIZE];
    sha256_init(&c);
    snprintf(prov.scenario, sizeof prov.scenario, "%s", path ? path : "built-in default");
    if (path == NULL) {
        sha256_update(&c, (size_t)bmd_default_scenario_len, bmd_default_scenario);
    } else {
        FILE *f = fopen(path, "rb");
        if (f == NULL) {
            snprintf(prov.sha256, sizeof prov.sha256, "unreadable");
            return -1;
        }
        unsigned char buf[8192];
        size_t k;
        while ((k = fread(buf, 1, sizeof buf, f)) > 0)
            sha256_update(&c, k, buf);
        fclose(f);
    }
    sha256_digest(&c, sizeof d, d);
    hex(d, sizeof d, prov.sha256);
    return 0;
}

void cli_prov_entry(const char *kind, const char *name)
{
    char e[96];
    snprintf(e, sizeof e, "%s %s", kind, name);
    for (size_t i = 0; i < prov.n_catalog; i++)
        if (strcmp(prov.catalog[i], e) == 0) return;
    if (prov.n_catalog >= CLI_PROV_MAX_ENTRIES) return;
    memcpy(entries[prov.n_catalog], e, sizeof e);
    prov.catalog[prov.n_catalog] = entries[prov.n_catalog];
    prov.n_catalog++;
}

cJSON *cli_prov_json(void)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "bmdsim_version", cli_prov_version());
    cJSON_AddStringToObject(o, "git_commit", cli_prov_commit());
    cJSON_AddStringToObject(o, "command", prov.command);
    if (prov.scenario[0]) {
        cJSON_AddStringToObject(o, "scenario", prov.scenario);
        cJSON_AddStringToObject(o, "scenario_sha256", prov.sha256);
    }
    if (prov.seed >= 0) cJSON_AddNumberToObject(o, "seed", (double)prov.seed);
    cJSON *c = cJSON_AddArrayToObject(o, "catalog");
    for (size_t i = 0; i < prov.n_catalog; i++)
        cJSON_AddItemToArray(c, cJSON_CreateString(prov.catalog[i]));
    return o;
}

void cli_prov_comment(char *buf, size_t n)
{
    size_t k = 0;
    int m = snprintf(buf, n, "# bmdsim %s (commit %s); command: %s", cli_prov_version(),
                     cli_prov_commit(), prov.command);
    k = m > 0 ? (size_t)m : 0;
    if (prov.scenario[0] && k < n) {
        m = snprintf(buf + k, n - k, "; scenario: %s (sha256 %s)", prov.scenario, prov.sha256);
        k += m > 0 ? (size_t)m : 0;
    }
    if (prov.seed >= 0 && k < n) {
        m = snprintf(buf + k, n - k, "; seed %lld", prov.seed);
        k += m > 0 ? (size_t)m : 0;
    }
    for (size_t i = 0; i < prov.n_catalog && k < n; i++) {
        m = snprintf(buf + k, n - k, "%s%s", i ? ", " : "; catalog: ", prov.catalog[i]);
        k += m > 0 ? (size_t)m : 0;
    }
    if (k + 2 > n) k = n - 2;
    for (size_t i = 0; i < k; i++) /* one line */
        if (buf[i] == '\n' || buf[i] == '\r') buf[i] = ' ';
    buf[k] = '\n';
    buf[k + 1] = '\0';
}

size_t cli_prov_meta_get(struct cli_prov_meta *m)
{
    bmd_scene sc;
    bmd_scene_init(&sc);
    cli_prov_scene(m, &sc);
    return sc.n_meta;
}

void cli_prov_scene(struct cli_prov_meta *m, bmd_scene *sc)
{
    size_t n = 0;
    memset(m, 0, sizeof *m);
    m->keys[n] = "bmdsim_version", m->values[n++] = cli_prov_version();
    m->keys[n] = "git_commit", m->values[n++] = cli_prov_commit();
    m->keys[n] = "command", m->values[n++] = prov.command;
    if (prov.scenario[0]) {
        m->keys[n] = "scenario", m->values[n++] = prov.scenario;
        m->keys[n] = "scenario_sha256", m->values[n++] = prov.sha256;
    }
    if (prov.seed >= 0) {
        snprintf(m->seed, sizeof m->seed, "%lld", prov.seed);
        m->keys[n] = "seed", m->values[n++] = m->seed;
    }
    size_t k = 0;
    for (size_t i = 0; i < prov.n_catalog && k < sizeof m->catalog; i++) {
        int w =
            snprintf(m->catalog + k, sizeof m->catalog - k, "%s%s", i ? ", " : "", prov.catalog[i]);
        k += w > 0 ? (size_t)w : 0;
    }
    m->keys[n] = "catalog", m->values[n++] = m->catalog;
    sc->meta_keys = m->keys;
    sc->meta_values = m->values;
    sc->n_meta = n;
}

char *cli_prov_props(const char *props)
{
    cJSON *o = cJSON_Parse(props);
    if (o == NULL || !cJSON_IsObject(o)) {
        cJSON_Delete(o);
        return NULL;
    }
    cJSON_AddItemToObject(o, "provenance", cli_prov_json());
    char *txt = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return txt;
}
