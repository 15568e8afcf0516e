import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandMeta } from '../../infrastructure/command-handling/decider-command.js';
import { optionalJsonBody, RequestMeta } from '../../infrastructure/http/command-request.js';
import { toCommandResponse } from '../../infrastructure/http/command-response.js';
import { ClosePortfolioCommand } from './close-portfolio.command.js';

@Controller('portfolios')
export class ClosePortfolioHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Body `{ fromDay? }`, or none: closed from the first open trading day. */
  @Post(':portfolioId/close')
  @HttpCode(HttpStatus.OK)
  async close(
    @Param('portfolioId') portfolioId: string,
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
  ) {
    const fromDay = optionalJsonBody(raw)['fromDay'] as string | undefined;
    const outcome = await this.commands.execute(
      new ClosePortfolioCommand(portfolioId, fromDay, meta),
    );
    return { portfolioId, ...toCommandResponse(outcome) };
  }
}
