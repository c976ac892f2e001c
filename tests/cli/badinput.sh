#!/bin/sh
# The bad-input corpus (tests/badinput/cases.txt, fixtures in tests/data/bad):
# every case gives its exit code, one stderr line "bmdsim: ..." with its
# text (FILE:LINE:COL for files), no sanitizer report and no file left.
exec python3 "$(dirname "$0")/../badinput/run.py" "$1"
