/**
 * The chart.js chunk: loaded with a dynamic import (see load.ts), so dashboards without a chart
 * never download it. Only the pieces the cards use are registered: line charts on linear axes
 * (time is a linear axis in epoch ms with our own ticks: no time scale, no date adapter).
 */
import { Chart, LineController, LineElement, PointElement, LinearScale, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip);

export { Chart };
// Chart-only drawing code travels in this chunk too.
export { thresholdPlugin, nowLinePlugin, rangeBandPlugin } from './plugins';
