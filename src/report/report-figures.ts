import type { ReportData } from './report-data.js';

/**
 * The numbers behind each chart, computed from the report data only: the charts and the tables
 * under them show exactly these.
 */

const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

export const intervalMinutesOf = (data: ReportData): number =>
  data.simulation.delivery?.intervalMinutes ?? data.bid?.intervalMinutes ?? 60;

export const intervalCount = (data: ReportData): number => (24 * 60) / intervalMinutesOf(data);

/** KST start-end of interval i on the day's grid, e.g. `13:00-14:00`. */
export const intervalLabel = (i: number, minutes: number): string => {
  const hhmm = (m: number): string =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${hhmm(i * minutes)}-${hhmm((i + 1) * minutes)}`;
};

export interface AwardRow {
  readonly interval: number;
  readonly label: string;
  readonly clearingPriceKrwPerKwh: number | null;
  readonly awardedSellKw: number;
  readonly awardedBuyKw: number;
  readonly awardedNetKwh: number;
  readonly deliveredNetKwh: number | null;
  readonly deviationKwh: number | null;
  /** Awarded net energy x clearing price: the day-ahead settlement, before deviation. */
  readonly revenueKrw: number;
}

export const awardRows = (data: ReportData): AwardRow[] => {
  const minutes = intervalMinutesOf(data);
  const hours = minutes / 60;
  const delivery = data.simulation.delivery;
  return Array.from({ length: intervalCount(data) }, (_, t) => {
    const award = data.bid?.awards?.find((a) => a.interval === t);
    const sell = award?.awardedSellKw ?? 0;
    const buy = award?.awardedBuyKw ?? 0;
    const net = (sell - buy) * hours;
    const delivered = delivery?.deliveredNetKwh[t];
    return {
      interval: t,
      label: intervalLabel(t, minutes),
      clearingPriceKrwPerKwh: award?.clearingPriceKrwPerKwh ?? null,
      awardedSellKw: sell,
      awardedBuyKw: buy,
      awardedNetKwh: round(net, 3),
      deliveredNetKwh: delivered === undefined ? null : round(delivered, 3),
      deviationKwh: delivered === undefined ? null : round(delivered - net, 3),
      revenueKrw: Math.round(net * (award?.clearingPriceKrwPerKwh ?? 0)),
    };
  });
};

export interface SmpRow {
  readonly label: string;
  readonly publishedKrwPerKwh: number | null;
  readonly clearingPriceKrwPerKwh: number | null;
}

export const smpRows = (data: ReportData): SmpRow[] => {
  const minutes = intervalMinutesOf(data);
  return Array.from({ length: intervalCount(data) }, (_, t) => ({
    label: intervalLabel(t, minutes),
    publishedKrwPerKwh: data.simulation.delivery?.dayAheadSmpKrwPerKwh[t] ?? null,
    clearingPriceKrwPerKwh:
      data.bid?.awards?.find((a) => a.interval === t)?.clearingPriceKrwPerKwh ?? null,
  }));
};

export interface SocRow {
  readonly derId: string;
  /** Probability-weighted end-of-day SoC over the bid's scenario schedules. */
  readonly plannedEndKwh: number | null;
  /** What the twin's battery held at the end of the day. */
  readonly actualEndKwh: number | null;
}

export const socRows = (data: ReportData): SocRow[] => {
  const actual = data.simulation.delivery?.essFinalSocKwh ?? {};
  const ids = new Set([...Object.keys(actual), ...data.endSocKwh.flatMap((r) => Object.keys(r))]);
  return [...ids].sort().map((derId) => {
    let planned: number | null = null;
    data.endSocKwh.forEach((row, s) => {
      const v = row[derId];
      if (v === undefined) return;
      const p = data.schedules[s]?.probability ?? 1 / data.endSocKwh.length;
      planned = (planned ?? 0) + p * v;
    });
    const a = actual[derId];
    return {
      derId,
      plannedEndKwh: planned === null ? null : round(planned, 3),
      actualEndKwh: a === undefined ? null : round(a, 3),
    };
  });
};

export interface KindValueRow {
  readonly kind: string;
  readonly assets: number;
  /** Probability-weighted scheduled net export of the kind's assets, kWh. */
  readonly plannedNetKwh: number;
  /** That schedule valued at the interval's clearing price (published SMP if not awarded), KRW. */
  readonly plannedValueKrw: number;
}

/**
 * The bid's scenario schedules per asset kind, valued at the day's price. The store records the
 * award and delivery of the portfolio only, so this is an attribution of the plan, not a
 * settlement per kind.
 */
export const kindValueRows = (data: ReportData): KindValueRow[] => {
  const hours = intervalMinutesOf(data) / 60;
  const prices = smpRows(data).map((r) => r.clearingPriceKrwPerKwh ?? r.publishedKrwPerKwh ?? 0);
  const byKind = new Map<string, { assets: Set<string>; kwh: number; krw: number }>();
  for (const s of data.schedules)
    for (const [id, row] of Object.entries(s.assetKw)) {
      const kind = data.derKinds[id] ?? 'unknown';
      const entry = byKind.get(kind) ?? { assets: new Set<string>(), kwh: 0, krw: 0 };
      entry.assets.add(id);
      row.forEach((kw, t) => {
        if (!Number.isFinite(kw)) return;
        entry.kwh += s.probability * kw * hours;
        entry.krw += s.probability * kw * hours * (prices[t] ?? 0);
      });
      byKind.set(kind, entry);
    }
  return [...byKind.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, e]) => ({
      kind,
      assets: e.assets.size,
      plannedNetKwh: round(e.kwh, 3),
      plannedValueKrw: Math.round(e.krw),
    }));
};

/** Each battery's state of charge at the end of every interval, as the twin delivered. */
export interface SocSeries {
  readonly derId: string;
  readonly socKwh: readonly (number | null)[];
}

export const socIntervalSeries = (data: ReportData): SocSeries[] => {
  const recorded = data.simulation.delivery?.essSocKwh ?? {};
  const n = intervalCount(data);
  return Object.keys(recorded)
    .sort()
    .map((derId) => ({
      derId,
      socKwh: Array.from({ length: n }, (_, t) => recorded[derId]?.[t] ?? null),
    }));
};

export interface DeliveredKindRow {
  readonly kind: string;
  /** Delivered energy towards the grid per interval, kWh (the sites' retail load negative). */
  readonly perIntervalKwh: readonly number[];
  readonly deliveredKwh: number;
  /** That energy valued at the interval's clearing price (published SMP if not awarded), KRW. */
  readonly valueKrw: number;
}

/**
 * The delivered energy per asset kind as the twin recorded it, valued at the day's prices: the
 * VPP's revenue per asset kind at the day-ahead price (`load`, the sites' retail consumption, is
 * shown for the balance but is not part of the market position).
 */
export const deliveredKindRows = (data: ReportData): DeliveredKindRow[] => {
  const recorded = data.simulation.delivery?.kindNetKwh ?? {};
  const prices = smpRows(data).map((r) => r.clearingPriceKrwPerKwh ?? r.publishedKrwPerKwh ?? 0);
  return Object.keys(recorded)
    .sort()
    .map((kind) => {
      const values = recorded[kind] ?? [];
      let kwh = 0;
      let krw = 0;
      values.forEach((v, t) => {
        kwh += v;
        krw += v * (prices[t] ?? 0);
      });
      return {
        kind,
        perIntervalKwh: values,
        deliveredKwh: round(kwh, 3),
        valueKrw: Math.round(krw),
      };
    });
};
