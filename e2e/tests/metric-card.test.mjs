// vitals-metric-card against a real Home Assistant (lane from HA_VITALS_LANE).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dashboard, useDashboard, waitFor } from '../lib/index.mjs';

const VALUE_CARD = { type: 'custom:vitals-metric-card', entity: 'sensor.e2e_value' };
const NUMBER_CARD = { type: 'custom:vitals-metric-card', entity: 'input_number.e2e_number' };

const ha = useDashboard({
  states: { 'sensor.e2e_value': ['42.5', { unit_of_measurement: 'ms', friendly_name: 'E2E value', state_class: 'measurement' }] },
  cards: [VALUE_CARD, NUMBER_CARD],
});
const LANE = ha.laneName;

/** Text of `selector` inside the n-th vitals-metric-card (shadow DOM is pierced). */
const cardText = (n, selector) => ha.page.locator('vitals-metric-card').nth(n).locator(selector).first().textContent({ timeout: 5000 });

/** Wait until the card's .value shows `expected`; returns the elapsed ms. */
async function valueWithin(n, expected, ms, t0) {
  const loc = ha.page.locator('vitals-metric-card').nth(n).locator('.value').first();
  await waitFor(async () => (await loc.textContent({ timeout: ms }))?.trim() === expected, { timeoutMs: ms, intervalMs: 25, what: `card ${n} .value = ${expected}` });
  return Date.now() - t0;
}

test(`[${LANE}] dashboard loads the metric card with the pushed state`, async (t) => {
  t.diagnostic(`HA ${ha.lane.haVersion}, frontend ${ha.lane.frontendVersion}, Python ${ha.lane.python}`);
  const card = ha.page.locator('vitals-metric-card').first();
  await card.locator('ha-card').waitFor({ timeout: 20000 });
  // The card can render before the entity's first state (with its friendly name) arrives.
  await waitFor(async () => (await cardText(0, '.name')).trim() === 'E2E value', { timeoutMs: 10000, what: 'the friendly name' });
  assert.equal((await cardText(0, '.value')).trim(), '42.5');
  assert.equal((await cardText(0, '.unit')).trim(), 'ms');
  assert.ok((await card.locator('svg.sparkline').count()) >= 1, 'svg.sparkline inside the card');
  assert.equal(await ha.page.locator('hui-error-card').count(), 0, 'no hui-error-card');
  assert.equal(await ha.page.locator('vitals-metric-card').count(), 2);
  await ha.page.screenshot({ path: ha.artifact('dashboard.png') });
  assert.deepEqual(ha.tab.errorsMatching().map((m) => m.text), [], 'console errors mentioning ha-vitals / vitals-');
});

test(`[${LANE}] state pushed via POST /api/states appears within 2 s`, async (t) => {
  const t0 = Date.now();
  await ha.lane.setState('sensor.e2e_value', '61.5', { unit_of_measurement: 'ms', friendly_name: 'E2E value', state_class: 'measurement' });
  const ms = await valueWithin(0, '61.5', 2000, t0);
  t.diagnostic(`REST push -> card in ${ms} ms`);
  ha.measure('metric_card.rest_push_to_card_ms', ms);
});

test(`[${LANE}] input_number.set_value appears in the second card within 2 s`, async (t) => {
  assert.equal((await cardText(1, '.name')).trim(), 'E2E number');
  const t0 = Date.now();
  await ha.lane.callService('input_number', 'set_value', { entity_id: 'input_number.e2e_number', value: 123.5 });
  const ms = await valueWithin(1, '123.5', 2000, t0);
  t.diagnostic(`service call -> card in ${ms} ms`);
  ha.measure('metric_card.service_call_to_card_ms', ms);
  await ha.page.screenshot({ path: ha.artifact('dashboard.png') });
  assert.deepEqual(ha.tab.errorsMatching().map((m) => m.text), [], 'console errors mentioning ha-vitals / vitals-');
});

test(`[${LANE}] invalid card config shows hui-error-card, other cards still render`, async () => {
  ha.lane.writeDashboard(dashboard([VALUE_CARD, { type: 'custom:vitals-metric-card' }, NUMBER_CARD]));
  await ha.page.reload({ waitUntil: 'domcontentloaded' });
  await ha.lane.openDashboard(ha.page, 'vitals-e2e/main');
  await ha.page.locator('hui-error-card').first().waitFor({ timeout: 20000 });
  assert.equal(await ha.page.locator('hui-error-card').count(), 1);
  await waitFor(async () => (await ha.page.locator('vitals-metric-card').count()) === 2, { timeoutMs: 10000, what: 'two valid cards' });
  assert.equal((await cardText(0, '.value')).trim(), '61.5');
  assert.equal((await cardText(1, '.value')).trim(), '123.5');
  await ha.page.screenshot({ path: ha.artifact('invalid-config.png') });
});
