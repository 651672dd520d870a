/**
 * Contracts shared across the pure core. Nothing here touches the DOM or Home Assistant:
 * the same code runs in cards, in Node and in the replay CLI.
 */

/** Time source, injected everywhere so the core is deterministic (tests and replay drive it). */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: used by tests and by replay (time = sample time). */
export class ManualClock implements Clock {
  constructor(private current = 0) {}
  now(): number {
    return this.current;
  }
  set(t: number): void {
    this.current = t;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * What a detector says about the series after one sample. Detectors only judge the condition;
 * pending (`for`), keep-firing, acknowledgement and notification belong to the alert engine.
 */
export interface DetectorSignal {
  /** The condition holds (after the detector's own hysteresis / m-of-n). */
  active: boolean;
  /** The value the condition was judged on (the sample, a slope, a staleness age, ...). */
  value: number;
  /** Anomaly score in [0, 1]; detectors that are not statistical report 1 when active, else 0. */
  score: number;
  /** Still learning: no judgement yet (anomaly warm-up, trend window not full). */
  warmingUp?: boolean;
  /** Trend detectors: milliseconds until the forecast crosses the limit, if it will. */
  timeToLimitMs?: number;
  /** Human-readable reason with numbers, e.g. "92.1 > 90 (recovers below 85)". */
  reason?: string;
}

export interface Detector {
  readonly kind: string;
  /** Feed one sample. `value` is NaN for a gap (unavailable/unknown): detectors must not treat it as 0. */
  update(t: number, value: number): DetectorSignal;
  /** Time passes without samples (no-data detection, trend staleness). Optional. */
  tick?(t: number): DetectorSignal;
  reset(): void;
}
