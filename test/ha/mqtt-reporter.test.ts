import { expect } from '@open-wc/testing';
import { MqttReporter, discoveryConfig, slug } from '../../src/ha/mqtt-reporter';
import { VitalsStore } from '../../src/ha/store';
import { FakeConnection } from '../helpers/fake-connection';

function setup(now = { t: 1_000_000 }) {
  const store = new VitalsStore(new FakeConnection() as never);
  const calls: { domain: string; service: string; data: Record<string, unknown> }[] = [];
  const services = { callService: async (domain: string, service: string, data: Record<string, unknown>) => void calls.push({ domain, service, data }) };
  const reporter = new MqttReporter(store, services, [{ source: 'vitals.ws_rtt_ms', key: 'ws_rtt_ms', name: 'Websocket round trip', unit: 'ms', deviceClass: 'duration' }], {
    device: 'Wall tablet',
    intervalMs: 60_000,
    now: () => now.t,
  });
  return { store, calls, reporter, now };
}

describe('MqttReporter', () => {
  it('announces a sensor by MQTT discovery once, then publishes its state', async () => {
    // Arrange
    const { store, calls, reporter } = setup();
    store.record('vitals.ws_rtt_ms', 1, 42.1234);
    // Act
    await reporter.report();
    // Assert
    expect(calls.map((c) => [c.domain, c.service])).to.deep.equal([['mqtt', 'publish'], ['mqtt', 'publish']]);
    const [config, state] = calls.map((c) => c.data);
    expect(config.topic).to.equal('homeassistant/sensor/ha_vitals_wall_tablet_ws_rtt_ms/config');
    expect(config.retain).to.equal(true);
    const payload = JSON.parse(config.payload as string);
    expect(payload).to.include({ unique_id: 'ha_vitals_wall_tablet_ws_rtt_ms', state_topic: 'ha-vitals/wall_tablet/ws_rtt_ms/state', unit_of_measurement: 'ms', expire_after: 180 });
    expect(state).to.deep.include({ topic: 'ha-vitals/wall_tablet/ws_rtt_ms/state', payload: '42.123', retain: true });
  });

  it('sends a state at most once per interval and nothing while there is no value', async () => {
    const { store, calls, reporter, now } = setup();
    await reporter.report();
    expect(calls).to.have.length(0);
    store.record('vitals.ws_rtt_ms', 1, 10);
    await reporter.report();
    now.t += 30_000;
    store.record('vitals.ws_rtt_ms', 2, 20);
    await reporter.report();
    now.t += 30_000;
    await reporter.report();
    // Assert: discovery + first state + one more state after a full interval.
    expect(calls.map((c) => c.data.payload).slice(1)).to.deep.equal(['10', '20']);
    expect(reporter.publishCount).to.equal(3);
  });

  it('makes safe topic slugs from any device name', () => {
    expect(slug('Küche Tablet #2!')).to.equal('k_che_tablet_2');
    expect(slug('!!!')).to.equal('device');
    expect(discoveryConfig({ source: 'x', key: 'k', name: 'K' }, 'A', 'base', 10_000).payload.expire_after).to.equal(30);
  });
});
