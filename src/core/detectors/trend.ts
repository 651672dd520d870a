/**
 * Trend: least-squares slope over a sliding time window, for slow problems a threshold sees too
 * late (memory leak, disk filling). Active when the slope is beyond `minSlopePerHour` in the
 * configured direction, or when the forecast reaches `limit` within `horizonMs`.
 * Sums are kept incrementally (O(1) per sample) relative to an origin that is re-based when it
 * falls far behind, so large epoch-millisecond times do not destroy precision.
 */
import type { Detector, DetectorSignal } from '../types.js';
import { formatCompact as formatNumber, formatDuration } from '../format/index.js';

const HOUR_MS = 3_600_000;

export interface TrendOptions {
  /** Regression window. Default 1 h. */
  windowMs?: number;
  /** Minimum |slope| (units per hour) to be active; direction from `direction`. Default: none (only the forecast). */
  minSlopePerHour?: number;
  /** Which slopes count. Default 'up'. */
  direction?: 'up' | 'down' | 'either';
  /** Capacity limit for the time-to-limit forecast (e.g. 100 for a disk in %). */
  limit?: number;
  /** Active when the forecast reaches `limit` within this time. Default 24 h (only with `limit`). */
  horizonMs?: number;
  /** Samples needed before judging. Default 5. */
  minSamples?: number;
  /** Fraction of the window the samples must span before judging. Default 0.5. */
  minCoverage?: number;
  /** Max samples kept. Default 2,048. */
  capacity?: number;
}

export class TrendDetector implements Detector {
  readonly kind = 'trend';
  private readonly windowMs: number;
  private readonly minSlopePerMs: number;
  private readonly direction: 'up' | 'down' | 'either';
  private readonly limit: number;
  private readonly horizonMs: number;
  private readonly minSamples: number;
  private readonly minCoverage: number;
  private readonly capacity: number;
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private head = 0;
  private size = 0;
  private origin = Number.NaN;
  private sx = 0;
  private sy = 0;
  private sxx = 0;
  private sxy = 0;

  constructor(options: TrendOptions = {}) {
    this.windowMs = options.windowMs ?? HOUR_MS;
    this.minSlopePerMs = options.minSlopePerHour === undefined ? Infinity : Math.abs(options.minSlopePerHour) / HOUR_MS;
    this.direction = options.direction ?? 'up';
    this.limit = options.limit ?? Number.NaN;
    this.horizonMs = options.horizonMs ?? 24 * HOUR_MS;
    this.minSamples = Math.max(2, options.minSamples ?? 5);
    this.minCoverage = options.minCoverage ?? 0.5;
    this.capacity = Math.max(this.minSamples, options.capacity ?? 2048);
    this.times = new Float64Array(this.capacity);
    this.values = new Float64Array(this.capacity);
  }

  update(t: number, value: number): DetectorSignal {
    if (!Number.isNaN(value)) {
      this.evict(t - this.windowMs);
      if (this.size === this.capacity) this.removeOldest();
      if (this.size === 0 || t - this.origin > 4 * this.windowMs) this.rebase(t);
      const slot = (this.head + this.size) % this.capacity;
      this.times[slot] = t;
      this.values[slot] = value;
      this.size++;
      this.add(t, value, 1);
    }
    return this.judge(t);
  }

  tick(t: number): DetectorSignal {
    this.evict(t - this.windowMs);
    return this.judge(t);
  }

  reset(): void {
    this.head = this.size = 0;
    this.sx = this.sy = this.sxx = this.sxy = 0;
    this.origin = Number.NaN;
  }

  /** Slope in units per ms (NaN with fewer than 2 distinct times). */
  get slopePerMs(): number {
    const n = this.size;
    const denominator = n * this.sxx - this.sx * this.sx;
    return n >= 2 && denominator > 0 ? (n * this.sxy - this.sx * this.sy) / denominator : Number.NaN;
  }

  private judge(t: number): DetectorSignal {
    const span = this.size > 0 ? this.times[(this.head + this.size - 1) % this.capacity] - this.times[this.head] : 0;
    const slope = this.slopePerMs;
    if (this.size < this.minSamples || span < this.minCoverage * this.windowMs || Number.isNaN(slope)) {
      return { active: false, value: Number.NaN, score: 0, warmingUp: true, reason: 'trend: collecting samples' };
    }
    const intercept = (this.sy - slope * this.sx) / this.size;
    const fittedNow = intercept + slope * (t - this.origin);
    const perHour = slope * HOUR_MS;
    const steep =
      (this.direction !== 'down' && slope >= this.minSlopePerMs) || (this.direction !== 'up' && -slope >= this.minSlopePerMs);
    let timeToLimitMs: number | undefined;
    if (!Number.isNaN(this.limit)) {
      const toGo = this.limit - fittedNow;
      if (toGo === 0 || (slope !== 0 && Math.sign(toGo) === Math.sign(slope))) timeToLimitMs = toGo / slope || 0;
    }
    const soon = timeToLimitMs !== undefined && timeToLimitMs <= this.horizonMs;
    const active = steep || soon;
    const slopeText = `slope ${perHour >= 0 ? '+' : ''}${formatNumber(perHour)}/h`;
    const reason =
      timeToLimitMs !== undefined ? `${slopeText}, reaches ${formatNumber(this.limit)} in ${formatDuration(timeToLimitMs)}` : slopeText;
    return { active, value: perHour, score: active ? 1 : 0, timeToLimitMs, reason };
  }

  private add(t: number, value: number, sign: 1 | -1): void {
    const x = t - this.origin;
    this.sx += sign * x;
    this.sy += sign * value;
    this.sxx += sign * x * x;
    this.sxy += sign * x * value;
  }

  private evict(cutoff: number): void {
    while (this.size > 0 && this.times[this.head] < cutoff) this.removeOldest();
  }

  private removeOldest(): void {
    this.add(this.times[this.head], this.values[this.head], -1);
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    if (this.size === 0) this.sx = this.sy = this.sxx = this.sxy = 0;
  }

  /** Move the origin to t and recompute the sums exactly (amortised: at most once per 4 windows). */
  private rebase(t: number): void {
    this.origin = t;
    this.sx = this.sy = this.sxx = this.sxy = 0;
    for (let i = 0; i < this.size; i++) {
      const slot = (this.head + i) % this.capacity;
      this.add(this.times[slot], this.values[slot], 1);
    }
  }
}
