/**
 * Runs the core alert engine on live Home Assistant data.
 *
 * Cards register a scope (entities + a validated `alerts:` section); the hub keeps one engine per
 * scope, feeds it every sample of those entities from the shared store (history first, so the
 * detectors start warm), evaluates on a timer, tells the engine about reconnects (no-data rules
 * hold still for the grace period) and persists engine state (alert-persistence.ts).
 *
 * Decisions people make — acknowledge, snooze, silence — go into the household's shared alert
 * state (shared-alert-state.ts) and are applied from there to every scope on every device, so an
 * ack on the phone stops escalation on the wall tablet. Notifications leave through the delivery
 * pipeline (notify/pipeline.ts), on this store's connection; cards never pass a way to call
 * services.
 */
import { AlertEngine } from '../core/alerts/engine';
import { episodeOf, type SharedAlertState } from '../core/alerts/shared-state';
import { NotificationRateLimit } from '../core/alerts/rate-limit';
import { fnv1a64 } from '../core/alerts/intent-id';
import { notifyTagOf, withNotifyTag } from '../core/alerts/notify-tag';
import type { AlertSnapshot, AlertTransition, NotificationIntent, Silence } from '../core/alerts/types';
import { browserDelivery, isServiceAllowed, type AlertsConfig } from '../core/config/alerts';
import type { Clock } from '../core/types';
import { removeStaleScopes, restoreEngine, saveEngine, type ScopeStorage } from './alert-persistence';
import { browserDeviceId, browserDeviceName } from './device-identity';
import { browserIntentGate } from './notify/browser-once';
import { EvaluationHeartbeat } from './heartbeat';
import { MqttClaims, type IntentGate } from './notify/claim';
import { buildPipeline, type Deliver } from './notify/pipeline';
import type { Delivery, ServiceCaller } from './notify/types';
import { SharedAlertChannel } from './shared-alert-state';
import type { VitalsStore } from './store';

export type { IntentGate } from './notify/claim';
export type { Delivery } from './notify/types';
export { serviceData } from './notify/stages';
export { browserIntentGate } from './notify/browser-once';

export interface AlertScope {
  /** Stable id of the rule set (e.g. the card's entities and rules): state is persisted under it. */
  id: string;
  entities: string[];
  config: AlertsConfig;
  /** History used to warm the detectors up (ms). */
  warmupMs?: number;
  /**
   * A watchdog automation watches this scope's browser rules: publish the evaluation heartbeat.
   * Opt-in: without a watchdog the sensors would be MQTT entities (and broker traffic) nobody asked for.
   */
  heartbeat?: boolean;
}

export interface AlertHubOptions {
  clock?: Clock;
  evaluateEveryMs?: number;
  /** How long a scope no card uses keeps running (re-layouts detach and re-attach cards). */
  lingerMs?: number;
  storage?: ScopeStorage;
  /** How services are called (default: this store's connection). */
  caller?: ServiceCaller;
  /** Once per browser (default: Web Locks + the sent-id log). */
  gate?: IntentGate;
  /** Once across devices (default: MQTT claims through Home Assistant's broker). */
  claims?: Pick<MqttClaims, 'run'>;
  /** The household's shared decisions (default: the entity channel on this store). */
  shared?: SharedAlertChannel;
  /** Household cap on notifications (default 60 per hour). */
  notificationsPerHour?: number;
  deviceId?: string;
  deviceName?: string;
  /** The watchdog heartbeat (default: MQTT discovery sensors through `caller`). */
  heartbeat?: EvaluationHeartbeat;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  /** Whether this tab is hidden now (default: the document's visibility). */
  hidden?: () => boolean;
}

export interface HubAlert extends AlertSnapshot {
  scope: string;
}

export interface HubTransition extends AlertTransition {
  scope: string;
}

interface ScopeRuntime {
  scope: AlertScope;
  /** Short, stable key of the scope in the shared state and in intent ids. */
  tag: string;
  engine: AlertEngine;
  users: number;
  stops: (() => void)[];
  lingerTimer?: unknown;
  /** Per entity: newest sample time handed to the engine. */
  ingested: Map<string, number>;
  /** Entities whose state (and so state class) has arrived. */
  described: Set<string>;
  warm: boolean;
  /** When the scope started: samples up to here are history (shown, not notified), later ones are live. */
  startedAt: number;
  /** Why the saved state was not used, if it was not. */
  restoreProblem?: string;
}

/** How long warm-up waits for the entities' first states (an entity that does not exist never sends one). */
const WARMUP_STATE_WAIT_MS = 2_000;

/** The shared-state key of an alert of a scope. */
export function sharedKey(scopeTag: string, alertKey: string): string {
  return `${scopeTag}|${alertKey}`;
}

export class AlertHub {
  private readonly scopes = new Map<string, ScopeRuntime>();
  private readonly listeners = new Set<() => void>();
  private readonly transitionLog: HubTransition[] = [];
  private timer?: unknown;
  private readonly clock: Clock;
  private readonly storage?: ScopeStorage;
  private readonly evaluateEveryMs: number;
  private readonly hidden: () => boolean;
  private lastEvaluatedAt = -Infinity;
  private dataEvaluationQueued = false;
  private readonly lingerMs: number;
  private readonly setIntervalFn: (fn: () => void, ms: number) => unknown;
  private readonly clearIntervalFn: (handle: unknown) => void;
  private readonly deliver: Deliver;
  private readonly limit: NotificationRateLimit;
  private stopShared?: () => void;
  readonly shared: SharedAlertChannel;
  readonly deviceId: string;
  readonly deviceName: string;
  /** What became of the notifications this tab was handed, newest last (bounded). */
  readonly deliveries: Delivery[] = [];
  /** Says "this device evaluates rules" to Home Assistant, for the watchdog of browser-only rules. */
  readonly heartbeat: EvaluationHeartbeat;

  constructor(
    private readonly store: VitalsStore,
    options: AlertHubOptions = {},
  ) {
    this.clock = options.clock ?? { now: () => Date.now() };
    this.storage = options.storage ?? (typeof localStorage !== 'undefined' ? localStorage : undefined);
    this.evaluateEveryMs = options.evaluateEveryMs ?? 5_000;
    this.hidden = options.hidden ?? (() => typeof document !== 'undefined' && document.visibilityState === 'hidden');
    this.lingerMs = options.lingerMs ?? 30_000;
    this.setIntervalFn = options.setInterval ?? ((fn, ms) => globalThis.setInterval(fn, ms));
    this.clearIntervalFn = options.clearInterval ?? ((h) => globalThis.clearInterval(h as number));
    this.deviceId = options.deviceId ?? browserDeviceId(this.storage);
    this.deviceName = options.deviceName ?? browserDeviceName(this.storage);
    const caller: ServiceCaller = options.caller ?? { callService: (d, s, data) => store.callService(d, s, data) };
    this.shared =
      options.shared ??
      new SharedAlertChannel({
        watch: (entity, listener) => store.watch(entity, listener),
        caller,
        storage: this.storage,
        onStorage: typeof window !== 'undefined' ? (l) => listenStorage(l) : undefined,
        now: () => this.clock.now(),
      });
    this.shared.onChange(() => {
      for (const rt of this.scopes.values()) this.applyShared(rt);
      this.emit();
    });
    this.heartbeat = options.heartbeat ?? new EvaluationHeartbeat(caller, this.deviceId, this.deviceName);
    this.limit = new NotificationRateLimit(options.notificationsPerHour);
    this.deliver = buildPipeline({
      caller,
      isAllowed: (service, scopeId) => isServiceAllowed(service, this.scopes.get(scopeId)?.scope.config.allow_services),
      limit: this.limit,
      quiet: (intent, scopeId) => this.quietReason(intent, scopeId),
      browserGate: options.gate ?? browserIntentGate(this.storage),
      claims: options.claims ?? new MqttClaims({ subscribeMessage: (onEvent, message) => store.subscribeMessage(onEvent, message), callService: caller.callService }, { deviceId: this.deviceId }),
      record: (delivery) => this.record(delivery),
      now: () => this.clock.now(),
    });
    store.onStatus((status) => {
      const state = status === 'reconnecting' ? 'reconnecting' : 'connected';
      for (const runtime of this.scopes.values()) runtime.engine.setConnection(state, this.clock.now());
    });
    removeStaleScopes(this.storage, this.clock.now());
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
    this.stopShared ??= this.shared.start();
    let released = false;
    const rt = runtime;
    return () => {
      if (released) return;
      released = true;
      if (--rt.users > 0) return;
      this.persist(rt);
      rt.lingerTimer = globalThis.setTimeout(() => this.stopScope(rt), this.lingerMs);
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
    if (this.scopes.size === 0) {
      if (this.timer !== undefined) this.clearIntervalFn(this.timer);
      this.timer = undefined;
      this.stopShared?.();
      this.stopShared = undefined;
    }
  }

  /** The rules a scope runs (cards show escalation steps for alerts of any scope). */
  scopeConfig(scopeId: string): AlertsConfig | undefined {
    return this.scopes.get(scopeId)?.scope.config;
  }

  /** Problems a card should show: unreadable saved state, sharing off. */
  notes(): string[] {
    const out: string[] = [];
    for (const rt of this.scopes.values()) if (rt.restoreProblem) out.push(rt.restoreProblem);
    if (this.shared.mode === 'this-browser' && this.shared.problem) out.push(this.shared.problem);
    if (this.heartbeat.problem) out.push(this.heartbeat.problem);
    if (this.limit.holding > 0) out.push(`${this.limit.holding} notifications held back by the limit of ${this.limit.perHour} per hour; a summary follows`);
    return out;
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

  /** The shared record of who acknowledged / snoozed an alert, and who sent its notifications. */
  sharedFor(scopeId: string, alertKey: string): { ack?: SharedAlertState['acks'][string]; snooze?: SharedAlertState['snoozes'][string] } {
    const rt = this.scopes.get(scopeId);
    if (!rt) return {};
    const key = sharedKey(rt.tag, alertKey);
    const doc = this.shared.state;
    return { ack: Object.hasOwn(doc.acks, key) ? doc.acks[key] : undefined, snooze: Object.hasOwn(doc.snoozes, key) ? doc.snoozes[key] : undefined };
  }

  /** Which device sent an intent (from the shared state: any device's sends, not only this one's). */
  sentBy(intentId: string): SharedAlertState['sent'][string] | undefined {
    const sent = this.shared.state.sent;
    return Object.hasOwn(sent, intentId) ? sent[intentId] : undefined;
  }

  ack(scopeId: string, alertKey: string, by?: string): boolean {
    const rt = this.scopes.get(scopeId);
    const alert = rt?.engine.alerts(this.clock.now()).find((a) => a.key === alertKey);
    const episode = alert && episodeOf(alert);
    if (!rt || !alert || episode === undefined || !rt.engine.ack(alertKey, by, this.clock.now())) return false;
    this.shared.record({ acks: { [sharedKey(rt.tag, alertKey)]: { episode, acked: true, at: this.clock.now(), device: this.deviceId, deviceName: this.deviceName, ...(by ? { by } : {}) } } });
    this.persist(rt);
    this.emit();
    return true;
  }

  snooze(scopeId: string, alertKey: string, forMs: number, by?: string): boolean {
    const rt = this.scopes.get(scopeId);
    const until = this.clock.now() + forMs;
    if (!rt || !rt.engine.snooze(alertKey, until)) return false;
    this.shared.record({ snoozes: { [sharedKey(rt.tag, alertKey)]: { until, at: this.clock.now(), device: this.deviceId, deviceName: this.deviceName, ...(by ? { by } : {}) } } });
    this.persist(rt);
    this.emit();
    return true;
  }

  silence(scopeId: string, silence: Silence): boolean {
    const rt = this.scopes.get(scopeId);
    if (!rt) return false;
    this.shared.record({ silences: { [silence.id]: { silence, removed: false, at: this.clock.now(), device: this.deviceId, deviceName: this.deviceName, ...(silence.createdBy ? { by: silence.createdBy } : {}) } } });
    for (const runtime of this.scopes.values()) runtime.engine.addSilence(silence);
    this.persist(rt);
    this.emit();
    return true;
  }

  /**
   * Evaluate every scope now and hand what is due to the delivery pipeline. The engines are judged
   * synchronously; the returned promise settles when this run's deliveries are decided (a claim can
   * take seconds), and the next run does not wait for it.
   */
  evaluate(): Promise<void> {
    return this.evaluateOnce();
  }

  private async evaluateOnce(): Promise<void> {
    const now = this.clock.now();
    this.lastEvaluatedAt = now;
    const batch: Promise<unknown>[] = [];
    for (const rt of this.scopes.values()) {
      if (!rt.warm) continue;
      this.feed(rt);
      this.applyShared(rt);
      let result: ReturnType<AlertEngine['evaluate']>;
      try {
        result = rt.engine.evaluate(now);
      } catch (err) {
        // An engine that throws would stop alerting for good: replace it and say so.
        rt.restoreProblem = `alert engine failed and was restarted: ${String((err as Error)?.message ?? err).slice(0, 200)}`;
        rt.engine = new AlertEngine({ config: browserDelivery(rt.scope.config), clock: this.clock });
        rt.ingested.clear();
        continue;
      }
      this.log(rt, result.transitions);
      // Persist first (the plan, with its sent-log, survives the tab closing mid-way), then perform
      // the batch concurrently: each intent may wait on its cross-device claim.
      if (result.transitions.length || result.intents.length) this.persist(rt);
      for (const intent of result.intents) batch.push(this.deliver(this.identified(rt, intent), rt.scope.id));
    }
    for (const summary of this.limit.summaries(now)) batch.push(this.deliver(summary, ''));
    // Only rules a browser judges need the watchdog (rules that run in HA alert without us), and
    // only where a card asked for one.
    if ([...this.scopes.values()].some((rt) => rt.warm && rt.scope.heartbeat && rt.scope.config.rules.some((r) => r.enabled && r.run_in !== 'home_assistant'))) {
      batch.push(this.heartbeat.beat(now));
    }
    await Promise.all(batch);
    if (this.scopes.size) this.emit();
  }

  /**
   * The id and tags of an intent carry the scope (the card's entities and rules), so the same rule
   * name on two dashboards with different definitions never shares an id, a tag or a notification id.
   */
  private identified(rt: ScopeRuntime, intent: NotificationIntent): NotificationIntent {
    const id = `hv2-${fnv1a64(`${rt.tag}|${intent.id}`)}`;
    let data = { ...intent.data };
    if (notifyTagOf(data) === intent.alertKey) data = withNotifyTag(data, `${rt.tag}-${intent.alertKey}`, true);
    if (typeof data.notification_id === 'string' && data.notification_id.startsWith('ha_vitals_')) data.notification_id = `ha_vitals_${rt.tag}_${data.notification_id.slice(10)}`.slice(0, 200);
    return { ...intent, id, data };
  }

  /** Apply the household's decisions to a scope's engine. */
  private applyShared(rt: ScopeRuntime): void {
    const doc = this.shared.state;
    const now = this.clock.now();
    for (const alert of rt.engine.alerts(now)) {
      const key = sharedKey(rt.tag, alert.key);
      const ack = Object.hasOwn(doc.acks, key) ? doc.acks[key] : undefined;
      if (ack && ack.episode === episodeOf(alert)) {
        if (ack.acked && !alert.ack) rt.engine.ack(alert.key, ack.by, ack.at);
        else if (!ack.acked && alert.ack && alert.ack.at <= ack.at) rt.engine.unack(alert.key);
      }
      const snooze = Object.hasOwn(doc.snoozes, key) ? doc.snoozes[key] : undefined;
      if (snooze && snooze.until !== (alert.snoozedUntil ?? 0)) rt.engine.snooze(alert.key, snooze.until);
    }
    const known = new Set(rt.engine.silences().map((s) => s.id));
    for (const id of Object.keys(doc.silences)) {
      const entry = doc.silences[id];
      if (entry.removed) {
        if (known.has(id)) rt.engine.removeSilence(id);
      } else if (!known.has(id)) rt.engine.addSilence(entry.silence);
    }
  }

  /** Why an intent's alert should not be notified now (ack, snooze, silence), if so. */
  private quietReason(intent: NotificationIntent, scopeId: string): string | undefined {
    const rt = this.scopes.get(scopeId);
    if (!rt) return undefined;
    this.applyShared(rt);
    const alert = rt.engine.alerts(this.clock.now()).find((a) => a.key === intent.alertKey);
    if (!alert) return undefined;
    if (alert.acknowledged) return `acknowledged${alert.ack?.by ? ` by ${alert.ack.by}` : ''}`;
    if (alert.snoozed) return `snoozed until ${new Date(alert.snoozedUntil!).toISOString()}`;
    if (alert.silenced) return 'silenced';
    return undefined;
  }

  private record(delivery: Delivery): void {
    this.deliveries.push(delivery);
    if (this.deliveries.length > 100) this.deliveries.shift();
    if (delivery.reason === 'sent') {
      this.shared.record({ sent: { [delivery.intent.id]: { service: delivery.intent.service, alertKey: delivery.intent.alertKey, at: delivery.at, device: this.deviceId, deviceName: this.deviceName } } });
    }
    if (delivery.reason === 'failed') console.warn(`HA Vitals: ${delivery.intent.service} failed: ${delivery.detail}`);
    this.emit();
  }

  private start(scope: AlertScope): ScopeRuntime {
    const { engine, problem } = restoreEngine(this.storage, scope.id, { config: browserDelivery(scope.config), clock: this.clock });
    // Connection state is not saved with the engine: a scope that starts during a reconnect is told.
    if (this.store.status === 'reconnecting') engine.setConnection('reconnecting', this.clock.now());
    const runtime: ScopeRuntime = {
      scope,
      tag: fnv1a64(scope.id).slice(0, 10),
      engine,
      users: 0,
      stops: [],
      ingested: new Map(),
      described: new Set(),
      warm: false,
      startedAt: this.clock.now(),
      ...(problem ? { restoreProblem: problem } : {}),
    };
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
            if (runtime.warm) {
              this.feed(runtime);
              this.evaluateSoon();
            }
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
   * shown in the cards, not sent. Samples that arrived live while the history loaded are not
   * history: they are judged by the next evaluation, which notifies.
   */
  private warmUp(runtime: ScopeRuntime, waited = 0): void {
    if (!this.scopes.has(runtime.scope.id) && runtime.users === 0) return;
    // History can come before the entities' states: wait a little for them, so a counter's
    // detectors learn its rate from the start instead of being swapped for cold ones later.
    if (waited < WARMUP_STATE_WAIT_MS && runtime.scope.entities.some((e) => !runtime.described.has(e))) {
      setTimeout(() => this.warmUp(runtime, waited + 250), 250);
      return;
    }
    try {
      this.feed(runtime, runtime.startedAt);
      this.applyShared(runtime);
      const { transitions } = runtime.engine.evaluate(runtime.startedAt);
      this.log(runtime, transitions);
    } catch (err) {
      runtime.restoreProblem = `alert engine failed during warm-up and was restarted: ${String((err as Error)?.message ?? err).slice(0, 200)}`;
      runtime.engine = new AlertEngine({ config: browserDelivery(runtime.scope.config), clock: this.clock });
      runtime.ingested.clear();
    }
    runtime.warm = true;
    this.persist(runtime);
    this.emit();
    // What came live during the warm-up is judged now, not at the next tick.
    void this.evaluate();
  }

  /** Hand the engine every sample newer than what it has seen (up to `until`), in time order. */
  private feed(runtime: ScopeRuntime, until = Infinity): void {
    for (const entity of runtime.scope.entities) {
      const series = this.store.series(entity);
      if (!series) continue;
      const after = runtime.ingested.get(entity) ?? -Infinity;
      let newest = after;
      series.forEachInRange(after, until, (t, v) => {
        if (t <= after || t > until) return;
        runtime.engine.ingest(entity, t, v);
        newest = t;
      });
      runtime.ingested.set(entity, newest);
    }
  }

  private log(rt: ScopeRuntime, transitions: AlertTransition[]): void {
    for (const t of transitions) this.transitionLog.push({ ...t, scope: rt.scope.id });
    if (this.transitionLog.length > 200) this.transitionLog.splice(0, this.transitionLog.length - 200);
  }

  private persist(rt: ScopeRuntime): void {
    // Refused (storage full or blocked): alerting goes on; the shared state still holds the acks.
    saveEngine(this.storage, rt.scope.id, rt.engine);
  }

  /**
   * New data in a hidden tab: judge it now rather than at the next tick. A hidden tab's timers may
   * run only once a minute (Chromium's intensive throttling after 5 min hidden), but websocket
   * messages still arrive at once, so a hidden wall tablet follows the data; and the claim's own
   * timers, started from this message task rather than from a chain of timers, are not throttled
   * to a minute either. At most once per DATA_EVALUATION_MS (a burst of states is judged once); a
   * microtask, not a timer. Visible tabs keep the timer: devices showing the same rule then judge
   * at different moments instead of all claiming the same notification at once.
   */
  private evaluateSoon(): void {
    if (this.dataEvaluationQueued || !this.hidden() || this.clock.now() - this.lastEvaluatedAt < DATA_EVALUATION_MS) return;
    this.dataEvaluationQueued = true;
    queueMicrotask(() => {
      this.dataEvaluationQueued = false;
      void this.evaluate();
    });
  }

  private ensureTimer(): void {
    if (this.timer !== undefined) return;
    this.timer = this.setIntervalFn(() => void this.evaluate(), this.evaluateEveryMs);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

function listenStorage(listener: (key: string | null) => void): () => void {
  const onStorage = (event: StorageEvent) => listener(event.key);
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
}

const hubs = new WeakMap<VitalsStore, AlertHub>();

/** Data-driven evaluations (hidden tabs) at most this often. */
const DATA_EVALUATION_MS = 1_000;

/** The connection's hub: one per store, whichever card asks first. */
export function alertHubFor(store: VitalsStore): AlertHub {
  let hub = hubs.get(store);
  if (!hub) {
    hub = new AlertHub(store);
    hubs.set(store, hub);
  }
  return hub;
}
