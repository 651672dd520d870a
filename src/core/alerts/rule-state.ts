/**
 * The per-alert state machine, as pure functions over plain data:
 *
 *   inactive/resolved ──active──▶ pending ──held for `for`──▶ firing
 *        ▲                          │ cleared                   │ cleared
 *        └──────────────────────────┘                           ▼
 *   resolved ◀──── still clear after keep_firing_for ─── firing (keep-firing)
 *
 * Times are sample times (or the evaluation clock for pure time passage). A pending alert fires
 * at exactly activeAt + for, once a later moment shows the condition still held; an alert resolves
 * at clearedAt + keep_firing_for. So the result does not depend on how often `evaluate` runs.
 *
 * Anomaly rules judge point events, not levels: one surprising sample says nothing about the
 * time until the next one. So their pending alert fires only once a later sample was judged
 * anomalous too (a lone outlier never fires, however sparse the samples or long the wait).
 *
 * `value` is the last finite value the detector judged (the sample; a trend's slope; for no-data
 * rules the age of the silence or outage in ms). A gap never overwrites it, so notification texts
 * show the last reading rather than "NaN"; it is NaN only before any finite judgement.
 */
import type { DetectorSignal } from '../types.js';
import type { AlertRule } from '../config/alerts.js';
import type { AlertInstance, AlertState, AlertTransition } from './types.js';

export function newInstance(rule: AlertRule, seriesId: string): AlertInstance {
  return {
    key: `${rule.name}/${seriesId}`,
    rule: rule.name,
    seriesId,
    severity: rule.severity,
    labels: { ...rule.labels, alertname: rule.name, entity: seriesId, severity: rule.severity },
    state: 'inactive',
    active: false,
    value: Number.NaN,
    score: 0,
  };
}

/**
 * Signals whose reason an instance has not copied yet (`applySignal(..., { lazyReason: true })`).
 * Detectors build their reason text when it is read (a week's replay is 60,000 judgements, and
 * the text matters only for the few that are shown or notified), so the engine keeps the signal
 * and copies its reason when something reads `inst.reason`: a transition, the planner's texts,
 * a snapshot, a save. Signals are immutable, so the text is the one it would have been at once.
 */
const unreadReasons = new WeakMap<AlertInstance, DetectorSignal>();

/** Bring `inst.reason` up to date with the last signal applied lazily; call before reading it. */
export function settleReason(inst: AlertInstance): void {
  const signal = unreadReasons.get(inst);
  if (signal === undefined) return;
  unreadReasons.delete(inst);
  inst.reason = signal.reason;
}

/** `inst.reason`, up to date. */
export function reasonOf(inst: AlertInstance): string | undefined {
  settleReason(inst);
  return inst.reason;
}

function move(inst: AlertInstance, to: AlertState, at: number, out: AlertTransition[]): void {
  settleReason(inst);
  const from = inst.state;
  inst.state = to;
  if (to === 'pending') inst.activeAt = at;
  if (to === 'firing') {
    inst.firedAt = at;
    inst.clearedAt = undefined;
    inst.resolvedAt = undefined;
  }
  if (to === 'resolved') {
    inst.resolvedAt = at;
    inst.clearedAt = undefined;
  }
  if (to === 'resolved' || to === 'inactive') {
    inst.ack = undefined;
    inst.activeAt = undefined;
  }
  out.push({ alertKey: inst.key, rule: inst.rule, seriesId: inst.seriesId, from, to, at, value: inst.value, severity: inst.severity, reason: inst.reason });
}

/**
 * Time passes to `now` with no new judgement. `inclusive`: a deadline exactly at `now` counts
 * (evaluation); exclusive when a sample at `now` is about to decide instead.
 */
export function advance(inst: AlertInstance, rule: AlertRule, now: number, out: AlertTransition[], inclusive = true): void {
  if (inst.state === 'pending' && inst.active && inst.activeAt !== undefined && confirmed(inst, rule)) {
    const due = inst.activeAt + rule.for;
    if (due < now || (inclusive && due === now && rule.for === 0)) move(inst, 'firing', due, out);
  }
  if (inst.state === 'firing' && !inst.active && inst.clearedAt !== undefined) {
    const due = inst.clearedAt + rule.keep_firing_for;
    if (due < now || (inclusive && due === now)) move(inst, 'resolved', due, out);
  }
}

/** Point-event rules (anomaly): held only once a sample after the onset was judged anomalous too. */
function confirmed(inst: AlertInstance, rule: AlertRule): boolean {
  if (rule.type !== 'anomaly') return true;
  return inst.activeAt !== undefined && inst.lastSampleAt !== undefined && inst.lastSampleAt > inst.activeAt;
}

/**
 * Apply a detector judgement made at time `t`. The caller sets `inst.lastSampleAt = t` first for a
 * sample (the engine does); a judgement from the clock alone (`tick`) leaves it.
 *
 * `lazyReason`: keep the signal and copy its reason only when it is read; the caller then reads
 * `inst.reason` only through `reasonOf` / after `settleReason` (the engine does).
 */
export function applySignal(inst: AlertInstance, rule: AlertRule, t: number, signal: DetectorSignal, out: AlertTransition[], options?: { lazyReason?: boolean }): void {
  const active = signal.active && !signal.warmingUp;
  // An anomaly's pending alert is confirmed by this sample only if this sample is anomalous too.
  if (!(rule.type === 'anomaly' && inst.state === 'pending' && !active)) advance(inst, rule, t, out, false);
  inst.active = active;
  if (Number.isFinite(signal.value)) inst.value = signal.value;
  inst.score = signal.score;
  if (options?.lazyReason) unreadReasons.set(inst, signal);
  else {
    unreadReasons.delete(inst);
    inst.reason = signal.reason;
  }
  if (active) {
    if (inst.state === 'inactive' || inst.state === 'resolved') {
      if (rule.for === 0) move(inst, 'firing', t, out);
      else move(inst, 'pending', t, out);
    } else if (inst.state === 'firing') {
      inst.clearedAt = undefined;
    }
  } else if (inst.state === 'pending') {
    move(inst, 'inactive', t, out);
  } else if (inst.state === 'firing') {
    inst.clearedAt ??= t;
    advance(inst, rule, t, out, true);
  }
}
