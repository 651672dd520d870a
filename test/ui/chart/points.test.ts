import { expect } from '@open-wc/testing';
import { TimeSeries } from '../../../src/core/series/time-series';
import { extentOf, rangeBand, seriesPoints } from '../../../src/ui/chart/points';
import { BucketSeries } from '../../../src/core/series/bucket-series';

describe('ui/chart/points', () => {
  it('decimates 100,000 samples to at most 2 points per pixel, keeping every extreme', () => {
    // Arrange
    const series = new TimeSeries({ capacity: 100_000, maxAgeMs: Infinity });
    for (let i = 0; i < 100_000; i++) series.append(i * 1000, i === 12_345 ? 500 : i === 87_654 ? -500 : Math.sin(i / 100));
    // Act
    const points = seriesPoints(series, 0, 99_999_000, 300);
    // Assert
    expect(points.length).to.be.at.most(600);
    expect(points.length).to.be.above(300);
    const ys = points.map((p) => p.y);
    expect(Math.max(...ys)).to.equal(500);
    expect(Math.min(...ys)).to.equal(-500);
    expect(points.find((p) => p.y === 500)!.x).to.equal(12_345_000);
    for (let i = 1; i < points.length; i++) expect(points[i].x).to.be.at.least(points[i - 1].x);
  });

  it('passes small windows through, with the neighbours outside the window so lines reach the edges', () => {
    const series = new TimeSeries({ maxAgeMs: Infinity });
    [0, 10, 20, 30, 40].forEach((t, i) => series.append(t, i));
    expect(seriesPoints(series, 15, 35, 100)).to.deep.equal([
      { x: 10, y: 1 },
      { x: 20, y: 2 },
      { x: 30, y: 3 },
      { x: 40, y: 4 },
    ]);
  });

  it('shifts a previous period onto the current one', () => {
    const series = new TimeSeries({ maxAgeMs: Infinity });
    [0, 10, 20, 100, 110].forEach((t) => series.append(t, t));
    expect(seriesPoints(series, 100, 115, 100, 100)).to.deep.equal([
      { x: 100, y: 0 },
      { x: 110, y: 10 },
      { x: 120, y: 20 },
    ]);
  });

  it('keeps gaps as NaN breaks, and gives nothing for an empty series or window', () => {
    const series = new TimeSeries({ maxAgeMs: Infinity });
    for (let i = 0; i < 1000; i++) series.append(i, i >= 400 && i < 500 ? Number.NaN : 1);
    const points = seriesPoints(series, 0, 999, 10);
    expect(points.some((p) => Number.isNaN(p.y))).to.equal(true);
    expect(points.length).to.be.at.most(30);
    expect(seriesPoints(undefined, 0, 1, 10)).to.deep.equal([]);
    expect(seriesPoints(series, 5, 5, 10)).to.deep.equal([]);
  });

  it('measures extent ignoring gaps and points outside the range', () => {
    const e = extentOf(
      [
        { x: 0, y: 100 },
        { x: 1, y: 5 },
        { x: 2, y: Number.NaN },
        { x: 3, y: 9 },
      ],
      1,
      3,
    );
    expect(e).to.deep.equal({ min: 5, max: 9, latest: 9, latestT: 3, count: 2 });
    expect(extentOf([]).count).to.equal(0);
    expect(Number.isNaN(extentOf([]).min)).to.equal(true);
  });
});

describe('ui/chart/points with the older part of a window in buckets', () => {
  it('draws the whole window: bucket means before the raw samples, raw samples after', () => {
    // Arrange: 100 one-minute buckets of the window's first part, raw samples after
    const older = new BucketSeries({ bucketMs: 60_000, maxAgeMs: 1e9 });
    for (let i = 0; i < 6000; i++) older.add(i * 1000, i < 3000 ? 1 : 2);
    const series = new TimeSeries({ maxAgeMs: Infinity });
    for (let i = 6000; i < 7000; i++) series.append(i * 1000, 3);
    // Act
    const points = seriesPoints(series, 0, 7_000_000, 1000, 0, older);
    // Assert
    expect(points[0].x).to.equal(30_000); // the first bucket's middle
    expect(points[0].y).to.equal(1);
    expect(points.find((p) => p.y === 2)).to.not.equal(undefined);
    expect(points.at(-1)!.y).to.equal(3);
    for (let i = 1; i < points.length; i++) expect(points[i].x).to.be.above(points[i - 1].x);
    expect(points.filter((p) => p.x >= 6_000_000)).to.have.length(1000);
  });

  it('gives a band of min and max per pixel, breaking at gaps', () => {
    const older = new BucketSeries({ bucketMs: 60_000, maxAgeMs: 1e9 });
    for (let i = 0; i < 600; i++) older.add(i * 1000, i === 30 ? 95 : 20);
    older.add(700_000, Number.NaN);
    older.add(760_000, 21);
    // Act: 10 minutes of buckets on 5 pixels
    const band = rangeBand(older, 0, 840_000, 5);
    // Assert
    expect(band[0]).to.deep.equal({ x: 30_000, lo: 20, hi: 95 });
    expect(band.length).to.be.at.most(7);
    const gap = band.findIndex((p) => Number.isNaN(p.lo));
    expect(gap).to.be.above(0);
    expect(band[gap + 1].hi).to.equal(21);
  });

  it('draws buckets alone while no raw sample is kept', () => {
    const older = new BucketSeries({ bucketMs: 60_000, maxAgeMs: 1e9 });
    older.add(10_000, 5);
    expect(seriesPoints(undefined, 0, 120_000, 100, 0, older)).to.deep.equal([{ x: 30_000, y: 5 }]);
  });
});
