import { expect } from '@open-wc/testing';
import { HistoryCache } from '../../src/ha/history-cache';

let dbCounter = 0;
const open = (maxBytes?: number) => HistoryCache.open('http://ha.local:8123', { dbName: `ha-vitals-test-${Date.now()}-${dbCounter++}`, maxBytes });
const f64 = (...xs: number[]) => new Float64Array(xs);

describe('HistoryCache (IndexedDB)', () => {
  it('returns what was saved for an entity, typed arrays intact', async () => {
    // Arrange
    const cache = (await open())!;
    // Act
    await cache.save('sensor.cpu', '%', 1000, f64(1000, 2000), f64(1.5, NaN));
    const entry = await cache.load('sensor.cpu', '%');
    // Assert
    expect(entry!.from).to.equal(1000);
    expect([...entry!.times]).to.deep.equal([1000, 2000]);
    expect(entry!.values[0]).to.equal(1.5);
    expect(Number.isNaN(entry!.values[1])).to.equal(true);
    cache.close();
  });

  it('knows without a read which entities it may hold, including those saved by an earlier page', async () => {
    // Arrange
    const dbName = `ha-vitals-test-keys-${Date.now()}`;
    const first = (await HistoryCache.open('http://ha.local:8123', { dbName }))!;
    await first.save('sensor.a', '%', 0, new Float64Array([1]), new Float64Array([2]));
    expect(first.mayHold('sensor.a')).to.equal(true);
    expect(first.mayHold('sensor.b')).to.equal(false);
    first.close();
    // Act: a later page opens the same database
    const later = (await HistoryCache.open('http://ha.local:8123', { dbName }))!;
    // Assert
    expect(later.mayHold('sensor.a')).to.equal(true);
    await later.invalidate('sensor.a');
    expect(later.mayHold('sensor.a')).to.equal(false);
    const otherInstance = (await HistoryCache.open('http://other:8123', { dbName }))!;
    expect(otherInstance.mayHold('sensor.a')).to.equal(false);
    later.close();
    otherInstance.close();
  });

  it('drops an entity whose unit changed instead of serving stale data', async () => {
    const cache = (await open())!;
    await cache.save('sensor.net', 'kB/s', 0, f64(1), f64(1));
    // Act
    const entry = await cache.load('sensor.net', 'MB/s');
    // Assert
    expect(entry).to.equal(undefined);
    expect(await cache.load('sensor.net', 'kB/s')).to.equal(undefined);
    cache.close();
  });

  it('keeps entries of other entities when one is invalidated', async () => {
    const cache = (await open())!;
    await cache.save('sensor.a', '', 0, f64(1), f64(1));
    await cache.save('sensor.b', '', 0, f64(1), f64(2));
    await cache.invalidate('sensor.a');
    expect(await cache.load('sensor.a', '')).to.equal(undefined);
    expect((await cache.load('sensor.b', ''))!.values[0]).to.equal(2);
    cache.close();
  });

  it('evicts the least recently saved entries beyond the byte cap', async () => {
    // Arrange: each entry is 2 × 100 × 8 = 1,600 bytes; the cap holds two.
    const cache = (await open(3_500))!;
    const big = () => new Float64Array(100);
    // Act
    await cache.save('sensor.old', '', 0, big(), big(), 1);
    await cache.save('sensor.mid', '', 0, big(), big(), 2);
    await cache.save('sensor.new', '', 0, big(), big(), 3);
    // Assert
    expect(await cache.load('sensor.old', '')).to.equal(undefined);
    expect(await cache.load('sensor.mid', '')).to.not.equal(undefined);
    expect(await cache.totalBytes()).to.equal(3_200);
    cache.close();
  });
});

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

describe('HistoryCache retention (age and size)', () => {
  it('after reopening with an age limit, returns no sample older than it and deletes what is wholly older', async () => {
    // Arrange: one entity spans 10 days ago → now, another has only samples from 9 and 8 days ago.
    const dbName = `ha-vitals-test-age-${Date.now()}-${dbCounter++}`;
    const first = (await HistoryCache.open('ns', { dbName, now: () => NOW }))!;
    await first.save('sensor.span', '%', NOW - 10 * DAY, f64(NOW - 10 * DAY, NOW - 3 * DAY, NOW - 1000), f64(1, 2, 3), NOW - 1000);
    await first.save('sensor.stale', '%', NOW - 9 * DAY, f64(NOW - 9 * DAY, NOW - 8 * DAY), f64(4, 5), NOW - 8 * DAY);
    first.close();
    // Act
    const later = (await HistoryCache.open('ns', { dbName, now: () => NOW, maxAgeMs: 7 * DAY }))!;
    const span = await later.load('sensor.span', '%');
    const stale = await later.load('sensor.stale', '%');
    // Assert: the old sample is gone from the entry, the entry covers from the limit, the stale entity is deleted.
    expect([...span!.times]).to.deep.equal([NOW - 3 * DAY, NOW - 1000]);
    expect([...span!.values]).to.deep.equal([2, 3]);
    expect(span!.from).to.equal(NOW - 7 * DAY);
    expect(span!.bytes).to.equal(32);
    expect(stale).to.equal(undefined);
    expect(later.mayHold('sensor.stale')).to.equal(false);
    expect(await later.totalBytes()).to.equal(32);
    later.close();
  });

  it('does not store samples older than the age limit', async () => {
    // Arrange
    const cache = (await HistoryCache.open('ns', { dbName: `ha-vitals-test-save-${Date.now()}-${dbCounter++}`, now: () => NOW, maxAgeMs: DAY }))!;
    // Act
    await cache.save('sensor.a', '', NOW - 2 * DAY, f64(NOW - 2 * DAY, NOW - 1000), f64(1, 2), NOW);
    // Assert
    const entry = await cache.load('sensor.a', '');
    expect([...entry!.times]).to.deep.equal([NOW - 1000]);
    expect(entry!.from).to.equal(NOW - DAY);
    expect(await cache.totalBytes()).to.equal(16);
    cache.close();
  });

  it('applies new limits without reopening: a shorter age and a smaller cap, at the next prune', async () => {
    // Arrange: two entries of 1,600 bytes, saved 3 days and 1 hour ago.
    const cache = (await HistoryCache.open('ns', { dbName: `ha-vitals-test-limits-${Date.now()}-${dbCounter++}`, now: () => NOW }))!;
    const at = (t: number) => new Float64Array(100).fill(t);
    await cache.save('sensor.old', '', NOW - 3 * DAY, at(NOW - 3 * DAY), new Float64Array(100), NOW - 3 * DAY);
    await cache.save('sensor.new', '', NOW - 3_600_000, at(NOW - 3_600_000), new Float64Array(100), NOW - 3_600_000);
    await cache.save('sensor.newer', '', NOW - 60_000, at(NOW - 60_000), new Float64Array(100), NOW - 60_000);
    // Act
    cache.configure({ maxAgeMs: 2 * DAY, maxBytes: 2_000 });
    const beforePrune = await cache.load('sensor.old', '');
    await cache.prune();
    // Assert: reads follow the new age at once; the prune deletes the old entry and, beyond the
    // cap, the one saved earliest.
    expect(beforePrune).to.equal(undefined);
    expect(cache.limits).to.deep.equal({ maxAgeMs: 2 * DAY, maxBytes: 2_000 });
    expect(cache.mayHold('sensor.old')).to.equal(false);
    expect(cache.mayHold('sensor.new')).to.equal(false);
    expect(cache.mayHold('sensor.newer')).to.equal(true);
    expect(await cache.totalBytes()).to.equal(1_600);
    cache.close();
  });

  it('holds nothing with a byte cap of 0', async () => {
    // Arrange
    const cache = (await HistoryCache.open('ns', { dbName: `ha-vitals-test-zero-${Date.now()}-${dbCounter++}`, now: () => NOW }))!;
    await cache.save('sensor.a', '', 0, f64(NOW - 1000), f64(1), NOW);
    // Act
    cache.configure({ maxBytes: 0 });
    await cache.save('sensor.b', '', 0, f64(NOW - 1000), f64(1), NOW);
    // Assert
    expect(await cache.totalBytes()).to.equal(0);
    expect(cache.mayHold('sensor.a')).to.equal(false);
    expect(cache.mayHold('sensor.b')).to.equal(false);
    cache.close();
  });
});
