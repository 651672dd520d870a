/**
 * Configuration of `vitals-system-card`: which sensor shows CPU, memory, disk, load, network and
 * the recorder database, each an entity id or `{entity, name, limit}`.
 */
import { actionKeys } from '../../core/config/actions';
import { refine } from 'superstruct';
import { entityId, finiteNumber, maybe, nonEmptyText, numberIn, strictObject, text, withDefault } from '../../core/config/structs';
import { cardConfig, shape, type CardConfigOf, type Infer } from '../../core/config/card';
import { retentionKey } from '../shared/retention';
import { entityShorthand, numericSensorIds, parseCardConfig } from '../shared/config';

/** A year: the longest sparkline and forecast window. */
export const HOURS_MAX = 24 * 365;

/** Every default of the card's keys, as a user would write it: the schema and the editor both use these. */
export const SYSTEM_DEFAULTS = { hours_to_show: 24 } as const;

/** Bounds of every bounded key, shared by the schema and the editor's number selectors. */
export const SYSTEM_LIMITS = { hours_to_show: { min: 1, max: HOURS_MAX } } as const;

export const SYSTEM_CARD_TYPE = 'vitals-system-card';

export const SYSTEM_ROWS = ['cpu', 'memory', 'disk', 'load', 'network_in', 'network_out', 'database'] as const;
export type SystemRowKey = (typeof SYSTEM_ROWS)[number];


/** Rows that get a capacity forecast ("disk full in 12 d"). */
export const FORECAST_ROWS: ReadonlySet<SystemRowKey> = new Set(['memory', 'disk', 'database']);

const row = entityShorthand(
  shape({
    entity: entityId,
    name: maybe(nonEmptyText),
    /** Capacity for the forecast, in the entity's unit; default 100 for % sensors. */
    limit: maybe(finiteNumber),
  }),
);
export type SystemRowConfig = Infer<typeof row>;

const entities = refine(
  strictObject<Partial<Record<SystemRowKey, SystemRowConfig>>>(Object.fromEntries(SYSTEM_ROWS.map((key) => [key, maybe(row)]))),
  'at least one',
  (value) => SYSTEM_ROWS.some((key) => value[key] !== undefined) || `expected at least one of ${SYSTEM_ROWS.join(', ')}`,
);

export const systemCardStruct = cardConfig({
  // Tap, hold and double tap on a value, row or legend entry: Home Assistant's action config (more-info by default).
  ...actionKeys,
  title: maybe(text),
  entities,
  hours_to_show: withDefault(numberIn(SYSTEM_LIMITS.hours_to_show.min, SYSTEM_LIMITS.hours_to_show.max), SYSTEM_DEFAULTS.hours_to_show),
  /** What this browser keeps (shared by the dashboard's cards): docs/retention.md. */
  ...retentionKey,
});

export type SystemCardConfig = CardConfigOf<typeof systemCardStruct>;

export function parseSystemCardConfig(input: unknown): SystemCardConfig {
  const config = parseCardConfig(SYSTEM_CARD_TYPE, systemCardStruct, input);
  return { ...config, type: typeof config.type === 'string' ? config.type : `custom:${SYSTEM_CARD_TYPE}` };
}

interface StateLike {
  state: string;
  attributes?: Record<string, unknown>;
}

const PERCENT = (unit: string) => unit === '%';
const RATE = (unit: string) => unit === '' || /\/s$|bps$/i.test(unit);
const SIZE = (unit: string) => unit === '' || /^(k|M|G|T|Ki|Mi|Gi|Ti)?i?B$/.test(unit);
const ANY = () => true;

/** Entity-id patterns of the System Monitor integration (old and new naming), best first, and the unit each row expects. */
const DISCOVERY: Record<SystemRowKey, { patterns: RegExp[]; unit: (unit: string) => boolean }> = {
  cpu: { patterns: [/^sensor\.(system_monitor_)?processor_use$/, /processor_use/, /cpu_(use|usage|percent|load)/], unit: (u) => u === '' || PERCENT(u) },
  memory: { patterns: [/memory_use_percent/, /memory_usage/, /memory_use/], unit: PERCENT },
  disk: { patterns: [/disk_use_percent/, /disk_usage/], unit: PERCENT },
  load: { patterns: [/load_1m$/, /load_1_?m/, /load_1min/], unit: ANY },
  network_in: { patterns: [/network_throughput_in/, /network_in/], unit: RATE },
  network_out: { patterns: [/network_throughput_out/, /network_out/], unit: RATE },
  database: { patterns: [/database_size/, /db_size/, /recorder.*size/], unit: SIZE },
};

/** Find System Monitor (and recorder size) sensors by entity id pattern and unit. */
export function discoverSystemEntities(states: Record<string, StateLike>): Partial<Record<SystemRowKey, string>> {
  const sensors = numericSensorIds(states);
  const found: Partial<Record<SystemRowKey, string>> = {};
  const used = new Set<string>();
  for (const key of SYSTEM_ROWS) {
    const { patterns, unit } = DISCOVERY[key];
    for (const pattern of patterns) {
      const id = sensors.find((s) => !used.has(s) && pattern.test(s) && unit(String(states[s].attributes?.unit_of_measurement ?? '')));
      if (id) {
        found[key] = id;
        used.add(id);
        break;
      }
    }
  }
  return found;
}

/** What the card picker lists (window.customCards): known without loading the card's code. */export const SYSTEM_CARD_INFO = {
  type: SYSTEM_CARD_TYPE,
  name: 'Vitals system',
  description: 'CPU, memory, disk, load, network and database size with sparklines, trends and capacity forecasts.',
  preview: true,
  documentationURL: 'https://github.com/ha-vitals/ha-vitals/blob/main/docs/cards.md#vitals-system-card',
};

/** Sizes in Home Assistant's sections view (2024.11+ grid options; 2024.3 – 2024.10 layout options), from the config alone: the same before and after the card's code loads. About 46 px per resource. */
export function systemCardLayout(config?: SystemCardConfig) {
  const rows = Math.max(2, Math.ceil((48 + 46 * (config ? SYSTEM_ROWS.filter((k) => config.entities[k]).length : 4)) / 56));
  return { grid: { columns: 12, rows, min_columns: 6, min_rows: 2 }, layout: { grid_columns: 2, grid_rows: rows, grid_min_columns: 2, grid_min_rows: 2 } };
}
