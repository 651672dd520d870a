/**
 * Replay inputs → in-memory series. Pure: the CLI reads files, these functions parse text.
 * Every problem is reported as `file:line: problem` (JSON: `file: path: problem`).
 */
import { parseNumericState } from '../series/parse.js';
import { parseTimestamp } from './timestamps.js';

export interface ReplaySeries {
  /** The input file name as given (used in output). */
  file: string;
  /** Series id: the entity id for HA exports, the file's base name for CSV. */
  id: string;
  /** Milliseconds since the epoch, non-decreasing. */
  t: Float64Array;
  /** NaN for unavailable / unknown / empty. */
  v: Float64Array;
  /** Timestamps exactly as written in the input (for the scores CSV). */
  rawT: string[];
  /**
   * Rows whose timestamp goes back in time (e.g. a clock change in the recorder). They are kept,
   * in file order, at the latest time seen so far: detectors see every row, time never rewinds.
   */
  backwards?: { where: string; count: number };
  /** The entity's `state_class` when the export carries attributes: counters are judged on their rate. */
  stateClass?: string;
}

export class ReplayInputError extends Error {
  constructor(
    readonly file: string,
    readonly where: string | number | undefined,
    readonly problem: string,
  ) {
    super(where === undefined ? `${file}: ${problem}` : `${file}:${where}: ${problem}`);
    this.name = 'ReplayInputError';
  }
}

const GAP_STATES = new Set(['', 'unavailable', 'unknown']);

export function baseName(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.[^.]*$/, '');
}

function unquote(cell: string): string {
  const s = cell.trim();
  return s.length >= 2 && s[0] === '"' && s[s.length - 1] === '"' ? s.slice(1, -1).replace(/""/g, '"') : s;
}

/** CSV with a header naming `timestamp` and `value` columns (others are ignored). */
export function parseCsv(text: string, file: string): ReplaySeries {
  const lines = text.split('\n');
  let lineNo = 0;
  let header: string[] | undefined;
  while (lineNo < lines.length && header === undefined) {
    const line = lines[lineNo++].replace(/^\uFEFF/, '').trim();
    if (line !== '') header = line.split(',').map((h) => unquote(h).toLowerCase());
  }
  if (!header) throw new ReplayInputError(file, undefined, 'empty file (expected a header "timestamp,value")');
  const ti = header.indexOf('timestamp');
  const vi = header.indexOf('value');
  if (ti < 0 || vi < 0) {
    throw new ReplayInputError(file, lineNo, `header must name the columns "timestamp" and "value", got "${header.join(',')}"`);
  }
  const simple = ti === 0 && vi === 1 && header.length === 2;
  const n = lines.length - lineNo;
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  const rawT: string[] = [];
  let count = 0;
  let previous = -Infinity;
  let backwards = 0;
  let firstBackwards = 0;
  for (let i = lineNo; i < lines.length; i++) {
    let line = lines[i];
    if (line.length && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (line.trim() === '') continue;
    let ts: string;
    let vs: string;
    if (simple && line.indexOf('"') < 0) {
      const comma = line.indexOf(',');
      if (comma < 0 || line.indexOf(',', comma + 1) >= 0) throw new ReplayInputError(file, i + 1, `expected 2 columns (timestamp,value), got ${line.split(',').length}`);
      ts = line.slice(0, comma);
      vs = line.slice(comma + 1);
    } else {
      const cells = line.split(',');
      if (cells.length !== header.length) throw new ReplayInputError(file, i + 1, `expected ${header.length} columns, got ${cells.length}`);
      ts = unquote(cells[ti]);
      vs = unquote(cells[vi]);
    }
    const time = parseTimestamp(ts);
    if (Number.isNaN(time)) throw new ReplayInputError(file, i + 1, `timestamp ${JSON.stringify(ts)} is not a date/time (ISO 8601, "YYYY-MM-DD HH:MM:SS" or epoch seconds/ms)`);
    if (time < previous) {
      if (backwards === 0) firstBackwards = i + 1;
      backwards++;
    } else previous = time;
    const vt = vs.trim();
    let value = Number(vt);
    if (vt === '' || Number.isNaN(value)) {
      if (!GAP_STATES.has(vt.toLowerCase())) throw new ReplayInputError(file, i + 1, `value ${JSON.stringify(vs)} is not a number (or "unavailable"/"unknown"/empty)`);
      value = Number.NaN;
    } else if (!Number.isFinite(value)) {
      throw new ReplayInputError(file, i + 1, `value ${JSON.stringify(vs)} is not a finite number`);
    }
    t[count] = previous;
    v[count] = value;
    rawT.push(ts);
    count++;
  }
  const series: ReplaySeries = { file, id: baseName(file), t: t.slice(0, count), v: v.slice(0, count), rawT };
  if (backwards) series.backwards = { where: `${file}:${firstBackwards}`, count: backwards };
  return series;
}

interface WsRow {
  s?: unknown;
  a?: unknown;
  lu?: unknown;
  lc?: unknown;
}
interface RestRow {
  entity_id?: unknown;
  state?: unknown;
  attributes?: unknown;
  last_changed?: unknown;
  last_updated?: unknown;
}

function toSeries(file: string, id: string, rows: { time: number; state: unknown; rawT: string; where: string }[]): ReplaySeries {
  const t = new Float64Array(rows.length);
  const v = new Float64Array(rows.length);
  const rawT: string[] = [];
  let previous = -Infinity;
  let backwards: ReplaySeries['backwards'];
  rows.forEach((row, i) => {
    if (Number.isNaN(row.time)) throw new ReplayInputError(file, undefined, `${row.where}: timestamp ${JSON.stringify(row.rawT)} is not a date/time`);
    if (row.time < previous) {
      if (backwards) backwards.count++;
      else backwards = { where: `${file}: ${row.where}`, count: 1 };
    } else previous = row.time;
    if (row.state !== null && typeof row.state !== 'string' && typeof row.state !== 'number') {
      throw new ReplayInputError(file, undefined, `${row.where}: state must be text or a number`);
    }
    const text = row.state === null ? '' : String(row.state);
    const value = parseNumericState(text);
    if (Number.isNaN(value) && !GAP_STATES.has(text.trim().toLowerCase())) {
      throw new ReplayInputError(file, undefined, `${row.where}: state ${JSON.stringify(text)} is not a number (or "unavailable"/"unknown")`);
    }
    t[i] = previous;
    v[i] = value;
    rawT.push(row.rawT);
  });
  return backwards ? { file, id, t, v, rawT, backwards } : { file, id, t, v, rawT };
}

function jsonPosition(text: string, error: unknown): string {
  const m = /position (\d+)/.exec(String((error as Error).message));
  if (!m) return `invalid JSON (${String((error as Error).message)})`;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return `line ${line}: invalid JSON (${String((error as Error).message).replace(/^.*?: /, '')})`;
}

/** The first `state_class` among the rows' attributes (minimal responses carry them on the first row only). */
function stateClassOf(attributes: unknown[]): string | undefined {
  for (const a of attributes) {
    const value = (a as { state_class?: unknown } | null | undefined)?.state_class;
    if (typeof value === 'string') return value;
  }
  return undefined;
}

function withStateClass(series: ReplaySeries, stateClass: string | undefined): ReplaySeries {
  if (stateClass) series.stateClass = stateClass;
  return series;
}

/**
 * Home Assistant history exports:
 *  - websocket `history/history_during_period` (minimal_response):
 *    `{ "sensor.x": [ { "s": "1.2", "lu": 1700000000.123 }, ... ] }` (seconds; `lc` if no `lu`);
 *  - REST `/api/history/period`: `[[ { entity_id, state, last_changed, last_updated }, ... ]]`.
 * Several entities give several series.
 */
export function parseHistoryJson(text: string, file: string): ReplaySeries[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ReplayInputError(file, undefined, jsonPosition(text, error));
  }
  const out: ReplaySeries[] = [];
  if (Array.isArray(data)) {
    data.forEach((list, li) => {
      if (!Array.isArray(list)) throw new ReplayInputError(file, undefined, `[${li}]: expected a list of states (REST /api/history/period format)`);
      const first = list[0] as RestRow | undefined;
      const id = typeof first?.entity_id === 'string' ? first.entity_id : `${baseName(file)}#${li}`;
      const rows = (list as RestRow[]).map((row, i) => {
        const where = `[${li}][${i}]`;
        if (!row || typeof row !== 'object') throw new ReplayInputError(file, undefined, `${where}: expected a state object`);
        const stamp = row.last_updated ?? row.last_changed;
        const rawT = typeof stamp === 'string' || typeof stamp === 'number' ? String(stamp) : '';
        return { time: typeof stamp === 'number' ? stamp * 1000 : parseTimestamp(rawT), state: row.state, rawT, where };
      });
      out.push(withStateClass(toSeries(file, id, rows), stateClassOf((list as RestRow[]).map((row) => row?.attributes))));
    });
    return out;
  }
  if (data && typeof data === 'object') {
    for (const [entity, list] of Object.entries(data as Record<string, unknown>)) {
      if (!Array.isArray(list)) throw new ReplayInputError(file, undefined, `${entity}: expected a list of states`);
      const rows = (list as WsRow[]).map((row, i) => {
        const where = `${entity}[${i}]`;
        if (!row || typeof row !== 'object') throw new ReplayInputError(file, undefined, `${where}: expected a state object like {"s": "1.2", "lu": 1700000000.1}`);
        const stamp = row.lu ?? row.lc;
        const time = typeof stamp === 'number' ? Math.round(stamp * 1000) : typeof stamp === 'string' ? parseTimestamp(stamp) : Number.NaN;
        return { time, state: row.s, rawT: String(stamp ?? ''), where };
      });
      out.push(withStateClass(toSeries(file, entity, rows), stateClassOf((list as WsRow[]).map((row) => row?.a))));
    }
    return out;
  }
  throw new ReplayInputError(file, undefined, 'expected a Home Assistant history export (an object keyed by entity id, or a list of lists)');
}

/** By extension, else by content (JSON starts with { or [). */
export function parseReplayInput(text: string, file: string): ReplaySeries[] {
  const lower = file.toLowerCase();
  const looksJson = lower.endsWith('.json') || (!lower.endsWith('.csv') && /^\s*[[{]/.test(text));
  return looksJson ? parseHistoryJson(text, file) : [parseCsv(text, file)];
}
