import { ANOMALY_DEFAULTS as D } from './defaults.js';
import { Decay } from './decay.js';
import type { SurpriseModel } from './model.js';

/**
 * Level model: distance of the sample (and of a short average, which sees shifts buried in noise)
 * from a long robust baseline, in units of the baseline's mean absolute deviation.
 */
export class LevelShiftModel implements SurpriseModel {
  readonly name = 'level';
  private mean = Number.NaN;
  private dev = 0;
  private shortMean = Number.NaN;
  private n = 0;
  private previous = Number.NaN;
  private resolution = Infinity;
  private lastScale = Number.NaN;
  private readonly baselineDecay: Decay;
  private readonly deviationDecay: Decay;
  private readonly shortDecay: Decay;

  constructor(
    baselineHalfLife: number = D.level.baselineHalfLife,
    deviationHalfLife: number = D.level.deviationHalfLife,
    shortHalfLife: number = D.level.shortHalfLife,
    private readonly clipZ: number = D.level.clipZ,
    private readonly floorFraction: number = D.level.floorFraction,
    private readonly absurdZ: number = D.gate.absurdZ,
  ) {
    this.baselineDecay = new Decay(baselineHalfLife);
    this.deviationDecay = new Decay(deviationHalfLife);
    this.shortDecay = new Decay(shortHalfLife);
  }

  /** Current robust baseline (long exponentially weighted mean). */
  get baseline(): number {
    return this.mean;
  }

  /** Current noise scale (≈ σ), never below the series' resolution floor. */
  get scale(): number {
    return this.lastScale;
  }

  update(value: number, steps: number): number {
    if (this.n === 0) {
      this.mean = this.shortMean = this.previous = value;
      this.n = 1;
      return 0;
    }
    this.n++;
    const step = Math.abs(value - this.previous);
    if (step > 0 && step < this.resolution) this.resolution = step;
    this.previous = value;
    // Never divide by less than the series' resolution or 1 % of its level: a flat series that
    // moves by one count is not infinitely surprising.
    const floor = Math.max(1e-9, this.floorFraction * Math.abs(this.mean), this.resolution === Infinity ? 0 : this.resolution);
    const scale = 1.2533 * this.dev + floor; // E|x−μ| = σ·√(2/π) for a Gaussian
    this.lastScale = scale;
    const residual = value - this.mean;
    const z = Math.abs(residual) / scale;
    const clipped = Math.max(-this.clipZ * scale, Math.min(this.clipZ * scale, residual));
    // A jump of more than absurdZ noise scales (5e6 on a series around 50) is not a level the short
    // mean should chase before a second sample confirms it: it is winsorised there, or it would hold
    // the short mean (and the detector) far from the baseline for dozens of samples. Anything
    // nearer is followed as it is, so ordinary spikes and shifts are judged as before.
    this.shortMean += this.shortDecay.at(steps) * ((Math.abs(residual) <= this.absurdZ * scale ? value : this.mean + clipped) - this.shortMean);
    // Short mean's noise is σ·√(α/(2−α)); for half-life 3 that is ≈ 0.45 σ.
    const zShort = Math.abs(this.shortMean - this.mean) / (0.45 * scale);
    this.mean += this.baselineDecay.at(steps) * clipped;
    this.dev += this.deviationDecay.at(steps) * (Math.abs(clipped) - this.dev);
    return Math.max(z, zShort);
  }

  reset(): void {
    this.mean = this.shortMean = Number.NaN;
    this.dev = 0;
    this.n = 0;
    this.previous = Number.NaN;
    this.resolution = Infinity;
    this.lastScale = Number.NaN;
  }
}
