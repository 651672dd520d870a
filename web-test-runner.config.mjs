// Unit tests run in Debian's real Chromium (no browser downloads are possible here).
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { CHROMIUM_ARGS } from './e2e/lib/browser.mjs';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2021', tsconfig: './tsconfig.json' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        // The same flags as the e2e browser (headless is set by playwright here).
        args: CHROMIUM_ARGS.filter((a) => a !== '--headless'),
      },
    }),
  ],
  coverage: true,
  coverageConfig: {
    include: ['src/**/*.ts'],
    exclude: ['node_modules/**', 'test/**'],
    threshold: { statements: 85, branches: 75, functions: 80, lines: 85 },
    reportDir: 'coverage',
    reporters: ['lcov', 'json-summary', 'text-summary'],
  },
};
