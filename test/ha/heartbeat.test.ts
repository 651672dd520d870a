import { expect } from '@open-wc/testing';
import { EvaluationHeartbeat, evaluatingDevices, HEARTBEAT_EXPIRE_S, HEARTBEAT_INTERVAL_MS } from '../../src/ha/heartbeat';

function recorder(fail = false) {
  const calls: { topic: string; payload: string; retain: boolean }[] = [];
  return {
    calls,
    callService: async (domain: string, service: string, data: Record<string, unknown>) => {
      if (fail) throw new Error('Service mqtt.publish not found');
      expect(`${domain}.${service}`).to.equal('mqtt.publish');
      calls.push(data as never);
    },
  };
}

describe('watchdog heartbeat', () => {
  it('announces the shared and the device sensor once, with expire_after, then beats once per interval', async () => {
    // Arrange
    const publisher = recorder();
    const heartbeat = new EvaluationHeartbeat(publisher, 'Kitchen tablet', 'Kitchen tablet');
    const t0 = Date.UTC(2026, 10, 30, 14, 5);
    // Act
    await heartbeat.beat(t0);
    await heartbeat.beat(t0 + 5_000);
    await heartbeat.beat(t0 + HEARTBEAT_INTERVAL_MS);
    // Assert
    const configs = publisher.calls.filter((c) => c.topic.endsWith('/config'));
    expect(configs.map((c) => c.topic)).to.deep.equal(['homeassistant/sensor/ha_vitals_rules_evaluated/config', 'homeassistant/sensor/ha_vitals_heartbeat_kitchen_tablet/config']);
    expect(configs.map((c) => JSON.parse(c.payload).expire_after)).to.deep.equal([HEARTBEAT_EXPIRE_S, HEARTBEAT_EXPIRE_S]);
    const states = publisher.calls.filter((c) => !c.topic.endsWith('/config'));
    expect(states.map((c) => c.payload)).to.deep.equal([new Date(t0).toISOString(), new Date(t0).toISOString(), new Date(t0 + 60_000).toISOString(), new Date(t0 + 60_000).toISOString()]);
    expect(heartbeat.beats).to.equal(2);
  });

  it('says why when it cannot publish, and tries again 10 s later', async () => {
    // Arrange
    const heartbeat = new EvaluationHeartbeat(recorder(true), 'dev', 'Dev');
    // Act
    await heartbeat.beat(0);
    const afterFailure = heartbeat.problem;
    // Assert
    expect(afterFailure).to.equal('the watchdog heartbeat could not be published (Service mqtt.publish not found)');
    expect(heartbeat.beats).to.equal(0);
  });

  it('lists the devices whose heartbeat sensor is live, newest first', () => {
    // Act
    const devices = evaluatingDevices({
      'sensor.ha_vitals_heartbeat_tablet': { state: '2026-11-30T14:05:00.000Z', attributes: { friendly_name: 'HA Vitals watchdog Tablet' } },
      'sensor.ha_vitals_heartbeat_laptop': { state: '2026-11-30T14:06:00.000Z', attributes: { friendly_name: 'Laptop' } },
      'sensor.ha_vitals_heartbeat_phone': { state: 'unavailable' },
      'sensor.cpu': { state: '12' },
    });
    // Assert
    expect(devices.map((d) => d.name)).to.deep.equal(['Laptop', 'Tablet']);
  });
});
