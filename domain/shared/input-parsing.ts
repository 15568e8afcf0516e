import { DomainError } from './domain-error.js';
import { Interval } from './time/interval.js';

/**
 * Checks for command inputs that arrive as JSON (HTTP, CLI, queues), so a number may be a string or
 * NaN whatever the type says. Each check throws the caller's code with `field` set to the input's
 * path, so the API can answer 400 with the field at fault.
 */
export type Fail = (field: string, message: string, details?: Record<string, unknown>) => never;

export const failWith =
  (code: string): Fail =>
  (field, message, details) => {
    throw new DomainError(code, message, field, details);
  };

/** An ISO 8601 interval `start/end`, both with offsets, start < end. */
export const isoInterval = (value: unknown, field: string, fail: Fail): Interval => {
  try {
    return Interval.parse(value as string);
  } catch {
    return fail(field, `${field} must be an ISO interval "start/end" with start < end`, { value });
  }
};

export const finiteNumber = (value: unknown, field: string, fail: Fail): number => {
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail(field, `${field} must be a finite number, got ${String(value)}`, { value });
  return value + 0; // turns -0 into 0, so that equality and JSON never see two zeros
};

export const positive = (value: unknown, field: string, fail: Fail): number => {
  const n = finiteNumber(value, field, fail);
  if (n <= 0) fail(field, `${field} must be greater than 0, got ${n}`, { value: n });
  return n;
};

export const atLeastZero = (value: unknown, field: string, fail: Fail): number => {
  const n = finiteNumber(value, field, fail);
  if (n < 0) fail(field, `${field} must not be negative, got ${n}`, { value: n });
  return n;
};

/** A ratio such as an efficiency: in (0, 1]. */
export const fraction = (value: unknown, field: string, fail: Fail): number => {
  const n = positive(value, field, fail);
  if (n > 1) fail(field, `${field} must be at most 1, got ${n}`, { value: n });
  return n;
};

export const inRange = (
  value: unknown,
  field: string,
  fail: Fail,
  min: number,
  max: number,
): number => {
  const n = finiteNumber(value, field, fail);
  if (n < min || n > max)
    fail(field, `${field} must be within [${min}, ${max}], got ${n}`, { value: n, min, max });
  return n;
};

export const integerInRange = (
  value: unknown,
  field: string,
  fail: Fail,
  min: number,
  max: number,
): number => {
  const n = inRange(value, field, fail, min, max);
  if (!Number.isInteger(n)) fail(field, `${field} must be a whole number, got ${n}`, { value: n });
  return n;
};

export const text = (value: unknown, field: string, fail: Fail, maxLength = 200): string => {
  if (typeof value !== 'string' || value.trim() === '' || value.length > maxLength)
    fail(field, `${field} must be a non-empty text of at most ${maxLength} characters`, { value });
  return value;
};

export const flag = (value: unknown, field: string, fail: Fail): boolean => {
  if (typeof value !== 'boolean') fail(field, `${field} must be true or false`, { value });
  return value;
};

export const oneOf = <T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  fail: Fail,
): T => {
  if (!(allowed as readonly unknown[]).includes(value))
    fail(field, `${field} must be one of ${allowed.join(', ')}, got ${String(value)}`, { value });
  return value as T;
};

/** Stream ids are `prefix-{id}` and must match the store's `^[A-Za-z][A-Za-z0-9_.:-]{0,199}$`. */
export const entityId = (value: unknown, field: string, fail: Fail, maxLength: number): string => {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_.:-]+$/.test(value) || value.length > maxLength)
    fail(field, `${field} must be 1..${maxLength} characters of A-Z a-z 0-9 _ . : -`, { value });
  return value;
};

/** Structural equality of JSON-shaped values; keys holding `undefined` count as absent. */
export const sameJson = (a: unknown, b: unknown): boolean =>
  a === b ||
  (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null
    ? canonical(a) === canonical(b)
    : false);

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
