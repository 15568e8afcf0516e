import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { forecastDecider } from '../../../domain/forecasting/forecast-decider.js';
import type { ForecastIssued } from '../../../domain/forecasting/forecast-events.js';
import { toForecastStreamId } from '../../../domain/forecasting/forecast-ids.js';
import { forecastById, type IssuedForecast } from '../../../domain/forecasting/forecast-state.js';
import { CLOCK, type Clock } from '../../../domain/shared/clock.port.js';
import { AggregateReader } from '../../infrastructure/command-handling/aggregate-reader.js';
import type { CommandMeta } from '../../infrastructure/command-handling/decider-command.js';
import type { CommandOutcome } from '../../infrastructure/command-handling/handle-command.js';
import { ForecastIssuer } from './forecast-issuer.js';
import { RecordForecastCommand, type IssueForecastRequest } from './forecast.commands.js';

export interface IssueOutcome {
  readonly streamId: string;
  /** The forecast as stored: the new version, or the one a retry found already there. */
  readonly forecast: IssuedForecast;
  readonly outcome: CommandOutcome;
}

/**
 * Issues a portfolio's forecast for a trading day: computes it (ForecastIssuer, at the clock's
 * instant unless the request names one) and appends it through the command bus, so that the
 * forecast stream's decider alone decides the version and refuses conflicts.
 */
@Injectable()
export class ForecastIssuingService {
  constructor(
    private readonly issuer: ForecastIssuer,
    private readonly commands: CommandBus,
    private readonly reader: AggregateReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(request: IssueForecastRequest, meta: CommandMeta): Promise<IssueOutcome> {
    const issue = await this.issuer.prepare(request, this.clock.now());
    const outcome = await this.commands.execute(new RecordForecastCommand(issue, meta));
    const streamId = toForecastStreamId(issue.data.portfolioId, issue.data.tradingDay);
    const appended = outcome.events.find((event) => event.type === 'ForecastIssued');
    if (appended !== undefined)
      return { streamId, forecast: (appended as unknown as ForecastIssued).data, outcome };
    // A retry: the same forecast is already on the stream.
    const state = await this.reader.load(streamId, forecastDecider);
    const stored = forecastById(state, issue.data.forecastId);
    if (stored === undefined) throw new Error(`forecast ${issue.data.forecastId} vanished`);
    return { streamId, forecast: stored, outcome };
  }
}
