import { expect, fixture, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../helpers/define-cards';
import { METRIC_CARD_INFO } from '../../../src/cards/metric/config';
import type { VitalsMetricCard } from '../../../src/cards/metric/vitals-metric-card';
import { parseMetricCardConfig } from '../../../src/cards/metric/config';
import { FakeConnection, fakeHass, sleep } from '../../helpers/fake-connection';

async function renderCard(config: Record<string, unknown>, connection = new FakeConnection()) {
  const card = (await fixture(html`<vitals-metric-card></vitals-metric-card>`)) as VitalsMetricCard;
  card.setConfig(config);
  card.hass = fakeHass(connection);
  await sleep(80); // the store batches subscriptions for 50 ms
  await card.updateComplete;
  return { card, connection };
}

const text = (card: Element, selector: string) => card.shadowRoot!.querySelector(selector)?.textContent?.trim();

describe('vitals-metric-card', () => {
  it('shows the name, the current value and its unit', async () => {
    // Arrange
    const connection = new FakeConnection();
    connection.setState('sensor.cpu', '42.5', { friendly_name: 'Processor use', unit_of_measurement: '%' });
    // Act
    const { card } = await renderCard({ type: 'custom:vitals-metric-card', entity: 'sensor.cpu' }, connection);
    // Assert
    expect(text(card, '.name')).to.equal('Processor use');
    expect(text(card, '.value')).to.equal('42.5');
    expect(text(card, '.unit')).to.equal('%');
    expect(card.shadowRoot!.querySelector('ha-card')).to.exist;
  });

  it('updates live and draws a sparkline of the values seen since load', async () => {
    const connection = new FakeConnection();
    connection.setState('sensor.cpu', '10', { unit_of_measurement: '%' }, 1);
    const { card } = await renderCard({ type: 'custom:vitals-metric-card', entity: 'sensor.cpu' }, connection);
    // Act
    connection.setState('sensor.cpu', '30', { unit_of_measurement: '%' }, 2);
    connection.setState('sensor.cpu', '20', { unit_of_measurement: '%' }, 3);
    await card.updateComplete;
    // Assert
    expect(text(card, '.value')).to.equal('20');
    const path = card.shadowRoot!.querySelector('svg.sparkline path');
    expect(path?.getAttribute('d')).to.match(/^M.*L.*L/);
  });

  it('uses the configured name and decimals', async () => {
    const connection = new FakeConnection();
    connection.setState('sensor.cpu', '42.5678', { friendly_name: 'CPU' });
    const { card } = await renderCard({ type: 'custom:vitals-metric-card', entity: 'sensor.cpu', name: 'Load', decimals: 1 }, connection);
    expect(text(card, '.name')).to.equal('Load');
    expect(text(card, '.value')).to.equal('42.6');
  });

  it('shows an unavailable entity as such, with no unit and no crash', async () => {
    const connection = new FakeConnection();
    connection.setState('sensor.cpu', 'unavailable', { unit_of_measurement: '%' });
    const { card } = await renderCard({ type: 'custom:vitals-metric-card', entity: 'sensor.cpu' }, connection);
    expect(text(card, '.value')).to.equal('unavailable');
    expect(card.shadowRoot!.querySelector('.unit')).to.equal(null);
    expect(card.shadowRoot!.querySelector('.reading.unavailable')).to.exist;
  });

  it('shows a placeholder until the first state arrives', async () => {
    const { card } = await renderCard({ type: 'custom:vitals-metric-card', entity: 'sensor.not_yet' });
    expect(text(card, '.value')).to.equal('—');
    expect(text(card, '.name')).to.equal('sensor.not_yet');
  });

  it('stops watching when removed from the page', async () => {
    const connection = new FakeConnection();
    connection.setState('sensor.cpu', '1');
    const { card } = await renderCard({ type: 'custom:vitals-metric-card', entity: 'sensor.cpu' }, connection);
    // Act
    card.remove();
    // Assert: the store no longer counts this card as a watcher.
    const { storeFor } = await import('../../../src/ha/store');
    expect(storeFor(connection as never).watchedIds).to.not.include('sensor.cpu');
  });

  it('renders entity names as text, never as HTML', async () => {
    const connection = new FakeConnection();
    connection.setState('sensor.cpu', '1', { friendly_name: '<img src=x onerror=alert(1)>' });
    const { card } = await renderCard({ type: 'custom:vitals-metric-card', entity: 'sensor.cpu' }, connection);
    expect(card.shadowRoot!.querySelector('img')).to.equal(null);
    expect(text(card, '.name')).to.equal('<img src=x onerror=alert(1)>');
  });

  it('offers sizes for masonry and both sections-view APIs, and a stub config from real sensors', () => {
    const Card = customElements.get('vitals-metric-card') as unknown as typeof VitalsMetricCard;
    const card = new Card();
    expect(card.getCardSize()).to.equal(3);
    expect(card.getGridOptions()).to.include({ columns: 6, rows: 3 });
    expect(card.getLayoutOptions()).to.include({ grid_columns: 2, grid_rows: 2 });
    const stub = Card.getStubConfig({
      states: { 'sensor.a_text': { state: 'on' }, 'sensor.memory_use': { state: '40' }, 'sensor.processor_use': { state: '3' } },
    } as never);
    expect(stub).to.deep.equal({ entity: 'sensor.processor_use' });
  });

  it('is registered for the card picker with a preview', () => {
    const entry = METRIC_CARD_INFO;
    expect(entry).to.include({ preview: true, name: 'Vitals metric' });
  });
});

describe('vitals-metric-card statistics, thresholds and alerts', () => {
  it('shows a statistic over its window with the rolling stats line', async () => {
    // Arrange: five samples 10 s apart, 10..50.
    const connection = new FakeConnection();
    const t0 = Date.now() / 1000 - 100;
    connection.setState('sensor.lat', '10', { unit_of_measurement: 'ms' }, t0);
    const { card } = await renderCard({ type: 'custom:vitals-metric-card', entity: 'sensor.lat', stat: 'max', window: '5m' }, connection);
    // Act
    for (let i = 2; i <= 5; i++) connection.setState('sensor.lat', String(i * 10), { unit_of_measurement: 'ms' }, t0 + i * 10);
    await card.updateComplete;
    // Assert
    expect(text(card, '.value')).to.equal('50');
    expect(text(card, '.stat')).to.equal('maximum · 5 min');
    expect(text(card, '.stats')!.replace(/\s+/g, ' ')).to.equal('min 10 avg 30 p95 48 max 50');
  });

  it('colours the card by the worst threshold crossed, including thresholds read from entities', async () => {
    const connection = new FakeConnection();
    connection.setState('sensor.cpu', '85', {}, 1);
    connection.setState('input_number.cpu_critical', '80', {}, 1);
    const { card } = await renderCard(
      { type: 'custom:vitals-metric-card', entity: 'sensor.cpu', thresholds: [{ value: 70, severity: 'warning' }, { value: 'input_number.cpu_critical', severity: 'critical' }] },
      connection,
    );
    expect(card.shadowRoot!.querySelector('ha-card')!.classList.contains('severity-critical')).to.equal(true);
    expect(text(card, '.badge')).to.equal('critical');
    // The critical limit moves above the value: only the warning remains.
    connection.setState('input_number.cpu_critical', '90', {}, 2);
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('ha-card')!.classList.contains('severity-warning')).to.equal(true);
  });

  it('treats lower values as worse when direction is below', async () => {
    const connection = new FakeConnection();
    connection.setState('sensor.disk_free', '5', {}, 1);
    const { card } = await renderCard({ type: 'custom:vitals-metric-card', entity: 'sensor.disk_free', direction: 'below', thresholds: [{ value: 10 }] }, connection);
    expect(card.shadowRoot!.querySelector('ha-card')!.classList.contains('severity-warning')).to.equal(true);
  });

  it('colours the card by a firing alert of its own rules', async () => {
    const connection = new FakeConnection();
    connection.setState('sensor.cpu', '95', {}, Date.now() / 1000);
    const { card } = await renderCard(
      { type: 'custom:vitals-metric-card', entity: 'sensor.cpu', alerts: [{ name: 'hot', type: 'threshold', above: 90, severity: 'critical' }] },
      connection,
    );
    const { storeFor } = await import('../../../src/ha/store');
    const { alertHubFor } = await import('../../../src/ha/alert-hub');
    const hub = alertHubFor(storeFor(connection as never));
    // The engine is loaded on demand and warms up on the entity's history first.
    for (let k = 0; k < 40 && !hub.alerts().some((a) => a.seriesId === 'sensor.cpu' && a.state === 'firing'); k++) {
      await sleep(50);
      await hub.evaluate();
    }
    await card.updateComplete;
    expect(hub.alerts().find((a) => a.seriesId === 'sensor.cpu')!.state).to.equal('firing');
    expect(card.shadowRoot!.querySelector('ha-card')!.classList.contains('severity-critical')).to.equal(true);
  });

  it('opens a visual editor that round-trips the config through ha-form', async () => {
    // Arrange
    const Card = customElements.get('vitals-metric-card') as unknown as typeof VitalsMetricCard;
    const editor = (await Card.getConfigElement()) as LitElement & { setConfig(c: unknown): void };
    editor.setConfig({ type: 'custom:vitals-metric-card', entity: 'sensor.cpu', thresholds: [{ value: 80 }] });
    (await fixture(html`<div></div>`)).appendChild(editor);
    await editor.updateComplete;
    const form = editor.shadowRoot!.querySelector('ha-form') as HTMLElement & { data: Record<string, unknown> };
    let saved: Record<string, unknown> | undefined;
    editor.addEventListener('config-changed', (e) => (saved = (e as CustomEvent).detail.config));
    // Act
    form.dispatchEvent(new CustomEvent('value-changed', { detail: { value: { ...form.data, stat: 'p95', name: '' } }, bubbles: true, composed: true }));
    // Assert
    expect(form.data.window).to.equal('5m');
    expect(saved).to.deep.include({ entity: 'sensor.cpu', stat: 'p95', thresholds: [{ value: 80 }] });
    expect(saved).to.not.have.property('name');
    // Defaults the form showed but the user did not change are not written into the config.
    expect(saved).to.not.have.property('window');
    expect(saved).to.not.have.property('show_stats');
  });
});

describe('metric card config', () => {
  const cases: [unknown, RegExp][] = [
    [undefined, /expected a card configuration \(a mapping\)/],
    [{ type: 'x' }, /entity: required/],
    [{ entity: 'not an id' }, /entity: expected an entity id like "sensor.cpu", got "not an id"/],
    [{ entity: 'sensor.a', name: 5 }, /name: expected non-empty text, got 5/],
    [{ entity: 'sensor.a', stat: 'p96' }, /stat: expected one of .*got "p96"; did you mean/],
    [{ entity: 'sensor.a', window: 'soon' }, /window: expected a duration like "30s", got "soon"/],
    [{ entity: 'sensor.a', thresholds: [{ value: 'high' }] }, /thresholds\[0\].value: expected a number or an entity id/],
    [{ entity: 'sensor.a', alerts: [{ name: 'x', type: 'threshold', above: 1, for: 'soon' }] }, /alerts\[0\].for: expected a duration/],
    [{ entity: 'sensor.a', decimals: -1 }, /decimals: expected a whole number/],
    [{ entity: 'sensor.a', colour: 'red' }, /colour: unknown key/],
    [{ entity: 'sensor.a', decimal: 2 }, /decimal: unknown key; did you mean "decimals"/],
  ];
  for (const [input, message] of cases) {
    it(`rejects ${JSON.stringify(input)} with a message naming the key`, () => {
      expect(() => parseMetricCardConfig(input)).to.throw(message);
    });
  }

  it('accepts the keys Home Assistant adds to card configs', () => {
    const config = parseMetricCardConfig({ type: 'custom:vitals-metric-card', entity: 'sensor.a', grid_options: { columns: 6 }, visibility: [] });
    expect(config.entity).to.equal('sensor.a');
  });
});

describe('vitals-metric-card in the user\'s locale', () => {
  const german = { language: 'de', locale: { language: 'de', number_format: 'language', time_format: '12', time_zone: 'server' }, config: { time_zone: 'UTC' } };

  it('writes the value with a decimal comma and HA\'s unit spacing for a German user', async () => {
    // Arrange
    const connection = new FakeConnection();
    connection.setState('sensor.cpu', '12.5', { friendly_name: 'CPU', unit_of_measurement: '%' });
    const card = (await fixture(html`<vitals-metric-card></vitals-metric-card>`)) as VitalsMetricCard;
    card.setConfig({ type: 'custom:vitals-metric-card', entity: 'sensor.cpu' });
    // Act
    card.hass = fakeHass(connection, german) as never;
    await sleep(80);
    await card.updateComplete;
    // Assert
    expect(card.shadowRoot!.querySelector('.reading')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('12,5 %');
  });

  it('keeps the state\'s own precision, or the entity\'s display precision when set, and no space before % in English', async () => {
    // Arrange
    const connection = new FakeConnection();
    connection.setState('sensor.cpu', '12.50', { unit_of_measurement: '%' });
    connection.setState('sensor.mem', '12.5', { unit_of_measurement: '%' });
    const make = async (entity: string, extra: Record<string, unknown>) => {
      const card = (await fixture(html`<vitals-metric-card></vitals-metric-card>`)) as VitalsMetricCard;
      card.setConfig({ type: 'custom:vitals-metric-card', entity });
      card.hass = fakeHass(connection, extra) as never;
      await sleep(80);
      await card.updateComplete;
      return card.shadowRoot!.querySelector('.reading')!.textContent!.replace(/\s+/g, ' ').trim();
    };
    // Act
    const asWritten = await make('sensor.cpu', {});
    const withPrecision = await make('sensor.mem', { entities: { 'sensor.mem': { display_precision: 0 } } });
    // Assert
    expect(asWritten).to.equal('12.50%');
    expect(withPrecision).to.equal('13%');
  });

  it('opens more-info for its entity when tapped (Home Assistant\'s hass-action)', async () => {
    // Arrange
    const connection = new FakeConnection();
    connection.setState('sensor.cpu', '12.5', { unit_of_measurement: '%' });
    const { card } = await renderCard({ type: 'custom:vitals-metric-card', entity: 'sensor.cpu' }, connection);
    const fired: { action: string; config: { entity?: string } }[] = [];
    card.addEventListener('hass-action', (e) => fired.push((e as CustomEvent).detail));
    // Act
    (card.shadowRoot!.querySelector('ha-card') as HTMLElement).click();
    // Assert
    expect(fired).to.have.length(1);
    expect(fired[0].action).to.equal('tap');
    expect(fired[0].config.entity).to.equal('sensor.cpu');
  });

  it('mirrors for a right-to-left language', async () => {
    // Arrange
    const connection = new FakeConnection();
    connection.setState('sensor.cpu', '12.5', { unit_of_measurement: '%' });
    const card = (await fixture(html`<vitals-metric-card></vitals-metric-card>`)) as VitalsMetricCard;
    card.setConfig({ type: 'custom:vitals-metric-card', entity: 'sensor.cpu' });
    // Act
    card.hass = fakeHass(connection, { language: 'he', locale: { language: 'he', number_format: 'language', time_format: 'language', time_zone: 'local' } }) as never;
    await sleep(80);
    await card.updateComplete;
    // Assert: the value starts at the right edge
    const cardBox = card.getBoundingClientRect();
    const name = card.shadowRoot!.querySelector('.value')!.getBoundingClientRect();
    expect(card.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(card.shadowRoot!.querySelector('.header')!).direction).to.equal('rtl');
    expect(cardBox.right - name.right).to.be.lessThan(name.left - cardBox.left);
  });
});
