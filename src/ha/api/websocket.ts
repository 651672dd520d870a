/**
 * The websocket connection as the functions of `src/ha/api/` use it.
 *
 * Convention of this folder (after Home Assistant frontend's `src/data/*.ts`): one typed function
 * per Home Assistant command, with its request and response types beside it. Commands take the
 * websocket connection first (home-assistant-js-websocket's `Connection`, or only the part of it
 * they use, so a store or a test can pass a fake), never `hass`: a shared runtime outlives the
 * card whose `hass` created it. The exceptions read what the frontend has already loaded into
 * `hass` (the current user, the entity registry): they take `hass` and send nothing.
 */

/** A websocket message: its `type` names the command. */
export interface WsMessage {
  type: string;
  [key: string]: unknown;
}

/** Sends one command and resolves with Home Assistant's result. */
export interface CommandConnection {
  sendMessagePromise<T>(message: WsMessage): Promise<T>;
}

/** Ends a subscription; resolves once Home Assistant confirmed. */
export type Unsubscribe = () => Promise<void>;

/**
 * Starts a subscription whose events are `Event`s; resolves with its `Unsubscribe` once Home
 * Assistant accepted it. (Not a generic method: a fake that delivers one kind of event fits.)
 */
export interface SubscriptionConnection<Event = unknown> {
  subscribeMessage(callback: (event: Event) => void, message: WsMessage, options?: { resubscribe?: boolean }): Promise<Unsubscribe>;
}

export interface PingConnection {
  ping(): Promise<unknown>;
}

/** Whether the connection can ping (the real one can; a bare fake in a test cannot). */
export function canPing<C extends object>(connection: C): connection is C & PingConnection {
  return typeof (connection as Partial<PingConnection>).ping === 'function';
}

/** `ping`: resolves when Home Assistant answered `pong` (the websocket round trip). */
export function ping(connection: PingConnection): Promise<unknown> {
  return connection.ping();
}
