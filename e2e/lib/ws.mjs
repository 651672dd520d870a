// Moved to scripts/ha/ws.mjs (shared with the demo); kept so existing imports work.
export * from '../../scripts/ha/ws.mjs';
