import { expect } from '@open-wc/testing';
import { browserDelivery, parseAlertsConfig } from '../../../src/core/config/alerts';

describe('run_in: where a rule is judged', () => {
  it('defaults to the browser and takes home_assistant for a threshold rule', () => {
    // Act
    const result = parseAlertsConfig([
      { name: 'a', type: 'threshold', above: 1 },
      { name: 'b', type: 'threshold', above: 1, run_in: 'home_assistant' },
    ]);
    // Assert
    expect(result.ok && result.value.rules.map((r) => r.run_in)).to.deep.equal(['browser', 'home_assistant']);
  });

  it('refuses, at run_in, what Home Assistant cannot run as written (never approximated)', () => {
    // Act
    const result = parseAlertsConfig([
      { name: 'odd', type: 'anomaly', run_in: 'home_assistant' },
      { name: 'spiky', type: 'threshold', above: 1, m_of_n: '3/5', run_in: 'home_assistant' },
      { name: 'where', type: 'threshold', above: 1, run_in: 'cloud' },
    ]);
    // Assert
    expect(result.ok).to.equal(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((e) => e.path)).to.deep.equal(['alerts[0].run_in', 'alerts[1].run_in', 'alerts[2].run_in']);
    expect(errors[0].message).to.match(/^cannot be home_assistant: anomaly rules run in the browser/);
    expect(errors[1].message).to.contain('m_of_n cannot run in Home Assistant');
  });

  it('leaves the sending to Home Assistant only for rules it runs; a rule HA refuses keeps its browser notifications', () => {
    // Arrange: a critical rule inhibits the warning one (default inhibit rules), which HA cannot see
    const parsed = parseAlertsConfig([
      { name: 'hot', type: 'threshold', above: 90, severity: 'critical', run_in: 'home_assistant', notify: ['notify.phone'] },
      { name: 'warm', type: 'threshold', above: 70, severity: 'warning', run_in: 'home_assistant', notify: ['notify.phone'] },
      { name: 'local', type: 'threshold', above: 50, notify: ['notify.phone'] },
    ]);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    // Act
    const browser = browserDelivery(parsed.value);
    // Assert
    expect(browser.rules.map((r) => r.notify.length)).to.deep.equal([0, 1, 1]);
    expect(parsed.value.rules.map((r) => r.notify.length)).to.deep.equal([1, 1, 1]);
  });
});
