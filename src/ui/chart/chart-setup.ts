/**
 * The chart.js chunk: loaded with a dynamic import (see load.ts), so dashboards without a chart
 * never download it. Only the pieces the cards use are registered: line charts on linear axes
 * (time is a linear axis in epoch ms with our own ticks: no time scale, no date adapter; the
 * pointer readout is the chart element's own, lighter than chart.js's Tooltip).
 */
import { Chart, LineController, LineElement, PointElement, LinearScale } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale);

export { Chart };
// Chart-only drawing code travels in this chunk too.
export { thresholdPlugin, nowLinePlugin, rangeBandPlugin } from './plugins';
