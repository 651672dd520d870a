/** Conversation chat logs (`conversation/chat_log/*`, Home Assistant 2025.12+, admin only). */
import type { SubscriptionConnection, Unsubscribe } from './websocket';

export interface ChatContent {
  role: string;
  created?: string;
  agent_id?: string;
  content?: string | null;
}

export interface ChatLogData {
  conversation_id?: string;
  content?: ChatContent[];
}

/**
 * An event of either subscription: `initial_state` (the index: every chat log; a log: its
 * content), `created` / `deleted` (index), `content_added` (a log).
 */
export interface ChatLogEvent {
  event_type: string;
  conversation_id?: string;
  data?: ChatLogData | ChatLogData[] | { content?: ChatContent };
}

/** `conversation/chat_log/subscribe_index`: conversations as they are created and deleted. */
export function subscribeChatLogIndex(connection: SubscriptionConnection<ChatLogEvent>, onEvent: (event: ChatLogEvent) => void): Promise<Unsubscribe> {
  return connection.subscribeMessage(onEvent, { type: 'conversation/chat_log/subscribe_index' });
}

/** `conversation/chat_log/subscribe`: one conversation's content, then what is added to it. */
export function subscribeChatLog(connection: SubscriptionConnection<ChatLogEvent>, conversationId: string, onEvent: (event: ChatLogEvent) => void): Promise<Unsubscribe> {
  return connection.subscribeMessage(onEvent, { type: 'conversation/chat_log/subscribe', conversation_id: conversationId });
}
