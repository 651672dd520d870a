// Every card config the docs show is one Home Assistant would accept: each fenced code block
// (```yaml / ```yml / ```json, or unlabelled) in README.md and docs/**/*.md is parsed as YAML, and
// every mapping in it whose `type` names one of our cards (a single card, or one inside a
// dashboard's `views:` / `cards:`, a vertical-stack, a conditional's `card:`, ...) goes through the
// parse function the registered card's setConfig calls: CATALOG[i].parse from src/cards/catalog.ts
// (lazy-card.ts's setConfig runs it; the loaded card runs the same function), bundled for Node with
// esbuild, the cards' own code (the dynamic imports) left out. Blocks without such a mapping
// (fragments like a bare `alerts:` list) are not card configs and are skipped.
// A block that shows an invalid config on purpose is marked by the HTML comment
// `<!-- invalid-config -->` (or `<!-- invalid-config: text the error contains -->`) on the line
// right before its fence (blank lines between are allowed); such a block must FAIL validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { LineCounter, isMap, isScalar, isSeq, isPair, parseAllDocuments } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Card configs found in the docs when this test was written: fewer means the extractor broke. */
const MIN_CARD_CONFIGS = 9;

/** The card registry the entry module uses, with each card's config parser, loaded in Node (once). */
let catalogLoad;
const loadCatalog = () => (catalogLoad ??= bundleCatalog());
async function bundleCatalog() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/cards/catalog.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
    plugins: [
      {
        // The cards' code (Lit elements, loaded by import() when a dashboard uses a card) is never
        // needed to check a config, and needs a DOM.
        name: 'without-card-code',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
        },
      },
    ],
  });
  const module = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
  return module.CATALOG;
}

/** README.md and every Markdown file under docs/, as paths relative to the repository. */
function docFiles() {
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.name.endsWith('.md') ? [relative(root, path)] : [];
    });
  return ['README.md', ...walk(join(root, 'docs')).sort()];
}

const INVALID_MARKER = /^\s*<!--\s*invalid-config(?:\s*:\s*([\s\S]*?))?\s*-->\s*$/;
const CHECKED_LANGS = new Set(['', 'yaml', 'yml', 'json']);

/**
 * The fenced code blocks of a Markdown text: `{ line, lang, text, invalid }`, `line` being the
 * fence's line (1-based), `text` the content with the fence's indentation removed, `invalid`
 * `undefined` or `{ expect }` for a block marked `<!-- invalid-config -->`.
 */
export function codeBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^( {0,3})(`{3,}|~{3,})\s*([^\s`]*)/);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    const body = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = lines[j].match(/^ {0,3}(`{3,}|~{3,})\s*$/);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) break;
      body.push(lines[j].replace(new RegExp(`^ {0,${indent.length}}`), ''));
    }
    let k = i - 1;
    while (k >= 0 && lines[k].trim() === '') k--;
    const marker = k >= 0 ? lines[k].match(INVALID_MARKER) : null;
    blocks.push({ line: i + 1, lang: lang.toLowerCase(), text: body.join('\n'), invalid: marker ? { expect: marker[1] || undefined } : undefined });
    i = j;
  }
  return blocks;
}

/** `type` values that claim to be one of our cards (`custom:vitals-…`, or the tag without `custom:`). */
const VITALS_TYPE = /^(custom:)?vitals-/;

/**
 * The mappings of a YAML text whose `type` names an HA Vitals card, anywhere in the tree:
 * `{ line, type, config }`, `line` 1-based within the text. Throws on a YAML syntax error.
 */
export function cardConfigsIn(text) {
  const lineCounter = new LineCounter();
  const found = [];
  for (const doc of parseAllDocuments(text, { lineCounter })) {
    if (doc.errors.length) throw new Error(doc.errors[0].message.split('\n')[0]);
    const visit = (node) => {
      if (isPair(node)) return visit(node.value);
      if (isSeq(node)) return node.items.forEach(visit);
      if (!isMap(node)) return;
      const type = node.get('type', true);
      if (isScalar(type) && typeof type.value === 'string' && VITALS_TYPE.test(type.value)) {
        found.push({ line: lineCounter.linePos(node.range[0]).line, type: type.value, config: node.toJS(doc) });
        return;
      }
      node.items.forEach(visit);
    };
    visit(doc.contents);
  }
  return found;
}

/** Why `config` is rejected (the parser's message), or undefined when the card accepts it. */
export function validationError(catalog, type, config) {
  const tag = type.replace(/^custom:/, '');
  if (!type.startsWith('custom:')) return `type: "${type}" must be "custom:${tag}" (Home Assistant looks custom cards up as custom:<tag>)`;
  const entry = catalog.find((e) => e.tag === tag);
  if (!entry) return `type: "${type}" is no HA Vitals card (${catalog.map((e) => `custom:${e.tag}`).join(', ')})`;
  try {
    entry.parse(config);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Checks every card config of one Markdown file. Returns `{ cards, problems }`: the configs
 * validated (`{ line, type }`, `line` in the file) and the failures, each naming the file, the
 * block's line, the card's line, its type and the error.
 */
export function checkMarkdown(catalog, file, markdown) {
  const cards = [];
  const problems = [];
  for (const block of codeBlocks(markdown)) {
    if (!CHECKED_LANGS.has(block.lang)) continue;
    const where = `${file}: code block at line ${block.line}`;
    let found;
    try {
      found = cardConfigsIn(block.text);
    } catch (err) {
      // Unlabelled blocks are often not YAML (messages, diagrams); only a card config must parse.
      if (/custom:vitals-/.test(block.text) || block.invalid) problems.push(`${where}: not valid YAML: ${err.message}`);
      continue;
    }
    if (found.length === 0) {
      if (block.invalid) problems.push(`${where}: marked invalid-config, but holds no HA Vitals card config`);
      continue;
    }
    const errors = found.map((card) => ({ ...card, line: block.line + card.line, error: validationError(catalog, card.type, card.config) }));
    cards.push(...errors.map(({ line, type }) => ({ line, type })));
    if (block.invalid) {
      const rejected = errors.filter((e) => e.error !== undefined);
      if (rejected.length === 0) problems.push(`${where}: marked invalid-config, but ${found.map((c) => c.type).join(', ')} accepts it`);
      else if (block.invalid.expect && !rejected.some((e) => e.error.includes(block.invalid.expect))) {
        problems.push(`${where}: marked invalid-config: ${block.invalid.expect}, but the error is: ${rejected.map((e) => e.error).join(' / ')}`);
      }
      continue;
    }
    for (const e of errors) if (e.error !== undefined) problems.push(`${where}, card at line ${e.line} (${e.type}): ${e.error}`);
  }
  return { cards, problems };
}

test('every card config in README.md and docs/**/*.md is accepted by its card', async () => {
  // Arrange
  const catalog = await loadCatalog();
  const files = docFiles();
  // Act
  const perFile = {};
  const problems = [];
  const typesShown = new Set();
  for (const file of files) {
    const result = checkMarkdown(catalog, file, readFileSync(join(root, file), 'utf8'));
    if (result.cards.length) perFile[file] = result.cards.length;
    result.cards.forEach((c) => typesShown.add(c.type));
    problems.push(...result.problems);
  }
  const total = Object.values(perFile).reduce((s, n) => s + n, 0);
  // Assert
  assert.ok(problems.length === 0, `${problems.length} documented card config(s) fail:\n${problems.join('\n')}`);
  assert.ok(total >= MIN_CARD_CONFIGS, `found ${total} card configs (${JSON.stringify(perFile)}), expected at least ${MIN_CARD_CONFIGS}: is the code block extraction broken?`);
  for (const entry of catalog) assert.ok(typesShown.has(`custom:${entry.tag}`), `no doc shows a config of custom:${entry.tag}`);
});

test('a wrong key in a documented card config fails, naming file, block line, card line, type and key path', async () => {
  // Arrange
  const catalog = await loadCatalog();
  const markdown = [
    '# Example', //                                   1
    '', //                                            2
    '```yaml', //                                     3
    'type: custom:vitals-metric-card', //             4
    'entity: sensor.processor_use', //                5
    'alerts:', //                                     6
    '  - { name: cpu_high, type: threshold, above: 90, for: soon }', // 7
    '```', //                                         8
  ].join('\n');
  // Act
  const { cards, problems } = checkMarkdown(catalog, 'docs/example.md', markdown);
  // Assert
  assert.deepEqual(cards, [{ line: 4, type: 'custom:vitals-metric-card' }]);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^docs\/example\.md: code block at line 3, card at line 4 \(custom:vitals-metric-card\): vitals-metric-card: alerts\[0\]\.for: /);
});

test('cards nested in a dashboard (views, stacks, unlabelled block) are each validated at their own line', async () => {
  // Arrange
  const catalog = await loadCatalog();
  const markdown = [
    '```', //                                          1
    'views:', //                                       2
    '  - title: Vitals', //                            3
    '    cards:', //                                   4
    '      - type: vertical-stack', //                 5
    '        cards:', //                               6
    '          - type: custom:vitals-ux-card', //      7
    '          - type: custom:vitals-history-card', // 8
    '            entities: [sensor.cpu]', //           9
    '            hours_to_show: -1', //                10
    '      - type: custom:vitals-nonsense-card', //    11
    '      - type: vitals-ai-card', //                 12
    '      - type: entities', //                       13
    '        entities: [sensor.cpu]', //               14
    '```', //                                          15
  ].join('\n');
  // Act
  const { cards, problems } = checkMarkdown(catalog, 'docs/dashboard.md', markdown);
  // Assert
  assert.deepEqual(cards.map((c) => c.line), [7, 8, 11, 12]);
  assert.equal(problems.length, 3);
  assert.match(problems[0], /code block at line 1, card at line 8 \(custom:vitals-history-card\): vitals-history-card: hours_to_show: /);
  assert.match(problems[1], /card at line 11 .*is no HA Vitals card/);
  assert.match(problems[2], /card at line 12 .*must be "custom:vitals-ai-card"/);
});

test('fragments and other languages are skipped; an indented block inside a list is read', async () => {
  // Arrange
  const catalog = await loadCatalog();
  const markdown = [
    '```yaml', //                                              1
    'alerts:', //                                              2
    '  - { name: anomaly, type: anomaly }', //                 3
    '```', //                                                  4
    '```sh', //                                                5
    'echo "type: custom:vitals-metric-card"', //               6
    '```', //                                                  7
    '- a list item:', //                                       8
    '  ```yaml', //                                            9
    '  type: custom:vitals-system-card', //                    10
    '  entities: { cpu: sensor.processor_use }', //            11
    '  ```', //                                                12
  ].join('\n');
  // Act
  const { cards, problems } = checkMarkdown(catalog, 'docs/fragments.md', markdown);
  // Assert
  assert.deepEqual(problems, []);
  assert.deepEqual(cards, [{ line: 10, type: 'custom:vitals-system-card' }]);
});

test('a block marked invalid-config must fail, with the quoted error when one is given', async () => {
  // Arrange
  const catalog = await loadCatalog();
  const block = (marker, yaml) => [marker, '', '```yaml', ...yaml, '```'].join('\n');
  const wrong = ['type: custom:vitals-alerts-card', 'alerts:', '  - { name: x, type: threshold, above: 1, for: soon }'];
  const right = ['type: custom:vitals-alerts-card', 'entities: [sensor.cpu]'];
  // Act
  const failsAsMarked = checkMarkdown(catalog, 'a.md', block('<!-- invalid-config -->', wrong));
  const failsWithQuote = checkMarkdown(catalog, 'b.md', block('<!-- invalid-config: alerts[0].for: expected a duration -->', wrong));
  const wrongQuote = checkMarkdown(catalog, 'c.md', block('<!-- invalid-config: max_items -->', wrong));
  const passesThoughMarked = checkMarkdown(catalog, 'd.md', block('<!-- invalid-config -->', right));
  // Assert
  assert.deepEqual(failsAsMarked.problems, []);
  assert.deepEqual(failsWithQuote.problems, []);
  assert.match(wrongQuote.problems.join('\n'), /^c\.md: code block at line 3: marked invalid-config: max_items, but the error is: vitals-alerts-card: alerts\[0\]\.for/);
  assert.match(passesThoughMarked.problems.join('\n'), /^d\.md: code block at line 3: marked invalid-config, but custom:vitals-alerts-card accepts it/);
});
