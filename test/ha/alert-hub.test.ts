import { expect } from '@open-wc/testing';
import { AlertHub, browserIntentGate, serviceData } from '../../src/ha/alert-hub';
import { VitalsStore } from '../../src/ha/store';
import { parseAlertsConfig } from '../../src/core/config/alerts';
import type { NotificationIntent } from '../../src/core/alerts/types';
import { FakeConnection, sleep } from '../helpers/fake-connection';
import { passThroughClaims, quietShared, quietHeartbeat } from '../helpers/hub-options';

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

function config(rules: unknown) {
  const result = parseAlertsConfig(rules);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const CPU_RULES = [{ name: 'cpu_high', type: 'threshold', above: 90, for: '0s', group_wait: '0s', notify: ['notify.phone'], severity: 'critical' }];

function setup(storage = memoryStorage(), clockStart = Date.UTC(2026, 10, 26, 12), hidden = () => false) {
  const connection = new FakeConnection();
  connection.responders.set('history/history_during_period', () => ({}));
  const clock = { t: clockStart, now() { return this.t; } };
  const store = new VitalsStore(connection as never, { batchDelayMs: 1, historyBatchDelayMs: 1, now: () => clock.t });
  const calls: [string, string, Record<string, unknown>][] = [];
  const services = { callService: async (d: string, s: string, data: Record<string, unknown>) => void calls.push([d, s, data]) };
  const sent = new Set<string>();
  const gate = { once: async (id: string, send: () => Promise<void>) => (sent.has(id) ? false : (sent.add(id), await send(), true)) };
  const hub = new AlertHub(store, { heartbeat: quietHeartbeat(), caller: services, clock, storage, gate, claims: passThroughClaims, shared: quietShared(store, storage), setInterval: () => 0, clearInterval: () => undefined, hidden });
  return { connection, store, clock, calls, hub, storage };
}

describe('AlertHub', () => {
  it('fires a threshold rule on live data and notifies once through the service', async () => {
    // Arrange
    const { connection, clock, calls, hub } = setup();
    connection.setState('sensor.cpu', '20', {}, clock.t / 1000 - 10);
    hub.register({ id: 'card1', entities: ['sensor.cpu'], config: config(CPU_RULES) });
    await sleep(20);
    // Act
    clock.t += 5_000;
    connection.setState('sensor.cpu', '95', {}, clock.t / 1000);
    await hub.evaluate();
    clock.t += 5_000;
    await hub.evaluate();
    // Assert
    const firing = hub.alerts().find((a) => a.key === 'cpu_high/sensor.cpu')!;
    expect(firing.state).to.equal('firing');
    expect(firing.scope).to.equal('card1');
    expect(calls).to.have.length(1);
    expect(calls[0][0]).to.equal('notify');
    expect(calls[0][1]).to.equal('phone');
    expect(calls[0][2].message).to.match(/95/);
    expect(hub.transitions.map((t) => t.to)).to.include('firing');
  });

  it('publishes the watchdog heartbeat only for scopes that asked for it (a card with a watchdog)', async () => {
    // Arrange
    const connection = new FakeConnection();
    connection.responders.set('history/history_during_period', () => ({}));
    const clock = { t: Date.UTC(2026, 10, 30, 12), now() { return this.t; } };
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, historyBatchDelayMs: 1, now: () => clock.t });
    const storage = memoryStorage();
    const heartbeat = quietHeartbeat();
    const hub = new AlertHub(store, { heartbeat, caller: { callService: async () => undefined }, clock, storage, claims: passThroughClaims, shared: quietShared(store, storage), setInterval: () => 0, clearInterval: () => undefined });
    connection.setState('sensor.cpu', '20', {}, clock.t / 1000 - 10);
    hub.register({ id: 'plain', entities: ['sensor.cpu'], config: config(CPU_RULES) });
    await sleep(20);
    // Act
    await hub.evaluate();
    const without = heartbeat.published.length;
    hub.register({ id: 'watched', entities: ['sensor.cpu'], config: config(CPU_RULES), heartbeat: true });
    await sleep(20);
    await hub.evaluate();
    // Assert
    expect(without).to.equal(0);
    expect(heartbeat.published.map((p) => p.topic)).to.include('ha-vitals/heartbeat/all');
  });

  it('in a hidden tab, judges new data when it arrives, without waiting for a timer (hidden tabs run timers once a minute)', async () => {
    // Arrange: the interval timer never fires; the tab is hidden
    const { connection, clock, calls, hub } = setup(memoryStorage(), undefined, () => true);
    connection.setState('sensor.cpu', '20', {}, clock.t / 1000 - 10);
    hub.register({ id: 'card1', entities: ['sensor.cpu'], config: config(CPU_RULES) });
    await sleep(20);
    await hub.evaluate();
    // Act
    clock.t += 5_000;
    connection.setState('sensor.cpu', '95', {}, clock.t / 1000);
    await sleep(20);
    // Assert
    expect(hub.alerts().find((a) => a.key === 'cpu_high/sensor.cpu')?.state).to.equal('firing');
    expect(calls.map(([d, s]) => `${d}.${s}`)).to.deep.equal(['notify.phone']);
  });

  it('in a visible tab, leaves new data to the timer, so devices showing the same rule do not all claim at the same instant', async () => {
    // Arrange: visible; the interval timer never fires
    const { connection, clock, calls, hub } = setup();
    connection.setState('sensor.cpu', '20', {}, clock.t / 1000 - 10);
    hub.register({ id: 'card1', entities: ['sensor.cpu'], config: config(CPU_RULES) });
    await sleep(20);
    await hub.evaluate();
    // Act
    clock.t += 5_000;
    connection.setState('sensor.cpu', '95', {}, clock.t / 1000);
    await sleep(20);
    const sentBeforeTheTimer = calls.length;
    await hub.evaluate();
    // Assert
    expect(sentBeforeTheTimer).to.equal(0);
    expect(calls.map(([d, s]) => `${d}.${s}`)).to.deep.equal(['notify.phone']);
  });

  it('shows a rule that runs in Home Assistant firing but sends nothing for it (the automation does)', async () => {
    // Arrange
    const { connection, clock, calls, hub } = setup();
    connection.setState('sensor.cpu', '20', {}, clock.t / 1000 - 10);
    hub.register({ id: 'card1', entities: ['sensor.cpu'], config: config([{ ...CPU_RULES[0], run_in: 'home_assistant' }]) });
    await sleep(20);
    // Act
    clock.t += 5_000;
    connection.setState('sensor.cpu', '95', {}, clock.t / 1000);
    await hub.evaluate();
    clock.t += 5_000;
    await hub.evaluate();
    // Assert
    expect(hub.alerts().find((a) => a.key === 'cpu_high/sensor.cpu')?.state).to.equal('firing');
    expect(calls).to.deep.equal([]);
    expect(hub.scopeConfig('card1')?.rules[0].notify[0].service).to.deep.equal(['notify.phone']);
  });

  it('does not notify what happened in history before the dashboard was open, but shows it', async () => {
    const { connection, clock, calls, hub } = setup();
    const t = clock.t;
    connection.responders.set('history/history_during_period', () => ({ 'sensor.cpu': [{ s: '99', lu: (t - 600_000) / 1000 }] }));
    connection.setState('sensor.cpu', '99', {}, (t - 600_000) / 1000);
    // Act
    hub.register({ id: 'card1', entities: ['sensor.cpu'], config: config(CPU_RULES) });
    await sleep(30);
    await hub.evaluate();
    // Assert
    expect(hub.alerts()[0].state).to.equal('firing');
    expect(calls).to.have.length(0);
  });

  it('keeps an acknowledgement across a reload through its stored state', async () => {
    const storage = memoryStorage();
    const first = setup(storage);
    first.connection.setState('sensor.cpu', '20', {}, first.clock.t / 1000 - 10);
    const release = first.hub.register({ id: 'card1', entities: ['sensor.cpu'], config: config(CPU_RULES) });
    await sleep(20);
    first.clock.t += 5_000;
    first.connection.setState('sensor.cpu', '95', {}, first.clock.t / 1000);
    await first.hub.evaluate();
    // Act
    expect(first.hub.ack('card1', 'cpu_high/sensor.cpu', 'me')).to.equal(true);
    release();
    const second = setup(storage, first.clock.t + 1000);
    second.hub.register({ id: 'card1', entities: ['sensor.cpu'], config: config(CPU_RULES) });
    await sleep(20);
    // Assert
    const restored = second.hub.alerts().find((a) => a.key === 'cpu_high/sensor.cpu')!;
    expect(restored.acknowledged).to.equal(true);
    expect(storage.data.has('ha-vitals:alerts:card1')).to.equal(true);
  });

  it('keeps an acknowledgement when the page reloads with the same history, without new episodes', async () => {
    // Arrange: the recorder holds a normal value, then the high one that fired.
    const storage = memoryStorage();
    const first = setup(storage);
    const t = first.clock.t;
    const rows = { 'sensor.cpu': [{ s: '20', lu: (t - 60_000) / 1000 }, { s: '95', lu: (t - 30_000) / 1000 }] };
    first.connection.responders.set('history/history_during_period', () => rows);
    first.connection.setState('sensor.cpu', '95', {}, (t - 30_000) / 1000);
    first.hub.register({ id: 'card1', entities: ['sensor.cpu'], config: config(CPU_RULES) });
    await sleep(30);
    await first.hub.evaluate();
    expect(first.hub.ack('card1', 'cpu_high/sensor.cpu', 'me')).to.equal(true);
    await first.hub.evaluate();
    // Act: a reload: a new hub over the same storage and the same recorder history.
    const second = setup(storage, t + 5_000);
    second.connection.responders.set('history/history_during_period', () => rows);
    second.connection.setState('sensor.cpu', '95', {}, (t - 30_000) / 1000);
    second.hub.register({ id: 'card1', entities: ['sensor.cpu'], config: config(CPU_RULES) });
    await sleep(30);
    await second.hub.evaluate();
    // Assert
    const alert = second.hub.alerts().find((a) => a.key === 'cpu_high/sensor.cpu')!;
    expect(alert.state).to.equal('firing');
    expect(alert.acknowledged).to.equal(true);
    expect(second.hub.transitions).to.deep.equal([]);
  });

  it('keeps a scope running while its card is detached and re-attached by a re-layout', async () => {
    const { hub, connection, clock } = setup();
    connection.setState('sensor.cpu', '95', {}, clock.t / 1000);
    const release = hub.register({ id: 'card1', entities: ['sensor.cpu'], config: config(CPU_RULES) });
    await sleep(20);
    await hub.evaluate();
    hub.ack('card1', 'cpu_high/sensor.cpu');
    // Act
    release();
    hub.register({ id: 'card1', entities: ['sensor.cpu'], config: config(CPU_RULES) });
    // Assert
    expect(hub.alerts()[0].acknowledged).to.equal(true);
    hub.stopIdleScopes();
    expect(hub.alerts()).to.have.length(1); // still used by the re-attached card
  });

  it('snoozes, silences and reports actions on unknown scopes as not done', async () => {
    const { hub } = setup();
    hub.register({ id: 'card1', entities: ['sensor.cpu'], config: config(CPU_RULES) });
    expect(hub.snooze('nope', 'x', 1000)).to.equal(false);
    expect(hub.silence('card1', { id: 's1', matchers: [{ name: 'alertname', value: 'cpu_high' }], startsAt: 0, endsAt: Date.now() + 60_000 })).to.equal(true);
  });

  it('holds no-data rules still while the websocket reconnects', async () => {
    const { connection, clock, hub } = setup();
    connection.setState('sensor.cpu', '20', {}, clock.t / 1000);
    hub.register({ id: 'c', entities: ['sensor.cpu'], config: config([{ name: 'gone', type: 'nodata', max_age: '1m', group_wait: '0s' }]) });
    await sleep(20);
    // Act: the socket drops and nothing arrives for 10 minutes.
    connection.emit('disconnected');
    clock.t += 600_000;
    await hub.evaluate();
    // Assert
    expect(hub.alerts()[0].state).to.not.equal('firing');
  });

  it('records a failed notification instead of throwing', async () => {
    const { connection, clock, hub, store } = setup();
    const failing = new AlertHub(store, { heartbeat: quietHeartbeat(),
      caller: { callService: async () => Promise.reject(new Error('service not found')) },
      claims: passThroughClaims,
      shared: quietShared(store),
      clock,
      storage: memoryStorage(),
      gate: { once: async (_id, send) => (await send(), true) },
      setInterval: () => 0,
      clearInterval: () => undefined,
    });
    connection.setState('sensor.cpu', '20', {}, clock.t / 1000 - 10);
    failing.register({ id: 'x', entities: ['sensor.cpu'], config: config(CPU_RULES) });
    await sleep(20);
    clock.t += 5_000;
    connection.setState('sensor.cpu', '95', {}, clock.t / 1000);
    await failing.evaluate();
    expect(failing.deliveries.filter((d) => d.reason === 'failed').map((d) => d.detail)).to.deep.equal(['service not found']);
    void hub;
  });
});

describe('intent delivery helpers', () => {
  const intent = (service: string): NotificationIntent => ({ id: 'i1', channel: 'tier0', service, title: 'T', message: 'M', data: { tag: 'x' }, reason: 'firing', alertKey: 'k', at: 0 });

  it('gives title and message only to services that take text', () => {
    expect(serviceData(intent('notify.phone'))).to.deep.equal({ title: 'T', message: 'M', tag: 'x' });
    expect(serviceData(intent('siren.turn_on'))).to.deep.equal({ tag: 'x' });
  });

  it('sends each intent id once per browser, across tabs sharing storage', async () => {
    const storage = memoryStorage();
    const tabA = browserIntentGate(storage);
    const tabB = browserIntentGate(storage);
    let sends = 0;
    const send = async () => void sends++;
    // Act
    const results = await Promise.all([tabA.once('hv1-abc', send), tabB.once('hv1-abc', send)]);
    await tabB.once('hv1-def', send);
    // Assert
    expect(results.filter(Boolean)).to.have.length(1);
    expect(sends).to.equal(2);
  });

  it('judges the anomaly rule of a total_increasing counter on its rate', async () => {
    // Arrange: 3 h of a counter growing ~1,000 per 10 s, from history.
    const { connection, clock, hub } = setup();
    const t0 = clock.t - 3 * 3_600_000;
    const rows: { s: string; lu: number }[] = [];
    let total = 1e6;
    for (let t = t0; t < clock.t; t += 10_000) rows.push({ s: String((total += 1000 + ((t / 10_000) % 7) * 30)), lu: t / 1000 });
    connection.responders.set('history/history_during_period', () => ({ 'sensor.bytes': rows }));
    connection.setState('sensor.bytes', String(total), { state_class: 'total_increasing', unit_of_measurement: 'B' }, (clock.t - 10_000) / 1000);
    const rules = [{ name: 'bytes_odd', type: 'anomaly', for: '0s', notify: [] }];
    hub.register({ id: 'card1', entities: ['sensor.bytes'], config: config(rules) });
    await sleep(30);
    await hub.evaluate();
    const quiet = hub.alerts().filter((a) => a.state !== 'inactive').length;
    // Act: the counter suddenly grows ten times faster.
    for (let k = 0; k < 3; k++) {
      clock.t += 10_000;
      connection.setState('sensor.bytes', String((total += 10_000)), { state_class: 'total_increasing', unit_of_measurement: 'B' }, clock.t / 1000);
    }
    await hub.evaluate();
    // Assert
    const alert = hub.alerts().find((a) => a.key === 'bytes_odd/sensor.bytes')!;
    expect(quiet).to.equal(0);
    expect(alert.state).to.equal('firing');
    expect(alert.reason).to.match(/^rate [\d.]+\/min/);
  });

  it('logs each notification it decided: sent from this device, or left to the device that claimed it', async () => {
    // Arrange: a gate where another device wins every second claim, and another tab handles nothing.
    const connection = new FakeConnection();
    connection.responders.set('history/history_during_period', () => ({}));
    const clock = { t: Date.UTC(2026, 10, 26, 12), now() { return this.t; } };
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, historyBatchDelayMs: 1, now: () => clock.t });
    const calls: string[] = [];
    let claimed = 0;
    const claims = { run: async (_id: string, send: () => Promise<void>) => (claimed++ % 2 === 0 ? (await send(), 'won' as const) : ('lost' as const)) };
    const gate = { once: async (_id: string, send: () => Promise<void>) => (await send(), true) };
    const hub = new AlertHub(store, { heartbeat: quietHeartbeat(), caller: { callService: async (d, s) => void calls.push(`${d}.${s}`) }, clock, storage: memoryStorage(), gate, claims, shared: quietShared(store), setInterval: () => 0, clearInterval: () => undefined });
    const rules = [{ ...CPU_RULES[0], notify: ['notify.phone', 'notify.tablet'] }];
    connection.setState('sensor.cpu', '20', {}, clock.t / 1000 - 10);
    hub.register({ id: 'card1', entities: ['sensor.cpu'], config: config(rules) });
    await sleep(20);
    // Act
    clock.t += 5_000;
    connection.setState('sensor.cpu', '95', {}, clock.t / 1000);
    await hub.evaluate();
    await sleep(0);
    // Assert
    expect(calls).to.have.length(1);
    expect(hub.deliveries.map((d) => d.reason).sort()).to.deep.equal(['other-device', 'sent']);
    expect(hub.deliveries.find((d) => d.reason === 'sent')!.intent.service).to.equal(calls[0]);
  });

  it('waits for the entity state before warming up, so a counter\'s detector learns the rate from history', async () => {
    // Arrange: history is there at once, the state (with its state class) comes 300 ms later.
    const { connection, clock, hub } = setup();
    const rows: { s: string; lu: number }[] = [];
    let total = 1e6;
    for (let t = clock.t - 3 * 3_600_000; t < clock.t; t += 10_000) rows.push({ s: String((total += 1000 + ((t / 10_000) % 7) * 30)), lu: t / 1000 });
    connection.responders.set('history/history_during_period', () => ({ 'sensor.bytes': rows }));
    hub.register({ id: 'card1', entities: ['sensor.bytes'], config: config([{ name: 'bytes_odd', type: 'anomaly', for: '0s', notify: [] }]) });
    await sleep(300);
    connection.setState('sensor.bytes', String(total), { state_class: 'total_increasing' }, (clock.t - 10_000) / 1000);
    await sleep(1000); // warm-up retries every 250 ms until the state is there
    // Act: ten times faster.
    for (let k = 0; k < 3; k++) {
      clock.t += 10_000;
      connection.setState('sensor.bytes', String((total += 10_000)), { state_class: 'total_increasing' }, clock.t / 1000);
    }
    await hub.evaluate();
    // Assert: a detector swapped in cold would still be warming up and could not fire yet.
    const alert = hub.alerts().find((a) => a.key === 'bytes_odd/sensor.bytes')!;
    expect(alert.state).to.equal('firing');
    expect(alert.reason).to.match(/^rate /);
  });

  it('keeps judging while a claim takes long: the next evaluation does not wait for the previous delivery', async () => {
    // Arrange: the first intent's claim hangs (a frozen device that claimed first); later ones are quick.
    const connection = new FakeConnection();
    connection.responders.set('history/history_during_period', () => ({}));
    const clock = { t: Date.UTC(2026, 10, 26, 12), now() { return this.t; } };
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, historyBatchDelayMs: 1, now: () => clock.t });
    const calls: string[] = [];
    let first = true;
    const claims = {
      run: async (_id: string, send: () => Promise<void>) => {
        if (first) {
          first = false;
          return new Promise<'won'>(() => undefined);
        }
        await send();
        return 'won' as const;
      },
    };
    const hub = new AlertHub(store, { heartbeat: quietHeartbeat(), caller: { callService: async (d, s) => void calls.push(`${d}.${s}`) }, clock, storage: memoryStorage(), claims, shared: quietShared(store), setInterval: () => 0, clearInterval: () => undefined });
    connection.setState('sensor.cpu', '20', {}, clock.t / 1000 - 10);
    connection.setState('sensor.mem', '20', {}, clock.t / 1000 - 10);
    hub.register({ id: 'card1', entities: ['sensor.cpu', 'sensor.mem'], config: config(CPU_RULES) });
    await sleep(30);
    clock.t += 5_000;
    connection.setState('sensor.cpu', '95', {}, clock.t / 1000);
    await sleep(5);
    void hub.evaluate(); // its delivery never settles
    // Act
    clock.t += 5_000;
    connection.setState('sensor.mem', '96', {}, clock.t / 1000);
    await sleep(5);
    await hub.evaluate();
    // Assert
    expect(hub.alerts().filter((a) => a.state === 'firing').map((a) => a.seriesId).sort()).to.deep.equal(['sensor.cpu', 'sensor.mem']);
    expect(calls).to.deep.equal(['notify.phone']);
    expect(hub.deliveries.map((d) => d.intent.alertKey)).to.deep.equal(['cpu_high/sensor.mem']);
  });

  it('notifies a state that arrives live while the history is still loading (it is not history)', async () => {
    // Arrange: the recorder answers slowly; the entity goes high right after the dashboard opened.
    const { connection, clock, calls, hub } = setup();
    let answer!: (v: unknown) => void;
    connection.responders.set('history/history_during_period', () => new Promise((resolve) => (answer = resolve)));
    connection.setState('sensor.cpu', '20', {}, clock.t / 1000 - 60);
    hub.register({ id: 'card1', entities: ['sensor.cpu'], config: config(CPU_RULES) });
    await sleep(20);
    // Act
    clock.t += 2_000;
    connection.setState('sensor.cpu', '95', {}, clock.t / 1000);
    await sleep(5);
    answer({ 'sensor.cpu': [{ s: '20', lu: clock.t / 1000 - 60 }] });
    await sleep(50); // warm-up, then the evaluation it starts
    // Assert
    expect(hub.alerts()[0].state).to.equal('firing');
    expect(calls.map(([d, s]) => `${d}.${s}`)).to.deep.equal(['notify.phone']);
  });
});
