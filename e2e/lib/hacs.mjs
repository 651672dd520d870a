// HACS-install helpers of e2e/tests/hacs-install.test.mjs: count evaluations of the entry module
// over CDP, and make "the next version" of a build (every chunk under a new hash name), as a HACS
// upgrade puts a differently hashed set of chunks into www/community/ha-vitals/.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** True for a script URL whose path ends with /ha-vitals.js (any query: ?hacstag=N, none, ...). */
export const isEntryUrl = (url) => {
  try {
    return new URL(url).pathname.endsWith('/ha-vitals.js');
  } catch {
    return false;
  }
};

/**
 * Record every script V8 compiles in `page` (CDP Debugger.scriptParsed; attach before navigating).
 * A module is compiled once per module-map entry (= per URL, query included) and evaluated once,
 * so parses of .../ha-vitals.js = evaluations of the entry, whatever URL variant ran it.
 * -> {scripts: [{at, url, isModule}], entry(): those of the entry, chunks(): ours besides the entry}
 */
export async function recordScripts(page) {
  const cdp = await page.context().newCDPSession(page);
  const scripts = [];
  cdp.on('Debugger.scriptParsed', (e) => {
    if (e.url) scripts.push({ at: Date.now(), url: e.url, isModule: Boolean(e.isModule) });
  });
  await cdp.send('Debugger.enable');
  return {
    cdp,
    scripts,
    entry: (from = 0) => scripts.slice(from).filter((s) => isEntryUrl(s.url)),
    chunks: (from = 0) => scripts.slice(from).filter((s) => /\/ha-vitals-[^/]+\.js(\?|$)/.test(s.url)),
  };
}

/**
 * Copy the build of `entryFile` (+ its ha-vitals-*.js chunks) to `outDir` with every chunk renamed
 * to a new hash (`ha-vitals-core-DEnx78Ae.js` -> `ha-vitals-core-<8 other chars>.js`) and every
 * reference to it rewritten, in the entry and in the chunks: a different set of chunk names, as
 * the next release installed by HACS has. -> {entry, dir, renames: Map(old -> new)}
 */
export function makeNextBuild(entryFile, outDir, salt = 'next-version') {
  const srcDir = path.dirname(entryFile);
  const chunks = fs.readdirSync(srcDir).filter((f) => /^ha-vitals-.+\.js$/.test(f));
  if (!chunks.length) throw new Error(`no ha-vitals-*.js chunks beside ${entryFile}`);
  const renames = new Map();
  for (const f of chunks) {
    const m = /^(ha-vitals-.+)-([A-Za-z0-9_-]{8})\.js$/.exec(f);
    if (!m) throw new Error(`chunk ${f} does not end in -<8-char hash>.js`);
    const hash = crypto.createHash('sha1').update(`${salt}:${f}`).digest('base64url').slice(0, 8);
    renames.set(f, `${m[1]}-${hash}.js`);
  }
  const rewrite = (text) => {
    for (const [from, to] of renames) text = text.split(from).join(to);
    return text;
  };
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const entryName = path.basename(entryFile);
  fs.writeFileSync(path.join(outDir, entryName), rewrite(fs.readFileSync(entryFile, 'utf8')));
  for (const f of chunks) fs.writeFileSync(path.join(outDir, renames.get(f)), rewrite(fs.readFileSync(path.join(srcDir, f), 'utf8')));
  // nothing of the new build names an old chunk
  for (const f of fs.readdirSync(outDir)) {
    const text = fs.readFileSync(path.join(outDir, f), 'utf8');
    const stale = [...renames.keys()].filter((old) => text.includes(old));
    if (stale.length) throw new Error(`${f} of the next build still names ${stale.join(', ')}`);
  }
  return { entry: path.join(outDir, entryName), dir: outDir, renames };
}

/** Chunks of the build in `dir` whose code names the entry file (`ha-vitals.js`): must be none. */
export function chunksImportingEntry(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => /^ha-vitals-.+\.js$/.test(f))
    .filter((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes('ha-vitals.js'));
}
