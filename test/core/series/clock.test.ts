import { expect } from '@open-wc/testing';
import { TimeSeries } from '../../../src/core/series/time-series.js';

const MIN = 60_000;
const DAY = 86_400_000;

describe('TimeSeries with a clock', () => {
  it('takes a sample stamped more than 5 minutes ahead of the clock as "now", and keeps judging later ones', () => {
    // Arrange: HA's clock is a day ahead for one state, then corrected.
    let now = 10 * DAY;
    const series = new TimeSeries({ maxAgeMs: 3_600_000, now: () => now });
    series.append(now - MIN, 50);
    // Act
    series.append(now + DAY, 95);
    const later: number[] = [];
    for (let i = 1; i <= 12; i++) {
      now += 5_000;
      later.push(series.append(now, 95) ? 1 : 0);
    }
    // Assert
    expect(series.futureStamps).to.equal(1);
    expect(series.length).to.equal(14);
    expect(later.every(Boolean)).to.equal(true);
    expect(series.at(1)).to.deep.equal({ t: 10 * DAY, v: 95 });
    expect(series.latest()).to.deep.equal({ t: now, v: 95 });
  });

  it('accepts stamps a little ahead of the clock as they are', () => {
    const now = 10 * DAY;
    const series = new TimeSeries({ now: () => now });
    series.append(now + 4 * MIN, 1);
    expect(series.latest()?.t).to.equal(now + 4 * MIN);
    expect(series.futureStamps).to.equal(0);
  });

  it('trims by the clock, not by a newer sample', () => {
    // Arrange: without a clock, one far-future sample would drop everything older than it.
    const now = 10 * DAY;
    const series = new TimeSeries({ maxAgeMs: 3_600_000, now: () => now });
    for (let i = 0; i < 10; i++) series.append(now - 59 * MIN + i * MIN, i);
    // Act
    series.append(now + 4 * MIN, 99); // within the tolerance: kept as stamped
    series.append(now - 30 * MIN + 1, 7); // a late sample, still inside the window by the clock
    // Assert
    expect(series.length).to.equal(12);
  });

  it('stores absurd magnitudes and ±Infinity as gaps, and counts them', () => {
    const series = new TimeSeries();
    series.append(1, 50);
    series.append(2, 3.4028234663852886e38);
    series.append(3, 1e308);
    series.append(4, -Infinity);
    series.append(5, 1e29);
    const { values } = series.copyRange();
    expect([...values].map((v) => (Number.isNaN(v) ? 'gap' : v))).to.deep.equal([50, 'gap', 'gap', 'gap', 1e29]);
    expect(series.absurdValues).to.equal(3);
  });
});
