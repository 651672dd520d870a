/**
 * The older part of a long window, kept as fixed-width buckets of min / max / mean instead of raw
 * samples: what a chart needs to draw a week or a month (the line and its extremes) in bounded
 * memory, whatever the sampling rate. The store feeds it the samples its raw series evicts, and
 * long-term statistics rows (which already are min / max / mean summaries).
 *
 * A ring of `ceil(maxAgeMs / bucketMs) + 1` slots indexed by bucket number: adding is O(1) in
 * any time order, and a slot is reused once its bucket has left the window.
 */

/** Buckets a window is divided into: one per pixel of a 4K-wide chart. */
export const BUCKETS_PER_WINDOW = 4096;

/** The bucket width (whole seconds, at least one) that gives `windowMs` about BUCKETS_PER_WINDOW buckets. */
export function bucketWidthFor(windowMs: number): number {
  return Math.max(1000, Math.ceil(windowMs / BUCKETS_PER_WINDOW / 1000) * 1000);
}

export interface BucketSeriesOptions {
  bucketMs: number;
  /** Buckets older than the newest one minus this are dropped. */
  maxAgeMs: number;
}

/** `visit(start, min, max, mean, count)`: count 0 (min, max, mean NaN) is a bucket of gaps only. */
export type BucketVisitor = (start: number, min: number, max: number, mean: number, count: number) => void;

export class BucketSeries {
  readonly bucketMs: number;
  readonly maxAgeMs: number;
  /** Buckets the window spans; valid bucket numbers are [newest - span, newest]. */
  private readonly span: number;
  private readonly ids: Float64Array;
  private readonly mins: Float64Array;
  private readonly maxs: Float64Array;
  private readonly sums: Float64Array;
  private readonly counts: Float64Array;
  private newest = Number.NEGATIVE_INFINITY;

  constructor(options: BucketSeriesOptions) {
    this.bucketMs = Math.max(1, options.bucketMs);
    this.maxAgeMs = options.maxAgeMs;
    this.span = Math.max(1, Math.ceil(options.maxAgeMs / this.bucketMs));
    const slots = this.span + 1;
    this.ids = new Float64Array(slots).fill(Number.NaN);
    this.mins = new Float64Array(slots);
    this.maxs = new Float64Array(slots);
    this.sums = new Float64Array(slots);
    this.counts = new Float64Array(slots);
  }

  get slots(): number {
    return this.ids.length;
  }

  get byteLength(): number {
    return this.ids.byteLength * 5;
  }

  /** Whether any bucket in the window holds something. */
  get isEmpty(): boolean {
    let empty = true;
    this.forEach(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, () => (empty = false));
    return empty;
  }

  /** One sample; a non-finite value marks the bucket as (partly) a gap without counting. */
  add(t: number, value: number): void {
    const slot = this.slotFor(t);
    if (slot < 0 || !Number.isFinite(value)) return;
    this.fold(slot, value, value, value, 1);
  }

  /** A summary of `weight` samples (a statistics row): folded in with its own extremes. */
  addSummary(t: number, min: number, max: number, mean: number, weight = 1): void {
    const slot = this.slotFor(t);
    if (slot < 0 || !Number.isFinite(mean) || !(weight > 0)) return;
    this.fold(slot, Number.isFinite(min) ? Math.min(min, mean) : mean, Number.isFinite(max) ? Math.max(max, mean) : mean, mean, weight);
  }

  /** Buckets whose start lies in [from, to], oldest first. */
  forEach(from: number, to: number, visit: BucketVisitor): void {
    if (this.newest === Number.NEGATIVE_INFINITY) return;
    const first = Math.max(this.newest - this.span, Number.isFinite(from) ? Math.ceil(from / this.bucketMs) : -Infinity);
    const last = Math.min(this.newest, Number.isFinite(to) ? Math.floor(to / this.bucketMs) : Infinity);
    for (let id = first; id <= last; id++) {
      const slot = this.slotOf(id);
      if (this.ids[slot] !== id) continue;
      const count = this.counts[slot];
      if (count === 0) visit(id * this.bucketMs, Number.NaN, Number.NaN, Number.NaN, 0);
      else visit(id * this.bucketMs, this.mins[slot], this.maxs[slot], this.sums[slot] / count, count);
    }
  }

  /** A copy with wider buckets and/or a longer window (a card asked for a longer history). */
  rebinned(bucketMs: number, maxAgeMs: number): BucketSeries {
    const wider = new BucketSeries({ bucketMs, maxAgeMs });
    this.forEach(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, (t, min, max, mean, count) => {
      if (count === 0) wider.add(t, Number.NaN);
      else wider.addSummary(t, min, max, mean, count);
    });
    return wider;
  }

  /** The slot for a sample at `t`, reset if it held an older bucket; -1 if `t` is outside the window. */
  private slotFor(t: number): number {
    if (!Number.isFinite(t)) return -1;
    const id = Math.floor(t / this.bucketMs);
    if (id < this.newest - this.span) return -1;
    if (id > this.newest) this.newest = id;
    const slot = this.slotOf(id);
    if (this.ids[slot] !== id) {
      this.ids[slot] = id;
      this.mins[slot] = Number.POSITIVE_INFINITY;
      this.maxs[slot] = Number.NEGATIVE_INFINITY;
      this.sums[slot] = 0;
      this.counts[slot] = 0;
    }
    return slot;
  }

  private slotOf(id: number): number {
    const n = this.ids.length;
    return ((id % n) + n) % n;
  }

  private fold(slot: number, min: number, max: number, mean: number, weight: number): void {
    if (min < this.mins[slot]) this.mins[slot] = min;
    if (max > this.maxs[slot]) this.maxs[slot] = max;
    this.sums[slot] += mean * weight;
    this.counts[slot] += weight;
  }
}
