// page_test.js: the page of web/ in headless Chromium (Debian's chromium,
// driven by puppeteer-core from web/package-lock.json), offline:
//   node page_test.js SITE_DIR BMDSIM NODE_MODULES [SHOT_DIR]
//  - opens SITE_DIR/index.html from file:// with every host name unresolvable
//    (40 km footprint cells, set through the URL: one pass per change);
//  - waits for the default scenario, and checks the page's footprint,
//    coverage and visibility numbers against the native bmdsim's for the
//    very commands the page lists (`bmdsim ... --json`);
//  - drags the battery to another place, waits for the update, checks that
//    the numbers changed and are again the command line's;
//  - checks that the exported scenario YAML gives the same footprint with
//    `bmdsim footprint scenario.yaml` and that the share link restores it;
//  - no console errors, no page errors, no request outside the page's files;
//  - with SHOT_DIR, saves web-default.png and web-moved.png there.
// Tolerances: footprint cell count equal but for boundary cells (a last-bit
// difference of the maths library can flip a cell whose only intercept is at
// the edge of the reach: tests/web/agree.py, which checks on a whole raster
// that only boundary cells flip, at most 1 % of them); here the page gives
// counts only, so the defended count may differ by max(1, 1 % of it) and
// the area by that many cells (1.5 times the mean cell's area, as
// agree.py); coverage numbers to 1e-9 relative
// (the same arithmetic); visibility times to 1 s, the targeting solves'
// tolerance (tests/web/agree.py).
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const [siteDir, bmdsimArg, nodeModules, shotDir] = process.argv.slice(2);
const bmdsim = path.resolve(bmdsimArg);
const puppeteer = require(path.resolve(nodeModules, 'puppeteer-core'));
const ROOT = path.resolve(__dirname, '..', '..');
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};

// the native command for the page's words; '-o out...' goes to a scratch dir
function cli(words) {
  const dir = fs.mkdtempSync(path.join(process.cwd(), 'web_page-cli-'));
  fs.mkdirSync(path.join(dir, 'out'));
  fs.symlinkSync(path.join(ROOT, 'data'), path.join(dir, 'data'));
  try {
    const out = execFileSync(bmdsim, words, {
      cwd: dir, env: Object.assign({}, process.env, { BMD_DATA_DIR: path.join(ROOT, 'data') }),
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return JSON.parse(out.toString());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const rel = (a, b) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

function compareWithCli(tag, r) {
  const fp = cli(r.footprint.words);
  const flips = Math.abs(r.footprint.json.defended_cells - fp.defended_cells);
  const maxFlips = Math.max(1, Math.floor(0.01 * fp.defended_cells));
  check(r.footprint.json.cells === fp.cells && flips <= maxFlips,
    `${tag}: footprint cells ${r.footprint.json.defended_cells}/${r.footprint.json.cells} ` +
    `= bmdsim's ${fp.defended_cells}/${fp.cells}` + (flips ? ` (${flips} boundary cell(s))` : ''));
  const cellKm2 = fp.defended_cells ? 1.5 * fp.defended_area_km2 / fp.defended_cells : 0;
  check(Math.abs(r.footprint.json.defended_area_km2 - fp.defended_area_km2) <=
    flips * cellKm2 + 1e-9 * fp.defended_area_km2,
  `${tag}: defended area ${r.footprint.json.defended_area_km2.toFixed(1)} km2 = bmdsim's ` +
    `${fp.defended_area_km2.toFixed(1)}`);
  const cv = cli(r.coverage.words);
  for (const k of ['coverage_area_km2', 'track_range_m', 'horizon_ground_range_m'])
    check(rel(r.coverage.json[k], cv[k]) <= 1e-9, `${tag}: coverage ${k} ${r.coverage.json[k]} = ` +
      `bmdsim's ${cv[k]}`);
  const vs = cli(r.visibility.words);
  check(r.visibility.json.visible === vs.visible &&
    Math.abs(r.visibility.json.first_detect_time_s - vs.first_detect_time_s) <= 1 &&
    Math.abs(r.visibility.json.track_duration_s - vs.track_duration_s) <= 1,
  `${tag}: visibility first detection ${r.visibility.json.first_detect_time_s} s, tracked ` +
    `${r.visibility.json.track_duration_s} s = bmdsim's ${vs.first_detect_time_s} s, ` +
    `${vs.track_duration_s} s`);
  return fp;
}

async function main() {
  const siteUrl = 'file://' + path.resolve(siteDir) + '/';
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // no network at all: any host name fails to resolve
    args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND',
      '--window-size=1500,1000'],
  });
  const errors = [];
  const foreign = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1500, height: 1000 });
    page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
    page.on('pageerror', (e) => errors.push('page: ' + e.message));
    page.on('request', (q) => {
      const u = q.url();
      if (!(u.startsWith(siteUrl) || u.startsWith('data:') || u.startsWith('blob:'))) foreign.push(u);
    });
    page.on('workercreated', (w) => {
      if (!w.url().startsWith('blob:')) foreign.push('worker ' + w.url());
    });
    const t0 = Date.now();
    // 40 km cells: one footprint pass per change, to keep the test short
    await page.goto(siteUrl + 'index.html#res=40');
    await page.waitForFunction('window.bmdwDone >= 1', { timeout: 180000 });
    const tLoad = Date.now() - t0;
    const r0 = await page.evaluate(() => JSON.parse(JSON.stringify(window.bmdw.results)));
    const timing0 = await page.evaluate(() => window.bmdwTimings);
    console.log(`page: default scenario in ${(tLoad / 1000).toFixed(1)} s (first map ` +
      `${(timing0.firstDraw / 1000).toFixed(2)} s, coarse footprint ${(timing0.coarse / 1000).toFixed(2)} s)`);
    const fp0 = compareWithCli('default', r0);
    if (shotDir) await page.screenshot({ path: path.join(shotDir, 'web-default.png') });

    // drag the battery marker to Pyeongtaek (36.99N, 127.11E: data/sites.yaml)
    const to = await page.evaluate(() => window.bmdw.screenOf(127.11, 36.99));
    const from = await page.evaluate(() => {
      const b = document.getElementById('battery-marker').getBoundingClientRect();
      return [b.x + b.width / 2, b.y + b.height / 2];
    });
    const gen0 = await page.evaluate(() => window.bmdwDone);
    const t1 = Date.now();
    await page.mouse.move(from[0], from[1]);
    await page.mouse.down();
    await page.mouse.move(to[0], to[1], { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction((g) => window.bmdwDone > g, { timeout: 180000 }, gen0);
    const tMove = Date.now() - t1;
    const st = await page.evaluate(() => Object.assign({}, window.bmdw.state));
    const ll = st.bat.split(',').map(Number);
    check(Math.abs(ll[0] - 36.99) < 0.1 && Math.abs(ll[1] - 127.11) < 0.1,
      `drag: the battery moved to ${st.bat} (aimed at 36.99,127.11)`);
    const r1 = await page.evaluate(() => JSON.parse(JSON.stringify(window.bmdw.results)));
    const timing1 = await page.evaluate(() => window.bmdwTimings);
    console.log(`page: after the drag, first map ${(timing1.firstDraw / 1000).toFixed(2)} s, coarse ` +
      `footprint ${(timing1.coarse / 1000).toFixed(2)} s, refined ${(timing1.done / 1000).toFixed(2)} s ` +
      `(${(tMove / 1000).toFixed(1)} s wall)`);
    const fp1 = compareWithCli('moved', r1);
    check(fp1.defended_cells !== fp0.defended_cells &&
      r1.footprint.json.defended_cells !== r0.footprint.json.defended_cells,
    `moved: the footprint changed as bmdsim says (${fp0.defended_cells} -> ${fp1.defended_cells} cells)`);
    if (shotDir) await page.screenshot({ path: path.join(shotDir, 'web-moved.png') });

    // the exported scenario reproduces the footprint with the command line
    const yaml = await page.evaluate(() => window.bmdw.scenarioYaml());
    const d = fs.mkdtempSync(path.join(process.cwd(), 'web_page-yaml-'));
    fs.writeFileSync(path.join(d, 'scenario.yaml'), yaml);
    const fy = cli(['footprint', path.join(d, 'scenario.yaml'), '--resolution', st.res + 'km',
      '--json', '--no-progress']);
    fs.rmSync(d, { recursive: true, force: true });
    check(fy.defended_cells === r1.footprint.json.defended_cells &&
      rel(fy.defended_area_km2, r1.footprint.json.defended_area_km2) <= 1e-9,
    `export: bmdsim footprint scenario.yaml gives the page's footprint (${fy.defended_cells} cells, ` +
      `${fy.defended_area_km2.toFixed(1)} km2)`);

    // the share link restores the scenario
    const link = await page.evaluate(() => document.getElementById('share').href);
    const p2 = await browser.newPage();
    p2.on('pageerror', (e) => errors.push('page 2: ' + e.message));
    await p2.goto(link);
    await p2.waitForFunction('window.bmdw && window.bmdw.state', { timeout: 60000 });
    const st2 = await p2.evaluate(() => Object.assign({}, window.bmdw.state));
    check(JSON.stringify(st2) === JSON.stringify(st), `share link restores the scenario (${st2.bat})`);
    await p2.close();
  } finally {
    await browser.close();
  }
  check(errors.length === 0, `no console or page errors${errors.length ? ': ' + errors.join('; ') : ''}`);
  check(foreign.length === 0, `no request outside the page's files${foreign.length ? ': ' + foreign.join(' ') : ''}`);
  process.exitCode = failures ? 1 : 0;
}

main().catch((e) => {
  console.log('FAIL ' + (e && e.stack ? e.stack : e));
  process.exitCode = 1;
});
