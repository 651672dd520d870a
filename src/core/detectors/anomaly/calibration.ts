import { Decay } from './decay.js';

/** Resolution of the surprise histogram, in bins per unit of log1p(surprise). */
const BINS_PER_UNIT = 8;
/** log1p(surprise) up to 8, i.e. surprises up to ≈ 3,000; beyond that the tail is extrapolated. */
const UNITS = 8;

/**
 * Self-calibration (the idea behind HTM's anomaly likelihood): how unusual is this surprise *for
 * this series*? Noisy or heavy-tailed series produce large surprises all the time; what matters
 * is a surprise beyond the series' own surprise distribution. The distribution is a histogram of
 * log-surprises with exponential forgetting (bounded memory, O(log bins) per sample); the result
 * is −log10 of the tail probability P(surprise ≥ current), extrapolated beyond the largest bin so
 * that "beyond everything seen" still ranks by how far beyond.
 */
export class SurpriseCalibration {
  private readonly histogram = new Float64Array(UNITS * BINS_PER_UNIT);
  /** Fenwick tree over the histogram bins: prefix sums in O(log bins). */
  private readonly tree = new Float64Array(UNITS * BINS_PER_UNIT + 1);
  private total = 0;
  private weight = 1;
  /** Highest bin holding ≥ half a current sample's weight (walks down as old weight fades). */
  private topBin = 0;
  private readonly forget: Decay;

  constructor(halfLifeSamples: number) {
    this.forget = new Decay(halfLifeSamples);
  }

  /** −log10 P(surprise ≥ this one) under the series' recent surprises; then learns it. */
  calibrate(surprise: number, steps: number): number {
    const histogram = this.histogram;
    const bins = histogram.length;
    const x = Math.log1p(surprise) * BINS_PER_UNIT;
    const bin = Math.min(bins - 1, Math.floor(x));
    // Forgetting by weighting new samples more (×1/keep per step) rather than decaying every bin.
    this.weight /= 1 - this.forget.at(steps);
    if (this.weight > 1e100) this.rescale();
    const w = this.weight;
    const above = this.total - this.prefixSum(bin) - 0.5 * histogram[bin];
    let topBin = this.topBin;
    while (topBin > 0 && histogram[topBin] < 0.5 * w) topBin--;
    const beyond = Math.max(0, x - topBin - 1) / BINS_PER_UNIT;
    const tail = (Math.max(0, above) + 0.5 * w) / (this.total + w);
    const information = -Math.log10(tail) + beyond;
    this.total += w;
    histogram[bin] += w;
    for (let i = bin + 1; i <= bins; i += i & -i) this.tree[i] += w;
    this.topBin = bin > topBin ? bin : topBin;
    return information;
  }

  /** Sum of histogram[0 .. bin − 1]. */
  private prefixSum(bin: number): number {
    let sum = 0;
    for (let i = bin; i > 0; i -= i & -i) sum += this.tree[i];
    return sum;
  }

  private rescale(): void {
    const factor = 1 / this.weight;
    const bins = this.histogram.length;
    this.tree.fill(0);
    for (let b = 0; b < bins; b++) {
      this.histogram[b] *= factor;
      for (let i = b + 1; i <= bins; i += i & -i) this.tree[i] += this.histogram[b];
    }
    this.total *= factor;
    this.weight = 1;
  }

  reset(): void {
    this.histogram.fill(0);
    this.tree.fill(0);
    this.topBin = 0;
    this.total = 0;
    this.weight = 1;
  }
}
