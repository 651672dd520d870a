/**
 * The per-sample loop every replay shares (the CLI's `replaySeries`, the rule preview): a recorded
 * series is fed to the alert engine as the cards would have fed it live, with the clock at the
 * sample time. Resumable: `step()` processes a slice of samples, so a page can run it in idle time
 * and the result does not depend on how the work was sliced.
 */
import { ManualClock } from '../types.js';
import { DEFAULT_RULES, type AlertRule, type AlertsConfig } from '../config/alerts.js';
import { AlertEngine, type DetectorFactory, type EvaluationResult } from '../alerts/engine.js';
import { createDetector, LEARNED_MIN_STALE_MS } from '../alerts/detector-factory.js';

/** A recorded series: `t` in ms, non-decreasing; `v` NaN for a gap (unavailable / unknown). */
export interface RecordedSeries {
  id: string;
  t: ArrayLike<number>;
  v: ArrayLike<number>;
  /** The entity's `state_class`: counters are judged on their rate. */
  stateClass?: string;
}

export interface ReplayLoopOptions {
  /** Plan notifications too (the preview counts them); replay only needs transitions. */
  notifications: boolean;
  /** Every evaluation's transitions and intents, in time order. */
  onEvaluation(result: EvaluationResult): void;
  /** Replaces the default `createDetector` with the series' hints (replay wraps it to record scores). */
  detectorFactory?: DetectorFactory;
  /** Called after each sample was ingested, with its row. */
  afterSample?(row: number): void;
}

/** Rules for replay: `entity:` filters are dropped, the rules apply to the input series. */
export function replayConfig(config: AlertsConfig | undefined): AlertsConfig {
  const base = config ?? { rules: DEFAULT_RULES.map((r) => ({ ...r })), inhibit: [], reconnect_grace: 0 };
  return { ...base, rules: base.rules.map((r) => ({ ...r, entity: [] }) as AlertRule) };
}

export class ReplayLoop {
  private readonly engine: AlertEngine;
  private readonly clock: ManualClock;
  /** Across a gap longer than this, evaluate every so often so a no-data rule fires when it would have live. */
  private readonly probeAfter: number;
  private next = 0;
  private finished = false;

  /** `cfg`: as `replayConfig` returns it (the rules apply to this series whatever their `entity:`). */
  constructor(
    private readonly series: RecordedSeries,
    cfg: AlertsConfig,
    private readonly options: ReplayLoopOptions,
  ) {
    const hints = series.stateClass ? { stateClass: series.stateClass } : undefined;
    this.clock = new ManualClock(series.t.length ? series.t[0] : 0);
    this.engine = new AlertEngine({
      config: cfg,
      clock: this.clock,
      detectorFactory: options.detectorFactory ?? ((rule) => createDetector(rule, series.id, hints)),
      notifications: options.notifications,
    });
    this.probeAfter = Math.min(...cfg.rules.filter((r) => r.type === 'nodata' && r.enabled).map((r) => (r.type === 'nodata' && r.max_age) || LEARNED_MIN_STALE_MS));
  }

  /** The row being processed (equal to the number of rows when done): detector wrappers read it. */
  get row(): number {
    return this.next;
  }

  get done(): boolean {
    return this.finished;
  }

  /** Share of the rows processed, 0..1. */
  get progress(): number {
    const n = this.series.t.length;
    return this.finished || n === 0 ? 1 : this.next / n;
  }

  /** Process up to `maxSamples` rows (at least one); true once every row and the final evaluation are done. */
  step(maxSamples: number): boolean {
    if (this.finished) return true;
    const { t: times, v: values, id } = this.series;
    const n = times.length;
    const end = Math.min(n, this.next + Math.max(1, Math.floor(maxSamples) || 1));
    const { engine, clock, probeAfter, options } = this;
    for (; this.next < end; this.next++) {
      const row = this.next;
      const t = times[row];
      // Live, the cards evaluate every few seconds; here time jumps from sample to sample. Across a
      // gap long enough for a no-data rule, probe every minute so it fires when it would have live.
      if (row > 0 && t - times[row - 1] > probeAfter) {
        const from = times[row - 1] + probeAfter;
        const stride = Math.max(60_000, (t - from) / 1000);
        for (let p = from; p < t; p += stride) options.onEvaluation(engine.evaluate(p));
      }
      clock.set(t);
      options.onEvaluation(engine.evaluate(t));
      engine.ingest(id, t, values[row]);
      options.afterSample?.(row);
    }
    if (this.next >= n) {
      if (n) options.onEvaluation(engine.evaluate(times[n - 1]));
      this.finished = true;
    }
    return this.finished;
  }
}
