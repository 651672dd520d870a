import { expect } from '@open-wc/testing';
import { TimeSeries } from '../../../src/core/series/index.js';
import {
  WindowStats,
  Ewma,
  RateTracker,
  counterIncrease,
  averageRate,
  availability,
  AvailabilityTracker,
  errorRate,
  seasonalBaseline,
  DAY_MS,
  WEEK_MS,
} from '../../../src/core/stats/index.js';

describe('WindowStats', () => {
  it('summarises the samples in the window', () => {
    const stats = new WindowStats({ windowMs: 1000 });
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].forEach((v, i) => stats.push(i, v));
    const summary = stats.summary();
    expect(summary.count).to.equal(10);
    expect(summary.mean).to.equal(5.5);
    expect(summary.min).to.equal(1);
    expect(summary.max).to.equal(10);
    expect(summary.stddev).to.be.closeTo(3.0277, 1e-4);
    expect(summary.p50).to.equal(5.5);
    expect(summary.p90).to.be.closeTo(9.1, 1e-9);
    expect(summary.p99).to.be.closeTo(9.91, 1e-9);
  });

  it('slides: old samples leave min/max/quantiles (monotone deques, sorted window)', () => {
    const stats = new WindowStats({ windowMs: 3 });
    [9, 1, 5, 7, 6].forEach((v, t) => stats.push(t, v));
    // Window now holds t = 1..4 → values 1, 5, 7, 6.
    expect(stats.min).to.equal(1);
    expect(stats.max).to.equal(7);
    stats.advance(5);
    expect(stats.min).to.equal(5);
    expect(stats.quantile(0.5)).to.equal(6);
    stats.advance(100);
    expect(stats.count).to.equal(0);
    expect(Number.isNaN(stats.mean)).to.equal(true);
    expect(Number.isNaN(stats.variance)).to.equal(true);
    expect(Number.isNaN(stats.quantile(0.5))).to.equal(true);
  });

  it('is bounded by capacity and ignores gaps', () => {
    const stats = new WindowStats({ windowMs: 1e9, capacity: 3 });
    [1, 2, Number.NaN, 3, 4].forEach((v, t) => stats.push(t, v));
    expect(stats.count).to.equal(3);
    expect(stats.min).to.equal(2);
    expect(stats.mean).to.equal(3);
  });

  it('matches a brute-force window on a long random stream (running sums stay exact enough)', () => {
    const stats = new WindowStats({ windowMs: 50, capacity: 64 });
    const all: number[] = [];
    let seed = 1;
    for (let t = 0; t < 2000; t++) {
      seed = (seed * 16807) % 2147483647;
      const v = 1e6 + (seed % 1000);
      all.push(v);
      stats.push(t, v);
    }
    const window = all.slice(-51).sort((a, b) => a - b);
    const mean = window.reduce((a, b) => a + b, 0) / window.length;
    expect(stats.count).to.equal(51);
    expect(stats.mean).to.be.closeTo(mean, 1e-6);
    expect(stats.min).to.equal(window[0]);
    expect(stats.max).to.equal(window[50]);
    expect(stats.quantile(0.5)).to.equal(window[25]);
    expect(stats.variance).to.be.greaterThan(0);
  });

  it('can run without quantiles', () => {
    const stats = new WindowStats({ quantiles: false });
    stats.push(0, 1);
    expect(stats.variance).to.equal(0);
    expect(Number.isNaN(stats.summary().p50)).to.equal(true);
    expect(() => stats.quantile(0.5)).to.throw();
    stats.reset();
    expect(stats.count).to.equal(0);
  });
});

describe('Ewma', () => {
  it('moves halfway towards a new value after one half-life, whatever the sampling', () => {
    const ewma = new Ewma(1000);
    ewma.update(0, 0);
    expect(ewma.update(1000, 100)).to.be.closeTo(50, 1e-9);
    expect(ewma.update(1500, Number.NaN)).to.be.closeTo(50, 1e-9);
    ewma.reset();
    expect(Number.isNaN(ewma.value)).to.equal(true);
    expect(() => new Ewma(0)).to.throw(RangeError);
  });
});

describe('rates', () => {
  it('RateTracker gives per-second rates and treats a drop as a counter reset', () => {
    const rate = new RateTracker();
    expect(Number.isNaN(rate.update(0, 100))).to.equal(true);
    expect(rate.update(1000, 150)).to.equal(50);
    expect(rate.update(2000, 30)).to.equal(30);
    expect(rate.resets).to.equal(1);
    expect(Number.isNaN(rate.update(3000, Number.NaN))).to.equal(true);
    const derivative = new RateTracker({ counter: false, perMs: 60_000 });
    derivative.update(0, 10);
    expect(derivative.update(60_000, 4)).to.equal(-6);
    rate.reset();
    expect(rate.resets).to.equal(0);
  });

  it('counterIncrease and averageRate sum increases across resets', () => {
    const series = new TimeSeries();
    [100, 200, Number.NaN, 50, 150].forEach((v, i) => series.append(i * 1000, v));
    expect(counterIncrease(series, 0, 5000)).to.equal(100 + 50 + 100);
    expect(averageRate(series, 0, 5000)).to.equal(250 / 4);
    expect(averageRate(series, 0, 5000, { counter: false })).to.equal(50 / 4);
    expect(Number.isNaN(counterIncrease(series, 0, 0))).to.equal(true);
    expect(Number.isNaN(averageRate(series, 0, 0))).to.equal(true);
  });
});

describe('availability and error rate', () => {
  it('is the time-weighted share of numeric states', () => {
    const series = new TimeSeries();
    series.append(0, 1);
    series.append(600, Number.NaN);
    series.append(900, 2);
    expect(availability(series, 0, 1000)).to.be.closeTo(0.7, 1e-12);
    expect(availability(series, 700, 800)).to.equal(0);
    expect(Number.isNaN(availability(series, 10, 10))).to.equal(true);
    expect(Number.isNaN(availability(new TimeSeries(), 0, 10))).to.equal(true);
  });

  it('streams availability', () => {
    const tracker = new AvailabilityTracker();
    tracker.update(0, 1);
    tracker.update(300, Number.NaN);
    expect(tracker.update(400, 5)).to.be.closeTo(0.75, 1e-12);
    tracker.reset();
    expect(Number.isNaN(tracker.ratio)).to.equal(true);
  });

  it('error rate is NaN without traffic, never 0 %', () => {
    expect(errorRate(5, 100)).to.equal(0.05);
    expect(Number.isNaN(errorRate(0, 0))).to.equal(true);
  });
});

describe('seasonalBaseline', () => {
  it('reads the value one day / one week ago from the series or a supplied history', () => {
    const series = new TimeSeries({ maxAgeMs: 2 * WEEK_MS, capacity: 100 });
    series.append(0, 10);
    series.append(WEEK_MS - DAY_MS, 20);
    series.append(WEEK_MS, 30);
    expect(seasonalBaseline(series, WEEK_MS)).to.equal(20);
    expect(seasonalBaseline(series, WEEK_MS, { periodsMs: [DAY_MS, WEEK_MS] })).to.equal(15);
    expect(Number.isNaN(seasonalBaseline(series, 3 * WEEK_MS))).to.equal(true);
    const history = { valueAtTime: (t: number) => t / 1000 };
    expect(seasonalBaseline(series, DAY_MS + 5000, { history })).to.equal(5);
  });
});
