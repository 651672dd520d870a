/**
 * Coalesces redraw requests into at most one call of `task` per animation frame: a burst of
 * samples (a history load, a reconnect backfill) recomputes a card once, and a hidden tab, where
 * the browser pauses animation frames, recomputes nothing.
 */
export class FrameScheduler {
  private frame?: number;

  constructor(private readonly task: () => void) {}

  /** Run the task in the next frame, unless a run is already waiting for it. */
  schedule(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.task();
    });
  }

  /** Drop a waiting run (the card left the page). */
  cancel(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }
}
