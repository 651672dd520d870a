import { alertSensorId } from '../../../src/ha/alert-reporter';
import { expect, fixture, html } from '@open-wc/testing';
import { ALERTS_CARD_INFO, VitalsAlertsCard } from '../../../src/cards/alerts/vitals-alerts-card';
import { canonicalJson, parseAlertsCardConfig, scopeIdOf, shortHash } from '../../../src/cards/alerts/config';
import { clockText, escalationOf, stateText, visibleAlerts } from '../../../src/cards/alerts/model';
import type { HubAlert } from '../../../src/ha/alert-hub';
import { fakeHass, sleep } from '../../helpers/fake-connection';
import { freshId, hubSetup, mount, q, qa, textOf } from './helpers';

const MIN = 60_000;
if (!customElements.get('vitals-alerts-card')) customElements.define('vitals-alerts-card', VitalsAlertsCard);

function rules(cpu: string) {
  return [
    {
      name: 'cpu_high',
      type: 'threshold',
      above: 90,
      entity: cpu,
      severity: 'critical',
      group_wait: '0s',
      notify: ['notify.phone', { service: 'notify.all_phones', after: '10m' }],
    },
    { name: 'mem_warn', type: 'threshold', above: 80, severity: 'warning', group_wait: '0s', notify: [] },
    { name: 'cpu_slow', type: 'threshold', above: 50, for: '10m', entity: cpu, severity: 'critical', notify: [] },
  ];
}

/** A card whose cpu is at 95 and memory at 85: two firing, one inhibited, one pending. */
async function firingCard(extra: Record<string, unknown> = {}, setup = hubSetup()) {
  const cpu = freshId('cpu');
  const mem = freshId('mem');
  const t0 = setup.clock.t;
  setup.connection.setState(cpu, '20', { friendly_name: 'Processor <b>use</b>', unit_of_measurement: '%' }, t0 / 1000 - 10);
  setup.connection.setState(mem, '20', { friendly_name: 'Memory', unit_of_measurement: '%' }, t0 / 1000 - 10);
  const card = await mount<VitalsAlertsCard>('vitals-alerts-card', setup, { type: 'custom:vitals-alerts-card', entities: [cpu, mem], alerts: rules(cpu), ...extra });
  setup.clock.t += 5_000;
  setup.connection.setState(cpu, '95', { friendly_name: 'Processor <b>use</b>', unit_of_measurement: '%' }, setup.clock.t / 1000);
  setup.connection.setState(mem, '85', { friendly_name: 'Memory', unit_of_measurement: '%' }, setup.clock.t / 1000);
  await setup.hub.evaluate();
  await card.updateComplete;
  return { card, cpu, mem, ...setup };
}

const row = (card: Element, key: string) => qa(card, 'li.alert').find((li) => li.dataset.key === key)!;

describe('vitals-alerts-card', () => {
  it('lists hub alerts firing first, then pending, by severity, with names as text and the badges', async () => {
    // Arrange + Act
    const { card, cpu, mem } = await firingCard();
    // Assert
    const keys = qa(card, 'li.alert').map((li) => `${li.dataset.key}:${li.classList.contains('firing') ? 'firing' : 'pending'}`);
    expect(keys[0]).to.equal(`cpu_high/${cpu}:firing`);
    expect(keys.slice(1, 3).sort()).to.deep.equal([`mem_warn/${cpu}:firing`, `mem_warn/${mem}:firing`].sort());
    expect(keys[3]).to.equal(`cpu_slow/${cpu}:pending`);
    const top = row(card, `cpu_high/${cpu}`);
    expect(top.classList.contains('critical')).to.equal(true);
    expect(textOf(top.querySelector('.entity'))).to.equal('Processor <b>use</b>');
    expect(top.querySelector('.entity b')).to.equal(null);
    expect(textOf(top.querySelector('.value'))).to.equal('95%');
    expect(textOf(top.querySelector('.reason'))).to.match(/90/);
    expect(textOf(top.querySelector('.state'))).to.match(/firing for 0 s/);
    expect(textOf(row(card, `mem_warn/${cpu}`).querySelector('.badge.inhibited'))).to.equal('inhibited by cpu_high on Processor <b>use</b>');
    expect(row(card, `mem_warn/${mem}`).querySelector('.badge.inhibited')).to.equal(null);
  });

  it('acknowledges through the hub and the row updates', async () => {
    // Arrange
    const { card, cpu, hub } = await firingCard();
    const button = row(card, `cpu_high/${cpu}`).querySelector('button.ack') as HTMLButtonElement;
    expect(button.getAttribute('aria-label')).to.equal('Acknowledge cpu_high on Processor <b>use</b>');
    // Act
    button.click();
    await card.updateComplete;
    // Assert
    expect(hub.alerts().find((a) => a.key === `cpu_high/${cpu}`)!.acknowledged).to.equal(true);
    const updated = row(card, `cpu_high/${cpu}`);
    expect(textOf(updated.querySelector('.badge.ack'))).to.equal('acknowledged');
    expect(updated.querySelector('button.ack')).to.equal(null);
    expect(textOf(updated.querySelector('.escalation'))).to.contain('escalation stopped: acknowledged');
  });

  it('snoozes from the preset menu (keyboard-operable buttons) and shows until when', async () => {
    const { card, cpu, hub, clock } = await firingCard({ snooze_options: ['30m', '2h'] });
    const snooze = row(card, `cpu_high/${cpu}`).querySelector('button.snooze') as HTMLButtonElement;
    expect(snooze.getAttribute('aria-expanded')).to.equal('false');
    // Act: open the menu, then Escape closes it, then open again and pick 2 h.
    snooze.click();
    await card.updateComplete;
    const menu = row(card, `cpu_high/${cpu}`).querySelector('.menu') as HTMLElement;
    expect([...menu.querySelectorAll('button')].map((b) => textOf(b))).to.deep.equal(['30 min', '2 h']);
    menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await card.updateComplete;
    expect(row(card, `cpu_high/${cpu}`).querySelector('.menu')).to.equal(null);
    (row(card, `cpu_high/${cpu}`).querySelector('button.snooze') as HTMLButtonElement).click();
    await card.updateComplete;
    (row(card, `cpu_high/${cpu}`).querySelector('button.preset[data-ms="7200000"]') as HTMLButtonElement).click();
    await card.updateComplete;
    // Assert
    const alert = hub.alerts().find((a) => a.key === `cpu_high/${cpu}`)!;
    expect(alert.snoozedUntil).to.equal(clock.t + 7_200_000);
    // The badge says when the snooze ends; the day is added only when that is not today (clockText,
    // tested on fixed dates below), so this holds at any time of day the suite runs.
    const until = new Date(clock.t + 7_200_000);
    const hhmm = `${until.getHours() % 12 || 12}:${String(until.getMinutes()).padStart(2, '0')} ${until.getHours() < 12 ? 'AM' : 'PM'}`;
    expect(textOf(row(card, `cpu_high/${cpu}`).querySelector('.badge.snoozed'))).to.equal(`snoozed until ${clockText(clock.t + 7_200_000, clock.t)}`);
    expect(textOf(row(card, `cpu_high/${cpu}`).querySelector('.badge.snoozed'))).to.contain(hhmm);
    expect(row(card, `cpu_high/${cpu}`).querySelector('.menu')).to.equal(null);
  });

  it('silences for an hour by alertname and entity', async () => {
    const { card, cpu, mem, hub } = await firingCard();
    // Act
    (row(card, `mem_warn/${mem}`).querySelector('button.silence') as HTMLButtonElement).click();
    await card.updateComplete;
    // Assert: only that alert on that entity is silenced.
    const alerts = hub.alerts();
    expect(alerts.find((a) => a.key === `mem_warn/${mem}`)!.silenced).to.equal(true);
    expect(alerts.find((a) => a.key === `mem_warn/${cpu}`)!.silenced).to.equal(false);
    expect(textOf(row(card, `mem_warn/${mem}`).querySelector('.badge.silenced'))).to.equal('silenced');
    expect(row(card, `mem_warn/${mem}`).querySelector('button.silence')).to.equal(null);
  });

  it('action buttons are real buttons with at least 40 px touch targets', async () => {
    const { card } = await firingCard();
    const buttons = qa(card, 'li.alert button');
    expect(buttons.length).to.be.greaterThan(3);
    for (const b of buttons) {
      expect(b.tagName).to.equal('BUTTON');
      expect(b.getBoundingClientRect().height).to.be.at.least(40);
      expect(b.getAttribute('aria-label')).to.match(/\S/);
    }
  });

  it('opens the rule\'s 7-day backtest on an alert, read-only, loading its code on first use', async () => {
    // Arrange
    const { card, cpu } = await firingCard();
    const button = row(card, `cpu_high/${cpu}`).querySelector<HTMLButtonElement>('button.backtest')!;
    // Act
    button.click();
    await card.updateComplete;
    for (let i = 0; i < 50 && !row(card, `cpu_high/${cpu}`).querySelector('vitals-rule-preview'); i++) await sleep(20);
    // Assert
    const preview = row(card, `cpu_high/${cpu}`).querySelector('vitals-rule-preview') as HTMLElement & { validRule?: { name: string; above?: number }; entities: string[]; readonly: boolean; range: string };
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(button.getAttribute('aria-label')).to.equal('How often cpu_high on Processor <b>use</b> would have fired in the last 7 days');
    expect(preview.validRule?.name).to.equal('cpu_high');
    expect(preview.validRule?.above).to.equal(90);
    expect(preview.entities).to.deep.equal([cpu]);
    expect(preview.readonly).to.equal(true);
    expect(preview.range).to.equal('7d');
  });

  it('hands a run_in: home_assistant rule to an HA automation (admin), lists it, and sends nothing itself', async () => {
    // Arrange
    const setup = hubSetup();
    const cpu = freshId('cpu');
    setup.connection.setState(cpu, '20', { friendly_name: 'CPU', unit_of_measurement: '%' }, setup.clock.t / 1000 - 10);
    const saved: Record<string, Record<string, unknown>> = {};
    const callApi = async (method: string, path: string, body?: Record<string, unknown>) => {
      const id = decodeURIComponent(path.split('/').pop()!);
      if (method === 'POST') return (saved[id] = body!), { result: 'ok' };
      if (saved[id]) return saved[id];
      throw new Error('404');
    };
    const rule = { name: 'cpu_server', type: 'threshold', above: 90, for: '0s', group_wait: '0s', run_in: 'home_assistant', notify: ['notify.phone'] };
    const card = await mount<VitalsAlertsCard>('vitals-alerts-card', setup, { type: 'custom:vitals-alerts-card', title: 'Rack', entities: [cpu], alerts: [rule] }, { callApi });
    for (let i = 0; i < 50 && !q(card, '.server-rules li.running'); i++) await sleep(20);
    // Act
    setup.clock.t += 5_000;
    setup.connection.setState(cpu, '95', { friendly_name: 'CPU', unit_of_measurement: '%' }, setup.clock.t / 1000);
    await setup.hub.evaluate();
    await card.updateComplete;
    // Assert
    const ids = Object.keys(saved);
    expect(ids).to.have.length(1);
    expect(ids[0]).to.match(/^ha_vitals_rack_[0-9a-f]+_cpu_server_/);
    expect(String(saved[ids[0]].description)).to.contain('“Rack”');
    expect(textOf(q(card, '.server-rules li.running'))).to.contain(`cpu_server on ${cpu}`);
    expect(textOf(row(card, `cpu_server/${cpu}`).querySelector('.why'))).to.equal('Home Assistant’s automation sends the notifications of this rule');
    expect(setup.calls).to.deep.equal([]);
  });

  it('in the card editor preview or edit mode writes no automation (Cancel leaves HA as it was); after editing it syncs the saved rules', async () => {
    // Arrange: a card as Home Assistant's editor preview makes it (editMode before config and hass)
    const setup = hubSetup();
    const cpu = freshId('cpu');
    setup.connection.setState(cpu, '20', { friendly_name: 'CPU', unit_of_measurement: '%' }, setup.clock.t / 1000 - 10);
    const posted: string[] = [];
    const callApi = async (method: string, path: string) => {
      if (method === 'POST') return posted.push(path), { result: 'ok' };
      throw new Error('404');
    };
    const rule = { name: 'cpu_server', type: 'threshold', above: 90, run_in: 'home_assistant', notify: ['notify.phone'] };
    const card = document.createElement('vitals-alerts-card') as VitalsAlertsCard & { editMode: boolean; hub?: unknown; now: () => number };
    card.editMode = true;
    card.hub = setup.hub;
    card.now = () => setup.clock.t;
    (await fixture(html`<div></div>`)).appendChild(card);
    card.setConfig({ type: 'custom:vitals-alerts-card', title: 'Rack', entities: [cpu], alerts: [rule] });
    card.hass = fakeHass(setup.connection, { callService: async () => undefined, callApi }) as never;
    for (let i = 0; i < 50 && !q(card, '.server-rules .note'); i++) await sleep(20);
    const whileEditing = [...posted];
    const note = textOf(q(card, '.server-rules .note'));
    // Act: Done
    card.editMode = false;
    for (let i = 0; i < 50 && !posted.length; i++) await sleep(20);
    // Assert
    expect(whileEditing).to.deep.equal([]);
    expect(note).to.contain('made from the saved card');
    expect(posted).to.have.length(1);
    expect(posted[0]).to.match(/^config\/automation\/config\/ha_vitals_rack_/);
  });

  it('says a hidden tab stops evaluating unless the profile keeps background connections (the frontend suspends them by default)', async () => {
    // Arrange: a watchdog card (its browser rule has a coverage line), once with Home Assistant's default and once with suspending off
    const callApi = async () => ({ result: 'ok' });
    const config = (cpu: string) => ({ type: 'custom:vitals-alerts-card', entities: [cpu], watchdog: true, alerts: [{ name: 'cpu_odd', type: 'anomaly', notify: ['notify.phone'] }] });
    const byDefault = await mount<VitalsAlertsCard>('vitals-alerts-card', hubSetup(), config(freshId('cpu')), { callApi });
    const keptOn = await mount<VitalsAlertsCard>('vitals-alerts-card', hubSetup(), config(freshId('cpu')), { callApi, suspendWhenHidden: false });
    // Act
    for (let i = 0; i < 50 && !(q(byDefault, '.coverage') && q(keptOn, '.coverage')); i++) await sleep(20);
    // Assert
    expect(textOf(q(byDefault, '.coverage .suspends'))).to.contain('stops evaluating 5 min after it is hidden');
    expect(q(keptOn, '.coverage'), 'the coverage line itself is there').to.exist;
    expect(q(keptOn, '.coverage .suspends')).to.equal(null);
  });

  it('shows escalation steps for alerts of rules defined on other cards too', async () => {
    // Arrange: a metric card's rule, registered with the hub by that card, not by this one.
    const setup = hubSetup();
    const disk = freshId('disk');
    setup.connection.setState(disk, '97', { friendly_name: 'Disk', unit_of_measurement: '%' }, setup.clock.t / 1000);
    const card = await mount<VitalsAlertsCard>('vitals-alerts-card', setup, { type: 'custom:vitals-alerts-card' });
    const { parseAlertsConfig } = await import('../../../src/core/config/alerts');
    const parsed = parseAlertsConfig([
      { name: 'disk_full', type: 'threshold', above: 95, for: '0s', group_wait: '0s', notify: ['notify.phone', { service: 'notify.all_phones', after: '15m' }] },
    ]);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    setup.hub.register({ id: `metric:${disk}`, entities: [disk], config: parsed.value });
    await sleep(60);
    // Act
    await setup.hub.evaluate();
    await card.updateComplete;
    // Assert
    expect(textOf(row(card, `disk_full/${disk}`).querySelector('.escalation'))).to.equal('tier 1 of 2 · next: notify.all_phones in 15 min');
  });

  it('shows the escalation tier and the next step with its time', async () => {
    const { card, cpu, clock } = await firingCard();
    expect(textOf(row(card, `cpu_high/${cpu}`).querySelector('.escalation'))).to.equal('tier 1 of 2 · next: notify.all_phones in 10 min');
    // Act: six minutes later.
    clock.t += 6 * MIN;
    card.refresh();
    await card.updateComplete;
    // Assert
    expect(textOf(row(card, `cpu_high/${cpu}`).querySelector('.escalation'))).to.equal('tier 1 of 2 · next: notify.all_phones in 4 min');
    expect(textOf(row(card, `cpu_high/${cpu}`).querySelector('.state'))).to.contain('firing for 6 min');
  });

  it('shows failed notification calls as a warning line', async () => {
    const setup = hubSetup({ callService: async () => Promise.reject(new Error('Service notify.phone not found')) });
    const { card } = await firingCard({}, setup);
    const line = q(card, '.banner.failure');
    expect(line?.getAttribute('role')).to.equal('alert');
    expect(textOf(line)).to.match(/1 notification failed; last: notify\.phone — Service notify\.phone not found/);
  });

  it('says which device sent the last notification', async () => {
    // Arrange: on this browser the notification is sent; on the other, another device claimed it.
    const here = await firingCard();
    const claimedElsewhere = await firingCard({}, hubSetup(undefined, undefined, { run: async () => 'lost' }));
    // Act
    const sentHere = textOf(q(here.card, '.delivery'));
    const sentElsewhere = textOf(q(claimedElsewhere.card, '.delivery'));
    // Assert
    expect(here.calls.length).to.be.greaterThan(0);
    expect(claimedElsewhere.calls).to.have.length(0);
    expect(sentHere).to.match(/^Last notification \d{1,2}:\d\d [AP]M · notify\.phone · sent from this device$/);
    expect(sentElsewhere).to.match(/sent by another device with this dashboard open$/);
    expect(textOf(q(here.card, '.why'))).to.match(/^sent from this device \d{1,2}:\d\d [AP]M via notify\.phone$/);
    expect(textOf(q(claimedElsewhere.card, '.why'))).to.match(/^sent by another device \d{1,2}:\d\d [AP]M via notify\.phone$/);
  });

  it('reports its alert states as MQTT sensors when report is on, and stops when removed', async () => {
    // Arrange
    const setup = hubSetup();
    const topics: string[] = [];
    setup.connection.responders.set('call_service', (m) => (topics.push((m.service_data as { topic: string }).topic), null));
    // Act
    const { card, cpu } = await firingCard({ report: true }, setup);
    await sleep(50); // the reporter chunk loads
    const whileShown = [...topics];
    card.remove();
    await sleep(0);
    setup.clock.t += 5_000;
    setup.connection.setState(cpu, '10', {}, setup.clock.t / 1000);
    await setup.hub.evaluate();
    await sleep(20);
    // Assert
    const id = alertSensorId({ rule: 'cpu_high', seriesId: cpu });
    expect(whileShown).to.include(`homeassistant/sensor/${id}/config`);
    expect(whileShown).to.include(`ha-vitals/alerts/${id}/state`);
    expect(topics.length).to.equal(whileShown.length);
  });

  it('lists recent transitions with time, from → to and value', async () => {
    const { card, cpu } = await firingCard();
    const items = qa(card, '.history li').map((li) => textOf(li));
    expect(items.some((t) => t.includes(`cpu_high · Processor <b>use</b>`) && t.includes('inactive → firing') && t.includes('95%'))).to.equal(true);
    expect(items.some((t) => t.includes('cpu_slow') && t.includes('inactive → pending'))).to.equal(true);
    expect(q(card, '.history time')?.getAttribute('datetime')).to.match(/^\d{4}-/);
    void cpu;
  });

  it('keeps recently resolved alerts in "all" and hides them in "active"', async () => {
    const { card, cpu, connection, clock, hub } = await firingCard();
    clock.t += 5_000;
    connection.setState(cpu, '20', { friendly_name: 'CPU', unit_of_measurement: '%' }, clock.t / 1000);
    await hub.evaluate();
    await card.updateComplete;
    const resolved = row(card, `cpu_high/${cpu}`);
    expect(resolved.classList.contains('resolved')).to.equal(true);
    expect(textOf(resolved.querySelector('.state'))).to.equal('critical: resolved 0 s ago');
    expect(resolved.querySelector('.actions')).to.equal(null);
    // Act
    card.setConfig({ type: 'custom:vitals-alerts-card', show: 'active', alerts: rules(cpu), entities: [cpu] });
    await sleep(50);
    await hub.evaluate();
    await card.updateComplete;
    // Assert (a new scope: the old one was released with the config change)
    expect(qa(card, 'li.alert.resolved')).to.have.length(0);
  });

  it('says all clear with the number of rules and entities', async () => {
    const setup = hubSetup();
    const a = freshId('a');
    const b = freshId('b');
    const card = await mount<VitalsAlertsCard>('vitals-alerts-card', setup, { type: 'custom:vitals-alerts-card', entities: [a, b] });
    expect(textOf(q(card, '.empty'))).to.equal('All clear — 2 rules watching 2 entities');
    const other = await mount<VitalsAlertsCard>('vitals-alerts-card', hubSetup(), { type: 'custom:vitals-alerts-card', title: 'Everything' });
    expect(textOf(q(other, '.empty'))).to.equal('All clear — no alerts from any card');
    expect(textOf(q(other, '.title'))).to.equal('Everything');
  });

  it('shows the reconnecting state', async () => {
    const setup = hubSetup();
    const card = await mount<VitalsAlertsCard>('vitals-alerts-card', setup, { type: 'custom:vitals-alerts-card', entities: [freshId('c')] });
    // Act
    setup.connection.emit('disconnected');
    await card.updateComplete;
    // Assert
    expect(textOf(q(card, '.banner.reconnecting'))).to.match(/Reconnecting/);
  });

  it('releases its scope when removed from the page', async () => {
    // Arrange
    const { card, hub, cpu } = await firingCard();
    const scope = hub.alerts()[0].scope;
    expect(scope).to.match(new RegExp(`^alerts:${cpu.replace(/\./g, '\\.')}`));
    // Act
    card.remove();
    // Assert: the scope lingers for a re-layout, then stops.
    expect(hub.alerts().filter((a) => a.scope === scope)).to.have.length.greaterThan(0);
    hub.stopIdleScopes();
    expect(hub.alerts().filter((a) => a.scope === scope)).to.have.length(0);
    expect(hub.ack(scope, `cpu_high/${cpu}`)).to.equal(false);
  });

  it('rejects bad config with messages naming the path', () => {
    const card = new VitalsAlertsCard();
    expect(() => card.setConfig({ entities: ['sensor.cpu'], alerts: [{ name: 'x', type: 'threshold', above: 1, for: 'soon' }] })).to.throw(
      'vitals-alerts-card: alerts[0].for: expected a duration like "30s", got "soon"',
    );
    expect(() => card.setConfig({ alerts: { rules: [{ name: 'x', type: 'thresold' }] } })).to.throw(/alerts\.rules\[0\]\.type: .*did you mean "threshold"/);
    expect(() => card.setConfig({ shwo: 'all' })).to.throw(/vitals-alerts-card: shwo: unknown key; did you mean "show"\?/);
    expect(() => card.setConfig({ entities: ['CPU'] })).to.throw(/entities\[0\]: expected an entity id/);
    expect(() => card.setConfig({ max_items: 0 })).to.throw(/max_items: expected a whole number from 1 to 500/);
    expect(() => card.setConfig({ snooze_options: ['later'] })).to.throw(/snooze_options\[0\]: expected a duration/);
    expect(() => card.setConfig({ snooze_options: [] })).to.throw(/snooze_options: expected at least one/);
    expect(() => card.setConfig('nope')).to.throw(/must be a mapping/);
  });

  it('defaults: DEFAULT_RULES with entities, none without, and a stable scope id', () => {
    const withEntities = parseAlertsCardConfig({ entities: 'sensor.cpu' });
    expect(withEntities.alerts.rules.map((r) => r.name)).to.deep.equal(['anomaly', 'no_data']);
    expect(withEntities.show).to.equal('all');
    expect(withEntities.max_items).to.equal(20);
    expect(withEntities.snooze_options).to.deep.equal([900_000, 3_600_000, 14_400_000, 86_400_000]);
    expect(parseAlertsCardConfig({}).alerts.rules).to.have.length(0);
    const a = scopeIdOf(parseAlertsCardConfig({ entities: ['sensor.b', 'sensor.a'] }));
    const b = scopeIdOf(parseAlertsCardConfig({ entities: ['sensor.a', 'sensor.b'], alerts: [{ name: 'anomaly', type: 'anomaly', for: '0s' }, { name: 'no_data', type: 'nodata', when: 'unavailable', for: '300s', severity: 'info' }] }));
    expect(a).to.equal(b);
    expect(a).to.match(/^alerts:sensor\.a,sensor\.b:[0-9a-f]{8}$/);
    expect(scopeIdOf(parseAlertsCardConfig({ entities: ['sensor.a', 'sensor.b'], alerts: [] }))).to.not.equal(a);
    expect(shortHash('')).to.equal('811c9dc5');
    expect(canonicalJson({ b: [1, { d: undefined, c: 'x' }], a: null })).to.equal('{"a":null,"b":[1,{"c":"x"}]}');
  });

  it('gives Home Assistant sizes, a stub config and a lazily loaded editor', async () => {
    const card = new VitalsAlertsCard();
    expect(card.getCardSize()).to.equal(4);
    expect(card.getGridOptions()).to.include({ columns: 12, rows: 'auto' });
    expect(card.getLayoutOptions()).to.include({ grid_rows: 4 });
    const stub = VitalsAlertsCard.getStubConfig({
      states: {
        'sensor.processor_use': { state: '12', attributes: { unit_of_measurement: '%' } },
        'sensor.memory_use_percent': { state: '40', attributes: { unit_of_measurement: '%' } },
      },
    } as never);
    expect(stub.entities).to.deep.equal(['sensor.processor_use', 'sensor.memory_use_percent']);
    expect(() => parseAlertsCardConfig(stub)).to.not.throw();
    expect(VitalsAlertsCard.getStubConfig().entities).to.have.length(2);
    const editor = await VitalsAlertsCard.getConfigElement();
    expect(editor.tagName.toLowerCase()).to.equal('vitals-alerts-card-editor');
    const info = ALERTS_CARD_INFO;
    expect(info.preview).to.equal(true);
    expect(info.documentationURL).to.match(/^https:\/\//);
  });

  it('is readable at 320 px', async () => {
    const wrapper = await fixture(html`<div style="width: 320px"></div>`);
    const { card } = await firingCard();
    wrapper.appendChild(card);
    await sleep(20);
    await card.updateComplete;
    expect(card.scrollWidth).to.be.at.most(320);
  });
});

describe('alerts card model', () => {
  const base = { scope: 's', rule: 'r', seriesId: 'sensor.x', labels: {}, active: true, value: 1, score: 1, acknowledged: false, snoozed: false, silenced: false, inhibitedBy: [], flapping: false } as const;
  const alert = (over: Partial<HubAlert>): HubAlert => ({ ...base, key: 'r/sensor.x', severity: 'warning', state: 'firing', ...over }) as HubAlert;

  it('orders and filters, dropping resolved alerts older than an hour', () => {
    const now = 10 * 3_600_000;
    const list = [
      alert({ key: 'old', state: 'resolved', resolvedAt: now - 2 * 3_600_000 }),
      alert({ key: 'res', state: 'resolved', resolvedAt: now - 60_000 }),
      alert({ key: 'pend', state: 'pending', activeAt: now - 1000, severity: 'critical' }),
      alert({ key: 'info', firedAt: now - 1000, severity: 'info' }),
      alert({ key: 'crit', firedAt: now - 1000, severity: 'critical' }),
      alert({ key: 'none', state: 'inactive' }),
    ];
    expect(visibleAlerts(list, 'all', now, 20).map((a) => a.key)).to.deep.equal(['crit', 'info', 'pend', 'res']);
    expect(visibleAlerts(list, 'active', now, 2).map((a) => a.key)).to.deep.equal(['crit', 'info']);
    expect(stateText(alert({ state: 'inactive' }), now)).to.equal('inactive');
  });

  it('explains escalation when silenced, inhibited, done, or without tiers', () => {
    const rule = { notify: [{ after: 0, service: ['notify.a'], data: {} }, { after: 600_000, service: ['notify.b'], data: {}, name: 'loud' }] } as never;
    const now = 1_000_000;
    expect(escalationOf(alert({ firedAt: now - 60_000, silenced: true }), rule, now)!.text).to.equal('escalation stopped: silenced');
    expect(escalationOf(alert({ firedAt: now - 60_000, inhibitedBy: ['x'] }), rule, now)!.text).to.equal('escalation held: inhibited');
    expect(escalationOf(alert({ firedAt: now - 700_000 }), rule, now)!.text).to.equal('all 2 tiers notified');
    const single = { notify: [{ after: 0, service: ['persistent_notification.create'], data: {} }] } as never;
    expect(escalationOf(alert({ firedAt: now - 60_000 }), single, now)!.text).to.equal('notified: persistent_notification.create');
    expect(escalationOf(alert({ firedAt: now - 60_000 }), rule, now)!.text).to.equal('next: loud in 9 min');
    // A snooze that ends later restarts the clock from its end.
    expect(escalationOf(alert({ firedAt: now - 60_000, snoozedUntil: now + 60_000 }), rule, now)!.reached).to.equal(0);
    expect(escalationOf(alert({ firedAt: now }), undefined, now)).to.equal(undefined);
    expect(escalationOf(alert({ state: 'pending' }), rule, now)).to.equal(undefined);
  });
});

describe('clockText', () => {
  it('gives only the time for today and adds the day for another day', () => {
    // Arrange: local times, so the test means the same in every time zone.
    const morning = new Date(2026, 10, 26, 9, 5).getTime();
    const lateEvening = new Date(2026, 10, 26, 23, 30).getTime();
    const nextDay = new Date(2026, 10, 27, 1, 30).getTime();
    // Act
    const sameDay = clockText(lateEvening, morning);
    const crossesMidnight = clockText(nextDay, lateEvening);
    // Assert
    expect(sameDay).to.equal('11:30 PM');
    expect(crossesMidnight).to.match(/^\S.*27.* 1:30 AM$/);
    expect(crossesMidnight).to.not.equal('1:30 AM');
  });
});

describe('vitals-alerts-card with the shared hub', () => {
  it('loads the connection\'s hub lazily, registers its scope, and releases it on removal', async () => {
    // Arrange
    const { FakeConnection, fakeHass } = await import('../../helpers/fake-connection');
    const { storeFor } = await import('../../../src/ha/store');
    const { alertHubFor } = await import('../../../src/ha/alert-hub');
    const connection = new FakeConnection();
    connection.responders.set('history/history_during_period', () => ({}));
    connection.responders.set('recorder/statistics_during_period', () => ({}));
    const cpu = freshId('cpu');
    connection.setState(cpu, '10', {});
    const card = document.createElement('vitals-alerts-card') as VitalsAlertsCard;
    card.setConfig({ entities: [cpu] });
    (await fixture(html`<div></div>`)).appendChild(card);
    // Act
    card.hass = fakeHass(connection);
    await sleep(150);
    // Assert
    const hub = alertHubFor(storeFor(connection as never));
    expect(card.hub).to.equal(hub);
    expect(textOf(q(card, '.empty'))).to.equal('All clear — 2 rules watching 1 entity');
    expect(storeFor(connection as never).watchedIds).to.include(cpu);
    card.remove();
    hub.stopIdleScopes();
    await sleep(10);
    expect(storeFor(connection as never).watchedIds).to.not.include(cpu);
  });
});
