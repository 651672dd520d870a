/**
 * The shared alert hub, loaded lazily: the alert engine is a separate chunk, so dashboards without
 * alerts cards do not pay for it in the main bundle.
 */
import type { HomeAssistant } from 'custom-card-helpers';
import type { AlertHub, HubServices } from '../../ha/alert-hub';
import type { VitalsStore } from '../../ha/store';

/** The newest `hass` any card saw: the hub's notification calls go through it. */
let latestHass: HomeAssistant | undefined;

export function rememberHass(hass: HomeAssistant): void {
  latestHass = hass;
}

export const hubServices: HubServices = {
  callService: (domain, service, data) =>
    latestHass ? Promise.resolve(latestHass.callService(domain, service, data)) : Promise.reject(new Error('Home Assistant is not connected')),
};

export async function loadHub(store: VitalsStore): Promise<AlertHub> {
  const { alertHubFor } = await import('../../ha/alert-hub');
  return alertHubFor(store, hubServices);
}
