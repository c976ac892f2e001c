/* output.h: the one output rule of every bmdsim command.
 *
 * -o DIR (with or without a trailing '/', nested) names a directory that is
 * created when missing and checked writable before any computation. Each
 * command writes only files whose names start with the command's name
 * (coverage.geojson, visibility.kml, run-events.csv, ...), so commands
 * sharing one directory never overwrite each other's files; a command run
 * again overwrites its own. Without -o, figures (--plot) go to the current
 * directory. When the command succeeds it lists every file it wrote on
 * stderr, one `bmdsim: wrote PATH` line each, unless -q; when it fails, the
 * directories it created (and left empty) are removed again. */
#ifndef BMD_CLI_OUTPUT_H
#define BMD_CLI_OUTPUT_H

#include <stddef.h>

#include "bmd/core.h"
#include "opts.h"

#define CLI_OUT_MAX_FILES 32

struct cli_out {
    const char *cmd;
    char dir[4096]; /* normalised: no trailing '/'; "" without -o */
    size_t existed; /* length of the prefix of dir that existed before */
    int given;      /* -o (or the option named at init) was given */
    int quiet;      /* -q: no listing */
    char *wrote[CLI_OUT_MAX_FILES];
    size_t n_wrote;
};

/* Options every writing command takes (append to a command's table). */
#define CLI_OPT_QUIET                                                                              \
    {                                                                                              \
        "quiet", 'q', NULL, "print nothing but errors (and --json); no list of files written"      \
    }

/*
 * cli_out_init: take the directory from option `opt` ("output"), normalise
 * it, create it (and its parents) when missing and check it is a writable
 * directory. Without the option: *o describes the current directory and
 * nothing is created. Returns 0, or 2 after reporting bad input.
 */
int cli_out_init(struct cli_out *o, const struct cli_args *a, const char *opt);

/*
 * cli_out_path: DIR/name (just name without -o) into buf[n], never with a
 * doubled '/'. Returns 0, or 2 after reporting a path that is too long.
 */
int cli_out_path(const struct cli_out *o, const char *name, char *buf, size_t n);

/*
 * cli_out_write: write data[len] to DIR/name atomically and record it.
 * Returns 0, or 1/2 after reporting.
 */
int cli_out_write(struct cli_out *o, const char *name, const char *data, size_t len);

/*
 * cli_out_stage: put data (taken over, *data emptied) for DIR/name into the
 * set `files` of files that appear together or not at all (common.h,
 * cli_outputs). cli_out_commit: write the set (cli_outputs_commit) and record
 * each file for the final list. Both return 0, or 1/2 after reporting.
 */
struct cli_outputs;
int cli_out_stage(const struct cli_out *o, struct cli_outputs *files, const char *name,
                  bmd_membuf *data);
int cli_out_commit(struct cli_out *o, struct cli_outputs *files);

/*
 * Files that a writer makes by name (figures, scene files) join a set through
 * a private staging directory: cli_out_tmpdir makes DIR/.bmdsim-CMD.XXXXXX
 * (the current directory without -o) into buf[n]; the writer writes NAME
 * there; cli_out_stage_file moves its bytes into `files` as DIR/NAME and
 * deletes it; cli_out_tmpdir_remove deletes whatever is left and the
 * directory. So a figure that fails after the data files were made, or data
 * files that fail after a figure, leave nothing (issue 12). Return 0, or 1/2
 * after reporting.
 */
int cli_out_tmpdir(const struct cli_out *o, char *buf, size_t n);
int cli_out_stage_file(const struct cli_out *o, struct cli_outputs *files, const char *tmpdir,
                       const char *name);
void cli_out_tmpdir_remove(const char *tmpdir);

/* cli_out_wrote: record that path was written (for the final list). */
void cli_out_wrote(struct cli_out *o, const char *path);

/*
 * cli_out_finish: rc == 0: list the files written on stderr (unless quiet);
 * rc != 0: remove the directories cli_out_init created if they are empty.
 * Frees the list; returns rc.
 */
int cli_out_finish(struct cli_out *o, int rc);

#endif
