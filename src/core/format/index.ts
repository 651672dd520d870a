/**
 * The one formatting module of HA Vitals (numbers, units, durations, times), pure and usable in
 * Node: the cards bind it to `hass.locale` (src/ui/format.ts), core text uses English defaults.
 */
export * from './locale.js';
export * from './number.js';
export * from './duration.js';
export * from './time.js';
