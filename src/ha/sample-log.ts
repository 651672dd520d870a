/**
 * Bounded log of an entity's states as numbers (NaN for non-numeric states such as
 * `unavailable`, so gaps stay gaps). Samples arrive in time order from the subscription;
 * an older or equal timestamp is a replay (resubscription) and is ignored.
 */
export class SampleLog {
  private times: Float64Array;
  private values: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  get lastTime(): number {
    return this.count === 0 ? -Infinity : this.times[(this.start + this.count - 1) % this.capacity];
  }

  /** Returns false when the sample was a replay of one already recorded. */
  append(t: number, state: string): boolean {
    if (t <= this.lastTime) return false;
    const i = (this.start + this.count) % this.capacity;
    this.times[i] = t;
    this.values[i] = toNumber(state);
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    return true;
  }

  /** Copies in time order. */
  toArrays(): { times: Float64Array; values: Float64Array } {
    const times = new Float64Array(this.count);
    const values = new Float64Array(this.count);
    for (let k = 0; k < this.count; k++) {
      const i = (this.start + k) % this.capacity;
      times[k] = this.times[i];
      values[k] = this.values[i];
    }
    return { times, values };
  }
}

function toNumber(state: string): number {
  if (state === '' || state === 'unavailable' || state === 'unknown') return NaN;
  const v = Number(state);
  return Number.isFinite(v) ? v : NaN;
}
