import { HISTORY_CARD_INFO } from '../../../src/cards/history/config';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { VitalsHistoryCard } from '../../../src/cards/history/vitals-history-card';
import { assignAxes } from '../../../src/cards/history/vitals-history-card';
import { loadChartJs } from '../../../src/ui/chart/load';
import { FakeConnection, fakeHass, sleep } from '../../helpers/fake-connection';
import { datasetData, freshId, nowSec, renderHistoryCard, serveHistory, settled, timeChartOf } from './helpers';

const HOUR_S = 3600;
const shadow = (card: Element) => card.shadowRoot!;
const text = (card: Element, selector: string) => shadow(card).querySelector(selector)?.textContent?.trim();

/** Deterministic noise in [0, 1). */
function noise(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('vitals-history-card', () => {
  it('draws the series, a legend with the latest value and an accessible summary', async () => {
    const cpu = freshId('cpu');
    // Arrange
    const connection = new FakeConnection();
    const t = nowSec();
    serveHistory(connection, { [cpu]: [5, 80, 20].map((v, i) => ({ s: String(v), lu: t - 3 * HOUR_S + i * HOUR_S })) });
    connection.setState(cpu, '42', { friendly_name: 'Processor', unit_of_measurement: '%' }, t - 1);
    // Act
    const { card } = await renderHistoryCard({ entities: [cpu], title: 'CPU' }, connection);
    // Assert
    expect(text(card, '.title')).to.equal('CPU');
    expect(text(card, '.legend-name')).to.equal('Processor');
    expect(text(card, '.legend-value')).to.equal('42%');
    const data = datasetData(card, 'Processor')!;
    expect(data.map((p) => p.y)).to.deep.equal([5, 80, 20, 42]);
    const img = shadow(card).querySelector('[role="img"]')!;
    const label = img.getAttribute('aria-label')!;
    expect(label).to.contain('CPU, last 24 h');
    expect(label).to.contain('Processor: latest 42%, min 5%, max 80%');
    expect(card.chart!.options.animation).to.equal(false);
  });

  it('adds live samples as they arrive', async () => {
    const cpu = freshId('cpu');
    const connection = new FakeConnection();
    const t = nowSec();
    connection.setState(cpu, '10', { friendly_name: 'CPU', unit_of_measurement: '%' }, t - 10);
    const { card } = await renderHistoryCard({ entities: [cpu] }, connection);
    // Act
    connection.setState(cpu, '55', { friendly_name: 'CPU', unit_of_measurement: '%' }, t - 5);
    await waitUntil(() => datasetData(card, 'CPU')!.length === 2, 'live sample not drawn');
    await card.updateComplete;
    // Assert
    expect(datasetData(card, 'CPU')!.map((p) => p.y)).to.deep.equal([10, 55]);
    expect(text(card, '.legend-value')).to.equal('55%');
  });

  it('merges recorder history in front of live samples, in time order', async () => {
    const cpu = freshId('cpu');
    const connection = new FakeConnection();
    const t = nowSec();
    connection.setState(cpu, '7', { friendly_name: 'CPU' }, t - 2);
    serveHistory(connection, {
      [cpu]: [
        { s: '1', lu: t - 5 * HOUR_S },
        { s: 'unavailable', lu: t - 4 * HOUR_S },
        { s: '3', lu: t - 3 * HOUR_S },
      ],
    });
    // Act
    const { card } = await renderHistoryCard({ entities: [cpu] }, connection);
    // Assert: history first, the gap kept as a break (NaN), then the live state.
    const data = datasetData(card, 'CPU')!;
    expect(data.map((p) => p.x)).to.deep.equal([t - 5 * HOUR_S, t - 4 * HOUR_S, t - 3 * HOUR_S, t - 2].map((s) => s * 1000));
    expect(data.map((p) => p.y).slice(0, 1)).to.deep.equal([1]);
    expect(Number.isNaN(data[1].y)).to.equal(true);
    expect(data[3].y).to.equal(7);
    const request = connection.sent.find((m) => m.type === 'history/history_during_period')!;
    expect(request.entity_ids).to.deep.equal([cpu]);
  });

  it('stays small with 100,000 history samples: ≤ 2 points per pixel, extremes kept', async () => {
    const cpu = freshId('cpu');
    // Arrange: one sample a second; a spike and a dip in the part the store keeps.
    const connection = new FakeConnection();
    const t = Math.floor(nowSec());
    const n = 100_000;
    const rows = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = i === n - 5000 ? 999 : i === n - 20_000 ? -50 : 50 + 10 * Math.sin(i / 500);
      rows[i] = { s: String(v), lu: t - n + i };
    }
    serveHistory(connection, { [cpu]: rows });
    connection.setState(cpu, '50', { friendly_name: 'CPU' }, t);
    // Act
    const { card } = await renderHistoryCard({ entities: [cpu], show_anomalies: false }, connection, 320);
    card.refresh();
    await settled(card);
    // Assert
    const data = datasetData(card, 'CPU')!;
    const pixels = card.pixelWidth;
    expect(pixels).to.be.within(100, 320);
    expect(data.length).to.be.at.most(2 * pixels + 2);
    const ys = data.map((p) => p.y);
    expect(Math.max(...ys)).to.equal(999);
    expect(Math.min(...ys)).to.equal(-50);
    // Readable at 320 px: nothing sticks out of the card.
    await card.updateComplete;
    const haCard = card.shadowRoot!.querySelector('ha-card') as HTMLElement;
    expect(haCard.scrollWidth).to.be.at.most(320);
  });

  it('draws every day of a dense week (100,000 samples, more than the store keeps raw) and a band where it keeps buckets', async () => {
    // Arrange: one sample every ~6 s for 7 days; an old spike on day 1 and the current state far from the last samples
    const cpu = freshId('cpu');
    const connection = new FakeConnection();
    const t = Math.floor(nowSec());
    const week = 7 * 24 * HOUR_S;
    const n = 100_000;
    const rows = new Array(n);
    for (let i = 0; i < n; i++) rows[i] = { s: String(i === 10_000 ? 97 : 20 + 10 * Math.sin(i / 700) + (i > n - 50 ? 40 : 0)), lu: t - week + (i * week) / n };
    serveHistory(connection, { [cpu]: rows });
    connection.setState(cpu, '5.36', { friendly_name: 'CPU', unit_of_measurement: '%' }, t);
    // Act
    const { card } = await renderHistoryCard({ entities: [cpu], hours_to_show: 168, show_anomalies: false }, connection, 474);
    // Assert: the line starts at the window's start, not where the raw samples start
    const data = datasetData(card, 'CPU')!;
    const windowStart = (t - week) * 1000;
    expect(data[0].x - windowStart).to.be.below(10 * 60_000);
    expect(data.length).to.be.at.most(2 * card.pixelWidth + 2);
    // The old spike is in the band of the bucketed part
    const ranges = timeChartOf(card).ranges;
    expect(ranges).to.have.length(1);
    expect(Math.max(...ranges[0].points.map((p) => p.hi))).to.equal(97);
    expect(card.info!.rows[0].max).to.equal(97);
    // The legend shows the entity's state, not the last drawn point
    expect(text(card, '.legend-value')).to.equal('5.36%');
  });

  it('fills the width of a short, wide card (no aspect ratio of its own)', async () => {
    // Arrange
    const cpu = freshId('cpu');
    const connection = new FakeConnection();
    connection.setState(cpu, '20', { friendly_name: 'CPU' });
    // Act: a 474 px wide card whose chart area is only ~180 px high
    const { card } = await renderHistoryCard({ entities: [cpu] }, connection, 474, 250);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    // Assert
    const canvas = timeChartOf(card).shadowRoot!.querySelector('canvas')!;
    const haCard = card.shadowRoot!.querySelector('ha-card') as HTMLElement;
    const style = getComputedStyle(haCard);
    const content = haCard.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    expect(canvas.getBoundingClientRect().width / content).to.be.above(0.97);
    expect(canvas.getBoundingClientRect().height).to.be.below(content / 2); // chart.js's 2:1 would have cut the width
  });

  it('marks an injected level shift as an anomaly, at the shift', async () => {
    const cpu = freshId('cpu');
    const connection = new FakeConnection();
    const t = nowSec();
    const rnd = noise(7);
    const start = t - 12 * HOUR_S;
    const rows = Array.from({ length: 400 }, (_, i) => ({ s: String((i >= 300 ? 30 : 10) + rnd() * 2), lu: start + i * 100 }));
    serveHistory(connection, { [cpu]: rows });
    connection.setState(cpu, '31', { friendly_name: 'CPU', unit_of_measurement: '%' }, t - 1);
    // Act
    const { card } = await renderHistoryCard({ entities: [cpu] }, connection);
    // Assert
    const markers = datasetData(card, 'CPU: anomaly')!;
    expect(markers).to.have.length(1);
    // Confirmed by evidence on the 2nd or 3rd shifted sample (100 s apart).
    expect(markers[0].x).to.be.within((start + 300 * 100) * 1000, (start + 302 * 100) * 1000);
    expect(markers[0].y).to.be.above(29);
    expect(card.info!.rows[0].anomalies).to.equal(1);
    expect(shadow(card).querySelector('[role="img"]')!.getAttribute('aria-label')).to.contain('1 anomaly');
  });

  it('draws no markers with show_anomalies: false', async () => {
    const cpu = freshId('cpu');
    const connection = new FakeConnection();
    const t = nowSec();
    const rows = Array.from({ length: 400 }, (_, i) => ({ s: String(i >= 300 ? 30 : 10), lu: t - 40_000 + i * 100 }));
    serveHistory(connection, { [cpu]: rows });
    connection.setState(cpu, '30', { friendly_name: 'CPU' }, t - 1);
    const { card } = await renderHistoryCard({ entities: [cpu], show_anomalies: false }, connection);
    expect(datasetData(card, 'CPU')!.length).to.equal(401);
    expect(datasetData(card, /anomaly/)).to.equal(undefined);
  });

  it('forecasts when the trend reaches the limit and draws the dashed extrapolation', async () => {
    const disk = freshId('disk');
    // Arrange: +1 %/h for 24 h, from 40 % to 64 %: 90 % is 26 h away.
    const connection = new FakeConnection();
    const t = nowSec();
    const rows = Array.from({ length: 24 * 6 }, (_, i) => ({ s: String(40 + i / 6), lu: t - 24 * HOUR_S + i * 600 }));
    serveHistory(connection, { [disk]: rows });
    connection.setState(disk, '64', { friendly_name: 'Disk', unit_of_measurement: '%' }, t - 1);
    // Act
    const { card } = await renderHistoryCard({ entities: [disk], forecast: { limit: 90 } }, connection);
    // Assert
    expect(text(card, '.forecast')).to.match(/^Disk reaches 90% in 1 d [12] h$/);
    expect(shadow(card).querySelector('.forecast.warning')).to.exist;
    const trend = datasetData(card, 'Disk: trend')!;
    expect(trend).to.have.length(2);
    expect(trend[0].y).to.be.closeTo(64, 0.5);
    expect(trend[1].x).to.be.above(trend[0].x);
    expect(trend[1].y).to.be.above(trend[0].y);
    const ds = card.chart!.data.datasets.find((d) => d.label === 'Disk: trend')!;
    expect(ds.borderDash).to.deep.equal([6, 4]);
    // The limit is kept in view.
    expect(card.chart!.scales.y.max).to.be.at.least(90);
  });

  it('says so when the trend is not heading for the limit', async () => {
    const disk = freshId('disk');
    const connection = new FakeConnection();
    const t = nowSec();
    const rows = Array.from({ length: 24 * 6 }, (_, i) => ({ s: String(80 - i / 6), lu: t - 24 * HOUR_S + i * 600 }));
    serveHistory(connection, { [disk]: rows });
    connection.setState(disk, '56', { friendly_name: 'Disk', unit_of_measurement: '%' }, t - 1);
    const { card } = await renderHistoryCard({ entities: [disk], forecast: 90 }, connection);
    expect(text(card, '.forecast')).to.equal('Disk is not heading for 90% (−24 %/d)');
    expect(shadow(card).querySelector('.forecast.warning, .forecast.error')).to.equal(null);
  });

  it('draws the previous period shifted onto the current one', async () => {
    const cpu = freshId('cpu');
    const connection = new FakeConnection();
    const t = nowSec();
    serveHistory(connection, {
      [cpu]: [
        { s: '77', lu: t - 30 * HOUR_S },
        { s: '33', lu: t - 6 * HOUR_S },
      ],
    });
    connection.setState(cpu, '34', { friendly_name: 'CPU' }, t - 1);
    // Act
    const { card } = await renderHistoryCard({ entities: [cpu], compare: '1d', show_anomalies: false }, connection);
    // Assert: the history request covers both periods; the sample of 30 h ago appears 6 h ago.
    const request = connection.sent.find((m) => m.type === 'history/history_during_period')!;
    expect(Date.parse(request.start_time as string)).to.be.at.most((t - 48 * HOUR_S) * 1000);
    const previous = datasetData(card, 'CPU (1 d earlier)')!;
    expect(previous.find((p) => p.y === 77)?.x).to.equal((t - 6 * HOUR_S) * 1000);
    const ds = card.chart!.data.datasets.find((d) => d.label === 'CPU (1 d earlier)')!;
    expect(String(ds.borderColor)).to.match(/^rgba\(.*0\.35\)$/);
    // The current line: the sample before the window (so the line enters from the edge), then the window.
    expect(datasetData(card, 'CPU')!.map((p) => p.y)).to.deep.equal([77, 33, 34]);
  });

  it('puts a second unit on the right axis and keeps thresholds in view', async () => {
    const cpu = freshId('cpu');
    const ram = freshId('ram');
    const connection = new FakeConnection();
    connection.setState(cpu, '20', { friendly_name: 'CPU', unit_of_measurement: '%' });
    connection.setState(ram, '512', { friendly_name: 'RAM', unit_of_measurement: 'MB' });
    const { card } = await renderHistoryCard(
      { entities: [cpu, { entity: ram, color: '#123456' }], thresholds: [{ value: 80, label: 'high' }, { value: 95 }] },
      connection,
    );
    const [cpuSet, ramSet] = card.chart!.data.datasets;
    expect(cpuSet.yAxisID).to.equal('y');
    expect(ramSet.yAxisID).to.equal('y1');
    expect(ramSet.borderColor).to.equal('#123456');
    expect(card.chart!.options.scales!.y1!.display).to.equal(true);
    expect(card.chart!.scales.y.max).to.be.at.least(95);
  });

  it('draws a threshold on the right axis when it says so, in that axis\'s unit, and falls back to the left without one', async () => {
    // Arrange
    const cpu = freshId('cpu');
    const ram = freshId('ram');
    const connection = new FakeConnection();
    connection.setState(cpu, '20', { friendly_name: 'CPU', unit_of_measurement: '%' });
    connection.setState(ram, '512', { friendly_name: 'RAM', unit_of_measurement: 'MB' });
    const thresholds = [{ value: 80, label: 'cpu high' }, { value: 3000, label: 'ram high', y_axis: 'right' }];
    // Act
    const { card } = await renderHistoryCard({ entities: [cpu, ram], thresholds }, connection);
    const { card: single } = await renderHistoryCard({ entities: [cpu], thresholds: [{ value: 90, y_axis: 'right' }] }, connection);
    // Assert
    const bands = timeChartOf(card).thresholds;
    expect(bands.map((b) => [b.value, b.scaleId])).to.deep.equal([[80, 'y'], [3000, 'y1']]);
    expect(bands[0].color).to.equal(bands[1].color);
    expect(card.chart!.scales.y1.max).to.be.at.least(3000);
    expect(card.chart!.scales.y.max).to.be.below(3000);
    expect(timeChartOf(single).thresholds[0].scaleId).to.equal('y');
  });

  it('zooms and pans with its buttons and the Ctrl+wheel, and resets to the live window', async () => {
    const cpu = freshId('cpu');
    const connection = new FakeConnection();
    connection.setState(cpu, '20', { friendly_name: 'CPU' });
    const { card } = await renderHistoryCard({ entities: [cpu], hours_to_show: 24 }, connection);
    const button = (label: string) => shadow(card).querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!;
    const span = () => card.chart!.scales.x.max - card.chart!.scales.x.min;
    expect(span()).to.be.closeTo(24 * 3_600_000, 1000);
    expect(button('Reset zoom').disabled).to.equal(true);
    // Act: zoom in, then pan earlier
    button('Zoom in').click();
    await settled(card);
    expect(span()).to.be.closeTo(12 * 3_600_000, 1000);
    const before = card.chart!.scales.x.min;
    button('Earlier').click();
    await settled(card);
    expect(card.chart!.scales.x.min).to.be.closeTo(before - 3 * 3_600_000, 1000);
    button('Later').click();
    await settled(card);
    expect(card.chart!.scales.x.min).to.be.closeTo(before, 1000);
    // Ctrl + wheel zooms further; a plain wheel does not.
    const wrap = timeChartOf(card).shadowRoot!.querySelector('.wrap')!;
    wrap.dispatchEvent(new WheelEvent('wheel', { deltaY: 100, bubbles: true, cancelable: true }));
    await settled(card);
    expect(span()).to.be.closeTo(12 * 3_600_000, 1000);
    wrap.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, ctrlKey: true, bubbles: true, cancelable: true }));
    await settled(card);
    expect(span()).to.be.closeTo(0.8 * 12 * 3_600_000, 1000);
    expect(shadow(card).querySelector('[role="img"]')!.getAttribute('aria-label')).to.contain('zoomed');
    // Reset
    button('Reset zoom').click();
    await settled(card);
    expect(span()).to.be.closeTo(24 * 3_600_000, 1000);
    expect(button('Reset zoom').disabled).to.equal(true);
    button('Zoom in').click();
    await settled(card);
    button('Zoom out').click();
    await settled(card);
    expect(span()).to.be.closeTo(24 * 3_600_000, 1000);
  });

  it('pans by dragging when zoomed', async () => {
    const cpu = freshId('cpu');
    const connection = new FakeConnection();
    connection.setState(cpu, '20', { friendly_name: 'CPU' });
    const { card } = await renderHistoryCard({ entities: [cpu] }, connection);
    card.zoom(0.25);
    await settled(card);
    const wrap = timeChartOf(card).shadowRoot!.querySelector('.wrap')!;
    const min = card.chart!.scales.x.min;
    const span = card.chart!.scales.x.max - min;
    // Act: drag half the plot width to the right = earlier by half the span.
    wrap.dispatchEvent(new PointerEvent('pointerdown', { pointerId: 1, clientX: 300, button: 0, bubbles: true }));
    wrap.dispatchEvent(new PointerEvent('pointermove', { pointerId: 1, clientX: 300 + card.pixelWidth / 2, bubbles: true }));
    wrap.dispatchEvent(new PointerEvent('pointerup', { pointerId: 1, bubbles: true }));
    card.refresh();
    await settled(card);
    // Assert
    expect(card.chart!.scales.x.min).to.be.closeTo(min - span / 2, 60_000);
  });

  it('destroys its chart when removed and creates a new one when added again', async () => {
    const cpu = freshId('cpu');
    const connection = new FakeConnection();
    connection.setState(cpu, '20', { friendly_name: 'CPU' });
    const { card, wrapper } = await renderHistoryCard({ entities: [cpu] }, connection);
    const { Chart } = await loadChartJs();
    const canvas = timeChartOf(card).shadowRoot!.querySelector('canvas')!;
    const first = card.chart!;
    expect(Chart.getChart(canvas)).to.equal(first);
    // Act
    card.remove();
    // Assert
    expect(card.chart).to.equal(undefined);
    expect(Chart.getChart(canvas)).to.equal(undefined);
    const { storeFor } = await import('../../../src/ha/store');
    expect(storeFor(connection as never).watchedIds).to.not.include(cpu);
    // Re-attach
    wrapper.appendChild(card);
    await waitUntil(() => card.chart !== undefined, 'chart not re-created');
    expect(card.chart).to.not.equal(first);
    expect(Chart.getChart(canvas)).to.equal(card.chart);
  });

  it('does not create a chart when removed before chart.js finished loading', async () => {
    const cpu = freshId('cpu');
    const connection = new FakeConnection();
    const card = document.createElement('vitals-history-card') as VitalsHistoryCard;
    card.setConfig({ entities: [cpu] });
    card.hass = fakeHass(connection);
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 300px"></div>`);
    wrapper.appendChild(card);
    await card.updateComplete;
    card.remove();
    await sleep(50);
    expect(card.chart).to.equal(undefined);
  });

  it('shows "No data yet", "Unavailable" and "Reconnecting…"', async () => {
    const cpu = freshId('cpu');
    const none = freshId('none');
    const connection = new FakeConnection();
    const { card } = await renderHistoryCard({ entities: [none] }, connection);
    expect(text(card, '.message')).to.equal('No data yet');
    // Unavailable entity
    const c2 = new FakeConnection();
    c2.setState(cpu, 'unavailable', { friendly_name: 'CPU' });
    const { card: card2 } = await renderHistoryCard({ entities: [cpu] }, c2);
    expect(text(card2, '.message')).to.equal('Unavailable');
    // Reconnecting
    c2.emit('disconnected');
    await waitUntil(() => text(card2, '.status') === 'Reconnecting…', 'no reconnecting state');
    c2.emit('ready');
    await waitUntil(() => !shadow(card2).querySelector('.status'), 'reconnecting state stuck');
  });

  it('renders entity names as text, never as HTML', async () => {
    const cpu = freshId('cpu');
    const connection = new FakeConnection();
    connection.setState(cpu, '1', { friendly_name: '<img src=x onerror=alert(1)>' });
    const { card } = await renderHistoryCard({ entities: [cpu] }, connection);
    expect(shadow(card).querySelector('img')).to.equal(null);
    expect(text(card, '.legend-name')).to.equal('<img src=x onerror=alert(1)>');
  });

  it('follows a new connection (frontend reload) to its store', async () => {
    const cpu = freshId('cpu');
    const first = new FakeConnection();
    first.setState(cpu, '1', { friendly_name: 'CPU' });
    const { card } = await renderHistoryCard({ entities: [cpu] }, first);
    const second = new FakeConnection();
    serveHistory(second);
    second.setState(cpu, '2', { friendly_name: 'CPU' });
    // Act
    card.hass = fakeHass(second);
    await waitUntil(() => datasetData(card, 'CPU')?.some((p) => p.y === 2), 'new connection not used');
    // Assert
    const { storeFor } = await import('../../../src/ha/store');
    expect(storeFor(first as never).watchedIds).to.not.include(cpu);
    expect(storeFor(second as never).watchedIds).to.include(cpu);
  });

  it('reads theme colours from CSS variables', async () => {
    const cpu = freshId('cpu');
    const connection = new FakeConnection();
    connection.setState(cpu, '1', { friendly_name: 'CPU' });
    const wrapper = await fixture<HTMLDivElement>(html`<div style="--primary-color: #00ff00; width: 300px; height: 250px; display:flex"></div>`);
    serveHistory(connection);
    const card = document.createElement('vitals-history-card') as VitalsHistoryCard;
    card.setConfig({ entities: [cpu] });
    card.hass = fakeHass(connection);
    wrapper.appendChild(card);
    await waitUntil(() => card.chart !== undefined);
    await sleep(80);
    card.refresh();
    await settled(card);
    expect(card.chart!.data.datasets[0].borderColor).to.equal('#00ff00');
  });

  it('offers sizes, a stub config from real sensors and a lazily loaded editor', async () => {
    const Card = customElements.get('vitals-history-card') as unknown as typeof VitalsHistoryCard;
    const card = new Card();
    expect(card.getCardSize()).to.equal(5);
    expect(card.getGridOptions()).to.include({ columns: 12, rows: 'auto', min_rows: 4 });
    expect(card.getLayoutOptions()).to.include({ grid_columns: 4, grid_rows: 4 });
    const stub = Card.getStubConfig({
      states: { 'sensor.text': { state: 'on' }, 'sensor.memory_use_percent': { state: '40' }, 'sensor.processor_use': { state: '3' } },
    } as never);
    expect(stub).to.deep.equal({ entities: ['sensor.processor_use', 'sensor.memory_use_percent'], hours_to_show: 24 });
    expect(Card.getStubConfig({ states: {} } as never)).to.deep.equal({ entities: ['sensor.processor_use'], hours_to_show: 24 });
    const editor = await Card.getConfigElement();
    expect(editor.tagName.toLowerCase()).to.equal('vitals-history-card-editor');
    const entry = HISTORY_CARD_INFO;
    expect(entry).to.include({ preview: true, name: 'Vitals history' });
    expect(entry!.documentationURL).to.match(/^https:\/\//);
  });

  it('assigns axes by unit unless told', () => {
    expect(assignAxes([{ unit: '%' }, { unit: 'MB' }, { unit: '%' }, { unit: 'ms' }])).to.deep.equal(['left', 'right', 'left', 'left']);
    expect(assignAxes([{ unit: '%', y_axis: 'right' }, { unit: 'MB' }, { unit: '%' }])).to.deep.equal(['right', 'left', 'right']);
  });
});
