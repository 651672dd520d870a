/**
 * The household's alert decisions (acks, snoozes, silences, who sent what), shared through Home
 * Assistant so that every device — and every user, admin or not — sees the same document.
 *
 * Where: one MQTT-discovered entity, `sensor.ha_vitals_alert_state`, whose attributes are the
 * document (core/alerts/shared-state.ts). Writing goes through the `mqtt.publish` service and
 * reading through the ordinary entity subscription, both of which every user may use (the
 * admin-only `mqtt/subscribe` is not needed), and the retained message survives a restart of
 * Home Assistant. Each device merges what it receives into its own copy and publishes the merge
 * when the received document lacks something it knows: concurrent changes converge instead of
 * the last writer winning. The tabs of one browser also share the copy through localStorage
 * (instant, and all there is when Home Assistant has no MQTT).
 */
import { covers, emptyShared, mergeShared, pruneShared, readShared, type SharedAlertState } from '../core/alerts/shared-state';
import type { EntitySnapshot } from './entity-updates';
import type { ServiceCaller } from './notify/types';
import { publishMqtt } from './api/mqtt';

export const SHARED_ENTITY = 'sensor.ha_vitals_alert_state';
const OBJECT_ID = 'ha_vitals_alert_state';
const LOCAL_KEY = 'ha-vitals:alert-state';

export type SharedMode = 'starting' | 'household' | 'this-browser';

export interface SharedChannelDeps {
  watch(entityId: string, listener: (snapshot: EntitySnapshot | undefined) => void): () => void;
  caller: ServiceCaller;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /** Tells the channel when another tab changed the local copy. */
  onStorage?: (listener: (key: string | null) => void) => () => void;
  now?: () => number;
  discoveryPrefix?: string;
  baseTopic?: string;
  /** How long to wait before publishing (changes made in one burst go out as one message). */
  publishDelayMs?: number;
  /** How long to wait for the entity before publishing without having seen it. */
  firstStateWaitMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export class SharedAlertChannel {
  private doc: SharedAlertState = emptyShared();
  /** The newest document seen from Home Assistant (undefined before the first). */
  private remote?: SharedAlertState;
  private readonly listeners = new Set<() => void>();
  private readonly stops: (() => void)[] = [];
  private publishTimer?: unknown;
  private announced = false;
  private started = false;
  modeValue: SharedMode = 'starting';
  /** Why sharing is off (shown by the alerts card). */
  problem?: string;
  /** Malformed entries dropped from received documents (never trusted). */
  dropped = 0;
  publishes = 0;
  private readonly opts: Required<Omit<SharedChannelDeps, 'storage' | 'onStorage' | 'watch' | 'caller'>> & Pick<SharedChannelDeps, 'storage' | 'onStorage'>;

  constructor(private readonly deps: SharedChannelDeps) {
    this.opts = {
      now: deps.now ?? (() => Date.now()),
      discoveryPrefix: deps.discoveryPrefix ?? 'homeassistant',
      baseTopic: deps.baseTopic ?? 'ha-vitals/alert-state',
      publishDelayMs: deps.publishDelayMs ?? 300,
      firstStateWaitMs: deps.firstStateWaitMs ?? 4_000,
      setTimeout: deps.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms)),
      clearTimeout: deps.clearTimeout ?? ((h) => globalThis.clearTimeout(h as number)),
      storage: deps.storage,
      onStorage: deps.onStorage,
    };
    this.doc = this.readLocal();
  }

  get mode(): SharedMode {
    return this.modeValue;
  }

  get state(): SharedAlertState {
    return this.doc;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): () => void {
    if (this.started) return () => this.stop();
    this.started = true;
    this.stops.push(this.deps.watch(SHARED_ENTITY, (snapshot) => this.receive(snapshot)));
    if (this.opts.onStorage) this.stops.push(this.opts.onStorage((key) => (key === null || key === LOCAL_KEY) && this.absorb(this.readLocal())));
    // The entity may not exist yet (first use, or no MQTT): publish what this browser knows.
    const wait = this.opts.setTimeout(() => {
      if (!this.remote) this.schedulePublish(0);
    }, this.opts.firstStateWaitMs);
    this.stops.push(() => this.opts.clearTimeout(wait));
    return () => this.stop();
  }

  stop(): void {
    this.stops.splice(0).forEach((stop) => stop());
    if (this.publishTimer !== undefined) this.opts.clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    this.started = false;
  }

  /** A local decision: merged in, saved for the other tabs, published for the other devices. */
  record(change: Partial<Omit<SharedAlertState, 'v'>>): void {
    const delta = { ...emptyShared(), ...change, v: emptyShared().v };
    this.doc = pruneShared(mergeShared(this.doc, delta), this.opts.now());
    this.saveLocal();
    this.emit();
    this.schedulePublish(this.opts.publishDelayMs);
  }

  private receive(snapshot: EntitySnapshot | undefined): void {
    if (!snapshot || snapshot.state === 'unavailable' || snapshot.state === 'unknown') return;
    const { state, dropped } = readShared(snapshot.attributes);
    this.dropped += dropped;
    this.remote = state;
    if (this.modeValue !== 'household') {
      this.modeValue = 'household';
      this.problem = undefined;
    }
    this.absorb(state);
    // The document in Home Assistant lacks something this device knows: publish the merge.
    if (!covers(state, this.doc)) this.schedulePublish(this.opts.publishDelayMs + Math.random() * 700);
    else if (this.publishTimer !== undefined) {
      this.opts.clearTimeout(this.publishTimer);
      this.publishTimer = undefined;
    }
  }

  private absorb(other: SharedAlertState): void {
    if (covers(this.doc, other)) return;
    this.doc = pruneShared(mergeShared(this.doc, other), this.opts.now());
    this.saveLocal();
    this.emit();
  }

  private schedulePublish(ms: number): void {
    if (!this.started || this.publishTimer !== undefined) return;
    this.publishTimer = this.opts.setTimeout(() => {
      this.publishTimer = undefined;
      void this.publish();
    }, ms);
  }

  private async publish(): Promise<void> {
    if (this.remote && covers(this.remote, this.doc)) return;
    const base = this.opts.baseTopic;
    const call = (topic: string, payload: string) => publishMqtt(this.deps.caller, { topic, payload, retain: true, qos: 1 });
    try {
      if (!this.announced) {
        await call(
          `${this.opts.discoveryPrefix}/sensor/${OBJECT_ID}/config`,
          JSON.stringify({
            name: 'HA Vitals alert state',
            // `object_id` names the entity up to HA 2025.x, `default_entity_id` after.
            object_id: OBJECT_ID,
            default_entity_id: SHARED_ENTITY,
            unique_id: OBJECT_ID,
            state_topic: `${base}/state`,
            json_attributes_topic: `${base}/attributes`,
            icon: 'mdi:bell-cog-outline',
            entity_category: 'diagnostic',
            device: { identifiers: ['ha_vitals_alerts'], name: 'HA Vitals alerts', manufacturer: 'HA Vitals', model: 'Alert engine' },
          }),
        );
        this.announced = true;
      }
      const doc = this.doc;
      this.publishes++;
      // Attributes first: a device that sees the state change reads the matching document.
      await call(`${base}/attributes`, JSON.stringify(doc));
      await call(`${base}/state`, String(Object.keys(doc.acks).length + Object.keys(doc.snoozes).length + Object.keys(doc.silences).length + Object.keys(doc.sent).length));
      if (this.modeValue === 'starting') this.modeValue = 'household';
    } catch (err) {
      this.modeValue = 'this-browser';
      this.problem = `acknowledgements stay in this browser: Home Assistant did not take the shared state (${(err as Error)?.message ?? String(err)})`;
      this.emit();
    }
  }

  private readLocal(): SharedAlertState {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.opts.storage?.getItem(LOCAL_KEY) ?? 'null');
    } catch {
      parsed = null;
    }
    return pruneShared(readShared(parsed).state, this.opts.now());
  }

  private saveLocal(): void {
    try {
      this.opts.storage?.setItem(LOCAL_KEY, JSON.stringify(this.doc));
    } catch {
      // Storage full or blocked: the shared copy in Home Assistant still has it.
    }
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
