/**
 * Anomaly markers for a chart: the core zero-config anomaly detector run over an entity's series,
 * incrementally (only new samples are fed on each refresh). When older data arrives (history
 * merged after live samples, a reconnect backfill) the detector is run again from the start.
 * A marker is the onset of an anomalous episode, not every sample while it lasts, and only of an
 * episode the zero-config anomaly rule would alert on (confirmed by the detector's evidence, and
 * lasting the rule's `for` if it has one): a chart must not show as alarming what nobody would be
 * told about.
 */
import { DEFAULT_RULES } from '../../core/config/alerts';
import { createAnomalyDetector } from '../../core/detectors/factory';
import type { AnomalyDetector } from '../../core/detectors/anomaly/detector';
import type { TimeSeries, Sample } from '../../core/series/time-series';

const DEFAULT_ANOMALY_FOR_MS = DEFAULT_RULES.find((r) => r.type === 'anomaly')?.for ?? 0;

export class AnomalyTracker {
  private detector: AnomalyDetector = createAnomalyDetector();
  private firstT = Number.NaN;
  private lastT = Number.NaN;
  private processed = 0;
  private active = false;
  /** Onset of the current anomalous episode, until it is confirmed or ends. */
  private onset?: Sample;
  private markers: Sample[] = [];

  /** `confirmMs`: how long an episode must last to be marked (default: the zero-config anomaly rule's `for`). */
  constructor(
    private readonly maxMarkers = 500,
    private readonly confirmMs = DEFAULT_ANOMALY_FOR_MS,
  ) {}

  /** True when the last `update` stopped at its time budget with samples left to judge. */
  pending = false;

  /**
   * Feed what is new in `series` and return the markers (time order). With `budgetMs`, stops
   * after about that long and sets `pending` (a week of history is judged over a few frames
   * instead of delaying the first paint).
   */
  update(series: TimeSeries, budgetMs = Infinity): readonly Sample[] {
    this.pending = false;
    const started = budgetMs < Infinity ? performance.now() : 0;
    const n = series.length;
    if (n === 0) {
      this.reset();
      return this.markers;
    }
    const first = series.timeAt(0);
    if (this.processed > 0) {
      if (first < this.firstT) {
        this.reset(); // older data merged in front
      } else {
        if (first > this.firstT) {
          // Old samples were trimmed: forget them and their markers.
          this.firstT = first;
          this.markers = this.markers.filter((m) => m.t >= first);
          const { start, end } = series.range(first, this.lastT);
          this.processed = end - start;
        } else {
          const { start, end } = series.range(this.firstT, this.lastT);
          if (end - start !== this.processed) this.reset(); // samples inserted in the middle
        }
      }
    }
    const from = this.processed === 0 ? 0 : series.upperBound(this.lastT);
    if (this.processed === 0) this.firstT = first;
    for (let i = from; i < n; i++) {
      if ((i - from) % 1024 === 1023 && performance.now() - started > budgetMs) {
        this.pending = true;
        break;
      }
      const t = series.timeAt(i);
      const v = series.valueAt(i);
      const signal = this.detector.update(t, v);
      if (!Number.isNaN(v)) {
        if (signal.active && !this.active) this.onset = { t, v };
        if (!signal.active) this.onset = undefined;
        else if (this.onset && (t > this.onset.t || this.confirmMs === 0) && t - this.onset.t >= this.confirmMs) {
          this.markers.push(this.onset);
          this.onset = undefined;
        }
        this.active = signal.active;
      }
      this.lastT = t;
      this.processed++;
    }
    if (this.markers.length > this.maxMarkers) this.markers = this.markers.slice(-this.maxMarkers);
    return this.markers;
  }

  reset(): void {
    this.detector.reset();
    this.firstT = this.lastT = Number.NaN;
    this.processed = 0;
    this.active = false;
    this.onset = undefined;
    this.markers = [];
  }
}
