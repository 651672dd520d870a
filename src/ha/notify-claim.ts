/**
 * Exactly one device sends each notification.
 *
 * Every open dashboard runs its own alert engine and plans the same intents with the same ids
 * (see core/alerts/intent-id.ts). Tabs of one browser agree through a Web Lock and a shared
 * sent-log (alert-hub.ts). Devices agree here, through the MQTT broker Home Assistant is
 * connected to: all claims travel through Home Assistant's single MQTT client, so every
 * subscriber sees them in the same order, and the first claim of an intent wins.
 *
 *   1. Subscribe to the intent's claim topic (`mqtt/subscribe` over the websocket). A claim left
 *      there (retained) by a device that already decided arrives within `settleMs`; then we lost.
 *   2. Otherwise publish our own claim, retained, through `mqtt.publish`, and wait for claims to
 *      come back: the first one (ours or a device that published at the same moment) wins.
 *
 * Claims share `buckets` topics (the id picks one), so the broker keeps at most that many
 * retained messages. Where the claim cannot be made (not an admin: `mqtt/subscribe` is admin only;
 * no MQTT integration; broker down) the notification is sent anyway: a duplicate, which `tag` and
 * `notification_id` collapse on the phone, beats a lost alert.
 */

export type ClaimOutcome = 'won' | 'lost' | 'unavailable';

export interface ClaimTransport {
  /** `connection.subscribeMessage`: resolves with the unsubscribe function once HA accepted it. */
  subscribe(onEvent: (event: unknown) => void, message: { type: string; topic: string }): Promise<() => Promise<void>>;
  callService(domain: string, service: string, data: Record<string, unknown>): Promise<unknown>;
}

export interface ClaimOptions {
  /** This browser's id; the same in all its tabs. */
  deviceId: string;
  topicPrefix?: string;
  buckets?: number;
  /** How long to listen for a claim already made before making ours. */
  settleMs?: number;
  /** How long to wait for our own claim to come back. */
  decideMs?: number;
  /** After a failed claim, how long to send without trying again (not an admin, no MQTT). */
  retryAfterMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => string;
}

interface Claim {
  intent: string;
  device: string;
  nonce: string;
}

function parseClaim(event: unknown): Claim | undefined {
  const payload = (event as { payload?: unknown } | undefined)?.payload;
  if (typeof payload !== 'string') return undefined;
  try {
    const claim = JSON.parse(payload) as Partial<Claim>;
    return typeof claim.intent === 'string' && typeof claim.device === 'string' && typeof claim.nonce === 'string' ? (claim as Claim) : undefined;
  } catch {
    return undefined; // someone else's message on our topic
  }
}

/** The topic an intent's claim goes to: one of `buckets`, picked by the id's hash digits. */
export function claimTopic(intentId: string, prefix = 'ha-vitals/claims', buckets = 64): string {
  const digits = parseInt(intentId.slice(-6), 16);
  return `${prefix}/${(Number.isFinite(digits) ? digits : intentId.length) % buckets}`;
}

export class MqttClaims {
  private readonly opts: Required<ClaimOptions>;
  private unavailableUntil = -Infinity;

  constructor(
    private readonly transport: ClaimTransport,
    options: ClaimOptions,
  ) {
    this.opts = {
      topicPrefix: 'ha-vitals/claims',
      buckets: 64,
      settleMs: 1_500,
      decideMs: 3_000,
      retryAfterMs: 600_000,
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: () => Math.random().toString(36).slice(2, 12),
      ...options,
    };
  }

  /** Decide whether this device sends intent `intentId`. */
  async claim(intentId: string): Promise<ClaimOutcome> {
    if (this.opts.now() < this.unavailableUntil) return 'unavailable';
    const topic = claimTopic(intentId, this.opts.topicPrefix, this.opts.buckets);
    const seen: Claim[] = [];
    let arrived = () => undefined as void;
    let unsubscribe: () => Promise<void>;
    try {
      unsubscribe = await this.transport.subscribe((event) => {
        const claim = parseClaim(event);
        if (claim?.intent !== intentId) return;
        seen.push(claim);
        arrived();
      }, { type: 'mqtt/subscribe', topic });
    } catch {
      this.unavailableUntil = this.opts.now() + this.opts.retryAfterMs;
      return 'unavailable';
    }
    try {
      await this.opts.sleep(this.opts.settleMs);
      if (seen.length) return 'lost';
      const mine: Claim = { intent: intentId, device: this.opts.deviceId, nonce: this.opts.random() };
      try {
        await this.transport.callService('mqtt', 'publish', { topic, payload: JSON.stringify(mine), retain: true, qos: 1 });
      } catch {
        return 'unavailable';
      }
      const back = () => seen.some((c) => c.nonce === mine.nonce);
      if (!back()) {
        await Promise.race([
          this.opts.sleep(this.opts.decideMs),
          new Promise<void>((resolve) => {
            arrived = () => {
              if (back()) resolve();
            };
          }),
        ]);
      }
      // Our own claim never came back: the broker did not route it, so nobody can have seen it.
      if (!back()) return seen.length ? 'lost' : 'unavailable';
      return seen[0].nonce === mine.nonce ? 'won' : 'lost';
    } finally {
      await unsubscribe().catch(() => undefined);
    }
  }
}

const DEVICE_KEY = 'ha-vitals:device-id';

/** This browser's device id, made once and shared by its tabs. */
export function browserDeviceId(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined, random = () => Math.random().toString(36).slice(2, 12)): string {
  const known = storage?.getItem(DEVICE_KEY);
  if (known) return known;
  const id = `dev-${random()}`;
  storage?.setItem(DEVICE_KEY, id);
  return id;
}

/** Performs an intent once per id; `once` resolves true when this call handled it. */
export interface IntentGate {
  once(id: string, send: () => Promise<void>): Promise<boolean>;
}

/**
 * One browser's gate (tabs) around the device claim: the tab that gets the id asks the broker
 * whether this device sends it, and sends unless another device won.
 */
export function claimingGate(local: IntentGate, claims: Pick<MqttClaims, 'claim'>): IntentGate {
  return {
    once: (id, send) =>
      local.once(id, async () => {
        if ((await claims.claim(id)) !== 'lost') await send();
      }),
  };
}
