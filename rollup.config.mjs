// One ES module for HACS (dist/ha-vitals.js) that registers every card; heavy pieces
// (chart.js, editors) are split into lazily loaded chunks beside it. Output is deterministic:
// no timestamps, no absolute paths, stable chunk names, so the committed dist/ can be checked
// against a fresh build.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import minifyCssLiterals from './scripts/rollup-minify-css.mjs';

export default {
  input: { 'ha-vitals': 'src/ha-vitals.ts' },
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'ha-vitals-[name]-[hash].js',
    sourcemap: false,
  },
  plugins: [
    nodeResolve({ browser: true }),
    minifyCssLiterals(),
    esbuild({ target: 'es2021', tsconfig: 'tsconfig.json' }),
    terser({ module: true, ecma: 2020, format: { comments: false }, compress: { passes: 3 } }),
  ],
};
