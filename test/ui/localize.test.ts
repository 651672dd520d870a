import { expect } from '@open-wc/testing';
import { formatMessage, localizeFor, localizer } from '../../src/ui/localize';
import { isRightToLeft, languageOf, loadLanguage, loadedCatalogue } from '../../src/ui/localize/load';
import { EN, type StringKey } from '../../src/ui/localize/languages/en';
import { EN_EDITOR } from '../../src/ui/localize/languages/en-editor';
import DE from '../../src/ui/localize/languages/de';
import FR from '../../src/ui/localize/languages/fr';
import ES from '../../src/ui/localize/languages/es';
import NL from '../../src/ui/localize/languages/nl';

/** All English: the cards' strings and the editors' (importing en-editor.ts above registered them). */
const ENGLISH_ALL: Record<StringKey, string> = { ...EN, ...EN_EDITOR };

const placeholders = (message: string) =>
  [...message.matchAll(/\{(\w+)(?:, plural,)?/g)].map((m) => m[1]).sort();

describe('ui/localize', () => {
  it('fills placeholders and picks plural forms by the language\'s rules', () => {
    expect(formatMessage('{name} reaches {target}', { name: 'Disk', target: '90 %' })).to.equal('Disk reaches 90 %');
    expect(formatMessage('{count, plural, one {# anomaly} other {# anomalies}}', { count: 1 })).to.equal('1 anomaly');
    expect(formatMessage('{count, plural, one {# anomaly} other {# anomalies}}', { count: 3 })).to.equal('3 anomalies');
    expect(formatMessage('{count, plural, =0 {none} one {# run} other {# runs}}', { count: 0 })).to.equal('none');
    // French counts 0 as singular; the count is written with the language's digits.
    expect(formatMessage('{count, plural, one {# alerte} other {# alertes}}', { count: 0 }, 'fr')).to.equal('0 alerte');
    expect(formatMessage('{count, plural, one {# Lauf} other {# Läufe}}', { count: 1200 }, 'de')).to.equal('1.200 Läufe');
    expect(formatMessage('left {missing}', {})).to.equal('left {missing}');
  });

  it('has every key in every language, with the same placeholders as English', () => {
    for (const [language, catalogue] of Object.entries({ de: DE, fr: FR, es: ES, nl: NL })) {
      for (const key of Object.keys(ENGLISH_ALL) as StringKey[]) {
        const message = (catalogue as Record<string, string>)[key];
        expect(message, `${language} ${key}`).to.be.a('string').and.not.equal('');
        expect(placeholders(message), `${language} ${key}`).to.deep.equal(placeholders(ENGLISH_ALL[key]));
      }
      expect(Object.keys(catalogue).filter((k) => !(k in ENGLISH_ALL)), `${language}: keys English does not have`).to.deep.equal([]);
    }
  });

  it('keeps the editors\' English apart from the cards\' and speaks it once en-editor.ts is loaded', () => {
    // Arrange
    const cardKeys = Object.keys(EN);
    const editorKeys = Object.keys(EN_EDITOR);
    // Act
    const shared = editorKeys.filter((key) => cardKeys.includes(key));
    const cardEditorKeys = cardKeys.filter((key) => /^(editor|preview)\./.test(key));
    // Assert
    expect(shared, 'keys in both en.ts and en-editor.ts').to.deep.equal([]);
    expect(editorKeys.every((key) => /^(editor|preview)\./.test(key)), 'en-editor.ts holds editor.* and preview.* keys only').to.equal(true);
    expect(cardEditorKeys, 'editor strings left in en.ts (the alerts card\'s own button only)').to.deep.equal(['preview.last_7d_button']);
    expect(localizer('en')('editor.common.title')).to.equal(EN_EDITOR['editor.common.title']);
    expect(localizer('pt-BR')('preview.summary_none', { range: 'last 24 hours', samples: 3 })).to.equal('Would not have fired in the last 24 hours (3 samples).');
  });

  it('speaks English until the user\'s language has loaded, then theirs; unknown languages stay English', async () => {
    // Arrange
    const hass = { language: 'de', locale: { language: 'de-CH' } };
    let loaded = 0;
    // Act
    const before = localizeFor({ language: 'nl' })('history.zoom_in');
    localizeFor(hass, () => loaded++);
    await loadLanguage('de-CH');
    await new Promise((r) => setTimeout(r, 0));
    // Assert
    expect(languageOf(hass)).to.equal('de-CH');
    expect(loadedCatalogue('de')).to.equal(DE);
    expect(loaded).to.equal(1);
    expect(localizer('de-CH')('history.zoom_in')).to.equal(DE['history.zoom_in']);
    expect(localizer('de-CH')('history.zoom_in')).to.not.equal(EN['history.zoom_in']);
    expect(localizer('pt-BR')('history.zoom_in')).to.equal(EN['history.zoom_in']);
    expect(before).to.equal(loadedCatalogue('nl') ? NL['history.zoom_in'] : EN['history.zoom_in']);
  });

  it('knows which languages are written right to left', () => {
    expect(isRightToLeft('he')).to.equal(true);
    expect(isRightToLeft('ar-EG')).to.equal(true);
    expect(isRightToLeft('de')).to.equal(false);
  });
});
