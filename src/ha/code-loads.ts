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
