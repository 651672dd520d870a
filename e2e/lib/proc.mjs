// Moved to scripts/ha/proc.mjs (shared with the demo); kept so existing imports work.
export * from '../../scripts/ha/proc.mjs';
