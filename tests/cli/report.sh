#!/bin/sh
# Command-line tests of `bmdsim report` (one self-contained HTML page): the
# page is written, parses, names the scenario, embeds PNG figures (base64
# data: URIs with the PNG signature), has the timeline table, the Monte
# Carlo with Wilson intervals and the sensitivity section (on the default
# scenario p_no_leaker does not move over its uncertain: block: said so); bad output directories and bad scenarios exit
# 2 with one stderr line and leave nothing behind. Optionally (when chromium
# is on PATH) the page is rendered headless to a screenshot.
. "$(dirname "$0")/lib.inc"

# (with progress lines every 0.01 s: see below)
export BMD_PROGRESS_SECONDS=0.01
expect_exit 0 "default report" -- report -o out --runs 20
export BMD_PROGRESS_SECONDS=1000000
[ -s out/report.html ] && ok || bad "out/report.html missing"
ls out | grep -qv '^report.html$' && bad "extra files in out: $(ls out)" || ok
for pat in "<html" "Nodong-class launch toward Busan" 'class="timeline"' "Wilson" \
    "interceptor-launch" "P(no leaker)\|no leaker" "Limits" 'id="sensitivity"' \
    "every index 0"; do
    grep -q -- "$pat" out/report.html && ok || bad "report.html lacks '$pat'"
done
# Progress (cli/progress.h) of the report's Monte Carlo, of its footprint
# and of the sensitivity it runs as a child process, as plain lines off a
# terminal.
grep -q "^bmdsim report: Monte Carlo done in " err.txt && ok || bad "report: no Monte Carlo progress"
# The footprint section, decided in chunks in this process: lines of cells
# done of the 20 km grid's total, then "done".
grep -q "^bmdsim report: footprint [0-9]*/[0-9]* cells (" err.txt && ok ||
    bad "report: no progress of its footprint section: $(head -3 err.txt)"
grep -q "^bmdsim report: footprint done in " err.txt && ok || bad "report: no footprint 'done' line"
grep -q "^bmdsim sensitivity: model runs [0-9]*/[0-9]* done" err.txt && ok ||
    bad "report: no progress of its sensitivity section: $(head -3 err.txt)"
grep -q "$(printf '\r')" err.txt && bad "report wrote a carriage return off a terminal" || ok
n=$(grep -o 'data:image/png;base64,' out/report.html | wc -l)
[ "$n" -ge 2 ] && ok || bad "report.html has $n embedded PNG images, want >= 2"
grep -Eq '(src|href)="(https?:|file:|//)' out/report.html && bad "external reference" || ok
grep -qi '<script' out/report.html && bad "JavaScript in the page" || ok

python3 - out/report.html <<'PY' || bad "HTML structure or images"
import base64, re, sys
from html.parser import HTMLParser
text = open(sys.argv[1], encoding="utf-8").read()
VOID = {"meta", "img", "br", "hr", "link", "input", "col", "area", "base", "source", "wbr"}
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.seen, self.errors, self.imgs = [], set(), [], []
    def handle_starttag(self, tag, attrs):
        self.seen.add(tag)
        if tag == "img":
            self.imgs.append(dict(attrs).get("src", ""))
        if tag not in VOID:
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("unbalanced </%s> (open: %s)" % (tag, self.stack[-3:]))
        else:
            self.stack.pop()
p = P()
p.feed(text)
p.close()
assert not p.errors, p.errors[:3]
assert not p.stack, "unclosed: %s" % p.stack
for t in ("html", "head", "body", "main", "title", "style", "table", "h1", "h2", "figure"):
    assert t in p.seen, t
assert len(p.imgs) >= 2, len(p.imgs)
for src in p.imgs:
    m = re.fullmatch(r"data:image/png;base64,([A-Za-z0-9+/=]+)", src)
    assert m, src[:60]
    png = base64.b64decode(m.group(1), validate=True)
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert len(png) > 1000, len(png)
PY

# The same seed gives the same page (no date, no temporary names); only the
# provenance's command line differs (-o out2, --threads 1), and it is there.
# --no-progress: nothing but the list of files written on stderr.
export BMD_PROGRESS_SECONDS=0.01
expect_exit 0 "second report" -- report -o out2 --runs 20 --threads 1 --no-progress
export BMD_PROGRESS_SECONDS=1000000
grep -q "elapsed\|done in" err.txt && bad "report --no-progress printed: $(head -2 err.txt)" || ok
grep -q "command: <code>bmdsim report -o out2 --runs 20 --threads 1 --no-progress</code>" \
    out2/report.html &&
    ok || bad "report.html lacks its command line"
grep -v "^<h2 id=\"provenance\">" out/report.html | grep -v "^<p>bmdsim .*command: <code>" >a.html
grep -v "^<h2 id=\"provenance\">" out2/report.html | grep -v "^<p>bmdsim .*command: <code>" >b.html
cmp -s a.html b.html && ok || bad "report.html differs between two runs beyond the command line"

# Bad output directories: a path under a regular file, an existing file.
: >afile
expect_exit 2 "-o under a regular file" -- report -o afile/sub --runs 2
expect_err "bmdsim: -o afile/sub" "-o under a regular file"
[ -e afile/sub ] && bad "afile/sub was created" || ok
expect_exit 2 "-o a regular file" -- report -o afile --runs 2
expect_err "not a directory" "-o a regular file"
[ -s afile ] && bad "afile was written" || ok
if [ "$(id -u)" -ne 0 ]; then
    mkdir ro && chmod 555 ro
    expect_exit 2 "-o read-only" -- report -o ro/x --runs 2
    expect_err "^bmdsim: " "-o read-only"
    [ -e ro/x ] && bad "ro/x was created" || ok
    chmod 755 ro
fi
expect_exit 2 "missing -o" -- report --runs 2
expect_err "^bmdsim: " "missing -o"

# A bad scenario file: exit 2, one line, no output directory.
printf 'name: broken\nradars: [\n' >bad.yaml
expect_exit 2 "bad scenario" -- report bad.yaml -o badout --runs 2
expect_err "^bmdsim: " "bad scenario"
[ -e badout ] && bad "badout was created for a bad scenario" || ok
expect_exit 2 "missing scenario" -- report nosuch.yaml -o badout --runs 2
expect_err "^bmdsim: " "missing scenario"
expect_exit 2 "bad --runs" -- report -o badout --runs 0
[ -e badout ] && bad "badout was created for bad --runs" || ok
ls -a | grep -q 'report.html\.' && bad "a temporary file was left behind" || ok

# Optional: render the page in a headless browser.
browser=
for b in chromium chromium-browser; do
    command -v "$b" >/dev/null 2>&1 && browser=$b && break
done
if [ -n "$browser" ]; then
    "$browser" --headless --disable-gpu --no-sandbox --screenshot="$T/shot.png" \
        --window-size=1200,1600 "file://$T/out/report.html" >/dev/null 2>&1
    [ -s shot.png ] && ok || bad "$browser produced no screenshot"
else
    echo "chromium not available: screenshot check skipped"
fi

finish
