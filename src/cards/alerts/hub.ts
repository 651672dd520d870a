/**
 * The shared alert hub, loaded lazily: the alert engine is a separate chunk, so dashboards without
 * alerts cards do not pay for it in the main bundle.
 */
import type { AlertHub } from '../../ha/alert-hub';
import type { VitalsStore } from '../../ha/store';
import { VitalsCardBase } from '../shared/card-base';
import { trackCodeLoad } from '../../ha/code-loads';

export async function loadHub(store: VitalsStore): Promise<AlertHub> {
  const { alertHubFor } = await trackCodeLoad(import('../../ha/alert-hub'));
  return alertHubFor(store);
}

/** A card showing the hub's alerts: the alerts and overview cards. */
export abstract class HubCardBase<Config extends object> extends VitalsCardBase<Config> {
  /** The hub; set before `hass` to inject one (tests), else the shared hub of the connection. */
  hub?: AlertHub;
  /** The store the hub was loaded for: a new connection has its own hub. An injected hub has none. */
  private hubStore?: VitalsStore;
  /** Counts detaches, so a hub that finishes loading after one is not used. */
  private attachment = 0;

  protected override detach(): void {
    this.attachment++;
    super.detach();
  }

  /** `use(hub)` now if the card has its hub, else once the connection's hub has loaded (if still attached). */
  protected withHub(store: VitalsStore, use: (hub: AlertHub) => void): void {
    if (this.hubStore && this.hubStore !== store) this.hub = undefined;
    if (this.hub) {
      use(this.hub);
      return;
    }
    const attachment = this.attachment;
    void loadHub(store).then((hub) => {
      if (attachment !== this.attachment) return;
      this.hub = hub;
      this.hubStore = store;
      use(hub);
    });
  }
}
