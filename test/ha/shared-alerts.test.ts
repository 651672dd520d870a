import { expect, waitUntil } from '@open-wc/testing';
import { AlertHub } from '../../src/ha/alert-hub';
import { VitalsStore } from '../../src/ha/store';
import { SharedAlertChannel, SHARED_ENTITY } from '../../src/ha/shared-alert-state';
import { parseAlertsConfig, type AlertsConfig } from '../../src/core/config/alerts';
import { FakeConnection, sleep } from '../helpers/fake-connection';
import { passThroughClaims, quietHeartbeat } from '../helpers/hub-options';

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

function config(rules: unknown): AlertsConfig {
  const result = parseAlertsConfig(rules);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const RULES = [
  {
    name: 'cpu_high',
    type: 'threshold',
    above: 90,
    severity: 'critical',
    group_wait: '0s',
    notify: ['notify.phone', { service: 'notify.everyone', after: '2m' }],
  },
];

/**
 * A household: one "Home Assistant" (its entity states and MQTT-published shared document) and
 * several devices, each with its own connection, store, storage and hub. What a device publishes
 * to the shared state's attributes topic becomes the entity's attributes on every connection, as
 * Home Assistant's MQTT integration does.
 */
function household(devices: number) {
  const clock = { t: Date.UTC(2026, 10, 26, 12), now() { return this.t; } };
  const connections: FakeConnection[] = [];
  const calls: { device: number; service: string; data: Record<string, unknown> }[] = [];
  let seq = 0;
  const publish = (data: Record<string, unknown>) => {
    if (data.topic !== 'ha-vitals/alert-state/attributes') return;
    const attributes = JSON.parse(data.payload as string) as Record<string, unknown>;
    const lu = clock.t / 1000 + ++seq / 1000;
    for (const c of connections) c.setState(SHARED_ENTITY, String(seq), attributes, lu);
  };
  const hubs = Array.from({ length: devices }, (_, k) => {
    const connection = new FakeConnection();
    connection.responders.set('history/history_during_period', () => ({}));
    connections.push(connection);
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, historyBatchDelayMs: 1, now: () => clock.t });
    const storage = memoryStorage();
    const caller = {
      callService: async (domain: string, service: string, data: Record<string, unknown>) => {
        if (domain === 'mqtt') return publish(data);
        calls.push({ device: k, service: `${domain}.${service}`, data });
      },
    };
    const shared = new SharedAlertChannel({ watch: (e, l) => store.watch(e, l), caller, storage, publishDelayMs: 1, firstStateWaitMs: 20, now: () => clock.t });
    return new AlertHub(store, { heartbeat: quietHeartbeat(), caller, clock, storage, shared, claims: passThroughClaims, deviceId: `dev-${k}`, deviceName: `Device ${k}`, setInterval: () => 0, clearInterval: () => undefined });
  });
  const setCpu = (value: string) => connections.forEach((c) => c.setState('sensor.cpu', value, {}, clock.t / 1000));
  const evaluateAll = () => Promise.all(hubs.map((h) => h.evaluate()));
  return { clock, hubs, calls, setCpu, evaluateAll, connections };
}

async function firing(devices = 2) {
  const h = household(devices);
  h.setCpu('20');
  for (const hub of h.hubs) hub.register({ id: 'alerts:sensor.cpu:abc', entities: ['sensor.cpu'], config: config(RULES) });
  await sleep(60);
  h.clock.t += 5_000;
  h.setCpu('95');
  await sleep(5);
  await h.evaluateAll();
  return h;
}

const escalations = (calls: { service: string }[]) => calls.filter((c) => c.service === 'notify.everyone').length;

describe('alert state shared by the household', () => {
  it('stops the escalation on every device when one device acknowledges', async () => {
    // Arrange: the alert fires on the phone and on the wall tablet.
    const h = await firing(2);
    const [phone, tablet] = h.hubs;
    // Act: acknowledged on the phone; two minutes later the escalation tier would be due.
    expect(phone.ack('alerts:sensor.cpu:abc', 'cpu_high/sensor.cpu', 'Ann')).to.equal(true);
    await sleep(30);
    h.clock.t += 150_000;
    await h.evaluateAll();
    // Assert
    expect(escalations(h.calls)).to.equal(0);
    const onTablet = tablet.alerts().find((a) => a.key === 'cpu_high/sensor.cpu')!;
    expect(onTablet.acknowledged).to.equal(true);
    expect(onTablet.ack?.by).to.equal('Ann');
    expect(tablet.sharedFor('alerts:sensor.cpu:abc', 'cpu_high/sensor.cpu').ack?.deviceName).to.equal('Device 0');
  });

  it('escalates on every device when nobody acknowledges (the control)', async () => {
    // Arrange
    const h = await firing(2);
    // Act
    h.clock.t += 150_000;
    await h.evaluateAll();
    // Assert: each device plans it; across devices the claim makes it one (not part of this test).
    expect(escalations(h.calls)).to.equal(2);
  });

  it('keeps a snooze made on one device on the others, and after a reload', async () => {
    // Arrange
    const h = await firing(2);
    // Act
    h.hubs[1].snooze('alerts:sensor.cpu:abc', 'cpu_high/sensor.cpu', 3_600_000, 'Bob');
    await sleep(30);
    // Assert
    const onPhone = h.hubs[0].alerts().find((a) => a.key === 'cpu_high/sensor.cpu')!;
    expect(onPhone.snoozed).to.equal(true);
    expect(onPhone.snoozedUntil).to.equal(h.clock.t + 3_600_000);
  });

  it('merges two acknowledgements made at the same moment on two devices instead of losing one', async () => {
    // Arrange: two rules, each acknowledged on a different device before either hears of the other.
    const h = household(2);
    const rules = config([
      { name: 'a', type: 'threshold', above: 90, group_wait: '0s', notify: ['notify.phone'] },
      { name: 'b', type: 'threshold', above: 80, group_wait: '0s', notify: ['notify.phone'] },
    ]);
    h.setCpu('20');
    for (const hub of h.hubs) hub.register({ id: 's', entities: ['sensor.cpu'], config: rules });
    await sleep(60);
    h.clock.t += 5_000;
    h.setCpu('95');
    await sleep(5);
    await h.evaluateAll();
    // Act
    h.hubs[0].ack('s', 'a/sensor.cpu');
    h.hubs[1].ack('s', 'b/sensor.cpu');
    await sleep(1500); // anti-entropy: a device whose news is missing re-publishes the merge
    // Assert
    for (const hub of h.hubs) expect(hub.alerts().filter((a) => a.acknowledged).map((a) => a.rule).sort()).to.deep.equal(['a', 'b']);
  });

  it('does not send a notification whose alert was acknowledged between planning and sending', async () => {
    // Arrange: the claim takes a while; the ack comes from another device meanwhile.
    const h = household(2);
    let release!: () => void;
    const slow = { run: async (_id: string, send: () => Promise<void>) => (await new Promise<void>((r) => (release = r)), await send(), 'won' as const) };
    const connection = h.connections[0];
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, historyBatchDelayMs: 1, now: () => h.clock.t });
    const calls: string[] = [];
    const caller = { callService: async (d: string, s: string) => void calls.push(`${d}.${s}`) };
    const shared = new SharedAlertChannel({ watch: (e, l) => store.watch(e, l), caller, storage: memoryStorage(), publishDelayMs: 1, firstStateWaitMs: 20, now: () => h.clock.t });
    const hub = new AlertHub(store, { heartbeat: quietHeartbeat(), caller, clock: h.clock, storage: memoryStorage(), shared, claims: slow, setInterval: () => 0, clearInterval: () => undefined });
    h.setCpu('20');
    hub.register({ id: 's', entities: ['sensor.cpu'], config: config(RULES) });
    await sleep(60);
    h.clock.t += 5_000;
    h.setCpu('95');
    await sleep(5);
    const evaluation = hub.evaluate();
    await waitUntil(() => release !== undefined, 'the claim never started');
    // Act: another device's ack arrives through the shared state, then the claim returns.
    shared.record({ acks: { [`${hub['scopes'].get('s')!.tag}|cpu_high/sensor.cpu`]: { episode: h.clock.t, acked: true, at: h.clock.t, device: 'dev-phone', by: 'Ann' } } });
    release();
    await evaluation;
    // (the state itself may have started the evaluation that planned it: data is judged on arrival)
    await waitUntil(() => hub.deliveries.length > 0, 'the delivery was never decided');
    // Assert
    expect(calls.filter((c) => c.startsWith('notify.'))).to.deep.equal([]);
    expect(hub.deliveries.map((d) => [d.reason, d.detail])).to.deep.equal([['acknowledged', 'acknowledged by Ann']]);
  });
});
