import type { CommandConnection } from './websocket';
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

/** `config/entity_registry/get`: one entity's registry entry (admin only); rejects when unknown. */
export interface EntityRegistryEntry {
  entity_id: string;
  config_entry_id: string | null;
  platform: string;
}

export function fetchEntityRegistryEntry(connection: CommandConnection, entityId: string): Promise<EntityRegistryEntry> {
  return connection.sendMessagePromise({ type: 'config/entity_registry/get', entity_id: entityId });
}
