/**
 * Service calls over the websocket connection itself, so shared runtimes (alert hub, MQTT
 * reporter) do not depend on whichever card's `hass` object happened to create them.
 */
import { callService, type ServiceCaller } from './api/services';
import type { CommandConnection } from './api/websocket';

export type ServiceConnection = CommandConnection;

/**
 * Messages HA Vitals sends for itself in the background (notification claims, MQTT reports):
 * the service-call latency probe leaves them out, it measures what the user's actions cost.
 */
export const monitorMessages = new WeakSet<object>();

/** Service calls on the connection that the latency probe does not count (and HA shows no toast for). */
export function monitorServices(connection: ServiceConnection): ServiceCaller {
  return {
    callService: (domain: string, service: string, data: Record<string, unknown>) => callService(connection, domain, service, data, (message) => monitorMessages.add(message)),
  };
}
