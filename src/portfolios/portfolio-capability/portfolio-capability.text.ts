import type { CapabilityFigures, PortfolioCapability } from '../../../domain/capability/index.js';

const kw = (value: number): string => value.toFixed(1);
const pair = (f: CapabilityFigures): string => `${kw(f.upKw)}/${kw(f.downKw)}`;

const COLUMNS = [
  'KST',
  'up kW',
  'down kW',
  'up kWh',
  'down kWh',
  'stored kWh',
  'pv max kW',
  'ess up/down',
  'dr up/down',
  'ev up/down',
  'fc up/down',
];

/** Hours and minutes from 00:00 KST at the start of interval `index`. */
const kstLabel = (index: number, minutes: number): string => {
  const fromMidnight = index * minutes;
  const hh = String(Math.floor(fromMidnight / 60)).padStart(2, '0');
  const mm = String(fromMidnight % 60).padStart(2, '0');
  return `${hh}:${mm}`;
};

/** The capability as a table with one line per interval, for people at a terminal. */
export const portfolioCapabilityLines = (c: PortfolioCapability): string[] => {
  const rows = c.intervals.map(({ index, total, byKind }) => [
    kstLabel(index, c.intervalMinutes),
    kw(total.upKw),
    kw(total.downKw),
    kw(total.upKwh),
    kw(total.downKwh),
    `${kw(total.storedMinKwh)}..${kw(total.storedMaxKwh)}`,
    kw(byKind.pv.maxOutputKw),
    pair(byKind.ess),
    pair(byKind.dr_load),
    pair(byKind.ev_charger),
    pair(byKind.fuel_cell),
  ]);
  const widths = COLUMNS.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  return [
    `${c.portfolioId} [${c.tier}] on ${c.day}: ${c.memberDerCount} DERs, ` +
      `${c.intervalMinutes}-minute intervals (up = more injection or less consumption)`,
    line(COLUMNS),
    ...rows.map(line),
  ];
};
