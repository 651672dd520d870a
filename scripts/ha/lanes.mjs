// Shared definitions for the real-Home-Assistant lanes (used by
// scripts/ha/setup.mjs, scripts/ha/lane.mjs, e2e/ and scripts/demo.mjs).
//
// Everything big lives outside the repo under ~/.cache/ha-vitals/ (override
// with HA_VITALS_CACHE):
//   pip/<lane>/            pip cache per lane
//   oldest/venv/           host Python 3.11 venv (HA 2024.3.3)
//   newest/chroot/         Debian testing (forky) chroot with /opt/venv (Python 3.14)
//   <lane>/lane.json       stamp + facts of a finished setup (versions, python)
//   runs/                  per-run HA config dirs (e2e)
//   demo-config/           persistent config of `npm start`
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CACHE = process.env.HA_VITALS_CACHE || path.join(os.homedir(), '.cache', 'ha-vitals');
export const RUNS_DIR = path.join(CACHE, 'runs');
export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

// Integrations configured by the harness (besides what HA always loads), plus
// a few that get imported. Their pip requirements (plus those of HA's always-loaded integrations,
// following `dependencies`) are preinstalled; HA then runs with --skip-pip.
// Add a domain here when a suite configures a new integration: setup.mjs
// notices the changed list (it is part of the stamp) and installs the rest.
export const DOMAINS = [
  'frontend', 'http', 'api', 'websocket_api', 'auth', 'config', 'onboarding', 'lovelace',
  'recorder', 'history', 'logbook', 'mqtt', 'template', 'input_number', 'input_boolean',
  'notify', 'conversation', 'assist_pipeline', 'system_health', 'sensor', 'logger',
  // /api/prometheus: the reported sensors reach external monitoring (prometheus-export suite)
  'prometheus',
  // trend rules that run in HA make Trend helpers (server-trend-rules suite); numpy
  'trend',
  // loaded as MQTT platform on 2024.3; its PyTurboJPEG pulls numpy, without which
  // get_services fails and the 2024.3 frontend hangs at "Loading data"
  'camera',
  // not set up, but mqtt's config flow imports it on 2026.x (aiohasupervisor)
  'hassio',
];

// Bump when the install recipe changes so existing caches get redone.
const RECIPE = 4;

export const LANES = {
  oldest: {
    name: 'oldest',
    kind: 'host',
    haVersion: '2024.3.3',
    frontendVersion: '20240307.0',
    pythonBin: 'python3.11',
    dir: path.join(CACHE, 'oldest'),
    venv: path.join(CACHE, 'oldest', 'venv'),
  },
  newest: {
    name: 'newest',
    kind: 'chroot',
    // Newest homeassistant on PyPI when this was written (needs Python >= 3.14.2).
    // Override: HA_VITALS_NEWEST_VERSION=2026.11.1 node scripts/ha/setup.mjs newest
    haVersion: process.env.HA_VITALS_NEWEST_VERSION || '2026.11.0',
    frontendVersion: null, // pinned by homeassistant/components/frontend/manifest.json
    pythonBin: 'python3.14',
    suite: 'forky',
    dir: path.join(CACHE, 'newest'),
    chroot: path.join(CACHE, 'newest', 'chroot'),
    venv: '/opt/venv', // inside the chroot
  },
};

export function laneNames(arg) {
  if (!arg || arg === 'all') return Object.keys(LANES);
  if (!LANES[arg]) throw new Error(`unknown lane "${arg}" (expected oldest|newest|all)`);
  return [arg];
}

export function stampKey(lane) {
  const l = LANES[lane];
  return JSON.stringify({ recipe: RECIPE, ha: l.haVersion, fe: l.frontendVersion, domains: DOMAINS, suite: l.suite ?? null });
}

/** Facts written by setup.mjs when a lane is complete, or null. */
export function readLaneInfo(lane) {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(LANES[lane].dir, 'lane.json'), 'utf8'));
    return info.stamp === stampKey(lane) ? info : null;
  } catch {
    return null;
  }
}

export function requireLaneInfo(lane) {
  const info = readLaneInfo(lane);
  if (!info) throw new Error(`lane "${lane}" is not set up (or outdated): run  node scripts/ha/setup.mjs ${lane}`);
  return info;
}

// ---------------------------------------------------------------- apt mirror
/** The Debian mirror URI of the host's main suite (deb822 or one-line format). */
export function hostDebianMirror() {
  const deb822 = '/etc/apt/sources.list.d/debian.sources';
  if (fs.existsSync(deb822)) {
    for (const stanza of fs.readFileSync(deb822, 'utf8').split(/\n\s*\n/)) {
      const uris = /^URIs:\s*(\S+)/m.exec(stanza)?.[1];
      const suites = /^Suites:\s*(.+)$/m.exec(stanza)?.[1] ?? '';
      if (uris && !/security/.test(suites) && !/security/.test(uris)) return uris;
    }
  }
  for (const f of ['/etc/apt/sources.list', ...listDir('/etc/apt/sources.list.d').filter((x) => x.endsWith('.list'))]) {
    if (!fs.existsSync(f)) continue;
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
      const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line.trim());
      if (m && !/security/.test(m[1] + m[2])) return m[1];
    }
  }
  throw new Error('cannot find a Debian mirror in the host apt sources');
}

function listDir(d) {
  try {
    return fs.readdirSync(d).map((x) => path.join(d, x));
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------- chroot mounts
function mountedPaths() {
  return fs
    .readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' ')[1].replace(/\\040/g, ' '));
}

export function isMounted(p) {
  return mountedPaths().includes(p);
}

/** Mount points at or below `root` (deepest first). */
export function mountsUnder(root) {
  return mountedPaths()
    .filter((m) => m === root || m.startsWith(root + '/'))
    .sort((a, b) => b.length - a.length);
}

/**
 * Prepare the newest-lane chroot for running commands: /proc, /dev (+ /dev/pts,
 * /dev/shm), /sys, plus bind mounts of host directories at the same path.
 * Returns a release() that unmounts exactly what this call mounted (mount
 * points that were already there, e.g. from a concurrent demo, are left alone).
 */
export function mountChroot(root, binds = []) {
  const mine = [];
  const mount = (target, args) => {
    if (isMounted(target)) return;
    fs.mkdirSync(target, { recursive: true });
    execFileSync('mount', [...args, target], { stdio: 'inherit' });
    mine.push(target);
  };
  try {
    mount(path.join(root, 'proc'), ['-t', 'proc', 'proc']);
    mount(path.join(root, 'dev'), ['--rbind', '/dev']);
    if (mine.includes(path.join(root, 'dev'))) execFileSync('mount', ['--make-rslave', path.join(root, 'dev')]);
    mount(path.join(root, 'sys'), ['--rbind', '/sys']);
    if (mine.includes(path.join(root, 'sys'))) execFileSync('mount', ['--make-rslave', path.join(root, 'sys')]);
    for (const host of binds) {
      fs.mkdirSync(host, { recursive: true });
      mount(path.join(root, host), ['--bind', host]);
    }
    // name resolution / CA bundle follow the host on every run
    for (const f of ['/etc/resolv.conf', '/etc/hosts']) {
      try {
        fs.copyFileSync(f, path.join(root, f));
      } catch {
        /* optional */
      }
    }
  } catch (e) {
    unmountList(mine);
    throw e;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    unmountList(mine);
  };
}

function unmountList(list) {
  for (const m of [...list].reverse()) {
    let r = spawnSync('umount', ['-R', m], { stdio: 'pipe' });
    if (r.status !== 0) r = spawnSync('umount', ['-R', '-l', m], { stdio: 'pipe' });
    if (r.status !== 0) process.stderr.write(`warning: could not unmount ${m}: ${r.stderr}\n`);
  }
}

/** Environment for processes inside the chroot (the host's PIP_* settings refer to host paths). */
export function chrootEnv(extra = {}) {
  return {
    PATH: '/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: '/root',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    SSL_CERT_FILE: '/etc/ha-vitals-ca.crt',
    REQUESTS_CA_BUNDLE: '/etc/ha-vitals-ca.crt',
    ...extra,
  };
}

/** argv to run `cmd args` inside the chroot with a clean environment. */
export function chrootArgv(root, env, cmd, args = []) {
  const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  return ['chroot', [root, '/usr/bin/env', '-i', ...envArgs, cmd, ...args]];
}
