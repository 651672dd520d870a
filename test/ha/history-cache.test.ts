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
