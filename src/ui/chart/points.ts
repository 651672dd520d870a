/**
 * What a chart gets from a series: the samples in view, decimated to the pixel width with the
 * core min/max downsampler (so every spike survives and chart.js never sees more than about two
 * points per pixel), plus one sample on each side so lines run to the edges.
 */
import { minMaxDownsample } from '../../core/series/downsample';
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
export function seriesPoints(series: TimeSeries | undefined, from: number, to: number, pixels: number, shiftMs = 0): ChartPoint[] {
  if (!series || series.length === 0 || !(to > from)) return [];
  const a = from - shiftMs;
  const b = to - shiftMs;
  const { start, end } = series.range(a, b);
  const points: ChartPoint[] = [];
  // The sample before the window: the line enters from the left edge.
  if (start > 0) points.push({ x: series.timeAt(start - 1) + shiftMs, y: series.valueAt(start - 1) });
  const inside = series.copyRange(a, b);
  const buckets = Math.max(1, Math.floor(pixels));
  if (inside.times.length <= 2 * buckets) {
    for (let i = 0; i < inside.times.length; i++) points.push({ x: inside.times[i] + shiftMs, y: inside.values[i] });
  } else {
    const d = minMaxDownsample(inside.times, inside.values, buckets, a, b);
    for (let i = 0; i < d.times.length; i++) points.push({ x: d.times[i] + shiftMs, y: d.values[i] });
  }
  if (end < series.length) points.push({ x: series.timeAt(end) + shiftMs, y: series.valueAt(end) });
  return points;
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
