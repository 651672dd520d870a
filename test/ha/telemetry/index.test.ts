import { expect } from '@open-wc/testing';
import { VitalsStore } from '../../../src/ha/store';
import { Telemetry, telemetryFor } from '../../../src/ha/telemetry';
import type { UxEnvironment } from '../../../src/ha/telemetry/ux';
import { FakeConnection, sleep } from '../../helpers/fake-connection';

function fakeEnv() {
  const intervals: { fn: () => void; ms: number; active: boolean }[] = [];
  let hidden = false;
  const env: UxEnvironment = {
    now: () => Date.now(),
    perfNow: () => performance.now(),
    setInterval: (fn, ms) => {
      const h = { fn, ms, active: true };
      intervals.push(h);
      return h;
    },
    clearInterval: (h) => ((h as { active: boolean }).active = false),
    isHidden: () => hidden,
    onVisibilityChange: () => () => undefined,
  };
  return { env, intervals, hide: (h: boolean) => (hidden = h) };
}

function setup() {
  const connection = Object.assign(new FakeConnection(), { pings: 0, ping: async () => undefined });
  connection.ping = async () => {
    connection.pings++;
  };
  connection.responders.set('assist_pipeline/pipeline/list', () => ({ pipelines: [{ id: 'p1', name: 'HA' }] }));
  connection.responders.set('assist_pipeline/pipeline_debug/list', () => ({ pipeline_runs: [] }));
  const store = new VitalsStore(connection as never);
  const fake = fakeEnv();
  return { connection, store, ...fake, telemetry: new Telemetry(store, connection as never, fake.env) };
}

describe('Telemetry', () => {
  it('runs one UX monitor for many cards at the highest level asked for, and stops it with the last card', async () => {
    // Arrange
    const { telemetry } = setup();
    // Act
    const releaseBasic = telemetry.useUx({ level: 'basic' });
    const first = telemetry.uxMonitor;
    const releaseFull = telemetry.useUx({ level: 'full' });
    const upgraded = telemetry.uxMonitor;
    releaseFull();
    const backToBasic = telemetry.uxMonitor;
    releaseBasic();
    // Assert
    expect(first).to.exist;
    expect(upgraded).to.not.equal(first);
    expect(first!.isRunning).to.equal(false);
    expect(backToBasic).to.not.equal(upgraded);
    expect(telemetry.uxMonitor).to.equal(undefined);
  });

  it('times service calls sent on the connection while a card uses the monitor, and unwraps the connection after', async () => {
    // Arrange
    const { connection, store, telemetry } = setup();
    connection.responders.set('call_service', () => null);
    const release = telemetry.useUx({ level: 'basic' });
    // Act
    await connection.sendMessagePromise({ type: 'call_service', domain: 'notify', service: 'phone' });
    await sleep(0);
    release();
    await connection.sendMessagePromise({ type: 'call_service', domain: 'notify', service: 'phone' });
    await sleep(0);
    // Assert
    expect(store.series('vitals.service_call_ms')!.length).to.equal(1);
    expect(store.series('vitals.service_call_ms')!.latest()!.v).to.be.within(0, 1000);
    expect(Object.prototype.hasOwnProperty.call(connection, 'sendMessagePromise')).to.equal(false);
  });

  it('reports on a timer while used, one reporter per device with the union of metrics, stopped with the last card', async () => {
    // Arrange
    const { connection, store, telemetry, intervals } = setup();
    const published: string[] = [];
    connection.responders.set('call_service', (m) => (published.push((m.service_data as { topic: string }).topic), null));
    store.record('vitals.ws_rtt_ms', Date.now(), 12);
    store.record('vitals.fps', Date.now(), 60);
    const releaseA = telemetry.useReport('hall', 60_000, [{ source: 'vitals.ws_rtt_ms', key: 'ws_rtt_ms', name: 'RTT' }]);
    const releaseB = telemetry.useReport('hall', 30_000, [{ source: 'vitals.fps', key: 'fps', name: 'FPS' }]);
    await telemetry.reporterOf('hall'); // the reporter chunk has loaded
    // Act
    const timer = intervals.filter((i) => i.active && i.ms === 30_000);
    timer.forEach((i) => i.fn());
    await sleep(0);
    releaseA();
    releaseB();
    // Assert
    expect(timer).to.have.length(1);
    expect(published.filter((t) => t.endsWith('/state')).sort()).to.deep.equal(['ha-vitals/hall/fps/state', 'ha-vitals/hall/ws_rtt_ms/state']);
    expect(intervals.filter((i) => i.active && (i.ms === 30_000 || i.ms === 60_000))).to.have.length(0);
    expect(await telemetry.reporterOf('hall')).to.equal(undefined);
  });

  it('restarts the monitor when a card asks for a shorter ping interval at the same level', () => {
    const { telemetry } = setup();
    telemetry.useUx({ level: 'basic', pingIntervalMs: 30_000 });
    const first = telemetry.uxMonitor;
    const release = telemetry.useUx({ level: 'basic', pingIntervalMs: 5_000 });
    expect(telemetry.uxMonitor).to.not.equal(first);
    const faster = telemetry.uxMonitor;
    release();
    expect(telemetry.uxMonitor).to.not.equal(faster);
  });

  it('keeps the same monitor when another card asks for the same level', () => {
    const { telemetry, connection } = setup();
    telemetry.useUx({ level: 'basic' });
    const monitor = telemetry.uxMonitor;
    telemetry.useUx({ level: 'basic' });
    expect(telemetry.uxMonitor).to.equal(monitor);
    expect(connection.pings).to.equal(1);
  });

  it('polls Assist runs while used and not while the tab is hidden', async () => {
    const { telemetry, connection, intervals, hide } = setup();
    // Act
    const release = telemetry.useAssist(5_000);
    await sleep(0);
    intervals.filter((i) => i.active).forEach((i) => i.fn());
    await sleep(0);
    hide(true);
    intervals.filter((i) => i.active).forEach((i) => i.fn());
    await sleep(0);
    // Assert: one poll at start, one on the visible tick, none on the hidden tick.
    expect(connection.sent.filter((m) => m.type === 'assist_pipeline/pipeline_debug/list')).to.have.length(2);
    release();
    expect(intervals.every((i) => !i.active)).to.equal(true);
  });

  it('is shared per store', () => {
    const connection = Object.assign(new FakeConnection(), { ping: async () => undefined });
    const store = new VitalsStore(connection as never);
    expect(telemetryFor(store, connection as never)).to.equal(telemetryFor(store, connection as never));
  });

  it('follows chat logs once for many cards and stops with the last', async () => {
    const { telemetry, connection } = setup();
    const a = telemetry.useLlm();
    const b = telemetry.useLlm();
    await sleep(0);
    a();
    a(); // a second release is harmless
    expect(connection.subscriptions.filter((s) => s.message.type === 'conversation/chat_log/subscribe_index' && s.active)).to.have.length(1);
    b();
    await sleep(0);
    expect(connection.subscriptions.filter((s) => s.active)).to.have.length(0);
  });
});
