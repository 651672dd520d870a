/**
 * A fake of home-assistant-js-websocket's Connection that speaks the compressed
 * `subscribe_entities` protocol, so store and cards are tested without a server.
 */
type Callback = (msg: unknown) => void;

export interface FakeSubscription {
  message: Record<string, unknown>;
  callback: Callback;
  active: boolean;
}

export class FakeConnection {
  subscriptions: FakeSubscription[] = [];
  sent: Record<string, unknown>[] = [];
  private listeners = new Map<string, Set<() => void>>();
  /** Answers for sendMessagePromise by message type. */
  responders = new Map<string, (msg: Record<string, unknown>) => unknown>([
    // An empty recorder unless a test says otherwise.
    ['history/history_during_period', () => ({})],
  ]);
  states = new Map<string, { s: string; a: Record<string, unknown>; lu: number }>();

  async subscribeMessage(callback: Callback, message: Record<string, unknown>): Promise<() => Promise<void>> {
    const sub: FakeSubscription = { message, callback, active: true };
    this.subscriptions.push(sub);
    await Promise.resolve();
    if (message.type === 'subscribe_entities') {
      const ids = (message.entity_ids as string[] | undefined) ?? [...this.states.keys()];
      const a: Record<string, unknown> = {};
      for (const id of ids) {
        const st = this.states.get(id);
        if (st) a[id] = { s: st.s, a: st.a, lc: st.lu };
      }
      callback({ a });
    }
    return async () => {
      sub.active = false;
    };
  }

  async sendMessagePromise<T = unknown>(message: Record<string, unknown>): Promise<T> {
    this.sent.push(message);
    const responder = this.responders.get(message.type as string);
    if (!responder) throw new Error(`no responder for ${String(message.type)}`);
    return responder(message) as T;
  }

  addEventListener(event: string, cb: () => void): void {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(cb);
  }

  removeEventListener(event: string, cb: () => void): void {
    this.listeners.get(event)?.delete(cb);
  }

  emit(event: 'ready' | 'disconnected' | 'reconnect-error'): void {
    for (const cb of this.listeners.get(event) ?? []) cb();
  }

  /** Set a state on the "server" and push it to every live entity subscription that covers it. */
  setState(entityId: string, state: string, attributes: Record<string, unknown> = {}, lastUpdatedSec = Date.now() / 1000): void {
    const previous = this.states.get(entityId);
    const existed = previous !== undefined;
    this.states.set(entityId, { s: state, a: attributes, lu: lastUpdatedSec });
    // As HA does: a diff carries last_changed only when the state changed, else last_updated.
    const stamp = previous?.s === state ? { lu: lastUpdatedSec } : { lc: lastUpdatedSec };
    for (const sub of this.activeEntitySubscriptions()) {
      const ids = sub.message.entity_ids as string[] | undefined;
      if (ids && !ids.includes(entityId)) continue;
      if (existed) sub.callback({ c: { [entityId]: { '+': { s: state, a: attributes, ...stamp } } } });
      else sub.callback({ a: { [entityId]: { s: state, a: attributes, lc: lastUpdatedSec } } });
    }
  }

  activeEntitySubscriptions(): FakeSubscription[] {
    return this.subscriptions.filter((s) => s.active && s.message.type === 'subscribe_entities');
  }
}

/** A minimal `hass` object around a fake connection. */
export function fakeHass(connection: FakeConnection, extra: Record<string, unknown> = {}) {
  const states: Record<string, unknown> = {};
  for (const [id, st] of connection.states) states[id] = { entity_id: id, state: st.s, attributes: st.a };
  return { connection, states, user: { is_admin: true }, ...extra } as never;
}

export const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
