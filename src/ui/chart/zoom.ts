/**
 * Zoom and pan of a time axis without a plugin: pure arithmetic on the visible [min, max], kept
 * inside the bounds of the data window and never narrower than `minSpan`.
 */
export interface TimeView {
  min: number;
  max: number;
}

export const MIN_SPAN_MS = 60_000;

/** Keep `view` inside `bounds` (same span if possible). */
export function clampView(view: TimeView, bounds: TimeView, minSpan = MIN_SPAN_MS): TimeView {
  const full = bounds.max - bounds.min;
  let span = Math.min(Math.max(view.max - view.min, Math.min(minSpan, full)), full);
  if (!(span > 0)) span = full;
  let min = view.min;
  if (min < bounds.min) min = bounds.min;
  if (min + span > bounds.max) min = bounds.max - span;
  return { min, max: min + span };
}

/**
 * Zoom by `factor` (< 1 zooms in) around `anchor` (a time; it stays under the pointer).
 * Returns undefined when the result covers the whole of `bounds` (back to the live view).
 */
export function zoomView(view: TimeView, factor: number, anchor: number, bounds: TimeView, minSpan = MIN_SPAN_MS): TimeView | undefined {
  const span = view.max - view.min;
  const a = Math.min(view.max, Math.max(view.min, anchor));
  const ratio = span > 0 ? (a - view.min) / span : 0.5;
  const nextSpan = Math.max(minSpan, span * factor);
  if (nextSpan >= bounds.max - bounds.min) return undefined;
  const min = a - ratio * nextSpan;
  return clampView({ min, max: min + nextSpan }, bounds, minSpan);
}

/** Shift by `deltaMs` (positive: later), clamped to `bounds`. */
export function panView(view: TimeView, deltaMs: number, bounds: TimeView): TimeView {
  return clampView({ min: view.min + deltaMs, max: view.max + deltaMs }, bounds, 0);
}
