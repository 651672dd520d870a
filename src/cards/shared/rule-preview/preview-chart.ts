/**
 * Geometry of the preview's small chart: the series as a min/max-per-pixel line, each pending and
 * firing span as a band, and the rule's levels (threshold, recovery, forecast limit) as lines.
 * Pure: the element renders it as SVG.
 */
import { sparklinePath } from '../../../ui/sparkline';

export interface ChartSpan {
  state: 'pending' | 'firing';
  start: number;
  /** Undefined: still open at the end of the data. */
  end?: number;
}

export interface ChartLevel {
  value: number;
  kind: 'threshold' | 'recovery' | 'limit';
}

export interface PreviewChartGeometry {
  path: string;
  bands: { x: number; width: number; state: ChartSpan['state'] }[];
  levels: { y: number; kind: ChartLevel['kind']; value: number }[];
  min: number;
  max: number;
}

const PADDING = 2;

export function previewChartGeometry(
  t: ArrayLike<number>,
  v: ArrayLike<number>,
  spans: readonly ChartSpan[],
  levels: readonly ChartLevel[],
  from: number,
  to: number,
  width: number,
  height: number,
): PreviewChartGeometry {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < v.length; i++) {
    if (t[i] < from || t[i] > to || Number.isNaN(v[i])) continue;
    if (v[i] < min) min = v[i];
    if (v[i] > max) max = v[i];
  }
  if (min === Infinity) return { path: '', bands: [], levels: [], min: NaN, max: NaN };
  // Levels far outside the data would flatten the line: show those within 3 data ranges only.
  const range = max > min ? max - min : Math.abs(max) || 1;
  const shown = levels.filter((l) => Number.isFinite(l.value) && l.value >= min - 3 * range && l.value <= max + 3 * range);
  for (const level of shown) {
    min = Math.min(min, level.value);
    max = Math.max(max, level.value);
  }
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const span = to - from || 1;
  const innerW = width - 2 * PADDING;
  const innerH = height - 2 * PADDING;
  const x = (time: number) => PADDING + ((Math.min(Math.max(time, from), to) - from) / span) * innerW;
  const y = (value: number) => PADDING + innerH - ((value - min) / (max - min)) * innerH;
  const { d } = sparklinePath(t, v, width, height, PADDING, { t0: from, t1: to, min, max });
  const bands = spans.map((s) => {
    const x0 = x(s.start);
    // At least 3 px: a 9-minute firing in a week is a fraction of a pixel wide.
    return { x: x0, width: Math.max(3, x(s.end ?? to) - x0), state: s.state };
  });
  return { path: d, bands, levels: shown.map((l) => ({ y: y(l.value), kind: l.kind, value: l.value })), min, max };
}
