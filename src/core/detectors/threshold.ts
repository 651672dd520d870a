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
    return new ThresholdSignal(this.active, value, v, this.side, this.hits, this.texts);
  }

  /** The parts of the reason that only depend on the options, formatted once. */
  private get texts(): ReasonTexts {
    return (this.reasonTexts ??= {
      high: ` > ${formatNumber(this.above)}`,
      recoverHigh: ` (recovers at ≤ ${formatNumber(this.recoverAbove)})`,
      low: ` < ${formatNumber(this.below)}`,
      recoverLow: ` (recovers at ≥ ${formatNumber(this.recoverBelow)})`,
      within: ` within limits (${[this.below > -Infinity ? `≥ ${formatNumber(this.below)}` : '', this.above < Infinity ? `≤ ${formatNumber(this.above)}` : ''].filter(Boolean).join(' and ')})`,
      n: this.m > 1 ? this.n : 0,
    });
  }

  private reasonTexts?: ReasonTexts;
}

interface ReasonTexts {
  high: string;
  recoverHigh: string;
  low: string;
  recoverLow: string;
  within: string;
  /** The m-of-n window length, 0 without m-of-n (m = 1). */
  n: number;
}

/**
 * One judgement. The reason text is built when read, from what held at this sample: the alert
 * engine reads it only when it shows or notifies, not for each of a week's 60,000 samples.
 */
class ThresholdSignal implements DetectorSignal {
  readonly score: number;

  constructor(
    readonly active: boolean,
    readonly value: number,
    /** The value the reason shows: the sample, or the last one before a gap. */
    private readonly shown: number,
    private readonly side: 'high' | 'low',
    private readonly hits: number,
    private readonly texts: ReasonTexts,
  ) {
    this.score = active ? 1 : 0;
  }

  get reason(): string {
    const { texts } = this;
    const shown = formatNumber(this.shown);
    if (!this.active) return `${shown}${texts.within}`;
    const mOfN = texts.n ? ` (${this.hits} of last ${texts.n})` : '';
    return this.side === 'high' ? `${shown}${texts.high}${mOfN}${texts.recoverHigh}` : `${shown}${texts.low}${mOfN}${texts.recoverLow}`;
  }
}
