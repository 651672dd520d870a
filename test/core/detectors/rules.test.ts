import { expect } from '@open-wc/testing';
import { ThresholdDetector, TrendDetector, StalenessDetector } from '../../../src/core/detectors/index.js';
import { formatCompact as formatNumber, formatDuration } from '../../../src/core/format/index.js';

const feed = (detector: ThresholdDetector, values: number[]): boolean[] => values.map((v, i) => detector.update(i, v).active);

describe('ThresholdDetector', () => {
  it('fires above the limit and explains why', () => {
    const detector = new ThresholdDetector({ above: 90 });
    expect(detector.update(0, 80).active).to.equal(false);
    const signal = detector.update(1, 92.1);
    expect(signal).to.include({ active: true, score: 1, value: 92.1 });
    expect(signal.reason).to.equal('92.1 > 90 (recovers at ≤ 90)');
  });

  it('fires below and outside a range', () => {
    const detector = new ThresholdDetector({ below: 10, above: 20 });
    expect(feed(detector, [15, 5, 15, 25])).to.deep.equal([false, true, false, true]);
    expect(detector.update(4, 15).reason).to.equal('15 within limits (≥ 10 and ≤ 20)');
    expect(detector.update(5, 5).reason).to.contain('5 < 10');
  });

  it('hysteresis: stays active until the recovery level, so hovering at the limit does not flap', () => {
    const detector = new ThresholdDetector({ above: 90, recoverAbove: 85 });
    expect(feed(detector, [91, 89, 88, 86, 84, 89])).to.deep.equal([true, true, true, true, false, false]);
  });

  it('m-of-n: a lone outlier does not fire, 3 of the last 5 does', () => {
    const detector = new ThresholdDetector({ above: 90, m: 3, n: 5 });
    expect(feed(detector, [95, 50, 50, 50, 50, 95, 95, 50, 95])).to.deep.equal([false, false, false, false, false, false, false, false, true]);
    expect(detector.update(9, 95).reason).to.contain('of last 5');
  });

  it('keeps its state across gaps and resets', () => {
    const detector = new ThresholdDetector({ above: 1 });
    detector.update(0, 2);
    expect(detector.update(1, Number.NaN).active).to.equal(true);
    detector.reset();
    expect(detector.update(2, Number.NaN).active).to.equal(false);
  });

  it('rejects inconsistent options', () => {
    expect(() => new ThresholdDetector({})).to.throw(RangeError);
    expect(() => new ThresholdDetector({ above: 90, recoverAbove: 95 })).to.throw(RangeError);
  });

  it('explains each judgement as it stood at that sample, however late the reason is read', () => {
    // Arrange: the reason text is built when read; read it only after later samples moved on.
    const detector = new ThresholdDetector({ above: 90, recoverAbove: 85, m: 2, n: 3 });
    const signals = [95, 96, 88, 80, 70, Number.NaN, 20].map((v, i) => detector.update(i, v));
    // Assert
    expect(signals.map((s) => s.reason)).to.deep.equal([
      '95 within limits (≤ 90)',
      '96 > 90 (2 of last 3) (recovers at ≤ 85)',
      '88 > 90 (3 of last 3) (recovers at ≤ 85)',
      '80 > 90 (2 of last 3) (recovers at ≤ 85)',
      '70 within limits (≤ 90)',
      '70 within limits (≤ 90)',
      '20 within limits (≤ 90)',
    ]);
    expect(signals[5]).to.include({ active: false, score: 0 });
    expect(signals[5].value).to.be.NaN;
  });

  it('explains a low breach with the levels as configured', () => {
    const detector = new ThresholdDetector({ below: 0.0001, recoverBelow: 0.5 });
    expect(detector.update(0, -3e-7).reason).to.equal(`${formatNumber(-3e-7)} < ${formatNumber(0.0001)} (recovers at ≥ 0.5)`);
    expect(detector.update(1, 2e6).reason).to.equal(`${formatNumber(2e6)} within limits (≥ ${formatNumber(0.0001)})`);
  });
});

describe('TrendDetector', () => {
  const HOUR = 3_600_000;

  it('measures the least-squares slope and forecasts the time to the limit', () => {
    const trend = new TrendDetector({ windowMs: HOUR, limit: 100, horizonMs: 10 * 24 * HOUR });
    let signal = trend.update(0, 50);
    expect(signal.warmingUp).to.equal(true);
    for (let i = 1; i <= 60; i++) signal = trend.update(i * 60_000, 50 + i / 60); // +1 per hour
    expect(signal.value).to.be.closeTo(1, 1e-9);
    expect(signal.timeToLimitMs).to.be.closeTo(49 * HOUR, 1000);
    expect(signal.active).to.equal(true);
    expect(signal.reason).to.equal('slope +1/h, reaches 100 in 2 d 1 h');
  });

  it('is active on a steep slope in the configured direction only', () => {
    const up = new TrendDetector({ windowMs: HOUR, minSlopePerHour: 5 });
    const down = new TrendDetector({ windowMs: HOUR, minSlopePerHour: 5, direction: 'down' });
    let a = up.update(0, 0);
    let b = down.update(0, 0);
    for (let i = 1; i <= 30; i++) {
      a = up.update(i * 120_000, -i);
      b = down.update(i * 120_000, -i);
    }
    expect(a.active).to.equal(false);
    expect(b.active).to.equal(true);
    expect(b.timeToLimitMs).to.equal(undefined);
  });

  it('forgets samples that leave the window and stays precise with epoch timestamps', () => {
    const trend = new TrendDetector({ windowMs: HOUR, minSlopePerHour: 1, capacity: 16 });
    const t0 = 1.7e12;
    for (let i = 0; i < 200; i++) trend.update(t0 + i * 300_000, i < 150 ? i : 150);
    const signal = trend.tick(t0 + 200 * 300_000);
    expect(signal.value).to.be.closeTo(0, 1e-6);
    expect(signal.active).to.equal(false);
    trend.reset();
    expect(trend.tick(t0).warmingUp).to.equal(true);
  });
});

describe('StalenessDetector', () => {
  it('learns the interval and fires after 3 missed intervals', () => {
    const stale = new StalenessDetector({ minStaleMs: 0 });
    expect(stale.tick(0).warmingUp).to.equal(true);
    for (let i = 0; i < 10; i++) stale.update(i * 10_000, i);
    expect(stale.expectedIntervalMs).to.equal(10_000);
    expect(stale.tick(90_000 + 29_000).active).to.equal(false);
    const signal = stale.tick(90_000 + 31_000);
    expect(signal.active).to.equal(true);
    expect(signal.reason).to.equal('no data for 31 s (expected every 10 s)');
  });

  it('does not count unavailable as data unless configured', () => {
    const strict = new StalenessDetector({ expectedIntervalMs: 1000, minStaleMs: 0 });
    const lenient = new StalenessDetector({ expectedIntervalMs: 1000, minStaleMs: 0, gapsAreData: true });
    strict.update(0, 1);
    lenient.update(0, 1);
    expect(strict.update(5000, Number.NaN).active).to.equal(true);
    expect(lenient.update(5000, Number.NaN).active).to.equal(false);
  });

  it('gives a grace period after a reconnect', () => {
    const stale = new StalenessDetector({ expectedIntervalMs: 1000, minStaleMs: 0, graceMs: 60_000 });
    stale.update(0, 1);
    stale.noteReconnect(100_000);
    expect(stale.tick(130_000).active).to.equal(false);
    expect(stale.tick(130_000).reason).to.contain('grace');
    expect(stale.tick(161_000).active).to.equal(true);
    stale.reset();
    expect(stale.tick(200_000).warmingUp).to.equal(true);
  });
});

describe('formatting', () => {
  it('formats numbers and durations compactly', () => {
    expect(formatNumber(92.123)).to.equal('92.1');
    expect(formatNumber(1234.5)).to.equal('1234.5');
    expect(formatNumber(2e7)).to.equal('2.00e+7');
    expect(formatNumber(Infinity)).to.equal('Infinity');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 5000)).to.equal('3 d 4 h');
    expect(formatDuration(42_000)).to.equal('42 s');
    expect(formatDuration(0)).to.equal('0 s');
    expect(formatDuration(Infinity)).to.equal('∞');
  });
});
