/**
 * Configuration of `vitals-history-card`, validated with the core config schema helpers: every
 * error names its key ("entities[1].y_axis: expected one of ...").
 */
import { actionKeys } from '../../core/config/actions';
import { coerce, refine, unknown } from 'superstruct';
import { bool, duration, entityId, finiteNumber, listOf, maybe, nonEmptyText, numberIn, oneOf, text, withDefault } from '../../core/config/structs';
import { cardConfig, limitMs, shape, type CardConfigOf, type Infer } from '../../core/config/card';
import { retentionKey } from '../shared/retention';
import { entityShorthand, parseCardConfig } from '../shared/config';
import { colour } from '../shared/colour';

export { colour, isColour } from '../shared/colour';

export const HISTORY_CARD_TYPE = 'vitals-history-card';

/** Every default of the card's keys, as a user would write it: the schema and the editor both use these. */
export const HISTORY_DEFAULTS = {
  hours_to_show: 24,
  show_anomalies: true,
  thresholds: [],
} as const;

/** A year: the longest window a history card loads (and the store keeps in memory for it). */
export const HOURS_MAX = 24 * 365;

/**
 * Bounds of every bounded key, shared by the schema and the editor's number selectors.
 * `compare`: the longest offset is the same window a year earlier (1 ms: any positive duration).
 */
export const HISTORY_LIMITS = {
  hours_to_show: { min: 0.1, max: HOURS_MAX },
  /** `forecast.hours`. */
  forecast_hours: { min: 0.1, max: HOURS_MAX },
  compare: { min: '1ms', max: '365d' },
} as const;

const axis = oneOf(['left', 'right'] as const);

const entityItem = entityShorthand(
  shape({
    entity: entityId,
    name: maybe(nonEmptyText),
    color: maybe(colour),
    y_axis: maybe(axis),
  }),
);
export type HistoryEntityConfig = Infer<typeof entityItem>;

const entities = refine(listOf(entityItem, 'entities (entity ids or {entity: ...})', { single: true }), 'non-empty', (list) =>
  list.length > 0 || 'expected at least one entity',
);

const threshold = shape({
  value: finiteNumber,
  color: maybe(colour),
  label: maybe(text),
  /** The axis whose unit the value is in (default left). */
  y_axis: maybe(axis),
});
export type HistoryThreshold = Infer<typeof threshold>;

const forecast = coerce(
  shape({
    /** The value whose crossing is forecast, e.g. 90 (%). */
    limit: finiteNumber,
    /** Entity to forecast; default: the first one. */
    entity: maybe(entityId),
    /** Regression window in hours; default: `hours_to_show`. */
    hours: maybe(numberIn(HISTORY_LIMITS.forecast_hours.min, HISTORY_LIMITS.forecast_hours.max)),
  }),
  unknown(),
  (value) => (typeof value === 'number' ? { limit: value } : value),
);
export type HistoryForecast = Infer<typeof forecast>;

const [COMPARE_MIN_MS, COMPARE_MAX_MS] = [limitMs(HISTORY_LIMITS.compare.min), limitMs(HISTORY_LIMITS.compare.max)];
const compare = refine(
  duration,
  'positive',
  (ms) => (ms >= COMPARE_MIN_MS && ms <= COMPARE_MAX_MS) || `expected a duration like "7d" or "24h", at most ${JSON.stringify(HISTORY_LIMITS.compare.max)}`,
);

export const historyCardStruct = cardConfig({
  // Tap, hold and double tap on a value, row or legend entry: Home Assistant's action config (more-info by default).
  ...actionKeys,
  title: maybe(text),
  entities,
  hours_to_show: withDefault(numberIn(HISTORY_LIMITS.hours_to_show.min, HISTORY_LIMITS.hours_to_show.max), HISTORY_DEFAULTS.hours_to_show),
  show_anomalies: withDefault(bool, HISTORY_DEFAULTS.show_anomalies),
  thresholds: withDefault(listOf(threshold, 'thresholds ({value, color, label, y_axis})', { single: true }), HISTORY_DEFAULTS.thresholds),
  forecast: maybe(forecast),
  /** Comparison offset in ms (written as a duration: `7d`, `24h`). */
  compare: maybe(compare),
  /** What this browser keeps (shared by the dashboard's cards): docs/retention.md. */
  ...retentionKey,
});

export type HistoryCardConfig = CardConfigOf<typeof historyCardStruct>;

/** Throws an Error naming the key, which Home Assistant shows in its error card. */
export function parseHistoryCardConfig(input: unknown): HistoryCardConfig {
  const config = parseCardConfig(HISTORY_CARD_TYPE, historyCardStruct, input);
  if (config.forecast?.entity && !config.entities.some((e) => e.entity === config.forecast!.entity)) {
    throw new Error(`${HISTORY_CARD_TYPE}: forecast.entity: ${config.forecast.entity} is not one of the card's entities`);
  }
  return { ...config, type: typeof config.type === 'string' ? config.type : `custom:${HISTORY_CARD_TYPE}` };
}

/** What the card picker lists (window.customCards): known without loading the card's code. */export const HISTORY_CARD_INFO = {
  type: HISTORY_CARD_TYPE,
  name: 'Vitals history',
  description: 'Time series of one or more entities with thresholds, anomaly markers, forecast, comparison, zoom and pan.',
  preview: true,
  documentationURL: 'https://github.com/ha-vitals/ha-vitals/blob/main/docs/cards.md#vitals-history-card',
};

/** Sizes in Home Assistant's sections view (2024.11+ grid options; 2024.3 – 2024.10 layout options): the same before and after the card's code loads. */
export function historyCardLayout(_config?: unknown) {
  return { grid: { columns: 12, rows: 'auto' as const, min_columns: 4, min_rows: 4 }, layout: { grid_columns: 4, grid_rows: 4, grid_min_columns: 2, grid_min_rows: 3 } };
}
