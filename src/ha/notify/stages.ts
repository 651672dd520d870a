/**
 * The stages a notification passes on its way out (pipeline.ts puts them in order). Each stage
 * either stops the notification with a named reason or hands it to the next one; the stages
 * that make sure a notification goes out once (per browser, across devices) wrap the rest.
 */
import type { NotificationIntent } from '../../core/alerts/types';
import type { NotificationRateLimit } from '../../core/alerts/rate-limit';
import type { IntentGate, MqttClaims } from './claim';
import type { DeliveryReason, ServiceCaller } from './types';

export interface Job {
  intent: NotificationIntent;
  scope: string;
  /** Set by a stage that has something to add (the refused service, the error). */
  detail?: string;
}

export type Next = () => Promise<DeliveryReason>;

export interface Stage {
  readonly name: string;
  run(job: Job, next: Next): Promise<DeliveryReason>;
}

/** Defence in depth: the config refuses such services already; nothing else may reach `call_service`. */
export function allowedServices(isAllowed: (service: string, scope: string) => boolean): Stage {
  return {
    name: 'allowed-services',
    run: (job, next) => {
      if (isAllowed(job.intent.service, job.scope)) return next();
      job.detail = `${job.intent.service} is not allowed`;
      return Promise.resolve('refused-service');
    },
  };
}

export function rateLimit(limit: NotificationRateLimit): Stage {
  return {
    name: 'rate-limit',
    run: (job, next) => {
      if (limit.admit(job.intent)) return next();
      job.detail = `over ${limit.perHour} notifications per hour`;
      return Promise.resolve('rate-limited');
    },
  };
}

/**
 * An ack, snooze or silence can arrive from another device between planning and sending (a claim
 * takes seconds): firing, repeat and escalation notices for a quietened alert stop here.
 */
export function stillWanted(quiet: (intent: NotificationIntent, scope: string) => string | undefined): Stage {
  return {
    name: 'still-wanted',
    run: (job, next) => {
      const why = job.intent.reason === 'firing' || job.intent.reason === 'repeat' || job.intent.reason === 'escalation' ? quiet(job.intent, job.scope) : undefined;
      if (!why) return next();
      job.detail = why;
      return Promise.resolve('acknowledged');
    },
  };
}

/** Once per browser: the tab that gets the intent's Web Lock first goes on; the others stop. */
export function oncePerBrowser(gate: IntentGate): Stage {
  return {
    name: 'once-per-browser',
    run: async (job, next) => {
      let reason: DeliveryReason = 'other-tab';
      await gate.once(job.intent.id, async () => {
        reason = await next();
      });
      return reason;
    },
  };
}

/** Once across devices: the device whose MQTT claim wins goes on; the others stop once it marked it sent. */
export function onceAcrossDevices(claims: Pick<MqttClaims, 'run'>): Stage {
  return {
    name: 'once-across-devices',
    run: async (job, next) => {
      let reason: DeliveryReason = 'other-device';
      await claims.run(job.intent.id, async () => {
        reason = await next();
      });
      return reason;
    },
  };
}

/** Service data for an intent: text goes only to services that take it. */
export function serviceData(intent: NotificationIntent): Record<string, unknown> {
  const domain = intent.service.slice(0, intent.service.indexOf('.'));
  if (domain === 'notify' || domain === 'persistent_notification') return { title: intent.title, message: intent.message, ...intent.data };
  return { ...intent.data };
}

/** The call itself. A failure throws, so the stages above do not record it as sent. */
export function send(caller: ServiceCaller): Stage {
  return {
    name: 'send',
    run: async (job) => {
      const dot = job.intent.service.indexOf('.');
      await caller.callService(job.intent.service.slice(0, dot), job.intent.service.slice(dot + 1), serviceData(job.intent));
      return 'sent';
    },
  };
}
