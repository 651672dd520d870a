import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/cards/ai/editor';
import type { VitalsAiCardEditor } from '../../../src/cards/ai/editor';
import { parseAiCardConfig } from '../../../src/cards/ai/config';
import { fakeHass, sleep } from '../../helpers/fake-connection';
import { assistConnection } from './helpers';

interface FormSchemaLike {
  name: string;
  schema?: FormSchemaLike[];
  selector?: Record<string, { options?: { value: string; label: string }[] }>;
}
interface FormLike extends HTMLElement {
  data: Record<string, unknown>;
  schema: FormSchemaLike[];
}

async function renderEditor(config: Record<string, unknown>, connection = assistConnection()) {
  const editor = (await fixture(html`<vitals-ai-card-editor></vitals-ai-card-editor>`)) as VitalsAiCardEditor;
  editor.hass = fakeHass(connection);
  editor.setConfig({ type: 'custom:vitals-ai-card', ...config });
  await editor.updateComplete;
  await sleep(10); // the pipeline list
  await editor.updateComplete;
  const form = editor.shadowRoot!.querySelector('ha-form') as FormLike;
  return { editor, form, connection };
}

const flat = (schema: FormSchemaLike[]): FormSchemaLike[] => schema.flatMap((s) => (s.schema ? flat(s.schema) : [s]));
const warning = (editor: Element) => editor.shadowRoot!.querySelector('.paid-warning')?.textContent?.replace(/\s+/g, ' ').trim();

describe('vitals-ai-card-editor', () => {
  it('hands ha-form a schema with the pipelines to choose from, and the config as flat data', async () => {
    // Act
    const { editor, form } = await renderEditor({ pipeline: 'p1', runs_to_show: 5, metrics: [{ entity: 'sensor.tokens', name: 'Tokens' }] });
    // Assert
    expect(flat(form.schema).map((s) => s.name)).to.deep.equal([
      'title',
      'pipeline',
      'runs_to_show',
      'poll_interval',
      'metrics',
      'probe_enabled',
      'probe_text',
      'probe_interval',
      'probe_pipeline',
      'tap_action',
      'hold_action',
      'double_tap_action',
    ]);
    expect(flat(form.schema).find((s) => s.name === 'pipeline')!.selector!.select.options).to.deep.equal([
      { value: 'p1', label: 'Home Assistant' },
      { value: 'p2', label: 'ChatGPT <b>' },
    ]);
    expect(form.data).to.deep.equal({ pipeline: 'p1', runs_to_show: 5, poll_interval: 15, metrics: ['sensor.tokens'], probe_enabled: false, probe_interval: 300 });
    expect(warning(editor)).to.equal(undefined);
    // ha-form is not defined in this test page: the editor still renders, with its note.
    expect(customElements.get('ha-form')).to.equal(undefined);
    expect(editor.shadowRoot!.querySelector('.fallback')).to.exist;
  });

  it('falls back to a text field for the pipeline when the list cannot be read', async () => {
    const connection = assistConnection();
    connection.responders.delete('assist_pipeline/pipeline/list');
    const { form } = await renderEditor({}, connection);
    expect(flat(form.schema).find((s) => s.name === 'pipeline')!.selector).to.deep.equal({ text: {} });
  });

  it('warns that every probe is a paid LLM request when the probe pipeline uses an LLM agent', async () => {
    const { editor } = await renderEditor({ probe: { text: 'what time is it', pipeline: 'p2', interval: 600 } });
    expect(warning(editor)).to.contain('every probe is a paid LLM request').and.contain('conversation.openai_conversation').and.contain('144 a day');
    expect(editor.shadowRoot!.querySelector('.paid-warning')!.getAttribute('role')).to.equal('alert');
    // Pipeline names are text.
    expect(editor.shadowRoot!.querySelector('.paid-warning b')).to.equal(null);
  });

  it('warns for the card pipeline when the probe names none, and not for the built-in agent', async () => {
    expect(warning((await renderEditor({ pipeline: 'p2', probe: { text: 'what time is it' } })).editor)).to.contain('paid LLM request');
    // No pipeline anywhere: the preferred one (p1, built-in agent) answers.
    expect(warning((await renderEditor({ probe: { text: 'what time is it' } })).editor)).to.equal(undefined);
    expect(warning((await renderEditor({ pipeline: 'p2' })).editor)).to.equal(undefined);
  });

  it('fires config-changed with the probe written as a mapping the card accepts', async () => {
    // Arrange
    const { editor, form } = await renderEditor({ metrics: [{ entity: 'sensor.tokens', name: 'Tokens' }] });
    // Act
    const event = oneEvent(editor, 'config-changed');
    form.dispatchEvent(
      new CustomEvent('value-changed', {
        detail: {
          value: { ...form.data, pipeline: 'p2', runs_to_show: 20, metrics: ['sensor.tokens', 'sensor.latency'], probe_enabled: true, probe_text: 'what is the date', probe_interval: 900 },
        },
      }),
    );
    const { detail } = await event;
    // Assert
    expect(detail.config).to.deep.equal({
      type: 'custom:vitals-ai-card',
      pipeline: 'p2',
      runs_to_show: 20,
      metrics: [{ entity: 'sensor.tokens', name: 'Tokens' }, 'sensor.latency'],
      probe: { text: 'what is the date', interval: 900 },
    });
    expect(() => parseAiCardConfig(detail.config)).to.not.throw();
    await editor.updateComplete;
    expect(warning(editor)).to.contain('paid LLM request');
  });

  it('round trips: turning the probe off removes it, and defaults are not written', async () => {
    const { editor, form } = await renderEditor({ probe: { text: 'What day is it?', pipeline: 'p1' } });
    expect(form.data).to.deep.include({ probe_enabled: true, probe_text: 'what day is it', probe_pipeline: 'p1' });
    const event = oneEvent(editor, 'config-changed');
    form.dispatchEvent(new CustomEvent('value-changed', { detail: { value: { ...form.data, probe_enabled: false } } }));
    const { detail } = await event;
    expect(detail.config).to.deep.equal({ type: 'custom:vitals-ai-card' });
  });

  it('gives an enabled probe without a sentence a harmless default one', async () => {
    const { editor, form } = await renderEditor({});
    const event = oneEvent(editor, 'config-changed');
    form.dispatchEvent(new CustomEvent('value-changed', { detail: { value: { ...form.data, probe_enabled: true } } }));
    const { detail } = await event;
    expect(detail.config.probe).to.deep.equal({ text: 'what time is it' });
  });

  it('offers the probe sentences as a list, never free text, and says where the probe runs', async () => {
    // Act
    const { editor, form } = await renderEditor({});
    // Assert
    const field = flat(form.schema).find((f) => f.name === 'probe_text')!;
    expect(field.selector!.select.options!.map((o) => o.value)).to.deep.equal(['what time is it', 'what is the time', 'what is the date', 'what day is it', 'ha vitals probe']);
    const computeHelper = (editor.shadowRoot!.querySelector('ha-form') as unknown as { computeHelper: (entry: { name: string }) => string | undefined }).computeHelper;
    expect(computeHelper({ name: 'probe_enabled' })).to.contain('administrator turns it on in the card');
  });

  it('replaces a sentence that is not allowed by the default one when the form is saved', async () => {
    const { editor, form } = await renderEditor({});
    const event = oneEvent(editor, 'config-changed');
    form.dispatchEvent(new CustomEvent('value-changed', { detail: { value: { ...form.data, probe_enabled: true, probe_text: 'unlock the front door' } } }));
    const { detail } = await event;
    expect(detail.config.probe).to.deep.equal({ text: 'what time is it' });
  });
});
