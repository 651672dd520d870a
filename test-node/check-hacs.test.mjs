// scripts/check-hacs.mjs against a copy of what HACS reads, broken one way at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const script = join(root, 'scripts', 'check-hacs.mjs');

/** A repository with the files HACS reads, copied from this one. */
function copy() {
  const dir = mkdtempSync(join(tmpdir(), 'hv-hacs-'));
  for (const f of ['hacs.json', 'package.json', 'LICENSE', 'README.md']) cpSync(join(root, f), join(dir, f));
  mkdirSync(join(dir, 'dist'));
  cpSync(join(root, 'dist', 'ha-vitals.js'), join(dir, 'dist', 'ha-vitals.js'));
  mkdirSync(join(dir, 'docs', 'images'), { recursive: true });
  cpSync(join(root, 'docs', 'images', 'dashboard.png'), join(dir, 'docs', 'images', 'dashboard.png'));
  return dir;
}

const check = (dir) => spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });

test('this repository passes', () => {
  const r = check(root);
  assert.equal(r.status, 0, r.stderr);
});

for (const [what, breakIt, message] of [
  ['no LICENSE', (dir) => rmSync(join(dir, 'LICENSE')), /no LICENSE/],
  ['an unknown hacs.json key', (dir) => writeFileSync(join(dir, 'hacs.json'), JSON.stringify({ name: 'HA Vitals', filename: 'ha-vitals.js', domains: ['x'] })), /"domains" is not a key/],
  ['hacs.json without a name', (dir) => writeFileSync(join(dir, 'hacs.json'), JSON.stringify({ filename: 'ha-vitals.js' })), /"name" is required/],
  ['a README without an image', (dir) => writeFileSync(join(dir, 'README.md'), '# HA Vitals\n\nInstall with HACS.\n'), /no image/],
  ['a README image that is not in the repository', (dir) => rmSync(join(dir, 'docs', 'images', 'dashboard.png')), /not in the repository/],
  ['no built file', (dir) => rmSync(join(dir, 'dist', 'ha-vitals.js')), /dist\/ha-vitals\.js is missing/],
  ['a malformed Home Assistant version', (dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'hacs.json'), 'utf8'));
    writeFileSync(join(dir, 'hacs.json'), JSON.stringify({ ...manifest, homeassistant: '2024.3' }));
  }, /"homeassistant" must be a version/],
]) {
  test(`fails, naming the problem, with ${what}`, () => {
    // Arrange
    const dir = copy();
    breakIt(dir);
    // Act
    const r = check(dir);
    // Assert
    assert.equal(r.status, 1);
    assert.match(r.stderr, message);
    rmSync(dir, { recursive: true, force: true });
  });
}
