/**
 * Static thresholds: above / below / outside a range, with hysteresis (a separate recovery level,
 * so a value hovering at the limit does not flap) and m-of-n (the breach must hold for m of the
 * last n samples, which absorbs single outliers without delaying a real breach by a fixed time).
 * `for` / `keep_firing_for` are deliberately not here: they belong to the alert engine.
 */
import type { Detector, DetectorSignal } from '../types.js';
import { formatCompact as formatNumber } from '../format/index.js';

export interface ThresholdOptions {
  /** Active when value > above. */
  above?: number;
  /** Active when value < below. Set both for "outside range". */
  below?: number;
  /** Once active on `above`, recover only when value ≤ recoverAbove. Default: `above` (no hysteresis). */
  recoverAbove?: number;
  /** Once active on `below`, recover only when value ≥ recoverBelow. Default: `below`. */
  recoverBelow?: number;
  /** Breaches needed among the last `n` numeric samples. Default 1. */
  m?: number;
  /** Length of the m-of-n window. Default `m`. */
  n?: number;
}

export class ThresholdDetector implements Detector {
  readonly kind = 'threshold';
  private readonly above: number;
  private readonly below: number;
  private readonly recoverAbove: number;
  private readonly recoverBelow: number;
  private readonly m: number;
  private readonly n: number;
  /** Bit ring of the last n judgements (1 = beyond the level that matters in the current state). */
  private readonly ring: Uint8Array;
  private ringPos = 0;
  private filled = 0;
  private hits = 0;
  private active = false;
  private lastValue = Number.NaN;
  private side: 'high' | 'low' = 'high';

  constructor(options: ThresholdOptions) {
    this.above = options.above ?? Infinity;
    this.below = options.below ?? -Infinity;
    if (this.above === Infinity && this.below === -Infinity) throw new RangeError('ThresholdDetector: set above and/or below');
    this.recoverAbove = options.recoverAbove ?? this.above;
    this.recoverBelow = options.recoverBelow ?? this.below;
    if (this.recoverAbove > this.above || this.recoverBelow < this.below) {
      throw new RangeError('ThresholdDetector: recovery levels must lie inside the trigger levels');
    }
    this.m = Math.max(1, Math.floor(options.m ?? 1));
    this.n = Math.max(this.m, Math.floor(options.n ?? this.m));
    this.ring = new Uint8Array(this.n);
  }

  update(_t: number, value: number): DetectorSignal {
    // A gap is no evidence either way: keep the state (staleness is the no-data detector's job).
    if (Number.isNaN(value)) return this.signal(value);
    this.lastValue = value;
    this.record(this.breaches(value) ? 1 : 0);
    if (value > this.recoverAbove) this.side = 'high';
    else if (value < this.recoverBelow) this.side = 'low';
    if (!this.active && this.hits >= this.m) {
      // The stored bits stay: a sample beyond the trigger level is also beyond the recovery level.
      this.active = true;
    } else if (this.active && this.hits < this.m) {
      this.active = false;
      // Re-triggering must take m fresh breaches of the trigger level, not recovery-level bits.
      this.clearWindow();
    }
    return this.signal(value);
  }

  reset(): void {
    this.clearWindow();
    this.active = false;
    this.side = 'high';
    this.lastValue = Number.NaN;
  }

  /** While inactive a breach means beyond the trigger level; while active, not yet back past recovery. */
  private breaches(value: number): boolean {
    return this.active ? value > this.recoverAbove || value < this.recoverBelow : value > this.above || value < this.below;
  }

  private record(bit: number): void {
    if (this.filled === this.n) this.hits -= this.ring[this.ringPos];
    else this.filled++;
    this.ring[this.ringPos] = bit;
    this.hits += bit;
    this.ringPos = (this.ringPos + 1) % this.n;
  }

  private clearWindow(): void {
    this.ring.fill(0);
    this.hits = 0;
    this.filled = 0;
    this.ringPos = 0;
  }

  private signal(value: number): DetectorSignal {
    const v = Number.isNaN(value) ? this.lastValue : value;
    return { active: this.active, value, score: this.active ? 1 : 0, reason: this.describe(v) };
  }

  private describe(value: number): string {
    const shown = formatNumber(value);
    const mOfN = this.m > 1 ? ` (${this.hits} of last ${this.n})` : '';
    if (this.active) {
      if (this.side === 'high') {
        return `${shown} > ${formatNumber(this.above)}${mOfN} (recovers at ≤ ${formatNumber(this.recoverAbove)})`;
      }
      return `${shown} < ${formatNumber(this.below)}${mOfN} (recovers at ≥ ${formatNumber(this.recoverBelow)})`;
    }
    const limits = [this.below > -Infinity ? `≥ ${formatNumber(this.below)}` : '', this.above < Infinity ? `≤ ${formatNumber(this.above)}` : '']
      .filter(Boolean)
      .join(' and ');
    return `${shown} within limits (${limits})`;
  }
}
