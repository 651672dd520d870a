/**
 * Insights: short sentences with numbers about what changed, computed from series arrays alone
 * (no DOM, no Home Assistant), e.g.
 *
 *   "Assist intent p95 1.8 s, up 42 % vs the 7-day baseline of 1.27 s, since 14:05"
 *   "Disk use 91 %, rising 1.5 %/d: full in 6 d (limit 100 %)"
 *
 * Level shift: the chosen quantile (p95) of the recent window (last hour) against the same
 * quantile over the baseline window before it, or against the same hour on previous days when the
 * history reaches back far enough (seasonal). "Since" is the start of the current level: the
 * first sample after which a rolling median stayed beyond the midpoint between the baseline and
 * the recent level. Forecast: least squares over a regular grid of values in force, reported when
 * the fitted line reaches `limit` within the horizon. No insight is made without numbers.
 */
import { formatChange, formatClock, formatMetric, formatSpan, roundNumber, windowAdjective } from './format.js';
import { quantileSorted } from '../stats/quantile.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export type InsightSeverity = 'critical' | 'warning' | 'info';
export const INSIGHT_SEVERITY_WEIGHT: Readonly<Record<InsightSeverity, number>> = { critical: 3, warning: 2, info: 1 };

export interface SeriesInput {
  /** Entity or `vitals.*` metric id. */
  entity: string;
  /** Display name used in the sentence. */
  name: string;
  unit?: string;
  /** Sample times (ms, ascending) and values (NaN = gap). */
  times: ArrayLike<number>;
  values: ArrayLike<number>;
  /** Capacity for a "full in N d" forecast (e.g. 100 for a disk in %). */
  limit?: number;
  /** Falling is the bad direction (free memory, frame rate). Default: rising is bad. */
  higherIsBetter?: boolean;
  /** Changes smaller than this in absolute terms are noise. Default 5 for "%", else 0. */
  minAbsoluteChange?: number;
}

export interface InsightOptions {
  now: number;
  /** Baseline window before the recent window (ms). Default 7 d. */
  baselineMs?: number;
  /** Recent window (ms). Default 1 h. */
  recentMs?: number;
  /** Quantile compared. Default 0.95. */
  quantile?: number;
  /** History the baseline needs before any judgement (ms). Default 1 h. */
  minBaselineMs?: number;
  /** Smallest change worth a sentence (%). Default 20. */
  minChangePct?: number;
  /** A change in the bad direction this large is critical (%). Default 100. */
  criticalChangePct?: number;
  /** Regression window of the forecast (ms). Default 24 h. */
  trendWindowMs?: number;
  /** Forecasts further out than this are not reported (ms). Default 30 d. */
  forecastHorizonMs?: number;
  /** Time of day in sentences; default local "14:05" (with the date beyond 20 h). */
  formatTime?: (t: number, now: number) => string;
}

/** What a sentence says, as numbers: the card words it in the user's language and formats. */
export type InsightParts =
  | {
      kind: 'shift';
      unit?: string;
      /** Quantile compared, e.g. 0.95. */
      quantile: number;
      /** What the baseline is: the configured window, the shorter history there is, or the same hour on previous days. */
      baseline: { kind: 'window'; ms: number } | { kind: 'previous'; ms: number } | { kind: 'seasonal'; days: number };
    }
  | { kind: 'forecast'; unit?: string; slopePerMs: number; limit: number };

export interface Insight {
  entity: string;
  name: string;
  kind: 'shift' | 'forecast';
  severity: InsightSeverity;
  sentence: string;
  /** Signed change in percent (shift: recent vs baseline; forecast: over the regression window). */
  changePct: number;
  /** Start of the current level (shift only, when it can be told). */
  since?: number;
  baselineValue: number;
  currentValue: number;
  baselineKind?: 'window' | 'seasonal';
  /** Forecast: time until the limit (ms). */
  timeToLimitMs?: number;
  /** Ranking score: severity weight × |change|. */
  score: number;
  /** The parts of the sentence, for views that write it in the user's language. */
  parts: InsightParts;
}

export type AnalysisStatus = 'ok' | 'insufficient' | 'nodata';

export interface SeriesAnalysis {
  entity: string;
  status: AnalysisStatus;
  insights: Insight[];
  /** Baseline history available / needed (ms). */
  haveMs: number;
  needsMs: number;
  currentValue?: number;
  baselineValue?: number;
  changePct?: number;
}

export interface InsightsResult {
  /** Every insight, best first (severity × |change|). */
  insights: Insight[];
  analyses: SeriesAnalysis[];
  /** Ids whose history is too short for a baseline. */
  insufficient: string[];
}

function sortedOf(values: number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** Index of the first sample with time > t. */
function upperBound(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Finite values with from < t ≤ to, plus (optionally) the value in force at `from`. */
function valuesIn(input: SeriesInput, from: number, to: number, withCarry: boolean): number[] {
  const { times, values } = input;
  const out: number[] = [];
  const start = upperBound(times, from);
  if (withCarry && start > 0 && Number.isFinite(values[start - 1])) out.push(values[start - 1]);
  for (let i = start; i < times.length && times[i] <= to; i++) if (Number.isFinite(values[i])) out.push(values[i]);
  return out;
}

function firstFiniteTime(input: SeriesInput): number | undefined {
  for (let i = 0; i < input.times.length; i++) if (Number.isFinite(input.values[i])) return input.times[i];
  return undefined;
}

function median5(values: number[], end: number): number {
  const w = values.slice(Math.max(0, end - 4), end + 1).sort((a, b) => a - b);
  return quantileSorted(w, 0.5);
}

/**
 * Start of the current level: walking back from the newest sample, the rolling median (5 samples)
 * stays beyond `edge`; the level starts at the earliest sample of that run still beyond it.
 */
export function levelShiftStart(times: ArrayLike<number>, values: ArrayLike<number>, edge: number, direction: 1 | -1, from = -Infinity): number | undefined {
  const ts: number[] = [];
  const vs: number[] = [];
  for (let i = upperBound(times, from); i < times.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    ts.push(times[i]);
    vs.push(values[i]);
  }
  const beyond = (v: number) => (direction > 0 ? v > edge : v < edge);
  let r = vs.length - 1;
  if (r < 0 || !beyond(median5(vs, r))) return undefined;
  while (r - 1 >= 0 && beyond(median5(vs, r - 1))) r--;
  let i = r;
  while (i - 1 >= Math.max(0, r - 4) && beyond(vs[i - 1])) i--;
  while (i < vs.length - 1 && !beyond(vs[i])) i++;
  return ts[i];
}

function severityForShift(changePct: number, bad: boolean, critical: number): InsightSeverity {
  if (!bad) return 'info';
  return Math.abs(changePct) >= critical ? 'critical' : 'warning';
}

/** Pooled values of the same hour on previous days (k = 1..days). */
function seasonalValues(input: SeriesInput, now: number, recentMs: number, days: number): { values: number[]; days: number } {
  const pooled: number[] = [];
  let used = 0;
  for (let k = 1; k <= days; k++) {
    const slot = valuesIn(input, now - k * DAY - recentMs, now - k * DAY, false);
    if (slot.length > 0) {
      used++;
      pooled.push(...slot);
    }
  }
  return { values: pooled, days: used };
}

function shiftInsight(input: SeriesInput, opts: Required<InsightOptions>, haveMs: number, recent: number[], baselineAll: number[]): { insight?: Insight; current: number; baseline: number; changePct: number } {
  const { now, recentMs, baselineMs, quantile: q } = opts;
  const current = quantileSorted(sortedOf(recent), q);
  let baselineValues = baselineAll;
  let kind: 'window' | 'seasonal' = 'window';
  let label = haveMs >= 0.9 * baselineMs ? `the ${windowAdjective(baselineMs)} baseline` : `the previous ${formatSpan(haveMs)}`;
  let baselineRef: Extract<InsightParts, { kind: 'shift' }>['baseline'] = haveMs >= 0.9 * baselineMs ? { kind: 'window', ms: baselineMs } : { kind: 'previous', ms: haveMs };
  if (baselineMs >= 2 * DAY && haveMs >= 2 * DAY) {
    const seasonal = seasonalValues(input, now, recentMs, Math.floor(Math.min(baselineMs, haveMs + recentMs) / DAY));
    if (seasonal.days >= 2 && seasonal.values.length >= 5) {
      baselineValues = seasonal.values;
      kind = 'seasonal';
      label = `the same hour on the previous ${seasonal.days} days`;
      baselineRef = { kind: 'seasonal', days: seasonal.days };
    }
  }
  const baselineSorted = sortedOf(baselineValues);
  const baseline = quantileSorted(baselineSorted, q);
  const changePct = baseline !== 0 ? ((current - baseline) / Math.abs(baseline)) * 100 : Number.NaN;
  const out = { current, baseline, changePct };
  if (!Number.isFinite(changePct) || Math.abs(changePct) < opts.minChangePct) return out;
  const minAbs = input.minAbsoluteChange ?? ((input.unit ?? '').trim() === '%' ? 5 : 0);
  if (Math.abs(current - baseline) < minAbs) return out;
  const direction: 1 | -1 = changePct > 0 ? 1 : -1;
  const bad = input.higherIsBetter ? direction < 0 : direction > 0;
  // Since: the rolling median crossed the midpoint between the baseline and the recent level.
  const baseMedian = quantileSorted(baselineSorted, 0.5);
  const recentMedian = quantileSorted(sortedOf(recent), 0.5);
  const edge = (baseMedian + recentMedian) / 2;
  const since = (recentMedian - baseMedian) * direction > 0 ? levelShiftStart(input.times, input.values, edge, direction, now - recentMs - baselineMs) : undefined;
  const severity = severityForShift(changePct, bad, opts.criticalChangePct);
  const qName = `p${Math.round(q * 100)}`;
  const sentence =
    `${input.name} ${qName} ${formatMetric(current, input.unit)}, ${formatChange(changePct)} vs ${label} of ${formatMetric(baseline, input.unit)}` +
    (since !== undefined ? `, since ${opts.formatTime(since, now)}` : '');
  const insight: Insight = {
    entity: input.entity,
    name: input.name,
    kind: 'shift',
    severity,
    sentence,
    changePct,
    since,
    baselineValue: baseline,
    currentValue: current,
    baselineKind: kind,
    score: INSIGHT_SEVERITY_WEIGHT[severity] * Math.min(Math.abs(changePct), 1000),
    parts: { kind: 'shift', unit: input.unit, quantile: q, baseline: baselineRef },
  };
  return { ...out, insight };
}

/** Least squares over a regular grid of values in force: slope (units/ms) and the fitted value at `now`. */
export function fitTrend(times: ArrayLike<number>, values: ArrayLike<number>, from: number, now: number, points = 240): { slope: number; fittedNow: number; fittedStart: number; start: number } | undefined {
  let i = Math.max(0, upperBound(times, from) - 1);
  if (times.length === 0) return undefined;
  const start = Math.max(from, times[i]);
  if (!(now > start)) return undefined;
  const step = (now - start) / (points - 1);
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let k = 0; k < points; k++) {
    const t = start + k * step;
    while (i + 1 < times.length && times[i + 1] <= t) i++;
    const v = times[i] <= t ? values[i] : Number.NaN;
    if (!Number.isFinite(v)) continue;
    const x = (t - now) / HOUR;
    n++;
    sx += x;
    sy += v;
    sxx += x * x;
    sxy += x * v;
  }
  const denom = n * sxx - sx * sx;
  if (n < 5 || denom <= 0) return undefined;
  const slopePerHour = (n * sxy - sx * sy) / denom;
  const intercept = (sy - slopePerHour * sx) / n;
  return { slope: slopePerHour / HOUR, fittedNow: intercept, fittedStart: intercept + (slopePerHour * (start - now)) / HOUR, start };
}

function forecastInsight(input: SeriesInput, opts: Required<InsightOptions>): Insight | undefined {
  const { limit } = input;
  if (limit === undefined || !Number.isFinite(limit)) return undefined;
  const { now, trendWindowMs } = opts;
  const first = firstFiniteTime(input);
  if (first === undefined || now - first < 0.25 * trendWindowMs) return undefined;
  const fit = fitTrend(input.times, input.values, now - trendWindowMs, now);
  if (!fit || !(fit.slope > 0)) return undefined;
  const last = valuesIn(input, -Infinity, now, false).pop();
  if (last === undefined || last >= limit) return undefined;
  const timeToLimitMs = (limit - Math.max(fit.fittedNow, last)) / fit.slope;
  if (!(timeToLimitMs > 0) || timeToLimitMs > opts.forecastHorizonMs) return undefined;
  const severity: InsightSeverity = timeToLimitMs < DAY ? 'critical' : timeToLimitMs < 7 * DAY ? 'warning' : 'info';
  const changePct = fit.fittedStart !== 0 ? ((fit.fittedNow - fit.fittedStart) / Math.abs(fit.fittedStart)) * 100 : 100;
  const perDay = fit.slope * DAY;
  const rate = perDay >= 1 || !input.unit ? `${formatMetric(perDay, input.unit)}/d` : `${formatMetric(fit.slope * HOUR, input.unit)}/h`;
  const sentence = `${input.name} ${formatMetric(last, input.unit)}, rising ${rate}: full in ${formatSpan(timeToLimitMs)} (limit ${formatMetric(limit, input.unit)})`;
  return {
    entity: input.entity,
    name: input.name,
    kind: 'forecast',
    severity,
    sentence,
    changePct,
    baselineValue: fit.fittedStart,
    currentValue: last,
    timeToLimitMs,
    score: INSIGHT_SEVERITY_WEIGHT[severity] * Math.max(50, Math.min(Math.abs(changePct), 1000)),
    parts: { kind: 'forecast', unit: input.unit, slopePerMs: fit.slope, limit },
  };
}

function withDefaults(options: InsightOptions): Required<InsightOptions> {
  return {
    now: options.now,
    baselineMs: options.baselineMs ?? 7 * DAY,
    recentMs: options.recentMs ?? HOUR,
    quantile: options.quantile ?? 0.95,
    minBaselineMs: options.minBaselineMs ?? HOUR,
    minChangePct: options.minChangePct ?? 20,
    criticalChangePct: options.criticalChangePct ?? 100,
    trendWindowMs: options.trendWindowMs ?? 24 * HOUR,
    forecastHorizonMs: options.forecastHorizonMs ?? 30 * DAY,
    formatTime: options.formatTime ?? formatClock,
  };
}

/** Judge one series: its level-shift and forecast insights, or why there are none. */
export function analyzeSeries(input: SeriesInput, options: InsightOptions): SeriesAnalysis {
  const opts = withDefaults(options);
  const { now, recentMs, baselineMs, minBaselineMs } = opts;
  const insights: Insight[] = [];
  const forecast = forecastInsight(input, opts);
  if (forecast) insights.push(forecast);
  const first = firstFiniteTime(input);
  const recentStart = now - recentMs;
  const haveMs = first === undefined ? 0 : Math.max(0, recentStart - Math.max(first, recentStart - baselineMs));
  const base = { entity: input.entity, haveMs, needsMs: minBaselineMs };
  const recent = valuesIn(input, recentStart, now, true);
  if (recent.length === 0) return { ...base, status: 'nodata', insights };
  const baselineValues = valuesIn(input, recentStart - baselineMs, recentStart, false);
  if (haveMs < minBaselineMs || baselineValues.length < 3) return { ...base, status: 'insufficient', insights, currentValue: quantileSorted(sortedOf(recent), opts.quantile) };
  const shift = shiftInsight(input, opts, haveMs, recent, baselineValues);
  if (shift.insight) insights.push(shift.insight);
  return { ...base, status: 'ok', insights, currentValue: shift.current, baselineValue: shift.baseline, changePct: shift.changePct };
}

/** Best first: severity weight × |change|, then the larger change. */
export function rankInsights(insights: Insight[]): Insight[] {
  return [...insights].sort((a, b) => b.score - a.score || Math.abs(b.changePct) - Math.abs(a.changePct) || a.entity.localeCompare(b.entity));
}

/** Insights over many series, ranked. */
export function generateInsights(inputs: SeriesInput[], options: InsightOptions): InsightsResult {
  const analyses = inputs.map((input) => analyzeSeries(input, options));
  return {
    analyses,
    insights: rankInsights(analyses.flatMap((a) => a.insights)),
    insufficient: analyses.filter((a) => a.status === 'insufficient').map((a) => a.entity),
  };
}

/** "1 h", "90 min": how much baseline history is needed, for the not-enough-history message. */
export function describeNeed(ms: number): string {
  return ms % HOUR === 0 ? `${ms / HOUR} h` : `${roundNumber(ms / MINUTE)} min`;
}
