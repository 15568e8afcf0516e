import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { Clock } from '../../../domain/shared/clock.port.js';

/** Wall-clock time of the host, in UTC. */
@Injectable()
export class SystemClock implements Clock {
  now(): DateTime {
    return DateTime.utc();
  }

  nowEpochMs(): number {
    return Date.now();
  }
}
