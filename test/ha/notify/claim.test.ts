import { expect } from '@open-wc/testing';
import { MqttClaims, browserDeviceId, claimTopic, claimingGate, type ClaimTransport } from '../../../src/ha/notify/claim';
import { sleep } from '../../helpers/fake-connection';

/**
 * A broker behind one Home Assistant MQTT client, as in production: one ordered stream of
 * messages, each delivered to every subscription on its topic; a new subscription gets the topic's
 * retained message after a short subscribe delay (HA debounces its broker subscriptions).
 */
/** MQTT topic filter matching, enough for `a/b` and `a/b/#`. */
function matches(filter: string, topic: string): boolean {
  if (!filter.endsWith('/#')) return filter === topic;
  const base = filter.slice(0, -2);
  return topic === base || topic.startsWith(`${base}/`);
}

class FakeBroker {
  retained = new Map<string, string>();
  subscribers = new Set<{ topic: string; deliver: (event: unknown) => void }>();
  published: { topic: string; payload: string; retain: boolean; qos: number }[] = [];
  subscribeDelayMs = 5;
  deliverDelayMs = 2;

  transport(overrides: Partial<ClaimTransport> = {}): ClaimTransport & { subscribeCalls: number } {
    const transport = {
      subscribeCalls: 0,
      subscribeMessage: async (onEvent: (event: unknown) => void, message: { type: string; topic: string }) => {
        transport.subscribeCalls++;
        expect(message.type).to.equal('mqtt/subscribe');
        const sub = { topic: message.topic, deliver: onEvent };
        this.subscribers.add(sub);
        setTimeout(() => {
          for (const [topic, kept] of this.retained) if (matches(sub.topic, topic) && this.subscribers.has(sub)) onEvent({ topic, payload: kept, retain: true });
        }, this.subscribeDelayMs);
        return async () => void this.subscribers.delete(sub);
      },
      callService: async (domain: string, service: string, data: Record<string, unknown>) => {
        expect(`${domain}.${service}`).to.equal('mqtt.publish');
        const msg = { topic: data.topic as string, payload: data.payload as string, retain: data.retain as boolean, qos: data.qos as number };
        this.published.push(msg);
        if (msg.retain) this.retained.set(msg.topic, msg.payload);
        // One stream: every message reaches the subscribers of that moment in publish order.
        const targets = [...this.subscribers].filter((s) => matches(s.topic, msg.topic));
        setTimeout(() => targets.forEach((s) => s.deliver({ topic: msg.topic, payload: msg.payload, retain: false })), this.deliverDelayMs);
        return null;
      },
      ...overrides,
    };
    return transport;
  }
}

const fast = { settleMs: 20, decideMs: 60, confirmMs: 80, requestTimeoutMs: 100 };
const ID = 'hv1-0123456789abcdef';

/** A send that counts. */
function counter() {
  const sends = { count: 0, send: async () => void sends.count++ };
  return sends;
}

describe('MqttClaims', () => {
  it('lets a lone device win: it publishes its claim retained at qos 1, sends, marks it sent, and unsubscribes', async () => {
    // Arrange
    const broker = new FakeBroker();
    const claims = new MqttClaims(broker.transport(), { deviceId: 'dev-a', random: () => 'n1', ...fast });
    const sends = counter();
    // Act
    const outcome = await claims.run(ID, sends.send);
    // Assert
    expect(outcome).to.equal('won');
    expect(sends.count).to.equal(1);
    const claim = { intent: ID, device: 'dev-a', nonce: 'n1' };
    expect(broker.published).to.deep.equal([
      { topic: `${claimTopic(ID)}/claim/dev-a`, payload: JSON.stringify(claim), retain: true, qos: 1 },
      { topic: `${claimTopic(ID)}/sent`, payload: JSON.stringify({ ...claim, sent: true }), retain: true, qos: 1 },
    ]);
    expect(claimTopic(ID)).to.match(/^ha-vitals\/claims\/\d+$/);
    expect(broker.subscribers.size).to.equal(0);
  });

  it('loses without publishing or sending when another device\'s claim is retained and marked sent', async () => {
    // Arrange
    const broker = new FakeBroker();
    broker.retained.set(claimTopic(ID), JSON.stringify({ intent: ID, device: 'dev-b', nonce: 'x' }));
    broker.retained.set(`${claimTopic(ID)}/sent`, JSON.stringify({ intent: ID, device: 'dev-b', nonce: 'x', sent: true }));
    const claims = new MqttClaims(broker.transport(), { deviceId: 'dev-a', ...fast });
    const sends = counter();
    // Act
    const outcome = await claims.run(ID, sends.send);
    // Assert
    expect(outcome).to.equal('lost');
    expect(sends.count).to.equal(0);
    expect(broker.published).to.deep.equal([]);
  });

  it('is not silenced by a forged retained sent mark: a mark without the winning claim counts for nothing', async () => {
    // Arrange: someone published a `sent` mark for the intent before anyone claimed it, on both topics.
    const broker = new FakeBroker();
    const forged = JSON.stringify({ intent: ID, device: 'mallory', nonce: 'forged', sent: true });
    broker.retained.set(`${claimTopic(ID)}/sent`, forged);
    const onClaimTopic = new FakeBroker();
    onClaimTopic.retained.set(claimTopic(ID), forged);
    const sends = counter();
    // Act
    const outcomes = [
      await new MqttClaims(broker.transport(), { deviceId: 'dev-a', ...fast }).run(ID, sends.send),
      await new MqttClaims(onClaimTopic.transport(), { deviceId: 'dev-a', ...fast }).run(ID, sends.send),
    ];
    // Assert
    expect(outcomes).to.deep.equal(['won', 'won']);
    expect(sends.count).to.equal(2);
  });

  it('takes over when the only sent mark carries another nonce than the winning claim', async () => {
    // Arrange: a real claim by dev-b is retained, and a forged mark with another nonce.
    const broker = new FakeBroker();
    broker.retained.set(claimTopic(ID), JSON.stringify({ intent: ID, device: 'dev-b', nonce: 'real' }));
    broker.retained.set(`${claimTopic(ID)}/sent`, JSON.stringify({ intent: ID, device: 'dev-b', nonce: 'other', sent: true }));
    const sends = counter();
    // Act
    const outcome = await new MqttClaims(broker.transport(), { deviceId: 'dev-a', ...fast }).run(ID, sends.send);
    // Assert
    expect(outcome).to.equal('took-over');
    expect(sends.count).to.equal(1);
  });

  it('takes over when the winner never marks its claim sent (closed, frozen, or its call failed)', async () => {
    // Arrange: the winner's send throws, so it never marks the claim sent.
    const broker = new FakeBroker();
    const winner = new MqttClaims(broker.transport(), { deviceId: 'dev-a', ...fast, settleMs: 5 });
    const other = new MqttClaims(broker.transport(), { deviceId: 'dev-b', ...fast, settleMs: 40 });
    const sends = counter();
    // Act
    const outcomes = await Promise.all([
      winner.run(ID, async () => Promise.reject(new Error('Service notify.phone not found'))).catch((e: Error) => e.message),
      other.run(ID, sends.send),
    ]);
    // Assert
    expect(outcomes).to.deep.equal(['Service notify.phone not found', 'took-over']);
    expect(sends.count).to.equal(1);
  });

  it('sends exactly once when eight devices claim at the same moment', async () => {
    // Arrange
    const broker = new FakeBroker();
    const devices = Array.from({ length: 8 }, (_, k) => new MqttClaims(broker.transport(), { deviceId: `dev-${k}`, random: () => `n${k}`, ...fast }));
    const sends = counter();
    // Act
    const outcomes = await Promise.all(devices.map((d) => d.run(ID, sends.send)));
    // Assert
    expect(sends.count).to.equal(1);
    expect(outcomes.filter((o) => o === 'won')).to.have.length(1);
    expect(outcomes.filter((o) => o === 'lost')).to.have.length(7);
  });

  it('lets a device that comes late lose when two devices claimed at the same moment: the loser\'s claim does not hide the winner\'s', async () => {
    // Arrange: two devices claim together (each claim is retained), the winner sends and marks it.
    const broker = new FakeBroker();
    const pair = ['dev-a', 'dev-b'].map((deviceId, k) => new MqttClaims(broker.transport(), { deviceId, random: () => `n${k}`, ...fast }));
    const sends = counter();
    const together = await Promise.all(pair.map((d) => d.run(ID, sends.send)));
    const late = new MqttClaims(broker.transport(), { deviceId: 'dev-c', ...fast });
    // Act
    const lateOutcome = await late.run(ID, sends.send);
    // Assert
    expect([...together].sort()).to.deep.equal(['lost', 'won']);
    expect(lateOutcome).to.equal('lost');
    expect(sends.count).to.equal(1);
    expect([...broker.retained.keys()].filter((t) => t.startsWith(claimTopic(ID))).sort()).to.deep.equal([`${claimTopic(ID)}/claim/dev-a`, `${claimTopic(ID)}/claim/dev-b`, `${claimTopic(ID)}/sent`]);
  });

  it('lets a device that comes late lose to the retained claim, and ignores other intents and foreign payloads on the topic', async () => {
    // Arrange
    const broker = new FakeBroker();
    const first = new MqttClaims(broker.transport(), { deviceId: 'dev-a', ...fast });
    const late = new MqttClaims(broker.transport(), { deviceId: 'dev-b', ...fast });
    const other = 'hv1-ffffff' + ID.slice(10);
    const sends = counter();
    // Act
    const firstOutcome = await first.run(ID, sends.send);
    const lateOutcome = await late.run(ID, sends.send);
    broker.retained.set(claimTopic(other), 'not json');
    const otherOutcome = await late.run(other, sends.send);
    // Assert
    expect(claimTopic(other)).to.equal(claimTopic(ID));
    expect([firstOutcome, lateOutcome, otherOutcome]).to.deep.equal(['won', 'lost', 'won']);
    expect(sends.count).to.equal(2);
  });

  it('sends at once when HA refuses the subscription (not an admin, no MQTT), and does not ask again for a while', async () => {
    // Arrange
    let t = 0;
    const broker = new FakeBroker();
    let asked = 0;
    const transport = broker.transport({ subscribeMessage: async () => (asked++, Promise.reject(new Error('Unauthorized'))) });
    const claims = new MqttClaims(transport, { deviceId: 'dev-a', now: () => t, retryAfterMs: 1000, ...fast });
    const sends = counter();
    // Act
    const outcomes = [await claims.run(ID, sends.send)];
    t = 500;
    outcomes.push(await claims.run(ID, sends.send));
    t = 1500;
    outcomes.push(await claims.run(ID, sends.send));
    // Assert
    expect(outcomes).to.deep.equal(['unavailable', 'unavailable', 'unavailable']);
    expect(sends.count).to.equal(3);
    expect(asked).to.equal(2);
  });

  it('does not wait for ever on a websocket that is reconnecting, and lets go of a subscription that comes late', async () => {
    // Arrange: the subscription is answered only after the request timeout.
    const broker = new FakeBroker();
    let released = 0;
    const slow = broker.transport({
      subscribeMessage: () => new Promise((resolve) => setTimeout(() => resolve(async () => void released++), 150)),
    });
    const claims = new MqttClaims(slow, { deviceId: 'dev-a', ...fast });
    const sends = counter();
    // Act
    const outcome = await claims.run(ID, sends.send);
    await sleep(100);
    // Assert
    expect(outcome).to.equal('unavailable');
    expect(sends.count).to.equal(1);
    expect(released).to.equal(1);
  });

  it('sends when the publish fails or its claim never comes back', async () => {
    // Arrange
    const broker = new FakeBroker();
    const failing = new MqttClaims(broker.transport({ callService: () => Promise.reject(new Error('MQTT not connected')) }), { deviceId: 'dev-a', ...fast });
    const silent = new MqttClaims(broker.transport({ callService: async () => null }), { deviceId: 'dev-a', ...fast });
    const sends = counter();
    // Act
    const outcomes = [await failing.run(ID, sends.send), await silent.run(ID, sends.send)];
    // Assert
    expect(outcomes).to.deep.equal(['unavailable', 'unavailable']);
    expect(sends.count).to.equal(2);
    expect(broker.subscribers.size).to.equal(0);
  });

  it('unsubscribes again when a released subscription still delivers (renewed by a reconnect)', async () => {
    // Arrange
    const broker = new FakeBroker();
    let deliver: (event: unknown) => void = () => undefined;
    let unsubscribes = 0;
    const transport = broker.transport({
      subscribeMessage: async (onEvent) => {
        deliver = onEvent;
        return async () => void unsubscribes++;
      },
    });
    const claims = new MqttClaims(transport, { deviceId: 'dev-a', ...fast });
    await claims.run(ID, async () => undefined);
    // Act
    deliver({ payload: JSON.stringify({ intent: ID, device: 'x', nonce: 'y' }) });
    await sleep(0);
    // Assert
    expect(unsubscribes).to.equal(2);
  });
});

describe('claimingGate', () => {
  it('lets the claim decide for the tab that got the id; once per id in this browser', async () => {
    // Arrange
    const outcomes: Record<string, boolean> = { a: true, b: false };
    const handled = new Set<string>();
    const local = { once: async (id: string, send: () => Promise<void>) => (handled.has(id) ? false : (handled.add(id), await send(), true)) };
    const gate = claimingGate(local, { run: async (id, send) => (outcomes[id] ? (await send(), 'won') : 'lost') });
    const sent: string[] = [];
    // Act
    const results = [];
    for (const id of ['a', 'b', 'a']) results.push(await gate.once(id, async () => void sent.push(id)));
    // Assert
    expect(sent).to.deep.equal(['a']);
    expect(results).to.deep.equal([true, true, false]);
  });
});

describe('browserDeviceId', () => {
  it('makes an id once and returns the same one after', async () => {
    // Arrange
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    // Act
    const first = browserDeviceId(storage, () => 'abc');
    const second = browserDeviceId(storage, () => 'zzz');
    await sleep(0);
    // Assert
    expect(first).to.equal('dev-abc');
    expect(second).to.equal('dev-abc');
    expect(browserDeviceId(undefined, () => 'q')).to.equal('dev-q');
  });
});
