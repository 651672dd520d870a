import { expect } from '@open-wc/testing';
import {
  ENGLISH,
  formatDateTime,
  formatDuration,
  formatMetric,
  formatNumber,
  formatRate,
  formatTime,
  formatTimeTick,
  formatValue,
  formatWindow,
  timeTicks,
  unitSeparator,
  usesAmPm,
  zoneOffsetMs,
  type FormatLocale,
} from '../../../src/core/format/index';
import { formatterFor, localeOf } from '../../../src/ui/format';

const H = 3_600_000;
const D = 24 * H;
const en = (extra: Partial<FormatLocale> = {}): FormatLocale => ({ ...ENGLISH, ...extra });
const de: FormatLocale = { language: 'de', number_format: 'language', time_format: 'language', time_zone: 'local' };

describe('core/format', () => {
  it('formats durations with the two most significant adjacent units', () => {
    expect(formatDuration(3 * D + 4 * H + 5 * 60_000)).to.equal('3 d 4 h');
    expect(formatDuration(12 * D)).to.equal('12 d');
    expect(formatDuration(3 * D + 5 * 60_000)).to.equal('3 d');
    expect(formatDuration(5 * H + 2 * 60_000)).to.equal('5 h 2 min');
    expect(formatDuration(125_000)).to.equal('2 min 5 s');
    expect(formatDuration(42_000)).to.equal('42 s');
    expect(formatDuration(400)).to.equal('0 s');
    expect(formatDuration(-5)).to.equal('0 s');
    expect(formatDuration(Infinity)).to.equal('∞');
  });

  it('writes durations with the language\'s own unit names', () => {
    // Arrange / Act
    const german = formatDuration(3 * D + 4 * H, de);
    const french = formatDuration(2 * H + 5 * 60_000, { ...de, language: 'fr' });
    // Assert: CLDR narrow units, not the English symbols
    expect(german).to.equal(new Intl.NumberFormat('de', { style: 'unit', unit: 'day', unitDisplay: 'narrow' }).format(3) + ' ' + new Intl.NumberFormat('de', { style: 'unit', unit: 'hour', unitDisplay: 'narrow' }).format(4));
    expect(german).to.not.equal('3 d 4 h');
    expect(french).to.match(/^2\s?h 5\s?min$/);
  });

  it('formats windows', () => {
    expect(formatWindow(0.5)).to.equal('30 min');
    expect(formatWindow(24)).to.equal('24 h');
    expect(formatWindow(36)).to.equal('36 h');
    expect(formatWindow(168)).to.equal('7 d');
    expect(formatWindow(1.5)).to.equal('1.5 h');
  });

  it('formats numbers with sensible precision in every number format Home Assistant offers', () => {
    expect(formatNumber(1234.4, en())).to.equal('1,234');
    expect(formatNumber(42.56, en())).to.equal('42.6');
    expect(formatNumber(4.567, en())).to.equal('4.57');
    expect(formatNumber(0.01234, en())).to.equal('0.0123');
    expect(formatNumber(0, en())).to.equal('0');
    expect(formatNumber(-0, en())).to.equal('0');
    expect(formatNumber(2, en(), { decimals: 2 })).to.equal('2.00');
    expect(formatNumber(Number.NaN)).to.equal('—');
    expect(formatNumber(1234.5, de, { decimals: 1 })).to.equal('1.234,5');
    expect(formatNumber(1234.5, en({ number_format: 'decimal_comma' }), { decimals: 1 })).to.equal('1.234,5');
    expect(formatNumber(1234.5, en({ number_format: 'comma_decimal', language: 'de' }), { decimals: 1 })).to.equal('1,234.5');
    expect(formatNumber(1234.5, en({ number_format: 'none', language: 'de' }), { decimals: 1 })).to.equal('1234.5');
    expect(formatNumber(1234.5, en({ number_format: 'space_comma' }), { decimals: 1 }).replace(/\s/g, ' ')).to.equal('1 234,5');
    expect(formatNumber(1234.5, en({ number_format: 'quote_decimal' }), { decimals: 1 })).to.equal("1'234.5");
    expect(formatNumber(1234.5, en({ number_format: 'system' }), { decimals: 1 })).to.equal(new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(1234.5));
  });

  it('spaces units as Home Assistant does: no space before % in English, a space in German, none before °', () => {
    expect(formatValue(12.5, '%', en())).to.equal('12.5%');
    expect(formatValue(12.5, '%', de)).to.equal('12,5 %');
    expect(formatValue(12.5, '%', { ...de, language: 'nl' })).to.equal('12,5%');
    expect(formatValue(21.5, '°C', de)).to.equal('21,5 °C');
    expect(formatValue(20, '°', en())).to.equal('20°');
    expect(formatValue(3, undefined, en())).to.equal('3');
    expect(formatValue(Number.NaN, '%')).to.equal('—');
    expect(unitSeparator('ms', de)).to.equal(' ');
  });

  it('rescales metrics where people expect it', () => {
    expect(formatMetric(1800, 'ms')).to.equal('1.8 s');
    expect(formatMetric(1800, 'ms', de)).to.equal('1,8 s');
    expect(formatMetric(300, 's')).to.equal('5 min');
    expect(formatMetric(2048, 'MB')).to.equal('2 GB');
  });

  it('formats rates per hour or per day, signed', () => {
    expect(formatRate(2.5 / H, '%')).to.equal('+2.5 %/h');
    expect(formatRate(-12 / D, 'MB')).to.equal('−12 MB/d');
    expect(formatRate(-120 / D, 'MB')).to.equal('−5 MB/h');
    expect(formatRate(0, '')).to.equal('0/h');
    expect(formatRate(2.5 / H, '%', de)).to.equal('+2,5 %/h');
    expect(formatRate(Number.NaN)).to.equal('—');
  });

  it('uses 12 or 24 hours from the profile, else from the language', () => {
    expect(usesAmPm(en())).to.equal(true);
    expect(usesAmPm(de)).to.equal(false);
    expect(usesAmPm({ ...de, time_format: 'am_pm' })).to.equal(true);
    expect(usesAmPm(en({ time_format: '24' }))).to.equal(false);
  });

  it('shows times in the server\'s zone when the profile says so, in the browser\'s otherwise', () => {
    // Arrange: 15:45 UTC
    const t = Date.UTC(2026, 10, 30, 15, 45);
    const server = (zone: string, extra: Partial<FormatLocale> = {}) => en({ time_zone: 'server', server_time_zone: zone, ...extra });
    // Act / Assert
    expect(formatTime(t, server('UTC'))).to.equal('3:45 PM');
    expect(formatTime(t, server('America/New_York'))).to.equal('10:45 AM');
    expect(formatTime(t, server('Asia/Tokyo', { language: 'de', time_format: '24' }))).to.equal('00:45');
    expect(formatTime(t, server('Asia/Tokyo', { time_zone: 'local' }))).to.equal(new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit', hourCycle: 'h12' }).format(t));
    expect(formatDateTime(t, server('UTC', { language: 'en-GB', time_format: '24' }))).to.equal('30 Nov, 15:45');
    expect(formatTimeTick(t, H, server('UTC', { time_format: '24' }))).to.equal('15:45');
    expect(formatTimeTick(t, D, server('UTC'))).to.equal('Nov 30');
  });

  it('places time ticks on round times of the displayed zone within the budget', () => {
    const start = Date.UTC(2024, 2, 4, 10, 7);
    const tokyo = en({ time_zone: 'server', server_time_zone: 'Asia/Kolkata' });
    const { ticks, step } = timeTicks(start, start + 24 * H, 6, tokyo);
    expect(step).to.equal(6 * H);
    expect(ticks.length).to.be.within(3, 6);
    // Kolkata is UTC+5:30: round local hours fall on half past in UTC.
    for (const t of ticks) expect(new Date(t).getUTCMinutes()).to.equal(30);
    expect((new Date(ticks[0] + zoneOffsetMs(ticks[0], 'Asia/Kolkata')).getUTCHours()) % 6).to.equal(0);
    expect(timeTicks(start, start + 10 * 60_000, 10).step).to.equal(60_000);
    expect(timeTicks(start, start + 400 * D, 4).step).to.equal(Math.ceil(400 / 4) * D);
  });
});

describe('ui/format formatterFor', () => {
  it('reads the profile from hass, and the display precision of the entity', () => {
    // Arrange
    const hass = {
      language: 'de',
      locale: { language: 'de', number_format: 'language', time_format: '12', time_zone: 'server' },
      config: { time_zone: 'Europe/Berlin' },
      entities: { 'sensor.cpu': { display_precision: 2 }, 'sensor.other': {} },
    };
    // Act
    const fmt = formatterFor(hass);
    // Assert
    expect(localeOf(hass).server_time_zone).to.equal('Europe/Berlin');
    expect(localeOf(hass).time_format).to.equal('language'); // unknown option → the language decides
    expect(fmt.entityValue('sensor.cpu', 12.5, '%')).to.equal('12,50 %');
    expect(fmt.entityValue('sensor.other', 12.5, '%')).to.equal('12,5 %');
    expect(fmt.entityValue('sensor.cpu', 12.5, '%', 0)).to.equal('13 %');
    expect(fmt.time(Date.UTC(2026, 0, 1, 12, 0))).to.equal('13:00');
  });

  it('formats as Home Assistant does for English without hass', () => {
    expect(formatterFor().value(42, '%')).to.equal('42%');
  });
});
