/**
 * Capacity forecast over loaded history with the core trend detector (least squares).
 *
 * Home Assistant states are step functions (a disk at 80 % stays at 80 % until it changes), so the
 * samples are resampled on a regular grid of "value in force" before the regression: a burst of
 * updates does not outweigh hours of a steady value, and a sensor that rarely changes still gets
 * a forecast up to now.
 */
import { TrendDetector } from '../../core/detectors/trend';
import type { TimeSeries } from '../../core/series/time-series';

export interface Forecast {
  /** Still collecting: too few samples or too short a span for a judgement. */
  warmingUp: boolean;
  /** Least-squares slope in units per ms (NaN while warming up). */
  slopePerMs: number;
  /** Milliseconds from `now` until the fitted line reaches the limit, if it is heading there. */
  timeToLimitMs?: number;
  /** Time the fit covers: from the first value in force within the window to `now` (0 while warming up). */
  spanMs: number;
  /** The fitted line (NaN while warming up). */
  fitted(t: number): number;
  /** Time the forecast is made for. */
  now: number;
}

export interface ForecastOptions {
  /** Regression window ending at `now`. */
  windowMs: number;
  limit?: number;
  now: number;
  /** Grid points over the window. Default 240. */
  gridPoints?: number;
  /** Part of the window the data must span. Default 0.25. */
  minCoverage?: number;
}

export function forecastSeries(series: TimeSeries | undefined, options: ForecastOptions): Forecast {
  const { windowMs, now } = options;
  const warming: Forecast = { warmingUp: true, slopePerMs: Number.NaN, spanMs: 0, fitted: () => Number.NaN, now };
  if (!series || series.length === 0) return warming;
  const from = now - windowMs;
  // Start at the first sample in force within the window (the value before it carries in).
  const startIndex = Math.max(0, series.upperBound(from) - 1);
  const start = Math.max(from, series.timeAt(startIndex));
  if (!(now > start)) return warming;
  const points = Math.max(8, options.gridPoints ?? 240);
  const step = (now - start) / (points - 1);
  const detector = new TrendDetector({
    windowMs: windowMs + step,
    limit: options.limit,
    horizonMs: Infinity,
    minSamples: 5,
    minCoverage: (options.minCoverage ?? 0.25) * (windowMs / (windowMs + step)),
    capacity: points + 1,
  });
  let i = startIndex;
  let n = 0;
  let sumT = 0;
  let sumV = 0;
  let signal = detector.tick(now);
  for (let k = 0; k < points; k++) {
    const t = k === points - 1 ? now : start + k * step;
    while (i + 1 < series.length && series.timeAt(i + 1) <= t) i++;
    const v = series.timeAt(i) <= t ? series.valueAt(i) : Number.NaN;
    signal = detector.update(t, v);
    if (!Number.isNaN(v)) {
      n++;
      sumT += t - now;
      sumV += v;
    }
  }
  const slope = detector.slopePerMs;
  if (signal.warmingUp || n === 0 || Number.isNaN(slope)) return warming;
  const meanT = sumT / n + now;
  const meanV = sumV / n;
  return {
    warmingUp: false,
    slopePerMs: slope,
    spanMs: now - start,
    timeToLimitMs: signal.timeToLimitMs,
    fitted: (t: number) => meanV + slope * (t - meanT),
    now,
  };
}

export type Severity = 'ok' | 'warning' | 'error';

const DAY = 86_400_000;

/** Error under a day to the limit, warning under a week. */
export function severityOf(timeToLimitMs: number | undefined): Severity {
  if (timeToLimitMs === undefined) return 'ok';
  if (timeToLimitMs < DAY) return 'error';
  if (timeToLimitMs < 7 * DAY) return 'warning';
  return 'ok';
}
