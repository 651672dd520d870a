import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../helpers/define-cards';
import { overviewEditorSchema, type VitalsOverviewCardEditor } from '../../../src/cards/overview/editor';

describe('vitals-overview-card-editor', () => {
  async function openEditor(config: Record<string, unknown>) {
    const Card = customElements.get('vitals-overview-card') as unknown as { getConfigElement(): Promise<HTMLElement> };
    const editor = (await Card.getConfigElement()) as VitalsOverviewCardEditor;
    editor.setConfig(config);
    const host = await fixture(html`<div></div>`);
    host.appendChild(editor);
    await editor.updateComplete;
    return { editor, form: editor.shadowRoot!.querySelector('ha-form') as HTMLElement & { data: Record<string, unknown>; schema: unknown } };
  }

  it('offers HA Vitals metrics for AI and Experience, entities for System, with the defaults shown', async () => {
    // Arrange / Act
    const { form } = await openEditor({ type: 'custom:vitals-overview-card' });
    // Assert
    expect(form.schema).to.deep.equal(overviewEditorSchema());
    const schema = form.schema as ReturnType<typeof overviewEditorSchema>;
    const ai = schema.find((s) => s.name === 'ai')!.selector as { select: { options: { value: string; label: string }[] } };
    expect(ai.select.options.map((o) => o.value)).to.include('vitals.assist_intent_ms');
    expect(ai.select.options.find((o) => o.value === 'vitals.assist_intent_ms')!.label).to.equal('Assist intent');
    expect(form.data).to.include({ hours_to_show: 24, baseline: '7d', max_insights: 3 });
  });

  it('saves changed fields, drops cleared ones and does not write untouched defaults', async () => {
    const { editor, form } = await openEditor({ type: 'custom:vitals-overview-card', title: 'Health', system: ['sensor.cpu'] });
    const fired = oneEvent(editor, 'config-changed');
    // Act
    form.dispatchEvent(new CustomEvent('value-changed', { detail: { value: { ...form.data, title: '', experience: ['vitals.ws_rtt_ms'], max_insights: 5 } } }));
    const { detail } = (await fired) as CustomEvent<{ config: Record<string, unknown> }>;
    // Assert
    expect(detail.config).to.deep.equal({ type: 'custom:vitals-overview-card', system: ['sensor.cpu'], experience: ['vitals.ws_rtt_ms'], max_insights: 5 });
  });
});
