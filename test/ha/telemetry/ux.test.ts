import { expect } from '@open-wc/testing';
import { VitalsStore } from '../../../src/ha/store';
import { DeliveryLagEstimator, UX_METRICS, UxMonitor, browserUxEnvironment, measureServiceCall, tapServiceCalls, type ObservedServiceCall, type UxEnvironment } from '../../../src/ha/telemetry/ux';
import { monitorServices } from '../../../src/ha/services';
import { FakeConnection, sleep } from '../../helpers/fake-connection';

class FakeEnv implements UxEnvironment {
  t = 1_000_000;
  perf = 0;
  hidden = false;
  intervals: { fn: () => void; ms: number; active: boolean }[] = [];
  longTask?: (d: number) => void;
  inp?: (v: number) => void;
  frameCallbacks: (() => void)[] = [];
  heap = 50 * 1_048_576;
  now = () => this.t;
  perfNow = () => this.perf;
  setInterval = (fn: () => void, ms: number) => {
    const h = { fn, ms, active: true };
    this.intervals.push(h);
    return h;
  };
  clearInterval = (h: unknown) => {
    (h as { active: boolean }).active = false;
  };
  isHidden = () => this.hidden;
  onVisibilityChange = () => () => undefined;
  observeLongTasks = (fn: (d: number) => void) => {
    this.longTask = fn;
    return () => (this.longTask = undefined);
  };
  observeInp = (fn: (v: number) => void) => {
    this.inp = fn;
  };
  heapBytes = () => this.heap;
  requestFrame = (fn: () => void) => this.frameCallbacks.push(fn);
  fire(ms: number) {
    for (const i of this.intervals) if (i.active && i.ms === ms) i.fn();
  }
  frames(n: number) {
    for (let k = 0; k < n; k++) {
      const cbs = this.frameCallbacks;
      this.frameCallbacks = [];
      cbs.forEach((cb) => cb());
    }
  }
}

const latest = (store: VitalsStore, id: string) => store.series(id)?.latest()?.v;

describe('DeliveryLagEstimator', () => {
  it('removes the clock offset: the fastest delivery counts as half the best round trip', () => {
    // Arrange: the browser clock runs 5 s ahead of the server.
    const estimator = new DeliveryLagEstimator();
    estimator.noteRoundTrip(20);
    // Act
    const fastest = estimator.observe(1000, 1000 + 5000 + 10);
    const slow = estimator.observe(2000, 2000 + 5000 + 310);
    // Assert
    expect(fastest).to.equal(10);
    expect(slow).to.equal(310);
  });
});

describe('UxMonitor', () => {
  function setup(level: 'basic' | 'full' = 'basic', ping = async () => undefined) {
    const connection = new FakeConnection();
    const store = new VitalsStore(connection as never, { batchDelayMs: 1 });
    const env = new FakeEnv();
    const monitor = new UxMonitor(store, ping, env, { level, pingIntervalMs: 30_000, sampleIntervalMs: 10_000 });
    return { connection, store, env, monitor };
  }

  it('records the websocket round trip of each ping', async () => {
    // Arrange
    const { store, env, monitor } = setup('basic', async () => {
      env.perf += 42;
    });
    // Act
    monitor.start();
    await sleep(0);
    // Assert
    expect(latest(store, UX_METRICS.rtt)).to.equal(42);
  });

  it('records a failed ping as a gap, and skips pings while the tab is hidden', async () => {
    const { store, env, monitor } = setup('basic', async () => {
      throw new Error('socket closed');
    });
    monitor.start();
    await sleep(0);
    expect(Number.isNaN(latest(store, UX_METRICS.rtt)!)).to.equal(true);
    env.hidden = true;
    expect(await monitor.measureRoundTrip()).to.equal(undefined);
  });

  it('records the delivery lag of live state changes', async () => {
    // Arrange: the store reads arrival times from the fake clock.
    const connection = new FakeConnection();
    const env = new FakeEnv();
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, now: () => env.t });
    const monitor = new UxMonitor(store, async () => undefined, env);
    connection.setState('sensor.a', '1', {}, 800);
    store.watch('sensor.a', () => undefined);
    monitor.start();
    await sleep(10);
    // Act: one change arrives 10 ms after its server stamp, the next 510 ms after.
    env.t = 900_010;
    connection.setState('sensor.a', '2', {}, 900);
    env.t = 901_510;
    connection.setState('sensor.a', '3', {}, 901);
    // Assert: measured against the fastest delivery, the second is 500 ms late.
    const lags = [...store.series(UX_METRICS.lag)!.copyRange().values];
    expect(lags).to.deep.equal([0, 500]);
  });

  it('samples the monitor overhead per minute, and at the full level heap, frame rate, long tasks and INP', async () => {
    const { store, env, monitor } = setup('full');
    monitor.start();
    await sleep(0);
    store.overheadMs += 5;
    env.frames(30);
    env.perf += 1000;
    // Act
    env.fire(10_000);
    env.longTask!(120);
    env.inp!(250);
    // Assert
    expect(latest(store, UX_METRICS.overhead)).to.equal(30); // 5 ms per 10 s = 30 ms per minute
    expect(latest(store, UX_METRICS.heap)).to.equal(50);
    expect(latest(store, UX_METRICS.fps)).to.equal(30);
    expect(latest(store, UX_METRICS.longTask)).to.equal(120);
    expect(latest(store, UX_METRICS.inp)).to.equal(250);
  });

  it('stops every timer and observer when stopped, and does nothing at level off', async () => {
    const { env, monitor } = setup('full');
    monitor.start();
    await sleep(0);
    // Act
    monitor.stop();
    // Assert
    expect(env.intervals.every((i) => !i.active)).to.equal(true);
    expect(env.longTask).to.equal(undefined);
    expect(monitor.isRunning).to.equal(false);
    const off = new UxMonitor(new VitalsStore(new FakeConnection() as never), async () => undefined, new FakeEnv(), { level: 'off' });
    off.start();
    expect(off.isRunning).to.equal(false);
  });

  it('has a browser environment that reads real timers, visibility and heap', () => {
    const env = browserUxEnvironment();
    expect(env.now()).to.be.closeTo(Date.now(), 50);
    expect(env.isHidden()).to.be.a('boolean');
    expect(env.heapBytes!()).to.be.a('number'); // Chromium exposes performance.memory
    const stop = env.observeLongTasks!(() => undefined);
    stop();
    const h = env.setInterval(() => undefined, 1000);
    env.clearInterval(h);
  });
});

describe('measureServiceCall', () => {
  it('measures from the call to the resulting state change and records it', async () => {
    // Arrange
    const connection = new FakeConnection();
    connection.setState('input_number.x', '1', {}, 1);
    const store = new VitalsStore(connection as never, { batchDelayMs: 1 });
    store.watch('input_number.x', () => undefined);
    await sleep(10);
    let perf = 0;
    // Act
    const latency = await measureServiceCall(
      store,
      async () => {
        perf = 35;
        connection.setState('input_number.x', '2', {}, 2);
      },
      'input_number.x',
      () => perf,
    );
    // Assert
    expect(latency).to.equal(35);
    expect(latest(store, UX_METRICS.serviceCall)).to.equal(35);
  });

  it('gives up after the timeout when the state never changes, and passes call errors on', async () => {
    const connection = new FakeConnection();
    const store = new VitalsStore(connection as never, { batchDelayMs: 1 });
    expect(await measureServiceCall(store, async () => undefined, 'sensor.none', undefined, 20)).to.equal(undefined);
    const error = await measureServiceCall(store, async () => Promise.reject(new Error('not allowed')), 'sensor.none').catch((e: Error) => e.message);
    expect(error).to.equal('not allowed');
  });
});

describe('service calls made on the connection', () => {
  /** A connection whose call_service answers after the test lets it, as HA does after the service ran. */
  function serviceSetup(timeoutMs = 10_000) {
    const connection = new FakeConnection();
    const env = new FakeEnv();
    // The store's clock is the wall clock: the fake connection stamps states with it (a store
    // clock in 1970 would take every state for one stamped far in the future).
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, now: () => Date.now() });
    const answers: { resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
    connection.responders.set('call_service', () => new Promise((resolve, reject) => answers.push({ resolve, reject })));
    const monitor = new UxMonitor(store, async () => undefined, env, { level: 'basic', serviceCallTimeoutMs: timeoutMs }, tapServiceCalls(connection as never, () => env.perf));
    return { connection, env, store, monitor, answers };
  }
  const callService = (connection: FakeConnection, domain: string, service: string, target?: Record<string, unknown>, data?: Record<string, unknown>) =>
    connection.sendMessagePromise({ type: 'call_service', domain, service, ...(target ? { target } : {}), ...(data ? { service_data: data } : {}) });

  it('times a call to the state change of a target entity a card shows, which arrives before HA answers', async () => {
    // Arrange
    const { connection, env, store, monitor, answers } = serviceSetup();
    connection.setState('light.desk', 'off', {});
    store.watch('light.desk', () => undefined);
    await sleep(10);
    monitor.start();
    // Act: sent at 100 ms, the state changes at 180 ms, HA answers at 250 ms.
    env.perf = 100;
    const call = callService(connection, 'light', 'turn_on', { entity_id: 'light.desk' });
    await sleep(0);
    env.perf = 180;
    connection.setState('light.desk', 'on', {});
    env.perf = 250;
    answers[0].resolve({ context: { id: 'x' } });
    await call;
    await sleep(0);
    // Assert
    expect(latest(store, UX_METRICS.serviceCall)).to.equal(80);
  });

  it('times a call to HA\'s answer when no shown entity is targeted, and waits for a change that comes after the answer', async () => {
    // Arrange
    const { connection, env, store, monitor, answers } = serviceSetup();
    connection.setState('switch.fan', 'off', {});
    store.watch('switch.fan', () => undefined);
    await sleep(10);
    monitor.start();
    // Act 1: a notify call (no entity) answered after 40 ms.
    env.perf = 1000;
    const notify = callService(connection, 'notify', 'phone', undefined, { message: 'hi' });
    await sleep(0);
    env.perf = 1040;
    answers[0].resolve(null);
    await notify;
    await sleep(0);
    const notifyLatency = latest(store, UX_METRICS.serviceCall);
    // Act 2: a switch whose state change comes 300 ms after HA answered.
    env.perf = 2000;
    const toggle = callService(connection, 'switch', 'turn_on', undefined, { entity_id: ['switch.fan'] });
    await sleep(0);
    env.perf = 2050;
    answers[1].resolve(null);
    await toggle;
    await sleep(0);
    const whileWaiting = store.series(UX_METRICS.serviceCall)!.length;
    env.perf = 2350;
    connection.setState('switch.fan', 'on', {});
    await sleep(0);
    // Assert
    expect(notifyLatency).to.equal(40);
    expect(whileWaiting).to.equal(1);
    expect(latest(store, UX_METRICS.serviceCall)).to.equal(350);
  });

  it('falls back to the answer when the state never changes, skips failed calls, and keeps the watch count', async () => {
    // Arrange
    const { connection, env, store, monitor, answers } = serviceSetup(30);
    connection.setState('light.desk', 'on', {});
    store.watch('light.desk', () => undefined);
    await sleep(10);
    monitor.start();
    // Act 1: turning on a light that is already on: HA answers at +20 ms, no change follows.
    env.perf = 500;
    const same = callService(connection, 'light', 'turn_on', { entity_id: 'light.desk' });
    await sleep(0);
    env.perf = 520;
    answers[0].resolve(null);
    await same;
    await sleep(60);
    const unchanged = latest(store, UX_METRICS.serviceCall);
    // Act 2: a call HA rejects.
    const failing = callService(connection, 'light', 'turn_on', { entity_id: 'light.missing' });
    await sleep(0);
    answers[1].reject({ code: 'not_found' });
    const error = await failing.catch((e: unknown) => e);
    await sleep(0);
    // Assert
    expect(unchanged).to.equal(20);
    expect(store.series(UX_METRICS.serviceCall)!.length).to.equal(1);
    expect(error).to.deep.equal({ code: 'not_found' });
    expect(store.watchedIds).to.deep.equal(['light.desk']);
  });

  it('passes messages and results through untouched and restores the connection when stopped', async () => {
    // Arrange
    const connection = new FakeConnection();
    connection.responders.set('call_service', (m) => ({ echoed: m.domain }));
    connection.responders.set('ping', () => 'pong');
    const seen: ObservedServiceCall[] = [];
    const stop = tapServiceCalls(connection as never, () => 7)((call) => seen.push(call));
    // Act
    const answer = await connection.sendMessagePromise({ type: 'call_service', domain: 'script', service: 'go', target: { entity_id: 'script.go' }, service_data: { entity_id: ['script.go', 'script.b'] } });
    const ping = await connection.sendMessagePromise({ type: 'ping' });
    stop();
    await connection.sendMessagePromise({ type: 'call_service', domain: 'script', service: 'again' });
    // Assert
    expect(answer).to.deep.equal({ echoed: 'script' });
    expect(ping).to.equal('pong');
    expect(seen.map((c) => [c.entityIds, c.sentAt])).to.deep.equal([[['script.go', 'script.b'], 7]]);
    expect(await seen[0].done).to.equal(true);
    expect(Object.prototype.hasOwnProperty.call(connection, 'sendMessagePromise')).to.equal(false);
    expect(connection.sent.map((m) => m.type)).to.deep.equal(['call_service', 'ping', 'call_service']);
  });

  it('leaves out HA Vitals\' own background calls, and times a message sent again after a reconnect only once', async () => {
    // Arrange
    const connection = new FakeConnection();
    connection.responders.set('call_service', () => null);
    const seen: ObservedServiceCall[] = [];
    tapServiceCalls(connection as never)((call) => seen.push(call));
    const queued = { type: 'call_service', domain: 'light', service: 'toggle', target: { entity_id: 'light.a' } };
    // Act
    await monitorServices(connection as never).callService('mqtt', 'publish', { topic: 'ha-vitals/claims/1', payload: '{}' });
    await connection.sendMessagePromise(queued);
    await connection.sendMessagePromise(queued); // the library re-sends a queued message after reconnecting
    // Assert
    expect(seen).to.have.length(2);
    expect(seen.map((c) => c.superseded ?? false)).to.deep.equal([true, false]);
    expect(connection.sent.map((m) => m.domain)).to.deep.equal(['mqtt', 'light', 'light']);
  });

  it('does not count an attribute update as the result of the call', async () => {
    // Arrange
    const { connection, env, store, monitor, answers } = serviceSetup(30);
    connection.setState('media_player.tv', 'playing', { media_position: 1 });
    store.watch('media_player.tv', () => undefined);
    await sleep(10);
    monitor.start();
    // Act: the position ticks while the call runs; HA answers after 25 ms; the state never changes.
    env.perf = 0;
    const call = callService(connection, 'media_player', 'volume_set', { entity_id: 'media_player.tv' });
    await sleep(0);
    env.perf = 5;
    connection.setState('media_player.tv', 'playing', { media_position: 2 });
    env.perf = 25;
    answers[0].resolve(null);
    await call;
    await sleep(60);
    // Assert
    expect(latest(store, UX_METRICS.serviceCall)).to.equal(25);
  });

  it('leaves a later wrapper in place when stopped, and stops reporting', async () => {
    // Arrange
    const connection = new FakeConnection();
    connection.responders.set('call_service', () => null);
    const seen: ObservedServiceCall[] = [];
    const stop = tapServiceCalls(connection as never)((call) => seen.push(call));
    const ours = connection.sendMessagePromise;
    const theirs = (m: Record<string, unknown>) => ours.call(connection, m);
    connection.sendMessagePromise = theirs as never;
    // Act
    stop();
    await connection.sendMessagePromise({ type: 'call_service', domain: 'light', service: 'toggle' });
    // Assert
    expect(connection.sendMessagePromise).to.equal(theirs);
    expect(seen).to.deep.equal([]);
    expect(connection.sent.length).to.equal(1);
  });
});
