import type { DerKind } from '../ders/der-parameters.js';
import { keyPath, twinError, twinFail, type TwinErrorCode } from './twin.errors.js';

export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Own properties only: a derId such as `constructor` must not find Object.prototype's. */
export const own = <T>(
  record: Readonly<Record<string, T>> | undefined,
  key: string,
): T | undefined => (record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined);

/** An optional record of per-asset values: absent is fine, anything but an object is not. */
export const optionalRecord = <T>(
  value: unknown,
  path: string,
  code: TwinErrorCode,
): Readonly<Record<string, T>> | undefined => {
  if (value === undefined) return undefined;
  if (!isRecord(value)) twinFail(code)(path, `${path} must be an object keyed by derId`);
  return value as Readonly<Record<string, T>>;
};

/** Every key must name an asset of `kind` in the site; `TWIN.UNKNOWN_ASSET` otherwise. */
export const checkAssetKeys = (
  record: Readonly<Record<string, unknown>> | undefined,
  kinds: ReadonlyMap<string, DerKind>,
  kind: DerKind,
  path: string,
): void => {
  if (record === undefined) return;
  for (const derId of Object.keys(record)) {
    const actual = kinds.get(derId);
    if (actual !== kind)
      throw twinError(
        'TWIN.UNKNOWN_ASSET',
        actual === undefined
          ? `${derId} is not an asset of this site`
          : `${derId} is a ${actual}, not a ${kind}`,
        keyPath(path, derId),
        { derId, kind: actual ?? null, expected: kind },
      );
  }
};
