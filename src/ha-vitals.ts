/**
 * HA Vitals entry point: registers every card and announces them to the card picker.
 * Heavy pieces (charts, editors) are imported lazily by the cards that need them.
 */
import { VitalsMetricCard, METRIC_CARD_INFO } from './cards/metric/vitals-metric-card';
import { VitalsHistoryCard, HISTORY_CARD_INFO } from './cards/history/vitals-history-card';
import { VitalsSystemCard, SYSTEM_CARD_INFO } from './cards/system/vitals-system-card';
import { VitalsUxCard, UX_CARD_INFO } from './cards/ux/vitals-ux-card';
import { VitalsAiCard, AI_CARD_INFO } from './cards/ai/vitals-ai-card';
import { VitalsAlertsCard, ALERTS_CARD_INFO } from './cards/alerts/vitals-alerts-card';
import { VitalsOverviewCard, OVERVIEW_CARD_INFO } from './cards/overview/vitals-overview-card';

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

const cards: [CustomCardEntry, CustomElementConstructor][] = [
  [METRIC_CARD_INFO, VitalsMetricCard],
  [HISTORY_CARD_INFO, VitalsHistoryCard],
  [SYSTEM_CARD_INFO, VitalsSystemCard],
  [UX_CARD_INFO, VitalsUxCard],
  [AI_CARD_INFO, VitalsAiCard],
  [ALERTS_CARD_INFO, VitalsAlertsCard],
  [OVERVIEW_CARD_INFO, VitalsOverviewCard],
];

for (const [info, element] of cards) {
  // A second copy of the bundle (e.g. HACS plus a manual resource) must not throw.
  if (!customElements.get(info.type)) customElements.define(info.type, element);
  window.customCards = window.customCards ?? [];
  if (!window.customCards.some((c) => c.type === info.type)) window.customCards.push(info);
}
