/**
 * Bad input, part 1: every card's config parser (and the card element's setConfig) against
 * thousands of mutated configs. Each config is either accepted or refused with an Error that
 * starts with the card type and names the offending key — never a TypeError/RangeError, never
 * "undefined", never slower than 1 s.
 */
import { expect } from '@open-wc/testing';
import '../../src/ha-vitals';
import { parseMetricCardConfig, METRIC_CARD_TYPE } from '../../src/cards/metric/config';
import { parseHistoryCardConfig, HISTORY_CARD_TYPE } from '../../src/cards/history/config';
import { parseSystemCardConfig, SYSTEM_CARD_TYPE } from '../../src/cards/system/config';
import { parseUxCardConfig, UX_CARD_TYPE } from '../../src/cards/ux/config';
import { parseAiCardConfig, AI_CARD_TYPE, PROBE_SENTENCES } from '../../src/cards/ai/config';
import { parseAlertsCardConfig, ALERTS_CARD_TYPE } from '../../src/cards/alerts/config';
import { parseOverviewCardConfig, OVERVIEW_CARD_TYPE } from '../../src/cards/overview/config';
import { combinedMutations, fmt, mulberry32, mutationsOf, namedPaths, pathExists, related, type Mutation } from '../helpers/bad-input';

interface Card {
  type: string;
  parse: (input: unknown) => unknown;
  bases: Record<string, unknown>[];
}

const CARDS: Card[] = [
  {
    type: METRIC_CARD_TYPE,
    parse: parseMetricCardConfig,
    bases: [
      {
        type: `custom:${METRIC_CARD_TYPE}`,
        entity: 'sensor.demo_cpu_percent',
        name: 'CPU',
        decimals: 1,
        stat: 'p95',
        window: '15m',
        direction: 'above',
        thresholds: [
          { value: 60, severity: 'warning' },
          { value: 'input_number.cpu_limit', severity: 'critical' },
        ],
        show_stats: true,
        show_sparkline: false,
        alerts: [{ name: 'cpu_high', type: 'threshold', above: 90, recover_below: 85, for: '1m', notify: ['notify.mobile_app_phone'] }],
        grid_options: { columns: 6, rows: 3 },
      },
    ],
  },
  {
    type: HISTORY_CARD_TYPE,
    parse: parseHistoryCardConfig,
    bases: [
      {
        type: `custom:${HISTORY_CARD_TYPE}`,
        title: 'Disk and database',
        entities: ['sensor.demo_disk_percent', { entity: 'sensor.demo_database_size', name: 'Recorder DB', color: '#ff8800', y_axis: 'right' }],
        hours_to_show: 1,
        show_anomalies: true,
        thresholds: [{ value: 90, label: 'full soon', color: 'red', y_axis: 'left' }],
        forecast: { limit: 95, entity: 'sensor.demo_disk_percent', hours: 0.25 },
        compare: '7d',
        grid_options: { rows: 5 },
      },
    ],
  },
  {
    type: SYSTEM_CARD_TYPE,
    parse: parseSystemCardConfig,
    bases: [
      {
        type: `custom:${SYSTEM_CARD_TYPE}`,
        title: 'Host',
        hours_to_show: 1,
        entities: {
          cpu: 'sensor.demo_cpu_percent',
          memory: 'sensor.demo_memory_percent',
          disk: 'sensor.demo_disk_percent',
          load: 'sensor.demo_load_1m',
          network_in: 'sensor.demo_network_in',
          network_out: 'sensor.demo_network_out',
          database: { entity: 'sensor.demo_database_size', name: 'Recorder DB', limit: 2048 },
        },
      },
    ],
  },
  {
    type: UX_CARD_TYPE,
    parse: parseUxCardConfig,
    bases: [
      {
        type: `custom:${UX_CARD_TYPE}`,
        title: 'This browser',
        level: 'full',
        ping_interval: 10,
        window: '15m',
        metrics: ['rtt', 'lag', 'inp'],
        devices: ['sensor.ha_vitals_kitchen_ws_rtt_ms', { name: 'Tablet', entity_prefix: 'sensor.ha_vitals_tablet' }],
        report: { group: 'wall', interval: '60s' },
      },
      { type: `custom:${UX_CARD_TYPE}`, report: 'demo_browser' },
    ],
  },
  {
    type: AI_CARD_TYPE,
    parse: parseAiCardConfig,
    bases: [
      {
        type: `custom:${AI_CARD_TYPE}`,
        title: 'Assist',
        pipeline: '01hq',
        poll_interval: 10,
        runs_to_show: 8,
        probe: { text: PROBE_SENTENCES[0], interval: 300, pipeline: '01hq' },
        metrics: [{ entity: 'sensor.demo_llm_response_s', name: 'LLM response' }, 'sensor.demo_llm_tokens_per_second'],
      },
    ],
  },
  {
    type: ALERTS_CARD_TYPE,
    parse: parseAlertsCardConfig,
    bases: [
      {
        type: `custom:${ALERTS_CARD_TYPE}`,
        title: 'Alerts',
        entities: ['sensor.demo_cpu_percent', 'sensor.demo_memory_percent', 'sensor.demo_disk_percent'],
        show: 'active',
        max_items: 10,
        snooze_options: ['15m', '1h'],
        report: true,
        alerts: [
          { name: 'cpu_high', type: 'threshold', entity: 'sensor.demo_cpu_percent', above: 60, recover_below: 45, for: '10s', severity: 'warning' },
          { name: 'anomaly', type: 'anomaly', sensitivity: 'medium', for: '30s', severity: 'info' },
          { name: 'no_data', type: 'nodata', when: 'unavailable', for: '5m', severity: 'info' },
        ],
      },
      {
        type: `custom:${ALERTS_CARD_TYPE}`,
        entities: 'sensor.demo_disk_percent',
        alerts: {
          allow_services: ['siren.*'],
          reconnect_grace: '1m',
          inhibit: [{ source_severity: 'critical', target_severity: ['warning'], equal: ['entity'] }],
          rules: [{ name: 'disk_fill', type: 'trend', limit: 95, horizon: '24h', notify: [{ service: 'siren.turn_on', after: '5m', data: { volume: 1 }, name: 'siren' }] }],
        },
      },
    ],
  },
  {
    type: OVERVIEW_CARD_TYPE,
    parse: parseOverviewCardConfig,
    bases: [
      {
        type: `custom:${OVERVIEW_CARD_TYPE}`,
        title: 'Health',
        ai: ['vitals.assist_total_ms', 'vitals.assist_intent_ms', 'sensor.demo_llm_response_s'],
        system: ['sensor.demo_cpu_percent', 'sensor.demo_memory_percent'],
        experience: ['vitals.ws_rtt_ms', 'vitals.state_lag_ms'],
        hours_to_show: 1,
        baseline: '1h',
        max_insights: 3,
        navigation_path: '/lovelace/system',
      },
    ],
  },
];

/** Combined (2–4 mutations at once) cases per card, on top of every single mutation. */
const COMBINED_PER_CARD = 400;
/** Every Nth case also goes through the card element's setConfig. */
const ELEMENT_EVERY = 7;
const LIMIT_MS = 1000;

/**
 * Was a bug (fixed; the test below keeps it fixed): an `alerts:` rule list of 10,000 rules is validated rule by rule
 * before the 1,000-slot budget refuses it: 0.3 s in plain Chromium, 0.7–2.3 s under `npm test`
 * coverage on 2 cores. Those cases are left out of the timed loop and kept as `it.skip` below.
 */
const KNOWN_SLOW = /^alerts(\.rules)? ← 10,000-item list$/;

interface Problem {
  card: string;
  mutation: string;
  problem: string;
}

type Outcome = { ok: true } | { ok: false; error: unknown };

function attempt(fn: () => unknown): { outcome: Outcome; ms: number } {
  const start = performance.now();
  try {
    fn();
    return { outcome: { ok: true }, ms: performance.now() - start };
  } catch (error) {
    return { outcome: { ok: false, error }, ms: performance.now() - start };
  }
}

/** What is wrong with a refusal (undefined: it is a proper one). */
function judgeRefusal(error: unknown, type: string, input: unknown, mutation: Mutation): { problem?: string; namesMutated: boolean } {
  if (!(error instanceof Error) || error.constructor !== Error) {
    return { problem: `threw ${(error as Error)?.constructor?.name ?? typeof error}: ${String((error as Error)?.stack ?? error).slice(0, 600)}`, namesMutated: false };
  }
  const message = error.message;
  if (!message.startsWith(`${type}: `)) return { problem: `message does not start with the card type: ${message.slice(0, 200)}`, namesMutated: false };
  if (/\bundefined\b|\[object Object\]/.test(message)) return { problem: `message shows "undefined" or "[object Object]": ${message.slice(0, 300)}`, namesMutated: false };
  const named = namedPaths(message, type);
  const rootMutation = mutation.paths.some((p) => p.length === 0);
  const namesMutated = named.some((n) => mutation.paths.some((p) => related(n, p)));
  if (rootMutation && (input === null || typeof input !== 'object' || Array.isArray(input))) return { namesMutated: true };
  const unnamed = named.filter((n) => !pathExists(input, n));
  if (unnamed.length) return { problem: `error names no key of the input (${JSON.stringify(unnamed.slice(0, 3))}): ${message.slice(0, 300)}`, namesMutated };
  return { namesMutated };
}

describe('bad input: card configs', function () {
  this.timeout(60_000);
  const figures = { tried: 0, accepted: 0, rejected: 0, namesMutated: 0, elements: 0, crashes: 0, slowest: 0, slowestLabel: '' };

  after(() => {
    console.log(
      `bad-input: card configs ${fmt(figures.tried)} tried (7 cards), ${fmt(figures.accepted)} accepted, ${fmt(figures.rejected)} rejected naming the key ` +
        `(${fmt(figures.namesMutated)} naming the mutated key itself), ${fmt(figures.elements)} also through setConfig, ${fmt(figures.crashes)} crashes, slowest ${figures.slowest.toFixed(0)} ms (${figures.slowestLabel})`,
    );
  });

  it('the base configs are valid', () => {
    // Arrange
    const bases = CARDS.flatMap((card) => card.bases.map((base) => ({ card, base })));
    // Act
    const refused = bases.map(({ card, base }) => attempt(() => card.parse(base))).filter((r) => !r.outcome.ok);
    // Assert
    expect(refused.map((r) => String((r.outcome as { error: unknown }).error))).to.deep.equal([]);
  });

  for (const card of CARDS) {
    it(`${card.type}: every mutated config is accepted or refused naming its key, within 1 s`, () => {
      // Arrange
      const rand = mulberry32(0x5eed ^ card.type.length);
      const cases: { base: unknown; mutation: Mutation }[] = [];
      for (const base of card.bases) {
        const singles = mutationsOf(base);
        for (const mutation of singles) if (!KNOWN_SLOW.test(mutation.label)) cases.push({ base, mutation });
        for (const mutation of combinedMutations(singles, Math.ceil(COMBINED_PER_CARD / card.bases.length), rand)) cases.push({ base, mutation });
      }
      const element = document.createElement(card.type) as HTMLElement & { setConfig(c: unknown): void };
      const problems: Problem[] = [];
      const slow: Problem[] = [];
      // Act
      cases.forEach(({ base, mutation }, i) => {
        const input = mutation.apply(base);
        const { outcome, ms } = attempt(() => card.parse(input));
        figures.tried++;
        if (ms > figures.slowest) {
          figures.slowest = ms;
          figures.slowestLabel = `${card.type}: ${mutation.label}`;
        }
        if (ms > LIMIT_MS) slow.push({ card: card.type, mutation: mutation.label, problem: `${ms.toFixed(0)} ms` });
        if (outcome.ok) figures.accepted++;
        else {
          const { problem, namesMutated } = judgeRefusal(outcome.error, card.type, input, mutation);
          if (problem) {
            problems.push({ card: card.type, mutation: mutation.label, problem });
            if (!(outcome.error instanceof Error) || outcome.error.constructor !== Error) figures.crashes++;
          } else {
            figures.rejected++;
            if (namesMutated) figures.namesMutated++;
          }
        }
        if (i % ELEMENT_EVERY === 0) {
          // The card element refuses exactly what its parser refuses, with the same message.
          figures.elements++;
          const viaElement = attempt(() => element.setConfig(input)).outcome;
          if (viaElement.ok !== outcome.ok || (!viaElement.ok && !outcome.ok && String(viaElement.error) !== String(outcome.error))) {
            if (!viaElement.ok && (!(viaElement.error instanceof Error) || viaElement.error.constructor !== Error)) figures.crashes++;
            problems.push({
              card: card.type,
              mutation: mutation.label,
              problem: `setConfig differs from the parser: ${viaElement.ok ? 'accepted' : String((viaElement.error as Error)?.stack ?? viaElement.error).slice(0, 400)}`,
            });
          }
        }
      });
      // Assert
      expect(problems.slice(0, 8)).to.deep.equal([]);
      expect(slow.slice(0, 8)).to.deep.equal([]);
    });
  }

  // Was a bug (fixed; this test keeps it fixed): parseAlertsConfig validates every rule of a 10,000-rule list (0.3 s plain, 0.7–2.3 s under
  // coverage) before checkSlotBudget refuses it; a rules list longer than MAX_ALERT_SLOTS could be
  // refused up front. Repro: parseMetricCardConfig({ entity: 'sensor.a', alerts: Array(10000).fill({ name: 'r', type: 'nodata' }) }).
  it('a 10,000-rule alerts list is refused within 1 s (metric and alerts cards)', () => {
    // Arrange
    const rules = Array.from({ length: 10_000 }, (_, i) => ({ name: `r${i}`, type: 'threshold', above: 90, for: '10s' }));
    const inputs: [(c: unknown) => unknown, unknown][] = [
      [parseMetricCardConfig, { type: `custom:${METRIC_CARD_TYPE}`, entity: 'sensor.a', alerts: rules }],
      [parseAlertsCardConfig, { type: `custom:${ALERTS_CARD_TYPE}`, entities: ['sensor.a'], alerts: { rules } }],
    ];
    // Act
    const times = inputs.map(([parse, input]) => attempt(() => parse(input)).ms);
    // Assert
    expect(Math.max(...times)).to.be.below(LIMIT_MS);
  });
});
