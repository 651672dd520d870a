import { expect } from '@open-wc/testing';
import { discoverSystemSensors, parseSystemHealth, readSystemHealth } from '../../../src/ha/telemetry/system';

const num = (state: string, unit = '') => ({ state, attributes: { unit_of_measurement: unit } });

describe('discoverSystemSensors', () => {
  it('finds one sensor per resource, preferring System Monitor entities', () => {
    // Arrange
    const states = {
      'sensor.kitchen_cpu': num('3', '%'),
      'sensor.system_monitor_processor_use': num('12', '%'),
      'sensor.memory_use_percent': num('40', '%'),
      'sensor.disk_use_percent_config': num('71', '%'),
      'sensor.load_1m': num('0.4'),
      'sensor.network_throughput_in_eth0': num('1.2', 'MB/s'),
      'sensor.network_throughput_out_eth0': num('0.3', 'MB/s'),
      'sensor.processor_temperature': num('48', '°C'),
      'sensor.text_thing': num('on'),
    };
    const registry = { 'sensor.system_monitor_processor_use': { platform: 'systemmonitor' } };
    // Act
    const found = discoverSystemSensors(states, registry);
    // Assert
    expect(found).to.deep.equal({
      cpu: 'sensor.system_monitor_processor_use',
      memory: 'sensor.memory_use_percent',
      disk: 'sensor.disk_use_percent_config',
      load: 'sensor.load_1m',
      network_in: 'sensor.network_throughput_in_eth0',
      network_out: 'sensor.network_throughput_out_eth0',
      temperature: 'sensor.processor_temperature',
    });
  });

  it('ignores non-numeric states and units that do not fit the resource', () => {
    const found = discoverSystemSensors({ 'sensor.cpu': num('unavailable', '%'), 'sensor.cpu_load': num('5', 'W') });
    expect(found).to.deep.equal({});
  });
});

describe('system health', () => {
  it('reads version and recorder database size', () => {
    const health = parseSystemHealth({
      homeassistant: { info: { version: '2026.11.2' } },
      recorder: { info: { estimated_db_size: '123.45 MiB', database_engine: 'sqlite' } },
    });
    expect(health).to.deep.equal({ version: '2026.11.2', databaseMiB: 123.45, databaseEngine: 'sqlite' });
  });

  it('takes the first event of the system_health/info subscription and unsubscribes', async () => {
    let unsubscribed = false;
    const connection = {
      async subscribeMessage<T>(callback: (m: T) => void) {
        setTimeout(() => callback({ type: 'initial', data: { homeassistant: { info: { version: '2024.3.3' } } } } as T), 1);
        return async () => {
          unsubscribed = true;
        };
      },
    };
    const health = await readSystemHealth(connection);
    expect(health.version).to.equal('2024.3.3');
    await Promise.resolve();
    expect(unsubscribed).to.equal(true);
  });

  it('fails clearly when Home Assistant does not answer', async () => {
    const connection = { subscribeMessage: async () => async () => undefined };
    const error = await readSystemHealth(connection, 10).catch((e: Error) => e.message);
    expect(error).to.equal('system_health/info did not answer');
  });
});
