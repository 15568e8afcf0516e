import { Body, Controller, Delete, Param, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandMeta } from '../../infrastructure/command-handling/decider-command.js';
import { jsonBody, RequestMeta } from '../../infrastructure/http/command-request.js';
import { toCommandResponse } from '../../infrastructure/http/command-response.js';
import {
  AttachPortfolioToParentCommand,
  DetachPortfolioFromParentCommand,
} from './portfolio-parent.commands.js';

@Controller('portfolios/:portfolioId/parent')
export class PortfolioParentHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Body `{ parentId, fromDay? }`; `fromDay` defaults to the first open trading day. */
  @Put()
  async attach(
    @Param('portfolioId') portfolioId: string,
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
  ) {
    const body = jsonBody(raw);
    const outcome = await this.commands.execute(
      new AttachPortfolioToParentCommand(
        portfolioId,
        body['parentId'] as string,
        body['fromDay'] as string | undefined,
        meta,
      ),
    );
    return { portfolioId, ...toCommandResponse(outcome) };
  }

  /** `?fromDay=YYYY-MM-DD`, by default the first open trading day. */
  @Delete()
  async detach(
    @Param('portfolioId') portfolioId: string,
    @Query('fromDay') fromDay: string | undefined,
    @RequestMeta() meta: CommandMeta,
  ) {
    const outcome = await this.commands.execute(
      new DetachPortfolioFromParentCommand(portfolioId, fromDay, meta),
    );
    return { portfolioId, ...toCommandResponse(outcome) };
  }
}
