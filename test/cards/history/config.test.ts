import { expect } from '@open-wc/testing';
import { HOURS_MAX, parseHistoryCardConfig } from '../../../src/cards/history/config';
import { colour, isColour } from '../../../src/cards/shared/colour';
import { validate } from '../../../src/core/config/validate';

describe('history card config', () => {
  it('applies defaults and accepts entity shorthand, durations and a bare forecast limit', () => {
    const config = parseHistoryCardConfig({
      type: 'custom:vitals-history-card',
      entities: ['sensor.cpu', { entity: 'sensor.ram', name: 'RAM', color: '#f00', y_axis: 'right' }],
      compare: '7d',
      forecast: 90,
      thresholds: [{ value: 80, label: 'high' }],
      grid_options: { columns: 12 },
    });
    expect(config.entities).to.deep.equal([{ entity: 'sensor.cpu' }, { entity: 'sensor.ram', name: 'RAM', color: '#f00', y_axis: 'right' }]);
    expect(config.hours_to_show).to.equal(24);
    expect(config.show_anomalies).to.equal(true);
    expect(config.compare).to.equal(7 * 86_400_000);
    expect(config.forecast).to.deep.equal({ limit: 90 });
    expect(config.thresholds).to.deep.equal([{ value: 80, label: 'high' }]);
    expect(config.type).to.equal('custom:vitals-history-card');
  });

  it('accepts a single entity id for entities and fills in the type', () => {
    const config = parseHistoryCardConfig({ entities: 'sensor.cpu', thresholds: { value: 5 } });
    expect(config.entities).to.deep.equal([{ entity: 'sensor.cpu' }]);
    expect(config.thresholds).to.deep.equal([{ value: 5 }]);
    expect(config.type).to.equal('custom:vitals-history-card');
  });

  const cases: [unknown, RegExp][] = [
    [undefined, /must be a mapping/],
    [[], /must be a mapping/],
    [{}, /entities: required/],
    [{ entities: [] }, /entities: expected at least one entity/],
    [{ entities: ['not an id'] }, /entities\[0\]\.entity: expected an entity id like "sensor.cpu", got "not an id"/],
    [{ entities: [{ entity: 'sensor.a', y_axis: 'rigth' }] }, /entities\[0\]\.y_axis: .*did you mean "right"/],
    [{ entities: [{ entity: 'sensor.a', colour: 'red' }] }, /entities\[0\]\.colour: unknown key; did you mean "color"/],
    [{ entities: ['sensor.a'], hours_to_show: 0 }, /hours_to_show: expected a number from 0.1 to/],
    [{ entities: ['sensor.a'], show_anomalies: 'yes' }, /show_anomalies: expected true or false/],
    [{ entities: ['sensor.a'], compare: 'soon' }, /compare: expected a duration/],
    [{ entities: ['sensor.a'], compare: 0 }, /compare: expected a duration like "7d"/],
    [{ entities: ['sensor.a'], forecast: { limt: 90 } }, /forecast\.limit: required/],
    [{ entities: ['sensor.a'], forecast: { limit: 90, entity: 'sensor.b' } }, /forecast\.entity: sensor\.b is not one of the card's entities/],
    [{ entities: ['sensor.a'], thresholds: [{ value: 'high' }] }, /thresholds\[0\]\.value: expected a number/],
    [{ entities: ['sensor.a'], hours: 3 }, /hours: unknown key; did you mean "hours_to_show"\?|hours: unknown key/],
  ];
  for (const [input, message] of cases) {
    it(`rejects ${JSON.stringify(input)} naming the key`, () => {
      expect(() => parseHistoryCardConfig(input)).to.throw(message);
    });
  }

  it('puts the card type in front of every message', () => {
    expect(() => parseHistoryCardConfig({})).to.throw(/^vitals-history-card: /);
  });

  describe('colours (a copied dashboard cannot inject CSS)', () => {
    const good = [
      '#f00',
      '#f00a',
      '#ff9800',
      '#FF980080',
      'rgb(255,152,0)',
      'rgb(255, 152, 0)',
      'rgba(255, 152, 0, 0.5)',
      'rgb(100% 50% 0% / 50%)',
      'hsl(36, 100%, 50%)',
      'hsla(36deg 100% 50% / .5)',
      'red',
      'RebeccaPurple',
      'var(--primary-color)',
      'var(--accent-color, #ff9800)',
      'var(--vitals-cpu, var(--primary-color, rgb(0,0,255)))',
    ];
    for (const value of good) {
      it(`accepts ${JSON.stringify(value)} for a series and a threshold`, () => {
        // Arrange
        const input = { entities: [{ entity: 'sensor.a', color: value }], thresholds: [{ value: 1, color: value }] };
        // Act
        const config = parseHistoryCardConfig(input);
        // Assert
        expect(config.entities[0].color).to.equal(value);
        expect(config.thresholds[0].color).to.equal(value);
      });
    }

    const bad = [
      'red; position:fixed',
      'url(https://evil.example/x.png)',
      'expression(alert(1))',
      'red}',
      '}body{display:none',
      'red;',
      '"red"',
      "'red'",
      'r\\65 d',
      '#ff98a',
      '#gggggg',
      'rgb(255,152,0);x:y',
      'rgb(255 152)',
      'rgb(a,b,c)',
      'var(--x, red; top:0)',
      'var(x)',
      'var(--x) red',
      'red blue',
      'red\n',
      '',
    ];
    for (const value of bad) {
      it(`rejects ${JSON.stringify(value)} naming the key`, () => {
        // Arrange
        const series = { entities: [{ entity: 'sensor.a', color: value }] };
        const threshold = { entities: ['sensor.a'], thresholds: [{ value: 1 }, { value: 2, color: value }] };
        // Act
        const seriesError = () => parseHistoryCardConfig(series);
        const thresholdError = () => parseHistoryCardConfig(threshold);
        // Assert
        const message = `expected a colour like "#ff9800", "rgb(255,152,0)", "red" or "var(--primary-color)", got ${JSON.stringify(value)}`;
        expect(seriesError).to.throw(`entities[0].color: ${message}`);
        expect(thresholdError).to.throw(`thresholds[1].color: ${message}`);
      });
    }

    it('exports the colour check and struct for other card configs', () => {
      // Act
      const ok = validate(colour, 'var(--primary-color)');
      const notOk = validate(colour, 42);
      // Assert
      expect(ok).to.deep.equal({ ok: true, value: 'var(--primary-color)' });
      expect(notOk.ok).to.equal(false);
      expect(isColour('#abc')).to.equal(true);
      expect(isColour('a'.repeat(200))).to.equal(false);
    });
  });

  describe('windows are bounded', () => {
    it('accepts a year of hours and a year of comparison', () => {
      // Act
      const config = parseHistoryCardConfig({ entities: ['sensor.a'], hours_to_show: 8760, compare: '365d', forecast: { limit: 1, hours: 8760 } });
      // Assert
      expect(HOURS_MAX).to.equal(8760);
      expect(config.hours_to_show).to.equal(8760);
      expect(config.compare).to.equal(365 * 86_400_000);
    });

    const cases: [Record<string, unknown>, string][] = [
      [{ hours_to_show: 8761 }, 'hours_to_show: expected a number from 0.1 to 8760, got 8761'],
      [{ forecast: { limit: 1, hours: 9000 } }, 'forecast.hours: expected a number from 0.1 to 8760, got 9000'],
      [{ compare: '366d' }, 'compare: expected a duration like "7d" or "24h", at most "365d"'],
    ];
    for (const [extra, message] of cases) {
      it(`rejects ${JSON.stringify(extra)}`, () => {
        expect(() => parseHistoryCardConfig({ entities: ['sensor.a'], ...extra })).to.throw(message);
      });
    }
  });
});
