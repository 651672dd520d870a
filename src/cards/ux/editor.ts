/**
 * Visual editor of `vitals-ux-card` (loaded lazily by the card's getConfigElement).
 * Flat form data ↔ config: `window_minutes` ↔ `window: "15m"`; `device_entities` ↔ the entity
 * entries of `devices` (entries written with `entity_prefix` are kept as they are).
 */
import { VitalsFormEditor, asList, pickedEntries, setField, type FormData, type FormSchema } from '../shared/editor';
import { parseDuration } from '../../core/config/duration';
import { UX_ROWS, UX_ROW_KEYS } from './config';

export const UX_EDITOR_TYPE = 'vitals-ux-card-editor';

type RawConfig = Record<string, unknown>;
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
        { name: 'ping_interval', selector: { number: { min: 5, max: 3600, step: 5, mode: 'box', unit_of_measurement: 's' } } },
        { name: 'window_minutes', selector: { number: { min: 1, max: 60, step: 1, mode: 'box', unit_of_measurement: 'min' } } },
      ],
    },
    { name: 'metrics', selector: { select: { multiple: true, mode: 'list', options: rows.map((k) => ({ value: k, label: UX_ROWS[k].label })) } } },
    { name: 'device_entities', selector: { entity: { domain: 'sensor', multiple: true } } },
    { name: 'report_device', selector: { text: {} } },
  ];
}

function reportDevice(report: unknown): string | undefined {
  if (typeof report === 'string') return report;
  const device = (report as { device?: unknown } | null | undefined)?.device;
  return typeof device === 'string' ? device : undefined;
}

export class VitalsUxCardEditor extends VitalsFormEditor<RawConfig> {
  protected override readonly defaults: Record<string, unknown> = { level: 'basic', ping_interval: 30 };

  protected readonly labels: Record<string, string> = {
    title: 'Title (optional)',
    level: 'Monitoring level',
    ping_interval: 'Ping interval',
    window_minutes: 'p95 window',
    metrics: 'Rows (none ticked: all of the level)',
    device_entities: 'Other devices’ sensors (e.g. sensor.ha_vitals_tablet_ws_rtt_ms)',
    report_device: 'Report this browser as (device name, optional)',
  };

  protected override readonly helpers: Record<string, string> = {
    level: 'Full also observes long tasks, interactions and frames: a little more overhead.',
    report_device: 'Publishes these figures as MQTT sensors sensor.ha_vitals_<device>_…, recorded by Home Assistant and usable in automations. Needs the MQTT integration.',
  };

  get schema(): FormSchema[] {
    return uxEditorSchema(String(this._config?.level ?? 'basic'));
  }

  toFormData(config: RawConfig): FormData {
    const windowMs = parseDuration(config.window ?? '15m');
    return {
      ...(typeof config.title === 'string' ? { title: config.title } : {}),
      level: config.level ?? 'basic',
      ping_interval: config.ping_interval ?? 30,
      window_minutes: windowMs !== undefined ? Math.round(windowMs / 60_000) : 15,
      metrics: asList(config.metrics),
      device_entities: asList<RawDevice>(config.devices).map(pickableEntityOf).filter((e): e is string => !!e),
      ...(reportDevice(config.report) ? { report_device: reportDevice(config.report) } : {}),
    };
  }

  fromFormData(data: FormData, previous: RawConfig): RawConfig {
    const next: RawConfig = { ...previous };
    setField(next, 'title', data.title);
    setField(next, 'level', data.level === 'basic' ? undefined : data.level);
    setField(next, 'ping_interval', data.ping_interval === 30 ? undefined : data.ping_interval);
    const minutes = data.window_minutes;
    setField(next, 'window', typeof minutes === 'number' && minutes !== 15 ? `${minutes}m` : undefined);
    // Rows the level does not measure would be an error: drop them with the level.
    const level = String(next.level ?? 'basic');
    const metrics = Array.isArray(data.metrics) ? (data.metrics as string[]).filter((k) => k in UX_ROWS && (level === 'full' || !UX_ROWS[k as keyof typeof UX_ROWS].full)) : [];
    setField(next, 'metrics', metrics);
    const previousDevices = asList<RawDevice>(previous.devices);
    const prefixed = previousDevices.filter((d) => typeof d !== 'string' && d.entity_prefix !== undefined);
    setField(next, 'devices', [...prefixed, ...pickedEntries(data.device_entities, previousDevices, pickableEntityOf)]);
    // A report written as {device, interval} keeps its interval when only the name changes.
    const device = typeof data.report_device === 'string' ? data.report_device.trim() : '';
    const previousReport = previous.report;
    setField(next, 'report', !device ? undefined : typeof previousReport === 'object' && previousReport !== null ? { ...previousReport, device } : device);
    return next;
  }
}

if (!customElements.get(UX_EDITOR_TYPE)) customElements.define(UX_EDITOR_TYPE, VitalsUxCardEditor);
