/**
 * Persistent history cache in IndexedDB, so a reload paints what it had at once and then fetches
 * only the missing range. Entries are keyed by Home Assistant instance and entity (never by a
 * hash of a card's config, which serves stale data when the config is unchanged but the data is
 * not), versioned, invalidated per entity (unit changed, entity removed), and the whole cache is
 * capped in bytes, evicting the least recently saved entries first.
 */
import { openDB, type IDBPDatabase } from 'idb';

export const CACHE_SCHEMA = 1;
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

export interface HistoryCacheOptions {
  maxBytes?: number;
  dbName?: string;
}

export class HistoryCache {
  private constructor(
    private readonly db: IDBPDatabase,
    private readonly namespace: string,
    private readonly maxBytes: number,
    /** Keys held when opened, kept up to date by this tab (another tab's saves are not seen). */
    private readonly keys: Set<string>,
  ) {}

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
      const keys = new Set((await db.getAllKeys(STORE)).map(String));
      return new HistoryCache(db, namespace, options.maxBytes ?? 20 * 1_048_576, keys);
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
    return entry;
  }

  async save(entityId: string, unit: string, from: number, times: Float64Array, values: Float64Array, savedAt = Date.now()): Promise<void> {
    const entry: CachedHistory = {
      key: this.key(entityId),
      schema: CACHE_SCHEMA,
      entityId,
      unit,
      from,
      savedAt,
      times,
      values,
      bytes: times.byteLength + values.byteLength,
    };
    await this.db.put(STORE, entry);
    this.keys.add(entry.key);
    await this.enforceCap();
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

  private async enforceCap(): Promise<void> {
    let total = await this.totalBytes();
    if (total <= this.maxBytes) return;
    const tx = this.db.transaction(STORE, 'readwrite');
    let cursor = await tx.store.index('savedAt').openCursor();
    while (cursor && total > this.maxBytes) {
      total -= (cursor.value as CachedHistory).bytes;
      this.keys.delete((cursor.value as CachedHistory).key);
      await cursor.delete();
      cursor = await cursor.continue();
    }
    await tx.done;
  }
}
