// Data layer: the connection drops while a dashboard is open (a network drop, then a Home
// Assistant restart); on reconnect the store backfills what the recorder saw meanwhile, so its
// series equals the recorder's history: no holes, no duplicates.
//
// The page's websocket goes through a Playwright route (page.routeWebSocket), which lets the suite
// cut the connection and refuse reconnects while it pushes states over REST, so the outage window
// holds changes the browser never received live. (context.setOffline does not close an open
// websocket in Chromium, so it cannot simulate the drop.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compareWithRecorder, countCards, describeComparison, metricCard, pushStates, recorderRows, routeHaWebsocket, sleep, storeSeries, useDashboard, waitFor,
} from '../lib/index.mjs';

const ENTITY = 'sensor.e2e_outage';
const ATTRS = { unit_of_measurement: 'ms', friendly_name: 'E2E outage', state_class: 'measurement' };
const testStart = new Date(Date.now() - 5000);

// the page's websocket is routed (routeHaWebsocket) before it first opens the dashboard
const ha = useDashboard({
  mqtt: false,
  states: { [ENTITY]: [0, ATTRS] },
  cards: [metricCard(ENTITY)],
  open: false,
  async ready({ page }) {
    ctl = await routeHaWebsocket(page);
    ctl.traceEntity = ENTITY;
    await ha.openDashboard(page, 'vitals-e2e/main');
    await waitFor(async () => (await countCards(page)) === 1, { timeoutMs: 20000, what: 'metric card' });
    await waitStatus('live', 20000);
    await page.evaluate(() => (window.__vitalsE2eMarker = 'same page'));
  },
});
const LANE = ha.laneName;
let ctl;
let next = 1;
let outageStartedAt = 0;

/** Push `n` new values (distinct, increasing) at 20/s; returns them. */
async function push(n) {
  const values = Array.from({ length: n }, () => next++);
  await pushStates(ha.lane, ENTITY, values, { rate: 20, attributes: ATTRS });
  return values;
}

/**
 * Keep pushing new values at 20/s until stop() (which resolves with how many were pushed): a
 * sensor that keeps changing through the outage and the reconnect, as real ones do.
 */
function pushContinuously() {
  let running = true;
  let count = 0;
  const done = (async () => {
    while (running) {
      await ha.lane.setState(ENTITY, next++, ATTRS);
      count++;
      await sleep(50);
    }
  })();
  return async () => {
    running = false;
    await done;
    return count;
  };
}

const store = () => storeSeries(ha.page, ENTITY);
const waitStatus = (status, timeoutMs = 60000) =>
  waitFor(async () => (await store())?.status === status, { timeoutMs, intervalMs: 100, what: `store status ${status}` });
const waitLatest = (value, timeoutMs = 30000) =>
  waitFor(async () => (await store())?.values.at(-1) === value, { timeoutMs, intervalMs: 100, what: `store's latest sample = ${value}` });

/** Store vs recorder from value `firstPushed` on; asserts they are identical. */
async function assertIdentical(t, label, firstPushed) {
  const last = next - 1;
  let rows = [];
  await waitFor(async () => {
    rows = await recorderRows(ha.lane, ENTITY, { start: testStart });
    return rows.at(-1)?.v === last;
  }, { timeoutMs: 30000, intervalMs: 500, what: `recorder has ${last}` });
  await waitLatest(last);
  // the backfill may still be merging: wait until the store stops changing, at most 10 s
  let s = await store();
  let c;
  const from = rows.find((r) => r.v === firstPushed).t;
  await waitFor(async () => {
    s = await store();
    c = compareWithRecorder(s, rows, { from });
    return c.identical;
  }, { timeoutMs: 10000, intervalMs: 250, what: `${label}: store = recorder` }).catch(() => {});
  t.diagnostic(`${label}: store vs recorder from the first pushed value: ${describeComparison(c)}`);
  if (!c.identical) {
    // evidence: when the recorder committed the missing rows vs when the page asked for them
    const missing = c.missing.map((m) => m.t);
    t.diagnostic(`${label}: missing rows span ${new Date(Math.min(...missing)).toISOString()} .. ${new Date(Math.max(...missing)).toISOString()}`);
    const [lo, hi] = [Math.min(...missing), Math.max(...missing)];
    const shown = ctl.log.filter((e) => e.at >= outageStartedAt && e.kind !== 'refused' && (!e.kind.startsWith('entity-') || (e.t >= lo - 500 && e.t <= hi + 300)));
    for (const e of shown) t.diagnostic(`${label}: wire ${new Date(e.at).toISOString()} ${JSON.stringify({ ...e, at: undefined })}`);
  }
  assert.ok(c.increasing, 'store timestamps strictly increasing');
  assert.deepEqual(c.missing, [], 'holes: recorder rows missing from the store');
  assert.deepEqual(c.extra, [], 'samples the recorder does not have (duplicates)');
  assert.deepEqual(c.wrongValue, [], 'values differ');
  assert.equal(c.matched, rows.filter((r) => r.t >= from).length);
  return c;
}

test(`[${LANE}] network drop: states pushed while the page is offline are backfilled, store = recorder`, async (t) => {
  const first = next;
  const before = await push(5);
  await waitLatest(before.at(-1));

  // the sensor keeps changing at 20/s through the drop, the outage and the reconnect
  const stop = pushContinuously();
  await sleep(300);
  const dropAt = Date.now();
  outageStartedAt = dropAt;
  ctl.offline = true;
  assert.ok(ctl.drop(), 'a websocket to drop');
  await waitStatus('reconnecting', 15000);
  await sleep(2000); // the outage
  ctl.offline = false;
  const onlineAt = Date.now();
  await waitStatus('live');
  const liveAt = Date.now();
  await sleep(1000);
  const pushedMeanwhile = await stop();
  t.diagnostic(`offline ${onlineAt - dropAt} ms (${ctl.refused} reconnect attempts refused), live again ${liveAt - onlineAt} ms after going online; ${pushedMeanwhile} states pushed continuously across drop + reconnect; connections ${ctl.connections}`);
  const afterValues = await push(3);
  await waitLatest(afterValues.at(-1));

  const c = await assertIdentical(t, 'network drop', first);
  assert.ok(c.matched >= 20, `${c.matched} samples compared`);
  assert.equal(await ha.page.evaluate(() => window.__vitalsE2eMarker), 'same page', 'the page was not reloaded');
});

test(`[${LANE}] Home Assistant restart while the page is open: store = recorder`, async (t) => {
  const first = next;
  const before = await push(5);
  await waitLatest(before.at(-1));

  // The browser may not reconnect before the restarted HA has new states: refuse its reconnects
  // until then (HA's own shutdown closes the websocket).
  ctl.offline = true;
  const t0 = Date.now();
  outageStartedAt = t0;
  await ha.restart(); // + the fixture's websocket
  const upAt = Date.now();
  assert.equal((await store()).status, 'reconnecting', 'the store noticed the drop');
  // REST states are not restored by a restart: the entity comes back with the next push, and keeps changing
  const stop = pushContinuously();
  await sleep(1500);
  ctl.offline = false;
  const onlineAt = Date.now();
  await waitStatus('live');
  const liveAt = Date.now();
  await sleep(1000);
  const pushedMeanwhile = await stop();
  t.diagnostic(`HA restart took ${upAt - t0} ms; live again ${liveAt - onlineAt} ms after the route reopened (${ctl.refused} reconnect attempts refused in total); ${pushedMeanwhile} states pushed continuously from HA up until after the reconnect`);
  const afterValues = await push(3);
  await waitLatest(afterValues.at(-1));

  const c = await assertIdentical(t, 'restart', first);
  assert.ok(c.matched >= 20, `${c.matched} samples compared`);
  assert.equal(await ha.page.evaluate(() => window.__vitalsE2eMarker), 'same page', 'the page was not reloaded');
  const info = await store();
  t.diagnostic(`store after both outages: subscriptionCount ${info.subscriptionCount}, requestCounts ${JSON.stringify(info.requestCounts)}`);
});
