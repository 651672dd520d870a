/**
 * For tests of the cards themselves: the seven Lit card classes defined under their public tags,
 * as the lazily loaded code is (the entry module defines light wrappers instead; its own tests are
 * in test/cards/lazy-card.test.ts). Each test file runs in its own page, so this never meets the
 * entry's definitions.
 */
import { VitalsAiCard } from '../../src/cards/ai/vitals-ai-card';
import { VitalsAlertsCard } from '../../src/cards/alerts/vitals-alerts-card';
import { VitalsHistoryCard } from '../../src/cards/history/vitals-history-card';
import { VitalsMetricCard } from '../../src/cards/metric/vitals-metric-card';
import { VitalsOverviewCard } from '../../src/cards/overview/vitals-overview-card';
import { VitalsSystemCard } from '../../src/cards/system/vitals-system-card';
import { VitalsUxCard } from '../../src/cards/ux/vitals-ux-card';

const cards: [string, CustomElementConstructor][] = [
  ['vitals-metric-card', VitalsMetricCard],
  ['vitals-history-card', VitalsHistoryCard],
  ['vitals-system-card', VitalsSystemCard],
  ['vitals-ux-card', VitalsUxCard],
  ['vitals-ai-card', VitalsAiCard],
  ['vitals-alerts-card', VitalsAlertsCard],
  ['vitals-overview-card', VitalsOverviewCard],
];
for (const [tag, element] of cards) if (!customElements.get(tag)) customElements.define(tag, element);
