/**
 * Small superstruct building blocks whose failure messages read well in Home Assistant's
 * error card and in the CLI: "expected a duration like \"30s\", got \"soon\"",
 * "unknown key; did you mean \"threshold\"?". `validate()` adds the path in front.
 */
import { Struct, define, coerce, unknown, type Describe } from 'superstruct';
import { parseDuration, formatDuration } from './duration.js';

export type { Describe };

/** How a rejected value is shown in a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(truncate(value));
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** Longest user text (a key, a value) echoed in a message; longer is cut with "…". */
export const MAX_ECHO = 60;

/** `text` if at most MAX_ECHO characters, else its first MAX_ECHO - 1 and "…". */
export function truncate(text: string): string {
  return text.length <= MAX_ECHO ? text : `${text.slice(0, MAX_ECHO - 1)}…`;
}

function expected(what: string, value: unknown): string {
  return value === undefined ? `required: expected ${what}` : `expected ${what}, got ${describeValue(value)}`;
}

/** A leaf struct: `test` says whether the (already coerced) value is acceptable. */
export function leaf<T>(name: string, what: string, test: (value: unknown) => boolean): Struct<T, null> {
  return define<T>(name, (value) => test(value) || expected(what, value));
}

export const text = leaf<string>('text', 'text', (v) => typeof v === 'string');
export const nonEmptyText = leaf<string>('non-empty text', 'non-empty text', (v) => typeof v === 'string' && v.trim() !== '');
export const bool = leaf<boolean>('boolean', 'true or false', (v) => typeof v === 'boolean');
export const finiteNumber = coerce(
  leaf<number>('number', 'a number', (v) => typeof v === 'number' && Number.isFinite(v)),
  unknown(),
  (v) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v),
);

/**
 * A number from -bound to bound (default ±1e15: far beyond any sensor, still exact in a double).
 * Text that is no number: "expected a number"; NaN, ±Infinity or beyond the bound:
 * "expected a number between -1e15 and 1e15".
 */
export function boundedNumber(bound = 1e15): Struct<number, null> {
  const shown = bound >= 1e6 ? bound.toExponential().replace('e+', 'e') : String(bound);
  const range = `a number between -${shown} and ${shown}`;
  return coerce(
    define<number>('number', (v) => {
      if (typeof v !== 'number') return expected('a number', v);
      return (Number.isFinite(v) && Math.abs(v) <= bound) || expected(range, v);
    }),
    unknown(),
    (v) => (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v),
  );
}

export function numberIn(min: number, max: number, integer = false): Struct<number, null> {
  const what = `${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`;
  return coerce(
    leaf<number>('number', what, (v) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v))),
    unknown(),
    (v) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v),
  );
}

export function oneOf<T extends string>(values: readonly T[]): Struct<T, null> {
  const what = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return define<T>('enum', (value) => {
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return true;
    if (typeof value === 'string') {
      const near = didYouMean(value, values);
      if (near) return `${expected(what, value)}; did you mean ${JSON.stringify(near)}?`;
    }
    return expected(what, value);
  });
}

/** A duration (see `parseDuration`), coerced to milliseconds. Unparseable input stays as written for the message. */
export const duration: Struct<number, null> = coerce(
  leaf<number>('duration', 'a duration like "30s"', (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0),
  unknown(),
  (v) => (v === undefined || v === null ? v : (parseDuration(v) ?? v)),
);

/**
 * A duration from `minMs` to `maxMs` (inclusive), coerced to milliseconds. Out of range:
 * `expected at least "1m", got "1ms"` / `expected at most "7d", got "8d"`.
 */
export function durationIn(minMs: number, maxMs: number): Struct<number, null> {
  const atLeast = JSON.stringify(formatDuration(minMs));
  const atMost = JSON.stringify(formatDuration(maxMs));
  return coerce(
    define<number>('duration', (v) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return expected('a duration like "30s"', v);
      if (v < minMs) return `expected at least ${atLeast}, got ${JSON.stringify(formatDuration(v))}`;
      if (v > maxMs) return `expected at most ${atMost}, got ${JSON.stringify(formatDuration(v))}`;
      return true;
    }),
    unknown(),
    (v) => (v === undefined || v === null ? v : (parseDuration(v) ?? v)),
  );
}

/** Home Assistant entity id: `domain.object_id`. */
export const ENTITY_ID_PATTERN = /^[a-z0-9_]+\.[a-z0-9_]+$/;
export const entityId = leaf<string>('entity id', 'an entity id like "sensor.cpu"', (v) => typeof v === 'string' && v.length <= 255 && ENTITY_ID_PATTERN.test(v));

/** A service to call: `domain.service`, e.g. "notify.mobile_app_pixel". */
export const serviceName = leaf<string>('service', 'a service like "notify.mobile_app_phone"', (v) => typeof v === 'string' && v.length <= 255 && ENTITY_ID_PATTERN.test(v));

/**
 * Accept one item or a list of them; always yields a list. `max`: longer lists are refused as a
 * whole, before any item is judged (a 10,000-item list costs one check, not 10,000).
 */
export function listOf<T>(item: Struct<T, unknown>, what: string, opts: { single?: boolean; max?: number } = {}): Struct<T[], null> {
  const tooLong = (value: unknown) => opts.max !== undefined && Array.isArray(value) && value.length > opts.max;
  return new Struct<T[], null>({
    type: 'list',
    schema: null,
    coercer: (value) => (Array.isArray(value) ? [...value] : opts.single && value !== undefined && value !== null ? [value] : value),
    validator: (value) => {
      if (!Array.isArray(value)) return expected(`a list of ${what}`, value);
      return !tooLong(value) || `expected at most ${opts.max} ${what}, got ${(value as unknown[]).length.toLocaleString('en')}`;
    },
    *entries(value) {
      if (Array.isArray(value) && !tooLong(value)) for (const [i, v] of value.entries()) yield [i, v, item];
    },
  });
}

/** Text of at most `max` characters (names, messages: they travel in every notification and saved state). */
export function textUpTo(max: number, { nonEmpty = false } = {}): Struct<string, null> {
  const what = `${nonEmpty ? 'non-empty text' : 'text'} of at most ${max} characters`;
  return define<string>('text', (value) => {
    if (typeof value !== 'string' || (nonEmpty && value.trim() === '')) return expected(nonEmpty ? 'non-empty text' : 'text', value);
    return value.length <= max || `expected ${what}, got ${value.length.toLocaleString('en')} characters`;
  });
}

const MAX_LABELS = 50;
const labelValue = textUpTo(200);

/** Free-form string → string labels (numbers and booleans are turned into text). */
export const labelMap = new Struct<Record<string, string>, null>({
  type: 'labels',
  schema: null,
  coercer: (value) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    // fromEntries defines own properties: a label named "__proto__" stays a label.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'number' || typeof v === 'boolean' ? String(v) : v]));
  },
  validator: (value) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return expected('a mapping of label: value', value);
    const keys = Object.keys(value);
    if (keys.length > MAX_LABELS) return `expected at most ${MAX_LABELS} labels, got ${keys.length.toLocaleString('en')}`;
    const long = keys.find((k) => k.length > 100);
    return long === undefined || `label names have at most 100 characters, got ${long.length.toLocaleString('en')}`;
  },
  *entries(value) {
    if (value && typeof value === 'object' && Object.keys(value).length <= MAX_LABELS) for (const [k, v] of Object.entries(value)) yield [k, v, labelValue];
  },
});

/** Free-form mapping passed through untouched (service `data`). */
export const anyMap = leaf<Record<string, unknown>>('mapping', 'a mapping', (v) => !!v && typeof v === 'object' && !Array.isArray(v));

/** Keys Home Assistant itself puts into card configs; never an error in a card schema. */
export const HA_CARD_KEYS: readonly string[] = ['type', 'grid_options', 'layout_options', 'view_layout', 'visibility', 'index', 'view_index', 'card_mod'];

export interface StrictObjectOptions {
  /** Keys accepted and passed through as they are (e.g. HA_CARD_KEYS). */
  passThrough?: readonly string[];
  /** Keys that are valid elsewhere: key → explanation, e.g. `above: 'only for type "threshold"'`. */
  elsewhere?: Readonly<Record<string, string>>;
  /** Required keys missing: message. Defaults to the child's own "required" message. */
  what?: string;
}

type Schema = Record<string, Struct<any, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Like superstruct's `object`, but unknown keys fail with "unknown key; did you mean ...".
 * `T` is the validated (coerced) shape, which callers declare.
 */
export function strictObject<T>(schema: Schema, options: StrictObjectOptions = {}): Struct<T, Schema> {
  const known = Object.keys(schema);
  const passThrough = new Set(options.passThrough ?? []);
  const what = options.what ?? 'a mapping';
  return new Struct<T, Schema>({
    type: 'object',
    schema,
    coercer: (value) => (value && typeof value === 'object' && !Array.isArray(value) ? { ...value } : value),
    validator: (value) => (!!value && typeof value === 'object' && !Array.isArray(value)) || expected(what, value),
    *entries(value) {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return;
      const record = value as Record<string, unknown>;
      // Own properties only, so "constructor", "toString" or a JSON "__proto__" are unknown keys.
      for (const key of known) yield [key, Object.hasOwn(record, key) ? record[key] : undefined, schema[key]];
      for (const key of Object.keys(record)) {
        if (Object.hasOwn(schema, key) || passThrough.has(key)) continue;
        yield [key, record[key], unknownKey(key, known, options.elsewhere)];
      }
    },
  });
}

function unknownKey(key: string, known: string[], elsewhere?: Readonly<Record<string, string>>): Struct<never, null> {
  let message: string;
  if (elsewhere && Object.hasOwn(elsewhere, key)) message = `not allowed here: ${elsewhere[key]}`;
  else {
    const near = didYouMean(key, known);
    message = near ? `unknown key; did you mean ${JSON.stringify(near)}?` : `unknown key; expected one of ${known.join(', ')}`;
  }
  return define<never>('unknown key', () => message);
}

/** Input longer than this gets no did-you-mean. */
export const MAX_SUGGEST_LENGTH = 64;

/** Closest candidate within a small edit distance (Damerau-Levenshtein, optimal string alignment). */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  // The edit distance costs length × length: no suggestion for long input (no key is that long).
  if (input.length > MAX_SUGGEST_LENGTH) return undefined;
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(needle, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor(needle.length / 3));
  return bestDistance <= limit ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2] + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1];
}

/**
 * Replace `undefined` with a default, written as a user would write it (e.g. "30s"), then coerced
 * like user input. Cloned, so defaults are never shared between configs.
 */
export function withDefault<T>(struct: Struct<T, unknown>, fallback: unknown): Struct<T, unknown> {
  return coerce(struct, unknown(), (v) => (v === undefined ? structuredCloneSafe(fallback) : v));
}

function structuredCloneSafe(value: unknown): unknown {
  return value === null || typeof value !== 'object' ? value : JSON.parse(JSON.stringify(value));
}

/** Optional key: `undefined` passes, anything else must satisfy `struct`. */
export function maybe<T>(struct: Struct<T, unknown>): Struct<T | undefined, unknown> {
  return new Struct<T | undefined, unknown>({
    ...(struct as Struct<T | undefined, unknown>),
    validator: (v, ctx) => v === undefined || struct.validator(v, ctx),
    refiner: (v, ctx) => v === undefined || struct.refiner(v as T, ctx),
  });
}
