/**
 * Once per browser: the tabs of one browser agree through a Web Lock per intent id and a sent-id
 * log in localStorage. The log is read defensively: whatever another version or a full disk left
 * there (`null`, a list, non-numbers) counts as empty, never as an error that stops sending.
 */
import type { IntentGate } from './claim';

export const SENT_LOG_KEY = 'ha-vitals:sent-intents';
const WEEK_MS = 7 * 86_400_000;
const MAX_IDS = 5_000;

type Store = Pick<Storage, 'getItem' | 'setItem'>;

export function readSentLog(storage: Store | undefined): Record<string, number> {
  const out: Record<string, number> = Object.create(null);
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage?.getItem(SENT_LOG_KEY) ?? '{}');
  } catch {
    return out;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return out;
  for (const [id, at] of Object.entries(parsed as Record<string, unknown>)) if (typeof at === 'number' && Number.isFinite(at)) out[id] = at;
  return out;
}

function writeSentLog(storage: Store | undefined, log: Record<string, number>, now: number): void {
  const kept = Object.entries(log)
    .filter(([, at]) => now - at <= WEEK_MS)
    .sort(([, a], [, b]) => b - a)
    .slice(0, MAX_IDS);
  try {
    storage?.setItem(SENT_LOG_KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // Storage full or blocked: the Web Lock still keeps this moment's tabs apart.
  }
}

export function browserIntentGate(storage: Store | undefined = typeof localStorage !== 'undefined' ? localStorage : undefined, now: () => number = () => Date.now()): IntentGate {
  const run = async (id: string, send: () => Promise<void>) => {
    if (Object.hasOwn(readSentLog(storage), id)) return false;
    await send();
    const log = readSentLog(storage);
    log[id] = now();
    writeSentLog(storage, log, now());
    return true;
  };
  return {
    once: (id, send) =>
      typeof navigator !== 'undefined' && navigator.locks
        ? (navigator.locks.request(`ha-vitals-intent-${id}`, () => run(id, send)) as unknown as Promise<boolean>)
        : run(id, send),
  };
}
