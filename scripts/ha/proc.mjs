// Child processes in their own process group, stopped as a group; a
// last-resort hook kills every group still alive when this Node process exits
// (test failure, uncaught exception, SIGINT/SIGTERM) so nothing is orphaned.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

const live = new Set(); // {pid, name}
const exitHooks = new Set(); // sync cleanup functions (e.g. unmount)

function killGroup(pid, sig) {
  try {
    process.kill(-pid, sig);
    return true;
  } catch {
    return false;
  }
}

let hooked = false;
function installHooks() {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const p of live) killGroup(p.pid, 'SIGKILL');
    for (const fn of exitHooks) {
      try {
        fn();
      } catch {
        /* best effort */
      }
    }
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      // let an app-level handler run first if it exists (demo.mjs), otherwise exit
      if (process.listenerCount(sig) === 0) process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
    });
  }
}

/** Register a synchronous cleanup that runs at process exit (unless removed). */
export function onExit(fn) {
  installHooks();
  exitHooks.add(fn);
  return () => exitHooks.delete(fn);
}

/**
 * Start `cmd args` as the leader of a new process group; stdout+stderr go to
 * `logFile`. Returns {pid, name, exited: Promise<{code, signal}>, stop()}.
 */
export function startProcess(name, cmd, args, { env = process.env, cwd, logFile } = {}) {
  installHooks();
  const fd = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', fd, fd] });
  if (typeof fd === 'number') fs.closeSync(fd);
  const entry = { pid: child.pid, name };
  live.add(entry);
  let exitInfo = null;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      live.delete(entry);
      resolve(exitInfo);
    });
    child.on('error', (err) => {
      exitInfo = { code: -1, signal: null, error: err };
      live.delete(entry);
      resolve(exitInfo);
    });
  });
  return {
    pid: child.pid,
    name,
    exited,
    get exitInfo() {
      return exitInfo;
    },
    /** SIGTERM the group, SIGKILL after `timeoutMs`; resolves when the leader exited. */
    async stop(timeoutMs = 30000) {
      if (exitInfo) {
        killGroup(child.pid, 'SIGKILL'); // stragglers in the group
        return exitInfo;
      }
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs);
      const info = await exited;
      clearTimeout(timer);
      killGroup(child.pid, 'SIGKILL');
      return info;
    },
  };
}

export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function portInUse(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `fn` until it returns a truthy value (or throw after timeoutMs). */
export async function waitFor(fn, { timeoutMs = 10000, intervalMs = 100, what = 'condition' } = {}) {
  const end = Date.now() + timeoutMs;
  let lastErr;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? `: ${lastErr.message}` : ''}`);
    await sleep(intervalMs);
  }
}
