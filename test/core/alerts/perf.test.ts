import { expect } from '@open-wc/testing';
import { ManualClock } from '../../../src/core/types.js';
import { AlertEngine } from '../../../src/core/alerts/engine.js';
import { config } from './helpers.js';

const SEVERITIES = ['critical', 'warning', 'info'] as const;

describe('alert engine cost', () => {
  it('evaluates 200 rules × 200 entities (40,000 alerts) in well under a second', () => {
    // Arrange: every rule applies to every entity; 4 entities run hot, so 800 alerts fire and
    // inhibit each other by severity and entity (the default inhibit rules).
    const rules = Array.from({ length: 200 }, (_, i) => ({
      name: `r${i}`,
      type: 'threshold',
      above: 60 + (i % 30),
      severity: SEVERITIES[i % 3],
      notify: ['notify.phone'],
    }));
    const clock = new ManualClock(0);
    const engine = new AlertEngine({ config: config({ rules }), clock });
    const entities = Array.from({ length: 200 }, (_, j) => `sensor.e${j}`);
    const feed = (t: number) => entities.forEach((e, j) => engine.ingest(e, t, j < 4 ? 99 : 20 + (t / 5000) % 10));
    feed(0);
    engine.evaluate(0);
    feed(35_000);
    engine.evaluate(35_000); // group_wait has passed: the firing alerts are notified
    // Act: the steady state, one 5-second evaluation after another, with fresh samples.
    const times: number[] = [];
    let firing = 0;
    for (let k = 1; k <= 5; k++) {
      const t = 35_000 + k * 5000;
      feed(t);
      const started = performance.now();
      engine.evaluate(t);
      times.push(performance.now() - started);
    }
    const started = performance.now();
    const alerts = engine.alerts(60_000);
    const alertsMs = performance.now() - started;
    firing = alerts.filter((a) => a.state === 'firing').length;
    console.log(`40,000 alerts (${firing} firing): evaluate ${times.map((x) => x.toFixed(0)).join(', ')} ms; alerts() ${alertsMs.toFixed(0)} ms`);
    // Assert
    expect(alerts).to.have.length(40_000);
    expect(firing).to.equal(800);
    expect(alerts.find((a) => a.key === 'r1/sensor.e0')?.inhibitedBy).to.include('r0/sensor.e0');
    expect(Math.max(...times)).to.be.lessThan(1500);
    expect(alertsMs).to.be.lessThan(1500);
  });
});
