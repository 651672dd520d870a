import { expect } from '@open-wc/testing';
import { matches, parseMatcher, silencing } from '../../../src/core/alerts/matchers.js';
import { fnv1a64, intentId } from '../../../src/core/alerts/intent-id.js';
import { makeEngine, MIN } from './helpers.js';
import { validate } from '../../../src/core/config/validate.js';
import { cardConfig, thresholds, entityId } from '../../../src/core/config/card.js';

describe('label matchers and silences', () => {
  const labels = { alertname: 'cpu', entity: 'sensor.cpu' };
  it('supports =, !=, =~ and !~ (anchored; missing label = "")', () => {
    expect(matches(labels, { name: 'alertname', value: 'cpu' })).to.equal(true);
    expect(matches(labels, { name: 'alertname', op: '!=', value: 'cpu' })).to.equal(false);
    expect(matches(labels, { name: 'entity', op: '=~', value: 'sensor\\..*' })).to.equal(true);
    expect(matches(labels, { name: 'entity', op: '=~', value: 'cpu' })).to.equal(false);
    expect(matches(labels, { name: 'entity', op: '!~', value: 'light\\..*' })).to.equal(true);
    expect(matches(labels, { name: 'room', value: '' })).to.equal(true);
    expect(matches(labels, { name: 'entity', op: '=~', value: '(' })).to.equal(false);
    expect(matches(labels, { name: 'entity', op: '!~', value: '(' })).to.equal(true);
  });
  it('parses matcher text', () => {
    expect(parseMatcher('entity=~"sensor\\..*"')).to.deep.equal({ name: 'entity', op: '=~', value: 'sensor\\..*' });
    expect(parseMatcher('severity != info')).to.deep.equal({ name: 'severity', op: '!=', value: 'info' });
    expect(parseMatcher('nonsense')).to.equal(undefined);
  });
  it('finds the silences active at a time', () => {
    const s = { id: 'a', matchers: [{ name: 'alertname', value: 'cpu' }], startsAt: 10, endsAt: 20 };
    expect(silencing([s], labels, 15)).to.deep.equal([s]);
    expect(silencing([s], labels, 20)).to.deep.equal([]);
    expect(silencing([s], { alertname: 'x' }, 15)).to.deep.equal([]);
  });
  it('never lets a silence without matchers mute everything', () => {
    // Arrange: what damaged or forged state could hold.
    const empty = { id: 'all', matchers: [], startsAt: 0, endsAt: 100 };
    // Act / Assert
    expect(silencing([empty], labels, 15)).to.deep.equal([]);
  });
});

describe('intent ids', () => {
  it('are FNV-1a 64 over UTF-8 (reference vectors)', () => {
    expect(fnv1a64('')).to.equal('cbf29ce484222325');
    expect(fnv1a64('a')).to.equal('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).to.equal('85944171f73967e8');
    expect(fnv1a64('é')).to.not.equal(fnv1a64('e'));
  });
  it('change with any identifying field', () => {
    const base = { reason: 'firing', service: 'notify.x', alertKey: 'a/b', at: 1, members: ['a/b@1'] };
    const id = intentId(base);
    expect(intentId({ ...base })).to.equal(id);
    for (const change of [{ reason: 'repeat' }, { service: 'notify.y' }, { alertKey: 'a/c' }, { at: 2 }, { members: ['a/b@2'] }]) {
      expect(intentId({ ...base, ...change })).to.not.equal(id);
    }
  });
});

describe('reconnecting', () => {
  const rules = [{ name: 'gone', type: 'nodata', notify: ['notify.phone'], group_wait: '0s' }];

  it('a reconnect does not set off a storm of no-data alerts', () => {
    // Arrange: data every minute, then the websocket drops for 10 minutes.
    const { engine } = makeEngine({ rules, reconnect_grace: '2m' });
    for (let i = 0; i <= 5; i++) engine.ingest('sensor.a', i * MIN, 1);
    engine.evaluate(5 * MIN);
    engine.setConnection('reconnecting', 5.5 * MIN);
    engine.setConnection('reconnecting', 6 * MIN); // repeated: no-op
    // Act
    const during = engine.evaluate(14 * MIN);
    engine.setConnection('connected', 15 * MIN);
    const grace = engine.evaluate(16 * MIN);
    engine.ingest('sensor.a', 16.5 * MIN, 1); // the sensor reports again after the reconnect
    const after = engine.evaluate(17 * MIN);
    // Assert
    expect(during.transitions).to.deep.equal([]);
    expect(grace.transitions).to.deep.equal([]);
    expect(after.transitions).to.deep.equal([]);
    expect(after.intents).to.deep.equal([]);
  });

  it('still fires after the grace period when the sensor stays silent', () => {
    const { engine } = makeEngine({ rules, reconnect_grace: '2m' });
    engine.ingest('sensor.a', 0, 1);
    engine.setConnection('reconnecting', 30_000);
    engine.setConnection('connected', 10 * MIN);
    expect(engine.evaluate(11 * MIN).transitions).to.deep.equal([]);
    const { transitions, intents } = engine.evaluate(13 * MIN);
    expect(transitions.map((t) => `${t.to}@${t.at / MIN}`)).to.deep.equal(['firing@13']);
    expect(intents.map((i) => i.service)).to.deep.equal(['notify.phone']);
  });

  it('resets a pending no-data alert when the connection drops', () => {
    const { engine } = makeEngine({ rules: [{ ...rules[0], for: '5m' }] });
    engine.ingest('sensor.a', 0, 1);
    engine.evaluate(2 * MIN);
    expect(engine.alerts(2 * MIN)[0].state).to.equal('pending');
    engine.setConnection('reconnecting', 3 * MIN);
    expect(engine.alerts(3 * MIN)[0].state).to.equal('inactive');
  });
});

describe('card schema pieces', () => {
  it('passes through HA card keys and checks own keys', () => {
    const card = cardConfig({ entity: entityId, thresholds });
    const ok = validate(card, { type: 'custom:x', grid_options: { rows: 2 }, view_layout: {}, entity: 'sensor.cpu', thresholds: [{ value: 80 }, { value: 95, severity: 'critical', color: 'red' }] });
    expect(ok).to.deep.equal({
      ok: true,
      value: {
        type: 'custom:x',
        grid_options: { rows: 2 },
        view_layout: {},
        entity: 'sensor.cpu',
        thresholds: [
          { value: 80, severity: 'warning' },
          { value: 95, severity: 'critical', color: 'red' },
        ],
      },
    });
    const bad = validate(card, { entity: 'cpu', entiy: 1 });
    expect(bad).to.deep.equal({
      ok: false,
      errors: [
        { path: 'entity', message: 'expected an entity id like "sensor.cpu", got "cpu"' },
        { path: 'entiy', message: 'unknown key; did you mean "entity"?' },
      ],
    });
  });
});

describe('label matcher cache', () => {
  it('keeps answering correctly past its size bound', () => {
    // Act: more distinct patterns than the cache holds, then the first again.
    for (let i = 0; i < 600; i++) matches({ entity: `sensor.e${i}` }, { name: 'entity', op: '=~', value: `sensor\\.e${i}` });
    // Assert
    expect(matches({ entity: 'sensor.e0' }, { name: 'entity', op: '=~', value: 'sensor\\.e0' })).to.equal(true);
    expect(matches({ entity: 'sensor.e1' }, { name: 'entity', op: '=~', value: 'sensor\\.e0' })).to.equal(false);
  });
});
