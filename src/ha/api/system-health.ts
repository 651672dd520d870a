/** System health (`system_health/info`), as Home Assistant frontend's `src/data/system_health.ts`. */
import type { SubscriptionConnection, Unsubscribe } from './websocket';

export interface SystemHealthDomain {
  info?: Record<string, unknown>;
}

/**
 * `initial` carries every integration's info; `update` events follow for slow checks; `finish`
 * ends the stream.
 */
export interface SystemHealthMessage {
  type: string;
  data?: Record<string, SystemHealthDomain>;
}

/** `system_health/info`: newer Home Assistant streams it through a subscription. */
export function subscribeSystemHealth(connection: SubscriptionConnection<SystemHealthMessage>, onMessage: (message: SystemHealthMessage) => void): Promise<Unsubscribe> {
  return connection.subscribeMessage(onMessage, { type: 'system_health/info' });
}
