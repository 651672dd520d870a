import { expect } from '@open-wc/testing';
import { parseDuration, formatDuration } from '../../../src/core/config/duration.js';

describe('parseDuration', () => {
  const cases: [unknown, number | undefined][] = [
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1w', 604_800_000],
    ['250ms', 250],
    ['1.5h', 5_400_000],
    [' 1h 30m ', 5_400_000],
    ['90', 90_000],
    [90, 90_000],
    [0, 0],
    ['00:05:00', 300_000],
    ['01:30', 5_400_000],
    [{ minutes: 5 }, 300_000],
    [{ hours: 1, minutes: 30 }, 5_400_000],
    [{ milliseconds: 5, days: 1, weeks: 0, seconds: 1 }, 86_401_005],
    ['soon', undefined],
    ['', undefined],
    ['30m1h', undefined],
    ['5x', undefined],
    [-1, undefined],
    [Number.NaN, undefined],
    [{}, undefined],
    [{ fortnights: 1 }, undefined],
    [{ minutes: -1 }, undefined],
    [[1], undefined],
    [null, undefined],
    [true, undefined],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => {
      // Act
      const result = parseDuration(input);
      // Assert
      expect(result).to.equal(expected);
    });
  }
});

describe('formatDuration', () => {
  it('writes compact units from largest to smallest', () => {
    expect(formatDuration(5_400_000)).to.equal('1h30m');
    expect(formatDuration(90_061_250)).to.equal('1d1h1m1s250ms');
    expect(formatDuration(0)).to.equal('0s');
    expect(formatDuration(-60_000)).to.equal('-1m');
    expect(formatDuration(Infinity)).to.equal('Infinity');
  });
  it('round-trips through parseDuration', () => {
    for (const ms of [1000, 61_000, 3_600_000, 86_400_000 + 1]) expect(parseDuration(formatDuration(ms))).to.equal(ms);
  });
});
