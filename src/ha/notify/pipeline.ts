/**
 * Delivery, assembled in one place (as Alertmanager builds its pipeline in one function):
 *
 *   allowed services → rate limit → once per browser → once across devices → still wanted → send
 *
 * and then recorded: every intent the engine planned ends as one `Delivery` with a named reason
 * (sent here, sent by another tab or device, refused, rate-limited, quietened, failed).
 */
import type { NotificationIntent } from '../../core/alerts/types';
import type { NotificationRateLimit } from '../../core/alerts/rate-limit';
import type { IntentGate, MqttClaims } from './claim';
import { allowedServices, onceAcrossDevices, oncePerBrowser, rateLimit, send, stillWanted, type Job, type Stage } from './stages';
import type { Delivery, ServiceCaller } from './types';

export interface PipelineDeps {
  caller: ServiceCaller;
  isAllowed(service: string, scope: string): boolean;
  limit: NotificationRateLimit;
  /** Why the intent's alert no longer wants notifying (acknowledged, snoozed, silenced), if so. */
  quiet(intent: NotificationIntent, scope: string): string | undefined;
  browserGate: IntentGate;
  claims: Pick<MqttClaims, 'run'>;
  record(delivery: Delivery): void;
  now(): number;
}

export type Deliver = (intent: NotificationIntent, scope: string) => Promise<Delivery>;

export function buildPipeline(deps: PipelineDeps): Deliver {
  const stages: Stage[] = [
    allowedServices(deps.isAllowed),
    rateLimit(deps.limit),
    oncePerBrowser(deps.browserGate),
    onceAcrossDevices(deps.claims),
    // Last before the call: an ack from another device can arrive while the claim is decided.
    stillWanted(deps.quiet),
    send(deps.caller),
  ];
  const runFrom = (index: number, job: Job): Promise<Delivery['reason']> =>
    index < stages.length ? stages[index].run(job, () => runFrom(index + 1, job)) : Promise.resolve('sent');

  return async (intent, scope) => {
    const job: Job = { intent, scope };
    let reason: Delivery['reason'];
    try {
      reason = await runFrom(0, job);
    } catch (err) {
      reason = 'failed';
      job.detail = (err as Error)?.message ?? String(err);
    }
    const delivery: Delivery = { intent, scope, reason, at: deps.now(), ...(job.detail ? { detail: job.detail } : {}) };
    deps.record(delivery);
    return delivery;
  };
}
