/**
 * HA Vitals entry point: registers every card and announces them to the card picker.
 * Heavy pieces (charts, editors) are imported lazily by the cards that need them.
 */
import { VitalsMetricCard, METRIC_CARD_INFO } from './cards/metric/vitals-metric-card';

interface CustomCardEntry {
  type: string;
  name: string;
  description: string;
  preview?: boolean;
  documentationURL?: string;
}

declare global {
  interface Window {
    customCards?: CustomCardEntry[];
  }
}

const cards: [CustomCardEntry, CustomElementConstructor][] = [[METRIC_CARD_INFO, VitalsMetricCard]];

for (const [info, element] of cards) {
  // A second copy of the bundle (e.g. HACS plus a manual resource) must not throw.
  if (!customElements.get(info.type)) customElements.define(info.type, element);
  window.customCards = window.customCards ?? [];
  if (!window.customCards.some((c) => c.type === info.type)) window.customCards.push(info);
}
