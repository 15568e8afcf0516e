import { createHash, type Hash } from 'node:crypto';
import { canonicalJson } from '../../infrastructure/audit/canonical-json.js';

/**
 * SHA-256 over a sequence of JSON parts, each in canonical form (RFC 8785) and length-prefixed so
 * that no two different sequences hash alike. Parts are fed one by one: a 100,000-DER portfolio
 * is never one giant string.
 */
export class InputsDigest {
  private readonly hash: Hash = createHash('sha256');

  add(part: unknown): this {
    const text = canonicalJson(part);
    this.hash.update(`${text.length}:`).update(text);
    return this;
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}

/** SHA-256 hex of the bytes of a typed array (a meter history), cheap to hash and to compare. */
export const digestOfValues = (values: Float64Array): string =>
  createHash('sha256')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex');
