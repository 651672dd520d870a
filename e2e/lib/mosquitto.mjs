// Moved to scripts/ha/mosquitto.mjs (shared with the demo); kept so existing imports work.
export * from '../../scripts/ha/mosquitto.mjs';
