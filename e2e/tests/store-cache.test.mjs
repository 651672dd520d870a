// Data layer: a reload paints the history cached in IndexedDB at once, before the recorder's
// history answer arrives, then backfills only what is missing (no duplicates).
//
// The page's websocket goes through a Playwright route (page.routeWebSocket) that holds the
// server's result of our history/history_during_period requests, so "before the history arrives"
// is a fact of the test, not a race. A control page without a cache shows that the hold works.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cardAttr, cardText, compareWithRecorder, countCards, describeComparison, metricCard, recorderRows, routeHaWebsocket, sleep, storeSeries, useDashboard, waitFor,
} from '../lib/index.mjs';

const ENTITY = 'sensor.e2e_cache';
const ATTRS = { unit_of_measurement: 'ms', friendly_name: 'E2E cache', state_class: 'measurement' };
const VALUES = [5, 80, 7, 12, 9]; // max over the window 80, current 9
const HOLD_MS = 3000;
const isOurHistory = (msg) => msg.type === 'history/history_during_period' && (msg.entity_ids ?? []).includes(ENTITY);
const testStart = new Date(Date.now() - 5000);

const ha = useDashboard({
  mqtt: false,
  // a little history in the recorder before any page opens
  async setup({ lane }) {
    for (const v of VALUES) {
      await lane.setState(ENTITY, v, ATTRS);
      await sleep(20);
    }
    await lane.flushRecorder();
  },
  cards: [metricCard(ENTITY, { stat: 'max', window: '1h' })],
  browsers: 0, // every test opens its own context
});
const LANE = ha.laneName;


/** The cache entry of the entity in the page's IndexedDB (never creates the database). */
function readCache(page) {
  return page.evaluate(async (id) => {
    const dbs = (await indexedDB.databases?.()) ?? [];
    if (!dbs.some((d) => d.name === 'ha-vitals')) return null;
    return new Promise((resolve, reject) => {
      const req = indexedDB.open('ha-vitals');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains('history')) {
          db.close();
          resolve(null);
          return;
        }
        const get = db.transaction('history').objectStore('history').get(`${location.origin}|${id}`);
        get.onsuccess = () => {
          const e = get.result;
          db.close();
          resolve(e ? { n: e.times.length, values: Array.from(e.values), newest: e.times[e.times.length - 1], unit: e.unit, from: e.from, savedAt: e.savedAt } : null);
        };
        get.onerror = () => reject(get.error);
      };
    });
  }, ENTITY);
}

const value = (page) => cardText(page, '.value');

/** Open (or reload) the dashboard with our history results held; returns the time navigation began. */
async function loadHeld(page, ctl, reload) {
  ctl.holdResult(isOurHistory);
  const t0 = Date.now();
  if (reload) await page.reload({ waitUntil: 'domcontentloaded' });
  else await ha.openDashboard(page, 'vitals-e2e/main');
  await waitFor(async () => (await countCards(page)) === 1, { timeoutMs: 20000, intervalMs: 20, what: 'metric card' });
  return t0;
}

test(`[${LANE}] control: without a cache, nothing of the history shows while its result is held`, async (t) => {
  const tab = await ha.newPage({ open: false });
  try {
    const ctl = await routeHaWebsocket(tab.page);
    const t0 = await loadHeld(tab.page, ctl, false);
    await waitFor(() => ctl.held.length > 0, { timeoutMs: 20000, intervalMs: 50, what: 'a held history result' });
    const heldAt = Date.now();
    await waitFor(async () => (await value(tab.page)) === '9', { timeoutMs: 10000, what: 'card shows the current value only' });
    const shownWhileHeld = await value(tab.page);
    const samples = (await storeSeries(tab.page, ENTITY)).times.length;
    t.diagnostic(`no cache: history result held ${heldAt - t0} ms after navigation; card shows "${shownWhileHeld}" with ${samples} sample(s) while held`);
    assert.equal(shownWhileHeld, '9', 'max over the window is the current value without history');
    assert.equal(samples, 1);
    assert.equal(await readCache(tab.page).then((c) => c?.n ?? 0), 0, 'nothing cached yet');
    const left = HOLD_MS - (Date.now() - heldAt);
    if (left > 0) await sleep(left);
    assert.equal(await value(tab.page), '9', 'still nothing of the history while held');
    ctl.release();
    await waitFor(async () => (await value(tab.page)) === '80', { timeoutMs: 10000, what: 'history max after release' });
  } finally {
    await tab.context.close();
  }
});

test(`[${LANE}] reload paints the cached history before the history result arrives, then backfills without duplicates`, async (t) => {
  const tab = await ha.newPage({ open: false });
  try {
    const ctl = await routeHaWebsocket(tab.page);
    // first load: history arrives, the store saves it to IndexedDB
    await ha.openDashboard(tab, 'vitals-e2e/main');
    await waitFor(async () => (await value(tab.page)) === '80', { timeoutMs: 20000, what: 'card shows the history max 80' });
    let cached;
    await waitFor(async () => (cached = await readCache(tab.page))?.n >= VALUES.length, { timeoutMs: 10000, intervalMs: 100, what: 'IndexedDB ha-vitals/history entry' });
    t.diagnostic(`IndexedDB entry after the first load: ${cached.n} samples ${JSON.stringify(cached.values)}, unit ${cached.unit}`);
    assert.deepEqual(cached.values.slice(-VALUES.length), VALUES, 'the cache holds the history');

    // reload with the history result held
    const t0 = await loadHeld(tab.page, ctl, true);
    let paintedAt = 0;
    await waitFor(async () => {
      if ((await value(tab.page)) !== '80') return false;
      paintedAt = Date.now();
      return true;
    }, { timeoutMs: 15000, intervalMs: 20, what: 'card shows the cached max 80 while the history result is held' });
    const heldBeforePaint = ctl.log.filter((e) => e.kind === 'held-result' && e.at >= t0 && e.at <= paintedAt).length;
    const requestedBeforePaint = ctl.log.filter((e) => e.kind === 'hold-request' && e.at >= t0 && e.at <= paintedAt).length;
    // the history request goes out (after the cached paint: it backfills from the newest cached sample) and is held
    await waitFor(() => ctl.held.length > 0, { timeoutMs: 20000, intervalMs: 20, what: 'a held history result after the reload' });
    const firstHeld = ctl.log.find((e) => e.kind === 'held-result' && e.at >= t0);
    const requests = ctl.log.filter((e) => e.kind === 'request' && e.type === 'history/history_during_period' && e.at >= t0);
    const request = requests[0];
    const whileHeld = { value: await value(tab.page), stats: await cardText(tab.page, '.stats'), path: (await cardAttr(tab.page, 'svg.sparkline path', 'd')) ?? '' };
    const samplesWhileHeld = (await storeSeries(tab.page, ENTITY)).times.length;
    t.diagnostic(
      `reload: cached max painted ${paintedAt - t0} ms after the reload; history request ${request ? `${request.at - t0} ms` : 'not seen'} (start ${request?.start}), its result held from ${firstHeld.at - t0} ms; ` +
        `held before paint: ${heldBeforePaint} result(s), ${requestedBeforePaint} request(s)`,
    );
    t.diagnostic(`while held: value "${whileHeld.value}", stats "${whileHeld.stats}", sparkline d ${whileHeld.path.length} chars, ${samplesWhileHeld} samples in the store`);
    assert.equal(whileHeld.value, '80');
    assert.ok(samplesWhileHeld >= VALUES.length, `cached samples in the store: ${samplesWhileHeld}`);
    assert.match(whileHeld.stats, /max 80$/, 'the stats line is painted from the cache');
    assert.ok(whileHeld.path.length > 20, 'sparkline path drawn from the cache');
    const holdLeft = HOLD_MS - (Date.now() - firstHeld.at);
    if (holdLeft > 0) await sleep(holdLeft);
    assert.equal(await value(tab.page), '80', 'still the cached value while the result is held');
    const releasedAt = Date.now();
    const released = ctl.release();
    t.diagnostic(`released ${released} held history result(s) ${releasedAt - t0} ms after the reload (held ${releasedAt - firstHeld.at} ms)`);
    t.diagnostic(`history requests after the reload: ${JSON.stringify(requests.map((e) => ({ at: e.at - t0, start: e.start, end: e.end })))}; newest cached sample ${new Date(cached.newest).toISOString()}`);

    // the backfill asked only for what the cache lacks, and merged without duplicates
    assert.ok(request, 'a history request after the reload');
    assert.equal(requests.length, 1, 'one history request after the reload (the backfill), not the whole window again');
    assert.equal(Date.parse(request.start), Math.floor(cached.newest), `the backfill starts at the newest cached sample (${new Date(cached.newest).toISOString()}), not at the window start: ${request.start}`);
    await sleep(500);
    const rows = await recorderRows(ha.lane, ENTITY, { start: testStart });
    const store = await storeSeries(tab.page, ENTITY);
    const from = rows.find((r) => r.v === VALUES[0]).t;
    const c = compareWithRecorder(store, rows, { from });
    t.diagnostic(`after release, store vs recorder: ${describeComparison(c)}; history requests ${store.requestCounts.history}`);
    assert.ok(c.identical, 'store = recorder after the backfill (no duplicates, no holes)');
    assert.equal(await value(tab.page), '80');
    assert.deepEqual(tab.errorsMatching().map((m) => m.text), [], 'console errors mentioning ha-vitals / vitals-');
  } finally {
    await tab.context.close();
  }
});
