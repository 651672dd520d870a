// A real Home Assistant instance of one lane (oldest | newest), for the e2e
// suites (e2e/lib/fixture.mjs) and the demo (scripts/demo/main.mjs). See e2e/README.md.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {
  CACHE, LANES, REPO_ROOT, RUNS_DIR, chrootArgv, chrootEnv, mountChroot, mountsUnder, requireLaneInfo,
} from './lanes.mjs';
import { startMosquitto } from './mosquitto.mjs';
import { freePort, onExit, sleep, startProcess, waitFor } from './proc.mjs';
import { connectWs } from './ws.mjs';

/** Placeholder for YAML's `!include` tag, which YAML.stringify would quote: replaced in the written text. */
const AUTOMATIONS_INCLUDE = 'AUTOMATIONS_INCLUDE_PLACEHOLDER';

export const RESOURCE_URL = '/local/community/ha-vitals/ha-vitals.js';
export const DEFAULT_DASHBOARD = 'vitals-e2e';

/**
 * `RESOURCE_URL?hacstag=<n>` for the build installed at `entryFile` (its directory holds the
 * ha-vitals-*.js chunks); n = first 48 bits of sha1(entry + chunk names), a safe integer.
 * Without the file: RESOURCE_URL alone.
 */
export function hacsResourceUrl(entryFile) {
  if (!fs.existsSync(entryFile)) return RESOURCE_URL;
  const h = crypto.createHash('sha1').update(fs.readFileSync(entryFile));
  for (const f of fs.readdirSync(path.dirname(entryFile)).filter((n) => /^ha-vitals-.*\.js$/.test(n)).sort()) h.update(`\n${f}`);
  return `${RESOURCE_URL}?hacstag=${parseInt(h.digest('hex').slice(0, 12), 16)}`;
}
const OWNER_FILE = '.ha-vitals-owner.json';
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Clean up after harness processes that died without their exit hooks
 * (SIGKILL, OOM): kill HA process groups whose owning Node process is gone,
 * unmount the chroot mounts if no process runs inside the chroot any more, and
 * delete run dirs older than a day. Called by Lane.start() and e2e/run.mjs.
 */
export function reapStaleRuns() {
  const dirs = [RUNS_DIR, path.join(CACHE, 'demo-config')];
  for (const base of dirs) {
    const candidates = base === RUNS_DIR ? safeList(RUNS_DIR).map((d) => path.join(RUNS_DIR, d)) : [base];
    for (const dir of candidates) {
      const f = path.join(dir, OWNER_FILE);
      let o;
      try {
        o = JSON.parse(fs.readFileSync(f, 'utf8'));
      } catch {
        continue;
      }
      if (alive(o.owner)) continue;
      for (const pid of [o.hass, o.mosquitto]) {
        if (!pid || !alive(pid)) continue;
        process.stderr.write(`[ha-vitals] reaping orphaned process group ${pid} of ${dir}\n`);
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      fs.rmSync(f, { force: true });
    }
  }
  // stale chroot mounts (no process has its root in the chroot)
  const root = LANES.newest.chroot;
  if (mountsUnder(root).length && !chrootInUse(root)) {
    for (const m of mountsUnder(root)) spawnSync('umount', ['-l', m], { stdio: 'ignore' });
  }
  const dayAgo = Date.now() - 86400e3;
  for (const d of safeList(RUNS_DIR)) {
    const p = path.join(RUNS_DIR, d);
    try {
      if (fs.statSync(p).mtimeMs < dayAgo && !fs.existsSync(path.join(p, OWNER_FILE))) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* raced */
    }
  }
}

function safeList(d) {
  try {
    return fs.readdirSync(d);
  } catch {
    return [];
  }
}

function chrootInUse(root) {
  for (const pid of safeList('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (fs.readlinkSync(`/proc/${pid}/root`) === root) return true;
    } catch {
      /* gone or not ours */
    }
  }
  return false;
}

export const OWNER = { name: 'Vitals Owner', username: 'vitals', password: 'vitals-e2e-password' };

export class HttpError extends Error {
  constructor(method, url, status, body) {
    super(`${method} ${url} -> HTTP ${status}: ${String(body).slice(0, 500)}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * new Lane(name, options)
 *   name: 'oldest' | 'newest'
 *   options:
 *     configDir    persistent config dir to use (default: fresh dir under ~/.cache/ha-vitals/runs/)
 *     port         HTTP port (default: a free port)
 *     bundle       path of the card bundle copied to www/community/ha-vitals/ha-vitals.js
 *                  (default: $HA_VITALS_BUNDLE or <repo>/dist/ha-vitals.js; null = none)
 *     mqtt         true (default): start mosquitto and create the MQTT config entry
 *     dashboards   { urlPath: {title, icon?, config?} } YAML dashboards to declare
 *                  (default: { 'vitals-e2e': {title: 'Vitals E2E'} }); config = initial content
 *     config       object merged (top level) into the generated configuration.yaml
 *     logLevel     logger default (default 'warning')
 *     name         location name shown by HA (default 'HA Vitals')
 *     timeZone     HA's configured time zone (homeassistant: time_zone; hass.config.time_zone),
 *                  default 'UTC'; e.g. 'America/New_York' to differ from a browser's timezoneId
 *     testEntities true (default): input_number.e2e_number + template sensor.e2e_doubled
 *     keepConfig   keep the run dir after stop() (default: env HA_VITALS_KEEP_RUNS=1 or on failure)
 */
export class Lane {
  constructor(name, options = {}) {
    if (!LANES[name]) throw new Error(`unknown lane ${name}`);
    this.name = name;
    this.def = LANES[name];
    this.options = {
      mqtt: true,
      logLevel: 'warning',
      name: 'HA Vitals',
      timeZone: 'UTC',
      testEntities: true,
      dashboards: { [DEFAULT_DASHBOARD]: { title: 'Vitals E2E' } },
      bundle: process.env.HA_VITALS_BUNDLE || path.join(REPO_ROOT, 'dist', 'ha-vitals.js'),
      ...options,
    };
    this.info = null;
    this.port = options.port ?? null;
    this.configDir = options.configDir ?? null;
    this.token = null;
    this.mqtt = null;
    this.proc = null;
    this._release = null;
    this._unhookExit = null;
    this._ownsConfigDir = !options.configDir;
    this.users = new Map(); // username -> user made by createUser() (besides the owner)
  }

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl() {
    return `ws://127.0.0.1:${this.port}/api/websocket`;
  }

  get haVersion() {
    return this.info?.haVersion;
  }

  get frontendVersion() {
    return this.info?.frontendVersion;
  }

  get python() {
    return this.info?.python;
  }

  get logFile() {
    return path.join(this.configDir, 'home-assistant.log');
  }

  /** Path of a dashboard's YAML file (ui-lovelace.yaml-style, re-read on page reload). */
  dashboardFile(urlPath = DEFAULT_DASHBOARD) {
    return path.join(this.configDir, 'dashboards', `${urlPath}.yaml`);
  }

  // ----------------------------------------------------------- lifecycle
  async start() {
    this.info = requireLaneInfo(this.name);
    reapStaleRuns();
    if (!this.configDir) {
      fs.mkdirSync(RUNS_DIR, { recursive: true });
      this.configDir = fs.mkdtempSync(path.join(RUNS_DIR, `${this.name}-`));
    }
    fs.mkdirSync(this.configDir, { recursive: true });
    this.port ??= await freePort();
    if (this.options.mqtt && !this.mqtt) {
      this.mqtt = await startMosquitto({ dir: path.join(this.configDir, 'mosquitto') });
    }
    try {
      this._writeConfig(); // throws without a bundle: mosquitto is already up, so stop below
      await this._spawn();
      await this._waitHttp();
      await this._ensureAuth();
      await this._waitRunning();
      if (this.options.mqtt) await this._ensureMqttEntry();
    } catch (e) {
      e.message += `\n--- tail of ${this.logFile}:\n${this.logTail(40)}`;
      await this.stop({ keep: true });
      throw e;
    }
    return this;
  }

  /** Stop HA (and mosquitto, chroot mounts). Safe to call twice. */
  async stop({ keep } = {}) {
    await this._stopHass();
    if (this.mqtt) {
      await this.mqtt.stop();
      this.mqtt = null;
    }
    const keepDir = keep ?? (process.env.HA_VITALS_KEEP_RUNS === '1');
    if (this._ownsConfigDir && this.configDir && !keepDir) {
      fs.rmSync(this.configDir, { recursive: true, force: true });
    }
  }

  /** Stop and start HA again on the same port and config (mosquitto keeps running). */
  async restart() {
    await this._stopHass();
    this._writeConfig({ keepDashboards: true });
    await this._spawn();
    await this._waitHttp();
    await this._ensureAuth();
    await this._waitRunning();
    return this;
  }

  async _stopHass() {
    if (this.proc) {
      const p = this.proc;
      this.proc = null;
      await p.stop(30000);
      fs.rmSync(path.join(this.configDir, OWNER_FILE), { force: true });
    }
    if (this._release) {
      this._release();
      this._release = null;
    }
    this._unhookExit?.();
    this._unhookExit = null;
  }

  // ----------------------------------------------------------- config
  _bundleTarget() {
    return path.join(this.configDir, 'www', 'community', 'ha-vitals', 'ha-vitals.js');
  }

  /**
   * The resource URL as HACS registers it: the entry with `?hacstag=<number>`. HACS serves
   * `/hacsfiles/<repo>/…` from `<config>/www/community/<repo>/`; without the HACS integration the
   * same files are at `/local/community/<repo>/…` (what the lanes use). HACS's hacstag is a number
   * (repository id + version) that changes with every upgrade; here a stable number derived from
   * the installed build (entry content + chunk names), so a rebuild gets a new URL (the browser
   * caches /local/ for a month) and the same build keeps it. The lazy chunks import each other
   * without a query: a chunk importing `./ha-vitals.js` would run the entry a second time.
   */
  _resourceUrl() {
    return hacsResourceUrl(this._bundleTarget());
  }

  /**
   * Copy the bundle into www/community/ha-vitals/ (the HACS path) together with
   * its lazily loaded sibling chunks (ha-vitals-*.js). Call again after a
   * rebuild and reload the page.
   */
  installBundle(file = this.options.bundle) {
    const target = path.dirname(this._bundleTarget());
    fs.mkdirSync(target, { recursive: true });
    if (!file) return;
    if (!fs.existsSync(file)) {
      throw new Error(`card bundle ${file} does not exist: run \`npm run build\` first (or set HA_VITALS_BUNDLE)`);
    }
    for (const f of fs.readdirSync(target)) fs.rmSync(path.join(target, f), { recursive: true, force: true });
    const srcDir = path.dirname(file);
    for (const f of fs.readdirSync(srcDir)) {
      if (/^ha-vitals-.*\.js(\.map)?$/.test(f)) fs.copyFileSync(path.join(srcDir, f), path.join(target, f));
    }
    fs.copyFileSync(file, this._bundleTarget());
  }

  _writeConfig({ keepDashboards = false } = {}) {
    const dir = this.configDir;
    fs.mkdirSync(path.join(dir, '.storage'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'dashboards'), { recursive: true });
    this.installBundle(); // www/ must exist before HA starts

    // Onboarding: everything but the owner user (created over REST in _ensureAuth).
    const onboarding = path.join(dir, '.storage', 'onboarding');
    if (!fs.existsSync(onboarding)) {
      fs.writeFileSync(onboarding, JSON.stringify({ version: 4, minor_version: 1, key: 'onboarding', data: { done: ['core_config', 'analytics', 'integration'] } }, null, 2));
    }

    const newest = this.name === 'newest';
    const dashboards = {};
    for (const [urlPath, d] of Object.entries(this.options.dashboards)) {
      if (!urlPath.includes('-')) throw new Error(`dashboard url_path "${urlPath}" must contain a hyphen`);
      dashboards[urlPath] = {
        mode: 'yaml',
        filename: `dashboards/${urlPath}.yaml`,
        title: d.title ?? urlPath,
        icon: d.icon ?? 'mdi:heart-pulse',
        show_in_sidebar: true,
        require_admin: false,
      };
      const file = this.dashboardFile(urlPath);
      if (!fs.existsSync(file)) {
        this._writeYaml(file, d.config ?? { title: d.title ?? urlPath, views: [{ title: 'Main', path: 'main', cards: [] }] });
      } else if (d.config && !keepDashboards) {
        this._writeYaml(file, d.config);
      }
    }

    const config = {
      homeassistant: {
        name: this.options.name,
        time_zone: this.options.timeZone,
        unit_system: 'metric',
        latitude: 52.37,
        longitude: 4.89,
        elevation: 0,
        currency: 'EUR',
        country: 'NL',
        auth_providers: [
          // Logs the single (owner) user in without a form for loopback browsers.
          { type: 'trusted_networks', trusted_networks: ['127.0.0.1/32', '::1/128'], allow_bypass_login: true },
          { type: 'homeassistant' },
        ],
      },
      // HA >= 2026.8 migrates a YAML http: block into .storage/http as a
      // *trial* that reverts after 5 minutes; that lane gets its port from the
      // SETUP_PORT environment variable instead (see _spawn).
      ...(newest ? {} : { http: { server_host: '127.0.0.1', server_port: this.port } }),
      frontend: {},
      api: {},
      config: {},
      websocket_api: {},
      logger: { default: this.options.logLevel },
      system_log: {},
      recorder: { commit_interval: 1, purge_keep_days: 30 },
      history: {},
      logbook: {},
      conversation: {},
      assist_pipeline: {},
      system_health: {},
      notify: {},
      input_boolean: {},
      // As HA's own onboarding writes it: the automation editor's config API (which HA Vitals uses
      // for rules that run in Home Assistant) stores automations in automations.yaml.
      automation: AUTOMATIONS_INCLUDE,
      ...(this.options.testEntities
        ? {
            input_number: {
              e2e_number: { name: 'E2E number', min: 0, max: 1000, step: 0.5, mode: 'box', unit_of_measurement: 'ms', initial: 10 },
            },
            template: [
              { sensor: [{ name: 'E2E doubled', unique_id: 'e2e_doubled', unit_of_measurement: 'ms', state: "{{ (states('input_number.e2e_number') | float(0)) * 2 }}" }] },
            ],
          }
        : { input_number: {}, template: [] }),
      lovelace: {
        // 2024.3: `mode: yaml` (needs ui-lovelace.yaml) is the only way to get YAML resources.
        // 2026.x: `mode` is deprecated (gone in 2026.8 docs); `resource_mode: yaml` instead.
        ...(newest ? { resource_mode: 'yaml' } : { mode: 'yaml' }),
        resources: [{ url: this._resourceUrl(), type: 'module' }],
        dashboards,
      },
      ...(this.options.config ?? {}),
    };
    if (!newest) {
      const ui = path.join(dir, 'ui-lovelace.yaml');
      if (!fs.existsSync(ui)) this._writeYaml(ui, { title: 'Overview', views: [{ title: 'Home', cards: [] }] });
    }
    const automations = path.join(dir, 'automations.yaml');
    if (!fs.existsSync(automations)) fs.writeFileSync(automations, '[]\n');
    this._writeYaml(path.join(dir, 'configuration.yaml'), YAML.stringify(config, { lineWidth: 0 }).replace(`automation: ${AUTOMATIONS_INCLUDE}`, 'automation: !include automations.yaml'));
  }

  _writeYaml(file, obj) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof obj === 'string' ? obj : YAML.stringify(obj, { lineWidth: 0 }));
  }

  /**
   * Write a YAML dashboard (string or object). YAML dashboards are re-read when
   * the page reloads; the url_path must be declared at start (options.dashboards).
   */
  writeDashboard(yamlOrObject, urlPath = DEFAULT_DASHBOARD) {
    if (!this.options.dashboards[urlPath]) throw new Error(`dashboard ${urlPath} was not declared in options.dashboards`);
    this._writeYaml(this.dashboardFile(urlPath), yamlOrObject);
    // make sure the mtime is newer than HA's cache timestamp (float seconds)
    const t = new Date(Date.now() + 1000);
    fs.utimesSync(this.dashboardFile(urlPath), t, t);
  }

  // ----------------------------------------------------------- process
  async _spawn() {
    const logFile = path.join(this.configDir, 'hass.stdout.log');
    const args = ['-c', this.configDir, '--skip-pip'];
    if (this.def.kind === 'chroot') {
      const root = this.def.chroot;
      this._release = mountChroot(root, [this.configDir]);
      this._unhookExit = onExit(() => this._release?.());
      const [cmd, argv] = chrootArgv(root, chrootEnv({ SETUP_PORT: String(this.port) }), path.join(this.def.venv, 'bin', 'hass'), args);
      this.proc = startProcess(`hass-${this.name}`, cmd, argv, { logFile });
    } else {
      const env = { ...process.env };
      for (const k of Object.keys(env)) if (k.startsWith('PIP_')) delete env[k];
      this.proc = startProcess(`hass-${this.name}`, path.join(this.def.venv, 'bin', 'hass'), args, { env, logFile });
    }
    // lets a later run reap this HA if our Node process gets SIGKILLed (see reapStaleRuns)
    fs.writeFileSync(path.join(this.configDir, OWNER_FILE), JSON.stringify({ owner: process.pid, hass: this.proc.pid, mosquitto: this.mqtt?.proc.pid ?? null, lane: this.name }));
  }

  _checkAlive() {
    if (this.proc?.exitInfo) {
      throw new Error(`hass exited (${JSON.stringify(this.proc.exitInfo)}); stdout: ${this._tail(path.join(this.configDir, 'hass.stdout.log'), 30)}`);
    }
  }

  async _waitHttp() {
    await waitFor(async () => {
      this._checkAlive();
      const r = await fetch(`${this.baseUrl}/manifest.json`).catch(() => null);
      return r?.ok;
    }, { timeoutMs: 240000, intervalMs: 250, what: `HA http on ${this.baseUrl}` });
  }

  async _waitRunning() {
    await waitFor(async () => {
      this._checkAlive();
      const c = await this.rest('GET', '/api/config');
      return c.state === 'RUNNING';
    }, { timeoutMs: 240000, intervalMs: 250, what: 'HA state RUNNING' });
  }

  // ----------------------------------------------------------- auth
  get authFile() {
    return path.join(this.configDir, '.ha-vitals-auth.json');
  }

  async _ensureAuth() {
    if (fs.existsSync(this.authFile)) {
      const saved = JSON.parse(fs.readFileSync(this.authFile, 'utf8'));
      this.token = saved.token;
      this.owner = saved.owner;
      return;
    }
    const clientId = `${this.baseUrl}/`;
    const r = await fetch(`${this.baseUrl}/api/onboarding/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: clientId, ...OWNER, language: 'en' }),
    });
    const body = await r.text();
    if (!r.ok) throw new HttpError('POST', '/api/onboarding/users', r.status, body);
    const { auth_code: code } = JSON.parse(body);
    const tr = await fetch(`${this.baseUrl}/auth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: clientId }),
    });
    const tokens = await tr.json();
    if (!tr.ok || !tokens.access_token) throw new HttpError('POST', '/auth/token', tr.status, JSON.stringify(tokens));
    const ws = await connectWs(this.wsUrl, tokens.access_token);
    try {
      this.token = await ws.send({ type: 'auth/long_lived_access_token', client_name: 'ha-vitals harness', lifespan: 3650 });
    } finally {
      await ws.close();
    }
    this.owner = OWNER;
    fs.writeFileSync(this.authFile, JSON.stringify({ owner: OWNER, token: this.token }, null, 2), { mode: 0o600 });
  }

  /**
   * Create a Home Assistant user with a username/password login (homeassistant auth provider),
   * as Settings > People > Add person does: websocket `config/auth/create` (group
   * `system-users`, or `system-admin` with admin: true) + `config/auth_provider/homeassistant/create`.
   * Returns {id, name, username, password, isAdmin}. Once a second user exists the
   * trusted_networks bypass no longer logs browsers in (it asks which user): log browser
   * contexts in with `storageState(user)` (e2e/lib/fixture.mjs does).
   */
  async createUser({ name = 'Wall tablet', username = 'wall-tablet', password = 'vitals-e2e-tablet', admin = false, localOnly = false } = {}) {
    const ws = await this.ws();
    try {
      const { user } = await ws.send({ type: 'config/auth/create', name, group_ids: [admin ? 'system-admin' : 'system-users'], local_only: localOnly });
      await ws.send({ type: 'config/auth_provider/homeassistant/create', user_id: user.id, username, password });
      const created = { id: user.id, name, username, password, isAdmin: Boolean(user.is_admin ?? admin) };
      this.users.set(username, created);
      return created;
    } finally {
      await ws.close();
    }
  }

  /** True while the owner is the only user, so trusted_networks logs a browser in without a form. */
  get bypassLogin() {
    return this.users.size === 0;
  }

  /**
   * Log `user` ({username, password}; default the owner) in through the real login flow
   * (REST /auth/login_flow with the homeassistant provider, as the login form does) and
   * exchange the code for tokens. Returns the frontend's token record (what it keeps in
   * localStorage.hassTokens): {access_token, refresh_token, expires_in, expires, token_type,
   * hassUrl, clientId}. client_id is `<baseUrl>/`, the frontend's own, so it can refresh them.
   */
  async loginTokens(user = this.owner) {
    const clientId = `${this.baseUrl}/`;
    const post = async (p, body) => {
      const r = await fetch(this.baseUrl + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await r.text();
      if (!r.ok) throw new HttpError('POST', p, r.status, text);
      return JSON.parse(text);
    };
    const flow = await post('/auth/login_flow', { client_id: clientId, handler: ['homeassistant', null], redirect_uri: `${clientId}?auth_callback=1` });
    const done = await post(`/auth/login_flow/${flow.flow_id}`, { client_id: clientId, username: user.username, password: user.password });
    if (done.type !== 'create_entry') throw new Error(`login of ${user.username} failed: ${JSON.stringify(done)}`);
    const tr = await fetch(`${this.baseUrl}/auth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code: done.result, client_id: clientId }),
    });
    const tokens = await tr.json();
    if (!tr.ok || !tokens.access_token) throw new HttpError('POST', '/auth/token', tr.status, JSON.stringify(tokens));
    return { ...tokens, expires: Date.now() + tokens.expires_in * 1000, hassUrl: this.baseUrl, clientId };
  }

  /**
   * Playwright storageState that opens the frontend logged in as `user` (default the owner):
   * localStorage.hassTokens of this origin, as after a login with "keep me logged in".
   * Use as browser.newContext({ storageState: await lane.storageState(user) }).
   */
  async storageState(user = this.owner) {
    const tokens = await this.loginTokens(user);
    return { cookies: [], origins: [{ origin: this.baseUrl, localStorage: [{ name: 'hassTokens', value: JSON.stringify(tokens) }] }] };
  }

  async _ensureMqttEntry() {
    const entries = await this.rest('GET', '/api/config/config_entries/entry');
    if (entries.some((e) => e.domain === 'mqtt')) return;
    const flow = await this.rest('POST', '/api/config/config_entries/flow', { handler: 'mqtt', show_advanced_options: false });
    if (flow.type !== 'form' || flow.step_id !== 'broker') throw new Error(`unexpected mqtt flow step: ${JSON.stringify(flow)}`);
    // 2026.x groups further settings in a form section ("other_settings") with
    // required fields (set_ca_cert: off, set_client_cert: false): fill defaults.
    const input = fillFormDefaults(flow.data_schema, { broker: this.mqtt.host, port: this.mqtt.port });
    const done = await this.rest('POST', `/api/config/config_entries/flow/${flow.flow_id}`, input);
    if (done.type !== 'create_entry') throw new Error(`mqtt flow did not create an entry: ${JSON.stringify(done)}`);
    await waitFor(async () => {
      const es = await this.rest('GET', '/api/config/config_entries/entry');
      return es.find((e) => e.domain === 'mqtt')?.state === 'loaded';
    }, { timeoutMs: 30000, what: 'mqtt config entry loaded' });
  }

  // ----------------------------------------------------------- REST / WS
  /** Authenticated REST call; returns parsed JSON (or text); throws HttpError on non-2xx. */
  async rest(method, p, body) {
    const r = await fetch(this.baseUrl + p, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new HttpError(method, p, r.status, text);
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }

  /** Open an authenticated websocket (see e2e/lib/ws.mjs for the client API). */
  ws(opts) {
    return connectWs(this.wsUrl, this.token, opts);
  }

  setState(entityId, state, attributes = {}) {
    return this.rest('POST', `/api/states/${entityId}`, { state: String(state), attributes });
  }

  getState(entityId) {
    return this.rest('GET', `/api/states/${entityId}`);
  }

  callService(domain, service, data = {}) {
    return this.rest('POST', `/api/services/${domain}/${service}`, data);
  }

  /** History over REST: array of states of one entity since `start` (Date). */
  async history(entityId, { start = new Date(Date.now() - 3600e3), end, minimal = false } = {}) {
    const q = new URLSearchParams({ filter_entity_id: entityId });
    if (end) q.set('end_time', end.toISOString());
    if (minimal) q.set('minimal_response', '');
    const res = await this.rest('GET', `/api/history/period/${start.toISOString()}?${q}`);
    return res[0] ?? [];
  }

  /** History over the websocket (history/history_during_period); returns {entityId: [...]} compressed states. */
  async wsHistory(entityIds, { start = new Date(Date.now() - 3600e3), end, minimal = true } = {}) {
    const ws = await this.ws();
    try {
      return await ws.send({
        type: 'history/history_during_period',
        start_time: start.toISOString(),
        ...(end ? { end_time: end.toISOString() } : {}),
        entity_ids: [].concat(entityIds),
        minimal_response: minimal,
        no_attributes: false,
      });
    } finally {
      await ws.close();
    }
  }

  /** Wait until the recorder committed (commit_interval 1 s) — handy before history checks. */
  async flushRecorder() {
    await sleep(1500);
  }

  // ----------------------------------------------------------- browser
  /**
   * Navigate `page` to a dashboard (url path like 'vitals-e2e' or 'vitals-e2e/main')
   * and wait until HA's frontend rendered a view. Login happens through the
   * trusted_networks bypass (no form) while the owner is the only user, or through the
   * tokens of the page's context (storageState(user), see createUser).
   */
  async openDashboard(page, urlPath = DEFAULT_DASHBOARD, { timeoutMs = 60000 } = {}) {
    await page.goto(`${this.baseUrl}/${urlPath.replace(/^\//, '')}`, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    await page.waitForURL((u) => !u.pathname.startsWith('/auth/'), { timeout: timeoutMs }).catch((e) => {
      if (!this.bypassLogin) e.message += `\n(the page stayed on the login form: with ${this.users.size + 1} users trusted_networks asks which user; open the context with storageState(user))`;
      throw e;
    });
    await page.locator('hui-root').first().waitFor({ state: 'attached', timeout: timeoutMs });
    await page.waitForFunction(() => {
      const ha = document.querySelector('home-assistant');
      return ha?.hass?.connected && ha.hass.states && Object.keys(ha.hass.states).length > 0;
    }, null, { timeout: timeoutMs });
    await page.locator('hui-view, hui-panel-view, hui-sections-view, hui-masonry-view').first().waitFor({ state: 'attached', timeout: timeoutMs });
    // the launch screen fades out after the first render (keeps screenshots clean)
    await page.waitForFunction(() => !document.getElementById('ha-launch-screen'), null, { timeout: 5000 }).catch(() => {});
    return page;
  }

  // ----------------------------------------------------------- logs
  _tail(file, n) {
    try {
      return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
    } catch {
      return '(no log)';
    }
  }

  logTail(n = 50) {
    return this._tail(this.logFile, n);
  }

  /** Lines of home-assistant.log at ERROR level (optionally matching a regexp). */
  logErrors(re) {
    let text = '';
    try {
      text = fs.readFileSync(this.logFile, 'utf8');
    } catch {
      return [];
    }
    return text.split('\n').filter((l) => /\b(ERROR|CRITICAL)\b/.test(l) && (!re || re.test(l)));
  }
}

/**
 * Complete a data-entry-flow form: keep `given`, and for every other required
 * field (also inside sections) use its default / suggested value, false for a
 * boolean, the first option of a select.
 */
export function fillFormDefaults(schema = [], given = {}) {
  const out = { ...given };
  for (const f of schema) {
    if (f.name in out) continue;
    if (f.type === 'expandable') {
      out[f.name] = fillFormDefaults(f.schema, {});
      continue;
    }
    let v = f.default ?? f.description?.suggested_value;
    if (v === undefined && f.required) {
      const sel = f.selector ?? {};
      if (f.type === 'boolean' || 'boolean' in sel) v = false;
      else if (sel.select?.options?.length) v = sel.select.options[0].value ?? sel.select.options[0];
      else if (f.options?.length) v = Array.isArray(f.options[0]) ? f.options[0][0] : f.options[0];
    }
    if (v !== undefined && v !== null) out[f.name] = v;
  }
  return out;
}

/** Start a lane for a test file. name defaults to $HA_VITALS_LANE (set by e2e/run.mjs) or 'newest'. */
export async function startLane(name = process.env.HA_VITALS_LANE || 'newest', options = {}) {
  const lane = new Lane(name, options);
  await lane.start();
  return lane;
}
