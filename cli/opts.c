/* opts.c: long-option parsing, usage text and error reporting for bmdsim. */
#include "opts.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/catalog.h"

static int find_opt(const struct cli_opt *opts, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0) return (int)i;
    return -1;
}

static int find_short(const struct cli_opt *opts, size_t n, char c)
{
    for (size_t i = 0; i < n; i++)
        if (opts[i].short_name == c && c != 0) return (int)i;
    return -1;
}

static int unknown_option(const char *cmd, const struct cli_opt *opts, size_t n, const char *arg)
{
    const char *names[CLI_MAX_OPTS];
    char want[64];
    size_t k = 0;
    for (size_t i = 0; i < n && k < CLI_MAX_OPTS; i++)
        names[k++] = opts[i].name;
    const char *eq = strchr(arg, '=');
    size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
    if (len >= sizeof want) len = sizeof want - 1;
    memcpy(want, arg, len);
    want[len] = '\0';
    const char *s = bmd_suggest(want, names, k);
    if (s != NULL) return cli_bad(cmd, "unknown option '--%s' (did you mean '--%s'?)", want, s);
    return cli_bad(cmd, "unknown option '--%s' (see 'bmdsim %s --help')", want, cmd);
}

int cli_parse(struct cli_args *a, const char *cmd, const struct cli_opt *opts, size_t n_opts,
              const struct cli_help *help, int argc, char **argv)
{
    memset(a, 0, sizeof *a);
    a->cmd = cmd;
    a->opts = opts;
    a->n_opts = n_opts;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int k = -1;
        const char *inline_val = NULL;
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            cli_usage(cmd, opts, n_opts, help);
            return -1;
        }
        if (strncmp(arg, "--", 2) == 0 && arg[2] != '\0') {
            const char *name = arg + 2;
            const char *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            k = find_opt(opts, n_opts, name, len);
            if (k < 0) return unknown_option(cmd, opts, n_opts, name);
            if (eq) inline_val = eq + 1;
        } else if (arg[0] == '-' && arg[1] != '\0' && arg[2] == '\0' &&
                   !(arg[1] >= '0' && arg[1] <= '9')) {
            k = find_short(opts, n_opts, arg[1]);
            if (k < 0)
                return cli_bad(cmd, "unknown option '%s' (see 'bmdsim %s --help')", arg, cmd);
        } else {
            if (a->n_positional >= help->max_positional)
                return cli_bad(cmd, "unexpected argument '%s' (see 'bmdsim %s --help')", arg, cmd);
            a->positional[a->n_positional++] = arg;
            continue;
        }
        const struct cli_opt *o = &opts[k];
        if (o->metavar == NULL) {
            if (inline_val) return cli_bad(cmd, "option '--%s' takes no value", o->name);
            a->given[k]++;
            continue;
        }
        if (inline_val == NULL) {
            if (i + 1 >= argc)
                return cli_bad(cmd, "option '--%s' needs a value (%s)", o->name, o->metavar);
            inline_val = argv[++i];
        }
        if (a->given[k] && strcmp(a->value[k], inline_val) != 0)
            return cli_bad(cmd, "option '--%s' given twice ('%s' and '%s')", o->name, a->value[k],
                           inline_val);
        a->value[k] = inline_val;
        a->given[k]++;
    }
    return 0;
}

void cli_usage(const char *cmd, const struct cli_opt *opts, size_t n_opts,
               const struct cli_help *help)
{
    printf("usage: bmdsim %s\n\n%s\n\noptions:\n", help->synopsis, help->description);
    for (size_t i = 0; i < n_opts; i++) {
        char left[64];
        if (opts[i].short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", opts[i].short_name, opts[i].name,
                     opts[i].metavar ? " " : "", opts[i].metavar ? opts[i].metavar : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", opts[i].name, opts[i].metavar ? " " : "",
                     opts[i].metavar ? opts[i].metavar : "");
        printf("  %-30s %s\n", left, opts[i].help);
    }
    printf("  %-30s %s\n", "-h, --help", "show this help and exit");
    if (help->examples) printf("\nexamples:\n%s", help->examples);
    (void)cmd;
}

const char *cli_get(const struct cli_args *a, const char *name)
{
    int k = find_opt(a->opts, a->n_opts, name, strlen(name));
    return k < 0 ? NULL : a->value[k];
}

int cli_has(const struct cli_args *a, const char *name)
{
    int k = find_opt(a->opts, a->n_opts, name, strlen(name));
    return k >= 0 && a->given[k] > 0;
}

/* STYLE.md rule 11: "bmdsim: <what>: <why>" on one line of stderr. */
/* One stderr line "bmdsim: ...": control characters that came from the
 * user's text (a newline in an argument or a file) become blanks. */
static void vreport(const char *cmd, const char *fmt, va_list ap)
{
    (void)cmd;
    char msg[2048];
    vsnprintf(msg, sizeof msg, fmt, ap);
    for (char *c = msg; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f) *c = ' ';
    fprintf(stderr, "bmdsim: %s\n", msg);
}

/* The rank mpirun gave this process (Open MPI, PMIx or MPICH names), 0
 * when not started by mpirun. Read from the environment, so it is known
 * before MPI_Init and in commands without MPI. */
static long launch_rank(void)
{
    static const char *const names[] = {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = getenv(names[i]);
        if (v != NULL && *v != '\0') return strtol(v, NULL, 10);
    }
    return 0;
}

/* Bad input is the same on every rank of an mpirun (each reads the same
 * command line and files): only rank 0 says so, one line in all. */
int cli_bad(const char *cmd, const char *fmt, ...)
{
    if (launch_rank() != 0) return 2;
    va_list ap;
    va_start(ap, fmt);
    vreport(cmd, fmt, ap);
    va_end(ap);
    return 2;
}

int cli_fail(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(cmd, fmt, ap);
    va_end(ap);
    return 1;
}
