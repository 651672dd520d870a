import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/cards/alerts/editor';
import type { VitalsAlertsCardEditor } from '../../../src/cards/alerts/editor';

describe('vitals-alerts-card-editor', () => {
  it('renders without ha-form, with the YAML hint for rules', async () => {
    const editor = (await fixture(html`<vitals-alerts-card-editor></vitals-alerts-card-editor>`)) as VitalsAlertsCardEditor;
    editor.setConfig({ type: 'custom:vitals-alerts-card', entities: 'sensor.cpu' });
    await editor.updateComplete;
    expect(editor.shadowRoot!.querySelector('ha-form')).to.exist;
    expect(editor.shadowRoot!.querySelector('.hint')!.textContent).to.contain('alerts:');
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
