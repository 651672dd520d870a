/**
 * Configuration of `vitals-metric-card`, shared by the card (setConfig) and its editor.
 * Validated by the core schema, so errors name the key: `stat: expected one of …, got "p96"`.
 */
import { actionKeys } from '../../core/config/actions';
import { parseAlertsConfig, type AlertsConfig } from '../../core/config/alerts';
import { cardConfig, durationFromTo, shape, type CardConfigOf, type Infer } from '../../core/config/card';
import { retentionKey } from '../shared/retention';
import { entityId, leaf, listOf, maybe, nonEmptyText, numberIn, oneOf, withDefault } from '../../core/config/structs';
import { formatErrors, validate } from '../../core/config/validate';

export const METRIC_CARD_TYPE = 'vitals-metric-card';

export const METRIC_STATS = ['current', 'mean', 'min', 'max', 'p50', 'p90', 'p95', 'p99', 'rate', 'availability'] as const;
export type MetricStat = (typeof METRIC_STATS)[number];

/** Every default of the card's keys, as a user would write it: the schema and the editor both use these. */
export const METRIC_DEFAULTS = {
  stat: 'current',
  window: '5m',
  direction: 'above',
  thresholds: [],
  show_stats: true,
  show_sparkline: true,
} as const;

/** Defaults inside each `thresholds:` entry. */
export const METRIC_THRESHOLD_DEFAULTS = { severity: 'warning' } as const;

/**
 * Bounds of every bounded key, shared by the schema and the editor's number selectors. The
 * statistic's window: from 10 s (a few samples) to 7 d (the store keeps the window's history in memory).
 */
export const METRIC_LIMITS = {
  decimals: { min: 0, max: 10 },
  window: { min: '10s', max: '7d' },
} as const;

const thresholdValue = leaf<number | string>('threshold value', 'a number or an entity id like "input_number.cpu_limit"', (v) =>
  (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^[a-z0-9_]+\.[a-z0-9_]+$/.test(v)),
);

const booleanDefault = (fallback: boolean) =>
  withDefault(
    leaf<boolean>('boolean', 'true or false', (v) => typeof v === 'boolean'),
    fallback,
  );

const threshold = shape({
  /** A number, or an entity whose state is the threshold (e.g. an input_number the user tunes). */
  value: thresholdValue,
  severity: withDefault(oneOf(['critical', 'warning', 'info'] as const), METRIC_THRESHOLD_DEFAULTS.severity),
});
export type MetricThreshold = Infer<typeof threshold>;

export const metricCardStruct = cardConfig({
  // Tap, hold and double tap on a value, row or legend entry: Home Assistant's action config (more-info by default).
  ...actionKeys,
  entity: entityId,
  name: maybe(nonEmptyText),
  decimals: maybe(numberIn(METRIC_LIMITS.decimals.min, METRIC_LIMITS.decimals.max, true)),
  /** What the big number shows: the current state or a statistic over `window`. */
  stat: withDefault(oneOf(METRIC_STATS), METRIC_DEFAULTS.stat),
  /** Window of the statistic and of the rolling stats line, in ms. */
  window: withDefault(durationFromTo(METRIC_LIMITS.window), METRIC_DEFAULTS.window),
  /** `above` (default): higher is worse; `below`: lower is worse (free disk, battery). */
  direction: withDefault(oneOf(['above', 'below'] as const), METRIC_DEFAULTS.direction),
  thresholds: withDefault(listOf(threshold, 'thresholds'), METRIC_DEFAULTS.thresholds),
  show_stats: booleanDefault(METRIC_DEFAULTS.show_stats),
  show_sparkline: booleanDefault(METRIC_DEFAULTS.show_sparkline),
  // Checked by parseAlertsConfig below, so its errors read as the user wrote them (`alerts[0].for`).
  alerts: maybe(leaf<unknown>('alerts', 'a list of alert rules', () => true)),
  /** What this browser keeps (shared by the dashboard's cards): docs/retention.md. */
  ...retentionKey,
});

/** The parsed config: the schema's type, with `alerts` validated by the alerts schema. */
export type MetricCardConfig = Omit<CardConfigOf<typeof metricCardStruct>, 'alerts'> & { alerts?: AlertsConfig };

/** Throws an Error whose message Home Assistant shows in its error card, naming every bad key. */
export function parseMetricCardConfig(input: unknown): MetricCardConfig {
  const result = validate(metricCardStruct, input);
  if (!result.ok) throw new Error(`${METRIC_CARD_TYPE}: ${formatErrors(result.errors)}`);
  let alerts: AlertsConfig | undefined;
  if (result.value.alerts !== undefined) {
    const parsed = parseAlertsConfig(result.value.alerts);
    if (!parsed.ok) throw new Error(`${METRIC_CARD_TYPE}: ${formatErrors(parsed.errors)}`);
    // Only an alerts card creates Home Assistant automations; here such a rule would be judged by
    // nobody (browsers leave its sending to HA): refused, never silently off.
    const index = parsed.value.rules.findIndex((r) => r.run_in === 'home_assistant');
    if (index >= 0) {
      const path = Array.isArray(result.value.alerts) ? `alerts[${index}].run_in` : `alerts.rules[${index}].run_in`;
      throw new Error(`${METRIC_CARD_TYPE}: ${path}: rules that run in Home Assistant belong in an alerts card (it creates their automations); use run_in: browser here`);
    }
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
