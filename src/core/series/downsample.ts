/**
 * Chart downsampling that keeps what matters on a monitoring chart: the extremes and the gaps.
 * Both functions are single passes over the input (100k points in well under a few ms).
 */
import type { SeriesArrays } from './time-series.js';

type NumericArray = ArrayLike<number>;

class PointWriter {
  times: Float64Array;
  values: Float64Array;
  length = 0;
  constructor(maxPoints: number) {
    this.times = new Float64Array(maxPoints);
    this.values = new Float64Array(maxPoints);
  }
  push(t: number, v: number): void {
    // Consecutive gap markers carry no information: one NaN is enough to break the line.
    if (Number.isNaN(v) && this.length > 0 && Number.isNaN(this.values[this.length - 1])) return;
    this.times[this.length] = t;
    this.values[this.length] = v;
    this.length++;
  }
  result(): SeriesArrays {
    return { times: this.times.slice(0, this.length), values: this.values.slice(0, this.length) };
  }
}

/**
 * Min/max per pixel bucket: time span `[from, to]` is divided into `pixels` equal buckets; each
 * bucket emits its minimum and maximum in time order (one point if they coincide), so every spike
 * stays visible. A bucket that contains a gap also emits one NaN break at the gap's position, so
 * a line is never drawn across missing data. Output: ≤ 2 numeric points per bucket.
 */
export function minMaxDownsample(
  times: NumericArray,
  values: NumericArray,
  pixels: number,
  from = times.length > 0 ? times[0] : 0,
  to = times.length > 0 ? times[times.length - 1] : 0,
): SeriesArrays {
  const n = times.length;
  const buckets = Math.max(1, Math.floor(pixels));
  const out = new PointWriter(Math.min(n, 3 * buckets));
  const span = to - from;
  const scale = span > 0 ? buckets / span : 0;
  let bucket = -1;
  let minI = -1;
  let maxI = -1;
  let gapI = -1;
  const flush = (): void => {
    if (bucket < 0) return;
    // Emit up to three marks (min, max, gap) in index order without allocating.
    let last = -1;
    for (let k = 0; k < 3; k++) {
      let next = -1;
      for (const i of [minI, maxI, gapI]) if (i > last && (next < 0 || i < next)) next = i;
      if (next < 0) break;
      last = next;
      out.push(times[next], next === gapI ? Number.NaN : values[next]);
    }
  };
  for (let i = 0; i < n; i++) {
    const t = times[i];
    if (t < from || t > to) continue;
    const b = Math.min(buckets - 1, Math.floor((t - from) * scale));
    if (b !== bucket) {
      flush();
      bucket = b;
      minI = maxI = gapI = -1;
    }
    const v = values[i];
    if (Number.isNaN(v)) {
      if (gapI < 0) gapI = i;
      continue;
    }
    if (minI < 0 || v < values[minI]) minI = i;
    if (maxI < 0 || v > values[maxI]) maxI = i;
  }
  flush();
  return out.result();
}

/**
 * Largest-Triangle-Three-Buckets (Steinarsson 2013): keeps the visual shape with `threshold`
 * points. Gaps split the series into runs; each run is downsampled on its own with a share of the
 * budget proportional to its length, and runs are separated by a NaN break.
 */
export function lttb(times: NumericArray, values: NumericArray, threshold: number): SeriesArrays {
  const n = times.length;
  const runs: Array<[number, number]> = [];
  let runStart = -1;
  for (let i = 0; i <= n; i++) {
    const numeric = i < n && !Number.isNaN(values[i]);
    if (numeric && runStart < 0) runStart = i;
    if (!numeric && runStart >= 0) {
      runs.push([runStart, i]);
      runStart = -1;
    }
  }
  const numericCount = runs.reduce((sum, [a, b]) => sum + b - a, 0);
  const budget = Math.max(runs.length * 2, Math.floor(threshold) - Math.max(0, runs.length - 1));
  // Rounding the shares can exceed the budget by ≤ 2.5 points per run, plus one break per run.
  const out = new PointWriter(Math.min(n, budget + 4 * runs.length));
  runs.forEach(([a, b], k) => {
    if (k > 0) out.push(times[a - 1], Number.NaN);
    const share = Math.max(2, Math.round((budget * (b - a)) / Math.max(1, numericCount)));
    lttbRun(times, values, a, b, share, out);
  });
  return out.result();
}

function lttbRun(times: NumericArray, values: NumericArray, start: number, end: number, threshold: number, out: PointWriter): void {
  const n = end - start;
  if (threshold >= n || n <= 2) {
    for (let i = start; i < end; i++) out.push(times[i], values[i]);
    return;
  }
  const every = (n - 2) / (threshold - 2);
  let a = start;
  out.push(times[a], values[a]);
  for (let i = 0; i < threshold - 2; i++) {
    // Average of the next bucket is the third triangle vertex.
    let avgStart = start + Math.floor((i + 1) * every) + 1;
    let avgEnd = Math.min(end, start + Math.floor((i + 2) * every) + 1);
    if (avgStart >= end) avgStart = end - 1;
    if (avgEnd <= avgStart) avgEnd = avgStart + 1;
    let avgT = 0;
    let avgV = 0;
    for (let j = avgStart; j < avgEnd; j++) {
      avgT += times[j];
      avgV += values[j];
    }
    avgT /= avgEnd - avgStart;
    avgV /= avgEnd - avgStart;
    const rangeStart = start + Math.floor(i * every) + 1;
    const rangeEnd = Math.min(end - 1, start + Math.floor((i + 1) * every) + 1);
    const at = times[a];
    const av = values[a];
    let maxArea = -1;
    let chosen = rangeStart;
    for (let j = rangeStart; j < rangeEnd; j++) {
      const area = Math.abs((at - avgT) * (values[j] - av) - (at - times[j]) * (avgV - av));
      if (area > maxArea) {
        maxArea = area;
        chosen = j;
      }
    }
    out.push(times[chosen], values[chosen]);
    a = chosen;
  }
  out.push(times[end - 1], values[end - 1]);
}
