/**
 * Visual editor of `vitals-ux-card` (loaded lazily by the card's getConfigElement).
 * Flat form data ↔ config: `window_minutes` ↔ `window: "15m"`; `device_entities` ↔ the entity
 * entries of `devices` (entries written with `entity_prefix` are kept as they are).
 */
import { ACTION_KEYS, VitalsFormEditor, actionsFormData, asList, interactionsSection, pickDefaults, pickedEntries, setField, type FormData, type FormSchema } from '../shared/editor';
import { ENGLISH, type Localize, type StringKey } from '../../ui/localize/index';
import { limitMs } from '../../core/config/card';
import { parseDuration } from '../../core/config/duration';
import { UX_DEFAULTS, UX_LIMITS, UX_ROWS, UX_ROW_KEYS } from './config';

export const UX_EDITOR_TYPE = 'vitals-ux-card-editor';

type RawConfig = Record<string, unknown>;
/** The form edits `window` in whole minutes. */
const MINUTE_MS = 60_000;
const minutesOf = (written: string) => Math.round(limitMs(written) / MINUTE_MS);
const DEFAULT_WINDOW_MINUTES = minutesOf(UX_DEFAULTS.window);

type RawDevice = string | { entity?: string; entity_prefix?: string; name?: string };

/** A device entry's entity; entries written with `entity_prefix` are not in the entity picker. */
const pickableEntityOf = (d: RawDevice): string | undefined => (typeof d === 'string' ? d : d.entity_prefix === undefined ? d.entity : undefined);

export function uxEditorSchema(level: string, t: Localize = ENGLISH): FormSchema[] {
  const rows = UX_ROW_KEYS.filter((k) => level === 'full' || !UX_ROWS[k].full);
  return [
    { name: 'title', selector: { text: {} } },
    {
      name: '',
      type: 'grid',
      schema: [
        {
          name: 'level',
          selector: {
            select: {
              mode: 'dropdown',
              options: [
                { value: 'basic', label: t('editor.ux.level_basic') },
                { value: 'full', label: t('editor.ux.level_full') },
              ],
            },
          },
        },
        { name: 'ping_interval', selector: { number: { min: UX_LIMITS.ping_interval.min, max: UX_LIMITS.ping_interval.max, step: 5, mode: 'box', unit_of_measurement: 's' } } },
        {
          name: 'window_minutes',
          selector: { number: { min: minutesOf(UX_LIMITS.window.min), max: minutesOf(UX_LIMITS.window.max), step: 1, mode: 'box', unit_of_measurement: 'min' } },
        },
      ],
    },
    { name: 'metrics', selector: { select: { multiple: true, mode: 'list', options: rows.map((k) => ({ value: k, label: t(`ux.row.${k}`) })) } } },
    { name: 'device_entities', selector: { entity: { domain: 'sensor', multiple: true } } },
    { name: 'report', selector: { boolean: {} } },
    { name: 'report_group', selector: { text: {} } },
    interactionsSection(t),
  ];
}

/** The group of a written `report:` (`report: wall`, `{group}` or the older `{device}`). */
function reportGroup(report: unknown): string | undefined {
  if (typeof report === 'string') return report;
  const r = report as { group?: unknown; device?: unknown } | null | undefined;
  const group = r?.group ?? r?.device;
  return typeof group === 'string' ? group : undefined;
}

/** `report:` as written: `true`, the group, or a mapping when YAML wrote one (its interval is kept; `device` becomes `group`). */
function writtenReport(group: string, previous: unknown): unknown {
  if (previous && typeof previous === 'object' && !Array.isArray(previous)) {
    const { device: _device, group: _group, ...rest } = previous as Record<string, unknown>;
    return group ? { group, ...rest } : Object.keys(rest).length > 0 ? rest : true;
  }
  return group || true;
}

export class VitalsUxCardEditor extends VitalsFormEditor<RawConfig> {
  protected override readonly defaults: Record<string, unknown> = pickDefaults(UX_DEFAULTS, ['level', 'ping_interval']);

  protected readonly labels: Record<string, StringKey> = {
    level: 'editor.ux.level',
    ping_interval: 'editor.ux.ping_interval',
    window_minutes: 'editor.ux.window_minutes',
    metrics: 'editor.ux.metrics',
    device_entities: 'editor.ux.device_entities',
    report: 'editor.ux.report',
    report_group: 'editor.ux.report_group',
  };

  protected override readonly helpers: Record<string, StringKey> = {
    level: 'editor.ux.level_helper',
    report: 'editor.ux.report_helper',
    report_group: 'editor.ux.report_group_helper',
  };

  get schema(): FormSchema[] {
    return uxEditorSchema(String(this._config?.level ?? UX_DEFAULTS.level), this.t);
  }

  toFormData(config: RawConfig): FormData {
    const windowMs = parseDuration(config.window ?? UX_DEFAULTS.window);
    return {
      ...(typeof config.title === 'string' ? { title: config.title } : {}),
      level: config.level ?? UX_DEFAULTS.level,
      ping_interval: config.ping_interval ?? UX_DEFAULTS.ping_interval,
      window_minutes: windowMs !== undefined ? Math.round(windowMs / MINUTE_MS) : DEFAULT_WINDOW_MINUTES,
      metrics: asList(config.metrics),
      device_entities: asList<RawDevice>(config.devices).map(pickableEntityOf).filter((e): e is string => !!e),
      report: config.report !== undefined && config.report !== false,
      ...(reportGroup(config.report) ? { report_group: reportGroup(config.report) } : {}),
      ...actionsFormData(config),
    };
  }

  fromFormData(data: FormData, previous: RawConfig): RawConfig {
    const next: RawConfig = { ...previous };
    setField(next, 'title', data.title);
    setField(next, 'level', data.level === UX_DEFAULTS.level ? undefined : data.level);
    setField(next, 'ping_interval', data.ping_interval === UX_DEFAULTS.ping_interval ? undefined : data.ping_interval);
    const minutes = data.window_minutes;
    setField(next, 'window', typeof minutes === 'number' && minutes !== DEFAULT_WINDOW_MINUTES ? `${minutes}m` : undefined);
    // Rows the level does not measure would be an error: drop them with the level.
    const level = String(next.level ?? UX_DEFAULTS.level);
    const metrics = Array.isArray(data.metrics) ? (data.metrics as string[]).filter((k) => k in UX_ROWS && (level === 'full' || !UX_ROWS[k as keyof typeof UX_ROWS].full)) : [];
    setField(next, 'metrics', metrics);
    const previousDevices = asList<RawDevice>(previous.devices);
    const prefixed = previousDevices.filter((d) => typeof d !== 'string' && d.entity_prefix !== undefined);
    setField(next, 'devices', [...prefixed, ...pickedEntries(data.device_entities, previousDevices, pickableEntityOf)]);
    setField(next, 'report', data.report ? writtenReport(typeof data.report_group === 'string' ? data.report_group.trim() : '', previous.report) : undefined);
    for (const key of ACTION_KEYS) setField(next, key, data[key]);
    return next;
  }
}

if (!customElements.get(UX_EDITOR_TYPE)) customElements.define(UX_EDITOR_TYPE, VitalsUxCardEditor);
