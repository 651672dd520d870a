// Minimal Home Assistant websocket client for tests.
// Uses Node's WebSocket (node >= 22, or node 20 with --experimental-websocket,
// which e2e/run.mjs passes) and falls back to the `ws` package.

async function WebSocketImpl() {
  if (globalThis.WebSocket) return globalThis.WebSocket;
  try {
    return (await import('ws')).default;
  } catch {
    throw new Error('no WebSocket implementation: run node with --experimental-websocket');
  }
}

/**
 * Connect and authenticate. Returns a client:
 *   send(msg) -> Promise<result>   (adds id; rejects on success:false)
 *   subscribe(msg, onEvent) -> Promise<unsubscribe()>
 *   subscribeEvents(eventType, onEvent)
 *   raw(msg)                        send without waiting
 *   frames: {in, out}               counters of text frames (for frame-count suites)
 *   messages: array of every parsed incoming message if {record: true}
 *   haVersion, close(), closed (Promise)
 */
export async function connectWs(wsUrl, accessToken, { record = false, timeoutMs = 15000 } = {}) {
  const WS = await WebSocketImpl();
  const sock = new WS(wsUrl);
  const pending = new Map();
  const subs = new Map();
  const messages = [];
  const frames = { in: 0, out: 0 };
  let nextId = 1;
  let authResolve;
  let authReject;
  const authed = new Promise((res, rej) => {
    authResolve = res;
    authReject = rej;
  });
  let closedResolve;
  const closed = new Promise((r) => (closedResolve = r));
  let haVersion;

  const handle = (msg) => {
    if (record) messages.push(msg);
    if (msg.type === 'auth_required') {
      haVersion = msg.ha_version;
      rawSend({ type: 'auth', access_token: accessToken });
    } else if (msg.type === 'auth_ok') {
      haVersion = msg.ha_version;
      authResolve();
    } else if (msg.type === 'auth_invalid') {
      authReject(new Error(`websocket auth invalid: ${msg.message}`));
    } else if (msg.type === 'result') {
      const p = pending.get(msg.id);
      if (p) {
        pending.delete(msg.id);
        if (msg.success) p.resolve(msg.result);
        else p.reject(Object.assign(new Error(`${msg.error?.code}: ${msg.error?.message}`), { error: msg.error }));
      }
    } else if (msg.type === 'event') {
      subs.get(msg.id)?.(msg.event);
    }
  };
  const rawSend = (obj) => {
    frames.out++;
    sock.send(JSON.stringify(obj));
  };

  sock.onmessage = (ev) => {
    frames.in++;
    const data = typeof ev.data === 'string' ? ev.data : ev.data.toString();
    const parsed = JSON.parse(data);
    for (const m of Array.isArray(parsed) ? parsed : [parsed]) handle(m);
  };
  sock.onerror = (ev) => authReject(new Error(`websocket error: ${ev?.message ?? ev?.error?.message ?? 'connect failed'}`));
  sock.onclose = () => {
    authReject(new Error('websocket closed before auth'));
    for (const p of pending.values()) p.reject(new Error('websocket closed'));
    pending.clear();
    closedResolve();
  };

  const timer = setTimeout(() => authReject(new Error(`websocket auth timed out (${wsUrl})`)), timeoutMs);
  try {
    await authed;
  } finally {
    clearTimeout(timer);
  }

  const client = {
    frames,
    messages,
    closed,
    get haVersion() {
      return haVersion;
    },
    raw: rawSend,
    send(msg) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        rawSend({ ...msg, id });
      });
    },
    async subscribe(msg, onEvent) {
      const id = nextId++;
      subs.set(id, onEvent);
      await new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        rawSend({ ...msg, id });
      }).catch((e) => {
        subs.delete(id);
        throw e;
      });
      return async () => {
        subs.delete(id);
        // unsubscribe_events ends any subscription (events, triggers, entities)
        await client.send({ type: 'unsubscribe_events', subscription: id }).catch(() => {});
      };
    },
    subscribeEvents(eventType, onEvent) {
      return client.subscribe({ type: 'subscribe_events', ...(eventType ? { event_type: eventType } : {}) }, onEvent);
    },
    close() {
      try {
        sock.close();
      } catch {
        /* already closed */
      }
      return closed;
    },
  };
  return client;
}
