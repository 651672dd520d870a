/** Object-id form of a device name (`Kitchen tablet` → `kitchen_tablet`), as MQTT discovery ids and topics need. */
export const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 48) || 'device';
