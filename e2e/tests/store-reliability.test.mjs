// Data layer: collection reliability. 10,000 state changes at ~200/s through Home Assistant while a
// card on the entity is open; the store must hold (almost) every one of them, in order, with the
// recorder's timestamps and values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compareWithRecorder, countCards, describeComparison, metricCard, pushStates, storeSeries, useDashboard, waitFor, waitRecorded,
} from '../lib/index.mjs';

const ENTITY = 'sensor.e2e_burst';
const N = Number(process.env.HA_VITALS_BURST_N || 10_000);
const RATE = Number(process.env.HA_VITALS_BURST_RATE || 200);
const ATTRS = { unit_of_measurement: 'ms', friendly_name: 'E2E burst', state_class: 'measurement' };

const ha = useDashboard({
  mqtt: false,
  states: { [ENTITY]: [0, ATTRS] },
  cards: [metricCard(ENTITY)],
  async ready({ page }) {
    await waitFor(async () => (await countCards(page)) === 1, { timeoutMs: 20000, what: 'metric card' });
    await waitFor(async () => (await storeSeries(page, ENTITY))?.status === 'live', { timeoutMs: 20000, what: 'store live' });
  },
});
const LANE = ha.laneName;

test(`[${LANE}] ${N} state changes at ~${RATE}/s: the store holds >= 99.9 %, in order, matching the recorder`, async (t) => {
  const start = new Date(Date.now() - 1000);
  const values = Array.from({ length: N }, (_, i) => i + 1);
  const pushed = await pushStates(ha.lane, ENTITY, values, { rate: RATE, concurrency: 2, attributes: ATTRS });
  t.diagnostic(`pushed ${pushed.count} states in ${pushed.ms} ms = ${pushed.rate.toFixed(1)}/s (target ${RATE}/s, ${pushed.retries} retries)`);

  // the card shows the last value, and the recorder committed it
  const shownWithin = Date.now();
  await waitFor(async () => (await ha.page.locator('vitals-metric-card .value').first().textContent())?.trim() === N.toLocaleString('en-US'), { // as Home Assistant writes it for an English user: "10,000"
    timeoutMs: 30000,
    intervalMs: 100,
    what: `card shows ${N}`,
  });
  t.diagnostic(`card showed the last value ${Date.now() - shownWithin} ms after the last push returned`);
  const rows = await waitRecorded(ha.lane, ENTITY, N, { start });
  const store = await storeSeries(ha.page, ENTITY);

  const burst = rows.filter((r) => r.v >= 1 && r.v <= N);
  const from = burst[0].t;
  const to = burst.at(-1).t;
  const c = compareWithRecorder(store, rows, { from, to });
  t.diagnostic(`store vs recorder over the burst: ${describeComparison(c)}`);
  // values arrive in push order (requests overlap at most 2 deep)
  let reordered = 0;
  for (let i = 1; i < burst.length; i++) if (burst[i].v < burst[i - 1].v) reordered++;
  t.diagnostic(`recorder rows in the burst: ${burst.length} of ${N} pushed (${reordered} out of push order); store length ${store.times.length}, status ${store.status}`);

  ha.measure('store_reliability.push_rate_per_s', Math.round(pushed.rate * 10) / 10);
  ha.measure('store_reliability.store_percent', c.percent);
  ha.measure('store_reliability.in_order', c.increasing);
  assert.equal(burst.length, N, `the recorder holds every pushed state (${burst.length})`);
  assert.ok(pushed.rate >= RATE * 0.9, `push rate ${pushed.rate.toFixed(1)}/s`);
  assert.ok(c.increasing, 'store timestamps strictly increasing');
  assert.equal(c.wrongValue.length, 0, `values differ: ${JSON.stringify(c.wrongValue.slice(0, 5))}`);
  assert.equal(c.extra.length, 0, `samples the recorder does not have: ${JSON.stringify(c.extra.slice(0, 5))}`);
  assert.ok(c.percent >= 99.9, `store holds ${c.percent.toFixed(3)} % of the changes`);
  assert.equal(store.status, 'live');
  assert.deepEqual(ha.tab.errorsMatching().map((m) => m.text), [], 'console errors mentioning ha-vitals / vitals-');
});
