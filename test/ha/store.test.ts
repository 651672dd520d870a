import { expect, waitUntil } from '@open-wc/testing';
import { VitalsStore, storeFor } from '../../src/ha/store';
import { DEFAULT_RETENTION } from '../../src/ha/retention';
import { FakeConnection, sleep } from '../helpers/fake-connection';
import { AlertEngine } from '../../src/core/alerts/engine';
import { config } from '../core/alerts/helpers';

function makeStore(connection: FakeConnection, releaseDelayMs = 30_000) {
  return new VitalsStore(connection as never, { batchDelayMs: 5, releaseDelayMs });
}

describe('VitalsStore', () => {
  it('is shared by every card of one connection', () => {
    const connection = new FakeConnection();
    expect(storeFor(connection as never)).to.equal(storeFor(connection as never));
    expect(storeFor(new FakeConnection() as never)).to.not.equal(storeFor(connection as never));
  });

  it('makes one subscription for many cards watching several entities', async () => {
    // Arrange
    const connection = new FakeConnection();
    connection.setState('sensor.a', '1');
    connection.setState('sensor.b', '2');
    const store = makeStore(connection);
    const seen: string[] = [];
    // Act: seven "cards" over two entities, all attached in the same moment.
    for (let i = 0; i < 7; i++) store.watch(i % 2 ? 'sensor.a' : 'sensor.b', (s) => seen.push(`${s?.entityId}=${s?.state}`));
    await sleep(20);
    // Assert
    expect(connection.activeEntitySubscriptions()).to.have.length(1);
    expect(connection.subscriptions[0].message.entity_ids).to.deep.equal(['sensor.a', 'sensor.b']);
    expect(store.subscriptionCount).to.equal(1);
    expect(seen.filter((s) => s === 'sensor.a=1')).to.have.length(3);
    expect(seen.filter((s) => s === 'sensor.b=2')).to.have.length(4);
  });

  it('records every state change as a sample, non-numeric states as gaps', async () => {
    const connection = new FakeConnection();
    connection.setState('sensor.cpu', '10', {}, 100);
    const store = makeStore(connection);
    store.watch('sensor.cpu', () => undefined);
    await sleep(20);
    // Act
    connection.setState('sensor.cpu', '12', {}, 101);
    connection.setState('sensor.cpu', 'unavailable', {}, 102);
    connection.setState('sensor.cpu', '14', {}, 103);
    // Assert
    const { times, values } = store.series('sensor.cpu')!.copyRange();
    expect([...times]).to.deep.equal([100_000, 101_000, 102_000, 103_000]);
    expect(values[0]).to.equal(10);
    expect(values[1]).to.equal(12);
    expect(Number.isNaN(values[2])).to.equal(true);
    expect(values[3]).to.equal(14);
  });

  it('hands listeners the first state even when history already holds its sample, without recording it twice', async () => {
    // Arrange: the history answer (last row at 100 s) arrives before the entity's first state, stamped 100 s too.
    const connection = new FakeConnection();
    connection.responders.set('history/history_during_period', () => ({ 'sensor.x': [{ s: '5', lu: 90 }, { s: '7', lu: 100 }] }));
    const store = new VitalsStore(connection as never, { batchDelayMs: 5, historyBatchDelayMs: 1, now: () => 200_000 });
    const seen: (string | undefined)[] = [];
    store.watch('sensor.x', (s) => seen.push(s?.attributes.unit_of_measurement as string | undefined), { historyMs: 3_600_000 });
    await sleep(30);
    // Act
    connection.setState('sensor.x', '7', { unit_of_measurement: 'W' }, 100);
    await sleep(10);
    // Assert
    expect(seen).to.include('W');
    expect([...store.series('sensor.x')!.copyRange().values]).to.deep.equal([5, 7]);
  });

  it('widens the subscription when a card needs a new entity, without duplicating samples', async () => {
    const connection = new FakeConnection();
    connection.setState('sensor.a', '1', {}, 10);
    connection.setState('sensor.b', '2', {}, 10);
    const store = makeStore(connection);
    store.watch('sensor.a', () => undefined);
    await sleep(20);
    // Act
    store.watch('sensor.b', () => undefined);
    await sleep(20);
    // Assert: the new subscription covers both; the old one is gone; sensor.a has no replayed duplicate.
    const active = connection.activeEntitySubscriptions();
    expect(active).to.have.length(1);
    expect(active[0].message.entity_ids).to.deep.equal(['sensor.a', 'sensor.b']);
    expect(store.series('sensor.a')!.length).to.equal(1);
  });

  it('unsubscribes when no card watches any more', async () => {
    const connection = new FakeConnection();
    connection.setState('sensor.a', '1');
    const store = makeStore(connection, 10);
    const stop = store.watch('sensor.a', () => undefined);
    await sleep(20);
    // Act
    stop();
    stop(); // a second call is harmless
    await sleep(40);
    // Assert
    expect(connection.activeEntitySubscriptions()).to.have.length(0);
    expect(store.series('sensor.a')).to.equal(undefined);
    expect(store.status).to.equal('idle');
  });

  it('reports reconnecting while the websocket is down and live again after', async () => {
    const connection = new FakeConnection();
    connection.setState('sensor.a', '1');
    const store = makeStore(connection);
    connection.responders.set('history/history_during_period', () => ({}));
    const statuses: string[] = [];
    store.onStatus((s) => statuses.push(s));
    store.watch('sensor.a', () => undefined);
    await sleep(20);
    // Act
    connection.emit('disconnected');
    connection.emit('ready');
    // Assert
    expect(statuses).to.deep.equal(['subscribing', 'live', 'reconnecting', 'live']);
  });
});

describe('VitalsStore history and reconnects', () => {
  it('loads history into the same series as live samples, once for many cards', async () => {
    // Arrange
    const connection = new FakeConnection();
    const now = Date.now();
    connection.setState('sensor.a', '3', {}, now / 1000);
    connection.responders.set('history/history_during_period', () => ({
      'sensor.a': [
        { s: '1', lu: (now - 3_000_000) / 1000 },
        { s: '2', lu: (now - 1_000_000) / 1000 },
      ],
    }));
    const store = new VitalsStore(connection as never, { batchDelayMs: 5, historyBatchDelayMs: 5 });
    // Act
    store.watch('sensor.a', () => undefined, { historyMs: 3_600_000 });
    store.watch('sensor.a', () => undefined, { historyMs: 3_600_000 });
    await sleep(40);
    // Assert
    const { values } = store.series('sensor.a')!.copyRange();
    expect([...values]).to.deep.equal([1, 2, 3]);
    expect(connection.sent.filter((m) => m.type === 'history/history_during_period')).to.have.length(1);
  });

  it('after a reconnect, backfills what happened during the outage with no duplicates', async () => {
    // Arrange: live since t=100 s, then the websocket drops after the sample at t=101 s.
    const connection = new FakeConnection();
    connection.setState('sensor.a', '1', {}, 100);
    const store = new VitalsStore(connection as never, { batchDelayMs: 5, historyBatchDelayMs: 5, now: () => 200_000 });
    store.watch('sensor.a', () => undefined);
    await sleep(20);
    connection.setState('sensor.a', '2', {}, 101);
    connection.responders.set('history/history_during_period', (msg) => {
      expect(Date.parse(msg.start_time as string)).to.equal(101_000);
      return { 'sensor.a': [{ s: '2', lu: 101 }, { s: '5', lu: 150 }, { s: '6', lu: 160 }] };
    });
    // Act
    connection.emit('disconnected');
    connection.emit('ready');
    await sleep(20);
    // Assert
    const { times, values } = store.series('sensor.a')!.copyRange();
    expect([...times]).to.deep.equal([100_000, 101_000, 150_000, 160_000]);
    expect([...values]).to.deep.equal([1, 2, 5, 6]);
  });

  it('records a removed entity as a gap and tells its cards', async () => {
    const connection = new FakeConnection();
    connection.setState('sensor.a', '1', {}, 100);
    const store = new VitalsStore(connection as never, { batchDelayMs: 5, now: () => 200_000 });
    const seen: unknown[] = [];
    store.watch('sensor.a', (s) => seen.push(s?.state));
    await sleep(20);
    // Act
    connection.activeEntitySubscriptions()[0].callback({ r: ['sensor.a'] });
    // Assert
    expect(seen).to.deep.equal(['1', undefined]);
    expect(Number.isNaN(store.series('sensor.a')!.latest()!.v)).to.equal(true);
  });
});

describe('VitalsStore with the persistent cache', () => {
  it('paints cached history before the recorder answers, then fetches only what the cache lacks', async () => {
    // Arrange: the cache holds 10:00–10:30; now is 11:00; the recorder answers slowly.
    const { HistoryCache } = await import('../../src/ha/history-cache');
    const cache = (await HistoryCache.open('test', { dbName: `store-cache-${Date.now()}` }))!;
    const T = Date.UTC(2026, 10, 26, 10, 0, 0);
    await cache.save('sensor.a', '%', T, new Float64Array([T, T + 1_800_000]), new Float64Array([1, 2]));
    const connection = new FakeConnection();
    connection.setState('sensor.a', '4', { unit_of_measurement: '%' }, (T + 3_600_000) / 1000);
    let answer!: (v: unknown) => void;
    connection.responders.set('history/history_during_period', () => new Promise((r) => (answer = r)));
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, historyBatchDelayMs: 1, now: () => T + 3_600_000, cache: Promise.resolve(cache) });
    // Act
    store.watch('sensor.a', () => undefined, { historyMs: 3_600_000 });
    await sleep(30);
    // Assert: cached samples are there while the request is still open...
    expect([...store.series('sensor.a')!.copyRange().values]).to.deep.equal([1, 2, 4]);
    const request = connection.sent.find((m) => m.type === 'history/history_during_period')!;
    expect(Date.parse(request.start_time as string)).to.equal(T + 1_800_000);
    // ...and after it answers, the merged history is saved back.
    answer({ 'sensor.a': [{ s: '2', lu: (T + 1_800_000) / 1000 }, { s: '3', lu: (T + 2_400_000) / 1000 }] });
    await sleep(30);
    expect([...store.series('sensor.a')!.copyRange().values]).to.deep.equal([1, 2, 3, 4]);
    expect([...(await cache.load('sensor.a', '%'))!.values]).to.deep.equal([1, 2, 3, 4]);
    expect(connection.sent.filter((m) => m.type === 'history/history_during_period')).to.have.length(1);
    cache.close();
  });
});

describe('VitalsStore asks for history at once', () => {
  it('sends one history request for the cards attached together, before its own subscription delivers a state', async () => {
    // Arrange: a cache with nothing for these entities; a subscription that is slow to deliver;
    // the frontend already knows the entities (their units) from hass.states
    const { HistoryCache } = await import('../../src/ha/history-cache');
    const cache = (await HistoryCache.open('test', { dbName: `store-at-once-${Date.now()}` }))!;
    const connection = new FakeConnection();
    const subscribe = connection.subscribeMessage.bind(connection);
    connection.subscribeMessage = (async (callback: (msg: unknown) => void, message: Record<string, unknown>) => {
      if (message.type === 'subscribe_entities') return new Promise(() => undefined); // never answers
      return subscribe(callback, message);
    }) as typeof connection.subscribeMessage;
    const store = new VitalsStore(connection as never, { cache: Promise.resolve(cache) });
    store.frontendStates = { 'sensor.a': { attributes: { unit_of_measurement: '%' } }, 'sensor.b': { attributes: {} } };
    // Act: three "cards" attached in the same task
    const t0 = performance.now();
    store.watch('sensor.a', () => undefined, { historyMs: 3_600_000 });
    store.watch('sensor.b', () => undefined, { historyMs: 3_600_000 });
    store.watch('sensor.a', () => undefined, { historyMs: 3_600_000 });
    // Assert
    await waitUntil(() => connection.sent.some((m) => m.type === 'history/history_during_period'), 'no history request', { timeout: 1000, interval: 1 });
    const elapsed = performance.now() - t0;
    await sleep(20);
    const requests = connection.sent.filter((m) => m.type === 'history/history_during_period');
    expect(requests).to.have.length(1);
    expect(requests[0].entity_ids).to.deep.equal(['sensor.a', 'sensor.b']);
    expect(elapsed).to.be.below(200); // no fixed gather delay, no wait for our own subscription (it never answered)
    expect(store.snapshots.has('sensor.a')).to.equal(false); // the request did not wait for our subscription's first state
    cache.close();
  });
});

describe('VitalsStore cache restore for an entity that never reports', () => {
  it('stops its internal watch after the timeout instead of watching forever', async () => {
    // Arrange
    const { HistoryCache } = await import('../../src/ha/history-cache');
    const cache = (await HistoryCache.open('test', { dbName: `store-never-${Date.now()}` }))!;
    const connection = new FakeConnection();
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, historyBatchDelayMs: 1, releaseDelayMs: 1, cache: Promise.resolve(cache) });
    (store as unknown as { unitOf: (id: string, ms: number) => Promise<string> }).unitOf = ((orig) =>
      function (this: VitalsStore, id: string) {
        return orig.call(this, id, 20);
      })((store as unknown as { unitOf: (id: string, ms: number) => Promise<string> }).unitOf);
    // Act
    const stop = store.watch('sensor.misspelt', () => undefined, { historyMs: 3_600_000 });
    stop();
    await sleep(80);
    // Assert
    expect(store.watchedIds).to.not.include('sensor.misspelt');
    cache.close();
  });
});

describe('VitalsStore recorder lag and concurrent restores', () => {
  it('asks for the outage again after the recorder commit interval, filling what it had not written yet', async () => {
    // Arrange: the first backfill sees only what the recorder had committed.
    const connection = new FakeConnection();
    connection.setState('sensor.a', '1', {}, 100);
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, historyBatchDelayMs: 1, backfillRetryDelaysMs: [20], now: () => 200_000 });
    store.watch('sensor.a', () => undefined);
    await sleep(10);
    let calls = 0;
    connection.responders.set('history/history_during_period', () => {
      calls++;
      return { 'sensor.a': calls === 1 ? [{ s: '2', lu: 110 }] : [{ s: '2', lu: 110 }, { s: '3', lu: 120 }] };
    });
    // Act
    connection.emit('disconnected');
    connection.emit('ready');
    await sleep(60);
    // Assert
    expect(calls).to.equal(2);
    expect([...store.series('sensor.a')!.copyRange().values]).to.deep.equal([1, 2, 3]);
  });

  it('lets a card re-attached during the cache restore wait for it instead of fetching the whole window', async () => {
    // Arrange
    const { HistoryCache } = await import('../../src/ha/history-cache');
    const cache = (await HistoryCache.open('test', { dbName: `store-reattach-${Date.now()}` }))!;
    const T = Date.UTC(2026, 10, 26, 10, 0, 0);
    await cache.save('sensor.a', '', T, new Float64Array([T, T + 60_000]), new Float64Array([1, 2]));
    const connection = new FakeConnection();
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, historyBatchDelayMs: 1, now: () => T + 3_600_000, cache: Promise.resolve(cache) });
    // Act: attach, detach and re-attach before the entity's first state (the unit) arrives.
    const stop = store.watch('sensor.a', () => undefined, { historyMs: 3_600_000 });
    stop();
    store.watch('sensor.a', () => undefined, { historyMs: 3_600_000 });
    await sleep(5);
    connection.setState('sensor.a', '3', {}, (T + 3_600_000) / 1000);
    await sleep(40);
    // Assert: one request, from the newest cached sample on.
    const requests = connection.sent.filter((m) => m.type === 'history/history_during_period');
    expect(requests).to.have.length(1);
    expect(Date.parse(requests[0].start_time as string)).to.equal(T + 60_000);
    cache.close();
  });
});

describe('VitalsStore under a burst', () => {
  it('records every one of 10,000 changes arriving at once, in order, and tells its watchers of each', async () => {
    // Arrange
    const connection = new FakeConnection();
    connection.setState('sensor.burst', '0', {}, 1);
    const store = new VitalsStore(connection as never, { batchDelayMs: 1 });
    let notified = 0;
    store.watch('sensor.burst', () => notified++);
    await sleep(10);
    // Act: 10,000 diffs in one task, as a flood of state_changed events would deliver them.
    for (let i = 1; i <= 10_000; i++) connection.setState('sensor.burst', String(i), {}, 1 + i / 1000);
    // Assert
    const { times, values } = store.series('sensor.burst')!.copyRange();
    expect(values.length).to.equal(10_001);
    expect(values[10_000]).to.equal(10_000);
    let ordered = true;
    for (let i = 1; i < times.length; i++) if (!(times[i] > times[i - 1])) ordered = false;
    expect(ordered).to.equal(true);
    expect(notified).to.equal(10_001);
  });
});

describe('VitalsStore and clocks that were ahead', () => {
  it('does not let one future-stamped state blind an entity: later states are recorded and judged', async () => {
    // Arrange: HA's clock was a day ahead for the state the subscription starts with, then corrected.
    const T = 1_700_000_000_000;
    let now = T;
    const connection = new FakeConnection();
    connection.setState('sensor.cpu', '40', {}, (T + 86_400_000) / 1000);
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, now: () => now });
    store.watch('sensor.cpu', () => undefined);
    await sleep(20);
    // Act: 12 correctly stamped states of 95, every 5 s.
    for (let i = 1; i <= 12; i++) {
      now = T + i * 5_000;
      connection.setState('sensor.cpu', '95', {}, now / 1000);
    }
    // Assert: every state is a sample, and a rule `above: 90` fed from the series fires.
    const series = store.series('sensor.cpu')!;
    expect(series.length).to.equal(13);
    expect(series.at(0)).to.deep.equal({ t: T, v: 40 });
    expect(store.dataNotes.futureStamps).to.equal(1);
    expect(store.dataNotes.lastFutureStamp).to.deep.equal({ entityId: 'sensor.cpu', stamp: T + 86_400_000, receivedAt: T });
    const engine = new AlertEngine({ config: config([{ name: 'hot', type: 'threshold', above: 90, notify: [] }]), clock: { now: () => now } });
    series.forEachInRange(-Infinity, Infinity, (t, v) => engine.ingest('sensor.cpu', t, v));
    engine.evaluate(now);
    expect(engine.alerts(now)[0].state).to.equal('firing');
  });

  it('records a replayed future-stamped state once', async () => {
    // Arrange
    const T = 1_700_000_000_000;
    const connection = new FakeConnection();
    connection.setState('sensor.a', '1', {}, (T + 86_400_000) / 1000);
    connection.setState('sensor.b', '2', {}, T / 1000);
    let now = T;
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, now: () => now });
    store.watch('sensor.a', () => undefined);
    await sleep(20);
    // Act: a new entity widens the subscription, which replays sensor.a's state a minute later.
    now = T + 60_000;
    store.watch('sensor.b', () => undefined);
    await sleep(20);
    // Assert
    expect(store.series('sensor.a')!.length).to.equal(1);
    expect(store.dataNotes.futureStamps).to.equal(1);
  });

  it('takes absurd magnitudes as gaps and counts them', async () => {
    // Arrange
    const connection = new FakeConnection();
    connection.setState('sensor.x', '50', {}, 100);
    const store = makeStore(connection);
    store.watch('sensor.x', () => undefined);
    await sleep(20);
    // Act
    connection.setState('sensor.x', '3.4028234663852886e+38', {}, 101);
    connection.setState('sensor.x', '1e308', {}, 102);
    connection.setState('sensor.x', '51', {}, 103);
    // Assert
    const values = [...store.series('sensor.x')!.copyRange().values].map((v) => (Number.isNaN(v) ? 'gap' : v));
    expect(values).to.deep.equal([50, 'gap', 'gap', 51]);
    expect(store.dataNotes.absurdValues).to.equal(2);
  });
});

describe('VitalsStore over a dense window', () => {
  const DAY = 86_400_000;

  it('keeps the whole window of a sensor denser than its raw room: recent samples raw, older ones as buckets', async () => {
    // Arrange: 7 days at one sample every 6 s would be 100,800 samples; here the raw room is 1,000
    // and the recorder answers 5,000 samples spread over the week.
    const connection = new FakeConnection();
    const now = Date.now();
    connection.setState('sensor.dense', '7', {}, now / 1000);
    const step = (7 * DAY) / 5000;
    connection.responders.set('history/history_during_period', () => ({
      'sensor.dense': Array.from({ length: 5000 }, (_, i) => ({ s: String(i % 100), lu: (now - 7 * DAY + (i + 0.5) * step) / 1000 })),
    }));
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, historyBatchDelayMs: 1, samplesPerEntity: 1000 });
    // Act
    store.watch('sensor.dense', () => undefined, { historyMs: 7 * DAY });
    await sleep(60);
    // Assert: the raw series holds the newest 1,000; the buckets start at the window's start
    const series = store.series('sensor.dense')!;
    expect(series.length).to.equal(1000);
    const older = store.olderBuckets('sensor.dense')!;
    let first = Infinity;
    let last = -Infinity;
    let counted = 0;
    let max = -Infinity;
    older.forEach(-Infinity, Infinity, (t, _min, hi, _mean, count) => {
      first = Math.min(first, t);
      last = Math.max(last, t);
      counted += count;
      max = Math.max(max, hi);
    });
    expect(first - (now - 7 * DAY)).to.be.below(older.bucketMs * 2);
    expect(last).to.be.below(series.timeAt(0));
    expect(series.timeAt(0) - last).to.be.at.most(older.bucketMs + step); // no hole between the two parts
    expect(counted).to.equal(5001 - 1000); // every history row plus the live state, minus what stays raw
    expect(max).to.equal(99);
  });

  it('keeps long-term statistics min and max beyond the raw window, for a band on charts', async () => {
    // Arrange: a 30-day window; the recorder keeps 10 days raw, statistics the rest (hourly rows)
    const connection = new FakeConnection();
    const now = Date.now();
    connection.setState('sensor.t', '20', {}, now / 1000);
    const hour = 3_600_000;
    const firstHour = Math.ceil((now - 30 * DAY) / hour) * hour;
    connection.responders.set('recorder/statistics_during_period', (msg) => {
      expect(msg.types).to.include.members(['mean', 'min', 'max']);
      return { 'sensor.t': Array.from({ length: 24 * 20 }, (_, i) => ({ start: firstHour + i * hour, mean: 20, min: 18, max: i === 100 ? 95 : 22 })) };
    });
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, historyBatchDelayMs: 1 });
    // Act
    store.watch('sensor.t', () => undefined, { historyMs: 30 * DAY });
    await sleep(60);
    // Assert: the spike a month ago survives as a bucket max; the means are samples of the series
    let spike = Number.NaN;
    store.olderBuckets('sensor.t')!.forEach(-Infinity, Infinity, (t, _min, hi) => {
      if (hi === 95) spike = t;
    });
    expect(Math.abs(spike - (firstHour + 100 * hour))).to.be.below(hour);
    // Summaries are not samples: the raw series (detectors, cache) holds no statistics row
    expect(store.series('sensor.t')!.timeAt(0)).to.be.above(firstHour + 20 * DAY - hour);
  });

  it('keeps raw samples older than what the statistics cover (statistics of the last hours only)', async () => {
    // Arrange: the raw room is 100 samples; statistics exist only for the last 2 hours of a 7-day window
    const connection = new FakeConnection();
    const now = Date.now();
    connection.setState('sensor.new', '5', { state_class: 'measurement' }, now / 1000);
    const five = 300_000;
    connection.responders.set('recorder/statistics_during_period', () => ({
      'sensor.new': Array.from({ length: 24 }, (_, i) => ({ start: Math.floor((now - 2 * 3_600_000) / five) * five + i * five, mean: 5, min: 4, max: 6 })),
    }));
    // The raw states arrive after the statistics (as they do: 2,000 rows against 100,000)
    connection.responders.set('history/history_during_period', () =>
      sleep(10).then(() => ({
        'sensor.new': Array.from({ length: 1000 }, (_, i) => ({ s: i === 10 ? '99' : '5', lu: (now - 7 * DAY + i * 600_000) / 1000 })),
      })),
    );
    const store = new VitalsStore(connection as never, { samplesPerEntity: 100 });
    store.frontendStates = { 'sensor.new': { attributes: { state_class: 'measurement' } } };
    // Act
    store.watch('sensor.new', () => undefined, { historyMs: 7 * DAY });
    await sleep(40);
    // Assert: the old spike, long before the statistics begin, is in the buckets
    let max = -Infinity;
    let earliest = Infinity;
    store.olderBuckets('sensor.new')!.forEach(-Infinity, Infinity, (t, _lo, hi) => {
      max = Math.max(max, hi);
      earliest = Math.min(earliest, t);
    });
    expect(max).to.equal(99);
    expect(earliest - (now - 7 * DAY)).to.be.below(10 * 60_000);
  });

  it('draws a long window of a measurement sensor from its statistics first, then refines it with the raw states', async () => {
    // Arrange: the recorder's raw answer is slow; 5-minute statistics answer at once
    const connection = new FakeConnection();
    const now = Date.now();
    connection.setState('sensor.m', '20', { state_class: 'measurement' }, now / 1000);
    connection.setState('sensor.plain', '1', {}, now / 1000);
    let answerRaw!: (v: unknown) => void;
    connection.responders.set('history/history_during_period', () => new Promise((r) => (answerRaw = r)));
    const five = 300_000;
    const first = Math.ceil((now - 7 * DAY) / five) * five;
    connection.responders.set('recorder/statistics_during_period', (msg) => ({
      'sensor.m': Array.from({ length: 2000 }, (_, i) => ({ start: first + i * five, mean: 20, min: 19, max: i === 5 ? 88 : 21 })),
      ignored: msg.period,
    }));
    const store = new VitalsStore(connection as never, {});
    store.frontendStates = { 'sensor.m': { attributes: { state_class: 'measurement' } }, 'sensor.plain': { attributes: {} } };
    // Act
    store.watch('sensor.m', () => undefined, { historyMs: 7 * DAY });
    store.watch('sensor.plain', () => undefined, { historyMs: 7 * DAY });
    await sleep(30);
    // Assert: while the raw answer is out, the buckets already span the week
    const statistics = connection.sent.filter((m) => m.type === 'recorder/statistics_during_period');
    expect(statistics).to.have.length(1);
    expect(statistics[0].statistic_ids).to.deep.equal(['sensor.m']);
    expect(statistics[0].period).to.equal('5minute');
    let earliest = Infinity;
    let max = -Infinity;
    store.olderBuckets('sensor.m')!.forEach(-Infinity, Infinity, (t, _lo, hi) => {
      earliest = Math.min(earliest, t);
      max = Math.max(max, hi);
    });
    expect(earliest - (now - 7 * DAY)).to.be.below(10 * 60_000);
    expect(max).to.equal(88);
    expect(store.olderBuckets('sensor.plain')).to.equal(undefined);
    // ...and the raw states land in the series when they come
    answerRaw({ 'sensor.m': [{ s: '30', lu: (now - 3_600_000) / 1000 }] });
    await sleep(20);
    expect([...store.series('sensor.m')!.copyRange().values]).to.deep.equal([30, 20]);
  });
});

describe('VitalsStore retention (docs/retention.md)', () => {
  const HOUR = 3_600_000;
  const DAY = 86_400_000;
  const T = Date.UTC(2026, 10, 26, 12, 0, 0);

  it('keeps measurements for the largest live window asked for, widening what it holds at once', () => {
    // Arrange: a measurement recorded under the default live window (1 h).
    const store = new VitalsStore(new FakeConnection() as never);
    store.record('vitals.ws_rtt_ms', T, 1);
    // Act: two cards ask for 2 h and 90 min; a sample 100 min later arrives.
    store.requestRetention({ liveWindowMs: 2 * HOUR });
    store.requestRetention({ liveWindowMs: 90 * 60_000 });
    store.record('vitals.ws_rtt_ms', T + 100 * 60_000, 2);
    // Assert
    expect(store.retention.liveWindowMs).to.equal(2 * HOUR);
    expect([...store.series('vitals.ws_rtt_ms')!.copyRange().values]).to.deep.equal([1, 2]);
  });

  it('goes back to the smaller value, then to the default, as the cards that asked are detached', () => {
    // Arrange
    const store = new VitalsStore(new FakeConnection() as never);
    const releaseLarge = store.requestRetention({ liveWindowMs: 2 * HOUR, cacheAgeMs: 30 * DAY });
    const releaseSmall = store.requestRetention({ liveWindowMs: 90 * 60_000 });
    // Act
    releaseLarge();
    releaseLarge(); // a second call is harmless
    const afterLarge = store.retention;
    releaseSmall();
    // Assert
    expect(afterLarge).to.deep.equal({ ...DEFAULT_RETENTION, liveWindowMs: 90 * 60_000 });
    expect(store.retention).to.deep.equal(DEFAULT_RETENTION);
    store.record('vitals.x', T, 1);
    store.record('vitals.x', T + HOUR + 1, 2);
    expect([...store.series('vitals.x')!.copyRange().values]).to.deep.equal([2]);
  });

  it('applies the byte cap a card asks for to the history cache at once', async () => {
    // Arrange: the cache holds two entries of 1,600 bytes.
    const { HistoryCache } = await import('../../src/ha/history-cache');
    const cache = (await HistoryCache.open('test', { dbName: `store-retention-bytes-${Date.now()}` }))!;
    await cache.save('sensor.old', '', T, new Float64Array(100).fill(T), new Float64Array(100), T);
    await cache.save('sensor.new', '', T, new Float64Array(100).fill(T), new Float64Array(100), T + 1);
    const store = new VitalsStore(new FakeConnection() as never, { now: () => T, cache: Promise.resolve(cache) });
    // Act
    const release = store.requestRetention({ cacheBytes: 2_000 });
    await sleep(20);
    // Assert: the entry saved earlier is evicted.
    expect(cache.limits.maxBytes).to.equal(2_000);
    expect(await cache.totalBytes()).to.equal(1_600);
    expect(cache.mayHold('sensor.old')).to.equal(false);
    release();
    await sleep(20);
    expect(cache.limits.maxBytes).to.equal(DEFAULT_RETENTION.cacheBytes);
    cache.close();
  });

  it('restores no cached sample older than cache_days, asks the recorder for that part, and deletes it from the cache', async () => {
    // Arrange: the cache holds sensor.a from 3 days ago; a card asks for cache_days 1 and a 3-day window.
    const { HistoryCache } = await import('../../src/ha/history-cache');
    const cache = (await HistoryCache.open('test', { dbName: `store-retention-age-${Date.now()}` }))!;
    await cache.save('sensor.a', '%', T - 3 * DAY, new Float64Array([T - 3 * DAY, T - 2 * DAY, T - HOUR]), new Float64Array([1, 2, 3]), T - HOUR);
    const connection = new FakeConnection();
    connection.setState('sensor.a', '4', { unit_of_measurement: '%' }, T / 1000);
    // The recorder has the older part (with other values than the cache, to tell them apart).
    connection.responders.set('history/history_during_period', (msg) =>
      Date.parse(msg.start_time as string) === T - 3 * DAY ? { 'sensor.a': [{ s: '10', lu: (T - 3 * DAY) / 1000 }, { s: '20', lu: (T - 2 * DAY) / 1000 }] } : {},
    );
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, historyBatchDelayMs: 1, now: () => T, cache: Promise.resolve(cache) });
    store.frontendStates = { 'sensor.a': { attributes: { unit_of_measurement: '%' } } };
    // Act
    store.requestRetention({ cacheAgeMs: DAY });
    store.watch('sensor.a', () => undefined, { historyMs: 3 * DAY });
    await sleep(50);
    // Assert
    expect([...store.series('sensor.a')!.copyRange().values]).to.deep.equal([10, 20, 3, 4]);
    const starts = connection.sent.filter((m) => m.type === 'history/history_during_period').map((m) => Date.parse(m.start_time as string));
    expect(starts).to.include(T - 3 * DAY);
    const cached = await cache.load('sensor.a', '%');
    expect([...cached!.values]).to.deep.equal([3, 4]);
    expect(cached!.from).to.equal(T - DAY);
    cache.close();
  });

  it('with cache_size_mb 0 neither reads nor writes the cache, and empties it', async () => {
    // Arrange
    const { HistoryCache } = await import('../../src/ha/history-cache');
    const cache = (await HistoryCache.open('test', { dbName: `store-retention-off-${Date.now()}` }))!;
    await cache.save('sensor.a', '%', T - HOUR, new Float64Array([T - HOUR]), new Float64Array([1]), T - HOUR);
    const connection = new FakeConnection();
    connection.setState('sensor.a', '4', { unit_of_measurement: '%' }, T / 1000);
    const store = new VitalsStore(connection as never, { batchDelayMs: 1, historyBatchDelayMs: 1, now: () => T, cache: Promise.resolve(cache) });
    store.frontendStates = { 'sensor.a': { attributes: { unit_of_measurement: '%' } } };
    // Act
    store.requestRetention({ cacheBytes: 0 });
    store.watch('sensor.a', () => undefined, { historyMs: 2 * HOUR });
    await sleep(50);
    // Assert
    expect([...store.series('sensor.a')!.copyRange().values]).to.deep.equal([4]);
    expect(await cache.totalBytes()).to.equal(0);
    cache.close();
  });
});
