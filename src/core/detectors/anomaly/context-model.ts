import { ANOMALY_DEFAULTS as D } from './defaults.js';
/**
 * Contextual novelty (in the spirit of CAD OSE's contexts): values are quantised into a few coarse
 * levels over the range seen while learning; the model remembers which short sequences
 * "previous k levels → this level" (k = 1..order), which "previous level → this finer level"
 * (fineFactor × the levels) and which "level at this time of day" (the daily-seasonal context) it
 * has seen. The novelty is the weighted fraction of those contexts never seen before, in
 * [0, 1]. Recurring shapes (cycles, regular spikes, daily patterns) stop being novel; a new level, a
 * new shape or something at an unusual time of day is novel in several contexts at once.
 * Memory is a fixed direct-mapped table of hashed contexts (a collision overwrites: old, unused
 * contexts are forgotten first in practice). O(order) per sample, no allocation.
 */
export class ContextNoveltyModel {
  readonly name = 'context';
  private readonly keys: Int32Array;
  private readonly history: Int32Array;
  private readonly shift: number;
  private readonly slotMs: number;
  private readonly total: number;
  private seen = 0;
  private lo = Infinity;
  private hi = -Infinity;
  private width = Number.NaN;

  constructor(
    private readonly levels: number = D.context.levels,
    private readonly order: number = D.context.order,
    private readonly learnSamples: number = D.context.learnSamples,
    tableBits: number = D.context.tableBits,
    daySlots: number = D.context.daySlots,
    private readonly dayWeight: number = D.context.dayWeight,
    private readonly fineFactor: number = D.context.fineFactor,
    private readonly fineWeight: number = D.context.fineWeight,
  ) {
    this.keys = new Int32Array(1 << tableBits);
    this.shift = 32 - tableBits;
    this.history = new Int32Array(order);
    this.slotMs = daySlots > 0 ? 86_400_000 / daySlots : 0;
    this.total = order + (daySlots > 0 ? dayWeight : 0) + fineWeight;
  }

  /** Learning the range returns 0; afterwards the novelty in [0, 1]. */
  update(t: number, value: number): number {
    this.seen++;
    if (Number.isNaN(this.width)) {
      if (value < this.lo) this.lo = value;
      if (value > this.hi) this.hi = value;
      if (this.seen < this.learnSamples) return 0;
      this.width = Math.max(this.hi - this.lo, 1e-9 + 1e-3 * Math.abs(this.hi)) / this.levels;
    }
    const levels = this.levels;
    const raw = Math.floor((value - this.lo) / this.width);
    // Levels beyond the learned range get their own symbols (up to one range below, two above).
    const symbol = (raw < -levels ? -levels : raw > 2 * levels ? 2 * levels : raw) + levels + 1;
    const keys = this.keys;
    const history = this.history;
    let novel = 0;
    let h = Math.imul(symbol, -1640531535); // 2654435761 as int32
    for (let k = 0; k < this.order; k++) {
      h = (Math.imul(h ^ history[k], -1640531535) + k) | 0;
      const slot = h >>> this.shift;
      if (keys[slot] !== h) {
        novel++;
        keys[slot] = h;
      }
    }
    if (this.fineWeight > 0) {
      // Finer levels, first order: smaller shifts than a coarse level are novel too.
      const fineLevels = levels * this.fineFactor;
      const rawFine = Math.floor(((value - this.lo) / this.width) * this.fineFactor);
      const fine = (rawFine < -fineLevels ? -fineLevels : rawFine > 2 * fineLevels ? 2 * fineLevels : rawFine) + 1000;
      const h3 = Math.imul(fine * 7 + history[0], -1028477379) ^ 0x27d4eb2d;
      const slot = h3 >>> this.shift;
      if (keys[slot] !== h3) {
        novel += this.fineWeight;
        keys[slot] = h3;
      }
    }
    if (this.slotMs > 0) {
      const slotOfDay = Math.floor((((t % 86_400_000) + 86_400_000) % 86_400_000) / this.slotMs);
      const h2 = Math.imul(symbol * 131 + slotOfDay, -2048144777) ^ 0x5bd1e995;
      const slot = h2 >>> this.shift;
      if (keys[slot] !== h2) {
        novel += this.dayWeight;
        keys[slot] = h2;
      }
    }
    for (let k = this.order - 1; k > 0; k--) history[k] = history[k - 1];
    history[0] = symbol;
    return novel / this.total;
  }

  reset(): void {
    this.keys.fill(0);
    this.history.fill(0);
    this.seen = 0;
    this.lo = Infinity;
    this.hi = -Infinity;
    this.width = Number.NaN;
  }
}
