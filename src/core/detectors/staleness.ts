/**
 * No-data / staleness: a series that stops updating. Judged on `tick(t)` (time passing without
 * samples). The expected interval is configured or learned as the median of recent intervals
 * (median, so one long pause or a burst does not skew it). After a (re)connect there is a grace
 * period: HA replays states and sensors come back one by one.
 * Gap samples (NaN: unavailable/unknown) do not count as data by default: a sensor stuck
 * "unavailable" is not delivering data.
 */
import type { Detector, DetectorSignal } from '../types.js';
import { formatDuration } from '../format/index.js';

export interface StalenessOptions {
  /** Expected interval between samples; learned from the series when omitted. */
  expectedIntervalMs?: number;
  /** Stale when silent for more than factor × expected interval. Default 3. */
  factor?: number;
  /** Never stale before this much silence (HA sends only changes). Default 60 s. */
  minStaleMs?: number;
  /** Quiet period after `noteReconnect`. Default 2 min. */
  graceMs?: number;
  /** Count NaN (unavailable) samples as data. Default false. */
  gapsAreData?: boolean;
  /** Intervals kept to learn the expected interval. Default 15. */
  learnWindow?: number;
}

export class StalenessDetector implements Detector {
  readonly kind = 'staleness';
  private readonly configuredIntervalMs: number;
  private readonly factor: number;
  private readonly minStaleMs: number;
  private readonly graceMs: number;
  private readonly gapsAreData: boolean;
  private readonly intervals: Float64Array;
  /** The same intervals kept sorted (insertion/removal O(window), no allocation per sample). */
  private readonly sortedIntervals: Float64Array;
  private intervalCount = 0;
  private intervalPos = 0;
  private lastDataT = Number.NaN;
  private learnedMedianMs = Number.NaN;
  private graceUntil = -Infinity;
  private reconnectT = -Infinity;

  constructor(options: StalenessOptions = {}) {
    this.configuredIntervalMs = options.expectedIntervalMs ?? Number.NaN;
    this.factor = options.factor ?? 3;
    this.minStaleMs = options.minStaleMs ?? 60_000;
    this.graceMs = options.graceMs ?? 120_000;
    this.gapsAreData = options.gapsAreData ?? false;
    this.intervals = new Float64Array(Math.max(3, options.learnWindow ?? 15));
    this.sortedIntervals = new Float64Array(this.intervals.length);
  }

  update(t: number, value: number): DetectorSignal {
    if (!Number.isNaN(value) || this.gapsAreData) {
      if (!Number.isNaN(this.lastDataT) && t > this.lastDataT) this.learn(t - this.lastDataT);
      if (Number.isNaN(this.lastDataT) || t > this.lastDataT) this.lastDataT = t;
    }
    return this.tick(t);
  }

  tick(t: number): DetectorSignal {
    const expected = this.expectedIntervalMs;
    const allowed = Math.max(this.minStaleMs, this.factor * (Number.isNaN(expected) ? 0 : expected));
    const since = Math.max(this.lastDataT, this.reconnectT);
    if (Number.isNaN(this.lastDataT) && this.reconnectT === -Infinity) {
      return { active: false, value: Number.NaN, score: 0, warmingUp: true, reason: 'no data yet' };
    }
    const age = t - since;
    const graceLeft = this.graceUntil - t;
    const active = !(graceLeft > 0) && age > allowed;
    // The reason is formatted only when read: ingest calls this for every sample of every series.
    return new StalenessSignal(active, age, graceLeft, Number.isNaN(expected) ? allowed : expected);
  }

  /** The connection came back at t: silence before it is not the sensor's fault. */
  noteReconnect(t: number): void {
    this.graceUntil = t + this.graceMs;
    this.reconnectT = t;
  }

  /** Configured interval, else the median of recent intervals, else NaN. */
  get expectedIntervalMs(): number {
    if (!Number.isNaN(this.configuredIntervalMs)) return this.configuredIntervalMs;
    return this.learnedMedianMs;
  }

  reset(): void {
    this.intervalCount = this.intervalPos = 0;
    this.learnedMedianMs = Number.NaN;
    this.lastDataT = Number.NaN;
    this.graceUntil = this.reconnectT = -Infinity;
  }

  private learn(interval: number): void {
    const n = this.intervals.length;
    const sorted = this.sortedIntervals;
    let count = this.intervalCount;
    if (count === n) {
      // Remove the interval that leaves the ring from the sorted copy.
      const leaving = this.intervals[this.intervalPos];
      let i = 0;
      while (i < count - 1 && sorted[i] !== leaving) i++;
      for (; i < count - 1; i++) sorted[i] = sorted[i + 1];
      count--;
    }
    let j = count;
    while (j > 0 && sorted[j - 1] > interval) {
      sorted[j] = sorted[j - 1];
      j--;
    }
    sorted[j] = interval;
    count++;
    this.intervals[this.intervalPos] = interval;
    this.intervalPos = (this.intervalPos + 1) % n;
    this.intervalCount = count;
    this.learnedMedianMs = sorted[count >> 1];
  }
}

/** Staleness signal whose human-readable reason is built lazily (on read). */
class StalenessSignal implements DetectorSignal {
  readonly score: number;
  constructor(
    readonly active: boolean,
    readonly value: number,
    private readonly graceLeftMs: number,
    private readonly expectedMs: number,
  ) {
    this.score = active ? 1 : 0;
  }

  get reason(): string {
    if (this.active) return `no data for ${formatDuration(this.value)} (expected every ${formatDuration(this.expectedMs)})`;
    if (this.graceLeftMs > 0) return `reconnect grace for ${formatDuration(this.graceLeftMs)}`;
    return `last data ${formatDuration(this.value)} ago`;
  }
}
