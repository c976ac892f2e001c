/*
 * bmdw.h: the C API of bmdsim's WebAssembly module (web/wasm/), the one the
 * page calls. The module is libbmd with the bmdsim command line linked in:
 * the page runs the very commands a reader runs in a terminal (footprint,
 * coverage, visibility, trajectory, run, catalog), on the same catalogs
 * (data/, embedded in the module's file system at /data), so its numbers are
 * the command line's (tests/web/wasm_agree.sh compares them).
 */
#ifndef BMDW_H
#define BMDW_H

/*
 * bmdw_run: run one bmdsim command.
 * Given:    request  JSON text: an array of the command's words after
 *                    `bmdsim`, e.g. ["coverage","--site","36N,128E","--json"];
 *                    files it writes (-o DIR) go to the module's in-memory
 *                    file system, where the caller reads them.
 * Returned (function value): JSON text (UTF-8, NUL-terminated, malloc'd:
 *           release with bmdw_free)
 *             {"rc": EXIT, "stdout": "what the command printed"}
 *           EXIT is bmdsim's exit status (0 success, 1 run-time failure,
 *           2 bad input); the command's standard error goes to the module's
 *           error stream line by line (progress lines and the `bmdsim: ...`
 *           message), which the page shows. A request that is not an array
 *           of strings gives {"rc": 2, "stdout": "", "error": "..."}.
 *           NULL only when memory runs out.
 * Notes:    not re-entrant (one command at a time per module instance: the
 *           command's standard output is a file of the module).
 */
char *bmdw_run(const char *request);

/* bmdw_free: release a string returned by bmdw_run (NULL: nothing). */
void bmdw_free(char *s);

#endif /* BMDW_H */
