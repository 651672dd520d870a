import type { Severity } from '../config/alerts.js';
import type { NotifyReason } from './planner.js';

export type AlertState = 'inactive' | 'pending' | 'firing' | 'resolved';

/** One rule applied to one series. Plain data: serialised as is by `AlertEngine.toJSON()`. */
export interface AlertInstance {
  /** `${rule}/${seriesId}`: stable across dashboards and reloads. */
  key: string;
  rule: string;
  seriesId: string;
  severity: Severity;
  /** alertname, entity, severity, plus the rule's labels. */
  labels: Record<string, string>;
  state: AlertState;
  /** The detector's last judgement. */
  active: boolean;
  value: number;
  score: number;
  reason?: string;
  /** Condition became active (start of pending). */
  activeAt?: number;
  /** Episode start: when the alert last started firing. */
  firedAt?: number;
  /** Condition cleared while firing (keep_firing_for counts from here). */
  clearedAt?: number;
  resolvedAt?: number;
  lastSampleAt?: number;
  /** Acknowledged for the current (pending or firing) episode. */
  ack?: { at: number; by?: string };
  snoozedUntil?: number;
}

export interface AlertTransition {
  alertKey: string;
  rule: string;
  seriesId: string;
  from: AlertState;
  to: AlertState;
  at: number;
  value: number;
  severity: Severity;
  reason?: string;
}

export type IntentReason = 'firing' | 'resolved' | 'repeat' | 'escalation' | 'flapping' | 'summary';

/** What the HA layer should do: call `service` with title/message/data. */
export interface NotificationIntent {
  /** Deterministic: the same alert history yields the same id on every dashboard (see intent-id.ts). */
  id: string;
  /** Escalation tier name: the tier's `name`, else "tier0", "tier1", ... */
  channel: string;
  /** "notify.mobile_app_pixel", "persistent_notification.create", "siren.turn_on", ... */
  service: string;
  title: string;
  message: string;
  /** Service data: the tier's `data`, plus `tag` (notify.*) / `notification_id` (persistent_notification.*). */
  data: Record<string, unknown>;
  reason: IntentReason;
  /** The alert, or `group:<group key>` when one notification covers several alerts. */
  alertKey: string;
  /** Due time (ms): derived from sample times, not from when evaluate() ran. */
  at: number;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op?: MatchOp;
  value: string;
}

export interface Silence {
  id: string;
  matchers: LabelMatcher[];
  startsAt: number;
  endsAt: number;
  comment?: string;
  createdBy?: string;
}

export type ConnectionState = 'connected' | 'reconnecting';

/** An alert as a card shows it. */
export interface AlertSnapshot extends AlertInstance {
  acknowledged: boolean;
  snoozed: boolean;
  silenced: boolean;
  /** Keys of the firing alerts that inhibit this one. */
  inhibitedBy: string[];
  flapping: boolean;
  /** The notification planner's last decision about this alert (see planner.ts). */
  notifyReason: NotifyReason;
}
