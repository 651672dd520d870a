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
 *      there (retained) by a device that already decided arrives within `settleMs`.
 *   2. Otherwise publish our own claim, retained, through `mqtt.publish`, and wait for claims to
 *      come back: the first one (ours or a device that published at the same moment) wins.
 *   3. The winner sends, then publishes the claim again marked `sent`. A device that lost waits
 *      up to `confirmMs` for that mark; without it (the winner was closed or frozen, or its call
 *      failed) it sends itself. A duplicate in that rare case beats a lost alert.
 *
 * Claims share `buckets` topics (the id picks one), so the broker keeps at most that many
 * retained messages. Where the claim cannot be made (not an admin: `mqtt/subscribe` is admin
 * only; no MQTT integration; broker down; the websocket reconnecting) the notification is sent at
 * once: duplicates collapse on the phone through `tag` and `notification_id`.
 */

export type ClaimOutcome = 'won' | 'lost' | 'took-over' | 'unavailable';

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
export function claimTopic(intentId: string, prefix = 'ha-vitals/claims', buckets = 1024): string {
  const digits = parseInt(intentId.slice(-6), 16);
  return `${prefix}/${(Number.isFinite(digits) ? digits : intentId.length) % buckets}`;
}

class Timeout extends Error {}

/** Claim messages seen on one topic for one intent, with a way to wait for a condition on them. */
class ClaimLog {
  readonly seen: Claim[] = [];
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
      const claim = parseClaim(event);
      if (claim?.intent === intentId) log.add(claim);
    };
    try {
      unsubscribe = await this.bounded(this.transport.subscribe(onEvent, { type: 'mqtt/subscribe', topic }), (late) => void late().catch(() => undefined));
    } catch {
      return this.unavailable(send);
    }
    try {
      await this.opts.sleep(this.opts.settleMs);
      if (log.seen.length) return await this.lost(log, send);
      const mine: Claim = { intent: intentId, device: this.opts.deviceId, nonce: this.opts.random() };
      try {
        await this.bounded(this.publish(topic, mine));
      } catch {
        return await this.unavailable(send);
      }
      const back = () => log.seen.some((c) => c.nonce === mine.nonce);
      await log.until(back, this.opts.decideMs, this.opts.sleep);
      // Our own claim never came back: the broker did not route it, so nobody can have seen it.
      if (!back()) return log.seen.length ? await this.lost(log, send) : await this.unavailable(send);
      if (log.seen[0].nonce !== mine.nonce) return await this.lost(log, send);
      await send();
      await this.bounded(this.publish(topic, { ...mine, sent: true })).catch(() => undefined);
      return 'won';
    } finally {
      released = true;
      await unsubscribe().catch(() => undefined);
    }
  }

  /** Another device claimed it: wait for its `sent` mark, and send ourselves if none comes. */
  private async lost(log: ClaimLog, send: () => Promise<void>): Promise<ClaimOutcome> {
    const confirmed = () => log.seen.some((c) => c.sent);
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
    return this.transport.callService('mqtt', 'publish', { topic, payload: JSON.stringify(claim), retain: true, qos: 1 });
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
