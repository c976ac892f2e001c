#!/bin/sh
# Command-line tests of --plot (figures, bmd/plot.h): files of the requested
# kind and size, one-line errors with exit 2 and nothing left behind.
. "$(dirname "$0")/lib.inc"
# Sanitizer builds: fontconfig (under PLplot's cairo driver) keeps caches
# until exit; not leaks of bmdsim.
printf 'leak:libfontconfig.so\n' >"$T/lsan.supp"
LSAN_OPTIONS="suppressions=$T/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

# png_size FILE: "WIDTH HEIGHT" from the PNG IHDR chunk (ISO/IEC 15948, 11.2.2).
png_size() {
    python3 -c 'import struct,sys; b=open(sys.argv[1],"rb").read(24); assert b[:8]==b"\x89PNG\r\n\x1a\n" and b[12:16]==b"IHDR"; print(*struct.unpack(">II", b[16:24]))' "$1"
}

# trajectory --plot: the profile next to the CSV in -o DIR, 1000 x 700 by default.
mkdir tr
expect_exit 0 "trajectory --plot" -- trajectory --missile nodong --from north-hwanghae --to busan \
    --plot --battery thaad -o tr
[ "$(png_size tr/trajectory-profile.png)" = "1000 700" ] && ok || bad "trajectory-profile.png size"
[ "$(wc -c <tr/trajectory-profile.png)" -gt 20000 ] && ok || bad "trajectory-profile.png too small"
grep -qx "bmdsim: wrote tr/trajectory-profile.png" err.txt && ok || bad "trajectory --plot lists the file on stderr"

# SVG and PDF by magic bytes.
mkdir vec
expect_exit 0 "--plot-format svg" -- trajectory --missile nodong --from north-hwanghae --to busan \
    --plot --plot-format svg -o vec
head -c 5 vec/trajectory-profile.svg | grep -q '<?xml' && ok || bad "SVG magic"
expect_exit 0 "--plot-format pdf" -- coverage --site seongju --boresight 325deg --rays 60 \
    --samples 20 --plot --plot-format pdf -o vec
head -c 5 vec/coverage-map.pdf | grep -q '%PDF-' && ok || bad "PDF magic"

# coverage and visibility maps.
mkdir cov vis
expect_exit 0 "coverage --plot" -- coverage --site seongju --boresight 325deg --rays 90 \
    --samples 40 --plot -o cov
[ "$(png_size cov/coverage-map.png)" = "1000 700" ] && ok || bad "coverage-map.png size"
expect_exit 0 "visibility --plot" -- visibility --site seongju --boresight 325deg --missile nodong \
    --from north-hwanghae --to busan --plot -o vis
[ -s vis/visibility-map.png ] && [ -s vis/visibility-profile.png ] && ok || bad "visibility figures"

# Bad input: one line, exit 2, nothing written.
mkdir bad
expect_exit 2 "unknown plot format" -- trajectory --missile nodong --from north-hwanghae --to busan \
    --plot --plot-format bogus -o bad/t
expect_err "unknown plot format 'bogus'" "unknown plot format"
[ -z "$(ls -A bad)" ] && ok || bad "unknown format left files: $(ls -A bad)"
touch afile
expect_exit 2 "coverage -o under a file" -- coverage --site seongju --boresight 325deg --plot \
    -o afile/missing
expect_err "not a directory" "coverage -o under a file"
expect_exit 2 "trajectory -o FILE.csv" -- trajectory --missile nodong --from north-hwanghae \
    --to busan --plot -o bad/missing/t.csv
expect_err "names a directory" "trajectory -o FILE.csv"
# A directory that cannot be written (not for root, who may write anyway).
if [ "$(id -u)" -ne 0 ]; then
    mkdir ro && chmod 555 ro
    expect_exit 2 "read-only -o" -- coverage --site seongju --boresight 325deg --rays 60 \
        --samples 20 --plot -o ro
    [ -z "$(ls -A ro)" ] && ok || bad "read-only dir left files"
    chmod 755 ro
fi
[ -z "$(ls -A bad)" ] && ok || bad "errors left files: $(ls -A bad)"
expect_exit 2 "--battery misspelt" -- trajectory --missile nodong --from north-hwanghae \
    --to busan --plot --battery thad
expect_err "did you mean 'thaad'" "--battery misspelt"
expect_exit 2 "--plot-format without --plot" -- coverage --site seongju --plot-format svg
expect_err "needs --plot" "--plot-format without --plot"

finish
