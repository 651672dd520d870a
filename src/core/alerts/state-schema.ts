/**
 * Validation of a persisted alert engine state (`AlertEngine.toJSON()` as read back from storage).
 *
 * A saved state comes from localStorage: another version, another tab, a hand edit or a torn
 * write. Whatever it holds, loading it must never leave the engine in a shape that throws later
 * (that would switch alerting off for the scope for good). So every field is checked — type,
 * finite numbers, known enum values, element shapes, sizes — and copied into fresh objects:
 *
 * - A problem in the shared parts (silences, planner bookkeeping, the envelope) rejects the whole
 *   state with an error naming the path, e.g. `alert state: planner.groups["x"].firing[0]: expected
 *   text`; the caller starts afresh.
 * - A problem inside one alert instance drops that instance only, with a note: the rest of the
 *   state (acknowledgements, escalation progress, the dedup log) is worth keeping.
 *
 * Only own properties are read, and maps are rebuilt with `defineProperty`, so keys such as
 * "__proto__" or "constructor" are plain data and never reach a prototype.
 */
import type { AlertInstance, AlertState, IntentReason, LabelMatcher, NotificationIntent, Silence } from './types.js';
import type { AlertNotifyState, GroupState, Phase, PlannerState } from './planner.js';

export const STATE_LIMITS = {
  /** Alert instances (rule × series slots) kept in one state. */
  instances: 100_000,
  silences: 1_000,
  matchersPerSilence: 100,
  labels: 100,
  /** Planner bookkeeping per alert and per group. */
  alerts: 100_000,
  groups: 100_000,
  groupMembers: 100_000,
  flapChanges: 1_000,
  /** Dedup map of intent id → due time. */
  sent: 50_000,
  /** The planner keeps the last 200 intents. */
  log: 200,
  text: 10_000,
} as const;

const ALERT_STATES: readonly AlertState[] = ['inactive', 'pending', 'firing', 'resolved'];
const PHASES: readonly Phase[] = ['idle', 'queued', 'suppressed', 'notified', 'resolvedQueued', 'done'];
const REASONS: readonly IntentReason[] = ['firing', 'resolved', 'repeat', 'escalation', 'flapping', 'summary'];
const MATCH_OPS: readonly NonNullable<LabelMatcher['op']>[] = ['=', '!=', '=~', '!~'];

export class StateError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path || '(root)'}: ${problem}`);
  }
}

type Obj = Record<string, unknown>;

const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);
/** An own property, or undefined (never an inherited one). */
const own = (o: Obj, key: string): unknown => (has(o, key) ? o[key] : undefined);
const fail = (path: string, problem: string): never => {
  throw new StateError(path, problem);
};
const field = (path: string, key: string) => (path ? `${path}.${key}` : key);
const entry = (path: string, key: string) => `${path}[${JSON.stringify(key)}]`;

/** A fresh plain object with `key` set as an own, enumerable property (safe for "__proto__"). */
function put<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function object(x: unknown, path: string): Obj {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) fail(path, 'expected an object');
  return x as Obj;
}

function array(x: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(x)) fail(path, 'expected an array');
  const xs = x as unknown[];
  const n = xs.length;
  if (n > max) fail(path, `expected at most ${max} entries, got ${n}`);
  // A fresh array, read by index: the saved one may carry own keys such as "constructor" that
  // would derail its methods (map() consults constructor[Symbol.species]).
  const copy: unknown[] = [];
  for (let i = 0; i < n; i++) copy.push(xs[i]);
  return copy;
}

function text(x: unknown, path: string): string {
  if (typeof x !== 'string') fail(path, 'expected text');
  if ((x as string).length > STATE_LIMITS.text) fail(path, `expected at most ${STATE_LIMITS.text} characters`);
  return x as string;
}

function finite(x: unknown, path: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(path, 'expected a finite number');
  return x as number;
}

function count(x: unknown, path: string): number {
  const n = finite(x, path);
  if (n < 0 || !Number.isInteger(n)) fail(path, 'expected a whole number ≥ 0');
  return n;
}

function bool(x: unknown, path: string): boolean {
  if (typeof x !== 'boolean') fail(path, 'expected true or false');
  return x as boolean;
}

function oneOf<T extends string>(x: unknown, path: string, values: readonly T[]): T {
  if (typeof x !== 'string' || !values.includes(x as T)) fail(path, `expected one of ${values.join(', ')}`);
  return x as T;
}

/** Optional fields: absent, undefined or null (JSON's NaN/undefined) mean "not set". */
function optional<T>(o: Obj, key: string, path: string, read: (x: unknown, path: string) => T): T | undefined {
  const x = own(o, key);
  return x === undefined || x === null ? undefined : read(x, field(path, key));
}

function entries(x: unknown, path: string, max: number): [string, unknown][] {
  const o = object(x, path);
  const keys = Object.keys(o);
  if (keys.length > max) fail(path, `expected at most ${max} entries, got ${keys.length}`);
  return keys.map((k) => [k, o[k]]);
}

// -- instances --------------------------------------------------------------------------------------

/** The dynamic part of an alert instance: what load restores (key, severity and labels come from the rule). */
export type SavedInstance = Pick<AlertInstance, 'key' | 'rule' | 'seriesId' | 'state' | 'active' | 'value' | 'score' | 'reason' | 'activeAt' | 'firedAt' | 'clearedAt' | 'resolvedAt' | 'lastSampleAt' | 'ack' | 'snoozedUntil'>;

export function readInstance(x: unknown, path: string): SavedInstance {
  const o = object(x, path);
  const rule = text(own(o, 'rule'), field(path, 'rule'));
  const seriesId = text(own(o, 'seriesId'), field(path, 'seriesId'));
  const key = text(own(o, 'key'), field(path, 'key'));
  if (key !== `${rule}/${seriesId}`) fail(field(path, 'key'), `expected "${rule}/${seriesId}"`);
  const state = oneOf(own(o, 'state'), field(path, 'state'), ALERT_STATES);
  const active = bool(own(o, 'active'), field(path, 'active'));
  // NaN is saved as null: "no value yet".
  const value = optional(o, 'value', path, finite) ?? Number.NaN;
  const score = finite(own(o, 'score'), field(path, 'score'));
  const reason = optional(o, 'reason', path, text);
  const time = (k: string) => optional(o, k, path, finite);
  const inst: SavedInstance = { key, rule, seriesId, state, active, value, score };
  if (reason !== undefined) inst.reason = reason;
  for (const k of ['activeAt', 'firedAt', 'clearedAt', 'resolvedAt', 'lastSampleAt', 'snoozedUntil'] as const) {
    const t = time(k);
    if (t !== undefined) inst[k] = t;
  }
  const ack = own(o, 'ack');
  if (ack !== undefined && ack !== null) {
    const a = object(ack, field(path, 'ack'));
    const at = finite(own(a, 'at'), field(field(path, 'ack'), 'at'));
    const by = optional(a, 'by', field(path, 'ack'), text);
    inst.ack = by === undefined ? { at } : { at, by };
  }
  // The state machine relies on these: a firing alert has an episode start, a pending one an onset.
  if (state === 'firing' && inst.firedAt === undefined) fail(field(path, 'firedAt'), 'expected a finite number for a firing alert');
  if (state === 'pending' && inst.activeAt === undefined) fail(field(path, 'activeAt'), 'expected a finite number for a pending alert');
  // Notification texts print the value: an alert that was notified about has one.
  if ((state === 'firing' || state === 'pending') && Number.isNaN(value)) fail(field(path, 'value'), `expected a finite number for a ${state} alert`);
  return inst;
}

// -- silences ---------------------------------------------------------------------------------------

function readMatcher(x: unknown, path: string): LabelMatcher {
  const o = object(x, path);
  const m: LabelMatcher = { name: text(own(o, 'name'), field(path, 'name')), value: text(own(o, 'value'), field(path, 'value')) };
  const op = optional(o, 'op', path, (v, p) => oneOf(v, p, MATCH_OPS));
  if (op !== undefined) m.op = op;
  return m;
}

export function readSilence(x: unknown, path: string): Silence {
  const o = object(x, path);
  const s: Silence = {
    id: text(own(o, 'id'), field(path, 'id')),
    matchers: array(own(o, 'matchers'), field(path, 'matchers'), STATE_LIMITS.matchersPerSilence).map((m, i) => readMatcher(m, `${field(path, 'matchers')}[${i}]`)),
    startsAt: finite(own(o, 'startsAt'), field(path, 'startsAt')),
    endsAt: finite(own(o, 'endsAt'), field(path, 'endsAt')),
  };
  const comment = optional(o, 'comment', path, text);
  const createdBy = optional(o, 'createdBy', path, text);
  if (comment !== undefined) s.comment = comment;
  if (createdBy !== undefined) s.createdBy = createdBy;
  return s;
}

// -- planner ----------------------------------------------------------------------------------------

function readNotifyState(x: unknown, path: string): AlertNotifyState {
  const o = object(x, path);
  const s: AlertNotifyState = {
    phase: oneOf(own(o, 'phase'), field(path, 'phase'), PHASES),
    tiersSent: count(own(o, 'tiersSent'), field(path, 'tiersSent')),
    throttled: count(own(o, 'throttled'), field(path, 'throttled')),
    snoozed: count(own(o, 'snoozed'), field(path, 'snoozed')),
    flapSuppressed: count(own(o, 'flapSuppressed'), field(path, 'flapSuppressed')),
    flapChanges: array(own(o, 'flapChanges'), field(path, 'flapChanges'), STATE_LIMITS.flapChanges).map((t, i) => finite(t, `${field(path, 'flapChanges')}[${i}]`)),
    flapping: bool(own(o, 'flapping'), field(path, 'flapping')),
  };
  const episode = optional(o, 'episode', path, finite);
  const lastNotifiedAt = optional(o, 'lastNotifiedAt', path, finite);
  const heldBack = optional(o, 'heldBack', path, bool);
  if (episode !== undefined) s.episode = episode;
  if (lastNotifiedAt !== undefined) s.lastNotifiedAt = lastNotifiedAt;
  if (heldBack !== undefined) s.heldBack = heldBack;
  return s;
}

function readGroup(x: unknown, path: string): GroupState {
  const o = object(x, path);
  const keys = (k: 'firing' | 'resolved') => array(own(o, k), field(path, k), STATE_LIMITS.groupMembers).map((m, i) => text(m, `${field(path, k)}[${i}]`));
  const g: GroupState = { firing: keys('firing'), resolved: keys('resolved') };
  const flushAt = optional(o, 'flushAt', path, finite);
  const lastFlushAt = optional(o, 'lastFlushAt', path, finite);
  if (flushAt !== undefined) g.flushAt = flushAt;
  if (lastFlushAt !== undefined) g.lastFlushAt = lastFlushAt;
  return g;
}

function readIntent(x: unknown, path: string): NotificationIntent {
  const o = object(x, path);
  const data = object(own(o, 'data'), field(path, 'data'));
  return {
    id: text(own(o, 'id'), field(path, 'id')),
    channel: text(own(o, 'channel'), field(path, 'channel')),
    service: text(own(o, 'service'), field(path, 'service')),
    title: text(own(o, 'title'), field(path, 'title')),
    message: text(own(o, 'message'), field(path, 'message')),
    // Service data is passed through as is (JSON from a tier's `data:`): copied, not interpreted.
    data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>,
    reason: oneOf(own(o, 'reason'), field(path, 'reason'), REASONS),
    alertKey: text(own(o, 'alertKey'), field(path, 'alertKey')),
    at: finite(own(o, 'at'), field(path, 'at')),
  };
}

function readMap<T>(x: unknown, path: string, max: number, read: (v: unknown, path: string) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of entries(x, path, max)) put(out, k, read(v, entry(path, k)));
  return out;
}

export function readPlanner(x: unknown, path = 'planner'): PlannerState {
  const o = object(x, path);
  return {
    alerts: readMap(own(o, 'alerts'), field(path, 'alerts'), STATE_LIMITS.alerts, readNotifyState),
    groups: readMap(own(o, 'groups'), field(path, 'groups'), STATE_LIMITS.groups, readGroup),
    sent: readMap(own(o, 'sent'), field(path, 'sent'), STATE_LIMITS.sent, finite),
    log: array(own(o, 'log'), field(path, 'log'), STATE_LIMITS.log).map((intent, i) => readIntent(intent, `${field(path, 'log')}[${i}]`)),
  };
}

// -- the whole state ----------------------------------------------------------------------------------

export interface ValidatedState {
  savedAt: number;
  instances: SavedInstance[];
  silences: Silence[];
  planner: PlannerState;
  /** Instances dropped, one line each ("instances[3].active: expected true or false; instance dropped"). */
  notes: string[];
}

/**
 * Check a parsed state of version `version`; throws a StateError naming the path of the first
 * problem outside the instances. `connection` (written by versions before 2025-07) is ignored.
 */
export function validateState(json: unknown, version: number): ValidatedState {
  const o = object(json, '');
  if (own(o, 'version') !== version) fail('version', `expected ${version}`);
  const savedAt = finite(own(o, 'savedAt'), 'savedAt');
  const notes: string[] = [];
  const instances: SavedInstance[] = [];
  const seen = new Set<string>();
  const rawInstances = own(o, 'instances');
  array(rawInstances ?? [], 'instances', STATE_LIMITS.instances).forEach((x, i) => {
    const path = `instances[${i}]`;
    try {
      const inst = readInstance(x, path);
      if (seen.has(inst.key)) fail(path, `a second instance ${JSON.stringify(inst.key)}`);
      seen.add(inst.key);
      instances.push(inst);
    } catch (err) {
      if (!(err instanceof StateError)) throw err;
      notes.push(`${err.message}; instance dropped`);
    }
  });
  const silences = array(own(o, 'silences') ?? [], 'silences', STATE_LIMITS.silences).map((s, i) => readSilence(s, `silences[${i}]`));
  const rawPlanner = own(o, 'planner');
  return { savedAt, instances, silences, planner: rawPlanner === undefined ? { alerts: {}, groups: {}, sent: {}, log: [] } : readPlanner(rawPlanner), notes };
}
