// Ids the bundle derives, computed the same way on the test side (src/core/alerts/intent-id.ts,
// src/ha/alert-reporter.ts, src/ha/alert-hub.ts), so a suite can name a sensor or an intent before
// the browser makes it.

/** FNV-1a 64 over UTF-8, 16 hex digits. */
export function fnv1a64(text) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, '0');
}

const part = (text, max, fallback) =>
  text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, max).replace(/_+$/, '') || fallback;

/** Entity id of an alert's reported sensor: `sensor.ha_vitals_alert_<rule>_<object id>_<hash>`. */
export function alertSensorEntity(rule, entityId) {
  const objectId = entityId.slice(entityId.indexOf('.') + 1);
  return `sensor.ha_vitals_alert_${part(rule, 24, 'rule')}_${part(objectId, 32, 'entity')}_${fnv1a64(`${rule}|${entityId}`).slice(0, 6)}`;
}

/** The id every device gives a single alert's firing notification (scopeTag: the hub's tag of the card's scope). */
export function firingIntentId({ scopeTag, rule, entityId, firedAt, groupWaitMs, service }) {
  const alertKey = `${rule}/${entityId}`;
  const inner = `hv1-${fnv1a64(`firing|${service}|${alertKey}|${firedAt + groupWaitMs}|${alertKey}@${firedAt}`)}`;
  return `hv2-${fnv1a64(`${scopeTag}|${inner}`)}`;
}

/** The claim topic of an intent (src/ha/notify/claim.ts). */
export const claimTopicOf = (id) => `ha-vitals/claims/${parseInt(id.slice(-6), 16) % 1024}`;
