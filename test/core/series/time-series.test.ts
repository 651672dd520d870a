import { expect } from '@open-wc/testing';
import { TimeSeries, parseNumericState, minMaxDownsample, lttb } from '../../../src/core/series/index.js';

describe('TimeSeries', () => {
  it('appends in order and answers latest, at, length', () => {
    const series = new TimeSeries({ capacity: 10, maxAgeMs: 1e9 });
    series.append(1, 10);
    series.append(2, 20);
    expect(series.length).to.equal(2);
    expect(series.latest()).to.deep.equal({ t: 2, v: 20 });
    expect(series.at(0)).to.deep.equal({ t: 1, v: 10 });
    expect(series.at(-2)).to.deep.equal({ t: 1, v: 10 });
    expect(series.at(5)).to.equal(undefined);
  });

  it('drops the oldest sample when the capacity is reached, growing buffers on the way', () => {
    const series = new TimeSeries({ capacity: 100, maxAgeMs: 1e9, initialCapacity: 2 });
    for (let i = 0; i < 150; i++) series.append(i, i);
    expect(series.length).to.equal(100);
    expect(series.at(0)?.t).to.equal(50);
    expect(series.byteLength).to.equal(100 * 16);
  });

  it('drops samples older than maxAgeMs on append and on trim(now)', () => {
    const series = new TimeSeries({ maxAgeMs: 100 });
    series.append(0, 1);
    series.append(50, 2);
    series.append(120, 3);
    expect(series.at(0)?.t).to.equal(50);
    series.trim(200);
    expect(series.length).to.equal(1);
  });

  it('inserts late samples in place and replaces duplicates', () => {
    const series = new TimeSeries({ capacity: 5, maxAgeMs: 1e9, initialCapacity: 1 });
    series.append(10, 1);
    series.append(30, 3);
    series.append(20, 2);
    series.append(30, 33);
    expect(Array.from(series.copyRange().times)).to.deep.equal([10, 20, 30]);
    expect(Array.from(series.copyRange().values)).to.deep.equal([1, 2, 33]);
  });

  it('keeps a late sample in a full ring by dropping the oldest, and refuses one older than everything', () => {
    const series = new TimeSeries({ capacity: 3, maxAgeMs: 1e9 });
    [10, 20, 30].forEach((t) => series.append(t, t));
    expect(series.append(25, 25)).to.equal(true);
    expect(Array.from(series.copyRange().times)).to.deep.equal([20, 25, 30]);
    expect(series.append(5, 5)).to.equal(false);
    expect(series.append(Number.NaN, 5)).to.equal(false);
  });

  it('hands every sample it drops for room (not for age) to onEvict, in time order', () => {
    // Arrange
    const evicted: [number, number][] = [];
    const s = new TimeSeries({ capacity: 3, maxAgeMs: 1e9, onEvict: (t, v) => evicted.push([t, v]) });
    // Act
    for (let i = 1; i <= 5; i++) s.append(i * 1000, i);
    s.append(500, 0.5); // older than everything while full
    s.append(4500, 4.5); // inserted in the middle: the oldest makes room
    // Assert
    expect(evicted).to.deep.equal([
      [1000, 1],
      [2000, 2],
      [500, 0.5],
      [3000, 3],
    ]);
    expect([...s.copyRange().times]).to.deep.equal([4000, 4500, 5000]);
  });

  it('refuses late samples beyond maxAge', () => {
    const series = new TimeSeries({ maxAgeMs: 100 });
    series.append(1000, 1);
    expect(series.append(800, 2)).to.equal(false);
    expect(series.length).to.equal(1);
  });

  it('stores non-numeric values as NaN gaps, never zeros', () => {
    const series = new TimeSeries();
    series.append(1, 5);
    series.append(2, Number.NaN);
    series.append(3, Infinity);
    expect(Number.isNaN(series.valueAt(1))).to.equal(true);
    expect(Number.isNaN(series.valueAt(2))).to.equal(true);
    expect(series.latestNumeric()).to.deep.equal({ t: 1, v: 5 });
  });

  it('answers range queries with index bounds, copies, iteration and step lookups', () => {
    const series = new TimeSeries();
    for (let t = 0; t < 10; t++) series.append(t * 10, t);
    expect(series.range(15, 45)).to.deep.equal({ start: 2, end: 5 });
    expect(Array.from(series.copyRange(15, 45).values)).to.deep.equal([2, 3, 4]);
    const seen: number[] = [];
    series.forEachInRange(20, 30, (_t, v, i) => seen.push(v * 100 + i));
    expect(seen).to.deep.equal([202, 303]);
    expect(series.valueAtTime(25)).to.equal(2);
    expect(Number.isNaN(series.valueAtTime(-1))).to.equal(true);
    series.clear();
    expect(series.length).to.equal(0);
    expect(series.latestNumeric()).to.equal(undefined);
  });
});

describe('parseNumericState', () => {
  it('parses numbers and rejects HA non-numeric states', () => {
    expect(parseNumericState('42.5')).to.equal(42.5);
    expect(parseNumericState(' -1e3 ')).to.equal(-1000);
    for (const state of ['unavailable', 'unknown', '', 'none', 'on', '0x10', '12abc', null, undefined]) {
      expect(Number.isNaN(parseNumericState(state)), String(state)).to.equal(true);
    }
  });
});

describe('minMaxDownsample', () => {
  it('keeps the extremes of each bucket in time order', () => {
    const times = [0, 1, 2, 3, 4, 5, 6, 7];
    const values = [5, 9, 1, 5, 5, 0, 7, 5];
    const out = minMaxDownsample(times, values, 2);
    expect(Array.from(out.values)).to.deep.equal([9, 1, 0, 7]);
    expect(Array.from(out.times)).to.deep.equal([1, 2, 5, 6]);
  });

  it('emits ≤ 2 numeric points per bucket and a NaN break for gaps', () => {
    const times = Array.from({ length: 100 }, (_, i) => i);
    const values = times.map((t) => (t >= 40 && t < 60 ? Number.NaN : Math.sin(t)));
    const out = minMaxDownsample(times, values, 10);
    const numeric = Array.from(out.values).filter((v) => !Number.isNaN(v)).length;
    expect(numeric).to.be.at.most(20);
    expect(Array.from(out.values).filter((v) => Number.isNaN(v)).length).to.equal(1);
  });

  it('downsamples 100,000 points to at most 2 per pixel (its speed is in npm run bench)', () => {
    const n = 100_000;
    const times = new Float64Array(n).map((_, i) => i);
    const values = new Float64Array(n).map((_, i) => Math.sin(i / 100));
    const out = minMaxDownsample(times, values, 1000);
    expect(out.values.length).to.be.at.most(2000);
  });
});

describe('lttb', () => {
  it('keeps first, last and the spike', () => {
    const times = Array.from({ length: 1000 }, (_, i) => i);
    const values = times.map((t) => (t === 500 ? 100 : 0));
    const out = lttb(times, values, 50);
    expect(out.values.length).to.be.at.most(50);
    expect(out.times[0]).to.equal(0);
    expect(out.times[out.times.length - 1]).to.equal(999);
    expect(Array.from(out.values)).to.include(100);
  });

  it('separates runs around gaps with a NaN break and returns short input unchanged', () => {
    const values = [1, 2, Number.NaN, 3, 4];
    const out = lttb([0, 1, 2, 3, 4], values, 100);
    expect(Array.from(out.values).map((v) => (Number.isNaN(v) ? 'gap' : v))).to.deep.equal([1, 2, 'gap', 3, 4]);
  });
});

describe('TimeSeries.appendBatch', () => {
  function oneByOne(options: ConstructorParameters<typeof TimeSeries>[0], live: [number, number][], times: number[], values: number[]) {
    const evicted: number[] = [];
    const s = new TimeSeries({ ...options, onEvict: (t) => evicted.push(t) });
    for (const [t, v] of live) s.append(t, v);
    for (let i = 0; i < times.length; i++) s.append(times[i], values[i]);
    return { s, evicted };
  }
  function batched(options: ConstructorParameters<typeof TimeSeries>[0], live: [number, number][], times: number[], values: number[]) {
    const evicted: number[] = [];
    const s = new TimeSeries({ ...options, onEvict: (t) => evicted.push(t) });
    for (const [t, v] of live) s.append(t, v);
    s.appendBatch(times, values);
    return { s, evicted };
  }

  it('gives the same series, evictions and counts as one-by-one appends, in every case', () => {
    const cases: { name: string; options: ConstructorParameters<typeof TimeSeries>[0]; live: [number, number][]; times: number[] }[] = [
      { name: 'history before live, overflowing', options: { capacity: 100, maxAgeMs: 1e9 }, live: [[1_000_000, 5]], times: Array.from({ length: 500 }, (_, i) => i * 1000) },
      { name: 'history before live, fits', options: { capacity: 1000, maxAgeMs: 1e9 }, live: [[1_000_000, 5]], times: Array.from({ length: 500 }, (_, i) => i * 1000) },
      { name: 'older than the age limit', options: { capacity: 1000, maxAgeMs: 100_000 }, live: [[500_000, 5]], times: Array.from({ length: 500 }, (_, i) => i * 1000) },
      { name: 'empty series', options: { capacity: 50, maxAgeMs: 1e9 }, live: [], times: Array.from({ length: 120 }, (_, i) => i * 1000) },
      { name: 'history ending with the live state', options: { capacity: 100, maxAgeMs: 1e9 }, live: [[499_000, 5]], times: Array.from({ length: 500 }, (_, i) => i * 1000) },
      { name: 'after everything, overflowing', options: { capacity: 100, maxAgeMs: 1e9 }, live: [[0, 5], [500, 6]], times: Array.from({ length: 300 }, (_, i) => 1000 + i * 1000) },
      { name: 'overlapping (slow path)', options: { capacity: 100, maxAgeMs: 1e9 }, live: [[10_000, 5], [20_000, 6]], times: [5_000, 10_000, 15_000, 25_000] },
      { name: 'unsorted (slow path)', options: { capacity: 100, maxAgeMs: 1e9 }, live: [[90_000, 5]], times: [3_000, 1_000, 2_000] },
    ];
    for (const c of cases) {
      // Arrange
      const values = c.times.map((t, i) => (i === 3 ? 1e38 : i === 4 ? Number.NaN : t / 1000));
      // Act
      const a = oneByOne(c.options, c.live, c.times, values);
      const b = batched(c.options, c.live, c.times, values);
      // Assert
      const plain = (s: TimeSeries) => ({ ...s.copyRange(), absurd: s.absurdValues });
      expect(plain(b.s), c.name).to.deep.equal(plain(a.s));
      expect(b.evicted, c.name).to.deep.equal(a.evicted);
    }
  });

  it('clamps a batch with future stamps like single appends do', () => {
    const now = 1_000_000;
    const s = new TimeSeries({ maxAgeMs: 1e9, now: () => now, maxFutureMs: 1000 });
    s.appendBatch([now - 10, now + 60_000], [1, 2]);
    expect(s.futureStamps).to.equal(1);
    expect(s.latest()).to.deep.equal({ t: now, v: 2 });
  });
});
