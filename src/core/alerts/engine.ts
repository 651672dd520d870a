/**
 * The alert engine: rules × series → alert instances → transitions → notification intents.
 *
 *   const engine = new AlertEngine({ config, clock });
 *   engine.ingest('sensor.cpu', t, 93.5);          // every sample (t in ms)
 *   const { transitions, intents } = engine.evaluate(); // periodically, e.g. every 10 s
 *
 * No timers inside: time comes from samples and from the injected clock.
 */
import type { Clock, Detector } from '../types.js';
import type { AlertRule, AlertsConfig } from '../config/alerts.js';
import { DEFAULT_INHIBIT, SEVERITY_RANK } from '../config/alerts.js';
import { createDetector } from './detector-factory.js';
import { emptyPlannerState, NotificationPlanner, type PlannerState, type Suppression } from './planner.js';
import { advance, applySignal, newInstance } from './rule-state.js';
import { silencing } from './matchers.js';
import type { AlertInstance, AlertSnapshot, AlertTransition, ConnectionState, NotificationIntent, Silence } from './types.js';

/** What the data source knows about a series (Home Assistant: the entity's `state_class`). */
export interface SeriesHints {
  stateClass?: string;
}

export type DetectorFactory = (rule: AlertRule, seriesId: string, hints?: SeriesHints) => Detector;

export interface AlertEngineOptions {
  /** A validated `alerts:` section, or just its rules (default inhibit rules, 2 min grace). */
  config: AlertsConfig | readonly AlertRule[];
  clock: Clock;
  detectorFactory?: DetectorFactory;
  /** Plan notifications (default true). Replay turns this off: it only needs transitions. */
  notifications?: boolean;
}

export interface EvaluationResult {
  /** Every state change since the previous evaluate(), in time order. */
  transitions: AlertTransition[];
  /** New notifications to perform (already deduplicated by id). */
  intents: NotificationIntent[];
}

export const STATE_VERSION = 1;

export interface AlertEngineState {
  version: typeof STATE_VERSION;
  savedAt: number;
  connection: { state: ConnectionState; since: number };
  instances: AlertInstance[];
  silences: Silence[];
  planner: PlannerState;
}

interface Slot {
  inst: AlertInstance;
  rule: AlertRule;
  detector: Detector;
}

export class AlertEngine {
  private readonly config: AlertsConfig;
  private readonly clock: Clock;
  private readonly factory: DetectorFactory;
  private readonly notifications: boolean;
  private readonly rules: Map<string, AlertRule>;
  private readonly slots = new Map<string, Slot>();
  private readonly bySeries = new Map<string, Slot[]>();
  private readonly hints = new Map<string, SeriesHints>();
  private silencesList: Silence[] = [];
  private outbox: AlertTransition[] = [];
  private connection: { state: ConnectionState; since: number } = { state: 'connected', since: -Infinity };
  private readonly planner = new NotificationPlanner();

  constructor(options: AlertEngineOptions) {
    this.config = Array.isArray(options.config)
      ? { rules: [...(options.config as AlertRule[])], inhibit: DEFAULT_INHIBIT.map((r) => ({ ...r, target_severity: [...r.target_severity], equal: [...r.equal] })), reconnect_grace: 120_000 }
      : (options.config as AlertsConfig);
    this.clock = options.clock;
    this.factory = options.detectorFactory ?? createDetector;
    this.notifications = options.notifications ?? true;
    this.rules = new Map(this.config.rules.filter((r) => r.enabled).map((r) => [r.name, r]));
  }

  /** Restore a saved state (another dashboard's, or this one's before a reload). */
  static fromJSON(json: unknown, options: AlertEngineOptions): AlertEngine {
    const engine = new AlertEngine(options);
    engine.load(json);
    return engine;
  }

  // -- input ---------------------------------------------------------------------------------------

  /** One sample of one series; `value` NaN = unavailable/unknown. */
  ingest(seriesId: string, t: number, value: number): void {
    const slots = this.bySeries.get(seriesId) ?? this.slotsFor(seriesId);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      const signal = slot.detector.update(t, value);
      slot.inst.lastSampleAt = t;
      // A gap is no evidence that a condition cleared: only no-data rules judge gaps.
      if (Number.isNaN(value) && slot.rule.type !== 'nodata') continue;
      applySignal(slot.inst, slot.rule, t, signal, this.outbox);
    }
  }

  /**
   * Tell the engine what a series is (before its first sample, ideally). A change rebuilds that
   * series' detectors: a counter's anomaly rule judges its rate, so what the old one learned of
   * the value does not apply.
   */
  describeSeries(seriesId: string, hints: SeriesHints): void {
    const before = this.hints.get(seriesId);
    if (before?.stateClass === hints.stateClass) return;
    this.hints.set(seriesId, { ...hints });
    // Every slot of the series, including those restored by load() before any sample came.
    for (const slot of this.slots.values()) if (slot.inst.seriesId === seriesId) slot.detector = this.factory(slot.rule, seriesId, hints);
  }

  /** Websocket state. While reconnecting, and for `reconnect_grace` after, no-data rules hold still. */
  setConnection(state: ConnectionState, at: number = this.clock.now()): void {
    if (state === this.connection.state) return;
    this.connection = { state, since: at };
    for (const slot of this.slots.values()) {
      if (slot.rule.type !== 'nodata') continue;
      if (state === 'reconnecting' && slot.inst.state === 'pending') {
        slot.inst.state = 'inactive';
        slot.inst.activeAt = undefined;
        slot.inst.active = false;
      }
      if (state === 'connected') (slot.detector as Detector & { noteReconnect?(t: number): void }).noteReconnect?.(at);
    }
  }

  /** Let time pass to `now`: pending → firing, keep-firing → resolved, no-data ticks; plan notifications. */
  evaluate(now: number = this.clock.now()): EvaluationResult {
    const quietNodata = this.connection.state === 'reconnecting' || now < this.connection.since + this.config.reconnect_grace;
    for (const slot of this.slots.values()) {
      const { inst, rule, detector } = slot;
      if (detector.tick && !(quietNodata && rule.type === 'nodata')) {
        const signal = detector.tick(now);
        if (rule.type === 'nodata' || signal.active !== inst.active) applySignal(inst, rule, now, signal, this.outbox);
        else advance(inst, rule, now, this.outbox);
      } else {
        advance(inst, rule, now, this.outbox);
      }
    }
    const transitions = this.outbox;
    this.outbox = [];
    if (transitions.length > 1) transitions.sort((a, b) => a.at - b.at);
    let intents: NotificationIntent[] = [];
    if (this.notifications) {
      const instances = [...this.slots.values()].map((s) => s.inst).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      intents = this.planner.plan({ now, instances, rules: this.rules, transitions, suppression: (inst) => this.suppression(inst, now) });
    }
    return { transitions, intents };
  }

  // -- user actions ----------------------------------------------------------------------------------

  /** Acknowledge a pending or firing alert: stops escalation and repeats for this episode. */
  ack(alertKey: string, by?: string, at: number = this.clock.now()): boolean {
    const slot = this.slots.get(alertKey);
    if (!slot || (slot.inst.state !== 'pending' && slot.inst.state !== 'firing')) return false;
    slot.inst.ack = by === undefined ? { at } : { at, by };
    return true;
  }

  unack(alertKey: string): boolean {
    const slot = this.slots.get(alertKey);
    if (!slot?.inst.ack) return false;
    slot.inst.ack = undefined;
    return true;
  }

  /** No notifications for this alert until `until`; then a summary of what was suppressed. */
  snooze(alertKey: string, until: number): boolean {
    const slot = this.slots.get(alertKey);
    if (!slot) return false;
    slot.inst.snoozedUntil = until;
    return true;
  }

  addSilence(silence: Silence): void {
    this.silencesList = [...this.silencesList.filter((s) => s.id !== silence.id), silence];
  }

  removeSilence(id: string): boolean {
    const before = this.silencesList.length;
    this.silencesList = this.silencesList.filter((s) => s.id !== id);
    return this.silencesList.length !== before;
  }

  silences(): readonly Silence[] {
    return this.silencesList;
  }

  // -- output ----------------------------------------------------------------------------------------

  alerts(now: number = this.clock.now()): AlertSnapshot[] {
    return [...this.slots.values()]
      .map(({ inst }) => {
        const sup = this.suppression(inst, now);
        return {
          ...inst,
          labels: { ...inst.labels },
          acknowledged: sup.acked,
          snoozed: sup.snoozed,
          silenced: sup.silenced,
          inhibitedBy: this.inhibitors(inst),
          flapping: this.planner.state.alerts[inst.key]?.flapping ?? false,
        };
      })
      .sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  /** The last notifications planned (newest last). */
  notificationLog(): readonly NotificationIntent[] {
    return this.planner.state.log;
  }

  toJSON(): AlertEngineState {
    return JSON.parse(
      JSON.stringify({
        version: STATE_VERSION,
        savedAt: this.clock.now(),
        connection: { state: this.connection.state, since: Number.isFinite(this.connection.since) ? this.connection.since : null },
        instances: [...this.slots.values()].map((s) => s.inst),
        silences: this.silencesList,
        planner: this.planner.state,
      }),
    );
  }

  /**
   * Load a saved state. Detector memory is not part of it (detectors re-learn from history);
   * alert states, acks, snoozes, silences, escalation progress and the dedup log are.
   */
  load(json: unknown): void {
    const state = json as Partial<AlertEngineState> | null;
    if (!state || typeof state !== 'object' || state.version !== STATE_VERSION) {
      throw new Error(`alert state: unsupported version ${JSON.stringify(state && typeof state === 'object' ? state.version : state)} (expected ${STATE_VERSION})`);
    }
    for (const saved of state.instances ?? []) {
      const rule = this.rules.get(saved.rule);
      if (!rule) continue; // the rule was removed or renamed since
      const slot = this.slot(rule, saved.seriesId);
      Object.assign(slot.inst, saved, { value: saved.value ?? Number.NaN });
    }
    this.silencesList = [...(state.silences ?? [])];
    const since = state.connection?.since;
    this.connection = { state: state.connection?.state ?? 'connected', since: typeof since === 'number' ? since : -Infinity };
    this.planner.state = state.planner ?? emptyPlannerState();
  }

  // -- internals -------------------------------------------------------------------------------------

  private slotsFor(seriesId: string): Slot[] {
    const slots: Slot[] = [];
    for (const rule of this.rules.values()) {
      if (rule.entity.length === 0 || rule.entity.includes(seriesId)) slots.push(this.slot(rule, seriesId));
    }
    this.bySeries.set(seriesId, slots);
    return slots;
  }

  private slot(rule: AlertRule, seriesId: string): Slot {
    const key = `${rule.name}/${seriesId}`;
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { inst: newInstance(rule, seriesId), rule, detector: this.factory(rule, seriesId, this.hints.get(seriesId)) };
      this.slots.set(key, slot);
    }
    return slot;
  }

  private suppression(inst: AlertInstance, now: number): Suppression {
    return {
      snoozed: inst.snoozedUntil !== undefined && now < inst.snoozedUntil,
      silenced: this.silencesList.length > 0 && silencing(this.silencesList, inst.labels, now).length > 0,
      inhibited: this.inhibitors(inst).length > 0,
      acked: inst.ack !== undefined,
    };
  }

  /** Firing alerts of higher severity, with equal labels, per the inhibit rules. */
  private inhibitors(target: AlertInstance): string[] {
    const out: string[] = [];
    for (const rule of this.config.inhibit) {
      if (!rule.target_severity.includes(target.severity)) continue;
      for (const { inst: source } of this.slots.values()) {
        if (source === target || source.state !== 'firing' || source.severity !== rule.source_severity) continue;
        if (SEVERITY_RANK[source.severity] <= SEVERITY_RANK[target.severity]) continue;
        if (rule.equal.every((label) => (source.labels[label] ?? '') === (target.labels[label] ?? ''))) out.push(source.key);
      }
    }
    return out;
  }
}
