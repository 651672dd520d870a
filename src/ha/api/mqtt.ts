/**
 * MQTT through Home Assistant's MQTT integration: `mqtt.publish` is a service every user may
 * call; `mqtt/subscribe` is an admin-only websocket command.
 */
import type { ServiceCaller } from './services';
import type { SubscriptionConnection, Unsubscribe } from './websocket';

/** A message Home Assistant forwards from a subscribed topic. */
export interface MqttMessage {
  topic: string;
  payload: string;
  qos?: number;
  retain?: boolean;
}

export interface MqttPublish {
  topic: string;
  payload: string;
  retain: boolean;
  qos: 0 | 1 | 2;
}

/** `mqtt.publish` through a service caller (the caller decides whether it counts as the user's call). */
export function publishMqtt(caller: ServiceCaller, message: MqttPublish): Promise<unknown> {
  return caller.callService('mqtt', 'publish', { topic: message.topic, payload: message.payload, retain: message.retain, qos: message.qos });
}

/**
 * `mqtt/subscribe` (admin): messages on `topic` (wildcards allowed), retained ones first. They
 * arrive as `unknown`: anyone who can publish on the broker writes them, so read them as
 * untrusted (`MqttMessage` is the shape Home Assistant forwards).
 */
export function subscribeMqttTopic(connection: SubscriptionConnection, topic: string, onMessage: (message: unknown) => void): Promise<Unsubscribe> {
  return connection.subscribeMessage(onMessage, { type: 'mqtt/subscribe', topic });
}
