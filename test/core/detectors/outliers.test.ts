import { expect } from '@open-wc/testing';
import { createAnomalyDetector } from '../../../src/core/detectors/factory.js';

const noisy = (i: number) => 50 + Math.sin(i * 1.7) * 1.5 + Math.cos(i * 0.31) * 0.8;

describe('anomaly detector and lone outliers', () => {
  for (const outlier of [5e6, 1e29, -3e7]) {
    it(`flags a lone ${outlier} on its own sample only, then judges normal samples as normal`, () => {
      // Arrange: 4 hours of a quiet sensor, one sample a minute.
      const detector = createAnomalyDetector();
      let i = 0;
      for (; i < 240; i++) detector.update(i * 60_000, noisy(i));
      // Act
      const spike = detector.update(i++ * 60_000, outlier);
      const after: boolean[] = [];
      for (let k = 0; k < 60; k++, i++) after.push(detector.update(i * 60_000, noisy(i)).active);
      // Assert
      expect(spike.active).to.equal(true);
      expect(after.filter(Boolean).length, `active after the outlier: ${after.map((a) => (a ? 1 : 0)).join('')}`).to.equal(0);
    });
  }

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

  it('still catches a sustained shift after an outlier', () => {
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
    expect(shifted.slice(1).every(Boolean), shifted.join()).to.equal(true);
  });
});
