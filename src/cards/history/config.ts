/**
 * Configuration of `vitals-history-card`, validated with the core config schema helpers: every
 * error names its key ("entities[1].y_axis: expected one of ...").
 */
import { coerce, refine, unknown, type Struct } from 'superstruct';
import {
  bool,
  duration,
  entityId,
  finiteNumber,
  listOf,
  maybe,
  nonEmptyText,
  numberIn,
  oneOf,
  strictObject,
  text,
  withDefault,
} from '../../core/config/structs';
import { cardConfig } from '../../core/config/card';
import { entityShorthand, parseCardConfig } from '../shared/config';
import { colour } from '../shared/colour';

export { colour, isColour } from '../shared/colour';

export const HISTORY_CARD_TYPE = 'vitals-history-card';

export interface HistoryEntityConfig {
  entity: string;
  name?: string;
  color?: string;
  y_axis?: 'left' | 'right';
}

export interface HistoryThreshold {
  value: number;
  color?: string;
  label?: string;
  /** The axis whose unit the value is in (default left). */
  y_axis?: 'left' | 'right';
}

export interface HistoryForecast {
  /** The value whose crossing is forecast, e.g. 90 (%). */
  limit: number;
  /** Entity to forecast; default: the first one. */
  entity?: string;
  /** Regression window in hours; default: `hours_to_show`. */
  hours?: number;
}

export interface HistoryCardConfig {
  type: string;
  title?: string;
  entities: HistoryEntityConfig[];
  hours_to_show: number;
  show_anomalies: boolean;
  thresholds: HistoryThreshold[];
  forecast?: HistoryForecast;
  /** Comparison offset in ms (written as a duration: `7d`, `24h`). */
  compare?: number;
}

/** A year: the longest window a history card loads (and the store keeps in memory for it). */
export const HOURS_MAX = 24 * 365;
/** The longest comparison offset: the same window a year earlier. */
export const COMPARE_MAX_MS = 365 * 86_400_000;

const entityItem = entityShorthand(
  strictObject<HistoryEntityConfig>({
    entity: entityId,
    name: maybe(nonEmptyText),
    color: maybe(colour),
    y_axis: maybe(oneOf(['left', 'right'] as const)),
  }),
);

const entities = refine(listOf(entityItem, 'entities (entity ids or {entity: ...})', { single: true }), 'non-empty', (list) =>
  list.length > 0 || 'expected at least one entity',
);

const threshold = strictObject<HistoryThreshold>({ value: finiteNumber, color: maybe(colour), label: maybe(text), y_axis: maybe(oneOf(['left', 'right'] as const)) });

const forecast = coerce(
  strictObject<HistoryForecast>({ limit: finiteNumber, entity: maybe(entityId), hours: maybe(numberIn(0.1, HOURS_MAX)) }),
  unknown(),
  (value) => (typeof value === 'number' ? { limit: value } : value),
);

const compare = refine(duration, 'positive', (ms) => (ms > 0 && ms <= COMPARE_MAX_MS) || 'expected a duration like "7d" or "24h", at most "365d"');

const schema = cardConfig<HistoryCardConfig>({
  title: maybe(text),
  entities,
  hours_to_show: withDefault(numberIn(0.1, HOURS_MAX), 24),
  show_anomalies: withDefault(bool, true),
  thresholds: withDefault(listOf(threshold, 'thresholds ({value, color, label, y_axis})', { single: true }), []),
  forecast: maybe(forecast),
  compare: maybe(compare),
}) as unknown as Struct<HistoryCardConfig, unknown>;

/** Throws an Error naming the key, which Home Assistant shows in its error card. */
export function parseHistoryCardConfig(input: unknown): HistoryCardConfig {
  const config = parseCardConfig(HISTORY_CARD_TYPE, schema, input);
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
