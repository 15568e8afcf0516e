import type { MarketId } from '../../../domain/market/market-rules.js';
import {
  formatKpxTimestamp,
  parseKpxTimestamp,
} from '../../../domain/shared/time/kpx-numbering.js';
import {
  JEJU_SLOTS_PER_DAY,
  formatJejuSlotLabel,
  jejuSlotAt,
  jejuSlotIndex,
  parseJejuSlotLabel,
} from '../../../domain/shared/time/jeju-slots.js';
import { instantFromMillis } from '../../../domain/shared/time/kst.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';

/**
 * How single values are written in KPX-style files: the one place holding those conventions
 * (README.md lists which are KPX's own and which are assumed). Writers return the text; readers
 * return the value or a message for the caller to attach to its line and column.
 */
export type Read<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = <T>(message: string): Read<T> => ({ ok: false, message });

/**
 * `value` rounded half away from zero to `places` decimals, as text with exactly that many.
 * Rounds the decimal the number prints as (JavaScript's shortest round-trip form), so 1.005 gives
 * 1.01 as a person reading "1.005" expects, although the nearest double lies just below 1.005.
 * Undefined for numbers too large to be written without an exponent.
 */
export const roundedDecimal = (value: number, places: number): string | undefined => {
  if (!Number.isFinite(value)) return undefined;
  const magnitude = Math.abs(value);
  let text = String(magnitude);
  if (text.includes('e')) {
    // Below 1e-6 the number prints with an exponent and rounds to zero at any places we use.
    if (magnitude >= 1) return undefined;
    text = '0';
  }
  const [whole = '0', fraction = ''] = text.split('.');
  const digits = BigInt(whole + fraction.padEnd(places, '0').slice(0, places));
  const rounded = digits + ((fraction[places] ?? '0') >= '5' ? 1n : 0n);
  const padded = rounded.toString().padStart(places + 1, '0');
  const body =
    places === 0 ? padded : `${padded.slice(0, -places)}.${padded.slice(padded.length - places)}`;
  return value < 0 && rounded !== 0n ? `-${body}` : body;
};

const decimalPattern = (places: number): RegExp => new RegExp(`^-?\\d+(\\.\\d{1,${places}})?$`);

/** A decimal with at most `places` decimals and no exponent, sign, grouping or spaces but '-'. */
const readDecimal = (text: string, places: number, what: string): Read<number> => {
  if (!decimalPattern(places).test(text))
    return bad(
      `expected ${what} with at most ${places} decimals (e.g. ${(1234.5).toFixed(places)}), got "${text}"`,
    );
  const value = Number(text);
  return ok(value === 0 ? 0 : value);
};

/** Prices: KRW/kWh with two decimals, as KPX publishes SMP (kpx-market-rules.md §1.3). */
export const PRICE_DECIMALS = 2;
export const writePriceKrwPerKwh = (value: number): string | undefined =>
  roundedDecimal(value, PRICE_DECIMALS);
export const readPriceKrwPerKwh = (text: string): Read<number> =>
  readDecimal(text, PRICE_DECIMALS, 'a price in KRW/kWh');

/**
 * Power: MW with three decimals, i.e. whole kW (KPX offers and DR bids are in MW, §5.1). Written
 * from whole kW by moving the decimal point, so no floating-point step can change a quantity.
 */
export const MW_DECIMALS = 3;
export const writeMwFromKw = (valueKw: number): string | undefined => {
  if (!Number.isSafeInteger(valueKw)) return undefined;
  const magnitude = Math.abs(valueKw);
  const text = `${Math.floor(magnitude / 1000)}.${String(magnitude % 1000).padStart(3, '0')}`;
  return valueKw < 0 ? `-${text}` : text;
};
export const readKwFromMw = (text: string): Read<number> => {
  const read = readDecimal(text, MW_DECIMALS, 'a quantity in MW');
  if (!read.ok) return read;
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const kw = Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
  if (!Number.isSafeInteger(kw)) return bad(`the quantity "${text}" MW is too large`);
  return ok(text.startsWith('-') && kw !== 0 ? -kw : kw);
};

/** Energy: kWh with three decimals (1 Wh), rounded half away from zero. */
export const KWH_DECIMALS = 3;
export const writeKwh = (value: number): string | undefined => roundedDecimal(value, KWH_DECIMALS);
export const readKwh = (text: string): Read<number> =>
  readDecimal(text, KWH_DECIMALS, 'an energy in kWh');

/** Trading day 'YYYY-MM-DD' (the form of EPSIS timestamps, §7.2). */
export const readTradingDay = (text: string): Read<TradingDay> => {
  try {
    return ok(TradingDay.parse(text));
  } catch {
    return bad(`expected a trading day YYYY-MM-DD, got "${text}"`);
  }
};

/** EPSIS names the two price areas 육지 (mainland) and 제주 (Jeju) (§1.1). */
const MARKET_NAMES: Readonly<Record<MarketId, string>> = { mainland: '육지', jeju: '제주' };
export const writeMarket = (market: MarketId): string => MARKET_NAMES[market];
export const readMarket = (text: string): Read<MarketId> => {
  const found = (Object.keys(MARKET_NAMES) as MarketId[]).find(
    (market) => MARKET_NAMES[market] === text,
  );
  return found === undefined ? bad(`expected 육지 or 제주, got "${text}"`) : ok(found);
};

/**
 * The interval column: on the hourly grid the hour-ending number '1'..'24' (our interval 0 is
 * '1'); on the 15-minute grid the Jeju label 'N시 K구간' (§7.2). Other grids have no KPX label.
 */
export const LABELLED_GRIDS = [60, 15] as const;
export const intervalsPerDayOf = (minutes: number): number | undefined =>
  minutes === 60 ? 24 : minutes === 15 ? JEJU_SLOTS_PER_DAY : undefined;

export const writeIntervalLabel = (interval: number, minutes: number): string | undefined => {
  const count = intervalsPerDayOf(minutes);
  if (count === undefined || !Number.isInteger(interval) || interval < 0 || interval >= count)
    return undefined;
  return minutes === 60 ? String(interval + 1) : formatJejuSlotLabel(jejuSlotAt(interval));
};

export const readIntervalLabel = (text: string, minutes: number): Read<number> => {
  if (minutes === 60) {
    if (!/^\d{1,2}$/.test(text) || Number(text) < 1 || Number(text) > 24)
      return bad(`expected a trading hour 1..24, got "${text}"`);
    return ok(Number(text) - 1);
  }
  if (minutes === 15) {
    try {
      return ok(jejuSlotIndex(parseJejuSlotLabel(text)));
    } catch {
      return bad(`expected a slot label such as '13시 2구간' (N 1..24, K 1..4), got "${text}"`);
    }
  }
  return bad(`the ${minutes}-minute grid has no KPX interval label`);
};

/**
 * The end of an interval as KPX tables stamp rows: 'YYYY-MM-DD HH:mm' KST with the day's end
 * written '24:00' of that day, never '00:00' of the next (§7.2).
 */
export const writeIntervalEnd = (endMs: number): string | undefined => {
  try {
    return formatKpxTimestamp(instantFromMillis(endMs), { midnight: '24:00' });
  } catch {
    return undefined;
  }
};

export const readTimestampMs = (text: string): Read<number> => {
  try {
    return ok(parseKpxTimestamp(text).toMillis());
  } catch {
    return bad(`expected a KST time 'YYYY-MM-DD HH:mm' (24:00 for the day's end), got "${text}"`);
  }
};
