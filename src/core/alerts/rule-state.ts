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
  if (inst.state === 'pending' && inst.active && inst.activeAt !== undefined) {
    const due = inst.activeAt + rule.for;
    if (due < now || (inclusive && due === now && rule.for === 0)) move(inst, 'firing', due, out);
  }
  if (inst.state === 'firing' && !inst.active && inst.clearedAt !== undefined) {
    const due = inst.clearedAt + rule.keep_firing_for;
    if (due < now || (inclusive && due === now)) move(inst, 'resolved', due, out);
  }
}

/** Apply a detector judgement made at time `t`. */
export function applySignal(inst: AlertInstance, rule: AlertRule, t: number, signal: DetectorSignal, out: AlertTransition[]): void {
  advance(inst, rule, t, out, false);
  const active = signal.active && !signal.warmingUp;
  inst.active = active;
  inst.value = signal.value;
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
