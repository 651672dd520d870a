import { ANOMALY_DEFAULTS as D } from './defaults.js';
import { Decay } from './decay.js';

const DAY_MS = 86_400_000;

/**
 * Daily seasonality: what the series usually is at this time of day. Home Assistant sensors
 * follow the household's day (heating in the morning, lights at dusk, a backup at 03:00), so a
 * value can be ordinary for the series and wrong for the hour (the heating that does not come on
 * is just a flat line to the other models). The day is cut into `slots` slots; each keeps an
 * average of the values seen in it over the last days (memory `halfLifeDays`, winsorised so one
 * odd day does not rewrite the profile), and the surprise is the distance from the slot's
 * average in units of the usual seasonal residual. It speaks only once the profile is
 * trustworthy: at least `minDays` days seen, and a daily swing of at least `minSwing` residual
 * scales (a series without a daily pattern never gets a seasonal opinion).
 * Time of day is taken in UTC: a fixed offset from local time does not change the pattern, and a
 * daylight-saving shift is relearned within days.
 */
export class SeasonalModel {
  readonly name = 'seasonal';
  private readonly means: Float64Array;
  private readonly weights: Float64Array;
  private readonly slotMs: number;
  private firstT = Number.NaN;
  private residualSpread = 0;
  private residualSamples = 0;
  private readonly spreadDecay: Decay;
  private memory: number;
  private lastSlot = -1;
  private daySwing = 0;
  /** Whether the last sample got a seasonal opinion (the profile is trustworthy). */
  trusted = false;

  constructor(
    private readonly slots: number = D.seasonal.slots,
    private readonly halfLifeDays: number = D.seasonal.halfLifeDays,
    private readonly minDays: number = D.seasonal.minDays,
    private readonly minSwing: number = D.seasonal.minSwing,
    private readonly clipZ: number = D.seasonal.clipZ,
    spreadHalfLife: number = D.seasonal.spreadHalfLife,
    private readonly learnSamples: number = D.seasonal.learnSamples,
  ) {
    this.means = new Float64Array(slots);
    this.weights = new Float64Array(slots);
    this.slotMs = DAY_MS / slots;
    this.spreadDecay = new Decay(spreadHalfLife);
    this.memory = halfLifeDays * 1.4427;
  }

  /** Surprise of `value` at time `t` (0 until the profile is trustworthy); then learns it. */
  update(t: number, value: number, steps: number): number {
    if (Number.isNaN(this.firstT)) this.firstT = t;
    const slot = Math.floor((((t % DAY_MS) + DAY_MS) % DAY_MS) / this.slotMs);
    const weight = this.weights[slot];
    const mean = this.means[slot];
    const scale = 1.2533 * this.residualSpread + 1e-9 + 1e-6 * Math.abs(mean);
    const residual = weight > 0 ? value - mean : 0;
    const z = Math.abs(residual) / scale;
    if (slot !== this.lastSlot) {
      // The day's swing changes slowly: measured once per slot, not per sample (96 reads).
      this.lastSlot = slot;
      this.daySwing = this.swing();
    }
    const trusted = (this.trusted = weight > 0 && t - this.firstT >= this.minDays * DAY_MS && this.residualSamples > this.learnSamples && this.daySwing >= this.minSwing * scale);
    // Slot average: plain mean for the first visits, then a memory of about halfLifeDays days.
    // Each sample weighs 1; the slot's total weight decays per day, so the memory counts days,
    // whatever the sampling interval.
    const clipped = this.residualSamples > this.learnSamples ? Math.max(-this.clipZ * scale, Math.min(this.clipZ * scale, residual)) : residual;
    const total = weight + steps;
    this.means[slot] = weight > 0 ? mean + (steps / total) * clipped : value;
    this.weights[slot] = Math.min(total, this.memory);
    if (weight > 0) {
      this.residualSpread += (this.residualSamples < this.learnSamples ? 1 / (this.residualSamples + 1) : this.spreadDecay.at(steps)) * (Math.min(Math.abs(residual), 2 * this.clipZ * scale) - this.residualSpread);
      this.residualSamples++;
    }
    return trusted ? z : 0;
  }

  /**
   * Tells the model the series' typical interval, so a slot's memory counts days: it holds at
   * most the weight of halfLifeDays × 1.44 days of its samples (the mean lifetime of a half-life).
   */
  setInterval(intervalMs: number): void {
    this.memory = Math.max(1, this.slotMs / intervalMs) * this.halfLifeDays * 1.4427;
  }

  /** Difference between the highest and lowest slot averages seen. */
  private swing(): number {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < this.slots; i++) {
      if (this.weights[i] === 0) continue;
      if (this.means[i] < lo) lo = this.means[i];
      if (this.means[i] > hi) hi = this.means[i];
    }
    return hi - lo;
  }

  reset(): void {
    this.means.fill(0);
    this.weights.fill(0);
    this.firstT = Number.NaN;
    this.residualSpread = 0;
    this.residualSamples = 0;
    this.lastSlot = -1;
    this.daySwing = 0;
    this.trusted = false;
    this.memory = this.halfLifeDays * 1.4427;
  }
}
