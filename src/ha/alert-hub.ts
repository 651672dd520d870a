/**
 * Runs the core alert engine on live Home Assistant data and performs its notifications.
 *
 * Cards register a scope (entities + a validated `alerts:` section); the hub keeps one engine per
 * scope, feeds it every sample of those entities from the shared store (history first, so the
 * detectors start warm), evaluates on a timer, tells the engine about reconnects (no-data rules
 * hold still for the grace period), persists engine state so acks, snoozes and sent notifications
 * survive a reload, and performs intents through `callService`, each intent id at most once per
 * browser (Web Locks + a shared sent-id log in localStorage across tabs) and, where the user may
 * use MQTT, once across devices (notify-claim.ts).
 */
import { AlertEngine } from '../core/alerts/engine';
import type { AlertSnapshot, AlertTransition, NotificationIntent, Silence } from '../core/alerts/types';
import type { AlertsConfig } from '../core/config/alerts';
import type { Clock } from '../core/types';
import { MqttClaims, browserDeviceId, claimingGate, type IntentGate } from './notify-claim';
import type { VitalsStore } from './store';

export type { IntentGate } from './notify-claim';

export interface AlertScope {
  /** Stable id of the rule set (e.g. the card's entities and rules): state is persisted under it. */
  id: string;
  entities: string[];
  config: AlertsConfig;
  /** History used to warm the detectors up (ms). */
  warmupMs?: number;
}

export interface HubServices {
  callService(domain: string, service: string, data: Record<string, unknown>): Promise<unknown>;
}


export interface AlertHubOptions {
  clock?: Clock;
  evaluateEveryMs?: number;
  /** How long a scope no card uses keeps running (re-layouts detach and re-attach cards). */
  lingerMs?: number;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  gate?: IntentGate;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export interface HubAlert extends AlertSnapshot {
  scope: string;
}

export interface HubTransition extends AlertTransition {
  scope: string;
}

interface ScopeRuntime {
  scope: AlertScope;
  engine: AlertEngine;
  users: number;
  stops: (() => void)[];
  lingerTimer?: unknown;
  /** Per entity: newest sample time handed to the engine. */
  ingested: Map<string, number>;
  /** Entities whose state (and so state class) has arrived. */
  described: Set<string>;
  warm: boolean;
}

const STORAGE_PREFIX = 'ha-vitals:alerts:';
/** How long warm-up waits for the entities' first states (an entity that does not exist never sends one). */
const WARMUP_STATE_WAIT_MS = 2_000;
const SENT_KEY = 'ha-vitals:sent-intents';

/** Split "notify.mobile_app_x" → ["notify", "mobile_app_x"]. */
function splitService(service: string): [string, string] {
  const dot = service.indexOf('.');
  return [service.slice(0, dot), service.slice(dot + 1)];
}

/** Service data for an intent: text goes only to services that take it. */
export function serviceData(intent: NotificationIntent): Record<string, unknown> {
  const [domain] = splitService(intent.service);
  if (domain === 'notify' || domain === 'persistent_notification') return { title: intent.title, message: intent.message, ...intent.data };
  return { ...intent.data };
}

/** Browser gate: a Web Lock per intent id and a sent-id log shared by the tabs of this browser. */
export function browserIntentGate(storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): IntentGate {
  const read = (): Record<string, number> => {
    try {
      return JSON.parse(storage.getItem(SENT_KEY) ?? '{}') as Record<string, number>;
    } catch {
      return {};
    }
  };
  const run = async (id: string, send: () => Promise<void>) => {
    const sent = read();
    if (sent[id]) return false;
    await send();
    const now = Date.now();
    const next = read();
    next[id] = now;
    // Keep a week of ids: intents are never planned again after that.
    for (const [k, at] of Object.entries(next)) if (now - at > 7 * 86_400_000) delete next[k];
    storage.setItem(SENT_KEY, JSON.stringify(next));
    return true;
  };
  return {
    once: (id, send) =>
      navigator.locks ? (navigator.locks.request(`ha-vitals-intent-${id}`, () => run(id, send)) as unknown as Promise<boolean>) : run(id, send),
  };
}

export class AlertHub {
  private readonly scopes = new Map<string, ScopeRuntime>();
  private readonly listeners = new Set<() => void>();
  private readonly transitionLog: HubTransition[] = [];
  private timer?: unknown;
  private readonly clock: Clock;
  private readonly opts: Required<Omit<AlertHubOptions, 'clock' | 'storage' | 'gate'>> & Pick<AlertHubOptions, 'storage'> & { gate: IntentGate };
  /** Notification calls that failed (shown by the alerts card). */
  readonly failures: { intent: NotificationIntent; error: string }[] = [];
  /** Notifications this tab decided, newest last: sent from here, or left to the device that claimed them. */
  readonly deliveries: { intent: NotificationIntent; at: number; by: 'this-device' | 'other-device' }[] = [];

  constructor(
    private readonly store: VitalsStore,
    private readonly services: HubServices,
    options: AlertHubOptions = {},
  ) {
    this.clock = options.clock ?? { now: () => Date.now() };
    const storage = options.storage ?? (typeof localStorage !== 'undefined' ? localStorage : undefined);
    this.opts = {
      evaluateEveryMs: options.evaluateEveryMs ?? 5_000,
      lingerMs: options.lingerMs ?? 30_000,
      storage,
      gate: options.gate ?? claimingGate(browserIntentGate(storage), new MqttClaims(
        { subscribe: (onEvent, message) => store.subscribeMessage(onEvent, message), callService: (d, s, data) => store.callService(d, s, data) },
        { deviceId: browserDeviceId(storage) },
      )),
      setInterval: options.setInterval ?? ((fn, ms) => globalThis.setInterval(fn, ms)),
      clearInterval: options.clearInterval ?? ((h) => globalThis.clearInterval(h as number)),
    };
    store.onStatus((status) => {
      const state = status === 'reconnecting' ? 'reconnecting' : 'connected';
      for (const runtime of this.scopes.values()) runtime.engine.setConnection(state, this.clock.now());
    });
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Start alerting on a scope; returns the release function (the scope stops with its last user). */
  register(scope: AlertScope): () => void {
    let runtime = this.scopes.get(scope.id);
    if (!runtime) {
      runtime = this.start(scope);
      this.scopes.set(scope.id, runtime);
    }
    if (runtime.lingerTimer !== undefined) {
      globalThis.clearTimeout(runtime.lingerTimer as number);
      runtime.lingerTimer = undefined;
    }
    runtime.users++;
    this.ensureTimer();
    let released = false;
    const rt = runtime;
    return () => {
      if (released) return;
      released = true;
      if (--rt.users > 0) return;
      this.persist(rt);
      rt.lingerTimer = globalThis.setTimeout(() => this.stopScope(rt), this.opts.lingerMs);
    };
  }

  /** Stop now every scope no card uses (instead of after the linger time). */
  stopIdleScopes(): void {
    for (const rt of [...this.scopes.values()]) {
      if (rt.users > 0) continue;
      if (rt.lingerTimer !== undefined) globalThis.clearTimeout(rt.lingerTimer as number);
      this.stopScope(rt);
    }
  }

  private stopScope(rt: ScopeRuntime): void {
    if (rt.users > 0) return;
    rt.lingerTimer = undefined;
    this.persist(rt);
    rt.stops.forEach((stop) => stop());
    this.scopes.delete(rt.scope.id);
    if (this.scopes.size === 0 && this.timer !== undefined) {
      this.opts.clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** The rules a scope runs (cards show escalation steps for alerts of any scope). */
  scopeConfig(scopeId: string): AlertsConfig | undefined {
    return this.scopes.get(scopeId)?.scope.config;
  }

  /** Every alert of every scope, firing first, then pending, by severity. */
  alerts(): HubAlert[] {
    const now = this.clock.now();
    const rank = { firing: 0, pending: 1, resolved: 2, inactive: 3 } as const;
    const severity = { critical: 0, warning: 1, info: 2 } as const;
    return [...this.scopes.values()]
      .flatMap((rt) => rt.engine.alerts(now).map((a) => ({ ...a, scope: rt.scope.id })))
      .sort((a, b) => rank[a.state] - rank[b.state] || severity[a.severity] - severity[b.severity] || a.key.localeCompare(b.key));
  }

  /** Recent transitions, newest last (bounded). */
  get transitions(): readonly HubTransition[] {
    return this.transitionLog;
  }

  ack(scopeId: string, alertKey: string, by?: string): boolean {
    return this.act(scopeId, (engine) => engine.ack(alertKey, by, this.clock.now()));
  }

  snooze(scopeId: string, alertKey: string, forMs: number): boolean {
    return this.act(scopeId, (engine) => engine.snooze(alertKey, this.clock.now() + forMs));
  }

  silence(scopeId: string, silence: Silence): boolean {
    return this.act(scopeId, (engine) => {
      engine.addSilence(silence);
      return true;
    });
  }

  /** Evaluate every scope now and perform what is due. */
  async evaluate(): Promise<void> {
    const now = this.clock.now();
    for (const rt of this.scopes.values()) {
      if (!rt.warm) continue;
      this.feed(rt);
      const { transitions, intents } = rt.engine.evaluate(now);
      this.log(rt, transitions);
      // Persist first (the plan, with its sent-log, survives the tab closing mid-way), then perform
      // the batch concurrently: each intent may wait on its cross-device claim.
      if (transitions.length || intents.length) this.persist(rt);
      await Promise.all(intents.map((intent) => this.perform(intent)));
    }
    if (this.scopes.size) this.emit();
  }

  private start(scope: AlertScope): ScopeRuntime {
    const saved = this.opts.storage?.getItem(STORAGE_PREFIX + scope.id);
    let engine: AlertEngine;
    try {
      engine = saved ? AlertEngine.fromJSON(JSON.parse(saved), { config: scope.config, clock: this.clock }) : new AlertEngine({ config: scope.config, clock: this.clock });
    } catch {
      // A state from an older version or another rule set: start fresh rather than fail.
      engine = new AlertEngine({ config: scope.config, clock: this.clock });
    }
    const runtime: ScopeRuntime = { scope, engine, users: 0, stops: [], ingested: new Map(), described: new Set(), warm: false };
    // A restored engine has already judged samples up to its last one: replaying them again would
    // start new episodes (and lose acknowledgements). Its detectors start afresh from there.
    for (const alert of engine.alerts(this.clock.now())) {
      if (alert.lastSampleAt === undefined) continue;
      runtime.ingested.set(alert.seriesId, Math.max(runtime.ingested.get(alert.seriesId) ?? -Infinity, alert.lastSampleAt));
    }
    const historyMs = scope.warmupMs ?? 3_600_000;
    for (const entity of scope.entities) {
      runtime.stops.push(
        this.store.watch(
          entity,
          (snapshot) => {
            // Before any sample is judged: counters get their anomaly rules judged on the rate.
            const stateClass = snapshot?.attributes.state_class;
            if (typeof stateClass === 'string') runtime.engine.describeSeries(entity, { stateClass });
            if (snapshot) runtime.described.add(entity);
            if (runtime.warm) this.feed(runtime);
          },
          { historyMs },
        ),
      );
    }
    void Promise.all(scope.entities.map((e) => this.store.history.ensure(e, historyMs).catch(() => undefined))).then(() => this.warmUp(runtime));
    return runtime;
  }

  /**
   * Replay the loaded history through the engine so detectors and rule states start where the
   * data is. What that replay would notify happened before this dashboard was watching: it is
   * shown in the cards, not sent.
   */
  private warmUp(runtime: ScopeRuntime, waited = 0): void {
    if (!this.scopes.has(runtime.scope.id) && runtime.users === 0) return;
    // History can come before the entities' states: wait a little for them, so a counter's
    // detectors learn its rate from the start instead of being swapped for cold ones later.
    if (waited < WARMUP_STATE_WAIT_MS && runtime.scope.entities.some((e) => !runtime.described.has(e))) {
      setTimeout(() => this.warmUp(runtime, waited + 250), 250);
      return;
    }
    this.feed(runtime);
    const { transitions } = runtime.engine.evaluate(this.clock.now());
    this.log(runtime, transitions);
    runtime.warm = true;
    this.persist(runtime);
    this.emit();
  }

  /** Hand the engine every sample newer than what it has seen, in time order. */
  private feed(runtime: ScopeRuntime): void {
    for (const entity of runtime.scope.entities) {
      const series = this.store.series(entity);
      if (!series) continue;
      const after = runtime.ingested.get(entity) ?? -Infinity;
      let newest = after;
      series.forEachInRange(after, Infinity, (t, v) => {
        if (t <= after) return;
        runtime.engine.ingest(entity, t, v);
        newest = t;
      });
      runtime.ingested.set(entity, newest);
    }
  }

  private async perform(intent: NotificationIntent): Promise<void> {
    const [domain, service] = splitService(intent.service);
    try {
      let sent = false;
      const handled = await this.opts.gate.once(intent.id, async () => {
        await this.services.callService(domain, service, serviceData(intent));
        sent = true;
      });
      // Handled here but not sent: another device claimed it. Not handled: another tab of this browser did.
      if (handled) {
        this.deliveries.push({ intent, at: this.clock.now(), by: sent ? 'this-device' : 'other-device' });
        if (this.deliveries.length > 50) this.deliveries.shift();
        this.emit();
      }
    } catch (err) {
      this.failures.push({ intent, error: (err as Error)?.message ?? String(err) });
      if (this.failures.length > 50) this.failures.shift();
    }
  }

  private act(scopeId: string, action: (engine: AlertEngine) => boolean): boolean {
    const rt = this.scopes.get(scopeId);
    if (!rt) return false;
    const done = action(rt.engine);
    if (done) {
      this.persist(rt);
      this.emit();
    }
    return done;
  }

  private log(rt: ScopeRuntime, transitions: AlertTransition[]): void {
    for (const t of transitions) this.transitionLog.push({ ...t, scope: rt.scope.id });
    if (this.transitionLog.length > 200) this.transitionLog.splice(0, this.transitionLog.length - 200);
  }

  private persist(rt: ScopeRuntime): void {
    try {
      this.opts.storage?.setItem(STORAGE_PREFIX + rt.scope.id, JSON.stringify(rt.engine.toJSON()));
    } catch {
      // Storage full or blocked: alerting goes on, only a reload would forget acks.
    }
  }

  private ensureTimer(): void {
    if (this.timer !== undefined) return;
    this.timer = this.opts.setInterval(() => void this.evaluate(), this.opts.evaluateEveryMs);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

const hubs = new WeakMap<VitalsStore, AlertHub>();

export function alertHubFor(store: VitalsStore, services: HubServices): AlertHub {
  let hub = hubs.get(store);
  if (!hub) {
    hub = new AlertHub(store, services);
    hubs.set(store, hub);
  }
  return hub;
}
