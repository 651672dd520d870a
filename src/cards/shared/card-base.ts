/**
 * The lifecycle every HA Vitals card shares: Home Assistant sets `hass` on every state change,
 * and attaches and detaches cards as views and layouts change. A card attaches (watches the store,
 * starts telemetry, registers alert scopes) when it is on the page with a config and a connection,
 * re-attaches when the connection changes, and undoes everything in `disposers` when detached, so
 * nothing keeps running for a card that is gone. The `hass` setter does no other per-card work.
 */
import { LitElement } from 'lit';
import type { HomeAssistant } from 'custom-card-helpers';

export abstract class VitalsCardBase extends LitElement {
  protected _hass?: HomeAssistant;
  /** Undone, newest first, when the card detaches: unsubscriptions, released watches, timers. */
  protected readonly disposers: (() => void)[] = [];

  set hass(hass: HomeAssistant) {
    const reattach = !this._hass || this._hass.connection !== hass.connection;
    this._hass = hass;
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

  /** Every `hass` update, before a possible re-attach; keep it cheap. */
  protected hassChanged(_hass: HomeAssistant): void {}

  /** (Re)start what the card needs for its config and connection; call `detach()` first. */
  protected abstract attach(): void;

  protected detach(): void {
    while (this.disposers.length) this.disposers.pop()!();
  }
}
