import type { ReportData } from './report-data.js';
import {
  awardRows,
  intervalCount,
  intervalLabel,
  intervalMinutesOf,
  kindValueRows,
  smpRows,
  socRows,
  socIntervalSeries,
  deliveredKindRows,
} from './report-figures.js';
import { barChart, bidCurveChart, escapeXml, lineChart } from './svg-chart.js';

type Cell = string | number | null;

/** Numbers to 0.001 at most: the solver's 132.4388860559767 KRW/kWh reads as 132.439. */
const text = (value: Cell): string =>
  value === null
    ? '-'
    : typeof value === 'number'
      ? String(Math.round(value * 1000) / 1000)
      : value;

/** A table of the numbers behind a chart; every cell escaped. */
export const table = (
  caption: string,
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
): string =>
  `<table><caption>${escapeXml(caption)}</caption><thead><tr>${header
    .map((h) => `<th>${escapeXml(h)}</th>`)
    .join('')}</tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr>${r.map((c) => `<td${typeof c === 'number' ? ' class="n"' : ''}>${escapeXml(text(c))}</td>`).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;

const note = (message: string): string => `<p class="note">${escapeXml(message)}</p>`;

const section = (id: string, title: string, body: readonly string[]): string =>
  `<section id="${escapeXml(id)}"><h2>${escapeXml(title)}</h2>${body.join('')}</section>`;

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;margin-top:32px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:12px}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid #ddd;padding:2px 6px}td.n{text-align:right;font-variant-numeric:tabular-nums}
.note{color:#7a4d00;background:#fff6e0;padding:6px 10px;border-left:3px solid #e0a000}
.grid-multiples{display:flex;flex-wrap:wrap;gap:12px}
.multiple{border:1px solid #eee;padding:4px}
svg.chart{background:#fff;font-size:10px}svg .t{font-size:12px;font-weight:600}
svg .ax{stroke:#444}svg .grid{stroke:#eee}dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}`;

const bidCurves = (data: ReportData): string => {
  const bid = data.bid;
  if (bid === undefined)
    return section('bid-curves', 'Bid curves', [
      note(
        data.simulation.noBid === undefined
          ? 'No bid is recorded for this day.'
          : `No bid was drafted: ${data.simulation.noBid.reason}`,
      ),
    ]);
  const minutes = bid.intervalMinutes;
  const multiples = bid.intervals.map((interval) => {
    const title = `interval ${interval.interval} (${intervalLabel(interval.interval, minutes)})`;
    const chart = bidCurveChart(
      { width: 260, height: 170, title, xLabel: 'KRW/kWh', yLabel: 'kW' },
      interval.sell,
      interval.buy,
    );
    const rows = [
      ...interval.sell.map((p) => ['sell', p.priceKrwPerKwh, p.quantityKw] as const),
      ...interval.buy.map((p) => ['buy', p.priceKrwPerKwh, p.quantityKw] as const),
    ];
    return `<div class="multiple">${chart}${table(title, ['side', 'price KRW/kWh', 'quantity kW'], rows)}</div>`;
  });
  return section('bid-curves', `Bid curves (${bid.intervals.length} intervals bid)`, [
    note(
      'Sell: from each price upwards the portfolio sells the quantity; buy: up to each price it buys ' +
        `the quantity. Curves as they stand (status ${bid.status}); intervals not listed were not bid.`,
    ),
    `<div class="grid-multiples">${multiples.join('')}</div>`,
  ]);
};

const awardVsDelivery = (data: ReportData): string => {
  const rows = awardRows(data);
  const delivered = data.simulation.delivery !== undefined;
  const chart = barChart(
    {
      width: 900,
      height: 280,
      title: 'Awarded vs delivered net energy per interval',
      xLabel: 'interval',
      yLabel: 'kWh',
    },
    rows.map((r) => String(r.interval)),
    [
      { label: 'awarded net', color: '#1f77b4', values: rows.map((r) => r.awardedNetKwh) },
      { label: 'delivered net', color: '#ff7f0e', values: rows.map((r) => r.deliveredNetKwh) },
    ],
  );
  return section('award-delivery', 'Award vs delivery', [
    ...(delivered ? [] : [note('The day is not delivered yet: no delivered energy is recorded.')]),
    ...(data.bid?.awards === undefined ? [note('No awards are recorded for this day.')] : []),
    chart,
    table(
      'Award and delivery per interval (net = sell - buy; deviation = delivered - awarded)',
      [
        'interval',
        'KST',
        'clearing KRW/kWh',
        'awarded sell kW',
        'awarded buy kW',
        'awarded net kWh',
        'delivered net kWh',
        'deviation kWh',
      ],
      rows.map((r) => [
        r.interval,
        r.label,
        r.clearingPriceKrwPerKwh,
        r.awardedSellKw,
        r.awardedBuyKw,
        r.awardedNetKwh,
        r.deliveredNetKwh,
        r.deviationKwh,
      ]),
    ),
  ]);
};

/** A bar chart with one group of bars per category (battery, asset kind), sized to their number. */
const categoryBars = (
  frame: { readonly title: string; readonly xLabel: string; readonly yLabel: string },
  height: number,
  categories: readonly string[],
  series: Parameters<typeof barChart>[2],
): string =>
  barChart(
    { width: Math.max(360, 120 * categories.length + 80), height, ...frame },
    categories,
    series,
  );

const SOC_COLORS = ['#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#17becf', '#bcbd22'];

const socPerInterval = (data: ReportData): string[] => {
  const series = socIntervalSeries(data);
  const minutes = intervalMinutesOf(data);
  if (series.length === 0)
    return data.simulation.delivery === undefined
      ? []
      : [note('This delivery was recorded before SoC per interval was (schema version 1).')];
  return [
    lineChart(
      {
        width: 900,
        height: 260,
        title: 'State of charge per battery at the end of each interval (twin)',
        xLabel: 'interval (1-based)',
        yLabel: 'kWh',
      },
      series.map((s, i) => ({
        label: s.derId,
        color: SOC_COLORS[i % SOC_COLORS.length] ?? '#9467bd',
        values: s.socKwh,
      })),
    ),
    table(
      'State of charge at the end of each interval, kWh',
      ['interval', 'KST', ...series.map((s) => s.derId)],
      Array.from({ length: intervalCount(data) }, (_, t) => [
        t,
        intervalLabel(t, minutes),
        ...series.map((s) => s.socKwh[t] ?? null),
      ]),
    ),
  ];
};

const stateOfCharge = (data: ReportData): string => {
  const rows = socRows(data);
  if (rows.length === 0)
    return section('soc', 'Battery state of charge', [
      note('No battery state of charge is recorded.'),
    ]);
  return section('soc', 'Battery state of charge', [
    ...socPerInterval(data),
    categoryBars(
      { title: 'End-of-day state of charge per battery', xLabel: 'battery', yLabel: 'kWh' },
      260,
      rows.map((r) => r.derId),
      [
        {
          label: 'planned (scenario mean)',
          color: '#2ca02c',
          values: rows.map((r) => r.plannedEndKwh),
        },
        { label: 'actual (twin)', color: '#9467bd', values: rows.map((r) => r.actualEndKwh) },
      ],
    ),
    table(
      'End-of-day state of charge, kWh',
      ['battery', 'planned (scenario mean)', 'actual (twin)'],
      rows.map((r) => [r.derId, r.plannedEndKwh, r.actualEndKwh]),
    ),
  ]);
};

const smp = (data: ReportData): string => {
  const rows = smpRows(data);
  const provenance = data.bid?.draft.provenance;
  const drawn = data.smpScenarios;
  const how =
    `set ${provenance?.scenarioSetId ?? '-'}, seed ${provenance?.scenarioSeed ?? '-'}, ` +
    `${provenance?.scenarioCount ?? '-'} scenarios`;
  const scenarioSeries = (drawn?.scenarios ?? []).map((values, s) => ({
    label: s === 0 ? 'scenarios' : `scenario ${s + 1}`,
    color: '#9ecae1',
    values,
  }));
  return section('smp', 'SMP: scenarios vs actual', [
    note(
      drawn === undefined
        ? `The bid stream records how its SMP scenarios were drawn (${how}) but not the scenario ` +
            'prices themselves, and they could not be drawn again here (no bid, or no SMP history ' +
            'file): only the actual published SMP and the clearing prices are charted.'
        : `The bid stream records how its SMP scenarios were drawn (${how}), not the prices: they ` +
            'are drawn again here from that seed and the SMP history file, as the simulation ' +
            'draws them (a deterministic draw; it matches the run while the price model and the ' +
            'data file are unchanged).',
    ),
    lineChart(
      {
        width: 900,
        height: 280,
        title: 'Day-ahead SMP per interval: scenarios vs actual',
        xLabel: 'interval (1-based)',
        yLabel: 'KRW/kWh',
      },
      [
        ...scenarioSeries,
        ...(drawn === undefined
          ? []
          : [
              {
                label: 'point forecast',
                color: '#3182bd',
                dashed: true,
                values: drawn.pointKrwPerKwh,
              },
            ]),
        { label: 'published SMP', color: '#000', values: rows.map((r) => r.publishedKrwPerKwh) },
        {
          label: 'clearing price of award',
          color: '#d62728',
          dashed: true,
          values: rows.map((r) => r.clearingPriceKrwPerKwh),
        },
      ],
    ),
    table(
      'SMP per interval, KRW/kWh',
      [
        'KST',
        'published SMP',
        'clearing price of award',
        ...(drawn === undefined ? [] : ['point forecast']),
        ...(drawn?.scenarios ?? []).map((_, s) => `scenario ${s + 1}`),
      ],
      rows.map((r, t) => [
        r.label,
        r.publishedKrwPerKwh,
        r.clearingPriceKrwPerKwh,
        ...(drawn === undefined ? [] : [drawn.pointKrwPerKwh[t] ?? null]),
        ...(drawn?.scenarios ?? []).map((values) => values[t] ?? null),
      ]),
    ),
  ]);
};

const revenue = (data: ReportData): string => {
  const rows = awardRows(data);
  const kinds = kindValueRows(data);
  const total = rows.reduce((a, r) => a + r.revenueKrw, 0);
  return section('revenue', 'Revenue', [
    note(
      'Revenue is the awarded net energy times the clearing price (day-ahead, before deviation ' +
        'settlement). Per asset kind, the twin\u2019s delivered energy is valued at the same prices ' +
        '(the sites\u2019 retail load is shown for the balance; it is billed by the retailer, not ' +
        'traded); the plan per kind attributes the bid\u2019s scenario schedules (probability-weighted).',
    ),
    barChart(
      {
        width: 900,
        height: 260,
        title: `Portfolio day-ahead revenue per interval (total ${total} KRW)`,
        xLabel: 'interval',
        yLabel: 'KRW',
      },
      rows.map((r) => String(r.interval)),
      [{ label: 'revenue', color: '#17becf', values: rows.map((r) => r.revenueKrw) }],
    ),
    table(
      'Portfolio revenue per interval, KRW',
      ['interval', 'KST', 'awarded net kWh', 'clearing KRW/kWh', 'revenue KRW'],
      [
        ...rows.map((r) => [
          r.interval,
          r.label,
          r.awardedNetKwh,
          r.clearingPriceKrwPerKwh,
          r.revenueKrw,
        ]),
        ['total', '', rows.reduce((a, r) => a + r.awardedNetKwh, 0), null, total],
      ],
    ),
    ...deliveredPerKind(data),
    ...(kinds.length === 0
      ? [note('No scenario schedules are recorded: no attribution per asset kind.')]
      : [
          categoryBars(
            { title: 'Planned value per asset kind', xLabel: 'asset kind', yLabel: 'KRW' },
            240,
            kinds.map((k) => k.kind),
            [
              {
                label: 'planned value',
                color: '#bcbd22',
                values: kinds.map((k) => k.plannedValueKrw),
              },
            ],
          ),
          table(
            'Planned value per asset kind (scenario schedules at the day\u2019s prices)',
            ['asset kind', 'assets', 'planned net kWh', 'planned value KRW'],
            kinds.map((k) => [k.kind, k.assets, k.plannedNetKwh, k.plannedValueKrw]),
          ),
        ]),
  ]);
};

const KIND_COLORS: Readonly<Record<string, string>> = {
  pv: '#ffbf00',
  ess: '#9467bd',
  ev_charger: '#2ca02c',
  dr_load: '#d62728',
  fuel_cell: '#8c564b',
  load: '#7f7f7f',
};

const deliveredPerKind = (data: ReportData): string[] => {
  const rows = deliveredKindRows(data);
  if (rows.length === 0)
    return data.simulation.delivery === undefined
      ? []
      : [note('This delivery was recorded before energy per asset kind was (schema version 1).')];
  const market = rows.filter((r) => r.kind !== 'load');
  return [
    categoryBars(
      {
        title: 'Delivered revenue per asset kind (twin energy x day price)',
        xLabel: 'asset kind',
        yLabel: 'KRW',
      },
      240,
      rows.map((r) => r.kind),
      [{ label: 'delivered value', color: '#17becf', values: rows.map((r) => r.valueKrw) }],
    ),
    lineChart(
      {
        width: 900,
        height: 260,
        title: 'Delivered energy per asset kind per interval',
        xLabel: 'interval (1-based)',
        yLabel: 'kWh',
      },
      rows.map((r) => ({
        label: r.kind,
        color: KIND_COLORS[r.kind] ?? '#333333',
        values: r.perIntervalKwh,
      })),
    ),
    table(
      'Delivered energy and revenue per asset kind',
      ['asset kind', 'delivered kWh', 'value KRW'],
      [
        ...rows.map((r) => [r.kind, r.deliveredKwh, r.valueKrw]),
        [
          'market position (all but load)',
          Math.round(market.reduce((a, r) => a + r.deliveredKwh, 0) * 1000) / 1000,
          market.reduce((a, r) => a + r.valueKrw, 0),
        ],
      ],
    ),
  ];
};

const pv = (data: ReportData): string => {
  const d = data.simulation.delivery;
  if (d === undefined) return '';
  const minutes = d.intervalMinutes;
  return section('pv', 'PV forecast vs actual', [
    lineChart(
      {
        width: 900,
        height: 240,
        title: 'PV energy per interval',
        xLabel: 'interval (1-based)',
        yLabel: 'kWh',
      },
      [
        { label: 'forecast (P50, D-1)', color: '#e0a000', dashed: true, values: d.pvForecastKwh },
        { label: 'actual (twin)', color: '#8c564b', values: d.pvActualKwh },
      ],
    ),
    table(
      'PV energy per interval, kWh',
      ['KST', 'forecast', 'actual'],
      d.pvActualKwh.map((a, t) => [intervalLabel(t, minutes), d.pvForecastKwh[t] ?? null, a]),
    ),
  ]);
};

const overview = (data: ReportData): string => {
  const p = data.bid?.draft.provenance;
  const items: [string, string][] = [
    ['portfolio', data.portfolioId],
    ['market', data.market],
    ['trading day', data.day],
    ['grid', `${intervalMinutesOf(data)} minutes`],
    ['bid status', data.bid?.status ?? (data.simulation.noBid ? 'not bid' : 'no bid')],
    ['delivered', data.simulation.delivery === undefined ? 'no' : 'yes'],
    ['solver', p === undefined ? '-' : `${p.solver.name} ${p.solver.version} (${p.status})`],
    ['objective KRW', p === undefined ? '-' : String(p.objectiveKrw)],
    ['store', data.store],
  ];
  return `<dl>${items.map(([k, v]) => `<dt>${escapeXml(k)}</dt><dd>${escapeXml(v)}</dd>`).join('')}</dl>`;
};

/** The whole report: one HTML document with inline CSS and SVG, nothing loaded from elsewhere. */
export const reportPage = (data: ReportData): string => {
  const title = `Gridfolio day report: ${data.portfolioId} ${data.market} ${data.day}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<h1>${escapeXml(title)}</h1>`,
    overview(data),
    bidCurves(data),
    awardVsDelivery(data),
    stateOfCharge(data),
    smp(data),
    revenue(data),
    pv(data),
    '</body></html>',
    '',
  ].join('\n');
};
