/**
 * Sparkline geometry: turns samples into an SVG path. Gaps (NaN values, e.g. `unavailable`)
 * break the line instead of being drawn as zeros, and the path never holds more than two points
 * per horizontal pixel (min and max of the bucket), so a long series stays cheap to paint while
 * spikes stay visible.
 */
export interface SparklineGeometry {
  /** SVG path data; empty when there is nothing to draw. */
  d: string;
  min: number;
  max: number;
  /** Number of points drawn (after bucketing). */
  points: number;
}

/** A fixed frame (time range, value range) instead of the data's own extent: what a chart with other marks needs. */
export interface SparklineDomain {
  t0?: number;
  t1?: number;
  min?: number;
  max?: number;
}

export function sparklinePath(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  width: number,
  height: number,
  padding = 2,
  domain?: SparklineDomain,
): SparklineGeometry {
  const n = Math.min(times.length, values.length);
  let min = Infinity;
  let max = -Infinity;
  let t0 = Infinity;
  let t1 = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    if (times[i] < t0) t0 = times[i];
    if (times[i] > t1) t1 = times[i];
  }
  if (min === Infinity) return { d: '', min: NaN, max: NaN, points: 0 };
  if (domain) ({ t0, t1, min, max } = { t0, t1, min, max, ...domain });
  const span = t1 - t0 || 1;
  const range = max - min || 1;
  const innerW = Math.max(1, width - 2 * padding);
  const innerH = Math.max(1, height - 2 * padding);
  const x = (t: number) => padding + ((t - t0) / span) * innerW;
  const y = (v: number) => padding + innerH - ((v - min) / range) * innerH;

  const parts: string[] = [];
  let penDown = false;
  let points = 0;
  // Current pixel bucket: its min and max, and which came first so the line keeps time order.
  let bucket = -1;
  let bMin = 0;
  let bMax = 0;
  let minBeforeMax = true;
  const flush = () => {
    if (bucket < 0) return;
    const px = (padding + bucket).toFixed(1);
    const [first, second] = minBeforeMax ? [bMin, bMax] : [bMax, bMin];
    parts.push(`${penDown ? 'L' : 'M'}${px},${y(first).toFixed(1)}`);
    points++;
    if (second !== first) {
      parts.push(`L${px},${y(second).toFixed(1)}`);
      points++;
    }
    penDown = true;
    bucket = -1;
  };
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      flush();
      penDown = false;
      continue;
    }
    const b = Math.max(0, Math.min(innerW, Math.floor(x(times[i]) - padding)));
    if (b !== bucket) {
      flush();
      bucket = b;
      bMin = v;
      bMax = v;
      minBeforeMax = true;
    } else if (v < bMin) {
      bMin = v;
      minBeforeMax = false;
    } else if (v > bMax) {
      bMax = v;
      minBeforeMax = true;
    }
  }
  flush();
  return { d: parts.join(''), min, max, points };
}
