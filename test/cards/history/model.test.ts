import { expect } from '@open-wc/testing';
import { buildHistory, historyBounds, historyWindowMs, type HistoryInputs } from '../../../src/cards/history/model';
import { parseHistoryCardConfig } from '../../../src/cards/history/config';
import { BucketSeries } from '../../../src/core/series/bucket-series';
import { TimeSeries } from '../../../src/core/series/time-series';
import { THEME_FALLBACKS } from '../../../src/cards/shared/theme';
import * as forecastModule from '../../../src/cards/shared/forecast';
import { ENGLISH_FORMATTER } from '../../../src/ui/format';
import { ENGLISH } from '../../../src/ui/localize';

const HOUR = 3_600_000;
const NOW = 1_800_000_000_000;

function inputs(config: Record<string, unknown>, entities: HistoryInputs['entities'], overrides: Partial<HistoryInputs> = {}): HistoryInputs {
  const parsed = parseHistoryCardConfig({ type: 'custom:vitals-history-card', ...config });
  return {
    config: parsed,
    entities,
    now: NOW,
    view: historyBounds(parsed, NOW),
    zoomed: false,
    pixels: 400,
    theme: THEME_FALLBACKS,
    status: 'live',
    colour: (value, fallback) => value ?? fallback,
    forecaster: forecastModule,
    fmt: ENGLISH_FORMATTER,
    t: ENGLISH,
    ...overrides,
  };
}

const snapshot = (id: string, state: string, attributes: Record<string, unknown> = {}) => ({ entityId: id, state, attributes, lastChanged: NOW, lastUpdated: NOW });

describe('history model', () => {
  it('takes the legend value from the entity state and min/max from line and band', () => {
    // Arrange: raw samples for the last hour, buckets before, a spike in the buckets
    const series = new TimeSeries({ maxAgeMs: Infinity });
    for (let i = 0; i < 60; i++) series.append(NOW - HOUR + i * 60_000, 40 + (i % 5));
    const older = new BucketSeries({ bucketMs: 60_000, maxAgeMs: 24 * HOUR });
    for (let i = 0; i < 600; i++) older.add(NOW - 20 * HOUR + i * 60_000, i === 100 ? 99 : 30);
    // Act
    const { info, chart } = buildHistory(inputs({ entities: ['sensor.cpu'] }, [{ series, older, snapshot: snapshot('sensor.cpu', '7.5', { unit_of_measurement: '%' }), color: 'red' }]));
    // Assert
    expect(info.rows[0]).to.include({ latest: 7.5, min: 30, max: 99, unit: '%' });
    expect(chart.lines[0].points[0].x).to.be.below(NOW - 19 * HOUR);
    expect(chart.ranges).to.have.length(1);
    expect(chart.axes.left!.title).to.equal('%');
    expect(chart.axes.right).to.equal(undefined);
    expect(info.summary).to.contain('latest 7.5%');
  });

  it('falls back to the last point when the state is not a number, and says why nothing is drawn', () => {
    const series = new TimeSeries({ maxAgeMs: Infinity });
    series.append(NOW - 1000, 3);
    const { info } = buildHistory(inputs({ entities: ['sensor.a'] }, [{ series, snapshot: snapshot('sensor.a', 'unavailable'), color: 'red' }]));
    expect(info.rows[0].latest).to.equal(3);
    const empty = buildHistory(inputs({ entities: ['sensor.a'] }, [{ snapshot: snapshot('sensor.a', 'unavailable'), color: 'red' }]));
    expect(empty.info.message).to.equal('Unavailable');
    const reconnecting = buildHistory(inputs({ entities: ['sensor.a'] }, [{ color: 'red' }], { status: 'reconnecting' }));
    expect(reconnecting.info.message).to.equal('Reconnecting…');
  });

  it('marks only anomalies in view, in the error colour, and counts them', () => {
    const series = new TimeSeries({ maxAgeMs: Infinity });
    series.append(NOW - 1000, 3);
    const markers = [
      { t: NOW - 48 * HOUR, v: 1 },
      { t: NOW - HOUR, v: 2 },
    ];
    const { info, chart } = buildHistory(inputs({ entities: ['sensor.a'] }, [{ series, markers, color: 'blue' }]));
    const drawn = chart.lines.find((l) => l.style === 'markers')!;
    expect(drawn.points).to.deep.equal([{ x: NOW - HOUR, y: 2 }]);
    expect(drawn.color).to.equal(THEME_FALLBACKS.error);
    expect(info.rows[0].anomalies).to.equal(1);
  });

  it('needs history for the window, a longer forecast window and the comparison offset', () => {
    const config = parseHistoryCardConfig({ type: 'custom:vitals-history-card', entities: ['sensor.a'], hours_to_show: 24, forecast: { limit: 90, hours: 48 }, compare: '7d' });
    expect(historyWindowMs(config)).to.equal(48 * HOUR + 7 * 24 * HOUR);
    expect(historyBounds(config, NOW)).to.deep.equal({ min: NOW - 24 * HOUR, max: NOW + 6 * HOUR });
  });

  it('says the forecast is coming while its code loads, then forecasts', () => {
    // Arrange: a rising series
    const series = new TimeSeries({ maxAgeMs: Infinity });
    for (let i = 0; i <= 24; i++) series.append(NOW - 24 * HOUR + i * HOUR, 50 + i);
    const config = { entities: ['sensor.disk'], forecast: { limit: 90 } };
    const entities = [{ series, snapshot: snapshot('sensor.disk', '74', { friendly_name: 'Disk', unit_of_measurement: '%' }), color: 'red' }];
    // Act
    const loading = buildHistory(inputs(config, entities, { forecaster: undefined }));
    const loaded = buildHistory(inputs(config, entities));
    // Assert
    expect(loading.info.forecast?.text).to.equal('Disk: forecasting 90%…');
    expect(loading.chart.lines.some((l) => l.style === 'forecast')).to.equal(false);
    expect(loaded.info.forecast?.text).to.match(/^Disk reaches 90% in 1[56] h/);
    expect(loaded.chart.lines.some((l) => l.style === 'forecast')).to.equal(true);
  });
});
