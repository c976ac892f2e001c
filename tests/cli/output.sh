#!/bin/sh
# The output rule (cli/output.h, docs/formats.md "Output files"): -o DIR with
# or without a trailing '/', nested, is created when missing and checked
# before any computation; every command writes only files named after
# itself, so all commands can share one directory without overwriting each
# other; each lists what it wrote on stderr ("bmdsim: wrote PATH", never with
# "//"), -q suppresses the list; a failed command leaves no directory behind.
. "$(dirname "$0")/lib.inc"

# Every writing command into one shared, nested, not yet existing directory
# given with a trailing slash. Each run's listing names exactly the files it
# added, and every name starts with the command's name.
D=shared/a/b/
run_cmd() { # NAME ARGS...: run, keep the listing in list-NAME.txt
    name=$1; shift
    ls shared/a/b 2>/dev/null | sort >before.txt
    expect_exit 0 "$name into $D" -- "$@"
    grep '^bmdsim: wrote ' err.txt | sed 's/^bmdsim: wrote //' >"list-$name.txt"
    ls shared/a/b | sort >after.txt
    comm -13 before.txt after.txt >added.txt
    sed 's|^shared/a/b/||' "list-$name.txt" | sort >listed.txt
    if cmp -s listed.txt added.txt; then ok; else
        bad "$name: listed $(tr '\n' ' ' <listed.txt) but added $(tr '\n' ' ' <added.txt)"
    fi
    grep -q '//' "list-$name.txt" && bad "$name: '//' in a listed path" || ok
    grep -v "^shared/a/b/$name[-.]" "list-$name.txt" | grep -q . &&
        bad "$name: a file not named after the command: $(cat "list-$name.txt")" || ok
    [ -s "list-$name.txt" ] && ok || bad "$name: nothing listed"
}
run_cmd coverage coverage --site seongju --boresight 325deg --rays 60 --samples 10 -o $D --plot
run_cmd visibility visibility --site seongju --boresight 325deg --missile nodong \
    --from north-hwanghae --to busan --dt 5s -o $D --plot
run_cmd run run --runs 1 -o $D --plot
run_cmd footprint footprint --resolution 40km --no-progress -o $D --plot
run_cmd trajectory trajectory --missile nodong --from north-hwanghae --to busan -o $D --plot
run_cmd report report --runs 4 -o $D
# Nothing was overwritten: the lists are disjoint and together are the directory.
cat list-*.txt | sort >all.txt
[ "$(sort -u all.txt | wc -l)" -eq "$(wc -l <all.txt)" ] && ok || bad "two commands wrote one file"
[ "$(ls shared/a/b | wc -l)" -eq "$(wc -l <all.txt)" ] && ok || bad "unlisted files in the directory"

# -q: the same files, no listing, nothing on stdout.
expect_exit 0 "coverage -q" -- coverage --site seongju --boresight 325deg --rays 60 --samples 10 \
    -o quiet -q
[ -s quiet/coverage.kml ] && ok || bad "-q did not write"
[ -s err.txt ] && bad "-q listed: $(cat err.txt)" || ok
[ -s out.txt ] && bad "-q printed on stdout" || ok

# Validated before any computation: -o under a regular file fails at once
# (a 10^8-run Monte Carlo would take hours), exit 2, one line, no directory.
touch afile
expect_exit 2 "run -o under a file" -- run --runs 100000000 -o afile/sub
expect_err "not a directory" "run -o under a file"
# A run that fails after -o was created removes the directories it made.
expect_exit 2 "failing run" -- run no-such.yaml -o made/deep/er
[ -e made ] && bad "a failed run left its -o directory" || ok
# An existing directory is kept whatever happens.
mkdir keep
expect_exit 2 "failing run, existing dir" -- run no-such.yaml -o keep/new
[ -d keep ] && [ ! -e keep/new ] && ok || bad "existing dir removed or new one kept"

finish
