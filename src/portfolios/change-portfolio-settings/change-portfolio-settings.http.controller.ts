import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { PortfolioSettings } from '../../../domain/portfolios/index.js';
import type { CommandMeta } from '../../infrastructure/command-handling/decider-command.js';
import { jsonBody, RequestMeta } from '../../infrastructure/http/command-request.js';
import { toCommandResponse } from '../../infrastructure/http/command-response.js';
import { ChangePortfolioSettingsCommand } from './change-portfolio-settings.command.js';

@Controller('portfolios')
export class ChangePortfolioSettingsHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Body `{ settings, fromDay? }`; `fromDay` defaults to the first open trading day. */
  @Put(':portfolioId/settings')
  async change(
    @Param('portfolioId') portfolioId: string,
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
  ) {
    const body = jsonBody(raw);
    const outcome = await this.commands.execute(
      new ChangePortfolioSettingsCommand(
        portfolioId,
        body['settings'] as PortfolioSettings,
        body['fromDay'] as string | undefined,
        meta,
      ),
    );
    return { portfolioId, ...toCommandResponse(outcome) };
  }
}
