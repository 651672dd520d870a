/**
 * Availability and error rate. A state holds from its sample until the next sample (step
 * function, as HA reports states on change), so availability is time-weighted, not sample-weighted.
 */
import type { TimeSeries } from '../series/time-series.js';

/**
 * Fraction in [0, 1] of [from, to] during which the series had a numeric value. Time before the
 * first sample is unknown and not counted; NaN if nothing is known about the interval.
 */
export function availability(series: TimeSeries, from: number, to: number): number {
  if (!(to > from) || series.length === 0) return Number.NaN;
  // Start from the state in force at `from` (last sample at or before it), if any.
  let index = Math.max(0, series.upperBound(from) - 1);
  let known = 0;
  let up = 0;
  for (; index < series.length; index++) {
    const start = Math.max(from, series.timeAt(index));
    if (start >= to) break;
    const end = index + 1 < series.length ? Math.min(to, series.timeAt(index + 1)) : to;
    if (end <= start) continue;
    known += end - start;
    if (!Number.isNaN(series.valueAt(index))) up += end - start;
  }
  return known > 0 ? up / known : Number.NaN;
}

/** Errors / total events; NaN when there were no events (no traffic is not 0 % errors). */
export function errorRate(errorEvents: number, totalEvents: number): number {
  return totalEvents > 0 ? Math.min(1, Math.max(0, errorEvents / totalEvents)) : Number.NaN;
}

/** Streaming availability: time-weighted share of numeric samples since construction/reset. */
export class AvailabilityTracker {
  private lastT = Number.NaN;
  private lastUp = false;
  private knownMs = 0;
  private upMs = 0;

  update(t: number, value: number): number {
    this.advance(t);
    this.lastUp = !Number.isNaN(value);
    return this.ratio;
  }

  advance(t: number): void {
    if (!Number.isNaN(this.lastT) && t > this.lastT) {
      this.knownMs += t - this.lastT;
      if (this.lastUp) this.upMs += t - this.lastT;
    }
    if (Number.isNaN(this.lastT) || t > this.lastT) this.lastT = t;
  }

  get ratio(): number {
    return this.knownMs > 0 ? this.upMs / this.knownMs : Number.NaN;
  }

  reset(): void {
    this.lastT = Number.NaN;
    this.lastUp = false;
    this.knownMs = this.upMs = 0;
  }
}
