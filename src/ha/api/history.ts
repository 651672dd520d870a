/** Recorder history (`history/*`), as Home Assistant frontend's `src/data/history.ts`. */
import type { CommandConnection } from './websocket';

/**
 * One row of a minimal, attribute-less history answer: the state `s`, `lu` (last updated, epoch
 * seconds) on every row, `lc` (last changed) only where it differs.
 */
export interface CompressedHistoryState {
  s: string;
  lu?: number;
  lc?: number;
}

export interface HistoryDuringPeriodRequest {
  entityIds: string[];
  /** Epoch ms. */
  start: number;
  /** Epoch ms. */
  end: number;
}

/**
 * `history/history_during_period` for charts: every state change (`significant_changes_only`
 * off), without attributes and in the compressed minimal form, which is a fraction of the full
 * answer's size. Entities without states in the period are absent from the result.
 */
export function fetchHistoryDuringPeriod(connection: CommandConnection, request: HistoryDuringPeriodRequest): Promise<Record<string, CompressedHistoryState[]>> {
  return connection.sendMessagePromise<Record<string, CompressedHistoryState[]>>({
    type: 'history/history_during_period',
    start_time: new Date(request.start).toISOString(),
    end_time: new Date(request.end).toISOString(),
    entity_ids: request.entityIds,
    minimal_response: true,
    no_attributes: true,
    significant_changes_only: false,
  });
}
