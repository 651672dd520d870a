/**
 * Deterministic intent ids.
 *
 * Every dashboard runs its own engine on the same Home Assistant history. Intent times (`at`)
 * are derived from sample times (firedAt + group_wait, firedAt + tier delay, ...), never from when
 * `evaluate()` happened to run, so two dashboards plan the same intents with the same fields.
 * The id hashes exactly the fields that define "the same notification":
 *
 *   hv1-<fnv1a-64 hex of "reason|service|alertKey|at|members">
 *
 * where `members` lists the alerts (key@episode start) the notification covers. The HA layer
 * claims an id once (src/ha/notify-claim.ts: tabs through a Web Lock, devices through a retained
 * MQTT claim) and every other dashboard skips it: N dashboards → exactly one notification.
 */
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;
const encoder = new TextEncoder();

/** FNV-1a, 64 bit, over the UTF-8 bytes; 16 hex digits. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of encoder.encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}

export function intentId(parts: { reason: string; service: string; alertKey: string; at: number; members: readonly string[] }): string {
  return `hv1-${fnv1a64(`${parts.reason}|${parts.service}|${parts.alertKey}|${parts.at}|${parts.members.join(',')}`)}`;
}
