/**
 * What the history card shows, computed from its config and the store's data: no DOM, no chart
 * library. The card gathers the inputs (series, buckets, markers, colours already resolved) and
 * hands the result to `<vitals-time-chart>` and its legend.
 */
import type { BucketSeries } from '../../core/series/bucket-series';
import { parseStateNumber } from '../../core/series/parse';
import type { Sample, TimeSeries } from '../../core/series/time-series';
import type { EntitySnapshot } from '../../ha/entity-updates';
import type { StoreStatus } from '../../ha/store';
import { extentOf, rangeBand, seriesPoints } from '../../ui/chart/points';
import type { RangeBand, ThresholdBand } from '../../ui/chart/plugins';
import type { ChartAxis, TimeChartAxis, TimeChartLine } from '../../ui/chart/time-chart';
import type { TimeView } from '../../ui/chart/zoom';
import type { Formatter } from '../../ui/format';
import type { Localize } from '../../ui/localize';
import type { Severity } from '../shared/forecast';

/** The forecast code (src/cards/shared/forecast), loaded by the card only when a forecast is configured. */
export type ForecastModule = typeof import('../shared/forecast');
import { withAlpha, type ThemeColors } from '../shared/theme';
import type { HistoryCardConfig } from './config';

export const HOUR = 3_600_000;
/** Share of the window added after "now" when a forecast is drawn. */
export const FORECAST_ROOM = 0.25;

export interface HistoryRow {
  entity: string;
  name: string;
  color: string;
  unit: string;
  axis: ChartAxis;
  /** The entity's current state (the last drawn point when the state is not a number). */
  latest: number;
  min: number;
  max: number;
  anomalies: number;
}

export interface HistoryInfo {
  rows: HistoryRow[];
  forecast?: { text: string; severity: Severity };
  /** Shown over the chart when there is nothing to draw. */
  message?: string;
  summary: string;
}

/** Everything the chart element needs. */
export interface HistoryChartData {
  lines: TimeChartLine[];
  ranges: RangeBand[];
  thresholds: ThresholdBand[];
  axes: Record<ChartAxis, TimeChartAxis | undefined>;
  nowMarker?: number;
}

export interface HistoryEntityData {
  snapshot?: EntitySnapshot;
  series?: TimeSeries;
  /** The older part of the window, as buckets (store.olderBuckets). */
  older?: BucketSeries;
  /** Anomaly onsets to mark (already limited to what the alert rule would fire for). */
  markers?: readonly Sample[];
  /** The series colour, resolved (theme variables) by the card. */
  color: string;
}

export interface HistoryInputs {
  config: HistoryCardConfig;
  entities: HistoryEntityData[];
  now: number;
  view: TimeView;
  zoomed: boolean;
  pixels: number;
  theme: ThemeColors;
  status: StoreStatus;
  /** The forecast code, once loaded (a configured forecast says it is loading until then). */
  forecaster?: ForecastModule;
  /** Resolves a configured colour (may be a theme variable); `fallback` when unset or invalid. */
  colour(value: string | undefined, fallback: string): string;
  /** The user's formats and language. */
  fmt: Formatter;
  t: Localize;
}

/** The data window: the configured hours up to now, plus room for the forecast. */
export function historyBounds(config: HistoryCardConfig, now: number): TimeView {
  const windowMs = config.hours_to_show * HOUR;
  return { min: now - windowMs, max: now + (config.forecast ? windowMs * FORECAST_ROOM : 0) };
}

/** How much history the card needs loaded: the window, a longer forecast window, the comparison offset. */
export function historyWindowMs(config: HistoryCardConfig): number {
  return Math.max(config.hours_to_show, config.forecast?.hours ?? 0) * HOUR + (config.compare ?? 0);
}

/**
 * Axis per entity: explicit `y_axis` wins; otherwise the first unit goes left, a second unit right,
 * further units share the left axis.
 */
export function assignAxes(entries: { unit: string; y_axis?: ChartAxis }[]): ChartAxis[] {
  let leftUnit: string | undefined;
  let rightUnit: string | undefined;
  for (const e of entries) {
    if (e.y_axis === 'left') leftUnit ??= e.unit;
    if (e.y_axis === 'right') rightUnit ??= e.unit;
  }
  return entries.map((e) => {
    if (e.y_axis) return e.y_axis;
    if (leftUnit === undefined || leftUnit === e.unit) {
      leftUnit = e.unit;
      return 'left';
    }
    if (rightUnit === undefined || rightUnit === e.unit) {
      rightUnit = e.unit;
      return 'right';
    }
    return 'left';
  });
}

export function unitOf(snapshot: EntitySnapshot | undefined): string {
  const unit = snapshot?.attributes.unit_of_measurement;
  return typeof unit === 'string' ? unit : '';
}

/** Rows, lines, bands, thresholds and the text the card shows, for one frame. */
export function buildHistory(input: HistoryInputs): { info: HistoryInfo; chart: HistoryChartData } {
  const { fmt, t } = input;
  const { config, entities, view, pixels, theme, now } = input;
  const units = entities.map((e) => unitOf(e.snapshot));
  const axes = assignAxes(config.entities.map((e, i) => ({ unit: units[i], y_axis: e.y_axis })));
  const lines: TimeChartLine[] = [];
  const ranges: RangeBand[] = [];
  const rows: HistoryRow[] = [];
  const include: Record<ChartAxis, number[]> = { left: [], right: [] };
  let anyNumeric = false;

  config.entities.forEach((entry, i) => {
    const { series, older, snapshot, markers, color } = entities[i];
    const name = entry.name ?? (snapshot?.attributes.friendly_name as string | undefined) ?? entry.entity;
    const axis = axes[i];
    const unit = units[i];
    const points = seriesPoints(series, view.min, view.max, pixels, 0, older);
    // The band covers the bucketed part only: where raw samples are drawn they show the extremes.
    const rawStart = series && series.length > 0 ? series.timeAt(0) : Number.POSITIVE_INFINITY;
    const band = rangeBand(older, view.min, Math.min(view.max, rawStart - 1), pixels);
    const extent = extentOf(points, view.min, view.max);
    if (series?.latestNumeric() || extent.count > 0) anyNumeric = true;
    lines.push({ label: name, color, points, axis, unit, style: 'line' });
    if (band.length) ranges.push({ fill: withAlpha(color, 0.18), scaleId: axis === 'left' ? 'y' : 'y1', points: band });
    let low = extent.min;
    let high = extent.max;
    for (const p of band) {
      if (p.lo < low || Number.isNaN(low)) low = p.lo;
      if (p.hi > high || Number.isNaN(high)) high = p.hi;
    }
    if (config.compare) {
      const previous = seriesPoints(series, view.min, view.max, pixels, config.compare, older);
      lines.push({ label: t('history.earlier', { name, duration: fmt.duration(config.compare) }), color: withAlpha(color, 0.35), points: previous, axis, unit, style: 'compare' });
    }
    const shown = (markers ?? []).filter((m) => m.t >= view.min && m.t <= view.max);
    if (shown.length > 0) {
      lines.push({ label: t('history.anomaly', { name }), color: theme.error, points: shown.map((m) => ({ x: m.t, y: m.v })), axis, unit, style: 'markers' });
    }
    // The legend shows what the entity is at now, not the last of the thinned-out points.
    const state = snapshot ? parseStateNumber(snapshot.state) : Number.NaN;
    const latest = Number.isFinite(state) ? state : extent.latest;
    rows.push({ entity: entry.entity, name, color, unit, axis, latest, min: low, max: high, anomalies: shown.length });
  });

  let forecast: HistoryInfo['forecast'];
  if (config.forecast) {
    const index = Math.max(0, config.entities.findIndex((e) => e.entity === (config.forecast!.entity ?? config.entities[0].entity)));
    const { limit } = config.forecast;
    const unit = units[index];
    const bounds = historyBounds(config, now);
    const forecaster = input.forecaster;
    const f = forecaster?.forecastSeries(entities[index].series, { windowMs: (config.forecast.hours ?? config.hours_to_show) * HOUR, limit, now });
    include[axes[index]].push(limit);
    const { name, color } = rows[index];
    const target = fmt.value(limit, unit);
    if (!f || !forecaster) {
      forecast = { text: t('history.forecasting', { name, target }), severity: 'ok' };
    } else if (f.warmingUp) {
      forecast = { text: t('history.forecast_collecting', { name, target }), severity: 'ok' };
    } else {
      const end = Math.min(bounds.max, f.timeToLimitMs !== undefined ? now + f.timeToLimitMs : bounds.max);
      if (end > now) {
        const points = [
          { x: now, y: f.fitted(now) },
          { x: end, y: f.fitted(end) },
        ];
        lines.push({ label: t('history.trend', { name }), color, points, axis: axes[index], unit, style: 'forecast' });
      }
      const ttl = f.timeToLimitMs;
      forecast =
        ttl !== undefined
          ? { text: ttl <= 0 ? t('history.forecast_at', { name, target }) : t('history.forecast_reaches', { name, target, duration: fmt.duration(ttl) }), severity: forecaster.severityOf(ttl) }
          : { text: t('history.forecast_not_heading', { name, target, rate: fmt.rate(f.slopePerMs, unit) }), severity: 'ok' };
    }
  }

  // Thresholds on their axis (the left one when no series uses the right); kept in view with the
  // forecast limit. The last threshold listed for an axis is drawn in the error colour.
  const thresholdAxis = (t: { y_axis?: ChartAxis }): ChartAxis => (t.y_axis === 'right' && axes.includes('right') ? 'right' : 'left');
  const thresholds = config.thresholds.map((t, i, all): ThresholdBand => {
    const axis = thresholdAxis(t);
    const top = !all.slice(i + 1).some((other) => thresholdAxis(other) === axis);
    const color = input.colour(t.color, top ? theme.error : theme.warning);
    include[axis].push(t.value);
    return { value: t.value, color, fill: withAlpha(color, 0.08), label: t.label, scaleId: axis === 'left' ? 'y' : 'y1' };
  });

  let message: string | undefined;
  if (!anyNumeric) {
    const snapshots = entities.map((e) => e.snapshot);
    const unavailable = snapshots.length > 0 && snapshots.every((s) => s && /^(unavailable|unknown)$/.test(s.state));
    message = t(unavailable ? 'common.unavailable' : input.status === 'reconnecting' ? 'common.reconnecting' : 'common.no_data');
  }
  const axisTitle = (axis: ChartAxis) => [...new Set(units.filter((u, i) => axes[i] === axis && u))].join(', ');
  const info: HistoryInfo = { rows, forecast, message, summary: '' };
  info.summary = summarise(info, config, input);
  return {
    info,
    chart: {
      lines,
      ranges,
      thresholds,
      axes: {
        left: { title: axisTitle('left'), include: include.left },
        right: axes.includes('right') ? { title: axisTitle('right'), include: include.right } : undefined,
      },
      nowMarker: config.forecast && view.max > now ? now : undefined,
    },
  };
}

function summarise(info: HistoryInfo, config: HistoryCardConfig, { fmt, t, zoomed }: HistoryInputs): string {
  const parts = info.rows.map((r) => {
    if (Number.isNaN(r.latest)) return t('history.summary_no_data', { name: r.name });
    const v = (x: number) => fmt.entityValue(r.entity, x, r.unit);
    const row = t('history.summary_row', { name: r.name, latest: v(r.latest), min: v(r.min), max: v(r.max) });
    return r.anomalies ? `${row}, ${t('history.anomalies', { count: r.anomalies })}` : row;
  });
  const title = config.title ?? t('history.title');
  const head = zoomed ? t('history.summary_zoomed', { title }) : t('history.summary_last', { title, window: fmt.window(config.hours_to_show) });
  const forecast = info.forecast ? ` ${t('history.summary_forecast', { text: info.forecast.text })}` : '';
  return `${head}. ${parts.join('; ')}${forecast}`;
}
