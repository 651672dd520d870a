/**
 * Configuration of `vitals-metric-card`, shared by the card (setConfig) and its editor.
 * Validated by the core schema, so errors name the key: `stat: expected one of …, got "p96"`.
 */
import { refine, type Struct } from 'superstruct';
import { parseAlertsConfig, type AlertsConfig, type Severity } from '../../core/config/alerts';
import { cardConfig } from '../../core/config/card';
import { duration, entityId, leaf, listOf, maybe, nonEmptyText, numberIn, oneOf, strictObject, withDefault } from '../../core/config/structs';
import { formatErrors, validate } from '../../core/config/validate';

export const METRIC_CARD_TYPE = 'vitals-metric-card';

export const METRIC_STATS = ['current', 'mean', 'min', 'max', 'p50', 'p90', 'p95', 'p99', 'rate', 'availability'] as const;
export type MetricStat = (typeof METRIC_STATS)[number];

export interface MetricThreshold {
  /** A number, or an entity whose state is the threshold (e.g. an input_number the user tunes). */
  value: number | string;
  severity: Severity;
}

export interface MetricCardConfig {
  type: string;
  entity: string;
  name?: string;
  decimals?: number;
  /** What the big number shows: the current state or a statistic over `window`. */
  stat: MetricStat;
  /** Window of the statistic and of the rolling stats line, in ms. */
  window: number;
  /** `above` (default): higher is worse; `below`: lower is worse (free disk, battery). */
  direction: 'above' | 'below';
  thresholds: MetricThreshold[];
  show_stats: boolean;
  show_sparkline: boolean;
  alerts?: AlertsConfig;
}

/** The statistic's window: from 10 s (a few samples) to 7 d (the store keeps the window's history in memory). */
export const WINDOW_MIN_MS = 10_000;
export const WINDOW_MAX_MS = 7 * 86_400_000;
const windowMs = refine(duration, 'window', (ms) => (ms >= WINDOW_MIN_MS && ms <= WINDOW_MAX_MS) || 'expected a duration from "10s" to "7d"');

const thresholdValue = leaf<number | string>('threshold value', 'a number or an entity id like "input_number.cpu_limit"', (v) =>
  (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^[a-z0-9_]+\.[a-z0-9_]+$/.test(v)),
);

const booleanDefault = (fallback: boolean) =>
  withDefault(
    leaf<boolean>('boolean', 'true or false', (v) => typeof v === 'boolean'),
    fallback,
  );

export const metricCardStruct = cardConfig<MetricCardConfig>({
  entity: entityId,
  name: maybe(nonEmptyText),
  decimals: maybe(numberIn(0, 10, true)),
  stat: withDefault(oneOf(METRIC_STATS), 'current'),
  window: withDefault(windowMs, '5m'),
  direction: withDefault(oneOf(['above', 'below'] as const), 'above'),
  thresholds: withDefault(
    listOf(
      strictObject<MetricThreshold>({
        value: thresholdValue as Struct<number | string, null>,
        severity: withDefault(oneOf(['critical', 'warning', 'info'] as const), 'warning'),
      }),
      'thresholds',
    ),
    [],
  ),
  show_stats: booleanDefault(true),
  show_sparkline: booleanDefault(true),
  // Checked by parseAlertsConfig below, so its errors read as the user wrote them (`alerts[0].for`).
  alerts: maybe(leaf<unknown>('alerts', 'a list of alert rules', () => true)),
});

/** Throws an Error whose message Home Assistant shows in its error card, naming every bad key. */
export function parseMetricCardConfig(input: unknown): MetricCardConfig {
  const result = validate(metricCardStruct, input);
  if (!result.ok) throw new Error(`${METRIC_CARD_TYPE}: ${formatErrors(result.errors)}`);
  let alerts: AlertsConfig | undefined;
  if (result.value.alerts !== undefined) {
    const parsed = parseAlertsConfig(result.value.alerts);
    if (!parsed.ok) throw new Error(`${METRIC_CARD_TYPE}: ${formatErrors(parsed.errors)}`);
    alerts = parsed.value;
  }
  return { ...result.value, alerts, type: result.value.type ?? `custom:${METRIC_CARD_TYPE}` };
}

/** What the card picker lists (window.customCards): known without loading the card's code. */export const METRIC_CARD_INFO = {
  type: METRIC_CARD_TYPE,
  name: 'Vitals metric',
  description: 'One metric with its current value and a live sparkline.',
  preview: true,
  documentationURL: 'https://github.com/ha-vitals/ha-vitals#vitals-metric-card',
};

/** Sizes in Home Assistant's sections view (2024.11+ grid options; 2024.3 – 2024.10 layout options): the same before and after the card's code loads. */
export function metricCardLayout(_config?: unknown) {
  return { grid: { columns: 6, rows: 3, min_columns: 3, min_rows: 2 }, layout: { grid_columns: 2, grid_rows: 2, grid_min_columns: 1, grid_min_rows: 2 } };
}
