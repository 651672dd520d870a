/**
 * Every default of the zero-config anomaly detector, in one place; the docs quote this object.
 * Half-lives and durations count samples at the series' typical interval (5 s to 1 h in practice),
 * so one set of numbers serves every sampling rate. None of them was chosen per file or dataset.
 */
export const ANOMALY_DEFAULTS = {
  /** Samples before the first score: the models need a baseline and a noise scale. */
  warmupSamples: 50,
  /** Fast baseline for spikes and level shifts (LevelShiftModel). */
  level: { baselineHalfLife: 64, deviationHalfLife: 256, shortHalfLife: 3, clipZ: 4, floorFraction: 0.01 },
  /** Value and transition rarity over a binned range (NoveltyModel). */
  novelty: { bins: 24, learnSamples: 50, forgetHalfLife: 2000 },
  /** Unseen contexts: short sequences, finer levels, level at this hour of the day (ContextNoveltyModel). */
  context: { levels: 6, order: 3, learnSamples: 300, tableBits: 14, daySlots: 24, dayWeight: 1, fineFactor: 2, fineWeight: 1.5 },
  /** Slow, protected baseline for drifts (DriftModel). */
  drift: { baselineHalfLife: 1024, shortHalfLife: 8, clipZ: 2, learnSamples: 64 },
  /** Roughness (oscillation starting, a pattern or the noise stopping) (ShapeModel). */
  shape: { fastHalfLife: 8, slowHalfLife: 512, clip: 4, learnSamples: 256, factor: 4, activityHalfLife: 8 },
  /** Memory of each surprise distribution used to turn surprises into tail probabilities. */
  calibrationHalfLife: 500,
  /** Magnitudes absurd for the series are gaps (MagnitudeGate), judged after `learnSamples`. */
  gate: { absurdZ: 1000, persistSamples: 3, learnSamples: 30 },
  /**
   * How an episode is confirmed (`active`, what alert rules see). Information is −log10 p of a
   * channel's surprise against the series' own history (SurpriseCalibration).
   * - Level (EvidenceAccumulator): per sample, information beyond `reference` (p = 0.1 adds
   *   nothing), at most `cap` from one sample, summed; confirmed at `threshold` (the medium
   *   sensitivity) if the score (before its rest) reached `scoreGate` within the last few samples (the level
   *   evidence of swings the novelty models know does not fire). Two very unusual samples in a
   *   row confirm; one never does.
   * - Drift: the distance from the protected slow baseline, counted only when it is also ≥
   *   `driftZ` of that distance's usual size (steady growth is not a drift), accumulated the same
   *   way without the score gate against `driftFactor` × the threshold: it is an average, so
   *   consecutive samples repeat each other's evidence.
   * - Shape: the shape surprise ≥ `shapeThreshold` for `shapeSamples` samples in a row.
   * - A lone sample: on series sampled every `loneIntervalMs` or slower, one reading stands for
   *   minutes of the series, so it confirms alone when its level information is ≥
   *   `loneInformation` and its score ≥ `loneScore`. Faster series wait for the next reading.
   * An episode ends after `quietSamples` without evidence (each sum stops at its threshold, so it
   * drains in threshold / reference samples), or, if its readings left the level's normal range
   * (`hold.z`), once they are back inside it for as many samples (AnomalyDetector.endIfBack).
   */
  evidence: {
    reference: 1,
    cap: 3.5,
    threshold: 5,
    scoreGate: 0.4,
    driftZ: 3,
    driftFactor: 4,
    shapeThreshold: 2.5,
    shapeSamples: 10,
    loneIntervalMs: 60_000,
    loneInformation: 3,
    loneScore: 0.6,
    quietSamples: 1,
    /** Half-life (samples) of the memory of the score's recent peak, read by `scoreGate`. */
    scoreMemoryHalfLife: 7,
  },
  /**
   * Daily profile (SeasonalModel): slots per day, memory in days, days and swing (in residual
   * scales) before it speaks, winsorising of what a slot learns, memory of the residual scale,
   * residuals seen before the scale is trusted.
   */
  seasonal: { slots: 96, halfLifeDays: 4, minDays: 2, minSwing: 4, clipZ: 3, spreadHalfLife: 512, learnSamples: 64 },
  /** After a confirmed shift, `active` holds while the last 3 samples' median stays `z` noise scales off, ≤ `samples`. */
  hold: { samples: 256, z: 3 },
  /**
   * The score shown on charts (0..1): calibrated surprise at which it is 0.5 (`surpriseMid`);
   * an episode reported at its onset, then quiet (refractory and rest); contextual novelty
   * blended in with `contextWeight`.
   */
  score: {
    surpriseMid: 4,
    refractoryHalfLife: 30,
    refractoryFactor: 0.5,
    contextWeight: 0.5,
    restSamples: 150,
    restThreshold: 0.55,
    restBreakthrough: 0.4,
    surpriseWeight: 1,
  },
} as const;

type Widened<T> = { readonly [K in keyof T]: T[K] extends number ? number : Widened<T[K]> };
type Partially<T> = { readonly [K in keyof T]?: T[K] extends number ? number : Partially<T[K]> };

/** The shape of ANOMALY_DEFAULTS with any numbers: what a detector is built from. */
export type AnomalySettings = Widened<typeof ANOMALY_DEFAULTS>;

/**
 * ANOMALY_DEFAULTS with some values replaced, for experiments (`node bench/nab-run.mjs
 * '{"evidence":{"threshold":4}}'`) and tests; the product always runs the defaults.
 */
export function anomalySettings(overrides: Partially<AnomalySettings> = {}): AnomalySettings {
  const merge = (base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      if (!(key in base)) throw new Error(`anomaly settings: unknown key "${key}"`);
      out[key] = typeof value === 'object' && value !== null ? merge(base[key] as Record<string, unknown>, value as Record<string, unknown>) : value;
    }
    return out;
  };
  return merge(ANOMALY_DEFAULTS, overrides as Record<string, unknown>) as unknown as AnomalySettings;
}

/**
 * Sensitivity (0..1, "medium" = 0.5) → evidence needed to confirm an episode. Each step of 0.25
 * scales the default by √2: "high" (0.75) confirms at 3.5, "low" (0.25) at 7.1. At 1 a single
 * extreme sample confirms (cap − reference = 2.5).
 */
export function evidenceThresholdFor(sensitivity: number): number {
  const s = Math.min(1, Math.max(0, sensitivity));
  return ANOMALY_DEFAULTS.evidence.threshold * Math.pow(2, 2 * (0.5 - s));
}
