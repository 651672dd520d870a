import { expect } from '@open-wc/testing';
import { errorsOf, ok } from './helpers.js';
import { servicesCalled, isServiceAllowed } from '../../../src/core/config/alerts.js';

const NOT_ALLOWED = 'is not allowed: alert rules call only notify.* and persistent_notification.* unless the service is listed under alerts.allow_services';


describe('alerts.allow_services', () => {
  it('rejects a service outside notify.* / persistent_notification.* in the list form, on the tier path', () => {
    // Arrange
    const input = [{ name: 'a', type: 'nodata', notify: ['notify.phone', { service: 'lock.unlock', after: '1m' }] }];
    // Act
    const errors = errorsOf(input);
    // Assert
    expect(errors).to.deep.equal([`alerts[0].notify[1].service: "lock.unlock" ${NOT_ALLOWED}`]);
  });

  it('rejects it in the mapping form when allow_services does not list it', () => {
    // Arrange
    const input = { rules: [{ name: 'a', type: 'nodata', notify: [{ service: ['notify.phone', 'siren.turn_on'] }] }], allow_services: ['lock.unlock'] };
    // Act
    const errors = errorsOf(input);
    // Assert
    expect(errors).to.deep.equal([`alerts.rules[0].notify[0].service: "siren.turn_on" ${NOT_ALLOWED}`]);
  });

  it('names every offending service of a tier in one message', () => {
    // Arrange
    const input = [{ name: 'a', type: 'nodata', notify: { service: ['lock.unlock', 'siren.turn_on'] } }];
    // Act
    const errors = errorsOf(input);
    // Assert
    expect(errors).to.deep.equal([
      'alerts[0].notify[0].service: "lock.unlock", "siren.turn_on" are not allowed: alert rules call only notify.* and persistent_notification.* unless the service is listed under alerts.allow_services',
    ]);
  });

  it('accepts services listed exactly or by a whole domain, and defaults to an empty list', () => {
    // Arrange
    const input = {
      allow_services: ['lock.unlock', 'siren.*'],
      rules: [{ name: 'a', type: 'nodata', notify: ['persistent_notification.create', 'lock.unlock', { service: ['siren.turn_on', 'siren.turn_off'], after: '5m' }] }],
    };
    // Act
    const cfg = ok(input);
    const plain = ok([{ name: 'b', type: 'nodata' }]);
    // Assert
    expect(cfg.allow_services).to.deep.equal(['lock.unlock', 'siren.*']);
    expect(cfg.rules[0].notify.map((t) => t.service)).to.deep.equal([['persistent_notification.create'], ['lock.unlock'], ['siren.turn_on', 'siren.turn_off']]);
    expect(plain.allow_services).to.deep.equal([]);
  });

  it('still reports a disallowed service when another rule has an unrelated error', () => {
    // Arrange
    const input = { allow_services: 'siren.*', rules: [{ name: 'a', type: 'nodata', for: 'soon' }, { name: 'b', type: 'nodata', notify: 'lock.unlock' }] };
    // Act
    const errors = errorsOf(input);
    // Assert
    expect(errors).to.deep.equal(['alerts.rules[0].for: expected a duration like "30s", got "soon"', `alerts.rules[1].notify[0].service: "lock.unlock" ${NOT_ALLOWED}`]);
  });

  it('rejects malformed allow_services entries', () => {
    // Arrange
    const input = { allow_services: ['lock', '*', 'siren.*', 'lock.*.x'], rules: [] };
    // Act
    const errors = errorsOf(input);
    // Assert
    expect(errors).to.deep.equal([
      'alerts.allow_services[0]: expected a service like "siren.turn_on" or a whole domain like "siren.*", got "lock"',
      'alerts.allow_services[1]: expected a service like "siren.turn_on" or a whole domain like "siren.*", got "*"',
      'alerts.allow_services[3]: expected a service like "siren.turn_on" or a whole domain like "siren.*", got "lock.*.x"',
    ]);
  });
});

describe('isServiceAllowed', () => {
  it('allows notify.* and persistent_notification.* always, others only when listed', () => {
    // Arrange
    const allow = ['lock.unlock', 'siren.*'];
    // Act
    const answers = ['notify.phone', 'persistent_notification.create', 'lock.unlock', 'lock.lock', 'siren.turn_on', 'script.turn_on', 'notify', '', 'notify.*', 'notifyx.y'].map((s) => [
      s,
      isServiceAllowed(s, allow),
    ]);
    // Assert
    expect(answers).to.deep.equal([
      ['notify.phone', true],
      ['persistent_notification.create', true],
      ['lock.unlock', true],
      ['lock.lock', false],
      ['siren.turn_on', true],
      ['script.turn_on', false],
      ['notify', false],
      ['', false],
      ['notify.*', false],
      ['notifyx.y', false],
    ]);
    expect(isServiceAllowed('lock.unlock')).to.equal(false);
    expect(isServiceAllowed(42 as unknown as string, ['lock.unlock'])).to.equal(false);
  });
});

describe('servicesCalled', () => {
  it('lists every service any rule calls, sorted and unique', () => {
    // Arrange
    const cfg = ok({
      allow_services: ['siren.*'],
      rules: [
        { name: 'a', type: 'nodata', notify: ['siren.turn_on', 'notify.b'] },
        { name: 'b', type: 'nodata', notify: [{ service: ['notify.b', 'notify.a'] }] },
        { name: 'c', type: 'nodata' },
        { name: 'd', type: 'nodata', notify: [] },
      ],
    });
    // Act
    const services = servicesCalled(cfg);
    // Assert
    expect(services).to.deep.equal(['notify.a', 'notify.b', 'persistent_notification.create', 'siren.turn_on']);
  });
});
