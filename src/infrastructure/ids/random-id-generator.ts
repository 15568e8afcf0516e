import { Injectable } from '@nestjs/common';
import { randomFillSync } from 'node:crypto';
import type { IdGenerator } from '../../../domain/shared/id-generator.port.js';

const POOL_BYTES = 16 * 1024;

/**
 * UUID v7 ids for production (RFC 9562): 48-bit Unix milliseconds, then 74 cryptographically
 * random bits. Ids made in the same millisecond (or after the wall clock steps back) keep rising
 * because the timestamp field then advances by one instead (RFC 9562 §6.2, method 3), which keeps
 * event-store index inserts at the end of the index. Simulations use `SeededIdGenerator`.
 */
@Injectable()
export class RandomIdGenerator implements IdGenerator {
  private lastMillis = -1;
  private readonly pool = Buffer.alloc(POOL_BYTES);
  private offset = POOL_BYTES;

  constructor(private readonly nowMillis: () => number = Date.now) {}

  next(): string {
    const millis = Math.max(this.nowMillis(), this.lastMillis + 1);
    this.lastMillis = millis;
    if (this.offset + 10 > POOL_BYTES) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const bytes = Buffer.allocUnsafe(16);
    bytes.writeUIntBE(millis, 0, 6);
    this.pool.copy(bytes, 6, this.offset, this.offset + 10);
    this.offset += 10;
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
