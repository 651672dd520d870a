/**
 * Service calls over the websocket connection itself, so shared runtimes (alert hub, MQTT
 * reporter) do not depend on whichever card's `hass` object happened to create them.
 */
import type { ServiceCaller } from './notify/types';

export interface ServiceConnection {
  sendMessagePromise<T>(message: { type: string; [key: string]: unknown }): Promise<T>;
}

/**
 * Messages HA Vitals sends for itself in the background (notification claims, MQTT reports):
 * the service-call latency probe leaves them out, it measures what the user's actions cost.
 */
export const monitorMessages = new WeakSet<object>();

/** Service calls on the connection that the latency probe does not count (and HA shows no toast for). */
export function monitorServices(connection: ServiceConnection): ServiceCaller {
  return {
    callService: (domain: string, service: string, data: Record<string, unknown>) => {
      const message = { type: 'call_service', domain, service, service_data: data };
      monitorMessages.add(message);
      return connection.sendMessagePromise(message);
    },
  };
}
