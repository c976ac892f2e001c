#!/bin/sh
# Golden outputs of the README's examples: the layout move (issue 10) and any
# later refactoring must leave them byte-identical. A deliberate change of an
# output is recorded by re-running with --update and committing the diff.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.inc"
GOLD=$SRC/tests/golden/readme
update=${2:-}
# progress lines depend on the wall clock: none (cli/progress.h)
BMD_PROGRESS_SECONDS=1000000
export BMD_PROGRESS_SECONDS
grep -v '^#' "$SRC/tests/golden/commands.txt" | while IFS='|' read -r name args; do
    [ -n "$name" ] || continue
    d=$T/$name
    mkdir -p "$d"
    # shellcheck disable=SC2086
    (cd "$d" && ln -s "$SRC/data" data && "$BMDSIM" $args >stdout.txt 2>stderr.txt; echo $? >exit.txt)
    rm -f "$d/data"
    find "$d" -name '*.png' -delete
    # wall-clock figures differ from run to run: blank them out
    for f in "$d/stdout.txt" "$d/stderr.txt"; do
        sed -E 's/"(seconds|cells_per_s)":[-0-9.e+]+/"\1":T/g; s/, [0-9.]+ s$/, T s/' "$f" >"$f.n" && mv "$f.n" "$f"
    done
    # the provenance names the version and commit bmdsim was built from
    # (cli/provenance.h): the same for every output, so compared as V and C
    find "$d" -type f | while read -r f; do
        sed -E 's/"(bmdsim_version|git_commit)":([[:space:]]*)"[^"]*"/"\1":\2"V"/g
            s@<Data name="(bmdsim_version|git_commit)"><value>[^<]*</value>@<Data name="\1"><value>V</value>@g
            s/^# bmdsim [^ ]+ \(commit [^)]*\)/# bmdsim V (commit C)/' "$f" >"$f.n" && mv "$f.n" "$f"
    done
    if [ "$update" = "--update" ]; then
        rm -rf "${GOLD:?}/$name"; mkdir -p "$GOLD"; cp -r "$d" "$GOLD/$name"
        continue
    fi
    if diff -r "$GOLD/$name" "$d" >"$T/diff-$name.txt"; then
        echo ok >>"$T/results"
    else
        echo "FAIL: golden $name differs:" >&2; head -20 "$T/diff-$name.txt" >&2
        echo bad >>"$T/results"
    fi
done
[ "$update" = "--update" ] && { echo "golden outputs updated"; exit 0; }
passes=$(grep -c ok "$T/results"); fails=$(grep -c bad "$T/results")
finish
