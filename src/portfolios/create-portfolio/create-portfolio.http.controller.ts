import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { PortfolioSettings } from '../../../domain/portfolios/index.js';
import type { CommandMeta } from '../../infrastructure/command-handling/decider-command.js';
import { jsonBody, RequestMeta } from '../../infrastructure/http/command-request.js';
import { createdOrOk } from '../../infrastructure/http/command-response.js';
import { CreatePortfolioCommand } from './create-portfolio.command.js';

@Controller('portfolios')
export class CreatePortfolioHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Body `{ portfolioId, name, settings }`; the decider validates the settings of the tier. */
  @Post()
  async create(
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = jsonBody(raw);
    const portfolioId = body['portfolioId'] as string;
    const outcome = await this.commands.execute(
      new CreatePortfolioCommand(
        portfolioId,
        body['name'] as string,
        body['settings'] as PortfolioSettings,
        meta,
      ),
    );
    return createdOrOk(response, outcome, { portfolioId });
  }
}
