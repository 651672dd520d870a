/**
 * Zero-config anomaly detector for any numeric series: the models of this folder, calibrated
 * into tail probabilities, confirmed by accumulated evidence.
 *
 * Per sample: the magnitude gate drops absurd values; every model turns the sample into a
 * surprise (≈ robust z) against its baseline; surprises are calibrated against the series' own
 * surprise history into information −log10 p. Two outputs follow:
 * - `score` (charts, NAB): the calibrated surprise of the value models, blended with contextual
 *   novelty, reported at an episode's onset and then quiet;
 * - `active` (alert rules): an episode confirmed by evidence (level, slow drift or daily profile,
 *   shape, or a lone reading on a slow series: see updateEpisode), held through a sustained shift.
 * Time enters only through `steps`, the elapsed time in typical sampling intervals, so irregular
 * sampling and gaps are handled: a long pause counts as a few steps, not as many.
 */
import type { Detector, DetectorSignal } from '../../types.js';
import { formatCompact as formatNumber } from '../../format/index.js';
import { ANOMALY_DEFAULTS, type AnomalySettings } from './defaults.js';
import { Decay } from './decay.js';
import { median3 } from './median.js';
import type { SurpriseModel } from './model.js';
import { OnsetScore } from './onset-score.js';
import { ShiftHold } from './shift-hold.js';
import { LevelShiftModel } from './level-model.js';
import type { ContextNoveltyModel } from './context-model.js';
import { SurpriseCalibration } from './calibration.js';
import { EvidenceAccumulator } from './evidence.js';
import { MagnitudeGate } from './magnitude-gate.js';
import { DriftModel } from './drift-model.js';
import { ShapeModel } from './shape-model.js';
import { SeasonalModel } from './seasonal-model.js';

/** log10 of 0..3 channels (0 channels: nothing to correct). */
const LOG10 = [0, 0, Math.log10(2), Math.log10(3)];

export interface AnomalyOptions {
  /** Value models behind the score; default [LevelShiftModel] here, the full ensemble in createAnomalyDetector. */
  models?: SurpriseModel[];
  /** Weights for a weighted combination of the value models; default: max of the surprises. */
  weights?: number[];
  /** Contextual novelty blended into the score (createAnomalyDetector adds one). */
  context?: ContextNoveltyModel;
  /** Drift model among the evidence channels (createAnomalyDetector adds one). */
  drift?: DriftModel;
  /** Shape model among the evidence channels (createAnomalyDetector adds one). */
  shape?: ShapeModel;
  /** Daily profile among the evidence channels (createAnomalyDetector adds one). */
  seasonal?: SeasonalModel;
  /** Evidence that confirms an episode: the rule's sensitivity (evidenceThresholdFor). */
  evidenceThreshold?: number;
  /** Every other number; ANOMALY_DEFAULTS unless an experiment or a test says otherwise (anomalySettings). */
  settings?: AnomalySettings;
}

export class AnomalyDetector implements Detector {
  readonly kind = 'anomaly';
  private readonly models: SurpriseModel[];
  private readonly weights: number[] | null;
  private readonly warmupSamples: number;
  private readonly valueCalibration: SurpriseCalibration;
  /** One calibration per evidence channel: their surprises are distributed differently. */
  private readonly fastCalibration: SurpriseCalibration;
  private readonly driftCalibration: SurpriseCalibration;
  private readonly seasonalCalibration: SurpriseCalibration;
  private readonly evidence: EvidenceAccumulator;
  private readonly slowEvidence: EvidenceAccumulator;
  private readonly evidenceThreshold: number;
  /** The confirmation rules (ANOMALY_DEFAULTS.evidence or an experiment's). */
  private readonly rules: AnomalySettings['evidence'];
  private readonly scoreMemory: Decay;
  private readonly holdZ: number;
  private readonly gate: MagnitudeGate;
  private readonly level: LevelShiftModel | null;
  private readonly drift: DriftModel | null;
  private readonly shape: ShapeModel | null;
  private readonly seasonal: SeasonalModel | null;
  private readonly context: ContextNoveltyModel | null;
  private readonly onsetScore: OnsetScore;
  private readonly shiftHold: ShiftHold;
  private samples = 0;
  private lastT = Number.NaN;
  private typicalDt = Number.NaN;
  private recent0 = Number.NaN;
  private recent1 = Number.NaN;
  private episode = false;
  /** `active` of the last judged sample: what a gap reports (no judgement, no change). */
  private lastActive = false;
  private quiet = 0;
  private shapeRun = 0;
  /** The shape has been usual since the last episode ended: a change of it may open the next one. */
  private shapeArmed = true;
  /** The level model's baseline and noise scale when the episode started. */
  private episodeBaseline = Number.NaN;
  private episodeScale = Number.NaN;
  /** The episode's readings have left the normal range around episodeBaseline (a level excursion). */
  private departed = false;
  /** Steps the readings have been back in that range since. */
  private back = 0;
  private recentScore = 0;

  constructor(options: AnomalyOptions = {}) {
    const settings = options.settings ?? ANOMALY_DEFAULTS;
    const { evidence, score } = settings;
    this.models = options.models ?? [new LevelShiftModel()];
    this.weights = options.weights ?? null;
    this.warmupSamples = settings.warmupSamples;
    this.valueCalibration = new SurpriseCalibration(settings.calibrationHalfLife);
    this.fastCalibration = new SurpriseCalibration(settings.calibrationHalfLife);
    this.driftCalibration = new SurpriseCalibration(settings.calibrationHalfLife);
    this.seasonalCalibration = new SurpriseCalibration(settings.calibrationHalfLife);
    this.evidenceThreshold = options.evidenceThreshold ?? evidence.threshold;
    // Each sum stops at what confirms its channel (EvidenceAccumulator): an episode ends once the
    // evidence that confirmed it has drained, not after repaying all it accumulated.
    this.evidence = new EvidenceAccumulator(evidence.reference, evidence.cap, this.evidenceThreshold);
    this.slowEvidence = new EvidenceAccumulator(evidence.reference, evidence.cap, evidence.driftFactor * this.evidenceThreshold);
    this.rules = evidence;
    this.scoreMemory = new Decay(evidence.scoreMemoryHalfLife);
    this.holdZ = settings.hold.z;
    this.gate = new MagnitudeGate(settings.gate.absurdZ, settings.gate.persistSamples, settings.gate.learnSamples);
    this.level = (this.models.find((m) => m instanceof LevelShiftModel) as LevelShiftModel | undefined) ?? null;
    this.drift = options.drift ?? null;
    this.shape = options.shape ?? null;
    this.seasonal = options.seasonal ?? null;
    this.context = options.context ?? null;
    this.onsetScore = new OnsetScore({ ...score, withContext: this.context !== null });
    this.shiftHold = new ShiftHold(this.level, settings.hold.samples, settings.hold.z);
  }

  update(t: number, value: number): DetectorSignal {
    const warmingUp = this.samples < this.warmupSamples;
    // Gaps, ±Infinity (a broken sensor, not a reading) and magnitudes absurd for the series: no
    // judgement and nothing learned, so no model is ever fed a non-finite number. `active` stays as
    // it was: a glitch inside an episode neither ends it nor starts a second alert after it.
    if (!Number.isFinite(value)) return new AnomalySignal(this.lastActive, Number.NaN, 0, 0, 0, warmingUp);
    const baselineBefore = this.level ? this.level.baseline : Number.NaN;
    const scaleBefore = this.level ? this.level.scale : Number.NaN;
    if (this.gate.rejects(value, baselineBefore, scaleBefore)) return new AnomalySignal(this.lastActive, Number.NaN, 0, 0, 0, warmingUp);
    const steps = this.stepsSince(t);
    let surprise = 0;
    for (let i = 0; i < this.models.length; i++) {
      const z = this.models[i].update(value, steps);
      surprise = this.weights ? surprise + this.weights[i] * z : Math.max(surprise, z);
    }
    // Evidence channels, robust to a lone outlier: it moves none of them for more than its own sample.
    const median = this.recentMedian(value);
    // The sample itself counts too; one sample alone stays below the threshold (EvidenceAccumulator's cap).
    const fastZ = scaleBefore > 0 ? Math.max(Math.abs(median - baselineBefore), Math.abs(value - baselineBefore)) / scaleBefore : 0;
    const driftOwnZ = this.drift ? this.drift.update(median, steps) : 0;
    // The second time scale: the distance of the drift model's short mean from its protected slow
    // baseline, in the level model's noise units. It is a drift when it is material (≥ hold.z noise
    // scales) and unusual for the drift model itself (≥ evidence.driftZ of its usual distance), so a
    // series that always runs ahead of its slow baseline (steady growth) is not drifting.
    const slowZ = this.drift && scaleBefore > 0 ? Math.abs(this.drift.distance) / scaleBefore : 0;
    // A drift is a state of the present: the recent readings (median of 3) must themselves be as far
    // off the slow baseline, on the drift's side. The short mean remembers a spike for several of
    // its half-lives after the series is back; without this, that memory alone kept an episode on.
    const driftNow = this.drift !== null && scaleBefore > 0 && Math.sign(this.drift.distance) * (median - this.drift.baseline) >= this.holdZ * scaleBefore;
    const drifting = driftNow && driftOwnZ >= this.rules.driftZ && slowZ >= this.holdZ;
    const shapeZ = this.shape ? this.shape.update(value, steps) : 0;
    // The profile's memory counts days: it follows the series' typical interval as that is learned.
    if (this.seasonal && this.typicalDt > 0) this.seasonal.setInterval(this.typicalDt);
    const seasonalZ = this.seasonal ? this.seasonal.update(t, value, steps) : 0;
    this.samples++;
    // Calibration starts after half the warm-up: the first samples' surprises (against a noise
    // scale still near 0) would otherwise stay in its tail for thousands of samples.
    const calibrating = this.samples > this.warmupSamples / 2;
    const calibrated = calibrating ? this.valueCalibration.calibrate(surprise, steps) : 0;
    const fastInformation = calibrating ? this.fastCalibration.calibrate(fastZ, steps) : 0;
    // Each channel's calibration learns its whole distribution; a channel without an opinion (no
    // drift by its own measure, no trustworthy daily profile yet) then contributes nothing.
    const driftCalibrated = calibrating ? this.driftCalibration.calibrate(slowZ, steps) : 0;
    const driftInformation = drifting ? driftCalibrated : 0;
    const seasonalLive = this.seasonal !== null && this.seasonal.trusted;
    const seasonalInformation = calibrating && seasonalLive ? this.seasonalCalibration.calibrate(seasonalZ, steps) : 0;
    // The largest of several channels' information is larger than any one's by chance alone: it is
    // corrected for the channels that have an opinion on this sample (Bonferroni: −log10 of their number).
    const slowLive = (drifting ? 1 : 0) + (seasonalLive ? 1 : 0);
    const levelInformation = Math.max(fastInformation, driftInformation, seasonalInformation) - LOG10[1 + slowLive];
    // What the series should be by its slow baseline or by its daily profile: evidence that the
    // score may never show (a drift, the heating that does not come on), so it is not score-gated.
    const slowInformation = (driftInformation > seasonalInformation ? driftInformation : seasonalInformation) - LOG10[slowLive];
    const novelty = this.context ? this.context.update(t, value) : 0;
    if (this.samples <= this.warmupSamples) return new AnomalySignal(false, value, 0, surprise, calibrated, true);
    const score = this.onsetScore.next(calibrated, novelty, steps);
    // The episode asks how unusual the sample is, not what the chart shows: the shown score rests
    // for a while after an onset, and a second, larger incident must still confirm.
    this.updateEpisode(levelInformation, slowInformation, shapeZ, this.onsetScore.unrested, steps);
    this.endIfBack(median, value, steps, baselineBefore, scaleBefore);
    const active = this.shiftHold.active(median, this.episode, steps, baselineBefore, scaleBefore);
    this.lastActive = active;
    return new AnomalySignal(active, value, score, surprise, calibrated, false);
  }

  /**
   * Starts or ends the episode behind `active` (ANOMALY_DEFAULTS.evidence explains each path):
   * - level evidence, accumulated, once the score (before its rest) has risen lately (the level swings a series
   *   routinely makes are known to the novelty models and do not raise the score);
   * - slow evidence (drift from the protected baseline, or off the daily profile), accumulated
   *   without the score gate against `driftFactor` × the threshold;
   * - a change of shape lasting `shapeSamples` samples (an average already: not summed);
   * - on slowly sampled series, one reading that is both very unusual and scored high.
   * An episode ends after `quietSamples` without any evidence: one flickering incident is one alert
   * (or when the readings are back from a level excursion: endIfBack).
   */
  private updateEpisode(levelInformation: number, slowInformation: number, shapeZ: number, score: number, steps: number): void {
    const level = this.evidence.add(levelInformation, steps);
    const slow = this.slowEvidence.add(slowInformation, steps);
    const rules = this.rules;
    this.recentScore = score >= this.recentScore ? score : this.recentScore * (1 - this.scoreMemory.at(steps));
    if (this.shape === null || !this.shape.changed) this.shapeArmed = true;
    this.shapeRun = shapeZ >= rules.shapeThreshold && this.shapeArmed ? this.shapeRun + 1 : 0;
    const levelConfirmed = level >= this.evidenceThreshold && this.recentScore >= rules.scoreGate;
    const slowConfirmed = slow >= rules.driftFactor * this.evidenceThreshold;
    const shapeConfirmed = this.shapeRun >= rules.shapeSamples;
    const loneConfirmed = this.typicalDt >= rules.loneIntervalMs && levelInformation >= rules.loneInformation && score >= rules.loneScore;
    // A confirmed change of shape lasts while the shape stays materially changed.
    const shapeLasts = this.episode && this.shape !== null && this.shape.changed;
    this.quiet = level === 0 && !slowConfirmed && !shapeConfirmed && !shapeLasts ? this.quiet + steps : 0;
    if (!this.episode) this.episode = levelConfirmed || slowConfirmed || shapeConfirmed || loneConfirmed;
    else if (this.quiet >= rules.quietSamples) this.episode = false;
  }

  /**
   * Ends an episode of a level excursion once the readings are back where they were before it.
   * Some evidence channels average the past: the shape model's fast averages hold a spike's edges,
   * the drift model's short mean the spike itself, for several of their half-lives after the series
   * is back (a 12-minute spike on a latency read every minute kept its alert firing for over an
   * hour). So an episode whose readings left the normal range around the level model's baseline at
   * its start (median of 3 at `hold.z` noise scales or more, as ShiftHold measures a shift) is over
   * when they are back inside it (median and reading) for as many samples as ordinary samples take
   * to drain the confirmation evidence (threshold / reference: 5 at medium). Episodes that never
   * left that range (a change of shape, a missed daily peak) end by their evidence alone. After
   * such an end the shape channel must first have been usual again before it can open an episode:
   * its memory of the excursion is not a new change.
   */
  private endIfBack(median: number, value: number, steps: number, baselineBefore: number, scaleBefore: number): void {
    if (!this.episode) {
      this.departed = false;
      this.back = 0;
      this.episodeBaseline = baselineBefore;
      this.episodeScale = scaleBefore;
      return;
    }
    if (!(this.episodeScale > 0)) return;
    const limit = this.holdZ * this.episodeScale;
    const off = Math.abs(median - this.episodeBaseline) >= limit;
    this.departed ||= off;
    this.back = this.departed && !off && Math.abs(value - this.episodeBaseline) < limit ? this.back + steps : 0;
    if (this.back < this.evidenceThreshold / this.rules.reference) return;
    this.episode = false;
    this.quiet = 0;
    this.shapeRun = 0;
    this.shapeArmed = this.shape === null || !this.shape.changed;
    this.departed = false;
    this.back = 0;
  }

  /** Median of the last three values (this one included). */
  private recentMedian(value: number): number {
    const a = this.recent0;
    const b = this.recent1;
    this.recent1 = a;
    this.recent0 = value;
    if (Number.isNaN(b)) return value;
    return median3(value, a, b);
  }

  reset(): void {
    this.valueCalibration.reset();
    this.fastCalibration.reset();
    this.driftCalibration.reset();
    this.seasonalCalibration.reset();
    this.evidence.reset();
    this.slowEvidence.reset();
    this.gate.reset();
    this.onsetScore.reset();
    this.shiftHold.reset();
    this.episode = false;
    this.lastActive = false;
    this.quiet = 0;
    this.shapeRun = 0;
    this.shapeArmed = true;
    this.episodeBaseline = this.episodeScale = Number.NaN;
    this.departed = false;
    this.back = 0;
    this.recentScore = 0;
    this.recent0 = this.recent1 = Number.NaN;
    this.context?.reset();
    this.drift?.reset();
    this.seasonal?.reset();
    this.shape?.reset();
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
    readonly warmingUp: boolean,
  ) {}

  get reason(): string {
    return `surprise ${formatNumber(this.surprise)}, ${formatTailProbability(this.calibrated)}`;
  }
}

/**
 * A calibrated surprise (information −log10 p) as the tail probability it stands for: "p 0.62",
 * "p 0.0015" down to p = 0.001, then "p 3e-6" (one digit, whole exponent), "p 1" for no surprise.
 * Never a power of ten with a fractional exponent ("1e-0.211" is p 0.62).
 */
export function formatTailProbability(information: number): string {
  if (!Number.isFinite(information)) return information > 0 ? 'p 0' : 'p 1';
  const p = Math.pow(10, -Math.max(0, information));
  if (p === 0) return 'p 0';
  return `p ${p >= 1e-3 ? String(Number(p.toPrecision(2))) : p.toExponential(0)}`;
}
