import { fixture, html } from '@open-wc/testing';
import { AlertHub, type IntentGate } from '../../../src/ha/alert-hub';
import type { ServiceCaller } from '../../../src/ha/notify/types';
import { passThroughClaims, quietShared, quietHeartbeat } from '../../helpers/hub-options';
import { storeFor } from '../../../src/ha/store';
import { FakeConnection, fakeHass, sleep } from '../../helpers/fake-connection';

let run = 0;
/** A fresh entity id per call: the store's IndexedDB history cache is shared by all tests. */
export function freshId(name: string): string {
  run++;
  return `sensor.${name}_${Date.now().toString(36)}_${run}`;
}

export function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

/** A connection serving empty history, its shared store and a hub on a fake clock. */
export function hubSetup(services?: ServiceCaller, gate?: IntentGate, claims: { run(id: string, send: () => Promise<void>): Promise<'won' | 'lost' | 'took-over' | 'unavailable'> } = passThroughClaims) {
  const connection = new FakeConnection();
  connection.responders.set('history/history_during_period', () => ({}));
  connection.responders.set('recorder/statistics_during_period', () => ({}));
  const clock = { t: Date.now(), now() { return this.t; } };
  const store = storeFor(connection as never);
  const calls: [string, string, Record<string, unknown>][] = [];
  const sent = new Set<string>();
  const storage = memoryStorage();
  const hub = new AlertHub(store, { heartbeat: quietHeartbeat(),
    caller: services ?? { callService: async (d, s, data) => void calls.push([d, s, data]) },
    claims,
    shared: quietShared(store, storage),
    clock,
    storage,
    gate: gate ?? { once: async (id, send) => (sent.has(id) ? false : (sent.add(id), await send(), true)) },
    setInterval: () => 0,
    clearInterval: () => undefined,
  });
  return { connection, clock, store, hub, calls };
}

export async function mount<T extends HTMLElement>(tag: string, setup: ReturnType<typeof hubSetup>, config: Record<string, unknown>, states: Record<string, unknown> = {}) {
  const el = (await fixture(html`<div></div>`)).appendChild(document.createElement(tag)) as T & {
    hub?: AlertHub;
    now: () => number;
    setConfig(c: unknown): void;
    hass: unknown;
    updateComplete: Promise<boolean>;
  };
  el.hub = setup.hub;
  el.now = () => setup.clock.t;
  el.setConfig(config);
  el.hass = fakeHass(setup.connection, { callService: async () => undefined, ...states });
  await sleep(120); // store batching (50 ms) + history + warm-up
  await el.updateComplete;
  return el;
}

export const q = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement | null;
export const qa = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll(selector)] as HTMLElement[];
export const textOf = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
