/** Entity states (`subscribe_entities`), in the compressed form home-assistant-js-websocket decodes. */
import type { SubscriptionConnection, Unsubscribe } from './websocket';

/** Compressed state (`s`, `a`, `lc`, `lu` in epoch seconds). */
export interface CompressedState {
  s?: string;
  a?: Record<string, unknown>;
  lc?: number;
  lu?: number;
}

/** A change: `+` what is added or changed, `-` the attributes removed. */
export interface CompressedDiff {
  '+'?: CompressedState;
  '-'?: { a?: string[] };
}

/** `a`: entities added (full state), `c`: changed, `r`: removed. */
export interface CompressedEntityMessage {
  a?: Record<string, CompressedState>;
  c?: Record<string, CompressedDiff>;
  r?: string[];
}

/**
 * `subscribe_entities` restricted to `entityIds`: first every entity's state, then each change.
 * Renewed by the library after a reconnect (`resubscribe`), which sends the states again.
 */
export function subscribeCompressedEntities(
  connection: SubscriptionConnection<CompressedEntityMessage>,
  entityIds: string[],
  onMessage: (message: CompressedEntityMessage) => void,
): Promise<Unsubscribe> {
  return connection.subscribeMessage(onMessage, { type: 'subscribe_entities', entity_ids: entityIds }, { resubscribe: true });
}
