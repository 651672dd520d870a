import { expect } from '@open-wc/testing';
import { createAnomalyDetector } from '../../../src/core/detectors/factory.js';

const noisy = (i: number) => 50 + Math.sin(i * 1.7) * 1.5 + Math.cos(i * 0.31) * 0.8;

describe('anomaly detector and lone outliers', () => {
  for (const outlier of [5e6, 1e29, 3.4e38, -3e7]) {
    it(`takes a lone absurd ${outlier} as a gap: no alert, no score, normal samples judged as normal after`, () => {
      // Arrange: 4 hours of a quiet sensor, one sample a minute.
      const detector = createAnomalyDetector();
      let i = 0;
      for (; i < 240; i++) detector.update(i * 60_000, noisy(i));
      // Act
      const spike = detector.update(i++ * 60_000, outlier);
      const after: boolean[] = [];
      for (let k = 0; k < 60; k++, i++) after.push(detector.update(i * 60_000, noisy(i)).active);
      // Assert
      expect(spike.active).to.equal(false);
      expect(spike.score).to.equal(0);
      expect(after.filter(Boolean).length, `active after the outlier: ${after.map((a) => (a ? 1 : 0)).join('')}`).to.equal(0);
    });
  }

  it('scores a lone plausible outlier on its own sample but never confirms it', () => {
    // Arrange
    const detector = createAnomalyDetector();
    let i = 0;
    for (; i < 240; i++) detector.update(i * 60_000, noisy(i));
    // Act
    const spike = detector.update(i++ * 60_000, 80);
    const after: boolean[] = [spike.active];
    for (let k = 0; k < 60; k++, i++) after.push(detector.update(i * 60_000, noisy(i)).active);
    // Assert
    expect(spike.score).to.be.greaterThan(0.5);
    expect(after.filter(Boolean).length).to.equal(0);
  });

  it('believes absurd magnitudes that persist (a change of unit): judged again after 3 samples', () => {
    // Arrange
    const detector = createAnomalyDetector();
    let i = 0;
    for (; i < 240; i++) detector.update(i * 60_000, noisy(i));
    // Act
    const judged = [0, 1, 2, 3].map(() => detector.update(i++ * 60_000, 5e6 + noisy(i)));
    // Assert: the first two are gaps, the third is a reading again
    expect(judged.map((s) => Number.isNaN(s.value))).to.deep.equal([true, true, false, false]);
  });

  it('takes non-finite values as gaps: no judgement, no memory', () => {
    // Arrange
    const detector = createAnomalyDetector();
    let i = 0;
    for (; i < 240; i++) detector.update(i * 60_000, noisy(i));
    // Act
    const inf = detector.update(i++ * 60_000, Infinity);
    const minus = detector.update(i++ * 60_000, -Infinity);
    const next = detector.update(i++ * 60_000, noisy(i));
    // Assert
    expect([inf.active, minus.active, next.active]).to.deep.equal([false, false, false]);
    expect(inf.score).to.equal(0);
    expect(Number.isFinite(next.score)).to.equal(true);
  });

  it('still catches a sustained shift after an absurd value, within 3 samples', () => {
    // Arrange
    const detector = createAnomalyDetector();
    let i = 0;
    for (; i < 240; i++) detector.update(i * 60_000, noisy(i));
    detector.update(i++ * 60_000, 5e6);
    for (let k = 0; k < 120; k++, i++) detector.update(i * 60_000, noisy(i));
    // Act
    const shifted: boolean[] = [];
    for (let k = 0; k < 5; k++, i++) shifted.push(detector.update(i * 60_000, noisy(i) + 30).active);
    // Assert
    expect(shifted.slice(2).every(Boolean), shifted.join()).to.equal(true);
  });
});
