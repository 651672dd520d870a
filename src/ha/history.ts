/**
 * Recorder history, loaded once per entity and window and shared by every card.
 *
 * Requests made within a short batch window are merged into ONE
 * `history/history_during_period` call per start time (`minimal_response`, `no_attributes`),
 * and an entity's already-covered range is never fetched again: a second card asking for the same
 * or a shorter window costs nothing, a longer window fetches only the older part.
 * Windows longer than the recorder keeps raw states are completed from long-term statistics
 * (`recorder/statistics_during_period`, 5-minute/hour/day means chosen by span), as Home
 * Assistant's own history graph does.
 */
import { isAbsurdValue, parseStateNumber } from '../core/series/parse';
import { fetchHistoryDuringPeriod, type CompressedHistoryState } from './api/history';
import { fetchStatisticsDuringPeriod, type StatisticRow, type StatisticsPeriod } from './api/recorder';
import type { CommandConnection } from './api/websocket';

export type HistoryConnection = CommandConnection;

/** Decoded samples for one entity, in time order. Times in epoch ms. */
export interface HistoryChunk {
  times: number[];
  values: number[];
  /** Where each sample came from: raw states or statistics means (charts draw those differently). */
  source: 'history' | 'statistics';
  /** Rows whose value was ±Infinity or |x| ≥ 1e30 (float sentinels): decoded as gaps. */
  absurd?: number;
  /** Statistics only: each row's min and max (NaN where the statistic has none), and the period. */
  mins?: number[];
  maxs?: number[];
  periodMs?: number;
}

export type HistorySink = (entityId: string, chunk: HistoryChunk) => void;

export interface HistoryLoaderOptions {
  batchDelayMs?: number;
  /** How far back the recorder keeps raw states (its `purge_keep_days`, default 10 days). */
  rawRetentionMs?: number;
  now?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

interface Pending {
  entityIds: Set<string>;
  /** Entities whose short-term statistics are asked for too (a preview of a long window). */
  previewIds: Set<string>;
  start: number;
  end: number;
  waiters: { resolve: () => void; reject: (e: unknown) => void }[];
}

const DAY = 86_400_000;

/** Statistics period for a span, finest first, so a chart keeps a few hundred points or more. */
export function statisticsPeriod(spanMs: number): StatisticsPeriod {
  if (spanMs <= 2 * DAY) return '5minute';
  if (spanMs <= 60 * DAY) return 'hour';
  return 'day';
}

const PERIOD_MS = { '5minute': 300_000, hour: 3_600_000, day: DAY } as const;

/** Period of a preview: 5-minute statistics (kept as long as raw states) up to 8 days, else as for long-term ones. */
export function previewPeriod(spanMs: number): '5minute' | 'hour' | 'day' {
  return spanMs <= 8 * DAY ? '5minute' : statisticsPeriod(spanMs);
}

export interface EnsureOptions {
  /**
   * Ask for the window's statistics (min / max / mean) too, in parallel: a few thousand rows that
   * draw the whole window long before the raw states (100,000 rows for a dense week) arrive.
   * Only measurement sensors have them.
   */
  preview?: boolean;
}

export class HistoryLoader {
  /** Per entity: the oldest time from which history is loaded (or being loaded). */
  private readonly coveredFrom = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private pending = new Map<number, Pending>();
  private timer?: unknown;
  /** Requests sent, by type: the e2e suite and the tests count them. */
  readonly requestCounts = { history: 0, statistics: 0 };
  /** History and statistics rows taken as gaps because their value was absurd (see decodeHistory). */
  absurdValues = 0;
  private readonly opts: Required<HistoryLoaderOptions>;

  constructor(
    private readonly connection: HistoryConnection,
    private readonly sink: HistorySink,
    options: HistoryLoaderOptions = {},
  ) {
    this.opts = {
      batchDelayMs: options.batchDelayMs ?? 0,
      rawRetentionMs: options.rawRetentionMs ?? 10 * DAY,
      now: options.now ?? (() => Date.now()),
      setTimeout: options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms)),
    };
  }

  /** The oldest time an entity's history is loaded from, if any. */
  coverage(entityId: string): number | undefined {
    return this.coveredFrom.get(entityId);
  }

  /** Forget what was loaded for an entity (its data was invalidated). */
  forget(entityId: string): void {
    this.coveredFrom.delete(entityId);
  }

  /** Mark history as already present from `from` on (e.g. restored from the persistent cache). */
  markCovered(entityId: string, from: number): void {
    const covered = this.coveredFrom.get(entityId);
    if (covered === undefined || from < covered) this.coveredFrom.set(entityId, from);
  }

  /**
   * Make sure an entity's history covers the last `windowMs`. Resolves when the data has been
   * handed to the sink. Start times are rounded down to the minute so cards asking for "the last
   * 24 h" a few milliseconds apart share one request.
   */
  ensure(entityId: string, windowMs: number, options: EnsureOptions = {}): Promise<void> {
    const now = this.opts.now();
    const start = Math.floor((now - windowMs) / 60_000) * 60_000;
    const covered = this.coveredFrom.get(entityId);
    if (covered !== undefined && covered <= start) return this.inFlight.get(entityId) ?? Promise.resolve();
    const end = covered ?? now;
    this.coveredFrom.set(entityId, start);
    const promise = this.enqueue(entityId, start, end, options.preview === true);
    const previous = this.inFlight.get(entityId);
    const combined = previous ? Promise.all([previous, promise]).then(() => undefined) : promise;
    this.inFlight.set(entityId, combined);
    void combined.then(
      () => this.inFlight.get(entityId) === combined && this.inFlight.delete(entityId),
      () => {
        // A failed load is retried by the next request.
        if (this.inFlight.get(entityId) === combined) this.inFlight.delete(entityId);
        if (this.coveredFrom.get(entityId) === start) this.coveredFrom.set(entityId, end);
      },
    );
    return combined;
  }

  /** Fetch [start, end] now for the given entities (reconnect backfill), batched like `ensure`. */
  backfill(entityIds: string[], start: number, end = this.opts.now()): Promise<void> {
    return Promise.all(entityIds.map((id) => this.enqueue(id, start, end))).then(() => undefined);
  }

  private enqueue(entityId: string, start: number, end: number, preview = false): Promise<void> {
    // Requests with the same start share a call; their end is the latest asked for.
    let batch = this.pending.get(start);
    if (!batch) {
      batch = { entityIds: new Set(), previewIds: new Set(), start, end, waiters: [] };
      this.pending.set(start, batch);
    }
    batch.entityIds.add(entityId);
    if (preview) batch.previewIds.add(entityId);
    batch.end = Math.max(batch.end, end);
    const target = batch;
    const promise = new Promise<void>((resolve, reject) => target.waiters.push({ resolve, reject }));
    if (this.timer === undefined) {
      this.timer = this.opts.setTimeout(() => {
        this.timer = undefined;
        const batches = [...this.pending.values()];
        this.pending = new Map();
        for (const b of batches) void this.run(b);
      }, this.opts.batchDelayMs);
    }
    return promise;
  }

  private async run(batch: Pending): Promise<void> {
    const entityIds = [...batch.entityIds].sort();
    const previewIds = entityIds.filter((id) => batch.previewIds.has(id));
    const plainIds = entityIds.filter((id) => !batch.previewIds.has(id));
    try {
      const rawHorizon = this.opts.now() - this.opts.rawRetentionMs;
      const needsStatistics = batch.start < rawHorizon;
      // Each answer is handed over the moment it arrives: statistics (small) paint the window
      // first, the raw states refine it.
      let previewShown = false;
      const deliverStatistics = (answer: { rows: Record<string, StatisticRow[]>; periodMs: number }) => {
        for (const [id, rows] of Object.entries(answer.rows)) {
          if (!rows?.length || !batch.entityIds.has(id)) continue;
          this.deliver(id, decodeStatistics(rows, answer.periodMs));
          if (batch.previewIds.has(id)) previewShown = true;
        }
      };
      const requests: Promise<void>[] = [];
      if (previewIds.length) {
        // The preview covers the whole window, the part beyond the raw retention included.
        requests.push(this.fetchStatistics(previewIds, batch.start, batch.end, previewPeriod(batch.end - batch.start)).then(deliverStatistics));
      }
      if (needsStatistics && plainIds.length) {
        requests.push(this.fetchStatistics(plainIds, batch.start, Math.min(batch.end, rawHorizon)).then(deliverStatistics));
      }
      requests.push(
        this.fetchHistory(entityIds, Math.max(batch.start, needsStatistics ? rawHorizon : batch.start), batch.end).then(async (history) => {
          // Placing 100,000 states takes tens of ms: let the preview be painted first.
          if (previewShown) await afterNextPaint();
          for (const id of entityIds) {
            const states = history[id];
            if (states?.length) this.deliver(id, decodeHistory(states, batch.start));
          }
        }),
      );
      await Promise.all(requests);
      for (const w of batch.waiters) w.resolve();
    } catch (err) {
      for (const w of batch.waiters) w.reject(err);
    }
  }

  private fetchHistory(entityIds: string[], start: number, end: number) {
    this.requestCounts.history++;
    return fetchHistoryDuringPeriod(this.connection, { entityIds, start, end });
  }

  private deliver(entityId: string, chunk: HistoryChunk): void {
    this.absurdValues += chunk.absurd ?? 0;
    this.sink(entityId, chunk);
  }

  private async fetchStatistics(entityIds: string[], start: number, end: number, period = statisticsPeriod(end - start)) {
    this.requestCounts.statistics++;
    const rows = await fetchStatisticsDuringPeriod(this.connection, {
      statisticIds: entityIds,
      start,
      end,
      period,
      // min and max too: a chart draws them as a band, so a spike a month ago stays visible.
      types: ['mean', 'min', 'max', 'state'],
    });
    return { rows, periodMs: PERIOD_MS[period] };
  }
}

/** Resolves after the browser painted its next frame (at once where there are no frames). */
function afterNextPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * Compressed history rows: `lu` (epoch seconds) is on every row of a minimal response, `lc` only
 * where it differs. The first row is the state in force at the start time, which may be older
 * than the window: it is placed at the window start so charts begin with the right value.
 */
export function decodeHistory(rows: CompressedHistoryState[], windowStart: number): HistoryChunk {
  const times: number[] = [];
  const values: number[] = [];
  let absurd = 0;
  for (const row of rows) {
    const seconds = row.lu ?? row.lc;
    if (seconds === undefined) continue;
    times.push(Math.max(seconds * 1000, windowStart));
    const v = parseStateNumber(row.s);
    const bad = isAbsurdValue(v);
    if (bad) absurd++;
    values.push(bad ? Number.NaN : v);
  }
  return { times, values, source: 'history', absurd };
}

/**
 * Statistics rows carry `start` as epoch ms (HA ≥ 2023.3) or an ISO string (older). Measurement
 * statistics have mean/min/max; total ones only `state` (their min and max are NaN).
 */
export function decodeStatistics(rows: StatisticRow[], periodMs: number = PERIOD_MS.hour): HistoryChunk {
  const times: number[] = [];
  const values: number[] = [];
  const mins: number[] = [];
  const maxs: number[] = [];
  let absurd = 0;
  const plain = (x: number | null | undefined) => (typeof x === 'number' && !isAbsurdValue(x) ? x : Number.NaN);
  for (const row of rows) {
    const t = typeof row.start === 'number' ? row.start : Date.parse(row.start);
    const v = row.mean ?? row.state;
    if (!Number.isFinite(t)) continue;
    times.push(t);
    const bad = typeof v === 'number' && isAbsurdValue(v);
    if (bad) absurd++;
    values.push(typeof v === 'number' && !bad ? v : Number.NaN);
    mins.push(plain(row.min));
    maxs.push(plain(row.max));
  }
  return { times, values, source: 'statistics', absurd, mins, maxs, periodMs };
}
