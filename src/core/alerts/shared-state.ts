/**
 * What a household decides about its alerts — acknowledgements, snoozes, silences — and which
 * device sent which notification, as one document every device holds a copy of.
 *
 * Devices change it concurrently (an ack on the phone while the tablet snoozes another alert), so
 * it is a set of last-writer-wins registers: one per alert and kind, one per silence, one per
 * sent intent. `mergeShared(a, b)` keeps, per register, the entry with the later `at` (ties go to
 * the larger device id), so it is commutative, associative and idempotent: every device that has
 * seen the same entries holds the same document, whatever order they arrived in, and a device
 * can re-publish its copy at any time without undoing anyone else's change.
 *
 * An ack belongs to one episode (`episode` = the alert's activeAt, else firedAt: sample times,
 * identical on every device), so an ack of last night's episode never silences tonight's.
 */
import type { AlertInstance, Silence } from './types.js';

export const SHARED_VERSION = 1;

interface Stamp {
  /** When the decision was made (ms, the deciding device's clock). */
  at: number;
  /** The deciding device's id. */
  device: string;
  /** Who decided (the Home Assistant user's name), or the device's name for automatic records. */
  by?: string;
  /** The deciding device's name ("Kitchen tablet"), for "acknowledged by Ann (Kitchen tablet)". */
  deviceName?: string;
}

export interface SharedAck extends Stamp {
  episode: number;
  /** false = an acknowledgement taken back. */
  acked: boolean;
}

export interface SharedSnooze extends Stamp {
  /** 0 = snooze taken back. */
  until: number;
}

export interface SharedSilence extends Stamp {
  silence: Silence;
  removed: boolean;
}

export interface SharedSent extends Stamp {
  service: string;
  alertKey: string;
}

export interface SharedAlertState {
  v: typeof SHARED_VERSION;
  acks: Record<string, SharedAck>;
  snoozes: Record<string, SharedSnooze>;
  silences: Record<string, SharedSilence>;
  /** Intent id → the device that sent it. */
  sent: Record<string, SharedSent>;
}

export function emptyShared(): SharedAlertState {
  return { v: SHARED_VERSION, acks: {}, snoozes: {}, silences: {}, sent: {} };
}

/** The episode an acknowledgement applies to. */
export function episodeOf(inst: Pick<AlertInstance, 'activeAt' | 'firedAt'>): number | undefined {
  return inst.activeAt ?? inst.firedAt;
}

function newer<T extends Stamp>(a: T | undefined, b: T | undefined): T | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return a.device >= b.device ? a : b;
}

function mergeMap<T extends Stamp>(a: Record<string, T>, b: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = Object.create(null);
  for (const key of Object.keys(a)) out[key] = a[key];
  for (const key of Object.keys(b)) out[key] = newer(out[key], b[key])!;
  return out;
}

export function mergeShared(a: SharedAlertState, b: SharedAlertState): SharedAlertState {
  return {
    v: SHARED_VERSION,
    acks: mergeMap(a.acks, b.acks),
    snoozes: mergeMap(a.snoozes, b.snoozes),
    silences: mergeMap(a.silences, b.silences),
    sent: mergeMap(a.sent, b.sent),
  };
}

/** True when `b` holds nothing that `a` lacks (merging b into a changes nothing). */
export function covers(a: SharedAlertState, b: SharedAlertState): boolean {
  const within = <T extends Stamp>(x: Record<string, T>, y: Record<string, T>) => Object.keys(y).every((k) => Object.hasOwn(x, k) && newer(x[k], y[k]) === x[k]);
  return within(a.acks, b.acks) && within(a.snoozes, b.snoozes) && within(a.silences, b.silences) && within(a.sent, b.sent);
}

/**
 * Limits that keep the document small: it is a Home Assistant state's attributes, which the
 * recorder stores only below 16 KiB (a typical household's document is a few hundred bytes).
 */
export const SHARED_LIMITS = { acks: 100, snoozes: 100, silences: 50, sent: 60 } as const;
const DAY = 86_400_000;

/**
 * Forget what no longer matters: snoozes and silences that ended a day ago, acks and sent records
 * older than a week / a day, and the oldest entries beyond the size limits.
 */
export function pruneShared(state: SharedAlertState, now: number): SharedAlertState {
  const keep = <T extends Stamp>(map: Record<string, T>, alive: (e: T) => boolean, limit: number): Record<string, T> => {
    const entries = Object.entries(map)
      .filter(([, e]) => alive(e))
      .sort(([, x], [, y]) => y.at - x.at)
      .slice(0, limit);
    const out: Record<string, T> = Object.create(null);
    for (const [k, e] of entries) out[k] = e;
    return out;
  };
  return {
    v: SHARED_VERSION,
    acks: keep(state.acks, (e) => e.at > now - 7 * DAY, SHARED_LIMITS.acks),
    snoozes: keep(state.snoozes, (e) => e.until > now - DAY || e.at > now - DAY, SHARED_LIMITS.snoozes),
    silences: keep(state.silences, (e) => e.silence.endsAt > now - DAY || e.at > now - DAY, SHARED_LIMITS.silences),
    sent: keep(state.sent, (e) => e.at > now - DAY, SHARED_LIMITS.sent),
  };
}

// -- reading a document another device wrote --------------------------------------------------------

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const shortText = (v: unknown, max = 200): v is string => typeof v === 'string' && v.length <= max;

function stamp(v: Record<string, unknown>): boolean {
  return finite(v.at) && shortText(v.device, 80) && (v.by === undefined || shortText(v.by, 120)) && (v.deviceName === undefined || shortText(v.deviceName, 80));
}

function silenceOk(v: unknown): v is Silence {
  if (!isRecord(v) || !shortText(v.id, 120) || !finite(v.startsAt) || !finite(v.endsAt) || !Array.isArray(v.matchers) || v.matchers.length === 0 || v.matchers.length > 20) return false;
  return v.matchers.every((m) => isRecord(m) && shortText(m.name, 120) && shortText(m.value, 500) && (m.op === undefined || ['=', '!=', '=~', '!~'].includes(m.op as string)));
}

const VALID = {
  acks: (v: Record<string, unknown>) => stamp(v) && finite(v.episode) && typeof v.acked === 'boolean',
  snoozes: (v: Record<string, unknown>) => stamp(v) && finite(v.until),
  silences: (v: Record<string, unknown>) => stamp(v) && typeof v.removed === 'boolean' && silenceOk(v.silence),
  sent: (v: Record<string, unknown>) => stamp(v) && shortText(v.service, 120) && shortText(v.alertKey, 400),
} as const;

/**
 * A document from storage or another device, checked entry by entry: a malformed entry is
 * dropped (and counted), never trusted, never thrown on.
 */
export function readShared(input: unknown): { state: SharedAlertState; dropped: number } {
  const state = emptyShared();
  let dropped = 0;
  if (!isRecord(input) || input.v !== SHARED_VERSION) return { state, dropped: input === undefined || input === null ? 0 : 1 };
  for (const kind of ['acks', 'snoozes', 'silences', 'sent'] as const) {
    const map = input[kind];
    if (map === undefined) continue;
    if (!isRecord(map)) {
      dropped++;
      continue;
    }
    const out: Record<string, unknown> = Object.create(null);
    let count = 0;
    for (const key of Object.keys(map)) {
      const entry = map[key];
      if (key.length > 400 || count >= SHARED_LIMITS[kind] * 2 || !isRecord(entry) || !VALID[kind](entry)) {
        dropped++;
        continue;
      }
      out[key] = entry;
      count++;
    }
    (state as unknown as Record<string, unknown>)[kind] = out;
  }
  return { state, dropped };
}
