/**
 * Generators for the bad-input suite (test/bad-input): a seeded PRNG, every path of a JSON-like
 * value, and the mutations applied at each path (wrong types, non-finite and huge numbers, 1 MiB
 * strings, prototype-named keys, 1,000-level nesting, 10,000-item lists). Deterministic: the same
 * seed yields the same cases on every run.
 */
import { formatPath } from '../../src/core/config/validate';
import { seededRandom } from '../../src/core/detectors/scenarios.js';

export type Path = (string | number)[];

/** mulberry32: a tiny, fast, seeded 32-bit PRNG (floats in [0, 1)); the one the detector scenarios use. */
export const mulberry32 = seededRandom;

export const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];

/** 1 MiB of text. */
export const HUGE_TEXT = 'x'.repeat(1 << 20);
/** Keys that name Object.prototype members. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf', '__defineGetter__'] as const;

export function deepObject(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

export function deepList(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
}

const DEEP_OBJECT = deepObject(1000);
const DEEP_LIST = deepList(1000);

/** An object with an own `__proto__` key, as JSON.parse makes it (a YAML/JSON config can hold one). */
export const OWN_PROTO = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as Record<string, unknown>;

/** Replacement values: every wrong type, non-finite and extreme numbers, odd text. */
export const WRONG_VALUES: readonly { name: string; value: unknown; heavy?: boolean }[] = [
  { name: 'empty text', value: '' },
  { name: 'blank text', value: '   ' },
  { name: 'text', value: 'x' },
  { name: 'text __proto__', value: '__proto__' },
  { name: 'text constructor', value: 'constructor' },
  { name: 'text "NaN"', value: 'NaN' },
  { name: 'text "Infinity"', value: 'Infinity' },
  { name: 'text "-Infinity"', value: '-Infinity' },
  { name: 'text "1e999"', value: '1e999' },
  { name: 'text "1e308"', value: '1e308' },
  { name: 'text "-1"', value: '-1' },
  { name: 'text "0x10"', value: '0x10' },
  { name: 'text "true"', value: 'true' },
  { name: 'text "null"', value: 'null' },
  { name: 'text with control characters', value: 'a\u0000b\nc\u202e' },
  { name: 'text 1 MiB', value: HUGE_TEXT, heavy: true },
  { name: '0', value: 0 },
  { name: '-0', value: -0 },
  { name: '-1', value: -1 },
  { name: '1.5', value: 1.5 },
  { name: 'NaN', value: Number.NaN },
  { name: 'Infinity', value: Number.POSITIVE_INFINITY },
  { name: '-Infinity', value: Number.NEGATIVE_INFINITY },
  { name: '1e308', value: 1e308 },
  { name: '-1e308', value: -1e308 },
  { name: '3.4e38', value: 3.4e38 },
  { name: '2^53 + 2', value: Number.MAX_SAFE_INTEGER + 2 },
  { name: '5e-324', value: 5e-324 },
  { name: 'true', value: true },
  { name: 'false', value: false },
  { name: 'null', value: null },
  { name: 'empty list', value: [] },
  { name: 'list of a number', value: [1] },
  { name: 'list of null', value: [null] },
  { name: 'empty mapping', value: {} },
  { name: 'mapping', value: { a: 1 } },
  { name: 'mapping with own __proto__', value: OWN_PROTO },
  { name: '1,000-level mapping', value: DEEP_OBJECT, heavy: true },
  { name: '1,000-level list', value: DEEP_LIST, heavy: true },
];

export interface Mutation {
  /** "entities[0].color ← NaN" */
  label: string;
  /** Where the mutation was made. */
  paths: Path[];
  apply(root: unknown): unknown;
  heavy?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Every path in `value` (root first), own keys only; lists visited up to `maxItems` items. */
export function paths(value: unknown, maxItems = 4, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.slice(0, maxItems).forEach((v, i) => paths(v, maxItems, [...prefix, i], out));
  else if (isObject(value)) for (const k of Object.keys(value)) paths(value[k], maxItems, [...prefix, k], out);
  return out;
}

export function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const part of path) {
    if (!node || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

function defineOwn(node: object, key: string | number, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy (JSON-like values; NaN, ±Infinity and shared huge values kept as they are). */
export function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) defineOwn(out, k, clone(value[k]));
    return out as T;
  }
  return value;
}

/** `root` with the value at `path` replaced (an own property even for "__proto__"); the root itself when path is []. */
export function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = clone(root);
  const parent = getAt(copy, path.slice(0, -1));
  if (parent && typeof parent === 'object') defineOwn(parent, path[path.length - 1], value);
  return copy;
}

export function deleteAt(root: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  const copy = clone(root);
  const parent = getAt(copy, path.slice(0, -1));
  const key = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(key as number, 1);
  else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[key as string];
  return copy;
}

const show = (path: Path) => formatPath(path) || '(root)';

/** Every single mutation of every path of `base`. */
export function mutationsOf(base: unknown, opts: { maxItems?: number } = {}): Mutation[] {
  const out: Mutation[] = [];
  for (const path of paths(base, opts.maxItems ?? 4)) {
    const original = getAt(base, path);
    for (const wrong of WRONG_VALUES) {
      out.push({ label: `${show(path)} ← ${wrong.name}`, paths: [path], heavy: wrong.heavy, apply: (root) => setAt(root, path, wrong.value) });
    }
    if (path.length > 0) out.push({ label: `${show(path)} deleted`, paths: [path], apply: (root) => deleteAt(root, path) });
    out.push({ label: `${show(path)} ← [itself]`, paths: [path], apply: (root) => setAt(root, path, [clone(original)]) });
    out.push({
      label: `${show(path)} ← 10,000-item list`,
      paths: [path],
      heavy: true,
      // A list's own items repeated (valid-looking), anything else as 10,000 copies.
      apply: (root) => setAt(root, path, Array.from({ length: 10_000 }, (_, i) => (Array.isArray(original) && original.length ? original[i % original.length] : original))),
    });
    if (isObject(original)) {
      for (const key of PROTO_KEYS) {
        const child = [...path, key];
        // JSON.parse gives an own "__proto__" key, as a config read from JSON or YAML can hold.
        const extra = JSON.parse(`{${JSON.stringify(key)}: {"polluted": true}}`) as Record<string, unknown>;
        out.push({ label: `${show(child)} added`, paths: [child], apply: (root) => setAt(root, child, extra[key]) });
      }
      const longKey = `k${'e'.repeat(200)}y`;
      out.push({ label: `${show([...path, longKey])} added`, paths: [[...path, longKey]], apply: (root) => setAt(root, [...path, longKey], 1) });
    }
  }
  return out;
}

/** `count` combinations of 2 to 4 single mutations, picked by `rand`. */
export function combinedMutations(singles: readonly Mutation[], count: number, rand: () => number): Mutation[] {
  const light = singles.filter((m) => !m.heavy);
  const out: Mutation[] = [];
  for (let i = 0; i < count; i++) {
    const n = 2 + Math.floor(rand() * 3);
    const parts = Array.from({ length: n }, () => pick(rand, light));
    out.push({
      label: parts.map((p) => p.label).join(' & '),
      paths: parts.flatMap((p) => p.paths),
      apply: (root) => parts.reduce((r, p) => {
        // A later mutation below a replaced node may no longer apply; then it is skipped.
        try {
          return p.apply(r);
        } catch {
          return r;
        }
      }, root),
    });
  }
  return out;
}

/**
 * The key paths an error message names: each line is "path: message" (the first after
 * "card-type: "). Lines without a path come back as ''.
 */
const PATH_RE = /^((?:[A-Za-z0-9_$…-]+|\[\d+\])(?:\.[A-Za-z0-9_$…-]+|\[\d+\])*): /;
export function namedPaths(message: string, cardType?: string): string[] {
  const lines = message.split('\n');
  if (cardType) lines[0] = lines[0].slice(cardType.length + 2);
  return lines.map((line) => PATH_RE.exec(line)?.[1] ?? '');
}

/** ["alerts", 0, "for"] from "alerts[0].for". */
export function parsePath(text: string): Path {
  const out: Path = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/** Own key of `node` shown as `segment` (keys over 60 characters are shown cut, ending in "…"). */
function ownKey(node: object, segment: string | number): string | number | undefined {
  if (Object.prototype.hasOwnProperty.call(node, segment)) return segment;
  if (typeof segment === 'string' && segment.endsWith('…')) return Object.keys(node).find((k) => formatPath([k]) === segment);
  return undefined;
}

/**
 * Does `path` name a key of `input`? Yes when it resolves, or when all but its last part resolve
 * (a required key that is missing), or when it runs into a value written in shorthand
 * (`entities: sensor.x` read as `[{ entity: sensor.x }]`).
 */
export function pathExists(input: unknown, text: string): boolean {
  if (!text) return false;
  const parts = parsePath(text);
  let node = input;
  for (let i = 0; i < parts.length; i++) {
    if (!node || typeof node !== 'object') return true; // shorthand: the rest was coerced from this value
    // One item written for a list of them (`notify: { service: ... }` read as `[{ service: ... }]`).
    if (parts[i] === 0 && !Array.isArray(node)) continue;
    const key = ownKey(node, parts[i]);
    if (key === undefined) return i === parts.length - 1;
    node = (node as Record<string | number, unknown>)[key];
  }
  return true;
}

/** Is `named` the mutated path, one of its ancestors (not the root) or one of its descendants? */
export function related(named: string, mutated: Path): boolean {
  const m = formatPath(mutated);
  if (!named) return m === '';
  return named === m || m.startsWith(`${named}.`) || m.startsWith(`${named}[`) || named.startsWith(`${m}.`) || named.startsWith(`${m}[`);
}

/** Run `fn` with console.warn/error muted (restoreEngine warns once per damaged state); returns what was muted. */
export function muted<T>(fn: () => T): { result: T; warnings: number } {
  const { warn, error } = console;
  let warnings = 0;
  console.warn = () => void warnings++;
  console.error = () => void warnings++;
  try {
    return { result: fn(), warnings };
  } finally {
    console.warn = warn;
    console.error = error;
  }
}

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A Storage-like object over a Map. */
export function mapStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => (data.has(k) ? data.get(k)! : null),
    setItem: (k: string, v: string) => void data.set(k, String(v)),
    removeItem: (k: string) => void data.delete(k),
    key: (i: number) => [...data.keys()][i] ?? null,
    get length() {
      return data.size;
    },
  };
}
