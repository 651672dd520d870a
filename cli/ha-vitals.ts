/// <reference types="node" />
/**
 * ha-vitals command line. Bundled by scripts/build-cli.mjs to build/cli/ha-vitals.mjs and started
 * through bin/ha-vitals.mjs.
 *
 *   ha-vitals replay [--rules FILE] [--scores-dir DIR] [--state-class CLASS] INPUT...
 *   ha-vitals export --rules FILE [--entity ID]... [--scope NAME]
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseAlertsConfig, type AlertsConfig } from '../src/core/config/alerts.js';
import { parseReplayInput, baseName, ReplayInputError, type ReplaySeries } from '../src/core/replay/series.js';
import { replaySeries, scoresCsv } from '../src/core/replay/backtest.js';
import { automationsYaml, serverAutomations } from '../src/core/server-rules/automation.js';

export const USAGE = `Usage: ha-vitals replay [--rules FILE] [--scores-dir DIR] [--state-class CLASS] INPUT...
       ha-vitals export --rules FILE [--entity ID]... [--scope NAME]

Backtest alert rules on recorded history: which alerts would these rules have fired?

Inputs (one series each):
  *.csv    header "timestamp,value"; timestamps ISO 8601, "YYYY-MM-DD HH:MM:SS" (UTC)
           or epoch seconds/ms; value a number, "unavailable", "unknown" or empty
  *.json   a Home Assistant history export: websocket history/history_during_period
           ({"sensor.x": [{"s": "1.2", "lu": 1700000000.1}, ...]}) or REST
           /api/history/period ([[{"entity_id", "state", "last_changed"}, ...]])

Options:
  --rules FILE       YAML or JSON: a card's "alerts:" section (a list of rules, or
                     {rules, inhibit, reconnect_grace, allow_services}), checked with
                     the cards' schema. Default: the zero-config rules
                     (anomaly, confirmed by evidence + unavailable for 5m).
  --scores-dir DIR   also write DIR/<input name>.csv with timestamp,value,anomaly_score
  --state-class CLASS  the inputs' Home Assistant state_class where the input does
                     not carry it (CSV): total_increasing or total makes anomaly
                     rules judge the rate (input: auto), as on a dashboard
  -h, --help         this help

Output: one JSON line per alert transition on stdout:
  {"file":"...","rule":"...","event":"pending|firing|resolved","at":"<ISO>","value":1.5,"severity":"warning"}

export: print the Home Assistant automations (a YAML list for automations.yaml) that run the
rules of FILE in Home Assistant itself, as the alerts card creates them for rules with
run_in: home_assistant. Every enabled rule of FILE is exported; a rule HA cannot run as
written (m_of_n, anomaly, trend, ...) is a comment saying why, and a line on stderr.
  --entity ID        an entity the rules without an "entity" list watch (repeat it)
  --scope NAME       the card's title: part of the automations' ids (default "alerts")

Exit codes: 0 ok, 2 bad usage or bad input (nothing is written to stdout then).
See docs/replay.md.`;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => string;
  writeFile: (path: string, text: string) => void;
  mkdir: (path: string) => void;
}

const nodeIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => writeFileSync(path, text),
  mkdir: (path) => mkdirSync(path, { recursive: true }),
};

class UsageError extends Error {}

interface ReplayArgs {
  rules?: string;
  scoresDir?: string;
  stateClass?: string;
  inputs: string[];
}

function parseReplayArgs(args: string[]): ReplayArgs | 'help' {
  const out: ReplayArgs = { inputs: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '-h' || flag === '--help') return 'help';
    else if (flag === '--rules') out.rules = value();
    else if (flag === '--scores-dir') out.scoresDir = value();
    else if (flag === '--state-class') out.stateClass = value();
    else if (flag === '--') {
      out.inputs.push(...args.slice(i + 1));
      break;
    }
    else if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag}`);
    else out.inputs.push(arg);
  }
  if (out.inputs.length === 0) throw new UsageError('no INPUT files given');
  return out;
}

function read(io: CliIO, path: string): string {
  try {
    return io.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReplayInputError(path, undefined, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String((error as Error).message));
  }
}

export function loadRules(io: CliIO, path: string): AlertsConfig {
  const text = read(io, path);
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const e = error as Error & { linePos?: { line: number }[] };
    const line = e.linePos?.[0]?.line;
    throw new ReplayInputError(path, line, `not valid YAML/JSON: ${e.message.split('\n')[0]}`);
  }
  // Also accept a whole card config (or a snippet) that has an `alerts:` key.
  const wrapped = !!data && typeof data === 'object' && !Array.isArray(data) && Object.hasOwn(data, 'alerts');
  const result = parseAlertsConfig(wrapped ? (data as { alerts: unknown }).alerts : data, 'alerts');
  if (!result.ok) {
    const lines = result.errors.map((e) => `${path}: ${e.path || '(top level)'}: ${e.message}`);
    throw new ReplayInputError(path, undefined, lines.join('\nha-vitals: ').slice(path.length + 2));
  }
  return result.value;
}

interface ExportArgs {
  rules: string;
  entities: string[];
  scope: string;
}

function parseExportArgs(args: string[]): ExportArgs | 'help' {
  let rules: string | undefined;
  const entities: string[] = [];
  let scope = 'alerts';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '-h' || flag === '--help') return 'help';
    else if (flag === '--rules') rules = value();
    else if (flag === '--entity') {
      const id = value();
      if (!/^[a-z0-9_]+\.[a-z0-9_]+$/.test(id)) throw new UsageError(`--entity: ${JSON.stringify(id)} is not an entity id like sensor.cpu`);
      entities.push(id);
    } else if (flag === '--scope') scope = value();
    else throw new UsageError(flag.startsWith('-') ? `unknown option ${flag}` : `export takes no INPUT files (got ${flag})`);
  }
  if (!rules) throw new UsageError('export needs --rules FILE');
  return { rules, entities, scope };
}

function runExport(args: ExportArgs, io: CliIO): number {
  const config = loadRules(io, args.rules);
  // Every enabled rule of the file, as if it said run_in: home_assistant.
  const marked = { ...config, rules: config.rules.filter((r) => r.enabled).map((r) => ({ ...r, run_in: 'home_assistant' as const })) };
  const translations = serverAutomations(marked, args.entities, { scope: args.scope, cardTitle: args.scope });
  for (const tr of translations) {
    if (!tr.ok) io.stderr(`ha-vitals: not exported: ${tr.rule}${tr.entity ? ` on ${tr.entity}` : ''}${tr.key ? ` (${tr.key})` : ''}: ${tr.message}\n`);
  }
  io.stdout(automationsYaml(translations));
  return 0;
}

export function runCli(argv: string[], io: CliIO = nodeIO): number {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === 'export') {
      const args = parseExportArgs(rest);
      if (args === 'help') {
        io.stdout(`${USAGE}\n`);
        return 0;
      }
      return runExport(args, io);
    }
    if (command !== 'replay') throw new UsageError(`unknown command ${JSON.stringify(command)} (try "replay" or "export")`);
    const args = parseReplayArgs(rest);
    if (args === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    // Validate and parse everything before writing anything.
    const config = args.rules ? loadRules(io, args.rules) : undefined;
    const all: ReplaySeries[] = [];
    const names = new Map<string, string>();
    for (const file of args.inputs) {
      for (const series of parseReplayInput(read(io, file), file)) {
        if (args.stateClass && !series.stateClass) series.stateClass = args.stateClass;
        all.push(series);
        if (series.backwards) {
          const { where, count } = series.backwards;
          io.stderr(`ha-vitals: warning: ${where}: timestamp goes back in time; ${count} row${count === 1 ? '' : 's'} replayed in file order at the latest time seen\n`);
        }
      }
      if (args.scoresDir) {
        const name = baseName(file);
        const other = names.get(name);
        if (other !== undefined && other !== file) throw new UsageError(`--scores-dir: ${other} and ${file} would both write ${name}.csv`);
        names.set(name, file);
      }
    }
    const lines: string[] = [];
    const scoreFiles: [string, string][] = [];
    const perFile = new Map<string, string[]>();
    for (const series of all) {
      const result = replaySeries(series, config, { scores: !!args.scoresDir });
      for (const event of result.events) lines.push(JSON.stringify(event));
      if (result.scores) {
        const csv = scoresCsv(series, result.scores);
        const parts = perFile.get(series.file) ?? [];
        // Several entities in one JSON export: one CSV, the header once.
        parts.push(parts.length ? csv.slice(csv.indexOf('\n') + 1) : csv);
        perFile.set(series.file, parts);
      }
    }
    if (args.scoresDir) {
      io.mkdir(args.scoresDir);
      for (const [file, parts] of perFile) scoreFiles.push([join(args.scoresDir, `${baseName(file)}.csv`), parts.join('')]);
      for (const [path, text] of scoreFiles) io.writeFile(path, text);
    }
    if (lines.length) io.stdout(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ha-vitals: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof ReplayInputError) {
      io.stderr(`ha-vitals: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
