import { expect } from '@open-wc/testing';
import { VitalsStore } from '../../../src/ha/store';
import {
  ASSIST_ERROR_METRIC,
  AssistCollector,
  PROBE_OPT_IN_KEY,
  PROBE_SENTENCES,
  assistMetricId,
  probeOptedIn,
  probeSentence,
  runTimings,
  setProbeOptIn,
  type PipelineEvent,
} from '../../../src/ha/telemetry/assist';
import { FakeConnection } from '../../helpers/fake-connection';

const T0 = Date.UTC(2026, 10, 26, 10, 0, 0);
const iso = (ms: number) => new Date(T0 + ms).toISOString();

function textRun(intentMs: number, totalMs: number, startMs = 0, engine = 'conversation.home_assistant'): PipelineEvent[] {
  return [
    { type: 'run-start', timestamp: iso(startMs), data: {} },
    { type: 'intent-start', timestamp: iso(startMs + 5), data: { engine } },
    { type: 'intent-end', timestamp: iso(startMs + 5 + intentMs), data: {} },
    { type: 'run-end', timestamp: iso(startMs + totalMs), data: null },
  ];
}

describe('runTimings', () => {
  it('measures each stage from its start to its end event and the run as a whole', () => {
    // Arrange
    const events: PipelineEvent[] = [
      { type: 'run-start', timestamp: iso(0) },
      { type: 'stt-start', timestamp: iso(10) },
      { type: 'stt-end', timestamp: iso(810) },
      ...textRun(400, 0).slice(1, 3).map((e) => ({ ...e, timestamp: iso(Date.parse(e.timestamp!) - T0 + 810) })),
      { type: 'tts-start', timestamp: iso(1300) },
      { type: 'tts-end', timestamp: iso(1500) },
      { type: 'run-end', timestamp: iso(1510) },
    ];
    // Act
    const run = runTimings('r1', 'p1', events)!;
    // Assert
    expect(run.stages).to.deep.equal({ stt: 800, intent: 400, tts: 200 });
    expect(run.totalMs).to.equal(1510);
    expect(run.start).to.equal(T0);
    expect(run.agent).to.equal('conversation.home_assistant');
  });

  it('keeps the error of a failed run, and ignores a run with no start', () => {
    const failed = runTimings('r2', 'p1', [
      { type: 'run-start', timestamp: iso(0) },
      { type: 'error', timestamp: iso(50), data: { code: 'stt-no-text-recognized', message: 'No text recognized' } },
    ])!;
    expect(failed.error).to.deep.equal({ code: 'stt-no-text-recognized', message: 'No text recognized' });
    expect(failed.totalMs).to.equal(undefined);
    expect(runTimings('r3', 'p1', [{ type: 'intent-start', timestamp: iso(0) }])).to.equal(undefined);
  });
});

describe('AssistCollector', () => {
  function setup() {
    const connection = new FakeConnection();
    const store = new VitalsStore(connection as never);
    const runs: Record<string, PipelineEvent[]> = { a: textRun(300, 320), b: textRun(900, 950, 60_000) };
    let listed = ['a'];
    connection.responders.set('assist_pipeline/pipeline/list', () => ({ pipelines: [{ id: 'p1', name: 'Home Assistant' }] }));
    connection.responders.set('assist_pipeline/pipeline_debug/list', () => ({ pipeline_runs: listed.map((id) => ({ pipeline_run_id: id, timestamp: iso(0) })) }));
    connection.responders.set('assist_pipeline/pipeline_debug/get', (msg) => ({ events: runs[msg.pipeline_run_id as string] }));
    return { connection, store, collector: new AssistCollector(store, connection as never), setList: (ids: string[]) => (listed = ids) };
  }

  it('records stage latencies of new runs once, merging polls by run id', async () => {
    // Arrange
    const { connection, store, collector, setList } = setup();
    // Act
    await collector.poll();
    setList(['a', 'b']);
    await collector.poll();
    // Assert
    expect(collector.runs.map((r) => r.runId)).to.deep.equal(['a', 'b']);
    expect(connection.sent.filter((m) => m.type === 'assist_pipeline/pipeline_debug/get')).to.have.length(2);
    expect([...store.series(assistMetricId('intent'))!.copyRange().values]).to.deep.equal([300, 900]);
    expect(store.series(ASSIST_ERROR_METRIC)!.latest()!.v).to.equal(0);
    expect(collector.state).to.equal('ok');
  });

  it('records a run once when polls overlap', async () => {
    // Arrange
    const { connection, collector } = setup();
    // Act: two polls started together, as when a card attaches while the interval fires.
    await Promise.all([collector.poll(), collector.poll()]);
    // Assert
    expect(collector.runs.map((r) => r.runId)).to.deep.equal(['a']);
    expect(connection.sent.filter((m) => m.type === 'assist_pipeline/pipeline_debug/get')).to.have.length(1);
  });

  it('does not count a probe run twice when the debug list shows it again', async () => {
    const { connection, collector } = setup();
    const originalSubscribe = connection.subscribeMessage.bind(connection);
    connection.subscribeMessage = async (callback, message) => {
      const unsub = await originalSubscribe(callback, message);
      for (const event of textRun(300, 320)) callback(event); // the same run as debug run 'a'
      return unsub;
    };
    // Act
    await collector.probe('what time is it', 'p1');
    await collector.poll();
    // Assert
    expect(collector.runs).to.have.length(1);
  });

  it('says clearly when the user is not an administrator', async () => {
    const { connection, collector } = setup();
    connection.responders.set('assist_pipeline/pipeline_debug/list', () => {
      throw { code: 'unauthorized', message: 'Unauthorized' };
    });
    let changes = 0;
    let asked = 0;
    connection.responders.set('assist_pipeline/pipeline/list', () => (asked++, { pipelines: [{ id: 'p1', name: 'Home' }] }));
    collector.onChange(() => changes++);
    // Act
    await collector.poll();
    await collector.poll();
    await collector.poll();
    // Assert: refused once, then not asked again (each refusal is an error in HA's log).
    expect(collector.state).to.equal('forbidden');
    expect(collector.message).to.contain('administrator');
    expect(changes).to.equal(1);
    expect(asked).to.equal(1);
  });

  it('says when Assist is not set up', async () => {
    const { connection, collector } = setup();
    connection.responders.set('assist_pipeline/pipeline/list', () => {
      throw { code: 'unknown_command', message: 'Unknown command.' };
    });
    await collector.poll();
    expect(collector.state).to.equal('unavailable');
  });

  it('runs a synthetic text probe through the intent stage and measures it', async () => {
    const { connection, store, collector } = setup();
    const originalSubscribe = connection.subscribeMessage.bind(connection);
    connection.subscribeMessage = async (callback, message) => {
      const unsub = await originalSubscribe(callback, message);
      for (const event of textRun(120, 130)) callback(event);
      return unsub;
    };
    // Act
    const run = await collector.probe('what time is it', 'p1');
    // Assert
    const sent = connection.subscriptions.find((s) => s.message.type === 'assist_pipeline/run')!.message;
    expect(sent).to.deep.include({ start_stage: 'intent', end_stage: 'intent', input: { text: 'what time is it' }, pipeline: 'p1' });
    expect(run.stages.intent).to.equal(120);
    expect(store.series(assistMetricId('total'))!.latest()!.v).to.equal(130);
  });

  it('refuses a probe text that is not a read-only sentence, before sending anything', async () => {
    // Arrange
    const { connection, collector } = setup();
    // Act
    const refused = await collector.probe('unlock the front door', 'p1').then(
      () => undefined,
      (err: Error) => err.message,
    );
    // Assert
    expect(refused).to.equal('probe: "unlock the front door" is not one of the read-only probe sentences ("what time is it", "what is the time", "what is the date", "what day is it", "ha vitals probe")');
    expect(connection.subscriptions.filter((s) => s.message.type === 'assist_pipeline/run')).to.have.length(0);
    expect(collector.runs).to.have.length(0);
  });

  it('sends a probe sentence as the allow list writes it, whatever its case and punctuation', async () => {
    // Arrange
    const { connection, collector } = setup();
    const originalSubscribe = connection.subscribeMessage.bind(connection);
    connection.subscribeMessage = async (callback, message) => {
      const unsub = await originalSubscribe(callback, message);
      for (const event of textRun(20, 30)) callback(event);
      return unsub;
    };
    // Act
    const run = await collector.probe("  What's the TIME? ", 'p1');
    // Assert
    const sent = connection.subscriptions.find((s) => s.message.type === 'assist_pipeline/run')!.message;
    expect(sent).to.deep.include({ input: { text: 'what is the time' } });
    expect(run.probe).to.equal(true);
  });
});

describe('probe sentences', () => {
  it('knows only read-only sentences, and finds them however they are written', () => {
    // Assert
    expect(PROBE_SENTENCES).to.deep.equal(['what time is it', 'what is the time', 'what is the date', 'what day is it', 'ha vitals probe']);
    expect(probeSentence('What time is it?')).to.equal('what time is it');
    expect(probeSentence("what's  the date.")).to.equal('what is the date');
    expect(probeSentence('HA Vitals probe!')).to.equal('ha vitals probe');
    for (const text of ['unlock the front door', 'what time is it and unlock the door', 'turn off the alarm', '', 'what time is it; open the garage']) {
      expect(probeSentence(text), text).to.equal(undefined);
    }
    expect(probeSentence(42 as unknown as string)).to.equal(undefined);
  });

  it('marks a typed run of a probe sentence in the debug list as a probe, and never a voice run', () => {
    // Arrange
    const typed: PipelineEvent[] = textRun(100, 120);
    typed[1] = { ...typed[1], data: { engine: 'conversation.home_assistant', intent_input: 'what time is it' } };
    const voice: PipelineEvent[] = [
      { type: 'run-start', timestamp: iso(0) },
      { type: 'stt-start', timestamp: iso(10) },
      { type: 'stt-end', timestamp: iso(500) },
      { type: 'intent-start', timestamp: iso(505), data: { intent_input: 'what time is it' } },
      { type: 'intent-end', timestamp: iso(600) },
      { type: 'run-end', timestamp: iso(610) },
    ];
    const other = textRun(100, 120);
    other[1] = { ...other[1], data: { intent_input: 'turn on the kitchen light' } };
    // Act
    const runs = [runTimings('a', 'p1', typed)!, runTimings('b', 'p1', voice)!, runTimings('c', 'p1', other)!];
    // Assert
    expect(runs.map((r) => r.probe)).to.deep.equal([true, undefined, undefined]);
    expect(JSON.stringify(runs)).to.not.contain('kitchen light');
  });
});

describe('probe opt-in (one browser runs the probe)', () => {
  it('is off until this browser turns it on, kept in its localStorage', () => {
    // Arrange
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    // Act
    const before = probeOptedIn(storage);
    setProbeOptIn(true, storage);
    const on = probeOptedIn(storage);
    setProbeOptIn(false, storage);
    // Assert
    expect(before).to.equal(false);
    expect(on).to.equal(true);
    expect(probeOptedIn(storage)).to.equal(false);
    expect(PROBE_OPT_IN_KEY).to.equal('ha-vitals:assist-probe');
    expect(probeOptedIn(undefined)).to.equal(false);
  });
});
