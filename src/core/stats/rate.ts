/**
 * Rates of monotonic counters (bytes sent, request totals) with counter-reset handling in the
 * Prometheus way: when a counter goes down it was reset to 0, so the increase across the reset is
 * the new value itself, never a negative rate.
 */
import type { TimeSeries } from '../series/time-series.js';

export interface RateOptions {
  /** Treat the series as a counter (resets allowed). If false, a plain derivative (can be negative). */
  counter?: boolean;
  /** Rate unit: per `perMs` milliseconds. Default 1000 (per second). */
  perMs?: number;
}

/** Streaming rate/derivative: per-sample rate between consecutive numeric samples. */
export class RateTracker {
  private lastT = Number.NaN;
  private lastV = Number.NaN;
  private readonly counter: boolean;
  private readonly perMs: number;
  /** Number of counter resets seen (useful to surface restarts). */
  resets = 0;

  constructor(options: RateOptions = {}) {
    this.counter = options.counter ?? true;
    this.perMs = options.perMs ?? 1000;
  }

  /** Rate since the previous numeric sample, NaN for the first sample or across a gap-free zero dt. */
  update(t: number, value: number): number {
    if (Number.isNaN(value)) return Number.NaN;
    const dt = t - this.lastT;
    let delta = value - this.lastV;
    if (this.counter && delta < 0) {
      delta = value;
      this.resets++;
    }
    this.lastT = t;
    this.lastV = value;
    return dt > 0 ? (delta * this.perMs) / dt : Number.NaN;
  }

  reset(): void {
    this.lastT = this.lastV = Number.NaN;
    this.resets = 0;
  }
}

/** Total increase of a counter over [from, to], counting resets (NaN if fewer than 2 numeric samples). */
export function counterIncrease(series: TimeSeries, from: number, to: number): number {
  let previous = Number.NaN;
  let increase = 0;
  let numeric = 0;
  series.forEachInRange(from, to, (_t, v) => {
    if (Number.isNaN(v)) return;
    numeric++;
    if (!Number.isNaN(previous)) increase += v >= previous ? v - previous : v;
    previous = v;
  });
  return numeric < 2 ? Number.NaN : increase;
}

/** Average rate of a series over [from, to]: counter increase (or net change) per `perMs` between first and last numeric samples. */
export function averageRate(series: TimeSeries, from: number, to: number, options: RateOptions = {}): number {
  let firstT = Number.NaN;
  let lastT = Number.NaN;
  let firstV = Number.NaN;
  let lastV = Number.NaN;
  series.forEachInRange(from, to, (t, v) => {
    if (Number.isNaN(v)) return;
    if (Number.isNaN(firstT)) {
      firstT = t;
      firstV = v;
    }
    lastT = t;
    lastV = v;
  });
  if (!(lastT > firstT)) return Number.NaN;
  const change = (options.counter ?? true) ? counterIncrease(series, from, to) : lastV - firstV;
  return (change * (options.perMs ?? 1000)) / (lastT - firstT);
}
