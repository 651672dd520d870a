/**
 * Notification planning, separate from rule state (Alertmanager's pipeline shape). Each evaluate
 * runs these stages, in this order (see `plan`):
 *
 *   1. flap        state changes counted per alert; a flapping alert is paused, then summarised
 *   2. hold        per alert: flapping / snoozed / silenced, inhibited or acknowledged / throttled
 *                  → held back with a named reason; otherwise queued in its group
 *   3. group       groups flushed after group_wait (first) or group_interval (later), one
 *                  notification per group and tier; repeat_interval re-sends still-firing groups
 *   4. escalate    later tiers (`after:`) of unacknowledged firing alerts
 *   5. summarise   what a throttle or a snooze held back, when it ends
 *   6. dedup + log by deterministic id
 *
 * Every alert carries a `NotifyReason`: the planner's last decision about it, in words the cards
 * show ("held: snoozed", "waiting for group_wait"). Phase and reason change in one place (`enter`).
 *
 * It is level-triggered: it looks at the alerts' current state and its own bookkeeping, so it
 * survives reloads (toJSON/fromJSON) and never depends on how often evaluate() runs. Every intent's
 * `at` is a due time derived from sample times, which makes ids identical across dashboards.
 */
import { withNotifyTag } from './notify-tag.js';
import type { AlertRule, NotifyTier } from '../config/alerts.js';
import { formatDuration } from '../config/duration.js';
import { intentId } from './intent-id.js';
import { reasonOf } from './rule-state.js';
import type { AlertInstance, AlertTransition, IntentReason, NotificationIntent } from './types.js';

export type Phase = 'idle' | 'queued' | 'suppressed' | 'notified' | 'resolvedQueued' | 'done';

/** Why an alert is, or is not, being notified: the planner's last decision. */
export type NotifyReason =
  /** Nothing to notify (not firing, or never notified). */
  | 'none'
  /** Queued in its group, waiting for group_wait / group_interval. */
  | 'grouping'
  /** The firing notice went out (tiers without delay). */
  | 'notified'
  /** A later tier went out. */
  | 'escalated'
  /** Held back: flapping, snoozed, silenced, inhibited, acknowledged, throttled. */
  | 'flapping'
  | 'snoozed'
  | 'silenced'
  | 'inhibited'
  | 'acknowledged'
  | 'throttled'
  /** The resolved notice is queued / went out. */
  | 'resolving'
  | 'resolved';

export interface AlertNotifyState {
  episode?: number;
  phase: Phase;
  /** Tiers (by index in rule.notify) already notified in this episode. */
  tiersSent: number;
  lastNotifiedAt?: number;
  /** Firings not notified because of the throttle / while snoozed / while flapping. */
  throttled: number;
  snoozed: number;
  flapSuppressed: number;
  flapChanges: number[];
  flapping: boolean;
  /** This episode was held back by a silence / inhibition / ack. */
  heldBack?: boolean;
  /** The planner's last decision about this alert (older saved states lack it: "none"). */
  reason?: NotifyReason;
}

export interface GroupState {
  firing: string[];
  resolved: string[];
  flushAt?: number;
  lastFlushAt?: number;
}

export interface PlannerState {
  alerts: Record<string, AlertNotifyState>;
  groups: Record<string, GroupState>;
  /** Dedup: intent id → at. */
  sent: Record<string, number>;
  log: NotificationIntent[];
}

export interface Suppression {
  snoozed: boolean;
  silenced: boolean;
  inhibited: boolean;
  acked: boolean;
}

export interface PlanInput {
  now: number;
  /** Sorted by key. */
  instances: readonly AlertInstance[];
  rules: ReadonlyMap<string, AlertRule>;
  transitions: readonly AlertTransition[];
  suppression(inst: AlertInstance): Suppression;
}

const LOG_SIZE = 200;
const SENT_RETENTION_MS = 7 * 86_400_000;

export function emptyPlannerState(): PlannerState {
  return { alerts: {}, groups: {}, sent: {}, log: [] };
}

function freshAlertState(): AlertNotifyState {
  return { phase: 'idle', tiersSent: 0, throttled: 0, snoozed: 0, flapSuppressed: 0, flapChanges: [], flapping: false, reason: 'none' };
}

/** The one place an alert's phase changes, always with the reason. */
function enter(ns: AlertNotifyState, phase: Phase, reason: NotifyReason): void {
  ns.phase = phase;
  ns.reason = reason;
}

/** The suppression that holds an alert back, by precedence: what the person did counts first. */
function heldBy(sup: Suppression): NotifyReason | undefined {
  if (sup.acked) return 'acknowledged';
  if (sup.silenced) return 'silenced';
  if (sup.inhibited) return 'inhibited';
  return undefined;
}

/** Tier 0 = all tiers with no delay: the "normal" notification. */
function immediateTiers(rule: AlertRule): number {
  let n = 0;
  while (n < rule.notify.length && rule.notify[n].after === 0) n++;
  return n;
}

function sendsResolved(tier: NotifyTier, service: string): boolean {
  if (tier.send_resolved !== undefined) return tier.send_resolved;
  return service.startsWith('notify.') || service.startsWith('persistent_notification.');
}

export function groupKey(rule: AlertRule, inst: AlertInstance): string {
  const receiver = rule.notify
    .filter((t) => t.after === 0)
    .flatMap((t) => t.service)
    .join('+');
  const values = rule.group_by.map((label) => `${label}=${inst.labels[label] ?? ''}`).join(',');
  return `${receiver}{${values}}`;
}

export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return value.toExponential(2);
  return String(Math.round(value * 100) / 100);
}

function describe(inst: AlertInstance, rule: AlertRule): string {
  if (rule.message) {
    return rule.message.replace(/\{(name|entity|value|reason|severity|for)\}/g, (_, key: string) => {
      switch (key) {
        case 'name':
          return inst.rule;
        case 'entity':
          return inst.seriesId;
        case 'value':
          return formatValue(inst.value);
        case 'reason':
          return reasonOf(inst) ?? '';
        case 'severity':
          return inst.severity;
        default:
          return formatDuration(rule.for);
      }
    });
  }
  const why = reasonOf(inst);
  const reason = why ? ` (${why})` : '';
  return `${inst.seriesId} = ${formatValue(inst.value)}${reason}`;
}

/** The earliest `at` in a dedup map (Infinity when empty; entries that are not numbers never expire). */
function oldest(sent: Record<string, number>): number {
  let min = Infinity;
  for (const id in sent) {
    if (!Object.prototype.hasOwnProperty.call(sent, id)) continue;
    const at = sent[id];
    if (at < min) min = at;
  }
  return min;
}

export class NotificationPlanner {
  /**
   * A lower bound on the `at` of every entry in `sentOf` (Infinity: none), so the dedup map is
   * scanned for expired ids only when one may have expired, not on every evaluate. It belongs to
   * that one map object: a state put in place (load, another tab's) is scanned once afresh.
   */
  private oldestSent = Infinity;
  private sentOf?: Record<string, number>;

  constructor(public state: PlannerState = emptyPlannerState()) {}

  private alertState(key: string): AlertNotifyState {
    let s = this.state.alerts[key];
    if (!s) s = this.state.alerts[key] = freshAlertState();
    return s;
  }

  plan(input: PlanInput): NotificationIntent[] {
    const out: NotificationIntent[] = [];
    const byKey = new Map(input.instances.map((i) => [i.key, i]));
    const perAlert = (stage: (inst: AlertInstance, rule: AlertRule) => void) => () => {
      for (const inst of input.instances) {
        const rule = input.rules.get(inst.rule);
        if (rule) stage(inst, rule);
      }
    };
    const stages: (() => void)[] = [
      () => this.flapStage(input, byKey, out),
      perAlert((inst, rule) => this.holdStage(inst, rule, input)),
      () => this.groupStage(input, byKey, out),
      perAlert((inst, rule) => this.escalationStage(inst, rule, input, out)),
      perAlert((inst, rule) => this.summaryStage(inst, rule, input, out)),
    ];
    for (const stage of stages) stage();
    return this.dedupAndLog(out, input.now);
  }

  // -- flap ---------------------------------------------------------------------------------------
  private flapStage(input: PlanInput, byKey: Map<string, AlertInstance>, out: NotificationIntent[]): void {
    for (const tr of input.transitions) {
      if (tr.to !== 'firing' && tr.to !== 'resolved') continue;
      const inst = byKey.get(tr.alertKey);
      const rule = inst && input.rules.get(inst.rule);
      if (!inst || !rule) continue;
      const ns = this.alertState(inst.key);
      ns.flapChanges.push(tr.at);
      const horizon = tr.at - rule.flap_window;
      while (ns.flapChanges.length && ns.flapChanges[0] < horizon) ns.flapChanges.shift();
      if (!ns.flapping && ns.flapChanges.length >= rule.flap_threshold) {
        ns.flapping = true;
        ns.reason = 'flapping';
        ns.flapSuppressed = 0;
        const title = `Flapping: ${inst.rule} on ${inst.seriesId}`;
        const message = `${ns.flapChanges.length} state changes in ${formatDuration(rule.flap_window)}; notifications paused until it is stable for ${formatDuration(rule.flap_window)}. Now ${describe(inst, rule)}`;
        this.emit(out, rule, 'flapping', inst.key, tr.at, [inst.key], title, message, immediateTiers(rule));
      }
    }
    for (const inst of input.instances) {
      const ns = this.state.alerts[inst.key];
      const rule = input.rules.get(inst.rule);
      if (!ns?.flapping || !rule) continue;
      const last = ns.flapChanges[ns.flapChanges.length - 1] ?? -Infinity;
      const stableAt = last + rule.flap_window;
      if (stableAt > input.now) continue;
      ns.flapping = false;
      ns.flapChanges = [];
      const title = `Stopped flapping: ${inst.rule} on ${inst.seriesId}`;
      const message = `${ns.flapSuppressed} notifications suppressed while flapping; now ${inst.state === 'firing' ? 'firing' : 'ok'}: ${describe(inst, rule)}`;
      ns.flapSuppressed = 0;
      this.emit(out, rule, 'summary', inst.key, stableAt, [inst.key], title, message, immediateTiers(rule));
      if (inst.state === 'firing') {
        ns.episode = inst.firedAt;
        enter(ns, 'notified', 'notified');
        ns.lastNotifiedAt = stableAt;
        ns.tiersSent = Math.max(ns.tiersSent, immediateTiers(rule));
      } else enter(ns, 'done', 'resolved');
    }
  }

  // -- per alert: hold back (flapping, snoozed, silenced/inhibited/acked, throttled) or queue -----------
  private holdStage(inst: AlertInstance, rule: AlertRule, input: PlanInput): void {
    const now = input.now;
    const ns = this.alertState(inst.key);
    const firing = inst.state === 'firing';
    if (firing && inst.firedAt !== ns.episode) {
      if (ns.phase === 'queued') this.unqueue(rule, inst, 'firing');
      ns.episode = inst.firedAt;
      enter(ns, 'idle', 'none');
      ns.tiersSent = 0;
      ns.heldBack = undefined;
    }
    const sup = input.suppression(inst);
    const held = heldBy(sup);

    if (firing && ns.phase === 'idle') {
      if (ns.flapping) {
        ns.flapSuppressed++;
        enter(ns, 'suppressed', 'flapping');
      } else if (sup.snoozed) {
        ns.snoozed++;
        enter(ns, 'suppressed', 'snoozed');
      } else if (held) {
        // Stays idle: queued as soon as the silence, inhibition or ack ends.
        ns.heldBack = true;
        ns.reason = held;
      } else if (ns.lastNotifiedAt !== undefined && inst.firedAt! < ns.lastNotifiedAt + rule.throttle) {
        ns.throttled++;
        enter(ns, 'suppressed', 'throttled');
      } else {
        enter(ns, 'queued', 'grouping');
        // Held back by a silence/inhibition/ack that has ended: due now, not at firedAt.
        this.queue(rule, inst, 'firing', ns.heldBack ? Math.max(now, inst.firedAt!) : inst.firedAt!);
        ns.heldBack = undefined;
      }
    } else if (ns.phase === 'queued' && (!firing || held)) {
      // Resolved, acknowledged, silenced or inhibited before group_wait ran out: never notified.
      this.unqueue(rule, inst, 'firing');
      if (firing) enter(ns, 'idle', held!);
      else enter(ns, 'done', 'none');
    } else if (!firing && ns.phase === 'notified') {
      if (ns.flapping) {
        ns.flapSuppressed++;
        enter(ns, 'done', 'flapping');
      } else {
        enter(ns, 'resolvedQueued', 'resolving');
        this.queue(rule, inst, 'resolved', inst.resolvedAt ?? now);
      }
    } else if (!firing && ns.phase === 'suppressed') {
      enter(ns, 'done', 'none');
    } else if (firing && ns.phase === 'notified' && held) {
      ns.reason = held; // escalation and repeats stop while it holds
    } else if (firing && ns.phase === 'notified' && sup.snoozed) {
      ns.reason = 'snoozed';
    }
  }

  private escalationStage(inst: AlertInstance, rule: AlertRule, input: PlanInput, out: NotificationIntent[]): void {
    const now = input.now;
    const ns = this.alertState(inst.key);
    const sup = input.suppression(inst);
    // Later tiers while unacknowledged, measured from the start (or the end of a snooze).
    if (inst.state !== 'firing' || ns.phase !== 'notified' || heldBy(sup) || sup.snoozed) return;
    if (ns.reason !== 'escalated') ns.reason = 'notified';
    const base = inst.snoozedUntil !== undefined && inst.snoozedUntil > inst.firedAt! ? inst.snoozedUntil : inst.firedAt!;
    while (ns.tiersSent < rule.notify.length) {
      const tier = rule.notify[ns.tiersSent];
      const due = base + tier.after;
      if (due > now) break;
      const minutes = formatDuration(due - inst.firedAt!);
      const title = `Escalation: ${inst.severity.toUpperCase()} ${inst.rule} on ${inst.seriesId}`;
      const message = `Unacknowledged for ${minutes}: ${describe(inst, rule)}`;
      this.emitTier(out, rule, ns.tiersSent, 'escalation', inst.key, due, [`${inst.key}@${inst.firedAt}`], title, message);
      ns.tiersSent++;
      ns.reason = 'escalated';
    }
  }

  /** Summaries when a throttle window or a snooze ends. */
  private summaryStage(inst: AlertInstance, rule: AlertRule, input: PlanInput, out: NotificationIntent[]): void {
    const now = input.now;
    const ns = this.alertState(inst.key);
    if (ns.throttled > 0 && ns.lastNotifiedAt !== undefined && ns.lastNotifiedAt + rule.throttle <= now) {
      const at = ns.lastNotifiedAt + rule.throttle;
      this.summary(out, inst, rule, ns, at, `${ns.throttled} more firing${ns.throttled === 1 ? '' : 's'} suppressed by the ${formatDuration(rule.throttle)} throttle`);
      ns.throttled = 0;
    }
    if (ns.snoozed > 0 && inst.snoozedUntil !== undefined && inst.snoozedUntil <= now) {
      this.summary(out, inst, rule, ns, inst.snoozedUntil, `${ns.snoozed} more firing${ns.snoozed === 1 ? '' : 's'} suppressed while snoozed`);
      ns.snoozed = 0;
    }
  }

  private summary(out: NotificationIntent[], inst: AlertInstance, rule: AlertRule, ns: AlertNotifyState, at: number, what: string): void {
    const firing = inst.state === 'firing';
    const title = `Summary: ${inst.rule} on ${inst.seriesId}`;
    const message = `${what}; now ${firing ? 'firing' : 'ok'}: ${describe(inst, rule)}`;
    this.emit(out, rule, 'summary', inst.key, at, [inst.key], title, message, immediateTiers(rule));
    ns.lastNotifiedAt = at;
    if (firing && ns.phase === 'suppressed') {
      enter(ns, 'notified', 'notified');
      ns.tiersSent = Math.max(ns.tiersSent, immediateTiers(rule));
    }
  }

  // -- groups ---------------------------------------------------------------------------------------
  private group(rule: AlertRule, inst: AlertInstance): GroupState {
    const key = groupKey(rule, inst);
    let g = this.state.groups[key];
    if (!g) g = this.state.groups[key] = { firing: [], resolved: [] };
    return g;
  }

  private queue(rule: AlertRule, inst: AlertInstance, kind: 'firing' | 'resolved', eventAt: number): void {
    const g = this.group(rule, inst);
    g[kind].push(inst.key);
    const interval = g.lastFlushAt === undefined ? undefined : g.lastFlushAt + rule.group_interval;
    let candidate: number;
    if (kind === 'firing' && (interval === undefined || interval <= eventAt)) candidate = eventAt + rule.group_wait;
    else candidate = Math.max(interval ?? eventAt, eventAt);
    g.flushAt = g.flushAt === undefined ? candidate : Math.min(g.flushAt, candidate);
  }

  private unqueue(rule: AlertRule, inst: AlertInstance, kind: 'firing' | 'resolved'): void {
    const g = this.group(rule, inst);
    g[kind] = g[kind].filter((k) => k !== inst.key);
  }

  private groupStage(input: PlanInput, byKey: Map<string, AlertInstance>, out: NotificationIntent[]): void {
    const now = input.now;
    for (const key of Object.keys(this.state.groups).sort()) {
      const g = this.state.groups[key];
      if (g.flushAt !== undefined && g.flushAt <= now) this.flush(key, g, input, byKey, out);
      else if (g.firing.length === 0 && g.resolved.length === 0) g.flushAt = undefined;
      this.repeat(key, g, input, out);
      if (g.firing.length === 0 && g.resolved.length === 0 && !this.notifiedMembers(key, input).length && g.lastFlushAt !== undefined) {
        // Keep lastFlushAt for group_interval, then forget the group.
        const rule = this.firstRule(key, input);
        if (!rule || g.lastFlushAt + rule.group_interval <= now) delete this.state.groups[key];
      }
    }
  }

  private firstRule(key: string, input: PlanInput): AlertRule | undefined {
    for (const inst of input.instances) {
      const rule = input.rules.get(inst.rule);
      if (rule && groupKey(rule, inst) === key) return rule;
    }
    return undefined;
  }

  private notifiedMembers(key: string, input: PlanInput): AlertInstance[] {
    return input.instances.filter((inst) => {
      const rule = input.rules.get(inst.rule);
      return rule && inst.state === 'firing' && this.state.alerts[inst.key]?.phase === 'notified' && groupKey(rule, inst) === key;
    });
  }

  private flush(key: string, g: GroupState, input: PlanInput, byKey: Map<string, AlertInstance>, out: NotificationIntent[]): void {
    const at = g.flushAt!;
    const firing = g.firing.map((k) => byKey.get(k)!).filter((i) => i && i.firedAt! <= at);
    const resolved = g.resolved.map((k) => byKey.get(k)!).filter((i) => i && (i.resolvedAt ?? -Infinity) <= at);
    g.firing = g.firing.filter((k) => !firing.some((i) => i.key === k));
    g.resolved = g.resolved.filter((k) => !resolved.some((i) => i.key === k));
    const sample = firing[0] ?? resolved[0];
    const rule = sample && input.rules.get(sample.rule);
    g.flushAt = undefined;
    if (!rule) return;
    g.lastFlushAt = at;
    if (g.firing.length || g.resolved.length) g.flushAt = at + rule.group_interval;
    const all = [...firing, ...resolved];
    const alertKey = all.length === 1 ? all[0].key : `group:${key}`;
    const members = all.map((i) => `${i.key}@${i.firedAt}`).sort();
    if (firing.length) {
      const title =
        firing.length === 1
          ? `${firing[0].severity.toUpperCase()}: ${firing[0].rule} on ${firing[0].seriesId}`
          : `${firing.length} alerts firing: ${[...new Set(firing.map((i) => i.rule))].join(', ')}`;
      const lines = firing.map((i) => describe(i, input.rules.get(i.rule)!));
      if (resolved.length) lines.push(`Resolved: ${resolved.map((i) => i.seriesId).join(', ')}`);
      const tiers = immediateTiers(rule);
      for (let t = 0; t < tiers; t++) this.emitTier(out, rule, t, 'firing', alertKey, at, members, title, lines.join('\n'));
      for (const inst of firing) {
        const ns = this.alertState(inst.key);
        enter(ns, 'notified', 'notified');
        ns.lastNotifiedAt = at;
        ns.tiersSent = Math.max(ns.tiersSent, tiers);
      }
    } else {
      const title =
        resolved.length === 1 ? `Resolved: ${resolved[0].rule} on ${resolved[0].seriesId}` : `${resolved.length} alerts resolved: ${[...new Set(resolved.map((i) => i.rule))].join(', ')}`;
      const message = resolved.map((i) => `${describe(i, input.rules.get(i.rule)!)}; fired ${formatDuration((i.resolvedAt ?? at) - (i.firedAt ?? at))} ago`).join('\n');
      const reached = Math.max(...resolved.map((i) => this.alertState(i.key).tiersSent), immediateTiers(rule));
      for (let t = 0; t < reached && t < rule.notify.length; t++) this.emitTier(out, rule, t, 'resolved', alertKey, at, members, title, message, true);
    }
    for (const inst of resolved) enter(this.alertState(inst.key), 'done', 'resolved');
  }

  private repeat(key: string, g: GroupState, input: PlanInput, out: NotificationIntent[]): void {
    if (g.lastFlushAt === undefined) return;
    const members = this.notifiedMembers(key, input).filter((inst) => {
      const sup = input.suppression(inst);
      return !sup.acked && !sup.silenced && !sup.inhibited && !sup.snoozed && !this.state.alerts[inst.key].flapping;
    });
    if (!members.length) return;
    const rule = input.rules.get(members[0].rule)!;
    const at = g.lastFlushAt + rule.repeat_interval;
    if (at > input.now) return;
    g.lastFlushAt = at;
    const title = members.length === 1 ? `Still firing: ${members[0].rule} on ${members[0].seriesId}` : `${members.length} alerts still firing`;
    const message = members.map((i) => `${describe(i, input.rules.get(i.rule)!)}; firing for ${formatDuration(at - i.firedAt!)}`).join('\n');
    const alertKey = members.length === 1 ? members[0].key : `group:${key}`;
    const ids = members.map((i) => `${i.key}@${i.firedAt}`).sort();
    for (let t = 0; t < immediateTiers(rule); t++) this.emitTier(out, rule, t, 'repeat', alertKey, at, ids, title, message);
    for (const inst of members) this.alertState(inst.key).lastNotifiedAt = at;
  }

  // -- output ---------------------------------------------------------------------------------------
  private emit(out: NotificationIntent[], rule: AlertRule, reason: IntentReason, alertKey: string, at: number, members: string[], title: string, message: string, tiers: number): void {
    for (let t = 0; t < Math.max(1, tiers) && t < rule.notify.length; t++) this.emitTier(out, rule, t, reason, alertKey, at, members, title, message);
  }

  private emitTier(
    out: NotificationIntent[],
    rule: AlertRule,
    tierIndex: number,
    reason: IntentReason,
    alertKey: string,
    at: number,
    members: string[],
    title: string,
    message: string,
    resolvedOnly = false,
  ): void {
    const tier = rule.notify[tierIndex];
    for (const service of tier.service) {
      if (resolvedOnly && !sendsResolved(tier, service)) continue;
      let data: Record<string, unknown> = { ...tier.data };
      if (service.startsWith('notify.')) data = withNotifyTag(data, alertKey);
      if (service.startsWith('persistent_notification.')) data.notification_id ??= `ha_vitals_${alertKey}`.replace(/[^a-zA-Z0-9_]/g, '_');
      out.push({
        id: intentId({ reason, service, alertKey, at, members }),
        channel: tier.name ?? `tier${tierIndex}`,
        service,
        title,
        message,
        data,
        reason,
        alertKey,
        at,
      });
    }
  }

  private dedupAndLog(intents: NotificationIntent[], now: number): NotificationIntent[] {
    const sent = this.state.sent;
    if (sent !== this.sentOf) {
      this.sentOf = sent;
      this.oldestSent = oldest(sent);
    }
    const fresh: NotificationIntent[] = [];
    for (const intent of intents) {
      if (intent.id in sent) continue;
      sent[intent.id] = intent.at;
      if (intent.at < this.oldestSent) this.oldestSent = intent.at;
      fresh.push(intent);
    }
    // Forget ids older than the retention; nothing to look at while even the oldest is younger.
    const cutoff = now - SENT_RETENTION_MS;
    if (this.oldestSent < cutoff) {
      let left = Infinity;
      for (const [id, at] of Object.entries(sent)) {
        if (at < cutoff) delete sent[id];
        else if (at < left) left = at;
      }
      this.oldestSent = left;
    }
    fresh.sort((a, b) => a.at - b.at || a.alertKey.localeCompare(b.alertKey) || a.service.localeCompare(b.service) || a.id.localeCompare(b.id));
    this.state.log.push(...fresh);
    if (this.state.log.length > LOG_SIZE) this.state.log.splice(0, this.state.log.length - LOG_SIZE);
    return fresh;
  }
}
