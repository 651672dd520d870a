/**
 * What the alerts card shows, computed from hub alerts without the DOM: ordering, the "since"
 * wording, badges and the escalation step.
 */
import type { AlertRule, AlertsConfig, NotifyTier } from '../../core/config/alerts';
import type { Delivery, HubAlert } from '../../ha/alert-hub';
import type { SharedAck, SharedSent, SharedSnooze } from '../../core/alerts/shared-state';
import { ENGLISH_TEXT, type LocaleText } from '../../ui/locale-text';

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
export function stateText(a: HubAlert, now: number, { fmt, t }: LocaleText = ENGLISH_TEXT): string {
  const since = sinceOf(a);
  if (!since) return t(`alerts.state.${a.state}`);
  const duration = fmt.duration(Math.max(0, now - since));
  return t(a.state === 'resolved' ? 'alerts.resolved_ago' : a.state === 'firing' ? 'alerts.firing_for' : 'alerts.pending_for', { duration });
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
export function escalationOf(a: HubAlert, rule: AlertRule | undefined, now: number, { fmt, t }: LocaleText = ENGLISH_TEXT): Escalation | undefined {
  if (!rule || a.state !== 'firing' || a.firedAt === undefined || rule.notify.length === 0) return undefined;
  const base = a.snoozedUntil !== undefined && a.snoozedUntil > a.firedAt ? a.snoozedUntil : a.firedAt;
  const total = rule.notify.length;
  const reached = rule.notify.filter((t) => base + t.after <= now).length;
  let text: string;
  if (a.acknowledged) text = t('alerts.escalation.acknowledged');
  else if (a.silenced) text = t('alerts.escalation.silenced');
  else if (a.inhibitedBy.length) text = t('alerts.escalation.inhibited');
  else if (reached >= total) text = total === 1 ? t('alerts.escalation.notified', { tier: tierLabel(rule.notify[0]) }) : t('alerts.escalation.all_notified', { count: total });
  else {
    const next = rule.notify[reached];
    text = t('alerts.escalation.next', { tier: tierLabel(next), duration: fmt.duration(base + next.after - now) });
  }
  return { reached, total, text };
}

export function ruleFor(config: AlertsConfig | undefined, name: string): AlertRule | undefined {
  return config?.rules.find((r) => r.name === name);
}

/** "2:30 PM" / "14:30" for today, else with the date, in the user's zone. */
export function clockText(at: number, now: number, { fmt }: LocaleText = ENGLISH_TEXT): string {
  return fmt.date(now) === fmt.date(at) && Math.abs(now - at) < 86_400_000 ? fmt.time(at) : fmt.dateTime(at);
}

/** What the card needs from the hub to explain an alert's notifications. */
export interface DeliveryFacts {
  deliveries: readonly Delivery[];
  shared: { ack?: SharedAck; snooze?: SharedSnooze };
  sentBy(intentId: string): SharedSent | undefined;
}

function who(stamp: { by?: string; deviceName?: string } | undefined, t: LocaleText['t']): string {
  if (!stamp) return '';
  if (stamp.by && stamp.deviceName) return ` ${t('alerts.by_on_device', { user: stamp.by, device: stamp.deviceName })}`;
  if (stamp.by || stamp.deviceName) return ` ${t('alerts.by', { user: (stamp.by ?? stamp.deviceName)! })}`;
  return '';
}

/**
 * "Why did, or didn't, this notify?" in one line: the last delivery decision for the alert, or
 * what is holding it back now. `undefined` for an alert with nothing to tell (inactive, never sent).
 */
export function notifyLine(a: HubAlert, facts: DeliveryFacts, now: number, text: LocaleText = ENGLISH_TEXT): string | undefined {
  const { t } = text;
  const active = a.state === 'firing' || a.state === 'pending';
  if (active && a.acknowledged) return `${t('alerts.notify.acknowledged')}${who(facts.shared.ack ?? a.ack, t)}`;
  if (active && a.snoozed && a.snoozedUntil !== undefined) return `${t('alerts.notify.snoozed_until', { time: clockText(a.snoozedUntil, now, text) })}${who(facts.shared.snooze, t)}`;
  if (active && a.silenced) return t('alerts.notify.silenced');
  if (active && a.inhibitedBy.length) return t('alerts.notify.inhibited');
  if (active && a.flapping) return t('alerts.notify.flapping');
  const last = [...facts.deliveries].reverse().find((d) => d.scope === a.scope && d.intent.alertKey === a.key);
  if (active && a.notifyReason === 'throttled') return t('alerts.notify.throttled');
  if (!last) {
    if (a.state === 'pending') return t('alerts.notify.pending');
    if (a.state === 'firing' && a.notifyReason === 'grouping') return t('alerts.notify.grouping');
    return undefined;
  }
  const when = clockText(last.at, now, text);
  const service = last.intent.service;
  switch (last.reason) {
    case 'sent':
      return t('alerts.notify.sent_here', { when, service });
    case 'other-device': {
      const sent = facts.sentBy(last.intent.id);
      return t('alerts.notify.sent_by', { device: sent?.deviceName ?? t('alerts.another_device'), when: sent ? clockText(sent.at, now, text) : when, service });
    }
    case 'other-tab':
      return t('alerts.notify.sent_other_tab', { when, service });
    case 'acknowledged':
      return t('alerts.notify.not_sent_at', { when, detail: last.detail ?? t('alerts.notify.acknowledged_detail') });
    case 'refused-service':
      return t('alerts.notify.refused', { service });
    case 'rate-limited':
      return t('alerts.notify.rate_limited', { when, detail: last.detail ?? t('alerts.notify.rate_limit_detail') });
    default:
      return t('alerts.notify.failed', { when, service, detail: last.detail ?? t('alerts.notify.error_detail') });
  }
}
