// wasm-run.js: run one bmdsim command inside the WebAssembly module under
// node, as the page does, and leave what it produced where a test can
// compare it with the native command's:
//   node wasm-run.js BMDW_JS OUTDIR WORD...
// writes OUTDIR/stdout.txt (the command's standard output) and copies every
// file the command wrote under /out in the module (its -o directory) into
// OUTDIR; the command's standard error is passed through; exits with the
// command's exit status.
'use strict';
const fs = require('fs');
const path = require('path');

async function main() {
  const [jsPath, outDir, ...words] = process.argv.slice(2);
  const createBmdw = require(path.resolve(jsPath));
  const mod = await createBmdw({
    print: (s) => process.stdout.write(s + '\n'),
    printErr: (s) => process.stderr.write(s + '\n'),
  });
  mod.FS.mkdir('/out');
  const t0 = process.hrtime.bigint();
  const ptr = mod.ccall('bmdw_run', 'number', ['string'], [JSON.stringify(words)]);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const res = JSON.parse(mod.UTF8ToString(ptr));
  mod.ccall('bmdw_free', null, ['number'], [ptr]);
  if (res.error) process.stderr.write('bmdw: ' + res.error + '\n');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'stdout.txt'), res.stdout);
  const copy = (from, to) => {
    for (const name of mod.FS.readdir(from)) {
      if (name === '.' || name === '..') continue;
      const p = from + '/' + name;
      if (mod.FS.isDir(mod.FS.stat(p).mode)) {
        fs.mkdirSync(path.join(to, name), { recursive: true });
        copy(p, path.join(to, name));
      } else {
        fs.writeFileSync(path.join(to, name), mod.FS.readFile(p));
      }
    }
  };
  copy('/out', outDir);
  if (process.env.BMDW_TIMING) process.stderr.write(`bmdw: ${words[0]} took ${ms.toFixed(1)} ms\n`);
  process.exitCode = res.rc;
}

main().catch((e) => {
  process.stderr.write('wasm-run: ' + (e && e.stack ? e.stack : e) + '\n');
  process.exitCode = 1;
});
