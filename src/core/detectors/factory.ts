/**
 * Factories with documented defaults, so cards, Node and the replay CLI build identical detectors.
 */
import type { Detector } from '../types.js';
import { AnomalyDetector, ContextNoveltyModel, LevelShiftModel, NoveltyModel, type AnomalyOptions } from './anomaly.js';
import { StalenessDetector, type StalenessOptions } from './staleness.js';
import { TrendDetector, type TrendOptions } from './trend.js';
import { ThresholdDetector, type ThresholdOptions } from './threshold.js';

/**
 * Zero-config anomaly detector. Defaults: ensemble = max of [NoveltyModel (24 bins, transition
 * contexts, forgetting half-life 2,000 samples), LevelShiftModel (baseline half-life 64 samples,
 * deviation half-life 256, short mean half-life 3, winsorised at 4 σ)], self-calibration half-life
 * 500 samples, warm-up 50 samples, refractory half-life 30 samples, `active` at evidence ≥ 0.43.
 * Score: max(calibrated surprise score, ½ × ContextNoveltyModel novelty (6 levels learned over 300
 * samples; contexts of order 1–3, a 2× finer first-order context and the hour of day; 2^14-slot
 * table = 64 KB) + ½ × surprise score), then a rest of 150 samples after a score ≥ 0.55 (only a
 * stronger lone surprise ≥ 0.4 breaks through): "spike once at onset, then quiet".
 * `active` follows the calibrated evidence and is held through a sustained level shift (median of
 * the last 3 samples ≥ 3 noise scales from the pre-onset baseline) until the baseline has
 * re-learned, at most 256 samples.
 */
export function createAnomalyDetector(options: AnomalyOptions = {}): AnomalyDetector {
  return new AnomalyDetector({ models: [new NoveltyModel(), new LevelShiftModel()], context: new ContextNoveltyModel(), ...options });
}

export interface DefaultDetectorOptions {
  anomaly?: AnomalyOptions | false;
  staleness?: StalenessOptions | false;
  /** Trend is only useful with a limit or a slope of interest; omitted unless given. */
  trend?: TrendOptions;
  /** Thresholds are user-defined; omitted unless given. */
  threshold?: ThresholdOptions;
}

/** The detectors a series gets without configuration: anomaly + staleness (+ trend/threshold if configured). */
export function createDefaultDetectors(options: DefaultDetectorOptions = {}): Detector[] {
  const detectors: Detector[] = [];
  if (options.anomaly !== false) detectors.push(createAnomalyDetector(options.anomaly ?? {}));
  if (options.staleness !== false) detectors.push(new StalenessDetector(options.staleness ?? {}));
  if (options.trend) detectors.push(new TrendDetector(options.trend));
  if (options.threshold) detectors.push(new ThresholdDetector(options.threshold));
  return detectors;
}
