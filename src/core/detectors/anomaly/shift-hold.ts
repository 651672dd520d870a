import type { LevelShiftModel } from './level-model.js';

/**
 * Keeps `active` on through a sustained shift: calibration gets used to a new level within a few
 * samples, which would end the episode long before the shift is over. From an episode's start it
 * holds while the median of the last 3 samples stays `z` noise scales off the baseline before the
 * episode and the fast baseline has not learned the new level, for at most `samples`. A lone
 * outlier does not hold: one sample later the median is back near the baseline.
 */
export class ShiftHold {
  private left = 0;
  private baseline = 0;
  private scale = 0;
  private wasEvident = false;

  constructor(
    private readonly level: LevelShiftModel | null,
    private readonly samples: number,
    private readonly z: number,
  ) {}

  /** `evident`: the episode is on; `baselineBefore`/`scaleBefore`: the level model's before this sample. */
  active(median: number, evident: boolean, steps: number, baselineBefore: number, scaleBefore: number): boolean {
    if (!this.level || this.samples <= 0) return evident;
    if (this.left > 0) {
      this.left -= steps;
      const limit = this.z * this.scale;
      const shifted = Math.abs(median - this.baseline) >= limit;
      const relearned = Math.abs(median - this.level.baseline) < limit;
      if (!shifted || relearned) this.left = 0;
      if (this.left > 0) return true;
    }
    if (evident && !this.wasEvident && scaleBefore > 0) {
      this.left = this.samples;
      this.baseline = baselineBefore;
      this.scale = scaleBefore;
    }
    this.wasEvident = evident;
    return evident;
  }

  reset(): void {
    this.left = 0;
    this.wasEvident = false;
  }
}
