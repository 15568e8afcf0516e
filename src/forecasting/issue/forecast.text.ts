import type { ForecastView } from './forecast-view.js';

const kwh = (value: number | undefined): string => (value ?? 0).toFixed(1);

const kstLabel = (index: number, minutes: number): string => {
  const fromMidnight = index * minutes;
  return `${String(Math.floor(fromMidnight / 60)).padStart(2, '0')}:${String(fromMidnight % 60).padStart(2, '0')}`;
};

/** The version as a table: per interval, each kind's portfolio total at each level (kWh). */
export const forecastLines = (view: ForecastView): string[] => {
  const { forecast } = view;
  const kinds = Object.entries(view.totals.byKind);
  const columns = [
    'KST',
    ...kinds.flatMap(([kind, total]) =>
      total.levels.map((level) => `${kind} p${Math.round(level * 100)}`),
    ),
  ];
  const intervals = 1440 / forecast.intervalMinutes;
  const rows = Array.from({ length: intervals }, (_, i) => [
    kstLabel(i, forecast.intervalMinutes),
    ...kinds.flatMap(([, total]) => total.intervalKwh.map((row) => kwh(row[i]))),
  ]);
  const dayRow = ['day', ...kinds.flatMap(([, total]) => total.dayKwh.map(kwh))];
  const widths = columns.map((title, c) =>
    Math.max(title.length, ...[...rows, dayRow].map((row) => (row[c] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ');
  const settled = view.kpx.settled;
  return [
    `${view.portfolioId} on ${view.tradingDay}: version ${forecast.version} of ${view.versionCount} ` +
      `(${forecast.forecastId}), issued ${forecast.issuedAt}, ${forecast.intervalMinutes}-minute ` +
      `intervals, ${forecast.series.length} series, kWh per interval`,
    `model ${forecast.model.name} ${forecast.model.version}, inputs sha-256 ${forecast.inputsDigest}`,
    ...forecast.omitted.map((o) => `  no ${o.assetKind} series for ${o.microVppId}: ${o.reason}`),
    line(columns),
    ...rows.map(line),
    line(dayRow),
    `KPX gates: first ${view.kpx.gates.first}, second ${view.kpx.gates.second}; submitted: ` +
      (['first', 'second'] as const)
        .map((slot) => {
          const s = view.kpx.submissions[slot];
          return s === undefined ? `${slot} -` : `${slot} v${s.forecastVersion}`;
        })
        .join(', ') +
      (settled === null
        ? ''
        : `; settled (${settled.basis}) ${kwh(settled.energyKwh.reduce((a, b) => a + b, 0))} kWh`),
  ];
};
