#!/usr/bin/env node
// What HACS's validation checks for a dashboard (plugin) repository, checked from the files:
// hacs.json (known keys, types, a name), the plugin file where HACS looks for it, a LICENSE, a
// README with an image, and a description. Repository settings HACS also checks on GitHub
// (topics, issues enabled) are not in the files and are not checked here.
// Usage: node scripts/check-hacs.mjs [repository root]   (npm run check:hacs)
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const problems = [];
const problem = (text) => problems.push(text);

/** The keys HACS reads from hacs.json, with their types (hacs.xyz, "Publish": hacs.json). */
const KEYS = {
  name: 'string',
  content_in_root: 'boolean',
  zip_release: 'boolean',
  filename: 'string',
  hide_default_branch: 'boolean',
  country: 'string|array',
  homeassistant: 'string',
  hacs: 'string',
  render_readme: 'boolean',
};

const typeOf = (v) => (Array.isArray(v) ? 'array' : typeof v);

let manifest = {};
const manifestPath = join(root, 'hacs.json');
if (!existsSync(manifestPath)) problem('hacs.json is missing from the repository root');
else {
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (e) {
    problem(`hacs.json is not valid JSON: ${e.message}`);
  }
  for (const [key, value] of Object.entries(manifest)) {
    if (!(key in KEYS)) problem(`hacs.json: "${key}" is not a key HACS knows (known: ${Object.keys(KEYS).join(', ')})`);
    else if (!KEYS[key].split('|').includes(typeOf(value))) problem(`hacs.json: "${key}" must be ${KEYS[key]}, got ${typeOf(value)}`);
  }
  if (typeof manifest.name !== 'string' || manifest.name.trim() === '') problem('hacs.json: "name" is required (the name HACS shows)');
  if (manifest.homeassistant !== undefined && !/^\d{4}\.\d{1,2}\.\d+$/.test(String(manifest.homeassistant)))
    problem(`hacs.json: "homeassistant" must be a version like 2024.3.0, got ${JSON.stringify(manifest.homeassistant)}`);
  if (manifest.zip_release && !manifest.filename) problem('hacs.json: "zip_release" needs "filename"');
}

// A plugin's file: <filename> (or <repository name>.js) in dist/, or in the root with content_in_root.
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const fileName = manifest.filename ?? `${pkg.name}.js`;
const pluginPath = join(root, manifest.content_in_root ? '' : 'dist', fileName);
if (!existsSync(pluginPath)) problem(`the dashboard file ${manifest.content_in_root ? '' : 'dist/'}${fileName} is missing (run npm run build)`);
else if (statSync(pluginPath).size === 0) problem(`${pluginPath} is empty`);

// LICENSE, agreeing with package.json.
const license = ['LICENSE', 'LICENSE.md', 'LICENSE.txt'].map((f) => join(root, f)).find((f) => existsSync(f));
if (!license) problem('no LICENSE file (HACS requires one; package.json says ' + (pkg.license ?? 'nothing') + ')');
else if (pkg.license === 'MIT' && !/MIT License/.test(readFileSync(license, 'utf8'))) problem('LICENSE is not the MIT text package.json names');

// README: HACS requires images in it; the description is what HACS lists.
const readmePath = join(root, 'README.md');
if (!existsSync(readmePath)) problem('README.md is missing');
else {
  const readme = readFileSync(readmePath, 'utf8');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
  if (images.length === 0) problem('README.md has no image (HACS requires one)');
  for (const src of images) if (!/^https?:/.test(src) && !existsSync(join(root, src))) problem(`README.md shows ${src}, which is not in the repository`);
  if (!/HACS/.test(readme.split('\n## Develop')[0])) problem('README.md does not explain the HACS install before the developer section');
}
if (typeof pkg.description !== 'string' || pkg.description.trim().length < 10) problem('package.json has no description (HACS lists the repository description)');

if (problems.length) {
  for (const p of problems) console.error(`hacs: ${p}`);
  process.exit(1);
}
console.log(`hacs: ${fileName} in ${manifest.content_in_root ? 'the root' : 'dist/'}, hacs.json (${Object.keys(manifest).length} keys), LICENSE, README with an image: what HACS validates is in place`);
