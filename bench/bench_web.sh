#!/bin/sh
# bench_web.sh: the WebAssembly module (web/wasm, under node, as in the
# page's worker) against the native bmdsim on the same commands: a missile
# fly-out targeted at an aim point and a coarse footprint. Prints the median
# wall time of N runs of each (native: the whole process, which starts in a
# few ms; WebAssembly: the bmdw_run call, the module already instantiated,
# and the instantiation separately).
#   sh bench/bench_web.sh BMDSIM BMDW_JS [N]     (N: default 5)
set -eu
BMDSIM=$1
BMDW=$2
N=${3:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
export BMD_DATA_DIR="$HERE/../data"
node - "$BMDSIM" "$BMDW" "$N" <<'JS'
const { execFileSync } = require('child_process');
const path = require('path');
const [bmdsim, bmdw, n] = process.argv.slice(2);
const cases = [
  ['fly-out: trajectory nodong north-hwanghae -> busan',
    ['trajectory', '--missile', 'nodong', '--from', 'north-hwanghae', '--to', 'busan', '--json']],
  ['coarse footprint: footprint --resolution 40km (thaad, an-tpy2, nodong)',
    ['footprint', '--resolution', '40km', '--json', '--no-progress', '--threads', '1']],
];
const median = (a) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
(async () => {
  const t0 = performance.now();
  const mod = await require(path.resolve(bmdw))({ print: () => {}, printErr: () => {} });
  const inst = performance.now() - t0;
  console.log(`module instantiation (bmdw.js, wasm embedded): ${inst.toFixed(0)} ms`);
  console.log('| case | native (ms) | WebAssembly (ms) | ratio |');
  console.log('|---|---|---|---|');
  for (const [name, words] of cases) {
    const nat = [];
    const wasm = [];
    for (let i = 0; i < Number(n); i++) {
      let t = performance.now();
      execFileSync(bmdsim, words, { stdio: ['ignore', 'ignore', 'ignore'] });
      nat.push(performance.now() - t);
      t = performance.now();
      const p = mod.ccall('bmdw_run', 'number', ['string'], [JSON.stringify(words)]);
      wasm.push(performance.now() - t);
      const r = JSON.parse(mod.UTF8ToString(p));
      mod.ccall('bmdw_free', null, ['number'], [p]);
      if (r.rc !== 0) throw new Error(name + ': exit ' + r.rc);
    }
    const a = median(nat);
    const b = median(wasm);
    console.log(`| ${name} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(b / a).toFixed(2)} |`);
  }
})().catch((e) => { console.error(e); process.exitCode = 1; });
JS
