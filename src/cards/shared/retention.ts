/**
 * `retention:` — what this browser keeps, accepted by every HA Vitals card (docs/retention.md):
 *
 * ```yaml
 * retention:
 *   cache_size_mb: 20   # IndexedDB history cache, all entities together (0: no cache)
 *   cache_days: 10      # cached samples older than this are dropped
 *   live_window: 1h     # samples kept in memory for what no card asks a longer window for
 * ```
 *
 * The store is shared by all cards of a dashboard: per key, the largest value an attached card
 * writes is in force, and the default where no card writes that key (src/ha/retention.ts, which
 * also says why each default is what it is). So a key is written on one card (or on several with
 * the same value), and nothing is lost that another card asked to keep.
 */
import { durationFromTo, shape, type Infer } from '../../core/config/card';
import { formatDuration } from '../../core/config/duration';
import { maybe, numberIn } from '../../core/config/structs';
import { DAY_MS, DEFAULT_RETENTION, MIB, type RetentionRequest } from '../../ha/retention';

/** The defaults as a user writes them (the store's own numbers: src/ha/retention.ts explains each). */
export const RETENTION_DEFAULTS = {
  cache_size_mb: DEFAULT_RETENTION.cacheBytes / MIB,
  cache_days: DEFAULT_RETENTION.cacheAgeMs / DAY_MS,
  live_window: formatDuration(DEFAULT_RETENTION.liveWindowMs),
} as const;

export const RETENTION_LIMITS = {
  /**
   * 0 turns the cache off (nothing saved, what was saved deleted). At most 200 MiB: an entity's
   * raw series holds at most 43,200 samples (675 KiB), so this is room for ~300 busy entities,
   * more than any dashboard shows.
   */
  cache_size_mb: { min: 0, max: 200 },
  /**
   * At least a day (a reload the next morning paints at once); at most 30: the cache saves an
   * entity's raw series, which holds 43,200 samples, 30 days at one a minute, so a longer age would
   * keep nothing more for a sensor that reports every minute or faster.
   */
  cache_days: { min: 1, max: 30 },
  /**
   * At least 1 h: the UX card's window (up to 1 h) and a metric card's sparkline of the current
   * value read this far back. At most 7 d, the longest window a card keeps raw (metric `window`).
   */
  live_window: { min: '1h', max: '7d' },
} as const;

export const retentionStruct = shape({
  cache_size_mb: maybe(numberIn(RETENTION_LIMITS.cache_size_mb.min, RETENTION_LIMITS.cache_size_mb.max)),
  cache_days: maybe(numberIn(RETENTION_LIMITS.cache_days.min, RETENTION_LIMITS.cache_days.max)),
  /** Milliseconds once parsed. */
  live_window: maybe(durationFromTo(RETENTION_LIMITS.live_window)),
});

/** A parsed `retention:`: the keys written, `live_window` in ms. */
export type RetentionConfig = Infer<typeof retentionStruct>;

/** The shared fragment of every card's schema: `cardConfig({ ...retentionKey, ... })`. */
export const retentionKey = { retention: maybe(retentionStruct) };

/** What a card asks the store for: its `retention:` as plain numbers, only the keys written. */
export function retentionRequestOf(retention: RetentionConfig | undefined): RetentionRequest | undefined {
  if (!retention) return undefined;
  const request: RetentionRequest = {};
  if (retention.cache_size_mb !== undefined) request.cacheBytes = retention.cache_size_mb * MIB;
  if (retention.cache_days !== undefined) request.cacheAgeMs = retention.cache_days * DAY_MS;
  if (retention.live_window !== undefined) request.liveWindowMs = retention.live_window;
  return request;
}
