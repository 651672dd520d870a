// First start of the demo: the lived-in fortnight of scripts/demo/week.mjs goes into Home
// Assistant, each kind of data the way Home Assistant itself takes it:
//
//   long-term statistics (hourly mean/min/max, 14 days)
//       websocket `recorder/import_statistics` (source `recorder`, statistic_id = entity id), the
//       API Home Assistant offers for that. Only hours Home Assistant has not compiled itself.
//   recorded states (one per minute, the last 2 h as the live generator sends them; 10 days)
//   5-minute statistics (10 days, as the recorder would have compiled them from those states)
//   a recorder run covering them
//       no API writes the past, so they go into the recorder's SQLite database while Home
//       Assistant is stopped, with the lane's own Python: states_meta / state_attributes /
//       states, statistics_meta / statistics_short_term, recorder_runs (the schema of the running
//       version is read, not assumed: 2024.3's schema 42 and 2026.11's 53 both work).
//
// A marker in the config dir (.ha-vitals-demo-week.json) records the import; later starts find it
// and import nothing. Without it the import is still safe to repeat: states and 5-minute rows are
// written only before the first row Home Assistant already has for that entity, and importing an
// hour again replaces that hour.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chrootArgv, chrootEnv, mountChroot } from '../ha/lanes.mjs';
import { DAY, HOUR, SENSORS, WEEK_VERSION, generateWeek, periodStatistics, recordedStates, sensorAttributes } from './week.mjs';

export const MARKER = '.ha-vitals-demo-week.json';
export const RECORDER_DB = 'home-assistant_v2.db';
/** Raw states (and 5-minute statistics) for this long; the fortnight's older part is long-term statistics only. */
export const STATE_DAYS = 10;
export const STATISTICS_DAYS = 14;
const FIVE_MINUTES = 300_000;

export function readMarker(configDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(configDir, MARKER), 'utf8'));
  } catch {
    return null;
  }
}

// Runs in the lane's own Python (its sqlite3: the SQLite Home Assistant uses) while HA is stopped.
// argv: <input json> <database>. Prints one JSON line.
const PY_SEED = String.raw`
import json, os, sqlite3, sys, time
from datetime import datetime, timezone
src, db = sys.argv[1], sys.argv[2]
with open(src, encoding='utf-8') as f:
    d = json.load(f)
con = sqlite3.connect(db, timeout=60)
cur = con.cursor()
tables = {r[0] for r in cur.execute("select name from sqlite_master where type='table'")}
need = {'states', 'states_meta', 'state_attributes', 'statistics_meta', 'statistics_short_term', 'statistics_runs', 'recorder_runs'}
if not need <= tables:
    print(json.dumps({'error': 'not a recorder database of Home Assistant 2023.4 or later: missing %s' % sorted(need - tables)}))
    sys.exit(2)
def cols(t):
    return [r[1] for r in cur.execute('pragma table_info(%s)' % t)]
state_cols, meta_cols, short_cols = cols('states'), cols('statistics_meta'), cols('statistics_short_term')
schema = cur.execute('select schema_version from schema_changes order by change_id desc limit 1').fetchone() if 'schema_changes' in tables else None
def ts(text):
    return datetime.fromisoformat(str(text).replace(' ', 'T')).replace(tzinfo=timezone.utc).timestamp()
def dt(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime('%Y-%m-%d %H:%M:%S.%f')
first_run = cur.execute('select min(start) from statistics_runs').fetchone()[0]
first_run = ts(first_run) if first_run else time.time()
# unit_class as Home Assistant's own table gives it (versions that have one)
try:
    from homeassistant.components.recorder.statistics import STATISTIC_UNIT_TO_UNIT_CONVERTER as CONV
except Exception:
    CONV = None
def unit_class(unit):
    if CONV is None:
        return None
    c = CONV.get(unit)
    return c.UNIT_CLASS if c else None
has_reported = 'last_reported_ts' in state_cols
has_ctx = 'context_id_bin' in state_cols
now = time.time()
out = {}
first_seeded = None
next_id = (cur.execute('select max(state_id) from states').fetchone()[0] or 0) + 1
for e in d['entities']:
    eid = e['entity_id']
    row = cur.execute('select metadata_id from states_meta where entity_id = ?', (eid,)).fetchone()
    if row:
        mid = row[0]
    else:
        cur.execute('insert into states_meta (entity_id) values (?)', (eid,))
        mid = cur.lastrowid
    # only before what Home Assistant already recorded for this entity
    have = cur.execute('select min(last_updated_ts) from states where metadata_id = ?', (mid,)).fetchone()[0]
    cutoff = min(have if have is not None else now, now)
    shared = json.dumps(e['attributes'], separators=(',', ':'), ensure_ascii=False)
    h = 0x811C9DC5
    for b in shared.encode('utf-8'):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    r = cur.execute('select attributes_id from state_attributes where hash = ? and shared_attrs = ?', (h, shared)).fetchone()
    if r:
        aid = r[0]
    else:
        cur.execute('insert into state_attributes (hash, shared_attrs) values (?, ?)', (h, shared))
        aid = cur.lastrowid
    names = ['state_id', 'state', 'last_updated_ts', 'last_changed_ts', 'old_state_id', 'attributes_id', 'origin_idx', 'metadata_id']
    if has_reported:
        names.append('last_reported_ts')
    if has_ctx:
        names.append('context_id_bin')
    rows = []
    prev = None
    for t, s in e['states']:
        if t >= cutoff:
            break
        # last_changed_ts NULL = equal to last_updated_ts: every row is a change
        r = [next_id, s, t, None, prev, aid, 0, mid]
        if has_reported:
            r.append(t)
        if has_ctx:
            r.append(int(t * 1000).to_bytes(6, 'big') + os.urandom(10))  # ULID-shaped, like a Context id
        rows.append(r)
        prev = next_id
        next_id += 1
    cur.executemany('insert into states (%s) values (%s)' % (', '.join(names), ', '.join('?' * len(names))), rows)
    if rows and (first_seeded is None or rows[0][2] < first_seeded):
        first_seeded = rows[0][2]
    # statistics metadata: as the recorder makes it for a measurement sensor
    m = cur.execute('select id from statistics_meta where statistic_id = ?', (eid,)).fetchone()
    uc = unit_class(e['unit'])
    if m:
        meta_id = m[0]
    else:
        meta = {'statistic_id': eid, 'source': 'recorder', 'unit_of_measurement': e['unit'], 'has_sum': 0, 'name': None}
        if 'mean_type' in meta_cols:
            meta['mean_type'] = 1  # arithmetic
            meta['has_mean'] = None
        else:
            meta['has_mean'] = 1
        if 'unit_class' in meta_cols:
            meta['unit_class'] = uc
        keys = [k for k in meta if k in meta_cols]
        cur.execute('insert into statistics_meta (%s) values (%s)' % (', '.join(keys), ', '.join('?' * len(keys))), [meta[k] for k in keys])
        meta_id = cur.lastrowid
    # 5-minute rows: periods Home Assistant will not compile (at or before its first statistics
    # run) and that end before its own states of the entity begin
    short = [[s, mean, lo, hi] for s, mean, lo, hi in e['short_term'] if s <= first_run and s + 300 <= cutoff]
    created = time.time()
    before = cur.execute('select count(*) from statistics_short_term where metadata_id = ?', (meta_id,)).fetchone()[0]
    cur.executemany('insert or ignore into statistics_short_term (created_ts, metadata_id, start_ts, mean, min, max) values (?, ?, ?, ?, ?, ?)',
                    [(created, meta_id, s, mean, lo, hi) for s, mean, lo, hi in short])
    after = cur.execute('select count(*) from statistics_short_term where metadata_id = ?', (meta_id,)).fetchone()[0]
    out[eid] = {'states': len(rows), 'cutoff': cutoff, 'shortTerm': after - before, 'metadataId': mid, 'statisticsMetaId': meta_id, 'unitClass': uc}
# a recorder run over the seeded past: Home Assistant was recording then
run = None
if first_seeded is not None:
    first_existing = cur.execute('select min(start) from recorder_runs').fetchone()[0]
    end = min(ts(first_existing), now) if first_existing else now
    if end > first_seeded:
        cur.execute('insert into recorder_runs (start, "end", closed_incorrect, created) values (?, ?, 0, ?)', (dt(first_seeded), dt(end), dt(now)))
        run = [first_seeded, end]
con.commit()
con.close()
print(json.dumps({'entities': out, 'firstStatisticsRun': first_run, 'recorderRun': run, 'schemaVersion': schema[0] if schema else None,
                  'sqlite': sqlite3.sqlite_version, 'python': sys.version.split()[0]}))
`;

function runLanePython(lane, args) {
  const def = lane.def;
  if (def.kind === 'chroot') {
    // the config dir is bind-mounted at the same path inside the chroot, as when HA runs
    const release = mountChroot(def.chroot, [lane.configDir]);
    try {
      const [cmd, argv] = chrootArgv(def.chroot, chrootEnv(), path.join(def.venv, 'bin', 'python'), ['-c', PY_SEED, ...args]);
      return spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 16 << 20, timeout: 600_000 });
    } finally {
      release();
    }
  }
  return spawnSync(path.join(def.venv, 'bin', 'python'), ['-c', PY_SEED, ...args], { encoding: 'utf8', maxBuffer: 16 << 20, timeout: 600_000 });
}

/** What goes where, computed from the week: per entity its states, 5-minute rows and hourly rows. */
export function planImport(week, { stateDays = STATE_DAYS } = {}) {
  const stateFrom = week.anchor - stateDays * DAY;
  return Object.keys(SENSORS).map((id) => {
    const series = week.series[id];
    return {
      entity_id: id,
      unit: SENSORS[id].unit ?? null,
      name: SENSORS[id].name,
      attributes: sensorAttributes(id),
      states: recordedStates(id, series, stateFrom, week.anchor).map(([t, s]) => [t / 1000, s]),
      short_term: periodStatistics(series, FIVE_MINUTES, stateFrom, week.anchor).map((r) => [r.start / 1000, r.mean, r.min, r.max]),
      hourly: periodStatistics(series, HOUR, week.start, week.anchor),
    };
  });
}

/** Insert states, 5-minute statistics and a recorder run with Home Assistant stopped. */
function seedDatabase(lane, entities) {
  const db = path.join(lane.configDir, RECORDER_DB);
  if (!fs.existsSync(db)) throw new Error(`no recorder database at ${db}`);
  const input = path.join(lane.configDir, `.ha-vitals-demo-seed-${process.pid}.json`);
  try {
    fs.writeFileSync(input, JSON.stringify({ entities: entities.map(({ hourly: _h, ...e }) => e) }));
    const r = runLanePython(lane, [input, db]);
    const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
    let parsed = null;
    try {
      parsed = JSON.parse(line);
    } catch {
      /* below */
    }
    if (r.status !== 0 || !parsed || parsed.error) {
      throw new Error(`seeding ${db} failed (exit ${r.status ?? r.signal}${r.error ? `, ${r.error.message}` : ''}): ${parsed?.error ?? ''}\n${(r.stderr ?? '').slice(-2000)}`);
    }
    return parsed;
  } finally {
    fs.rmSync(input, { force: true });
  }
}

/**
 * recorder/import_statistics for one entity. Newer Home Assistant wants `mean_type` and
 * `unit_class` (and warns without them); 2024.3 knows only `has_mean` and refuses other keys.
 * `forms` is the order to try (the first that the schema accepts is kept for the next entities).
 */
async function importHourly(ws, entity, rows, unitClass, forms) {
  const stats = rows.map((r) => ({ start: new Date(r.start).toISOString(), mean: r.mean, min: r.min, max: r.max }));
  const base = { has_sum: false, name: null, source: 'recorder', statistic_id: entity.entity_id, unit_of_measurement: entity.unit };
  const metadata = { mean_type: { ...base, mean_type: 1, unit_class: unitClass ?? null }, has_mean: { ...base, has_mean: true } };
  for (let i = 0; i < forms.length; i++) {
    try {
      await ws.send({ type: 'recorder/import_statistics', metadata: metadata[forms[i]], stats });
      if (i > 0) forms.unshift(...forms.splice(i, 1));
      return forms[0];
    } catch (e) {
      if (i === forms.length - 1 || !/extra keys|not allowed|invalid_format/i.test(e.message)) throw e;
    }
  }
}

/** Home Assistant before 2025.4 has no `mean_type` (HA's own version string, e.g. "2024.3.3"). */
function statisticsForms(haVersion) {
  const [year, month] = String(haVersion ?? '').split('.').map(Number);
  const old = year < 2025 || (year === 2025 && month < 4);
  return old ? ['has_mean', 'mean_type'] : ['mean_type', 'has_mean'];
}

/** Hourly rows the recorder has for an entity in [from, to): to see the import land. */
async function hourlyCount(ws, id, from, to) {
  const res = await ws.send({ type: 'recorder/statistics_during_period', start_time: new Date(from).toISOString(), end_time: new Date(to).toISOString(), statistic_ids: [id], period: 'hour', types: ['mean'] });
  return (res[id] ?? []).length;
}

/**
 * Import the fortnight into a started lane (Home Assistant running, the demo generator not yet):
 * stops Home Assistant, seeds its database, starts it again, imports the long-term statistics,
 * writes the marker. Returns a summary with the figures.
 */
export async function importWeek(lane, { seed = 20261124, log = console.log } = {}) {
  const t0 = Date.now();
  await lane._stopHass();
  const anchor = Date.now();
  const week = generateWeek({ now: anchor, seed, days: STATISTICS_DAYS });
  const entities = planImport(week);
  const t1 = Date.now();
  const seeded = seedDatabase(lane, entities);
  const t2 = Date.now();
  log(`recorded states and 5-minute statistics written (${Object.values(seeded.entities).reduce((n, e) => n + e.states, 0)} states, ${Object.values(seeded.entities).reduce((n, e) => n + e.shortTerm, 0)} 5-minute rows, schema ${seeded.schemaVersion}); starting Home Assistant again`);
  await lane.restart();
  const t3 = Date.now();
  // Hours Home Assistant compiles itself (from its first statistics run on) are left to it.
  const firstRunHour = Math.floor((seeded.firstStatisticsRun * 1000) / HOUR) * HOUR;
  const ws = await lane.ws();
  const hourly = {};
  const forms = statisticsForms(lane.haVersion);
  let form;
  try {
    for (const e of entities) {
      const cutoff = Math.min(firstRunHour, Math.floor((seeded.entities[e.entity_id].cutoff * 1000) / HOUR) * HOUR);
      const rows = e.hourly.filter((r) => r.start + HOUR <= cutoff);
      if (rows.length) form = await importHourly(ws, e, rows, seeded.entities[e.entity_id].unitClass, forms);
      hourly[e.entity_id] = { rows: rows.length, from: rows[0]?.start, to: rows.at(-1)?.start };
    }
    // The recorder imports in its own queue: wait until the last entity's rows are there.
    const last = entities.findLast((e) => hourly[e.entity_id].rows > 0);
    if (last) {
      const { rows, from, to } = hourly[last.entity_id];
      const deadline = Date.now() + 60_000;
      while ((await hourlyCount(ws, last.entity_id, from, to + HOUR)) < rows) {
        if (Date.now() > deadline) throw new Error(`the recorder did not import ${last.entity_id}'s ${rows} hourly rows within 60 s`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  } finally {
    await ws.close();
  }
  const summary = {
    version: WEEK_VERSION,
    seed,
    anchor: new Date(week.anchor).toISOString(),
    importedAt: new Date().toISOString(),
    haVersion: lane.haVersion,
    schemaVersion: seeded.schemaVersion,
    statisticsForm: form,
    events: Object.fromEntries(
      Object.entries(week.events).map(([k, v]) => [k, typeof v === 'number' ? new Date(v).toISOString() : { start: new Date(v.start).toISOString(), end: new Date(v.end).toISOString() }]),
    ),
    states: Object.values(seeded.entities).reduce((n, e) => n + e.states, 0),
    shortTermRows: Object.values(seeded.entities).reduce((n, e) => n + e.shortTerm, 0),
    hourlyRows: Object.values(hourly).reduce((n, e) => n + e.rows, 0),
    recorderRun: seeded.recorderRun?.map((t) => new Date(t * 1000).toISOString()) ?? null,
    ms: { generate: t1 - anchor, seed: t2 - t1, restart: t3 - t2, statistics: Date.now() - t3, total: Date.now() - t0 },
  };
  fs.writeFileSync(path.join(lane.configDir, MARKER), JSON.stringify(summary, null, 2));
  return summary;
}
