/**
 * Runs an incremental preview in slices so the editor never blocks: a slice processes samples for
 * about SLICE_MS, then the main thread gets its turn (typing stays smooth while a week replays).
 */

/** Anything that advances by `step(maxSamples)` and says when it is done. */
export interface Steppable {
  step(maxSamples: number): boolean;
}

export const SLICE_MS = 8;
const FIRST_SLICE_SAMPLES = 2_000;

export interface SlicedOutcome {
  /** Time spent computing (ms): the sum of the slices, not the wall time between them. */
  busyMs: number;
  slices: number;
}

const yieldToMain = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Step `run` to completion. Slices are sized from the measured speed so each takes ~SLICE_MS.
 * Rejects with an `AbortError` once `signal` is aborted (a newer edit replaced this preview).
 */
export async function runSliced(run: Steppable, signal?: AbortSignal, now: () => number = () => performance.now()): Promise<SlicedOutcome> {
  let perSlice = FIRST_SLICE_SAMPLES;
  let busyMs = 0;
  let slices = 0;
  for (;;) {
    if (signal?.aborted) throw new DOMException('preview replaced', 'AbortError');
    const started = now();
    const done = run.step(perSlice);
    const took = now() - started;
    busyMs += took;
    slices++;
    if (done) return { busyMs, slices };
    // Aim at SLICE_MS next time, never less than 200 samples nor more than 10× the last slice.
    perSlice = Math.max(200, Math.min(perSlice * 10, Math.round((perSlice * SLICE_MS) / Math.max(took, 0.1))));
    await yieldToMain();
  }
}
