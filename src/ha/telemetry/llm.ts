/**
 * LLM / conversation turn times from Home Assistant's chat logs (2025.12+, admin only):
 * `conversation/chat_log/subscribe_index` announces conversations as they are created, and a
 * per-conversation `conversation/chat_log/subscribe` streams their content. A turn is the time
 * from a user message to the first assistant answer after it. Older versions answer
 * `unknown_command`, which leaves the collector in a clear `unsupported` state.
 */
import type { VitalsStore } from '../store';
import { subscribeChatLog, subscribeChatLogIndex, type ChatContent, type ChatLogEvent } from '../api/conversation';
import type { SubscriptionConnection } from '../api/websocket';

export const LLM_TURN_METRIC = 'vitals.llm_turn_ms';

export interface LlmTurn {
  conversationId: string;
  agentId?: string;
  /** When the user message was created, epoch ms. */
  start: number;
  durationMs: number;
}

export type ChatLogConnection = SubscriptionConnection<ChatLogEvent>;

export type LlmCollectorState = 'idle' | 'ok' | 'forbidden' | 'unsupported' | 'unavailable';

/** Turn durations of a conversation's content, in order. */
export function turnsOf(conversationId: string, content: ChatContent[]): LlmTurn[] {
  const turns: LlmTurn[] = [];
  let userAt: number | undefined;
  for (const item of content) {
    const t = item.created ? Date.parse(item.created) : NaN;
    if (!Number.isFinite(t)) continue;
    if (item.role === 'user') userAt = t;
    else if (item.role === 'assistant' && userAt !== undefined) {
      turns.push({ conversationId, agentId: item.agent_id, start: userAt, durationMs: t - userAt });
      userAt = undefined;
    }
  }
  return turns;
}

export class LlmTurnCollector {
  readonly turns: LlmTurn[] = [];
  state: LlmCollectorState = 'idle';
  private readonly conversations = new Map<string, { content: ChatContent[]; unsubscribe?: () => Promise<void> }>();
  private unsubscribeIndex?: () => Promise<void>;

  constructor(
    private readonly store: VitalsStore,
    private readonly connection: ChatLogConnection,
    private readonly maxTurns = 200,
  ) {}

  async start(): Promise<void> {
    try {
      this.unsubscribeIndex = await subscribeChatLogIndex(this.connection, (event) => this.onIndex(event));
      this.state = 'ok';
    } catch (err) {
      const code = (err as { code?: string } | null)?.code;
      this.state = code === 'unauthorized' ? 'forbidden' : code === 'unknown_command' ? 'unsupported' : 'unavailable';
    }
  }

  async stop(): Promise<void> {
    const all = [this.unsubscribeIndex, ...[...this.conversations.values()].map((c) => c.unsubscribe)];
    this.unsubscribeIndex = undefined;
    this.conversations.clear();
    await Promise.all(all.map((u) => u?.().catch(() => undefined)));
  }

  private onIndex(event: ChatLogEvent): void {
    if (event.event_type === 'initial_state' && Array.isArray(event.data)) {
      // Conversations that existed before: their past turns are history, not live measurements.
      for (const log of event.data) if (log.conversation_id) this.follow(log.conversation_id, log.content ?? []);
    } else if (event.event_type === 'created' && event.conversation_id) {
      this.follow(event.conversation_id, []);
    } else if (event.event_type === 'deleted' && event.conversation_id) {
      void this.conversations.get(event.conversation_id)?.unsubscribe?.().catch(() => undefined);
      this.conversations.delete(event.conversation_id);
    }
  }

  private follow(conversationId: string, known: ChatContent[]): void {
    if (this.conversations.has(conversationId)) return;
    const entry: { content: ChatContent[]; unsubscribe?: () => Promise<void> } = { content: [...known] };
    this.conversations.set(conversationId, entry);
    const counted = turnsOf(conversationId, entry.content).length;
    let recorded = counted;
    subscribeChatLog(this.connection, conversationId, (event) => {
      if (event.event_type === 'initial_state' && event.data && !Array.isArray(event.data) && 'content' in event.data && Array.isArray(event.data.content)) {
        entry.content = event.data.content;
      } else if (event.event_type === 'content_added' && event.data && !Array.isArray(event.data)) {
        const added = (event.data as { content?: ChatContent }).content;
        if (added) entry.content.push(added);
      } else return;
      const turns = turnsOf(conversationId, entry.content);
      for (const turn of turns.slice(recorded)) this.add(turn);
      recorded = Math.max(recorded, turns.length);
    })
      .then((u) => (entry.unsubscribe = u))
      .catch(() => this.conversations.delete(conversationId));
  }

  private add(turn: LlmTurn): void {
    this.turns.push(turn);
    if (this.turns.length > this.maxTurns) this.turns.shift();
    this.store.record(LLM_TURN_METRIC, turn.start, turn.durationMs, turn.agentId ? { agent: turn.agentId } : {});
  }
}
