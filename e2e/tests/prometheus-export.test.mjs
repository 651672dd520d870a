// External monitoring: what HA Vitals reports back into Home Assistant (UX figures through MQTT
// discovery, alert states, the rules heartbeat) reaches Prometheus through Home Assistant's own
// `prometheus` integration, read here from `/api/prometheus` as a Prometheus server scrapes it
// (bearer token, text exposition format). Nothing of HA Vitals talks to Prometheus itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useDashboard, waitFor } from '../lib/index.mjs';

const LOAD = 'sensor.e2e_prom_load';

const ha = useDashboard({
  laneOptions: { config: { prometheus: {} } }, // namespace: the integration's default
  states: { [LOAD]: [97, { unit_of_measurement: '%', friendly_name: 'Prom load' }] },
  dashboard: {
    views: [
      {
        path: 'main',
        cards: [
          { type: 'custom:vitals-ux-card', title: 'Reporting', ping_interval: 5, report: { interval: '10s' } },
          {
            type: 'custom:vitals-alerts-card',
            entities: [LOAD],
            alerts: [{ name: 'prom_load_high', type: 'threshold', above: 90, severity: 'warning', notify: [] }],
            report: true,
            watchdog: true,
          },
        ],
      },
    ],
  },
  browsers: 0,
  ready: async (h) => {
    const tab = await h.newPage({ open: false });
    await tab.context.addInitScript(() => localStorage.setItem('ha-vitals:device-name', 'e2e prom'));
    await h.openDashboard(tab);
  },
});
const LANE = ha.laneName;

/** `/api/prometheus` as a scraper reads it. */
async function scrape() {
  const r = await fetch(`${ha.lane.baseUrl}/api/prometheus`, { headers: { authorization: `Bearer ${ha.lane.token}` } });
  assert.equal(r.status, 200, `/api/prometheus answered ${r.status}`);
  return r.text();
}

/** Samples of the exposition text whose `entity` label is an HA Vitals sensor: `{metric, entity, value}`. */
export function vitalsSeries(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)\{([^}]*)\}\s+(\S+)/.exec(line);
    if (!m) continue;
    const entity = /(?:^|,)entity="([^"]+)"/.exec(m[2])?.[1];
    if (entity?.startsWith('sensor.ha_vitals_') || entity?.startsWith('binary_sensor.ha_vitals_')) out.push({ metric: m[1], entity, value: Number(m[3]) });
  }
  return out;
}

/** A value series: the integration's `homeassistant_sensor_<unit or class>` metric (not availability, change counts or times). */
const isValue = (s) => s.metric.startsWith('homeassistant_sensor_');

test(`[${LANE}] Prometheus: Home Assistant's /api/prometheus carries the HA Vitals sensors with their values`, async (t) => {
  // Arrange: the UX card reports every 10 s, the alerts card its alert state and the heartbeat.
  const rtt = (s) => /_ws_rtt_ms$/.test(s.entity) && isValue(s);
  const heartbeat = (s) => s.entity === 'sensor.ha_vitals_rules_evaluated' && isValue(s);
  const alert = (s) => /prom_load_high/.test(s.entity) && s.metric === 'homeassistant_entity_available';
  // Act
  let series = [];
  await waitFor(async () => {
    series = vitalsSeries(await scrape());
    return [rtt, heartbeat, alert].every((is) => series.some((s) => is(s) && Number.isFinite(s.value)));
  }, { timeoutMs: 60000, intervalMs: 2000, what: 'round trip, heartbeat and alert series in /api/prometheus' });
  // Assert: the values are the states Home Assistant holds.
  const values = series.filter(isValue);
  t.diagnostic(`HA Vitals series: ${series.length} (${new Set(series.map((s) => s.entity)).size} entities); with values: ${values.map((s) => `${s.metric}{${s.entity}}=${s.value}`).join(' ')}`);
  ha.measure('prometheus_ha_vitals_series', values.length);
  assert.ok(values.length >= 3, `${values.length} HA Vitals value series`);
  // The state on either side of the scrape (a report every 10 s may change it in between).
  const rttEntity = series.find(rtt).entity;
  const before = Number((await ha.lane.getState(rttEntity)).state);
  const scraped = vitalsSeries(await scrape());
  const after = Number((await ha.lane.getState(rttEntity)).state);
  const rttNow = scraped.find(rtt);
  t.diagnostic(`${rttNow.metric}{entity="${rttNow.entity}"} ${rttNow.value}; Home Assistant: ${before} → ${after} ms`);
  assert.equal(rttNow.metric, 'homeassistant_sensor_duration_ms');
  assert.ok([before, after].some((v) => Math.abs(rttNow.value - v) < 0.01), `round trip ${rttNow.value} ms is Home Assistant's state`);
  const beat = scraped.find(heartbeat);
  const beatState = await ha.lane.getState(beat.entity);
  assert.equal(beat.metric, 'homeassistant_sensor_timestamp_seconds');
  assert.ok(Math.abs(beat.value - Date.parse(beatState.state) / 1000) <= 60, `heartbeat ${beat.value} vs ${beatState.state}`);
  assert.equal(scraped.find(alert).value, 1, 'the alert sensor is available');
});
