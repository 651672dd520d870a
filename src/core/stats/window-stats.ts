/**
 * Streaming statistics over a sliding time window with bounded memory.
 *
 * - count / mean / stddev: running sums (shifted by the first value seen to limit cancellation).
 * - min / max: monotone deques, O(1) amortised per sample.
 * - quantiles: an exact sorted copy of the window, bounded by `capacity`.
 *   Why exact rather than a mergeable sketch (t-digest, KLL, DDSketch): those sketches cannot
 *   *delete* a sample, so a sliding window would need a ring of sub-sketches and would still be
 *   approximate, while dashboard windows are small (minutes to hours at 5–30 s ⇒ ≤ a few thousand
 *   samples). Insertion into the sorted copy is a binary search + memmove (≈ 100 ns at 1,000
 *   samples), quantiles are then O(1). Set `quantiles: false` to skip that cost entirely.
 * Gaps (NaN) are not samples: they are ignored here (availability is tracked separately).
 */

export interface WindowStatsOptions {
  /** Window length in ms; samples older than `newest - windowMs` leave the window. Default 5 min. */
  windowMs?: number;
  /** Hard cap on samples held; the oldest leaves first. Default 4,096. */
  capacity?: number;
  /** Maintain the sorted copy for quantiles. Default true. */
  quantiles?: boolean;
}

export interface WindowSummary {
  count: number;
  mean: number;
  min: number;
  max: number;
  stddev: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

export class WindowStats {
  readonly windowMs: number;
  readonly capacity: number;
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private head = 0;
  private size = 0;
  private shift = Number.NaN;
  private sum = 0;
  private sumSq = 0;
  // Deques hold logical sequence numbers of samples; seq → ring slot is seq % capacity.
  private readonly minDeque: Float64Array;
  private readonly maxDeque: Float64Array;
  private minHead = 0;
  private minTail = 0;
  private maxHead = 0;
  private maxTail = 0;
  private seqFirst = 0;
  private seqNext = 0;
  private readonly sorted: Float64Array | null;
  /** Entries in `sorted`: the window plus at most one evicted value awaiting removal. */
  private sortedSize = 0;
  private pendingRemoval = 0;
  private hasPendingRemoval = false;

  constructor(options: WindowStatsOptions = {}) {
    this.windowMs = options.windowMs ?? 5 * 60_000;
    this.capacity = Math.max(1, Math.floor(options.capacity ?? 4096));
    this.times = new Float64Array(this.capacity);
    this.values = new Float64Array(this.capacity);
    this.minDeque = new Float64Array(this.capacity);
    this.maxDeque = new Float64Array(this.capacity);
    this.sorted = options.quantiles === false ? null : new Float64Array(this.capacity);
  }

  get count(): number {
    return this.size;
  }

  /** Add a sample (time order expected). NaN values are ignored; the window still slides to t. */
  push(t: number, value: number): void {
    this.evictOlderThan(t - this.windowMs);
    if (Number.isNaN(value)) return;
    if (this.size === this.capacity) this.evictOne();
    if (this.size === 0) {
      this.shift = value;
      this.sum = 0;
      this.sumSq = 0;
    }
    const slot = (this.head + this.size) % this.capacity;
    this.times[slot] = t;
    this.values[slot] = value;
    this.size++;
    const d = value - this.shift;
    this.sum += d;
    this.sumSq += d * d;
    const seq = this.seqNext++;
    while (this.minTail > this.minHead && this.valueOfSeq(this.dequeAt(this.minDeque, this.minTail - 1)) >= value) this.minTail--;
    this.minDeque[this.minTail++ % this.capacity] = seq;
    while (this.maxTail > this.maxHead && this.valueOfSeq(this.dequeAt(this.maxDeque, this.maxTail - 1)) <= value) this.maxTail--;
    this.maxDeque[this.maxTail++ % this.capacity] = seq;
    if (this.sorted) {
      // The usual sliding step evicts one sample and adds one: replace in place (shifting only the
      // values between the two positions) instead of a removal and an insertion.
      if (this.hasPendingRemoval) {
        this.hasPendingRemoval = false;
        this.sortedReplace(this.pendingRemoval, value);
      } else {
        this.sortedInsert(value);
      }
    }
  }

  /** Slide the window to `now` without adding a sample. */
  advance(now: number): void {
    this.evictOlderThan(now - this.windowMs);
  }

  get mean(): number {
    return this.size === 0 ? Number.NaN : this.shift + this.sum / this.size;
  }

  get variance(): number {
    if (this.size < 2) return this.size === 1 ? 0 : Number.NaN;
    const m = this.sum / this.size;
    return Math.max(0, (this.sumSq - this.size * m * m) / (this.size - 1));
  }

  get stddev(): number {
    return Math.sqrt(this.variance);
  }

  get min(): number {
    return this.size === 0 ? Number.NaN : this.valueOfSeq(this.dequeAt(this.minDeque, this.minHead));
  }

  get max(): number {
    return this.size === 0 ? Number.NaN : this.valueOfSeq(this.dequeAt(this.maxDeque, this.maxHead));
  }

  /** Quantile q ∈ [0,1] with linear interpolation between order statistics (type 7, like numpy). */
  quantile(q: number): number {
    if (!this.sorted) throw new Error('WindowStats: quantiles disabled');
    if (this.size === 0) return Number.NaN;
    if (this.hasPendingRemoval) {
      this.hasPendingRemoval = false;
      this.sortedRemove(this.pendingRemoval);
    }
    const pos = Math.min(1, Math.max(0, q)) * (this.size - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(this.size - 1, lo + 1);
    return this.sorted[lo] + (this.sorted[hi] - this.sorted[lo]) * (pos - lo);
  }

  summary(): WindowSummary {
    const q = (p: number): number => (this.sorted ? this.quantile(p) : Number.NaN);
    return {
      count: this.size,
      mean: this.mean,
      min: this.min,
      max: this.max,
      stddev: this.stddev,
      p50: q(0.5),
      p90: q(0.9),
      p95: q(0.95),
      p99: q(0.99),
    };
  }

  reset(): void {
    this.head = this.size = 0;
    this.minHead = this.minTail = this.maxHead = this.maxTail = 0;
    this.seqFirst = this.seqNext = 0;
    this.sum = this.sumSq = 0;
    this.sortedSize = 0;
    this.hasPendingRemoval = false;
  }

  private dequeAt(deque: Float64Array, position: number): number {
    return deque[position % this.capacity];
  }

  private valueOfSeq(seq: number): number {
    const slot = this.head + (seq - this.seqFirst);
    return this.values[slot >= this.capacity ? slot - this.capacity : slot];
  }

  private evictOlderThan(cutoff: number): void {
    while (this.size > 0 && this.times[this.head] < cutoff) this.evictOne();
  }

  private evictOne(): void {
    const value = this.values[this.head];
    const seq = this.seqFirst;
    if (this.dequeAt(this.minDeque, this.minHead) === seq) this.minHead++;
    if (this.dequeAt(this.maxDeque, this.maxHead) === seq) this.maxHead++;
    if (this.sorted) {
      if (this.hasPendingRemoval) this.sortedRemove(this.pendingRemoval);
      this.pendingRemoval = value;
      this.hasPendingRemoval = true;
    }
    const d = value - this.shift;
    this.sum -= d;
    this.sumSq -= d * d;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    this.size--;
    this.seqFirst++;
    if (this.size === 0) this.reset();
    // Adding and subtracting forever accumulates rounding error: re-sum now and then (amortised O(1)).
    else if (this.seqFirst % (4 * this.capacity) === 0) this.resum();
  }

  private resum(): void {
    this.shift = this.values[this.head];
    this.sum = 0;
    this.sumSq = 0;
    for (let i = 0; i < this.size; i++) {
      const d = this.values[(this.head + i) % this.capacity] - this.shift;
      this.sum += d;
      this.sumSq += d * d;
    }
  }

  private sortedInsert(value: number): void {
    const sorted = this.sorted as Float64Array;
    let j = this.sortedSize++;
    if (j > 64) {
      const at = this.sortedLowerBound(value, j);
      sorted.copyWithin(at + 1, at, j);
      j = at;
    } else {
      while (j > 0 && sorted[j - 1] > value) {
        sorted[j] = sorted[j - 1];
        j--;
      }
    }
    sorted[j] = value;
  }

  private sortedRemove(value: number): void {
    const sorted = this.sorted as Float64Array;
    const size = this.sortedSize--;
    const at = this.sortedLowerBound(value, size);
    if (size - at > 64) sorted.copyWithin(at, at + 1, size);
    else for (let i = at; i < size - 1; i++) sorted[i] = sorted[i + 1];
  }

  /** Remove `old` (present) and insert `value`, shifting only the entries between their positions. */
  private sortedReplace(old: number, value: number): void {
    const sorted = this.sorted as Float64Array;
    const size = this.sortedSize;
    let j = this.sortedLowerBound(old, size);
    if (value > old) {
      if (size > 64) {
        const to = this.sortedLowerBound(value, size) - 1;
        sorted.copyWithin(j, j + 1, to + 1);
        j = to;
      } else {
        while (j + 1 < size && sorted[j + 1] < value) {
          sorted[j] = sorted[j + 1];
          j++;
        }
      }
    } else if (value < old) {
      if (size > 64) {
        const to = this.sortedLowerBound(value, j);
        sorted.copyWithin(to + 1, to, j);
        j = to;
      } else {
        while (j > 0 && sorted[j - 1] > value) {
          sorted[j] = sorted[j - 1];
          j--;
        }
      }
    }
    sorted[j] = value;
  }

  private sortedLowerBound(value: number, length: number): number {
    const sorted = this.sorted as Float64Array;
    let lo = 0;
    let hi = length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
