// Exactly one notification when the same dashboard is open on several devices: three browser
// contexts (separate storage, so three "devices" with their own engines and sent-logs) show an
// alerts card whose rule notifies persistent_notification.create. The claim goes through the real
// Mosquitto broker via Home Assistant's MQTT integration (mqtt.publish + mqtt/subscribe).
// Counted from Home Assistant's own call_service events.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sleep, useDashboard, waitFor } from '../lib/index.mjs';

const ENTITY = 'sensor.e2e_claim_load';
const DEVICES = 3;

const ha = useDashboard({
  states: { [ENTITY]: [20, { unit_of_measurement: '%', friendly_name: 'Claim load' }] },
  dashboard: {
    views: [
      {
        path: 'main',
        cards: [
          {
            type: 'custom:vitals-alerts-card',
            title: 'Alerts',
            entities: [ENTITY],
            alerts: [{ name: 'claim_high', type: 'threshold', above: 90, severity: 'critical', group_wait: '0s', group_interval: '10s', notify: ['persistent_notification.create'] }],
          },
        ],
      },
    ],
  },
  browsers: DEVICES, // three "devices" with their own storage, engines and sent-logs
  viewport: { width: 900, height: 700 },
});
const LANE = ha.laneName;
const tabs = ha.pages;

const creates = () => ha.calls('persistent_notification', 'create');
const claimPublishes = () => ha.calls('mqtt', 'publish').filter((c) => String(c.service_data?.topic).startsWith('ha-vitals/claims/'));
const sentLog = (page) => page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('ha-vitals:sent-intents') ?? '{}')));
/** Resolves when every device's sent-log holds `count` ids; otherwise throws what each holds, so a timeout says who lagged and with what. */
const everyDeviceDecided = (devices, count) => async () => {
  const logs = await Promise.all(devices.map((tab) => sentLog(tab.page)));
  if (logs.every((ids) => ids.length === count)) return true;
  const marks = claimPublishes().map((c) => c.service_data.payload);
  const cards = await Promise.all(devices.map((tab) => tab.page.locator('vitals-alerts-card .delivery').first().textContent({ timeout: 1000 }).then((t) => t?.replace(/\s+/g, ' ').trim(), () => '(no delivery line)')));
  const consoles = devices.map((tab) => tab.consoleLog?.filter((l) => /error|warn/i.test(l.type ?? String(l))).slice(-3));
  throw new Error(`sent-logs ${JSON.stringify(logs)}; claims ${marks.join(' ')}; creates ${creates().length}; cards ${JSON.stringify(cards)}; console ${JSON.stringify(consoles)}`);
};

test(`[${LANE}] ${DEVICES} devices showing the same alert rule: exactly one of them sends the notification`, async (t) => {
  for (const tab of tabs) await tab.page.locator('vitals-alerts-card').getByText(/All clear/).waitFor({ timeout: 20000 });
  // Act
  await ha.lane.setState(ENTITY, 97, { unit_of_measurement: '%', friendly_name: 'Claim load' });
  for (const tab of tabs) await tab.page.locator('vitals-alerts-card li.alert.firing').first().waitFor({ state: 'visible', timeout: 20000 });
  // Every device handles the intent (its sent-log holds the id) once it decided.
  // A device that lost decides when the winner's sent mark reaches it (HA's MQTT client debounces subscriptions; slow under load).
  await waitFor(everyDeviceDecided(tabs, 1), { timeoutMs: 45000, what: 'every device decided' });
  await sleep(3000); // a late duplicate would show up here
  // Assert
  const logs = await Promise.all(tabs.map((tab) => sentLog(tab.page)));
  t.diagnostic(`intent ids per device: ${JSON.stringify(logs)}`);
  t.diagnostic(`claims published: ${claimPublishes().map((c) => c.service_data.payload).join(' ')}`);
  t.diagnostic(`persistent_notification.create calls: ${creates().length} ${JSON.stringify(creates().map((c) => c.service_data?.title))}`);
  assert.equal(new Set(logs.flat()).size, 1, 'all devices planned the same intent id');
  const marks = claimPublishes().map((c) => JSON.parse(c.service_data.payload));
  assert.ok(marks.filter((m) => !m.sent).length >= 1 && marks.filter((m) => !m.sent).length <= DEVICES, `claims: ${marks.length}`);
  assert.equal(marks.filter((m) => m.sent).length, 1, 'the winner marked its claim sent once');
  ha.measure('notify_claim.firing_notifications', creates().length);
  assert.equal(creates().length, 1, 'exactly one notification');
  assert.match(String(creates()[0].service_data?.title ?? ''), /claim_high|Claim load/);
  // Each card says who sent it: one device "from this device", the others "by <that device>".
  const lines = [];
  for (const tab of tabs) {
    await tab.page.locator('vitals-alerts-card .delivery').waitFor({ timeout: 10000 });
    lines.push(((await tab.page.locator('vitals-alerts-card .delivery').textContent()) ?? '').replace(/\s+/g, ' ').trim());
  }
  t.diagnostic(`cards: ${JSON.stringify(lines)}`);
  assert.equal(lines.filter((l) => /sent from this device/.test(l)).length, 1);
  // The others name the device that sent it (from the household's shared state), or "another device".
  assert.equal(lines.filter((l) => /sent by /.test(l)).length, DEVICES - 1);
});

test(`[${LANE}] the resolved notice is sent once too, and a device opened later sends nothing again`, async () => {
  // Arrange: a fourth device opens the dashboard while the alert fires.
  const late = await ha.newPage(); // same viewport, opens vitals-e2e/main
  tabs.push(late);
  await late.page.locator('vitals-alerts-card li.alert.firing').first().waitFor({ state: 'visible', timeout: 20000 });
  await sleep(8000); // warm-up and a couple of evaluations (5 s)
  const before = creates().length;
  // Act
  await ha.lane.setState(ENTITY, 10, { unit_of_measurement: '%', friendly_name: 'Claim load' });
  // Resolved notices go out with the group's next flush (group_interval 10 s), as in Alertmanager.
  await waitFor(async () => (await Promise.all(tabs.map((tab) => sentLog(tab.page)))).every((ids) => ids.length >= 1) && creates().length >= 2, { timeoutMs: 45000, what: 'the resolved notice' });
  await waitFor(everyDeviceDecided(tabs.slice(0, DEVICES), 2), { timeoutMs: 30000, what: 'every device decided the resolved notice' });
  await sleep(3000);
  // Assert
  assert.equal(before, 1, 'the late device sent no firing notification');
  const logs = await Promise.all(tabs.map((tab) => sentLog(tab.page)));
  assert.equal(new Set(logs.flat()).size, 2, `two intents in all: ${JSON.stringify(logs)}`);
  const resolved = creates().slice(1);
  ha.measure('notify_claim.resolved_notifications', resolved.length);
  assert.equal(resolved.length, 1, `one resolved notice: ${JSON.stringify(resolved.map((c) => c.service_data?.title))}`);
});
