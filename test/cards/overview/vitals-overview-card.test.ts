import { expect, fixture, html } from '@open-wc/testing';
import { OVERVIEW_CARD_INFO, VitalsOverviewCard } from '../../../src/cards/overview/vitals-overview-card';
import { DEFAULT_AI, DEFAULT_EXPERIENCE, parseOverviewCardConfig, resolveDomains } from '../../../src/cards/overview/config';
import { domainHealth } from '../../../src/cards/overview/model';
import { parseAlertsConfig } from '../../../src/core/config/alerts';
import { sleep } from '../../helpers/fake-connection';
import { freshId, hubSetup, mount, q, qa, textOf } from '../alerts/helpers';

if (!customElements.get('vitals-overview-card')) customElements.define('vitals-overview-card', VitalsOverviewCard);

const MIN = 60_000;
const HOUR = 3_600_000;
const PATTERN = [950, 1000, 1050, 980, 1020, 1000];

type Setup = ReturnType<typeof hubSetup>;

/** Record `hours` of one-a-minute samples ending now; ×factor from `shiftAt`. */
function record(setup: Setup, id: string, hours: number, factor: number, shiftAt: number, pattern = PATTERN) {
  const start = setup.clock.t - hours * HOUR;
  for (let k = 0, t = start; t <= setup.clock.t; k++, t += MIN) setup.store.record(id, t, pattern[k % pattern.length] * (t >= shiftAt ? factor : 1));
}

/** Home Assistant's English clock: 12-hour, no leading zero ("1:41 PM"). */
const hhmm = (t: number) => {
  const d = new Date(t);
  return `${d.getHours() % 12 || 12}:${String(d.getMinutes()).padStart(2, '0')} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
};

async function overview(setup: Setup, config: Record<string, unknown>, states: Record<string, unknown> = {}) {
  const card = await mount<VitalsOverviewCard>('vitals-overview-card', setup, { type: 'custom:vitals-overview-card', system: [], experience: [], ai: [], ...config }, states);
  return card;
}

const domain = (card: Element, key: string) => q(card, `li.domain.${key}`)!;

describe('vitals-overview-card', () => {
  it('turns a level shift up 42 % into a sentence with the number and the time it started', async () => {
    // Arrange
    const setup = hubSetup();
    setup.clock.t = Math.floor(setup.clock.t / MIN) * MIN;
    const id = 'vitals.assist_intent_ms';
    const card = await overview(setup, { ai: [id] });
    const shiftAt = setup.clock.t - 55 * MIN;
    record(setup, id, 6, 1.42, shiftAt);
    // Act
    await card.recompute();
    await card.updateComplete;
    // Assert
    const sentence = textOf(q(card, '.insight .sentence'));
    expect(sentence).to.match(/^Assist intent p95 1\.\d+ s, up 42% vs the previous 5 h of 1\.\d+ s/);
    expect(sentence).to.contain(`since ${hhmm(shiftAt)}`);
    expect(q(card, '.insight')!.classList.contains('warning')).to.equal(true);
    expect(domain(card, 'ai').dataset.level).to.equal('amber');
    expect(textOf(domain(card, 'ai').querySelector('.reason'))).to.equal(sentence);
    // A vitals.* metric has no more-info dialog: without navigation_path it is plain text.
    expect(q(card, '.insight button')).to.equal(null);
  });

  it('colours domains from hub alerts on their entities: critical firing red, warning amber', async () => {
    // Arrange
    const setup = hubSetup();
    const cpu = freshId('cpu');
    const gpu = freshId('gpu');
    const t0 = setup.clock.t;
    setup.connection.setState(cpu, '20', { friendly_name: 'CPU', unit_of_measurement: '%' }, t0 / 1000 - 10);
    setup.connection.setState(gpu, '20', { friendly_name: 'GPU', unit_of_measurement: '%' }, t0 / 1000 - 10);
    const rules = parseAlertsConfig([
      { name: 'cpu_high', type: 'threshold', above: 90, entity: cpu, severity: 'critical', notify: [] },
      { name: 'gpu_warm', type: 'threshold', above: 50, entity: gpu, severity: 'warning', notify: [] },
    ]);
    if (!rules.ok) throw new Error('rules');
    setup.hub.register({ id: 'test-scope', entities: [cpu, gpu], config: rules.value });
    const card = await overview(setup, { system: [cpu], ai: [gpu] });
    // Act
    setup.clock.t += 5_000;
    setup.connection.setState(cpu, '95', { friendly_name: 'CPU', unit_of_measurement: '%' }, setup.clock.t / 1000);
    setup.connection.setState(gpu, '60', { friendly_name: 'GPU', unit_of_measurement: '%' }, setup.clock.t / 1000);
    await setup.hub.evaluate();
    await card.updateComplete;
    // Assert
    expect(domain(card, 'system').dataset.level).to.equal('red');
    expect(textOf(domain(card, 'system').querySelector('.reason'))).to.equal('cpu_high firing on CPU (95%)');
    expect(textOf(domain(card, 'system').querySelector('.label'))).to.equal('System: critical.');
    expect(domain(card, 'ai').dataset.level).to.equal('amber');
    expect(textOf(domain(card, 'ai').querySelector('.reason'))).to.equal('gpu_warm firing on GPU (60%)');
    expect(domain(card, 'experience').dataset.level).to.equal('unknown');
    expect(textOf(domain(card, 'experience').querySelector('.reason'))).to.equal('No metrics found for this domain');
  });

  it('opens the entity with hass-more-info on click and by keyboard (a real button)', async () => {
    // Arrange
    const setup = hubSetup();
    setup.clock.t = Math.floor(setup.clock.t / MIN) * MIN;
    const disk = freshId('disk_use_percent');
    const card = await overview(setup, { system: [disk] }, { states: { [disk]: { state: '50', attributes: { friendly_name: 'Disk', unit_of_measurement: '%' } } } });
    record(setup, disk, 6, 2, setup.clock.t - 50 * MIN, [40, 41, 42]);
    await card.recompute();
    await card.updateComplete;
    const events: string[] = [];
    card.addEventListener('hass-more-info', (e) => events.push((e as CustomEvent).detail.entityId));
    const button = q(card, '.insight button.link') as HTMLButtonElement;
    // Act
    button.click();
    // Assert
    expect(events).to.deep.equal([disk]);
    expect(button.tagName).to.equal('BUTTON');
    // The jump also makes the regression forecast the disk full soon: that ranks first.
    expect(button.getAttribute('aria-label')).to.match(/^Disk 8\d%, rising [\d.]+%\/d: full in \d+ h \(limit 100%\)\. Open Disk$/);
    expect(qa(card, '.insight .sentence').map(textOf)[1]).to.match(/^Disk p95 8\d%, up 100% vs the previous 5 h of 4\d%, since \d{1,2}:\d\d [AP]M$/);
    expect(button.getBoundingClientRect().height).to.be.at.least(40);
    expect(domain(card, 'system').dataset.level).to.equal('red');
  });

  it('navigates to navigation_path instead when configured', async () => {
    const setup = hubSetup();
    setup.clock.t = Math.floor(setup.clock.t / MIN) * MIN;
    const id = 'vitals.ws_rtt_ms';
    const card = await overview(setup, { experience: [id], navigation_path: '/vitals-test/ux' });
    record(setup, id, 3, 3, setup.clock.t - 50 * MIN);
    await card.recompute();
    await card.updateComplete;
    const before = location.href;
    let changed = 0;
    const onChange = () => changed++;
    window.addEventListener('location-changed', onChange);
    try {
      // Act
      (q(card, '.insight button.link') as HTMLButtonElement).click();
      // Assert
      expect(location.pathname).to.equal('/vitals-test/ux');
      expect(changed).to.equal(1);
      expect(q(card, '.insight')!.classList.contains('critical')).to.equal(true);
    } finally {
      window.removeEventListener('location-changed', onChange);
      history.replaceState(null, '', before);
    }
  });

  it('limits the list to max_insights, best first', async () => {
    const setup = hubSetup();
    setup.clock.t = Math.floor(setup.clock.t / MIN) * MIN;
    const card = await overview(setup, { experience: ['vitals.ws_rtt_ms', 'vitals.state_lag_ms', 'vitals.service_call_ms'], max_insights: 2 });
    record(setup, 'vitals.ws_rtt_ms', 3, 1.5, setup.clock.t - 50 * MIN);
    record(setup, 'vitals.state_lag_ms', 3, 3, setup.clock.t - 50 * MIN);
    record(setup, 'vitals.service_call_ms', 3, 1.3, setup.clock.t - 50 * MIN);
    await card.recompute();
    await card.updateComplete;
    expect(qa(card, '.insight').map((li) => li.dataset.entity)).to.deep.equal(['vitals.state_lag_ms', 'vitals.ws_rtt_ms']);
  });

  it('says when there is not enough history for a baseline', async () => {
    const setup = hubSetup();
    const id = 'vitals.assist_total_ms';
    const card = await overview(setup, { ai: [id] });
    record(setup, id, 0.5, 1, 0);
    await card.recompute();
    await card.updateComplete;
    expect(textOf(q(card, '.empty'))).to.equal('Not enough history yet for a baseline (needs 1 h)');
    expect(textOf(domain(card, 'ai').querySelector('.reason'))).to.equal('Collecting a baseline (needs 1 h)');
  });

  it('says waiting, then no notable changes, and green with a count when steady', async () => {
    const setup = hubSetup();
    const id = 'vitals.state_lag_ms';
    const card = await overview(setup, { experience: [id] });
    expect(textOf(q(card, '.empty'))).to.equal('Waiting for data');
    record(setup, id, 3, 1, 0);
    await card.recompute();
    await card.updateComplete;
    expect(textOf(q(card, '.empty'))).to.equal('No notable changes against the baseline');
    expect(domain(card, 'experience').dataset.level).to.equal('green');
    expect(textOf(domain(card, 'experience').querySelector('.reason'))).to.equal('1 metric within the baseline');
  });

  it('shows reconnecting, and stops watching and telemetry when removed', async () => {
    // Arrange
    const setup = hubSetup();
    let pings = 0;
    (setup.connection as unknown as { ping: () => Promise<void> }).ping = async () => void pings++;
    setup.connection.responders.set('assist_pipeline/pipeline_list', () => ({ pipelines: [] }));
    const cpu = freshId('cpu');
    setup.connection.setState(cpu, '5', { unit_of_measurement: '%' });
    const card = await overview(setup, { ai: ['vitals.assist_total_ms', 'vitals.llm_turn_ms'], experience: ['vitals.ws_rtt_ms'], system: [cpu] });
    setup.connection.emit('disconnected');
    await card.updateComplete;
    expect(textOf(q(card, '.banner'))).to.match(/Reconnecting/);
    // Act
    card.remove();
    await sleep(10);
    // Assert
    expect(setup.store.watchedIds).to.not.include(cpu);
    expect(setup.store.watchedIds).to.not.include('vitals.ws_rtt_ms');
  });

  it('is readable at 320 px', async () => {
    const setup = hubSetup();
    setup.clock.t = Math.floor(setup.clock.t / MIN) * MIN;
    const card = await overview(setup, { ai: ['vitals.assist_intent_ms'] });
    record(setup, 'vitals.assist_intent_ms', 3, 1.42, setup.clock.t - 55 * MIN);
    await card.recompute();
    const wrapper = await fixture(html`<div style="width: 320px"></div>`);
    wrapper.appendChild(card);
    await sleep(20);
    await card.recompute();
    await card.updateComplete;
    expect(card.scrollWidth).to.be.at.most(320);
    expect(q(card, '.insight')).to.exist;
  });
});

describe('overview config and model', () => {
  it('fills defaults and discovers System Monitor sensors', () => {
    const config = parseOverviewCardConfig({ type: 'custom:vitals-overview-card' });
    expect(config).to.include({ hours_to_show: 24, baseline: 7 * 24 * HOUR, max_insights: 3 });
    const domains = resolveDomains(config, {
      states: {
        'sensor.processor_use': { state: '3', attributes: { unit_of_measurement: '%' } },
        'sensor.disk_use_percent': { state: '40', attributes: { unit_of_measurement: '%' } },
        'sensor.other': { state: 'x' },
      },
    });
    expect(domains).to.deep.equal({ ai: DEFAULT_AI, system: ['sensor.processor_use', 'sensor.disk_use_percent'], experience: DEFAULT_EXPERIENCE });
    expect(resolveDomains(parseOverviewCardConfig({ system: 'sensor.a' }), undefined).system).to.deep.equal(['sensor.a']);
  });

  it('rejects bad config naming the key', () => {
    expect(() => parseOverviewCardConfig({ baseline: 'soon' })).to.throw('vitals-overview-card: baseline: expected a duration like "30s", got "soon"');
    expect(() => parseOverviewCardConfig({ baseline: '10m' })).to.throw(/baseline: expected at least 1h/);
    expect(() => parseOverviewCardConfig({ ai: ['Assist'] })).to.throw(/ai\[0\]: expected an entity id/);
    expect(() => parseOverviewCardConfig({ max_insight: 2 })).to.throw(/max_insight: unknown key; did you mean "max_insights"\?/);
    expect(() => new VitalsOverviewCard().setConfig({ hours_to_show: 0 })).to.throw(/hours_to_show/);
  });

  it('sizes, stub and card picker entry', () => {
    const card = new VitalsOverviewCard();
    expect(card.getCardSize()).to.equal(4);
    expect(card.getGridOptions()).to.include({ columns: 12 });
    expect(card.getLayoutOptions()).to.include({ grid_columns: 4 });
    expect(() => parseOverviewCardConfig(VitalsOverviewCard.getStubConfig())).to.not.throw();
    expect(OVERVIEW_CARD_INFO).to.include({ type: 'vitals-overview-card', preview: true });
    expect(OVERVIEW_CARD_INFO.documentationURL).to.match(/^https:\/\//);
  });

  it('prefers pending alerts over info insights and reports no data', () => {
    const name = (id: string) => id;
    const unit = () => undefined;
    const pending = { seriesId: 'a', rule: 'r', state: 'pending', severity: 'critical', value: Number.NaN } as never;
    expect(domainHealth(['a'], [pending], [], [], name, unit)).to.deep.equal({ level: 'amber', reason: 'r pending on a' });
    expect(domainHealth(['a'], [], [], [{ entity: 'a', status: 'nodata', insights: [], haveMs: 0, needsMs: HOUR }], name, unit).reason).to.equal('No data yet');
    const info = { entity: 'a', severity: 'info', sentence: 's', score: 1 } as never;
    expect(domainHealth(['a'], [], [info], [], name, unit).level).to.equal('unknown');
  });
});

describe('vitals-overview-card with the shared hub', () => {
  it('loads the connection\'s hub lazily and judges domains from it', async () => {
    const { FakeConnection, fakeHass } = await import('../../helpers/fake-connection');
    const connection = new FakeConnection();
    connection.responders.set('history/history_during_period', () => ({}));
    connection.responders.set('recorder/statistics_during_period', () => ({}));
    const card = document.createElement('vitals-overview-card') as VitalsOverviewCard;
    card.setConfig({ ai: [], experience: [], system: [] });
    (await fixture(html`<div></div>`)).appendChild(card);
    card.hass = fakeHass(connection);
    await sleep(100);
    await card.updateComplete;
    expect(card.hub).to.exist;
    expect(textOf(domain(card, 'system').querySelector('.reason'))).to.equal('No metrics found for this domain');
    card.remove();
  });
});
