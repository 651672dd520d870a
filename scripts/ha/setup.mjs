#!/usr/bin/env node
// Idempotent install of the real-Home-Assistant lanes into ~/.cache/ha-vitals/.
//
//   node scripts/ha/setup.mjs [oldest|newest|all]      (default: all)
//
// oldest: venv of the host's Python 3.11 with homeassistant 2024.3.3 +
//         home-assistant-frontend 20240307.0.
// newest: Debian testing (forky) chroot made with debootstrap from the host's
//         apt mirror, python3.14 venv at /opt/venv with the newest homeassistant
//         and the frontend its manifest pins.
// Both get the pip requirements of every integration the harness loads
// (scripts/ha/lanes.mjs DOMAINS + HA's always-loaded ones), so HA runs with
// --skip-pip. A finished lane writes <lane>/lane.json; a second run is a no-op.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  CACHE, DOMAINS, LANES, chrootArgv, chrootEnv, hostDebianMirror, laneNames, mountChroot, mountsUnder,
  readLaneInfo, stampKey,
} from './lanes.mjs';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const COLLECT = path.join(HERE, 'collect_requirements.py');
const APT_PACKAGES = ['python3.14', 'python3.14-venv', 'python3.14-dev', 'g++', 'ca-certificates', 'libturbojpeg0'];
const t0 = Date.now();

function log(msg) {
  const s = ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
  console.log(`[ha-setup ${s}s] ${msg}`);
}

/** Run a command, streaming its output with a prefix; reject on failure. */
function run(cmd, args, { env = process.env, quiet = false, capture = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let tail = '';
    const onData = (buf) => {
      const s = buf.toString();
      if (capture) out += s;
      tail = (tail + s).slice(-6000);
      if (quiet) return;
      for (const line of s.split('\n')) {
        // the host's pip config lists local file:// indexes that lack most projects
        if (line.trim() && !/WARNING: Location 'file:/.test(line)) process.stdout.write(`    ${line}\n`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (b) => {
      tail = (tail + b.toString()).slice(-6000);
      if (!quiet) onData(b);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${tail}`));
    });
  });
}

function pipEnvHost(lane) {
  return { ...process.env, PIP_CACHE_DIR: path.join(CACHE, 'pip', lane), PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_PROGRESS_BAR: 'off' };
}

/**
 * pip settings to carry into the chroot: index/timeout options of the host
 * (env PIP_* and `pip config list`), but not local file indexes, find-links or
 * constraint files (host paths, and the host wheels are for Python 3.11).
 */
function pipEnvChroot(cacheDir) {
  const env = {
    PIP_CACHE_DIR: cacheDir,
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_PROGRESS_BAR: 'off',
    PIP_CERT: '/etc/ha-vitals-ca.crt',
  };
  const keep = ['index-url', 'extra-index-url', 'trusted-host', 'timeout', 'default-timeout', 'retries'];
  let cfg = '';
  try {
    cfg = execFileSync('python3', ['-m', 'pip', 'config', 'list'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    /* no pip on host */
  }
  const fromCfg = {};
  for (const line of cfg.split('\n')) {
    const m = /^[\w.-]+?\.([\w-]+)='(.*)'$/.exec(line.trim());
    if (m && keep.includes(m[1])) fromCfg[m[1]] = m[2];
  }
  for (const k of keep) {
    const envName = 'PIP_' + k.toUpperCase().replace(/-/g, '_');
    const v = process.env[envName] ?? fromCfg[k];
    if (v === undefined) continue;
    const filtered = v.split(/\s+/).filter((x) => x && !x.startsWith('file:') && !x.startsWith('/')).join(' ');
    if (filtered) env[k === 'timeout' ? 'PIP_DEFAULT_TIMEOUT' : envName] = filtered;
  }
  return env;
}

// ------------------------------------------------------------------ oldest
async function setupOldest() {
  const L = LANES.oldest;
  const py = path.join(L.venv, 'bin', 'python');
  const env = pipEnvHost('oldest');
  fs.mkdirSync(L.dir, { recursive: true });
  if (fs.existsSync(py) && installedVersion(py, 'homeassistant') !== L.haVersion) {
    log('oldest: venv has another HA version, recreating');
    fs.rmSync(L.venv, { recursive: true, force: true });
  }
  if (!fs.existsSync(py)) {
    const hostPy = findHostPython(L.pythonBin);
    log(`oldest: creating venv with ${hostPy}`);
    await run(hostPy, ['-m', 'venv', L.venv]);
    await run(py, ['-m', 'pip', 'install', '-q', '-U', 'pip', 'wheel'], { env });
  }
  log(`oldest: pip install homeassistant==${L.haVersion} home-assistant-frontend==${L.frontendVersion}`);
  // josepy 2 dropped ComparableX509, which the acme of HA 2024.3's hass-nabucasa
  // imports (every HTTP request then fails in forwarded_middleware); later HA
  // releases pin josepy themselves.
  await run(py, ['-m', 'pip', 'install', '-q', `homeassistant==${L.haVersion}`, `home-assistant-frontend==${L.frontendVersion}`, 'josepy<2'], { env });
  const reqs = await run(py, [COLLECT, ...DOMAINS], { capture: true, quiet: true });
  const reqFile = path.join(L.dir, 'requirements.txt');
  fs.writeFileSync(reqFile, reqs);
  const constraints = path.join(path.dirname(execFileSync(py, ['-c', 'import homeassistant,sys;print(homeassistant.__file__)'], { encoding: 'utf8' }).trim()), 'package_constraints.txt');
  log(`oldest: pip install ${reqs.trim().split('\n').length} integration requirements`);
  await run(py, ['-m', 'pip', 'install', '-q', '-r', reqFile, '-c', constraints], { env });
  const info = {
    lane: 'oldest',
    haVersion: installedVersion(py, 'homeassistant'),
    frontendVersion: installedVersion(py, 'home-assistant-frontend'),
    python: execFileSync(py, ['-c', 'import platform;print(platform.python_version())'], { encoding: 'utf8' }).trim(),
  };
  if (info.frontendVersion !== L.frontendVersion) throw new Error(`oldest: frontend ${info.frontendVersion} installed, expected ${L.frontendVersion}`);
  return info;
}

/** python3.11 from PATH, else the usual install places (pyenv, /usr/local, /usr). */
function findHostPython(bin) {
  const ver = bin.replace('python', '');
  const pyenv = path.join(process.env.PYENV_ROOT || path.join(process.env.HOME || '/root', '.pyenv'), 'versions');
  const candidates = [
    ...(process.env.PATH || '').split(':').filter(Boolean).map((d) => path.join(d, bin)),
    ...(fs.existsSync(pyenv) ? fs.readdirSync(pyenv).filter((v) => v.startsWith(ver + '.')).sort().reverse().map((v) => path.join(pyenv, v, 'bin', bin)) : []),
    `/usr/local/bin/${bin}`,
    `/usr/bin/${bin}`,
  ];
  for (const c of candidates) {
    try {
      execFileSync(c, ['-c', 'import venv, ensurepip'], { stdio: 'ignore' });
      return c;
    } catch {
      /* next */
    }
  }
  throw new Error(`${bin} (with venv/ensurepip) not found; the oldest lane needs the host's Python ${ver}`);
}

function installedVersion(py, dist, wrap = (c, a) => [c, a]) {
  try {
    const [c, a] = wrap(py, ['-c', `import importlib.metadata as m;print(m.version(${JSON.stringify(dist)}))`]);
    return execFileSync(c, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ newest
async function setupNewest() {
  const L = LANES.newest;
  const root = L.chroot;
  fs.mkdirSync(L.dir, { recursive: true });
  const baseStamp = path.join(root, '.ha-vitals-base');

  if (!fs.existsSync(baseStamp)) {
    const tmp = root + '.tmp';
    for (const d of [tmp, root]) {
      if (mountsUnder(d).length) throw new Error(`refusing to delete ${d}: mounts below it: ${mountsUnder(d).join(', ')}`);
      fs.rmSync(d, { recursive: true, force: true });
    }
    const mirror = hostDebianMirror();
    log(`newest: debootstrap --variant=minbase ${L.suite} from ${mirror}`);
    await run('debootstrap', ['--variant=minbase', L.suite, tmp, mirror, '/usr/share/debootstrap/scripts/sid'], { quiet: true });
    fs.writeFileSync(path.join(tmp, '.ha-vitals-base'), `${L.suite} ${mirror}\n`);
    fs.renameSync(tmp, root);
  }

  const pipCache = path.join(CACHE, 'pip', 'newest');
  const release = mountChroot(root, [pipCache]);
  const inChroot = (cmd, args, opts = {}) => {
    const [c, a] = chrootArgv(root, chrootEnv({ DEBIAN_FRONTEND: 'noninteractive', ...(opts.env ?? {}) }), cmd, args);
    return run(c, a, { ...opts, env: process.env });
  };
  try {
    // The host's CA bundle (it may carry the CA of a registry proxy) and pip
    // cert setting; the host's find-links/local indexes/constraints are not copied.
    fs.copyFileSync('/etc/ssl/certs/ca-certificates.crt', path.join(root, 'etc/ha-vitals-ca.crt'));
    fs.writeFileSync(path.join(root, 'etc/pip.conf'), '[global]\ncert = /etc/ha-vitals-ca.crt\n');
    // The mirror may be a frozen snapshot whose Release files have expired.
    fs.writeFileSync(path.join(root, 'etc/apt/apt.conf.d/99ha-vitals'), 'Acquire::Check-Valid-Until "false";\nAPT::Install-Recommends "false";\n');

    const aptStamp = path.join(root, '.ha-vitals-apt');
    if (!fs.existsSync(aptStamp) || fs.readFileSync(aptStamp, 'utf8') !== APT_PACKAGES.join(' ')) {
      log(`newest: apt-get install ${APT_PACKAGES.join(' ')}`);
      await inChroot('apt-get', ['-q', 'update'], { quiet: true });
      await inChroot('apt-get', ['install', '-y', '-q', ...APT_PACKAGES], { quiet: true });
      await inChroot('apt-get', ['clean'], { quiet: true });
      fs.writeFileSync(aptStamp, APT_PACKAGES.join(' '));
    }
    const pyVer = (await inChroot(L.pythonBin, ['-c', 'import platform;print(platform.python_version())'], { capture: true, quiet: true })).trim();
    log(`newest: chroot ${L.pythonBin} is ${pyVer}`);

    const venvPy = path.join(L.venv, 'bin', 'python');
    const wrap = (c, a) => chrootArgv(root, chrootEnv(), c, a);
    // (venv/bin/python is an absolute symlink into the chroot: test pyvenv.cfg)
    const haveVenv = () => fs.existsSync(path.join(root, L.venv, 'pyvenv.cfg'));
    if (haveVenv() && installedVersion(venvPy, 'homeassistant', wrap) !== L.haVersion) {
      log('newest: venv has another HA version, recreating');
      fs.rmSync(path.join(root, L.venv), { recursive: true, force: true });
    }
    const pipEnv = pipEnvChroot(pipCache);
    if (!haveVenv()) {
      log(`newest: creating venv ${L.venv}`);
      await inChroot(L.pythonBin, ['-m', 'venv', L.venv]);
      await inChroot(venvPy, ['-m', 'pip', 'install', '-q', '-U', 'pip', 'wheel'], { env: pipEnv });
    }
    log(`newest: pip install homeassistant==${L.haVersion}`);
    await inChroot(venvPy, ['-m', 'pip', 'install', '-q', `homeassistant==${L.haVersion}`], { env: pipEnv });
    fs.copyFileSync(COLLECT, path.join(root, 'tmp/collect_requirements.py'));
    const reqs = await inChroot(venvPy, ['/tmp/collect_requirements.py', ...DOMAINS], { capture: true, quiet: true });
    fs.writeFileSync(path.join(root, 'tmp/ha-vitals-requirements.txt'), reqs);
    fs.writeFileSync(path.join(L.dir, 'requirements.txt'), reqs);
    const haPkg = (await inChroot(venvPy, ['-c', 'import homeassistant,os;print(os.path.dirname(homeassistant.__file__))'], { capture: true, quiet: true })).trim();
    log(`newest: pip install ${reqs.trim().split('\n').length} integration requirements (some are compiled for cp314)`);
    await inChroot(venvPy, ['-m', 'pip', 'install', '-q', '-r', '/tmp/ha-vitals-requirements.txt', '-c', `${haPkg}/package_constraints.txt`], { env: pipEnv });
    const manifest = JSON.parse(fs.readFileSync(path.join(root, haPkg, 'components/frontend/manifest.json'), 'utf8'));
    const pinned = manifest.requirements.find((r) => r.startsWith('home-assistant-frontend==')).split('==')[1];
    const info = {
      lane: 'newest',
      haVersion: installedVersion(venvPy, 'homeassistant', wrap),
      frontendVersion: installedVersion(venvPy, 'home-assistant-frontend', wrap),
      python: pyVer,
      chroot: root,
      debianSuite: L.suite,
    };
    if (info.frontendVersion !== pinned) throw new Error(`newest: frontend ${info.frontendVersion} installed, manifest pins ${pinned}`);
    return info;
  } finally {
    release();
  }
}

// ------------------------------------------------------------------ host packages
/**
 * Debian packages the harness needs on the host: debootstrap (newest lane),
 * mosquitto (MQTT broker for every lane), chromium (the browser). A fresh
 * machine may lack them: install what is missing with apt-get.
 */
async function ensureHostPackages(lanes) {
  const need = [
    ...(lanes.includes('newest') ? [['debootstrap', '/usr/sbin/debootstrap']] : []),
    ['mosquitto', '/usr/sbin/mosquitto'],
    ['chromium', '/usr/bin/chromium'],
  ].filter(([, bin]) => !fs.existsSync(bin));
  if (!need.length) return;
  const pkgs = need.map(([p]) => p);
  if (process.getuid?.() !== 0) throw new Error(`missing Debian packages (need root to install): ${pkgs.join(' ')}`);
  log(`host: apt-get install ${pkgs.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['-q', 'update'], { env, quiet: true });
  await run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...pkgs], { env, quiet: true });
}

// ------------------------------------------------------------------ main
async function main() {
  const lanes = laneNames(process.argv[2]);
  if (process.getuid?.() !== 0 && lanes.includes('newest')) throw new Error('the newest lane needs root (debootstrap/chroot/mount)');
  await ensureHostPackages(lanes);
  for (const lane of lanes) {
    const have = readLaneInfo(lane);
    if (have) {
      log(`${lane}: up to date (HA ${have.haVersion}, frontend ${have.frontendVersion}, Python ${have.python})`);
      continue;
    }
    const start = Date.now();
    log(`${lane}: setting up in ${LANES[lane].dir}`);
    const info = lane === 'oldest' ? await setupOldest() : await setupNewest();
    info.stamp = stampKey(lane);
    info.setupSeconds = Math.round((Date.now() - start) / 1000);
    info.setupAt = new Date().toISOString();
    fs.writeFileSync(path.join(LANES[lane].dir, 'lane.json'), JSON.stringify(info, null, 2) + '\n');
    log(`${lane}: ready in ${info.setupSeconds}s (HA ${info.haVersion}, frontend ${info.frontendVersion}, Python ${info.python})`);
  }
  log('done');
}

main().catch((e) => {
  console.error(`[ha-setup] FAILED: ${e.message}`);
  process.exit(1);
});
