import { expect, fixture, html } from '@open-wc/testing';
import { loadChartJs } from '../../../src/ui/chart/load';
import { nowLinePlugin, thresholdPlugin, type ThresholdBand } from '../../../src/ui/chart/plugins';

describe('ui/chart plugins (with the lazily loaded chart.js)', () => {
  it('draws threshold lines with labels and bands, and a now line', async () => {
    // Arrange
    const { Chart } = await loadChartJs();
    const host = await fixture<HTMLDivElement>(html`<div style="width: 300px; height: 200px"><canvas width="300" height="200"></canvas></div>`);
    const canvas = host.querySelector('canvas')!;
    const bands: ThresholdBand[] = [
      { value: 95, color: 'rgb(255, 0, 0)', fill: 'rgba(255, 0, 0, 0.1)', label: 'critical' },
      { value: 80, color: 'rgb(255, 165, 0)', fill: 'rgba(255, 165, 0, 0.1)', label: 'warning' },
      { value: 500, color: 'rgb(0, 0, 255)', fill: 'rgba(0, 0, 255, 0.1)' },
      { value: 10, color: 'rgb(0, 0, 255)', fill: 'rgba(0, 0, 255, 0.1)', scaleId: 'missing' },
    ];
    const ctx = canvas.getContext('2d')!;
    const texts: string[] = [];
    const fillText = ctx.fillText.bind(ctx);
    ctx.fillText = (text: string, x: number, y: number) => {
      texts.push(text);
      fillText(text, x, y);
    };
    let strokes = 0;
    const stroke = ctx.stroke.bind(ctx);
    ctx.stroke = () => {
      strokes++;
      stroke();
    };
    // Act
    const chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [{ data: [{ x: 0, y: 50 }, { x: 10, y: 100 }] }] },
      options: { animation: false, responsive: false, parsing: false, scales: { x: { type: 'linear', min: 0, max: 20 }, y: { type: 'linear', min: 0, max: 110 } } },
      plugins: [thresholdPlugin({ bands: () => bands }), nowLinePlugin(() => 10, () => 'black'), nowLinePlugin(() => undefined, () => 'black')],
    });
    // Assert
    expect(texts).to.include.members(['warning', 'critical']);
    expect(strokes).to.be.at.least(3); // two thresholds + the now line (+ the dataset)
    chart.destroy();
  });

  it('loads chart.js once', async () => {
    const [a, b] = await Promise.all([loadChartJs(), loadChartJs()]);
    expect(a).to.equal(b);
    expect(a.Chart.registry.getController('line')).to.exist;
  });
});
