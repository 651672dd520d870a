/**
 * Which translations are in memory, and how the others arrive. English is part of the cards'
 * code (the editors' English, languages/en-editor.ts, part of the editors'); every other language
 * is a small chunk of its own, loaded once when a card (or the entry's lazy card, alongside the
 * card's code) first sees a user with that language. Kept apart from the strings so the entry
 * module can start the download without carrying any catalogue.
 */
export type Catalogue = Readonly<Record<string, string>>;

/** The languages HA Vitals speaks besides English (Home Assistant language codes, base subtag). */
const LOADERS: Readonly<Record<string, () => Promise<{ default: Catalogue }>>> = {
  de: () => import('./languages/de.js'),
  fr: () => import('./languages/fr.js'),
  es: () => import('./languages/es.js'),
  nl: () => import('./languages/nl.js'),
};

const loaded = new Map<string, Catalogue>();
const pending = new Map<string, Promise<void>>();

/** `de-CH` → `de`; Home Assistant also writes `zh-Hans`, `pt-BR`. */
export function baseLanguageOf(language: string | undefined): string {
  return (language ?? 'en').toLowerCase().split(/[-_]/)[0] || 'en';
}

/** The user's language as Home Assistant knows it (profile first, then the frontend's). */
export function languageOf(hass?: { language?: string; locale?: { language?: string } }): string {
  return hass?.locale?.language ?? hass?.language ?? 'en';
}

export function supportedLanguage(language: string): boolean {
  return baseLanguageOf(language) in LOADERS;
}

/** The loaded catalogue for `language`, if any (undefined for English and for languages not loaded). */
export function loadedCatalogue(language: string): Catalogue | undefined {
  return loaded.get(baseLanguageOf(language));
}

/**
 * Make `language` available; resolves at once when it is English, unknown or already loaded. A
 * failed download (offline, a HACS upgrade renamed the chunk) leaves English in place and may be
 * retried later.
 */
export function loadLanguage(language: string): Promise<void> {
  const base = baseLanguageOf(language);
  const loader = LOADERS[base];
  if (!loader || loaded.has(base)) return Promise.resolve();
  let promise = pending.get(base);
  if (!promise) {
    promise = loader().then(
      (module) => void loaded.set(base, module.default),
      () => void pending.delete(base),
    );
    pending.set(base, promise);
  }
  return promise;
}

/** Right-to-left scripts among Home Assistant's languages: layouts mirror for these. */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ckb', 'yi']);
export function isRightToLeft(language: string): boolean {
  return RTL.has(baseLanguageOf(language));
}
