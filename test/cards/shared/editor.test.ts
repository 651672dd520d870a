/**
 * What every visual editor shares: its words in the user's Home Assistant language (loaded like
 * the cards' own), and Home Assistant's "Interactions" section for the cards that take tap, hold
 * and double tap actions, round-tripped without touching the keys the form does not show.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/cards/ai/editor';
import '../../../src/cards/alerts/editor';
import '../../../src/cards/history/editor';
import '../../../src/cards/metric/editor';
import '../../../src/cards/overview/editor';
import '../../../src/cards/system/editor';
import '../../../src/cards/ux/editor';
import { parseAiCardConfig } from '../../../src/cards/ai/config';
import { parseHistoryCardConfig } from '../../../src/cards/history/config';
import { parseMetricCardConfig } from '../../../src/cards/metric/config';
import { parseSystemCardConfig } from '../../../src/cards/system/config';
import { parseUxCardConfig } from '../../../src/cards/ux/config';
import { loadLanguage, loadedCatalogue } from '../../../src/ui/localize/load';
import DE from '../../../src/ui/localize/languages/de';

type Config = Record<string, unknown>;
interface SchemaLike {
  name: string;
  type?: string;
  title?: string;
  selector?: Record<string, { options?: { value: string; label: string }[]; default_action?: string }>;
  schema?: SchemaLike[];
}
interface FormLike extends HTMLElement {
  data: Config;
  schema: SchemaLike[];
  computeLabel: (entry: SchemaLike) => string;
  computeHelper: (entry: SchemaLike) => string | undefined;
}
interface EditorLike extends HTMLElement {
  hass?: unknown;
  setConfig(config: Config): void;
  readonly updateComplete: Promise<boolean>;
}

const GERMAN_HASS = { language: 'de', locale: { language: 'de', number_format: 'language', time_format: 'language' }, states: {} };

async function renderEditor(card: string, config: Config, hass?: unknown) {
  const editor = (await fixture(html`<div></div>`)).appendChild(document.createElement(`${card}-editor`)) as EditorLike;
  if (hass) editor.hass = hass;
  editor.setConfig({ type: `custom:${card}`, ...config });
  await editor.updateComplete;
  return { editor, form: () => editor.shadowRoot!.querySelector('ha-form') as FormLike };
}

const flat = (schema: SchemaLike[]): SchemaLike[] => schema.flatMap((s) => (s.schema ? flat(s.schema) : [s]));
const sections = (schema: SchemaLike[]): SchemaLike[] => schema.filter((s) => s.type === 'expandable');
const optionLabels = (schema: SchemaLike[]) => flat(schema).flatMap((s) => Object.values(s.selector ?? {}).flatMap((v) => (v?.options ?? []).map((o) => o.label)));

const GERMAN = new Set(Object.values(DE));

/** Minimal configs of the seven cards. */
const MINIMAL: Record<string, Config> = {
  'vitals-metric-card': { entity: 'sensor.cpu' },
  'vitals-history-card': { entities: ['sensor.cpu'] },
  'vitals-system-card': { entities: { cpu: 'sensor.cpu' } },
  'vitals-ux-card': {},
  'vitals-ai-card': {},
  'vitals-alerts-card': {},
  'vitals-overview-card': {},
};

describe('visual editors: the user’s language', () => {
  it('switches to German once the German translation has loaded (hass arrives first)', async () => {
    // Arrange: a German user; the translation is not in memory yet.
    expect(loadedCatalogue('de'), 'German is not loaded before this test').to.equal(undefined);
    const { editor, form } = await renderEditor('vitals-metric-card', { entity: 'sensor.cpu' }, GERMAN_HASS);
    const before = form().computeLabel({ name: 'direction' });
    // Act
    await loadLanguage('de');
    await editor.updateComplete;
    // Assert: English while loading, then German labels, option labels, section title and note.
    expect(before).to.equal('Direction');
    const schema = form().schema;
    expect(form().computeLabel({ name: 'direction' })).to.equal('Richtung');
    expect(form().computeLabel({ name: 'entity' })).to.equal('Entität');
    expect(form().computeLabel({ name: 'tap_action' })).to.equal('Verhalten beim Tippen');
    expect(form().computeLabel({ name: 'double_tap_action' })).to.equal('Verhalten beim Doppeltippen');
    expect(sections(schema).map((s) => s.title)).to.deep.equal(['Interaktionen']);
    expect(optionLabels(schema)).to.include.members(['Höher ist schlechter', 'Niedriger ist schlechter', 'Durchschnitt']);
    expect(editor.shadowRoot!.querySelector('.fallback')!.textContent).to.contain('Code-Editor');
  });

  for (const card of Object.keys(MINIMAL)) {
    it(`${card}: every label, helper, option and section title is German for a German user`, async () => {
      // Arrange
      await loadLanguage('de');
      // Act
      const { form } = await renderEditor(card, MINIMAL[card], GERMAN_HASS);
      // Assert: each text is one of the German catalogue's (an English-only text would not be).
      const { schema, computeLabel, computeHelper } = form();
      const fields = flat(schema).filter((s) => s.name !== '');
      const texts = [
        ...fields.map((s) => computeLabel(s)),
        ...fields.map((s) => computeHelper(s)).filter((h): h is string => h !== undefined),
        ...sections(schema).map((s) => s.title!),
        ...optionLabels(schema).filter((label) => !/^[“"]/.test(label) && !label.startsWith('vitals.')),
      ];
      expect(texts.length).to.be.greaterThan(3);
      for (const text of texts) {
        expect(GERMAN.has(text), `"${text}" is German`).to.equal(true);
      }
    });
  }

  it('the alerts editor shows the rules editor and the services called in German', async () => {
    // Arrange
    await loadLanguage('de');
    // Act
    const { editor } = await renderEditor('vitals-alerts-card', { entities: ['sensor.cpu'], alerts: [{ name: 'a', type: 'threshold', above: 1, notify: ['notify.phone'] }] }, GERMAN_HASS);
    const rules = editor.shadowRoot!.querySelector('vitals-rules-editor')!;
    await rules.updateComplete;
    // Assert
    expect(editor.shadowRoot!.querySelector('.rules-title')!.textContent).to.equal('Alarmregeln');
    expect(rules.shadowRoot!.querySelector('.add-rule')!.textContent).to.equal('Regel hinzufügen');
    expect(rules.shadowRoot!.querySelector('.summary')!.textContent).to.equal('über 1 → notify.phone');
    expect(editor.shadowRoot!.querySelector('.services')!.textContent).to.equal('Diese Regeln rufen auf: notify.phone');
  });
});

/** The cards that take tap_action, hold_action and double_tap_action, with their parsers. */
const WITH_ACTIONS: [string, (config: Config) => unknown][] = [
  ['vitals-metric-card', parseMetricCardConfig],
  ['vitals-history-card', parseHistoryCardConfig],
  ['vitals-system-card', parseSystemCardConfig],
  ['vitals-ux-card', parseUxCardConfig],
  ['vitals-ai-card', parseAiCardConfig],
];

describe('visual editors: interactions', () => {
  for (const [card, parse] of WITH_ACTIONS) {
    it(`${card}: offers HA's action selectors and round-trips the actions, a cleared one removed, other keys kept`, async () => {
      // Arrange
      const tap = { action: 'navigate', navigation_path: '/lovelace/system' };
      const hold = { action: 'none' };
      const { editor, form } = await renderEditor(card, { ...MINIMAL[card], tap_action: tap, hold_action: hold, x_not_in_form: { kept: true } });
      const section = sections(form().schema).find((s) => s.title === 'Interactions');
      const shown = form().data;
      // Act: clear the hold action, set a double tap action.
      const fired = oneEvent(editor, 'config-changed');
      form().dispatchEvent(new CustomEvent('value-changed', { detail: { value: { ...shown, hold_action: undefined, double_tap_action: { action: 'toggle' } } } }));
      const config = ((await fired) as CustomEvent<{ config: Config }>).detail.config;
      // Assert: HA's ui_action selectors with the card's own defaults.
      expect(section, 'the Interactions section').to.exist;
      expect(section!.schema!.map((s) => [s.name, s.selector])).to.deep.equal([
        ['tap_action', { ui_action: { default_action: 'more-info' } }],
        ['hold_action', { ui_action: { default_action: 'more-info' } }],
        ['double_tap_action', { ui_action: { default_action: 'none' } }],
      ]);
      expect(shown.tap_action).to.deep.equal(tap);
      expect(shown.hold_action).to.deep.equal(hold);
      expect(shown).to.not.have.property('double_tap_action');
      expect(config.tap_action).to.deep.equal(tap);
      expect(config).to.not.have.property('hold_action');
      expect(config.double_tap_action).to.deep.equal({ action: 'toggle' });
      expect(config.x_not_in_form).to.deep.equal({ kept: true });
      expect(config.type).to.equal(`custom:${card}`);
      const { x_not_in_form: _unknown, ...known } = config;
      expect(() => parse(known), 'the card accepts the saved actions').to.not.throw();
    });
  }

  for (const card of ['vitals-alerts-card', 'vitals-overview-card']) {
    it(`${card}: has no Interactions section (the card takes no actions)`, async () => {
      const { form } = await renderEditor(card, MINIMAL[card]);
      expect(flat(form().schema).map((s) => s.name)).to.not.include('tap_action');
    });
  }
});
