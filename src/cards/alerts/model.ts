/**
 * What the alerts card shows, computed from hub alerts without the DOM: ordering, the "since"
 * wording, badges and the escalation step.
 */
import type { AlertRule, AlertsConfig, NotifyTier } from '../../core/config/alerts';
import type { Delivery, HubAlert } from '../../ha/alert-hub';
import type { SharedAck, SharedSent, SharedSnooze } from '../../core/alerts/shared-state';
import { formatDuration } from '../../ui/format';

export const RECENT_RESOLVED_MS = 3_600_000;

const STATE_RANK = { firing: 0, pending: 1, resolved: 2, inactive: 3 } as const;
const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;

/** Firing, then pending, then recently resolved; by severity, then newest first. */
export function visibleAlerts(alerts: HubAlert[], show: 'active' | 'all', now: number, max: number): HubAlert[] {
  return alerts
    .filter((a) => {
      if (a.state === 'firing' || a.state === 'pending') return true;
      return show === 'all' && a.state === 'resolved' && a.resolvedAt !== undefined && now - a.resolvedAt <= RECENT_RESOLVED_MS;
    })
    .sort(
      (a, b) =>
        STATE_RANK[a.state] - STATE_RANK[b.state] ||
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        sinceOf(b) - sinceOf(a) ||
        a.key.localeCompare(b.key),
    )
    .slice(0, max);
}

function sinceOf(a: HubAlert): number {
  return (a.state === 'firing' ? a.firedAt : a.state === 'pending' ? a.activeAt : a.resolvedAt) ?? 0;
}

/** "firing for 12 min", "pending for 30 s", "resolved 5 min ago". */
export function stateText(a: HubAlert, now: number): string {
  const since = sinceOf(a);
  if (!since) return a.state;
  const span = formatDuration(Math.max(0, now - since));
  return a.state === 'resolved' ? `resolved ${span} ago` : `${a.state} for ${span}`;
}

export interface Escalation {
  /** Tiers already due (1-based count), of all tiers. */
  reached: number;
  total: number;
  /** "next: notify.all_phones in 4 min", or why there is none. */
  text: string;
}

function tierLabel(tier: NotifyTier): string {
  return tier.name ?? tier.service.join(', ');
}

/**
 * Escalation from the rule's `notify` tiers and the alert's start (or the end of its snooze):
 * tier k is due at base + tier.after while the alert is unacknowledged.
 */
export function escalationOf(a: HubAlert, rule: AlertRule | undefined, now: number): Escalation | undefined {
  if (!rule || a.state !== 'firing' || a.firedAt === undefined || rule.notify.length === 0) return undefined;
  const base = a.snoozedUntil !== undefined && a.snoozedUntil > a.firedAt ? a.snoozedUntil : a.firedAt;
  const total = rule.notify.length;
  const reached = rule.notify.filter((t) => base + t.after <= now).length;
  let text: string;
  if (a.acknowledged) text = 'escalation stopped: acknowledged';
  else if (a.silenced) text = 'escalation stopped: silenced';
  else if (a.inhibitedBy.length) text = 'escalation held: inhibited';
  else if (reached >= total) text = total === 1 ? `notified: ${tierLabel(rule.notify[0])}` : `all ${total} tiers notified`;
  else {
    const next = rule.notify[reached];
    text = `next: ${tierLabel(next)} in ${formatDuration(base + next.after - now)}`;
  }
  return { reached, total, text };
}

export function ruleFor(config: AlertsConfig | undefined, name: string): AlertRule | undefined {
  return config?.rules.find((r) => r.name === name);
}

/** "14:30" for today, else "3 Mar 14:30" (local time). */
export function clockText(t: number, now: number): string {
  const d = new Date(t);
  const time = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return new Date(now).toDateString() === d.toDateString() ? time : `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}

/** What the card needs from the hub to explain an alert's notifications. */
export interface DeliveryFacts {
  deliveries: readonly Delivery[];
  shared: { ack?: SharedAck; snooze?: SharedSnooze };
  sentBy(intentId: string): SharedSent | undefined;
}

function who(stamp: { by?: string; deviceName?: string } | undefined): string {
  if (!stamp) return '';
  if (stamp.by && stamp.deviceName) return ` by ${stamp.by} (${stamp.deviceName})`;
  if (stamp.by || stamp.deviceName) return ` by ${stamp.by ?? stamp.deviceName}`;
  return '';
}

/**
 * "Why did, or didn't, this notify?" in one line: the last delivery decision for the alert, or
 * what is holding it back now. `undefined` for an alert with nothing to tell (inactive, never sent).
 */
export function notifyLine(a: HubAlert, facts: DeliveryFacts, now: number): string | undefined {
  const active = a.state === 'firing' || a.state === 'pending';
  if (active && a.acknowledged) return `not sent: acknowledged${who(facts.shared.ack ?? a.ack)}`;
  if (active && a.snoozed && a.snoozedUntil !== undefined) return `not sent: snoozed until ${clockText(a.snoozedUntil, now)}${who(facts.shared.snooze)}`;
  if (active && a.silenced) return 'not sent: silenced';
  if (active && a.inhibitedBy.length) return `not sent: inhibited by a more severe alert`;
  if (active && a.flapping) return 'not sent: flapping (a summary follows when it is stable)';
  const last = [...facts.deliveries].reverse().find((d) => d.scope === a.scope && d.intent.alertKey === a.key);
  if (active && a.notifyReason === 'throttled') return 'not sent: throttled (a summary follows when the throttle ends)';
  if (!last) {
    if (a.state === 'pending') return 'not sent: pending (the rule waits for "for")';
    if (a.state === 'firing' && a.notifyReason === 'grouping') return 'not sent yet: waiting for group_wait';
    return undefined;
  }
  const when = clockText(last.at, now);
  const via = `via ${last.intent.service}`;
  switch (last.reason) {
    case 'sent':
      return `sent from this device ${when} ${via}`;
    case 'other-device': {
      const sent = facts.sentBy(last.intent.id);
      return `sent by ${sent?.deviceName ?? 'another device'} ${sent ? clockText(sent.at, now) : when} ${via}`;
    }
    case 'other-tab':
      return `sent by another tab of this browser ${when} ${via}`;
    case 'acknowledged':
      return `not sent ${when}: ${last.detail ?? 'acknowledged'}`;
    case 'refused-service':
      return `not sent: ${last.intent.service} is not allowed (add it to alerts.allow_services)`;
    case 'rate-limited':
      return `not sent ${when}: ${last.detail ?? 'rate limit'}; a summary follows`;
    default:
      return `failed ${when} ${via}: ${last.detail ?? 'error'}`;
  }
}
