/**
 * Bad input, part 4: what other devices and older versions leave behind — the shared household
 * alert document (readShared), the browser's sent-id log (readSentLog), and MQTT claim payloads on
 * a claim topic (MqttClaims.run). Never a throw; garbage is dropped, never trusted.
 */
import { expect } from '@open-wc/testing';
import { readShared, mergeShared, pruneShared, covers, SHARED_VERSION, type SharedAlertState } from '../../src/core/alerts/shared-state';
import { readSentLog, browserIntentGate, SENT_LOG_KEY } from '../../src/ha/notify/browser-once';
import { MqttClaims, claimTopic, type ClaimTransport } from '../../src/ha/notify/claim';
import { combinedMutations, fmt, mapStorage, mulberry32, mutationsOf, pick, HUGE_TEXT, WRONG_VALUES, type Mutation } from '../helpers/bad-input';

const T0 = Date.UTC(2026, 3, 1, 9);
const LIMIT_MS = 1000;

const SHARED_DOC = {
  v: SHARED_VERSION,
  acks: { 'cpu/sensor.cpu': { at: T0, device: 'dev-a', by: 'Ann', deviceName: 'Kitchen tablet', episode: T0 - 60_000, acked: true } },
  snoozes: { 'cpu/sensor.cpu': { at: T0 + 1, device: 'dev-b', until: T0 + 3_600_000 } },
  silences: {
    'sil-1': { at: T0 + 2, device: 'dev-a', removed: false, silence: { id: 'sil-1', matchers: [{ name: 'entity', op: '=', value: 'sensor.cpu' }], startsAt: T0, endsAt: T0 + 7_200_000 } },
  },
  sent: { 'hv1-0123456789abcdef': { at: T0 + 3, device: 'dev-a', service: 'notify.phone', alertKey: 'cpu/sensor.cpu' } },
};

const SENT_LOG = { 'hv1-0123456789abcdef': T0, 'hv1-fedcba9876543210': T0 - 1_000 };

/** A well-formed entry of each kind, checked the way readShared documents it. */
function entryIsSane(kind: keyof Omit<SharedAlertState, 'v'>, entry: Record<string, unknown>): boolean {
  const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (!finite(entry.at) || typeof entry.device !== 'string') return false;
  if (kind === 'acks') return finite(entry.episode) && typeof entry.acked === 'boolean';
  if (kind === 'snoozes') return finite(entry.until);
  if (kind === 'sent') return typeof entry.service === 'string' && typeof entry.alertKey === 'string';
  const silence = entry.silence as Record<string, unknown>;
  return typeof entry.removed === 'boolean' && !!silence && finite(silence.startsAt) && finite(silence.endsAt) && Array.isArray(silence.matchers);
}

const timed = <T>(fn: () => T): { value: T; ms: number } => {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
};

describe('bad input: shared documents, sent log and MQTT claims', function () {
  this.timeout(60_000);
  const figures = {
    shared: { tried: 0, entriesKept: 0, dropped: 0, crashes: 0, slowest: 0 },
    sentLog: { tried: 0, idsKept: 0, sendsOk: 0, crashes: 0 },
    claims: { runs: 0, garbage: 0, won: 0, crashes: 0 },
  };

  after(() => {
    const { shared, sentLog, claims } = figures;
    console.log(
      `bad-input: shared documents ${fmt(shared.tried)} corrupted, ${fmt(shared.dropped)} bad entries dropped, ${fmt(shared.entriesKept)} good entries kept, ${fmt(shared.crashes)} crashes, slowest ${shared.slowest.toFixed(1)} ms`,
    );
    console.log(`bad-input: sent-id logs ${fmt(sentLog.tried)} corrupted, ${fmt(sentLog.idsKept)} valid ids kept, ${fmt(sentLog.sendsOk)} gated sends still delivered, ${fmt(sentLog.crashes)} crashes`);
    console.log(`bad-input: MQTT claims ${fmt(claims.runs)} runs with ${fmt(claims.garbage)} garbage payloads on the topic, ${fmt(claims.won)} won as the only real claimant, ${fmt(claims.crashes)} crashes`);
  });

  it('readShared keeps good entries, drops bad ones, and never throws', () => {
    // Arrange
    const singles = mutationsOf(SHARED_DOC);
    const mutations: Mutation[] = [...singles, ...combinedMutations(singles, 1500, mulberry32(7))];
    const inputs: unknown[] = [...mutations.map((m) => m.apply(SHARED_DOC)), undefined, null, [], 'x', 1, JSON.parse('{"__proto__": {"v": 1}}')];
    const problems: string[] = [];
    // Act
    inputs.forEach((input, i) => {
      figures.shared.tried++;
      try {
        const { value, ms } = timed(() => readShared(input));
        figures.shared.slowest = Math.max(figures.shared.slowest, ms);
        if (ms > LIMIT_MS) problems.push(`#${i}: ${ms.toFixed(0)} ms`);
        figures.shared.dropped += value.dropped;
        for (const kind of ['acks', 'snoozes', 'silences', 'sent'] as const) {
          for (const key of Object.keys(value.state[kind])) {
            figures.shared.entriesKept++;
            if (!entryIsSane(kind, value.state[kind][key] as unknown as Record<string, unknown>)) problems.push(`${mutations[i]?.label}: kept a bad ${kind} entry ${key}`);
          }
        }
        // What the hub does next with a document must not throw either.
        const merged = mergeShared(value.state, readShared(SHARED_DOC).state);
        pruneShared(merged, T0);
        covers(merged, value.state);
        if (({} as Record<string, unknown>).polluted !== undefined) problems.push(`${mutations[i]?.label}: Object.prototype was polluted`);
      } catch (err) {
        figures.shared.crashes++;
        problems.push(`${mutations[i]?.label ?? `input #${i}`}: threw ${String((err as Error)?.stack ?? err).slice(0, 400)}`);
      }
    });
    // Assert
    expect(problems.slice(0, 8)).to.deep.equal([]);
  });

  it('readSentLog reads junk as an empty or partial log and the gate still sends', async () => {
    // Arrange
    const singles = mutationsOf(SENT_LOG);
    const raw: string[] = [...singles, ...combinedMutations(singles, 500, mulberry32(11))].map((m) => JSON.stringify(m.apply(SENT_LOG)) ?? '');
    const text = JSON.stringify(SENT_LOG);
    for (let cut = 0; cut < text.length; cut++) raw.push(text.slice(0, cut));
    raw.push('null', '[]', '"x"', '1e999', 'NaN', '{"__proto__": 5, "constructor": 1, "toString": 2}', `{"a": ${'['.repeat(5000)}${']'.repeat(5000)}}`, HUGE_TEXT);
    const problems: string[] = [];
    // Act
    for (const [i, saved] of raw.entries()) {
      figures.sentLog.tried++;
      const storage = mapStorage({ [SENT_LOG_KEY]: saved });
      try {
        const log = readSentLog(storage);
        for (const [id, at] of Object.entries(log)) {
          figures.sentLog.idsKept++;
          if (typeof at !== 'number' || !Number.isFinite(at)) problems.push(`#${i}: kept ${id} → ${at}`);
        }
        if (i % 10 === 0) {
          // A fresh intent id is sent once, whatever the log held.
          let sends = 0;
          const handled = await browserIntentGate(storage, () => T0).once(`hv1-new-${i}`, async () => void sends++);
          if (handled && sends === 1) figures.sentLog.sendsOk++;
          else problems.push(`#${i}: the gate did not send (handled ${handled}, ${sends} sends)`);
        }
      } catch (err) {
        figures.sentLog.crashes++;
        problems.push(`#${i} ${JSON.stringify(saved.slice(0, 60))}: threw ${String((err as Error)?.stack ?? err).slice(0, 400)}`);
      }
    }
    // Assert
    expect(problems.slice(0, 8)).to.deep.equal([]);
  });

  it('MqttClaims ignores garbage on the claim topic: the only real claimant wins and sends once', async () => {
    // Arrange
    const rand = mulberry32(99);
    const ID = 'hv1-00000000deadbeef';
    const topic = claimTopic(ID);
    const foreign = { intent: ID, device: 'dev-b', nonce: 'n-b' };
    const fieldValues = WRONG_VALUES.filter((w) => typeof w.value !== 'string' && !w.heavy).map((w) => w.value);
    /** A payload that is no valid claim: a field of the wrong type or missing, a mark on the claim topic, junk text. */
    const garbage = (): unknown => {
      const kind = Math.floor(rand() * 8);
      const field = pick(rand, ['intent', 'device', 'nonce'] as const);
      if (kind === 0) return { topic, payload: JSON.stringify({ ...foreign, [field]: pick(rand, fieldValues) }) };
      if (kind === 1) {
        const rest: Record<string, unknown> = { ...foreign };
        delete rest[field];
        return { topic, payload: JSON.stringify(rest) };
      }
      if (kind === 2) return { topic, payload: JSON.stringify({ ...foreign, sent: true }) }; // a mark where claims go
      if (kind === 3) return { topic: `${topic}/sent`, payload: JSON.stringify({ ...foreign, nonce: `forged-${rand()}`, sent: true }) };
      if (kind === 4) return { topic, payload: JSON.stringify(foreign).slice(0, Math.floor(rand() * 40)) }; // torn
      if (kind === 5) {
        return {
          topic,
          payload: pick(rand, ['null', '[]', '1e999', '"x"', `{"__proto__": {"intent": "${ID}", "device": "d", "nonce": "n"}}`, `{"intent": "${ID}", "device": "d", "nonce": "${'n'.repeat(1000)}"}`]),
        };
      }
      if (kind === 6) return { topic, payload: pick(rand, fieldValues) }; // not text at all
      return pick(rand, [null, undefined, 5, 'x', [], {}, { topic: 5 }, { payload: {} }]);
    };
    const problems: string[] = [];
    // Act
    for (let run = 0; run < 300; run++) {
      const before = Array.from({ length: 1 + Math.floor(rand() * 6) }, garbage);
      const after = Array.from({ length: Math.floor(rand() * 6) }, garbage);
      figures.claims.garbage += before.length + after.length;
      // Retained garbage arrives on subscribe; more garbage, then our own claim echoed, after we publish.
      let onEvent: ((e: unknown) => void) | undefined;
      const transport: ClaimTransport = {
        subscribeMessage: async (listener) => {
          onEvent = listener;
          for (const g of before) listener(g);
          return async () => undefined;
        },
        callService: async (_domain, _service, data) => {
          for (const g of after) onEvent?.(g);
          onEvent?.({ topic: data!.topic, payload: data!.payload });
          return null;
        },
      };
      let sends = 0;
      const claims = new MqttClaims(transport, { deviceId: 'dev-a', random: () => `n-${run}`, settleMs: 0, decideMs: 0, confirmMs: 0, requestTimeoutMs: 50, sleep: () => Promise.resolve() });
      figures.claims.runs++;
      try {
        const outcome = await claims.run(ID, async () => void sends++);
        if (outcome === 'won' && sends === 1) figures.claims.won++;
        else problems.push(`run ${run}: ${outcome} with ${sends} sends after garbage ${JSON.stringify([...before, ...after]).slice(0, 300)}`);
      } catch (err) {
        figures.claims.crashes++;
        problems.push(`run ${run}: threw ${String((err as Error)?.stack ?? err).slice(0, 400)}`);
      }
    }
    // Assert
    expect(problems.slice(0, 8)).to.deep.equal([]);
  });

  // Was a bug (fixed; this test keeps it fixed): readShared keeps a silence with `matchers: []` (src/core/alerts/shared-state.ts:137 checks only
  // `length > 20`), and such a silence matches every alert (matchesAll([]) is true): one malformed document
  // from any device mutes the whole household. See also the engine-state it.skip.
  it('readShared drops a silence without matchers', () => {
    // Arrange
    const doc = JSON.parse(JSON.stringify(SHARED_DOC));
    doc.silences['sil-1'].silence.matchers = [];
    // Act
    const { state, dropped } = readShared(doc);
    // Assert
    expect(Object.keys(state.silences)).to.deep.equal([]);
    expect(dropped).to.equal(1);
  });
});
