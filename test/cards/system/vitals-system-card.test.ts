import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../helpers/define-cards';
import { SYSTEM_CARD_INFO } from '../../../src/cards/system/config';
import type { VitalsSystemCard } from '../../../src/cards/system/vitals-system-card';
import { discoverSystemEntities, parseSystemCardConfig } from '../../../src/cards/system/config';
import { FakeConnection, fakeHass, sleep } from '../../helpers/fake-connection';
import { freshId, nowSec, rowsOf, serveHistory, waitForHistory, type HistoryRows } from '../shared/helpers';

const HOUR_S = 3600;

async function renderSystemCard(config: Record<string, unknown>, connection: FakeConnection, history: HistoryRows = {}, width = 320) {
  serveHistory(connection, history);
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width}px"></div>`);
  const card = document.createElement('vitals-system-card') as VitalsSystemCard;
  card.setConfig({ type: 'custom:vitals-system-card', ...config });
  card.hass = fakeHass(connection);
  wrapper.appendChild(card);
  await sleep(60); // subscription batch
  await waitForHistory(connection, history);
  card.refresh();
  await card.updateComplete;
  return { card, wrapper };
}

const row = (card: Element, key: string) => card.shadowRoot!.querySelector(`.row.${key}`)!;
const text = (el: Element, selector: string) => el.querySelector(selector)?.textContent?.trim();

describe('vitals-system-card', () => {
  it('shows each configured resource with value, unit, sparkline and trend, in a fixed order', async () => {
    // Arrange
    const connection = new FakeConnection();
    const t = nowSec();
    const cpu = freshId('processor_use');
    const load = freshId('load_1m');
    connection.setState(cpu, '12.5', { unit_of_measurement: '%' }, t - 1);
    connection.setState(load, '0.42', {}, t - 1);
    const history = { [cpu]: rowsOf(48, t - 24 * HOUR_S, 1800, (i) => 10 + (i % 3)) };
    // Act
    const { card } = await renderSystemCard({ entities: { load, cpu: { entity: cpu, name: 'Processor' } } }, connection, history);
    // Assert
    const names = [...card.shadowRoot!.querySelectorAll('.row .name')].map((n) => n.textContent);
    expect(names).to.deep.equal(['Processor', 'Load']);
    expect(text(row(card, 'cpu'), '.value')).to.equal('12.5%');
    expect(text(row(card, 'load'), '.value')).to.equal('0.42');
    expect(row(card, 'cpu').querySelector('svg.spark path')!.getAttribute('d')).to.match(/^M.*L/);
    expect(row(card, 'cpu').querySelector('.trend')!.getAttribute('aria-label')).to.equal('steady');
    expect(row(card, 'cpu').querySelector('.forecast')).to.equal(null);
    expect(card.shadowRoot!.querySelector('.title')?.textContent?.trim()).to.equal('System');
  });

  it('updates live', async () => {
    const connection = new FakeConnection();
    const cpu = freshId('cpu');
    connection.setState(cpu, '10', { unit_of_measurement: '%' }, nowSec() - 5);
    const { card } = await renderSystemCard({ entities: { cpu } }, connection);
    // Act
    connection.setState(cpu, '77', { unit_of_measurement: '%' }, nowSec());
    // Assert
    await waitUntil(() => text(row(card, 'cpu'), '.value') === '77%', 'value not updated');
  });

  it('forecasts when the disk is full, coloured by severity', async () => {
    // Arrange: +2 %/h for 24 h, 40 → 88 %: full in about 6 h (error: under a day).
    const connection = new FakeConnection();
    const t = nowSec();
    const disk = freshId('disk_use_percent_home');
    const memory = freshId('memory_use_percent');
    connection.setState(disk, '88', { unit_of_measurement: '%' }, t - 1);
    connection.setState(memory, '50', { unit_of_measurement: '%' }, t - 1);
    const history = {
      [disk]: rowsOf(144, t - 24 * HOUR_S, 600, (i) => 40 + (2 * i) / 6),
      [memory]: rowsOf(144, t - 24 * HOUR_S, 600, (i) => 50 + (i % 2)),
    };
    // Act
    const { card } = await renderSystemCard({ entities: { disk, memory } }, connection, history);
    // Assert
    expect(text(row(card, 'disk'), '.forecast')).to.match(/^full in (5|6) h( \d+ min)?$/);
    expect(row(card, 'disk').querySelector('.forecast.error')).to.exist;
    expect(row(card, 'disk').querySelector('.trend')!.getAttribute('aria-label')).to.equal('rising');
    expect(text(row(card, 'memory'), '.forecast')).to.equal('stable');
    expect(row(card, 'memory').querySelector('.forecast.ok')).to.exist;
  });

  it('warns when full within a week, and uses a configured limit for the database', async () => {
    const connection = new FakeConnection();
    const t = nowSec();
    const disk = freshId('disk');
    const db = freshId('database_size');
    const db2 = freshId('db_size');
    connection.setState(disk, '64', { unit_of_measurement: '%' }, t - 1);
    connection.setState(db, '1200', { unit_of_measurement: 'MB' }, t - 1);
    const history = {
      // +0.25 %/h: 36 % to go = 144 h = 6 d
      [disk]: rowsOf(144, t - 24 * HOUR_S, 600, (i) => 58 + 0.25 * (i / 6)),
      // +10 MB/h towards 2,000 MB: 80 h
      [db]: rowsOf(144, t - 24 * HOUR_S, 600, (i) => 960 + 10 * (i / 6)),
    };
    const { card } = await renderSystemCard({ entities: { disk, database: { entity: db, limit: 2000 } } }, connection, history);
    expect(text(row(card, 'disk'), '.forecast')).to.match(/^full in (5 d 2[0-3] h|6 d( \d h)?)$/);
    expect(row(card, 'disk').querySelector('.forecast.warning')).to.exist;
    expect(text(row(card, 'database'), '.forecast')).to.match(/^full in (3 d( \d+ h)?|2 d 2\d h)$/);
    // Without a limit: the growth rate.
    const c2 = new FakeConnection();
    c2.setState(db2, '1200', { unit_of_measurement: 'MB' }, t - 1);
    const { card: card2 } = await renderSystemCard({ entities: { database: db2 } }, c2, { [db2]: history[db].map((r) => r) });
    expect(text(row(card2, 'database'), '.forecast')).to.equal('growing +10 MB/h');
  });

  it('shows unavailable and missing entities without crashing, and "collecting data" without history', async () => {
    const connection = new FakeConnection();
    const disk = freshId('disk');
    const cpu = freshId('cpu');
    connection.setState(disk, 'unavailable', { unit_of_measurement: '%' });
    const { card } = await renderSystemCard({ entities: { disk, cpu } }, connection);
    expect(text(row(card, 'disk'), '.value')).to.equal('unavailable');
    expect(row(card, 'disk').querySelector('.value.unavailable')).to.exist;
    expect(text(row(card, 'disk'), '.forecast')).to.equal('collecting data');
    expect(text(row(card, 'cpu'), '.value')).to.equal('—');
    expect(row(card, 'cpu').querySelector('.trend')!.getAttribute('aria-label')).to.equal('no data for a trend');
  });

  it('learns the trend of a new sensor from its first readings, before the forecast has its quarter of the window', async () => {
    // Arrange: no history, one reading ten minutes ago.
    const connection = new FakeConnection();
    const memory = freshId('memory_use_percent');
    const t = nowSec();
    connection.setState(memory, '40', { unit_of_measurement: '%' }, t - 600);
    const { card } = await renderSystemCard({ entities: { memory } }, connection);
    const trend = () => row(card, 'memory').querySelector('.trend')!;
    const reading = async (value: string, at: number) => {
      connection.setState(memory, value, { unit_of_measurement: '%' }, at);
      await waitUntil(() => text(row(card, 'memory'), '.value') === `${value}%`, 'reading not shown');
      card.refresh();
      await card.updateComplete;
    };
    const learningFromOne = { text: trend().textContent, label: trend().getAttribute('aria-label'), title: trend().getAttribute('title') };
    // Act: a second reading 10 s later is too close to judge; a third, nine minutes on, is not.
    await reading('41', t - 590);
    const learningFromTwo = trend().getAttribute('aria-label');
    await reading('55', t - 60);
    // Assert
    expect(learningFromOne).to.deep.equal({ text: '…', label: 'learning the trend: waiting for more readings', title: 'learning the trend: waiting for more readings' });
    expect(learningFromTwo).to.equal('learning the trend: waiting for more readings');
    expect(trend().textContent).to.equal('↑');
    expect(trend().classList.contains('early')).to.equal(true);
    expect(trend().getAttribute('aria-label')).to.match(/^rising over the last 10 min( \d+ s)?, still learning$/);
    expect(text(row(card, 'memory'), '.forecast')).to.equal('collecting data');
  });

  it('judges the trend over the whole window, not as early, once the forecast has its data', async () => {
    // Arrange: 24 h of history rising 40 → 88 %.
    const connection = new FakeConnection();
    const t = nowSec();
    const disk = freshId('disk_use_percent');
    connection.setState(disk, '88', { unit_of_measurement: '%' }, t - 1);
    const history = { [disk]: rowsOf(144, t - 24 * HOUR_S, 600, (i) => 40 + (2 * i) / 6) };
    // Act
    const { card } = await renderSystemCard({ entities: { disk } }, connection, history);
    // Assert
    const trend = row(card, 'disk').querySelector('.trend')!;
    expect(trend.getAttribute('aria-label')).to.equal('rising');
    expect(trend.classList.contains('early')).to.equal(false);
  });

  it('shows the reconnecting state', async () => {
    const connection = new FakeConnection();
    const cpu = freshId('cpu');
    connection.setState(cpu, '1');
    const { card } = await renderSystemCard({ entities: { cpu } }, connection);
    connection.emit('disconnected');
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('.status')?.textContent?.trim()).to.equal('Reconnecting…');
  });

  it('renders names as text and stops watching when removed', async () => {
    const connection = new FakeConnection();
    const cpu = freshId('cpu');
    connection.setState(cpu, '1');
    const { card } = await renderSystemCard({ title: '<b>x</b>', entities: { cpu: { entity: cpu, name: '<img src=x>' } } }, connection);
    expect(card.shadowRoot!.querySelector('img, b')).to.equal(null);
    expect(text(row(card, 'cpu'), '.name')).to.equal('<img src=x>');
    card.remove();
    const { storeFor } = await import('../../../src/ha/store');
    expect(storeFor(connection as never).watchedIds).to.not.include(cpu);
  });

  it('discovers System Monitor sensors for its stub config, by entity id and unit', async () => {
    const states = {
      'sensor.system_monitor_processor_use': { state: '3', attributes: { unit_of_measurement: '%' } },
      'sensor.memory_use': { state: '900', attributes: { unit_of_measurement: 'MiB' } },
      'sensor.memory_use_percent': { state: '40', attributes: { unit_of_measurement: '%' } },
      'sensor.disk_use_percent_home': { state: '71', attributes: { unit_of_measurement: '%' } },
      'sensor.load_1m': { state: '0.3', attributes: {} },
      'sensor.network_throughput_in_eth0': { state: '0.1', attributes: { unit_of_measurement: 'MB/s' } },
      'sensor.network_throughput_out_eth0': { state: '0.2', attributes: { unit_of_measurement: 'MB/s' } },
      'sensor.database_size': { state: '512', attributes: { unit_of_measurement: 'MB' } },
      'sensor.cpu_text': { state: 'high', attributes: {} },
    };
    expect(discoverSystemEntities(states)).to.deep.equal({
      cpu: 'sensor.system_monitor_processor_use',
      memory: 'sensor.memory_use_percent',
      disk: 'sensor.disk_use_percent_home',
      load: 'sensor.load_1m',
      network_in: 'sensor.network_throughput_in_eth0',
      network_out: 'sensor.network_throughput_out_eth0',
      database: 'sensor.database_size',
    });
    const Card = customElements.get('vitals-system-card') as unknown as typeof VitalsSystemCard;
    expect(Card.getStubConfig({ states } as never)).to.deep.include({ hours_to_show: 24 });
    expect(Card.getStubConfig({ states: {} } as never)).to.deep.equal({
      entities: { cpu: 'sensor.processor_use', memory: 'sensor.memory_use_percent' },
      hours_to_show: 24,
    });
    // The stub is a valid config.
    expect(() => parseSystemCardConfig(Card.getStubConfig({ states } as never))).to.not.throw();
  });

  it('offers sizes that grow with its rows, a picker entry and a lazily loaded editor', async () => {
    const Card = customElements.get('vitals-system-card') as unknown as typeof VitalsSystemCard;
    const card = new Card();
    card.setConfig({ entities: { cpu: 'sensor.a', memory: 'sensor.b', disk: 'sensor.c', load: 'sensor.d' } });
    expect(card.getCardSize()).to.equal(5);
    expect(card.getGridOptions()).to.deep.equal({ columns: 12, rows: 5, min_columns: 6, min_rows: 2 });
    expect(card.getLayoutOptions()).to.include({ grid_columns: 2, grid_rows: 5 });
    const editor = await Card.getConfigElement();
    expect(editor.tagName.toLowerCase()).to.equal('vitals-system-card-editor');
    expect(SYSTEM_CARD_INFO).to.include({ preview: true, name: 'Vitals system' });
  });
});

describe('system card config', () => {
  it('accepts shorthand and details, with defaults', () => {
    const config = parseSystemCardConfig({ entities: { cpu: 'sensor.cpu', disk: { entity: 'sensor.disk', limit: 95, name: 'Root' } } });
    expect(config).to.deep.equal({
      type: 'custom:vitals-system-card',
      entities: { cpu: { entity: 'sensor.cpu' }, disk: { entity: 'sensor.disk', limit: 95, name: 'Root' } },
      hours_to_show: 24,
    });
  });

  const cases: [unknown, RegExp][] = [
    [null, /must be a mapping/],
    [{}, /entities: required/],
    [{ entities: {} }, /entities: expected at least one of cpu, memory, disk/],
    [{ entities: { cpu: 'nope' } }, /entities\.cpu\.entity: expected an entity id/],
    [{ entities: { cpus: 'sensor.a' } }, /entities\.cpus: unknown key; did you mean "cpu"/],
    [{ entities: { disk: { entity: 'sensor.a', limit: 'full' } } }, /entities\.disk\.limit: expected a number/],
    [{ entities: { cpu: 'sensor.a' }, hours_to_show: -1 }, /hours_to_show: expected a number from 1/],
    [{ entities: { cpu: 'sensor.a' }, colour: 1 }, /^vitals-system-card: colour: unknown key/],
  ];
  for (const [input, message] of cases) {
    it(`rejects ${JSON.stringify(input)} naming the key`, () => {
      expect(() => parseSystemCardConfig(input)).to.throw(message);
    });
  }
});
