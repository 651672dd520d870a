// Data layer: a dashboard of many cards makes ONE subscribe_entities subscription (restricted to
// the watched entities) and loads each entity's history at most once, counted on the wire.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countCards, dashboard, metricCard, recordWebsocket, sleep, storeSeries, useDashboard, waitFor } from '../lib/index.mjs';

const ENTITIES = ['sensor.e2e_sub_a', 'sensor.e2e_sub_b', 'sensor.e2e_sub_c', 'sensor.e2e_sub_d', 'sensor.e2e_sub_e'];
// 7 cards over 5 entities; 4 entities need history (a statistic over a window), one only live values.
const CARDS = [
  metricCard('sensor.e2e_sub_a'),
  metricCard('sensor.e2e_sub_a', { stat: 'p95', window: '1h' }),
  metricCard('sensor.e2e_sub_b', { stat: 'max', window: '30m' }),
  metricCard('sensor.e2e_sub_b'),
  metricCard('sensor.e2e_sub_c'),
  metricCard('sensor.e2e_sub_d', { stat: 'mean', window: '1h' }),
  metricCard('sensor.e2e_sub_e', { stat: 'p95', window: '10m' }),
];
const HISTORY_ENTITIES = ['sensor.e2e_sub_a', 'sensor.e2e_sub_b', 'sensor.e2e_sub_d', 'sensor.e2e_sub_e'];

const ha = useDashboard({
  mqtt: false,
  // a little history for each entity, so the history requests return rows
  async setup({ lane }) {
    for (const [i, id] of ENTITIES.entries()) {
      for (const v of [10 + i, 20 + i, 15 + i]) await lane.setState(id, v, { unit_of_measurement: 'ms', friendly_name: id.slice(7) });
    }
    await lane.flushRecorder();
  },
  browsers: 0, // every test writes its dashboard and opens its own context
});
const LANE = ha.laneName;

/** Open `cards` on a fresh page, recording the websocket; resolves when every request was answered and the wire went quiet. */
async function loadDashboard(cards, path) {
  ha.writeDashboard(dashboard(cards, path));
  const tab = await ha.newPage({ open: false });
  const rec = recordWebsocket(tab.page);
  const t0 = Date.now();
  await ha.openDashboard(tab, `vitals-e2e/${path}`);
  await waitFor(async () => (await countCards(tab.page)) === cards.length, { timeoutMs: 20000, what: `${cards.length} metric cards` });
  // every card shows a value
  await waitFor(
    async () => {
      const shown = await tab.page.locator('vitals-metric-card .value').allTextContents();
      return shown.length === cards.length && shown.every((s) => s.trim() && s.trim() !== '—');
    },
    { timeoutMs: 20000, what: 'every card shows a value' },
  );
  // quiet: every request we sent has its result, and no new subscribe/history for 2 s
  const ours = () => rec.sent.filter((s) => s.msg.type === 'subscribe_entities' || s.msg.type === 'history/history_during_period');
  let last = -1;
  let stableSince = Date.now();
  await waitFor(
    () => {
      const n = ours().length;
      const answered = ours().every((s) => rec.received.some((r) => r.msg.type === 'result' && r.msg.id === s.msg.id));
      if (n !== last) {
        last = n;
        stableSince = Date.now();
      }
      return answered && Date.now() - stableSince >= 2000;
    },
    { timeoutMs: 30000, intervalMs: 100, what: 'websocket quiet' },
  );
  return { tab, rec, loadMs: Date.now() - t0 };
}

function countFrames(rec) {
  const subs = rec.sent.filter((s) => s.msg.type === 'subscribe_entities');
  const ours = subs.filter((s) => Array.isArray(s.msg.entity_ids));
  const frontend = subs.filter((s) => !Array.isArray(s.msg.entity_ids));
  const history = rec.sent.filter((s) => s.msg.type === 'history/history_during_period');
  const perEntity = {};
  for (const h of history) for (const id of h.msg.entity_ids ?? []) perEntity[id] = (perEntity[id] ?? 0) + 1;
  const statistics = rec.sent.filter((s) => s.msg.type === 'recorder/statistics_during_period' && (s.msg.statistic_ids ?? []).some((id) => ENTITIES.includes(id)));
  return { ours, frontend, history, perEntity, statistics };
}

test(`[${LANE}] 7 cards over 5 entities: one subscribe_entities, history at most once per entity`, async (t) => {
  t.diagnostic(`HA ${ha.lane.haVersion}, frontend ${ha.lane.frontendVersion}`);
  const { tab, rec, loadMs } = await loadDashboard(CARDS, 'main');
  try {
    const c = countFrames(rec);
    t.diagnostic(`websocket: ${rec.sockets} socket(s), ${rec.sentFrames} frames sent, ${rec.receivedFrames} received, load ${loadMs} ms`);
    t.diagnostic(`subscribe_entities with entity_ids (ours): ${c.ours.length} -> ${JSON.stringify(c.ours.map((s) => s.msg.entity_ids))}`);
    t.diagnostic(`subscribe_entities without entity_ids (HA frontend's own): ${c.frontend.length}`);
    t.diagnostic(
      `history/history_during_period: ${c.history.length} request(s) -> ${JSON.stringify(c.history.map((h) => ({ ids: h.msg.entity_ids, start: h.msg.start_time })))}`,
    );
    t.diagnostic(`history requests per entity: ${JSON.stringify(c.perEntity)}; statistics requests for our entities: ${c.statistics.length}`);
    const info = await storeSeries(tab.page, ENTITIES[0]);
    t.diagnostic(`store: subscriptionCount ${info.subscriptionCount}, requestCounts ${JSON.stringify(info.requestCounts)}, status ${info.status}`);

    assert.equal(rec.sockets, 1, 'one websocket');
    assert.equal(c.ours.length, 1, 'exactly one subscribe_entities with entity_ids');
    assert.deepEqual([...c.ours[0].msg.entity_ids].sort(), [...ENTITIES].sort(), 'entity_ids = exactly the 5 watched entities');
    assert.ok(c.frontend.length <= 1, `the frontend's own subscribe_entities: ${c.frontend.length}`);
    for (const id of HISTORY_ENTITIES) assert.equal(c.perEntity[id], 1, `${id}: one history request, got ${c.perEntity[id] ?? 0}`);
    assert.equal(c.perEntity['sensor.e2e_sub_c'], undefined, 'the live-only entity loads no history');
    assert.ok(c.history.length <= 3, `history requests batched (one per distinct window): ${c.history.length}`);
    for (const h of c.history) {
      assert.equal(h.msg.minimal_response, true);
      assert.equal(h.msg.no_attributes, true);
    }
    assert.equal(info.subscriptionCount, 1, 'store.subscriptionCount');
    assert.equal(info.requestCounts.history, c.history.length, 'store.history.requestCounts.history = requests on the wire');
    assert.equal(info.status, 'live');
    // the history arrived: each windowed card's series holds the pushed values
    for (const id of HISTORY_ENTITIES) {
      const s = await storeSeries(tab.page, id);
      assert.ok(s.times.length >= 3, `${id}: ${s.times.length} samples (history + live)`);
    }
    assert.deepEqual(tab.errorsMatching().map((m) => m.text), [], 'console errors mentioning ha-vitals / vitals-');
  } finally {
    await tab.context.close();
  }
});

test(`[${LANE}] same entity in two windows: the longer one fetches only the older part, nothing twice`, async (t) => {
  const cards = [metricCard('sensor.e2e_sub_a', { stat: 'max', window: '10m' }), metricCard('sensor.e2e_sub_a', { stat: 'p95', window: '1h' }), metricCard('sensor.e2e_sub_b')];
  const { tab, rec } = await loadDashboard(cards, 'windows');
  try {
    const c = countFrames(rec);
    const ranges = c.history
      .filter((h) => h.msg.entity_ids.includes('sensor.e2e_sub_a'))
      .map((h) => [Date.parse(h.msg.start_time), Date.parse(h.msg.end_time)])
      .sort((a, b) => a[0] - b[0]);
    t.diagnostic(`subscribe_entities ours ${c.ours.length}, frontend ${c.frontend.length}; history requests for sensor.e2e_sub_a: ${ranges.length} ${JSON.stringify(ranges.map(([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()]))}`);
    assert.equal(c.ours.length, 1, 'one subscribe_entities with entity_ids');
    assert.ok(ranges.length >= 1 && ranges.length <= 2, `history requests for the entity: ${ranges.length}`);
    for (let i = 1; i < ranges.length; i++) assert.ok(ranges[i][0] >= ranges[i - 1][1], `ranges overlap: ${JSON.stringify(ranges)}`);
    const hourAgo = Date.now() - 3600e3;
    assert.ok(ranges[0][0] <= hourAgo + 120e3, 'the 1 h window is covered');
  } finally {
    await tab.context.close();
  }
  await sleep(0);
});
