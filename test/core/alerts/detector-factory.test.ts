import { expect } from '@open-wc/testing';
import { createDetector, LEARNED_MIN_STALE_MS } from '../../../src/core/alerts/detector-factory.js';
import { ANOMALY_DEFAULTS, evidenceThresholdFor } from '../../../src/core/detectors/anomaly/defaults.js';
import { config, MIN } from './helpers.js';

const rule = (input: Record<string, unknown>) => config([input]).rules[0];

describe('detector factory (rule config → detectors)', () => {
  it('threshold: recover_below is the hysteresis level after "above"', () => {
    // Arrange
    const d = createDetector(rule({ name: 't', type: 'threshold', above: 90, recover_below: 80 }));
    // Act
    const states = [50, 95, 85, 79].map((v, i) => d.update(i * MIN, v).active);
    // Assert
    expect(d.kind).to.equal('threshold');
    expect(states).to.deep.equal([false, true, true, false]);
  });

  it('threshold: below with recover_above, and m of n', () => {
    const low = createDetector(rule({ name: 't', type: 'threshold', below: 10, recover_above: 15 }));
    expect([20, 5, 12, 16].map((v, i) => low.update(i * MIN, v).active)).to.deep.equal([false, true, true, false]);
    const mofn = createDetector(rule({ name: 'm', type: 'threshold', above: 90, m_of_n: '2/3' }));
    expect([95, 50, 95].map((v, i) => mofn.update(i * MIN, v).active)).to.deep.equal([false, false, true]);
  });

  it('trend: min_gradient is per second, negative means falling', () => {
    const up = createDetector(rule({ name: 'u', type: 'trend', min_gradient: 0.01, window: '10m', min_samples: 3 }));
    const down = createDetector(rule({ name: 'd', type: 'trend', min_gradient: -0.01, window: '10m', min_samples: 3 }));
    let upActive = false;
    let downActive = false;
    for (let i = 0; i <= 10; i++) {
      upActive = up.update(i * MIN, i).active; // +1 per minute = 0.0167 per second
      downActive = down.update(i * MIN, -i).active;
    }
    expect(up.kind).to.equal('trend');
    expect(upActive).to.equal(true);
    expect(downActive).to.equal(true);
    const flat = createDetector(rule({ name: 'f', type: 'trend', min_gradient: 0.01, direction: 'either', window: '10m', min_samples: 3 }));
    let flatActive = true;
    for (let i = 0; i <= 10; i++) flatActive = flat.update(i * MIN, 5).active;
    expect(flatActive).to.equal(false);
  });

  it('anomaly: sensitivity maps onto the evidence that confirms (medium = the default, ×√2 per 0.25)', () => {
    expect(evidenceThresholdFor(0.5)).to.equal(ANOMALY_DEFAULTS.evidence.threshold);
    expect(evidenceThresholdFor(0.75)).to.be.closeTo(ANOMALY_DEFAULTS.evidence.threshold / Math.SQRT2, 1e-9);
    expect(evidenceThresholdFor(0.25)).to.be.closeTo(ANOMALY_DEFAULTS.evidence.threshold * Math.SQRT2, 1e-9);
    expect(evidenceThresholdFor(7)).to.equal(evidenceThresholdFor(1));
    // Even the highest sensitivity needs more than nothing; a lone sample adds at most cap − reference.
    expect(evidenceThresholdFor(1)).to.equal(ANOMALY_DEFAULTS.evidence.cap - ANOMALY_DEFAULTS.evidence.reference);
    expect(createDetector(rule({ name: 'a', type: 'anomaly' })).kind).to.equal('anomaly');
  });

  it('anomaly: a low-sensitivity rule confirms later than a high-sensitivity one on the same ramp', () => {
    // Arrange: noise, then a ramp that grows slowly out of it
    const low = createDetector(rule({ name: 'lo', type: 'anomaly', sensitivity: 'low' }));
    const high = createDetector(rule({ name: 'hi', type: 'anomaly', sensitivity: 'high' }));
    let state = 7;
    const noise = () => ((state = (state * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
    const firstActive = { low: -1, high: -1 };
    // Act
    for (let i = 0; i < 900; i++) {
      const v = 50 + noise() + (i >= 600 ? (i - 600) * 0.15 : 0);
      if (low.update(i * 10_000, v).active && firstActive.low < 0 && i >= 600) firstActive.low = i;
      if (high.update(i * 10_000, v).active && firstActive.high < 0 && i >= 600) firstActive.high = i;
    }
    // Assert
    expect(firstActive.high).to.be.greaterThan(0);
    expect(firstActive.low).to.be.greaterThan(firstActive.high);
  });

  it('nodata when unavailable: active only while the state is a gap, never on silence', () => {
    // Arrange
    const detector = createDetector(rule({ name: 'u', type: 'nodata', when: 'unavailable' }));
    // Act
    const numeric = detector.update(0, 5);
    const silentLong = detector.tick!(86_400_000);
    const gone = detector.update(86_400_000, Number.NaN);
    const stillGone = detector.tick!(86_400_000 + 60_000);
    const back = detector.update(86_400_000 + 120_000, 6);
    // Assert
    expect([numeric.active, silentLong.active, gone.active, stillGone.active, back.active]).to.deep.equal([false, false, true, true, false]);
    expect(stillGone.value).to.equal(60_000);
    detector.reset();
    expect(detector.tick!(0).active).to.equal(false);
  });

  it('nodata: max_age is exact; without it, never stale before 15 min', () => {
    const exact = createDetector(rule({ name: 'n', type: 'nodata', max_age: '10m' }));
    exact.update(0, 1);
    expect(exact.tick!(10 * MIN).active).to.equal(false);
    expect(exact.tick!(10 * MIN + 1000).active).to.equal(true);
    const learned = createDetector(rule({ name: 'l', type: 'nodata' }));
    for (let i = 0; i < 10; i++) learned.update(i * MIN, 1);
    expect(learned.tick!(9 * MIN + LEARNED_MIN_STALE_MS - 1000).active).to.equal(false);
    expect(learned.tick!(9 * MIN + LEARNED_MIN_STALE_MS + 1000).active).to.equal(true);
  });
});
