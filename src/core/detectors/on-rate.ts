/**
 * Judges a series on its rate instead of its value. A counter (bytes sent, tokens used, requests
 * served) only grows, so its value never returns to a learned range and an anomaly detector on
 * the value flags every new high; what can be anomalous is how fast it grows.
 */
import { RateTracker } from '../stats/rate.js';
import type { Detector, DetectorSignal } from '../types.js';
import { formatCompact } from '../format/index.js';

export interface OnRateOptions {
  /** `total_increasing` counters: a drop is a reset to 0, never a negative rate. */
  counter: boolean;
  /** Rate per this many milliseconds (default: per minute). */
  perMs?: number;
}

export class OnRate implements Detector {
  readonly kind: string;
  private readonly rate: RateTracker;
  private readonly perMs: number;
  /** Only where the inner detector has one: the engine treats a detector with `tick` as time-driven. */
  readonly tick?: (t: number) => DetectorSignal;

  constructor(
    private readonly inner: Detector,
    options: OnRateOptions,
  ) {
    this.kind = `${inner.kind}(rate)`;
    this.perMs = options.perMs ?? 60_000;
    this.rate = new RateTracker({ counter: options.counter, perMs: this.perMs });
    if (inner.tick) this.tick = (t) => inner.tick!(t);
  }

  update(t: number, value: number): DetectorSignal {
    const rate = this.rate.update(t, value);
    // The first sample (and a gap) has no rate yet: nothing to judge.
    if (Number.isNaN(rate)) return { active: false, value: Number.NaN, score: 0, warmingUp: true };
    return new RateSignal(this.inner.update(t, rate), this.perMs === 60_000 ? '/min' : `/${this.perMs} ms`);
  }


  reset(): void {
    this.rate.reset();
    this.inner.reset();
  }
}

/** The inner detector's signal, judged on the rate; the reason is formatted only when read. */
class RateSignal implements DetectorSignal {
  readonly active: boolean;
  readonly value: number;
  readonly score: number;
  readonly warmingUp?: boolean;

  constructor(
    private readonly inner: DetectorSignal,
    private readonly unit: string,
  ) {
    this.active = inner.active;
    this.value = inner.value;
    this.score = inner.score;
    if (inner.warmingUp !== undefined) this.warmingUp = inner.warmingUp;
  }

  get reason(): string {
    const rate = `rate ${formatCompact(this.value)}${this.unit}`;
    return this.inner.reason ? `${rate}: ${this.inner.reason}` : rate;
  }
}
