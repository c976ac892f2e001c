/* bmdw_cli.h: the command line's main, renamed bmdw_cli_main when cli/main.c
 * is built into the WebAssembly module (force-included there; bmdw.c calls
 * it once per request). */
#ifndef BMDW_CLI_H
#define BMDW_CLI_H
int bmdw_cli_main(int argc, char **argv);
#endif
