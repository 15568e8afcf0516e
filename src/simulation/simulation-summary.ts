import { strategyOfSolver } from '../../domain/bidding/strategies/bid-strategy.js';
import {
  DEFAULT_DEVIATION_PENALTY_SMP_FACTOR,
  deviationPenaltyKrw,
} from '../../domain/bidding/strategies/deviation-penalty.js';
import type { ExistingBid } from '../../domain/bids/index.js';
import {
  isKpxQualifyingHour,
  kpxHourlyErrorPct,
} from '../../domain/forecasting/metrics/kpx-error-rate.js';
import type { SimulationDayDelivered, SimulationDayNotBid } from './simulation-day.events.js';

/** One trading day of a run, computed from its bid stream and its simulation-day stream only. */
export interface SimulationDaySummary {
  readonly day: string;
  /** `not_bid`: the solve offered nothing the market accepts; the twin ran with no award. */
  readonly status: 'delivered' | 'cleared' | 'bid' | 'not_bid' | 'not_started';
  readonly bid: boolean;
  /** How the day's bid was made (optimised, pv-as-forecast, fixed-rule); null before a bid. */
  readonly strategy: string | null;
  readonly offeredSellKwh: number;
  readonly offeredBuyKwh: number;
  readonly awardedSellKwh: number;
  readonly awardedBuyKwh: number;
  /** Awarded net energy times the clearing price, KRW (the day-ahead settlement, before deviation). */
  readonly revenueKrw: number;
  /** Revenue per awarded net kWh; null when nothing net was awarded. */
  readonly capturedPriceKrwPerKwh: number | null;
  /** Mean clearing price (the day-ahead SMP) over the day's intervals. */
  readonly meanSmpKrwPerKwh: number | null;
  /** Delivered net export minus the award, summed as absolute values per interval, kWh. */
  readonly deviationKwh: number | null;
  /** The deviation valued at |deviation| x SMP x the run's factor, KRW; null before delivery. */
  readonly penaltyKrw: number | null;
  /** Revenue less the deviation penalty, KRW; null before delivery. */
  readonly netKrw: number | null;
  readonly deliveredNetKwh: number | null;
  /** Wall-clock seconds: the only machine-dependent figures. */
  readonly buildSeconds: number | null;
  readonly solveSeconds: number | null;
  readonly solverStatus: string | null;
  readonly gapPct: number | null;
  /** Mean KPX hourly error rate of the D-1 PV forecast against the twin's PV, qualifying hours. */
  readonly pvKpxErrorPct: number | null;
  readonly pvQualifyingHours: number;
}

export interface SimulationSummary {
  readonly portfolioId: string;
  readonly market: string;
  /** The deviation penalty's factor on the SMP (configuration, not read from the store). */
  readonly deviationPenaltySmpFactor: number;
  readonly days: readonly SimulationDaySummary[];
  readonly total: Omit<SimulationDaySummary, 'day' | 'status' | 'bid'> & {
    readonly daysDelivered: number;
    readonly daysBid: number;
  };
}

const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

const maxQuantity = (points: readonly { readonly quantityKw: number }[]): number =>
  points.reduce((max, p) => Math.max(max, p.quantityKw), 0);

interface PvError {
  readonly sumPct: number;
  readonly hours: number;
}

const pvErrorOf = (delivery: SimulationDayDelivered['data'] | undefined): PvError => {
  if (delivery === undefined || !(delivery.pvCapacityKw > 0)) return { sumPct: 0, hours: 0 };
  const hoursPerInterval = delivery.intervalMinutes / 60;
  let sumPct = 0;
  let hours = 0;
  delivery.pvActualKwh.forEach((actual, t) => {
    const forecast = delivery.pvForecastKwh[t] ?? 0;
    // The KPX metric is hourly energy against capacity; the day-ahead grid here is hourly.
    if (hoursPerInterval !== 1 || !isKpxQualifyingHour(actual, delivery.pvCapacityKw)) return;
    sumPct += kpxHourlyErrorPct(forecast, actual, delivery.pvCapacityKw);
    hours++;
  });
  return { sumPct, hours };
};

/** The day's mean day-ahead SMP as published; before delivery, the mean over the awards. */
const meanSmp = (
  delivery: SimulationDayDelivered['data'] | undefined,
  fromAwards: number | null,
): number | null => {
  const published = (delivery?.dayAheadSmpKrwPerKwh ?? []).flatMap((p) => (p === null ? [] : [p]));
  if (published.length === 0) return fromAwards === null ? null : round(fromAwards, 2);
  return round(published.reduce((a, b) => a + b, 0) / published.length, 2);
};

/** The summary of one day from what the store holds for it. */
export const summariseDay = (
  day: string,
  bid: ExistingBid | undefined,
  delivery: SimulationDayDelivered['data'] | undefined,
  noBid?: SimulationDayNotBid['data'],
  penaltySmpFactor: number = DEFAULT_DEVIATION_PENALTY_SMP_FACTOR,
): SimulationDaySummary => {
  const hours = (bid?.intervalMinutes ?? 60) / 60;
  let offeredSell = 0;
  let offeredBuy = 0;
  for (const interval of bid?.intervals ?? []) {
    offeredSell += maxQuantity(interval.sell) * hours;
    offeredBuy += maxQuantity(interval.buy) * hours;
  }
  let awardedSell = 0;
  let awardedBuy = 0;
  let revenue = 0;
  let priceSum = 0;
  const awards = bid?.awards ?? [];
  for (const award of awards) {
    awardedSell += award.awardedSellKw * hours;
    awardedBuy += award.awardedBuyKw * hours;
    revenue += (award.awardedSellKw - award.awardedBuyKw) * hours * award.clearingPriceKrwPerKwh;
    priceSum += award.clearingPriceKrwPerKwh;
  }
  const net = awardedSell - awardedBuy;
  let deviation: number | null = null;
  if (delivery !== undefined) {
    deviation = 0;
    delivery.deliveredNetKwh.forEach((delivered, t) => {
      deviation = (deviation ?? 0) + Math.abs(delivered - (delivery.awardedNetKwh[t] ?? 0));
    });
  }
  const penalty =
    delivery === undefined
      ? null
      : Math.round(
          deviationPenaltyKrw(
            delivery.awardedNetKwh,
            delivery.deliveredNetKwh,
            delivery.dayAheadSmpKrwPerKwh,
            penaltySmpFactor,
          ),
        );
  const revenueKrw = Math.round(revenue);
  const pv = pvErrorOf(delivery);
  const solverName = bid?.draft.provenance.solver.name ?? noBid?.solverStatus;
  const provenance = bid?.draft.provenance;
  const measurements = bid?.draft.measurements ?? noBid?.measurements;
  const gapPct = provenance === undefined ? noBid?.gapPct : provenance.gapPct;
  const strategy = solverName === undefined ? null : strategyOfSolver(solverName);
  // A rule solves nothing: its status is the rule's name and it has no gap.
  const solved = strategy === 'optimised';
  return {
    day,
    status:
      delivery !== undefined
        ? 'delivered'
        : bid?.awards !== undefined
          ? 'cleared'
          : bid !== undefined
            ? 'bid'
            : noBid !== undefined
              ? 'not_bid'
              : 'not_started',
    bid: bid !== undefined,
    strategy,
    offeredSellKwh: round(offeredSell, 3),
    offeredBuyKwh: round(offeredBuy, 3),
    awardedSellKwh: round(awardedSell, 3),
    awardedBuyKwh: round(awardedBuy, 3),
    revenueKrw,
    capturedPriceKrwPerKwh: Math.abs(net) > 1e-9 ? round(revenue / net, 2) : null,
    meanSmpKrwPerKwh: meanSmp(delivery, awards.length > 0 ? priceSum / awards.length : null),
    deviationKwh: deviation === null ? null : round(deviation, 3),
    penaltyKrw: penalty,
    netKrw: penalty === null ? null : revenueKrw - penalty,
    deliveredNetKwh:
      delivery === undefined
        ? null
        : round(
            delivery.deliveredNetKwh.reduce((a, b) => a + b, 0),
            3,
          ),
    buildSeconds: measurements === undefined ? null : round(measurements.buildSeconds, 3),
    solveSeconds: measurements === undefined ? null : round(measurements.solveSeconds, 3),
    solverStatus:
      strategy === 'optimised' || solverName === undefined
        ? (provenance?.status ?? noBid?.solverStatus ?? null)
        : solverName,
    gapPct: gapPct ?? (solved ? 0 : null),
    pvKpxErrorPct: pv.hours > 0 ? round(pv.sumPct / pv.hours, 2) : null,
    pvQualifyingHours: pv.hours,
  };
};

const sum = (values: readonly (number | null)[]): number =>
  values.reduce<number>((total, v) => total + (v ?? 0), 0);

/** Days and their total: sums of energies, revenue, deviation and times; price and error means. */
export const summariseRun = (
  portfolioId: string,
  market: string,
  days: readonly SimulationDaySummary[],
  pvErrors: readonly { readonly sumPct: number; readonly hours: number }[],
  penaltySmpFactor: number = DEFAULT_DEVIATION_PENALTY_SMP_FACTOR,
): SimulationSummary => {
  const awardedSell = sum(days.map((d) => d.awardedSellKwh));
  const awardedBuy = sum(days.map((d) => d.awardedBuyKwh));
  const revenue = sum(days.map((d) => d.revenueKrw));
  const net = awardedSell - awardedBuy;
  const smp = days.flatMap((d) => (d.meanSmpKrwPerKwh === null ? [] : [d.meanSmpKrwPerKwh]));
  const pvHours = sum(pvErrors.map((e) => e.hours));
  const gaps = days.flatMap((d) => (d.gapPct === null ? [] : [d.gapPct]));
  const statuses = [...new Set(days.flatMap((d) => (d.solverStatus ? [d.solverStatus] : [])))];
  const delivered = days.filter((d) => d.status === 'delivered');
  const strategies = [...new Set(days.flatMap((d) => (d.strategy ? [d.strategy] : [])))];
  const penalty = delivered.length > 0 ? sum(days.map((d) => d.penaltyKrw)) : null;
  return {
    portfolioId,
    market,
    deviationPenaltySmpFactor: penaltySmpFactor,
    days,
    total: {
      daysDelivered: delivered.length,
      daysBid: days.filter((d) => d.bid).length,
      strategy: strategies.length === 0 ? null : strategies.join('/'),
      offeredSellKwh: round(sum(days.map((d) => d.offeredSellKwh)), 3),
      offeredBuyKwh: round(sum(days.map((d) => d.offeredBuyKwh)), 3),
      awardedSellKwh: round(awardedSell, 3),
      awardedBuyKwh: round(awardedBuy, 3),
      revenueKrw: revenue,
      capturedPriceKrwPerKwh: Math.abs(net) > 1e-9 ? round(revenue / net, 2) : null,
      meanSmpKrwPerKwh:
        smp.length > 0 ? round(smp.reduce((a, b) => a + b, 0) / smp.length, 2) : null,
      deviationKwh: delivered.length > 0 ? round(sum(days.map((d) => d.deviationKwh)), 3) : null,
      penaltyKrw: penalty,
      // Over the delivered days: a day bid but not yet delivered has revenue and no penalty yet.
      netKrw: penalty === null ? null : sum(delivered.map((d) => d.netKrw)),
      deliveredNetKwh:
        delivered.length > 0 ? round(sum(days.map((d) => d.deliveredNetKwh)), 3) : null,
      buildSeconds: round(sum(days.map((d) => d.buildSeconds)), 3),
      solveSeconds: round(sum(days.map((d) => d.solveSeconds)), 3),
      solverStatus: statuses.length === 0 ? null : statuses.join('/'),
      gapPct: gaps.length > 0 ? Math.max(...gaps) : null,
      pvKpxErrorPct: pvHours > 0 ? round(sum(pvErrors.map((e) => e.sumPct)) / pvHours, 2) : null,
      pvQualifyingHours: pvHours,
    },
  };
};

export { pvErrorOf };

const cell = (value: number | string | null, digits = 0): string =>
  value === null
    ? '-'
    : typeof value === 'string'
      ? value
      : value.toLocaleString('en-US', {
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        });

/** The summary as a fixed-width table: one row per day and a total row. */
export const summaryTable = (summary: SimulationSummary): string => {
  const header = [
    'day',
    'offered kWh',
    'awarded kWh',
    'revenue KRW',
    'captured KRW/kWh',
    'mean SMP',
    'deviation kWh',
    'penalty KRW',
    'net KRW',
    'build s',
    'solver',
    'gap %',
    'PV KPX err %',
  ];
  const row = (
    label: string,
    d: Omit<SimulationDaySummary, 'day' | 'status' | 'bid'>,
  ): string[] => [
    label,
    cell(d.offeredSellKwh, 1),
    cell(d.awardedSellKwh - d.awardedBuyKwh, 1),
    cell(d.revenueKrw),
    cell(d.capturedPriceKrwPerKwh, 2),
    cell(d.meanSmpKrwPerKwh, 2),
    cell(d.deviationKwh, 1),
    cell(d.penaltyKrw),
    cell(d.netKrw),
    cell(d.buildSeconds, 2),
    cell(d.solverStatus),
    cell(d.gapPct, 3),
    cell(d.pvKpxErrorPct, 2),
  ];
  const rows = [
    header,
    ...summary.days.map((d) => row(d.bid ? d.day : `${d.day} (no bid)`, d)),
    row(`total (${summary.total.daysDelivered} d)`, summary.total),
  ];
  const widths = header.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) =>
    r.map((v, c) => (c === 0 ? v.padEnd(widths[c] ?? 0) : v.padStart(widths[c] ?? 0))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [
    `simulate ${summary.portfolioId} (${summary.market}, strategy ${summary.total.strategy ?? '-'}): ` +
      'awarded = net of sell and buy; deviation = |delivered - awarded| per interval, valued at ' +
      `|deviation| x SMP x ${summary.deviationPenaltySmpFactor} (penalty, an assumption); net = revenue - penalty`,
    line(header),
    rule,
    ...rows.slice(1, -1).map(line),
    rule,
    line(rows.at(-1) ?? []),
  ].join('\n');
};
