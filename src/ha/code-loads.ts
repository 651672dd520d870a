/**
 * Card code (and the engines cards load) still downloading. A dashboard's cards arrive chunk by
 * chunk; if the store subscribed as each one started watching, opening a dashboard would send one
 * `subscribe_entities` per chunk, each replacing the last. The store waits for these loads to
 * settle instead and subscribes once for all of them: bounded by `maxWaitMs`, so a slow or failed
 * download never holds live values back for long.
 *
 * Lives in the entry's eager code (the lazy cards report their loads) and is shared by every chunk.
 */
let pending = 0;
let waiters: Array<() => void> = [];

function settle(): void {
  if (pending > 0) return;
  const ready = waiters;
  waiters = [];
  for (const resolve of ready) resolve();
}

/**
 * Count `load` until it has settled and the code that awaited it has run its first task (a card
 * starts watching in the continuation of its chunk's import, and may start further loads there).
 */
export function trackCodeLoad<T>(load: Promise<T>): Promise<T> {
  pending++;
  const done = () =>
    setTimeout(() => {
      pending--;
      settle();
    }, 0);
  load.then(done, done);
  return load;
}

/** Longest a card may hold subscriptions back between its creation and its start on the page. */
export const CARD_START_HOLD_MS = 2_000;

/**
 * Count a card from its creation until it has started on the page: Home Assistant may load a
 * card's code before it attaches the card (a view laid out first), and the card starts watching
 * only once attached. `release()` (idempotent) ends the hold after the current task; it ends by
 * itself after `maxMs`, so a card that never reaches the page holds nothing back for long.
 */
export function holdForCardStart(maxMs = CARD_START_HOLD_MS): () => void {
  pending++;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    clearTimeout(timer);
    setTimeout(() => {
      pending--;
      settle();
    }, 0);
  };
  const timer = setTimeout(release, maxMs);
  return release;
}

/** How many loads are in flight (for tests and diagnostics). */
export function codeLoadsPending(): number {
  return pending;
}

/** Resolves when no tracked load is in flight, or after `maxWaitMs`, whichever is first. */
export function codeLoadsSettled(maxWaitMs: number): Promise<void> {
  if (pending === 0) return Promise.resolve();
  return new Promise((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(finish, maxWaitMs);
    waiters.push(finish);
  });
}
