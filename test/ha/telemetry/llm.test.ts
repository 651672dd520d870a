import { expect } from '@open-wc/testing';
import { VitalsStore } from '../../../src/ha/store';
import { LLM_TURN_METRIC, LlmTurnCollector, turnsOf } from '../../../src/ha/telemetry/llm';
import { FakeConnection, sleep } from '../../helpers/fake-connection';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const at = (ms: number) => new Date(T0 + ms).toISOString();

describe('turnsOf', () => {
  it('measures each turn from the user message to the first assistant answer', () => {
    const turns = turnsOf('c1', [
      { role: 'system', created: at(0) },
      { role: 'user', created: at(10) },
      { role: 'assistant', created: at(1210), agent_id: 'conversation.openai' },
      { role: 'assistant', created: at(1300) },
      { role: 'user', created: at(5000) },
      { role: 'tool_result', created: at(5100) },
      { role: 'assistant', created: at(7000) },
    ]);
    expect(turns.map((t) => t.durationMs)).to.deep.equal([1200, 2000]);
    expect(turns[0].agentId).to.equal('conversation.openai');
  });
});

describe('LlmTurnCollector', () => {
  it('follows new conversations and records each new turn once', async () => {
    // Arrange
    const connection = new FakeConnection();
    const store = new VitalsStore(connection as never);
    const collector = new LlmTurnCollector(store, connection as never);
    await collector.start();
    const index = connection.subscriptions.find((s) => s.message.type === 'conversation/chat_log/subscribe_index')!;
    // Act
    index.callback({ event_type: 'created', conversation_id: 'c1', data: {} });
    await sleep(0);
    const log = connection.subscriptions.find((s) => s.message.type === 'conversation/chat_log/subscribe')!;
    log.callback({ event_type: 'initial_state', data: { content: [{ role: 'user', created: at(0) }] } });
    log.callback({ event_type: 'content_added', data: { content: { role: 'assistant', created: at(900) } } });
    log.callback({ event_type: 'content_added', data: { content: { role: 'assistant', created: at(950) } } });
    // Assert
    expect(log.message.conversation_id).to.equal('c1');
    expect(collector.turns.map((t) => t.durationMs)).to.deep.equal([900]);
    expect(store.series(LLM_TURN_METRIC)!.latest()!.v).to.equal(900);
    expect(collector.state).to.equal('ok');
  });

  it('does not count turns of conversations that existed before it started', async () => {
    const connection = new FakeConnection();
    const collector = new LlmTurnCollector(new VitalsStore(connection as never), connection as never);
    await collector.start();
    const index = connection.subscriptions.find((s) => s.message.type === 'conversation/chat_log/subscribe_index')!;
    index.callback({
      event_type: 'initial_state',
      data: [{ conversation_id: 'old', content: [{ role: 'user', created: at(0) }, { role: 'assistant', created: at(500) }] }],
    });
    await sleep(0);
    const log = connection.subscriptions.find((s) => s.message.type === 'conversation/chat_log/subscribe')!;
    log.callback({ event_type: 'content_added', data: { content: { role: 'user', created: at(2000) } } });
    log.callback({ event_type: 'content_added', data: { content: { role: 'assistant', created: at(2300) } } });
    expect(collector.turns.map((t) => t.durationMs)).to.deep.equal([300]);
    // Deleting a conversation unsubscribes it.
    index.callback({ event_type: 'deleted', conversation_id: 'old' });
    await collector.stop();
    expect(connection.subscriptions.every((s) => !s.active)).to.equal(true);
  });

  it('reports an older Home Assistant or a non-admin user as a state, not an error', async () => {
    for (const [code, state] of [['unknown_command', 'unsupported'], ['unauthorized', 'forbidden'], ['other', 'unavailable']] as const) {
      const connection = new FakeConnection();
      connection.subscribeMessage = async () => Promise.reject({ code });
      const collector = new LlmTurnCollector(new VitalsStore(connection as never), connection as never);
      await collector.start();
      expect(collector.state).to.equal(state);
    }
  });
});
