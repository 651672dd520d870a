/**
 * Persistent history cache in IndexedDB, so a reload paints what it had at once and then fetches
 * only the missing range. Entries are keyed by Home Assistant instance and entity (never by a
 * hash of a card's config, which serves stale data when the config is unchanged but the data is
 * not), versioned, invalidated per entity (unit changed, entity removed), and the whole cache is
 * capped in bytes, evicting the least recently saved entries first, and in age: samples older than
 * `maxAgeMs` are dropped (an entry with nothing newer is deleted). The store sets both from the
 * cards' `retention:` (src/ha/retention.ts, docs/retention.md).
 */
import { openDB, type IDBPDatabase } from 'idb';

export const CACHE_SCHEMA = 1;
/** Default byte cap (the store passes the one in force: src/ha/retention.ts explains it). */
const DEFAULT_MAX_BYTES = 20 * 1_048_576;
const DB_NAME = 'ha-vitals';
const STORE = 'history';

export interface CachedHistory {
  key: string;
  schema: number;
  entityId: string;
  /** Unit of measurement when saved: a different unit now invalidates the entry. */
  unit: string;
  /** The oldest time the entry covers (history was loaded from here). */
  from: number;
  savedAt: number;
  times: Float64Array;
  values: Float64Array;
  bytes: number;
}

export interface CacheLimits {
  /** Bytes of all entries together; 0 holds nothing. Default 20 MiB. */
  maxBytes: number;
  /** Samples older than this (ms) are dropped; undefined: no age limit. */
  maxAgeMs?: number;
}

export interface HistoryCacheOptions {
  maxBytes?: number;
  /** Given: entries are pruned to this age as the cache opens (before `mayHold` answers). */
  maxAgeMs?: number;
  dbName?: string;
  now?: () => number;
}

export class HistoryCache {
  private constructor(
    private readonly db: IDBPDatabase,
    private readonly namespace: string,
    private limitsValue: CacheLimits,
    /** Keys held when opened, kept up to date by this tab (another tab's saves are not seen). */
    private readonly keys: Set<string>,
    private now: () => number,
  ) {}

  get limits(): CacheLimits {
    return { ...this.limitsValue };
  }

  /**
   * New limits (and the clock they are judged by): reads and saves follow them at once; what they
   * exclude is deleted by the next save or `prune()`.
   */
  configure(limits: Partial<CacheLimits> & { now?: () => number }): void {
    const { now, ...rest } = limits;
    if (now) this.now = now;
    this.limitsValue = { ...this.limitsValue, ...rest };
  }

  /**
   * Whether the cache may hold an entity's history, answered without touching IndexedDB: a first
   * visit (nothing cached) asks the recorder at once instead of waiting for a read that finds nothing.
   */
  mayHold(entityId: string): boolean {
    return this.keys.has(this.key(entityId));
  }

  /** Opens the cache; resolves undefined where IndexedDB is unavailable (private mode), so callers go on without it. */
  static async open(namespace: string, options: HistoryCacheOptions = {}): Promise<HistoryCache | undefined> {
    try {
      const db = await openDB(options.dbName ?? DB_NAME, CACHE_SCHEMA, {
        upgrade(database) {
          // Future schema changes drop and rebuild: the cache can always be refetched.
          if (database.objectStoreNames.contains(STORE)) database.deleteObjectStore(STORE);
          const store = database.createObjectStore(STORE, { keyPath: 'key' });
          store.createIndex('savedAt', 'savedAt');
        },
      });
      const limits = { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES, maxAgeMs: options.maxAgeMs };
      const cache = new HistoryCache(db, namespace, limits, new Set<string>(), options.now ?? (() => Date.now()));
      if (limits.maxAgeMs !== undefined) await cache.prune();
      for (const key of await db.getAllKeys(STORE)) cache.keys.add(String(key));
      return cache;
    } catch {
      return undefined;
    }
  }

  private key(entityId: string): string {
    return `${this.namespace}|${entityId}`;
  }

  async load(entityId: string, unit: string): Promise<CachedHistory | undefined> {
    const entry = (await this.db.get(STORE, this.key(entityId))) as CachedHistory | undefined;
    if (!entry) return undefined;
    if (entry.schema !== CACHE_SCHEMA || entry.unit !== unit) {
      await this.invalidate(entityId);
      return undefined;
    }
    // Nothing older than the age limit is handed out, even before the next prune deletes it.
    return this.withinAge(entry);
  }

  async save(entityId: string, unit: string, from: number, times: Float64Array, values: Float64Array, savedAt = this.now()): Promise<void> {
    const entry = this.withinAge({
      key: this.key(entityId),
      schema: CACHE_SCHEMA,
      entityId,
      unit,
      from,
      savedAt,
      times,
      values,
      bytes: times.byteLength + values.byteLength,
    });
    if (!entry) {
      await this.invalidate(entityId);
      return;
    }
    await this.db.put(STORE, entry);
    this.keys.add(entry.key);
    await this.prune();
  }

  async invalidate(entityId: string): Promise<void> {
    this.keys.delete(this.key(entityId));
    await this.db.delete(STORE, this.key(entityId));
  }

  async totalBytes(): Promise<number> {
    const all = (await this.db.getAll(STORE)) as CachedHistory[];
    return all.reduce((sum, e) => sum + e.bytes, 0);
  }

  close(): void {
    this.db.close();
  }

  /**
   * `entry` without its samples older than the age limit, its `from` moved up to the limit (the
   * store fetches the older part again, with the state in force at its start); the entry itself if
   * it has no such sample (an entry is only rewritten when it loses samples); undefined if nothing
   * is left.
   */
  private withinAge(entry: CachedHistory): CachedHistory | undefined {
    const { maxAgeMs } = this.limitsValue;
    if (maxAgeMs === undefined) return entry;
    const cutoff = this.now() - maxAgeMs;
    const n = entry.times.length;
    let first = 0;
    while (first < n && entry.times[first] < cutoff) first++;
    if (first === n) return undefined;
    if (first === 0) return entry;
    const times = entry.times.slice(first);
    const values = entry.values.slice(first);
    return { ...entry, from: Math.max(entry.from, cutoff), times, values, bytes: times.byteLength + values.byteLength };
  }

  /** Delete what is older than the age limit, then the entries saved longest ago beyond the byte cap. */
  async prune(): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    let total = 0;
    let cursor = await tx.store.openCursor();
    while (cursor) {
      const entry = cursor.value as CachedHistory;
      const kept = this.withinAge(entry);
      if (!kept) {
        this.keys.delete(entry.key);
        await cursor.delete();
      } else {
        if (kept !== entry) await cursor.update(kept);
        total += kept.bytes;
      }
      cursor = await cursor.continue();
    }
    let oldest = total > this.limitsValue.maxBytes ? await tx.store.index('savedAt').openCursor() : null;
    while (oldest && total > this.limitsValue.maxBytes) {
      total -= (oldest.value as CachedHistory).bytes;
      this.keys.delete((oldest.value as CachedHistory).key);
      await oldest.delete();
      oldest = await oldest.continue();
    }
    await tx.done;
  }
}
