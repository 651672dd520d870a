import { ANOMALY_DEFAULTS as D } from './defaults.js';
/**
 * Values absurd for the series are gaps, not readings: a 5e6 on a series around 50, or the
 * 3.4e38 "float max" sentinel some devices send, would fire the rule and distort every model.
 * Absurd means beyond `absurdZ` times the larger of the series' noise scale and its learned
 * range, away from its level. Such values persisting for `persistSamples` in a row are believed
 * (a real change of unit or magnitude) and let through.
 */
export class MagnitudeGate {
  private lo = Infinity;
  private hi = -Infinity;
  private run = 0;
  private seen = 0;

  constructor(
    private readonly absurdZ: number = D.gate.absurdZ,
    private readonly persistSamples: number = D.gate.persistSamples,
    private readonly learnSamples: number = D.gate.learnSamples,
  ) {}

  /** True when `value` should be taken as a gap. `level`, `scale`: the level model's, or NaN. */
  rejects(value: number, level: number, scale: number): boolean {
    const range = this.hi - this.lo;
    const reference = Math.max(Number.isFinite(scale) ? scale : 0, range > 0 ? range : 0, 1e-6 * Math.abs(level));
    // Judged only once the range means something (a few dozen samples).
    const absurd = this.seen >= this.learnSamples && reference > 0 && Number.isFinite(level) && Math.abs(value - level) > this.absurdZ * reference;
    if (absurd && ++this.run < this.persistSamples) return true;
    if (!absurd) this.run = 0;
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
    this.seen++;
    return false;
  }

  reset(): void {
    this.lo = Infinity;
    this.hi = -Infinity;
    this.run = 0;
    this.seen = 0;
  }
}
