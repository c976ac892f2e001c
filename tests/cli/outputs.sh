#!/bin/sh
# The output contract (issue 12), as root and, where the test can drop
# privileges (setpriv to nobody), as a normal user:
#  - a device node (made here with mknod, never a system device) or a
#    symlink at an output path is refused with exit 2 and left as it was;
#  - standard output that cannot be written (/dev/full, only ever as stdout)
#    gives exit 1 for every command that prints;
#  - a full disk (a 40 KiB tmpfs, where one can be mounted) leaves nothing
#    new: coverage's three files and visibility's two appear together or not
#    at all, and a figure is never committed truncated;
#  - footprint: a damaged resume chunk is recomputed (the raster equals an
#    uninterrupted run's), stray chunk temporaries are removed, a second
#    footprint into a directory being written is refused with a clear message.
# Skipped parts say so on stdout.
. "$(dirname "$0")/lib.inc"
B=$(cd "$(dirname "$BMDSIM")" && pwd)/$(basename "$BMDSIM")
chmod 755 "$T" # the normal user works in subdirectories of it
TRAJ="trajectory --missile nodong --from north-hwanghae --to busan"
COV="coverage --radar an-tpy2 --site seongju --boresight 325deg --rcs 0.01m2"
VIS="visibility --radar an-tpy2 --site seongju --boresight 325deg --from north-hwanghae --to busan --missile nodong"

# as_user: run "$@" as nobody when we are root and setpriv works, else as is.
NOBODY=""
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
    setpriv --reuid=65534 --regid=65534 --clear-groups "$B" --version >/dev/null 2>&1 &&
    setpriv --reuid=65534 --regid=65534 --clear-groups test -r "${BMD_DATA_DIR:-.}/sites.yaml"; then
    NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi

one_line() { # one_line FILE WHAT: exactly one stderr line "bmdsim: ..."
    if [ "$(wc -l <"$1")" -eq 1 ] && grep -q '^bmdsim: ' "$1"; then ok; else bad "$2: stderr: $(head -c 300 "$1")"; fi
}

contract() { # contract PREFIX: the device-node, symlink and stdout checks
    P=$1; W=$2
    rm -rf "$W"; mkdir "$W"; chmod 777 "$W"
    # trajectory -o DIR writes DIR/trajectory.csv: that name a symlink or a
    # device node, and -o naming a device node itself, are all refused
    echo keep >"$W/target.csv"; mkdir "$W/l"; chmod 777 "$W/l"
    ln -s ../target.csv "$W/l/trajectory.csv"
    $P $B $TRAJ -o "$W/l" >/dev/null 2>"$W/err"; rc=$?
    [ $rc -eq 2 ] && [ -L "$W/l/trajectory.csv" ] && [ "$(cat "$W/target.csv")" = keep ] && ok ||
        bad "$P symlink output: exit $rc, link or target changed"
    one_line "$W/err" "$P symlink"
    grep -q "symbolic link" "$W/err" && ok || bad "$P symlink message: $(cat "$W/err")"
    mkdir "$W/d"; chmod 777 "$W/d"
    if mknod -m 666 "$W/fakenull" c 1 3 2>/dev/null && mknod -m 666 "$W/d/trajectory.csv" c 1 3; then
        $P $B $TRAJ -o "$W/fakenull" >/dev/null 2>"$W/err"; rc=$?
        [ $rc -eq 2 ] && [ -c "$W/fakenull" ] && ok || bad "$P device as -o: exit $rc or node replaced"
        one_line "$W/err" "$P device as -o"
        $P $B $TRAJ -o "$W/d" >/dev/null 2>"$W/err"; rc=$?
        [ $rc -eq 2 ] && [ -c "$W/d/trajectory.csv" ] && ok ||
            bad "$P device output: exit $rc or node replaced"
        one_line "$W/err" "$P device"
    else
        echo "skipped: mknod not permitted (device-node output test)"
    fi
    [ -z "$(ls "$W" | grep -v -e '^target.csv$' -e '^l$' -e '^d$' -e '^fakenull$' -e '^err$')" ] &&
        [ "$(ls -A "$W/l")" = trajectory.csv ] && [ -z "$(ls -A "$W/d" | grep -v '^trajectory.csv$')" ] &&
        ok || bad "$P left files: $(ls -R "$W")"
    list="run --json --runs 2|catalog --json|$TRAJ|--help"
    [ -z "$P" ] && list="$list|catalog|validate|footprint --resolution 100km --threads 1 --no-progress --json|$COV|$VIS"
    IFS='|'
    for c in $list; do
        unset IFS
        $P $B $c >/dev/full 2>"$W/err"; rc=$?
        [ $rc -eq 1 ] && ok || bad "$P $c > /dev/full: exit $rc, want 1"
        one_line "$W/err" "$P $c > /dev/full"
        IFS='|'
    done
    unset IFS
}

contract "" "$T/root"
if [ -n "$NOBODY" ]; then
    contract "$NOBODY" "$T/user"
    # a read-only directory as a normal user: refused, nothing written
    mkdir "$T/ro"; chmod 555 "$T/ro"
    $NOBODY $B $TRAJ -o "$T/ro/t.csv" >/dev/null 2>err.txt; rc=$?
    [ $rc -ne 0 ] && [ -z "$(ls -A "$T/ro")" ] && ok || bad "read-only dir: exit $rc, $(ls -A "$T/ro")"
    one_line err.txt "read-only dir"
else
    echo "skipped: not root, no setpriv, or bmdsim/data not readable by nobody (normal-user checks)"
fi

# ---- disk full on a small scratch file system
if [ "$(id -u)" = 0 ] && mkdir "$T/small" && mount -t tmpfs -o size=40k tmpfs "$T/small" 2>/dev/null; then
    trap 'umount "$T/small" 2>/dev/null; rm -rf "$T"' EXIT
    # 40 KiB: coverage's files and visibility's CZML do not fit; the profile
    # figure alone (written into the current directory) does not either.
    for c in "$COV -o $T/small" "$VIS -o $T/small" "$TRAJ --plot" \
        "$TRAJ -o $T/small --dt 0.01s"; do
        (cd "$T/small" && $B $c >/dev/null 2>"$T/err.txt"); rc=$?
        # exit 1; figures report any I/O error as exit 2 (see the report)
        [ $rc -eq 1 ] || { [ $rc -eq 2 ] && [ "$c" = "$TRAJ --plot" ]; } && ok ||
            bad "disk full: $c: exit $rc, want 1"
        one_line err.txt "disk full: $c"
        [ -z "$(ls -A "$T/small")" ] && ok || bad "disk full: $c left $(ls -A "$T/small")"
        rm -rf "$T/small"/* 2>/dev/null
    done
    umount "$T/small"
else
    echo "skipped: cannot mount a tmpfs (disk-full tests need root)"
fi

# ---- footprint: resume chunks with a checksum, stray temporaries, lock
FP="footprint --resolution 80km --chunk 8 --threads 1 --no-progress"
mkdir ref fb
$B $FP -o ref >/dev/null 2>&1 && ok || bad "footprint reference run failed"
# Stop the run after its chunks are written: the final raster path is a
# directory, so committing it is refused (exit 2) and the chunks stay.
mkdir fb/footprint.csv
$B $FP -o fb >/dev/null 2>err.txt; rc=$?
[ $rc -eq 2 ] && ok || bad "footprint onto a directory: exit $rc, want 2"
rmdir fb/footprint.csv
n=$(ls fb/footprint-partial | grep -c '^chunk-.*\.bin$')
[ "$n" -gt 1 ] && ok || bad "no chunks kept in fb/footprint-partial"
f=$(ls fb/footprint-partial/chunk-*.bin | head -n 1)
python3 -c "import sys; b=bytearray(open(sys.argv[1],'rb').read()); b[40::7]=bytes(x^0x55 for x in b[40::7]); open(sys.argv[1],'wb').write(b)" "$f"
: >"fb/footprint-partial/chunk-000001.bin.Xy12Zq" # a temporary left by kill -9
$B $FP --resume fb >/dev/null 2>err.txt && ok || bad "resume failed: $(cat err.txt)"
# the rasters alike but for the provenance line (its command line differs)
grep -v '^#' ref/footprint.csv >ref.rows; grep -v '^#' fb/footprint.csv >fb.rows
cmp -s ref.rows fb.rows && [ -s ref.rows ] && ok || bad "resumed raster differs from the uninterrupted run"
[ ! -e fb/footprint-partial ] && ok || bad "fb/footprint-partial left after the resume: $(ls fb/footprint-partial)"
# a refused footprint (bad input) leaves no partial/
mkdir fc
$B $FP --resolution 1m -o fc >/dev/null 2>&1
[ -z "$(ls -A fc)" ] && ok || bad "bad-input footprint left $(ls -A fc)"
# ---- data files and figures together or none: a figure that fails after
# the data files were made (its map file missing) leaves no data file.
# coverage, visibility and footprint alike: exit 2 (a data file missing, as
# for the catalogs), one stderr line naming the file, nothing written
# (footprint refuses before its computation)
mkdir nomap; cp -R "${BMD_DATA_DIR:-data}"/. nomap/; rm nomap/map/ne50m.txt
for c in "$COV -o fm1 --plot" "$VIS -o fm2 --plot" \
    "footprint --resolution 40km --no-progress -o fm3 --plot"; do
    d=$(echo "$c" | sed 's/.*-o \([a-z0-9]*\).*/\1/')
    BMD_DATA_DIR=$PWD/nomap $B $c >/dev/null 2>err.txt; rc=$?
    [ $rc -eq 2 ] && ok || bad "$c without a map: exit $rc, want 2"
    [ "$(wc -l <err.txt)" -eq 1 ] && grep -q "^bmdsim: .*cannot read '.*nomap/map/ne50m.txt'" err.txt &&
        ok || bad "$c without a map: stderr $(cat err.txt)"
    [ -z "$(ls -A "$d" 2>/dev/null)" ] && ok || bad "$c: a failed figure left $(ls -A "$d")"
done
# two writers of one directory
mkdir fd
$B footprint --resolution 20km --threads 1 --no-progress -o fd >/dev/null 2>&1 &
pid=$!
i=0
while [ ! -e fd/footprint-partial/lock ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
$B footprint --resolution 20km --threads 1 --no-progress -o fd >/dev/null 2>err.txt; rc=$?
wait $pid
if [ $i -lt 100 ]; then
    [ $rc -eq 1 ] && grep -q "another bmdsim footprint" err.txt && ok ||
        bad "second writer: exit $rc: $(cat err.txt)"
else
    echo "skipped: first footprint finished before the second started"
fi
finish
