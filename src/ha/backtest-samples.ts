/**
 * The samples a rule preview replays: an entity's recorded states over a range, as the alert
 * engine would have seen them live (one sample per state change, `unavailable` as a gap).
 *
 * What the store already holds is used when it reaches back to the start of the range (no request);
 * otherwise the range is read from the recorder once (`history/history_during_period`, minimal,
 * attribute-less) and the store's newer live samples are appended. The store keeps at most 43,200 raw
 * samples per entity, fewer than 7 days of 10-second states, so a week usually comes from the recorder.
 */
import { decodeHistory } from './history';
import { fetchHistoryDuringPeriod } from './api/history';
import type { CommandConnection } from './api/websocket';
import { isVirtualMetric, type VitalsStore } from './store';

export interface BacktestSamples {
  entityId: string;
  /** Sample times (epoch ms, ascending) and values (NaN = a gap). */
  t: Float64Array;
  v: Float64Array;
  from: number;
  to: number;
  /** Where they came from: the store's own series, or the recorder (plus the store's newer samples). */
  source: 'store' | 'recorder';
}

/** The store's samples in [from, to], if its series reaches back to `from`. */
function heldSamples(store: VitalsStore, entityId: string, from: number, to: number): { t: number[]; v: number[] } | undefined {
  const series = store.series(entityId);
  if (!series || series.length === 0) return undefined;
  if (series.timeAt(0) > from && !isVirtualMetric(entityId)) return undefined;
  const t: number[] = [];
  const v: number[] = [];
  series.forEachInRange(from, to, (time, value) => {
    t.push(Math.round(time));
    v.push(value);
  });
  return { t, v };
}

export async function loadBacktestSamples(store: VitalsStore, connection: CommandConnection, entityId: string, from: number, to: number): Promise<BacktestSamples> {
  const held = heldSamples(store, entityId, from, to);
  if (held) return { entityId, t: Float64Array.from(held.t), v: Float64Array.from(held.v), from, to, source: 'store' };
  const rows = (await fetchHistoryDuringPeriod(connection, { entityIds: [entityId], start: from, end: to }))[entityId] ?? [];
  const chunk = decodeHistory(rows, from);
  // Whole milliseconds: the recorder stamps microseconds, the CSV export (and the CLI) milliseconds.
  const t = chunk.times.map(Math.round);
  const v = chunk.values;
  // Live samples that arrived after the recorder's answer was cut (same time order, no duplicates).
  const last = t.length ? t[t.length - 1] : -Infinity;
  store.series(entityId)?.forEachInRange(last + 1, to, (time, value) => {
    t.push(Math.round(time));
    v.push(value);
  });
  return { entityId, t: Float64Array.from(t), v: Float64Array.from(v), from, to, source: 'recorder' };
}

/** The samples as the replay CLI reads them: `timestamp,value`, ISO 8601 UTC, a gap as `unavailable`. */
export function backtestCsv(samples: Pick<BacktestSamples, 't' | 'v'>): string {
  const lines = ['timestamp,value'];
  for (let i = 0; i < samples.t.length; i++) {
    const v = samples.v[i];
    lines.push(`${new Date(samples.t[i]).toISOString()},${Number.isNaN(v) ? 'unavailable' : String(v)}`);
  }
  return `${lines.join('\n')}\n`;
}
