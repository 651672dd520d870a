/**
 * Where a scope's engine state lives between page loads (localStorage), written so that storage
 * can never switch alerting off: a state that cannot be read gives a fresh engine and a note the
 * alerts card shows, every write is guarded, and states of scopes nobody has shown for a month
 * are removed (renamed rules and removed cards would otherwise fill the quota).
 */
import { AlertEngine, type AlertEngineOptions } from '../core/alerts/engine';

export const STORAGE_PREFIX = 'ha-vitals:alerts:';
const STALE_MS = 30 * 86_400_000;
const MAX_SCOPES = 100;

export type ScopeStorage = Pick<Storage, 'getItem' | 'setItem'> & Partial<Pick<Storage, 'removeItem' | 'key'>> & { readonly length?: number };

export interface Restored {
  engine: AlertEngine;
  /** Why the saved state was not used (the card shows it), if it was not. */
  problem?: string;
}

export function restoreEngine(storage: ScopeStorage | undefined, scopeId: string, options: AlertEngineOptions): Restored {
  let saved: string | null = null;
  try {
    saved = storage?.getItem(STORAGE_PREFIX + scopeId) ?? null;
  } catch (err) {
    return { engine: new AlertEngine(options), problem: `saved alert state could not be read (${(err as Error).message})` };
  }
  if (!saved) return { engine: new AlertEngine(options) };
  try {
    const engine = AlertEngine.fromJSON(JSON.parse(saved), options);
    const notes = engine.loadNotes;
    if (!notes.length) return { engine };
    // Restored, but parts were dropped: say which, so a missing ack is not a mystery.
    return { engine, problem: `saved alert state partly restored: ${notes.slice(0, 3).join('; ').slice(0, 300)}${notes.length > 3 ? ` (+${notes.length - 3} more)` : ''}` };
  } catch (err) {
    // A state from an older version, another rule set, or damaged storage: start fresh, say so.
    const problem = `saved alert state was not usable and alerting started afresh: ${String((err as Error)?.message ?? err).slice(0, 300)}`;
    console.warn(`HA Vitals: ${scopeId}: ${problem}`);
    return { engine: new AlertEngine(options), problem };
  }
}

/** Save a scope's state; false when storage refused it (full, blocked). Never throws. */
export function saveEngine(storage: ScopeStorage | undefined, scopeId: string, engine: AlertEngine): boolean {
  if (!storage) return false;
  try {
    storage.setItem(STORAGE_PREFIX + scopeId, JSON.stringify(engine.toJSON()));
    return true;
  } catch {
    return false;
  }
}

/** Remove the states of scopes not saved for a month, and all but the newest `MAX_SCOPES`. Returns how many. */
export function removeStaleScopes(storage: ScopeStorage | undefined, now: number, keep: ReadonlySet<string> = new Set()): number {
  if (!storage?.key || !storage.removeItem || typeof storage.length !== 'number') return 0;
  const found: { key: string; savedAt: number }[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(STORAGE_PREFIX) || keep.has(key.slice(STORAGE_PREFIX.length))) continue;
      let savedAt = -Infinity;
      try {
        const value = JSON.parse(storage.getItem(key) ?? 'null') as { savedAt?: unknown } | null;
        if (value && typeof value.savedAt === 'number') savedAt = value.savedAt;
      } catch {
        // unreadable: stale
      }
      found.push({ key, savedAt });
    }
    found.sort((a, b) => b.savedAt - a.savedAt);
    const stale = found.filter((f, i) => !(f.savedAt > now - STALE_MS) || i >= MAX_SCOPES);
    for (const f of stale) storage.removeItem(f.key);
    return stale.length;
  } catch {
    return 0;
  }
}
