// Every HA Vitals card on one YAML dashboard of a real Home Assistant, fed by
// System Monitor-like sensors, an input_number and real Assist runs: each card
// renders, updates on new states, the alerts card fires and is acknowledged
// from the UI; screenshots of every card (light + dark) and of the dashboard at
// phone and tablet widths go to e2e/artifacts/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CARD_TAGS, allCardsDashboard, dashboardShot, pushSensor, runAssist, screenshotCards, setScheme, startFeeder, textOf, useDashboard, waitFor, waitText,
} from '../lib/index.mjs';

let feeder;
let fedSince;

const ha = useDashboard({
  async setup(h) {
    feeder = startFeeder(h.lane, { intervalMs: 3000 });
    h.defer(() => feeder.stop()); // before the browser and HA stop
    await feeder.first();
    fedSince = Date.now();
    feeder.start();
  },
  dashboard: allCardsDashboard(),
  viewport: { width: 1280, height: 900 },
  media: { colorScheme: 'light', reducedMotion: 'reduce' },
});
const LANE = ha.laneName;

test(`[${LANE}] all 7 cards render on one dashboard without error cards or console errors`, async (t) => {
  t.diagnostic(`HA ${ha.lane.haVersion}, frontend ${ha.lane.frontendVersion}`);
  for (const tag of CARD_TAGS) {
    await ha.page.locator(tag).first().locator('ha-card').first().waitFor({ state: 'visible', timeout: 20000 });
  }
  assert.equal(await ha.page.locator('vitals-metric-card').count(), 2);
  assert.equal(await ha.page.locator('hui-error-card').count(), 0, 'no hui-error-card');
  // every card shows something (no empty boxes)
  for (const tag of CARD_TAGS) {
    const text = await textOf(ha.page, tag);
    assert.ok(text.length > 2, `${tag} has text, got ${JSON.stringify(text)}`);
  }
  assert.deepEqual(ha.tab.errorsMatching().map((m) => m.text), [], 'console errors mentioning ha-vitals / vitals-');
});

test(`[${LANE}] metric cards follow a sensor and an input_number`, async () => {
  await pushSensor(ha.lane, 'sensor.processor_use', 33.3);
  // the feeder may overwrite it within 3 s: hold it while checking
  await feeder.hold('sensor.processor_use', 33.3);
  await waitText(ha.page, 'vitals-metric-card', '.value', (s) => s === '33.3');
  assert.equal(await textOf(ha.page, 'vitals-metric-card', '.name'), 'CPU');
  assert.equal(await textOf(ha.page, 'vitals-metric-card', '.unit'), '%');
  await feeder.hold('sensor.processor_use', 41.7);
  await waitText(ha.page, 'vitals-metric-card', '.value', (s) => s === '41.7');
  feeder.release('sensor.processor_use');

  assert.equal(await textOf(ha.page, 'vitals-metric-card', '.name', 1), 'E2E number');
  await ha.lane.callService('input_number', 'set_value', { entity_id: 'input_number.e2e_number', value: 77.5 });
  await waitText(ha.page, 'vitals-metric-card', '.value', (s) => s === '77.5', { n: 1 });
});

test(`[${LANE}] history card shows the live values of its series`, async () => {
  const tag = 'vitals-history-card';
  await ha.page.locator(tag).locator('canvas').first().waitFor({ state: 'visible', timeout: 20000 });
  const legend = await waitText(ha.page, tag, '.legend', (s) => /Disk use \/home/.test(s) && /Processor use/.test(s) && /Database/.test(s) && /\d/.test(s));
  assert.doesNotMatch(legend, /—.*—.*—/, `every legend entry has a value: ${legend}`);
  await feeder.hold('sensor.processor_use', 12.5);
  await waitText(ha.page, tag, '.legend', (s) => /12\.5/.test(s), { what: 'history legend shows 12.5' });
  feeder.release('sensor.processor_use');
});

test(`[${LANE}] system card shows every row and updates`, async () => {
  const tag = 'vitals-system-card';
  for (const row of ['cpu', 'memory', 'disk', 'load', 'network_in', 'network_out', 'database']) {
    await waitText(ha.page, tag, `li.row.${row} .value`, (s) => /\d/.test(s), { what: `system row ${row} has a value` });
  }
  assert.match(await textOf(ha.page, tag, 'li.row.database .name'), /Recorder DB/);
  await feeder.hold('sensor.memory_use_percent', 63.4);
  await waitText(ha.page, tag, 'li.row.memory .value', (s) => /63\.4/.test(s));
  feeder.release('sensor.memory_use_percent');
  const trends = await ha.page.locator(`${tag} .trend`).count();
  assert.equal(trends, 7, 'a trend arrow per row');
});

test(`[${LANE}] UX card: round trip and delivery lag rows fill with values`, async () => {
  const tag = 'vitals-ux-card';
  const rtt = await waitText(ha.page, tag, '.row[data-key="rtt"] .value', (s) => /\d/.test(s), { timeoutMs: 20000 });
  const lag = await waitText(ha.page, tag, '.row[data-key="lag"] .value', (s) => /\d/.test(s), { timeoutMs: 20000 });
  assert.match(rtt, /ms/);
  assert.match(lag, /ms/);
  const labels = await textOf(ha.page, tag, '.rows');
  assert.match(labels, /round trip/i);
  // the next ping (ping_interval 5 s) adds a sample: the sparkline gets a path
  await waitFor(async () => (await ha.page.locator(`${tag} .row[data-key="rtt"] svg.spark path`).count()) > 0, { timeoutMs: 15000, what: 'rtt sparkline path' });
});

test(`[${LANE}] UX card: a service call made through HA's own hass.callService is timed`, async (t) => {
  const tag = 'vitals-ux-card';
  assert.match(await textOf(ha.page, tag, '.row[data-key="service_call"] .value'), /—/, 'no call yet');
  // Act: the way a tile or button card calls a service; a metric card on this dashboard shows the entity.
  const value = 40 + Math.floor(Math.random() * 50);
  await ha.page.evaluate(
    (v) => document.querySelector('home-assistant').hass.callService('input_number', 'set_value', { entity_id: 'input_number.e2e_number', value: v }),
    value,
  );
  const shown = await waitText(ha.page, tag, '.row[data-key="service_call"] .value', (s) => /\d/.test(s), { timeoutMs: 5000 });
  t.diagnostic(`service call latency shown: ${shown}`);
  assert.match(shown, /\d+(\.\d+)?\s*ms/);
  const ms = Number(shown.match(/[\d.]+/)[0]);
  assert.ok(ms > 0 && ms < 2000, `latency ${ms} ms`);
});

test(`[${LANE}] AI card shows a real Assist run and its AI metric rows`, async (t) => {
  const tag = 'vitals-ai-card';
  const types = await runAssist(ha.lane, 'what time is it');
  t.diagnostic(`assist_pipeline/run events: ${types.join(', ')}`);
  assert.ok(types.includes('intent-end'), 'intent stage ran');
  await ha.page.locator(`${tag} li.run`).first().waitFor({ state: 'visible', timeout: 20000 });
  const total = await textOf(ha.page, tag, 'li.run .total');
  assert.match(total, /\d+(\.\d+)?\s*(ms|s)/, `run total ${total}`);
  assert.ok((await ha.page.locator(`${tag} li.run .segment.intent`).count()) >= 1, 'intent segment drawn');
  assert.match(await textOf(ha.page, tag, 'table.stats'), /Intent/);
  assert.match(await textOf(ha.page, tag, '.errors'), /0 %|0%/);
  // a second run shows up too (poll_interval 5)
  await runAssist(ha.lane, 'turn on the light');
  await waitFor(async () => (await ha.page.locator(`${tag} li.run`).count()) >= 2, { timeoutMs: 20000, what: 'two runs listed' });
  await ha.page.waitForTimeout(5500); // one more poll must not add anything
  assert.equal(await ha.page.locator(`${tag} li.run`).count(), 2, 'exactly the 2 runs');
  assert.match(await textOf(ha.page, tag, '.errors'), /of 2 runs/);
  // AI metric rows
  const rows = await waitText(ha.page, tag, '.rows.metrics', (s) => /LLM response time/.test(s) && /Tokens\/s/.test(s) && /\d/.test(s));
  assert.match(rows, /\d(\.\d+)? m?s\b/); // ms, or seconds from 1000 ms (rescaled as the run figures are)
  await feeder.hold('sensor.llm_tokens_per_second', 99.9);
  await waitText(ha.page, tag, '.rows.metrics', (s) => /99\.9/.test(s));
  feeder.release('sensor.llm_tokens_per_second');
});

test(`[${LANE}] alerts card: threshold rule fires, Acknowledge from the UI`, async () => {
  const tag = 'vitals-alerts-card';
  await waitText(ha.page, tag, 'ha-card', (s) => /All clear|cpu_high/.test(s), { what: 'alerts card ready' });
  await feeder.hold('sensor.processor_use', 95);
  const row = ha.page.locator(`${tag} li.alert.firing`).first();
  await row.waitFor({ state: 'visible', timeout: 15000 });
  const text = ((await row.textContent()) ?? '').replace(/\s+/g, ' ');
  assert.match(text, /cpu_high/);
  assert.match(text, /Processor use/);
  assert.match(text, /firing/);
  assert.match(text, /95/);
  await ha.page.locator(`${tag} li.alert.firing button.ack`).first().click();
  await ha.page.locator(`${tag} li.alert.firing .badge.ack`).first().waitFor({ state: 'visible', timeout: 10000 });
  const badge = await textOf(ha.page, tag, 'li.alert.firing .badge.ack');
  assert.match(badge, /acknowledged/);
  assert.equal(await ha.page.locator(`${tag} li.alert.firing button.ack`).count(), 0, 'Acknowledge button gone once acknowledged');
  await ha.page.screenshot({ path: ha.artifact('cards-alert-acknowledged.png') });
});

test(`[${LANE}] alerts card: the acknowledgement survives a page reload (documented)`, async () => {
  const tag = 'vitals-alerts-card';
  await ha.page.reload({ waitUntil: 'domcontentloaded' });
  await ha.lane.openDashboard(ha.page, 'vitals-e2e/main');
  await ha.page.locator(`${tag} li.alert.firing`).first().waitFor({ state: 'visible', timeout: 20000 });
  // give the hub its warm-up (history replay) and one evaluation (5 s)
  await ha.page.waitForTimeout(6000);
  const text = await textOf(ha.page, tag);
  await ha.page.screenshot({ path: ha.artifact('cards-alert-after-reload.png') });
  assert.match(text, /acknowledged/, `after reload the firing alert is still acknowledged; card text: ${text}`);
});

test(`[${LANE}] AI card after the reload: the 2 Assist runs are listed once each`, async () => {
  const tag = 'vitals-ai-card';
  await ha.page.locator(`${tag} li.run`).first().waitFor({ state: 'visible', timeout: 20000 });
  await ha.page.waitForTimeout(6000); // one more poll (poll_interval 5 s)
  const ids = await ha.page.locator(`${tag} li.run`).evaluateAll((els) => els.map((e) => e.getAttribute('data-run')));
  const summary = await textOf(ha.page, tag, '.errors');
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], `no run listed twice (runs: ${ids.join(', ')}; "${summary}")`);
  assert.equal(ids.length, 2, `2 runs listed (runs: ${ids.join(', ')}; "${summary}")`);
});

test(`[${LANE}] overview card shows the three domains and reacts to the firing alert`, async (t) => {
  const tag = 'vitals-overview-card';
  const labels = await textOf(ha.page, tag, 'ul.domains');
  assert.match(labels, /AI/);
  assert.match(labels, /System/);
  assert.match(labels, /Experience/);
  const level = await ha.page.locator(`${tag} li.domain.system`).getAttribute('data-level');
  const reason = await textOf(ha.page, tag, 'li.domain.system .reason');
  t.diagnostic(`system domain: ${level}: ${reason}`);
  await waitText(ha.page, tag, 'li.domain.system .reason', (s) => /cpu_high/.test(s), { what: 'system reason names the firing alert' });
  feeder.release('sensor.processor_use');
  await pushSensor(ha.lane, 'sensor.processor_use', 20);
});

test(`[${LANE}] screenshots: every card light and dark, dashboard at 360 px and 1280 px`, async (t) => {
  const { page } = ha;
  // the history forecast needs a quarter of its 6-minute window: wait for it (bounded)
  const wait = Math.max(0, fedSince + 95000 - Date.now());
  t.diagnostic(`waiting ${Math.round(wait / 1000)} s more for the history forecast`);
  const forecast = await waitText(page, 'vitals-history-card', '.footer', (s) => /reach/i.test(s) && !/collecting/.test(s), { timeoutMs: wait + 20000 }).catch((e) => `(none: ${e.message})`);
  t.diagnostic(`history footer: ${forecast}`);
  const files = [];
  await setScheme(page, 'light');
  files.push(...(await screenshotCards(page, LANE, 'light')));
  await dashboardShot(page, `${LANE}-cards-tablet-light.png`, 1280);
  await setScheme(page, 'dark');
  files.push(...(await screenshotCards(page, LANE, 'dark')));
  await dashboardShot(page, `${LANE}-cards-tablet-dark.png`, 1280);
  await dashboardShot(page, `${LANE}-cards-phone-dark.png`, 360);
  await setScheme(page, 'light');
  await dashboardShot(page, `${LANE}-cards-phone-light.png`, 360);
  await page.setViewportSize({ width: 360, height: 780 });
  await page.waitForTimeout(1000);
  // at 360 px no card is wider than the viewport
  const overflow = await page.evaluate((tags) => {
    const out = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (tags.includes(el.localName)) {
          const r = el.getBoundingClientRect();
          if (r.right > window.innerWidth + 1) out.push(`${el.localName} right=${Math.round(r.right)}`);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  }, CARD_TAGS);
  files.push(...(await screenshotCards(page, LANE, 'phone-light')));
  t.diagnostic(`${files.length} card screenshots`);
  assert.deepEqual(overflow, [], 'cards fit a 360 px viewport');
  assert.deepEqual(ha.tab.errorsMatching().map((m) => m.text), [], 'console errors mentioning ha-vitals / vitals-');
});
