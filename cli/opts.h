/* opts.h: the small long-option parser shared by every bmdsim subcommand. */
#ifndef BMD_CLI_OPTS_H
#define BMD_CLI_OPTS_H

#include <stddef.h>

#define CLI_MAX_OPTS 64
#define CLI_MAX_POSITIONAL 8

struct cli_opt {
    const char *name;    /* long name without dashes: "missile" */
    char short_name;     /* single-letter alias ('o'), or 0 */
    const char *metavar; /* value placeholder ("NAME"); NULL: a flag */
    const char *help;    /* one line; "(default ...)" where there is one */
};

struct cli_args {
    const char *cmd; /* "trajectory" (for messages) */
    const struct cli_opt *opts;
    size_t n_opts;
    const char *value[CLI_MAX_OPTS]; /* value of each option, or NULL */
    int given[CLI_MAX_OPTS];         /* how often each option was given */
    const char *positional[CLI_MAX_POSITIONAL];
    size_t n_positional;
};

struct cli_help {
    const char *synopsis;    /* "trajectory --missile NAME --from SITE ..." */
    const char *description; /* paragraph(s) printed after the synopsis */
    const char *examples;    /* lines printed at the end, or NULL */
    size_t max_positional;
};

/*
 * cli_parse: parse argv[1..argc-1] (argv[0] is the command name).
 * Returns 0 on success, -1 when --help was asked for (usage printed on
 * stdout; exit 0), 2 on bad usage (message on stderr; exit 2).
 */
int cli_parse(struct cli_args *a, const char *cmd, const struct cli_opt *opts, size_t n_opts,
              const struct cli_help *help, int argc, char **argv);
void cli_usage(const char *cmd, const struct cli_opt *opts, size_t n_opts,
               const struct cli_help *help);

/* The value of option `name`, or NULL if absent (or a flag). */
const char *cli_get(const struct cli_args *a, const char *name);
/* Whether option `name` was given. */
int cli_has(const struct cli_args *a, const char *name);

/* Report bad input: "bmdsim CMD: what" on stderr; returns 2. */
int cli_bad(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Report a run-time failure; returns 1. */
int cli_fail(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
