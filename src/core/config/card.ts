/**
 * Shared pieces for card schemas: every card config accepts the keys Home Assistant adds
 * (`type`, `grid_options`, `view_layout`, ...) and reports everything else precisely.
 * A card's config type is derived from its schema (`Infer<typeof struct>`), never written twice.
 */
import { refine, type Infer, type Struct } from 'superstruct';
import { HA_CARD_KEYS, duration, entityId, finiteNumber, nonEmptyText, strictObject, withDefault, listOf, maybe, type StrictObjectOptions } from './structs.js';
import { parseDuration } from './duration.js';
import { alertsSection, severity } from './alerts.js';

export { entityId, severity, alertsSection };
export type { Infer };
export const name = nonEmptyText;

type Schema = Record<string, Struct<any, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Keys whose struct accepts `undefined` (`maybe(...)`, `unknown()`): optional in the derived type. */
type OptionalKeys<S extends Schema> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];

/**
 * The validated shape of a schema object: each key's struct type, keys that may be undefined
 * optional (superstruct's own `object` infers the same way).
 */
export type Shape<S extends Schema> = {
  [K in keyof S as K extends OptionalKeys<S> ? never : K]: Infer<S[K]>;
} & {
  [K in keyof S as K extends OptionalKeys<S> ? K : never]?: Infer<S[K]>;
} extends infer O
  ? { [K in keyof O]: O[K] }
  : never;

/** `strictObject` whose validated type is inferred from its schema. */
export function shape<S extends Schema>(schema: S, options: StrictObjectOptions = {}): Struct<Shape<S>, Schema> {
  return strictObject<Shape<S>>(schema, options);
}

/**
 * A card config schema: own keys + HA's keys passed through untouched. Its type is inferred from
 * the schema; `type` (one of HA's keys) may be absent until the card's parser fills it in.
 */
export function cardConfig<S extends Schema>(schema: S): Struct<Shape<S> & { type?: string }, Schema> {
  return strictObject<Shape<S> & { type?: string }>(schema, { passThrough: HA_CARD_KEYS, what: 'a card configuration (a mapping)' });
}

/** A parsed card config: the schema's type with `type` always set (the card's parsers fill it in). */
export type CardConfigOf<S extends Struct<any, any>> = Omit<Infer<S>, 'type'> & { type: string }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Lowest and highest accepted value of a bounded number. */
export interface NumberLimits {
  readonly min: number;
  readonly max: number;
}

/** Shortest and longest accepted duration, as people write them ("10s", "7d"). */
export interface DurationLimits {
  readonly min: string;
  readonly max: string;
}

/** Milliseconds of a duration limit (a limit that is no duration is a programming error). */
export function limitMs(written: string): number {
  const ms = parseDuration(written);
  if (ms === undefined) throw new Error(`not a duration: ${written}`);
  return ms;
}

/** A duration from `limits.min` to `limits.max` (inclusive), in ms: `expected a duration from "10s" to "7d"` otherwise. */
export function durationFromTo(limits: DurationLimits): Struct<number, null> {
  const [min, max] = [limitMs(limits.min), limitMs(limits.max)];
  return refine(duration, 'range', (ms) => (ms >= min && ms <= max) || `expected a duration from ${JSON.stringify(limits.min)} to ${JSON.stringify(limits.max)}`);
}

const thresholdBand = shape({
  value: finiteNumber,
  severity: withDefault(severity, 'warning'),
  /** Optional CSS colour for charts; defaults by severity. */
  color: maybe(nonEmptyText),
});
export type ThresholdBand = Infer<typeof thresholdBand>;

/** `thresholds: [{ value: 80, severity: warning }, { value: 95, severity: critical }]`, sorted by value. */
export const thresholds: Struct<ThresholdBand[], unknown> = withDefault(listOf(thresholdBand, 'thresholds'), []);
