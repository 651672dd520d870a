import { expect } from '@open-wc/testing';
import { MqttClaims, browserDeviceId, claimTopic, claimingGate, type ClaimTransport } from '../../src/ha/notify-claim';
import { sleep } from '../helpers/fake-connection';

/**
 * A broker behind one Home Assistant MQTT client, as in production: one ordered stream of
 * messages, each delivered to every subscription on its topic; a new subscription gets the topic's
 * retained message after a short subscribe delay (HA debounces its broker subscriptions).
 */
class FakeBroker {
  retained = new Map<string, string>();
  subscribers = new Set<{ topic: string; deliver: (event: unknown) => void }>();
  published: { topic: string; payload: string; retain: boolean; qos: number }[] = [];
  subscribeDelayMs = 5;
  deliverDelayMs = 2;

  transport(overrides: Partial<ClaimTransport> = {}): ClaimTransport & { subscribeCalls: number } {
    const transport = {
      subscribeCalls: 0,
      subscribe: async (onEvent: (event: unknown) => void, message: { type: string; topic: string }) => {
        transport.subscribeCalls++;
        expect(message.type).to.equal('mqtt/subscribe');
        const sub = { topic: message.topic, deliver: onEvent };
        this.subscribers.add(sub);
        setTimeout(() => {
          const kept = this.retained.get(sub.topic);
          if (kept !== undefined && this.subscribers.has(sub)) onEvent({ topic: sub.topic, payload: kept, retain: true });
        }, this.subscribeDelayMs);
        return async () => void this.subscribers.delete(sub);
      },
      callService: async (domain: string, service: string, data: Record<string, unknown>) => {
        expect(`${domain}.${service}`).to.equal('mqtt.publish');
        const msg = { topic: data.topic as string, payload: data.payload as string, retain: data.retain as boolean, qos: data.qos as number };
        this.published.push(msg);
        if (msg.retain) this.retained.set(msg.topic, msg.payload);
        // One stream: every message reaches the subscribers of that moment in publish order.
        const targets = [...this.subscribers].filter((s) => s.topic === msg.topic);
        setTimeout(() => targets.forEach((s) => s.deliver({ topic: msg.topic, payload: msg.payload, retain: false })), this.deliverDelayMs);
        return null;
      },
      ...overrides,
    };
    return transport;
  }
}

const fast = { settleMs: 20, decideMs: 60 };
const ID = 'hv1-0123456789abcdef';

describe('MqttClaims', () => {
  it('lets a lone device win, publishing its claim retained at qos 1 on the id\'s bucket, and unsubscribes', async () => {
    // Arrange
    const broker = new FakeBroker();
    const claims = new MqttClaims(broker.transport(), { deviceId: 'dev-a', random: () => 'n1', ...fast });
    // Act
    const outcome = await claims.claim(ID);
    // Assert
    expect(outcome).to.equal('won');
    expect(broker.published).to.deep.equal([{ topic: claimTopic(ID), payload: JSON.stringify({ intent: ID, device: 'dev-a', nonce: 'n1' }), retain: true, qos: 1 }]);
    expect(claimTopic(ID)).to.match(/^ha-vitals\/claims\/\d+$/);
    expect(broker.subscribers.size).to.equal(0);
  });

  it('loses without publishing when another device\'s claim is already retained', async () => {
    // Arrange
    const broker = new FakeBroker();
    broker.retained.set(claimTopic(ID), JSON.stringify({ intent: ID, device: 'dev-b', nonce: 'x' }));
    const claims = new MqttClaims(broker.transport(), { deviceId: 'dev-a', ...fast });
    // Act
    const outcome = await claims.claim(ID);
    // Assert
    expect(outcome).to.equal('lost');
    expect(broker.published).to.deep.equal([]);
  });

  it('gives exactly one winner when eight devices claim at the same moment', async () => {
    // Arrange
    const broker = new FakeBroker();
    const devices = Array.from({ length: 8 }, (_, k) => new MqttClaims(broker.transport(), { deviceId: `dev-${k}`, random: () => `n${k}`, ...fast }));
    // Act
    const outcomes = await Promise.all(devices.map((d) => d.claim(ID)));
    // Assert
    expect(outcomes.filter((o) => o === 'won')).to.have.length(1);
    expect(outcomes.filter((o) => o === 'lost')).to.have.length(7);
  });

  it('lets a device that comes late lose to the retained claim, and ignores other intents and foreign payloads on the topic', async () => {
    // Arrange
    const broker = new FakeBroker();
    const first = new MqttClaims(broker.transport(), { deviceId: 'dev-a', ...fast });
    const late = new MqttClaims(broker.transport(), { deviceId: 'dev-b', ...fast });
    const other = 'hv1-ffffffffff0123456789abcdef'.slice(0, 10) + ID.slice(10);
    // Act
    const firstOutcome = await first.claim(ID);
    const lateOutcome = await late.claim(ID);
    broker.retained.set(claimTopic(other), 'not json');
    const otherOutcome = await late.claim(other);
    // Assert
    expect(claimTopic(other)).to.equal(claimTopic(ID));
    expect([firstOutcome, lateOutcome, otherOutcome]).to.deep.equal(['won', 'lost', 'won']);
  });

  it('is unavailable when HA refuses the subscription (not an admin, no MQTT), and does not ask again for a while', async () => {
    // Arrange
    let t = 0;
    const broker = new FakeBroker();
    const transport = broker.transport({ subscribe: async () => Promise.reject(new Error('Unauthorized')) });
    let asked = 0;
    const counting = { ...transport, subscribe: (...args: Parameters<ClaimTransport['subscribe']>) => (asked++, transport.subscribe(...args)) };
    const claims = new MqttClaims(counting, { deviceId: 'dev-a', now: () => t, retryAfterMs: 1000, ...fast });
    // Act
    const outcomes = [await claims.claim(ID)];
    t = 500;
    outcomes.push(await claims.claim(ID));
    t = 1500;
    outcomes.push(await claims.claim(ID));
    // Assert
    expect(outcomes).to.deep.equal(['unavailable', 'unavailable', 'unavailable']);
    expect(asked).to.equal(2);
  });

  it('is unavailable when the publish fails or its claim never comes back', async () => {
    // Arrange
    const broker = new FakeBroker();
    const failing = new MqttClaims(broker.transport({ callService: () => Promise.reject(new Error('MQTT not connected')) }), { deviceId: 'dev-a', ...fast });
    const silent = new MqttClaims(broker.transport({ callService: async () => null }), { deviceId: 'dev-a', ...fast });
    // Act
    const outcomes = [await failing.claim(ID), await silent.claim(ID)];
    // Assert
    expect(outcomes).to.deep.equal(['unavailable', 'unavailable']);
    expect(broker.subscribers.size).to.equal(0);
  });
});

describe('claimingGate', () => {
  it('sends when this device won or the claim is unavailable, not when another device won; one send per id in this browser', async () => {
    // Arrange
    const outcomes: Record<string, 'won' | 'lost' | 'unavailable'> = { a: 'won', b: 'lost', c: 'unavailable' };
    const handled = new Set<string>();
    const local = { once: async (id: string, send: () => Promise<void>) => (handled.has(id) ? false : (handled.add(id), await send(), true)) };
    const gate = claimingGate(local, { claim: async (id) => outcomes[id] });
    const sent: string[] = [];
    // Act
    for (const id of ['a', 'b', 'c', 'a']) await gate.once(id, async () => void sent.push(id));
    // Assert
    expect(sent).to.deep.equal(['a', 'c']);
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
