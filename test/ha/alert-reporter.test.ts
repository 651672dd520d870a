import { expect } from '@open-wc/testing';
import { alertSensorId, reportAlertStates } from '../../src/ha/alert-reporter';
import { hubSetup } from '../cards/alerts/helpers';
import { parseAlertsConfig } from '../../src/core/config/alerts';
import { sleep } from '../helpers/fake-connection';

const rules = (entity: string) => {
  const parsed = parseAlertsConfig([{ name: 'cpu_high', type: 'threshold', above: 90, entity, group_wait: '0s', notify: [] }]);
  if (!parsed.ok) throw new Error('bad rules');
  return parsed.value;
};

describe('reportAlertStates', () => {
  it('publishes each alert of the scope as a discovered sensor with its state and attributes, again only when they change', async () => {
    // Arrange
    const { connection, clock, hub } = hubSetup();
    const cpu = 'sensor.report_cpu';
    connection.setState(cpu, '20', {}, clock.t / 1000 - 10);
    hub.register({ id: 'scope-a', entities: [cpu], config: rules(cpu) });
    await sleep(400); // the store subscribes after 50 ms; warm-up waits for the state
    await hub.evaluate();
    const published: { topic: string; payload: string; retain: boolean }[] = [];
    const stop = reportAlertStates(hub, 'scope-a', { callService: async (_d, _s, data) => void published.push(data as never) });
    await sleep(10);
    const first = published.length;
    // Act: the alert fires, then an unrelated re-render (nothing changed), then it is stopped.
    clock.t += 5_000;
    connection.setState(cpu, '95', {}, clock.t / 1000);
    await hub.evaluate();
    await sleep(10);
    const afterFiring = published.length;
    await hub.evaluate();
    await sleep(10);
    const unchanged = published.length === afterFiring;
    stop();
    clock.t += 5_000;
    connection.setState(cpu, '10', {}, clock.t / 1000);
    await hub.evaluate();
    await sleep(10);
    // Assert
    const id = alertSensorId({ rule: 'cpu_high', seriesId: cpu });
    expect(id).to.match(/^ha_vitals_alert_cpu_high_report_cpu_[0-9a-f]{6}$/);
    const config = JSON.parse(published.find((p) => p.topic === `homeassistant/sensor/${id}/config`)!.payload);
    expect(config).to.include({ default_entity_id: `sensor.${id}`, state_topic: `ha-vitals/alerts/${id}/state`, json_attributes_topic: `ha-vitals/alerts/${id}/attributes`, expire_after: 180 });
    const states = published.filter((p) => p.topic.endsWith('/state')).map((p) => p.payload);
    expect(states).to.deep.equal(['inactive', 'firing']);
    expect(published.every((p) => p.retain)).to.equal(true);
    const attributes = JSON.parse(published.filter((p) => p.topic.endsWith('/attributes')).at(-1)!.payload);
    expect(attributes).to.include({ rule: 'cpu_high', entity: cpu, severity: 'warning', value: 95, acknowledged: false });
    expect(attributes.since).to.equal(new Date(clock.t - 5_000).toISOString());
    expect(first).to.equal(3); // discovery, attributes and state of the inactive alert
    expect(unchanged).to.equal(true);
    expect(published.length).to.equal(afterFiring);
  });

  it('tries again on the next change when MQTT is not there', async () => {
    // Arrange
    const { connection, clock, hub } = hubSetup();
    const cpu = 'sensor.report_cpu2';
    connection.setState(cpu, '20', {}, clock.t / 1000 - 10);
    hub.register({ id: 'scope-b', entities: [cpu], config: rules(cpu) });
    await sleep(400);
    await hub.evaluate();
    let up = false;
    const topics: string[] = [];
    reportAlertStates(hub, 'scope-b', { callService: async (_d, _s, data) => (up ? void topics.push((data as { topic: string }).topic) : Promise.reject(new Error('mqtt not loaded'))) });
    await sleep(10);
    // Act
    up = true;
    clock.t += 5_000;
    connection.setState(cpu, '95', {}, clock.t / 1000);
    await hub.evaluate();
    await sleep(10);
    // Assert
    expect(topics.some((t) => t.endsWith('/config'))).to.equal(true);
    expect(topics.filter((t) => t.endsWith('/state'))).to.have.length(1);
  });

  it('gives distinct, stable ids to long names and names in other scripts', () => {
    // Arrange
    const long = 'a_very_long_rule_name_that_goes_on_and_on_';
    // Act
    const ids = [
      alertSensorId({ rule: 'высокая нагрузка', seriesId: 'sensor.cpu' }),
      alertSensorId({ rule: 'низкая память', seriesId: 'sensor.cpu' }),
      alertSensorId({ rule: 'CPU高', seriesId: 'sensor.cpu' }),
      alertSensorId({ rule: `${long}1`, seriesId: 'sensor.cpu' }),
      alertSensorId({ rule: `${long}2`, seriesId: 'sensor.cpu' }),
    ];
    // Assert
    expect(new Set(ids).size).to.equal(5);
    expect(ids[0]).to.match(/^ha_vitals_alert_rule_cpu_[0-9a-f]{6}$/);
    expect(ids[2]).to.match(/^ha_vitals_alert_cpu_cpu_[0-9a-f]{6}$/);
    expect(ids.every((id) => /^[a-z0-9_]{1,80}$/.test(id))).to.equal(true);
    expect(alertSensorId({ rule: 'высокая нагрузка', seriesId: 'sensor.cpu' })).to.equal(ids[0]);
  });

  it('re-publishes unchanged states on a heartbeat so the sensor only expires when no dashboard judges it', async () => {
    // Arrange
    const { connection, clock, hub } = hubSetup();
    const cpu = 'sensor.report_cpu3';
    connection.setState(cpu, '20', {}, clock.t / 1000 - 10);
    hub.register({ id: 'scope-c', entities: [cpu], config: rules(cpu) });
    await sleep(400);
    await hub.evaluate();
    const states: string[] = [];
    const stop = reportAlertStates(hub, 'scope-c', { callService: async (_d, _s, data) => void ((data as { topic: string }).topic.endsWith('/state') && states.push((data as { payload: string }).payload)) }, { heartbeatMs: 40, storage: memory() });
    // Act
    await sleep(150);
    stop();
    const count = states.length;
    await sleep(100);
    // Assert
    expect(count).to.be.greaterThan(2);
    expect(states.every((s) => s === 'inactive')).to.equal(true);
    expect(states.length).to.equal(count);
  });

  it('removes the sensors of a renamed rule once nothing has published them for a day', async () => {
    // Arrange: this browser published `old_name` two days ago; the rule is now called cpu_high.
    const { connection, clock, hub } = hubSetup();
    const cpu = 'sensor.report_cpu4';
    connection.setState(cpu, '20', {}, clock.t / 1000 - 10);
    hub.register({ id: 'scope-d', entities: [cpu], config: rules(cpu) });
    await sleep(400);
    await hub.evaluate();
    const orphan = alertSensorId({ rule: 'old_name', seriesId: cpu });
    const recent = alertSensorId({ rule: 'other_card_rule', seriesId: cpu });
    const storage = memory({ 'ha-vitals:alert-sensors': JSON.stringify({ [orphan]: Date.now() - 2 * 86_400_000, [recent]: Date.now() - 60_000 }) });
    const published: { topic: string; payload: string }[] = [];
    // Act
    const stop = reportAlertStates(hub, 'scope-d', { callService: async (_d, _s, data) => void published.push(data as never) }, { storage });
    await sleep(50);
    stop();
    // Assert
    const cleared = published.filter((p) => p.payload === '').map((p) => p.topic);
    expect(cleared).to.deep.equal([`homeassistant/sensor/${orphan}/config`, `ha-vitals/alerts/${orphan}/state`, `ha-vitals/alerts/${orphan}/attributes`]);
    const tracked = JSON.parse(storage.getItem('ha-vitals:alert-sensors')!);
    expect(Object.keys(tracked).sort()).to.deep.equal([alertSensorId({ rule: 'cpu_high', seriesId: cpu }), recent].sort());
  });
});

function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}
