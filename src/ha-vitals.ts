/**
 * HA Vitals entry point: defines the seven card elements and announces them to the card picker.
 * It holds only what Home Assistant needs before a card's code (config checks, sizes, the picker
 * entries); each card's code, chart.js and the editors load when a dashboard uses them
 * (src/cards/lazy-card.ts).
 */
import { CATALOG, type CustomCardEntry } from './cards/catalog';
import { lazyCardClass } from './cards/lazy-card';
import { resendLostRebuilds } from './ha/lost-rebuilds';

declare global {
  interface Window {
    customCards?: CustomCardEntry[];
  }
}

for (const entry of CATALOG) {
  // A second copy of the bundle (e.g. HACS plus a manual resource) must not throw.
  if (!customElements.get(entry.tag)) customElements.define(entry.tag, lazyCardClass(entry));
  window.customCards = window.customCards ?? [];
  if (!window.customCards.some((c) => c.type === entry.tag)) window.customCards.push(entry.info);
}
// An older HA in edit mode can lose the rebuild of cards it laid out before these tags existed.
void resendLostRebuilds(CATALOG.map((entry) => entry.tag));
