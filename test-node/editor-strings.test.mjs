// The editors' English strings (src/ui/localize/languages/en-editor.ts: editor.*, preview.*) stay
// out of a card's first view: no card, nor the entry module, reaches en-editor.ts through static
// imports (a dynamic import() is where the editors and the backtest preview are loaded lazily).
// And nothing shows a raw key: every module naming one of those keys reaches en-editor.ts
// statically, so its strings are registered before that module runs. Reads the sources only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const EN_EDITOR = join(root, 'src/ui/localize/languages/en-editor.ts');

/**
 * `import … from`, `import '…'`, `export … from` at the start of a line; not `import(…)`. The
 * clause holds names, braces, commas and `*` only, so a declaration never runs into a later `from`.
 */
const STATIC_IMPORT = /^[ \t]*(?:(import|export)\s+(type\s+)?([\w$\s{},*]+?)\s*from\s*|import\s*)['"]([^'"]+)['"]/gm;

/** The relative specifiers `source` imports at run time (type-only imports are erased by the build). */
export function staticImports(source) {
  const found = [];
  for (const [, , typeOnly, clause, specifier] of source.matchAll(STATIC_IMPORT)) {
    if (typeOnly) continue;
    const braces = clause?.trim().match(/^\{([\s\S]*)\}$/);
    if (braces) {
      const names = braces[1].split(',').map((n) => n.trim()).filter(Boolean);
      if (names.length > 0 && names.every((n) => /^type\s/.test(n))) continue;
    }
    if (specifier.startsWith('.')) found.push(specifier);
  }
  return found;
}

/** `../index.js`, `./en`, `../localize` → the .ts file. */
function resolveSpecifier(from, specifier) {
  const base = resolve(dirname(from), specifier).replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) if (existsSync(candidate)) return candidate;
  throw new Error(`${relative(root, from)}: cannot resolve ${specifier}`);
}

const graph = new Map();
function importsOf(file) {
  let imports = graph.get(file);
  if (!imports) {
    imports = staticImports(readFileSync(file, 'utf8')).map((s) => resolveSpecifier(file, s));
    graph.set(file, imports);
  }
  return imports;
}

/** The static import path from `file` to `target` (file names relative to the repo), or undefined. */
function pathTo(file, target, seen = new Set()) {
  if (file === target) return [relative(root, file)];
  if (seen.has(file)) return undefined;
  seen.add(file);
  for (const next of importsOf(file)) {
    const rest = pathTo(next, target, seen);
    if (rest) return [relative(root, file), ...rest];
  }
  return undefined;
}

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const editorKeys = new Set([...readFileSync(EN_EDITOR, 'utf8').matchAll(/^\s*'((?:editor|preview)\.[^']+)':/gm)].map((m) => m[1]));

/** Whether `source` names an en-editor key: as a literal, or as a template `editor.${…}` / `preview.${…}`. */
function namesEditorKey(source) {
  for (const [, key] of source.matchAll(/['"`]((?:editor|preview)\.[\w.]+)['"`]/g)) if (editorKeys.has(key)) return key;
  return source.match(/`(?:editor|preview)\.[\w.]*\$\{/)?.[0];
}

const CARD_ROOTS = [
  'src/ha-vitals.ts',
  'src/cards/lazy-card.ts',
  'src/cards/catalog.ts',
  ...readdirSync(join(root, 'src/cards'))
    .filter((dir) => statSync(join(root, 'src/cards', dir)).isDirectory())
    .flatMap((dir) => readdirSync(join(root, 'src/cards', dir)).filter((f) => /^vitals-.*-card\.ts$/.test(f)).map((f) => `src/cards/${dir}/${f}`)),
];

test('no card, nor the entry, reaches en-editor.ts through static imports', () => {
  // Arrange
  const cards = CARD_ROOTS.filter((f) => /vitals-.*-card\.ts$/.test(f));
  // Act
  const reaching = CARD_ROOTS.map((f) => pathTo(join(root, f), EN_EDITOR)).filter(Boolean).map((p) => p.join(' → '));
  // Assert
  assert.equal(cards.length, 7, `expected the seven cards, found ${cards.join(', ')}`);
  assert.deepEqual(reaching, []);
});

test('the editors and the backtest preview reach en-editor.ts statically, as does every module naming one of its keys', () => {
  // Arrange
  const users = tsFiles(join(root, 'src'))
    .filter((f) => f !== EN_EDITOR && !f.includes(`${join('localize', 'languages')}`))
    .filter((f) => namesEditorKey(readFileSync(f, 'utf8')));
  // Act
  const missing = [join(root, 'src/cards/shared/editor.ts'), join(root, 'src/cards/shared/rule-preview/vitals-rule-preview.ts'), ...users]
    .filter((f) => !pathTo(f, EN_EDITOR))
    .map((f) => `${relative(root, f)} names ${namesEditorKey(readFileSync(f, 'utf8')) ?? 'editor strings'} but does not import en-editor.ts`);
  // Assert
  assert.ok(editorKeys.size > 100, `expected the editor keys of en-editor.ts, found ${editorKeys.size}`);
  assert.ok(users.length >= 8, `expected the editors among the modules naming editor keys, found ${users.map((f) => relative(root, f)).join(', ')}`);
  assert.deepEqual(missing, []);
});

test('the scan follows static imports and re-exports, not import() or type-only imports', () => {
  // Arrange
  const source = [
    "import { LitElement, css } from 'lit';",
    "import { a, type B } from './a';",
    "import type { C } from './c';",
    "import { type D, type E } from './d';",
    "import F, { type G } from './f.js';",
    "import './side-effect';",
    'import {',
    '  h,',
    '  i,',
    "} from '../h';",
    "export { j } from './j';",
    "export * from './k.js';",
    "export type { L } from './l';",
    "const m = await import('./m');",
    " * import { n } from './in-a-comment';",
    "export const o = { from: 'p' };",
  ].join('\n');
  // Act
  const found = staticImports(source);
  // Assert
  assert.deepEqual(found, ['./a', './f.js', './side-effect', '../h', './j', './k.js']);
});
