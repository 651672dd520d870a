/**
 * Visual editor of `vitals-ux-card` (loaded lazily by the card's getConfigElement).
 * Flat form data ↔ config: `window_minutes` ↔ `window: "15m"`; `device_entities` ↔ the entity
 * entries of `devices` (entries written with `entity_prefix` are kept as they are).
 */
import { VitalsFormEditor, asList, pickDefaults, pickedEntries, setField, type FormData, type FormSchema } from '../shared/editor';
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

export function uxEditorSchema(level: string): FormSchema[] {
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
                { value: 'basic', label: 'Basic: round trip, delivery lag, service calls, overhead' },
                { value: 'full', label: 'Full: also long tasks, INP, heap, frame rate' },
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
    { name: 'metrics', selector: { select: { multiple: true, mode: 'list', options: rows.map((k) => ({ value: k, label: UX_ROWS[k].label })) } } },
    { name: 'device_entities', selector: { entity: { domain: 'sensor', multiple: true } } },
    { name: 'report', selector: { boolean: {} } },
    { name: 'report_group', selector: { text: {} } },
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

  protected readonly labels: Record<string, string> = {
    title: 'Title (optional)',
    level: 'Monitoring level',
    ping_interval: 'Ping interval',
    window_minutes: 'p95 window',
    metrics: 'Rows (none ticked: all of the level)',
    device_entities: 'Other devices’ sensors (e.g. sensor.ha_vitals_tablet_ws_rtt_ms)',
    report: 'Report each browser’s figures as sensors',
    report_group: 'Group in front of each browser’s name (optional)',
  };

  protected override readonly helpers: Record<string, string> = {
    level: 'Full also observes long tasks, interactions and frames: a little more overhead.',
    report:
      'Every browser showing this card publishes its figures as MQTT sensors sensor.ha_vitals_<browser name>_…, recorded by Home Assistant and usable in automations. Each browser has its own name, shown and renamed in the card. Needs the MQTT integration.',
    report_group: 'e.g. "wall" gives sensor.ha_vitals_wall_<browser name>_….',
  };

  get schema(): FormSchema[] {
    return uxEditorSchema(String(this._config?.level ?? UX_DEFAULTS.level));
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
    return next;
  }
}

if (!customElements.get(UX_EDITOR_TYPE)) customElements.define(UX_EDITOR_TYPE, VitalsUxCardEditor);
