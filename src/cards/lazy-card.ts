/**
 * The element Home Assistant creates for each of our card types, light enough for the entry
 * module: it checks the config at once (so a bad config still gets Home Assistant's error card,
 * naming the key), answers the sections-view size questions from the config, and loads the
 * card's own code the moment a dashboard uses it. A dashboard with one history card downloads
 * the history card, not the other six.
 *
 * The loaded card (a Lit element) lives inside this one as its only child and gets the config
 * and `hass` as they come. `card` is that element; `shadowRoot` answers with the card's, so
 * tools that look into a card's shadow root (tests, browser devtools snippets) work unchanged.
 */
import type { HomeAssistant } from 'custom-card-helpers';
import { baseLanguageOf, languageOf, loadLanguage } from '../ui/localize/load';
import { holdForCardStart, trackCodeLoad } from '../ha/code-loads';

/** What the loaded card element offers (the Lit card classes). */
export interface LoadedCard extends HTMLElement {
  setConfig(config: unknown): void;
  hass?: HomeAssistant;
  /** Set by Home Assistant in the card editor's preview and on a dashboard in edit mode (2024.3: editMode; newer also preview). */
  editMode?: boolean;
  preview?: boolean;
  getCardSize?(): number | Promise<number>;
}

export interface LoadedCardClass {
  new (): LoadedCard;
  getStubConfig?(hass?: HomeAssistant, entities?: string[], fallback?: string[]): unknown;
  getConfigElement?(): Promise<HTMLElement> | HTMLElement;
}

export interface LazyCardSpec {
  /** The public tag (`vitals-history-card`); the loaded card is defined as `<tag>-view`. */
  tag: string;
  /** Throws an Error naming the key for a bad config (Home Assistant shows it in its error card). */
  parse(config: unknown): unknown;
  /** Sections-view sizes from the parsed config (also what the loaded card answers). */
  layout(config: never): { grid: object; layout: object };
  /** Card size (masonry view) until the code has loaded. */
  cardSize: number;
  load(): Promise<LoadedCardClass>;
  /**
   * Whether the server answers at all (any HTTP status). Default: a HEAD request for Home
   * Assistant's `/manifest.json`, never cached.
   */
  serverAnswers?(): Promise<boolean>;
  /** Reloads the page (default `location.reload()`). */
  reload?(): void;
}

/**
 * Why a card's code did not arrive. The server answering while the code is missing means the
 * files were replaced: a HACS upgrade renames every chunk, and a page loaded before it asks for
 * the old names. Only a reload helps then. Otherwise the connection is down: the code is tried
 * again when the card is shown again or the browser is back online.
 */
type LoadFailure = 'updated' | 'offline';

/** Least time between two attempts to load a card's code while Home Assistant keeps sending states. */
const RETRY_MS = 5_000;

function defaultServerAnswers(): Promise<boolean> {
  return fetch(new URL('/manifest.json', location.origin), { method: 'HEAD', cache: 'no-store' }).then(
    () => true,
    () => false,
  );
}

/**
 * The failure messages in every language HA Vitals speaks, here rather than in the catalogues: when
 * the card's code cannot load, the language chunk usually cannot either.
 */
const FAILURE_TEXT: Record<string, { updated: string; reload: string; offline: string }> = {
  en: {
    updated: 'HA Vitals was updated. Reload the page to load the new version.',
    reload: 'Reload',
    offline: 'its code could not be loaded (connection lost?). It is tried again when the connection is back.',
  },
  de: {
    updated: 'HA Vitals wurde aktualisiert. Lade die Seite neu, um die neue Version zu laden.',
    reload: 'Neu laden',
    offline: 'der Code konnte nicht geladen werden (Verbindung unterbrochen?). Er wird erneut geladen, sobald die Verbindung zurück ist.',
  },
  fr: {
    updated: 'HA Vitals a été mis à jour. Rechargez la page pour charger la nouvelle version.',
    reload: 'Recharger',
    offline: 'son code n’a pas pu être chargé (connexion perdue ?). Nouvel essai dès le retour de la connexion.',
  },
  es: {
    updated: 'HA Vitals se ha actualizado. Recarga la página para cargar la nueva versión.',
    reload: 'Recargar',
    offline: 'no se pudo cargar su código (¿conexión perdida?). Se volverá a intentar cuando vuelva la conexión.',
  },
  nl: {
    updated: 'HA Vitals is bijgewerkt. Herlaad de pagina om de nieuwe versie te laden.',
    reload: 'Herladen',
    offline: 'de code kon niet worden geladen (verbinding verbroken?). Er wordt opnieuw geprobeerd zodra de verbinding terug is.',
  },
};

/** A load per card type and page; retried after a failure (a dropped connection). */
function loader(spec: LazyCardSpec): () => Promise<LoadedCardClass> {
  let loading: Promise<LoadedCardClass> | undefined;
  return () => {
    // Counted, so the store subscribes once the dashboard's card code is in (src/ha/code-loads).
    loading ??= trackCodeLoad(spec.load()).then(
      (cls) => {
        const viewTag = `${spec.tag}-view`;
        if (!customElements.get(viewTag)) customElements.define(viewTag, cls);
        return customElements.get(viewTag) as unknown as LoadedCardClass;
      },
      (err: unknown) => {
        loading = undefined;
        throw err;
      },
    );
    return loading;
  };
}

export function lazyCardClass(spec: LazyCardSpec): CustomElementConstructor {
  const load = loader(spec);
  return class LazyCard extends HTMLElement {
    private inner?: LoadedCard;
    private config?: unknown;
    private parsed?: unknown;
    private hassValue?: HomeAssistant;
    private editModeValue?: boolean;
    private previewValue?: boolean;
    private failure?: HTMLElement;
    private attempt?: Promise<LoadedCard | undefined>;
    /** Holds the store's subscription from creation until the loaded card is on the page (code-loads.ts). */
    private releaseStartHold?: () => void;
    private lastAttemptAt = 0;

    /** The loaded card element (undefined until its code arrived). */
    get card(): LoadedCard | undefined {
      return this.inner;
    }

    override get shadowRoot(): ShadowRoot | null {
      return this.inner?.shadowRoot ?? null;
    }

    setConfig(config: unknown): void {
      this.parsed = spec.parse(config);
      if (!this.inner && !this.releaseStartHold) this.releaseStartHold = holdForCardStart();
      this.config = config;
      this.inner?.setConfig(config);
    }

    set hass(hass: HomeAssistant) {
      this.hassValue = hass;
      if (this.inner) this.inner.hass = hass;
      // Home Assistant delivering states again is the sign the connection is back (a restart of
      // HA fires no browser `online` event): a card that could not load tries again, at most
      // every RETRY_MS, as states keep coming.
      else if (this.failure?.dataset.failure === 'offline' && hass.connected !== false && Date.now() - this.lastAttemptAt >= RETRY_MS && this.isConnected)
        void this.ensureCard();
    }

    get hass(): HomeAssistant | undefined {
      return this.hassValue;
    }

    set editMode(value: boolean) {
      this.editModeValue = value;
      if (this.inner) this.inner.editMode = value;
    }

    get editMode(): boolean {
      return this.editModeValue === true;
    }

    set preview(value: boolean) {
      this.previewValue = value;
      if (this.inner) this.inner.preview = value;
    }

    get preview(): boolean {
      return this.previewValue === true;
    }

    connectedCallback(): void {
      this.style.display = 'block';
      void this.ensureCard();
      // A card loaded before it was attached has just started (its own connectedCallback ran).
      if (this.inner) this.releaseStartHold?.();
    }

    /** The card, once its code has loaded (Home Assistant awaits getCardSize). One attempt at a time. */
    private ensureCard(): Promise<LoadedCard | undefined> {
      if (this.inner) return Promise.resolve(this.inner);
      this.attempt ??= this.tryLoad().finally(() => (this.attempt = undefined));
      return this.attempt;
    }

    private async tryLoad(): Promise<LoadedCard | undefined> {
      this.lastAttemptAt = Date.now();
      let cls: LoadedCardClass;
      try {
        // The user's language downloads alongside the card's code, so the first paint speaks it.
        [cls] = await Promise.all([load(), loadLanguage(languageOf(this.hassValue))]);
      } catch (err) {
        console.warn(`ha-vitals: ${spec.tag} could not be loaded`, err);
        // Once the files were found replaced, only a reload helps: a later attempt made while the
        // server is down (it restarts after a HACS upgrade) must not hide the Reload button.
        const known = this.failure?.dataset.failure === 'updated';
        const answers = known || (await (spec.serverAnswers ?? defaultServerAnswers)());
        this.showFailure(answers ? 'updated' : 'offline');
        this.releaseStartHold?.();
        return undefined;
      }
      if (this.inner) return this.inner;
      const card = new cls();
      card.style.display = 'block';
      card.style.height = '100%';
      if (this.config !== undefined) card.setConfig(this.config);
      if (this.editModeValue !== undefined) card.editMode = this.editModeValue;
      if (this.previewValue !== undefined) card.preview = this.previewValue;
      if (this.hassValue) card.hass = this.hassValue;
      this.inner = card;
      this.failure?.remove();
      this.appendChild(card);
      if (this.isConnected) this.releaseStartHold?.();
      return card;
    }

    /** A visible state instead of a blank space when the card's code cannot be fetched. */
    private showFailure(why: LoadFailure): void {
      this.failure?.remove();
      const box = document.createElement('ha-card');
      box.setAttribute('role', 'alert');
      box.dataset.failure = why;
      box.style.cssText = 'display:flex;align-items:center;gap:12px;padding:12px 16px;color:var(--primary-text-color)';
      const text = document.createElement('span');
      text.style.flex = '1';
      const words = FAILURE_TEXT[baseLanguageOf(languageOf(this.hassValue))] ?? FAILURE_TEXT.en;
      if (why === 'updated') {
        text.textContent = words.updated;
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = words.reload;
        button.style.cssText =
          'font:inherit;padding:6px 14px;border-radius:18px;border:none;cursor:pointer;background:var(--primary-color, #03a9f4);color:var(--text-primary-color, #fff)';
        button.addEventListener('click', () => (spec.reload ? spec.reload() : location.reload()));
        box.append(text, button);
      } else {
        text.textContent = `${spec.tag}: ${words.offline}`;
        text.style.color = 'var(--error-color, #db4437)';
        box.append(text);
        window.addEventListener('online', () => void this.ensureCard(), { once: true });
      }
      this.failure = box;
      this.appendChild(box);
    }

    getCardSize(): number | Promise<number> {
      if (this.inner?.getCardSize) return this.inner.getCardSize();
      return this.ensureCard().then((card) => card?.getCardSize?.() ?? spec.cardSize);
    }

    getGridOptions(): object {
      return spec.layout(this.parsed as never).grid;
    }

    getLayoutOptions(): object {
      return spec.layout(this.parsed as never).layout;
    }

    static async getStubConfig(hass?: HomeAssistant, entities?: string[], fallback?: string[]): Promise<unknown> {
      return (await load()).getStubConfig?.(hass, entities, fallback) ?? {};
    }

    static async getConfigElement(): Promise<HTMLElement> {
      const cls = await load();
      if (!cls.getConfigElement) throw new Error(`${spec.tag} has no visual editor`);
      return cls.getConfigElement();
    }
  };
}
