/**
 * The numbers a metric card shows, computed from the entity's series: the headline statistic,
 * the rolling stats line, and the severity against thresholds.
 */
import type { TimeSeries } from '../../core/series/time-series';
import { averageRate } from '../../core/stats/rate';
import { availability } from '../../core/stats/availability';
import type { Severity } from '../../core/config/alerts';
import type { MetricStat, MetricThreshold } from './config';
import { quantileSorted } from '../../core/stats/quantile';

export interface RollingStats {
  count: number;
  min: number;
  mean: number;
  p95: number;
  max: number;
}

/** Sorted numeric values of the window (gaps left out). */
function windowValues(series: TimeSeries, from: number, to: number): Float64Array {
  const { values } = series.copyRange(from, to);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) values[n++] = values[i];
  return values.subarray(0, n).sort();
}

export function rollingStats(series: TimeSeries, from: number, to: number): RollingStats {
  const sorted = windowValues(series, from, to);
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i];
  return {
    count: sorted.length,
    min: sorted.length ? sorted[0] : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    p95: quantileSorted(sorted, 0.95),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  };
}

/** The headline value: NaN when the window has nothing to say (the card shows a dash). */
export function statistic(series: TimeSeries, stat: MetricStat, from: number, to: number): number {
  switch (stat) {
    case 'current':
      return series.latest()?.v ?? Number.NaN;
    case 'rate':
      return averageRate(series, from, to, { counter: true, perMs: 1000 });
    case 'availability':
      return availability(series, from, to) * 100;
    case 'mean':
      return rollingStats(series, from, to).mean;
    case 'min':
    case 'max': {
      const s = rollingStats(series, from, to);
      return stat === 'min' ? s.min : s.max;
    }
    default: {
      const q = Number(stat.slice(1)) / 100;
      return quantileSorted(windowValues(series, from, to), q);
    }
  }
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, critical: 3 };

/**
 * The worst threshold the value is beyond. Threshold values that are entity ids are looked up
 * through `resolve` (an unavailable entity's threshold is ignored, never treated as 0).
 */
export function thresholdSeverity(
  value: number,
  thresholds: readonly MetricThreshold[],
  direction: 'above' | 'below',
  resolve: (entityId: string) => number,
): Severity | undefined {
  if (!Number.isFinite(value)) return undefined;
  let worst: Severity | undefined;
  for (const t of thresholds) {
    const limit = typeof t.value === 'number' ? t.value : resolve(t.value);
    if (!Number.isFinite(limit)) continue;
    const beyond = direction === 'above' ? value >= limit : value <= limit;
    if (beyond && (!worst || RANK[t.severity] > RANK[worst])) worst = t.severity;
  }
  return worst;
}
