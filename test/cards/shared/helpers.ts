import { waitUntil } from '@open-wc/testing';
import type { FakeConnection } from '../../helpers/fake-connection';

export type HistoryRows = Record<string, { s: string; lu: number }[]>;

/** What each fake connection serves, for waitForHistory. */
export const served = new WeakMap<FakeConnection, HistoryRows>();

/** Answer history requests with `rows` (entity → compressed states) and statistics with nothing. */
export function serveHistory(connection: FakeConnection, rows: HistoryRows = {}): void {
  served.set(connection, rows);
  connection.responders.set('history/history_during_period', (msg) => {
    const ids = msg.entity_ids as string[];
    return Object.fromEntries(ids.filter((id) => rows[id]).map((id) => [id, rows[id]]));
  });
  connection.responders.set('recorder/statistics_during_period', () => ({}));
}

let testRun = 0;
/**
 * A fresh entity id per call: the store keeps a persistent history cache in IndexedDB (per
 * origin and entity), so tests must not share entity ids or they would see each other's data.
 */
export function freshId(name: string): string {
  testRun++;
  return `sensor.${name}_${Date.now().toString(36)}_${testRun}`;
}

export const nowSec = () => Date.now() / 1000;

/** `count` samples from `from` (epoch s) every `stepSec`, values from `value(i)`. */
export function rowsOf(count: number, from: number, stepSec: number, value: (i: number) => number) {
  return Array.from({ length: count }, (_, i) => ({ s: String(value(i)), lu: from + i * stepSec }));
}

/**
 * Wait until the store of `connection` holds the served history of every entity in `rows`
 * (the store reads its IndexedDB cache first, so the delay varies).
 */
export async function waitForHistory(connection: FakeConnection, rows: HistoryRows = served.get(connection) ?? {}, capacity = 43_200): Promise<void> {
  const { storeFor } = await import('../../../src/ha/store');
  const store = storeFor(connection as never);
  await waitUntil(
    () => Object.entries(rows).every(([id, r]) => (store.series(id)?.length ?? 0) >= Math.min(r.length, capacity)),
    'history was not merged',
    { timeout: 5000 },
  );
}
