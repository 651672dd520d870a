/**
 * Factories with documented defaults, so cards, Node and the replay CLI build identical detectors.
 */
import type { Detector } from '../types.js';
import { ANOMALY_DEFAULTS, AnomalyDetector, ContextNoveltyModel, DriftModel, LevelShiftModel, NoveltyModel, SeasonalModel, ShapeModel, type AnomalyOptions } from './anomaly/index.js';
import { StalenessDetector, type StalenessOptions } from './staleness.js';
import { TrendDetector, type TrendOptions } from './trend.js';
import { ThresholdDetector, type ThresholdOptions } from './threshold.js';

/**
 * Zero-config anomaly detector: every model of anomaly/ with the defaults of ANOMALY_DEFAULTS
 * (anomaly/defaults.ts): value models Novelty + LevelShift behind the score, blended with
 * ContextNovelty; evidence channels level (median of 3), Drift, Seasonal and Shape behind `active`.
 */
export function createAnomalyDetector(options: AnomalyOptions = {}): AnomalyDetector {
  const settings = options.settings ?? ANOMALY_DEFAULTS;
  const { level, novelty, context, drift, shape, seasonal } = settings;
  return new AnomalyDetector({
    models: [
      new NoveltyModel(novelty.bins, novelty.learnSamples, novelty.forgetHalfLife),
      new LevelShiftModel(level.baselineHalfLife, level.deviationHalfLife, level.shortHalfLife, level.clipZ, level.floorFraction, settings.gate.absurdZ),
    ],
    context: new ContextNoveltyModel(context.levels, context.order, context.learnSamples, context.tableBits, context.daySlots, context.dayWeight, context.fineFactor, context.fineWeight),
    drift: new DriftModel(drift.baselineHalfLife, drift.shortHalfLife, drift.clipZ, drift.learnSamples),
    seasonal: new SeasonalModel(seasonal.slots, seasonal.halfLifeDays, seasonal.minDays, seasonal.minSwing, seasonal.clipZ, seasonal.spreadHalfLife, seasonal.learnSamples),
    shape: new ShapeModel(shape.fastHalfLife, shape.slowHalfLife, shape.clip, shape.learnSamples, shape.factor, shape.activityHalfLife),
    ...options,
  });
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
