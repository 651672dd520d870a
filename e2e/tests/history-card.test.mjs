// vitals-history-card on a dense week (issue: a 7-day chart of a sensor sampled every 6 s drew only
// the last days, kept chart.js's 2:1 aspect ratio beside a blank strip, and its legend showed a
// thinned-out point instead of the current state), against the real Home Assistant of the lane:
//
//   history_week_drawn_from_start_min  minutes from the window's start (now − 168 h) to the earliest
//                                      drawn point (asserted |x| ≤ 1 % of the window = 100.8 min;
//                                      negative: the point before the window the line enters from)
//   history_week_coverage              share of the window the series' points span (0–1)
//   history_chart_width_ratio          canvas CSS width / ha-card content width at 1280×900 (≥ 0.9)
//   history_chart_width_ratio_narrow   the same at a 400 px wide viewport (≥ 0.9)
//   history_legend_shows_state         the legend's number is the entity's current state
//   history_first_paint_ms             navigation → the chart has the history drawn (informational)
//
// 100,000 states over the past 7 days (one every ~6 s) are written into the recorder's SQLite
// database by seedRecorderStates() (e2e/lib/recorder-seed.mjs) in the fixture's setup; the current
// state (5.36 %, far from the history's last sample and never one of its values) is set last over
// REST. The chart is read from chart.js itself: the card's `chart`, or the `chart` of a
// <vitals-time-chart> inside the card's shadow root.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedRecorderStates, useDashboard, waitFor } from '../lib/index.mjs';

const ENTITY = 'sensor.e2e_dense_week';
const NAME = 'E2E dense week';
const ATTRS = { unit_of_measurement: '%', friendly_name: NAME };
const HOUR = 3_600_000;
const HOURS = 168;
const WINDOW_MS = HOURS * HOUR;
const SAMPLES = 100_000;
const CURRENT = 5.36; // set over REST after the seeding: the entity's current state
const LAST_SEEDED = 62.5; // the history's newest sample, far from CURRENT
const NARROW = { width: 400, height: 900 };
const card = { type: 'custom:vitals-history-card', title: 'Dense week', entities: [ENTITY], hours_to_show: HOURS };

/**
 * A CPU-like week, deterministic: a daily swing of 17–53 % plus noise (never below 6.5); in the
 * last 2 hours an idle dip to 1–3 % every 10th sample (~1 min), so the newest stretch a pixel of
 * the chart covers holds values both below and above CURRENT (a min/max-thinned chart does not end
 * on the current state); the newest sample is LAST_SEEDED. No sample equals CURRENT, and no two
 * consecutive samples are equal (the recorder's minimal history answer drops repeats).
 */
function denseWeek(end) {
  let seed = 0x5eed;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const start = end - WINDOW_MS;
  const step = (end - start) / (SAMPLES - 1);
  const out = new Array(SAMPLES);
  let previous = null;
  for (let i = 0; i < SAMPLES; i++) {
    const t = Math.round(start + i * step);
    let v;
    if (i === SAMPLES - 1) v = LAST_SEEDED;
    else if (t > end - 2 * HOUR && i % 10 === 3) v = 1 + 2 * random();
    else v = Math.max(6.5, 35 + 18 * Math.sin((2 * Math.PI * (t % 86_400_000)) / 86_400_000) + 16 * (random() - 0.5));
    v = Number(v.toFixed(2));
    if (v === previous) v = Number((v + 0.01).toFixed(2));
    out[i] = [t, v];
    previous = v;
  }
  return out;
}

let seeded; // {start, end, result of seedRecorderStates, ms}

const ha = useDashboard({
  mqtt: false,
  async setup(h) {
    const end = Date.now() - 5000;
    const samples = denseWeek(end);
    const t0 = Date.now();
    const result = await seedRecorderStates(h, ENTITY, samples, { attributes: ATTRS });
    seeded = { start: samples[0][0], end: samples.at(-1)[0], result, ms: Date.now() - t0 };
    await h.lane.setState(ENTITY, CURRENT, ATTRS); // last: the entity's current state
    await h.lane.flushRecorder();
  },
  cards: [card],
  browsers: 0, // the tests open their own contexts (navigation is timed)
});
const LANE = ha.laneName;

// ------------------------------------------------------------------ page side

/**
 * Runs in the page: what the history card shows. The chart.js instance is the card's `chart` or,
 * once chart.js lives in a child element, the `chart` of a <vitals-time-chart> in its shadow root.
 * Data points are {x, y} in epoch ms; `first`/`last` are over the numeric points of each dataset.
 */
function readHistoryCard({ hours }) {
  const deep = (root, pred) => {
    for (const el of root.querySelectorAll('*')) {
      if (pred(el)) return el;
      if (el.shadowRoot) {
        const found = deep(el.shadowRoot, pred);
        if (found) return found;
      }
    }
    return null;
  };
  const cardEl = deep(document, (el) => el.localName === 'vitals-history-card');
  if (!cardEl) return { card: false };
  const root = cardEl.shadowRoot;
  let chart = (cardEl.card ?? cardEl).chart; // `card`: the loaded card inside the element HA created
  let chartHost = chart ? 'vitals-history-card' : null;
  if (!chart && root) {
    const child = deep(root, (el) => el.localName === 'vitals-time-chart');
    if (child?.chart) {
      chart = child.chart;
      chartHost = 'vitals-time-chart';
    }
  }
  const haCard = root?.querySelector('ha-card') ?? null;
  let contentWidth = null;
  if (haCard) {
    const cs = getComputedStyle(haCard);
    contentWidth = haCard.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  }
  const legendEl = root ? root.querySelector('.legend-value') ?? deep(root, (el) => el.classList?.contains('legend-value')) : null;
  const now = Date.now();
  const out = {
    card: true,
    chartHost,
    now,
    windowStart: now - hours * 3_600_000,
    cardWidth: haCard ? haCard.getBoundingClientRect().width : null,
    contentWidth,
    legend: legendEl ? legendEl.textContent.replace(/\s+/g, ' ').trim() : null,
    datasets: [],
  };
  if (!chart) return out;
  const rect = chart.canvas?.getBoundingClientRect();
  out.canvasWidth = rect ? rect.width : null;
  out.canvasHeight = rect ? rect.height : null;
  out.chartSize = [chart.width, chart.height];
  out.xScale = chart.scales?.x ? [chart.scales.x.min, chart.scales.x.max] : null;
  out.datasets = (chart.data?.datasets ?? []).map((ds) => {
    let n = 0;
    let first = null;
    let last = null;
    let lastY = null;
    for (const p of ds.data ?? []) {
      const x = p?.x instanceof Date ? p.x.getTime() : p?.x;
      const y = p?.y;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      n++;
      if (first === null || x < first) first = x;
      if (last === null || x >= last) {
        last = x;
        lastY = y;
      }
    }
    return { label: ds.label ?? null, n, total: ds.data?.length ?? 0, first, last, lastY };
  });
  return out;
}

/** Installs readHistoryCard in every page of a context as window.__e2eReadHistoryCard (before navigating). */
const installReader = (tab) => tab.context.addInitScript({ content: `window.__e2eReadHistoryCard = ${readHistoryCard.toString()};` });
const read = (page) => page.evaluate((arg) => window.__e2eReadHistoryCard(arg), { hours: HOURS });
/** The dataset of the entity (by its label, else the first one). */
const seriesOf = (r) => r?.datasets?.find((d) => d.label === NAME) ?? r?.datasets?.[0] ?? null;

/** Wait until the card's canvas and ha-card widths hold still (layout, ResizeObserver, chart resize). */
async function settledWidths(page, { timeoutMs = 15000 } = {}) {
  let last = null;
  let same = 0;
  let r = null;
  await waitFor(
    async () => {
      r = await read(page);
      const key = r.canvasWidth && r.contentWidth ? `${r.canvasWidth.toFixed(1)}|${r.contentWidth.toFixed(1)}` : null;
      same = key && key === last ? same + 1 : 0;
      last = key;
      return same >= 3;
    },
    { timeoutMs, intervalMs: 300, what: 'stable chart and card widths' },
  ).catch(() => {});
  return r;
}

/** Open a context at `viewport`, navigate, and wait until the chart has the history drawn. */
async function openCard(viewport) {
  const tab = await ha.newPage({ open: false, ...(viewport ? { viewport } : {}) });
  await installReader(tab);
  const t0 = Date.now();
  await ha.openDashboard(tab);
  const handle = await tab.page.waitForFunction(
    (arg) => {
      const r = window.__e2eReadHistoryCard(arg);
      const s = r.datasets?.find((d) => d.label === arg.name) ?? r.datasets?.[0];
      return s && s.n >= 10 ? { at: performance.now(), n: s.n } : null;
    },
    { hours: HOURS, name: NAME },
    { polling: 'raf', timeout: 120_000 },
  );
  const painted = await handle.jsonValue();
  return { tab, page: tab.page, firstPaintMs: Date.now() - t0, pageMs: painted.at, firstPoints: painted.n };
}

let mainOpen;
/** The default-viewport (1280×900) page, opened once and shared by the tests. */
const mainPage = () => (mainOpen ??= openCard());

/** Numbers in the legend text ("5.36 %", "5.4 %", "1,234 W") against `state`, within its display rounding. */
function legendNumber(text, state) {
  const m = /[-−]?\d[\d,\u202f\u00a0]*(?:\.(\d+))?/.exec(text ?? '');
  if (!m) return { value: Number.NaN, decimals: null, ok: false };
  const value = Number(m[0].replace(/[,\u202f\u00a0]/g, '').replace('−', '-'));
  const decimals = m[1]?.length ?? 0;
  return { value, decimals, ok: Math.abs(value - state) <= 0.5 * 10 ** -decimals + 1e-9 };
}

// ------------------------------------------------------------------ tests

test(`[${LANE}] the recorder returns the seeded week over the websocket (~${SAMPLES} states)`, async (t) => {
  const r = seeded.result;
  t.diagnostic(
    `seeded ${r.inserted} rows in ${seeded.ms} ms (stop ${r.ms.stop} ms, insert ${r.ms.insert} ms, start ${r.ms.start} ms): schema ${r.schemaVersion}, ` +
      `last_reported_ts column ${r.lastReportedColumn}, metadata_id ${r.metadataId} (created ${r.createdMeta}), attributes_id ${r.attributesId} (created ${r.createdAttributes}), ` +
      `first state_id ${r.firstStateId}, SQLite ${r.sqlite}, Python ${r.python}; ${new Date(seeded.start).toISOString()} – ${new Date(seeded.end).toISOString()}`,
  );
  const ws = await ha.lane.ws();
  let rows;
  const t0 = Date.now();
  try {
    const res = await ws.send({
      type: 'history/history_during_period',
      start_time: new Date(seeded.start - 60_000).toISOString(),
      end_time: new Date(Date.now() + 60_000).toISOString(),
      entity_ids: [ENTITY],
      minimal_response: true,
      no_attributes: true,
      significant_changes_only: false,
    });
    rows = res[ENTITY] ?? [];
  } finally {
    await ws.close();
  }
  const ms = Date.now() - t0;
  const times = rows.map((row) => (row.lu ?? row.lc) * 1000);
  const inSeed = times.filter((x) => x >= seeded.start - 1 && x <= seeded.end + 1).length;
  t.diagnostic(
    `history/history_during_period: ${rows.length} rows in ${ms} ms; ${inSeed} within the seeded span; first ${new Date(times[0]).toISOString()} "${rows[0]?.s}", ` +
      `last ${new Date(times.at(-1)).toISOString()} "${rows.at(-1)?.s}"`,
  );
  assert.equal(r.rowsInRange, SAMPLES, 'rows of the entity in the seeded span, counted in the database');
  assert.ok(Math.abs(inSeed - SAMPLES) <= SAMPLES * 0.001, `≈ ${SAMPLES} seeded states over the websocket, got ${inSeed}`);
  assert.ok(Math.abs(times[0] - seeded.start) < 1000, 'the first row is the first seeded sample');
  assert.equal(rows.at(-1)?.s, String(CURRENT), 'the newest row is the current state set over REST');
});

test(`[${LANE}] the 7-day chart of a dense sensor starts at the window's start`, async (t) => {
  // Arrange / Act: open the dashboard at 1280×900; the chart gets its history.
  const { page, firstPaintMs, pageMs, firstPoints } = await mainPage();
  ha.measure('history_first_paint_ms', firstPaintMs);
  t.diagnostic(`chart has the history drawn ${firstPaintMs} ms after navigation began (${Math.round(pageMs)} ms after the last page load; ${firstPoints} points)`);
  // the history may come in parts: wait until the series reaches the window's start, or its first
  // point stays put for 5 s
  let r;
  let stableSince = 0;
  let lastFirst = null;
  await waitFor(
    async () => {
      r = await read(page);
      const s = seriesOf(r);
      if (!s || s.n < 10) return false;
      if (Math.abs(s.first - r.windowStart) <= 0.01 * WINDOW_MS) return true;
      if (lastFirst === null || Math.abs(s.first - lastFirst) > 60_000) {
        lastFirst = s.first;
        stableSince = Date.now();
      }
      return Date.now() - stableSince >= 5000;
    },
    { timeoutMs: 120_000, intervalMs: 250, what: 'the chart series to settle' },
  ).catch(() => {});
  r = await read(page);
  const s = seriesOf(r);
  await page.locator('vitals-history-card').locator('ha-card').first().screenshot({ path: ha.artifact('history-card-week.png'), animations: 'disabled' });
  assert.ok(s, `a chart.js dataset of ${ENTITY} (chart on ${r.chartHost}; datasets ${JSON.stringify(r.datasets)})`);
  const fromStartMin = (s.first - r.windowStart) / 60_000;
  const coverage = Math.max(0, Math.min(1, (Math.min(s.last, r.now) - Math.max(s.first, r.windowStart)) / WINDOW_MS));
  ha.measure('history_week_drawn_from_start_min', Number(fromStartMin.toFixed(2)));
  ha.measure('history_week_coverage', Number(coverage.toFixed(4)));
  t.diagnostic(
    `chart on <${r.chartHost}>: series "${s.label}" ${s.n} points (${s.total} with gaps) from ${new Date(s.first).toISOString()} to ${new Date(s.last).toISOString()}; ` +
      `window start ${new Date(r.windowStart).toISOString()}; x scale ${JSON.stringify(r.xScale?.map((x) => new Date(x).toISOString()))}; ` +
      `first drawn ${fromStartMin.toFixed(1)} min after the window start (${(fromStartMin / 60).toFixed(1)} h), coverage ${(coverage * 100).toFixed(1)} % ` +
      `(${((coverage * WINDOW_MS) / 86_400_000).toFixed(2)} of 7 days); seeded from ${new Date(seeded.start).toISOString()}`,
  );
  // Assert
  assert.ok(
    Math.abs(s.first - r.windowStart) <= 0.01 * WINDOW_MS,
    `the earliest drawn point is within ${((0.01 * WINDOW_MS) / 60_000).toFixed(0)} min of now − ${HOURS} h: it is ${fromStartMin.toFixed(1)} min (${(fromStartMin / 60).toFixed(1)} h) after it`,
  );
});

test(`[${LANE}] the chart fills the card's width (1280×900)`, async (t) => {
  const { page } = await mainPage();
  const r = await settledWidths(page);
  const ratio = r.canvasWidth / r.contentWidth;
  ha.measure('history_chart_width_ratio', Number(ratio.toFixed(4)));
  t.diagnostic(`canvas ${r.canvasWidth}×${r.canvasHeight} CSS px (chart.js ${JSON.stringify(r.chartSize)}), ha-card ${r.cardWidth} px, content box ${r.contentWidth} px: ratio ${ratio.toFixed(3)}`);
  assert.ok(ratio >= 0.9, `canvas width ${r.canvasWidth} px is ${(ratio * 100).toFixed(1)} % of the card's content width ${r.contentWidth} px (want ≥ 90 %)`);
});

test(`[${LANE}] the legend shows the entity's current state`, async (t) => {
  const { page } = await mainPage();
  const state = await ha.lane.getState(ENTITY);
  assert.equal(Number(state.state), CURRENT, 'the current state over REST');
  let r;
  let shown = { ok: false };
  await waitFor(
    async () => {
      r = await read(page);
      shown = legendNumber(r.legend, CURRENT);
      return shown.ok;
    },
    { timeoutMs: 15000, intervalMs: 250, what: 'the legend to show the current state' },
  ).catch(() => {});
  const s = seriesOf(r);
  ha.measure('history_legend_shows_state', shown.ok);
  // diagnostics only: is the current state in the card's store (then the chart thinned it out)?
  const stored = await page
    .evaluate((id) => {
      const deep = (root) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.localName === 'vitals-history-card') return el;
          const found = el.shadowRoot ? deep(el.shadowRoot) : null;
          if (found) return found;
        }
        return null;
      };
      const found = deep(document);
      const series = (found?.card ?? found)?.store?.series?.(id);
      if (!series) return null;
      return { length: series.length, capacity: series.capacity, newest: [-3, -2, -1].map((i) => series.at?.(i)).filter(Boolean) };
    }, ENTITY)
    .catch((e) => ({ error: String(e) }));
  t.diagnostic(`store series of ${ENTITY}: ${JSON.stringify(stored)}`);
  t.diagnostic(
    `legend "${r.legend}" (number ${shown.value}, ${shown.decimals} decimals); current state ${state.state} ${state.attributes.unit_of_measurement}; ` +
      `newest seeded sample ${LAST_SEEDED}; last drawn point ${s?.lastY} at ${s?.last ? new Date(s.last).toISOString() : '-'}`,
  );
  assert.ok(r.legend !== null, 'a .legend-value in the card');
  assert.ok(shown.ok, `the legend shows the current state ${CURRENT} ${ATTRS.unit_of_measurement}, not "${r.legend}"`);
});

test(`[${LANE}] the chart fills the card's width on a narrow screen (${NARROW.width} px)`, async (t) => {
  const { tab, page, firstPaintMs } = await openCard(NARROW);
  try {
    const r = await settledWidths(page);
    const ratio = r.canvasWidth / r.contentWidth;
    ha.measure('history_chart_width_ratio_narrow', Number(ratio.toFixed(4)));
    await page.locator('vitals-history-card').locator('ha-card').first().screenshot({ path: ha.artifact('history-card-week-narrow.png'), animations: 'disabled' });
    t.diagnostic(
      `${NARROW.width}×${NARROW.height}: history drawn after ${firstPaintMs} ms; canvas ${r.canvasWidth}×${r.canvasHeight} CSS px, ha-card ${r.cardWidth} px, content box ${r.contentWidth} px: ratio ${ratio.toFixed(3)}`,
    );
    const errors = ha.consoleErrors(/ha-vitals|vitals-/);
    if (errors.length) t.diagnostic(`console errors of ours: ${JSON.stringify(errors.map((e) => e.text).slice(0, 5))}`);
    assert.ok(ratio >= 0.9, `canvas width ${r.canvasWidth} px is ${(ratio * 100).toFixed(1)} % of the card's content width ${r.contentWidth} px (want ≥ 90 %)`);
  } finally {
    await tab.context.close();
  }
});
