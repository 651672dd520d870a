import { expect } from '@open-wc/testing';
import { makeEngine, run, MIN } from './helpers.js';

const rule = (extra: Record<string, unknown> = {}) => [{ name: 'cpu', type: 'threshold', above: 50, notify: [], ...extra }];
const moves = (ts: { to: string; at: number }[]) => ts.map((t) => `${t.to}@${t.at / MIN}`);

describe('alert rule states', () => {
  it('goes pending, then fires exactly `for` after the condition started', () => {
    // Arrange
    const { engine } = makeEngine(rule({ for: '2m' }));
    // Act
    const { transitions } = run(engine, 'sensor.cpu', [
      [0, 10],
      [1 * MIN, 90],
      [2 * MIN, 95],
      [3 * MIN, 96],
      [4 * MIN, 97],
    ]);
    // Assert
    expect(moves(transitions)).to.deep.equal(['pending@1', 'firing@3']);
    expect(transitions[1]).to.deep.include({ alertKey: 'cpu/sensor.cpu', from: 'pending', to: 'firing', severity: 'warning' });
  });

  it('fires immediately when `for` is 0 and resolves on the first clear sample', () => {
    const { engine } = makeEngine(rule());
    const { transitions } = run(engine, 'sensor.cpu', [
      [0, 90],
      [MIN, 10],
    ]);
    expect(moves(transitions)).to.deep.equal(['firing@0', 'resolved@1']);
    expect(transitions[1].value).to.equal(10);
  });

  it('cancels a pending alert that clears before `for` (a single outlier never fires)', () => {
    const { engine } = makeEngine(rule({ for: '5m' }));
    const { transitions } = run(engine, 'sensor.cpu', [
      [0, 90],
      [MIN, 10],
      [10 * MIN, 10],
    ]);
    expect(moves(transitions)).to.deep.equal(['pending@0', 'inactive@1']);
  });

  it('keeps firing for keep_firing_for after the condition clears, and re-arms if it returns', () => {
    const { engine } = makeEngine(rule({ keep_firing_for: '5m' }));
    const { transitions } = run(
      engine,
      'sensor.cpu',
      [
        [0, 90],
        [1 * MIN, 10], // clears: keep firing until 6m
        [3 * MIN, 90], // back before 6m: still the same episode
        [4 * MIN, 10], // clears again: resolves at 9m
        [20 * MIN, 10],
      ],
      MIN,
    );
    expect(moves(transitions)).to.deep.equal(['firing@0', 'resolved@9']);
  });

  it('does not treat a gap (NaN) as the condition clearing', () => {
    const { engine } = makeEngine(rule({ for: '2m' }));
    const { transitions } = run(engine, 'sensor.cpu', [
      [0, 90],
      [MIN, Number.NaN],
      [3 * MIN, 90],
    ]);
    expect(moves(transitions)).to.deep.equal(['pending@0', 'firing@2']);
  });

  it('fires at the same time whatever the evaluation cadence', () => {
    const samples: [number, number][] = [
      [0, 90],
      [7 * MIN, 91],
    ];
    const a = makeEngine(rule({ for: '5m' }));
    const b = makeEngine(rule({ for: '5m' }));
    const ra = run(a.engine, 'sensor.cpu', samples, 13_000);
    const rb = run(b.engine, 'sensor.cpu', samples);
    expect(moves(ra.transitions)).to.deep.equal(['pending@0', 'firing@5']);
    expect(moves(rb.transitions)).to.deep.equal(moves(ra.transitions));
  });

  it('only applies rules to their entities, and ignores disabled rules', () => {
    const { engine } = makeEngine([
      { name: 'a', type: 'threshold', above: 50, entity: 'sensor.a', notify: [] },
      { name: 'b', type: 'threshold', above: 50, enabled: false, notify: [] },
    ]);
    engine.ingest('sensor.a', 0, 90);
    engine.ingest('sensor.b', 0, 90);
    const { transitions } = engine.evaluate(0);
    expect(transitions.map((t) => t.alertKey)).to.deep.equal(['a/sensor.a']);
    expect(engine.alerts(0).map((a) => a.key)).to.deep.equal(['a/sensor.a']);
  });

  it('labels alerts with alertname, entity, severity and the rule labels', () => {
    const { engine } = makeEngine(rule({ labels: { room: 'attic' }, severity: 'critical' }));
    engine.ingest('sensor.cpu', 0, 90);
    const [alert] = engine.alerts(0);
    expect(alert.labels).to.deep.equal({ room: 'attic', alertname: 'cpu', entity: 'sensor.cpu', severity: 'critical' });
    expect(alert).to.deep.include({ state: 'firing', value: 90, acknowledged: false, snoozed: false, silenced: false, flapping: false });
  });
});
