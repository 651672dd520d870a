/**
 * Suggestions from recorded data for the rule editor: a threshold level from the series' own
 * extremes, how an anomaly rule's count moves with its sensitivity, and when a trend would reach
 * its limit. Pure; the firing counts come from `previewRule`, so they match the preview and the CLI.
 */
import type { AnomalyRule, ThresholdRule, TrendRule } from '../config/alerts.js';
import { quantileSorted } from '../stats/quantile.js';
import { TrendDetector } from '../detectors/trend.js';
import { isAbsurdValue } from '../series/parse.js';
import { previewRule, type PreviewOptions, type PreviewSeries } from './preview.js';

/** Fewer usable samples than this say too little about a series' extremes. */
export const MIN_SUGGESTION_SAMPLES = 20;
/** `for` suggested for a threshold rule that has none: a single reading never pages anyone. */
export const DEFAULT_SUGGESTED_FOR_MS = 5 * 60_000;

export interface ThresholdSuggestion {
  /** The quantile the level stands on: p99 for an `above` rule, p1 for a rule with only `below`. */
  p99: number;
  /** Suggested `above` (the p99 rounded up to a nice number); set when the rule has `above`, or neither. */
  above?: number;
  /** Suggested `below` (the p1 rounded down to a nice number); set when the rule has `below`. */
  below?: number;
  /** The rule's `for`, or 5 min when it has none. */
  forMs: number;
  /** How often the suggested rule would have fired over the same samples. */
  firings: number;
}

/** Largest number of the 1-2-5 ladder (…, 0.1, 0.2, 0.5, 1, 2, 5, 10, …) not above x (> 0). */
function ladderFloor(x: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(x));
  const mantissa = x / magnitude;
  // Math.log10 can land a hair below an exact power of ten; a mantissa of 9.9999… is really 10.
  if (mantissa >= 9.999999) return magnitude * 10;
  return (mantissa >= 5 ? 5 : mantissa >= 2 ? 2 : 1) * magnitude;
}

/**
 * `x` rounded to a "nice" number in direction `up` (toward +∞) or down: a multiple of the largest
 * 1-2-5 step not above a tenth of |x| (`scale` when x is 0). So the level lies at most 10 % of
 * |x| beyond x, and has at most two significant digits when the step is 1 or 2 and one when it is
 * 5. Up: 87.3 → 90 (step 5), 0.873 → 0.9 (step 0.05), 1234 → 1300 (step 100), 15.2 → 16 (step 1),
 * −8.73 up → −8.5 (step 0.5). A value already on the grid stays (a threshold fires beyond its level).
 */
export function niceLevel(x: number, up: boolean, scale = 1): number {
  const base = Math.abs(x) > 0 ? Math.abs(x) : Math.abs(scale) > 0 ? Math.abs(scale) : 1;
  const step = ladderFloor(base / 10);
  const steps = x / step;
  // Round the quotient first: 0.9 / 0.05 is 17.999…, which must not count as 18 + a hair.
  const rounded = Math.abs(steps - Math.round(steps)) < 1e-9 ? Math.round(steps) : up ? Math.ceil(steps) : Math.floor(steps);
  // Printable: 18 × 0.05 is 0.9000000000000001.
  return Number((rounded * step).toPrecision(12));
}

function usableSorted(series: PreviewSeries, options: PreviewOptions): Float64Array {
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  const values: number[] = [];
  for (let i = 0; i < series.t.length; i++) {
    const t = series.t[i];
    const v = series.v[i];
    // As the engine: absurd magnitudes (float sentinels) are gaps, not extremes.
    if (t >= from && t <= to && Number.isFinite(v) && !isAbsurdValue(v)) values.push(v);
  }
  return Float64Array.from(values).sort();
}

/**
 * A level just beyond the series' p99 (p1 for a `below` rule), with the rule's `for` (5 min if it
 * has none), and how often that rule would have fired. undefined with fewer than 20 usable samples.
 * A rule with `recover_below` / `recover_above` keeps its hysteresis width around the new level.
 */
export function thresholdSuggestion(series: PreviewSeries, rule: ThresholdRule, options: PreviewOptions = {}): ThresholdSuggestion | undefined {
  const sorted = usableSorted(series, options);
  if (sorted.length < MIN_SUGGESTION_SAMPLES) return undefined;
  const p99 = quantileSorted(sorted, 0.99);
  const p1 = quantileSorted(sorted, 0.01);
  const spread = p99 - p1;
  const wantsAbove = rule.above !== undefined || rule.below === undefined;
  const wantsBelow = rule.below !== undefined;
  const above = wantsAbove ? niceLevel(p99, true, spread) : undefined;
  const below = wantsBelow ? niceLevel(p1, false, spread) : undefined;
  const forMs = rule.for > 0 ? rule.for : DEFAULT_SUGGESTED_FOR_MS;
  const suggested: ThresholdRule = { ...rule, above, below, for: forMs };
  suggested.recover_below = above !== undefined && rule.above !== undefined && rule.recover_below !== undefined ? above - (rule.above - rule.recover_below) : undefined;
  suggested.recover_above = below !== undefined && rule.below !== undefined && rule.recover_above !== undefined ? below + (rule.recover_above - rule.below) : undefined;
  const firings = previewRule(suggested, series, options).firings;
  return { p99: wantsAbove ? p99 : p1, above, below, forMs, firings };
}

export interface SensitivityCount {
  sensitivity: number;
  firings: number;
}

/** How often the anomaly rule would have fired at each sensitivity (low, medium, high by default). */
export function sensitivitySweep(rule: AnomalyRule, series: PreviewSeries, levels: readonly number[] = [0.25, 0.5, 0.75], options?: PreviewOptions): SensitivityCount[] {
  return levels.map((sensitivity) => ({ sensitivity, firings: previewRule({ ...rule, sensitivity }, series, options).firings }));
}

export interface TimeToLimit {
  /** The regression's slope, units per second. */
  slopePerSecond: number;
  /** From `now` until the fitted line reaches the limit; undefined when it never will (flat, heading away, or already past it). */
  etaMs?: number;
  limit: number;
}

/**
 * When the trend rule's regression — the trend detector's own, over the rule's `window` ending at
 * `now` — reaches the rule's `limit`. undefined without a limit or with fewer than `min_samples`
 * usable samples in the window. Unlike the alert, no minimum coverage of the window is asked:
 * the editor wants the figure as soon as there are enough samples.
 */
export function timeToLimit(series: PreviewSeries, rule: TrendRule, now: number): TimeToLimit | undefined {
  if (rule.limit === undefined) return undefined;
  const detector = new TrendDetector({ windowMs: rule.window, limit: rule.limit, minSamples: rule.min_samples, minCoverage: 0 });
  const start = now - rule.window;
  for (let i = 0; i < series.t.length; i++) {
    const t = series.t[i];
    if (t > now) break;
    if (t >= start) detector.update(t, series.v[i]);
  }
  const signal = detector.tick(now);
  if (signal.warmingUp) return undefined;
  return { slopePerSecond: detector.slopePerMs * 1000, etaMs: signal.timeToLimitMs, limit: rule.limit };
}
