// The watchdog of the rules only a browser judges (issue 9, part B): an alerts card with an anomaly
// rule and `watchdog: true`, opened by an admin, makes the watchdog automation; the dashboard's
// heartbeat keeps sensor.ha_vitals_rules_evaluated fresh through MQTT discovery (Debian's
// mosquitto); when the last dashboard closes, the sensor expires and Home Assistant notifies.
//
// Measurement (report.json, measurements.<lane>):
//   watchdog_notify_after_last_close_s   closing the last dashboard → the watchdog notification
//                                        (must be ≤ the heartbeat expiry 180 s + 60)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sleep, useDashboard, waitFor } from '../lib/index.mjs';

const ENTITY = 'sensor.e2e_watchdog_latency';
const ATTRS = { unit_of_measurement: 'ms', friendly_name: 'Watchdog latency', state_class: 'measurement' };
const CARD = {
  type: 'custom:vitals-alerts-card',
  title: 'Watched',
  entities: [ENTITY],
  watchdog: true,
  alerts: [{ name: 'latency_odd', type: 'anomaly', notify: ['persistent_notification.create'] }],
};
const EXPIRE_S = 180;

const ha = useDashboard({ states: { [ENTITY]: [120, ATTRS] }, cards: [CARD], browsers: 1 });
const LANE = ha.laneName;

const watchdogCalls = (since, re) =>
  ha.calls('persistent_notification', 'create').filter((c) => Date.parse(c.time_fired) >= since && re.test(`${c.service_data?.title} ${c.service_data?.message}`));

test(`[${LANE}] watchdog: the dashboard beats, the watchdog automation exists, the card shows who evaluates`, async (t) => {
  const card = ha.page.locator('vitals-alerts-card');
  await waitFor(async () => (await ha.lane.rest('GET', '/api/states/sensor.ha_vitals_rules_evaluated').catch(() => null))?.state?.includes('T'), {
    timeoutMs: 90_000,
    what: 'sensor.ha_vitals_rules_evaluated has a time (the heartbeat reached HA through MQTT)',
  });
  const states = await ha.lane.rest('GET', '/api/states');
  const watchdog = states.find((s) => s.entity_id.startsWith('automation.') && String(s.attributes?.id ?? '').endsWith('_watchdog'));
  t.diagnostic(`watchdog automation: ${watchdog?.entity_id} (${watchdog?.state}); heartbeats: ${states.filter((s) => s.entity_id.startsWith('sensor.ha_vitals_heartbeat_')).map((s) => `${s.entity_id}=${s.state}`).join(', ')}`);
  assert.ok(watchdog, 'an automation with a ha_vitals_…_watchdog id');
  assert.equal(watchdog.state, 'on');
  await card.locator('.coverage').first().waitFor({ timeout: 90_000 });
  await waitFor(async () => /Evaluated by:/.test(await card.locator('.coverage').first().textContent()), { timeoutMs: 90_000, what: 'coverage lists this device' });
  t.diagnostic(`coverage: ${(await card.locator('.coverage').first().textContent()).replace(/\s+/g, ' ').trim()}`);
  assert.match(await card.locator('.coverage').first().textContent(), /Only this device/);
  await ha.page.screenshot({ path: ha.artifact('watchdog-card.png') });
});

test(`[${LANE}] watchdog: closing the last dashboard makes Home Assistant say nobody evaluates, within the expiry + 60 s`, async (t) => {
  const closed = Date.now();
  await ha.tab.context.close();
  await waitFor(() => watchdogCalls(closed, /no dashboard has evaluated/).length > 0, { timeoutMs: (EXPIRE_S + 90) * 1000, intervalMs: 1000, what: 'the watchdog notification' });
  const [call] = watchdogCalls(closed, /no dashboard has evaluated/);
  const seconds = Math.round((Date.parse(call.time_fired) - closed) / 1000);
  t.diagnostic(`after ${seconds} s: ${call.service_data.message}`);
  ha.measure('watchdog_notify_after_last_close_s', seconds);
  assert.ok(seconds <= EXPIRE_S + 60, `${seconds} s ≤ ${EXPIRE_S + 60} s`);
  assert.match(call.service_data.message, /latency_odd since \d{2}:\d{2}/);
  // a dashboard again: "evaluating again"
  const reopened = Date.now();
  const tab = await ha.newPage();
  await tab.page.locator('vitals-alerts-card ha-card').first().waitFor({ timeout: 30_000 });
  await waitFor(() => watchdogCalls(reopened, /evaluates the rules latency_odd again/).length > 0, { timeoutMs: 120_000, intervalMs: 1000, what: 'the "evaluating again" notification' });
  assert.equal(watchdogCalls(closed, /no dashboard has evaluated/).length, 1, 'one watchdog notification');
  await sleep(500);
});
