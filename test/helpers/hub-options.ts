import { EvaluationHeartbeat } from '../../src/ha/heartbeat';
import { SharedAlertChannel } from '../../src/ha/shared-alert-state';
import type { VitalsStore } from '../../src/ha/store';

/** Claims that always let this device send (no broker in unit tests). */
export const passThroughClaims = {
  run: async (_id: string, send: () => Promise<void>) => {
    await send();
    return 'won' as const;
  },
};

/** A shared channel on the store whose publishes go nowhere (they are not the test's service calls). */
export function quietShared(store: VitalsStore, storage?: Pick<Storage, 'getItem' | 'setItem'>) {
  const published: Record<string, unknown>[] = [];
  const channel = new SharedAlertChannel({
    watch: (entity, listener) => store.watch(entity, listener),
    caller: { callService: async (_d, _s, data) => void published.push(data) },
    storage,
    publishDelayMs: 1,
    firstStateWaitMs: 50,
  });
  return Object.assign(channel, { published });
}

/** A heartbeat whose publishes go nowhere (they are not the test's service calls); `published` keeps them. */
export function quietHeartbeat() {
  const published: Record<string, unknown>[] = [];
  return Object.assign(new EvaluationHeartbeat({ callService: async (_d, _s, data) => void published.push(data) }, 'test-device', 'Test device'), { published });
}
