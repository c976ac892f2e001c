#!/bin/sh
# The exit-code contract of every command (docs/formats.md, "Exit codes"):
# 0 success (also --help), 1 a run-time failure (here: standard output that
# cannot be written), 2 bad input or usage, each failure with exactly one
# stderr line "bmdsim: ...". The commands are taken from `bmdsim --help`, so
# a new command is covered without editing this file.
. "$(dirname "$0")/lib.inc"

cmds=$("$BMDSIM" --help | sed -n '/^commands:/,/^$/p' | awk 'NR > 1 && NF > 1 {print $1}' |
    grep -v '^help$')
[ "$(echo "$cmds" | wc -w)" -ge 11 ] && ok || bad "only $(echo "$cmds" | wc -w) commands in --help"
for c in $cmds; do
    expect_exit 0 "$c --help" -- "$c" --help
    [ -s out.txt ] && [ ! -s err.txt ] && ok || bad "$c --help: empty stdout or stderr written"
    "$BMDSIM" "$c" --help >/dev/full 2>err.txt; rc=$?
    [ $rc -eq 1 ] && ok || bad "$c --help > /dev/full: exit $rc, want 1"
    expect_err "cannot write the standard output" "$c --help > /dev/full"
    expect_exit 2 "$c unknown option" -- "$c" --no-such-option
    expect_err "unknown option '--no-such-option'" "$c unknown option"
    expect_exit 2 "$c option without its value" -- "$c" --data
    expect_err "^bmdsim: " "$c option without its value"
    expect_exit 2 "$c stray arguments" -- "$c" a1 a2 a3
    expect_err "^bmdsim: " "$c stray arguments"
    [ -z "$(ls -A | grep -v -e '^out.txt$' -e '^err.txt$')" ] && ok ||
        bad "$c: a refused command left $(ls -A)"
done
# no command, an unknown command, a misspelt one
expect_exit 2 "no command" --
[ -s err.txt ] && ok || bad "no command: no usage on stderr"
expect_exit 2 "unknown command" -- frobnicate
expect_err "unknown command 'frobnicate'" "unknown command"
expect_exit 0 "--version" -- --version
expect_out "^bmdsim " "--version"
finish
