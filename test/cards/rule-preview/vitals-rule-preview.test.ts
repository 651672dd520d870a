import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/cards/shared/rule-preview/vitals-rule-preview';
import type { VitalsRulePreview } from '../../../src/cards/shared/rule-preview/vitals-rule-preview';
import { parseAlertsConfig } from '../../../src/core/config/alerts';
import { replaySeries } from '../../../src/core/replay/index';
import { FakeConnection, fakeHass } from '../../helpers/fake-connection';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** A day of one-a-minute CPU states around 40 %, with `excursions` 10-minute stretches at 95 %. */
function dayWithExcursions(excursions: number, now: number) {
  const from = now - 24 * HOUR;
  const rows: { s: string; lu: number }[] = [];
  const t: number[] = [];
  const v: number[] = [];
  for (let k = 0; from + k * MIN <= now - MIN; k++) {
    const time = from + k * MIN;
    const hour = Math.floor(k / 60);
    const high = hour % 4 === 1 && hour / 4 < excursions && k % 60 < 10;
    const value = high ? 95 + (k % 3) : 40 + (k % 5);
    rows.push({ s: String(value), lu: time / 1000 });
    t.push(time);
    v.push(value);
  }
  return { rows, t, v };
}

async function mountPreview(rule: unknown, rows: { s: string; lu: number }[]) {
  const connection = new FakeConnection();
  connection.responders.set('history/history_during_period', () => ({ 'sensor.cpu': rows }));
  connection.states.set('sensor.cpu', { s: '41', a: { unit_of_measurement: '%', friendly_name: 'CPU' }, lu: Date.now() / 1000 });
  const el = await fixture<VitalsRulePreview>(html`<vitals-rule-preview .hass=${fakeHass(connection)} .rule=${rule} .entities=${['sensor.cpu']}></vitals-rule-preview>`);
  await el.settled;
  return { el, connection };
}

const q = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement | null;

describe('vitals-rule-preview', () => {
  it('counts the firings the replay CLI counts on the same history, with notifications and the longest span', async () => {
    // Arrange: three 10-minute stretches above 90; the rule waits 2 minutes
    const rule = { name: 'cpu_hot', type: 'threshold', above: 90, for: '2m', group_wait: '0s', notify: ['notify.mobile_app_phone'] };
    const { rows, t, v } = dayWithExcursions(3, Date.now());
    // Act
    const { el } = await mountPreview(rule, rows);
    // Assert
    const summary = q(el, '.summary')!;
    const parsed = parseAlertsConfig([rule]);
    if (!parsed.ok) throw new Error('rule');
    const cli = replaySeries({ id: 'sensor.cpu', file: 'cpu', t: Float64Array.from(t), v: Float64Array.from(v), rawT: [] }, parsed.value);
    const cliFirings = cli.events.filter((e) => e.event === 'firing').length;
    expect(cliFirings).to.equal(3);
    expect(summary.dataset.firings).to.equal(String(cliFirings));
    expect(Number(summary.dataset.notifications)).to.equal(3);
    expect(summary.textContent).to.match(/^Would have fired 3 times in the last 24 hours: 3 notifications, longest (7|8) min\.$/);
    expect(el.shadowRoot!.querySelectorAll('.band.firing')).to.have.length(3);
    expect(el.shadowRoot!.querySelectorAll('.level.threshold')).to.have.length(1);
  });

  it('suggests a level from the p99 and hands it to the editor with "Use"', async () => {
    // Arrange: normal load 40–44 %, one 10-minute excursion (under 1 % of the day, so above the p99)
    const { rows } = dayWithExcursions(1, Date.now());
    const { el } = await mountPreview({ name: 'cpu', type: 'threshold', above: 30 }, rows);
    let patch: Record<string, unknown> | undefined;
    el.addEventListener('rule-patch', (e) => (patch = (e as CustomEvent).detail.patch));
    // Act
    q(el, '.suggestion button.use')!.click();
    // Assert
    expect(q(el, '.suggestion')!.textContent).to.contain('The p99 of the last 24 hours is 44%: above 44% for 5 min would have fired 1 time.');
    expect(patch).to.deep.equal({ above: 44, for: '5m' });
  });

  it('names the key when the rule is not valid yet, and replays nothing', async () => {
    // Arrange
    const { rows } = dayWithExcursions(1, Date.now());
    // Act
    const { el, connection } = await mountPreview({ name: 'cpu', type: 'threshold', above: 90, for: 'soon' }, rows);
    // Assert
    expect(q(el, '.invalid')!.textContent).to.contain('Fix the rule');
    expect(q(el, '.invalid .why')!.textContent).to.match(/^for: /);
    expect(connection.sent.filter((m) => m.type === 'history/history_during_period')).to.have.length(0);
    expect(q(el, '.summary')).to.equal(null);
  });

  it('replays again when the rule changes, from the history it already loaded', async () => {
    // Arrange
    const { rows } = dayWithExcursions(3, Date.now());
    const { el, connection } = await mountPreview({ name: 'cpu', type: 'threshold', above: 90 }, rows);
    const before = q(el, '.summary')!.dataset.firings;
    // Act
    el.rule = { name: 'cpu', type: 'threshold', above: 99 };
    await el.updateComplete;
    await el.settled;
    // Assert
    expect(before).to.equal('3');
    expect(q(el, '.summary')!.dataset.firings).to.equal('0');
    expect(q(el, '.summary')!.dataset.rule).to.equal(JSON.stringify({ name: 'cpu', type: 'threshold', above: 99 }));
    expect(q(el, '.summary')!.textContent).to.contain('Would not have fired in the last 24 hours');
    expect(connection.sent.filter((m) => m.type === 'history/history_during_period')).to.have.length(1);
  });

  it('shows the count at each sensitivity for an anomaly rule', async () => {
    // Arrange
    const { rows } = dayWithExcursions(3, Date.now());
    // Act
    const { el } = await mountPreview({ name: 'odd', type: 'anomaly', sensitivity: 'medium' }, rows);
    // Assert
    const levels = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.sweep button.level')];
    expect(levels.map((b) => b.dataset.sensitivity)).to.deep.equal(['0.25', '0.5', '0.75']);
    expect(levels.map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'true', 'false']);
    const medium = levels[1].textContent!.match(/(\d+) times?/);
    expect(medium && Number(medium[1])).to.equal(Number(q(el, '.summary')!.dataset.firings));
  });
});
