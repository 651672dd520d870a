/**
 * Bounded per-series storage: a ring buffer of two Float64Arrays (times, values).
 *
 * - Appends in time order are O(1) amortised (the buffers grow by doubling up to `capacity`, so a
 *   series that only ever holds a few samples does not pay for a day of storage).
 * - Late samples (t < newest) are inserted in place after a binary search: O(n) memmove, but rare
 *   in practice (history back-fill after reconnect).
 * - A sample with an existing timestamp replaces the stored value (HA re-sends states on reconnect).
 * - Gaps (unavailable/unknown) are stored as NaN, never as 0. So are ±Infinity and absurd
 *   magnitudes (|x| ≥ 1e30, e.g. the float sentinel 3.4e38): counted in `absurdValues`.
 * - With a clock (`now`), a sample stamped more than `maxFutureMs` ahead of it is taken as stamped
 *   "now" (counted in `futureStamps`), and trimming never runs ahead of the clock: one state from
 *   a clock that was ahead must not drop the window, nor make every later sample "too old".
 */
import { isAbsurdValue } from './parse.js';


export interface TimeSeriesOptions {
  /** Maximum number of samples kept; the oldest is dropped when full. Default 17,280 (24 h at 5 s). */
  capacity?: number;
  /** Samples older than `newest - maxAgeMs` (or `now - maxAgeMs` in `trim(now)`) are dropped. Default 24 h. */
  maxAgeMs?: number;
  /** Initial buffer size before growth. Default 64. */
  initialCapacity?: number;
  /** The clock (ms): enables the future-stamp clamp and clock-bounded trimming. */
  now?: () => number;
  /** How far ahead of the clock a stamp may be before it is taken as "now". Default 5 min. */
  maxFutureMs?: number;
  /**
   * Told of every sample dropped because the series is full (not those older than `maxAgeMs`):
   * the store folds them into a coarser summary so a long window keeps its older part.
   */
  onEvict?: (t: number, v: number) => void;
}

export interface Sample {
  t: number;
  v: number;
}

/** Logical index bounds `[start, end)` into a series. */
export interface IndexRange {
  start: number;
  end: number;
}

export interface SeriesArrays {
  times: Float64Array;
  values: Float64Array;
}

export const DEFAULT_CAPACITY = 17_280;
export const DEFAULT_MAX_AGE_MS = 24 * 3600 * 1000;
export const DEFAULT_MAX_FUTURE_MS = 5 * 60_000;

export class TimeSeries {
  readonly capacity: number;
  readonly maxAgeMs: number;
  private times: Float64Array;
  private values: Float64Array;
  /** Physical index of the oldest sample. */
  private head = 0;
  private count = 0;
  private readonly now?: () => number;
  private readonly maxFutureMs: number;
  private readonly onEvict?: (t: number, v: number) => void;
  /** Samples stamped too far ahead of the clock, stored as stamped "now". */
  futureStamps = 0;
  /** Samples whose value was ±Infinity or |x| ≥ 1e30, stored as gaps. */
  absurdValues = 0;

  constructor(options: TimeSeriesOptions = {}) {
    this.capacity = Math.max(1, Math.floor(options.capacity ?? DEFAULT_CAPACITY));
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.now = options.now;
    this.maxFutureMs = options.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS;
    this.onEvict = options.onEvict;
    const initial = Math.min(this.capacity, Math.max(1, Math.floor(options.initialCapacity ?? 64)));
    this.times = new Float64Array(initial);
    this.values = new Float64Array(initial);
  }

  get length(): number {
    return this.count;
  }

  /** Bytes held by the typed arrays (for memory accounting in cards and benchmarks). */
  get byteLength(): number {
    return this.times.byteLength + this.values.byteLength;
  }

  timeAt(i: number): number {
    return this.times[this.physical(i)];
  }

  valueAt(i: number): number {
    return this.values[this.physical(i)];
  }

  /** Sample at logical index `i` (0 = oldest); negative indices count from the newest. */
  at(i: number): Sample | undefined {
    const index = i < 0 ? this.count + i : i;
    if (index < 0 || index >= this.count) return undefined;
    const p = this.physical(index);
    return { t: this.times[p], v: this.values[p] };
  }

  latest(): Sample | undefined {
    return this.at(-1);
  }

  /** Newest sample whose value is a number (skips trailing gaps). */
  latestNumeric(): Sample | undefined {
    for (let i = this.count - 1; i >= 0; i--) {
      const p = this.physical(i);
      if (!Number.isNaN(this.values[p])) return { t: this.times[p], v: this.values[p] };
    }
    return undefined;
  }

  /**
   * Add one sample; `value` NaN records a gap. Returns false if the sample was too old to keep.
   * With a clock, a stamp more than `maxFutureMs` ahead is stored at the clock's time.
   */
  append(t: number, value: number): boolean {
    if (!Number.isFinite(t)) return false;
    const absurd = isAbsurdValue(value);
    if (absurd) this.absurdValues++;
    const v = absurd ? Number.NaN : value;
    const now = this.now?.();
    if (now !== undefined && t > now + this.maxFutureMs) {
      this.futureStamps++;
      t = now;
    }
    if (this.count === 0 || t > this.timeAt(this.count - 1)) {
      this.pushBack(t, v);
    } else {
      const index = this.lowerBound(t);
      if (index < this.count && this.timeAt(index) === t) {
        this.values[this.physical(index)] = v;
        return true;
      }
      if (t < this.reference(now) - this.maxAgeMs) return false;
      if (index === 0 && this.count === this.capacity) {
        // Older than everything and full: not kept here, but still part of the window.
        this.onEvict?.(t, v);
        return false;
      }
      this.insertAt(index, t, v);
    }
    this.trim(this.reference(now));
    return true;
  }

  /**
   * Add many samples in time order (a history answer). A batch that lies wholly before what the
   * series holds, the usual case (live states came first), is placed in one pass: what does not
   * fit goes to `onEvict` oldest first, as single appends would. Anything else (overlaps, unsorted
   * input, future stamps) takes the one-by-one path, with the same result.
   */
  appendBatch(times: ArrayLike<number>, values: ArrayLike<number>): void {
    const n = Math.min(times.length, values.length);
    if (n === 0) return;
    let sorted = Number.isFinite(times[0]);
    for (let i = 1; i < n && sorted; i++) sorted = times[i] > times[i - 1] && times[i] < Infinity;
    const now = this.now?.();
    // The part before the first stored sample is placed at once; the rest (a history answer ends
    // with the state the live subscription already delivered) is appended one by one.
    let split = n;
    if (sorted && this.count > 0) while (split > 0 && times[split - 1] >= this.timeAt(0)) split--;
    const future = now !== undefined && times[n - 1] > now + this.maxFutureMs;
    if (sorted && !future && this.count > 0 && times[0] > this.timeAt(this.count - 1)) {
      // Wholly after what is stored (history after long-term statistics): append in order, trim once.
      for (let i = 0; i < n; i++) this.pushBack(times[i], this.plain(values[i]));
      this.trim(this.reference(now));
      return;
    }
    if (!sorted || split === 0 || (now !== undefined && times[split - 1] > now + this.maxFutureMs)) {
      for (let i = 0; i < n; i++) this.append(times[i], values[i]);
      return;
    }
    this.placeBefore(times, values, split, now);
    for (let i = split; i < n; i++) this.append(times[i], values[i]);
  }

  /** A value as stored: absurd magnitudes become gaps (counted). */
  private plain(v: number): number {
    if (!isAbsurdValue(v)) return v;
    this.absurdValues++;
    return Number.NaN;
  }

  /** `appendBatch`'s fast path: samples [0, n) are sorted and all older than the stored ones. */
  private placeBefore(times: ArrayLike<number>, values: ArrayLike<number>, n: number, now: number | undefined): void {
    const last = times[n - 1];
    const newest = this.count > 0 ? this.timeAt(this.count - 1) : last;
    const cutoff = (now !== undefined && now < newest ? now : newest) - this.maxAgeMs;
    let from = 0;
    while (from < n && times[from] < cutoff) {
      if (isAbsurdValue(values[from])) this.absurdValues++; // counted even when too old, as append does
      from++;
    }
    const total = n - from + this.count;
    const overflow = Math.max(0, total - this.capacity);
    for (let i = from; i < from + overflow; i++) this.onEvict?.(times[i], this.plain(values[i]));
    const kept = total - overflow;
    let size = this.times.length;
    while (size < kept && size < this.capacity) size = Math.min(this.capacity, size * 2);
    const nextTimes = new Float64Array(size);
    const nextValues = new Float64Array(size);
    let k = 0;
    for (let i = from + overflow; i < n; i++, k++) {
      nextTimes[k] = times[i];
      nextValues[k] = this.plain(values[i]);
    }
    for (let i = 0; i < this.count; i++, k++) {
      const p = this.physical(i);
      nextTimes[k] = this.times[p];
      nextValues[k] = this.values[p];
    }
    this.times = nextTimes;
    this.values = nextValues;
    this.head = 0;
    this.count = k;
  }

  /** The time the age limit counts back from: the newest sample, but never beyond the clock. */
  private reference(now: number | undefined): number {
    const newest = this.timeAt(this.count - 1);
    return now !== undefined && now < newest ? now : newest;
  }

  /** Drop samples older than `now - maxAgeMs`. */
  trim(now: number): void {
    const cutoff = now - this.maxAgeMs;
    while (this.count > 0 && this.times[this.head] < cutoff) this.dropOldest();
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  /** First logical index with time ≥ t (count if none). */
  lowerBound(t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First logical index with time > t. */
  upperBound(t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index bounds `[start, end)` of samples with from ≤ t ≤ to. */
  range(from: number, to: number): IndexRange {
    const start = this.lowerBound(from);
    const end = Math.max(start, this.upperBound(to));
    return { start, end };
  }

  /** Copies of the samples with from ≤ t ≤ to (the ring is not contiguous, so views are not possible). */
  copyRange(from = -Infinity, to = Infinity): SeriesArrays {
    const { start, end } = this.range(from, to);
    const n = end - start;
    const times = new Float64Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = this.physical(start + i);
      times[i] = this.times[p];
      values[i] = this.values[p];
    }
    return { times, values };
  }

  forEachInRange(from: number, to: number, visit: (t: number, v: number, index: number) => void): void {
    const { start, end } = this.range(from, to);
    for (let i = start; i < end; i++) {
      const p = this.physical(i);
      visit(this.times[p], this.values[p], i);
    }
  }

  /** Value in force at time t (last sample at or before t), or NaN. */
  valueAtTime(t: number): number {
    const index = this.upperBound(t) - 1;
    return index < 0 ? Number.NaN : this.valueAt(index);
  }

  private physical(i: number): number {
    const p = this.head + i;
    const size = this.times.length;
    return p >= size ? p - size : p;
  }

  private pushBack(t: number, v: number): void {
    if (this.count === this.times.length) {
      if (this.times.length < this.capacity) this.grow();
      else this.evictOldest();
    }
    const p = this.physical(this.count);
    this.times[p] = t;
    this.values[p] = v;
    this.count++;
  }

  private insertAt(index: number, t: number, v: number): void {
    if (this.count === this.times.length) {
      if (this.times.length < this.capacity) this.grow();
      else {
        this.evictOldest();
        index--;
      }
    }
    // Shift [index, count) one slot towards the end; rare path, so simplicity beats a two-part memmove.
    for (let i = this.count; i > index; i--) {
      const to = this.physical(i);
      const from = this.physical(i - 1);
      this.times[to] = this.times[from];
      this.values[to] = this.values[from];
    }
    const p = this.physical(index);
    this.times[p] = t;
    this.values[p] = v;
    this.count++;
  }

  /** Make room when full: the oldest sample goes to `onEvict`. */
  private evictOldest(): void {
    if (this.onEvict) this.onEvict(this.times[this.head], this.values[this.head]);
    this.dropOldest();
  }

  private dropOldest(): void {
    this.head = this.physical(1);
    this.count--;
    if (this.count === 0) this.head = 0;
  }

  private grow(): void {
    const size = Math.min(this.capacity, this.times.length * 2);
    const times = new Float64Array(size);
    const values = new Float64Array(size);
    for (let i = 0; i < this.count; i++) {
      const p = this.physical(i);
      times[i] = this.times[p];
      values[i] = this.values[p];
    }
    this.times = times;
    this.values = values;
    this.head = 0;
  }
}
