/**
 * No-data / staleness: a series that stops updating. Judged on `tick(t)` (time passing without
 * samples). The expected interval is configured or learned as the median of recent intervals
 * (median, so one long pause or a burst does not skew it). After a (re)connect there is a grace
 * period: HA replays states and sensors come back one by one.
 * Gap samples (NaN: unavailable/unknown) do not count as data by default: a sensor stuck
 * "unavailable" is not delivering data.
 */
import type { Detector, DetectorSignal } from '../types.js';
import { formatDuration } from './format.js';

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
    const inGrace = t < this.graceUntil;
    const active = !inGrace && age > allowed;
    const reason = active
      ? `no data for ${formatDuration(age)} (expected every ${formatDuration(Number.isNaN(expected) ? allowed : expected)})`
      : inGrace
        ? `reconnect grace for ${formatDuration(this.graceUntil - t)}`
        : `last data ${formatDuration(age)} ago`;
    return { active, value: age, score: active ? 1 : 0, reason };
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
    this.intervals[this.intervalPos] = interval;
    this.intervalPos = (this.intervalPos + 1) % this.intervals.length;
    this.intervalCount = Math.min(this.intervals.length, this.intervalCount + 1);
    // Sorting ≤ 15 numbers per sample is cheap next to the rest, and keeps tick() allocation-free.
    const sorted = this.intervals.slice(0, this.intervalCount).sort();
    this.learnedMedianMs = sorted[sorted.length >> 1];
  }
}
