import { Body, Controller, Delete, Param, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandMeta } from '../../infrastructure/command-handling/decider-command.js';
import { jsonBody, RequestMeta } from '../../infrastructure/http/command-request.js';
import { toCommandResponse } from '../../infrastructure/http/command-response.js';
import {
  AssignDerToPortfolioCommand,
  RemoveDerFromPortfolioCommand,
} from './der-membership.commands.js';

@Controller('ders/:derId/membership')
export class DerMembershipHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Body `{ microPortfolioId, fromDay? }`; `fromDay` defaults to the first open trading day. */
  @Put()
  async assign(
    @Param('derId') derId: string,
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
  ) {
    const body = jsonBody(raw);
    const outcome = await this.commands.execute(
      new AssignDerToPortfolioCommand(
        derId,
        body['microPortfolioId'] as string,
        body['fromDay'] as string | undefined,
        meta,
      ),
    );
    return { derId, ...toCommandResponse(outcome) };
  }

  /** `?fromDay=YYYY-MM-DD`, by default the first open trading day. */
  @Delete()
  async remove(
    @Param('derId') derId: string,
    @Query('fromDay') fromDay: string | undefined,
    @RequestMeta() meta: CommandMeta,
  ) {
    const outcome = await this.commands.execute(
      new RemoveDerFromPortfolioCommand(derId, fromDay, meta),
    );
    return { derId, ...toCommandResponse(outcome) };
  }
}
