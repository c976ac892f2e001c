/*
 * bmdw.c: the WebAssembly module's entry point (bmdw.h): one bmdsim command
 * per call, its words given as JSON, through the command line's own
 * dispatcher (cli/main.c, built here with main renamed bmdw_cli_main).
 */
#include "bmdw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#define BMDW_EXPORT EMSCRIPTEN_KEEPALIVE
#else
#define BMDW_EXPORT
#endif

#include "bmdw_cli.h" /* cli/main.c's main */

/* the command's standard output, captured in the module's own in-memory
   file system (emscripten's MEMFS, whose root is writable), not on disk */
#define BMDW_STDOUT "/bmdw-stdout.txt"
#define BMDW_MAX_WORDS 256

static char *answer(int rc, const char *out, const char *error)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL) return NULL;
    cJSON_AddNumberToObject(o, "rc", rc);
    cJSON_AddStringToObject(o, "stdout", out ? out : "");
    if (error) cJSON_AddStringToObject(o, "error", error);
    char *txt = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return txt;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        size_t k = fread(buf + n, 1, cap - n - 1, f);
        n += k;
        if (k == 0) break;
        if (cap - n - 1 == 0) {
            char *nb = realloc(buf, cap * 2);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb, cap *= 2;
        }
    }
    fclose(f);
    if (buf) buf[n] = '\0';
    return buf;
}

BMDW_EXPORT char *bmdw_run(const char *request)
{
    cJSON *words = request ? cJSON_Parse(request) : NULL;
    int n = words && cJSON_IsArray(words) ? cJSON_GetArraySize(words) : -1;
    if (n < 0 || n + 1 > BMDW_MAX_WORDS) {
        cJSON_Delete(words);
        return answer(2, "", "request: expected a JSON array of at most 255 strings");
    }
    char *argv[BMDW_MAX_WORDS + 1];
    argv[0] = "bmdsim";
    int argc = 1;
    for (cJSON *w = words->child; w != NULL; w = w->next) {
        if (!cJSON_IsString(w)) {
            cJSON_Delete(words);
            return answer(2, "", "request: every word must be a string");
        }
        argv[argc++] = w->valuestring;
    }
    argv[argc] = NULL;
    /* the command's standard output goes to a fresh file of the module */
    if (freopen(BMDW_STDOUT, "w", stdout) == NULL) {
        cJSON_Delete(words);
        return answer(1, "", "cannot open the module's standard output");
    }
    int rc = bmdw_cli_main(argc, argv);
    fflush(stdout);
    fflush(stderr);
    cJSON_Delete(words);
    char *out = slurp(BMDW_STDOUT);
    char *txt = answer(rc, out, out ? NULL : "cannot read the module's standard output");
    free(out);
    return txt;
}

BMDW_EXPORT void bmdw_free(char *s)
{
    free(s);
}
