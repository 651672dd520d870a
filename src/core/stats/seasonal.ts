/**
 * Seasonal baseline: what the series did at the same time one period ago (yesterday, last week).
 * History comes from the series itself (if it reaches back far enough) or from a supplied source,
 * e.g. HA recorder statistics loaded by the card.
 */
import type { TimeSeries } from '../series/time-series.js';

export const DAY_MS = 24 * 3600 * 1000;
export const WEEK_MS = 7 * DAY_MS;

/** Anything that can tell the value in force at a time (a TimeSeries qualifies). */
export interface HistorySource {
  valueAtTime(t: number): number;
  timeAt?(i: number): number;
  upperBound?(t: number): number;
}

export interface SeasonalOptions {
  /** Periods to look back, averaged when several are available. Default [1 day]. */
  periodsMs?: number[];
  /** Max distance between t - period and the sample used. Default 15 min. */
  toleranceMs?: number;
  /** History to read from instead of the series itself. */
  history?: HistorySource | TimeSeries;
}

/** Baseline for time t: mean over periods of the value at t − period; NaN when history does not reach back. */
export function seasonalBaseline(series: TimeSeries, t: number, options: SeasonalOptions = {}): number {
  const source: HistorySource = options.history ?? series;
  const tolerance = options.toleranceMs ?? 15 * 60_000;
  let sum = 0;
  let n = 0;
  for (const period of options.periodsMs ?? [DAY_MS]) {
    const target = t - period;
    const value = valueNear(source, target, tolerance);
    if (!Number.isNaN(value)) {
      sum += value;
      n++;
    }
  }
  return n > 0 ? sum / n : Number.NaN;
}

function valueNear(source: HistorySource, target: number, tolerance: number): number {
  if (source.upperBound && source.timeAt) {
    const index = source.upperBound(target) - 1;
    if (index < 0 || target - source.timeAt(index) > tolerance) return Number.NaN;
  }
  return source.valueAtTime(target);
}
