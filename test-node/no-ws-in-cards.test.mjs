// Cards never talk to Home Assistant themselves: every command is a typed function in
// src/ha/api/ (ARCHITECTURE.md). This scan fails, naming file and line, when a card sends a
// websocket message or casts `hass` to reach something its type does not declare.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const FORBIDDEN = [
  { what: "a websocket command string (type: '<domain>/<command>')", pattern: /\btype\s*:\s*['"`][a-z_]+\/[a-z_/]+['"`]/ },
  { what: 'a websocket call (sendMessagePromise, callWS, subscribeMessage)', pattern: /\b(sendMessagePromise|callWS|subscribeMessage)\b/ },
  { what: 'a cast of hass (as unknown as / as never)', pattern: /\b_?hass\b(\??\.connection)?\)?\s+as\s+(unknown|never)\b/ },
];

/** Every forbidden line of `source`, as `file:line: what`. */
export function violations(file, source) {
  const found = [];
  source.split('\n').forEach((line, i) => {
    for (const { what, pattern } of FORBIDDEN) if (pattern.test(line)) found.push(`${file}:${i + 1}: ${what}: ${line.trim()}`);
  });
  return found;
}

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

test('no card sends a websocket command or casts hass', () => {
  // Arrange
  const files = tsFiles(join(root, 'src/cards'));
  // Act
  const found = files.flatMap((path) => violations(relative(root, path), readFileSync(path, 'utf8')));
  // Assert
  assert.ok(files.length > 10, `expected the card sources under src/cards, found ${files.length} files`);
  assert.deepEqual(found, []);
});

test('the scan catches each forbidden form and names file and line', () => {
  // Arrange
  const source = [
    "const ok = { type: 'grid' };",
    "const r = await hass.connection.sendMessagePromise({ type: 'assist_pipeline/pipeline/list' });",
    'const x = await this.hass.callWS(message);',
    'const unsub = await connection.subscribeMessage(cb, message);',
    'const user = (this._hass as unknown as { user?: { name?: string } })?.user?.name;',
    'resolveDomains(config, hass as never);',
    'const c = hass.connection as unknown as { ping?: () => Promise<unknown> };',
  ].join('\n');
  // Act
  const found = violations('src/cards/x.ts', source);
  // Assert
  assert.deepEqual(
    found.map((f) => f.split(': ')[0]),
    ['src/cards/x.ts:2', 'src/cards/x.ts:2', 'src/cards/x.ts:3', 'src/cards/x.ts:4', 'src/cards/x.ts:5', 'src/cards/x.ts:6', 'src/cards/x.ts:7'],
  );
});
