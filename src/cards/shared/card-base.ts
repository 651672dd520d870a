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

  set hass(hass: HomeAssistant) {
    const reattach = !this._hass || this._hass.connection !== hass.connection;
    this._hass = hass;
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

  /** Every `hass` update, before a possible re-attach; keep it cheap. */
  protected hassChanged(_hass: HomeAssistant): void {}

  /** Undo the last start, and start again if the card is on the page with a config and a connection. */
  protected attach(): void {
    this.detach();
    const config = this._config;
    const connection = this._hass?.connection;
    if (!config || !connection || !this.isConnected) return;
    this.store = storeFor(connection);
    this.start(config, this.store, connection);
  }

  /** Watch, measure and register what the card shows; what must be undone goes into `disposers`. */
  protected abstract start(config: Config, store: VitalsStore, connection: HomeAssistant['connection']): void;

  protected detach(): void {
    while (this.disposers.length) this.disposers.pop()!();
  }
}
