// A 100,000-point chart in real Chromium: series → min/max decimation to the pixel width →
// chart.js (the same modules the history card uses) → painted frame. Budget: ≤ 50 ms.
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerBenchmark } from './registry.mjs';

const here = dirname(fileURLToPath(import.meta.url));

const PAGE_SCRIPT = `
import { TimeSeries } from './src/core/series/time-series.ts';
import { seriesPoints } from './src/ui/chart/points.ts';
import { Chart } from './src/ui/chart/chart-setup.ts';

window.paint = async (n, width) => {
  const series = new TimeSeries({ capacity: n, maxAgeMs: Infinity });
  for (let i = 0; i < n; i++) series.append(i * 1000, 50 + 20 * Math.sin(i / 500) + (i % 997 === 0 ? 40 : 0));
  const canvas = document.createElement('canvas');
  canvas.style.width = width + 'px';
  canvas.style.height = '300px';
  document.body.replaceChildren(canvas);
  await new Promise((r) => requestAnimationFrame(r));
  const started = performance.now();
  const data = seriesPoints(series, 0, (n - 1) * 1000, width);
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: [{ data, pointRadius: 0, borderWidth: 1.5, parsing: false, spanGaps: false }] },
    options: { animation: false, responsive: false, maintainAspectRatio: false, parsing: false, normalized: true,
      scales: { x: { type: 'linear' }, y: { type: 'linear' } }, plugins: { legend: { display: false }, tooltip: { enabled: false } } },
  });
  await new Promise((r) => requestAnimationFrame(() => r()));
  const elapsed = performance.now() - started;
  const points = data.length;
  chart.destroy();
  return { elapsed, points };
};
`;

export async function chartPaintBenchmark() {
  const bundle = await build({
    stdin: { contents: PAGE_SCRIPT, resolveDir: resolve(here, '..'), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    minify: true,
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.setContent('<!doctype html><body></body>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text, type: 'module' });
    await page.waitForFunction(() => typeof window.paint === 'function');
    const runs = [];
    for (let i = 0; i < 7; i++) runs.push(await page.evaluate(() => window.paint(100_000, 1000)));
    const times = runs.map((r) => r.elapsed).sort((a, b) => a - b);
    return {
      description: '100,000 samples → decimated to 1,000 px → chart.js line → next painted frame, Chromium (median of 7, first included)',
      samples: 100_000,
      pixels: 1000,
      pointsDrawn: runs[0].points,
      medianMs: +times[times.length >> 1].toFixed(1),
      maxMs: +times[times.length - 1].toFixed(1),
      budgetMs: 50,
    };
  } finally {
    await browser.close();
  }
}

registerBenchmark('chartPaint', chartPaintBenchmark);
