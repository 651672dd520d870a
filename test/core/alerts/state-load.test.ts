/* eslint-disable @typescript-eslint/no-explicit-any -- these tests corrupt arbitrary JSON on purpose */
import { expect } from '@open-wc/testing';
import { makeEngine, run, MIN } from './helpers.js';
import type { AlertEngine } from '../../../src/core/alerts/engine.js';

const PHONE = 'notify.mobile_app_phone';
const RULES = [
  { name: 'cpu', type: 'threshold', above: 90, group_wait: '0s', notify: [PHONE] },
  { name: 'gone', type: 'nodata', notify: [PHONE] },
];

/** A realistic saved state: an alert fired and was notified, one acknowledged, a silence, a log. */
function savedState(): Record<string, unknown> {
  const { engine, clock } = makeEngine(RULES);
  run(engine, 'sensor.cpu', [[0, 95], [MIN, 96], [2 * MIN, 97]], MIN);
  run(engine, 'sensor.ram', [[3 * MIN, 99]], MIN);
  engine.ack('cpu/sensor.ram', 'me', 3 * MIN);
  engine.addSilence({ id: 's1', matchers: [{ name: 'entity', op: '=~', value: 'sensor\\.disk.*' }], startsAt: 0, endsAt: 99 * MIN, comment: 'x' });
  clock.set(4 * MIN);
  return JSON.parse(JSON.stringify(engine.toJSON())) as Record<string, unknown>;
}

/** After any load (or a failed one): samples are judged and a threshold rule still fires. */
function stillAlerts(engine: AlertEngine, at: number): void {
  engine.ingest('sensor.fresh', at, 95);
  engine.evaluate(at);
  engine.ingest('sensor.fresh', at + MIN, 96);
  engine.evaluate(at + MIN);
  const fresh = engine.alerts(at + MIN).find((a) => a.key === 'cpu/sensor.fresh');
  expect(fresh?.state).to.equal('firing');
}

describe('loading a saved alert state', () => {
  it('round-trips a realistic state', () => {
    // Arrange
    const saved = savedState();
    const { engine } = makeEngine(RULES);
    // Act
    engine.load(saved);
    // Assert
    const cpu = engine.alerts(5 * MIN).find((a) => a.key === 'cpu/sensor.cpu');
    expect(cpu?.state).to.equal('firing');
    expect(engine.alerts(5 * MIN).find((a) => a.key === 'cpu/sensor.ram')?.acknowledged).to.equal(true);
    expect(engine.silences()).to.have.length(1);
    expect(engine.notificationLog().length).to.be.greaterThan(0);
  });

  const cases: [string, (s: Record<string, any>) => void, RegExp][] = [
    ['planner: {}', (s) => (s.planner = {}), /^alert state: planner\.alerts: expected an object/],
    ['silences: [null]', (s) => (s.silences = [null]), /^alert state: silences\[0\]: expected an object/],
    ['a group member that is not text', (s) => (s.planner.groups = { x: { firing: [5], resolved: [] } }), /^alert state: planner\.groups\["x"\]\.firing\[0\]: expected text$/],
    ['a sent entry that is not a finite number', (s) => (s.planner.sent = { a: 'x' }), /^alert state: planner\.sent\["a"\]: expected a finite number$/],
    ['a log of 201 intents', (s) => (s.planner.log = Array.from({ length: 201 }, () => s.planner.log[0])), /^alert state: planner\.log: expected at most 200/],
    ['an unknown phase', (s) => (s.planner.alerts['cpu/sensor.cpu'].phase = 'sleeping'), /^alert state: planner\.alerts\["cpu\/sensor\.cpu"\]\.phase: expected one of/],
    ['a silence ending at null', (s) => (s.silences[0].endsAt = null), /^alert state: silences\[0\]\.endsAt: expected a finite number$/],
    ['a matcher with an unknown op', (s) => (s.silences[0].matchers[0].op = '~~'), /^alert state: silences\[0\]\.matchers\[0\]\.op: expected one of/],
    ['instances not an array', (s) => (s.instances = { a: 1 }), /^alert state: instances: expected an array$/],
    ['savedAt Infinity-like', (s) => (s.savedAt = '1e400'), /^alert state: savedAt: expected a finite number$/],
  ];
  for (const [name, corrupt, message] of cases) {
    it(`rejects ${name} with the path, leaving the engine as it was`, () => {
      // Arrange
      const saved = savedState();
      corrupt(saved as Record<string, any>);
      const { engine } = makeEngine(RULES);
      engine.addSilence({ id: 'mine', matchers: [], startsAt: 0, endsAt: 1 });
      // Act
      let error: Error | undefined;
      try {
        engine.load(saved);
      } catch (e) {
        error = e as Error;
      }
      // Assert
      expect(error?.message).to.match(message);
      expect(engine.silences().map((s) => s.id)).to.deep.equal(['mine']);
      expect(engine.alerts(0)).to.deep.equal([]);
      expect(engine.notificationLog()).to.deep.equal([]);
      stillAlerts(engine, 10 * MIN);
    });
  }

  it('drops one broken instance with a note and keeps the rest', () => {
    // Arrange
    const saved = savedState() as Record<string, any>;
    saved.instances.push({ key: 'cpu/sensor.x', rule: 'cpu', seriesId: 'sensor.x', state: 'firing', active: 'yes', value: {}, score: null, __proto__: { polluted: true } });
    saved.instances.push(null);
    const { engine } = makeEngine(RULES);
    // Act
    engine.load(saved);
    // Assert
    expect(engine.loadNotes).to.have.length(2);
    expect(engine.loadNotes[0]).to.match(/^instances\[\d+\]\.active: expected true or false; instance dropped$/);
    expect(engine.alerts(5 * MIN).map((a) => a.key)).to.not.include('cpu/sensor.x');
    expect(engine.alerts(5 * MIN).find((a) => a.key === 'cpu/sensor.cpu')?.state).to.equal('firing');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    stillAlerts(engine, 10 * MIN);
  });

  it('takes prototype-named keys as plain data', () => {
    // Arrange: JSON.parse makes "__proto__" an own key.
    const saved = savedState() as Record<string, any>;
    const text = JSON.stringify(saved).replace('"sent":{', '"sent":{"__proto__":5,"constructor":6,');
    const parsed = JSON.parse(text.replace('"groups":{', '"groups":{"__proto__":{"firing":["hasOwnProperty"],"resolved":[]},'));
    const { engine } = makeEngine(RULES);
    // Act
    engine.load(parsed);
    // Assert
    const state = engine.toJSON();
    expect(Object.prototype.hasOwnProperty.call(state.planner.sent, '__proto__')).to.equal(true);
    expect(Object.getPrototypeOf(state.planner.sent)).to.equal(Object.prototype);
    stillAlerts(engine, 10 * MIN);
  });

  it('neither saves the connection state nor restores it from an old state', () => {
    // Arrange: a state saved while the websocket was reconnecting.
    const { engine: before, clock } = makeEngine([{ name: 'gone', type: 'nodata', for: '0s', group_wait: '0s', notify: [PHONE] }]);
    before.ingest('sensor.a', 0, 1);
    before.setConnection('reconnecting', MIN);
    clock.set(MIN);
    const saved = JSON.parse(JSON.stringify(before.toJSON())) as Record<string, unknown>;
    // Assert (save)
    expect(saved).to.not.have.property('connection');
    // Act: an old state that still carries it loads, and the connection is not taken from it.
    saved.connection = { state: 'reconnecting', since: MIN };
    const { engine } = makeEngine([{ name: 'gone', type: 'nodata', for: '0s', group_wait: '0s', notify: [PHONE] }]);
    engine.load(saved);
    engine.ingest('sensor.a', 2 * MIN, 1);
    const { transitions } = engine.evaluate(4 * MIN);
    // Assert (load): silent for 2 min > 60 s: the no-data rule fires, not held back for hours.
    expect(transitions.map((t) => t.to)).to.include('firing');
  });

  it('takes a restored last-sample time from a clock that was ahead as now, so later samples are judged', () => {
    // Arrange: the state was saved after a sample stamped a day ahead.
    const saved = savedState() as Record<string, any>;
    const cpu = saved.instances.find((i: { key: string }) => i.key === 'cpu/sensor.cpu');
    cpu.lastSampleAt = 86_400_000;
    const { engine, clock } = makeEngine(RULES);
    clock.set(5 * MIN);
    // Act
    engine.load(saved);
    // Assert
    expect(engine.alerts(5 * MIN).find((a) => a.key === 'cpu/sensor.cpu')?.lastSampleAt).to.equal(5 * MIN);
    expect(engine.loadNotes.join()).to.contain('cpu/sensor.cpu: last sample 86400000 ms is in the future');
  });

  it('survives thousands of corrupted states (fuzz)', () => {
    // Arrange: a deterministic generator of corruptions over a realistic state.
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const weird: unknown[] = [null, undefined, 0, -1, 1e308, -1e308, 3.4e38, Number.NaN, Infinity, '', 'x', '__proto__', true, false, [], {}, [null], { __proto__: null }, [[[[[]]]]], '1e400', -0];
    const deep = (n: number): unknown => (n === 0 ? {} : { a: deep(n - 1), b: [deep(n - 1)] });
    const base = savedState();
    const paths = (x: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] => {
      if (x && typeof x === 'object') {
        for (const [k, v] of Object.entries(x)) {
          const p = [...prefix, Array.isArray(x) ? Number(k) : k];
          out.push(p);
          paths(v, p, out);
        }
      }
      return out;
    };
    const all = paths(base);
    const counts = { total: 0, loaded: 0, rejected: 0, truncated: 0, notes: 0 };
    for (let i = 0; i < 3000; i++) {
      let state: unknown = JSON.parse(JSON.stringify(base));
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const path = pick(all);
        let parent: any = state;
        for (const key of path.slice(0, -1)) parent = parent && typeof parent === 'object' ? parent[key] : undefined;
        if (!parent || typeof parent !== 'object') continue;
        const last = path[path.length - 1];
        const kind = random();
        if (kind < 0.5) parent[last] = pick(weird);
        else if (kind < 0.6) delete parent[last];
        else if (kind < 0.7) parent[last] = deep(6);
        else if (kind < 0.8) Object.defineProperty(parent, pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty']), { value: pick(weird), enumerable: true, configurable: true, writable: true });
        else if (kind < 0.9) parent[last] = typeof parent[last] === 'number' ? pick([1e308, -1e308, Number.MAX_SAFE_INTEGER * 4, -5]) : typeof parent[last] === 'string' ? 5 : 'text';
        else parent[last] = Array.isArray(parent[last]) ? [...parent[last], ...parent[last], pick(weird)] : [parent[last]];
      }
      if (random() < 0.1) {
        counts.truncated++;
        const text = JSON.stringify(state);
        try {
          state = JSON.parse(text.slice(0, Math.floor(random() * text.length)));
        } catch {
          state = text.slice(0, 10);
        }
      }
      const { engine } = makeEngine(RULES);
      // Act
      counts.total++;
      try {
        engine.load(state);
        counts.loaded++;
        counts.notes += engine.loadNotes.length;
      } catch (e) {
        counts.rejected++;
        // Assert: a failed load names where.
        expect((e as Error).message).to.match(/^alert state: (unsupported version|[a-zA-Z]|\(root\))/);
      }
      // Assert: whatever happened, the engine keeps working and a threshold rule still fires.
      for (const series of ['sensor.cpu', 'sensor.ram', 'sensor.disk']) engine.ingest(series, 20 * MIN, 50);
      engine.evaluate(20 * MIN);
      engine.alerts(20 * MIN);
      JSON.stringify(engine.toJSON());
      stillAlerts(engine, 30 * MIN);
    }
    console.log(`alert state fuzz: ${counts.total} corrupted states, ${counts.loaded} loaded (${counts.notes} instances dropped with a note), ${counts.rejected} rejected with a path, ${counts.truncated} truncated; evaluate never threw`);
    expect(counts.loaded).to.be.greaterThan(0);
    expect(counts.rejected).to.be.greaterThan(0);
  });
});
