import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/ui/chart/time-chart';
import { tickDecimals } from '../../../src/ui/chart/time-chart';
import type { VitalsTimeChart } from '../../../src/ui/chart/time-chart';

const HOUR = 3_600_000;

async function renderChart(width = 400, height = 200) {
  const host = await fixture<HTMLDivElement>(html`<div style="width: ${width}px; height: ${height}px; position: relative"></div>`);
  const chart = document.createElement('vitals-time-chart') as VitalsTimeChart;
  chart.style.cssText = 'position: absolute; inset: 0';
  chart.view = { min: 0, max: 10 * HOUR };
  chart.lines = [{ label: 'cpu', color: 'rgb(0, 0, 255)', unit: '%', axis: 'left', style: 'line', points: [{ x: HOUR, y: 10 }, { x: 9 * HOUR, y: 20 }] }];
  host.appendChild(chart);
  await waitUntil(() => chart.chart !== undefined, 'chart.js not created', { timeout: 5000 });
  return { host, chart };
}

describe('<vitals-time-chart>', () => {
  it('draws its lines on the given view and fills its box', async () => {
    // Arrange / Act
    const { chart } = await renderChart(500, 150);
    // Assert
    expect(chart.chart!.data.datasets[0].data).to.have.length(2);
    expect(chart.chart!.scales.x.min).to.equal(0);
    expect(chart.chart!.scales.x.max).to.equal(10 * HOUR);
    const canvas = chart.shadowRoot!.querySelector('canvas')!;
    expect(canvas.getBoundingClientRect().width).to.equal(500);
    expect(canvas.getBoundingClientRect().height).to.equal(150);
  });

  it('shows a right axis only when one is given, with its title', async () => {
    const { chart } = await renderChart();
    expect(chart.chart!.options.scales!.y1!.display).to.equal(false);
    // Act
    chart.axes = { left: { title: '%', include: [95] }, right: { title: 'MB', include: [] } };
    await chart.updateComplete;
    // Assert
    expect(chart.chart!.options.scales!.y1!.display).to.equal(true);
    expect(chart.chart!.scales.y.max).to.be.at.least(95);
  });

  it('fills min/max bands under the lines, broken at gaps', async () => {
    // Arrange
    const { chart } = await renderChart();
    const ctx = chart.shadowRoot!.querySelector('canvas')!.getContext('2d')!;
    let fills = 0;
    const fill = ctx.fill.bind(ctx);
    ctx.fill = ((...args: []) => {
      fills++;
      fill(...args);
    }) as typeof ctx.fill;
    // Act: two runs separated by a gap
    chart.ranges = [
      {
        fill: 'rgba(0, 0, 255, 0.2)',
        points: [
          { x: HOUR, lo: 5, hi: 30 },
          { x: 2 * HOUR, lo: 6, hi: 25 },
          { x: 3 * HOUR, lo: Number.NaN, hi: Number.NaN },
          { x: 4 * HOUR, lo: 8, hi: 12 },
        ],
      },
    ];
    await chart.updateComplete;
    // Assert
    expect(fills).to.equal(2);
    expect(chart.chart!.scales.y.max).to.be.at.least(20);
  });

  it('turns Ctrl+wheel into a zoom request and, while pannable, a drag into a pan request', async () => {
    const { chart } = await renderChart();
    const wrap = chart.shadowRoot!.querySelector('.wrap')!;
    const zooms: { factor: number }[] = [];
    const pans: { deltaMs: number }[] = [];
    chart.addEventListener('chart-zoom', (e) => zooms.push((e as CustomEvent).detail));
    chart.addEventListener('chart-pan', (e) => pans.push((e as CustomEvent).detail));
    // Act
    wrap.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true, cancelable: true }));
    wrap.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, ctrlKey: true, bubbles: true, cancelable: true }));
    wrap.dispatchEvent(new PointerEvent('pointerdown', { pointerId: 1, clientX: 100, button: 0, bubbles: true }));
    wrap.dispatchEvent(new PointerEvent('pointermove', { pointerId: 1, clientX: 150, bubbles: true }));
    chart.pannable = true;
    wrap.dispatchEvent(new PointerEvent('pointerdown', { pointerId: 2, clientX: 100, button: 0, bubbles: true }));
    wrap.dispatchEvent(new PointerEvent('pointermove', { pointerId: 2, clientX: 100 + chart.pixelWidth / 2, bubbles: true }));
    wrap.dispatchEvent(new PointerEvent('pointerup', { pointerId: 2, bubbles: true }));
    // Assert
    expect(zooms.map((z) => z.factor)).to.deep.equal([0.8]);
    expect(pans).to.have.length(1);
    expect(pans[0].deltaMs).to.be.closeTo(-5 * HOUR, 1);
  });

  it('destroys chart.js when removed and brings it back when re-attached', async () => {
    const { host, chart } = await renderChart();
    const first = chart.chart;
    // Act
    chart.remove();
    expect(chart.chart).to.equal(undefined);
    host.appendChild(chart);
    // Assert
    await waitUntil(() => chart.chart !== undefined, 'chart not re-created');
    expect(chart.chart).to.not.equal(first);
    expect(chart.chart!.data.datasets[0].data).to.have.length(2);
  });

  it('tells the card when its plot width changes', async () => {
    const { host, chart } = await renderChart(400);
    const widths: number[] = [];
    chart.addEventListener('chart-resize', (e) => widths.push((e as CustomEvent).detail.width));
    // Act
    host.style.width = '600px';
    // Assert
    await waitUntil(() => widths.length > 0, 'no chart-resize');
    expect(widths.at(-1)).to.be.above(500);
  });
});

describe('<vitals-time-chart> readout', () => {
  it('shows the time and each series\' nearest value under the pointer, and hides when it leaves', async () => {
    // Arrange
    const { chart } = await renderChart(400, 200);
    chart.lines = [
      ...chart.lines,
      { label: 'ram', color: 'rgb(255, 0, 0)', unit: 'MB', axis: 'left', style: 'line', points: [{ x: HOUR, y: 512 }, { x: 9 * HOUR, y: 600 }] },
    ];
    await chart.updateComplete;
    const wrap = chart.shadowRoot!.querySelector('.wrap')!;
    const x = chart.chart!.scales.x.getPixelForValue(9 * HOUR);
    // Act
    wrap.dispatchEvent(new PointerEvent('pointermove', { pointerId: 1, clientX: wrap.getBoundingClientRect().left + x, bubbles: true }));
    await chart.updateComplete;
    // Assert
    const readout = chart.shadowRoot!.querySelector('.readout');
    expect(readout?.textContent).to.contain('cpu: 20%');
    expect(readout?.textContent).to.contain('ram: 600 MB');
    wrap.dispatchEvent(new PointerEvent('pointerleave', { pointerId: 1 }));
    await chart.updateComplete;
    expect(chart.shadowRoot!.querySelector('.readout')).to.equal(null);
  });
});

describe('tickDecimals', () => {
  it('writes value ticks with just the decimals they need', () => {
    // Arrange
    const ticks = (...values: number[]) => values.map((value) => ({ value }));
    // Act / Assert
    expect(tickDecimals(ticks(400, 410, 420))).to.equal(0);
    expect(tickDecimals(ticks(412.2, 412.4, 412.6))).to.equal(1);
    expect(tickDecimals(ticks(0.05, 0.1, 0.15))).to.equal(2);
    expect(tickDecimals(ticks(2.5, 5, 7.5))).to.equal(1);
    expect(tickDecimals([])).to.equal(0);
  });
});
