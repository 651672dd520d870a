// Recorder history in the past, for suites that need days of states (Home Assistant has no API
// that writes a state with an old timestamp): rows go straight into the lane's SQLite database.
//
//   const seeded = await seedRecorderStates(ha, 'sensor.x', samples, { attributes: { unit_of_measurement: '%' } });
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chrootArgv, chrootEnv, mountChroot } from '../../scripts/ha/lanes.mjs';

/** The recorder's database in a lane's config dir (the recorder's default `db_url`). */
export const RECORDER_DB = 'home-assistant_v2.db';

// Runs in the lane's own Python (its sqlite3 module: the SQLite Home Assistant itself uses).
// argv: <samples json> <database>. Prints one JSON line.
const PY_SEED = String.raw`
import json, os, sqlite3, sys
src, db = sys.argv[1], sys.argv[2]
with open(src, encoding='utf-8') as f:
    d = json.load(f)
eid, times, states, attrs = d['entity_id'], d['times'], d['states'], d.get('attributes')
con = sqlite3.connect(db, timeout=60)
cur = con.cursor()
tables = {r[0] for r in cur.execute("select name from sqlite_master where type='table'")}
if 'states_meta' not in tables or 'states' not in tables:
    print(json.dumps({'error': 'no states/states_meta tables: not a recorder database of Home Assistant 2023.4 or later (tables: %s)' % sorted(tables)}))
    sys.exit(2)
cols = [r[1] for r in cur.execute('pragma table_info(states)')]
for need in ('state', 'last_updated_ts', 'last_changed_ts', 'metadata_id', 'attributes_id', 'origin_idx', 'old_state_id'):
    if need not in cols:
        print(json.dumps({'error': 'states has no column %s (columns: %s)' % (need, cols)}))
        sys.exit(2)
schema = cur.execute('select schema_version from schema_changes order by change_id desc limit 1').fetchone() if 'schema_changes' in tables else None
row = cur.execute('select metadata_id from states_meta where entity_id = ?', (eid,)).fetchone()
created_meta = row is None
if row:
    mid = row[0]
else:
    cur.execute('insert into states_meta (entity_id) values (?)', (eid,))
    mid = cur.lastrowid
aid = None
created_attrs = False
if attrs is not None:
    # as the recorder stores them: compact JSON, hash = FNV-1a 32 of its UTF-8 bytes
    shared = json.dumps(attrs, separators=(',', ':'), ensure_ascii=False)
    h = 0x811C9DC5
    for b in shared.encode('utf-8'):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    r = cur.execute('select attributes_id from state_attributes where hash = ? and shared_attrs = ?', (h, shared)).fetchone()
    if r:
        aid = r[0]
    else:
        cur.execute('insert into state_attributes (hash, shared_attrs) values (?, ?)', (h, shared))
        aid = cur.lastrowid
        created_attrs = True
else:
    r = cur.execute('select attributes_id from states where metadata_id = ? order by last_updated_ts desc limit 1', (mid,)).fetchone()
    aid = r[0] if r else None
has_reported = 'last_reported_ts' in cols
has_ctx = 'context_id_bin' in cols
first_id = (cur.execute('select max(state_id) from states').fetchone()[0] or 0) + 1
names = ['state_id', 'state', 'last_updated_ts', 'last_changed_ts', 'old_state_id', 'attributes_id', 'origin_idx', 'metadata_id']
if has_reported:
    names.append('last_reported_ts')
if has_ctx:
    names.append('context_id_bin')
def rows():
    for i, (t, s) in enumerate(zip(times, states)):
        # last_changed_ts NULL = equal to last_updated_ts (how the recorder stores a change)
        r = [first_id + i, s, t, None, first_id + i - 1 if i else None, aid, 0, mid]
        if has_reported:
            r.append(t)
        if has_ctx:
            r.append(int(t * 1000).to_bytes(6, 'big') + os.urandom(10))  # ULID-shaped, like a Context id
        yield r
cur.executemany('insert into states (%s) values (%s)' % (', '.join(names), ', '.join('?' * len(names))), rows())
con.commit()
lo, hi = min(times), max(times)
n = cur.execute('select count(*) from states where metadata_id = ? and last_updated_ts >= ? and last_updated_ts <= ?', (mid, lo, hi)).fetchone()[0]
con.close()
print(json.dumps({
    'inserted': len(times), 'rowsInRange': n, 'metadataId': mid, 'createdMeta': created_meta, 'attributesId': aid,
    'createdAttributes': created_attrs, 'schemaVersion': schema[0] if schema else None, 'lastReportedColumn': has_reported,
    'firstStateId': first_id, 'sqlite': sqlite3.sqlite_version, 'python': sys.version.split()[0],
}))
`;

function runLanePython(lane, args) {
  const def = lane.def;
  let cmd;
  let argv;
  let release = () => {};
  if (def.kind === 'chroot') {
    // the config dir is bind-mounted at the same path inside the chroot, as when HA runs
    release = mountChroot(def.chroot, [lane.configDir]);
    [cmd, argv] = chrootArgv(def.chroot, chrootEnv(), path.join(def.venv, 'bin', 'python'), ['-c', PY_SEED, ...args]);
  } else {
    cmd = path.join(def.venv, 'bin', 'python');
    argv = ['-c', PY_SEED, ...args];
  }
  try {
    return spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 16 << 20, timeout: 300_000 });
  } finally {
    release();
  }
}

/**
 * Write states of `entityId` with past timestamps into the recorder of a running lane, so that
 * `history/history_during_period` (and the cards) return them as if Home Assistant had recorded
 * them. Stops Home Assistant, inserts the rows with the lane's own Python and SQLite (host venv in
 * the oldest lane, the chroot's /opt/venv in the newest), and starts it again on the same port and
 * config (`ha.restart()` of the fixture, which also reopens its websocket; or `lane.restart()`).
 *
 * target   the fixture handle (`useDashboard()`), or a started Lane
 * samples  [[epochMs, state], ...] in time order, all in the past; state: number or string
 * options  attributes  the rows' attributes (stored once in state_attributes, as the recorder does,
 *                      compact JSON + FNV-1a hash); default: those of the entity's newest recorded
 *                      row, or none
 *
 * Returns {inserted, rowsInRange, metadataId, createdMeta, attributesId, createdAttributes,
 * schemaVersion, lastReportedColumn, firstStateId, sqlite, python, ms: {stop, insert, start}}.
 *
 * Rows: state_id continues the table, old_state_id chains the inserted rows, last_changed_ts NULL
 * (= last_updated_ts: every row is a state change), last_reported_ts = last_updated_ts where the
 * column exists (schema 43+, HA 2024.4+; the oldest lane's schema 42 has none), origin local,
 * context_id_bin a random ULID-shaped id. The entity's states_meta row is reused or created.
 *
 * Limits:
 * - SQLite only (the lanes' default `home-assistant_v2.db`), recorder schema with `states_meta`
 *   (Home Assistant 2023.4 or later); anything older is refused with the tables it found.
 * - Restarts Home Assistant: states set over REST before are gone (they are not restored), open
 *   pages reconnect. Set the entity's current state after this call; seed before the browsers open
 *   (the fixture's `setup` hook).
 * - States only: no events, no long-term statistics (a window beyond the recorder's
 *   purge_keep_days, 30 in the Lane's config, shows nothing), and the recorder purges the rows
 *   like any other once they are older than purge_keep_days.
 * - Every row is a change: consecutive equal states are stored as separate changes (the recorder
 *   would only move last_updated). History answers with minimal_response drop a row whose state
 *   equals the previous one, so seed distinct consecutive states to get every row back.
 * - No check against rows the recorder already has at those times (duplicates are inserted).
 */
export async function seedRecorderStates(target, entityId, samples, { attributes } = {}) {
  const lane = target.lane ?? target;
  if (!lane?.configDir || !lane.def) throw new Error('seedRecorderStates: pass the fixture handle or a started Lane');
  if (!/^[a-z0-9_]+\.[a-z0-9_]+$/.test(entityId)) throw new Error(`seedRecorderStates: bad entity id ${JSON.stringify(entityId)}`);
  if (!Array.isArray(samples) || samples.length === 0) throw new Error('seedRecorderStates: no samples');
  const now = Date.now();
  const times = new Array(samples.length);
  const states = new Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const [t, s] = samples[i];
    if (!Number.isFinite(t) || t > now) throw new Error(`seedRecorderStates: sample ${i} has time ${t}: every sample must be in the past`);
    if (i > 0 && t < samples[i - 1][0]) throw new Error(`seedRecorderStates: samples must be in time order (sample ${i})`);
    times[i] = t / 1000;
    states[i] = String(s);
    if (states[i].length > 255) throw new Error(`seedRecorderStates: sample ${i}: a state is at most 255 characters`);
  }
  if (typeof lane._stopHass !== 'function') throw new Error('seedRecorderStates: this Lane has no _stopHass() (scripts/ha/lane.mjs changed?)');
  const dataFile = path.join(lane.configDir, `.e2e-recorder-seed-${process.pid}.json`);
  const db = path.join(lane.configDir, RECORDER_DB);
  const t0 = Date.now();
  // Stop HA only (mosquitto, the config dir and the token stay): the recorder closes the database
  // and nothing writes to it while the rows go in. Lane.restart() starts it again.
  await lane._stopHass();
  const t1 = Date.now();
  let result;
  try {
    if (!fs.existsSync(db)) throw new Error(`seedRecorderStates: no recorder database at ${db}`);
    fs.writeFileSync(dataFile, JSON.stringify({ entity_id: entityId, times, states, attributes: attributes ?? null }));
    const r = runLanePython(lane, [dataFile, db]);
    const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
    let parsed = null;
    try {
      parsed = JSON.parse(line);
    } catch {
      /* below */
    }
    if (r.status !== 0 || !parsed || parsed.error) {
      throw new Error(`seedRecorderStates: inserting into ${db} failed (exit ${r.status ?? r.signal}${r.error ? `, ${r.error.message}` : ''}): ${parsed?.error ?? ''}\n${(r.stderr ?? '').slice(-2000)}`);
    }
    result = parsed;
  } finally {
    fs.rmSync(dataFile, { force: true });
  }
  const t2 = Date.now();
  if (typeof target.restart === 'function' && target.lane) await target.restart();
  else await lane.restart();
  return { ...result, ms: { stop: t1 - t0, insert: t2 - t1, start: Date.now() - t2 } };
}
