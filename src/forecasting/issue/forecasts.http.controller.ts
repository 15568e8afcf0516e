import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { KpxSubmissionSlot } from '../../../domain/forecasting/kpx-scheme/index.js';
import type { CommandMeta } from '../../infrastructure/command-handling/decider-command.js';
import { jsonBody, RequestMeta } from '../../infrastructure/http/command-request.js';
import { createdOrOk } from '../../infrastructure/http/command-response.js';
import { ForecastIssuingService } from './forecast-issuing.service.js';
import { forecastSummary } from './forecast-view.js';
import { SubmitKpxForecastCommand } from './forecast.commands.js';
import { GetDerForecastQuery, GetForecastQuery } from './get-forecast.query.js';

@Controller('portfolios')
export class ForecastsHttpController {
  constructor(
    private readonly issuing: ForecastIssuingService,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /**
   * Body `{ tradingDay, intervalMinutes? (60|15), issuedAt?, forecastId?, outlook? }`: computes the
   * portfolio's forecast and appends it as the day's next version (201), or finds the same
   * forecast already there (200). Answers the version's summary; GET it for the series.
   */
  @Post(':portfolioId/forecasts')
  async issue(
    @Param('portfolioId') portfolioId: string,
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = jsonBody(raw);
    const issued = await this.issuing.issue(
      {
        portfolioId,
        tradingDay: body['tradingDay'] as string,
        ...(body['intervalMinutes'] === undefined
          ? {}
          : { intervalMinutes: body['intervalMinutes'] as number }),
        ...(body['issuedAt'] === undefined ? {} : { issuedAt: body['issuedAt'] as string }),
        ...(body['forecastId'] === undefined ? {} : { forecastId: body['forecastId'] as string }),
        ...(body['outlook'] === undefined ? {} : { outlook: body['outlook'] }),
      },
      meta,
    );
    return createdOrOk(response, issued.outcome, {
      portfolioId,
      tradingDay: issued.forecast.tradingDay,
      streamId: issued.streamId,
      ...forecastSummary(issued.forecast),
    });
  }

  /** `?version=n`: that version; otherwise the latest. With the KPX gates, submissions, settled F. */
  @Get(':portfolioId/forecasts/:tradingDay')
  show(
    @Param('portfolioId') portfolioId: string,
    @Param('tradingDay') tradingDay: string,
    @Query('version') version: string | undefined,
  ) {
    return this.queries.execute(new GetForecastQuery(portfolioId, tradingDay, version));
  }

  /** A PV DER's share of the version, recomputed on demand (only micro-VPP series are stored). */
  @Get(':portfolioId/forecasts/:tradingDay/ders/:derId')
  der(
    @Param('portfolioId') portfolioId: string,
    @Param('tradingDay') tradingDay: string,
    @Param('derId') derId: string,
    @Query('version') version: string | undefined,
  ) {
    return this.queries.execute(new GetDerForecastQuery(portfolioId, tradingDay, derId, version));
  }

  /** Body `{ slot: 'first' | 'second', forecastVersion? }`: submits to KPX's forecast scheme. */
  @Post(':portfolioId/forecasts/:tradingDay/kpx-submissions')
  async submit(
    @Param('portfolioId') portfolioId: string,
    @Param('tradingDay') tradingDay: string,
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = jsonBody(raw);
    const version = body['forecastVersion'];
    const outcome = await this.commands.execute(
      new SubmitKpxForecastCommand(
        portfolioId,
        tradingDay,
        body['slot'] as KpxSubmissionSlot,
        version === undefined ? undefined : (version as number),
        meta,
      ),
    );
    const submitted = outcome.events[0]?.data as { forecastVersion?: number } | undefined;
    return createdOrOk(response, outcome, {
      portfolioId,
      tradingDay,
      slot: body['slot'],
      ...(submitted?.forecastVersion === undefined
        ? {}
        : { forecastVersion: submitted.forecastVersion }),
    });
  }
}
