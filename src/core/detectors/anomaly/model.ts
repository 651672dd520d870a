/** A sub-detector of the ensemble: surprise ≥ 0 (≈ robust z-score) for the sample. */
export interface SurpriseModel {
  readonly name: string;
  /** `steps`: elapsed time in typical sampling intervals (1 for regular sampling). */
  update(value: number, steps: number): number;
  reset(): void;
}
