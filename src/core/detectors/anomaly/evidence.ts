import { ANOMALY_DEFAULTS as D } from './defaults.js';
/**
 * Confirmation by evidence rather than by duration (a one-sided CUSUM on information): each
 * sample adds its information −log10 p beyond the `reference` (p = 0.1 adds nothing, p = 0.001
 * adds 2), capped at `cap` so no single sample can confirm at the default threshold; the sum never falls below 0. An
 * episode is confirmed once the sum reaches `threshold`: two very unusual samples, three at
 * p ≈ 0.001 or five at p ≈ 0.01 in a row. A strong short episode and a slow drift both cross;
 * isolated noise drains away at `reference` per ordinary sample.
 *
 * The sum never exceeds `ceiling` (the detector passes its confirmation threshold): evidence
 * beyond what confirms an episode decides nothing, but an unbounded sum would be a debt that
 * ordinary samples must repay, at `reference` each, before the episode can end: a 12-minute spike
 * then kept an alert firing for over an hour after the series was back. Capped, an episode ends
 * once the evidence that confirmed it has drained: threshold / reference ordinary samples (5 at
 * the defaults), however long or strong the episode was.
 */
export class EvidenceAccumulator {
  private sum = 0;

  constructor(
    private readonly reference: number = D.evidence.reference,
    private readonly cap: number = D.evidence.cap,
    private readonly ceiling: number = Infinity,
  ) {}

  /** Adds one sample's information (weighted by `steps` for irregular sampling); returns the sum. */
  add(information: number, steps = 1): number {
    const gain = (information < this.cap ? information : this.cap) - this.reference;
    // A pause of several intervals drains what it would have drained sample by sample.
    this.sum = Math.min(this.ceiling, Math.max(0, this.sum + (gain < 0 ? gain * steps : gain)));
    return this.sum;
  }

  get value(): number {
    return this.sum;
  }

  reset(): void {
    this.sum = 0;
  }
}
