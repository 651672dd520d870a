import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/cards/system/editor';
import type { VitalsSystemCardEditor } from '../../../src/cards/system/editor';
import { parseSystemCardConfig } from '../../../src/cards/system/config';

type HaForm = HTMLElement & { schema: { name: string; selector?: Record<string, unknown> }[]; data: Record<string, unknown> };

describe('vitals-system-card-editor', () => {
  it('round trip: schema and data for ha-form, a changed sensor fires config-changed with the new config', async () => {
    // Arrange
    const editor = await fixture<VitalsSystemCardEditor>(html`<vitals-system-card-editor></vitals-system-card-editor>`);
    editor.setConfig({ type: 'custom:vitals-system-card', entities: { cpu: 'sensor.cpu', disk: { entity: 'sensor.disk', limit: 95 } } });
    await editor.updateComplete;
    const form = editor.shadowRoot!.querySelector('ha-form') as HaForm;
    expect(form.schema.map((s) => s.name)).to.deep.equal(['title', 'hours_to_show', 'cpu', 'memory', 'disk', 'load', 'network_in', 'network_out', 'database', '']);
    expect(form.schema[2].selector).to.deep.equal({ entity: { domain: 'sensor' } });
    expect(form.data).to.deep.equal({ hours_to_show: 24, cpu: 'sensor.cpu', disk: 'sensor.disk' });
    // Act
    const fired = oneEvent(editor, 'config-changed');
    form.dispatchEvent(
      new CustomEvent('value-changed', { detail: { value: { ...form.data, memory: 'sensor.mem', disk: 'sensor.disk2', cpu: '', hours_to_show: 48 } } }),
    );
    const { detail } = (await fired) as CustomEvent<{ config: Record<string, unknown> }>;
    // Assert: the disk row keeps its limit with the new entity; the cleared cpu row is gone.
    expect(detail.config).to.deep.equal({
      type: 'custom:vitals-system-card',
      entities: { memory: 'sensor.mem', disk: { entity: 'sensor.disk2', limit: 95 } },
      hours_to_show: 48,
    });
    expect(parseSystemCardConfig(detail.config).entities.disk).to.deep.equal({ entity: 'sensor.disk2', limit: 95 });
  });

  it('labels every field', async () => {
    const editor = await fixture<VitalsSystemCardEditor>(html`<vitals-system-card-editor></vitals-system-card-editor>`);
    editor.setConfig({ entities: { cpu: 'sensor.cpu' }, title: 'Host' });
    await editor.updateComplete;
    const form = editor.shadowRoot!.querySelector('ha-form') as HaForm & { computeLabel: (s: { name: string }) => string };
    expect(form.schema.map((s) => form.computeLabel(s))).to.deep.equal([
      'Title (optional)',
      'Hours of history for trends',
      'CPU',
      'Memory',
      'Disk',
      'Load',
      'Network in',
      'Network out',
      'Database',
      'Interactions',
    ]);
    expect(form.data.title).to.equal('Host');
  });
});
