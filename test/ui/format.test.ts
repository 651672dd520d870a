import { expect } from '@open-wc/testing';
import {
  formatDateTime,
  formatDuration,
  formatNumber,
  formatRate,
  formatTimeTick,
  formatValue,
  formatWindow,
  timeTicks,
} from '../../src/ui/format';

const H = 3_600_000;
const D = 24 * H;

describe('ui/format', () => {
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

  it('formats windows', () => {
    expect(formatWindow(0.5)).to.equal('30 min');
    expect(formatWindow(24)).to.equal('24 h');
    expect(formatWindow(36)).to.equal('36 h');
    expect(formatWindow(168)).to.equal('7 d');
    expect(formatWindow(1.5)).to.equal('1.5 h');
  });

  it('formats numbers with sensible precision, and values with units', () => {
    expect(formatNumber(1234.4, undefined, 'en')).to.equal('1,234');
    expect(formatNumber(42.56, undefined, 'en')).to.equal('42.6');
    expect(formatNumber(4.567, undefined, 'en')).to.equal('4.57');
    expect(formatNumber(0.01234, undefined, 'en')).to.equal('0.0123');
    expect(formatNumber(0, undefined, 'en')).to.equal('0');
    expect(formatNumber(2, 2, 'en')).to.equal('2.00');
    expect(formatNumber(Number.NaN)).to.equal('—');
    expect(formatNumber(1234.5, 1, 'de')).to.equal('1.234,5');
    expect(formatValue(90, '%', undefined, 'en')).to.equal('90 %');
    expect(formatValue(3, undefined, undefined, 'en')).to.equal('3');
    expect(formatValue(Number.NaN, '%')).to.equal('—');
  });

  it('formats rates per hour or per day, signed', () => {
    expect(formatRate(2.5 / H, '%', 'en')).to.equal('+2.5 %/h');
    expect(formatRate(-12 / D, 'MB', 'en')).to.equal('−12 MB/d');
    expect(formatRate(-120 / D, 'MB', 'en')).to.equal('−5 MB/h');
    expect(formatRate(0, '', 'en')).to.equal('0/h');
    expect(formatRate(Number.NaN)).to.equal('—');
  });

  it('places time ticks on round local times within the budget', () => {
    const start = new Date(2024, 2, 4, 10, 7).getTime();
    const { ticks, step } = timeTicks(start, start + 24 * H, 6);
    expect(step).to.equal(6 * H);
    expect(ticks.length).to.be.within(3, 6);
    for (const t of ticks) expect(new Date(t).getMinutes()).to.equal(0);
    expect(new Date(ticks[0]).getHours() % 6).to.equal(0);
    expect(timeTicks(start, start + 10 * 60_000, 10).step).to.equal(60_000);
    expect(timeTicks(start, start + 400 * D, 4).step).to.equal(Math.ceil(400 / 4) * D);
  });

  it('labels ticks by step, and formats date-times', () => {
    const t = new Date(2024, 2, 4, 14, 30).getTime();
    expect(formatTimeTick(t, H, 'en-GB')).to.equal('14:30');
    expect(formatTimeTick(t, D, 'en-GB')).to.equal('4 Mar');
    expect(formatDateTime(t, 'en-GB')).to.equal('4 Mar, 14:30');
  });
});
