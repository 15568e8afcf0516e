import { DomainError } from './domain-error.js';

/**
 * Physical and money quantities as branded numbers: zero cost at run time, but the compiler refuses
 * to pass a `Kwh` where a `Kw` is expected or to add power to energy (DESIGN.md §8).
 */
export type Kw = number & { readonly __unit: 'kW' };
export type Kwh = number & { readonly __unit: 'kWh' };
/** Whole won. Money is never fractional; rounding happens once, explicitly, via `krwRounded`. */
export type Krw = number & { readonly __unit: 'KRW' };
/** Prices keep decimals: KPX quotes SMP in KRW/kWh with two decimals (e.g. 94.09). */
export type KrwPerKwh = number & { readonly __unit: 'KRW/kWh' };

export type Quantity = Kw | Kwh | Krw | KrwPerKwh;
/** The quantities that may take any finite value, so scaling them keeps them valid. */
export type FractionalQuantity = Kw | Kwh | KrwPerKwh;

export type UnitErrorCode =
  'UNIT.NOT_FINITE' | 'UNIT.NOT_INTEGER' | 'UNIT.UNSAFE_INTEGER' | 'UNIT.NEGATIVE';

const unitError = (code: UnitErrorCode, message: string, field?: string, value?: number) =>
  new DomainError(code, message, field, { value });

const label = (unit: string, field: string | undefined): string =>
  field === undefined ? unit : `${field} (${unit})`;

const finite = (value: number, unit: string, field: string | undefined): number => {
  // `typeof` guards callers outside the type system, e.g. values parsed from JSON.
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw unitError(
      'UNIT.NOT_FINITE',
      `${label(unit, field)} must be a finite number, got ${String(value)}`,
      field,
      value,
    );
  // Normalise -0 so that equality, JSON and hashing never see two zeros.
  return value === 0 ? 0 : value;
};

/** `field` names the input at fault (a JSON path such as `assets[3].chargeKw`) in the error. */
export const kw = (value: number, field?: string): Kw => finite(value, 'kW', field) as Kw;

export const kwh = (value: number, field?: string): Kwh => finite(value, 'kWh', field) as Kwh;

export const krwPerKwh = (value: number, field?: string): KrwPerKwh =>
  finite(value, 'KRW/kWh', field) as KrwPerKwh;

export const krw = (value: number, field?: string): Krw => {
  const won = finite(value, 'KRW', field);
  if (!Number.isInteger(won))
    throw unitError(
      'UNIT.NOT_INTEGER',
      `${label('KRW', field)} must be whole won, got ${won}; round explicitly with krwRounded`,
      field,
      won,
    );
  // Beyond 2^53 won, integer arithmetic silently loses units; no real amount comes close.
  if (!Number.isSafeInteger(won))
    throw unitError(
      'UNIT.UNSAFE_INTEGER',
      `${label('KRW', field)} exceeds the safe integer range: ${won}`,
      field,
      won,
    );
  return won as Krw;
};

/** Rounds to whole won, half away from zero (2.5 -> 3, -2.5 -> -3), on the number as given. */
export const krwRounded = (value: number, field?: string): Krw => {
  const won = finite(value, 'KRW', field);
  return krw(Math.sign(won) * Math.round(Math.abs(won)), field);
};

/** Rejects negative values with `UNIT.NEGATIVE`, for inputs such as capacities or energy offered. */
export const nonNegative = <T extends Quantity>(value: T, field: string): T => {
  if (value < 0)
    throw unitError('UNIT.NEGATIVE', `${field} must not be negative, got ${value}`, field, value);
  return value;
};

/** Energy delivered at a constant power over a number of hours (an interval's `durationHours`). */
export const energyKwh = (powerKw: Kw, hours: number): Kwh =>
  kwh(powerKw * finite(hours, 'h', 'hours'));

/**
 * Same-unit arithmetic. The generic forbids mixing units: `add(kw(1), kwh(1))` does not compile.
 * Results are not re-validated (zero cost); sums of KRW stay whole won below 2^53.
 */
export const add = <T extends Quantity>(a: T, b: T): T => (a + b) as T;

export const subtract = <T extends Quantity>(a: T, b: T): T => (a - b) as T;

export const negate = <T extends Quantity>(value: T): T => (value === 0 ? 0 : -value) as T;

/** Overloads, not a generic, so that a mixed list such as `[kw(1), kwh(1)]` does not compile. */
export function sum(values: Iterable<Kw>): Kw;
export function sum(values: Iterable<Kwh>): Kwh;
export function sum(values: Iterable<Krw>): Krw;
export function sum(values: Iterable<KrwPerKwh>): KrwPerKwh;
export function sum(values: Iterable<Quantity>): Quantity {
  let total = 0;
  for (const value of values) total += value;
  return total as Quantity;
}

/** Scales a fractional quantity; KRW is excluded because the result would not be whole won. */
export const scale = <T extends FractionalQuantity>(value: T, factor: number): T =>
  finite(value * factor, 'scaled quantity', undefined) as T;

/** Scales a money amount and rounds half away from zero, so the rounding is visible at the call. */
export const scaleKrwRounded = (amount: Krw, factor: number): Krw => krwRounded(amount * factor);
