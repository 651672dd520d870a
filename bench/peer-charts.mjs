// Side-by-side benchmark of three cards drawing a 7-day chart of ONE entity, in Debian's Chromium:
//   vitals      our vitals-history-card, built fresh from src/ (rollup.config.mjs, into a temp dir)
//   miniGraph   kalkih/mini-graph-card   } built from their public sources, loaded at bench time
//   apexcharts  RomRider/apexcharts-card } from ../shared/peers (PEERS_DIR); never copied here
// with N ∈ {1,000, 10,000, 100,000} samples of a realistic signal (daily cycle + noise) evenly
// spread over the last 7 days, plus a 30-day chart of a 10 s sensor (259,200 samples: raw history
// for the last 10 days, hourly long-term statistics before) for our card alone.
//
// Every card gets the same static page (bench/peer-page/), served with its code by a tiny local
// HTTP server, and the same in-memory `hass` (bench/peer-page/harness.js). The server plays Home
// Assistant: websocket commands (POST /ws: subscribe_entities, history/history_during_period,
// recorder/statistics_during_period) and REST history (GET /api/history/period/…), answered in the
// formats Home Assistant uses, with its recorder's raw retention (10 days). Rows are serialised
// before the run, so the server's own time stays out of the figures as far as possible.
//
// 7 interleaved runs (card order rotated per run, a fresh browser context — page and storage —
// per card and run); medians per card and N. What is measured and what "painted" means per card:
// bench/peer-page/harness.js and bench/NOTES.md.
//
// Alone: `node bench/run.mjs historyPeers` (writes its section of results.json), or
// `node bench/peer-charts.mjs` (prints only). PEER_RUNS, PEER_SIZES (e.g. 1000,100000), PEERS_DIR,
// VITALS_ROOT (build "ours" from another checkout, e.g. an exported older commit) for quick looks.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve, dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { registerBenchmark } from './registry.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const PEERS_DIR = resolve(process.env.PEERS_DIR ?? resolve(root, '../shared/peers'));
const PAGE_DIR = resolve(here, 'peer-page');
/** The checkout whose src/ is built as "ours" (default this one; e.g. an exported older commit to compare). */
const VITALS_ROOT = resolve(process.env.VITALS_ROOT ?? root);

const DAY = 86_400_000;
const HOUR = 3_600_000;
const RUNS = Number(process.env.PEER_RUNS ?? 7);
const SIZES = (process.env.PEER_SIZES ?? '1000,10000,100000').split(',').map(Number);
const ENTITY = 'sensor.x';
const ATTRIBUTES = { unit_of_measurement: '%', friendly_name: 'Bench sensor', state_class: 'measurement' };
/** The live state pushed after the load: far above the signal, so every card must show exactly it. */
const LIVE_VALUE = 97.5;

const CARDS = {
  vitals: {
    label: 'vitals-history-card',
    tag: 'vitals-history-card',
    config: { type: 'custom:vitals-history-card', entities: [ENTITY], hours_to_show: 168 },
    format: 'ws',
    builtInUpdateDelayMs: 0,
  },
  miniGraph: {
    label: 'mini-graph-card',
    tag: 'mini-graph-card',
    config: { type: 'custom:mini-graph-card', entities: [ENTITY], hours_to_show: 168, points_per_hour: 60 },
    script: '/peers/mini-graph-card/mini-graph-card-bundle.js',
    format: 'restMinimal',
    // set hass → setTimeout(updateData, 1000) once loaded, then a REST re-fetch of the new part
    builtInUpdateDelayMs: 1000,
  },
  apexcharts: {
    label: 'apexcharts-card',
    tag: 'apexcharts-card',
    config: { type: 'custom:apexcharts-card', graph_span: '7d', series: [{ entity: ENTITY }] },
    script: '/peers/apexcharts-card/apexcharts-card.js',
    format: 'restFull',
    // set hass → setTimeout(_updateData, update_delay = 1500 ms by default), then a REST re-fetch
    builtInUpdateDelayMs: 1500,
  },
};
const CARD_NAMES = Object.keys(CARDS);

// ---- our bundle ---------------------------------------------------------------------------------

/**
 * Builds src/ with rollup's JS API and rollup.config.mjs, into a temp directory (never dist/: it is
 * checked against fresh builds). Returns the entry and the lazily imported chunks the history card
 * needs (its own code, chart.js, the history cache, the anomaly detectors, the forecast), which the
 * page loads before the measurement like the peers' single bundles.
 */
async function buildOurs() {
  const { rollup } = await import('rollup');
  const config = (await import(pathToFileURL(resolve(VITALS_ROOT, 'rollup.config.mjs')).href)).default;
  const dir = mkdtempSync(join(tmpdir(), 'ha-vitals-peer-bench-'));
  const cwd = process.cwd();
  process.chdir(VITALS_ROOT); // the config's paths (entry, tsconfig) are relative to the repository
  try {
    const input = Object.fromEntries(Object.entries(config.input).map(([k, v]) => [k, resolve(VITALS_ROOT, v)]));
    const bundle = await rollup({ ...config, input, onwarn: () => {} });
    const { output } = await bundle.write({ ...config.output, dir });
    await bundle.close();
    const entry = output.find((o) => o.type === 'chunk' && o.isEntry);
    const lazy = output.filter((o) => o.type === 'chunk' && o.isDynamicEntry && /chart-setup|history-cache|vitals-history-card|anomalies|forecast/.test(o.facadeModuleId ?? o.name));
    return { dir, scripts: [entry, ...lazy].map((o) => `/vitals/${o.fileName}`), builtFrom: provenance() };
  } finally {
    process.chdir(cwd);
  }
}

/** Which source was measured: the commit, and whether src/ had uncommitted changes (others edit it concurrently). */
function provenance() {
  const git = (...args) => execFileSync('git', ['-C', VITALS_ROOT, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).length;
    return dirty ? `${commit} + ${dirty} uncommitted change(s) in src/` : commit;
  } catch {
    return process.env.VITALS_LABEL ?? `${VITALS_ROOT} (not a git checkout)`;
  }
}

// ---- data ---------------------------------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * n samples evenly spread over [end − span, end): a daily cycle (40 ± 12 %) plus Gaussian noise
 * (σ 2.5) and a slow drift, two decimals. The values depend only on (n, span), so every card gets
 * exactly the same data; only the timestamps follow the run's clock.
 */
function makeSamples(n, spanMs, end) {
  const random = mulberry32(0x5eed + n);
  const times = new Array(n);
  const values = new Array(n);
  const step = spanMs / n;
  const days = spanMs / DAY;
  for (let i = 0; i < n; i++) {
    const phase = (i / n) * days * 2 * Math.PI;
    const noise = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    times[i] = Math.round(end - spanMs + i * step);
    values[i] = Math.round((40 - 12 * Math.cos(phase) + 3 * Math.sin(phase / days / 2) + 2.5 * noise) * 100) / 100;
  }
  return { times, values };
}

const iso = (t) => new Date(t).toISOString().replace('Z', '+00:00');

/**
 * What the recorder holds for one entity, and its answers in Home Assistant's formats. Raw states
 * are kept `retentionMs` (the recorder's purge_keep_days, 10 days); long-term statistics for
 * everything. Row strings are built before the run (`prepare`) so requests only slice and join.
 */
class Recorder {
  constructor({ n, spanMs, end = Date.now(), retentionMs = 10 * DAY }) {
    Object.assign(this, makeSamples(n, spanMs, end));
    this.end = end;
    this.rawFrom = end - retentionMs;
    this.rows = {};
  }

  get latest() {
    const i = this.times.length - 1;
    return { t: this.times[i], v: this.values[i] };
  }

  row(format, t, v) {
    const s = JSON.stringify(String(v));
    if (format === 'ws') return `{"s":${s},"lu":${t / 1000}}`;
    if (format === 'restMinimal') return `{"state":${s},"last_changed":"${iso(t)}"}`;
    const stamp = iso(t);
    return `{"entity_id":"${ENTITY}","state":${s},"attributes":${this.attrs ?? (this.attrs = JSON.stringify(ATTRIBUTES))},"last_changed":"${stamp}","last_updated":"${stamp}"}`;
  }

  prepare(format) {
    this.rows[format] ??= this.times.map((t, i) => this.row(format, t, this.values[i]));
  }

  push(t, v) {
    this.times.push(t);
    this.values.push(v);
    for (const format of Object.keys(this.rows)) this.rows[format].push(this.row(format, t, v));
  }

  /** First index with time ≥ t. */
  lowerBound(t) {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Raw history for [start, end]: the state in force at `start` (stamped at `start`, as Home
   * Assistant does), unless `skipInitial` or it was purged, then every state in the range.
   */
  history(format, start, end, { skipInitial = false, attributes = true } = {}) {
    this.prepare(format);
    const from = Math.max(start, this.rawFrom);
    let a = this.lowerBound(from);
    const b = this.lowerBound(end + 1);
    const parts = [];
    let first = true;
    const firstRow = (t, v) => {
      first = false;
      if (format === 'ws') return `{"s":${JSON.stringify(String(v))},"a":${attributes ? JSON.stringify(ATTRIBUTES) : '{}'},"lu":${t / 1000}}`;
      const stamp = iso(t);
      return `{"entity_id":"${ENTITY}","state":${JSON.stringify(String(v))},"attributes":${attributes ? JSON.stringify(ATTRIBUTES) : '{}'},"last_changed":"${stamp}","last_updated":"${stamp}"}`;
    };
    if (!skipInitial && a > 0 && this.times[a - 1] >= this.rawFrom && (a >= this.times.length || this.times[a] > start)) {
      parts.push(firstRow(start, this.values[a - 1]));
    }
    if (a < b && first && format !== 'restFull') {
      parts.push(firstRow(this.times[a], this.values[a]));
      a++;
    }
    const rows = this.rows[format];
    const body = parts.concat(rows.slice(a, b)).join(',');
    return `[${body}]`;
  }

  /** Long-term statistics rows (epoch-ms start/end, HA ≥ 2023.3) of the completed periods in [start, end). */
  statistics(start, end, periodMs, types) {
    const rows = [];
    const want = (k) => !types || types.includes(k);
    for (let p = Math.floor(start / periodMs) * periodMs; p < end; p += periodMs) {
      if (p + periodMs > this.end) break;
      const a = this.lowerBound(p);
      const b = this.lowerBound(p + periodMs);
      if (a >= b) continue;
      let sum = 0;
      let min = Infinity;
      let max = -Infinity;
      for (let i = a; i < b; i++) {
        const v = this.values[i];
        sum += v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const row = { start: p, end: p + periodMs };
      if (want('mean')) row.mean = sum / (b - a);
      if (want('min')) row.min = min;
      if (want('max')) row.max = max;
      rows.push(row);
    }
    return rows;
  }
}

const PERIODS = { '5minute': 300_000, hour: HOUR, day: DAY, week: 7 * DAY, month: 30 * DAY };

// ---- the fake Home Assistant server -------------------------------------------------------------

function startServer(ours) {
  const state = { recorder: undefined, served: { ws: 0, rest: 0 } };
  const send = (res, status, type, body) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  const file = (res, base, rel, type = 'text/javascript') => {
    const path = normalize(join(base, rel));
    if (!path.startsWith(base + sep) || !existsSync(path)) return send(res, 404, 'text/plain', 'not found');
    send(res, 200, type, readFileSync(path));
  };
  const readBody = (req) =>
    new Promise((r) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => r(Buffer.concat(chunks).toString('utf8')));
    });

  const wsAnswer = (message) => {
    const rec = state.recorder;
    switch (message.type) {
      case 'subscribe_entities': {
        // The answer's first event: the current state of each subscribed entity, compressed.
        const { t, v } = rec.latest;
        return JSON.stringify({ a: { [ENTITY]: { s: String(v), a: ATTRIBUTES, lc: t / 1000 } } });
      }
      case 'history/history_during_period': {
        const start = Date.parse(message.start_time);
        const end = message.end_time ? Date.parse(message.end_time) : Date.now();
        const ids = message.entity_ids ?? [];
        const parts = ids.filter((id) => id === ENTITY).map((id) => `${JSON.stringify(id)}:${rec.history('ws', start, end, { attributes: !message.no_attributes })}`);
        return `{${parts.join(',')}}`;
      }
      case 'recorder/statistics_during_period': {
        const start = Date.parse(message.start_time);
        const end = message.end_time ? Date.parse(message.end_time) : Date.now();
        const period = PERIODS[message.period] ?? HOUR;
        const out = {};
        for (const id of message.statistic_ids ?? []) if (id === ENTITY) out[id] = rec.statistics(start, end, period, message.types);
        return JSON.stringify(out);
      }
      default:
        return 'null';
    }
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://bench');
    const path = decodeURIComponent(url.pathname);
    try {
      if (path === '/' || path === '/index.html') return file(res, PAGE_DIR, 'index.html', 'text/html');
      if (path === '/harness.js') return file(res, PAGE_DIR, 'harness.js');
      if (path === '/favicon.ico') return send(res, 204, 'text/plain', '');
      if (path.startsWith('/vitals/')) return file(res, ours.dir, path.slice('/vitals/'.length));
      if (path.startsWith('/peers/')) return file(res, PEERS_DIR, path.slice('/peers/'.length));
      if (path === '/ws' && req.method === 'POST') {
        const message = JSON.parse(await readBody(req));
        state.served.ws++;
        return send(res, 200, 'application/json', `{"id":1,"type":"result","success":true,"result":${wsAnswer(message)}}`);
      }
      if (path === '/push' && req.method === 'POST') {
        const { t, v } = JSON.parse(await readBody(req));
        state.recorder.push(t, v);
        return send(res, 200, 'application/json', 'true');
      }
      if (path.startsWith('/api/history/period')) {
        // GET /api/history/period[/<start>]?filter_entity_id=…&end_time=…&minimal_response&no_attributes&skip_initial_state
        state.served.rest++;
        const q = url.searchParams;
        const rest = path.slice('/api/history/period'.length).replace(/^\//, '');
        const start = rest ? Date.parse(rest) : Date.now() - DAY;
        const end = q.has('end_time') ? Date.parse(q.get('end_time')) : start + DAY; // HA: one day when not given
        const ids = (q.get('filter_entity_id') ?? '').split(',');
        if (!ids.includes(ENTITY)) return send(res, 200, 'application/json', '[]');
        const minimal = q.has('minimal_response');
        const body = state.recorder.history(minimal ? 'restMinimal' : 'restFull', start, end, {
          skipInitial: q.has('skip_initial_state'),
          attributes: !q.has('no_attributes'),
        });
        return send(res, 200, 'application/json', `[${body}]`);
      }
      send(res, 404, 'text/plain', 'not found');
    } catch (err) {
      send(res, 500, 'text/plain', String(err?.stack ?? err));
    }
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ server, state, url: `http://127.0.0.1:${server.address().port}/` })));
}

// ---- runs ---------------------------------------------------------------------------------------

/** One card, one N, a fresh browser context; a failure is recorded as the run's error. */
async function runOne(browser, site, ours, card, options) {
  try {
    return await runOnce(browser, site, ours, card, options);
  } catch (err) {
    return { card, error: String(err.message ?? err).split('\n')[0].slice(0, 300) };
  }
}

async function runOnce(browser, site, ours, card, { n, spanMs, config = CARDS[card].config, retentionMs }) {
  const spec = CARDS[card];
  const recorder = new Recorder({ n, spanMs, end: Date.now(), retentionMs });
  recorder.prepare(spec.format);
  site.state.recorder = recorder;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e.message ?? e).slice(0, 200)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text().slice(0, 200)));
    await page.goto(site.url);
    await page.waitForFunction(() => window.benchReady === true);
    await page.evaluate(([scripts, tag]) => window.benchLoad(scripts, tag), [spec.script ? [spec.script] : ours.scripts, spec.tag]);
    const result = await page.evaluate((args) => window.benchRun(args), {
      card,
      config,
      dataset: { entityId: ENTITY, attributes: ATTRIBUTES, latest: recorder.latest },
      live: { v: LIVE_VALUE },
    });
    if (errors.length) result.pageErrors = errors.slice(0, 5);
    return result;
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const round = (x, d = 1) => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d);

function summarise(runs) {
  const ok = runs.filter((r) => r.firstPaintMs !== undefined);
  const m = (k) => median(ok.map((r) => r[k]));
  return {
    firstPaintMs: round(m('firstPaintMs')),
    requestAtMs: round(m('requestAtMs')),
    drawnFromMs: m('drawnFromMs') === null ? null : Math.round(m('drawnFromMs')),
    drawnFromDays: round(m('drawnFromMs') === null ? null : m('drawnFromMs') / DAY, 2),
    windowCoverage: round(m('windowCoverage'), 3),
    heapAddedMiB: round(m('heapAddedMiB'), 2),
    longTasks: m('longTasks'),
    longTaskMs: round(m('longTaskMs')),
    liveUpdateMs: round(m('liveUpdateMs')),
    runs: runs.length,
    failed: runs.length - ok.length + runs.filter((r) => r.firstPaintMs !== undefined && r.liveUpdateMs === undefined).length,
    ...(runs.some((r) => r.error) ? { errors: [...new Set(runs.map((r) => r.error).filter(Boolean))] } : {}),
    ...(runs.some((r) => r.pageErrors) ? { pageErrors: [...new Set(runs.flatMap((r) => r.pageErrors ?? []))].slice(0, 3) } : {}),
    ...(ok[0]?.ink !== undefined ? { canvasInkPixels: median(ok.map((r) => r.ink)) } : {}),
    ...(ok[0]?.requestCounts ? { requests: ok[0].requestCounts } : {}),
  };
}

const fmt = (x, d = 0) => (x === null || x === undefined ? '—' : x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));

function table(result) {
  const lines = [];
  const head = ['N', 'card', 'first paint ms', 'request at ms', 'drawn from (d)', 'coverage', 'heap +MiB', 'long tasks (ms)', 'live update ms'];
  const rows = [];
  for (const n of SIZES) {
    for (const card of CARD_NAMES) {
      const s = result[n][card];
      rows.push([fmt(n), CARDS[card].label, fmt(s.firstPaintMs, 1), fmt(s.requestAtMs, 1), fmt(s.drawnFromDays, 2), fmt(s.windowCoverage, 3), fmt(s.heapAddedMiB, 2), `${fmt(s.longTasks)} (${fmt(s.longTaskMs)})`, fmt(s.liveUpdateMs, 1)]);
    }
  }
  const t = result.thirtyDay;
  rows.push([`${fmt(t.samples)} / 30 d`, 'vitals-history-card', fmt(t.firstPaintMs, 1), fmt(t.requestAtMs, 1), fmt(t.drawnFromDays, 2), fmt(t.windowCoverage, 3), fmt(t.heapAddedMiB, 2), `${fmt(t.longTasks)} (${fmt(t.longTaskMs)})`, fmt(t.liveUpdateMs, 1)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  lines.push(line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line));
  lines.push('');
  for (const n of SIZES) {
    lines.push(`N=${fmt(n)}: first paint ${fmt(result.ratios.firstPaintVsMiniGraph[n], 1)}× faster than mini-graph-card, ${fmt(result.ratios.firstPaintVsApex[n], 1)}× faster than apexcharts-card`);
  }
  lines.push('targets: ' + Object.entries(result.targets).map(([k, v]) => `${k} ${v.met ? 'met' : 'NOT met'} (${fmt(v.value, 3)} vs ${v.target})`).join('; '));
  return lines.join('\n');
}

export { buildOurs, startServer, runOne, Recorder, CARDS };

export async function historyPeersBenchmark({ log = (s) => process.stdout.write(s) } = {}) {
  for (const card of CARD_NAMES) {
    const script = CARDS[card].script;
    if (script && !existsSync(join(PEERS_DIR, script.slice('/peers/'.length)))) {
      return { skipped: `peer bundle missing: ${join(PEERS_DIR, script.slice('/peers/'.length))} (see ../shared/peers/SOURCE.md, or set PEERS_DIR)` };
    }
  }
  const started = Date.now();
  let ours;
  try {
    ours = await buildOurs();
  } catch (err) {
    // src/ is edited concurrently: a build caught mid-edit fails this section, not the whole bench.
    log(`\n  build of src/ failed: ${err.message}\n`);
    return { error: `build of src/ failed: ${String(err.message).slice(0, 300)}` };
  }
  const site = await startServer(ours);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
  const raw = Object.fromEntries(SIZES.map((n) => [n, Object.fromEntries(CARD_NAMES.map((c) => [c, []]))]));
  const thirty = [];
  try {
    log(`\n  ours: built from ${ours.builtFrom}\n`);
    for (let run = 0; run < RUNS; run++) {
      const order = CARD_NAMES.map((_, i) => CARD_NAMES[(i + run) % CARD_NAMES.length]);
      for (const n of SIZES) {
        for (const card of order) {
          const r = await runOne(browser, site, ours, card, { n, spanMs: 7 * DAY });
          raw[n][card].push(r);
          if (r.error) log(`  [run ${run + 1} ${card} N=${n}] ${r.error}\n`);
        }
      }
      // The 30-day chart of a 10 s sensor, ours only.
      thirty.push(
        await runOne(browser, site, ours, 'vitals', {
          n: 259_200,
          spanMs: 30 * DAY,
          retentionMs: 10 * DAY,
          config: { type: 'custom:vitals-history-card', entities: [ENTITY], hours_to_show: 720 },
        }),
      );
      log(`  run ${run + 1}/${RUNS} done (${Math.round((Date.now() - started) / 1000)} s)\n`);
    }
  } finally {
    await browser.close();
    site.server.close();
    rmSync(ours.dir, { recursive: true, force: true });
  }

  const result = {
    description:
      '7-day chart of one entity, N samples (daily cycle + noise) evenly over the window; our vitals-history-card (fresh build of src/) vs mini-graph-card and apexcharts-card (../shared/peers), same page and fake hass, Chromium; medians of interleaved runs, a fresh page per card and run',
    peers: {
      miniGraph: 'kalkih/mini-graph-card 0.13.0 (f203f48), {entities: [sensor.x], hours_to_show: 168, points_per_hour: 60}',
      apexcharts: 'RomRider/apexcharts-card 2.2.3 (6d3f1e9), {graph_span: 7d, series: [{entity: sensor.x}]}',
    },
    oursBuiltFrom: ours.builtFrom,
    runs: RUNS,
    sizes: SIZES,
  };
  for (const n of SIZES) {
    result[n] = Object.fromEntries(CARD_NAMES.map((c) => [c, { ...summarise(raw[n][c]), builtInUpdateDelayMs: CARDS[c].builtInUpdateDelayMs }]));
  }
  const ratio = (a, b) => (a && b ? round(a / b, 2) : null);
  result.ratios = {
    firstPaintVsMiniGraph: Object.fromEntries(SIZES.map((n) => [n, ratio(result[n].miniGraph.firstPaintMs, result[n].vitals.firstPaintMs)])),
    firstPaintVsApex: Object.fromEntries(SIZES.map((n) => [n, ratio(result[n].apexcharts.firstPaintMs, result[n].vitals.firstPaintMs)])),
  };
  result.thirtyDay = {
    description: '30-day chart (hours_to_show 720) of a 10 s sensor: raw history only for the last 10 days (recorder retention), hourly statistics (mean/min/max) before; ours only',
    samples: 259_200,
    ...summarise(thirty),
  };
  const big = Math.max(...SIZES);
  const small = Math.min(...SIZES);
  const target = (value, t, met) => ({ value, target: t, met: value !== null && value !== undefined && met });
  result.targets = {
    [`coverage${big}`]: target(result[big].vitals.windowCoverage, '≥ 0.99', result[big].vitals.windowCoverage >= 0.99),
    [`firstPaint${big}VsMiniGraph`]: target(result.ratios.firstPaintVsMiniGraph[big], '≥ 5×', result.ratios.firstPaintVsMiniGraph[big] >= 5),
    [`firstPaint${big}VsApex`]: target(result.ratios.firstPaintVsApex[big], '≥ 8×', result.ratios.firstPaintVsApex[big] >= 8),
    ...(small === big
      ? {}
      : {
          [`firstPaint${small}VsMiniGraph`]: target(result.ratios.firstPaintVsMiniGraph[small], '> 1×', result.ratios.firstPaintVsMiniGraph[small] > 1),
          [`firstPaint${small}VsApex`]: target(result.ratios.firstPaintVsApex[small], '> 1×', result.ratios.firstPaintVsApex[small] > 1),
        }),
    thirtyDayCoverage: target(result.thirtyDay.windowCoverage, '≥ 0.99', result.thirtyDay.windowCoverage >= 0.99),
    thirtyDayHeapMiB: target(result.thirtyDay.heapAddedMiB, '≤ 5', result.thirtyDay.heapAddedMiB <= 5),
  };
  result.wallSeconds = Math.round((Date.now() - started) / 1000);
  log(table(result) + '\n');
  return result;
}

registerBenchmark('historyPeers', historyPeersBenchmark);

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await historyPeersBenchmark();
  if (process.env.PEER_JSON) console.log(JSON.stringify(result, null, 2));
}
