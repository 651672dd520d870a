import { expect } from '@open-wc/testing';
import { buildPipeline, type PipelineDeps } from '../../../src/ha/notify/pipeline';
import { browserIntentGate, readSentLog, SENT_LOG_KEY } from '../../../src/ha/notify/browser-once';
import { NotificationRateLimit } from '../../../src/core/alerts/rate-limit';
import type { NotificationIntent } from '../../../src/core/alerts/types';
import type { Delivery } from '../../../src/ha/notify/types';

const T = Date.UTC(2026, 10, 30, 3);

function intent(service: string, reason: NotificationIntent['reason'] = 'firing', at = T): NotificationIntent {
  return { id: `hv2-${reason}-${service}-${at}`, channel: 'tier0', service, title: 'CRITICAL: cpu', message: 'cpu = 95', data: { tag: 'x' }, reason, alertKey: 'cpu/sensor.cpu', at };
}

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

function pipeline(over: Partial<PipelineDeps> = {}) {
  const calls: [string, string, Record<string, unknown>][] = [];
  const recorded: Delivery[] = [];
  const deliver = buildPipeline({
    caller: { callService: async (d, s, data) => void calls.push([d, s, data]) },
    isAllowed: (service) => service.startsWith('notify.') || service.startsWith('persistent_notification.'),
    limit: new NotificationRateLimit(60),
    quiet: () => undefined,
    browserGate: browserIntentGate(memoryStorage()),
    claims: { run: async (_id, send) => (await send(), 'won') },
    record: (d) => recorded.push(d),
    now: () => T,
    ...over,
  });
  return { deliver, calls, recorded };
}

describe('delivery pipeline', () => {
  it('sends a notify.* intent with its title and message, and records it as sent', async () => {
    // Arrange
    const { deliver, calls, recorded } = pipeline();
    // Act
    const delivery = await deliver(intent('notify.mobile_app_pixel'), 'scope');
    // Assert
    expect(delivery.reason).to.equal('sent');
    expect(calls).to.deep.equal([['notify', 'mobile_app_pixel', { title: 'CRITICAL: cpu', message: 'cpu = 95', tag: 'x' }]]);
    expect(recorded).to.deep.equal([delivery]);
  });

  it('never calls a service the scope does not allow, even when a config got past validation', async () => {
    // Arrange
    const { deliver, calls } = pipeline();
    // Act
    const delivery = await deliver(intent('lock.unlock'), 'scope');
    // Assert
    expect(delivery.reason).to.equal('refused-service');
    expect(delivery.detail).to.equal('lock.unlock is not allowed');
    expect(calls).to.deep.equal([]);
  });

  it('holds back what is over the hourly cap', async () => {
    // Arrange
    const { deliver, calls } = pipeline({ limit: new NotificationRateLimit(2) });
    // Act
    const reasons = [];
    for (let k = 0; k < 5; k++) reasons.push((await deliver(intent('notify.phone', 'repeat', T + k), 's')).reason);
    // Assert
    expect(reasons).to.deep.equal(['sent', 'sent', 'rate-limited', 'rate-limited', 'rate-limited']);
    expect(calls).to.have.length(2);
  });

  it('stops firing, repeat and escalation notices of a quietened alert, but not its resolved notice', async () => {
    // Arrange
    const { deliver, calls } = pipeline({ quiet: () => 'acknowledged by Ann' });
    // Act
    const escalation = await deliver(intent('notify.phone', 'escalation'), 's');
    const resolved = await deliver(intent('notify.phone', 'resolved'), 's');
    // Assert
    expect([escalation.reason, escalation.detail]).to.deep.equal(['acknowledged', 'acknowledged by Ann']);
    expect(resolved.reason).to.equal('sent');
    expect(calls).to.have.length(1);
  });

  it('sends each intent once per browser, and says another tab had it', async () => {
    // Arrange: two tabs share storage.
    const storage = memoryStorage();
    const a = pipeline({ browserGate: browserIntentGate(storage) });
    const b = pipeline({ browserGate: browserIntentGate(storage) });
    // Act
    const first = await a.deliver(intent('notify.phone'), 's');
    const second = await b.deliver(intent('notify.phone'), 's');
    // Assert
    expect([first.reason, second.reason]).to.deep.equal(['sent', 'other-tab']);
    expect(a.calls.length + b.calls.length).to.equal(1);
  });

  it('says another device sent it when the claim was lost', async () => {
    // Arrange
    const { deliver, calls } = pipeline({ claims: { run: async () => 'lost' } });
    // Act
    const delivery = await deliver(intent('notify.phone'), 's');
    // Assert
    expect(delivery.reason).to.equal('other-device');
    expect(calls).to.deep.equal([]);
  });

  it('records a failed call with its error, and lets a later try send it again', async () => {
    // Arrange
    let fail = true;
    const storage = memoryStorage();
    const { deliver } = pipeline({
      browserGate: browserIntentGate(storage),
      caller: { callService: async () => (fail ? Promise.reject(new Error('Service notify.phone not found')) : undefined) },
    });
    // Act
    const failed = await deliver(intent('notify.phone'), 's');
    fail = false;
    const retried = await deliver(intent('notify.phone'), 's');
    // Assert
    expect([failed.reason, failed.detail]).to.deep.equal(['failed', 'Service notify.phone not found']);
    expect(retried.reason).to.equal('sent');
  });

  it('keeps sending when the sent-id log holds junk or storage refuses writes', async () => {
    // Arrange
    for (const junk of ['null', '"null"', '[1,2]', '{"a":null,"b":"x"}', '{bad json']) {
      const storage = memoryStorage({ [SENT_LOG_KEY]: junk });
      const { deliver } = pipeline({ browserGate: browserIntentGate(storage) });
      // Act
      const delivery = await deliver(intent('notify.phone'), 's');
      // Assert
      expect(delivery.reason, junk).to.equal('sent');
    }
    const full = { getItem: () => null, setItem: () => { throw new DOMException('quota', 'QuotaExceededError'); } };
    expect((await pipeline({ browserGate: browserIntentGate(full) }).deliver(intent('notify.phone'), 's')).reason).to.equal('sent');
    expect(Object.entries(readSentLog(memoryStorage({ [SENT_LOG_KEY]: '{"x":5,"y":"no","__proto__":7}' })))).to.deep.equal([['x', 5], ['__proto__', 7]]);
  });
});
