import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '../../../domain/shared/id-generator.port.js';

/** Cryptographically random UUID v4 ids for production; simulations use `SeededIdGenerator`. */
@Injectable()
export class RandomIdGenerator implements IdGenerator {
  next(): string {
    return randomUUID();
  }
}
