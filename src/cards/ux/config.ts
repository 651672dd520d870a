/**
 * Configuration of `vitals-ux-card` and the rows it can show. Shared by the card and its editor.
 */
import { actionKeys } from '../../core/config/actions';
import { coerce, refine, unknown } from 'superstruct';
import { entityId, listOf, maybe, nonEmptyText, numberIn, oneOf, text, withDefault } from '../../core/config/structs';
import { cardConfig, durationFromTo, shape, type CardConfigOf, type Infer } from '../../core/config/card';
import { retentionKey } from '../shared/retention';
import { parseCardConfig } from '../shared/config';
import { quantileSorted } from '../../core/stats/quantile';
import type { ReportedMetric } from '../../ha/mqtt-reporter';
import { UX_METRICS } from '../../ha/telemetry/ux-metrics';
import type { BandLimits } from './rows';
import { slug } from '../../ha/slug';

export const UX_CARD_TYPE = 'vitals-ux-card';

/** Every default of the card's keys, as a user would write it: the schema and the editor both use these. */
export const UX_DEFAULTS = {
  level: 'basic',
  ping_interval: 30,
  window: '15m',
  devices: [],
} as const;

/** Defaults inside `report:` (when it is written). */
export const UX_REPORT_DEFAULTS = { interval: '60s' } as const;

/** Bounds of every bounded key, shared by the schema and the editor's number selectors. `ping_interval` in seconds. */
export const UX_LIMITS = {
  ping_interval: { min: 5, max: 3600 },
  window: { min: '1m', max: '1h' },
} as const;

/** Bounds inside `report:`. */
export const UX_REPORT_LIMITS = { interval: { min: '10s', max: '1h' } } as const;

export const UX_ROW_KEYS = ['rtt', 'lag', 'service_call', 'long_tasks', 'inp', 'heap', 'fps', 'overhead'] as const;
export type UxRowKey = (typeof UX_ROW_KEYS)[number];

export interface UxRowDef {
  label: string;
  metric: string;
  unit: string;
  /** Only measured at `level: full`. */
  full: boolean;
  bands?: BandLimits;
  decimals?: number;
  /** What `report:` publishes, where it differs from what the row shows (then without bands: no limits are known for it). */
  reported?: { unit: string };
}

export const UX_ROWS: Record<UxRowKey, UxRowDef> = {
  rtt: { label: 'Websocket round trip', metric: UX_METRICS.rtt, unit: 'ms', full: false, bands: { good: 100, warn: 300 }, decimals: 0 },
  lag: { label: 'State delivery lag', metric: UX_METRICS.lag, unit: 'ms', full: false, bands: { good: 250, warn: 1000 }, decimals: 0 },
  service_call: { label: 'Service call latency', metric: UX_METRICS.serviceCall, unit: 'ms', full: false, bands: { good: 500, warn: 2000 }, decimals: 0 },
  // Shown as long tasks per minute; the p95 column is of their durations, which is what is reported.
  long_tasks: { label: 'Long tasks', metric: UX_METRICS.longTask, unit: '/min', full: true, bands: { good: 2, warn: 10 }, decimals: 0, reported: { unit: 'ms' } },
  // web.dev thresholds.
  inp: { label: 'Interaction to next paint', metric: UX_METRICS.inp, unit: 'ms', full: true, bands: { good: 200, warn: 500 }, decimals: 0 },
  heap: { label: 'JS heap', metric: UX_METRICS.heap, unit: 'MB', full: true, decimals: 0 },
  fps: { label: 'Frame rate', metric: UX_METRICS.fps, unit: 'fps', full: true, bands: { good: 50, warn: 30, higherIsBetter: true }, decimals: 0 },
  overhead: { label: 'Monitor overhead', metric: UX_METRICS.overhead, unit: 'ms/min', full: false, bands: { good: 100, warn: 600 }, decimals: 1 },
};

export const BASIC_ROWS: UxRowKey[] = UX_ROW_KEYS.filter((k) => !UX_ROWS[k].full);

/** Sensor suffix other devices publish a row under: `sensor.ha_vitals_<device>_ws_rtt_ms`. */
export const rowSuffix = (key: UxRowKey) => UX_ROWS[key].metric.slice('vitals.'.length);

/** The row a device's sensor reports, from its id's suffix. */
export function rowOfEntity(entity: string): UxRowKey | undefined {
  return UX_ROW_KEYS.find((k) => entity.endsWith(`_${rowSuffix(k)}`));
}

const ENTITY_PREFIX = /^(sensor\.)?[a-z0-9_]+$/;
const entityPrefix = refine(nonEmptyText, 'entity prefix', (v) => ENTITY_PREFIX.test(v) || `expected an entity id prefix like "sensor.ha_vitals_kitchen", got ${JSON.stringify(v)}`);

const deviceShape = shape({
  /** Shown next to each of the device's rows. */
  name: maybe(text),
  /** `sensor.ha_vitals_kitchen_tablet`: one row per shown metric, `<prefix>_<metric>`. */
  entity_prefix: maybe(entityPrefix),
  /** One sensor. */
  entity: maybe(entityId),
});
export type UxDevice = Infer<typeof deviceShape>;

const device = refine(
  coerce(deviceShape, unknown(), (v) => (typeof v === 'string' ? { entity: v } : v)),
  'device',
  (d) => (d.entity_prefix === undefined) !== (d.entity === undefined) || 'expected either entity_prefix or entity',
);

const GROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9 _-]{0,47}$/;
const groupName = refine(nonEmptyText, 'group name', (v) => GROUP_NAME.test(v) || `expected a group name of letters, digits, spaces, _ or - (at most 48), got ${JSON.stringify(v)}`);

/**
 * `report:` publishes this browser's figures as MQTT sensors. The dashboard config is the same on
 * every device that opens it, so the device is never named here: each browser reports under its
 * own name (`src/ha/device-identity.ts`, renamed in the card), optionally behind a `group`.
 */
const reportShape = shape(
  {
    /** Put in front of each browser's name: `wall` → `sensor.ha_vitals_wall_<browser>_…`. */
    group: maybe(groupName),
    /** Ms between reports. */
    interval: withDefault(durationFromTo(UX_REPORT_LIMITS.interval), UX_REPORT_DEFAULTS.interval),
  },
  { elsewhere: { device: 'the older name of "group"; write only group' } },
);
export type UxReport = Infer<typeof reportShape>;

const report = coerce(reportShape, unknown(), (v) => {
  if (v === true) return {};
  if (typeof v === 'string') return { group: v };
  // `device:` named the reporting device before each browser had a name of its own; it is now the group.
  if (v && typeof v === 'object' && !Array.isArray(v) && 'device' in v && !('group' in v)) {
    const { device, ...rest } = v as Record<string, unknown>;
    return { ...rest, group: device };
  }
  return v;
});

/** Longest device part of a sensor id (`slug` cuts there). */
const DEVICE_SLUG_MAX = 48;

/**
 * The device name a browser reports under: its own name, behind the group when there is one
 * (shortened so that the sensor id keeps the whole browser name: that is what tells devices apart).
 */
export function reportDevice(report: Partial<UxReport>, browserName: string): string {
  if (!report.group) return browserName;
  const room = DEVICE_SLUG_MAX - slug(browserName).length - 1;
  const group = slug(report.group).slice(0, Math.max(0, room)).replace(/_+$/, '');
  return group ? `${group} ${browserName}` : browserName;
}

/** `sensor.ha_vitals_<device>`: the prefix of the sensors a device reports (other cards' `entity_prefix`). */
export const reportedPrefix = (device: string) => `sensor.ha_vitals_${slug(device)}`;

export const uxCardStruct = cardConfig({
  // Tap, hold and double tap on a value, row or legend entry: Home Assistant's action config (more-info by default).
  ...actionKeys,
  title: maybe(text),
  level: withDefault(oneOf(['basic', 'full'] as const), UX_DEFAULTS.level),
  /** Seconds. */
  ping_interval: withDefault(numberIn(UX_LIMITS.ping_interval.min, UX_LIMITS.ping_interval.max), UX_DEFAULTS.ping_interval),
  /** Ms: the p95 and sparkline window. */
  window: withDefault(durationFromTo(UX_LIMITS.window), UX_DEFAULTS.window),
  metrics: maybe(listOf(oneOf(UX_ROW_KEYS), 'metrics', { single: true })),
  devices: withDefault(listOf(device, 'devices (entity ids or {name, entity_prefix})', { single: true }), UX_DEFAULTS.devices),
  /** Publish this browser's figures as MQTT sensors `sensor.ha_vitals_<device>_<metric>`. */
  report: maybe(report),
  /** What this browser keeps (shared by the dashboard's cards): docs/retention.md. */
  ...retentionKey,
});

export type UxCardConfig = CardConfigOf<typeof uxCardStruct>;

/** Throws an Error naming the key, which Home Assistant shows in its error card. */
export function parseUxCardConfig(input: unknown): UxCardConfig {
  // `report: false` is the same as no report.
  const raw = input && typeof input === 'object' && (input as Record<string, unknown>).report === false ? { ...(input as Record<string, unknown>), report: undefined } : input;
  const config = parseCardConfig(UX_CARD_TYPE, uxCardStruct, raw);
  const needsFull = (config.metrics ?? []).filter((k) => UX_ROWS[k].full);
  if (config.level !== 'full' && needsFull.length > 0) {
    throw new Error(`${UX_CARD_TYPE}: metrics: ${needsFull.join(', ')} need level: full`);
  }
  return { ...config, type: typeof config.type === 'string' ? config.type : `custom:${UX_CARD_TYPE}` };
}

/** Rows shown, in order. */
export function shownRows(config: Pick<UxCardConfig, 'level' | 'metrics'>): UxRowKey[] {
  if (config.metrics && config.metrics.length > 0) return [...new Set(config.metrics)];
  return config.level === 'full' ? [...UX_ROW_KEYS] : BASIC_ROWS;
}

/** Rows whose reported figure is the p95 of the interval (latencies); the others report their latest value. */
const REPORTED_AS_P95: ReadonlySet<UxRowKey> = new Set(['rtt', 'lag', 'service_call', 'long_tasks', 'inp']);

/** The 95th percentile of the finite values, or undefined without any. */
export function p95Of(values: ArrayLike<number>): number | undefined {
  const sorted = Float64Array.from(values).filter(Number.isFinite).sort();
  return sorted.length ? quantileSorted(sorted, 0.95) : undefined;
}

/**
 * What `report:` publishes: one sensor per shown row, named so that another device's UX card finds
 * it with `entity_prefix: sensor.ha_vitals_<device>` (`<prefix>_ws_rtt_ms`, ...).
 */
export function reportedMetrics(config: Pick<UxCardConfig, 'level' | 'metrics'>, intervalMs: number, now: () => number = () => Date.now()): ReportedMetric[] {
  return shownRows(config).map((key) => {
    const row = UX_ROWS[key];
    const unit = row.reported?.unit ?? row.unit;
    return {
      source: row.metric,
      key: rowSuffix(key),
      name: row.label,
      unit,
      deviceClass: unit === 'ms' ? 'duration' : undefined,
      derive: REPORTED_AS_P95.has(key) ? (store) => p95Of(store.series(row.metric)?.copyRange(now() - intervalMs).values ?? []) : undefined,
    };
  });
}

/** Sensor id of one device row: prefix without trailing `_`, `sensor.` added when missing. */
export function deviceEntity(prefix: string, key: UxRowKey): string {
  const base = (prefix.startsWith('sensor.') ? prefix : `sensor.${prefix}`).replace(/_+$/, '');
  return `${base}_${rowSuffix(key)}`;
}

/** What the card picker lists (window.customCards): known without loading the card's code. */export const UX_CARD_INFO = {
  type: UX_CARD_TYPE,
  name: 'Vitals user experience',
  description: "This browser's experience of Home Assistant: round trip, delivery lag, INP, long tasks, frame rate, and the monitor's own overhead.",
  preview: true,
  documentationURL: 'https://github.com/ha-vitals/ha-vitals/blob/main/docs/cards-ai-ux.md#vitals-ux-card',
};

/** Sizes in Home Assistant's sections view (2024.11+ grid options; 2024.3 – 2024.10 layout options): the same before and after the card's code loads. */
export function uxCardLayout(_config?: unknown) {
  return { grid: { columns: 12, rows: 'auto' as const, min_columns: 6, min_rows: 3 }, layout: { grid_columns: 4, grid_rows: 'auto', grid_min_columns: 2 } };
}
