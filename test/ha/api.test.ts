import { expect } from '@open-wc/testing';
import {
  callService,
  canPing,
  currentUserName,
  entityRegistryDisplay,
  fetchHistoryDuringPeriod,
  fetchStatisticsDuringPeriod,
  getAssistPipelineRun,
  isCallServiceMessage,
  listAssistPipelineRuns,
  listAssistPipelines,
  ping,
  publishMqtt,
  runAssistPipeline,
  subscribeChatLog,
  subscribeChatLogIndex,
  subscribeCompressedEntities,
  subscribeMqttTopic,
  subscribeSystemHealth,
  type WsMessage,
} from '../../src/ha/api/index';

/** Records what a function sends; answers commands with `answer` and hands subscriptions a fixed unsubscribe. */
class RecordingConnection {
  sent: WsMessage[] = [];
  subscribed: { message: WsMessage; options?: { resubscribe?: boolean }; callback: (event: never) => void }[] = [];
  readonly unsubscribe = async () => undefined;

  constructor(private readonly answer: unknown = {}) {}

  async sendMessagePromise<T>(message: WsMessage): Promise<T> {
    this.sent.push(message);
    return this.answer as T;
  }

  async subscribeMessage<T>(callback: (event: T) => void, message: WsMessage, options?: { resubscribe?: boolean }) {
    this.subscribed.push({ message, options, callback: callback as (event: never) => void });
    return this.unsubscribe;
  }

  /** Deliver an event to the last subscription, as Home Assistant would. */
  emit(event: unknown): void {
    (this.subscribed.at(-1)!.callback as (event: unknown) => void)(event);
  }
}

const START = Date.UTC(2026, 10, 1, 0, 0, 0);
const END = Date.UTC(2026, 10, 2, 0, 0, 0);

describe('src/ha/api: assist pipelines', () => {
  it('listAssistPipelines sends assist_pipeline/pipeline/list and returns the pipelines and the preferred one', async () => {
    // Arrange
    const pipelines = [{ id: 'p1', name: 'Home', conversation_engine: 'conversation.home_assistant' }];
    const connection = new RecordingConnection({ pipelines, preferred_pipeline: 'p1' });
    // Act
    const result = await listAssistPipelines(connection);
    // Assert
    expect(connection.sent).to.deep.equal([{ type: 'assist_pipeline/pipeline/list' }]);
    expect(result).to.deep.equal({ pipelines, preferred_pipeline: 'p1' });
  });

  it('listAssistPipelines gives an empty list and a null preference where the answer has none', async () => {
    // Arrange
    const connection = new RecordingConnection({});
    // Act
    const result = await listAssistPipelines(connection);
    // Assert
    expect(result).to.deep.equal({ pipelines: [], preferred_pipeline: null });
  });

  it('listAssistPipelineRuns asks for one pipeline’s debug runs and returns them', async () => {
    // Arrange
    const runs = [{ pipeline_run_id: 'r1', timestamp: '2026-11-01T00:00:00Z' }];
    const connection = new RecordingConnection({ pipeline_runs: runs });
    // Act
    const result = await listAssistPipelineRuns(connection, 'p1');
    // Assert
    expect(connection.sent).to.deep.equal([{ type: 'assist_pipeline/pipeline_debug/list', pipeline_id: 'p1' }]);
    expect(result).to.deep.equal(runs);
  });

  it('getAssistPipelineRun asks for one run and returns its events ([] when there are none)', async () => {
    // Arrange
    const events = [{ type: 'run-start', timestamp: '2026-11-01T00:00:00Z', data: {} }];
    const connection = new RecordingConnection({ events });
    const empty = new RecordingConnection({});
    // Act
    const result = await getAssistPipelineRun(connection, 'p1', 'r1');
    const none = await getAssistPipelineRun(empty, 'p1', 'r2');
    // Assert
    expect(connection.sent).to.deep.equal([{ type: 'assist_pipeline/pipeline_debug/get', pipeline_id: 'p1', pipeline_run_id: 'r1' }]);
    expect(result).to.deep.equal(events);
    expect(none).to.deep.equal([]);
  });

  it('runAssistPipeline subscribes to assist_pipeline/run, names the pipeline only when given, and forwards the events', async () => {
    // Arrange
    const connection = new RecordingConnection();
    const events: unknown[] = [];
    // Act
    const unsubscribe = await runAssistPipeline(connection, (e) => events.push(e), { start_stage: 'intent', end_stage: 'intent', input: { text: 'what time is it' }, pipeline: 'p1' });
    connection.emit({ type: 'run-start' });
    await runAssistPipeline(connection, () => undefined, { start_stage: 'intent', end_stage: 'intent', input: { text: 'what time is it' } });
    // Assert
    expect(connection.subscribed.map((s) => s.message)).to.deep.equal([
      { type: 'assist_pipeline/run', start_stage: 'intent', end_stage: 'intent', input: { text: 'what time is it' }, pipeline: 'p1' },
      { type: 'assist_pipeline/run', start_stage: 'intent', end_stage: 'intent', input: { text: 'what time is it' } },
    ]);
    expect(events).to.deep.equal([{ type: 'run-start' }]);
    expect(unsubscribe).to.equal(connection.unsubscribe);
  });
});

describe('src/ha/api: history and statistics', () => {
  it('fetchHistoryDuringPeriod asks for minimal, attribute-less history of every state change in the period', async () => {
    // Arrange
    const rows = { 'sensor.a': [{ s: '1', lu: START / 1000 }] };
    const connection = new RecordingConnection(rows);
    // Act
    const result = await fetchHistoryDuringPeriod(connection, { entityIds: ['sensor.a', 'sensor.b'], start: START, end: END });
    // Assert
    expect(connection.sent).to.deep.equal([
      {
        type: 'history/history_during_period',
        start_time: '2026-11-01T00:00:00.000Z',
        end_time: '2026-11-02T00:00:00.000Z',
        entity_ids: ['sensor.a', 'sensor.b'],
        minimal_response: true,
        no_attributes: true,
        significant_changes_only: false,
      },
    ]);
    expect(result).to.deep.equal(rows);
  });

  it('fetchStatisticsDuringPeriod asks for the given period and statistic types', async () => {
    // Arrange
    const rows = { 'sensor.a': [{ start: START, mean: 1, min: 0, max: 2 }] };
    const connection = new RecordingConnection(rows);
    // Act
    const result = await fetchStatisticsDuringPeriod(connection, { statisticIds: ['sensor.a'], start: START, end: END, period: 'hour', types: ['mean', 'min', 'max'] });
    // Assert
    expect(connection.sent).to.deep.equal([
      {
        type: 'recorder/statistics_during_period',
        start_time: '2026-11-01T00:00:00.000Z',
        end_time: '2026-11-02T00:00:00.000Z',
        statistic_ids: ['sensor.a'],
        period: 'hour',
        types: ['mean', 'min', 'max'],
      },
    ]);
    expect(result).to.deep.equal(rows);
  });
});

describe('src/ha/api: services and MQTT', () => {
  it('callService sends call_service with the data as service_data, and shows beforeSend the very object sent', async () => {
    // Arrange
    const connection = new RecordingConnection(null);
    const seen: object[] = [];
    // Act
    await callService(connection, 'notify', 'mobile_app_phone', { message: 'hi' }, (m) => seen.push(m));
    // Assert
    expect(connection.sent).to.deep.equal([{ type: 'call_service', domain: 'notify', service: 'mobile_app_phone', service_data: { message: 'hi' } }]);
    expect(seen).to.have.length(1);
    expect(seen[0]).to.equal(connection.sent[0]);
  });

  it('isCallServiceMessage recognises service calls only', () => {
    // Act
    const verdicts = [{ type: 'call_service', domain: 'light', service: 'toggle' }, { type: 'ping' }, null, undefined, 'call_service'].map(isCallServiceMessage);
    // Assert
    expect(verdicts).to.deep.equal([true, false, false, false, false]);
  });

  it('publishMqtt calls mqtt.publish with topic, payload, retain and qos', async () => {
    // Arrange
    const calls: unknown[][] = [];
    const caller = { callService: async (...args: unknown[]) => void calls.push(args) };
    // Act
    await publishMqtt(caller, { topic: 'ha-vitals/x', payload: '{}', retain: true, qos: 1 });
    // Assert
    expect(calls).to.deep.equal([['mqtt', 'publish', { topic: 'ha-vitals/x', payload: '{}', retain: true, qos: 1 }]]);
  });

  it('subscribeMqttTopic subscribes with mqtt/subscribe and forwards each message', async () => {
    // Arrange
    const connection = new RecordingConnection();
    const received: unknown[] = [];
    // Act
    await subscribeMqttTopic(connection, 'ha-vitals/claims/7/#', (m) => received.push(m));
    connection.emit({ topic: 'ha-vitals/claims/7', payload: 'x' });
    // Assert
    expect(connection.subscribed[0].message).to.deep.equal({ type: 'mqtt/subscribe', topic: 'ha-vitals/claims/7/#' });
    expect(received).to.deep.equal([{ topic: 'ha-vitals/claims/7', payload: 'x' }]);
  });
});

describe('src/ha/api: subscriptions', () => {
  it('subscribeCompressedEntities subscribes to the given entities, renewed after a reconnect', async () => {
    // Arrange
    const connection = new RecordingConnection();
    const received: unknown[] = [];
    // Act
    await subscribeCompressedEntities(connection, ['sensor.a', 'sensor.b'], (m) => received.push(m));
    connection.emit({ a: { 'sensor.a': { s: '1' } } });
    // Assert
    expect(connection.subscribed[0].message).to.deep.equal({ type: 'subscribe_entities', entity_ids: ['sensor.a', 'sensor.b'] });
    expect(connection.subscribed[0].options).to.deep.equal({ resubscribe: true });
    expect(received).to.deep.equal([{ a: { 'sensor.a': { s: '1' } } }]);
  });

  it('subscribeChatLogIndex and subscribeChatLog send the chat-log commands', async () => {
    // Arrange
    const connection = new RecordingConnection();
    const received: unknown[] = [];
    // Act
    await subscribeChatLogIndex(connection, (e) => received.push(e));
    connection.emit({ event_type: 'created', conversation_id: 'c1' });
    await subscribeChatLog(connection, 'c1', (e) => received.push(e));
    connection.emit({ event_type: 'content_added', conversation_id: 'c1' });
    // Assert
    expect(connection.subscribed.map((s) => s.message)).to.deep.equal([
      { type: 'conversation/chat_log/subscribe_index' },
      { type: 'conversation/chat_log/subscribe', conversation_id: 'c1' },
    ]);
    expect(received).to.deep.equal([
      { event_type: 'created', conversation_id: 'c1' },
      { event_type: 'content_added', conversation_id: 'c1' },
    ]);
  });

  it('subscribeSystemHealth subscribes to system_health/info', async () => {
    // Arrange
    const connection = new RecordingConnection();
    const received: unknown[] = [];
    // Act
    await subscribeSystemHealth(connection, (m) => received.push(m));
    connection.emit({ type: 'initial', data: {} });
    // Assert
    expect(connection.subscribed[0].message).to.deep.equal({ type: 'system_health/info' });
    expect(received).to.deep.equal([{ type: 'initial', data: {} }]);
  });
});

describe('src/ha/api: what the frontend keeps in hass, and ping', () => {
  it('currentUserName reads hass.user.name, undefined without a user', () => {
    // Act
    const names = [currentUserName({ user: { name: 'Ada' } }), currentUserName({}), currentUserName(undefined), currentUserName({ user: null })];
    // Assert
    expect(names).to.deep.equal(['Ada', undefined, undefined, undefined]);
  });

  it('entityRegistryDisplay returns hass.entities, and an empty registry without it', () => {
    // Arrange
    const entities = { 'sensor.cpu': { entity_id: 'sensor.cpu', platform: 'systemmonitor' } };
    // Act
    const found = entityRegistryDisplay({ states: {}, entities });
    const none = [entityRegistryDisplay({ states: {} }), entityRegistryDisplay(undefined)];
    // Assert
    expect(found).to.equal(entities);
    expect(none).to.deep.equal([{}, {}]);
  });

  it('canPing tells a connection that can ping from one that cannot, and ping calls it', async () => {
    // Arrange
    let pings = 0;
    const real = { ping: async () => void pings++ };
    // Act
    const verdicts = [canPing(real), canPing(new RecordingConnection())];
    if (canPing(real)) await ping(real);
    // Assert
    expect(verdicts).to.deep.equal([true, false]);
    expect(pings).to.equal(1);
  });
});
