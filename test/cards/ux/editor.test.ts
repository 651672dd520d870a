import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/cards/ux/editor';
import type { VitalsUxCardEditor } from '../../../src/cards/ux/editor';
import { parseUxCardConfig } from '../../../src/cards/ux/config';

interface FormLike extends HTMLElement {
  data: Record<string, unknown>;
  schema: { name: string; schema?: { name: string }[]; selector?: Record<string, { options?: { value: string }[] }> }[];
}

async function renderEditor(config: Record<string, unknown>) {
  const editor = (await fixture(html`<vitals-ux-card-editor></vitals-ux-card-editor>`)) as VitalsUxCardEditor;
  editor.setConfig(config);
  await editor.updateComplete;
  const form = editor.shadowRoot!.querySelector('ha-form') as FormLike;
  return { editor, form };
}

const flatNames = (schema: FormLike['schema']) => schema.flatMap((s) => (s.schema ? s.schema.map((c) => c.name) : [s.name]));

describe('vitals-ux-card-editor', () => {
  it('hands ha-form the schema and the config as flat data, even when ha-form is not defined', async () => {
    // Act
    const { editor, form } = await renderEditor({ type: 'custom:vitals-ux-card', level: 'basic', window: '1h', devices: ['sensor.ha_vitals_tablet_ws_rtt_ms', { entity_prefix: 'ha_vitals_phone' }] });
    // Assert
    expect(flatNames(form.schema)).to.deep.equal(['title', 'level', 'ping_interval', 'window_minutes', 'metrics', 'device_entities', 'report', 'report_group', 'tap_action', 'hold_action', 'double_tap_action']);
    expect(form.data).to.deep.equal({ level: 'basic', ping_interval: 30, window_minutes: 60, metrics: [], device_entities: ['sensor.ha_vitals_tablet_ws_rtt_ms'], report: false });
    const metrics = form.schema.find((s) => s.name === 'metrics')!.selector!.select.options!.map((o) => o.value);
    expect(metrics).to.deep.equal(['rtt', 'lag', 'service_call', 'overhead']);
    expect(editor.shadowRoot!.querySelector('.fallback')?.textContent).to.contain('code editor');
  });

  it('offers the full-level rows only at level full', async () => {
    const { form } = await renderEditor({ type: 'custom:vitals-ux-card', level: 'full' });
    const metrics = form.schema.find((s) => s.name === 'metrics')!.selector!.select.options!.map((o) => o.value);
    expect(metrics).to.include.members(['inp', 'fps', 'long_tasks', 'heap']);
  });

  it('fires config-changed with a config the card accepts, keeping prefix devices', async () => {
    // Arrange
    const { editor, form } = await renderEditor({ type: 'custom:vitals-ux-card', level: 'full', metrics: ['inp'], devices: [{ entity_prefix: 'ha_vitals_phone', name: 'Phone' }] });
    // Act
    const event = oneEvent(editor, 'config-changed');
    form.dispatchEvent(
      new CustomEvent('value-changed', {
        detail: { value: { level: 'basic', ping_interval: 10, window_minutes: 5, metrics: ['inp', 'rtt'], device_entities: ['sensor.ha_vitals_tablet_fps'] } },
      }),
    );
    const { detail } = await event;
    // Assert: inp is dropped with level full; defaults are not written.
    expect(detail.config).to.deep.equal({
      type: 'custom:vitals-ux-card',
      ping_interval: 10,
      window: '5m',
      metrics: ['rtt'],
      devices: [{ entity_prefix: 'ha_vitals_phone', name: 'Phone' }, 'sensor.ha_vitals_tablet_fps'],
    });
    expect(() => parseUxCardConfig(detail.config)).to.not.throw();
  });

  it('turns reporting on and off and edits the group, keeping an interval written in YAML', async () => {
    // Arrange: an older config that named the device (now the group).
    const { editor, form } = await renderEditor({ type: 'custom:vitals-ux-card', report: { device: 'hall', interval: '5m' } });
    const change = async (value: Record<string, unknown>) => {
      const event = oneEvent(editor, 'config-changed');
      form.dispatchEvent(new CustomEvent('value-changed', { detail: { value: { ...form.data, ...value } } }));
      return (await event).detail.config as Record<string, unknown>;
    };
    // Act
    const shown = { report: form.data.report, group: form.data.report_group };
    const regrouped = await change({ report_group: 'wall' });
    const ungrouped = await change({ report_group: '' });
    const off = await change({ report: false });
    const on = await change({ report: true, report_group: '' });
    // Assert
    expect(shown).to.deep.equal({ report: true, group: 'hall' });
    expect(regrouped.report).to.deep.equal({ group: 'wall', interval: '5m' });
    expect(parseUxCardConfig(regrouped).report).to.deep.equal({ group: 'wall', interval: 300_000 });
    expect(ungrouped.report).to.deep.equal({ interval: '5m' });
    expect(off).to.not.have.property('report');
    expect(on.report).to.equal(true);
    expect(parseUxCardConfig(on).report).to.deep.equal({ interval: 60_000 });
  });

  it('round trips: defaults in the form give back the minimal config', async () => {
    const { editor, form } = await renderEditor({ type: 'custom:vitals-ux-card', level: 'basic' });
    const event = oneEvent(editor, 'config-changed');
    form.dispatchEvent(new CustomEvent('value-changed', { detail: { value: { ...form.data, title: '' } } }));
    const { detail } = await event;
    expect(detail.config).to.deep.equal({ type: 'custom:vitals-ux-card' });
  });
});
