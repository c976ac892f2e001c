#!/bin/sh
# bench_web.sh: the WebAssembly module (web/wasm, under node, as in the
# page's worker) against the native bmdsim on the same commands: a missile
# fly-out targeted at an aim point and a coarse footprint. Prints the median
# wall time of N runs of each (native: the whole process, which starts in a
# few ms; WebAssembly: the bmdw_run call, the module already instantiated,
# and the instantiation separately). Then the CPU time of each command the
# page runs after a change (web/app.js), and of the whole first update.
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
  // the page's update after a change: the commands of web/app.js's
  // commands() for the default scenario, in the module, by CPU time (user +
  // system of this process: what an idle core would take, whatever the
  // machine's load), median of N
  const radar = ['--radar', 'an-tpy2', '--site', 'seongju', '--boresight', '322deg',
    '--rcs', '0.01m2'];
  const fp = (km) => ['footprint', '--battery', 'thaad', ...radar, '--threat', 'nodong',
    '--launch', 'north-hwanghae', '--doctrine', 'shoot', '--reaction', '10s',
    '--resolution', km + 'km', '--json', '-o', 'out'];
  const page = [
    ['coverage at 100 km', ['coverage', ...radar, '--altitude', '100km', '--rays', '360',
      '--samples', '100', '--json', '-o', 'out']],
    ['trajectory', ['trajectory', '--missile', 'nodong', '--from', 'north-hwanghae', '--to',
      'busan', '--json', '-o', 'out']],
    ['visibility', ['visibility', ...radar, '--missile', 'nodong', '--from', 'north-hwanghae',
      '--to', 'busan', '--json', '-o', 'out']],
    ['footprint, 80 km first pass', fp(80)],
    ['footprint, 40 km', fp(40)],
    ['footprint, 20 km (the page\'s default refinement)', fp(20)],
  ];
  try { mod.FS.mkdir('/out'); } catch (e) { /* there */ }
  console.log('');
  console.log('| the page\'s command (in the module) | CPU (ms) |');
  console.log('|---|---|');
  const cpu = {};
  for (const [name, words] of page) {
    const c = [];
    for (let i = 0; i < Number(n); i++) {
      const c0 = process.cpuUsage();
      const p = mod.ccall('bmdw_run', 'number', ['string'], [JSON.stringify(words)]);
      const d = process.cpuUsage(c0);
      c.push((d.user + d.system) / 1e3);
      const r = JSON.parse(mod.UTF8ToString(p));
      mod.ccall('bmdw_free', null, ['number'], [p]);
      if (r.rc !== 0) throw new Error(name + ': exit ' + r.rc);
    }
    cpu[name] = median(c);
    console.log(`| ${name} | ${cpu[name].toFixed(0)} |`);
  }
  const first = cpu['coverage at 100 km'] + cpu.trajectory + cpu.visibility +
    cpu['footprint, 80 km first pass'];
  console.log(`| a change, up to the 80 km footprint (the four above it) | ${first.toFixed(0)} |`);
})().catch((e) => { console.error(e); process.exitCode = 1; });
JS
