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

/** decay(halfLife, steps) with the regular case (steps = 1) precomputed: no Math.pow per sample. */
class Decay {
  private readonly one: number;
  constructor(private readonly halfLifeSteps: number) {
    this.one = decay(halfLifeSteps, 1);
  }
  at(steps: number): number {
    return steps === 1 ? this.one : decay(this.halfLifeSteps, steps);
  }
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
  private lastScale = Number.NaN;
  private readonly baselineDecay: Decay;
  private readonly deviationDecay: Decay;
  private readonly shortDecay: Decay;

  constructor(
    baselineHalfLife = 64,
    deviationHalfLife = 256,
    shortHalfLife = 3,
    private readonly clipZ = 4,
    private readonly floorFraction = 0.01,
    private readonly absurdZ = 1000,
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
    private readonly bins = 24,
    private readonly learnSamples = 50,
    forgetHalfLife = 2000,
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

/**
 * Contextual novelty (in the spirit of CAD OSE's contexts): values are quantised into a few coarse
 * levels over the range seen while learning; the model remembers which short sequences
 * "previous k levels → this level" (k = 1..order), which "previous level → this finer level"
 * (fineFactor × the levels) and which "level at this time of day" (the daily-seasonal context) it
 * has seen. The novelty is the weighted fraction of those contexts never seen before, in
 * [0, 1]. Recurring shapes (cycles, regular spikes, daily patterns) stop being novel; a new level, a
 * new shape or something at an unusual time of day is novel in several contexts at once.
 * Memory is a fixed direct-mapped table of hashed contexts (a collision overwrites: old, unused
 * contexts are forgotten first in practice). O(order) per sample, no allocation.
 */
export class ContextNoveltyModel {
  readonly name = 'context';
  private readonly keys: Int32Array;
  private readonly history: Int32Array;
  private readonly shift: number;
  private readonly slotMs: number;
  private readonly total: number;
  private seen = 0;
  private lo = Infinity;
  private hi = -Infinity;
  private width = Number.NaN;

  constructor(
    private readonly levels = 6,
    private readonly order = 3,
    private readonly learnSamples = 300,
    tableBits = 14,
    daySlots = 24,
    private readonly dayWeight = 1,
    private readonly fineFactor = 2,
    private readonly fineWeight = 1.5,
  ) {
    this.keys = new Int32Array(1 << tableBits);
    this.shift = 32 - tableBits;
    this.history = new Int32Array(order);
    this.slotMs = daySlots > 0 ? 86_400_000 / daySlots : 0;
    this.total = order + (daySlots > 0 ? dayWeight : 0) + fineWeight;
  }

  /** Learning the range returns 0; afterwards the novelty in [0, 1]. */
  update(t: number, value: number): number {
    this.seen++;
    if (Number.isNaN(this.width)) {
      if (value < this.lo) this.lo = value;
      if (value > this.hi) this.hi = value;
      if (this.seen < this.learnSamples) return 0;
      this.width = Math.max(this.hi - this.lo, 1e-9 + 1e-3 * Math.abs(this.hi)) / this.levels;
    }
    const levels = this.levels;
    const raw = Math.floor((value - this.lo) / this.width);
    // Levels beyond the learned range get their own symbols (up to one range below, two above).
    const symbol = (raw < -levels ? -levels : raw > 2 * levels ? 2 * levels : raw) + levels + 1;
    const keys = this.keys;
    const history = this.history;
    let novel = 0;
    let h = Math.imul(symbol, -1640531535); // 2654435761 as int32
    for (let k = 0; k < this.order; k++) {
      h = (Math.imul(h ^ history[k], -1640531535) + k) | 0;
      const slot = h >>> this.shift;
      if (keys[slot] !== h) {
        novel++;
        keys[slot] = h;
      }
    }
    if (this.fineWeight > 0) {
      // Finer levels, first order: smaller shifts than a coarse level are novel too.
      const fineLevels = levels * this.fineFactor;
      const rawFine = Math.floor(((value - this.lo) / this.width) * this.fineFactor);
      const fine = (rawFine < -fineLevels ? -fineLevels : rawFine > 2 * fineLevels ? 2 * fineLevels : rawFine) + 1000;
      const h3 = Math.imul(fine * 7 + history[0], -1028477379) ^ 0x27d4eb2d;
      const slot = h3 >>> this.shift;
      if (keys[slot] !== h3) {
        novel += this.fineWeight;
        keys[slot] = h3;
      }
    }
    if (this.slotMs > 0) {
      const slotOfDay = Math.floor((((t % 86_400_000) + 86_400_000) % 86_400_000) / this.slotMs);
      const h2 = Math.imul(symbol * 131 + slotOfDay, -2048144777) ^ 0x5bd1e995;
      const slot = h2 >>> this.shift;
      if (keys[slot] !== h2) {
        novel += this.dayWeight;
        keys[slot] = h2;
      }
    }
    for (let k = this.order - 1; k > 0; k--) history[k] = history[k - 1];
    history[0] = symbol;
    return novel / this.total;
  }

  reset(): void {
    this.keys.fill(0);
    this.history.fill(0);
    this.seen = 0;
    this.lo = Infinity;
    this.hi = -Infinity;
    this.width = Number.NaN;
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
  /**
   * Contextual novelty blended into the score (createAnomalyDetector adds one): score =
   * contextWeight × novelty + (1 − contextWeight) × calibrated surprise score, then rested.
   */
  context?: ContextNoveltyModel;
  /** Weight of the contextual novelty in the score. Default 0.5. */
  contextWeight?: number;
  /** With a context model: after a score ≥ restThreshold, report 0 for this many samples. Default 150. */
  restSamples?: number;
  /** Blended score that starts a rest. Default 0.55. */
  restThreshold?: number;
  /** While resting, a surprise score ≥ this and above the one that started the rest is still reported (lone outliers). Default 0.4. */
  restBreakthrough?: number;
  /**
   * Hold `active` through a sustained level shift (needs a LevelShiftModel among the models): after
   * an onset, `active` stays on while the median of the last 3 samples is ≥ holdZ noise scales away
   * from the pre-onset baseline and the baseline has not re-learned the new level, for at most this
   * many samples. 0 disables. Default 256 (≈ 4 baseline half-lives).
   */
  holdSamples?: number;
  /** Distance, in noise scales, that counts as "still shifted". Default 3. */
  holdZ?: number;
  /** Evidence (0..1) or score at which a sample arms the early confirmation. Default 0.3 / 0.6. */
  armThreshold?: number;
  armScore?: number;
  /** With a context model, the score is at least this × the calibrated surprise score. Default 1. */
  surpriseWeight?: number;
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
  private readonly refractoryDecay: Decay;
  private readonly calibrationDecay: Decay;
  /** Fenwick tree over the histogram bins: suffix sums ("weight above this bin") in O(log bins). */
  private readonly tree = new Float64Array(8 * HISTOGRAM_BINS_PER_UNIT + 1);
  /** Highest bin holding ≥ half a current sample's weight (walks down as old weight fades). */
  private topBin = 0;
  private readonly refractoryFactor: number;
  private readonly calibrationHalfLife: number;
  private readonly context: ContextNoveltyModel | null;
  private readonly contextWeight: number;
  private readonly restSamples: number;
  private readonly restThreshold: number;
  private sinceHigh = Infinity;
  private readonly level: LevelShiftModel | null;
  private readonly holdSamples: number;
  private readonly holdZ: number;
  private readonly armThreshold: number;
  private readonly armScore: number;
  private holdLeft = 0;
  private holdBaseline = 0;
  private holdScale = 0;
  private recent0 = Number.NaN;
  private recent1 = Number.NaN;
  /** A suspicious sample armed a check: is the next one still beyond the old level? */
  private armedBaseline = Number.NaN;
  private armedScale = 0;
  private armedSign = 0;
  private restPeak = 0;
  private readonly surpriseWeight: number;
  private readonly restBreakthrough: number;

  constructor(options: AnomalyOptions = {}) {
    this.models = options.models ?? [new LevelShiftModel()];
    this.weights = options.weights ?? null;
    this.warmupSamples = options.warmupSamples ?? 50;
    this.threshold = options.threshold ?? 0.43;
    this.surpriseMid = options.surpriseMid ?? 4;
    this.calibrationHalfLife = options.calibrationHalfLife ?? 500;
    this.calibrationDecay = new Decay(this.calibrationHalfLife > 0 ? this.calibrationHalfLife : 1);
    this.refractoryDecay = new Decay(options.refractoryHalfLife ?? 30);
    this.refractoryFactor = options.refractoryFactor ?? 0.5;
    this.context = options.context ?? null;
    this.contextWeight = options.contextWeight ?? 0.5;
    this.restSamples = options.restSamples ?? 150;
    this.restThreshold = options.restThreshold ?? 0.55;
    this.surpriseWeight = options.surpriseWeight ?? 1;
    this.restBreakthrough = options.restBreakthrough ?? 0.4;
    this.level = (this.models.find((m) => m instanceof LevelShiftModel) as LevelShiftModel | undefined) ?? null;
    this.holdSamples = options.holdSamples ?? 256;
    this.holdZ = options.holdZ ?? 3;
    this.armThreshold = options.armThreshold ?? 0.3;
    this.armScore = options.armScore ?? 0.6;
  }

  update(t: number, value: number): DetectorSignal {
    // Gaps, and ±Infinity (a broken sensor, not a reading): no judgement and nothing learned.
    if (!Number.isFinite(value)) return { active: false, value: Number.NaN, score: 0, warmingUp: this.samples < this.warmupSamples };
    const steps = this.stepsSince(t);
    // The level model's baseline before this sample: the reference if this sample starts an episode.
    const baselineBefore = this.level ? this.level.baseline : 0;
    const scaleBefore = this.level ? this.level.scale : 0;
    let surprise = 0;
    for (let i = 0; i < this.models.length; i++) {
      const z = this.models[i].update(value, steps);
      surprise = this.weights ? surprise + this.weights[i] * z : Math.max(surprise, z);
    }
    this.samples++;
    const calibrated = this.calibrationHalfLife > 0 ? this.calibrate(surprise, steps) : surprise;
    const novelty = this.context ? this.context.update(t, value) : 0;
    if (this.samples <= this.warmupSamples) return { active: false, value, score: 0, warmingUp: true };
    // Refractory: an episode is reported at its onset (and when it gets worse), not on every
    // sample while it lasts; `active` below still follows the unsuppressed evidence.
    const previousPeak = this.peakMemory;
    this.peakMemory = Math.max(calibrated, previousPeak * (1 - this.refractoryDecay.at(steps)));
    const reported = calibrated > previousPeak ? calibrated : calibrated * this.refractoryFactor;
    let score = reported > 0 ? reported / (reported + this.surpriseMid) : 0;
    if (this.context) {
      // Rest: report an episode once at its onset, then stay quiet (NAB rewards early detections
      // and charges every later row above threshold as a false positive).
      // A strong surprise on its own (a lone outlier in a familiar context) still counts.
      const surpriseScore = this.surpriseWeight * score;
      const blended = Math.max(this.contextWeight * novelty + (1 - this.contextWeight) * score, this.surpriseWeight * score);
      this.sinceHigh += steps;
      // While resting, only a strong surprise, stronger than the one behind the rest, is reported.
      const resting = this.sinceHigh < this.restSamples;
      score = resting && (surpriseScore <= this.restPeak || surpriseScore < this.restBreakthrough) ? 0 : blended;
      if (blended >= this.restThreshold) {
        this.restPeak = resting ? Math.max(this.restPeak, surpriseScore) : surpriseScore;
        this.sinceHigh = 0;
      }
    }
    const evidence = calibrated / (calibrated + this.surpriseMid);
    const confirmed = this.confirm(value, evidence, score, baselineBefore, scaleBefore);
    const active = this.hold(value, evidence >= this.threshold || confirmed, steps, baselineBefore, scaleBefore);
    return new AnomalySignal(active, value, score, surprise, calibrated);
  }

  /**
   * Early confirmation, so a shift is flagged on its second sample rather than its third or
   * fourth (alerts within 60 s at 30 s sampling): a suspicious sample arms a check, and the next
   * sample confirms it when it is still ≥ holdZ noise scales beyond the level before, on the same
   * side. A lone outlier is followed by a normal sample and never confirms.
   */
  private confirm(value: number, evidence: number, score: number, baselineBefore: number, scaleBefore: number): boolean {
    let confirmed = false;
    if (this.armedSign !== 0) {
      const deviation = value - this.armedBaseline;
      confirmed = Math.sign(deviation) === this.armedSign && Math.abs(deviation) >= this.holdZ * this.armedScale;
      this.armedSign = 0;
    }
    if (!confirmed && scaleBefore > 0 && (evidence >= this.armThreshold || score >= this.armScore)) {
      const deviation = value - baselineBefore;
      if (Math.abs(deviation) >= this.holdZ * scaleBefore) {
        this.armedBaseline = baselineBefore;
        this.armedScale = scaleBefore;
        this.armedSign = Math.sign(deviation);
      }
    }
    return confirmed;
  }

  /**
   * Keeps `active` on through a sustained shift: calibration adapts to a new level within a few
   * samples, which would end the episode long before an alert rule's `for:` elapses. A lone outlier
   * does not hold: one sample later the median of the last 3 is back near the baseline.
   */
  private hold(value: number, evident: boolean, steps: number, baselineBefore: number, scaleBefore: number): boolean {
    const a = this.recent0;
    const b = this.recent1;
    this.recent1 = a;
    this.recent0 = value;
    if (!this.level || this.holdSamples <= 0) return evident;
    if (this.holdLeft > 0) {
      this.holdLeft -= steps;
      // Median of the last three samples (NaN-free here: gaps never reach this point).
      const median = Number.isNaN(b) ? value : Math.max(Math.min(value, a), Math.min(Math.max(value, a), b));
      const limit = this.holdZ * this.holdScale;
      const shifted = Math.abs(median - this.holdBaseline) >= limit;
      const relearned = Math.abs(median - this.level.baseline) < limit;
      if (!shifted || relearned) this.holdLeft = 0;
      if (this.holdLeft > 0) return true;
    }
    if (evident && scaleBefore > 0) {
      this.holdLeft = this.holdSamples;
      this.holdBaseline = baselineBefore;
      this.holdScale = scaleBefore;
    }
    return evident;
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
    const histogram = this.histogram;
    const bins = histogram.length;
    const x = Math.log1p(surprise) * HISTOGRAM_BINS_PER_UNIT;
    const bin = Math.min(bins - 1, Math.floor(x));
    // Forgetting by weighting new samples more (×1/keep per step) rather than decaying every bin.
    this.histogramWeight /= 1 - this.calibrationDecay.at(steps);
    if (this.histogramWeight > 1e100) this.rescaleHistogram();
    const w = this.histogramWeight;
    // Weight at or above `bin` = total − weight below it (prefix sum from the Fenwick tree).
    const above = this.histogramTotal - this.prefixSum(bin) - 0.5 * histogram[bin];
    let topBin = this.topBin;
    while (topBin > 0 && histogram[topBin] < 0.5 * w) topBin--;
    const beyond = Math.max(0, x - topBin - 1) / HISTOGRAM_BINS_PER_UNIT;
    const tail = (Math.max(0, above) + 0.5 * w) / (this.histogramTotal + w);
    const information = -Math.log10(tail) + beyond;
    this.histogramTotal += w;
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

  private rescaleHistogram(): void {
    const factor = 1 / this.histogramWeight;
    const bins = this.histogram.length;
    this.tree.fill(0);
    for (let b = 0; b < bins; b++) {
      this.histogram[b] *= factor;
      for (let i = b + 1; i <= bins; i += i & -i) this.tree[i] += this.histogram[b];
    }
    this.histogramTotal *= factor;
    this.histogramWeight = 1;
  }

  reset(): void {
    this.histogram.fill(0);
    this.tree.fill(0);
    this.topBin = 0;
    this.histogramTotal = 0;
    this.histogramWeight = 1;
    this.peakMemory = 0;
    this.sinceHigh = Infinity;
    this.restPeak = 0;
    this.holdLeft = 0;
    this.recent0 = this.recent1 = Number.NaN;
    this.context?.reset();
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
    if (dt === this.typicalDt) return 1;
    const steps = Math.min(8, Math.max(0.125, dt / this.typicalDt));
    // Learn the interval slowly and robustly: each sample moves it by at most a factor of 2^(1/16).
    this.typicalDt *= Math.pow(2, Math.max(-1, Math.min(1, Math.log2(dt / this.typicalDt))) / 16);
    return steps;
  }
}

/** Anomaly signal whose human-readable reason is formatted only when read. */
class AnomalySignal implements DetectorSignal {
  constructor(
    readonly active: boolean,
    readonly value: number,
    readonly score: number,
    private readonly surprise: number,
    private readonly calibrated: number,
  ) {}

  get reason(): string {
    return `surprise ${formatNumber(this.surprise)}, tail 1e-${formatNumber(this.calibrated)}`;
  }
}
