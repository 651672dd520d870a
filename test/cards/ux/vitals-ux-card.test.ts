import { expect, fixture, html } from '@open-wc/testing';
import '../../helpers/define-cards';
import { UX_CARD_INFO } from '../../../src/cards/ux/config';
import type { VitalsUxCard } from '../../../src/cards/ux/vitals-ux-card';
import { deviceEntity, p95Of, parseUxCardConfig, reportDevice, reportedMetrics, rowOfEntity, shownRows } from '../../../src/cards/ux/config';
import { slug } from '../../../src/ha/slug';
import { bandOf } from '../../../src/cards/ux/rows';
import { storeFor } from '../../../src/ha/store';
import { telemetryFor } from '../../../src/ha/telemetry/index';
import { UX_METRICS } from '../../../src/ha/telemetry/ux';
import { FakeConnection, fakeHass, sleep } from '../../helpers/fake-connection';
import { DEVICE_NAME_KEY, browserDeviceName, type DeviceStorage } from '../../../src/ha/device-identity';

/** One browser's localStorage. */
const memoryStorage = (name?: string) => {
  const map = new Map<string, string>(name ? [[DEVICE_NAME_KEY, name]] : []);
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
};

/** A connection whose pings never answer, so only the values a test records are in the series. */
const pingable = () => {
  const connection = Object.assign(new FakeConnection(), { ping: (): Promise<unknown> => new Promise(() => undefined) });
  connection.responders.set('history/history_during_period', () => ({}));
  connection.responders.set('recorder/statistics_during_period', () => ({}));
  return connection;
};
type Pingable = ReturnType<typeof pingable>;

/** A German user: decimal comma, 24 h clock. */
const GERMAN = { language: 'de', locale: { language: 'de', number_format: 'language', time_format: '24', time_zone: 'local' } };

async function renderCard(config: Record<string, unknown>, connection: Pingable = pingable(), storage: DeviceStorage = memoryStorage(), hass: Record<string, unknown> = {}) {
  const card = (await fixture(html`<vitals-ux-card></vitals-ux-card>`)) as VitalsUxCard;
  card.repaintMs = 0;
  card.deviceStorage = storage;
  card.setConfig({ type: 'custom:vitals-ux-card', ...config });
  card.hass = fakeHass(connection, hass);
  await sleep(80); // the store batches subscriptions for 50 ms
  await card.updateComplete;
  const store = storeFor(connection as never);
  return { card, connection, store };
}

const rows = (card: Element, list = '.rows:not(.devices)') => [...card.shadowRoot!.querySelectorAll(`${list} .row`)] as HTMLElement[];
const row = (card: Element, key: string) => card.shadowRoot!.querySelector(`.row[data-key="${key}"]`) as HTMLElement;
const cell = (card: Element, key: string, part: string) => row(card, key)?.querySelector(`.${part}`)?.textContent?.trim();

describe('vitals-ux-card', () => {
  it('shows the basic rows with the recorded values, their p95 and a sparkline', async () => {
    // Arrange
    const { card, store } = await renderCard({});
    const now = Date.now();
    // Act
    for (let i = 0; i < 20; i++) store.record(UX_METRICS.rtt, now - 60_000 + i * 1000, i === 19 ? 42 : 10 + i * 10);
    store.record(UX_METRICS.lag, now, 180);
    await card.updateComplete;
    // Assert
    expect(rows(card).map((r) => r.dataset.key)).to.deep.equal(['rtt', 'lag', 'service_call', 'overhead']);
    expect(cell(card, 'rtt', 'value')).to.equal('42 ms');
    // p95 of 10, 20, ..., 190 and 42 (type 7, 20 samples): 180 + 0.05 × 10 = 180.5 → "181 ms".
    expect(cell(card, 'rtt', 'p95')).to.equal('p95 181 ms');
    expect(row(card, 'rtt').querySelector('svg.spark path')?.getAttribute('d')).to.match(/^M.*L/);
    expect(cell(card, 'lag', 'value')).to.equal('180 ms');
    expect(cell(card, 'service_call', 'value')).to.equal('—');
    expect(row(card, 'rtt').getAttribute('aria-label')).to.equal('Websocket round trip: 42 ms (good), p95 181 ms');
    expect(card.shadowRoot!.querySelector('[role="list"]')).to.exist;
  });

  it('colours each row by its band: good, needs improvement, poor', async () => {
    const { card, store } = await renderCard({ level: 'full' });
    const now = Date.now();
    // Act
    store.record(UX_METRICS.rtt, now, 250); // ≤ 300: needs improvement
    store.record(UX_METRICS.lag, now, 2000); // > 1000: poor
    store.record(UX_METRICS.inp, now, 150); // ≤ 200: good
    store.record(UX_METRICS.fps, now, 25); // < 30: poor (higher is better)
    store.record(UX_METRICS.heap, now, 80); // no band
    await card.updateComplete;
    // Assert
    expect(row(card, 'rtt').classList.contains('band-warn')).to.be.true;
    expect(row(card, 'lag').classList.contains('band-poor')).to.be.true;
    expect(row(card, 'inp').classList.contains('band-good')).to.be.true;
    expect(row(card, 'fps').classList.contains('band-poor')).to.be.true;
    expect(row(card, 'heap').classList.contains('band-none')).to.be.true;
    // Where higher is better the tail column shows the low end.
    expect(cell(card, 'fps', 'p95')).to.equal('p5 25 fps');
    expect(row(card, 'lag').getAttribute('aria-label')).to.contain('(poor)');
    expect(row(card, 'rtt').getAttribute('aria-label')).to.contain('(needs improvement)');
  });

  it('adds long tasks, INP, heap and frame rate at level full, counting long tasks per minute', async () => {
    const { card, store } = await renderCard({ level: 'full' });
    // The browser's own long tasks (the observer is buffered) would add to the count: start clean.
    store.series(UX_METRICS.longTask)!.clear();
    const now = Date.now();
    // Act
    for (const [i, d] of [60, 80, 300].entries()) store.record(UX_METRICS.longTask, now - 1000 + i, d);
    await card.updateComplete;
    // Assert
    expect(rows(card).map((r) => r.dataset.key)).to.deep.equal(['rtt', 'lag', 'service_call', 'long_tasks', 'inp', 'heap', 'fps', 'overhead']);
    expect(cell(card, 'long_tasks', 'value')).to.equal('3 /min');
    expect(row(card, 'long_tasks').classList.contains('band-warn')).to.be.true;
    expect(cell(card, 'long_tasks', 'p95')).to.equal('p95 278 ms');
  });

  it('shows only the configured rows, in the configured order', async () => {
    const { card } = await renderCard({ level: 'full', metrics: ['inp', 'rtt'] });
    expect(rows(card).map((r) => r.dataset.key)).to.deep.equal(['inp', 'rtt']);
  });

  it('measures while connected at the configured level and releases the monitor when removed', async () => {
    // Arrange
    const connection = pingable();
    let pings = 0;
    connection.ping = async () => void pings++;
    const { card, store } = await renderCard({ level: 'full', ping_interval: 5 }, connection);
    const telemetry = telemetryFor(store, connection as never);
    // Assert: measuring, and the first ping went out at once.
    expect(telemetry.uxMonitor?.isRunning).to.be.true;
    expect(pings).to.equal(1);
    expect(store.series(UX_METRICS.rtt)!.length).to.equal(1);
    // Act
    card.remove();
    // Assert
    expect(telemetry.uxMonitor).to.equal(undefined);
    expect(store.watchedIds).to.not.include(UX_METRICS.rtt);
  });

  it('shows the same figures from other devices, by prefix or entity id', async () => {
    // Arrange
    const connection = pingable();
    connection.setState('sensor.ha_vitals_tablet_ws_rtt_ms', '350', { unit_of_measurement: 'ms', friendly_name: 'Tablet RTT' });
    connection.setState('sensor.ha_vitals_tablet_state_lag_ms', '120', { unit_of_measurement: 'ms' });
    connection.setState('sensor.ha_vitals_phone_inp_ms', '90', { unit_of_measurement: 'ms', friendly_name: 'Phone INP' });
    connection.setState('sensor.tokens', 'unavailable', { friendly_name: '<b>Odd</b>' });
    // Act
    const { card } = await renderCard(
      {
        metrics: ['rtt', 'lag'],
        devices: [
          { name: 'Kitchen tablet', entity_prefix: 'ha_vitals_tablet' },
          'sensor.ha_vitals_phone_inp_ms',
          'sensor.tokens',
          { name: 'Hall panel', entity_prefix: 'sensor.ha_vitals_hall' },
        ],
      },
      connection,
    );
    // Assert
    const deviceRows = rows(card, '.rows.devices');
    expect(deviceRows.map((r) => r.dataset.key)).to.deep.equal([
      'sensor.ha_vitals_tablet_ws_rtt_ms',
      'sensor.ha_vitals_tablet_state_lag_ms',
      'sensor.ha_vitals_phone_inp_ms',
      'sensor.tokens',
    ]);
    expect(cell(card, 'sensor.ha_vitals_tablet_ws_rtt_ms', 'label-main')).to.equal('Websocket round trip');
    expect(cell(card, 'sensor.ha_vitals_tablet_ws_rtt_ms', 'sublabel')).to.equal('Kitchen tablet');
    expect(cell(card, 'sensor.ha_vitals_tablet_ws_rtt_ms', 'value')).to.equal('350 ms');
    expect(row(card, 'sensor.ha_vitals_tablet_ws_rtt_ms').classList.contains('band-poor')).to.be.true;
    expect(cell(card, 'sensor.ha_vitals_phone_inp_ms', 'sublabel')).to.equal('Phone INP');
    expect(row(card, 'sensor.ha_vitals_phone_inp_ms').classList.contains('band-good')).to.be.true;
    // An entity with no known metric: its own name, as text; its state as it is.
    expect(cell(card, 'sensor.tokens', 'label-main')).to.equal('<b>Odd</b>');
    expect(card.shadowRoot!.querySelector('b')).to.equal(null);
    expect(cell(card, 'sensor.tokens', 'value')).to.equal('Unavailable');
    // A device that publishes nothing (yet) gets one note, not a row per figure.
    expect(card.shadowRoot!.querySelector('.note')?.textContent).to.equal('Hall panel: no sensors named sensor.ha_vitals_hall_… yet.');
  });

  it('reports this browser\'s figures as MQTT sensors under its own name while shown', async () => {
    // Arrange
    const connection = pingable();
    const published: Record<string, unknown>[] = [];
    connection.responders.set('call_service', (m) => (published.push(m.service_data as Record<string, unknown>), null));
    const { card, store } = await renderCard({ report: { interval: '10s' } }, connection, memoryStorage('Kitchen tablet'));
    const telemetry = telemetryFor(store, connection as never);
    const now = Date.now();
    for (const v of [20, 30, 400]) store.record(UX_METRICS.rtt, now - 1000, v);
    // Act
    await (await telemetry.reporterOf('Kitchen tablet'))!.report();
    const note = card.shadowRoot!.querySelector('.report')?.textContent?.trim();
    card.remove();
    await sleep(0);
    // Assert
    const discovery = published.find((d) => d.topic === 'homeassistant/sensor/ha_vitals_kitchen_tablet_ws_rtt_ms/config')!;
    expect(JSON.parse(discovery.payload as string)).to.include({ default_entity_id: 'sensor.ha_vitals_kitchen_tablet_ws_rtt_ms', unit_of_measurement: 'ms', expire_after: 30 });
    expect(published.find((d) => d.topic === 'ha-vitals/kitchen_tablet/ws_rtt_ms/state')!.payload).to.equal('400');
    expect(note).to.equal('Reported to Home Assistant every 10 s as sensor.ha_vitals_kitchen_tablet_…');
    expect(await telemetry.reporterOf('Kitchen tablet')).to.equal(undefined);
  });

  it('gives two browsers showing the same dashboard config two distinct sets of sensors', async () => {
    // Arrange: two wall tablets, same model, same browser, same YAML.
    const connection = pingable();
    const published: Record<string, unknown>[] = [];
    connection.responders.set('call_service', (m) => (published.push(m.service_data as Record<string, unknown>), null));
    const ua = 'Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
    const kitchen = memoryStorage();
    const hall = memoryStorage();
    const names = [browserDeviceName(kitchen, ua), browserDeviceName(hall, ua)];
    const config = { report: { device: 'wall', interval: '10s' } };
    const a = await renderCard(config, connection, kitchen);
    const b = await renderCard(config, connection, hall);
    const telemetry = telemetryFor(a.store, connection as never);
    a.store.record(UX_METRICS.rtt, Date.now() - 1000, 20);
    // Act
    for (const name of names) await (await telemetry.reporterOf(`wall ${name}`))!.report();
    a.card.remove();
    b.card.remove();
    // Assert
    const sensors = (name: string) =>
      published
        .filter((d) => String(d.topic).startsWith('homeassistant/sensor/'))
        .map((d) => JSON.parse(d.payload as string).default_entity_id as string)
        .filter((id) => id.startsWith(`sensor.ha_vitals_wall_${name.toLowerCase().replace(/ /g, '_')}_`));
    expect(names[0]).to.not.equal(names[1]);
    expect(sensors(names[0])).to.deep.equal([`sensor.ha_vitals_wall_${slug(names[0])}_ws_rtt_ms`]);
    expect(sensors(names[1])).to.deep.equal([`sensor.ha_vitals_wall_${slug(names[1])}_ws_rtt_ms`]);
  });

  it('shows this browser\'s name and renames it inline, reporting under the new name', async () => {
    // Arrange
    const connection = pingable();
    connection.responders.set('call_service', () => null);
    const storage = memoryStorage('Tablet 1');
    const { card, store } = await renderCard({ report: true }, connection, storage);
    const telemetry = telemetryFor(store, connection as never);
    const shadow = card.shadowRoot!;
    const shownName = shadow.querySelector('.device-name')?.textContent?.trim();
    // Act
    (shadow.querySelector('button.rename') as HTMLButtonElement).click();
    await card.updateComplete;
    const input = shadow.querySelector('form.rename-form input') as HTMLInputElement;
    input.value = 'Kitchen tablet';
    input.dispatchEvent(new Event('input'));
    (shadow.querySelector('form.rename-form') as HTMLFormElement).requestSubmit();
    await sleep(0);
    await card.updateComplete;
    // Assert
    expect(shownName).to.equal('Tablet 1');
    expect(storage.map.get(DEVICE_NAME_KEY)).to.equal('Kitchen tablet');
    expect(shadow.querySelector('.device-name')?.textContent?.trim()).to.equal('Kitchen tablet');
    expect(shadow.querySelector('.report')?.textContent?.trim()).to.equal('Reported to Home Assistant every 1 min as sensor.ha_vitals_kitchen_tablet_…');
    expect(await telemetry.reporterOf('Kitchen tablet')).to.not.equal(undefined);
    expect(await telemetry.reporterOf('Tablet 1')).to.equal(undefined);
    card.remove();
  });

  it('refuses an invalid name inline, keeping the old one', async () => {
    // Arrange
    const storage = memoryStorage('Tablet 1');
    const { card } = await renderCard({ report: true }, pingable(), storage);
    const shadow = card.shadowRoot!;
    (shadow.querySelector('button.rename') as HTMLButtonElement).click();
    await card.updateComplete;
    const input = shadow.querySelector('form.rename-form input') as HTMLInputElement;
    // Act
    input.value = 'a/b';
    input.dispatchEvent(new Event('input'));
    (shadow.querySelector('form.rename-form') as HTMLFormElement).requestSubmit();
    await card.updateComplete;
    // Assert
    expect(shadow.querySelector('form.rename-form [role="alert"]')?.textContent).to.contain('1 to 40 letters');
    expect(storage.map.get(DEVICE_NAME_KEY)).to.equal('Tablet 1');
    (shadow.querySelector('form.rename-form button.cancel') as HTMLButtonElement).click();
    await card.updateComplete;
    expect(shadow.querySelector('form.rename-form')).to.equal(null);
    expect(shadow.querySelector('.device-name')?.textContent?.trim()).to.equal('Tablet 1');
  });

  it('formats row values in the user\'s number format: a decimal comma for a German user', async () => {
    // Arrange
    const { card, store } = await renderCard({}, pingable(), memoryStorage(), GERMAN);
    const now = Date.now();
    // Act
    store.record(UX_METRICS.overhead, now, 12.5);
    await card.updateComplete;
    // Assert
    expect(cell(card, 'overhead', 'value')).to.equal('12,5 ms/min');
    expect(cell(card, 'overhead', 'p95')).to.match(/^p95 12,5 ms\/min$/);
    expect(row(card, 'overhead').getAttribute('aria-label')).to.contain('12,5 ms/min');
  });

  it('opens a device row\'s entity on tap (hass-action), and leaves this browser\'s own rows inert', async () => {
    // Arrange
    const connection = pingable();
    connection.setState('sensor.ha_vitals_phone_inp_ms', '90', { unit_of_measurement: 'ms', friendly_name: 'Phone INP' });
    const { card, store } = await renderCard({ devices: ['sensor.ha_vitals_phone_inp_ms'] }, connection);
    store.record(UX_METRICS.rtt, Date.now(), 42);
    await card.updateComplete;
    const fired: CustomEvent[] = [];
    card.addEventListener('hass-action', (e) => fired.push(e as CustomEvent));
    const deviceRow = row(card, 'sensor.ha_vitals_phone_inp_ms');
    // Act
    deviceRow.click();
    row(card, 'rtt').click();
    // Assert
    expect(fired).to.have.length(1);
    expect(fired[0].detail.action).to.equal('tap');
    expect(fired[0].detail.config).to.deep.include({ entity: 'sensor.ha_vitals_phone_inp_ms' });
    expect(deviceRow.classList.contains('actionable')).to.be.true;
    expect(deviceRow.getAttribute('role')).to.equal('button');
    expect(deviceRow.tabIndex).to.equal(0);
    expect(deviceRow.parentElement!.getAttribute('role')).to.equal('listitem');
    expect(getComputedStyle(deviceRow).cursor).to.equal('pointer');
    expect(row(card, 'rtt').classList.contains('actionable')).to.be.false;
    expect(row(card, 'rtt').hasAttribute('tabindex')).to.be.false;
  });

  it('says when the connection is being re-established', async () => {
    const { card, connection } = await renderCard({});
    // Act
    connection.emit('disconnected');
    await card.updateComplete;
    // Assert
    expect(card.shadowRoot!.querySelector('.banner[role="status"]')?.textContent).to.contain('Reconnecting');
  });

  it('coalesces repaints when values arrive faster than the repaint interval', async () => {
    const { card, store } = await renderCard({});
    card.repaintMs = 150;
    const now = Date.now();
    store.record(UX_METRICS.rtt, now, 10);
    await card.updateComplete;
    // Act: a second value within the interval is painted only when it has passed.
    store.record(UX_METRICS.rtt, now + 1, 20);
    await card.updateComplete;
    const before = cell(card, 'rtt', 'value');
    await sleep(200);
    await card.updateComplete;
    // Assert
    expect(before).to.equal('10 ms');
    expect(cell(card, 'rtt', 'value')).to.equal('20 ms');
  });

  it('offers sizes, a stub config and a lazily loaded editor', async () => {
    const Card = customElements.get('vitals-ux-card') as unknown as typeof VitalsUxCard;
    const card = new Card();
    expect(card.getCardSize()).to.be.greaterThan(1);
    card.setConfig({ type: 'custom:vitals-ux-card', level: 'full' });
    expect(card.getCardSize()).to.equal(7);
    expect(card.getGridOptions()).to.include({ columns: 12, min_columns: 6 });
    expect(card.getLayoutOptions()).to.include({ grid_columns: 4 });
    expect(Card.getStubConfig()).to.deep.equal({ level: 'basic' });
    const editor = await Card.getConfigElement();
    expect(editor.localName).to.equal('vitals-ux-card-editor');
  });

  it('is registered for the card picker with a preview and documentation', () => {
    const entry = UX_CARD_INFO;
    expect(entry).to.include({ preview: true });
    expect(entry?.documentationURL).to.contain('cards-ai-ux');
  });
});

describe('ux card config', () => {
  const cases: [unknown, RegExp][] = [
    [[], /must be a mapping/],
    [{ level: 'max' }, /level: expected one of "basic", "full"/],
    [{ ping_interval: 1 }, /ping_interval: expected a number from 5 to 3600/],
    [{ window: '2h' }, /window: expected a duration from "1m" to "1h"/],
    [{ metrics: ['rtt', 'cpu'] }, /metrics\[1\]: expected one of/],
    [{ metrics: ['inp'] }, /metrics: inp need level: full/],
    [{ devices: [{ name: 'x' }] }, /devices\[0\]: expected either entity_prefix or entity/],
    [{ devices: ['not an id'] }, /devices\[0\]\.entity: expected an entity id/],
    [{ devices: [{ entity_prefix: 'Bad Prefix' }] }, /devices\[0\]\.entity_prefix: expected an entity id prefix/],
    [{ levle: 'full' }, /levle: unknown key; did you mean "level"\?/],
  ];
  for (const [input, message] of cases) {
    it(`rejects ${JSON.stringify(input)} with a message naming the key`, () => {
      expect(() => parseUxCardConfig(input)).to.throw(message);
    });
  }

  it('fills the defaults and accepts the keys Home Assistant adds', () => {
    const config = parseUxCardConfig({ type: 'custom:vitals-ux-card', grid_options: { columns: 12 } });
    expect(config).to.deep.include({ level: 'basic', ping_interval: 30, window: 900_000, devices: [] });
    expect(shownRows(config)).to.deep.equal(['rtt', 'lag', 'service_call', 'overhead']);
  });

  it('reads report as true, a group, or {group, interval}; device is the older spelling of group', () => {
    // Act
    const on = parseUxCardConfig({ report: true }).report;
    const off = parseUxCardConfig({ report: false }).report;
    const short = parseUxCardConfig({ report: 'kitchen_tablet' }).report;
    const long = parseUxCardConfig({ report: { group: 'Hall', interval: '5m' } }).report;
    const legacy = parseUxCardConfig({ report: { device: 'Hall', interval: '5m' } }).report;
    const interval = parseUxCardConfig({ report: { interval: '2m' } }).report;
    // Assert
    expect(on).to.deep.equal({ interval: 60_000 });
    expect(off).to.equal(undefined);
    expect(short).to.deep.equal({ group: 'kitchen_tablet', interval: 60_000 });
    expect(long).to.deep.equal({ group: 'Hall', interval: 300_000 });
    expect(legacy).to.deep.equal({ group: 'Hall', interval: 300_000 });
    expect(interval).to.deep.equal({ interval: 120_000 });
    expect(() => parseUxCardConfig({ report: { group: 'a/b' } })).to.throw(/report\.group: expected a group name/);
    expect(() => parseUxCardConfig({ report: { device: 'a/b' } })).to.throw(/report\.group: expected a group name/);
    expect(() => parseUxCardConfig({ report: { group: 'a', device: 'b' } })).to.throw(/report\.device: not allowed here: the older name of "group"/);
    expect(() => parseUxCardConfig({ report: { group: 'a', interval: '1s' } })).to.throw(/report\.interval: expected a duration from "10s" to "1h"/);
  });

  it('names the reported device after this browser, behind the group, within the sensor id length', () => {
    // Act
    const own = reportDevice({ interval: 60_000 }, 'Chrome on Android 3f2a');
    const grouped = reportDevice({ group: 'Wall panels', interval: 60_000 }, 'Chrome on Android 3f2a');
    const long = reportDevice({ group: 'g'.repeat(48), interval: 60_000 }, 'x'.repeat(40));
    // Assert
    expect(own).to.equal('Chrome on Android 3f2a');
    expect(grouped).to.equal('wall_panels Chrome on Android 3f2a');
    expect(slug(long)).to.have.length.at.most(48);
    expect(slug(long).endsWith('_' + 'x'.repeat(40))).to.equal(true);
  });

  it('reports the p95 of the interval for latencies and the latest value for the others', () => {
    // Arrange
    const metrics = reportedMetrics({ level: 'full' }, 60_000);
    // Act
    const keys = metrics.map((m) => m.key);
    // Assert
    expect(keys).to.deep.equal(['ws_rtt_ms', 'state_lag_ms', 'service_call_ms', 'long_task_ms', 'inp_ms', 'heap_mb', 'fps', 'monitor_overhead_ms']);
    expect(metrics.filter((m) => m.derive).map((m) => m.key)).to.deep.equal(['ws_rtt_ms', 'state_lag_ms', 'service_call_ms', 'long_task_ms', 'inp_ms']);
    // The long-task sensor holds the p95 of their durations: milliseconds, not the row's count per minute.
    expect(metrics.find((m) => m.key === 'long_task_ms')).to.include({ unit: 'ms', deviceClass: 'duration' });
    expect(p95Of([Number.NaN, ...Array.from({ length: 101 }, (_, i) => 100 - i)])).to.equal(95);
    expect(p95Of([Number.NaN])).to.equal(undefined);
  });

  it('names device sensors after the metric ids', () => {
    expect(deviceEntity('ha_vitals_tablet_', 'rtt')).to.equal('sensor.ha_vitals_tablet_ws_rtt_ms');
    expect(deviceEntity('sensor.ha_vitals_tablet', 'overhead')).to.equal('sensor.ha_vitals_tablet_monitor_overhead_ms');
    expect(rowOfEntity('sensor.ha_vitals_tablet_fps')).to.equal('fps');
    expect(rowOfEntity('sensor.cpu')).to.equal(undefined);
  });

  it('rates values in bands, with higher-is-better for frame rate', () => {
    expect(bandOf(200, { good: 200, warn: 500 })).to.equal('good');
    expect(bandOf(500, { good: 200, warn: 500 })).to.equal('warn');
    expect(bandOf(501, { good: 200, warn: 500 })).to.equal('poor');
    expect(bandOf(55, { good: 50, warn: 30, higherIsBetter: true })).to.equal('good');
    expect(bandOf(40, { good: 50, warn: 30, higherIsBetter: true })).to.equal('warn');
    expect(bandOf(Number.NaN, { good: 1, warn: 2 })).to.equal('none');
    expect(bandOf(5, undefined)).to.equal('none');
  });
});
