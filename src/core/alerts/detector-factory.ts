/**
 * The one place where validated rule configs meet the detectors in src/core/detectors/
 * (written separately): maps each rule type's keys onto the detector's options.
 */
import type { Detector } from '../types.js';
import { trendDirection, type AlertRule } from '../config/alerts.js';
import { ThresholdDetector } from '../detectors/threshold.js';
import { TrendDetector } from '../detectors/trend.js';
import { StalenessDetector } from '../detectors/staleness.js';
import { UnavailableDetector } from '../detectors/unavailable.js';
import { createAnomalyDetector } from '../detectors/factory.js';
import { evidenceThresholdFor } from '../detectors/anomaly/defaults.js';
import { OnRate } from '../detectors/on-rate.js';
import type { SeriesHints } from './engine.js';

const HOUR_S = 3600;
export const LEARNED_MIN_STALE_MS = 15 * 60_000;

/** Counters (`total_increasing`, `total`) only grow, so anomalies are judged on their rate by default. */
export function anomalyInputFor(input: 'auto' | 'value' | 'rate', hints?: SeriesHints): 'value' | 'rate' {
  if (input !== 'auto') return input;
  return hints?.stateClass === 'total_increasing' || hints?.stateClass === 'total' ? 'rate' : 'value';
}

export function createDetector(rule: AlertRule, _seriesId?: string, hints?: SeriesHints): Detector {
  switch (rule.type) {
    case 'threshold':
      // Config speaks of the value (recover_below after `above`); the detector of the side.
      return new ThresholdDetector({
        above: rule.above,
        below: rule.below,
        recoverAbove: rule.recover_below,
        recoverBelow: rule.recover_above,
        m: rule.m_of_n?.m,
        n: rule.m_of_n?.n,
      });
    case 'trend':
      return new TrendDetector({
        windowMs: rule.window,
        // Config: units per second (like HA's trend sensor); detector: units per hour.
        minSlopePerHour: rule.min_gradient === undefined ? undefined : Math.abs(rule.min_gradient) * HOUR_S,
        direction: trendDirection(rule),
        limit: rule.limit,
        horizonMs: rule.horizon,
        minSamples: rule.min_samples,
      });
    case 'anomaly': {
      const detector = createAnomalyDetector({ evidenceThreshold: evidenceThresholdFor(rule.sensitivity) });
      if (anomalyInputFor(rule.input, hints) === 'value') return detector;
      // A drop is a counter reset, except where the state class says the value may go down
      // (`total`: energy returned to the grid; `measurement`: a gauge asked for its derivative).
      return new OnRate(detector, { counter: hints?.stateClass !== 'total' && hints?.stateClass !== 'measurement' });
    }
    case 'nodata':
      if (rule.when === 'unavailable') return new UnavailableDetector();
      // Learned interval: HA only sends changes, so never call a series stale before 15 min.
      return rule.max_age === undefined
        ? new StalenessDetector({ minStaleMs: LEARNED_MIN_STALE_MS })
        : new StalenessDetector({ expectedIntervalMs: rule.max_age, factor: 1, minStaleMs: rule.max_age });
  }
}
