// Debian's mosquitto on loopback, anonymous, no persistence.
import fs from 'node:fs';
import path from 'node:path';
import { freePort, portInUse, startProcess, waitFor } from './proc.mjs';

/**
 * Start a broker. Uses 127.0.0.1:1883 unless that port is taken (then a free
 * port; read `.port`). `dir` receives mosquitto.conf and mosquitto.log.
 */
export async function startMosquitto({ dir, port = 1883 } = {}) {
  const bin = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => fs.existsSync(p));
  if (!bin) throw new Error('mosquitto is not installed (apt-get install mosquitto)');
  if (await portInUse(port)) port = await freePort();
  fs.mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, 'mosquitto.conf');
  fs.writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      'log_dest stdout',
      'log_type error',
      'log_type warning',
      'log_type notice',
      '',
    ].join('\n'),
  );
  const proc = startProcess('mosquitto', bin, ['-c', conf], { logFile: path.join(dir, 'mosquitto.log') });
  await waitFor(async () => {
    if (proc.exitInfo) throw new Error(`mosquitto exited: ${fs.readFileSync(path.join(dir, 'mosquitto.log'), 'utf8')}`);
    return portInUse(port);
  }, { timeoutMs: 10000, what: `mosquitto on ${port}` });
  return { host: '127.0.0.1', port, proc, stop: () => proc.stop(5000) };
}
