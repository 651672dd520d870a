/**
 * The entity registry's display entries, which the frontend (2023.4+) keeps in `hass.entities`
 * (no command is sent; custom-card-helpers' `HomeAssistant` type does not know the field).
 */

export interface EntityRegistryDisplayEntry {
  entity_id?: string;
  /** The integration that created the entity (`systemmonitor`, `mqtt`, ...). */
  platform?: string;
  device_id?: string;
  name?: string | null;
}

/** `hass.entities` by entity id; empty when the frontend has none (older versions, tests). */
export function entityRegistryDisplay(hass: object | undefined): Record<string, EntityRegistryDisplayEntry> {
  return (hass as { entities?: Record<string, EntityRegistryDisplayEntry> } | undefined)?.entities ?? {};
}
