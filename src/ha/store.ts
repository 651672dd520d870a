/**
 * One store per Home Assistant websocket connection. Cards never talk to the websocket:
 * they `watch` entities here, and the store keeps ONE `subscribe_entities` subscription
 * restricted to the entities some card needs (ref-counted), records every state change as a
 * sample with the server's timestamp, and releases what no card needs any more.
 */
import type { Connection, MessageBase } from 'home-assistant-js-websocket';
import { applyEntityMessage, type CompressedEntityMessage, type EntitySnapshot } from './entity-updates';
import { SampleLog } from './sample-log';

export type EntityListener = (snapshot: EntitySnapshot) => void;

/** The part of `Connection` the store uses: lets tests drive it with a fake. */
export type StoreConnection = Pick<Connection, 'subscribeMessage' | 'addEventListener'> &
  Partial<Pick<Connection, 'removeEventListener'>>;

export interface StoreOptions {
  /** How long to gather `watch` calls before (re)subscribing, so a dashboard of many cards subscribes once. */
  batchDelayMs?: number;
  /** How long an entity no card watches stays subscribed (view switches come back quickly). */
  releaseDelayMs?: number;
  /** Samples kept per entity while it is watched. */
  samplesPerEntity?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export type StoreStatus = 'idle' | 'subscribing' | 'live' | 'reconnecting';

interface Watched {
  listeners: Set<EntityListener>;
  log: SampleLog;
}

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
  /** Subscriptions made so far: the e2e suite asserts one per dashboard load. */
  subscriptionCount = 0;
  private readonly opts: Required<StoreOptions>;

  constructor(
    private readonly connection: StoreConnection,
    options: StoreOptions = {},
  ) {
    this.opts = {
      batchDelayMs: options.batchDelayMs ?? 50,
      releaseDelayMs: options.releaseDelayMs ?? 30_000,
      samplesPerEntity: options.samplesPerEntity ?? 10_000,
      setTimeout: options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms)),
      clearTimeout: options.clearTimeout ?? ((h) => globalThis.clearTimeout(h as number)),
    };
    connection.addEventListener('disconnected', () => this.setStatus('reconnecting'));
    connection.addEventListener('ready', () => {
      if (this.unsubscribe) this.setStatus('live');
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
  watch(entityId: string, listener: EntityListener): () => void {
    let entry = this.watched.get(entityId);
    if (!entry) {
      entry = { listeners: new Set(), log: new SampleLog(this.opts.samplesPerEntity) };
      this.watched.set(entityId, entry);
    }
    entry.listeners.add(listener);
    const known = this.snapshots.get(entityId);
    if (known) listener(known);
    if (!this.subscribedIds.has(entityId)) this.scheduleSync(this.opts.batchDelayMs);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      entry.listeners.delete(listener);
      if (entry.listeners.size === 0) this.scheduleRelease();
    };
  }

  /** Samples recorded for an entity since it was first watched (gaps are NaN). */
  samples(entityId: string): SampleLog | undefined {
    return this.watched.get(entityId)?.log;
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
      this.pendingSync = undefined;
      void this.sync();
    }, delay);
  }

  private scheduleRelease(): void {
    if (this.releaseTimer !== undefined) this.opts.clearTimeout(this.releaseTimer);
    this.releaseTimer = this.opts.setTimeout(() => {
      this.releaseTimer = undefined;
      for (const [id, w] of this.watched) {
        if (w.listeners.size === 0) {
          this.watched.delete(id);
          this.snapshots.delete(id);
        }
      }
      void this.sync();
    }, this.opts.releaseDelayMs);
  }

  /** Make the one subscription cover exactly the watched entities. */
  private async sync(): Promise<void> {
    const wanted = new Set(this.watched.keys());
    if (sameSet(wanted, this.subscribedIds) && (this.unsubscribe || wanted.size === 0)) return;
    const previous = this.unsubscribe;
    this.unsubscribe = undefined;
    this.subscribedIds = wanted;
    const generation = ++this.generation;
    if (wanted.size > 0) {
      this.setStatus('subscribing');
      const message: MessageBase = { type: 'subscribe_entities', entity_ids: [...wanted].sort() };
      this.subscriptionCount++;
      try {
        const unsub = await this.connection.subscribeMessage<CompressedEntityMessage>(
          (msg) => {
            if (generation === this.generation) this.ingest(msg);
          },
          message,
          { resubscribe: true },
        );
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

  private ingest(message: CompressedEntityMessage): void {
    applyEntityMessage(message, this.snapshots, {
      onState: (snapshot) => {
        const entry = this.watched.get(snapshot.entityId);
        if (!entry) return;
        // A resubscription replays the current state: record it only if it is new.
        if (entry.log.append(snapshot.lastUpdated, snapshot.state)) {
          for (const l of entry.listeners) l(snapshot);
        }
      },
      onRemoved: (entityId) => {
        const entry = this.watched.get(entityId);
        entry?.log.append(Date.now(), 'unavailable');
      },
    });
  }
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

const stores = new WeakMap<object, VitalsStore>();

/** The store of a connection, created on first use: every card on a dashboard shares it. */
export function storeFor(connection: StoreConnection): VitalsStore {
  let store = stores.get(connection);
  if (!store) {
    store = new VitalsStore(connection);
    stores.set(connection, store);
  }
  return store;
}
