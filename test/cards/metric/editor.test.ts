/** The metric card's visual editor: an "Alert rules" section bound to `alerts`, for the card's entity. */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/cards/metric/editor';
import type { VitalsMetricCardEditor } from '../../../src/cards/metric/editor';

type Config = Record<string, unknown>;

describe('vitals-metric-card-editor: alert rules', () => {
  it('binds the rules editor to alerts and the card’s entity, and writes alerts keeping every other key', async () => {
    // Arrange
    const editor = (await fixture(html`<vitals-metric-card-editor></vitals-metric-card-editor>`)) as VitalsMetricCardEditor;
    editor.setConfig({ type: 'custom:vitals-metric-card', entity: 'sensor.cpu', thresholds: [{ value: 80, color: 'red' }] });
    await editor.updateComplete;
    const rules = editor.shadowRoot!.querySelector('vitals-rules-editor')!;
    await rules.updateComplete;
    const note = rules.shadowRoot!.querySelector('.note')!.textContent;
    // Act
    const fired = oneEvent(editor, 'config-changed');
    rules.shadowRoot!.querySelector<HTMLButtonElement>('.add-rule')!.click();
    const config = ((await fired) as CustomEvent<{ config: Config }>).detail.config;
    // Assert
    expect(editor.shadowRoot!.querySelector('.rules-title')!.textContent).to.equal('Alert rules');
    expect(rules.entities).to.deep.equal(['sensor.cpu']);
    expect(rules.defaults, 'no alerts on a metric card means no rules').to.equal(false);
    expect(note).to.equal('No alert rules.');
    expect(config).to.deep.equal({
      type: 'custom:vitals-metric-card',
      entity: 'sensor.cpu',
      thresholds: [{ value: 80, color: 'red' }],
      alerts: [{ name: 'threshold', type: 'threshold', above: 90, for: '5m', severity: 'warning' }],
    });
  });

  it('removing the only rule of a card that had no alerts removes the key again', async () => {
    // Arrange
    const editor = (await fixture(html`<vitals-metric-card-editor></vitals-metric-card-editor>`)) as VitalsMetricCardEditor;
    editor.setConfig({ type: 'custom:vitals-metric-card', entity: 'sensor.cpu' });
    await editor.updateComplete;
    const rules = () => editor.shadowRoot!.querySelector('vitals-rules-editor')!;
    let fired = oneEvent(editor, 'config-changed');
    rules().shadowRoot!.querySelector<HTMLButtonElement>('.add-rule')!.click();
    editor.setConfig(((await fired) as CustomEvent<{ config: Config }>).detail.config);
    await editor.updateComplete;
    await rules().updateComplete;
    // Act
    fired = oneEvent(editor, 'config-changed');
    rules().shadowRoot!.querySelector<HTMLButtonElement>('li .remove')!.click();
    const config = ((await fired) as CustomEvent<{ config: Config }>).detail.config;
    // Assert
    expect(config).to.deep.equal({ type: 'custom:vitals-metric-card', entity: 'sensor.cpu' });
  });
});
