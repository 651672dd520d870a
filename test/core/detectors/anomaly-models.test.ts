import { expect } from '@open-wc/testing';
import {
  ANOMALY_DEFAULTS,
  DriftModel,
  EvidenceAccumulator,
  MagnitudeGate,
  SeasonalModel,
  ShapeModel,
  SurpriseCalibration,
  gaussian,
  seededRandom,
} from '../../../src/core/detectors/index.js';

const T0 = 1_700_006_400_000; // a midnight (UTC)

describe('anomaly models, one at a time', () => {
  it('evidence: one sample never confirms, two extreme ones do, ordinary samples drain it', () => {
    // Arrange
    const { reference, cap, threshold } = ANOMALY_DEFAULTS.evidence;
    const evidence = new EvidenceAccumulator(reference, cap);
    // Act
    const one = evidence.add(1000);
    const two = evidence.add(1000);
    const drained = [0, 0, 0, 0, 0, 0].map(() => evidence.add(0)).pop();
    // Assert
    expect(one).to.equal(cap - reference);
    expect(one).to.be.below(threshold);
    expect(two).to.be.at.least(threshold);
    expect(drained).to.equal(0);
  });

  it('evidence: a pause of several intervals drains what it would have drained sample by sample', () => {
    const evidence = new EvidenceAccumulator(1, 3.5);
    evidence.add(3.5);
    expect(evidence.add(0, 2)).to.equal(0.5);
  });

  it('calibration: a surprise beyond everything recent gets more information than a usual one', () => {
    // Arrange
    const calibration = new SurpriseCalibration(500);
    const random = seededRandom(1);
    for (let i = 0; i < 2000; i++) calibration.calibrate(Math.abs(gaussian(random)), 1);
    // Act
    const usual = calibration.calibrate(1, 1);
    const extreme = calibration.calibrate(30, 1);
    // Assert
    expect(usual).to.be.below(1);
    expect(extreme).to.be.above(3);
  });

  it('magnitude gate: absurd values are gaps until they persist, then believed', () => {
    // Arrange
    const gate = new MagnitudeGate(1000, 3);
    for (let i = 0; i < 40; i++) gate.rejects(50 + (i % 5), 52, 2);
    // Act
    const verdicts = [5e6, 5e6, 5e6, 51].map((v) => gate.rejects(v, 52, 2));
    // Assert
    expect(verdicts).to.deep.equal([true, true, false, false]);
  });

  it('magnitude gate: judges nothing while it has not seen the series yet', () => {
    const gate = new MagnitudeGate();
    expect(gate.rejects(50, Number.NaN, Number.NaN)).to.equal(false);
    expect(gate.rejects(5e6, 50, 0.001)).to.equal(false);
  });

  it('drift: the protected baseline is not dragged along by a slow ramp, so the distance keeps growing', () => {
    // Arrange
    const drift = new DriftModel(1024, 8, 2, 64);
    const random = seededRandom(2);
    for (let i = 0; i < 2000; i++) drift.update(20 + 0.1 * gaussian(random), 1);
    // Act: 0.01 per sample for 300 samples (3 units, 30 noise σ)
    const distances: number[] = [];
    for (let i = 0; i < 300; i++) {
      drift.update(20 - 0.01 * i + 0.1 * gaussian(random), 1);
      if (i % 100 === 99) distances.push(-drift.distance);
    }
    // Assert
    expect(distances[0]).to.be.above(0.5);
    expect(distances[2]).to.be.above(distances[1]);
    expect(distances[1]).to.be.above(distances[0]);
  });

  it('shape: an oscillation inside the range and a stopped cycle both change the shape', () => {
    // Arrange
    const random = seededRandom(3);
    const oscillating = new ShapeModel();
    const cycling = new ShapeModel();
    for (let i = 0; i < 1500; i++) {
      oscillating.update(50 + gaussian(random), 1);
      cycling.update((Math.floor(i / 12) % 2 ? 80 : 5) + gaussian(random), 1);
    }
    const before = [oscillating.changed, cycling.changed];
    // Act
    let oscillationZ = 0;
    let stopZ = 0;
    const changed = [false, false];
    for (let i = 0; i < 60; i++) {
      oscillationZ = Math.max(oscillationZ, oscillating.update(50 + (i % 2 ? 6 : -6) + gaussian(random), 1));
      stopZ = Math.max(stopZ, cycling.update(5 + gaussian(random), 1));
      changed[0] ||= oscillating.changed;
      changed[1] ||= cycling.changed;
    }
    // Assert
    expect(before).to.deep.equal([false, false]);
    expect(oscillationZ).to.be.at.least(ANOMALY_DEFAULTS.evidence.shapeThreshold);
    expect(stopZ).to.be.at.least(ANOMALY_DEFAULTS.evidence.shapeThreshold);
    expect(changed).to.deep.equal([true, true]);
  });

  it('seasonal: silent without a daily pattern or before two days; then a reading wrong for the hour is far', () => {
    // Arrange: 5-min samples; 60 from 06:00 to 08:00, else 40
    const flat = new SeasonalModel();
    const daily = new SeasonalModel();
    flat.setInterval(300_000);
    daily.setInterval(300_000);
    const random = seededRandom(4);
    const value = (i: number) => ((i % 288) >= 72 && (i % 288) < 96 ? 60 : 40) + 0.4 * gaussian(random);
    const early: number[] = [];
    for (let i = 0; i < 5 * 288; i++) {
      const z = daily.update(T0 + i * 300_000, value(i), 1);
      if (i < 288) early.push(z);
      flat.update(T0 + i * 300_000, 40 + 0.4 * gaussian(random), 1);
    }
    // Act: the sixth day at 07:00, heating off
    const t = T0 + (5 * 288 + 84) * 300_000;
    const missed = daily.update(t, 40, 1);
    const ordinary = flat.update(t, 40, 1);
    // Assert
    expect(Math.max(...early)).to.equal(0);
    expect(ordinary).to.equal(0);
    expect(missed).to.be.above(10);
  });
});
