#!/bin/sh
# `make install` (cmake --install): installs into a scratch prefix, moves the
# installed tree elsewhere (the pkg-config file and the data lookup are
# relative), then shows the installed bmdsim and libbmd work without the
# source tree: bmdsim runs with no BMD_DATA_DIR and reads the installed
# share/bmdsim (a file removed there makes it fail, and, under strace, it
# opens nothing below the source tree); the man page renders; a small C
# program builds and runs against the shared library with
# `pkg-config --cflags --libs bmd` and against libbmd.a with `--static`.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.inc"
BUILD=$(cd "$(dirname "$BMDSIM")" && pwd)
unset BMD_DATA_DIR

cmake --install "$BUILD" --prefix "$T/p1" >install.log 2>&1 && ok || bad "cmake --install: $(tail -3 install.log)"
mv "$T/p1" "$T/moved"
P=$T/moved
B=$P/bin/bmdsim
[ -x "$B" ] && ok || bad "no bin/bmdsim"
for f in include/bmd/bmd.h share/bmdsim/sites.yaml share/bmdsim/catalog/missiles.yaml \
    share/bmdsim/scenarios/default.yaml share/man/man1/bmdsim.1; do
    [ -s "$P/$f" ] && ok || bad "not installed: $f"
done
PC=$(dirname "$(find "$P" -name bmd.pc | head -1)")
LIBDIR=$(dirname "$PC")
[ -s "$LIBDIR/libbmd.a" ] && ok || bad "no libbmd.a"
ls "$LIBDIR"/libbmd.so* >/dev/null 2>&1 && ok || bad "no libbmd.so"

# The installed program from elsewhere, with no data directory given.
BMDSIM=$B
mkdir work && cd work
expect_exit 0 "installed trajectory" -- trajectory --missile nodong --from north-hwanghae --to busan
expect_out "apogee" "installed trajectory output"
# (not under the sanitizers: LeakSanitizer refuses to run under ptrace)
if command -v strace >/dev/null 2>&1 && [ -z "${BMD_TEST_CFLAGS:-}" ]; then
    strace -f -e trace=open,openat,stat,newfstatat,access,readlink -o trace.txt \
        "$B" run --runs 1 >/dev/null 2>&1 && ok || bad "installed bmdsim run under strace"
    grep -F "\"$SRC/" trace.txt | grep -v ENOENT | head -3 >src.txt
    [ -s src.txt ] && bad "installed bmdsim touched the source tree: $(cat src.txt)" || ok
fi
mv "$P/share/bmdsim/catalog/missiles.yaml" "$T/missiles.yaml"
"$B" trajectory --missile nodong --from north-hwanghae --to busan >out.txt 2>err.txt
[ $? -eq 2 ] && grep -q "moved/bin/../share/bmdsim" err.txt && ok ||
    bad "bmdsim does not read the installed data: $(cat err.txt)"
mv "$T/missiles.yaml" "$P/share/bmdsim/catalog/missiles.yaml"
"$B" --help >help.txt && ! grep -qi "built-in one" help.txt && ok || bad "--help"
"$B" run --help | grep -q "share/bmdsim" && ok || bad "--help does not name the installed data"

# The man page: every command, renders without warnings.
for c in run trajectory coverage visibility footprint report catalog validate; do
    grep -q "^\.SS $c\$" "$P/share/man/man1/bmdsim.1" && ok || bad "man page lacks $c"
done
if command -v groff >/dev/null 2>&1; then
    groff -man -Tutf8 -ww "$P/share/man/man1/bmdsim.1" >man.txt 2>man.err && [ ! -s man.err ] &&
        ok || bad "man page: $(head -3 man.err)"
fi

# A C program against the installed library.
cat >prog.c <<'EOF'
#include <stdio.h>
#include <bmd/bmd.h>
/* 150km through the unit parser, and the status text of an error */
int main(void)
{
    double v = 0.0;
    bmd_errbuf e = {{0}};
    if (bmd_units_parse("150km", BMD_Q_LENGTH, &v, &e) != BMD_OK) return 1;
    printf("%.1f %s\n", v, bmd_strerror(BMD_EINVAL));
    return v == 150000.0 ? 0 : 1;
}
EOF
export PKG_CONFIG_PATH="$PC"
CC=${CC:-cc}
# shellcheck disable=SC2046,SC2086
$CC ${BMD_TEST_CFLAGS:-} prog.c $(pkg-config --cflags --libs bmd) -o prog_shared 2>cc.err &&
    ok || bad "shared build: $(head -5 cc.err)"
./prog_shared >prog.out 2>&1 && grep -q "^150000.0 " prog.out && ok || bad "shared program: $(cat prog.out)"
ldd ./prog_shared | grep -q "libbmd.so" && ok || bad "prog_shared is not linked to libbmd.so"
# shellcheck disable=SC2046,SC2086
# --as-needed: the archive resolves every symbol, so the -lbmd of Libs
# must not add libbmd.so as a needed library (toolchains differ in default)
$CC ${BMD_TEST_CFLAGS:-} prog.c $(pkg-config --cflags bmd) -Wl,--as-needed "$LIBDIR/libbmd.a" \
    $(pkg-config --static --libs bmd) -o prog_static 2>cc.err &&
    ok || bad "static build: $(head -5 cc.err)"
./prog_static >prog.out 2>&1 && grep -q "^150000.0 " prog.out && ok || bad "static program: $(cat prog.out)"
ldd ./prog_static | grep -q "libbmd" && bad "prog_static still needs libbmd.so" || ok
cd ..
finish
