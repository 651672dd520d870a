import { ANOMALY_DEFAULTS as D } from './defaults.js';
import { Decay } from './decay.js';
import type { SurpriseModel } from './model.js';

/**
 * Slow, protected baseline for drifts. The level model's baseline follows a series within a few
 * dozen samples, so a slow drift is learned before it is judged (its score peaks near 0.5 and
 * decays). Here a short average (half-life `shortHalfLife`) is compared with a baseline that
 * forgets over `baselineHalfLife` samples and only takes in winsorised steps (at `clipZ` of its
 * usual distance), so a drift cannot drag it along: the distance grows for as long as the drift
 * lasts. The distance is measured against its own usual size (EW mean absolute distance), which
 * already includes the series' autocorrelation: a wandering series has a wide normal distance.
 */
export class DriftModel implements SurpriseModel {
  readonly name = 'drift';
  private shortMean = Number.NaN;
  private slowMean = Number.NaN;
  private spread = 0;
  private n = 0;
  private lastDistance = 0;
  private readonly shortDecay: Decay;
  private readonly slowDecay: Decay;
  private readonly spreadDecay: Decay;

  constructor(
    baselineHalfLife: number = D.drift.baselineHalfLife,
    shortHalfLife: number = D.drift.shortHalfLife,
    private readonly clipZ: number = D.drift.clipZ,
    private readonly learnSamples: number = D.drift.learnSamples,
  ) {
    this.shortDecay = new Decay(shortHalfLife);
    this.slowDecay = new Decay(baselineHalfLife);
    // The spread learns faster than the baseline moves: it must know the normal distance early.
    this.spreadDecay = new Decay(baselineHalfLife / 4);
  }

  /** Short average minus the protected baseline, in the series' units. */
  get distance(): number {
    return this.lastDistance;
  }

  /** The protected slow baseline, in the series' units. */
  get baseline(): number {
    return this.slowMean;
  }

  update(value: number, steps: number): number {
    if (this.n++ === 0) {
      this.shortMean = this.slowMean = value;
      return 0;
    }
    this.shortMean += this.shortDecay.at(steps) * (value - this.shortMean);
    const distance = this.shortMean - this.slowMean;
    this.lastDistance = distance;
    // Never below 1e-6 of the level: a constant series that moves a little is not infinitely far.
    const scale = 1.2533 * this.spread + 1e-9 + 1e-6 * Math.abs(this.slowMean);
    const z = Math.abs(distance) / scale;
    const learning = this.n < this.learnSamples;
    // While learning, the baseline follows fast (it starts from the first sample); afterwards only
    // clipped steps, so a drift moves it by at most clipZ scales per half-life.
    const clipped = learning ? distance : Math.max(-this.clipZ * scale, Math.min(this.clipZ * scale, distance));
    this.slowMean += (learning ? 0.1 : this.slowDecay.at(steps)) * clipped;
    this.spread += (learning ? 0.1 : this.spreadDecay.at(steps)) * (Math.min(Math.abs(distance), 2 * this.clipZ * scale) - this.spread);
    return learning ? 0 : z;
  }

  reset(): void {
    this.shortMean = this.slowMean = Number.NaN;
    this.spread = 0;
    this.n = 0;
    this.lastDistance = 0;
  }
}
