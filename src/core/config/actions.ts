/**
 * `tap_action`, `hold_action` and `double_tap_action`, as Home Assistant's cards take them
 * (https://www.home-assistant.io/dashboards/actions/). The card hands the action to Home Assistant
 * (the `hass-action` event), which runs it the way it runs its own cards' actions: with the
 * `confirmation` dialog and haptics, and with the permissions of the user who taps. Validated
 * here so a typo names its key instead of doing nothing.
 */
import type { Struct } from 'superstruct';
import { anyMap, entityId, leaf, maybe, nonEmptyText, oneOf, serviceName, strictObject, textUpTo } from './structs.js';

export const ACTIONS = ['more-info', 'navigate', 'url', 'perform-action', 'call-service', 'toggle', 'assist', 'none'] as const;
export type ActionName = (typeof ACTIONS)[number];

export interface ActionConfig {
  action: ActionName;
  entity?: string;
  navigation_path?: string;
  navigation_replace?: boolean;
  url_path?: string;
  perform_action?: string;
  service?: string;
  data?: Record<string, unknown>;
  service_data?: Record<string, unknown>;
  target?: Record<string, unknown>;
  /** `true`, or `{ text, exemptions: [{ user }] }`: Home Assistant asks before running the action. */
  confirmation?: boolean | Record<string, unknown>;
  pipeline_id?: string;
  start_listening?: boolean;
}

const confirmation = leaf<boolean | Record<string, unknown>>(
  'confirmation',
  'true, false or a mapping with `text`',
  (v) => typeof v === 'boolean' || (!!v && typeof v === 'object' && !Array.isArray(v)),
);
const bool = leaf<boolean>('boolean', 'true or false', (v) => typeof v === 'boolean');

export const actionConfig = strictObject<ActionConfig>(
  {
    action: oneOf(ACTIONS),
    entity: maybe(entityId),
    navigation_path: maybe(textUpTo(2000, { nonEmpty: true })),
    navigation_replace: maybe(bool),
    url_path: maybe(textUpTo(2000, { nonEmpty: true })),
    perform_action: maybe(serviceName),
    service: maybe(serviceName),
    data: maybe(anyMap),
    service_data: maybe(anyMap),
    target: maybe(anyMap),
    confirmation: maybe(confirmation),
    pipeline_id: maybe(nonEmptyText),
    start_listening: maybe(bool),
  },
  { what: 'an action (a mapping with `action`)' },
) as Struct<ActionConfig, unknown>;

/** The three action keys every card with values accepts. */
export const actionKeys = {
  tap_action: maybe(actionConfig),
  hold_action: maybe(actionConfig),
  double_tap_action: maybe(actionConfig),
};

export interface ActionsConfig {
  tap_action?: ActionConfig;
  hold_action?: ActionConfig;
  double_tap_action?: ActionConfig;
}
