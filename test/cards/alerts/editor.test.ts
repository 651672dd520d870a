import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/cards/alerts/editor';
import type { VitalsAlertsCardEditor } from '../../../src/cards/alerts/editor';

describe('vitals-alerts-card-editor', () => {
  it('renders without ha-form, with the rules editor bound to alerts and the card’s entities', async () => {
    const editor = (await fixture(html`<vitals-alerts-card-editor></vitals-alerts-card-editor>`)) as VitalsAlertsCardEditor;
    editor.setConfig({ type: 'custom:vitals-alerts-card', entities: 'sensor.cpu' });
    await editor.updateComplete;
    expect(editor.shadowRoot!.querySelector('ha-form')).to.exist;
    const rules = editor.shadowRoot!.querySelector('vitals-rules-editor')!;
    expect(rules.value).to.equal(undefined);
    expect(rules.entities).to.deep.equal(['sensor.cpu']);
    expect(rules.defaults, 'no alerts: the default rules').to.equal(true);
    expect(editor.shadowRoot!.textContent).to.not.contain('Rules are edited in YAML');
    expect(editor.toFormData(editor.config!)).to.deep.equal({ title: '', entities: ['sensor.cpu'], show: 'all', max_items: 20, report: false });
  });

  it('fires config-changed keeping the rules and dropping cleared fields', async () => {
    // Arrange
    const editor = (await fixture(html`<vitals-alerts-card-editor></vitals-alerts-card-editor>`)) as VitalsAlertsCardEditor;
    const alerts = [{ name: 'cpu_high', type: 'threshold', above: 90 }];
    editor.setConfig({ type: 'custom:vitals-alerts-card', entities: ['sensor.cpu'], alerts, title: 'Old' });
    await editor.updateComplete;
    let fired: Record<string, unknown> | undefined;
    editor.addEventListener('config-changed', (e) => (fired = (e as CustomEvent).detail.config));
    // Act
    editor.shadowRoot!.querySelector('ha-form')!.dispatchEvent(
      new CustomEvent('value-changed', { detail: { value: { title: '', entities: ['sensor.cpu', 'sensor.mem'], show: 'active', max_items: 5, report: true } } }),
    );
    // Assert
    expect(fired).to.deep.equal({ type: 'custom:vitals-alerts-card', entities: ['sensor.cpu', 'sensor.mem'], alerts, show: 'active', max_items: 5, report: true });
    expect(editor.toFormData({})).to.deep.equal({ title: '', entities: [], show: 'all', max_items: 20, report: false });
  });
});

describe('vitals-alerts-card-editor: rules', () => {
  async function editorWith(config: Record<string, unknown>) {
    const editor = (await fixture(html`<vitals-alerts-card-editor></vitals-alerts-card-editor>`)) as VitalsAlertsCardEditor;
    editor.setConfig({ type: 'custom:vitals-alerts-card', entities: ['sensor.cpu'], title: 'T', ...config });
    await editor.updateComplete;
    const rules = () => editor.shadowRoot!.querySelector('vitals-rules-editor')!;
    const fire = async (value: unknown) => {
      const fired = oneEvent(editor, 'config-changed');
      rules().dispatchEvent(new CustomEvent('value-changed', { detail: { value }, bubbles: true, composed: true }));
      const config = ((await fired) as CustomEvent<{ config: Record<string, unknown> }>).detail.config;
      editor.setConfig(config);
      await editor.updateComplete;
      return config;
    };
    return { editor, rules, fire };
  }

  it('writes the rules into alerts, keeping every other key of the card', async () => {
    // Arrange
    const { editor, rules, fire } = await editorWith({ alerts: { rules: [], reconnect_grace: '1m' }, x_unknown: 1 });
    // Act: add a rule through the rules editor's own button
    const fired = oneEvent(editor, 'config-changed');
    rules().shadowRoot!.querySelector<HTMLButtonElement>('.add-rule')!.click();
    const config = ((await fired) as CustomEvent<{ config: Record<string, unknown> }>).detail.config;
    const cleared = await fire({ rules: [], reconnect_grace: '1m' });
    // Assert
    expect(config).to.deep.equal({
      type: 'custom:vitals-alerts-card',
      entities: ['sensor.cpu'],
      title: 'T',
      x_unknown: 1,
      alerts: { rules: [{ name: 'threshold', type: 'threshold', above: 90, for: '5m', severity: 'warning' }], reconnect_grace: '1m' },
    });
    expect(cleared.alerts).to.deep.equal({ rules: [], reconnect_grace: '1m' });
  });

  it('a card without alerts whose added rules are all removed again gets no empty key; one that had alerts keeps []', async () => {
    const without = await editorWith({});
    await without.fire([{ name: 'a', type: 'anomaly' }]);
    const back = await without.fire([]);
    const withRules = await editorWith({ alerts: [{ name: 'a', type: 'anomaly' }] });
    const emptied = await withRules.fire([]);
    expect(back).to.not.have.property('alerts');
    expect(emptied.alerts).to.deep.equal([]);
  });
});

describe('vitals-alerts-card-editor: services', () => {
  it('shows which services the rules will call, and the error when a rule asks for one that is not allowed', async () => {
    // Arrange
    const editor = (await fixture(html`<vitals-alerts-card-editor></vitals-alerts-card-editor>`)) as VitalsAlertsCardEditor;
    // Act
    editor.setConfig({ type: 'custom:vitals-alerts-card', entities: ['sensor.cpu'], alerts: [{ name: 'a', type: 'threshold', above: 1, notify: ['notify.phone', 'persistent_notification.create'] }] });
    await editor.updateComplete;
    const allowed = editor.shadowRoot!.querySelector('.services')!.textContent;
    editor.setConfig({ type: 'custom:vitals-alerts-card', entities: ['sensor.cpu'], alerts: [{ name: 'a', type: 'threshold', above: 1, notify: ['lock.unlock'] }] });
    await editor.updateComplete;
    const refused = editor.shadowRoot!.querySelector('.services.error')!.textContent;
    editor.setConfig({ type: 'custom:vitals-alerts-card', entities: ['sensor.cpu'] });
    await editor.updateComplete;
    const defaults = editor.shadowRoot!.querySelector('.services')!.textContent;
    // Assert
    expect(allowed).to.equal('These rules call: notify.phone, persistent_notification.create');
    expect(refused).to.match(/^alerts\[0\]\.notify\[0\]\.service: "lock\.unlock" is not allowed/);
    expect(defaults).to.equal('These rules call: persistent_notification.create');
  });
});
