import { Decay } from './decay.js';

export interface OnsetScoreOptions {
  /** Calibrated surprise at which the score is 0.5. */
  surpriseMid: number;
  /** Half-life (samples) of the memory of the last reported peak. */
  refractoryHalfLife: number;
  /** Score multiplier for samples below the remembered peak. */
  refractoryFactor: number;
  /** Blend contextual novelty in (false: the calibrated surprise alone). */
  withContext: boolean;
  /** Weight of the contextual novelty in the blend. */
  contextWeight: number;
  /** After a blended score ≥ restThreshold, report 0 for this many samples... */
  restSamples: number;
  restThreshold: number;
  /** ...unless a surprise score ≥ this, and above the one behind the rest, breaks through. */
  restBreakthrough: number;
  /** The score is at least this × the calibrated surprise score. */
  surpriseWeight: number;
}

/**
 * The score shown on charts (0..1): "spike once at the onset, then quiet". An episode is
 * reported in full at its onset and when it gets worse, damped while it lasts (refractory); with
 * contextual novelty, the score then rests at 0 for a while unless a stronger lone surprise breaks
 * through. NAB rewards early detection and charges every later row above its threshold.
 */
export class OnsetScore {
  private peakMemory = 0;
  private sinceHigh = Infinity;
  private restPeak = 0;
  private readonly refractoryDecay: Decay;
  /** The last score before the rest: how unusual the sample is, even while the shown score rests. */
  unrested = 0;

  constructor(private readonly o: OnsetScoreOptions) {
    this.refractoryDecay = new Decay(o.refractoryHalfLife);
  }

  next(calibrated: number, novelty: number, steps: number): number {
    const o = this.o;
    const previousPeak = this.peakMemory;
    this.peakMemory = Math.max(calibrated, previousPeak * (1 - this.refractoryDecay.at(steps)));
    const reported = calibrated > previousPeak ? calibrated : calibrated * o.refractoryFactor;
    const score = reported > 0 ? reported / (reported + o.surpriseMid) : 0;
    if (!o.withContext) {
      this.unrested = score;
      return score;
    }
    const surpriseScore = o.surpriseWeight * score;
    const blended = Math.max(o.contextWeight * novelty + (1 - o.contextWeight) * score, surpriseScore);
    this.unrested = blended;
    this.sinceHigh += steps;
    const resting = this.sinceHigh < o.restSamples;
    const shown = resting && (surpriseScore <= this.restPeak || surpriseScore < o.restBreakthrough) ? 0 : blended;
    if (blended >= o.restThreshold) {
      this.restPeak = resting ? Math.max(this.restPeak, surpriseScore) : surpriseScore;
      this.sinceHigh = 0;
    }
    return shown;
  }

  reset(): void {
    this.peakMemory = 0;
    this.sinceHigh = Infinity;
    this.restPeak = 0;
    this.unrested = 0;
  }
}
