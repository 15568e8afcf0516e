/**
 * RFC 8785 (JSON Canonicalization Scheme) for the JSON values events hold. The hash chain hashes
 * this text, so its output must never change: object keys sorted by UTF-16 code units (what
 * `Array#sort` and `<` do on strings), no whitespace, strings escaped as ES `JSON.stringify` does
 * (RFC 8785 §3.2.2.2 adopts it), numbers in the ES Number-to-string form (§3.2.2.3; also what
 * `JSON.stringify` prints for finite numbers, so -0 becomes 0).
 *
 * It is on the hot path of every append and of verification, hence the shape: values whose keys
 * are already in order (anything parsed from canonical text, or built by `canonicalCopy`) are
 * checked in one walk and then printed by the native `JSON.stringify`; only the others are
 * serialized by hand.
 */
export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
  readonly code = 'AUDIT.NOT_CANONICALIZABLE';
}

// Deep enough for any real event, shallow enough to turn a cycle into a clear error.
const MAX_DEPTH = 256;

export const canonicalJson = (value: unknown): string =>
  isPrintableAsIs(value, 0) ? JSON.stringify(value) : serialize(value, 0);

/** `canonicalJson` of a plain object without one of its top-level keys (an event's own `hash`). */
export const canonicalJsonWithout = (
  object: Readonly<Record<string, unknown>>,
  omit: string,
): string => serializeObject(object, 0, omit);

/**
 * A deep copy with object keys inserted in canonical order, so that `JSON.stringify` of the copy
 * (what a store writes) is already canonical text and verifying it later takes the fast path.
 * Integer-like keys ("2", "10") always enumerate in numeric order in JS; for those the copy is
 * merely valid and `canonicalJson` still sorts them correctly.
 */
export const canonicalCopy = <T>(value: T): T => copy(value, 0, { inOrder: true }) as T;

/** A canonical copy and its canonical text (what the chain stores and hashes). */
export interface CanonicalForm<T> {
  readonly value: T;
  readonly json: string;
}

/**
 * `canonicalCopy` and `canonicalJson` of the copy, in one walk: the copy notes whether its keys
 * enumerate in canonical order (no integer-like key, which JS enumerates first, numerically), and
 * then the native `JSON.stringify` prints it without `canonicalJson` checking it again. Same text
 * as `canonicalJson(value)` in every case.
 */
export const canonicalForm = <T>(value: T): CanonicalForm<T> => {
  switch (typeof value) {
    case 'string':
      return { value, json: JSON.stringify(value) };
    case 'number':
      return { value, json: JSON.stringify(finite(value)) };
    default: {
      const order = { inOrder: true };
      const copied = copy(value, 0, order) as T;
      return {
        value: copied,
        json: order.inOrder ? JSON.stringify(copied) : canonicalJson(copied),
      };
    }
  }
};

const serialize = (value: unknown, depth: number): string => {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return JSON.stringify(finite(value));
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          out += (i > 0 ? ',' : '') + serialize(value[i], deeper(depth));
        }
        return out + ']';
      }
      return serializeObject(value as Record<string, unknown>, deeper(depth), undefined);
    }
    default:
      throw unsupported(`a ${typeof value} has no JSON form`);
  }
};

const serializeObject = (
  object: Readonly<Record<string, unknown>>,
  depth: number,
  omit: string | undefined,
): string => {
  assertPlain(object);
  const keys = Object.keys(object).sort();
  let out = '{';
  for (const key of keys) {
    if (key === omit) continue;
    out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':';
    out += serialize(defined(object[key], key), depth);
  }
  return out + '}';
};

/** True when `JSON.stringify(value)` is canonical; throws on anything that is not JSON. */
const isPrintableAsIs = (value: unknown, depth: number): boolean => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      finite(value);
      return true;
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!isPrintableAsIs(value[i], deeper(depth))) return false;
        }
        return true;
      }
      assertPlain(value);
      let previous: string | undefined;
      for (const key in value) {
        if (previous !== undefined && previous > key) return false;
        previous = key;
        const child = defined((value as Record<string, unknown>)[key], key);
        if (!isPrintableAsIs(child, deeper(depth))) return false;
      }
      return true;
    }
    default:
      throw unsupported(`a ${typeof value} has no JSON form`);
  }
};

/** `inOrder` is cleared on meeting a key that may be integer-like (it starts with a digit). */
interface KeyOrder {
  inOrder: boolean;
}

const copy = (value: unknown, depth: number, order: KeyOrder): unknown => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return finite(value);
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) out[i] = copy(value[i], deeper(depth), order);
        return out;
      }
      assertPlain(value);
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(source).sort()) {
        const first = key.charCodeAt(0);
        if (first >= 48 && first <= 57) order.inOrder = false;
        const child = copy(defined(source[key], key), deeper(depth), order);
        // A parsed `{"__proto__": ...}` is an own key; plain assignment would set the prototype.
        if (key === '__proto__') {
          Object.defineProperty(out, key, {
            value: child,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        } else {
          out[key] = child;
        }
      }
      return out;
    }
    default:
      throw unsupported(`a ${typeof value} has no JSON form`);
  }
};

const finite = (value: number): number => {
  if (!Number.isFinite(value)) throw unsupported(`${String(value)} is not a finite number`);
  return value;
};

const defined = (value: unknown, key: string): unknown => {
  if (value === undefined) throw unsupported(`key ${JSON.stringify(key)} is undefined`);
  return value;
};

// Any realm's Object.prototype counts (jest runs tests in a VM context, workers in another).
const assertPlain = (value: object): void => {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) {
    throw unsupported(`a ${value.constructor?.name ?? 'non-plain'} object is not JSON`);
  }
};

const deeper = (depth: number): number => {
  if (depth >= MAX_DEPTH) throw unsupported(`nested deeper than ${MAX_DEPTH} levels (a cycle?)`);
  return depth + 1;
};

const unsupported = (reason: string): CanonicalJsonError => new CanonicalJsonError(reason);
