/**
 * Each card's defaults and limits are written once (`<CARD>_DEFAULTS`, `<CARD>_LIMITS` in its
 * config.ts): the schema applies them, and the visual editor shows the same defaults and offers
 * number fields bounded exactly like the schema. Limits are checked through the schema itself:
 * the selector's min and max are accepted, one step beyond them is refused.
 */
import { expect } from '@open-wc/testing';
import { parseDuration } from '../../src/core/config/duration';
import type { FormData, FormSchema } from '../../src/cards/shared/editor';
import { AI_DEFAULTS, AI_PROBE_DEFAULTS, parseAiCardConfig } from '../../src/cards/ai/config';
import { ALERTS_DEFAULTS, parseAlertsCardConfig } from '../../src/cards/alerts/config';
import { HISTORY_DEFAULTS, parseHistoryCardConfig } from '../../src/cards/history/config';
import { METRIC_DEFAULTS, METRIC_THRESHOLD_DEFAULTS, parseMetricCardConfig } from '../../src/cards/metric/config';
import { OVERVIEW_DEFAULTS, parseOverviewCardConfig } from '../../src/cards/overview/config';
import { SYSTEM_DEFAULTS, parseSystemCardConfig } from '../../src/cards/system/config';
import { UX_DEFAULTS, UX_REPORT_DEFAULTS, parseUxCardConfig } from '../../src/cards/ux/config';
import '../../src/cards/ai/editor';
import '../../src/cards/alerts/editor';
import '../../src/cards/history/editor';
import '../../src/cards/metric/editor';
import '../../src/cards/overview/editor';
import '../../src/cards/system/editor';
import '../../src/cards/ux/editor';

type Config = Record<string, unknown>;

interface EditorLike extends HTMLElement {
  setConfig(config: Config): void;
  readonly schema: FormSchema[];
  toFormData(config: Config): FormData;
}

/** A part of the config with defaults of its own (`probe:`, `report:`, a threshold). */
interface PartSpec {
  name: string;
  /** The config with the part written minimally. */
  config: Config;
  /** The part's defaults constant. */
  defaults: Readonly<Record<string, unknown>>;
  /** The parsed part. */
  read: (parsed: Config) => Config;
}

/** A form field showing a default: the value in the form, as the schema would parse it, and the parsed config value. */
interface FormDefaultSpec {
  field: string;
  /** Form value → what the schema makes of it (e.g. "5m" → 300000). Default: as is. */
  asParsed?: (formValue: unknown) => unknown;
  /** The parsed config's value the field shows. */
  parsed: (parse: (input: unknown) => Config) => unknown;
}

interface CardSpec {
  card: string;
  minimal: Config;
  parse: (input: unknown) => Config;
  defaults: Readonly<Record<string, unknown>>;
  /** Keys of DEFAULTS written as durations (compared in ms). */
  durations?: readonly string[];
  /** Keys the parser fills in that are no schema default (e.g. the alerts card's default rules). */
  computed?: readonly string[];
  parts?: PartSpec[];
  /** Every number field of the editor: the config that puts `value` into the key it edits. */
  numberFields: Record<string, (value: number) => Config>;
  formDefaults: FormDefaultSpec[];
}

const ms = (value: unknown) => (Array.isArray(value) ? value.map((v) => parseDuration(v)) : parseDuration(value));
const minutesAsMs = (value: unknown) => (value as number) * 60_000;
const probeText = 'what time is it';

const CARDS: CardSpec[] = [
  {
    card: 'vitals-metric-card',
    minimal: { entity: 'sensor.a' },
    parse: parseMetricCardConfig as (input: unknown) => Config,
    defaults: METRIC_DEFAULTS,
    durations: ['window'],
    parts: [{ name: 'a threshold', config: { entity: 'sensor.a', thresholds: [{ value: 1 }] }, defaults: METRIC_THRESHOLD_DEFAULTS, read: (p) => (p.thresholds as Config[])[0] }],
    numberFields: { decimals: (decimals) => ({ entity: 'sensor.a', decimals }) },
    formDefaults: [
      { field: 'stat', parsed: (parse) => parse({ entity: 'sensor.a' }).stat },
      { field: 'window', asParsed: ms, parsed: (parse) => parse({ entity: 'sensor.a' }).window },
      { field: 'direction', parsed: (parse) => parse({ entity: 'sensor.a' }).direction },
      { field: 'show_stats', parsed: (parse) => parse({ entity: 'sensor.a' }).show_stats },
      { field: 'show_sparkline', parsed: (parse) => parse({ entity: 'sensor.a' }).show_sparkline },
    ],
  },
  {
    card: 'vitals-history-card',
    minimal: { entities: ['sensor.a'] },
    parse: parseHistoryCardConfig as (input: unknown) => Config,
    defaults: HISTORY_DEFAULTS,
    numberFields: {
      hours_to_show: (hours_to_show) => ({ entities: ['sensor.a'], hours_to_show }),
      forecast_limit: (limit) => ({ entities: ['sensor.a'], forecast: { limit } }),
    },
    formDefaults: [
      { field: 'hours_to_show', parsed: (parse) => parse({ entities: ['sensor.a'] }).hours_to_show },
      { field: 'show_anomalies', parsed: (parse) => parse({ entities: ['sensor.a'] }).show_anomalies },
    ],
  },
  {
    card: 'vitals-system-card',
    minimal: { entities: { cpu: 'sensor.cpu' } },
    parse: parseSystemCardConfig as (input: unknown) => Config,
    defaults: SYSTEM_DEFAULTS,
    numberFields: { hours_to_show: (hours_to_show) => ({ entities: { cpu: 'sensor.cpu' }, hours_to_show }) },
    formDefaults: [{ field: 'hours_to_show', parsed: (parse) => parse({ entities: { cpu: 'sensor.cpu' } }).hours_to_show }],
  },
  {
    card: 'vitals-overview-card',
    minimal: {},
    parse: parseOverviewCardConfig as (input: unknown) => Config,
    defaults: OVERVIEW_DEFAULTS,
    durations: ['baseline'],
    numberFields: { hours_to_show: (hours_to_show) => ({ hours_to_show }), max_insights: (max_insights) => ({ max_insights }) },
    formDefaults: [
      { field: 'hours_to_show', parsed: (parse) => parse({}).hours_to_show },
      { field: 'baseline', asParsed: ms, parsed: (parse) => parse({}).baseline },
      { field: 'max_insights', parsed: (parse) => parse({}).max_insights },
    ],
  },
  {
    card: 'vitals-ai-card',
    minimal: {},
    parse: parseAiCardConfig as (input: unknown) => Config,
    defaults: AI_DEFAULTS,
    parts: [{ name: 'probe', config: { probe: { text: probeText } }, defaults: AI_PROBE_DEFAULTS, read: (p) => p.probe as Config }],
    numberFields: {
      runs_to_show: (runs_to_show) => ({ runs_to_show }),
      poll_interval: (poll_interval) => ({ poll_interval }),
      probe_interval: (interval) => ({ probe: { text: probeText, interval } }),
    },
    formDefaults: [
      { field: 'runs_to_show', parsed: (parse) => parse({}).runs_to_show },
      { field: 'poll_interval', parsed: (parse) => parse({}).poll_interval },
      { field: 'metrics', parsed: (parse) => parse({}).metrics },
      { field: 'probe_interval', parsed: (parse) => (parse({ probe: { text: probeText } }).probe as Config).interval },
    ],
  },
  {
    card: 'vitals-ux-card',
    minimal: {},
    parse: parseUxCardConfig as (input: unknown) => Config,
    defaults: UX_DEFAULTS,
    durations: ['window'],
    parts: [{ name: 'report', config: { report: true }, defaults: UX_REPORT_DEFAULTS, read: (p) => p.report as Config }],
    numberFields: { ping_interval: (ping_interval) => ({ ping_interval }), window_minutes: (minutes) => ({ window: `${minutes}m` }) },
    formDefaults: [
      { field: 'level', parsed: (parse) => parse({}).level },
      { field: 'ping_interval', parsed: (parse) => parse({}).ping_interval },
      { field: 'window_minutes', asParsed: minutesAsMs, parsed: (parse) => parse({}).window },
    ],
  },
  {
    card: 'vitals-alerts-card',
    minimal: {},
    parse: parseAlertsCardConfig as unknown as (input: unknown) => Config,
    defaults: ALERTS_DEFAULTS,
    durations: ['snooze_options'],
    computed: ['alerts'],
    numberFields: { max_items: (max_items) => ({ max_items }) },
    formDefaults: [
      { field: 'entities', parsed: (parse) => parse({}).entities },
      { field: 'show', parsed: (parse) => parse({}).show },
      { field: 'max_items', parsed: (parse) => parse({}).max_items },
      { field: 'report', parsed: (parse) => parse({}).report },
    ],
  },
];

const flat = (schema: FormSchema[]): FormSchema[] => schema.flatMap((entry) => (entry.schema ? flat(entry.schema) : [entry]));

function editorFor(spec: CardSpec): EditorLike {
  const editor = document.createElement(`${spec.card}-editor`) as EditorLike;
  editor.setConfig({ type: `custom:${spec.card}`, ...spec.minimal });
  return editor;
}

/** A written default as the schema yields it (durations in ms). */
function asParsed(spec: CardSpec, key: string, value: unknown): unknown {
  return spec.durations?.includes(key) ? ms(value) : value;
}

const accepts = (spec: CardSpec, input: Config) => {
  try {
    spec.parse(input);
    return true;
  } catch {
    return false;
  }
};

for (const spec of CARDS) {
  describe(`${spec.card}: defaults and limits written once`, () => {
    it('parsing the minimal config yields exactly the DEFAULTS for every defaulted key', () => {
      // Act
      const parsed = spec.parse(spec.minimal);
      // Assert: the keys the schema filled in are the DEFAULTS' keys, with their values.
      const filled = Object.keys(parsed).filter((k) => parsed[k] !== undefined && !(k in spec.minimal) && k !== 'type' && !spec.computed?.includes(k));
      expect(filled.sort()).to.deep.equal(Object.keys(spec.defaults).sort());
      for (const [key, value] of Object.entries(spec.defaults)) expect(parsed[key], key).to.deep.equal(asParsed(spec, key, value));
    });

    for (const part of spec.parts ?? []) {
      it(`a minimal ${part.name} gets exactly its DEFAULTS`, () => {
        // Act
        const parsed = part.read(spec.parse({ ...spec.minimal, ...part.config }));
        // Assert
        for (const [key, value] of Object.entries(part.defaults)) expect(parsed[key], key).to.deep.equal(typeof value === 'string' ? (parseDuration(value) ?? value) : value);
      });
    }

    it("every number field of the editor is bounded exactly like the schema: min and max accepted, beyond them refused", () => {
      // Arrange
      const fields = flat(editorFor(spec).schema).filter((entry) => entry.selector && 'number' in entry.selector);
      expect(fields.map((f) => f.name).sort(), 'number fields').to.deep.equal(Object.keys(spec.numberFields).sort());
      for (const field of fields) {
        const { min, max } = (field.selector as { number: { min?: number; max?: number } }).number;
        const configWith = spec.numberFields[field.name];
        const withValue = (value: number) => ({ ...spec.minimal, ...configWith(value) });
        if (min === undefined && max === undefined) {
          // Act / Assert: an unbounded field edits a key the schema does not bound either.
          expect(accepts(spec, withValue(-1e12)) && accepts(spec, withValue(1e12)), `${field.name} is unbounded`).to.equal(true);
          continue;
        }
        expect(min, `${field.name}.min`).to.be.a('number');
        expect(max, `${field.name}.max`).to.be.a('number');
        // Act / Assert: both a whole step and a hundredth beyond (a whole-number key refuses any fraction).
        expect(accepts(spec, withValue(min!)), `${field.name} = min ${min}`).to.equal(true);
        expect(accepts(spec, withValue(max!)), `${field.name} = max ${max}`).to.equal(true);
        for (const step of [1, 0.01]) {
          expect(accepts(spec, withValue(min! - step)), `${field.name} = ${min! - step}`).to.equal(false);
          expect(accepts(spec, withValue(max! + step)), `${field.name} = ${max! + step}`).to.equal(false);
        }
      }
    });

    it("the editor's form for the minimal config shows the schema's defaults", () => {
      // Arrange
      const editor = editorFor(spec);
      // Act
      const data = editor.toFormData({ type: `custom:${spec.card}`, ...spec.minimal });
      // Assert
      const shown = new Set(flat(editor.schema).map((f) => f.name));
      for (const { field, asParsed: convert = (v: unknown) => v, parsed } of spec.formDefaults) {
        expect(shown.has(field), `${field} is a form field`).to.equal(true);
        expect(convert(data[field]), field).to.deep.equal(parsed(spec.parse));
      }
      // Every field named like a defaulted key is covered above.
      const covered = new Set(spec.formDefaults.map((f) => f.field));
      for (const key of Object.keys(spec.defaults)) if (shown.has(key)) expect(covered.has(key), `${key} is checked`).to.equal(true);
    });
  });
}
