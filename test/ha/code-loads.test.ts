import { expect } from '@open-wc/testing';
import { VitalsStore } from '../../src/ha/store';
import { codeLoadsPending, codeLoadsSettled, trackCodeLoad } from '../../src/ha/code-loads';
import { FakeConnection, sleep } from '../helpers/fake-connection';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const subscribes = (c: FakeConnection) => c.subscriptions.filter((s) => s.message.type === 'subscribe_entities');

describe('ha/code-loads', () => {
  it('the store subscribes once for every card whose code was still downloading', async () => {
    // Arrange: a dashboard of two cards, the second one's chunk still loading
    const connection = new FakeConnection();
    const store = new VitalsStore(connection as never);
    const chunk = deferred();
    const loading = trackCodeLoad(chunk.promise).then(() => store.watch('sensor.b', () => {}));
    // Act
    store.watch('sensor.a', () => {});
    await sleep(30);
    const beforeChunk = subscribes(connection).length;
    chunk.resolve();
    await loading;
    await sleep(30);
    // Assert
    expect(beforeChunk).to.equal(0);
    expect(subscribes(connection)).to.have.length(1);
    expect(subscribes(connection)[0].message.entity_ids).to.deep.equal(['sensor.a', 'sensor.b']);
    expect(codeLoadsPending()).to.equal(0);
  });

  it('a failed download releases the hold, and a hung one holds no longer than the bound', async () => {
    // Arrange
    const failing = deferred();
    const hung = deferred();
    trackCodeLoad(failing.promise).catch(() => undefined);
    // Act
    failing.reject(new Error('404'));
    await codeLoadsSettled(5_000);
    trackCodeLoad(hung.promise);
    const started = performance.now();
    await codeLoadsSettled(50);
    const waited = performance.now() - started;
    hung.resolve();
    await sleep(10);
    // Assert
    expect(waited).to.be.within(40, 1000);
    expect(codeLoadsPending()).to.equal(0);
  });
});
