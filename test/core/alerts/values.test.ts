import { expect } from '@open-wc/testing';
import { ManualClock } from '../../../src/core/types.js';
import { AlertEngine } from '../../../src/core/alerts/engine.js';
import { defaultAlertsConfig } from '../../../src/core/config/alerts.js';
import { config, makeEngine, run, MIN } from './helpers.js';

/** A sensor around 50 with a little noise, one sample every `every` ms. */
function noisy(i: number): number {
  return 50 + Math.sin(i * 1.7) * 1.5 + Math.cos(i * 0.31) * 0.8;
}

/** The default rules (anomaly medium, no_data) with the real detectors. */
function defaultEngine() {
  const clock = new ManualClock(0);
  const engine = new AlertEngine({ config: defaultAlertsConfig(), clock });
  return { engine, clock };
}

describe('absurd values and lone outliers', () => {
  for (const [name, outlier] of [
    ['5e6', 5e6],
    ['the float sentinel 3.4e38', 3.4028234663852886e38],
    ['1e308', 1e308],
    ['+Infinity', Infinity],
    ['-Infinity', -Infinity],
  ] as const) {
    it(`a lone ${name} on a series around 50 never fires the default anomaly rule, and does not poison it`, () => {
      // Arrange: 4 hours of a quiet sensor reporting every minute (HA sends changes: sparse samples).
      const { engine } = defaultEngine();
      const moves: string[] = [];
      let t = 0;
      let i = 0;
      const step = (value: number, evaluateEvery = 15_000) => {
        for (let e = evaluateEvery; e < MIN; e += evaluateEvery) moves.push(...engine.evaluate(t + e).transitions.map((x) => `${x.rule}:${x.to}@${i}`));
        t += MIN;
        i++;
        engine.ingest('sensor.x', t, value);
        moves.push(...engine.evaluate(t).transitions.map((x) => `${x.rule}:${x.to}@${i}`));
      };
      for (let k = 0; k < 240; k++) step(noisy(k));
      // Act: one outlier, then 3 more hours of normal samples, evaluated every 15 s in between.
      step(outlier);
      const afterOutlier = i;
      for (let k = 0; k < 180; k++) step(noisy(240 + k));
      // Then a real, sustained shift must still be caught.
      for (let k = 0; k < 10; k++) step(80 + noisy(k) - 50);
      // Assert
      const anomaly = moves.filter((m) => m.startsWith('anomaly:firing'));
      expect(anomaly.filter((m) => Number(m.split('@')[1]) < afterOutlier + 180), `after ${name}: ${moves.join(' ')}`).to.deep.equal([]);
      expect(anomaly.length, 'the shift afterwards still fires').to.equal(1);
      const inst = engine.alerts(t).find((a) => a.key === 'anomaly/sensor.x')!;
      expect(Number.isFinite(inst.value)).to.equal(true);
      if (Math.abs(outlier) >= 1e30) expect(engine.absurdValues).to.equal(1);
      expect(moves.filter((m) => m.startsWith('no_data:firing')), 'an absurd value is a gap, not hours of unavailability').to.deep.equal([]);
    });
  }

  it('a threshold rule never fires on +Infinity, and its value stays the last finite one', () => {
    // Arrange
    const { engine } = makeEngine([{ name: 'hot', type: 'threshold', above: 90, notify: [] }]);
    // Act
    const { transitions } = run(engine, 'sensor.x', [
      [0, 50],
      [MIN, Infinity],
      [2 * MIN, 3.4e38],
    ]);
    // Assert
    expect(transitions).to.deep.equal([]);
    expect(engine.absurdValues).to.equal(2);
    expect(engine.alerts(2 * MIN)[0].value).to.equal(50);
  });

  it('an alert keeps the last finite value through gaps, so notifications never read "NaN"', () => {
    // Arrange: a detector that reports NaN as its value on some judgements.
    const clock = new ManualClock(0);
    let next = Number.NaN;
    const engine = new AlertEngine({
      config: config([{ name: 'odd', type: 'threshold', above: 1, group_wait: '0s', notify: ['notify.phone'] }]),
      clock,
      detectorFactory: () => ({ kind: 'odd', update: () => ({ active: true, value: next, score: 1 }), reset() {} }),
    });
    // Act
    next = 42;
    engine.ingest('sensor.x', 0, 1);
    engine.evaluate(0);
    next = Number.NaN;
    engine.ingest('sensor.x', MIN, 1);
    const { intents } = engine.evaluate(5 * 3_600_000);
    // Assert
    expect(engine.alerts(MIN)[0].value).to.equal(42);
    expect(intents.map((x) => x.message).join('\n')).to.not.contain('NaN');
  });
});
