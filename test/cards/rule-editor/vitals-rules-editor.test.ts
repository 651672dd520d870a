/**
 * <vitals-rules-editor>: the rules as a list with native buttons (no Home Assistant elements in
 * these tests), every change a `value-changed` with the new raw `alerts:` in the form written.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/cards/shared/rule-editor/vitals-rules-editor';
import type { VitalsRulesEditor } from '../../../src/cards/shared/rule-editor/vitals-rules-editor';
import { parseAlertsConfig } from '../../../src/core/config/alerts';

type Rec = Record<string, unknown>;
interface FormLike extends HTMLElement {
  data: Rec;
  schema: { name: string; schema?: { name: string }[] }[];
  error: Record<string, string>;
  computeLabel: (entry: { name: string }) => string;
}

const CPU = { name: 'cpu_high', type: 'threshold', above: 90, for: '2m', notify: 'notify.mobile_app_x' };
const MEM = { name: 'mem', type: 'anomaly', severity: 'critical' };

async function render(value: unknown, entities = ['sensor.cpu'], defaults = false) {
  const el = await fixture<VitalsRulesEditor>(html`<vitals-rules-editor .value=${value} .entities=${entities} ?defaults=${defaults}></vitals-rules-editor>`);
  await el.updateComplete;
  const $ = <T extends Element = HTMLElement>(selector: string) => el.shadowRoot!.querySelector<T & Element>(selector) as T;
  const $$ = (selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
  return { el, $, $$ };
}

async function changeBy(el: VitalsRulesEditor, act: () => void): Promise<unknown> {
  const fired = oneEvent(el, 'value-changed');
  act();
  const event = (await fired) as CustomEvent<{ value: unknown }>;
  expect(event.bubbles && event.composed, 'bubbles and composed').to.equal(true);
  await el.updateComplete;
  return event.detail.value;
}

describe('vitals-rules-editor: the list', () => {
  it('shows each rule with its name, type, summary and severity, and labelled native buttons', async () => {
    // Arrange / Act
    const { $$ } = await render([CPU, MEM]);
    // Assert
    const rows = $$('li');
    expect(rows.length).to.equal(2);
    expect(rows[0].querySelector('.name')!.textContent).to.equal('cpu_high');
    expect(rows[0].querySelector('.type')!.textContent).to.equal('Threshold');
    expect(rows[0].querySelector('.summary')!.textContent).to.equal('above 90 for 2m → notify.mobile_app_x');
    expect(rows[1].querySelector('.severity')!.textContent!.trim()).to.equal('critical');
    const labels = [...rows[0].querySelectorAll('button')].map((b) => b.getAttribute('aria-label')).filter(Boolean);
    expect(labels).to.deep.equal(['Duplicate cpu_high', 'Move cpu_high up', 'Move cpu_high down', 'Remove cpu_high']);
    expect(rows[0].querySelector<HTMLButtonElement>('.up')!.disabled).to.equal(true);
    expect(rows[1].querySelector<HTMLButtonElement>('.down')!.disabled).to.equal(true);
    expect(rows[0].querySelector('.toggle')!.getAttribute('aria-expanded')).to.equal('false');
  });

  it('adds a rule of the chosen type with a unique name that validates, and opens it', async () => {
    // Arrange
    const { el, $ } = await render([CPU, { name: 'trend', type: 'trend', limit: 1 }]);
    const select = $<HTMLSelectElement>('select.new-type');
    select.value = 'trend';
    select.dispatchEvent(new Event('change'));
    // Act
    const value = (await changeBy(el, () => $('.add-rule').click())) as Rec[];
    // Assert
    expect(value.length).to.equal(3);
    expect(value[0]).to.deep.equal(CPU);
    expect(value[2]).to.include({ name: 'trend_2', type: 'trend' });
    expect(parseAlertsConfig(value).ok).to.equal(true);
    expect(el.shadowRoot!.querySelector('li[data-index="2"] .toggle')!.getAttribute('aria-expanded')).to.equal('true');
  });

  it('moves and removes rules; the list form stays a list, the mapping keeps its other keys', async () => {
    // Arrange
    const list = await render([CPU, MEM]);
    const mapping = await render({ rules: [CPU, MEM], reconnect_grace: '5m', inhibit: [] });
    // Act
    const movedDown = await changeBy(list.el, () => list.$('li[data-index="0"] .down').click());
    const movedUp = await changeBy(mapping.el, () => mapping.$('li[data-index="1"] .up').click());
    const removed = await changeBy(mapping.el, () => mapping.$('li[data-index="0"] .remove').click());
    // Assert
    expect(movedDown).to.deep.equal([MEM, CPU]);
    expect(movedUp).to.deep.equal({ rules: [MEM, CPU], reconnect_grace: '5m', inhibit: [] });
    expect(removed).to.deep.equal({ rules: [CPU], reconnect_grace: '5m', inhibit: [] });
  });

  it('keeps keyboard focus on the moved rule’s button', async () => {
    const { el, $ } = await render([CPU, MEM, { ...MEM, name: 'third' }]);
    $('li[data-index="0"] .down').focus();
    await changeBy(el, () => $('li[data-index="0"] .down').click());
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal($('li[data-index="1"] .down'));
    expect(el.shadowRoot!.activeElement!.getAttribute('aria-label')).to.equal('Move cpu_high down');
  });

  it('duplicates a rule under a new name right after it', async () => {
    const { el, $ } = await render([CPU, MEM]);
    const value = await changeBy(el, () => $('li[data-index="0"] .duplicate').click());
    expect(value).to.deep.equal([CPU, { ...CPU, name: 'cpu_high_copy' }, MEM]);
  });

  it('says what no alerts means, and can start from the default rules', async () => {
    const card = await render(undefined, ['sensor.cpu'], true);
    const metric = await render(undefined);
    const empty = await render([]);
    expect(card.$('.note').textContent).to.contain('default anomaly and no-data rules');
    expect(metric.$('.note').textContent).to.equal('No alert rules.');
    expect(empty.$('.note').textContent).to.equal('No rules: this card raises no alerts.');
    const value = (await changeBy(card.el, () => card.$('.start-defaults').click())) as Rec[];
    expect(value.map((r) => r.name)).to.deep.equal(['anomaly', 'no_data']);
  });

  it('a value that is no list of rules is left to the code editor', async () => {
    const { $, $$ } = await render({ rules: 'nope' });
    expect($('.note.error').textContent).to.contain('code editor');
    expect($$('li').length).to.equal(0);
  });
});

describe('vitals-rules-editor: one rule', () => {
  it('opens the rule’s ha-form with its data, schema, labels and errors at the fields', async () => {
    // Arrange
    const bad = { name: 'bad', type: 'threshold', above: 'lots', bogus: 1 };
    const { el, $ } = await render([CPU, bad]);
    // Act
    $('li[data-index="1"] .toggle').click();
    await el.updateComplete;
    // Assert
    const form = $<FormLike>('li[data-index="1"] ha-form.main');
    expect(form.data).to.include({ name: 'bad', type: 'threshold' });
    expect(form.error.above).to.equal('expected a number, got "lots"');
    expect(form.computeLabel({ name: 'recover_below' })).to.equal('Recovers below');
    expect($('li[data-index="1"] .rule-error').textContent).to.match(/^bogus: unknown key/);
    expect($('li[data-index="1"] .invalid')).to.exist;
    expect($('li[data-index="1"] vitals-rule-preview')).to.exist;
    expect(($('li[data-index="1"] vitals-rule-preview') as unknown as { rule: unknown }).rule).to.deep.equal(bad);
  });

  it('a form change writes that key only, into the rule at its place', async () => {
    // Arrange
    const { el, $ } = await render({ rules: [CPU, MEM] });
    $('li[data-index="0"] .toggle').click();
    await el.updateComplete;
    const form = $<FormLike>('li[data-index="0"] ha-form.main');
    // Act
    const value = await changeBy(el, () =>
      form.dispatchEvent(new CustomEvent('value-changed', { detail: { value: { ...form.data, above: 95 } }, bubbles: true, composed: true })),
    );
    // Assert
    expect(value).to.deep.equal({ rules: [{ ...CPU, above: 95 }, MEM] });
  });

  it('edits, adds and removes notification tiers, keeping the shorthand', async () => {
    // Arrange
    const { el, $ } = await render([CPU]);
    $('li[data-index="0"] .toggle').click();
    await el.updateComplete;
    // Act
    const added = (await changeBy(el, () => $('.add-tier').click())) as Rec[];
    const tierForm = $<FormLike>('.tier[data-tier="1"] ha-form');
    const edited = (await changeBy(el, () =>
      tierForm.dispatchEvent(new CustomEvent('value-changed', { detail: { value: { ...tierForm.data, after: { hours: 1, minutes: 0, seconds: 0 } } } })),
    )) as Rec[];
    const removed = (await changeBy(el, () => $('.tier[data-tier="1"] .remove').click())) as Rec[];
    // Assert
    expect(added[0].notify).to.deep.equal(['notify.mobile_app_x', { service: 'persistent_notification.create', after: '10m' }]);
    expect(edited[0].notify).to.deep.equal(['notify.mobile_app_x', { service: 'persistent_notification.create', after: '1h' }]);
    expect(removed[0].notify).to.deep.equal(['notify.mobile_app_x']);
    expect($('.tier[data-tier="0"] .remove').getAttribute('aria-label')).to.equal('Remove tier 1');
  });

  it('section settings turn the list into the mapping form, with the allow-list warning shown', async () => {
    const { el, $ } = await render([CPU]);
    const form = $<FormLike>('details.section ha-form');
    expect($('details.section .warning').textContent).to.contain('Allowed services');
    const value = await changeBy(el, () => form.dispatchEvent(new CustomEvent('value-changed', { detail: { value: { ...form.data, allow_services: ['siren.*'] } } })));
    expect(value).to.deep.equal({ rules: [CPU], allow_services: ['siren.*'] });
  });
});

describe('vitals-rules-editor: rules that run in Home Assistant', () => {
  const SERVER = { name: 'cpu_server', type: 'threshold', above: 90, for: '2m', run_in: 'home_assistant' };

  it('offers run_in and shows the automation YAML the card writes (alerts card)', async () => {
    // Arrange
    const el = await fixture<VitalsRulesEditor>(
      html`<vitals-rules-editor serverRules .automationContext=${{ scope: 'Rack', cardTitle: 'Rack', tag: 'abcdef0123' }} .value=${[SERVER]} .entities=${['sensor.cpu']}></vitals-rules-editor>`,
    );
    // Act
    el.shadowRoot!.querySelector<HTMLButtonElement>('li[data-index="0"] .toggle')!.click();
    await el.updateComplete;
    // Assert
    const form = el.shadowRoot!.querySelector('ha-form.main') as unknown as FormLike;
    expect(form.schema.some((s) => s.name === 'run_in')).to.equal(true);
    const yaml = el.shadowRoot!.querySelector('.automation-yaml pre')!.textContent!;
    expect(yaml).to.match(/^- id: "ha_vitals_rack_[0-9a-f]{6}_cpu_server_sensor_cpu_[0-9a-f]{8}"/);
    expect(yaml).to.contain('platform: "numeric_state"');
    expect(yaml).to.contain('above: 90');
    expect(yaml).to.contain('abcdef0123');
  });

  it('does not offer run_in where no automation would be created (metric card)', async () => {
    // Arrange
    const { el, $ } = await render([CPU]);
    // Act
    $<HTMLButtonElement>('li[data-index="0"] .toggle').click();
    await el.updateComplete;
    // Assert
    const form = $<FormLike>('ha-form.main');
    expect(form.schema.some((s) => s.name === 'run_in')).to.equal(false);
    expect($('.automation-yaml')).to.equal(null);
  });
});
