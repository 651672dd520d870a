import { css, html, nothing } from 'lit';
import { VitalsCardBase } from '../shared/card-base';
import { cardStyles } from '../shared/styles';
import type { StoreConnection, VitalsStore } from '../../ha/store';
import { telemetryFor } from '../../ha/telemetry/index';
import { browserDeviceName, browserStorage, deviceNameProblem, onBrowserDeviceNameChange, setBrowserDeviceName, DEVICE_NAME_MAX, type DeviceStorage } from '../../ha/device-identity';
import {
  UX_ROWS,
  deviceEntity,
  parseUxCardConfig,
  reportDevice,
  reportedMetrics,
  reportedPrefix,
  rowOfEntity,
  shownRows,
  type UxCardConfig,
  type UxRowKey, uxCardLayout } from './config';
import { bandOf, renderRow, rowStyles, sensorRow, seriesWindow, tailText, withUnit, type RowView } from './rows';

type PingConnection = StoreConnection & { ping(): Promise<unknown> };

/** A row fed by another device's sensor. */
interface DeviceRow {
  entity: string;
  device?: string;
  key?: UxRowKey;
  /** Set for rows derived from an `entity_prefix`: shown only once the sensor exists. */
  prefix?: string;
}

/**
 * This browser's user experience: websocket round trip, state-delivery lag, service-call latency,
 * long tasks, INP, heap, frame rate and the monitor's own overhead — current value, p95 over the
 * window, sparkline and a band — plus the same figures published by other devices as sensors.
 */
export class VitalsUxCard extends VitalsCardBase<UxCardConfig> {
  static override properties = {
    _revision: { state: true },
    _renaming: { state: true },
    _renameError: { state: true },
  };

  private _revision = 0;
  /** The rename form's text while it is open. */
  private _renaming?: string;
  private _renameError?: string;
  /** Where this browser's name is kept (tests give each card its own "browser"). */
  deviceStorage: DeviceStorage | undefined = browserStorage();
  /** The name this browser reports under, while reporting. */
  private reportingAs?: string;
  private repaintTimer?: number;
  private lastRepaint = 0;
  /** Repaint at most this often: delivery lag is recorded on every state change. */
  repaintMs = 1000;

  setConfig(config: unknown): void {
    this._config = parseUxCardConfig(config);
    this.attach();
  }

  protected override start(config: UxCardConfig, store: VitalsStore, connection: PingConnection): void {
    this.disposers.push(() => {
      clearTimeout(this.repaintTimer);
      this.repaintTimer = undefined;
    });
    const telemetry = telemetryFor(store, connection);
    this.disposers.push(telemetry.useUx({ level: config.level, pingIntervalMs: config.ping_interval * 1000 }));
    if (config.report) {
      // Every browser that shows this card reports under its own name: the YAML is the same on all of them.
      const device = reportDevice(config.report, browserDeviceName(this.deviceStorage));
      this.reportingAs = device;
      this.disposers.push(telemetry.useReport(device, config.report.interval, reportedMetrics(config, config.report.interval)));
      this.disposers.push(() => (this.reportingAs = undefined));
      // Renamed here or in another tab: report under the new name from now on.
      this.disposers.push(
        onBrowserDeviceNameChange(() =>
          queueMicrotask(() => {
            this.attach();
            this._revision++;
          }),
        ),
      );
    }
    this.disposers.push(store.onStatus(() => this.repaint()));
    for (const key of shownRows(config)) this.disposers.push(store.watch(UX_ROWS[key].metric, () => this.repaint()));
    for (const row of this.deviceRows()) {
      this.disposers.push(store.watch(row.entity, () => this.repaint(), { historyMs: config.window }));
    }
  }

  /** Coalesce repaints: at once if the last was long enough ago, else once at the end of the interval. */
  private repaint(): void {
    if (this.repaintTimer !== undefined) return;
    const wait = this.lastRepaint + this.repaintMs - performance.now();
    if (wait <= 0) {
      this.lastRepaint = performance.now();
      this._revision++;
      return;
    }
    this.repaintTimer = window.setTimeout(() => {
      this.repaintTimer = undefined;
      this.lastRepaint = performance.now();
      this._revision++;
    }, wait);
  }

  private deviceRows(): DeviceRow[] {
    const config = this._config!;
    const rows: DeviceRow[] = [];
    for (const device of config.devices) {
      if (device.entity) rows.push({ entity: device.entity, device: device.name, key: rowOfEntity(device.entity) });
      else if (device.entity_prefix) {
        for (const key of shownRows(config)) {
          rows.push({ entity: deviceEntity(device.entity_prefix, key), device: device.name ?? device.entity_prefix, key, prefix: device.entity_prefix });
        }
      }
    }
    return rows;
  }

  getCardSize(): number {
    const config = this._config;
    const rows = config ? shownRows(config).length + this.deviceRows().length : 4;
    return 1 + Math.ceil(rows * 0.75);
  }

  /** Sections view (2024.11+): 12-column grid, rows of 56 px. */
  getGridOptions() {
    return uxCardLayout(this._config).grid;
  }

  /** Sections view, 2024.3 – 2024.10. */
  getLayoutOptions() {
    return uxCardLayout(this._config).layout;
  }

  static getStubConfig(): Partial<UxCardConfig> {
    return { level: 'basic' };
  }

  static async getConfigElement(): Promise<HTMLElement> {
    await import('./editor');
    return document.createElement('vitals-ux-card-editor');
  }

  private ownRow(key: UxRowKey, now: number): RowView {
    const def = UX_ROWS[key];
    const { fmt, t } = this;
    const w = seriesWindow(this.store?.series(def.metric), now, this._config!.window);
    if (key === 'long_tasks') {
      // Tasks in the last minute; p95 of their durations over the window.
      let lastMinute = 0;
      for (let i = 0; i < w.times.length; i++) if (w.times[i] >= now - 60_000 && Number.isFinite(w.values[i])) lastMinute++;
      // Browsers without the Long Tasks API (Firefox, Safari) report none: show no count rather than 0.
      const measured = w.count > 0 || (PerformanceObserver.supportedEntryTypes ?? []).includes('longtask');
      return {
        key,
        label: t(`ux.row.${key}`),
        value: measured ? withUnit(fmt, lastMinute, def.unit, 0) : '—',
        band: measured ? bandOf(lastMinute, def.bands) : 'none',
        p95: w.count > 0 ? t('ux.p95', { value: withUnit(fmt, w.p95, 'ms', 0) }) : undefined,
        times: w.times,
        values: w.values,
      };
    }
    return {
      key,
      label: t(`ux.row.${key}`),
      value: withUnit(fmt, w.latest, def.unit, def.decimals),
      band: bandOf(w.latest, def.bands),
      p95: tailText(fmt, t, w, def.unit, def.decimals, def.bands?.higherIsBetter),
      times: w.times,
      values: w.values,
    };
  }

  private deviceRow(row: DeviceRow, now: number): RowView {
    const def = row.key ? UX_ROWS[row.key] : undefined;
    const friendly = this.store?.snapshots.get(row.entity)?.attributes.friendly_name;
    // A known figure is labelled as such; the device's name, else the sensor's, says whose it is.
    const sublabel = row.device ?? (def && typeof friendly === 'string' ? friendly : undefined);
    const label = row.key ? this.t(`ux.row.${row.key}`) : undefined;
    return sensorRow(this.store, row.entity, now, this._config!.window, this.fmt, this.t, { label, sublabel, unit: def?.reported?.unit ?? def?.unit, decimals: def?.decimals, bands: def?.reported ? undefined : def?.bands });
  }

  protected override render() {
    const config = this._config!;
    const { t } = this;
    const now = this.now();
    const title = config.title ?? t('ux.title');
    const actions = { tap_action: config.tap_action, hold_action: config.hold_action, double_tap_action: config.double_tap_action };
    // A device publishes only some figures: rows of sensors that do not exist are left out, and a
    // device with none at all says so once.
    const all = this.deviceRows();
    const devices = all.filter((r) => !r.prefix || this.store?.snapshots.has(r.entity));
    const silent = [...new Set(all.filter((r) => r.prefix).map((r) => r.prefix!))].filter((p) => !devices.some((r) => r.prefix === p));
    return html`
      <ha-card>
        <h2 class="title">${title}</h2>
        ${this.store?.status === 'reconnecting'
          ? html`<div class="banner" role="status">${t('ux.reconnecting')}</div>`
          : nothing}
        <div class="rows" role="list" aria-label=${t('ux.list_label', { title })}>
          ${shownRows(config).map((key) => renderRow(this.ownRow(key, now), t))}
        </div>
        ${all.length > 0
          ? html`<h3 class="section">${t('ux.other_devices')}</h3>
              <div class="rows devices" role="list" aria-label=${t('ux.other_devices_label')}>
                ${devices.map((row) => renderRow(this.deviceRow(row, now), t, actions))}
              </div>
              ${silent.map((prefix) => {
                const name = all.find((r) => r.prefix === prefix)!.device ?? prefix;
                return html`<p class="note">${t('ux.no_sensors', { device: name, pattern: deviceEntity(prefix, 'rtt').replace(/ws_rtt_ms$/, '…') })}</p>`;
              })}`
          : nothing}
        ${config.report ? this.renderReport(config.report.interval) : nothing}
      </ha-card>
    `;
  }

  private renderReport(intervalMs: number) {
    const name = browserDeviceName(this.deviceStorage);
    const device = this.reportingAs ?? reportDevice(this._config!.report!, name);
    const { t } = this;
    return html`
      ${this._renaming === undefined
        ? html`<p class="note device">
            ${t('ux.browser_name')} <strong class="device-name">${name}</strong>
            <button type="button" class="rename" @click=${this.openRename} aria-label=${t('ux.rename_label')}>${t('ux.rename')}</button>
          </p>`
        : html`<form class="rename-form" @submit=${this.saveRename}>
            <label
              >${t('ux.name_input')}
              <input
                .value=${this._renaming}
                maxlength=${DEVICE_NAME_MAX}
                required
                autocomplete="off"
                aria-invalid=${this._renameError ? 'true' : 'false'}
                @input=${(e: Event) => (this._renaming = (e.target as HTMLInputElement).value)}
            /></label>
            <button type="submit" class="save">${t('ux.save')}</button>
            <button type="button" class="cancel" @click=${this.closeRename}>${t('ux.cancel')}</button>
            ${this._renameError ? html`<span class="rename-error" role="alert">${this._renameError}</span>` : nothing}
          </form>`}
      <p class="note report">${t('ux.reported', { interval: this.fmt.duration(intervalMs), prefix: `${reportedPrefix(device)}_…` })}</p>
    `;
  }

  private readonly openRename = () => {
    this._renameError = undefined;
    this._renaming = browserDeviceName(this.deviceStorage);
  };

  private readonly closeRename = () => {
    this._renaming = undefined;
    this._renameError = undefined;
  };

  private readonly saveRename = (event: Event) => {
    event.preventDefault();
    const name = this._renaming ?? '';
    if (deviceNameProblem(name)) {
      // The one problem a name can have, in the user's language (deviceNameProblem words it for logs).
      this._renameError = this.t('ux.rename_invalid', { max: this.fmt.number(DEVICE_NAME_MAX, 0) });
      return;
    }
    setBrowserDeviceName(name, this.deviceStorage);
    this.closeRename();
  };

  static override styles = [
    cardStyles,
    rowStyles,
    css`
      .title {
        margin: 0 0 4px;
      }
      .section {
        margin: 12px 0 0;
      }
      .note {
        margin: 4px 0;
        font-size: 13px;
        color: var(--secondary-text-color, #727272);
      }
      .banner {
        margin: 4px 0;
      }
      .device-name {
        color: var(--primary-text-color, #212121);
        font-weight: 500;
      }
      button.rename,
      .rename-form button {
        font: inherit;
        font-size: 13px;
        color: var(--primary-color, #03a9f4);
        background: none;
        border: none;
        padding: 2px 4px;
        cursor: pointer;
        border-radius: 4px;
      }
      .rename-form {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px 8px;
        margin: 4px 0;
        font-size: 13px;
        color: var(--secondary-text-color, #727272);
      }
      .rename-form input {
        font: inherit;
        margin-inline-start: 6px;
        padding: 2px 6px;
        color: var(--primary-text-color, #212121);
        background: var(--card-background-color, #fff);
        border: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
        border-radius: 4px;
        width: 16em;
        max-width: 100%;
      }
      .rename-error {
        flex-basis: 100%;
        color: var(--error-color, #db4437);
      }
    `,
  ];
}

export { UX_CARD_INFO } from './config';
