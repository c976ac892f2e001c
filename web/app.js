// app.js: the page's main thread: controls, the map (d3-geo), the share
// link and the YAML export. Every number comes from a bmdsim command run by
// the WebAssembly module in a Web Worker (worker.js); the commands are shown
// so that a reader can run them in a terminal and get the same numbers.
/* global d3, topojson, BMDW_WORLD, BMDW_WORKER_SRC */
'use strict';

// ---- state: defaults are the command line's (bmdsim footprint --help) ----
const DEFAULTS = {
  site: 'seongju', // named site of the battery and radar ('' once moved)
  bat: '36.05,128.23', // LAT,LON of the battery and radar (deg)
  battery: 'thaad',
  radar: 'an-tpy2',
  bore: 322, // deg: the default scenario's face toward north-hwanghae
  alt: 100, // km: coverage altitude (bmdsim coverage's default)
  rcs: 0.01, // m2: bmdsim footprint's, coverage's and visibility's default
  threat: 'nodong',
  launch: 'north-hwanghae', // site name or LAT,LON
  aim: 'busan',
  doctrine: 'shoot',
  reaction: 10, // s: bmdsim footprint's default
  res: 20, // km: the refined footprint's cells
};
// the first, quick footprint pass: about 0.5 CPU-s in the module, so that
// a change redraws everything within a second (bench/bench_web.sh)
const COARSE_KM = 80;
// the page's scenario (scenarioYaml) where the module's `run` reads it, and
// the name the shown command gives it (the export link's file name)
const SCENARIO_FILE = 'scenario.yaml';
const state = Object.assign({}, DEFAULTS);
let catalog = { missiles: [], radars: [], sites: [], interceptors: [] };
const results = {}; // command -> last answer {words, res, json}

function fromHash() {
  const h = new URLSearchParams(location.hash.replace(/^#/, ''));
  for (const k of Object.keys(DEFAULTS)) {
    if (!h.has(k)) continue;
    const v = h.get(k);
    state[k] = typeof DEFAULTS[k] === 'number' ? Number(v) : v;
    if (typeof DEFAULTS[k] === 'number' && !Number.isFinite(state[k])) state[k] = DEFAULTS[k];
  }
}
function toHash() {
  const h = new URLSearchParams();
  for (const k of Object.keys(DEFAULTS)) h.set(k, String(state[k]));
  return '#' + h.toString();
}

// ---- the worker -----------------------------------------------------------
let worker = null;
let pending = new Map(); // id -> {resolve, reject, onLine}
let nextId = 1;
function startWorker() {
  const url = URL.createObjectURL(new Blob([BMDW_WORKER_SRC], { type: 'text/javascript' }));
  worker = new Worker(url);
  URL.revokeObjectURL(url);
  worker.onmessage = (ev) => {
    const m = ev.data;
    const p = pending.get(m.id);
    if (m.type === 'stderr' && p && p.onLine) p.onLine(m.line);
    if (m.type === 'result' && p) {
      pending.delete(m.id);
      p.resolve(m.res);
    }
  };
  worker.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(e.message || 'worker error'));
    pending = new Map();
  };
}
function bmdsim(words, onLine) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, onLine });
    worker.postMessage({ id, words });
  });
}
function writeFile(path, text) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, write: path, text });
  });
}
function readFile(path) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve: (r) => resolve(r.stdout), reject });
    worker.postMessage({ id, read: path });
  });
}
// a change while the worker computes: stop it and start afresh
function restartWorker() {
  worker.terminate();
  for (const p of pending.values()) p.reject(new Error('cancelled'));
  pending = new Map();
  startWorker();
}

// ---- the commands ---------------------------------------------------------
function batWord() {
  return state.site ? state.site : state.bat;
}
function commands(resKm) {
  const radar = ['--radar', state.radar, '--site', batWord(), '--boresight', state.bore + 'deg'];
  const rcs = ['--rcs', state.rcs + 'm2'];
  return {
    coverage: ['coverage', ...radar, ...rcs, '--altitude', state.alt + 'km', '--rays', '360',
      '--samples', '100', '--json', '-o', 'out'],
    visibility: ['visibility', ...radar, ...rcs, '--missile', state.threat, '--from', state.launch,
      '--to', state.aim, '--json', '-o', 'out'],
    engagement: ['run', SCENARIO_FILE, '--runs', '1', '--json', '--no-progress', '-o', 'out'],
    trajectory: ['trajectory', '--missile', state.threat, '--from', state.launch, '--to', state.aim,
      '--json', '-o', 'out'],
    footprint: ['footprint', '--battery', state.battery, ...radar, ...rcs, '--threat', state.threat,
      '--launch', state.launch, '--doctrine', state.doctrine, '--reaction', state.reaction + 's',
      '--resolution', resKm + 'km', '--json', '-o', 'out'],
  };
}
function shellWords(words) {
  return 'bmdsim ' + words.map((w) => (/^[A-Za-z0-9_.,:\/=+-]+$/.test(w) ? w : "'" + w + "'"))
    .join(' ');
}

// ---- status and progress --------------------------------------------------
const $ = (id) => document.getElementById(id);
function status(text, frac) {
  $('status-text').textContent = text;
  if (frac === undefined) $('progress').removeAttribute('value');
  else $('progress').value = frac;
}

let generation = 0; // bumped by every change; stale answers are dropped
let busy = false;
async function compute() {
  const gen = ++generation;
  if (busy) restartWorker();
  busy = true;
  const t0 = performance.now();
  const cmds = commands(COARSE_KM);
  window.bmdwTimings = { start: t0 };
  try {
    status('radar coverage…', 0.05);
    await runOne('coverage', cmds.coverage, gen);
    status('trajectory and what the radar sees of it…', 0.1);
    await runOne('trajectory', cmds.trajectory, gen);
    await runOne('visibility', cmds.visibility, gen);
    window.bmdwTimings.firstDraw = performance.now() - t0;
    const passes = state.res < COARSE_KM ? [COARSE_KM, state.res] : [state.res];
    for (let i = 0; i < passes.length; i++) {
      const words = commands(passes[i]).footprint;
      const label = `footprint, ${passes[i]} km cells (pass ${i + 1} of ${passes.length})`;
      status(label + '…', 0.15);
      await runOne('footprint', words, gen, (line) => {
        const m = /(\d+) of (\d+) cells/.exec(line);
        if (m) status(label + `: ${m[1]} of ${m[2]} cells`, 0.15 + 0.85 * (m[1] / m[2]));
      });
      if (i === 0) window.bmdwTimings.coarse = performance.now() - t0;
    }
    window.bmdwTimings.done = performance.now() - t0;
    if (gen === generation) {
      busy = false;
      status(`done in ${(window.bmdwTimings.done / 1000).toFixed(1)} s`, 1);
      if (view !== 'map' && location.protocol !== 'file:') await update3d();
      window.bmdwDone = gen; // the browser test waits for this
    }
  } catch (e) {
    if (gen === generation) {
      busy = false;
      status(String(e.message || e), 0);
    }
  }
}
async function runOne(name, words, gen, onLine) {
  const res = await bmdsim(words, onLine);
  if (gen !== generation) throw new Error('cancelled');
  let json = null;
  try {
    json = JSON.parse(res.stdout);
  } catch (e) {
    json = null;
  }
  results[name] = { words, res, json };
  if (res.rc !== 0) {
    const msg = res.stderr.filter((l) => l.startsWith('bmdsim:')).join(' ') || 'failed';
    results[name].error = msg;
  }
  draw();
  showNumbers();
  return res;
}

// ---- the 3-D views (CesiumJS, offline) ----------------------------------
// CesiumJS (npm package cesium, pinned in package-lock.json) is copied into
// vendor/cesium by scripts/web-build and loaded only when a 3-D view is
// first opened. The globe's imagery is the low-resolution Natural Earth II
// that CesiumJS ships (Assets/Textures/NaturalEarthII); no Cesium ion token,
// no terrain server, no geocoder: nothing is fetched beyond the page's
// files. What the globe shows are bmdsim's own CZML files: `visibility -o`
// (the trajectory, the arcs the radar sees, the radar's field of regard,
// over the footprint's GeoJSON) and
// `run -o` (one engagement: threat, interceptor and events in time).
// Browsers run CesiumJS's workers and read its tiles only over http(s), so
// from file:// the 3-D views say how to serve the page instead.
let view = 'map'; // 'map' | 'globe' | 'eng'
let viewer = null;
let globeShown = null; // the CZML text on the globe now
let engagementFor = null; // the scenario YAML the engagement was run for
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const e = document.createElement('script');
    e.src = src;
    e.onload = resolve;
    e.onerror = () => reject(new Error('cannot load ' + src));
    document.head.appendChild(e);
  });
}
async function globe() {
  if (viewer) return viewer;
  window.CESIUM_BASE_URL = new URL('vendor/cesium/', location.href).href;
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = 'vendor/cesium/Widgets/widgets.css';
  document.head.appendChild(css);
  await loadScript('vendor/cesium/Cesium.js');
  const C = window.Cesium;
  const imagery = await C.TileMapServiceImageryProvider.fromUrl(
    C.buildModuleUrl('Assets/Textures/NaturalEarthII'));
  viewer = new C.Viewer('globe', {
    baseLayer: new C.ImageryLayer(imagery),
    baseLayerPicker: false, geocoder: false, homeButton: false, sceneModePicker: false,
    navigationHelpButton: false, fullscreenButton: false, infoBox: false,
    selectionIndicator: false, animation: true, timeline: true,
    // draw only when something changes (a software-rendered WebGL, as in
    // the browser test, would otherwise redraw the globe 60 times a second)
    requestRenderMode: true, maximumRenderTimeChange: Infinity, shouldAnimate: false,
  });
  return viewer;
}
// CZML (bmdsim's) and, under it, the defended footprint (footprint.geojson)
async function showGlobe(czml, footprint) {
  const v = await globe();
  const C = window.Cesium;
  if (globeShown === czml + (footprint || '')) return;
  v.dataSources.removeAll();
  if (footprint) {
    const green = C.Color.fromCssColorString('rgb(40, 150, 60)');
    await v.dataSources.add(await C.GeoJsonDataSource.load(JSON.parse(footprint), {
      fill: green.withAlpha(0.35), stroke: green, strokeWidth: 1 }));
  }
  const ds = await C.CzmlDataSource.load(JSON.parse(czml));
  await v.dataSources.add(ds);
  globeShown = czml + (footprint || '');
  // an oblique view from the south, so that the altitudes show
  await v.zoomTo(ds, new C.HeadingPitchRange(0, -0.45, 0));
  window.bmdwGlobe = { entities: ds.entities.values.length, czml };
}
// the globe's clock at SECONDS after the CZML's start (the browser test's
// still image of the engagement just before the intercept)
function showTime(seconds) {
  if (!viewer) return;
  const C = window.Cesium;
  viewer.clock.currentTime = C.JulianDate.addSeconds(viewer.clock.startTime, seconds,
    new C.JulianDate());
  viewer.scene.requestRender();
}
function setView(which) {
  view = which;
  for (const [id, w] of [['v-map', 'map'], ['v-globe', 'globe'], ['v-eng', 'eng']])
    $(id).classList.toggle('on', w === which);
  const file = location.protocol === 'file:';
  const show = (id, on) => { $(id).style.display = on ? '' : 'none'; };
  show('map', which === 'map');
  show('legend', which === 'map');
  show('globe', which !== 'map' && !file);
  show('globe-note', which !== 'map' && file);
  if (which !== 'map' && file) {
    $('globe-note').textContent = 'The 3-D views need the page served over http: browsers ' +
      'run CesiumJS\'s workers and read its globe tiles only from a web server, not from ' +
      'file://. Any static server will do, for example: python3 -m http.server -d ' +
      'build-web/site, then open http://localhost:8000/. The 2-D map works from file://.';
    return;
  }
  update3d().catch((e) => {
    if (e.message !== 'cancelled') status('3-D view: ' + (e.message || e), 0);
  });
}
// the current 3-D view brought up to date with the last answers
async function update3d() {
  if (view === 'globe') {
    const v = results.visibility;
    const f = results.footprint;
    if (v && v.res.files['visibility.czml'])
      await showGlobe(v.res.files['visibility.czml'], f && f.res.files['footprint.geojson']);
  } else if (view === 'eng') {
    const yaml = scenarioYaml();
    if (engagementFor !== yaml) {
      status('one engagement (bmdsim run)…');
      await writeFile(SCENARIO_FILE, yaml);
      const gen = generation;
      const res = await runOne('engagement', commands(COARSE_KM).engagement, gen);
      engagementFor = yaml;
      status(res.rc === 0 ? `engagement flown in ${(res.ms / 1000).toFixed(1)} s` :
        results.engagement.error, res.rc === 0 ? 1 : 0);
    }
    const e = results.engagement;
    if (e && e.res.files['run.czml']) await showGlobe(e.res.files['run.czml']);
    window.bmdwEngaged = (window.bmdwEngaged || 0) + 1; // the browser test waits for this
  }
}

// ---- the map --------------------------------------------------------------
const svg = () => $('map');
const W = 900;
const H = 700;
let projection = null;
let world = null;
const NS = 'http://www.w3.org/2000/svg';
function el(name, attrs, parent) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}
function latlon(text) {
  const m = /^\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)/.exec(text || '');
  return m ? [Number(m[1]), Number(m[2])] : null;
}
function placeOf(word) {
  const s = catalog.sites.find((x) => x.name === word);
  return s ? [s.lat_deg, s.lon_deg] : latlon(word);
}
function fit() {
  const b = latlon(state.bat);
  const l = placeOf(state.launch) || b;
  const pts = [[b[1], b[0]], [l[1], l[0]]];
  const a = placeOf(state.aim);
  if (a) pts.push([a[1], a[0]]);
  projection = d3.geoAzimuthalEquidistant().rotate([-b[1], -b[0]]).precision(0.1);
  // room for the 600 km footprint square and the radar's reach
  const ring = d3.geoCircle().center([b[1], b[0]]).radius(7.5)();
  projection.fitExtent([[20, 20], [W - 20, H - 20]], {
    type: 'GeometryCollection',
    geometries: [ring, { type: 'MultiPoint', coordinates: pts }],
  });
}
// GeoJSON (RFC 7946: exterior rings counter-clockwise) to d3's spherical
// convention (exterior clockwise, holes counter-clockwise)
function rewind(geom) {
  const fixPoly = (rings) => rings.map((r, i) => {
    const big = d3.geoArea({ type: 'Polygon', coordinates: [r] }) > 2 * Math.PI;
    return (i === 0) === big ? r.slice().reverse() : r;
  });
  if (geom.type === 'Polygon') return { type: 'Polygon', coordinates: fixPoly(geom.coordinates) };
  if (geom.type === 'MultiPolygon')
    return { type: 'MultiPolygon', coordinates: geom.coordinates.map(fixPoly) };
  return geom;
}
function geojsonLayer(text, cls, g, path) {
  if (!text) return;
  const fc = JSON.parse(text);
  for (const f of fc.features || []) {
    if (!f.geometry || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon'))
      continue;
    el('path', { d: path(rewind(f.geometry)), class: cls }, g);
  }
}
function draw() {
  if (!projection) fit();
  const path = d3.geoPath(projection);
  const s = svg();
  while (s.firstChild) s.removeChild(s.firstChild);
  el('path', { d: path({ type: 'Sphere' }), class: 'sea' }, s);
  el('path', { d: path(d3.geoGraticule10()), class: 'graticule' }, s);
  if (world) el('path', { d: path(world), class: 'land' }, s);
  const fp = results.footprint;
  if (fp && fp.res.files['footprint.geojson'])
    geojsonLayer(fp.res.files['footprint.geojson'], 'footprint', s, path);
  const cv = results.coverage;
  if (cv && cv.res.files['coverage.geojson'])
    geojsonLayer(cv.res.files['coverage.geojson'], 'coverage', s, path);
  // radar field of regard: boresight and the preset's half-width
  const b = latlon(state.bat);
  const radar = catalog.radars.find((r) => r.name === state.radar);
  if (radar) {
    const reach = (cv && cv.json && cv.json.track_range_m ? Math.min(cv.json.track_range_m,
      radar.instrumented_range_m || Infinity) : 600e3) / 6371e3 * 180 / Math.PI;
    const hw = radar.half_width_deg || 60;
    const pts = [[b[1], b[0]]];
    for (let a = state.bore - hw; a <= state.bore + hw + 1e-9; a += 2)
      pts.push(dest(b, a, reach));
    pts.push([b[1], b[0]]);
    el('path', { d: path({ type: 'LineString', coordinates: pts }), class: 'fan' }, s);
  }
  drawTrajectory(s, path);
  for (const name of new Set([state.aim, 'seoul', 'busan', 'pyeongtaek', 'pyongyang', 'tokyo'])) {
    const p = placeOf(name);
    if (!p) continue;
    const xy = projection([p[1], p[0]]);
    if (!xy) continue;
    el('circle', { cx: xy[0], cy: xy[1], r: 3, class: 'city' }, s);
    el('text', { x: xy[0] + 5, y: xy[1] - 4, class: 'label' }, s).textContent = name;
  }
  const l = placeOf(state.launch);
  if (l) {
    const xy = projection([l[1], l[0]]);
    el('path', { d: `M${xy[0]},${xy[1] - 7}L${xy[0] + 6},${xy[1] + 5}L${xy[0] - 6},${xy[1] + 5}Z`,
      class: 'launch' }, s);
    el('text', { x: xy[0] + 8, y: xy[1] + 4, class: 'label' }, s).textContent = 'launch';
  }
  const bxy = projection([b[1], b[0]]);
  const mk = el('circle', { cx: bxy[0], cy: bxy[1], r: 8, class: 'battery', id: 'battery-marker' }, s);
  mk.addEventListener('pointerdown', startDrag);
  mk.addEventListener('click', (e) => e.stopPropagation()); // the drag's own click
  legend();
}
function dest(b, azDeg, distDeg) { // great-circle destination [lon, lat]
  const d = (distDeg * Math.PI) / 180;
  const az = (azDeg * Math.PI) / 180;
  const la = (b[0] * Math.PI) / 180;
  const lo = (b[1] * Math.PI) / 180;
  const la2 = Math.asin(Math.sin(la) * Math.cos(d) + Math.cos(la) * Math.sin(d) * Math.cos(az));
  const lo2 = lo + Math.atan2(Math.sin(az) * Math.sin(d) * Math.cos(la),
    Math.cos(d) - Math.sin(la) * Math.sin(la2));
  return [(lo2 * 180) / Math.PI, (la2 * 180) / Math.PI];
}
function drawTrajectory(s, path) {
  const tr = results.trajectory;
  if (!tr || !tr.res.files['trajectory.csv']) return;
  // (a '#' line first: the provenance of the file)
  const lines = tr.res.files['trajectory.csv'].trim().split('\n').filter((l) => !l.startsWith('#'));
  const head = lines[0].split(',');
  const it = head.indexOf('t_s');
  const ila = head.indexOf('lat_deg');
  const ilo = head.indexOf('lon_deg');
  const arcs = (results.visibility && results.visibility.json && results.visibility.json.arcs) || [];
  const seen = (t) => arcs.some((a) => t >= a.t_first_s && t <= a.t_last_s);
  let cur = null;
  let curSeen = null;
  const flush = () => {
    if (cur && cur.length > 1)
      el('path', { d: path({ type: 'LineString', coordinates: cur }),
        class: curSeen ? 'traj seen' : 'traj unseen' }, s);
  };
  for (let i = 1; i < lines.length; i++) {
    const c = lines[i].split(',');
    const t = Number(c[it]);
    const p = [Number(c[ilo]), Number(c[ila])];
    const sn = seen(t);
    if (cur === null || sn !== curSeen) {
      flush();
      cur = cur ? [cur[cur.length - 1], p] : [p];
      curSeen = sn;
    } else cur.push(p);
  }
  flush();
}
function legend() {
  $('legend').innerHTML =
    '<span class="sw footprint"></span> defended footprint (every cell the threat may be aimed at) ' +
    `<span class="sw coverage"></span> radar coverage at ${state.alt} km ` +
    '<span class="sw seen"></span> trajectory seen by the radar <span class="sw unseen"></span> not seen';
}

// dragging the battery
let drag = null;
function startDrag(ev) {
  drag = { id: ev.pointerId };
  ev.target.setPointerCapture(ev.pointerId);
  ev.target.addEventListener('pointermove', onDrag);
  ev.target.addEventListener('pointerup', endDrag, { once: true });
  ev.preventDefault();
  ev.stopPropagation();
}
function svgPoint(ev) {
  const r = svg().getBoundingClientRect();
  return [((ev.clientX - r.left) * W) / r.width, ((ev.clientY - r.top) * H) / r.height];
}
function onDrag(ev) {
  const xy = svgPoint(ev);
  ev.target.setAttribute('cx', xy[0]);
  ev.target.setAttribute('cy', xy[1]);
}
function endDrag(ev) {
  ev.target.removeEventListener('pointermove', onDrag);
  drag = null;
  moveTo('battery', projection.invert(svgPoint(ev)));
  ev.stopPropagation();
}
function moveTo(what, lonlat) {
  if (!lonlat) return;
  const txt = `${lonlat[1].toFixed(2)},${lonlat[0].toFixed(2)}`;
  if (what === 'battery') {
    state.bat = txt;
    state.site = '';
  } else state.launch = txt;
  changed();
}

// ---- numbers, commands, assumptions --------------------------------------
function fmt(x, d) {
  return x === null || x === undefined ? '—' : Number(x).toLocaleString('en-US', {
    maximumFractionDigits: d, minimumFractionDigits: d });
}
function showNumbers() {
  const rows = [];
  const add = (k, v, id) => rows.push(`<dt>${k}</dt><dd id="${id}">${v}</dd>`);
  const f = results.footprint;
  if (f && f.json) {
    add('defended area', fmt(f.json.defended_area_km2, 0) + ' km²', 'n-fp-area');
    add('defended cells', `${f.json.defended_cells} of ${f.json.cells} (${f.json.resolution_m / 1000} km)`,
      'n-fp-cells');
  } else if (f && f.error) add('footprint', f.error, 'n-fp-error');
  const c = results.coverage;
  if (c && c.json) {
    add(`coverage area at ${state.alt} km`, fmt(c.json.coverage_area_km2, 0) + ' km²', 'n-cov-area');
    add('track range (one dwell)', fmt(c.json.track_range_m / 1e3, 0) + ' km', 'n-cov-range');
    add('horizon at that altitude', fmt(c.json.horizon_ground_range_m / 1e3, 0) + ' km', 'n-cov-hor');
  } else if (c && c.error) add('coverage', c.error, 'n-cov-error');
  const v = results.visibility;
  if (v && v.json) {
    add('threat flight', `${fmt(v.json.range_m / 1e3, 0)} km, apogee ${fmt(v.json.apogee_alt_m / 1e3,
      0)} km, ${fmt(v.json.flight_time_s, 0)} s`, 'n-vis-flight');
    add('seen by the radar', v.json.visible ? `from t = ${v.json.first_detect_time_s} s for ` +
      `${v.json.track_duration_s} s` : 'never', 'n-vis-seen');
  } else if (v && v.error) add('visibility', v.error, 'n-vis-error');
  const e = results.engagement;
  if (e && e.json && e.json.threats) {
    for (const t of e.json.threats.filter((x) => x.kind === 'warhead'))
      add(`engagement: ${esc(t.name)}`, t.outcome === 'intercepted' ? `intercepted at ` +
        `${fmt(t.intercept_alt_m / 1e3, 0)} km, t = ${fmt(t.intercept_time_s, 0)} s` : esc(t.outcome),
      'n-eng-' + esc(t.name));
    add('interceptors fired', String(e.json.interceptors_fired), 'n-eng-fired');
  } else if (e && e.error) add('engagement', e.error, 'n-eng-error');
  $('numbers').innerHTML = rows.join('');
  $('commands').textContent = ['coverage', 'trajectory', 'visibility', 'footprint', 'engagement']
    .filter((k) => results[k]).map((k) => shellWords(results[k].words)).join('\n');
}
function assumptions() {
  const items = [];
  const m = catalog.missiles.find((x) => x.name === state.threat);
  const r = catalog.radars.find((x) => x.name === state.radar);
  const src = (o) => Object.entries(o.sources || {}).map(([k, v]) => `<i>${k}</i>: ${esc(v)}`)
    .join('; ');
  if (m) items.push(`<b>Threat ${esc(m.label)}</b> (catalog data/catalog/missiles.yaml): ${src(m)}`);
  if (r) items.push(`<b>Radar ${esc(r.label)}</b> (data/catalog/radars.yaml): ${src(r)}`);
  for (const w of [state.site, state.launch, state.aim]) {
    const s = catalog.sites.find((x) => x.name === w);
    if (s) items.push(`<b>${esc(s.label)}</b> ${s.lat_deg}, ${s.lon_deg}: ${esc(s.source)}`);
  }
  items.push(`<b>Interceptor ${esc(state.battery)}</b>: data/catalog/interceptors.yaml (fly-out ` +
    'table from its boost and kill-vehicle model, each value with its source there).');
  items.push('<b>bmdsim defaults</b> (footprint, coverage, visibility --help): target RCS as set ' +
    `(${state.rcs} m², the warhead-sized 0.01 m² of Lewis & Postol 2012 by default), radar look ` +
    'every 1 s, firm track after 3 detections in 5 looks, kill assessment 10 s before a second ' +
    'shot, minimum-energy trajectory, WGS84 Earth, US 1976 standard atmosphere; the threat is ' +
    'aimed at every cell of the footprint in turn. Models and their sources: docs/models/ of the ' +
    'bmdsim repository.');
  items.push('<b>This page</b>: bmdsim\'s C core compiled to WebAssembly (no PLplot, no OpenMP: ' +
    'the same cells in one thread); its numbers agree with the native command line ' +
    '(tests/web/wasm_agree.sh). Map: Natural Earth 1:50m countries (world-atlas), azimuthal ' +
    'equidistant about the battery.');
  $('assumptions').innerHTML = items.map((i) => `<li>${i}</li>`).join('');
}
function esc(s) {
  return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

// ---- the YAML export: a scenario whose `bmdsim footprint` is the page's --
function scenarioYaml() {
  const q = (s) => (/^[a-z0-9-]+$/.test(s) ? s : `"${s}"`);
  return [
    '# bmdsim scenario exported by the bmdsim web page; reproduce its footprint with',
    `#   bmdsim footprint scenario.yaml --resolution ${state.res}km --json`,
    `# (coverage and visibility: the commands listed on the page)`,
    'name: scenario from the bmdsim web page',
    'earth: wgs84',
    'atmosphere: us76',
    'radars:',
    '  - name: radar',
    `    type: ${state.radar}`,
    `    site: ${q(batWord())}`,
    `    boresight: ${state.bore}deg`,
    '    revisit: 1s',
    'batteries:',
    '  - name: battery',
    `    site: ${q(batWord())}`,
    `    interceptor: ${state.battery}`,
    '    launchers: 6',
    '    missiles_per_launcher: 8',
    state.doctrine === 'shoot' ? '    doctrine: {mode: salvo, salvo: 1, kill_assessment: 10s}'
      : '    doctrine: {mode: shoot-look-shoot, salvo: 1, kill_assessment: 10s}',
    `    reaction_time: ${state.reaction}s`,
    '    radar: radar',
    'threats:',
    '  - name: threat',
    `    missile: ${state.threat}`,
    `    launch: {site: ${q(state.launch)}, time: 0s}`,
    `    aim: ${q(state.aim)}`,
    '    trajectory: min-energy',
    `    rcs: ${state.rcs}m2`,
    'tracking: {filter: ekf, initiation: 3/5}',
    '',
  ].join('\n');
}

// ---- controls -------------------------------------------------------------
function options(sel, items, value) {
  sel.innerHTML = items.map(([v, t]) => `<option value="${esc(v)}">${esc(t)}</option>`).join('');
  sel.value = value;
}
function syncControls() {
  $('bat').value = state.bat;
  $('site').value = state.site;
  $('battery').value = state.battery;
  $('radar').value = state.radar;
  $('bore').value = state.bore;
  $('bore-out').textContent = state.bore;
  $('alt').value = state.alt;
  $('rcs').value = state.rcs;
  $('threat').value = state.threat;
  $('launch').value = catalog.sites.some((s) => s.name === state.launch) ? state.launch : '';
  $('launchpt').value = (placeOf(state.launch) || []).map((x) => x.toFixed(2)).join(',');
  $('aim').value = state.aim;
  $('doctrine').value = state.doctrine;
  $('reaction').value = state.reaction;
  $('res').value = String(state.res);
  const share = location.href.replace(/#.*$/, '') + toHash();
  $('share').href = share;
  $('export').href = 'data:text/yaml;charset=utf-8,' + encodeURIComponent(scenarioYaml());
}
let timer = null;
function changed() {
  history.replaceState(null, '', toHash());
  delete results.engagement; // flown for the scenario before this change
  engagementFor = null;
  syncControls();
  assumptions();
  draw();
  clearTimeout(timer);
  timer = setTimeout(compute, 150);
}
function wire() {
  const sites = catalog.sites.map((s) => [s.name, `${s.name} (${s.label})`]);
  options($('site'), [['', '(position below)'], ...sites], state.site);
  options($('battery'), catalog.interceptors.map((n) => [n, n]), state.battery);
  options($('radar'), catalog.radars.map((r) => [r.name, r.label]), state.radar);
  options($('threat'), catalog.missiles.map((m) => [m.name, `${m.label} (${m.class})`]), state.threat);
  options($('launch'), [['', '(point below)'], ...sites], state.launch);
  options($('aim'), sites, state.aim);
  const on = (id, f) => $(id).addEventListener('change', (e) => { f(e.target.value); changed(); });
  on('site', (v) => {
    state.site = v;
    const p = placeOf(v);
    if (p) state.bat = `${p[0]},${p[1]}`;
  });
  on('bat', (v) => { if (latlon(v)) { state.bat = v; state.site = ''; } });
  on('battery', (v) => { state.battery = v; });
  on('radar', (v) => { state.radar = v; });
  $('bore').addEventListener('input', (e) => { $('bore-out').textContent = e.target.value; });
  on('bore', (v) => { state.bore = Number(v); });
  on('alt', (v) => { state.alt = Number(v); });
  on('rcs', (v) => { if (Number(v) > 0) state.rcs = Number(v); });
  on('threat', (v) => { state.threat = v; });
  on('launch', (v) => { if (v) state.launch = v; });
  on('launchpt', (v) => { if (latlon(v)) state.launch = v; });
  on('aim', (v) => { state.aim = v; });
  on('doctrine', (v) => { state.doctrine = v; });
  on('reaction', (v) => { state.reaction = Number(v); });
  on('res', (v) => { state.res = Number(v); });
  svg().addEventListener('click', (ev) => {
    if (drag) return;
    const mode = document.querySelector('input[name=clickmode]:checked').value;
    moveTo(mode, projection.invert(svgPoint(ev)));
  });
  $('refit').addEventListener('click', (e) => { e.preventDefault(); fit(); draw(); });
  $('v-map').addEventListener('click', () => setView('map'));
  $('v-globe').addEventListener('click', () => setView('globe'));
  $('v-eng').addEventListener('click', () => setView('eng'));
  window.addEventListener('hashchange', () => { fromHash(); syncControls(); fit(); compute(); });
}

async function main() {
  fromHash();
  world = topojson.feature(BMDW_WORLD, BMDW_WORLD.objects.countries);
  startWorker();
  const cat = await bmdsim(['catalog', '--json']);
  const sites = await bmdsim(['catalog', '--sites', '--json']);
  // the interceptor names: the catalog file the module reads (no listing command)
  const ics = await readFile('/data/catalog/interceptors.yaml');
  const c = JSON.parse(cat.stdout);
  catalog = { missiles: c.missiles, radars: c.radars, sites: JSON.parse(sites.stdout),
    interceptors: [...ics.matchAll(/^ {2}- name: ([a-z0-9-]+)/gm)].map((x) => x[1]) };
  wire();
  syncControls();
  assumptions();
  fit();
  draw();
  compute();
}
// for the browser test (tests/web/page_test.js): client coordinates of a place
function screenOf(lon, lat) {
  const xy = projection([lon, lat]);
  const r = svg().getBoundingClientRect();
  return [r.left + (xy[0] * r.width) / W, r.top + (xy[1] * r.height) / H];
}
window.bmdw = { state, results, commands, scenarioYaml, moveTo, changed, compute, screenOf, setView,
  showTime };
main().catch((e) => status('error: ' + e.message, 0));
