/**
 * A household-wide cap on notifications: at most `perHour` in any hour (by the intents' due
 * times, which are sample times, so every device reaches the same decision). What the cap holds
 * back is counted per service and summarised in one notification per service once the hour has
 * room again: a storm becomes one message saying what was held back, never silence.
 */
import { intentId } from './intent-id.js';
import { withNotifyTag } from './notify-tag.js';
import type { NotificationIntent } from './types.js';

export const DEFAULT_NOTIFICATIONS_PER_HOUR = 60;
export const RATE_LIMIT_ALERT_KEY = 'ha-vitals:rate-limit';
const HOUR = 3_600_000;

interface Held {
  count: number;
  firstAt: number;
  alerts: string[];
}

export class NotificationRateLimit {
  private admitted: number[] = [];
  private held = new Map<string, Held>();

  constructor(readonly perHour = DEFAULT_NOTIFICATIONS_PER_HOUR) {}

  /** Whether `intent` may go out; a held-back one is counted for the summary. Summaries always go. */
  admit(intent: NotificationIntent): boolean {
    if (intent.alertKey === RATE_LIMIT_ALERT_KEY) return true;
    this.forget(intent.at);
    if (this.admitted.length < this.perHour) {
      this.admitted.push(intent.at);
      return true;
    }
    // A summary is text: what was held back from a siren or a script is told on the dashboard's notification list.
    const service = /^(notify|persistent_notification)\./.test(intent.service) ? intent.service : 'persistent_notification.create';
    const held = this.held.get(service) ?? { count: 0, firstAt: intent.at, alerts: [] };
    held.count++;
    if (!held.alerts.includes(intent.alertKey) && held.alerts.length < 5) held.alerts.push(intent.alertKey);
    this.held.set(service, held);
    return false;
  }

  /** How many notifications are being held back now. */
  get holding(): number {
    let n = 0;
    for (const h of this.held.values()) n += h.count;
    return n;
  }

  /** Summaries that are due at `now`: the hour since the first held-back notification has passed. */
  summaries(now: number): NotificationIntent[] {
    const out: NotificationIntent[] = [];
    for (const [service, held] of [...this.held.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const at = held.firstAt + HOUR;
      if (at > now) continue;
      this.held.delete(service);
      const title = 'HA Vitals: notifications were held back';
      const message = `${held.count} notification${held.count === 1 ? '' : 's'} held back by the limit of ${this.perHour} per hour (${held.alerts.join(', ')}${held.alerts.length >= 5 ? ', …' : ''}). Open the alerts card for the current state.`;
      let data: Record<string, unknown> = {};
      if (service.startsWith('notify.')) data = withNotifyTag(data, 'ha-vitals-rate-limit');
      if (service.startsWith('persistent_notification.')) data.notification_id = 'ha_vitals_rate_limit';
      out.push({
        id: intentId({ reason: 'summary', service, alertKey: RATE_LIMIT_ALERT_KEY, at, members: [] }),
        channel: 'rate-limit',
        service,
        title,
        message,
        data,
        reason: 'summary',
        alertKey: RATE_LIMIT_ALERT_KEY,
        at,
      });
    }
    return out;
  }

  private forget(now: number): void {
    const horizon = now - HOUR;
    let drop = 0;
    while (drop < this.admitted.length && this.admitted[drop] <= horizon) drop++;
    if (drop) this.admitted.splice(0, drop);
  }
}
