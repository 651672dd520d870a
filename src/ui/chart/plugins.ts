/**
 * Tiny chart.js plugins (types only from chart.js, so nothing here pulls chart.js into the main
 * bundle): threshold lines with bands, and a "now" marker.
 */
import type { Chart, Plugin } from 'chart.js';

export interface ThresholdBand {
  value: number;
  color: string;
  /** Band fill (colour with alpha); the band runs from this value to the next threshold or the top. */
  fill: string;
  label?: string;
  /** Scale id, default 'y'. */
  scaleId?: string;
}

export interface ThresholdPluginOptions {
  bands(): readonly ThresholdBand[];
  font?: string;
}

/** Draws each threshold as a dashed line with a label, and a faint band up to the next one. */
export function thresholdPlugin(options: ThresholdPluginOptions): Plugin<'line'> {
  return {
    id: 'vitalsThresholds',
    beforeDatasetsDraw(chart: Chart<'line'>) {
      const bands = [...options.bands()].sort((a, b) => a.value - b.value);
      if (bands.length === 0) return;
      const { ctx, chartArea } = chart;
      if (!chartArea) return;
      ctx.save();
      ctx.beginPath();
      ctx.rect(chartArea.left, chartArea.top, chartArea.right - chartArea.left, chartArea.bottom - chartArea.top);
      ctx.clip();
      bands.forEach((band, i) => {
        const scale = chart.scales[band.scaleId ?? 'y'];
        if (!scale) return;
        const y = scale.getPixelForValue(band.value);
        const next = bands.slice(i + 1).find((b) => (b.scaleId ?? 'y') === (band.scaleId ?? 'y'));
        const top = next ? scale.getPixelForValue(next.value) : chartArea.top;
        const yc = Math.min(Math.max(y, chartArea.top), chartArea.bottom);
        if (top < yc) {
          ctx.fillStyle = band.fill;
          ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, yc - top);
        }
        if (y < chartArea.top || y > chartArea.bottom) return;
        ctx.strokeStyle = band.color;
        ctx.lineWidth = 1;
        ctx.setLineDash([4, 4]);
        ctx.beginPath();
        ctx.moveTo(chartArea.left, y);
        ctx.lineTo(chartArea.right, y);
        ctx.stroke();
        if (band.label) {
          ctx.setLineDash([]);
          ctx.fillStyle = band.color;
          ctx.font = options.font ?? '11px sans-serif';
          ctx.textAlign = 'right';
          ctx.textBaseline = 'bottom';
          ctx.fillText(band.label, chartArea.right - 4, y - 2);
        }
      });
      ctx.restore();
    },
  };
}

/** A thin vertical line at "now" when the axis extends into the future (forecast room). */
export function nowLinePlugin(now: () => number | undefined, color: () => string): Plugin<'line'> {
  return {
    id: 'vitalsNow',
    beforeDatasetsDraw(chart: Chart<'line'>) {
      const t = now();
      const scale = chart.scales.x;
      const { ctx, chartArea } = chart;
      if (t === undefined || !scale || !chartArea) return;
      const x = scale.getPixelForValue(t);
      if (x <= chartArea.left || x >= chartArea.right) return;
      ctx.save();
      ctx.strokeStyle = color();
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      ctx.restore();
    },
  };
}

export interface RangeBand {
  /** Fill colour (with alpha). */
  fill: string;
  scaleId?: string;
  points: readonly { x: number; lo: number; hi: number }[];
}

/**
 * Min/max bands (the older part of a long window, kept as buckets): each run of points between
 * gaps is filled between its highs and its lows, under the lines.
 */
export function rangeBandPlugin(bands: () => readonly RangeBand[]): Plugin<'line'> {
  return {
    id: 'vitalsRangeBands',
    beforeDatasetsDraw(chart: Chart<'line'>) {
      const { ctx, chartArea } = chart;
      const x = chart.scales.x;
      if (!chartArea || !x) return;
      ctx.save();
      ctx.beginPath();
      ctx.rect(chartArea.left, chartArea.top, chartArea.right - chartArea.left, chartArea.bottom - chartArea.top);
      ctx.clip();
      for (const band of bands()) {
        const y = chart.scales[band.scaleId ?? 'y'];
        if (!y) continue;
        ctx.fillStyle = band.fill;
        let runStart = 0;
        for (let i = 0; i <= band.points.length; i++) {
          if (i < band.points.length && !Number.isNaN(band.points[i].lo)) continue;
          if (i > runStart) {
            ctx.beginPath();
            for (let k = runStart; k < i; k++) ctx.lineTo(x.getPixelForValue(band.points[k].x), y.getPixelForValue(band.points[k].hi));
            for (let k = i - 1; k >= runStart; k--) ctx.lineTo(x.getPixelForValue(band.points[k].x), y.getPixelForValue(band.points[k].lo));
            ctx.closePath();
            ctx.fill();
          }
          runStart = i + 1;
        }
      }
      ctx.restore();
    },
  };
}
