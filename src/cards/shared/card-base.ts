/**
 * The lifecycle every HA Vitals card shares: Home Assistant sets `hass` on every state change,
 * and attaches and detaches cards as views and layouts change. A card attaches (watches the store,
 * starts telemetry, registers alert scopes) when it is on the page with a config and a connection,
 * re-attaches when the connection changes, and undoes everything in `disposers` when detached, so
 * nothing keeps running for a card that is gone. The `hass` setter does no other per-card work.
 */
import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { HomeAssistant } from 'custom-card-helpers';
import { storeFor, type VitalsStore } from '../../ha/store';
import { retentionRequestOf, type RetentionConfig } from './retention';
import { ENGLISH_FORMATTER, formatterFor, type Formatter, type LocaleSource } from '../../ui/format';
import { ENGLISH, isRightToLeft, languageOf, localizeFor, type Localize } from '../../ui/localize';

export abstract class VitalsCardBase<Config extends object = object> extends LitElement {
  static override properties: PropertyDeclarations = {
    _config: { state: true },
  };

  /** Set by the card's `setConfig`; nothing renders before it. */
  protected _config?: Config;
  protected _hass?: HomeAssistant;
  /** The store of the connection the card last started on. */
  protected store?: VitalsStore;
  /** Undone, newest first, when the card detaches: unsubscriptions, released watches, timers. */
  protected readonly disposers: (() => void)[] = [];
  /** Time source (tests replace it). */
  now: () => number = () => Date.now();
  /** Numbers, units and times in the user's formats (`hass.locale`, display precision). */
  protected fmt: Formatter = ENGLISH_FORMATTER;
  /** The user's language (English until `hass` arrives or while the translation downloads). */
  protected t: Localize = ENGLISH;

  set hass(hass: HomeAssistant) {
    const reattach = !this._hass || this._hass.connection !== hass.connection;
    const previous = this._hass;
    this._hass = hass;
    this.localeChanged(previous, hass);
    // The store reads units from the frontend's states until its own subscription delivers.
    if (hass.connection) storeFor(hass.connection).frontendStates = hass.states;
    this.hassChanged(hass);
    if (reattach) this.attach();
  }

  get hass(): HomeAssistant | undefined {
    return this._hass;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.attach();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.detach();
  }

  protected override shouldUpdate(changed: PropertyValues): boolean {
    return changed.size > 0 && this._config !== undefined;
  }

  /** New formatter and localize only when what they read changed (hass changes on every state). */
  private localeChanged(previous: HomeAssistant | undefined, hass: HomeAssistant): void {
    const was: LocaleSource | undefined = previous;
    const now: LocaleSource = hass;
    if (was && was.locale === now.locale && was.language === now.language && was.entities === now.entities && was.config?.time_zone === now.config?.time_zone) return;
    this.fmt = formatterFor(now);
    this.t = localizeFor(now, () => {
      this.t = localizeFor(this._hass);
      this.localeUpdated();
      this.requestUpdate();
    });
    // Right-to-left languages mirror the layout (the styles use logical properties).
    if (isRightToLeft(languageOf(now))) this.setAttribute('dir', 'rtl');
    else this.removeAttribute('dir');
    this.localeUpdated();
    this.requestUpdate();
  }

  /** The formats or the language changed: views that cache text (computed models) recompute it. */
  protected localeUpdated(): void {}

  /** Every `hass` update, before a possible re-attach; keep it cheap. */
  protected hassChanged(_hass: HomeAssistant): void {}

  /** Undo the last start, and start again if the card is on the page with a config and a connection. */
  protected attach(): void {
    this.detach();
    const config = this._config;
    const connection = this._hass?.connection;
    if (!config || !connection || !this.isConnected) return;
    this.store = storeFor(connection);
    // Every card's `retention:` (docs/retention.md): asked of the shared store while attached.
    const retention = retentionRequestOf((config as { retention?: RetentionConfig }).retention);
    if (retention) this.disposers.push(this.store.requestRetention(retention));
    this.start(config, this.store, connection);
  }

  /** Watch, measure and register what the card shows; what must be undone goes into `disposers`. */
  protected abstract start(config: Config, store: VitalsStore, connection: HomeAssistant['connection']): void;

  protected detach(): void {
    while (this.disposers.length) this.disposers.pop()!();
  }
}
