/**
 * Zero-config anomaly detector for any numeric series.
 *
 * Design: an ensemble of cheap robust sub-detectors (O(1) per sample, no allocation), each turning
 * the sample into a surprise z ≥ 0 against baselines at several horizons; the ensemble combines
 * them (max by default, or weights) and the combined surprise is calibrated into a score in [0,1].
 * Baselines are exponentially weighted in *steps of the typical sampling interval*, so irregular
 * sampling and gaps are handled: a long pause counts as a few steps, not as many.
 * Outliers enter the baselines clipped (winsorised), so a lone spike scores high on its own sample
 * but neither inflates the scale nor keeps the detector active afterwards.
 */
import type { Detector, DetectorSignal } from '../types.js';
import { formatNumber } from './format.js';

/** A sub-detector of the ensemble: surprise ≥ 0 (≈ robust z-score) for the sample. */
export interface SurpriseModel {
  readonly name: string;
  /** `steps`: elapsed time in typical sampling intervals (1 for regular sampling). */
  update(value: number, steps: number): number;
  reset(): void;
}

/** Resolution of the surprise histogram, in bins per unit of log1p(surprise). */
const HISTOGRAM_BINS_PER_UNIT = 8;

function decay(halfLifeSteps: number, steps: number): number {
  return 1 - Math.pow(2, -steps / halfLifeSteps);
}

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

  constructor(
    private readonly baselineHalfLife = 64,
    private readonly deviationHalfLife = 256,
    private readonly shortHalfLife = 3,
    private readonly clipZ = 4,
    private readonly floorFraction = 0.01,
  ) {}

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
    const residual = value - this.mean;
    const z = Math.abs(residual) / scale;
    this.shortMean += decay(this.shortHalfLife, steps) * (value - this.shortMean);
    // Short mean's noise is σ·√(α/(2−α)); for half-life 3 that is ≈ 0.45 σ.
    const zShort = Math.abs(this.shortMean - this.mean) / (0.45 * scale);
    const clipped = Math.max(-this.clipZ * scale, Math.min(this.clipZ * scale, residual));
    this.mean += decay(this.baselineHalfLife, steps) * clipped;
    this.dev += decay(this.deviationHalfLife, steps) * (Math.abs(clipped) - this.dev);
    return Math.max(z, zShort);
  }

  reset(): void {
    this.mean = this.shortMean = Number.NaN;
    this.dev = 0;
    this.n = 0;
    this.previous = Number.NaN;
    this.resolution = Infinity;
  }
}

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

  constructor(
    private readonly bins = 24,
    private readonly learnSamples = 50,
    private readonly forgetHalfLife = 2000,
  ) {
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
    this.weight /= 1 - decay(this.forgetHalfLife, steps);
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

export interface AnomalyOptions {
  /** Samples before the first score. Default 50. */
  warmupSamples?: number;
  /** Active while the unsuppressed evidence (calibrated surprise mapped like the score) is ≥ this. Default 0.43 (tail probability ≈ 1e-3). */
  threshold?: number;
  /** Sub-detectors; default [LevelShiftModel] here, the full ensemble in createAnomalyDetector. */
  models?: SurpriseModel[];
  /** Weights for a weighted combination; default: max of the surprises. */
  weights?: number[];
  /** Calibrated surprise at which the score is 0.5. Default 4. */
  surpriseMid?: number;
  /** Half-life (samples) of the surprise distribution used for calibration. Default 500. */
  calibrationHalfLife?: number;
  /** Half-life (samples) of the memory of the last reported peak. Default 30. */
  refractoryHalfLife?: number;
  /** Score multiplier for samples below the remembered peak. Default 0.5. */
  refractoryFactor?: number;
}

export class AnomalyDetector implements Detector {
  readonly kind = 'anomaly';
  private readonly models: SurpriseModel[];
  private readonly weights: number[] | null;
  private readonly warmupSamples: number;
  private readonly threshold: number;
  private readonly surpriseMid: number;
  private samples = 0;
  private lastT = Number.NaN;
  private typicalDt = Number.NaN;
  private readonly histogram = new Float64Array(8 * HISTOGRAM_BINS_PER_UNIT);
  private histogramTotal = 0;
  private histogramWeight = 1;
  private peakMemory = 0;
  private readonly refractoryHalfLife: number;
  private readonly refractoryFactor: number;
  private readonly calibrationHalfLife: number;

  constructor(options: AnomalyOptions = {}) {
    this.models = options.models ?? [new LevelShiftModel()];
    this.weights = options.weights ?? null;
    this.warmupSamples = options.warmupSamples ?? 50;
    this.threshold = options.threshold ?? 0.43;
    this.surpriseMid = options.surpriseMid ?? 4;
    this.calibrationHalfLife = options.calibrationHalfLife ?? 500;
    this.refractoryHalfLife = options.refractoryHalfLife ?? 30;
    this.refractoryFactor = options.refractoryFactor ?? 0.5;
  }

  update(t: number, value: number): DetectorSignal {
    if (Number.isNaN(value)) return { active: false, value, score: 0, warmingUp: this.samples < this.warmupSamples };
    const steps = this.stepsSince(t);
    let surprise = 0;
    for (let i = 0; i < this.models.length; i++) {
      const z = this.models[i].update(value, steps);
      surprise = this.weights ? surprise + this.weights[i] * z : Math.max(surprise, z);
    }
    this.samples++;
    const calibrated = this.calibrationHalfLife > 0 ? this.calibrate(surprise, steps) : surprise;
    if (this.samples <= this.warmupSamples) return { active: false, value, score: 0, warmingUp: true };
    // Refractory: an episode is reported at its onset (and when it gets worse), not on every
    // sample while it lasts; `active` below still follows the unsuppressed evidence.
    const previousPeak = this.peakMemory;
    this.peakMemory = Math.max(calibrated, previousPeak * (1 - decay(this.refractoryHalfLife, steps)));
    const reported = calibrated > previousPeak ? calibrated : calibrated * this.refractoryFactor;
    const score = reported > 0 ? reported / (reported + this.surpriseMid) : 0;
    const evidence = calibrated / (calibrated + this.surpriseMid);
    const active = evidence >= this.threshold;
    return { active, value, score, reason: `surprise ${formatNumber(surprise)}, tail 1e-${formatNumber(calibrated)}` };
  }

  /**
   * Self-calibration (the idea behind HTM's anomaly likelihood): how unusual is this surprise *for
   * this series*? Noisy or heavy-tailed series produce large surprises all the time; what matters
   * is a surprise beyond the series' own surprise distribution. The distribution is a histogram of
   * log-surprises with exponential forgetting (bounded memory, O(bins) per sample); the result is
   * −log10 of the tail probability P(surprise ≥ current), extrapolated beyond the largest bin so
   * that "beyond everything seen" still ranks by how far beyond.
   */
  private calibrate(surprise: number, steps: number): number {
    const bins = this.histogram.length;
    const x = Math.log1p(surprise) * HISTOGRAM_BINS_PER_UNIT;
    const bin = Math.min(bins - 1, Math.floor(x));
    // Forgetting by weighting new samples more (×1/keep per step) rather than decaying every bin.
    this.histogramWeight /= 1 - decay(this.calibrationHalfLife, steps);
    if (this.histogramWeight > 1e100) {
      for (let i = 0; i < bins; i++) this.histogram[i] /= this.histogramWeight;
      this.histogramTotal /= this.histogramWeight;
      this.histogramWeight = 1;
    }
    const w = this.histogramWeight;
    let above = 0.5 * this.histogram[bin];
    for (let i = bin + 1; i < bins; i++) above += this.histogram[i];
    let topBin = bins - 1;
    while (topBin > 0 && this.histogram[topBin] < 0.5 * w) topBin--;
    const beyond = Math.max(0, x - topBin - 1) / HISTOGRAM_BINS_PER_UNIT;
    const tail = (above + 0.5 * w) / (this.histogramTotal + w);
    const information = -Math.log10(tail) + beyond;
    this.histogramTotal += w;
    this.histogram[bin] += w;
    return information;
  }

  reset(): void {
    this.histogram.fill(0);
    this.histogramTotal = 0;
    this.histogramWeight = 1;
    this.peakMemory = 0;
    for (const model of this.models) model.reset();
    this.samples = 0;
    this.lastT = this.typicalDt = Number.NaN;
  }

  /** Elapsed time in typical intervals, clipped so a long outage counts as a few steps only. */
  private stepsSince(t: number): number {
    const dt = t - this.lastT;
    this.lastT = t;
    if (!(dt > 0)) return 1;
    if (Number.isNaN(this.typicalDt)) {
      this.typicalDt = dt;
      return 1;
    }
    const steps = Math.min(8, Math.max(0.125, dt / this.typicalDt));
    // Learn the interval slowly and robustly: each sample moves it by at most a factor of 2^(1/16).
    this.typicalDt *= Math.pow(2, Math.max(-1, Math.min(1, Math.log2(dt / this.typicalDt))) / 16);
    return steps;
  }
}
