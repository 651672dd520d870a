/**
 * The seven cards as the entry module knows them: what the card picker lists, how a config is
 * checked, the sections-view sizes, and where the card's code is. Only this (configs and their
 * checks) is loaded with `ha-vitals.js`; each card's code is fetched when a dashboard uses it.
 */
import type { LazyCardSpec } from './lazy-card';
import { AI_CARD_INFO, AI_CARD_TYPE, aiCardLayout, parseAiCardConfig } from './ai/config';
import { ALERTS_CARD_INFO, ALERTS_CARD_TYPE, alertsCardLayout, parseAlertsCardConfig } from './alerts/config';
import { HISTORY_CARD_INFO, HISTORY_CARD_TYPE, historyCardLayout, parseHistoryCardConfig } from './history/config';
import { METRIC_CARD_INFO, METRIC_CARD_TYPE, metricCardLayout, parseMetricCardConfig } from './metric/config';
import { OVERVIEW_CARD_INFO, OVERVIEW_CARD_TYPE, overviewCardLayout, parseOverviewCardConfig } from './overview/config';
import { SYSTEM_CARD_INFO, SYSTEM_CARD_TYPE, parseSystemCardConfig, systemCardLayout } from './system/config';
import { UX_CARD_INFO, UX_CARD_TYPE, parseUxCardConfig, uxCardLayout } from './ux/config';

export interface CustomCardEntry {
  type: string;
  name: string;
  description: string;
  preview?: boolean;
  documentationURL?: string;
}

export interface CatalogEntry extends LazyCardSpec {
  info: CustomCardEntry;
}

export const CATALOG: readonly CatalogEntry[] = [
  {
    tag: METRIC_CARD_TYPE,
    info: METRIC_CARD_INFO,
    parse: parseMetricCardConfig,
    layout: metricCardLayout,
    cardSize: 3,
    load: () => import('./metric/vitals-metric-card').then((m) => m.VitalsMetricCard),
  },
  {
    tag: HISTORY_CARD_TYPE,
    info: HISTORY_CARD_INFO,
    parse: parseHistoryCardConfig,
    layout: historyCardLayout,
    cardSize: 5,
    load: () => import('./history/vitals-history-card').then((m) => m.VitalsHistoryCard),
  },
  {
    tag: SYSTEM_CARD_TYPE,
    info: SYSTEM_CARD_INFO,
    parse: parseSystemCardConfig,
    layout: systemCardLayout,
    cardSize: 5,
    load: () => import('./system/vitals-system-card').then((m) => m.VitalsSystemCard),
  },
  {
    tag: UX_CARD_TYPE,
    info: UX_CARD_INFO,
    parse: parseUxCardConfig,
    layout: uxCardLayout,
    cardSize: 5,
    load: () => import('./ux/vitals-ux-card').then((m) => m.VitalsUxCard),
  },
  {
    tag: AI_CARD_TYPE,
    info: AI_CARD_INFO,
    parse: parseAiCardConfig,
    layout: aiCardLayout,
    cardSize: 8,
    load: () => import('./ai/vitals-ai-card').then((m) => m.VitalsAiCard),
  },
  {
    tag: ALERTS_CARD_TYPE,
    info: ALERTS_CARD_INFO,
    parse: parseAlertsCardConfig,
    layout: alertsCardLayout,
    cardSize: 4,
    load: () => import('./alerts/vitals-alerts-card').then((m) => m.VitalsAlertsCard),
  },
  {
    tag: OVERVIEW_CARD_TYPE,
    info: OVERVIEW_CARD_INFO,
    parse: parseOverviewCardConfig,
    layout: overviewCardLayout,
    cardSize: 4,
    load: () => import('./overview/vitals-overview-card').then((m) => m.VitalsOverviewCard),
  },
];
