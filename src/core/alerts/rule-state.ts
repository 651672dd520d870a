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

function move(inst: AlertInstance, to: AlertState, at: number, out: AlertTransition[]): void {
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
 */
export function applySignal(inst: AlertInstance, rule: AlertRule, t: number, signal: DetectorSignal, out: AlertTransition[]): void {
  const active = signal.active && !signal.warmingUp;
  // An anomaly's pending alert is confirmed by this sample only if this sample is anomalous too.
  if (!(rule.type === 'anomaly' && inst.state === 'pending' && !active)) advance(inst, rule, t, out, false);
  inst.active = active;
  if (Number.isFinite(signal.value)) inst.value = signal.value;
  inst.score = signal.score;
  inst.reason = signal.reason;
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
