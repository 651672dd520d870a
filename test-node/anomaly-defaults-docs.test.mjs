// The docs quote ANOMALY_DEFAULTS as `key.path` (number); every such quote must equal the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

async function loadDefaults() {
  const result = await build({
    entryPoints: [join(root, 'src/core/detectors/anomaly/defaults.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
  });
  const module = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
  return module.ANOMALY_DEFAULTS;
}

const docs = ['ARCHITECTURE.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

test('every `key.path` (number) the docs quote from ANOMALY_DEFAULTS equals the code', async () => {
  // Arrange
  const defaults = await loadDefaults();
  const quoted = [];
  // Act
  for (const file of docs) {
    const text = readFileSync(join(root, file), 'utf8').replace(/\s+/g, ' ');
    for (const match of text.matchAll(/`([a-zA-Z]+(?:\.[a-zA-Z]+)+)` \(([\d,.]+)\)/g)) {
      const [, path, number] = match;
      const value = path.split('.').reduce((node, key) => (node && typeof node === 'object' ? node[key] : undefined), defaults);
      // A path under a defaults section that names no number is a stale quote (a renamed key).
      if (typeof value !== 'number') {
        assert.ok(!(path.split('.')[0] in defaults), `${file} quotes ${path}, which ANOMALY_DEFAULTS does not have`);
        continue;
      }
      quoted.push({ file, path, stated: Number(number.replace(/,/g, '')), value });
    }
  }
  // Assert
  assert.ok(quoted.length >= 8, `the docs quote ${quoted.length} defaults`);
  for (const q of quoted) assert.equal(q.stated, q.value, `${q.file} states ${q.path} = ${q.stated}, the code has ${q.value}`);
});
