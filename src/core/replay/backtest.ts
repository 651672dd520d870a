/**
 * Backtest: run alert rules over a recorded series exactly as the cards would have run them live
 * (same engine, same detectors; the clock is the sample time).
 */
import type { Detector } from '../types.js';
import { DEFAULT_RULES, type AlertRule, type AlertsConfig, type AnomalyRule } from '../config/alerts.js';
import { createDetector } from '../alerts/detector-factory.js';
import type { AlertTransition } from '../alerts/types.js';
import type { ReplaySeries } from './series.js';
import { ReplayLoop, replayConfig } from './replay-loop.js';

export { replayConfig };

export interface ReplayEvent {
  file: string;
  rule: string;
  event: 'pending' | 'firing' | 'resolved';
  /** ISO 8601, UTC. */
  at: string;
  /** The series value at that moment (last sample at or before `at`); null for a gap. */
  value: number | null;
  severity: string;
}

export interface ReplayOptions {
  /** Also compute an anomaly score in [0, 1] for every row. */
  scores?: boolean;
}

export interface ReplayResult {
  events: ReplayEvent[];
  /** One per input row, when requested. */
  scores?: Float64Array;
}

const REPORTED = new Set(['pending', 'firing', 'resolved']);

function lastIndexAtOrBefore(t: Float64Array, at: number): number {
  let lo = 0;
  let hi = t.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid] <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function replaySeries(series: ReplaySeries, config?: AlertsConfig, options: ReplayOptions = {}): ReplayResult {
  const cfg = replayConfig(config);
  const n = series.t.length;
  const scores = options.scores ? new Float64Array(n) : undefined;
  // Scores come from the first anomaly rule's detector (or a default one run alongside).
  const scoringRule = cfg.rules.find((r): r is AnomalyRule => r.type === 'anomaly' && r.enabled);
  let scored = false;
  const hints = series.stateClass ? { stateClass: series.stateClass } : undefined;
  // Detectors are created on the first sample, once `loop` exists: the wrapper reads its row.
  const factory = (rule: AlertRule): Detector => {
    const detector = createDetector(rule, series.id, hints);
    if (!scores || scored || rule !== scoringRule) return detector;
    scored = true;
    return {
      kind: detector.kind,
      update(t, value) {
        const signal = detector.update(t, value);
        scores[loop.row] = signal.score;
        return signal;
      },
      reset: () => detector.reset(),
    };
  };
  const extra = scores && !scoringRule ? createDetector(DEFAULT_RULES.find((r) => r.type === 'anomaly')!) : undefined;
  const events: ReplayEvent[] = [];
  const collect = (transitions: AlertTransition[]) => {
    for (const tr of transitions) {
      if (!REPORTED.has(tr.to)) continue;
      const i = lastIndexAtOrBefore(series.t, tr.at);
      const value = i >= 0 ? series.v[i] : Number.NaN;
      events.push({
        file: series.file,
        rule: tr.rule,
        event: tr.to as ReplayEvent['event'],
        at: new Date(tr.at).toISOString(),
        value: Number.isNaN(value) ? null : value,
        severity: tr.severity,
      });
    }
  };
  const loop = new ReplayLoop(series, cfg, {
    notifications: false,
    detectorFactory: factory,
    onEvaluation: (result) => collect(result.transitions),
    afterSample: extra ? (row) => (scores![row] = extra.update(series.t[row], series.v[row]).score) : undefined,
  });
  loop.step(Infinity);
  return scores ? { events, scores } : { events };
}

/** The scores CSV: `timestamp,value,anomaly_score`, timestamps as written in the input. */
export function scoresCsv(series: ReplaySeries, scores: Float64Array): string {
  const parts: string[] = ['timestamp,value,anomaly_score\n'];
  for (let i = 0; i < series.t.length; i++) {
    const v = series.v[i];
    const raw = series.rawT[i];
    const ts = raw.includes(',') || raw.includes('"') ? `"${raw.replace(/"/g, '""')}"` : raw;
    parts.push(`${ts},${Number.isNaN(v) ? '' : v},${Math.round(scores[i] * 1e6) / 1e6}\n`);
  }
  return parts.join('');
}
