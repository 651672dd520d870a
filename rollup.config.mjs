// One ES module for HACS (dist/ha-vitals.js) that registers every card; heavy pieces
// (chart.js, editors) are split into lazily loaded chunks beside it. Output is deterministic:
// no timestamps, no absolute paths, stable chunk names, so the committed dist/ can be checked
// against a fresh build.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import minifyCssLiterals from './scripts/rollup-minify-css.mjs';

const ENTRY = 'src/ha-vitals.ts';

/**
 * Everything the entry loads at once goes into one shared chunk (`ha-vitals-core-…js`), so the
 * lazily loaded chunks import that chunk, never the entry: HACS serves the entry as
 * `ha-vitals.js?hacstag=N`, and a chunk importing `./ha-vitals.js` would load and run a second copy.
 */
function coreChunk() {
  let eager;
  return (id, { getModuleIds, getModuleInfo }) => {
    if (!eager) {
      eager = new Set();
      const entry = [...getModuleIds()].map((m) => getModuleInfo(m)).find((m) => m?.isEntry);
      const stack = entry ? [...entry.importedIds] : [];
      while (stack.length) {
        const next = stack.pop();
        if (eager.has(next)) continue;
        eager.add(next);
        stack.push(...(getModuleInfo(next)?.importedIds ?? []));
      }
    }
    return eager.has(id) ? 'core' : undefined;
  };
}

export default {
  input: { 'ha-vitals': ENTRY },
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'ha-vitals-[name]-[hash].js',
    sourcemap: false,
    manualChunks: coreChunk(),
  },
  plugins: [
    nodeResolve({ browser: true }),
    minifyCssLiterals(),
    esbuild({ target: 'es2021', tsconfig: 'tsconfig.json' }),
    terser({ module: true, ecma: 2020, format: { comments: false }, compress: { passes: 3 } }),
  ],
};
