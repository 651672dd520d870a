/**
 * Every user-facing string of the cards and editors, in the user's Home Assistant language
 * (English, German, French, Spanish, Dutch), falling back to English for other languages and for a
 * translation not loaded yet. Messages use a small ICU subset: `{name}` and
 * `{count, plural, one {# run} other {# runs}}`.
 */
import { EN, type StringKey } from './languages/en.js';
import { baseLanguageOf, isRightToLeft, languageOf, loadLanguage, loadedCatalogue, type Catalogue } from './load.js';

export type { StringKey };
export { isRightToLeft, languageOf, loadLanguage };
export type Params = Record<string, string | number>;
export type Localize = (key: StringKey, params?: Params) => string;

const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;
const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function pluralBranch(language: string, count: number, branches: string): string {
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  const category = rules.select(count);
  let chosen: string | undefined;
  let other = '';
  for (const [, selector, text] of branches.matchAll(BRANCH)) {
    if (selector === `=${count}`) return text;
    if (selector === category && chosen === undefined) chosen = text;
    if (selector === 'other') other = text;
  }
  return chosen ?? other;
}

/** Fill a message's placeholders; `#` in a plural branch is the count in the language's digits. */
export function formatMessage(message: string, params: Params | undefined, language = 'en'): string {
  if (!params) return message;
  const withPlurals = message.replace(PLURAL, (_, name: string, branches: string) => {
    const count = Number(params[name]);
    let format = numberFormats.get(language);
    if (!format) numberFormats.set(language, (format = new Intl.NumberFormat(language)));
    return pluralBranch(language, count, branches).replace(/#/g, Number.isFinite(count) ? format.format(count) : String(params[name]));
  });
  return withPlurals.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The English strings in memory: the cards' (en.ts) and, once an editor or the backtest preview
 * has loaded, theirs (languages/en-editor.ts registers itself when imported).
 */
const english: Partial<Record<StringKey, string>> = { ...EN };

/** Add English strings to the table; en-editor.ts calls it as it loads. */
export function registerEnglish(strings: Partial<Record<StringKey, string>>): void {
  Object.assign(english, strings);
}

/** A localize function for `language`, using what is loaded now (English until the language arrives). */
export function localizer(language: string): Localize {
  const catalogue: Catalogue | undefined = loadedCatalogue(language);
  const base = catalogue ? baseLanguageOf(language) : 'en';
  // The key itself only if a module names an editor key without importing en-editor.ts (a test forbids that).
  return (key, params) => formatMessage(catalogue?.[key] ?? english[key] ?? key, params, base);
}

/**
 * The localize function for the user of `hass`. When their language is still downloading, English
 * is returned now and `onLoaded` runs once the translation is in (the card renders again).
 */
export function localizeFor(hass: { language?: string; locale?: { language?: string } } | undefined, onLoaded?: () => void): Localize {
  const language = languageOf(hass);
  if (!loadedCatalogue(language) && onLoaded) {
    void loadLanguage(language).then(() => {
      if (loadedCatalogue(language)) onLoaded();
    });
  }
  return localizer(language);
}

/** English, for views before `hass` arrives. */
export const ENGLISH: Localize = localizer('en');

/**
 * Keeps `t` in the language of the user of `hass` for an element that is not a card (editors, the
 * rule preview): English until the translation has loaded, then `onLoaded` (render again). A
 * language change while one loads is not overtaken by the older one.
 */
export class LanguageFollower {
  t: Localize = ENGLISH;
  private language?: string;

  constructor(private readonly onLoaded: () => void) {}

  follow(hass: { language?: string; locale?: { language?: string } } | undefined): void {
    const language = languageOf(hass);
    if (language === this.language) return;
    this.language = language;
    this.t = localizeFor(hass, () => {
      if (this.language !== language) return;
      this.t = localizer(language);
      this.onLoaded();
    });
  }
}
