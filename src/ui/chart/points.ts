/**
 * What a chart gets from a series: the samples in view, decimated to the pixel width with the
 * core min/max downsampler (so every spike survives and chart.js never sees more than about two
 * points per pixel), plus one sample on each side so lines run to the edges.
 * The older part of a long window that the store keeps as buckets comes in as bucket means
 * (the line) and their min/max (a band, `rangeBand`).
 */
import { minMaxDownsample } from '../../core/series/downsample';
import type { BucketSeries } from '../../core/series/bucket-series';
import type { TimeSeries } from '../../core/series/time-series';

export interface ChartPoint {
  x: number;
  y: number;
}

/**
 * Points of `series` between `from` and `to`, moved by `shiftMs` (comparison with a previous
 * period: `from`/`to` are the times on the chart, samples are read at `t - shiftMs`).
 * At most 2 points per pixel plus gap breaks (NaN y) plus the two edge points.
 */
export function seriesPoints(series: TimeSeries | undefined, from: number, to: number, pixels: number, shiftMs = 0, older?: BucketSeries): ChartPoint[] {
  if (!(to > from) || ((!series || series.length === 0) && !older)) return [];
  const a = from - shiftMs;
  const b = to - shiftMs;
  const length = series?.length ?? 0;
  const rawStart = length > 0 ? series!.timeAt(0) : Number.POSITIVE_INFINITY;
  const { start, end } = series ? series.range(a, b) : { start: 0, end: 0 };
  const points: ChartPoint[] = [];
  // Before the raw samples: the buckets' means, at each bucket's middle.
  const olderTimes: number[] = [];
  const olderValues: number[] = [];
  if (older && a < rawStart) {
    const half = older.bucketMs / 2;
    older.forEach(a - half, Math.min(b, rawStart - 1) - half, (t, _min, _max, mean) => {
      olderTimes.push(t + half);
      olderValues.push(mean);
    });
  }
  // The sample before the window: the line enters from the left edge.
  if (start > 0) points.push({ x: series!.timeAt(start - 1) + shiftMs, y: series!.valueAt(start - 1) });
  const inside = series ? series.copyRange(a, b) : { times: new Float64Array(0), values: new Float64Array(0) };
  const times = olderTimes.length ? joined(olderTimes, inside.times) : inside.times;
  const values = olderTimes.length ? joined(olderValues, inside.values) : inside.values;
  const buckets = Math.max(1, Math.floor(pixels));
  if (times.length <= 2 * buckets) {
    for (let i = 0; i < times.length; i++) points.push({ x: times[i] + shiftMs, y: values[i] });
  } else {
    const d = minMaxDownsample(times, values, buckets, a, b);
    for (let i = 0; i < d.times.length; i++) points.push({ x: d.times[i] + shiftMs, y: d.values[i] });
  }
  if (end < length) points.push({ x: series!.timeAt(end) + shiftMs, y: series!.valueAt(end) });
  return points;
}

function joined(head: readonly number[], tail: Float64Array): Float64Array {
  const out = new Float64Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

export interface BandPoint {
  x: number;
  lo: number;
  hi: number;
}

/**
 * The min/max band of the buckets in view, merged to at most one entry per pixel (lowest min,
 * highest max), so a spike a month ago stays visible however coarse the line is. NaN entries
 * break the band at gaps.
 */
export function rangeBand(older: BucketSeries | undefined, from: number, to: number, pixels: number, shiftMs = 0): BandPoint[] {
  if (!older || !(to > from)) return [];
  const a = from - shiftMs;
  const b = to - shiftMs;
  const bins = Math.max(1, Math.floor(pixels));
  const width = (b - a) / bins;
  const half = older.bucketMs / 2;
  const band: BandPoint[] = [];
  let bin = -1;
  older.forEach(a - half, b - half, (t, min, max, _mean, count) => {
    const mid = t + half;
    const index = Math.min(bins - 1, Math.max(0, Math.floor((mid - a) / width)));
    const last = band[band.length - 1];
    if (count === 0) {
      if (last && !Number.isNaN(last.lo)) band.push({ x: mid + shiftMs, lo: Number.NaN, hi: Number.NaN });
      bin = -1;
      return;
    }
    if (index === bin && last && !Number.isNaN(last.lo)) {
      if (min < last.lo) last.lo = min;
      if (max > last.hi) last.hi = max;
      return;
    }
    bin = index;
    band.push({ x: mid + shiftMs, lo: min, hi: max });
  });
  return band;
}

export interface Extent {
  min: number;
  max: number;
  /** Newest numeric value and its time. */
  latest: number;
  latestT: number;
  count: number;
}

/** Min, max and latest of the numeric points (NaN if none). */
export function extentOf(points: readonly ChartPoint[], from = -Infinity, to = Infinity): Extent {
  let min = Infinity;
  let max = -Infinity;
  let latest = Number.NaN;
  let latestT = Number.NaN;
  let count = 0;
  for (const p of points) {
    if (Number.isNaN(p.y) || p.x < from || p.x > to) continue;
    count++;
    if (p.y < min) min = p.y;
    if (p.y > max) max = p.y;
    latest = p.y;
    latestT = p.x;
  }
  return count === 0 ? { min: Number.NaN, max: Number.NaN, latest, latestT, count } : { min, max, latest, latestT, count };
}
