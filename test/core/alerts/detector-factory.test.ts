import { expect } from '@open-wc/testing';
import { createDetector, anomalyThreshold, LEARNED_MIN_STALE_MS } from '../../../src/core/alerts/detector-factory.js';
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

  it('anomaly: sensitivity maps onto the detector threshold (medium = its default 0.45)', () => {
    expect(anomalyThreshold(0.5)).to.be.closeTo(0.45, 1e-9);
    expect(anomalyThreshold(1)).to.equal(0.05);
    expect(anomalyThreshold(0)).to.equal(0.9);
    expect(anomalyThreshold(0.25)).to.be.greaterThan(anomalyThreshold(0.75));
    expect(createDetector(rule({ name: 'a', type: 'anomaly' })).kind).to.equal('anomaly');
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
