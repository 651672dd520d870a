/**
 * Exactly one device sends each notification.
 *
 * Every open dashboard runs its own alert engine and plans the same intents with the same ids
 * (see core/alerts/intent-id.ts). Tabs of one browser agree through a Web Lock and a shared
 * sent-log (browser-once.ts). Devices agree here, through the MQTT broker Home Assistant is
 * connected to: all claims travel through Home Assistant's single MQTT client, so every
 * subscriber sees them in the same order, and the first claim of an intent wins.
 *
 *   1. Subscribe to the intent's claim topic and its `sent` sub-topic (`<topic>/#`). A claim left
 *      there (retained) by a device that already decided arrives within `settleMs`.
 *   2. Otherwise publish our own claim, retained, through `mqtt.publish`, on our own sub-topic
 *      (`<topic>/claim/<device>`), and wait for claims to come back: the first one (ours or a
 *      device that published at the same moment) wins. Each device keeps its own retained claim:
 *      on one shared topic the last of two simultaneous claims (the loser's) would replace the
 *      winner's, and a device coming later would find a `sent` mark matching no claim it can see,
 *      and send again.
 *   3. The winner sends, then publishes a `sent` mark carrying its claim's nonce on `<topic>/sent`
 *      (retained too, so the claim itself stays retained for devices that come late). A device
 *      that lost waits up to `confirmMs` for the winner's mark; without it (the winner was closed
 *      or frozen, or its call failed) it sends itself. A duplicate in that rare case beats a lost
 *      alert.
 *
 * A `sent` mark counts only when it carries the device and nonce of a claim seen on that device's
 * claim topic: a mark on its own (a forged retained message, or one left from another intent)
 * silences nobody.
 *
 * Claims share `buckets` topics (the id picks one), so the broker keeps at most that many times
 * (devices + 1) retained messages. Where the claim cannot be made (not an admin: `mqtt/subscribe` is admin
 * only; no MQTT integration; broker down; the websocket reconnecting) the notification is sent at
 * once: duplicates collapse on the phone through `tag` and `notification_id`.
 */

import { publishMqtt, subscribeMqttTopic } from '../api/mqtt';
import type { SubscriptionConnection } from '../api/websocket';
import type { ServiceCaller } from './types';
export { browserDeviceId } from '../device-identity';

export type ClaimOutcome = 'won' | 'lost' | 'took-over' | 'unavailable';

/** The store's connection: `mqtt/subscribe` for the claims, `mqtt.publish` (a background service call) to make them. */
export type ClaimTransport = SubscriptionConnection & ServiceCaller;

export interface ClaimOptions {
  /** This browser's id; the same in all its tabs. */
  deviceId: string;
  topicPrefix?: string;
  buckets?: number;
  /** How long to listen for a claim already made before making ours. */
  settleMs?: number;
  /** How long to wait for our own claim to come back. */
  decideMs?: number;
  /** How long a device that lost waits for the winner's `sent` mark before sending itself. */
  confirmMs?: number;
  /** How long subscribing or publishing may take (a websocket that is reconnecting never answers). */
  requestTimeoutMs?: number;
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
  sent?: boolean;
}

function parseClaim(event: unknown, topic: string): Claim | undefined {
  const message = event as { payload?: unknown; topic?: unknown } | undefined;
  const payload = message?.payload;
  if (typeof payload !== 'string' || payload.length > 1000) return undefined;
  try {
    const claim = JSON.parse(payload) as Partial<Claim> | null;
    if (!claim || typeof claim.intent !== 'string' || typeof claim.device !== 'string' || typeof claim.nonce !== 'string') return undefined;
    // A mark is only a mark on the `sent` topic, a claim only on its device's claim topic (or the
    // bare topic, where versions before per-device claims put theirs).
    if (claim.sent === true) return message?.topic === `${topic}/sent` ? { intent: claim.intent, device: claim.device, nonce: claim.nonce, sent: true } : undefined;
    const onClaimTopic = message?.topic === topic || message?.topic === deviceClaimTopic(topic, claim.device);
    return onClaimTopic ? { intent: claim.intent, device: claim.device, nonce: claim.nonce } : undefined;
  } catch {
    return undefined; // someone else's message on our topic
  }
}

/** The topic an intent's claim goes to: one of `buckets`, picked by the id's hash digits. */
export function claimTopic(intentId: string, prefix = 'ha-vitals/claims', buckets = 1024): string {
  const digits = parseInt(intentId.slice(-6), 16);
  return `${prefix}/${(Number.isFinite(digits) ? digits : intentId.length) % buckets}`;
}

/** A device's own claim topic under an intent's topic (the id kept to what a topic level may hold). */
function deviceClaimTopic(topic: string, deviceId: string): string {
  return `${topic}/claim/${deviceId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64)}`;
}

class Timeout extends Error {}

/** Claim messages seen on one topic for one intent, with a way to wait for a condition on them. */
class ClaimLog {
  readonly seen: Claim[] = [];

  /** The first claim made (not a mark): the winner. */
  get winner(): Claim | undefined {
    return this.seen.find((c) => !c.sent);
  }

  /**
   * A claim seen here was marked sent by its device. Not only the first one: a device that comes
   * late gets the retained claims in no particular order, and a mark names the claim that won.
   */
  get confirmed(): boolean {
    const claims = this.seen.filter((c) => !c.sent);
    return this.seen.some((mark) => mark.sent && claims.some((c) => c.nonce === mark.nonce && c.device === mark.device));
  }
  private waiters = new Set<() => void>();

  add(claim: Claim): void {
    this.seen.push(claim);
    for (const w of [...this.waiters]) w();
  }

  /** Resolves when `done()` holds, or after `ms` (with whatever is known then). */
  until(done: () => boolean, ms: number, sleep: (ms: number) => Promise<void>): Promise<void> {
    if (done()) return Promise.resolve();
    let waiter = () => undefined as void;
    const met = new Promise<void>((resolve) => {
      waiter = () => {
        if (done()) resolve();
      };
      this.waiters.add(waiter);
    });
    return Promise.race([met, sleep(ms)]).finally(() => this.waiters.delete(waiter));
  }
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
      buckets: 1024,
      settleMs: 1_500,
      decideMs: 3_000,
      confirmMs: 20_000,
      requestTimeoutMs: 5_000,
      retryAfterMs: 600_000,
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: () => Math.random().toString(36).slice(2, 12),
      ...options,
    };
  }

  /** Send intent `intentId` through `send` unless another device does; says how it went. */
  async run(intentId: string, send: () => Promise<void>): Promise<ClaimOutcome> {
    if (this.opts.now() < this.unavailableUntil) {
      await send();
      return 'unavailable';
    }
    const topic = claimTopic(intentId, this.opts.topicPrefix, this.opts.buckets);
    const log = new ClaimLog();
    let released = false;
    let unsubscribe: (() => Promise<void>) | undefined;
    const onEvent = (event: unknown) => {
      // A subscription the library renewed after a reconnect, although we had let it go.
      if (released) return void unsubscribe?.().catch(() => undefined);
      const claim = parseClaim(event, topic);
      if (claim?.intent === intentId) log.add(claim);
    };
    try {
      unsubscribe = await this.bounded(subscribeMqttTopic(this.transport, `${topic}/#`, onEvent), (late) => void late().catch(() => undefined));
    } catch {
      return this.unavailable(send);
    }
    try {
      await this.opts.sleep(this.opts.settleMs);
      if (log.winner) return await this.lost(log, send);
      const mine: Claim = { intent: intentId, device: this.opts.deviceId, nonce: this.opts.random() };
      try {
        await this.bounded(this.publish(deviceClaimTopic(topic, mine.device), mine));
      } catch {
        return await this.unavailable(send);
      }
      const back = () => log.seen.some((c) => c.nonce === mine.nonce);
      await log.until(back, this.opts.decideMs, this.opts.sleep);
      // Our own claim never came back: the broker did not route it, so nobody can have seen it.
      if (!back()) return log.winner ? await this.lost(log, send) : await this.unavailable(send);
      if (log.winner!.nonce !== mine.nonce) return await this.lost(log, send);
      await send();
      await this.bounded(this.publish(`${topic}/sent`, { ...mine, sent: true })).catch(() => undefined);
      return 'won';
    } finally {
      released = true;
      await unsubscribe().catch(() => undefined);
    }
  }

  /** Another device claimed it: wait for its `sent` mark, and send ourselves if none comes. */
  private async lost(log: ClaimLog, send: () => Promise<void>): Promise<ClaimOutcome> {
    const confirmed = () => log.confirmed;
    await log.until(confirmed, this.opts.confirmMs, this.opts.sleep);
    if (confirmed()) return 'lost';
    await send();
    return 'took-over';
  }

  private async unavailable(send: () => Promise<void>): Promise<ClaimOutcome> {
    this.unavailableUntil = this.opts.now() + this.opts.retryAfterMs;
    await send();
    return 'unavailable';
  }

  private publish(topic: string, claim: Claim): Promise<unknown> {
    return publishMqtt(this.transport, { topic, payload: JSON.stringify(claim), retain: true, qos: 1 });
  }

  /** The request, or a rejection after `requestTimeoutMs`; a late result goes to `late`. */
  private bounded<T>(request: Promise<T>, late?: (value: T) => void): Promise<T> {
    let timedOut = false;
    return Promise.race([
      request.then((value) => {
        if (timedOut) late?.(value);
        return value;
      }),
      this.opts.sleep(this.opts.requestTimeoutMs).then(() => {
        timedOut = true;
        throw new Timeout();
      }),
    ]);
  }
}

/** Performs an intent once per id; `once` resolves true when this call handled it. */
export interface IntentGate {
  once(id: string, send: () => Promise<void>): Promise<boolean>;
}

/**
 * One browser's gate (tabs) around the device claim: the tab that gets the id lets the claim
 * decide whether this device sends it.
 */
export function claimingGate(local: IntentGate, claims: Pick<MqttClaims, 'run'>): IntentGate {
  return {
    once: (id, send) =>
      local.once(id, async () => {
        await claims.run(id, send);
      }),
  };
}
