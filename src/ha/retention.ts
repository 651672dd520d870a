/**
 * What this browser keeps, in plain numbers: the store and the history cache apply it; the cards'
 * `retention:` key (src/cards/shared/retention.ts, docs/retention.md) is how a user changes it.
 * No imports: the cards' config checks (loaded with the entry) read the defaults from here
 * without pulling the store in.
 *
 * The store is shared by every card of a connection, so several cards may ask for different
 * values: each key is the LARGEST value any attached card asks for (no card loses data it asked
 * for), and the default while no attached card sets that key. A card's request ends when it is
 * detached or its config changes.
 */

export const MIB = 1_048_576;
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** What one card asks for; a key left out is no request. */
export interface RetentionRequest {
  /** IndexedDB history cache, bytes (all entities together). 0: no cache (nothing saved, what was saved deleted). */
  cacheBytes?: number;
  /** Cached samples older than this are dropped (ms). */
  cacheAgeMs?: number;
  /** Samples kept in memory for entities and measurements no card asks a longer window for (ms). */
  liveWindowMs?: number;
}

export type Retention = Required<RetentionRequest>;

/**
 * Defaults for a wall tablet: a device with little memory and storage that shows one dashboard for
 * weeks without a reload (a desktop browser is fine with them too).
 */
export const DEFAULT_RETENTION: Readonly<Retention> = {
  // 20 MiB: an entity's raw series holds at most 43,200 samples of 16 bytes (675 KiB: a day at one
  // sample every 2 s), so this keeps ~30 such busy entities, or hundreds at a sample a minute:
  // more than a dashboard shows, and a small share of any tablet's storage quota. Beyond it, the
  // entries saved longest ago are dropped first.
  cacheBytes: 20 * MIB,
  // 10 days: the windows cards ask for by default reach 8 days (the overview's 7-day baseline
  // plus its hour, a history card's "vs last week" over a day), so a reload paints them from the
  // cache and asks the recorder only for the minutes since; and it is the recorder's own default
  // (`purge_keep_days`), so nothing is kept here that Home Assistant could not give again. Entities
  // no dashboard showed for that long (removed cards, renamed sensors) leave the cache instead of
  // occupying it until the byte cap pushes them out.
  cacheAgeMs: 10 * DAY_MS,
  // 1 hour: the longest window of the UX card's figures (measured in this browser, so nowhere
  // else to fetch them from) and of a metric card's sparkline of the current value. Cards that
  // need more ask for their own window; at one sample a second this is 3,600 samples (56 KiB) per entity.
  liveWindowMs: HOUR_MS,
};

/** The values in force for the given requests: per key, the largest asked for, else the default. */
export function combineRetention(requests: Iterable<RetentionRequest>, defaults: Readonly<Retention> = DEFAULT_RETENTION): Retention {
  const asked: Partial<Retention> = {};
  for (const request of requests) {
    for (const key of Object.keys(defaults) as (keyof Retention)[]) {
      const value = request[key];
      if (value === undefined || !Number.isFinite(value) || value < 0) continue;
      asked[key] = Math.max(asked[key] ?? 0, value);
    }
  }
  return { ...defaults, ...asked };
}

export function sameRetention(a: Readonly<Retention>, b: Readonly<Retention>): boolean {
  return a.cacheBytes === b.cacheBytes && a.cacheAgeMs === b.cacheAgeMs && a.liveWindowMs === b.liveWindowMs;
}
