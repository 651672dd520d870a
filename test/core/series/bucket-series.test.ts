import { expect } from '@open-wc/testing';
import { BucketSeries, bucketWidthFor } from '../../../src/core/series/bucket-series';

const MIN = 60_000;

function collect(b: BucketSeries, from = -Infinity, to = Infinity) {
  const out: { t: number; min: number; max: number; mean: number; count: number }[] = [];
  b.forEach(from, to, (t, min, max, mean, count) => out.push({ t, min, max, mean, count }));
  return out;
}

describe('BucketSeries', () => {
  it('keeps min, max and mean per fixed-width bucket, in time order', () => {
    // Arrange
    const b = new BucketSeries({ bucketMs: MIN, maxAgeMs: 60 * MIN });
    // Act: two buckets, fed out of order
    b.add(MIN + 10_000, 4);
    b.add(10_000, 1);
    b.add(20_000, 3);
    b.add(MIN + 50_000, 8);
    // Assert
    expect(collect(b)).to.deep.equal([
      { t: 0, min: 1, max: 3, mean: 2, count: 2 },
      { t: MIN, min: 4, max: 8, mean: 6, count: 2 },
    ]);
  });

  it('records a bucket holding only gaps as a gap (NaN), so a chart breaks its line there', () => {
    const b = new BucketSeries({ bucketMs: MIN, maxAgeMs: 60 * MIN });
    b.add(5_000, 2);
    b.add(MIN + 5_000, Number.NaN);
    const [first, gap] = collect(b);
    expect(first.mean).to.equal(2);
    expect(gap.t).to.equal(MIN);
    expect(gap.count).to.equal(0);
    expect(Number.isNaN(gap.mean)).to.equal(true);
  });

  it('drops buckets older than its window, counted back from the newest', () => {
    const b = new BucketSeries({ bucketMs: MIN, maxAgeMs: 10 * MIN });
    for (let i = 0; i < 30; i++) b.add(i * MIN, i);
    const kept = collect(b);
    expect(kept[0].t).to.be.at.least(19 * MIN);
    expect(kept.at(-1)!.t).to.equal(29 * MIN);
    // A late sample for a bucket that left the window is ignored, not wrapped onto a new one.
    b.add(2 * MIN, 1000);
    expect(collect(b).some((x) => x.max === 1000)).to.equal(false);
  });

  it('takes summaries (long-term statistics rows) with their own min and max', () => {
    const b = new BucketSeries({ bucketMs: 10 * MIN, maxAgeMs: 600 * MIN });
    b.addSummary(0, 1, 9, 5, 60);
    b.addSummary(0, 0, 4, 2, 60);
    const [bucket] = collect(b);
    expect(bucket).to.deep.equal({ t: 0, min: 0, max: 9, mean: 3.5, count: 120 });
  });

  it('reads only the requested range', () => {
    const b = new BucketSeries({ bucketMs: MIN, maxAgeMs: 60 * MIN });
    for (let i = 0; i < 10; i++) b.add(i * MIN + 1, i);
    expect(collect(b, 3 * MIN, 5 * MIN).map((x) => x.mean)).to.deep.equal([3, 4, 5]);
  });

  it('re-bins into wider buckets without losing extremes', () => {
    const b = new BucketSeries({ bucketMs: MIN, maxAgeMs: 60 * MIN });
    for (let i = 0; i < 10; i++) b.add(i * MIN + 1, i === 3 ? 100 : i);
    const wider = b.rebinned(5 * MIN, 600 * MIN);
    const buckets = collect(wider);
    expect(buckets.map((x) => x.t)).to.deep.equal([0, 5 * MIN]);
    expect(buckets[0].max).to.equal(100);
    expect(buckets[1].min).to.equal(5);
    expect(wider.maxAgeMs).to.equal(600 * MIN);
  });

  it('holds a bounded number of buckets whatever is fed', () => {
    const b = new BucketSeries({ bucketMs: MIN, maxAgeMs: 100 * MIN });
    for (let i = 0; i < 100_000; i++) b.add(i * 1000, i % 7);
    expect(b.slots).to.be.at.most(102);
    expect(b.byteLength).to.be.below(10_000);
  });

  it('ignores non-finite times and treats infinite values as gaps', () => {
    const b = new BucketSeries({ bucketMs: MIN, maxAgeMs: 60 * MIN });
    b.add(Number.NaN, 1);
    b.add(1000, Number.POSITIVE_INFINITY);
    b.add(2000, 5);
    expect(collect(b)).to.deep.equal([{ t: 0, min: 5, max: 5, mean: 5, count: 1 }]);
  });
});

describe('bucketWidthFor', () => {
  it('gives a week about 4,096 buckets, rounded to whole seconds', () => {
    const width = bucketWidthFor(7 * 86_400_000);
    expect(width % 1000).to.equal(0);
    expect(Math.round((7 * 86_400_000) / width)).to.be.within(4000, 4096);
  });

  it('never goes below one second', () => {
    expect(bucketWidthFor(1000)).to.equal(1000);
  });
});
