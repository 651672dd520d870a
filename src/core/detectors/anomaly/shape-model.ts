import { ANOMALY_DEFAULTS as D } from './defaults.js';
import { Decay } from './decay.js';
import { median3 } from './median.js';
import type { SurpriseModel } from './model.js';

/**
 * How far a fast average of a non-negative feature has moved from its slow average, as the
 * log-ratio of the two judged against the ratio's usual spread. Rising and falling both count.
 */
class ActivityRatio {
  private fast = 0;
  private slow = 0;
  private ratioMean = 0;
  private ratioSpread = 0;
  /** Last log-ratio fast/slow minus its usual value. */
  deviation = 0;

  constructor(
    private readonly fastDecay: Decay,
    private readonly slowDecay: Decay,
    private readonly clip: number,
  ) {}

  /** `learning`: averages follow plainly (weight 1/n) and no surprise is reported. */
  update(feature: number, floor: number, steps: number, n: number, learning: boolean): number {
    const fastW = learning ? 1 / n : this.fastDecay.at(steps);
    const slowW = learning ? 1 / n : this.slowDecay.at(steps);
    this.fast += fastW * (feature - this.fast);
    // The slow average takes winsorised steps, so a burst cannot become normal within it.
    const limit = learning ? Infinity : this.clip * (this.slow + floor);
    this.slow += slowW * ((feature < limit ? feature : limit) - this.slow);
    const ratio = Math.log((this.fast + floor) / (this.slow + floor));
    const deviation = ratio - this.ratioMean;
    this.deviation = deviation;
    const scale = 1.2533 * this.ratioSpread + 0.15;
    const clipped = Math.max(-this.clip * scale, Math.min(this.clip * scale, deviation));
    this.ratioMean += slowW * clipped;
    this.ratioSpread += slowW * (Math.abs(clipped) - this.ratioSpread);
    return learning ? 0 : Math.abs(deviation) / scale;
  }

  reset(): void {
    this.fast = this.slow = this.ratioMean = this.ratioSpread = this.deviation = 0;
  }
}

/**
 * Shape and frequency inside the normal range: a signal that starts oscillating, or a periodic
 * pattern that stops, keeps its values in range and escapes the level and novelty models. Two
 * features, each as a fast against a slow average (ActivityRatio):
 * - roughness, the distance of a sample from the median of it and its neighbours (large for a
 *   zig-zag, zero for a flat line, a slope or a clean step), itself taken as the median of the
 *   last three so a lone outlier does not count: oscillation starting or stopping;
 * - activity, the size of each step (first difference): a cycling load that stops cycling, or
 *   the noise of a sensor that freezes.
 */
export class ShapeModel implements SurpriseModel {
  readonly name = 'shape';
  private a = Number.NaN;
  private b = Number.NaN;
  private rough0 = 0;
  private rough1 = 0;
  private resolution = Infinity;
  private n = 0;
  /** The last sample's shape differs materially from the usual (either feature). */
  changed = false;
  private readonly roughness: ActivityRatio;
  private readonly activity: ActivityRatio;

  constructor(
    fastHalfLife: number = D.shape.fastHalfLife,
    slowHalfLife: number = D.shape.slowHalfLife,
    clip: number = D.shape.clip,
    private readonly learnSamples: number = D.shape.learnSamples,
    private readonly factor: number = D.shape.factor,
    activityHalfLife: number = D.shape.activityHalfLife,
  ) {
    const slow = new Decay(slowHalfLife);
    this.roughness = new ActivityRatio(new Decay(fastHalfLife), slow, clip);
    // Steps come in bursts (a cycle's edges, a spike's up and down): averaged over a longer time
    // than roughness, so a pattern's own rhythm is not a change of activity.
    this.activity = new ActivityRatio(new Decay(activityHalfLife), slow, clip);
  }

  update(value: number, steps: number): number {
    const a = this.a;
    const b = this.b;
    this.b = a;
    this.a = value;
    const step = Math.abs(value - a);
    if (step > 0 && step < this.resolution) this.resolution = step;
    if (Number.isNaN(b)) return 0;
    const middle = median3(b, a, value);
    const rough = Math.abs(a - middle);
    const robustRough = median3(rough, this.rough0, this.rough1);
    this.rough1 = this.rough0;
    this.rough0 = rough;
    this.n++;
    const learning = this.n <= this.learnSamples;
    // A tenth of the series' resolution counts as no movement at all (quantised sensors).
    const floor = 1e-9 + (this.resolution === Infinity ? 0 : 0.1 * this.resolution) + 1e-6 * Math.abs(value);
    const zRough = this.roughness.update(robustRough, floor, steps, this.n, learning);
    const zActivity = this.activity.update(step, floor, steps, this.n, learning);
    // A change of shape must also be material: the fast/slow ratio at least `factor` times (or
    // 1/factor) its usual value. Sparse features (mostly still series) swing widely in z alone.
    const material = Math.log(this.factor);
    const roughChanged = Math.abs(this.roughness.deviation) >= material;
    const activityChanged = Math.abs(this.activity.deviation) >= material;
    this.changed = !learning && (roughChanged || activityChanged);
    const roughZ = roughChanged ? zRough : 0;
    const activityZ = activityChanged ? zActivity : 0;
    return roughZ > activityZ ? roughZ : activityZ;
  }

  reset(): void {
    this.a = this.b = Number.NaN;
    this.rough0 = this.rough1 = 0;
    this.roughness.reset();
    this.activity.reset();
    this.resolution = Infinity;
    this.n = 0;
    this.changed = false;
  }
}
