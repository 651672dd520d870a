/**
 * Decoding of Home Assistant's compressed `subscribe_entities` messages into state samples.
 * Every diff the server sends becomes one sample, so bursts that the frontend's own `hass`
 * object would coalesce are still recorded individually, with the server's timestamps.
 */
import type { CompressedEntityMessage } from './api/entities';

export type { CompressedEntityMessage } from './api/entities';

/** One entity state as the store keeps it. Times are epoch milliseconds. */
export interface EntitySnapshot {
  entityId: string;
  state: string;
  attributes: Record<string, unknown>;
  lastChanged: number;
  lastUpdated: number;
}

export interface EntityUpdateSink {
  /** A new state: from the initial snapshot (`initial`) or a change. */
  onState(snapshot: EntitySnapshot, initial: boolean): void;
  onRemoved(entityId: string): void;
}

/**
 * Applies one compressed message to `current` (mutated in place) and reports each change.
 * `lu` is omitted by the server when it equals `lc`, and `lc` when it did not change.
 */
export function applyEntityMessage(
  message: CompressedEntityMessage,
  current: Map<string, EntitySnapshot>,
  sink: EntityUpdateSink,
): void {
  if (message.a) {
    for (const [entityId, s] of Object.entries(message.a)) {
      const lastChanged = (s.lc ?? s.lu ?? 0) * 1000;
      const snapshot: EntitySnapshot = {
        entityId,
        state: s.s ?? '',
        attributes: s.a ?? {},
        lastChanged,
        lastUpdated: s.lu !== undefined ? s.lu * 1000 : lastChanged,
      };
      current.set(entityId, snapshot);
      sink.onState(snapshot, true);
    }
  }
  if (message.c) {
    for (const [entityId, diff] of Object.entries(message.c)) {
      const previous = current.get(entityId);
      if (!previous) continue; // A change for an entity we never saw: the next full snapshot brings it.
      const next: EntitySnapshot = { ...previous };
      const plus = diff['+'];
      if (plus) {
        if (plus.s !== undefined) next.state = plus.s;
        if (plus.a) next.attributes = { ...next.attributes, ...plus.a };
        if (plus.lc !== undefined) {
          next.lastChanged = plus.lc * 1000;
          next.lastUpdated = plus.lc * 1000;
        }
        if (plus.lu !== undefined) next.lastUpdated = plus.lu * 1000;
      }
      const minus = diff['-'];
      if (minus?.a?.length) {
        next.attributes = { ...next.attributes };
        for (const key of minus.a) delete next.attributes[key];
      }
      current.set(entityId, next);
      sink.onState(next, false);
    }
  }
  if (message.r) {
    for (const entityId of message.r) {
      current.delete(entityId);
      sink.onRemoved(entityId);
    }
  }
}
