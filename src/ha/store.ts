/**
 * One store per Home Assistant websocket connection. Cards never talk to the websocket:
 * they `watch` entities here, and the store keeps ONE `subscribe_entities` subscription
 * restricted to the entities some card needs (ref-counted), records every state change as a
 * sample with the server's timestamp, and releases what no card needs any more.
 */
import { codeLoadsSettled } from './code-loads';
import type { Connection } from 'home-assistant-js-websocket';
import { TimeSeries } from '../core/series/time-series';
import { BucketSeries, bucketWidthFor } from '../core/series/bucket-series';
import { isAbsurdValue, parseStateNumber } from '../core/series/parse';
import { applyEntityMessage, type CompressedEntityMessage, type EntitySnapshot } from './entity-updates';
import { HistoryLoader, type HistoryChunk } from './history';
import type { HistoryCache } from './history-cache';
import { DEFAULT_RETENTION, combineRetention, sameRetention, type Retention, type RetentionRequest } from './retention';
import { monitorServices } from './services';
import { subscribeCompressedEntities } from './api/entities';
import type { Unsubscribe, WsMessage } from './api/websocket';

/**
 * Called with the entity's latest snapshot (undefined until its first state arrives) whenever its
 * data changes: a new state, or history merged into its series.
 */
export type EntityListener = (snapshot: EntitySnapshot | undefined) => void;

export interface WatchOptions {
  /** Load recorder history for this window (ms) into the entity's series. */
  historyMs?: number;
}

/** The part of `Connection` the store uses: lets tests drive it with a fake. */

/** Longest a new subscription waits for card code still downloading (a slow chunk must not hold live values back). */
export const CODE_LOAD_HOLD_MS = 2_000;
export type StoreConnection = Pick<Connection, 'subscribeMessage' | 'addEventListener' | 'sendMessagePromise'>;

export interface StoreOptions {
  /**
   * How long to gather `watch` calls before (re)subscribing. Default 0: the end of the current
   * task, so the cards a dashboard attaches together subscribe once, with no fixed delay.
   */
  batchDelayMs?: number;
  /** How long an entity no card watches stays subscribed (view switches come back quickly). */
  releaseDelayMs?: number;
  /** Samples kept per entity while it is watched (a day at one sample every 2 s). */
  samplesPerEntity?: number;
  /** Retention while no card asks for other values (default DEFAULT_RETENTION, src/ha/retention.ts). */
  retention?: Partial<Retention>;
  /** Batch delay of history requests (default 0: the end of the current task). */
  historyBatchDelayMs?: number;
  /** Backfill after a reconnect is repeated after these delays, for states the recorder had not written yet. */
  backfillRetryDelaysMs?: number[];
  now?: () => number;
  /** Persistent history cache; the store works without one. */
  cache?: Promise<HistoryCache | undefined>;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export type StoreStatus = 'idle' | 'subscribing' | 'live' | 'reconnecting';

/**
 * Ids of metrics measured by HA Vitals itself (websocket round trip, Assist stage latencies, ...)
 * rather than read from a Home Assistant entity. Cards watch them exactly like entities.
 */
export const VIRTUAL_PREFIX = 'vitals.';
export const isVirtualMetric = (id: string) => id.startsWith(VIRTUAL_PREFIX);

interface Watched {
  listeners: Set<EntityListener>;
  /** Recent samples, raw, up to `samplesPerEntity`. */
  series: TimeSeries;
  /** The window: how far back `series` and `older` reach. */
  windowMs: number;
  /**
   * The part of the window the raw series had no room for (and long-term statistics rows with
   * their min and max), as buckets: created on first use, so short windows never pay for it.
   */
  older?: BucketSeries;
  /** The span statistics summaries cover (first row to last row's end): raw samples in it are already in `older`. */
  statistics?: { from: number; until: number };
  /** Server stamp of the last live state recorded (a future one is stored at its arrival time). */
  lastStamp?: number;
}

/** What the store corrected in the data it received (shown by diagnostics, asserted by tests). */
export interface DataNotes {
  /** States stamped more than 5 min ahead of this browser's clock: recorded at their arrival time. */
  futureStamps: number;
  /** The last such state. */
  lastFutureStamp?: { entityId: string; stamp: number; receivedAt: number };
  /** States and history rows whose value was ±Infinity or |x| ≥ 1e30: recorded as gaps. */
  absurdValues: number;
}

/** Windows from this long are drawn from statistics first, while the raw states load. */
export const PREVIEW_MIN_WINDOW_MS = 12 * 3_600_000;

/** How far ahead of this browser's clock a server stamp may be before it is taken as "now". */
export const MAX_FUTURE_STAMP_MS = 5 * 60_000;

export class VitalsStore {
  readonly snapshots = new Map<string, EntitySnapshot>();
  private readonly watched = new Map<string, Watched>();
  private subscribedIds = new Set<string>();
  private unsubscribe?: () => void;
  private pendingSync?: unknown;
  private releaseTimer?: unknown;
  private generation = 0;
  private statusValue: StoreStatus = 'idle';
  private readonly statusListeners = new Set<(status: StoreStatus) => void>();
  private readonly deliveryListeners = new Set<(serverMs: number, arrivalMs: number) => void>();
  /** Milliseconds this store spent decoding and recording updates: the monitor's own overhead. */
  overheadMs = 0;
  /** Subscriptions made so far: the e2e suite asserts one per dashboard load. */
  subscriptionCount = 0;
  /** Corrections made to incoming data: future stamps clamped, absurd values taken as gaps. */
  readonly dataNotes: DataNotes = { futureStamps: 0, absurdValues: 0 };
  readonly history: HistoryLoader;
  private readonly opts: Required<Omit<StoreOptions, 'retention'>>;
  /** What the attached cards ask for (`retention:`), and the values in force. */
  private readonly retentionRequests = new Set<RetentionRequest>();
  private readonly retentionDefaults: Retention;
  private retentionValue: Retention;
  /** The cache once open (undefined before, or where IndexedDB is unavailable). */
  private openCache?: HistoryCache;
  private prunePending = false;
  /** Newest sample time across watched entities when the websocket dropped: backfill starts there. */
  private disconnectedAfter?: number;

  constructor(
    private readonly connection: StoreConnection,
    options: StoreOptions = {},
  ) {
    this.opts = {
      batchDelayMs: options.batchDelayMs ?? 0,
      releaseDelayMs: options.releaseDelayMs ?? 30_000,
      samplesPerEntity: options.samplesPerEntity ?? 43_200,
      historyBatchDelayMs: options.historyBatchDelayMs ?? 0,
      backfillRetryDelaysMs: options.backfillRetryDelaysMs ?? [2_000, 7_000],
      now: options.now ?? (() => Date.now()),
      cache: options.cache ?? Promise.resolve(undefined),
      setTimeout: options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms)),
      clearTimeout: options.clearTimeout ?? ((h) => globalThis.clearTimeout(h as number)),
    };
    this.history = new HistoryLoader(connection, (id, chunk) => this.mergeHistory(id, chunk), {
      batchDelayMs: this.opts.historyBatchDelayMs,
      now: this.opts.now,
      setTimeout: this.opts.setTimeout,
    });
    this.retentionDefaults = { ...DEFAULT_RETENTION, ...options.retention };
    this.retentionValue = this.retentionDefaults;
    // Registered before any history load can await the cache: its first read has the limits.
    void this.opts.cache.then((cache) => {
      this.openCache = cache;
      this.applyCacheLimits();
    });
    connection.addEventListener('disconnected', () => {
      if (this.disconnectedAfter === undefined) this.disconnectedAfter = this.newestSampleTime();
      this.setStatus('reconnecting');
    });
    connection.addEventListener('ready', () => {
      if (!this.unsubscribe) return;
      this.setStatus('live');
      this.backfillOutage();
    });
  }

  get status(): StoreStatus {
    return this.statusValue;
  }

  onStatus(listener: (status: StoreStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /**
   * Start watching an entity. The listener gets the current snapshot (if known) at once and
   * every change after. Returns the function that stops watching.
   */
  watch(entityId: string, listener: EntityListener, options: WatchOptions = {}): () => void {
    let entry = this.watched.get(entityId);
    const windowMs = Math.max(options.historyMs ?? 0, this.retentionValue.liveWindowMs);
    if (!entry) {
      entry = this.newEntry(windowMs, isVirtualMetric(entityId));
      this.watched.set(entityId, entry);
    } else if (entry.windowMs < windowMs) {
      // A card wants a longer window than the series keeps: widen it, keeping what it holds.
      entry = this.widen(entityId, entry, windowMs);
    }
    entry.listeners.add(listener);
    const known = this.snapshots.get(entityId);
    if (known) listener(known);
    if (!isVirtualMetric(entityId) && !this.subscribedIds.has(entityId)) this.scheduleSync(this.opts.batchDelayMs);
    if (options.historyMs && !isVirtualMetric(entityId)) void this.loadHistory(entityId, options.historyMs);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      entry.listeners.delete(listener);
      if (entry.listeners.size === 0) this.scheduleRelease();
    };
  }

  /** The entity's series made to keep `windowMs`, with what it holds. */
  private widen(entityId: string, entry: Watched, windowMs: number): Watched {
    const wider = this.newEntry(windowMs, isVirtualMetric(entityId), entry.listeners);
    wider.older = entry.older?.rebinned(bucketWidthFor(windowMs), windowMs);
    wider.statistics = entry.statistics;
    wider.lastStamp = entry.lastStamp;
    entry.series.forEachInRange(-Infinity, Infinity, (t, v) => wider.series.append(t, v));
    this.watched.set(entityId, wider);
    return wider;
  }

  /** The retention in force: per key the largest value an attached card asks for, else the default. */
  get retention(): Retention {
    return { ...this.retentionValue };
  }

  /**
   * A card's `retention:` (plain numbers: src/ha/retention.ts). Returns the function that withdraws
   * it (the card is detached or its config changed). Takes effect at once: a longer live window
   * widens the series already held (a shorter one applies to series created from then on), and the
   * cache gets the new limits (what is now too old or beyond the cap is deleted once the
   * dashboard's cards have loaded, so a card still loading can ask for more first).
   */
  requestRetention(request: RetentionRequest): () => void {
    const own = { ...request };
    this.retentionRequests.add(own);
    this.retentionChanged();
    return () => {
      if (this.retentionRequests.delete(own)) this.retentionChanged();
    };
  }

  private retentionChanged(): void {
    const next = combineRetention(this.retentionRequests, this.retentionDefaults);
    if (sameRetention(next, this.retentionValue)) return;
    const wider = next.liveWindowMs > this.retentionValue.liveWindowMs;
    this.retentionValue = next;
    if (wider) {
      for (const [id, entry] of [...this.watched]) if (entry.windowMs < next.liveWindowMs) this.widen(id, entry, next.liveWindowMs);
    }
    this.applyCacheLimits();
  }

  /**
   * Hand the cache the limits in force (its reads filter by them at once, with this store's clock),
   * and delete what they exclude once the card code still loading has settled.
   */
  private applyCacheLimits(): void {
    const cache = this.openCache;
    if (!cache) return;
    cache.configure({ maxBytes: this.retentionValue.cacheBytes, maxAgeMs: this.retentionValue.cacheAgeMs, now: this.opts.now });
    if (this.prunePending) return;
    this.prunePending = true;
    // After the code still loading, and after the current task: cards that leave and cards that
    // arrive in one go (a view switch, a config edit) are counted together.
    void codeLoadsSettled(CODE_LOAD_HOLD_MS)
      .then(() => new Promise((resolve) => this.opts.setTimeout(() => resolve(undefined), 0)))
      .then(() => {
        this.prunePending = false;
        return cache.prune();
      })
      .catch((err) => console.warn('ha-vitals: pruning the history cache failed', err));
  }

  /**
   * Record a sample of a metric HA Vitals measures itself (`vitals.*`). Kept even while no card
   * watches it, so a card added later shows what was measured before.
   */
  record(metricId: string, t: number, value: number, attributes: Record<string, unknown> = {}): void {
    let entry = this.watched.get(metricId);
    if (!entry) {
      entry = this.newEntry(this.retentionValue.liveWindowMs, true);
      this.watched.set(metricId, entry);
    }
    entry.series.append(t, value);
    const previous = this.snapshots.get(metricId);
    const snapshot: EntitySnapshot = {
      entityId: metricId,
      state: Number.isFinite(value) ? String(value) : 'unavailable',
      attributes: previous && Object.keys(attributes).length === 0 ? previous.attributes : attributes,
      lastChanged: t,
      lastUpdated: t,
    };
    this.snapshots.set(metricId, snapshot);
    for (const l of entry.listeners) l(snapshot);
  }

  /** History and live samples of a watched entity, in time order (gaps are NaN): the recent, raw part of its window. */
  series(entityId: string): TimeSeries | undefined {
    return this.watched.get(entityId)?.series;
  }

  /**
   * The rest of the window as min / max / mean buckets: what the raw series had no room for, and
   * long-term statistics beyond the recorder's raw window. Undefined while the raw series holds it all.
   */
  olderBuckets(entityId: string): BucketSeries | undefined {
    return this.watched.get(entityId)?.older;
  }

  /**
   * History for a window: first what the persistent cache has (painted at once), then only the
   * ranges it lacks from the recorder; the result is saved back to the cache.
   */
  private async loadHistory(entityId: string, windowMs: number): Promise<void> {
    try {
      // cache_size_mb 0: no cache at all.
      const cache = this.retentionValue.cacheBytes > 0 ? await this.opts.cache : undefined;
      if (cache?.mayHold(entityId) && this.history.coverage(entityId) === undefined) {
        // Cards attached, detached and re-attached within milliseconds (the frontend does that on
        // first render) all wait for the one restore, instead of fetching the whole window.
        let restore = this.restores.get(entityId);
        if (!restore) {
          restore = this.restoreFromCache(entityId, cache);
          this.restores.set(entityId, restore);
        }
        await restore;
      }
      await this.history.ensure(entityId, windowMs, { preview: this.wantsPreview(entityId, windowMs) });
      if (cache) await this.persist(entityId, cache);
    } catch (err) {
      console.warn('ha-vitals: history failed', err);
    }
  }

  private readonly restores = new Map<string, Promise<void>>();

  /** Entities whose cached history is read in the next batch, and the batch. */
  private readonly restoreQueue = new Set<string>();
  private restoreBatch?: Promise<void>;

  /**
   * Read the cached history of every entity asked for in this task together, then ask the
   * recorder for what each lacks in one go: the history requests of a dashboard's cards leave
   * together (one request per distinct start), without a fixed gather delay.
   */
  private restoreFromCache(entityId: string, cache: HistoryCache): Promise<void> {
    this.restoreQueue.add(entityId);
    this.restoreBatch ??= Promise.resolve().then(async () => {
      const ids = [...this.restoreQueue];
      this.restoreQueue.clear();
      this.restoreBatch = undefined;
      const loaded = await Promise.all(ids.map(async (id) => [id, await cache.load(id, await this.unitOf(id))] as const));
      const backfills: Promise<void>[] = [];
      for (const [id, cached] of loaded) {
        if (!cached || cached.times.length === 0) continue;
        this.mergeHistory(id, { times: [...cached.times], values: [...cached.values], source: 'history' });
        this.history.markCovered(id, cached.from);
        backfills.push(this.history.backfill([id], cached.times[cached.times.length - 1]));
      }
      await Promise.all(backfills);
    });
    return this.restoreBatch;
  }

  /**
   * The states the frontend already holds (`hass.states`), set by the cards: an entity's unit is
   * known from them before our own subscription delivers its first state, so the cache can be
   * read at once.
   */
  frontendStates?: Record<string, { attributes?: Record<string, unknown> } | undefined>;

  /**
   * A long window of a measurement sensor is first drawn from its statistics (see EnsureOptions):
   * only those sensors have min / max / mean statistics.
   */
  private wantsPreview(entityId: string, windowMs: number): boolean {
    if (windowMs < PREVIEW_MIN_WINDOW_MS) return false;
    const attributes = this.snapshots.get(entityId)?.attributes ?? this.frontendStates?.[entityId]?.attributes;
    return attributes?.state_class === 'measurement';
  }

  /** The entity's unit, once its first state arrived (cache entries are only valid for the same unit). */
  private unitOf(entityId: string, timeoutMs = 5_000): Promise<string> {
    const read = () => String(this.snapshots.get(entityId)?.attributes.unit_of_measurement ?? '');
    if (this.snapshots.has(entityId)) return Promise.resolve(read());
    const known = this.frontendStates?.[entityId];
    if (known) return Promise.resolve(String(known.attributes?.unit_of_measurement ?? ''));
    return new Promise((resolve) => {
      // An entity that never reports (deleted, misspelt) must not stay watched forever.
      const timer = this.opts.setTimeout(() => finish(), timeoutMs);
      const finish = () => {
        this.opts.clearTimeout(timer);
        queueMicrotask(() => stop());
        resolve(read());
      };
      const stop = this.watch(entityId, (snapshot) => snapshot && finish());
    });
  }

  private async persist(entityId: string, cache: HistoryCache): Promise<void> {
    // Saving applies the cache's limits: wait until the dashboard's cards (code still loading) have
    // said what they want kept.
    await codeLoadsSettled(CODE_LOAD_HOLD_MS);
    if (this.retentionValue.cacheBytes === 0) return;
    const entry = this.watched.get(entityId);
    const covered = this.history.coverage(entityId);
    if (!entry || covered === undefined || entry.series.length === 0) return;
    const { times, values } = entry.series.copyRange();
    // The cache holds raw samples only: when the older part of the window is in buckets, the
    // cache covers from the first raw sample, and a reload fetches the older part again.
    const from = entry.older && !entry.older.isEmpty ? Math.max(covered, times[0]) : covered;
    await cache.save(entityId, String(this.snapshots.get(entityId)?.attributes.unit_of_measurement ?? ''), from, times, values, this.opts.now());
  }

  /**
   * Entity series trim by this store's clock and store a stamp from a clock that was ahead as
   * "now" (history rows included). Virtual metrics are stamped by this browser: no clamp needed.
   */
  private newEntry(windowMs: number, virtual: boolean, listeners = new Set<EntityListener>()): Watched {
    const entry: Watched = { listeners, windowMs, series: undefined as unknown as TimeSeries };
    entry.series = new TimeSeries({
      capacity: this.opts.samplesPerEntity,
      maxAgeMs: windowMs,
      maxFutureMs: MAX_FUTURE_STAMP_MS,
      now: virtual ? undefined : this.opts.now,
      onEvict: (t, v) => {
        // Samples a statistics summary already covers are not counted twice.
        if (entry.statistics && t >= entry.statistics.from && t < entry.statistics.until) return;
        this.olderOf(entry).add(t, v);
      },
    });
    return entry;
  }

  private olderOf(entry: Watched): BucketSeries {
    entry.older ??= new BucketSeries({ bucketMs: bucketWidthFor(entry.windowMs), maxAgeMs: entry.windowMs });
    return entry.older;
  }

  private newestSampleTime(): number {
    let newest = -Infinity;
    for (const { series } of this.watched.values()) {
      const last = series.latest();
      if (last && last.t > newest) newest = last.t;
    }
    return Number.isFinite(newest) ? newest : this.opts.now();
  }

  /** After a reconnect: fetch what the recorder saw while we were away, so the series has no hole. */
  private backfillOutage(): void {
    const from = this.disconnectedAfter;
    this.disconnectedAfter = undefined;
    const ids = [...this.subscribedIds];
    if (from === undefined || ids.length === 0) return;
    // The recorder writes to its database every commit interval (5 s by default), and history
    // reads only the database: states of the last seconds before the reconnect are not there
    // yet. Ask again once they are; timestamps deduplicate what came twice.
    const fetch = () =>
      this.history.backfill(ids, from).catch((err) => console.warn('ha-vitals: backfill after reconnect failed', err));
    void fetch();
    for (const delay of this.opts.backfillRetryDelaysMs) this.opts.setTimeout(() => void fetch(), delay);
  }

  private mergeHistory(entityId: string, chunk: HistoryChunk): void {
    const entry = this.watched.get(entityId);
    if (!entry) return;
    this.dataNotes.absurdValues += chunk.absurd ?? 0;
    const snapshot = this.snapshots.get(entityId);
    if (chunk.source === 'statistics') {
      // Statistics are summaries, not samples: they go into the buckets (the line and a min/max
      // band on charts), never into the raw series that detectors and the cache read.
      const older = this.olderOf(entry);
      for (let i = 0; i < chunk.times.length; i++) {
        older.addSummary(chunk.times[i], chunk.mins?.[i] ?? Number.NaN, chunk.maxs?.[i] ?? Number.NaN, chunk.values[i]);
      }
      if (chunk.times.length > 0) {
        // Statistics may cover only part of the window (a sensor that got a state_class lately):
        // raw samples outside what they cover still go into the buckets.
        const from = chunk.times[0];
        const until = chunk.times[chunk.times.length - 1] + (chunk.periodMs ?? 0);
        const known = entry.statistics;
        entry.statistics = known ? { from: Math.min(known.from, from), until: Math.max(known.until, until) } : { from, until };
      }
      for (const l of entry.listeners) l(snapshot);
      return;
    }
    const before = entry.series.futureStamps;
    entry.series.appendBatch(chunk.times, chunk.values);
    this.dataNotes.futureStamps += entry.series.futureStamps - before;
    for (const l of entry.listeners) l(snapshot);
  }

  /**
   * A websocket subscription for other modules of src/ha (the MQTT notification claim), so they
   * share this store's connection; cards never use it.
   */
  subscribeMessage<T>(onEvent: (event: T) => void, message: WsMessage): Promise<Unsubscribe> {
    return this.connection.subscribeMessage<T>(onEvent, message);
  }

  /** A background service call on this store's connection (MQTT claims and reports): not counted as the user's. */
  callService(domain: string, service: string, data: Record<string, unknown>): Promise<unknown> {
    return monitorServices(this.connection).callService(domain, service, data);
  }

  /** Entities some card currently watches. */
  get watchedIds(): string[] {
    return [...this.watched.entries()].filter(([, w]) => w.listeners.size > 0).map(([id]) => id);
  }

  private setStatus(status: StoreStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    for (const l of this.statusListeners) l(status);
  }

  private scheduleSync(delay: number): void {
    if (this.pendingSync !== undefined) return;
    this.pendingSync = this.opts.setTimeout(() => {
      // Card code still downloading will watch too: subscribe once for all of it (bounded wait).
      void codeLoadsSettled(CODE_LOAD_HOLD_MS).then(() => {
        this.pendingSync = undefined;
        void this.sync();
      });
    }, delay);
  }

  private scheduleRelease(): void {
    if (this.releaseTimer !== undefined) this.opts.clearTimeout(this.releaseTimer);
    this.releaseTimer = this.opts.setTimeout(() => {
      this.releaseTimer = undefined;
      for (const [id, w] of this.watched) {
        if (w.listeners.size === 0 && !isVirtualMetric(id)) {
          this.watched.delete(id);
          this.snapshots.delete(id);
        }
      }
      void this.sync();
    }, this.opts.releaseDelayMs);
  }

  /** Make the one subscription cover exactly the watched entities. */
  private async sync(): Promise<void> {
    const wanted = new Set([...this.watched.keys()].filter((id) => !isVirtualMetric(id)));
    if (sameSet(wanted, this.subscribedIds) && (this.unsubscribe || wanted.size === 0)) return;
    const previous = this.unsubscribe;
    this.unsubscribe = undefined;
    this.subscribedIds = wanted;
    const generation = ++this.generation;
    if (wanted.size > 0) {
      this.setStatus('subscribing');
      this.subscriptionCount++;
      try {
        const unsub = await subscribeCompressedEntities(this.connection, [...wanted].sort(), (msg) => {
          if (generation === this.generation) this.ingest(msg);
        });
        if (generation !== this.generation) {
          void unsub();
        } else {
          this.unsubscribe = () => void unsub();
          this.setStatus('live');
        }
      } catch (err) {
        // Subscribing failed (connection lost mid-request): try again with the next change.
        this.subscribedIds = new Set();
        this.setStatus('reconnecting');
        console.warn('ha-vitals: subscribe_entities failed', err);
      }
    } else {
      this.setStatus('idle');
    }
    // Drop the old subscription only after the new one is live, so no change falls between them.
    previous?.();
  }

  /** Be told, for every live state change, when the server stamped it and when it arrived here. */
  onDelivery(listener: (serverMs: number, arrivalMs: number) => void): () => void {
    this.deliveryListeners.add(listener);
    return () => this.deliveryListeners.delete(listener);
  }

  private ingest(message: CompressedEntityMessage): void {
    const started = performance.now();
    const arrival = this.opts.now();
    applyEntityMessage(message, this.snapshots, {
      onState: (snapshot, initial) => {
        if (!initial) for (const l of this.deliveryListeners) l(snapshot.lastUpdated, arrival);
        const entry = this.watched.get(snapshot.entityId);
        if (!entry) return;
        // A resubscription replays the current state: record it only if it is new. A first state
        // that history already holds (history came first) is not a sample, but its attributes
        // (unit, name, state class) are news to the listeners.
        // A stamp too far ahead of this browser's clock (HA's clock was ahead, then corrected) is
        // recorded at its arrival time: compared as stamped, it would make every later state
        // look old, and the entity would go blind until the clock caught up.
        const stamp = snapshot.lastUpdated;
        const future = stamp > arrival + MAX_FUTURE_STAMP_MS;
        const t = future ? arrival : stamp;
        const last = entry.series.latest();
        const isNew = stamp !== entry.lastStamp && (!last || t > last.t);
        if (isNew) {
          const raw = parseStateNumber(snapshot.state);
          const absurd = isAbsurdValue(raw);
          if (absurd) this.dataNotes.absurdValues++;
          if (future) {
            this.dataNotes.futureStamps++;
            this.dataNotes.lastFutureStamp = { entityId: snapshot.entityId, stamp, receivedAt: arrival };
          }
          entry.series.append(t, absurd ? Number.NaN : raw);
          entry.lastStamp = stamp;
        }
        if (isNew || initial) for (const l of entry.listeners) l(snapshot);
      },
      onRemoved: (entityId) => {
        // The entity was deleted or renamed: a gap, and listeners see it gone.
        const entry = this.watched.get(entityId);
        if (!entry) return;
        entry.series.append(this.opts.now(), Number.NaN);
        for (const l of entry.listeners) l(undefined);
      },
    });
    this.overheadMs += performance.now() - started;
  }
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

const stores = new WeakMap<object, VitalsStore>();

/**
 * The persistent history cache, opened as soon as this module loads (Home Assistant loads the
 * resource at start, long before a dashboard attaches its cards): a card's first history request
 * must not wait for IndexedDB to open (tens of ms on a profile's first use). The frontend is
 * served by the instance itself, so the origin names the instance in the cache.
 */
const sharedCache: Promise<HistoryCache | undefined> =
  typeof indexedDB === 'undefined' ? Promise.resolve(undefined) : import('./history-cache').then(({ HistoryCache }) => HistoryCache.open(location.origin));

/** The store of a connection, created on first use: every card on a dashboard shares it. */
export function storeFor(connection: StoreConnection): VitalsStore {
  let store = stores.get(connection);
  if (!store) {
    store = new VitalsStore(connection, { cache: sharedCache });
    stores.set(connection, store);
  }
  return store;
}
