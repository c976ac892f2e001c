// page_test.js: the page of web/ in headless Chromium (Debian's chromium,
// driven by puppeteer-core from web/package-lock.json), offline:
//   node page_test.js SITE_DIR BMDSIM NODE_MODULES [SHOT_DIR]
//  - opens SITE_DIR/index.html from file:// with every host name unresolvable
//    (40 km footprint cells, set through the URL: the 80 km first pass and
//    the 40 km one per change, to keep the test short);
//  - waits for the default scenario, and checks the page's footprint,
//    coverage and visibility numbers against the native bmdsim's for the
//    very commands the page lists (`bmdsim ... --json`);
//  - drags the battery to another place, waits for the update, checks that
//    the numbers changed and are again the command line's;
//  - checks that the exported scenario YAML gives the same footprint with
//    `bmdsim footprint scenario.yaml` and that the share link restores it;
//  - no console errors, no page errors, no request outside the page's files;
//  - the 3-D views: from file:// they explain how to serve the page; served
//    over http from 127.0.0.1 (a static server in this test), the globe
//    (CesiumJS, WebGL through SwiftShader) shows the visibility command's
//    CZML, one entity per packet, and the engagement view flies `bmdsim run`
//    on the page's scenario and gives the command line's outcome;
//  - with SHOT_DIR, saves web-default.png, web-moved.png, web-globe.png and
//    web-engagement.png there.
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
// FIREFOX=/usr/bin/firefox-esr: the file:// checks in Firefox instead of
// Chromium (the 3-D views and the screenshots stay with Chromium)
const FIREFOX = process.env.FIREFOX || '';
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

// the page served over http from 127.0.0.1 by a static server of this
// test (the site's files only), for the CesiumJS views
function serve(dir) {
  const http = require('http');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css',
    '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg',
    '.svg': 'image/svg+xml', '.xml': 'application/xml', '.wasm': 'application/wasm' };
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const u = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const f = path.join(root, u.endsWith('/') ? u + 'index.html' : u);
    if (!f.startsWith(root + path.sep) || !fs.existsSync(f) || !fs.statSync(f).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(f)] || 'application/octet-stream' });
    fs.createReadStream(f).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function threeD(errors, foreign) {
  const server = await serve(siteDir);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // WebGL in software (SwiftShader); no host name resolves
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      '--window-size=1500,1000'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1500, height: 1000 });
    page.on('console', (m) => { if (m.type() === 'error') errors.push('3-D console: ' + m.text()); });
    page.on('pageerror', (e) => errors.push('3-D page: ' + e.message));
    page.on('request', (q) => {
      const u = q.url();
      if (!(u.startsWith(base) || u.startsWith('data:') || u.startsWith('blob:'))) foreign.push(u);
    });
    await page.goto(base + 'index.html#res=40');
    await page.waitForFunction('window.bmdwDone >= 1', { timeout: 180000 });
    const t0 = Date.now();
    await page.click('#v-globe');
    await page.waitForFunction('window.bmdwGlobe && window.bmdwGlobe.entities > 0', { timeout: 120000 });
    const g = await page.evaluate(() => window.bmdwGlobe);
    const packets = JSON.parse(g.czml).length - 1; // the document packet is no entity
    check(g.entities === packets, `3-D globe: the visibility CZML's ${packets} objects on the ` +
      `globe (${g.entities}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await new Promise((r) => setTimeout(r, 3000)); // the imagery tiles settle
    if (shotDir) await page.screenshot({ path: path.join(shotDir, 'web-globe.png') });

    const e0 = await page.evaluate(() => window.bmdwEngaged || 0);
    await page.click('#v-eng');
    await page.waitForFunction((n) => (window.bmdwEngaged || 0) > n, { timeout: 180000 }, e0);
    const eng = await page.evaluate(() => JSON.parse(JSON.stringify(window.bmdw.results.engagement)));
    const yaml = await page.evaluate(() => window.bmdw.scenarioYaml());
    const d = fs.mkdtempSync(path.join(process.cwd(), 'web_page-eng-'));
    fs.writeFileSync(path.join(d, 'scenario.yaml'), yaml);
    const nat = cli(['run', path.join(d, 'scenario.yaml'), '--runs', '1', '--json', '--no-progress']);
    fs.rmSync(d, { recursive: true, force: true });
    const tw = eng.json.threats[0];
    const tn = nat.threats[0];
    // intercept time and altitude: the solvers' tolerances (tests/web/agree.py)
    check(eng.json.interceptors_fired === nat.interceptors_fired && tw.outcome === tn.outcome &&
      (tn.intercept_time_s === null ||
        (Math.abs(tw.intercept_time_s - tn.intercept_time_s) <= 1 + 5e-3 * tn.intercept_time_s &&
         Math.abs(tw.intercept_alt_m - tn.intercept_alt_m) <= 10 + 5e-3 * tn.intercept_alt_m)),
    `3-D engagement: ${tw.outcome} at ${tw.intercept_alt_m} m, ${eng.json.interceptors_fired} ` +
      `interceptor(s) = bmdsim run's ${tn.outcome} at ${tn.intercept_alt_m} m, ${nat.interceptors_fired}`);
    const ge = await page.evaluate(() => window.bmdwGlobe);
    check(ge.czml === eng.res.files['run.czml'] && ge.entities === JSON.parse(ge.czml).length - 1,
      `3-D engagement: run.czml's ${ge.entities} objects on the globe`);
    // the still image: two seconds before the intercept (the threat and the
    // interceptor with their trails; both end at the kill)
    await page.evaluate((t) => window.bmdw.showTime(t), Math.max((tw.intercept_time_s || tw.impact_time_s || 2) - 2, 0));
    await new Promise((r) => setTimeout(r, 3000));
    if (shotDir) await page.screenshot({ path: path.join(shotDir, 'web-engagement.png') });
  } finally {
    await browser.close();
    server.close();
  }
}

// bytes below DIR, without the subtrees named in SKIP (relative paths)
function treeBytes(dir, skip, rel = '') {
  let n = 0;
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (skip.includes(r)) continue;
    n += e.isDirectory() ? treeBytes(dir, skip, r) : fs.statSync(path.join(dir, r)).size;
  }
  return n;
}
// the page's size budget (issue 18: 15 MB without the 3-D imagery, i.e.
// CesiumJS's globe and sky textures)
const BUDGET_BYTES = 15e6;

async function main() {
  const all = treeBytes(siteDir, []);
  const noImagery = treeBytes(siteDir, [path.join('vendor', 'cesium', 'Assets', 'Textures')]);
  check(noImagery <= BUDGET_BYTES, `size: the page ${(noImagery / 1e6).toFixed(1)} MB without the ` +
    `3-D imagery (budget ${BUDGET_BYTES / 1e6} MB), ${(all / 1e6).toFixed(1)} MB in all`);
  const siteUrl = 'file://' + path.resolve(siteDir) + '/';
  const browser = FIREFOX ? await puppeteer.launch({
    // WebDriver BiDi; the network is cut by a proxy that does not exist
    browser: 'firefox', executablePath: FIREFOX, headless: true,
    extraPrefsFirefox: { 'network.proxy.type': 1, 'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9, 'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': 9 },
  }) : await puppeteer.launch({
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
    // 40 km cells: two footprint passes per change (80 km, then 40 km)
    await page.goto(siteUrl + 'index.html#res=40');
    await page.waitForFunction('window.bmdwDone >= 1', { timeout: 180000 });
    const tLoad = Date.now() - t0;
    const r0 = await page.evaluate(() => JSON.parse(JSON.stringify(window.bmdw.results)));
    const timing0 = await page.evaluate(() => window.bmdwTimings);
    console.log(`page: default scenario in ${(tLoad / 1000).toFixed(1)} s (first map ` +
      `${(timing0.firstDraw / 1000).toFixed(2)} s, coarse footprint ${(timing0.coarse / 1000).toFixed(2)} s)`);
    const fp0 = compareWithCli('default', r0);
    if (shotDir && !FIREFOX) await page.screenshot({ path: path.join(shotDir, 'web-default.png') });

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
    if (shotDir && !FIREFOX) await page.screenshot({ path: path.join(shotDir, 'web-moved.png') });

    // the exported scenario reproduces the footprint with the command line
    const yaml = await page.evaluate(() => window.bmdw.scenarioYaml());
    const d = fs.mkdtempSync(path.join(process.cwd(), 'web_page-yaml-'));
    fs.writeFileSync(path.join(d, 'scenario.yaml'), yaml);
    const fy = cli(['footprint', path.join(d, 'scenario.yaml'), '--resolution', st.res + 'km',
      '--json', '--no-progress']);
    fs.rmSync(d, { recursive: true, force: true });
    const flipsY = Math.abs(fy.defended_cells - r1.footprint.json.defended_cells);
    check(flipsY <= Math.max(1, Math.floor(0.01 * fy.defended_cells)) &&
      Math.abs(fy.defended_area_km2 - r1.footprint.json.defended_area_km2) <=
        flipsY * 1.5 * fy.defended_area_km2 / Math.max(fy.defended_cells, 1) +
        1e-9 * fy.defended_area_km2,
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

    // from file:// the 3-D views explain themselves instead of failing
    await page.click('#v-globe');
    const note = await page.$eval('#globe-note', (e) => (e.style.display === 'none' ? '' : e.textContent));
    check(/http\.server/.test(note), 'file://: the 3-D view says how to serve the page');
    await page.click('#v-map');
  } finally {
    await browser.close();
  }
  if (!FIREFOX) await threeD(errors, foreign);
  check(errors.length === 0, `no console or page errors${errors.length ? ': ' + errors.join('; ') : ''}`);
  check(foreign.length === 0, `no request outside the page's files${foreign.length ? ': ' + foreign.join(' ') : ''}`);
  process.exitCode = failures ? 1 : 0;
}

main().catch((e) => {
  console.log('FAIL ' + (e && e.stack ? e.stack : e));
  process.exitCode = 1;
});
