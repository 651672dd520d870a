/**
 * Time-aware exponentially weighted moving average: the weight of a sample halves every
 * `halfLifeMs`, whatever the sampling interval (HA sensors report irregularly, often only on change).
 */
export class Ewma {
  private current = Number.NaN;
  private lastT = Number.NaN;
  // Regular sampling repeats the same interval: cache its decay instead of a Math.pow per sample.
  private cachedDt = Number.NaN;
  private cachedAlpha = 0;

  constructor(readonly halfLifeMs: number) {
    if (!(halfLifeMs > 0)) throw new RangeError('Ewma: halfLifeMs must be > 0');
  }

  get value(): number {
    return this.current;
  }

  /** Feed a sample; NaN (gap) leaves the average unchanged. Returns the updated average. */
  update(t: number, value: number): number {
    if (Number.isNaN(value)) return this.current;
    if (Number.isNaN(this.current)) {
      this.current = value;
    } else {
      const dt = Math.max(0, t - this.lastT);
      if (dt !== this.cachedDt) {
        this.cachedDt = dt;
        this.cachedAlpha = 1 - Math.pow(2, -dt / this.halfLifeMs);
      }
      const alpha = this.cachedAlpha;
      this.current += alpha * (value - this.current);
    }
    this.lastT = t;
    return this.current;
  }

  reset(): void {
    this.current = Number.NaN;
    this.lastT = Number.NaN;
  }
}
