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
    expect(id).to.equal('ha_vitals_alert_cpu_high_sensor_report_cpu');
    const config = JSON.parse(published.find((p) => p.topic === `homeassistant/sensor/${id}/config`)!.payload);
    expect(config).to.include({ default_entity_id: `sensor.${id}`, state_topic: `ha-vitals/alerts/${id}/state`, json_attributes_topic: `ha-vitals/alerts/${id}/attributes` });
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
});
