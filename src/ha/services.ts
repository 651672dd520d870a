/**
 * Service calls over the websocket connection itself, so shared runtimes (alert hub, MQTT
 * reporter) do not depend on whichever card's `hass` object happened to create them.
 */
export interface ServiceConnection {
  sendMessagePromise<T>(message: { type: string; [key: string]: unknown }): Promise<T>;
}

export function connectionServices(connection: ServiceConnection) {
  return {
    callService: (domain: string, service: string, data: Record<string, unknown>) =>
      connection.sendMessagePromise({ type: 'call_service', domain, service, service_data: data }),
  };
}
