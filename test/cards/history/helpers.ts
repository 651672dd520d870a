import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../helpers/define-cards';
import type { VitalsHistoryCard } from '../../../src/cards/history/vitals-history-card';
import type { VitalsTimeChart } from '../../../src/ui/chart/time-chart';
import { FakeConnection, fakeHass, sleep } from '../../helpers/fake-connection';
import { serveHistory, waitForHistory } from '../shared/helpers';

export { freshId, nowSec, serveHistory } from '../shared/helpers';

export async function renderHistoryCard(config: Record<string, unknown>, connection = new FakeConnection(), width = 400, height = 300) {
  if (!connection.responders.has('history/history_during_period')) serveHistory(connection);
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width}px; height: ${height}px; display: flex; flex-direction: column"></div>`);
  const card = document.createElement('vitals-history-card') as VitalsHistoryCard;
  card.style.flex = '1';
  card.setConfig({ type: 'custom:vitals-history-card', ...config });
  card.hass = fakeHass(connection);
  wrapper.appendChild(card);
  await waitUntil(() => card.chart !== undefined, 'chart was not created', { timeout: 5000 });
  await sleep(60); // subscription batch (50 ms)
  await waitForHistory(connection);
  card.refresh();
  await settled(card);
  return { card, connection, wrapper };
}

/** The card's `<vitals-time-chart>` (which owns chart.js). */
export function timeChartOf(card: VitalsHistoryCard): VitalsTimeChart {
  return card.shadowRoot!.querySelector<VitalsTimeChart>('vitals-time-chart')!;
}

/** After a change: the card rendered and its chart element handed the result to chart.js. */
export async function settled(card: VitalsHistoryCard): Promise<void> {
  await card.updateComplete;
  await timeChartOf(card)?.updateComplete;
}

/** Points of the dataset with `label` that chart.js was given. */
export function datasetData(card: VitalsHistoryCard, label: string | RegExp) {
  const ds = card.chart!.data.datasets.find((d) => (typeof label === 'string' ? d.label === label : label.test(d.label ?? '')));
  return ds?.data as { x: number; y: number }[] | undefined;
}

