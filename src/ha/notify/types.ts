/**
 * The one shape every part of HA Vitals uses to call a Home Assistant service, and what the
 * delivery pipeline says about each notification it was handed.
 */
import type { NotificationIntent } from '../../core/alerts/types';

export type { ServiceCaller } from '../api/services';

/**
 * Why a notification was or was not sent by this device: one named reason per outcome, as
 * Alertmanager names its notify reasons, so the alerts card can answer "why (not)?".
 */
export type DeliveryReason =
  /** Sent by this device. */
  | 'sent'
  /** The service is not one an alert rule may call (only notify.*, persistent_notification.* and allow_services). */
  | 'refused-service'
  /** The household's notifications-per-hour cap was reached; a summary follows. */
  | 'rate-limited'
  /** Someone acknowledged (or snoozed) the alert between planning and sending. */
  | 'acknowledged'
  /** Another tab of this browser handled it. */
  | 'other-tab'
  /** Another device claimed it and marked it sent. */
  | 'other-device'
  /** The service call failed. */
  | 'failed';

export interface Delivery {
  intent: NotificationIntent;
  /** Scope (card rule set) the intent came from. */
  scope: string;
  reason: DeliveryReason;
  /** When this device decided (ms). */
  at: number;
  /** Human detail: the error, the device that sent it, the cap. */
  detail?: string;
}
