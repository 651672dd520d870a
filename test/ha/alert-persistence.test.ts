import { expect } from '@open-wc/testing';
import { removeStaleScopes, restoreEngine, saveEngine, STORAGE_PREFIX } from '../../src/ha/alert-persistence';
import { AlertEngine } from '../../src/core/alerts/engine';
import { parseAlertsConfig } from '../../src/core/config/alerts';

const T = Date.UTC(2026, 10, 30, 3);
const clock = { now: () => T };

function rules() {
  const r = parseAlertsConfig([{ name: 'cpu', type: 'threshold', above: 90, notify: ['notify.phone'] }]);
  if (!r.ok) throw new Error('bad rules');
  return r.value;
}

/** A Storage-like map with key()/length, as localStorage has. */
function storage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    key: (i: number) => [...data.keys()][i] ?? null,
    get length() {
      return data.size;
    },
  };
}

describe('alert persistence', () => {
  it('starts a fresh engine with a note when the saved state is damaged, and that engine alerts', () => {
    // Arrange
    const store = storage({ [`${STORAGE_PREFIX}s`]: JSON.stringify({ version: 1, planner: {}, silences: [null] }) });
    // Act
    const { engine, problem } = restoreEngine(store, 's', { config: rules(), clock });
    engine.ingest('sensor.cpu', T, 95);
    const { transitions } = engine.evaluate(T + 1);
    // Assert
    expect(problem).to.match(/^saved alert state was not usable and alerting started afresh: /);
    expect(transitions.map((t) => t.to)).to.deep.equal(['firing']);
  });

  it('survives storage that throws on read and on write', () => {
    // Arrange
    const broken = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('QuotaExceededError'); } };
    // Act
    const restored = restoreEngine(broken, 's', { config: rules(), clock });
    const saved = saveEngine(broken, 's', restored.engine);
    // Assert
    expect(restored.problem).to.match(/could not be read \(SecurityError\)/);
    expect(saved).to.equal(false);
  });

  it('restores a good state without a note', () => {
    // Arrange
    const store = storage();
    const engine = new AlertEngine({ config: rules(), clock });
    engine.ingest('sensor.cpu', T, 95);
    engine.evaluate(T + 1);
    engine.ack('cpu/sensor.cpu', 'Ann', T + 2);
    saveEngine(store, 's', engine);
    // Act
    const { engine: back, problem } = restoreEngine(store, 's', { config: rules(), clock });
    // Assert
    expect(problem).to.equal(undefined);
    expect(back.alerts(T + 3)[0].acknowledged).to.equal(true);
  });

  it('removes scopes not saved for a month and keeps the others', () => {
    // Arrange
    const store = storage({
      [`${STORAGE_PREFIX}old`]: JSON.stringify({ savedAt: T - 31 * 86_400_000 }),
      [`${STORAGE_PREFIX}junk`]: '{',
      [`${STORAGE_PREFIX}fresh`]: JSON.stringify({ savedAt: T - 86_400_000 }),
      'other-key': 'x',
    });
    // Act
    const removed = removeStaleScopes(store, T);
    // Assert
    expect(removed).to.equal(2);
    expect([...store.data.keys()].sort()).to.deep.equal([`${STORAGE_PREFIX}fresh`, 'other-key']);
  });

  it('says which parts of a saved state it dropped', () => {
    // Arrange: a good state whose one alert instance is damaged.
    const store = storage();
    const engine = new AlertEngine({ config: rules(), clock });
    engine.ingest('sensor.cpu', T, 95);
    engine.evaluate(T + 1);
    saveEngine(store, 's', engine);
    const saved = JSON.parse(store.getItem(`${STORAGE_PREFIX}s`)!);
    saved.instances[0].state = 'exploded';
    store.setItem(`${STORAGE_PREFIX}s`, JSON.stringify(saved));
    // Act
    const { problem } = restoreEngine(store, 's', { config: rules(), clock });
    // Assert
    expect(problem).to.match(/^saved alert state partly restored: /);
  });
});
