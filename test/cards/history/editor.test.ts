import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/cards/history/editor';
import type { VitalsHistoryCardEditor } from '../../../src/cards/history/editor';
import { parseHistoryCardConfig } from '../../../src/cards/history/config';

type HaForm = HTMLElement & { schema: { name: string; selector?: Record<string, unknown>; schema?: { name: string }[] }[]; data: Record<string, unknown> };

async function renderEditor(config: Record<string, unknown>) {
  const editor = await fixture<VitalsHistoryCardEditor>(html`<vitals-history-card-editor></vitals-history-card-editor>`);
  editor.setConfig(config);
  await editor.updateComplete;
  const form = editor.shadowRoot!.querySelector('ha-form') as HaForm;
  return { editor, form };
}

const change = (form: HaForm, value: Record<string, unknown>) =>
  form.dispatchEvent(new CustomEvent('value-changed', { detail: { value }, bubbles: true, composed: true }));

describe('vitals-history-card-editor', () => {
  it('passes ha-form a schema with sensor entity, number and boolean selectors, and the config as data', async () => {
    const { form } = await renderEditor({
      type: 'custom:vitals-history-card',
      entities: ['sensor.cpu', { entity: 'sensor.ram', name: 'RAM' }],
      forecast: { limit: 90 },
      compare: '7d',
    });
    const names = form.schema.flatMap((s) => (s.schema ? s.schema.map((c) => c.name) : [s.name]));
    expect(names).to.deep.equal(['title', 'entities', 'hours_to_show', 'compare', 'forecast_limit', 'show_anomalies', 'tap_action', 'hold_action', 'double_tap_action']);
    expect(form.schema[1].selector).to.deep.equal({ entity: { domain: 'sensor', multiple: true } });
    expect(form.data).to.deep.equal({
      entities: ['sensor.cpu', 'sensor.ram'],
      hours_to_show: 24,
      compare: '7d',
      forecast_limit: 90,
      show_anomalies: true,
    });
  });

  it('round trip: a changed field fires config-changed with the new config, keeping entity details', async () => {
    // Arrange
    const { editor, form } = await renderEditor({
      type: 'custom:vitals-history-card',
      entities: ['sensor.cpu', { entity: 'sensor.ram', name: 'RAM' }],
      thresholds: [{ value: 80 }],
    });
    // Act
    const fired = oneEvent(editor, 'config-changed');
    change(form, { ...form.data, hours_to_show: 168, forecast_limit: 95, show_anomalies: false, title: 'Load' });
    const event = (await fired) as CustomEvent<{ config: Record<string, unknown> }>;
    // Assert
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.config).to.deep.equal({
      type: 'custom:vitals-history-card',
      title: 'Load',
      entities: ['sensor.cpu', { entity: 'sensor.ram', name: 'RAM' }],
      thresholds: [{ value: 80 }],
      hours_to_show: 168,
      forecast: { limit: 95 },
      show_anomalies: false,
    });
    // The new config is valid for the card.
    expect(parseHistoryCardConfig(event.detail.config).hours_to_show).to.equal(168);
    await editor.updateComplete;
    expect((editor.shadowRoot!.querySelector('ha-form') as HaForm).data.hours_to_show).to.equal(168);
  });

  it('clearing optional fields removes their keys; removing an entity drops it', async () => {
    const { editor, form } = await renderEditor({ type: 'custom:vitals-history-card', entities: ['sensor.a', 'sensor.b'], forecast: { limit: 90, hours: 48 }, compare: '1d', title: 'T' });
    const fired = oneEvent(editor, 'config-changed');
    change(form, { entities: ['sensor.b'], hours_to_show: 24, show_anomalies: true, compare: '', title: '' });
    const { detail } = (await fired) as CustomEvent<{ config: Record<string, unknown> }>;
    // hours_to_show: 24 is the default the form showed: not written into the config.
    expect(detail.config).to.deep.equal({ type: 'custom:vitals-history-card', entities: ['sensor.b'] });
  });

  it('keeps other forecast keys when the limit changes, and shows a fallback without ha-form', async () => {
    const { editor, form } = await renderEditor({ entities: 'sensor.a', forecast: { limit: 90, hours: 48 } });
    expect(form.data.entities).to.deep.equal(['sensor.a']);
    const fired = oneEvent(editor, 'config-changed');
    change(form, { ...form.data, forecast_limit: 80 });
    const { detail } = (await fired) as CustomEvent<{ config: Record<string, unknown> }>;
    expect(detail.config.forecast).to.deep.equal({ limit: 80, hours: 48 });
    expect(customElements.get('ha-form')).to.equal(undefined);
    expect(form.querySelector('.fallback')?.textContent).to.contain('code editor');
  });
});
