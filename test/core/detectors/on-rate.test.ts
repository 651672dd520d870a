import { expect } from '@open-wc/testing';
import { AlertEngine } from '../../../src/core/alerts/engine.js';
import { anomalyInputFor, createDetector } from '../../../src/core/alerts/detector-factory.js';
import { DEFAULT_RULES_INPUT } from '../../../src/core/config/alerts.js';
import { OnRate, createAnomalyDetector, seededRandom } from '../../../src/core/detectors/index.js';
import { ManualClock, type Detector } from '../../../src/core/types.js';
import { config } from '../alerts/helpers.js';

const STEP = 10_000;

/** A byte counter growing ~1000 per 10 s for `samples`, optionally 8× faster in [burstFrom, burstTo), reset to 0 at `resetAt`. */
function counter(samples: number, opts: { burstFrom?: number; burstTo?: number; resetAt?: number } = {}) {
  const random = seededRandom(11);
  const points: [number, number][] = [];
  let total = 5e6;
  for (let i = 0; i < samples; i++) {
    if (i === opts.resetAt) total = 0;
    const burst = opts.burstFrom !== undefined && i >= opts.burstFrom && i < (opts.burstTo ?? Infinity) ? 8 : 1;
    total += (1000 + 200 * random()) * burst;
    points.push([i * STEP, total]);
  }
  return points;
}

/** The default rules on one series, evaluated at every sample: the times alerts started firing. */
function firings(points: [number, number][], stateClass?: string): number[] {
  const clock = new ManualClock(0);
  const engine = new AlertEngine({ config: config(DEFAULT_RULES_INPUT), clock, notifications: false });
  if (stateClass) engine.describeSeries('sensor.bytes', { stateClass });
  const fired: number[] = [];
  for (const [t, v] of points) {
    clock.set(t);
    engine.ingest('sensor.bytes', t, v);
    for (const tr of engine.evaluate(t).transitions) if (tr.to === 'firing' && tr.rule === 'anomaly') fired.push(t);
  }
  return fired;
}

describe('anomaly rules on counters (judged on the rate)', () => {
  it('a steadily growing total_increasing counter does not alert, a reset to 0 neither; judged on its value it does', () => {
    // Arrange: 3 h of steady counting with a reset (HA restart) after 2 h.
    const points = counter(1080, { resetAt: 720 });
    // Act
    const onRate = firings(points, 'total_increasing');
    const onValue = firings(points);
    // Assert
    expect(onRate).to.deep.equal([]);
    expect(onValue.length).to.be.greaterThan(0);
  });

  it('alerts within 60 s when the counter starts growing 8× faster', () => {
    // Arrange
    const burstAt = 900;
    const points = counter(1000, { burstFrom: burstAt });
    // Act
    const fired = firings(points, 'total_increasing');
    // Assert
    expect(fired.length).to.be.greaterThan(0);
    expect(fired[0] - burstAt * STEP).to.be.within(0, 60_000);
  });

  it('re-describing a series swaps its detectors; the same class again keeps them', () => {
    // Arrange
    const built: string[] = [];
    const engine = new AlertEngine({
      config: config(DEFAULT_RULES_INPUT),
      clock: new ManualClock(0),
      detectorFactory: (rule, _id, hints) => {
        built.push(`${rule.name}:${hints?.stateClass ?? '-'}`);
        return createDetector(rule, _id, hints);
      },
    });
    engine.ingest('sensor.bytes', 0, 1);
    // Act
    engine.describeSeries('sensor.bytes', { stateClass: 'total_increasing' });
    engine.describeSeries('sensor.bytes', { stateClass: 'total_increasing' });
    // Assert
    expect(built).to.deep.equal(['anomaly:-', 'no_data:-', 'anomaly:total_increasing', 'no_data:total_increasing']);
  });
});

describe('describeSeries after a reload', () => {
  it('also rebuilds the detectors of alerts restored from saved state', () => {
    // Arrange: an engine that has seen the series, saved and restored before any new sample.
    const clock = new ManualClock(0);
    const first = new AlertEngine({ config: config(DEFAULT_RULES_INPUT), clock });
    first.ingest('sensor.bytes', 0, 1);
    const kinds: string[] = [];
    const restored = AlertEngine.fromJSON(first.toJSON(), {
      config: config(DEFAULT_RULES_INPUT),
      clock,
      detectorFactory: (rule, id, hints) => {
        const detector = createDetector(rule, id, hints);
        kinds.push(detector.kind);
        return detector;
      },
    });
    kinds.length = 0;
    // Act
    restored.describeSeries('sensor.bytes', { stateClass: 'total_increasing' });
    // Assert
    expect(kinds).to.include('anomaly(rate)');
  });
});

describe('OnRate', () => {
  it('feeds the inner detector the rate per minute, resets as 0 for counters, a derivative otherwise', () => {
    // Arrange
    const seen: number[] = [];
    const inner: Detector = { kind: 'probe', update: (_t, v) => (seen.push(v), { active: v > 100, value: v, score: 0, reason: 'probe' }), reset: () => undefined };
    const counterRate = new OnRate(inner, { counter: true });
    const derivative = new OnRate(inner, { counter: false });
    // Act
    const first = counterRate.update(0, 100);
    counterRate.update(30_000, 130);
    const afterReset = counterRate.update(60_000, 12);
    derivative.update(0, 50);
    derivative.update(60_000, 20);
    // Assert
    expect(first).to.include({ active: false, score: 0, warmingUp: true });
    expect(seen).to.deep.equal([60, 24, -30]);
    expect(afterReset.reason).to.equal('rate 24/min: probe');
    expect(counterRate.kind).to.equal('probe(rate)');
  });

  it('keeps gaps as gaps and passes ticks and resets on', () => {
    // Arrange
    let resets = 0;
    const inner: Detector = { kind: 'x', update: (_t, v) => ({ active: false, value: v, score: 0 }), tick: () => ({ active: true, value: 1, score: 1 }), reset: () => void resets++ };
    const detector = new OnRate(inner, { counter: true, perMs: 1000 });
    // Act
    detector.update(0, 10);
    const gap = detector.update(1000, Number.NaN);
    const tick = detector.tick!(2000);
    detector.reset();
    const afterReset = detector.update(3000, 40);
    const plain = new OnRate({ kind: 'y', update: () => ({ active: false, value: 0, score: 0 }), reset: () => undefined }, { counter: true });
    // Assert
    expect(Number.isNaN(gap.value)).to.equal(true);
    expect(tick.active).to.equal(true);
    expect(resets).to.equal(1);
    expect(afterReset.warmingUp).to.equal(true);
    expect(plain.tick).to.equal(undefined);
    expect(new OnRate(createAnomalyDetector(), { counter: true, perMs: 1000 }).kind).to.equal('anomaly(rate)');
  });

  it('auto picks the rate for total_increasing and total, the value otherwise; explicit input wins', () => {
    // Arrange
    const anomaly = (input?: string) => config([{ name: 'a', type: 'anomaly', ...(input ? { input } : {}) }]).rules[0];
    // Act + Assert
    expect((anomaly() as { input?: string }).input).to.equal('auto');
    expect(anomalyInputFor('auto', { stateClass: 'total_increasing' })).to.equal('rate');
    expect(anomalyInputFor('auto', { stateClass: 'total' })).to.equal('rate');
    expect(anomalyInputFor('auto', { stateClass: 'measurement' })).to.equal('value');
    expect(anomalyInputFor('auto')).to.equal('value');
    expect(anomalyInputFor('value', { stateClass: 'total_increasing' })).to.equal('value');
    expect(createDetector(anomaly('rate')).kind).to.equal('anomaly(rate)');
    expect(createDetector(anomaly(), 's', { stateClass: 'total' }).kind).to.equal('anomaly(rate)');
    expect(() => config([{ name: 'a', type: 'anomaly', input: 'speed' }])).to.throw(/input/);
  });
});
