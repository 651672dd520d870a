/** Service calls (`call_service`), as Home Assistant frontend's `callService`. */
import type { CommandConnection } from './websocket';

/** The one shape every part of HA Vitals uses to call a Home Assistant service. */
export interface ServiceCaller {
  callService(domain: string, service: string, data: Record<string, unknown>): Promise<unknown>;
}

export interface CallServiceMessage {
  type: 'call_service';
  domain: string;
  service: string;
  service_data?: Record<string, unknown>;
  target?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Whether a websocket message is a service call (the latency probe times those). */
export function isCallServiceMessage(message: unknown): message is CallServiceMessage {
  return (message as { type?: unknown } | null | undefined)?.type === 'call_service';
}

/**
 * `call_service`. `beforeSend` sees the message object before it leaves, so a caller can
 * recognise its own message later (the latency probe leaves HA Vitals' background calls out).
 */
export function callService(
  connection: CommandConnection,
  domain: string,
  service: string,
  data: Record<string, unknown>,
  beforeSend?: (message: CallServiceMessage) => void,
): Promise<unknown> {
  const message: CallServiceMessage = { type: 'call_service', domain, service, service_data: data };
  beforeSend?.(message);
  return connection.sendMessagePromise(message);
}
