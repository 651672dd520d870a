/** Long-term statistics (`recorder/*`), as Home Assistant frontend's `src/data/recorder.ts`. */
import type { CommandConnection } from './websocket';

export type StatisticsPeriod = '5minute' | 'hour' | 'day';
export type StatisticType = 'mean' | 'min' | 'max' | 'state';

/** One statistics row; `start` is epoch ms (or an ISO date from older versions). */
export interface StatisticRow {
  start: number | string;
  mean?: number | null;
  min?: number | null;
  max?: number | null;
  state?: number | null;
}

export interface StatisticsDuringPeriodRequest {
  statisticIds: string[];
  /** Epoch ms. */
  start: number;
  /** Epoch ms. */
  end: number;
  period: StatisticsPeriod;
  types: StatisticType[];
}

/** `recorder/statistics_during_period`: rows per statistic id (an entity id for sensor statistics). */
export function fetchStatisticsDuringPeriod(connection: CommandConnection, request: StatisticsDuringPeriodRequest): Promise<Record<string, StatisticRow[]>> {
  return connection.sendMessagePromise<Record<string, StatisticRow[]>>({
    type: 'recorder/statistics_during_period',
    start_time: new Date(request.start).toISOString(),
    end_time: new Date(request.end).toISOString(),
    statistic_ids: request.statisticIds,
    period: request.period,
    types: request.types,
  });
}
