import { ANOMALY_DEFAULTS as D } from './defaults.js';
import { Decay } from './decay.js';
import type { SurpriseModel } from './model.js';

/**
 * Novelty model (in the spirit of relative-entropy and context detectors): values are quantised
 * into bins over the range seen during warm-up; the surprise is the information content
 * −log p of the sample's bin and of the transition (previous bin → bin), with slowly forgotten
 * counts. Recurring patterns (daily cycles, regular spikes) become familiar and stop scoring; a
 * new level, a new extreme or a never-seen transition (flat where it used to move) scores.
 */
export class NoveltyModel implements SurpriseModel {
  readonly name = 'novelty';
  private readonly counts: Float64Array;
  private readonly transitions: Float64Array;
  private total = 0;
  private weight = 1;
  private lo = Infinity;
  private hi = -Infinity;
  private width = Number.NaN;
  private previousBin = -1;
  private seen = 0;
  private readonly forgetDecay: Decay;

  constructor(
    private readonly bins: number = D.novelty.bins,
    private readonly learnSamples: number = D.novelty.learnSamples,
    forgetHalfLife: number = D.novelty.forgetHalfLife,
  ) {
    this.forgetDecay = new Decay(forgetHalfLife);
    // Bins cover [lo − range, hi + range] so new levels outside the learned range get their own bins.
    this.counts = new Float64Array(3 * bins);
    this.transitions = new Float64Array(9 * bins * bins);
  }

  update(value: number, steps: number): number {
    this.seen++;
    if (Number.isNaN(this.width)) {
      this.lo = Math.min(this.lo, value);
      this.hi = Math.max(this.hi, value);
      if (this.seen < this.learnSamples) return 0;
      this.width = Math.max(this.hi - this.lo, 1e-9 + 1e-3 * Math.abs(this.hi)) / this.bins;
    }
    const size = this.counts.length;
    const bin = Math.max(0, Math.min(size - 1, Math.floor((value - this.lo) / this.width) + this.bins));
    // Forgetting without touching every count: new evidence weighs more and more (×1/keep per
    // step) instead; everything is rescaled when the weight grows large.
    this.weight /= 1 - this.forgetDecay.at(steps);
    if (this.weight > 1e100) this.rescale();
    const pseudo = 0.5 * this.weight;
    let surprise = -Math.log((this.counts[bin] + pseudo) / (this.total + pseudo * size));
    if (this.previousBin >= 0) {
      const row = this.previousBin * size;
      const pTransition = (this.transitions[row + bin] + pseudo) / (this.counts[this.previousBin] + pseudo * size);
      surprise = Math.max(surprise, -Math.log(pTransition));
      this.transitions[row + bin] += this.weight;
    }
    this.counts[bin] += this.weight;
    this.total += this.weight;
    this.previousBin = bin;
    return surprise;
  }

  private rescale(): void {
    const factor = 1 / this.weight;
    for (let i = 0; i < this.counts.length; i++) this.counts[i] *= factor;
    for (let i = 0; i < this.transitions.length; i++) this.transitions[i] *= factor;
    this.total *= factor;
    this.weight = 1;
  }

  reset(): void {
    this.counts.fill(0);
    this.transitions.fill(0);
    this.total = 0;
    this.weight = 1;
    this.lo = Infinity;
    this.hi = -Infinity;
    this.width = Number.NaN;
    this.previousBin = -1;
    this.seen = 0;
  }
}
