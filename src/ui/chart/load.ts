/** Lazy loader of the chart.js chunk: one download per page, retried after a failure. */
type ChartModule = typeof import('./chart-setup');

let loading: Promise<ChartModule> | undefined;

export function loadChartJs(): Promise<ChartModule> {
  if (!loading) {
    loading = import('./chart-setup').catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
  }
  return loading;
}
