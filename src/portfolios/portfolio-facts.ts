import { Injectable } from '@nestjs/common';
import type { DateTime } from 'luxon';
import {
  portfolioDecider,
  portfolioExists,
  toPortfolioStreamId,
  type ExistingPortfolio,
} from '../../domain/portfolios/index.js';
import { DomainError, isDomainError } from '../../domain/shared/domain-error.js';
import { AggregateReader } from '../infrastructure/command-handling/aggregate-reader.js';
import { DayAheadCalendar } from '../market/day-ahead-calendar.js';

/**
 * What DER and portfolio commands need besides their own stream: the first trading day still
 * open, and the tier and status of the portfolio a DER joins or a child attaches to.
 */
@Injectable()
export class PortfolioFacts {
  constructor(
    private readonly calendar: DayAheadCalendar,
    private readonly reader: AggregateReader,
  ) {}

  firstOpenDay(now: DateTime): string {
    return this.calendar.firstOpenDay(now);
  }

  /** The portfolio as folded from its stream; `PORTFOLIO.NOT_FOUND` naming `field` otherwise. */
  async existing(portfolioId: string, field = 'portfolioId'): Promise<ExistingPortfolio> {
    const state = await this.reader.load(streamIdNaming(portfolioId, field), portfolioDecider);
    if (!portfolioExists(state))
      throw new DomainError('PORTFOLIO.NOT_FOUND', `no portfolio ${portfolioId}`, field);
    return state;
  }
}

/** The stream id, with a malformed id reported against the caller's field (e.g. `parentId`). */
export const streamIdNaming = (portfolioId: string, field: string): string => {
  try {
    return toPortfolioStreamId(portfolioId);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw new DomainError(error.code, error.message, field, error.details);
  }
};
