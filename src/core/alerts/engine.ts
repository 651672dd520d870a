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
import { NotificationPlanner, type PlannerState, type Suppression } from './planner.js';
import { advance, applySignal, newInstance, settleReason } from './rule-state.js';
import { silencing } from './matchers.js';
import { StateError, validateState } from './state-schema.js';
import { isAbsurdValue } from '../series/parse.js';
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

/** Detector reasons are copied into the instances only when read (see rule-state.ts). */
const LAZY_REASON = { lazyReason: true } as const;

/** A restored `lastSampleAt` further ahead of the clock than this is taken as "now" (a clock that was ahead). */
export const MAX_FUTURE_MS = 5 * 60_000;

/**
 * What `toJSON()` writes. The websocket state is not part of it: it describes this page's
 * connection, and a state saved during a reconnect would keep no-data rules quiet after a reload.
 * (States written before that still load; their `connection` is ignored.)
 */
export interface AlertEngineState {
  version: typeof STATE_VERSION;
  savedAt: number;
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
  /** Firing alerts by inhibit rule and equal-label values: built once per evaluate()/alerts(). */
  private inhibitIndex?: Map<string, string[]>;
  private absurd = 0;
  /** What the last load() dropped or adjusted, one line each (empty when the state was clean). */
  loadNotes: string[] = [];

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

  /**
   * One sample of one series; `value` NaN = unavailable/unknown. Non-finite values and absurd
   * magnitudes (|x| ≥ 1e30: float sentinels such as 3.4e38) are gaps too, counted in `absurdValues`.
   */
  ingest(seriesId: string, t: number, value: number): void {
    if (!Number.isFinite(t)) return;
    if (isAbsurdValue(value)) {
      this.absurd++;
      value = Number.NaN;
    }
    const slots = this.bySeries.get(seriesId) ?? this.slotsFor(seriesId);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      const signal = slot.detector.update(t, value);
      slot.inst.lastSampleAt = t;
      // A gap is no evidence that a condition cleared: only no-data rules judge gaps.
      if (Number.isNaN(value) && slot.rule.type !== 'nodata') continue;
      applySignal(slot.inst, slot.rule, t, signal, this.outbox, LAZY_REASON);
    }
  }

  /** Samples taken as gaps because their value was infinite or absurdly large. */
  get absurdValues(): number {
    return this.absurd;
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
        if (rule.type === 'nodata' || signal.active !== inst.active) applySignal(inst, rule, now, signal, this.outbox, LAZY_REASON);
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
      // Only alerts the planner has business with: those not idle, those it keeps bookkeeping
      // for, and those that changed. An inactive alert it never saw plans nothing, and leaving the
      // thousands of quiet slots out keeps planning (and the saved state) proportional to what happens.
      const changed = new Set(transitions.map((tr) => tr.alertKey));
      const known = this.planner.state.alerts;
      const instances: AlertInstance[] = [];
      for (const { inst } of this.slots.values()) {
        if (inst.state !== 'inactive' || changed.has(inst.key) || Object.prototype.hasOwnProperty.call(known, inst.key)) instances.push(inst);
      }
      instances.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const cache = new Map<AlertInstance, Suppression>();
      this.inhibitIndex = this.buildInhibitIndex();
      try {
        intents = this.planner.plan({
          now,
          instances,
          rules: this.rules,
          transitions,
          suppression: (inst) => {
            let sup = cache.get(inst);
            if (!sup) cache.set(inst, (sup = this.suppression(inst, now)));
            return sup;
          },
        });
      } finally {
        this.inhibitIndex = undefined;
      }
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
    this.inhibitIndex = this.buildInhibitIndex();
    try {
      const known = this.planner.state.alerts;
      return [...this.slots.values()]
        .map(({ inst }) => {
          settleReason(inst);
          const sup = this.suppression(inst, now);
          const ns = Object.prototype.hasOwnProperty.call(known, inst.key) ? known[inst.key] : undefined;
          return {
            ...inst,
            labels: { ...inst.labels },
            acknowledged: sup.acked,
            snoozed: sup.snoozed,
            silenced: sup.silenced,
            inhibitedBy: this.inhibitors(inst),
            flapping: ns?.flapping ?? false,
            notifyReason: ns?.reason ?? 'none',
          };
        })
        .sort((a, b) => (a.key < b.key ? -1 : 1));
    } finally {
      this.inhibitIndex = undefined;
    }
  }

  /** The last notifications planned (newest last). */
  notificationLog(): readonly NotificationIntent[] {
    return this.planner.state.log;
  }

  toJSON(): AlertEngineState {
    for (const { inst } of this.slots.values()) settleReason(inst);
    return JSON.parse(
      JSON.stringify({
        version: STATE_VERSION,
        savedAt: this.clock.now(),
        instances: [...this.slots.values()].map((s) => s.inst),
        silences: this.silencesList,
        planner: this.planner.state,
      }),
    );
  }

  /**
   * Load a saved state. Detector memory is not part of it (detectors re-learn from history);
   * alert states, acks, snoozes, silences, escalation progress and the dedup log are.
   *
   * The state is validated first (see state-schema.ts). A problem outside the alert instances
   * throws an Error naming the path (`alert state: planner.groups["x"].firing[0]: expected text`)
   * and leaves the engine untouched, so the caller can start afresh. A broken instance is dropped
   * and noted in `loadNotes`. The websocket state is never restored (the page's own is current).
   */
  load(json: unknown): void {
    const version = json && typeof json === 'object' && Object.prototype.hasOwnProperty.call(json, 'version') ? (json as { version: unknown }).version : undefined;
    if (version !== STATE_VERSION) {
      const what = json && typeof json === 'object' ? (version === undefined ? 'no version' : `version ${String(JSON.stringify(version)).slice(0, 40)}`) : `not a saved state (${json === null ? 'null' : typeof json})`;
      throw new Error(`alert state: ${what}, expected version ${STATE_VERSION}`);
    }
    let state: ReturnType<typeof validateState>;
    try {
      state = validateState(json, STATE_VERSION);
    } catch (err) {
      if (err instanceof StateError) throw new Error(`alert state: ${err.message}`);
      throw err;
    }
    // Valid: from here on nothing throws.
    const notes = [...state.notes];
    const latest = this.clock.now() + MAX_FUTURE_MS;
    for (const saved of state.instances) {
      const rule = this.rules.get(saved.rule);
      if (!rule) continue; // the rule was removed or renamed since
      const slot = this.slot(rule, saved.seriesId);
      settleReason(slot.inst); // a saved state without a reason keeps the current one, as it always did
      // Identity, severity and labels come from the rule as configured now; the rest is restored.
      const { key: _key, rule: _rule, seriesId: _series, ...dynamic } = saved;
      Object.assign(slot.inst, newInstance(rule, saved.seriesId), dynamic);
      if (slot.inst.lastSampleAt !== undefined && slot.inst.lastSampleAt > latest) {
        notes.push(`${saved.key}: last sample ${slot.inst.lastSampleAt} ms is in the future; taken as now`);
        slot.inst.lastSampleAt = this.clock.now();
      }
    }
    this.silencesList = state.silences;
    this.planner.state = state.planner;
    this.loadNotes = notes;
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

  private static inhibitKey(ruleIndex: number, equal: readonly string[], labels: Readonly<Record<string, string>>): string {
    let key = String(ruleIndex);
    for (const label of equal) key += `\u0000${Object.prototype.hasOwnProperty.call(labels, label) ? labels[label] : ''}`;
    return key;
  }

  /** Firing alerts that may inhibit others, by inhibit rule and their equal-label values: O(slots). */
  private buildInhibitIndex(): Map<string, string[]> {
    const index = new Map<string, string[]>();
    this.config.inhibit.forEach((rule, r) => {
      for (const { inst } of this.slots.values()) {
        if (inst.state !== 'firing' || inst.severity !== rule.source_severity) continue;
        const key = AlertEngine.inhibitKey(r, rule.equal, inst.labels);
        const list = index.get(key);
        if (list) list.push(inst.key);
        else index.set(key, [inst.key]);
      }
    });
    return index;
  }

  /** Firing alerts of higher severity, with equal labels, per the inhibit rules. */
  private inhibitors(target: AlertInstance): string[] {
    const index = this.inhibitIndex ?? this.buildInhibitIndex();
    const out: string[] = [];
    this.config.inhibit.forEach((rule, r) => {
      if (!rule.target_severity.includes(target.severity)) return;
      if (SEVERITY_RANK[rule.source_severity] <= SEVERITY_RANK[target.severity]) return;
      for (const key of index.get(AlertEngine.inhibitKey(r, rule.equal, target.labels)) ?? []) if (key !== target.key) out.push(key);
    });
    return out;
  }
}
