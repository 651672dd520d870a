/**
 * Shared pieces for card schemas: every card config accepts the keys Home Assistant adds
 * (`type`, `grid_options`, `view_layout`, ...) and reports everything else precisely.
 */
import type { Struct } from 'superstruct';
import { HA_CARD_KEYS, entityId, finiteNumber, nonEmptyText, strictObject, withDefault, listOf, maybe } from './structs.js';
import { alertsSection, severity } from './alerts.js';

export { entityId, severity, alertsSection };
export const name = nonEmptyText;

export interface ThresholdBand {
  value: number;
  severity: 'critical' | 'warning' | 'info';
  /** Optional CSS colour for charts; defaults by severity. */
  color?: string;
}

/** `thresholds: [{ value: 80, severity: warning }, { value: 95, severity: critical }]`, sorted by value. */
export const thresholds: Struct<ThresholdBand[], unknown> = withDefault(
  listOf(
    strictObject<ThresholdBand>({ value: finiteNumber, severity: withDefault(severity, 'warning'), color: maybe(nonEmptyText) }),
    'thresholds',
  ),
  [],
) as Struct<ThresholdBand[], unknown>;

type Schema = Record<string, Struct<any, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A card config schema: own keys + HA's keys passed through untouched. */
export function cardConfig<T>(schema: Schema): Struct<T, Schema> {
  return strictObject<T>(schema, { passThrough: HA_CARD_KEYS, what: 'a card configuration (a mapping)' });
}
