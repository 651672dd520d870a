// Report: a UX card with `report:` publishes this browser's figures as MQTT sensors through the
// real broker and Home Assistant's MQTT discovery; Home Assistant creates the entities, records
// them, and a second UX card (as on another device) shows them with `entity_prefix`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertSensorEntity, sleep, useDashboard, waitFor } from '../lib/index.mjs';

const SENSOR = 'sensor.ha_vitals_e2e_tablet_ws_rtt_ms';

const ha = useDashboard({
  states: { 'sensor.e2e_report_load': [20, { unit_of_measurement: '%' }] },
  dashboard: {
    views: [
      {
        path: 'main',
        cards: [
          { type: 'custom:vitals-ux-card', title: 'Reporting', ping_interval: 5, report: { interval: '10s' } },
          { type: 'custom:vitals-ux-card', title: 'Other devices', ping_interval: 5, devices: [{ name: 'Tablet', entity_prefix: 'sensor.ha_vitals_e2e_tablet' }] },
          {
            type: 'custom:vitals-alerts-card',
            entities: ['sensor.e2e_report_load'],
            alerts: [{ name: 'load_high', type: 'threshold', above: 90, severity: 'critical', notify: [] }],
            report: true,
          },
        ],
      },
    ],
  },
  // Each browser reports under its own name: this one is called "e2e tablet" before the page opens.
  browsers: 0,
  ready: async (h) => {
    const tab = await h.newPage({ open: false });
    await tab.context.addInitScript(() => localStorage.setItem('ha-vitals:device-name', 'e2e tablet'));
    await h.openDashboard(tab);
    page = tab.page;
  },
});
const LANE = ha.laneName;
let page;

const stateOf = async (id) => {
  try {
    return await ha.lane.getState(id);
  } catch {
    return undefined; // 404 until discovery created it
  }
};

test(`[${LANE}] report: the browser's round trip becomes a Home Assistant sensor through MQTT discovery, and is recorded`, async (t) => {
  // The first report goes out after one interval (10 s); discovery then creates the entity.
  let state;
  await waitFor(async () => {
    state = await stateOf(SENSOR);
    return state && Number.isFinite(Number(state.state));
  }, { timeoutMs: 45000, what: `${SENSOR} with a number` });
  t.diagnostic(`${SENSOR} = ${state.state} ${state.attributes.unit_of_measurement} (${state.attributes.friendly_name}, device_class ${state.attributes.device_class})`);
  assert.equal(state.attributes.unit_of_measurement, 'ms');
  assert.equal(state.attributes.state_class, 'measurement');
  assert.ok(Number(state.state) >= 0 && Number(state.state) < 5000, `round trip ${state.state} ms`);
  ha.measure('mqtt_report.reported_ws_rtt_ms', Number(state.state));
  // The overhead is sampled every 10 s, so its sensor may come one report later than the round trip's.
  let overhead;
  await waitFor(async () => Number.isFinite(Number((overhead = await stateOf('sensor.ha_vitals_e2e_tablet_monitor_overhead_ms'))?.state)), { timeoutMs: 30000, what: 'the overhead sensor with a number' });
  t.diagnostic(`overhead sensor: ${overhead.state} ${overhead.attributes.unit_of_measurement}`);
  assert.equal(overhead.attributes.unit_of_measurement, 'ms/min');
  // Recorded: the recorder's history holds the sensor's values.
  await sleep(12000); // one more report
  await ha.lane.flushRecorder();
  const rows = (await ha.lane.history(SENSOR, { start: new Date(Date.now() - 600e3) })).filter((s) => Number.isFinite(Number(s.state)));
  t.diagnostic(`recorded rows: ${rows.length} (${rows.map((s) => s.state).join(', ')})`);
  ha.measure('mqtt_report.recorded_rows', rows.length);
  assert.ok(rows.length >= 1, 'the recorder holds the reported values');
});

test(`[${LANE}] report: another UX card shows the reported device by its entity prefix`, async () => {
  const devices = page.locator('vitals-ux-card .rows.devices');
  await devices.waitFor({ timeout: 20000 });
  await waitFor(async () => /Tablet/.test((await devices.textContent()) ?? '') && /\d+\s*ms/.test((await devices.textContent()) ?? ''), { timeoutMs: 20000, what: 'the Tablet rows with values' });
  const note = (await page.locator('vitals-ux-card .report').textContent())?.replace(/\s+/g, ' ').trim();
  assert.equal(note, 'Reported to Home Assistant every 10 s as sensor.ha_vitals_e2e_tablet_…');
});

test(`[${LANE}] report: an alert's state becomes a Home Assistant sensor that automations can trigger on`, async (t) => {
  const id = alertSensorEntity('load_high', 'sensor.e2e_report_load');
  await waitFor(async () => (await stateOf(id))?.state === 'inactive', { timeoutMs: 30000, what: `${id} inactive` });
  // Act
  await ha.lane.setState('sensor.e2e_report_load', 97, { unit_of_measurement: '%' });
  let state;
  await waitFor(async () => (state = await stateOf(id))?.state === 'firing', { timeoutMs: 30000, what: `${id} firing` });
  t.diagnostic(`${id} = ${state.state} ${JSON.stringify(state.attributes)}`);
  // Assert
  assert.equal(state.attributes.severity, 'critical');
  assert.equal(state.attributes.value, 97);
  assert.equal(state.attributes.entity, 'sensor.e2e_report_load');
  assert.match(String(state.attributes.since), /^\d{4}-\d\d-\d\dT/);
});
